//! Coverage test of the shipped illustrative European corridor network
//! (`data/europe`): it must load through the public API without errors and
//! keep the breadth that the examples and benchmarks rely on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use milmob::io::read_network_dir;
use milmob::{HubKind, Mode, Network};

fn europe_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/europe")
}

fn load() -> Network {
    Network::load(europe_dir()).unwrap_or_else(|e| panic!("data/europe does not load: {e}"))
}

/// Haversine distance in km (R = 6371.0088 km), independent of the library.
fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

/// Coarse bounding boxes (lat_min, lat_max, lon_min, lon_max) of the
/// countries used, mainland plus islands, with a small margin.
const COUNTRY_BOXES: &[(&str, f64, f64, f64, f64)] = &[
    ("AT", 46.3, 49.1, 9.4, 17.3),
    ("BE", 49.4, 51.6, 2.4, 6.5),
    ("BG", 41.2, 44.3, 22.3, 28.7),
    ("CH", 45.8, 47.9, 5.9, 10.6),
    ("CZ", 48.5, 51.1, 12.0, 18.9),
    ("DE", 47.2, 55.1, 5.8, 15.1),
    ("DK", 54.5, 57.8, 8.0, 15.2),
    ("EE", 57.5, 59.8, 21.7, 28.3),
    ("ES", 35.9, 43.9, -9.4, 4.4),
    ("FI", 59.7, 70.1, 20.5, 31.6),
    ("FR", 41.3, 51.2, -5.2, 9.6),
    ("GB", 49.8, 60.9, -8.7, 1.8),
    ("GR", 34.8, 41.8, 19.3, 28.3),
    ("HR", 42.3, 46.6, 13.4, 19.5),
    ("HU", 45.7, 48.6, 16.1, 22.9),
    ("IT", 36.6, 47.1, 6.6, 18.6),
    ("LT", 53.9, 56.5, 20.9, 26.9),
    ("LU", 49.4, 50.2, 5.7, 6.6),
    ("LV", 55.6, 58.1, 20.9, 28.3),
    ("MD", 45.4, 48.5, 26.6, 30.2),
    ("MK", 40.8, 42.4, 20.4, 23.1),
    ("NL", 50.7, 53.6, 3.3, 7.3),
    ("NO", 57.9, 71.3, 4.5, 31.2),
    ("PL", 49.0, 54.9, 14.1, 24.2),
    ("PT", 36.9, 42.2, -9.6, -6.1),
    ("RO", 43.6, 48.3, 20.2, 29.8),
    ("RS", 42.2, 46.2, 18.8, 23.1),
    ("SE", 55.3, 69.1, 10.9, 24.2),
    ("SI", 45.4, 46.9, 13.3, 16.7),
    ("SK", 47.7, 49.7, 16.8, 22.6),
    ("UA", 44.3, 52.4, 22.1, 40.3),
];

#[test]
fn europe_loads_without_errors() {
    let loaded = read_network_dir(europe_dir());
    assert!(!loaded.has_errors(), "data/europe has errors");
    let net = loaded.into_result().unwrap_or_else(|e| panic!("{e}"));
    assert!(net.hub_count() > 0);
}

#[test]
fn europe_has_breadth() {
    let net = load();
    assert!(net.hub_count() >= 200, "only {} hubs", net.hub_count());
    assert!(net.link_count() >= 400, "only {} links", net.link_count());
    let countries: BTreeSet<&str> = net.hubs().map(|h| h.country.code()).collect();
    assert!(
        countries.len() >= 20,
        "only {} countries: {countries:?}",
        countries.len()
    );
}

#[test]
fn europe_has_every_kind_of_hub() {
    let net = load();
    let count = |k: HubKind| net.hubs().filter(|h| h.is(k)).count();
    let rail = net
        .hubs()
        .filter(|h| h.is(HubKind::Railhead) || h.is(HubKind::RailTerminal))
        .count();
    assert!(rail >= 15, "railheads + rail terminals: {rail}");
    for (kind, min) in [
        (HubKind::SeaPort, 10),
        (HubKind::ConvoySupportCentre, 10),
        (HubKind::StagingArea, 5),
        (HubKind::Airport, 5),
        (HubKind::BorderCrossing, 20),
        (HubKind::FuelPoint, 1),
    ] {
        assert!(
            count(kind) >= min,
            "{}: {} < {min}",
            kind.as_str(),
            count(kind)
        );
    }
}

#[test]
fn europe_has_all_modes_and_gauges() {
    let net = load();
    let modes: BTreeSet<Mode> = net.links().map(|l| l.mode).collect();
    for m in Mode::ALL {
        assert!(modes.contains(&m), "no {} link", m.as_str());
    }
    let gauges: BTreeSet<u16> = net
        .links()
        .filter(|l| l.mode == Mode::Rail)
        .filter_map(|l| l.limits.gauge_mm)
        .collect();
    for g in [1435, 1520, 1524, 1668] {
        assert!(gauges.contains(&g), "no rail link of gauge {g} mm");
    }
    // Every rail link has a gauge.
    for l in net.links().filter(|l| l.mode == Mode::Rail) {
        assert!(
            l.limits.gauge_mm.is_some(),
            "rail link {} has no gauge",
            l.id
        );
    }
}

#[test]
fn europe_corridors_are_connected_chains() {
    let net = load();
    assert!(
        net.corridors().len() >= 4,
        "only {} corridors",
        net.corridors().len()
    );
    for c in net.corridors() {
        // Union-find over the hubs touched by the corridor's links.
        let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
        fn find<'a>(p: &mut BTreeMap<&'a str, &'a str>, x: &'a str) -> &'a str {
            let mut r = x;
            while p[r] != r {
                r = p[r];
            }
            let mut y = x;
            while p[y] != r {
                let next = p[y];
                p.insert(y, r);
                y = next;
            }
            r
        }
        let links: Vec<_> = net
            .links()
            .filter(|l| l.corridors.iter().any(|x| x == &c.id))
            .collect();
        assert!(
            links.len() >= 5,
            "corridor {} has only {} links",
            c.id,
            links.len()
        );
        for l in &links {
            parent.entry(&l.from).or_insert(&l.from);
            parent.entry(&l.to).or_insert(&l.to);
            let (a, b) = (find(&mut parent, &l.from), find(&mut parent, &l.to));
            if a != b {
                parent.insert(a, b);
            }
        }
        let hubs: Vec<&str> = parent.keys().copied().collect();
        let roots: BTreeSet<&str> = hubs.into_iter().map(|h| find(&mut parent, h)).collect();
        assert_eq!(
            roots.len(),
            1,
            "corridor {} is in {} pieces",
            c.id,
            roots.len()
        );
    }
}

#[test]
fn europe_hubs_lie_in_their_country_box() {
    let net = load();
    let boxes: BTreeMap<&str, (f64, f64, f64, f64)> = COUNTRY_BOXES
        .iter()
        .map(|&(c, a, b, d, e)| (c, (a, b, d, e)))
        .collect();
    for h in net.hubs() {
        let cc = h.country.code();
        let &(lat0, lat1, lon0, lon1) = boxes
            .get(cc)
            .unwrap_or_else(|| panic!("no bounding box for {cc} (hub {})", h.id));
        assert!(
            (lat0..=lat1).contains(&h.lat()) && (lon0..=lon1).contains(&h.lon()),
            "hub {} ({}, {}) lies outside {cc}",
            h.id,
            h.lat(),
            h.lon()
        );
    }
}

#[test]
fn europe_link_lengths_are_at_least_the_geodesic() {
    let net = load();
    for l in net.links() {
        let (a, b) = (net.hub(&l.from).unwrap(), net.hub(&l.to).unwrap());
        let g = haversine_km(a.lat(), a.lon(), b.lat(), b.lon());
        assert!(
            l.length_km >= 0.95 * g,
            "link {}: {} km < 0.95 × geodesic {g:.1} km",
            l.id,
            l.length_km
        );
    }
}

#[test]
fn europe_is_one_connected_network() {
    let loaded = read_network_dir(europe_dir());
    let warnings: Vec<String> = loaded.warnings().map(|w| w.to_string()).collect();
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("no links") || w.contains("disconnected")),
        "{warnings:?}"
    );
}
