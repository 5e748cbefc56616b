//! Operating rules of a network that shape movement times beyond link
//! speeds: how fast exceptional (out-of-gauge) trains run, how long a train
//! stands at a border for a locomotive and crew change, the least time any
//! handling takes, and how far a movement whose main leg is rail, sea,
//! inland waterway or air may go by road to and from its loading points.
//! Read from the `[operations]` table of `network.toml`; every value has a
//! documented default.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DailyWindow, Mode};

/// Operating rules of a network. All durations in minutes, speeds in km/h,
/// distances in km.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Operations {
    /// Top speed of an exceptional consignment (an out-of-gauge load such as
    /// a main battle tank whose tracks overhang the wagon), km/h. Default 40:
    /// an estimate — such trains run under individual speed restrictions
    /// (UIC leaflet 502-1 conditions for loads outside the gauge; often
    /// 40–60 km/h, and no meeting other out-of-gauge trains on adjacent
    /// track).
    pub exceptional_train_speed_kmh: f64,
    /// Local-time window (of the hub left) in which an exceptional train may
    /// enter a rail link: such trains run on the paths they are given, which
    /// for out-of-gauge loads that may not meet other trains are mostly at
    /// night. Default `20:00-06:00` — an **estimate**, not a published rule,
    /// calibrated so that the August 2020 Nabburg → Rukla move of
    /// Panzerbataillon 104 (about 1,400 km in 5 days, MNC NE 21 Aug 2020)
    /// comes out in the reported order of days. `None` = any time.
    pub exceptional_train_window: Option<DailyWindow>,
    /// Minutes a train stands where it crosses a border: locomotive and crew
    /// change, brake test, handover between infrastructure managers. Default
    /// 120 (estimate).
    pub rail_border_dwell_min: f64,
    /// Least handling time of one movement unit, however small the load,
    /// minutes per mode (ramp positioning, lashing, documents). Defaults
    /// (estimates): rail 30 (a full train was unloaded in under 30 minutes
    /// at a prepared ramp), sea 60 (Ro-Ro check-in and lashing), inland
    /// waterway 45, air 30.
    pub min_handling_min: BTreeMap<Mode, f64>,
    /// Most road km to a loading point and from an unloading point when the
    /// carriage policy names a main mode (rail, sea, inland waterway, air).
    /// Default 150 km per mode (estimate: garrisons to their railheads and
    /// ports of embarkation; the 2020 Grafenwöhr move loaded at Nabburg,
    /// ~40 km away).
    pub access_road_km: BTreeMap<Mode, f64>,
    /// A sortie is one flight between two airfields: every pair of hubs that
    /// handle air loads and are at most this far apart (great circle × 1.02)
    /// gets a direct flight, besides the network's own air links. Default
    /// 3,500 km — an **estimate** of a loaded transport's range (A400M about
    /// 3,300 km with 30 t; C-17 about 4,400 km with 70 t); `None` = only the
    /// network's air links.
    pub air_direct_max_km: Option<f64>,
}

impl Default for Operations {
    fn default() -> Self {
        Operations {
            exceptional_train_speed_kmh: 40.0,
            exceptional_train_window: Some(DailyWindow {
                start_min: 20 * 60,
                end_min: 6 * 60,
            }),
            rail_border_dwell_min: 120.0,
            min_handling_min: BTreeMap::from([
                (Mode::Rail, 30.0),
                (Mode::Sea, 60.0),
                (Mode::InlandWaterway, 45.0),
                (Mode::Air, 30.0),
            ]),
            access_road_km: BTreeMap::from([
                (Mode::Rail, 150.0),
                (Mode::Sea, 150.0),
                (Mode::InlandWaterway, 150.0),
                (Mode::Air, 150.0),
            ]),
            air_direct_max_km: Some(3500.0),
        }
    }
}

impl Operations {
    /// Least handling minutes of one movement unit on `mode` (0 if none set).
    pub fn min_handling(&self, mode: Mode) -> f64 {
        self.min_handling_min.get(&mode).copied().unwrap_or(0.0)
    }

    /// Most road km to and from the main leg on `mode` (`None` = no limit).
    pub fn access_km(&self, mode: Mode) -> Option<f64> {
        self.access_road_km.get(&mode).copied()
    }

    /// Problems with the values, as (key, message).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let s = self.exceptional_train_speed_kmh;
        if !(s.is_finite() && s > 0.0 && s <= 200.0) {
            out.push((
                "operations.exceptional_train_speed_kmh".into(),
                format!("{s} km/h must be in (0, 200]"),
            ));
        }
        let d = self.rail_border_dwell_min;
        if !(d.is_finite() && (0.0..=1440.0).contains(&d)) {
            out.push((
                "operations.rail_border_dwell_min".into(),
                format!("{d} min must be in 0..=1440"),
            ));
        }
        for (m, v) in &self.min_handling_min {
            if !(v.is_finite() && (0.0..=1440.0).contains(v)) {
                out.push((
                    format!("operations.min_handling_min.{m}"),
                    format!("{v} min must be in 0..=1440"),
                ));
            }
        }
        for (m, v) in &self.access_road_km {
            if !(v.is_finite() && (0.0..=5000.0).contains(v)) {
                out.push((
                    format!("operations.access_road_km.{m}"),
                    format!("{v} km must be in 0..=5000"),
                ));
            }
        }
        if let Some(v) = self.air_direct_max_km {
            if !(v.is_finite() && (0.0..=20_000.0).contains(&v)) {
                out.push((
                    "operations.air_direct_max_km".into(),
                    format!("{v} km must be in 0..=20000"),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_checks() {
        let o = Operations::default();
        assert!(o.problems().is_empty());
        assert_eq!(o.min_handling(Mode::Rail), 30.0);
        assert_eq!(o.min_handling(Mode::Road), 0.0);
        assert_eq!(o.access_km(Mode::Rail), Some(150.0));
        let bad: Operations =
            toml::from_str("exceptional_train_speed_kmh = 0\nmin_handling_min = { rail = -1 }\n")
                .unwrap();
        assert_eq!(bad.problems().len(), 2);
        assert!(toml::from_str::<Operations>("speed = 3").is_err());
    }
}
