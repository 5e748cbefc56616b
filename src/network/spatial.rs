//! Spatial index of hubs (rstar R*-tree): nearest hub, hubs within a radius,
//! hubs near a line.
//!
//! Hubs are stored as points on the unit sphere (x, y, z), so Euclidean
//! (chord) distance in the tree orders hubs exactly as great-circle distance
//! does; results are reported in km on the sphere of radius
//! [`EARTH_RADIUS_KM`] (haversine).

use geo::{Closest, Densify, Haversine, HaversineClosestPoint, LineString, Point};
use rstar::primitives::GeomWithData;
use rstar::RTree;

use super::geodesy::{haversine_km, EARTH_RADIUS_KM};
use super::{Hub, HubKind, Network};

type Entry = GeomWithData<[f64; 3], usize>;

/// A hub found by a spatial query, with its great-circle distance in km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HubHit<'a> {
    /// The hub.
    pub hub: &'a Hub,
    /// Great-circle distance from the query, km.
    pub distance_km: f64,
}

/// An R*-tree over a network's hubs. Built once; it borrows the network.
pub struct HubIndex<'a> {
    hubs: Vec<&'a Hub>,
    tree: RTree<Entry>,
}

fn unit(p: Point<f64>) -> [f64; 3] {
    let (lat, lon) = (p.y().to_radians(), p.x().to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Squared chord length on the unit sphere for a great-circle distance in km.
fn chord2(km: f64) -> f64 {
    let angle = (km / EARTH_RADIUS_KM).min(std::f64::consts::PI);
    let c = 2.0 * (angle / 2.0).sin();
    c * c
}

impl<'a> HubIndex<'a> {
    /// Indexes every hub with finite coordinates.
    pub fn new(network: &'a Network) -> HubIndex<'a> {
        let hubs: Vec<&Hub> = network
            .hubs()
            .filter(|h| h.lat().is_finite() && h.lon().is_finite())
            .collect();
        let entries = hubs
            .iter()
            .enumerate()
            .map(|(i, h)| GeomWithData::new(unit(h.location), i))
            .collect();
        HubIndex {
            hubs,
            tree: RTree::bulk_load(entries),
        }
    }

    /// The nearest hub to `at` (lon/lat degrees), optionally only of `kind`
    /// and within `max_km`. Ties are broken by hub id.
    pub fn nearest(
        &self,
        at: Point<f64>,
        kind: Option<HubKind>,
        max_km: Option<f64>,
    ) -> Option<HubHit<'a>> {
        let q = unit(at);
        let mut best: Option<HubHit<'a>> = None;
        for e in self.tree.nearest_neighbor_iter(&q) {
            let hub = self.hubs[e.data];
            let d = haversine_km(at, hub.location);
            if let Some(b) = &best {
                // Past the best by more than rounding: no closer hub can follow.
                if d > b.distance_km + 1e-9 {
                    break;
                }
            }
            if max_km.is_some_and(|m| d > m) {
                break;
            }
            if kind.is_some_and(|k| !hub.is(k)) {
                continue;
            }
            match &best {
                Some(b) if (b.distance_km, &b.hub.id) <= (d, &hub.id) => {}
                _ => {
                    best = Some(HubHit {
                        hub,
                        distance_km: d,
                    })
                }
            }
        }
        best
    }

    /// Hubs within `radius_km` of `at`, nearest first (ties by id).
    pub fn within(&self, at: Point<f64>, radius_km: f64) -> Vec<HubHit<'a>> {
        let q = unit(at);
        // Slightly enlarge the chord so rounding never drops a hub on the edge.
        let r2 = chord2(radius_km) * (1.0 + 1e-9) + 1e-15;
        let mut out: Vec<HubHit<'a>> = self
            .tree
            .locate_within_distance(q, r2)
            .map(|e| {
                let hub = self.hubs[e.data];
                HubHit {
                    hub,
                    distance_km: haversine_km(at, hub.location),
                }
            })
            .filter(|h| h.distance_km <= radius_km)
            .collect();
        sort_hits(&mut out);
        out
    }

    /// Hubs within `max_km` of a line (e.g. fuel points within 25 km of a
    /// route), optionally of one kind, nearest to the line first. Candidates
    /// come from the tree around points of the densified line; each is then
    /// measured exactly to its closest point on the line (great circle).
    pub fn near_line(
        &self,
        line: &LineString<f64>,
        max_km: f64,
        kind: Option<HubKind>,
    ) -> Vec<HubHit<'a>> {
        let step_km = (max_km / 4.0).clamp(0.05, 5.0);
        let dense = Haversine.densify(line, step_km * 1000.0);
        // Any hub within max_km of the line lies within max_km + step/2 of
        // some densified point.
        let r2 = chord2(max_km + step_km) * (1.0 + 1e-9);
        let mut candidates = std::collections::BTreeSet::new();
        for c in dense.0.iter() {
            for e in self.tree.locate_within_distance(unit(Point::from(*c)), r2) {
                candidates.insert(e.data);
            }
        }
        let mut out: Vec<HubHit<'a>> = candidates
            .into_iter()
            .filter(|&i| kind.is_none_or(|k| self.hubs[i].is(k)))
            .filter_map(|i| {
                let p = self.hubs[i].location;
                let d = match line.haversine_closest_point(&p) {
                    Closest::Intersection(q) | Closest::SinglePoint(q) => haversine_km(p, q),
                    Closest::Indeterminate => dense
                        .0
                        .iter()
                        .map(|c| haversine_km(p, Point::from(*c)))
                        .fold(f64::INFINITY, f64::min),
                };
                (d <= max_km).then_some(HubHit {
                    hub: self.hubs[i],
                    distance_km: d,
                })
            })
            .collect();
        sort_hits(&mut out);
        out
    }
}

fn sort_hits(v: &mut [HubHit<'_>]) {
    v.sort_by(|a, b| {
        a.distance_km
            .total_cmp(&b.distance_km)
            .then_with(|| a.hub.id.cmp(&b.hub.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::country::Country;
    use crate::network::NetworkMeta;

    fn net() -> Network {
        let de = Country::parse("DE").unwrap();
        let mut n = Network::new(NetworkMeta::default());
        for (i, lon) in [10.0, 10.5, 11.0, 12.0, 13.0].iter().enumerate() {
            let kind = if i % 2 == 0 {
                HubKind::FuelPoint
            } else {
                HubKind::Junction
            };
            n.add_hub(Hub::new(format!("h{i}"), "x", de, *lon, 52.0, &[kind]))
                .unwrap();
        }
        n
    }

    #[test]
    fn nearest_within_and_near_line_match_brute_force() {
        let n = net();
        let idx = HubIndex::new(&n);
        let at = Point::new(10.6, 52.1);
        let brute = n
            .hubs()
            .min_by(|a, b| haversine_km(at, a.location).total_cmp(&haversine_km(at, b.location)))
            .unwrap();
        assert_eq!(idx.nearest(at, None, None).unwrap().hub.id, brute.id);
        assert_eq!(
            idx.nearest(at, Some(HubKind::FuelPoint), None)
                .unwrap()
                .hub
                .id,
            "h2"
        );
        assert!(idx.nearest(at, None, Some(1.0)).is_none());
        let w = idx.within(Point::new(10.0, 52.0), 40.0);
        let ids: Vec<_> = w.iter().map(|h| h.hub.id.as_str()).collect();
        assert_eq!(ids, ["h0", "h1"]);
        let line = LineString::from(vec![(10.0, 52.2), (13.0, 52.2)]);
        let near = idx.near_line(&line, 25.0, Some(HubKind::FuelPoint));
        assert_eq!(near.len(), 3);
        assert!(idx.near_line(&line, 10.0, None).is_empty());
    }

    #[test]
    fn near_line_finds_every_hub_just_inside_the_radius() {
        let de = Country::parse("DE").unwrap();
        let mut n = Network::new(NetworkMeta::default());
        // 24.9 km east of the meridian 10°E at latitude φ: Δlon = d / (R cos φ).
        for i in 0..200 {
            let lat = 52.0 + i as f64 / 200.0;
            let dlon = (24.9 / super::EARTH_RADIUS_KM / lat.to_radians().cos()).to_degrees();
            n.add_hub(Hub::new(
                format!("h{i}"),
                "x",
                de,
                10.0 + dlon,
                lat,
                &[HubKind::FuelPoint],
            ))
            .unwrap();
        }
        let idx = HubIndex::new(&n);
        let line = LineString::from(vec![(10.0, 51.9), (10.0, 53.1)]);
        assert_eq!(idx.near_line(&line, 25.0, None).len(), 200);
        assert_eq!(idx.near_line(&line, 24.8, None).len(), 0);
    }
}
