//! Golden tests: the README's main job and a few fixed queries on the
//! bundled data must keep giving the same answers, byte for byte. After an
//! intended change, regenerate with `MILMOB_BLESS=1 cargo test --test golden`
//! and review the diff of `tests/golden/`.

use std::path::PathBuf;

use milmob::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::permits::{Calendars, PermitRegime};
use milmob::routing::{DrivingRule, RegimePermits, RouteRequest, Router, TdSpace};
use milmob::Network;

struct Case {
    name: &'static str,
    network: &'static str,
    from: &'static str,
    to: &'static str,
    vehicle: &'static str,
    count: u32,
    carriage: &'static str,
    regime: &'static str,
    alternatives: usize,
}

const CASES: &[Case] = &[
    // The README's main job.
    Case {
        name: "readme_bremerhaven_rukla_rail",
        network: "data/europe",
        from: "DE-BREMERHAVEN-PORT",
        to: "LT-RUKLA-SA",
        vehicle: "leopard_2a6",
        count: 14,
        carriage: "rail",
        regime: "pledge-2024",
        alternatives: 1,
    },
    Case {
        name: "grafenwoehr_orzysz_het_status_quo",
        network: "data/europe",
        from: "DE-GRAFENWOHR-SA",
        to: "PL-ORZYSZ-SA",
        vehicle: "leopard_2a6",
        count: 4,
        carriage: "het",
        regime: "status-quo",
        alternatives: 0,
    },
    Case {
        name: "mini_tank_company_rail",
        network: "tests/fixtures/mini",
        from: "DE-BHV",
        to: "LT-KAU",
        vehicle: "leopard_2a6",
        count: 14,
        carriage: "auto",
        regime: "pledge-2024",
        alternatives: 0,
    },
    // Self-propelled tanks avoid the MLC 60 bridge by the northern detour.
    Case {
        name: "mini_tanks_road_detour",
        network: "tests/fixtures/mini",
        from: "DE-FFO",
        to: "PL-POZ",
        vehicle: "leopard_2a6",
        count: 1,
        carriage: "road",
        regime: "pledge-2024",
        alternatives: 0,
    },
    // No air links and no rest halt within 10 h of driving near the end: no route, and why.
    Case {
        name: "mini_no_route_driving_limit",
        network: "tests/fixtures/mini",
        from: "DE-BHV",
        to: "LT-KAU",
        vehicle: "leopard_2a6",
        count: 1,
        carriage: "air",
        regime: "pledge-2024",
        alternatives: 0,
    },
];

fn run(case: &Case) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let network = Network::load(root.join(case.network)).expect("network loads");
    let policy: CarriagePolicy = case.carriage.parse().expect("policy");
    let load = LoadProfile::for_group(
        VehicleCatalogue::builtin(),
        &[(case.vehicle, case.count)],
        &policy,
    )
    .expect("load");
    let regime = PermitRegime::builtin(case.regime).expect("regime");
    let calendars = Calendars::new();
    let permits = RegimePermits {
        regime: &regime,
        calendars: &calendars,
        class: cargo_class(&load),
        framework: None,
    };
    let router = Router::new(&network, &load);
    let depart = chrono::DateTime::parse_from_rfc3339("2026-03-02T06:00:00+01:00")
        .expect("instant")
        .to_utc();
    let req = RouteRequest {
        driving: Some(DrivingRule::hours(10.0, 14.0)),
        alternatives: case.alternatives,
        ..RouteRequest::new(case.from, case.to, depart)
    };
    let outcome = router
        .route_or_explain(&req, &permits, &mut TdSpace::new())
        .expect("routes");
    serde_json::to_string_pretty(&outcome).expect("json") + "\n"
}

#[test]
fn bundled_queries_match_golden_files() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var("MILMOB_BLESS").as_deref() == Ok("1");
    let mut failures = Vec::new();
    for case in CASES {
        let got = run(case);
        let path = dir.join(format!("{}.json", case.name));
        if bless {
            std::fs::write(&path, &got).expect("write golden file");
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}; run with MILMOB_BLESS=1", path.display()));
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            failures.push(format!(
                "{} differs from line {}: got `{}`, want `{}`",
                case.name,
                line + 1,
                got.lines().nth(line).unwrap_or(""),
                want.lines().nth(line).unwrap_or("")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (MILMOB_BLESS=1 to accept):\n{}",
        failures.join("\n")
    );
}
