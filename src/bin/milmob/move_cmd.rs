//! `milmob move`: plan the movement of a force from a movement order.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use milmob::force::VehicleCatalogue;
use milmob::movement::{MovementOrder, MovementPlan, MovementPlanner};
use milmob::permits::{CalendarOverlay, Calendars, PermitRegime};
use milmob::report::{plan_timeline_csv, plan_to_markdown};
use milmob::{Error, Network};

use crate::{output, print_json, CliError};

/// Arguments of `milmob move`.
#[derive(Args)]
pub struct MoveArgs {
    /// Movement order (TOML; see data/FORMAT.md).
    order: PathBuf,
    /// Permit regime, overriding the order's (built-in name or TOML file).
    #[arg(long)]
    regime: Option<String>,
    /// Plan under each of these regimes and compare (comma-separated).
    #[arg(long, value_delimiter = ',')]
    compare_regimes: Vec<String>,
    /// Extra non-working days (TOML overlay, see data/FORMAT.md).
    #[arg(long, value_name = "EXTRA.toml")]
    holidays: Option<PathBuf>,
    /// Print the plan as JSON (an array of plans when comparing regimes).
    #[arg(long, conflicts_with_all = ["markdown", "csv"])]
    json: bool,
    /// Print the Markdown summary.
    #[arg(long, conflicts_with = "csv")]
    markdown: bool,
    /// Print every unit's timeline as CSV.
    #[arg(long)]
    csv: bool,
}

/// A regime by built-in name or file; a name that is neither is a usage
/// error (the same check as `route --regime`).
fn regime(name: &str) -> Result<PermitRegime, CliError> {
    crate::checks::regime(name).map_err(|m| CliError::usage(format!("regime: {m}")))?;
    Ok(if Path::new(name).is_file() {
        PermitRegime::load(name).map_err(Error::from)?
    } else {
        PermitRegime::builtin(name).map_err(Error::from)?
    })
}

pub fn run(a: MoveArgs) -> Result<ExitCode, CliError> {
    let catalogue = VehicleCatalogue::builtin();
    let order = MovementOrder::load(&a.order, catalogue)?;
    let network = Network::load(&order.network)?;
    let calendars = || -> Result<Calendars, Error> {
        Ok(match &a.holidays {
            Some(p) => Calendars::with_overlay(CalendarOverlay::load(p)?),
            None => Calendars::new(),
        })
    };
    let mut regimes: Vec<String> = if !a.compare_regimes.is_empty() {
        a.compare_regimes.clone()
    } else if a.regime.is_none() && !order.compare_regimes.is_empty() && a.json {
        order.compare_regimes.clone()
    } else {
        vec![a.regime.clone().unwrap_or_else(|| order.regime.clone())]
    };
    regimes.dedup();
    let mut plans: Vec<(String, MovementPlan)> = Vec::new();
    for r in &regimes {
        let planner = MovementPlanner::new(
            &network,
            catalogue,
            regime(r)?,
            calendars()?,
            order.options.clone(),
        );
        plans.push((r.clone(), planner.plan(&order.elements)?));
    }
    let all_checks_pass = plans
        .iter()
        .all(|(_, p)| p.checks.iter().all(|c| c.passed) && p.unrouted.is_empty());
    if a.json {
        if plans.len() == 1 {
            print_json(&plans[0].1)?;
        } else {
            let list: Vec<&MovementPlan> = plans.iter().map(|(_, p)| p).collect();
            print_json(&list)?;
        }
    } else if a.csv {
        for (_, p) in &plans {
            output::write_str(&plan_timeline_csv(p))?;
        }
    } else if a.markdown || plans.len() == 1 {
        for (r, p) in &plans {
            output::write_str(&plan_to_markdown(&format!("{} — {r}", order.name), p))?;
        }
    }
    if plans.len() > 1 && !a.json && !a.csv {
        output::write_str(&comparison(&order.name, &plans))?;
    }
    Ok(if all_checks_pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One table comparing the plans of several regimes.
fn comparison(name: &str, plans: &[(String, MovementPlan)]) -> String {
    let mut s = format!(
        "# {name}: permit regimes compared\n\n| regime | closure | h after first departure | lower bound (h) | gap | permit wait (unit-h) |\n|---|---|---:|---:|---:|---:|\n"
    );
    for (r, p) in plans {
        let h = |t: chrono::DateTime<chrono::Utc>| (t - p.epoch).num_seconds() as f64 / 3600.0;
        s.push_str(&format!(
            "| {r} | {} | {:.1} | {:.1} | {:.1} % | {:.1} |\n",
            p.closure_time.format("%Y-%m-%d %H:%M UTC"),
            h(p.closure_time),
            h(p.lower_bound),
            p.gap * 100.0,
            p.time_by_cause.get("permit").copied().unwrap_or(0.0)
        ));
    }
    s
}
