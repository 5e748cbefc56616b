//! The movement-time model on small networks built in the test, each
//! checked against a figure worked out by hand: exceptional (out-of-gauge)
//! trains at the network's exceptional speed, border dwell, handling that
//! scales with the load, single-flight sorties, carriage policies that mean
//! what they say, and route choice among routes that arrive about as early.

use chrono::{DateTime, TimeZone, Utc};
use milmob::force::{CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::network::{HubKind, Mode, ModeService, NetworkMeta};
use milmob::routing::{
    NoPermits, Route, RouteChoice, RouteOutcome, RouteRequest, Router, StepKind, TdSpace,
};
use milmob::{Country, Hub, Link, Network};

fn depart() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap()
}

fn country(c: &str) -> Country {
    Country::parse(c).unwrap()
}

fn service(handling: f64, unloading: Option<f64>) -> ModeService {
    ModeService {
        handling_min: Some(handling),
        capacity_per_day: None,
        unloading_min: unloading,
    }
}

fn load(vehicle: &str, count: u32, policy: CarriagePolicy) -> LoadProfile {
    LoadProfile::for_group(VehicleCatalogue::builtin(), &[(vehicle, count)], &policy).unwrap()
}

fn best(net: &Network, load: &LoadProfile, from: &str, to: &str) -> Route {
    let router = Router::new(net, load);
    let out = router
        .route_or_explain(
            &RouteRequest::new(from, to, depart()),
            &NoPermits,
            &mut TdSpace::new(),
        )
        .unwrap();
    match out {
        RouteOutcome::Found { route, .. } => *route,
        RouteOutcome::NoRoute(nr) => panic!("no route {from} → {to}: {}", nr.reason),
    }
}

fn step_min(r: &Route, kind: StepKind) -> f64 {
    r.steps
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.duration_min)
        .sum()
}

/// Two railheads 300 km apart by a 100 km/h line, in two countries.
fn rail_line() -> Network {
    let mut net = Network::new(NetworkMeta::default());
    for (id, c, lon) in [("A", "DE", 10.0), ("B", "PL", 14.3)] {
        let mut h = Hub::new(id, id, country(c), lon, 52.0, &[HubKind::Railhead]);
        // A full train loads in 4 h and unloads in 30 min at a prepared ramp.
        h.services.insert(Mode::Rail, service(240.0, Some(30.0)));
        net.add_hub(h).unwrap();
    }
    let mut l = Link::new("T-A-B", "A", "B", Mode::Rail, 300.0);
    l.speed_kmh = Some(100.0);
    l.limits.gauge_mm = Some(1435);
    net.add_link(l).unwrap();
    // Operating rules stated here, not taken from the defaults: exceptional
    // trains at 50 km/h at any hour, 2 h border dwell.
    let ops = &mut net.meta_mut().operations;
    ops.exceptional_train_speed_kmh = 50.0;
    ops.exceptional_train_window = None;
    ops.rail_border_dwell_min = 120.0;
    net
}

#[test]
fn exceptional_trains_run_on_night_paths() {
    let mut net = rail_line();
    net.meta_mut().operations.exceptional_train_window = Some("20:00-06:00".parse().unwrap());
    // Loading ends before 20:00 CET on Monday; the tank train waits for the
    // night path; the Boxer train leaves at once.
    let tanks = best(
        &net,
        &load("leopard_2a6", 14, CarriagePolicy::Rail),
        "A",
        "B",
    );
    let boxers = best(&net, &load("boxer", 14, CarriagePolicy::Rail), "A", "B");
    let first_rail = |r: &Route| {
        r.steps
            .iter()
            .find(|s| s.kind == StepKind::Rail)
            .unwrap()
            .start
    };
    assert_eq!(
        first_rail(&tanks),
        Utc.with_ymd_and_hms(2026, 3, 2, 19, 0, 0).unwrap()
    );
    assert!(first_rail(&boxers) < Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap());
    assert!(step_min(&tanks, StepKind::WaitWindow) > 0.0);
}

#[test]
fn tanks_run_as_exceptional_consignments_with_a_border_dwell() {
    let net = rail_line();
    // 14 Leopard 2A6 are out of gauge: 300 km at the default exceptional
    // speed of 50 km/h = 6 h, plus the 2 h locomotive and crew change.
    let tanks = best(
        &net,
        &load("leopard_2a6", 14, CarriagePolicy::Rail),
        "A",
        "B",
    );
    assert!(
        (step_min(&tanks, StepKind::Rail) - (360.0 + 120.0)).abs() < 0.5,
        "{tanks:#?}"
    );
    // Unloading at the ramp is quicker than loading (30 min vs 4 h for a full
    // train), and both scale with the share of a train the load fills.
    let (l, u) = (
        step_min(&tanks, StepKind::Load),
        step_min(&tanks, StepKind::Unload),
    );
    assert!(
        l > u && l <= 240.0 + 1e-9 && u >= 30.0 - 1e-9,
        "load {l} unload {u}"
    );
    // Boxers are not out of gauge: line speed (100 km/h → 3 h) plus the dwell.
    let boxers = best(&net, &load("boxer", 14, CarriagePolicy::Rail), "A", "B");
    assert!((step_min(&boxers, StepKind::Rail) - (180.0 + 120.0)).abs() < 0.5);
}

#[test]
fn network_operations_set_the_exceptional_speed_and_dwell() {
    let mut net = rail_line();
    net.meta_mut().operations.exceptional_train_speed_kmh = 30.0;
    net.meta_mut().operations.rail_border_dwell_min = 0.0;
    let tanks = best(
        &net,
        &load("leopard_2a6", 14, CarriagePolicy::Rail),
        "A",
        "B",
    );
    assert!((step_min(&tanks, StepKind::Rail) - 600.0).abs() < 0.5);
}

/// Two ports 80 km apart across the sea (Helsinki–Tallinn-like).
fn ferry() -> Network {
    let mut net = Network::new(NetworkMeta::default());
    for (id, c, lat) in [("H", "FI", 60.16), ("T", "EE", 59.45)] {
        let mut h = Hub::new(id, id, country(c), 24.95, lat, &[HubKind::SeaPort]);
        // A full Ro-Ro ship takes 15 h to load or unload.
        h.services.insert(Mode::Sea, service(900.0, None));
        net.add_hub(h).unwrap();
    }
    net.add_link(Link::new("S-H-T", "H", "T", Mode::Sea, 85.0))
        .unwrap();
    net
}

#[test]
fn port_handling_scales_with_the_load() {
    let net = ferry();
    let one = best(&net, &load("boxer", 1, CarriagePolicy::Sea), "H", "T");
    let many = best(&net, &load("boxer", 60, CarriagePolicy::Sea), "H", "T");
    let (l1, lm) = (
        step_min(&one, StepKind::Load),
        step_min(&many, StepKind::Load),
    );
    // One Boxer is not a full ship: the least handling time (60 min), not 15 h.
    assert!((l1 - 60.0).abs() < 0.5, "one Boxer loads in {l1} min");
    assert!(lm > l1 && lm <= 900.0 * 2.0, "60 Boxers load in {lm} min");
    // Sailing at the 20 kn (37 km/h) Ro-Ro default or the vessel's own speed.
    let sail = step_min(&one, StepKind::Sail);
    assert!(
        (85.0 / 37.0 * 60.0 - 1.0..=85.0 / 30.0 * 60.0).contains(&sail),
        "{sail}"
    );
}

/// Three airfields in a line: W–R 600 km, R–P 600 km, W–P 1,150 km. With
/// `direct_max_km`, the topology adds direct flights up to that range.
fn airfields(direct: bool, direct_max_km: Option<f64>) -> Network {
    let mut net = Network::new(NetworkMeta::default());
    net.meta_mut().operations.air_direct_max_km = direct_max_km;
    for (id, lon) in [("W", 9.5), ("R", 17.0), ("P", 24.0)] {
        let mut h = Hub::new(id, id, country("DE"), lon, 52.4, &[HubKind::Airport]);
        h.services.insert(Mode::Air, service(90.0, None));
        net.add_hub(h).unwrap();
    }
    net.add_link(Link::new("A-W-R", "W", "R", Mode::Air, 530.0))
        .unwrap();
    net.add_link(Link::new("A-R-P", "R", "P", Mode::Air, 490.0))
        .unwrap();
    if direct {
        net.add_link(Link::new("A-W-P", "W", "P", Mode::Air, 1010.0))
            .unwrap();
    }
    net
}

#[test]
fn a_sortie_is_one_flight_between_two_airfields() {
    let boxer = load("boxer", 1, CarriagePolicy::Air);
    // With a direct link the load flies it.
    let r = best(&airfields(true, None), &boxer, "W", "P");
    assert_eq!(r.links, ["A-W-P"]);
    // Without one, and no direct flights added, it lands at R, is unloaded
    // and loaded again: two sorties.
    let r = best(&airfields(false, None), &boxer, "W", "P");
    assert_eq!(r.links, ["A-W-R", "A-R-P"]);
    let kinds: Vec<StepKind> = r.steps.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            StepKind::Load,
            StepKind::Fly,
            StepKind::Unload,
            StepKind::Load,
            StepKind::Fly,
            StepKind::Unload
        ]
    );
}

/// Road and rail between two garrisons 230 km apart; the rail line ends at
/// railheads near each.
fn road_and_rail(rail: bool) -> Network {
    let mut net = Network::new(NetworkMeta::default());
    for (id, lon, kinds) in [
        ("G1", 11.5, &[HubKind::StagingArea][..]),
        ("R1", 11.6, &[HubKind::Railhead][..]),
        ("R2", 14.2, &[HubKind::Railhead][..]),
        ("G2", 14.3, &[HubKind::StagingArea][..]),
    ] {
        let mut h = Hub::new(id, id, country("DE"), lon, 48.2, kinds);
        if kinds.contains(&HubKind::Railhead) {
            h.services.insert(Mode::Rail, service(120.0, Some(30.0)));
        }
        net.add_hub(h).unwrap();
    }
    net.add_link(Link::new("R-G1-R1", "G1", "R1", Mode::Road, 10.0))
        .unwrap();
    net.add_link(Link::new("R-G1-G2", "G1", "G2", Mode::Road, 235.0))
        .unwrap();
    net.add_link(Link::new("R-R2-G2", "R2", "G2", Mode::Road, 10.0))
        .unwrap();
    if rail {
        let mut l = Link::new("T-R1-R2", "R1", "R2", Mode::Rail, 215.0);
        l.limits.gauge_mm = Some(1435);
        net.add_link(l).unwrap();
    }
    net
}

#[test]
fn carriage_rail_means_the_main_leg_by_rail() {
    let tanks = load("leopard_2a6", 14, CarriagePolicy::Rail);
    // By HET on the road would be quicker than loading a train; policy
    // `rail` still goes by rail, with road only to and from the railheads.
    let r = best(&road_and_rail(true), &tanks, "G1", "G2");
    assert_eq!(r.links, ["R-G1-R1", "T-R1-R2", "R-R2-G2"]);
    // Without the rail line: no route, and the answer says why.
    let router = Router::new(&road_and_rail(false), &tanks);
    let out = router
        .route_or_explain(
            &RouteRequest::new("G1", "G2", depart()),
            &NoPermits,
            &mut TdSpace::new(),
        )
        .unwrap();
    let RouteOutcome::NoRoute(nr) = out else {
        panic!("policy rail found a route without rail: {out:?}");
    };
    assert!(nr.reason.contains("main leg by rail"), "{}", nr.reason);
    // Under `auto` the same network routes by road.
    let auto = load("leopard_2a6", 14, CarriagePolicy::Auto);
    let r = best(&road_and_rail(false), &auto, "G1", "G2");
    assert_eq!(r.links, ["R-G1-G2"]);
}

/// A direct road through a country whose permit takes a day, and a long
/// detour through a country that grants at once (arriving a little earlier).
fn detour() -> Network {
    let mut net = Network::new(NetworkMeta::default());
    for (id, c, lon, lat) in [
        ("O", "DE", 10.0, 50.0),
        ("X", "DE", 11.0, 50.0),
        ("D", "DE", 12.0, 50.0),
        ("F", "DE", 11.0, 53.0),
    ] {
        net.add_hub(Hub::new(id, id, country(c), lon, lat, &[HubKind::Junction]))
            .unwrap();
    }
    // Direct O–X–D: 150 km, but X opens only 12:00–13:00 local.
    net.update_hub("X", |h| {
        h.opening_hours = Some("12:00-13:00".parse().unwrap())
    })
    .unwrap();
    net.add_link(Link::new("R-O-X", "O", "X", Mode::Road, 75.0))
        .unwrap();
    net.add_link(Link::new("R-X-D", "X", "D", Mode::Road, 75.0))
        .unwrap();
    // Detour via F: 700 km at 50 km/h = 14 h, no waiting.
    net.add_link(Link::new("R-O-F", "O", "F", Mode::Road, 350.0))
        .unwrap();
    net.add_link(Link::new("R-F-D", "F", "D", Mode::Road, 350.0))
        .unwrap();
    net
}

#[test]
fn route_choice_prefers_the_short_road_that_arrives_about_as_early() {
    let net = detour();
    let router = Router::new(&net, &milmob::routing::Unconstrained);
    let mut space = TdSpace::new();
    // Leaving 06:00 UTC (07:00 local): the direct road reaches X at 08:30
    // local and waits until noon; it arrives 13:30 local + 1.5 h = 15:00
    // local. The detour arrives 14 h after 07:00 = 21:00 local. Depart
    // instead at 22:00 UTC: direct waits until 12:00 next day, arriving
    // 13:30 local; the detour arrives 13:00 local — 30 min earlier.
    let late = Utc.with_ymd_and_hms(2026, 3, 2, 22, 0, 0).unwrap();
    let mut req = RouteRequest::new("O", "D", late);
    req.choice = RouteChoice::strict();
    let strict = router.route(&req, &NoPermits, &mut space).unwrap();
    let strict = strict.best().unwrap();
    assert_eq!(
        strict.links,
        ["R-O-F", "R-F-D"],
        "strict earliest takes the detour"
    );
    req.choice = RouteChoice::default();
    let chosen = router.route(&req, &NoPermits, &mut space).unwrap();
    let chosen = chosen.best().unwrap();
    assert_eq!(
        chosen.links,
        ["R-O-X", "R-X-D"],
        "3 h tolerance: the short road"
    );
    assert!(chosen.arrival > strict.arrival);
    assert!((chosen.arrival - strict.arrival).num_minutes() <= 180);
    // A tolerance of 10 minutes keeps the detour.
    req.choice.tolerance_min = 10.0;
    req.choice.tolerance_share = 0.0;
    let tight = router.route(&req, &NoPermits, &mut space).unwrap();
    assert_eq!(tight.best().unwrap().links, ["R-O-F", "R-F-D"]);
}
