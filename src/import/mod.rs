//! Importing real networks: OpenStreetMap (PBF, feature `osm`) and GIS
//! layers (GeoJSON with a mapping file), and attaching an imported network
//! to a corridor network.
//!
//! The OSM pipeline, one concept per file:
//! - [`units`]: value syntaxes of limit tags (`3.8`, `3.8 m`, `12'6"`,
//!   `7.5 t`, `7500 kg`, `none`, `default`, `below_default`, speeds, MLC,
//!   gauges);
//! - [`tags`]: a way's tags to mode, class, direction, speed, limits,
//!   bridge/tunnel flags and access; refused values logged with the way id;
//! - [`highway`]: road classes and their default march speeds (sources and
//!   assumptions in its docs);
//! - [`way_filter`]: modes, classes, access, bounding box;
//! - `pbf` (feature `osm`): the streaming two-pass PBF reader;
//! - [`simplify`]: segments, hubs at junctions, degree-2 chains merged;
//! - [`assemble`]: hubs `n<node id>` with countries, links with limits;
//! - [`report`]: what was read, kept, built and refused.
//!
//! GIS layers: [`mapping`] (`mapping.toml`: which property holds which
//! field, which value means which mode, the snapping tolerance) and
//! [`geojson_layer`] (lines to links, ends snapped into hubs with rstar).
//!
//! Merging: [`merge::attach`] joins an imported network to a corridor
//! network at named hubs (`milmob import attach`).
//!
//! ```no_run
//! # #[cfg(feature = "osm")] {
//! use milmob::import::{import_osm, OsmImportOptions};
//! let imported = import_osm("andorra.osm.pbf", &OsmImportOptions::default())?;
//! println!("{}", imported.report.to_text(20));
//! imported.network.save("andorra-net")?;
//! # }
//! # Ok::<(), milmob::Error>(())
//! ```

pub mod assemble;
pub mod geojson_layer;
pub mod highway;
pub mod mapping;
pub mod merge;
pub mod osm;
#[cfg(feature = "osm")]
mod pbf;
pub mod report;
pub mod simplify;
pub mod tags;
pub mod units;
pub mod way_filter;

pub use assemble::{CountryRule, Origin};
pub use geojson_layer::import_geojson_layer;
pub use highway::HighwayClass;
pub use mapping::LayerMapping;
pub use merge::{attach, Join, MergeReport};
#[cfg(feature = "osm")]
pub use osm::import_osm;
pub use osm::{network_from_ways, Imported, OsmImportOptions};
#[cfg(feature = "osm")]
pub use pbf::{read_pbf, PbfContent};
pub use report::ImportReport;
pub use simplify::{build_graph, NodeCoords, OsmWay, SimpleGraph};
pub use tags::{read_way, way_kind, Direction, TagLog, WayAttributes, WayKind};
pub use way_filter::{BBox, WayFilter};
