//! # milmob
//!
//! Plans military movements over Europe's dual-use transport corridors.
//!
//! Data flows one way through the modules:
//!
//! - [`network`]: the editable model — typed [`Hub`]s and [`Link`]s with load
//!   [`Limits`] on five [`Mode`]s, corridors, validation, spatial index;
//!   [`io`] reads and writes it (folder of CSV + TOML, GeoJSON, DIMACS arcs).
//! - [`force`]: vehicle types, how they are carried on each mode (self-propelled,
//!   on a heavy equipment transporter, on a rail wagon, on a ship, by air), and
//!   the [`force::LoadProfile`] of a group: the binding envelope the router checks
//!   against link limits.
//! - [`permits`]: working-day calendars (weekends and public holidays in each
//!   country's time zone) and permit regimes (lead time per cargo class).
//! - [`routing`]: one [`routing::Topology`] per network (the same typed
//!   ids for every load), a [`routing::Metric`] per load profile; static
//!   Dijkstra / A* with pluggable potentials; time-dependent earliest arrival
//!   whose arc timings compose through one seam (permit gates at borders,
//!   opening hours and night-only links, closures — and, next, capacity
//!   reservations), with the daily driving limit; routes with a timeline and
//!   permit plan; alternatives; and, on demand, why no route exists.
//! - [`movement`]: march doctrine, the road movement calculator, and moving
//!   a force (movement orders, units sharing capacity, closure time and a
//!   certified lower bound).
//! - [`report`]: text and GeoJSON of routes; and the scenario report
//!   ([`report::ScenarioRun`] → [`report::ReportInput`] →
//!   [`report::write_report`]): a self-contained HTML page, a Markdown
//!   summary, the plan as JSON, the timeline as CSV, routes as GeoJSON, a
//!   map (LAEA Europe) and a closure chart — what `milmob scenario run`
//!   writes.
//! - [`analysis`]: corridor bottlenecks — link and hub criticality, OD load,
//!   min cuts, disruptions re-planned, upgrade ranking.
//!
//! Units: distances in km, masses in tonnes, dimensions in metres, speeds in
//! km/h, durations in minutes in the model and seconds inside the search,
//! instants as `chrono::DateTime<Utc>` at the API.
//!
//! From a network, a group of vehicles and a permit regime to "when does it
//! arrive, and why" ([`routing::Planner`]):
//!
//! ```
//! use milmob::{routing::Planner, Network};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let network = Network::load("tests/fixtures/mini")?;
//! let planner = Planner::new(&network, &[("leopard_2a6", 14)], "pledge-2024")?;
//! let depart = "2026-03-02T06:00:00+01:00".parse::<chrono::DateTime<chrono::Utc>>()?;
//! let route = planner.route("DE-BHV", "LT-KAU", depart)?.best().cloned().expect("a route");
//! println!("arrives {} ({} permits: {:?})", route.arrival, route.permit_plan.len(), route.countries);
//! # assert!(route.arrival > depart);
//! # // Every country entered after Germany needs a permit.
//! # assert!(!route.permit_plan.is_empty());
//! # Ok(())
//! # }
//! ```
//!
//! Underneath, the same in parts — a topology shared by every load, a metric
//! per load, permits from a regime on working-day calendars:
//!
//! ```
//! use milmob::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
//! use milmob::permits::{Calendars, PermitRegime};
//! use milmob::routing::{DrivingRule, RegimePermits, RouteRequest, Router, TdSpace, Topology};
//! use milmob::Network;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let network = Network::load("tests/fixtures/mini")?;
//! let topology = Topology::build(&network); // once per network
//! let load = LoadProfile::for_group(VehicleCatalogue::builtin(), &[("leopard_2a6", 14)], &CarriagePolicy::Auto)?;
//! let router = Router::with_topology(&topology, &load); // a metric per load
//! let regime = PermitRegime::builtin("pledge-2024")?;
//! let calendars = Calendars::new();
//! let permits = RegimePermits { regime: &regime, calendars: &calendars, class: cargo_class(&load), framework: None };
//! let depart = chrono::DateTime::parse_from_rfc3339("2026-03-02T06:00:00+01:00")?.to_utc();
//! let req = RouteRequest { driving: Some(DrivingRule::hours(10.0, 14.0)), ..RouteRequest::new("DE-BHV", "LT-KAU", depart) };
//! let outcome = router.route(&req, &permits, &mut TdSpace::new())?;
//! assert!(outcome.best().is_some_and(|r| r.arrival > depart));
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod country;
pub mod country_outlines;
pub mod diagnostic;
pub mod error;
pub mod force;
pub mod import;
pub mod io;
pub mod movement;
pub mod network;
pub mod permits;
pub mod report;
pub mod routing;

pub use country::Country;
pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, Result};
pub use network::{Corridor, Hub, HubKind, Limits, Link, Mode, Network};
