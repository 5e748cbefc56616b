//! Fuzzing every parser and file entry point under proptest (issue 12):
//! network folders (network.toml + hubs.csv + links.csv), GeoJSON, DIMACS
//! arc files, vehicle catalogues, permit regimes, calendar overlays and the
//! CSV reader batch query files go through, movement orders (the scenario
//! files), formation catalogues, GIS layer mappings (`mapping.toml`) and
//! GIS line layers. Inputs are structured mutations
//! of the valid files in `data/` and `tests/fixtures/` (lines deleted,
//! duplicated, swapped; cells replaced by nasty values; bytes inserted; CRLF
//! endings; truncation) plus raw bytes. Invariant: a typed error or a valid
//! result — never a panic — and bounded output (diagnostics and nodes
//! proportional to the input, so memory is bounded by the input's size).
//!
//! Cases per target: 256 by default (the European network: 1/16 of that;
//! about 5 s in debug for the whole file); `PROPTEST_CASES=N` sets another number, e.g. for a long local
//! run: `PROPTEST_CASES=20000 cargo test --release --test fuzz_parsers`.
//! The `cargo fuzz` targets in `fuzz/` (nightly) cover the same entry points
//! with coverage-guided mutation.

use std::path::Path;

use milmob::force::{FormationCatalogue, VehicleCatalogue};
use milmob::import::{import_geojson_layer, LayerMapping};
use milmob::io::csv_table::{read_csv, Columns};
use milmob::io::dimacs::{parse_arcs, parse_arcs_with, IdBase};
use milmob::io::{read_geojson, read_network_dir, Manifest};
use milmob::movement::MovementOrder;
use milmob::permits::{CalendarOverlay, PermitRegime};
use milmob::routing::{
    Metric, RegimePermits, RouteRequest, Router, TdSpace, Topology, Unconstrained,
};
use proptest::prelude::*;

const MINI_TOML: &str = include_str!("fixtures/mini/network.toml");
const MINI_HUBS: &str = include_str!("fixtures/mini/hubs.csv");
const MINI_LINKS: &str = include_str!("fixtures/mini/links.csv");
const EU_TOML: &str = include_str!("../data/europe/network.toml");
const EU_HUBS: &str = include_str!("../data/europe/hubs.csv");
const EU_LINKS: &str = include_str!("../data/europe/links.csv");
const VEHICLES: &str = include_str!("../data/vehicles.toml");
const REGIMES: &[&str] = &[
    include_str!("../data/permits/pledge-2024.toml"),
    include_str!("../data/permits/status-quo.toml"),
    include_str!("../data/permits/proposal-2025.toml"),
];
const ORDERS: &[&str] = &[
    include_str!("../data/scenarios/brigade-lithuania.toml"),
    include_str!("../data/scenarios/rdc-greece-romania.toml"),
    include_str!("../data/scenarios/atlantic-resolve-2017.toml"),
];
const MAPPING: &str = r#"
name = "Fuzzed layer"
source = "fuzz fixture (illustrative)"
mode_property = "TYPE"
[mode_values]
road = ["Strasse"]
rail = ["Bahn"]
[properties]
id = "ID"
length_m = "LEN_M"
mlc = "MLC"
max_height_m = "HEIGHT"
gauge_mm = "GAUGE"
oneway = "EINBAHN"
[snap]
tolerance_m = 25
"#;
const LAYER: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"ID":"R1","TYPE":"Strasse","LEN_M":2000,"MLC":"60","HEIGHT":"4.0 m"},"geometry":{"type":"LineString","coordinates":[[11.57,49.94],[11.58,49.945],[11.59,49.95]]}},
{"type":"Feature","properties":{"ID":"R2","TYPE":"Strasse","EINBAHN":"yes"},"geometry":{"type":"MultiLineString","coordinates":[[[11.59,49.95],[11.6,49.955]]]}},
{"type":"Feature","properties":{"ID":"B1","TYPE":"Bahn","GAUGE":1435},"geometry":{"type":"LineString","coordinates":[[11.6,49.955],[11.62,49.96]]}}
]}"#;
const FORMATIONS: &str = include_str!("../data/formations.toml");
const OVERLAY: &str = include_str!("../data/holidays/example-extra.toml");
const ARCS: &str = "c a small graph\na 0 1 5\na 1 2 7\na 2 0 1\na 2 3 4\n";
const ARCS_9TH: &str = "c 9th DIMACS\np sp 4 4\na 1 2 5\na 2 3 7\na 3 1 1\na 3 4 4\n";
const QUERIES: &str =
    "# queries\nfrom,to,depart\nDE-BHV,PL-WAW,2026-03-02T06:00:00+01:00\nPL-WAW,DE-BHV,\n";

/// Cases per target: `PROPTEST_CASES`, or 256.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

/// Values that break naive parsers.
const NASTY: &[&str] = &[
    "",
    " ",
    "0",
    "-0",
    "-1",
    "1e-300",
    "1e300",
    "NaN",
    "inf",
    "-inf",
    "18446744073709551616",
    "4294967296",
    "67108863",
    "\"",
    "\"\"",
    ",",
    ";",
    "#",
    "\t",
    "\r",
    "\n",
    "\u{feff}",
    "é",
    "\u{0}",
    "[",
    "]",
    "{",
    "}",
    "=",
    "a = {",
    "[[day]]",
    "p sp 3 3",
    "a 0 1",
    "25:00-26:00",
    "00:00-00:00",
    "0000-01-01",
    "9999-12-31T23:59:59Z",
    "road",
    "rail",
    "DE",
    "XX",
    "true",
    "yes",
    "1435",
    "0 0;0 0",
    "190 95;1 1",
    "{\"a\":{\"b\":1}}",
    "null",
];

/// One structured edit of a text file.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    /// Replace the k-th `,`/`=`/space-separated token of a line.
    ReplaceToken(usize, usize, usize),
    InsertBytes(usize, Vec<u8>),
    Truncate(usize),
    Crlf,
    FlipByte(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<usize>().prop_map(Mutation::DeleteLine),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        4 => (any::<usize>(), any::<usize>(), 0..NASTY.len())
            .prop_map(|(l, t, v)| Mutation::ReplaceToken(l, t, v)),
        1 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(p, b)| Mutation::InsertBytes(p, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => Just(Mutation::Crlf),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::FlipByte(p, b)),
    ]
}

/// Applies edits to a file's bytes.
fn mutate(text: &str, edits: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in edits {
        let s = String::from_utf8_lossy(&bytes).into_owned();
        let mut lines: Vec<String> = s.split('\n').map(str::to_string).collect();
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) => {
                if !lines.is_empty() {
                    lines.remove(i % lines.len());
                }
                bytes = lines.join("\n").into_bytes();
            }
            Mutation::DuplicateLine(i) => {
                let l = lines.get(i % n).cloned().unwrap_or_default();
                lines.insert(i % n, l);
                bytes = lines.join("\n").into_bytes();
            }
            Mutation::SwapLines(a, b) => {
                if !lines.is_empty() {
                    let len = lines.len();
                    lines.swap(a % len, b % len);
                }
                bytes = lines.join("\n").into_bytes();
            }
            Mutation::ReplaceToken(l, t, v) => {
                if let Some(line) = lines.get_mut(l % n) {
                    let sep = if line.contains(',') {
                        ','
                    } else if line.contains('=') {
                        '='
                    } else {
                        ' '
                    };
                    let mut toks: Vec<&str> = line.split(sep).collect();
                    let k = t % toks.len().max(1);
                    if k < toks.len() {
                        toks[k] = NASTY[*v];
                    }
                    *line = toks.join(&sep.to_string());
                }
                bytes = lines.join("\n").into_bytes();
            }
            Mutation::InsertBytes(p, b) => {
                let p = p % (bytes.len() + 1);
                bytes.splice(p..p, b.iter().copied());
            }
            Mutation::Truncate(p) => {
                let p = p % (bytes.len() + 1);
                bytes.truncate(p);
            }
            Mutation::Crlf => {
                bytes = String::from_utf8_lossy(&bytes)
                    .replace('\n', "\r\n")
                    .into_bytes();
            }
            Mutation::FlipByte(p, b) => {
                if !bytes.is_empty() {
                    let len = bytes.len();
                    bytes[p % len] = *b;
                }
            }
        }
    }
    bytes
}

/// Mutated copies of a seed, or raw bytes (one case in eight).
fn input(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        7 => proptest::collection::vec(mutation(), 0..6).prop_map(move |m| mutate(seed, &m)),
        1 => proptest::collection::vec(any::<u8>(), 0..512),
    ]
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Output proportional to input: at most a few diagnostics per line/cell.
fn bounded(n: usize, input_len: usize) -> Result<(), TestCaseError> {
    prop_assert!(
        n <= 64 + 4 * input_len,
        "{n} diagnostics for {input_len} bytes of input"
    );
    Ok(())
}

/// A loaded network with no errors must compile to a topology and route
/// (first hub to last) without trouble: typed errors only.
fn usable(net: &milmob::Network) {
    let topo = Topology::build(net);
    let _ = Metric::for_load(&topo, &Unconstrained);
    let (Some(a), Some(b)) = (net.hubs().next(), net.hubs().last()) else {
        return;
    };
    let regime = PermitRegime::builtin("pledge-2024").unwrap();
    let cals = milmob::permits::Calendars::new();
    let permits = RegimePermits {
        regime: &regime,
        calendars: &cals,
        class: milmob::permits::CargoClass::Standard,
        framework: None,
    };
    let router = Router::new(net, &Unconstrained);
    let depart = "2026-03-02T06:00:00Z".parse().unwrap();
    let req = RouteRequest::new(&a.id, &b.id, depart);
    let _ = router.route_or_explain(&req, &permits, &mut TdSpace::new());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: (cases() / 16).max(4), ..config() })]

    #[test]
    fn europe_folder(
        hubs in proptest::collection::vec(mutation(), 0..6),
        links in proptest::collection::vec(mutation(), 0..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (h, l) = (mutate(EU_HUBS, &hubs), mutate(EU_LINKS, &links));
        std::fs::write(dir.path().join("network.toml"), EU_TOML).unwrap();
        std::fs::write(dir.path().join("hubs.csv"), &h).unwrap();
        std::fs::write(dir.path().join("links.csv"), &l).unwrap();
        let loaded = read_network_dir(dir.path());
        bounded(loaded.diagnostics.len(), h.len() + l.len())?;
        if !loaded.has_errors() {
            let topo = Topology::build(&loaded.network);
            let _ = Metric::for_load(&topo, &Unconstrained);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn network_folder(
        toml in input(MINI_TOML),
        hubs in input(MINI_HUBS),
        links in input(MINI_LINKS),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("network.toml"), &toml).unwrap();
        std::fs::write(dir.path().join("hubs.csv"), &hubs).unwrap();
        std::fs::write(dir.path().join("links.csv"), &links).unwrap();
        let loaded = read_network_dir(dir.path());
        bounded(loaded.diagnostics.len(), toml.len() + hubs.len() + links.len())?;
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            // Every error is located in a file (network-wide warnings such
            // as connectivity may name no file).
            prop_assert!(d.file.is_some(), "{d}");
        }
        if !loaded.has_errors() {
            usable(&loaded.network);
        }
    }

    #[test]
    fn manifest(t in input(EU_TOML)) {
        let _ = Manifest::parse(&text(&t), Path::new("network.toml"));
    }

    #[test]
    fn geojson(
        hubs in input(MINI_HUBS),
        edits in proptest::collection::vec(mutation(), 0..6),
    ) {
        // A GeoJSON export of a (possibly broken) mini network, then mutated.
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("net");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("network.toml"), MINI_TOML).unwrap();
        std::fs::write(folder.join("hubs.csv"), &hubs).unwrap();
        std::fs::write(folder.join("links.csv"), MINI_LINKS).unwrap();
        let base = read_network_dir(&folder).network;
        let text0 = serde_json::to_string_pretty(&milmob::io::to_geojson(&base)).unwrap();
        let bytes = mutate(&text0, &edits);
        let gj = dir.path().join("net.geojson");
        std::fs::write(&gj, &bytes).unwrap();
        let loaded = read_geojson(&gj);
        bounded(loaded.diagnostics.len(), bytes.len())?;
        if !loaded.has_errors() {
            usable(&loaded.network);
        }
    }

    #[test]
    fn geojson_raw(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().unwrap();
        let gj = dir.path().join("raw.geojson");
        std::fs::write(&gj, &bytes).unwrap();
        let loaded = read_geojson(&gj);
        prop_assert!(loaded.has_errors() || loaded.network.hub_count() <= bytes.len());
    }

    #[test]
    fn dimacs(
        t in prop_oneof![input(ARCS), input(ARCS_9TH)],
        base in prop_oneof![Just(None), Just(Some(IdBase::Zero)), Just(Some(IdBase::One))],
    ) {
        let s = text(&t);
        let parsed = match base {
            None => parse_arcs(&s, Path::new("f.gr")),
            Some(b) => parse_arcs_with(&s, Path::new("f.gr"), Some(b)),
        };
        if let Ok(f) = parsed {
            // Memory proportional to the arcs, whatever the ids.
            prop_assert!(f.node_ids.len() <= 2 * f.arcs.len());
            prop_assert_eq!(f.node_ids.len(), f.node_count as usize);
            let (g, _) = Topology::from_arc_file(&f).unwrap();
            prop_assert_eq!(g.node_count(), f.node_ids.len());
            for id in &f.node_ids {
                prop_assert!(g.hub_node(&id.to_string()).is_some());
            }
        }
    }

    #[test]
    fn vehicles(t in input(VEHICLES)) {
        let _ = VehicleCatalogue::from_toml_str(&text(&t), "vehicles.toml");
    }

    #[test]
    fn regime(i in 0..REGIMES.len(), edits in proptest::collection::vec(mutation(), 0..6)) {
        let t = mutate(REGIMES[i], &edits);
        let _ = PermitRegime::from_toml_str(&text(&t), "regime.toml");
    }

    #[test]
    fn movement_order(i in 0..ORDERS.len(), edits in proptest::collection::vec(mutation(), 0..6)) {
        let t = mutate(ORDERS[i], &edits);
        let s = text(&t);
        // The file sits in data/scenarios so `network = "../europe"` resolves;
        // parsing never loads the network, so nothing is read.
        let file = Path::new("data/scenarios/fuzzed.toml");
        match MovementOrder::parse(&s, file, VehicleCatalogue::builtin()) {
            Ok(order) => {
                // Whatever parses is a usable force: every element has
                // vehicles.
                for e in &order.elements {
                    let vehicles: u64 = e.vehicles.iter().map(|(_, n)| u64::from(*n)).sum();
                    prop_assert!(vehicles > 0, "{} has no vehicles", e.id);
                }
            }
            Err(e) => {
                // Errors name the file.
                prop_assert!(e.to_string().contains("fuzzed.toml"), "{e}");
            }
        }
    }

    #[test]
    fn layer_mapping(t in input(MAPPING)) {
        if let Err(e) = LayerMapping::parse(&text(&t), Path::new("mapping.toml")) {
            prop_assert!(e.to_string().contains("mapping.toml"), "{e}");
        }
    }

    #[test]
    fn gis_layer(t in input(LAYER)) {
        let mapping = LayerMapping::parse(MAPPING, Path::new("mapping.toml")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("layer.geojson");
        std::fs::write(&path, &t).unwrap();
        if let Ok(imported) = import_geojson_layer(&path, &mapping, None) {
            // Never more hubs than line ends, never more links than lines.
            bounded(imported.network.hub_count(), t.len())?;
            usable(&imported.network);
        }
    }

    #[test]
    fn formations(t in input(FORMATIONS)) {
        let _ = FormationCatalogue::parse(&text(&t), "formations.toml", VehicleCatalogue::builtin());
    }

    #[test]
    fn overlay(t in input(OVERLAY)) {
        let _ = CalendarOverlay::from_toml_str(&text(&t), "extra.toml");
    }

    #[test]
    fn batch_csv(t in input(QUERIES)) {
        let s = text(&t);
        let mut out = Vec::new();
        let cols = Columns { known: &["from", "to", "depart"], required: &["from", "to"] };
        let table = read_csv(&s, Path::new("q.csv"), cols, &mut out);
        bounded(out.len(), s.len())?;
        if let Some(t) = table {
            let lines = s.lines().count() as u64 + 1;
            for (line, _) in &t.rows {
                prop_assert!(*line >= 1 && *line <= lines, "line {line} of {lines}");
            }
        }
    }
}

/// The mutator itself: edits keep producing something (sanity).
#[test]
fn mutations_change_the_seed() {
    let m = mutate(ARCS, &[Mutation::ReplaceToken(1, 1, 6)]);
    assert_ne!(m, ARCS.as_bytes());
}
