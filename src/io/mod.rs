//! Reading and writing networks: the folder format (`network.toml` +
//! `hubs.csv` + `links.csv`, see `data/FORMAT.md`) and GeoJSON.

pub mod dimacs;
mod folder;
pub mod geojson;
pub mod manifest;
pub mod record;

pub use folder::{read_network_dir, write_network_dir, Loaded};
pub use geojson::{read_geojson, to_geojson, write_geojson};
pub use manifest::Manifest;

use std::path::Path;

/// Reads a network from a folder, or from a `.geojson`/`.json` file.
pub fn read_network(path: impl AsRef<Path>) -> Loaded {
    let p = path.as_ref();
    match p.extension().and_then(|e| e.to_str()) {
        Some("geojson") | Some("json") if p.is_file() => read_geojson(p),
        _ => read_network_dir(p),
    }
}
