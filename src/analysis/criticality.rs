//! Criticality of single links and hubs for origin–destination pairs:
//! for each pair, its cost, and for each link (and intermediate hub) on its
//! reported shortest path, the pair's cost with that link (hub) removed —
//! exact, on a static [`Metric`] (seconds for corridor networks, the file's
//! weights for DIMACS graphs).
//!
//! **Reported path.** The path of a pair is the one in the backward
//! shortest-path tree of its target (Dijkstra from the target over reversed
//! arcs; ties go to the node popped first, heap ties to the smaller node
//! index, and a node keeps the first arc that reached it at its final
//! distance). Every implementation here reports the same path, so their
//! numbers can be compared row by row.
//!
//! **Fast algorithm** (replacement paths, directed case; see
//! `../shared/docs/algorithms.md`): no near-linear method is known for
//! directed graphs (Malik, Mittal & Gupta 1989 and Hershberger & Suri 2001
//! are for undirected ones), so one search per path link — but
//! - only links on the reported path can change the pair's cost (removing
//!   any other keeps that path, and removal never shortens anything);
//! - the intact distances to the target (the backward tree, computed once
//!   per target and shared by every pair to it) are an exact A* potential
//!   for the intact graph; removing arcs only lengthens distances, so they
//!   stay a consistent lower bound for every removal;
//! - the path's prefix before the removed link keeps its distances, so the
//!   search starts from every prefix node at its known distance;
//! - the search stops as soon as the target settles;
//! - the per-link searches run in parallel (rayon), one search space per
//!   thread.
//!
//! [`criticality_naive`] is the reference: the same reported paths, then a
//! full recomputation per removed link (copy the costs, mark the link
//! unusable, plain Dijkstra from scratch with fresh buffers). Tests assert
//! both give identical numbers (proptest, and the shared real graphs).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;
use serde::Serialize;

use crate::routing::{ArcIdx, HubIdx, LinkIdx, Metric, NodeIdx, Topology, UNUSABLE};

/// Sentinel for "no arc" / "unreached".
const NO_ARC: u32 = u32::MAX;

/// What is removed: a link (every arc of it, both directions) or a hub
/// (every arc leaving or reaching any of its routing nodes, transfers
/// included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "index")]
pub enum Element {
    /// A link.
    Link(LinkIdx),
    /// A hub.
    Hub(HubIdx),
}

impl Element {
    /// Whether the element removes arc `a`.
    #[inline]
    fn removes(self, topo: &Topology, a: usize) -> bool {
        match self {
            Element::Link(l) => topo.link[a] == l.0,
            Element::Hub(h) => {
                topo.node_hub[topo.head[a] as usize] == h.0
                    || topo.node_hub[topo.tail[a] as usize] == h.0
            }
        }
    }
}

/// The effect of removing one element on one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Effect {
    /// The link or hub removed.
    pub element: Element,
    /// The pair's cost without it (`None` = the pair is cut off).
    pub without: Option<u64>,
}

impl Effect {
    /// Extra cost over `cost` (`None` = cut off).
    pub fn extra(&self, cost: u64) -> Option<u64> {
        self.without.map(|w| w.saturating_sub(cost))
    }
}

/// Criticality of the links and hubs of one pair's reported path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairCriticality {
    /// Origin node.
    pub from: NodeIdx,
    /// Destination node.
    pub to: NodeIdx,
    /// The pair's cost (`None` = unreachable even intact).
    pub cost: Option<u64>,
    /// Arcs of the reported path, in order.
    pub path: Vec<ArcIdx>,
    /// Each link of the path (once, in path order) with the cost without it.
    pub links: Vec<Effect>,
    /// Each hub the path passes through (not its origin or destination hub;
    /// once, in path order) with the cost without it; empty unless asked for.
    pub hubs: Vec<Effect>,
}

/// What to compute.
#[derive(Clone, Copy, Default)]
pub struct CriticalityOptions<'p> {
    /// Also remove each intermediate hub of each path.
    pub hubs: bool,
    /// Called with (done, total) removal searches as the scan goes (from
    /// several threads).
    pub progress: Option<&'p (dyn Fn(u64, u64) + Sync)>,
}

impl std::fmt::Debug for CriticalityOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CriticalityOptions")
            .field("hubs", &self.hubs)
            .finish_non_exhaustive()
    }
}

/// Distances to one target over every node, and each node's next arc
/// towards it (the backward shortest-path tree).
#[derive(Debug, Clone)]
pub struct TargetTree {
    target: NodeIdx,
    dist: Vec<u64>,
    next: Vec<u32>,
}

impl TargetTree {
    /// Backward Dijkstra from `target` over the arcs `metric` allows.
    pub fn compute(topo: &Topology, metric: &Metric, target: NodeIdx) -> TargetTree {
        let n = topo.node_count();
        let cost = metric.costs();
        let mut dist = vec![u64::MAX; n];
        let mut next = vec![NO_ARC; n];
        let mut done = vec![false; n];
        let mut heap = BinaryHeap::new();
        if target.index() < n {
            dist[target.index()] = 0;
            heap.push(Reverse((0u64, target.0)));
        }
        while let Some(Reverse((d, v))) = heap.pop() {
            if done[v as usize] {
                continue;
            }
            done[v as usize] = true;
            for i in topo.in_range(v) {
                let a = topo.rev_arc[i] as usize;
                let c = cost[a];
                if c == UNUSABLE {
                    continue;
                }
                let u = topo.tail[a] as usize;
                let nd = d + u64::from(c);
                if nd < dist[u] {
                    dist[u] = nd;
                    next[u] = a as u32;
                    heap.push(Reverse((nd, u as u32)));
                }
            }
        }
        TargetTree { target, dist, next }
    }

    /// The target.
    pub fn target(&self) -> NodeIdx {
        self.target
    }

    /// Distance from `v` to the target (`None` = unreachable).
    #[inline]
    pub fn distance(&self, v: NodeIdx) -> Option<u64> {
        self.dist.get(v.index()).copied().filter(|&d| d != u64::MAX)
    }

    /// The reported path from `s` (arcs in order), if the target is reachable.
    pub fn path_from(&self, topo: &Topology, s: NodeIdx) -> Option<Vec<ArcIdx>> {
        self.distance(s)?;
        let mut arcs = Vec::new();
        let mut v = s.0;
        while v != self.target.0 {
            let a = self.next[v as usize];
            if a == NO_ARC || arcs.len() > topo.node_count() {
                return None;
            }
            arcs.push(ArcIdx(a));
            v = topo.head[a as usize];
        }
        Some(arcs)
    }
}

/// The distinct links of a path, in path order.
pub fn path_links(topo: &Topology, path: &[ArcIdx]) -> Vec<LinkIdx> {
    let mut out: Vec<LinkIdx> = Vec::new();
    for &a in path {
        if let Some(l) = topo.arc_link(a) {
            if !out.contains(&l) {
                out.push(l);
            }
        }
    }
    out
}

/// The distinct hubs a path passes through, not counting the hubs of its
/// first and last node, in path order.
pub fn path_hubs(topo: &Topology, s: NodeIdx, path: &[ArcIdx]) -> Vec<HubIdx> {
    let first = topo.node_hub(s);
    let last = path
        .last()
        .map_or(first, |&a| topo.node_hub(topo.arc_head(a)));
    let mut out: Vec<HubIdx> = Vec::new();
    for &a in path {
        let h = topo.node_hub(topo.arc_head(a));
        if h != first && h != last && !out.contains(&h) {
            out.push(h);
        }
    }
    out
}

/// One thread's A* buffers (distance with a generation stamp per node).
struct Space {
    dist: Vec<(u64, u32)>,
    stamp: u32,
    heap: BinaryHeap<Reverse<(u64, u64, u32)>>,
}

impl Space {
    fn new(n: usize) -> Space {
        Space {
            dist: vec![(u64::MAX, 0); n],
            stamp: 0,
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        self.heap.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.dist.iter_mut().for_each(|d| d.1 = 0);
            self.stamp = 1;
        }
    }

    #[inline]
    fn get(&self, v: u32) -> u64 {
        let d = self.dist[v as usize];
        if d.1 == self.stamp {
            d.0
        } else {
            u64::MAX
        }
    }

    #[inline]
    fn set(&mut self, v: u32, d: u64) {
        self.dist[v as usize] = (d, self.stamp);
    }
}

/// The pair's cost without `element`: A* towards the tree's target with the
/// intact distances as potential, started from the path prefix that comes
/// before the first arc the element removes, stopping when the target
/// settles.
fn cost_without(
    topo: &Topology,
    cost: &[u32],
    tree: &TargetTree,
    s: NodeIdx,
    path: &[ArcIdx],
    element: Element,
    space: &mut Space,
) -> Option<u64> {
    let t = tree.target.0;
    space.reset();
    // Seed the unaffected prefix at its distances from s.
    let mut d = 0u64;
    let mut v = s.0;
    let seed = |space: &mut Space, v: u32, d: u64| {
        if let Some(p) = tree.distance(NodeIdx(v)) {
            if d < space.get(v) {
                space.set(v, d);
                space.heap.push(Reverse((d + p, d, v)));
            }
        }
    };
    if let Element::Hub(h) = element {
        if topo.node_hub[v as usize] == h.0 {
            return None;
        }
    }
    seed(space, v, d);
    for &a in path {
        if element.removes(topo, a.index()) {
            break;
        }
        d += u64::from(cost[a.index()]);
        v = topo.head[a.index()];
        seed(space, v, d);
    }
    while let Some(Reverse((_, d, v))) = space.heap.pop() {
        if d > space.get(v) {
            continue;
        }
        if v == t {
            return Some(d);
        }
        for a in topo.out_range(v) {
            let c = cost[a];
            if c == UNUSABLE || element.removes(topo, a) {
                continue;
            }
            let w = topo.head[a];
            let nd = d + u64::from(c);
            if nd < space.get(w) {
                let Some(p) = tree.distance(NodeIdx(w)) else {
                    continue;
                };
                space.set(w, nd);
                space.heap.push(Reverse((nd + p, nd, w)));
            }
        }
    }
    None
}

/// The reported paths and their elements, grouped by target: `trees[k]` is
/// the tree of the k-th distinct target, `of_pair[i]` the tree of pair i.
fn trees_for(
    topo: &Topology,
    metric: &Metric,
    pairs: &[(NodeIdx, NodeIdx)],
) -> (Vec<TargetTree>, Vec<usize>) {
    let mut targets: Vec<NodeIdx> = pairs.iter().map(|p| p.1).collect();
    targets.sort();
    targets.dedup();
    let trees: Vec<TargetTree> = targets
        .par_iter()
        .map(|&t| TargetTree::compute(topo, metric, t))
        .collect();
    let of_pair = pairs
        .iter()
        .map(|p| targets.binary_search(&p.1).expect("target listed"))
        .collect();
    (trees, of_pair)
}

/// A pair's reported path and the elements to remove from it.
fn skeleton(
    topo: &Topology,
    tree: &TargetTree,
    (s, t): (NodeIdx, NodeIdx),
    hubs: bool,
) -> PairCriticality {
    let n = topo.node_count();
    let path = if s.index() < n && t.index() < n {
        tree.path_from(topo, s)
    } else {
        None
    };
    let cost = path.as_ref().and_then(|_| tree.distance(s));
    let path = path.unwrap_or_default();
    let links = path_links(topo, &path)
        .into_iter()
        .map(|l| Effect {
            element: Element::Link(l),
            without: None,
        })
        .collect();
    let hubs = if hubs && cost.is_some() {
        path_hubs(topo, s, &path)
            .into_iter()
            .map(|h| Effect {
                element: Element::Hub(h),
                without: None,
            })
            .collect()
    } else {
        Vec::new()
    };
    PairCriticality {
        from: s,
        to: t,
        cost,
        path,
        links,
        hubs,
    }
}

/// Criticality of every link (and, if asked, every intermediate hub) on the
/// reported shortest path of each pair, exact; results in pair order.
/// Pairs to the same target share one backward search. Targets are done a
/// batch at a time so memory stays bounded for many targets.
pub fn criticality(
    topo: &Topology,
    metric: &Metric,
    pairs: &[(NodeIdx, NodeIdx)],
    opts: &CriticalityOptions<'_>,
) -> Vec<PairCriticality> {
    const BATCH_TARGETS: usize = 256;
    let cost = metric.costs();
    let n = topo.node_count();
    // Batches of pairs whose targets fit in one batch of trees.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_key(|&i| (pairs[i].1, i));
    let mut out: Vec<Option<PairCriticality>> = vec![None; pairs.len()];
    let done = std::sync::atomic::AtomicU64::new(0);
    let mut total_known = 0u64;
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        let mut distinct = 0;
        while end < order.len() {
            if end == start || pairs[order[end]].1 != pairs[order[end - 1]].1 {
                if distinct == BATCH_TARGETS {
                    break;
                }
                distinct += 1;
            }
            end += 1;
        }
        let batch: Vec<(NodeIdx, NodeIdx)> = order[start..end].iter().map(|&i| pairs[i]).collect();
        let (trees, of_pair) = trees_for(topo, metric, &batch);
        let mut results: Vec<PairCriticality> = batch
            .iter()
            .zip(&of_pair)
            .map(|(&p, &k)| skeleton(topo, &trees[k], p, opts.hubs))
            .collect();
        // One task per (pair, element).
        let tasks: Vec<(usize, bool, usize)> = results
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                (0..r.links.len())
                    .map(move |j| (i, false, j))
                    .chain((0..r.hubs.len()).map(move |j| (i, true, j)))
            })
            .collect();
        total_known += tasks.len() as u64;
        let total = total_known
            + if end < order.len() {
                // Unknown yet: estimate from this batch.
                (tasks.len() as u64 * (order.len() - end) as u64) / (end - start).max(1) as u64
            } else {
                0
            };
        let values: Vec<Option<u64>> = tasks
            .par_iter()
            .map_init(
                || Space::new(n),
                |space, &(i, hub, j)| {
                    let r = &results[i];
                    let e = if hub { r.hubs[j] } else { r.links[j] };
                    let v = cost_without(
                        topo,
                        cost,
                        &trees[of_pair[i]],
                        r.from,
                        &r.path,
                        e.element,
                        space,
                    );
                    if let Some(p) = opts.progress {
                        let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        if k % 64 == 0 || k == total {
                            p(k, total);
                        }
                    }
                    v
                },
            )
            .collect();
        for (&(i, hub, j), v) in tasks.iter().zip(values) {
            let r = &mut results[i];
            if hub {
                r.hubs[j].without = v;
            } else {
                r.links[j].without = v;
            }
        }
        for (k, r) in results.into_iter().enumerate() {
            out[order[start + k]] = Some(r);
        }
        start = end;
    }
    if let Some(p) = opts.progress {
        let k = done.load(std::sync::atomic::Ordering::Relaxed);
        p(k, k);
    }
    out.into_iter()
        .map(|r| r.expect("every pair answered"))
        .collect()
}

/// Plain Dijkstra from `s` to `t` over `cost` with fresh buffers, early exit
/// at `t` (the naive reference's search).
fn plain_dijkstra(topo: &Topology, cost: &[u32], s: NodeIdx, t: NodeIdx) -> Option<u64> {
    let n = topo.node_count();
    if s.index() >= n || t.index() >= n {
        return None;
    }
    let mut dist = vec![u64::MAX; n];
    let mut heap = BinaryHeap::new();
    dist[s.index()] = 0;
    heap.push(Reverse((0u64, s.0)));
    while let Some(Reverse((d, v))) = heap.pop() {
        if d > dist[v as usize] {
            continue;
        }
        if v == t.0 {
            return Some(d);
        }
        for a in topo.out_range(v) {
            let c = cost[a];
            if c == UNUSABLE {
                continue;
            }
            let w = topo.head[a] as usize;
            let nd = d + u64::from(c);
            if nd < dist[w] {
                dist[w] = nd;
                heap.push(Reverse((nd, w as u32)));
            }
        }
    }
    None
}

/// The naive reference: the same reported paths as [`criticality`], then
/// for each link (hub) on a path a full recomputation — a copy of the arc
/// costs with the element's arcs unusable and a plain Dijkstra from scratch.
/// Sequential. Also checks each path's cost against its own plain Dijkstra
/// (panics if they differ: the reported path would not be shortest).
pub fn criticality_naive(
    topo: &Topology,
    metric: &Metric,
    pairs: &[(NodeIdx, NodeIdx)],
    hubs: bool,
) -> Vec<PairCriticality> {
    let cost = metric.costs();
    let (trees, of_pair) = trees_for(topo, metric, pairs);
    pairs
        .iter()
        .zip(&of_pair)
        .map(|(&p, &k)| {
            let mut r = skeleton(topo, &trees[k], p, hubs);
            let intact = plain_dijkstra(topo, cost, p.0, p.1);
            assert_eq!(intact, r.cost, "reported path of {p:?} is not shortest");
            if let Some(c) = r.cost {
                let sum: u64 = r.path.iter().map(|a| u64::from(cost[a.index()])).sum();
                assert_eq!(sum, c, "reported path of {p:?} does not add up");
            }
            for e in r.links.iter_mut().chain(r.hubs.iter_mut()) {
                let mut without = cost.to_vec();
                for (a, c) in without.iter_mut().enumerate() {
                    if e.element.removes(topo, a) {
                        *c = UNUSABLE;
                    }
                }
                e.without = match e.element {
                    Element::Hub(h) if topo.node_hub(p.0) == h => None,
                    _ => plain_dijkstra(topo, &without, p.0, p.1),
                };
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detours_and_cut_offs() {
        // 0 →1 →2 →3 (1 each), detour 0 →4 →3 (5), and 3 →5 only.
        let (g, m) = Topology::from_arcs(
            6,
            &[
                (0, 1, 1),
                (1, 2, 1),
                (2, 3, 1),
                (0, 4, 2),
                (4, 3, 3),
                (3, 5, 4),
            ],
        )
        .unwrap();
        let pairs = [(NodeIdx(0), NodeIdx(3)), (NodeIdx(0), NodeIdx(5))];
        let opts = CriticalityOptions {
            hubs: true,
            ..Default::default()
        };
        let fast = criticality(&g, &m, &pairs, &opts);
        let naive = criticality_naive(&g, &m, &pairs, true);
        assert_eq!(fast, naive);
        assert_eq!(fast[0].cost, Some(3));
        let w: Vec<Option<u64>> = fast[0].links.iter().map(|e| e.without).collect();
        assert_eq!(w, vec![Some(5); 3]);
        assert_eq!(fast[0].hubs.len(), 2);
        // The last link to 5 cuts it off.
        assert_eq!(fast[1].links.last().unwrap().without, None);
        assert_eq!(fast[1].links[0].extra(7), Some(2));
    }
}
