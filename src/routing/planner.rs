//! One front door for embedders: from "a network, a group of vehicles and a
//! permit regime" to "when does it arrive, and why" in a few lines. A
//! [`Planner`] owns the load profile, the regime, the calendars and the
//! router (topology + metric) and answers route requests.
//!
//! ```
//! use milmob::routing::Planner;
//! # fn main() -> Result<(), milmob::Error> {
//! let network = milmob::Network::load("tests/fixtures/mini")?;
//! let planner = Planner::new(&network, &[("leopard_2a6", 14)], "pledge-2024")?;
//! let depart = "2026-03-02T06:00:00+01:00".parse::<chrono::DateTime<chrono::Utc>>().unwrap();
//! let outcome = planner.route("DE-BHV", "LT-KAU", depart)?;
//! let route = outcome.best().expect("a route");
//! println!("arrives {} after {:.0} h", route.arrival, route.duration_h);
//! # Ok(())
//! # }
//! ```

use chrono::{DateTime, Utc};

use super::diagnose::NoRoute;
use super::driving::DrivingRule;
use super::earliest_arrival::TdSpace;
use super::permit_oracle::RegimePermits;
use super::router::{RouteOutcome, RouteRequest, Router};
use crate::error::Error;
use crate::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
use crate::network::Network;
use crate::permits::{Calendars, CargoClass, PermitRegime};

/// Default daily driving limit of a road column: 10 h of driving, then a
/// 14 h rest (an estimate after the EU driving-time rules for lorry drivers,
/// Regulation (EC) 561/2006: 9–10 h a day, 11 h daily rest; military
/// columns plan similar limits).
pub const DEFAULT_DRIVING: DrivingRule = DrivingRule {
    max_drive_secs: 10 * 3600,
    rest_secs: 14 * 3600,
};

/// A group of vehicles, a permit regime and a network, ready to route.
pub struct Planner<'n> {
    network: &'n Network,
    load: LoadProfile,
    regime: PermitRegime,
    calendars: Calendars,
    class: CargoClass,
    framework: Option<String>,
    driving: Option<DrivingRule>,
    router: Router<'static>,
}

impl<'n> Planner<'n> {
    /// A planner for `vehicles` (type id from the built-in catalogue, count)
    /// moving together under the built-in permit `regime` (e.g.
    /// `pledge-2024`), carriage chosen per mode ([`CarriagePolicy::Auto`]),
    /// with the [`DEFAULT_DRIVING`] limit.
    pub fn new(
        network: &'n Network,
        vehicles: &[(&str, u32)],
        regime: &str,
    ) -> Result<Planner<'n>, Error> {
        let load =
            LoadProfile::for_group(VehicleCatalogue::builtin(), vehicles, &CarriagePolicy::Auto)?;
        let regime = PermitRegime::builtin(regime)?;
        Ok(Self::from_parts(network, load, regime))
    }

    /// A planner from a load profile and a regime made elsewhere (another
    /// catalogue, a regime file).
    pub fn from_parts(
        network: &'n Network,
        load: LoadProfile,
        regime: PermitRegime,
    ) -> Planner<'n> {
        let router = Router::new(network, &load);
        Planner {
            network,
            class: cargo_class(&load),
            load,
            regime,
            calendars: Calendars::new(),
            framework: None,
            driving: Some(DEFAULT_DRIVING),
            router,
        }
    }

    /// The same group under another carriage policy (e.g. tanks by rail).
    pub fn carriage(self, policy: &CarriagePolicy) -> Result<Planner<'n>, Error> {
        let members: Vec<(String, u32)> = self
            .load
            .members
            .iter()
            .map(|m| (m.vehicle_id.clone(), m.count))
            .collect();
        let group: Vec<(&str, u32)> = members.iter().map(|(v, c)| (v.as_str(), *c)).collect();
        let load = LoadProfile::for_group(VehicleCatalogue::builtin(), &group, policy)?;
        let mut p = Self::from_parts(self.network, load, self.regime);
        p.framework = self.framework;
        p.driving = self.driving;
        p.calendars = self.calendars;
        Ok(p)
    }

    /// Another daily driving limit (`None` = none).
    pub fn driving(mut self, driving: Option<DrivingRule>) -> Planner<'n> {
        self.driving = driving;
        self
    }

    /// Moves under a framework with standing clearances (e.g. `NATO`).
    pub fn framework(mut self, framework: Option<String>) -> Planner<'n> {
        self.framework = framework;
        self
    }

    /// Other calendars (e.g. with extra non-working days).
    pub fn calendars(mut self, calendars: Calendars) -> Planner<'n> {
        self.calendars = calendars;
        self
    }

    /// The load profile.
    pub fn load(&self) -> &LoadProfile {
        &self.load
    }

    /// The router (topology and this load's metric).
    pub fn router(&self) -> &Router<'static> {
        &self.router
    }

    /// The permit oracle of this planner's regime, calendars and cargo class.
    pub fn permits(&self) -> RegimePermits<'_> {
        RegimePermits {
            regime: &self.regime,
            calendars: &self.calendars,
            class: self.class,
            framework: self.framework.clone(),
        }
    }

    /// The request this planner would make for a movement (driving limit
    /// filled in); adjust it and pass it to [`Planner::answer`].
    pub fn request(&self, from: &str, to: &str, depart: DateTime<Utc>) -> RouteRequest {
        RouteRequest {
            driving: self.driving,
            ..RouteRequest::new(from, to, depart)
        }
    }

    /// Earliest arrival from `from` to `to` leaving at `depart`; when there
    /// is no route, the answer says why.
    pub fn route(
        &self,
        from: &str,
        to: &str,
        depart: DateTime<Utc>,
    ) -> Result<RouteOutcome, Error> {
        self.answer(&self.request(from, to, depart))
    }

    /// Answers a full request; when there is no route, the answer says why.
    pub fn answer(&self, req: &RouteRequest) -> Result<RouteOutcome, Error> {
        self.router
            .route_or_explain(req, &self.permits(), &mut TdSpace::new())
    }

    /// Why a request has no route (see [`Router::explain`]).
    pub fn explain(&self, req: &RouteRequest) -> Result<NoRoute, Error> {
        self.router
            .explain(req, &self.permits(), &mut TdSpace::new())
    }
}
