use milmob::analysis::{Conditions, Replanner};
use milmob::force::VehicleCatalogue;
use milmob::movement::{MovementOrder, MovementPlanner};
use milmob::permits::{Calendars, PermitRegime};
use milmob::routing::Closure;
use milmob::Network;
use std::time::Instant;

fn main() {
    let order = MovementOrder::load(
        "data/scenarios/brigade-lithuania.toml",
        VehicleCatalogue::builtin(),
    )
    .unwrap();
    let network = Network::load(&order.network).unwrap();
    let regime = PermitRegime::builtin(&order.regime).unwrap();
    let cal = Calendars::new();
    let t = Instant::now();
    let mp = MovementPlanner::new(
        &network,
        VehicleCatalogue::builtin(),
        regime.clone(),
        Calendars::new(),
        order.options.clone(),
    );
    let plan = mp.plan(&order.elements).unwrap();
    println!(
        "movement planner {:.3}s closure {}",
        t.elapsed().as_secs_f64(),
        plan.closure_time
    );
    let rp = Replanner::new(
        &network,
        VehicleCatalogue::builtin(),
        &regime,
        &cal,
        &order.options,
    );
    let t = Instant::now();
    let p = rp.prepare(&order.elements).unwrap();
    println!("prepare {:.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let s = rp.plan(&p, &Conditions::default()).unwrap();
    println!(
        "replan {:.3}s closure {} units {}",
        t.elapsed().as_secs_f64(),
        s.closure_time,
        s.units.len()
    );
    let same = plan
        .units
        .iter()
        .zip(&s.units)
        .all(|(a, b)| a.id == b.id && a.arrive == b.arrive);
    println!("same units/arrivals: {same}");
    let h = rp.topology().hub_by_id("DE-NABBURG-RH").unwrap();
    let t = Instant::now();
    let s = rp
        .plan(
            &p,
            &Conditions {
                closures: vec![Closure::hub(h)],
                reductions: vec![],
            },
        )
        .unwrap();
    println!(
        "origin closed {:.3}s unrouted {}",
        t.elapsed().as_secs_f64(),
        s.unrouted.len()
    );
    let l = rp
        .topology()
        .link_by_id(
            &plan.units[0]
                .steps
                .iter()
                .find_map(|s| s.link.clone())
                .unwrap(),
        )
        .unwrap();
    let t = Instant::now();
    let s = rp
        .plan(
            &p,
            &Conditions {
                closures: vec![Closure::link(l)],
                reductions: vec![],
            },
        )
        .unwrap();
    println!(
        "link closed {:.3}s closure {}",
        t.elapsed().as_secs_f64(),
        s.closure_time
    );
    let base = rp.baseline(&p).unwrap();
    let mut diff = 0;
    let t = Instant::now();
    let mut links: Vec<_> = s.units.iter().flat_map(|u| u.link_path.clone()).collect();
    links.sort();
    links.dedup();
    let mut full_t = 0.0;
    let mut from_t = 0.0;
    for &l in links.iter().take(20) {
        let d = Conditions {
            closures: vec![Closure::link(l)],
            reductions: vec![],
        };
        let t1 = Instant::now();
        let a = rp.plan(&p, &d).unwrap();
        full_t += t1.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let b = rp.plan_from(&p, &base, &d, &[]).unwrap();
        from_t += t1.elapsed().as_secs_f64();
        if a.closure_time != b.closure_time || a.unrouted.len() != b.unrouted.len() {
            diff += 1;
            println!(
                "diff {} {} {}",
                rp.topology().link(l).id,
                a.closure_h,
                b.closure_h
            );
        }
    }
    println!(
        "20 links: full {full_t:.2}s from-baseline {from_t:.2}s, {diff} differ ({:.1}s)",
        t.elapsed().as_secs_f64()
    );
}

#[allow(dead_code)]
fn unused() {}
