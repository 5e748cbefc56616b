//! Permit gates: a movement may enter a country (other than its origin's)
//! only once permission is granted. An [`ArcTiming`]: "cross at
//! max(ready, grant)", non-decreasing in the ready instant.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::ids::{ArcIdx, HubIdx};
use super::permit_oracle::PermitOracle;
use super::timing::{ArcTiming, WaitCause};
use super::topology::{ArcKind, Topology};
use crate::country::Country;
use crate::permits::PermitError;

/// A country's grant: the instant (seconds since the query epoch), or why
/// none can be had.
pub type Grant = Result<i64, Arc<PermitError>>;

/// What entering a hub from another country needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Free,
    At(i64),
    Never,
}

/// The permit gates of one query: a grant instant per country entered
/// after the origin's.
#[derive(Debug, Clone)]
pub struct PermitGates<'a> {
    topo: &'a Topology,
    origin_country: Option<Country>,
    grants: BTreeMap<Country, Grant>,
    hub_gate: Vec<Gate>,
}

impl<'a> PermitGates<'a> {
    /// Grants for a movement leaving `origin` at `epoch` that requests its
    /// permits at `request`, for every country of the topology.
    pub fn new(
        topo: &'a Topology,
        epoch: DateTime<Utc>,
        origin: HubIdx,
        permits: &dyn PermitOracle,
        request: DateTime<Utc>,
    ) -> PermitGates<'a> {
        let origin_country = topo.hub(origin).country;
        let mut grants = BTreeMap::new();
        for h in &topo.hubs {
            if let Some(c) = h.country {
                if Some(c) != origin_country {
                    grants.entry(c).or_insert_with(|| {
                        permits
                            .grant(c, request)
                            .map(|t| (t - epoch).num_seconds())
                            .map_err(Arc::new)
                    });
                }
            }
        }
        Self::from_grants(topo, origin_country, grants)
    }

    /// Gates from explicit grants (seconds since the epoch); countries not
    /// listed (and the origin's) are free to enter.
    pub fn from_grants(
        topo: &'a Topology,
        origin_country: Option<Country>,
        grants: BTreeMap<Country, Grant>,
    ) -> PermitGates<'a> {
        let hub_gate = topo
            .hubs
            .iter()
            .map(|h| match h.country {
                Some(c) if Some(c) != origin_country => match grants.get(&c) {
                    Some(Ok(t)) => Gate::At(*t),
                    Some(Err(_)) => Gate::Never,
                    None => Gate::Free,
                },
                _ => Gate::Free,
            })
            .collect();
        PermitGates {
            topo,
            origin_country,
            grants,
            hub_gate,
        }
    }

    /// The origin's country (no permit needed there).
    pub fn origin_country(&self) -> Option<Country> {
        self.origin_country
    }

    /// The grant for a country (`None` = no permit needed).
    pub fn grant(&self, c: Country) -> Option<&Grant> {
        self.grants.get(&c)
    }

    /// Countries whose permit cannot be had, with why.
    pub fn refused(&self) -> impl Iterator<Item = (Country, &PermitError)> + '_ {
        self.grants
            .iter()
            .filter_map(|(c, g)| g.as_ref().err().map(|e| (*c, e.as_ref())))
    }

    /// The same gates with some countries' grants replaced (what-if: "had
    /// this permit been granted at once").
    pub fn with_grants(&self, overrides: &[(Country, Grant)]) -> PermitGates<'a> {
        let mut grants = self.grants.clone();
        for (c, g) in overrides {
            grants.insert(*c, g.clone());
        }
        Self::from_grants(self.topo, self.origin_country, grants)
    }
}

impl ArcTiming for PermitGates<'_> {
    #[inline]
    fn entry(&self, a: ArcIdx, t: i64, _duration: u32) -> Option<i64> {
        if self.topo.kind[a.index()] != ArcKind::Move {
            return Some(t);
        }
        let tail = self.topo.node_hub[self.topo.tail[a.index()] as usize] as usize;
        let head = self.topo.node_hub[self.topo.head[a.index()] as usize] as usize;
        if self.topo.hubs[tail].country == self.topo.hubs[head].country {
            return Some(t);
        }
        match self.hub_gate[head] {
            Gate::Free => Some(t),
            Gate::At(g) => Some(t.max(g)),
            Gate::Never => None,
        }
    }

    fn cause(&self) -> WaitCause {
        WaitCause::Permit
    }
}
