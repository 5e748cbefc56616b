//! A movement plan as a Markdown summary (for a terminal, a briefing note
//! or a git diff) and its timeline as CSV.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use crate::movement::MovementPlan;

fn hours(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    (b - a).num_seconds() as f64 / 3600.0
}

fn when(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The instant by which `share` (0..1) of the force had arrived.
fn at_share(plan: &MovementPlan, share: f64) -> Option<DateTime<Utc>> {
    plan.closure_profile
        .iter()
        .find(|p| p.share + 1e-12 >= share)
        .map(|p| p.time)
}

/// The plan's summary in Markdown: closure, bound and gap, the closure
/// profile, time by cause, transport used, the busiest links and hubs, the
/// checks, and one row per unit.
pub fn plan_to_markdown(title: &str, plan: &MovementPlan) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {title}\n");
    let _ = writeln!(
        s,
        "{} vehicles in {} units, regime `{}`, first departure {}.\n",
        plan.vehicles,
        plan.units.len() + plan.unrouted.len(),
        plan.regime,
        when(plan.epoch)
    );
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(
        s,
        "| closure time | {} ({:.1} h after the first departure) |",
        when(plan.closure_time),
        hours(plan.epoch, plan.closure_time)
    );
    let _ = writeln!(
        s,
        "| lower bound | {} ({:.1} h) — {} |",
        when(plan.lower_bound),
        hours(plan.epoch, plan.lower_bound),
        plan.bound_basis
    );
    let _ = writeln!(
        s,
        "| cut bound | {} ({:.1} h) — {} |",
        when(plan.cut_bound),
        hours(plan.epoch, plan.cut_bound),
        plan.cut_bound_basis
    );
    let _ = writeln!(
        s,
        "| flow bound | {} ({:.1} h) — {} |",
        when(plan.flow_bound),
        hours(plan.epoch, plan.flow_bound),
        plan.flow_bound_basis
    );
    if let (Some(t), Some(why)) = (plan.fleet_bound, &plan.fleet_bound_basis) {
        let _ = writeln!(
            s,
            "| ship-fleet bound | {} ({:.1} h) — {} |",
            when(t),
            hours(plan.epoch, t),
            why
        );
    }
    let _ = writeln!(s, "| gap | {:.1} % |", plan.gap * 100.0);
    let _ = writeln!(
        s,
        "| unit ordering | {} ({}) |",
        plan.ordering,
        plan.route_choice.replace('_', " ")
    );
    for q in [0.25, 0.5, 0.9, 1.0] {
        if let Some(t) = at_share(plan, q) {
            let _ = writeln!(s, "| {:.0} % arrived | {} |", q * 100.0, when(t));
        }
    }
    let _ = writeln!(s, "\n## Time by cause (unit-hours)\n");
    let _ = writeln!(s, "| cause | hours |\n|---|---:|");
    for (k, v) in &plan.time_by_cause {
        let _ = writeln!(s, "| {k} | {v:.1} |");
    }
    let a = &plan.assets_used;
    let _ = writeln!(s, "\n## Transport used\n");
    let _ = writeln!(
        s,
        "march units {}, HET trips {}, trains {} ({} wagons), sailings {}, sorties {}",
        a.march_units, a.het_trips, a.trains, a.wagons, a.sailings, a.sorties
    );
    if !plan.asset_uses.is_empty() {
        let _ = writeln!(
            s,
            "\nDeclared assets used: {} HETs, {} locomotives, {} ships, {} aircraft; {} empty movements (positioning and returns).",
            a.hets, a.locomotives, a.ships, a.aircraft, a.empty_trips
        );
    }
    let mut busiest: Vec<_> = plan.utilisation.iter().collect();
    busiest.sort_by(|x, y| y.peak.total_cmp(&x.peak).then(x.id.cmp(&y.id)));
    if !busiest.is_empty() {
        let _ = writeln!(s, "\n## Busiest links and hubs\n");
        let _ = writeln!(
            s,
            "| | id | units | peak | mean |\n|---|---|---:|---:|---:|"
        );
        for u in busiest.iter().take(10) {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {:.0} % | {:.0} % |",
                u.kind,
                u.id,
                u.units,
                u.peak * 100.0,
                u.mean * 100.0
            );
        }
    }
    let _ = writeln!(s, "\n## Checks\n");
    for c in &plan.checks {
        let _ = writeln!(
            s,
            "- {} {}: {}",
            if c.passed { "✓" } else { "✗" },
            c.name,
            c.detail
        );
    }
    if !plan.unrouted.is_empty() {
        let _ = writeln!(s, "\n## Units without a route\n");
        for u in &plan.unrouted {
            let _ = writeln!(s, "- {}: {}", u.id, u.reason);
        }
    }
    let _ = writeln!(s, "\n## Units\n");
    let _ = writeln!(
        s,
        "| unit | vehicles | from | to | depart | arrive | km |\n|---|---:|---|---|---|---|---:|"
    );
    for u in &plan.units {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {:.0} |",
            u.id,
            u.vehicles.values().sum::<u32>(),
            u.origin,
            u.destination,
            when(u.depart),
            when(u.arrive),
            u.distance_km
        );
    }
    s
}

/// Every step of every unit as CSV: `unit,element,kind,start,end,
/// duration_min,hub,to_hub,link,mode,distance_km,country,reason` (instants
/// RFC 3339 UTC; `reason` for waits: `permit`, `window`, `closure`,
/// `capacity`, `rest`, `asset`, or two joined by `+` where a capacity wait
/// was partly for an asset).
pub fn plan_timeline_csv(plan: &MovementPlan) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "unit",
        "element",
        "kind",
        "start",
        "end",
        "duration_min",
        "hub",
        "to_hub",
        "link",
        "mode",
        "distance_km",
        "country",
        "reason",
    ]);
    for u in &plan.units {
        for st in &u.steps {
            let reason = st.reason.clone().unwrap_or_default();
            let _ = w.write_record([
                u.id.as_str(),
                u.element.as_str(),
                st.kind.as_str(),
                &st.start.to_rfc3339(),
                &st.end.to_rfc3339(),
                &format!("{:.1}", st.duration_min),
                st.hub.as_str(),
                st.to_hub.as_deref().unwrap_or(""),
                st.link.as_deref().unwrap_or(""),
                st.mode.map(|m| m.as_str()).unwrap_or(""),
                &st.distance_km
                    .map(|d| format!("{d:.1}"))
                    .unwrap_or_default(),
                st.country.as_deref().unwrap_or(""),
                reason.as_str(),
            ]);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
