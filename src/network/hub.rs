//! Hubs: the typed nodes of the corridor network.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use geo::Point;
use serde::{Deserialize, Serialize};

use super::{Capacity, DailyWindow, Mode};
use crate::country::Country;

/// What a hub is. A hub may be of several kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HubKind {
    /// Logistics hub (depot, distribution point).
    LogisticsHub,
    /// Staging area: forces assemble, rest and wait.
    StagingArea,
    /// Convoy support centre: overnight halt, fuel, maintenance for columns.
    ConvoySupportCentre,
    /// Railhead: military loading/unloading ramp.
    Railhead,
    /// Rail terminal (intermodal or marshalling).
    RailTerminal,
    /// Sea port with Ro-Ro berths.
    SeaPort,
    /// Inland (river) port.
    InlandPort,
    /// Airport or air base (APOD).
    Airport,
    /// Border crossing point.
    BorderCrossing,
    /// Fuel point.
    FuelPoint,
    /// Plain road or rail junction.
    Junction,
    /// Halt area along a road (motorway service area, lay-by or parking
    /// area large enough for a march unit): a road column may halt
    /// overnight here, but nothing is loaded or supplied.
    HaltArea,
}

impl HubKind {
    /// All kinds, in canonical order.
    pub const ALL: [HubKind; 12] = [
        HubKind::LogisticsHub,
        HubKind::StagingArea,
        HubKind::ConvoySupportCentre,
        HubKind::Railhead,
        HubKind::RailTerminal,
        HubKind::SeaPort,
        HubKind::InlandPort,
        HubKind::Airport,
        HubKind::BorderCrossing,
        HubKind::FuelPoint,
        HubKind::Junction,
        HubKind::HaltArea,
    ];

    /// The spelling used in files, e.g. `"convoy_support_centre"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            HubKind::LogisticsHub => "logistics_hub",
            HubKind::StagingArea => "staging_area",
            HubKind::ConvoySupportCentre => "convoy_support_centre",
            HubKind::Railhead => "railhead",
            HubKind::RailTerminal => "rail_terminal",
            HubKind::SeaPort => "sea_port",
            HubKind::InlandPort => "inland_port",
            HubKind::Airport => "airport",
            HubKind::BorderCrossing => "border_crossing",
            HubKind::FuelPoint => "fuel_point",
            HubKind::Junction => "junction",
            HubKind::HaltArea => "halt_area",
        }
    }

    /// Whether a road column may halt overnight here (convoy support centre,
    /// staging area, logistics hub, halt area).
    pub fn allows_rest_halt(&self) -> bool {
        matches!(
            self,
            HubKind::ConvoySupportCentre
                | HubKind::StagingArea
                | HubKind::LogisticsHub
                | HubKind::HaltArea
        )
    }
}

impl fmt::Display for HubKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HubKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        HubKind::ALL
            .into_iter()
            .find(|k| k.as_str() == t)
            .ok_or_else(|| {
                let names: Vec<_> = HubKind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown hub kind `{s}` (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// What a hub offers for one mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeService {
    /// Minutes to load or unload one movement unit (march unit, train, ship,
    /// aircraft) on this mode. `Some` (even 0) means the hub can load/unload
    /// this mode; `None` means it cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_min: Option<f64>,
    /// Movement units handled per day on this mode; `None` = no known limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_per_day: Option<f64>,
    /// Minutes to unload one full movement unit, when it differs from
    /// loading (a prepared ramp unloads a train far faster than it is
    /// loaded); `None` = the same as `handling_min`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unloading_min: Option<f64>,
}

impl ModeService {
    /// Minutes to unload one full movement unit (`unloading_min`, else
    /// `handling_min`).
    pub fn unload_min(&self) -> Option<f64> {
        self.unloading_min.or(self.handling_min)
    }

    /// Units handled per day, as a typed [`Capacity`] (`None` = no known limit).
    pub fn capacity(&self) -> Option<Capacity> {
        self.capacity_per_day.map(Capacity::per_day)
    }

    /// How many units the service can handle at once:
    /// `ceil(capacity_per_day × handling_min / 1440)`, at least 1. Rounding
    /// up to whole units means the service can pass somewhat more than
    /// `capacity_per_day` when that product is not whole (10 a day at
    /// 150 min each: 2 at once, up to 19 a day). `None` when the
    /// capacity or the handling time is unknown (no known limit).
    pub fn handled_at_once(&self) -> Option<u32> {
        let (c, h) = (self.capacity_per_day?, self.handling_min?);
        let n = (c * h / 1440.0).ceil();
        Some(if n.is_finite() && n >= 1.0 {
            n.min(f64::from(u32::MAX)) as u32
        } else {
            1
        })
    }
}

/// A hub: a place where movements start, end, change mode, halt or cross a border.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hub {
    /// Stable id, unique in the network.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Country the hub lies in; its working-day calendar governs permits.
    pub country: Country,
    /// Location, WGS84 degrees (x = longitude, y = latitude).
    pub location: Point<f64>,
    /// What the hub is (at least one, sorted, no repeats).
    pub kinds: Vec<HubKind>,
    /// Handling per mode; a mode absent here cannot be loaded/unloaded here.
    pub services: BTreeMap<Mode, ModeService>,
    /// Local opening hours; `None` = 24/7.
    pub opening_hours: Option<DailyWindow>,
    /// Minutes per train to transship between rail track gauges; `None` =
    /// no gauge change possible here.
    pub gauge_change_min: Option<f64>,
    /// How many vehicles can wait here at once (parking and holding area);
    /// `None` = no known limit.
    #[serde(default)]
    pub hold_vehicles: Option<u32>,
    /// Where the facts come from, or `estimate` / `illustrative`.
    pub source: Option<String>,
}

impl Hub {
    /// A hub with the given id, name, country, location (lon, lat degrees)
    /// and kinds, and nothing else.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        country: Country,
        lon: f64,
        lat: f64,
        kinds: &[HubKind],
    ) -> Hub {
        let mut kinds = kinds.to_vec();
        kinds.sort();
        kinds.dedup();
        Hub {
            id: id.into(),
            name: name.into(),
            country,
            location: Point::new(lon, lat),
            kinds,
            services: BTreeMap::new(),
            opening_hours: None,
            gauge_change_min: None,
            hold_vehicles: None,
            source: None,
        }
    }

    /// Whether the hub is of this kind.
    pub fn is(&self, kind: HubKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// Latitude, degrees.
    pub fn lat(&self) -> f64 {
        self.location.y()
    }

    /// Longitude, degrees.
    pub fn lon(&self) -> f64 {
        self.location.x()
    }

    /// Minutes to load or unload one movement unit on `mode`, if the hub can.
    pub fn handling_min(&self, mode: Mode) -> Option<f64> {
        self.services.get(&mode).and_then(|s| s.handling_min)
    }

    /// Whether a road column may halt overnight here.
    pub fn allows_rest_halt(&self) -> bool {
        self.kinds.iter().any(|k| k.allows_rest_halt())
    }
}
