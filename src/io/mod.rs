//! Reading and writing networks: the folder format (`network.toml` +
//! `hubs.csv` + `links.csv`, see `data/FORMAT.md`) and GeoJSON.

pub mod csv_table;
pub mod dimacs;
mod folder;
pub mod geojson;
pub mod manifest;
pub mod record;

pub use folder::{read_network_dir, write_atomic, write_network_dir, Loaded, MAX_DIAGNOSTICS};
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

/// Reads a text file as milmob's readers do: missing, empty, binary (NUL
/// byte) and non-UTF-8 files are refused with a located diagnostic; a UTF-8
/// byte-order mark is dropped.
pub fn read_text_file(path: impl AsRef<Path>) -> Result<String, Box<crate::Diagnostic>> {
    folder::read_text(path.as_ref())
}
