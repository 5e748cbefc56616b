//! Routing benchmarks, milmob side by side with its peers in the same run:
//! the same 1,000 random pairs on the Bremen road graph (travel-time
//! weights) answered by milmob (ALT A* with 8 landmarks, and plain
//! bidirectional Dijkstra; both with the path; landmark preprocessing timed
//! separately), `petgraph::algo::dijkstra`
//! (with a goal, distance only) and `pathfinding::directed::dijkstra`
//! (with the path). Also a time-dependent query with permits on the bundled
//! European network, and the cost (time and bytes) of building a topology
//! and a per-load metric. Data in ../shared/data is skipped with a notice
//! when absent.

use std::path::PathBuf;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use milmob::io::dimacs::read_arcs;
use milmob::routing::landmarks::DEFAULT_LANDMARKS;
use milmob::routing::{
    astar, shortest_path, LandmarkPotential, Landmarks, Metric, NodeIdx, SearchSpace, Topology,
    Unconstrained,
};
use petgraph::graph::{DiGraph, NodeIndex};

fn pairs(n: u32, count: usize) -> Vec<(u32, u32)> {
    // SplitMix64, fixed seed: the same pairs in every run and for every peer.
    let mut state = 0x6d696c6d6f62u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as u32
    };
    (0..count).map(|_| (next(), next())).collect()
}

fn bremen(c: &mut Criterion) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/graphs/bremen_time.gr");
    if !path.exists() {
        eprintln!("skipping bremen benchmarks: {} not found", path.display());
        return;
    }
    let file = read_arcs(&path).expect("bremen_time.gr parses");
    let (g, metric) = Topology::from_arc_file(&file).expect("topology");
    let lm = Landmarks::build(&g, &metric, DEFAULT_LANDMARKS);
    let n = file.node_count;
    let qs = pairs(n, 1000);

    let mut pg = DiGraph::<(), u32>::with_capacity(n as usize, file.arcs.len());
    for _ in 0..n {
        pg.add_node(());
    }
    for &(a, b, w) in &file.arcs {
        pg.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), w);
    }
    let mut adj: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n as usize];
    for &(a, b, w) in &file.arcs {
        adj[a as usize].push((b, w));
    }

    let mut group = c.benchmark_group("bremen_time_1000_pairs");
    group.sample_size(10);
    group.bench_function("milmob_with_path", |b| {
        let mut space = SearchSpace::new(g.node_count());
        b.iter(|| {
            let mut total = 0u64;
            for &(s, t) in &qs {
                let (s, t) = (NodeIdx(s), NodeIdx(t));
                if let Some(p) = astar(
                    &g,
                    &metric,
                    &mut space,
                    s,
                    t,
                    &LandmarkPotential::new(&lm, t),
                ) {
                    total += p.cost + p.nodes.len() as u64;
                }
            }
            black_box(total)
        })
    });
    group.bench_function("milmob_bidirectional_dijkstra_with_path", |b| {
        let mut space = SearchSpace::new(g.node_count());
        b.iter(|| {
            let mut total = 0u64;
            for &(s, t) in &qs {
                if let Some(p) = shortest_path(&g, &metric, &mut space, NodeIdx(s), NodeIdx(t)) {
                    total += p.cost + p.nodes.len() as u64;
                }
            }
            black_box(total)
        })
    });
    group.bench_function("petgraph_dijkstra_goal", |b| {
        b.iter(|| {
            let mut total = 0u64;
            for &(s, t) in &qs {
                let goal = NodeIndex::new(t as usize);
                let d =
                    petgraph::algo::dijkstra(&pg, NodeIndex::new(s as usize), Some(goal), |e| {
                        *e.weight()
                    });
                total += d.get(&goal).copied().unwrap_or(0) as u64;
            }
            black_box(total)
        })
    });
    group.bench_function("pathfinding_dijkstra_with_path", |b| {
        b.iter(|| {
            let mut total = 0u64;
            for &(s, t) in &qs {
                let r = pathfinding::directed::dijkstra::dijkstra(
                    &s,
                    |&v| adj[v as usize].iter().copied(),
                    |&v| v == t,
                );
                if let Some((p, cost)) = r {
                    total += cost as u64 + p.len() as u64;
                }
            }
            black_box(total)
        })
    });
    group.finish();
    let mut pre = c.benchmark_group("bremen_time_preprocessing");
    pre.sample_size(10);
    pre.bench_function("milmob_landmarks_8", |b| {
        b.iter(|| black_box(Landmarks::build(&g, &metric, DEFAULT_LANDMARKS)))
    });
    pre.bench_function("milmob_topology_from_arcs", |b| {
        b.iter(|| {
            black_box(
                Topology::from_arc_file(&file)
                    .expect("topology")
                    .0
                    .arc_count(),
            )
        })
    });
    // A metric per load on the same topology: the cost of a new profile.
    pre.bench_function("milmob_metric_for_load", |b| {
        b.iter(|| black_box(Metric::for_load(&g, &Unconstrained).costs().len()))
    });
    pre.finish();
    eprintln!(
        "bremen: topology {} nodes, {} arcs, ~{} KiB; metric ~{} KiB",
        g.node_count(),
        g.arc_count(),
        g.heap_bytes() / 1024,
        Metric::for_load(&g, &Unconstrained).heap_bytes() / 1024
    );
}

/// Time-dependent queries with permits (pledge-2024, working-day calendars)
/// and the daily driving limit on the bundled European network, for a tank
/// company (14 Leopard 2A6), beside a static Dijkstra on the same compiled
/// graph (no rules) by milmob and by petgraph.
fn europe(c: &mut Criterion) {
    use milmob::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
    use milmob::permits::{Calendars, PermitRegime};
    use milmob::routing::{DrivingRule, RegimePermits, RouteRequest, Router, TdSpace};

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/europe");
    let network = milmob::Network::load(&dir).expect("data/europe loads");
    let load = LoadProfile::for_group(
        VehicleCatalogue::builtin(),
        &[("leopard_2a6", 14)],
        &CarriagePolicy::Auto,
    )
    .expect("profile");
    let regime = PermitRegime::builtin("pledge-2024").expect("regime");
    let calendars = Calendars::new();
    let permits = RegimePermits {
        regime: &regime,
        calendars: &calendars,
        class: cargo_class(&load),
        framework: None,
    };
    let router = Router::new(&network, &load);
    let hubs: Vec<String> = network.hubs().map(|h| h.id.clone()).collect();
    let qs: Vec<(String, String)> = pairs(hubs.len() as u32, 100)
        .into_iter()
        .map(|(a, b)| (hubs[a as usize].clone(), hubs[b as usize].clone()))
        .collect();
    let depart = chrono::DateTime::parse_from_rfc3339("2026-03-02T06:00:00+01:00")
        .expect("instant")
        .to_utc();
    let g = router.topology();
    let metric = router.metric();
    // petgraph gets the same arcs the load may use, with the same costs.
    let mut pg = DiGraph::<(), u32>::with_capacity(g.node_count(), g.arc_count());
    for _ in 0..g.node_count() {
        pg.add_node(());
    }
    for (a, tail, head) in g.arcs() {
        if metric.usable(a) {
            pg.add_edge(
                NodeIndex::new(tail.index()),
                NodeIndex::new(head.index()),
                metric.cost(a),
            );
        }
    }
    let nodes: Vec<(NodeIdx, NodeIdx)> = qs
        .iter()
        .map(|(a, b)| (g.hub_node(a).expect("hub"), g.hub_node(b).expect("hub")))
        .collect();

    let mut group = c.benchmark_group("europe_100_queries");
    group.sample_size(10);
    // The earliest arrival alone (as before route choice existed), and the
    // default route choice (earliest plus penalised candidates).
    group.bench_function("milmob_time_dependent_strict_earliest", |b| {
        let mut space = TdSpace::new();
        b.iter(|| {
            let mut found = 0;
            for (from, to) in &qs {
                let req = RouteRequest {
                    driving: Some(DrivingRule::hours(10.0, 14.0)),
                    choice: milmob::routing::RouteChoice::strict(),
                    ..RouteRequest::new(from, to, depart)
                };
                if let Ok(milmob::routing::RouteOutcome::Found { .. }) =
                    router.route(&req, &permits, &mut space)
                {
                    found += 1;
                }
            }
            black_box(found)
        })
    });
    group.bench_function("milmob_time_dependent_permits_driving_limit", |b| {
        let mut space = TdSpace::new();
        b.iter(|| {
            let mut found = 0;
            for (from, to) in &qs {
                let req = RouteRequest {
                    driving: Some(DrivingRule::hours(10.0, 14.0)),
                    ..RouteRequest::new(from, to, depart)
                };
                if let Ok(milmob::routing::RouteOutcome::Found { .. }) =
                    router.route(&req, &permits, &mut space)
                {
                    found += 1;
                }
            }
            black_box(found)
        })
    });
    group.bench_function("milmob_static_same_graph", |b| {
        let mut space = SearchSpace::new(g.node_count());
        b.iter(|| {
            let mut total = 0u64;
            for &(s, t) in &nodes {
                total += shortest_path(g, metric, &mut space, s, t).map_or(0, |p| p.cost);
            }
            black_box(total)
        })
    });
    group.bench_function("petgraph_static_same_graph", |b| {
        b.iter(|| {
            let mut total = 0u64;
            for &(s, t) in &nodes {
                let goal = NodeIndex::new(t.index());
                let d = petgraph::algo::dijkstra(&pg, NodeIndex::new(s.index()), Some(goal), |e| {
                    *e.weight()
                });
                total += d.get(&goal).copied().unwrap_or(0) as u64;
            }
            black_box(total)
        })
    });
    group.finish();
    let mut compile = c.benchmark_group("europe_compile");
    compile.sample_size(20);
    compile.bench_function("milmob_compile_for_load", |b| {
        b.iter(|| black_box(Router::new(&network, &load).topology().arc_count()))
    });
    compile.bench_function("milmob_topology_build", |b| {
        b.iter(|| black_box(Topology::build(&network).arc_count()))
    });
    compile.bench_function("milmob_metric_for_load", |b| {
        b.iter(|| black_box(Metric::for_load(g, &load).costs().len()))
    });
    compile.finish();
    eprintln!(
        "europe: topology {} nodes, {} arcs, ~{} KiB; metric for 14 Leopard 2A6 ~{} KiB ({} links excluded)",
        g.node_count(),
        g.arc_count(),
        g.heap_bytes() / 1024,
        metric.heap_bytes() / 1024,
        metric.excluded_links().len()
    );
}

criterion_group!(benches, bremen, europe);
criterion_main!(benches);
