//! "No route" is an answer: which constraints disconnect origin and
//! destination, and what minimal relaxation would connect them.

use std::collections::BTreeSet;

use serde::Serialize;

use super::dijkstra::shortest_path;
use super::graph::{RoutingGraph, NONE};
use super::load_check::{Blocked, LoadCheck};
use super::search_space::SearchSpace;
use crate::network::{Limits, Mode, Network};

/// One way to connect origin and destination by relaxing one kind of limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relaxation {
    /// The limits relaxed (Limits field names, or `mode`).
    pub limits: Vec<String>,
    /// The links on the best route found with the relaxation that break those limits.
    pub blocking_links: Vec<String>,
    /// Human explanation.
    pub message: String,
    /// Modes the relaxed route uses.
    pub modes: Vec<Mode>,
}

/// Why no route exists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoRoute {
    /// Origin hub id.
    pub from: String,
    /// Destination hub id.
    pub to: String,
    /// The main reason, in words.
    pub reason: String,
    /// Relaxations that would connect origin and destination (one limit kind
    /// each first; a combined relaxation if no single one suffices).
    pub relaxations: Vec<Relaxation>,
}

/// A load with some limit kinds ignored.
struct Relaxed<'a> {
    inner: &'a dyn LoadCheck,
    ignore: BTreeSet<String>,
}

impl LoadCheck for Relaxed<'_> {
    fn mode_allowed(&self, mode: Mode) -> Result<(), String> {
        if self.ignore.contains("mode") {
            Ok(())
        } else {
            self.inner.mode_allowed(mode)
        }
    }
    fn violations(&self, mode: Mode, limits: &Limits) -> Vec<Blocked> {
        self.inner
            .violations(mode, limits)
            .into_iter()
            .filter(|b| !self.ignore.contains(&b.limit))
            .collect()
    }
    fn speed_cap_kmh(&self, mode: Mode) -> Option<f64> {
        self.inner.speed_cap_kmh(mode)
    }
    fn describe(&self) -> String {
        self.inner.describe()
    }
}

fn path_modes_and_links(g: &RoutingGraph, arcs: &[u32]) -> (Vec<Mode>, Vec<String>) {
    let mut modes = BTreeSet::new();
    let mut links = Vec::new();
    for &a in arcs {
        if g.link[a as usize] != NONE {
            let li = &g.links[g.link[a as usize] as usize];
            modes.insert(li.mode);
            if links.last() != Some(&li.id) {
                links.push(li.id.clone());
            }
        }
    }
    (modes.into_iter().collect(), links)
}

fn try_relax(
    network: &Network,
    base: &RoutingGraph,
    load: &dyn LoadCheck,
    ignore: BTreeSet<String>,
    from: &str,
    to: &str,
) -> Option<Relaxation> {
    let relaxed = Relaxed {
        inner: load,
        ignore: ignore.clone(),
    };
    let g = RoutingGraph::compile(network, &relaxed);
    let (s, t) = (g.hub_node(from)?, g.hub_node(to)?);
    let mut sp = SearchSpace::new(g.node_count());
    let p = shortest_path(&g, &mut sp, s, t)?;
    let (modes, links) = path_modes_and_links(&g, &p.arcs);
    let mut blocking = Vec::new();
    let mut details = Vec::new();
    for id in &links {
        if let Some(x) = base.excluded_links().iter().find(|x| &x.link == id) {
            blocking.push(id.clone());
            for r in x.reasons.iter().filter(|r| ignore.contains(&r.limit)) {
                details.push(format!("{id}: {}", r.message));
            }
        }
    }
    if blocking.is_empty() {
        // The relaxed route uses no link the relaxation frees: it is not why.
        return None;
    }
    let limits: Vec<String> = ignore.into_iter().collect();
    let mode_names: Vec<&str> = modes.iter().map(|m| m.as_str()).collect();
    let message = format!(
        "relaxing {} would connect them by {} ({} blocking link(s): {})",
        limits.join(" + "),
        mode_names.join("/"),
        blocking.len(),
        if details.is_empty() {
            blocking.join(", ")
        } else {
            details.join("; ")
        }
    );
    Some(Relaxation {
        limits,
        blocking_links: blocking,
        message,
        modes,
    })
}

/// Explains why the compiled graph `g` has no route between two hubs, by
/// trying to relax each kind of limit that excluded links (one at a time,
/// then all together).
pub fn explain_no_route(
    network: &Network,
    g: &RoutingGraph,
    load: &dyn LoadCheck,
    from: &str,
    to: &str,
) -> NoRoute {
    let kinds: BTreeSet<String> = g
        .excluded_links()
        .iter()
        .flat_map(|x| x.reasons.iter().map(|r| r.limit.clone()))
        .collect();
    let mut relaxations = Vec::new();
    for k in &kinds {
        if let Some(r) = try_relax(network, g, load, BTreeSet::from([k.clone()]), from, to) {
            relaxations.push(r);
        }
    }
    if relaxations.is_empty() && kinds.len() > 1 {
        if let Some(r) = try_relax(network, g, load, kinds.clone(), from, to) {
            relaxations.push(r);
        }
    }
    let reason = if relaxations.is_empty() {
        if kinds.is_empty() {
            format!("`{from}` and `{to}` are not connected in the network (check links, one-way links, and hubs' handling for changing mode)")
        } else {
            format!("`{from}` and `{to}` are not connected even with every load limit relaxed")
        }
    } else {
        format!(
            "every route from `{from}` to `{to}` breaks a limit of this load ({})",
            load.describe()
        )
    };
    NoRoute {
        from: from.into(),
        to: to.into(),
        reason,
        relaxations,
    }
}
