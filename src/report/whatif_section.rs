//! What-ifs ([`WhatIf`]) as a report section and map markers: what
//! `milmob scenario run --what-if FILE` (or the scenario's
//! `[report] what_if`) adds — the summary's "What-ifs" table (events in
//! words, closure and its change against the scenario's plan in hours, the
//! disrupted plan's lower bound, units cut off and delayed, the largest
//! delay, unit-hours by cause changed) and the `what-ifs` map layer (every
//! closed, degraded or upgraded link and hub; `what-ifs.geojson`).

use std::collections::{BTreeMap, BTreeSet};

use super::input::{MapMarker, ReportSection, Table};
use super::route_flows::link_flows;
use super::whatif_run::WhatIf;
use crate::analysis::EventKind;
use crate::movement::MovementPlan;
use crate::network::Network;

/// Map layer (and GeoJSON file stem) of the what-if markers.
pub const WHAT_IF_LAYER: &str = "what-ifs";

/// Changes of unit-hours by cause (disrupted minus baseline) of at least
/// 0.05 h, in words (`closure +96.0 unit-h, capacity −3.5 unit-h`), or `—`.
fn cause_changes(w: &WhatIf) -> String {
    let c = &w.comparison;
    let causes: BTreeSet<&String> = c
        .baseline_time_by_cause
        .keys()
        .chain(c.disrupted_time_by_cause.keys())
        .collect();
    let mut parts: Vec<(f64, String)> = Vec::new();
    for cause in causes {
        let a = c.baseline_time_by_cause.get(cause).copied().unwrap_or(0.0);
        let b = c.disrupted_time_by_cause.get(cause).copied().unwrap_or(0.0);
        if (b - a).abs() >= 0.05 {
            parts.push((b - a, format!("{cause} {:+.1}", b - a)));
        }
    }
    // Largest change first; ties by name (the set's order).
    parts.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    if parts.is_empty() {
        "—".into()
    } else {
        format!(
            "{} unit-h",
            parts
                .into_iter()
                .map(|p| p.1)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// The "What-ifs" summary section: one row per what-if, compared with
/// `baseline` (the scenario's plan).
pub fn whatif_section(what_ifs: &[WhatIf], baseline: &MovementPlan) -> ReportSection {
    let mut table = Table::new(&[
        "what-if",
        "events",
        "closure (h):",
        "Δ closure (h):",
        "lower bound (h):",
        "units cut off:",
        "units delayed:",
        "max delay (h):",
        "time by cause change",
    ]);
    for w in what_ifs {
        let c = &w.comparison;
        table.row(vec![
            format!("{} ({})", c.name, w.label),
            c.events.join("; "),
            format!("{:.1}", c.disrupted_closure_h),
            format!("{:+.1}", c.closure_delta_h),
            format!("{:.1}", w.lower_bound_h()),
            if c.units_cut_off.is_empty() {
                "0".into()
            } else {
                format!(
                    "{} ({} vehicles)",
                    c.units_cut_off.len(),
                    c.vehicles_cut_off
                )
            },
            c.units_delayed.to_string(),
            format!("{:.1}", c.max_delay_h),
            cause_changes(w),
        ]);
    }
    ReportSection {
        title: "What-ifs".into(),
        text: format!(
            "The force planned again under each disruption file, with the same regime ({}), doctrine and options; closure {:.1} h without disruption. Hours count from the first departure (the epoch of the events). Δ closure = disrupted minus undisrupted closure; delays count units still routed; the lower bound is the disrupted plan's.",
            baseline.regime,
            (baseline.closure_time - baseline.epoch).num_seconds() as f64 / 3600.0
        ),
        table,
        summary: true,
    }
}

/// Where a link is drawn: the midpoint of its end hubs (lon, lat degrees).
fn link_point(network: &Network, id: &str) -> Option<(f64, f64)> {
    let l = network.link(id)?;
    let (a, b) = (network.hub(&l.from)?, network.hub(&l.to)?);
    Some(((a.lon() + b.lon()) / 2.0, (a.lat() + b.lat()) / 2.0))
}

/// Where a hub is drawn (lon, lat degrees).
fn hub_point(network: &Network, id: &str) -> Option<(f64, f64)> {
    network.hub(id).map(|h| (h.lon(), h.lat()))
}

/// Marker size of a capacity factor: closed 1, degraded by the share
/// lost (at least 0.3), upgrades 0.3.
fn size_of(factor: Option<f64>) -> f64 {
    match factor {
        Some(f) if f <= 0.0 => 1.0,
        Some(f) if f < 1.0 => (1.0 - f).max(0.3),
        _ => 0.3,
    }
}

/// One map marker per link and hub a what-if closes, degrades or upgrades
/// (a country-wide event marks the links of that mode and country the
/// baseline or the disrupted plan uses); markers at the same place with
/// the same label are merged, their details joined.
pub fn whatif_markers(
    what_ifs: &[WhatIf],
    baseline: &MovementPlan,
    network: &Network,
) -> Vec<MapMarker> {
    let mut used: BTreeSet<String> = link_flows(baseline, network)
        .into_iter()
        .map(|f| f.link)
        .collect();
    for w in what_ifs {
        used.extend(link_flows(&w.plan, network).into_iter().map(|f| f.link));
    }
    // (label) -> marker, in first-seen order for determinism.
    let mut order: Vec<String> = Vec::new();
    let mut by_label: BTreeMap<String, MapMarker> = BTreeMap::new();
    for w in what_ifs {
        for e in &w.disruptions.events {
            let mut places: Vec<(String, (f64, f64))> = Vec::new();
            match &e.kind {
                EventKind::LinkClosed { link }
                | EventKind::LinkCapacity { link, .. }
                | EventKind::LinkUpgrade { link, .. } => {
                    places.extend(link_point(network, link).map(|p| (link.clone(), p)));
                }
                EventKind::HubClosed { hub }
                | EventKind::HubCapacity { hub, .. }
                | EventKind::PortClosed { hub } => {
                    places.extend(hub_point(network, hub).map(|p| (hub.clone(), p)));
                }
                EventKind::Country { country, mode, .. } => {
                    for l in network.links().filter(|l| l.mode == *mode) {
                        let in_country = [&l.from, &l.to].iter().any(|h| {
                            network
                                .hub(h)
                                .is_some_and(|h| h.country.code() == country.as_str())
                        });
                        if in_country && used.contains(&l.id) {
                            places.extend(link_point(network, &l.id).map(|p| (l.id.clone(), p)));
                        }
                    }
                }
            }
            for (label, (lon, lat)) in places {
                let detail = format!("{}: {}", w.label, e.describe());
                let size = size_of(e.factor());
                match by_label.get_mut(&label) {
                    Some(m) => {
                        if !m.detail.contains(&detail) {
                            m.detail = format!("{}; {detail}", m.detail);
                        }
                        m.size = m.size.max(size);
                    }
                    None => {
                        order.push(label.clone());
                        by_label.insert(
                            label.clone(),
                            MapMarker {
                                layer: WHAT_IF_LAYER.into(),
                                label,
                                lon,
                                lat,
                                size,
                                detail,
                            },
                        );
                    }
                }
            }
        }
    }
    order
        .into_iter()
        .filter_map(|l| by_label.remove(&l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_grow_with_the_capacity_lost() {
        assert_eq!(size_of(Some(0.0)), 1.0);
        assert_eq!(size_of(Some(0.5)), 0.5);
        assert_eq!(size_of(Some(0.9)), 0.3);
        assert_eq!(size_of(None), 0.3);
    }
}
