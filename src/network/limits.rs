//! Load limits of a link: what a load must respect to use it.
//!
//! Every field is optional: `None` means "no known limit", never zero.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// ADR road tunnel category (ADR 1.9.5): `A` no restriction … `E` bars nearly
/// all dangerous goods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TunnelCategory {
    /// No restriction for dangerous goods.
    A,
    /// Bars goods that could cause a very large explosion.
    B,
    /// Adds goods that could cause a large explosion or large toxic release.
    C,
    /// Adds goods that could cause a large fire.
    D,
    /// Bars nearly all dangerous goods.
    E,
}

impl FromStr for TunnelCategory {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A" => Ok(TunnelCategory::A),
            "B" => Ok(TunnelCategory::B),
            "C" => Ok(TunnelCategory::C),
            "D" => Ok(TunnelCategory::D),
            "E" => Ok(TunnelCategory::E),
            _ => Err(format!("unknown ADR tunnel category `{s}` (expected A..E)")),
        }
    }
}

impl fmt::Display for TunnelCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// EN 15528 rail line category: an axle-load letter and a metre-load digit,
/// e.g. `D4` = 22.5 t per axle and 8.0 t per metre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LineCategory {
    /// Axle-load letter: `b'A'`..=`b'E'`.
    letter: u8,
    /// Metre-load digit 1..=6, or 0 for the bare letter `A`.
    digit: u8,
}

impl LineCategory {
    /// Maximum axle load in tonnes: A 16, B 18, C 20, D 22.5, E 25.
    pub fn axle_load_t(&self) -> f64 {
        match self.letter {
            b'A' => 16.0,
            b'B' => 18.0,
            b'C' => 20.0,
            b'D' => 22.5,
            _ => 25.0,
        }
    }

    /// Maximum load per metre of vehicle in t/m: 1 5.0, 2 6.4, 3 7.2, 4 8.0,
    /// 5 8.8, 6 10.0 (category `A` alone: 5.0).
    pub fn metre_load_t_per_m(&self) -> f64 {
        match self.digit {
            0 | 1 => 5.0,
            2 => 6.4,
            3 => 7.2,
            4 => 8.0,
            5 => 8.8,
            _ => 10.0,
        }
    }
}

impl FromStr for LineCategory {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_uppercase();
        let b = t.as_bytes();
        let err =
            || format!("unknown EN 15528 line category `{s}` (expected e.g. A, B1, C2, D4, E5)");
        match b {
            [l @ b'A'..=b'E'] => Ok(LineCategory {
                letter: *l,
                digit: 0,
            }),
            [l @ b'A'..=b'E', d @ b'1'..=b'6'] => Ok(LineCategory {
                letter: *l,
                digit: d - b'0',
            }),
            _ => Err(err()),
        }
    }
}

impl TryFrom<String> for LineCategory {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<LineCategory> for String {
    fn from(c: LineCategory) -> String {
        c.to_string()
    }
}

impl fmt::Display for LineCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.digit == 0 {
            write!(f, "{}", self.letter as char)
        } else {
            write!(f, "{}{}", self.letter as char, self.digit)
        }
    }
}

/// The load limits of a link. `None` = no known limit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Military load class (STANAG 2021) of the weakest bridge for wheeled
    /// vehicles, 4..=150.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mlc_wheeled: Option<u16>,
    /// Military load class of the weakest bridge for tracked vehicles, 4..=150.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mlc_tracked: Option<u16>,
    /// Maximum gross weight, tonnes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weight_t: Option<f64>,
    /// Maximum axle load, tonnes (rail: of a loaded wagon; applies together
    /// with the line category's letter, the tighter binding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_axle_t: Option<f64>,
    /// Maximum height, metres (rail: above rail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_height_m: Option<f64>,
    /// Maximum width, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_width_m: Option<f64>,
    /// Maximum vehicle or combination length, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length_m: Option<f64>,
    /// ADR category of the most restrictive road tunnel on the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tunnel_category: Option<TunnelCategory>,
    /// Rail track gauge, millimetres (1435 standard, 1520, 1524, 1668, 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gauge_mm: Option<u16>,
    /// EN 15528 rail line category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_category: Option<LineCategory>,
    /// Maximum train length, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_train_m: Option<f64>,
    /// Whether out-of-gauge (exceptional) consignments may pass; `None` = no
    /// known restriction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_gauge: Option<bool>,
}

impl Limits {
    /// The binding maximum axle load in tonnes: the lower of `max_axle_t`
    /// and the line category's letter (rail), whichever are given.
    pub fn effective_axle_t(&self) -> Option<f64> {
        let cat = self.line_category.map(|c| c.axle_load_t());
        match (self.max_axle_t, cat) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether no limit at all is known.
    pub fn is_unlimited(&self) -> bool {
        *self == Limits::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_categories() {
        let d4: LineCategory = "d4".parse().unwrap();
        assert_eq!(d4.to_string(), "D4");
        assert_eq!(d4.axle_load_t(), 22.5);
        assert_eq!(d4.metre_load_t_per_m(), 8.0);
        let a: LineCategory = "A".parse().unwrap();
        assert_eq!(a.axle_load_t(), 16.0);
        assert!("F4".parse::<LineCategory>().is_err());
        assert!("D9".parse::<LineCategory>().is_err());
    }

    #[test]
    fn tunnel_order_is_strictness() {
        assert!(TunnelCategory::A < TunnelCategory::E);
        assert!("X".parse::<TunnelCategory>().is_err());
    }

    #[test]
    fn axle_falls_back_to_category() {
        let l = Limits {
            line_category: Some("C2".parse().unwrap()),
            ..Limits::default()
        };
        assert_eq!(l.effective_axle_t(), Some(20.0));
        assert!(!l.is_unlimited());
        assert!(Limits::default().is_unlimited());
    }
}
