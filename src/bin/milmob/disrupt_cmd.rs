//! `milmob disrupt`: a movement order re-planned under a disruption file,
//! side by side with the baseline (closure, per-unit delays, units cut off).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use milmob::analysis::{what_if, Comparison, Disruptions};
use milmob::force::VehicleCatalogue;
use milmob::permits::Calendars;

use crate::analysis_common::load_scenario;
use crate::{output, print_json, CliError};

/// Arguments of `milmob disrupt`.
#[derive(Args)]
pub struct DisruptArgs {
    /// Movement order (TOML; see data/FORMAT.md).
    scenario: PathBuf,
    /// Disruption file (TOML; see data/FORMAT.md, "Disruption files").
    disruptions: PathBuf,
    /// JSON output (the comparison with both plans).
    #[arg(long)]
    json: bool,
}

pub fn run(a: DisruptArgs) -> Result<ExitCode, CliError> {
    let sc = load_scenario(&a.scenario)?;
    let d = Disruptions::load(&a.disruptions, &sc.network).map_err(milmob::Error::from)?;
    let calendars = Calendars::new();
    let c = what_if(
        &sc.network,
        VehicleCatalogue::builtin(),
        &sc.regime,
        &calendars,
        &sc.order.options,
        &sc.order.elements,
        &d,
    )?;
    if a.json {
        print_json(&c)?;
    } else {
        output::write_str(&markdown(&sc.order.name, &c))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The comparison as Markdown.
pub fn markdown(scenario: &str, c: &Comparison) -> String {
    let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
    let mut s = format!("# {scenario} — {}\n\n", c.name);
    s.push_str("Events:\n");
    for e in &c.events {
        s.push_str(&format!("- {e}\n"));
    }
    let b = &c.baseline;
    let d = &c.disrupted;
    s.push_str("\n| | baseline | disrupted | change |\n|---|---|---|---:|\n");
    s.push_str(&format!(
        "| closure | {} | {} | {:+.1} h |\n",
        fmt(c.baseline_closure),
        fmt(c.disrupted_closure),
        c.closure_delta_h
    ));
    s.push_str(&format!(
        "| h after first departure | {:.1} | {:.1} | {:+.1} |\n",
        c.baseline_closure_h, c.disrupted_closure_h, c.closure_delta_h
    ));
    s.push_str(&format!(
        "| units routed | {} | {} | {:+} |\n",
        b.units.len(),
        d.units.len(),
        d.units.len() as i64 - b.units.len() as i64
    ));
    s.push_str(&format!(
        "| vehicles arrived | {} of {} | {} of {} | {:+} |\n",
        b.vehicles_arrived,
        b.vehicles,
        d.vehicles_arrived,
        d.vehicles,
        i64::from(d.vehicles_arrived) - i64::from(b.vehicles_arrived)
    ));
    for cause in [
        "capacity", "closure", "window", "permit", "movement", "rest",
    ] {
        let x = c.baseline_time_by_cause.get(cause).copied().unwrap_or(0.0);
        let y = c.disrupted_time_by_cause.get(cause).copied().unwrap_or(0.0);
        s.push_str(&format!(
            "| unit-h {cause} | {x:.1} | {y:.1} | {:+.1} |\n",
            y - x
        ));
    }
    s.push_str(&format!(
        "\n{} unit(s) delayed (at most {:.1} h); {} unit(s) cut off ({} vehicles).\n",
        c.units_delayed,
        c.max_delay_h,
        c.units_cut_off.len(),
        c.vehicles_cut_off
    ));
    let affected: Vec<_> = c
        .units
        .iter()
        .filter(|u| u.cut_off || u.delay_h.is_some_and(|x| x.abs() >= 0.05))
        .collect();
    if !affected.is_empty() {
        s.push_str("\n| unit | vehicles | baseline arrival | disrupted arrival | delay (h) |\n|---|---:|---|---|---:|\n");
        for u in affected {
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                u.id,
                u.vehicles,
                u.baseline_arrive.map(fmt).unwrap_or_else(|| "—".into()),
                u.disrupted_arrive
                    .map(fmt)
                    .unwrap_or_else(|| "cut off".into()),
                u.delay_h.map(|x| format!("{x:+.1}")).unwrap_or_default()
            ));
        }
    }
    for u in &d.unrouted {
        if c.units_cut_off.contains(&u.id) {
            s.push_str(&format!("\n- {} cut off: {}", u.id, u.reason));
        }
    }
    if !c.units_cut_off.is_empty() {
        s.push('\n');
    }
    s
}
