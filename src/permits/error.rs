//! The error type of the permits module.

use std::path::PathBuf;

use super::overlay::OverlayErrorKind;
use crate::country::Country;

/// Everything that can go wrong when building calendars, reading permit
/// regimes or computing grant instants. Each message names the file, key or
/// country involved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PermitError {
    /// milmob has no public-holiday rules for this country, so it cannot count
    /// its working days.
    #[error(
        "no working-day calendar for {country} ({name}): milmob has no public-holiday rules for it"
    )]
    NoCalendar {
        /// The country asked for.
        country: Country,
        /// Its English name.
        name: &'static str,
    },

    /// An office-hours text such as `"08:00-16:00"` could not be read.
    #[error("invalid office hours `{text}`: {reason}")]
    InvalidOfficeHours {
        /// The rejected text.
        text: String,
        /// Why it was rejected.
        reason: String,
    },

    /// A lead-time text such as `"3 working days"` could not be read.
    #[error("invalid lead time `{text}`: {reason}")]
    InvalidLeadTime {
        /// The rejected text.
        text: String,
        /// Why it was rejected.
        reason: String,
    },

    /// A cargo-class text is none of `standard`, `oversize`, `dangerous_goods`.
    #[error("unknown cargo class `{0}` (expected `standard`, `oversize` or `dangerous_goods`)")]
    UnknownCargoClass(String),

    /// A regime file could not be read from disk.
    #[error("cannot read permit regime file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// A regime file is not valid TOML or does not match the regime format.
    /// `line` and `column` are 1-based; `key` is the dotted key at that place
    /// (e.g. `countries.DE.oversize`), empty when unknown.
    #[error("{origin}:{line}:{column}: {}{message}", key_prefix(key))]
    Parse {
        /// The file name (or other origin name) of the text.
        origin: String,
        /// 1-based line of the error (0 when unknown).
        line: usize,
        /// 1-based column of the error (0 when unknown).
        column: usize,
        /// The dotted key at the error, or empty.
        key: String,
        /// What is wrong.
        message: String,
    },

    /// No built-in regime has this name.
    #[error("no built-in permit regime `{name}` (built-in: {known})")]
    UnknownRegime {
        /// The name asked for.
        name: String,
        /// The built-in names, comma separated.
        known: String,
    },

    /// A computation left the range of dates that chrono can represent
    /// (about ±262,000 years), or a lead time is larger than milmob counts
    /// (more than [`MAX_LEAD_DAYS`](super::MAX_LEAD_DAYS) days).
    #[error("{what} is out of the representable time range for {country}")]
    OutOfRange {
        /// The country whose calendar was used.
        country: Country,
        /// What was being computed.
        what: String,
    },

    /// The calendar of `country` is complete only for the years
    /// `first..=last` (its Islamic holidays come from dated tables), and a
    /// computation needed the year `year`.
    #[error(
        "the working-day calendar of {country} ({name}) covers only {first}..={last} \
         (its Islamic holidays are dated tables), but {year} is needed{}",
        what_suffix(what)
    )]
    YearNotCovered {
        /// The country.
        country: Country,
        /// Its English name.
        name: &'static str,
        /// The year asked for.
        year: i32,
        /// First covered year.
        first: i32,
        /// Last covered year.
        last: i32,
        /// What was being computed (may be empty).
        what: String,
    },

    /// A calendar overlay file could not be read from disk.
    #[error("cannot read calendar overlay file {}: {source}", path.display())]
    OverlayIo {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// An entry of a calendar overlay file is wrong. `line` is 1-based (0
    /// when unknown); `entry` is the 1-based number of the `[[day]]` table
    /// (0 when the error is outside any); `key` is the key concerned
    /// (`country`, `date`, `name`, `source`, or the unknown key), empty when
    /// unknown.
    #[error("{origin}:{line}: day {entry}{}: {kind}", overlay_key(key))]
    Overlay {
        /// The file name (or other origin name) of the text.
        origin: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based number of the `[[day]]` entry.
        entry: usize,
        /// The key concerned.
        key: String,
        /// What is wrong.
        kind: OverlayErrorKind,
    },
}

fn what_suffix(what: &str) -> String {
    if what.is_empty() {
        String::new()
    } else {
        format!(" (for the {what})")
    }
}

fn overlay_key(key: &str) -> String {
    if key.is_empty() {
        String::new()
    } else {
        format!(", key `{key}`")
    }
}

fn key_prefix(key: &str) -> String {
    if key.is_empty() {
        String::new()
    } else {
        format!("key `{key}`: ")
    }
}
