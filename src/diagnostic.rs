//! Diagnostics: problems found in input data, each located by file, line,
//! field and id.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input can be used, but something looks wrong.
    Warning,
}

/// One problem found in input data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, if the problem is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// 1-based physical line (CSV, TOML, DIMACS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based feature number in a GeoJSON FeatureCollection (GeoJSON
    /// problems have a feature, not a line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<u64>,
    /// The column, key or field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The hub, link or corridor id concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What `id` names: `hub`, `link` or `corridor` (ids are unique only
    /// within their kind).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<&'static str>,
    /// Human explanation of the problem only (without location); see
    /// [`Diagnostic::message`] for the full text.
    pub problem: String,
    /// The full human message: location, id, field and problem.
    pub message: String,
}

impl Diagnostic {
    /// A new diagnostic with no location yet.
    pub fn new(severity: Severity, problem: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic {
            severity,
            file: None,
            line: None,
            feature: None,
            field: None,
            id: None,
            entity: None,
            problem: problem.into(),
            message: String::new(),
        };
        d.refresh();
        d
    }

    /// An error.
    pub fn error(problem: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, problem)
    }

    /// A warning.
    pub fn warning(problem: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, problem)
    }

    /// Sets the file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Diagnostic {
        self.file = Some(file.into());
        self.refresh();
        self
    }

    /// Sets the line.
    pub fn at_line(mut self, line: u64) -> Diagnostic {
        self.line = Some(line);
        self.refresh();
        self
    }

    /// Sets the GeoJSON feature number (1-based).
    pub fn at_feature(mut self, feature: u64) -> Diagnostic {
        self.feature = Some(feature);
        self.refresh();
        self
    }

    /// Sets the field.
    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self.refresh();
        self
    }

    /// Sets the id.
    pub fn id(mut self, id: impl Into<String>) -> Diagnostic {
        self.id = Some(id.into());
        self.refresh();
        self
    }

    /// Sets what the id names (`hub`, `link`, `corridor`).
    pub fn entity(mut self, entity: &'static str) -> Diagnostic {
        self.entity = Some(entity);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn refresh(&mut self) {
        let mut m = String::new();
        if let Some(f) = &self.file {
            m.push_str(&f.display().to_string());
            if let Some(l) = self.line {
                m.push_str(&format!(":{l}"));
            }
            m.push_str(": ");
        } else if let Some(l) = self.line {
            m.push_str(&format!("line {l}: "));
        }
        if let Some(n) = self.feature {
            m.push_str(&format!("feature {n}: "));
        }
        if let Some(id) = &self.id {
            m.push_str(&format!("`{id}`: "));
        }
        if let Some(f) = &self.field {
            m.push_str(&format!("field `{f}`: "));
        }
        m.push_str(&self.problem);
        self.message = m;
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{tag}: {}", self.message)
    }
}

/// Most characters of user text quoted in a message; longer text is cut
/// with `…` (see [`shorten`]).
pub const QUOTE_MAX: usize = 60;

/// User text for a message: at most [`QUOTE_MAX`] characters, cut with `…`.
pub fn shorten(s: &str) -> String {
    if s.chars().count() <= QUOTE_MAX {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(QUOTE_MAX).collect();
        t.push('…');
        t
    }
}

/// A number for a message: the shortest round-trip form, in exponent
/// notation when that is shorter (`1e300`, `1e-300`, not 300 digits).
pub fn number(v: f64) -> String {
    let plain = v.to_string();
    let exp = format!("{v:e}");
    if plain.len() > 12 && exp.len() < plain.len() {
        exp
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_location() {
        let d = Diagnostic::error("must be > 0")
            .in_file("links.csv")
            .at_line(7)
            .field("length_km")
            .id("R-1");
        assert_eq!(
            d.message,
            "links.csv:7: `R-1`: field `length_km`: must be > 0"
        );
        assert_eq!(d.to_string(), format!("error: {}", d.message));
    }

    #[test]
    fn numbers_and_quotes_are_short() {
        assert_eq!(number(1e300), "1e300");
        assert_eq!(number(1e-300), "1e-300");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(shorten(&"x".repeat(100)).chars().count(), QUOTE_MAX + 1);
    }
}
