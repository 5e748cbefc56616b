//! Bad input, one row per class of issue 12 (and per bad-input kind of the
//! earlier validation list): each row runs `milmob`, asserts the exit code
//! (0 ok, 1 data, 2 usage; never 101 — a panic), and that the message names
//! what it must (file, line, field, id, flag, hint).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DEPART: &str = "2026-03-02T06:00:00+01:00";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn mini_file(name: &str) -> String {
    fs::read_to_string(root().join("tests/fixtures/mini").join(name)).unwrap()
}

/// A row's files, written to a fresh temp folder; `{dir}` in arguments is
/// replaced by that folder.
type Files = Vec<(&'static str, Vec<u8>)>;

/// The mini network (as `net/`), with `file` edited by `edit`.
fn mini_with(file: &str, edit: impl Fn(String) -> String) -> Files {
    ["network.toml", "hubs.csv", "links.csv"]
        .into_iter()
        .map(|f| {
            let t = mini_file(f);
            let t = if f == file { edit(t) } else { t };
            let name: &'static str = match f {
                "network.toml" => "net/network.toml",
                "hubs.csv" => "net/hubs.csv",
                _ => "net/links.csv",
            };
            (name, t.into_bytes())
        })
        .collect()
}

fn replace(from: &'static str, to: &'static str) -> impl Fn(String) -> String {
    move |t: String| {
        assert!(t.contains(from), "fixture lacks `{from}`");
        t.replacen(from, to, 1)
    }
}

/// One row of the table.
struct Case {
    name: &'static str,
    files: Files,
    args: Vec<&'static str>,
    code: i32,
    /// Every needle must appear in stdout + stderr.
    needles: Vec<&'static str>,
}

fn case(
    name: &'static str,
    files: Files,
    args: &[&'static str],
    code: i32,
    needles: &[&'static str],
) -> Case {
    Case {
        name,
        files,
        args: args.to_vec(),
        code,
        needles: needles.to_vec(),
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("{dir}", &dir.display().to_string()))
        .collect();
    Command::new(env!("CARGO_BIN_EXE_milmob"))
        .args(&args)
        .current_dir(root())
        .output()
        .expect("cannot run milmob")
}

fn check(c: &Case) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in &c.files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    let out = run_in(dir.path(), &c.args);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let code = out.status.code().expect("killed by a signal");
    assert_ne!(code, 101, "{}: panicked\n{text}", c.name);
    assert!(!text.contains("panicked"), "{}: panicked\n{text}", c.name);
    assert_eq!(code, c.code, "{}: exit code\n{text}", c.name);
    for n in &c.needles {
        let n = n.replace("{dir}", &dir.path().display().to_string());
        assert!(
            text.contains(&n),
            "{}: message lacks `{n}`:\n{text}",
            c.name
        );
    }
}

fn net() -> &'static str {
    "{dir}/net"
}

fn route(extra: &[&'static str]) -> Vec<&'static str> {
    let mut v = vec![
        "route",
        "--network",
        "{dir}/net",
        "--from",
        "DE-BHV",
        "--to",
        "PL-WAW",
    ];
    v.extend_from_slice(extra);
    v
}

fn gr(text: &str) -> Files {
    vec![("g.gr", text.as_bytes().to_vec())]
}

fn line_of(file: &str, needle: &str) -> usize {
    mini_file(file)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

// ------------------------------------------------------------ the table

#[test]
fn silent_acceptance_is_refused() {
    let speed_line = line_of("links.csv", "R-BHV-HAN,");
    assert_eq!(speed_line, 3);
    let rows = vec![
        case(
            "speed 1e-300 km/h",
            mini_with(
                "links.csv",
                replace(
                    "R-BHV-HAN,DE-BHV,DE-HAN,road,192.7,,",
                    "R-BHV-HAN,DE-BHV,DE-HAN,road,192.7,1e-300,",
                ),
            ),
            &["validate", net()],
            1,
            &[
                "links.csv:3",
                "R-BHV-HAN",
                "speed_kmh",
                "1e-300",
                "between 1 and 1000 km/h",
            ],
        ),
        case(
            "--framework WARSAW-PACT",
            mini_with("hubs.csv", |t| t),
            &route(&["--depart", DEPART, "--framework", "WARSAW-PACT"]),
            2,
            &["WARSAW-PACT", "NATO", "EU-CSDP"],
        ),
        case(
            "departure in 1800",
            mini_with("hubs.csv", |t| t),
            &route(&["--depart", "1800-03-02T06:00:00Z"]),
            2,
            &["--depart", "1900..2100"],
        ),
        case(
            "departure in 9999",
            mini_with("hubs.csv", |t| t),
            &route(&["--depart", "9999-03-02T06:00:00Z"]),
            2,
            &["--depart", "1900..2100"],
        ),
        case(
            "departure in year 0",
            mini_with("hubs.csv", |t| t),
            &route(&["--depart", "0000-03-02T06:00:00Z"]),
            2,
            &["--depart"],
        ),
        case(
            "request in 1800",
            mini_with("hubs.csv", |t| t),
            &route(&["--depart", DEPART, "--request", "1800-01-01T00:00:00Z"]),
            2,
            &["--request", "1900..2100"],
        ),
        case(
            "MLC on a rail link warns",
            mini_with(
                "links.csv",
                replace(
                    "T-BHV-HAN,DE-BHV,DE-HAN,rail,200.4,,",
                    "T-BHV-HAN,DE-BHV,DE-HAN,rail,200.4,,40",
                ),
            ),
            &["validate", net()],
            0,
            &[
                "warning",
                "links.csv:13",
                "T-BHV-HAN",
                "mlc_tracked",
                "road bridges only",
            ],
        ),
        case(
            "geometry hundreds of km from its hubs",
            mini_with("links.csv", |t| {
                t.replace(
                    ",capacity,dual_use,corridors,name,source",
                    ",capacity,dual_use,corridors,name,source,geometry",
                )
                .lines()
                .map(|l| {
                    if l.starts_with('#') || l.starts_with("id,") {
                        l.to_string()
                    } else if l.starts_with("R-BHV-HAN,") {
                        format!("{l},2.35 48.85;2.4 48.9")
                    } else {
                        format!("{l},")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
            }),
            &["validate", net()],
            1,
            &["links.csv:3", "R-BHV-HAN", "geometry", "km from its hubs"],
        ),
    ];
    for r in &rows {
        check(r);
    }
}

#[test]
fn dimacs_memory_and_conventions() {
    let rows = vec![
        case(
            "id 67108863 in a 15-byte file",
            gr("a 0 67108863 5\n"),
            &[
                "route",
                "--network",
                "{dir}/g.gr",
                "--from",
                "0",
                "--to",
                "67108863",
            ],
            0,
            &["cost 5"],
        ),
        case(
            "p line declaring 67108864 nodes",
            gr("p sp 67108864 1\na 1 67108864 5\n"),
            &[
                "route",
                "--network",
                "{dir}/g.gr",
                "--from",
                "1",
                "--to",
                "67108864",
            ],
            0,
            &["cost 5"],
        ),
        case(
            "9th DIMACS challenge, 1-based",
            gr("c 9th\np sp 3 2\na 1 2 5\na 2 3 7\n"),
            &[
                "route",
                "--network",
                "{dir}/g.gr",
                "--from",
                "1",
                "--to",
                "3",
                "--json",
            ],
            0,
            &["\"cost\": 12", "\"3\""],
        ),
        case(
            "9th DIMACS: node 0 is not a node",
            gr("p sp 3 2\na 1 2 5\na 2 3 7\n"),
            &[
                "route",
                "--network",
                "{dir}/g.gr",
                "--from",
                "0",
                "--to",
                "3",
            ],
            1,
            &["--from 0", "1-based"],
        ),
        case(
            "--ids 0 overrides the p line",
            gr("p sp 3 1\na 0 2 5\n"),
            &[
                "route",
                "--network",
                "{dir}/g.gr",
                "--from",
                "0",
                "--to",
                "2",
                "--ids",
                "0",
            ],
            0,
            &["cost 5"],
        ),
        case(
            "--ids 7",
            gr("a 0 1 5\n"),
            &[
                "route",
                "--network",
                "{dir}/g.gr",
                "--from",
                "0",
                "--to",
                "1",
                "--ids",
                "7",
            ],
            2,
            &["--ids"],
        ),
        case(
            "trailing junk on an arc line",
            gr("a 0 1 5\na 1 2 7 oops\n"),
            &[
                "route",
                "--network",
                "{dir}/g.gr",
                "--from",
                "0",
                "--to",
                "2",
            ],
            1,
            &["g.gr:2", "trailing"],
        ),
        case(
            "p line with the wrong arc count",
            gr("p sp 3 5\na 1 2 5\n"),
            &[
                "route",
                "--network",
                "{dir}/g.gr",
                "--from",
                "1",
                "--to",
                "2",
            ],
            1,
            &["g.gr:1", "declares 5 arcs"],
        ),
    ];
    for r in &rows {
        check(r);
    }
    // Meaningless options on a DIMACS graph.
    for flag in [
        &["--geojson"][..],
        &["--vehicle", "leopard_2a6"],
        &["--depart", DEPART],
        &["--alternatives", "2"],
        &["--close", "0"],
        &["--regime", "status-quo"],
        &["--max-driving-hours", "9"],
    ] {
        let mut args = vec![
            "route",
            "--network",
            "{dir}/g.gr",
            "--from",
            "0",
            "--to",
            "1",
        ];
        args.extend_from_slice(flag);
        check(&case(
            "meaningless on DIMACS",
            gr("a 0 1 5\n"),
            &args,
            2,
            &[flag[0], "DIMACS"],
        ));
    }
    // --ids on a corridor network.
    check(&case(
        "--ids on a corridor network",
        mini_with("hubs.csv", |t| t),
        &route(&["--depart", DEPART, "--ids", "1"]),
        2,
        &["--ids"],
    ));
}

/// Memory stays small for huge ids: run under a 1 GB address-space limit.
#[test]
#[cfg(target_os = "linux")]
fn dimacs_huge_ids_fit_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("m.gr"), "a 0 67108863 5\n").unwrap();
    fs::write(dir.path().join("p.gr"), "p sp 67108864 1\na 1 16777215 5\n").unwrap();
    for (f, from, to) in [("m.gr", "0", "67108863"), ("p.gr", "1", "16777215")] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v 1000000; exec '{}' route --network '{}' --from {from} --to {to}",
                env!("CARGO_BIN_EXE_milmob"),
                dir.path().join(f).display()
            ))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn data_loss_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let gj = dir.path().join("t.geojson");
    let out = run_in(
        dir.path(),
        &[
            "export",
            "geojson",
            "tests/fixtures/mini",
            "-o",
            gj.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let target = dir.path().join("other");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("hubs.csv"), "precious").unwrap();
    fs::write(target.join("README.md"), "mine").unwrap();
    let args = [
        "import",
        "geojson",
        gj.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ];
    let out = run_in(dir.path(), &args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("not empty") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(target.join("hubs.csv")).unwrap(),
        "precious"
    );
    // With --force: replaced, the other file left and named.
    let mut forced = args.to_vec();
    forced.push("--force");
    let out = run_in(dir.path(), &forced);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("README.md"), "{err}");
    assert_ne!(
        fs::read_to_string(target.join("hubs.csv")).unwrap(),
        "precious"
    );
    // No temporary files left behind by the atomic writes.
    let names: Vec<String> = fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    // A new folder is fine.
    let fresh = dir.path().join("fresh");
    let out = run_in(
        dir.path(),
        &[
            "import",
            "geojson",
            gj.to_str().unwrap(),
            "-o",
            fresh.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn locations_are_right() {
    let crlf = |t: String| t.replace('\n', "\r\n");
    let rows = vec![
        case(
            "CRLF links.csv",
            mini_with("links.csv", |t| crlf(replace("R-POZ-WAW,PL-POZ,PL-WAW,", "R-POZ-WAW,PL-POZ,PL-NOWHERE,")(t))),
            &["validate", net()],
            1,
            &["links.csv:8", "R-POZ-WAW", "PL-NOWHERE"],
        ),
        case(
            "bad header after a comment line",
            mini_with("links.csv", replace("id,from,to,mode,length_km,speed_kmh", "id,from,to,mode,length_km,sped_kmh")),
            &["validate", net()],
            1,
            &["links.csv:2", "sped_kmh", "unknown column"],
        ),
        case(
            "CRLF batch file",
            {
                let mut f = mini_with("hubs.csv", |t| t);
                f.push(("q.csv", b"# q\r\nfrom,to,depart\r\nDE-BHV,PL-WAW,2026-03-02T06:00:00Z\r\nDE-BHV,XX-NOPE,2026-03-02T06:00:00Z\r\n".to_vec()));
                f
            },
            &["batch", "--network", "{dir}/net", "--queries", "{dir}/q.csv"],
            1,
            &["q.csv:4", "XX-NOPE", "unknown hub"],
        ),
        case(
            "GeoJSON errors name the feature",
            vec![("t.geojson", br#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[8.5,53.5]},"properties":{"feature":"hub","id":"A","name":{"nested":{"object":1}},"country":"DE","kinds":["junction"]}}]}"#.to_vec())],
            &["validate", "{dir}/t.geojson"],
            1,
            &["t.geojson: feature 1", "`A`", "name", "nested"],
        ),
    ];
    for r in &rows {
        check(r);
    }
}

#[test]
fn argument_values_are_usage_errors() {
    let mini = || mini_with("hubs.csv", |t| t);
    let rows: Vec<(&[&'static str], &'static str)> = vec![
        (
            &[
                "--depart",
                DEPART,
                "--vehicle",
                "leopard_2a6",
                "--count",
                "0",
            ],
            "--count",
        ),
        (&["--depart", "2026-03-02T06:00:00"], "--depart"),
        (
            &["--depart", DEPART, "--road-window", "25:00-26:00"],
            "--road-window",
        ),
        (
            &["--depart", DEPART, "--max-driving-hours", "-1"],
            "--max-driving-hours",
        ),
        (
            &["--depart", DEPART, "--max-driving-hours", "25"],
            "between 0 and 24",
        ),
        (&["--depart", DEPART, "--rest-hours", "100"], "--rest-hours"),
        (
            &["--depart", DEPART, "--tolerance-min", "-5"],
            "--tolerance-min",
        ),
        (
            &["--depart", DEPART, "--tolerance-share", "2"],
            "--tolerance-share",
        ),
        (
            &["--depart", DEPART, "--alternatives", "1000"],
            "--alternatives",
        ),
        (
            &[
                "--depart",
                DEPART,
                "--along",
                "fuel_point",
                "--along-km",
                "0",
            ],
            "greater than 0",
        ),
        (&["--depart", DEPART, "--along", "teapot"], "--along"),
        (
            &[
                "--depart",
                DEPART,
                "--carriage",
                "teleport",
                "--vehicle",
                "leopard_2a6",
            ],
            "teleport",
        ),
        (
            &["--depart", DEPART, "--cargo-class", "cheese"],
            "--cargo-class",
        ),
        (
            &["--depart", DEPART, "--regime", "./nope.toml"],
            "file not found",
        ),
        (&["--depart", DEPART, "--regime", "nope"], "built in"),
        (
            &[
                "--depart",
                DEPART,
                "--close",
                "X@2026-03-04T00:00:00Z/2026-03-03T00:00:00Z",
            ],
            "ends before it starts",
        ),
        (&["--depart", DEPART, "--close", "X@soon"], "FROM/UNTIL"),
        (
            &["--depart", DEPART, "--holidays", "/no/such.toml"],
            "does not exist",
        ),
        (&["--depart", DEPART, "--count", "3"], "need --vehicle"),
        (&[], "--depart is required"),
    ];
    for (extra, needle) in rows {
        check(&case("route argument", mini(), &route(extra), 2, &[needle]));
    }
    let other: Vec<(Vec<&'static str>, &'static str)> = vec![
        (
            vec![
                "nearest",
                "--network",
                "{dir}/net",
                "--lat",
                "91",
                "--lon",
                "0",
            ],
            "--lat",
        ),
        (
            vec![
                "nearest",
                "--network",
                "{dir}/net",
                "--lat",
                "50",
                "--lon",
                "181",
            ],
            "--lon",
        ),
        (
            vec![
                "nearest",
                "--network",
                "{dir}/net",
                "--lat",
                "50",
                "--lon",
                "10",
                "--within-km",
                "-1",
            ],
            "--within-km",
        ),
        (
            vec![
                "nearest",
                "--network",
                "{dir}/net",
                "--lat",
                "50",
                "--lon",
                "10",
                "--within-km",
                "5",
                "--max-km",
                "9",
            ],
            "cannot be used with",
        ),
        (
            vec![
                "nearest",
                "--network",
                "{dir}/net",
                "--lat",
                "50",
                "--lon",
                "10",
                "--kind",
                "teapot",
            ],
            "--kind",
        ),
        (vec!["calendar", "--country", "DE", "--year", "0"], "--year"),
        (
            vec!["calendar", "--country", "DE", "--year", "2101"],
            "1900 and 2100",
        ),
        (vec!["calendar", "--country", "XX", "--year", "2026"], "XX"),
        (
            vec![
                "calendar",
                "--country",
                "DE",
                "--add-working-days",
                "3",
                "--from",
                "2026-03-02",
            ],
            "--from",
        ),
        (
            vec![
                "calendar",
                "--country",
                "DE",
                "--add-working-days",
                "3",
                "--from",
                DEPART,
                "--office-hours",
                "25:00-26:00",
            ],
            "--office-hours",
        ),
        (
            vec![
                "batch",
                "--network",
                "{dir}/net",
                "--queries",
                "{dir}/none.csv",
            ],
            "does not exist",
        ),
        (
            vec![
                "batch",
                "--network",
                "{dir}/net",
                "--queries",
                "{dir}/net/hubs.csv",
                "--depart",
                "later",
            ],
            "--depart",
        ),
    ];
    for (args, needle) in other {
        check(&case("other argument", mini(), &args, 2, &[needle]));
    }
}

#[test]
fn unclear_errors_are_clear() {
    let many_dups: String = {
        let mut t = mini_file("links.csv");
        let row = t
            .lines()
            .find(|l| l.starts_with("R-BHV-HAN,"))
            .unwrap()
            .to_string();
        for _ in 0..120 {
            t.push_str(&row);
            t.push('\n');
        }
        t
    };
    let rows = vec![
        case(
            "links.csv without a header row",
            mini_with("links.csv", |t| {
                t.lines()
                    .filter(|l| !l.starts_with("id,"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            &["validate", net()],
            1,
            &["links.csv:2", "not a header", "1 error(s)"],
        ),
        case(
            "semicolon-separated",
            mini_with("links.csv", |t| t.replace(',', ";")),
            &["validate", net()],
            1,
            &["links.csv:2", "`;`", "comma-separated"],
        ),
        case(
            "unbalanced quote",
            mini_with(
                "links.csv",
                replace(
                    "R-HAN-BER,DE-HAN,DE-BER,road,299.3,,,,,,,,8,true,NSB,A2,",
                    "R-HAN-BER,DE-HAN,DE-BER,road,299.3,,,,,,,,8,true,NSB,\"A2,",
                ),
            ),
            &["validate", net()],
            1,
            &["links.csv:4", "unbalanced quote"],
        ),
        case(
            "printed errors are capped",
            mini_with("links.csv", move |_| many_dups.clone()),
            &["validate", net()],
            1,
            &["… and 70 more error(s)", "120 error(s)"],
        ),
        case(
            "300-digit numbers are shortened",
            mini_with(
                "links.csv",
                replace(
                    "R-BHV-HAN,DE-BHV,DE-HAN,road,192.7,",
                    "R-BHV-HAN,DE-BHV,DE-HAN,road,1e300,",
                ),
            ),
            &["validate", net()],
            1,
            &["links.csv:3", "1e300", "length_km"],
        ),
        case(
            "validate a path that does not exist",
            vec![],
            &["validate", "{dir}/nonexistent"],
            1,
            &["{dir}/nonexistent", "does not exist"],
        ),
    ];
    for r in &rows {
        check(r);
    }
}

/// The earlier validation list: every kind of bad input names its place.
#[test]
fn earlier_validation_kinds() {
    let rows = vec![
        case(
            "unknown end hub",
            mini_with(
                "links.csv",
                replace("R-POZ-WAW,PL-POZ,PL-WAW,", "R-POZ-WAW,PL-POZ,PL-NOWHERE,"),
            ),
            &["validate", net()],
            1,
            &["links.csv:8", "R-POZ-WAW", "to", "PL-NOWHERE"],
        ),
        case(
            "duplicate hub id",
            mini_with("hubs.csv", replace("DE-HAN,Hannover", "DE-BHV,Hannover")),
            &["validate", net()],
            1,
            &["hubs.csv:4", "DE-BHV", "duplicate"],
        ),
        case(
            "unknown mode",
            mini_with(
                "links.csv",
                replace(
                    "R-BHV-HAN,DE-BHV,DE-HAN,road",
                    "R-BHV-HAN,DE-BHV,DE-HAN,hovercraft",
                ),
            ),
            &["validate", net()],
            1,
            &["links.csv:3", "R-BHV-HAN", "mode"],
        ),
        case(
            "latitude out of range",
            mini_with(
                "hubs.csv",
                replace("DE-HAN,Hannover,DE,52.375", "DE-HAN,Hannover,DE,152.375"),
            ),
            &["validate", net()],
            1,
            &["hubs.csv:4", "DE-HAN", "lat"],
        ),
        case(
            "unknown country",
            mini_with(
                "hubs.csv",
                replace("DE-HAN,Hannover,DE,", "DE-HAN,Hannover,QQ,"),
            ),
            &["validate", net()],
            1,
            &["hubs.csv:4", "DE-HAN", "country"],
        ),
        case(
            "MLC out of range",
            mini_with(
                "links.csv",
                replace(
                    "R-FFO-POZ,DE-FFO,PL-POZ,road,189.7,,60",
                    "R-FFO-POZ,DE-FFO,PL-POZ,road,189.7,,600",
                ),
            ),
            &["validate", net()],
            1,
            &["links.csv:6", "R-FFO-POZ", "mlc_tracked"],
        ),
        case(
            "malformed number",
            mini_with(
                "links.csv",
                replace(
                    "R-BHV-HAN,DE-BHV,DE-HAN,road,192.7",
                    "R-BHV-HAN,DE-BHV,DE-HAN,road,19,2.7",
                ),
            ),
            &["validate", net()],
            1,
            &["links.csv:3"],
        ),
        case(
            "manifest typo",
            mini_with("network.toml", replace("licence =", "licnce =")),
            &["validate", net()],
            1,
            &["network.toml:", "licnce"],
        ),
        case(
            "empty hubs.csv",
            mini_with("hubs.csv", |_| String::new()),
            &["validate", net()],
            1,
            &["hubs.csv", "empty"],
        ),
        case(
            "non-UTF-8 links.csv",
            {
                let mut f = mini_with("hubs.csv", |t| t);
                f[2].1[200] = 0xff;
                f
            },
            &["validate", net()],
            1,
            &["links.csv", "UTF-8"],
        ),
        case(
            "bad regime file",
            {
                let mut f = mini_with("hubs.csv", |t| t);
                f.push(("r.toml", b"name = \"x\"\nbogus = 1\n".to_vec()));
                f
            },
            &route(&["--depart", DEPART, "--regime", "{dir}/r.toml"]),
            1,
            &["r.toml", "bogus"],
        ),
        case(
            "bad vehicles file",
            {
                let mut f = mini_with("hubs.csv", |t| t);
                f.push(("v.toml", b"[[vehicle]]\nid = 3\n".to_vec()));
                f
            },
            &route(&[
                "--depart",
                DEPART,
                "--vehicle",
                "x",
                "--vehicles",
                "{dir}/v.toml",
            ]),
            1,
            &["v.toml"],
        ),
        case(
            "bad overlay file",
            {
                let mut f = mini_with("hubs.csv", |t| t);
                f.push(("o.toml", b"[[day]]\ncountry = \"DE\"\n".to_vec()));
                f
            },
            &route(&["--depart", DEPART, "--holidays", "{dir}/o.toml"]),
            1,
            &["o.toml"],
        ),
        case(
            "batch without a header",
            {
                let mut f = mini_with("hubs.csv", |t| t);
                f.push(("q.csv", b"DE-BHV,PL-WAW\n".to_vec()));
                f
            },
            &[
                "batch",
                "--network",
                "{dir}/net",
                "--queries",
                "{dir}/q.csv",
                "--depart",
                DEPART,
            ],
            1,
            &["q.csv:1", "not a header"],
        ),
        case(
            "batch depart in 1800",
            {
                let mut f = mini_with("hubs.csv", |t| t);
                f.push((
                    "q.csv",
                    b"from,to,depart\nDE-BHV,PL-WAW,1800-01-01T00:00:00Z\n".to_vec(),
                ));
                f
            },
            &[
                "batch",
                "--network",
                "{dir}/net",
                "--queries",
                "{dir}/q.csv",
            ],
            1,
            &["q.csv:2", "depart", "1900..2100"],
        ),
    ];
    for r in &rows {
        check(r);
    }
}

// ------------------------------------------------------------ output streams

fn output_cases() -> Vec<Vec<&'static str>> {
    vec![
        vec!["validate", "data/europe"],
        vec!["validate", "data/europe", "--json"],
        vec![
            "route",
            "--network",
            "data/europe",
            "--from",
            "DE-BREMERHAVEN-PORT",
            "--to",
            "LT-RUKLA-SA",
            "--depart",
            DEPART,
        ],
        vec![
            "nearest",
            "--network",
            "data/europe",
            "--lat",
            "52.5",
            "--lon",
            "13.4",
            "--within-km",
            "300",
        ],
        vec!["calendar", "--country", "DE", "--year", "2026"],
        vec!["--help"],
        vec!["route", "--help"],
        vec!["--version"],
    ]
}

/// A closed pipe (`| head -1`, `| true`) ends quietly with exit 0.
#[test]
fn closed_pipe_is_a_quiet_end() {
    for args in output_cases() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_milmob"))
            .args(&args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away at once
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}

/// stdout on a full disk is a clear error with exit 1.
#[test]
fn full_disk_is_an_error() {
    let full = PathBuf::from("/dev/full");
    if !full.exists() {
        return;
    }
    for args in output_cases() {
        let out = Command::new(env!("CARGO_BIN_EXE_milmob"))
            .args(&args)
            .current_dir(root())
            .stdout(fs::OpenOptions::new().write(true).open(&full).unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.contains("No space left") || err.contains("cannot write"),
            "{args:?}: {err}"
        );
    }
}

/// Exporting to a device or through a symlink writes in place and never
/// replaces the special file (atomic replacement is for regular files).
#[test]
#[cfg(unix)]
fn export_through_a_symlink_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.geojson");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.geojson");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "export",
            "geojson",
            "tests/fixtures/mini",
            "-o",
            link.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&real)
        .unwrap()
        .contains("FeatureCollection"));
}

/// A huge file of duplicate rows: errors are kept up to a cap and counted,
/// so memory stays bounded and the output readable.
#[test]
fn error_flood_is_capped() {
    let mut t = mini_file("links.csv");
    let row = t
        .lines()
        .find(|l| l.starts_with("R-BHV-HAN,"))
        .unwrap()
        .to_string();
    for _ in 0..12_000 {
        t.push_str(&row);
        t.push('\n');
    }
    let files = mini_with("links.csv", move |_| t.clone());
    check(&case(
        "12,000 duplicate rows",
        files,
        &["validate", net()],
        1,
        &["more error(s) (not printed", "10001 error(s)"],
    ));
    let dir = tempfile::tempdir().unwrap();
    let mut t = mini_file("links.csv");
    for _ in 0..12_000 {
        t.push_str(&row);
        t.push('\n');
    }
    for f in ["network.toml", "hubs.csv"] {
        fs::write(dir.path().join(f), mini_file(f)).unwrap();
    }
    fs::write(dir.path().join("links.csv"), t).unwrap();
    let loaded = milmob::io::read_network_dir(dir.path());
    assert!(loaded.diagnostics.len() <= milmob::io::MAX_DIAGNOSTICS + 1);
    assert!(loaded
        .diagnostics
        .last()
        .unwrap()
        .problem
        .contains("not listed"));
}
