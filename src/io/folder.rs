//! Reading and writing a network folder (`network.toml`, `hubs.csv`,
//! `links.csv`), with every problem reported at once, located by file, line,
//! field and id.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::csv_table::{read_csv, Columns, CsvTable};
use super::manifest::Manifest;
use super::record::{
    hub_from_record, hub_to_record, link_from_record, link_to_record, ColumnType, HUB_COLUMNS,
    HUB_REQUIRED, LINK_COLUMNS, LINK_REQUIRED,
};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::network::{validate, Network};

/// What loading produced: the network built from every row that could be
/// read, and every problem found. Use [`Loaded::into_result`] to turn
/// errors into an [`Error`].
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The network (rows with errors left out).
    pub network: Network,
    /// Every error and warning, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// What was read (folder or file), for messages.
    pub origin: String,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    /// The network if there were no errors, else [`Error::Invalid`] listing them.
    pub fn into_result(self) -> Result<Network, Error> {
        if self.has_errors() {
            Err(Error::Invalid {
                origin: self.origin,
                diagnostics: self.diagnostics,
            })
        } else {
            Ok(self.network)
        }
    }
}

/// Where each hub/link id was defined: (file, line).
#[derive(Debug, Default, Clone)]
pub(crate) struct Provenance {
    pub hubs: BTreeMap<String, (PathBuf, u64)>,
    pub links: BTreeMap<String, (PathBuf, u64)>,
    /// The numbers are GeoJSON feature numbers, not lines.
    pub features: bool,
}

impl Provenance {
    /// Adds file and line to value diagnostics that name a hub or link id.
    pub fn locate(&self, mut d: Diagnostic) -> Diagnostic {
        if d.file.is_none() {
            let map = match d.entity {
                Some("hub") => Some(&self.hubs),
                Some("link") => Some(&self.links),
                _ => None,
            };
            if let Some((f, l)) = map.zip(d.id.as_ref()).and_then(|(m, id)| m.get(id)) {
                d = d.in_file(f.clone());
                d = if self.features {
                    d.at_feature(*l)
                } else {
                    d.at_line(*l)
                };
            }
        }
        d
    }
}

/// Reads a text file, rejecting missing, empty, binary and non-UTF-8 files.
pub(crate) fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(format!("cannot read file: {e}")).in_file(path))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Box::new(Diagnostic::error("file is empty").in_file(path)));
    }
    match String::from_utf8(bytes) {
        Ok(s) => {
            if let Some(pos) = s.find('\0') {
                let line = s[..pos].matches('\n').count() as u64 + 1;
                return Err(Box::new(
                    Diagnostic::error("file is binary, not text (NUL byte)")
                        .in_file(path)
                        .at_line(line),
                ));
            }
            Ok(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            Err(Box::new(
                Diagnostic::error(format!("file is not UTF-8 (bad byte at offset {at})"))
                    .in_file(path)
                    .at_line(line),
            ))
        }
    }
}

fn read_table(
    path: &Path,
    columns: &[(&str, ColumnType)],
    required: &[&str],
    out: &mut Vec<Diagnostic>,
) -> Option<CsvTable> {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(d) => {
            out.push(*d);
            return None;
        }
    };
    let known: Vec<&str> = columns.iter().map(|c| c.0).collect();
    read_csv(
        &text,
        path,
        Columns {
            known: &known,
            required,
        },
        out,
    )
}

/// Most diagnostics a loader keeps; beyond it they are counted, not stored
/// (a 200 MB file of duplicate rows must not need gigabytes of messages).
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// Keeps at most [`MAX_DIAGNOSTICS`] diagnostics, counting the rest in
/// `dropped`.
pub(crate) fn cap(diags: &mut Vec<Diagnostic>, dropped: &mut usize) {
    if diags.len() > MAX_DIAGNOSTICS {
        *dropped += diags.len() - MAX_DIAGNOSTICS;
        diags.truncate(MAX_DIAGNOSTICS);
    }
}

/// The closing note on diagnostics [`cap`] dropped.
pub(crate) fn dropped_note(origin: &Path, dropped: usize) -> Option<Diagnostic> {
    (dropped > 0).then(|| {
        Diagnostic::error(format!(
            "{dropped} more problem(s) not listed (only the first {MAX_DIAGNOSTICS} are kept)"
        ))
        .in_file(origin)
    })
}

/// Reads a network folder, collecting every problem.
pub fn read_network_dir(dir: impl AsRef<Path>) -> Loaded {
    let dir = dir.as_ref();
    let origin = dir.display().to_string();
    let mut diags = Vec::new();
    let empty = |diags| Loaded {
        network: Network::default(),
        diagnostics: diags,
        origin: origin.clone(),
    };
    if !dir.exists() {
        return empty(vec![Diagnostic::error(
            "the path does not exist (expected a network folder with network.toml or a .geojson file)",
        )
        .in_file(dir)]);
    }
    if !dir.is_dir() {
        return empty(vec![Diagnostic::error(
            "not a network folder (expected a folder with network.toml or a .geojson file)",
        )
        .in_file(dir)]);
    }
    let manifest_path = dir.join("network.toml");
    let manifest = match read_text(&manifest_path).and_then(|t| Manifest::parse(&t, &manifest_path))
    {
        Ok(m) => m,
        Err(d) => return empty(vec![*d]),
    };
    let mut network = Network::new(manifest.meta());
    for c in &manifest.corridors {
        if let Err(e) = network.add_corridor(c.clone()) {
            diags.push(
                Diagnostic::error(e.to_string())
                    .in_file(&manifest_path)
                    .field("corridors")
                    .id(&c.id),
            );
        }
    }
    let mut prov = Provenance::default();
    let hubs_path = dir.join(&manifest.hubs);
    let links_path = dir.join(&manifest.links);
    let mut rejected_hubs = BTreeSet::new();
    let mut dropped = 0usize;

    if let Some(t) = read_table(&hubs_path, HUB_COLUMNS, HUB_REQUIRED, &mut diags) {
        for (line, rec) in &t.rows {
            cap(&mut diags, &mut dropped);
            let get = |c: &str| t.cell(rec, c);
            let id = get("id").unwrap_or_default();
            match hub_from_record(&get) {
                Ok(hub) => {
                    if let Err(e) = network.add_hub(hub) {
                        let first = prov
                            .hubs
                            .get(&id)
                            .map(|(_, l)| format!(" (first defined on line {l})"))
                            .unwrap_or_default();
                        diags.push(
                            Diagnostic::error(format!("{e}{first}"))
                                .in_file(&hubs_path)
                                .at_line(*line)
                                .field("id")
                                .id(&id),
                        );
                    } else {
                        prov.hubs.insert(id, (hubs_path.clone(), *line));
                    }
                }
                Err(errs) => {
                    rejected_hubs.insert(id.clone());
                    for (f, m) in errs {
                        diags.push(
                            Diagnostic::error(m)
                                .in_file(&hubs_path)
                                .at_line(*line)
                                .field(f)
                                .id(&id),
                        );
                    }
                }
            }
        }
    }
    if let Some(t) = read_table(&links_path, LINK_COLUMNS, LINK_REQUIRED, &mut diags) {
        for (line, rec) in &t.rows {
            cap(&mut diags, &mut dropped);
            let get = |c: &str| t.cell(rec, c);
            let id = get("id").unwrap_or_default();
            match link_from_record(&get) {
                Ok(link) => {
                    let ends_rejected =
                        rejected_hubs.contains(&link.from) || rejected_hubs.contains(&link.to);
                    match network.add_link(link) {
                        Ok(()) => {
                            prov.links.insert(id, (links_path.clone(), *line));
                        }
                        Err(e) => {
                            let field = match &e {
                                Error::UnknownHub(h)
                                    if get("from").as_deref() == Some(h.as_str()) =>
                                {
                                    "from"
                                }
                                Error::UnknownHub(_) => "to",
                                Error::UnknownCorridor(_) => "corridors",
                                _ => "id",
                            };
                            let msg = if ends_rejected {
                                format!("{e} (that hub's row has errors, see above)")
                            } else {
                                e.to_string()
                            };
                            diags.push(
                                Diagnostic::error(msg)
                                    .in_file(&links_path)
                                    .at_line(*line)
                                    .field(field)
                                    .id(&id),
                            );
                        }
                    }
                }
                Err(errs) => {
                    for (f, m) in errs {
                        diags.push(
                            Diagnostic::error(m)
                                .in_file(&links_path)
                                .at_line(*line)
                                .field(f)
                                .id(&id),
                        );
                    }
                }
            }
        }
    }
    for d in validate(&network) {
        let mut d = prov.locate(d);
        if d.field.as_deref() == Some("corridors") && d.file.is_none() {
            d = d.in_file(&manifest_path);
        }
        diags.push(d);
        cap(&mut diags, &mut dropped);
    }
    cap(&mut diags, &mut dropped);
    diags.extend(dropped_note(dir, dropped));
    Loaded {
        network,
        diagnostics: diags,
        origin,
    }
}

fn write_csv(
    path: &Path,
    columns: &[(&str, ColumnType)],
    rows: Vec<Vec<String>>,
) -> Result<(), Error> {
    // Keep required columns and every column that has a value somewhere.
    let keep: Vec<usize> = (0..columns.len())
        .filter(|&i| i < 5 || rows.iter().any(|r| !r[i].is_empty()))
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let enc =
        |e: csv::Error| Error::InvalidRequest(format!("cannot encode {}: {e}", path.display()));
    w.write_record(keep.iter().map(|&i| columns[i].0))
        .map_err(enc)?;
    for r in &rows {
        w.write_record(keep.iter().map(|&i| r[i].as_str()))
            .map_err(enc)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::InvalidRequest(format!("cannot encode {}: {e}", path.display())))?;
    write_atomic(path, &bytes)
}

/// Writes a file atomically: the bytes go to a temporary file beside it
/// (`.name.tmp-<pid>`), which is synced and renamed over `path`, so a crash
/// or a full disk never leaves a half-written file (the old file stays).
/// Only a new path or an existing regular file (not through a symlink) is
/// replaced that way; anything else — a symlink, a device such as
/// `/dev/stdout`, a FIFO — is written in place, never replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let io = |p: &Path, e: std::io::Error| Error::Io {
        path: p.to_path_buf(),
        source: e,
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => {
            return std::fs::write(path, bytes).map_err(|e| io(path, e));
        }
        _ => {}
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(path, e)
    })
}

/// Writes a network as a folder (`network.toml`, `hubs.csv`, `links.csv`),
/// creating the folder if needed; each file is written atomically
/// ([`write_atomic`]). Existing files of those names are replaced, others
/// are left (the CLI refuses a non-empty folder without `--force`).
/// Columns with no values are left out.
pub fn write_network_dir(network: &Network, dir: impl AsRef<Path>) -> Result<(), Error> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let manifest = Manifest::from_meta(network.meta(), network.corridors());
    let text = toml::to_string_pretty(&manifest)
        .map_err(|e| Error::InvalidRequest(format!("cannot write network.toml: {e}")))?;
    write_atomic(&dir.join("network.toml"), text.as_bytes())?;
    write_csv(
        &dir.join("hubs.csv"),
        HUB_COLUMNS,
        network.hubs().map(hub_to_record).collect(),
    )?;
    write_csv(
        &dir.join("links.csv"),
        LINK_COLUMNS,
        network.links().map(link_to_record).collect(),
    )?;
    Ok(())
}

impl Network {
    /// Loads a network folder; fails with [`Error::Invalid`] listing every
    /// error (warnings are dropped; use [`read_network_dir`] to see them).
    pub fn load(dir: impl AsRef<Path>) -> Result<Network, Error> {
        read_network_dir(dir).into_result()
    }

    /// Writes the network as a folder; see [`write_network_dir`].
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        write_network_dir(self, dir)
    }
}
