//! Value syntaxes of OpenStreetMap limit tags: weights, lengths, speeds and
//! military load classes, with their units and keywords.
//!
//! The syntaxes follow the OSM wiki pages of `maxweight`, `maxheight`,
//! `maxspeed` and `mlc` (Key:maxweight, Key:maxheight, Key:maxspeed,
//! Key:mlc; retrieved 2026): a bare number is in the key's default unit
//! (tonnes, metres, km/h); a unit may follow with or without a space;
//! lengths may be in feet and inches (`12'6"`). A value is either a number
//! in the model's unit ([`TagValue::Value`]) or one of the keywords `none`
//! (explicitly no limit), `default` (the legal default applies: no
//! specific limit known) and `below_default` (lower than the legal default,
//! value not signed): none of them is ever a zero limit.

use std::fmt;

/// What a limit tag says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TagValue {
    /// A value in the model's unit (tonnes, metres, km/h, MLC class).
    Value(f64),
    /// `none`: explicitly no limit.
    Unlimited,
    /// `default`: the legal default applies; no specific limit known.
    Default,
    /// `below_default`: lower than the legal default, value unknown.
    BelowDefault,
}

impl TagValue {
    /// The number, if the tag gave one.
    pub fn value(self) -> Option<f64> {
        match self {
            TagValue::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Why a tag value could not be read. The value is then treated as absent
/// (no known limit), never as zero, and reported with its way id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(pub String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

const FOOT_M: f64 = 0.3048;
const INCH_M: f64 = 0.0254;
/// Short (US) ton in tonnes.
const SHORT_TON_T: f64 = 0.907_184_74;
/// Long (imperial) ton in tonnes.
const LONG_TON_T: f64 = 1.016_046_908_8;
const POUND_T: f64 = 0.000_453_592_37;
const MILE_KM: f64 = 1.609_344;
const KNOT_KMH: f64 = 1.852;

/// A plain decimal number (`3.8`, `12`, `.5`): a dot as decimal separator,
/// no sign, no exponent; finite.
fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if s.bytes().filter(|&b| b == b'.').count() > 1 || s == "." {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Splits `7.5 t` / `7.5t` / `7500kg` into the number and the unit text.
fn number_and_unit(s: &str) -> Option<(f64, String)> {
    let s = s.trim();
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let v = number(&s[..end])?;
    Some((v, s[end..].trim().to_ascii_lowercase()))
}

fn keyword(s: &str) -> Option<TagValue> {
    match s.trim().to_ascii_lowercase().as_str() {
        "none" | "unlimited" | "no" => Some(TagValue::Unlimited),
        "default" => Some(TagValue::Default),
        "below_default" => Some(TagValue::BelowDefault),
        _ => None,
    }
}

fn positive(v: f64, s: &str, what: &str) -> Result<TagValue, ValueError> {
    if v > 0.0 {
        Ok(TagValue::Value(v))
    } else {
        Err(ValueError(format!(
            "`{s}`: a {what} of zero is not a limit (leave the tag out, or `none`)"
        )))
    }
}

/// A weight (`maxweight`, `maxaxleload`): tonnes. Accepts `7.5`, `7.5 t`,
/// `7500 kg`, `12 st` (short tons), `10 lt` (long tons), `16000 lbs`, and
/// the keywords.
pub fn weight_t(s: &str) -> Result<TagValue, ValueError> {
    if let Some(k) = keyword(s) {
        return Ok(k);
    }
    let bad = || {
        ValueError(format!(
            "`{s}` is not a weight (expected e.g. `7.5`, `7.5 t`, `7500 kg`, `12 st`, `none`)"
        ))
    };
    let (v, unit) = number_and_unit(s).ok_or_else(bad)?;
    let t = match unit.as_str() {
        "" | "t" => v,
        "kg" => v / 1000.0,
        "st" => v * SHORT_TON_T,
        "lt" => v * LONG_TON_T,
        "lb" | "lbs" => v * POUND_T,
        _ => return Err(bad()),
    };
    positive(t, s, "weight")
}

/// A length (`maxheight`, `maxwidth`, `maxlength`): metres. Accepts `3.8`,
/// `3.8 m`, `380 cm`, `12'6"` (feet and inches, also `12'6''`, `12'`,
/// `12 ft`, `150 in`), and the keywords.
pub fn length_m(s: &str) -> Result<TagValue, ValueError> {
    if let Some(k) = keyword(s) {
        return Ok(k);
    }
    let bad = || {
        ValueError(format!(
            "`{s}` is not a length (expected e.g. `3.8`, `3.8 m`, `12'6\"`, `none`, `default`)"
        ))
    };
    let t = s.trim();
    if let Some((feet, rest)) = t.split_once('\'') {
        let ft = number(feet).ok_or_else(bad)?;
        let rest = rest.trim();
        let inches = if rest.is_empty() {
            0.0
        } else {
            let r = rest
                .strip_suffix("''")
                .or_else(|| rest.strip_suffix('"'))
                .ok_or_else(bad)?;
            number(r).ok_or_else(bad)?
        };
        if inches >= 12.0 {
            return Err(bad());
        }
        return positive(ft * FOOT_M + inches * INCH_M, s, "length");
    }
    let (v, unit) = number_and_unit(t).ok_or_else(bad)?;
    let m = match unit.as_str() {
        "" | "m" => v,
        "cm" => v / 100.0,
        "ft" => v * FOOT_M,
        "in" | "\"" => v * INCH_M,
        _ => return Err(bad()),
    };
    positive(m, s, "length")
}

/// Implicit national speed limits (`DE:urban`, `FR:rural`, …), km/h, from
/// the OSM wiki page "Default speed limits" (retrieved 2026). `None` in the
/// table = no general limit (German motorways).
const ZONE_LIMITS: &[(&str, &str, Option<f64>)] = &[
    ("AD", "urban", Some(50.0)),
    ("AD", "rural", Some(90.0)),
    ("AT", "urban", Some(50.0)),
    ("AT", "rural", Some(100.0)),
    ("AT", "motorway", Some(130.0)),
    ("BE", "urban", Some(50.0)),
    ("BE", "motorway", Some(120.0)),
    ("CH", "urban", Some(50.0)),
    ("CH", "rural", Some(80.0)),
    ("CH", "motorway", Some(120.0)),
    ("CZ", "urban", Some(50.0)),
    ("CZ", "rural", Some(90.0)),
    ("CZ", "motorway", Some(130.0)),
    ("DE", "urban", Some(50.0)),
    ("DE", "rural", Some(100.0)),
    ("DE", "motorway", None),
    ("DE", "living_street", Some(7.0)),
    ("DE", "bicycle_road", Some(30.0)),
    ("DE", "zone30", Some(30.0)),
    ("ES", "urban", Some(50.0)),
    ("ES", "rural", Some(90.0)),
    ("ES", "motorway", Some(120.0)),
    ("FR", "urban", Some(50.0)),
    ("FR", "rural", Some(80.0)),
    ("FR", "motorway", Some(130.0)),
    ("FR", "zone30", Some(30.0)),
    ("IT", "urban", Some(50.0)),
    ("IT", "rural", Some(90.0)),
    ("IT", "motorway", Some(130.0)),
    ("MC", "urban", Some(50.0)),
    ("NL", "urban", Some(50.0)),
    ("NL", "rural", Some(80.0)),
    ("NL", "motorway", Some(130.0)),
    ("PL", "urban", Some(50.0)),
    ("PL", "rural", Some(90.0)),
    ("PL", "motorway", Some(140.0)),
];

/// A speed (`maxspeed`, `maxspeed:hgv`): km/h. Accepts `50`, `50 km/h`,
/// `50 kmh`, `50 kph`, `30 mph`, `10 knots`, `none`, `walk` (6 km/h),
/// `signals` / `variable` (no fixed value: [`TagValue::Default`]), the
/// implicit national zones `DE:urban`, `FR:rural`, … (see the table in the
/// source, from the OSM wiki "Default speed limits"), and several values
/// `50;30` (the lowest binds).
pub fn speed_kmh(s: &str) -> Result<TagValue, ValueError> {
    let t = s.trim();
    if t.contains(';') {
        let mut lowest: Option<f64> = None;
        for part in t.split(';') {
            if let TagValue::Value(v) = speed_kmh(part)? {
                lowest = Some(lowest.map_or(v, |l: f64| l.min(v)));
            }
        }
        return Ok(lowest.map_or(TagValue::Default, TagValue::Value));
    }
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "none" | "unlimited" => return Ok(TagValue::Unlimited),
        "signals" | "variable" => return Ok(TagValue::Default),
        "walk" => return Ok(TagValue::Value(6.0)),
        _ => {}
    }
    if let Some((cc, zone)) = t.split_once(':') {
        let cc = cc.trim().to_ascii_uppercase();
        let zone = zone.trim().to_ascii_lowercase();
        return ZONE_LIMITS
            .iter()
            .find(|(c, z, _)| *c == cc && *z == zone)
            .map(|(_, _, v)| v.map_or(TagValue::Unlimited, TagValue::Value))
            .ok_or_else(|| {
                ValueError(format!(
                    "`{s}`: implicit speed zone not in milmob's table (give a number, e.g. `50`)"
                ))
            });
    }
    let bad = || {
        ValueError(format!(
            "`{s}` is not a speed (expected e.g. `50`, `50 km/h`, `30 mph`, `none`, `DE:urban`)"
        ))
    };
    let (v, unit) = number_and_unit(t).ok_or_else(bad)?;
    let kmh = match unit.as_str() {
        "" | "km/h" | "kmh" | "kph" => v,
        "mph" => v * MILE_KM,
        "knots" | "kn" => v * KNOT_KMH,
        _ => return Err(bad()),
    };
    positive(kmh, s, "speed")
}

/// A military load class (`mlc`, `mlc:wheeled`, `mlc:tracked`): a whole
/// number 4..=150 (STANAG 2021). `none` is accepted (no limit).
pub fn mlc(s: &str) -> Result<Option<u16>, ValueError> {
    if matches!(keyword(s), Some(TagValue::Unlimited)) {
        return Ok(None);
    }
    let t = s.trim();
    match t.parse::<u16>() {
        Ok(v) if (4..=150).contains(&v) => Ok(Some(v)),
        Ok(v) => Err(ValueError(format!(
            "`{s}`: MLC {v} is outside 4..150 (STANAG 2021)"
        ))),
        Err(_) => Err(ValueError(format!(
            "`{s}` is not a military load class (expected a whole number 4..150)"
        ))),
    }
}

/// A rail track gauge (`gauge`): millimetres, one value or several
/// separated by `;` (dual-gauge track, e.g. `1435;1668`), each 600..=2000.
pub fn gauges_mm(s: &str) -> Result<Vec<u16>, ValueError> {
    let mut out = Vec::new();
    for part in s.split(';') {
        let p = part.trim();
        match p.parse::<u16>() {
            Ok(g) if (600..=2000).contains(&g) => {
                if !out.contains(&g) {
                    out.push(g);
                }
            }
            _ => {
                return Err(ValueError(format!(
                    "`{s}` is not a track gauge (expected millimetres 600..2000, e.g. `1435` or `1435;1668`)"
                )))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(r: Result<TagValue, ValueError>) -> f64 {
        r.unwrap().value().unwrap()
    }

    #[test]
    fn weights() {
        assert_eq!(v(weight_t("7.5")), 7.5);
        assert_eq!(v(weight_t("7.5 t")), 7.5);
        assert_eq!(v(weight_t("7.5t")), 7.5);
        assert_eq!(v(weight_t("7500 kg")), 7.5);
        assert!((v(weight_t("10 st")) - 9.0718474).abs() < 1e-9);
        assert!((v(weight_t("10 lt")) - 10.160469088).abs() < 1e-9);
        assert!((v(weight_t("2000 lbs")) - 0.90718474).abs() < 1e-9);
        assert_eq!(weight_t("none"), Ok(TagValue::Unlimited));
        assert_eq!(weight_t("default"), Ok(TagValue::Default));
        assert_eq!(weight_t("below_default"), Ok(TagValue::BelowDefault));
        for bad in ["", "heavy", "7,5", "7.5 tons", "-3", "0", "1.2.3", "t"] {
            assert!(weight_t(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lengths() {
        assert_eq!(v(length_m("3.8")), 3.8);
        assert_eq!(v(length_m("3.8 m")), 3.8);
        assert_eq!(v(length_m("3.8m")), 3.8);
        assert_eq!(v(length_m("380 cm")), 3.8);
        assert!((v(length_m("12'6\"")) - 3.81).abs() < 1e-9);
        assert!((v(length_m("12'6''")) - 3.81).abs() < 1e-9);
        assert!((v(length_m("12' 6\"")) - 3.81).abs() < 1e-9);
        assert!((v(length_m("12'")) - 3.6576).abs() < 1e-9);
        assert!((v(length_m("12 ft")) - 3.6576).abs() < 1e-9);
        assert_eq!(length_m("default"), Ok(TagValue::Default));
        assert_eq!(length_m("below_default"), Ok(TagValue::BelowDefault));
        assert_eq!(length_m("none"), Ok(TagValue::Unlimited));
        for bad in [
            "3,8", "12'13\"", "12'6", "tall", "0", "0 m", "4 yards", "'6\"",
        ] {
            assert!(length_m(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn speeds() {
        assert_eq!(v(speed_kmh("50")), 50.0);
        assert_eq!(v(speed_kmh("50 km/h")), 50.0);
        assert_eq!(v(speed_kmh("50 kmh")), 50.0);
        assert!((v(speed_kmh("30 mph")) - 48.28032).abs() < 1e-9);
        assert!((v(speed_kmh("10 knots")) - 18.52).abs() < 1e-9);
        assert_eq!(v(speed_kmh("walk")), 6.0);
        assert_eq!(v(speed_kmh("DE:urban")), 50.0);
        assert_eq!(v(speed_kmh("FR:rural")), 80.0);
        assert_eq!(speed_kmh("DE:motorway"), Ok(TagValue::Unlimited));
        assert_eq!(speed_kmh("none"), Ok(TagValue::Unlimited));
        assert_eq!(speed_kmh("signals"), Ok(TagValue::Default));
        assert_eq!(v(speed_kmh("50;30")), 30.0);
        for bad in ["fast", "XX:urban", "0", "50 m/s", "-20"] {
            assert!(speed_kmh(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn military_load_classes() {
        assert_eq!(mlc("50"), Ok(Some(50)));
        assert_eq!(mlc(" 120 "), Ok(Some(120)));
        assert_eq!(mlc("none"), Ok(None));
        for bad in ["0", "3", "151", "50t", "fifty", "-5", "50.5"] {
            assert!(mlc(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn gauges() {
        assert_eq!(gauges_mm("1435"), Ok(vec![1435]));
        assert_eq!(gauges_mm("1435;1668"), Ok(vec![1435, 1668]));
        assert_eq!(gauges_mm("1520; 1520"), Ok(vec![1520]));
        for bad in ["", "standard", "100", "1435;x", "3000"] {
            assert!(gauges_mm(bad).is_err(), "{bad}");
        }
    }
}
