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
            let pts: Vec<Vec<f64>> = step_coords(st, network)
                .into_iter()
                .map(|c| vec![c.x, c.y])
                .collect();
            let line = (pts.len() >= 2).then_some(pts);
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
        for c in step_coords(st, network) {
            if pts.last() != Some(&c) {
                pts.push(c);
            }
        }
    }
    geo::LineString::new(pts)
}

/// The path of one movement step, oriented in the direction of travel: the
/// link's geometry where the network has one, else a straight segment from
/// the hub left to the hub reached (also for links the routing topology
/// adds, such as direct flights between airfields).
fn step_coords(st: &crate::routing::Step, network: &Network) -> Vec<geo::Coord<f64>> {
    let link = st.link.as_deref().and_then(|l| network.link(l));
    if let Some(g) = link.and_then(|l| l.geometry.as_ref()) {
        let mut seg = g.0.clone();
        if link.is_some_and(|l| l.from != st.hub) {
            seg.reverse();
        }
        return seg;
    }
    [Some(st.hub.as_str()), st.to_hub.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(|h| network.hub(h))
        .map(|h| h.location.0)
        .collect()
}
