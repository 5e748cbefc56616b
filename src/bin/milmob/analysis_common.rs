//! Helpers shared by the analysis verbs (`criticality`, `cut`, `disrupt`,
//! `bottlenecks`): OD files, the load of `--vehicle`, the progress bar.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use milmob::diagnostic::Diagnostic;
use milmob::force::{CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::io::csv_table::{read_csv, Columns};
use milmob::movement::MovementOrder;
use milmob::permits::PermitRegime;
use milmob::routing::{Metric, Topology, Unconstrained};
use milmob::{Error, Network};

use crate::CliError;

/// One row of an OD file.
pub struct OdRow {
    /// 1-based line.
    pub line: u64,
    pub from: String,
    pub to: String,
    /// Demand (`demand` column), default 1.
    pub demand: f64,
}

const OD_COLUMNS: Columns<'static> = Columns {
    known: &["from", "to", "demand"],
    required: &["from", "to"],
};

/// Reads an OD CSV file: `from,to` and an optional `demand` (≥ 0).
pub fn read_od(path: &Path) -> Result<Vec<OdRow>, Error> {
    let invalid = |diagnostics: Vec<Diagnostic>| Error::Invalid {
        origin: path.display().to_string(),
        diagnostics,
    };
    let text = milmob::io::read_text_file(path).map_err(|d| invalid(vec![*d]))?;
    let mut diags = Vec::new();
    let Some(t) = read_csv(&text, path, OD_COLUMNS, &mut diags) else {
        return Err(invalid(diags));
    };
    let mut out = Vec::new();
    for (line, rec) in &t.rows {
        let get = |c: &str| {
            t.cell(rec, c)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let (from, to) = (get("from"), get("to"));
        for (field, v) in [("from", &from), ("to", &to)] {
            if v.is_none() {
                diags.push(
                    Diagnostic::error("is required but empty")
                        .in_file(path)
                        .at_line(*line)
                        .field(field),
                );
            }
        }
        let demand = match get("demand") {
            None => 1.0,
            Some(d) => match d.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => v,
                _ => {
                    diags.push(
                        Diagnostic::error(format!("`{d}` is not a demand (a number ≥ 0)"))
                            .in_file(path)
                            .at_line(*line)
                            .field("demand"),
                    );
                    0.0
                }
            },
        };
        out.push(OdRow {
            line: *line,
            from: from.unwrap_or_default(),
            to: to.unwrap_or_default(),
            demand,
        });
    }
    if !diags.is_empty() {
        return Err(invalid(diags));
    }
    if out.is_empty() {
        return Err(invalid(vec![Diagnostic::error(
            "no pairs (the file has a header but no rows)",
        )
        .in_file(path)]));
    }
    Ok(out)
}

/// A located problem with one OD row (exit 1).
pub fn od_error(path: &Path, row: &OdRow, field: &str, msg: String) -> CliError {
    CliError::Data(Error::Invalid {
        origin: path.display().to_string(),
        diagnostics: vec![Diagnostic::error(msg)
            .in_file(path)
            .at_line(row.line)
            .field(field)],
    })
}

/// Whether a path names a DIMACS arc file.
pub fn is_arc_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e == "gr" || e == "dimacs")
}

/// The metric of `--vehicle V [--count N] [--carriage C]` on a corridor
/// topology (unconstrained without `--vehicle`).
pub fn load_metric(
    topo: &Topology,
    vehicle: Option<&str>,
    count: Option<u32>,
    carriage: Option<&str>,
) -> Result<Metric, CliError> {
    let Some(v) = vehicle else {
        if count.is_some() || carriage.is_some() {
            return Err(CliError::usage(
                "--count and --carriage need --vehicle (without it the load is unconstrained)",
            ));
        }
        return Ok(Metric::for_load(topo, &Unconstrained));
    };
    let policy: CarriagePolicy = carriage
        .unwrap_or("auto")
        .parse()
        .map_err(|e: milmob::force::ForceError| CliError::usage(e.to_string()))?;
    let load = LoadProfile::for_group(
        VehicleCatalogue::builtin(),
        &[(v, count.unwrap_or(1))],
        &policy,
    )?;
    Ok(Metric::for_load(topo, &load))
}

/// A movement order with its network and permit regime.
pub struct Scenario {
    pub order: MovementOrder,
    pub network: Network,
    pub regime: PermitRegime,
}

/// Loads a movement order, its network and its regime.
pub fn load_scenario(path: &PathBuf) -> Result<Scenario, CliError> {
    let order = MovementOrder::load(path, VehicleCatalogue::builtin())?;
    let network = Network::load(&order.network)?;
    let regime = if Path::new(&order.regime).is_file() {
        PermitRegime::load(&order.regime).map_err(Error::from)?
    } else {
        PermitRegime::builtin(&order.regime).map_err(Error::from)?
    };
    Ok(Scenario {
        order,
        network,
        regime,
    })
}

/// A progress bar on stderr when it is a terminal; nothing otherwise.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// A bar for a scan described by `what` (hidden unless stderr is a terminal).
    pub fn new(what: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} [{elapsed_precise}] {wide_bar} {pos}/{len} (eta {eta})",
        ) {
            bar.set_style(style);
        }
        bar.set_message(what.to_string());
        Progress { bar: Some(bar) }
    }

    /// Reports (done, total).
    pub fn update(&self, done: u64, total: u64) {
        if let Some(b) = &self.bar {
            if b.length() != Some(total) {
                b.set_length(total);
            }
            b.set_position(done);
        }
    }

    /// The callback the library takes, if there is a bar.
    pub fn callback(&self) -> Option<impl Fn(u64, u64) + Sync + '_> {
        self.bar.as_ref().map(|_| move |d, t| self.update(d, t))
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
