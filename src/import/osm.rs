//! The OpenStreetMap import pipeline: read (PBF, or ways already in
//! memory), filter, simplify, assemble, report.

#[cfg(feature = "osm")]
use std::path::Path;

use super::assemble::{assemble, with_countries, Origin};
use super::report::ImportReport;
use super::simplify::{build_graph, NodeCoords, OsmWay};
use super::way_filter::WayFilter;
use crate::country::Country;
use crate::error::Error;
use crate::network::{Network, NetworkMeta};

/// What an OSM import keeps and how it names things.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OsmImportOptions {
    /// Modes, road classes, bounding box.
    pub filter: WayFilter,
    /// Put every hub in this country instead of locating it on the
    /// bundled Natural Earth outlines.
    pub country: Option<Country>,
    /// Network name (default: from the file name).
    pub name: Option<String>,
}

/// An imported network and the report of what was read.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The network (hubs `n<OSM node id>`, links `w<way id>-<segment>`).
    pub network: Network,
    /// What was read, kept, built and refused.
    pub report: ImportReport,
}

fn meta(name: String, source: &str) -> NetworkMeta {
    NetworkMeta {
        name,
        description: format!("Imported from OpenStreetMap data ({source}) by milmob import osm."),
        licence: "ODbL 1.0 (© OpenStreetMap contributors)".into(),
        sources: vec![format!(
            "OpenStreetMap, {source} (© OpenStreetMap contributors, ODbL 1.0, https://www.openstreetmap.org/copyright)"
        )],
        notes: "Speeds: march speeds of a military column per highway class (FM 11-43; estimates for ramps, minor roads, service roads and tracks), capped by maxspeed:hgv / maxspeed. Untagged rail gauges, hub countries outside every outline and links shorter than 10 m are assumptions counted in the import report.".into(),
        ..NetworkMeta::default()
    }
}

/// Imports ways already in memory (tests, other sources of OSM data):
/// `ways` with their tags read ([`super::tags::read_way`]), `coords` the
/// locations of their nodes. Ways the filter does not admit are dropped.
pub fn network_from_ways(
    ways: Vec<OsmWay>,
    coords: &NodeCoords,
    options: &OsmImportOptions,
) -> Result<Imported, Error> {
    let mut report = ImportReport {
        source: "ways in memory".into(),
        ways_read: ways.len() as u64,
        ..ImportReport::default()
    };
    let mut kept = Vec::new();
    for mut w in ways {
        options.filter.apply_assumptions(&mut w.attrs);
        match options.filter.admits(&w.attrs) {
            Ok(()) => {
                *report
                    .ways_kept
                    .entry(w.attrs.kind.label().into())
                    .or_default() += 1;
                kept.push(w);
            }
            Err(r) => *report.ways_skipped.entry(r.as_str().into()).or_default() += 1,
        }
    }
    kept.sort_by_key(|w| w.id);
    let name = options.name.clone().unwrap_or_else(|| "OSM import".into());
    finish(&kept, coords, options, meta(name, "ways in memory"), report)
}

fn finish(
    ways: &[OsmWay],
    coords: &NodeCoords,
    options: &OsmImportOptions,
    meta: NetworkMeta,
    mut report: ImportReport,
) -> Result<Imported, Error> {
    report.nodes_referenced = coords.len() as u64;
    report.nodes_missing = coords.missing() as u64;
    let graph = build_graph(ways, coords, options.filter.bbox, true);
    let mut meta = meta;
    if let Some(c) = options.filter.untagged_tunnel {
        meta.notes.push_str(&format!(
            " Assumption of this import: tunnels without an ADR category are category {c}."
        ));
    }
    let (network, stats) = with_countries(options.country, |rule| {
        assemble(&graph, &Origin::Osm, meta, rule)
    })?;
    report.hubs = network.hub_count() as u64;
    report.links = network.link_count() as u64;
    report.graph = graph.stats;
    report.assembly = stats;
    Ok(Imported { network, report })
}

/// Imports an OpenStreetMap PBF file (feature `osm`): roads and rails with
/// their limits, simplified, hubs in their countries, with the report.
/// Errors name the file (unreadable, not PBF) or the hub whose country
/// cannot be found.
#[cfg(feature = "osm")]
pub fn import_osm(path: impl AsRef<Path>, options: &OsmImportOptions) -> Result<Imported, Error> {
    let path = path.as_ref();
    let content = super::pbf::read_pbf(path, &options.filter)?;
    let file_name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let report = ImportReport {
        source: path.display().to_string(),
        bytes,
        ways_read: content.ways_read,
        nodes_read: content.nodes_read,
        relations_read: content.relations_read,
        ways_kept: content.ways_kept,
        ways_skipped: content.ways_skipped,
        tags: content.tags,
        ..ImportReport::default()
    };
    let name = options.name.clone().unwrap_or_else(|| {
        let stem = file_name.trim_end_matches(".pbf").trim_end_matches(".osm");
        format!("{stem} (OpenStreetMap)")
    });
    finish(
        &content.ways,
        &content.coords,
        options,
        meta(name, &file_name),
        report,
    )
}
