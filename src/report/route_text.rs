//! A route as a human-readable timeline.

use std::fmt::Write;

use crate::routing::{Route, StepKind};

fn hm(minutes: f64) -> String {
    let m = minutes.round() as i64;
    if m >= 24 * 60 {
        format!("{}d{:02}h{:02}", m / 1440, (m % 1440) / 60, m % 60)
    } else {
        format!("{}h{:02}", m / 60, m % 60)
    }
}

/// The route as text: header, steps, permit plan, binding limits.
pub fn route_to_text(r: &Route) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "route {} → {}", r.from, r.to);
    let _ = writeln!(
        s,
        "depart {}  arrive {}  ({} , {:.0} km, countries {})",
        r.depart.to_rfc3339(),
        r.arrival.to_rfc3339(),
        hm(r.duration_h * 60.0),
        r.distance_km,
        r.countries.join(" → ")
    );
    let _ = writeln!(s, "steps:");
    for st in &r.steps {
        let what = match st.kind {
            k if k.is_movement() => format!(
                "{:<6} {} → {} via {} ({:.0} km)",
                k.as_str(),
                st.hub,
                st.to_hub.as_deref().unwrap_or("?"),
                st.link.as_deref().unwrap_or("-"),
                st.distance_km.unwrap_or(0.0)
            ),
            StepKind::WaitPermit => format!(
                "wait for {} permit at {}",
                st.country.as_deref().unwrap_or("?"),
                st.hub
            ),
            StepKind::WaitWindow => format!("wait for window at {}", st.hub),
            StepKind::WaitClosure => format!("wait for closure to end at {}", st.hub),
            StepKind::WaitCapacity => format!("wait for capacity at {}", st.hub),
            StepKind::Rest => format!("rest halt at {}", st.hub),
            StepKind::Load => format!(
                "load onto {} at {}",
                st.mode.map(|m| m.as_str()).unwrap_or("?"),
                st.hub
            ),
            StepKind::Unload => format!(
                "unload from {} at {}",
                st.mode.map(|m| m.as_str()).unwrap_or("?"),
                st.hub
            ),
            StepKind::Transfer => format!("gauge transshipment at {}", st.hub),
            // Movement kinds are matched by the first arm.
            _ => format!("{} at {}", st.kind.as_str(), st.hub),
        };
        let _ = writeln!(
            s,
            "  {}  {:>9}  {}",
            st.start.format("%Y-%m-%d %H:%M"),
            hm(st.duration_min),
            what
        );
    }
    let _ = writeln!(s, "time by kind:");
    for (k, m) in &r.totals_min {
        let _ = writeln!(s, "  {:<12} {:>10}", k.as_str(), hm(*m));
    }
    if !r.permit_plan.is_empty() {
        let _ = writeln!(s, "permit plan (regime {}):", r.regime);
        for p in &r.permit_plan {
            let _ = writeln!(
                s,
                "  {}  lead {:<18} granted {}  needed {}  latest request {}  delay {}",
                p.country,
                p.lead_time,
                p.grant.format("%Y-%m-%d %H:%M"),
                p.needed_by.format("%Y-%m-%d %H:%M"),
                p.latest_request.format("%Y-%m-%d %H:%M"),
                hm(p.delay_min)
            );
        }
    }
    if !r.binding_limits.is_empty() {
        let _ = writeln!(s, "binding limits:");
        for b in &r.binding_limits {
            let _ = writeln!(s, "  {:<16} {:<28} on {}", b.limit, b.value, b.link);
        }
    }
    s
}
