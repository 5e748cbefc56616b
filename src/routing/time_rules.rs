//! The time-dependent part of arc costs: permit gates at country entries,
//! daily time windows in local time, and the daily driving limit.
//!
//! Every rule is a non-decreasing function of the time a movement is ready
//! ("leave at max(ready, grant)", "leave at the next open minute"), so with
//! waiting allowed at hubs the network is FIFO and earliest-arrival Dijkstra
//! is exact (Dreyfus 1969; Kaufman & Smith 1993).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;

use super::graph::{ArcKind, RoutingGraph, NONE};
use super::permit_oracle::PermitOracle;
use crate::country::Country;
use crate::error::Error;
use crate::network::{DailyWindow, Mode};

/// The daily driving limit of a road column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DrivingRule {
    /// Most road driving between two rest halts, seconds.
    pub max_drive_secs: u32,
    /// Length of a rest halt, seconds; it resets the driving clock.
    pub rest_secs: u32,
}

impl DrivingRule {
    /// `max_hours` of driving, then a rest of `rest_hours`.
    pub fn hours(max_hours: f64, rest_hours: f64) -> DrivingRule {
        DrivingRule {
            max_drive_secs: (max_hours * 3600.0).round().max(1.0) as u32,
            rest_secs: (rest_hours * 3600.0).round().max(0.0) as u32,
        }
    }
}

/// How one arc was traversed from a ready time (seconds since the query epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traversal {
    /// When the movement was ready to take the arc.
    pub ready: i64,
    /// End of the wait for a permit grant (= `ready` if none).
    pub permit_until: i64,
    /// End of the wait for a time window (= `permit_until` if none).
    pub depart: i64,
    /// Arrival at the arc's head.
    pub arrive: i64,
}

/// Per-query time rules, prepared once per query.
pub struct QueryRules {
    /// Instant of time 0.
    pub epoch: DateTime<Utc>,
    /// Country of the origin hub: no permit needed to be there.
    pub origin_country: Option<Country>,
    /// Grant instant per country, seconds since epoch; `Err` = cannot be had.
    pub grants: BTreeMap<Country, Result<i64, String>>,
    /// The daily driving limit, if any.
    pub driving: Option<DrivingRule>,
    /// A window (local time of the hub left) in which road links may be
    /// entered, e.g. `22:00-06:00` for night-only movement of oversize loads.
    pub road_window: Option<DailyWindow>,
}

impl QueryRules {
    /// Rules for a query departing at `epoch`, requesting permits at `request`.
    pub fn new(
        g: &RoutingGraph,
        epoch: DateTime<Utc>,
        origin_hub: u32,
        permits: &dyn PermitOracle,
        request: DateTime<Utc>,
        driving: Option<DrivingRule>,
    ) -> QueryRules {
        let origin_country = g.hubs[origin_hub as usize].country;
        let mut grants = BTreeMap::new();
        for h in &g.hubs {
            if let Some(c) = h.country {
                if Some(c) != origin_country {
                    grants.entry(c).or_insert_with(|| {
                        permits
                            .grant(c, request)
                            .map(|t| (t - epoch).num_seconds())
                            .map_err(|e: Error| e.to_string())
                    });
                }
            }
        }
        QueryRules {
            epoch,
            origin_country,
            grants,
            driving,
            road_window: None,
        }
    }

    /// The instant `s` seconds after the epoch.
    pub fn instant(&self, s: i64) -> DateTime<Utc> {
        self.epoch + Duration::seconds(s)
    }

    /// Takes arc `a` (tail hub `tail_hub`) when ready at `ready`; `None` if
    /// the arc can never be taken (no permit obtainable, windows never meet).
    pub fn traverse(
        &self,
        g: &RoutingGraph,
        a: usize,
        tail_hub: u32,
        ready: i64,
    ) -> Option<Traversal> {
        let tail = &g.hubs[tail_hub as usize];
        let mut t = ready;
        let kind = g.kind[a];
        if kind == ArcKind::Move {
            let head_hub = &g.hubs[g.node_hub[g.head[a] as usize] as usize];
            if let Some(c) = head_hub.country {
                if head_hub.country != tail.country && Some(c) != self.origin_country {
                    match self.grants.get(&c) {
                        Some(Ok(gt)) => t = t.max(*gt),
                        Some(Err(_)) => return None,
                        None => {}
                    }
                }
            }
        }
        let permit_until = t;
        // Daily windows as (time zone, window, offset): the window must be
        // open at `depart + offset`. A hub with opening hours can be left
        // and worked only while open, and entered only while open (offset =
        // the arc's duration); a link's window is in the local time of its
        // `from` hub; the road window applies to road moves.
        let head = &g.hubs[g.node_hub[g.head[a] as usize] as usize];
        let cost = g.cost[a] as i64;
        let link_window = (g.link[a] != NONE)
            .then(|| &g.links[g.link[a] as usize])
            .and_then(|l| l.open_hours.map(|w| (g.hubs[l.from_hub as usize].tz, w, 0)));
        let road_window = (kind == ArcKind::Move && g.node_mode[g.head[a] as usize] == Mode::Road)
            .then_some(self.road_window)
            .flatten()
            .map(|w| (tail.tz, w, 0));
        let arrival_window = (kind == ArcKind::Move)
            .then_some(head.opening_hours)
            .flatten()
            .map(|w| (head.tz, w, cost));
        let windows = [
            tail.opening_hours.map(|w| (tail.tz, w, 0)),
            link_window,
            road_window,
            arrival_window,
        ];
        let depart = self.next_open(&windows, t)?;
        Some(Traversal {
            ready,
            permit_until,
            depart,
            arrive: depart + cost,
        })
    }

    /// Earliest time ≥ `t` at which every window is open at `t + offset`.
    fn next_open(&self, windows: &[Option<(Tz, DailyWindow, i64)>], t: i64) -> Option<i64> {
        if windows.iter().all(Option::is_none) {
            return Some(t);
        }
        let mut t = t;
        // Each round moves to the next opening of a closed window; windows
        // repeat daily, so if they meet at all they meet within two days.
        for _ in 0..32 {
            let wait = windows
                .iter()
                .flatten()
                .map(|&(tz, w, off)| wait_secs(tz, w, self.instant(t + off)))
                .max()
                .unwrap_or(0);
            if wait == 0 {
                return Some(t);
            }
            t += wait;
        }
        None
    }

    /// Whether road driving on arc `a` counts against the driving limit.
    pub fn is_driving(g: &RoutingGraph, a: usize) -> bool {
        g.kind[a] == ArcKind::Move && g.node_mode[g.head[a] as usize] == Mode::Road
    }
}

/// Seconds to wait at instant `at` until window `w` (local time in `tz`) is open.
fn wait_secs(tz: Tz, w: DailyWindow, at: DateTime<Utc>) -> i64 {
    let local = at.with_timezone(&tz);
    let s = local.num_seconds_from_midnight() as i64;
    let minute = (s / 60) as u16;
    if w.contains(minute) {
        return 0;
    }
    let start = w.start_min as i64 * 60;
    let wait = if s < start {
        start - s
    } else {
        86_400 - s + start
    };
    // A DST change inside the wait shifts local time by up to an hour; the
    // caller re-checks, so a short wait here is corrected next round.
    wait.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn window_waits_in_local_time() {
        let w: DailyWindow = "22:00-06:00".parse().unwrap();
        // 12:00 UTC = 13:00 CET in winter: wait 9 h until 22:00 local.
        let at = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        assert_eq!(wait_secs(Tz::Europe__Berlin, w, at), 9 * 3600);
        // 22:30 local is open.
        let at = Utc.with_ymd_and_hms(2026, 1, 15, 21, 30, 0).unwrap();
        assert_eq!(wait_secs(Tz::Europe__Berlin, w, at), 0);
    }
}
