//! The routing topology: built once per network, shared by every load.
//!
//! A hub gets one routing node per mode it can be moved on: a road node (the
//! hub's ground, where every movement starts and ends; node `h` is the road
//! node of hub `h`), one rail node per track gauge of the rail links at the
//! hub, and one node each for inland waterway, sea and air. Every link gives
//! a move arc per direction it may be used in; transfer arcs join a hub's
//! nodes: loading (road → mode) and unloading (mode → road) where the hub
//! declares handling for that mode, and a gauge change between two rail
//! nodes of a hub that can transship. Nothing here depends on a load: node,
//! arc and link ids are the same for every load profile, so anything
//! computed per node or arc (bounds, orderings, criticality results) can be
//! shared across profiles. What a load may use, and how long it takes, is a
//! [`Metric`](super::Metric) over this topology.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use geo::Point;

use super::ids::{ArcIdx, HubIdx, LinkIdx, NodeIdx};
use crate::country::Country;
use crate::error::Error;
use crate::network::{Capacity, DailyWindow, Limits, Mode, ModeService, Network, Operations};

/// Marks "none" in `u32` index arrays.
pub(crate) const NONE: u32 = u32::MAX;

/// Most nodes a topology built from plain arcs may have (2^26, about 67
/// million: more than the full DIMACS USA road graph).
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

/// Per-hub facts the search and the metric need.
#[derive(Debug, Clone)]
pub struct HubInfo {
    /// Hub id.
    pub id: String,
    /// Country (permits); `None` for plain arc files.
    pub country: Option<Country>,
    /// Time zone for windows and permits.
    pub tz: Tz,
    /// Local opening hours; `None` = 24/7.
    pub opening_hours: Option<DailyWindow>,
    /// Whether a road column may halt overnight here.
    pub rest_allowed: bool,
    /// Location (lon/lat, degrees), if known.
    pub location: Option<Point<f64>>,
    /// Handling per mode (indexed by [`Mode::index`]); `None` = the mode
    /// cannot be loaded or unloaded here.
    pub services: [Option<ModeService>; 5],
    /// Minutes per train to transship between rail gauges; `None` = no gauge
    /// change here.
    pub gauge_change_min: Option<f64>,
    /// How many vehicles can wait here at once; `None` = no known limit.
    pub hold_vehicles: Option<u32>,
}

/// Per-link facts the metric, the search and the route report need.
#[derive(Debug, Clone)]
pub struct LinkInfo {
    /// Link id.
    pub id: String,
    /// Mode.
    pub mode: Mode,
    /// The hub at the start.
    pub from: HubIdx,
    /// The hub at the end.
    pub to: HubIdx,
    /// Usable only from `from` to `to`.
    pub oneway: bool,
    /// Length, km.
    pub length_km: f64,
    /// Link speed, km/h (`None` = the mode's default).
    pub speed_kmh: Option<f64>,
    /// Fixed travel time, minutes (overrides length / speed).
    pub travel_time_min: Option<f64>,
    /// Load limits.
    pub limits: Limits,
    /// Entry capacity per direction; `None` = no known limit.
    pub capacity: Option<Capacity>,
    /// Entry window (local time of the `from` hub).
    pub open_hours: Option<DailyWindow>,
}

/// The load-independent routing topology of a network: dense typed ids,
/// forward and reverse CSR adjacency. Immutable and `Send + Sync`; build
/// once, share across loads, threads and queries.
#[derive(Debug, Clone)]
pub struct Topology {
    pub(crate) hubs: Vec<HubInfo>,
    hub_index: BTreeMap<String, HubIdx>,
    pub(crate) links: Vec<LinkInfo>,
    link_index: BTreeMap<String, LinkIdx>,
    pub(crate) node_hub: Vec<u32>,
    pub(crate) node_mode: Vec<Mode>,
    pub(crate) node_gauge: Vec<u16>,
    pub(crate) first_out: Vec<u32>,
    pub(crate) head: Vec<u32>,
    pub(crate) tail: Vec<u32>,
    pub(crate) kind: Vec<ArcKind>,
    /// Link of each move arc (`NONE` for transfers).
    pub(crate) link: Vec<u32>,
    /// Forward and backward arc of each link (`NONE` where not usable that way).
    link_arcs: Vec<[u32; 2]>,
    pub(crate) rev_first_out: Vec<u32>,
    /// Arcs sorted by head (reverse CSR): arc ids.
    pub(crate) rev_arc: Vec<u32>,
    /// The network's operating rules.
    pub(crate) operations: Operations,
}

/// Tag of an airfield's departure node (in the gauge slot of the node key).
const AIR_DEPARTURE: u16 = 1;
/// Tag of an airfield's arrival node.
const AIR_ARRIVAL: u16 = 2;

/// Arc under construction: (tail, head, kind, link index, direction 0/1).
type RawArc = (u32, u32, ArcKind, u32, u8);

impl Topology {
    /// Builds the topology of a network (every hub, every link, every
    /// transfer a hub offers), whatever the load.
    pub fn build(network: &Network) -> Topology {
        let mut hubs = Vec::with_capacity(network.hub_count());
        let mut hub_index = BTreeMap::new();
        for h in network.hubs() {
            hub_index.insert(h.id.clone(), HubIdx(hubs.len() as u32));
            let mut services = [None; 5];
            for (m, s) in &h.services {
                if s.handling_min.is_some() {
                    services[m.index()] = Some(*s);
                }
            }
            hubs.push(HubInfo {
                id: h.id.clone(),
                country: Some(h.country),
                tz: h.country.time_zone(),
                opening_hours: h.opening_hours,
                rest_allowed: h.allows_rest_halt(),
                location: Some(h.location),
                services,
                gauge_change_min: h.gauge_change_min,
                hold_vehicles: h.hold_vehicles,
            });
        }
        let hub_count = hubs.len() as u32;
        let mut links = Vec::with_capacity(network.link_count());
        let mut link_index = BTreeMap::new();
        for l in network.links() {
            // Invariant: `Network` keeps every link's endpoints among its hubs.
            let (a, b) = (hub_index[&l.from], hub_index[&l.to]);
            link_index.insert(l.id.clone(), LinkIdx(links.len() as u32));
            links.push(LinkInfo {
                id: l.id.clone(),
                mode: l.mode,
                from: a,
                to: b,
                oneway: l.oneway,
                length_km: l.length_km,
                speed_kmh: l.speed_kmh,
                travel_time_min: l.travel_time_min,
                limits: l.limits.clone(),
                capacity: l.capacity,
                open_hours: l.open_hours,
            });
        }
        // Direct flights between airfields within range (a sortie is one
        // flight), where the network has no air link between them.
        if let Some(max_km) = network.meta().operations.air_direct_max_km {
            let airfields: Vec<usize> = (0..hubs.len())
                .filter(|&h| hubs[h].services[Mode::Air.index()].is_some())
                .collect();
            let linked: std::collections::BTreeSet<(u32, u32)> = links
                .iter()
                .filter(|l| l.mode == Mode::Air)
                .flat_map(|l| [(l.from.0, l.to.0), (l.to.0, l.from.0)])
                .collect();
            for (i, &a) in airfields.iter().enumerate() {
                for &b in &airfields[i + 1..] {
                    if linked.contains(&(a as u32, b as u32)) {
                        continue;
                    }
                    let (Some(pa), Some(pb)) = (hubs[a].location, hubs[b].location) else {
                        continue;
                    };
                    let km = crate::network::geodesy::geodesic_km(pa, pb) * 1.02;
                    if km > max_km || !km.is_finite() {
                        continue;
                    }
                    let id = format!("AIR-DIRECT:{}:{}", hubs[a].id, hubs[b].id);
                    link_index.insert(id.clone(), LinkIdx(links.len() as u32));
                    links.push(LinkInfo {
                        id,
                        mode: Mode::Air,
                        from: HubIdx(a as u32),
                        to: HubIdx(b as u32),
                        oneway: false,
                        length_km: (km * 10.0).round() / 10.0,
                        speed_kmh: None,
                        travel_time_min: None,
                        limits: Limits::default(),
                        capacity: None,
                        open_hours: None,
                    });
                }
            }
        }
        // Non-road nodes: one per (hub, mode, gauge) that some link needs,
        // numbered after the road nodes in sorted order (deterministic).
        let gauge_of = |l: &LinkInfo| {
            if l.mode == Mode::Rail {
                l.limits.gauge_mm.unwrap_or(0)
            } else {
                0
            }
        };
        // Air: a departure and an arrival node per airfield, so that every
        // sortie is one flight between two airfields — an aircraft that
        // lands is unloaded (and loaded again to fly on).
        let mut keys: BTreeMap<(u32, Mode, u16), u32> = BTreeMap::new();
        for l in &links {
            if l.mode == Mode::Air {
                for h in [l.from, l.to] {
                    keys.insert((h.0, Mode::Air, AIR_DEPARTURE), 0);
                    keys.insert((h.0, Mode::Air, AIR_ARRIVAL), 0);
                }
            } else if l.mode != Mode::Road {
                for h in [l.from, l.to] {
                    keys.insert((h.0, l.mode, gauge_of(l)), 0);
                }
            }
        }
        let mut node_hub: Vec<u32> = (0..hub_count).collect();
        let mut node_mode = vec![Mode::Road; hub_count as usize];
        let mut node_gauge = vec![0u16; hub_count as usize];
        for (k, id) in keys.iter_mut() {
            *id = node_hub.len() as u32;
            node_hub.push(k.0);
            node_mode.push(k.1);
            node_gauge.push(k.2);
        }
        // The node a link leaves from (`leaving`) or arrives at at hub `h`.
        let node_of = |h: HubIdx, l: &LinkInfo, leaving: bool| -> u32 {
            match l.mode {
                Mode::Road => h.0,
                Mode::Air => {
                    keys[&(
                        h.0,
                        Mode::Air,
                        if leaving { AIR_DEPARTURE } else { AIR_ARRIVAL },
                    )]
                }
                m => keys[&(h.0, m, gauge_of(l))],
            }
        };
        let mut arcs: Vec<RawArc> = Vec::new();
        for (i, l) in links.iter().enumerate() {
            let ab = (node_of(l.from, l, true), node_of(l.to, l, false));
            arcs.push((ab.0, ab.1, ArcKind::Move, i as u32, 0));
            if !l.oneway {
                let ba = (node_of(l.to, l, true), node_of(l.from, l, false));
                arcs.push((ba.0, ba.1, ArcKind::Move, i as u32, 1));
            }
        }
        for (&(h, mode, tag), &n) in &keys {
            if hubs[h as usize].services[mode.index()].is_some() {
                let (load, unload) = match (mode, tag) {
                    (Mode::Air, AIR_DEPARTURE) => (true, false),
                    (Mode::Air, _) => (false, true),
                    _ => (true, true),
                };
                if load {
                    arcs.push((h, n, ArcKind::Load(mode), NONE, 0));
                }
                if unload {
                    arcs.push((n, h, ArcKind::Unload(mode), NONE, 0));
                }
            }
        }
        let rail: Vec<(u32, u16, u32)> = keys
            .iter()
            .filter(|(k, _)| k.1 == Mode::Rail)
            .map(|(k, &n)| (k.0, k.2, n))
            .collect();
        for (i, &(h, g1, n1)) in rail.iter().enumerate() {
            if hubs[h as usize].gauge_change_min.is_none() {
                continue;
            }
            for &(h2, g2, n2) in &rail[i + 1..] {
                if h2 == h && g2 != g1 {
                    arcs.push((n1, n2, ArcKind::GaugeChange, NONE, 0));
                    arcs.push((n2, n1, ArcKind::GaugeChange, NONE, 0));
                }
            }
        }
        let mut topo = Self::assemble(
            hubs, hub_index, links, link_index, node_hub, node_mode, node_gauge, arcs,
        );
        topo.operations = network.meta().operations.clone();
        topo
    }

    /// A single-mode (road) topology from plain arcs `(from, to, weight)`
    /// over nodes `0..node_count` (e.g. a DIMACS file), with the weights as
    /// its metric. Hub ids are the node numbers as text; every arc is a
    /// one-way link whose id is its position in `arcs`. Weights count as
    /// seconds for time-aware queries. Fails if an arc names a node outside
    /// `0..node_count`, a weight is absurd (more than `u32::MAX / 4`), or
    /// `node_count` exceeds [`MAX_NODES`].
    pub fn from_arcs(
        node_count: u32,
        arcs: &[(u32, u32, u32)],
    ) -> Result<(Topology, super::Metric), Error> {
        if node_count > MAX_NODES {
            return Err(Error::InvalidRequest(format!(
                "{node_count} nodes is more than the {MAX_NODES} a topology holds"
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
                services: [None; 5],
                gauge_change_min: None,
                hold_vehicles: None,
            })
            .collect();
        let hub_index = (0..node_count)
            .map(|i| (i.to_string(), HubIdx(i)))
            .collect();
        let links: Vec<LinkInfo> = arcs
            .iter()
            .enumerate()
            .map(|(i, &(a, b, w))| LinkInfo {
                id: i.to_string(),
                mode: Mode::Road,
                from: HubIdx(a),
                to: HubIdx(b),
                oneway: true,
                length_km: 0.0,
                speed_kmh: None,
                travel_time_min: Some(f64::from(w) / 60.0),
                limits: Limits::default(),
                capacity: None,
                open_hours: None,
            })
            .collect();
        let link_index = (0..arcs.len() as u32)
            .map(|i| (i.to_string(), LinkIdx(i)))
            .collect();
        let raw: Vec<RawArc> = arcs
            .iter()
            .enumerate()
            .map(|(i, &(a, b, _))| (a, b, ArcKind::Move, i as u32, 0))
            .collect();
        let node_hub: Vec<u32> = (0..node_count).collect();
        let topo = Self::assemble(
            hubs,
            hub_index,
            links,
            link_index,
            node_hub,
            vec![Mode::Road; node_count as usize],
            vec![0; node_count as usize],
            raw,
        );
        let weights: Vec<u32> = arcs.iter().map(|a| a.2).collect();
        let metric = super::Metric::from_link_weights(&topo, &weights);
        Ok((topo, metric))
    }

    /// The topology and weights of a parsed arc file (see
    /// [`Topology::from_arcs`]): one hub per node some arc uses (the file's
    /// compact indices), whose id is the node's id **in the file**
    /// ([`ArcFile::node_ids`](crate::io::dimacs::ArcFile::node_ids)), so
    /// [`Topology::hub_node`] takes and answers name the file's ids.
    pub fn from_arc_file(
        file: &crate::io::dimacs::ArcFile,
    ) -> Result<(Topology, super::Metric), Error> {
        if file.node_ids.len() != file.node_count as usize {
            return Err(Error::InvalidRequest(format!(
                "arc file lists {} node ids for {} nodes",
                file.node_ids.len(),
                file.node_count
            )));
        }
        let (mut topo, metric) = Self::from_arcs(file.node_count, &file.arcs)?;
        topo.hub_index.clear();
        for (i, (hub, id)) in topo.hubs.iter_mut().zip(&file.node_ids).enumerate() {
            hub.id = id.to_string();
            topo.hub_index.insert(hub.id.clone(), HubIdx(i as u32));
        }
        Ok((topo, metric))
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        hubs: Vec<HubInfo>,
        hub_index: BTreeMap<String, HubIdx>,
        links: Vec<LinkInfo>,
        link_index: BTreeMap<String, LinkIdx>,
        node_hub: Vec<u32>,
        node_mode: Vec<Mode>,
        node_gauge: Vec<u16>,
        mut arcs: Vec<RawArc>,
    ) -> Topology {
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
        let mut link_arcs = vec![[NONE; 2]; links.len()];
        for (i, a) in arcs.iter().enumerate() {
            if a.3 != NONE {
                link_arcs[a.3 as usize][a.4 as usize] = i as u32;
            }
        }
        let mut rev: Vec<u32> = (0..arcs.len() as u32).collect();
        rev.sort_by_key(|&i| arcs[i as usize].1);
        let mut rev_first_out = vec![0u32; n + 1];
        for a in &arcs {
            rev_first_out[a.1 as usize + 1] += 1;
        }
        for i in 0..n {
            rev_first_out[i + 1] += rev_first_out[i];
        }
        Topology {
            hubs,
            hub_index,
            links,
            link_index,
            node_hub,
            node_mode,
            node_gauge,
            first_out,
            head: arcs.iter().map(|a| a.1).collect(),
            tail: arcs.iter().map(|a| a.0).collect(),
            kind: arcs.iter().map(|a| a.2).collect(),
            link: arcs.iter().map(|a| a.3).collect(),
            link_arcs,
            rev_first_out,
            rev_arc: rev,
            operations: Operations::default(),
        }
    }

    /// The network's operating rules (defaults for arc files).
    pub fn operations(&self) -> &Operations {
        &self.operations
    }

    /// Number of hubs.
    pub fn hub_count(&self) -> usize {
        self.hubs.len()
    }

    /// Number of links.
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// Number of routing nodes.
    pub fn node_count(&self) -> usize {
        self.node_hub.len()
    }

    /// Number of arcs (moves and transfers).
    pub fn arc_count(&self) -> usize {
        self.head.len()
    }

    /// The hub with this id.
    pub fn hub_by_id(&self, id: &str) -> Option<HubIdx> {
        self.hub_index.get(id).copied()
    }

    /// The link with this id.
    pub fn link_by_id(&self, id: &str) -> Option<LinkIdx> {
        self.link_index.get(id).copied()
    }

    /// Facts of a hub. Panics if `h` is not a hub of this topology.
    pub fn hub(&self, h: HubIdx) -> &HubInfo {
        &self.hubs[h.index()]
    }

    /// Facts of a link. Panics if `l` is not a link of this topology.
    pub fn link(&self, l: LinkIdx) -> &LinkInfo {
        &self.links[l.index()]
    }

    /// The road node of a hub (where movements start and end).
    pub fn road_node(&self, h: HubIdx) -> NodeIdx {
        NodeIdx(h.0)
    }

    /// The road node of the hub with this id.
    pub fn hub_node(&self, id: &str) -> Option<NodeIdx> {
        self.hub_by_id(id).map(|h| self.road_node(h))
    }

    /// The hub a node belongs to.
    pub fn node_hub(&self, v: NodeIdx) -> HubIdx {
        HubIdx(self.node_hub[v.index()])
    }

    /// The mode of a node and, for rail nodes, its track gauge (mm).
    pub fn node_mode(&self, v: NodeIdx) -> (Mode, Option<u16>) {
        let m = self.node_mode[v.index()];
        let g = self.node_gauge[v.index()];
        (m, (m == Mode::Rail && g != 0).then_some(g))
    }

    /// The arcs leaving a node.
    pub fn out_arcs(&self, v: NodeIdx) -> impl Iterator<Item = ArcIdx> + '_ {
        (self.first_out[v.index()]..self.first_out[v.index() + 1]).map(ArcIdx)
    }

    /// The arcs entering a node.
    pub fn in_arcs(&self, v: NodeIdx) -> impl Iterator<Item = ArcIdx> + '_ {
        self.rev_arc
            [self.rev_first_out[v.index()] as usize..self.rev_first_out[v.index() + 1] as usize]
            .iter()
            .map(|&a| ArcIdx(a))
    }

    /// The node an arc leaves.
    #[inline]
    pub fn arc_tail(&self, a: ArcIdx) -> NodeIdx {
        NodeIdx(self.tail[a.index()])
    }

    /// The node an arc reaches.
    #[inline]
    pub fn arc_head(&self, a: ArcIdx) -> NodeIdx {
        NodeIdx(self.head[a.index()])
    }

    /// What an arc does.
    #[inline]
    pub fn arc_kind(&self, a: ArcIdx) -> ArcKind {
        self.kind[a.index()]
    }

    /// The link a move arc runs along (`None` for transfers).
    #[inline]
    pub fn arc_link(&self, a: ArcIdx) -> Option<LinkIdx> {
        let l = self.link[a.index()];
        (l != NONE).then_some(LinkIdx(l))
    }

    /// The arcs of a link: forward (`from` → `to`), then backward unless the
    /// link is one-way.
    pub fn link_arcs(&self, l: LinkIdx) -> impl Iterator<Item = ArcIdx> + '_ {
        self.link_arcs[l.index()]
            .into_iter()
            .filter(|&a| a != NONE)
            .map(ArcIdx)
    }

    /// Every arc as `(tail, head)`, in arc order.
    pub fn arcs(&self) -> impl Iterator<Item = (ArcIdx, NodeIdx, NodeIdx)> + '_ {
        (0..self.arc_count() as u32).map(|a| {
            (
                ArcIdx(a),
                NodeIdx(self.tail[a as usize]),
                NodeIdx(self.head[a as usize]),
            )
        })
    }

    /// Out-arc range of a node (hot loops).
    #[inline]
    pub(crate) fn out_range(&self, v: u32) -> std::ops::Range<usize> {
        self.first_out[v as usize] as usize..self.first_out[v as usize + 1] as usize
    }

    /// Reverse-CSR range of a node (positions in `rev_arc`).
    #[inline]
    pub(crate) fn in_range(&self, v: u32) -> std::ops::Range<usize> {
        self.rev_first_out[v as usize] as usize..self.rev_first_out[v as usize + 1] as usize
    }

    /// Approximate heap memory of the topology, bytes.
    pub fn heap_bytes(&self) -> usize {
        let v = |n: usize, s: usize| n * s;
        v(self.hubs.len(), std::mem::size_of::<HubInfo>())
            + v(self.links.len(), std::mem::size_of::<LinkInfo>())
            + self.hubs.iter().map(|h| h.id.len()).sum::<usize>() * 2
            + self.links.iter().map(|l| l.id.len()).sum::<usize>() * 2
            + v(self.node_hub.len(), 4 + 1 + 2)
            + v(self.head.len(), 4 * 4 + std::mem::size_of::<ArcKind>())
            + v(self.first_out.len(), 8)
            + v(self.links.len(), 8)
    }
}
