//! Disruption files and re-planning: typed, located errors; the re-planner
//! gives the movement planner's plan with no disruption and with a link
//! removed; time-bounded capacity phases agree with a network edit when they
//! cover all time; the three what-ifs of `data/scenarios/what-if/` keep their
//! answers (golden; regenerate with `MILMOB_BLESS=1 cargo test --test
//! analysis_disruptions` and review the diff of `tests/golden/`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use milmob::analysis::{what_if, Conditions, DisruptionError, Disruptions, Replanner};
use milmob::force::{CarriagePolicy, VehicleCatalogue};
use milmob::movement::{ForceElement, MoveOptions, MovementOrder, MovementPlanner};
use milmob::permits::{Calendars, PermitRegime};
use milmob::routing::Closure;
use milmob::Network;
use serde_json::json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mini() -> Network {
    Network::load(root().join("tests/fixtures/mini")).unwrap()
}

fn parse(text: &str) -> Result<Disruptions, DisruptionError> {
    Disruptions::parse(text, Path::new("what.toml"), &mini())
}

#[test]
fn errors_name_the_file_line_and_key() {
    let ok = "name = \"x\"\n\n[[event]]\nkind = \"link_closed\"\nlink = \"R-BHV-HAN\"\nfrom_h = 2\nhours = 3\n";
    let d = parse(ok).unwrap();
    assert_eq!(d.events.len(), 1);
    assert_eq!(d.events[0].id, "event-1");
    let cases: &[(&str, &str, &str)] = &[
        // (text, expected line prefix, key or phrase)
        ("name = \"x\"\n[[event]]\nkind = \"link_closed\"\nlink = \"NOPE\"\n", "what.toml:4", "unknown link `NOPE`"),
        ("name = \"x\"\n[[event]]\nid = \"a\"\nkind = \"link_capacity\"\nlink = \"R-BHV-HAN\"\nfactor = 1.5\nfrom_h = 1\n", "what.toml:2", "permanent"),
        ("name = \"x\"\n[[event]]\nkind = \"hub_capacity\"\nhub = \"DE-HAN\"\nfactor = -1\n", "what.toml:5", "key `factor`"),
        ("name = \"x\"\n[[event]]\nkind = \"bridge_gone\"\n", "what.toml:3", "unknown event kind"),
        ("name = \"x\"\n[[event]]\nkind = \"hub_closed\"\nhub = \"DE-HAN\"\nlink = \"R-BHV-HAN\"\n", "what.toml:5", "key `link`: means nothing"),
        ("name = \"x\"\n[[event]]\nkind = \"hub_closed\"\nhub = \"DE-HAN\"\nfrom = \"2026-03-02T06:00:00+01:00\"\nfrom_h = 2\n", "what.toml:6", "key `from_h`"),
        ("name = \"x\"\n[[event]]\nkind = \"link_closed\"\nlink = \"R-BHV-HAN\"\nuntil = \"tomorrow\"\n", "what.toml:5", "key `until`"),
        ("name = \"x\"\n[[event]]\nkind = \"country\"\ncountry = \"FR\"\nfactor = 0.5\n", "what.toml:4", "unknown country `FR`"),
        ("name = \"x\"\n[[event]]\nkind = \"port_closed\"\nhub = \"DE-HAN\"\n", "what.toml:4", "no sea or inland-waterway link"),
        ("name = \"x\"\n[[event]]\nkind = \"link_upgrade\"\nlink = \"R-BHV-HAN\"\nupgrade = { mlc = 200 }\n", "what.toml:5", "upgrade.mlc"),
        ("name = \"x\"\n[[event]]\nkind = \"link_closed\"\nlink = \"R-BHV-HAN\"\nspeed = 3\n", "what.toml:", "unknown field `speed`"),
        ("name = \"x\"\n", "what.toml", "no [[event]]"),
    ];
    for (text, at, what) in cases {
        let e = parse(text).unwrap_err().to_string();
        assert!(
            e.starts_with(at) && e.contains(what),
            "{e}\n(expected {at} … {what})"
        );
        // The crate error keeps the location.
        let c: milmob::Error = parse(text).unwrap_err().into();
        assert!(c.to_string().starts_with("what.toml"), "{c}");
    }
}

fn brigade() -> (MovementOrder, Network, PermitRegime) {
    let order = MovementOrder::load(
        root().join("data/scenarios/brigade-lithuania.toml"),
        VehicleCatalogue::builtin(),
    )
    .unwrap();
    let network = Network::load(&order.network).unwrap();
    let regime = PermitRegime::builtin(&order.regime).unwrap();
    (order, network, regime)
}

#[test]
fn replanner_is_the_movement_planner_with_nothing_and_with_a_link_removed() {
    let (order, network, regime) = brigade();
    let cal = Calendars::new();
    let cat = VehicleCatalogue::builtin();
    let rp = Replanner::new(&network, cat, &regime, &cal, &order.options);
    let p = rp.prepare(&order.elements).unwrap();
    let base = rp.baseline(&p).unwrap();
    let planner = |net: &Network| {
        MovementPlanner::new(
            net,
            cat,
            regime.clone(),
            Calendars::new(),
            order.options.clone(),
        )
        .plan(&order.elements)
        .unwrap()
    };
    let same = |a: &milmob::movement::MovementPlan, b: &milmob::analysis::PlanSummary| {
        assert_eq!(a.closure_time, b.closure_time);
        assert_eq!(a.ordering, b.ordering);
        let x: Vec<(&str, DateTime<Utc>)> =
            a.units.iter().map(|u| (u.id.as_str(), u.arrive)).collect();
        let y: Vec<(&str, DateTime<Utc>)> =
            b.units.iter().map(|u| (u.id.as_str(), u.arrive)).collect();
        assert_eq!(x, y);
        assert_eq!(a.unrouted.len(), b.unrouted.len());
    };
    same(&planner(&network), &base.summary);
    // A link the plan uses, closed for all time = removed from the network.
    let id = "T-BERLIN-FRANKFURT-ODER";
    let l = rp.topology().link_by_id(id).unwrap();
    let closed = Conditions {
        closures: vec![Closure::link(l)],
        reductions: Vec::new(),
    };
    let mut without = network.clone();
    without.remove_link(id).unwrap();
    let reference = planner(&without);
    same(&reference, &rp.plan(&p, &closed).unwrap());
    // Starting from the baseline gives the same plan here.
    let from = rp.plan_from(&p, &base, &closed, &[]).unwrap();
    assert_eq!(from.closure_time, reference.closure_time);
}

#[test]
fn capacity_phases_over_all_time_equal_the_network_edit() {
    let net = mini();
    let cal = Calendars::new();
    let cat = VehicleCatalogue::builtin();
    let regime = PermitRegime::builtin("pledge-2024").unwrap();
    let depart = "2026-03-02T06:00:00+01:00"
        .parse::<DateTime<Utc>>()
        .unwrap();
    let force = vec![ForceElement {
        id: "trucks".into(),
        vehicles: vec![("medium_truck_6x6".into(), 120)],
        origin: "DE-BHV".into(),
        destination: "PL-POZ".into(),
        carriage: CarriagePolicy::Road,
        earliest_departure: depart,
        priority: 1,
        max_self_propelled_km: None,
    }];
    let options = MoveOptions::default();
    let text = "name = \"halved\"\n[[event]]\nkind = \"country\"\ncountry = \"DE\"\nmode = \"road\"\nfactor = 0.5\n";
    let permanent = Disruptions::parse(text, Path::new("x.toml"), &net).unwrap();
    let edited = permanent.edited_network(&net);
    let a = {
        let rp = Replanner::new(&edited, cat, &regime, &cal, &options);
        let p = rp.prepare(&force).unwrap();
        rp.plan(&p, &Conditions::default()).unwrap()
    };
    // The same reduction as a phase from long before to long after.
    let bounded = Disruptions::parse(
        &format!("{text}from_h = -1000\nhours = 5000\n"),
        Path::new("x.toml"),
        &net,
    )
    .unwrap();
    let rp = Replanner::new(&net, cat, &regime, &cal, &options);
    let p = rp.prepare(&force).unwrap();
    let d = bounded.resolve(rp.topology(), &net, p.epoch());
    assert!(!d.reductions.is_empty() && d.closures.is_empty());
    let b = rp.plan(&p, &d).unwrap();
    let intact = rp.plan(&p, &Conditions::default()).unwrap();
    assert_eq!(a.closure_time, b.closure_time);
    assert!(
        b.closure_time > intact.closure_time,
        "halving road capacity costs time"
    );
    // A reduction that ends before the first departure changes nothing.
    let early = Disruptions::parse(
        &format!("{text}from_h = -1000\nhours = 999\n"),
        Path::new("x.toml"),
        &net,
    )
    .unwrap();
    let d = early.resolve(rp.topology(), &net, p.epoch());
    assert_eq!(rp.plan(&p, &d).unwrap().closure_time, intact.closure_time);
}

#[test]
fn what_if_scenarios_golden() {
    let (order, network, regime) = brigade();
    let cal = Calendars::new();
    let bless = std::env::var("MILMOB_BLESS").as_deref() == Ok("1");
    let mut bad = Vec::new();
    for name in ["oder-bridge", "pl-rail-cyber", "mlc80-upgrades"] {
        let file = root().join(format!(
            "data/scenarios/what-if/brigade-lithuania.{name}.toml"
        ));
        let d = Disruptions::load(&file, &network).unwrap();
        let c = what_if(
            &network,
            VehicleCatalogue::builtin(),
            &regime,
            &cal,
            &order.options,
            &order.elements,
            &d,
        )
        .unwrap();
        let delays: Vec<serde_json::Value> = c
            .units
            .iter()
            .filter(|u| u.cut_off || u.delay_h.is_some_and(|x| x.abs() > 0.0))
            .map(|u| json!({"unit": u.id, "delay_h": u.delay_h.map(|x| (x * 100.0).round() / 100.0), "cut_off": u.cut_off}))
            .collect();
        let summary = json!({
            "name": c.name,
            "events": c.events,
            "baseline_closure": c.baseline_closure,
            "disrupted_closure": c.disrupted_closure,
            "closure_delta_h": (c.closure_delta_h * 100.0).round() / 100.0,
            "units_cut_off": c.units_cut_off,
            "units_delayed": c.units_delayed,
            "unit_hours_by_cause": c.disrupted_time_by_cause.iter()
                .map(|(k, v)| (k.clone(), json!((v * 10.0).round() / 10.0)))
                .collect::<serde_json::Map<_, _>>(),
            "affected_units": delays,
        });
        let text = serde_json::to_string_pretty(&summary).unwrap() + "\n";
        let path = root().join(format!("tests/golden/whatif_brigade_{name}.json"));
        if bless {
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}; run with MILMOB_BLESS=1", path.display()));
        if want != text {
            bad.push(format!("{}:\n{text}", path.display()));
        }
        // The scenario's claims.
        match name {
            "oder-bridge" | "pl-rail-cyber" => assert!(c.closure_delta_h > 0.0, "{name}"),
            _ => assert!(
                c.closure_delta_h <= 0.0,
                "{name}: upgrades never make it later here"
            ),
        }
    }
    assert!(
        bad.is_empty(),
        "golden mismatches (MILMOB_BLESS=1 to accept):\n{}",
        bad.join("\n")
    );
}
