//! Bottleneck analysis benchmark: criticality of every link on the routes
//! of 100 random OD pairs on `../shared/data/graphs/bremen_time.gr`, milmob's
//! exact algorithm (A* on the intact distances to the target, prefix
//! seeding, early exit, rayon) against the naive reference (a full
//! recomputation per removed link), side by side in one run; then the
//! force-level ranking of the brigade scenario (`milmob bottlenecks`).
//!
//! `cargo bench --bench bottlenecks` prints both times and the ratio
//! (target ≥ 10×) before criterion's own samples. The NetworkX peer runs on
//! the same pairs: `python3 benches/peers/networkx_criticality.py` (see
//! benches/peers/README.md). The pairs are written to
//! `target/bottlenecks_od.csv` for it.

use std::path::PathBuf;
use std::time::Instant;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use milmob::analysis::{criticality, criticality_naive, rank, CriticalityOptions, RankOptions};
use milmob::force::VehicleCatalogue;
use milmob::io::dimacs::read_arcs;
use milmob::movement::MovementOrder;
use milmob::permits::{Calendars, PermitRegime};
use milmob::routing::{NodeIdx, Topology};
use milmob::Network;

/// SplitMix64, as in the tests (deterministic pairs).
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % u64::from(n)) as u32
    }
}

/// The 100 OD pairs of the benchmark (node ids of the file), also written
/// for the peer script.
pub fn pairs(node_ids: &[u64], count: usize) -> Vec<(u32, u32)> {
    let mut rng = SplitMix(0xB0771E);
    let n = node_ids.len() as u32;
    (0..count).map(|_| (rng.below(n), rng.below(n))).collect()
}

fn bremen(c: &mut Criterion) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/graphs/bremen_time.gr");
    if !path.exists() {
        eprintln!("SKIPPED: {} not found", path.display());
        return;
    }
    let file = read_arcs(&path).expect("arc file");
    let (g, m) = Topology::from_arc_file(&file).expect("topology");
    let idx = pairs(&file.node_ids, 100);
    let od: Vec<(NodeIdx, NodeIdx)> = idx.iter().map(|&(s, t)| (NodeIdx(s), NodeIdx(t))).collect();
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bottlenecks_od.csv");
    let text: String = std::iter::once("from,to\n".to_string())
        .chain(idx.iter().map(|&(s, t)| {
            format!(
                "{},{}\n",
                file.node_ids[s as usize], file.node_ids[t as usize]
            )
        }))
        .collect();
    let _ = std::fs::write(&out, text);
    let opts = CriticalityOptions::default();
    // Side by side, once each (plus a warm-up of the fast one).
    let _ = criticality(&g, &m, &od, &opts);
    let t0 = Instant::now();
    let fast = criticality(&g, &m, &od, &opts);
    let fast_s = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let naive = criticality_naive(&g, &m, &od, false);
    let naive_s = t0.elapsed().as_secs_f64();
    assert_eq!(fast, naive, "fast and naive criticality differ");
    let links: usize = fast.iter().map(|r| r.links.len()).sum();
    let threads = rayon::current_num_threads();
    eprintln!(
        "bremen_time.gr, 100 OD pairs, {links} path links: milmob {:.3} s ({threads} threads), naive {:.3} s: {:.1}x (identical numbers); pairs in {}",
        fast_s,
        naive_s,
        naive_s / fast_s,
        out.display()
    );
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let t0 = Instant::now();
    let single = one.install(|| criticality(&g, &m, &od, &opts));
    let single_s = t0.elapsed().as_secs_f64();
    assert_eq!(single, fast);
    eprintln!(
        "  milmob on 1 thread: {single_s:.3} s ({:.1}x the naive)",
        naive_s / single_s
    );
    let mut grp = c.benchmark_group("bottlenecks");
    grp.sample_size(10);
    grp.bench_function("criticality_bremen_100_pairs", |b| {
        b.iter(|| black_box(criticality(&g, &m, &od, &opts).len()))
    });
    grp.finish();
}

fn brigade(c: &mut Criterion) {
    let file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/brigade-lithuania.toml");
    let order = MovementOrder::load(&file, VehicleCatalogue::builtin()).expect("order");
    let network = Network::load(&order.network).expect("network");
    let regime = PermitRegime::builtin(&order.regime).expect("regime");
    let calendars = Calendars::new();
    let run = || {
        rank(
            &network,
            VehicleCatalogue::builtin(),
            &regime,
            &calendars,
            &order.options,
            &order.elements,
            &RankOptions::default(),
        )
        .expect("ranking")
    };
    let t0 = Instant::now();
    let r = run();
    eprintln!(
        "brigade-lithuania ranking: {} re-plans in {:.1} s",
        r.replans,
        t0.elapsed().as_secs_f64()
    );
    // One run is the measurement (a ranking takes seconds; criterion's ten
    // samples would take minutes).
    let _ = c;
}

criterion_group!(benches, bremen, brigade);
criterion_main!(benches);
