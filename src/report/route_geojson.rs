//! A route as GeoJSON: one LineString per movement step (the link's
//! geometry, or a straight segment), one Point per stop (waits, rests,
//! loading), each with the step's properties.

use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue, Value};

use crate::network::Network;
use crate::routing::Route;

/// The route as a FeatureCollection (needs the network for coordinates).
pub fn route_to_geojson(route: &Route, network: &Network) -> FeatureCollection {
    let mut features = Vec::new();
    for (i, st) in route.steps.iter().enumerate() {
        let mut props: JsonObject = match serde_json::to_value(st) {
            Ok(JsonValue::Object(m)) => m,
            _ => JsonObject::new(),
        };
        props.insert("step".into(), JsonValue::from(i as u64));
        let geometry = if st.kind.is_movement() {
            let line = st
                .link
                .as_deref()
                .and_then(|l| network.link(l))
                .and_then(|l| {
                    let pts: Vec<Vec<f64>> = match &l.geometry {
                        Some(g) => g.0.iter().map(|c| vec![c.x, c.y]).collect(),
                        None => [&l.from, &l.to]
                            .iter()
                            .filter_map(|h| network.hub(h))
                            .map(|h| vec![h.lon(), h.lat()])
                            .collect(),
                    };
                    // Orient the line in the direction of travel.
                    let mut pts = pts;
                    if l.from != st.hub {
                        pts.reverse();
                    }
                    (pts.len() >= 2).then_some(pts)
                });
            line.map(Value::LineString)
        } else {
            network
                .hub(&st.hub)
                .map(|h| Value::Point(vec![h.lon(), h.lat()]))
        };
        features.push(Feature {
            bbox: None,
            geometry: geometry.map(Geometry::new),
            id: None,
            properties: Some(props),
            foreign_members: None,
        });
    }
    let mut fm = JsonObject::new();
    fm.insert("from".into(), JsonValue::String(route.from.clone()));
    fm.insert("to".into(), JsonValue::String(route.to.clone()));
    fm.insert(
        "arrival".into(),
        JsonValue::String(route.arrival.to_rfc3339()),
    );
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(fm),
    }
}

/// The route's path as one line (lon/lat): link geometries where known,
/// straight segments between hubs otherwise. Empty if the route does not move.
pub fn route_line(route: &Route, network: &Network) -> geo::LineString<f64> {
    let mut pts: Vec<geo::Coord<f64>> = Vec::new();
    for st in route.steps.iter().filter(|s| s.kind.is_movement()) {
        let Some(l) = st.link.as_deref().and_then(|l| network.link(l)) else {
            continue;
        };
        let mut seg: Vec<geo::Coord<f64>> = match &l.geometry {
            Some(g) => g.0.clone(),
            None => [&l.from, &l.to]
                .iter()
                .filter_map(|h| network.hub(h))
                .map(|h| h.location.0)
                .collect(),
        };
        if l.from != st.hub {
            seg.reverse();
        }
        for c in seg {
            if pts.last() != Some(&c) {
                pts.push(c);
            }
        }
    }
    geo::LineString::new(pts)
}
