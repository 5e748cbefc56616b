//! Holding capacity: the vehicles waiting at a hub at any instant never
//! exceed its `hold_vehicles`, and a unit waits only at hubs that can hold
//! it.
//!
//! A unit *holds* at a hub while it stands there between arriving and
//! leaving — waiting for a permit, a window, a closure, capacity or an
//! asset, or resting — other than at its own origin (it is in its garrison,
//! port or railhead area until it leaves) and its destination (it has
//! arrived). Handling (loading, unloading, gauge change) is not holding.
//!
//! Holding depends on when a unit arrives *and* when it leaves, so it is
//! not a timing of the ready instant alone. The scheduler enforces it by
//! re-routing: when a unit's route would hold where there is no room, the
//! unit may not reach that hub before the end of the stay it wanted there
//! (`HoldGate`, a FIFO arc timing), and is routed again — it then waits
//! further back, at a hub with room, or at its origin. Bounded rounds; a
//! unit that still finds no room is left unrouted with the reason.

use std::collections::BTreeMap;

use crate::routing::{ArcIdx, ArcTiming, HubIdx, Leg, Topology, WaitCause};

/// One stay: (start, end, vehicles), seconds since the plan epoch.
pub(crate) type Stay = (i64, i64, u32);

/// Vehicles held at each hub with a limit, over time.
#[derive(Debug, Clone, Default)]
pub(crate) struct HoldTable {
    stays: BTreeMap<u32, Vec<Stay>>,
}

impl HoldTable {
    /// Most vehicles held at hub `h` at any instant of `[a, b)`.
    fn peak(&self, h: HubIdx, a: i64, b: i64) -> u32 {
        let Some(list) = self.stays.get(&h.0) else {
            return 0;
        };
        // The occupancy only rises at a stay's start: check `a` and every
        // start inside the window.
        let at = |x: i64| {
            list.iter()
                .filter(|s| s.0 <= x && x < s.1)
                .map(|s| s.2)
                .sum::<u32>()
        };
        let mut most = at(a);
        for s in list.iter().filter(|s| s.0 > a && s.0 < b) {
            most = most.max(at(s.0));
        }
        most
    }

    /// The first stay of `stays` (hub, start, end, vehicles) with no room:
    /// its hub and end.
    pub fn conflict(
        &self,
        topo: &Topology,
        stays: &[(HubIdx, i64, i64, u32)],
    ) -> Option<(HubIdx, i64)> {
        stays
            .iter()
            .filter(|s| s.2 > s.1)
            .find(|&&(h, a, b, n)| {
                topo.hub(h)
                    .hold_vehicles
                    .is_some_and(|limit| self.peak(h, a, b) + n > limit)
            })
            .map(|&(h, _, b, _)| (h, b))
    }

    /// Records a unit's stays (at hubs with a limit).
    pub fn hold(&mut self, topo: &Topology, stays: &[(HubIdx, i64, i64, u32)]) {
        for &(h, a, b, n) in stays {
            if b > a && topo.hub(h).hold_vehicles.is_some() {
                self.stays.entry(h.0).or_default().push((a, b, n));
            }
        }
    }
}

/// The stays of a route (`legs` in seconds since `offset` after the plan
/// epoch) of a unit of `vehicles` from `origin` to `destination`: every
/// stretch between arriving at a hub and leaving it again, less handling,
/// away from the origin and the destination.
pub(crate) fn stays(
    topo: &Topology,
    legs: &[Leg],
    offset: i64,
    vehicles: u32,
    origin: HubIdx,
    destination: HubIdx,
) -> Vec<(HubIdx, i64, i64, u32)> {
    let mut out = Vec::new();
    // Where the unit stands and since when.
    let mut at: Option<(HubIdx, i64)> = None;
    for leg in legs {
        match *leg {
            Leg::Rest { node, start, end } => {
                let h = topo.node_hub(node);
                let since = at.filter(|a| a.0 == h).map_or(offset + start, |a| a.1);
                at = Some((h, since.min(offset + start)));
                let _ = end;
            }
            Leg::Arc { arc, timing } => {
                let tail = topo.node_hub(topo.arc_tail(arc));
                let head = topo.node_hub(topo.arc_head(arc));
                let ready = offset + timing.ready;
                let depart = offset + timing.depart;
                let since = at.filter(|a| a.0 == tail).map_or(ready, |a| a.1);
                if depart > since && tail != origin && tail != destination {
                    out.push((tail, since, depart, vehicles));
                }
                // A transfer keeps the unit at the hub: its stay resumes
                // after it.
                at = Some((head, offset + timing.arrive));
            }
        }
    }
    out
}

/// "Not at these hubs before these instants" for one unit: arcs reaching
/// such a hub from another are entered no earlier than the instant less
/// their duration (non-decreasing in the ready instant: FIFO).
pub(crate) struct HoldGate<'a> {
    /// The topology.
    pub topo: &'a Topology,
    /// Hub → earliest arrival allowed, seconds since the unit's epoch.
    pub not_before: &'a BTreeMap<u32, i64>,
}

impl ArcTiming for HoldGate<'_> {
    fn entry(&self, a: ArcIdx, t: i64, duration: u32) -> Option<i64> {
        let g = self.topo;
        let head = g.node_hub(g.arc_head(a));
        if head == g.node_hub(g.arc_tail(a)) {
            return Some(t);
        }
        Some(match self.not_before.get(&head.0) {
            Some(&x) => t.max(x - i64::from(duration)),
            None => t,
        })
    }

    fn cause(&self) -> WaitCause {
        WaitCause::Capacity
    }
}
