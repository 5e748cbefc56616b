//! `milmob validate`, `milmob export`, `milmob import`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use milmob::io::{read_geojson, read_network, write_geojson, write_network_dir};
use milmob::network::NetworkSummary;
use milmob::Error;

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

/// `milmob import …`.
#[derive(Subcommand)]
pub enum ImportCmd {
    /// Import a GeoJSON network into a network folder.
    Geojson {
        /// GeoJSON file.
        input: PathBuf,
        /// Output network folder (created if missing).
        #[arg(short, long)]
        output: PathBuf,
    },
}

pub fn validate(a: ValidateArgs) -> Result<ExitCode, Error> {
    let loaded = read_network(&a.network);
    let s = NetworkSummary::of(&loaded.network);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    let warnings: Vec<_> = loaded.warnings().collect();
    if a.json {
        let mut v = serde_json::to_value(&s).map_err(|e| Error::InvalidRequest(e.to_string()))?;
        v["errors"] =
            serde_json::to_value(&errors).map_err(|e| Error::InvalidRequest(e.to_string()))?;
        v["warnings"] =
            serde_json::to_value(&warnings).map_err(|e| Error::InvalidRequest(e.to_string()))?;
        println!(
            "{}",
            serde_json::to_string_pretty(&v).map_err(|e| Error::InvalidRequest(e.to_string()))?
        );
    } else {
        println!("network: {} ({})", s.name, a.network.display());
        println!(
            "hubs: {}   links: {}   countries: {}   corridors: {}",
            s.hubs, s.links, s.countries, s.corridors
        );
        println!("countries: {}", s.country_codes.join(" "));
        println!("hubs by kind:");
        for (k, n) in &s.hubs_by_kind {
            println!("  {k:<24} {n:>5}");
        }
        println!("links by mode:");
        for (m, n) in &s.links_by_mode {
            println!("  {m:<24} {n:>5}   {:>9.1} km", s.km_by_mode[m]);
        }
        if !s.rail_links_by_gauge_mm.is_empty() {
            let g: Vec<_> = s
                .rail_links_by_gauge_mm
                .iter()
                .map(|(g, n)| format!("{g} mm: {n}"))
                .collect();
            println!("rail gauges: {}", g.join(", "));
        }
        for w in &warnings {
            println!("{w}");
        }
        for e in &errors {
            println!("{e}");
        }
        println!("{} error(s), {} warning(s)", errors.len(), warnings.len());
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Tells the user what a conversion wrote (on stderr, so stdout stays clean).
fn report_written(n: &milmob::Network, output: &std::path::Path) {
    eprintln!(
        "wrote {} hubs and {} links to {}",
        n.hub_count(),
        n.link_count(),
        output.display()
    );
}

pub fn export(c: ExportCmd) -> Result<ExitCode, Error> {
    match c {
        ExportCmd::Geojson { network, output } => {
            let n = read_network(&network).into_result()?;
            write_geojson(&n, &output)?;
            report_written(&n, &output);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import(c: ImportCmd) -> Result<ExitCode, Error> {
    match c {
        ImportCmd::Geojson { input, output } => {
            let n = read_geojson(&input).into_result()?;
            write_network_dir(&n, &output)?;
            report_written(&n, &output);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `milmob nearest`.
#[derive(Args)]
pub struct NearestArgs {
    /// Network folder or .geojson file.
    #[arg(long)]
    network: PathBuf,
    /// Latitude, degrees WGS84.
    #[arg(long, allow_hyphen_values = true)]
    lat: f64,
    /// Longitude, degrees WGS84.
    #[arg(long, allow_hyphen_values = true)]
    lon: f64,
    /// Only hubs of this kind (e.g. fuel_point, convoy_support_centre).
    #[arg(long)]
    kind: Option<String>,
    /// List every hub within this radius, km (default: only the nearest).
    #[arg(long)]
    within_km: Option<f64>,
    /// With no --within-km: ignore hubs farther than this, km.
    #[arg(long)]
    max_km: Option<f64>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `milmob nearest`: the spatial index from the command line.
pub fn nearest(a: NearestArgs) -> Result<ExitCode, Error> {
    if !(-90.0..=90.0).contains(&a.lat) || !(-180.0..=180.0).contains(&a.lon) {
        return Err(Error::InvalidRequest(format!(
            "--lat {} / --lon {} is not a WGS84 position",
            a.lat, a.lon
        )));
    }
    for (name, v) in [("--within-km", a.within_km), ("--max-km", a.max_km)] {
        if v.is_some_and(|v| !(v.is_finite() && v >= 0.0)) {
            return Err(Error::InvalidRequest(format!(
                "{name} must be a distance ≥ 0 km"
            )));
        }
    }
    let kind = a
        .kind
        .as_deref()
        .map(|k| k.parse::<milmob::HubKind>())
        .transpose()
        .map_err(Error::InvalidRequest)?;
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
        println!(
            "{}",
            serde_json::to_string_pretty(&v).map_err(|e| Error::InvalidRequest(e.to_string()))?
        );
    } else if hits.is_empty() {
        println!("no hub found");
    } else {
        for h in &hits {
            println!(
                "{:>8.1} km  {}  {} ({})",
                h.distance_km, h.hub.id, h.hub.name, h.hub.country
            );
        }
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
