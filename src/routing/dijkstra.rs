//! Static shortest paths on a [`RoutingGraph`]'s base arc costs: Dijkstra
//! (1959) with a binary heap, lazy deletion, early exit at the target and
//! reusable buffers. Used for DIMACS graphs, batch queries, lower bounds for
//! A*, and the reference the time-dependent search is checked against.

use std::cmp::Reverse;

use super::graph::{RoutingGraph, NONE};
use super::landmarks::Landmarks;
use super::search_space::{Buffers, SearchSpace};

/// A static shortest path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticPath {
    /// Total base cost (seconds for compiled networks, weight units for DIMACS).
    pub cost: u64,
    /// Routing nodes from source to target.
    pub nodes: Vec<u32>,
    /// Arc indices along the path.
    pub arcs: Vec<u32>,
}

/// Shortest path from `s` to `t` using only arcs for which `allowed(arc)` is
/// true; `None` when `t` cannot be reached. Bidirectional Dijkstra: a
/// forward search from `s` and a backward search from `t` advance the side
/// with the smaller tentative distance and stop once the two smallest keys
/// together reach the best meeting cost (Pohl 1971 stopping rule). An
/// unreachable target is known as soon as either side runs out of nodes,
/// which on road graphs with one-way fragments saves most of the work.
pub fn shortest_path_filtered<F: Fn(usize) -> bool>(
    g: &RoutingGraph,
    space: &mut SearchSpace,
    s: u32,
    t: u32,
    allowed: F,
) -> Option<StaticPath> {
    let n = g.node_count();
    if s as usize >= n || t as usize >= n {
        return None;
    }
    if s == t {
        return Some(StaticPath {
            cost: 0,
            nodes: vec![s],
            arcs: Vec::new(),
        });
    }
    if let Some(lm) = &g.landmarks {
        return alt_search(g, lm, space, s, t, allowed);
    }
    let SearchSpace { fwd, bwd } = space;
    fwd.reset(n);
    bwd.reset(n);
    fwd.set(s, 0, NONE);
    fwd.heap.push(Reverse((0, s)));
    bwd.set(t, 0, NONE);
    bwd.heap.push(Reverse((0, t)));
    let mut best = u64::MAX;
    let mut meet = NONE;
    loop {
        let kf = fwd.heap.peek().map_or(u64::MAX, |r| r.0 .0);
        let kb = bwd.heap.peek().map_or(u64::MAX, |r| r.0 .0);
        if kf.saturating_add(kb) >= best || (kf == u64::MAX && kb == u64::MAX) {
            break;
        }
        if kf <= kb {
            settle_next::<false, F>(g, fwd, bwd, &allowed, &mut best, &mut meet);
        } else {
            settle_next::<true, F>(g, bwd, fwd, &allowed, &mut best, &mut meet);
        }
    }
    if meet == NONE {
        return None;
    }
    // Forward half: meet back to s.
    let mut nodes = vec![meet];
    let mut arcs = Vec::new();
    let mut v = meet;
    while v != s {
        let a = fwd.parent(v);
        arcs.push(a);
        v = tail_of(g, a as usize);
        nodes.push(v);
    }
    nodes.reverse();
    arcs.reverse();
    // Backward half: meet on to t.
    let mut v = meet;
    while v != t {
        let a = bwd.parent(v);
        arcs.push(a);
        v = g.head[a as usize];
        nodes.push(v);
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
fn neighbours(g: &RoutingGraph, v: u32, backward: bool) -> impl Iterator<Item = (usize, u32)> + '_ {
    let range = if backward {
        g.in_arcs(v)
    } else {
        g.out_arcs(v)
    };
    range.map(move |i| {
        if backward {
            (g.rev_arc[i] as usize, g.rev_tail[i])
        } else {
            (i, g.head[i])
        }
    })
}

/// Pops the next node of one side of a bidirectional search and relaxes
/// its arcs (out-arcs forward, in-arcs when `BACKWARD`), updating the best
/// meeting cost with the other side's distances.
fn settle_next<const BACKWARD: bool, F: Fn(usize) -> bool>(
    g: &RoutingGraph,
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
    for (a, w) in neighbours(g, v, BACKWARD) {
        if !allowed(a) {
            continue;
        }
        let nd = d + g.cost[a] as u64;
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

/// A* with landmark (ALT) potentials, early exit at the target.
fn alt_search<F: Fn(usize) -> bool>(
    g: &RoutingGraph,
    lm: &Landmarks,
    space: &mut SearchSpace,
    s: u32,
    t: u32,
    allowed: F,
) -> Option<StaticPath> {
    let ps = lm.bound(s, t)?;
    let fwd = &mut space.fwd;
    fwd.reset(g.node_count());
    fwd.set(s, 0, NONE);
    fwd.aheap.push(Reverse((ps, 0, s)));
    while let Some(Reverse((_, d, v))) = fwd.aheap.pop() {
        if d > fwd.get(v) {
            continue;
        }
        if v == t {
            let mut nodes = vec![t];
            let mut arcs = Vec::new();
            let mut x = t;
            while x != s {
                let a = fwd.parent(x);
                arcs.push(a);
                x = tail_of(g, a as usize);
                nodes.push(x);
            }
            nodes.reverse();
            arcs.reverse();
            return Some(StaticPath {
                cost: d,
                nodes,
                arcs,
            });
        }
        for a in g.out_arcs(v) {
            if !allowed(a) {
                continue;
            }
            let w = g.head[a];
            let nd = d + g.cost[a] as u64;
            if nd < fwd.get(w) {
                let Some(pw) = lm.bound(w, t) else { continue };
                fwd.set(w, nd, a as u32);
                fwd.aheap.push(Reverse((nd + pw, nd, w)));
            }
        }
    }
    None
}

/// Shortest path from `s` to `t` over all arcs.
pub fn shortest_path(
    g: &RoutingGraph,
    space: &mut SearchSpace,
    s: u32,
    t: u32,
) -> Option<StaticPath> {
    shortest_path_filtered(g, space, s, t, |_| true)
}

/// The cost only (no path), or `None` if unreachable.
pub fn distance(g: &RoutingGraph, space: &mut SearchSpace, s: u32, t: u32) -> Option<u64> {
    shortest_path(g, space, s, t).map(|p| p.cost)
}

/// The tail node of an arc (binary search in `first_out`).
pub(crate) fn tail_of(g: &RoutingGraph, arc: usize) -> u32 {
    (g.first_out.partition_point(|&f| f as usize <= arc) - 1) as u32
}

/// Distances from every node *to* `t` (backward search), into `out`
/// (`u64::MAX` = cannot reach `t`). Used as exact lower bounds for A*.
pub fn distances_to<F: Fn(usize) -> bool>(
    g: &RoutingGraph,
    space: &mut SearchSpace,
    t: u32,
    allowed: F,
    out: &mut Vec<u64>,
) {
    one_to_all(g, &mut space.bwd, &[t], true, allowed, out);
}

/// Distances from the nearest of `sources` to every node (or, when
/// `backward`, from every node to the nearest source), into `out`
/// (`u64::MAX` = unreached).
pub(crate) fn one_to_all<F: Fn(usize) -> bool>(
    g: &RoutingGraph,
    space: &mut Buffers,
    sources: &[u32],
    backward: bool,
    allowed: F,
    out: &mut Vec<u64>,
) {
    let n = g.node_count();
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
        for (a, w) in neighbours(g, v, backward) {
            if !allowed(a) {
                continue;
            }
            let nd = d + g.cost[a] as u64;
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

    #[test]
    fn finds_shortest_and_reports_unreachable() {
        let g =
            RoutingGraph::from_arcs(5, &[(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, 5), (4, 0, 1)])
                .unwrap();
        let mut sp = SearchSpace::new(5);
        let p = shortest_path(&g, &mut sp, 0, 3).unwrap();
        assert_eq!(p.cost, 8);
        assert_eq!(p.nodes, vec![0, 2, 1, 3]);
        assert_eq!(p.arcs.len(), 3);
        assert!(shortest_path(&g, &mut sp, 3, 0).is_none());
        assert_eq!(distance(&g, &mut sp, 4, 3), Some(9));
        assert_eq!(distance(&g, &mut sp, 2, 2), Some(0));
        let mut out = Vec::new();
        distances_to(&g, &mut sp, 3, |_| true, &mut out);
        assert_eq!(out, vec![8, 5, 7, 0, 9]);
    }
}
