//! The map projection: Lambert azimuthal equal-area on the GRS 80
//! ellipsoid, centred at 52° N 10° E — ETRS89-extended / LAEA Europe
//! (EPSG:3035), the projection the EU uses for pan-European statistical
//! maps (areas true, shapes little distorted over Europe).
//!
//! The forward formulas are those of IOGP Publication 373-7-2 (Geomatics
//! Guidance Note 7, part 2, §3.2.4 "Lambert Azimuthal Equal Area", EPSG
//! method 9820), checked against that note's worked example and the GIGS
//! test data (tests below). Latitude and longitude are taken as ETRS89
//! degrees; the bundled coordinates are WGS 84, which differs from ETRS89
//! by well under a metre — nothing a map shows.

/// GRS 80 semi-major axis, metres.
const A: f64 = 6_378_137.0;
/// GRS 80 inverse flattening.
const INV_F: f64 = 298.257_222_101;
/// Latitude of the natural origin, degrees.
const LAT0_DEG: f64 = 52.0;
/// Longitude of the natural origin, degrees.
const LON0_DEG: f64 = 10.0;
/// False easting, metres.
const FALSE_EASTING: f64 = 4_321_000.0;
/// False northing, metres.
const FALSE_NORTHING: f64 = 3_210_000.0;

/// The LAEA Europe projection (EPSG:3035) with its constants computed once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LaeaEurope {
    e: f64,
    qp: f64,
    beta0_sin: f64,
    beta0_cos: f64,
    rq: f64,
    d: f64,
    lon0: f64,
}

impl Default for LaeaEurope {
    fn default() -> Self {
        LaeaEurope::new()
    }
}

impl LaeaEurope {
    /// The projection's constants (GN 7-2: e, q_P, β_O, R_q, D).
    pub fn new() -> LaeaEurope {
        let f = 1.0 / INV_F;
        let e2 = 2.0 * f - f * f;
        let e = e2.sqrt();
        let lat0 = LAT0_DEG.to_radians();
        let qp = q(e, std::f64::consts::FRAC_PI_2);
        let q0 = q(e, lat0);
        let beta0 = (q0 / qp).asin();
        let rq = A * (qp / 2.0).sqrt();
        let m0 = lat0.cos() / (1.0 - e2 * lat0.sin().powi(2)).sqrt();
        let d = A * m0 / (rq * beta0.cos());
        LaeaEurope {
            e,
            qp,
            beta0_sin: beta0.sin(),
            beta0_cos: beta0.cos(),
            rq,
            d,
            lon0: LON0_DEG.to_radians(),
        }
    }

    /// Easting and northing (metres, EPSG:3035) of a point at `lon`, `lat`
    /// (degrees). Defined everywhere except the antipode of the origin.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let phi = lat.to_radians();
        let dl = lon.to_radians() - self.lon0;
        let beta = (q(self.e, phi) / self.qp).clamp(-1.0, 1.0).asin();
        let denom = 1.0 + self.beta0_sin * beta.sin() + self.beta0_cos * beta.cos() * dl.cos();
        let b = self.rq * (2.0 / denom.max(1e-12)).sqrt();
        let east = FALSE_EASTING + b * self.d * beta.cos() * dl.sin();
        let north = FALSE_NORTHING
            + (b / self.d) * (self.beta0_cos * beta.sin() - self.beta0_sin * beta.cos() * dl.cos());
        (east, north)
    }
}

/// Authalic function q(φ) of GN 7-2 for eccentricity `e`.
fn q(e: f64, phi: f64) -> f64 {
    let s = phi.sin();
    let e2 = e * e;
    (1.0 - e2) * (s / (1.0 - e2 * s * s) - (1.0 / (2.0 * e)) * ((1.0 - e * s) / (1.0 + e * s)).ln())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published reference coordinates for EPSG:3035: (lon, lat) → (E, N).
    const REFERENCE: &[(&str, f64, f64, f64, f64)] = &[
        // IOGP GN 7-2 §3.2.4 worked example.
        ("GN 7-2 example", 5.0, 50.0, 3_962_799.45, 2_999_718.85),
        // GIGS test 5110 (IOGP GIGS test dataset, as used by PROJ's tests).
        ("GIGS 5110 70N", 5.0, 70.0, 4_127_824.658, 5_214_090.649),
        ("GIGS 5110 60N", 5.0, 60.0, 4_041_548.13, 4_109_791.66),
        // Origin: the false easting and northing.
        ("origin", 10.0, 52.0, 4_321_000.0, 3_210_000.0),
    ];

    #[test]
    fn matches_published_reference_coordinates() {
        let p = LaeaEurope::new();
        for &(name, lon, lat, e, n) in REFERENCE {
            let (x, y) = p.project(lon, lat);
            assert!(
                (x - e).abs() < 0.05 && (y - n).abs() < 0.05,
                "{name}: got ({x:.3}, {y:.3}), expected ({e}, {n})"
            );
        }
    }

    #[test]
    fn is_equal_area_near_the_origin_and_symmetric_about_the_meridian() {
        let p = LaeaEurope::new();
        let (xw, yw) = p.project(5.0, 55.0);
        let (xe, ye) = p.project(15.0, 55.0);
        assert!((xw + xe - 2.0 * FALSE_EASTING).abs() < 1e-6);
        assert!((yw - ye).abs() < 1e-6);
        // A degree of latitude near the origin is about 111.2 km.
        let (_, y1) = p.project(10.0, 51.5);
        let (_, y2) = p.project(10.0, 52.5);
        assert!(((y2 - y1) / 1000.0 - 111.26).abs() < 0.2, "{}", y2 - y1);
    }
}
