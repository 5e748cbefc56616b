//! `routes.geojson` (RFC 7946): the plan's routes, one LineString per link
//! used with the units and vehicles carried, and the hubs used as Points
//! with their role; and one FeatureCollection per marker layer (e.g.
//! `bottlenecks.geojson`). Properties are flat, so QGIS or any GeoJSON
//! viewer can style by them; `stroke` carries the map's colour.

use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue, Value};

use super::input::{MapMarker, ReportInput};
use super::route_flows::{link_flows, used_hubs};
use super::svg::mode_colour;

fn feature(geometry: Value, props: Vec<(&str, JsonValue)>) -> Feature {
    let mut p = JsonObject::new();
    for (k, v) in props {
        p.insert(k.to_string(), v);
    }
    Feature {
        bbox: None,
        geometry: Some(Geometry::new(geometry)),
        id: None,
        properties: Some(p),
        foreign_members: None,
    }
}

fn collection(features: Vec<Feature>) -> FeatureCollection {
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    }
}

/// The routes and hubs of the report's plan. Link features: `kind` =
/// `link`, `link`, `mode`, `from`, `to`, `units`, `vehicles`, `elements`
/// (comma-separated), `stroke` (hex colour); hub features: `kind` = `hub`,
/// `id`, `name`, `role` (`destination`, `origin`, `transshipment`),
/// `hub_kind`, `vehicles`. Coordinates lon/lat degrees (WGS 84).
pub fn routes_geojson(input: &ReportInput<'_>) -> FeatureCollection {
    let mut features = Vec::new();
    for f in link_flows(input.plan, input.network) {
        let line = f.line.0.iter().map(|c| vec![c.x, c.y]).collect();
        features.push(feature(
            Value::LineString(line),
            vec![
                ("kind", "link".into()),
                ("link", f.link.clone().into()),
                ("mode", f.mode.as_str().into()),
                ("from", f.from.clone().into()),
                ("to", f.to.clone().into()),
                ("units", f.units.into()),
                ("vehicles", f.vehicles.into()),
                (
                    "elements",
                    f.elements
                        .iter()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(",")
                        .into(),
                ),
                ("stroke", mode_colour(f.mode).into()),
            ],
        ));
    }
    for h in used_hubs(input.plan, input.network) {
        features.push(feature(
            Value::Point(vec![h.lon, h.lat]),
            vec![
                ("kind", "hub".into()),
                ("id", h.id.clone().into()),
                ("name", h.name.clone().into()),
                ("role", h.role.as_str().into()),
                ("hub_kind", h.kind.as_str().into()),
                ("vehicles", h.vehicles.into()),
            ],
        ));
    }
    collection(features)
}

/// The markers of one layer as Points: `label`, `size` (0..1), `detail`.
pub fn markers_geojson(markers: &[MapMarker], layer: &str) -> FeatureCollection {
    collection(
        markers
            .iter()
            .filter(|m| m.layer == layer)
            .map(|m| {
                feature(
                    Value::Point(vec![m.lon, m.lat]),
                    vec![
                        ("label", m.label.clone().into()),
                        ("size", m.size.into()),
                        ("detail", m.detail.clone().into()),
                    ],
                )
            })
            .collect(),
    )
}
