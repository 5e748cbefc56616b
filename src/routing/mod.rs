//! The routing core.
//!
//! - [`Topology`]: built once per network, the same node, arc and link ids
//!   for every load ([`HubIdx`], [`LinkIdx`], [`NodeIdx`], [`ArcIdx`]).
//! - [`Metric`]: one per load profile — base seconds per arc, [`UNUSABLE`]
//!   for arcs the load may not use, with a typed reason per excluded link.
//! - Static search ([`shortest_path`], [`astar`] with any [`Potential`]:
//!   [`TargetDistances`], [`LandmarkPotential`]).
//! - Time-dependent [`earliest_arrival`](mod@earliest_arrival) under [`Rules`]: arc timings that
//!   compose through the [`ArcTiming`] seam ([`PermitGates`],
//!   [`TimeWindows`], [`Closures`], and the force scheduler's reservation
//!   table), and the daily [`DrivingRule`].
//! - [`Router`]: routes with a timeline and permit plan, link-disjoint
//!   alternatives, [`Router::explain`] for "no route"; [`Planner`]: the
//!   five-line front door.

pub mod closures;
pub mod diagnose;
pub mod dijkstra;
pub mod driving;
pub mod earliest_arrival;
pub mod ids;
pub mod landmarks;
pub mod load_check;
pub mod metric;
pub mod permit_gate;
pub mod permit_oracle;
pub mod planner;
pub mod potential;
pub mod route;
pub mod router;
pub mod search_space;
pub mod timing;
pub mod topology;
pub mod windows;

pub use closures::{Closure, ClosureTarget, Closures};
pub use diagnose::{explain_no_route, NoRoute, Relaxation};
pub use dijkstra::{
    astar, distance, distances_from, shortest_path, shortest_path_filtered, StaticPath,
};
pub use driving::DrivingRule;
pub use earliest_arrival::{earliest_arrival, Leg, TdPath, TdSpace};
pub use ids::{ArcIdx, HubIdx, LinkIdx, NodeIdx};
pub use landmarks::Landmarks;
pub use load_check::{Blocked, LoadCheck, Unconstrained};
pub use metric::{ExcludedLink, Metric, UNUSABLE};
pub use permit_gate::{Grant, PermitGates};
pub use permit_oracle::{NoPermits, PermitOracle, RegimePermits};
pub use planner::{Planner, DEFAULT_DRIVING};
pub use potential::{LandmarkPotential, Potential, TargetDistances, ZeroPotential};
pub use route::{binding_limits, BindingLimit, PermitEntry, Route, Step, StepKind};
pub use router::{RouteChoice, RouteOutcome, RouteRequest, Router};
pub use search_space::SearchSpace;
pub use timing::{ArcTiming, MainLeg, Penalty, Rules, Traversal, WaitCause};
pub use topology::{ArcKind, HubInfo, LinkInfo, Topology, MAX_NODES};
pub use windows::TimeWindows;
