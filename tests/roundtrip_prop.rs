//! Property test: random valid networks round-trip through the folder (CSV)
//! format and through GeoJSON unchanged.

use milmob::io::{read_geojson, read_network_dir, write_geojson, write_network_dir};
use milmob::network::{
    geodesy::geodesic_km, Corridor, HubKind, Limits, Mode, ModeService, NetworkMeta,
};
use milmob::{Country, Hub, Link, Network};
use proptest::prelude::*;

fn arb_hub(i: usize) -> impl Strategy<Value = Hub> {
    (
        35.0f64..70.0,
        -10.0f64..30.0,
        proptest::sample::subsequence(HubKind::ALL.to_vec(), 1..4),
        proptest::option::of(0.0f64..2000.0),
        proptest::option::of(1.0f64..50.0),
        proptest::option::of(0.0f64..900.0),
        proptest::sample::select(vec!["DE", "PL", "LT", "FR", "RO"]),
        any::<bool>(),
    )
        .prop_map(move |(lat, lon, kinds, handling, cap, gauge, cc, hours)| {
            let mut h = Hub::new(
                format!("H{i}"),
                format!("Hub, \"{i}\""),
                Country::parse(cc).unwrap(),
                lon,
                lat,
                &kinds,
            );
            if handling.is_some() || cap.is_some() {
                h.services.insert(
                    Mode::Rail,
                    ModeService {
                        handling_min: handling,
                        capacity_per_day: cap,
                        unloading_min: handling.map(|h| h / 4.0),
                    },
                );
            }
            h.gauge_change_min = gauge;
            h.hold_vehicles = cap.map(|c| c.round() as u32);
            if hours {
                h.opening_hours = Some("22:00-06:00".parse().unwrap());
            }
            h.source = Some(format!("src {i}; estimate"));
            h
        })
}

fn arb_network() -> impl Strategy<Value = Network> {
    (2usize..8)
        .prop_flat_map(|n| {
            let hubs: Vec<_> = (0..n).map(arb_hub).collect();
            let links = proptest::collection::vec(
                (
                    0..n,
                    0..n,
                    proptest::sample::select(Mode::ALL.to_vec()),
                    1.0f64..2.0,
                    proptest::option::of(4u16..=150),
                    proptest::option::of(2.0f64..6.0),
                    proptest::option::of(1.0f64..100.0),
                    any::<bool>(),
                    any::<bool>(),
                ),
                0..12,
            );
            (hubs, links)
        })
        .prop_map(|(hubs, links)| {
            let mut net = Network::new(NetworkMeta {
                name: "random".into(),
                description: "generated".into(),
                ..Default::default()
            });
            net.add_corridor(Corridor {
                id: "C1".into(),
                name: "One".into(),
                priority: 2,
                description: String::new(),
            })
            .unwrap();
            for h in hubs {
                net.add_hub(h).unwrap();
            }
            for (k, (a, b, mode, factor, mlc, height, cap, oneway, corr)) in
                links.into_iter().enumerate()
            {
                if a == b {
                    continue;
                }
                let (ha, hb) = (
                    net.hub(&format!("H{a}")).unwrap().location,
                    net.hub(&format!("H{b}")).unwrap().location,
                );
                let len = (geodesic_km(ha, hb) * factor).max(0.5);
                let mut l = Link::new(format!("L{k}"), format!("H{a}"), format!("H{b}"), mode, len);
                l.oneway = oneway;
                // Both the mode's default period and an explicit other one.
                l.capacity = cap.map(|c| milmob::network::Capacity {
                    units: c,
                    per: if oneway {
                        milmob::network::Period::Day
                    } else {
                        milmob::network::Period::Hour
                    },
                });
                l.limits = Limits {
                    mlc_tracked: mlc,
                    max_height_m: height,
                    gauge_mm: (mode == Mode::Rail).then_some(1435),
                    ..Limits::default()
                };
                if corr {
                    l.corridors = vec!["C1".into()];
                }
                net.add_link(l).unwrap();
            }
            net
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_networks_round_trip(net in arb_network()) {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("net");
        write_network_dir(&net, &folder).unwrap();
        let loaded = read_network_dir(&folder);
        prop_assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
        prop_assert_eq!(&loaded.network, &net);
        let gj = dir.path().join("net.geojson");
        write_geojson(&net, &gj).unwrap();
        let back = read_geojson(&gj);
        prop_assert!(!back.has_errors(), "{:#?}", back.diagnostics);
        prop_assert_eq!(&back.network, &net);
    }
}
