//! Moving a force: elements split into movement units (march units,
//! trains, sailings, sorties) that share link and hub capacity over time;
//! a capacity-constrained scheduler; the closure time with a certified
//! lower bound; the movement plan and its checks.

pub mod bound;
pub mod order;
pub mod plan;
pub mod reservation;
pub mod schedule;
pub mod unit;

pub use bound::{cut_bound, min_cut, MinCut};
pub use order::MovementOrder;
pub use plan::{
    AssetsUsed, Check, MovementPlan, PlannedUnit, ProfilePoint, UnroutedUnit, Utilisation,
};
pub use reservation::{ReservationTable, ReservationView};
pub use schedule::{MoveOptions, MovementPlanner, UnitOrder};
pub use unit::{split_element, ForceElement, MovementUnit, SplitRules, UnitKind};
