//! `milmob scenario run`: plan a scenario (a movement order) under its
//! regime, the regimes it compares and the what-ifs it (or `--what-if`)
//! names, and write the report folder.
//!
//! The scenario's `[report]` table and the flags: `--what-if` files are
//! planned after the table's `what_if` (each file once); `--bottlenecks`
//! turns the ranking on whatever the table says; `--top` replaces `top`.
//! An unknown permit regime in the scenario is a usage error (exit 2, as
//! in `milmob move`); other errors in the scenario or its files are data
//! errors (exit 1).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use milmob::analysis::{rank, RankOptions};
use milmob::force::VehicleCatalogue;
use milmob::permits::{CalendarOverlay, Calendars};
use milmob::report::{
    bottleneck_sections, report_markdown, unknown_regime, write_report, ReportSettings,
    RunProgress, ScenarioRun, DEFAULT_TOP,
};
use milmob::Error;

use crate::{output, CliError};

/// Verbs of `milmob scenario`.
#[derive(Subcommand)]
pub enum ScenarioCmd {
    /// Plan a scenario and write its report: closure, bound and gap, time by
    /// cause, permit plan per country, regime comparison, map, closure chart.
    Run(RunArgs),
}

/// Arguments of `milmob scenario run`.
#[derive(Args)]
pub struct RunArgs {
    /// Scenario: a movement order (TOML; see data/FORMAT.md).
    scenario: PathBuf,
    /// Write the report folder here (report.html, report.md, plan.json,
    /// timeline.csv, routes.geojson, map.svg, closure.svg). Without it, the
    /// summary (report.md) is printed and nothing is written.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Extra non-working days (TOML overlay, see data/FORMAT.md).
    #[arg(long, value_name = "EXTRA.toml")]
    holidays: Option<PathBuf>,
    /// Also rank the force-level bottlenecks (every used link and hub lost,
    /// upgrades re-planned; as `milmob bottlenecks`) and add them to the
    /// summary, the map and bottlenecks.geojson. Takes about 15 s of CPU for
    /// the brigade. On whatever the scenario's `[report] bottlenecks` says.
    #[arg(long)]
    bottlenecks: bool,
    /// Rows per bottleneck table [default: the scenario's `[report] top`,
    /// else 10]; needs bottlenecks (the flag or the scenario's table).
    #[arg(long, value_parser = crate::checks::top_rows)]
    top: Option<usize>,
    /// Also plan the force under this disruption file (TOML, see
    /// data/FORMAT.md "Disruption files") and add it to the report: the
    /// "What-ifs" section, a dashed line in closure.svg, its closed and
    /// degraded links and hubs on the map (what-ifs.geojson), the plan in
    /// what_ifs.json. Repeatable; after the scenario's `[report] what_if`.
    #[arg(long = "what-if", value_name = "FILE")]
    what_if: Vec<PathBuf>,
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}

pub fn run(cmd: ScenarioCmd) -> Result<ExitCode, CliError> {
    let ScenarioCmd::Run(a) = cmd;
    let overlay = a
        .holidays
        .as_ref()
        .map(CalendarOverlay::load)
        .transpose()
        .map_err(Error::from)?;
    let calendars = || -> Result<Calendars, Error> {
        Ok(match &overlay {
            Some(o) => Calendars::with_overlay(o.clone()),
            None => Calendars::new(),
        })
    };
    let table_bottlenecks = std::fs::read_to_string(&a.scenario)
        .ok()
        .and_then(|t| ReportSettings::parse(&t, &a.scenario).ok())
        .is_some_and(|s| s.bottlenecks);
    if a.top.is_some() && !(a.bottlenecks || table_bottlenecks) {
        return Err(CliError::usage(
            "--top needs --bottlenecks (or `bottlenecks = true` in the scenario's [report] table)",
        ));
    }
    if let Some(e) = unknown_regime(&a.scenario) {
        return Err(CliError::usage(e.to_string()));
    }
    for w in &a.what_if {
        if !w.is_file() {
            return Err(CliError::data(format!(
                "--what-if: file not found: `{}` (expected a disruption file, see data/FORMAT.md)",
                w.display()
            )));
        }
    }
    let bar = progress_bar();
    bar.set_message(format!("planning {}", a.scenario.display()));
    let run = ScenarioRun::run_with(
        &a.scenario,
        &a.what_if,
        VehicleCatalogue::builtin(),
        &calendars,
        &mut |p: RunProgress| {
            bar.set_length(u64::from(p.total));
            bar.set_position(u64::from(p.done));
            bar.set_message(p.what);
        },
    );
    bar.finish_and_clear();
    let run = run?;
    let bottlenecks = a.bottlenecks || run.settings.bottlenecks;
    let mut input = run.report_input();
    if bottlenecks {
        let regime = &run.regime;
        let progress = crate::analysis_common::Progress::new("ranking bottlenecks");
        let cb = progress.callback();
        let opts = RankOptions {
            progress: cb.as_ref().map(|f| f as &(dyn Fn(u64, u64) + Sync)),
            ..RankOptions::default()
        };
        let ranking = rank(
            &run.network,
            VehicleCatalogue::builtin(),
            regime,
            &calendars()?,
            &run.order.options,
            &run.order.elements,
            &opts,
        )?;
        progress.finish();
        let (sections, markers) =
            bottleneck_sections(&ranking, a.top.or(run.settings.top).unwrap_or(DEFAULT_TOP));
        input.sections.extend(sections);
        input.markers.extend(markers);
    }
    match &a.out {
        Some(dir) => {
            let written = write_report(&input, dir)?;
            outln!(
                "{}: closure {} ({:.1} h after the first departure), lower bound {:.1} h, gap {:.1} %",
                run.order.name,
                run.plan.closure_time.format("%Y-%m-%d %H:%M UTC"),
                (run.plan.closure_time - run.plan.epoch).num_seconds() as f64 / 3600.0,
                (run.plan.lower_bound - run.plan.epoch).num_seconds() as f64 / 3600.0,
                run.plan.gap * 100.0
            )?;
            for w in &run.what_ifs {
                let c = &w.comparison;
                outln!(
                    "what-if {}: closure {:+.1} h ({:.1} h), {} unit(s) delayed, {} cut off",
                    w.label,
                    c.closure_delta_h,
                    c.disrupted_closure_h,
                    c.units_delayed,
                    c.units_cut_off.len()
                )?;
            }
            outln!("wrote {} files to {}:", written.len(), dir.display())?;
            for p in &written {
                outln!("  {}", p.display())?;
            }
            outln!("open {} in a browser", dir.join("report.html").display())?;
        }
        None => {
            output::write_str(&report_markdown(&input))?;
            errln!("note: no files written; give --out DIR for the report folder (report.html, map.svg, …)");
        }
    }
    if !run.all_passed() {
        let mut seen: Vec<&str> = Vec::new();
        for u in &run.plan.unrouted {
            let element = u.id.split('/').next().unwrap_or(&u.id);
            if seen.contains(&element) {
                continue;
            }
            seen.push(element);
            let n = run
                .plan
                .unrouted
                .iter()
                .filter(|x| x.id.split('/').next() == Some(element))
                .count();
            errln!(
                "error: element `{element}`: {n} unit(s) cannot reach the destination: {}",
                u.reason
            );
        }
        errln!("error: some units found no route or a plan check failed (see the report)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
