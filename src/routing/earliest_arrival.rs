//! Time-dependent earliest-arrival search (Dijkstra on FIFO time-dependent
//! arcs, Dreyfus 1969; Kaufman & Smith 1993) with A* on exact static lower
//! bounds, and — when a daily driving limit applies — a label-setting
//! extension: each node keeps the Pareto set of (arrival time, driving time
//! since the last rest, rest halts taken) labels — the third criterion only
//! keeps needless rests out of the chosen route among equally early ones — and rest halts at hubs that allow them reset
//! the driving clock. Exact under the model: the first label settled at the
//! target has the earliest arrival.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::dijkstra::{distances_to, tail_of};
use super::graph::{RoutingGraph, NONE};
use super::search_space::SearchSpace;
use super::time_rules::{QueryRules, Traversal};

/// Marks a rest halt in a label's `via`.
pub(crate) const REST: u32 = u32::MAX - 1;

#[derive(Debug, Clone, Copy)]
struct Label {
    node: u32,
    t: i64,
    driven: u32,
    parent: u32,
    via: u32,
    /// Rest halts so far: among equally early labels, fewer rests first.
    rests: u32,
    dead: bool,
}

/// One leg of a time-dependent path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leg {
    /// An arc taken, with its timing.
    Arc {
        /// Arc index.
        arc: u32,
        /// Timing.
        timing: Traversal,
    },
    /// A rest halt at a node from `start` to `end` (seconds since epoch).
    Rest {
        /// Routing node.
        node: u32,
        /// Start, seconds since the epoch.
        start: i64,
        /// End, seconds since the epoch.
        end: i64,
    },
}

/// The result of an earliest-arrival query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TdPath {
    /// Arrival, seconds since the query epoch.
    pub arrival: i64,
    /// Legs in time order.
    pub legs: Vec<Leg>,
}

/// Reusable buffers for time-dependent searches (one per thread).
#[derive(Debug, Default)]
pub struct TdSpace {
    labels: Vec<Label>,
    node_labels: Vec<Vec<u32>>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(i64, u32, u32)>>,
    bound: Vec<u64>,
    static_space: SearchSpace,
}

impl TdSpace {
    /// Empty buffers; they grow to the graph on first use.
    pub fn new() -> TdSpace {
        TdSpace::default()
    }

    fn reset(&mut self, n: usize) {
        for &v in &self.touched {
            self.node_labels[v as usize].clear();
        }
        self.touched.clear();
        if self.node_labels.len() < n {
            self.node_labels.resize_with(n, Vec::new);
        }
        self.labels.clear();
        self.heap.clear();
    }
}

/// Earliest arrival from node `s` at time 0 to node `t`, using only arcs
/// with `allowed(arc)`. `None` when no route exists under the rules.
pub fn earliest_arrival<F: Fn(usize) -> bool>(
    g: &RoutingGraph,
    space: &mut TdSpace,
    rules: &QueryRules,
    s: u32,
    t: u32,
    allowed: F,
) -> Option<TdPath> {
    let n = g.node_count();
    if s as usize >= n || t as usize >= n {
        return None;
    }
    // Exact static lower bounds to the target: a consistent A* potential,
    // since every time-dependent arc takes at least its base cost.
    let mut bound = std::mem::take(&mut space.bound);
    distances_to(g, &mut space.static_space, t, &allowed, &mut bound);
    space.bound = bound;
    if space.bound[s as usize] == u64::MAX {
        return None;
    }
    space.reset(n);
    push(
        space,
        Label {
            node: s,
            t: 0,
            driven: 0,
            parent: NONE,
            via: NONE,
            rests: 0,
            dead: false,
        },
    );
    while let Some(Reverse((_, _, li))) = space.heap.pop() {
        let l = space.labels[li as usize];
        if l.dead {
            continue;
        }
        if l.node == t {
            return Some(trace(space, rules, li));
        }
        let hub = g.node_hub[l.node as usize];
        // Rest halt: resets the driving clock.
        if let Some(d) = rules.driving {
            if l.driven > 0
                && g.hubs[hub as usize].rest_allowed
                && g.node_mode[l.node as usize] == crate::network::Mode::Road
            {
                push(
                    space,
                    Label {
                        node: l.node,
                        t: l.t + d.rest_secs as i64,
                        driven: 0,
                        parent: li,
                        via: REST,
                        rests: l.rests + 1,
                        dead: false,
                    },
                );
            }
        }
        for a in g.out_arcs(l.node) {
            if !allowed(a) {
                continue;
            }
            let w = g.head[a];
            if space.bound[w as usize] == u64::MAX {
                continue;
            }
            let mut driven = l.driven;
            if let Some(d) = rules.driving {
                if QueryRules::is_driving(g, a) {
                    driven = driven.saturating_add(g.cost[a]);
                    if driven > d.max_drive_secs {
                        continue;
                    }
                }
            }
            let Some(tr) = rules.traverse(g, a, hub, l.t) else {
                continue;
            };
            push(
                space,
                Label {
                    node: w,
                    t: tr.arrive,
                    driven,
                    parent: li,
                    via: a as u32,
                    rests: l.rests,
                    dead: false,
                },
            );
        }
    }
    None
}

/// Inserts a label unless dominated; kills labels it dominates.
fn push(space: &mut TdSpace, l: Label) {
    let v = l.node as usize;
    for &o in &space.node_labels[v] {
        let ol = &space.labels[o as usize];
        if !ol.dead && ol.t <= l.t && ol.driven <= l.driven && ol.rests <= l.rests {
            return;
        }
    }
    let idx = space.labels.len() as u32;
    for &o in &space.node_labels[v] {
        let ol = &mut space.labels[o as usize];
        if !ol.dead && l.t <= ol.t && l.driven <= ol.driven && l.rests <= ol.rests {
            ol.dead = true;
        }
    }
    if space.node_labels[v].is_empty() {
        space.touched.push(l.node);
    }
    space.node_labels[v].retain(|&o| !space.labels[o as usize].dead);
    space.node_labels[v].push(idx);
    space.labels.push(l);
    let key = l.t.saturating_add(space.bound[v] as i64);
    space.heap.push(Reverse((key, l.rests, idx)));
}

fn trace(space: &TdSpace, rules: &QueryRules, last: u32) -> TdPath {
    let _ = rules;
    let mut chain = Vec::new();
    let mut i = last;
    while i != NONE {
        chain.push(i);
        i = space.labels[i as usize].parent;
    }
    chain.reverse();
    let mut legs = Vec::with_capacity(chain.len());
    for w in chain.windows(2) {
        let (p, c) = (space.labels[w[0] as usize], space.labels[w[1] as usize]);
        if c.via == REST {
            legs.push(Leg::Rest {
                node: c.node,
                start: p.t,
                end: c.t,
            });
        } else {
            legs.push(Leg::Arc {
                arc: c.via,
                timing: Traversal {
                    ready: p.t,
                    permit_until: p.t,
                    depart: p.t,
                    arrive: c.t,
                },
            });
        }
    }
    TdPath {
        arrival: space.labels[last as usize].t,
        legs,
    }
}

/// Replays a path's arcs to recover the wait breakdown of each leg.
pub fn replay(g: &RoutingGraph, rules: &QueryRules, path: &TdPath) -> TdPath {
    let mut legs = Vec::with_capacity(path.legs.len());
    let mut t = 0i64;
    for leg in &path.legs {
        match *leg {
            Leg::Arc { arc, .. } => {
                let tail = g.node_hub[tail_of(g, arc as usize) as usize];
                // Invariant: the search took this arc at this ready time, so it is traversable.
                let tr = rules
                    .traverse(g, arc as usize, tail, t)
                    .expect("replayed arc is traversable");
                t = tr.arrive;
                legs.push(Leg::Arc { arc, timing: tr });
            }
            Leg::Rest { node, start, end } => {
                let len = end - start;
                legs.push(Leg::Rest {
                    node,
                    start: t,
                    end: t + len,
                });
                t += len;
            }
        }
    }
    TdPath { arrival: t, legs }
}
