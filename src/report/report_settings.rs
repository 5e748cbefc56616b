//! The optional `[report]` table of a scenario file: what `milmob scenario
//! run` adds to the report without command-line flags — what-if
//! (disruption) files, the bottleneck ranking and its table length
//! (`data/FORMAT.md`, "Movement orders", `[report]`).
//!
//! ```toml
//! [report]
//! what_if = ["what-if/brigade-lithuania.oder-bridge.toml"]  # relative to the scenario file
//! bottlenecks = false
//! top = 10
//! ```
//!
//! Command-line flags add to it (`--what-if` files after the table's,
//! each file once) or override it (`--bottlenecks` turns the ranking on,
//! `--top` replaces `top`). `milmob move` reads the same file and ignores
//! the table. Every problem names the scenario file, the line, the key and
//! what was expected; a what-if file that does not exist names its path.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;

/// Rows per bottleneck table when neither the table nor `--top` says.
pub const DEFAULT_TOP: usize = 10;

/// The most rows per bottleneck table a scenario file may ask for.
pub const MAX_TOP: usize = 1000;

/// What a scenario file asks its report to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportSettings {
    /// What-if (disruption) files, resolved against the scenario file's
    /// folder, in the order given (each exists when parsed).
    pub what_if: Vec<PathBuf>,
    /// Whether to rank the force-level bottlenecks (`--bottlenecks`).
    pub bottlenecks: bool,
    /// Rows per bottleneck table (`None`: [`DEFAULT_TOP`]).
    pub top: Option<usize>,
}

/// The part of the scenario file read here (everything else is the
/// movement order's).
#[derive(Debug, Deserialize)]
struct Outer {
    #[serde(default)]
    report: Option<RawReport>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    #[serde(default)]
    what_if: Vec<Spanned<String>>,
    #[serde(default)]
    bottlenecks: Option<bool>,
    #[serde(default)]
    top: Option<Spanned<i64>>,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> u64 {
    text[..at.min(text.len())].matches('\n').count() as u64 + 1
}

/// The key written on the line of byte offset `at` (`k` of `k = …`).
fn key_on_line(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    let (k, _) = line.split_once('=')?;
    let k = k.trim();
    (!k.is_empty() && !k.contains(['[', ']', '"'])).then(|| k.to_string())
}

impl ReportSettings {
    /// Reads the `[report]` table of the scenario text `text` (from
    /// `file`, which names it in errors and anchors the what-if paths).
    /// No table: the default (nothing added).
    pub fn parse(text: &str, file: &Path) -> Result<ReportSettings, Error> {
        let located = |at: Option<usize>, message: String| Error::Parse {
            file: file.to_path_buf(),
            line: at.map(|a| line_of(text, a)),
            message,
        };
        let outer: Outer = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| s.start);
            let key = at.and_then(|a| key_on_line(text, a));
            let message = e.message().trim().to_string();
            located(
                at,
                match key {
                    Some(k) => format!("[report], key `{k}`: {message}"),
                    None => format!("[report]: {message}"),
                },
            )
        })?;
        let Some(raw) = outer.report else {
            return Ok(ReportSettings::default());
        };
        let base = file.parent().unwrap_or(Path::new("."));
        let mut what_if: Vec<PathBuf> = Vec::new();
        for w in &raw.what_if {
            let path = base.join(w.get_ref());
            if !path.is_file() {
                return Err(located(
                    Some(w.span().start),
                    format!(
                        "[report], key `what_if`: what-if file `{}` not found (looked for {}; expected a disruption file, the path relative to the scenario file)",
                        w.get_ref(),
                        path.display()
                    ),
                ));
            }
            if !what_if.contains(&path) {
                what_if.push(path);
            }
        }
        let top = match &raw.top {
            Some(t) => {
                let v = *t.get_ref();
                if v < 1 || v > MAX_TOP as i64 {
                    return Err(located(
                        Some(t.span().start),
                        format!(
                            "[report], key `top`: {v} rows (expected a whole number between 1 and {MAX_TOP})"
                        ),
                    ));
                }
                Some(v as usize)
            }
            None => None,
        };
        Ok(ReportSettings {
            what_if,
            bottlenecks: raw.bottlenecks.unwrap_or(false),
            top,
        })
    }

    /// Adds what-if files given on the command line (after the table's;
    /// a file already listed is not added again).
    pub fn add_what_ifs(&mut self, files: &[PathBuf]) {
        for f in files {
            if !self.what_if.contains(f) {
                self.what_if.push(f.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "name = \"x\"\nnetwork = \"../europe\"\n\n[[element]]\nid = \"A\"\n";

    #[test]
    fn no_table_is_the_default() {
        let s = ReportSettings::parse(HEAD, Path::new("data/scenarios/x.toml")).unwrap();
        assert_eq!(s, ReportSettings::default());
    }

    #[test]
    fn reads_the_table_and_resolves_paths() {
        let text = format!(
            "{HEAD}\n[report]\nwhat_if = [\"what-if/brigade-lithuania.oder-bridge.toml\"]\nbottlenecks = true\ntop = 5\n"
        );
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/x.toml");
        let s = ReportSettings::parse(&text, &file).unwrap();
        assert!(s.bottlenecks);
        assert_eq!(s.top, Some(5));
        assert_eq!(s.what_if.len(), 1);
        assert!(s.what_if[0].is_file());
        let mut s2 = s.clone();
        s2.add_what_ifs(&[s.what_if[0].clone(), PathBuf::from("other.toml")]);
        assert_eq!(s2.what_if.len(), 2);
    }

    #[test]
    fn errors_name_file_line_key_and_expectation() {
        let file = Path::new("data/scenarios/x.toml");
        let cases = [
            (
                "[report]\nbottleneck = true\n",
                vec!["`bottleneck`", "expected one of"],
            ),
            (
                "[report]\nbottlenecks = \"yes\"\n",
                vec!["`bottlenecks`", "bool"],
            ),
            ("[report]\ntop = 0\n", vec!["`top`", "between 1 and"]),
            (
                "[report]\nwhat_if = [\"what-if/nowhere.toml\"]\n",
                vec!["`what_if`", "what-if/nowhere.toml", "not found"],
            ),
        ];
        for (table, wanted) in cases {
            let text = format!("{HEAD}\n{table}");
            let e = ReportSettings::parse(&text, file).unwrap_err();
            let msg = e.to_string();
            assert!(msg.contains("x.toml:8"), "{msg}");
            for w in wanted {
                assert!(msg.contains(w), "`{w}` not in {msg}");
            }
        }
    }
}
