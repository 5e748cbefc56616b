//! How a vehicle moves on each mode: on its own wheels or tracks, on a heavy
//! equipment transporter (HET), on a rail wagon, on a ship or barge, or by air;
//! and which of these a movement may use ([`CarriagePolicy`]).
//!
//! # Rules and thresholds
//! - **Self-propelled (road)**: the vehicle's own weight, axle load, size and
//!   MLC (for its running gear); speed = its maximum road speed.
//! - **HET (road)**: the HET must take the vehicle's weight (`payload_t`) and
//!   length (`max_load_length_m`, deck plus permitted overhang). The
//!   combination weighs tractor tare + trailer tare + vehicle; its axle load is
//!   that over all axles (an average: real distributions vary); its height is
//!   deck height + vehicle height (or the tractor's, if higher); its width the
//!   larger of trailer and vehicle (tank tracks overhang the deck); its length
//!   the combination's plus any overhang beyond the deck. It is wheeled, and
//!   its MLC is derived from the combination weight
//!   ([`derived_mlc`]). Speed = the HET's loaded
//!   speed.
//! - **Rail wagon**: as many vehicles per wagon as fit the deck length (0.5 m
//!   apart) and the payload (at least one, else the wagon cannot carry it).
//!   Loaded axle load = (tare + load) / axles; metre load (EN 15528) = (tare +
//!   load) / length over buffers; height above rail = deck height + vehicle
//!   height. The consignment is **out of gauge** when the vehicle is wider than
//!   [`LOADING_GAUGE_WIDTH_M`] (3.15 m) or rises higher above rail than
//!   [`LOADING_GAUGE_HEIGHT_M`] (4.28 m): the UIC G1 international loading
//!   gauge, approximated as a rectangle (UIC 505-1; the real profile narrows
//!   above ~3.2 m, so loads near the upper corners may be out of gauge even
//!   inside these bounds — an approximation). Main battle tanks (≈ 3.5–3.8 m
//!   wide) are therefore always out of gauge, as the domain brief says.
//! - **Ship / barge**: ramp and deck limits (`max_vehicle_t`,
//!   `max_vehicle_height_m`); vehicles per sailing from lane metres (each
//!   vehicle takes (length + 0.5 m) × max(1, width / lane width)) and payload.
//!   The vessel's own height above water (`air_draft_m`, or deck height +
//!   vehicle height) is what bridges see. The vehicle's own MLC is kept
//!   (it drives over ramps and linkspans; ferry links may carry an MLC).
//! - **Air**: the vehicle must fit the payload and the cargo hold (length,
//!   width, height); vehicles per sortie from hold length and width (0.5 m
//!   apart) and payload.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::network::Mode;

use super::vehicle::{derived_mlc, Checker, RunningGear, VehicleType};
use super::ForceError;

/// Width of the UIC G1 loading gauge, m: wider rail loads are out of gauge.
/// Source: UIC 505-1 (G1 half-width 1.575 m); approximation.
pub const LOADING_GAUGE_WIDTH_M: f64 = 3.15;

/// Height above rail of the UIC G1 loading gauge, m: higher rail loads are
/// out of gauge. Source: UIC 505-1 (G1 4.28 m above rail); approximation.
pub const LOADING_GAUGE_HEIGHT_M: f64 = 4.28;

/// Gap between vehicles loaded one behind another (wagons, ships, aircraft), m.
/// Estimate (lashing and walking room).
pub const LOAD_GAP_M: f64 = 0.5;

/// Default width of a Ro-Ro lane, m (estimate; lanes are commonly 2.9–3.1 m).
pub const DEFAULT_LANE_WIDTH_M: f64 = 3.0;

/// A heavy equipment transporter type: tractor plus semi-trailer. Masses in t,
/// lengths in m, speed in km/h.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HetType {
    /// Stable id, e.g. `m1070a1_m1000`.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Tractor tare (empty) weight, t.
    pub tractor_tare_t: f64,
    /// Trailer tare weight, t.
    pub trailer_tare_t: f64,
    /// Rated payload, t.
    pub payload_t: f64,
    /// Axles of tractor and trailer together.
    pub axles: u16,
    /// Load deck length, m.
    pub deck_length_m: f64,
    /// Longest vehicle it may carry (deck plus permitted overhang), m.
    pub max_load_length_m: f64,
    /// Deck height above the road when travelling, m.
    pub deck_height_m: f64,
    /// Combination length (tractor + trailer, unladen), m.
    pub length_m: f64,
    /// Combination width, m.
    pub width_m: f64,
    /// Tractor (cab or load) height unladen, m.
    pub height_m: f64,
    /// Maximum speed when loaded, km/h.
    pub loaded_speed_kmh: f64,
    /// Where the figures come from, with their uncertainty.
    pub source: String,
}

impl HetType {
    /// Tractor + trailer tare, t.
    pub fn tare_t(&self) -> f64 {
        self.tractor_tare_t + self.trailer_tare_t
    }

    pub(crate) fn check(&self, c: &mut Checker<'_>) {
        c.id_field(&self.id);
        c.text("name", &self.name);
        c.text("source", &self.source);
        c.positive("tractor_tare_t", self.tractor_tare_t, 100.0, "t");
        c.positive("trailer_tare_t", self.trailer_tare_t, 100.0, "t");
        c.positive("payload_t", self.payload_t, 200.0, "t");
        c.count("axles", self.axles, 40);
        c.positive("deck_length_m", self.deck_length_m, 40.0, "m");
        c.positive("max_load_length_m", self.max_load_length_m, 40.0, "m");
        if self.max_load_length_m < self.deck_length_m {
            c.error("max_load_length_m", "is shorter than the deck");
        }
        c.positive("deck_height_m", self.deck_height_m, 3.0, "m");
        c.positive("length_m", self.length_m, 60.0, "m");
        c.positive("width_m", self.width_m, 6.0, "m");
        c.positive("height_m", self.height_m, 6.0, "m");
        c.positive("loaded_speed_kmh", self.loaded_speed_kmh, 150.0, "km/h");
    }
}

/// A rail wagon type. Masses in t, lengths in m, speed in km/h.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WagonType {
    /// Stable id, e.g. `samms_6axle`.
    pub id: String,
    /// Human name (UIC class letters and series).
    pub name: String,
    /// Tare weight, t.
    pub tare_t: f64,
    /// Load limit, t (on the line category the source quotes).
    pub payload_t: f64,
    /// Axle count.
    pub axles: u16,
    /// Length over buffers, m (for metre load and train length).
    pub length_over_buffers_m: f64,
    /// Usable deck length, m.
    pub deck_length_m: f64,
    /// Deck height above rail, m.
    pub deck_height_m: f64,
    /// Maximum speed loaded, km/h.
    pub max_speed_kmh: f64,
    /// Where the figures come from, with their uncertainty.
    pub source: String,
}

impl WagonType {
    pub(crate) fn check(&self, c: &mut Checker<'_>) {
        c.id_field(&self.id);
        c.text("name", &self.name);
        c.text("source", &self.source);
        c.positive("tare_t", self.tare_t, 100.0, "t");
        c.positive("payload_t", self.payload_t, 300.0, "t");
        c.count("axles", self.axles, 32);
        c.positive(
            "length_over_buffers_m",
            self.length_over_buffers_m,
            60.0,
            "m",
        );
        c.positive("deck_length_m", self.deck_length_m, 60.0, "m");
        if self.deck_length_m > self.length_over_buffers_m {
            c.error("deck_length_m", "is longer than the wagon over buffers");
        }
        c.positive("deck_height_m", self.deck_height_m, 3.0, "m");
        c.positive("max_speed_kmh", self.max_speed_kmh, 200.0, "km/h");
    }
}

/// A transport aircraft type. Payload in t, hold in m, speed in km/h.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AircraftType {
    /// Stable id, e.g. `a400m`.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Maximum payload, t.
    pub payload_t: f64,
    /// Usable cargo-hold length, m.
    pub hold_length_m: f64,
    /// Cargo-hold width, m.
    pub hold_width_m: f64,
    /// Cargo-hold height (the lowest point along the hold), m.
    pub hold_height_m: f64,
    /// Cruise speed, km/h.
    pub cruise_speed_kmh: f64,
    /// Where the figures come from, with their uncertainty.
    pub source: String,
}

impl AircraftType {
    pub(crate) fn check(&self, c: &mut Checker<'_>) {
        c.id_field(&self.id);
        c.text("name", &self.name);
        c.text("source", &self.source);
        c.positive("payload_t", self.payload_t, 300.0, "t");
        c.positive("hold_length_m", self.hold_length_m, 60.0, "m");
        c.positive("hold_width_m", self.hold_width_m, 10.0, "m");
        c.positive("hold_height_m", self.hold_height_m, 10.0, "m");
        c.positive("cruise_speed_kmh", self.cruise_speed_kmh, 1200.0, "km/h");
    }
}

fn default_lane_width() -> f64 {
    DEFAULT_LANE_WIDTH_M
}

/// A ship (`mode = "sea"`) or barge (`mode = "inland_waterway"`) type. Masses
/// in t, lengths in m, speed in km/h.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VesselType {
    /// Stable id, e.g. `roro_commercial`.
    pub id: String,
    /// Human name.
    pub name: String,
    /// `sea` (ship) or `inland_waterway` (barge).
    pub mode: Mode,
    /// Cargo payload, t.
    pub payload_t: f64,
    /// Vehicle lane length, m (lane metres).
    pub lane_m: f64,
    /// Lane width, m (default 3.0).
    #[serde(default = "default_lane_width")]
    pub lane_width_m: f64,
    /// Heaviest single vehicle its ramps and decks take, t.
    pub max_vehicle_t: f64,
    /// Highest vehicle its decks take, m.
    pub max_vehicle_height_m: f64,
    /// Height of the vehicle deck above the waterline, m.
    pub deck_height_m: f64,
    /// Fixed height of the vessel above the waterline (masts, bridge), m;
    /// `None` = deck height + load height governs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub air_draft_m: Option<f64>,
    /// Service speed, km/h.
    pub speed_kmh: f64,
    /// Where the figures come from, with their uncertainty.
    pub source: String,
}

impl VesselType {
    pub(crate) fn check(&self, c: &mut Checker<'_>) {
        c.id_field(&self.id);
        c.text("name", &self.name);
        c.text("source", &self.source);
        if !matches!(self.mode, Mode::Sea | Mode::InlandWaterway) {
            c.error(
                "mode",
                format!("must be `sea` or `inland_waterway`, got `{}`", self.mode),
            );
        }
        c.positive("payload_t", self.payload_t, 500_000.0, "t");
        c.positive("lane_m", self.lane_m, 50_000.0, "m");
        c.positive("lane_width_m", self.lane_width_m, 10.0, "m");
        c.positive("max_vehicle_t", self.max_vehicle_t, 1000.0, "t");
        c.positive("max_vehicle_height_m", self.max_vehicle_height_m, 20.0, "m");
        c.non_negative("deck_height_m", self.deck_height_m, 30.0, "m");
        if let Some(a) = self.air_draft_m {
            c.positive("air_draft_m", a, 100.0, "m");
        }
        c.positive("speed_kmh", self.speed_kmh, 100.0, "km/h");
    }
}

/// How one vehicle rides on one mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Carriage {
    /// Road: on its own wheels or tracks.
    SelfPropelled,
    /// Road: on a heavy equipment transporter.
    OnHet {
        /// The HET type.
        het: HetType,
    },
    /// Rail: on a wagon.
    OnRailWagon {
        /// The wagon type.
        wagon: WagonType,
    },
    /// Sea: on a Ro-Ro ship.
    OnShip {
        /// The ship type.
        vessel: VesselType,
    },
    /// Inland waterway: on a barge.
    OnBarge {
        /// The barge type.
        vessel: VesselType,
    },
    /// Air: in a transport aircraft.
    ByAir {
        /// The aircraft type.
        aircraft: AircraftType,
    },
}

/// What one vehicle, so carried, presents to the infrastructure. Masses in t,
/// lengths in m, speed in km/h. "Unit" = one carrier (HET, wagon, sailing,
/// sortie) or, self-propelled, the vehicle itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitLoad {
    /// The mode.
    pub mode: Mode,
    /// MLC class to check against tracked bridge classes, if any.
    pub mlc_tracked: Option<u16>,
    /// MLC class to check against wheeled bridge classes, if any.
    pub mlc_wheeled: Option<u16>,
    /// Gross weight of the unit on the way, t (road: vehicle or HET
    /// combination; rail: loaded wagon; sea, inland waterway, air: the vehicle).
    pub gross_weight_t: f64,
    /// Heaviest axle load, t (rail: of the loaded wagon).
    pub axle_t: f64,
    /// Rail metre load of the loaded wagon, t/m (rail only).
    pub metre_load_t_per_m: Option<f64>,
    /// Height, m (road: above road; rail: above rail; water: above waterline).
    pub height_m: f64,
    /// Width, m.
    pub width_m: f64,
    /// Length, m (rail: wagon over buffers).
    pub length_m: f64,
    /// Rail only: outside the UIC G1 loading gauge (exceptional consignment).
    pub out_of_gauge: bool,
    /// Highest speed of the unit, km/h.
    pub speed_cap_kmh: f64,
    /// Vehicles of this type per carrier (per HET, wagon, sailing, sortie); 1
    /// when self-propelled.
    pub vehicles_per_carrier: u32,
    /// Whether a carrier is used (false when self-propelled).
    pub uses_carrier: bool,
}

/// Formats a number with at most two decimals, trailing zeros dropped.
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// How many items of length `len` fit one behind another in `space`, with
/// [`LOAD_GAP_M`] between them.
fn fit_along(space: f64, len: f64) -> u32 {
    let n = ((space + LOAD_GAP_M) / (len + LOAD_GAP_M) + 1e-9).floor();
    if n.is_finite() && n > 0.0 {
        n.min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// How many items of weight `w` a payload takes.
fn fit_weight(payload: f64, w: f64) -> u32 {
    let n = (payload / w + 1e-9).floor();
    if n.is_finite() && n > 0.0 {
        n.min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

impl Carriage {
    /// The mode this carriage uses.
    pub fn mode(&self) -> Mode {
        match self {
            Carriage::SelfPropelled | Carriage::OnHet { .. } => Mode::Road,
            Carriage::OnRailWagon { .. } => Mode::Rail,
            Carriage::OnShip { .. } => Mode::Sea,
            Carriage::OnBarge { .. } => Mode::InlandWaterway,
            Carriage::ByAir { .. } => Mode::Air,
        }
    }

    /// A short human description, e.g. `on HET M1070A1 + M1000`.
    pub fn describe(&self) -> String {
        match self {
            Carriage::SelfPropelled => "self-propelled".to_string(),
            Carriage::OnHet { het } => format!("on HET {}", het.name),
            Carriage::OnRailWagon { wagon } => format!("on rail wagon {}", wagon.name),
            Carriage::OnShip { vessel } => format!("on ship {}", vessel.name),
            Carriage::OnBarge { vessel } => format!("on barge {}", vessel.name),
            Carriage::ByAir { aircraft } => format!("by air in {}", aircraft.name),
        }
    }

    /// The carrier unit counted on this carriage: `HET`, `wagon`, `sailing`,
    /// `sortie`, or `vehicle` when self-propelled.
    pub fn carrier_unit(&self) -> &'static str {
        match self {
            Carriage::SelfPropelled => "vehicle",
            Carriage::OnHet { .. } => "HET",
            Carriage::OnRailWagon { .. } => "wagon",
            Carriage::OnShip { .. } | Carriage::OnBarge { .. } => "sailing",
            Carriage::ByAir { .. } => "sortie",
        }
    }

    /// What `v`, so carried, presents to the infrastructure; `Err` explains
    /// why this carriage cannot take it (e.g. `Leopard 2A6 (62.3 t) exceeds
    /// A400M payload 37 t`).
    pub fn load(&self, v: &VehicleType) -> Result<UnitLoad, String> {
        let (mlc_t, mlc_w) = match v.running_gear {
            RunningGear::Tracked => (Some(v.mlc), None),
            RunningGear::Wheeled => (None, Some(v.mlc)),
        };
        match self {
            Carriage::SelfPropelled => Ok(UnitLoad {
                mode: Mode::Road,
                mlc_tracked: mlc_t,
                mlc_wheeled: mlc_w,
                gross_weight_t: v.gross_weight_t,
                axle_t: v.max_axle_t,
                metre_load_t_per_m: None,
                height_m: v.height_m,
                width_m: v.width_m,
                length_m: v.length_m,
                out_of_gauge: false,
                speed_cap_kmh: v.max_road_speed_kmh,
                vehicles_per_carrier: 1,
                uses_carrier: false,
            }),
            Carriage::OnHet { het } => {
                let mut why = Vec::new();
                if v.gross_weight_t > het.payload_t + 1e-9 {
                    why.push(format!(
                        "{} ({} t) exceeds {} payload {} t",
                        v.name,
                        num(v.gross_weight_t),
                        het.name,
                        num(het.payload_t)
                    ));
                }
                if v.length_m > het.max_load_length_m + 1e-9 {
                    why.push(format!(
                        "{} ({} m long) exceeds {} load length {} m",
                        v.name,
                        num(v.length_m),
                        het.name,
                        num(het.max_load_length_m)
                    ));
                }
                if !why.is_empty() {
                    return Err(why.join(", "));
                }
                let gross = het.tare_t() + v.gross_weight_t;
                Ok(UnitLoad {
                    mode: Mode::Road,
                    mlc_tracked: None,
                    mlc_wheeled: Some(derived_mlc(gross, RunningGear::Wheeled)),
                    gross_weight_t: gross,
                    axle_t: gross / f64::from(het.axles.max(1)),
                    metre_load_t_per_m: None,
                    height_m: het.height_m.max(het.deck_height_m + v.height_m),
                    width_m: het.width_m.max(v.width_m),
                    length_m: het.length_m + (v.length_m - het.deck_length_m).max(0.0),
                    out_of_gauge: false,
                    speed_cap_kmh: het.loaded_speed_kmh,
                    vehicles_per_carrier: 1,
                    uses_carrier: true,
                })
            }
            Carriage::OnRailWagon { wagon } => {
                let n = fit_along(wagon.deck_length_m, v.length_m)
                    .min(fit_weight(wagon.payload_t, v.gross_weight_t));
                if n == 0 {
                    let mut why = Vec::new();
                    if v.gross_weight_t > wagon.payload_t + 1e-9 {
                        why.push(format!(
                            "{} ({} t) exceeds wagon {} payload {} t",
                            v.name,
                            num(v.gross_weight_t),
                            wagon.name,
                            num(wagon.payload_t)
                        ));
                    }
                    if v.length_m > wagon.deck_length_m + 1e-9 {
                        why.push(format!(
                            "{} ({} m long) exceeds wagon {} deck {} m",
                            v.name,
                            num(v.length_m),
                            wagon.name,
                            num(wagon.deck_length_m)
                        ));
                    }
                    if why.is_empty() {
                        why.push(format!("{} does not fit wagon {}", v.name, wagon.name));
                    }
                    return Err(why.join(", "));
                }
                let gross = wagon.tare_t + f64::from(n) * v.gross_weight_t;
                let height = wagon.deck_height_m + v.height_m;
                Ok(UnitLoad {
                    mode: Mode::Rail,
                    mlc_tracked: None,
                    mlc_wheeled: None,
                    gross_weight_t: gross,
                    axle_t: gross / f64::from(wagon.axles.max(1)),
                    metre_load_t_per_m: Some(gross / wagon.length_over_buffers_m),
                    height_m: height,
                    width_m: v.width_m,
                    length_m: wagon.length_over_buffers_m,
                    out_of_gauge: v.width_m > LOADING_GAUGE_WIDTH_M + 1e-9
                        || height > LOADING_GAUGE_HEIGHT_M + 1e-9,
                    speed_cap_kmh: wagon.max_speed_kmh,
                    vehicles_per_carrier: n,
                    uses_carrier: true,
                })
            }
            Carriage::OnShip { vessel } | Carriage::OnBarge { vessel } => {
                let mode = self.mode();
                if vessel.mode != mode {
                    return Err(format!(
                        "{} is a {} vessel, not {}",
                        vessel.name, vessel.mode, mode
                    ));
                }
                let mut why = Vec::new();
                if v.gross_weight_t > vessel.max_vehicle_t + 1e-9 {
                    why.push(format!(
                        "{} ({} t) exceeds {} ramp/deck limit {} t",
                        v.name,
                        num(v.gross_weight_t),
                        vessel.name,
                        num(vessel.max_vehicle_t)
                    ));
                }
                if v.height_m > vessel.max_vehicle_height_m + 1e-9 {
                    why.push(format!(
                        "{} ({} m high) exceeds {} deck clearance {} m",
                        v.name,
                        num(v.height_m),
                        vessel.name,
                        num(vessel.max_vehicle_height_m)
                    ));
                }
                let lane_use =
                    (v.length_m + LOAD_GAP_M) * (v.width_m / vessel.lane_width_m).max(1.0);
                let n = fit_weight(vessel.lane_m, lane_use)
                    .min(fit_weight(vessel.payload_t, v.gross_weight_t));
                if why.is_empty() && n == 0 {
                    why.push(format!("{} does not fit {}", v.name, vessel.name));
                }
                if !why.is_empty() {
                    return Err(why.join(", "));
                }
                let height = vessel
                    .air_draft_m
                    .unwrap_or(0.0)
                    .max(vessel.deck_height_m + v.height_m);
                Ok(UnitLoad {
                    mode,
                    mlc_tracked: mlc_t,
                    mlc_wheeled: mlc_w,
                    gross_weight_t: v.gross_weight_t,
                    axle_t: v.max_axle_t,
                    metre_load_t_per_m: None,
                    height_m: height,
                    width_m: v.width_m,
                    length_m: v.length_m,
                    out_of_gauge: false,
                    speed_cap_kmh: vessel.speed_kmh,
                    vehicles_per_carrier: n,
                    uses_carrier: true,
                })
            }
            Carriage::ByAir { aircraft: a } => {
                let mut why = Vec::new();
                let checks = [
                    (v.gross_weight_t, a.payload_t, "t", "payload"),
                    (v.length_m, a.hold_length_m, "m long", "hold length"),
                    (v.width_m, a.hold_width_m, "m wide", "hold width"),
                    (v.height_m, a.hold_height_m, "m high", "hold height"),
                ];
                for (have, limit, unit, what) in checks {
                    if have > limit + 1e-9 {
                        let lu = unit.split(' ').next().unwrap_or(unit);
                        why.push(format!(
                            "{} ({} {unit}) exceeds {} {what} {} {lu}",
                            v.name,
                            num(have),
                            a.name,
                            num(limit)
                        ));
                    }
                }
                if !why.is_empty() {
                    return Err(why.join(", "));
                }
                let n = (fit_along(a.hold_length_m, v.length_m)
                    .saturating_mul(fit_along(a.hold_width_m, v.width_m)))
                .min(fit_weight(a.payload_t, v.gross_weight_t))
                .max(1);
                Ok(UnitLoad {
                    mode: Mode::Air,
                    mlc_tracked: None,
                    mlc_wheeled: None,
                    gross_weight_t: v.gross_weight_t,
                    axle_t: v.max_axle_t,
                    metre_load_t_per_m: None,
                    height_m: v.height_m,
                    width_m: v.width_m,
                    length_m: v.length_m,
                    out_of_gauge: false,
                    speed_cap_kmh: a.cruise_speed_kmh,
                    vehicles_per_carrier: n,
                    uses_carrier: true,
                })
            }
        }
    }
}

impl fmt::Display for Carriage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Which carriages a movement may use; the CLI's `--carriage`.
///
/// | policy | road | rail | inland waterway | sea | air |
/// |---|---|---|---|---|---|
/// | `auto` | HET rule | yes | yes | yes | yes |
/// | `road` | everything self-propelled | – | – | – | – |
/// | `het` | HET rule, strict | – | – | – | – |
/// | `rail` | HET rule (access legs) | yes | – | – | – |
/// | `inland_waterway` | HET rule (access legs) | – | yes | – | – |
/// | `sea` | HET rule (access legs) | – | – | yes | – |
/// | `air` | HET rule (access legs) | – | – | – | yes |
///
/// The **HET rule**: a vehicle with `self_propelled_road = true` drives; one
/// with `false` (main battle tanks, heavy tracked vehicles) rides the first
/// HET type that can carry it. If none can, it drives itself (noted in the
/// profile) — except under `het`, where the road mode is then unavailable.
/// Under `rail`/`sea`/`air`/`inland_waterway` road stays open for the legs to
/// and from terminals; [`CarriagePolicy::main_mode`] tells a router which mode
/// the movement is meant to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarriagePolicy {
    /// Every mode; tanks on HETs on roads.
    #[default]
    Auto,
    /// Road only, every vehicle on its own wheels or tracks.
    Road,
    /// Road only, heavy vehicles on HETs.
    Het,
    /// Rail (road for access legs).
    Rail,
    /// Inland waterway (road for access legs).
    InlandWaterway,
    /// Sea (road for access legs).
    Sea,
    /// Air (road for access legs).
    Air,
}

/// The brief's other name for [`CarriagePolicy`].
pub type AllowedCarriages = CarriagePolicy;

impl CarriagePolicy {
    /// All policies, in canonical order.
    pub const ALL: [CarriagePolicy; 7] = [
        CarriagePolicy::Auto,
        CarriagePolicy::Road,
        CarriagePolicy::Het,
        CarriagePolicy::Rail,
        CarriagePolicy::InlandWaterway,
        CarriagePolicy::Sea,
        CarriagePolicy::Air,
    ];

    /// The spelling used on the command line and in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            CarriagePolicy::Auto => "auto",
            CarriagePolicy::Road => "road",
            CarriagePolicy::Het => "het",
            CarriagePolicy::Rail => "rail",
            CarriagePolicy::InlandWaterway => "inland_waterway",
            CarriagePolicy::Sea => "sea",
            CarriagePolicy::Air => "air",
        }
    }

    /// Whether the policy lets the movement use `mode` at all.
    pub fn allows_mode(&self, mode: Mode) -> bool {
        match self {
            CarriagePolicy::Auto => true,
            CarriagePolicy::Road | CarriagePolicy::Het => mode == Mode::Road,
            CarriagePolicy::Rail => matches!(mode, Mode::Road | Mode::Rail),
            CarriagePolicy::InlandWaterway => matches!(mode, Mode::Road | Mode::InlandWaterway),
            CarriagePolicy::Sea => matches!(mode, Mode::Road | Mode::Sea),
            CarriagePolicy::Air => matches!(mode, Mode::Road | Mode::Air),
        }
    }

    /// The mode the movement is meant to use (`None` for `auto`).
    pub fn main_mode(&self) -> Option<Mode> {
        match self {
            CarriagePolicy::Auto => None,
            CarriagePolicy::Road | CarriagePolicy::Het => Some(Mode::Road),
            CarriagePolicy::Rail => Some(Mode::Rail),
            CarriagePolicy::InlandWaterway => Some(Mode::InlandWaterway),
            CarriagePolicy::Sea => Some(Mode::Sea),
            CarriagePolicy::Air => Some(Mode::Air),
        }
    }

    /// Whether every vehicle drives itself on roads (policy `road`).
    pub fn all_self_propelled(&self) -> bool {
        *self == CarriagePolicy::Road
    }

    /// Whether a heavy vehicle that no HET can carry makes the road mode
    /// unavailable (policy `het`) instead of driving itself.
    pub fn strict_het(&self) -> bool {
        *self == CarriagePolicy::Het
    }
}

impl fmt::Display for CarriagePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CarriagePolicy {
    type Err = ForceError;
    /// Accepts `auto`, `road` (or `self_propelled`), `het`, `rail`,
    /// `inland_waterway` (or `iww`, `barge`), `sea` (or `ship`), `air`,
    /// case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "auto" => Ok(CarriagePolicy::Auto),
            "road" | "self_propelled" => Ok(CarriagePolicy::Road),
            "het" => Ok(CarriagePolicy::Het),
            "rail" => Ok(CarriagePolicy::Rail),
            "inland_waterway" | "iww" | "barge" => Ok(CarriagePolicy::InlandWaterway),
            "sea" | "ship" => Ok(CarriagePolicy::Sea),
            "air" => Ok(CarriagePolicy::Air),
            _ => Err(ForceError::UnknownCarriagePolicy(s.to_string())),
        }
    }
}

/// Carrier types forced by the user (ids from the catalogue); `None` = the
/// first type in the catalogue that can carry each vehicle (for rail: the
/// vehicle's own `rail_wagon` first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarrierChoice {
    /// HET type id.
    pub het: Option<String>,
    /// Rail wagon type id.
    pub wagon: Option<String>,
    /// Ship type id (a `sea` vessel).
    pub ship: Option<String>,
    /// Barge type id (an `inland_waterway` vessel).
    pub barge: Option<String>,
    /// Aircraft type id.
    pub aircraft: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::force::vehicle::VehicleRole;
    use crate::force::DgCarriage;

    fn tank() -> VehicleType {
        VehicleType {
            id: "leo".into(),
            name: "Leopard 2A6".into(),
            role: VehicleRole::MainBattleTank,
            running_gear: RunningGear::Tracked,
            gross_weight_t: 62.3,
            mlc: 70,
            axles: 7,
            max_axle_t: 8.9,
            length_m: 10.97,
            width_m: 3.75,
            height_m: 3.0,
            max_road_speed_kmh: 68.0,
            dangerous_goods: None,
            dangerous_goods_carriage: DgCarriage::Other,
            net_explosive_mass_kg: None,
            self_propelled_road: false,
            rail_wagon: None,
            source: "test".into(),
        }
    }

    fn het() -> HetType {
        HetType {
            id: "het".into(),
            name: "M1070A1 + M1000".into(),
            tractor_tare_t: 20.66,
            trailer_tare_t: 22.7,
            payload_t: 63.5,
            axles: 9,
            deck_length_m: 10.24,
            max_load_length_m: 12.0,
            deck_height_m: 1.09,
            length_m: 23.0,
            width_m: 3.66,
            height_m: 3.6,
            loaded_speed_kmh: 40.0,
            source: "test".into(),
        }
    }

    fn wagon() -> WagonType {
        WagonType {
            id: "samms".into(),
            name: "Samms".into(),
            tare_t: 26.0,
            payload_t: 70.0,
            axles: 6,
            length_over_buffers_m: 17.0,
            deck_length_m: 15.4,
            deck_height_m: 1.2,
            max_speed_kmh: 100.0,
            source: "test".into(),
        }
    }

    #[test]
    fn het_combination() {
        let u = Carriage::OnHet { het: het() }.load(&tank()).unwrap();
        assert!((u.gross_weight_t - 105.66).abs() < 1e-9);
        assert_eq!(u.mlc_tracked, None);
        assert_eq!(
            u.mlc_wheeled,
            Some(derived_mlc(105.66, RunningGear::Wheeled))
        );
        assert!((u.height_m - 4.09).abs() < 1e-9);
        assert!((u.width_m - 3.75).abs() < 1e-9);
        assert!((u.length_m - (23.0 + 0.73)).abs() < 1e-9);
        assert!((u.axle_t - 105.66 / 9.0).abs() < 1e-9);
        let mut heavy = tank();
        heavy.gross_weight_t = 66.8;
        let e = Carriage::OnHet { het: het() }.load(&heavy).unwrap_err();
        assert_eq!(
            e,
            "Leopard 2A6 (66.8 t) exceeds M1070A1 + M1000 payload 63.5 t"
        );
    }

    #[test]
    fn tank_on_wagon_is_out_of_gauge() {
        let u = Carriage::OnRailWagon { wagon: wagon() }
            .load(&tank())
            .unwrap();
        assert!(u.out_of_gauge);
        assert_eq!(u.vehicles_per_carrier, 1);
        assert!((u.axle_t - 88.3 / 6.0).abs() < 1e-9);
        assert!((u.metre_load_t_per_m.unwrap() - 88.3 / 17.0).abs() < 1e-9);
        assert!((u.height_m - 4.2).abs() < 1e-9);
        let mut small = tank();
        small.width_m = 2.5;
        small.length_m = 7.0;
        small.gross_weight_t = 20.0;
        let u = Carriage::OnRailWagon { wagon: wagon() }
            .load(&small)
            .unwrap();
        assert!(!u.out_of_gauge);
        assert_eq!(u.vehicles_per_carrier, 2);
        small.height_m = 3.2; // 4.4 m above rail
        assert!(
            Carriage::OnRailWagon { wagon: wagon() }
                .load(&small)
                .unwrap()
                .out_of_gauge
        );
    }

    #[test]
    fn aircraft_limits() {
        let a400m = AircraftType {
            id: "a400m".into(),
            name: "A400M".into(),
            payload_t: 37.0,
            hold_length_m: 17.71,
            hold_width_m: 4.0,
            hold_height_m: 3.85,
            cruise_speed_kmh: 780.0,
            source: "test".into(),
        };
        let e = Carriage::ByAir {
            aircraft: a400m.clone(),
        }
        .load(&tank())
        .unwrap_err();
        assert_eq!(e, "Leopard 2A6 (62.3 t) exceeds A400M payload 37 t");
        let mut truck = tank();
        truck.gross_weight_t = 15.0;
        truck.width_m = 2.5;
        truck.length_m = 8.0;
        let u = Carriage::ByAir { aircraft: a400m }.load(&truck).unwrap();
        assert_eq!(u.vehicles_per_carrier, 2);
    }

    #[test]
    fn policy_parsing() {
        for p in CarriagePolicy::ALL {
            assert_eq!(p.as_str().parse::<CarriagePolicy>().unwrap(), p);
        }
        assert_eq!(
            "HET".parse::<CarriagePolicy>().unwrap(),
            CarriagePolicy::Het
        );
        assert!("boat".parse::<CarriagePolicy>().is_err());
        assert!(CarriagePolicy::Rail.allows_mode(Mode::Road));
        assert!(!CarriagePolicy::Rail.allows_mode(Mode::Air));
        assert!(!CarriagePolicy::Road.allows_mode(Mode::Rail));
        assert_eq!(CarriagePolicy::Auto.main_mode(), None);
    }

    #[test]
    fn numbers_format_compactly() {
        assert_eq!(num(62.3), "62.3");
        assert_eq!(num(4.2000000001), "4.2");
        assert_eq!(num(37.0), "37");
        assert_eq!(num(-0.001), "0");
    }
}
