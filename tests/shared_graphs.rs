//! On the real road graphs in ../shared/data/graphs/, milmob's distances
//! equal petgraph's Dijkstra for 1,000 random pairs per graph (unreachable
//! pairs included), and the returned paths are valid and have that cost.

mod common;

use std::collections::HashMap;

use milmob::io::dimacs::read_arcs;
use milmob::routing::{
    astar, shortest_path, LandmarkPotential, Landmarks, NodeIdx, SearchSpace, Topology,
};
use petgraph::graph::{DiGraph, NodeIndex};

const GRAPHS: &[&str] = &[
    "graph_23rd.gr",
    "graph_ballard.gr",
    "south_seattle_car.gr",
    "bremen_time.gr",
    "bremen_dist.gr",
];

#[test]
fn distances_equal_petgraph_on_real_graphs() {
    for name in GRAPHS {
        let Some(path) = common::shared_data(&format!("graphs/{name}")) else {
            return;
        };
        let file = read_arcs(&path).unwrap();
        let (g, metric) = Topology::from_arc_file(&file).unwrap();
        let lm = Landmarks::build(&g, &metric, 8);
        let mut pg = DiGraph::<(), u64>::with_capacity(file.node_count as usize, file.arcs.len());
        for _ in 0..file.node_count {
            pg.add_node(());
        }
        let mut arc_cost: HashMap<(u32, u32), u64> = HashMap::new();
        for &(a, b, w) in &file.arcs {
            pg.add_edge(
                NodeIndex::new(a as usize),
                NodeIndex::new(b as usize),
                w as u64,
            );
            let e = arc_cost.entry((a, b)).or_insert(u64::MAX);
            *e = (*e).min(w as u64);
        }
        let mut rng = common::SplitMix(0x5eed ^ file.node_count as u64);
        let mut space = SearchSpace::new(g.node_count());
        let (mut reachable, mut unreachable) = (0, 0);
        // 50 sources × 20 targets = 1,000 pairs; petgraph runs one-to-all per source.
        for _ in 0..50 {
            let s = rng.below(file.node_count);
            let reference =
                petgraph::algo::dijkstra(&pg, NodeIndex::new(s as usize), None, |e| *e.weight());
            for _ in 0..20 {
                let t = rng.below(file.node_count);
                let expected = reference.get(&NodeIndex::new(t as usize)).copied();
                let (sn, tn) = (NodeIdx(s), NodeIdx(t));
                let got = astar(
                    &g,
                    &metric,
                    &mut space,
                    sn,
                    tn,
                    &LandmarkPotential::new(&lm, tn),
                );
                let bidir = shortest_path(&g, &metric, &mut space, sn, tn);
                assert_eq!(
                    bidir.as_ref().map(|p| p.cost),
                    expected,
                    "{name}: bidirectional {s} -> {t}"
                );
                assert_eq!(got.as_ref().map(|p| p.cost), expected, "{name}: {s} -> {t}");
                if let Some(p) = got {
                    reachable += 1;
                    assert_eq!(p.nodes.first(), Some(&sn));
                    assert_eq!(p.nodes.last(), Some(&tn));
                    let sum: u64 = p
                        .nodes
                        .windows(2)
                        .map(|w| arc_cost[&(w[0].0, w[1].0)])
                        .sum();
                    assert_eq!(sum, p.cost, "{name}: path cost");
                } else {
                    unreachable += 1;
                }
            }
        }
        eprintln!("{name}: {reachable} reachable, {unreachable} unreachable pairs checked");
    }
}
