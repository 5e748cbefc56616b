//! The editable corridor network: hubs, links and corridors on a petgraph
//! graph with id lookups.

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use super::{Corridor, Hub, Link};
use crate::error::Error;

/// Descriptive metadata of a network (from `network.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkMeta {
    /// Name of the network.
    pub name: String,
    /// Free description.
    #[serde(default)]
    pub description: String,
    /// Licence of the data.
    #[serde(default)]
    pub licence: String,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free notes, e.g. circuity factors used for estimated lengths.
    #[serde(default)]
    pub notes: String,
    /// Operating rules (exceptional trains, border dwell, least handling,
    /// access legs); defaults when the manifest has no `[operations]`.
    #[serde(default)]
    pub operations: super::Operations,
}

/// A corridor network: typed hubs and links on a directed petgraph graph
/// (one edge per link, in the link's `from → to` direction; both-ways links
/// are one edge), with lookups by id.
///
/// Editing keeps ids, endpoints and the graph consistent: every mutation
/// checks ids and endpoints and returns an [`Error`] naming the bad id.
/// Value-range checks (coordinates, limits, lengths) are done by
/// [`crate::network::validate()`], not on every edit.
#[derive(Debug, Clone, Default)]
pub struct Network {
    meta: NetworkMeta,
    corridors: Vec<Corridor>,
    graph: StableDiGraph<Hub, Link>,
    hubs_by_id: BTreeMap<String, NodeIndex>,
    links_by_id: BTreeMap<String, EdgeIndex>,
}

impl Network {
    /// An empty network with this metadata.
    pub fn new(meta: NetworkMeta) -> Network {
        Network {
            meta,
            ..Network::default()
        }
    }

    /// The metadata.
    pub fn meta(&self) -> &NetworkMeta {
        &self.meta
    }

    /// The metadata, for editing.
    pub fn meta_mut(&mut self) -> &mut NetworkMeta {
        &mut self.meta
    }

    /// The underlying graph: node weights are hubs, edge weights links.
    pub fn graph(&self) -> &StableDiGraph<Hub, Link> {
        &self.graph
    }

    /// Number of hubs.
    pub fn hub_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of links.
    pub fn link_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Hubs in graph-index order (insertion order until hubs are removed).
    pub fn hubs(&self) -> impl Iterator<Item = &Hub> + '_ {
        self.graph.node_indices().map(move |n| &self.graph[n])
    }

    /// Links in graph-index order (insertion order until links are removed).
    pub fn links(&self) -> impl Iterator<Item = &Link> + '_ {
        self.graph.edge_indices().map(move |e| &self.graph[e])
    }

    /// Corridors, in the order they were added.
    pub fn corridors(&self) -> &[Corridor] {
        &self.corridors
    }

    /// The hub with this id.
    pub fn hub(&self, id: &str) -> Option<&Hub> {
        self.hubs_by_id.get(id).map(|&n| &self.graph[n])
    }

    /// The hub with this id, or [`Error::UnknownHub`].
    pub fn try_hub(&self, id: &str) -> Result<&Hub, Error> {
        self.hub(id)
            .ok_or_else(|| Error::UnknownHub(id.to_string()))
    }

    /// The graph node of the hub with this id.
    pub fn hub_node(&self, id: &str) -> Option<NodeIndex> {
        self.hubs_by_id.get(id).copied()
    }

    /// The link with this id.
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links_by_id.get(id).map(|&e| &self.graph[e])
    }

    /// The link with this id, or [`Error::UnknownLink`].
    pub fn try_link(&self, id: &str) -> Result<&Link, Error> {
        self.link(id)
            .ok_or_else(|| Error::UnknownLink(id.to_string()))
    }

    /// The graph edge of the link with this id.
    pub fn link_edge(&self, id: &str) -> Option<EdgeIndex> {
        self.links_by_id.get(id).copied()
    }

    /// The corridor with this id.
    pub fn corridor(&self, id: &str) -> Option<&Corridor> {
        self.corridors.iter().find(|c| c.id == id)
    }

    /// Links touching a hub (either end), in graph order.
    pub fn links_at<'a>(&'a self, hub_id: &str) -> impl Iterator<Item = &'a Link> + 'a {
        let node = self.hub_node(hub_id);
        node.into_iter().flat_map(move |n| {
            self.graph
                .edges_directed(n, Direction::Outgoing)
                .chain(self.graph.edges_directed(n, Direction::Incoming))
                .map(|e| e.weight())
        })
    }

    /// Adds a hub. Fails with [`Error::DuplicateId`] if the id is taken.
    pub fn add_hub(&mut self, hub: Hub) -> Result<(), Error> {
        if self.hubs_by_id.contains_key(&hub.id) {
            return Err(Error::DuplicateId {
                what: "hub",
                id: hub.id,
            });
        }
        let id = hub.id.clone();
        let n = self.graph.add_node(hub);
        self.hubs_by_id.insert(id, n);
        Ok(())
    }

    /// Adds a link between two existing hubs. Fails if the id is taken, an
    /// end hub is unknown, the link is a self-loop or names an unknown corridor.
    pub fn add_link(&mut self, link: Link) -> Result<(), Error> {
        if self.links_by_id.contains_key(&link.id) {
            return Err(Error::DuplicateId {
                what: "link",
                id: link.id,
            });
        }
        let (a, b) = self.endpoints(&link)?;
        let id = link.id.clone();
        let e = self.graph.add_edge(a, b, link);
        self.links_by_id.insert(id, e);
        Ok(())
    }

    fn endpoints(&self, link: &Link) -> Result<(NodeIndex, NodeIndex), Error> {
        let a = self
            .hub_node(&link.from)
            .ok_or_else(|| Error::UnknownHub(link.from.clone()))?;
        let b = self
            .hub_node(&link.to)
            .ok_or_else(|| Error::UnknownHub(link.to.clone()))?;
        if a == b {
            return Err(Error::SelfLoop(link.id.clone()));
        }
        if let Some(c) = link.corridors.iter().find(|c| self.corridor(c).is_none()) {
            return Err(Error::UnknownCorridor(c.clone()));
        }
        Ok((a, b))
    }

    /// Adds a corridor. Fails if the id is taken.
    pub fn add_corridor(&mut self, corridor: Corridor) -> Result<(), Error> {
        if self.corridor(&corridor.id).is_some() {
            return Err(Error::DuplicateId {
                what: "corridor",
                id: corridor.id,
            });
        }
        self.corridors.push(corridor);
        Ok(())
    }

    /// Removes a link and returns it.
    pub fn remove_link(&mut self, id: &str) -> Result<Link, Error> {
        let e = self
            .links_by_id
            .remove(id)
            .ok_or_else(|| Error::UnknownLink(id.to_string()))?;
        // Invariant: every id in the index names a live edge.
        Ok(self.graph.remove_edge(e).expect("indexed edge exists"))
    }

    /// Removes a hub and every link touching it; returns the hub and those links.
    pub fn remove_hub(&mut self, id: &str) -> Result<(Hub, Vec<Link>), Error> {
        let n = self
            .hub_node(id)
            .ok_or_else(|| Error::UnknownHub(id.to_string()))?;
        let mut edges: Vec<EdgeIndex> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .chain(self.graph.edges_directed(n, Direction::Incoming))
            .map(|e| e.id())
            .collect();
        edges.sort();
        let mut removed = Vec::with_capacity(edges.len());
        for e in edges {
            let l = self.graph.remove_edge(e).expect("incident edge exists");
            self.links_by_id.remove(&l.id);
            removed.push(l);
        }
        self.hubs_by_id.remove(id);
        let hub = self.graph.remove_node(n).expect("indexed node exists");
        Ok((hub, removed))
    }

    /// Edits a hub in place. The edit may change anything but the id
    /// (changing it fails with [`Error::InvalidEdit`] and leaves the hub as it was).
    pub fn update_hub(&mut self, id: &str, edit: impl FnOnce(&mut Hub)) -> Result<(), Error> {
        let n = self
            .hub_node(id)
            .ok_or_else(|| Error::UnknownHub(id.to_string()))?;
        let mut copy = self.graph[n].clone();
        edit(&mut copy);
        if copy.id != id {
            return Err(Error::InvalidEdit(format!(
                "hub `{id}`: an edit may not change the id (remove and add instead)"
            )));
        }
        self.graph[n] = copy;
        Ok(())
    }

    /// Edits a link in place. The edit may change anything but the id; if it
    /// changes `from`/`to` the link is reconnected (failing, and leaving the
    /// link as it was, if an end is unknown).
    pub fn update_link(&mut self, id: &str, edit: impl FnOnce(&mut Link)) -> Result<(), Error> {
        let e = self
            .link_edge(id)
            .ok_or_else(|| Error::UnknownLink(id.to_string()))?;
        let mut copy = self.graph[e].clone();
        edit(&mut copy);
        if copy.id != id {
            return Err(Error::InvalidEdit(format!(
                "link `{id}`: an edit may not change the id (remove and add instead)"
            )));
        }
        let (a, b) = self.endpoints(&copy)?;
        // Invariant: `e` is a live edge (looked up above).
        let (oa, ob) = self.graph.edge_endpoints(e).expect("indexed edge exists");
        if (oa, ob) == (a, b) {
            self.graph[e] = copy;
        } else {
            self.graph.remove_edge(e);
            let ne = self.graph.add_edge(a, b, copy);
            self.links_by_id.insert(id.to_string(), ne);
        }
        Ok(())
    }

    /// Countries with at least one hub, sorted.
    pub fn countries(&self) -> Vec<crate::country::Country> {
        let mut c: Vec<_> = self.hubs().map(|h| h.country).collect();
        c.sort();
        c.dedup();
        c
    }
}

/// The plain serialisable form of a [`Network`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkData {
    /// Metadata.
    pub meta: NetworkMeta,
    /// Corridors.
    #[serde(default)]
    pub corridors: Vec<Corridor>,
    /// Hubs.
    pub hubs: Vec<Hub>,
    /// Links.
    pub links: Vec<Link>,
}

impl From<&Network> for NetworkData {
    fn from(n: &Network) -> NetworkData {
        NetworkData {
            meta: n.meta.clone(),
            corridors: n.corridors.clone(),
            hubs: n.hubs().cloned().collect(),
            links: n.links().cloned().collect(),
        }
    }
}

impl TryFrom<NetworkData> for Network {
    type Error = Error;
    fn try_from(d: NetworkData) -> Result<Network, Error> {
        let mut n = Network::new(d.meta);
        for c in d.corridors {
            n.add_corridor(c)?;
        }
        for h in d.hubs {
            n.add_hub(h)?;
        }
        for l in d.links {
            n.add_link(l)?;
        }
        Ok(n)
    }
}

impl Serialize for Network {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        NetworkData::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Network {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let data = NetworkData::deserialize(d)?;
        Network::try_from(data).map_err(serde::de::Error::custom)
    }
}

impl PartialEq for Network {
    /// Two networks are equal when metadata, corridors, hubs and links (in
    /// order) are equal.
    fn eq(&self, other: &Network) -> bool {
        NetworkData::from(self) == NetworkData::from(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::country::Country;
    use crate::network::{HubKind, Mode};

    fn hub(id: &str, lon: f64) -> Hub {
        Hub::new(
            id,
            id,
            Country::parse("DE").unwrap(),
            lon,
            52.0,
            &[HubKind::Junction],
        )
    }

    fn small() -> Network {
        let mut n = Network::new(NetworkMeta {
            name: "t".into(),
            ..Default::default()
        });
        n.add_hub(hub("a", 10.0)).unwrap();
        n.add_hub(hub("b", 11.0)).unwrap();
        n.add_hub(hub("c", 12.0)).unwrap();
        n.add_link(Link::new("ab", "a", "b", Mode::Road, 80.0))
            .unwrap();
        n.add_link(Link::new("bc", "b", "c", Mode::Rail, 80.0))
            .unwrap();
        n
    }

    #[test]
    fn edits_keep_index_consistent() {
        let mut n = small();
        assert!(matches!(
            n.add_hub(hub("a", 0.0)),
            Err(Error::DuplicateId { .. })
        ));
        assert!(matches!(
            n.add_link(Link::new("x", "a", "zz", Mode::Road, 1.0)),
            Err(Error::UnknownHub(h)) if h == "zz"
        ));
        assert!(matches!(
            n.add_link(Link::new("x", "a", "a", Mode::Road, 1.0)),
            Err(Error::SelfLoop(_))
        ));
        n.update_link("ab", |l| l.to = "c".into()).unwrap();
        assert_eq!(n.link("ab").unwrap().to, "c");
        assert_eq!(n.links_at("c").count(), 2);
        assert!(n.update_link("ab", |l| l.to = "nope".into()).is_err());
        assert_eq!(n.link("ab").unwrap().to, "c");
        let (_, removed) = n.remove_hub("c").unwrap();
        assert_eq!(removed.len(), 2);
        assert_eq!(n.link_count(), 0);
        assert!(n.link("bc").is_none());
        assert!(n.update_hub("a", |h| h.id = "q".into()).is_err());
    }

    #[test]
    fn serde_round_trip() {
        let n = small();
        let json = serde_json::to_string(&n).unwrap();
        let back: Network = serde_json::from_str(&json).unwrap();
        assert_eq!(n, back);
    }
}
