//! Realism of the bundled European network (`data/europe`), issue 8:
//! network detour (circuity) against the great circle, shortest distances
//! against a table of well-known real distances
//! (`tests/data/real_distances.csv`), and the effect of the daily driving
//! limit on road columns (rest halts only at hubs that allow them).
//!
//! Self-contained on purpose: it uses only the `Network` data API (hubs,
//! links, locations, kinds) and a small Dijkstra written here, not
//! `milmob::routing` (which is being rewritten). Run with
//! `cargo test --release --test europe_realism -- --nocapture` to see the
//! figures.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::path::{Path, PathBuf};

use geo::{Distance, Haversine, Point};
use milmob::{Hub, HubKind, Mode, Network};

/// Minimum great-circle distance of a pair counted in the circuity figures.
const MIN_PAIR_KM: f64 = 150.0;
/// Daily driving limit (hours) and the default road speed (km/h).
const DRIVING_LIMIT_H: f64 = 10.0;
const DEFAULT_ROAD_KMH: f64 = 50.0;

fn europe_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/europe")
}

fn load() -> Network {
    Network::load(europe_dir()).unwrap_or_else(|e| panic!("data/europe does not load: {e}"))
}

/// Great-circle distance (haversine, mean Earth radius), km.
fn great_circle_km(a: Point<f64>, b: Point<f64>) -> f64 {
    Haversine.distance(a, b) / 1000.0
}

/// Land block of a hub, for the "mainland" pairs: continental Europe, the
/// Scandinavian peninsula (NO, SE) and Finland. A pair counts only when
/// both hubs lie in the same block, so that a straight line across the
/// Baltic Sea or the Gulf of Bothnia (Stockholm–Helsinki, Helsinki–Riga) is
/// not compared with a road round the sea. Great Britain, Ireland and hubs
/// on islands are not mainland: Crete, and the islands joined by bridges
/// whose straight lines to the continent cross the sea (Zealand, Lolland,
/// Funen, Rügen). Jutland counts as continental.
const ISLAND_HUBS: &[&str] = &[
    "GR-SOUDA-BAY",      // Crete
    "GR-HERAKLION-PORT", // Crete
    "DK-COPENHAGEN-LH",  // Zealand
    "DK-RODBY-PORT",     // Lolland
    "DK-ODENSE-CSC",     // Funen
    "DE-MUKRAN-PORT",    // Rügen
];
/// The definition behind the figures quoted in issue 8 (only Crete left
/// out): printed for comparison, not asserted.
const CRETE_ONLY: &[&str] = &["GR-SOUDA-BAY", "GR-HERAKLION-PORT"];

/// Land block of `h` (0 continental, 1 Scandinavian peninsula, 2 Finland),
/// or `None` when it is not on the mainland.
fn land_block(h: &Hub, islands: &[&str]) -> Option<u8> {
    if islands.contains(&h.id.as_str()) {
        return None;
    }
    match h.country.code() {
        "GB" | "IE" => None,
        "NO" | "SE" => Some(1),
        "FI" => Some(2),
        _ => Some(0),
    }
}

/// One mode's graph: hub index -> (neighbour, km, driving hours).
struct Graph {
    ids: Vec<String>,
    index: HashMap<String, usize>,
    adj: Vec<Vec<(usize, f64, f64)>>,
}

fn graph(net: &Network, mode: Mode) -> Graph {
    let ids: Vec<String> = net.hubs().map(|h| h.id.clone()).collect();
    let index: HashMap<String, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), i))
        .collect();
    let mut adj = vec![Vec::new(); ids.len()];
    for l in net.links().filter(|l| l.mode == mode) {
        let (a, b) = (index[&l.from], index[&l.to]);
        let speed = l.speed_kmh.unwrap_or(match mode {
            Mode::Road => DEFAULT_ROAD_KMH,
            _ => 60.0,
        });
        let hours = l.length_km / speed;
        adj[a].push((b, l.length_km, hours));
        if !l.oneway {
            adj[b].push((a, l.length_km, hours));
        }
    }
    Graph { ids, index, adj }
}

/// Metres as an integer key for the heap (lengths are given to 0.1 km).
fn key(km: f64) -> u64 {
    (km * 1000.0).round() as u64
}

/// Shortest distance (km) from `src` to every hub; `INFINITY` if unreachable.
fn dijkstra(g: &Graph, src: usize) -> Vec<f64> {
    let mut dist = vec![f64::INFINITY; g.adj.len()];
    let mut heap = BinaryHeap::new();
    dist[src] = 0.0;
    heap.push(Reverse((0u64, src)));
    while let Some(Reverse((k, u))) = heap.pop() {
        if k > key(dist[u]) {
            continue;
        }
        for &(v, km, _) in &g.adj[u] {
            let d = dist[u] + km;
            if d < dist[v] {
                dist[v] = d;
                heap.push(Reverse((key(d), v)));
            }
        }
    }
    dist
}

/// Shortest road distance (km) from `src` to every hub for a column that may
/// drive at most `limit_h` hours between rest halts, resting only at hubs in
/// `rest` (the origin is a rest place; arriving ends the day, so the
/// destination needs no rest kind). Label-setting over (km, hours since the
/// last rest): labels are settled in order of km, and a label is dominated
/// when an earlier (shorter) label reached the same hub with no more hours
/// on the clock.
fn dijkstra_with_rests(g: &Graph, src: usize, rest: &[bool], limit_h: f64) -> Vec<f64> {
    let n = g.adj.len();
    let mut dist = vec![f64::INFINITY; n];
    let mut best_h = vec![f64::INFINITY; n];
    let mut labels: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((0u64, 0usize, src)));
    while let Some(Reverse((_, li, u))) = heap.pop() {
        let (km, mut h) = labels[li];
        if rest[u] || u == src {
            h = 0.0;
        }
        if h >= best_h[u] {
            continue;
        }
        best_h[u] = h;
        if dist[u].is_infinite() {
            dist[u] = km;
        }
        for &(v, len, hours) in &g.adj[u] {
            let h2 = h + hours;
            if h2 <= limit_h + 1e-9 && h2 < best_h[v] {
                labels.push((km + len, h2));
                heap.push(Reverse((key(km + len), labels.len() - 1, v)));
            }
        }
    }
    dist
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    assert!(!sorted.is_empty());
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

struct Pair {
    a: usize,
    b: usize,
    great_circle: f64,
    network: f64,
}

/// Mainland pairs (same land block, >= MIN_PAIR_KM apart) connected by the
/// graph's mode, with their shortest network distance.
fn mainland_pairs(net: &Network, g: &Graph, islands: &[&str]) -> Vec<Pair> {
    let hubs: Vec<&Hub> = g.ids.iter().map(|id| net.hub(id).unwrap()).collect();
    let mainland: Vec<usize> = (0..hubs.len())
        .filter(|&i| !g.adj[i].is_empty() && land_block(hubs[i], islands).is_some())
        .collect();
    let mut pairs = Vec::new();
    for (k, &a) in mainland.iter().enumerate() {
        let dist = dijkstra(g, a);
        for &b in &mainland[k + 1..] {
            if land_block(hubs[a], islands) != land_block(hubs[b], islands) || dist[b].is_infinite()
            {
                continue;
            }
            let gc = great_circle_km(hubs[a].location, hubs[b].location);
            if gc >= MIN_PAIR_KM {
                pairs.push(Pair {
                    a,
                    b,
                    great_circle: gc,
                    network: dist[b],
                });
            }
        }
    }
    pairs
}

fn circuity(net: &Network, mode: Mode, max_median: f64, max_p95: f64) {
    let g = graph(net, mode);
    let pairs = mainland_pairs(net, &g, ISLAND_HUBS);
    assert!(pairs.len() > 1000, "only {} {mode:?} pairs", pairs.len());
    let mut r2: Vec<f64> = mainland_pairs(net, &g, CRETE_ONLY)
        .iter()
        .map(|p| p.network / p.great_circle)
        .collect();
    r2.sort_by(f64::total_cmp);
    eprintln!(
        "{mode:?} circuity as defined in issue 8 (bridged islands included, {} pairs): median {:.3}, p95 {:.3}",
        r2.len(),
        percentile(&r2, 0.5),
        percentile(&r2, 0.95)
    );
    let mut r: Vec<f64> = pairs.iter().map(|p| p.network / p.great_circle).collect();
    r.sort_by(f64::total_cmp);
    let (median, p95) = (percentile(&r, 0.5), percentile(&r, 0.95));
    eprintln!(
        "{mode:?} circuity over {} mainland hub pairs >= {MIN_PAIR_KM} km apart: median {median:.3} (target <= {max_median}), p95 {p95:.3} (target <= {max_p95}), max {:.2}",
        r.len(),
        r[r.len() - 1]
    );
    let mut worst: Vec<&Pair> = pairs.iter().collect();
    worst.sort_by(|x, y| (y.network / y.great_circle).total_cmp(&(x.network / x.great_circle)));
    for p in worst.iter().take(5) {
        eprintln!(
            "  worst: {} - {}: {:.0} km on the network, {:.0} km great circle ({:.2})",
            g.ids[p.a],
            g.ids[p.b],
            p.network,
            p.great_circle,
            p.network / p.great_circle
        );
    }
    assert!(
        median <= max_median && p95 <= max_p95,
        "{mode:?} circuity median {median:.3} / p95 {p95:.3} misses the issue-8 target {max_median} / {max_p95} (see data/europe/README.md, Realism checks)"
    );
}

#[test]
fn road_circuity_is_realistic() {
    circuity(&load(), Mode::Road, 1.30, 1.60);
}

#[test]
fn rail_circuity_is_realistic() {
    circuity(&load(), Mode::Rail, 1.40, 1.80);
}

/// One row of `tests/data/real_distances.csv`.
struct RealDistance {
    from: String,
    to: String,
    mode: Mode,
    real_km: f64,
    source: String,
}

fn real_distances() -> Vec<RealDistance> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real_distances.csv");
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (f, t, m, k, s) = (
        col("from_hub"),
        col("to_hub"),
        col("mode"),
        col("real_km"),
        col("source"),
    );
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            RealDistance {
                from: r[f].to_string(),
                to: r[t].to_string(),
                mode: match &r[m] {
                    "road" => Mode::Road,
                    "rail" => Mode::Rail,
                    other => panic!("mode {other}"),
                },
                real_km: r[k].parse().unwrap(),
                source: r[s].to_string(),
            }
        })
        .collect()
}

#[test]
fn shortest_distances_match_real_distances() {
    let net = load();
    let rows = real_distances();
    assert!(rows.len() >= 20, "only {} reference pairs", rows.len());
    let graphs: BTreeMap<&str, Graph> = [("road", Mode::Road), ("rail", Mode::Rail)]
        .into_iter()
        .map(|(n, m)| (n, graph(&net, m)))
        .collect();
    eprintln!(
        "{:<28} {:<28} {:<4} {:>8} {:>8} {:>7}",
        "from", "to", "mode", "network", "real", "dev %"
    );
    let mut bad = Vec::new();
    for r in &rows {
        let g = &graphs[if r.mode == Mode::Road { "road" } else { "rail" }];
        let (a, b) = (
            *g.index
                .get(&r.from)
                .unwrap_or_else(|| panic!("unknown hub {}", r.from)),
            *g.index
                .get(&r.to)
                .unwrap_or_else(|| panic!("unknown hub {}", r.to)),
        );
        let d = dijkstra(g, a)[b];
        let dev = 100.0 * (d - r.real_km) / r.real_km;
        eprintln!(
            "{:<28} {:<28} {:<4} {:>8.0} {:>8.0} {:>+7.1}",
            r.from,
            r.to,
            if r.mode == Mode::Road { "road" } else { "rail" },
            d,
            r.real_km,
            dev
        );
        assert!(
            !r.source.trim().is_empty(),
            "{} - {}: no source",
            r.from,
            r.to
        );
        if dev.abs() > 15.0 || !d.is_finite() {
            bad.push(format!("{} - {} ({dev:+.1} %)", r.from, r.to));
        }
    }
    assert!(bad.is_empty(), "more than 15 % off: {bad:?}");
}

#[test]
fn driving_limit_costs_little_detour() {
    let net = load();
    let g = graph(&net, Mode::Road);
    let hubs: Vec<&Hub> = g.ids.iter().map(|id| net.hub(id).unwrap()).collect();
    let rest: Vec<bool> = hubs
        .iter()
        .map(|h| {
            [
                HubKind::ConvoySupportCentre,
                HubKind::StagingArea,
                HubKind::LogisticsHub,
                HubKind::HaltArea,
            ]
            .into_iter()
            .any(|k| h.is(k))
        })
        .collect();
    let pairs = mainland_pairs(&net, &g, ISLAND_HUBS);
    let mut by_origin: BTreeMap<usize, Vec<&Pair>> = BTreeMap::new();
    for p in &pairs {
        by_origin.entry(p.a).or_default().push(p);
    }
    let mut ratios = Vec::with_capacity(pairs.len());
    let mut worst: Vec<(f64, usize, usize)> = Vec::new();
    for (&a, ps) in &by_origin {
        let limited = dijkstra_with_rests(&g, a, &rest, DRIVING_LIMIT_H);
        for p in ps {
            let r = limited[p.b] / p.network;
            ratios.push(r);
            worst.push((r, p.a, p.b));
        }
    }
    ratios.sort_by(f64::total_cmp);
    let within = ratios.iter().filter(|&&r| r <= 1.05).count() as f64 / ratios.len() as f64;
    let unreachable = ratios.iter().filter(|r| r.is_infinite()).count();
    eprintln!(
        "driving limit {DRIVING_LIMIT_H} h/day, rest halts at {} hubs: over {} mainland road pairs, {:.1} % lengthened by <= 5 % (target >= 95 %), median x{:.3}, p95 x{:.3}, {unreachable} unreachable",
        rest.iter().filter(|&&r| r).count(),
        ratios.len(),
        100.0 * within,
        percentile(&ratios, 0.5),
        percentile(&ratios, 0.95)
    );
    worst.sort_by(|x, y| y.0.total_cmp(&x.0));
    for &(r, a, b) in worst.iter().take(5) {
        eprintln!("  worst: {} - {}: x{r:.2}", g.ids[a], g.ids[b]);
    }
    assert!(within >= 0.95, "only {:.1} % within 5 %", 100.0 * within);
}

/// The 2020 Panzerbataillon 104 move: loaded at the Nabburg railhead
/// (Bavaria), unloaded at Rukla (LT), whose railhead is broad gauge; the
/// 1,520 mm network must reach Rukla from the PL–LT gauge break at
/// Šeštokai/Mockava and from Kaunas.
#[test]
fn nabburg_and_rukla_railheads() {
    let net = load();
    let nabburg = net.hub("DE-NABBURG-RH").expect("Nabburg railhead");
    assert!(nabburg.is(HubKind::Railhead));
    assert!((nabburg.lat() - 49.45).abs() < 0.05 && (nabburg.lon() - 12.18).abs() < 0.05);
    let at = |id: &'static str| net.links().filter(move |l| l.from == id || l.to == id);
    let modes_at = |id: &'static str| -> Vec<Mode> { at(id).map(|l| l.mode).collect() };
    assert!(modes_at("DE-NABBURG-RH").contains(&Mode::Rail));
    assert!(modes_at("DE-NABBURG-RH").contains(&Mode::Road));

    let rukla_rail: Vec<_> = at("LT-RUKLA-SA").filter(|l| l.mode == Mode::Rail).collect();
    assert!(!rukla_rail.is_empty());
    for l in &rukla_rail {
        assert_eq!(l.limits.gauge_mm, Some(1520), "{} at Rukla", l.id);
    }
    // Broad-gauge-only reachability of Rukla.
    let mut broad: HashMap<&str, Vec<&str>> = HashMap::new();
    for l in net
        .links()
        .filter(|l| l.mode == Mode::Rail && l.limits.gauge_mm == Some(1520))
    {
        broad.entry(&l.from).or_default().push(&l.to);
        if !l.oneway {
            broad.entry(&l.to).or_default().push(&l.from);
        }
    }
    for start in ["LT-SESTOKAI-RT", "LT-KAUNAS-RT"] {
        assert!(
            net.hub(start).unwrap().gauge_change_min.is_some(),
            "{start} changes gauge"
        );
        let mut seen = vec![start];
        let mut stack = vec![start];
        while let Some(u) = stack.pop() {
            for &v in broad.get(u).map(Vec::as_slice).unwrap_or(&[]) {
                if !seen.contains(&v) {
                    seen.push(v);
                    stack.push(v);
                }
            }
        }
        assert!(
            seen.contains(&"LT-RUKLA-SA"),
            "Rukla not on 1520 mm from {start}"
        );
    }
    eprintln!("Nabburg railhead: rail and road; Rukla: 1520 mm, reached on broad gauge from Šeštokai and Kaunas");
}
