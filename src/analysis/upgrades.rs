//! The force-level ranking and baseline-vs-disrupted comparisons, measured
//! by re-planning the force ([`super::replan`]), never estimated.
//!
//! - **Losses**: every link a unit of the baseline plan uses and every hub
//!   it passes, closed for all time in turn: the closure hours lost and the
//!   units (vehicles) cut off. Links and hubs no unit uses are not re-planned:
//!   the baseline plan stays feasible without them.
//! - **Hotspots**: (a) links whose limits exclude some unit's load profile
//!   (MLC, weight, axle, clearance, length, tunnel category, line category,
//!   train length, out-of-gauge; not the gauge or the mode, which no
//!   upgrade of one link changes), raised to a target: the load class to
//!   the stated MLC (default 80), every other limit the link breaks to the
//!   most the excluded units need. A link is re-planned only if some unit
//!   the upgrade admits could use it to arrive earlier than planned: its
//!   static time from the origin to the link, along it and on to the
//!   destination (exact distances on the unit's metric) is below the unit's
//!   planned transit — a necessary condition for that unit to gain. The
//!   candidates that shorten some unit's static route most (then by the
//!   margin to its planned transit) are re-planned. (b) links and hub services at
//!   which units waited for capacity in the baseline plan, with the
//!   capacity scaled by a factor (default 2). Each upgrade is a network
//!   edit re-planned alone; the hours it saves are baseline closure minus
//!   upgraded closure.
//!
//! Variants are re-planned in parallel (rayon).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use serde::Serialize;

use super::disruption::{Disruptions, Event, EventKind, Upgrade};
use super::replan::{PlanSummary, Prepared, Replanner};
use crate::error::Error;
use crate::force::VehicleCatalogue;
use crate::movement::Conditions;
use crate::movement::{ForceElement, MoveOptions};
use crate::network::{LimitKind, LimitSet, Mode, Network};
use crate::permits::{Calendars, PermitRegime};
use crate::routing::{
    distances_from, Closure, HubIdx, LinkIdx, Metric, RouteChoice, StepKind, Topology, UNUSABLE,
};

/// One unit, baseline against disrupted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitDelta {
    /// Unit id.
    pub id: String,
    /// Element id.
    pub element: String,
    /// Vehicles.
    pub vehicles: u32,
    /// Baseline arrival (`None` = no route in the baseline either).
    pub baseline_arrive: Option<DateTime<Utc>>,
    /// Disrupted arrival (`None` = cut off).
    pub disrupted_arrive: Option<DateTime<Utc>>,
    /// Delay, hours (`None` unless routed in both).
    pub delay_h: Option<f64>,
    /// Routed in the baseline, not once disrupted.
    pub cut_off: bool,
}

/// Baseline against disrupted, side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The what-if's name.
    pub name: String,
    /// The events, in words.
    pub events: Vec<String>,
    /// Baseline closure, UTC.
    pub baseline_closure: DateTime<Utc>,
    /// Disrupted closure (of the units still routed), UTC.
    pub disrupted_closure: DateTime<Utc>,
    /// Baseline closure, hours after the epoch.
    pub baseline_closure_h: f64,
    /// Disrupted closure, hours after the epoch.
    pub disrupted_closure_h: f64,
    /// Disrupted minus baseline, hours (negative = earlier).
    pub closure_delta_h: f64,
    /// Units routed in the baseline and cut off once disrupted.
    pub units_cut_off: Vec<String>,
    /// Their vehicles.
    pub vehicles_cut_off: u32,
    /// Units arriving later than in the baseline.
    pub units_delayed: usize,
    /// Largest delay of a unit, hours.
    pub max_delay_h: f64,
    /// Unit-hours by cause, baseline.
    pub baseline_time_by_cause: BTreeMap<String, f64>,
    /// Unit-hours by cause, disrupted.
    pub disrupted_time_by_cause: BTreeMap<String, f64>,
    /// Every unit, in the baseline's planning order (then units routed only
    /// once disrupted).
    pub units: Vec<UnitDelta>,
    /// The baseline plan.
    pub baseline: PlanSummary,
    /// The disrupted plan.
    pub disrupted: PlanSummary,
}

/// Compares a baseline plan with a disrupted one.
pub fn compare(
    name: &str,
    events: &[Event],
    baseline: PlanSummary,
    disrupted: PlanSummary,
) -> Comparison {
    let arrive: BTreeMap<&str, DateTime<Utc>> = disrupted
        .units
        .iter()
        .map(|u| (u.id.as_str(), u.arrive))
        .collect();
    let mut units = Vec::new();
    let (mut cut, mut cut_vehicles, mut delayed, mut max_delay) = (Vec::new(), 0, 0, 0.0f64);
    for u in &baseline.units {
        let d = arrive.get(u.id.as_str()).copied();
        let delay = d.map(|d| (d - u.arrive).num_seconds() as f64 / 3600.0);
        if d.is_none() {
            cut.push(u.id.clone());
            cut_vehicles += u.vehicles;
        }
        if let Some(x) = delay {
            if x > 0.0 {
                delayed += 1;
            }
            max_delay = max_delay.max(x);
        }
        units.push(UnitDelta {
            id: u.id.clone(),
            element: u.element.clone(),
            vehicles: u.vehicles,
            baseline_arrive: Some(u.arrive),
            disrupted_arrive: d,
            delay_h: delay,
            cut_off: d.is_none(),
        });
    }
    for u in &disrupted.units {
        if !baseline.units.iter().any(|b| b.id == u.id) {
            units.push(UnitDelta {
                id: u.id.clone(),
                element: u.element.clone(),
                vehicles: u.vehicles,
                baseline_arrive: None,
                disrupted_arrive: Some(u.arrive),
                delay_h: None,
                cut_off: false,
            });
        }
    }
    Comparison {
        name: name.to_string(),
        events: events.iter().map(Event::describe).collect(),
        baseline_closure: baseline.closure_time,
        disrupted_closure: disrupted.closure_time,
        baseline_closure_h: baseline.closure_h,
        disrupted_closure_h: disrupted.closure_h,
        closure_delta_h: disrupted.closure_h - baseline.closure_h,
        units_cut_off: cut,
        vehicles_cut_off: cut_vehicles,
        units_delayed: delayed,
        max_delay_h: max_delay,
        baseline_time_by_cause: baseline.time_by_cause.clone(),
        disrupted_time_by_cause: disrupted.time_by_cause.clone(),
        units,
        baseline,
        disrupted,
    }
}

/// Plans a force under a disruption file and compares it with the
/// baseline: permanent edits on a copy of the network, closures and
/// time-bounded capacity reductions in the re-planner.
#[allow(clippy::too_many_arguments)]
pub fn what_if(
    network: &Network,
    catalogue: &VehicleCatalogue,
    regime: &PermitRegime,
    calendars: &Calendars,
    options: &MoveOptions,
    force: &[ForceElement],
    disruptions: &Disruptions,
) -> Result<Comparison, Error> {
    let base = Replanner::new(network, catalogue, regime, calendars, options);
    let prepared = base.prepare(force)?;
    let edited = disruptions.edited_network(network);
    let (baseline, disrupted) = rayon::join(
        || base.plan(&prepared, &Conditions::default()),
        || {
            let rp = Replanner::new(&edited, catalogue, regime, calendars, options);
            let p = rp.prepare(force)?;
            let d = disruptions.resolve(rp.topology(), &edited, p.epoch());
            rp.plan(&p, &d)
        },
    );
    Ok(compare(
        &disruptions.name,
        &disruptions.events,
        baseline?,
        disrupted?,
    ))
}

/// What the ranking does.
#[derive(Clone, Copy)]
pub struct RankOptions<'p> {
    /// Load class an MLC upgrade raises a link to (wheeled and tracked).
    pub target_mlc: u16,
    /// Factor a binding capacity is scaled by.
    pub capacity_factor: f64,
    /// Most limit hotspots re-planned (the best by the screening margin).
    pub max_limit_candidates: usize,
    /// Most capacity hotspots re-planned (the most waited at).
    pub max_capacity_candidates: usize,
    /// Plan the baseline and every variant as the movement planner does
    /// (every ordering, the improvement round) instead of in the ordering
    /// and route choice that won the full plan, without an improvement
    /// round (about 4–8× the time).
    pub all_orderings: bool,
    /// Called with (done, total) re-plans (from several threads).
    pub progress: Option<&'p (dyn Fn(u64, u64) + Sync)>,
}

impl Default for RankOptions<'_> {
    fn default() -> Self {
        RankOptions {
            target_mlc: 80,
            capacity_factor: 2.0,
            max_limit_candidates: 16,
            max_capacity_candidates: 8,
            all_orderings: false,
            progress: None,
        }
    }
}

/// A link or hub lost for all time, re-planned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LossRow {
    /// `link` or `hub`.
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Its mode (links).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// Units of the baseline plan using it.
    pub units_using: usize,
    /// Closure hours lost (closure of the units still routed minus the
    /// baseline's; can be negative when cut-off units no longer count).
    pub closure_h_lost: f64,
    /// Units cut off (no route without it).
    pub units_cut_off: usize,
    /// Units routed in the baseline.
    pub units_total: usize,
    /// Their vehicles.
    pub vehicles_cut_off: u32,
    /// Vehicle-hours of delay summed over the units still routed.
    pub vehicle_hours_delay: f64,
    /// Link geometry end points (lon, lat), for maps.
    #[serde(skip)]
    pub ends: Option<[(f64, f64); 2]>,
}

/// An upgrade re-planned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hotspot {
    /// `limit` (limits exclude the force's profile) or `capacity` (capacity binds).
    pub reason: String,
    /// `link` or `hub`.
    pub kind: String,
    /// Link or hub id.
    pub id: String,
    /// Mode (links).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// What binds, e.g. `mlc_tracked 50 < 72`, or `units waited 14.2 h`.
    pub binds: Vec<String>,
    /// The upgrade, in words (e.g. `MLC 80`, `capacity × 2 (8 → 16 per hour)`).
    pub upgrade: String,
    /// The upgrade as a disruption event (for a what-if file).
    pub event: Event,
    /// Closure hours the upgrade saves (baseline minus upgraded closure).
    pub hours_saved: f64,
    /// Units routed once upgraded that were not before.
    pub units_gained: i64,
    /// Screening figure: the most a unit's static route shortens, hours
    /// (limit hotspots), or the unit-hours waited there (capacity hotspots).
    pub screen_h: f64,
    /// Link end points (lon, lat), for maps.
    #[serde(skip)]
    pub ends: Option<[(f64, f64); 2]>,
}

/// The force-level ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranking {
    /// The baseline plan's closure, UTC.
    pub baseline_closure: DateTime<Utc>,
    /// Hours after the epoch.
    pub baseline_closure_h: f64,
    /// Units without a route in the baseline.
    pub baseline_unrouted: usize,
    /// Links lost, worst first (units cut off, then hours lost, then
    /// vehicle-hours of delay).
    pub links: Vec<LossRow>,
    /// Hubs lost, worst first.
    pub hubs: Vec<LossRow>,
    /// Upgrades, most hours saved first.
    pub hotspots: Vec<Hotspot>,
    /// Excluding links considered for limit upgrades (before screening).
    pub limit_links_considered: usize,
    /// Re-plans made (baseline included).
    pub replans: usize,
    /// Orderings each variant was planned with (the baseline tries the
    /// movement options' orderings; variants, by default, the one that won).
    pub variant_orderings: Vec<String>,
    /// The baseline plan.
    pub baseline: PlanSummary,
}

/// Limit kinds an upgrade of one link can lift.
fn upgradable(k: LimitKind) -> bool {
    !matches!(k, LimitKind::Gauge | LimitKind::Mode)
}

/// The upgrade of a link that lifts the `kinds` it breaks for loads whose
/// values are `need` (MLC to `target_mlc` at least).
fn upgrade_for(kinds: LimitSet, need: &BTreeMap<LimitKind, f64>, target_mlc: u16) -> Upgrade {
    let mut u = Upgrade::default();
    // The most the excluded loads need, rounded up to 0.1.
    let v = |k: LimitKind| need.get(&k).map(|x| (x * 10.0).ceil() / 10.0);
    for k in kinds.iter() {
        match k {
            // The stated target: a link it does not open is no candidate.
            LimitKind::MlcWheeled | LimitKind::MlcTracked => u.mlc = Some(target_mlc),
            LimitKind::GrossWeight => u.max_weight_t = v(k),
            LimitKind::Axle => u.max_axle_t = v(k),
            LimitKind::Height => u.max_height_m = v(k),
            LimitKind::Width => u.max_width_m = v(k),
            LimitKind::Length => u.max_length_m = v(k),
            LimitKind::TrainLength => u.max_train_m = v(k),
            LimitKind::TunnelCategory => {
                u.tunnel_category = Some(crate::network::TunnelCategory::A)
            }
            LimitKind::LineCategory => u.line_category = "E6".parse().ok(),
            LimitKind::OutOfGauge => u.out_of_gauge = Some(true),
            LimitKind::Gauge | LimitKind::Mode => {}
        }
    }
    u
}

/// The end points (lon, lat) of a link, for maps.
fn link_ends(topo: &Topology, l: LinkIdx) -> Option<[(f64, f64); 2]> {
    let info = topo.link(l);
    let a = topo.hub(info.from).location?;
    let b = topo.hub(info.to).location?;
    Some([(a.x(), a.y()), (b.x(), b.y())])
}

/// A variant to re-plan.
enum Variant {
    Lose(Closure),
    Upgrade(Event),
}

/// Ranks links, hubs and upgrades for a force by re-planning it.
#[allow(clippy::too_many_arguments)]
pub fn rank(
    network: &Network,
    catalogue: &VehicleCatalogue,
    regime: &PermitRegime,
    calendars: &Calendars,
    options: &MoveOptions,
    force: &[ForceElement],
    opts: &RankOptions<'_>,
) -> Result<Ranking, Error> {
    // How every plan of the ranking is made, the baseline's and the
    // variants' alike (so that a difference comes from the variant alone):
    // by default in the ordering that won the full plan, with its route
    // choice and no improvement round; with `all_orderings`, as the movement
    // planner plans.
    let variant_options = if opts.all_orderings {
        options.clone()
    } else {
        let full = Replanner::new(network, catalogue, regime, calendars, options);
        let fp = full.prepare(force)?;
        let fb = full.baseline(&fp)?;
        let strict = fb.run.plan.route_choice == "strict_earliest";
        MoveOptions {
            orderings: vec![fb.ordering],
            improvement_rounds: 0,
            choice: RouteChoice {
                strict_earliest: strict || options.choice.strict_earliest,
                ..options.choice
            },
            ..options.clone()
        }
    };
    let rp = Replanner::new(network, catalogue, regime, calendars, &variant_options);
    let prepared = rp.prepare(force)?;
    let base = rp.baseline(&prepared)?;
    let baseline = base.summary.clone();
    let orderings = variant_options.orderings.clone();
    let topo = rp.topology();
    // Losses: what the baseline uses.
    let mut link_use: BTreeMap<LinkIdx, usize> = BTreeMap::new();
    let mut hub_use: BTreeMap<HubIdx, usize> = BTreeMap::new();
    for u in &baseline.units {
        let mut ls = u.link_path.clone();
        ls.sort();
        ls.dedup();
        for l in ls {
            *link_use.entry(l).or_default() += 1;
        }
        let mut hs = u.hub_path.clone();
        hs.sort();
        hs.dedup();
        for h in hs {
            *hub_use.entry(h).or_default() += 1;
        }
    }
    let mut variants: Vec<Variant> = Vec::new();
    variants.extend(link_use.keys().map(|&l| Variant::Lose(Closure::link(l))));
    variants.extend(hub_use.keys().map(|&h| Variant::Lose(Closure::hub(h))));
    // Limit hotspots.
    let (limit, considered) = limit_candidates(&rp, &prepared, &baseline, opts);
    let limit_screen: BTreeMap<String, (f64, Vec<String>)> = limit
        .iter()
        .map(|c| (c.0.id.clone(), (c.1, c.2.clone())))
        .collect();
    variants.extend(limit.into_iter().map(|c| Variant::Upgrade(c.0)));
    // Capacity hotspots.
    let cap = capacity_candidates(&rp, &baseline, opts);
    let cap_screen: BTreeMap<String, (f64, Vec<String>)> = cap
        .iter()
        .map(|c| (c.0.id.clone(), (c.1, c.2.clone())))
        .collect();
    variants.extend(cap.into_iter().map(|c| Variant::Upgrade(c.0)));
    let total = variants.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let plans: Vec<Result<PlanSummary, Error>> = variants
        .par_iter()
        .map(|v| {
            let r = match v {
                Variant::Lose(c) => rp.plan_from(
                    &prepared,
                    &base,
                    &Conditions {
                        closures: vec![*c],
                        reductions: Vec::new(),
                    },
                    &orderings,
                ),
                Variant::Upgrade(e) => {
                    let d = Disruptions {
                        name: e.id.clone(),
                        description: String::new(),
                        sources: Vec::new(),
                        events: vec![e.clone()],
                    };
                    let net = d.edited_network(network);
                    let rp2 = Replanner::new(&net, catalogue, regime, calendars, &variant_options);
                    rp2.prepare(force)
                        .and_then(|p| rp2.plan(&p, &Conditions::default()))
                }
            };
            if let Some(p) = opts.progress {
                let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                p(k, total);
            }
            r
        })
        .collect();
    let base_arrive: BTreeMap<&str, (DateTime<Utc>, u32)> = baseline
        .units
        .iter()
        .map(|u| (u.id.as_str(), (u.arrive, u.vehicles)))
        .collect();
    let mut links = Vec::new();
    let mut hubs = Vec::new();
    let mut hotspots = Vec::new();
    for (v, plan) in variants.iter().zip(plans) {
        let plan = plan?;
        let routed: BTreeMap<&str, DateTime<Utc>> = plan
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.arrive))
            .collect();
        match v {
            Variant::Lose(c) => {
                let (mut cut, mut cut_v, mut vh) = (0, 0, 0.0);
                for (id, (t, n)) in &base_arrive {
                    match routed.get(id) {
                        None => {
                            cut += 1;
                            cut_v += n;
                        }
                        Some(a) => {
                            vh += f64::from(*n) * (*a - *t).num_seconds().max(0) as f64 / 3600.0
                        }
                    }
                }
                let (kind, id, mode, using, ends) = match c.target {
                    crate::routing::ClosureTarget::Link(l) => (
                        "link",
                        topo.link(l).id.clone(),
                        Some(topo.link(l).mode),
                        link_use[&l],
                        link_ends(topo, l),
                    ),
                    crate::routing::ClosureTarget::Hub(h) => (
                        "hub",
                        topo.hub(h).id.clone(),
                        None,
                        hub_use[&h],
                        topo.hub(h).location.map(|p| [(p.x(), p.y()); 2]),
                    ),
                };
                let row = LossRow {
                    kind: kind.into(),
                    id,
                    mode,
                    units_using: using,
                    closure_h_lost: plan.closure_h - baseline.closure_h,
                    units_cut_off: cut,
                    units_total: base_arrive.len(),
                    vehicles_cut_off: cut_v,
                    vehicle_hours_delay: vh,
                    ends,
                };
                if kind == "link" {
                    links.push(row);
                } else {
                    hubs.push(row);
                }
            }
            Variant::Upgrade(e) => {
                let (reason, kind, id, mode, ends) = match &e.kind {
                    EventKind::LinkUpgrade { link, .. } | EventKind::LinkCapacity { link, .. } => {
                        let l = topo.link_by_id(link).expect("candidate link");
                        (
                            if matches!(e.kind, EventKind::LinkUpgrade { .. }) {
                                "limit"
                            } else {
                                "capacity"
                            },
                            "link",
                            link.clone(),
                            Some(topo.link(l).mode),
                            link_ends(topo, l),
                        )
                    }
                    EventKind::HubCapacity { hub, .. } => {
                        let h = topo.hub_by_id(hub).expect("candidate hub");
                        (
                            "capacity",
                            "hub",
                            hub.clone(),
                            None,
                            topo.hub(h).location.map(|p| [(p.x(), p.y()); 2]),
                        )
                    }
                    _ => unreachable!("only upgrades are ranked"),
                };
                let screen = if reason == "limit" {
                    limit_screen.get(&e.id)
                } else {
                    cap_screen.get(&e.id)
                };
                let (screen_h, binds) = screen.cloned().unwrap_or_default();
                let upgrade = match &e.kind {
                    EventKind::LinkUpgrade { limits, .. } => limits.describe(),
                    EventKind::LinkCapacity { link, factor } => {
                        let cap = network.link(link).and_then(|l| l.capacity);
                        match cap {
                            Some(c) => format!(
                                "capacity × {factor} ({} → {} per {})",
                                c.units,
                                c.units * factor,
                                c.per
                            ),
                            None => format!("capacity × {factor}"),
                        }
                    }
                    EventKind::HubCapacity { factor, .. } => {
                        format!("handling capacity × {factor}")
                    }
                    _ => String::new(),
                };
                hotspots.push(Hotspot {
                    reason: reason.into(),
                    kind: kind.into(),
                    id,
                    mode,
                    binds,
                    upgrade,
                    event: e.clone(),
                    hours_saved: baseline.closure_h - plan.closure_h,
                    units_gained: baseline.unrouted.len() as i64 - plan.unrouted.len() as i64,
                    screen_h,
                    ends,
                });
            }
        }
    }
    let worst = |a: &LossRow, b: &LossRow| {
        b.units_cut_off
            .cmp(&a.units_cut_off)
            .then(b.closure_h_lost.total_cmp(&a.closure_h_lost))
            .then(b.vehicle_hours_delay.total_cmp(&a.vehicle_hours_delay))
            .then(a.id.cmp(&b.id))
    };
    links.sort_by(worst);
    hubs.sort_by(worst);
    hotspots.sort_by(|a, b| {
        b.units_gained
            .cmp(&a.units_gained)
            .then(b.hours_saved.total_cmp(&a.hours_saved))
            .then(b.screen_h.total_cmp(&a.screen_h))
            .then(a.id.cmp(&b.id))
    });
    Ok(Ranking {
        baseline_closure: baseline.closure_time,
        baseline_closure_h: baseline.closure_h,
        baseline_unrouted: baseline.unrouted.len(),
        links,
        hubs,
        hotspots,
        limit_links_considered: considered,
        replans: variants.len() + 1,
        variant_orderings: orderings.iter().map(|o| o.as_str().to_string()).collect(),
        baseline,
    })
}

/// Limit-upgrade candidates: (event, screening margin h, what binds),
/// best margin first, at most `opts.max_limit_candidates`; and how many
/// excluding links were considered.
fn limit_candidates(
    rp: &Replanner<'_>,
    p: &Prepared<'_>,
    baseline: &PlanSummary,
    opts: &RankOptions<'_>,
) -> (Vec<(Event, f64, Vec<String>)>, usize) {
    let topo = rp.topology();
    let transit: BTreeMap<&str, i64> = baseline
        .units
        .iter()
        .map(|u| (u.id.as_str(), (u.arrive - u.depart).num_seconds()))
        .collect();
    // Per link: kinds broken (upgradable), needs, binds text, best margin.
    struct Cand {
        kinds: LimitSet,
        need: BTreeMap<LimitKind, f64>,
        binds: Vec<String>,
        units: Vec<usize>,
    }
    let mut cands: BTreeMap<LinkIdx, Cand> = BTreeMap::new();
    for (i, _) in p.units().iter().enumerate() {
        let metric = p.router(i).metric();
        for x in metric.excluded_links() {
            if !x.reasons.iter().all(|r| upgradable(r.limit)) {
                continue;
            }
            let c = cands.entry(x.index).or_insert_with(|| Cand {
                kinds: LimitSet::EMPTY,
                need: BTreeMap::new(),
                binds: Vec::new(),
                units: Vec::new(),
            });
            for r in &x.reasons {
                c.kinds.insert(r.limit);
                if let Some(v) = metric.load_value(x.mode, r.limit) {
                    let e = c.need.entry(r.limit).or_insert(v);
                    *e = e.max(v);
                }
                let b = format!("{} {}", r.limit, r.link_value);
                if !c.binds.iter().any(|x| x.starts_with(&b)) {
                    c.binds.push(format!("{b} excludes {}", r.load_value));
                }
            }
            c.units.push(i);
        }
    }
    let considered = cands.len();
    // Screening per candidate: the best margin over units the upgrade admits.
    let mut forward_of: BTreeMap<(usize, String), Vec<u64>> = BTreeMap::new();
    let mut relaxed_of: BTreeMap<usize, Metric> = BTreeMap::new();
    let router_key = |i: usize| p.router(i).metric() as *const Metric as usize;
    let mut out = Vec::new();
    for (&l, c) in &cands {
        let up = upgrade_for(c.kinds, &c.need, opts.target_mlc);
        let mut limits = topo.link(l).limits.clone();
        up.apply(&mut limits);
        let mode = topo.link(l).mode;
        // (static gain h, margin h) of the best unit.
        let mut best: Option<(f64, f64)> = None;
        for &i in &c.units {
            let u = &p.units()[i];
            if !u.load.allows(mode, &limits) {
                continue;
            }
            let Some(&planned) = transit.get(u.id.as_str()) else {
                continue;
            };
            let metric = p.router(i).metric();
            let key = router_key(i);
            let relaxed = relaxed_of
                .entry(key)
                .or_insert_with(|| metric.relaxed(LimitSet::all()));
            let fwd = forward_of
                .entry((key, u.origin.clone()))
                .or_insert_with(|| {
                    distances_from(
                        topo,
                        metric,
                        &[topo.hub_node(&u.origin).expect("known hub")],
                    )
                });
            let bwd = p.bound(i);
            let alone = bwd
                .distance(topo.hub_node(&u.origin).expect("known hub"))
                .map_or(i64::MAX / 4, |x| x as i64);
            for a in topo.link_arcs(l) {
                let (ta, ha) = (topo.arc_tail(a), topo.arc_head(a));
                let (Some(back), c) = (bwd.distance(ha), relaxed.cost(a)) else {
                    continue;
                };
                let f = fwd[ta.index()];
                if f == u64::MAX || c == UNUSABLE {
                    continue;
                }
                let through = f + u64::from(c) + back;
                let margin = (planned - through as i64) as f64 / 3600.0;
                let gain = (alone - through as i64) as f64 / 3600.0;
                if margin > 0.0 && best.is_none_or(|b| (gain, margin) > b) {
                    best = Some((gain, margin));
                }
            }
        }
        if let Some((g, m)) = best {
            let event = Event {
                id: format!("upgrade-{}", topo.link(l).id),
                kind: EventKind::LinkUpgrade {
                    link: topo.link(l).id.clone(),
                    limits: up,
                },
                from: None,
                until: None,
                note: String::new(),
            };
            let mut binds = c.binds.clone();
            binds.push(format!(
                "static route {g:+.1} h, {m:.1} h under the planned transit"
            ));
            out.push((event, g, m, binds));
        }
    }
    out.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.2.total_cmp(&a.2))
            .then(a.0.id.cmp(&b.0.id))
    });
    out.truncate(opts.max_limit_candidates);
    let out = out.into_iter().map(|(e, g, _, b)| (e, g, b)).collect();
    (out, considered)
}

/// Capacity candidates: links entered and hub services used right after a
/// capacity wait in the baseline, most unit-hours waited first.
fn capacity_candidates(
    rp: &Replanner<'_>,
    baseline: &PlanSummary,
    opts: &RankOptions<'_>,
) -> Vec<(Event, f64, Vec<String>)> {
    let net = rp.network();
    // (kind, id) → hours waited, units.
    let mut waited: BTreeMap<(bool, String), (f64, usize)> = BTreeMap::new();
    for u in &baseline.units {
        let steps = &u.steps;
        for (k, s) in steps.iter().enumerate() {
            if s.kind != StepKind::WaitCapacity || s.duration_min <= 0.0 {
                continue;
            }
            // The next non-wait step is what the unit waited for.
            let Some(next) = steps[k + 1..].iter().find(|x| {
                !matches!(
                    x.kind,
                    StepKind::WaitCapacity
                        | StepKind::WaitPermit
                        | StepKind::WaitWindow
                        | StepKind::WaitClosure
                        | StepKind::Rest
                )
            }) else {
                continue;
            };
            let key = match (&next.link, next.kind) {
                (Some(l), _) => (true, l.clone()),
                (None, StepKind::Load | StepKind::Unload | StepKind::Transfer) => {
                    (false, next.hub.clone())
                }
                _ => continue,
            };
            let e = waited.entry(key).or_default();
            e.0 += s.duration_min / 60.0;
            e.1 += 1;
        }
    }
    let mut out: Vec<(Event, f64, Vec<String>)> = waited
        .into_iter()
        .filter(|(k, _)| {
            if k.0 {
                net.link(&k.1).is_some_and(|l| l.capacity.is_some())
            } else {
                net.hub(&k.1).is_some()
            }
        })
        .map(|((is_link, id), (h, n))| {
            let f = opts.capacity_factor;
            let kind = if is_link {
                EventKind::LinkCapacity {
                    link: id.clone(),
                    factor: f,
                }
            } else {
                EventKind::HubCapacity {
                    hub: id.clone(),
                    factor: f,
                }
            };
            let event = Event {
                id: format!("capacity-{id}"),
                kind,
                from: None,
                until: None,
                note: String::new(),
            };
            (
                event,
                h,
                vec![format!("{n} unit(s) waited {h:.1} h for capacity")],
            )
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    out.truncate(opts.max_capacity_candidates);
    out
}
