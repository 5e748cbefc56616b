//! End-to-end tests of the `milmob` command-line tool: exit codes, messages
//! and the JSON / GeoJSON / CSV it prints.

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Weekday};
use serde_json::Value;

const DEPART: &str = "2026-03-02T06:00:00+01:00";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn mini() -> PathBuf {
    root().join("tests/fixtures/mini")
}

/// Runs `milmob` with `args` from the crate root.
fn milmob<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_milmob"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("cannot run the milmob binary");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "milmob panicked: {stderr}\nargs: {:?}",
        args.iter().map(|a| a.as_ref()).collect::<Vec<_>>()
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is not UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("killed by a signal")
}

/// Asserts the exit code, showing the output on failure.
fn expect_code(out: &Output, want: i32) {
    assert_eq!(
        code(out),
        want,
        "unexpected exit code\nstdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            stdout(out),
            stderr(out)
        )
    })
}

/// Runs `milmob args`, expects exit 0 and JSON on stdout.
fn ok_json<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Value {
    let out = milmob(args);
    expect_code(&out, 0);
    json(&out)
}

fn instant(v: &Value) -> DateTime<FixedOffset> {
    let s = v.as_str().unwrap_or_else(|| panic!("not a string: {v}"));
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("`{s}` is not RFC 3339: {e}"))
}

/// Copies the mini fixture into a temp folder and lets `edit` change it.
fn mini_copy(edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["network.toml", "hubs.csv", "links.csv"] {
        let text = fs::read_to_string(mini().join(f)).unwrap();
        fs::write(dir.path().join(f), edit(f, text)).unwrap();
    }
    dir
}

fn counts(v: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| {
        v[k].as_u64()
            .unwrap_or_else(|| panic!("`{k}` missing in {v}"))
    };
    (n("hubs"), n("links"), n("countries"), n("corridors"))
}

/// Checks the shape of `validate --json` output shared by every network.
fn check_summary_shape(v: &Value) {
    assert!(v.is_object(), "{v}");
    let by_mode = v["links_by_mode"].as_object().expect("links_by_mode");
    let mut keys: Vec<&str> = by_mode.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["air", "inland_waterway", "rail", "road", "sea"],
        "links_by_mode keys"
    );
    let total: u64 = by_mode.values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(
        total,
        v["links"].as_u64().unwrap(),
        "links_by_mode sums to links"
    );
    for key in ["errors", "warnings"] {
        for d in v[key]
            .as_array()
            .unwrap_or_else(|| panic!("`{key}` not an array"))
        {
            assert!(
                d["message"].is_string(),
                "{key} element without message: {d}"
            );
        }
    }
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_mini_json() {
    let v = ok_json(&["validate", "tests/fixtures/mini", "--json"]);
    check_summary_shape(&v);
    assert_eq!(counts(&v), (11, 18, 3, 1));
    let m = &v["links_by_mode"];
    assert_eq!(
        [
            &m["road"],
            &m["rail"],
            &m["inland_waterway"],
            &m["sea"],
            &m["air"]
        ]
        .map(|x| x.as_u64()),
        [Some(10), Some(6), Some(0), Some(2), Some(0)]
    );
    assert_eq!(v["errors"], Value::Array(vec![]));
    assert_eq!(v["warnings"], Value::Array(vec![]));
}

#[test]
fn validate_europe_json() {
    let v = ok_json(&["validate", "data/europe", "--json"]);
    check_summary_shape(&v);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0, "{}", v["errors"]);
    assert!(v["hubs"].as_u64().unwrap() >= 200, "hubs {}", v["hubs"]);
    let m = v["links_by_mode"].as_object().unwrap();
    for mode in ["road", "rail", "sea"] {
        assert!(m[mode].as_u64().unwrap() > 0, "no {mode} links");
    }
}

#[test]
fn validate_warnings_do_not_fail() {
    let dir = mini_copy(|f, t| {
        if f == "hubs.csv" {
            t + "DE-ISO,Isolated hub,DE,51.0,10.0,junction,,,,,,\n"
        } else {
            t
        }
    });
    let v = ok_json(&[
        "validate".as_ref(),
        dir.path().as_os_str(),
        "--json".as_ref(),
    ]);
    check_summary_shape(&v);
    assert_eq!(v["hubs"], 12);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
    let w = v["warnings"].as_array().unwrap();
    assert!(!w.is_empty(), "an isolated hub should warn");
    assert!(
        w.iter()
            .any(|d| d["message"].as_str().unwrap().contains("DE-ISO")),
        "{w:?}"
    );
}

#[test]
fn validate_broken_network_names_file_line_and_link() {
    // R-POZ-WAW is on line 8 of links.csv (comment, header, then links).
    let dir = mini_copy(|f, t| {
        if f == "links.csv" {
            assert!(t.contains("R-POZ-WAW,PL-POZ,PL-WAW,"));
            t.replacen(
                "R-POZ-WAW,PL-POZ,PL-WAW,",
                "R-POZ-WAW,PL-POZ,PL-NOWHERE,",
                1,
            )
        } else {
            t
        }
    });
    let line = fs::read_to_string(dir.path().join("links.csv"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("R-POZ-WAW,"))
        .unwrap()
        + 1;

    let out = milmob(&[
        "validate".as_ref(),
        dir.path().as_os_str(),
        "--json".as_ref(),
    ]);
    expect_code(&out, 1);
    let v = json(&out);
    check_summary_shape(&v);
    let errors = v["errors"].as_array().unwrap();
    let want = format!("links.csv:{line}");
    let hit = errors.iter().any(|e| {
        let m = e["message"].as_str().unwrap();
        m.contains(&want) && m.contains("R-POZ-WAW") && m.contains("PL-NOWHERE")
    });
    assert!(
        hit,
        "no error naming {want}, R-POZ-WAW and PL-NOWHERE: {errors:#?}"
    );

    // The text form fails the same way and prints the message too.
    let out = milmob(&["validate".as_ref(), dir.path().as_os_str()]);
    expect_code(&out, 1);
    let text = stdout(&out) + &stderr(&out);
    assert!(text.contains(&want) && text.contains("R-POZ-WAW"), "{text}");

    // Commands that need a valid network refuse it with a message.
    let out = milmob(&[
        "route".as_ref(),
        "--network".as_ref(),
        dir.path().as_os_str(),
        "--from".as_ref(),
        "DE-BHV".as_ref(),
        "--to".as_ref(),
        "PL-WAW".as_ref(),
        "--depart".as_ref(),
        DEPART.as_ref(),
    ]);
    expect_code(&out, 1);
    assert!(stderr(&out).contains("R-POZ-WAW"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    let cases: &[&[&str]] = &[
        &["frobnicate"],
        &[],
        &["validate"],
        &["validate", "tests/fixtures/mini", "--no-such-flag"],
        &["export", "geojson", "tests/fixtures/mini"],
        &[
            "route",
            "--network",
            "data/europe",
            "--from",
            "DE-BREMERHAVEN-PORT",
        ],
        &["batch", "--network", "data/europe"],
        &["calendar", "--year", "2025"],
        &[
            "scenario",
            "run",
            "data/scenarios/brigade-lithuania.toml",
            "--top",
            "3",
        ],
        &[
            "scenario",
            "run",
            "data/scenarios/brigade-lithuania.toml",
            "--bottlenecks",
            "--top",
            "0",
        ],
        &["calendar", "--country", "DE", "--add-working-days", "3"],
        &[
            "route",
            "--network",
            "data/europe",
            "--from",
            "A",
            "--to",
            "B",
            "--count",
            "many",
        ],
    ];
    for args in cases {
        let out = milmob(args);
        assert_eq!(
            code(&out),
            2,
            "{args:?} should be a usage error: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).trim().is_empty(), "{args:?}: no message");
    }
}

#[test]
fn missing_folder_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("no-such-network");
    let out = milmob(&["validate".as_ref(), gone.as_os_str(), "--json".as_ref()]);
    expect_code(&out, 1);
    let v = json(&out);
    let errors = v["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["message"].as_str().unwrap().contains("no-such-network")),
        "{errors:?}"
    );

    let out = milmob(&["validate".as_ref(), gone.as_os_str()]);
    expect_code(&out, 1);
    assert!((stdout(&out) + &stderr(&out)).contains("no-such-network"));

    let out_file = dir.path().join("x.geojson");
    let export = [
        "export".as_ref(),
        "geojson".as_ref(),
        gone.as_os_str(),
        "-o".as_ref(),
        out_file.as_os_str(),
    ];
    let route = [
        "route".as_ref(),
        "--network".as_ref(),
        gone.as_os_str(),
        "--from".as_ref(),
        "A".as_ref(),
        "--to".as_ref(),
        "B".as_ref(),
        "--depart".as_ref(),
        DEPART.as_ref(),
    ];
    for args in [&export[..], &route[..]] {
        let out = milmob(args);
        expect_code(&out, 1);
        assert!(stderr(&out).contains("no-such-network"), "{}", stderr(&out));
    }
    assert!(
        !out_file.exists(),
        "export wrote a file for a missing network"
    );
}

// ---------------------------------------------------------------- GeoJSON

#[test]
fn geojson_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let gj = dir.path().join("mini.geojson");
    let folder = dir.path().join("imported");

    let out = milmob(&[
        "export".as_ref(),
        "geojson".as_ref(),
        mini().as_os_str(),
        "-o".as_ref(),
        gj.as_os_str(),
    ]);
    expect_code(&out, 0);
    let v: Value = serde_json::from_str(&fs::read_to_string(&gj).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for f in v["features"].as_array().unwrap() {
        assert_eq!(f["type"], "Feature");
        *kinds
            .entry(f["geometry"]["type"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(kinds.get("Point"), Some(&11), "{kinds:?}");
    assert_eq!(kinds.get("LineString"), Some(&18), "{kinds:?}");
    assert_eq!(kinds.len(), 2, "{kinds:?}");

    let out = milmob(&[
        "import".as_ref(),
        "geojson".as_ref(),
        gj.as_os_str(),
        "-o".as_ref(),
        folder.as_os_str(),
    ]);
    expect_code(&out, 0);
    assert!(folder.join("network.toml").is_file());

    let original = ok_json(&["validate", "tests/fixtures/mini", "--json"]);
    let imported = ok_json(&["validate".as_ref(), folder.as_os_str(), "--json".as_ref()]);
    check_summary_shape(&imported);
    assert_eq!(counts(&imported), counts(&original));
    for key in [
        "links_by_mode",
        "hubs_by_kind",
        "country_codes",
        "rail_links_by_gauge_mm",
        "errors",
        "warnings",
    ] {
        assert_eq!(imported[key], original[key], "{key}");
    }
    // The GeoJSON file validates directly too.
    let direct = ok_json(&["validate".as_ref(), gj.as_os_str(), "--json".as_ref()]);
    assert_eq!(counts(&direct), counts(&original));
}

// ---------------------------------------------------------------- route

fn europe_route_args(extra: &[&str]) -> Vec<String> {
    let mut a: Vec<String> = [
        "route",
        "--network",
        "data/europe",
        "--from",
        "DE-BREMERHAVEN-PORT",
        "--to",
        "LT-RUKLA-SA",
        "--vehicle",
        "leopard_2a6",
        "--count",
        "14",
        "--depart",
        DEPART,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

/// Checks a found route's JSON: timeline order and fields; returns the arrival.
fn check_route(v: &Value, depart: &str) -> DateTime<FixedOffset> {
    assert_eq!(v["status"], "found", "{v}");
    let depart = DateTime::parse_from_rfc3339(depart).unwrap();
    let arrival = instant(&v["arrival"]);
    let steps = v["steps"].as_array().expect("steps");
    assert!(!steps.is_empty());
    let mut prev_end = depart;
    for (i, s) in steps.iter().enumerate() {
        let kind = s["kind"]
            .as_str()
            .unwrap_or_else(|| panic!("step {i}: {s}"));
        let (start, end) = (instant(&s["start"]), instant(&s["end"]));
        assert!(start <= end, "step {i} ends before it starts: {s}");
        assert!(
            start >= prev_end,
            "step {i} starts before the previous one ends: {s}"
        );
        prev_end = end;
        if matches!(kind, "drive" | "rail" | "sail" | "fly") {
            assert!(s["link"].is_string(), "movement step {i} without link: {s}");
        } else {
            assert!(s["hub"].is_string(), "step {i} without hub: {s}");
        }
    }
    assert_eq!(arrival, prev_end, "arrival is not the last step's end");
    let links = v["links"].as_array().unwrap();
    let moved: Vec<&Value> = steps.iter().filter_map(|s| s.get("link")).collect();
    assert_eq!(
        links.iter().collect::<Vec<_>>(),
        moved,
        "links = movement steps' links"
    );
    for p in v["permit_plan"].as_array().expect("permit_plan") {
        for k in ["country", "lead_time", "grant", "latest_request"] {
            assert!(p.get(k).is_some(), "permit entry lacks {k}: {p}");
        }
        // The latest request that would not delay the movement comes no
        // later than the crossing; a movement that waited asked too late.
        assert!(
            instant(&p["latest_request"]) <= instant(&p["needed_by"]),
            "{p}"
        );
        if p["delay_min"].as_f64().unwrap() > 0.0 {
            assert!(
                instant(&p["latest_request"]) < instant(&p["request"]),
                "{p}"
            );
        }
    }
    arrival
}

#[test]
fn route_europe_json() {
    let v = ok_json(&europe_route_args(&["--json"]));
    let arrival = check_route(&v, DEPART);
    assert!(arrival > DateTime::parse_from_rfc3339(DEPART).unwrap());
    assert_eq!(v["from"], "DE-BREMERHAVEN-PORT");
    assert_eq!(v["to"], "LT-RUKLA-SA");
    assert_eq!(v["regime"], "pledge-2024");
    let plan = v["permit_plan"].as_array().unwrap();
    assert!(
        plan.iter().any(|p| p["country"] == "LT"),
        "entering Lithuania needs a permit: {plan:?}"
    );
    for p in plan {
        // Pledge 2024: lead times count working days, so grants land on a
        // weekday in the granting country.
        let country = milmob::Country::parse(p["country"].as_str().unwrap()).unwrap();
        let local = instant(&p["grant"]).with_timezone(&country.time_zone());
        assert!(
            !matches!(local.weekday(), Weekday::Sat | Weekday::Sun),
            "grant on a weekend: {p}"
        );
    }
}

#[test]
fn route_regimes_order_arrivals() {
    let arrival = |regime: &str| {
        let v = ok_json(&europe_route_args(&["--regime", regime, "--json"]));
        assert_eq!(v["regime"], regime);
        check_route(&v, DEPART)
    };
    let emergency = arrival("emergency-2025");
    let status_quo = arrival("status-quo");
    assert!(
        emergency <= status_quo,
        "emergency-2025 {emergency} later than status-quo {status_quo}"
    );
}

#[test]
fn route_geojson() {
    let out = milmob(&europe_route_args(&["--geojson"]));
    expect_code(&out, 0);
    let v = json(&out);
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert!(!features.is_empty());
    assert!(features
        .iter()
        .any(|f| f["geometry"]["type"] == "LineString"));
    for f in features {
        assert_eq!(f["type"], "Feature");
    }
}

#[test]
fn route_unknown_hub() {
    let mut args = europe_route_args(&["--json"]);
    let i = args.iter().position(|a| a == "LT-RUKLA-SA").unwrap();
    args[i] = "XX-NO-SUCH-HUB".into();
    let out = milmob(&args);
    expect_code(&out, 1);
    assert!(stderr(&out).contains("XX-NO-SUCH-HUB"), "{}", stderr(&out));
}

#[test]
fn route_bad_depart() {
    for bad in ["2026-13-02T06:00:00+01:00", "tomorrow", "2026-03-02 06:00"] {
        let mut args = europe_route_args(&["--json"]);
        let i = args.iter().position(|a| a == DEPART).unwrap();
        args[i] = bad.into();
        let out = milmob(&args);
        assert_ne!(code(&out), 0, "--depart {bad} accepted");
        assert!(stderr(&out).contains("--depart"), "{}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    }
}

#[test]
fn route_impossible_requests() {
    let replace = |from: &str, to: &str| {
        let mut args = europe_route_args(&["--json"]);
        let i = args.iter().position(|a| a == from).unwrap();
        args[i] = to.into();
        args
    };
    // An id the catalogue does not have is a data error (1); a flag value
    // that is wrong on its own is a usage error (2, issue 12).
    let cases = [
        (replace("leopard_2a6", "leopard_9000"), "leopard_9000", 1),
        (replace("14", "0"), "--count", 2),
        (
            europe_route_args(&["--regime", "no-such-regime", "--json"]),
            "no-such-regime",
            2,
        ),
        (
            europe_route_args(&["--carriage", "teleport", "--json"]),
            "teleport",
            2,
        ),
    ];
    for (args, needle, want) in cases {
        let out = milmob(&args);
        expect_code(&out, want);
        assert!(
            stderr(&out).contains(needle),
            "{args:?}: message should name {needle}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn route_is_deterministic() {
    let args = europe_route_args(&["--json"]);
    let a = milmob(&args);
    let b = milmob(&args);
    expect_code(&a, 0);
    expect_code(&b, 0);
    assert_eq!(a.stdout, b.stdout, "two runs differ");
}

// ---------------------------------------------------------------- no route

/// Two German hubs joined only by a road with a tracked MLC 40 bridge.
fn weak_bridge_network() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("network.toml"), "name = \"weak bridge\"\n").unwrap();
    fs::write(
        dir.path().join("hubs.csv"),
        "id,name,country,lat,lon,kinds\n\
         DE-A,West,DE,52.0,10.0,junction\n\
         DE-B,East,DE,52.0,10.5,junction\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("links.csv"),
        "id,from,to,mode,length_km,mlc_tracked\n\
         R-WEAK-BRIDGE,DE-A,DE-B,road,40,40\n",
    )
    .unwrap();
    dir
}

#[test]
fn no_route_explains_relaxation() {
    let dir = weak_bridge_network();
    let v = ok_json(&[
        "validate".as_ref(),
        dir.path().as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(counts(&v), (2, 1, 1, 0));

    let args = |extra: &[&str]| {
        let mut a: Vec<&std::ffi::OsStr> = vec!["route".as_ref(), "--network".as_ref()];
        a.push(dir.path().as_os_str());
        for s in [
            "--from",
            "DE-A",
            "--to",
            "DE-B",
            "--vehicle",
            "leopard_2a6",
            "--carriage",
            "road",
            "--depart",
            DEPART,
        ]
        .iter()
        .chain(extra)
        {
            a.push(s.as_ref());
        }
        a.into_iter().map(|s| s.to_owned()).collect::<Vec<_>>()
    };

    let out = milmob(&args(&["--json"]));
    expect_code(&out, 1);
    let v = json(&out);
    assert_eq!(v["status"], "no_route", "{v}");
    let relax = v["relaxations"].as_array().expect("relaxations");
    assert!(!relax.is_empty(), "{v}");
    let hit = relax.iter().any(|r| {
        let text = r.to_string();
        text.contains("mlc_tracked") && text.contains("R-WEAK-BRIDGE")
    });
    assert!(
        hit,
        "no relaxation names mlc_tracked and R-WEAK-BRIDGE: {relax:#?}"
    );

    // Text output: exit 1 too, and the reason is printed.
    let out = milmob(&args(&[]));
    expect_code(&out, 1);
    assert!(stdout(&out).contains("mlc_tracked"), "{}", stdout(&out));

    // The same tank on a heavy equipment transporter is a wheeled load.
    let mut het = args(&["--json"]);
    let i = het.iter().position(|a| a == "road").unwrap();
    het[i] = "het".into();
    let v = ok_json(&het);
    check_route(&v, DEPART);
}

// ---------------------------------------------------------------- batch

/// Reads a DIMACS arc file: successors per node and the largest node id.
fn read_gr(path: &Path) -> (HashMap<u32, Vec<(u32, u64)>>, u32) {
    let mut adj: HashMap<u32, Vec<(u32, u64)>> = HashMap::new();
    let mut max = 0;
    for line in fs::read_to_string(path).unwrap().lines() {
        let mut it = line.split_whitespace();
        if it.next() != Some("a") {
            continue;
        }
        let mut n = || it.next().unwrap().parse::<u64>().unwrap();
        let (a, b, w) = (n() as u32, n() as u32, n());
        max = max.max(a).max(b);
        adj.entry(a).or_default().push((b, w));
    }
    (adj, max)
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (head, rows)
}

#[test]
fn batch_dimacs_matches_reference_dijkstra() {
    let Some(gr) = common::shared_data("graphs/graph_23rd.gr") else {
        return;
    };
    let (adj, max) = read_gr(&gr);
    let mut rng = common::SplitMix(23);
    let mut pairs: Vec<(u32, u32)> = (0..16)
        .map(|_| (rng.below(max + 1), rng.below(max + 1)))
        .collect();
    // A self pair, and nodes without any arc (isolated ids) or without out-arcs.
    let isolated = (0..=max)
        .find(|n| !adj.contains_key(n) && !adj.values().flatten().any(|(b, _)| b == n))
        .expect("graph_23rd has isolated ids");
    let sink = (0..=max)
        .find(|n| !adj.contains_key(n) && adj.values().flatten().any(|(b, _)| b == n))
        .expect("graph_23rd has sinks");
    pairs.push((pairs[0].0, pairs[0].0));
    pairs.push((isolated, 0));
    pairs.push((0, isolated));
    pairs.push((sink, pairs[1].1));

    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q.csv");
    let mut text = String::from("from,to\n");
    for (a, b) in &pairs {
        text += &format!("{a},{b}\n");
    }
    fs::write(&q, text).unwrap();

    let out = milmob(&[
        "batch".as_ref(),
        "--network".as_ref(),
        gr.as_os_str(),
        "--queries".as_ref(),
        q.as_os_str(),
    ]);
    expect_code(&out, 0);
    let (head, rows) = parse_csv(&stdout(&out));
    assert_eq!(head[..3], ["from", "to", "cost"]);
    assert_eq!(rows.len(), pairs.len());
    let mut reachable = 0;
    for ((a, b), row) in pairs.iter().zip(&rows) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str()),
            (&*a.to_string(), &*b.to_string())
        );
        let want = pathfinding::prelude::dijkstra(
            a,
            |n| adj.get(n).cloned().unwrap_or_default(),
            |n| n == b,
        )
        .map(|(_, c)| c.to_string())
        .unwrap_or_default();
        assert_eq!(row[2], want, "cost {a} -> {b}");
        if a == b {
            assert_eq!(row[2], "0");
        }
        reachable += usize::from(!want.is_empty());
    }
    assert!(reachable >= 5, "too few reachable pairs to mean much");
    assert!(rows.iter().any(|r| r[2].is_empty()), "no unreachable pair");
}

fn europe_batch(queries: &str, extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q.csv");
    fs::write(&q, queries).unwrap();
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "batch".as_ref(),
        "--network".as_ref(),
        "data/europe".as_ref(),
        "--queries".as_ref(),
        q.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let out = milmob(&args);
    expect_code(&out, 0);
    parse_csv(&stdout(&out))
}

const EUROPE_QUERIES: &str = "from,to,depart\n\
    DE-BREMERHAVEN-PORT,LT-RUKLA-SA,2026-03-02T06:00:00+01:00\n\
    DE-BREMERHAVEN-PORT,DE-BREMERHAVEN-PORT,2026-03-02T06:00:00+01:00\n\
    GB-SOUTHAMPTON-PORT,GB-FELIXSTOWE-PORT,2026-03-02T06:00:00+01:00\n\
    GB-SOUTHAMPTON-PORT,LT-RUKLA-SA,2026-12-23T18:00:00+01:00\n\
    LT-RUKLA-SA,DE-BREMERHAVEN-PORT,\n";

#[test]
fn batch_europe_with_depart_column() {
    let (head, rows) = europe_batch(EUROPE_QUERIES, &["--depart", DEPART]);
    assert_eq!(head[..3], ["from", "to", "cost"]);
    assert_eq!(rows.len(), 5);
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (dep, arr) = (col("depart"), col("arrival"));
    for r in &rows {
        let cost: f64 = r[2]
            .parse()
            .unwrap_or_else(|_| panic!("cost not a number for connected hubs: {r:?}"));
        assert!(cost >= 0.0, "{r:?}");
        let d = DateTime::parse_from_rfc3339(&r[dep]).unwrap();
        let a = DateTime::parse_from_rfc3339(&r[arr]).unwrap();
        let minutes = (a - d).num_seconds() as f64 / 60.0;
        assert!(
            (minutes - cost).abs() <= 0.06,
            "cost {cost} min vs {d} -> {a}: {r:?}"
        );
    }
    assert_eq!(rows[1][2].parse::<f64>().unwrap(), 0.0, "self pair");
    assert_eq!(
        DateTime::parse_from_rfc3339(&rows[3][dep]).unwrap(),
        DateTime::parse_from_rfc3339("2026-12-23T18:00:00+01:00").unwrap(),
        "a row's depart overrides --depart"
    );
    assert_eq!(
        DateTime::parse_from_rfc3339(&rows[4][dep]).unwrap(),
        DateTime::parse_from_rfc3339(DEPART).unwrap(),
        "an empty depart falls back to --depart"
    );

    // The batch cost equals the single-route duration.
    let v = ok_json(&[
        "route",
        "--network",
        "data/europe",
        "--from",
        "DE-BREMERHAVEN-PORT",
        "--to",
        "LT-RUKLA-SA",
        "--depart",
        DEPART,
        "--json",
    ]);
    let route_min = v["duration_h"].as_f64().unwrap() * 60.0;
    let batch_min: f64 = rows[0][2].parse().unwrap();
    assert!(
        (route_min - batch_min).abs() <= 0.06,
        "{route_min} vs {batch_min}"
    );
}

#[test]
fn batch_europe_without_depart_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q.csv");
    fs::write(&q, EUROPE_QUERIES).unwrap();
    let out = milmob(&[
        "batch".as_ref(),
        "--network".as_ref(),
        "data/europe".as_ref(),
        "--queries".as_ref(),
        q.as_os_str(),
    ]);
    expect_code(&out, 1);
    assert!(stderr(&out).contains("q.csv"), "{}", stderr(&out));
    assert!(stderr(&out).contains("depart"), "{}", stderr(&out));
}

/// Zero distances and waits print as `0.0`, not `-0.0`.
#[test]

fn no_negative_zero_in_outputs() {
    let (head, rows) = europe_batch(EUROPE_QUERIES, &["--depart", DEPART]);
    for r in &rows {
        for (h, cell) in head.iter().zip(r) {
            assert!(!cell.starts_with("-0"), "{h} = {cell} in {r:?}");
        }
    }
    let v = ok_json(&[
        "route",
        "--network",
        "data/europe",
        "--from",
        "DE-BREMERHAVEN-PORT",
        "--to",
        "DE-BREMERHAVEN-PORT",
        "--depart",
        DEPART,
        "--json",
    ]);
    let d = v["distance_km"].as_f64().unwrap();
    assert!(d == 0.0 && d.is_sign_positive(), "distance_km {d}");
}

// ---------------------------------------------------------------- calendar

#[test]
fn calendar_holidays_json() {
    let v = ok_json(&["calendar", "--country", "DE", "--year", "2025", "--json"]);
    let days = v.as_array().expect("an array");
    let mut dates = Vec::new();
    for d in days {
        let date = d["date"].as_str().unwrap_or_else(|| panic!("{d}"));
        assert!(d["name"].is_string(), "{d}");
        let parsed = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("`{date}` is not YYYY-MM-DD: {e}"));
        assert_eq!(parsed.format("%Y-%m-%d").to_string(), date);
        assert_eq!(parsed.year(), 2025);
        dates.push(date.to_string());
    }
    for want in ["2025-04-18", "2025-12-25", "2025-01-01"] {
        assert!(dates.iter().any(|d| d == want), "{want} missing: {dates:?}");
    }
    let good_friday = days.iter().find(|d| d["date"] == "2025-04-18").unwrap();
    assert!(
        good_friday["name"]
            .as_str()
            .unwrap()
            .contains("Good Friday"),
        "{good_friday}"
    );
    let mut sorted = dates.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, dates, "dates sorted and unique");
}

#[test]
fn calendar_add_working_days_over_easter() {
    let easter_monday_end = DateTime::parse_from_rfc3339("2026-04-07T00:00:00+02:00").unwrap();
    let v = ok_json(&[
        "calendar",
        "--country",
        "PL",
        "--add-working-days",
        "3",
        "--from",
        "2026-04-02T10:00:00+02:00",
        "--json",
    ]);
    let end = instant(&v["end"]);
    assert!(
        end >= easter_monday_end,
        "end {end} is not after Easter Monday"
    );
    assert_eq!(instant(&v["end_local"]), end);
    // Thu 2 → Fri 3, (weekend, Easter Monday 6), Tue 7, Wed 8.
    assert_eq!(
        end,
        DateTime::parse_from_rfc3339("2026-04-08T10:00:00+02:00").unwrap()
    );
    assert_eq!(v["working_days"], 3);
    assert_eq!(v["country"], "PL");

    // The text form names the same instant.
    let out = milmob(&[
        "calendar",
        "--country",
        "PL",
        "--add-working-days",
        "3",
        "--from",
        "2026-04-02T10:00:00+02:00",
    ]);
    expect_code(&out, 0);
    assert!(stdout(&out).contains("2026-04-08"), "{}", stdout(&out));
}

#[test]
fn calendar_errors() {
    for args in [
        &["calendar", "--country", "XX", "--year", "2025"][..],
        &["calendar", "--country", "XX", "--year", "2025", "--json"][..],
        &[
            "calendar",
            "--country",
            "DE",
            "--add-working-days",
            "3",
            "--from",
            "soon",
        ][..],
        &["calendar", "--country", "DE", "--year", "1492"][..],
    ] {
        let out = milmob(args);
        assert_ne!(code(&out), 0, "{args:?} accepted: {}", stdout(&out));
        assert!(!stderr(&out).trim().is_empty(), "{args:?}: no message");
    }
    let out = milmob(&["calendar", "--country", "XX", "--year", "2025"]);
    assert!(stderr(&out).contains("XX"), "{}", stderr(&out));
}

/// `--close`: a hub closed for the whole movement cuts the only corridor
/// (no route, exit 1, the closure named as the cause); closed for an
/// interval, the movement waits until it reopens and the wait is a
/// `wait_closure` step; an unknown id is a clear error.
#[test]
fn route_with_closures() {
    let args = |extra: &[&str]| mini_rail_args(extra, false);
    let open = ok_json(&args(&["--json"]));
    let out = milmob(&args(&["--close", "PL-POZ", "--json"]));
    expect_code(&out, 1);
    let v = json(&out);
    assert_eq!(v["status"], "no_route");
    assert!(v["reason"].as_str().unwrap().contains("closure"), "{v}");
    let v = ok_json(&args(&[
        "--close",
        "PL-POZ@2026-03-02T00:00:00Z/2026-03-06T12:00:00Z",
        "--json",
    ]));
    let waits: Vec<&Value> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "wait_closure")
        .collect();
    assert_eq!(waits.len(), 1, "{v}");
    assert!(instant(&v["arrival"]) > instant(&open["arrival"]));
    // The train reaches Poznań exactly when the hub reopens.
    let at_poz = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["to_hub"] == "PL-POZ")
        .unwrap();
    assert_eq!(
        instant(&at_poz["end"]).to_rfc3339(),
        "2026-03-06T12:00:00+00:00"
    );
    let out = milmob(&args(&["--close", "NOWHERE"]));
    expect_code(&out, 1);
    assert!(stderr(&out).contains("`NOWHERE` is neither a link nor a hub"));
    let out = milmob(&args(&[
        "--close",
        "PL-POZ@2026-03-06T00:00:00Z/2026-03-02T00:00:00Z",
    ]));
    // A malformed flag value is a usage error (issue 12).
    expect_code(&out, 2);
    assert!(stderr(&out).contains("ends before it starts"));
}

#[test]
fn calendar_overlay_file() {
    let example = root().join("data/holidays/example-extra.toml");
    let args = |extra: &[&str]| {
        let mut a = vec!["calendar", "--country", "DE", "--year", "2026", "--json"];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let plain = ok_json(&args(&[]));
    let example_s = example.to_string_lossy().to_string();
    let with = ok_json(&args(&["--holidays", &example_s]));
    let has = |v: &Value, date: &str| v.as_array().unwrap().iter().any(|h| h["date"] == date);
    assert!(!has(&plain, "2026-03-10"));
    assert!(has(&with, "2026-03-10"));
    // Working-day arithmetic skips the overlay day: Monday 9 March + 1.
    let out = milmob(&[
        "calendar",
        "--country",
        "DE",
        "--add-working-days",
        "1",
        "--from",
        "2026-03-09T09:00:00Z",
        "--holidays",
        &example_s,
    ]);
    expect_code(&out, 0);
    assert!(
        stdout(&out).contains("2026-03-11T09:00:00"),
        "{}",
        stdout(&out)
    );
    // A bad entry names the file, line and key.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("extra.toml");
    fs::write(
        &bad,
        "[[day]]\ncountry = \"DE\"\ndate = \"2026-13-01\"\nname = \"x\"\n",
    )
    .unwrap();
    let bad_s = bad.to_string_lossy().to_string();
    let out = milmob(&args(&["--holidays", &bad_s]));
    assert_ne!(code(&out), 0);
    let err = stderr(&out);
    assert!(err.contains(&format!("{bad_s}:3")), "{err}");
    assert!(err.contains("`date`"), "{err}");
    // New calendars: MK has one now; TR refuses years past its lunar table.
    let out = milmob(&["calendar", "--country", "MK", "--year", "2026"]);
    expect_code(&out, 0);
    let out = milmob(&["calendar", "--country", "TR", "--year", "2031"]);
    assert_ne!(code(&out), 0);
    assert!(stderr(&out).contains("2023..=2030"), "{}", stderr(&out));
}

/// `route --holidays`: an extra Polish day off (say, a national day of
/// mourning) pushes the Polish permit, and so the arrival, one working day
/// later; a bad overlay file is a clear error naming the file.
#[test]
fn route_with_calendar_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra.toml");
    fs::write(
        &extra,
        "[[day]]\ncountry = \"PL\"\ndate = \"2026-03-04\"\nname = \"Day of mourning (test)\"\n",
    )
    .unwrap();
    let args = |extra: &[&str]| mini_rail_args(extra, true);
    let plain = ok_json(&args(&[]));
    let extra_s = extra.to_string_lossy().to_string();
    let with = ok_json(&args(&["--holidays", &extra_s]));
    let grant = |v: &Value| {
        let pl = v["permit_plan"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["country"] == "PL")
            .unwrap()
            .clone();
        instant(&pl["grant"])
    };
    assert_eq!(
        (grant(&with) - grant(&plain)).num_hours(),
        24,
        "the PL grant moves one working day"
    );
    assert!(instant(&with["arrival"]) > instant(&plain["arrival"]));
    fs::write(&extra, "[[day]]\ncountry = \"PL\"\n").unwrap();
    let out = milmob(&args(&["--holidays", &extra_s]));
    expect_code(&out, 1);
    assert!(stderr(&out).contains("extra.toml"), "{}", stderr(&out));
}

/// `route` of a tank company by rail across the mini fixture, plus `extra`.
fn mini_rail_args(extra: &[&str], json: bool) -> Vec<String> {
    let mut a: Vec<String> = [
        "route",
        "--network",
        "tests/fixtures/mini",
        "--from",
        "DE-BHV",
        "--to",
        "LT-KAU",
        "--vehicle",
        "leopard_2a6",
        "--count",
        "14",
        "--carriage",
        "rail",
        "--depart",
        DEPART,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if json {
        a.push("--json".into());
    }
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

/// `route --count` no longer pretends a battalion arrives on one train: a
/// group that splits into several movement units is referred to `milmob
/// move`; one unit's worth still routes.
#[test]
fn route_count_of_several_units_points_to_move() {
    let args = |count: &str| {
        vec![
            "route",
            "--network",
            "tests/fixtures/mini",
            "--from",
            "DE-BHV",
            "--to",
            "LT-KAU",
            "--vehicle",
            "leopard_2a6",
            "--count",
            count,
            "--carriage",
            "rail",
            "--depart",
            DEPART,
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>()
    };
    let out = milmob(&args("44"));
    expect_code(&out, 2);
    assert!(stderr(&out).contains("milmob move"), "{}", stderr(&out));
    assert!(stderr(&out).contains("trains"), "{}", stderr(&out));
    let out = milmob(&args("14"));
    expect_code(&out, 0);
}
