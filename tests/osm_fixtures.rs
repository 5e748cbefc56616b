//! Small OSM fixtures built in memory (tags as `(key, value)` pairs, ways
//! with node lists): every tag kind and syntax through the whole import to a
//! network, the report of refused values, oneway handling, and routes that
//! go around a low bridge, a weak bridge and a tunnel.

mod osm_common;

use milmob::import::{
    network_from_ways, read_way, way_kind, Imported, NodeCoords, OsmImportOptions, OsmWay, TagLog,
    WayFilter,
};
use milmob::network::{validate, Limits, TunnelCategory};
use milmob::routing::Planner;
use milmob::Link;

/// Nodes on a 1 km grid near Bayreuth (DE): id → (lon, lat).
fn coords() -> NodeCoords {
    NodeCoords::from_points((1..=30).map(|i| {
        let (x, y) = ((i - 1) % 6, (i - 1) / 6);
        (i, 11.55 + x as f64 * 0.0135, 49.95 + y as f64 * 0.009)
    }))
}

fn way(id: i64, nodes: &[i64], tags: &[(&str, &str)], log: &mut TagLog) -> OsmWay {
    let kind = way_kind(tags.iter().copied()).expect("a road or railway");
    OsmWay {
        id,
        nodes: nodes.to_vec(),
        attrs: read_way(id, kind, tags.iter().copied(), log),
    }
}

fn import(ways: Vec<OsmWay>) -> Imported {
    let imp = network_from_ways(ways, &coords(), &OsmImportOptions::default()).unwrap();
    let errors: Vec<_> = validate(&imp.network)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    imp
}

/// The limits of a one-way network made of one way with these tags.
fn limits_of(tags: &[(&str, &str)]) -> (Limits, TagLog) {
    let mut log = TagLog::default();
    let w = way(42, &[1, 2, 3], tags, &mut log);
    let imp = import(vec![w]);
    let l = imp.network.links().next().expect("one link").clone();
    (l.limits, log)
}

/// Reads one limit of a link, as a number.
type Field = fn(&Limits) -> Option<f64>;

#[test]
fn every_limit_tag_and_syntax_reaches_the_network() {
    let primary = ("highway", "primary");
    let cases: &[(&str, &str, Field, Option<f64>)] = &[
        ("maxweight", "7.5", |l| l.max_weight_t, Some(7.5)),
        ("maxweight", "7.5 t", |l| l.max_weight_t, Some(7.5)),
        ("maxweight", "7500 kg", |l| l.max_weight_t, Some(7.5)),
        ("maxweight", "none", |l| l.max_weight_t, None),
        ("maxweight", "default", |l| l.max_weight_t, None),
        ("maxaxleload", "11.5 t", |l| l.max_axle_t, Some(11.5)),
        ("maxheight", "3.8", |l| l.max_height_m, Some(3.8)),
        ("maxheight", "3.8 m", |l| l.max_height_m, Some(3.8)),
        ("maxheight", "12'6\"", |l| l.max_height_m, Some(3.81)),
        ("maxheight", "below_default", |l| l.max_height_m, None),
        ("maxwidth", "2.5 m", |l| l.max_width_m, Some(2.5)),
        ("maxlength", "18", |l| l.max_length_m, Some(18.0)),
        ("mlc", "50", |l| l.mlc_wheeled.map(f64::from), Some(50.0)),
        ("mlc", "50", |l| l.mlc_tracked.map(f64::from), Some(50.0)),
        (
            "mlc:wheeled",
            "60",
            |l| l.mlc_wheeled.map(f64::from),
            Some(60.0),
        ),
        (
            "mlc:tracked",
            "40",
            |l| l.mlc_tracked.map(f64::from),
            Some(40.0),
        ),
        ("hgv", "no", |l| l.max_weight_t, Some(3.5)),
    ];
    for &(k, v, get, want) in cases {
        let (l, log) = limits_of(&[primary, (k, v)]);
        match (get(&l), want) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{k}={v}: {a}"),
            (a, b) => assert_eq!(a, b, "{k}={v}"),
        }
        assert_eq!(log.rejected_total(), 0, "{k}={v}");
    }
    // ADR tunnel categories: the tag, `hazmat=no`, tunnel without either.
    let cat = |tags: &[(&str, &str)]| limits_of(tags).0.tunnel_category;
    assert_eq!(
        cat(&[primary, ("tunnel", "yes"), ("hazmat:adr_tunnel_cat", "C")]),
        Some(TunnelCategory::C)
    );
    assert_eq!(
        cat(&[primary, ("tunnel", "yes"), ("hazmat", "no")]),
        Some(TunnelCategory::E)
    );
    assert_eq!(cat(&[primary, ("tunnel", "yes")]), None);
    // Rail: gauge and the dual-gauge second link.
    let mut log = TagLog::default();
    let rail = way(
        7,
        &[1, 2],
        &[("railway", "rail"), ("gauge", "1435;1668")],
        &mut log,
    );
    let imp = import(vec![rail]);
    let gauges: Vec<_> = imp
        .network
        .links()
        .map(|l| (l.id.clone(), l.limits.gauge_mm))
        .collect();
    assert_eq!(
        gauges,
        [
            ("w7-0".to_string(), Some(1435)),
            ("w7-0-g1668".to_string(), Some(1668))
        ]
    );
    let mut log = TagLog::default();
    let untagged = way(8, &[1, 2], &[("railway", "rail")], &mut log);
    let imp = import(vec![untagged]);
    assert_eq!(
        imp.network.links().next().unwrap().limits.gauge_mm,
        Some(1435)
    );
    assert_eq!(imp.report.assembly.rail_gauge_assumed, 1);
}

#[test]
fn unparsable_values_are_reported_with_their_way_and_never_zero() {
    let mut log = TagLog::default();
    let w = way(
        4711,
        &[1, 2, 3],
        &[
            ("highway", "secondary"),
            ("maxweight", "7,5"),
            ("maxheight", "low"),
            ("maxwidth", "0"),
            ("mlc", "500"),
            ("maxspeed", "fast"),
        ],
        &mut log,
    );
    assert!(w.attrs.limits.is_unlimited());
    let imp = network_from_ways(vec![w], &coords(), &OsmImportOptions::default()).unwrap();
    assert!(imp.network.links().all(|l| l.limits.is_unlimited()));
    assert_eq!(log.rejected_total(), 5);
    assert!(log.rejections.iter().all(|r| r.way == 4711));
    let mut report = imp.report;
    report.tags = log;
    let text = report.to_text(10);
    assert!(
        text.contains("rejected: way 4711 maxweight=\"7,5\""),
        "{text}"
    );
    assert!(text.contains("tags parsed: 0   rejected: 5"), "{text}");
}

#[test]
fn oneways_roundabouts_and_motorways() {
    let mut log = TagLog::default();
    let ways = vec![
        way(
            1,
            &[1, 2],
            &[("highway", "primary"), ("oneway", "yes")],
            &mut log,
        ),
        way(
            2,
            &[2, 3],
            &[("highway", "primary"), ("oneway", "-1")],
            &mut log,
        ),
        way(3, &[3, 4], &[("highway", "motorway")], &mut log),
        way(4, &[4, 5], &[("highway", "primary")], &mut log),
        way(
            6,
            &[20, 21],
            &[("highway", "motorway"), ("oneway", "no")],
            &mut log,
        ),
        way(
            5,
            &[5, 11, 10, 5],
            &[("highway", "tertiary"), ("junction", "roundabout")],
            &mut log,
        ),
    ];
    let imp = import(ways);
    let n = &imp.network;
    let link = |id: &str| n.link(id).unwrap_or_else(|| panic!("{id}"));
    assert!(link("w1-0").oneway && link("w1-0").from == "n1");
    // `oneway=-1`: the link runs against the way's node order.
    assert!(link("w2-0").oneway && link("w2-0").from == "n3" && link("w2-0").to == "n2");
    // A motorway is oneway; the two-way road after it joins its chain
    // (only the motorway's direction can pass through both).
    assert!(link("w3-0").oneway && link("w3-0").from == "n3" && link("w3-0").to == "n5");
    assert!(!link("w6-0").oneway);
    // The roundabout is a ring: split so that no link is a loop.
    let ring: Vec<&Link> = n.links().filter(|l| l.id.starts_with("w5-")).collect();
    assert_eq!(ring.len(), 2);
    assert!(ring.iter().all(|l| l.oneway && l.from != l.to));
}

#[test]
fn chains_keep_length_time_and_the_tightest_limits() {
    let mut log = TagLog::default();
    let ways = vec![
        way(
            1,
            &[1, 2, 3],
            &[("highway", "primary"), ("maxweight", "40")],
            &mut log,
        ),
        way(
            2,
            &[3, 4],
            &[
                ("highway", "secondary"),
                ("maxweight", "12"),
                ("bridge", "yes"),
                ("maxspeed", "30"),
            ],
            &mut log,
        ),
        way(
            3,
            &[4, 5, 6],
            &[("highway", "primary"), ("maxheight", "4.2")],
            &mut log,
        ),
    ];
    let imp = import(ways);
    let n = &imp.network;
    assert_eq!((n.hub_count(), n.link_count()), (2, 1));
    let l = n.links().next().unwrap();
    assert_eq!((l.from.as_str(), l.to.as_str()), ("n1", "n6"));
    assert_eq!(l.limits.max_weight_t, Some(12.0));
    assert_eq!(l.limits.max_height_m, Some(4.2));
    assert_eq!(l.geometry.as_ref().unwrap().0.len(), 6);
    assert!(l.source.as_deref().unwrap().contains("bridge"));
    // Time: 1 km at 30 km/h plus 4 km at 40 km/h (about: grid km).
    let km: f64 = imp.report.graph.km_by_class.values().sum();
    assert!((l.length_km - km).abs() < 1e-9);
    let seg = km / 5.0;
    let want_min = seg / 30.0 * 60.0 + 4.0 * seg / 40.0 * 60.0;
    assert!(
        (l.travel_minutes() - want_min).abs() < 0.01 * want_min,
        "{} vs {want_min}",
        l.travel_minutes()
    );
    // Uniform speed: exact.
    let mut log = TagLog::default();
    let imp = import(vec![way(
        9,
        &[1, 2, 3],
        &[("highway", "primary")],
        &mut log,
    )]);
    assert_eq!(imp.network.links().next().unwrap().speed_kmh, Some(40.0));
}

#[test]
fn access_closed_ways_are_skipped_and_counted() {
    let mut log = TagLog::default();
    let ways = vec![
        way(1, &[1, 2], &[("highway", "primary")], &mut log),
        way(
            2,
            &[2, 3],
            &[("highway", "service"), ("access", "private")],
            &mut log,
        ),
        way(
            3,
            &[3, 4],
            &[("highway", "track"), ("access", "military")],
            &mut log,
        ),
    ];
    let options = OsmImportOptions {
        filter: WayFilter {
            highways: milmob::import::HighwayClass::ALL.into_iter().collect(),
            ..WayFilter::default()
        },
        ..OsmImportOptions::default()
    };
    let imp = network_from_ways(ways, &coords(), &options).unwrap();
    assert_eq!(imp.report.ways_skipped["closed to motor vehicles"], 1);
    assert!(imp.network.link("w2-0").is_none());
    assert!(imp.network.link("w3-0").is_some());
}

fn route_links(p: &Planner<'_>, from: &str, to: &str) -> Vec<String> {
    let depart = "2026-03-02T06:00:00+01:00".parse().unwrap();
    p.route(from, to, depart)
        .unwrap()
        .best()
        .map(|r| r.links.clone())
        .unwrap_or_default()
}

#[test]
fn routes_go_around_a_low_bridge_a_weak_bridge_and_a_tunnel() {
    // n1 — n3 directly (way 1, with the restriction) or round by n7–n9
    // (way 2: 2 km longer, no limits).
    let net = |restriction: &[(&str, &str)]| {
        let mut log = TagLog::default();
        let mut tags = vec![("highway", "primary")];
        tags.extend_from_slice(restriction);
        import(vec![
            way(1, &[1, 2, 3], &tags, &mut log),
            way(2, &[1, 7, 8, 9, 3], &[("highway", "secondary")], &mut log),
            // Spurs, so that n1 and n3 are junctions.
            way(3, &[3, 4], &[("highway", "secondary")], &mut log),
            way(4, &[13, 1], &[("highway", "secondary")], &mut log),
        ])
    };
    let low = net(&[("bridge", "yes"), ("maxheight", "12'6\"")]);
    assert_eq!(
        route_links(&osm_common::planner(&low.network, "fennek"), "n1", "n3"),
        ["w1-0"]
    );
    assert_eq!(
        route_links(
            &osm_common::planner(&low.network, "tall_test_load"),
            "n1",
            "n3"
        ),
        ["w2-0"]
    );
    let weak = net(&[("bridge", "yes"), ("maxweight", "30 t")]);
    assert_eq!(
        route_links(&osm_common::planner(&weak.network, "fennek"), "n1", "n3"),
        ["w1-0"]
    );
    assert_eq!(
        route_links(
            &osm_common::planner(&weak.network, "tall_test_load"),
            "n1",
            "n3"
        ),
        ["w2-0"]
    );
    let tunnel = net(&[("tunnel", "yes"), ("hazmat:adr_tunnel_cat", "D")]);
    assert_eq!(
        route_links(&osm_common::planner(&tunnel.network, "hx2_8x8"), "n1", "n3"),
        ["w1-0"]
    );
    assert_eq!(
        route_links(
            &osm_common::planner(&tunnel.network, "hx2_8x8_ammunition"),
            "n1",
            "n3"
        ),
        ["w2-0"]
    );
}
