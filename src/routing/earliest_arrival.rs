//! Time-dependent earliest-arrival search (Dijkstra on FIFO time-dependent
//! arcs, Dreyfus 1969; Kaufman & Smith 1993), goal-directed by any
//! consistent [`Potential`] (A*).
//!
//! Without a driving limit, main-leg pattern or route-choice penalty each
//! node keeps one label (its earliest arrival) in generation-stamped
//! arrays. Otherwise the search is label-setting: each node keeps the Pareto
//! set of (arrival time, search cost, driving since the last rest, rest
//! halts taken) labels per pattern phase — rests only keep needless halts
//! out of the chosen route among equally early ones — and rest halts at hubs
//! that allow them reset the driving clock. Without penalties the search
//! cost is the arrival time and the search is exact under the model: the
//! first label settled at the target has the earliest arrival. With
//! penalties (seconds per km and per border, [`Penalty`]) labels are ordered
//! by time plus penalty: a heuristic for route choice among routes that
//! arrive about as early (the router checks the arrival against its
//! tolerance). No allocation per arc relaxation.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::ids::{ArcIdx, NodeIdx};
use super::metric::{Metric, UNUSABLE};
use super::potential::Potential;
use super::search_space::Buffers;
use super::timing::{Penalty, Rules, Traversal};
use super::topology::{ArcKind, Topology, NONE};
use crate::network::Mode;

/// Marks a rest halt in a label's `via`.
const REST: u32 = u32::MAX - 1;

#[derive(Debug, Clone, Copy)]
struct Label {
    node: u32,
    t: i64,
    /// Search cost: `t` plus route-choice penalties so far.
    g: i64,
    /// Main-leg phase (0 before, 1 on, 2 after; 0 without a pattern).
    phase: u8,
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
        /// The arc.
        arc: ArcIdx,
        /// Timing (seconds since the query epoch).
        timing: Traversal,
    },
    /// A rest halt at a node from `start` to `end` (seconds since epoch).
    Rest {
        /// Routing node.
        node: NodeIdx,
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

impl TdPath {
    /// The arcs taken, in order.
    pub fn arcs(&self) -> impl Iterator<Item = ArcIdx> + '_ {
        self.legs.iter().filter_map(|l| match l {
            Leg::Arc { arc, .. } => Some(*arc),
            Leg::Rest { .. } => None,
        })
    }
}

/// Reusable buffers for time-dependent searches (one per thread).
#[derive(Debug, Default)]
pub struct TdSpace {
    single: Buffers,
    labels: Vec<Label>,
    node_labels: Vec<Vec<u32>>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(i64, u32, u32)>>,
}

impl TdSpace {
    /// Empty buffers; they grow to the topology on first use.
    pub fn new() -> TdSpace {
        TdSpace::default()
    }

    fn reset_labels(&mut self, n: usize) {
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

/// Earliest arrival from node `s` (at time 0) to node `t` under `rules`,
/// guided by `potential` (a lower bound on the static distance to `t`;
/// pass [`ZeroPotential`](super::ZeroPotential) for none). `None` when no
/// route exists under the metric and the rules.
pub fn earliest_arrival<P: Potential + ?Sized>(
    topo: &Topology,
    metric: &Metric,
    rules: &Rules<'_>,
    potential: &P,
    space: &mut TdSpace,
    s: NodeIdx,
    t: NodeIdx,
) -> Option<TdPath> {
    let n = topo.node_count();
    if s.index() >= n || t.index() >= n {
        return None;
    }
    if s == t {
        return Some(TdPath {
            arrival: 0,
            legs: Vec::new(),
        });
    }
    let ps = potential.bound(s)?;
    let path = if rules.driving.is_some() || rules.main_leg.is_some() || rules.penalty.is_some() {
        label_setting(topo, metric, rules, potential, space, s, t)?
    } else {
        single_label(topo, metric, rules, potential, space, s, t, ps)?
    };
    Some(replay(metric, rules, &path))
}

/// One label per node: earliest arrival in stamped arrays.
#[allow(clippy::too_many_arguments)]
fn single_label<P: Potential + ?Sized>(
    topo: &Topology,
    metric: &Metric,
    rules: &Rules<'_>,
    potential: &P,
    space: &mut TdSpace,
    s: NodeIdx,
    t: NodeIdx,
    ps: u64,
) -> Option<TdPath> {
    let cost = metric.costs();
    let b = &mut space.single;
    b.reset(topo.node_count());
    b.set(s.0, 0, NONE);
    b.aheap.push(Reverse((ps, 0, s.0)));
    while let Some(Reverse((_, d, v))) = b.aheap.pop() {
        if d > b.get(v) {
            continue;
        }
        if v == t.0 {
            let mut arcs = Vec::new();
            let mut x = v;
            while x != s.0 {
                let a = b.parent(x);
                arcs.push(a);
                x = topo.tail[a as usize];
            }
            arcs.reverse();
            let legs = arcs
                .into_iter()
                .map(|a| Leg::Arc {
                    arc: ArcIdx(a),
                    timing: Traversal {
                        ready: 0,
                        waits: [0; 4],
                        depart: 0,
                        arrive: 0,
                    },
                })
                .collect();
            return Some(TdPath {
                arrival: d as i64,
                legs,
            });
        }
        for a in topo.out_range(v) {
            let c = cost[a];
            if c == UNUSABLE {
                continue;
            }
            let w = topo.head[a];
            let Some(pw) = potential.bound(NodeIdx(w)) else {
                continue;
            };
            let Some(tr) = rules.pass(ArcIdx(a as u32), d as i64, c) else {
                continue;
            };
            let nd = tr.arrive as u64;
            if nd < b.get(w) {
                b.set(w, nd, a as u32);
                b.aheap.push(Reverse((nd.saturating_add(pw), nd, w)));
            }
        }
    }
    None
}

/// Whether road driving on an arc counts against the driving limit.
#[inline]
fn is_driving(topo: &Topology, a: usize) -> bool {
    topo.kind[a] == ArcKind::Move && topo.node_mode[topo.head[a] as usize] == Mode::Road
}

/// Label-setting search with the driving clock, the main-leg phase and the
/// penalised search cost as further resources.
fn label_setting<P: Potential + ?Sized>(
    topo: &Topology,
    metric: &Metric,
    rules: &Rules<'_>,
    potential: &P,
    space: &mut TdSpace,
    s: NodeIdx,
    t: NodeIdx,
) -> Option<TdPath> {
    let cost = metric.costs();
    let final_phase = if rules.main_leg.is_some() { 2 } else { 0 };
    let penalty = |a: usize| {
        rules
            .penalty
            .as_ref()
            .map_or(0, |p: &Penalty| p.of(topo, a))
    };
    space.reset_labels(topo.node_count());
    push(
        space,
        potential,
        Label {
            node: s.0,
            t: 0,
            g: 0,
            phase: 0,
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
        if l.node == t.0 && l.phase == final_phase {
            return Some(trace(space, li));
        }
        let hub = topo.node_hub[l.node as usize];
        let just_unloaded = l.via != NONE
            && l.via != REST
            && matches!(topo.kind[l.via as usize], ArcKind::Unload(_));
        // Rest halt: resets the driving clock.
        if let Some(d) = rules.driving {
            if l.driven > 0
                && topo.hubs[hub as usize].rest_allowed
                && topo.node_mode[l.node as usize] == Mode::Road
            {
                let rest = i64::from(d.rest_secs);
                push(
                    space,
                    potential,
                    Label {
                        node: l.node,
                        t: l.t + rest,
                        g: l.g + rest,
                        phase: l.phase,
                        driven: 0,
                        parent: li,
                        via: REST,
                        rests: l.rests + 1,
                        dead: false,
                    },
                );
            }
        }
        for a in topo.out_range(l.node) {
            let c = cost[a];
            if c == UNUSABLE {
                continue;
            }
            let phase = match rules.main_leg {
                Some(ml) => match ml.next_phase(topo, l.phase, a, just_unloaded) {
                    Some(p) => p,
                    None => continue,
                },
                None => 0,
            };
            let w = topo.head[a];
            if potential.bound(NodeIdx(w)).is_none() {
                continue;
            }
            let mut driven = l.driven;
            if let Some(d) = rules.driving {
                if is_driving(topo, a) {
                    driven = driven.saturating_add(c);
                    if driven > d.max_drive_secs {
                        continue;
                    }
                }
            }
            let Some(tr) = rules.pass(ArcIdx(a as u32), l.t, c) else {
                continue;
            };
            push(
                space,
                potential,
                Label {
                    node: w,
                    t: tr.arrive,
                    g: l.g + (tr.arrive - l.t) + penalty(a),
                    phase,
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
fn push<P: Potential + ?Sized>(space: &mut TdSpace, potential: &P, l: Label) {
    let v = l.node as usize;
    // Without penalties the search cost is the arrival time (g = t). With
    // them, labels compete on the search cost alone: the penalised search
    // is a heuristic for route-choice candidates (the router checks each
    // candidate's true arrival), and keeping a Pareto set over time and
    // cost as well would multiply the labels for no exactness gained.
    let dominates = |a: &Label, b: &Label| {
        a.phase == b.phase && a.g <= b.g && a.driven <= b.driven && a.rests <= b.rests
    };
    for &o in &space.node_labels[v] {
        let ol = &space.labels[o as usize];
        if !ol.dead && dominates(ol, &l) {
            return;
        }
    }
    let idx = space.labels.len() as u32;
    for &o in &space.node_labels[v] {
        let ol = &mut space.labels[o as usize];
        if !ol.dead && dominates(&l, ol) {
            ol.dead = true;
        }
    }
    if space.node_labels[v].is_empty() {
        space.touched.push(l.node);
    }
    space.node_labels[v].retain(|&o| !space.labels[o as usize].dead);
    space.node_labels[v].push(idx);
    space.labels.push(l);
    let bound = potential.bound(NodeIdx(l.node)).unwrap_or(0);
    let key = l.g.saturating_add(bound as i64);
    space.heap.push(Reverse((key, l.rests, idx)));
}

fn trace(space: &TdSpace, last: u32) -> TdPath {
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
                node: NodeIdx(c.node),
                start: p.t,
                end: c.t,
            });
        } else {
            legs.push(Leg::Arc {
                arc: ArcIdx(c.via),
                timing: Traversal {
                    ready: p.t,
                    waits: [0; 4],
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

/// Replays a path's arcs under the rules to recover each leg's timing and
/// waits by cause.
pub fn replay(metric: &Metric, rules: &Rules<'_>, path: &TdPath) -> TdPath {
    let mut legs = Vec::with_capacity(path.legs.len());
    let mut t = 0i64;
    for leg in &path.legs {
        match *leg {
            Leg::Arc { arc, .. } => {
                // Invariant: the search took this arc at this ready time, and
                // timings are deterministic, so it is traversable again.
                let tr = rules
                    .pass(arc, t, metric.cost(arc))
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
