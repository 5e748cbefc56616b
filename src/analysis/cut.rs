//! Capacity bottleneck: the most movement units per day that can be pushed
//! from a set of origins to a set of destinations for one load, and the
//! minimum cut that limits it (max-flow = min-cut, Ford & Fulkerson 1956;
//! Dinic's algorithm). The flow network and its capacities are the movement
//! planner's ([`crate::movement::min_cut_between`], reused, not rewritten):
//! links carry their typed entry capacity per direction, hub services
//! (loading, unloading, gauge change) `at once × 1440 / handling minutes`
//! units a day at this load's handling time, and everything else is
//! unbounded.

use serde::Serialize;

use crate::movement::bound::arc_units_per_day;
use crate::movement::min_cut_between;
use crate::network::Mode;
use crate::routing::{ArcIdx, ArcKind, Metric, NodeIdx, Topology};

/// One arc of the minimum cut.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutArc {
    /// `link`, or the hub service: `load`, `unload`, `gauge_change`.
    pub kind: String,
    /// Link id (links) or hub id (services).
    pub id: String,
    /// Hub left.
    pub from: String,
    /// Hub reached.
    pub to: String,
    /// Mode.
    pub mode: Mode,
    /// Its capacity, units per day.
    pub units_per_day: f64,
}

/// The capacity bottleneck between origins and destinations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bottleneck {
    /// Origin hub ids.
    pub from: Vec<String>,
    /// Destination hub ids.
    pub to: Vec<String>,
    /// The load, in words.
    pub load: String,
    /// Whether any usable route joins them.
    pub connected: bool,
    /// Most units per day (`None` = unbounded: no capacitated cut).
    pub max_units_per_day: Option<f64>,
    /// The cut, largest capacity first (its capacities add up to the max).
    pub cut: Vec<CutArc>,
}

/// Whether some usable path joins a source to a sink.
fn connected(topo: &Topology, metric: &Metric, sources: &[NodeIdx], sinks: &[NodeIdx]) -> bool {
    let mut seen = vec![false; topo.node_count()];
    let mut stack: Vec<NodeIdx> = sources.to_vec();
    for s in sources {
        seen[s.index()] = true;
    }
    while let Some(v) = stack.pop() {
        if sinks.contains(&v) {
            return true;
        }
        for a in topo.out_arcs(v) {
            let w = topo.arc_head(a);
            if metric.usable(a) && !seen[w.index()] {
                seen[w.index()] = true;
                stack.push(w);
            }
        }
    }
    false
}

/// The capacity bottleneck between origin and destination hubs (their road
/// nodes) for the load of `metric`.
pub fn bottleneck(
    topo: &Topology,
    metric: &Metric,
    from: &[NodeIdx],
    to: &[NodeIdx],
) -> Bottleneck {
    let hub_id = |v: NodeIdx| topo.hub(topo.node_hub(v)).id.clone();
    let linked = connected(topo, metric, from, to);
    let handling = |a: ArcIdx| metric.cost(a);
    let cut = min_cut_between(topo, &|a| metric.usable(a), from, to, &handling);
    let mut arcs: Vec<CutArc> = cut
        .arcs
        .iter()
        .map(|&a| {
            let (tail, head) = (topo.arc_tail(a), topo.arc_head(a));
            let (kind, id, mode) = match topo.arc_kind(a) {
                ArcKind::Move => {
                    let l = topo.arc_link(a).expect("move arc has a link");
                    ("link", topo.link(l).id.clone(), topo.link(l).mode)
                }
                ArcKind::Load(m) => ("load", hub_id(tail), m),
                ArcKind::Unload(m) => ("unload", hub_id(tail), m),
                ArcKind::GaugeChange => ("gauge_change", hub_id(tail), Mode::Rail),
            };
            CutArc {
                kind: kind.into(),
                id,
                from: hub_id(tail),
                to: hub_id(head),
                mode,
                units_per_day: arc_units_per_day(topo, a, &|x| metric.cost(x))
                    .unwrap_or(f64::INFINITY),
            }
        })
        .collect();
    arcs.sort_by(|a, b| {
        b.units_per_day
            .total_cmp(&a.units_per_day)
            .then(a.id.cmp(&b.id))
            .then(a.from.cmp(&b.from))
    });
    let (max, arcs) = if !linked {
        (Some(0.0), Vec::new())
    } else {
        (cut.units_per_day, arcs)
    };
    Bottleneck {
        from: from.iter().map(|&v| hub_id(v)).collect(),
        to: to.iter().map(|&v| hub_id(v)).collect(),
        load: metric.description().to_string(),
        connected: linked,
        max_units_per_day: max,
        cut: arcs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{Capacity, HubKind, NetworkMeta};
    use crate::routing::Unconstrained;
    use crate::{Country, Hub, Link, Network};

    #[test]
    fn two_parallel_roads_then_a_free_one() {
        let de = Country::parse("DE").unwrap();
        let mut net = Network::new(NetworkMeta::default());
        for (id, lon) in [("A", 10.0), ("B", 11.0), ("C", 12.0), ("D", 13.0)] {
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
        let n = |id: &str| topo.hub_node(id).unwrap();
        let b = bottleneck(&topo, &m, &[n("A")], &[n("C")]);
        assert_eq!(b.max_units_per_day, Some(72.0));
        assert_eq!(b.cut.len(), 2);
        assert_eq!(b.cut[0].id, "AB");
        assert_eq!(b.cut[0].units_per_day, 48.0);
        let b = bottleneck(&topo, &m, &[n("B")], &[n("C")]);
        assert_eq!(b.max_units_per_day, None);
        let b = bottleneck(&topo, &m, &[n("A")], &[n("D")]);
        assert!(!b.connected);
        assert_eq!(b.max_units_per_day, Some(0.0));
    }
}
