//! The conditions a force is planned under: links and hubs closed (for all
//! time or an interval) and time-bounded capacity reductions.
//!
//! Closures go into every unit's route request (the routing core's
//! [`Closures`](crate::routing::Closures) timing). A capacity reduction
//! gives the scheduler one more reservation table per *phase* (a stretch of
//! time with the same reductions in force; every table holds every
//! reservation). A unit may enter an arc at `t` if the intact table admits
//! it and, when `t` falls in a reduced phase, that phase's table does too.
//! Reduced tables only have longer headways and fewer services at once, so
//! a slot they admit the intact one admits; "the earliest such slot at or
//! after t" is a minimum over a set that shrinks as t grows: non-decreasing,
//! so the earliest-arrival search stays exact (FIFO).
//!
//! Permanent edits (upgrades, permanent capacity factors) are not
//! conditions: they are a network edit
//! ([`crate::analysis::Disruptions::edited_network`]).

use chrono::{DateTime, Utc};

use super::reservation::ReservationTable;
use crate::routing::{
    ArcIdx, ArcKind, ArcTiming, Closure, ClosureTarget, LinkIdx, Topology, WaitCause,
};

/// Seconds standing for "for all time".
const FOREVER: i64 = i64::MAX / 4;

/// Closures and time-bounded capacity reductions a plan is made under
/// (empty: the network as it is). Built from a disruption file by
/// [`crate::analysis::Disruptions::resolve`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conditions {
    /// Links and hubs closed, for all time or an interval
    /// (`capacity_factor` 0).
    pub closures: Vec<Closure>,
    /// Capacity reductions with their intervals (`capacity_factor` in
    /// (0, 1): the remaining share of the link's entry capacity or of every
    /// handling service's `capacity_per_day` at the hub).
    pub reductions: Vec<Closure>,
}

impl Conditions {
    /// Nothing closed, nothing reduced.
    pub fn is_empty(&self) -> bool {
        self.closures.is_empty() && self.reductions.is_empty()
    }
}

/// One capacity phase: `[start, end)` seconds since the plan epoch, the
/// table of that phase's reduced capacities.
#[derive(Clone)]
struct Phase {
    start: i64,
    end: i64,
    table: ReservationTable,
}

/// The reservation tables one schedule reserves in: the intact one and one
/// per reduced phase (module docs).
#[derive(Clone)]
pub(crate) struct PhasedTables {
    /// The intact table (what the plan's utilisation and checks read).
    pub(crate) intact: ReservationTable,
    phases: Vec<Phase>,
}

impl PhasedTables {
    /// The tables for `conditions`' capacity reductions, times counted from
    /// `epoch`.
    pub(crate) fn new(topo: &Topology, epoch: DateTime<Utc>, conditions: &Conditions) -> Self {
        let intact = ReservationTable::new(topo, &|_| 1.0);
        let secs = |t: Option<DateTime<Utc>>, none: i64| {
            t.map_or(none, |t| (t - epoch).num_seconds().clamp(-FOREVER, FOREVER))
        };
        let spans: Vec<(ClosureTarget, i64, i64, f64)> = conditions
            .reductions
            .iter()
            .map(|c| {
                (
                    c.target,
                    secs(c.from, -FOREVER),
                    secs(c.until, FOREVER),
                    c.capacity_factor,
                )
            })
            .filter(|s| s.1 < s.2 && s.3 > 0.0 && s.3 < 1.0)
            .collect();
        let mut cuts: Vec<i64> = spans.iter().flat_map(|s| [s.1, s.2]).collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut phases = Vec::new();
        for w in cuts.windows(2) {
            let (start, end) = (w[0], w[1]);
            let active: Vec<&(ClosureTarget, i64, i64, f64)> = spans
                .iter()
                .filter(|s| s.1 <= start && end <= s.2)
                .collect();
            if active.is_empty() {
                continue;
            }
            let link_factor = |l: LinkIdx| {
                active
                    .iter()
                    .filter(|s| s.0 == ClosureTarget::Link(l))
                    .map(|s| s.3)
                    .product::<f64>()
            };
            // Hub reductions: a topology copy with scaled service capacities.
            let mut scaled = None;
            for s in &active {
                if let ClosureTarget::Hub(h) = s.0 {
                    let t = scaled.get_or_insert_with(|| topo.clone());
                    for svc in t.hubs[h.index()].services.iter_mut().flatten() {
                        svc.capacity_per_day = svc.capacity_per_day.map(|c| c * s.3);
                    }
                }
            }
            let table = ReservationTable::new(scaled.as_ref().unwrap_or(topo), &link_factor);
            phases.push(Phase { start, end, table });
        }
        PhasedTables { intact, phases }
    }

    /// Reserves arc `a` entered at `t` (seconds since the epoch) by a unit
    /// of pass time `pass` for `d` seconds, in every table.
    pub(crate) fn reserve(&mut self, topo: &Topology, a: ArcIdx, t: i64, pass: i64, d: i64) {
        self.intact.reserve(topo, a, t, pass, d);
        for p in &mut self.phases {
            p.table.reserve(topo, a, t, pass, d);
        }
    }
}

/// The tables as one unit's search sees them: an [`ArcTiming`] whose entry
/// is the earliest slot every table in force admits (module docs).
pub(crate) struct PhasedView<'a> {
    /// The tables.
    pub(crate) tables: &'a PhasedTables,
    /// The topology they are for.
    pub(crate) topo: &'a Topology,
    /// The unit's release, seconds after the epoch (its searches count from
    /// its release).
    pub(crate) offset: i64,
    /// The unit's pass time, seconds.
    pub(crate) pass: i64,
}

impl PhasedView<'_> {
    fn slot(&self, table: &ReservationTable, a: ArcIdx, t: i64, d: i64) -> i64 {
        match self.topo.arc_kind(a) {
            ArcKind::Move => table.next_link_slot(a, t, self.pass),
            _ => table.next_service_slot(self.topo, a, t, d),
        }
    }
}

impl ArcTiming for PhasedView<'_> {
    fn entry(&self, a: ArcIdx, t: i64, duration: u32) -> Option<i64> {
        let d = i64::from(duration);
        let mut abs = t + self.offset;
        loop {
            abs = self.slot(&self.tables.intact, a, abs, d);
            let Some(p) = self
                .tables
                .phases
                .iter()
                .find(|p| p.start <= abs && abs < p.end)
            else {
                return Some(abs - self.offset);
            };
            let next = self.slot(&p.table, a, abs, d);
            if next < p.end {
                return Some(next - self.offset);
            }
            abs = p.end;
        }
    }

    fn cause(&self) -> WaitCause {
        WaitCause::Capacity
    }
}
