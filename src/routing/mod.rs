//! The routing core: a compact routing graph compiled per load, static
//! Dijkstra, time-dependent earliest arrival with permit gates, time windows
//! and daily driving limits, routes with a timeline and permit plan,
//! alternatives, and explanations when no route exists.

pub mod diagnose;
pub mod dijkstra;
pub mod earliest_arrival;
pub mod graph;
pub mod landmarks;
pub mod load_check;
pub mod permit_oracle;
pub mod route;
pub mod router;
pub mod search_space;
pub mod time_rules;

pub use diagnose::{NoRoute, Relaxation};
pub use dijkstra::{distance, shortest_path, StaticPath};
pub use earliest_arrival::{earliest_arrival, TdPath, TdSpace};
pub use graph::{ExcludedLink, RoutingGraph};
pub use landmarks::Landmarks;
pub use load_check::{Blocked, LoadCheck, Unconstrained};
pub use permit_oracle::{NoPermits, PermitOracle, RegimePermits};
pub use route::{BindingLimit, PermitEntry, Route, Step, StepKind};
pub use router::{RouteOutcome, RouteRequest, Router};
pub use search_space::SearchSpace;
pub use time_rules::{DrivingRule, QueryRules};
