//! DIMACS-style arc files (`a <from> <to> <weight>` per line), as used by
//! the 9th DIMACS challenge and the road graphs in `../shared/data/graphs/`.
//!
//! Two node-id conventions are read ([`IdBase`]):
//! - **9th DIMACS challenge**: a problem line `p sp <nodes> <arcs>` is
//!   present and node ids are **1-based** (`1..=nodes`);
//! - **plain arc files** (no `p` line, e.g. `../shared/data/graphs/*.gr`):
//!   node ids are **0-based** (`0..=largest id`).
//!
//! The convention is chosen from the `p` line unless the caller overrides it
//! ([`parse_arcs_with`]; `milmob route --ids 0|1`). Lines starting with `c`
//! or `#` are comments. An arc line has exactly four fields; anything after
//! the weight is an error.
//!
//! **Memory is proportional to the arcs in the file**, not to the node ids:
//! the ids that appear in arcs are remapped to compact indices `0..k` (in
//! increasing order of the original id, so a file that uses every id keeps
//! its numbering), and [`ArcFile::node_ids`] keeps each node's original id
//! so that answers print the file's ids. Ids inside the declared range that
//! no arc uses are valid but isolated nodes ([`ArcFile::lookup`]). At most
//! [`MAX_ARCS`] arcs are read (about 12 bytes per arc here, plus the
//! routing topology built from them).

use std::path::Path;

use crate::error::Error;

/// Most nodes an arc file may use in its arcs (2^26, about 67 million: more
/// than the full DIMACS USA road graph's 24 million).
pub const MAX_NODES: u32 = 1 << 26;

/// Most arcs an arc file may hold (2^26, about 67 million: more than the
/// full DIMACS USA road graph's 58 million).
pub const MAX_ARCS: usize = 1 << 26;

/// Largest arc weight accepted (`u32::MAX / 4`, so that sums of a few
/// weights cannot overflow the search's 32-bit arc costs).
pub const MAX_WEIGHT: u64 = u32::MAX as u64 / 4;

/// Which number the first node id of a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdBase {
    /// Node ids start at 0 (plain arc files without a `p` line).
    Zero,
    /// Node ids start at 1 (the 9th DIMACS challenge, `p sp n m`).
    One,
}

impl IdBase {
    /// The first valid node id: 0 or 1.
    pub fn first(self) -> u64 {
        match self {
            IdBase::Zero => 0,
            IdBase::One => 1,
        }
    }
}

/// A parsed arc file, with compact node indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArcFile {
    /// Number of nodes that appear in arcs (compact indices `0..node_count`).
    pub node_count: u32,
    /// Arcs `(from, to, weight)` in file order, over compact indices.
    pub arcs: Vec<(u32, u32, u32)>,
    /// The file's id of each compact node, increasing.
    pub node_ids: Vec<u64>,
    /// The id convention the file was read with.
    pub id_base: IdBase,
    /// How many node ids are valid: `id_base.first()..id_base.first() + id_range`
    /// (the `p` line's node count, or up to the largest id used).
    pub id_range: u64,
}

impl ArcFile {
    /// The compact index of the node with this file id, if an arc uses it.
    pub fn index_of(&self, id: u64) -> Option<u32> {
        self.node_ids.binary_search(&id).ok().map(|i| i as u32)
    }

    /// Looks up a node id given as text: `Ok(Some(index))` for a node some
    /// arc uses, `Ok(None)` for a valid id that no arc uses (an isolated
    /// node: nothing is reachable from or to it), or an error message when
    /// the text is not a node id of this file.
    pub fn lookup(&self, text: &str) -> Result<Option<u32>, String> {
        let id: u64 = text
            .trim()
            .parse()
            .map_err(|_| format!("`{text}` is not a node id (a whole number)"))?;
        let first = self.id_base.first();
        if id < first || id - first >= self.id_range {
            return Err(format!(
                "node {id} is not in this file (ids {first}..={}, {})",
                first.saturating_add(self.id_range.saturating_sub(1)),
                match self.id_base {
                    IdBase::Zero => "0-based",
                    IdBase::One => "1-based",
                }
            ));
        }
        Ok(self.index_of(id))
    }
}

/// Parses arc-file text with the convention chosen from the `p` line; `file`
/// names it in errors.
pub fn parse_arcs(text: &str, file: &Path) -> Result<ArcFile, Error> {
    parse_arcs_with(text, file, None)
}

/// Parses arc-file text; `base` overrides the id convention (`None`: 1-based
/// with a `p` line, else 0-based).
pub fn parse_arcs_with(text: &str, file: &Path, base: Option<IdBase>) -> Result<ArcFile, Error> {
    let err = |line: usize, message: String| Error::Parse {
        file: file.to_path_buf(),
        line: Some(line as u64 + 1),
        message,
    };
    let mut raw: Vec<(u64, u64, u32)> = Vec::new();
    let mut declared: Option<(u64, u64, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('c') || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().take(6).collect();
        match fields[0] {
            "p" => {
                if declared.is_some() {
                    return Err(err(i, "a second problem line".into()));
                }
                if !raw.is_empty() {
                    return Err(err(i, "the problem line must come before the arcs".into()));
                }
                let nums = |k: usize| fields.get(k).and_then(|x| x.parse::<u64>().ok());
                match (fields.len(), nums(2), nums(3)) {
                    (4, Some(n), Some(m)) => declared = Some((n, m, i)),
                    _ => {
                        return Err(err(
                            i,
                            format!(
                                "malformed problem line `{}` (expected `p sp <nodes> <arcs>`)",
                                shorten(line)
                            ),
                        ))
                    }
                }
            }
            "a" => {
                if fields.len() > 4 {
                    return Err(err(
                        i,
                        format!(
                            "trailing text after the weight: `{}` (expected `a <from> <to> <weight>`)",
                            shorten(line)
                        ),
                    ));
                }
                let num = |k: usize, what: &str| -> Result<u64, Error> {
                    let tok = fields.get(k).ok_or_else(|| {
                        err(i, format!("arc line lacks {what}: `{}`", shorten(line)))
                    })?;
                    tok.parse::<u64>().map_err(|_| {
                        err(
                            i,
                            format!(
                                "{what} `{}` is not a non-negative whole number",
                                shorten(tok)
                            ),
                        )
                    })
                };
                let (a, b, w) = (num(1, "from")?, num(2, "to")?, num(3, "weight")?);
                if w > MAX_WEIGHT {
                    return Err(err(
                        i,
                        format!(
                            "weight {} is absurd (more than {MAX_WEIGHT})",
                            shorten(&w.to_string())
                        ),
                    ));
                }
                if raw.len() >= MAX_ARCS {
                    return Err(err(
                        i,
                        format!("more than {MAX_ARCS} arcs (the most an arc file may hold)"),
                    ));
                }
                raw.push((a, b, w as u32));
            }
            _ => {
                return Err(err(
                    i,
                    format!(
                        "expected `a <from> <to> <weight>`, found `{}`",
                        shorten(line)
                    ),
                ))
            }
        }
    }
    if raw.is_empty() {
        return Err(Error::Parse {
            file: file.to_path_buf(),
            line: None,
            message: "no arcs found (expected lines `a <from> <to> <weight>`)".into(),
        });
    }
    let base = base.unwrap_or(if declared.is_some() {
        IdBase::One
    } else {
        IdBase::Zero
    });
    let first = base.first();
    let max_id = raw.iter().map(|a| a.0.max(a.1)).max().unwrap_or(0);
    let id_range = match declared {
        Some((n, m, line)) => {
            if m != raw.len() as u64 {
                return Err(err(
                    line,
                    format!(
                        "the problem line declares {m} arcs but the file has {}",
                        raw.len()
                    ),
                ));
            }
            n
        }
        None => max_id.saturating_add(1).saturating_sub(first),
    };
    let convention = match base {
        IdBase::Zero => "0-based",
        IdBase::One => "1-based",
    };
    for (k, &(a, b, _)) in raw.iter().enumerate() {
        for id in [a, b] {
            if id < first || id - first >= id_range {
                // Line of the k-th arc: find it again only on error.
                let line = arc_line(text, k);
                return Err(err(
                    line,
                    format!(
                        "node {id} is outside {first}..={} ({convention} ids{}; `--ids 0|1` overrides)",
                        first.saturating_add(id_range).saturating_sub(1),
                        if declared.is_some() {
                            ", as the problem line declares"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
    }
    let mut node_ids: Vec<u64> = raw.iter().flat_map(|a| [a.0, a.1]).collect();
    node_ids.sort_unstable();
    node_ids.dedup();
    if node_ids.len() > MAX_NODES as usize {
        return Err(Error::Parse {
            file: file.to_path_buf(),
            line: None,
            message: format!(
                "{} distinct nodes, more than the {MAX_NODES} supported",
                node_ids.len()
            ),
        });
    }
    let index = |id: u64| node_ids.binary_search(&id).unwrap_or(0) as u32;
    let arcs = raw
        .iter()
        .map(|&(a, b, w)| (index(a), index(b), w))
        .collect();
    Ok(ArcFile {
        node_count: node_ids.len() as u32,
        arcs,
        node_ids,
        id_base: base,
        id_range,
    })
}

/// The 0-based text line of the `k`-th arc line.
fn arc_line(text: &str, k: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with('a'))
        .nth(k)
        .map_or(0, |(i, _)| i)
}

/// Shortens text quoted in a message to at most 60 characters.
fn shorten(s: &str) -> String {
    crate::diagnostic::shorten(s)
}

/// Reads an arc file with the convention chosen from its `p` line.
pub fn read_arcs(path: impl AsRef<Path>) -> Result<ArcFile, Error> {
    read_arcs_with(path, None)
}

/// Reads an arc file; `base` overrides the id convention.
pub fn read_arcs_with(path: impl AsRef<Path>, base: Option<IdBase>) -> Result<ArcFile, Error> {
    let path = path.as_ref();
    let text = super::folder::read_text(path).map_err(|d| Error::Parse {
        file: path.to_path_buf(),
        line: d.line,
        message: d.problem.clone(),
    })?;
    parse_arcs_with(&text, path, base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<ArcFile, Error> {
        parse_arcs(text, Path::new("x.gr"))
    }

    #[test]
    fn parses_and_rejects() {
        let f = p("c hi\na 0 1 5\na 1 2 7\n").unwrap();
        assert_eq!(f.node_count, 3);
        assert_eq!(f.arcs, vec![(0, 1, 5), (1, 2, 7)]);
        assert_eq!(f.id_base, IdBase::Zero);
        let e = p("a 0 1 5\na 1 x 7\n").unwrap_err();
        assert!(e.to_string().contains("x.gr:2"), "{e}");
        assert!(p("").is_err());
        assert!(p("p sp 2 1\na 0 5 1\n").is_err());
        assert!(p("hello\n").is_err());
        assert!(p("a 0 1 5 junk\n")
            .unwrap_err()
            .to_string()
            .contains("trailing"));
        assert!(p("a 1 2 5000000000\n").is_err());
    }

    #[test]
    fn compact_ids_keep_the_file_ids() {
        // A huge id costs nothing: two nodes.
        let f = p("a 0 67108863 5\n").unwrap();
        assert_eq!(f.node_count, 2);
        assert_eq!(f.node_ids, vec![0, 67108863]);
        assert_eq!(f.lookup("67108863"), Ok(Some(1)));
        assert_eq!(f.lookup("5"), Ok(None));
        assert!(f.lookup("67108864").is_err());
        let f = p("a 7 18446744073709551614 1\n").unwrap();
        assert_eq!(f.node_count, 2);
    }

    #[test]
    fn ninth_challenge_is_one_based() {
        let f = p("c 9th\np sp 3 2\na 1 2 5\na 2 3 7\n").unwrap();
        assert_eq!(f.id_base, IdBase::One);
        assert_eq!(f.node_ids, vec![1, 2, 3]);
        assert!(f.lookup("0").is_err());
        assert_eq!(f.lookup("3"), Ok(Some(2)));
        // A node past the declared count, id 0, or a wrong arc count.
        assert!(p("p sp 3 1\na 1 4 5\n").is_err());
        assert!(p("p sp 3 1\na 0 1 5\n").is_err());
        assert!(p("p sp 3 2\na 1 2 5\n").is_err());
        // Overridden: the same file read 0-based.
        let f = parse_arcs_with("p sp 3 1\na 0 2 5\n", Path::new("x"), Some(IdBase::Zero)).unwrap();
        assert_eq!(f.lookup("0"), Ok(Some(0)));
        // A huge declared count costs nothing either.
        assert!(p("p sp 67108864 1\na 1 2 5\n").is_ok());
    }
}
