//! `milmob import osm` and `milmob import attach` from the command line:
//! import an extract, validate it, attach it to the bundled corridor
//! network and route from a port onto the imported roads.
#![cfg(feature = "osm")]

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn milmob(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_milmob"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn import_osm_writes_a_valid_folder_and_a_report() {
    let Some(pbf) = common::shared_data("osm/north-bayreuth.osm.pbf") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("net");
    let json = dir.path().join("report.json");
    let o = milmob(&[
        os("import"),
        os("osm"),
        pbf.as_os_str(),
        os("--modes"),
        os("road,rail"),
        os("--highways"),
        os("motorway,motorway_link,primary,secondary,tertiary,unclassified"),
        os("-o"),
        out.as_os_str(),
        os("--report-json"),
        json.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    for needle in [
        "read: 7801 ways, 58631 nodes, 179 relations",
        "km by class:",
        "tags parsed:",
        "hubs by country: DE",
    ] {
        assert!(t.contains(needle), "{needle}: {t}");
    }
    let v = milmob(&[os("validate"), out.as_os_str()]);
    assert!(v.status.success(), "{}", text(&v));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["ways_read"], 7801);
    assert!(report["tags"]["parsed"]["maxspeed"].as_u64().unwrap() > 0);
    // Not empty any more: refused without --force (usage, exit 2).
    let again = milmob(&[
        os("import"),
        os("osm"),
        pbf.as_os_str(),
        os("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    let forced = milmob(&[
        os("import"),
        os("osm"),
        pbf.as_os_str(),
        os("-o"),
        out.as_os_str(),
        os("--force"),
    ]);
    assert!(forced.status.success(), "{}", text(&forced));
}

#[test]
fn bad_arguments_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("net");
    let cases: &[(&[&str], i32, &str)] = &[
        (&["--bbox", "1,2,3"], 2, "bounding box"),
        (&["--bbox", "3,2,1,4"], 2, "minimum"),
        (&["--modes", "sea"], 2, "road, rail"),
        (&["--highways", "footway"], 2, "unknown highway class"),
        (&["--untagged-tunnel", "F"], 2, "tunnel category"),
        (&["--country", "XX"], 2, "XX"),
    ];
    let fake = dir.path().join("fake.osm.pbf");
    std::fs::write(&fake, b"this is not a PBF file at all").unwrap();
    for (extra, code, needle) in cases {
        let mut args = vec![
            os("import"),
            os("osm"),
            fake.as_os_str(),
            os("-o"),
            out.as_os_str(),
        ];
        args.extend(extra.iter().map(|s| os(s)));
        let o = milmob(&args);
        assert_eq!(o.status.code(), Some(*code), "{extra:?}: {}", text(&o));
        assert!(text(&o).contains(needle), "{extra:?}: {}", text(&o));
    }
    let o = milmob(&[
        os("import"),
        os("osm"),
        fake.as_os_str(),
        os("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("fake.osm.pbf"), "{}", text(&o));
    let missing = dir.path().join("missing.osm.pbf");
    let o = milmob(&[
        os("import"),
        os("osm"),
        missing.as_os_str(),
        os("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("missing.osm.pbf"), "{}", text(&o));
    assert!(
        !Path::new(&out).join("hubs.csv").exists(),
        "nothing written"
    );
}

/// `milmob route --json` from the port of Bremerhaven to `to`.
fn route(network: &Path, to: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        os("route"),
        os("--network"),
        network.as_os_str(),
        os("--from"),
        os("DE-BREMERHAVEN-PORT"),
        os("--to"),
        os(to),
        os("--depart"),
        os("2026-03-02T06:00:00+01:00"),
        os("--json"),
    ];
    args.extend(extra.iter().map(|s| os(s)));
    milmob(&args)
}

#[test]
fn attach_the_last_mile_to_the_corridor_network_and_route_onto_it() {
    let Some(pbf) = common::shared_data("osm/north-bayreuth.osm.pbf") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let osm = dir.path().join("osm");
    let merged = dir.path().join("merged");
    let o = milmob(&[
        os("import"),
        os("osm"),
        pbf.as_os_str(),
        os("--modes"),
        os("road"),
        os("-o"),
        osm.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let o = milmob(&[
        os("import"),
        os("attach"),
        os("data/europe"),
        osm.as_os_str(),
        os("--hub"),
        os("DE-HOF-J"),
        os("--within-km"),
        os("60"),
        os("-o"),
        merged.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("DE-HOF-J — n"), "{t}");
    let v = milmob(&[os("validate"), merged.as_os_str()]);
    assert!(v.status.success(), "{}", text(&v));
    // Route from the port of Bremerhaven to the imported hub that the join
    // reached, then onto another imported hub.
    let n = milmob::Network::load(&merged).unwrap();
    let join = n.links().find(|l| l.id.starts_with("join:")).unwrap();
    let far = n
        .hubs()
        .filter(|h| h.id.starts_with('n') && h.id != join.to)
        .max_by(|a, b| {
            let d = |h: &milmob::Hub| {
                milmob::network::geodesy::geodesic_km(h.location, n.hub(&join.to).unwrap().location)
            };
            d(a).total_cmp(&d(b)).then(b.id.cmp(&a.id))
        })
        .unwrap();
    let r = route(
        &merged,
        &far.id,
        &["--vehicle", "boxer", "--count", "4", "--carriage", "road"],
    );
    // The far hub may sit on a piece of road the extract cut off; then the
    // answer is a clean "no route" (exit 1), never a failure to load.
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap_or_default();
    if v["status"] == "found" {
        let links: Vec<String> = serde_json::from_value(v["links"].clone()).unwrap();
        assert!(links.iter().any(|l| l == &join.id), "{links:?}");
        assert!(links.iter().any(|l| l.starts_with('w')), "{links:?}");
    } else {
        assert_eq!(r.status.code(), Some(1), "{}", text(&r));
    }
    // The join hub itself is always reachable.
    let r = route(&merged, &join.to, &[]);
    assert!(r.status.success(), "{}", text(&r));
}
