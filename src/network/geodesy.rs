//! Distances on the Earth, via `geo` (no home-made formulas).

use geo::{Distance, Geodesic, Haversine, Point};

/// Geodesic (WGS84 ellipsoid, Karney) distance between two points, km.
pub fn geodesic_km(a: Point<f64>, b: Point<f64>) -> f64 {
    Geodesic.distance(a, b) / 1000.0
}

/// Great-circle (haversine, mean radius 6371.0088 km) distance, km.
pub fn haversine_km(a: Point<f64>, b: Point<f64>) -> f64 {
    Haversine.distance(a, b) / 1000.0
}

/// Mean Earth radius used by [`haversine_km`], km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_warsaw() {
        let berlin = Point::new(13.405, 52.52);
        let warsaw = Point::new(21.012, 52.23);
        let d = geodesic_km(berlin, warsaw);
        assert!((d - 518.0).abs() < 5.0, "{d}");
        assert!((haversine_km(berlin, warsaw) - d).abs() < 3.0);
    }
}
