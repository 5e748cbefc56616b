//! `milmob bottlenecks`: the force-level ranking of a movement order —
//! closure hours lost per link and hub, units cut off, and hotspots with
//! the upgrade and the hours it saves, all measured by re-planning.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use milmob::analysis::{rank, Hotspot, LossRow, RankOptions, Ranking};
use milmob::force::VehicleCatalogue;
use milmob::permits::Calendars;
use serde_json::json;

use crate::analysis_common::{load_scenario, Progress};
use crate::{output, print_json, CliError};

/// Arguments of `milmob bottlenecks`.
#[derive(Args)]
pub struct BottlenecksArgs {
    /// Movement order (TOML; see data/FORMAT.md).
    scenario: PathBuf,
    /// Rows per table [default: 10].
    #[arg(long)]
    top: Option<usize>,
    /// JSON output (the whole ranking).
    #[arg(long, conflicts_with_all = ["geojson", "csv"])]
    json: bool,
    /// GeoJSON output: the ranked links, hubs and hotspots as features.
    #[arg(long, conflicts_with = "csv")]
    geojson: bool,
    /// CSV output: one row per ranked link, hub and hotspot.
    #[arg(long)]
    csv: bool,
    /// Load class an MLC upgrade raises a link to [default: 80].
    #[arg(long, value_parser = clap::value_parser!(u16).range(4..=150))]
    mlc: Option<u16>,
    /// Factor a binding capacity is upgraded by [default: 2].
    #[arg(long)]
    capacity_factor: Option<f64>,
    /// Most limit hotspots re-planned (best screened first) [default: 16].
    #[arg(long)]
    limit_candidates: Option<usize>,
    /// Re-plan every variant with every ordering of the order (about 4×
    /// slower) instead of the ordering that gave the baseline.
    #[arg(long)]
    all_orderings: bool,
}

pub fn run(a: BottlenecksArgs) -> Result<ExitCode, CliError> {
    let factor = a.capacity_factor.unwrap_or(2.0);
    if !(factor.is_finite() && factor > 1.0 && factor <= 100.0) {
        return Err(CliError::usage(format!(
            "--capacity-factor {factor}: must be above 1 and at most 100"
        )));
    }
    let top = a.top.unwrap_or(10);
    let sc = load_scenario(&a.scenario)?;
    let calendars = Calendars::new();
    let progress = Progress::new("re-planning");
    let cb = progress.callback();
    let opts = RankOptions {
        target_mlc: a.mlc.unwrap_or(80),
        capacity_factor: factor,
        max_limit_candidates: a.limit_candidates.unwrap_or(16),
        all_orderings: a.all_orderings,
        progress: cb.as_ref().map(|f| f as &(dyn Fn(u64, u64) + Sync)),
        ..RankOptions::default()
    };
    let r = rank(
        &sc.network,
        VehicleCatalogue::builtin(),
        &sc.regime,
        &calendars,
        &sc.order.options,
        &sc.order.elements,
        &opts,
    )?;
    progress.finish();
    if a.json {
        print_json(&r)?;
    } else if a.geojson {
        print_json(&geojson(&r, top))?;
    } else if a.csv {
        output::write_str(&csv(&r, top))?;
    } else {
        output::write_str(&markdown(&sc.order.name, &r, top))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn loss_table(title: &str, rows: &[LossRow], top: usize) -> String {
    let mut s = format!(
        "\n## {title} lost (worst first)\n\nClosure hours lost count the units still routed.\n\n| # | id | mode | units using | closure h lost | units cut off | vehicles cut off | vehicle-h delay |\n|---:|---|---|---:|---:|---:|---:|---:|\n"
    );
    for (i, r) in rows.iter().take(top).enumerate() {
        // With every unit cut off there is no closure to compare.
        let lost = if r.units_cut_off == r.units_total {
            "—".to_string()
        } else {
            format!("{:+.1}", r.closure_h_lost)
        };
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {:.0} |\n",
            i + 1,
            r.id,
            r.mode.map(|m| m.to_string()).unwrap_or_default(),
            r.units_using,
            lost,
            r.units_cut_off,
            r.vehicles_cut_off,
            r.vehicle_hours_delay
        ));
    }
    s
}

/// The ranking as Markdown.
pub fn markdown(name: &str, r: &Ranking, top: usize) -> String {
    let mut s = format!(
        "# {name}: bottlenecks\n\nBaseline closure {} ({:.1} h after the first departure; {} unit(s) without a route). {} re-plans.\n",
        r.baseline_closure.format("%Y-%m-%d %H:%M UTC"),
        r.baseline_closure_h,
        r.baseline_unrouted,
        r.replans
    );
    s.push_str(&loss_table("Links", &r.links, top));
    s.push_str(&loss_table("Hubs", &r.hubs, top));
    s.push_str(&format!(
        "\n## Hotspots (upgrades, most hours saved first)\n\n{} link(s) whose limits exclude some unit were screened; the candidates and the binding capacities were re-planned.\n\n| # | why | id | binds | upgrade | hours saved | units gained |\n|---:|---|---|---|---|---:|---:|\n",
        r.limit_links_considered
    ));
    for (i, h) in r.hotspots.iter().take(top).enumerate() {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {:+.1} | {} |\n",
            i + 1,
            h.reason,
            h.id,
            h.binds.join("; "),
            h.upgrade,
            h.hours_saved,
            h.units_gained
        ));
    }
    s
}

fn csv(r: &Ranking, top: usize) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "section",
        "rank",
        "kind",
        "id",
        "mode",
        "units_using",
        "closure_h_lost",
        "units_cut_off",
        "vehicles_cut_off",
        "upgrade",
        "hours_saved",
    ]);
    for (section, rows) in [("link_loss", &r.links), ("hub_loss", &r.hubs)] {
        for (i, x) in rows.iter().take(top).enumerate() {
            let _ = w.write_record([
                section.to_string(),
                (i + 1).to_string(),
                x.kind.clone(),
                x.id.clone(),
                x.mode.map(|m| m.to_string()).unwrap_or_default(),
                x.units_using.to_string(),
                format!("{:.2}", x.closure_h_lost),
                x.units_cut_off.to_string(),
                x.vehicles_cut_off.to_string(),
                String::new(),
                String::new(),
            ]);
        }
    }
    for (i, h) in r.hotspots.iter().take(top).enumerate() {
        let _ = w.write_record([
            format!("hotspot_{}", h.reason),
            (i + 1).to_string(),
            h.kind.clone(),
            h.id.clone(),
            h.mode.map(|m| m.to_string()).unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            h.upgrade.clone(),
            format!("{:.2}", h.hours_saved),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn geometry(ends: Option<[(f64, f64); 2]>) -> serde_json::Value {
    match ends {
        Some([a, b]) if a == b => json!({"type": "Point", "coordinates": [a.0, a.1]}),
        Some([a, b]) => json!({"type": "LineString", "coordinates": [[a.0, a.1], [b.0, b.1]]}),
        None => serde_json::Value::Null,
    }
}

fn geojson(r: &Ranking, top: usize) -> serde_json::Value {
    let mut features = Vec::new();
    let loss = |section: &str, i: usize, x: &LossRow| {
        json!({
            "type": "Feature",
            "geometry": geometry(x.ends),
            "properties": {
                "section": section, "rank": i + 1, "kind": x.kind, "id": x.id,
                "units_using": x.units_using, "closure_h_lost": x.closure_h_lost,
                "units_cut_off": x.units_cut_off, "vehicles_cut_off": x.vehicles_cut_off,
            }
        })
    };
    for (i, x) in r.links.iter().take(top).enumerate() {
        features.push(loss("link_loss", i, x));
    }
    for (i, x) in r.hubs.iter().take(top).enumerate() {
        features.push(loss("hub_loss", i, x));
    }
    let hot = |i: usize, h: &Hotspot| {
        json!({
            "type": "Feature",
            "geometry": geometry(h.ends),
            "properties": {
                "section": format!("hotspot_{}", h.reason), "rank": i + 1, "kind": h.kind,
                "id": h.id, "binds": h.binds, "upgrade": h.upgrade, "hours_saved": h.hours_saved,
                "units_gained": h.units_gained,
            }
        })
    };
    for (i, h) in r.hotspots.iter().take(top).enumerate() {
        features.push(hot(i, h));
    }
    json!({"type": "FeatureCollection", "features": features})
}
