//! The force-level bottleneck ranking ([`crate::analysis::Ranking`]) as
//! report sections and map markers: what `milmob scenario run
//! --bottlenecks` adds to the report (the summary's "Top bottlenecks" and
//! "Upgrades" tables, the `bottlenecks` map layer and `bottlenecks.geojson`).

use super::input::{MapMarker, ReportSection, Table};
use crate::analysis::{LossRow, Ranking};

/// Map layer (and GeoJSON file stem) of the bottleneck markers.
pub const BOTTLENECK_LAYER: &str = "bottlenecks";

/// Where a ranked link or hub is drawn: the midpoint of its end points (lon,
/// lat degrees).
fn midpoint(ends: Option<[(f64, f64); 2]>) -> Option<(f64, f64)> {
    ends.map(|[a, b]| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0))
}

/// Closure hours lost in words: `—` when every unit is cut off (there is no
/// closure left to compare).
fn lost(r: &LossRow) -> String {
    if r.units_cut_off == r.units_total {
        "—".into()
    } else {
        format!("{:+.1}", r.closure_h_lost)
    }
}

/// The impact used to size a loss on the map, hours: the share of units cut
/// off weighs as that share of the baseline closure (they never arrive),
/// plus the closure hours lost by the units still routed.
fn impact(r: &LossRow, closure_h: f64) -> f64 {
    let cut = if r.units_total == 0 {
        0.0
    } else {
        r.units_cut_off as f64 / r.units_total as f64
    };
    cut * closure_h + r.closure_h_lost.max(0.0)
}

/// The ranking's `top` links and hubs lost and its `top` upgrades as two
/// summary sections, and one map marker per ranked link or hub (sized by
/// impact: cut-off units weigh as the whole baseline closure, then closure
/// hours lost).
pub fn bottleneck_sections(r: &Ranking, top: usize) -> (Vec<ReportSection>, Vec<MapMarker>) {
    let mut losses: Vec<&LossRow> = r.links.iter().take(top).collect();
    losses.extend(r.hubs.iter().take(top));
    let mut table = Table::new(&[
        "kind",
        "id",
        "mode",
        "units using:",
        "closure h lost:",
        "units cut off:",
        "vehicles cut off:",
    ]);
    for l in &losses {
        table.row(vec![
            l.kind.clone(),
            l.id.clone(),
            l.mode.map(|m| m.to_string()).unwrap_or_default(),
            l.units_using.to_string(),
            lost(l),
            l.units_cut_off.to_string(),
            l.vehicles_cut_off.to_string(),
        ]);
    }
    let mut upgrades = Table::new(&[
        "why",
        "id",
        "binds",
        "upgrade",
        "hours saved:",
        "units gained:",
    ]);
    for h in r.hotspots.iter().take(top) {
        upgrades.row(vec![
            h.reason.clone(),
            h.id.clone(),
            h.binds.join("; "),
            h.upgrade.clone(),
            format!("{:+.1}", h.hours_saved),
            h.units_gained.to_string(),
        ]);
    }
    let sections = vec![
        ReportSection {
            title: "Top bottlenecks (links and hubs lost)".into(),
            text: format!(
                "Each link and hub the plan uses, lost for the whole movement and the force re-planned ({} re-plans). Closure hours lost count the units still routed; cut-off units have no route without it.",
                r.replans
            ),
            table,
            summary: true,
        },
        ReportSection {
            title: "Upgrades (hotspots)".into(),
            text: format!(
                "Links whose limits exclude some unit ({} screened) or whose capacity binds, upgraded and re-planned; hours saved = baseline closure minus upgraded closure.",
                r.limit_links_considered
            ),
            table: upgrades,
            summary: true,
        },
    ];
    let impacts: Vec<f64> = losses
        .iter()
        .map(|l| impact(l, r.baseline_closure_h))
        .collect();
    let max = impacts.iter().cloned().fold(0.0, f64::max);
    let markers = losses
        .iter()
        .zip(&impacts)
        .filter_map(|(l, &i)| {
            let (lon, lat) = midpoint(l.ends)?;
            Some(MapMarker {
                layer: BOTTLENECK_LAYER.into(),
                label: l.id.clone(),
                lon,
                lat,
                size: if max > 0.0 {
                    (i / max).clamp(0.05, 1.0)
                } else {
                    0.05
                },
                detail: format!(
                    "{} {} lost: closure {} h, {} unit(s) ({} vehicles) cut off",
                    l.kind,
                    l.id,
                    lost(l),
                    l.units_cut_off,
                    l.vehicles_cut_off
                ),
            })
        })
        .collect();
    (sections, markers)
}
