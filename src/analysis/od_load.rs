//! OD-weighted link load, and link importance and regional exposure after
//! Jenelius, Petersen & Mattsson (2006, "Importance and exposure in road
//! network vulnerability analysis", Transportation Research A 40).
//!
//! Each origin–destination pair with a demand uses its reported shortest
//! path (all-or-nothing assignment): the **load** of a link or hub is the
//! demand of the pairs whose path uses it. Removing a link `k`:
//! - **importance** `I(k) = Σ x_ij (c_ij(k) − c_ij) / Σ x_ij`, over the pairs
//!   still served, with the demand `x` — the demand-weighted mean extra cost
//!   per unit of all demand (Jenelius et al.'s "demand-weighted importance");
//! - **unsatisfied demand** `U(k) = Σ x_ij [cut off by k] / Σ x_ij`;
//! - **exposure** of an origin (and of a region — a country on corridor
//!   networks): the worst, over links `k`, demand-weighted mean extra cost
//!   of the trips leaving it, `E(m) = max_k Σ_{i∈m,j} x_ij (c_ij(k) − c_ij) /
//!   Σ_{i∈m,j} x_ij`, with the link that gives it and that link's unsatisfied
//!   share of the region's demand.
//!
//! Exact: the extra costs come from [`criticality`] (only links on a pair's
//! path change its cost). Per load profile: run it once per metric.

use std::collections::BTreeMap;

use serde::Serialize;

use super::criticality::{criticality, CriticalityOptions, Element, PairCriticality};
use crate::routing::{LinkIdx, Metric, NodeIdx, Topology};

/// Demand between two nodes (any unit: vehicles, units, tonnes per day).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OdDemand {
    /// Origin node.
    pub from: NodeIdx,
    /// Destination node.
    pub to: NodeIdx,
    /// Demand, ≥ 0.
    pub demand: f64,
}

/// Load and importance of one link or hub.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementLoad {
    /// The link or hub.
    pub element: Element,
    /// Its id.
    pub id: String,
    /// Demand whose path uses it.
    pub demand: f64,
    /// Pairs whose path uses it.
    pub pairs: usize,
    /// Importance: demand-weighted mean extra cost per unit of all demand
    /// when it is lost (cost units: seconds on corridor networks).
    pub importance: f64,
    /// Share of all demand cut off when it is lost (0..1).
    pub unsatisfied: f64,
}

/// Exposure of one origin or region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exposure {
    /// Origin hub id, or region (country code).
    pub id: String,
    /// Demand leaving it.
    pub demand: f64,
    /// Worst demand-weighted mean extra cost of its trips over single link
    /// losses (cost units).
    pub exposure: f64,
    /// The link whose loss gives it (`None` if no loss costs anything).
    pub worst_link: Option<String>,
    /// Share of its demand that link cuts off (0..1).
    pub unsatisfied: f64,
}

/// The OD-load report of one metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OdLoad {
    /// Total demand.
    pub total_demand: f64,
    /// Demand of pairs with no path at all (intact).
    pub unserved_demand: f64,
    /// Links with load, by importance (then unsatisfied share, then load).
    pub links: Vec<ElementLoad>,
    /// Intermediate hubs with load, by importance.
    pub hubs: Vec<ElementLoad>,
    /// Exposure per origin hub, worst first.
    pub origins: Vec<Exposure>,
    /// Exposure per region (country), worst first; empty for plain graphs.
    pub regions: Vec<Exposure>,
    /// The per-pair criticality behind it.
    #[serde(skip)]
    pub pairs: Vec<PairCriticality>,
}

fn element_id(topo: &Topology, e: Element) -> String {
    match e {
        Element::Link(l) => topo.link(l).id.clone(),
        Element::Hub(h) => topo.hub(h).id.clone(),
    }
}

/// Load, importance and exposure for a demand matrix on one metric.
pub fn od_load(
    topo: &Topology,
    metric: &Metric,
    demands: &[OdDemand],
    opts: &CriticalityOptions<'_>,
) -> OdLoad {
    let pairs: Vec<(NodeIdx, NodeIdx)> = demands.iter().map(|d| (d.from, d.to)).collect();
    let crit = criticality(
        topo,
        metric,
        &pairs,
        &CriticalityOptions {
            hubs: true,
            ..*opts
        },
    );
    let total: f64 = demands.iter().map(|d| d.demand.max(0.0)).sum();
    let mut unserved = 0.0;
    // element → (demand, pairs, Σ x·extra, Σ x cut off)
    let mut acc: BTreeMap<Element, (f64, usize, f64, f64)> = BTreeMap::new();
    // (group key, link) → (Σ x·extra, Σ x cut); group demand.
    let mut group_loss: BTreeMap<(u8, String, LinkIdx), (f64, f64)> = BTreeMap::new();
    let mut group_demand: BTreeMap<(u8, String), f64> = BTreeMap::new();
    for (d, r) in demands.iter().zip(&crit) {
        let x = d.demand.max(0.0);
        let origin = topo.node_hub(d.from);
        let mut groups = vec![(0u8, topo.hub(origin).id.clone())];
        if let Some(c) = topo.hub(origin).country {
            groups.push((1u8, c.code().to_string()));
        }
        for g in &groups {
            *group_demand.entry(g.clone()).or_default() += x;
        }
        let Some(cost) = r.cost else {
            unserved += x;
            continue;
        };
        for e in r.links.iter().chain(&r.hubs) {
            let a = acc.entry(e.element).or_default();
            a.0 += x;
            a.1 += 1;
            match e.extra(cost) {
                Some(extra) => a.2 += x * extra as f64,
                None => a.3 += x,
            }
            if let Element::Link(l) = e.element {
                for g in &groups {
                    let gl = group_loss.entry((g.0, g.1.clone(), l)).or_default();
                    match e.extra(cost) {
                        Some(extra) => gl.0 += x * extra as f64,
                        None => gl.1 += x,
                    }
                }
            }
        }
    }
    let share = |v: f64| if total > 0.0 { v / total } else { 0.0 };
    let mut links = Vec::new();
    let mut hubs = Vec::new();
    for (e, (dem, n, extra, cut)) in acc {
        let row = ElementLoad {
            element: e,
            id: element_id(topo, e),
            demand: dem,
            pairs: n,
            importance: share(extra),
            unsatisfied: share(cut),
        };
        match e {
            Element::Link(_) => links.push(row),
            Element::Hub(_) => hubs.push(row),
        }
    }
    let by_importance = |a: &ElementLoad, b: &ElementLoad| {
        b.unsatisfied
            .total_cmp(&a.unsatisfied)
            .then(b.importance.total_cmp(&a.importance))
            .then(b.demand.total_cmp(&a.demand))
            .then(a.element.cmp(&b.element))
    };
    links.sort_by(by_importance);
    hubs.sort_by(by_importance);
    let mut origins = Vec::new();
    let mut regions = Vec::new();
    for ((kind, id), dem) in &group_demand {
        let mut worst: Option<(f64, f64, LinkIdx)> = None;
        for ((k, g, l), (extra, cut)) in group_loss.range((*kind, id.clone(), LinkIdx(0))..) {
            if k != kind || g != id {
                break;
            }
            let e = if *dem > 0.0 { extra / dem } else { 0.0 };
            let u = if *dem > 0.0 { cut / dem } else { 0.0 };
            // Cut-off demand ranks first (it has no finite extra time).
            if worst.is_none_or(|w| (u, e) > (w.1, w.0)) {
                worst = Some((e, u, *l));
            }
        }
        let row = Exposure {
            id: id.clone(),
            demand: *dem,
            exposure: worst.map_or(0.0, |w| w.0),
            worst_link: worst
                .filter(|w| w.0 > 0.0 || w.1 > 0.0)
                .map(|w| topo.link(w.2).id.clone()),
            unsatisfied: worst.map_or(0.0, |w| w.1),
        };
        if *kind == 0 {
            origins.push(row);
        } else {
            regions.push(row);
        }
    }
    let by_exposure = |a: &Exposure, b: &Exposure| {
        b.unsatisfied
            .total_cmp(&a.unsatisfied)
            .then(b.exposure.total_cmp(&a.exposure))
            .then(a.id.cmp(&b.id))
    };
    origins.sort_by(by_exposure);
    regions.sort_by(by_exposure);
    OdLoad {
        total_demand: total,
        unserved_demand: unserved,
        links,
        hubs,
        origins,
        regions,
        pairs: crit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importance_and_exposure_by_hand() {
        // 0→1→2 (1+1), bypass 0→2 (5); 3→2 only via 3→1.
        let (g, m) = Topology::from_arcs(4, &[(0, 1, 1), (1, 2, 1), (0, 2, 5), (3, 1, 1)]).unwrap();
        let demands = [
            OdDemand {
                from: NodeIdx(0),
                to: NodeIdx(2),
                demand: 3.0,
            },
            OdDemand {
                from: NodeIdx(3),
                to: NodeIdx(2),
                demand: 1.0,
            },
        ];
        let r = od_load(&g, &m, &demands, &CriticalityOptions::default());
        assert_eq!(r.total_demand, 4.0);
        // Link 1 (1→2): carries 4; losing it costs pair 0 +3 (×3) and cuts pair 1.
        let l1 = r.links.iter().find(|x| x.id == "1").unwrap();
        assert_eq!(l1.demand, 4.0);
        assert_eq!(l1.importance, 9.0 / 4.0);
        assert_eq!(l1.unsatisfied, 0.25);
        assert_eq!(r.links[0].id, "1");
        let o3 = r.origins.iter().find(|x| x.id == "3").unwrap();
        assert_eq!(o3.unsatisfied, 1.0);
        let o0 = r.origins.iter().find(|x| x.id == "0").unwrap();
        assert_eq!(o0.exposure, 3.0);
        assert!(r.regions.is_empty());
    }
}
