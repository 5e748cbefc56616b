//! Moving a force.
//!
//! - [`doctrine`]: [`MarchDoctrine`] — march unit size, vehicle intervals of
//!   open and close column and by road class, time gaps between march units
//!   and serials, march speeds by road class and running gear, halts, the
//!   daily driving limit; documented defaults with their sources (US FM
//!   55-30, FM 3-21.8, FM 11-43, TR 100-98; NATO AMovP-1 / STANAG 2454,
//!   STANAG 2041), estimates marked as such; TOML overrides with validation.
//! - [`march`]: [`MarchRequest`] → [`MarchPlan`] — road space, pass time,
//!   time distance, arrival of head and tail (completion time) and halts of
//!   a column split into march units, by the doctrine formulas.
//! - [`unit`](mod@unit): force elements split into movement units (march units,
//!   trains, sailings, sorties); [`reservation`]: the capacity reservation
//!   table (link headways, hub handling at once) as an arc timing;
//!   [`conditions`]: closures and time-bounded capacity reductions a plan
//!   is made under; [`schedule`]: the capacity-constrained scheduler; [`bound`]: the
//!   certified lower bound; [`plan`]: the movement plan and its checks;
//!   [`order`]: movement orders read from TOML.
//!
//! Units: distances in km (`_km`), intervals in metres (`_m`), speeds in km/h
//! (`_kmh`), durations in hours (`_h`) or minutes (`_min`) as named; instants
//! `DateTime<Utc>`.

pub mod assets;
pub mod bound;
pub mod conditions;
pub mod doctrine;
pub mod fleet_bound;
pub mod flow_bound;
pub mod holding;
pub mod march;
pub mod order;
pub mod plan;
pub mod reservation;
pub mod schedule;
pub mod unit;

pub use assets::{AircraftPool, AssetKind, AssetUse, HetPool, RailPool, ShipPool, TransportAssets};
pub use bound::{cut_bound, min_cut, min_cut_between, MinCut};
pub use conditions::Conditions;
pub use doctrine::{
    ColumnKind, DoctrineError, HaltRule, MarchDoctrine, MarchSpeeds, RoadClass, RoadIntervals,
    VehicleKind,
};
pub use flow_bound::{FlowContext, FlowTiming, FlowUnit, GroupFlowBound};
pub use march::{march_plan, Halts, MarchError, MarchPlan, MarchRequest};
pub use order::MovementOrder;
pub use plan::{
    AssetsUsed, Check, MovementPlan, PlannedUnit, ProfilePoint, UnroutedUnit, Utilisation, Wait,
};
pub use reservation::{ReservationTable, ReservationView};
pub use schedule::{MoveOptions, MovementPlanner, PlanRun, PreparedForce, UnitOrder};
pub use unit::{split_element, ForceElement, MovementUnit, SplitRules, UnitKind};
