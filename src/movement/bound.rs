//! Lower bounds on closure time.
//!
//! **Cut bound.** Take one element: `D` units released at `r` from origin
//! `s` to destination `t`. Let `d` be the shortest time any of them needs
//! alone (its unconstrained earliest arrival minus `r`, permits and windows
//! included), and let a minimum `s`–`t` cut of the network — every arc the
//! element may use, with capacity in units per second: links from their
//! typed capacity, loading and unloading from the hub's units per day,
//! everything else unbounded — have total capacity `c` over `m` arcs.
//! Every unit crosses the cut. A cut arc of capacity `cᵢ` passes at most
//! `1 + T·cᵢ` units in any window of length `T` (headways), so `D` units
//! need a window `T ≥ (D − m) / c` between the first and the last crossing.
//! The first crossing happens no earlier than `r + d_to_cut` and the last
//! unit still needs `d_from_cut ≥ 0` after it, with `d_to_cut + d_from_cut ≥
//! d`; hence closure ≥ `r + d + max(0, D − m) / c`. (With `c = ∞` — no
//! capacitated cut — the bound is `r + d`.) Relaxing shared hub capacity to
//! separate loading and unloading arcs only raises `c`, so the bound stays
//! valid. The same holds for any group of elements (their first release,
//! the fastest of them alone, a cut between all their origins and all
//! their destinations on the union of the arcs they may use): the force's
//! bound is the largest over single elements, elements sharing an origin,
//! elements sharing a destination, and the whole force.

use petgraph::graph::{DiGraph, NodeIndex};

use crate::network::Mode;
use crate::routing::{ArcIdx, ArcKind, Metric, NodeIdx, Topology};

/// Capacity standing for "unbounded" in the flow network (units/day × 1000).
const UNBOUNDED: u64 = 1 << 50;

/// A minimum cut between two nodes for one load's metric.
#[derive(Debug, Clone, PartialEq)]
pub struct MinCut {
    /// Capacity across the cut, units per day (`None` = unbounded: no
    /// capacitated cut separates them).
    pub units_per_day: Option<f64>,
    /// The capacitated arcs of the cut.
    pub arcs: Vec<ArcIdx>,
}

/// Capacity of an arc, units per day (`None` = unbounded): a link's typed
/// capacity; a hub service's most units a day, `at once × 1440 / handling
/// minutes` with the handling time `handling_secs(a)` gives (the at-once
/// limit is rounded up, so this can exceed the declared `capacity_per_day`;
/// a bound must use what the schedule can really pass). Shared with
/// `analysis::cut`.
pub(crate) fn arc_units_per_day(
    topo: &Topology,
    a: ArcIdx,
    handling_secs: &dyn Fn(ArcIdx) -> u32,
) -> Option<f64> {
    let service = |m: Mode| {
        let hub = topo.hub(topo.node_hub(topo.arc_tail(a)));
        let k = hub.services[m.index()].and_then(|s| s.handled_at_once())?;
        let d = f64::from(handling_secs(a).max(1));
        Some(f64::from(k) * 86_400.0 / d)
    };
    match topo.arc_kind(a) {
        ArcKind::Move => topo
            .arc_link(a)
            .and_then(|l| topo.link(l).capacity)
            .map(|c| c.units_per_day()),
        ArcKind::Load(m) | ArcKind::Unload(m) => service(m),
        ArcKind::GaugeChange => service(Mode::Rail),
    }
}

/// Capacity of an arc for the flow network, units per day × 1000
/// ([`arc_units_per_day`], shortest handling time for the element's units).
fn arc_capacity(topo: &Topology, a: ArcIdx, handling_secs: &dyn Fn(ArcIdx) -> u32) -> u64 {
    match arc_units_per_day(topo, a, handling_secs) {
        Some(u) if u.is_finite() && u >= 0.0 => ((u * 1000.0).round() as u64).min(UNBOUNDED),
        _ => UNBOUNDED,
    }
}

/// The minimum cut between `s` and `t` over the arcs `metric` lets the
/// load use (max-flow by Dinic's algorithm, petgraph); hub services pass at
/// most `at once` units per `handling_secs(arc)` seconds.
pub fn min_cut(
    topo: &Topology,
    metric: &Metric,
    s: NodeIdx,
    t: NodeIdx,
    handling_secs: &dyn Fn(ArcIdx) -> u32,
) -> MinCut {
    min_cut_between(topo, &|a| metric.usable(a), &[s], &[t], handling_secs)
}

/// The minimum cut between a set of origins and a set of destinations (a
/// super-source feeding every origin, every destination draining into a
/// super-sink, both unbounded) over the arcs `usable` admits.
pub fn min_cut_between(
    topo: &Topology,
    usable: &dyn Fn(ArcIdx) -> bool,
    sources: &[NodeIdx],
    sinks: &[NodeIdx],
    handling_secs: &dyn Fn(ArcIdx) -> u32,
) -> MinCut {
    let n = topo.node_count();
    let mut g =
        DiGraph::<(), u64>::with_capacity(n + 2, topo.arc_count() + sources.len() + sinks.len());
    for _ in 0..n + 2 {
        g.add_node(());
    }
    let mut arc_of = Vec::new();
    for (a, tail, head) in topo.arcs() {
        if usable(a) {
            g.add_edge(
                NodeIndex::new(tail.index()),
                NodeIndex::new(head.index()),
                arc_capacity(topo, a, handling_secs),
            );
            arc_of.push(Some(a));
        }
    }
    let (s, t) = (NodeIndex::new(n), NodeIndex::new(n + 1));
    for v in sources {
        g.add_edge(s, NodeIndex::new(v.index()), UNBOUNDED);
        arc_of.push(None);
    }
    for v in sinks {
        g.add_edge(NodeIndex::new(v.index()), t, UNBOUNDED);
        arc_of.push(None);
    }
    let (flow, flows) = petgraph::algo::dinics(&g, s, t);
    if flow >= UNBOUNDED {
        return MinCut {
            units_per_day: None,
            arcs: Vec::new(),
        };
    }
    // The source side of the cut: nodes reachable in the residual network.
    let mut seen = vec![false; n + 2];
    let mut stack = vec![s.index()];
    seen[s.index()] = true;
    while let Some(v) = stack.pop() {
        for e in g.edges_directed(NodeIndex::new(v), petgraph::Direction::Outgoing) {
            use petgraph::visit::EdgeRef;
            let w = e.target().index();
            if !seen[w] && flows[e.id().index()] < *e.weight() {
                seen[w] = true;
                stack.push(w);
            }
        }
        for e in g.edges_directed(NodeIndex::new(v), petgraph::Direction::Incoming) {
            use petgraph::visit::EdgeRef;
            let w = e.source().index();
            if !seen[w] && flows[e.id().index()] > 0 {
                seen[w] = true;
                stack.push(w);
            }
        }
    }
    let arcs = g
        .edge_indices()
        .filter(|&e| {
            let (a, b) = g.edge_endpoints(e).expect("edge of this graph");
            seen[a.index()] && !seen[b.index()]
        })
        .filter_map(|e| arc_of[e.index()])
        .collect();
    MinCut {
        units_per_day: Some(flow as f64 / 1000.0),
        arcs,
    }
}

/// The cut bound of one element, seconds after its release: `d + max(0, D −
/// m) / c` (see the module docs), with the cut.
pub fn cut_bound(transit_secs: i64, units: u32, cut: &MinCut) -> i64 {
    match cut.units_per_day {
        Some(c) if c > 0.0 => {
            let extra = f64::from(units).max(0.0) - cut.arcs.len() as f64;
            transit_secs + (extra.max(0.0) / c * 86_400.0).floor() as i64
        }
        Some(_) => i64::MAX / 4,
        None => transit_secs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{Capacity, HubKind, NetworkMeta};
    use crate::routing::Unconstrained;
    use crate::{Country, Hub, Link, Network};

    #[test]
    fn cut_of_two_parallel_roads() {
        let de = Country::parse("DE").unwrap();
        let mut net = Network::new(NetworkMeta::default());
        for (id, lon) in [("A", 10.0), ("B", 11.0), ("C", 12.0)] {
            net.add_hub(Hub::new(id, id, de, lon, 50.0, &[HubKind::Junction]))
                .unwrap();
        }
        let mut ab = Link::new("AB", "A", "B", Mode::Road, 80.0);
        ab.capacity = Some(Capacity::per_hour(2.0));
        let mut ab2 = Link::new("AB2", "A", "B", Mode::Road, 90.0);
        ab2.capacity = Some(Capacity::per_hour(1.0));
        net.add_link(ab).unwrap();
        net.add_link(ab2).unwrap();
        net.add_link(Link::new("BC", "B", "C", Mode::Road, 80.0))
            .unwrap();
        let topo = Topology::build(&net);
        let m = Metric::for_load(&topo, &Unconstrained);
        let cost = |a: ArcIdx| m.cost(a);
        let cut = min_cut(
            &topo,
            &m,
            topo.hub_node("A").unwrap(),
            topo.hub_node("C").unwrap(),
            &cost,
        );
        assert_eq!(cut.units_per_day, Some(72.0));
        assert_eq!(cut.arcs.len(), 2);
        // 74 units through 3 units/h over 2 arcs: (74 − 2) / 3 h = 24 h extra.
        assert_eq!(cut_bound(3600, 74, &cut), 3600 + 24 * 3600);
        // B–C is uncapacitated, so C → … has no capacitated cut from B.
        let cut = min_cut(
            &topo,
            &m,
            topo.hub_node("B").unwrap(),
            topo.hub_node("C").unwrap(),
            &cost,
        );
        assert_eq!(cut.units_per_day, None);
        assert_eq!(cut_bound(100, 5, &cut), 100);
    }
}
