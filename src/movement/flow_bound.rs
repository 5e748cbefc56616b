//! The time-expanded max-flow lower bound on closure time.
//!
//! # The relaxation
//!
//! Take a group of movement units (an element, the elements sharing an
//! origin or a destination, the whole force — each split by kind of unit —
//! or every unit no faster than a given load profile: the groups are
//! chosen in `schedule.rs`). The bound asks: could every unit of the group
//! reach a destination of the group by instant `T`, in a relaxation of the
//! real problem in which
//!
//! - the units are interchangeable (one commodity): every arc any member
//!   may use is open to all, at the shortest duration any member needs
//!   (`c(a)`, seconds), and an arc may be entered at `t` whenever some
//!   member's permit gates and local-time windows (the exceptional trains'
//!   night paths, opening hours, link windows) would let it — the earliest
//!   entry at or after `t` over the members' timings, `E(a, t)`, a minimum
//!   of FIFO functions and so FIFO itself; a member's main-leg pattern
//!   (road only within the access distance of its origin or destination,
//!   the main leg on its own mode) limits the arcs it contributes;
//! - units may wait anywhere, as long as they like (holding capacity is
//!   dropped; the daily driving limit only enters through `σ`, `ε` and `b`
//!   below; declared assets only through a railhead's trains per day);
//! - the units of other groups take no capacity.
//!
//! Every real plan restricted to the group is a solution of the relaxation
//! with the same arrivals, so if the relaxation cannot close by `T`, no
//! plan can. (Dropping a constraint keeps a relaxation a relaxation; that
//! is why leaving out holding, HETs, locomotives, wagons, ships and
//! aircraft keeps the bound valid.)
//!
//! # The time expansion
//!
//! Time is cut into steps of `Δ` seconds (default 24 min), counted per
//! node from a node-specific origin `σ(v)`: a valid earliest arrival at `v`
//! — no unit of the group is ever at `v` before `σ(v)` — the earliest
//! arrival in the relaxation from the members' origins at their releases,
//! by time-dependent Dijkstra over `E` and `c`; under a daily driving limit
//! (at most `M` seconds of road driving between rest halts of `R` seconds,
//! taken only at road nodes of hubs that allow them; waits never reset the
//! clock — the routing core's rule) by label setting with the driving clock
//! as a resource (Pareto labels of arrival and driving since the last
//! rest). The same labels give each arc `a` the earliest instant `ε(a)` any
//! unit may enter it: a label whose driving would overrun the limit on `a`
//! must rest first, and its rested label is among the labels. Counting
//! steps from `σ` rather than from a common origin means the rounding loses
//! nothing along a tight path: the reduced duration `σ(u) + c(a) − σ(v)` of
//! an arc on a fastest path is 0.
//!
//! Node `(v, k)` stands for "at `v` at some instant of `[σ(v) + kΔ, σ(v) +
//! (k+1)Δ)`". With `b(v)` a lower bound on the time from `v` to any
//! destination of the group (the least static time over `c` for a column
//! starting with a fresh driving clock — the least any column needs —,
//! backward labels with the driving clock), a unit at `(v, k)` cannot close
//! before `σ(v) + kΔ + b(v)`, so only the nodes with that ≤ `T` exist.
//!
//! Arcs of the expanded network, and why each real unit's trajectory maps
//! onto a path of it (the proof of validity):
//!
//! - **Waiting**: `(v, k) → (v, k+1)`, unbounded.
//! - **Moving** along arc `a = u → v` from `(u, k)`: the earliest entry is
//!   `e = E(a, max(σ(u) + kΔ, ε(a)))`; if `e` falls after the step, the arc
//!   starts from a later step; otherwise it leads to `(v, k')` with `k' =
//!   max(0, ⌊(e + c(a) − σ(v)) / Δ⌋)` — times are rounded *down*. A real
//!   unit entering `a` at `e* ∈ [σ(u) + kΔ, σ(u) + (k+1)Δ)` has `e* ≥
//!   ε(a)` and `e* ≥ e` (FIFO: its own timing admits `e*`, and `E` is the
//!   least over the members) and a duration `≥ c(a)`, so it reaches `v` in
//!   step `k'` or later and waits there to its real step; the real step is
//!   `≥ 0` because `σ(v)` is a valid earliest arrival, and its node exists
//!   because the unit does close by `T`.
//! - **Link capacity** (entry headway `h` = `⌈period / capacity⌉`, at
//!   least the shortest pass time of a member): entries of the group into
//!   one link direction are `≥ h` apart, so a half-open window of length
//!   `L` holds at most `⌈L / h⌉` of them. If `h` divides `Δ`, each step's
//!   arc takes `Δ / h` (exact). Otherwise time is cut into *blocks* of
//!   length at most `h` — each holds at most one entry — and every step
//!   feeds, through an unbounded arc, a node per block its possible entries
//!   `[e, σ(u) + (k+1)Δ)` meet; the block's node passes one unit on to the
//!   arc's head at the step reached from its earliest possible entry (the
//!   block's start, or the earliest entry fed into it if later), which is
//!   no later than any real entry of the block. Blocks are cut either
//!   ([`LinkBlocks::Windows`]) at each opening of the arc's windows — after
//!   an entry that first needed a wait, or after a gap with no entry — and
//!   every `h` after it, or ([`LinkBlocks::Steps`], headways of two steps
//!   or more) as `⌊h/Δ⌋` consecutive steps of the tail (`⌊h/Δ⌋Δ ≤ h`). Any
//!   partition into windows of length at most `h` is valid; they differ in
//!   how early they let a unit be taken to enter, so the bound may take
//!   the better.
//! - **Hub services** (loading, unloading and gauge change of a mode at a
//!   hub share `K` places, each unit held at least `d` seconds, `d` the
//!   shortest handling of any member there): starts are `K` per any window
//!   of length `d` (if `K + 1` started within `d`, all would be busy at the
//!   last start). Absolute time is cut into blocks `[jd, (j+1)d)`; a step
//!   `(u, k)` feeds the blocks its possible starts fall in; a block passes
//!   `K` units, each on to the arc's head at the step reached from
//!   `max(jd, earliest start fed into the block) + c`. A unit entering the
//!   block through one service arc may leave it through another of the
//!   same service (e.g. load in, unload out): extra paths in a relaxation
//!   keep it a relaxation.
//! - **Trains formed per day** at a railhead (assets: load starts at least
//!   `h_f = 1440 / trains_per_day` minutes apart): one load start per
//!   window of `h_f`, gated as a service with `K = 1`, `d = h_f`, on the
//!   railhead's rail loading arcs where that is tighter than its ramp (the
//!   ramp's own limit is then dropped there). Where trains may load only
//!   at declared railheads, the other railheads' rail loading arcs are
//!   left out: no plan uses them.
//! - **Source and sink**: each member starts at its origin's step holding
//!   its release; every step of a destination drains into the sink.
//!
//! Hence a real plan closing the group by `T` gives a flow of value `D`
//! (the group's units) in the network for `T`: if the max-flow is below
//! `D`, every plan closes the group after `T`. The search runs over
//! horizons on a 5-minute grid between the group's earliest arrival and the
//! closure the plan itself reached (feasible, since the plan is a real one
//! — debug builds check it, a self-check of the construction on every
//! test); the bound is `T* + 1 s` for the largest `T*` found infeasible.
//! The force's bound is the largest over groups.
//!
//! The expansion skips the timing calls inside a run of open minutes of an
//! arc's windows ([`FlowTiming`]'s open run ends no earlier than the real
//! one — later only around a clock change, which only relaxes).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use crate::network::Mode;
use crate::routing::{
    ArcIdx, ArcKind, ArcTiming, DrivingRule, Metric, NodeIdx, PermitGates, TimeWindows, Topology,
};

/// Default time step of the expansion, seconds (24 min: rail capacities of
/// 10, 20 and 30 paths a day are headways of 6, 3 and 2 steps).
pub const DEFAULT_STEP_SECS: i64 = 1440;

/// Resolution of the binary search over the horizon, seconds.
const RESOLUTION_SECS: i64 = 300;

/// Unbounded capacity in the expanded network.
const INF: i32 = i32::MAX / 4;

/// Unreached.
const FAR: i64 = i64::MAX / 4;

/// An arc of the expanded network: (tail, head, capacity).
type Edge = (u32, u32, i32);

/// Tag of a railhead's trains-per-day gadget among the hub service tags
/// (the modes' indices 0–4).
const FORMATION: u8 = 5;

/// The time rules of one timing profile: the permit gates of a movement
/// leaving one origin with one cargo class, and the local-time windows
/// (with the exceptional trains' rail window where it applies).
pub struct FlowTiming<'t> {
    /// Permit gates, times in seconds since the plan's epoch.
    pub gates: PermitGates<'t>,
    /// Time windows, times in seconds since the plan's epoch.
    pub windows: TimeWindows<'t>,
    /// The rail window `windows` was made with (exceptional trains' night
    /// paths), if any.
    pub rail_window: Option<crate::network::DailyWindow>,
    /// The plan's epoch (`windows`' time 0).
    pub epoch: chrono::DateTime<chrono::Utc>,
}

/// An instant no earlier than the end of the run of open minutes of
/// `window` (local time of `tz`) containing `x` seconds after `epoch`, or `x`
/// if it is closed then. Erring late is safe where it is used: taking an arc
/// as open longer only relaxes the relaxation. Around a clock change the end
/// is pushed an hour later.
fn window_end(
    epoch: chrono::DateTime<chrono::Utc>,
    tz: chrono_tz::Tz,
    w: crate::network::DailyWindow,
    x: i64,
) -> i64 {
    use chrono::{Offset, TimeZone, Timelike};
    if w.start_min == w.end_min {
        return FAR;
    }
    let at = epoch + chrono::Duration::seconds(x);
    let local = at.with_timezone(&tz);
    let minute = (local.num_seconds_from_midnight() / 60) as u16;
    if !w.contains(minute) {
        return x;
    }
    let rem = (i64::from(w.end_min) - i64::from(minute)).rem_euclid(1440);
    let end = x - i64::from(local.second()) + rem * 60;
    let offset = |s: i64| {
        tz.offset_from_utc_datetime(&(epoch + chrono::Duration::seconds(s)).naive_utc())
            .fix()
    };
    if offset(x) != offset(end + 3600) {
        end + 3600
    } else {
        end
    }
}

impl FlowTiming<'_> {
    /// Given that `a` may be entered at `t` (taking `d` seconds), an
    /// instant up to which every entry may be taken as open (no earlier than
    /// the true end of the open run: see [`window_end`]).
    fn open_until(&self, topo: &Topology, a: ArcIdx, t: i64, d: u32) -> i64 {
        let tail = topo.hub(topo.node_hub(topo.arc_tail(a)));
        let head = topo.hub(topo.node_hub(topo.arc_head(a)));
        let is_move = topo.arc_kind(a) == ArcKind::Move;
        let head_mode = topo.node_mode(topo.arc_head(a)).0;
        let link = topo.arc_link(a).map(|l| topo.link(l));
        let mut end = FAR;
        let mut take = |tz, w: Option<crate::network::DailyWindow>, off: i64| {
            if let Some(w) = w {
                end = end.min(window_end(self.epoch, tz, w, t + off) - off);
            }
        };
        take(tail.tz, tail.opening_hours, 0);
        if let Some(l) = link {
            take(topo.hub(l.from).tz, l.open_hours, 0);
        }
        if is_move && head_mode == Mode::Rail {
            take(tail.tz, self.rail_window, 0);
        }
        if is_move {
            take(head.tz, head.opening_hours, i64::from(d));
        }
        end
    }

    /// The earliest entry ≥ `t` into `a` (taking `d` seconds) both the
    /// gates and the windows accept (their least common fixpoint), or
    /// `None` if never.
    fn entry(&self, a: ArcIdx, t: i64, d: u32) -> Option<i64> {
        let mut t = t;
        for _ in 0..64 {
            let g = self.gates.entry(a, t, d)?;
            let w = self.windows.entry(a, g, d)?;
            if w == t {
                return Some(t);
            }
            t = w;
        }
        None
    }
}

/// One movement unit as the flow bound sees it.
pub struct FlowUnit<'m> {
    /// The unit's metric (usable arcs, seconds per arc).
    pub metric: &'m Metric,
    /// Its origin's road node.
    pub origin: NodeIdx,
    /// Its destination's road node.
    pub destination: NodeIdx,
    /// Its release, seconds since the plan's epoch.
    pub release: i64,
    /// Index of its timing profile.
    pub timing: usize,
    /// Its pass time on links, seconds.
    pub pass: i64,
    /// The daily driving limit of its road driving, if any.
    pub driving: Option<DrivingRule>,
    /// Its main-leg pattern: the main mode and the most road km at each end.
    pub main_leg: Option<(Mode, f64)>,
}

/// The flow bound of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFlowBound {
    /// The bound, seconds since the plan's epoch.
    pub bound: i64,
    /// Nodes of the expanded network (at the plan's closure of the group).
    pub nodes: usize,
    /// Arcs of the expanded network (with their residual twins).
    pub arcs: usize,
    /// Max-flow computations of the binary search.
    pub flows: usize,
    /// The time step `Δ`, seconds.
    pub step_secs: i64,
    /// How links were cut into blocks.
    pub blocks: LinkBlocks,
}

/// What the flow bound works from: the topology, the timing profiles and
/// the units of a plan.
pub struct FlowContext<'t> {
    topo: &'t Topology,
    timings: Vec<FlowTiming<'t>>,
    units: Vec<FlowUnit<'t>>,
    /// Road metres from each origin (node → metres), for main-leg patterns.
    from_origin_m: BTreeMap<u32, Vec<u64>>,
    /// Road metres to each destination.
    to_dest_m: BTreeMap<u32, Vec<u64>>,
    step: i64,
    /// Railheads with a trains-per-day limit: hub → least seconds between
    /// two load starts.
    formation: BTreeMap<u32, i64>,
    /// Trains load only at the railheads in `formation_hubs`.
    rail_exclusive: Option<Vec<u32>>,
}

/// Shortest road metres from (or, `reverse`, to) `s` over every road link
/// (as the routing core's main-leg pattern measures them).
fn road_metres(topo: &Topology, s: NodeIdx, reverse: bool) -> Vec<u64> {
    let n = topo.node_count();
    let mut d = vec![u64::MAX; n];
    let mut heap = BinaryHeap::new();
    d[s.index()] = 0;
    heap.push(Reverse((0u64, s.0)));
    while let Some(Reverse((dv, v))) = heap.pop() {
        if dv > d[v as usize] {
            continue;
        }
        let arcs: Vec<ArcIdx> = if reverse {
            topo.in_arcs(NodeIdx(v)).collect()
        } else {
            topo.out_arcs(NodeIdx(v)).collect()
        };
        for a in arcs {
            if topo.arc_kind(a) != ArcKind::Move {
                continue;
            }
            let (t, h) = (topo.arc_tail(a), topo.arc_head(a));
            if topo.node_mode(h).0 != Mode::Road {
                continue;
            }
            let Some(l) = topo.arc_link(a) else { continue };
            let len = (topo.link(l).length_km * 1000.0).round().max(1.0) as u64;
            let w = if reverse { t } else { h };
            let nd = dv + len;
            if nd < d[w.index()] {
                d[w.index()] = nd;
                heap.push(Reverse((nd, w.0)));
            }
        }
    }
    d
}

/// Whether arc `a` counts as road driving.
fn is_driving(topo: &Topology, a: ArcIdx) -> bool {
    topo.arc_kind(a) == ArcKind::Move && topo.node_mode(topo.arc_head(a)).0 == Mode::Road
}

/// The hub service an arc uses: (hub, mode).
fn service_of(topo: &Topology, a: ArcIdx) -> Option<(u32, Mode)> {
    let hub = topo.node_hub(topo.arc_tail(a)).0;
    match topo.arc_kind(a) {
        ArcKind::Load(m) | ArcKind::Unload(m) => Some((hub, m)),
        ArcKind::GaugeChange => Some((hub, Mode::Rail)),
        ArcKind::Move => None,
    }
}

/// The group's relaxed network: per arc the shortest duration any member
/// needs (`UNUSABLE` if none may use it), and the members' timings.
struct GroupNet<'g, 't> {
    ctx: &'g FlowContext<'t>,
    cost: Vec<u32>,
    timings: Vec<usize>,
}

impl GroupNet<'_, '_> {
    fn usable(&self, a: ArcIdx) -> bool {
        self.cost[a.index()] != crate::routing::UNUSABLE
    }

    /// `E(a, t)`: the earliest entry ≥ `t` any member's timing admits.
    fn entry(&self, a: ArcIdx, t: i64) -> Option<i64> {
        let d = self.cost[a.index()];
        self.timings
            .iter()
            .filter_map(|&s| self.ctx.timings[s].entry(a, t, d))
            .min()
    }

    /// `E(a, t)` and an instant before which every later ready instant
    /// may be taken as entering at once (the open run of the timing that
    /// gives `E`; gates stay open once passed).
    fn entry_span(&self, a: ArcIdx, t: i64) -> Option<(i64, i64)> {
        let d = self.cost[a.index()];
        let mut best: Option<(i64, i64)> = None;
        for &s in &self.timings {
            let timing = &self.ctx.timings[s];
            let Some(e) = timing.entry(a, t, d) else {
                continue;
            };
            let until = timing.open_until(self.ctx.topo, a, e, d);
            best = match best {
                Some((be, bu)) if be < e => Some((be, bu)),
                Some((be, bu)) if be == e => Some((e, bu.max(until))),
                _ => Some((e, until)),
            };
        }
        best
    }
}

/// A flow network in CSR form, each arc with its residual twin, nodes
/// carrying a key: a node exists for horizon `T` iff its key ≤ `T`.
struct FlowNet {
    first: Vec<u32>,
    to: Vec<u32>,
    cap: Vec<i32>,
    twin: Vec<u32>,
    key: Vec<i64>,
}

impl FlowNet {
    fn build(key: Vec<i64>, edges: &[(u32, u32, i32)]) -> FlowNet {
        let n = key.len();
        let mut deg = vec![0u32; n + 1];
        for &(u, v, _) in edges {
            deg[u as usize + 1] += 1;
            deg[v as usize + 1] += 1;
        }
        for i in 0..n {
            deg[i + 1] += deg[i];
        }
        let first = deg.clone();
        let mut pos = deg;
        let m = edges.len() * 2;
        let (mut to, mut cap, mut twin) = (vec![0u32; m], vec![0i32; m], vec![0u32; m]);
        for &(u, v, c) in edges {
            let (eu, ev) = (pos[u as usize], pos[v as usize]);
            pos[u as usize] += 1;
            pos[v as usize] += 1;
            to[eu as usize] = v;
            cap[eu as usize] = c;
            twin[eu as usize] = ev;
            to[ev as usize] = u;
            cap[ev as usize] = 0;
            twin[ev as usize] = eu;
        }
        FlowNet {
            first,
            to,
            cap,
            twin,
            key,
        }
    }

    /// Augments the flow `res` (residual capacities) from `s` to `t` over
    /// the nodes existing for horizon `horizon` until it carries `need`
    /// more or no augmenting path is left; returns the flow added. Flows
    /// here are small (a group's units) and paths long (waiting chains), so
    /// plain depth-first augmenting paths — each O(arcs) — beat Dinic's
    /// phases.
    fn augment(&self, res: &mut [i32], s: usize, t: usize, need: i32, horizon: i64) -> i32 {
        let n = self.key.len();
        let mut total = 0;
        let mut seen = vec![0u32; n];
        let mut stamp = 0u32;
        let mut it = vec![0u32; n];
        let mut path: Vec<u32> = Vec::new();
        // Passes: in each, depth-first searches from `s` share their marks,
        // so a dead end is explored once a pass; a pass finding no path
        // ends the search (then no augmenting path is left).
        while total < need {
            stamp += 1;
            seen[s] = stamp;
            it[s] = self.first[s];
            let mut found_in_pass = 0;
            while total < need {
                path.clear();
                let mut v = s;
                let found = loop {
                    if v == t {
                        break true;
                    }
                    let mut advanced = false;
                    while it[v] < self.first[v + 1] {
                        let e = it[v] as usize;
                        it[v] += 1;
                        let w = self.to[e] as usize;
                        if res[e] > 0 && seen[w] != stamp && self.key[w] <= horizon {
                            seen[w] = stamp;
                            it[w] = self.first[w];
                            path.push(e as u32);
                            v = w;
                            advanced = true;
                            break;
                        }
                    }
                    if advanced {
                        continue;
                    }
                    match path.pop() {
                        None => break false,
                        Some(e) => v = self.to[self.twin[e as usize] as usize] as usize,
                    }
                };
                if !found {
                    break;
                }
                let f = path
                    .iter()
                    .map(|&e| res[e as usize])
                    .min()
                    .unwrap_or(0)
                    .min(need - total);
                for &e in &path {
                    res[e as usize] -= f;
                    res[self.twin[e as usize] as usize] += f;
                }
                total += f;
                found_in_pass += f;
                // The sink is found again from `s` in this pass.
                seen[t] = 0;
            }
            if found_in_pass == 0 {
                break;
            }
        }
        total
    }
}

impl<'t> FlowContext<'t> {
    /// A context for the units of a plan with their timing profiles;
    /// `step_secs` is `Δ`.
    pub fn new(
        topo: &'t Topology,
        timings: Vec<FlowTiming<'t>>,
        units: Vec<FlowUnit<'t>>,
        step_secs: i64,
    ) -> FlowContext<'t> {
        let mut from_origin_m = BTreeMap::new();
        let mut to_dest_m = BTreeMap::new();
        for u in &units {
            if u.main_leg.is_some() {
                from_origin_m
                    .entry(u.origin.0)
                    .or_insert_with(|| road_metres(topo, u.origin, false));
                to_dest_m
                    .entry(u.destination.0)
                    .or_insert_with(|| road_metres(topo, u.destination, true));
            }
        }
        FlowContext {
            topo,
            timings,
            units,
            from_origin_m,
            to_dest_m,
            step: step_secs.max(60),
            formation: BTreeMap::new(),
            rail_exclusive: None,
        }
    }

    /// The railheads' limits on trains formed a day ((hub, least seconds
    /// between load starts)), and — if `exclusive` — that trains load at
    /// those railheads only (`pool_hubs`). Both only restrict the plans, so
    /// the relaxation may use them: a train starting to load at such a hub
    /// is a start of its formation "service" (one per any window of the
    /// headway), gated like a hub service (module docs).
    pub fn with_rail_assets(
        mut self,
        formation: &[(crate::routing::HubIdx, i64)],
        pool_hubs: &[crate::routing::HubIdx],
        exclusive: bool,
    ) -> Self {
        self.formation = formation.iter().map(|&(h, s)| (h.0, s.max(1))).collect();
        self.rail_exclusive = exclusive.then(|| pool_hubs.iter().map(|h| h.0).collect());
        self
    }

    /// Whether unit `u`'s main-leg pattern lets it take arc `a` (in some
    /// phase; the phases themselves are relaxed).
    fn allowed(&self, u: &FlowUnit<'_>, a: ArcIdx) -> bool {
        let Some((mode, km)) = u.main_leg else {
            return true;
        };
        let g = self.topo;
        let max_m = (km.max(0.0) * 1000.0).round() as u64;
        match g.arc_kind(a) {
            ArcKind::Move => {
                let head = g.arc_head(a);
                if g.node_mode(head).0 == Mode::Road {
                    let from = self.from_origin_m[&u.origin.0][head.index()];
                    let to = self.to_dest_m[&u.destination.0][g.arc_tail(a).index()];
                    from <= max_m || to <= max_m
                } else {
                    g.node_mode(head).0 == mode
                }
            }
            ArcKind::Load(m) | ArcKind::Unload(m) => m == mode,
            ArcKind::GaugeChange => true,
        }
    }

    fn group_net(&self, members: &[usize]) -> GroupNet<'_, 't> {
        let g = self.topo;
        let mut cost = vec![crate::routing::UNUSABLE; g.arc_count()];
        let mut seen: Vec<(*const Metric, u32, u32)> = Vec::new();
        let mut timings: Vec<usize> = Vec::new();
        for &i in members {
            let u = &self.units[i];
            if !timings.contains(&u.timing) {
                timings.push(u.timing);
            }
            let key = (u.metric as *const Metric, u.origin.0, u.destination.0);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            for (a, _, _) in g.arcs() {
                if u.metric.usable(a) && self.allowed(u, a) {
                    let c = u.metric.cost(a);
                    if c < cost[a.index()] {
                        cost[a.index()] = c;
                    }
                }
            }
        }
        if let Some(hubs) = &self.rail_exclusive {
            for (a, tail, _) in g.arcs() {
                if g.arc_kind(a) == ArcKind::Load(Mode::Rail) && !hubs.contains(&g.node_hub(tail).0)
                {
                    cost[a.index()] = crate::routing::UNUSABLE;
                }
            }
        }
        timings.sort_unstable();
        GroupNet {
            ctx: self,
            cost,
            timings,
        }
    }

    /// `σ`: earliest arrival in the relaxation from the members' origins
    /// (time-dependent Dijkstra over `E` and `c`), seconds since the epoch.
    fn earliest(&self, net: &GroupNet<'_, '_>, members: &[usize]) -> Vec<i64> {
        let g = self.topo;
        let mut d = vec![FAR; g.node_count()];
        let mut heap = BinaryHeap::new();
        for &i in members {
            let u = &self.units[i];
            if u.release < d[u.origin.index()] {
                d[u.origin.index()] = u.release;
                heap.push(Reverse((u.release, u.origin.0)));
            }
        }
        while let Some(Reverse((t, v))) = heap.pop() {
            if t > d[v as usize] {
                continue;
            }
            for a in g.out_arcs(NodeIdx(v)) {
                if !net.usable(a) {
                    continue;
                }
                let Some(e) = net.entry(a, t) else { continue };
                let w = g.arc_head(a).index();
                let arr = e + i64::from(net.cost[a.index()]);
                if arr < d[w] {
                    d[w] = arr;
                    heap.push(Reverse((arr, w as u32)));
                }
            }
        }
        d
    }

    /// Static shortest seconds over the group's arcs from `sources` (or,
    /// `reverse`, to them).
    fn static_times(
        &self,
        net: &GroupNet<'_, '_>,
        sources: &[(NodeIdx, i64)],
        reverse: bool,
    ) -> Vec<i64> {
        let g = self.topo;
        let mut d = vec![FAR; g.node_count()];
        let mut heap = BinaryHeap::new();
        for &(s, t0) in sources {
            if t0 < d[s.index()] {
                d[s.index()] = t0;
                heap.push(Reverse((t0, s.0)));
            }
        }
        let mut arcs = Vec::new();
        while let Some(Reverse((t, v))) = heap.pop() {
            if t > d[v as usize] {
                continue;
            }
            arcs.clear();
            if reverse {
                arcs.extend(g.in_arcs(NodeIdx(v)));
            } else {
                arcs.extend(g.out_arcs(NodeIdx(v)));
            }
            for &a in &arcs {
                if !net.usable(a) {
                    continue;
                }
                let w = if reverse {
                    g.arc_tail(a)
                } else {
                    g.arc_head(a)
                }
                .index();
                let nd = t + i64::from(net.cost[a.index()]);
                if nd < d[w] {
                    d[w] = nd;
                    heap.push(Reverse((nd, w as u32)));
                }
            }
        }
        d
    }

    /// `σ` under a daily driving limit: the earliest arrival in the
    /// relaxation with the driving clock as a label resource (rest halts of
    /// `rule.rest_secs` at road nodes of hubs that allow them reset it; road
    /// driving between rests at most `rule.max_drive_secs`; waits never
    /// reset it) — the routing core's own rule, over `E` and `c`. Pareto
    /// labels (arrival, driving since the last rest) per node.
    fn earliest_driving(
        &self,
        net: &GroupNet<'_, '_>,
        members: &[usize],
        rule: DrivingRule,
    ) -> (Vec<i64>, Vec<i64>) {
        let g = self.topo;
        let max = i64::from(rule.max_drive_secs);
        let mut best = vec![FAR; g.node_count()];
        let mut front: Vec<Vec<(i64, i64)>> = vec![Vec::new(); g.node_count()];
        let mut heap = BinaryHeap::new();
        let push = |front: &mut Vec<Vec<(i64, i64)>>,
                    heap: &mut BinaryHeap<Reverse<(i64, i64, u32)>>,
                    v: usize,
                    t: i64,
                    d: i64| {
            if front[v].iter().any(|&(t0, d0)| t0 <= t && d0 <= d) {
                return;
            }
            front[v].retain(|&(t0, d0)| !(t <= t0 && d <= d0));
            front[v].push((t, d));
            heap.push(Reverse((t, d, v as u32)));
        };
        for &i in members {
            let u = &self.units[i];
            push(&mut front, &mut heap, u.origin.index(), u.release, 0);
        }
        while let Some(Reverse((t, d, v))) = heap.pop() {
            let vi = v as usize;
            if !front[vi].contains(&(t, d)) {
                continue;
            }
            best[vi] = best[vi].min(t);
            let node = NodeIdx(v);
            if d > 0 && g.node_mode(node).0 == Mode::Road && g.hub(g.node_hub(node)).rest_allowed {
                push(&mut front, &mut heap, vi, t + i64::from(rule.rest_secs), 0);
            }
            for a in g.out_arcs(node) {
                if !net.usable(a) {
                    continue;
                }
                let c = i64::from(net.cost[a.index()]);
                let nd = if is_driving(g, a) { d + c } else { d };
                if nd > max {
                    continue;
                }
                let Some(e) = net.entry(a, t) else { continue };
                push(&mut front, &mut heap, g.arc_head(a).index(), e + c, nd);
            }
        }
        // ε(a): the earliest instant a label at the tail may enter `a`
        // (a label whose driving would overrun the limit must rest first,
        // and its rested label is in the front).
        let eps = g
            .arcs()
            .map(|(a, tail, _)| {
                let c = i64::from(net.cost[a.index()]);
                let driving = is_driving(g, a);
                front[tail.index()]
                    .iter()
                    .filter(|&&(_, d)| !driving || d + c <= max)
                    .map(|&(t, _)| t)
                    .min()
                    .unwrap_or(FAR)
            })
            .collect();
        (best, eps)
    }

    /// `b` under a daily driving limit: the least static time from each
    /// node to a destination for a column starting fresh (the least any
    /// column needs), with the rests the driving needs — backward Pareto
    /// labels (time to go, driving before the first rest).
    fn to_dest_driving(
        &self,
        net: &GroupNet<'_, '_>,
        dests: &[NodeIdx],
        rule: DrivingRule,
    ) -> Vec<i64> {
        let g = self.topo;
        let max = i64::from(rule.max_drive_secs);
        let mut best = vec![FAR; g.node_count()];
        let mut front: Vec<Vec<(i64, i64)>> = vec![Vec::new(); g.node_count()];
        let mut heap = BinaryHeap::new();
        let push = |front: &mut Vec<Vec<(i64, i64)>>,
                    heap: &mut BinaryHeap<Reverse<(i64, i64, u32)>>,
                    v: usize,
                    t: i64,
                    d: i64| {
            if front[v].iter().any(|&(t0, d0)| t0 <= t && d0 <= d) {
                return;
            }
            front[v].retain(|&(t0, d0)| !(t <= t0 && d <= d0));
            front[v].push((t, d));
            heap.push(Reverse((t, d, v as u32)));
        };
        for d in dests {
            push(&mut front, &mut heap, d.index(), 0, 0);
        }
        while let Some(Reverse((t, d, v))) = heap.pop() {
            let vi = v as usize;
            if !front[vi].contains(&(t, d)) {
                continue;
            }
            best[vi] = best[vi].min(t);
            let node = NodeIdx(v);
            if d > 0 && g.node_mode(node).0 == Mode::Road && g.hub(g.node_hub(node)).rest_allowed {
                push(&mut front, &mut heap, vi, t + i64::from(rule.rest_secs), 0);
            }
            for a in g.in_arcs(node) {
                if !net.usable(a) {
                    continue;
                }
                let c = i64::from(net.cost[a.index()]);
                let nd = if is_driving(g, a) { d + c } else { d };
                if nd > max {
                    continue;
                }
                push(&mut front, &mut heap, g.arc_tail(a).index(), t + c, nd);
            }
        }
        best
    }

    /// The flow bound of a group of units (indices into the context's
    /// units), searched below `hi` (seconds since the epoch: a closure the
    /// group is known to reach, e.g. the plan's). `None` if the group is
    /// empty or — which would be a bug — the relaxation cannot close by `hi`.
    pub fn group_bound(&self, members: &[usize], hi: i64) -> Option<GroupFlowBound> {
        self.group_bound_above(members, hi, i64::MIN)
    }

    /// As [`FlowContext::group_bound`], but first tries the horizon
    /// `beat`: if the relaxation closes the group by then, its bound cannot
    /// exceed `beat` and `None` is returned after one max-flow.
    pub fn group_bound_above(
        &self,
        members: &[usize],
        hi: i64,
        beat: i64,
    ) -> Option<GroupFlowBound> {
        self.group_bound_with(members, hi, beat, self.step, LinkBlocks::Steps)
    }

    /// As [`FlowContext::group_bound_above`] with a step of `step_secs`
    /// and link blocks cut as `blocks`.
    pub fn group_bound_with(
        &self,
        members: &[usize],
        hi: i64,
        beat: i64,
        step_secs: i64,
        blocks: LinkBlocks,
    ) -> Option<GroupFlowBound> {
        if members.is_empty() {
            return None;
        }
        let g = self.topo;
        let net = self.group_net(members);
        // σ and b; with a daily driving limit by labels with the driving
        // clock, which also give each arc's earliest entry ε(a) (a column
        // that arrives with its driving spent must rest before driving on).
        let rule = self.units[members[0]].driving;
        let rule = rule.filter(|_| members.iter().all(|&i| self.units[i].driving == rule));
        let mut dests: Vec<NodeIdx> = members.iter().map(|&i| self.units[i].destination).collect();
        dests.sort_unstable();
        dests.dedup();
        let (sigma, to_dest, eps) = match rule {
            Some(r) => {
                let (sigma, eps) = self.earliest_driving(&net, members, r);
                (sigma, self.to_dest_driving(&net, &dests, r), eps)
            }
            None => {
                let dest_src: Vec<(NodeIdx, i64)> = dests.iter().map(|&d| (d, 0)).collect();
                let sigma = self.earliest(&net, members);
                let eps = (0..g.arc_count())
                    .map(|a| sigma[g.arc_tail(ArcIdx(a as u32)).index()])
                    .collect();
                (sigma, self.static_times(&net, &dest_src, true), eps)
            }
        };
        let want = members.len() as i32;
        let ex = Expansion {
            ctx: self,
            net: &net,
            members,
            sigma: &sigma,
            to_dest: &to_dest,
            eps: &eps,
            dests: &dests,
            step: step_secs.max(60),
            blocks,
            phase: 0,
        };
        // Horizons on a grid of RESOLUTION_SECS, so that the result does
        // not depend on where the search starts.
        let grid = |t: i64| t.div_euclid(RESOLUTION_SECS) * RESOLUTION_SECS;
        let mut lo = grid(dests.iter().map(|d| sigma[d.index()]).min().unwrap_or(hi) - 1);
        let beat = grid(beat);
        let mut flows = 0;
        // First the horizon to beat, on the (smaller) network for it.
        if beat > lo && beat < hi {
            let (flow, s, t) = ex.build(beat)?;
            let mut res = flow.cap.clone();
            flows += 1;
            if flow.augment(&mut res, s, t, want, beat) >= want {
                return None;
            }
            lo = beat;
        }
        let (flow, s, t) = ex.build(hi)?;
        let mut res = flow.cap.clone();
        // The plan's own closure must be feasible (it is a real plan): a
        // self-check of the relaxation, in debug builds (every test). Not
        // counted in `flows`, so that reports read the same in every build.
        if cfg!(debug_assertions) {
            let mut probe = res.clone();
            let got = flow.augment(&mut probe, s, t, want, hi);
            debug_assert!(
                got >= want,
                "flow bound: the relaxation cannot close by the plan's own closure ({got} of {want} units)"
            );
        }
        let mut hi = hi;
        let mut have = 0; // flow carried by `res`, feasible for `lo`
        while grid(hi - 1) > lo {
            let mid = grid(lo + (hi - lo) / 2).max(lo + RESOLUTION_SECS);
            let mut trial = res.clone();
            flows += 1;
            let got = have + flow.augment(&mut trial, s, t, want - have, mid);
            if got >= want {
                hi = mid;
            } else {
                lo = mid;
                res = trial;
                have = got;
            }
        }
        Some(GroupFlowBound {
            bound: lo + 1,
            nodes: flow.key.len(),
            arcs: flow.to.len(),
            flows,
            step_secs: step_secs.max(60),
            blocks,
        })
    }

    /// The units.
    pub fn units(&self) -> &[FlowUnit<'t>] {
        &self.units
    }

    /// The default step `Δ`, seconds.
    pub fn step_secs(&self) -> i64 {
        self.step
    }
}

/// The nodes reachable from `s` and reaching `t` over arcs with capacity,
/// renumbered, with the arcs between them.
fn compact(key: Vec<i64>, edges: Vec<Edge>, s: u32, t: u32) -> (Vec<i64>, Vec<Edge>, u32, u32) {
    let n = key.len();
    let reach = |forward: bool| {
        let mut first = vec![0u32; n + 1];
        for &(u, v, c) in &edges {
            if c > 0 {
                first[(if forward { u } else { v }) as usize + 1] += 1;
            }
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut pos = first.clone();
        let mut adj = vec![0u32; first[n] as usize];
        for &(u, v, c) in &edges {
            if c > 0 {
                let (a, b) = if forward { (u, v) } else { (v, u) };
                adj[pos[a as usize] as usize] = b;
                pos[a as usize] += 1;
            }
        }
        let mut seen = vec![false; n];
        let start = if forward { s } else { t } as usize;
        seen[start] = true;
        let mut stack = vec![start as u32];
        while let Some(v) = stack.pop() {
            for &w in &adj[first[v as usize] as usize..first[v as usize + 1] as usize] {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    stack.push(w);
                }
            }
        }
        seen
    };
    let (from_s, to_t) = (reach(true), reach(false));
    let mut id = vec![u32::MAX; n];
    let mut new_key = Vec::new();
    for v in 0..n {
        if from_s[v] && to_t[v] {
            id[v] = new_key.len() as u32;
            new_key.push(key[v]);
        }
    }
    let new_edges = edges
        .into_iter()
        .filter(|&(u, v, _)| id[u as usize] != u32::MAX && id[v as usize] != u32::MAX)
        .map(|(u, v, c)| (id[u as usize], id[v as usize], c))
        .collect();
    // An empty network (the sink out of reach) keeps the two ends.
    if id[s as usize] == u32::MAX || id[t as usize] == u32::MAX {
        return (vec![i64::MIN, i64::MIN], Vec::new(), 0, 1);
    }
    (new_key, new_edges, id[s as usize], id[t as usize])
}

/// One group's relaxation, ready to be expanded in time for a horizon.
struct Expansion<'e, 't> {
    ctx: &'e FlowContext<'t>,
    net: &'e GroupNet<'e, 't>,
    members: &'e [usize],
    sigma: &'e [i64],
    to_dest: &'e [i64],
    eps: &'e [i64],
    dests: &'e [NodeIdx],
    step: i64,
    blocks: LinkBlocks,
    phase: i64,
}

/// How a capacitated link whose headway does not divide the step is cut
/// into blocks of one entry each (both are valid; they round differently,
/// so the bound may take the better of the two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkBlocks {
    /// Blocks of the headway's length, a new one at each opening of the
    /// arc's windows (exact rate; a unit may be taken as entering up to a
    /// headway early).
    Windows,
    /// For headways of two steps or more, blocks of `⌊h/Δ⌋` steps of the
    /// tail (rate rounded up; up to `⌊h/Δ⌋ − 1` steps early); shorter
    /// headways as in `Windows`.
    Steps,
}

impl Expansion<'_, '_> {
    /// The time-expanded network for horizon `horizon` (module docs), with
    /// its source and sink; `None` if too large or if a member cannot even
    /// start in it.
    fn build(&self, horizon: i64) -> Option<(FlowNet, usize, usize)> {
        let g = self.ctx.topo;
        let step = self.step;
        let (net, sigma, to_dest) = (self.net, self.sigma, self.to_dest);
        let n = g.node_count();
        let mut layers = vec![0i64; n]; // number of steps (0 = node absent)
        let mut base = vec![0u32; n];
        let mut count: u64 = 0;
        for v in 0..n {
            if sigma[v] >= FAR || to_dest[v] >= FAR {
                continue;
            }
            let slack = horizon - to_dest[v] - sigma[v];
            if slack < 0 {
                continue;
            }
            layers[v] = slack / step + 1;
            base[v] = count as u32;
            count += layers[v] as u64;
        }
        if count > 20_000_000 {
            return None;
        }
        let mut key: Vec<i64> = Vec::with_capacity(count as usize + 1024);
        for v in 0..n {
            for k in 0..layers[v] {
                key.push(sigma[v] + k * step + to_dest[v]);
            }
        }
        let node = |v: usize, k: i64| base[v] + k as u32;
        let mut edges: Vec<(u32, u32, i32)> = Vec::with_capacity(key.len() * 3);
        for (v, &l) in layers.iter().enumerate() {
            for k in 0..l.saturating_sub(1) {
                edges.push((node(v, k), node(v, k + 1), INF));
            }
        }
        // Members' shortest pass time (the headway floor of a link).
        let pass_min = self
            .members
            .iter()
            .map(|&i| self.ctx.units[i].pass)
            .min()
            .unwrap_or(0);
        // Hub services: the shortest handling the group needs there.
        let mut service_d: BTreeMap<(u32, Mode), i64> = BTreeMap::new();
        for (a, _, _) in g.arcs() {
            if !net.usable(a) {
                continue;
            }
            if let Some(s) = service_of(g, a) {
                let e = service_d.entry(s).or_insert(i64::MAX);
                *e = (*e).min(i64::from(net.cost[a.index()]).max(1));
            }
        }
        // Service blocks: (hub, mode, block) → (in node, out node); exits
        // per (service block, arc) → earliest start fed in.
        let mut blocks: BTreeMap<(u32, u8, i64), (u32, u32)> = BTreeMap::new();
        let mut exits: BTreeMap<(u32, u8, i64, u32), i64> = BTreeMap::new();
        let arrive_step = |w: usize, t: i64| -> Option<i64> {
            let k = ((t - sigma[w]).max(0)) / step;
            (k < layers[w]).then_some(k)
        };
        for (a, tail, head) in g.arcs() {
            if !net.usable(a) {
                continue;
            }
            let (u, w) = (tail.index(), head.index());
            if layers[u] == 0 || layers[w] == 0 {
                continue;
            }
            let c = i64::from(net.cost[a.index()]);
            let service = service_of(g, a).and_then(|(h, m)| {
                let ramp = g.hub(crate::routing::HubIdx(h)).services[m.index()]
                    .and_then(|s| s.handled_at_once())
                    .map(|k| (h, m.index() as u8, k, service_d[&(h, m)]));
                // A railhead's trains-per-day limit on its load arcs, where it
                // is tighter than the ramp (one relaxation of the two: the
                // other constraint is dropped, which keeps it valid).
                let formation = (g.arc_kind(a) == ArcKind::Load(Mode::Rail))
                    .then(|| self.ctx.formation.get(&h))
                    .flatten()
                    .map(|&f| (h, FORMATION, 1u32, f));
                match (ramp, formation) {
                    (Some(r), Some(f)) if f64::from(r.2) / r.3 as f64 > 1.0 / f.3 as f64 => Some(f),
                    (None, f) => f,
                    (r, _) => r,
                }
            });
            let headway = if g.arc_kind(a) == ArcKind::Move {
                g.arc_link(a)
                    .and_then(|l| g.link(l).capacity)
                    .and_then(|cap| cap.headway_secs())
                    .map(|h| (h.ceil() as i64).max(pass_min).max(1))
            } else {
                None
            };
            // A link whose headway divides the step takes `Δ / h` units
            // per step on each step's arc (exact); any other capacitated
            // link gets gadgets on absolute blocks `[jh, (j+1)h)`, one
            // unit each (see the module docs).
            let per_step_cap = headway.map_or(INF, |h| ((step + h - 1) / h) as i32);
            let aligned =
                self.blocks == LinkBlocks::Steps && headway.is_some_and(|h| h >= 2 * step);
            let link_blocks = headway.filter(|h| step % h != 0 && !aligned);
            let block_m = headway.map_or(1, |h| if aligned { (h / step).max(1) } else { 1 });
            let block_cap = headway.map_or(INF, |h| ((block_m * step + h - 1) / h) as i32);
            let mut gadget: Option<(i64, u32, bool)> = None; // (block, node, has exit)
                                                             // Blocks of this link: (gadget node, start, earliest entry fed in).
            let mut link_blocks_of: Vec<(u32, i64, i64)> = Vec::new();
            let mut last_end = i64::MIN;
            // The open run of the arc found last: entries in it need no call.
            let (mut open_from, mut open_until) = (i64::MIN, i64::MIN);
            let mut k = 0i64;
            while k < layers[u] {
                let ready = sigma[u] + k * step;
                let from = ready.max(self.eps[a.index()]);
                let e = if (open_from..open_until).contains(&from) {
                    from
                } else {
                    let Some((e, until)) = net.entry_span(a, from) else {
                        break;
                    };
                    (open_from, open_until) = (e, until);
                    e
                };
                if e >= ready + step {
                    k = (e - sigma[u]) / step;
                    continue;
                }
                if let Some((h, m, _, d)) = service {
                    let last = ready + step - 1;
                    for j in e.div_euclid(d)..=last.div_euclid(d) {
                        let len = key.len() as u32;
                        let entry = *blocks.entry((h, m, j)).or_insert((len, len + 1));
                        if entry.0 == len {
                            key.push(i64::MIN);
                            key.push(i64::MIN);
                        }
                        edges.push((node(u, k), entry.0, INF));
                        let lo = exits.entry((h, m, j, a.0)).or_insert(i64::MAX);
                        *lo = (*lo).min(e);
                    }
                    k += 1;
                    continue;
                }
                if block_m > 1 {
                    let j = (k + self.phase) / block_m;
                    if gadget.is_none_or(|(b, _, _)| b != j) {
                        let gn = key.len() as u32;
                        key.push(i64::MIN);
                        let has_exit = match arrive_step(w, e + c) {
                            Some(kw) => {
                                edges.push((gn, node(w, kw), block_cap));
                                true
                            }
                            None => false,
                        };
                        gadget = Some((j, gn, has_exit));
                    }
                    if let Some((_, gn, true)) = gadget {
                        edges.push((node(u, k), gn, INF));
                    }
                    k += 1;
                    continue;
                }
                if let Some(h) = link_blocks {
                    // A partition of time into blocks of at most `h`: a new
                    // block at the first entry and at each opening of the
                    // arc's windows (an entry after a wait), else every `h`.
                    // An opening: no entry was possible between the last
                    // step fed and `e`.
                    let opening = e > last_end;
                    last_end = ready + step;
                    if link_blocks_of.is_empty() || opening {
                        let gn = key.len() as u32;
                        key.push(i64::MIN);
                        link_blocks_of.push((gn, e, e));
                    }
                    let last = ready + step - 1;
                    let mut i = link_blocks_of.len() - 1;
                    loop {
                        let start = link_blocks_of[i].1;
                        if start > last {
                            break;
                        }
                        if e < start + h {
                            edges.push((node(u, k), link_blocks_of[i].0, INF));
                            let lo = &mut link_blocks_of[i].2;
                            *lo = (*lo).min(e.max(start));
                        }
                        if last < start + h {
                            break;
                        }
                        if i + 1 == link_blocks_of.len() {
                            let gn = key.len() as u32;
                            key.push(i64::MIN);
                            link_blocks_of.push((gn, start + h, start + h));
                        }
                        i += 1;
                    }
                    k += 1;
                    continue;
                }
                match arrive_step(w, e + c) {
                    Some(kw) => edges.push((node(u, k), node(w, kw), per_step_cap)),
                    None => break,
                }
                k += 1;
            }
            for &(gn, start, lo) in &link_blocks_of {
                if let Some(kw) = arrive_step(w, start.max(lo) + c) {
                    edges.push((gn, node(w, kw), 1));
                }
            }
        }
        for (&(h, m, j), &(i, o)) in &blocks {
            let (k, d) = if m == FORMATION {
                (1, self.ctx.formation[&h])
            } else {
                let mode = Mode::ALL[m as usize];
                (
                    g.hub(crate::routing::HubIdx(h)).services[mode.index()]
                        .and_then(|s| s.handled_at_once())
                        .unwrap_or(1),
                    service_d[&(h, mode)],
                )
            };
            edges.push((i, o, k.min(INF as u32) as i32));
            for (&(_, _, _, a), &lo) in exits.range((h, m, j, 0)..=(h, m, j, u32::MAX)) {
                let a = ArcIdx(a);
                let w = g.arc_head(a).index();
                let t = (j * d).max(lo) + i64::from(net.cost[a.index()]);
                if let Some(kw) = arrive_step(w, t) {
                    edges.push((o, node(w, kw), INF));
                }
            }
        }
        // Source and sink.
        let s = key.len() as u32;
        key.push(i64::MIN);
        let t = key.len() as u32;
        key.push(i64::MIN);
        let mut supply: BTreeMap<(u32, i64), i32> = BTreeMap::new();
        for &i in self.members {
            let u = &self.ctx.units[i];
            *supply.entry((u.origin.0, u.release)).or_default() += 1;
        }
        for (&(o, r), &c) in &supply {
            let o = o as usize;
            let k = ((r - sigma[o]).max(0)) / step;
            if k >= layers[o] {
                return None;
            }
            edges.push((s, node(o, k), c));
        }
        for &d in self.dests {
            for k in 0..layers[d.index()] {
                edges.push((node(d.index(), k), t, INF));
            }
        }
        // Keep only what lies on some source–sink path at this horizon.
        let (key, edges, s, t) = compact(key, edges, s, t);
        Some((FlowNet::build(key, &edges), s as usize, t as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::{PermitGates, TimeWindows};
    use chrono::TimeZone;

    /// The open runs the expansion skips over are really open (or the
    /// estimate errs late only around clock changes), on every rail arc of
    /// the bundled network with the exceptional trains' night window.
    #[test]
    fn open_runs_are_open() {
        let net =
            crate::Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/europe")).unwrap();
        let topo = Topology::build(&net);
        let epoch = chrono::Utc.with_ymd_and_hms(2026, 3, 2, 5, 0, 0).unwrap();
        let rail = topo.operations().exceptional_train_window;
        let timing = FlowTiming {
            gates: PermitGates::from_grants(&topo, None, BTreeMap::new()),
            windows: TimeWindows::new(&topo, epoch, None).with_rail_window(rail),
            rail_window: rail,
            epoch,
        };
        let mut checked = 0;
        for (a, _, head) in topo.arcs() {
            if topo.arc_kind(a) != ArcKind::Move || topo.node_mode(head).0 != Mode::Rail {
                continue;
            }
            for t in (0..3 * 86_400).step_by(7_919) {
                let Some(e) = timing.entry(a, t, 600) else {
                    continue;
                };
                let until = timing.open_until(&topo, a, e, 600);
                assert!(until > e, "arc {a:?} at {e}");
                let mut x = e;
                while x < until.min(e + 86_400) {
                    assert_eq!(
                        timing.entry(a, x, 600),
                        Some(x),
                        "arc {a:?}: {x} in [{e}, {until})"
                    );
                    x += 307;
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000);
    }
}
