//! Presenting results: plain-text timelines and GeoJSON of routes.

pub mod route_geojson;
pub mod route_text;

pub use route_geojson::{route_line, route_to_geojson};
pub use route_text::route_to_text;
