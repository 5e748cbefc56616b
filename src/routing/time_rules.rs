//! The time-dependent part of arc costs: permit gates at country entries,
//! daily time windows in local time, and the daily driving limit.
//!
//! Every rule is a non-decreasing function of the time a movement is ready
//! ("leave at max(ready, grant)", "leave at the next open minute"), so with
//! waiting allowed at hubs the network is FIFO and earliest-arrival Dijkstra
//! is exact (Dreyfus 1969; Kaufman & Smith 1993).

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Duration, LocalResult, NaiveTime, TimeZone, Timelike, Utc};
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

/// Seconds to wait at instant `at` until window `w` (local time in `tz`) is
/// open: the first instant after `at` at which the local clock shows the
/// window's opening time, found on the real local calendar so that days of
/// 23 or 25 hours (DST changes) are handled exactly. An opening time that
/// falls in a spring-forward gap opens when the gap ends (the clocks jump); one that occurs
/// twice in an autumn fall-back hour opens at the first occurrence after `at`.
fn wait_secs(tz: Tz, w: DailyWindow, at: DateTime<Utc>) -> i64 {
    let local = at.with_timezone(&tz);
    let minute = (local.num_seconds_from_midnight() / 60) as u16;
    if w.contains(minute) {
        return 0;
    }
    let open = NaiveTime::from_hms_opt(u32::from(w.start_min / 60), u32::from(w.start_min % 60), 0)
        .unwrap_or(NaiveTime::MIN);
    let today = local.date_naive();
    let mut best: Option<DateTime<Utc>> = None;
    for day in 0..3u64 {
        let Some(date) = today.checked_add_days(Days::new(day)) else {
            break;
        };
        let wall = date.and_time(open);
        let candidates: Vec<DateTime<Utc>> = match tz.from_local_datetime(&wall) {
            LocalResult::Single(x) => vec![x.to_utc()],
            LocalResult::Ambiguous(a, b) => vec![a.to_utc(), b.to_utc()],
            // In a gap: the window opens when the clocks jump, i.e. at the
            // first local minute after `wall` that exists.
            LocalResult::None => (1..=180)
                .find_map(|m| {
                    tz.from_local_datetime(&(wall + Duration::minutes(m)))
                        .earliest()
                })
                .map(|x| vec![x.to_utc()])
                .unwrap_or_default(),
        };
        if let Some(c) = candidates.into_iter().filter(|c| *c > at).min() {
            best = Some(best.map_or(c, |b| b.min(c)));
            break;
        }
    }
    best.map_or(86_400, |b| (b - at).num_seconds().max(1))
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

    #[test]
    fn windows_across_dst_changes() {
        // Spring forward (29 Mar 2026, 02:00 CET → 03:00 CEST): 06:00 local = 04:00 UTC.
        let w: DailyWindow = "06:00-06:30".parse().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap();
        assert_eq!(wait_secs(Tz::Europe__Berlin, w, at), 3 * 3600 + 1800);
        // Fall back (25 Oct 2026, 03:00 CEST → 02:00 CET): 02:30 occurs at
        // 00:30 UTC and again at 01:30 UTC; at 00:45 UTC the next is 01:30.
        let w: DailyWindow = "02:30-02:40".parse().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 10, 25, 0, 45, 0).unwrap();
        assert_eq!(wait_secs(Tz::Europe__Berlin, w, at), 45 * 60);
        // Opening in the spring gap (02:15 does not exist): the window
        // 02:15-03:15 opens when the clocks jump to 03:00 CEST = 01:00 UTC.
        let w: DailyWindow = "02:15-03:15".parse().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 28, 23, 0, 0).unwrap();
        assert_eq!(wait_secs(Tz::Europe__Berlin, w, at), 2 * 3600);
    }

    #[test]
    fn next_opening_is_monotone_over_dst_weeks() {
        let w: DailyWindow = "06:00-06:30".parse().unwrap();
        for start in [
            Utc.with_ymd_and_hms(2026, 3, 27, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 10, 23, 0, 0, 0).unwrap(),
        ] {
            let mut last = start;
            for m in (0..5 * 24 * 60).step_by(7) {
                let at = start + Duration::minutes(m);
                let open = at + Duration::seconds(wait_secs(Tz::Europe__Berlin, w, at));
                assert!(open >= last, "not monotone at {at}");
                let local = open.with_timezone(&Tz::Europe__Berlin);
                assert!(
                    w.contains((local.num_seconds_from_midnight() / 60) as u16),
                    "closed at {local}"
                );
                last = open;
            }
        }
    }
}
