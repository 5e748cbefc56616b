//! The one argument-validation layer of the CLI. Every flag value that can
//! be wrong on its own (a number out of range, a malformed instant, an
//! unknown name) is checked here, by a clap `value_parser`, so a bad value is
//! a usage error (exit code 2) with a message naming the flag — the same
//! way clap reports a missing or unknown flag. Checks that involve several
//! flags or the loaded data return [`CliError::Usage`] (also exit 2); errors
//! in data files stay data errors (exit 1).
//!
//! Range messages state exactly what is accepted.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};

/// Years the permit calendars cover; instants outside are refused (the same
/// range as `milmob calendar --year`).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A finite number in `lo..=hi` (or `lo<..=hi` when `lo_open`), with `unit`.
fn number(s: &str, lo: f64, lo_open: bool, hi: f64, unit: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    let ok = v.is_finite() && (if lo_open { v > lo } else { v >= lo }) && v <= hi;
    if ok {
        Ok(v)
    } else if lo_open {
        Err(format!("must be greater than {lo} and at most {hi}{unit}"))
    } else {
        Err(format!("must be between {lo} and {hi}{unit}"))
    }
}

fn whole(s: &str, lo: u64, hi: u64, what: &str) -> Result<u64, String> {
    let v: u64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number"))?;
    if (lo..=hi).contains(&v) {
        Ok(v)
    } else {
        Err(format!("must be between {lo} and {hi} {what}"))
    }
}

/// `--count`: 1..=10000 vehicles.
pub fn count(s: &str) -> Result<u32, String> {
    whole(s, 1, 10_000, "vehicles").map(|v| v as u32)
}

/// `--top` (scenario run): 1..=1000 rows.
pub fn top_rows(s: &str) -> Result<usize, String> {
    whole(s, 1, 1000, "rows").map(|v| v as usize)
}

/// `--alternatives`: 0..=10 extra routes.
pub fn alternatives(s: &str) -> Result<usize, String> {
    whole(s, 0, 10, "routes").map(|v| v as usize)
}

/// `--add-working-days`: 0..=3650 days.
pub fn working_days(s: &str) -> Result<u32, String> {
    whole(s, 0, 3650, "working days").map(|v| v as u32)
}

/// `--year`: the calendars' years.
pub fn year(s: &str) -> Result<i32, String> {
    let v: i32 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a year"))?;
    if YEARS.contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "must be between {} and {} (the calendars' years)",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

/// `--max-driving-hours`: 0 (no limit) ..= 24 h.
pub fn driving_hours(s: &str) -> Result<f64, String> {
    number(s, 0.0, false, 24.0, " hours (0 = no limit)")
}

/// `--rest-hours`: 0..=72 h.
pub fn rest_hours(s: &str) -> Result<f64, String> {
    number(s, 0.0, false, 72.0, " hours")
}

/// `--tolerance-min`: 0..=43200 minutes (30 days).
pub fn tolerance_min(s: &str) -> Result<f64, String> {
    number(s, 0.0, false, 43_200.0, " minutes (30 days)")
}

/// `--tolerance-share`: 0..=1.
pub fn share(s: &str) -> Result<f64, String> {
    number(s, 0.0, false, 1.0, "")
}

/// `--along-km`: more than 0, at most 1000 km.
pub fn along_km(s: &str) -> Result<f64, String> {
    number(s, 0.0, true, 1000.0, " km")
}

/// `--within-km`, `--max-km`: 0..=20040 km (half the Earth's circumference).
pub fn radius_km(s: &str) -> Result<f64, String> {
    number(s, 0.0, false, 20_040.0, " km")
}

/// `--lat`: -90..=90 degrees.
pub fn lat(s: &str) -> Result<f64, String> {
    number(s, -90.0, false, 90.0, " degrees")
}

/// `--lon`: -180..=180 degrees.
pub fn lon(s: &str) -> Result<f64, String> {
    number(s, -180.0, false, 180.0, " degrees")
}

/// An RFC 3339 instant with its UTC offset, in the calendars' years. Used
/// for flags and for the `depart` column of batch files.
pub fn parse_instant(s: &str) -> Result<DateTime<Utc>, String> {
    let t = DateTime::parse_from_rfc3339(s.trim())
        .map_err(|e| {
            format!("`{s}` is not an RFC 3339 instant with a UTC offset ({e}), e.g. 2026-03-02T06:00:00+01:00")
        })?
        .with_timezone(&Utc);
    if !YEARS.contains(&t.year()) {
        return Err(format!(
            "`{s}` is outside the years {}..{} the calendars cover",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(t)
}

/// `--depart`, `--request`, `--from` (calendar).
pub fn instant(s: &str) -> Result<DateTime<Utc>, String> {
    parse_instant(s)
}

/// `--carriage`: a carriage policy (kept as text; parsed again where used).
pub fn carriage(s: &str) -> Result<String, String> {
    s.parse::<milmob::force::CarriagePolicy>()
        .map(|_| s.to_string())
        .map_err(|e| e.to_string())
}

/// `--cargo-class`.
pub fn cargo_class(s: &str) -> Result<milmob::permits::CargoClass, String> {
    s.parse()
        .map_err(|e: milmob::permits::PermitError| e.to_string())
}

/// `--kind`, `--along`: a hub kind.
pub fn hub_kind(s: &str) -> Result<milmob::HubKind, String> {
    s.parse()
}

/// `--road-window`: a local daily window `HH:MM-HH:MM`.
pub fn window(s: &str) -> Result<milmob::network::DailyWindow, String> {
    s.parse()
}

/// `--office-hours`.
pub fn office_hours(s: &str) -> Result<milmob::permits::OfficeHours, String> {
    s.parse()
        .map_err(|e: milmob::permits::PermitError| e.to_string())
}

/// `--country`: ISO 3166-1 alpha-2.
pub fn country(s: &str) -> Result<milmob::Country, String> {
    milmob::Country::parse(s).map_err(|e| e.to_string())
}

/// Whether a value reads as a file path rather than a name (it has a path
/// separator or a file extension).
pub fn looks_like_path(s: &str) -> bool {
    s.contains('/') || s.contains('\\') || Path::new(s).extension().is_some()
}

/// `--regime`: a built-in name, or a path to a TOML file that exists.
pub fn regime(s: &str) -> Result<String, String> {
    let names = milmob::permits::PermitRegime::builtin_names();
    if names.contains(&s) {
        return Ok(s.to_string());
    }
    let p = Path::new(s);
    if p.is_file() {
        return Ok(s.to_string());
    }
    if looks_like_path(s) {
        return Err(if p.exists() {
            format!("`{s}` is not a file")
        } else {
            format!("file not found: `{s}`")
        });
    }
    Err(format!(
        "no built-in regime `{s}` (built in: {}; or give a TOML file)",
        names.join(", ")
    ))
}

/// An input file or folder that must exist.
pub fn existing_path(s: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(s);
    if p.exists() {
        Ok(p)
    } else {
        Err(format!("`{s}` does not exist"))
    }
}

/// `--ids`: the node-id convention of a DIMACS file (0 or 1).
pub fn id_base(s: &str) -> Result<milmob::io::dimacs::IdBase, String> {
    match s.trim() {
        "0" => Ok(milmob::io::dimacs::IdBase::Zero),
        "1" => Ok(milmob::io::dimacs::IdBase::One),
        _ => Err("must be 0 (0-based node ids) or 1 (1-based, 9th DIMACS challenge)".into()),
    }
}

/// A `--close` value: `ID` or `ID@FROM/UNTIL` (the id is looked up in the
/// network later).
#[derive(Clone, Debug)]
pub struct CloseArg {
    /// The text as given.
    pub text: String,
    /// Link or hub id.
    pub id: String,
    /// Closed interval, if any.
    pub interval: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// `--close`.
pub fn close(text: &str) -> Result<CloseArg, String> {
    let (id, interval) = match text.split_once('@') {
        Some((id, iv)) => (id.trim(), Some(iv)),
        None => (text.trim(), None),
    };
    if id.is_empty() {
        return Err("needs a link or hub id, e.g. R-POZ-WAW or R-POZ-WAW@FROM/UNTIL".into());
    }
    let interval = match interval {
        None => None,
        Some(iv) => {
            let Some((from, until)) = iv.split_once('/') else {
                return Err(format!(
                    "the interval must be FROM/UNTIL, e.g. {id}@2026-03-03T00:00:00Z/2026-03-04T00:00:00Z"
                ));
            };
            let (from, until) = (
                parse_instant(from).map_err(|e| format!("start: {e}"))?,
                parse_instant(until).map_err(|e| format!("end: {e}"))?,
            );
            if until <= from {
                return Err("the closure ends before it starts".into());
            }
            Some((from, until))
        }
    };
    Ok(CloseArg {
        text: text.to_string(),
        id: id.to_string(),
        interval,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_say_what_is_accepted() {
        assert!(along_km("0").unwrap_err().contains("greater than 0"));
        assert_eq!(along_km("1000"), Ok(1000.0));
        assert!(count("0").is_err());
        assert!(driving_hours("-1")
            .unwrap_err()
            .contains("between 0 and 24"));
        assert!(lat("91").is_err());
        assert!(year("0").is_err());
        assert!(instant("0001-01-01T00:00:00Z").is_err());
        assert!(instant("2026-03-02T06:00:00").is_err());
        assert!(regime("./nope.toml")
            .unwrap_err()
            .contains("file not found"));
        assert!(regime("nope").unwrap_err().contains("built in"));
    }
}
