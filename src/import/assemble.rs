//! From the simplified graph to a milmob [`Network`]: hubs `n<OSM node
//! id>` with their country, links with lengths, speeds, limits, gauges,
//! geometry and the OSM ways they come from.

use std::collections::BTreeMap;

use geo::{LineString, Point};

use super::simplify::SimpleGraph;
use crate::country::Country;
use crate::error::Error;
use crate::network::{Hub, HubKind, Link, Mode, Network, NetworkMeta};

/// Shortest link the network format accepts, km (`data/FORMAT.md`:
/// `length_km` 0.01..40000). Shorter OSM chains (a few metres between two
/// junctions) are lengthened to it and counted in the report.
pub const MIN_LINK_KM: f64 = 0.01;

/// How each hub gets its country.
#[derive(Clone, Copy)]
pub enum CountryRule<'a> {
    /// Every hub in this country (`--country`).
    Fixed(Country),
    /// The country whose outline contains the hub; hubs in none of them
    /// (the sea, coarse coastlines, outside the outlines) take the most
    /// common country of the other hubs.
    Locate(&'a (dyn Fn(Point<f64>) -> Option<Country> + Sync)),
}

/// Runs `f` with the country rule of an import: the fixed country if one
/// is given, else the bundled Natural Earth outlines.
pub fn with_countries<R>(fixed: Option<Country>, f: impl FnOnce(CountryRule<'_>) -> R) -> R {
    let locate = |p| crate::country_outlines::CountryOutlines::bundled().country_at(p);
    match fixed {
        Some(c) => f(CountryRule::Fixed(c)),
        None => f(CountryRule::Locate(&locate)),
    }
}

/// Where the graph comes from: names the hubs and says so in `source`.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// OpenStreetMap: hubs `n<node id>`, links from ways.
    Osm,
    /// A GIS line layer: hubs `g<number>` (snapped line ends), links from
    /// features; the text names the layer and its source.
    Layer(String),
}

impl Origin {
    fn hub_id(&self, node: i64) -> String {
        match self {
            Origin::Osm => format!("n{node}"),
            Origin::Layer(_) => format!("g{node}"),
        }
    }

    fn hub_name(&self, node: i64) -> String {
        match self {
            Origin::Osm => format!("OSM node {node}"),
            Origin::Layer(_) => format!("layer node {node}"),
        }
    }

    fn hub_source(&self, node: i64) -> String {
        match self {
            Origin::Osm => {
                format!("OpenStreetMap node {node} (© OpenStreetMap contributors, ODbL 1.0)")
            }
            Origin::Layer(src) => format!("{src}: line ends snapped into hub {node}"),
        }
    }

    fn link_source(&self, items: &[i64]) -> String {
        let (one, many, prefix) = match self {
            Origin::Osm => ("way", "ways", "OpenStreetMap ".to_string()),
            Origin::Layer(src) => ("feature", "features", format!("{src}, ")),
        };
        let mut s = format!(
            "{prefix}{} {}",
            if items.len() > 1 { many } else { one },
            items
                .iter()
                .take(MAX_WAYS_IN_SOURCE)
                .map(|w| w.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        if items.len() > MAX_WAYS_IN_SOURCE {
            s.push_str(&format!(" and {} more", items.len() - MAX_WAYS_IN_SOURCE));
        }
        s
    }
}

/// The rail gauge assumed where a railway has no `gauge` tag, by the
/// country of its start hub, mm: 1,520 in the Baltic states and the CIS
/// countries, 1,524 in Finland, 1,668 in Spain and Portugal (whose
/// standard-gauge high-speed lines are normally tagged), else 1,435.
/// **Assumption** (counted in the report).
pub fn assumed_gauge_mm(country: Country) -> u16 {
    match country.code() {
        "LT" | "LV" | "EE" | "UA" | "MD" | "BY" | "RU" => 1520,
        "FI" => 1524,
        "ES" | "PT" => 1668,
        _ => 1435,
    }
}

/// What assembling counted.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct AssemblyStats {
    /// Hubs by country code.
    pub hubs_by_country: BTreeMap<String, u64>,
    /// Hubs outside every outline that took the majority country.
    pub hubs_country_assumed: u64,
    /// Links shorter than [`MIN_LINK_KM`] lengthened to it.
    pub links_lengthened: u64,
    /// Rail links without a `gauge` tag (gauge assumed, see [`assumed_gauge_mm`]).
    pub rail_gauge_assumed: u64,
    /// Extra links for the second gauge of dual-gauge track.
    pub dual_gauge_links: u64,
    /// Links crossing a bridge.
    pub links_with_bridge: u64,
    /// Links running through a tunnel.
    pub links_with_tunnel: u64,
}

/// Most OSM way ids named in a link's `source`.
const MAX_WAYS_IN_SOURCE: usize = 5;

/// Builds the network. Fails when no hub's country can be found (pass a
/// fixed country) or the graph is inconsistent (an invariant).
pub fn assemble(
    graph: &SimpleGraph,
    origin: &Origin,
    meta: NetworkMeta,
    countries: CountryRule<'_>,
) -> Result<(Network, AssemblyStats), Error> {
    let mut stats = AssemblyStats::default();
    let located: Vec<Option<Country>> = match countries {
        CountryRule::Fixed(c) => vec![Some(c); graph.hubs.len()],
        CountryRule::Locate(f) => {
            use rayon::prelude::*;
            graph.hubs.par_iter().map(|h| f(h.location)).collect()
        }
    };
    let mut count: BTreeMap<Country, u64> = BTreeMap::new();
    for c in located.iter().flatten() {
        *count.entry(*c).or_default() += 1;
    }
    // Ties go to the lowest code (BTreeMap order): deterministic.
    let majority = count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| *c);
    let mut network = Network::new(meta);
    let mut hub_country: BTreeMap<i64, Country> = BTreeMap::new();
    for (h, c) in graph.hubs.iter().zip(&located) {
        let country = match (c, majority) {
            (Some(c), _) => *c,
            (None, Some(m)) => {
                stats.hubs_country_assumed += 1;
                m
            }
            (None, None) => {
                return Err(Error::InvalidRequest(format!(
                    "{} ({:.5}, {:.5}): no hub lies inside a known country outline; give the country (--country)",
                    origin.hub_name(h.node),
                    h.location.y(),
                    h.location.x()
                )))
            }
        };
        *stats
            .hubs_by_country
            .entry(country.code().to_string())
            .or_default() += 1;
        hub_country.insert(h.node, country);
        let mut hub = Hub::new(
            origin.hub_id(h.node),
            origin.hub_name(h.node),
            country,
            h.location.x(),
            h.location.y(),
            &[HubKind::Junction],
        );
        hub.source = Some(origin.hub_source(h.node));
        network.add_hub(hub)?;
    }
    for l in &graph.links {
        let length_km = if l.length_km < MIN_LINK_KM {
            stats.links_lengthened += 1;
            MIN_LINK_KM
        } else {
            l.length_km
        };
        let mut source = origin.link_source(&l.ways);
        source.push_str(&format!(" ({})", l.classes.join(", ")));
        if l.bridge {
            source.push_str("; bridge");
            stats.links_with_bridge += 1;
        }
        if l.tunnel {
            source.push_str("; tunnel");
            stats.links_with_tunnel += 1;
        }
        let mut link = Link::new(
            l.id.clone(),
            origin.hub_id(l.from),
            origin.hub_id(l.to),
            l.mode,
            length_km,
        );
        link.oneway = l.oneway;
        if let Some(v) = l.uniform_speed {
            link.speed_kmh = Some(v);
        } else if l.has_speed && l.minutes > 0.0 {
            // Length over the summed segment times: the chain's time is kept.
            link.speed_kmh = Some(l.length_km / (l.minutes / 60.0));
        }
        link.limits = l.limits.clone();
        link.geometry = Some(LineString::from(
            l.geometry
                .iter()
                .map(|p| (p.x(), p.y()))
                .collect::<Vec<_>>(),
        ));
        if !l.names.is_empty() {
            link.name = Some(l.names.join("; "));
        }
        link.source = Some(source);
        if l.mode == Mode::Rail {
            let mut gauges = l.gauges.clone();
            if gauges.is_empty() {
                stats.rail_gauge_assumed += 1;
                let c = hub_country
                    .get(&l.from)
                    .copied()
                    .ok_or_else(|| Error::UnknownHub(origin.hub_id(l.from)))?;
                gauges.push(assumed_gauge_mm(c));
                link.source = link.source.map(|s| s + "; gauge assumed");
            }
            for (i, g) in gauges.iter().enumerate() {
                let mut gl = link.clone();
                gl.limits.gauge_mm = Some(*g);
                if i > 0 {
                    gl.id = format!("{}-g{g}", link.id);
                    stats.dual_gauge_links += 1;
                }
                network.add_link(gl)?;
            }
        } else {
            network.add_link(link)?;
        }
    }
    Ok((network, stats))
}
