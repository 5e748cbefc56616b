//! March doctrine: the planning parameters of a road march, with their
//! documented defaults and sources.
//!
//! Every default below names its source; where no primary figure was found
//! the default is marked **estimate**. The figures are the ones collected in
//! `../shared/docs/domain.md` §3 ("Moving a force"):
//!
//! - march unit ≈ 20 vehicles; open column 50–100 m between vehicles (10–20
//!   vehicles per km), close column 20–25 m (40–50 per km) — US FM 3-21.8,
//!   FM 55-30;
//! - intervals and speeds by road class — US FM 11-43: urban 50 m / 24 km/h,
//!   rural two-lane 150 m / 40 km/h, expressway 200 m / 66 km/h, blackout
//!   8 km/h; tracked columns on the autobahn observed at ~30 km/h;
//! - halts — US TR 100-98: 15 min after the first hour, then 10 min every
//!   2 hours; meal halts ≥ 30 min; the rate of march includes the short halts
//!   but not meal or overnight halts (also ATP 4-90 C-34);
//! - NATO road movement doctrine is AMovP-1 (STANAG 2454); movement tables
//!   and graphs STANAG 2041.
//!
//! A scenario file overrides any field in TOML (every field is optional; a
//! missing one keeps its default; an unknown one is an error):
//!
//! ```
//! use milmob::movement::MarchDoctrine;
//! let d = MarchDoctrine::from_toml_str(
//!     "march_unit_size = 25\n[halts]\nmeal_halt_min = 45\n",
//! )?;
//! assert_eq!(d.march_unit_size, 25);
//! assert_eq!(d.halts.meal_halt_min, 45.0);
//! assert_eq!(d.speeds.expressway_kmh, 66.0); // default kept
//! # Ok::<(), milmob::movement::DoctrineError>(())
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Everything that can be wrong with a doctrine: the file, its TOML, or a
/// value out of range (naming the field).
#[derive(Debug, thiserror::Error)]
pub enum DoctrineError {
    /// The doctrine file could not be read.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Not valid TOML for the doctrine format (syntax, unknown field, wrong
    /// type); the message names the line and field.
    #[error("{origin}: {message}")]
    Parse {
        /// The file name, or the caller's label.
        origin: String,
        /// The TOML parser's message.
        message: String,
    },
    /// A value out of its sensible range.
    #[error("doctrine field `{field}` = {value} is out of range: expected {expected}")]
    Invalid {
        /// The field, as written in TOML (e.g. `halts.first_halt_min`).
        field: &'static str,
        /// The value given.
        value: f64,
        /// The accepted range, with its unit.
        expected: &'static str,
    },
}

/// Road classes of US FM 11-43's interval and speed table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoadClass {
    /// Built-up areas.
    Urban,
    /// Rural two-lane roads.
    RuralTwoLane,
    /// Expressways, motorways, autobahns.
    Expressway,
}

impl RoadClass {
    /// All road classes, in table order.
    pub const ALL: [RoadClass; 3] = [
        RoadClass::Urban,
        RoadClass::RuralTwoLane,
        RoadClass::Expressway,
    ];
}

/// Running gear of the column's vehicles, for the march speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VehicleKind {
    /// Wheeled vehicles (trucks, wheeled armour such as Stryker or Boxer).
    Wheeled,
    /// Tracked vehicles on their own tracks (tanks, IFVs).
    Tracked,
}

/// Open or close column (the density of a column on the road).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Open column: 50–100 m between vehicles (FM 3-21.8; FM 55-30).
    Open,
    /// Close column: 20–25 m between vehicles (FM 3-21.8; FM 55-30).
    Close,
}

/// March speeds, km/h.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarchSpeeds {
    /// Urban roads, km/h. Default 24 (US FM 11-43).
    pub urban_kmh: f64,
    /// Rural two-lane roads, km/h. Default 40 (US FM 11-43).
    pub rural_two_lane_kmh: f64,
    /// Expressways, km/h. Default 66 (US FM 11-43).
    pub expressway_kmh: f64,
    /// Blackout driving (no lights), km/h, any road. Default 8 (US FM 11-43).
    pub blackout_kmh: f64,
    /// Most a tracked column makes on any road, km/h. Default 30: tracked
    /// columns on the autobahn have been seen at ~30 km/h (domain.md §3);
    /// applying the same cap on every road class is an **estimate**.
    pub tracked_max_kmh: f64,
}

impl Default for MarchSpeeds {
    fn default() -> Self {
        MarchSpeeds {
            urban_kmh: 24.0,
            rural_two_lane_kmh: 40.0,
            expressway_kmh: 66.0,
            blackout_kmh: 8.0,
            tracked_max_kmh: 30.0,
        }
    }
}

/// Vehicle intervals by road class (US FM 11-43), metres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoadIntervals {
    /// Urban roads, m between vehicles. Default 50 (US FM 11-43).
    pub urban_m: f64,
    /// Rural two-lane roads, m. Default 150 (US FM 11-43).
    pub rural_two_lane_m: f64,
    /// Expressways, m. Default 200 (US FM 11-43).
    pub expressway_m: f64,
}

impl Default for RoadIntervals {
    fn default() -> Self {
        RoadIntervals {
            urban_m: 50.0,
            rural_two_lane_m: 150.0,
            expressway_m: 200.0,
        }
    }
}

/// Short and meal halts (US TR 100-98).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HaltRule {
    /// Driving before the first short halt of a march day, hours. Default 1
    /// (TR 100-98: "15 min after the first hour").
    pub first_halt_after_h: f64,
    /// Length of the first short halt, minutes. Default 15 (TR 100-98).
    pub first_halt_min: f64,
    /// Driving between later short halts, hours. Default 2 (TR 100-98:
    /// "then 10 min every 2 hours").
    pub halt_every_h: f64,
    /// Length of each later short halt, minutes. Default 10 (TR 100-98).
    pub halt_min: f64,
    /// Length of a meal halt, minutes. Default 30 (TR 100-98: meal halts
    /// ≥ 30 min).
    pub meal_halt_min: f64,
    /// A march day with more driving than this, hours, gets one meal halt.
    /// Default 5 — an **estimate** (no primary figure found; compare the EU
    /// drivers' hours rule, Regulation (EC) 561/2006: a 45 min break after
    /// 4.5 h of driving).
    pub meal_halt_after_driving_h: f64,
}

impl Default for HaltRule {
    fn default() -> Self {
        HaltRule {
            first_halt_after_h: 1.0,
            first_halt_min: 15.0,
            halt_every_h: 2.0,
            halt_min: 10.0,
            meal_halt_min: 30.0,
            meal_halt_after_driving_h: 5.0,
        }
    }
}

/// The planning parameters of a road march. `Default` gives the documented
/// doctrine values; TOML (`from_toml_str`, `load`) overrides any field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarchDoctrine {
    /// Vehicles in one march unit. Default 20: "about 20 vehicles make a
    /// normal march unit" (FM 3-21.8; FM 55-30).
    pub march_unit_size: u32,
    /// March units in one serial; `None` (the default) plans no serials, so
    /// every gap in the column is a march-unit gap. Doctrine says only
    /// "several march units" (FM 55-30), so no default count is given.
    pub march_units_per_serial: Option<u32>,
    /// Interval between vehicles in open column, metres. Default 100, the
    /// upper end of 50–100 m (10–20 vehicles per km; FM 3-21.8; FM 55-30);
    /// "the normal interval of 100 meters between vehicles (10 vehicles per
    /// kilometer)" (US ST 100-3, ch. 8).
    pub open_column_interval_m: f64,
    /// Interval between vehicles in close column, metres. Default 25, the
    /// upper end of 20–25 m (40–50 vehicles per km; FM 3-21.8; FM 55-30).
    pub close_column_interval_m: f64,
    /// Time gap between consecutive march units, minutes. Default 5 — an
    /// **estimate** (doctrine leaves the gap to the movement order; a few
    /// minutes is common planning practice).
    pub march_unit_gap_min: f64,
    /// Time gap between consecutive serials, minutes (replaces the
    /// march-unit gap there). Default 10 — an **estimate**, twice the
    /// march-unit gap.
    pub serial_gap_min: f64,
    /// March speeds by road class and running gear.
    pub speeds: MarchSpeeds,
    /// Vehicle intervals by road class.
    pub road_intervals: RoadIntervals,
    /// Short and meal halts.
    pub halts: HaltRule,
    /// Most driving in one march day, hours; a march that needs more goes on
    /// the next day, after an overnight halt (each march day starts 24 h after
    /// the previous one). Default 10 — an **estimate**: the router's default
    /// daily driving limit (`--max-driving-hours 10`), and the EU drivers'
    /// hours rule (Regulation (EC) 561/2006: 9 h a day, 10 h twice a week).
    pub max_driving_h_per_day: f64,
}

impl Default for MarchDoctrine {
    fn default() -> Self {
        MarchDoctrine {
            march_unit_size: 20,
            march_units_per_serial: None,
            open_column_interval_m: 100.0,
            close_column_interval_m: 25.0,
            march_unit_gap_min: 5.0,
            serial_gap_min: 10.0,
            speeds: MarchSpeeds::default(),
            road_intervals: RoadIntervals::default(),
            halts: HaltRule::default(),
            max_driving_h_per_day: 10.0,
        }
    }
}

/// Checks `lo < value ≤ hi` (or `lo ≤ value` when `lo_inclusive`), finite.
fn check(
    field: &'static str,
    value: f64,
    lo: f64,
    lo_inclusive: bool,
    hi: f64,
    expected: &'static str,
) -> Result<(), DoctrineError> {
    let above = if lo_inclusive {
        value >= lo
    } else {
        value > lo
    };
    if value.is_finite() && above && value <= hi {
        Ok(())
    } else {
        Err(DoctrineError::Invalid {
            field,
            value,
            expected,
        })
    }
}

impl MarchDoctrine {
    /// Parses a doctrine from TOML (missing fields keep their defaults) and
    /// validates it.
    pub fn from_toml_str(s: &str) -> Result<MarchDoctrine, DoctrineError> {
        Self::parse_named(s, "<doctrine>")
    }

    /// Reads and validates a doctrine TOML file.
    pub fn load(path: impl AsRef<Path>) -> Result<MarchDoctrine, DoctrineError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| DoctrineError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse_named(&text, &path.display().to_string())
    }

    fn parse_named(s: &str, origin: &str) -> Result<MarchDoctrine, DoctrineError> {
        let d: MarchDoctrine = toml::from_str(s).map_err(|e| DoctrineError::Parse {
            origin: origin.to_string(),
            message: e.to_string().trim_end().to_string(),
        })?;
        d.validate()?;
        Ok(d)
    }

    /// Rejects absurd values (non-finite, zero or negative where a positive
    /// value is needed, beyond any real column); the error names the field.
    pub fn validate(&self) -> Result<(), DoctrineError> {
        check(
            "march_unit_size",
            f64::from(self.march_unit_size),
            1.0,
            true,
            500.0,
            "1..=500 vehicles",
        )?;
        if let Some(n) = self.march_units_per_serial {
            check(
                "march_units_per_serial",
                f64::from(n),
                1.0,
                true,
                100.0,
                "1..=100 march units",
            )?;
        }
        check(
            "open_column_interval_m",
            self.open_column_interval_m,
            1.0,
            true,
            1000.0,
            "1..=1000 m",
        )?;
        check(
            "close_column_interval_m",
            self.close_column_interval_m,
            1.0,
            true,
            self.open_column_interval_m,
            "≥ 1 m and ≤ open_column_interval_m",
        )?;
        check(
            "march_unit_gap_min",
            self.march_unit_gap_min,
            0.0,
            true,
            240.0,
            "0..=240 min",
        )?;
        check(
            "serial_gap_min",
            self.serial_gap_min,
            0.0,
            true,
            240.0,
            "0..=240 min",
        )?;
        let s = &self.speeds;
        for (field, v) in [
            ("speeds.urban_kmh", s.urban_kmh),
            ("speeds.rural_two_lane_kmh", s.rural_two_lane_kmh),
            ("speeds.expressway_kmh", s.expressway_kmh),
            ("speeds.blackout_kmh", s.blackout_kmh),
            ("speeds.tracked_max_kmh", s.tracked_max_kmh),
        ] {
            check(field, v, 0.1, true, 120.0, "0.1..=120 km/h")?;
        }
        let r = &self.road_intervals;
        for (field, v) in [
            ("road_intervals.urban_m", r.urban_m),
            ("road_intervals.rural_two_lane_m", r.rural_two_lane_m),
            ("road_intervals.expressway_m", r.expressway_m),
        ] {
            check(field, v, 1.0, true, 1000.0, "1..=1000 m")?;
        }
        let h = &self.halts;
        check(
            "halts.first_halt_after_h",
            h.first_halt_after_h,
            0.25,
            true,
            24.0,
            "0.25..=24 h",
        )?;
        check(
            "halts.first_halt_min",
            h.first_halt_min,
            0.0,
            true,
            120.0,
            "0..=120 min",
        )?;
        check(
            "halts.halt_every_h",
            h.halt_every_h,
            0.25,
            true,
            24.0,
            "0.25..=24 h",
        )?;
        check(
            "halts.halt_min",
            h.halt_min,
            0.0,
            true,
            120.0,
            "0..=120 min",
        )?;
        check(
            "halts.meal_halt_min",
            h.meal_halt_min,
            0.0,
            true,
            240.0,
            "0..=240 min",
        )?;
        check(
            "halts.meal_halt_after_driving_h",
            h.meal_halt_after_driving_h,
            0.0,
            true,
            24.0,
            "0..=24 h",
        )?;
        check(
            "max_driving_h_per_day",
            self.max_driving_h_per_day,
            0.0,
            false,
            16.0,
            "> 0 and ≤ 16 h (a march day is 24 h, halts and rest included)",
        )?;
        Ok(())
    }

    /// March speed of a column on a road class, km/h: the FM 11-43 speed of
    /// the road class; for tracked vehicles at most `speeds.tracked_max_kmh`.
    pub fn speed_kmh(&self, road: RoadClass, kind: VehicleKind) -> f64 {
        let s = &self.speeds;
        let road_speed = match road {
            RoadClass::Urban => s.urban_kmh,
            RoadClass::RuralTwoLane => s.rural_two_lane_kmh,
            RoadClass::Expressway => s.expressway_kmh,
        };
        match kind {
            VehicleKind::Wheeled => road_speed,
            VehicleKind::Tracked => road_speed.min(s.tracked_max_kmh),
        }
    }

    /// Vehicle interval of an open or close column, metres.
    pub fn interval_m(&self, column: ColumnKind) -> f64 {
        match column {
            ColumnKind::Open => self.open_column_interval_m,
            ColumnKind::Close => self.close_column_interval_m,
        }
    }

    /// FM 11-43 vehicle interval on a road class, metres.
    pub fn road_interval_m(&self, road: RoadClass) -> f64 {
        let r = &self.road_intervals;
        match road {
            RoadClass::Urban => r.urban_m,
            RoadClass::RuralTwoLane => r.rural_two_lane_m,
            RoadClass::Expressway => r.expressway_m,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_figures_and_valid() {
        let d = MarchDoctrine::default();
        d.validate().unwrap();
        assert_eq!(d.march_unit_size, 20);
        assert_eq!(d.open_column_interval_m, 100.0);
        assert_eq!(d.close_column_interval_m, 25.0);
        assert_eq!(d.march_unit_gap_min, 5.0);
        assert_eq!(d.max_driving_h_per_day, 10.0);
        assert_eq!(d.halts.first_halt_min, 15.0);
        assert_eq!(d.halts.halt_min, 10.0);
        assert_eq!(d.halts.halt_every_h, 2.0);
        assert_eq!(d.halts.meal_halt_min, 30.0);
        // FM 11-43: urban 24, rural 40, expressway 66 km/h; tracked ~30.
        use RoadClass::*;
        use VehicleKind::*;
        assert_eq!(d.speed_kmh(Urban, Wheeled), 24.0);
        assert_eq!(d.speed_kmh(RuralTwoLane, Wheeled), 40.0);
        assert_eq!(d.speed_kmh(Expressway, Wheeled), 66.0);
        assert_eq!(d.speed_kmh(Expressway, Tracked), 30.0);
        assert_eq!(d.speed_kmh(Urban, Tracked), 24.0);
        assert_eq!(d.road_interval_m(Urban), 50.0);
        assert_eq!(d.road_interval_m(RuralTwoLane), 150.0);
        assert_eq!(d.road_interval_m(Expressway), 200.0);
        // 100 m open column = 10 vehicles per km; 25 m close column = 40.
        assert_eq!(1000.0 / d.interval_m(ColumnKind::Open), 10.0);
        assert_eq!(1000.0 / d.interval_m(ColumnKind::Close), 40.0);
    }

    #[test]
    fn toml_overrides_any_field_and_keeps_the_rest() {
        let d = MarchDoctrine::from_toml_str(
            "march_unit_size = 30\nmarch_units_per_serial = 4\nmax_driving_h_per_day = 8.5\n\
             [speeds]\ntracked_max_kmh = 25\n[road_intervals]\nurban_m = 40\n\
             [halts]\nfirst_halt_min = 20\n",
        )
        .unwrap();
        assert_eq!(d.march_unit_size, 30);
        assert_eq!(d.march_units_per_serial, Some(4));
        assert_eq!(d.max_driving_h_per_day, 8.5);
        assert_eq!(d.speeds.tracked_max_kmh, 25.0);
        assert_eq!(d.speeds.urban_kmh, 24.0);
        assert_eq!(d.road_intervals.urban_m, 40.0);
        assert_eq!(d.halts.first_halt_min, 20.0);
        assert_eq!(d.halts.halt_min, 10.0);
        // The empty file is the default doctrine; a round trip is lossless.
        assert_eq!(
            MarchDoctrine::from_toml_str("").unwrap(),
            MarchDoctrine::default()
        );
        let text = toml::to_string(&d).unwrap();
        assert_eq!(MarchDoctrine::from_toml_str(&text).unwrap(), d);
    }

    #[test]
    fn absurd_values_name_the_field() {
        for (toml, field) in [
            ("march_unit_size = 0", "march_unit_size"),
            ("march_units_per_serial = 0", "march_units_per_serial"),
            ("open_column_interval_m = -5", "open_column_interval_m"),
            ("open_column_interval_m = nan", "open_column_interval_m"),
            ("close_column_interval_m = 150", "close_column_interval_m"),
            ("march_unit_gap_min = -1", "march_unit_gap_min"),
            ("serial_gap_min = inf", "serial_gap_min"),
            ("[speeds]\nexpressway_kmh = 300", "speeds.expressway_kmh"),
            ("[speeds]\ntracked_max_kmh = 0", "speeds.tracked_max_kmh"),
            ("[road_intervals]\nurban_m = 0", "road_intervals.urban_m"),
            ("[halts]\nhalt_every_h = 0", "halts.halt_every_h"),
            ("[halts]\nfirst_halt_min = -15", "halts.first_halt_min"),
            ("max_driving_h_per_day = 30", "max_driving_h_per_day"),
        ] {
            match MarchDoctrine::from_toml_str(toml) {
                Err(DoctrineError::Invalid { field: f, .. }) => assert_eq!(f, field, "{toml}"),
                other => panic!("{toml}: expected an Invalid error, got {other:?}"),
            }
        }
        let e = MarchDoctrine::from_toml_str("march_unit_size = 0").unwrap_err();
        assert!(e.to_string().contains("`march_unit_size` = 0"), "{e}");
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_parse_errors() {
        for toml in [
            "march_unit_sise = 20",
            "[halts]\nlunch_min = 30",
            "march_unit_size = \"twenty\"",
            "march_unit_size = -3",
        ] {
            let e = MarchDoctrine::from_toml_str(toml).unwrap_err();
            assert!(matches!(e, DoctrineError::Parse { .. }), "{toml}: {e:?}");
        }
        let e = MarchDoctrine::from_toml_str("march_unit_sise = 20").unwrap_err();
        assert!(e.to_string().contains("march_unit_sise"), "{e}");
        let e = MarchDoctrine::load("/nonexistent/doctrine.toml").unwrap_err();
        assert!(matches!(e, DoctrineError::Io { .. }));
    }
}
