//! Rank bottlenecks and upgrades: which link or hub, lost, costs the brigade
//! most, and which upgrade (a limit raised to MLC 80 / the load's need, a
//! binding capacity doubled) saves most closure time — each measured by
//! re-planning the force, not estimated.
//!
//! Run: `cargo run --release --example rank_bottlenecks` (about 15 s of CPU;
//! the CLI equivalent is `milmob bottlenecks data/scenarios/brigade-lithuania.toml`).

use milmob::analysis::{rank, RankOptions};
use milmob::force::VehicleCatalogue;
use milmob::movement::MovementOrder;
use milmob::permits::{Calendars, PermitRegime};
use milmob::Network;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalogue = VehicleCatalogue::builtin();
    let order = MovementOrder::load("data/scenarios/brigade-lithuania.toml", catalogue)?;
    let network = Network::load(&order.network)?;
    let regime = PermitRegime::builtin(&order.regime)?;

    // Defaults: upgrade limits to MLC 80, capacities × 2, re-plan with the
    // ordering that gave the baseline.
    let options = RankOptions::default();
    let r = rank(
        &network,
        catalogue,
        &regime,
        &Calendars::new(),
        &order.options,
        &order.elements,
        &options,
    )?;
    println!(
        "baseline closure {:.1} h after the first departure ({} re-plans)",
        r.baseline_closure_h, r.replans
    );
    println!("links lost, worst first:");
    for l in r.links.iter().take(5) {
        println!(
            "  {:<28} {:>4} units using, {:+6.1} h, {} unit(s) cut off",
            l.id, l.units_using, l.closure_h_lost, l.units_cut_off
        );
    }
    println!("upgrades, most hours saved first:");
    for h in r.hotspots.iter().take(5) {
        println!("  {:<28} {:<40} {:+.1} h", h.id, h.upgrade, h.hours_saved);
    }
    Ok(())
}
