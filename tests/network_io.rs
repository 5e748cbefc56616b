//! Loading, validation and round-trip tests for the network formats.

use std::fs;
use std::path::{Path, PathBuf};

use milmob::io::{read_geojson, read_network_dir, write_geojson, write_network_dir};
use milmob::Network;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

/// Copies the mini fixture to a temp folder and applies `edit(file, text) -> text`.
fn mutated(edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["network.toml", "hubs.csv", "links.csv"] {
        let text = fs::read_to_string(fixture().join(f)).unwrap();
        fs::write(dir.path().join(f), edit(f, text)).unwrap();
    }
    dir
}

/// Replaces the first occurrence of `from` in `file`.
fn replace(
    file: &'static str,
    from: &'static str,
    to: &'static str,
) -> impl Fn(&str, String) -> String {
    move |f, t| {
        if f == file {
            assert!(t.contains(from), "fixture lacks {from:?}");
            t.replacen(from, to, 1)
        } else {
            t
        }
    }
}

fn line_of(dir: &Path, file: &str, needle: &str) -> u64 {
    let text = String::from_utf8_lossy(&fs::read(dir.join(file)).unwrap()).into_owned();
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

/// Asserts that loading fails with an error on `file`, at the line holding
/// `line_needle` (if given), naming `field` and `id`.
fn expect_error(
    dir: &Path,
    file: &str,
    line_needle: Option<&str>,
    field: Option<&str>,
    id: Option<&str>,
) {
    let loaded = read_network_dir(dir);
    let errs: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    let line = line_needle.map(|n| line_of(dir, file, n));
    let hit = errs.iter().any(|d| {
        d.file.as_ref().is_some_and(|p| p.ends_with(file))
            && (line.is_none() || d.line == line)
            && (field.is_none() || d.field.as_deref() == field)
            && (id.is_none() || d.id.as_deref() == id)
    });
    assert!(
        hit,
        "expected an error in {file} line {line:?} field {field:?} id {id:?}; got:\n{}",
        errs.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(Network::load(dir).is_err());
}

#[test]
fn mini_fixture_loads_cleanly() {
    let loaded = read_network_dir(fixture());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let n = loaded.network;
    assert_eq!(n.hub_count(), 11);
    assert_eq!(n.link_count(), 18);
    assert_eq!(n.link("R-FFO-POZ").unwrap().limits.mlc_tracked, Some(60));
    assert_eq!(n.hub("LT-MOC").unwrap().gauge_change_min, Some(480.0));
}

#[test]
fn unknown_hub_in_link() {
    let d = mutated(replace(
        "links.csv",
        "R-HAN-BER,DE-HAN,DE-BER",
        "R-HAN-BER,DE-HAN,DE-BERLIN",
    ));
    expect_error(
        d.path(),
        "links.csv",
        Some("R-HAN-BER,"),
        Some("to"),
        Some("R-HAN-BER"),
    );
}

#[test]
fn duplicate_ids() {
    let d = mutated(replace("hubs.csv", "DE-HAN,Hannover", "DE-BHV,Hannover"));
    expect_error(
        d.path(),
        "hubs.csv",
        Some("DE-BHV,Hannover"),
        Some("id"),
        Some("DE-BHV"),
    );
    let d = mutated(replace("links.csv", "R-HAN-BER,", "R-BHV-HAN,"));
    expect_error(
        d.path(),
        "links.csv",
        Some("R-BHV-HAN,DE-HAN,DE-BER"),
        Some("id"),
        Some("R-BHV-HAN"),
    );
}

#[test]
fn coordinates_out_of_range_or_nan() {
    let d = mutated(replace("hubs.csv", "52.375,9.732", "92.375,9.732"));
    expect_error(
        d.path(),
        "hubs.csv",
        Some("DE-HAN,"),
        Some("lat"),
        Some("DE-HAN"),
    );
    let d = mutated(replace("hubs.csv", "52.375,9.732", "52.375,NaN"));
    expect_error(
        d.path(),
        "hubs.csv",
        Some("DE-HAN,"),
        Some("lon"),
        Some("DE-HAN"),
    );
}

#[test]
fn bad_lengths() {
    let d = mutated(|f, t| {
        if f == "links.csv" {
            t.replace(
                "R-HAN-BER,DE-HAN,DE-BER,road,",
                "R-HAN-BER,DE-HAN,DE-BER,road,-",
            )
        } else {
            t
        }
    });
    expect_error(
        d.path(),
        "links.csv",
        Some("R-HAN-BER,"),
        Some("length_km"),
        Some("R-HAN-BER"),
    );
    // Hannover–Berlin is ~250 km apart: 100 km is shorter than the geodesic.
    let text = fs::read_to_string(fixture().join("links.csv")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("R-HAN-BER,"))
        .unwrap()
        .to_string();
    let len = line.split(',').nth(4).unwrap().to_string();
    let d = mutated(move |f, t| {
        if f == "links.csv" {
            t.replace(&line, &line.replacen(&len, "100", 1))
        } else {
            t
        }
    });
    expect_error(
        d.path(),
        "links.csv",
        Some("R-HAN-BER,"),
        Some("length_km"),
        Some("R-HAN-BER"),
    );
}

#[test]
fn mlc_out_of_range_and_absurd_limits() {
    let d = mutated(replace("links.csv", ",60,70,", ",200,70,"));
    expect_error(
        d.path(),
        "links.csv",
        Some("R-FFO-POZ,"),
        Some("mlc_tracked"),
        Some("R-FFO-POZ"),
    );
    let d = mutated(replace("links.csv", ",4.2,", ",42,"));
    expect_error(
        d.path(),
        "links.csv",
        Some("R-WAW-BUD,"),
        Some("max_height_m"),
        Some("R-WAW-BUD"),
    );
}

#[test]
fn unknown_mode_kind_country_tunnel() {
    let d = mutated(replace(
        "links.csv",
        "DE-BHV,PL-GDY,sea",
        "DE-BHV,PL-GDY,ferry",
    ));
    expect_error(
        d.path(),
        "links.csv",
        Some("S-BHV-GDY,"),
        Some("mode"),
        Some("S-BHV-GDY"),
    );
    let d = mutated(replace(
        "hubs.csv",
        "junction;convoy_support_centre",
        "junction;barracks",
    ));
    expect_error(
        d.path(),
        "hubs.csv",
        Some("DE-HAN,"),
        Some("kinds"),
        Some("DE-HAN"),
    );
    let d = mutated(replace("hubs.csv", "Hannover,DE", "Hannover,XX"));
    expect_error(
        d.path(),
        "hubs.csv",
        Some("DE-HAN,"),
        Some("country"),
        Some("DE-HAN"),
    );
    let d = mutated(replace("links.csv", ",C,,", ",Z,,"));
    expect_error(
        d.path(),
        "links.csv",
        Some("R-KLA-KAU,"),
        Some("tunnel_category"),
        Some("R-KLA-KAU"),
    );
}

#[test]
fn self_loop() {
    let d = mutated(replace(
        "links.csv",
        "R-HAN-BER,DE-HAN,DE-BER",
        "R-HAN-BER,DE-HAN,DE-HAN",
    ));
    expect_error(
        d.path(),
        "links.csv",
        Some("R-HAN-BER,"),
        Some("id"),
        Some("R-HAN-BER"),
    );
}

#[test]
fn malformed_number() {
    let d = mutated(replace("links.csv", ",4.2,", ",4,2m,"));
    // The extra comma also breaks the row's field count: either way, that line.
    expect_error(d.path(), "links.csv", Some("R-WAW-BUD,"), None, None);
    let d = mutated(replace("links.csv", ",4.2,", ",4.2m,"));
    expect_error(
        d.path(),
        "links.csv",
        Some("R-WAW-BUD,"),
        Some("max_height_m"),
        Some("R-WAW-BUD"),
    );
}

#[test]
fn missing_empty_binary_and_non_utf8_files() {
    let d = mutated(|_, t| t);
    fs::remove_file(d.path().join("links.csv")).unwrap();
    expect_error(d.path(), "links.csv", None, None, None);

    let d = mutated(|_, t| t);
    fs::write(d.path().join("hubs.csv"), "").unwrap();
    expect_error(d.path(), "hubs.csv", None, None, None);

    let d = mutated(|_, t| t);
    fs::write(
        d.path().join("hubs.csv"),
        [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2, 0xff, 0xfe],
    )
    .unwrap();
    expect_error(d.path(), "hubs.csv", None, None, None);

    let d = mutated(|_, t| t);
    let mut bytes = fs::read(fixture().join("hubs.csv")).unwrap();
    let pos = bytes.windows(8).position(|w| w == b"Hannover").unwrap();
    bytes[pos] = 0xff;
    fs::write(d.path().join("hubs.csv"), bytes).unwrap();
    expect_error(d.path(), "hubs.csv", Some("annover"), None, None);

    let d = mutated(|_, t| t);
    fs::write(
        d.path().join("links.csv"),
        "this is not a table\njust prose\n",
    )
    .unwrap();
    // One error with a hint, not one per missing column (issue 12).
    expect_error(d.path(), "links.csv", None, None, None);
    let loaded = read_network_dir(d.path());
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.problem.contains("not a header")),
        "{:?}",
        loaded.diagnostics
    );
}

#[test]
fn unknown_column_and_manifest_key() {
    let d = mutated(replace("links.csv", "mlc_tracked", "mlc_trakced"));
    expect_error(d.path(), "links.csv", None, Some("mlc_trakced"), None);
    let d = mutated(replace("network.toml", "licence =", "lisence ="));
    expect_error(d.path(), "network.toml", Some("lisence"), None, None);
}

#[test]
fn errors_are_reported_all_at_once() {
    let d = mutated(|f, t| match f {
        "hubs.csv" => t.replacen("52.375,9.732", "99,9.732", 1),
        "links.csv" => {
            t.replacen(",4.2,", ",99,", 1)
                .replacen("DE-BHV,PL-GDY,sea", "DE-BHV,PL-GDY,ferry", 1)
        }
        _ => t,
    });
    let loaded = read_network_dir(d.path());
    let errs = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    assert!(errs >= 3, "{:#?}", loaded.diagnostics);
}

#[test]
fn isolated_hub_and_disconnected_part_are_warnings() {
    let d = mutated(|f, t| {
        if f == "hubs.csv" {
            t + "XX-ISO,Isolated,DE,50.0,10.0,junction,,,,,,\n"
        } else {
            t
        }
    });
    let loaded = read_network_dir(d.path());
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let w: Vec<_> = loaded.warnings().collect();
    assert!(w.iter().any(|d| d.id.as_deref() == Some("XX-ISO")));
    assert!(w.iter().any(|d| d.problem.contains("disconnected")));
}

#[test]
fn csv_geojson_round_trip() {
    let n = Network::load(fixture()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let gj = dir.path().join("net.geojson");
    write_geojson(&n, &gj).unwrap();
    let back = read_geojson(&gj).into_result().unwrap();
    assert_eq!(n, back);
    let folder = dir.path().join("again");
    write_network_dir(&back, &folder).unwrap();
    let again = Network::load(&folder).unwrap();
    assert_eq!(n, again);
    // Deterministic output.
    let gj2 = dir.path().join("net2.geojson");
    write_geojson(&again, &gj2).unwrap();
    assert_eq!(fs::read(&gj).unwrap(), fs::read(&gj2).unwrap());
}

#[test]
fn geojson_errors_name_the_feature() {
    let n = Network::load(fixture()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let gj = dir.path().join("net.geojson");
    write_geojson(&n, &gj).unwrap();
    let text = fs::read_to_string(&gj).unwrap().replacen(
        "\"mode\": \"road\"",
        "\"mode\": \"teleport\"",
        1,
    );
    fs::write(&gj, text).unwrap();
    let loaded = read_geojson(&gj);
    let e = loaded
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(e.field.as_deref(), Some("mode"));
    // GeoJSON problems name the feature, not a line (issue 12).
    assert_eq!(e.feature, Some(n.hub_count() as u64 + 1), "{e}");
    assert_eq!(e.line, None, "{e}");
    assert!(
        e.message
            .contains(&format!("feature {}", n.hub_count() + 1)),
        "{e}"
    );
    fs::write(&gj, "{ not json").unwrap();
    assert!(read_geojson(&gj).has_errors());
}

#[test]
fn hub_and_link_ids_are_separate_namespaces_in_messages() {
    // A link named like a hub: the hub's error must still point at hubs.csv.
    let d = mutated(|f, t| match f {
        "links.csv" => t.replacen("R-HAN-BER,", "DE-HAN,", 1),
        "hubs.csv" => t.replacen("52.375,9.732", "95.0,9.732", 1),
        _ => t,
    });
    expect_error(
        d.path(),
        "hubs.csv",
        Some("DE-HAN,Hannover"),
        Some("lat"),
        Some("DE-HAN"),
    );
}
