//! The crate's error type.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Everything that can go wrong in milmob. Variants name the file, line,
/// field or id concerned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Input data has errors; all problems found are listed.
    #[error("{} error(s) in {origin}:\n{}", .diagnostics.iter().filter(|d| d.is_error()).count(), summarise(.diagnostics))]
    Invalid {
        /// What was being read (a folder or file).
        origin: String,
        /// Every problem found (errors and warnings).
        diagnostics: Vec<Diagnostic>,
    },
    /// A file could not be parsed at all.
    #[error("{file}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        /// The file.
        file: PathBuf,
        /// 1-based line, if known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// A hub id that the network does not have.
    #[error("unknown hub `{0}`")]
    UnknownHub(String),
    /// A link id that the network does not have.
    #[error("unknown link `{0}`")]
    UnknownLink(String),
    /// A corridor id that the network does not have.
    #[error("unknown corridor `{0}`")]
    UnknownCorridor(String),
    /// An id used twice.
    #[error("duplicate {what} id `{id}`")]
    DuplicateId {
        /// `hub`, `link` or `corridor`.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A link whose two ends are the same hub.
    #[error("link `{0}` starts and ends at the same hub")]
    SelfLoop(String),
    /// An edit that would break the network's consistency.
    #[error("invalid edit: {0}")]
    InvalidEdit(String),
    /// A request that makes no sense (bad argument, impossible constraint).
    #[error("{0}")]
    InvalidRequest(String),
    /// A calendar or permit-regime problem (unknown regime, no calendar for
    /// a country, a grant outside the calendars' years).
    #[error(transparent)]
    Permit(#[from] crate::permits::PermitError),
}

fn summarise(ds: &[Diagnostic]) -> String {
    let errors: Vec<String> = ds
        .iter()
        .filter(|d| d.is_error())
        .take(20)
        .map(|d| format!("  {}", d.message))
        .collect();
    let more = ds
        .iter()
        .filter(|d| d.is_error())
        .count()
        .saturating_sub(20);
    if more > 0 {
        format!("{}\n  … and {more} more", errors.join("\n"))
    } else {
        errors.join("\n")
    }
}

/// Shorthand for `Result<T, milmob::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
