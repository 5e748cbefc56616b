//! Reusable per-thread search buffers with O(1) reset (a generation stamp
//! per node, as in fast_paths' `PathCalculator` and rust_road_router's
//! `TimestampedVector`).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::topology::NONE;

/// Buffers for static searches: one set per search direction. Create one
/// per thread and reuse it across queries.
#[derive(Debug, Clone, Default)]
pub struct SearchSpace {
    /// Forward search (from the source).
    pub(crate) fwd: Buffers,
    /// Backward search (from the target).
    pub(crate) bwd: Buffers,
}

impl SearchSpace {
    /// Buffers for graphs of up to `nodes` nodes (they grow on demand).
    pub fn new(nodes: usize) -> SearchSpace {
        let mut s = SearchSpace::default();
        s.fwd.ensure(nodes);
        s.bwd.ensure(nodes);
        s
    }
}

/// A node's state in one search: distance, parent arc and the generation
/// that wrote them, side by side so one cache line serves a relaxation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NodeState {
    dist: u64,
    parent: u32,
    stamp: u32,
}

/// Distances, parents and a heap for one search direction, with a
/// generation stamp per node for O(1) reset.
#[derive(Debug, Clone, Default)]
pub struct Buffers {
    nodes: Vec<NodeState>,
    generation: u32,
    pub(crate) heap: BinaryHeap<Reverse<(u64, u32)>>,
    /// A* heap: (key = distance + potential, distance, node).
    pub(crate) aheap: BinaryHeap<Reverse<(u64, u64, u32)>>,
}

impl Buffers {
    /// Starts a new search over `nodes` nodes: every node reads as unreached.
    pub(crate) fn reset(&mut self, nodes: usize) {
        self.ensure(nodes);
        self.heap.clear();
        self.aheap.clear();
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.nodes.iter_mut().for_each(|s| s.stamp = 0);
            self.generation = 1;
        }
    }

    fn ensure(&mut self, nodes: usize) {
        if self.nodes.len() < nodes {
            self.nodes.resize(
                nodes,
                NodeState {
                    dist: u64::MAX,
                    parent: NONE,
                    stamp: 0,
                },
            );
        }
    }

    /// Distance of a node in the current search (`u64::MAX` = unreached).
    #[inline]
    pub(crate) fn get(&self, node: u32) -> u64 {
        let s = &self.nodes[node as usize];
        if s.stamp == self.generation {
            s.dist
        } else {
            u64::MAX
        }
    }

    /// Parent arc of a reached node.
    #[inline]
    pub(crate) fn parent(&self, node: u32) -> u32 {
        self.nodes[node as usize].parent
    }

    /// Sets a node's distance and parent arc.
    #[inline]
    pub(crate) fn set(&mut self, node: u32, d: u64, parent: u32) {
        self.nodes[node as usize] = NodeState {
            dist: d,
            parent,
            stamp: self.generation,
        };
    }
}
