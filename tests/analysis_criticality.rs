//! Criticality: the fast algorithm (A* on the intact distances to the
//! target, prefix seeding, early exit, rayon) gives exactly the naive
//! reference's numbers (a full recomputation per removed link or hub) — on
//! random graphs (proptest), the shared real road graphs, and the bundled
//! European corridor network; OD load and importance follow from them.

mod common;

use milmob::analysis::{
    criticality, criticality_naive, od_load, CriticalityOptions, Element, OdDemand,
};
use milmob::force::{CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::io::dimacs::read_arcs;
use milmob::routing::{Metric, NodeIdx, Topology};
use milmob::Network;
use proptest::prelude::*;

fn hubs() -> CriticalityOptions<'static> {
    CriticalityOptions {
        hubs: true,
        ..Default::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn fast_equals_naive_on_random_graphs(
        n in 2u32..40,
        raw in prop::collection::vec((0u32..40, 0u32..40, 0u32..20), 1..160),
        queries in prop::collection::vec((0u32..40, 0u32..40), 1..12),
    ) {
        // Zero weights, parallel arcs and self-loops included on purpose.
        let arcs: Vec<(u32, u32, u32)> = raw.iter().map(|&(a, b, w)| (a % n, b % n, w)).collect();
        let (g, m) = Topology::from_arcs(n, &arcs).unwrap();
        let pairs: Vec<(NodeIdx, NodeIdx)> =
            queries.iter().map(|&(s, t)| (NodeIdx(s % n), NodeIdx(t % n))).collect();
        let fast = criticality(&g, &m, &pairs, &hubs());
        let naive = criticality_naive(&g, &m, &pairs, true);
        prop_assert_eq!(&fast, &naive);
        for r in &fast {
            if let Some(c) = r.cost {
                for e in r.links.iter().chain(&r.hubs) {
                    // Removal never shortens a path.
                    prop_assert!(e.without.is_none_or(|w| w >= c));
                }
            } else {
                prop_assert!(r.links.is_empty());
            }
        }
    }
}

#[test]
fn fast_equals_naive_on_the_shared_road_graphs() {
    // (graph, pairs): the naive reference is slow in debug builds.
    for (name, count) in [
        ("graph_23rd.gr", 30),
        ("graph_ballard.gr", 15),
        ("bremen_time.gr", 3),
    ] {
        let Some(path) = common::shared_data(&format!("graphs/{name}")) else {
            return;
        };
        let file = read_arcs(&path).unwrap();
        let (g, m) = Topology::from_arc_file(&file).unwrap();
        let mut rng = common::SplitMix(0xC417 ^ u64::from(file.node_count));
        let pairs: Vec<(NodeIdx, NodeIdx)> = (0..count)
            .map(|_| {
                (
                    NodeIdx(rng.below(file.node_count)),
                    NodeIdx(rng.below(file.node_count)),
                )
            })
            .collect();
        let fast = criticality(&g, &m, &pairs, &CriticalityOptions::default());
        let naive = criticality_naive(&g, &m, &pairs, false);
        assert_eq!(fast, naive, "{name}");
        let links: usize = fast.iter().map(|r| r.links.len()).sum();
        assert!(links > count, "{name}: only {links} path links");
    }
}

#[test]
fn corridor_network_links_and_hubs() {
    let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/europe")).unwrap();
    let g = Topology::build(&net);
    let load = LoadProfile::for_group(
        VehicleCatalogue::builtin(),
        &[("leopard_2a6", 14)],
        &CarriagePolicy::Rail,
    )
    .unwrap();
    let m = Metric::for_load(&g, &load);
    let ids = [
        ("DE-NABBURG-RH", "LT-RUKLA-SA"),
        ("DE-BERGEN-HOHNE-SA", "LT-PABRADE-SA"),
        ("NL-VENLO-LH", "PL-ORZYSZ-SA"),
        ("DE-GRAFENWOHR-SA", "LT-RUKLA-SA"),
    ];
    let pairs: Vec<(NodeIdx, NodeIdx)> = ids
        .iter()
        .map(|(a, b)| (g.hub_node(a).unwrap(), g.hub_node(b).unwrap()))
        .collect();
    let fast = criticality(&g, &m, &pairs, &hubs());
    assert_eq!(fast, criticality_naive(&g, &m, &pairs, true));
    for r in &fast {
        assert!(r.cost.is_some() && !r.links.is_empty() && !r.hubs.is_empty());
    }
    // Into Lithuania by rail there is one gauge-change hub: losing it cuts
    // the pair off.
    let cut: Vec<String> = fast[0]
        .hubs
        .iter()
        .filter(|e| e.without.is_none())
        .map(|e| match e.element {
            Element::Hub(h) => g.hub(h).id.clone(),
            Element::Link(l) => g.link(l).id.clone(),
        })
        .collect();
    assert!(!cut.is_empty(), "no hub cuts Nabburg–Rukla off");
    // OD load: demand on a link is the demand of the pairs using it.
    let demands: Vec<OdDemand> = pairs
        .iter()
        .zip([4.0, 2.0, 1.0, 3.0])
        .map(|(&(from, to), demand)| OdDemand { from, to, demand })
        .collect();
    let r = od_load(&g, &m, &demands, &CriticalityOptions::default());
    assert_eq!(r.total_demand, 10.0);
    for row in &r.links {
        let expect: f64 = fast
            .iter()
            .zip(&demands)
            .filter(|(p, _)| p.links.iter().any(|e| e.element == row.element))
            .map(|(_, d)| d.demand)
            .sum();
        assert_eq!(row.demand, expect, "{}", row.id);
        assert!(row.importance >= 0.0 && (0.0..=1.0).contains(&row.unsatisfied));
    }
    assert!(r.links[0].unsatisfied > 0.0 || r.links[0].importance > 0.0);
    assert!(!r.regions.is_empty());
}
