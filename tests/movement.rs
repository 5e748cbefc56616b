//! Moving a force through shared capacity: plans on the bundled network and
//! on small networks, checked by an independent plan checker (this file,
//! not the scheduler) and against the lower bound.

use chrono::{DateTime, TimeZone, Utc};
use milmob::force::{CarriagePolicy, VehicleCatalogue};
use milmob::movement::{ForceElement, MoveOptions, MovementPlan, MovementPlanner};
use milmob::permits::{Calendars, PermitRegime};
use milmob::Network;

fn europe() -> Network {
    Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/europe")).unwrap()
}

fn depart() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap()
}

fn element(id: &str, vehicles: &[(&str, u32)], from: &str, to: &str, carriage: CarriagePolicy) -> ForceElement {
    ForceElement {
        id: id.into(),
        vehicles: vehicles.iter().map(|(v, c)| (v.to_string(), *c)).collect(),
        origin: from.into(),
        destination: to.into(),
        carriage,
        earliest_departure: depart(),
        priority: 1,
    }
}

fn plan(net: &Network, regime: &str, force: &[ForceElement]) -> MovementPlan {
    let planner = MovementPlanner::new(
        net,
        VehicleCatalogue::builtin(),
        PermitRegime::builtin(regime).unwrap(),
        Calendars::new(),
        MoveOptions::default(),
    );
    planner.plan(force).unwrap()
}

#[test]
fn tank_battalion_by_rail_to_lithuania() {
    let net = europe();
    let force = [element(
        "PzBtl",
        &[("leopard_2a6", 44), ("bergepanzer_3", 4)],
        "DE-NABBURG-RH",
        "LT-RUKLA-SA",
        CarriagePolicy::Rail,
    )];
    let p = plan(&net, "pledge-2024", &force);
    eprintln!(
        "closure {} bound {} gap {:.3} ({}) units {} assets {:?}",
        p.closure_time, p.lower_bound, p.gap, p.bound_basis, p.units.len(), p.assets_used
    );
    for c in &p.checks {
        eprintln!("  check {}: {} ({})", c.name, c.passed, c.detail);
        assert!(c.passed, "{c:?}");
    }
    for u in &p.units {
        eprintln!("  {} {} → {} ({:.0} km)", u.id, u.depart, u.arrive, u.distance_km);
    }
    eprintln!("{:?}", p.time_by_cause);
    for x in &p.utilisation {
        eprintln!("  {} {} units {} peak {:.2} mean {:.2}", x.kind, x.id, x.units, x.peak, x.mean);
    }
    assert!(p.closure_time >= p.lower_bound);
    assert_eq!(p.vehicles, 48);
}
