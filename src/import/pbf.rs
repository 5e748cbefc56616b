//! Reading an OpenStreetMap PBF file (feature `osm`, the `osmpbf` crate),
//! streaming and memory-bounded.
//!
//! Two passes over the file, blob by blob (blobs are decoded in parallel):
//! 1. ways: the tags of each way are read ([`super::tags`]) and the kept
//!    ways (mode, class, access: [`WayFilter`]) stored with their node ids;
//! 2. nodes: only the locations of nodes that kept ways use are stored (a
//!    sorted id table, 16 bytes a node).
//!
//! Memory is proportional to the kept ways' node references, not to the
//! file: a country extract's footpaths, buildings and untouched nodes are
//! decoded and dropped. Output is deterministic: ways are sorted by id and
//! rejections by way id, whatever order the blobs are decoded in.

use std::collections::BTreeMap;
use std::path::Path;

use osmpbf::{BlobDecode, BlobReader, PrimitiveBlock};
use rayon::iter::{ParallelBridge, ParallelIterator};

use super::simplify::{NodeCoords, OsmWay};
use super::tags::{read_way, way_kind, TagLog};
use super::way_filter::WayFilter;
use crate::error::Error;

/// What the PBF reader found.
#[derive(Debug, Clone, Default)]
pub struct PbfContent {
    /// Kept ways, sorted by id.
    pub ways: Vec<OsmWay>,
    /// Locations of the kept ways' nodes.
    pub coords: NodeCoords,
    /// Ways in the file.
    pub ways_read: u64,
    /// Nodes in the file.
    pub nodes_read: u64,
    /// Relations in the file.
    pub relations_read: u64,
    /// Kept ways by class (`primary`, …, `rail`).
    pub ways_kept: BTreeMap<String, u64>,
    /// Ways not kept, by reason (`not a road or railway`, `mode not
    /// selected`, …).
    pub ways_skipped: BTreeMap<String, u64>,
    /// Tags read and refused.
    pub tags: TagLog,
}

/// One blob's share of pass 1.
#[derive(Default)]
struct WayPart {
    ways: Vec<OsmWay>,
    ways_read: u64,
    relations_read: u64,
    kept: BTreeMap<String, u64>,
    skipped: BTreeMap<String, u64>,
    tags: TagLog,
}

impl WayPart {
    fn merge(mut self, o: WayPart) -> WayPart {
        self.ways.extend(o.ways);
        self.ways_read += o.ways_read;
        self.relations_read += o.relations_read;
        for (k, n) in o.kept {
            *self.kept.entry(k).or_default() += n;
        }
        for (k, n) in o.skipped {
            *self.skipped.entry(k).or_default() += n;
        }
        self.tags.merge(o.tags);
        self
    }
}

fn pbf_error(path: &Path, e: osmpbf::Error) -> Error {
    Error::Parse {
        file: path.to_path_buf(),
        line: None,
        message: format!("not a readable OSM PBF file: {e}"),
    }
}

fn for_each_block<T: Send>(
    path: &Path,
    identity: impl Fn() -> T + Sync + Send,
    map: impl Fn(&PrimitiveBlock) -> T + Sync + Send,
    reduce: impl Fn(T, T) -> T + Sync + Send,
) -> Result<T, Error> {
    let reader = BlobReader::from_path(path).map_err(|e| pbf_error(path, e))?;
    reader
        .par_bridge()
        .map(|blob| {
            let blob = blob.map_err(|e| pbf_error(path, e))?;
            match blob.decode().map_err(|e| pbf_error(path, e))? {
                BlobDecode::OsmData(block) => Ok(map(&block)),
                _ => Ok(identity()),
            }
        })
        .try_reduce(&identity, |a, b| Ok(reduce(a, b)))
}

/// Degrees from OSM's 1e-7 degree units: the nearest `f64` to the stored
/// value, so that files show `42.5503011`, not `42.550301100000006`.
fn deg(decimicro: i32) -> f64 {
    f64::from(decimicro) / 1e7
}

/// Reads the ways `filter` keeps and their nodes' locations. Fails with
/// [`Error::Parse`] naming the file when it is not a readable PBF file, or
/// [`Error::Io`] when it cannot be opened.
pub fn read_pbf(path: impl AsRef<Path>, filter: &WayFilter) -> Result<PbfContent, Error> {
    let path = path.as_ref();
    std::fs::metadata(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let part = for_each_block(
        path,
        WayPart::default,
        |block| {
            let mut p = WayPart::default();
            for group in block.groups() {
                p.relations_read += group.relations().count() as u64;
                for way in group.ways() {
                    p.ways_read += 1;
                    let Some(kind) = way_kind(way.tags()) else {
                        *p.skipped.entry("not a road or railway".into()).or_default() += 1;
                        continue;
                    };
                    if let Err(r) = filter.wants(kind) {
                        *p.skipped.entry(r.as_str().into()).or_default() += 1;
                        continue;
                    }
                    let mut attrs = read_way(way.id(), kind, way.tags(), &mut p.tags);
                    filter.apply_assumptions(&mut attrs);
                    if let Err(r) = filter.admits(&attrs) {
                        *p.skipped.entry(r.as_str().into()).or_default() += 1;
                        continue;
                    }
                    *p.kept.entry(kind.label().into()).or_default() += 1;
                    p.ways.push(OsmWay {
                        id: way.id(),
                        nodes: way.refs().collect(),
                        attrs,
                    });
                }
            }
            p
        },
        WayPart::merge,
    )?;
    let mut ways = part.ways;
    ways.sort_by_key(|w| w.id);
    let mut coords =
        NodeCoords::for_ids(ways.iter().flat_map(|w| w.nodes.iter().copied()).collect());
    let wanted = &coords;
    let (found, nodes_read) = for_each_block(
        path,
        || (Vec::new(), 0u64),
        |block| {
            let mut found: Vec<(i64, f64, f64)> = Vec::new();
            let mut n = 0u64;
            let mut visit = |id: i64, lon: i32, lat: i32| {
                n += 1;
                if wanted.wants(id) {
                    found.push((id, deg(lon), deg(lat)));
                }
            };
            for group in block.groups() {
                for node in group.dense_nodes() {
                    visit(node.id(), node.decimicro_lon(), node.decimicro_lat());
                }
                for node in group.nodes() {
                    visit(node.id(), node.decimicro_lon(), node.decimicro_lat());
                }
            }
            (found, n)
        },
        |(mut fa, na), (fb, nb)| {
            fa.extend(fb);
            (fa, na + nb)
        },
    )?;
    for (id, lon, lat) in found {
        coords.set(id, lon, lat);
    }
    let mut tags = part.tags;
    tags.finish();
    Ok(PbfContent {
        ways,
        coords,
        ways_read: part.ways_read,
        nodes_read,
        relations_read: part.relations_read,
        ways_kept: part.kept,
        ways_skipped: part.skipped,
        tags,
    })
}
