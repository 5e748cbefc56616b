//! Country outlines: which country a point lies in, and the shapes to draw on a
//! map.
//!
//! milmob embeds a simplified copy of Natural Earth's 1:10m Admin 0 countries
//! for Europe and its neighbours (`data/naturalearth/europe_countries.geojson`,
//! public domain, "Made with Natural Earth"; see the README beside it).
//! [`CountryOutlines::bundled`] parses it once on first use. Other outline
//! files in the same shape (a GeoJSON FeatureCollection of Polygon or
//! MultiPolygon features with an `iso_a2` and a `name` property, lon/lat WGS84
//! degrees) load with [`CountryOutlines::from_geojson_str`] or
//! [`CountryOutlines::load`].
//!
//! The bundled outlines are simplified to about 3 km, so a point on a coast or
//! within a few km of a border may fall outside every polygon or on the wrong
//! side. [`CountryOutlines::country_at`] accepts the nearest outline within
//! [`COAST_TOLERANCE_KM`] when no polygon contains the point;
//! [`CountryOutlines::containing`] is the strict test.

use std::path::Path;
use std::sync::OnceLock;

use geo::{
    BoundingRect, Closest, ClosestPoint, Contains, Coord, LineString, MultiPolygon, Point, Polygon,
    Rect,
};
use geojson::{GeoJson, Value};

use crate::country::Country;
use crate::error::Error;
use crate::network::geodesy::haversine_km;

/// The bundled Natural Earth file, embedded in the library.
const BUNDLED: &str = include_str!("../data/naturalearth/europe_countries.geojson");

/// How far outside every outline a point may lie and still be given the
/// nearest outline's country by [`CountryOutlines::country_at`], km. The
/// bundled outlines are simplified to about 3 km; 5 km covers ports and
/// border crossings drawn just outside the simplified coast or border.
pub const COAST_TOLERANCE_KM: f64 = 5.0;

/// One country's or territory's outline.
#[derive(Debug, Clone)]
pub struct CountryOutline {
    /// The country, when its `iso_a2` is a code milmob knows (see
    /// [`Country`]); `None` for territories such as Akrotiri or Northern
    /// Cyprus and for countries outside milmob's list (e.g. Algeria).
    pub country: Option<Country>,
    /// The file's `iso_a2` property as written (e.g. `DE`, `CY-N`), if any.
    pub iso_a2: Option<String>,
    /// The file's `name` property (e.g. `Germany`).
    pub name: String,
    /// The outline, lon/lat WGS84 degrees (x = longitude, y = latitude).
    pub shape: MultiPolygon<f64>,
    /// The outline's bounding box, lon/lat degrees.
    pub bounds: Rect<f64>,
}

/// A set of country outlines with point-in-polygon lookup.
#[derive(Debug, Clone)]
pub struct CountryOutlines {
    outlines: Vec<CountryOutline>,
}

impl CountryOutlines {
    /// The bundled Natural Earth outlines of Europe and its neighbours (75
    /// countries and territories), parsed once on first use.
    pub fn bundled() -> &'static CountryOutlines {
        static OUTLINES: OnceLock<CountryOutlines> = OnceLock::new();
        OUTLINES.get_or_init(|| {
            CountryOutlines::from_geojson_str(BUNDLED, "data/naturalearth/europe_countries.geojson")
                .expect("the bundled Natural Earth file parses (tested)")
        })
    }

    /// Reads outlines from a GeoJSON file (see the module documentation for
    /// the expected shape).
    pub fn load(path: impl AsRef<Path>) -> Result<CountryOutlines, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        CountryOutlines::from_geojson_str(&text, &path.display().to_string())
    }

    /// Parses outlines from GeoJSON text; `origin` names the text in errors
    /// (a file name). Features with another geometry than Polygon or
    /// MultiPolygon, or without a `name`, are errors naming the feature.
    pub fn from_geojson_str(text: &str, origin: &str) -> Result<CountryOutlines, Error> {
        let parse_error = |message: String| Error::Parse {
            file: origin.into(),
            line: None,
            message,
        };
        let geojson: GeoJson = text
            .parse()
            .map_err(|e| parse_error(format!("not GeoJSON: {e}")))?;
        let GeoJson::FeatureCollection(collection) = geojson else {
            return Err(parse_error("expected a FeatureCollection".into()));
        };
        let mut outlines = Vec::with_capacity(collection.features.len());
        for (index, feature) in collection.features.iter().enumerate() {
            let property = |key: &str| {
                feature
                    .property(key)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let name = property("name").ok_or_else(|| {
                parse_error(format!("feature {index}: no string property `name`"))
            })?;
            let iso_a2 = property("iso_a2");
            let geometry = feature
                .geometry
                .as_ref()
                .ok_or_else(|| parse_error(format!("feature {index} (`{name}`): no geometry")))?;
            let shape = match &geometry.value {
                Value::Polygon(rings) => MultiPolygon(vec![polygon(rings)]),
                Value::MultiPolygon(polygons) => {
                    MultiPolygon(polygons.iter().map(|rings| polygon(rings)).collect())
                }
                other => {
                    return Err(parse_error(format!(
                        "feature {index} (`{name}`): geometry {} is not a Polygon or MultiPolygon",
                        other.type_name()
                    )))
                }
            };
            let bounds = shape
                .bounding_rect()
                .ok_or_else(|| parse_error(format!("feature {index} (`{name}`): empty outline")))?;
            let country = iso_a2.as_deref().and_then(|c| Country::parse(c).ok());
            outlines.push(CountryOutline {
                country,
                iso_a2,
                name,
                shape,
                bounds,
            });
        }
        Ok(CountryOutlines { outlines })
    }

    /// Every outline, in file order.
    pub fn outlines(&self) -> &[CountryOutline] {
        &self.outlines
    }

    /// The outline whose polygon contains `point` (lon/lat degrees), if any.
    /// Strict: a point in the sea or just outside a simplified coast gives
    /// `None`.
    pub fn containing(&self, point: Point<f64>) -> Option<&CountryOutline> {
        self.outlines
            .iter()
            .find(|o| in_rect(&o.bounds, point, 0.0) && o.shape.contains(&point))
    }

    /// The outline that contains `point`, or else the nearest outline within
    /// `tolerance_km` of it, with the distance in km (0 when contained).
    pub fn nearest_within(
        &self,
        point: Point<f64>,
        tolerance_km: f64,
    ) -> Option<(&CountryOutline, f64)> {
        if let Some(outline) = self.containing(point) {
            return Some((outline, 0.0));
        }
        // 1° of latitude is 111 km; a generous box in degrees of longitude
        // at high latitudes: divide by cos(latitude).
        let margin_deg = tolerance_km / 111.0 / point.y().to_radians().cos().max(0.1);
        let mut best: Option<(&CountryOutline, f64)> = None;
        for outline in &self.outlines {
            if !in_rect(&outline.bounds, point, margin_deg) {
                continue;
            }
            let nearest = match outline.shape.closest_point(&point) {
                Closest::Intersection(p) | Closest::SinglePoint(p) => p,
                Closest::Indeterminate => continue,
            };
            let km = haversine_km(point, nearest);
            if km <= tolerance_km && best.is_none_or(|(_, b)| km < b) {
                best = Some((outline, km));
            }
        }
        best
    }

    /// How far `point` (lon/lat degrees) lies from `country`'s outline, km:
    /// 0 inside it, `None` when the file has no outline for the country.
    pub fn distance_km(&self, country: Country, point: Point<f64>) -> Option<f64> {
        self.outlines
            .iter()
            .filter(|o| o.country == Some(country))
            .filter_map(|o| {
                if o.shape.contains(&point) {
                    return Some(0.0);
                }
                match o.shape.closest_point(&point) {
                    Closest::Intersection(p) | Closest::SinglePoint(p) => {
                        Some(haversine_km(point, p))
                    }
                    Closest::Indeterminate => None,
                }
            })
            .min_by(f64::total_cmp)
    }

    /// The country at `point` (lon/lat degrees): the one whose outline contains
    /// it, else the nearest within [`COAST_TOLERANCE_KM`]; `None` in open sea,
    /// outside the file's coverage, or in a territory without a known code.
    pub fn country_at(&self, point: Point<f64>) -> Option<Country> {
        self.nearest_within(point, COAST_TOLERANCE_KM)
            .and_then(|(outline, _)| outline.country)
    }
}

fn in_rect(rect: &Rect<f64>, p: Point<f64>, margin: f64) -> bool {
    p.x() >= rect.min().x - margin
        && p.x() <= rect.max().x + margin
        && p.y() >= rect.min().y - margin
        && p.y() <= rect.max().y + margin
}

fn ring(points: &[Vec<f64>]) -> LineString<f64> {
    LineString(
        points
            .iter()
            .filter(|p| p.len() >= 2)
            .map(|p| Coord { x: p[0], y: p[1] })
            .collect(),
    )
}

/// A polygon from GeoJSON rings. A polygon whose exterior spans more than
/// 180° of longitude crosses the antimeridian without being split (Natural
/// Earth's Russia, from Kaliningrad to Chukotka, is one such ring): its
/// western longitudes are moved east by 360° so the ring stays continuous and
/// does not cover Europe. Points east of 180° (Chukotka) are then outside
/// every lookup, which no European movement needs.
fn polygon(rings: &[Vec<Vec<f64>>]) -> Polygon<f64> {
    let mut rings: Vec<LineString<f64>> = rings.iter().map(|r| ring(r)).collect();
    let crosses_antimeridian = rings.first().is_some_and(|exterior| {
        let (min, max) = exterior.coords().fold((f64::MAX, f64::MIN), |(lo, hi), c| {
            (lo.min(c.x), hi.max(c.x))
        });
        max - min > 180.0
    });
    if crosses_antimeridian {
        for ring in &mut rings {
            for c in ring.coords_mut() {
                if c.x < 0.0 {
                    c.x += 360.0;
                }
            }
        }
    }
    let mut rings = rings.into_iter();
    let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
    Polygon::new(exterior, rings.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lon: f64, lat: f64) -> Option<&'static str> {
        CountryOutlines::bundled()
            .country_at(Point::new(lon, lat))
            .map(|c| c.code())
    }

    #[test]
    fn bundled_file_has_every_feature() {
        let outlines = CountryOutlines::bundled().outlines();
        assert_eq!(outlines.len(), 75);
        assert!(outlines
            .iter()
            .any(|o| o.country.map(|c| c.code()) == Some("DE") && o.name == "Germany"));
    }

    #[test]
    fn capitals_lie_in_their_countries() {
        assert_eq!(at(13.405, 52.52), Some("DE")); // Berlin
        assert_eq!(at(21.012, 52.23), Some("PL")); // Warsaw
        assert_eq!(at(25.28, 54.687), Some("LT")); // Vilnius
        assert_eq!(at(2.352, 48.857), Some("FR")); // Paris
        assert_eq!(at(26.10, 44.43), Some("RO")); // Bucharest
        assert_eq!(at(1.522, 42.507), Some("AD")); // Andorra la Vella
        assert_eq!(at(7.42, 43.737), Some("MC")); // Monaco
        assert_eq!(at(37.62, 55.75), Some("RU")); // Moscow
        assert_eq!(at(20.225, 67.855), Some("SE")); // Kiruna, not Russia's wrapped ring
    }

    #[test]
    fn open_sea_has_no_country() {
        assert_eq!(at(19.0, 56.0), None); // Baltic Sea, between Gotland and Latvia
        assert_eq!(at(-20.0, 45.0), None); // Atlantic
    }

    #[test]
    fn a_port_just_off_the_simplified_coast_gets_its_country() {
        // Bremerhaven container terminal, on the Weser estuary.
        assert_eq!(at(8.56, 53.58), Some("DE"));
        // Klaipėda port.
        assert_eq!(at(21.13, 55.70), Some("LT"));
    }

    #[test]
    fn bad_geojson_is_a_typed_error_naming_the_feature() {
        let err = CountryOutlines::from_geojson_str("{", "x.geojson").unwrap_err();
        assert!(err.to_string().starts_with("x.geojson"), "{err}");
        let point = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
            "properties":{"name":"Nowhere"},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#;
        let err = CountryOutlines::from_geojson_str(point, "p.geojson").unwrap_err();
        assert!(err.to_string().contains("Nowhere"), "{err}");
    }
}
