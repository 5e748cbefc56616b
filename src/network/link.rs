//! Links: the typed, directed-or-not edges of the corridor network.

use geo::LineString;
use serde::{Deserialize, Serialize};

use super::{Capacity, DailyWindow, Limits, Mode};

/// A link between two hubs on one mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Stable id, unique in the network.
    pub id: String,
    /// Id of the hub at the start.
    pub from: String,
    /// Id of the hub at the end.
    pub to: String,
    /// Transport mode.
    pub mode: Mode,
    /// `true`: usable only from `from` to `to`.
    pub oneway: bool,
    /// Length along the way, km (> 0).
    pub length_km: f64,
    /// Typical speed of a military movement unit, km/h; `None` = the mode's default.
    pub speed_kmh: Option<f64>,
    /// Travel time, minutes; overrides length/speed when set.
    pub travel_time_min: Option<f64>,
    /// Load limits.
    pub limits: Limits,
    /// Entry capacity per direction: road march units per hour, rail train
    /// paths per day, sailings per day, air slots per day (files may state
    /// another period in `capacity_per`); `None` = no known limit.
    pub capacity: Option<Capacity>,
    /// Part of the dual-use (civil-military) network.
    pub dual_use: bool,
    /// Ids of the corridors the link belongs to (sorted, no repeats).
    pub corridors: Vec<String>,
    /// Local time window (of the `from` hub's country) in which the link may be entered.
    pub open_hours: Option<DailyWindow>,
    /// Shape of the way (WGS84 lon/lat); `None` = straight segment.
    pub geometry: Option<LineString<f64>>,
    /// Human name, e.g. `A2 Hannover–Berlin`.
    pub name: Option<String>,
    /// Where the facts come from, or `estimate` / `illustrative`.
    pub source: Option<String>,
}

impl Link {
    /// A both-ways link with no limits, capacity, corridors or notes.
    pub fn new(
        id: impl Into<String>,
        from: impl Into<String>,
        to: impl Into<String>,
        mode: Mode,
        length_km: f64,
    ) -> Link {
        Link {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            mode,
            oneway: false,
            length_km,
            speed_kmh: None,
            travel_time_min: None,
            limits: Limits::default(),
            capacity: None,
            dual_use: false,
            corridors: Vec::new(),
            open_hours: None,
            geometry: None,
            name: None,
            source: None,
        }
    }

    /// Travel time in minutes: `travel_time_min`, else length / speed (the
    /// link's or the mode's default speed).
    pub fn travel_minutes(&self) -> f64 {
        match self.travel_time_min {
            Some(t) => t,
            None => {
                let v = self
                    .speed_kmh
                    .unwrap_or_else(|| self.mode.default_speed_kmh());
                self.length_km / v * 60.0
            }
        }
    }

    /// Speed implied by length and travel time, km/h.
    pub fn effective_speed_kmh(&self) -> f64 {
        self.length_km / (self.travel_minutes() / 60.0)
    }
}
