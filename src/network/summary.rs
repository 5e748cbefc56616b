//! A network's vital statistics, as printed by `milmob validate`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::validate::hubs_by_kind;
use super::{Mode, Network};

/// Counts describing a network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkSummary {
    /// Network name.
    pub name: String,
    /// Number of hubs.
    pub hubs: usize,
    /// Number of links.
    pub links: usize,
    /// Number of countries with a hub.
    pub countries: usize,
    /// Country codes with a hub, sorted.
    pub country_codes: Vec<String>,
    /// Number of corridors.
    pub corridors: usize,
    /// Hubs per kind (a hub of several kinds counts for each), kind spelled as in files.
    pub hubs_by_kind: BTreeMap<String, usize>,
    /// Links per mode, mode spelled as in files.
    pub links_by_mode: BTreeMap<String, usize>,
    /// Total link length per mode, km.
    pub km_by_mode: BTreeMap<String, f64>,
    /// Rail links per track gauge (mm).
    pub rail_links_by_gauge_mm: BTreeMap<u16, usize>,
}

impl NetworkSummary {
    /// Summarises a network.
    pub fn of(network: &Network) -> NetworkSummary {
        let mut links_by_mode = BTreeMap::new();
        let mut km_by_mode = BTreeMap::new();
        for m in Mode::ALL {
            links_by_mode.insert(m.as_str().to_string(), 0);
            km_by_mode.insert(m.as_str().to_string(), 0.0);
        }
        let mut gauges = BTreeMap::new();
        for l in network.links() {
            *links_by_mode
                .entry(l.mode.as_str().to_string())
                .or_insert(0) += 1;
            *km_by_mode.entry(l.mode.as_str().to_string()).or_insert(0.0) += l.length_km;
            if l.mode == Mode::Rail {
                if let Some(g) = l.limits.gauge_mm {
                    *gauges.entry(g).or_insert(0) += 1;
                }
            }
        }
        for v in km_by_mode.values_mut() {
            *v = (*v * 10.0).round() / 10.0;
        }
        let countries = network.countries();
        NetworkSummary {
            name: network.meta().name.clone(),
            hubs: network.hub_count(),
            links: network.link_count(),
            countries: countries.len(),
            country_codes: countries.iter().map(|c| c.code().to_string()).collect(),
            corridors: network.corridors().len(),
            hubs_by_kind: hubs_by_kind(network)
                .into_iter()
                .map(|(k, n)| (k.as_str().to_string(), n))
                .collect(),
            links_by_mode,
            km_by_mode,
            rail_links_by_gauge_mm: gauges,
        }
    }
}
