//! Finite transport assets that must return: heavy equipment transporters
//! (HETs), rail locomotives and wagons (with the trains formed per day at a
//! railhead), ships and aircraft, declared in a movement order's
//! `[assets]` (format in `data/FORMAT.md`, "Movement orders"). Nothing
//! declared = no limit (the behaviour before assets existed).
//!
//! Semantics (exact, so that an independent checker can verify a plan):
//!
//! - **HETs** (`[[assets.het]]`: `home`, `count`, `turnaround_min`): a
//!   march unit under carriage policy `het` needs one HET per vehicle it
//!   carries (its load's HET count). Each HET is in one place at a time: it
//!   drives empty from where it is (its home at first) to the unit's
//!   origin, carries the unit to its destination, and is free again there
//!   `turnaround_min` (default 60) after the unit arrives — it repositions
//!   from there to its next unit's origin (or stays). A unit waits at its
//!   origin until its HETs are there.
//! - **Rail** (`[[assets.rail]]`: `railhead`, `locomotives`, `wagons`,
//!   `trains_per_day`, `turnaround_min`): a train loading at that railhead
//!   needs one locomotive and its wagons from the railhead's pool. They
//!   are taken when loading starts and return empty to the railhead: from
//!   where the train is unloaded or its vehicles change gauge (onward trains
//!   on another gauge are not drawn from the pool), after `turnaround_min`
//!   (default 120), over the shortest rail path on that gauge at line speed.
//!   At most `trains_per_day` trains start loading there per day: successive
//!   load starts are at least `1440 / trains_per_day` minutes apart.
//! - **Ships** (`[[assets.ship]]`: `id`, `count`, `ports`, `vehicles` or
//!   `lane_m`, `turnaround_min`): a sailing loads onto one ship of a pool
//!   serving its port of embarkation (it may unload only at a port the pool
//!   serves); the ship sails empty from where it is (the first port listed,
//!   at first) over the shortest sea route, and is free at the port of
//!   debarkation `turnaround_min` (default 240) after unloading ends.
//!   `vehicles` (or `lane_m` over the vehicles' length plus 1 m) caps a
//!   sailing's vehicles.
//! - **Aircraft** (`[[assets.aircraft]]`: `base`, `count`,
//!   `sorties_per_day`): a sortie needs one aircraft, which flies empty from
//!   where it is (its base at first) to the airfield of departure and is
//!   free at the arrival airfield once unloaded; two departures of one
//!   aircraft are at least `1440 / sorties_per_day` minutes apart.
//!
//! In the scheduler an asset is drawn only once it is free for good: an
//! asset's availability is the end of its last use in the plan so far (the
//! plan is built unit by unit), so assets are never double-booked. The
//! availability at a hub is a non-decreasing function of the ready instant,
//! so the assets plug into the routing core's timing seam like the
//! reservation table (waits for them are reported with reason `asset`).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::network::Mode;
use crate::routing::{
    ArcIdx, ArcKind, ArcTiming, HubIdx, Leg, Metric, NodeIdx, Topology, Unconstrained, WaitCause,
};

/// Unreachable.
pub(crate) const FAR: i64 = i64::MAX / 4;

fn het_turnaround() -> f64 {
    60.0
}
fn rail_turnaround() -> f64 {
    120.0
}
fn ship_turnaround() -> f64 {
    240.0
}

/// The transport assets of a movement (`[assets]`); empty = no limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransportAssets {
    /// HET fleets.
    #[serde(default)]
    pub het: Vec<HetPool>,
    /// Railhead pools of locomotives and wagons.
    #[serde(default)]
    pub rail: Vec<RailPool>,
    /// Ships.
    #[serde(default)]
    pub ship: Vec<ShipPool>,
    /// Aircraft.
    #[serde(default)]
    pub aircraft: Vec<AircraftPool>,
    /// Trains are formed only at the declared railheads: no train loads
    /// anywhere else (default `false`: other railheads have no limit).
    #[serde(default)]
    pub rail_exclusive: bool,
}

/// A fleet of heavy equipment transporters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HetPool {
    /// Hub id where the HETs are at the start.
    pub home: String,
    /// How many.
    pub count: u32,
    /// Minutes after a unit's arrival before its HETs move again.
    #[serde(default = "het_turnaround")]
    pub turnaround_min: f64,
}

/// Locomotives and wagons at a railhead, and the trains formed there a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RailPool {
    /// Hub id of the railhead.
    pub railhead: String,
    /// Locomotives (one a train); `None` = no limit.
    #[serde(default)]
    pub locomotives: Option<u32>,
    /// Wagons; `None` = no limit.
    #[serde(default)]
    pub wagons: Option<u32>,
    /// Trains that can start loading a day; `None` = no limit.
    #[serde(default)]
    pub trains_per_day: Option<f64>,
    /// Minutes after unloading before a train set heads back.
    #[serde(default = "rail_turnaround")]
    pub turnaround_min: f64,
}

/// Ships of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShipPool {
    /// Name of the pool, e.g. `LMSR`.
    pub id: String,
    /// How many ships.
    pub count: u32,
    /// Hub ids of the ports served; the first is where the ships are at the
    /// start.
    pub ports: Vec<String>,
    /// Most vehicles per sailing.
    #[serde(default)]
    pub vehicles: Option<u32>,
    /// Ro-Ro lane metres per ship (vehicles per sailing: lane metres over
    /// each vehicle's length plus 1 m).
    #[serde(default)]
    pub lane_m: Option<f64>,
    /// Minutes after unloading before the ship sails again.
    #[serde(default = "ship_turnaround")]
    pub turnaround_min: f64,
}

/// Aircraft of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AircraftPool {
    /// Hub id of the home airfield.
    pub base: String,
    /// How many aircraft.
    pub count: u32,
    /// Sorties per aircraft a day.
    pub sorties_per_day: f64,
}

impl TransportAssets {
    /// Whether nothing is declared (no limits).
    pub fn is_empty(&self) -> bool {
        self.het.is_empty()
            && self.rail.is_empty()
            && self.ship.is_empty()
            && self.aircraft.is_empty()
            && !self.rail_exclusive
    }

    /// Problems with the declarations (unknown hubs are checked when
    /// planning), as messages naming the key.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let minutes = |key: &str, v: f64, out: &mut Vec<String>| {
            if !(v.is_finite() && (0.0..=43_200.0).contains(&v)) {
                out.push(format!("`{key}` = {v} must be between 0 and 43200 minutes"));
            }
        };
        for (i, h) in self.het.iter().enumerate() {
            if h.count == 0 {
                out.push(format!("assets.het[{i}].count must be 1 or more"));
            }
            minutes(
                &format!("assets.het[{i}].turnaround_min"),
                h.turnaround_min,
                &mut out,
            );
        }
        for (i, r) in self.rail.iter().enumerate() {
            if r.locomotives == Some(0) || r.wagons == Some(0) {
                out.push(format!(
                    "assets.rail[{i}] (`{}`): locomotives and wagons must be 1 or more",
                    r.railhead
                ));
            }
            if let Some(n) = r.trains_per_day {
                if !(n.is_finite() && n > 0.0 && n <= 1440.0) {
                    out.push(format!(
                        "assets.rail[{i}].trains_per_day = {n} must be above 0 and at most 1440"
                    ));
                }
            }
            minutes(
                &format!("assets.rail[{i}].turnaround_min"),
                r.turnaround_min,
                &mut out,
            );
        }
        for (i, s) in self.ship.iter().enumerate() {
            if s.count == 0 || s.ports.is_empty() {
                out.push(format!(
                    "assets.ship[{i}] (`{}`): needs a count of 1 or more and at least one port",
                    s.id
                ));
            }
            if s.vehicles == Some(0) || s.lane_m.is_some_and(|l| !(l.is_finite() && l >= 1.0)) {
                out.push(format!(
                    "assets.ship[{i}] (`{}`): vehicles and lane_m must be positive",
                    s.id
                ));
            }
            minutes(
                &format!("assets.ship[{i}].turnaround_min"),
                s.turnaround_min,
                &mut out,
            );
        }
        for (i, a) in self.aircraft.iter().enumerate() {
            if a.count == 0
                || !(a.sorties_per_day.is_finite()
                    && a.sorties_per_day > 0.0
                    && a.sorties_per_day <= 48.0)
            {
                out.push(format!(
                    "assets.aircraft[{i}] (`{}`): count must be 1 or more and sorties_per_day above 0 and at most 48",
                    a.base
                ));
            }
        }
        out
    }

    /// The trains-per-day limit of a railhead, if declared: (hub id, the
    /// least seconds between two load starts).
    pub fn formation_headways(&self) -> Vec<(String, i64)> {
        self.rail
            .iter()
            .filter_map(|r| {
                let n = r.trains_per_day?;
                Some((r.railhead.clone(), (86_400.0 / n).ceil() as i64))
            })
            .collect()
    }

    /// Most vehicles one sailing takes, for vehicles `lengths_m` long, if a
    /// ship pool limits it (the smallest over the pools).
    pub fn sailing_capacity(&self, lengths_m: &[f64]) -> Option<u32> {
        let longest = lengths_m.iter().copied().fold(0.0f64, f64::max).max(1.0);
        self.ship
            .iter()
            .filter_map(|s| {
                let by_lane = s
                    .lane_m
                    .map(|l| (l / (longest + 1.0)).floor().max(1.0) as u32);
                match (s.vehicles, by_lane) {
                    (Some(v), Some(l)) => Some(v.min(l)),
                    (v, l) => v.or(l),
                }
            })
            .min()
    }
}

/// What kind of asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// Heavy equipment transporter.
    Het,
    /// Locomotive.
    Locomotive,
    /// Rail wagons (a quantity of one railhead's pool).
    Wagons,
    /// Ship.
    Ship,
    /// Aircraft.
    Aircraft,
}

/// One movement of one asset (or a quantity of wagons) in a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssetUse {
    /// The pool: `het@<home>`, `rail@<railhead>`, `ship:<id>`,
    /// `aircraft@<base>`.
    pub pool: String,
    /// What moves.
    pub kind: AssetKind,
    /// Which one of the pool (`None` for wagons, counted as a quantity).
    pub instance: Option<u32>,
    /// How many (wagons; 1 otherwise).
    pub quantity: u32,
    /// The unit carried (loaded), or served (empty: positioning for it or
    /// returning after it).
    pub unit: String,
    /// Whether it carries the unit (`false`: empty).
    pub loaded: bool,
    /// Hub id left.
    pub from: String,
    /// Hub id reached.
    pub to: String,
    /// Start, UTC.
    pub start: DateTime<Utc>,
    /// End, UTC (for a loaded movement: when the unit is off it).
    pub end: DateTime<Utc>,
}

/// One asset instance: where it is and from when it is free.
#[derive(Debug, Clone, Copy)]
struct Instance {
    at: HubIdx,
    free: i64,
    /// Last departure (aircraft sortie cycle).
    last_departure: i64,
}

/// One declared pool, as planning goes.
#[derive(Debug, Clone)]
struct Pool {
    name: String,
    mode: Mode,
    home: HubIdx,
    /// Hubs where units may board (ships: the ports served; rail: the
    /// railhead; HETs and aircraft: anywhere).
    serves: Option<Vec<HubIdx>>,
    turnaround: i64,
    /// Least seconds between two departures of one instance (aircraft).
    cycle: i64,
    instances: Vec<Instance>,
    /// Rail: wagons in the pool and their uses (until, quantity).
    wagons: Option<u32>,
    wagon_uses: Vec<(i64, u32)>,
    /// Rail: least seconds between two load starts, and the starts so far.
    formation: Option<i64>,
    starts: Vec<i64>,
}

/// Rail pools only: whether trains may load at railheads without a pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RailRule {
    exclusive: bool,
}

/// What one unit needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Need {
    /// HETs at the origin.
    pub hets: u32,
    /// Wagons if it goes by rail.
    pub wagons: u32,
}

/// The assets' state while a plan is built: pools, instances, and the
/// shortest empty travel times between hubs.
#[derive(Debug, Clone)]
pub(crate) struct AssetState<'t> {
    topo: &'t Topology,
    pools: Vec<Pool>,
    /// Free-flow seconds from a hub's nodes of a mode to every node.
    from_hub: BTreeMap<(u32, usize), Vec<i64>>,
    /// Rail: seconds from every node back to a railhead on its gauge.
    to_railhead: BTreeMap<u32, Vec<i64>>,
    nodes_of: Vec<Vec<NodeIdx>>,
    /// Uses so far.
    pub uses: Vec<AssetUse>,
    epoch: DateTime<Utc>,
    rail: RailRule,
}

/// Whether an arc moves on `mode` (or changes gauge, on rail).
fn on_mode(topo: &Topology, a: ArcIdx, mode: Mode) -> bool {
    match topo.arc_kind(a) {
        ArcKind::Move => topo.node_mode(topo.arc_head(a)).0 == mode,
        ArcKind::GaugeChange => mode == Mode::Rail,
        _ => false,
    }
}

/// Dijkstra over the arcs of `mode` from (or, `reverse`, to) `sources`.
pub(crate) fn mode_dijkstra(
    topo: &Topology,
    free: &Metric,
    sources: &[NodeIdx],
    mode: Mode,
    reverse: bool,
    gauge_change: bool,
) -> Vec<i64> {
    use std::cmp::Reverse;
    let mut d = vec![FAR; topo.node_count()];
    let mut heap = std::collections::BinaryHeap::new();
    for s in sources {
        d[s.index()] = 0;
        heap.push(Reverse((0i64, s.0)));
    }
    let mut arcs = Vec::new();
    while let Some(Reverse((t, v))) = heap.pop() {
        if t > d[v as usize] {
            continue;
        }
        arcs.clear();
        if reverse {
            arcs.extend(topo.in_arcs(NodeIdx(v)));
        } else {
            arcs.extend(topo.out_arcs(NodeIdx(v)));
        }
        for &a in &arcs {
            if !on_mode(topo, a, mode)
                || (!gauge_change && topo.arc_kind(a) == ArcKind::GaugeChange)
                || !free.usable(a)
            {
                continue;
            }
            let w = if reverse {
                topo.arc_tail(a)
            } else {
                topo.arc_head(a)
            }
            .index();
            let nd = t + i64::from(free.cost(a));
            if nd < d[w] {
                d[w] = nd;
                heap.push(Reverse((nd, w as u32)));
            }
        }
    }
    d
}

impl<'t> AssetState<'t> {
    /// The state at the start of planning: every instance at its home.
    pub fn new(
        topo: &'t Topology,
        assets: &TransportAssets,
        epoch: DateTime<Utc>,
        het_hubs: &[HubIdx],
    ) -> Result<AssetState<'t>, Error> {
        let hub = |id: &str, key: &str| {
            topo.hub_by_id(id)
                .ok_or_else(|| Error::InvalidRequest(format!("{key}: unknown hub `{id}`")))
        };
        if let Some(p) = assets.problems().into_iter().next() {
            return Err(Error::InvalidRequest(p));
        }
        let mut nodes_of = vec![Vec::new(); topo.hub_count()];
        for v in 0..topo.node_count() {
            let v = NodeIdx(v as u32);
            nodes_of[topo.node_hub(v).index()].push(v);
        }
        let instances = |home: HubIdx, n: u32| {
            vec![
                Instance {
                    at: home,
                    free: i64::MIN / 4,
                    last_departure: i64::MIN / 4,
                };
                n as usize
            ]
        };
        let mins = |m: f64| (m * 60.0).round() as i64;
        let mut pools = Vec::new();
        for h in &assets.het {
            let home = hub(&h.home, "assets.het.home")?;
            pools.push(Pool {
                name: format!("het@{}", h.home),
                mode: Mode::Road,
                home,
                serves: None,
                turnaround: mins(h.turnaround_min),
                cycle: 0,
                instances: instances(home, h.count),
                wagons: None,
                wagon_uses: Vec::new(),
                formation: None,
                starts: Vec::new(),
            });
        }
        for r in &assets.rail {
            let home = hub(&r.railhead, "assets.rail.railhead")?;
            pools.push(Pool {
                name: format!("rail@{}", r.railhead),
                mode: Mode::Rail,
                home,
                serves: Some(vec![home]),
                turnaround: mins(r.turnaround_min),
                cycle: 0,
                instances: r.locomotives.map_or_else(Vec::new, |n| instances(home, n)),
                wagons: r.wagons,
                wagon_uses: Vec::new(),
                formation: r.trains_per_day.map(|n| (86_400.0 / n).ceil() as i64),
                starts: Vec::new(),
            });
        }
        for s in &assets.ship {
            let ports = s
                .ports
                .iter()
                .map(|p| hub(p, "assets.ship.ports"))
                .collect::<Result<Vec<_>, _>>()?;
            pools.push(Pool {
                name: format!("ship:{}", s.id),
                mode: Mode::Sea,
                home: ports[0],
                serves: Some(ports),
                turnaround: mins(s.turnaround_min),
                cycle: 0,
                instances: instances(topo.hub_by_id(&s.ports[0]).expect("checked"), s.count),
                wagons: None,
                wagon_uses: Vec::new(),
                formation: None,
                starts: Vec::new(),
            });
        }
        for a in &assets.aircraft {
            let home = hub(&a.base, "assets.aircraft.base")?;
            pools.push(Pool {
                name: format!("aircraft@{}", a.base),
                mode: Mode::Air,
                home,
                serves: None,
                turnaround: 0,
                cycle: (86_400.0 / a.sorties_per_day).ceil() as i64,
                instances: instances(home, a.count),
                wagons: None,
                wagon_uses: Vec::new(),
                formation: None,
                starts: Vec::new(),
            });
        }
        let free = Metric::for_load(topo, &Unconstrained);
        let mut from_hub = BTreeMap::new();
        let mut to_railhead = BTreeMap::new();
        let mut sources: Vec<(HubIdx, Mode)> = Vec::new();
        for p in &pools {
            match p.mode {
                Mode::Road => {
                    sources.push((p.home, Mode::Road));
                    sources.extend(het_hubs.iter().map(|&h| (h, Mode::Road)));
                }
                Mode::Rail => {
                    let home_nodes: Vec<NodeIdx> = nodes_of[p.home.index()]
                        .iter()
                        .copied()
                        .filter(|&v| topo.node_mode(v).0 == Mode::Rail)
                        .collect();
                    to_railhead.insert(
                        p.home.0,
                        mode_dijkstra(topo, &free, &home_nodes, Mode::Rail, true, false),
                    );
                }
                Mode::Sea | Mode::InlandWaterway => {
                    sources.extend(p.serves.iter().flatten().map(|&h| (h, p.mode)));
                }
                Mode::Air => {
                    for (h, info) in topo.hubs.iter().enumerate() {
                        if info.services[Mode::Air.index()].is_some() {
                            sources.push((HubIdx(h as u32), Mode::Air));
                        }
                    }
                }
            }
        }
        sources.sort();
        sources.dedup();
        for (h, m) in sources {
            let nodes: Vec<NodeIdx> = nodes_of[h.index()]
                .iter()
                .copied()
                .filter(|&v| topo.node_mode(v).0 == m)
                .collect();
            from_hub.insert(
                (h.0, m.index()),
                mode_dijkstra(topo, &free, &nodes, m, false, true),
            );
        }
        Ok(AssetState {
            topo,
            pools,
            from_hub,
            to_railhead,
            nodes_of,
            uses: Vec::new(),
            epoch,
            rail: RailRule {
                exclusive: assets.rail_exclusive,
            },
        })
    }

    /// Whether any pool (or rule) is declared.
    pub fn is_empty(&self) -> bool {
        self.pools.is_empty() && !self.rail.exclusive
    }

    /// Free-flow seconds from hub `a` to hub `b` on `mode` (0 if the same).
    fn travel(&self, a: HubIdx, b: HubIdx, mode: Mode) -> i64 {
        if a == b {
            return 0;
        }
        let Some(d) = self.from_hub.get(&(a.0, mode.index())) else {
            return FAR;
        };
        self.nodes_of[b.index()]
            .iter()
            .filter(|&&v| self.topo.node_mode(v).0 == mode)
            .map(|&v| d[v.index()])
            .min()
            .unwrap_or(FAR)
    }

    /// When instance `i` of pool `p` can start a use at hub `x`.
    fn ready_at(&self, p: &Pool, i: &Instance, x: HubIdx) -> i64 {
        let arrive = i.free.saturating_add(self.travel(i.at, x, p.mode));
        arrive.max(i.last_departure.saturating_add(p.cycle))
    }

    /// HET pools: the earliest instant ≥ `t` at which `k` HETs can be at
    /// hub `x` (`None`: not enough HETs in all).
    fn hets_ready(&self, x: HubIdx, k: u32, t: i64) -> Option<i64> {
        let mut times: Vec<i64> = self
            .pools
            .iter()
            .filter(|p| p.mode == Mode::Road)
            .flat_map(|p| p.instances.iter().map(move |i| self.ready_at(p, i, x)))
            .collect();
        if times.len() < k as usize {
            return None;
        }
        times.sort_unstable();
        Some(t.max(times[k.max(1) as usize - 1]))
    }

    /// Whether HETs are declared.
    fn has_hets(&self) -> bool {
        self.pools.iter().any(|p| p.mode == Mode::Road)
    }

    /// The earliest instant ≥ `t` at which a load of `mode` carrying
    /// `wagons` wagons (rail) may start at hub `x` (`None`: never).
    fn load_ready(&self, x: HubIdx, mode: Mode, wagons: u32, t: i64) -> Option<i64> {
        let pools: Vec<&Pool> = self.pools.iter().filter(|p| p.mode == mode).collect();
        if mode == Mode::Rail && self.rail.exclusive && !pools.iter().any(|p| p.home == x) {
            return None;
        }
        if pools.is_empty() {
            return Some(t);
        }
        match mode {
            Mode::Rail => {
                // Only the railhead's own pool limits it.
                let Some(p) = pools.into_iter().find(|p| p.home == x) else {
                    return Some(t);
                };
                let mut t = t;
                for _ in 0..1000 {
                    let mut next = t;
                    if !p.instances.is_empty() {
                        next = next.max(p.instances.iter().map(|i| i.free).min()?);
                    }
                    if let Some(w) = p.wagons {
                        if wagons > w {
                            return None;
                        }
                        // Wagons free for good at `next`: the pool less the
                        // uses ending after it.
                        let mut ends: Vec<(i64, u32)> = p.wagon_uses.clone();
                        ends.sort_unstable();
                        let mut busy: u32 = ends.iter().filter(|e| e.0 > next).map(|e| e.1).sum();
                        for e in &ends {
                            if w.saturating_sub(busy) >= wagons {
                                break;
                            }
                            if e.0 > next {
                                next = e.0;
                                busy -= e.1;
                            }
                        }
                    }
                    if let Some(h) = p.formation {
                        next = next_slot(&p.starts, next, h);
                    }
                    if next == t {
                        return Some(t);
                    }
                    t = next;
                }
                None
            }
            _ => pools
                .iter()
                .filter(|p| p.serves.as_ref().is_none_or(|s| s.contains(&x)))
                .flat_map(|p| p.instances.iter().map(move |i| self.ready_at(p, i, x)))
                .min()
                .map(|r| r.max(t)),
        }
    }

    /// Whether a pool of `mode` lets a unit unload at `x`.
    fn may_unload(&self, x: HubIdx, mode: Mode) -> bool {
        let pools: Vec<&Pool> = self.pools.iter().filter(|p| p.mode == mode).collect();
        mode != Mode::Sea
            || pools.is_empty()
            || pools
                .iter()
                .any(|p| p.serves.as_ref().is_none_or(|s| s.contains(&x)))
    }

    /// Records the assets `unit` uses along its route (`legs` in seconds
    /// since `offset` after the plan epoch; `origin` and `arrival` its
    /// origin hub and arrival). Returns when each asset-gated wait could
    /// end: (hub, instant, seconds since the plan epoch).
    pub fn commit(
        &mut self,
        unit: &str,
        need: Need,
        legs: &[Leg],
        offset: i64,
        origin: HubIdx,
        destination: HubIdx,
    ) -> Vec<(HubIdx, i64)> {
        let g = self.topo;
        let mut gates = Vec::new();
        let at = |s: i64| self.epoch + Duration::seconds(s);
        let arcs: Vec<(ArcIdx, i64, i64)> = legs
            .iter()
            .filter_map(|l| match *l {
                Leg::Arc { arc, timing } => {
                    Some((arc, offset + timing.depart, offset + timing.arrive))
                }
                Leg::Rest { .. } => None,
            })
            .collect();
        // HETs: from the first departure to the arrival.
        if need.hets > 0 && self.has_hets() {
            if let (Some(&(_, dep, _)), Some(&(_, _, arr))) = (arcs.first(), arcs.last()) {
                let mut cands: Vec<(i64, usize, usize)> = Vec::new();
                for (pi, p) in self.pools.iter().enumerate() {
                    if p.mode != Mode::Road {
                        continue;
                    }
                    for (ii, i) in p.instances.iter().enumerate() {
                        cands.push((self.ready_at(p, i, origin), pi, ii));
                    }
                }
                cands.sort_unstable();
                let k = need.hets as usize;
                if let Some(&(r, _, _)) = cands.get(k.saturating_sub(1)) {
                    gates.push((origin, r.max(0)));
                }
                for &(_, pi, ii) in cands.iter().take(k) {
                    let p = &self.pools[pi];
                    let i = p.instances[ii];
                    let name = p.name.clone();
                    let turnaround = p.turnaround;
                    if i.at != origin {
                        let travel = self.travel(i.at, origin, Mode::Road).min(dep);
                        let start = (dep - travel).max(i.free).min(dep);
                        self.uses.push(AssetUse {
                            pool: name.clone(),
                            kind: AssetKind::Het,
                            instance: Some(ii as u32),
                            quantity: 1,
                            unit: unit.to_string(),
                            loaded: false,
                            from: g.hub(i.at).id.clone(),
                            to: g.hub(origin).id.clone(),
                            start: at(start),
                            end: at(start + travel),
                        });
                    }
                    self.uses.push(AssetUse {
                        pool: name,
                        kind: AssetKind::Het,
                        instance: Some(ii as u32),
                        quantity: 1,
                        unit: unit.to_string(),
                        loaded: true,
                        from: g.hub(origin).id.clone(),
                        to: g.hub(destination).id.clone(),
                        start: at(dep),
                        end: at(arr),
                    });
                    let inst = &mut self.pools[pi].instances[ii];
                    inst.at = destination;
                    inst.free = arr + turnaround;
                    inst.last_departure = dep;
                }
            }
        }
        // Main-mode legs: on rail each load at a pooled railhead until the
        // next unload or gauge change; by sea or air the first load until
        // the last unload (landings on the way keep the same ship or
        // aircraft).
        let mut boarded: Vec<Mode> = Vec::new();
        for (j, &(a, dep, _)) in arcs.iter().enumerate() {
            let ArcKind::Load(mode) = g.arc_kind(a) else {
                continue;
            };
            if mode != Mode::Rail && boarded.contains(&mode) {
                continue;
            }
            boarded.push(mode);
            let x = g.node_hub(g.arc_tail(a));
            let end_leg = if mode == Mode::Rail {
                arcs[j + 1..].iter().find(|(b, _, _)| {
                    matches!(g.arc_kind(*b), ArcKind::Unload(_) | ArcKind::GaugeChange)
                })
            } else {
                arcs[j + 1..]
                    .iter()
                    .rev()
                    .find(|(b, _, _)| g.arc_kind(*b) == ArcKind::Unload(mode))
            };
            let Some(end_leg) = end_leg else {
                continue;
            };
            let (b, _, end) = *end_leg;
            let y = g.node_hub(g.arc_tail(b));
            match mode {
                Mode::Rail => {
                    let Some(pi) = self
                        .pools
                        .iter()
                        .position(|p| p.mode == Mode::Rail && p.home == x)
                    else {
                        continue;
                    };
                    gates.push((
                        x,
                        self.load_ready(x, Mode::Rail, need.wagons, 0)
                            .unwrap_or(dep),
                    ));
                    let back = self.to_railhead[&x.0][g.arc_tail(b).index()];
                    let p = &mut self.pools[pi];
                    let ret_start = end + p.turnaround;
                    // A set that cannot get back on its gauge stays away.
                    let returns = back < FAR;
                    let ret_end = if returns { ret_start + back } else { FAR };
                    p.starts.push(dep);
                    p.starts.sort_unstable();
                    let name = p.name.clone();
                    let push = |uses: &mut Vec<AssetUse>, kind, instance, quantity| {
                        uses.push(AssetUse {
                            pool: name.clone(),
                            kind,
                            instance,
                            quantity,
                            unit: unit.to_string(),
                            loaded: true,
                            from: g.hub(x).id.clone(),
                            to: g.hub(y).id.clone(),
                            start: at(dep),
                            end: at(end),
                        });
                        if returns {
                            uses.push(AssetUse {
                                pool: name.clone(),
                                kind,
                                instance,
                                quantity,
                                unit: unit.to_string(),
                                loaded: false,
                                from: g.hub(y).id.clone(),
                                to: g.hub(x).id.clone(),
                                start: at(ret_start),
                                end: at(ret_end),
                            });
                        }
                    };
                    if !p.instances.is_empty() {
                        let (ii, _) = p
                            .instances
                            .iter()
                            .enumerate()
                            .min_by_key(|(k, i)| (i.free, *k))
                            .expect("a locomotive");
                        p.instances[ii].free = ret_end;
                        push(&mut self.uses, AssetKind::Locomotive, Some(ii as u32), 1);
                    }
                    if p.wagons.is_some() && need.wagons > 0 {
                        p.wagon_uses.push((ret_end, need.wagons));
                        push(&mut self.uses, AssetKind::Wagons, None, need.wagons);
                    }
                }
                Mode::Sea | Mode::InlandWaterway | Mode::Air => {
                    let mut best: Option<(i64, usize, usize)> = None;
                    for (pi, p) in self.pools.iter().enumerate() {
                        if p.mode != mode || p.serves.as_ref().is_some_and(|s| !s.contains(&x)) {
                            continue;
                        }
                        for (ii, i) in p.instances.iter().enumerate() {
                            let r = self.ready_at(p, i, x);
                            if best.is_none_or(|b| (r, pi, ii) < b) {
                                best = Some((r, pi, ii));
                            }
                        }
                    }
                    let Some((r, pi, ii)) = best else { continue };
                    gates.push((x, r.max(0)));
                    let p = &self.pools[pi];
                    let i = p.instances[ii];
                    let kind = if mode == Mode::Air {
                        AssetKind::Aircraft
                    } else {
                        AssetKind::Ship
                    };
                    let name = p.name.clone();
                    let turnaround = p.turnaround;
                    if i.at != x {
                        let t = self.travel(i.at, x, mode);
                        let start = (r - t).max(i.free);
                        self.uses.push(AssetUse {
                            pool: name.clone(),
                            kind,
                            instance: Some(ii as u32),
                            quantity: 1,
                            unit: unit.to_string(),
                            loaded: false,
                            from: g.hub(i.at).id.clone(),
                            to: g.hub(x).id.clone(),
                            start: at(start),
                            end: at(start + t),
                        });
                    }
                    self.uses.push(AssetUse {
                        pool: name,
                        kind,
                        instance: Some(ii as u32),
                        quantity: 1,
                        unit: unit.to_string(),
                        loaded: true,
                        from: g.hub(x).id.clone(),
                        to: g.hub(y).id.clone(),
                        start: at(dep),
                        end: at(end),
                    });
                    let inst = &mut self.pools[pi].instances[ii];
                    inst.at = y;
                    inst.free = end + turnaround;
                    inst.last_departure = dep;
                }
                Mode::Road => {}
            }
        }
        gates
    }
}

/// The earliest instant ≥ `t` at least `h` seconds from every start in
/// `starts` (sorted).
fn next_slot(starts: &[i64], t: i64, h: i64) -> i64 {
    let mut t = t;
    let from = starts.partition_point(|&s| s + h <= t);
    for &s in &starts[from..] {
        if t <= s - h {
            break;
        }
        if t < s + h {
            t = s + h;
        }
    }
    t
}

/// The assets as one unit's search sees them: the next instant its assets
/// can be at a hub (times relative to the unit's epoch, `offset` seconds
/// after the plan's).
pub(crate) struct AssetView<'a, 't> {
    /// The state.
    pub state: &'a AssetState<'t>,
    /// What the unit needs.
    pub need: Need,
    /// Its origin's road node (HETs are boarded there).
    pub origin: NodeIdx,
    /// Seconds from the plan epoch to the unit's epoch.
    pub offset: i64,
}

impl ArcTiming for AssetView<'_, '_> {
    fn entry(&self, a: ArcIdx, t: i64, _duration: u32) -> Option<i64> {
        let g = self.state.topo;
        let abs = t + self.offset;
        let next = match g.arc_kind(a) {
            ArcKind::Move
                if self.need.hets > 0 && g.arc_tail(a) == self.origin && self.state.has_hets() =>
            {
                self.state
                    .hets_ready(g.node_hub(self.origin), self.need.hets, abs)?
            }
            ArcKind::Load(m) => {
                self.state
                    .load_ready(g.node_hub(g.arc_tail(a)), m, self.need.wagons, abs)?
            }
            ArcKind::Unload(m) => {
                if !self.state.may_unload(g.node_hub(g.arc_tail(a)), m) {
                    return None;
                }
                abs
            }
            _ => abs,
        };
        Some(next - self.offset)
    }

    fn cause(&self) -> WaitCause {
        WaitCause::Capacity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formation_slots_keep_their_headway() {
        let starts = [100, 1_000];
        assert_eq!(next_slot(&starts, 0, 50), 0);
        assert_eq!(next_slot(&starts, 60, 50), 150);
        assert_eq!(next_slot(&starts, 140, 500), 1_500);
        let mut last = 0;
        for t in (0..3_000).step_by(7) {
            let s = next_slot(&starts, t, 300);
            assert!(s >= t && s >= last);
            last = s;
        }
    }

    #[test]
    fn sailing_capacity_by_lane_metres() {
        let a = TransportAssets {
            ship: vec![ShipPool {
                id: "x".into(),
                count: 1,
                ports: vec!["A".into()],
                vehicles: None,
                lane_m: Some(1000.0),
                turnaround_min: 240.0,
            }],
            ..TransportAssets::default()
        };
        // 1,000 m over (9 m + 1 m) = 100 vehicles.
        assert_eq!(a.sailing_capacity(&[7.0, 9.0]), Some(100));
        assert_eq!(TransportAssets::default().sailing_capacity(&[9.0]), None);
    }
}
