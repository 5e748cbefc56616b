//! A route as a human-readable timeline.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use crate::routing::{Route, StepKind};

/// An instant rounded to the minute (minutes since the epoch): the
/// timeline shows these, and each step's duration is the difference of two
/// of them, so a step's start plus its shown duration is the next step's
/// shown start (no rounding drift).
fn minute(t: DateTime<Utc>) -> i64 {
    (t.timestamp() + 30).div_euclid(60)
}

/// A minute from [`minute`] as `YYYY-MM-DD HH:MM` (UTC).
fn at(m: i64) -> String {
    DateTime::<Utc>::from_timestamp(m * 60, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "?".into())
}

/// An instant as `YYYY-MM-DD HH:MM UTC`.
fn utc(t: DateTime<Utc>) -> String {
    format!("{} UTC", at(minute(t)))
}

fn hm(minutes: f64) -> String {
    let m = minutes.round() as i64;
    if m >= 24 * 60 {
        format!("{}d{:02}h{:02}", m / 1440, (m % 1440) / 60, m % 60)
    } else {
        format!("{}h{:02}", m / 60, m % 60)
    }
}

/// The route as text: header, steps, permit plan, binding limits. Every
/// time says its zone (UTC, like the route JSON); the timeline is rounded to
/// the minute so that each start plus its duration is the next start.
pub fn route_to_text(r: &Route) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "route {} → {}", r.from, r.to);
    let _ = writeln!(
        s,
        "depart {}  arrive {}  ({}, {:.0} km, countries {})",
        r.depart.to_rfc3339(),
        r.arrival.to_rfc3339(),
        hm(r.duration_h * 60.0),
        r.distance_km,
        r.countries.join(" → ")
    );
    let _ = writeln!(s, "steps (start UTC, duration):");
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
        let (a, b) = (minute(st.start), minute(st.end));
        let _ = writeln!(s, "  {}  {:>9}  {}", at(a), hm((b - a) as f64), what);
    }
    let _ = writeln!(s, "time by kind:");
    for (k, m) in &r.totals_min {
        let _ = writeln!(s, "  {:<12} {:>9}", k.as_str(), hm(*m));
    }
    if !r.permit_plan.is_empty() {
        let _ = writeln!(s, "permit plan (regime {}):", r.regime);
        for p in &r.permit_plan {
            let _ = writeln!(
                s,
                "  {}  lead {:<18} granted {}  needed {}  latest request {}  delay {}",
                p.country,
                p.lead_time,
                utc(p.grant),
                utc(p.needed_by),
                utc(p.latest_request),
                hm(p.delay_min)
            );
        }
    }
    if !r.binding_limits.is_empty() {
        let _ = writeln!(
            s,
            "binding limits (for each limit on the route, where the load has least room — margin in the limit's unit — or the tightest value; the load is within all of them):"
        );
        for b in &r.binding_limits {
            let margin = b.margin.map(|m| format!("margin {m}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "  {:<16} {:<16} {:<14} on {}",
                b.limit.to_string(),
                b.value,
                margin,
                b.link
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_add_up() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let (a, b, c) = (
            t("2026-03-02T05:00:10Z"),
            t("2026-03-02T05:29:46Z"),
            t("2026-03-02T06:00:40Z"),
        );
        // 29.6 min then 30.9 min: shown as 05:00 + 0h30 = 05:30, + 0h31 = 06:01.
        assert_eq!(at(minute(a)), "2026-03-02 05:00");
        assert_eq!(minute(b) - minute(a), 30);
        assert_eq!(at(minute(b)), "2026-03-02 05:30");
        assert_eq!(
            at(minute(a) + (minute(b) - minute(a)) + (minute(c) - minute(b))),
            at(minute(c))
        );
        assert_eq!(utc(a), "2026-03-02 05:00 UTC");
    }
}
