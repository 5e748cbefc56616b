//! "No route" is an answer: which constraints disconnect origin and
//! destination, and what minimal relaxation would connect them. Works on
//! the metric's exclusion reasons: a relaxed metric is two array copies, so
//! no network is recompiled.

use serde::Serialize;

use super::dijkstra::shortest_path;
use super::ids::{HubIdx, LinkIdx};
use super::metric::Metric;
use super::search_space::SearchSpace;
use super::topology::Topology;
use crate::network::{LimitKind, LimitSet, Mode};

/// One way to connect origin and destination by relaxing some kinds of limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relaxation {
    /// The limits relaxed (serialised as Limits field names, or `mode`).
    pub limits: Vec<LimitKind>,
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

fn try_relax(
    topo: &Topology,
    metric: &Metric,
    ignore: LimitSet,
    from: HubIdx,
    to: HubIdx,
    space: &mut SearchSpace,
) -> Option<Relaxation> {
    let relaxed = metric.relaxed(ignore);
    let p = shortest_path(
        topo,
        &relaxed,
        space,
        topo.road_node(from),
        topo.road_node(to),
    )?;
    let mut modes: Vec<Mode> = Vec::new();
    let mut path_links: Vec<LinkIdx> = Vec::new();
    for &a in &p.arcs {
        if let Some(l) = topo.arc_link(a) {
            let m = topo.link(l).mode;
            if !modes.contains(&m) {
                modes.push(m);
            }
            if path_links.last() != Some(&l) {
                path_links.push(l);
            }
        }
    }
    modes.sort();
    let mut blocking = Vec::new();
    let mut details = Vec::new();
    for l in path_links {
        if let Some(x) = metric.exclusion(l) {
            blocking.push(x.link.clone());
            for r in x.reasons.iter().filter(|r| ignore.contains(r.limit)) {
                details.push(format!("{}: {}", x.link, r.message));
            }
        }
    }
    if blocking.is_empty() {
        // The relaxed route uses no link the relaxation frees: it is not why.
        return None;
    }
    let mut limits: Vec<LimitKind> = ignore.iter().collect();
    limits.sort_by_key(|k| k.as_str());
    let names: Vec<&str> = limits.iter().map(|k| k.as_str()).collect();
    let mode_names: Vec<&str> = modes.iter().map(|m| m.as_str()).collect();
    let message = format!(
        "relaxing {} would connect them by {} ({} blocking link(s): {})",
        names.join(" + "),
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

/// Explains why `metric` has no route between two hubs, by relaxing each
/// kind of limit that excludes arcs (one at a time, then all together).
pub fn explain_no_route(topo: &Topology, metric: &Metric, from: HubIdx, to: HubIdx) -> NoRoute {
    let kinds = metric.excluding_kinds();
    let mut space = SearchSpace::new(topo.node_count());
    let mut relaxations = Vec::new();
    // Limit kinds in the order of their column names (stable reports).
    let mut sorted: Vec<LimitKind> = kinds.iter().collect();
    sorted.sort_by_key(|k| k.as_str());
    for k in sorted {
        let one: LimitSet = [k].into_iter().collect();
        if let Some(r) = try_relax(topo, metric, one, from, to, &mut space) {
            relaxations.push(r);
        }
    }
    if relaxations.is_empty() && kinds.iter().count() > 1 {
        if let Some(r) = try_relax(topo, metric, kinds, from, to, &mut space) {
            relaxations.push(r);
        }
    }
    let (f, t) = (&topo.hub(from).id, &topo.hub(to).id);
    let reason = if relaxations.is_empty() {
        if kinds.is_empty() {
            format!("`{f}` and `{t}` are not connected in the network (check links, one-way links, and hubs' handling for changing mode)")
        } else {
            format!("`{f}` and `{t}` are not connected even with every load limit relaxed")
        }
    } else {
        format!(
            "every route from `{f}` to `{t}` breaks a limit of this load ({})",
            metric.description()
        )
    };
    NoRoute {
        from: f.clone(),
        to: t.clone(),
        reason,
        relaxations,
    }
}
