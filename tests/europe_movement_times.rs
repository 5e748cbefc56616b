//! Movement times on the bundled network compared with the real world, as
//! a logistics officer would check them. Each test prints its figures
//! (`cargo test --release --test europe_movement_times -- --nocapture`) and
//! says which assumptions produce them; the sources are in the comments.

use chrono::{DateTime, TimeZone, Utc};
use milmob::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::network::Mode;
use milmob::permits::{Calendars, PermitRegime};
use milmob::routing::{DrivingRule, RegimePermits, Route, RouteRequest, Router, StepKind, TdSpace};
use milmob::Network;

fn europe() -> Network {
    Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/europe")).unwrap()
}

fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap()
}

/// What is moved, how and under which rules.
struct Movement<'a> {
    group: &'a [(&'a str, u32)],
    policy: CarriagePolicy,
    regime: &'a str,
    driving: Option<DrivingRule>,
    /// Permits asked for this long before departure (0 = at departure).
    request_ahead_days: i64,
}

fn route(net: &Network, m: &Movement<'_>, from: &str, to: &str) -> Route {
    let Movement {
        group,
        policy,
        regime,
        driving,
        request_ahead_days,
    } = *m;
    let load = LoadProfile::for_group(VehicleCatalogue::builtin(), group, &policy).unwrap();
    let regime = PermitRegime::builtin(regime).unwrap();
    let calendars = Calendars::new();
    let permits = RegimePermits {
        regime: &regime,
        calendars: &calendars,
        class: cargo_class(&load),
        framework: None,
    };
    let router = Router::new(net, &load);
    let req = RouteRequest {
        driving,
        permit_request: Some(monday() - chrono::Duration::days(request_ahead_days)),
        ..RouteRequest::new(from, to, monday())
    };
    let out = router
        .route_or_explain(&req, &permits, &mut TdSpace::new())
        .unwrap();
    match out.best() {
        Some(r) => r.clone(),
        None => panic!("no route {from} → {to}: {out:?}"),
    }
}

fn minutes(r: &Route, kind: StepKind) -> f64 {
    r.steps
        .iter()
        .filter(|s| s.kind == kind)
        .fold(0.0, |a, s| a + s.duration_min)
}

/// August 2020: Panzerbataillon 104 moved 14 Leopard 2A6 (with a Marder and
/// a Büffel) by train from the Nabburg railhead to Rukla, about 1,400 km in
/// 5 days, slowed by the out-of-gauge load, with a gauge change near the
/// destination (MNC NE, "EFP: logistical precision at work", 21 Aug 2020).
/// Assumptions that produce milmob's figure: one train of 15 tanks-on-wagons
/// (the Marder is modelled as a second Büffel-class wagon load), an
/// exceptional consignment at 50 km/h, 2 h at each border for locomotive
/// and crew change, the permit for each country entered requested a week
/// before departure under the 2024 pledge's 3 working days (so permits do
/// not hold the train), the hubs' loading, unloading and transshipment
/// times (estimates in data/europe/hubs.csv).
#[test]
fn panzerbataillon_104_by_rail_nabburg_to_rukla_2020() {
    let net = europe();
    let m = Movement {
        group: &[("leopard_2a6", 14), ("bergepanzer_3", 2)],
        policy: CarriagePolicy::Rail,
        regime: "pledge-2024",
        driving: None,
        request_ahead_days: 7,
    };
    let r = route(&net, &m, "DE-NABBURG-RH", "LT-RUKLA-SA");

    let days = r.duration_h / 24.0;
    let rail_km = r.km_by_mode.get(&Mode::Rail).copied().unwrap_or(0.0);
    eprintln!(
        "Nabburg → Rukla by rail: {:.0} km ({rail_km:.0} by rail), {days:.1} days; rail running {:.1} h, loading {:.1} h, unloading {:.1} h, gauge change {:.1} h, permits {:.1} h (reported: ~1,400 km, 5 days)",
        r.distance_km,
        minutes(&r, StepKind::Rail) / 60.0,
        minutes(&r, StepKind::Load) / 60.0,
        minutes(&r, StepKind::Unload) / 60.0,
        minutes(&r, StepKind::Transfer) / 60.0,
        minutes(&r, StepKind::WaitPermit) / 60.0
    );
    assert!(
        (1_190.0..=1_610.0).contains(&r.distance_km),
        "{} km vs ~1,400",
        r.distance_km
    );
    assert!(rail_km > 0.85 * r.distance_km, "the main leg is rail");
    // The same order of time: days, not a day and a half at line speed.
    assert!((2.0..=7.0).contains(&days), "{days:.1} days vs ~5");
}

/// Niš → Ormenio (the Greek–Turkish–Bulgarian border): about 480 km by road
/// via Sofia and Plovdiv (E80, A1 "Trakia" motorway; well-known distances).
/// Before route choice the earliest arrival went through HR, SI, IT and DE,
/// 3,436 km, to arrive about 2 hours earlier.
#[test]
fn nis_to_ormenio_takes_the_direct_road() {
    let net = europe();
    let r = route(
        &net,
        &Movement {
            group: &[("boxer", 12)],
            policy: CarriagePolicy::Road,
            regime: "pledge-2024",
            driving: Some(DrivingRule::hours(10.0, 14.0)),
            request_ahead_days: 0,
        },
        "RS-NIS-J",
        "GR-ORMENIO-BX",
    );
    eprintln!(
        "Niš → Ormenio: {:.0} km via {:?}",
        r.distance_km, r.countries
    );
    assert!(r.distance_km < 700.0, "{} km", r.distance_km);
    for c in ["HR", "SI", "IT", "DE"] {
        assert!(!r.countries.iter().any(|x| x == c), "{:?}", r.countries);
    }
}

/// Sines → Rovaniemi under the status quo (45 days' notice): the earliest
/// arrival once went through RO, HU and LT; the sensible road runs through
/// Spain, France, Germany, Denmark and Sweden (or Poland and the Baltics).
#[test]
fn sines_to_rovaniemi_no_absurd_tour() {
    let net = europe();
    let r = route(
        &net,
        &Movement {
            group: &[("boxer", 12)],
            policy: CarriagePolicy::Road,
            regime: "status-quo",
            driving: Some(DrivingRule::hours(10.0, 14.0)),
            request_ahead_days: 0,
        },
        "PT-SINES-PORT",
        "FI-ROVANIEMI-SA",
    );
    eprintln!(
        "Sines → Rovaniemi: {:.0} km via {:?}",
        r.distance_km, r.countries
    );
    for c in ["RO", "HU"] {
        assert!(!r.countries.iter().any(|x| x == c), "{:?}", r.countries);
    }
    // Great circle ≈ 3,900 km; real road ≈ 5,000 km.
    assert!(r.distance_km < 6_000.0, "{} km", r.distance_km);
}

/// One Boxer on the Helsinki–Tallinn ferry (about 80 km, about 2 h at sea on
/// the fast Ro-Ro ferries): loading and unloading one vehicle take the least
/// handling time (60 min), not a full ship's 15 hours.
#[test]
fn one_boxer_on_the_helsinki_tallinn_ferry() {
    let net = europe();
    let r = route(
        &net,
        &Movement {
            group: &[("boxer", 1)],
            policy: CarriagePolicy::Sea,
            regime: "emergency-2025",
            driving: None,
            request_ahead_days: 0,
        },
        "FI-HELSINKI-PORT",
        "EE-TALLINN-PORT",
    );
    let (load, sail, unload) = (
        minutes(&r, StepKind::Load),
        minutes(&r, StepKind::Sail),
        minutes(&r, StepKind::Unload),
    );
    eprintln!("Helsinki → Tallinn by ferry: load {load:.0} min, sail {sail:.0} min ({:.0} km), unload {unload:.0} min", r.distance_km);
    assert!(
        load <= 120.0 && unload <= 120.0,
        "load {load}, unload {unload}"
    );
    assert!((90.0..=240.0).contains(&sail), "sail {sail} min");
}

/// Oslo → Stockholm: about 525 km by road (E18 via Karlstad and Örebro).
/// An invented bridge limit on the E18 once sent a Boxer via Gothenburg
/// (841 km).
#[test]
fn oslo_to_stockholm_on_the_e18() {
    let net = europe();
    let r = route(
        &net,
        &Movement {
            group: &[("boxer", 12)],
            policy: CarriagePolicy::Road,
            regime: "pledge-2024",
            driving: None,
            request_ahead_days: 0,
        },
        "NO-OSLO-PORT",
        "SE-STOCKHOLM-J",
    );
    eprintln!("Oslo → Stockholm: {:.0} km ({:?})", r.distance_km, r.links);
    assert!(
        (440.0..=610.0).contains(&r.distance_km),
        "{} km vs ~525",
        r.distance_km
    );
}

/// By air, a sortie is one flight between two airfields: no route flies
/// on through other airfields without landing and unloading.
#[test]
fn air_routes_are_single_flights() {
    let net = europe();
    let r = route(
        &net,
        &Movement {
            group: &[("boxer", 1)],
            policy: CarriagePolicy::Air,
            regime: "emergency-2025",
            driving: None,
            request_ahead_days: 0,
        },
        "DE-WUNSTORF-AB",
        "PL-POWIDZ-AB",
    );
    let flights: Vec<_> = r.steps.iter().filter(|s| s.kind == StepKind::Fly).collect();
    let loads = r.steps.iter().filter(|s| s.kind == StepKind::Load).count();
    eprintln!(
        "Wunstorf → Powidz by air: {} flight(s), {:.0} km in the air",
        flights.len(),
        r.km_by_mode.get(&Mode::Air).copied().unwrap_or(0.0)
    );
    assert_eq!(flights.len(), loads, "every flight starts with a loading");
    assert!(r.km_by_mode.get(&Mode::Air).copied().unwrap_or(0.0) < 1_400.0);
}
