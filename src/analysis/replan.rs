//! Re-planning a force under disruptions.
//!
//! The movement planner ([`crate::movement::MovementPlanner`]) plans on a
//! network as it is; it takes no closures and no time-bounded capacity
//! changes. This module plans the same way — the same units
//! ([`split_element`]), the same requests (driving rule, permit request,
//! route choice), the same capacity-constrained route planning (CCRP, Lu,
//! George & Shekhar 2005) against the same [`ReservationTable`], the same
//! orderings tried and the same pick (fewest units without a route, then
//! the earliest closure, ties to the first ordering) — with the disruption's
//! closures in every unit's request and its time-bounded capacity
//! reductions in the reservation table. With no disruption it gives the
//! movement planner's plan unit for unit (a test checks it on the brigade
//! scenario); permanent edits (upgrades, permanent capacity factors) are a
//! network edit planned by either.
//!
//! Time-bounded capacity: one reservation table per capacity phase (a
//! stretch of time with the same reductions in force; every table holds
//! every reservation). A unit may enter an arc at `t` if the intact table
//! admits it and, when `t` falls in a reduced phase, that phase's table
//! does too. Reduced tables only have longer headways and fewer services at
//! once, so a slot they admit the intact one admits; "the earliest such
//! slot at or after t" is a minimum over a set that shrinks as t grows:
//! non-decreasing, so the earliest-arrival search stays exact (FIFO).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use serde::Serialize;

use super::disruption::Resolved;
use crate::error::Error;
use crate::force::{cargo_class, VehicleCatalogue};
use crate::movement::{
    split_element, ForceElement, MoveOptions, MovementPlanner, MovementUnit, ReservationTable,
    SplitRules, UnitKind, UnitOrder, UnroutedUnit,
};
use crate::network::Network;
use crate::permits::{Calendars, PermitRegime};
use crate::routing::{
    ArcIdx, ArcKind, ArcTiming, ClosureTarget, HubIdx, Leg, LinkIdx, RegimePermits, Route,
    RouteChoice, RouteOutcome, RouteRequest, Router, StepKind, TargetDistances, TdSpace, Topology,
    WaitCause,
};

/// Seconds standing for "for all time".
const FOREVER: i64 = i64::MAX / 4;

/// One unit's outcome in a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitOutcome {
    /// Unit id.
    pub id: String,
    /// Element id.
    pub element: String,
    /// March unit, train, sailing or sortie.
    pub kind: UnitKind,
    /// Vehicles in the unit.
    pub vehicles: u32,
    /// Origin hub id.
    pub origin: String,
    /// Destination hub id.
    pub destination: String,
    /// Departure, UTC.
    pub depart: DateTime<Utc>,
    /// Arrival, UTC.
    pub arrive: DateTime<Utc>,
    /// Arrival had it been alone on the (disrupted) network, UTC.
    pub unconstrained_arrival: DateTime<Utc>,
    /// Distance moved, km.
    pub distance_km: f64,
    /// Hours waiting by cause (`permit`, `capacity`, `window`, `closure`).
    pub waits_h: BTreeMap<String, f64>,
    /// Links used, in order (topology indices; not serialised).
    #[serde(skip)]
    pub link_path: Vec<LinkIdx>,
    /// Hubs passed, in order, origin and destination included (not serialised).
    #[serde(skip)]
    pub hub_path: Vec<HubIdx>,
    /// The timeline (not serialised).
    #[serde(skip)]
    pub steps: Vec<crate::routing::Step>,
}

/// A plan's outcome, in the terms comparisons need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSummary {
    /// The earliest departure of any element, UTC.
    pub epoch: DateTime<Utc>,
    /// When the last routed unit arrives, UTC (the epoch if none is routed).
    pub closure_time: DateTime<Utc>,
    /// Closure, hours after the epoch.
    pub closure_h: f64,
    /// The ordering that gave the plan.
    pub ordering: String,
    /// Vehicles in the force.
    pub vehicles: u32,
    /// Vehicles that arrive.
    pub vehicles_arrived: u32,
    /// Unit-hours by cause: `movement`, `handling`, `permit`, `capacity`,
    /// `window`, `closure`, `rest`.
    pub time_by_cause: BTreeMap<String, f64>,
    /// Every routed unit, in planning order.
    pub units: Vec<UnitOutcome>,
    /// Units with no route (cut off), with why.
    pub unrouted: Vec<UnroutedUnit>,
}

/// Per-unit facts that do not depend on the disruption (closures and
/// capacity reductions only add timings): units, routers, A* bounds, pass
/// times. Build once with [`Replanner::prepare`], plan many what-ifs.
pub struct Prepared<'r> {
    epoch: DateTime<Utc>,
    units: Vec<MovementUnit>,
    router_of: Vec<usize>,
    routers: Vec<Router<'r>>,
    bounds: Vec<TargetDistances>,
    bound_of: Vec<usize>,
    pass: Vec<i64>,
}

impl Prepared<'_> {
    /// The plan's epoch (earliest departure).
    pub fn epoch(&self) -> DateTime<Utc> {
        self.epoch
    }

    /// The movement units.
    pub fn units(&self) -> &[MovementUnit] {
        &self.units
    }

    /// The router (topology and metric) of unit `i`.
    pub fn router(&self, i: usize) -> &Router<'_> {
        &self.routers[self.router_of[i]]
    }

    /// The exact static distances towards unit `i`'s destination.
    pub fn bound(&self, i: usize) -> &TargetDistances {
        &self.bounds[self.bound_of[i]]
    }
}

/// Re-plans forces over one network under one permit regime.
pub struct Replanner<'a> {
    network: &'a Network,
    topo: Topology,
    catalogue: &'a VehicleCatalogue,
    regime: &'a PermitRegime,
    calendars: &'a Calendars,
    options: &'a MoveOptions,
}

/// One capacity phase: `[start, end)` seconds since the epoch, the table.
struct Phase {
    start: i64,
    end: i64,
    table: ReservationTable,
}

/// The tables a schedule reserves in.
struct Tables {
    intact: ReservationTable,
    phases: Vec<Phase>,
}

impl Tables {
    fn reserve(&mut self, topo: &Topology, a: ArcIdx, t: i64, pass: i64, d: i64) {
        self.intact.reserve(topo, a, t, pass, d);
        for p in &mut self.phases {
            p.table.reserve(topo, a, t, pass, d);
        }
    }
}

/// The tables as one unit's search sees them (see the module docs).
struct PhasedView<'a> {
    tables: &'a Tables,
    topo: &'a Topology,
    offset: i64,
    pass: i64,
}

impl PhasedView<'_> {
    fn slot(&self, table: &ReservationTable, a: ArcIdx, t: i64, d: i64) -> i64 {
        match self.topo.arc_kind(a) {
            ArcKind::Move => table.next_link_slot(a, t, self.pass),
            _ => table.next_service_slot(self.topo, a, t, d),
        }
    }
}

impl ArcTiming for PhasedView<'_> {
    fn entry(&self, a: ArcIdx, t: i64, duration: u32) -> Option<i64> {
        let d = i64::from(duration);
        let mut abs = t + self.offset;
        loop {
            abs = self.slot(&self.tables.intact, a, abs, d);
            let Some(p) = self
                .tables
                .phases
                .iter()
                .find(|p| p.start <= abs && abs < p.end)
            else {
                return Some(abs - self.offset);
            };
            let next = self.slot(&p.table, a, abs, d);
            if next < p.end {
                return Some(next - self.offset);
            }
            abs = p.end;
        }
    }

    fn cause(&self) -> WaitCause {
        WaitCause::Capacity
    }
}

/// One ordering's schedule: the ordering, the units in it, each one's
/// route (`None` = no route once the units before it are counted).
type Schedule = (UnitOrder, Vec<usize>, Vec<Option<Route>>);

/// A plan with every ordering's schedule kept (see [`Replanner::plan_from`]).
pub struct Baseline {
    /// The plan.
    pub summary: PlanSummary,
    /// The ordering that gave it.
    pub ordering: UnitOrder,
    free: Vec<Option<Route>>,
    orders: Vec<Schedule>,
}

/// Whether a route uses a link or hub that a disruption closes.
fn route_touches(topo: &Topology, r: &Route, d: &Resolved) -> bool {
    d.closures.iter().any(|c| match c.target {
        ClosureTarget::Link(l) => r.link_path.contains(&l),
        ClosureTarget::Hub(h) => r.legs.iter().any(|leg| match *leg {
            Leg::Arc { arc, .. } => {
                topo.node_hub(topo.arc_head(arc)) == h || topo.node_hub(topo.arc_tail(arc)) == h
            }
            Leg::Rest { node, .. } => topo.node_hub(node) == h,
        }),
    })
}

/// One routed unit of one ordering.
struct Routed {
    unit: usize,
    route: Route,
}

impl<'a> Replanner<'a> {
    /// A re-planner for `network` (build it from
    /// [`super::Disruptions::edited_network`] for permanent edits).
    pub fn new(
        network: &'a Network,
        catalogue: &'a VehicleCatalogue,
        regime: &'a PermitRegime,
        calendars: &'a Calendars,
        options: &'a MoveOptions,
    ) -> Replanner<'a> {
        Replanner {
            network,
            topo: Topology::build(network),
            catalogue,
            regime,
            calendars,
            options,
        }
    }

    /// The topology.
    pub fn topology(&self) -> &Topology {
        &self.topo
    }

    /// The network.
    pub fn network(&self) -> &Network {
        self.network
    }

    fn permits(&self, unit: &MovementUnit) -> RegimePermits<'_> {
        RegimePermits {
            regime: self.regime,
            calendars: self.calendars,
            class: cargo_class(&unit.load),
            framework: self.options.framework.clone(),
        }
    }

    fn request(&self, unit: &MovementUnit, epoch: DateTime<Utc>, d: &Resolved) -> RouteRequest {
        RouteRequest {
            driving: self.options.driving,
            permit_request: Some(self.options.permit_request.unwrap_or(epoch)),
            choice: self.options.choice,
            closures: d.closures.clone(),
            ..RouteRequest::new(&unit.origin, &unit.destination, unit.release)
        }
    }

    /// Splits the force into units and builds a router per load and a bound
    /// per (load, destination), as the movement planner does.
    pub fn prepare(&self, force: &[ForceElement]) -> Result<Prepared<'_>, Error> {
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
            let rules = SplitRules {
                march_unit_size: self.options.doctrine.march_unit_size,
            };
            units.extend(split_element(self.catalogue, e, i, &rules)?);
        }
        let epoch = force
            .iter()
            .map(|e| e.earliest_departure)
            .min()
            .ok_or_else(|| Error::InvalidRequest("the force has no elements".into()))?;
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
        let pass = units
            .iter()
            .map(|u| MovementPlanner::pass_secs(&self.options.doctrine, u))
            .collect();
        Ok(Prepared {
            epoch,
            units,
            router_of,
            routers,
            bounds,
            bound_of,
            pass,
        })
    }

    /// The reservation tables for a disruption's capacity reductions.
    fn tables(&self, epoch: DateTime<Utc>, d: &Resolved) -> Tables {
        let intact = ReservationTable::new(&self.topo, &|_| 1.0);
        let secs = |t: Option<DateTime<Utc>>, none: i64| {
            t.map_or(none, |t| (t - epoch).num_seconds().clamp(-FOREVER, FOREVER))
        };
        let spans: Vec<(ClosureTarget, i64, i64, f64)> = d
            .reductions
            .iter()
            .map(|c| {
                (
                    c.target,
                    secs(c.from, -FOREVER),
                    secs(c.until, FOREVER),
                    c.capacity_factor,
                )
            })
            .filter(|s| s.1 < s.2 && s.3 > 0.0 && s.3 < 1.0)
            .collect();
        let mut cuts: Vec<i64> = spans.iter().flat_map(|s| [s.1, s.2]).collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut phases = Vec::new();
        for w in cuts.windows(2) {
            let (start, end) = (w[0], w[1]);
            let active: Vec<&(ClosureTarget, i64, i64, f64)> = spans
                .iter()
                .filter(|s| s.1 <= start && end <= s.2)
                .collect();
            if active.is_empty() {
                continue;
            }
            let link_factor = |l: LinkIdx| {
                active
                    .iter()
                    .filter(|s| s.0 == ClosureTarget::Link(l))
                    .map(|s| s.3)
                    .product::<f64>()
            };
            // Hub reductions: a topology copy with scaled service capacities.
            let mut topo = None;
            for s in &active {
                if let ClosureTarget::Hub(h) = s.0 {
                    let t = topo.get_or_insert_with(|| self.topo.clone());
                    for svc in t.hubs[h.index()].services.iter_mut().flatten() {
                        svc.capacity_per_day = svc.capacity_per_day.map(|c| c * s.3);
                    }
                }
            }
            let table = ReservationTable::new(topo.as_ref().unwrap_or(&self.topo), &link_factor);
            phases.push(Phase { start, end, table });
        }
        Tables { intact, phases }
    }

    /// Plans the prepared force under a resolved disruption (nothing:
    /// [`Resolved::default`]): every unit alone first, then every ordering
    /// in parallel, keeping the best.
    pub fn plan(&self, p: &Prepared<'_>, d: &Resolved) -> Result<PlanSummary, Error> {
        Ok(self.plan_inner(p, d, None, &self.orderings())?.summary)
    }

    /// The orderings the options ask for (element order if none).
    fn orderings(&self) -> Vec<UnitOrder> {
        if self.options.orderings.is_empty() {
            vec![UnitOrder::Element]
        } else {
            self.options.orderings.clone()
        }
    }

    /// Plans the prepared force with no disruption, keeping every
    /// ordering's schedule so that what-ifs that only close links or hubs
    /// can start from it ([`Replanner::plan_from`]).
    pub fn baseline(&self, p: &Prepared<'_>) -> Result<Baseline, Error> {
        self.plan_inner(p, &Resolved::default(), None, &self.orderings())
    }

    /// Plans a what-if that only closes links or hubs (no capacity
    /// reductions; otherwise this is [`Replanner::plan`]) starting from a
    /// baseline of the same prepared force: a unit whose baseline route
    /// alone does not touch a closed element keeps it (the closure leaves
    /// it an optimal answer); in each ordering, the units scheduled before
    /// the first one whose baseline route touches a closed element (or
    /// whose place in the ordering changed) keep their baseline routes and
    /// reservations, and the rest are scheduled again. `orderings` (empty =
    /// the options') are tried; the baseline must have tried them too.
    pub fn plan_from(
        &self,
        p: &Prepared<'_>,
        base: &Baseline,
        d: &Resolved,
        orderings: &[UnitOrder],
    ) -> Result<PlanSummary, Error> {
        let orders = if orderings.is_empty() {
            self.orderings()
        } else {
            orderings.to_vec()
        };
        let base = if d.reductions.is_empty() {
            Some(base)
        } else {
            None
        };
        Ok(self.plan_inner(p, d, base, &orders)?.summary)
    }

    fn plan_inner(
        &self,
        p: &Prepared<'_>,
        d: &Resolved,
        base: Option<&Baseline>,
        orders: &[UnitOrder],
    ) -> Result<Baseline, Error> {
        let epoch = p.epoch;
        let touches = |r: &Route| route_touches(&self.topo, r, d);
        let free: Vec<Result<Option<Route>, Error>> = p
            .units
            .par_iter()
            .enumerate()
            .map_init(TdSpace::new, |space, (i, u)| {
                if let Some(b) = base {
                    match &b.free[i] {
                        None => return Ok(None),
                        Some(r) if !touches(r) => return Ok(Some(r.clone())),
                        Some(_) => {}
                    }
                }
                let router = p.router(i);
                let req = RouteRequest {
                    choice: RouteChoice::strict(),
                    ..self.request(u, epoch, d)
                };
                Ok(
                    match router.route_with(&req, &self.permits(u), p.bound(i), space)? {
                        RouteOutcome::Found { route, .. } => Some(*route),
                        RouteOutcome::NoRoute(_) => None,
                    },
                )
            })
            .collect();
        let mut free_routes = Vec::with_capacity(free.len());
        for f in free {
            free_routes.push(f?);
        }
        let mut unrouted = Vec::new();
        // Units of one element share their answer (same load, ends, release).
        let mut explained: BTreeMap<(usize, &str, &str, DateTime<Utc>), String> = BTreeMap::new();
        for (i, u) in p.units.iter().enumerate() {
            if free_routes[i].is_some() {
                continue;
            }
            let known = base.and_then(|b| {
                b.free[i]
                    .is_none()
                    .then(|| b.summary.unrouted.iter().find(|x| x.id == u.id))
                    .flatten()
            });
            if let Some(k) = known {
                unrouted.push(k.clone());
                continue;
            }
            let key = (
                p.router_of[i],
                u.origin.as_str(),
                u.destination.as_str(),
                u.release,
            );
            if let std::collections::btree_map::Entry::Vacant(slot) = explained.entry(key) {
                let req = RouteRequest {
                    choice: RouteChoice::strict(),
                    ..self.request(u, epoch, d)
                };
                let why = p
                    .router(i)
                    .explain(&req, &self.permits(u), &mut TdSpace::new())?;
                slot.insert(why.reason);
            }
            unrouted.push(UnroutedUnit {
                id: u.id.clone(),
                reason: explained[&key].clone(),
            });
        }
        let results: Vec<Result<Schedule, Error>> = orders
            .par_iter()
            .map(|&o| {
                let ord = order(p, &free_routes, o);
                // The baseline prefix this ordering can keep.
                let mut keep = 0;
                let bk = base.and_then(|b| b.orders.iter().find(|s| s.0 == o));
                if let Some(b) = bk {
                    let (bo, bs) = (&b.1, &b.2);
                    while keep < ord.len()
                        && keep < bo.len()
                        && ord[keep] == bo[keep]
                        && bs[keep].as_ref().is_some_and(|r| !touches(r))
                    {
                        keep += 1;
                    }
                }
                let reuse: Vec<&Route> = bk.map_or(Vec::new(), |b| {
                    b.2[..keep]
                        .iter()
                        .map(|r| r.as_ref().expect("kept routes exist"))
                        .collect()
                });
                self.schedule(p, &ord, d, &reuse).map(|r| (o, ord, r))
            })
            .collect();
        let mut schedules = Vec::with_capacity(results.len());
        for r in results {
            schedules.push(r?);
        }
        let closure_of = |r: &[Option<Route>]| r.iter().flatten().map(|x| x.arrival).max();
        let late = |r: &[Option<Route>]| r.iter().filter(|x| x.is_none()).count();
        let mut best = 0;
        for (k, s) in schedules.iter().enumerate() {
            let b = &schedules[best];
            if (late(&s.2), closure_of(&s.2)) < (late(&b.2), closure_of(&b.2)) {
                best = k;
            }
        }
        let (o, ord, routes) = &schedules[best];
        let mut routed = Vec::new();
        for (&i, r) in ord.iter().zip(routes) {
            match r {
                Some(route) => routed.push(Routed {
                    unit: i,
                    route: route.clone(),
                }),
                None => unrouted.push(UnroutedUnit {
                    id: p.units[i].id.clone(),
                    reason: "no route once the capacity taken by the units before it is counted"
                        .into(),
                }),
            }
        }
        let summary = self.summary(p, &free_routes, *o, routed, unrouted);
        Ok(Baseline {
            summary,
            ordering: *o,
            free: free_routes,
            orders: schedules,
        })
    }

    /// Routes every unit of `order` against the reservations of the ones
    /// before it; the first `reuse.len()` take the given routes.
    fn schedule(
        &self,
        p: &Prepared<'_>,
        order: &[usize],
        d: &Resolved,
        reuse: &[&Route],
    ) -> Result<Vec<Option<Route>>, Error> {
        let mut tables = self.tables(p.epoch, d);
        let mut space = TdSpace::new();
        let mut out = Vec::with_capacity(order.len());
        for (k, &i) in order.iter().enumerate() {
            let u = &p.units[i];
            let offset = (u.release - p.epoch).num_seconds();
            let route = match reuse.get(k) {
                Some(r) => (*r).clone(),
                None => {
                    let view = PhasedView {
                        tables: &tables,
                        topo: &self.topo,
                        offset,
                        pass: p.pass[i],
                    };
                    let outcome = p.router(i).route_with_timings(
                        &self.request(u, p.epoch, d),
                        &self.permits(u),
                        p.bound(i),
                        &[&view],
                        &mut space,
                    )?;
                    let RouteOutcome::Found { route, .. } = outcome else {
                        out.push(None);
                        continue;
                    };
                    *route
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
            out.push(Some(route));
        }
        Ok(out)
    }

    fn summary(
        &self,
        p: &Prepared<'_>,
        free: &[Option<Route>],
        ordering: UnitOrder,
        routed: Vec<Routed>,
        unrouted: Vec<UnroutedUnit>,
    ) -> PlanSummary {
        let g = &self.topo;
        let vehicles = p.units.iter().map(|u| u.vehicle_count).sum();
        let closure = routed
            .iter()
            .map(|r| r.route.arrival)
            .max()
            .unwrap_or(p.epoch);
        let mut time_by_cause: BTreeMap<String, f64> = BTreeMap::new();
        let mut units = Vec::with_capacity(routed.len());
        let mut arrived = 0;
        for r in routed {
            let u = &p.units[r.unit];
            arrived += u.vehicle_count;
            let mut waits: BTreeMap<String, f64> = BTreeMap::new();
            for s in &r.route.steps {
                let cause = step_cause(s.kind);
                *time_by_cause.entry(cause.into()).or_default() += s.duration_min / 60.0;
                if matches!(cause, "permit" | "capacity" | "window" | "closure") {
                    *waits.entry(cause.into()).or_default() += s.duration_min / 60.0;
                }
            }
            let mut hub_path: Vec<HubIdx> = Vec::new();
            if let Some(h) = g.hub_by_id(&u.origin) {
                hub_path.push(h);
            }
            for leg in &r.route.legs {
                if let Leg::Arc { arc, .. } = *leg {
                    let h = g.node_hub(g.arc_head(arc));
                    if hub_path.last() != Some(&h) {
                        hub_path.push(h);
                    }
                }
            }
            units.push(UnitOutcome {
                id: u.id.clone(),
                element: u.element.clone(),
                kind: u.kind,
                vehicles: u.vehicle_count,
                origin: u.origin.clone(),
                destination: u.destination.clone(),
                depart: r.route.depart,
                arrive: r.route.arrival,
                unconstrained_arrival: free[r.unit].as_ref().map_or(r.route.arrival, |f| f.arrival),
                distance_km: r.route.distance_km,
                waits_h: waits,
                link_path: r.route.link_path.clone(),
                hub_path,
                steps: r.route.steps,
            });
        }
        PlanSummary {
            epoch: p.epoch,
            closure_time: closure,
            closure_h: (closure - p.epoch).num_seconds() as f64 / 3600.0,
            ordering: ordering.as_str().to_string(),
            vehicles,
            vehicles_arrived: arrived,
            time_by_cause,
            units,
            unrouted,
        }
    }
}

/// The cause a step's time counts under (as in the movement plan).
pub(crate) fn step_cause(kind: StepKind) -> &'static str {
    match kind {
        k if k.is_movement() => "movement",
        StepKind::Load | StepKind::Unload | StepKind::Transfer => "handling",
        StepKind::WaitPermit => "permit",
        StepKind::WaitCapacity => "capacity",
        StepKind::WaitWindow => "window",
        StepKind::WaitClosure => "closure",
        _ => "rest",
    }
}

/// The units with a route alone, in an ordering (the movement planner's
/// sort keys).
fn order(p: &Prepared<'_>, free: &[Option<Route>], order: UnitOrder) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..p.units.len()).filter(|&i| free[i].is_some()).collect();
    let transit = |i: usize| {
        free[i]
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
