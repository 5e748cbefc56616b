//! Property tests of the routing core against simple, obviously-correct
//! references: Bellman-Ford for static costs, and an exhaustive
//! time-expanded search for permit gates, time windows and the daily
//! driving limit.

use chrono::{DateTime, Duration, TimeZone, Utc};
use milmob::network::{HubKind, Limits, Mode, NetworkMeta};
use milmob::routing::{
    earliest_arrival, shortest_path, DrivingRule, NoPermits, PermitOracle, QueryRules,
    RoutingGraph, SearchSpace, TdSpace, Unconstrained,
};
use milmob::{Country, Error, Hub, Link, Network};
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
        let plain = RoutingGraph::from_arcs(n, &arcs).unwrap();
        let alt = RoutingGraph::from_arcs(n, &arcs).unwrap().with_landmarks(k);
        let reference = bellman_ford(n, &arcs, s);
        let mut sp = SearchSpace::new(n as usize);
        for t in 0..n {
            let got = shortest_path(&plain, &mut sp, s, t);
            let with_alt = shortest_path(&alt, &mut sp, s, t);
            prop_assert_eq!(with_alt.as_ref().map(|p| p.cost), reference[t as usize], "ALT");
            prop_assert_eq!(got.as_ref().map(|p| p.cost), reference[t as usize]);
            if let Some(p) = got {
                // The path is made of real arcs and costs what it claims.
                let mut sum = 0u64;
                for w in p.nodes.windows(2) {
                    let c = arcs.iter().filter(|a| a.0 == w[0] && a.1 == w[1]).map(|a| a.2 as u64).min();
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
    fn grant(&self, c: Country, request: DateTime<Utc>) -> Result<DateTime<Utc>, Error> {
        let steps = self.0.iter().find(|x| x.0 == c).map_or(0, |x| x.1);
        Ok(request + Duration::seconds(steps * STEP))
    }
    fn latest_request(&self, c: Country, needed_by: DateTime<Utc>) -> Result<DateTime<Utc>, Error> {
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
        )
            .prop_map(|(hubs, links, grants, driving, target)| Case {
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
                for (a, b, steps, oneway, w) in &case.links {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn time_dependent_search_equals_time_expanded_reference(case in arb_case(), which in 0usize..3) {
        // Mostly a quiet January week; a third of the cases span a DST change.
        let epoch = if which == 0 { epoch() } else { dst_epochs()[which - 1] };
        let net = build(&case);
        let g = RoutingGraph::compile(&net, &Unconstrained);
        let grants = FixedGrants(COUNTRIES.iter().enumerate().map(|(i, c)| (Country::parse(c).unwrap(), case.grants[i])).collect());
        let driving = case.driving.map(|(m, r)| DrivingRule { max_drive_secs: m * STEP as u32, rest_secs: r * STEP as u32 });
        let s = g.hub_node("h0").unwrap();
        let t = g.hub_node(&format!("h{}", case.target)).unwrap();
        let rules = QueryRules::new(&g, epoch, 0, &grants, epoch, driving);
        let mut space = TdSpace::new();
        let got = earliest_arrival(&g, &mut space, &rules, s, t, |_| true).map(|p| p.arrival);
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
        let g = RoutingGraph::compile(&net, &Unconstrained);
        let driving = case.driving.map(|(m, r)| DrivingRule { max_drive_secs: m * STEP as u32, rest_secs: r * STEP as u32 });
        let s = g.hub_node("h0").unwrap();
        let t = g.hub_node(&format!("h{}", case.target)).unwrap();
        let mut space = TdSpace::new();
        let grants = FixedGrants(COUNTRIES.iter().enumerate().map(|(i, c)| (Country::parse(c).unwrap(), case.grants[i])).collect());
        // Permits requested at a fixed instant; departures differ.
        let request = base;
        let early = QueryRules::new(&g, base, 0, &grants, request, driving);
        let late_epoch = base + Duration::seconds(delay * 60);
        let late = QueryRules::new(&g, late_epoch, 0, &grants, request, driving);
        let a = earliest_arrival(&g, &mut space, &early, s, t, |_| true).map(|p| early.instant(p.arrival));
        let b = earliest_arrival(&g, &mut space, &late, s, t, |_| true).map(|p| late.instant(p.arrival));
        if let (Some(a), Some(b)) = (a, b) {
            prop_assert!(a <= b, "departing later arrived earlier: {a} vs {b}");
        }
        if a.is_none() {
            prop_assert!(b.is_none());
        }
        let _ = NoPermits;
    }
}
