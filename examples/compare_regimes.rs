//! Compare permit regimes for the same force: what the 2024 Military
//! Mobility Pledge (3 working days) buys against the status quo (about 45
//! days' notice), the 2018 pledge (5 working days) and emergency clearance.
//!
//! What it shows:
//! - running a scenario with [`ScenarioRun::run`]: the movement order is
//!   planned under its own regime and under every regime in its
//!   `compare_regimes`, and the permit plan per country is worked out;
//! - reading each plan's closure, bound and permit waiting time;
//! - the permit plan: per country, the lead time and the submission
//!   deadline that delays no unit.
//!
//! Run it with:
//!
//! ```sh
//! cargo run --release --example compare_regimes
//! ```

use std::error::Error;

use milmob::force::VehicleCatalogue;
use milmob::permits::Calendars;
use milmob::report::ScenarioRun;

fn main() -> Result<(), Box<dyn Error>> {
    let run = ScenarioRun::run(
        "data/scenarios/brigade-lithuania.toml",
        VehicleCatalogue::builtin(),
        &|| Ok(Calendars::new()),
        &mut |p| eprintln!("[{}/{}] {}", p.done, p.total, p.what),
    )?;
    println!("{}\n", run.order.name);
    println!(
        "{:<16} {:>10} {:>10} {:>8} {:>16}",
        "regime", "closure h", "bound h", "gap", "permit wait u-h"
    );
    for p in &run.compared {
        let h = |t: chrono::DateTime<chrono::Utc>| (t - p.epoch).num_seconds() as f64 / 3600.0;
        println!(
            "{:<16} {:>10.1} {:>10.1} {:>7.1}% {:>16.1}",
            p.regime,
            h(p.closure_time),
            h(p.lower_bound),
            p.gap * 100.0,
            p.time_by_cause.get("permit").copied().unwrap_or(0.0)
        );
    }
    println!("\nPermit plan under {}:", run.plan.regime);
    for c in &run.permits {
        println!(
            "  {} {:<12} {:<32} submit by {}",
            c.country,
            c.name,
            c.lead_time,
            c.submit_by.format("%a %Y-%m-%d %H:%M UTC")
        );
    }
    Ok(())
}
