//! Attaching an imported network (the last mile from OpenStreetMap or a GIS
//! layer) to a corridor network (the long haul, e.g. `data/europe`) by
//! snapping named hubs.
//!
//! Each join names a hub of the corridor network; it is snapped to the
//! nearest hub of the imported network's largest connected part within a
//! radius (fragments cut off by an extract's edge are passed over), or to a
//! hub the caller names, and the two are joined by a both-ways road link: its
//! length is the geodesic distance (at least 10 m, the format's minimum),
//! **an estimate** of the short access road between the corridor
//! network's point for the place and the real road network, and it says so
//! in its `source`. Every hub and link of both networks is kept under its
//! own id; an id used by both is an error.

use std::collections::BTreeMap;

use geo::{LineString, Point};
use serde::Serialize;

use super::assemble::MIN_LINK_KM;
use crate::error::Error;
use crate::network::geodesy::geodesic_km;
use crate::network::{HubIndex, Link, Mode, Network};

/// One hub of the corridor network to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Join {
    /// Hub id in the corridor network.
    pub hub: String,
    /// Hub id in the imported network; `None` = the nearest within the radius.
    pub to: Option<String>,
}

impl std::str::FromStr for Join {
    type Err = String;
    /// `HUB` or `HUB=IMPORTED_HUB`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (hub, to) = match s.split_once('=') {
            Some((a, b)) => (a.trim(), Some(b.trim().to_string())),
            None => (s.trim(), None),
        };
        if hub.is_empty() || to.as_deref() == Some("") {
            return Err(format!(
                "`{s}` is not a join (expected HUB or HUB=IMPORTED_HUB)"
            ));
        }
        Ok(Join {
            hub: hub.to_string(),
            to,
        })
    }
}

/// One join made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JoinMade {
    /// Corridor network hub.
    pub hub: String,
    /// Imported network hub.
    pub imported: String,
    /// Distance between them, km.
    pub distance_km: f64,
    /// Id of the connecting link.
    pub link: String,
}

/// What [`attach`] did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeReport {
    /// Hubs taken over from the imported network.
    pub hubs_added: usize,
    /// Links taken over from the imported network.
    pub links_added: usize,
    /// The joins, in the order asked.
    pub joins: Vec<JoinMade>,
}

/// Attaches `imported` to `corridor`: both networks' hubs and links, plus
/// one connecting road link per join. `radius_km` bounds the snapping of
/// joins that do not name their imported hub. Fails naming the hub or link
/// id: an unknown hub, no imported hub within the radius, an id in both
/// networks.
pub fn attach(
    corridor: &Network,
    imported: &Network,
    joins: &[Join],
    radius_km: f64,
) -> Result<(Network, MergeReport), Error> {
    let mut out = corridor.clone();
    let mut report = MergeReport::default();
    let meta = out.meta_mut();
    for s in &imported.meta().sources {
        if !meta.sources.contains(s) {
            meta.sources.push(s.clone());
        }
    }
    meta.notes = format!(
        "{} Attached: {} ({} hubs, {} links) by milmob import attach; connecting links are estimates.",
        meta.notes,
        imported.meta().name,
        imported.hub_count(),
        imported.link_count()
    )
    .trim()
    .to_string();
    for h in imported.hubs() {
        if corridor.hub(&h.id).is_some() {
            return Err(Error::DuplicateId {
                what: "hub",
                id: h.id.clone(),
            });
        }
        out.add_hub(h.clone())?;
        report.hubs_added += 1;
    }
    for l in imported.links() {
        if corridor.link(&l.id).is_some() {
            return Err(Error::DuplicateId {
                what: "link",
                id: l.id.clone(),
            });
        }
        let mut l = l.clone();
        // Corridors are the corridor network's; the imported has none.
        l.corridors.clear();
        out.add_link(l)?;
        report.links_added += 1;
    }
    let index = HubIndex::new(imported);
    let main_part = largest_part(imported);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for j in joins {
        let base = corridor.try_hub(&j.hub)?;
        let target = match &j.to {
            Some(id) => imported.try_hub(id)?,
            None => {
                index
                    .within(base.location, radius_km)
                    .into_iter()
                    // Nearest first, ties by id.
                    .find(|h| main_part.contains(h.hub.id.as_str()))
                    .ok_or_else(|| {
                        Error::InvalidRequest(format!(
                            "hub `{}`: no hub of the imported network's largest connected part within {radius_km} km",
                            j.hub
                        ))
                    })?
                    .hub
            }
        };
        let n = seen.entry(j.hub.clone()).or_default();
        *n += 1;
        let id = if *n == 1 {
            format!("join:{}:{}", j.hub, target.id)
        } else {
            format!("join:{}:{}:{n}", j.hub, target.id)
        };
        let km = geodesic_km(base.location, target.location);
        let mut link = Link::new(
            id.clone(),
            base.id.clone(),
            target.id.clone(),
            Mode::Road,
            km.max(MIN_LINK_KM),
        );
        link.geometry = Some(LineString::from(vec![
            point(base.location),
            point(target.location),
        ]));
        link.source = Some(
            "estimate: straight connector added by milmob import attach (the access road between the corridor network's hub and the imported road network)".into(),
        );
        out.add_link(link)?;
        report.joins.push(JoinMade {
            hub: j.hub.clone(),
            imported: target.id.clone(),
            distance_km: km,
            link: id,
        });
    }
    Ok((out, report))
}

/// The hub ids of the largest connected part of `n` (links taken both
/// ways; ties: the part with the lowest hub id). A fragment the extract's
/// edge cut off is no place to join a corridor network.
fn largest_part(n: &Network) -> std::collections::BTreeSet<&str> {
    use petgraph::visit::NodeIndexable;
    let g = n.graph();
    let mut uf = petgraph::unionfind::UnionFind::<usize>::new(g.node_bound());
    for e in g.edge_indices() {
        if let Some((a, b)) = g.edge_endpoints(e) {
            uf.union(a.index(), b.index());
        }
    }
    let mut parts: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for i in g.node_indices() {
        parts
            .entry(uf.find(i.index()))
            .or_default()
            .push(g[i].id.as_str());
    }
    parts
        .into_values()
        .map(|mut v| {
            v.sort_unstable();
            v
        })
        .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b[0].cmp(a[0])))
        .unwrap_or_default()
        .into_iter()
        .collect()
}

fn point(p: Point<f64>) -> (f64, f64) {
    (p.x(), p.y())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::HubKind;
    use crate::Country;

    fn net(prefix: &str, lon0: f64) -> Network {
        let mut n = Network::default();
        let de: Country = "DE".parse().unwrap();
        for i in 0..3 {
            n.add_hub(crate::Hub::new(
                format!("{prefix}{i}"),
                format!("{prefix}{i}"),
                de,
                lon0 + i as f64 * 0.01,
                50.0,
                &[HubKind::Junction],
            ))
            .unwrap();
        }
        for i in 0..2 {
            n.add_link(Link::new(
                format!("{prefix}l{i}"),
                format!("{prefix}{i}"),
                format!("{prefix}{}", i + 1),
                Mode::Road,
                1.0,
            ))
            .unwrap();
        }
        n
    }

    #[test]
    fn joins_snap_to_the_nearest_hub_within_the_radius() {
        let a = net("A", 10.0);
        let mut b = net("n", 10.025);
        // A lone hub right at A2: a fragment, passed over.
        b.add_hub(crate::Hub::new(
            "n9",
            "n9",
            "DE".parse().unwrap(),
            10.02,
            50.0,
            &[HubKind::Junction],
        ))
        .unwrap();
        let joins = ["A2".parse().unwrap(), "A0=n2".parse().unwrap()];
        let (m, r) = attach(&a, &b, &joins, 2.0).unwrap();
        assert_eq!(m.hub_count(), 7);
        assert_eq!(m.link_count(), 4 + 2);
        assert_eq!(r.joins[0].imported, "n0");
        assert!(
            (r.joins[0].distance_km - 0.357).abs() < 0.01,
            "{:?}",
            r.joins
        );
        assert_eq!(r.joins[1].imported, "n2");
        assert!(m.link("join:A2:n0").is_some());
        assert!(crate::network::validate(&m).iter().all(|d| !d.is_error()));
    }

    #[test]
    fn bad_joins_are_errors_naming_the_id() {
        let a = net("A", 10.0);
        let b = net("n", 10.5);
        let e = attach(&a, &b, &["A2".parse().unwrap()], 2.0).unwrap_err();
        assert!(e.to_string().contains("`A2`"), "{e}");
        let e = attach(&a, &b, &["ZZ".parse().unwrap()], 2.0).unwrap_err();
        assert!(matches!(e, Error::UnknownHub(ref h) if h == "ZZ"));
        let e = attach(&a, &a, &[], 2.0).unwrap_err();
        assert!(matches!(e, Error::DuplicateId { what: "hub", .. }));
        assert!("=x".parse::<Join>().is_err() && "A=".parse::<Join>().is_err());
    }
}
