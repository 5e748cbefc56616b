//! A metric: what one load may use on a [`Topology`] and how long each arc
//! takes it. Cheap to build (one pass over links and arcs, no graph
//! construction), so every load profile, relaxation or what-if gets its own
//! while the topology and its ids stay shared.
//!
//! Arcs the load may not use keep their place with cost [`UNUSABLE`]; each
//! excluded link remembers which limits it broke, with values, so a failed
//! search can say what blocked it — and a relaxed metric (some limit kinds
//! ignored) is a copy of two arrays, not a recompilation.

use serde::Serialize;

use super::ids::{ArcIdx, LinkIdx};
use super::load_check::{Blocked, LoadCheck};
use super::topology::{ArcKind, LinkInfo, Topology};
use crate::network::{LimitKind, LimitSet, Mode};

/// Cost of an arc the load may not use.
pub const UNUSABLE: u32 = u32::MAX;

/// Seconds for a duration in minutes: rounded, at least 1 s (so every arc
/// takes time), at most `u32::MAX / 4` (so sums of a few arcs never wrap).
pub(crate) fn secs(minutes: f64) -> u32 {
    let s = (minutes * 60.0).round();
    if s.is_nan() {
        return 1;
    }
    s.clamp(1.0, f64::from(u32::MAX / 4)) as u32
}

/// A link the load cannot use, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExcludedLink {
    /// Link id.
    pub link: String,
    /// Link index in the topology.
    #[serde(skip)]
    pub index: LinkIdx,
    /// Mode of the link.
    pub mode: Mode,
    /// Every limit broken (or the mode refused), with the link's and the
    /// load's values.
    pub reasons: Vec<Blocked>,
}

/// Base travel seconds per arc for one load over one topology.
#[derive(Debug, Clone)]
pub struct Metric {
    /// Seconds per arc; [`UNUSABLE`] where the load may not go.
    cost: Vec<u32>,
    /// Seconds per arc as if no limit applied (the relaxation cost).
    free_cost: Vec<u32>,
    /// Limit kinds each arc breaks (empty for usable arcs).
    broken: Vec<LimitSet>,
    /// Excluded links, in link order, with reasons.
    excluded: Vec<ExcludedLink>,
    /// What the load is, for reports.
    description: String,
    /// The mode the load's main leg must use (its carriage policy), if any.
    main_mode: Option<Mode>,
    /// Whether the load is an exceptional consignment on rail.
    exceptional_rail: bool,
    /// The load's own value per mode and limit kind (for margins).
    load_values: [[Option<f64>; 13]; 5],
}

fn move_minutes(l: &LinkInfo, cap: Option<f64>) -> f64 {
    match l.travel_time_min {
        Some(t) => t,
        None => {
            let mut v = l.speed_kmh.unwrap_or_else(|| l.mode.default_speed_kmh());
            if let Some(c) = cap {
                v = v.min(c);
            }
            l.length_km / v * 60.0
        }
    }
}

impl Metric {
    /// The metric of a load: a link's travel time is `travel_time_min` if
    /// given, else length over the lower of the link's speed and the load's
    /// speed cap on that mode; an exceptional (out-of-gauge) rail load runs
    /// no faster than the network's exceptional-train speed, and a train
    /// crossing a border stands for the border dwell (locomotive and crew
    /// change). Loading, unloading and gauge change take the hub's time for
    /// one full movement unit scaled by the share of it the load fills
    /// ([`LoadCheck::handling_share`]), never less than the network's least
    /// handling time (nor more than the full time for a partial unit). Links
    /// whose limits the load breaks, and transfers onto modes it cannot use,
    /// are [`UNUSABLE`].
    pub fn for_load(topo: &Topology, load: &dyn LoadCheck) -> Metric {
        let ops = topo.operations();
        let exceptional = load.exceptional(Mode::Rail);
        let mode_ok: Vec<bool> = Mode::ALL
            .iter()
            .map(|&m| load.mode_allowed(m).is_ok())
            .collect();
        let mut link_cost = Vec::with_capacity(topo.link_count());
        let mut link_free = Vec::with_capacity(topo.link_count());
        let mut link_broken = Vec::with_capacity(topo.link_count());
        let mut excluded = Vec::new();
        for (i, l) in topo.links.iter().enumerate() {
            let free = secs(move_minutes(l, None));
            link_free.push(free);
            if load.allows(l.mode, &l.limits) {
                let mut minutes = move_minutes(l, load.speed_cap_kmh(l.mode));
                if exceptional && l.mode == Mode::Rail {
                    minutes = minutes.max(l.length_km / ops.exceptional_train_speed_kmh * 60.0);
                }
                link_cost.push(secs(minutes));
                link_broken.push(LimitSet::EMPTY);
                continue;
            }
            let reasons = load.violations(l.mode, &l.limits);
            link_broken.push(reasons.iter().map(|b| b.limit).collect());
            link_cost.push(UNUSABLE);
            excluded.push(ExcludedLink {
                link: l.id.clone(),
                index: LinkIdx(i as u32),
                mode: l.mode,
                reasons,
            });
        }
        let n = topo.arc_count();
        let (mut cost, mut free_cost, mut broken) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for a in 0..n {
            let hub = &topo.hubs[topo.node_hub[topo.tail[a] as usize] as usize];
            let scaled = |m: Mode, full: f64| {
                let full = full.max(0.0);
                (full * load.handling_share(m)).max(full.min(ops.min_handling(m)))
            };
            let (c, f, b) = match topo.kind[a] {
                ArcKind::Move => {
                    let l = topo.link[a] as usize;
                    let (mut c, mut f) = (link_cost[l], link_free[l]);
                    let head = topo.node_hub[topo.head[a] as usize] as usize;
                    if topo.links[l].mode == Mode::Rail && topo.hubs[head].country != hub.country {
                        let dwell = secs(ops.rail_border_dwell_min);
                        if c != UNUSABLE {
                            c = c.saturating_add(dwell);
                        }
                        f = f.saturating_add(dwell);
                    }
                    (c, f, link_broken[l])
                }
                ArcKind::Load(m) => {
                    let full = hub.services[m.index()].and_then(|s| s.handling_min);
                    transfer(secs(scaled(m, full.unwrap_or(0.0))), mode_ok[m.index()])
                }
                ArcKind::Unload(m) => {
                    let full = hub.services[m.index()].and_then(|s| s.unload_min());
                    transfer(secs(scaled(m, full.unwrap_or(0.0))), mode_ok[m.index()])
                }
                ArcKind::GaugeChange => {
                    let full = hub.gauge_change_min.unwrap_or(0.0);
                    transfer(secs(scaled(Mode::Rail, full)), mode_ok[Mode::Rail.index()])
                }
            };
            cost.push(c);
            free_cost.push(f);
            broken.push(b);
        }
        Metric {
            cost,
            free_cost,
            broken,
            excluded,
            description: load.describe(),
            main_mode: load.main_mode(),
            exceptional_rail: exceptional,
            load_values: Mode::ALL.map(|m| LimitKind::ALL.map(|k| load.limit_value(m, k))),
        }
    }

    /// A metric from one cost per arc (seconds, metres, or any unit;
    /// [`UNUSABLE`] where not usable), for searches on another measure.
    pub fn from_arc_costs(cost: Vec<u32>) -> Metric {
        Metric {
            free_cost: cost.clone(),
            broken: vec![LimitSet::EMPTY; cost.len()],
            cost,
            excluded: Vec::new(),
            description: "arc costs".into(),
            main_mode: None,
            exceptional_rail: false,
            load_values: [[None; 13]; 5],
        }
    }

    /// A metric from one weight per link (e.g. the arcs of a DIMACS file,
    /// each a one-way link), in seconds or the file's weight units.
    pub fn from_link_weights(topo: &Topology, weights: &[u32]) -> Metric {
        let cost: Vec<u32> = (0..topo.arc_count())
            .map(|a| match topo.kind[a] {
                ArcKind::Move => weights
                    .get(topo.link[a] as usize)
                    .copied()
                    .unwrap_or(UNUSABLE),
                _ => 0,
            })
            .collect();
        Metric {
            free_cost: cost.clone(),
            broken: vec![LimitSet::EMPTY; cost.len()],
            cost,
            excluded: Vec::new(),
            description: "arc weights".into(),
            main_mode: None,
            exceptional_rail: false,
            load_values: [[None; 13]; 5],
        }
    }

    /// Base seconds of an arc ([`UNUSABLE`] if the load may not use it).
    #[inline]
    pub fn cost(&self, a: ArcIdx) -> u32 {
        self.cost[a.index()]
    }

    /// Whether the load may use an arc.
    #[inline]
    pub fn usable(&self, a: ArcIdx) -> bool {
        self.cost[a.index()] != UNUSABLE
    }

    /// Seconds per arc, in arc order ([`UNUSABLE`] marks excluded arcs).
    pub fn costs(&self) -> &[u32] {
        &self.cost
    }

    /// The limit kinds an arc breaks for this load (empty if usable).
    pub fn broken(&self, a: ArcIdx) -> LimitSet {
        self.broken[a.index()]
    }

    /// Links the load cannot use, in link order, with reasons.
    pub fn excluded_links(&self) -> &[ExcludedLink] {
        &self.excluded
    }

    /// Why the load cannot use a link (`None` if it can).
    pub fn exclusion(&self, l: LinkIdx) -> Option<&ExcludedLink> {
        self.excluded
            .binary_search_by_key(&l, |x| x.index)
            .ok()
            .map(|i| &self.excluded[i])
    }

    /// Every limit kind that excludes some arc.
    pub fn excluding_kinds(&self) -> LimitSet {
        self.broken.iter().flat_map(|b| b.iter()).collect()
    }

    /// The load's description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The same load with the limit kinds in `ignore` relaxed: an arc
    /// excluded only by kinds in `ignore` becomes usable (at the link's own
    /// speed when the mode itself was refused). No recompilation: two array
    /// copies.
    pub fn relaxed(&self, ignore: LimitSet) -> Metric {
        let cost = self
            .cost
            .iter()
            .zip(&self.free_cost)
            .zip(&self.broken)
            .map(|((&c, &f), b)| {
                if c == UNUSABLE && b.is_subset(ignore) && !b.is_empty() {
                    f
                } else {
                    c
                }
            })
            .collect();
        let broken = self
            .broken
            .iter()
            .map(|b| {
                if b.is_subset(ignore) {
                    LimitSet::EMPTY
                } else {
                    *b
                }
            })
            .collect();
        Metric {
            cost,
            free_cost: self.free_cost.clone(),
            broken,
            excluded: self
                .excluded
                .iter()
                .filter(|x| !x.reasons.iter().all(|r| ignore.contains(r.limit)))
                .cloned()
                .collect(),
            description: self.description.clone(),
            main_mode: self.main_mode,
            exceptional_rail: self.exceptional_rail,
            load_values: self.load_values,
        }
    }

    /// The mode the load's main leg must use, if its carriage policy names
    /// one (rail, sea, inland waterway, air).
    pub fn main_mode(&self) -> Option<Mode> {
        self.main_mode
    }

    /// The load's own value for a limit kind on a mode (MLC class, t, m),
    /// if known.
    pub fn load_value(&self, mode: Mode, kind: LimitKind) -> Option<f64> {
        self.load_values[mode.index()][kind as usize]
    }

    /// Whether the load is an exceptional (out-of-gauge) consignment on rail.
    pub fn exceptional_rail(&self) -> bool {
        self.exceptional_rail
    }

    /// Approximate heap memory, bytes.
    pub fn heap_bytes(&self) -> usize {
        self.cost.len() * (4 + 4 + std::mem::size_of::<LimitSet>())
            + self
                .excluded
                .iter()
                .map(|x| {
                    std::mem::size_of::<ExcludedLink>()
                        + x.link.len()
                        + x.reasons
                            .iter()
                            .map(|r| {
                                std::mem::size_of::<Blocked>()
                                    + r.message.len()
                                    + r.link_value.len()
                                    + r.load_value.len()
                            })
                            .sum::<usize>()
                })
                .sum::<usize>()
    }
}

/// A transfer arc's (cost, relaxation cost, broken kinds).
fn transfer(s: u32, mode_ok: bool) -> (u32, u32, LimitSet) {
    if mode_ok {
        (s, s, LimitSet::EMPTY)
    } else {
        (UNUSABLE, s, [LimitKind::Mode].into_iter().collect())
    }
}
