//! The one CSV reader of milmob (network `hubs.csv` / `links.csv`, batch
//! query files): a header row and records, each with its **physical line
//! number**, whatever the line endings (LF or CRLF) and however many `#`
//! comment or blank lines come before the header or between rows. Problems
//! that make a whole file unreadable get one clear error with a hint instead
//! of one error per cell: no header row, a `;` or tab delimiter, an
//! unbalanced quote.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::{shorten, Diagnostic};

/// A CSV file read into a header and rows.
#[derive(Debug, Clone)]
pub struct CsvTable {
    /// The header cells, trimmed.
    pub header: Vec<String>,
    /// 1-based line of the header row.
    pub header_line: u64,
    /// Each record with the 1-based physical line it starts on.
    pub rows: Vec<(u64, csv::StringRecord)>,
}

impl CsvTable {
    /// The cell of `column` in a row, if the header has that column.
    pub fn cell(&self, row: &csv::StringRecord, column: &str) -> Option<String> {
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| row.get(i))
            .map(str::to_string)
    }
}

/// What columns a table may and must have.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    /// Every known column.
    pub known: &'a [&'a str],
    /// Columns the header must have.
    pub required: &'a [&'a str],
}

/// Reads CSV text (`path` names it in diagnostics). Returns `None` when the
/// header is unusable; row-level problems are pushed to `out` and the
/// readable rows are returned. Columns starting with `x_` are private notes
/// and always allowed.
pub fn read_csv(
    text: &str,
    path: &Path,
    cols: Columns<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<CsvTable> {
    // One line-ending convention (CRLF reads as LF) and comment lines
    // blanked (kept as empty lines), so the csv crate's line counter counts
    // physical lines: it skips empty lines but would not count comments.
    let cleaned: String = text
        .split_inclusive('\n')
        .map(|l| {
            let body = l.strip_suffix('\n').unwrap_or(l);
            let body = body.strip_suffix('\r').unwrap_or(body);
            if body.trim_start().starts_with('#') {
                "\n".to_string()
            } else if l.ends_with('\n') {
                format!("{body}\n")
            } else {
                body.to_string()
            }
        })
        .collect();
    let text = cleaned.as_str();
    let header_line = text
        .lines()
        .position(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .map_or(1, |i| i as u64 + 1);
    let at = |d: Diagnostic, line: u64| d.in_file(path).at_line(line);
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.to_string()).collect(),
        Err(e) => {
            out.push(at(
                Diagnostic::error(format!("not a CSV file: {e}")),
                header_line,
            ));
            return None;
        }
    };
    let known: BTreeSet<&str> = cols.known.iter().copied().collect();
    let is_known = |h: &str| known.contains(h) || h.starts_with("x_");
    let known_list = || cols.known.join(",");
    if !header.iter().any(|h| is_known(h)) {
        // Not one column name: a wrong delimiter, or no header at all.
        let first = header.first().map(String::as_str).unwrap_or("");
        let delim = [(';', "`;`"), ('\t', "a tab"), ('|', "`|`")]
            .into_iter()
            .find(|(c, _)| {
                header.len() == 1 && first.split(*c).filter(|x| is_known(x.trim())).count() > 0
            });
        let msg = match delim {
            Some((_, name)) => format!(
                "the header uses {name} between columns; milmob reads comma-separated files (replace the delimiter with `,`)"
            ),
            None => format!(
                "the first row `{}` is not a header: none of its cells is a column name; the file needs a header row with the column names first, e.g. `{}`",
                shorten(&header.join(",")),
                shorten(&cols.required.join(","))
            ),
        };
        out.push(at(Diagnostic::error(msg), header_line));
        return None;
    }
    let mut ok = true;
    let mut seen = BTreeSet::new();
    for h in &header {
        if !seen.insert(h.as_str()) {
            out.push(at(
                Diagnostic::error("column appears twice in the header").field(h),
                header_line,
            ));
            ok = false;
        } else if !is_known(h) {
            out.push(at(
                Diagnostic::error(format!(
                    "unknown column (prefix it with `x_` to keep private notes); known columns: {}",
                    known_list()
                ))
                .field(shorten(h)),
                header_line,
            ));
            ok = false;
        }
    }
    for r in cols.required {
        if !header.iter().any(|h| h == r) {
            out.push(at(
                Diagnostic::error("required column is missing from the header").field(*r),
                header_line,
            ));
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let last_line = text.lines().count() as u64;
    // Physical line of a byte offset (the csv crate's own line counter
    // skips comment lines).
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // The csv crate places a record where it started reading, before the
    // blank lines it skipped: step over them.
    let bytes = text.as_bytes();
    let line_of = |p: Option<&csv::Position>| {
        p.map(|p| {
            let mut b = p.byte() as usize;
            while b < bytes.len() && bytes[b].is_ascii_whitespace() {
                b += 1;
            }
            starts.partition_point(|&s| s <= b) as u64
        })
    };
    let mut rows = Vec::new();
    // Row problems kept at most (the rest counted), so a huge broken file
    // cannot need gigabytes of messages.
    let limit = out.len() + super::folder::MAX_DIAGNOSTICS;
    let mut dropped = 0usize;
    for rec in rdr.records() {
        if out.len() >= limit {
            out.truncate(limit);
            dropped += 1;
        }
        match rec {
            Ok(r) => {
                let line = line_of(r.position()).unwrap_or(0);
                if r.iter().any(|f| f.contains('\n')) {
                    out.push(at(
                        Diagnostic::error(unbalanced_quote(line, last_line)),
                        line,
                    ));
                    continue;
                }
                rows.push((line, r));
            }
            Err(e) => {
                let line = line_of(e.position());
                let msg = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        let mut m = format!("row has {len} fields, the header has {expected_len}");
                        if *len < *expected_len && line.is_some() {
                            // A field swallowed the rest: a quote left open.
                            let l = line.unwrap_or(0);
                            if text
                                .lines()
                                .nth(l as usize - 1)
                                .is_some_and(|t| t.matches('"').count() % 2 == 1)
                            {
                                m = unbalanced_quote(l, last_line);
                            }
                        }
                        m
                    }
                    csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
                    _ => format!("malformed CSV: {e}"),
                };
                let mut d = Diagnostic::error(msg).in_file(path);
                if let Some(l) = line {
                    d = d.at_line(l);
                }
                out.push(d);
            }
        }
    }
    if dropped > 0 {
        out.push(Diagnostic::error(format!(
            "about {dropped} more malformed row(s) not listed (only the first {} problems are kept)",
            super::folder::MAX_DIAGNOSTICS
        )).in_file(path));
    }
    Some(CsvTable {
        header,
        header_line,
        rows,
    })
}

fn unbalanced_quote(line: u64, last: u64) -> String {
    format!(
        "a quoted field runs over several lines (from line {line}{}): probably an unbalanced quote `\"` on line {line}",
        if last > line {
            format!(" up to line {last} at most")
        } else {
            String::new()
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: Columns<'static> = Columns {
        known: &["id", "name"],
        required: &["id"],
    };

    fn read(text: &str) -> (Option<CsvTable>, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let t = read_csv(text, Path::new("t.csv"), COLS, &mut out);
        (t, out)
    }

    #[test]
    fn crlf_and_comments_keep_physical_lines() {
        let (t, d) = read("# c\r\n\r\nid,name\r\na,A\r\n# mid\r\nb,B\r\n");
        assert!(d.is_empty(), "{d:?}");
        let t = t.unwrap();
        assert_eq!(t.header_line, 3);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [4, 6]);
        let (_, d) = read("# c\nid,nmae\n");
        assert_eq!(d[0].line, Some(2));
    }

    #[test]
    fn one_clear_error_for_unreadable_files() {
        let (_, d) = read("a,A\nb,B\nc,C\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].problem.contains("not a header"), "{d:?}");
        let (_, d) = read("id;name\na;A\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].problem.contains("`;`"), "{d:?}");
        let (_, d) = read("id,name\n\"a,A\nb,B\n");
        assert!(
            d.iter().any(|d| d.problem.contains("unbalanced quote")),
            "{d:?}"
        );
    }
}
