//! DIMACS-style arc files (`a <from> <to> <weight>` per line), as used by
//! the 9th DIMACS challenge and the road graphs in `../shared/data/graphs/`.
//! Lines starting with `c` are comments and a `p sp <nodes> <arcs>` line is
//! honoured if present; otherwise the node count is the largest id + 1.
//! Node ids are taken as given (0-based files are read as 0-based).

use std::path::Path;

use crate::error::Error;

/// Most nodes an arc file may declare or use (2^26, about 67 million: more
/// than the full DIMACS USA road graph).
pub const MAX_NODES: u32 = 1 << 26;

/// A parsed arc file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArcFile {
    /// Number of nodes.
    pub node_count: u32,
    /// Arcs `(from, to, weight)` in file order.
    pub arcs: Vec<(u32, u32, u32)>,
}

/// Parses arc-file text; `file` names it in errors.
pub fn parse_arcs(text: &str, file: &Path) -> Result<ArcFile, Error> {
    let err = |line: usize, message: String| Error::Parse {
        file: file.to_path_buf(),
        line: Some(line as u64 + 1),
        message,
    };
    let mut arcs = Vec::new();
    let mut declared: Option<u32> = None;
    let mut max_id: Option<u32> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('c') || line.starts_with('#') {
            continue;
        }
        let mut it = line.split_whitespace();
        match it.next() {
            Some("p") => {
                let _kind = it.next();
                let n = it
                    .next()
                    .and_then(|x| x.parse::<u32>().ok())
                    .ok_or_else(|| {
                        err(
                            i,
                            format!(
                                "malformed problem line `{line}` (expected `p sp <nodes> <arcs>`)"
                            ),
                        )
                    })?;
                declared = Some(n);
            }
            Some("a") => {
                let mut num = |what: &str| -> Result<u64, Error> {
                    let tok = it
                        .next()
                        .ok_or_else(|| err(i, format!("arc line lacks {what}: `{line}`")))?;
                    tok.parse::<u64>().map_err(|_| {
                        err(
                            i,
                            format!("{what} `{tok}` is not a non-negative whole number"),
                        )
                    })
                };
                let (a, b, w) = (num("from")?, num("to")?, num("weight")?);
                if a >= MAX_NODES as u64 || b >= MAX_NODES as u64 {
                    return Err(err(
                        i,
                        format!(
                            "node id {} is too large (at most {})",
                            a.max(b),
                            MAX_NODES - 1
                        ),
                    ));
                }
                if w > u32::MAX as u64 / 4 {
                    return Err(err(
                        i,
                        format!("weight {w} is absurd (more than {})", u32::MAX / 4),
                    ));
                }
                let (a, b) = (a as u32, b as u32);
                max_id = Some(max_id.map_or(a.max(b), |m| m.max(a).max(b)));
                arcs.push((a, b, w as u32));
            }
            _ => {
                return Err(err(
                    i,
                    format!("expected `a <from> <to> <weight>`, found `{line}`"),
                ))
            }
        }
    }
    if arcs.is_empty() {
        return Err(Error::Parse {
            file: file.to_path_buf(),
            line: None,
            message: "no arcs found (expected lines `a <from> <to> <weight>`)".into(),
        });
    }
    let needed = max_id.map_or(0, |m| m + 1);
    let node_count = match declared {
        Some(n) if n > MAX_NODES => {
            return Err(Error::Parse {
                file: file.to_path_buf(),
                line: None,
                message: format!(
                    "the problem line declares {n} nodes, more than the {MAX_NODES} supported"
                ),
            })
        }
        Some(n) if n < needed => {
            return Err(Error::Parse {
                file: file.to_path_buf(),
                line: None,
                message: format!(
                    "an arc uses node {} but the problem line declares {n} nodes",
                    needed - 1
                ),
            })
        }
        Some(n) => n,
        None => needed,
    };
    Ok(ArcFile { node_count, arcs })
}

/// Reads an arc file.
pub fn read_arcs(path: impl AsRef<Path>) -> Result<ArcFile, Error> {
    let path = path.as_ref();
    let text = super::folder::read_text(path).map_err(|d| Error::Parse {
        file: path.to_path_buf(),
        line: d.line,
        message: d.problem.clone(),
    })?;
    parse_arcs(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let f = parse_arcs("c hi\na 0 1 5\na 1 2 7\n", Path::new("x.gr")).unwrap();
        assert_eq!(f.node_count, 3);
        assert_eq!(f.arcs, vec![(0, 1, 5), (1, 2, 7)]);
        let e = parse_arcs("a 0 1 5\na 1 x 7\n", Path::new("x.gr")).unwrap_err();
        assert!(e.to_string().contains("x.gr:2"), "{e}");
        assert!(parse_arcs("", Path::new("x.gr")).is_err());
        assert!(parse_arcs("p sp 2 1\na 0 5 1\n", Path::new("x.gr")).is_err());
        assert!(parse_arcs("hello\n", Path::new("x.gr")).is_err());
        assert!(parse_arcs("p sp 4294967290 1\na 1 2 5\n", Path::new("x.gr")).is_err());
        assert!(parse_arcs("a 1 4294967290 5\n", Path::new("x.gr")).is_err());
    }
}
