//! Route a reinforced tank company from the port of Bremerhaven to a
//! Lithuanian staging area, under two permit regimes, and compare.
//!
//! What it shows:
//! - loading the bundled network `data/europe` with [`Network::load`];
//! - building a [`LoadProfile`] for a mixed group (14 Leopard 2A6 and
//!   2 Bergepanzer 3 Büffel recovery vehicles) from the built-in vehicle
//!   catalogue, and its permit cargo class ([`cargo_class`]);
//! - compiling a [`Router`] once for that load and answering the same
//!   [`RouteRequest`] under the `pledge-2024` (3 working days) and
//!   `status-quo` (~45 days) regimes ([`RegimePermits`]), with a daily
//!   driving limit of 10 h driving / 14 h rest;
//! - printing arrival, time by kind and the permit plan side by side, then
//!   each full timeline with [`milmob::report::route_to_text`].
//!
//! Run it with:
//!
//! ```sh
//! cargo run --release --example route_tank_company
//! ```

use std::collections::BTreeSet;
use std::error::Error;

use chrono::{TimeZone, Utc};
use milmob::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::permits::{Calendars, PermitRegime};
use milmob::report::route_to_text;
use milmob::routing::{
    DrivingRule, RegimePermits, Route, RouteOutcome, RouteRequest, Router, StepKind, TdSpace,
};
use milmob::Network;

const FROM: &str = "DE-BREMERHAVEN-PORT";
const TO: &str = "LT-PABRADE-SA";
const REGIMES: [&str; 2] = ["pledge-2024", "status-quo"];

/// Hours and minutes, e.g. `3d04h10` or `7h05`.
fn hm(minutes: f64) -> String {
    let m = minutes.round() as i64;
    if m >= 24 * 60 {
        format!("{}d{:02}h{:02}", m / 1440, (m % 1440) / 60, m % 60)
    } else {
        format!("{}h{:02}", m / 60, m % 60)
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let network = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/europe"))?;
    let catalogue = VehicleCatalogue::builtin();
    let group = [("leopard_2a6", 14), ("bergepanzer_3", 2)];
    let load = LoadProfile::for_group(catalogue, &group, &CarriagePolicy::Auto)?;
    let class = cargo_class(&load);
    for line in load.summary() {
        println!("{line}");
    }
    println!("permit cargo class: {class}\n");

    // Compile once for this load; every query below reuses it.
    let router = Router::new(&network, &load);
    let calendars = Calendars::new();
    let mut space = TdSpace::new();
    let depart = Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap();
    let mut request = RouteRequest::new(FROM, TO, depart);
    request.driving = Some(DrivingRule::hours(10.0, 14.0));

    let mut routes: Vec<(&str, Route)> = Vec::new();
    for name in REGIMES {
        let regime = PermitRegime::builtin(name)?;
        let permits = RegimePermits {
            regime: &regime,
            calendars: &calendars,
            class,
            framework: None,
        };
        match router.route(&request, &permits, &mut space)? {
            RouteOutcome::Found { route, .. } => routes.push((name, *route)),
            RouteOutcome::NoRoute(why) => {
                println!("{name}: no route — {}", why.reason);
                for r in &why.relaxations {
                    println!("  {}", r.message);
                }
            }
        }
    }

    // Side by side: one column per regime.
    let col = 24;
    print!("{:<22}", "");
    for (name, _) in &routes {
        print!("{name:>col$}");
    }
    println!();
    let row = |label: &str, f: &dyn Fn(&Route) -> String| {
        print!("{label:<22}");
        for (_, r) in &routes {
            print!("{:>col$}", f(r));
        }
        println!();
    };
    row("arrival (UTC)", &|r| {
        r.arrival.format("%Y-%m-%d %H:%M").to_string()
    });
    row("door to door", &|r| hm(r.duration_h * 60.0));
    row("distance", &|r| format!("{:.0} km", r.distance_km));
    row("countries", &|r| r.countries.join("→"));
    let kinds: BTreeSet<StepKind> = routes
        .iter()
        .flat_map(|(_, r)| r.totals_min.keys().copied())
        .collect();
    for k in kinds {
        row(&format!("  {}", k.as_str()), &|r| {
            r.totals_min.get(&k).map(|m| hm(*m)).unwrap_or_default()
        });
    }
    let countries: BTreeSet<String> = routes
        .iter()
        .flat_map(|(_, r)| r.permit_plan.iter().map(|p| p.country.clone()))
        .collect();
    for c in &countries {
        row(&format!("permit {c} lead"), &|r| {
            r.permit_plan
                .iter()
                .find(|p| &p.country == c)
                .map(|p| p.lead_time.clone())
                .unwrap_or_default()
        });
        row(&format!("permit {c} granted"), &|r| {
            r.permit_plan
                .iter()
                .find(|p| &p.country == c)
                .map(|p| p.grant.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default()
        });
        row(&format!("permit {c} delay"), &|r| {
            r.permit_plan
                .iter()
                .find(|p| &p.country == c)
                .map(|p| hm(p.delay_min))
                .unwrap_or_default()
        });
    }

    for (name, r) in &routes {
        println!("\n===== {name} =====");
        print!("{}", route_to_text(r));
    }
    Ok(())
}
