//! Moving a force through shared capacity: plans on the bundled network and
//! on small networks, verified by an independent plan checker (this file,
//! not the scheduler's own checks), against an exhaustive optimum on small
//! instances, and against golden summaries of the bundled scenarios.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use milmob::force::{CarriagePolicy, VehicleCatalogue};
use milmob::movement::{
    AssetKind, AssetUse, ForceElement, HetPool, MoveOptions, MovementOrder, MovementPlan,
    MovementPlanner, RailPool, TransportAssets, UnitKind,
};
use milmob::network::{Capacity, HubKind, Mode, NetworkMeta};
use milmob::permits::{Calendars, PermitRegime};
use milmob::routing::{RouteChoice, StepKind};
use milmob::{Country, Hub, Link, Network};
use proptest::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn depart() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap()
}

fn element(
    id: &str,
    vehicles: &[(&str, u32)],
    from: &str,
    to: &str,
    carriage: CarriagePolicy,
) -> ForceElement {
    ForceElement {
        id: id.into(),
        vehicles: vehicles.iter().map(|(v, c)| (v.to_string(), *c)).collect(),
        origin: from.into(),
        destination: to.into(),
        carriage,
        earliest_departure: depart(),
        priority: 1,
        max_self_propelled_km: None,
    }
}

fn plan_with(
    net: &Network,
    regime: &str,
    force: &[ForceElement],
    options: MoveOptions,
) -> MovementPlan {
    MovementPlanner::new(
        net,
        VehicleCatalogue::builtin(),
        PermitRegime::builtin(regime).unwrap(),
        Calendars::new(),
        options,
    )
    .plan(force)
    .unwrap()
}

/// Pass time of a wheeled unit on a link, seconds, as the capacity rules
/// define it: a road column's road space in open column over its expressway
/// march speed, plus the time gap between march units (FM 55-30).
fn pass_secs(kind: UnitKind, vehicles: u32, o: &MoveOptions) -> i64 {
    if kind != UnitKind::MarchUnit {
        return 0;
    }
    let d = &o.doctrine;
    let road_space_m = f64::from(vehicles.saturating_sub(1)) * d.open_column_interval_m;
    (road_space_m / (d.speeds.expressway_kmh / 3.6) + d.march_unit_gap_min * 60.0).round() as i64
}

/// Entries into one link direction: (instant, pass time in seconds).
type Entries = Vec<(DateTime<Utc>, i64)>;
/// Handling intervals at one hub service.
type Intervals = Vec<(DateTime<Utc>, DateTime<Utc>)>;

/// The independent plan checker: recomputes every capacity rule from the
/// network and the units' timelines, not from the scheduler's tables.
fn check_plan(
    net: &Network,
    force: &[ForceElement],
    plan: &MovementPlan,
    o: &MoveOptions,
) -> Result<(), String> {
    // Every vehicle of the force moved exactly once.
    let mut wanted: BTreeMap<String, u32> = BTreeMap::new();
    for e in force {
        for (v, c) in &e.vehicles {
            *wanted.entry(v.clone()).or_default() += c;
        }
    }
    let mut moved: BTreeMap<String, u32> = BTreeMap::new();
    for u in &plan.units {
        for (v, c) in &u.vehicles {
            *moved.entry(v.clone()).or_default() += c;
        }
    }
    if wanted != moved || !plan.unrouted.is_empty() {
        return Err(format!(
            "vehicles wanted {wanted:?}, moved {moved:?}, unrouted {:?}",
            plan.unrouted
        ));
    }
    // Link headways per direction.
    let mut entries: BTreeMap<(String, String), Entries> = BTreeMap::new();
    // Hub handling intervals per (hub, mode).
    let mut handling: BTreeMap<(String, Mode), Intervals> = BTreeMap::new();
    for u in &plan.units {
        let pass = pass_secs(u.kind, u.vehicles.values().sum(), o);
        let mut prev_end = u.depart;
        for s in &u.steps {
            if s.start < prev_end {
                return Err(format!(
                    "{}: step at {} overlaps the previous",
                    u.id, s.start
                ));
            }
            prev_end = s.end;
            // Every wait and rest says why, in the words of its kind.
            let want = match s.kind.as_str() {
                "wait_permit" => Some("permit"),
                "wait_window" => Some("window"),
                "wait_closure" => Some("closure"),
                "wait_capacity" => Some("capacity"),
                "wait_asset" => Some("asset"),
                "rest" => Some("rest"),
                _ => None,
            };
            if s.reason.as_deref() != want {
                return Err(format!(
                    "{}: {} step at {} has reason {:?}, expected {want:?}",
                    u.id,
                    s.kind.as_str(),
                    s.start,
                    s.reason
                ));
            }
            if s.kind.is_movement() {
                let link = s.link.clone().ok_or("movement without link")?;
                entries
                    .entry((link, s.hub.clone()))
                    .or_default()
                    .push((s.start, pass));
            }
            if matches!(
                s.kind,
                StepKind::Load | StepKind::Unload | StepKind::Transfer
            ) {
                let mode = s.mode.unwrap_or(Mode::Rail);
                handling
                    .entry((s.hub.clone(), mode))
                    .or_default()
                    .push((s.start, s.end));
            }
        }
        if prev_end != u.arrive {
            return Err(format!(
                "{}: last step ends {prev_end}, arrival {}",
                u.id, u.arrive
            ));
        }
        if u.arrive < u.unconstrained_arrival {
            return Err(format!("{} arrives before it could alone", u.id));
        }
    }
    for ((link, from), mut list) in entries {
        // Direct flights are the topology's, not the network's: no capacity.
        let Some(l) = net.link(&link) else {
            if link.starts_with("AIR-DIRECT:") {
                continue;
            }
            return Err(format!("unknown link {link}"));
        };
        let Some(cap) = l.capacity else { continue };
        let h = cap.headway_secs().unwrap().ceil() as i64;
        list.sort();
        for w in list.windows(2) {
            let gap = (w[1].0 - w[0].0).num_seconds();
            if gap < h.max(w[0].1) {
                return Err(format!(
                    "{link} from {from}: entries {} and {} only {gap} s apart (headway {h} s)",
                    w[0].0, w[1].0
                ));
            }
        }
    }
    for ((hub, mode), list) in handling {
        let svc = net.hub(&hub).and_then(|h| h.services.get(&mode).copied());
        let Some(k) = svc.and_then(|s| s.handled_at_once()) else {
            continue;
        };
        for &(s, _) in &list {
            let at = list.iter().filter(|(a, b)| *a <= s && s < *b).count();
            if at > k as usize {
                return Err(format!(
                    "{hub} ({mode}): {at} units handled at once at {s}, limit {k}"
                ));
            }
        }
    }
    let closure = plan.units.iter().map(|u| u.arrive).max().unwrap();
    if closure != plan.closure_time {
        return Err(format!(
            "closure {} is not the last arrival {closure}",
            plan.closure_time
        ));
    }
    if plan.lower_bound > plan.closure_time {
        return Err(format!(
            "bound {} after closure {}",
            plan.lower_bound, plan.closure_time
        ));
    }
    check_holding(net, plan)?;
    check_assets(plan, o)?;
    Ok(())
}

/// Holding: the vehicles standing at a hub (waiting or resting, away from
/// their own origin and destination) never exceed its `hold_vehicles`.
fn check_holding(net: &Network, plan: &MovementPlan) -> Result<(), String> {
    let mut stays: BTreeMap<String, Intervals> = BTreeMap::new();
    let mut sizes: BTreeMap<(String, DateTime<Utc>, DateTime<Utc>), u32> = BTreeMap::new();
    for u in &plan.units {
        let n: u32 = u.vehicles.values().sum();
        for s in &u.steps {
            let waiting = matches!(
                s.kind,
                StepKind::WaitPermit
                    | StepKind::WaitWindow
                    | StepKind::WaitClosure
                    | StepKind::WaitCapacity
                    | StepKind::Rest
            );
            if !waiting || s.hub == u.origin || s.hub == u.destination {
                continue;
            }
            if s.link.is_some() {
                return Err(format!("{}: a wait on link {:?}", u.id, s.link));
            }
            stays
                .entry(s.hub.clone())
                .or_default()
                .push((s.start, s.end));
            *sizes.entry((s.hub.clone(), s.start, s.end)).or_default() += n;
        }
    }
    for (hub, list) in stays {
        let Some(limit) = net.hub(&hub).and_then(|h| h.hold_vehicles) else {
            continue;
        };
        for &(a, _) in &list {
            let held: u32 = sizes
                .iter()
                .filter(|((h, s, e), _)| *h == hub && *s <= a && a < *e)
                .map(|(_, n)| n)
                .sum();
            if held > limit {
                return Err(format!("{hub}: {held} vehicles held at {a}, limit {limit}"));
            }
        }
    }
    Ok(())
}

/// Assets: each one in one place at a time (its movements in order, none
/// overlapping, each leaving from where the last ended, the first from its
/// home); wagons within their pool; every unit that needs HETs, a train
/// set, a ship or an aircraft carried by one over its carriage; trains per
/// day at a railhead.
fn check_assets(plan: &MovementPlan, o: &MoveOptions) -> Result<(), String> {
    let a = &o.assets;
    let mut homes: BTreeMap<String, String> = BTreeMap::new();
    for h in &a.het {
        homes.insert(format!("het@{}", h.home), h.home.clone());
    }
    for r in &a.rail {
        homes.insert(format!("rail@{}", r.railhead), r.railhead.clone());
    }
    for sh in &a.ship {
        homes.insert(format!("ship:{}", sh.id), sh.ports[0].clone());
    }
    for ac in &a.aircraft {
        homes.insert(format!("aircraft@{}", ac.base), ac.base.clone());
    }
    let mut by: BTreeMap<(String, u32, String), Vec<&AssetUse>> = BTreeMap::new();
    for u in &plan.asset_uses {
        if u.end < u.start {
            return Err(format!("{u:?} ends before it starts"));
        }
        if !u.loaded && u.from != u.to && u.end == u.start {
            return Err(format!("{u:?}: an empty movement in no time"));
        }
        if let Some(i) = u.instance {
            by.entry((u.pool.clone(), i, format!("{:?}", u.kind)))
                .or_default()
                .push(u);
        }
    }
    for ((pool, i, kind), mut list) in by {
        list.sort_by_key(|u| (u.start, u.end));
        let home = homes.get(&pool).ok_or(format!("unknown pool {pool}"))?;
        if &list[0].from != home {
            return Err(format!(
                "{pool} {kind} {i} starts at {}, not at home {home}",
                list[0].from
            ));
        }
        for w in list.windows(2) {
            if w[1].start < w[0].end {
                return Err(format!("{pool} {kind} {i}: {:?} overlaps {:?}", w[1], w[0]));
            }
            if w[1].from != w[0].to {
                return Err(format!(
                    "{pool} {kind} {i}: at {} after {:?}, leaves from {}",
                    w[0].to, w[0].unit, w[1].from
                ));
            }
        }
    }
    for r in &a.rail {
        let pool = format!("rail@{}", r.railhead);
        if let Some(w) = r.wagons {
            let loaded: Vec<&AssetUse> = plan
                .asset_uses
                .iter()
                .filter(|u| u.pool == pool && u.kind == AssetKind::Wagons && u.loaded)
                .collect();
            let out_until = |u: &AssetUse| {
                plan.asset_uses
                    .iter()
                    .find(|b| {
                        b.pool == pool
                            && b.kind == AssetKind::Wagons
                            && !b.loaded
                            && b.unit == u.unit
                    })
                    .map_or(DateTime::<Utc>::MAX_UTC, |b| b.end)
            };
            for x in &loaded {
                let out: u32 = loaded
                    .iter()
                    .filter(|y| y.start <= x.start && x.start < out_until(y))
                    .map(|y| y.quantity)
                    .sum();
                if out > w {
                    return Err(format!("{pool}: {out} wagons out at {}, pool {w}", x.start));
                }
            }
        }
        // Trains per day: load starts at the railhead at least 1440 / n
        // minutes apart.
        let mut starts: Vec<DateTime<Utc>> = plan
            .units
            .iter()
            .flat_map(|u| u.steps.iter())
            .filter(|s| {
                s.kind == StepKind::Load && s.mode == Some(Mode::Rail) && s.hub == r.railhead
            })
            .map(|s| s.start)
            .collect();
        starts.sort();
        if let Some(n) = r.trains_per_day {
            let h = (86_400.0 / n).ceil() as i64;
            for w in starts.windows(2) {
                if (w[1] - w[0]).num_seconds() < h {
                    return Err(format!(
                        "{}: trains at {} and {} closer than {h} s",
                        r.railhead, w[0], w[1]
                    ));
                }
            }
        }
        if r.locomotives.is_some() {
            for u in &plan.units {
                for s in u.steps.iter().filter(|s| {
                    s.kind == StepKind::Load && s.mode == Some(Mode::Rail) && s.hub == r.railhead
                }) {
                    let carried = plan.asset_uses.iter().any(|x| {
                        x.unit == u.id
                            && x.kind == AssetKind::Locomotive
                            && x.loaded
                            && x.start == s.start
                    });
                    if !carried {
                        return Err(format!(
                            "{}: loads at {} without a locomotive",
                            u.id, r.railhead
                        ));
                    }
                }
            }
        }
        if a.rail_exclusive {
            for u in &plan.units {
                for s in u
                    .steps
                    .iter()
                    .filter(|s| s.kind == StepKind::Load && s.mode == Some(Mode::Rail))
                {
                    if !a.rail.iter().any(|r| r.railhead == s.hub) {
                        return Err(format!(
                            "{} loads at {}, not a declared railhead",
                            u.id, s.hub
                        ));
                    }
                }
            }
        }
    }
    for ac in &a.aircraft {
        let pool = format!("aircraft@{}", ac.base);
        let cycle = (86_400.0 / ac.sorties_per_day).ceil() as i64;
        let mut by: BTreeMap<u32, Vec<DateTime<Utc>>> = BTreeMap::new();
        for u in plan
            .asset_uses
            .iter()
            .filter(|u| u.pool == pool && u.loaded)
        {
            by.entry(u.instance.unwrap_or(0)).or_default().push(u.start);
        }
        for (i, mut starts) in by {
            starts.sort();
            for w in starts.windows(2) {
                if (w[1] - w[0]).num_seconds() < cycle {
                    return Err(format!(
                        "{pool} aircraft {i}: sorties at {} and {}",
                        w[0], w[1]
                    ));
                }
            }
        }
    }
    for sh in &a.ship {
        let pool = format!("ship:{}", sh.id);
        for u in plan
            .asset_uses
            .iter()
            .filter(|u| u.pool == pool && u.loaded)
        {
            if !sh.ports.contains(&u.from) || !sh.ports.contains(&u.to) {
                return Err(format!(
                    "{pool} carries {} from {} to {}, not both served",
                    u.unit, u.from, u.to
                ));
            }
        }
    }
    if !a.het.is_empty() {
        for u in plan.units.iter().filter(|u| u.carriage == "het") {
            let first_drive = u
                .steps
                .iter()
                .find(|s| s.kind.is_movement())
                .map_or(u.depart, |s| s.start);
            let hets = plan
                .asset_uses
                .iter()
                .filter(|x| x.unit == u.id && x.kind == AssetKind::Het && x.loaded)
                .filter(|x| x.start <= first_drive && x.end >= u.arrive)
                .count();
            if hets == 0 {
                return Err(format!("{} moves on HETs without any", u.id));
            }
        }
    }
    Ok(())
}

#[test]
fn tank_battalion_by_rail_to_lithuania() {
    let net = Network::load(root().join("data/europe")).unwrap();
    let force = [element(
        "PzBtl",
        &[("leopard_2a6", 44), ("bergepanzer_3", 4)],
        "DE-NABBURG-RH",
        "LT-RUKLA-SA",
        CarriagePolicy::Rail,
    )];
    let o = MoveOptions::default();
    let p = plan_with(&net, "pledge-2024", &force, o.clone());
    check_plan(&net, &force, &p, &o).unwrap();
    assert!(p.checks.iter().all(|c| c.passed), "{:?}", p.checks);
    assert_eq!(p.vehicles, 48);
    // 48 vehicles need three trains of at most 17-18 wagons.
    assert_eq!(p.assets_used.trains, 3);
    assert!(p.units.iter().all(|u| u.kind == UnitKind::Train));
    // Trains share the Nabburg ramp: they leave one after another.
    let mut arrivals: Vec<_> = p.units.iter().map(|u| u.arrive).collect();
    arrivals.sort();
    assert!(arrivals.windows(2).all(|w| w[1] > w[0]), "{arrivals:?}");
    assert!(p.gap < 0.15, "gap {} ({})", p.gap, p.bound_basis);
}

/// The bundled scenarios: every plan passes the independent checker, and
/// their summaries match the golden files (`MILMOB_BLESS=1` to accept a
/// change made on purpose).
#[test]
fn bundled_scenarios_match_golden_summaries() {
    let bless = std::env::var("MILMOB_BLESS").as_deref() == Ok("1");
    let mut failures = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for f in files {
        let order = MovementOrder::load(&f, VehicleCatalogue::builtin()).unwrap();
        let net = Network::load(&order.network).unwrap();
        let plan = plan_with(&net, &order.regime, &order.elements, order.options.clone());
        check_plan(&net, &order.elements, &plan, &order.options)
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let summary = serde_json::json!({
            "scenario": order.name,
            "regime": plan.regime,
            "vehicles": plan.vehicles,
            "units": plan.units.len(),
            "closure_time": plan.closure_time,
            "lower_bound": plan.lower_bound,
            "cut_bound": plan.cut_bound,
            "flow_bound": plan.flow_bound,
            "gap": (plan.gap * 1000.0).round() / 1000.0,
            "ordering": plan.ordering,
            "route_choice": plan.route_choice,
            "assets_used": plan.assets_used,
        });
        let got = serde_json::to_string_pretty(&summary).unwrap() + "\n";
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        let golden = root().join(format!("tests/golden/scenario_{name}.json"));
        if bless {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if got != want {
            failures.push(format!("{name}:\n{got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (MILMOB_BLESS=1 to accept):\n{}",
        failures.join("\n")
    );
}

/// A small network: origin S, destination T; the short way S–M–T has a
/// capacitated first link; a longer detour S–D–T is uncapacitated.
fn two_ways(minutes: (u32, u32, u32), per_hour: f64) -> Network {
    let de = Country::parse("DE").unwrap();
    let mut net = Network::new(NetworkMeta::default());
    for (id, lon, lat) in [
        ("S", 10.0, 50.0),
        ("M", 10.5, 50.0),
        ("T", 11.0, 50.0),
        ("D", 10.5, 50.5),
    ] {
        net.add_hub(Hub::new(id, id, de, lon, lat, &[HubKind::Junction]))
            .unwrap();
    }
    let (a, b, c) = minutes;
    let mut l = Link::new("SM", "S", "M", Mode::Road, 40.0);
    l.travel_time_min = Some(f64::from(a));
    l.capacity = Some(Capacity::per_hour(per_hour));
    net.add_link(l).unwrap();
    let mut l = Link::new("MT", "M", "T", Mode::Road, 40.0);
    l.travel_time_min = Some(f64::from(b));
    net.add_link(l).unwrap();
    for (id, from, to) in [("SD", "S", "D"), ("DT", "D", "T")] {
        let mut l = Link::new(id, from, to, Mode::Road, 60.0);
        l.travel_time_min = Some(f64::from(c));
        net.add_link(l).unwrap();
    }
    net
}

/// The exact optimum closure of `n` march units (pass time `pass` s) on
/// [`two_ways`], by exhaustive search: every subset takes the short way in
/// every order, the rest the detour.
fn optimum(n: usize, minutes: (u32, u32, u32), per_hour: f64, pass: i64) -> i64 {
    let (a, b, c) = (
        i64::from(minutes.0) * 60,
        i64::from(minutes.1) * 60,
        i64::from(minutes.2) * 60,
    );
    let h = (3600.0 / per_hour).ceil() as i64;
    let mut best = i64::MAX;
    for mask in 0u32..(1 << n) {
        let k = mask.count_ones() as usize;
        // Identical units: the order on the short way does not matter.
        let mut closure = if k < n { 2 * c } else { 0 };
        let mut entry = 0i64;
        for i in 0..k {
            if i > 0 {
                entry += h.max(pass);
            }
            closure = closure.max(entry + a + b);
        }
        best = best.min(closure);
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// On small instances the scheduler's closure is never below the exact
    /// optimum, the bound never above it, and every plan passes the checker.
    #[test]
    fn closure_and_bound_bracket_the_exact_optimum(
        n in 2usize..5,
        a in 5u32..60, b in 5u32..60, c in 20u32..120,
        per_hour in prop::sample::select(vec![1.0, 2.0, 3.0, 6.0]),
    ) {
        let net = two_ways((a, b, c), per_hour);
        // n march units of 20 Boxers each.
        let force = [element("E", &[("boxer", 20 * n as u32)], "S", "T", CarriagePolicy::Road)];
        let o = MoveOptions { driving: None, choice: RouteChoice::strict(), ..MoveOptions::default() };
        let p = plan_with(&net, "pledge-2024", &force, o.clone());
        prop_assert_eq!(p.units.len(), n);
        check_plan(&net, &force, &p, &o).map_err(TestCaseError::fail)?;
        let pass = pass_secs(UnitKind::MarchUnit, 20, &o);
        let opt = optimum(n, (a, b, c), per_hour, pass);
        let closure = (p.closure_time - depart()).num_seconds();
        let bound = (p.lower_bound - depart()).num_seconds();
        let cut = (p.cut_bound - depart()).num_seconds();
        let flow = (p.flow_bound - depart()).num_seconds();
        prop_assert!(closure >= opt, "closure {} below the optimum {}", closure, opt);
        prop_assert!(bound <= opt, "bound {} above the optimum {}", bound, opt);
        prop_assert!(cut <= opt, "cut bound {} above the optimum {}", cut, opt);
        prop_assert!(flow <= opt, "flow bound {} above the optimum {}", flow, opt);
        prop_assert_eq!(bound, cut.max(flow));
    }
}

/// A tank battalion by rail from Nabburg with one locomotive and 40 wagons
/// at the railhead, two trains a day: each train waits for the locomotive to
/// come back, and the plan says why.
#[test]
fn trains_wait_for_their_locomotive_to_return() {
    let net = Network::load(root().join("data/europe")).unwrap();
    let force = [element(
        "PzBtl",
        &[("leopard_2a6", 44), ("bergepanzer_3", 4)],
        "DE-NABBURG-RH",
        "LT-RUKLA-SA",
        CarriagePolicy::Rail,
    )];
    let free = MoveOptions::default();
    let alone = plan_with(&net, "pledge-2024", &force, free.clone());
    let o = MoveOptions {
        assets: TransportAssets {
            rail: vec![RailPool {
                railhead: "DE-NABBURG-RH".into(),
                locomotives: Some(1),
                wagons: Some(40),
                trains_per_day: Some(2.0),
                turnaround_min: 120.0,
            }],
            rail_exclusive: true,
            ..TransportAssets::default()
        },
        ..free
    };
    let p = plan_with(&net, "pledge-2024", &force, o.clone());
    check_plan(&net, &force, &p, &o).unwrap();
    assert!(p.checks.iter().all(|c| c.passed), "{:?}", p.checks);
    assert_eq!(p.assets_used.locomotives, 1);
    assert_eq!(p.assets_used.trains, 3);
    // One locomotive: three round trips one after the other.
    assert!(p.closure_time > alone.closure_time + chrono::Duration::days(4));
    assert!(p
        .units
        .iter()
        .any(|u| u.waits.iter().any(|w| w.reason == "asset")));
    assert!(p.time_by_cause.get("asset").is_some_and(|h| *h > 24.0));
    // Every train loads at the railhead only after the locomotive is back.
    let mut loads: Vec<_> = p
        .asset_uses
        .iter()
        .filter(|a| a.kind == AssetKind::Locomotive)
        .collect();
    loads.sort_by_key(|a| a.start);
    assert_eq!(loads.len(), 6, "three loaded runs and three returns");
    assert!(p.lower_bound <= p.closure_time);
}

/// HET-carried tanks with fewer HETs than tanks: the HETs shuttle, and the
/// plan passes the checker.
#[test]
fn hets_shuttle_between_origin_and_destination() {
    let net = Network::load(root().join("data/europe")).unwrap();
    let force = [element(
        "PzKp",
        &[("leopard_2a6", 40)],
        "DE-GRAFENWOHR-SA",
        "DE-BERGEN-HOHNE-SA",
        CarriagePolicy::Het,
    )];
    let o = MoveOptions {
        assets: TransportAssets {
            het: vec![HetPool {
                home: "DE-GRAFENWOHR-SA".into(),
                count: 20,
                turnaround_min: 60.0,
            }],
            ..TransportAssets::default()
        },
        ..MoveOptions::default()
    };
    let p = plan_with(&net, "pledge-2024", &force, o.clone());
    check_plan(&net, &force, &p, &o).unwrap();
    assert!(p.checks.iter().all(|c| c.passed), "{:?}", p.checks);
    assert_eq!(p.assets_used.hets, 20);
    assert_eq!(p.assets_used.het_trips, 40);
    // The second march unit leaves only once the HETs are back.
    let mut departs: Vec<_> = p
        .units
        .iter()
        .map(|u| u.depart.max(u.steps[0].start))
        .collect();
    departs.sort();
    let second_drive = p
        .units
        .iter()
        .filter_map(|u| {
            u.steps
                .iter()
                .find(|s| s.kind == StepKind::Drive)
                .map(|s| s.start)
        })
        .max()
        .unwrap();
    let first_arrival = p.units.iter().map(|u| u.arrive).min().unwrap();
    assert!(
        second_drive > first_arrival,
        "{second_drive} vs {first_arrival}"
    );
    assert!(p
        .asset_uses
        .iter()
        .any(|a| !a.loaded && a.from == "DE-BERGEN-HOHNE-SA"));
    // The second march unit's wait for the HETs is a `wait_asset` step,
    // counted under `asset` in time by cause.
    let asset_h: f64 = p
        .units
        .iter()
        .flat_map(|u| &u.steps)
        .filter(|s| s.kind == StepKind::WaitAsset)
        .map(|s| s.duration_min / 60.0)
        .sum();
    assert!(asset_h > 0.0, "no wait_asset step");
    let counted = p.time_by_cause.get("asset").copied().unwrap_or(0.0);
    assert!((asset_h - counted).abs() < 1e-6, "{asset_h} vs {counted}");
}

/// Holding: a halt area that can hold one march unit makes the others wait
/// further back (at their origin), never two at once.
#[test]
fn units_wait_only_where_there_is_room() {
    // S → M (holds 25 vehicles) → T, the M–T link one unit an hour.
    let de = Country::parse("DE").unwrap();
    let mut net = Network::new(NetworkMeta::default());
    for (id, lon) in [("S", 10.0), ("M", 10.5), ("T", 11.0)] {
        let mut h = Hub::new(id, id, de, lon, 50.0, &[HubKind::Junction]);
        if id == "M" {
            h.hold_vehicles = Some(25);
        }
        net.add_hub(h).unwrap();
    }
    let mut l = Link::new("SM", "S", "M", Mode::Road, 40.0);
    l.travel_time_min = Some(10.0);
    net.add_link(l).unwrap();
    let mut l = Link::new("MT", "M", "T", Mode::Road, 40.0);
    l.travel_time_min = Some(30.0);
    l.capacity = Some(Capacity::per_hour(1.0));
    net.add_link(l).unwrap();
    let force = [element(
        "E",
        &[("boxer", 80)],
        "S",
        "T",
        CarriagePolicy::Road,
    )];
    let o = MoveOptions {
        driving: None,
        choice: RouteChoice::strict(),
        ..MoveOptions::default()
    };
    let p = plan_with(&net, "pledge-2024", &force, o.clone());
    check_plan(&net, &force, &p, &o).unwrap();
    assert!(p.checks.iter().all(|c| c.passed), "{:?}", p.checks);
    assert_eq!(p.units.len(), 4);
    // Without the limit some would queue at M; with it, none waits there.
    let at_m: Vec<_> = p
        .units
        .iter()
        .flat_map(|u| u.waits.iter())
        .filter(|w| w.hub == "M")
        .collect();
    assert!(at_m.len() <= 1, "{at_m:?}");
}

/// A small rail network: railheads A and B (Germany) and C (Poland, the
/// destination), ramps of `ramp` at once, lines A–C and B–C of `paths` a
/// day (plus a slow line A–B), a road between every pair.
fn rail_triangle(ramp: (f64, f64), paths: f64, hours: (f64, f64)) -> Network {
    use milmob::network::ModeService;
    let mut net = Network::new(NetworkMeta::default());
    for (id, c, lon) in [("A", "DE", 10.0), ("B", "DE", 10.6), ("C", "PL", 11.5)] {
        let mut h = Hub::new(
            id,
            id,
            Country::parse(c).unwrap(),
            lon,
            51.0,
            &[HubKind::Railhead],
        );
        h.services.insert(
            Mode::Rail,
            ModeService {
                handling_min: Some(ramp.1),
                capacity_per_day: Some(ramp.0),
                unloading_min: None,
            },
        );
        net.add_hub(h).unwrap();
    }
    for (id, from, to, h) in [
        ("T-AC", "A", "C", hours.0),
        ("T-BC", "B", "C", hours.1),
        ("T-AB", "A", "B", 1.5),
    ] {
        let mut l = Link::new(id, from, to, Mode::Rail, 60.0 * h);
        l.travel_time_min = Some(60.0 * h);
        l.limits.gauge_mm = Some(1435);
        l.capacity = Some(Capacity::per_day(paths));
        net.add_link(l).unwrap();
    }
    for (id, from, to) in [("R-AB", "A", "B"), ("R-AC", "A", "C"), ("R-BC", "B", "C")] {
        let mut l = Link::new(id, from, to, Mode::Road, 60.0);
        l.travel_time_min = Some(60.0);
        l.capacity = Some(Capacity::per_hour(3.0));
        net.add_link(l).unwrap();
    }
    net
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// On random rail instances — ramps, line capacity, the exceptional
    /// trains' night window, a border with a permit, optionally a locomotive
    /// pool and a trains-a-day limit — every plan passes the checker and
    /// both bounds stay at or below its closure. (Debug builds also check,
    /// inside the bound, that the relaxation can reproduce the plan's own
    /// closure: the mapping the proof relies on.)
    #[test]
    fn flow_bound_holds_on_random_rail_instances(
        tanks in 15u32..70,
        trucks in 0u32..60,
        ramp in prop::sample::select(vec![(8.0, 180.0), (10.0, 150.0), (24.0, 60.0)]),
        paths in prop::sample::select(vec![4.0, 10.0, 30.0]),
        hours in (2.0f64..12.0, 2.0f64..12.0),
        pool in prop::sample::select(vec![None, Some((1u32, 3.0)), Some((2, 6.0))]),
        regime in prop::sample::select(vec!["pledge-2024", "status-quo"]),
    ) {
        let net = rail_triangle(ramp, paths, hours);
        let mut vehicles = vec![("leopard_2a6", tanks)];
        if trucks > 0 {
            vehicles.push(("medium_truck_6x6", trucks));
        }
        let force = [
            element("E1", &vehicles, "A", "C", CarriagePolicy::Rail),
            element("E2", &[("boxer", 30)], "B", "C", CarriagePolicy::Rail),
        ];
        let assets = match pool {
            None => TransportAssets::default(),
            Some((locos, per_day)) => TransportAssets {
                rail: vec![RailPool {
                    railhead: "A".into(),
                    locomotives: Some(locos),
                    wagons: None,
                    trains_per_day: Some(per_day),
                    turnaround_min: 60.0,
                }],
                ..TransportAssets::default()
            },
        };
        let o = MoveOptions { assets, ..MoveOptions::default() };
        let p = plan_with(&net, regime, &force, o.clone());
        check_plan(&net, &force, &p, &o).map_err(TestCaseError::fail)?;
        prop_assert!(p.checks.iter().all(|c| c.passed), "{:?}", p.checks);
        prop_assert!(p.flow_bound <= p.closure_time, "flow bound {} after closure {}", p.flow_bound, p.closure_time);
        prop_assert!(p.cut_bound <= p.closure_time);
    }
}

/// Boxers by sea from Kiel to Klaipėda with one ship taking 40 vehicles a
/// sailing: three sailings, the ship sailing back empty between them.
#[test]
fn one_ship_shuttles() {
    use milmob::movement::ShipPool;
    let net = Network::load(root().join("data/europe")).unwrap();
    let force = [element(
        "Bn",
        &[("boxer", 100)],
        "DE-KIEL-PORT",
        "LT-KLAIPEDA-PORT",
        CarriagePolicy::Sea,
    )];
    let o = MoveOptions {
        assets: TransportAssets {
            ship: vec![ShipPool {
                id: "roro".into(),
                count: 1,
                ports: vec!["DE-KIEL-PORT".into(), "LT-KLAIPEDA-PORT".into()],
                vehicles: Some(40),
                lane_m: None,
                turnaround_min: 240.0,
            }],
            ..TransportAssets::default()
        },
        ..MoveOptions::default()
    };
    let p = plan_with(&net, "pledge-2024", &force, o.clone());
    check_plan(&net, &force, &p, &o).unwrap();
    assert!(p.checks.iter().all(|c| c.passed), "{:?}", p.checks);
    assert_eq!(p.assets_used.sailings, 3);
    assert_eq!(p.assets_used.ships, 1);
    assert_eq!(p.assets_used.empty_trips, 2, "{:?}", p.asset_uses);
    assert!(p
        .units
        .iter()
        .all(|u| u.vehicles.values().sum::<u32>() <= 40));
    assert!(p
        .units
        .iter()
        .any(|u| u.waits.iter().any(|w| w.reason == "asset")));
    // The ship-fleet bound: one ship sails three times, so at least two
    // holdings (load, passage, unload, turnaround) and a third passage
    // before the last unit is ashore; below the closure, above one sailing.
    let fleet = p.fleet_bound.expect("a fleet bound");
    assert!(fleet <= p.closure_time && p.lower_bound >= fleet);
    // Three passages of 818 km at the Ro-Ro ships' 30 km/h (27.3 h each).
    let h = (fleet - p.epoch).num_minutes() as f64 / 60.0;
    assert!(h > 3.0 * 27.0, "fleet bound {h:.1} h");
    assert!(p
        .fleet_bound_basis
        .as_deref()
        .unwrap()
        .contains("3 sailings on 1 ship"));
    // Three ships: one sailing each, the bound falls to one holding.
    let mut o3 = o.clone();
    o3.assets.ship[0].count = 3;
    let p3 = plan_with(&net, "pledge-2024", &force, o3.clone());
    check_plan(&net, &force, &p3, &o3).unwrap();
    let f3 = p3.fleet_bound.unwrap();
    assert!(f3 < fleet && f3 <= p3.closure_time);
}

/// Sorties with one aircraft flying two a day: departures at least 12 h
/// apart, the aircraft back at the departure airfield between them.
#[test]
fn one_aircraft_flies_its_sorties_in_turn() {
    use milmob::movement::AircraftPool;
    let net = Network::load(root().join("data/europe")).unwrap();
    let force = [element(
        "Recce",
        &[("fennek", 3)],
        "DE-WUNSTORF-AB",
        "PL-POWIDZ-AB",
        CarriagePolicy::Air,
    )];
    let o = MoveOptions {
        assets: TransportAssets {
            aircraft: vec![AircraftPool {
                base: "DE-WUNSTORF-AB".into(),
                count: 1,
                sorties_per_day: 2.0,
            }],
            ..TransportAssets::default()
        },
        ..MoveOptions::default()
    };
    let p = plan_with(&net, "pledge-2024", &force, o.clone());
    check_plan(&net, &force, &p, &o).unwrap();
    assert!(p.checks.iter().all(|c| c.passed), "{:?}", p.checks);
    assert_eq!(p.assets_used.aircraft, 1);
    let mut flights: Vec<_> = p
        .asset_uses
        .iter()
        .filter(|a| a.loaded)
        .map(|a| a.start)
        .collect();
    flights.sort();
    assert_eq!(flights.len() as u32, p.assets_used.sorties);
    assert_eq!(flights.len(), 3);
    for w in flights.windows(2) {
        assert!((w[1] - w[0]).num_hours() >= 12, "{flights:?}");
    }
}

/// `max_self_propelled_km`: tanks told not to drive more than 50 km on
/// their own tracks get no road route from Bergen-Hohne to Wrocław (about
/// 600 km), and the reason says how far they would drive; on HETs, by rail,
/// or with wheeled vehicles only, the limit does not apply.
#[test]
fn tanks_never_self_propelled_beyond_the_limit() {
    let net = Network::load(root().join("data/europe")).unwrap();
    let (from, to) = ("DE-BERGEN-HOHNE-SA", "PL-WROCLAW-LH");
    let limited = |vehicles: &[(&str, u32)], carriage| ForceElement {
        max_self_propelled_km: Some(50.0),
        ..element("E", vehicles, from, to, carriage)
    };
    let o = MoveOptions::default();
    let p = plan_with(
        &net,
        "pledge-2024",
        &[limited(&[("leopard_2a6", 14)], CarriagePolicy::Road)],
        o.clone(),
    );
    assert!(p.units.is_empty(), "{:?}", p.units.len());
    assert_eq!(p.unrouted.len(), 1);
    let why = &p.unrouted[0].reason;
    assert!(
        why.contains("max_self_propelled_km = 50") && why.contains("km on their own tracks"),
        "{why}"
    );
    let km: f64 = why
        .split("would drive ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!((400.0..900.0).contains(&km), "{km} km");
    // Carried on HETs, or with trucks only, the same order plans.
    for force in [
        limited(&[("leopard_2a6", 14)], CarriagePolicy::Het),
        limited(&[("medium_truck_6x6", 20)], CarriagePolicy::Road),
    ] {
        let force = [force];
        let p = plan_with(&net, "pledge-2024", &force, o.clone());
        assert!(p.unrouted.is_empty(), "{:?}", p.unrouted);
        check_plan(&net, &force, &p, &o).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    /// On random ferry shuttles (ships, sailings, capacity, turnaround, the
    /// port pair), every plan passes the checker and no bound — the
    /// ship-fleet bound included — is above its closure.
    #[test]
    fn fleet_bound_never_above_the_closure(
        ships in 1u32..4,
        vehicles in 20u32..120,
        per_sailing in 15u32..60,
        turnaround in 0.0f64..600.0,
        to in prop::sample::select(vec!["LT-KLAIPEDA-PORT", "SE-GOTHENBURG-PORT", "NO-OSLO-PORT"]),
    ) {
        use milmob::movement::ShipPool;
        let net = Network::load(root().join("data/europe")).unwrap();
        let force = [element("Bn", &[("boxer", vehicles)], "DE-KIEL-PORT", to, CarriagePolicy::Sea)];
        let o = MoveOptions {
            assets: TransportAssets {
                ship: vec![ShipPool {
                    id: "roro".into(),
                    count: ships,
                    ports: vec!["DE-KIEL-PORT".into(), to.into()],
                    vehicles: Some(per_sailing),
                    lane_m: None,
                    turnaround_min: turnaround,
                }],
                ..TransportAssets::default()
            },
            flow_bound: false,
            ..MoveOptions::default()
        };
        let p = plan_with(&net, "pledge-2024", &force, o.clone());
        prop_assert!(check_plan(&net, &force, &p, &o).is_ok());
        let fleet = p.fleet_bound.expect("ships declared, units sail");
        prop_assert!(fleet <= p.closure_time, "fleet bound {} after closure {}", fleet, p.closure_time);
        prop_assert!(p.lower_bound >= fleet && p.lower_bound <= p.closure_time);
    }
}
