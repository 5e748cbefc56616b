//! ADR tunnel restriction codes of dangerous-goods loads (ADR 8.6.4) and the
//! rule deciding whether a load may enter a road tunnel of a given category
//! (ADR 8.6.3 / 1.9.5).
//!
//! A code letter `X` forbids tunnels of category `X` and every later letter
//! (`B` forbids B, C, D, E). Split codes such as `B/D` name two letters: the
//! first applies to carriage in tanks or in bulk, the second to any other
//! carriage. In `B1000C` and `C5000D` the number is a net explosive mass
//! (kg, per transport unit): above it the first letter applies, at or below it
//! the second. An unknown net explosive mass is treated as above the
//! threshold (the stricter letter): planning must not under-restrict.
//!
//! Out of scope: the small-quantity exemptions of ADR 1.1.3 and the military
//! exemptions some states grant; a load either carries a code or it does not.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::network::TunnelCategory;

use super::ForceError;

/// How dangerous goods are carried, as far as split tunnel codes care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DgCarriage {
    /// In a tank (fuel tanker) or in bulk: the first letter of a split code applies.
    TankOrBulk,
    /// Packages and everything else (ammunition boxes): the second letter applies.
    #[default]
    Other,
}

/// The ADR tunnel restriction code of a load (ADR 3.2 Table A, column 15).
/// Spelled in files and JSON exactly as in ADR: `B`, `B1000C`, `B/D`, `B/E`,
/// `C`, `C5000D`, `C/D`, `C/E`, `D`, `D/E`, `E`, or `-` (no restriction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TunnelRestrictionCode {
    /// `B`: forbids tunnels B, C, D, E.
    B,
    /// `B1000C`: net explosive mass > 1000 kg per transport unit: B..E; else C..E.
    B1000C,
    /// `B/D`: tank/bulk B..E; other D, E.
    BD,
    /// `B/E`: tank/bulk B..E; other E.
    BE,
    /// `C`: forbids C, D, E.
    C,
    /// `C5000D`: net explosive mass > 5000 kg per transport unit: C..E; else D, E.
    C5000D,
    /// `C/D`: tank/bulk C..E; other D, E.
    CD,
    /// `C/E`: tank/bulk C..E; other E.
    CE,
    /// `D`: forbids D, E.
    D,
    /// `D/E`: tank/bulk D, E; other E.
    DE,
    /// `E`: forbids E.
    E,
    /// `-`: no tunnel restriction.
    None,
}

impl TunnelRestrictionCode {
    /// Every code, in ADR's order (most restrictive first).
    pub const ALL: [TunnelRestrictionCode; 12] = [
        TunnelRestrictionCode::B,
        TunnelRestrictionCode::B1000C,
        TunnelRestrictionCode::BD,
        TunnelRestrictionCode::BE,
        TunnelRestrictionCode::C,
        TunnelRestrictionCode::C5000D,
        TunnelRestrictionCode::CD,
        TunnelRestrictionCode::CE,
        TunnelRestrictionCode::D,
        TunnelRestrictionCode::DE,
        TunnelRestrictionCode::E,
        TunnelRestrictionCode::None,
    ];

    /// The spelling used in ADR, files and JSON, e.g. `"B1000C"`, `"D/E"`, `"-"`.
    pub fn as_str(&self) -> &'static str {
        use TunnelRestrictionCode as T;
        match self {
            T::B => "B",
            T::B1000C => "B1000C",
            T::BD => "B/D",
            T::BE => "B/E",
            T::C => "C",
            T::C5000D => "C5000D",
            T::CD => "C/D",
            T::CE => "C/E",
            T::D => "D",
            T::DE => "D/E",
            T::E => "E",
            T::None => "-",
        }
    }

    /// The least restrictive tunnel category this load may **not** enter;
    /// every later category is forbidden too. `None` = no tunnel is forbidden.
    ///
    /// `net_explosive_mass_kg` is the net explosive mass per transport unit in
    /// kg; it matters only for `B1000C` and `C5000D`, where `None` (unknown)
    /// counts as above the threshold.
    pub fn forbidden_from(
        &self,
        carriage: DgCarriage,
        net_explosive_mass_kg: Option<f64>,
    ) -> Option<TunnelCategory> {
        use TunnelCategory as Cat;
        use TunnelRestrictionCode as T;
        let tank = carriage == DgCarriage::TankOrBulk;
        // Unknown or non-finite mass: assume the stricter case.
        let above = |threshold: f64| match net_explosive_mass_kg {
            Some(m) if m.is_finite() => m > threshold,
            _ => true,
        };
        let split = |first: Cat, second: Cat| if tank { first } else { second };
        match self {
            T::B => Some(Cat::B),
            T::B1000C => Some(if above(1000.0) { Cat::B } else { Cat::C }),
            T::BD => Some(split(Cat::B, Cat::D)),
            T::BE => Some(split(Cat::B, Cat::E)),
            T::C => Some(Cat::C),
            T::C5000D => Some(if above(5000.0) { Cat::C } else { Cat::D }),
            T::CD => Some(split(Cat::C, Cat::D)),
            T::CE => Some(split(Cat::C, Cat::E)),
            T::D => Some(Cat::D),
            T::DE => Some(split(Cat::D, Cat::E)),
            T::E => Some(Cat::E),
            T::None => None,
        }
    }

    /// Whether a load with this code, carried as `carriage`, with the given net
    /// explosive mass per transport unit (kg; `None` = unknown, treated as above
    /// any threshold), may **not** pass a road tunnel of category `tunnel`.
    pub fn forbids(
        &self,
        tunnel: TunnelCategory,
        carriage: DgCarriage,
        net_explosive_mass_kg: Option<f64>,
    ) -> bool {
        self.forbidden_from(carriage, net_explosive_mass_kg)
            .is_some_and(|first| tunnel >= first)
    }
}

impl fmt::Display for TunnelRestrictionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TunnelRestrictionCode {
    type Err = ForceError;
    /// Accepts the ADR spellings, case-insensitively, with or without the
    /// parentheses ADR Table A prints (`(D/E)`), and `none`, `—`, `–` or an
    /// empty string for `-`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let t = t
            .strip_prefix('(')
            .and_then(|x| x.strip_suffix(')'))
            .unwrap_or(t)
            .trim()
            .to_ascii_uppercase();
        let code = match t.as_str() {
            "-" | "" | "NONE" | "—" | "–" => TunnelRestrictionCode::None,
            other => match TunnelRestrictionCode::ALL
                .iter()
                .find(|c| c.as_str() == other)
            {
                Some(c) => *c,
                None => return Err(ForceError::UnknownTunnelCode(s.to_string())),
            },
        };
        Ok(code)
    }
}

impl Serialize for TunnelRestrictionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TunnelRestrictionCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TunnelCategory::{A, B, C, D, E};

    /// Forbidden categories for each code, as (tank/bulk, other) at a net
    /// explosive mass above the thresholds, straight from ADR 8.6.4.
    fn expected(code: TunnelRestrictionCode, tank: bool, nem_above: bool) -> Vec<TunnelCategory> {
        use TunnelRestrictionCode as T;
        let from = |first: TunnelCategory| {
            [B, C, D, E]
                .into_iter()
                .filter(|c| *c >= first)
                .collect::<Vec<_>>()
        };
        match (code, tank) {
            (T::B, _) => from(B),
            (T::B1000C, _) => from(if nem_above { B } else { C }),
            (T::BD, true) => from(B),
            (T::BD, false) => from(D),
            (T::BE, true) => from(B),
            (T::BE, false) => from(E),
            (T::C, _) => from(C),
            (T::C5000D, _) => from(if nem_above { C } else { D }),
            (T::CD, true) => from(C),
            (T::CD, false) => from(D),
            (T::CE, true) => from(C),
            (T::CE, false) => from(E),
            (T::D, _) => from(D),
            (T::DE, true) => from(D),
            (T::DE, false) => from(E),
            (T::E, _) => from(E),
            (T::None, _) => vec![],
        }
    }

    #[test]
    fn every_code_against_every_category() {
        for code in TunnelRestrictionCode::ALL {
            for tank in [true, false] {
                let carriage = if tank {
                    DgCarriage::TankOrBulk
                } else {
                    DgCarriage::Other
                };
                for (nem, above) in [(Some(6000.0), true), (Some(500.0), false), (None, true)] {
                    let want = expected(code, tank, above);
                    for cat in [A, B, C, D, E] {
                        assert_eq!(
                            code.forbids(cat, carriage, nem),
                            want.contains(&cat),
                            "{code} tank={tank} nem={nem:?} tunnel {cat}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn category_a_never_forbidden() {
        for code in TunnelRestrictionCode::ALL {
            assert!(!code.forbids(A, DgCarriage::TankOrBulk, None));
        }
    }

    #[test]
    fn explosive_thresholds_are_strictly_above() {
        let c = TunnelRestrictionCode::B1000C;
        assert!(!c.forbids(B, DgCarriage::Other, Some(1000.0)));
        assert!(c.forbids(B, DgCarriage::Other, Some(1000.1)));
        assert!(c.forbids(C, DgCarriage::Other, Some(10.0)));
        let c = TunnelRestrictionCode::C5000D;
        assert!(!c.forbids(C, DgCarriage::Other, Some(5000.0)));
        assert!(c.forbids(C, DgCarriage::Other, Some(5001.0)));
        assert!(c.forbids(D, DgCarriage::Other, Some(1.0)));
        assert!(c.forbids(C, DgCarriage::Other, Some(f64::NAN)));
    }

    #[test]
    fn parse_display_round_trip() {
        for code in TunnelRestrictionCode::ALL {
            assert_eq!(
                code.as_str().parse::<TunnelRestrictionCode>().unwrap(),
                code
            );
            assert_eq!(code.to_string(), code.as_str());
        }
        assert_eq!(
            "(d/e)".parse::<TunnelRestrictionCode>().unwrap(),
            TunnelRestrictionCode::DE
        );
        assert_eq!(
            "none".parse::<TunnelRestrictionCode>().unwrap(),
            TunnelRestrictionCode::None
        );
        let e = "B2000C".parse::<TunnelRestrictionCode>().unwrap_err();
        assert!(e.to_string().contains("B2000C"));
    }

    #[test]
    fn serde_as_strings() {
        let j = serde_json::to_string(&TunnelRestrictionCode::B1000C).unwrap();
        assert_eq!(j, "\"B1000C\"");
        let c: TunnelRestrictionCode = serde_json::from_str("\"C/E\"").unwrap();
        assert_eq!(c, TunnelRestrictionCode::CE);
        assert!(serde_json::from_str::<TunnelRestrictionCode>("\"X\"").is_err());
    }
}
