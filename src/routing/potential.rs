//! The A* seam: a lower bound on the remaining time to a fixed target.
//!
//! A [`Potential`] must be a lower bound on the static (metric) distance to
//! the target and consistent (`π(u) ≤ cost(u, v) + π(v)`); every
//! time-dependent arc takes at least its metric cost, so such a bound is
//! also consistent for earliest-arrival search. Removing arcs or closing
//! links only lengthens distances, so a bound computed on the intact
//! network stays valid for every alternative, closure and diagnosis probe
//! of the same query — compute it once and pass it in.

use super::dijkstra::one_to_all;
use super::ids::NodeIdx;
use super::landmarks::Landmarks;
use super::metric::Metric;
use super::search_space::Buffers;
use super::topology::Topology;

/// A lower bound on the time (seconds, or weight units) from a node to the
/// query's target.
pub trait Potential {
    /// The bound at `v`, or `None` if `v` certainly cannot reach the target.
    fn bound(&self, v: NodeIdx) -> Option<u64>;
}

/// No bound: plain Dijkstra.
#[derive(Debug, Clone, Copy, Default)]
pub struct ZeroPotential;

impl Potential for ZeroPotential {
    #[inline]
    fn bound(&self, _v: NodeIdx) -> Option<u64> {
        Some(0)
    }
}

/// Exact static distances from every node to one target (one backward
/// Dijkstra on a metric): the tightest consistent bound there is.
#[derive(Debug, Clone)]
pub struct TargetDistances {
    target: NodeIdx,
    dist: Vec<u64>,
}

impl TargetDistances {
    /// Backward Dijkstra from `target` on `metric`.
    pub fn compute(topo: &Topology, metric: &Metric, target: NodeIdx) -> TargetDistances {
        let mut buffers = Buffers::default();
        let mut dist = Vec::new();
        one_to_all(topo, metric, &mut buffers, &[target.0], true, &mut dist);
        TargetDistances { target, dist }
    }

    /// The target.
    pub fn target(&self) -> NodeIdx {
        self.target
    }

    /// The static distance from `v` to the target (`None` = unreachable).
    pub fn distance(&self, v: NodeIdx) -> Option<u64> {
        self.dist.get(v.index()).copied().filter(|&d| d != u64::MAX)
    }
}

impl Potential for TargetDistances {
    #[inline]
    fn bound(&self, v: NodeIdx) -> Option<u64> {
        self.distance(v)
    }
}

/// ALT bounds (landmarks and the triangle inequality) towards one target.
#[derive(Debug, Clone, Copy)]
pub struct LandmarkPotential<'a> {
    landmarks: &'a Landmarks,
    target: NodeIdx,
}

impl<'a> LandmarkPotential<'a> {
    /// Bounds towards `target` from the landmark tables.
    pub fn new(landmarks: &'a Landmarks, target: NodeIdx) -> LandmarkPotential<'a> {
        LandmarkPotential { landmarks, target }
    }
}

impl Potential for LandmarkPotential<'_> {
    #[inline]
    fn bound(&self, v: NodeIdx) -> Option<u64> {
        self.landmarks.bound(v, self.target)
    }
}
