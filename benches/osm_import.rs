//! OpenStreetMap import throughput on the largest shared extract
//! (`../shared/data/osm/monaco.osm.pbf`, 1.8 MB): the whole import (two
//! passes over the file, tag parsing, simplification, countries, network),
//! reported by criterion as MB/s and ways/s; and the PBF reading passes
//! alone. Peak memory and the `osmium cat` reference are measured outside
//! criterion (commands in CHANGELOG.md). Skipped with a notice when the
//! file is absent.

use std::path::PathBuf;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use milmob::import::{import_osm, read_pbf, OsmImportOptions, WayFilter};

fn largest_extract() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/osm");
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".osm.pbf"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
        .collect();
    files.sort();
    files.pop().map(|(_, p)| p)
}

fn osm_import(c: &mut Criterion) {
    let Some(path) = largest_extract() else {
        eprintln!("skipping osm_import benchmarks: ../shared/data/osm/*.osm.pbf not found");
        return;
    };
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let options = OsmImportOptions::default();
    let ways = import_osm(&path, &options)
        .expect("the extract imports")
        .report
        .ways_read;
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    for (unit, throughput) in [
        ("bytes", Throughput::Bytes(bytes)),
        ("ways", Throughput::Elements(ways)),
    ] {
        let mut g = c.benchmark_group(format!("osm_import_{unit}"));
        g.sample_size(20);
        g.throughput(throughput);
        g.bench_function(format!("import {name}"), |b| {
            b.iter(|| black_box(import_osm(&path, &options).unwrap().network.link_count()))
        });
        g.bench_function(format!("read_pbf {name}"), |b| {
            b.iter(|| black_box(read_pbf(&path, &WayFilter::default()).unwrap().ways.len()))
        });
        g.finish();
    }
}

criterion_group!(benches, osm_import);
criterion_main!(benches);
