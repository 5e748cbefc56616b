//! Reusable per-thread search buffers with O(1) reset (a generation stamp
//! per node, as in fast_paths' `PathCalculator` and rust_road_router's
//! `TimestampedVector`).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::graph::NONE;

/// Buffers for one search at a time over graphs of up to `capacity` nodes.
/// Create one per thread and reuse it across queries.
#[derive(Debug, Clone, Default)]
pub struct SearchSpace {
    pub(crate) dist: Vec<u64>,
    pub(crate) parent: Vec<u32>,
    stamp: Vec<u32>,
    generation: u32,
    pub(crate) heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl SearchSpace {
    /// Buffers for graphs of up to `nodes` nodes (they grow on demand).
    pub fn new(nodes: usize) -> SearchSpace {
        let mut s = SearchSpace::default();
        s.ensure(nodes);
        s
    }

    /// Starts a new search over `nodes` nodes: every node reads as unreached.
    pub(crate) fn reset(&mut self, nodes: usize) {
        self.ensure(nodes);
        self.heap.clear();
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.generation = 1;
        }
    }

    fn ensure(&mut self, nodes: usize) {
        if self.stamp.len() < nodes {
            self.dist.resize(nodes, u64::MAX);
            self.parent.resize(nodes, NONE);
            self.stamp.resize(nodes, 0);
        }
    }

    /// Distance of a node in the current search (`u64::MAX` = unreached).
    #[inline]
    pub(crate) fn get(&self, node: u32) -> u64 {
        if self.stamp[node as usize] == self.generation {
            self.dist[node as usize]
        } else {
            u64::MAX
        }
    }

    /// Sets a node's distance and parent arc.
    #[inline]
    pub(crate) fn set(&mut self, node: u32, d: u64, parent: u32) {
        let i = node as usize;
        self.stamp[i] = self.generation;
        self.dist[i] = d;
        self.parent[i] = parent;
    }
}
