//! Presenting results: plain-text timelines and GeoJSON of routes; movement
//! plans as Markdown and CSV.

pub mod plan_markdown;
pub mod route_geojson;
pub mod route_text;

pub use plan_markdown::{plan_timeline_csv, plan_to_markdown};
pub use route_geojson::{route_line, route_to_geojson};
pub use route_text::route_to_text;
