//! Capacity: how many movement units a link or a hub service passes per
//! period.
//!
//! A link's capacity counts entries in one direction: road march units per
//! hour, rail train paths per day, sea and inland-waterway sailings per day,
//! air slots per day. A hub service's capacity counts movement units loaded
//! or unloaded per day. The force-movement scheduler turns a capacity into a
//! headway (`period / units`): units entering in the same direction are at
//! least one headway apart.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::Mode;

/// The period a capacity is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// One hour (3,600 s).
    Hour,
    /// One day (86,400 s).
    Day,
}

impl Period {
    /// Length of the period, seconds.
    pub fn secs(&self) -> u32 {
        match self {
            Period::Hour => 3_600,
            Period::Day => 86_400,
        }
    }

    /// The spelling used in files: `hour` or `day`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
        }
    }

    /// The period a link capacity on `mode` is counted over when a file does
    /// not say: hours on roads (march units per hour), days on every other
    /// mode (train paths, sailings, slots per day).
    pub fn default_for(mode: Mode) -> Period {
        match mode {
            Mode::Road => Period::Hour,
            _ => Period::Day,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hour" | "h" => Ok(Period::Hour),
            "day" | "d" => Ok(Period::Day),
            _ => Err(format!(
                "unknown capacity period `{s}` (expected `hour` or `day`)"
            )),
        }
    }
}

/// Movement units per period (> 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Movement units per period (march units, train paths, sailings,
    /// slots, or units handled), > 0.
    pub units: f64,
    /// The period counted over.
    pub per: Period,
}

impl Capacity {
    /// `units` per hour.
    pub fn per_hour(units: f64) -> Capacity {
        Capacity {
            units,
            per: Period::Hour,
        }
    }

    /// `units` per day.
    pub fn per_day(units: f64) -> Capacity {
        Capacity {
            units,
            per: Period::Day,
        }
    }

    /// Units per day (an hourly capacity × 24).
    pub fn units_per_day(&self) -> f64 {
        self.units * f64::from(Period::Day.secs()) / f64::from(self.per.secs())
    }

    /// The shortest interval between two units entering, seconds:
    /// `period / units` (`None` if `units` is not positive and finite).
    pub fn headway_secs(&self) -> Option<f64> {
        (self.units.is_finite() && self.units > 0.0)
            .then(|| f64::from(self.per.secs()) / self.units)
    }

    /// The same capacity scaled by `factor` (e.g. 0.5 for a halved
    /// capacity during a disruption).
    pub fn scaled(&self, factor: f64) -> Capacity {
        Capacity {
            units: self.units * factor,
            per: self.per,
        }
    }
}

impl fmt::Display for Capacity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} per {}", self.units, self.per)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headways_and_daily_units() {
        let road = Capacity::per_hour(8.0);
        assert_eq!(road.headway_secs(), Some(450.0));
        assert_eq!(road.units_per_day(), 192.0);
        let rail = Capacity::per_day(30.0);
        assert_eq!(rail.headway_secs(), Some(2880.0));
        assert_eq!(rail.scaled(0.5).units, 15.0);
        assert_eq!(Capacity::per_day(0.0).headway_secs(), None);
        assert_eq!(Period::default_for(Mode::Road), Period::Hour);
        assert_eq!(Period::default_for(Mode::Sea), Period::Day);
        assert_eq!("day".parse::<Period>(), Ok(Period::Day));
        assert!("week".parse::<Period>().is_err());
    }
}
