//! ALT lower bounds (A*, Landmarks, Triangle inequality; Goldberg &
//! Harrelson 2005): exact distances from and to a few landmark nodes give,
//! for any node v and target t, the lower bound
//! `max_L max(d(L,t) − d(L,v), d(v,L) − d(t,L))` on `d(v,t)`. It is a
//! consistent A* potential, and stays one when arcs are removed (removals
//! only lengthen distances). The same tables certify unreachability: if a
//! landmark reaches `v` but not `t`, or `t` reaches a landmark that `v` does
//! not, then `v` cannot reach `t`.

use std::cmp::Reverse;

use super::ids::NodeIdx;
use super::metric::Metric;
use super::search_space::Buffers;
use super::topology::Topology;

/// Landmarks used when a caller does not choose: on the Bremen road graph
/// (40k nodes) 8 and 16 answer queries equally fast, and 8 builds in half
/// the time (measured with `benches/routing.rs`).
pub const DEFAULT_LANDMARKS: usize = 8;

/// Marks "unreachable" in the tables.
const INF: u64 = u64::MAX;

/// Landmark distance tables, node-major (`v * k + i`), for one metric.
#[derive(Debug, Clone)]
pub struct Landmarks {
    k: usize,
    /// Landmark node ids.
    nodes: Vec<u32>,
    /// d(L_i, v).
    from: Vec<u64>,
    /// d(v, L_i).
    to: Vec<u64>,
}

/// One-to-all distances on the graph (forward) or its reverse (backward).
fn one_to_all(g: &Topology, m: &Metric, sources: &[u32], backward: bool) -> Vec<u64> {
    let mut buffers = Buffers::default();
    let mut out = Vec::new();
    super::dijkstra::one_to_all(g, m, &mut buffers, sources, backward, &mut out);
    out
}

impl Landmarks {
    /// Chooses up to `k` landmarks by farthest selection (each new landmark
    /// is the node farthest from those chosen, within the largest part the
    /// first one reaches) and computes their tables: 2k one-to-all searches.
    /// Deterministic.
    pub fn build(g: &Topology, m: &Metric, k: usize) -> Landmarks {
        let n = g.node_count();
        let k = k.min(n);
        let mut nodes: Vec<u32> = Vec::with_capacity(k);
        let mut from_cols: Vec<Vec<u64>> = Vec::with_capacity(k);
        let mut to_cols: Vec<Vec<u64>> = Vec::with_capacity(k);
        if k > 0 {
            // Start at the node of highest out-degree (ties: lowest id), a
            // node of the main part in practice.
            let start = (0..n as u32)
                .max_by_key(|&v| (g.out_range(v).len(), Reverse(v)))
                .unwrap_or(0);
            let mut seed = vec![start];
            while nodes.len() < k {
                let d = one_to_all(g, m, &seed, false);
                let far = (0..n as u32)
                    .filter(|&v| d[v as usize] != INF && !nodes.contains(&v))
                    .max_by_key(|&v| (d[v as usize], Reverse(v)));
                let Some(far) = far else { break };
                nodes.push(far);
                from_cols.push(one_to_all(g, m, &[far], false));
                to_cols.push(one_to_all(g, m, &[far], true));
                seed = nodes.clone();
            }
        }
        let k = nodes.len();
        let mut from = vec![INF; n * k];
        let mut to = vec![INF; n * k];
        for v in 0..n {
            for i in 0..k {
                from[v * k + i] = from_cols[i][v];
                to[v * k + i] = to_cols[i][v];
            }
        }
        Landmarks { k, nodes, from, to }
    }

    /// Number of landmarks.
    pub fn len(&self) -> usize {
        self.k
    }

    /// Whether there are no landmarks.
    pub fn is_empty(&self) -> bool {
        self.k == 0
    }

    /// The landmark nodes.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIdx> + '_ {
        self.nodes.iter().map(|&v| NodeIdx(v))
    }

    /// A lower bound on d(v, t), or `None` if `v` certainly cannot reach `t`.
    #[inline]
    pub fn bound(&self, v: NodeIdx, t: NodeIdx) -> Option<u64> {
        let (vk, tk) = (v.index() * self.k, t.index() * self.k);
        let mut best = 0u64;
        for i in 0..self.k {
            let (lv, lt) = (self.from[vk + i], self.from[tk + i]);
            if lv != INF {
                if lt == INF {
                    return None;
                }
                best = best.max(lt.saturating_sub(lv));
            }
            let (vl, tl) = (self.to[vk + i], self.to[tk + i]);
            if tl != INF {
                if vl == INF {
                    return None;
                }
                best = best.max(vl.saturating_sub(tl));
            }
        }
        Some(best)
    }
}
