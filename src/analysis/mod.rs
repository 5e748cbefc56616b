//! Corridor bottleneck analysis: which link or hub, if lost, costs most;
//! how much can be pushed through per day; which upgrade buys most; what a
//! disruption does to a movement plan.
//!
//! - [`criticality`](mod@criticality): single links and hubs on the reported shortest paths
//!   of OD pairs — the cost without each, exact (A* on the intact distances
//!   to the target, in parallel), with the naive reference
//!   ([`criticality::criticality_naive`]).
//! - [`od_load`](mod@od_load): OD-weighted link and hub load, importance and exposure
//!   (Jenelius, Petersen & Mattsson 2006).
//! - [`cut`]: max throughput per day and the min cut between hubs.
//! - [`disruption`]: the disruption file format (what-if events) and its
//!   resolution into closures, capacity phases and network edits.
//! - [`replan`]: the force re-planned under a disruption, the movement
//!   planner's way.
//! - [`upgrades`]: the force-level ranking — closure hours lost per link
//!   and hub, units cut off, hotspots (limits that exclude the force,
//!   capacities that bind) with the upgrade and the hours it saves, all
//!   measured by re-planning; and baseline-vs-disrupted comparisons.
//!
//! Every result serialises with serde (the CLI prints it as JSON).

pub mod criticality;
pub mod cut;
pub mod disruption;
pub mod od_load;
pub mod replan;
pub mod upgrades;

pub use crate::movement::Conditions;
pub use criticality::{
    criticality, criticality_naive, CriticalityOptions, Effect, Element, PairCriticality,
    TargetTree,
};
pub use cut::{bottleneck, Bottleneck, CutArc};
pub use disruption::{DisruptionError, Disruptions, Event, EventKind, Upgrade, When};
pub use od_load::{od_load, ElementLoad, Exposure, OdDemand, OdLoad};
pub use replan::{Baseline, PlanSummary, Prepared, Replanner, UnitOutcome};
pub use upgrades::{
    compare, rank, what_if, Comparison, Hotspot, LossRow, RankOptions, Ranking, UnitDelta,
};
