//! One topology, many loads, what-if closures: the routing core as a
//! planning tool embeds it.
//!
//! What it shows:
//! - the five-line front door: [`Planner`] (network + vehicles + regime →
//!   arrival);
//! - one [`Topology`] built once for `data/europe`, shared by a [`Router`]
//!   per load (a Boxer company, a tank company): the node and arc ids are the
//!   same for both, only the [`Metric`](milmob::routing::Metric) differs;
//! - which links each load may not use, and why (typed [`LimitKind`]s);
//! - a what-if: the A2 Oder crossing at Świecko closed for six days
//!   ([`Closure`]), re-planned with the A* bound computed once
//!   ([`Router::bound_to`], [`Router::route_with`]);
//! - [`Router::explain`] when a closure cuts every route.
//!
//! Run it with:
//!
//! ```sh
//! cargo run --release --example shared_topology
//! ```

use std::error::Error;

use chrono::{Duration, TimeZone, Utc};
use milmob::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::network::LimitKind;
use milmob::permits::{Calendars, PermitRegime};
use milmob::routing::{
    Closure, DrivingRule, Planner, RegimePermits, RouteRequest, Router, TdSpace, Topology,
};
use milmob::Network;

fn main() -> Result<(), Box<dyn Error>> {
    let network = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/europe"))?;
    let depart = Utc.with_ymd_and_hms(2026, 3, 2, 5, 0, 0).unwrap();

    // The front door.
    let planner =
        Planner::new(&network, &[("boxer", 12)], "pledge-2024")?.carriage(&CarriagePolicy::Road)?; // a road march on their own wheels
    let outcome = planner.route("DE-BERGEN-HOHNE-SA", "PL-ORZYSZ-SA", depart)?;
    if let Some(r) = outcome.best() {
        println!(
            "12 Boxer Bergen-Hohne → Orzysz: arrive {} ({:.0} km, {:.1} h)",
            r.arrival, r.distance_km, r.duration_h
        );
    }

    // One topology, a router per load.
    let topology = Topology::build(&network);
    println!(
        "\ntopology: {} hubs, {} links, {} nodes, {} arcs (~{} KiB), shared by every load",
        topology.hub_count(),
        topology.link_count(),
        topology.node_count(),
        topology.arc_count(),
        topology.heap_bytes() / 1024
    );
    let cat = VehicleCatalogue::builtin();
    let boxers = LoadProfile::for_group(cat, &[("boxer", 12)], &CarriagePolicy::Road)?;
    let tanks = LoadProfile::for_group(cat, &[("leopard_2a6", 14)], &CarriagePolicy::Road)?;
    for (name, load) in [("12 Boxer", &boxers), ("14 Leopard 2A6 on tracks", &tanks)] {
        let router = Router::with_topology(&topology, load);
        let mut by_kind = std::collections::BTreeMap::<LimitKind, usize>::new();
        for x in router.excluded_links() {
            for r in &x.reasons {
                *by_kind.entry(r.limit).or_default() += 1;
            }
        }
        println!(
            "{name}: {} links excluded {by_kind:?}",
            router.excluded_links().len()
        );
    }

    // What-if: the Świecko (A2, Frankfurt (Oder)) road crossing closed for six days.
    let router = Router::with_topology(&topology, &boxers);
    let regime = PermitRegime::builtin("pledge-2024")?;
    let calendars = Calendars::new();
    let permits = RegimePermits {
        regime: &regime,
        calendars: &calendars,
        class: cargo_class(&boxers),
        framework: None,
    };
    let bound = router.bound_to("PL-ORZYSZ-SA")?; // once; valid under any closure
    let mut req = RouteRequest {
        driving: Some(DrivingRule::hours(10.0, 14.0)),
        ..RouteRequest::new("DE-BERGEN-HOHNE-SA", "PL-ORZYSZ-SA", depart)
    };
    let mut space = TdSpace::new();
    let base = router.route_with(&req, &permits, &bound, &mut space)?;
    let Some(hub) = topology.hub_by_id("PL-SWIECKO-BX") else {
        println!("(no Świecko hub in this network version)");
        return Ok(());
    };
    req.closures = vec![Closure::hub(hub).between(depart, depart + Duration::days(6))];
    let closed = router.route_with(&req, &permits, &bound, &mut space)?;
    if let (Some(a), Some(b)) = (base.best(), closed.best()) {
        println!(
            "\nŚwiecko closed 6 days: arrival {} → {} ({:+.1} h), {} → {} km",
            a.arrival,
            b.arrival,
            (b.arrival - a.arrival).num_minutes() as f64 / 60.0,
            a.distance_km.round(),
            b.distance_km.round()
        );
    }
    // Closed for good, and the destination cut off: why?
    req.closures = vec![Closure::hub(topology.hub_by_id("PL-ORZYSZ-SA").unwrap())];
    let why = router.explain(&req, &permits, &mut space)?;
    println!("\nOrzysz closed: {}", why.reason);
    Ok(())
}
