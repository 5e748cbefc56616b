//! OpenStreetMap road classes (`highway=*`) and the march speed milmob
//! assumes on each when the data gives none.
//!
//! **Assumption.** The default speeds are those of a military road column,
//! not of a car: US Army FM 11-43 ("The Leader's Guide to Lightfighter
//! Mobility" table of intervals and speeds, also FM 55-30) gives 66 km/h on
//! expressways, 40 km/h on rural two-lane roads and 24 km/h in built-up
//! areas. milmob maps motorways and trunk roads to the expressway speed,
//! primary to tertiary roads to the rural two-lane speed, residential and
//! living streets to the urban speed; ramps (`*_link`), unclassified roads,
//! service roads and tracks get estimated speeds (marked below). A posted
//! `maxspeed:hgv` or `maxspeed` lower than the default caps it (a column
//! does not exceed the legal limit); it never raises it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A road class of OpenStreetMap's `highway` key that milmob imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HighwayClass {
    /// `motorway`.
    Motorway,
    /// `motorway_link`.
    MotorwayLink,
    /// `trunk`.
    Trunk,
    /// `trunk_link`.
    TrunkLink,
    /// `primary`.
    Primary,
    /// `primary_link`.
    PrimaryLink,
    /// `secondary`.
    Secondary,
    /// `secondary_link`.
    SecondaryLink,
    /// `tertiary`.
    Tertiary,
    /// `tertiary_link`.
    TertiaryLink,
    /// `unclassified` (minor public roads).
    Unclassified,
    /// `residential`.
    Residential,
    /// `living_street`.
    LivingStreet,
    /// `service` (access roads to sites, e.g. a railhead or a barracks).
    Service,
    /// `track` (agricultural and forest tracks: training areas).
    Track,
}

impl HighwayClass {
    /// Every class, from the highest to the lowest.
    pub const ALL: [HighwayClass; 15] = [
        HighwayClass::Motorway,
        HighwayClass::MotorwayLink,
        HighwayClass::Trunk,
        HighwayClass::TrunkLink,
        HighwayClass::Primary,
        HighwayClass::PrimaryLink,
        HighwayClass::Secondary,
        HighwayClass::SecondaryLink,
        HighwayClass::Tertiary,
        HighwayClass::TertiaryLink,
        HighwayClass::Unclassified,
        HighwayClass::Residential,
        HighwayClass::LivingStreet,
        HighwayClass::Service,
        HighwayClass::Track,
    ];

    /// The classes imported when none are named: motorway to tertiary with
    /// their ramps, and unclassified roads (the first 11 of [`Self::ALL`]).
    pub const DEFAULT: &'static [HighwayClass] = HighwayClass::ALL.split_at(11).0;

    /// The OSM value, e.g. `"motorway_link"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            HighwayClass::Motorway => "motorway",
            HighwayClass::MotorwayLink => "motorway_link",
            HighwayClass::Trunk => "trunk",
            HighwayClass::TrunkLink => "trunk_link",
            HighwayClass::Primary => "primary",
            HighwayClass::PrimaryLink => "primary_link",
            HighwayClass::Secondary => "secondary",
            HighwayClass::SecondaryLink => "secondary_link",
            HighwayClass::Tertiary => "tertiary",
            HighwayClass::TertiaryLink => "tertiary_link",
            HighwayClass::Unclassified => "unclassified",
            HighwayClass::Residential => "residential",
            HighwayClass::LivingStreet => "living_street",
            HighwayClass::Service => "service",
            HighwayClass::Track => "track",
        }
    }

    /// Default march speed of a military column on this class, km/h (see
    /// the module docs: FM 11-43 speeds, estimates marked).
    pub fn default_speed_kmh(&self) -> f64 {
        match self {
            // FM 11-43 expressway.
            HighwayClass::Motorway | HighwayClass::Trunk => 66.0,
            // FM 11-43 rural two-lane road.
            HighwayClass::Primary | HighwayClass::Secondary | HighwayClass::Tertiary => 40.0,
            // Estimate: ramps and minor roads between rural and urban speed.
            HighwayClass::MotorwayLink
            | HighwayClass::TrunkLink
            | HighwayClass::PrimaryLink
            | HighwayClass::SecondaryLink
            | HighwayClass::TertiaryLink
            | HighwayClass::Unclassified => 30.0,
            // FM 11-43 urban.
            HighwayClass::Residential => 24.0,
            // Estimates: walking-pace streets, site roads, tracks.
            HighwayClass::LivingStreet => 10.0,
            HighwayClass::Service => 15.0,
            HighwayClass::Track => 10.0,
        }
    }

    /// Whether OSM implies `oneway=yes` for the class (motorways and their
    /// ramps; OSM wiki Key:oneway, "implied oneway").
    pub fn implies_oneway(&self) -> bool {
        matches!(self, HighwayClass::Motorway | HighwayClass::MotorwayLink)
    }
}

impl FromStr for HighwayClass {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        HighwayClass::ALL
            .into_iter()
            .find(|c| c.as_str() == t)
            .ok_or_else(|| {
                let names: Vec<_> = HighwayClass::ALL.iter().map(|c| c.as_str()).collect();
                format!(
                    "unknown highway class `{s}` (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

impl fmt::Display for HighwayClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_speeds_are_plausible() {
        for c in HighwayClass::ALL {
            assert_eq!(c.as_str().parse::<HighwayClass>(), Ok(c));
            let v = c.default_speed_kmh();
            assert!((5.0..=70.0).contains(&v), "{c}: {v}");
        }
        assert!("footway".parse::<HighwayClass>().is_err());
        assert!(HighwayClass::Motorway.implies_oneway());
        assert!(!HighwayClass::Trunk.implies_oneway());
    }
}
