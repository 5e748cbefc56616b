//! Property test: merging degree-2 chains never changes a shortest-path
//! distance (km or minutes) between hubs, and never relaxes a limit — for
//! any height, weight or ADR restriction the distances with the links that
//! forbid it removed are the same on the simplified and on the unsimplified
//! graph (every OSM node a hub, one link per segment).

use std::collections::{BTreeMap, BinaryHeap};

use milmob::import::simplify::GraphLink;
use milmob::import::tags::Access;
use milmob::import::{
    build_graph, Direction, HighwayClass, NodeCoords, OsmWay, WayAttributes, WayKind,
};
use milmob::network::{Limits, TunnelCategory};
use proptest::prelude::*;

/// A restriction a load has: links that break it are unusable.
#[derive(Debug, Clone, Copy)]
enum Restriction {
    None,
    Height(f64),
    Weight(f64),
    /// May not enter tunnels of this category or stricter.
    Tunnel(TunnelCategory),
}

fn usable(l: &GraphLink, r: Restriction) -> bool {
    match r {
        Restriction::None => true,
        Restriction::Height(h) => l.limits.max_height_m.is_none_or(|m| m >= h),
        Restriction::Weight(w) => l.limits.max_weight_t.is_none_or(|m| m >= w),
        Restriction::Tunnel(c) => l.limits.tunnel_category.is_none_or(|t| t < c),
    }
}

/// Plain Dijkstra from `from` over the usable links (both ways unless
/// oneway), by `cost`. Distances by OSM node id.
fn distances(
    links: &[GraphLink],
    from: i64,
    r: Restriction,
    cost: fn(&GraphLink) -> f64,
) -> BTreeMap<i64, f64> {
    let mut adj: BTreeMap<i64, Vec<(i64, f64)>> = BTreeMap::new();
    for l in links.iter().filter(|l| usable(l, r)) {
        adj.entry(l.from).or_default().push((l.to, cost(l)));
        if !l.oneway {
            adj.entry(l.to).or_default().push((l.from, cost(l)));
        }
    }
    #[derive(PartialEq)]
    struct Item(f64, i64);
    impl Eq for Item {}
    impl PartialOrd for Item {
        fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(o))
        }
    }
    impl Ord for Item {
        fn cmp(&self, o: &Self) -> std::cmp::Ordering {
            o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
        }
    }
    let mut dist = BTreeMap::new();
    let mut heap = BinaryHeap::from([Item(0.0, from)]);
    while let Some(Item(d, u)) = heap.pop() {
        if dist.contains_key(&u) {
            continue;
        }
        dist.insert(u, d);
        for &(v, c) in adj.get(&u).map(Vec::as_slice).unwrap_or(&[]) {
            if !dist.contains_key(&v) {
                heap.push(Item(d + c, v));
            }
        }
    }
    dist
}

fn attrs(dir: u8, height: u8, weight: u8, tunnel: u8, speed: u8) -> WayAttributes {
    let limits = Limits {
        max_height_m: [None, Some(3.5), Some(4.0), Some(4.5)][height as usize % 4],
        max_weight_t: [None, Some(7.5), Some(30.0)][weight as usize % 3],
        tunnel_category: [None, None, Some(TunnelCategory::C), Some(TunnelCategory::E)]
            [tunnel as usize % 4],
        ..Limits::default()
    };
    WayAttributes {
        kind: WayKind::Road(HighwayClass::Secondary),
        direction: [
            Direction::Both,
            Direction::Both,
            Direction::Forward,
            Direction::Backward,
        ][dir as usize % 4],
        speed_kmh: Some([24.0, 40.0, 66.0][speed as usize % 3]),
        limits,
        gauges: Vec::new(),
        bridge: height % 2 == 1,
        tunnel: tunnel >= 2,
        access: Access::Open,
        name: None,
    }
}

/// Random ways over `n` nodes: node sequences (consecutive repeats and
/// closed rings allowed), each with random direction and limits.
fn ways_strategy() -> impl Strategy<Value = (Vec<OsmWay>, NodeCoords)> {
    (6usize..30).prop_flat_map(|n| {
        let coords = proptest::collection::vec((0.0f64..0.05, 0.0f64..0.05), n);
        let way = (
            proptest::collection::vec(1..=n as i64, 2..8),
            any::<(u8, u8, u8, u8, u8)>(),
        );
        (coords, proptest::collection::vec(way, 1..14)).prop_map(|(coords, ways)| {
            let coords = NodeCoords::from_points(
                coords
                    .iter()
                    .enumerate()
                    .map(|(i, (x, y))| (i as i64 + 1, 7.0 + x, 46.0 + y)),
            );
            let ways = ways
                .into_iter()
                .enumerate()
                .map(|(i, (nodes, (d, h, w, t, s)))| OsmWay {
                    id: 100 + i as i64,
                    nodes,
                    attrs: attrs(d, h, w, t, s),
                })
                .collect();
            (ways, coords)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn simplification_keeps_distances_and_limits((ways, coords) in ways_strategy(), picks in proptest::collection::vec(any::<u16>(), 4)) {
        let simple = build_graph(&ways, &coords, None, true);
        let raw = build_graph(&ways, &coords, None, false);
        // The unsimplified graph has one link per segment.
        prop_assert_eq!(raw.links.len() as u64, raw.stats.segments);
        prop_assert!(simple.links.len() <= raw.links.len());
        prop_assert!(simple.links.iter().all(|l| l.from != l.to));
        let total = |g: &[GraphLink]| g.iter().map(|l| l.length_km).sum::<f64>();
        prop_assert!((total(&simple.links) - total(&raw.links)).abs() < 1e-9);
        if simple.hubs.is_empty() {
            return Ok(());
        }
        let hubs: Vec<i64> = simple.hubs.iter().map(|h| h.node).collect();
        let restrictions = [
            Restriction::None,
            Restriction::Height(3.8),
            Restriction::Height(4.2),
            Restriction::Weight(20.0),
            Restriction::Tunnel(TunnelCategory::C),
            Restriction::Tunnel(TunnelCategory::D),
        ];
        let km: fn(&GraphLink) -> f64 = |l| l.length_km;
        let minutes: fn(&GraphLink) -> f64 = |l| l.minutes;
        for (k, &p) in picks.iter().enumerate() {
            let from = hubs[p as usize % hubs.len()];
            let r = restrictions[(p as usize / 7 + k) % restrictions.len()];
            for cost in [km, minutes] {
                let a = distances(&simple.links, from, r, cost);
                let b = distances(&raw.links, from, r, cost);
                for h in &hubs {
                    match (a.get(h), b.get(h)) {
                        (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{} → {}: {} vs {} ({:?})", from, h, x, y, r),
                        (None, None) => {}
                        (x, y) => prop_assert!(false, "{} → {}: reachable {:?} vs {:?} ({:?})", from, h, x, y, r),
                    }
                }
            }
        }
    }
}
