//! The kinds of load limit a link can set, as one closed enum shared by load
//! checks, binding limits and the no-route diagnosis.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A kind of limit a load can break. Serialised as the [`Limits`] field /
/// CSV column it comes from (`mlc_tracked`, `max_height_m`, …), or `mode`
/// when the load cannot use a mode at all.
///
/// [`Limits`]: super::Limits
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LimitKind {
    /// Military load class for wheeled traffic (`mlc_wheeled`).
    #[serde(rename = "mlc_wheeled")]
    MlcWheeled,
    /// Military load class for tracked traffic (`mlc_tracked`).
    #[serde(rename = "mlc_tracked")]
    MlcTracked,
    /// Gross weight, t (`max_weight_t`).
    #[serde(rename = "max_weight_t")]
    GrossWeight,
    /// Axle load, t (`max_axle_t`).
    #[serde(rename = "max_axle_t")]
    Axle,
    /// Height, m (`max_height_m`).
    #[serde(rename = "max_height_m")]
    Height,
    /// Width, m (`max_width_m`).
    #[serde(rename = "max_width_m")]
    Width,
    /// Length, m (`max_length_m`).
    #[serde(rename = "max_length_m")]
    Length,
    /// ADR road tunnel category (`tunnel_category`).
    #[serde(rename = "tunnel_category")]
    TunnelCategory,
    /// Rail track gauge, mm (`gauge_mm`).
    #[serde(rename = "gauge_mm")]
    Gauge,
    /// EN 15528 line category: axle and metre load (`line_category`).
    #[serde(rename = "line_category")]
    LineCategory,
    /// Train length, m (`max_train_m`).
    #[serde(rename = "max_train_m")]
    TrainLength,
    /// Exceptional (out-of-gauge) consignments refused (`out_of_gauge`).
    #[serde(rename = "out_of_gauge")]
    OutOfGauge,
    /// The load cannot use the link's mode at all (`mode`).
    #[serde(rename = "mode")]
    Mode,
}

impl LimitKind {
    /// Every kind, in canonical order.
    pub const ALL: [LimitKind; 13] = [
        LimitKind::MlcWheeled,
        LimitKind::MlcTracked,
        LimitKind::GrossWeight,
        LimitKind::Axle,
        LimitKind::Height,
        LimitKind::Width,
        LimitKind::Length,
        LimitKind::TunnelCategory,
        LimitKind::Gauge,
        LimitKind::LineCategory,
        LimitKind::TrainLength,
        LimitKind::OutOfGauge,
        LimitKind::Mode,
    ];

    /// The field / column name, e.g. `mlc_tracked`.
    pub fn as_str(&self) -> &'static str {
        match self {
            LimitKind::MlcWheeled => "mlc_wheeled",
            LimitKind::MlcTracked => "mlc_tracked",
            LimitKind::GrossWeight => "max_weight_t",
            LimitKind::Axle => "max_axle_t",
            LimitKind::Height => "max_height_m",
            LimitKind::Width => "max_width_m",
            LimitKind::Length => "max_length_m",
            LimitKind::TunnelCategory => "tunnel_category",
            LimitKind::Gauge => "gauge_mm",
            LimitKind::LineCategory => "line_category",
            LimitKind::TrainLength => "max_train_m",
            LimitKind::OutOfGauge => "out_of_gauge",
            LimitKind::Mode => "mode",
        }
    }

    /// One bit per kind, for sets of kinds in a `u16` ([`LimitSet`]).
    pub fn bit(&self) -> u16 {
        1 << (*self as u16)
    }
}

impl fmt::Display for LimitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of limit kinds (a bit set; `Copy`, allocation-free).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct LimitSet(u16);

impl LimitSet {
    /// The empty set.
    pub const EMPTY: LimitSet = LimitSet(0);

    /// Every kind.
    pub fn all() -> LimitSet {
        LimitKind::ALL.iter().copied().collect()
    }

    /// Adds a kind.
    pub fn insert(&mut self, k: LimitKind) {
        self.0 |= k.bit();
    }

    /// Whether the set holds `k`.
    pub fn contains(&self, k: LimitKind) -> bool {
        self.0 & k.bit() != 0
    }

    /// Whether every kind of `self` is in `other`.
    pub fn is_subset(&self, other: LimitSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The kinds, in canonical order.
    pub fn iter(&self) -> impl Iterator<Item = LimitKind> + '_ {
        LimitKind::ALL.into_iter().filter(|k| self.contains(*k))
    }
}

impl FromIterator<LimitKind> for LimitSet {
    fn from_iter<I: IntoIterator<Item = LimitKind>>(iter: I) -> Self {
        let mut s = LimitSet::EMPTY;
        for k in iter {
            s.insert(k);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_bits_and_sets() {
        let mut seen = std::collections::BTreeSet::new();
        for k in LimitKind::ALL {
            assert!(seen.insert(k.bit()));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        let s: LimitSet = [LimitKind::MlcTracked, LimitKind::Height]
            .into_iter()
            .collect();
        assert!(s.contains(LimitKind::Height) && !s.contains(LimitKind::Axle));
        assert!(s.is_subset(LimitSet::all()));
        assert!(!LimitSet::all().is_subset(s));
        assert_eq!(s.iter().count(), 2);
    }
}
