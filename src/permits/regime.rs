//! Permit regimes: lead times per cargo class and country, office hours and
//! standing clearances, read from `data/permits/<name>.toml`.
//!
//! # File format
//! ```toml
//! # comment block: where the facts come from, which values are assumptions
//! name = "pledge-2024"                 # required, the regime's name
//! description = "..."                  # required, one line
//! source = "..."                       # required, citation
//! uncertain = false                    # optional: the lead times are not
//!                                      # confirmed from a primary source
//! office_hours = "08:00-16:00"         # optional, local time of the
//!                                      # permitting country; none = all day
//! standing_clearances = ["NATO", "EU-CSDP"]  # optional: movements under
//!                                      # these frameworks need notification only
//!
//! [defaults]                           # required, all three classes
//! standard = "3 working days"          # "N working days" | "N days" |
//! oversize = "3 working days"          # "N hours" | "notification"
//! dangerous_goods = "3 working days"
//!
//! [countries.DE]                       # optional per-country overrides
//! oversize = "14 days"                 # any of the three classes
//! office_hours = "07:00-15:00"         # optional
//! illustrative = true                  # optional: value is an example
//! note = "..."                         # optional: why / source
//! ```
//! Unknown keys are errors; every error names the file, the line and column
//! and the dotted key.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendars, OfficeHours};
use super::error::PermitError;
use super::lead_time::{CargoClass, LeadTime};
use crate::country::Country;

/// One lead time per cargo class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadTimes {
    /// Lead time for [`CargoClass::Standard`].
    pub standard: LeadTime,
    /// Lead time for [`CargoClass::Oversize`].
    pub oversize: LeadTime,
    /// Lead time for [`CargoClass::DangerousGoods`].
    pub dangerous_goods: LeadTime,
}

impl LeadTimes {
    /// The lead time of one class.
    pub fn get(&self, class: CargoClass) -> LeadTime {
        match class {
            CargoClass::Standard => self.standard,
            CargoClass::Oversize => self.oversize,
            CargoClass::DangerousGoods => self.dangerous_goods,
        }
    }
}

/// A country's deviations from a regime's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryOverride {
    /// Lead time for standard cargo in this country, if different.
    #[serde(default)]
    pub standard: Option<LeadTime>,
    /// Lead time for oversize cargo in this country, if different.
    #[serde(default)]
    pub oversize: Option<LeadTime>,
    /// Lead time for dangerous goods in this country, if different.
    #[serde(default)]
    pub dangerous_goods: Option<LeadTime>,
    /// Office hours (local time of this country), if different.
    #[serde(default)]
    pub office_hours: Option<OfficeHours>,
    /// `true` when the values are an illustrative example, not a sourced fact.
    #[serde(default)]
    pub illustrative: bool,
    /// Why the override exists and where it comes from.
    #[serde(default)]
    pub note: Option<String>,
}

impl CountryOverride {
    /// The overriding lead time of one class, if any.
    pub fn get(&self, class: CargoClass) -> Option<LeadTime> {
        match class {
            CargoClass::Standard => self.standard,
            CargoClass::Oversize => self.oversize,
            CargoClass::DangerousGoods => self.dangerous_goods,
        }
    }
}

/// The file layout (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegimeFile {
    name: String,
    description: String,
    source: String,
    #[serde(default)]
    uncertain: bool,
    #[serde(default)]
    office_hours: Option<OfficeHours>,
    #[serde(default)]
    standing_clearances: Vec<String>,
    defaults: LeadTimes,
    #[serde(default)]
    countries: BTreeMap<Country, CountryOverride>,
}

/// A permit regime: how long before a movement each country wants a
/// cross-border movement permission request, by cargo class.
///
/// Lead times are counted in the **permitting country's** working-day
/// calendar and local time zone (see [`LeadTime::grant_instant`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitRegime {
    origin: String,
    file: RegimeFile,
}

/// The shipped regimes, embedded so the library works without `data/`.
const BUILTIN: &[(&str, &str)] = &[
    (
        "status-quo",
        include_str!("../../data/permits/status-quo.toml"),
    ),
    (
        "pledge-2018",
        include_str!("../../data/permits/pledge-2018.toml"),
    ),
    (
        "pledge-2024",
        include_str!("../../data/permits/pledge-2024.toml"),
    ),
    (
        "proposal-2025",
        include_str!("../../data/permits/proposal-2025.toml"),
    ),
    (
        "emergency-2025",
        include_str!("../../data/permits/emergency-2025.toml"),
    ),
    ("standing", include_str!("../../data/permits/standing.toml")),
];

const BUILTIN_NAMES: [&str; 6] = [
    "status-quo",
    "pledge-2018",
    "pledge-2024",
    "proposal-2025",
    "emergency-2025",
    "standing",
];

impl PermitRegime {
    /// Reads a regime file (TOML, see the module docs).
    pub fn load(path: impl AsRef<Path>) -> Result<PermitRegime, PermitError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| PermitError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        PermitRegime::from_toml_str(&text, &path.display().to_string())
    }

    /// Parses regime text; `origin_name` (e.g. the file name) is used in
    /// error messages.
    pub fn from_toml_str(text: &str, origin_name: &str) -> Result<PermitRegime, PermitError> {
        let file: RegimeFile =
            toml::from_str(text).map_err(|e| toml_error(origin_name, text, &e))?;
        let semantic = |key: &str, message: String| PermitError::Parse {
            origin: origin_name.to_string(),
            line: find_key_line(text, key),
            column: if find_key_line(text, key) > 0 { 1 } else { 0 },
            key: key.to_string(),
            message,
        };
        if file.name.trim().is_empty() {
            return Err(semantic("name", "must not be empty".into()));
        }
        let mut seen: Vec<String> = Vec::new();
        for f in &file.standing_clearances {
            let norm = f.trim().to_ascii_uppercase();
            if norm.is_empty() {
                return Err(semantic(
                    "standing_clearances",
                    "framework names must not be empty".into(),
                ));
            }
            if seen.contains(&norm) {
                return Err(semantic(
                    "standing_clearances",
                    format!("framework `{f}` is listed twice"),
                ));
            }
            seen.push(norm);
        }
        Ok(PermitRegime {
            origin: origin_name.to_string(),
            file,
        })
    }

    /// A shipped regime by name (see [`builtin_names`](Self::builtin_names)),
    /// parsed from the copy embedded in the library.
    pub fn builtin(name: &str) -> Result<PermitRegime, PermitError> {
        let (file_name, text) =
            BUILTIN
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| PermitError::UnknownRegime {
                    name: name.to_string(),
                    known: BUILTIN_NAMES.join(", "),
                })?;
        PermitRegime::from_toml_str(text, &format!("data/permits/{file_name}.toml (built in)"))
    }

    /// The names of the shipped regimes: `status-quo`, `pledge-2018`,
    /// `pledge-2024`, `proposal-2025`, `emergency-2025`, `standing`.
    pub fn builtin_names() -> &'static [&'static str] {
        &BUILTIN_NAMES
    }

    /// The regime's name, e.g. `"pledge-2024"`.
    pub fn name(&self) -> &str {
        &self.file.name
    }

    /// One-line description.
    pub fn description(&self) -> &str {
        &self.file.description
    }

    /// Where the lead times come from.
    pub fn source(&self) -> &str {
        &self.file.source
    }

    /// Whether the lead times are not confirmed from a primary source.
    pub fn is_uncertain(&self) -> bool {
        self.file.uncertain
    }

    /// Where the regime was read from (file name, or built-in marker).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The default lead times.
    pub fn defaults(&self) -> &LeadTimes {
        &self.file.defaults
    }

    /// The default office hours (local time of each permitting country);
    /// `None`: whole working days.
    pub fn office_hours(&self) -> Option<OfficeHours> {
        self.file.office_hours
    }

    /// The office hours that apply in `country`: its override, else the
    /// default.
    pub fn office_hours_for(&self, country: Country) -> Option<OfficeHours> {
        self.file
            .countries
            .get(&country)
            .and_then(|o| o.office_hours)
            .or(self.file.office_hours)
    }

    /// Frameworks (e.g. `"NATO"`, `"EU-CSDP"`) with standing clearances:
    /// movements under them need notification only.
    pub fn standing_clearances(&self) -> &[String] {
        &self.file.standing_clearances
    }

    /// The per-country overrides, sorted by country code.
    pub fn overrides(&self) -> impl Iterator<Item = (Country, &CountryOverride)> {
        self.file.countries.iter().map(|(c, o)| (*c, o))
    }

    /// The lead time for a movement of `class` cargo through `country`
    /// under `framework` (e.g. `Some("NATO")`): notification when the
    /// framework has a standing clearance (names compared ignoring ASCII
    /// case and surrounding spaces), else the country's override, else the
    /// default.
    pub fn lead_time(
        &self,
        country: Country,
        class: CargoClass,
        framework: Option<&str>,
    ) -> LeadTime {
        if let Some(f) = framework {
            let f = f.trim();
            if self
                .file
                .standing_clearances
                .iter()
                .any(|s| s.trim().eq_ignore_ascii_case(f))
            {
                return LeadTime::Notification;
            }
        }
        self.file
            .countries
            .get(&country)
            .and_then(|o| o.get(class))
            .unwrap_or_else(|| self.file.defaults.get(class))
    }

    /// The instant a permit requested at `request` is granted: the
    /// [`lead_time`](Self::lead_time) applied by [`LeadTime::grant_instant`]
    /// with [`office_hours_for`](Self::office_hours_for)`(country)`.
    /// Non-decreasing in `request`, never before it.
    pub fn grant_instant(
        &self,
        calendars: &Calendars,
        country: Country,
        class: CargoClass,
        framework: Option<&str>,
        request: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        self.lead_time(country, class, framework).grant_instant(
            calendars,
            country,
            self.office_hours_for(country),
            request,
        )
    }

    /// The latest request instant whose [`grant_instant`](Self::grant_instant)
    /// is at or before `needed_by` (exact to the nanosecond): submit by then
    /// and the permit does not delay a movement that needs it at `needed_by`.
    pub fn latest_request_for(
        &self,
        calendars: &Calendars,
        country: Country,
        class: CargoClass,
        framework: Option<&str>,
        needed_by: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        self.lead_time(country, class, framework)
            .latest_request_for(
                calendars,
                country,
                self.office_hours_for(country),
                needed_by,
            )
    }
}

/// Turns a TOML error into a [`PermitError::Parse`] with 1-based line and
/// column and the dotted key at the error.
fn toml_error(origin: &str, text: &str, e: &toml::de::Error) -> PermitError {
    let (line, column, key) = match e.span() {
        Some(span) => locate(text, span.start),
        None => (0, 0, String::new()),
    };
    PermitError::Parse {
        origin: origin.to_string(),
        line,
        column,
        key,
        message: e.message().trim().to_string(),
    }
}

/// 1-based line and column of byte `offset` in `text`, and the dotted key
/// (`table.key`) written at or above that place.
fn locate(text: &str, offset: usize) -> (usize, usize, String) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;

    let this_line = text[line_start..].lines().next().unwrap_or("").trim();
    let header_of = |l: &str| -> Option<String> {
        let l = l.trim();
        if l.starts_with('[') {
            Some(
                l.trim_start_matches('[')
                    .split(']')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string(),
            )
        } else {
            None
        }
    };
    if let Some(h) = header_of(this_line) {
        return (line, column, h);
    }
    // The key: on this line, or (inside a multi-line array) the nearest line
    // above with `key =`; the table: the nearest header above.
    let mut key = None;
    let mut table = String::new();
    let lines_up = std::iter::once(this_line).chain(text[..line_start].lines().rev());
    for l in lines_up {
        let t = l.trim();
        if t.starts_with('#') {
            continue;
        }
        if let Some(h) = header_of(t) {
            table = h;
            break;
        }
        if key.is_none() {
            if let Some((k, _)) = t.split_once('=') {
                key = Some(k.trim().trim_matches('"').to_string());
            }
        }
    }
    let key = match (table.is_empty(), key) {
        (_, None) => table,
        (true, Some(k)) => k,
        (false, Some(k)) => format!("{table}.{k}"),
    };
    (line, column, key)
}

/// The 1-based line on which a top-level `key =` is written, or 0.
fn find_key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
name = "test"
description = "a test regime"
source = "unit test"
office_hours = "08:00-16:00"
standing_clearances = ["NATO"]

[defaults]
standard = "3 working days"
oversize = "5 working days"
dangerous_goods = "6 hours"

[countries.DE]
oversize = "14 days"
illustrative = true
"#;

    fn c(code: &str) -> Country {
        code.parse().unwrap()
    }

    #[test]
    fn parses_minimal() {
        let r = PermitRegime::from_toml_str(MINIMAL, "test.toml").unwrap();
        assert_eq!(r.name(), "test");
        assert_eq!(
            r.lead_time(c("FR"), CargoClass::Oversize, None),
            LeadTime::WorkingDays(5)
        );
        assert_eq!(
            r.lead_time(c("DE"), CargoClass::Oversize, None),
            LeadTime::CalendarDays(14)
        );
        assert_eq!(
            r.lead_time(c("DE"), CargoClass::Standard, None),
            LeadTime::WorkingDays(3)
        );
        assert_eq!(
            r.lead_time(c("DE"), CargoClass::Oversize, Some(" nato ")),
            LeadTime::Notification
        );
        assert_eq!(
            r.lead_time(c("DE"), CargoClass::Oversize, Some("EU-CSDP")),
            LeadTime::CalendarDays(14)
        );
        assert_eq!(r.overrides().count(), 1);
    }

    fn parse_err(text: &str) -> PermitError {
        PermitRegime::from_toml_str(text, "bad.toml").unwrap_err()
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let bad = MINIMAL.replace(
            "oversize = \"5 working days\"",
            "oversize = \"5 wroking days\"",
        );
        let e = parse_err(&bad);
        let msg = e.to_string();
        assert!(msg.starts_with("bad.toml:10:"), "{msg}");
        assert!(msg.contains("defaults.oversize"), "{msg}");
        assert!(msg.contains("5 wroking days"), "{msg}");

        let bad = MINIMAL.replace(
            "illustrative = true",
            "illustrative = true\ncolour = \"red\"",
        );
        let msg = parse_err(&bad).to_string();
        assert!(msg.contains("bad.toml:16:"), "{msg}");
        assert!(msg.contains("countries.DE.colour"), "{msg}");
        assert!(msg.contains("unknown field"), "{msg}");

        let bad = MINIMAL.replace("[countries.DE]", "[countries.UK]");
        let msg = parse_err(&bad).to_string();
        assert!(msg.contains("UK") && msg.contains("GB"), "{msg}");

        let bad = MINIMAL.replace(
            "office_hours = \"08:00-16:00\"",
            "office_hours = \"16:00-08:00\"",
        );
        let msg = parse_err(&bad).to_string();
        assert!(
            msg.contains("bad.toml:5:") && msg.contains("office_hours"),
            "{msg}"
        );

        let bad = MINIMAL.replace("dangerous_goods = \"6 hours\"\n", "");
        let msg = parse_err(&bad).to_string();
        assert!(msg.contains("dangerous_goods"), "{msg}");

        let bad = MINIMAL.replace("[\"NATO\"]", "[\"NATO\", \"nato\"]");
        let msg = parse_err(&bad).to_string();
        assert!(
            msg.contains("standing_clearances") && msg.contains("twice"),
            "{msg}"
        );

        let msg = parse_err("name = ").to_string();
        assert!(msg.starts_with("bad.toml:1:"), "{msg}");
    }

    #[test]
    fn builtins_parse_and_match_names() {
        for name in PermitRegime::builtin_names() {
            let r = PermitRegime::builtin(name).unwrap();
            assert_eq!(r.name(), *name);
            assert!(!r.source().is_empty());
        }
        assert_eq!(BUILTIN.len(), BUILTIN_NAMES.len());
        let e = PermitRegime::builtin("nope").unwrap_err();
        assert!(e.to_string().contains("status-quo"));
    }

    #[test]
    fn locate_finds_keys() {
        let text = "a = 1\n[t]\nb = [\n  1,\n  2,\n]\n";
        let off = text.find("2,").unwrap();
        assert_eq!(locate(text, off), (5, 3, "t.b".to_string()));
        assert_eq!(locate(text, 0), (1, 1, "a".to_string()));
        assert_eq!(locate(text, text.len()).0, 7);
    }
}
