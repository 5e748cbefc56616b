//! Property tests of the routing core against simple, obviously-correct
//! references: Bellman-Ford for static costs; an exhaustive time-expanded
//! search for permit gates, time windows, interval closures of links and
//! hubs, and the daily driving limit; a network copy with the excluded links
//! deleted for per-load metrics; deletion for permanent closures.

use chrono::{DateTime, Duration, TimeZone, Utc};
use milmob::force::{CarriagePolicy, LoadProfile, VehicleCatalogue};
use milmob::network::{HubKind, Limits, Mode, NetworkMeta};
use milmob::permits::PermitError;
use milmob::routing::{
    astar, earliest_arrival, shortest_path, Closure, Closures, DrivingRule, HubIdx,
    LandmarkPotential, Landmarks, Metric, NoPermits, NodeIdx, PermitGates, PermitOracle, Router,
    Rules, SearchSpace, TargetDistances, TdSpace, TimeWindows, Topology, Unconstrained,
    ZeroPotential,
};
use milmob::{Country, Hub, Link, Network};
use proptest::prelude::*;

fn bellman_ford(n: u32, arcs: &[(u32, u32, u32)], s: u32) -> Vec<Option<u64>> {
    let mut d = vec![None; n as usize];
    d[s as usize] = Some(0u64);
    for _ in 0..n {
        let mut changed = false;
        for &(a, b, w) in arcs {
            if let Some(da) = d[a as usize] {
                let nd = da + w as u64;
                if d[b as usize].is_none_or(|db| nd < db) {
                    d[b as usize] = Some(nd);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn static_dijkstra_equals_bellman_ford(
        n in 1u32..12,
        raw in proptest::collection::vec((0u32..12, 0u32..12, 0u32..50), 0..40),
        s in 0u32..12,
        k in 0usize..4,
    ) {
        let arcs: Vec<_> = raw.into_iter().map(|(a, b, w)| (a % n, b % n, w)).collect();
        let s = s % n;
        let (g, m) = Topology::from_arcs(n, &arcs).unwrap();
        let lm = Landmarks::build(&g, &m, k);
        let reference = bellman_ford(n, &arcs, s);
        let mut sp = SearchSpace::new(n as usize);
        for t in 0..n {
            let (sn, tn) = (NodeIdx(s), NodeIdx(t));
            let got = shortest_path(&g, &m, &mut sp, sn, tn);
            let with_alt = astar(&g, &m, &mut sp, sn, tn, &LandmarkPotential::new(&lm, tn));
            let exact = astar(&g, &m, &mut sp, sn, tn, &TargetDistances::compute(&g, &m, tn));
            prop_assert_eq!(with_alt.as_ref().map(|p| p.cost), reference[t as usize], "ALT");
            prop_assert_eq!(exact.as_ref().map(|p| p.cost), reference[t as usize], "A* exact bound");
            prop_assert_eq!(got.as_ref().map(|p| p.cost), reference[t as usize]);
            if let Some(p) = got {
                // The path is made of real arcs and costs what it claims.
                let mut sum = 0u64;
                for w in p.nodes.windows(2) {
                    let c = arcs.iter().filter(|a| a.0 == w[0].0 && a.1 == w[1].0).map(|a| a.2 as u64).min();
                    prop_assert!(c.is_some());
                    sum += c.unwrap();
                }
                prop_assert_eq!(sum, p.cost);
            }
        }
    }
}

/// Time step of the time-expanded reference: every duration, window and
/// grant in these tests is a multiple of it.
const STEP: i64 = 900;

fn epoch() -> DateTime<Utc> {
    // A Monday in January: no DST change within the horizon.
    Utc.with_ymd_and_hms(2026, 1, 12, 0, 0, 0).unwrap()
}

/// A Friday before the spring DST change (29 Mar 2026) and one before the
/// autumn change (25 Oct 2026): local days of 23 and 25 hours in the horizon.
fn dst_epochs() -> [DateTime<Utc>; 2] {
    [
        Utc.with_ymd_and_hms(2026, 3, 27, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 10, 23, 0, 0, 0).unwrap(),
    ]
}

/// Grants each country a fixed number of steps after the request.
struct FixedGrants(Vec<(Country, i64)>);

impl PermitOracle for FixedGrants {
    fn grant(&self, c: Country, request: DateTime<Utc>) -> Result<DateTime<Utc>, PermitError> {
        let steps = self.0.iter().find(|x| x.0 == c).map_or(0, |x| x.1);
        Ok(request + Duration::seconds(steps * STEP))
    }
    fn latest_request(
        &self,
        c: Country,
        needed_by: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        let steps = self.0.iter().find(|x| x.0 == c).map_or(0, |x| x.1);
        Ok(needed_by - Duration::seconds(steps * STEP))
    }
    fn lead_time(&self, _c: Country) -> String {
        "fixed".into()
    }
    fn regime(&self) -> String {
        "fixed".into()
    }
}

/// A daily window in steps of the local day (start, end).
type Window = Option<(u16, u16)>;
/// (country index, rest allowed, opening hours).
type CaseHub = (usize, bool, Window);
/// (from, to, duration in steps, one-way, entry window).
type CaseLink = (usize, usize, i64, bool, Window);

#[derive(Debug, Clone)]
struct Case {
    hubs: Vec<CaseHub>,
    links: Vec<CaseLink>,
    grants: Vec<i64>,
    driving: Option<(u32, u32)>, // (max drive steps, rest steps)
    target: usize,
    /// Interval closures (from step, until step): of links (by index into
    /// `links`) and of hubs.
    link_closures: Vec<(usize, i64, i64)>,
    hub_closures: Vec<(usize, i64, i64)>,
}

const COUNTRIES: [&str; 3] = ["DE", "PL", "LT"];

fn arb_window() -> impl Strategy<Value = Option<(u16, u16)>> {
    proptest::option::weighted(
        0.3,
        (0u16..96, 1u16..95).prop_map(|(a, len)| (a, (a + len) % 96)),
    )
}

fn arb_case() -> impl Strategy<Value = Case> {
    (2usize..7).prop_flat_map(|n| {
        (
            proptest::collection::vec((0usize..3, any::<bool>(), arb_window()), n),
            proptest::collection::vec((0..n, 0..n, 1i64..12, any::<bool>(), arb_window()), 1..14),
            proptest::collection::vec(0i64..100, 3),
            proptest::option::of((2u32..10, 1u32..12)),
            0..n,
            proptest::collection::vec((0usize..14, 0i64..60, 1i64..60), 0..3),
            proptest::collection::vec((0..n, 0i64..60, 1i64..40), 0..2),
        )
            .prop_map(|(hubs, links, grants, driving, target, lc, hc)| Case {
                link_closures: lc
                    .into_iter()
                    .filter(|c| c.0 < links.len())
                    .map(|(l, s, len)| (l, s, s + len))
                    .collect(),
                hub_closures: hc.into_iter().map(|(h, s, len)| (h, s, s + len)).collect(),
                hubs,
                links,
                grants,
                driving,
                target,
            })
    })
}

fn window_text(w: (u16, u16)) -> String {
    let f = |s: u16| format!("{:02}:{:02}", (s * 15) / 60, (s * 15) % 60);
    format!("{}-{}", f(w.0), f(w.1))
}

fn build(case: &Case) -> Network {
    let mut net = Network::new(NetworkMeta::default());
    for (i, (c, rest, hours)) in case.hubs.iter().enumerate() {
        let kind = if *rest {
            HubKind::ConvoySupportCentre
        } else {
            HubKind::Junction
        };
        let mut h = Hub::new(
            format!("h{i}"),
            "x",
            Country::parse(COUNTRIES[*c]).unwrap(),
            10.0 + i as f64,
            52.0,
            &[kind],
        );
        h.opening_hours = hours.map(|w| window_text(w).parse().unwrap());
        net.add_hub(h).unwrap();
    }
    for (k, (a, b, steps, oneway, w)) in case.links.iter().enumerate() {
        if a == b {
            continue;
        }
        let mut l = Link::new(
            format!("l{k}"),
            format!("h{a}"),
            format!("h{b}"),
            Mode::Road,
            10.0,
        );
        l.travel_time_min = Some((*steps * STEP / 60) as f64);
        l.oneway = *oneway;
        l.open_hours = w.map(|w| window_text(w).parse().unwrap());
        l.limits = Limits::default();
        net.add_link(l).unwrap();
    }
    net
}

/// Is a daily window (in steps of the local day) open at absolute step `t`?
fn open(epoch: DateTime<Utc>, w: Option<(u16, u16)>, country: usize, t: i64) -> bool {
    let Some((a, b)) = w else { return true };
    let tz = Country::parse(COUNTRIES[country]).unwrap().time_zone();
    let local = (epoch + Duration::seconds(t * STEP)).with_timezone(&tz);
    use chrono::Timelike;
    let step = (local.num_seconds_from_midnight() as i64 / STEP) as u16;
    if a < b {
        (a..b).contains(&step)
    } else {
        step >= a || step < b
    }
}

/// Exhaustive time-expanded search: the earliest step at which the target
/// can be reached, waiting allowed anywhere, within `horizon` steps.
fn reference(case: &Case, epoch: DateTime<Utc>, horizon: i64) -> Option<i64> {
    let n = case.hubs.len();
    let origin_country = case.hubs[0].0;
    let max_drive = case.driving.map_or(u32::MAX, |d| d.0);
    let cap = case.driving.map_or(1, |d| d.0 as usize + 1);
    // reach[t][node][driven]
    let idx = |v: usize, d: usize| v * cap + d;
    let mut reach = vec![vec![false; n * cap]; horizon as usize + 1];
    reach[0][idx(0, 0)] = true;
    for t in 0..=horizon {
        for v in 0..n {
            for d in 0..cap {
                if !reach[t as usize][idx(v, d)] {
                    continue;
                }
                if v == case.target {
                    return Some(t);
                }
                if t < horizon {
                    reach[t as usize + 1][idx(v, d)] = true; // wait
                }
                if let Some((_, rest)) = case.driving {
                    if d > 0 && case.hubs[v].1 && t + rest as i64 <= horizon {
                        reach[(t + rest as i64) as usize][idx(v, 0)] = true;
                    }
                }
                for (k, (a, b, steps, oneway, w)) in case.links.iter().enumerate() {
                    if a == b {
                        continue;
                    }
                    for (x, y) in [(*a, *b), (*b, *a)] {
                        if x != v || (*oneway && (x, y) != (*a, *b)) {
                            continue;
                        }
                        let (cx, cy) = (case.hubs[x].0, case.hubs[y].0);
                        if cx != cy && cy != origin_country && t < case.grants[cy] {
                            continue;
                        }
                        // Link windows are in the `from` hub's local time; a
                        // hub with opening hours is left and entered only while open.
                        if !open(epoch, *w, case.hubs[*a].0, t)
                            || !open(epoch, case.hubs[x].2, cx, t)
                            || !open(epoch, case.hubs[y].2, cy, t + steps)
                        {
                            continue;
                        }
                        // Closures: never on a closed link, never leaving or
                        // reaching a closed hub.
                        if case
                            .link_closures
                            .iter()
                            .any(|&(l, s, e)| same_link(case, l, k) && t < e && t + steps > s)
                            || case.hub_closures.iter().any(|&(h, s, e)| {
                                (h == x && s <= t && t < e)
                                    || (h == y && s <= t + steps && t + steps < e)
                            })
                        {
                            continue;
                        }
                        let nd = d as u32 + *steps as u32;
                        if case.driving.is_some() && nd > max_drive {
                            continue;
                        }
                        let nd = if case.driving.is_some() {
                            nd as usize
                        } else {
                            0
                        };
                        if t + steps <= horizon {
                            reach[(t + steps) as usize][idx(y, nd)] = true;
                        }
                    }
                }
            }
        }
    }
    None
}

/// The query rules of a case: permit gates, windows and closures, as the
/// router composes them.
fn run_case(
    case: &Case,
    net: &Network,
    epoch: DateTime<Utc>,
    request: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let (g, metric) = topo_and_metric(net);
    let grants = FixedGrants(
        COUNTRIES
            .iter()
            .enumerate()
            .map(|(i, c)| (Country::parse(c).unwrap(), case.grants[i]))
            .collect(),
    );
    let driving = case.driving.map(|(m, r)| DrivingRule {
        max_drive_secs: m * STEP as u32,
        rest_secs: r * STEP as u32,
    });
    let s = g.hub_node("h0").unwrap();
    let t = g.hub_node(&format!("h{}", case.target)).unwrap();
    let gates = PermitGates::new(&g, epoch, HubIdx(0), &grants, request);
    let windows = TimeWindows::new(&g, epoch, None);
    let at = |step: i64| request + Duration::seconds(step * STEP);
    let mut list = Vec::new();
    for &(l, a, b) in &case.link_closures {
        if let Some(li) = g.link_by_id(&format!("l{l}")) {
            list.push(Closure::link(li).between(at(a), at(b)));
        }
    }
    for &(h, a, b) in &case.hub_closures {
        list.push(Closure::hub(HubIdx(h as u32)).between(at(a), at(b)));
    }
    let closures = Closures::new(&g, epoch, &list).unwrap();
    let rules = Rules::new(epoch)
        .with(&gates)
        .with(&windows)
        .with(&closures)
        .with_driving(driving);
    let bound = TargetDistances::compute(&g, &metric, t);
    let mut space = TdSpace::new();
    let got = earliest_arrival(&g, &metric, &rules, &bound, &mut space, s, t)
        .map(|p| rules.instant(p.arrival));
    // The bound is only a speed-up: plain Dijkstra gives the same answer.
    let plain = earliest_arrival(&g, &metric, &rules, &ZeroPotential, &mut space, s, t)
        .map(|p| rules.instant(p.arrival));
    assert_eq!(got, plain, "A* and Dijkstra disagree");
    got
}

fn topo_and_metric(net: &Network) -> (Topology, Metric) {
    let g = Topology::build(net);
    let m = Metric::for_load(&g, &Unconstrained);
    (g, m)
}

fn same_link(case: &Case, k: usize, l: usize) -> bool {
    // Links from a==b are skipped when building; indices stay the case's.
    k == l && case.links[k].0 != case.links[k].1
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn time_dependent_search_equals_time_expanded_reference(case in arb_case(), which in 0usize..3) {
        // Mostly a quiet January week; a third of the cases span a DST change.
        let epoch = if which == 0 { epoch() } else { dst_epochs()[which - 1] };
        let net = build(&case);
        let got = run_case(&case, &net, epoch, epoch).map(|a| (a - epoch).num_seconds());
        let horizon = 4 * 96 + 200;
        let expected = reference(&case, epoch, horizon);
        match (got, expected) {
            (Some(a), Some(e)) => prop_assert_eq!(a, e * STEP),
            (None, None) => {}
            (Some(a), None) => prop_assert!(a > horizon * STEP, "search found {a} s, reference none within horizon"),
            (None, Some(e)) => prop_assert!(false, "reference reaches at step {e}, search finds none"),
        }
    }

    #[test]
    fn later_departure_never_arrives_earlier(case in arb_case(), delay in 0i64..200, which in 0usize..2) {
        let base = dst_epochs()[which] + Duration::hours(47);
        let net = build(&case);
        // Permits requested and closures fixed at one instant; departures differ.
        let a = run_case(&case, &net, base, base);
        let b = run_case(&case, &net, base + Duration::seconds(delay * 60), base);
        if let (Some(a), Some(b)) = (a, b) {
            prop_assert!(a <= b, "departing later arrived earlier: {a} vs {b}");
        }
        if a.is_none() {
            prop_assert!(b.is_none());
        }
    }

    /// A permanent closure of a link (or hub) routes exactly as the network
    /// with that link (or hub and its links) deleted.
    #[test]
    fn permanent_closure_equals_deletion(case in arb_case(), pick in 0usize..14, hub in any::<bool>()) {
        let net = build(&case);
        let (g, metric) = topo_and_metric(&net);
        let s = g.hub_node("h0").unwrap();
        let target = format!("h{}", case.target);
        let mut cut = net.clone();
        let closure = if hub {
            let h = 1 + pick % (case.hubs.len() - 1).max(1);
            if h >= case.hubs.len() || h == case.target { return Ok(()); }
            cut.remove_hub(&format!("h{h}")).unwrap();
            Closure::hub(HubIdx(h as u32))
        } else {
            let Some(l) = g.link_by_id(&format!("l{pick}")) else { return Ok(()) };
            cut.remove_link(&format!("l{pick}")).unwrap();
            Closure::link(l)
        };
        let e = epoch();
        let closures = Closures::new(&g, e, &[closure]).unwrap();
        let rules = Rules::new(e).with(&closures);
        let mut space = TdSpace::new();
        let t = g.hub_node(&target).unwrap();
        let closed = earliest_arrival(&g, &metric, &rules, &ZeroPotential, &mut space, s, t).map(|p| p.arrival);
        let (g2, m2) = topo_and_metric(&cut);
        let (s2, t2) = (g2.hub_node("h0").unwrap(), g2.hub_node(&target).unwrap());
        let deleted = earliest_arrival(&g2, &m2, &Rules::new(e), &ZeroPotential, &mut space, s2, t2).map(|p| p.arrival);
        prop_assert_eq!(closed, deleted);
    }

    /// Routing on the shared topology with a load's metric equals routing an
    /// unconstrained load on a copy of the network with the links that load
    /// may not use deleted (same times, same distances).
    #[test]
    fn metric_equals_network_with_excluded_links_deleted(
        case in arb_case(),
        limits in proptest::collection::vec((proptest::option::of(20u16..90), proptest::option::of(3.0f64..5.0), proptest::option::of(8.0f64..14.0)), 14),
        vehicle in 0usize..19,
    ) {
        let mut net = build(&case);
        let ids: Vec<String> = net.links().map(|l| l.id.clone()).collect();
        for (i, id) in ids.iter().enumerate() {
            let (mlc, h, axle) = limits[i % limits.len()];
            net.update_link(id, |l| {
                l.limits.mlc_tracked = mlc;
                l.limits.mlc_wheeled = mlc;
                l.limits.max_height_m = h;
                l.limits.max_axle_t = axle;
                l.travel_time_min = None;
                l.speed_kmh = Some(60.0);
            }).unwrap();
        }
        let cat = VehicleCatalogue::builtin();
        let v = &cat.vehicles()[vehicle % cat.vehicles().len()];
        let Ok(load) = LoadProfile::for_group(cat, &[(v.id.as_str(), 1)], &CarriagePolicy::Road) else { return Ok(()) };
        let router = Router::new(&net, &load);
        let mut pruned = net.clone();
        for x in router.excluded_links() {
            pruned.remove_link(&x.link).unwrap();
        }
        // The pruned network keeps no link the load breaks, so the same load
        // routes on it with nothing excluded: same speed caps, same times.
        let pruned_router = Router::new(&pruned, &load);
        prop_assert!(pruned_router.excluded_links().is_empty());
        let mut space = TdSpace::new();
        let depart = epoch();
        for t in 0..case.hubs.len() {
            let req = milmob::routing::RouteRequest::new("h0", format!("h{t}"), depart);
            let a = router.route(&req, &NoPermits, &mut space).unwrap();
            let b = pruned_router.route(&req, &NoPermits, &mut space).unwrap();
            let key = |o: &milmob::routing::RouteOutcome| o.best().map(|r| (r.arrival, (r.distance_km * 1000.0).round() as i64));
            prop_assert_eq!(key(&a), key(&b), "h0 → h{}", t);
            if let Some(r) = a.best() {
                // No route uses a link the load may not use.
                for l in &r.link_path {
                    prop_assert!(router.metric().exclusion(*l).is_none());
                }
            }
        }
    }
}
