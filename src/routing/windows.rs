//! Local-time windows: hub opening hours (a hub with opening hours can be
//! left, worked and entered only while open), link entry windows (in the
//! local time of the link's `from` hub) and a query-wide road window (e.g.
//! `22:00-06:00`: night-only movement of oversize loads). An
//! [`ArcTiming`]: "leave at the next instant every window is open", which
//! is non-decreasing in the ready instant.

use chrono::{DateTime, Days, Duration, LocalResult, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use super::ids::ArcIdx;
use super::timing::{ArcTiming, WaitCause};
use super::topology::{ArcKind, Topology, NONE};
use crate::network::{DailyWindow, Mode};

/// The time windows of one query.
#[derive(Debug, Clone)]
pub struct TimeWindows<'a> {
    topo: &'a Topology,
    epoch: DateTime<Utc>,
    road_window: Option<DailyWindow>,
    rail_window: Option<DailyWindow>,
    any: bool,
}

impl<'a> TimeWindows<'a> {
    /// The topology's hub and link windows, plus an optional road window
    /// (local time of the hub left) for every road move, for a query whose
    /// time 0 is `epoch`.
    pub fn new(
        topo: &'a Topology,
        epoch: DateTime<Utc>,
        road_window: Option<DailyWindow>,
    ) -> TimeWindows<'a> {
        let any = road_window.is_some()
            || topo.hubs.iter().any(|h| h.opening_hours.is_some())
            || topo.links.iter().any(|l| l.open_hours.is_some());
        TimeWindows {
            topo,
            epoch,
            road_window,
            rail_window: None,
            any,
        }
    }

    /// Rail links may only be entered in this local-time window (of the hub
    /// left), e.g. the night paths of an exceptional train.
    pub fn with_rail_window(mut self, rail_window: Option<DailyWindow>) -> TimeWindows<'a> {
        self.any |= rail_window.is_some();
        self.rail_window = rail_window;
        self
    }

    /// Earliest `t' ≥ t` at which every window is open at `t' + offset`.
    fn next_open(&self, windows: &[Option<(Tz, DailyWindow, i64)>; 5], t: i64) -> Option<i64> {
        let mut t = t;
        // Each round moves to the next opening of a closed window; windows
        // repeat daily, so if they meet at all they meet within two days.
        for _ in 0..32 {
            let wait = windows
                .iter()
                .flatten()
                .map(|&(tz, w, off)| wait_secs(tz, w, self.epoch + Duration::seconds(t + off)))
                .max()
                .unwrap_or(0);
            if wait == 0 {
                return Some(t);
            }
            t += wait;
        }
        None
    }
}

impl ArcTiming for TimeWindows<'_> {
    fn entry(&self, a: ArcIdx, t: i64, duration: u32) -> Option<i64> {
        if !self.any {
            return Some(t);
        }
        let g = self.topo;
        let i = a.index();
        let tail = &g.hubs[g.node_hub[g.tail[i] as usize] as usize];
        let head = &g.hubs[g.node_hub[g.head[i] as usize] as usize];
        let is_move = g.kind[i] == ArcKind::Move;
        let link_window = (g.link[i] != NONE)
            .then(|| &g.links[g.link[i] as usize])
            .and_then(|l| l.open_hours.map(|w| (g.hubs[l.from.index()].tz, w, 0)));
        let road_window = (is_move && g.node_mode[g.head[i] as usize] == Mode::Road)
            .then_some(self.road_window)
            .flatten()
            .map(|w| (tail.tz, w, 0));
        let rail_window = (is_move && g.node_mode[g.head[i] as usize] == Mode::Rail)
            .then_some(self.rail_window)
            .flatten()
            .map(|w| (tail.tz, w, 0));
        let arrival_window = is_move
            .then_some(head.opening_hours)
            .flatten()
            .map(|w| (head.tz, w, i64::from(duration)));
        let windows = [
            tail.opening_hours.map(|w| (tail.tz, w, 0)),
            link_window,
            road_window,
            rail_window,
            arrival_window,
        ];
        if windows.iter().all(Option::is_none) {
            return Some(t);
        }
        self.next_open(&windows, t)
    }

    fn cause(&self) -> WaitCause {
        WaitCause::Window
    }
}

/// Seconds to wait at instant `at` until window `w` (local time in `tz`) is
/// open: the first instant after `at` at which the local clock shows the
/// window's opening time, found on the real local calendar so that days of
/// 23 or 25 hours (DST changes) are handled exactly. An opening time that
/// falls in a spring-forward gap opens when the gap ends (the clocks jump);
/// one that occurs twice in an autumn fall-back hour opens at the first
/// occurrence after `at`. Allocation-free.
pub(crate) fn wait_secs(tz: Tz, w: DailyWindow, at: DateTime<Utc>) -> i64 {
    let local = at.with_timezone(&tz);
    let minute = (local.num_seconds_from_midnight() / 60) as u16;
    if w.contains(minute) {
        return 0;
    }
    let open = NaiveTime::from_hms_opt(u32::from(w.start_min / 60), u32::from(w.start_min % 60), 0)
        .unwrap_or(NaiveTime::MIN);
    let today = local.date_naive();
    for day in 0..3u64 {
        let Some(date) = today.checked_add_days(Days::new(day)) else {
            break;
        };
        let wall = date.and_time(open);
        let (first, second) = match tz.from_local_datetime(&wall) {
            LocalResult::Single(x) => (Some(x.to_utc()), None),
            LocalResult::Ambiguous(a, b) => (Some(a.to_utc()), Some(b.to_utc())),
            // In a gap: the window opens when the clocks jump, i.e. at the
            // first local minute after `wall` that exists.
            LocalResult::None => (
                (1..=180).find_map(|m| {
                    tz.from_local_datetime(&(wall + Duration::minutes(m)))
                        .earliest()
                        .map(|x| x.to_utc())
                }),
                None,
            ),
        };
        let next = [first, second]
            .into_iter()
            .flatten()
            .filter(|c| *c > at)
            .min();
        if let Some(c) = next {
            let c = reopening_at_fall_back(tz, w, at, c).unwrap_or(c);
            return (c - at).num_seconds().max(1);
        }
    }
    86_400
}

/// When the clocks go back between `at` and the window's next opening `c`,
/// the repeated local hour may fall inside the window: then the window is
/// open again from the transition instant, before `c`. At most one
/// transition lies within the two days searched. Allocation-free.
fn reopening_at_fall_back(
    tz: Tz,
    w: DailyWindow,
    at: DateTime<Utc>,
    c: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    use chrono::Offset;
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    let (o0, o1) = (offset(at), offset(c));
    if o0 == o1 || o1.local_minus_utc() >= o0.local_minus_utc() {
        return None;
    }
    // Binary search the first second with the later offset.
    let (mut lo, mut hi) = (at, c);
    while (hi - lo).num_seconds() > 1 {
        let mid = lo + Duration::seconds((hi - lo).num_seconds() / 2);
        if offset(mid) == o0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let local = hi.with_timezone(&tz);
    w.contains((local.num_seconds_from_midnight() / 60) as u16)
        .then_some(hi)
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
    fn window_reopens_when_the_clocks_go_back_into_it() {
        // Vilnius, 25 Oct 2026: 04:00 EEST (01:00 UTC) becomes 03:00 EET.
        // A window 20:30-03:45 closes at 03:45 EEST (00:45 UTC) and is open
        // again from 01:00 UTC (03:00 EET) until 03:45 EET.
        let w: DailyWindow = "20:30-03:45".parse().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 10, 25, 0, 45, 0).unwrap();
        assert_eq!(wait_secs(Tz::Europe__Vilnius, w, at), 15 * 60);
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
