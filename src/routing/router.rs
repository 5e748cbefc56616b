//! The front door of routing: compile a network for a load once, then answer
//! earliest-arrival queries with permits, windows and driving limits,
//! alternatives, and "no route" explanations.

use chrono::{DateTime, Utc};

use super::diagnose::{explain_no_route, NoRoute};
use super::earliest_arrival::{earliest_arrival, replay, TdSpace};
use super::graph::{RoutingGraph, NONE};
use super::load_check::LoadCheck;
use super::permit_oracle::PermitOracle;
use super::route::{build_route, Route};
use super::time_rules::{DrivingRule, QueryRules};
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
}

impl RouteRequest {
    /// A request with no permit-request offset, no driving limit, no alternatives.
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
        }
    }
}

/// The answer to a [`RouteRequest`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RouteOutcome {
    /// Routes found: the earliest-arriving first, then link-disjoint alternatives.
    Found {
        /// The routes.
        routes: Vec<Route>,
    },
    /// No route exists under the load's limits and the rules; why, and what would help.
    NoRoute(NoRoute),
}

/// A network compiled for one load, ready for queries. `Send + Sync`.
pub struct Router<'a> {
    network: &'a Network,
    load: &'a dyn LoadCheck,
    graph: RoutingGraph,
}

impl<'a> Router<'a> {
    /// Compiles `network` for `load`.
    pub fn new(network: &'a Network, load: &'a dyn LoadCheck) -> Router<'a> {
        Router {
            network,
            load,
            graph: RoutingGraph::compile(network, load),
        }
    }

    /// The compiled graph.
    pub fn graph(&self) -> &RoutingGraph {
        &self.graph
    }

    /// Answers a request. Errors only for bad requests (unknown hubs);
    /// "no route" is an [`RouteOutcome::NoRoute`] answer.
    pub fn route(
        &self,
        req: &RouteRequest,
        permits: &dyn PermitOracle,
        space: &mut TdSpace,
    ) -> Result<RouteOutcome, Error> {
        let g = &self.graph;
        self.network.try_hub(&req.from)?;
        self.network.try_hub(&req.to)?;
        // Invariant: every network hub has a road node in the compiled graph.
        let s = g.hub_node(&req.from).expect("compiled hub");
        let t = g.hub_node(&req.to).expect("compiled hub");
        let request = req.permit_request.unwrap_or(req.depart);
        let mut rules = QueryRules::new(
            g,
            req.depart,
            g.node_hub[s as usize],
            permits,
            request,
            req.driving,
        );
        rules.road_window = req.road_window;
        let mut banned: Vec<bool> = vec![false; g.links.len()];
        let mut routes = Vec::new();
        for _ in 0..=req.alternatives {
            let allowed = |a: usize| g.link[a] == NONE || !banned[g.link[a] as usize];
            let Some(path) = earliest_arrival(g, space, &rules, s, t, allowed) else {
                break;
            };
            let path = replay(g, &rules, &path);
            let route = build_route(g, Some(self.network), &rules, permits, request, s, &path);
            for l in &route.links {
                if let Some(i) = g.links.iter().position(|x| &x.id == l) {
                    banned[i] = true;
                }
            }
            let no_links = route.links.is_empty();
            routes.push(route);
            if no_links {
                break;
            }
        }
        if routes.is_empty() {
            // If the load's links connect the hubs, the rules (permits,
            // windows, driving limit) are what blocks; else the load's limits.
            let mut sp = super::search_space::SearchSpace::new(g.node_count());
            let linked = super::dijkstra::shortest_path(g, &mut sp, s, t).is_some();
            let nr = if linked {
                self.explain_rules(&mut rules, space, s, t, &req.from, &req.to)
            } else {
                explain_no_route(self.network, g, self.load, &req.from, &req.to)
            };
            return Ok(RouteOutcome::NoRoute(nr));
        }
        Ok(RouteOutcome::Found { routes })
    }

    /// Why a statically connected pair has no route under the rules: finds
    /// which rule blocks by searching again without the driving limit.
    fn explain_rules(
        &self,
        rules: &mut QueryRules,
        space: &mut TdSpace,
        s: u32,
        t: u32,
        from: &str,
        to: &str,
    ) -> NoRoute {
        let g = &self.graph;
        let mut why = Vec::new();
        // A country whose permit cannot be had is to blame only if granting
        // it would open a route.
        let refused: Vec<_> = rules
            .grants
            .iter()
            .filter_map(|(c, r)| r.as_ref().err().map(|e| (*c, e.clone())))
            .collect();
        for (c, e) in &refused {
            let saved = rules.grants.insert(*c, Ok(0));
            if earliest_arrival(g, space, rules, s, t, |_| true).is_some() {
                why.push(format!("no permit can be obtained for {c}: {e}"));
            }
            if let Some(r) = saved {
                rules.grants.insert(*c, r);
            }
        }
        if why.is_empty() && refused.len() > 1 {
            for (c, _) in &refused {
                rules.grants.insert(*c, Ok(0));
            }
            if earliest_arrival(g, space, rules, s, t, |_| true).is_some() {
                let list: Vec<String> = refused.iter().map(|(c, e)| format!("{c} ({e})")).collect();
                why.push(format!(
                    "no permits can be obtained for {}",
                    list.join(", ")
                ));
            }
            for (c, e) in refused {
                rules.grants.insert(c, Err(e));
            }
        }
        if let Some(d) = rules.driving.take() {
            if earliest_arrival(g, space, rules, s, t, |_| true).is_some() {
                why.push(format!(
                    "the daily driving limit: with at most {:.1} h of road driving between rest halts (convoy support centres, staging areas, logistics hubs), no sequence of halts connects them",
                    d.max_drive_secs as f64 / 3600.0
                ));
            }
            rules.driving = Some(d);
        }
        if why.is_empty() {
            why.push(
                "time windows (opening hours, night-only links, road window) never meet".into(),
            );
        }
        NoRoute {
            from: from.into(),
            to: to.into(),
            reason: format!(
                "the load can use links that connect `{from}` and `{to}`, but the rules block every route: {}",
                why.join("; ")
            ),
            relaxations: Vec::new(),
        }
    }
}
