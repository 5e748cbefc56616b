//! Graph simplification: OSM ways cut into segments at their nodes, then
//! chains of degree-2 nodes merged into one link.
//!
//! A node becomes a hub where the network branches or ends (a junction: not
//! exactly two segments), where the mode or the rail gauges change, and
//! where the permitted directions of the chain would conflict (a oneway
//! followed by a oneway the other way). Every other node is a shape point
//! of the link through it. A merged link keeps the geometry (every node),
//! the length (sum of the geodesic lengths of its segments), the travel
//! time (sum over segments, so the link's speed is length / time) and the
//! most restrictive limit of each kind along it (lowest weight, height, MLC
//! …, highest ADR tunnel category). Closed rings get a hub so that no link
//! is a loop. Hub-to-hub distances, travel times and the usability of a
//! route for any load are the same as on the unsimplified graph (checked by
//! `tests/osm_simplify_prop.rs`).

use std::collections::BTreeMap;

use geo::Point;

use super::tags::{Direction, WayAttributes};
use super::way_filter::BBox;
use crate::network::geodesy::geodesic_km;
use crate::network::{Limits, Mode};

/// An OSM way as the importer keeps it: id, node ids in order, attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct OsmWay {
    /// OSM way id.
    pub id: i64,
    /// OSM node ids, in the way's order.
    pub nodes: Vec<i64>,
    /// What its tags say.
    pub attrs: WayAttributes,
}

/// Locations of OSM nodes: sorted ids with their position (lon, lat
/// degrees), `None` when the node was not found in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeCoords {
    ids: Vec<i64>,
    points: Vec<Option<Point<f64>>>,
}

impl NodeCoords {
    /// A table for these node ids (any order, repeats allowed), no
    /// locations yet.
    pub fn for_ids(mut ids: Vec<i64>) -> NodeCoords {
        ids.sort_unstable();
        ids.dedup();
        let points = vec![None; ids.len()];
        NodeCoords { ids, points }
    }

    /// A table from `(id, lon, lat)` triples (tests, in-memory sources).
    pub fn from_points(points: impl IntoIterator<Item = (i64, f64, f64)>) -> NodeCoords {
        let mut v: Vec<(i64, f64, f64)> = points.into_iter().collect();
        v.sort_by_key(|p| p.0);
        v.dedup_by_key(|p| p.0);
        NodeCoords {
            ids: v.iter().map(|p| p.0).collect(),
            points: v.iter().map(|p| Some(Point::new(p.1, p.2))).collect(),
        }
    }

    /// Records a node's location if the table wants it; returns whether it did.
    pub fn set(&mut self, id: i64, lon: f64, lat: f64) -> bool {
        match self.ids.binary_search(&id) {
            Ok(i) => {
                self.points[i] = Some(Point::new(lon, lat));
                true
            }
            Err(_) => false,
        }
    }

    /// Whether the table wants this node.
    pub fn wants(&self, id: i64) -> bool {
        self.ids.binary_search(&id).is_ok()
    }

    /// The node's location, if known.
    pub fn get(&self, id: i64) -> Option<Point<f64>> {
        self.ids
            .binary_search(&id)
            .ok()
            .and_then(|i| self.points[i])
    }

    /// Node ids in the table.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many wanted nodes have no location.
    pub fn missing(&self) -> usize {
        self.points.iter().filter(|p| p.is_none()).count()
    }

    fn index(&self, id: i64) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }
}

/// A hub of the simplified graph: an OSM node.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphHub {
    /// OSM node id.
    pub node: i64,
    /// Location, lon/lat degrees.
    pub location: Point<f64>,
}

/// A link of the simplified graph: one chain of segments between two hubs.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphLink {
    /// `w<way id>-<segment index>` of the chain's first segment (unique).
    pub id: String,
    /// OSM node id of the start hub.
    pub from: i64,
    /// OSM node id of the end hub.
    pub to: i64,
    /// Mode.
    pub mode: Mode,
    /// Usable only from `from` to `to`.
    pub oneway: bool,
    /// Sum of the segments' geodesic lengths, km.
    pub length_km: f64,
    /// Sum of the segments' travel times, minutes.
    pub minutes: f64,
    /// Whether any segment had a speed of its own (otherwise the mode's
    /// default speed applies and `minutes` uses it).
    pub has_speed: bool,
    /// The one speed of every segment, km/h, when they all share it
    /// (then it is the link's speed exactly, not length / time).
    pub uniform_speed: Option<f64>,
    /// Most restrictive limits along the chain.
    pub limits: Limits,
    /// Rail gauges, mm (the same on every segment).
    pub gauges: Vec<u16>,
    /// Every node's location, `from` to `to`.
    pub geometry: Vec<Point<f64>>,
    /// OSM way ids along the chain, first seen first.
    pub ways: Vec<i64>,
    /// Road classes (or `rail`) along the chain, first seen first.
    pub classes: Vec<&'static str>,
    /// Distinct names along the chain.
    pub names: Vec<String>,
    /// Whether the chain crosses a bridge.
    pub bridge: bool,
    /// Whether the chain runs through a tunnel.
    pub tunnel: bool,
}

/// What the simplification counted.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct GraphStats {
    /// Segments (pairs of consecutive way nodes) kept.
    pub segments: u64,
    /// Segments dropped because a node was not in the file.
    pub segments_missing_node: u64,
    /// Segments dropped because a node lies outside the bounding box.
    pub segments_outside_bbox: u64,
    /// Segments dropped because both ends are the same node.
    pub segments_degenerate: u64,
    /// Kilometres of kept segments by class (`motorway`, …, `rail`).
    pub km_by_class: BTreeMap<String, f64>,
}

/// The simplified graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimpleGraph {
    /// Hubs, by OSM node id.
    pub hubs: Vec<GraphHub>,
    /// Links, in the order found (by start hub id, then way id).
    pub links: Vec<GraphLink>,
    /// Counts.
    pub stats: GraphStats,
}

struct Segment {
    way: u32,
    pos: u32,
    a: u32,
    b: u32,
    km: f64,
}

/// Builds the graph. `simplify = false` keeps every node as a hub (one link
/// per segment: the reference the property test compares with).
pub fn build_graph(
    ways: &[OsmWay],
    coords: &NodeCoords,
    bbox: Option<BBox>,
    simplify: bool,
) -> SimpleGraph {
    let mut stats = GraphStats::default();
    let mut segs: Vec<Segment> = Vec::new();
    for (wi, w) in ways.iter().enumerate() {
        for (pos, pair) in w.nodes.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            if a == b {
                stats.segments_degenerate += 1;
                continue;
            }
            let (Some(ia), Some(ib)) = (coords.index(a), coords.index(b)) else {
                stats.segments_missing_node += 1;
                continue;
            };
            let (Some(pa), Some(pb)) = (coords.points[ia], coords.points[ib]) else {
                stats.segments_missing_node += 1;
                continue;
            };
            if bbox.is_some_and(|bb| !bb.contains(pa) || !bb.contains(pb)) {
                stats.segments_outside_bbox += 1;
                continue;
            }
            let km = geodesic_km(pa, pb);
            *stats
                .km_by_class
                .entry(w.attrs.kind.label().to_string())
                .or_default() += km;
            segs.push(Segment {
                way: wi as u32,
                pos: pos as u32,
                a: ia as u32,
                b: ib as u32,
                km,
            });
        }
    }
    stats.segments = segs.len() as u64;
    // Incidence lists (CSR), segments in (way, position) order.
    let n = coords.ids.len();
    let mut first = vec![0u32; n + 1];
    for s in &segs {
        first[s.a as usize + 1] += 1;
        first[s.b as usize + 1] += 1;
    }
    for i in 0..n {
        first[i + 1] += first[i];
    }
    let mut fill = first.clone();
    let mut inc = vec![0u32; first[n] as usize];
    for (si, s) in segs.iter().enumerate() {
        for end in [s.a, s.b] {
            inc[fill[end as usize] as usize] = si as u32;
            fill[end as usize] += 1;
        }
    }
    let at = |node: usize| &inc[first[node] as usize..first[node + 1] as usize];
    let attrs = |s: &Segment| &ways[s.way as usize].attrs;
    // Direction of a segment when walked from `from`.
    let rel_dir = |s: &Segment, from: u32| {
        let d = attrs(s).direction;
        if s.a == from {
            d
        } else {
            d.reversed()
        }
    };

    let mut hub = vec![false; n];
    for (node, h) in hub.iter_mut().enumerate() {
        let list = at(node);
        *h = match list {
            [] => false,
            [s1, s2] if simplify => {
                let (s1, s2) = (&segs[*s1 as usize], &segs[*s2 as usize]);
                let (a1, a2) = (attrs(s1), attrs(s2));
                // Walking into `node` along s1, then out along s2.
                let into = rel_dir(s1, s1.a + s1.b - node as u32);
                let out = rel_dir(s2, node as u32);
                a1.kind.mode() != a2.kind.mode()
                    || a1.gauges != a2.gauges
                    || combine(into, out).is_none()
            }
            _ => true,
        };
    }

    loop {
        let mut visited = vec![false; segs.len()];
        let mut links = Vec::new();
        let mut new_hubs: Vec<usize> = Vec::new();
        let starts: Vec<usize> = (0..n).filter(|&i| hub[i]).collect();
        for &h in &starts {
            for &s0 in at(h) {
                if visited[s0 as usize] {
                    continue;
                }
                match walk(h, s0, &segs, &at, &hub, ways, coords, &mut visited) {
                    Walk::Link(l) => links.push(*l),
                    Walk::NeedsHub(x) => new_hubs.push(x),
                }
            }
        }
        // Rings without any hub: their lowest node becomes one.
        if new_hubs.is_empty() {
            for si in 0..segs.len() {
                if visited[si] {
                    continue;
                }
                // Go round the ring once, marking it, and put a hub on its
                // first node.
                let start = segs[si].a;
                new_hubs.push(start as usize);
                let (mut node, mut seg) = (start, si as u32);
                loop {
                    visited[seg as usize] = true;
                    let s = &segs[seg as usize];
                    node = s.a + s.b - node;
                    if node == start {
                        break;
                    }
                    let list = at(node as usize);
                    seg = if list[0] == seg { list[1] } else { list[0] };
                }
            }
        }
        if new_hubs.is_empty() {
            let hubs = (0..n)
                .filter(|&i| hub[i])
                .filter_map(|i| {
                    coords.points[i].map(|p| GraphHub {
                        node: coords.ids[i],
                        location: p,
                    })
                })
                .collect();
            return SimpleGraph { hubs, links, stats };
        }
        for x in new_hubs {
            hub[x] = true;
        }
    }
}

/// The direction of two pieces walked one after the other; `None` when
/// they conflict (each usable only against the other).
fn combine(a: Direction, b: Direction) -> Option<Direction> {
    match (a, b) {
        (Direction::Both, d) | (d, Direction::Both) => Some(d),
        (x, y) if x == y => Some(x),
        _ => None,
    }
}

enum Walk {
    Link(Box<GraphLink>),
    /// The chain needs a hub at this node (a loop back to its start, or a
    /// direction conflict).
    NeedsHub(usize),
}

#[allow(clippy::too_many_arguments)]
fn walk<'a>(
    start: usize,
    s0: u32,
    segs: &[Segment],
    at: &impl Fn(usize) -> &'a [u32],
    hub: &[bool],
    ways: &[OsmWay],
    coords: &NodeCoords,
    visited: &mut [bool],
) -> Walk {
    let first = &segs[s0 as usize];
    let first_way = &ways[first.way as usize];
    let mut link = GraphLink {
        id: format!("w{}-{}", first_way.id, first.pos),
        from: coords.ids[start],
        to: 0,
        mode: first_way.attrs.kind.mode(),
        oneway: false,
        length_km: 0.0,
        minutes: 0.0,
        has_speed: false,
        uniform_speed: first_way.attrs.speed_kmh,
        limits: Limits::default(),
        gauges: first_way.attrs.gauges.clone(),
        geometry: vec![coords.points[start].unwrap_or_default()],
        ways: Vec::new(),
        classes: Vec::new(),
        names: Vec::new(),
        bridge: false,
        tunnel: false,
    };
    let mut dir = Direction::Both;
    let mut cur = start as u32;
    let mut seg = s0;
    let mut interior: Vec<usize> = Vec::new();
    loop {
        let s = &segs[seg as usize];
        let w = &ways[s.way as usize];
        let d = if s.a == cur {
            w.attrs.direction
        } else {
            w.attrs.direction.reversed()
        };
        match combine(dir, d) {
            Some(c) => dir = c,
            // The round is redone with a hub where it conflicts; the
            // segments stay marked so that this round does not walk the
            // same chain again from its other end.
            None => return Walk::NeedsHub(cur as usize),
        }
        visited[seg as usize] = true;
        let next = s.a + s.b - cur;
        link.length_km += s.km;
        let speed = w.attrs.speed_kmh;
        link.has_speed |= speed.is_some();
        if link.uniform_speed != speed {
            link.uniform_speed = None;
        }
        let v = speed.unwrap_or_else(|| link.mode.default_speed_kmh());
        link.minutes += s.km / v * 60.0;
        merge_limits(&mut link.limits, &w.attrs.limits);
        if link.ways.last() != Some(&w.id) && !link.ways.contains(&w.id) {
            link.ways.push(w.id);
        }
        let class = w.attrs.kind.label();
        if !link.classes.contains(&class) {
            link.classes.push(class);
        }
        if let Some(name) = &w.attrs.name {
            if !link.names.contains(name) {
                link.names.push(name.clone());
            }
        }
        link.bridge |= w.attrs.bridge;
        link.tunnel |= w.attrs.tunnel;
        link.geometry
            .push(coords.points[next as usize].unwrap_or_default());
        cur = next;
        if hub[cur as usize] {
            break;
        }
        interior.push(cur as usize);
        // A degree-2 node: continue on its other segment.
        let list = at(cur as usize);
        seg = if list[0] == seg { list[1] } else { list[0] };
    }
    if cur as usize == start {
        return Walk::NeedsHub(interior[interior.len() / 2]);
    }
    link.to = coords.ids[cur as usize];
    match dir {
        Direction::Both => {}
        Direction::Forward => link.oneway = true,
        Direction::Backward => {
            link.oneway = true;
            std::mem::swap(&mut link.from, &mut link.to);
            link.geometry.reverse();
        }
    }
    Walk::Link(Box::new(link))
}

/// The most restrictive of each limit: the lower value, the stricter
/// tunnel category.
pub fn merge_limits(acc: &mut Limits, l: &Limits) {
    fn low(a: &mut Option<f64>, b: Option<f64>) {
        *a = match (*a, b) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
    }
    fn low16(a: &mut Option<u16>, b: Option<u16>) {
        *a = match (*a, b) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
    }
    low16(&mut acc.mlc_wheeled, l.mlc_wheeled);
    low16(&mut acc.mlc_tracked, l.mlc_tracked);
    low(&mut acc.max_weight_t, l.max_weight_t);
    low(&mut acc.max_axle_t, l.max_axle_t);
    low(&mut acc.max_height_m, l.max_height_m);
    low(&mut acc.max_width_m, l.max_width_m);
    low(&mut acc.max_length_m, l.max_length_m);
    low(&mut acc.max_train_m, l.max_train_m);
    acc.tunnel_category = acc.tunnel_category.max(l.tunnel_category);
    if acc.line_category.is_none() {
        acc.line_category = l.line_category;
    }
    if l.out_of_gauge == Some(false) {
        acc.out_of_gauge = Some(false);
    } else if acc.out_of_gauge.is_none() {
        acc.out_of_gauge = l.out_of_gauge;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::highway::HighwayClass;
    use crate::import::tags::{Access, WayKind};

    pub(crate) fn attrs(dir: Direction) -> WayAttributes {
        WayAttributes {
            kind: WayKind::Road(HighwayClass::Primary),
            direction: dir,
            speed_kmh: Some(40.0),
            limits: Limits::default(),
            gauges: Vec::new(),
            bridge: false,
            tunnel: false,
            access: Access::Open,
            name: None,
        }
    }

    fn line(n: i64) -> NodeCoords {
        NodeCoords::from_points((1..=n).map(|i| (i, 1.0 + i as f64 * 0.001, 42.0)))
    }

    #[test]
    fn a_chain_becomes_one_link_with_the_tightest_limits() {
        let mut low = attrs(Direction::Both);
        low.limits.max_height_m = Some(3.5);
        low.bridge = true;
        let ways = vec![
            OsmWay {
                id: 10,
                nodes: vec![1, 2, 3],
                attrs: attrs(Direction::Both),
            },
            OsmWay {
                id: 11,
                nodes: vec![3, 4, 5],
                attrs: low,
            },
        ];
        let g = build_graph(&ways, &line(5), None, true);
        assert_eq!(g.hubs.len(), 2);
        assert_eq!(g.links.len(), 1);
        let l = &g.links[0];
        assert_eq!((l.from, l.to), (1, 5));
        assert_eq!(l.id, "w10-0");
        assert_eq!(l.geometry.len(), 5);
        assert_eq!(l.ways, vec![10, 11]);
        assert_eq!(l.limits.max_height_m, Some(3.5));
        assert!(l.bridge && !l.oneway);
        let raw = build_graph(&ways, &line(5), None, false);
        assert_eq!(raw.links.len(), 4);
        let sum: f64 = raw.links.iter().map(|l| l.length_km).sum();
        assert!((sum - l.length_km).abs() < 1e-12);
    }

    #[test]
    fn oneway_backwards_is_reversed_and_conflicts_make_hubs() {
        let ways = vec![OsmWay {
            id: 1,
            nodes: vec![1, 2, 3],
            attrs: attrs(Direction::Backward),
        }];
        let g = build_graph(&ways, &line(3), None, true);
        assert_eq!(g.links.len(), 1);
        assert!(g.links[0].oneway);
        assert_eq!((g.links[0].from, g.links[0].to), (3, 1));
        let conflict = vec![
            OsmWay {
                id: 1,
                nodes: vec![1, 2, 3],
                attrs: attrs(Direction::Forward),
            },
            OsmWay {
                id: 2,
                nodes: vec![3, 4],
                attrs: attrs(Direction::Both),
            },
            OsmWay {
                id: 3,
                nodes: vec![4, 5],
                attrs: attrs(Direction::Backward),
            },
        ];
        let g = build_graph(&conflict, &line(5), None, true);
        // Walked from either end the conflict shows at a different node:
        // both become hubs (more hubs than needed is safe, never wrong).
        let ends: Vec<_> = g.links.iter().map(|l| (l.from, l.to, l.oneway)).collect();
        assert_eq!(ends, vec![(1, 3, true), (3, 4, false), (5, 4, true)]);
    }

    #[test]
    fn rings_and_loops_get_hubs() {
        // An isolated ring 1-2-3-4-1.
        let ring = vec![OsmWay {
            id: 5,
            nodes: vec![1, 2, 3, 4, 1],
            attrs: attrs(Direction::Both),
        }];
        let coords = NodeCoords::from_points([
            (1, 0.0, 0.0),
            (2, 0.01, 0.0),
            (3, 0.01, 0.01),
            (4, 0.0, 0.01),
        ]);
        let g = build_graph(&ring, &coords, None, true);
        assert_eq!(g.links.len(), 2);
        assert!(g.links.iter().all(|l| l.from != l.to));
        let total: f64 = g.links.iter().map(|l| l.length_km).sum();
        let raw: f64 = build_graph(&ring, &coords, None, false)
            .links
            .iter()
            .map(|l| l.length_km)
            .sum();
        assert!((total - raw).abs() < 1e-12);
    }

    #[test]
    fn missing_nodes_and_bbox_drop_segments() {
        let ways = vec![OsmWay {
            id: 1,
            nodes: vec![1, 2, 9, 3],
            attrs: attrs(Direction::Both),
        }];
        let mut coords = NodeCoords::for_ids(vec![1, 2, 3, 9]);
        assert!(coords.set(1, 1.0, 42.0));
        assert!(coords.set(2, 1.001, 42.0));
        assert!(coords.set(3, 1.003, 42.0));
        assert!(!coords.set(4, 0.0, 0.0));
        assert_eq!(coords.missing(), 1);
        let g = build_graph(&ways, &coords, None, true);
        assert_eq!(g.stats.segments_missing_node, 2);
        assert_eq!(g.links.len(), 1);
        let bb = BBox {
            min_lon: 0.9,
            min_lat: 41.0,
            max_lon: 1.0005,
            max_lat: 43.0,
        };
        let g = build_graph(&ways, &coords, Some(bb), true);
        assert_eq!(g.stats.segments_outside_bbox, 1);
        assert!(g.links.is_empty());
    }
}
