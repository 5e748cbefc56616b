//! The scheduler: moves a force of many units through shared capacity by
//! capacity-constrained route planning (CCRP, Lu, George & Shekhar 2005).
//! Units are routed one at a time by earliest arrival against the
//! reservation table of the units before them (through the routing core's
//! timing seam: permit gates, windows, closures and the table compose), and
//! each unit's path is then reserved. The order matters — prioritised
//! planning is not optimal — so the planner tries the orderings that make
//! sense (element order, priority, longest route first, heaviest first),
//! in parallel, with every unit by strict earliest arrival (and the first
//! ordering with the order's own route choice too), then an improvement
//! round (the units the best plan delayed most first; its last arrivals
//! first), and keeps the plan with the earliest closure (ties: the first).
//! Declared transport assets are one more timing ([`super::assets`]);
//! holding limits are enforced by re-routing ([`super::holding`]). The
//! lower bound is the larger of the cut bound ([`super::bound`]) and the
//! time-expanded max-flow bound ([`super::flow_bound`]) over groups of
//! units chosen here. Deterministic: same input, same plan.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::assets::{AssetKind, AssetState, AssetUse, AssetView, Need, TransportAssets};
use super::bound::{cut_bound, min_cut_between};
use super::conditions::{Conditions, PhasedTables, PhasedView};
use super::doctrine::{ColumnKind, MarchDoctrine, RoadClass, VehicleKind};
use super::fleet_bound::ship_fleet_bound;
use super::flow_bound::{
    FlowContext, FlowTiming, FlowUnit, GroupFlowBound, LinkBlocks, DEFAULT_STEP_SECS,
};
use super::holding::{self, HoldGate, HoldTable};
use super::plan::{
    AssetsUsed, Check, MovementPlan, PlannedUnit, ProfilePoint, UnroutedUnit, Utilisation, Wait,
};
use super::reservation::ReservationTable;
use super::unit::{split_element, ForceElement, MovementUnit, SplitRules, UnitKind};
use crate::error::Error;
use crate::force::{cargo_class, CarriagePolicy, VehicleCatalogue};
use crate::network::{Mode, Network};
use crate::permits::{Calendars, PermitRegime};
use crate::routing::{
    ArcIdx, ClosureTarget, DrivingRule, Leg, Metric, PermitGates, RegimePermits, Route,
    RouteChoice, RouteOutcome, RouteRequest, Router, StepKind, TargetDistances, TdSpace,
    TimeWindows, Topology, DEFAULT_DRIVING,
};

/// In which order units claim capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitOrder {
    /// As the force lists its elements.
    Element,
    /// Priority 1 first, then element order.
    Priority,
    /// The unit whose trip takes longest alone first.
    LongestFirst,
    /// The heaviest unit first.
    HeaviestFirst,
}

impl UnitOrder {
    /// Every ordering, in the order they are tried (ties go to the first).
    pub const ALL: [UnitOrder; 4] = [
        UnitOrder::Element,
        UnitOrder::Priority,
        UnitOrder::LongestFirst,
        UnitOrder::HeaviestFirst,
    ];

    /// The spelling used in files and reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            UnitOrder::Element => "element",
            UnitOrder::Priority => "priority",
            UnitOrder::LongestFirst => "longest_first",
            UnitOrder::HeaviestFirst => "heaviest_first",
        }
    }
}

/// How a force is planned.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveOptions {
    /// Daily driving limit of road columns (`None` = none).
    pub driving: Option<DrivingRule>,
    /// When permits are requested (`None` = the force's earliest departure).
    pub permit_request: Option<DateTime<Utc>>,
    /// Framework with standing clearances (e.g. `NATO`).
    pub framework: Option<String>,
    /// March doctrine: march unit size, vehicle interval, time gap between
    /// march units and march speeds give the units and their pass times.
    pub doctrine: MarchDoctrine,
    /// Route choice: the planner schedules every ordering with strict
    /// earliest arrival and, unless this is strict too, the first ordering
    /// with this choice as well, keeping the earlier closure.
    pub choice: RouteChoice,
    /// Orderings to try.
    pub orderings: Vec<UnitOrder>,
    /// Transport assets (HETs, locomotives and wagons, ships, aircraft) the
    /// units draw on; empty = no limit.
    pub assets: TransportAssets,
    /// Closures and time-bounded capacity reductions the force is planned
    /// under (empty: the network as it is; see [`super::conditions`]).
    pub conditions: Conditions,
    /// Whether to compute the time-expanded max-flow bound (the slower of
    /// the two bounds; without it the lower bound is the cut bound). Plans
    /// compared with each other (re-planning, rankings) can leave it out.
    pub flow_bound: bool,
    /// Improvement rounds after the orderings (default 1): the best plan's
    /// most delayed units first, and its last arrivals first; 0 = none.
    pub improvement_rounds: usize,
}

impl Default for MoveOptions {
    fn default() -> Self {
        MoveOptions {
            driving: Some(DEFAULT_DRIVING),
            permit_request: None,
            framework: None,
            doctrine: MarchDoctrine::default(),
            choice: RouteChoice::default(),
            orderings: UnitOrder::ALL.to_vec(),
            assets: TransportAssets::default(),
            conditions: Conditions::default(),
            flow_bound: true,
            improvement_rounds: 1,
        }
    }
}

/// Plans the movement of forces over one network under one permit regime.
pub struct MovementPlanner<'n> {
    network: &'n Network,
    topo: Topology,
    catalogue: &'n VehicleCatalogue,
    regime: PermitRegime,
    calendars: Calendars,
    options: MoveOptions,
    /// Whether some hub limits holding.
    holding: bool,
}

/// The outcome of one ordering: units routed, the reservations they made,
/// units left without a route, the assets' movements, and the order the
/// units were planned in with each one's place in `routed` (`None`: no
/// route), which a later plan under other conditions can start from.
type Scheduled = (
    Vec<Routed>,
    ReservationTable,
    Vec<UnroutedUnit>,
    Vec<AssetUse>,
    Vec<(usize, Option<usize>)>,
);

/// One unit as routed in one ordering.
struct Routed {
    unit: usize,
    route: Route,
    /// Where its assets gated it, and from when they were ready there
    /// (hub, seconds since the plan epoch).
    asset_ready: Vec<(crate::routing::HubIdx, i64)>,
}

/// A force split into movement units, with a router (topology + metric) per
/// load, the A* bound towards each unit's destination, pass times and asset
/// needs: everything about the force that does not depend on closures or
/// capacity reductions. Build once with [`MovementPlanner::prepare`] and
/// plan it under many conditions with [`MovementPlanner::plan_prepared`].
pub struct PreparedForce<'r> {
    epoch: DateTime<Utc>,
    force: Vec<ForceElement>,
    units: Vec<MovementUnit>,
    /// Router (topology + the unit's metric) per unit.
    router_of: Vec<usize>,
    routers: Vec<Router<'r>>,
    bounds: Vec<TargetDistances>,
    pass: Vec<i64>,
    /// The assets each unit draws on.
    needs: Vec<Need>,
    /// The assets' state before any unit is planned.
    assets: AssetState<'r>,
}

impl<'r> PreparedForce<'r> {
    /// The plan's epoch: the earliest departure of any element, UTC.
    pub fn epoch(&self) -> DateTime<Utc> {
        self.epoch
    }

    /// The force's elements.
    pub fn force(&self) -> &[ForceElement] {
        &self.force
    }

    /// The movement units, in element order.
    pub fn units(&self) -> &[MovementUnit] {
        &self.units
    }

    /// The router (topology and the unit's metric) of unit `i`.
    pub fn router(&self, i: usize) -> &Router<'r> {
        &self.routers[self.router_of[i]]
    }

    /// The exact static distances towards unit `i`'s destination (its A*
    /// bound).
    pub fn bound(&self, i: usize) -> &TargetDistances {
        &self.bounds[i]
    }
}

/// A prepared force with every unit routed alone under one set of
/// conditions.
struct Prepared<'a, 'r> {
    force: &'a PreparedForce<'r>,
    /// Each unit alone (strict earliest arrival), `None`: no route.
    free: Vec<Option<Route>>,
    /// The units with no route alone, with why.
    unrouted: Vec<UnroutedUnit>,
}

impl<'r> std::ops::Deref for Prepared<'_, 'r> {
    type Target = PreparedForce<'r>;

    fn deref(&self) -> &PreparedForce<'r> {
        self.force
    }
}

/// A plan with what re-planning needs to start from it: every schedule
/// tried (its order and routes), every unit's route alone. Made by
/// [`MovementPlanner::plan_prepared`].
pub struct PlanRun {
    /// The plan.
    pub plan: MovementPlan,
    /// The ordering the kept plan started from (an improvement round
    /// starts from the best ordering's plan).
    pub ordering: UnitOrder,
    /// The conditions it was planned under.
    conditions: Conditions,
    free: Vec<Option<Route>>,
    unrouted: Vec<UnroutedUnit>,
    schedules: Vec<Record>,
    kept: usize,
}

/// One schedule tried, as a later plan can reuse it.
struct Record {
    label: String,
    choice: RouteChoice,
    /// Units in planning order, each with its route (`None`: none).
    order: Vec<(usize, Option<Route>)>,
}

impl PlanRun {
    /// The kept plan's routes, in planning order: (unit index in
    /// [`PreparedForce::units`], route).
    pub fn routes(&self) -> impl Iterator<Item = (usize, &Route)> {
        self.schedules[self.kept]
            .order
            .iter()
            .filter_map(|(i, r)| r.as_ref().map(|r| (*i, r)))
    }

    /// Every unit's route alone under the plan's conditions (`None`: no
    /// route), in [`PreparedForce::units`] order.
    pub fn alone(&self) -> &[Option<Route>] {
        &self.free
    }
    /// Whether a plan under `conditions` may start from this run: no
    /// capacity reductions on either side, and every closure of this run's
    /// conditions among `conditions`' (a route that touches none of the
    /// added closures stays feasible and, by strict earliest arrival,
    /// optimal).
    fn can_start(&self, conditions: &Conditions) -> bool {
        self.conditions.reductions.is_empty()
            && conditions.reductions.is_empty()
            && self
                .conditions
                .closures
                .iter()
                .all(|c| conditions.closures.contains(c))
    }
}

/// Groups whose flow bound is recomputed with a finer step.
const REFINED_GROUPS: usize = 2;

/// Vehicles held from one instant to another.
type HeldSpan = (DateTime<Utc>, DateTime<Utc>, u32);

/// Most re-routings of one unit for holding capacity.
const HOLDING_ROUNDS: usize = 24;

/// One schedule tried: how its order was made, its route choice, its result.
struct Tried {
    label: String,
    /// The ordering it comes from.
    origin: UnitOrder,
    choice: RouteChoice,
    result: Result<Scheduled, Error>,
}

/// The index of the schedule with the fewest units left unrouted, then the
/// earliest closure (ties: the first); `None` if every one failed.
fn best_of(tried: &[Tried]) -> Option<usize> {
    tried
        .iter()
        .enumerate()
        .filter_map(|(k, t)| t.result.as_ref().ok().map(|r| (k, r)))
        .min_by_key(|(k, (routed, _, unrouted, _, _))| {
            (
                unrouted.len(),
                routed.iter().map(|x| x.route.arrival).max(),
                *k,
            )
        })
        .map(|(k, _)| k)
}

impl<'n> MovementPlanner<'n> {
    /// A planner for `network`, vehicles from `catalogue`, under `regime`
    /// on `calendars`.
    pub fn new(
        network: &'n Network,
        catalogue: &'n VehicleCatalogue,
        regime: PermitRegime,
        calendars: Calendars,
        options: MoveOptions,
    ) -> MovementPlanner<'n> {
        let topo = Topology::build(network);
        let holding = topo.hubs.iter().any(|h| h.hold_vehicles.is_some());
        MovementPlanner {
            network,
            holding,
            topo,
            catalogue,
            regime,
            calendars,
            options,
        }
    }

    /// The topology plans are made on.
    pub fn topology(&self) -> &Topology {
        &self.topo
    }

    /// The options.
    pub fn options(&self) -> &MoveOptions {
        &self.options
    }

    fn permits(&self, unit: &MovementUnit) -> RegimePermits<'_> {
        RegimePermits {
            regime: &self.regime,
            calendars: &self.calendars,
            class: cargo_class(&unit.load),
            framework: self.options.framework.clone(),
        }
    }

    fn request(
        &self,
        unit: &MovementUnit,
        epoch: DateTime<Utc>,
        conditions: &Conditions,
    ) -> RouteRequest {
        RouteRequest {
            driving: self.options.driving,
            permit_request: Some(self.options.permit_request.unwrap_or(epoch)),
            choice: self.options.choice,
            closures: conditions.closures.clone(),
            ..RouteRequest::new(&unit.origin, &unit.destination, unit.release)
        }
    }

    /// Seconds a unit takes to pass a point: for a road march unit of `n`
    /// vehicles in open column, its road space over its march speed on an
    /// expressway, plus the doctrine's time gap to the next march unit
    /// (pass time = road space ÷ speed + time gaps, FM 55-30); trains, ships
    /// and aircraft pass at once (their spacing comes from capacity).
    pub fn pass_secs(doctrine: &MarchDoctrine, unit: &MovementUnit) -> i64 {
        if unit.kind != UnitKind::MarchUnit {
            return 0;
        }
        let tracked = unit
            .load
            .profile(Mode::Road)
            .is_some_and(|p| p.mlc_tracked.is_some());
        let kind = if tracked {
            VehicleKind::Tracked
        } else {
            VehicleKind::Wheeled
        };
        let speed = doctrine.speed_kmh(RoadClass::Expressway, kind);
        let road_space_m =
            f64::from(unit.vehicle_count.saturating_sub(1)) * doctrine.interval_m(ColumnKind::Open);
        (road_space_m / (speed / 3.6) + doctrine.march_unit_gap_min * 60.0).round() as i64
    }

    /// Splits a force into movement units and builds what planning it
    /// under any conditions shares: a router per load, a bound per (load,
    /// destination), pass times, asset needs. Errors: an element id used
    /// twice, an unknown hub, vehicle or formation, an empty force, an asset
    /// declaration naming an unknown hub.
    pub fn prepare(&self, force: &[ForceElement]) -> Result<PreparedForce<'_>, Error> {
        let mut units = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for (i, e) in force.iter().enumerate() {
            if !ids.insert(e.id.as_str()) {
                return Err(Error::InvalidRequest(format!(
                    "element id `{}` is used twice",
                    e.id
                )));
            }
            for id in [&e.origin, &e.destination] {
                self.network.try_hub(id).map_err(|_| {
                    Error::InvalidRequest(format!("element `{}`: unknown hub `{id}`", e.id))
                })?;
            }
            let lengths: Vec<f64> = e
                .vehicles
                .iter()
                .filter_map(|(v, _)| self.catalogue.get(v).map(|t| t.length_m))
                .collect();
            // A HET march unit needs a HET per carried vehicle: with a
            // declared fleet smaller than a march unit, march units are cut
            // to the fleet (it then carries them in turn).
            let hets: u32 = self.options.assets.het.iter().map(|h| h.count).sum();
            let march_unit_size = if e.carriage == CarriagePolicy::Het && hets > 0 {
                self.options.doctrine.march_unit_size.min(hets)
            } else {
                self.options.doctrine.march_unit_size
            };
            let rules = SplitRules {
                march_unit_size,
                sailing_vehicles: self.options.assets.sailing_capacity(&lengths),
            };
            units.extend(split_element(self.catalogue, e, i, &rules)?);
        }
        let epoch = force
            .iter()
            .map(|e| e.earliest_departure)
            .min()
            .ok_or_else(|| Error::InvalidRequest("the force has no elements".into()))?;
        // One router (metric) per distinct load; one bound per (load, destination).
        let mut key_of: BTreeMap<String, usize> = BTreeMap::new();
        let mut routers = Vec::new();
        let mut router_of = Vec::with_capacity(units.len());
        for u in &units {
            let key = format!("{:?}|{}", u.vehicles, u.load.policy.as_str());
            let idx = *key_of.entry(key).or_insert_with(|| {
                routers.push(Router::with_topology(&self.topo, &u.load));
                routers.len() - 1
            });
            router_of.push(idx);
        }
        let mut bound_key: BTreeMap<(usize, String), usize> = BTreeMap::new();
        let mut bounds = Vec::new();
        let mut bound_of = Vec::with_capacity(units.len());
        for (u, &r) in units.iter().zip(&router_of) {
            let idx = *bound_key
                .entry((r, u.destination.clone()))
                .or_insert_with(|| {
                    // Invariant: destinations were checked above.
                    bounds.push(routers[r].bound_to(&u.destination).expect("known hub"));
                    bounds.len() - 1
                });
            bound_of.push(idx);
        }
        let pass: Vec<i64> = units
            .iter()
            .map(|u| Self::pass_secs(&self.options.doctrine, u))
            .collect();
        let bounds_per_unit = bound_of.iter().map(|&b| bounds[b].clone()).collect();
        let needs: Vec<Need> = units
            .iter()
            .map(|u| Need {
                hets: u
                    .load
                    .profile(Mode::Road)
                    .filter(|rp| u.load.policy == CarriagePolicy::Het && rp.carrier_unit == "HET")
                    .map_or(0, |rp| rp.carriers),
                wagons: u.load.profile(Mode::Rail).map_or(0, |rp| rp.carriers),
            })
            .collect();
        let mut het_hubs: Vec<crate::routing::HubIdx> = units
            .iter()
            .zip(&needs)
            .filter(|(_, n)| n.hets > 0)
            .flat_map(|(u, _)| [&u.origin, &u.destination])
            .filter_map(|id| self.topo.hub_by_id(id))
            .collect();
        het_hubs.sort();
        het_hubs.dedup();
        let assets = AssetState::new(&self.topo, &self.options.assets, epoch, &het_hubs)?;
        Ok(PreparedForce {
            epoch,
            force: force.to_vec(),
            units,
            router_of,
            routers,
            bounds: bounds_per_unit,
            pass,
            needs,
            assets,
        })
    }

    /// Every unit alone under `conditions` (strict earliest arrival, which
    /// the bounds and the "never before it could alone" check rely on),
    /// taken from `base` where its route alone touches nothing the
    /// conditions close (the closure leaves it an optimal answer).
    fn alone<'a, 'r>(
        &self,
        f: &'a PreparedForce<'r>,
        conditions: &Conditions,
        base: Option<&PlanRun>,
    ) -> Result<Prepared<'a, 'r>, Error> {
        let epoch = f.epoch;
        // What the base knows: with more closures and no reductions on
        // either side, a route alone that touches no closed element stays
        // optimal, and no route stays no route.
        let base = base.filter(|b| b.can_start(conditions));
        let req = |u: &MovementUnit| RouteRequest {
            choice: RouteChoice::strict(),
            ..self.request(u, epoch, conditions)
        };
        let found: Vec<Result<Option<Route>, Error>> = f
            .units
            .par_iter()
            .enumerate()
            .map_init(TdSpace::new, |space, (i, u)| {
                if let Some(b) = base {
                    match &b.free[i] {
                        None => return Ok(None),
                        Some(r) if !self.touches(r, conditions) => return Ok(Some(r.clone())),
                        Some(_) => {}
                    }
                }
                let out = f
                    .router(i)
                    .route_with(&req(u), &self.permits(u), f.bound(i), space)?;
                Ok(match out {
                    RouteOutcome::Found { route, .. } => Some(*route),
                    RouteOutcome::NoRoute(_) => None,
                })
            })
            .collect();
        let found: Vec<Result<Option<Route>, Error>> = found
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                // Over its element's self-propelled limit: no route (why
                // below).
                Ok(r?.filter(|route| self.self_propelled_excess(f, i, route).is_none()))
            })
            .collect();
        let mut free = Vec::with_capacity(found.len());
        for r in found {
            free.push(r?);
        }
        // Why not: from the base if it knew, else explained once per
        // (load, origin, destination, release) — the units of one element.
        let mut unrouted = Vec::new();
        let mut explained: BTreeMap<(usize, &str, &str, DateTime<Utc>), String> = BTreeMap::new();
        let mut space = TdSpace::new();
        for (i, u) in f.units.iter().enumerate() {
            if free[i].is_some() {
                continue;
            }
            if let Some(k) = base.and_then(|b| b.unrouted.iter().find(|x| x.id == u.id)) {
                unrouted.push(k.clone());
                continue;
            }
            // A route that drives its tracked vehicles too far.
            if f.force[u.element_index].max_self_propelled_km.is_some() {
                let alone =
                    f.router(i)
                        .route_with(&req(u), &self.permits(u), f.bound(i), &mut space)?;
                if let RouteOutcome::Found { route, .. } = alone {
                    if let Some(why) = self.self_propelled_excess(f, i, &route) {
                        unrouted.push(UnroutedUnit {
                            id: u.id.clone(),
                            reason: why,
                        });
                        continue;
                    }
                }
            }
            let key = (
                f.router_of[i],
                u.origin.as_str(),
                u.destination.as_str(),
                u.release,
            );
            if let std::collections::btree_map::Entry::Vacant(slot) = explained.entry(key) {
                let why = f.router(i).explain(&req(u), &self.permits(u), &mut space)?;
                slot.insert(why.reason);
            }
            unrouted.push(UnroutedUnit {
                id: u.id.clone(),
                reason: explained[&key].clone(),
            });
        }
        Ok(Prepared {
            force: f,
            free,
            unrouted,
        })
    }

    /// Why a route breaks unit `i`'s element's `max_self_propelled_km`
    /// (its tracked vehicles drive farther on their own tracks), or `None`.
    fn self_propelled_excess(
        &self,
        f: &PreparedForce<'_>,
        i: usize,
        route: &Route,
    ) -> Option<String> {
        let u = &f.units[i];
        let e = &f.force[u.element_index];
        let limit = e.max_self_propelled_km?;
        let tracked = u
            .load
            .profile(Mode::Road)
            .is_some_and(|rp| rp.mlc_tracked.is_some());
        if !tracked {
            return None;
        }
        let km: f64 = route
            .steps
            .iter()
            .filter(|s| s.kind == StepKind::Drive)
            .filter_map(|s| s.distance_km)
            .sum();
        (km > limit + 1e-9).then(|| {
            format!(
                "element `{}`: its tracked vehicles would drive {km:.0} km on their own tracks, more than max_self_propelled_km = {limit} (carry them: carriage `rail` or `het`)",
                e.id
            )
        })
    }

    /// Whether a route uses a link or hub that `conditions` close.
    fn touches(&self, r: &Route, conditions: &Conditions) -> bool {
        let topo = &self.topo;
        conditions.closures.iter().any(|c| match c.target {
            ClosureTarget::Link(l) => r.link_path.contains(&l),
            ClosureTarget::Hub(h) => r.legs.iter().any(|leg| match *leg {
                Leg::Arc { arc, .. } => {
                    topo.node_hub(topo.arc_head(arc)) == h || topo.node_hub(topo.arc_tail(arc)) == h
                }
                Leg::Rest { node, .. } => topo.node_hub(node) == h,
            }),
        })
    }

    fn order(&self, p: &Prepared<'_, '_>, order: UnitOrder) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..p.units.len())
            .filter(|&i| p.free[i].is_some())
            .collect();
        let transit = |i: usize| {
            p.free[i]
                .as_ref()
                .map_or(0, |r| (r.arrival - r.depart).num_seconds())
        };
        match order {
            UnitOrder::Element => {}
            UnitOrder::Priority => idx.sort_by_key(|&i| (p.units[i].priority, i)),
            UnitOrder::LongestFirst => idx.sort_by_key(|&i| (std::cmp::Reverse(transit(i)), i)),
            UnitOrder::HeaviestFirst => idx.sort_by(|&a, &b| {
                p.units[b]
                    .load
                    .total_weight_t
                    .total_cmp(&p.units[a].load.total_weight_t)
                    .then(a.cmp(&b))
            }),
        }
        idx
    }

    /// Routes every unit in `order` against the reservations of the ones
    /// before it.
    fn schedule(
        &self,
        epoch: DateTime<Utc>,
        p: &Prepared<'_, '_>,
        order: &[usize],
        choice: RouteChoice,
        conditions: &Conditions,
        reuse: &[&Route],
    ) -> Result<Scheduled, Error> {
        let mut tables = PhasedTables::new(&self.topo, epoch, conditions);
        let mut assets = p.assets.clone();
        let mut holds = HoldTable::default();
        let mut space = TdSpace::new();
        let mut routed = Vec::with_capacity(order.len());
        let mut unrouted = Vec::new();
        let mut planned = Vec::with_capacity(order.len());
        for (k, &i) in order.iter().enumerate() {
            let u = &p.units[i];
            let offset = (u.release - epoch).num_seconds();
            let view = PhasedView {
                tables: &tables,
                topo: &self.topo,
                offset,
                pass: p.pass[i],
            };
            // Invariant: origins were checked in `prepare`.
            let origin = self.topo.hub_node(&u.origin).expect("known hub");
            let asset_view = AssetView {
                state: &assets,
                need: p.needs[i],
                origin,
                offset,
            };
            // Holding: re-routed while its stays find no room (module
            // `holding`).
            let dest_hub = self.topo.hub_by_id(&u.destination).expect("known hub");
            let mut not_before: BTreeMap<u32, i64> = BTreeMap::new();
            let mut rounds = 0;
            let route = if let Some(r) = reuse.get(k) {
                // The same units before it, the same reservations: its
                // route from the plan this one starts from.
                if self.holding {
                    let st = holding::stays(
                        &self.topo,
                        &r.legs,
                        offset,
                        u.vehicle_count,
                        self.topo.node_hub(origin),
                        dest_hub,
                    );
                    holds.hold(&self.topo, &st);
                }
                Ok(Box::new((*r).clone()))
            } else {
                loop {
                    let gate = HoldGate {
                        topo: &self.topo,
                        not_before: &not_before,
                    };
                    let mut timings: Vec<&dyn crate::routing::ArcTiming> = vec![&view];
                    if !assets.is_empty() {
                        timings.push(&asset_view);
                    }
                    if !not_before.is_empty() {
                        timings.push(&gate);
                    }
                    let router = &p.routers[p.router_of[i]];
                    let out = router.route_with_timings(
                        &RouteRequest {
                            choice,
                            ..self.request(u, epoch, conditions)
                        },
                        &self.permits(u),
                        &p.bounds[i],
                        &timings,
                        &mut space,
                    )?;
                    let RouteOutcome::Found { route, .. } = out else {
                        break Err("no route once the capacity and assets taken by the units before it are counted".to_string());
                    };
                    if let Some(why) = self.self_propelled_excess(p, i, &route) {
                        break Err(format!(
                            "{why}, once the capacity taken by the units before it is counted"
                        ));
                    }
                    if !self.holding {
                        break Ok(route);
                    }
                    let st = holding::stays(
                        &self.topo,
                        &route.legs,
                        offset,
                        u.vehicle_count,
                        self.topo.node_hub(origin),
                        dest_hub,
                    );
                    match holds.conflict(&self.topo, &st) {
                        None => {
                            holds.hold(&self.topo, &st);
                            break Ok(route);
                        }
                        Some((h, end)) => {
                            rounds += 1;
                            if rounds > HOLDING_ROUNDS {
                                break Err(format!(
                                "no room to wait at `{}` (hold_vehicles) after {HOLDING_ROUNDS} re-routings",
                                self.topo.hub(h).id
                            ));
                            }
                            let x = not_before.entry(h.0).or_insert(i64::MIN);
                            *x = (*x).max(end - offset);
                        }
                    }
                }
            };
            let route = match route {
                Ok(r) => r,
                Err(reason) => {
                    unrouted.push(UnroutedUnit {
                        id: u.id.clone(),
                        reason,
                    });
                    planned.push((i, None));
                    continue;
                }
            };
            for leg in &route.legs {
                if let Leg::Arc { arc, timing } = *leg {
                    tables.reserve(
                        &self.topo,
                        arc,
                        offset + timing.depart,
                        p.pass[i],
                        timing.arrive - timing.depart,
                    );
                }
            }
            let asset_ready = if assets.is_empty() {
                Vec::new()
            } else {
                let dest = self.topo.hub_by_id(&u.destination).expect("known hub");
                assets.commit(
                    &u.id,
                    p.needs[i],
                    &route.legs,
                    offset,
                    self.topo.node_hub(origin),
                    dest,
                )
            };
            planned.push((i, Some(routed.len())));
            routed.push(Routed {
                unit: i,
                route: *route,
                asset_ready,
            });
        }
        Ok((routed, tables.intact, unrouted, assets.uses, planned))
    }

    /// Plans the movement of a force under the options' conditions: splits
    /// its elements into units, schedules them in every ordering (and an
    /// improvement round), keeps the earliest closure, and reports it with
    /// both lower bounds, the assets it used and the checks.
    pub fn plan(&self, force: &[ForceElement]) -> Result<MovementPlan, Error> {
        let prepared = self.prepare(force)?;
        Ok(self
            .plan_prepared(&prepared, &self.options.conditions, None, &[])?
            .plan)
    }

    /// Plans a prepared force under `conditions` (not the options'), trying
    /// `orderings` (empty: the options'). With `base` — a run of the same
    /// prepared force under fewer closures and no capacity reductions (or
    /// none here) — each schedule keeps the base's schedule of the same
    /// name up to its first unit whose route touches a closed element (or
    /// whose place changed): those units keep their routes and
    /// reservations, the rest are planned again. The plan is the one
    /// [`MovementPlanner::plan`] would make under these conditions.
    pub fn plan_prepared(
        &self,
        f: &PreparedForce<'_>,
        conditions: &Conditions,
        base: Option<&PlanRun>,
        orderings: &[UnitOrder],
    ) -> Result<PlanRun, Error> {
        let epoch = f.epoch;
        let p = self.alone(f, conditions, base)?;
        let p = &p;
        let base = base.filter(|b| b.can_start(conditions));
        let orders: Vec<UnitOrder> = if !orderings.is_empty() {
            orderings.to_vec()
        } else if self.options.orderings.is_empty() {
            vec![UnitOrder::Element]
        } else {
            self.options.orderings.clone()
        };
        // Every ordering with each unit by strict earliest arrival; and the
        // first ordering with the order's own route choice too (among
        // routes about as early, a unit preferring the shorter one may take
        // capacity on the busiest way and delay every unit after it: the
        // force's closure decides which plan is kept).
        let strict = RouteChoice {
            strict_earliest: true,
            ..self.options.choice
        };
        let tolerant = (!self.options.choice.strict_earliest).then_some(self.options.choice);
        let run = |label: String, origin: UnitOrder, choice: RouteChoice, order: Vec<usize>| {
            let reuse = base.map_or(Vec::new(), |b| {
                self.reusable(b, &label, choice, &order, conditions)
            });
            Tried {
                result: self.schedule(epoch, p, &order, choice, conditions, &reuse),
                label,
                origin,
                choice,
            }
        };
        // The order's own route choice runs beside the strict schedules and
        // the flow bound, which is computed on the best strict plan (any
        // real plan's closures are horizons the relaxation can meet, so the
        // bound stays valid whichever plan is kept).
        let (tolerant, (mut tried, flow)) = rayon::join(
            || {
                tolerant.map(|c| {
                    run(
                        orders[0].as_str().to_string(),
                        orders[0],
                        c,
                        self.order(p, orders[0]),
                    )
                })
            },
            || {
                let mut tried: Vec<Tried> = orders
                    .par_iter()
                    .map(|&o| run(o.as_str().to_string(), o, strict, self.order(p, o)))
                    .collect();
                self.improve(epoch, p, strict, &mut tried, &run);
                let flow = if self.options.flow_bound {
                    best_of(&tried).map(|k| {
                        let arrival: BTreeMap<usize, i64> = match &tried[k].result {
                            Ok((routed, ..)) => routed
                                .iter()
                                .map(|r| (r.unit, (r.route.arrival - epoch).num_seconds()))
                                .collect(),
                            Err(_) => BTreeMap::new(),
                        };
                        self.flow_bound(epoch, p, &Self::unit_groups(p, &f.force), &arrival)
                    })
                } else {
                    None
                };
                (tried, flow)
            },
        );
        tried.extend(tolerant);
        if let Some(k) = tried.iter().position(|t| t.result.is_err()) {
            return Err(tried.swap_remove(k).result.err().expect("an error"));
        }
        // Invariant: at least one ordering was scheduled, and none failed.
        let kept = best_of(&tried).expect("one ordering");
        let mut schedules = Vec::with_capacity(tried.len());
        let mut plan = None;
        let mut ordering = orders[0];
        for (k, t) in tried.into_iter().enumerate() {
            // Invariant: no schedule failed (checked above).
            let (routed, table, mut late_unrouted, asset_uses, planned) =
                t.result.expect("no error");
            let order: Vec<(usize, Option<Route>)> = planned
                .iter()
                .map(|&(i, r)| (i, r.map(|r| routed[r].route.clone())))
                .collect();
            if k == kept {
                ordering = t.origin;
                let mut unrouted = p.unrouted.clone();
                unrouted.append(&mut late_unrouted);
                let flow = flow
                    .clone()
                    .unwrap_or_else(|| (epoch, "not computed".to_string()));
                plan = Some(self.report(
                    epoch,
                    p,
                    (t.label.clone(), t.choice),
                    routed,
                    &table,
                    unrouted,
                    &f.force,
                    flow,
                    asset_uses,
                )?);
            }
            schedules.push(Record {
                label: t.label,
                choice: t.choice,
                order,
            });
        }
        Ok(PlanRun {
            // Invariant: `kept` is one of the schedules.
            plan: plan.expect("the kept plan"),
            ordering,
            conditions: conditions.clone(),
            free: p.free.clone(),
            unrouted: p.unrouted.clone(),
            schedules,
            kept,
        })
    }

    /// The routes a schedule named `label` with `choice` can keep from the
    /// base run: its leading units, while they are the base's in the same
    /// places, were routed there, and touch nothing `conditions` close.
    fn reusable<'b>(
        &self,
        base: &'b PlanRun,
        label: &str,
        choice: RouteChoice,
        order: &[usize],
        conditions: &Conditions,
    ) -> Vec<&'b Route> {
        // With a route tolerance a unit's choice depends on the earliest
        // arrival, which closures can delay: only strict schedules reuse.
        if !choice.strict_earliest {
            return Vec::new();
        }
        let Some(rec) = base
            .schedules
            .iter()
            .find(|r| r.label == label && r.choice == choice)
        else {
            return Vec::new();
        };
        order
            .iter()
            .zip(&rec.order)
            .map_while(|(&i, (j, r))| {
                r.as_ref()
                    .filter(|r| i == *j && !self.touches(r, conditions))
            })
            .collect()
    }

    /// Improvement rounds on the best plan so far: the units it delayed
    /// most (arrival after their unconstrained arrival) claim capacity
    /// first, and — separately — the units it brought in last; each round
    /// schedules both orders and keeps any plan closing earlier (at most
    /// [`MoveOptions::improvement_rounds`] rounds, stopping when none
    /// improves).
    fn improve(
        &self,
        epoch: DateTime<Utc>,
        p: &Prepared<'_, '_>,
        choice: RouteChoice,
        tried: &mut Vec<Tried>,
        run: &(dyn Fn(String, UnitOrder, RouteChoice, Vec<usize>) -> Tried + Sync),
    ) {
        let rounds = self.options.improvement_rounds;
        for round in 1..=rounds {
            let Some(k) = best_of(tried) else { return };
            let origin = tried[k].origin;
            let Ok((routed, _, unrouted, ..)) = &tried[k].result else {
                return;
            };
            if !unrouted.is_empty() {
                return;
            }
            let base = tried[k].label.clone();
            let closure = routed.iter().map(|r| r.route.arrival).max();
            let position: BTreeMap<usize, usize> = routed
                .iter()
                .enumerate()
                .map(|(j, r)| (r.unit, j))
                .collect();
            let delay = |r: &Routed| {
                let free = p.free[r.unit]
                    .as_ref()
                    .map_or(r.route.arrival, |f| f.arrival);
                (r.route.arrival - free).num_seconds()
            };
            let mut by_delay: Vec<(i64, usize, usize)> = routed
                .iter()
                .map(|r| (-delay(r), position[&r.unit], r.unit))
                .collect();
            by_delay.sort_unstable();
            let mut by_arrival: Vec<(i64, usize, usize)> = routed
                .iter()
                .map(|r| {
                    (
                        -(r.route.arrival - epoch).num_seconds(),
                        position[&r.unit],
                        r.unit,
                    )
                })
                .collect();
            by_arrival.sort_unstable();
            let candidates: Vec<(String, Vec<usize>)> = vec![
                (
                    format!("{base}, then most delayed first"),
                    by_delay.iter().map(|x| x.2).collect(),
                ),
                (
                    format!("{base}, then last arrivals first"),
                    by_arrival.iter().map(|x| x.2).collect(),
                ),
            ];
            let new: Vec<Tried> = candidates
                .into_par_iter()
                .map(|(label, order)| run(label, origin, choice, order))
                .collect();
            let improved = new.iter().any(|t| match &t.result {
                Ok((r, _, u, ..)) => {
                    u.is_empty() && r.iter().map(|x| x.route.arrival).max() < closure
                }
                Err(_) => false,
            });
            tried.extend(new);
            if !improved || round == rounds {
                return;
            }
        }
    }

    /// Groups of elements the bounds look at: each element, the elements
    /// sharing an origin, those sharing a destination, the whole force.
    fn element_groups(force: &[ForceElement]) -> Vec<(String, Vec<usize>)> {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for (ei, e) in force.iter().enumerate() {
            groups.push((format!("element `{}`", e.id), vec![ei]));
        }
        let mut by_origin: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut by_dest: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (ei, e) in force.iter().enumerate() {
            by_origin.entry(e.origin.as_str()).or_default().push(ei);
            by_dest.entry(e.destination.as_str()).or_default().push(ei);
        }
        for (h, g) in by_origin.into_iter().filter(|(_, g)| g.len() > 1) {
            groups.push((format!("elements leaving `{h}`"), g));
        }
        for (h, g) in by_dest.into_iter().filter(|(_, g)| g.len() > 1) {
            groups.push((format!("elements bound for `{h}`"), g));
        }
        if force.len() > 1 {
            groups.push(("the whole force".into(), (0..force.len()).collect()));
        }
        groups
    }

    /// The routable units of each element group.
    fn unit_groups(p: &Prepared<'_, '_>, force: &[ForceElement]) -> Vec<(String, Vec<usize>)> {
        Self::element_groups(force)
            .into_iter()
            .map(|(name, elements)| {
                let members: Vec<usize> = (0..p.units.len())
                    .filter(|&i| {
                        elements.contains(&p.units[i].element_index) && p.free[i].is_some()
                    })
                    .collect();
                (name, members)
            })
            .filter(|(_, m)| !m.is_empty())
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        epoch: DateTime<Utc>,
        p: &Prepared<'_, '_>,
        (ordering, choice): (String, RouteChoice),
        routed: Vec<Routed>,
        table: &ReservationTable,
        unrouted: Vec<UnroutedUnit>,
        force: &[ForceElement],
        (flow, flow_basis): (DateTime<Utc>, String),
        asset_uses: Vec<AssetUse>,
    ) -> Result<MovementPlan, Error> {
        let vehicles: u32 = p.units.iter().map(|u| u.vehicle_count).sum();
        let closure = routed
            .iter()
            .map(|r| r.route.arrival)
            .max()
            .unwrap_or(epoch);
        // Bound: the largest cut bound over groups of elements — each
        // element, the elements sharing an origin, those sharing a
        // destination, and the whole force (module `bound`).
        let groups = Self::element_groups(force);
        let (mut bound, mut basis) = (epoch, "no unit routed".to_string());
        for (name, elements) in &groups {
            let members: Vec<usize> = (0..p.units.len())
                .filter(|&i| elements.contains(&p.units[i].element_index) && p.free[i].is_some())
                .collect();
            if members.is_empty() {
                continue;
            }
            let release = members
                .iter()
                .map(|&i| p.units[i].release)
                .min()
                .unwrap_or(epoch);
            // The fastest any member is alone, from the group's first release.
            let transit = members
                .iter()
                .filter_map(|&i| {
                    p.free[i]
                        .as_ref()
                        .map(|r| (r.arrival - release).num_seconds())
                })
                .min()
                .unwrap_or(0);
            let metrics: Vec<&Metric> = members
                .iter()
                .map(|&i| p.routers[p.router_of[i]].metric())
                .collect();
            let usable = |a: ArcIdx| metrics.iter().any(|m| m.usable(a));
            let shortest = |a: ArcIdx| metrics.iter().map(|m| m.cost(a)).min().unwrap_or(1);
            let mut sources: Vec<_> = elements
                .iter()
                .filter_map(|&ei| self.topo.hub_node(&force[ei].origin))
                .collect();
            let mut sinks: Vec<_> = elements
                .iter()
                .filter_map(|&ei| self.topo.hub_node(&force[ei].destination))
                .collect();
            sources.sort();
            sources.dedup();
            sinks.sort();
            sinks.dedup();
            let cut = min_cut_between(&self.topo, &usable, &sources, &sinks, &shortest);
            let b = release + Duration::seconds(cut_bound(transit, members.len() as u32, &cut));
            if b > bound || basis == "no unit routed" {
                bound = b;
                basis = match cut.units_per_day {
                    Some(c) => format!(
                        "{name}: {} units, fastest alone {:.1} h, min cut {:.1} units/day over {} arc(s)",
                        members.len(),
                        transit as f64 / 3600.0,
                        c,
                        cut.arcs.len()
                    ),
                    None => format!(
                        "{name}: fastest unit alone {:.1} h (no capacitated cut)",
                        transit as f64 / 3600.0
                    ),
                };
            }
        }
        let (cut, cut_basis) = (bound, basis.clone());
        if flow > bound {
            bound = flow;
            basis = flow_basis.clone();
        }
        // The ship-fleet bound, when ships are declared (module
        // `fleet_bound`): every unit whose main leg is by sea.
        let sailings: Vec<(i64, &Metric)> = (0..p.units.len())
            .filter(|&i| p.free[i].is_some())
            .map(|i| (i, p.routers[p.router_of[i]].metric()))
            .filter(|(_, m)| m.main_mode() == Some(Mode::Sea))
            .map(|(i, m)| ((p.units[i].release - epoch).num_seconds(), m))
            .collect();
        let fleet = ship_fleet_bound(&self.topo, &self.options.assets.ship, &sailings);
        if let Some(fb) = &fleet {
            let at = epoch + Duration::seconds(fb.at);
            if at > bound {
                bound = at;
                basis = fb.basis.clone();
            }
        }
        let span = |t: DateTime<Utc>| (t - epoch).num_seconds() as f64;
        let gap = if span(bound) > 0.0 {
            (span(closure) - span(bound)) / span(bound)
        } else {
            0.0
        };
        let mut units = Vec::with_capacity(routed.len());
        let mut time_by_cause: BTreeMap<String, f64> = BTreeMap::new();
        let mut assets = AssetsUsed::default();
        for r in &routed {
            let u = &p.units[r.unit];
            let waits = self.waits(epoch, r);
            let steps = plan_steps(&r.route.steps, &waits);
            for s in &steps {
                let cause = match s.kind {
                    k if k.is_movement() => "movement",
                    StepKind::Load | StepKind::Unload | StepKind::Transfer => "handling",
                    StepKind::WaitPermit => "permit",
                    StepKind::WaitCapacity => "capacity",
                    StepKind::WaitWindow => "window",
                    StepKind::WaitClosure => "closure",
                    StepKind::WaitAsset => "asset",
                    _ => "rest",
                };
                *time_by_cause.entry(cause.into()).or_default() += s.duration_min / 60.0;
            }
            match u.kind {
                UnitKind::MarchUnit => {
                    assets.march_units += 1;
                    if let Some(rp) = u.load.profile(Mode::Road) {
                        if rp.carrier_unit == "HET" {
                            assets.het_trips += rp.carriers;
                        }
                    }
                }
                UnitKind::Train => {
                    assets.trains += 1;
                    assets.wagons += u.load.profile(Mode::Rail).map_or(0, |x| x.carriers);
                }
                UnitKind::Sailing => assets.sailings += 1,
                UnitKind::Sortie => assets.sorties += 1,
            }
            units.push(PlannedUnit {
                id: u.id.clone(),
                element: u.element.clone(),
                kind: u.kind,
                vehicles: u.vehicles.iter().cloned().collect(),
                carriage: u.load.policy.as_str().to_string(),
                origin: u.origin.clone(),
                destination: u.destination.clone(),
                depart: r.route.depart,
                arrive: r.route.arrival,
                unconstrained_arrival: p.free[r.unit]
                    .as_ref()
                    .map_or(r.route.arrival, |f| f.arrival),
                distance_km: r.route.distance_km,
                steps,
                waits,
            });
        }
        let mut arrivals: Vec<(DateTime<Utc>, u32)> = routed
            .iter()
            .map(|r| (r.route.arrival, p.units[r.unit].vehicle_count))
            .collect();
        arrivals.sort();
        let mut arrived = 0;
        let closure_profile = arrivals
            .iter()
            .map(|&(t, v)| {
                arrived += v;
                ProfilePoint {
                    time: t,
                    vehicles_arrived: arrived,
                    share: f64::from(arrived) / f64::from(vehicles.max(1)),
                }
            })
            .collect();
        let distinct = |k: AssetKind| {
            asset_uses
                .iter()
                .filter(|a| a.kind == k)
                .filter_map(|a| a.instance.map(|i| (a.pool.as_str(), i)))
                .collect::<std::collections::BTreeSet<_>>()
                .len() as u32
        };
        assets.hets = distinct(AssetKind::Het);
        assets.locomotives = distinct(AssetKind::Locomotive);
        assets.ships = distinct(AssetKind::Ship);
        assets.aircraft = distinct(AssetKind::Aircraft);
        assets.empty_trips = asset_uses
            .iter()
            .filter(|a| !a.loaded && a.kind != AssetKind::Wagons)
            .count() as u32;
        time_by_cause.retain(|_, h| h.abs() > 1e-9);
        let utilisation = self.utilisation(table);
        let checks = self.checks(p, &units, table, &unrouted, closure, bound, &asset_uses);
        Ok(MovementPlan {
            regime: self.regime.name().to_string(),
            epoch,
            closure_time: closure,
            lower_bound: bound,
            gap,
            bound_basis: basis,
            cut_bound: cut,
            cut_bound_basis: cut_basis,
            flow_bound: flow,
            flow_bound_basis: flow_basis,
            fleet_bound: fleet.as_ref().map(|fb| epoch + Duration::seconds(fb.at)),
            fleet_bound_basis: fleet.map(|fb| fb.basis),
            ordering,
            route_choice: if choice.strict_earliest {
                "strict_earliest"
            } else {
                "tolerance"
            }
            .to_string(),
            vehicles,
            units,
            unrouted,
            closure_profile,
            time_by_cause,
            assets_used: assets,
            asset_uses,
            utilisation,
            checks,
        })
    }

    /// The time-expanded max-flow bound (module `flow_bound`): the largest
    /// over the cut bound's groups and, within each element, the units of
    /// one timing profile; each group searched below the closure the plan
    /// gave it. Returns the bound and its basis in words.
    fn flow_bound(
        &self,
        epoch: DateTime<Utc>,
        p: &Prepared<'_, '_>,
        groups: &[(String, Vec<usize>)],
        arrival: &BTreeMap<usize, i64>,
    ) -> (DateTime<Utc>, String) {
        let g = &self.topo;
        let request = self.options.permit_request.unwrap_or(epoch);
        // Timing profiles: units whose permit gates open at the same
        // instants (grants before the first departure count as open) and
        // with the same rail window share one.
        let mut gates_of: BTreeMap<(String, String), (Vec<i64>, PermitGates<'_>)> = BTreeMap::new();
        let countries: std::collections::BTreeSet<_> =
            g.hubs.iter().filter_map(|h| h.country).collect();
        let mut sig_of: BTreeMap<(Vec<i64>, bool), usize> = BTreeMap::new();
        let mut signatures: Vec<(Vec<i64>, bool)> = Vec::new();
        let mut timings = Vec::new();
        let mut flow_units = Vec::new();
        let mut index_of: BTreeMap<usize, usize> = BTreeMap::new();
        for (i, u) in p.units.iter().enumerate() {
            if p.free[i].is_none() || !arrival.contains_key(&i) {
                continue;
            }
            let metric = p.routers[p.router_of[i]].metric();
            let exceptional = metric.exceptional_rail();
            let Some(origin_hub) = g.hub_by_id(&u.origin) else {
                continue;
            };
            let (fingerprint, gates) = gates_of
                .entry((u.origin.clone(), format!("{:?}", cargo_class(&u.load))))
                .or_insert_with(|| {
                    let gates = PermitGates::new(g, epoch, origin_hub, &self.permits(u), request);
                    let fp = countries
                        .iter()
                        .map(|&c| match gates.grant(c) {
                            None => 0,
                            Some(Ok(t)) => (*t).max(0),
                            Some(Err(_)) => i64::MAX,
                        })
                        .collect();
                    (fp, gates)
                })
                .clone();
            let key = (fingerprint.clone(), exceptional);
            let sig = *sig_of.entry(key).or_insert_with(|| {
                signatures.push((fingerprint, exceptional));
                let rail = if exceptional {
                    g.operations().exceptional_train_window
                } else {
                    None
                };
                let windows = TimeWindows::new(g, epoch, None).with_rail_window(rail);
                timings.push(FlowTiming {
                    gates,
                    windows,
                    rail_window: rail,
                    epoch,
                });
                timings.len() - 1
            });
            let (Some(origin), Some(destination)) =
                (g.hub_node(&u.origin), g.hub_node(&u.destination))
            else {
                continue;
            };
            index_of.insert(i, flow_units.len());
            flow_units.push(FlowUnit {
                metric,
                origin,
                destination,
                release: (u.release - epoch).num_seconds(),
                timing: sig,
                pass: p.pass[i],
                driving: self.options.driving,
                main_leg: metric
                    .main_mode()
                    .and_then(|m| g.operations().access_km(m).map(|k| (m, k))),
            });
        }
        let assets = &self.options.assets;
        let formation: Vec<(crate::routing::HubIdx, i64)> = assets
            .formation_headways()
            .iter()
            .filter_map(|(h, s)| g.hub_by_id(h).map(|h| (h, *s)))
            .collect();
        let pool_hubs: Vec<crate::routing::HubIdx> = assets
            .rail
            .iter()
            .filter_map(|r| g.hub_by_id(&r.railhead))
            .collect();
        let ctx = FlowContext::new(g, timings, flow_units, DEFAULT_STEP_SECS).with_rail_assets(
            &formation,
            &pool_hubs,
            assets.rail_exclusive,
        );
        // Groups of one kind of unit — carriage policy, cargo class (its
        // permits) and rail window: one commodity mixing kinds would give
        // every unit the fastest kind's speed, permits and paths. Each cut
        // bound group split by kind, and every unit of a kind across the
        // force.
        let kind_of = |i: usize| {
            let f = &ctx.units()[index_of[&i]];
            format!(
                "{}{} (timing {})",
                p.units[i].load.policy.as_str(),
                if f.metric.exceptional_rail() {
                    " night-path"
                } else {
                    ""
                },
                f.timing + 1
            )
        };
        let policy_of = |i: usize| p.units[i].load.policy.as_str();
        let mut all: Vec<(String, Vec<usize>)> = Vec::new();
        for (name, members) in groups {
            let mut by_kind: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for &i in members.iter().filter(|i| index_of.contains_key(i)) {
                by_kind.entry(kind_of(i)).or_default().push(i);
            }
            let split = by_kind.len() > 1;
            for (k, m) in by_kind {
                all.push((
                    if split {
                        format!("{name}, {k} units")
                    } else {
                        name.clone()
                    },
                    m,
                ));
            }
        }
        let mut by_kind: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in index_of.keys() {
            by_kind.entry(kind_of(i)).or_default().push(i);
        }
        for (k, m) in by_kind {
            all.push((format!("every {k} unit"), m));
        }
        // A service's capacity counts starts per shortest handling time of
        // any member: one part-filled train (handled faster) would make a
        // ramp look as fast for the whole group. So each group again
        // without its part-filled units (a subset: still a valid bound).
        let full = |i: usize| {
            let u = &p.units[i];
            let load: &dyn crate::routing::LoadCheck = &u.load;
            load.main_mode()
                .is_none_or(|m| load.handling_share(m) >= 0.999)
        };
        let trimmed: Vec<(String, Vec<usize>)> = all
            .iter()
            .filter(|(_, m)| m.iter().any(|&i| !full(i)) && m.iter().any(|&i| full(i)))
            .map(|(name, m)| {
                (
                    format!("{name}, full units only"),
                    m.iter().copied().filter(|&i| full(i)).collect(),
                )
            })
            .collect();
        all.extend(trimmed);
        // Per load profile `k`: every unit of its policy whose metric is
        // nowhere faster than `k`'s, uses no arc `k` cannot, and whose timing
        // is nowhere earlier than `k`'s — the relaxation then runs exactly at
        // `k`'s speeds and times, with every such unit taking capacity.
        let metrics: Vec<(usize, &Metric)> = {
            let mut seen = std::collections::BTreeSet::new();
            index_of
                .keys()
                .filter(|&&i| seen.insert(p.router_of[i]))
                .map(|&i| (p.router_of[i], p.routers[p.router_of[i]].metric()))
                .collect()
        };
        let dominates = |a: &Metric, b: &Metric| {
            a.costs().iter().zip(b.costs()).all(|(&x, &y)| {
                x == crate::routing::UNUSABLE || (y != crate::routing::UNUSABLE && x >= y)
            })
        };
        // (Per policy, the largest such group only: the others are mostly
        // inside it, and each costs a max-flow.)
        let mut dominance: BTreeMap<&str, (String, Vec<usize>)> = BTreeMap::new();
        for &(k, mk) in &metrics {
            let Some(&rep) = index_of.keys().find(|&&i| p.router_of[i] == k) else {
                continue;
            };
            let (pol, timing) = (policy_of(rep), ctx.units()[index_of[&rep]].timing);
            // A timing is nowhere earlier than another if every permit is
            // granted no earlier and its rail window (if any) is the other's.
            let later = |a: usize, b: usize| {
                let ((fa, ea), (fb, eb)) = (&signatures[a], &signatures[b]);
                fa.iter().zip(fb).all(|(x, y)| x >= y) && (*ea || !*eb)
            };
            let members: Vec<usize> = index_of
                .keys()
                .copied()
                .filter(|&i| {
                    policy_of(i) == pol
                        && later(ctx.units()[index_of[&i]].timing, timing)
                        && (p.router_of[i] == k
                            || dominates(p.routers[p.router_of[i]].metric(), mk))
                })
                .collect();
            let name = format!("units of {pol} no faster than `{}`", p.units[rep].id);
            let entry = dominance
                .entry(pol)
                .or_insert_with(|| (name.clone(), Vec::new()));
            if members.len() > entry.1.len() {
                *entry = (name, members);
            }
        }
        all.extend(dominance.into_values());
        // One computation per distinct set of members.
        let mut seen = std::collections::BTreeSet::new();
        all.retain(|(_, m)| {
            let mut k = m.clone();
            k.sort_unstable();
            seen.insert(k)
        });
        // Each group below its own closure in the plan; the groups that
        // closed last first, and none whose closure cannot beat the best.
        let mut jobs: Vec<(i64, String, Vec<usize>)> = all
            .into_iter()
            .filter_map(|(name, members)| {
                let fm: Vec<usize> = members
                    .iter()
                    .filter_map(|i| index_of.get(i).copied())
                    .collect();
                let hi = members
                    .iter()
                    .filter_map(|i| arrival.get(i))
                    .max()
                    .copied()?;
                (!fm.is_empty()).then_some((hi, name, fm))
            })
            .collect();
        jobs.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.2.len().cmp(&b.2.len()))
                .then(a.1.cmp(&b.1))
        });
        // Two groups at a time (a fixed width, so that the pruning and the
        // result do not depend on the machine).
        let (mut best, mut basis) = (0i64, "no flow bound".to_string());
        let mut top: Vec<(i64, i64, String, Vec<usize>)> = Vec::new();
        let describe = |name: &str, units: usize, b: &GroupFlowBound| {
            format!(
                "{name}: {units} units, time-expanded max-flow ({} min steps, link blocks by {}, {} nodes, {} flows)",
                b.step_secs / 60,
                match b.blocks {
                    LinkBlocks::Windows => "windows",
                    LinkBlocks::Steps => "steps",
                },
                b.nodes,
                b.flows
            )
        };
        let mut next = 0;
        while next < jobs.len() {
            let wave: Vec<&(i64, String, Vec<usize>)> =
                jobs[next..].iter().filter(|j| j.0 > best).take(2).collect();
            if wave.is_empty() {
                break;
            }
            let last = wave[wave.len() - 1];
            next = jobs
                .iter()
                .position(|j| std::ptr::eq(j, last))
                .map_or(jobs.len(), |i| i + 1);
            let results: Vec<_> = wave
                .par_iter()
                .map(|(hi, _, members)| ctx.group_bound_above(members, *hi, best))
                .collect();
            for ((hi, name, members), r) in wave.iter().zip(results) {
                if let Some(b) = r {
                    top.push((b.bound, *hi, name.clone(), members.clone()));
                    if b.bound > best {
                        best = b.bound;
                        basis = describe(name, members.len(), &b);
                    }
                }
            }
        }
        // The groups with the highest bounds again with half the step and
        // link blocks starting at the windows' openings: the finer expansion
        // rounds less (rounding an arrival down to its step can let a unit
        // catch a window it really misses: a night lost on exceptional
        // trains' night paths).
        top.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        // (A group inside another candidate is left to the larger one.)
        let mut finer: Vec<(i64, String, Vec<usize>, LinkBlocks)> = Vec::new();
        for (_, hi, name, members) in top.iter().take(REFINED_GROUPS + 1) {
            let inside = |other: &Vec<usize>| {
                other.len() > members.len() && members.iter().all(|m| other.contains(m))
            };
            if top.iter().take(REFINED_GROUPS + 1).any(|t| inside(&t.3)) {
                continue;
            }
            if finer.len() < REFINED_GROUPS {
                finer.push((*hi, name.clone(), members.clone(), LinkBlocks::Windows));
            }
        }
        let results: Vec<_> = finer
            .par_iter()
            .map(|(hi, _, members, blocks)| {
                ctx.group_bound_with(members, *hi, best, ctx.step_secs() / 2, *blocks)
            })
            .collect();
        for ((_, name, members, _), r) in finer.iter().zip(results) {
            if let Some(b) = r {
                if b.bound > best {
                    best = b.bound;
                    basis = describe(name, members.len(), &b);
                }
            }
        }
        (epoch + Duration::seconds(best), basis)
    }

    /// A routed unit's waits with their reasons: permit, window, closure,
    /// capacity, rest — and `asset` for the part of a capacity wait before
    /// boarding (a load, or a HET unit's first departure) that its assets
    /// imposed.
    fn waits(&self, epoch: DateTime<Utc>, r: &Routed) -> Vec<Wait> {
        let steps = &r.route.steps;
        let mut out = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            let reason = match s.kind {
                StepKind::WaitPermit => "permit",
                StepKind::WaitWindow => "window",
                StepKind::WaitClosure => "closure",
                StepKind::WaitCapacity => "capacity",
                StepKind::Rest => "rest",
                _ => continue,
            };
            let next = steps[i + 1..].iter().find(|n| {
                !matches!(
                    n.kind,
                    StepKind::WaitPermit
                        | StepKind::WaitWindow
                        | StepKind::WaitClosure
                        | StepKind::WaitCapacity
                )
            });
            let boards = next.is_some_and(|n| {
                n.hub == s.hub
                    && (n.kind == StepKind::Load
                        || (n.kind == StepKind::Drive
                            && steps[..i].iter().all(|p| !p.kind.is_movement())))
            });
            let gate = (reason == "capacity" && boards)
                .then(|| {
                    r.asset_ready
                        .iter()
                        .filter(|(h, _)| self.topo.hub(*h).id == s.hub)
                        .map(|&(_, t)| epoch + Duration::seconds(t))
                        .max()
                })
                .flatten()
                .filter(|&t| t > s.start);
            let mut push = |start, end, reason: &str| {
                if end > start {
                    out.push(Wait {
                        hub: s.hub.clone(),
                        start,
                        end,
                        reason: reason.to_string(),
                    });
                }
            };
            match gate {
                Some(t) => {
                    let t = t.min(s.end);
                    push(s.start, t, "asset");
                    push(t, s.end, "capacity");
                }
                None => push(s.start, s.end, reason),
            }
        }
        out
    }

    fn utilisation(&self, table: &ReservationTable) -> Vec<Utilisation> {
        let g = &self.topo;
        let mut out = Vec::new();
        for (a, tail, head) in g.arcs() {
            let entries = table.entries(a);
            let (Some(h), Some(l)) = (table.headway(a), g.arc_link(a)) else {
                continue;
            };
            if entries.is_empty() {
                continue;
            }
            let Some(cap) = g.link(l).capacity else {
                continue;
            };
            let period = i64::from(cap.per.secs());
            let mut peak = 0usize;
            let mut j = 0;
            for i in 0..entries.len() {
                while entries[i].0 - entries[j].0 >= period {
                    j += 1;
                }
                peak = peak.max(i - j + 1);
            }
            let span = (entries[entries.len() - 1].0 - entries[0].0).max(0) + h;
            let periods = span as f64 / period as f64;
            out.push(Utilisation {
                kind: "link".into(),
                id: format!(
                    "{} ({}→{})",
                    g.link(l).id,
                    g.hub(g.node_hub(tail)).id,
                    g.hub(g.node_hub(head)).id
                ),
                units: entries.len() as u32,
                peak: peak as f64 / cap.units,
                mean: entries.len() as f64 / (cap.units * periods.max(1e-9)),
            });
        }
        for (h, hub) in g.hubs.iter().enumerate() {
            for m in Mode::ALL {
                let hi = crate::routing::HubIdx(h as u32);
                let busy = table.busy(hi, m);
                let Some(k) = table.at_once(hi, m) else {
                    continue;
                };
                if busy.is_empty() {
                    continue;
                }
                let most = busy
                    .iter()
                    .map(|b| busy.iter().filter(|c| c.0 <= b.0 && b.0 < c.1).count())
                    .max()
                    .unwrap_or(0);
                let first = busy.iter().map(|b| b.0).min().unwrap_or(0);
                let last = busy.iter().map(|b| b.1).max().unwrap_or(0);
                let total: i64 = busy.iter().map(|b| b.1 - b.0).sum();
                out.push(Utilisation {
                    kind: "hub".into(),
                    id: format!("{} ({m})", hub.id),
                    units: busy.len() as u32,
                    peak: most as f64 / f64::from(k),
                    mean: total as f64 / (f64::from(k) * (last - first).max(1) as f64),
                });
            }
        }
        out
    }

    /// The plan checker: what the plan promises, verified from the
    /// reservation table and the unit timelines.
    #[allow(clippy::too_many_arguments)]
    fn checks(
        &self,
        p: &Prepared<'_, '_>,
        units: &[PlannedUnit],
        table: &ReservationTable,
        unrouted: &[UnroutedUnit],
        closure: DateTime<Utc>,
        bound: DateTime<Utc>,
        asset_uses: &[AssetUse],
    ) -> Vec<Check> {
        let g = &self.topo;
        let mut out = Vec::new();
        let (mut pairs, mut bad) = (0usize, 0usize);
        for (a, _, _) in g.arcs() {
            let Some(h) = table.headway(a) else { continue };
            for w in table.entries(a).windows(2) {
                pairs += 1;
                if w[1].0 - w[0].0 < h.max(w[0].1) {
                    bad += 1;
                }
            }
        }
        out.push(Check {
            name: "link headways".into(),
            passed: bad == 0,
            detail: format!("{pairs} successive entries checked, {bad} closer than max(period / capacity, pass time)"),
        });
        let (mut services, mut over) = (0usize, 0usize);
        for h in 0..g.hub_count() {
            for m in Mode::ALL {
                let hi = crate::routing::HubIdx(h as u32);
                let (Some(k), busy) = (table.at_once(hi, m), table.busy(hi, m)) else {
                    continue;
                };
                if busy.is_empty() {
                    continue;
                }
                services += 1;
                if busy
                    .iter()
                    .any(|b| busy.iter().filter(|c| c.0 <= b.0 && b.0 < c.1).count() > k as usize)
                {
                    over += 1;
                }
            }
        }
        out.push(Check {
            name: "hub handling at once".into(),
            passed: over == 0,
            detail: format!("{services} hub services used, {over} over their at-once limit"),
        });
        let mut planned: BTreeMap<&str, u32> = BTreeMap::new();
        for u in units {
            for (v, c) in &u.vehicles {
                *planned.entry(v.as_str()).or_default() += c;
            }
        }
        let mut wanted: BTreeMap<&str, u32> = BTreeMap::new();
        for u in &p.units {
            for (v, c) in &u.vehicles {
                *wanted.entry(v.as_str()).or_default() += c;
            }
        }
        out.push(Check {
            name: "every vehicle moved once".into(),
            passed: planned == wanted && unrouted.is_empty(),
            detail: format!(
                "{} of {} vehicles planned; {} unit(s) without a route",
                planned.values().sum::<u32>(),
                wanted.values().sum::<u32>(),
                unrouted.len()
            ),
        });
        let early = units
            .iter()
            .filter(|u| u.arrive < u.unconstrained_arrival)
            .count();
        out.push(Check {
            name: "no unit before its unconstrained arrival".into(),
            passed: early == 0,
            detail: format!(
                "{} units, {early} arriving before they could alone",
                units.len()
            ),
        });
        let steps_ok = units.iter().all(|u| {
            u.steps.windows(2).all(|w| w[0].end <= w[1].start)
                && u.steps.first().is_none_or(|s| s.start >= u.depart)
                && u.steps.last().is_none_or(|s| s.end == u.arrive)
        });
        out.push(Check {
            name: "unit timelines contiguous".into(),
            passed: steps_ok,
            detail: "every step starts when the previous ends or later; the last ends at arrival"
                .into(),
        });
        out.push(Check {
            name: "closure ≥ lower bound".into(),
            passed: closure >= bound,
            detail: format!("closure {closure}, bound {bound}"),
        });
        // Holding: contiguous waits at a hub (not the unit's origin or
        // destination), swept per hub with a limit.
        let mut stays: BTreeMap<&str, Vec<HeldSpan>> = BTreeMap::new();
        for u in units {
            let n: u32 = u.vehicles.values().sum();
            for w in &u.waits {
                if w.hub != u.origin && w.hub != u.destination {
                    stays
                        .entry(w.hub.as_str())
                        .or_default()
                        .push((w.start, w.end, n));
                }
            }
        }
        let (mut limited, mut full) = (0usize, 0usize);
        for (hub, list) in &stays {
            let Some(limit) = g.hub_by_id(hub).and_then(|h| g.hub(h).hold_vehicles) else {
                continue;
            };
            limited += 1;
            let over = list.iter().any(|s| {
                list.iter()
                    .filter(|o| o.0 <= s.0 && s.0 < o.1)
                    .map(|o| o.2)
                    .sum::<u32>()
                    > limit
            });
            full += usize::from(over);
        }
        out.push(Check {
            name: "hub holding".into(),
            passed: full == 0,
            detail: format!(
                "{limited} hubs with a holding limit had units waiting, {full} over it; every wait is at a hub"
            ),
        });
        // Assets: each instance's movements in order, never overlapping,
        // each leaving from where the last ended; wagons within each pool.
        let mut by_instance: BTreeMap<(&str, AssetKind, u32), Vec<&AssetUse>> = BTreeMap::new();
        for a in asset_uses {
            if let Some(i) = a.instance {
                by_instance
                    .entry((a.pool.as_str(), a.kind, i))
                    .or_default()
                    .push(a);
            }
        }
        let mut broken = 0usize;
        for list in by_instance.values_mut() {
            list.sort_by_key(|a| (a.start, a.end));
            broken += list
                .windows(2)
                .filter(|w| w[1].start < w[0].end || w[1].from != w[0].to)
                .count();
        }
        let mut wagons_over = 0usize;
        for r in &self.options.assets.rail {
            let Some(w) = r.wagons else { continue };
            let pool = format!("rail@{}", r.railhead);
            // Wagons are out from the loaded start to the return's end.
            let mut spans: Vec<HeldSpan> = Vec::new();
            let uses: Vec<&AssetUse> = asset_uses
                .iter()
                .filter(|a| a.pool == pool && a.kind == AssetKind::Wagons)
                .collect();
            for a in uses.iter().filter(|a| a.loaded) {
                let back = uses
                    .iter()
                    .find(|b| !b.loaded && b.unit == a.unit)
                    .map_or(DateTime::<Utc>::MAX_UTC, |b| b.end);
                spans.push((a.start, back, a.quantity));
            }
            wagons_over += spans
                .iter()
                .filter(|s| {
                    spans
                        .iter()
                        .filter(|o| o.0 <= s.0 && s.0 < o.1)
                        .map(|o| o.2)
                        .sum::<u32>()
                        > w
                })
                .count();
        }
        out.push(Check {
            name: "assets in one place at a time".into(),
            passed: broken == 0 && wagons_over == 0,
            detail: format!(
                "{} assets moved {} times; {broken} overlapping or out of place; {wagons_over} wagon loads over their pool",
                by_instance.len(),
                asset_uses.len()
            ),
        });
        out
    }
}

/// A unit's timeline as the plan reports it: the route's steps, every wait
/// and rest with its `reason`, and a capacity wait before boarding split
/// where the unit's assets were late (a `wait_asset` step, then the
/// `wait_capacity` rest of it) — the same pieces as `waits`.
fn plan_steps(route: &[crate::routing::Step], waits: &[Wait]) -> Vec<crate::routing::Step> {
    let mut out = Vec::with_capacity(route.len() + 1);
    for s in route {
        let is_wait = matches!(
            s.kind,
            StepKind::WaitPermit
                | StepKind::WaitWindow
                | StepKind::WaitClosure
                | StepKind::WaitCapacity
                | StepKind::Rest
        );
        if !is_wait {
            out.push(s.clone());
            continue;
        }
        let pieces: Vec<&Wait> = waits
            .iter()
            .filter(|w| w.hub == s.hub && w.start >= s.start && w.end <= s.end)
            .collect();
        if pieces.is_empty() {
            // A zero-length wait has no piece in `waits`.
            let mut x = s.clone();
            x.reason = Some(wait_reason(s.kind).to_string());
            out.push(x);
            continue;
        }
        for w in pieces {
            let mut x = s.clone();
            if w.reason == "asset" {
                x.kind = StepKind::WaitAsset;
            }
            x.start = w.start;
            x.end = w.end;
            x.duration_min = (w.end - w.start).num_milliseconds() as f64 / 60_000.0;
            x.reason = Some(w.reason.clone());
            out.push(x);
        }
    }
    out
}

/// The reason word of a wait or rest step kind.
fn wait_reason(kind: StepKind) -> &'static str {
    match kind {
        StepKind::WaitPermit => "permit",
        StepKind::WaitWindow => "window",
        StepKind::WaitClosure => "closure",
        StepKind::WaitAsset => "asset",
        StepKind::Rest => "rest",
        _ => "capacity",
    }
}
