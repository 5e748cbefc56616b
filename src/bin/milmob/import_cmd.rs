//! `milmob import geojson` (milmob's own GeoJSON, or a GIS layer with a
//! mapping file) and `milmob import osm` (OpenStreetMap PBF).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use milmob::import::{BBox, HighwayClass, ImportReport, WayFilter};
use milmob::io::{read_geojson, write_atomic, write_network_dir};
use milmob::{Mode, Network};

use crate::network_cmds::{existing_entries, report_written};
use crate::{checks, CliError};

/// Refused values the text report lists (the JSON report has them all).
const MAX_REJECTIONS_PRINTED: usize = 20;

/// `milmob import …`.
#[derive(Subcommand)]
pub enum ImportCmd {
    /// Import a GeoJSON network into a network folder: milmob's own
    /// GeoJSON (lossless), or with --mapping a GIS line layer of roads or
    /// railways.
    Geojson {
        /// GeoJSON file.
        input: PathBuf,
        /// A GIS layer's mapping file (mapping.toml: which property holds
        /// which field, which value means which mode, snapping tolerance).
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// With --mapping: put every hub in this country (ISO code)
        /// instead of locating it on the Natural Earth outlines.
        #[arg(long, value_parser = checks::country, requires = "mapping")]
        country: Option<milmob::Country>,
        /// With --mapping: also write the import report as JSON to this file.
        #[arg(long, requires = "mapping")]
        report_json: Option<PathBuf>,
        /// Output network folder (created if missing; must be empty
        /// unless --force).
        #[arg(short, long)]
        output: PathBuf,
        /// Write into a folder that already has files (network.toml,
        /// hubs.csv and links.csv are replaced; other files are left).
        #[arg(long)]
        force: bool,
    },
    /// Attach an imported network (e.g. the last mile from OpenStreetMap) to
    /// a corridor network at named hubs, each joined to the nearest hub of
    /// the imported network by a connecting road link (an estimate).
    Attach {
        /// Corridor network folder (e.g. data/europe).
        corridor: PathBuf,
        /// Imported network folder (from `import osm` or `import geojson`).
        imported: PathBuf,
        /// A corridor hub to join: HUB (nearest imported hub within
        /// --within-km) or HUB=IMPORTED_HUB; repeat for several.
        #[arg(long = "hub", required = true, value_parser = join)]
        joins: Vec<milmob::import::Join>,
        /// How far the nearest imported hub may be, km.
        #[arg(long, default_value = "2", allow_hyphen_values = true, value_parser = checks::radius_km)]
        within_km: f64,
        /// Output network folder (created if missing; must be empty
        /// unless --force).
        #[arg(short, long)]
        output: PathBuf,
        /// Write into a folder that already has files.
        #[arg(long)]
        force: bool,
    },
    /// Import roads and railways with their limits from an OpenStreetMap
    /// PBF extract into a network folder.
    #[cfg(feature = "osm")]
    Osm {
        /// OpenStreetMap PBF file (.osm.pbf).
        input: PathBuf,
        /// Output network folder (created if missing; must be empty
        /// unless --force).
        #[arg(short, long)]
        output: PathBuf,
        /// Modes to import, comma-separated: road, rail.
        #[arg(long, value_parser = modes, default_value = "road,rail")]
        modes: BTreeSet<Mode>,
        /// Road classes to import, comma-separated (motorway, motorway_link,
        /// trunk, …, unclassified, residential, living_street, service, track).
        #[arg(long, value_parser = highways)]
        highways: Option<BTreeSet<HighwayClass>>,
        /// Only segments inside this box: minlon,minlat,maxlon,maxlat (degrees).
        #[arg(long, allow_hyphen_values = true, value_parser = bbox)]
        bbox: Option<BBox>,
        /// ADR tunnel category (A..E) assumed for tunnels the data gives
        /// none (default: no known restriction).
        #[arg(long, value_parser = tunnel_category)]
        untagged_tunnel: Option<milmob::network::TunnelCategory>,
        /// Put every hub in this country (ISO code) instead of locating it
        /// on the Natural Earth outlines.
        #[arg(long, value_parser = checks::country)]
        country: Option<milmob::Country>,
        /// Network name (default: from the file name).
        #[arg(long)]
        name: Option<String>,
        /// Also write the import report as JSON to this file.
        #[arg(long)]
        report_json: Option<PathBuf>,
        /// Write into a folder that already has files (network.toml,
        /// hubs.csv and links.csv are replaced; other files are left).
        #[arg(long)]
        force: bool,
    },
}

fn modes(s: &str) -> Result<BTreeSet<Mode>, String> {
    let mut out = BTreeSet::new();
    for p in s.split(',').map(str::trim) {
        match p.parse::<Mode>().map_err(|e| e.to_string())? {
            m @ (Mode::Road | Mode::Rail) => {
                out.insert(m);
            }
            m => {
                return Err(format!(
                    "mode `{m}` is not in OpenStreetMap imports (road, rail)"
                ))
            }
        }
    }
    Ok(out)
}

fn highways(s: &str) -> Result<BTreeSet<HighwayClass>, String> {
    s.split(',').map(|p| p.trim().parse()).collect()
}

fn join(s: &str) -> Result<milmob::import::Join, String> {
    s.parse()
}

fn tunnel_category(s: &str) -> Result<milmob::network::TunnelCategory, String> {
    s.parse()
}

fn bbox(s: &str) -> Result<BBox, String> {
    s.parse()
}

/// Refuses a non-empty output folder without --force; returns its entries.
fn check_output(output: &Path, force: bool) -> Result<Vec<String>, CliError> {
    let others = existing_entries(output)?;
    if !others.is_empty() && !force {
        return Err(CliError::usage(format!(
            "{} is not empty ({}); pass --force to replace its network.toml, hubs.csv and links.csv",
            output.display(),
            others.join(", ")
        )));
    }
    Ok(others)
}

/// Writes the network and names the files that were left alone.
fn write_output(n: &Network, output: &Path, others: &[String]) -> Result<(), CliError> {
    write_network_dir(n, output)?;
    report_written(n, output);
    let left: Vec<&str> = others
        .iter()
        .map(String::as_str)
        .filter(|f| !["network.toml", "hubs.csv", "links.csv"].contains(f))
        .collect();
    if !left.is_empty() {
        errln!(
            "note: other files in {} were left as they were: {}",
            output.display(),
            left.join(", ")
        );
    }
    Ok(())
}

fn write_report(report: &ImportReport, json: Option<&Path>) -> Result<(), CliError> {
    outln!("{}", report.to_text(MAX_REJECTIONS_PRINTED).trim_end())?;
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(report)
            .map_err(|e| CliError::data(format!("cannot encode JSON: {e}")))?;
        write_atomic(path, format!("{text}\n").as_bytes())?;
    }
    Ok(())
}

pub fn import(c: ImportCmd) -> Result<ExitCode, CliError> {
    match c {
        ImportCmd::Geojson {
            input,
            mapping,
            country,
            report_json,
            output,
            force,
        } => {
            // Refuse before reading, so nothing is lost by mistake.
            let others = check_output(&output, force)?;
            match mapping {
                None => {
                    let n = read_geojson(&input).into_result()?;
                    write_output(&n, &output, &others)?;
                }
                Some(m) => {
                    let mapping = milmob::import::LayerMapping::load(&m)?;
                    let imported = milmob::import::import_geojson_layer(&input, &mapping, country)?;
                    write_output(&imported.network, &output, &others)?;
                    write_report(&imported.report, report_json.as_deref())?;
                }
            }
        }
        ImportCmd::Attach {
            corridor,
            imported,
            joins,
            within_km,
            output,
            force,
        } => {
            let others = check_output(&output, force)?;
            let base = milmob::io::read_network(&corridor).into_result()?;
            let add = milmob::io::read_network(&imported).into_result()?;
            let (merged, report) = milmob::import::attach(&base, &add, &joins, within_km)?;
            write_output(&merged, &output, &others)?;
            outln!(
                "attached {} hubs and {} links of {} to {}",
                report.hubs_added,
                report.links_added,
                imported.display(),
                corridor.display()
            )?;
            for j in &report.joins {
                outln!(
                    "  {} — {}: {:.3} km (link {})",
                    j.hub,
                    j.imported,
                    j.distance_km,
                    j.link
                )?;
            }
        }
        #[cfg(feature = "osm")]
        ImportCmd::Osm {
            input,
            output,
            modes,
            highways,
            bbox,
            untagged_tunnel,
            country,
            name,
            report_json,
            force,
        } => {
            let others = check_output(&output, force)?;
            let options = milmob::import::OsmImportOptions {
                filter: WayFilter {
                    modes,
                    highways: highways
                        .unwrap_or_else(|| HighwayClass::DEFAULT.iter().copied().collect()),
                    bbox,
                    untagged_tunnel,
                },
                country,
                name,
            };
            let imported = milmob::import::import_osm(&input, &options)?;
            write_output(&imported.network, &output, &others)?;
            write_report(&imported.report, report_json.as_deref())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
