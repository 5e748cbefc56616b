//! The compiled routing graph: dense node ids, CSR adjacency, one per load.
//!
//! A hub gets one routing node per mode it can be moved on: a road node (the
//! hub's ground, where every movement starts and ends), one rail node per
//! track gauge present at the hub, and one node each for inland waterway,
//! sea and air. Transfer arcs join them: loading (road → mode) and unloading
//! (mode → road) take the hub's handling time for that mode and exist only
//! where the hub declares handling; a gauge change joins two rail nodes of a
//! hub that can transship. Links whose limits the load breaks are left out
//! and remembered, so a failed search can say what blocked it.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use geo::Point;

use super::landmarks::Landmarks;
use super::load_check::{Blocked, LoadCheck};
use crate::country::Country;
use crate::error::Error;
use crate::network::{DailyWindow, Mode, Network};

/// Marks "none" in u32 index arrays.
pub const NONE: u32 = u32::MAX;

/// Most nodes a routing graph built from plain arcs may have (2^26, about
/// 67 million: more than the full DIMACS USA road graph).
pub const MAX_NODES: u32 = 1 << 26;

/// What an arc does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArcKind {
    /// Move along a link on its mode.
    Move,
    /// Load onto a mode at a hub (road → mode).
    Load(Mode),
    /// Unload from a mode at a hub (mode → road).
    Unload(Mode),
    /// Transship between rail gauges at a hub.
    GaugeChange,
}

/// Per-hub facts the search needs.
#[derive(Debug, Clone)]
pub struct HubInfo {
    /// Hub id.
    pub id: String,
    /// Country (permits).
    pub country: Option<Country>,
    /// Time zone for windows and permits.
    pub tz: Tz,
    /// Local opening hours; `None` = 24/7.
    pub opening_hours: Option<DailyWindow>,
    /// Whether a road column may halt overnight here.
    pub rest_allowed: bool,
    /// Location (lon/lat), if known.
    pub location: Option<Point<f64>>,
}

/// Per-link facts the search and the route report need.
#[derive(Debug, Clone)]
pub struct LinkInfo {
    /// Link id.
    pub id: String,
    /// Mode.
    pub mode: Mode,
    /// Length, km.
    pub length_km: f64,
    /// Entry window (local time of the `from` hub).
    pub open_hours: Option<DailyWindow>,
    /// Index of the link's `from` hub (whose time zone the window uses).
    pub from_hub: u32,
}

/// A link the load cannot use, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExcludedLink {
    /// Link id.
    pub link: String,
    /// Mode of the link.
    pub mode: Mode,
    /// Every limit broken (or the mode refused).
    pub reasons: Vec<Blocked>,
}

/// An immutable routing graph compiled for one load; `Send + Sync`, shared
/// by any number of queries.
#[derive(Debug, Clone)]
pub struct RoutingGraph {
    pub(crate) hubs: Vec<HubInfo>,
    pub(crate) hub_index: BTreeMap<String, u32>,
    pub(crate) links: Vec<LinkInfo>,
    pub(crate) node_hub: Vec<u32>,
    pub(crate) node_mode: Vec<Mode>,
    pub(crate) node_gauge: Vec<u16>,
    pub(crate) road_node: Vec<u32>,
    pub(crate) first_out: Vec<u32>,
    pub(crate) head: Vec<u32>,
    pub(crate) cost: Vec<u32>,
    pub(crate) kind: Vec<ArcKind>,
    pub(crate) link: Vec<u32>,
    pub(crate) rev_first_out: Vec<u32>,
    pub(crate) rev_tail: Vec<u32>,
    pub(crate) rev_arc: Vec<u32>,
    pub(crate) excluded: Vec<ExcludedLink>,
    pub(crate) landmarks: Option<Landmarks>,
}

/// Arc under construction: (tail, head, seconds, kind, link index).
type RawArc = (u32, u32, u32, ArcKind, u32);

fn secs(minutes: f64) -> u32 {
    (minutes * 60.0).round().clamp(1.0, u32::MAX as f64 / 4.0) as u32
}

impl RoutingGraph {
    /// Compiles a network for a load: leaves out links the load may not use
    /// and applies its speed caps. Link travel time is `travel_time_min` if
    /// given, else length over the lower of link speed and the load's cap.
    pub fn compile(network: &Network, load: &dyn LoadCheck) -> RoutingGraph {
        let mut hubs = Vec::with_capacity(network.hub_count());
        let mut hub_index = BTreeMap::new();
        for h in network.hubs() {
            hub_index.insert(h.id.clone(), hubs.len() as u32);
            hubs.push(HubInfo {
                id: h.id.clone(),
                country: Some(h.country),
                tz: h.country.time_zone(),
                opening_hours: h.opening_hours,
                rest_allowed: h.allows_rest_halt(),
                location: Some(h.location),
            });
        }
        let mut nodes: BTreeMap<(u32, Mode, u16), u32> = BTreeMap::new();
        let mut node_hub = Vec::new();
        let mut node_mode = Vec::new();
        let mut node_gauge = Vec::new();
        let mut node = |hub: u32, mode: Mode, gauge: u16| -> u32 {
            *nodes.entry((hub, mode, gauge)).or_insert_with(|| {
                node_hub.push(hub);
                node_mode.push(mode);
                node_gauge.push(gauge);
                node_hub.len() as u32 - 1
            })
        };
        let road_node: Vec<u32> = (0..hubs.len() as u32)
            .map(|h| node(h, Mode::Road, 0))
            .collect();
        let mut links = Vec::new();
        let mut excluded = Vec::new();
        let mut arcs: Vec<RawArc> = Vec::new();
        for l in network.links() {
            let mut reasons = Vec::new();
            if let Err(why) = load.mode_allowed(l.mode) {
                reasons.push(Blocked {
                    limit: "mode".into(),
                    message: why,
                });
            } else {
                reasons = load.violations(l.mode, &l.limits);
            }
            if !reasons.is_empty() {
                excluded.push(ExcludedLink {
                    link: l.id.clone(),
                    mode: l.mode,
                    reasons,
                });
                continue;
            }
            let (a, b) = (hub_index[&l.from], hub_index[&l.to]);
            let gauge = if l.mode == Mode::Rail {
                l.limits.gauge_mm.unwrap_or(0)
            } else {
                0
            };
            let (na, nb) = (node(a, l.mode, gauge), node(b, l.mode, gauge));
            let minutes = match l.travel_time_min {
                Some(t) => t,
                None => {
                    let mut v = l.speed_kmh.unwrap_or_else(|| l.mode.default_speed_kmh());
                    if let Some(cap) = load.speed_cap_kmh(l.mode) {
                        v = v.min(cap);
                    }
                    l.length_km / v * 60.0
                }
            };
            let li = links.len() as u32;
            links.push(LinkInfo {
                id: l.id.clone(),
                mode: l.mode,
                length_km: l.length_km,
                open_hours: l.open_hours,
                from_hub: a,
            });
            arcs.push((na, nb, secs(minutes), ArcKind::Move, li));
            if !l.oneway {
                arcs.push((nb, na, secs(minutes), ArcKind::Move, li));
            }
        }
        // Transfer arcs at hubs, for every non-road node created above.
        let nonroad: Vec<(u32, Mode, u16, u32)> = nodes
            .iter()
            .filter(|(k, _)| k.1 != Mode::Road)
            .map(|(k, &n)| (k.0, k.1, k.2, n))
            .collect();
        let hubs_by_id: Vec<_> = network.hubs().collect();
        for &(h, mode, _gauge, n) in &nonroad {
            let hub = hubs_by_id[h as usize];
            if let Some(m) = hub.handling_min(mode) {
                let r = road_node[h as usize];
                let s = secs(m.max(0.0));
                arcs.push((r, n, s, ArcKind::Load(mode), NONE));
                arcs.push((n, r, s, ArcKind::Unload(mode), NONE));
            }
        }
        for (i, &(h, mode, g1, n1)) in nonroad.iter().enumerate() {
            if mode != Mode::Rail {
                continue;
            }
            let Some(m) = hubs_by_id[h as usize].gauge_change_min else {
                continue;
            };
            for &(h2, mode2, g2, n2) in &nonroad[i + 1..] {
                if h2 == h && mode2 == Mode::Rail && g2 != g1 {
                    let s = secs(m.max(0.0));
                    arcs.push((n1, n2, s, ArcKind::GaugeChange, NONE));
                    arcs.push((n2, n1, s, ArcKind::GaugeChange, NONE));
                }
            }
        }
        Self::assemble(
            hubs, hub_index, links, node_hub, node_mode, node_gauge, road_node, arcs, excluded,
        )
    }

    /// Builds a single-mode (road) graph from plain arcs `(from, to, weight)`
    /// over nodes `0..node_count`, e.g. a DIMACS file. Hub ids are the node
    /// numbers as text; weights are taken as seconds by time-aware queries.
    /// Fails if an arc names a node outside `0..node_count`, a weight is
    /// absurd (more than `u32::MAX / 4`), or `node_count` exceeds
    /// [`MAX_NODES`].
    pub fn from_arcs(node_count: u32, arcs: &[(u32, u32, u32)]) -> Result<RoutingGraph, Error> {
        if node_count > MAX_NODES {
            return Err(Error::InvalidRequest(format!(
                "{node_count} nodes is more than the {MAX_NODES} a routing graph holds"
            )));
        }
        if let Some((i, a)) = arcs
            .iter()
            .enumerate()
            .find(|(_, a)| a.0 >= node_count || a.1 >= node_count || a.2 > u32::MAX / 4)
        {
            return Err(Error::InvalidRequest(format!(
                "arc {i} ({} → {}, weight {}) names a node outside 0..{node_count} or has an absurd weight",
                a.0, a.1, a.2
            )));
        }
        let hubs: Vec<HubInfo> = (0..node_count)
            .map(|i| HubInfo {
                id: i.to_string(),
                country: None,
                tz: Tz::UTC,
                opening_hours: None,
                rest_allowed: false,
                location: None,
            })
            .collect();
        let hub_index = (0..node_count).map(|i| (i.to_string(), i)).collect();
        let raw: Vec<RawArc> = arcs
            .iter()
            .map(|&(a, b, w)| (a, b, w, ArcKind::Move, NONE))
            .collect();
        let node_hub: Vec<u32> = (0..node_count).collect();
        let road_node = node_hub.clone();
        Ok(Self::assemble(
            hubs,
            hub_index,
            Vec::new(),
            node_hub,
            vec![Mode::Road; node_count as usize],
            vec![0; node_count as usize],
            road_node,
            raw,
            Vec::new(),
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        hubs: Vec<HubInfo>,
        hub_index: BTreeMap<String, u32>,
        links: Vec<LinkInfo>,
        node_hub: Vec<u32>,
        node_mode: Vec<Mode>,
        node_gauge: Vec<u16>,
        road_node: Vec<u32>,
        mut arcs: Vec<RawArc>,
        excluded: Vec<ExcludedLink>,
    ) -> RoutingGraph {
        let n = node_hub.len();
        // Stable sort by tail keeps input order among a node's arcs: deterministic.
        arcs.sort_by_key(|a| a.0);
        let mut first_out = vec![0u32; n + 1];
        for a in &arcs {
            first_out[a.0 as usize + 1] += 1;
        }
        for i in 0..n {
            first_out[i + 1] += first_out[i];
        }
        let head = arcs.iter().map(|a| a.1).collect();
        let cost = arcs.iter().map(|a| a.2).collect();
        let kind = arcs.iter().map(|a| a.3).collect();
        let link = arcs.iter().map(|a| a.4).collect();
        let mut rev: Vec<(u32, u32, u32)> = arcs
            .iter()
            .enumerate()
            .map(|(i, a)| (a.1, a.0, i as u32))
            .collect();
        rev.sort_by_key(|r| r.0);
        let mut rev_first_out = vec![0u32; n + 1];
        for r in &rev {
            rev_first_out[r.0 as usize + 1] += 1;
        }
        for i in 0..n {
            rev_first_out[i + 1] += rev_first_out[i];
        }
        RoutingGraph {
            hubs,
            hub_index,
            links,
            node_hub,
            node_mode,
            node_gauge,
            road_node,
            first_out,
            head,
            cost,
            kind,
            link,
            rev_first_out,
            rev_tail: rev.iter().map(|r| r.1).collect(),
            rev_arc: rev.iter().map(|r| r.2).collect(),
            excluded,
            landmarks: None,
        }
    }

    /// Adds ALT landmark tables (`k` landmarks, 2k one-to-all searches) so
    /// static queries run as A* with landmark bounds and certify
    /// unreachable pairs at once. Worth it when many queries follow.
    pub fn with_landmarks(mut self, k: usize) -> RoutingGraph {
        self.landmarks = Some(Landmarks::build(&self, k));
        self
    }

    /// The landmark tables, if built.
    pub fn landmarks(&self) -> Option<&Landmarks> {
        self.landmarks.as_ref()
    }

    /// Number of routing nodes.
    pub fn node_count(&self) -> usize {
        self.node_hub.len()
    }

    /// Number of arcs (moves and transfers).
    pub fn arc_count(&self) -> usize {
        self.head.len()
    }

    /// The road node of a hub id (where movements start and end).
    pub fn hub_node(&self, hub_id: &str) -> Option<u32> {
        self.hub_index
            .get(hub_id)
            .map(|&h| self.road_node[h as usize])
    }

    /// The hub id of a routing node.
    pub fn node_hub_id(&self, node: u32) -> &str {
        &self.hubs[self.node_hub[node as usize] as usize].id
    }

    /// Every arc as `(tail, head, base cost in seconds or weight units)`, in
    /// CSR order (for export, comparisons with other libraries, and tests).
    pub fn arcs(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        (0..self.node_count() as u32).flat_map(move |v| {
            self.out_arcs(v)
                .map(move |a| (v, self.head[a], self.cost[a]))
        })
    }

    /// The mode of a routing node and, for rail nodes, its track gauge (mm).
    pub fn node_mode(&self, node: u32) -> (crate::network::Mode, Option<u16>) {
        let g = self.node_gauge[node as usize];
        (self.node_mode[node as usize], (g != 0).then_some(g))
    }

    /// Links left out for this load, with reasons.
    pub fn excluded_links(&self) -> &[ExcludedLink] {
        &self.excluded
    }

    /// Arc range of a node's outgoing arcs.
    #[inline]
    pub(crate) fn out_arcs(&self, node: u32) -> std::ops::Range<usize> {
        self.first_out[node as usize] as usize..self.first_out[node as usize + 1] as usize
    }

    /// Reverse arc range (arcs entering a node).
    #[inline]
    pub(crate) fn in_arcs(&self, node: u32) -> std::ops::Range<usize> {
        self.rev_first_out[node as usize] as usize..self.rev_first_out[node as usize + 1] as usize
    }
}
