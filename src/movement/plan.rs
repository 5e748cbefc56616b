//! The movement plan: every unit's timeline, the closure time of the force
//! and a certified lower bound beside it, the closure profile, where the
//! time went, what transport was used, how full the links and hubs ran,
//! and what the plan checker verified. Serialises to the documented
//! MovementPlan JSON (README).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::unit::UnitKind;
use crate::routing::Step;

/// A movement plan for a force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovementPlan {
    /// Permit regime the plan was made under.
    pub regime: String,
    /// The earliest departure of any element (the plan's time 0), UTC.
    pub epoch: DateTime<Utc>,
    /// When the last unit arrives (closure time), UTC.
    pub closure_time: DateTime<Utc>,
    /// A provable lower bound on the closure time of any plan, UTC.
    pub lower_bound: DateTime<Utc>,
    /// (closure − bound) / (bound − epoch): how far the plan may be from the
    /// best possible (0 = optimal).
    pub gap: f64,
    /// Which bound and element gave `lower_bound`, in words.
    pub bound_basis: String,
    /// The cut bound (shortest transit + units over the min cut), UTC.
    pub cut_bound: DateTime<Utc>,
    /// Which group gave the cut bound, in words.
    pub cut_bound_basis: String,
    /// The time-expanded max-flow bound, UTC (`lower_bound` is the larger
    /// of the two).
    pub flow_bound: DateTime<Utc>,
    /// Which group gave the flow bound, in words.
    pub flow_bound_basis: String,
    /// The ship-fleet bound (module [`super::fleet_bound`]), UTC, when
    /// ships are declared and units sail; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fleet_bound: Option<DateTime<Utc>>,
    /// How the ship-fleet bound was obtained, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fleet_bound_basis: Option<String>,
    /// The unit ordering that gave the best plan.
    pub ordering: String,
    /// The route choice that gave it: `tolerance` (the order's: the shortest
    /// route among those about as early) or `strict_earliest`.
    pub route_choice: String,
    /// Vehicles in the force.
    pub vehicles: u32,
    /// Every unit, in planning order.
    pub units: Vec<PlannedUnit>,
    /// Units that could not be routed at all, with why.
    pub unrouted: Vec<UnroutedUnit>,
    /// Share of the force arrived over time.
    pub closure_profile: Vec<ProfilePoint>,
    /// Unit-hours by cause: `movement`, `handling`, `permit`, `capacity`,
    /// `window`, `closure`, `rest`, `asset`.
    pub time_by_cause: BTreeMap<String, f64>,
    /// Transport used.
    pub assets_used: AssetsUsed,
    /// Every movement of a declared asset, loaded or empty (empty when no
    /// assets are declared).
    pub asset_uses: Vec<super::assets::AssetUse>,
    /// Use of every capacitated link and hub service the plan touched.
    pub utilisation: Vec<Utilisation>,
    /// What the plan checker verified.
    pub checks: Vec<Check>,
}

/// One unit's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedUnit {
    /// Unit id, e.g. `PzBtl-104/train-2`.
    pub id: String,
    /// Element id.
    pub element: String,
    /// March unit, train, sailing or sortie.
    pub kind: UnitKind,
    /// Vehicle type id → count.
    pub vehicles: BTreeMap<String, u32>,
    /// Carriage policy.
    pub carriage: String,
    /// Origin hub id.
    pub origin: String,
    /// Destination hub id.
    pub destination: String,
    /// Departure (its release), UTC.
    pub depart: DateTime<Utc>,
    /// Arrival, UTC.
    pub arrive: DateTime<Utc>,
    /// Arrival had the unit been alone on the network, UTC.
    pub unconstrained_arrival: DateTime<Utc>,
    /// Distance moved, km.
    pub distance_km: f64,
    /// Steps in time order (waits name their cause in `kind`:
    /// `wait_permit`, `wait_capacity`, `wait_window`, `wait_closure`, `rest`).
    pub steps: Vec<Step>,
    /// Every wait, in time order, with its reason: `permit`, `window`,
    /// `closure`, `capacity`, `rest` or `asset` (a `wait_capacity` step
    /// before boarding is split where the unit's assets were late).
    pub waits: Vec<Wait>,
}

/// A wait of a unit at a hub.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wait {
    /// Hub id.
    pub hub: String,
    /// Start, UTC.
    pub start: DateTime<Utc>,
    /// End, UTC.
    pub end: DateTime<Utc>,
    /// `permit`, `window`, `closure`, `capacity`, `rest` or `asset`.
    pub reason: String,
}

/// A unit that found no route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnroutedUnit {
    /// Unit id.
    pub id: String,
    /// Why, in words.
    pub reason: String,
}

/// One point of the closure profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfilePoint {
    /// Instant, UTC.
    pub time: DateTime<Utc>,
    /// Vehicles arrived by then.
    pub vehicles_arrived: u32,
    /// Share of the force's vehicles arrived (0..1).
    pub share: f64,
}

/// Transport used by the plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssetsUsed {
    /// Road march units.
    pub march_units: u32,
    /// Heavy equipment transporter trips (vehicles carried on HETs).
    pub het_trips: u32,
    /// Trains.
    pub trains: u32,
    /// Rail wagons loaded (summed over trains).
    pub wagons: u32,
    /// Sailings.
    pub sailings: u32,
    /// Air sorties.
    pub sorties: u32,
    /// Distinct HETs of the declared fleets used (0 when none declared).
    pub hets: u32,
    /// Distinct locomotives of the declared railhead pools used.
    pub locomotives: u32,
    /// Distinct ships of the declared pools used.
    pub ships: u32,
    /// Distinct aircraft of the declared pools used.
    pub aircraft: u32,
    /// Empty movements of declared assets (positioning and returns).
    pub empty_trips: u32,
}

/// Use of one capacitated link direction or hub service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Utilisation {
    /// `link` or `hub`.
    pub kind: String,
    /// Link id (with `from→to`) or hub id with the service's mode.
    pub id: String,
    /// Units that used it.
    pub units: u32,
    /// Highest use in any one period (links: entries in one period over the
    /// capacity; hubs: units handled at once over the at-once limit), 0..1.
    pub peak: f64,
    /// Mean use over the time it was in use, 0..1.
    pub mean: f64,
}

/// One verification of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// What was checked.
    pub name: String,
    /// Whether it holds.
    pub passed: bool,
    /// Figures behind it.
    pub detail: String,
}
