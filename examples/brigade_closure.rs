//! Plan the armoured brigade to Lithuania and print its closure profile.
//!
//! What it shows:
//! - reading a movement order (`data/scenarios/brigade-lithuania.toml`)
//!   with [`MovementOrder::load`] and its network with [`Network::load`];
//! - planning the force under the order's permit regime with a
//!   [`MovementPlanner`] (units share link and hub capacity);
//! - the plan's closure time, certified lower bound and gap, and its
//!   closure profile (share of the force arrived over time), printed as a
//!   small text chart a day at a time.
//!
//! Run it with:
//!
//! ```sh
//! cargo run --release --example brigade_closure
//! ```

use std::error::Error;

use milmob::force::VehicleCatalogue;
use milmob::movement::{MovementOrder, MovementPlanner};
use milmob::permits::{Calendars, PermitRegime};
use milmob::Network;

fn main() -> Result<(), Box<dyn Error>> {
    let catalogue = VehicleCatalogue::builtin();
    let order = MovementOrder::load("data/scenarios/brigade-lithuania.toml", catalogue)?;
    let network = Network::load(&order.network)?;
    let planner = MovementPlanner::new(
        &network,
        catalogue,
        PermitRegime::builtin(&order.regime)?,
        Calendars::new(),
        order.options.clone(),
    );
    let plan = planner.plan(&order.elements)?;
    let h = |t: chrono::DateTime<chrono::Utc>| (t - plan.epoch).num_seconds() as f64 / 3600.0;
    println!("{} — regime {}", order.name, plan.regime);
    println!(
        "{} vehicles in {} units; closure {} ({:.1} h), lower bound {:.1} h, gap {:.1} %",
        plan.vehicles,
        plan.units.len(),
        plan.closure_time.format("%Y-%m-%d %H:%M UTC"),
        h(plan.closure_time),
        h(plan.lower_bound),
        plan.gap * 100.0
    );
    // The closure profile is a step function: the share arrived after each
    // arrival. Sample it at the end of every day after the first departure.
    println!("\nday  arrived");
    let days = (h(plan.closure_time) / 24.0).ceil() as i64;
    for day in 1..=days {
        let t = plan.epoch + chrono::Duration::days(day);
        let share = plan
            .closure_profile
            .iter()
            .take_while(|p| p.time <= t)
            .last()
            .map_or(0.0, |p| p.share);
        let bar = "#".repeat((share * 50.0).round() as usize);
        println!("{day:>3}  {:>5.1} % {bar}", share * 100.0);
    }
    Ok(())
}
