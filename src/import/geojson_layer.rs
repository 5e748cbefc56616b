//! GIS line layers (GeoJSON `LineString` / `MultiLineString` features of
//! roads or railways, e.g. a national road database exported from a GIS)
//! into a network, with a [`LayerMapping`].
//!
//! Each line (each part of a MultiLineString) becomes one link. Its two
//! ends are snapped into hubs: an end within the mapping's tolerance of an
//! existing hub joins it (nearest first, found with an rstar index on the
//! unit sphere), else it makes a new hub `g<n>` (numbered in the order the
//! features come). Lines whose two ends snap into the same hub (shorter
//! than the tolerance, or closed rings) are skipped and counted. Property
//! values that cannot be read are logged with the feature number (1-based)
//! and treated as absent, never as zero.

use std::collections::BTreeSet;
use std::path::Path;

use geo::Point;
use geojson::{GeoJson, Value};
use rstar::primitives::GeomWithData;
use rstar::RTree;
use serde_json::Value as Json;

use super::assemble::{assemble, with_countries, Origin};
use super::mapping::LayerMapping;
use super::report::ImportReport;
use super::simplify::{GraphHub, GraphLink, SimpleGraph};
use super::tags::TagLog;
use super::units::{self, TagValue};
use crate::country::Country;
use crate::error::Error;
use crate::network::geodesy::{geodesic_km, EARTH_RADIUS_KM};
use crate::network::{validate, Limits, Mode, NetworkMeta};

use super::osm::Imported;

type Indexed = GeomWithData<[f64; 3], usize>;

fn unit_vector(p: Point<f64>) -> [f64; 3] {
    let (lat, lon) = (p.y().to_radians(), p.x().to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Hubs made from snapped line ends.
struct Snapper {
    tree: RTree<Indexed>,
    hubs: Vec<GraphHub>,
    /// Squared chord on the unit sphere of the tolerance.
    chord2: f64,
}

impl Snapper {
    fn new(tolerance_m: f64) -> Snapper {
        let angle = tolerance_m / 1000.0 / EARTH_RADIUS_KM;
        let c = 2.0 * (angle / 2.0).sin();
        Snapper {
            tree: RTree::new(),
            hubs: Vec::new(),
            chord2: c * c,
        }
    }

    /// The hub (its 1-based number) this end joins or makes.
    fn snap(&mut self, p: Point<f64>) -> i64 {
        let v = unit_vector(p);
        if let Some(near) = self.tree.nearest_neighbor(&v) {
            let g = near.geom();
            let d2 = (g[0] - v[0]).powi(2) + (g[1] - v[1]).powi(2) + (g[2] - v[2]).powi(2);
            if d2 <= self.chord2 {
                return self.hubs[near.data].node;
            }
        }
        let node = self.hubs.len() as i64 + 1;
        self.tree.insert(Indexed::new(v, self.hubs.len()));
        self.hubs.push(GraphHub { node, location: p });
        node
    }
}

/// A bare number (a `length_km` given as text): no unit may follow, so
/// that `"2000 m"` is refused rather than read as 2,000 km.
fn plain_number(s: &str) -> Result<TagValue, units::ValueError> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(TagValue::Value(v)),
        _ => Err(units::ValueError(format!(
            "`{s}` is not a length in km (a plain positive number; map a metre field to length_m)"
        ))),
    }
}

/// Reads one mapped property as a number in the field's unit.
fn number(
    feature: i64,
    props: &serde_json::Map<String, Json>,
    prop: &str,
    parse: fn(&str) -> Result<TagValue, units::ValueError>,
    log: &mut TagLog,
) -> Option<f64> {
    let v = props.get(prop)?;
    let parsed = match v {
        Json::Null => return None,
        Json::Number(n) => match n.as_f64().filter(|x| x.is_finite() && *x > 0.0) {
            Some(x) => Ok(TagValue::Value(x)),
            None => Err(units::ValueError(format!("`{n}` is not a positive number"))),
        },
        Json::String(s) if s.trim().is_empty() => return None,
        Json::String(s) => parse(s),
        other => Err(units::ValueError(format!("`{other}` is not a number"))),
    };
    record(feature, prop, v, parsed.map(TagValue::value), log)
}

fn record<T>(
    feature: i64,
    prop: &str,
    raw: &Json,
    parsed: Result<Option<T>, units::ValueError>,
    log: &mut TagLog,
) -> Option<T> {
    match parsed {
        Ok(v) => {
            *log.parsed.entry(prop.to_string()).or_default() += 1;
            v
        }
        Err(e) => {
            *log.rejected.entry(prop.to_string()).or_default() += 1;
            log.rejections.push(super::tags::Rejection {
                way: feature,
                key: prop.to_string(),
                value: match raw {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                },
                reason: e.0,
            });
            None
        }
    }
}

fn text(props: &serde_json::Map<String, Json>, prop: &str) -> Option<String> {
    match props.get(prop)? {
        Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Imports a GIS line layer with its mapping. `country` puts every hub in
/// one country instead of locating hubs on the Natural Earth outlines.
/// Errors name the file (not GeoJSON, not a FeatureCollection) or the
/// feature (a duplicate link id); the network is validated before it is
/// returned.
pub fn import_geojson_layer(
    path: impl AsRef<Path>,
    mapping: &LayerMapping,
    country: Option<Country>,
) -> Result<Imported, Error> {
    let path = path.as_ref();
    let text_in = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let parse_err = |message: String| Error::Parse {
        file: path.to_path_buf(),
        line: None,
        message,
    };
    let gj: GeoJson = text_in
        .parse()
        .map_err(|e| parse_err(format!("not GeoJSON: {e}")))?;
    let GeoJson::FeatureCollection(fc) = gj else {
        return Err(parse_err("expected a FeatureCollection".into()));
    };
    let field = |f: &str| mapping.properties.get(f).map(String::as_str);
    let mut report = ImportReport {
        source: path.display().to_string(),
        bytes: text_in.len() as u64,
        ways_read: fc.features.len() as u64,
        ..ImportReport::default()
    };
    let mut snapper = Snapper::new(mapping.snap.tolerance_m);
    let mut links: Vec<GraphLink> = Vec::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut log = TagLog::default();
    let empty = serde_json::Map::new();
    for (i, f) in fc.features.iter().enumerate() {
        let feature = i as i64 + 1;
        let props = f.properties.as_ref().unwrap_or(&empty);
        let skip = |report: &mut ImportReport, why: &str| {
            *report.ways_skipped.entry(why.to_string()).or_default() += 1;
        };
        let lines: Vec<&Vec<Vec<f64>>> = match f.geometry.as_ref().map(|g| &g.value) {
            Some(Value::LineString(l)) => vec![l],
            Some(Value::MultiLineString(ls)) => ls.iter().collect(),
            _ => {
                skip(&mut report, "not a line");
                continue;
            }
        };
        let mode_value = mapping
            .mode_property
            .as_deref()
            .and_then(|p| text(props, p));
        let Some(mode) = mapping.mode_of(mode_value.as_deref()) else {
            skip(&mut report, "mode value not mapped");
            continue;
        };
        if !matches!(mode, Mode::Road | Mode::Rail | Mode::InlandWaterway) {
            skip(&mut report, "mode not a line layer mode");
            continue;
        }
        let mut limits = Limits::default();
        let num = |name: &str, parse, log: &mut TagLog| {
            field(name).and_then(|p| number(feature, props, p, parse, log))
        };
        limits.max_weight_t = num("max_weight_t", units::weight_t, &mut log);
        limits.max_axle_t = num("max_axle_t", units::weight_t, &mut log);
        limits.max_height_m = num("max_height_m", units::length_m, &mut log);
        limits.max_width_m = num("max_width_m", units::length_m, &mut log);
        limits.max_length_m = num("max_length_m", units::length_m, &mut log);
        let speed_kmh = num("speed_kmh", units::speed_kmh, &mut log);
        let given_km = num("length_km", plain_number, &mut log)
            .or_else(|| num("length_m", units::length_m, &mut log).map(|m| m / 1000.0));
        let class = |name: &str, log: &mut TagLog| -> Option<u16> {
            let p = field(name)?;
            let raw = props.get(p)?;
            let s = match raw {
                Json::Null => return None,
                Json::Number(n) => n.to_string(),
                Json::String(s) => s.clone(),
                other => other.to_string(),
            };
            let parsed = if name == "gauge_mm" {
                units::gauges_mm(&s).map(|g| g.first().copied())
            } else {
                units::mlc(&s)
            };
            record(feature, p, raw, parsed, log)
        };
        let both = class("mlc", &mut log);
        limits.mlc_wheeled = class("mlc_wheeled", &mut log).or(both);
        limits.mlc_tracked = class("mlc_tracked", &mut log).or(both);
        limits.gauge_mm = class("gauge_mm", &mut log);
        for (name, is_tunnel) in [("tunnel_category", true), ("line_category", false)] {
            if let Some(p) = field(name) {
                if let Some(raw) = props.get(p).filter(|v| !v.is_null()) {
                    let s = text(props, p).unwrap_or_default();
                    if is_tunnel {
                        let r = s.parse().map(Some).map_err(units::ValueError);
                        limits.tunnel_category = record(feature, p, raw, r, &mut log);
                    } else {
                        let r = s.parse().map(Some).map_err(units::ValueError);
                        limits.line_category = record(feature, p, raw, r, &mut log);
                    }
                }
            }
        }
        let oneway = field("oneway")
            .and_then(|p| props.get(p))
            .is_some_and(|v| match v {
                Json::Bool(b) => *b,
                Json::Number(n) => n.as_f64() == Some(1.0),
                Json::String(s) => matches!(
                    s.trim().to_ascii_lowercase().as_str(),
                    "yes" | "true" | "1" | "y"
                ),
                _ => false,
            });
        let name = field("name").and_then(|p| text(props, p));
        let base_id = field("id")
            .and_then(|p| text(props, p))
            .unwrap_or_else(|| format!("f{feature}"));
        let parts = lines.len();
        for (k, line) in lines.into_iter().enumerate() {
            let pts: Vec<Point<f64>> = line
                .iter()
                .filter(|c| c.len() >= 2 && c[0].is_finite() && c[1].is_finite())
                .map(|c| Point::new(c[0], c[1]))
                .collect();
            if pts.len() < 2 || pts.len() != line.len() {
                skip(&mut report, "line with fewer than 2 valid positions");
                continue;
            }
            let (a, b) = (snapper.snap(pts[0]), snapper.snap(pts[pts.len() - 1]));
            if a == b {
                skip(
                    &mut report,
                    "both ends in one hub (shorter than the tolerance, or a ring)",
                );
                continue;
            }
            let mut geometry = pts.clone();
            geometry[0] = snapper.hubs[a as usize - 1].location;
            let last = geometry.len() - 1;
            geometry[last] = snapper.hubs[b as usize - 1].location;
            let geodesic: f64 = geometry.windows(2).map(|w| geodesic_km(w[0], w[1])).sum();
            let km = match given_km {
                // A feature's length is for the whole feature: parts share it
                // in proportion to their drawn length only when there is one.
                Some(v) if parts == 1 => v,
                _ => geodesic,
            };
            *report
                .graph
                .km_by_class
                .entry(mode.as_str().to_string())
                .or_default() += km;
            let id = if parts == 1 {
                base_id.clone()
            } else {
                format!("{base_id}-{}", k + 1)
            };
            if !ids.insert(id.clone()) {
                return Err(Error::Parse {
                    file: path.to_path_buf(),
                    line: None,
                    message: format!("feature {feature}: duplicate link id `{id}`"),
                });
            }
            let v = speed_kmh.unwrap_or_else(|| mode.default_speed_kmh());
            *report
                .ways_kept
                .entry(mode.as_str().to_string())
                .or_default() += 1;
            links.push(GraphLink {
                id,
                from: a,
                to: b,
                mode,
                oneway,
                length_km: km,
                minutes: km / v * 60.0,
                has_speed: speed_kmh.is_some(),
                uniform_speed: speed_kmh,
                limits: limits.clone(),
                gauges: limits.gauge_mm.into_iter().collect(),
                geometry,
                ways: vec![feature],
                classes: vec![mode.as_str()],
                names: name.iter().cloned().collect(),
                bridge: false,
                tunnel: false,
            });
        }
    }
    log.finish();
    report.tags = log;
    report.graph.segments = links.len() as u64;
    let layer = mapping
        .source
        .clone()
        .unwrap_or_else(|| format!("GIS layer {}", path.display()));
    let graph = SimpleGraph {
        hubs: snapper.hubs,
        links,
        stats: report.graph.clone(),
    };
    let meta = NetworkMeta {
        name: mapping.name.clone().unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        }),
        description: format!(
            "Imported from the GIS layer {} by milmob import geojson --mapping.",
            path.display()
        ),
        licence: mapping.licence.clone().unwrap_or_default(),
        sources: vec![layer.clone()],
        notes: format!(
            "Line ends within {} m were snapped into one hub.",
            mapping.snap.tolerance_m
        ),
        ..NetworkMeta::default()
    };
    let (mut network, stats) = with_countries(country, |rule| {
        assemble(&graph, &Origin::Layer(layer), meta, rule)
    })?;
    // The layer's gauge is the link's; assemble adds an assumed one only
    // where none was mapped (counted).
    report.hubs = network.hub_count() as u64;
    report.links = network.link_count() as u64;
    report.assembly = stats;
    let diagnostics = validate(&network);
    if diagnostics.iter().any(|d| d.is_error()) {
        return Err(Error::Invalid {
            origin: path.display().to_string(),
            diagnostics,
        });
    }
    network.meta_mut().notes.push_str(" Validated on import.");
    Ok(Imported { network, report })
}
