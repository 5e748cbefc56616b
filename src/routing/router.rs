//! The front door of routing for one load: a topology (shared by every
//! load) and the load's metric, answering earliest-arrival requests with
//! permits, windows, closures and driving limits, link-disjoint
//! alternatives, and — on demand — why no route exists.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::closures::{Closure, Closures};
use super::diagnose::{explain_no_route, NoRoute};
use super::driving::DrivingRule;
use super::earliest_arrival::TdPath;
use super::earliest_arrival::{earliest_arrival, TdSpace};
use super::ids::{HubIdx, NodeIdx};
use super::load_check::LoadCheck;
use super::metric::{ExcludedLink, Metric};
use super::permit_gate::PermitGates;
use super::permit_oracle::PermitOracle;
use super::potential::{Potential, TargetDistances};
use super::route::{build_route, Route, RouteContext};
use super::timing::{ArcTiming, MainLeg, Penalty, Rules};
use super::topology::Topology;
use super::windows::TimeWindows;
use crate::error::Error;
use crate::network::{DailyWindow, Network};

/// One routing question.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteRequest {
    /// Origin hub id.
    pub from: String,
    /// Destination hub id.
    pub to: String,
    /// Departure instant.
    pub depart: DateTime<Utc>,
    /// When permits are requested; `None` = at departure.
    pub permit_request: Option<DateTime<Utc>>,
    /// Daily driving limit for road columns; `None` = none.
    pub driving: Option<DrivingRule>,
    /// Number of extra link-disjoint alternatives wanted (0 = best route only).
    pub alternatives: usize,
    /// Road links may only be entered in this local-time window (e.g.
    /// `22:00-06:00`: night-only movement, a common condition of oversize
    /// permits); `None` = any time.
    pub road_window: Option<DailyWindow>,
    /// Links and hubs closed (for all time or an interval) during this
    /// movement.
    pub closures: Vec<Closure>,
    /// How to pick among routes that arrive about as early.
    pub choice: RouteChoice,
}

/// How the router picks among routes that arrive about as early as the
/// earliest: no planner takes a 3,000 km detour through four countries to
/// arrive two hours sooner. Among routes arriving within the tolerance of
/// the earliest arrival, the router prefers the fewest km counting each
/// border crossed as 60 km (an extra permit and handover), then fewer
/// borders, then the earlier arrival. Candidates come from searches ordered by time
/// plus a penalty per km and per border ([`Penalty`]), at a few penalty
/// levels; the earliest route is always a candidate.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RouteChoice {
    /// Keep the earliest-arriving route, whatever its length.
    pub strict_earliest: bool,
    /// Routes arriving at most this many minutes after the earliest are
    /// acceptable…
    pub tolerance_min: f64,
    /// …or this share of the earliest route's door-to-door time, whichever
    /// is larger.
    pub tolerance_share: f64,
}

impl Default for RouteChoice {
    /// 3 hours or 5 % of the trip (estimates of what a movement planner
    /// accepts for a shorter, simpler route; configurable).
    fn default() -> Self {
        RouteChoice {
            strict_earliest: false,
            tolerance_min: 180.0,
            tolerance_share: 0.05,
        }
    }
}

impl RouteChoice {
    /// Only the earliest arrival counts (`--strict-earliest`).
    pub fn strict() -> RouteChoice {
        RouteChoice {
            strict_earliest: true,
            ..RouteChoice::default()
        }
    }

    /// The tolerance for a trip whose earliest arrival is `secs` after
    /// departure, seconds.
    pub fn tolerance_secs(&self, secs: i64) -> i64 {
        let share = (secs.max(0) as f64 * self.tolerance_share.max(0.0)).round() as i64;
        ((self.tolerance_min.max(0.0) * 60.0).round() as i64).max(share)
    }
}

/// Penalty levels of the route-choice candidates: seconds per km and per
/// border crossed (a border weighs as much as 60 km of detour).
const CHOICE_LEVELS: [f64; 4] = [30.0, 120.0, 600.0, 3000.0];

impl RouteRequest {
    /// A request with no permit-request offset, no driving limit, no
    /// alternatives, no road window and no closures.
    pub fn new(
        from: impl Into<String>,
        to: impl Into<String>,
        depart: DateTime<Utc>,
    ) -> RouteRequest {
        RouteRequest {
            from: from.into(),
            to: to.into(),
            depart,
            permit_request: None,
            driving: None,
            alternatives: 0,
            road_window: None,
            closures: Vec::new(),
            choice: RouteChoice::default(),
        }
    }
}

/// The answer to a [`RouteRequest`]. Serialises to the documented route
/// JSON: `{"status": "found", <the best route's fields>, "alternatives":
/// [...]}` or `{"status": "no_route", "from", "to", "reason",
/// "relaxations"}`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RouteOutcome {
    /// The earliest-arriving route, and link-disjoint alternatives.
    Found {
        /// The earliest-arriving route.
        #[serde(flatten)]
        route: Box<Route>,
        /// Link-disjoint alternatives, each arriving no earlier.
        alternatives: Vec<Route>,
    },
    /// No route exists under the load's limits and the rules. From
    /// [`Router::route`] this only names the pair; [`Router::explain`]
    /// says why and what would help.
    NoRoute(NoRoute),
}

impl RouteOutcome {
    /// The best route, if one was found.
    pub fn best(&self) -> Option<&Route> {
        match self {
            RouteOutcome::Found { route, .. } => Some(route),
            RouteOutcome::NoRoute(_) => None,
        }
    }

    /// Every route found: the best first, then the alternatives.
    pub fn routes(&self) -> Vec<&Route> {
        match self {
            RouteOutcome::Found {
                route,
                alternatives,
            } => std::iter::once(route.as_ref())
                .chain(alternatives.iter())
                .collect(),
            RouteOutcome::NoRoute(_) => Vec::new(),
        }
    }
}

/// A topology with one load's metric, ready for queries. `Send + Sync`;
/// share one topology across many routers (one per load) with
/// [`Router::with_topology`].
#[derive(Debug, Clone)]
pub struct Router<'a> {
    topo: Cow<'a, Topology>,
    metric: Metric,
}

impl<'a> Router<'a> {
    /// Builds the topology of `network` and the metric of `load`.
    pub fn new(network: &Network, load: &dyn LoadCheck) -> Router<'static> {
        let topo = Topology::build(network);
        let metric = Metric::for_load(&topo, load);
        Router {
            topo: Cow::Owned(topo),
            metric,
        }
    }

    /// A router for `load` on a topology built once and shared.
    pub fn with_topology(topo: &'a Topology, load: &dyn LoadCheck) -> Router<'a> {
        Router {
            metric: Metric::for_load(topo, load),
            topo: Cow::Borrowed(topo),
        }
    }

    /// A router from a topology and a metric made for it (e.g. a relaxed or
    /// what-if metric, or arc weights). Fails if the metric does not cover
    /// the topology's arcs.
    pub fn from_parts(topo: Cow<'a, Topology>, metric: Metric) -> Result<Router<'a>, Error> {
        if metric.costs().len() != topo.arc_count() {
            return Err(Error::InvalidRequest(format!(
                "the metric has {} arc costs but the topology {} arcs",
                metric.costs().len(),
                topo.arc_count()
            )));
        }
        Ok(Router { topo, metric })
    }

    /// The topology.
    pub fn topology(&self) -> &Topology {
        &self.topo
    }

    /// The load's metric.
    pub fn metric(&self) -> &Metric {
        &self.metric
    }

    /// Links the load cannot use, with reasons.
    pub fn excluded_links(&self) -> &[ExcludedLink] {
        self.metric.excluded_links()
    }

    fn ends(&self, req: &RouteRequest) -> Result<(HubIdx, HubIdx), Error> {
        let hub = |id: &str| {
            self.topo
                .hub_by_id(id)
                .ok_or_else(|| Error::UnknownHub(id.to_string()))
        };
        Ok((hub(&req.from)?, hub(&req.to)?))
    }

    /// The exact static lower bound towards a request's destination: pass
    /// it to [`Router::route_with`] to answer many requests to the same
    /// destination without recomputing it.
    pub fn bound_to(&self, to: &str) -> Result<TargetDistances, Error> {
        let t = self
            .topo
            .hub_node(to)
            .ok_or_else(|| Error::UnknownHub(to.to_string()))?;
        Ok(TargetDistances::compute(&self.topo, &self.metric, t))
    }

    /// Answers a request. Errors only for bad requests (unknown hubs, bad
    /// closures); "no route" is a [`RouteOutcome::NoRoute`] answer (call
    /// [`Router::explain`] for why). One backward search gives the A* bound
    /// for the route and every alternative.
    pub fn route(
        &self,
        req: &RouteRequest,
        permits: &dyn PermitOracle,
        space: &mut TdSpace,
    ) -> Result<RouteOutcome, Error> {
        let (_, to) = self.ends(req)?;
        let bound = TargetDistances::compute(&self.topo, &self.metric, self.topo.road_node(to));
        self.route_with(req, permits, &bound, space)
    }

    /// Answers a request with a caller's lower bound towards its destination
    /// (e.g. [`Router::bound_to`], or landmarks): it must be a consistent
    /// lower bound on this metric's static distance to `req.to`.
    pub fn route_with(
        &self,
        req: &RouteRequest,
        permits: &dyn PermitOracle,
        potential: &dyn Potential,
        space: &mut TdSpace,
    ) -> Result<RouteOutcome, Error> {
        self.route_with_timings(req, permits, potential, &[], space)
    }

    /// Answers a request with a caller's lower bound and extra arc timings
    /// applied with the request's own (permit gates, windows, closures): the
    /// seam through which a capacity reservation table of units already
    /// planned delays this one. Each extra timing must keep the FIFO
    /// contract of [`ArcTiming`], with times in seconds since `req.depart`.
    pub fn route_with_timings(
        &self,
        req: &RouteRequest,
        permits: &dyn PermitOracle,
        potential: &dyn Potential,
        extra: &[&dyn ArcTiming],
        space: &mut TdSpace,
    ) -> Result<RouteOutcome, Error> {
        let (from, to) = self.ends(req)?;
        let (s, t) = (self.topo.road_node(from), self.topo.road_node(to));
        let g: &Topology = &self.topo;
        let request = req.permit_request.unwrap_or(req.depart);
        let gates = PermitGates::new(g, req.depart, from, permits, request);
        let windows =
            TimeWindows::new(g, req.depart, req.road_window).with_rail_window(self.rail_window());
        let mut closures = Closures::new(g, req.depart, &req.closures)?;
        let main_leg = self.main_leg(s, t);
        let load = self.metric.description().to_string();
        let mut routes: Vec<Route> = Vec::new();
        for _ in 0..=req.alternatives {
            let mut rules = Rules::new(req.depart)
                .with(&gates)
                .with(&windows)
                .with(&closures)
                .with_driving(req.driving)
                .with_main_leg(main_leg.as_ref());
            for &x in extra {
                rules = rules.with(x);
            }
            let Some(path) = self.choose(&rules, &req.choice, potential, space, s, t) else {
                break;
            };
            let cx = RouteContext {
                topo: g,
                rules: &rules,
                gates: &gates,
                permits,
                request,
                load: &load,
                metric: &self.metric,
            };
            let route = build_route(&cx, s, &path);
            drop(rules);
            for &l in &route.link_path {
                closures.close_link(l);
            }
            let no_links = route.link_path.is_empty();
            routes.push(route);
            if no_links {
                break;
            }
        }
        let mut routes = routes.into_iter();
        Ok(match routes.next() {
            Some(best) => RouteOutcome::Found {
                route: Box::new(best),
                alternatives: routes.collect(),
            },
            None => RouteOutcome::NoRoute(NoRoute {
                from: req.from.clone(),
                to: req.to.clone(),
                reason: format!(
                    "no route from `{}` to `{}` under the load's limits and the rules",
                    req.from, req.to
                ),
                relaxations: Vec::new(),
            }),
        })
    }

    /// The window in which this load may enter rail links: the network's
    /// exceptional-train window for an exceptional (out-of-gauge) load.
    fn rail_window(&self) -> Option<DailyWindow> {
        if self.metric.exceptional_rail() {
            self.topo.operations().exceptional_train_window
        } else {
            None
        }
    }

    /// The main-leg pattern of this load between two nodes, if its carriage
    /// policy names a main mode.
    fn main_leg(&self, s: NodeIdx, t: NodeIdx) -> Option<MainLeg> {
        let mode = self.metric.main_mode()?;
        let km = self.topo.operations().access_km(mode)?;
        Some(MainLeg::new(&self.topo, mode, s, t, km))
    }

    /// The earliest route, or — unless the choice is strict — the shortest
    /// (borders counted as 60 km; then fewest borders, then earliest) among candidates arriving
    /// within the tolerance of the earliest.
    fn choose(
        &self,
        rules: &Rules<'_>,
        choice: &RouteChoice,
        potential: &dyn Potential,
        space: &mut TdSpace,
        s: NodeIdx,
        t: NodeIdx,
    ) -> Option<TdPath> {
        let g: &Topology = &self.topo;
        let earliest = earliest_arrival(g, &self.metric, rules, potential, space, s, t)?;
        if choice.strict_earliest {
            return Some(earliest);
        }
        let limit = earliest.arrival + choice.tolerance_secs(earliest.arrival);
        let key = |p: &TdPath| {
            let (mut m, mut borders) = (0u64, 0u32);
            for a in p.arcs() {
                if let Some(l) = g.arc_link(a) {
                    let info = g.link(l);
                    m += (info.length_km * 1000.0).round() as u64;
                    if g.hub(info.from).country != g.hub(info.to).country {
                        borders += 1;
                    }
                }
            }
            // A border weighs as much as 60 km of detour (as in the penalties).
            (m + u64::from(borders) * 60_000, borders, p.arrival)
        };
        let mut best_key = key(&earliest);
        let mut best = earliest;
        for per_km in CHOICE_LEVELS {
            let penalised = rules.penalised(Penalty {
                per_km_secs: per_km,
                per_border_secs: per_km * 60.0,
            });
            if let Some(p) = earliest_arrival(g, &self.metric, &penalised, potential, space, s, t) {
                let k = key(&p);
                if p.arrival <= limit && k < best_key {
                    best_key = k;
                    best = p;
                }
            }
        }
        Some(best)
    }

    /// Why a request has no route: if the load's usable links connect the
    /// hubs, which rule blocks (a permit that cannot be had, the driving
    /// limit, closures, windows); else which load limits disconnect them and
    /// what relaxation would connect them. Uses the metric's exclusion
    /// reasons: nothing is recompiled.
    pub fn explain(
        &self,
        req: &RouteRequest,
        permits: &dyn PermitOracle,
        space: &mut TdSpace,
    ) -> Result<NoRoute, Error> {
        let (from, to) = self.ends(req)?;
        let g: &Topology = &self.topo;
        let t = g.road_node(to);
        let bound = TargetDistances::compute(g, &self.metric, t);
        if bound.distance(g.road_node(from)).is_none() {
            return Ok(explain_no_route(g, &self.metric, from, to));
        }
        let request = req.permit_request.unwrap_or(req.depart);
        let gates = PermitGates::new(g, req.depart, from, permits, request);
        let windows =
            TimeWindows::new(g, req.depart, req.road_window).with_rail_window(self.rail_window());
        let closures = Closures::new(g, req.depart, &req.closures)?;
        let main_leg = self.main_leg(g.road_node(from), t);
        let probe = |gates: &PermitGates<'_>,
                     closures: &Closures<'_>,
                     driving: Option<DrivingRule>,
                     space: &mut TdSpace| {
            let rules = Rules::new(req.depart)
                .with(gates)
                .with(&windows)
                .with(closures)
                .with_driving(driving)
                .with_main_leg(main_leg.as_ref());
            earliest_arrival(g, &self.metric, &rules, &bound, space, g.road_node(from), t).is_some()
        };
        let mut why = Vec::new();
        // The main-leg pattern: does any route with the main leg on its mode
        // exist, whatever the time rules?
        if let Some(ml) = &main_leg {
            let rules = Rules::new(req.depart).with_main_leg(Some(ml));
            let s = g.road_node(from);
            if earliest_arrival(g, &self.metric, &rules, &bound, space, s, t).is_none() {
                let km = g.operations().access_km(ml.mode).unwrap_or(0.0);
                return Ok(NoRoute {
                    from: req.from.clone(),
                    to: req.to.clone(),
                    reason: format!(
                        "no route with the main leg by {mode}: the {mode} links this load may use do not connect any point where it can be loaded onto {mode} within {km} km by road of `{}` with one where it can be unloaded within {km} km of `{}` (carriage policy {mode}; the access distance is `operations.access_road_km` in network.toml)",
                        req.from,
                        req.to,
                        mode = ml.mode,
                    ),
                    relaxations: Vec::new(),
                });
            }
        }
        // A country whose permit cannot be had is to blame only if granting
        // it would open a route.
        let refused: Vec<_> = gates.refused().map(|(c, e)| (c, e.to_string())).collect();
        for (c, e) in &refused {
            let granted = gates.with_grants(&[(*c, Ok(0))]);
            if probe(&granted, &closures, req.driving, space) {
                why.push(format!("no permit can be obtained for {c}: {e}"));
            }
        }
        if why.is_empty() && refused.len() > 1 {
            let all: Vec<_> = refused.iter().map(|(c, _)| (*c, Ok(0))).collect();
            if probe(&gates.with_grants(&all), &closures, req.driving, space) {
                let list: Vec<String> = refused.iter().map(|(c, e)| format!("{c} ({e})")).collect();
                why.push(format!(
                    "no permits can be obtained for {}",
                    list.join(", ")
                ));
            }
        }
        if let Some(d) = req.driving {
            if probe(&gates, &closures, None, space) {
                why.push(format!(
                    "the daily driving limit: with at most {:.1} h of road driving between rest halts (convoy support centres, staging areas, logistics hubs, halt areas), no sequence of halts connects them",
                    d.max_drive_secs as f64 / 3600.0
                ));
            }
        }
        if !req.closures.is_empty()
            && probe(&gates, &Closures::none(g, req.depart), req.driving, space)
        {
            why.push(format!(
                "the {} closure(s) of links or hubs in the request cut every route",
                req.closures.len()
            ));
        }
        if why.is_empty() {
            why.push(
                "time windows (opening hours, night-only links, road window) never meet".into(),
            );
        }
        Ok(NoRoute {
            from: req.from.clone(),
            to: req.to.clone(),
            reason: format!(
                "the load can use links that connect `{}` and `{}`, but the rules block every route: {}",
                req.from,
                req.to,
                why.join("; ")
            ),
            relaxations: Vec::new(),
        })
    }

    /// Answers a request and, when there is no route, explains why (the
    /// two calls in one, as the CLI prints them).
    pub fn route_or_explain(
        &self,
        req: &RouteRequest,
        permits: &dyn PermitOracle,
        space: &mut TdSpace,
    ) -> Result<RouteOutcome, Error> {
        match self.route(req, permits, space)? {
            RouteOutcome::NoRoute(_) => {
                Ok(RouteOutcome::NoRoute(self.explain(req, permits, space)?))
            }
            found => Ok(found),
        }
    }

    /// The road node of a hub id.
    pub fn hub_node(&self, id: &str) -> Option<NodeIdx> {
        self.topo.hub_node(id)
    }
}
