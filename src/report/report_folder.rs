//! The report folder: every output of a scenario run, written atomically
//! (`io::write_atomic`): `report.html`, `report.md`, `plan.json` (the
//! MovementPlan JSON of the README), `timeline.csv` (every unit's steps),
//! `routes.geojson`, one `<layer>.geojson` per marker layer (e.g.
//! `bottlenecks.geojson`, `what-ifs.geojson`), `what_ifs.json` when the
//! report has what-ifs (each disrupted plan with its comparison),
//! `map.svg` and `closure.svg`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::closure_svg::closure_svg;
use super::input::ReportInput;
use super::map_svg::map_svg;
use super::plan_geojson::{markers_geojson, routes_geojson};
use super::plan_markdown::plan_timeline_csv;
use super::report_html::report_html;
use super::report_markdown::report_markdown;
use super::whatif_run::WhatIf;
use crate::error::Error;
use crate::io::write_atomic;
use crate::movement::MovementPlan;

/// The files of a report folder, in the order they are written (marker
/// layers' GeoJSON files, then `what_ifs.json` if any, come after
/// `routes.geojson`).
pub const REPORT_FILES: [&str; 7] = [
    "report.html",
    "report.md",
    "plan.json",
    "timeline.csv",
    "routes.geojson",
    "map.svg",
    "closure.svg",
];

/// Writes the report folder `dir` (created if missing; files of the same
/// names replaced, others left alone) and returns the paths written.
pub fn write_report(input: &ReportInput<'_>, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut files: Vec<(String, String)> = vec![
        ("report.html".into(), report_html(input)),
        ("report.md".into(), report_markdown(input)),
        ("plan.json".into(), plan_json(input.plan)?),
        ("timeline.csv".into(), plan_timeline_csv(input.plan)),
        ("routes.geojson".into(), routes_geojson(input).to_string()),
    ];
    let layers: BTreeSet<&str> = input.markers.iter().map(|m| m.layer.as_str()).collect();
    for layer in layers {
        files.push((
            format!("{layer}.geojson"),
            markers_geojson(&input.markers, layer).to_string(),
        ));
    }
    if !input.what_ifs.is_empty() {
        files.push(("what_ifs.json".into(), what_ifs_json(input.what_ifs)?));
    }
    files.push(("map.svg".into(), map_svg(input, true)));
    files.push(("closure.svg".into(), closure_svg(input, true)));
    let mut out = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        write_atomic(&path, text.as_bytes())?;
        out.push(path);
    }
    Ok(out)
}

/// The plan as pretty-printed JSON with a final newline (`plan.json`).
pub fn plan_json(plan: &MovementPlan) -> Result<String, Error> {
    serde_json::to_string_pretty(plan)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Error::InvalidRequest(format!("cannot encode the plan as JSON: {e}")))
}

/// The what-ifs as a pretty-printed JSON array with a final newline
/// (`what_ifs.json`: per what-if its file, label, disruptions, comparison
/// with the report's plan and the disrupted MovementPlan).
pub fn what_ifs_json(what_ifs: &[WhatIf]) -> Result<String, Error> {
    serde_json::to_string_pretty(what_ifs)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Error::InvalidRequest(format!("cannot encode the what-ifs as JSON: {e}")))
}
