//! The capacity reservation table of a movement plan: what units already
//! planned have taken of each link's entry capacity and each hub's handling
//! capacity, over time. Seen through [`ReservationView`] it is an
//! [`ArcTiming`]: "the next free slot at or after t", a non-decreasing
//! function of t, so every unit's earliest-arrival search stays exact
//! against the units before it (capacity-constrained route planning,
//! Lu, George & Shekhar 2005).
//!
//! Capacity semantics (exact, so an independent checker can verify a plan):
//! - **Link**: units entering a link in the same direction are at least a
//!   headway apart: `max(period / capacity, pass time of the unit ahead)`;
//!   a link with no capacity is uncapacitated.
//! - **Hub service** (loading or unloading a mode, gauge change on rail):
//!   at most `ceil(capacity_per_day × handling_min / 1440)` units handled at
//!   once (at least 1; rounded up, so a service may pass somewhat more than
//!   `capacity_per_day` when that product is not whole);
//!   loading, unloading and (on rail) gauge change share the service.
//!
//! Times are seconds since the plan's epoch.

use crate::network::Mode;
use crate::routing::{ArcIdx, ArcKind, ArcTiming, HubIdx, Topology, WaitCause};

/// One unit's entry into a link direction: (entry instant, pass time), s.
type Entry = (i64, i64);

/// Busy intervals of one hub service: `[start, end)`, seconds.
type Busy = (i64, i64);

/// What units already planned hold of the network's capacity.
#[derive(Debug, Clone)]
pub struct ReservationTable {
    /// Headway per arc from its link's capacity, seconds (`None` = uncapacitated).
    arc_headway: Vec<Option<i64>>,
    /// Entries per arc, sorted by entry instant.
    entries: Vec<Vec<Entry>>,
    /// Longest pass time among each arc's entries, seconds.
    max_pass: Vec<i64>,
    /// How many units each hub service handles at once (`None` = no limit),
    /// indexed by `hub * 5 + mode`.
    at_once: Vec<Option<u32>>,
    /// Busy intervals per hub service, sorted by start.
    busy: Vec<Vec<Busy>>,
}

/// The hub service an arc uses, if it is a transfer.
fn service_of(topo: &Topology, a: ArcIdx) -> Option<(HubIdx, Mode)> {
    let hub = topo.node_hub(topo.arc_tail(a));
    match topo.arc_kind(a) {
        ArcKind::Load(m) | ArcKind::Unload(m) => Some((hub, m)),
        ArcKind::GaugeChange => Some((hub, Mode::Rail)),
        ArcKind::Move => None,
    }
}

impl ReservationTable {
    /// An empty table for a topology, with headways from each link's typed
    /// capacity scaled by `capacity_factor(link)` (1 = intact, 0.5 =
    /// halved; 0 or less = the link carries nothing — closures are applied
    /// elsewhere, so such a link keeps its intact headway here).
    pub fn new(
        topo: &Topology,
        capacity_factor: &dyn Fn(crate::routing::LinkIdx) -> f64,
    ) -> ReservationTable {
        let arc_headway = (0..topo.arc_count() as u32)
            .map(|a| {
                let l = topo.arc_link(ArcIdx(a))?;
                let cap = topo.link(l).capacity?;
                let f = capacity_factor(l);
                let cap = if f > 0.0 && f.is_finite() {
                    cap.scaled(f)
                } else {
                    cap
                };
                cap.headway_secs().map(|h| h.ceil() as i64)
            })
            .collect();
        let at_once = topo
            .hubs
            .iter()
            .flat_map(|h| {
                h.services
                    .iter()
                    .map(|s| s.and_then(|s| s.handled_at_once()))
            })
            .collect();
        ReservationTable {
            arc_headway,
            entries: vec![Vec::new(); topo.arc_count()],
            max_pass: vec![0; topo.arc_count()],
            busy: vec![Vec::new(); topo.hub_count() * 5],
            at_once,
        }
    }

    /// The headway of an arc, seconds (`None` = uncapacitated).
    pub fn headway(&self, a: ArcIdx) -> Option<i64> {
        self.arc_headway[a.index()]
    }

    /// How many units the service of `hub` on `mode` handles at once.
    pub fn at_once(&self, hub: HubIdx, mode: Mode) -> Option<u32> {
        self.at_once[hub.index() * 5 + mode.index()]
    }

    /// The earliest entry ≥ `t` into arc `a` for a unit whose pass time is
    /// `pass` seconds.
    pub fn next_link_slot(&self, a: ArcIdx, t: i64, pass: i64) -> i64 {
        let Some(h) = self.arc_headway[a.index()] else {
            return t;
        };
        let list = &self.entries[a.index()];
        let mut t = t;
        // Entries sorted by instant; the forbidden window around entry e is
        // (e − max(h, pass), e + max(h, pass_e)). Scan from the first entry
        // whose window can reach t.
        let reach = h.max(pass).max(self.max_pass[a.index()]);
        let start = list.partition_point(|e| e.0 + reach <= t);
        for &(e, pe) in &list[start..] {
            let before = e - h.max(pass);
            let after = e + h.max(pe);
            if t <= before {
                break;
            }
            if t < after {
                t = after;
            }
        }
        t
    }

    /// The earliest start ≥ `t` at which the service of arc `a` can handle a
    /// unit for `d` seconds without exceeding its at-once limit.
    pub fn next_service_slot(&self, topo: &Topology, a: ArcIdx, t: i64, d: i64) -> i64 {
        let Some((hub, mode)) = service_of(topo, a) else {
            return t;
        };
        let Some(k) = self.at_once(hub, mode) else {
            return t;
        };
        let busy = &self.busy[hub.index() * 5 + mode.index()];
        let fits = |s: i64| {
            // Most intervals overlapping at any instant of [s, s + d): the
            // overlap count only rises at interval starts, so check s and
            // every start inside the window.
            let count_at = |x: i64| busy.iter().filter(|b| b.0 <= x && x < b.1).count();
            let mut most = count_at(s);
            for b in busy.iter().filter(|b| b.0 > s && b.0 < s + d) {
                most = most.max(count_at(b.0));
            }
            most < k as usize
        };
        if fits(t) {
            return t;
        }
        // The earliest feasible start is t or the end of some interval.
        let mut ends: Vec<i64> = busy.iter().map(|b| b.1).filter(|&e| e > t).collect();
        ends.sort_unstable();
        ends.into_iter().find(|&e| fits(e)).unwrap_or(t)
    }

    /// Records a unit entering arc `a` at `t` with pass time `pass`, or
    /// handled from `t` for `d` seconds when `a` is a transfer.
    pub fn reserve(&mut self, topo: &Topology, a: ArcIdx, t: i64, pass: i64, d: i64) {
        if let Some((hub, mode)) = service_of(topo, a) {
            if self.at_once(hub, mode).is_some() {
                let v = &mut self.busy[hub.index() * 5 + mode.index()];
                let at = v.partition_point(|b| b.0 <= t);
                v.insert(at, (t, t + d));
            }
            return;
        }
        if self.arc_headway[a.index()].is_some() {
            let v = &mut self.entries[a.index()];
            let at = v.partition_point(|e| e.0 <= t);
            v.insert(at, (t, pass));
            let m = &mut self.max_pass[a.index()];
            *m = (*m).max(pass);
        }
    }

    /// Entries recorded on arc `a` (instant, pass time), sorted.
    pub fn entries(&self, a: ArcIdx) -> &[(i64, i64)] {
        &self.entries[a.index()]
    }

    /// Busy intervals of the service of `hub` on `mode`, sorted by start.
    pub fn busy(&self, hub: HubIdx, mode: Mode) -> &[(i64, i64)] {
        &self.busy[hub.index() * 5 + mode.index()]
    }
}

/// The table as one unit's search sees it: times relative to the unit's
/// own epoch (`offset` seconds after the plan's), with the unit's pass
/// time.
pub struct ReservationView<'a> {
    /// The table.
    pub table: &'a ReservationTable,
    /// The topology it is for.
    pub topo: &'a Topology,
    /// Seconds from the plan epoch to the unit's epoch.
    pub offset: i64,
    /// The unit's pass time on links, seconds.
    pub pass: i64,
}

impl ArcTiming for ReservationView<'_> {
    fn entry(&self, a: ArcIdx, t: i64, duration: u32) -> Option<i64> {
        let abs = t + self.offset;
        let next = match self.topo.arc_kind(a) {
            ArcKind::Move => self.table.next_link_slot(a, abs, self.pass),
            _ => self
                .table
                .next_service_slot(self.topo, a, abs, i64::from(duration)),
        };
        Some(next - self.offset)
    }

    fn cause(&self) -> WaitCause {
        WaitCause::Capacity
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{Capacity, HubKind, ModeService, NetworkMeta};
    use crate::{Country, Hub, Link, Network};

    fn net() -> Topology {
        let de = Country::parse("DE").unwrap();
        let mut n = Network::new(NetworkMeta::default());
        let mut a = Hub::new("A", "A", de, 10.0, 50.0, &[HubKind::Railhead]);
        // 8 trains a day, 3 h each: one at a time.
        a.services.insert(
            Mode::Rail,
            ModeService {
                handling_min: Some(180.0),
                capacity_per_day: Some(8.0),
                unloading_min: None,
            },
        );
        n.add_hub(a).unwrap();
        n.add_hub(Hub::new("B", "B", de, 11.0, 50.0, &[HubKind::Junction]))
            .unwrap();
        let mut road = Link::new("AB", "A", "B", Mode::Road, 80.0);
        road.capacity = Some(Capacity::per_hour(4.0)); // 900 s headway
        n.add_link(road).unwrap();
        let mut rail = Link::new("T", "A", "B", Mode::Rail, 80.0);
        rail.limits.gauge_mm = Some(1435);
        n.add_link(rail).unwrap();
        Topology::build(&n)
    }

    #[test]
    fn link_headways_on_both_sides_of_an_entry() {
        let topo = net();
        let mut t = ReservationTable::new(&topo, &|_| 1.0);
        let a = topo
            .link_arcs(topo.link_by_id("AB").unwrap())
            .next()
            .unwrap();
        assert_eq!(t.headway(a), Some(900));
        t.reserve(&topo, a, 10_000, 1_200, 0);
        // Right after: max(headway, pass of the unit ahead) = 1,200 s later.
        assert_eq!(t.next_link_slot(a, 10_000, 60), 11_200);
        // Well before: free; just before: must keep max(headway, own pass).
        assert_eq!(t.next_link_slot(a, 9_000, 60), 9_000);
        assert_eq!(t.next_link_slot(a, 9_500, 60), 11_200);
        assert_eq!(t.next_link_slot(a, 9_500, 100), 11_200);
        // A second entry chains the windows.
        t.reserve(&topo, a, 11_200, 60, 0);
        assert_eq!(t.next_link_slot(a, 10_500, 60), 12_100);
        // Non-decreasing in t.
        let mut last = 0;
        for x in (8_000..14_000).step_by(37) {
            let y = t.next_link_slot(a, x, 300);
            assert!(y >= x && y >= last);
            last = y;
        }
    }

    #[test]
    fn hub_service_handles_at_most_its_limit_at_once() {
        let topo = net();
        let hub = topo.hub_by_id("A").unwrap();
        let mut t = ReservationTable::new(&topo, &|_| 1.0);
        assert_eq!(t.at_once(hub, Mode::Rail), Some(1));
        let load = topo
            .out_arcs(topo.road_node(hub))
            .find(|&a| topo.arc_kind(a) == ArcKind::Load(Mode::Rail))
            .unwrap();
        t.reserve(&topo, load, 0, 0, 10_800);
        // The ramp is busy until 3 h: a second train starts then.
        assert_eq!(t.next_service_slot(&topo, load, 0, 10_800), 10_800);
        assert_eq!(t.next_service_slot(&topo, load, 5_000, 3_600), 10_800);
        // Before the first train, only if it is done by then.
        t.reserve(&topo, load, 20_000, 0, 10_800);
        assert_eq!(t.next_service_slot(&topo, load, 10_800, 9_000), 10_800);
        assert_eq!(t.next_service_slot(&topo, load, 10_800, 10_000), 30_800);
    }
}
