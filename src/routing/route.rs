//! A found route: a timeline of steps, totals, countries with a permit plan,
//! and the binding limits met on the way. Serialises to the documented route
//! JSON (see `docs` in the crate root and README).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::dijkstra::tail_of;
use super::earliest_arrival::{Leg, TdPath};
use super::graph::{ArcKind, RoutingGraph, NONE};
use super::permit_oracle::PermitOracle;
use super::time_rules::QueryRules;
use crate::network::{Mode, Network};

/// What a step of a route is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
    /// Rest halt of a road column (daily driving limit).
    Rest,
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
            StepKind::Rest => "rest",
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Limit name (Limits field / CSV column).
    pub limit: String,
    /// Tightest value, as text with unit.
    pub value: String,
    /// The link where it is met.
    pub link: String,
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
    /// Permit regime used.
    pub regime: String,
    /// Permits for every country entered after the origin's.
    pub permit_plan: Vec<PermitEntry>,
    /// The binding limits met on the route.
    pub binding_limits: Vec<BindingLimit>,
    /// Link ids in order.
    pub links: Vec<String>,
}

fn minutes(a: i64, b: i64) -> f64 {
    (b - a) as f64 / 60.0
}

/// Builds the public route from a replayed path.
pub(crate) fn build_route(
    g: &RoutingGraph,
    network: Option<&Network>,
    rules: &QueryRules,
    permits: &dyn PermitOracle,
    request: DateTime<Utc>,
    s: u32,
    path: &TdPath,
) -> Route {
    let t = match path.legs.last() {
        Some(Leg::Arc { arc, .. }) => g.head[*arc as usize],
        Some(Leg::Rest { node, .. }) => *node,
        None => s,
    };
    let at = |x: i64| rules.instant(x);
    let hub_of = |node: u32| g.hubs[g.node_hub[node as usize] as usize].id.clone();
    let mut steps = Vec::new();
    let mut links = Vec::new();
    let mut km_by_mode = BTreeMap::new();
    let mut countries: Vec<String> = Vec::new();
    let mut permit_plan = Vec::new();
    if let Some(c) = g.hubs[g.node_hub[s as usize] as usize].country {
        countries.push(c.code().into());
    }
    for leg in &path.legs {
        match *leg {
            Leg::Rest { node, start, end } => steps.push(Step {
                kind: StepKind::Rest,
                start: at(start),
                end: at(end),
                duration_min: minutes(start, end),
                link: None,
                hub: hub_of(node),
                to_hub: None,
                mode: None,
                distance_km: None,
                country: None,
            }),
            Leg::Arc { arc, timing } => {
                let a = arc as usize;
                let tail = tail_of(g, a);
                let head = g.head[a];
                let hub = hub_of(tail);
                let head_country = g.hubs[g.node_hub[head as usize] as usize].country;
                let tail_country = g.hubs[g.node_hub[tail as usize] as usize].country;
                if timing.permit_until > timing.ready {
                    steps.push(Step {
                        kind: StepKind::WaitPermit,
                        start: at(timing.ready),
                        end: at(timing.permit_until),
                        duration_min: minutes(timing.ready, timing.permit_until),
                        link: None,
                        hub: hub.clone(),
                        to_hub: None,
                        mode: None,
                        distance_km: None,
                        country: head_country.map(|c| c.code().to_string()),
                    });
                }
                if timing.depart > timing.permit_until {
                    steps.push(Step {
                        kind: StepKind::WaitWindow,
                        start: at(timing.permit_until),
                        end: at(timing.depart),
                        duration_min: minutes(timing.permit_until, timing.depart),
                        link: None,
                        hub: hub.clone(),
                        to_hub: None,
                        mode: None,
                        distance_km: None,
                        country: None,
                    });
                }
                let (kind, mode, link, dist) = match g.kind[a] {
                    ArcKind::Move => {
                        let m = g.node_mode[head as usize];
                        let (lid, km) = if g.link[a] != NONE {
                            let li = &g.links[g.link[a] as usize];
                            (Some(li.id.clone()), Some(li.length_km))
                        } else {
                            (None, None)
                        };
                        (StepKind::of_mode(m), Some(m), lid, km)
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
                if g.kind[a] == ArcKind::Move && head_country != tail_country {
                    if let Some(c) = head_country {
                        let code = c.code().to_string();
                        if !countries.contains(&code) {
                            countries.push(code.clone());
                            if Some(c) != rules.origin_country {
                                let grant = rules
                                    .grants
                                    .get(&c)
                                    .and_then(|g| g.as_ref().ok())
                                    .copied()
                                    .unwrap_or(timing.ready);
                                let needed_by = at(timing.ready);
                                permit_plan.push(PermitEntry {
                                    country: code,
                                    lead_time: permits.lead_time(c),
                                    request,
                                    grant: at(grant),
                                    needed_by,
                                    entry: at(timing.depart),
                                    latest_request: permits
                                        .latest_request(c, needed_by)
                                        .unwrap_or(request),
                                    delay_min: minutes(timing.ready, timing.permit_until),
                                });
                            }
                        }
                    }
                }
                let to_hub = (kind.is_movement()).then(|| hub_of(head));
                steps.push(Step {
                    kind,
                    start: at(timing.depart),
                    end: at(timing.arrive),
                    duration_min: minutes(timing.depart, timing.arrive),
                    link,
                    hub,
                    to_hub,
                    mode,
                    distance_km: dist,
                    country: None,
                });
            }
        }
    }
    let mut totals_min = BTreeMap::new();
    for st in &steps {
        *totals_min.entry(st.kind).or_insert(0.0) += st.duration_min;
    }
    let binding_limits = network
        .map(|n| binding_limits(n, &links))
        .unwrap_or_default();
    Route {
        from: hub_of(s),
        to: hub_of(t),
        depart: rules.epoch,
        arrival: at(path.arrival),
        duration_h: path.arrival as f64 / 3600.0,
        // fold from +0.0: an empty f64 sum is -0.0.
        distance_km: km_by_mode.values().fold(0.0, |a, b| a + b),
        steps,
        totals_min,
        km_by_mode,
        countries,
        regime: permits.regime(),
        permit_plan,
        binding_limits,
        links,
    }
}

/// The tightest value of every limit along the links.
pub fn binding_limits(network: &Network, links: &[String]) -> Vec<BindingLimit> {
    let mut best: BTreeMap<&'static str, (f64, String, String)> = BTreeMap::new();
    let mut offer =
        |name: &'static str, v: Option<f64>, text: String, link: &str, stricter_is_higher: bool| {
            if let Some(v) = v {
                let key = if stricter_is_higher { -v } else { v };
                let e = best
                    .entry(name)
                    .or_insert((f64::INFINITY, String::new(), String::new()));
                if key < e.0 {
                    *e = (key, text, link.to_string());
                }
            }
        };
    for id in links {
        let Some(l) = network.link(id) else { continue };
        let lim = &l.limits;
        offer(
            "mlc_tracked",
            lim.mlc_tracked.map(f64::from),
            format!("MLC {}", lim.mlc_tracked.unwrap_or(0)),
            id,
            false,
        );
        offer(
            "mlc_wheeled",
            lim.mlc_wheeled.map(f64::from),
            format!("MLC {}", lim.mlc_wheeled.unwrap_or(0)),
            id,
            false,
        );
        offer(
            "max_weight_t",
            lim.max_weight_t,
            format!("{} t", lim.max_weight_t.unwrap_or(0.0)),
            id,
            false,
        );
        offer(
            "max_axle_t",
            lim.effective_axle_t(),
            format!("{} t/axle", lim.effective_axle_t().unwrap_or(0.0)),
            id,
            false,
        );
        offer(
            "max_height_m",
            lim.max_height_m,
            format!("{} m", lim.max_height_m.unwrap_or(0.0)),
            id,
            false,
        );
        offer(
            "max_width_m",
            lim.max_width_m,
            format!("{} m", lim.max_width_m.unwrap_or(0.0)),
            id,
            false,
        );
        offer(
            "max_length_m",
            lim.max_length_m,
            format!("{} m", lim.max_length_m.unwrap_or(0.0)),
            id,
            false,
        );
        offer(
            "max_train_m",
            lim.max_train_m,
            format!("{} m", lim.max_train_m.unwrap_or(0.0)),
            id,
            false,
        );
        offer(
            "tunnel_category",
            lim.tunnel_category.map(|c| c as u8 as f64),
            format!(
                "ADR tunnel category {}",
                lim.tunnel_category
                    .map(|c| c.to_string())
                    .unwrap_or_default()
            ),
            id,
            true,
        );
    }
    best.into_iter()
        .map(|(k, (_, value, link))| BindingLimit {
            limit: k.to_string(),
            value,
            link,
        })
        .collect()
}
