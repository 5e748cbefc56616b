//! GeoJSON (RFC 7946) export and import of a network: hubs as Points, links
//! as LineStrings (their geometry, or a straight segment between the end
//! hubs, marked `"straight_line": true`), every attribute in `properties`
//! under the same names as the CSV columns. Metadata and corridors travel in
//! a foreign member `milmob` of the FeatureCollection. Export then import
//! gives back an equal network.

use std::path::Path;

use geojson::{Feature, FeatureCollection, GeoJson, Geometry, JsonObject, JsonValue, Value};
use serde::{Deserialize, Serialize};

use super::folder::{read_text, Loaded, Provenance};
use super::record::{
    hub_from_record, hub_to_record, link_from_record, link_to_record, ColumnType, HUB_COLUMNS,
    LINK_COLUMNS,
};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::network::{validate, Corridor, Network, NetworkMeta};

/// The `milmob` foreign member of an exported FeatureCollection.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    meta: NetworkMeta,
    #[serde(default)]
    corridors: Vec<Corridor>,
}

const FORMAT: &str = "milmob-network/1";

fn typed(v: &str, t: ColumnType) -> JsonValue {
    match t {
        ColumnType::Text => JsonValue::String(v.to_string()),
        ColumnType::Number => v
            .parse::<f64>()
            .ok()
            .and_then(|x| {
                if x.fract() == 0.0 && x.abs() < 9.0e15 && !v.contains('.') && !v.contains('e') {
                    Some(JsonValue::from(x as i64))
                } else {
                    serde_json::Number::from_f64(x).map(JsonValue::Number)
                }
            })
            .unwrap_or_else(|| JsonValue::String(v.to_string())),
        ColumnType::Bool => JsonValue::Bool(v == "true"),
        ColumnType::List => JsonValue::Array(
            v.split(';')
                .filter(|s| !s.is_empty())
                .map(|s| JsonValue::String(s.to_string()))
                .collect(),
        ),
    }
}

fn properties(
    kind: &str,
    columns: &[(&str, ColumnType)],
    rec: Vec<String>,
    skip: &[&str],
) -> JsonObject {
    let mut p = JsonObject::new();
    p.insert("feature".into(), JsonValue::String(kind.into()));
    for ((name, t), v) in columns.iter().zip(rec) {
        if v.is_empty() || skip.contains(name) {
            continue;
        }
        p.insert((*name).into(), typed(&v, *t));
    }
    p
}

/// The network as a GeoJSON FeatureCollection.
pub fn to_geojson(network: &Network) -> FeatureCollection {
    let mut features = Vec::new();
    for h in network.hubs() {
        features.push(Feature {
            bbox: None,
            geometry: Some(Geometry::new(Value::Point(vec![h.lon(), h.lat()]))),
            id: None,
            properties: Some(properties(
                "hub",
                HUB_COLUMNS,
                hub_to_record(h),
                &["lat", "lon"],
            )),
            foreign_members: None,
        });
    }
    for l in network.links() {
        let mut props = properties("link", LINK_COLUMNS, link_to_record(l), &["geometry"]);
        let line: Vec<Vec<f64>> = match &l.geometry {
            Some(g) => g.0.iter().map(|c| vec![c.x, c.y]).collect(),
            None => {
                props.insert("straight_line".into(), JsonValue::Bool(true));
                [&l.from, &l.to]
                    .iter()
                    .filter_map(|id| network.hub(id))
                    .map(|h| vec![h.lon(), h.lat()])
                    .collect()
            }
        };
        features.push(Feature {
            bbox: None,
            geometry: Some(Geometry::new(Value::LineString(line))),
            id: None,
            properties: Some(props),
            foreign_members: None,
        });
    }
    let header = Header {
        format: FORMAT.into(),
        meta: network.meta().clone(),
        corridors: network.corridors().to_vec(),
    };
    let mut fm = JsonObject::new();
    // Invariant: Header is plain data; serialising it cannot fail.
    fm.insert(
        "milmob".into(),
        serde_json::to_value(header).expect("header serialises"),
    );
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(fm),
    }
}

/// Writes the network as a GeoJSON file (pretty-printed, deterministic),
/// atomically (temporary file + rename).
pub fn write_geojson(network: &Network, path: impl AsRef<Path>) -> Result<(), Error> {
    let path = path.as_ref();
    let text = serde_json::to_string_pretty(&to_geojson(network))
        .map_err(|e| Error::InvalidRequest(format!("cannot encode GeoJSON: {e}")))?;
    super::folder::write_atomic(path, (text + "\n").as_bytes())
}

fn as_text(v: &JsonValue) -> Option<String> {
    match v {
        JsonValue::Null => None,
        JsonValue::String(s) => Some(s.clone()),
        JsonValue::Bool(b) => Some(b.to_string()),
        JsonValue::Number(n) => Some(n.to_string()),
        JsonValue::Array(a) => Some(
            a.iter()
                .map(|x| as_text(x).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(";"),
        ),
        JsonValue::Object(_) => Some(v.to_string()),
    }
}

/// Reads a GeoJSON network (as written by [`write_geojson`], or any
/// FeatureCollection of Points with hub properties and LineStrings with link
/// properties), collecting every problem; diagnostics name the 1-based
/// feature number ([`Diagnostic::feature`]), not a line.
pub fn read_geojson(path: impl AsRef<Path>) -> Loaded {
    let path = path.as_ref();
    let origin = path.display().to_string();
    let fail = |d: Diagnostic| Loaded {
        network: Network::default(),
        diagnostics: vec![d],
        origin: origin.clone(),
    };
    let text = match read_text(path) {
        Ok(t) => t,
        Err(d) => return fail(*d),
    };
    let gj: GeoJson = match text.parse() {
        Ok(g) => g,
        Err(e) => return fail(Diagnostic::error(format!("not GeoJSON: {e}")).in_file(path)),
    };
    let GeoJson::FeatureCollection(fc) = gj else {
        return fail(Diagnostic::error("expected a FeatureCollection").in_file(path));
    };
    let mut diags = Vec::new();
    let header = fc
        .foreign_members
        .as_ref()
        .and_then(|m| m.get("milmob"))
        .cloned();
    let (meta, corridors) = match header.map(serde_json::from_value::<Header>) {
        None => (
            NetworkMeta {
                name: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                ..NetworkMeta::default()
            },
            Vec::new(),
        ),
        Some(Ok(h)) => {
            if h.format != FORMAT {
                diags.push(
                    Diagnostic::error(format!(
                        "unsupported format `{}` (expected `{FORMAT}`)",
                        h.format
                    ))
                    .in_file(path)
                    .field("milmob.format"),
                );
            }
            (h.meta, h.corridors)
        }
        Some(Err(e)) => {
            diags.push(
                Diagnostic::error(format!("bad `milmob` header: {e}"))
                    .in_file(path)
                    .field("milmob"),
            );
            (NetworkMeta::default(), Vec::new())
        }
    };
    let mut network = Network::new(meta);
    for c in corridors {
        let id = c.id.clone();
        if let Err(e) = network.add_corridor(c) {
            diags.push(
                Diagnostic::error(e.to_string())
                    .in_file(path)
                    .field("milmob.corridors")
                    .id(id),
            );
        }
    }
    let mut prov = Provenance {
        features: true,
        ..Provenance::default()
    };
    let mut links = Vec::new();
    for (i, f) in fc.features.iter().enumerate() {
        let n = i as u64 + 1;
        let at = |d: Diagnostic| d.in_file(path).at_feature(n);
        let props = f.properties.clone().unwrap_or_default();
        let kind = props
            .get("feature")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let geom = f.geometry.as_ref().map(|g| &g.value);
        let is_hub = match (kind.as_deref(), geom) {
            (Some("hub"), _) | (None, Some(Value::Point(_))) => true,
            (Some("link"), _) | (None, Some(Value::LineString(_))) => false,
            _ => {
                diags.push(at(Diagnostic::error(
                    "feature is neither a hub (Point) nor a link (LineString)",
                )));
                continue;
            }
        };
        let (columns, extra): (&[(&str, ColumnType)], &[&str]) = if is_hub {
            (HUB_COLUMNS, &["feature"])
        } else {
            (LINK_COLUMNS, &["feature", "straight_line"])
        };
        let id = props.get("id").and_then(as_text).unwrap_or_default();
        for k in props.keys() {
            if !columns.iter().any(|c| c.0 == k)
                && !extra.contains(&k.as_str())
                && !k.starts_with("x_")
            {
                diags.push(at(Diagnostic::error("unknown property").field(k).id(&id)));
            }
        }
        // Properties are flat: text, numbers, booleans, or (for lists) arrays
        // of them. A nested object or array is refused, not stringified.
        let mut nested = false;
        for (k, v) in &props {
            let flat = match v {
                JsonValue::Object(_) => false,
                JsonValue::Array(a) => a
                    .iter()
                    .all(|x| !matches!(x, JsonValue::Object(_) | JsonValue::Array(_))),
                _ => true,
            };
            if !flat {
                nested = true;
                diags.push(at(Diagnostic::error(
                    "must be text, a number, true/false or a list of those, not a nested JSON object or array",
                )
                .field(k)
                .id(&id)));
            }
        }
        if nested {
            continue;
        }
        if is_hub {
            let Some(Value::Point(p)) = geom else {
                diags.push(at(Diagnostic::error("a hub needs a Point geometry").id(&id)));
                continue;
            };
            if p.len() < 2 {
                diags.push(at(Diagnostic::error("Point needs two coordinates").id(&id)));
                continue;
            }
            let (lon, lat) = (p[0].to_string(), p[1].to_string());
            let get = |c: &str| match c {
                "lat" => Some(lat.clone()),
                "lon" => Some(lon.clone()),
                _ => props.get(c).and_then(as_text),
            };
            match hub_from_record(&get) {
                Ok(h) => match network.add_hub(h) {
                    Ok(()) => {
                        prov.hubs.insert(id, (path.to_path_buf(), n));
                    }
                    Err(e) => diags.push(at(Diagnostic::error(e.to_string()).field("id").id(&id))),
                },
                Err(errs) => {
                    for (fld, m) in errs {
                        diags.push(at(Diagnostic::error(m).field(fld).id(&id)));
                    }
                }
            }
        } else {
            let Some(Value::LineString(line)) = geom else {
                diags.push(at(
                    Diagnostic::error("a link needs a LineString geometry").id(&id)
                ));
                continue;
            };
            let straight = props
                .get("straight_line")
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            let geometry = if straight {
                None
            } else {
                Some(
                    line.iter()
                        .map(|p| {
                            format!(
                                "{} {}",
                                p.first().copied().unwrap_or(f64::NAN),
                                p.get(1).copied().unwrap_or(f64::NAN)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(";"),
                )
            };
            let get = |c: &str| match c {
                "geometry" => geometry.clone(),
                _ => props.get(c).and_then(as_text),
            };
            match link_from_record(&get) {
                Ok(l) => links.push((n, id, l)),
                Err(errs) => {
                    for (fld, m) in errs {
                        diags.push(at(Diagnostic::error(m).field(fld).id(&id)));
                    }
                }
            }
        }
    }
    // Links after hubs, so feature order does not matter.
    for (n, id, l) in links {
        match network.add_link(l) {
            Ok(()) => {
                prov.links.insert(id, (path.to_path_buf(), n));
            }
            Err(e) => diags.push(
                Diagnostic::error(e.to_string())
                    .in_file(path)
                    .at_feature(n)
                    .id(&id),
            ),
        }
    }
    for d in validate(&network) {
        let d = prov.locate(d);
        diags.push(if d.file.is_none() { d.in_file(path) } else { d });
    }
    Loaded {
        network,
        diagnostics: diags,
        origin,
    }
}
