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
use super::ids::ArcIdx;

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

/// The time rules of one query: its epoch, the arc timings that apply, and
/// the daily driving limit.
pub struct Rules<'a> {
    /// Instant of time 0.
    pub epoch: DateTime<Utc>,
    timings: Vec<&'a dyn ArcTiming>,
    /// The daily driving limit of a road column, if any.
    pub driving: Option<DrivingRule>,
}

impl<'a> Rules<'a> {
    /// Rules with no timing and no driving limit: every arc at any time.
    pub fn new(epoch: DateTime<Utc>) -> Rules<'a> {
        Rules {
            epoch,
            timings: Vec::new(),
            driving: None,
        }
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
