//! Static shortest paths on a [`Metric`] over a [`Topology`]: Dijkstra
//! (1959) with a binary heap, lazy deletion, early exit at the target and
//! reusable buffers; bidirectional search, and A* with any [`Potential`]
//! (landmarks, exact target distances). Used for DIMACS graphs, batch
//! queries, lower bounds for A*, and the reference the time-dependent
//! search is checked against. Arcs of cost [`UNUSABLE`] are never taken.

use std::cmp::Reverse;

use super::ids::{ArcIdx, NodeIdx};
use super::metric::{Metric, UNUSABLE};
use super::potential::Potential;
use super::search_space::{Buffers, SearchSpace};
use super::topology::{Topology, NONE};

/// A static shortest path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticPath {
    /// Total cost (seconds for corridor networks, weight units for DIMACS).
    pub cost: u64,
    /// Routing nodes from source to target.
    pub nodes: Vec<NodeIdx>,
    /// Arcs along the path.
    pub arcs: Vec<ArcIdx>,
}

/// Shortest path from `s` to `t` on every usable arc; `None` when `t`
/// cannot be reached. Bidirectional Dijkstra.
pub fn shortest_path(
    topo: &Topology,
    metric: &Metric,
    space: &mut SearchSpace,
    s: NodeIdx,
    t: NodeIdx,
) -> Option<StaticPath> {
    shortest_path_filtered(topo, metric, space, s, t, |_| true)
}

/// The cost only (no path), or `None` if unreachable.
pub fn distance(
    topo: &Topology,
    metric: &Metric,
    space: &mut SearchSpace,
    s: NodeIdx,
    t: NodeIdx,
) -> Option<u64> {
    shortest_path(topo, metric, space, s, t).map(|p| p.cost)
}

/// Shortest path from `s` to `t` using only usable arcs for which
/// `allowed(arc)` is true. Bidirectional Dijkstra: a forward search from
/// `s` and a backward search from `t` advance the side with the smaller
/// tentative distance and stop once the two smallest keys together reach
/// the best meeting cost (Pohl 1971 stopping rule). An unreachable target is
/// known as soon as either side runs out of nodes, which on road graphs with
/// one-way fragments saves most of the work.
pub fn shortest_path_filtered<F: Fn(ArcIdx) -> bool>(
    topo: &Topology,
    metric: &Metric,
    space: &mut SearchSpace,
    s: NodeIdx,
    t: NodeIdx,
    allowed: F,
) -> Option<StaticPath> {
    let n = topo.node_count();
    if s.index() >= n || t.index() >= n {
        return None;
    }
    if s == t {
        return Some(StaticPath {
            cost: 0,
            nodes: vec![s],
            arcs: Vec::new(),
        });
    }
    let cost = metric.costs();
    let SearchSpace { fwd, bwd } = space;
    fwd.reset(n);
    bwd.reset(n);
    fwd.set(s.0, 0, NONE);
    fwd.heap.push(Reverse((0, s.0)));
    bwd.set(t.0, 0, NONE);
    bwd.heap.push(Reverse((0, t.0)));
    let mut best = u64::MAX;
    let mut meet = NONE;
    loop {
        let kf = fwd.heap.peek().map_or(u64::MAX, |r| r.0 .0);
        let kb = bwd.heap.peek().map_or(u64::MAX, |r| r.0 .0);
        if kf.saturating_add(kb) >= best || (kf == u64::MAX && kb == u64::MAX) {
            break;
        }
        if kf <= kb {
            settle_next::<false, F>(topo, cost, fwd, bwd, &allowed, &mut best, &mut meet);
        } else {
            settle_next::<true, F>(topo, cost, bwd, fwd, &allowed, &mut best, &mut meet);
        }
    }
    if meet == NONE {
        return None;
    }
    // Forward half: meet back to s.
    let mut nodes = vec![NodeIdx(meet)];
    let mut arcs = Vec::new();
    let mut v = meet;
    while v != s.0 {
        let a = fwd.parent(v);
        arcs.push(ArcIdx(a));
        v = topo.tail[a as usize];
        nodes.push(NodeIdx(v));
    }
    nodes.reverse();
    arcs.reverse();
    // Backward half: meet on to t.
    let mut v = meet;
    while v != t.0 {
        let a = bwd.parent(v);
        arcs.push(ArcIdx(a));
        v = topo.head[a as usize];
        nodes.push(NodeIdx(v));
    }
    Some(StaticPath {
        cost: best,
        nodes,
        arcs,
    })
}

/// The arcs of `v` with the node at their other end: out-arcs and heads,
/// or (when `backward`) in-arcs and tails.
#[inline]
fn neighbours(topo: &Topology, v: u32, backward: bool) -> impl Iterator<Item = (usize, u32)> + '_ {
    let range = if backward {
        topo.in_range(v)
    } else {
        topo.out_range(v)
    };
    range.map(move |i| {
        if backward {
            let a = topo.rev_arc[i];
            (a as usize, topo.tail[a as usize])
        } else {
            (i, topo.head[i])
        }
    })
}

/// Pops the next node of one side of a bidirectional search and relaxes
/// its arcs (out-arcs forward, in-arcs when `BACKWARD`), updating the best
/// meeting cost with the other side's distances.
fn settle_next<const BACKWARD: bool, F: Fn(ArcIdx) -> bool>(
    topo: &Topology,
    cost: &[u32],
    this: &mut Buffers,
    other: &Buffers,
    allowed: &F,
    best: &mut u64,
    meet: &mut u32,
) {
    let Some(Reverse((d, v))) = this.heap.pop() else {
        return;
    };
    if d > this.get(v) {
        return;
    }
    for (a, w) in neighbours(topo, v, BACKWARD) {
        let c = cost[a];
        if c == UNUSABLE || !allowed(ArcIdx(a as u32)) {
            continue;
        }
        let nd = d + u64::from(c);
        if nd < this.get(w) {
            this.set(w, nd, a as u32);
            this.heap.push(Reverse((nd, w)));
            let o = other.get(w);
            if o != u64::MAX && nd + o < *best {
                *best = nd + o;
                *meet = w;
            }
        }
    }
}

/// A* from `s` to `t` with a consistent potential towards `t` (e.g.
/// [`LandmarkPotential`](super::LandmarkPotential) or
/// [`TargetDistances`](super::TargetDistances)), early exit at the target;
/// `None` when `t` cannot be reached. Nodes the potential rules out are
/// never entered.
pub fn astar<P: Potential + ?Sized>(
    topo: &Topology,
    metric: &Metric,
    space: &mut SearchSpace,
    s: NodeIdx,
    t: NodeIdx,
    potential: &P,
) -> Option<StaticPath> {
    let n = topo.node_count();
    if s.index() >= n || t.index() >= n {
        return None;
    }
    let ps = potential.bound(s)?;
    let cost = metric.costs();
    let fwd = &mut space.fwd;
    fwd.reset(n);
    fwd.set(s.0, 0, NONE);
    fwd.aheap.push(Reverse((ps, 0, s.0)));
    while let Some(Reverse((_, d, v))) = fwd.aheap.pop() {
        if d > fwd.get(v) {
            continue;
        }
        if v == t.0 {
            let mut nodes = vec![t];
            let mut arcs = Vec::new();
            let mut x = t.0;
            while x != s.0 {
                let a = fwd.parent(x);
                arcs.push(ArcIdx(a));
                x = topo.tail[a as usize];
                nodes.push(NodeIdx(x));
            }
            nodes.reverse();
            arcs.reverse();
            return Some(StaticPath {
                cost: d,
                nodes,
                arcs,
            });
        }
        for a in topo.out_range(v) {
            let c = cost[a];
            if c == UNUSABLE {
                continue;
            }
            let w = topo.head[a];
            let nd = d + u64::from(c);
            if nd < fwd.get(w) {
                let Some(pw) = potential.bound(NodeIdx(w)) else {
                    continue;
                };
                fwd.set(w, nd, a as u32);
                fwd.aheap.push(Reverse((nd + pw, nd, w)));
            }
        }
    }
    None
}

/// Static travel times, seconds, from the nearest of `sources` to every
/// node on `metric` (`u64::MAX` = unreached).
pub fn distances_from(topo: &Topology, metric: &Metric, sources: &[NodeIdx]) -> Vec<u64> {
    let mut buffers = Buffers::default();
    let mut out = Vec::new();
    let sources: Vec<u32> = sources.iter().map(|s| s.0).collect();
    one_to_all(topo, metric, &mut buffers, &sources, false, &mut out);
    out
}

/// Distances from the nearest of `sources` to every node (or, when
/// `backward`, from every node to the nearest source), into `out`
/// (`u64::MAX` = unreached).
pub(crate) fn one_to_all(
    topo: &Topology,
    metric: &Metric,
    space: &mut Buffers,
    sources: &[u32],
    backward: bool,
    out: &mut Vec<u64>,
) {
    let n = topo.node_count();
    let cost = metric.costs();
    out.clear();
    out.resize(n, u64::MAX);
    space.reset(n);
    for &s in sources.iter().filter(|&&s| (s as usize) < n) {
        space.set(s, 0, NONE);
        space.heap.push(Reverse((0, s)));
    }
    while let Some(Reverse((d, v))) = space.heap.pop() {
        if d > space.get(v) {
            continue;
        }
        out[v as usize] = d;
        for (a, w) in neighbours(topo, v, backward) {
            let c = cost[a];
            if c == UNUSABLE {
                continue;
            }
            let nd = d + u64::from(c);
            if nd < space.get(w) {
                space.set(w, nd, a as u32);
                space.heap.push(Reverse((nd, w)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::TargetDistances;

    #[test]
    fn finds_shortest_and_reports_unreachable() {
        let (g, m) =
            Topology::from_arcs(5, &[(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, 5), (4, 0, 1)])
                .unwrap();
        let mut sp = SearchSpace::new(5);
        let p = shortest_path(&g, &m, &mut sp, NodeIdx(0), NodeIdx(3)).unwrap();
        assert_eq!(p.cost, 8);
        assert_eq!(p.nodes, [0, 2, 1, 3].map(NodeIdx));
        assert_eq!(p.arcs.len(), 3);
        assert!(shortest_path(&g, &m, &mut sp, NodeIdx(3), NodeIdx(0)).is_none());
        assert_eq!(distance(&g, &m, &mut sp, NodeIdx(4), NodeIdx(3)), Some(9));
        assert_eq!(distance(&g, &m, &mut sp, NodeIdx(2), NodeIdx(2)), Some(0));
        let to3 = TargetDistances::compute(&g, &m, NodeIdx(3));
        let d: Vec<Option<u64>> = (0..5).map(|v| to3.distance(NodeIdx(v))).collect();
        assert_eq!(d, vec![Some(8), Some(5), Some(7), Some(0), Some(9)]);
        let a = astar(&g, &m, &mut sp, NodeIdx(4), NodeIdx(3), &to3).unwrap();
        assert_eq!(a.cost, 9);
    }
}
