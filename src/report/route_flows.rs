//! What moved where: the plan's movement steps summed per link (both
//! directions together) — units and vehicles carried — and the hubs the
//! plan used by role (origin, destination, transshipment). The map and
//! `routes.geojson` draw from these.

use std::collections::{BTreeMap, BTreeSet};

use geo::{Coord, LineString};

use crate::movement::MovementPlan;
use crate::network::{HubKind, Mode, Network};
use crate::routing::StepKind;

/// Movement over one link.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkFlow {
    /// Link id.
    pub link: String,
    /// Mode of the link.
    pub mode: Mode,
    /// The link's `from` hub id.
    pub from: String,
    /// The link's `to` hub id.
    pub to: String,
    /// Movement units that used it (either direction).
    pub units: u32,
    /// Vehicles carried over it (summed over units).
    pub vehicles: u32,
    /// Elements whose units used it, sorted.
    pub elements: BTreeSet<String>,
    /// Its line, lon/lat degrees: the link's geometry, else its two hubs.
    pub line: LineString<f64>,
}

/// What a hub was to the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HubRole {
    /// An element's destination.
    Destination,
    /// An element's origin.
    Origin,
    /// Where units load, unload or change gauge on the way.
    Transshipment,
}

impl HubRole {
    /// The spelling in GeoJSON properties and the legend.
    pub fn as_str(&self) -> &'static str {
        match self {
            HubRole::Destination => "destination",
            HubRole::Origin => "origin",
            HubRole::Transshipment => "transshipment",
        }
    }
}

/// A hub the plan used.
#[derive(Debug, Clone, PartialEq)]
pub struct UsedHub {
    /// Hub id.
    pub id: String,
    /// Hub name.
    pub name: String,
    /// Its most telling kind (the symbol drawn): a port or airfield
    /// before a staging area before a railhead, terminal or logistics hub
    /// (see [`main_kind`]).
    pub kind: HubKind,
    /// Its most important role (destination before origin before
    /// transshipment).
    pub role: HubRole,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// Vehicles that started, ended or were handled there.
    pub vehicles: u32,
}

/// The kind a map shows for a hub of several kinds: the first of sea
/// port, airport, inland port, staging area, railhead, rail terminal,
/// logistics hub, border crossing, convoy support centre, fuel point, halt
/// area that the hub has; else junction.
pub fn main_kind(kinds: &[HubKind]) -> HubKind {
    const RANK: [HubKind; 11] = [
        HubKind::SeaPort,
        HubKind::Airport,
        HubKind::InlandPort,
        HubKind::StagingArea,
        HubKind::Railhead,
        HubKind::RailTerminal,
        HubKind::LogisticsHub,
        HubKind::BorderCrossing,
        HubKind::ConvoySupportCentre,
        HubKind::FuelPoint,
        HubKind::HaltArea,
    ];
    RANK.into_iter()
        .find(|k| kinds.contains(k))
        .unwrap_or(HubKind::Junction)
}

/// The plan's movement summed per link, sorted by link id. Links the
/// network does not have (none, for a plan made on it) are left out.
pub fn link_flows(plan: &MovementPlan, network: &Network) -> Vec<LinkFlow> {
    let mut flows: BTreeMap<String, LinkFlow> = BTreeMap::new();
    for u in &plan.units {
        let vehicles: u32 = u.vehicles.values().sum();
        let mut seen = BTreeSet::new();
        for st in &u.steps {
            let Some(id) = st.link.as_deref() else {
                continue;
            };
            let Some(link) = network.link(id) else {
                continue;
            };
            if !seen.insert(id.to_string()) {
                continue;
            }
            let f = flows.entry(id.to_string()).or_insert_with(|| LinkFlow {
                link: id.to_string(),
                mode: link.mode,
                from: link.from.clone(),
                to: link.to.clone(),
                units: 0,
                vehicles: 0,
                elements: BTreeSet::new(),
                line: link.geometry.clone().unwrap_or_else(|| {
                    let at = |h: &str| {
                        network
                            .hub(h)
                            .map(|h| Coord {
                                x: h.lon(),
                                y: h.lat(),
                            })
                            .unwrap_or(Coord { x: 0.0, y: 0.0 })
                    };
                    LineString(vec![at(&link.from), at(&link.to)])
                }),
            });
            f.units += 1;
            f.vehicles += vehicles;
            f.elements.insert(u.element.clone());
        }
    }
    flows.into_values().collect()
}

/// The hubs the plan used, sorted by role then id.
pub fn used_hubs(plan: &MovementPlan, network: &Network) -> Vec<UsedHub> {
    let mut hubs: BTreeMap<String, (HubRole, u32)> = BTreeMap::new();
    let mut mark = |id: &str, role: HubRole, n: u32| {
        let e = hubs.entry(id.to_string()).or_insert((role, 0));
        e.0 = e.0.min(role);
        e.1 += n;
    };
    for u in &plan.units {
        let n: u32 = u.vehicles.values().sum();
        mark(&u.origin, HubRole::Origin, n);
        mark(&u.destination, HubRole::Destination, n);
        let mut handled = BTreeSet::new();
        for st in &u.steps {
            if matches!(
                st.kind,
                StepKind::Load | StepKind::Unload | StepKind::Transfer
            ) && st.hub != u.origin
                && st.hub != u.destination
                && handled.insert(st.hub.clone())
            {
                mark(&st.hub, HubRole::Transshipment, n);
            }
        }
    }
    let mut out: Vec<UsedHub> = hubs
        .into_iter()
        .filter_map(|(id, (role, vehicles))| {
            let h = network.hub(&id)?;
            Some(UsedHub {
                name: h.name.clone(),
                kind: main_kind(&h.kinds),
                lon: h.lon(),
                lat: h.lat(),
                id,
                role,
                vehicles,
            })
        })
        .collect();
    out.sort_by(|a, b| a.role.cmp(&b.role).then(a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_with_a_railhead_is_drawn_as_a_port() {
        assert_eq!(
            main_kind(&[HubKind::Railhead, HubKind::SeaPort]),
            HubKind::SeaPort
        );
        assert_eq!(
            main_kind(&[HubKind::Railhead, HubKind::StagingArea]),
            HubKind::StagingArea
        );
        assert_eq!(main_kind(&[]), HubKind::Junction);
    }
}
