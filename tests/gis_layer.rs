//! GIS line layers: GeoJSON with a mapping file, line ends snapped into
//! hubs; the library call and `milmob import geojson --mapping`.

use std::path::Path;
use std::process::Command;

use milmob::import::{import_geojson_layer, LayerMapping};
use milmob::{Error, Mode, Network};

const MAPPING: &str = r#"
name = "Test layer"
source = "test fixture (illustrative)"
mode_property = "TYPE"
[mode_values]
road = ["Strasse"]
rail = ["Bahn"]
[properties]
id = "ID"
name = "NAME"
length_m = "LEN_M"
mlc = "MLC"
max_height_m = "HEIGHT"
gauge_mm = "GAUGE"
oneway = "EINBAHN"
[snap]
tolerance_m = 25
"#;

/// Points near Bayreuth (DE): A, B, B' (about 11 m from B), C, D.
fn layer() -> String {
    let line = |props: &str, coords: &str| {
        format!(
            r#"{{"type":"Feature","properties":{{{props}}},"geometry":{{"type":"LineString","coordinates":[{coords}]}}}}"#
        )
    };
    let features = [
        line(
            r#""ID":"R1","TYPE":"Strasse","NAME":"B 2","LEN_M":2000,"MLC":"60","HEIGHT":"4.0 m""#,
            "[11.570,49.940],[11.580,49.945],[11.590,49.950]",
        ),
        line(
            r#""ID":"R2","TYPE":"Strasse","MLC":"heavy","EINBAHN":"yes""#,
            "[11.59014,49.95003],[11.600,49.955]",
        ),
        line(
            r#""ID":"B1","TYPE":"Bahn","GAUGE":1435"#,
            "[11.600,49.955],[11.620,49.960]",
        ),
        line(r#""ID":"W1","TYPE":"Weg""#, "[11.62,49.96],[11.63,49.97]"),
        r#"{"type":"Feature","properties":{"ID":"P"},"geometry":{"type":"Point","coordinates":[11.6,49.9]}}"#.to_string(),
    ];
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

fn files(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let layer_path = dir.join("roads.geojson");
    let mapping_path = dir.join("mapping.toml");
    std::fs::write(&layer_path, layer()).unwrap();
    std::fs::write(&mapping_path, MAPPING).unwrap();
    (layer_path, mapping_path)
}

#[test]
fn a_layer_becomes_a_network_with_snapped_hubs_and_mapped_limits() {
    let dir = tempfile::tempdir().unwrap();
    let (layer_path, mapping_path) = files(dir.path());
    let mapping = LayerMapping::load(&mapping_path).unwrap();
    let imp = import_geojson_layer(&layer_path, &mapping, None).unwrap();
    let n = &imp.network;
    // A, B (= B'), C, D: the 11 m gap is snapped.
    assert_eq!(n.hub_count(), 4);
    assert_eq!(n.link_count(), 3);
    let r1 = n.link("R1").unwrap();
    assert_eq!(r1.length_km, 2.0);
    assert_eq!(
        (r1.limits.mlc_wheeled, r1.limits.mlc_tracked),
        (Some(60), Some(60))
    );
    assert_eq!(r1.limits.max_height_m, Some(4.0));
    assert_eq!(r1.name.as_deref(), Some("B 2"));
    let r2 = n.link("R2").unwrap();
    assert_eq!(r2.from, r1.to, "B' snapped into B");
    assert!(r2.oneway);
    assert_eq!(r2.limits.mlc_wheeled, None, "unparsable: absent, not zero");
    let b1 = n.link("B1").unwrap();
    assert_eq!((b1.mode, b1.limits.gauge_mm), (Mode::Rail, Some(1435)));
    assert!(n.hubs().all(|h| h.country.code() == "DE"));
    let r = &imp.report;
    assert_eq!(r.ways_read, 5);
    assert_eq!(r.ways_skipped["not a line"], 1);
    assert_eq!(r.ways_skipped["mode value not mapped"], 1);
    assert_eq!(r.tags.rejections.len(), 1);
    assert_eq!(r.tags.rejections[0].way, 2);
    assert_eq!(r.tags.rejections[0].key, "MLC");
    // A tolerance below the gap keeps B and B' apart.
    let tight = LayerMapping::parse(
        &MAPPING.replace("tolerance_m = 25", "tolerance_m = 5"),
        Path::new("m.toml"),
    )
    .unwrap();
    let imp = import_geojson_layer(&layer_path, &tight, None).unwrap();
    assert_eq!(imp.network.hub_count(), 5);
}

#[test]
fn bad_layers_and_mappings_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (layer_path, _) = files(dir.path());
    let mapping = LayerMapping::parse(MAPPING, Path::new("m.toml")).unwrap();
    let not_json = dir.path().join("bad.geojson");
    std::fs::write(&not_json, "{ nope").unwrap();
    match import_geojson_layer(&not_json, &mapping, None) {
        Err(Error::Parse { file, .. }) => assert_eq!(file, not_json),
        other => panic!("{other:?}"),
    }
    let dup = dir.path().join("dup.geojson");
    std::fs::write(&dup, layer().replace("\"ID\":\"R2\"", "\"ID\":\"R1\"")).unwrap();
    let e = import_geojson_layer(&dup, &mapping, None).unwrap_err();
    assert!(
        e.to_string().contains("feature 2: duplicate link id `R1`"),
        "{e}"
    );
    // A length shorter than the line is caught by validation.
    let short = dir.path().join("short.geojson");
    std::fs::write(&short, layer().replace("\"LEN_M\":2000", "\"LEN_M\":100")).unwrap();
    let e = import_geojson_layer(&short, &mapping, None).unwrap_err();
    assert!(e.to_string().contains("length_km"), "{e}");
    let _ = layer_path;
}

fn milmob() -> Command {
    Command::new(env!("CARGO_BIN_EXE_milmob"))
}

#[test]
fn cli_imports_a_layer_and_keeps_the_plain_geojson_import() {
    let dir = tempfile::tempdir().unwrap();
    let (layer_path, mapping_path) = files(dir.path());
    let out = dir.path().join("net");
    let o = milmob()
        .args(["import", "geojson"])
        .arg(&layer_path)
        .arg("--mapping")
        .arg(&mapping_path)
        .arg("-o")
        .arg(&out)
        .arg("--report-json")
        .arg(dir.path().join("report.json"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("hubs: 4   links: 3"), "{text}");
    let n = Network::load(&out).unwrap();
    assert_eq!(n.link_count(), 3);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["links"], 3);
    // A bad mapping: exit 1, the message names the file and line.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "mode = \"road\"\n[properties]\nmlc_wheel = \"X\"\n").unwrap();
    let o = milmob()
        .args(["import", "geojson"])
        .arg(&layer_path)
        .arg("--mapping")
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("net2"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.toml:3") && err.contains("mlc_wheel"),
        "{err}"
    );
    // --country needs --mapping (usage error).
    let o = milmob()
        .args(["import", "geojson", "x.geojson", "--country", "DE", "-o"])
        .arg(dir.path().join("net3"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
