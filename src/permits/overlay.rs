//! User overlays of extra non-working days: a national day of mourning, a
//! strike of the permitting office, an announced Bajram date that differs
//! from the table, a one-off holiday decreed after milmob was released.
//!
//! # File format (TOML)
//! ```toml
//! # extra non-working days (national day of mourning, strike, ...)
//! [[day]]
//! country = "DE"            # ISO 3166-1 alpha-2, a country with a calendar
//! date = "2026-03-10"       # local date, YYYY-MM-DD (a TOML date works too)
//! name = "Day of mourning"  # shown in holiday lists
//! source = "Federal government announcement"  # optional
//! ```
//! Every `[[day]]` needs `country`, `date` and `name`; `source` is optional
//! and no other key is allowed. A country/date pair may appear only once.
//! A day that is already a weekend or public holiday is accepted (it stays a
//! day off). Dates are local calendar dates of the country, in
//! 1900-01-01..=2100-12-31. The format is documented in `data/FORMAT.md`.
//!
//! # Effect
//! An overlay day is a day off like a public holiday: it is never a working
//! day (not even a transferred working Saturday), it appears in
//! [`WorkingCalendar::holidays`](super::WorkingCalendar::holidays) with
//! `" (extra non-working day)"` after its name, and lead times in working
//! days skip it. Adding a day can only make grants later, never earlier.
//!
//! See [`CalendarOverlay`] for the API.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;

use super::error::PermitError;
use super::holidays;
use crate::country::Country;

/// First year an overlay day may fall in.
pub const OVERLAY_FIRST_YEAR: i32 = 1900;
/// Last year an overlay day may fall in.
pub const OVERLAY_LAST_YEAR: i32 = 2100;

/// One extra non-working day of an overlay.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExtraDay {
    /// The country whose calendar gets the day off.
    pub country: Country,
    /// The local calendar date of the day off.
    pub date: NaiveDate,
    /// Why the day is off, e.g. `"Day of mourning"`.
    pub name: String,
    /// Where the information comes from, if the file says.
    pub source: Option<String>,
}

/// A set of extra non-working days per country, loaded from a TOML file or
/// built in code; applied to [`Calendars`](super::Calendars) by
/// [`Calendars::with_overlay`](super::Calendars::with_overlay).
///
/// # File format
/// ```toml
/// # extra non-working days (national day of mourning, strike, ...)
/// [[day]]
/// country = "DE"            # ISO 3166-1 alpha-2, a country with a calendar
/// date = "2026-03-10"       # local date, YYYY-MM-DD (a TOML date works too)
/// name = "Day of mourning"  # shown in holiday lists
/// source = "Federal government announcement"  # optional
/// ```
/// `country`, `date` and `name` are required, `source` optional, no other
/// key allowed; a country/date pair only once; dates in
/// [`OVERLAY_FIRST_YEAR`]..=[`OVERLAY_LAST_YEAR`]. Full description:
/// `data/FORMAT.md`, section "Calendar overlay files".
///
/// # Effect
/// An overlay day is a day off like a public holiday: never a working day
/// (not even a transferred working Saturday), listed by
/// [`WorkingCalendar::holidays`](super::WorkingCalendar::holidays) as
/// `"<name> (extra non-working day)"`, skipped by working-day lead times.
/// Adding days only ever makes grants later.
///
/// ```
/// use milmob::permits::{CalendarOverlay, Calendars};
/// let text = r#"
/// [[day]]
/// country = "DE"
/// date = "2026-03-10"
/// name = "Day of mourning"
/// "#;
/// let overlay = CalendarOverlay::from_toml_str(text, "extra.toml").unwrap();
/// let calendars = Calendars::with_overlay(overlay);
/// let de = calendars.get("DE".parse().unwrap()).unwrap();
/// assert!(!de.is_working_day(chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarOverlay {
    days: BTreeMap<Country, BTreeMap<NaiveDate, ExtraDay>>,
}

/// What is wrong with one entry of an overlay file (the file, line, entry
/// and key are in [`PermitError::Overlay`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OverlayErrorKind {
    /// The text is not TOML, or not an array of `[[day]]` tables.
    Syntax(String),
    /// A required key (`country`, `date`, `name`) is missing.
    MissingKey,
    /// A key other than `country`, `date`, `name`, `source`.
    UnknownKey,
    /// A value of the wrong TOML type (e.g. a number for `country`).
    WrongType {
        /// What the key needs, e.g. `"a string"`.
        expected: &'static str,
    },
    /// The country code is not an ISO code milmob knows.
    UnknownCountry(String),
    /// The country is known but milmob has no working-day calendar for it.
    NoCalendar(Country),
    /// The date is not a calendar date `YYYY-MM-DD` in the allowed years.
    BadDate(String),
    /// The same country and date were already given by an earlier entry.
    Duplicate {
        /// 1-based line of the earlier entry's `date`.
        first_line: usize,
    },
}

impl fmt::Display for OverlayErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OverlayErrorKind::Syntax(m) => write!(f, "{m}"),
            OverlayErrorKind::MissingKey => write!(f, "missing required key"),
            OverlayErrorKind::UnknownKey => write!(
                f,
                "unknown key (allowed: `country`, `date`, `name`, `source`)"
            ),
            OverlayErrorKind::WrongType { expected } => write!(f, "expected {expected}"),
            OverlayErrorKind::UnknownCountry(c) => write!(f, "unknown country code `{c}`"),
            OverlayErrorKind::NoCalendar(c) => write!(
                f,
                "milmob has no working-day calendar for {c} ({})",
                c.name()
            ),
            OverlayErrorKind::BadDate(d) => write!(
                f,
                "`{d}` is not a date YYYY-MM-DD in {OVERLAY_FIRST_YEAR}..={OVERLAY_LAST_YEAR}"
            ),
            OverlayErrorKind::Duplicate { first_line } => write!(
                f,
                "this country and date are already given on line {first_line}"
            ),
        }
    }
}

/// The file as written: `[[day]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    day: Vec<Spanned<RawDay>>,
}

/// One `[[day]]` table, every value kept with its place in the text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDay {
    country: Option<Spanned<toml::Value>>,
    date: Option<Spanned<toml::Value>>,
    name: Option<Spanned<toml::Value>>,
    source: Option<Spanned<toml::Value>>,
}

impl CalendarOverlay {
    /// An empty overlay (no extra days).
    pub fn new() -> CalendarOverlay {
        CalendarOverlay::default()
    }

    /// Reads an overlay file. Errors: [`PermitError::OverlayIo`] when the
    /// file cannot be read, [`PermitError::Overlay`] (naming the file, line,
    /// entry and key) for the first bad entry.
    pub fn load(path: impl AsRef<Path>) -> Result<CalendarOverlay, PermitError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| PermitError::OverlayIo {
            path: path.to_path_buf(),
            source,
        })?;
        CalendarOverlay::from_toml_str(&text, &path.display().to_string())
    }

    /// Reads an overlay from TOML text; `origin` names the text in errors
    /// (usually the file name).
    pub fn from_toml_str(text: &str, origin: &str) -> Result<CalendarOverlay, PermitError> {
        let err =
            |offset: usize, entry: usize, key: &str, kind: OverlayErrorKind| PermitError::Overlay {
                origin: origin.to_string(),
                line: line_of(text, offset),
                entry,
                key: key.to_string(),
                kind,
            };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().to_string();
            let entry = e.span().map_or(0, |s| entry_at(text, s.start));
            let (key, kind) = if let Some(rest) = message.strip_prefix("unknown field `") {
                let key = rest.split('`').next().unwrap_or("").to_string();
                (key, OverlayErrorKind::UnknownKey)
            } else {
                (key_at(text, offset), OverlayErrorKind::Syntax(message))
            };
            PermitError::Overlay {
                origin: origin.to_string(),
                line: if e.span().is_some() {
                    line_of(text, offset)
                } else {
                    0
                },
                entry,
                key,
                kind,
            }
        })?;

        let mut overlay = CalendarOverlay::new();
        let mut first_line: BTreeMap<(Country, NaiveDate), usize> = BTreeMap::new();
        for (i, spanned) in raw.day.iter().enumerate() {
            let entry = i + 1;
            let table_start = spanned.span().start;
            let day = spanned.get_ref();
            let required = |v: &Option<Spanned<toml::Value>>, key: &str| {
                v.clone()
                    .ok_or_else(|| err(table_start, entry, key, OverlayErrorKind::MissingKey))
            };
            let string = |v: &Spanned<toml::Value>, key: &str| match v.get_ref() {
                toml::Value::String(s) => Ok(s.clone()),
                _ => Err(err(
                    v.span().start,
                    entry,
                    key,
                    OverlayErrorKind::WrongType {
                        expected: "a string",
                    },
                )),
            };

            let country_v = required(&day.country, "country")?;
            let code = string(&country_v, "country")?;
            let country = Country::parse(&code).map_err(|_| {
                err(
                    country_v.span().start,
                    entry,
                    "country",
                    OverlayErrorKind::UnknownCountry(code.clone()),
                )
            })?;
            if !holidays::has_rules(country.code()) {
                return Err(err(
                    country_v.span().start,
                    entry,
                    "country",
                    OverlayErrorKind::NoCalendar(country),
                ));
            }

            let date_v = required(&day.date, "date")?;
            let date_text = match date_v.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(dt) => dt.to_string(),
                _ => {
                    return Err(err(
                        date_v.span().start,
                        entry,
                        "date",
                        OverlayErrorKind::WrongType {
                            expected: "a date `YYYY-MM-DD`",
                        },
                    ))
                }
            };
            let date = parse_date(&date_text).ok_or_else(|| {
                err(
                    date_v.span().start,
                    entry,
                    "date",
                    OverlayErrorKind::BadDate(date_text.clone()),
                )
            })?;

            let name_v = required(&day.name, "name")?;
            let name = string(&name_v, "name")?.trim().to_string();
            if name.is_empty() {
                return Err(err(
                    name_v.span().start,
                    entry,
                    "name",
                    OverlayErrorKind::WrongType {
                        expected: "a non-empty string",
                    },
                ));
            }
            let source = day
                .source
                .as_ref()
                .map(|v| string(v, "source"))
                .transpose()?;

            let line = line_of(text, date_v.span().start);
            if let Some(&first) = first_line.get(&(country, date)) {
                return Err(err(
                    date_v.span().start,
                    entry,
                    "date",
                    OverlayErrorKind::Duplicate { first_line: first },
                ));
            }
            first_line.insert((country, date), line);
            overlay.insert_unchecked(ExtraDay {
                country,
                date,
                name,
                source,
            });
        }
        Ok(overlay)
    }

    /// Adds a day. Fails with [`PermitError::NoCalendar`] for a country
    /// without a calendar; returns `false` (and keeps the earlier day) when
    /// the country already has an extra day on that date.
    pub fn insert(&mut self, day: ExtraDay) -> Result<bool, PermitError> {
        if !holidays::has_rules(day.country.code()) {
            return Err(PermitError::NoCalendar {
                country: day.country,
                name: day.country.name(),
            });
        }
        if self.contains(day.country, day.date) {
            return Ok(false);
        }
        self.insert_unchecked(day);
        Ok(true)
    }

    fn insert_unchecked(&mut self, day: ExtraDay) {
        self.days
            .entry(day.country)
            .or_default()
            .entry(day.date)
            .or_insert(day);
    }

    /// Whether `country` has an extra day off on `date` (local date).
    pub fn contains(&self, country: Country, date: NaiveDate) -> bool {
        self.days
            .get(&country)
            .is_some_and(|m| m.contains_key(&date))
    }

    /// The extra days of `country`, sorted by date.
    pub fn days_for(&self, country: Country) -> impl Iterator<Item = &ExtraDay> + '_ {
        self.days.get(&country).into_iter().flat_map(|m| m.values())
    }

    /// Every extra day, sorted by country, then date.
    pub fn iter(&self) -> impl Iterator<Item = &ExtraDay> + '_ {
        self.days.values().flat_map(|m| m.values())
    }

    /// The number of extra days.
    pub fn len(&self) -> usize {
        self.days.values().map(BTreeMap::len).sum()
    }

    /// Whether the overlay has no days.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A `YYYY-MM-DD` date in the allowed years.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // Exactly four-digit years: chrono would also accept "+12345-01-01".
    if t.len() != 10 || !t.is_ascii() {
        return None;
    }
    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()?;
    (OVERLAY_FIRST_YEAR..=OVERLAY_LAST_YEAR)
        .contains(&d.year())
        .then_some(d)
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// 1-based number of the `[[day]]` entry that contains byte `offset`
/// (0 before the first).
fn entry_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    let mut n = 0;
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        if pos > end {
            break;
        }
        if l.trim_start().starts_with("[[") {
            n += 1;
        }
        pos += l.len();
    }
    n
}

/// The key written on the line of byte `offset`, or empty.
fn key_at(text: &str, offset: usize) -> String {
    let line = line_of(text, offset);
    text.lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.split_once('='))
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<CalendarOverlay, PermitError> {
        CalendarOverlay::from_toml_str(text, "extra.toml")
    }

    fn kind(text: &str) -> (usize, usize, String, OverlayErrorKind) {
        match parse(text).unwrap_err() {
            PermitError::Overlay {
                origin,
                line,
                entry,
                key,
                kind,
            } => {
                assert_eq!(origin, "extra.toml");
                (line, entry, key, kind)
            }
            e => panic!("unexpected error {e}"),
        }
    }

    #[test]
    fn parses_days() {
        let o = parse(
            r#"
# comment
[[day]]
country = "DE"
date = "2026-03-10"
name = "Day of mourning"

[[day]]
country = "mk"
date = 2026-04-14
name = "Strike"
source = "press"
"#,
        )
        .unwrap();
        assert_eq!(o.len(), 2);
        let de: Country = "DE".parse().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert!(o.contains(de, d));
        let mk: Vec<_> = o.days_for("MK".parse().unwrap()).collect();
        assert_eq!(mk[0].source.as_deref(), Some("press"));
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn every_error_names_line_entry_and_key() {
        let head = "[[day]]\ncountry = \"DE\"\ndate = \"2026-03-10\"\nname = \"x\"\n";
        let (line, entry, key, k) = kind(&format!(
            "{head}[[day]]\ncountry = \"ZZ\"\ndate = \"2026-03-11\"\nname = \"y\"\n"
        ));
        assert_eq!((line, entry, key.as_str()), (6, 2, "country"));
        assert_eq!(k, OverlayErrorKind::UnknownCountry("ZZ".into()));

        let (line, entry, key, k) =
            kind("[[day]]\ncountry = \"RU\"\ndate = \"2026-03-11\"\nname = \"y\"\n");
        assert_eq!((line, entry, key.as_str()), (2, 1, "country"));
        assert!(matches!(k, OverlayErrorKind::NoCalendar(_)));

        let (line, _, key, k) =
            kind("[[day]]\ncountry = \"DE\"\ndate = \"2026-02-30\"\nname = \"y\"\n");
        assert_eq!((line, key.as_str()), (3, "date"));
        assert_eq!(k, OverlayErrorKind::BadDate("2026-02-30".into()));

        let (line, entry, key, k) = kind(&format!(
            "{head}\n[[day]]\ncountry = \"DE\"\nname = \"y\"\n"
        ));
        assert_eq!((entry, key.as_str()), (2, "date"));
        assert_eq!(k, OverlayErrorKind::MissingKey);
        assert_eq!(line, 6, "the `[[day]]` header of the entry");

        let (line, entry, key, k) = kind(&format!(
            "{head}[[day]]\ncountry = \"de\"\ndate = \"2026-03-10\"\nname = \"again\"\n"
        ));
        assert_eq!((line, entry, key.as_str()), (7, 2, "date"));
        assert_eq!(k, OverlayErrorKind::Duplicate { first_line: 3 });

        let (line, entry, key, k) = kind(&format!("{head}reason = \"x\"\n"));
        assert_eq!((line, entry, key.as_str()), (5, 1, "reason"));
        assert_eq!(k, OverlayErrorKind::UnknownKey);

        let (line, _, key, k) =
            kind("[[day]]\ncountry = 49\ndate = \"2026-03-10\"\nname = \"y\"\n");
        assert_eq!((line, key.as_str()), (2, "country"));
        assert!(matches!(k, OverlayErrorKind::WrongType { .. }));

        let (line, _, _, k) = kind("[[day]]\ncountry = \"DE\"\ndate = \n");
        assert_eq!(line, 3);
        assert!(matches!(k, OverlayErrorKind::Syntax(_)));

        let e =
            parse("[[day]]\ncountry = \"ZZ\"\ndate = \"2026-03-11\"\nname = \"y\"\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("extra.toml:2"), "{msg}");
        assert!(msg.contains("`country`"), "{msg}");
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-03-10").is_some());
        for bad in [
            "2026-3-10",
            "+2026-03-10",
            "1899-12-31",
            "2101-01-01",
            "10.03.2026",
            "",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
        let (_, _, key, k) =
            kind("[[day]]\ncountry = \"DE\"\ndate = 2026-03-10T10:00:00\nname = \"y\"\n");
        assert_eq!(key, "date");
        assert!(matches!(k, OverlayErrorKind::BadDate(_)));
    }

    #[test]
    fn insert_checks_calendar() {
        let mut o = CalendarOverlay::new();
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let day = |c: &str| ExtraDay {
            country: c.parse().unwrap(),
            date: d,
            name: "x".into(),
            source: None,
        };
        assert!(o.insert(day("DE")).unwrap());
        assert!(!o.insert(day("DE")).unwrap());
        assert!(o.insert(day("RU")).is_err());
        assert_eq!(o.iter().count(), 1);
    }
}
