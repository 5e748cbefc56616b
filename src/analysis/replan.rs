//! Re-planning a force under disruptions.
//!
//! A thin layer over the movement planner: [`Replanner`] plans a force with
//! [`MovementPlanner::plan_prepared`] under the disruption's
//! [`Conditions`] — closures in every unit's request, time-bounded capacity
//! reductions as capacity phases of the reservation table (see
//! [`crate::movement::conditions`]) — so a re-plan is the plan `milmob
//! move` would make under the same conditions, with the same units,
//! orderings, improvement round, assets and holding limits. What it adds:
//! one prepared force planned under many what-ifs, a baseline whose
//! schedules later what-ifs start from ([`Replanner::plan_from`]), and the
//! [`PlanSummary`] comparisons need (link and hub paths in topology
//! indices). Re-plans leave out the time-expanded max-flow bound (they are
//! compared with each other, not certified); permanent edits (upgrades,
//! permanent capacity factors) are a network edit planned by either.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Error;
use crate::force::VehicleCatalogue;
use crate::movement::{
    Conditions, ForceElement, MoveOptions, MovementPlan, MovementPlanner, PlanRun, PreparedForce,
    UnitKind, UnitOrder, UnroutedUnit,
};
use crate::network::Network;
use crate::permits::{Calendars, PermitRegime};
use crate::routing::{HubIdx, Leg, LinkIdx, Route, Topology};

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
    /// Hours waiting by cause (`permit`, `capacity`, `window`, `closure`,
    /// `asset`; driving rests are not counted).
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

impl PlanSummary {
    /// A movement plan in the terms comparisons read: closure, time by
    /// cause, each unit's arrival, waits and timeline (link and hub paths
    /// left empty; [`Replanner::summary`] fills them from a run's routes).
    pub fn from_plan(plan: &MovementPlan) -> PlanSummary {
        let mut arrived = 0;
        let units = plan
            .units
            .iter()
            .map(|u| {
                let vehicles: u32 = u.vehicles.values().sum();
                arrived += vehicles;
                let mut waits: BTreeMap<String, f64> = BTreeMap::new();
                for w in u.waits.iter().filter(|w| w.reason != "rest") {
                    *waits.entry(w.reason.clone()).or_default() +=
                        (w.end - w.start).num_seconds() as f64 / 3600.0;
                }
                UnitOutcome {
                    id: u.id.clone(),
                    element: u.element.clone(),
                    kind: u.kind,
                    vehicles,
                    origin: u.origin.clone(),
                    destination: u.destination.clone(),
                    depart: u.depart,
                    arrive: u.arrive,
                    unconstrained_arrival: u.unconstrained_arrival,
                    distance_km: u.distance_km,
                    waits_h: waits,
                    link_path: Vec::new(),
                    hub_path: Vec::new(),
                    steps: u.steps.clone(),
                }
            })
            .collect();
        PlanSummary {
            epoch: plan.epoch,
            closure_time: plan.closure_time,
            closure_h: (plan.closure_time - plan.epoch).num_seconds() as f64 / 3600.0,
            ordering: plan.ordering.clone(),
            vehicles: plan.vehicles,
            vehicles_arrived: arrived,
            time_by_cause: plan.time_by_cause.clone(),
            units,
            unrouted: plan.unrouted.clone(),
        }
    }
}

/// A force prepared for re-planning (the movement planner's
/// [`PreparedForce`]).
pub type Prepared<'r> = PreparedForce<'r>;

/// Re-plans forces over one network under one permit regime.
pub struct Replanner<'a> {
    network: &'a Network,
    planner: MovementPlanner<'a>,
}

/// A plan with every schedule kept (see [`Replanner::plan_from`]).
pub struct Baseline {
    /// The plan.
    pub summary: PlanSummary,
    /// The ordering that gave it.
    pub ordering: UnitOrder,
    /// The planner's run.
    pub run: PlanRun,
}

impl<'a> Replanner<'a> {
    /// A re-planner for `network` (build it from
    /// [`super::Disruptions::edited_network`] for permanent edits). The
    /// options' own conditions are ignored (each plan names its own); the
    /// flow bound is not computed.
    pub fn new(
        network: &'a Network,
        catalogue: &'a VehicleCatalogue,
        regime: &'a PermitRegime,
        calendars: &'a Calendars,
        options: &'a MoveOptions,
    ) -> Replanner<'a> {
        let options = MoveOptions {
            flow_bound: false,
            conditions: Conditions::default(),
            ..options.clone()
        };
        Replanner {
            network,
            planner: MovementPlanner::new(
                network,
                catalogue,
                regime.clone(),
                calendars.clone(),
                options,
            ),
        }
    }

    /// The topology.
    pub fn topology(&self) -> &Topology {
        self.planner.topology()
    }

    /// The network.
    pub fn network(&self) -> &Network {
        self.network
    }

    /// The movement planner re-plans are made with.
    pub fn planner(&self) -> &MovementPlanner<'a> {
        &self.planner
    }

    /// Splits the force into units and builds a router per load and a bound
    /// per (load, destination), once for every what-if.
    pub fn prepare(&self, force: &[ForceElement]) -> Result<Prepared<'_>, Error> {
        self.planner.prepare(force)
    }

    /// Plans the prepared force under `d` (nothing: [`Conditions::default`]).
    pub fn plan(&self, p: &Prepared<'_>, d: &Conditions) -> Result<PlanSummary, Error> {
        Ok(self.run(p, d, None, &[])?.1)
    }

    /// Plans the prepared force under `d`, starting from `base` if given,
    /// trying `orderings` (empty: the options'): the planner's run and its
    /// summary.
    pub fn run(
        &self,
        p: &Prepared<'_>,
        d: &Conditions,
        base: Option<&Baseline>,
        orderings: &[UnitOrder],
    ) -> Result<(PlanRun, PlanSummary), Error> {
        let run = self
            .planner
            .plan_prepared(p, d, base.map(|b| &b.run), orderings)?;
        let summary = self.summary(p, &run);
        Ok((run, summary))
    }

    /// Plans the prepared force with no disruption, keeping every
    /// schedule so that what-ifs can start from it
    /// ([`Replanner::plan_from`]).
    pub fn baseline(&self, p: &Prepared<'_>) -> Result<Baseline, Error> {
        let (run, summary) = self.run(p, &Conditions::default(), None, &[])?;
        Ok(Baseline {
            summary,
            ordering: run.ordering,
            run,
        })
    }

    /// Plans a what-if starting from a baseline of the same prepared force
    /// (see [`MovementPlanner::plan_prepared`]: units before the first one
    /// whose baseline route touches a closed element keep their routes and
    /// reservations; with capacity reductions everything is planned
    /// again). `orderings` (empty = the options') are tried.
    pub fn plan_from(
        &self,
        p: &Prepared<'_>,
        base: &Baseline,
        d: &Conditions,
        orderings: &[UnitOrder],
    ) -> Result<PlanSummary, Error> {
        Ok(self.run(p, d, Some(base), orderings)?.1)
    }

    /// A run's plan in the terms comparisons need, with each unit's link
    /// and hub path (topology indices) from the run's routes.
    pub fn summary(&self, p: &Prepared<'_>, run: &PlanRun) -> PlanSummary {
        let g = self.topology();
        let route_of: BTreeMap<&str, &Route> = run
            .routes()
            .map(|(i, r)| (p.units()[i].id.as_str(), r))
            .collect();
        let mut summary = PlanSummary::from_plan(&run.plan);
        for u in &mut summary.units {
            let Some(r) = route_of.get(u.id.as_str()) else {
                continue;
            };
            let mut hub_path: Vec<HubIdx> = Vec::new();
            if let Some(h) = g.hub_by_id(&u.origin) {
                hub_path.push(h);
            }
            for leg in &r.legs {
                if let Leg::Arc { arc, .. } = *leg {
                    let h = g.node_hub(g.arc_head(arc));
                    if hub_path.last() != Some(&h) {
                        hub_path.push(h);
                    }
                }
            }
            u.link_path = r.link_path.clone();
            u.hub_path = hub_path;
        }
        summary
    }
}
