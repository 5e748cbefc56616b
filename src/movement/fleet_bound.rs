//! The ship-fleet bound: a lower bound on the closure of a force whose
//! sailings must share a declared fleet of ships.
//!
//! **Claim.** Let `n` sailings (units whose main leg is by sea) need ships
//! of the declared pools, `K` ships in all. Let `r` be the earliest release
//! of any of them, `c` a lower bound on the time a ship is tied to one
//! sailing from the start of loading to the end of unloading (load at a
//! served port + the shortest sea passage to another served port + unload
//! there, minimised over the ports and the sailings' loads), and `τ` the
//! least turnaround of the pools. Then every plan closes no earlier than
//! `r + (⌈n / K⌉ − 1)(c + τ) + c`.
//!
//! **Proof.** With ship pools declared, a sea load needs a ship of a pool
//! serving the port ([`super::assets`]), and a unit whose carriage names
//! sea as its main mode must sail; so each of the `n` sailings holds one
//! ship from its load start until `τ` after its unload ends, and one ship
//! carries one sailing at a time. By pigeonhole some ship carries at least
//! `m = ⌈n / K⌉` of them. Its first load starts no earlier than `r` (no unit
//! moves before its release); each of its holdings lasts at least `c + τ`
//! (loading, every sea leg and unloading take at least their shortest
//! times; waits on board, an empty passage back and positioning only add),
//! so its `m`-th load starts no earlier than `r + (m − 1)(c + τ)`, and that
//! sailing's unit is unloaded no earlier than `c` later; it arrives no
//! earlier than it is unloaded. The closure is the latest arrival. ∎
//!
//! It leaves out everything else (permits, windows, capacity, the empty
//! passage back, the road legs) — which only lowers it — and is reported
//! beside the cut and flow bounds; the plan's lower bound is the largest.

use super::assets::{mode_dijkstra, ShipPool, FAR};
use crate::network::Mode;
use crate::routing::{ArcKind, HubIdx, Metric, NodeIdx, Topology};

/// The ship-fleet bound of a plan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FleetBound {
    /// The bound, seconds after the plan epoch.
    pub at: i64,
    /// How it was obtained, in words.
    pub basis: String,
}

/// A port's sea node (the head of its road → sea load arc), if it has one.
fn sea_node(topo: &Topology, h: HubIdx) -> Option<NodeIdx> {
    topo.out_arcs(topo.road_node(h))
        .find(|&a| topo.arc_kind(a) == ArcKind::Load(Mode::Sea))
        .map(|a| topo.arc_head(a))
}

/// The least seconds one sailing holds a ship from the start of loading to
/// the end of unloading, for a load's `metric`, over the served `ports`
/// (`None`: no two of them connected by sea for it).
fn least_holding(topo: &Topology, metric: &Metric, ports: &[HubIdx]) -> Option<i64> {
    let cost = |kind: ArcKind, h: HubIdx| -> Option<i64> {
        let road = topo.road_node(h);
        let arcs: Vec<_> = match kind {
            ArcKind::Load(_) => topo.out_arcs(road).collect(),
            _ => topo.in_arcs(road).collect(),
        };
        arcs.into_iter()
            .filter(|&a| topo.arc_kind(a) == kind && metric.usable(a))
            .map(|a| i64::from(metric.cost(a)))
            .min()
    };
    let mut best: Option<i64> = None;
    for &p in ports {
        let (Some(load), Some(from)) = (cost(ArcKind::Load(Mode::Sea), p), sea_node(topo, p))
        else {
            continue;
        };
        let d = mode_dijkstra(topo, metric, &[from], Mode::Sea, false, false);
        for &q in ports.iter().filter(|&&q| q != p) {
            let (Some(unload), Some(to)) = (cost(ArcKind::Unload(Mode::Sea), q), sea_node(topo, q))
            else {
                continue;
            };
            let sea = d[to.index()];
            if sea >= FAR {
                continue;
            }
            let c = load + sea + unload;
            best = Some(best.map_or(c, |b| b.min(c)));
        }
    }
    best
}

/// The ship-fleet bound (module docs) for the sailings given as (release,
/// seconds after the epoch; the unit's metric), or `None` when no ship is
/// declared or no sailing needs one.
pub(crate) fn ship_fleet_bound(
    topo: &Topology,
    ships: &[ShipPool],
    sailings: &[(i64, &Metric)],
) -> Option<FleetBound> {
    let k: u32 = ships.iter().map(|s| s.count).sum();
    if k == 0 || sailings.is_empty() {
        return None;
    }
    let mut ports: Vec<HubIdx> = ships
        .iter()
        .flat_map(|s| &s.ports)
        .filter_map(|id| topo.hub_by_id(id))
        .collect();
    ports.sort();
    ports.dedup();
    let turnaround = ships
        .iter()
        .map(|s| (s.turnaround_min * 60.0).round() as i64)
        .min()
        .unwrap_or(0)
        .max(0);
    // One computation per distinct load (metric).
    let mut metrics: Vec<&Metric> = Vec::new();
    for (_, m) in sailings {
        if !metrics.iter().any(|x| std::ptr::eq(*x, *m)) {
            metrics.push(m);
        }
    }
    let c = metrics
        .iter()
        .filter_map(|m| least_holding(topo, m, &ports))
        .min()?;
    let n = sailings.len() as u32;
    let m = n.div_ceil(k);
    let r = sailings.iter().map(|s| s.0).min()?;
    let at = r + i64::from(m - 1) * (c + turnaround) + c;
    Some(FleetBound {
        at,
        basis: format!(
            "ship fleet: {n} sailings on {k} ship(s), so one ship sails at least {m} times; each sailing holds a ship at least {:.1} h (load, shortest passage between served ports, unload) plus a {:.1} h turnaround",
            c as f64 / 3600.0,
            turnaround as f64 / 3600.0
        ),
    })
}
