//! Movement planning benchmark: plan the bundled scenarios over the
//! European network — the brigade (about 2,000 vehicles) and the division
//! (about 10,000 vehicles along three corridors), the targets (≤ 1 s and
//! ≤ 10 s), and the EU RDC package and Atlantic Resolve 2017 — splitting,
//! every unit alone, the orderings of capacity-constrained routing in
//! parallel, the improvement round, both lower bounds (min cuts and the
//! time-expanded max-flow) and the checks, all included.

use std::path::PathBuf;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use milmob::force::VehicleCatalogue;
use milmob::movement::{MovementOrder, MovementPlanner};
use milmob::permits::{Calendars, PermitRegime};
use milmob::Network;

fn plan_scenario(c: &mut Criterion, name: &str) {
    let file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("data/scenarios/{name}.toml"));
    let order = MovementOrder::load(&file, VehicleCatalogue::builtin()).expect("order");
    let network = Network::load(&order.network).expect("network");
    let planner = MovementPlanner::new(
        &network,
        VehicleCatalogue::builtin(),
        PermitRegime::builtin(&order.regime).expect("regime"),
        Calendars::new(),
        order.options.clone(),
    );
    let mut g = c.benchmark_group("movement");
    g.sample_size(10);
    g.bench_function(format!("plan_{name}"), |b| {
        b.iter(|| black_box(planner.plan(&order.elements).expect("plan").closure_time))
    });
    g.finish();
}

fn brigade(c: &mut Criterion) {
    plan_scenario(c, "brigade-lithuania");
}

fn division(c: &mut Criterion) {
    plan_scenario(c, "division-three-corridors");
}

fn rdc(c: &mut Criterion) {
    plan_scenario(c, "rdc-greece-romania");
}

fn atlantic_resolve(c: &mut Criterion) {
    plan_scenario(c, "atlantic-resolve-2017");
}

criterion_group!(benches, brigade, division, rdc, atlantic_resolve);
criterion_main!(benches);
