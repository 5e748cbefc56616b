//! The analysis verbs end to end: `criticality` (exact CSV formats on DIMACS
//! and corridor networks, JSON), `cut`, `disrupt` and `bottlenecks` on the
//! test network, and their errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn milmob(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_milmob"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run milmob");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    out
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn criticality_csv_on_an_arc_file() {
    let dir = tempfile::tempdir().unwrap();
    // 0→1→2→3 (1 each), bypass 0→4→3 (2+3); 5 is isolated in range? no: 6 is.
    let gr = write(
        dir.path(),
        "g.gr",
        "a 0 1 1\na 1 2 1\na 2 3 1\na 0 4 2\na 4 3 3\na 3 6 4\n",
    );
    let od = write(dir.path(), "od.csv", "from,to\n0,3\n0,6\n3,0\n");
    let out = milmob(&[
        "criticality",
        "--network",
        gr.to_str().unwrap(),
        "--queries",
        od.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        text(&out),
        "from,to,arc,tail,head,cost,without\n\
         0,3,0,0,1,3,5\n0,3,1,1,2,3,5\n0,3,2,2,3,3,5\n\
         0,6,0,0,1,7,9\n0,6,1,1,2,7,9\n0,6,2,2,3,7,9\n0,6,5,3,6,7,\n\
         3,0,,,,,\n"
    );
    let out = milmob(&[
        "criticality",
        "--network",
        gr.to_str().unwrap(),
        "--queries",
        od.to_str().unwrap(),
        "--top",
        "1",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&text(&out)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["arc"], 5);
    assert_eq!(v[0]["cut_off"], true);
    // OD load: demand per arc, importance, exposure.
    let dem = write(dir.path(), "dem.csv", "from,to,demand\n0,3,2\n0,6,1\n");
    let out = milmob(&[
        "criticality",
        "--network",
        gr.to_str().unwrap(),
        "--queries",
        dem.to_str().unwrap(),
        "--od-load",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&text(&out)).unwrap();
    let links = v["report"]["links"].as_array().unwrap();
    // Arc 5 (3→6) cuts a third of the demand off; arcs 0..2 carry all 3.
    assert_eq!(links[0]["id"], "5");
    assert!((links[0]["unsatisfied"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9);
    let a0 = links.iter().find(|l| l["id"] == "0").unwrap();
    assert_eq!(a0["demand"], 3.0);
    assert!((a0["importance"].as_f64().unwrap() - 2.0).abs() < 1e-9);
    // A node outside the file: a located error, exit 1.
    let bad = write(dir.path(), "bad.csv", "from,to\n0,99\n");
    let out = milmob(&[
        "criticality",
        "--network",
        gr.to_str().unwrap(),
        "--queries",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.csv:2"));
}

#[test]
fn criticality_on_the_corridor_network_in_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let od = write(dir.path(), "od.csv", "from,to\nDE-BHV,PL-POZ\n");
    let out = milmob(&[
        "criticality",
        "--network",
        "tests/fixtures/mini",
        "--queries",
        od.to_str().unwrap(),
        "--vehicle",
        "leopard_2a6",
        "--carriage",
        "road",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = text(&out);
    let mut lines = t.lines();
    assert_eq!(lines.next(), Some("from,to,link,cost,without"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.len() >= 2);
    for r in &rows {
        assert_eq!(r.len(), 5);
        assert!(r[2].starts_with("R-"));
        let cost: f64 = r[3].parse().unwrap();
        assert!(r[4].is_empty() || r[4].parse::<f64>().unwrap() >= cost);
    }
    // Flags for corridor networks are refused on arc files.
    let gr = write(dir.path(), "g.gr", "a 0 1 1\n");
    let out = milmob(&[
        "criticality",
        "--network",
        gr.to_str().unwrap(),
        "--queries",
        od.to_str().unwrap(),
        "--vehicle",
        "leopard_2a6",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cut_between_hubs() {
    let out = milmob(&[
        "cut",
        "--network",
        "tests/fixtures/mini",
        "--from",
        "DE-BHV",
        "--to",
        "LT-KAU",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&text(&out)).unwrap();
    let max = v["max_units_per_day"].as_f64().unwrap();
    let sum: f64 = v["cut"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["units_per_day"].as_f64().unwrap())
        .sum();
    assert!(max > 0.0 && (sum - max).abs() < 1e-6, "{v}");
    let out = milmob(&[
        "cut",
        "--network",
        "tests/fixtures/mini",
        "--from",
        "DE-BHV",
        "--to",
        "LT-KAU",
    ]);
    assert!(text(&out).contains("max throughput:"));
    let out = milmob(&[
        "cut",
        "--network",
        "tests/fixtures/mini",
        "--from",
        "NOPE",
        "--to",
        "LT-KAU",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

const ORDER: &str = r#"
name = "mini trucks"
network = "NETWORK"
regime = "pledge-2024"

[[element]]
id = "trucks"
origin = "DE-BHV"
destination = "PL-POZ"
carriage = "road"
depart = "2026-03-02T06:00:00+01:00"
vehicles = { medium_truck_6x6 = 60 }
"#;

#[test]
fn disrupt_and_bottlenecks_on_the_test_network() {
    let dir = tempfile::tempdir().unwrap();
    let net = root().join("tests/fixtures/mini");
    let order = write(
        dir.path(),
        "order.toml",
        &ORDER.replace("NETWORK", &net.display().to_string().replace('\\', "/")),
    );
    let what = write(
        dir.path(),
        "what.toml",
        "name = \"Berlin closed a day\"\n[[event]]\nkind = \"hub_closed\"\nhub = \"DE-BER\"\nfrom_h = 0\nhours = 24\n",
    );
    let out = milmob(&[
        "disrupt",
        order.to_str().unwrap(),
        what.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&text(&out)).unwrap();
    assert!(v["closure_delta_h"].as_f64().unwrap() >= 0.0);
    assert_eq!(
        v["events"][0],
        "hub DE-BER closed from epoch + 0 h until epoch + 24 h"
    );
    let out = milmob(&["disrupt", order.to_str().unwrap(), what.to_str().unwrap()]);
    assert!(text(&out).contains("| closure |"));
    // A bad disruption file: exit 1, located.
    let bad = write(
        dir.path(),
        "bad.toml",
        "name = \"x\"\n[[event]]\nkind = \"hub_closed\"\nhub = \"XX\"\n",
    );
    let out = milmob(&["disrupt", order.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:4") && err.contains("unknown hub `XX`"),
        "{err}"
    );
    // The ranking: JSON, CSV and GeoJSON.
    let out = milmob(&["bottlenecks", order.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&text(&out)).unwrap();
    let links = v["links"].as_array().unwrap();
    assert!(!links.is_empty());
    // The origin hub's loss cuts every unit off.
    let origin = v["hubs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "DE-BHV")
        .unwrap();
    assert_eq!(origin["units_cut_off"], origin["units_total"]);
    let out = milmob(&[
        "bottlenecks",
        order.to_str().unwrap(),
        "--csv",
        "--top",
        "3",
    ]);
    assert!(text(&out).starts_with("section,rank,kind,id,mode,units_using,closure_h_lost"));
    let out = milmob(&["bottlenecks", order.to_str().unwrap(), "--geojson"]);
    let g: Value = serde_json::from_str(&text(&out)).unwrap();
    assert_eq!(g["type"], "FeatureCollection");
    let out = milmob(&[
        "bottlenecks",
        order.to_str().unwrap(),
        "--capacity-factor",
        "0.5",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// `scenario run --bottlenecks` adds the ranking to the report: the summary
/// tables in report.md and report.html, and bottlenecks.geojson with one
/// point per ranked link or hub.
#[test]
fn scenario_report_with_bottlenecks() {
    let dir = tempfile::tempdir().unwrap();
    let net = root().join("tests/fixtures/mini");
    let order = write(
        dir.path(),
        "order.toml",
        &ORDER.replace("NETWORK", &net.display().to_string().replace('\\', "/")),
    );
    let out_dir = dir.path().join("report");
    let out = milmob(&[
        "scenario",
        "run",
        order.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--bottlenecks",
        "--top",
        "3",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(out_dir.join("report.md")).unwrap();
    assert!(
        md.contains("## Top bottlenecks (links and hubs lost)"),
        "{md}"
    );
    assert!(md.contains("## Upgrades (hotspots)"), "{md}");
    let html = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
    assert!(html.contains("Top bottlenecks"));
    let g: geojson::GeoJson = std::fs::read_to_string(out_dir.join("bottlenecks.geojson"))
        .unwrap()
        .parse()
        .unwrap();
    let geojson::GeoJson::FeatureCollection(fc) = g else {
        panic!("not a FeatureCollection")
    };
    assert!(!fc.features.is_empty() && fc.features.len() <= 6);
    // Every ranked row of the markdown table has its point (hubs and links
    // with a location).
    for f in &fc.features {
        let label = f.property("label").and_then(|v| v.as_str()).unwrap();
        assert!(md.contains(label), "{label} drawn but not tabled");
    }
    // --top needs --bottlenecks.
    let out = milmob(&["scenario", "run", order.to_str().unwrap(), "--top", "3"]);
    assert_eq!(out.status.code(), Some(2));
}
