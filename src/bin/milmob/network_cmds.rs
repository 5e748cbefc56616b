//! `milmob validate`, `milmob export`, `milmob nearest` (`milmob import` is in `import_cmd.rs`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use milmob::io::{read_network, write_geojson};
use milmob::network::NetworkSummary;

use crate::{checks, print_json, CliError};

/// Most errors (and, separately, warnings) `validate` prints as text; the
/// rest are counted.
pub const MAX_PRINTED: usize = 50;

/// Arguments of `milmob validate`.
#[derive(Args)]
pub struct ValidateArgs {
    /// Network folder (with network.toml) or .geojson file.
    network: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// `milmob export …`.
#[derive(Subcommand)]
pub enum ExportCmd {
    /// Export a network folder as GeoJSON (RFC 7946).
    Geojson {
        /// Network folder.
        network: PathBuf,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
    },
}

pub fn validate(a: ValidateArgs) -> Result<ExitCode, CliError> {
    let loaded = read_network(&a.network);
    let s = NetworkSummary::of(&loaded.network);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    let warnings: Vec<_> = loaded.warnings().collect();
    if a.json {
        let enc = |e: serde_json::Error| CliError::data(format!("cannot encode JSON: {e}"));
        let mut v = serde_json::to_value(&s).map_err(enc)?;
        v["errors"] = serde_json::to_value(&errors).map_err(enc)?;
        v["warnings"] = serde_json::to_value(&warnings).map_err(enc)?;
        print_json(&v)?;
    } else {
        outln!("network: {} ({})", s.name, a.network.display())?;
        outln!(
            "hubs: {}   links: {}   countries: {}   corridors: {}",
            s.hubs,
            s.links,
            s.countries,
            s.corridors
        )?;
        outln!("countries: {}", s.country_codes.join(" "))?;
        outln!("hubs by kind:")?;
        for (k, n) in &s.hubs_by_kind {
            outln!("  {k:<24} {n:>5}")?;
        }
        outln!("links by mode:")?;
        for (m, n) in &s.links_by_mode {
            outln!("  {m:<24} {n:>5}   {:>9.1} km", s.km_by_mode[m])?;
        }
        if !s.rail_links_by_gauge_mm.is_empty() {
            let g: Vec<_> = s
                .rail_links_by_gauge_mm
                .iter()
                .map(|(g, n)| format!("{g} mm: {n}"))
                .collect();
            outln!("rail gauges: {}", g.join(", "))?;
        }
        for (list, what) in [(&warnings, "warning(s)"), (&errors, "error(s)")] {
            for d in list.iter().take(MAX_PRINTED) {
                outln!("{d}")?;
            }
            if list.len() > MAX_PRINTED {
                outln!(
                    "… and {} more {what} (not printed; --json lists them)",
                    list.len() - MAX_PRINTED
                )?;
            }
        }
        outln!("{} error(s), {} warning(s)", errors.len(), warnings.len())?;
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Tells the user what a conversion wrote (on stderr, so stdout stays clean).
pub fn report_written(n: &milmob::Network, output: &std::path::Path) {
    errln!(
        "wrote {} hubs and {} links to {}",
        n.hub_count(),
        n.link_count(),
        output.display()
    );
}

pub fn export(c: ExportCmd) -> Result<ExitCode, CliError> {
    match c {
        ExportCmd::Geojson { network, output } => {
            let n = read_network(&network).into_result()?;
            write_geojson(&n, &output)?;
            report_written(&n, &output);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The names in `dir` (empty if it does not exist); an error if `dir` is a
/// file.
pub fn existing_entries(dir: &std::path::Path) -> Result<Vec<String>, CliError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    if !dir.is_dir() {
        return Err(CliError::usage(format!(
            "-o {}: is a file, not a folder",
            dir.display()
        )));
    }
    let rd = std::fs::read_dir(dir).map_err(|e| {
        CliError::Data(milmob::Error::Io {
            path: dir.to_path_buf(),
            source: e,
        })
    })?;
    let mut names: Vec<String> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(names)
}

/// Arguments of `milmob nearest`.
#[derive(Args)]
pub struct NearestArgs {
    /// Network folder or .geojson file.
    #[arg(long)]
    network: PathBuf,
    /// Latitude, degrees WGS84 (-90..90).
    #[arg(long, allow_hyphen_values = true, value_parser = checks::lat)]
    lat: f64,
    /// Longitude, degrees WGS84 (-180..180).
    #[arg(long, allow_hyphen_values = true, value_parser = checks::lon)]
    lon: f64,
    /// Only hubs of this kind (e.g. fuel_point, convoy_support_centre).
    #[arg(long, value_parser = checks::hub_kind)]
    kind: Option<milmob::HubKind>,
    /// List every hub within this radius, km (default: only the nearest).
    #[arg(long, allow_hyphen_values = true, value_parser = checks::radius_km, conflicts_with = "max_km")]
    within_km: Option<f64>,
    /// Only the nearest hub, and only if it is at most this far, km.
    #[arg(long, allow_hyphen_values = true, value_parser = checks::radius_km)]
    max_km: Option<f64>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `milmob nearest`: the spatial index from the command line.
pub fn nearest(a: NearestArgs) -> Result<ExitCode, CliError> {
    let kind = a.kind;
    let n = read_network(&a.network).into_result()?;
    let index = milmob::network::HubIndex::new(&n);
    let at = geo::Point::new(a.lon, a.lat);
    let hits = match a.within_km {
        Some(r) => index
            .within(at, r)
            .into_iter()
            .filter(|h| kind.is_none_or(|k| h.hub.is(k)))
            .collect(),
        None => index
            .nearest(at, kind, a.max_km)
            .into_iter()
            .collect::<Vec<_>>(),
    };
    if a.json {
        let v: Vec<_> = hits
            .iter()
            .map(|h| serde_json::json!({"id": h.hub.id, "name": h.hub.name, "country": h.hub.country.code(), "distance_km": h.distance_km}))
            .collect();
        print_json(&v)?;
    } else if hits.is_empty() {
        outln!("no hub found")?;
    } else {
        for h in &hits {
            outln!(
                "{:>8.1} km  {}  {} ({})",
                h.distance_km,
                h.hub.id,
                h.hub.name,
                h.hub.country
            )?;
        }
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
