//! Transport assets that must come back before they carry again, as a
//! planning tool declares them through the API (in a movement order they
//! are the `[assets]` table, `data/FORMAT.md`).
//!
//! 1. A tank company (14 Leopard 2A6) from Bergen-Hohne to Grafenwöhr on a
//!    fleet of only 7 HETs: the first half rides, the HETs drive back empty
//!    and the second half waits for them (reason `asset`).
//! 2. A Boxer battalion (120 vehicles) from Kiel to Klaipėda on one Ro-Ro
//!    ferry taking 50 vehicles a sailing: three sailings, the ferry sailing
//!    back empty between them.
//!
//! The fleet sizes and the ferry's capacity are illustrative. Run with
//! `cargo run --release --example transport_assets`.

use chrono::{TimeZone, Utc};
use milmob::force::{CarriagePolicy, VehicleCatalogue};
use milmob::movement::{
    ForceElement, HetPool, MoveOptions, MovementPlan, MovementPlanner, ShipPool, TransportAssets,
};
use milmob::network::Network;
use milmob::permits::{Calendars, PermitRegime};

fn element(
    id: &str,
    vehicles: (&str, u32),
    from: &str,
    to: &str,
    carriage: CarriagePolicy,
) -> ForceElement {
    ForceElement {
        id: id.into(),
        vehicles: vec![(vehicles.0.to_string(), vehicles.1)],
        origin: from.into(),
        destination: to.into(),
        carriage,
        earliest_departure: Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap(),
        priority: 1,
        max_self_propelled_km: None,
    }
}

/// Plans `force` with `assets` and prints what the assets did.
fn show(
    network: &Network,
    title: &str,
    force: &[ForceElement],
    assets: TransportAssets,
) -> Result<MovementPlan, Box<dyn std::error::Error>> {
    let planner = MovementPlanner::new(
        network,
        VehicleCatalogue::builtin(),
        PermitRegime::builtin("pledge-2024")?,
        Calendars::new(),
        MoveOptions {
            assets,
            // Permits requested a week ahead: the assets, not the permits,
            // pace these moves.
            permit_request: Some(Utc.with_ymd_and_hms(2026, 2, 23, 8, 0, 0).unwrap()),
            ..MoveOptions::default()
        },
    );
    let plan = planner.plan(force)?;
    let hours = |t: chrono::DateTime<Utc>| (t - plan.epoch).num_minutes() as f64 / 60.0;
    println!("## {title}");
    println!(
        "closure {:.1} h after the first departure (lower bound {:.1} h); {} unit(s)",
        hours(plan.closure_time),
        hours(plan.lower_bound),
        plan.units.len()
    );
    for u in &plan.units {
        let waited: f64 = u
            .waits
            .iter()
            .filter(|w| w.reason == "asset")
            .map(|w| (w.end - w.start).num_minutes() as f64 / 60.0)
            .fold(0.0, |a, b| a + b);
        println!(
            "  {:<14} arrives {:>6.1} h, waited {:>5.1} h for its transport",
            u.id,
            hours(u.arrive),
            waited
        );
    }
    println!("asset movements (loaded = carrying a unit):");
    for a in &plan.asset_uses {
        println!(
            "  {:<24} #{:<2} {:<6} {} → {}  {:>6.1} h – {:>6.1} h  ({})",
            a.pool,
            a.instance.map_or(String::from("-"), |i| i.to_string()),
            if a.loaded { "loaded" } else { "empty" },
            a.from,
            a.to,
            hours(a.start),
            hours(a.end),
            a.unit
        );
    }
    for u in &plan.unrouted {
        println!("  {}: no route ({})", u.id, u.reason);
    }
    let failed: Vec<_> = plan.checks.iter().filter(|c| !c.passed).collect();
    println!(
        "checks: {} passed, {} failed\n",
        plan.checks.len() - failed.len(),
        failed.len()
    );
    Ok(plan)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let network = Network::load("data/europe")?;

    let company = [element(
        "PzKp-1",
        ("leopard_2a6", 14),
        "DE-BERGEN-HOHNE-SA",
        "DE-GRAFENWOHR-SA",
        CarriagePolicy::Het,
    )];
    let hets = TransportAssets {
        het: vec![HetPool {
            home: "DE-BERGEN-HOHNE-SA".into(),
            count: 7,
            turnaround_min: 60.0,
        }],
        ..TransportAssets::default()
    };
    let p = show(&network, "A tank company on 7 HETs", &company, hets)?;
    assert!(p
        .units
        .iter()
        .any(|u| u.waits.iter().any(|w| w.reason == "asset")));

    let battalion = [element(
        "Boxer-Btl",
        ("boxer", 120),
        "DE-KIEL-PORT",
        "LT-KLAIPEDA-PORT",
        CarriagePolicy::Sea,
    )];
    let ferry = TransportAssets {
        ship: vec![ShipPool {
            id: "ro-ro ferry".into(),
            count: 1,
            ports: vec!["DE-KIEL-PORT".into(), "LT-KLAIPEDA-PORT".into()],
            vehicles: Some(50),
            lane_m: None,
            turnaround_min: 240.0,
        }],
        ..TransportAssets::default()
    };
    let p = show(
        &network,
        "A Boxer battalion on one ferry",
        &battalion,
        ferry,
    )?;
    assert_eq!(p.assets_used.sailings, 3);
    Ok(())
}
