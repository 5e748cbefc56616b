//! A found route: a timeline of steps, totals, countries with a permit plan,
//! and the binding limits met on the way. Serialises to the documented route
//! JSON (see `docs` in the crate root and README).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::earliest_arrival::{Leg, TdPath};
use super::ids::{LinkIdx, NodeIdx};
use super::permit_gate::PermitGates;
use super::permit_oracle::PermitOracle;
use super::timing::{Rules, WaitCause};
use super::topology::{ArcKind, Topology};
use crate::network::{LimitKind, Mode};

/// What a step of a route is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Road movement.
    Drive,
    /// Rail movement.
    Rail,
    /// Sea or inland waterway movement.
    Sail,
    /// Air movement.
    Fly,
    /// Loading onto a mode at a hub.
    Load,
    /// Unloading from a mode at a hub.
    Unload,
    /// Transshipment between rail gauges at a hub.
    Transfer,
    /// Waiting at a hub for a permit to enter the next country.
    WaitPermit,
    /// Waiting at a hub for a time window (opening hours, night-only link).
    WaitWindow,
    /// Waiting at a hub for a closed link or hub to reopen.
    WaitClosure,
    /// Waiting at a hub for capacity (a slot on a link or at a hub service).
    WaitCapacity,
    /// Rest halt of a road column (daily driving limit).
    Rest,
    /// Waiting at a hub for a transport asset (a HET, locomotive and
    /// wagons, ship or aircraft) to arrive or be free; set by the movement
    /// planner only (a route alone has no assets).
    WaitAsset,
}

impl StepKind {
    fn of_mode(m: Mode) -> StepKind {
        match m {
            Mode::Road => StepKind::Drive,
            Mode::Rail => StepKind::Rail,
            Mode::InlandWaterway | Mode::Sea => StepKind::Sail,
            Mode::Air => StepKind::Fly,
        }
    }

    /// The spelling used in JSON, e.g. `wait_permit`.
    pub fn as_str(&self) -> &'static str {
        match self {
            StepKind::Drive => "drive",
            StepKind::Rail => "rail",
            StepKind::Sail => "sail",
            StepKind::Fly => "fly",
            StepKind::Load => "load",
            StepKind::Unload => "unload",
            StepKind::Transfer => "transfer",
            StepKind::WaitPermit => "wait_permit",
            StepKind::WaitWindow => "wait_window",
            StepKind::WaitClosure => "wait_closure",
            StepKind::WaitCapacity => "wait_capacity",
            StepKind::Rest => "rest",
            StepKind::WaitAsset => "wait_asset",
        }
    }

    /// The wait step kind for a wait cause.
    pub fn of_wait(cause: WaitCause) -> StepKind {
        match cause {
            WaitCause::Permit => StepKind::WaitPermit,
            WaitCause::Window => StepKind::WaitWindow,
            WaitCause::Closure => StepKind::WaitClosure,
            WaitCause::Capacity => StepKind::WaitCapacity,
        }
    }

    /// Whether the step moves along a link.
    pub fn is_movement(&self) -> bool {
        matches!(
            self,
            StepKind::Drive | StepKind::Rail | StepKind::Sail | StepKind::Fly
        )
    }
}

/// One step of a route's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// What happens.
    pub kind: StepKind,
    /// Start (UTC).
    pub start: DateTime<Utc>,
    /// End (UTC).
    pub end: DateTime<Utc>,
    /// Duration, minutes.
    pub duration_min: f64,
    /// Link id, for movement steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Hub id: for steps at a hub, the hub; for movements, the hub left.
    pub hub: String,
    /// For movements, the hub reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_hub: Option<String>,
    /// Mode moved on or (un)loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// Distance, km (movements).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// For permit waits: the country whose permit is awaited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// For waits and rests in a movement plan: why — `permit`, `window`,
    /// `closure`, `capacity`, `asset` or `rest` (routes alone leave it out;
    /// the step's kind says the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One country's permit on the route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PermitEntry {
    /// Country entered (ISO code).
    pub country: String,
    /// Lead time in words, e.g. `3 working days`.
    pub lead_time: String,
    /// When the request is submitted (UTC).
    pub request: DateTime<Utc>,
    /// When the permission is granted (UTC).
    pub grant: DateTime<Utc>,
    /// When the movement reaches the border and would like to cross (UTC).
    pub needed_by: DateTime<Utc>,
    /// When the movement actually enters the country (UTC).
    pub entry: DateTime<Utc>,
    /// The latest request instant that does not delay this movement (UTC).
    pub latest_request: DateTime<Utc>,
    /// Time lost waiting for this permit, minutes.
    pub delay_min: f64,
}

/// The tightest value of one limit met along a route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BindingLimit {
    /// The limit (serialised as the Limits field / CSV column).
    pub limit: LimitKind,
    /// Tightest value, as text with unit.
    pub value: String,
    /// The link where it is met.
    pub link: String,
    /// How much room the load has there, in the limit's unit (MLC classes,
    /// t, m): the link's value minus the load's; `None` where the load has
    /// no comparable value. Among the links of one limit, the one with the
    /// smallest margin is reported (the limit that shaped the route most).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
}

/// A route and its timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    /// Origin hub id.
    pub from: String,
    /// Destination hub id.
    pub to: String,
    /// Departure (UTC).
    pub depart: DateTime<Utc>,
    /// Arrival (UTC).
    pub arrival: DateTime<Utc>,
    /// Door-to-door duration, hours.
    pub duration_h: f64,
    /// Total distance moved, km.
    pub distance_km: f64,
    /// Steps in time order.
    pub steps: Vec<Step>,
    /// Minutes per step kind.
    pub totals_min: BTreeMap<StepKind, f64>,
    /// Kilometres per mode.
    pub km_by_mode: BTreeMap<Mode, f64>,
    /// Countries in the order they are visited (ISO codes).
    pub countries: Vec<String>,
    /// Borders crossed (every move between hubs of two countries counts).
    pub borders_crossed: u32,
    /// Permit regime used.
    pub regime: String,
    /// Permits for every country entered after the origin's.
    pub permit_plan: Vec<PermitEntry>,
    /// The binding limits met on the route.
    pub binding_limits: Vec<BindingLimit>,
    /// Link ids in order.
    pub links: Vec<String>,
    /// Cargo class the permits were asked for (`standard`, `oversize`,
    /// `dangerous_goods`), if permits apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cargo_class: Option<String>,
    /// The load, in words (e.g. `14× Leopard 2A6`).
    pub load: String,
    /// The links in order, as topology indices (not serialised).
    #[serde(skip)]
    pub link_path: Vec<LinkIdx>,
    /// The path as taken: arcs with their timing (seconds since `depart`)
    /// and rest halts, as topology indices (not serialised).
    #[serde(skip)]
    pub legs: Vec<Leg>,
}

fn minutes(a: i64, b: i64) -> f64 {
    (b - a) as f64 / 60.0
}

/// What a route is built from: the query's topology, rules, permit gates
/// and oracle, and the load's description.
pub(crate) struct RouteContext<'q> {
    pub topo: &'q Topology,
    pub rules: &'q Rules<'q>,
    pub gates: &'q PermitGates<'q>,
    pub permits: &'q dyn PermitOracle,
    pub request: DateTime<Utc>,
    pub load: &'q str,
    pub metric: &'q super::metric::Metric,
}

/// Builds the public route from a replayed path that starts at `s`.
pub(crate) fn build_route(cx: &RouteContext<'_>, s: NodeIdx, path: &TdPath) -> Route {
    let g = cx.topo;
    let t = match path.legs.last() {
        Some(Leg::Arc { arc, .. }) => g.arc_head(*arc),
        Some(Leg::Rest { node, .. }) => *node,
        None => s,
    };
    let at = |x: i64| cx.rules.instant(x);
    let hub_of = |node: NodeIdx| g.hub(g.node_hub(node)).id.clone();
    let country_of = |node: NodeIdx| g.hub(g.node_hub(node)).country;
    let mut steps = Vec::new();
    let mut links = Vec::new();
    let mut link_path = Vec::new();
    let mut km_by_mode = BTreeMap::new();
    let mut countries: Vec<String> = Vec::new();
    let mut permit_plan = Vec::new();
    let mut borders_crossed = 0;
    if let Some(c) = country_of(s) {
        countries.push(c.code().into());
    }
    let at_hub =
        |kind: StepKind, start: i64, end: i64, hub: String, country: Option<String>| Step {
            kind,
            start: at(start),
            end: at(end),
            duration_min: minutes(start, end),
            link: None,
            hub,
            to_hub: None,
            mode: None,
            distance_km: None,
            country,
            reason: None,
        };
    for leg in &path.legs {
        match *leg {
            Leg::Rest { node, start, end } => {
                steps.push(at_hub(StepKind::Rest, start, end, hub_of(node), None))
            }
            Leg::Arc { arc, timing } => {
                let tail = g.arc_tail(arc);
                let head = g.arc_head(arc);
                let hub = hub_of(tail);
                let (tail_country, head_country) = (country_of(tail), country_of(head));
                let mut w = timing.ready;
                for cause in WaitCause::ALL {
                    let secs = timing.wait(cause);
                    if secs > 0 {
                        let country = (cause == WaitCause::Permit)
                            .then(|| head_country.map(|c| c.code().to_string()))
                            .flatten();
                        steps.push(at_hub(
                            StepKind::of_wait(cause),
                            w,
                            w + secs,
                            hub.clone(),
                            country,
                        ));
                        w += secs;
                    }
                }
                let kind = g.arc_kind(arc);
                let (step, mode, link, dist) = match kind {
                    ArcKind::Move => {
                        let (m, _) = g.node_mode(head);
                        let li = g.arc_link(arc);
                        let info = li.map(|l| g.link(l));
                        (
                            StepKind::of_mode(m),
                            Some(m),
                            info.map(|l| l.id.clone()),
                            info.map(|l| l.length_km),
                        )
                    }
                    ArcKind::Load(m) => (StepKind::Load, Some(m), None, None),
                    ArcKind::Unload(m) => (StepKind::Unload, Some(m), None, None),
                    ArcKind::GaugeChange => (StepKind::Transfer, Some(Mode::Rail), None, None),
                };
                if let (Some(m), Some(km)) = (mode, dist) {
                    *km_by_mode.entry(m).or_insert(0.0) += km;
                }
                if let Some(l) = &link {
                    links.push(l.clone());
                }
                if let Some(li) = g.arc_link(arc) {
                    link_path.push(li);
                }
                if kind == ArcKind::Move && head_country != tail_country {
                    borders_crossed += 1;
                    if let Some(c) = head_country {
                        let code = c.code().to_string();
                        if !countries.contains(&code) {
                            countries.push(code.clone());
                            if Some(c) != cx.gates.origin_country() {
                                let grant = cx
                                    .gates
                                    .grant(c)
                                    .and_then(|g| g.as_ref().ok())
                                    .copied()
                                    .unwrap_or(timing.ready);
                                let needed_by = at(timing.ready);
                                permit_plan.push(PermitEntry {
                                    country: code,
                                    lead_time: cx.permits.lead_time(c),
                                    request: cx.request,
                                    grant: at(grant),
                                    needed_by,
                                    entry: at(timing.depart),
                                    latest_request: cx
                                        .permits
                                        .latest_request(c, needed_by)
                                        .unwrap_or(cx.request),
                                    delay_min: timing.wait(WaitCause::Permit) as f64 / 60.0,
                                });
                            }
                        }
                    }
                }
                let to_hub = step.is_movement().then(|| hub_of(head));
                steps.push(Step {
                    kind: step,
                    start: at(timing.depart),
                    end: at(timing.arrive),
                    duration_min: minutes(timing.depart, timing.arrive),
                    link,
                    hub,
                    to_hub,
                    mode,
                    distance_km: dist,
                    country: None,
                    reason: None,
                });
            }
        }
    }
    let mut totals_min = BTreeMap::new();
    for st in &steps {
        *totals_min.entry(st.kind).or_insert(0.0) += st.duration_min;
    }
    Route {
        from: hub_of(s),
        to: hub_of(t),
        depart: cx.rules.epoch,
        arrival: at(path.arrival),
        duration_h: path.arrival as f64 / 3600.0,
        // fold from +0.0: an empty f64 sum is -0.0.
        distance_km: km_by_mode.values().fold(0.0, |a, b| a + b),
        steps,
        totals_min,
        km_by_mode,
        countries,
        borders_crossed,
        regime: cx.permits.regime(),
        permit_plan,
        binding_limits: binding_limits(g, &link_path, &|m, k| cx.metric.load_value(m, k)),
        links,
        cargo_class: cx.permits.cargo_class().map(|c| c.to_string()),
        load: cx.load.to_string(),
        link_path,
        legs: path.legs.clone(),
    }
}

/// The binding value of every limit along the links (the weakest bridge,
/// lowest clearance, … met on the way), with the link where it is met and
/// the load's margin there: where `load_value(mode, kind)` knows the load's
/// own value, the link with the smallest margin; else the tightest value.
pub fn binding_limits(
    topo: &Topology,
    links: &[LinkIdx],
    load_value: &dyn Fn(Mode, LimitKind) -> Option<f64>,
) -> Vec<BindingLimit> {
    // Per kind: (has margin, key, text, link, margin).
    type Best = (bool, f64, String, String, Option<f64>);
    let mut best: BTreeMap<LimitKind, Best> = BTreeMap::new();
    let mut offer = |kind: LimitKind,
                     v: Option<f64>,
                     text: &dyn Fn() -> String,
                     link: &str,
                     stricter_is_higher: bool,
                     mode: Mode| {
        if let Some(v) = v {
            let margin = (!stricter_is_higher)
                .then(|| load_value(mode, kind))
                .flatten()
                .map(|u| ((v - u) * 1000.0).round() / 1000.0);
            let key = match margin {
                Some(m) => m,
                None if stricter_is_higher => -v,
                None => v,
            };
            let e = best.entry(kind).or_insert((
                false,
                f64::INFINITY,
                String::new(),
                String::new(),
                None,
            ));
            // A margin beats a bare value; then the smaller key wins.
            if (margin.is_some(), -key) > (e.0, -e.1) {
                *e = (margin.is_some(), key, text(), link.to_string(), margin);
            }
        }
    };
    for &li in links {
        let l = topo.link(li);
        let mode = l.mode;
        let id = l.id.as_str();
        let lim = &l.limits;
        offer(
            LimitKind::MlcTracked,
            lim.mlc_tracked.map(f64::from),
            &|| format!("MLC {}", lim.mlc_tracked.unwrap_or(0)),
            id,
            false,
            mode,
        );
        offer(
            LimitKind::MlcWheeled,
            lim.mlc_wheeled.map(f64::from),
            &|| format!("MLC {}", lim.mlc_wheeled.unwrap_or(0)),
            id,
            false,
            mode,
        );
        offer(
            LimitKind::GrossWeight,
            lim.max_weight_t,
            &|| format!("{} t", lim.max_weight_t.unwrap_or(0.0)),
            id,
            false,
            mode,
        );
        offer(
            LimitKind::Axle,
            lim.effective_axle_t(),
            &|| format!("{} t/axle", lim.effective_axle_t().unwrap_or(0.0)),
            id,
            false,
            mode,
        );
        offer(
            LimitKind::Height,
            lim.max_height_m,
            &|| format!("{} m", lim.max_height_m.unwrap_or(0.0)),
            id,
            false,
            mode,
        );
        offer(
            LimitKind::Width,
            lim.max_width_m,
            &|| format!("{} m", lim.max_width_m.unwrap_or(0.0)),
            id,
            false,
            mode,
        );
        offer(
            LimitKind::Length,
            lim.max_length_m,
            &|| format!("{} m", lim.max_length_m.unwrap_or(0.0)),
            id,
            false,
            mode,
        );
        offer(
            LimitKind::TrainLength,
            lim.max_train_m,
            &|| format!("{} m", lim.max_train_m.unwrap_or(0.0)),
            id,
            false,
            mode,
        );
        offer(
            LimitKind::TunnelCategory,
            lim.tunnel_category.map(|c| c as u8 as f64),
            &|| {
                format!(
                    "ADR tunnel category {}",
                    lim.tunnel_category
                        .map(|c| c.to_string())
                        .unwrap_or_default()
                )
            },
            id,
            true,
            mode,
        );
    }
    let mut out: Vec<BindingLimit> = best
        .into_iter()
        .map(|(k, (_, _, value, link, margin))| BindingLimit {
            limit: k,
            value,
            link,
            margin,
        })
        .collect();
    // Reported in the order of their column names.
    out.sort_by_key(|b| b.limit.as_str());
    out
}
