//! Transport modes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A transport mode. Spelled in files and JSON as `road`, `rail`,
/// `inland_waterway`, `sea`, `air`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Road: self-propelled columns or loads on heavy equipment transporters.
    Road,
    /// Rail: trains on a given track gauge.
    Rail,
    /// Inland waterway: barges and push convoys.
    InlandWaterway,
    /// Sea: Ro-Ro and other ships.
    Sea,
    /// Air: strategic airlift.
    Air,
}

impl Mode {
    /// All modes, in canonical order.
    pub const ALL: [Mode; 5] = [
        Mode::Road,
        Mode::Rail,
        Mode::InlandWaterway,
        Mode::Sea,
        Mode::Air,
    ];

    /// The spelling used in files, e.g. `"inland_waterway"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Mode::Road => "road",
            Mode::Rail => "rail",
            Mode::InlandWaterway => "inland_waterway",
            Mode::Sea => "sea",
            Mode::Air => "air",
        }
    }

    /// Default speed of a military movement unit on this mode, in km/h, used
    /// when a link gives neither `speed_kmh` nor `travel_time_min`.
    /// Road 50 (rural march speed, US FM 4-01.011 range 40–66), rail 60,
    /// inland waterway 12, sea 37 (20 kn: Ro-Ro ferries sail at 20–22 kn,
    /// domain brief §3), air 700. Estimates.
    pub fn default_speed_kmh(&self) -> f64 {
        match self {
            Mode::Road => 50.0,
            Mode::Rail => 60.0,
            Mode::InlandWaterway => 12.0,
            Mode::Sea => 37.0,
            Mode::Air => 700.0,
        }
    }

    /// The unit in which a link's `capacity` on this mode is counted.
    pub fn capacity_unit(&self) -> &'static str {
        match self {
            Mode::Road => "march units per hour",
            Mode::Rail => "train paths per day",
            Mode::InlandWaterway | Mode::Sea => "sailings per day",
            Mode::Air => "slots per day",
        }
    }

    /// Index in [`Mode::ALL`] (0..5).
    pub fn index(&self) -> usize {
        *self as usize
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mode name that is not one of the five.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown mode `{0}` (expected road, rail, inland_waterway, sea or air)")]
pub struct UnknownMode(pub String);

impl FromStr for Mode {
    type Err = UnknownMode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "road" => Ok(Mode::Road),
            "rail" => Ok(Mode::Rail),
            "inland_waterway" | "iww" => Ok(Mode::InlandWaterway),
            "sea" => Ok(Mode::Sea),
            "air" => Ok(Mode::Air),
            _ => Err(UnknownMode(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_names() {
        for m in Mode::ALL {
            assert_eq!(m.as_str().parse::<Mode>().unwrap(), m);
            assert_eq!(Mode::ALL[m.index()], m);
        }
        assert!("ferry".parse::<Mode>().is_err());
    }
}
