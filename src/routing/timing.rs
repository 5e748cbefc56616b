//! The timing seam: how the earliest-arrival search learns when an arc may
//! be entered.
//!
//! An [`ArcTiming`] answers one question: "ready to enter arc `a` at
//! instant `t`, taking `d` seconds: when may I enter?". Its contract is
//! FIFO: the answer is never before `t` and never decreases when `t` grows
//! (leaving later never arrives earlier). Permit gates at borders
//! ([`PermitGates`](super::PermitGates)), local-time windows
//! ([`TimeWindows`](super::TimeWindows)) and closures
//! ([`Closures`](super::Closures)) are such timings; the force-movement
//! scheduler's capacity reservation table is another ("the next free slot
//! at or after `t`"). [`Rules`] composes any number of them: the entry
//! instant is the least common fixpoint — apply every timing in turn until
//! none moves the instant — which is again non-decreasing in `t`, so
//! earliest-arrival Dijkstra stays exact (Dreyfus 1969; Kaufman & Smith
//! 1993).
//!
//! The daily driving limit is not a function of the ready instant alone
//! (it depends on the driving since the last rest), so it is a label
//! resource of the search ([`DrivingRule`]), carried in [`Rules`] beside
//! the timings.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::driving::DrivingRule;
use super::ids::{ArcIdx, NodeIdx};
use super::metric::{Metric, UNUSABLE};
use super::topology::{ArcKind, Topology};
use crate::network::Mode;

/// What a wait is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitCause {
    /// Waiting for permission to enter a country.
    Permit,
    /// Waiting for a time window (opening hours, night-only links).
    Window,
    /// Waiting for a closed link or hub to reopen.
    Closure,
    /// Waiting for capacity (a slot on a link or at a hub service).
    Capacity,
}

impl WaitCause {
    /// Every cause, in the order waits are reported within one arc.
    pub const ALL: [WaitCause; 4] = [
        WaitCause::Permit,
        WaitCause::Window,
        WaitCause::Closure,
        WaitCause::Capacity,
    ];
}

/// When an arc may be entered: one rule of a query's timing.
pub trait ArcTiming: Sync {
    /// The earliest instant ≥ `t` (seconds since the query epoch) at which
    /// arc `a`, taking `duration` seconds, may be entered; `None` if never.
    /// Must be non-decreasing in `t` (FIFO).
    fn entry(&self, a: ArcIdx, t: i64, duration: u32) -> Option<i64>;
    /// What the waits this timing imposes are for.
    fn cause(&self) -> WaitCause;
}

/// How one arc was traversed from a ready instant (seconds since the query
/// epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traversal {
    /// When the movement was ready to take the arc.
    pub ready: i64,
    /// Seconds waited, per cause (indexed like [`WaitCause::ALL`]).
    pub waits: [i64; 4],
    /// When it entered the arc (`ready` + every wait).
    pub depart: i64,
    /// Arrival at the arc's head.
    pub arrive: i64,
}

impl Traversal {
    /// Seconds waited for one cause.
    pub fn wait(&self, cause: WaitCause) -> i64 {
        self.waits[cause as usize]
    }
}

/// Most rounds of the fixpoint: windows repeat daily and closures and
/// grants are finite, so timings that can meet do so long before this.
const MAX_ROUNDS: usize = 64;

/// A path pattern: the movement's main leg on one mode (rail, sea, inland
/// waterway, air), with road only to its first loading point and from its
/// last unloading point, each within a stated distance by road. It is what
/// the carriage policies `rail`, `sea`, `inland_waterway` and `air` mean.
#[derive(Debug, Clone)]
pub struct MainLeg {
    /// The main mode.
    pub mode: Mode,
    /// Road metres from the origin to each node (`u64::MAX` = not by road).
    from_origin_m: Vec<u64>,
    /// Road metres from each node to the destination.
    to_dest_m: Vec<u64>,
    /// Most road metres at either end.
    max_m: u64,
}

impl MainLeg {
    /// The pattern for a movement from `origin` to `dest` whose main leg is
    /// on `mode`, with at most `max_km` of road at each end (shortest road
    /// distances over every road link).
    pub fn new(
        topo: &Topology,
        mode: Mode,
        origin: NodeIdx,
        dest: NodeIdx,
        max_km: f64,
    ) -> MainLeg {
        // Road metres as a metric: road moves cost their length, all else unusable.
        let metres: Vec<u32> = (0..topo.arc_count())
            .map(|a| {
                if topo.kind[a] == ArcKind::Move
                    && topo.node_mode[topo.head[a] as usize] == Mode::Road
                {
                    (topo.links[topo.link[a] as usize].length_km * 1000.0)
                        .round()
                        .clamp(1.0, f64::from(u32::MAX / 4)) as u32
                } else {
                    UNUSABLE
                }
            })
            .collect();
        let km = Metric::from_arc_costs(metres);
        let mut b = super::search_space::Buffers::default();
        let (mut from_origin_m, mut to_dest_m) = (Vec::new(), Vec::new());
        super::dijkstra::one_to_all(topo, &km, &mut b, &[origin.0], false, &mut from_origin_m);
        super::dijkstra::one_to_all(topo, &km, &mut b, &[dest.0], true, &mut to_dest_m);
        MainLeg {
            mode,
            from_origin_m,
            to_dest_m,
            max_m: (max_km.max(0.0) * 1000.0).round() as u64,
        }
    }

    /// The phase after taking arc `a` in phase `phase` (0 = road to the
    /// main leg, 1 = on it, 2 = road after it), or `None` if the pattern
    /// forbids the arc. A load unloaded at a hub may be loaded again there
    /// (`just_unloaded`: a transshipment or a landing on the way), but not
    /// after driving on.
    #[inline]
    pub(crate) fn next_phase(
        &self,
        topo: &Topology,
        phase: u8,
        a: usize,
        just_unloaded: bool,
    ) -> Option<u8> {
        match topo.kind[a] {
            ArcKind::Move => {
                let head = topo.head[a] as usize;
                let m = topo.node_mode[head];
                if m == Mode::Road {
                    match phase {
                        0 => (self.from_origin_m[head] <= self.max_m).then_some(0),
                        2 => (self.to_dest_m[topo.tail[a] as usize] <= self.max_m).then_some(2),
                        _ => None,
                    }
                } else {
                    (m == self.mode && phase == 1).then_some(1)
                }
            }
            ArcKind::Load(m) => {
                (m == self.mode && (phase == 0 || (phase == 2 && just_unloaded))).then_some(1)
            }
            ArcKind::Unload(m) => (m == self.mode && phase == 1).then_some(2),
            ArcKind::GaugeChange => (phase == 1).then_some(1),
        }
    }
}

/// Route-choice penalties: seconds added to the search's ordering (not to
/// the timeline) per km moved and per border crossed, so that among routes
/// arriving about as early the search prefers shorter ones with fewer
/// borders.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Penalty {
    /// Seconds per km moved on any mode.
    pub per_km_secs: f64,
    /// Seconds per border crossed.
    pub per_border_secs: f64,
}

impl Penalty {
    /// The penalty of arc `a`, seconds.
    #[inline]
    pub(crate) fn of(&self, topo: &Topology, a: usize) -> i64 {
        if topo.kind[a] != ArcKind::Move {
            return 0;
        }
        let l = &topo.links[topo.link[a] as usize];
        let border = topo.hubs[l.from.index()].country != topo.hubs[l.to.index()].country;
        let p = self.per_km_secs * l.length_km + if border { self.per_border_secs } else { 0.0 };
        p.round().max(0.0) as i64
    }
}

/// The time rules of one query: its epoch, the arc timings that apply, the
/// daily driving limit, and optionally a main-leg pattern and route-choice
/// penalties.
pub struct Rules<'a> {
    /// Instant of time 0.
    pub epoch: DateTime<Utc>,
    timings: Vec<&'a dyn ArcTiming>,
    /// The daily driving limit of a road column, if any.
    pub driving: Option<DrivingRule>,
    /// The main-leg pattern the route must follow, if any.
    pub main_leg: Option<&'a MainLeg>,
    /// Route-choice penalties for the search's ordering, if any.
    pub penalty: Option<Penalty>,
}

impl<'a> Rules<'a> {
    /// Rules with no timing and no driving limit: every arc at any time.
    pub fn new(epoch: DateTime<Utc>) -> Rules<'a> {
        Rules {
            epoch,
            timings: Vec::new(),
            driving: None,
            main_leg: None,
            penalty: None,
        }
    }

    /// Requires the main-leg pattern.
    pub fn with_main_leg(mut self, main_leg: Option<&'a MainLeg>) -> Rules<'a> {
        self.main_leg = main_leg;
        self
    }

    /// The same rules, the search ordered by time plus `penalty`.
    pub fn penalised(&self, penalty: Penalty) -> Rules<'a> {
        Rules {
            epoch: self.epoch,
            timings: self.timings.clone(),
            driving: self.driving,
            main_leg: self.main_leg,
            penalty: Some(penalty),
        }
    }

    /// Orders the search by time plus these penalties.
    pub fn with_penalty(mut self, penalty: Option<Penalty>) -> Rules<'a> {
        self.penalty = penalty;
        self
    }

    /// Adds a timing (applied with every other one).
    pub fn with(mut self, timing: &'a dyn ArcTiming) -> Rules<'a> {
        self.timings.push(timing);
        self
    }

    /// Sets the daily driving limit.
    pub fn with_driving(mut self, driving: Option<DrivingRule>) -> Rules<'a> {
        self.driving = driving;
        self
    }

    /// The timings, in the order given.
    pub fn timings(&self) -> &[&'a dyn ArcTiming] {
        &self.timings
    }

    /// The instant `s` seconds after the epoch.
    pub fn instant(&self, s: i64) -> DateTime<Utc> {
        self.epoch + Duration::seconds(s)
    }

    /// Takes arc `a` (lasting `duration` seconds) when ready at `ready`:
    /// the least instant ≥ `ready` that every timing accepts, or `None` if
    /// there is none. Allocation-free.
    #[inline]
    pub fn pass(&self, a: ArcIdx, ready: i64, duration: u32) -> Option<Traversal> {
        let mut t = ready;
        let mut waits = [0i64; 4];
        if !self.timings.is_empty() {
            let mut settled = false;
            for _ in 0..MAX_ROUNDS {
                let mut moved = false;
                for r in &self.timings {
                    let e = r.entry(a, t, duration)?;
                    if e > t {
                        waits[r.cause() as usize] += e - t;
                        t = e;
                        moved = true;
                    }
                }
                if !moved {
                    settled = true;
                    break;
                }
            }
            if !settled {
                return None;
            }
        }
        Some(Traversal {
            ready,
            waits,
            depart: t,
            arrive: t + i64::from(duration),
        })
    }
}
