//! The scenario report: every output of `milmob scenario run` parses (SVG
//! as XML and rendered to pixels, GeoJSON, JSON into the library's types,
//! CSV, HTML well-formed and self-contained), `report.md` of every bundled
//! scenario matches its golden file, and bad scenario files are reported
//! with file, line, key and what was expected.
//!
//! After an intended change of results, regenerate the goldens with
//! `MILMOB_BLESS=1 cargo test --test scenario_report` and review the diff
//! of `tests/golden/report_*.md`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use milmob::force::VehicleCatalogue;
use milmob::movement::MovementPlan;
use milmob::network::Mode;
use milmob::permits::Calendars;
use milmob::report::svg::mode_rgb;
use milmob::report::{
    report_markdown, write_report, MapMarker, ReportSection, ScenarioRun, Table, WhatIf,
    REPORT_FILES, WHAT_IF_LAYER,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(path: &Path) -> Result<ScenarioRun, milmob::Error> {
    ScenarioRun::run(
        path,
        VehicleCatalogue::builtin(),
        &|| Ok(Calendars::new()),
        &mut |_| {},
    )
}

/// The brigade scenario, planned once for all tests here.
fn brigade() -> &'static ScenarioRun {
    static RUN: OnceLock<ScenarioRun> = OnceLock::new();
    RUN.get_or_init(|| run(&root().join("data/scenarios/brigade-lithuania.toml")).unwrap())
}

/// Renders an SVG to pixels (fonts from the system, if any).
fn render(svg: &str) -> resvg::tiny_skia::Pixmap {
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    opt.fontdb_mut().set_sans_serif_family("DejaVu Sans");
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("SVG parses for usvg");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    if let Ok(dir) = std::env::var("MILMOB_REPORT_PNG") {
        let name = format!("{}.png", svg.len());
        let _ = pixmap.save_png(Path::new(&dir).join(name));
    }
    pixmap
}

/// Pixels within `tol` of `rgb` in each channel.
fn count_colour(p: &resvg::tiny_skia::Pixmap, rgb: [u8; 3], tol: i32) -> usize {
    p.pixels()
        .iter()
        .filter(|px| {
            let c = px.demultiply();
            (c.red() as i32 - rgb[0] as i32).abs() <= tol
                && (c.green() as i32 - rgb[1] as i32).abs() <= tol
                && (c.blue() as i32 - rgb[2] as i32).abs() <= tol
                && c.alpha() > 200
        })
        .count()
}

fn distinct_colours(p: &resvg::tiny_skia::Pixmap) -> usize {
    let mut set = std::collections::BTreeSet::new();
    for px in p.pixels() {
        let c = px.demultiply();
        set.insert((c.red() / 16, c.green() / 16, c.blue() / 16));
    }
    set.len()
}

/// No attribute or style in `doc` fetches anything from outside the file.
fn assert_self_contained(doc: &roxmltree::Document<'_>, text: &str) {
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        assert!(
            !matches!(
                tag,
                "script" | "link" | "img" | "iframe" | "object" | "embed" | "image"
            ),
            "<{tag}> in a self-contained file"
        );
        for a in n.attributes() {
            let v = a.value().trim();
            if matches!(a.name(), "href" | "src") {
                assert!(
                    v.starts_with('#'),
                    "{}=\"{v}\" points outside the file",
                    a.name()
                );
            }
            if v.contains("url(") {
                assert!(v.contains("url(#"), "{}=\"{v}\"", a.name());
            }
        }
    }
    assert!(!text.contains("@import") && !text.contains("@font-face"));
    // The only URL anywhere is the SVG namespace name (never fetched).
    let urls = text.matches("http").count();
    let ns = text.matches("http://www.w3.org/2000/svg").count();
    assert_eq!(urls, ns, "an external URL in the file");
}

#[test]
fn every_output_parses_and_shows_the_plan() {
    let run = brigade();
    let dir = tempfile::tempdir().unwrap();
    let mut input = run.report_input();
    // An optional section and a marker layer, as later analyses add them.
    let mut table = Table::new(&["link", "impact (h):"]);
    table.row(vec!["PL-LT-RAIL".into(), "12.0".into()]);
    input.sections.push(ReportSection {
        title: "Top bottlenecks".into(),
        text: "test section".into(),
        table,
        summary: true,
    });
    input.markers.push(MapMarker {
        layer: "bottlenecks".into(),
        label: "Šeštokai".into(),
        lon: 23.45,
        lat: 54.36,
        size: 1.0,
        detail: "gauge change".into(),
    });
    let written = write_report(&input, dir.path()).unwrap();
    for f in REPORT_FILES.iter().chain(&["bottlenecks.geojson"]) {
        assert!(written.contains(&dir.path().join(f)), "{f} not written");
    }
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();

    // plan.json: back into the library's type, equal to the plan.
    let plan: MovementPlan = serde_json::from_str(&read("plan.json")).unwrap();
    assert_eq!(&plan, &run.plan);

    // timeline.csv: one row per step of every unit, instants parse.
    let timeline = read("timeline.csv");
    let mut rdr = csv::Reader::from_reader(timeline.as_bytes());
    let header = rdr.headers().unwrap().clone();
    assert_eq!(&header[0], "unit");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let steps: usize = run.plan.units.iter().map(|u| u.steps.len()).sum();
    assert_eq!(rows.len(), steps);
    for r in &rows {
        chrono::DateTime::parse_from_rfc3339(&r[3]).unwrap();
    }

    // routes.geojson: links as LineStrings with mode and vehicles; hubs.
    let gj: geojson::GeoJson = read("routes.geojson").parse().unwrap();
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        panic!("not a FeatureCollection")
    };
    let modes: std::collections::BTreeSet<String> = fc
        .features
        .iter()
        .filter_map(|f| {
            f.property("mode")
                .and_then(|m| m.as_str())
                .map(String::from)
        })
        .collect();
    assert!(
        modes.contains("rail") && modes.contains("road"),
        "{modes:?}"
    );
    assert!(fc
        .features
        .iter()
        .any(|f| f.property("role").and_then(|r| r.as_str()) == Some("destination")));
    let gj: geojson::GeoJson = read("bottlenecks.geojson").parse().unwrap();
    assert!(matches!(gj, geojson::GeoJson::FeatureCollection(ref c) if c.features.len() == 1));

    // map.svg: XML, self-contained, drawn, with both modes' colours.
    let map = read("map.svg");
    let doc = roxmltree::Document::parse(&map).unwrap();
    assert_self_contained(&doc, &map);
    assert!(map.contains("Natural Earth") && map.contains("km</text>"));
    assert!(map.contains(">Rukla") || map.contains("Rūdninkai") || map.contains("Rukla"));
    let px = render(&map);
    assert!(distinct_colours(&px) > 10, "the map is blank");
    for m in [Mode::Rail, Mode::Road] {
        assert!(
            count_colour(&px, mode_rgb(m), 40) > 200,
            "{m:?} routes not drawn"
        );
    }

    // closure.svg: XML, drawn, one line per regime compared.
    let chart = read("closure.svg");
    let doc = roxmltree::Document::parse(&chart).unwrap();
    assert_self_contained(&doc, &chart);
    for c in &run.compared {
        assert!(
            chart.contains(&format!("<title>{} — 100 % arrive</title>", c.regime)),
            "{}",
            c.regime
        );
    }
    assert!(chart.contains("lower bound"));
    let px = render(&chart);
    assert!(
        count_colour(&px, [0x00, 0x72, 0xb2], 30) > 100,
        "no first line"
    );

    // report.html: well-formed, self-contained, summary before the figures.
    let html = read("report.html");
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_self_contained(&doc, &html);
    let pos = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(pos("<h2>Closure</h2>") < pos("<h2>Time by cause</h2>"));
    assert!(pos("<h2>Permit plan per country</h2>") < pos("<h2>Permit regimes compared</h2>"));
    assert!(pos("<h2>Top bottlenecks</h2>") < pos("<h2>Map</h2>"));
    assert!(pos("<h2>Permit regimes compared</h2>") < pos("<h2>Map</h2>"));
    assert!(pos("<h2>Map</h2>") < pos("<h2>Closure profile</h2>"));
    assert!(pos("<h2>Closure profile</h2>") < pos("<h2>Units</h2>"));

    // report.md: the same summary.
    let md = read("report.md");
    assert!(md.contains("## Top bottlenecks") && md.contains("## Permit plan per country"));
}

#[test]
fn the_report_reads_as_a_planner_would_expect() {
    let run = brigade();
    let p = &run.plan;
    // The brigade (about 2,000 vehicles, 1,500-1,900 km) closes in days
    // under the 2024 pledge and in weeks under the status quo (~45 days'
    // notice, requested a week ahead).
    let h = |t: chrono::DateTime<chrono::Utc>| (t - p.epoch).num_hours();
    assert!(
        (72..=336).contains(&h(p.closure_time)),
        "{}",
        h(p.closure_time)
    );
    let sq = run
        .compared
        .iter()
        .find(|c| c.regime == "status-quo")
        .unwrap();
    assert!(sq.closure_time > p.closure_time + chrono::Duration::days(14));
    // Permits: Poland and Lithuania are entered by every unit; no request
    // as planned (a week ahead) is late under the pledge.
    let pl = run.permits.iter().find(|c| c.country == "PL").unwrap();
    assert_eq!(pl.units as usize, p.units.len());
    assert!(run
        .permits
        .iter()
        .all(|c| c.on_time && c.submit_by <= c.first_needed));

    // Under the status quo (about 45 days' notice) the same requests, made a
    // week ahead, are late where units wait for them (Poland, entered by
    // every unit, among them), the deadlines fall weeks before the first
    // border arrival, and a request at the deadline is granted in time (the
    // regime's own arithmetic, checked here).
    let regime = milmob::permits::PermitRegime::builtin("status-quo").unwrap();
    let calendars = Calendars::new();
    let cx = milmob::report::PermitContext {
        network: &run.network,
        catalogue: VehicleCatalogue::builtin(),
        regime: &regime,
        calendars: &calendars,
        framework: run.order.options.framework.as_deref(),
        request: run.order.options.permit_request.unwrap(),
    };
    let sq_permits = milmob::report::permit_schedule(sq, &cx).unwrap();
    assert!(!sq_permits.is_empty());
    let mut checked = 0;
    for c in &sq_permits {
        assert!(c.wait_unit_h == 0.0 || !c.on_time, "{c:?}");
        assert_eq!(c.on_time, c.request <= c.submit_by);
        assert!(
            c.first_needed - c.submit_by > chrono::Duration::days(30),
            "{c:?}"
        );
        let country: milmob::Country = c.country.parse().unwrap();
        for class in [
            milmob::permits::CargoClass::Standard,
            milmob::permits::CargoClass::Oversize,
            milmob::permits::CargoClass::DangerousGoods,
        ] {
            if c.lead_time.ends_with(&format!("({class})")) {
                let grant = regime
                    .grant_instant(&calendars, country, class, cx.framework, c.submit_by)
                    .unwrap();
                assert!(grant <= c.first_needed, "{c:?}: granted {grant}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, sq_permits.len());
    assert!(sq_permits.iter().any(|c| c.wait_unit_h > 0.0));
    assert!(sq_permits.iter().any(|c| c.country == "PL" && !c.on_time));
}

#[test]
fn report_md_of_bundled_scenarios_matches_golden() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4);
    let bless = std::env::var("MILMOB_BLESS").as_deref() == Ok("1");
    let mut failed = Vec::new();
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let md = if name == "brigade-lithuania" {
            report_markdown(&brigade().report_input())
        } else {
            report_markdown(&run(&f).unwrap().report_input())
        };
        let golden = root().join(format!("tests/golden/report_{name}.md"));
        if bless {
            std::fs::write(&golden, &md).unwrap();
        } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(md.as_str()) {
            let _ = std::fs::write(std::env::temp_dir().join(format!("report_{name}.md")), &md);
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "report.md differs from tests/golden for {failed:?} (new output in the temp dir; MILMOB_BLESS=1 regenerates)"
    );
}

/// Writes a variant of the brigade scenario (network path absolute) and
/// returns its path.
fn variant(dir: &Path, name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let text = std::fs::read_to_string(root().join("data/scenarios/brigade-lithuania.toml"))
        .unwrap()
        .replace(
            "network = \"../europe\"",
            &format!(
                "network = {:?}",
                root().join("data/europe").display().to_string()
            ),
        )
        .replace(
            "\"what-if/",
            &format!("\"{}/", root().join("data/scenarios/what-if").display()),
        );
    let p = dir.join(name);
    std::fs::write(&p, edit(text)).unwrap();
    p
}

/// An edit of a scenario's text.
type Edit = Box<dyn Fn(String) -> String>;

#[test]
fn bad_scenarios_name_file_line_key_and_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Edit, Vec<&str>)> = vec![
        (
            "hub.toml",
            Box::new(|t| t.replacen("origin = \"DE-NABBURG-RH\"", "origin = \"DE-NOWHERE\"", 1)),
            vec![
                "hub.toml:43",
                "PzBtl-104",
                "key `origin`",
                "unknown hub `DE-NOWHERE`",
                "expected a hub id",
            ],
        ),
        (
            "vehicle.toml",
            Box::new(|t| t.replace("pzh_2000 = 24", "pzh_3000 = 24")),
            vec![
                "vehicle.toml:75",
                "ArtBtl-375",
                "key `vehicles`",
                "unknown vehicle type `pzh_3000`",
            ],
        ),
        (
            "regime.toml",
            Box::new(|t| t.replace("regime = \"pledge-2024\"", "regime = \"pledge-2099\"")),
            vec![
                "regime.toml:22",
                "key `regime`",
                "`pledge-2099`",
                "expected one of status-quo",
            ],
        ),
        (
            "compare.toml",
            Box::new(|t| {
                t.replace(
                    "\"pledge-2018\", \"pledge-2024\"",
                    "\"pledge-2019\", \"pledge-2024\"",
                )
            }),
            vec!["compare.toml:23", "key `compare_regimes`", "`pledge-2019`"],
        ),
        (
            "negative.toml",
            Box::new(|t| t.replace("pzh_2000 = 24", "pzh_2000 = -24")),
            vec![
                "negative.toml:75",
                "key `vehicles.pzh_2000`",
                "-24",
                "expected a whole number",
            ],
        ),
        (
            "zero.toml",
            Box::new(|t| t.replace("pzh_2000 = 24", "pzh_2000 = 0")),
            vec!["zero.toml:75", "`vehicles.pzh_2000`", "must be 1..=100000"],
        ),
    ];
    for (name, edit, wanted) in cases {
        let p = variant(dir.path(), name, edit);
        let e = run(&p).unwrap_err().to_string();
        for w in wanted {
            assert!(e.contains(w), "{name}: `{w}` not in: {e}");
        }
    }
}

#[test]
fn an_unreachable_destination_names_the_element() {
    let dir = tempfile::tempdir().unwrap();
    let p = variant(dir.path(), "air.toml", |t| {
        t.replacen("carriage = \"rail\"", "carriage = \"air\"", 1)
            .replace("compare_regimes = [\"status-quo\", \"pledge-2018\", \"pledge-2024\", \"emergency-2025\"]", "")
    });
    let out = Command::new(env!("CARGO_BIN_EXE_milmob"))
        .args(["scenario", "run"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("error: element `PzBtl-104`: 165 unit(s) cannot reach the destination"),
        "{err}"
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let sec = &md[md.find("## Destinations not reached").expect("section")..];
    assert!(
        sec.contains("| PzBtl-104 | DE-NABBURG-RH | LT-RUKLA-SA |")
            && sec.contains("main leg by air"),
        "{sec}"
    );
}

#[test]
fn the_cli_prints_the_summary_without_out_and_writes_the_folder_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = variant(dir.path(), "small.toml", |t| {
        let cut = t.find("[[element]]\nid = \"PzBtl-393\"").unwrap();
        t[..cut].replace("compare_regimes = [\"status-quo\", \"pledge-2018\", \"pledge-2024\", \"emergency-2025\"]", "compare_regimes = [\"pledge-2024\", \"status-quo\"]")
    });
    let exe = env!("CARGO_BIN_EXE_milmob");
    let out = Command::new(exe)
        .args(["scenario", "run"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Armoured brigade") && md.contains("## Permit regimes compared"));
    // Not a terminal: no progress bar, only the note.
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("note: no files written"));
    assert!(!dir.path().join("report").exists());

    let report = dir.path().join("report");
    let out = Command::new(exe)
        .args(["scenario", "run"])
        .arg(&p)
        .arg("--out")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("report.html"), "{said}");
    for f in REPORT_FILES {
        assert!(report.join(f).is_file(), "{f}");
    }
    assert_eq!(
        std::fs::read_to_string(report.join("report.md")).unwrap(),
        md
    );
}

/// The Oder-bridge what-if the bundled brigade scenario asks for.
const ODER: &str = "data/scenarios/what-if/brigade-lithuania.oder-bridge.toml";

/// `milmob disrupt --json` on the brigade and a what-if file.
fn disrupt_json(what_if: &str) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_milmob"))
        .arg("disrupt")
        .arg(root().join("data/scenarios/brigade-lithuania.toml"))
        .arg(root().join(what_if))
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `x` of the rightmost `H` of an SVG path before its last one (the last
/// runs to the end of the axis): where the line reaches its final share.
fn closure_x(d: &str) -> f64 {
    let hs: Vec<f64> = d
        .split_whitespace()
        .filter_map(|t| t.strip_prefix('H'))
        .map(|v| v.parse().unwrap())
        .collect();
    hs[hs.len() - 2]
}

/// The `d` of the chart's path titled `<label> — …`.
fn line_d<'a>(doc: &'a roxmltree::Document<'a>, label: &str) -> &'a str {
    doc.descendants()
        .find(|n| {
            n.has_tag_name("path")
                && n.children().any(|c| {
                    c.has_tag_name("title")
                        && c.text()
                            .is_some_and(|t| t.starts_with(&format!("{label} — ")))
                })
        })
        .and_then(|n| n.attribute("d"))
        .unwrap_or_else(|| panic!("no line {label}"))
}

#[test]
fn the_bundled_brigade_reports_its_oder_bridge_what_if() {
    let run = brigade();
    assert_eq!(
        run.settings.what_if.len(),
        1,
        "[report] what_if of the bundled scenario"
    );
    assert_eq!(run.what_ifs.len(), 1);
    let w: &WhatIf = &run.what_ifs[0];
    assert_eq!(w.label, "oder-bridge");
    // The same closure change as `milmob disrupt` on the same files.
    let d = disrupt_json(ODER);
    let delta = d["closure_delta_h"].as_f64().unwrap();
    assert!(
        (w.comparison.closure_delta_h - delta).abs() < 0.05,
        "report {} vs disrupt {delta}",
        w.comparison.closure_delta_h
    );
    assert!(delta > 0.0, "losing the bridge for 96 h costs time");
    assert_eq!(
        w.comparison.units_delayed as u64,
        d["units_delayed"].as_u64().unwrap()
    );
    // A full plan: both bounds, a closure profile, checks.
    assert!(w.plan.lower_bound <= w.plan.closure_time);
    assert!(!w.plan.closure_profile.is_empty() && !w.plan.checks.is_empty());
    assert_eq!(
        w.plan.closure_time,
        run.plan.closure_time + chrono::Duration::seconds((delta * 3600.0).round() as i64),
        "closure = baseline + Δ"
    );

    let dir = tempfile::tempdir().unwrap();
    let input = run.report_input();
    let written = write_report(&input, dir.path()).unwrap();
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    for f in ["what_ifs.json", "what-ifs.geojson"] {
        assert!(written.contains(&dir.path().join(f)), "{f}");
    }

    // report.md and report.html: the section with the computed numbers.
    let md = read("report.md");
    let sec = &md[md.find("## What-ifs").expect("What-ifs section")..];
    let row = sec
        .lines()
        .find(|l| l.contains("(oder-bridge)"))
        .expect("a row");
    assert!(row.contains(&format!("| {delta:+.1} |")), "{row}");
    assert!(row.contains("T-FRANKFURT-ODER-POZNAN closed"), "{row}");
    assert!(row.contains(&format!("| {:.1} |", w.comparison.disrupted_closure_h)));
    let html = read("report.html");
    let pos = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(pos("<h2>What-ifs</h2>") < pos("<h2>Map</h2>"));
    assert!(html.contains(&format!("{delta:+.1}")));

    // what_ifs.json: the disrupted plan reads back, the comparison is there.
    let v: serde_json::Value = serde_json::from_str(&read("what_ifs.json")).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    let plan: MovementPlan = serde_json::from_value(arr[0]["plan"].clone()).unwrap();
    assert_eq!(plan, w.plan);
    assert_eq!(
        arr[0]["comparison"]["closure_delta_h"].as_f64(),
        Some(w.comparison.closure_delta_h)
    );
    assert!(arr[0]["comparison"].get("baseline").is_none());

    // closure.svg: one more line than regimes, dashed, drawn, its bound.
    let chart = read("closure.svg");
    let doc = roxmltree::Document::parse(&chart).unwrap();
    let lines = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("path")
                && n.children().any(|c| {
                    c.has_tag_name("title") && c.text().is_some_and(|t| t.contains(" % arrive"))
                })
        })
        .count();
    assert_eq!(lines, run.compared.len() + 1);
    assert!(chart.contains("<title>lower bound, what-if: oder-bridge</title>"));
    assert!(chart.contains(&format!("({delta:+.0} h)")), "legend with Δ");
    let wd = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("path")
                && n.children().any(|c| {
                    c.text()
                        .is_some_and(|t| t.starts_with("what-if: oder-bridge — "))
                })
        })
        .unwrap();
    assert!(wd.attribute("stroke-dasharray").is_some(), "what-if dashed");
    let colour = wd.attribute("stroke").unwrap();
    let rgb = |h: &str| {
        let b = |i| u8::from_str_radix(&h[i..i + 2], 16).unwrap();
        [b(1), b(3), b(5)]
    };
    let px = render(&chart);
    assert!(
        count_colour(&px, rgb(colour), 30) > 100,
        "the what-if line is not drawn"
    );

    // map.svg and what-ifs.geojson: the closed bridge tracks as markers.
    let gj: geojson::GeoJson = read("what-ifs.geojson").parse().unwrap();
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        panic!("not a FeatureCollection")
    };
    let labels: Vec<&str> = fc
        .features
        .iter()
        .filter_map(|f| f.property("label").and_then(|l| l.as_str()))
        .collect();
    assert_eq!(
        labels,
        ["T-FRANKFURT-ODER-POZNAN", "T-FRANKFURT-ODER-POZNAN-2"]
    );
    let m = input
        .markers
        .iter()
        .find(|m| m.layer == WHAT_IF_LAYER)
        .unwrap();
    // At the midpoint of the link Frankfurt (Oder)–Poznań (14.5–16.9° E, 52.3–52.4° N).
    assert!(
        (14.4..16.0).contains(&m.lon) && (52.2..52.6).contains(&m.lat),
        "{m:?}"
    );
    let map = read("map.svg");
    assert!(map.contains(
        "<title>T-FRANKFURT-ODER-POZNAN: oder-bridge: link T-FRANKFURT-ODER-POZNAN closed"
    ));
    assert!(map.contains("what-ifs (closed, degraded)"));
    assert!(
        count_colour(&render(&map), [0x54, 0x27, 0x88], 25) > 20,
        "what-if markers not drawn"
    );
}

#[test]
fn the_closure_chart_keeps_short_plans_readable_beside_the_status_quo() {
    let run = brigade();
    let sq = run
        .compared
        .iter()
        .find(|c| c.regime == "status-quo")
        .unwrap();
    let h = |p: &MovementPlan| (p.closure_time - p.epoch).num_seconds() as f64;
    assert!(h(sq) > 4.0 * h(&run.plan), "the case this is about");
    let chart = milmob::report::closure_svg(&run.report_input(), true);
    let doc = roxmltree::Document::parse(&chart).unwrap();
    // Plot: x from 70 to 690 (940 wide, 70 left, 250 right).
    let share = |x: f64| (x - 70.0) / 620.0;
    for label in ["pledge-2024", "emergency-2025", "what-if: oder-bridge"] {
        let x = share(closure_x(line_d(&doc, label)));
        assert!(x > 0.4, "{label} closes at {x:.2} of the width");
    }
    // The status quo still closes at the right, after the short ones.
    let xs = share(closure_x(line_d(&doc, "status-quo")));
    assert!(xs > 0.8 && xs <= 1.0, "{xs}");
    // The choice is stated in the chart and drawn.
    assert!(
        chart.contains("class=\"axis-note\">Time axis broken"),
        "note"
    );
    assert!(chart.contains("class=\"axis-break\""));
    let px = render(&chart);
    assert!(distinct_colours(&px) > 8);
}

#[test]
fn report_tables_and_flags_exit_with_the_right_codes() {
    let dir = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_milmob");
    let table = |t: String, table: &str| {
        format!("{}\n[report]\n{table}", t.split("[report]").next().unwrap())
    };
    // [report] errors are located: file, line, key, what was expected.
    let cases: Vec<(&str, Edit, Vec<&str>)> = vec![
        (
            "key.toml:+1",
            Box::new(move |t| table(t, "bottleneck = true\n")),
            vec![
                "key.toml:",
                "[report], key `bottleneck`",
                "unknown field",
                "expected one of",
            ],
        ),
        (
            "missing.toml:+1",
            Box::new(move |t| table(t, "what_if = [\"what-if/nowhere.toml\"]\n")),
            vec![
                "missing.toml:",
                "key `what_if`",
                "`what-if/nowhere.toml` not found",
                "expected a disruption file",
            ],
        ),
        (
            "top.toml:+2",
            Box::new(move |t| table(t, "bottlenecks = true\ntop = 0\n")),
            vec!["top.toml:", "key `top`", "between 1 and 1000"],
        ),
    ];
    for (case, edit, wanted) in cases {
        // `name:+k`: the error is on the k-th line after `[report]`.
        let (name, k) = case.split_once(":+").unwrap();
        let p = variant(dir.path(), name, edit);
        let text = std::fs::read_to_string(&p).unwrap();
        let line = text[..text.find("[report]").unwrap()].matches('\n').count()
            + 1
            + k.parse::<usize>().unwrap();
        let e = run(&p).unwrap_err().to_string();
        assert!(e.contains(&format!("{name}:{line}")), "{e}");
        for w in wanted {
            assert!(e.contains(w), "{name}: `{w}` not in: {e}");
        }
        // The CLI: a data error, exit 1; `milmob move` ignores the table.
        let out = Command::new(exe)
            .args(["scenario", "run"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let out = Command::new(exe).arg("move").arg(&p).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "move {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // Exit codes: usage errors 2 (as `milmob move`), data errors 1.
    let regime = variant(dir.path(), "regime.toml", |t| {
        t.replace("regime = \"pledge-2024\"", "regime = \"pledge-2099\"")
    });
    let good = root().join("data/scenarios/brigade-lithuania.toml");
    // A disruption file with an unknown link: its own file and line.
    let bad_what_if = dir.path().join("bad-what-if.toml");
    std::fs::write(
        &bad_what_if,
        "name = \"x\"\n[[event]]\nkind = \"link_closed\"\nlink = \"NO-SUCH-LINK\"\n",
    )
    .unwrap();
    let rows: Vec<(Vec<std::ffi::OsString>, i32, &str)> = vec![
        (
            vec![regime.clone().into()],
            2,
            "unknown permit regime `pledge-2099`",
        ),
        (
            vec![good.clone().into(), "--top".into(), "3".into()],
            2,
            "--top needs --bottlenecks",
        ),
        (
            vec![
                good.clone().into(),
                "--bottlenecks".into(),
                "--top".into(),
                "0".into(),
            ],
            2,
            "between 1 and 1000",
        ),
        (
            vec![
                good.clone().into(),
                "--what-if".into(),
                dir.path().join("none.toml").into(),
            ],
            1,
            "none.toml",
        ),
        (
            vec![dir.path().join("absent.toml").into()],
            1,
            "absent.toml",
        ),
        (
            vec![
                good.clone().into(),
                "--what-if".into(),
                bad_what_if.clone().into(),
            ],
            1,
            "bad-what-if.toml:4",
        ),
    ];
    for (args, want, msg) in rows {
        let out = Command::new(exe)
            .args(["scenario", "run"])
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(want), "{args:?}: {err}");
        assert!(err.contains(msg), "{args:?}: {err}");
    }
    // `milmob move` on the same unknown regime: also 2.
    let out = Command::new(exe).arg("move").arg(&regime).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn what_if_flags_add_to_the_table() {
    // A small force (the first element only) with the table's Oder bridge
    // and the Polish rail incident from the command line: two what-ifs,
    // the file given twice planned once.
    let dir = tempfile::tempdir().unwrap();
    let p = variant(dir.path(), "two.toml", |t| {
        let report = t[t.find("[report]").unwrap()..].to_string();
        let cut = t.find("[[element]]\nid = \"PzBtl-393\"").unwrap();
        format!("{}\n{report}", &t[..cut]).replace(
            "compare_regimes = [\"status-quo\", \"pledge-2018\", \"pledge-2024\", \"emergency-2025\"]",
            "",
        )
    });
    let report = dir.path().join("out");
    let cyber = root().join("data/scenarios/what-if/brigade-lithuania.pl-rail-cyber.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_milmob"))
        .args(["scenario", "run"])
        .arg(&p)
        .arg("--what-if")
        .arg(&cyber)
        .arg("--what-if")
        .arg(root().join(ODER))
        .arg("--out")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("what-if oder-bridge:") && said.contains("what-if pl-rail-cyber:"),
        "{said}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report.join("what_ifs.json")).unwrap())
            .unwrap();
    let labels: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["oder-bridge", "pl-rail-cyber"],
        "table first, then flags, once each"
    );
    let chart = std::fs::read_to_string(report.join("closure.svg")).unwrap();
    assert_eq!(
        chart.matches(" % arrive</title>").count(),
        3,
        "plan + two what-ifs"
    );
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    assert!(
        md.contains("(pl-rail-cyber)") && md.contains("rail capacity in PL × 0.5"),
        "{md}"
    );
}

#[test]
fn a_report_table_asks_for_bottlenecks_and_top_overrides_it() {
    // The first element alone; `[report]` asks for the ranking with two
    // rows per table, `--top 1` on the command line replaces that.
    let dir = tempfile::tempdir().unwrap();
    let p = variant(dir.path(), "rank.toml", |t| {
        let cut = t.find("[[element]]\nid = \"PzBtl-393\"").unwrap();
        format!("{}\n[report]\nbottlenecks = true\ntop = 2\n", &t[..cut]).replace(
            "compare_regimes = [\"status-quo\", \"pledge-2018\", \"pledge-2024\", \"emergency-2025\"]",
            "",
        )
    });
    let exe = env!("CARGO_BIN_EXE_milmob");
    let rows = |extra: &[&str]| {
        let report = dir.path().join(format!("out{}", extra.len()));
        let out = Command::new(exe)
            .args(["scenario", "run"])
            .arg(&p)
            .args(extra)
            .arg("--out")
            .arg(&report)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(report.join("bottlenecks.geojson").is_file());
        let md = std::fs::read_to_string(report.join("report.md")).unwrap();
        let sec = &md[md
            .find("## Top bottlenecks")
            .expect("the table asks for it")..];
        let table = &sec[sec.find("|---").unwrap()..];
        let n = table
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with('|'))
            .count();
        let links = table
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with('|'))
            .filter(|l| l.starts_with("| link "))
            .count();
        (n, links)
    };
    let (n, links) = rows(&[]);
    assert!(n >= 2 && links == 2, "top = 2: {n} rows, {links} links");
    let (n, links) = rows(&["--top", "1"]);
    assert!(n >= 1 && links == 1, "--top 1: {n} rows, {links} links");
}
