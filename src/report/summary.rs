//! The summary of a scenario report as sections (text and a table each),
//! written the same way to `report.md` and `report.html`: key figures
//! (closure, bound, gap), time by cause, the permit plan per country, the
//! regime comparison, elements that could not reach their destination,
//! the elements, transport used, the busiest links and hubs and the
//! plan's checks.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::input::{ReportInput, ReportSection, Table};
use crate::movement::MovementPlan;

/// An instant as the report prints it: weekday, date, time, UTC.
pub fn when(t: DateTime<Utc>) -> String {
    t.format("%a %Y-%m-%d %H:%M UTC").to_string()
}

/// Hours from `a` to `b`.
pub fn hours(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    (b - a).num_seconds() as f64 / 3600.0
}

/// The instant by which `share` (0..1) of the force had arrived.
pub fn at_share(plan: &MovementPlan, share: f64) -> Option<DateTime<Utc>> {
    plan.closure_profile
        .iter()
        .find(|p| p.share + 1e-12 >= share)
        .map(|p| p.time)
}

fn section(title: &str, text: String, table: Table) -> ReportSection {
    ReportSection {
        title: title.to_string(),
        text,
        table,
        summary: matches!(
            title,
            "Closure"
                | "Time by cause"
                | "Permit plan per country"
                | "Permit regimes compared"
                | "Destinations not reached"
        ),
    }
}

fn key_figures(input: &ReportInput<'_>) -> ReportSection {
    let p = input.plan;
    let mut t = Table::new(&["", ""]);
    let h = |x| {
        format!(
            "{} ({:.1} h, {:.1} days)",
            when(x),
            hours(p.epoch, x),
            hours(p.epoch, x) / 24.0
        )
    };
    t.row(vec!["closure time".into(), h(p.closure_time)]);
    t.row(vec!["lower bound".into(), h(p.lower_bound)]);
    t.row(vec![
        "gap".into(),
        format!(
            "{:.1} % — the plan is at most this much longer than the best possible",
            p.gap * 100.0
        ),
    ]);
    t.row(vec!["bound from".into(), p.bound_basis.clone()]);
    for q in [0.5, 0.9] {
        if let Some(x) = at_share(p, q) {
            t.row(vec![format!("{:.0} % arrived", q * 100.0), h(x)]);
        }
    }
    t.row(vec!["first departure".into(), when(p.epoch)]);
    t.row(vec!["permit regime".into(), p.regime.clone()]);
    t.row(vec!["unit ordering".into(), p.ordering.clone()]);
    let text = format!(
        "{} vehicles in {} movement units ({} without a route).",
        p.vehicles,
        p.units.len() + p.unrouted.len(),
        p.unrouted.len()
    );
    section("Closure", text, t)
}

fn time_by_cause(plan: &MovementPlan) -> ReportSection {
    let total: f64 = plan.time_by_cause.values().sum();
    let mut t = Table::new(&["cause", "unit-hours:", "share:"]);
    let mut rows: Vec<(&String, &f64)> = plan.time_by_cause.iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    for (k, v) in rows {
        t.row(vec![
            k.clone(),
            format!("{v:.1}"),
            format!("{:.1} %", if total > 0.0 { v / total * 100.0 } else { 0.0 }),
        ]);
    }
    section(
        "Time by cause",
        format!("Where the {total:.0} unit-hours of the movement went."),
        t,
    )
}

fn permits(input: &ReportInput<'_>) -> ReportSection {
    let mut t = Table::new(&[
        "country",
        "lead time",
        "units:",
        "first unit at the border",
        "submit by",
        "planned request",
        "on time",
        "permit wait (unit-h):",
    ]);
    for c in input.permits {
        t.row(vec![
            format!("{} {}", c.country, c.name),
            c.lead_time.clone(),
            c.units.to_string(),
            when(c.first_needed),
            when(c.submit_by),
            when(c.request),
            if c.on_time { "yes" } else { "no — late" }.into(),
            format!("{:.1}", c.wait_unit_h),
        ]);
    }
    let late = input.permits.iter().filter(|c| !c.on_time).count();
    let text = if input.permits.is_empty() {
        "No border is crossed: no permits needed.".to_string()
    } else {
        format!(
            "Regime `{}`. Submit each country's request by its deadline and no unit waits for it; {} of {} requests as planned are late.",
            input.plan.regime,
            late,
            input.permits.len()
        )
    };
    section("Permit plan per country", text, t)
}

fn comparison(input: &ReportInput<'_>) -> Option<ReportSection> {
    if input.compared.is_empty() {
        return None;
    }
    let base = input.plan;
    let mut t = Table::new(&[
        "plan",
        "closure",
        "h after first departure:",
        "lower bound (h):",
        "gap:",
        "permit wait (unit-h):",
        "vs this plan (h):",
    ]);
    for c in &input.compared {
        let p = c.plan;
        t.row(vec![
            c.label.clone(),
            when(p.closure_time),
            format!("{:.1}", hours(p.epoch, p.closure_time)),
            format!("{:.1}", hours(p.epoch, p.lower_bound)),
            format!("{:.1} %", p.gap * 100.0),
            format!(
                "{:.1}",
                p.time_by_cause.get("permit").copied().unwrap_or(0.0)
            ),
            format!("{:+.1}", hours(base.closure_time, p.closure_time)),
        ]);
    }
    Some(section(
        "Permit regimes compared",
        format!(
            "The same force planned under each regime; the last column is the closure's difference from `{}`.",
            base.regime
        ),
        t,
    ))
}

/// The element id of a unit id (`PzBtl-104/train-2` → `PzBtl-104`).
fn element_of(unit: &str) -> &str {
    unit.split('/').next().unwrap_or(unit)
}

fn unreachable(input: &ReportInput<'_>) -> Option<ReportSection> {
    let p = input.plan;
    if p.unrouted.is_empty() {
        return None;
    }
    let mut per: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
    for u in &p.unrouted {
        let e = per
            .entry(element_of(&u.id))
            .or_insert((0, u.reason.as_str()));
        e.0 += 1;
    }
    let mut t = Table::new(&["element", "from", "to", "units without a route:", "why"]);
    for el in input.elements {
        if let Some((n, why)) = per.get(el.id.as_str()) {
            t.row(vec![
                el.id.clone(),
                el.origin.clone(),
                el.destination.clone(),
                n.to_string(),
                why.to_string(),
            ]);
        }
    }
    Some(section(
        "Destinations not reached",
        "These elements' destinations are unreachable for their load and carriage; the closure time counts only the units that arrive.".into(),
        t,
    ))
}

fn elements(input: &ReportInput<'_>) -> ReportSection {
    let p = input.plan;
    let mut t = Table::new(&[
        "element",
        "vehicles:",
        "units:",
        "carriage",
        "from",
        "to",
        "first departure",
        "last arrival",
        "h:",
    ]);
    for el in input.elements {
        let units: Vec<_> = p.units.iter().filter(|u| u.element == el.id).collect();
        let last = units.iter().map(|u| u.arrive).max();
        t.row(vec![
            el.id.clone(),
            el.vehicles.iter().map(|v| v.1).sum::<u32>().to_string(),
            units.len().to_string(),
            el.carriage.to_string(),
            el.origin.clone(),
            el.destination.clone(),
            when(el.earliest_departure),
            last.map(when).unwrap_or_else(|| "—".into()),
            last.map(|l| format!("{:.1}", hours(p.epoch, l)))
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    section("Elements", String::new(), t)
}

fn transport(plan: &MovementPlan) -> ReportSection {
    let a = &plan.assets_used;
    let mut t = Table::new(&[
        "march units:",
        "HET trips:",
        "trains:",
        "wagons:",
        "sailings:",
        "sorties:",
    ]);
    t.row(
        [
            a.march_units,
            a.het_trips,
            a.trains,
            a.wagons,
            a.sailings,
            a.sorties,
        ]
        .iter()
        .map(|n| n.to_string())
        .collect(),
    );
    section("Transport used", String::new(), t)
}

fn busiest(plan: &MovementPlan) -> Option<ReportSection> {
    let mut rows: Vec<_> = plan.utilisation.iter().collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by(|x, y| y.peak.total_cmp(&x.peak).then(x.id.cmp(&y.id)));
    let mut t = Table::new(&["", "id", "units:", "peak:", "mean:"]);
    for u in rows.iter().take(10) {
        t.row(vec![
            u.kind.clone(),
            u.id.clone(),
            u.units.to_string(),
            format!("{:.0} %", u.peak * 100.0),
            format!("{:.0} %", u.mean * 100.0),
        ]);
    }
    Some(section(
        "Busiest links and hubs",
        "Peak and mean use of capacity over the time in use (ten highest peaks).".into(),
        t,
    ))
}

fn checks(plan: &MovementPlan) -> ReportSection {
    let mut t = Table::new(&["check", "result", "detail"]);
    for c in &plan.checks {
        t.row(vec![
            c.name.clone(),
            if c.passed { "✓ pass" } else { "✗ FAIL" }.into(),
            c.detail.clone(),
        ]);
    }
    section("Checks", String::new(), t)
}

/// The summary sections in the order the report shows them, followed by
/// the input's own sections.
pub fn summary_sections(input: &ReportInput<'_>) -> Vec<ReportSection> {
    let p = input.plan;
    let mut out = vec![key_figures(input), time_by_cause(p), permits(input)];
    out.extend(comparison(input));
    out.extend(unreachable(input));
    out.extend(input.sections.iter().cloned());
    out.push(elements(input));
    out.push(transport(p));
    out.extend(busiest(p));
    out.push(checks(p));
    out
}
