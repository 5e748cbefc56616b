//! Closures: a link or hub closed, or its capacity scaled, for all time or
//! for an interval (a bridge lost, a port shut, a national rail network
//! degraded by a cyber incident). An [`ArcTiming`]: a closed link may not
//! be travelled while closed (a movement waits at the hub before it until
//! it reopens), a closed hub may not be left or reached while closed.
//! Each rule is a non-decreasing function of the ready instant, so the
//! search stays FIFO. Scaled capacities (factor > 0) do not delay a single
//! movement; they are kept for the capacity-sharing scheduler
//! ([`Closures::capacity_factor`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{ArcIdx, HubIdx, LinkIdx};
use super::timing::{ArcTiming, WaitCause};
use super::topology::{Topology, NONE};
use crate::error::Error;

/// Seconds standing for "for all time" (far beyond any plan, far from
/// overflow).
const FOREVER: i64 = i64::MAX / 4;

/// What a closure applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureTarget {
    /// A link (both directions).
    Link(LinkIdx),
    /// A hub (every arc leaving or reaching it, transfers included).
    Hub(HubIdx),
}

/// One closure or capacity reduction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Closure {
    /// The link or hub.
    pub target: ClosureTarget,
    /// Start (`None` = since always).
    pub from: Option<DateTime<Utc>>,
    /// End, exclusive (`None` = for all time).
    pub until: Option<DateTime<Utc>>,
    /// Remaining share of capacity: 0 = closed, 0.5 = halved, 1 = intact.
    pub capacity_factor: f64,
}

impl Closure {
    /// A link closed for all time.
    pub fn link(l: LinkIdx) -> Closure {
        Closure {
            target: ClosureTarget::Link(l),
            from: None,
            until: None,
            capacity_factor: 0.0,
        }
    }

    /// A hub closed for all time.
    pub fn hub(h: HubIdx) -> Closure {
        Closure {
            target: ClosureTarget::Hub(h),
            from: None,
            until: None,
            capacity_factor: 0.0,
        }
    }

    /// The same closure, only from `from` until `until` (exclusive).
    pub fn between(self, from: DateTime<Utc>, until: DateTime<Utc>) -> Closure {
        Closure {
            from: Some(from),
            until: Some(until),
            ..self
        }
    }

    /// The same target with its capacity scaled by `factor` (0 = closed).
    pub fn scaled(self, factor: f64) -> Closure {
        Closure {
            capacity_factor: factor,
            ..self
        }
    }
}

/// The closures of one query, indexed for O(1) lookup per arc.
#[derive(Debug, Clone)]
pub struct Closures<'a> {
    topo: &'a Topology,
    epoch: DateTime<Utc>,
    /// Closed intervals per link, seconds since the epoch.
    link_closed: Vec<Vec<(i64, i64)>>,
    /// Closed intervals per hub.
    hub_closed: Vec<Vec<(i64, i64)>>,
    /// Capacity reductions (factor > 0) with their intervals.
    scaled: Vec<(ClosureTarget, i64, i64, f64)>,
    any: bool,
}

impl<'a> Closures<'a> {
    /// No closures.
    pub fn none(topo: &'a Topology, epoch: DateTime<Utc>) -> Closures<'a> {
        Closures {
            topo,
            epoch,
            link_closed: vec![Vec::new(); topo.link_count()],
            hub_closed: vec![Vec::new(); topo.hub_count()],
            scaled: Vec::new(),
            any: false,
        }
    }

    /// Closures relative to a query epoch. Fails on an index outside the
    /// topology, a factor outside 0..=1, or an interval that ends before it
    /// starts.
    pub fn new(
        topo: &'a Topology,
        epoch: DateTime<Utc>,
        closures: &[Closure],
    ) -> Result<Closures<'a>, Error> {
        let mut c = Closures::none(topo, epoch);
        for x in closures {
            c.add(*x)?;
        }
        Ok(c)
    }

    /// Adds a closure.
    pub fn add(&mut self, x: Closure) -> Result<(), Error> {
        let ok = match x.target {
            ClosureTarget::Link(l) => l.index() < self.link_closed.len(),
            ClosureTarget::Hub(h) => h.index() < self.hub_closed.len(),
        };
        if !ok {
            return Err(Error::InvalidRequest(format!(
                "closure of {:?} names no link or hub of the topology",
                x.target
            )));
        }
        if !(x.capacity_factor.is_finite() && (0.0..=1.0).contains(&x.capacity_factor)) {
            return Err(Error::InvalidRequest(format!(
                "closure of {:?}: capacity factor {} must be between 0 and 1",
                x.target, x.capacity_factor
            )));
        }
        let s = x.from.map_or(-FOREVER, |t| {
            (t - self.epoch).num_seconds().clamp(-FOREVER, FOREVER)
        });
        let e = x.until.map_or(FOREVER, |t| {
            (t - self.epoch).num_seconds().clamp(-FOREVER, FOREVER)
        });
        if e < s {
            return Err(Error::InvalidRequest(format!(
                "closure of {:?} ends before it starts",
                x.target
            )));
        }
        if x.capacity_factor > 0.0 {
            self.scaled.push((x.target, s, e, x.capacity_factor));
            return Ok(());
        }
        match x.target {
            ClosureTarget::Link(l) => self.link_closed[l.index()].push((s, e)),
            ClosureTarget::Hub(h) => self.hub_closed[h.index()].push((s, e)),
        }
        self.any = true;
        Ok(())
    }

    /// Closes a link for all time (e.g. to find a link-disjoint alternative).
    pub fn close_link(&mut self, l: LinkIdx) {
        if let Some(v) = self.link_closed.get_mut(l.index()) {
            v.push((-FOREVER, FOREVER));
            self.any = true;
        }
    }

    /// The share of capacity left on a link or hub at instant `t` (seconds
    /// since the epoch): 0 while closed, the product of the factors of the
    /// reductions in force, else 1.
    pub fn capacity_factor(&self, target: ClosureTarget, t: i64) -> f64 {
        let closed = match target {
            ClosureTarget::Link(l) => &self.link_closed[l.index()],
            ClosureTarget::Hub(h) => &self.hub_closed[h.index()],
        };
        if closed.iter().any(|&(s, e)| s <= t && t < e) {
            return 0.0;
        }
        self.scaled
            .iter()
            .filter(|(x, s, e, _)| *x == target && *s <= t && t < *e)
            .map(|x| x.3)
            .product()
    }
}

impl ArcTiming for Closures<'_> {
    fn entry(&self, a: ArcIdx, t: i64, duration: u32) -> Option<i64> {
        if !self.any {
            return Some(t);
        }
        let d = i64::from(duration);
        let link = self.topo.link[a.index()];
        let tail = self.topo.node_hub[self.topo.tail[a.index()] as usize] as usize;
        let head = self.topo.node_hub[self.topo.head[a.index()] as usize] as usize;
        let mut t = t;
        // Intervals may chain (one reopening inside the next closure):
        // repeat until no rule moves `t`. Each step is non-decreasing in `t`.
        loop {
            let mut moved = false;
            if link != NONE {
                for &(s, e) in &self.link_closed[link as usize] {
                    if t < e && t + d > s {
                        if e >= FOREVER {
                            return None;
                        }
                        t = e;
                        moved = true;
                    }
                }
            }
            for &(s, e) in &self.hub_closed[tail] {
                if s <= t && t < e {
                    if e >= FOREVER {
                        return None;
                    }
                    t = e;
                    moved = true;
                }
            }
            for &(s, e) in &self.hub_closed[head] {
                if s <= t + d && t + d < e {
                    if e >= FOREVER {
                        return None;
                    }
                    t = e - d;
                    moved = true;
                }
            }
            if !moved {
                return Some(t);
            }
        }
    }

    fn cause(&self) -> WaitCause {
        WaitCause::Closure
    }
}
