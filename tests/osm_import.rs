//! OpenStreetMap import on the real extracts in `../shared/data/osm/`:
//! import → validate → route; counts against the file; routes that avoid a
//! tunnel for a dangerous-goods load and a low clearance for a high load.
#![cfg(feature = "osm")]

mod common;
mod osm_common;

use std::collections::BTreeSet;

use milmob::import::{import_osm, HighwayClass, Imported, OsmImportOptions, WayFilter};
use milmob::network::{validate, TunnelCategory};
use milmob::routing::Planner;
use milmob::{Mode, Network};

/// Nodes, ways and relations of each extract as `osmium fileinfo -e`
/// (osmium-tool 1.15) reports them: an independent reading of the files.
const FILE_COUNTS: &[(&str, u64, u64, u64)] = &[
    ("andorra.osm.pbf", 69_644, 2_725, 74),
    ("monaco.osm.pbf", 180_118, 27_377, 212),
    ("north-bayreuth.osm.pbf", 58_631, 7_801, 179),
];

fn import(name: &str, options: &OsmImportOptions) -> Option<Imported> {
    let path = common::shared_data(&format!("osm/{name}"))?;
    Some(import_osm(&path, options).expect("the extract imports"))
}

#[test]
fn every_extract_imports_into_a_valid_network_with_the_files_counts() {
    for &(name, nodes, ways, relations) in FILE_COUNTS {
        let Some(imp) = import(name, &OsmImportOptions::default()) else {
            return;
        };
        let (n, r) = (&imp.network, &imp.report);
        let errors: Vec<_> = validate(n).into_iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_eq!(
            (r.nodes_read, r.ways_read, r.relations_read),
            (nodes, ways, relations),
            "{name}"
        );
        let kept: u64 = r.ways_kept.values().sum();
        let skipped: u64 = r.ways_skipped.values().sum();
        assert_eq!(
            kept + skipped,
            r.ways_read,
            "{name}: every way is kept or skipped"
        );
        assert!(kept > 100, "{name}: {kept} ways kept");
        assert_eq!(r.hubs as usize, n.hub_count());
        assert_eq!(r.links as usize, n.link_count());
        assert_eq!(r.nodes_missing, 0, "{name}: extracts are complete");
        // Every km of kept segments is in exactly one link (links shorter
        // than 10 m are lengthened to the format's minimum).
        let km_segments: f64 = r.graph.km_by_class.values().sum();
        // (The second gauge of dual-gauge track is a parallel link.)
        let km_links: f64 = n
            .links()
            .filter(|l| !l.id.contains("-g"))
            .map(|l| l.length_km)
            .sum();
        let lengthened_max = r.assembly.links_lengthened as f64 * 0.01;
        assert!(
            km_links >= km_segments - 1e-6 && km_links <= km_segments + lengthened_max + 1e-6,
            "{name}: {km_links} km of links vs {km_segments} km of segments"
        );
        // Hubs are OSM nodes; every link's geometry starts and ends at its hubs.
        for l in n.links() {
            let g = l.geometry.as_ref().expect("links keep their geometry");
            let (a, b) = (n.hub(&l.from).unwrap(), n.hub(&l.to).unwrap());
            assert_eq!(g.0.first().map(|c| (c.x, c.y)), Some((a.lon(), a.lat())));
            assert_eq!(g.0.last().map(|c| (c.x, c.y)), Some((b.lon(), b.lat())));
            assert!(l.from.starts_with('n') && l.id.starts_with('w'));
            if l.mode == Mode::Rail {
                assert!(l.limits.gauge_mm.is_some());
            }
        }
        // Simplification: far fewer links than segments.
        assert!(n.link_count() as u64 * 3 < r.graph.segments, "{name}");
        // Determinism: the same file gives the same network, byte for byte.
        let again = import(name, &OsmImportOptions::default()).unwrap();
        let dir1 = tempfile::tempdir().unwrap();
        let dir2 = tempfile::tempdir().unwrap();
        n.save(dir1.path()).unwrap();
        again.network.save(dir2.path()).unwrap();
        for f in ["network.toml", "hubs.csv", "links.csv"] {
            let a = std::fs::read(dir1.path().join(f)).unwrap();
            let b = std::fs::read(dir2.path().join(f)).unwrap();
            assert!(a == b, "{name}: {f} differs between two imports");
        }
        // And it loads back valid.
        let back = Network::load(dir1.path()).expect("the written folder loads");
        assert_eq!(back.link_count(), n.link_count());
    }
}

#[test]
fn countries_come_from_the_outlines_or_the_flag() {
    let Some(imp) = import("andorra.osm.pbf", &OsmImportOptions::default()) else {
        return;
    };
    let by = &imp.report.assembly.hubs_by_country;
    assert!(by["AD"] > 400, "{by:?}");
    let Some(bay) = import("north-bayreuth.osm.pbf", &OsmImportOptions::default()) else {
        return;
    };
    assert_eq!(
        bay.report
            .assembly
            .hubs_by_country
            .keys()
            .collect::<Vec<_>>(),
        ["DE"]
    );
    let forced = import(
        "andorra.osm.pbf",
        &OsmImportOptions {
            country: Some("ES".parse().unwrap()),
            ..OsmImportOptions::default()
        },
    )
    .unwrap();
    assert!(forced.network.hubs().all(|h| h.country.code() == "ES"));
}

#[test]
fn filters_select_modes_classes_and_a_box() {
    let road_only = OsmImportOptions {
        filter: WayFilter {
            modes: [Mode::Road].into_iter().collect(),
            ..WayFilter::default()
        },
        ..OsmImportOptions::default()
    };
    let Some(all) = import("monaco.osm.pbf", &OsmImportOptions::default()) else {
        return;
    };
    let road = import("monaco.osm.pbf", &road_only).unwrap();
    assert!(all.network.links().any(|l| l.mode == Mode::Rail));
    assert!(road.network.links().all(|l| l.mode == Mode::Road));
    let motorways = import(
        "monaco.osm.pbf",
        &OsmImportOptions {
            filter: WayFilter {
                highways: BTreeSet::from([HighwayClass::Motorway]),
                modes: [Mode::Road].into_iter().collect(),
                ..WayFilter::default()
            },
            ..OsmImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        motorways.report.ways_kept.keys().collect::<Vec<_>>(),
        ["motorway"]
    );
    assert!(motorways.network.links().all(|l| l.oneway));
    // A box around the Principality: every hub inside it.
    let bbox = "7.40,43.72,7.44,43.76".parse().unwrap();
    let boxed = import(
        "monaco.osm.pbf",
        &OsmImportOptions {
            filter: WayFilter {
                bbox: Some(bbox),
                ..WayFilter::default()
            },
            ..OsmImportOptions::default()
        },
    )
    .unwrap();
    assert!(boxed.report.graph.segments_outside_bbox > 0);
    assert!(boxed.network.hub_count() < all.network.hub_count());
    assert!(boxed.network.hubs().all(|h| bbox.contains(h.location)));
}

/// For each link `l` that `blocks` and that the `free` load's route from
/// its start to its end takes, routes the `restricted` load between the
/// same hubs: it must either go around every blocking link (a longer
/// route) or find no route, with the diagnosis naming the limit `kind` and
/// a blocking link. Returns (detours, refusals).
fn detours(
    network: &Network,
    blocks: impl Fn(&milmob::Link) -> bool,
    kind: &str,
    free: &Planner<'_>,
    restricted: &Planner<'_>,
) -> (usize, usize) {
    let depart = "2026-03-02T06:00:00+01:00".parse().unwrap();
    let blocking: Vec<_> = network.links().filter(|l| blocks(l)).cloned().collect();
    assert!(!blocking.is_empty(), "the data has a blocking link");
    let (mut around, mut refused) = (0, 0);
    for l in &blocking {
        let free_route = free.route(&l.from, &l.to, depart).unwrap();
        let Some(f) = free_route.best() else { continue };
        if !f.links.contains(&l.id) {
            continue;
        }
        let outcome = restricted.route(&l.from, &l.to, depart).unwrap();
        match outcome.best() {
            Some(r) => {
                for id in &r.links {
                    let link = network.link(id).unwrap();
                    assert!(!blocks(link), "the restricted load passes {id}");
                }
                assert!(r.distance_km > f.distance_km);
                around += 1;
            }
            None => {
                let v = serde_json::to_value(&outcome).unwrap();
                let text = v["relaxations"].to_string();
                assert!(text.contains(kind), "{v}");
                assert!(
                    blocking
                        .iter()
                        .any(|b| text.contains(&format!("\"{}\"", b.id))),
                    "{v}"
                );
                refused += 1;
            }
        }
    }
    (around, refused)
}

#[test]
fn a_high_load_goes_around_a_low_clearance() {
    let Some(imp) = import("andorra.osm.pbf", &OsmImportOptions::default()) else {
        return;
    };
    let n = &imp.network;
    let free = osm_common::planner(n, "fennek");
    let tall = osm_common::planner(n, "tall_test_load");
    let low = |l: &milmob::Link| l.limits.max_height_m.is_some_and(|h| h < 4.6);
    // Andorra: the Envalira tunnel (maxheight 4.3) ends at the edge of the
    // extract, so there is no way around: the load is refused, and the
    // diagnosis names the clearance.
    let (around, refused) = detours(n, low, "max_height_m", &free, &tall);
    assert!(around + refused >= 1);
    // Monaco: a 4.3 m tunnel (the extracts tag few clearances; the
    // in-memory fixtures in tests/osm_fixtures.rs have a real detour).
    let Some(mc) = import("monaco.osm.pbf", &OsmImportOptions::default()) else {
        return;
    };
    let free = osm_common::planner(&mc.network, "fennek");
    let tall = osm_common::planner(&mc.network, "tall_test_load");
    let (around, refused) = detours(&mc.network, low, "max_height_m", &free, &tall);
    assert!(around + refused >= 1);
}

#[test]
fn dangerous_goods_go_around_tunnels() {
    // The extract's tunnels have no ADR category: plan them as category E
    // (the import's --untagged-tunnel assumption).
    let options = OsmImportOptions {
        filter: WayFilter {
            untagged_tunnel: Some(TunnelCategory::E),
            modes: [Mode::Road].into_iter().collect(),
            ..WayFilter::default()
        },
        ..OsmImportOptions::default()
    };
    let Some(imp) = import("monaco.osm.pbf", &options) else {
        return;
    };
    let n = &imp.network;
    let tunnels = n
        .links()
        .filter(|l| l.limits.tunnel_category.is_some())
        .count();
    assert_eq!(tunnels as u64, imp.report.assembly.links_with_tunnel);
    let free = osm_common::planner(n, "hx2_8x8");
    let ammunition = osm_common::planner(n, "hx2_8x8_ammunition");
    let tunnel = |l: &milmob::Link| l.limits.tunnel_category.is_some();
    let (around, _) = detours(n, tunnel, "tunnel_category", &free, &ammunition);
    assert!(around >= 1, "Monaco has roads around its tunnels");
    // Without the assumption the ammunition truck takes the tunnels.
    let plain = import("monaco.osm.pbf", &OsmImportOptions::default()).unwrap();
    assert!(plain
        .network
        .links()
        .all(|l| l.limits.tunnel_category.is_none()));
}
