//! Apply a disruption and re-plan: the brigade's move to Lithuania with the
//! Oder rail bridge at Frankfurt (Oder) lost for 96 h, baseline vs disrupted.
//!
//! Run: `cargo run --release --example disruption_replan`
//! (the CLI equivalent is `milmob disrupt data/scenarios/brigade-lithuania.toml
//! data/scenarios/what-if/brigade-lithuania.oder-bridge.toml`).

use milmob::analysis::{what_if, Disruptions};
use milmob::force::VehicleCatalogue;
use milmob::movement::MovementOrder;
use milmob::permits::{Calendars, PermitRegime};
use milmob::Network;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The scenario: a movement order (force, regime, doctrine) and its network.
    let catalogue = VehicleCatalogue::builtin();
    let order = MovementOrder::load("data/scenarios/brigade-lithuania.toml", catalogue)?;
    let network = Network::load(&order.network)?;
    let regime = PermitRegime::builtin(&order.regime)?;

    // The what-if: events (links or hubs closed, capacity scaled, a country's
    // rail degraded, …), each optionally time-bounded; ids are checked
    // against the network and errors name the file and line.
    let disruptions = Disruptions::load(
        "data/scenarios/what-if/brigade-lithuania.oder-bridge.toml",
        &network,
    )?;
    for event in &disruptions.events {
        println!("event: {}", event.describe());
    }

    // Baseline and disrupted plans, side by side.
    let c = what_if(
        &network,
        catalogue,
        &regime,
        &Calendars::new(),
        &order.options,
        &order.elements,
        &disruptions,
    )?;
    println!(
        "closure: baseline {:.1} h, disrupted {:.1} h ({:+.1} h)",
        c.baseline_closure_h, c.disrupted_closure_h, c.closure_delta_h
    );
    println!(
        "{} unit(s) delayed (at most {:.1} h), {} cut off ({} vehicles)",
        c.units_delayed,
        c.max_delay_h,
        c.units_cut_off.len(),
        c.vehicles_cut_off
    );
    // The units hit hardest.
    let mut hit: Vec<_> = c
        .units
        .iter()
        .filter(|u| u.delay_h.unwrap_or(0.0) > 0.0)
        .collect();
    hit.sort_by(|a, b| {
        b.delay_h
            .partial_cmp(&a.delay_h)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for u in hit.iter().take(5) {
        println!("  {:<40} +{:.1} h", u.id, u.delay_h.unwrap_or(0.0));
    }
    Ok(())
}
