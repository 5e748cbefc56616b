//! Integration tests of the force module: the built-in catalogue, catalogue
//! validation, carriage rules and load-profile checks against link limits.

use std::collections::BTreeSet;

use milmob::force::vehicle::BUILTIN_TOML;
use milmob::force::{
    CarriagePolicy, CatalogueData, DgCarriage, ForceError, LoadProfile, RunningGear,
    TunnelRestrictionCode, VehicleCatalogue, VehicleRole, VehicleType,
};
use milmob::network::{LineCategory, TunnelCategory};
use milmob::{Limits, Mode};
use proptest::prelude::*;

fn builtin() -> &'static VehicleCatalogue {
    VehicleCatalogue::builtin()
}

fn limit_names(v: &[milmob::force::LimitViolation]) -> BTreeSet<&'static str> {
    v.iter().map(|x| x.limit.as_str()).collect()
}

// ------------------------------------------------------------ built-in catalogue

#[test]
fn builtin_catalogue_loads_with_required_roles() {
    let c = VehicleCatalogue::from_toml_str(BUILTIN_TOML, "data/vehicles.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(c.warnings().is_empty(), "{:?}", c.warnings());
    assert!(c.len() >= 15, "only {} vehicles", c.len());
    let roles: BTreeSet<VehicleRole> = c.iter().map(|v| v.role).collect();
    for r in [
        VehicleRole::MainBattleTank,
        VehicleRole::Ifv,
        VehicleRole::Apc,
        VehicleRole::Artillery,
        VehicleRole::Truck,
        VehicleRole::FuelTanker,
        VehicleRole::AmmunitionTruck,
        VehicleRole::Het,
        VehicleRole::Recovery,
        VehicleRole::BridgeLayer,
    ] {
        assert!(roles.contains(&r), "no {r} in the catalogue");
    }
    for id in [
        "leopard_2a6",
        "leopard_2a7v",
        "m1a2_sepv3",
        "leclerc",
        "puma",
        "cv9035",
        "m2a3_bradley",
        "boxer",
        "patria_amv",
        "pzh_2000",
    ] {
        assert!(c.get(id).is_some(), "missing {id}");
    }
    assert!(c.iter().all(|v| !v.source.trim().is_empty()));
    assert!(!c.hets().is_empty() && !c.wagons().is_empty());
    assert!(!c.aircraft().is_empty());
    assert!(c.vessels_on(Mode::Sea).count() > 0);
    assert!(c.vessels_on(Mode::InlandWaterway).count() > 0);
    assert_eq!(c.vehicles(), builtin().vehicles());
    let tanker = c.get("hemtt_m978a4").unwrap();
    assert_eq!(tanker.dangerous_goods, Some(TunnelRestrictionCode::DE));
    assert_eq!(tanker.dangerous_goods_carriage, DgCarriage::TankOrBulk);
    let ammo = c.get("hx2_8x8_ammunition").unwrap();
    assert_eq!(ammo.dangerous_goods, Some(TunnelRestrictionCode::B1000C));
}

/// Issue 8 vehicle fixes: the M1070A1 tractor's length and speed (Oshkosh
/// M1070A1 spec sheet, not the A0's 9.09 m / 72 km/h) and the M978A4
/// tanker's gross weight (A4, not the original M978's 28.1 t; uncertain).
#[test]
fn issue_8_vehicle_data() {
    let c = builtin();
    let het = c.get("m1070a1_tractor").unwrap();
    assert_eq!(het.length_m, 9.677);
    assert_eq!(het.max_road_speed_kmh, 81.0);
    assert!(het.source.contains("M1070A1 spec sheet"));
    let tanker = c.get("hemtt_m978a4").unwrap();
    assert_eq!(tanker.gross_weight_t, 31.3);
    assert!(tanker.gross_weight_t > 28.1);
    assert_eq!(
        tanker.mlc,
        milmob::force::vehicle::derived_mlc(31.3, tanker.running_gear)
    );
    assert!(tanker.source.contains("uncertain"));
}

#[test]
fn every_builtin_vehicle_can_use_every_mode_somehow() {
    let c = builtin();
    for v in c.iter() {
        let p = LoadProfile::for_group(c, &[(v.id.as_str(), 1)], &CarriagePolicy::Auto).unwrap();
        for mode in [Mode::Road, Mode::Rail, Mode::Sea, Mode::InlandWaterway] {
            assert!(
                p.profile(mode).is_some(),
                "{} cannot use {mode}: {:?}",
                v.id,
                p.unavailable_reason(mode)
            );
        }
    }
}

// ------------------------------------------------------------ bad catalogues

const GOOD: &str = r#"
[[wagon]]
id = "flat"
name = "Flat wagon"
tare_t = 25
payload_t = 70
axles = 6
length_over_buffers_m = 17
deck_length_m = 15
deck_height_m = 1.2
max_speed_kmh = 100
source = "test"

[[vehicle]]
id = "tank_a"
name = "Tank A"
role = "main_battle_tank"
running_gear = "tracked"
gross_weight_t = 60.0
mlc = 67
axles = 7
max_axle_t = 8.6
length_m = 10.0
width_m = 3.7
height_m = 3.0
max_road_speed_kmh = 65
self_propelled_road = false
rail_wagon = "flat"
source = "test"

[[vehicle]]
id = "truck_b"
name = "Truck B"
role = "truck"
running_gear = "wheeled"
gross_weight_t = 30.0
mlc = 29
axles = 4
max_axle_t = 8.0
length_m = 10.0
width_m = 2.55
height_m = 3.3
max_road_speed_kmh = 90
self_propelled_road = true
source = "test"
"#;

fn bad(text: &str) -> String {
    match VehicleCatalogue::from_toml_str(text, "fixture.toml") {
        Ok(_) => panic!("accepted bad fixture:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn good_fixture_loads() {
    let c = VehicleCatalogue::from_toml_str(GOOD, "fixture.toml").unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c.wagons().len(), 1);
}

#[test]
fn unknown_field_is_named_with_line_column_and_vehicle() {
    let m = bad(&GOOD.replace("mlc = 29", "mlc = 29\nmlc_wheeld = 29"));
    assert!(m.starts_with("fixture.toml:"), "{m}");
    assert!(m.contains("[[vehicle]] `truck_b`"), "{m}");
    assert!(m.contains("mlc_wheeld"), "{m}");
    // line of the offending key
    let line = GOOD
        .replace("mlc = 29", "mlc = 29\nmlc_wheeld = 29")
        .lines()
        .position(|l| l.starts_with("mlc_wheeld"))
        .unwrap()
        + 1;
    assert!(m.starts_with(&format!("fixture.toml:{line}:1:")), "{m}");
}

#[test]
fn wrong_type_and_syntax_errors_are_located() {
    let m = bad(&GOOD.replace("mlc = 67", "mlc = \"seventy\""));
    assert!(m.contains("[[vehicle]] `tank_a`"), "{m}");
    let m = bad(&GOOD.replace("role = \"truck\"", "role = \"lorry\""));
    assert!(m.contains("lorry") && m.contains("truck_b"), "{m}");
    let m = bad(&GOOD.replace("axles = 4\n", "axles = = 4\n"));
    assert!(m.starts_with("fixture.toml:"), "{m}");
    let m = bad(&GOOD.replace("source = \"test\"\n\"#", "\"#").replace(
        "self_propelled_road = true\nsource = \"test\"",
        "self_propelled_road = true",
    ));
    assert!(m.contains("source"), "{m}");
}

#[test]
fn value_errors_name_vehicle_and_field() {
    let cases = [
        (
            "gross_weight_t = 30.0",
            "gross_weight_t = 250.0",
            "gross_weight_t",
        ),
        (
            "gross_weight_t = 30.0",
            "gross_weight_t = -3.0",
            "gross_weight_t",
        ),
        ("height_m = 3.3", "height_m = 6.5", "height_m"),
        ("width_m = 2.55", "width_m = 7.0", "width_m"),
        (
            "length_m = 10.0\nwidth_m = 2.55",
            "length_m = 45.0\nwidth_m = 2.55",
            "length_m",
        ),
        ("max_axle_t = 8.0", "max_axle_t = 45.0", "max_axle_t"),
        ("max_axle_t = 8.0", "max_axle_t = 2.0", "max_axle_t"),
        (
            "max_road_speed_kmh = 90",
            "max_road_speed_kmh = 200",
            "max_road_speed_kmh",
        ),
        (
            "max_road_speed_kmh = 90",
            "max_road_speed_kmh = 0",
            "max_road_speed_kmh",
        ),
        ("mlc = 29", "mlc = 3", "mlc"),
        ("mlc = 29", "mlc = 151", "mlc"),
        ("axles = 4", "axles = 0", "axles"),
        ("name = \"Truck B\"", "name = \"\"", "name"),
    ];
    for (from, to, field) in cases {
        let m = bad(&GOOD.replace(from, to));
        assert!(m.contains("`truck_b`"), "{to}: {m}");
        assert!(m.contains(&format!("field `{field}`")), "{to}: {m}");
        assert!(m.contains("fixture.toml:"), "{to}: {m}");
    }
}

#[test]
fn duplicate_ids_and_bad_references_are_errors() {
    let m = bad(&GOOD.replace("id = \"truck_b\"", "id = \"tank_a\""));
    assert!(m.contains("`tank_a`") && m.contains("duplicate"), "{m}");
    let m = bad(&GOOD.replace("rail_wagon = \"flat\"", "rail_wagon = \"nope\""));
    assert!(
        m.contains("field `rail_wagon`") && m.contains("nope"),
        "{m}"
    );
    let m = bad(&GOOD.replace(
        "self_propelled_road = true",
        "self_propelled_road = true\nnet_explosive_mass_kg = 10",
    ));
    assert!(m.contains("net_explosive_mass_kg"), "{m}");
    let m = bad(&GOOD.replace("deck_length_m = 15", "deck_length_m = 18"));
    assert!(m.contains("`flat`") && m.contains("deck_length_m"), "{m}");
}

#[test]
fn all_problems_reported_at_once() {
    let e = VehicleCatalogue::from_toml_str(
        &GOOD
            .replace("height_m = 3.3", "height_m = 9")
            .replace("mlc = 67", "mlc = 1"),
        "fixture.toml",
    )
    .unwrap_err();
    match e {
        ForceError::Invalid { diagnostics, .. } => assert_eq!(diagnostics.len(), 2),
        other => panic!("{other}"),
    }
}

#[test]
fn load_from_file_and_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mine.toml");
    std::fs::write(&p, GOOD).unwrap();
    let c = VehicleCatalogue::load(&p).unwrap();
    assert_eq!(c.len(), 2);
    let ext = VehicleCatalogue::load_extending(&p, builtin()).unwrap();
    assert_eq!(ext.len(), builtin().len() + 2);
    let missing = dir.path().join("missing.toml");
    let e = VehicleCatalogue::load(&missing).unwrap_err();
    assert!(matches!(e, ForceError::Io { .. }));
    assert!(e.to_string().contains("missing.toml"));
    let crate_err: milmob::Error = e.into();
    assert!(crate_err.to_string().contains("missing.toml"));
}

// ------------------------------------------------------------ checks against limits

#[test]
fn leopard_self_propelled_vs_tracked_bridge_classes() {
    let p =
        LoadProfile::for_group(builtin(), &[("leopard_2a6", 14)], &CarriagePolicy::Road).unwrap();
    let road = p.profile(Mode::Road).unwrap();
    assert_eq!(road.mlc_tracked, Some(70));
    let mlc50 = Limits {
        mlc_tracked: Some(50),
        ..Limits::default()
    };
    let v = road.violations(Mode::Road, &mlc50);
    assert_eq!(limit_names(&v), BTreeSet::from(["mlc_tracked"]));
    assert_eq!(v[0].link_value, "50");
    assert_eq!(v[0].load_value, "70");
    for class in [70, 80, 100, 150] {
        let l = Limits {
            mlc_tracked: Some(class),
            ..Limits::default()
        };
        assert!(road.violations(Mode::Road, &l).is_empty(), "MLC {class}");
    }
    // A wheeled-only class does not bind a tracked vehicle.
    let wheeled = Limits {
        mlc_wheeled: Some(20),
        ..Limits::default()
    };
    assert!(road.allows(Mode::Road, &wheeled));
    assert!(road.allows(Mode::Road, &Limits::default()));
}

#[test]
fn leopard_on_het_is_a_heavy_wheeled_load() {
    let p = LoadProfile::for_group(builtin(), &[("leopard_2a6", 1)], &CarriagePolicy::Het).unwrap();
    let road = p.profile(Mode::Road).unwrap();
    assert!(road.carriage.contains("HET"), "{}", road.carriage);
    assert_eq!(road.mlc_tracked, None);
    let w = road.mlc_wheeled.unwrap();
    assert!((90..=110).contains(&w), "combination MLC {w}");
    assert!(road.gross_weight_t > 100.0);
    assert!(road.speed_cap_kmh <= 48.0);
    let l = Limits {
        mlc_wheeled: Some(80),
        max_weight_t: Some(44.0),
        max_height_m: Some(4.0),
        ..Limits::default()
    };
    let names = limit_names(&road.violations(Mode::Road, &l));
    assert_eq!(
        names,
        BTreeSet::from(["mlc_wheeled", "max_weight_t", "max_height_m"])
    );
}

fn tunnel(cat: TunnelCategory) -> Limits {
    Limits {
        tunnel_category: Some(cat),
        ..Limits::default()
    }
}

#[test]
fn fuel_tanker_vs_tunnels() {
    let p =
        LoadProfile::for_group(builtin(), &[("hemtt_m978a4", 4)], &CarriagePolicy::Auto).unwrap();
    let road = p.profile(Mode::Road).unwrap();
    assert_eq!(road.tunnel_code, Some(TunnelRestrictionCode::DE));
    for (cat, forbidden) in [
        (TunnelCategory::A, false),
        (TunnelCategory::B, false),
        (TunnelCategory::C, false),
        (TunnelCategory::D, true),
        (TunnelCategory::E, true),
    ] {
        let v = road.violations(Mode::Road, &tunnel(cat));
        assert_eq!(!v.is_empty(), forbidden, "tunnel {cat}");
        if forbidden {
            assert_eq!(v[0].limit.as_str(), "tunnel_category");
            assert_eq!(v[0].link_value, cat.to_string());
        }
    }
    // Tunnel categories are a road rule only.
    let sea = p.profile(Mode::Sea).unwrap();
    assert!(sea.allows(Mode::Sea, &tunnel(TunnelCategory::E)));
}

#[test]
fn ammunition_truck_b1000c_above_and_below_threshold() {
    let c = builtin();
    let above =
        LoadProfile::for_group(c, &[("hx2_8x8_ammunition", 1)], &CarriagePolicy::Auto).unwrap();
    let road = above.profile(Mode::Road).unwrap();
    assert!(!road.allows(Mode::Road, &tunnel(TunnelCategory::B)));
    assert!(!road.allows(Mode::Road, &tunnel(TunnelCategory::C)));
    assert!(road.allows(Mode::Road, &tunnel(TunnelCategory::A)));

    let light = GOOD.to_string()
        + r#"
[[vehicle]]
id = "ammo_light"
name = "Light ammunition load"
role = "ammunition_truck"
running_gear = "wheeled"
gross_weight_t = 30.0
mlc = 29
axles = 4
max_axle_t = 8.0
length_m = 10.0
width_m = 2.55
height_m = 3.3
max_road_speed_kmh = 90
dangerous_goods = "B1000C"
net_explosive_mass_kg = 800
self_propelled_road = true
source = "test"
"#;
    let c2 = VehicleCatalogue::from_toml_str(&light, "light.toml").unwrap();
    let below = LoadProfile::for_group(&c2, &[("ammo_light", 1)], &CarriagePolicy::Auto).unwrap();
    let road = below.profile(Mode::Road).unwrap();
    assert!(road.allows(Mode::Road, &tunnel(TunnelCategory::B)));
    assert!(!road.allows(Mode::Road, &tunnel(TunnelCategory::C)));
    assert_eq!(road.tunnel_forbidden_from, Some(TunnelCategory::C));

    // In a group, the heavier load binds.
    let both = c2.clone();
    let mixed = LoadProfile::for_group(
        &both,
        &[("ammo_light", 1), ("truck_b", 2)],
        &CarriagePolicy::Auto,
    )
    .unwrap();
    assert!(mixed
        .profile(Mode::Road)
        .unwrap()
        .allows(Mode::Road, &tunnel(TunnelCategory::B)));
}

#[test]
fn tank_on_rail_wagon_is_out_of_gauge() {
    let p = LoadProfile::for_group(
        builtin(),
        &[("leopard_2a6", 14), ("boxer", 2)],
        &CarriagePolicy::Rail,
    )
    .unwrap();
    let rail = p.profile(Mode::Rail).unwrap();
    assert!(rail.out_of_gauge);
    assert!(rail.carriage.contains("Samms"), "{}", rail.carriage);
    let closed = Limits {
        out_of_gauge: Some(false),
        gauge_mm: Some(1435),
        ..Limits::default()
    };
    let v = rail.violations(Mode::Rail, &closed);
    assert_eq!(limit_names(&v), BTreeSet::from(["out_of_gauge"]));
    for ok in [None, Some(true)] {
        let l = Limits {
            out_of_gauge: ok,
            gauge_mm: Some(1520), // gauge is not a load limit
            ..Limits::default()
        };
        assert!(rail.allows(Mode::Rail, &l));
    }
    // Boxers alone fit the loading gauge.
    let b = LoadProfile::for_group(builtin(), &[("boxer", 2)], &CarriagePolicy::Rail).unwrap();
    assert!(!b.profile(Mode::Rail).unwrap().out_of_gauge);
    assert!(b.profile(Mode::Rail).unwrap().allows(Mode::Rail, &closed));
}

#[test]
fn rail_axle_and_metre_load_from_line_category() {
    let p =
        LoadProfile::for_group(builtin(), &[("leopard_2a6", 1)], &CarriagePolicy::Rail).unwrap();
    let rail = p.profile(Mode::Rail).unwrap();
    let ml = rail.metre_load_t_per_m.unwrap();
    assert!(ml > 5.0 && ml < 6.4, "{ml}");
    let cat = |s: &str| Limits {
        line_category: Some(s.parse::<LineCategory>().unwrap()),
        ..Limits::default()
    };
    let v = rail.violations(Mode::Rail, &cat("A"));
    assert_eq!(limit_names(&v), BTreeSet::from(["line_category"]));
    assert!(v[0].message.contains("metre load"), "{}", v[0].message);
    assert!(rail.allows(Mode::Rail, &cat("D4")));
    assert!(rail.allows(Mode::Rail, &cat("C2")));
    let tight = Limits {
        max_axle_t: Some(14.0),
        line_category: Some("D4".parse().unwrap()),
        ..Limits::default()
    };
    let v = rail.violations(Mode::Rail, &tight);
    assert_eq!(limit_names(&v), BTreeSet::from(["max_axle_t"]));
}

#[test]
fn mixed_group_takes_the_max_of_each_dimension() {
    let c = builtin();
    let ids = ["leopard_2a6", "boxer", "hemtt_m978a4", "puma", "biber"];
    let group: Vec<(&str, u32)> = ids.iter().map(|id| (*id, 2)).collect();
    let p = LoadProfile::for_group(c, &group, &CarriagePolicy::Road).unwrap();
    let road = p.profile(Mode::Road).unwrap();
    let vs: Vec<&VehicleType> = ids.iter().map(|id| c.get(id).unwrap()).collect();
    let max = |f: fn(&VehicleType) -> f64| vs.iter().map(|v| f(v)).fold(0.0, f64::max);
    assert_eq!(road.gross_weight_t, max(|v| v.gross_weight_t));
    assert_eq!(road.axle_t, max(|v| v.max_axle_t));
    assert_eq!(road.height_m, max(|v| v.height_m));
    assert_eq!(road.width_m, max(|v| v.width_m));
    assert_eq!(road.length_m, max(|v| v.length_m));
    assert_eq!(
        road.mlc_tracked,
        vs.iter()
            .filter(|v| v.running_gear == RunningGear::Tracked)
            .map(|v| v.mlc)
            .max()
    );
    assert_eq!(
        road.mlc_wheeled,
        vs.iter()
            .filter(|v| v.running_gear == RunningGear::Wheeled)
            .map(|v| v.mlc)
            .max()
    );
    assert_eq!(road.tunnel_code, Some(TunnelRestrictionCode::DE));
    let slowest = vs
        .iter()
        .map(|v| v.max_road_speed_kmh)
        .fold(f64::INFINITY, f64::min);
    assert_eq!(road.speed_cap_kmh, slowest);
    assert_eq!(road.vehicles, 10);
    assert_eq!(p.vehicles, 10);
    let summary = p.summary();
    assert_eq!(summary.len(), 6);
    assert!(summary[0].contains("2× Leopard 2A6"), "{}", summary[0]);
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.contains("\"mlc_tracked\""));
}

#[test]
fn air_needs_a_big_enough_aircraft() {
    let c = builtin();
    let p = LoadProfile::for_group(
        c,
        &[("leopard_2a6", 1), ("fennek", 4)],
        &CarriagePolicy::Air,
    )
    .unwrap();
    let air = p.profile(Mode::Air).unwrap();
    assert!(air.carriage.contains("C-17"), "{}", air.carriage);
    assert!(air.carriers >= 2);
    let c17_only = milmob::force::CarrierChoice {
        aircraft: Some("a400m".into()),
        ..Default::default()
    };
    let p = LoadProfile::for_group_with(c, &[("leopard_2a6", 1)], &CarriagePolicy::Air, &c17_only)
        .unwrap();
    assert!(p.profile(Mode::Air).is_none());
    assert!(p
        .unavailable_reason(Mode::Air)
        .unwrap()
        .contains("Leopard 2A6 (62.3 t) exceeds A400M Atlas payload 37 t"));
}

// ------------------------------------------------------------ properties

fn arb_vehicle(i: usize) -> impl Strategy<Value = VehicleType> {
    (
        (
            any::<bool>(),
            1.0f64..120.0,
            4u16..=150,
            4u16..=10,
            1.0f64..1.3,
        ),
        (2.0f64..20.0, 1.5f64..4.5, 1.2f64..4.5, 20.0f64..120.0),
        (
            proptest::option::of(proptest::sample::select(
                TunnelRestrictionCode::ALL.to_vec(),
            )),
            any::<bool>(),
            proptest::option::of(0.0f64..8000.0),
            any::<bool>(),
        ),
    )
        .prop_map(
            move |((tracked, w, mlc, axles, f), (len, wid, hei, speed), (dg, tank, nem, sp))| {
                let axle = (w / f64::from(axles) * f).min(w);
                VehicleType {
                    id: format!("v{i}"),
                    name: format!("Vehicle {i}"),
                    role: VehicleRole::Other,
                    running_gear: if tracked {
                        RunningGear::Tracked
                    } else {
                        RunningGear::Wheeled
                    },
                    gross_weight_t: w,
                    mlc,
                    axles,
                    max_axle_t: axle,
                    length_m: len,
                    width_m: wid,
                    height_m: hei,
                    max_road_speed_kmh: speed,
                    dangerous_goods: dg,
                    dangerous_goods_carriage: if tank {
                        DgCarriage::TankOrBulk
                    } else {
                        DgCarriage::Other
                    },
                    net_explosive_mass_kg: if dg.is_some() { nem } else { None },
                    self_propelled_road: sp,
                    rail_wagon: None,
                    source: "proptest".into(),
                }
            },
        )
}

fn arb_limits() -> impl Strategy<Value = Limits> {
    use proptest::option::of;
    let cats = [
        "A", "B1", "B2", "C2", "C3", "C4", "D2", "D3", "D4", "E4", "E5",
    ];
    (
        (
            of(4u16..=150),
            of(4u16..=150),
            of(10.0f64..200.0),
            of(5.0f64..30.0),
        ),
        (of(2.0f64..6.0), of(2.0f64..6.0), of(5.0f64..40.0)),
        (
            of(proptest::sample::select(vec![
                TunnelCategory::A,
                TunnelCategory::B,
                TunnelCategory::C,
                TunnelCategory::D,
                TunnelCategory::E,
            ])),
            of(proptest::sample::select(cats.to_vec())),
            of(any::<bool>()),
            of(100.0f64..800.0),
        ),
    )
        .prop_map(
            |((mw, mt, wt, ax), (h, wd, ln), (tc, lc, oog, train))| Limits {
                mlc_wheeled: mw,
                mlc_tracked: mt,
                max_weight_t: wt,
                max_axle_t: ax,
                max_height_m: h,
                max_width_m: wd,
                max_length_m: ln,
                tunnel_category: tc,
                gauge_mm: Some(1435),
                line_category: lc.map(|s| s.parse().unwrap()),
                max_train_m: train,
                out_of_gauge: oog,
            },
        )
}

fn arb_case() -> impl Strategy<Value = (Vec<VehicleType>, Vec<u32>, CarriagePolicy, Limits)> {
    (1usize..5).prop_flat_map(|n| {
        (
            (0..n).map(arb_vehicle).collect::<Vec<_>>(),
            proptest::collection::vec(1u32..30, n),
            proptest::sample::select(CarriagePolicy::ALL.to_vec()),
            arb_limits(),
        )
    })
}

fn catalogue_with(vehicles: Vec<VehicleType>) -> VehicleCatalogue {
    let b = builtin();
    let data = CatalogueData {
        vehicle: vehicles,
        het: b.hets().to_vec(),
        wagon: b.wagons().to_vec(),
        aircraft: b.aircraft().to_vec(),
        vessel: b.vessels().to_vec(),
    };
    VehicleCatalogue::from_data(data, "proptest").unwrap_or_else(|e| panic!("{e}"))
}

/// Every `Limits` obtained by removing exactly one limit.
fn relaxations(l: &Limits) -> Vec<Limits> {
    let mut out = Vec::new();
    macro_rules! drop_field {
        ($($f:ident),*) => {$(
            if l.$f.is_some() {
                let mut r = l.clone();
                r.$f = None;
                out.push(r);
            }
        )*};
    }
    drop_field!(
        mlc_wheeled,
        mlc_tracked,
        max_weight_t,
        max_axle_t,
        max_height_m,
        max_width_m,
        max_length_m,
        tunnel_category,
        gauge_mm,
        line_category,
        max_train_m,
        out_of_gauge
    );
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The group passes a link iff every member passes it alone; more
    /// precisely, the group's violated limits are the union of the members'.
    #[test]
    fn envelope_is_exact((vehicles, counts, policy, limits) in arb_case()) {
        let cat = catalogue_with(vehicles.clone());
        let group: Vec<(&str, u32)> = vehicles.iter().zip(&counts).map(|(v, c)| (v.id.as_str(), *c)).collect();
        let gp = LoadProfile::for_group(&cat, &group, &policy).unwrap();
        let singles: Vec<LoadProfile> = group
            .iter()
            .map(|(id, c)| LoadProfile::for_group(&cat, &[(*id, *c)], &policy).unwrap())
            .collect();
        for mode in Mode::ALL {
            let all_have = singles.iter().all(|s| s.profile(mode).is_some());
            prop_assert_eq!(gp.profile(mode).is_some(), all_have, "{}", mode);
            if !all_have {
                continue;
            }
            let gv = limit_names(&gp.violations(mode, &limits));
            let union: BTreeSet<&str> = singles
                .iter()
                .flat_map(|s| limit_names(&s.violations(mode, &limits)))
                .collect();
            prop_assert_eq!(&gv, &union, "{}", mode);
            prop_assert_eq!(
                gp.allows(mode, &limits),
                singles.iter().all(|s| s.allows(mode, &limits))
            );
        }
    }

    /// Removing a link limit never adds a violation; no limits, no violations.
    #[test]
    fn removing_a_limit_never_adds_a_violation((vehicles, counts, policy, limits) in arb_case()) {
        let cat = catalogue_with(vehicles.clone());
        let group: Vec<(&str, u32)> = vehicles.iter().zip(&counts).map(|(v, c)| (v.id.as_str(), *c)).collect();
        let p = LoadProfile::for_group(&cat, &group, &policy).unwrap();
        for mode in Mode::ALL {
            let Some(mp) = p.profile(mode) else { continue };
            let before = limit_names(&mp.violations(mode, &limits));
            for relaxed in relaxations(&limits) {
                let after = limit_names(&mp.violations(mode, &relaxed));
                prop_assert!(after.is_subset(&before), "{mode}: {after:?} ⊄ {before:?}");
            }
            prop_assert!(mp.violations(mode, &Limits::default()).is_empty());
        }
    }

    /// Parsing never panics and is deterministic on arbitrary text.
    #[test]
    fn catalogue_parsing_never_panics(text in "\\PC{0,300}") {
        let a = VehicleCatalogue::from_toml_str(&text, "fuzz").map_err(|e| e.to_string());
        let b = VehicleCatalogue::from_toml_str(&text, "fuzz").map_err(|e| e.to_string());
        prop_assert_eq!(a.is_ok(), b.is_ok());
    }
}
