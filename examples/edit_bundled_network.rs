//! Load the bundled network, edit it in code — raise a bridge's military
//! load class and add a new bridge — and re-plan the same movement.
//!
//! What it shows:
//! - [`Network::load`] of `data/europe` and a route for a Leopard 2A6
//!   platoon driving on its own tracks ([`Planner`] with carriage `road`);
//! - [`Network::update_link`]: raise the military load class of the road
//!   out of Bergen-Hohne (MLC 60 tracked, too low for a Leopard 2A6 at
//!   MLC 70), as an upgrade programme would;
//! - [`Network::remove_link`] and [`Network::add_link`]: the A12 Oder
//!   bridge out of service, then a new bridge beside it (MLC 100) — both
//!   illustrative;
//! - re-planning on the edited network and comparing arrival and distance.
//!
//! Run it with:
//!
//! ```sh
//! cargo run --release --example edit_bundled_network
//! ```

use std::error::Error;

use milmob::force::CarriagePolicy;
use milmob::routing::{Planner, Route};
use milmob::{Link, Mode, Network};

const FROM: &str = "DE-BERGEN-HOHNE-SA";
const TO: &str = "PL-ORZYSZ-SA";

/// The platoon's route on `network`, by road on its own tracks.
fn plan(network: &Network) -> Result<Route, Box<dyn Error>> {
    let planner = Planner::new(network, &[("leopard_2a6", 4)], "pledge-2024")?
        .carriage(&CarriagePolicy::Road)?;
    let depart = "2026-03-02T06:00:00+01:00".parse()?;
    let outcome = planner.route(FROM, TO, depart)?;
    Ok(outcome.best().ok_or("no route")?.clone())
}

fn show(label: &str, r: &Route) {
    println!(
        "{label}: arrives {} after {:.1} h, {:.0} km",
        r.arrival.format("%Y-%m-%d %H:%M UTC"),
        r.duration_h,
        r.distance_km
    );
    println!("    via {}", r.links.join(" "));
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut network = Network::load("data/europe")?;
    let before = plan(&network)?;
    show("as bundled", &before);

    // 1. The road out of Bergen-Hohne to Hannover carries MLC 60 tracked
    //    (illustrative): a Leopard 2A6 (MLC 70) must detour by Walsrode.
    //    Raise it to MLC 80, as a bridge upgrade would.
    network.update_link("R-BERGEN-HOHNE-HANNOVER", |l| {
        l.limits.mlc_tracked = Some(80)
    })?;
    let raised = plan(&network)?;
    show("R-BERGEN-HOHNE-HANNOVER raised to MLC 80", &raised);

    // 2. The A12 Oder bridge is out (e.g. closed for repair): take it out
    //    and see the detour…
    let old = network.remove_link("R-FRANKFURT-ODER-SWIECKO")?;
    let detour = plan(&network)?;
    show("without the A12 Oder bridge", &detour);

    // …then add a new bridge beside it (illustrative: 3 km, MLC 100).
    let mut bridge = Link::new("R-NEW-ODER-BRIDGE", &old.from, &old.to, Mode::Road, 3.0);
    bridge.limits.mlc_tracked = Some(100);
    bridge.limits.mlc_wheeled = Some(100);
    bridge.name = Some("new Oder bridge (what-if)".into());
    bridge.source = Some("illustrative: a what-if bridge".into());
    network.add_link(bridge)?;
    let after = plan(&network)?;
    show("with the new Oder bridge", &after);
    println!(
        "\nfrom the bundled network to the last edit: {:+.1} h, {:+.0} km; the new bridge is {}used",
        after.duration_h - before.duration_h,
        after.distance_km - before.distance_km,
        if after.links.iter().any(|l| l == "R-NEW-ODER-BRIDGE") { "" } else { "not " }
    );
    Ok(())
}
