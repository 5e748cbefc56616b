//! A movement order: the force to move, where from and to, when, under which
//! permit regime and march doctrine — read from a TOML file (format in
//! `data/FORMAT.md`, "Movement orders"). Every problem names the file, the
//! line and the key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use serde::Deserialize;
use toml::Spanned;

use super::assets::TransportAssets;
use super::doctrine::MarchDoctrine;
use super::schedule::{MoveOptions, UnitOrder};
use super::unit::ForceElement;
use crate::error::Error;
use crate::force::{CarriagePolicy, FormationCatalogue, VehicleCatalogue};
use crate::routing::{DrivingRule, RouteChoice};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrderFile {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    sources: Vec<String>,
    network: Spanned<String>,
    #[serde(default = "default_regime")]
    regime: Spanned<String>,
    #[serde(default)]
    compare_regimes: Vec<Spanned<String>>,
    #[serde(default)]
    permit_request: Option<Spanned<String>>,
    #[serde(default)]
    framework: Option<String>,
    #[serde(default)]
    doctrine: MarchDoctrine,
    #[serde(default)]
    rules: RulesFile,
    #[serde(default)]
    orderings: Vec<UnitOrder>,
    #[serde(default)]
    assets: TransportAssets,
    #[serde(default, rename = "element")]
    elements: Vec<Spanned<ElementFile>>,
    /// The scenario report's `[report]` table (read and checked by
    /// `milmob::report::ReportSettings`); planning ignores it.
    #[serde(default, rename = "report")]
    _report: Option<serde::de::IgnoredAny>,
}

fn default_regime() -> Spanned<String> {
    Spanned::new(0..0, "pledge-2024".to_string())
}

/// Rules of the movement beyond march doctrine.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    max_driving_hours: Option<f64>,
    rest_hours: Option<f64>,
    route_tolerance_min: Option<f64>,
    strict_earliest: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ElementFile {
    id: String,
    origin: Spanned<String>,
    destination: Spanned<String>,
    #[serde(default)]
    carriage: Option<Spanned<String>>,
    depart: Spanned<String>,
    #[serde(default = "one")]
    priority: u32,
    /// A formation from the catalogue (`data/formations.toml`)…
    #[serde(default)]
    formation: Option<Spanned<String>>,
    /// …this many times (default 1).
    #[serde(default)]
    count: Option<u32>,
    /// Vehicles (besides the formation's, if any).
    #[serde(default)]
    vehicles: Option<Spanned<BTreeMap<String, u32>>>,
    /// Most km its tracked vehicles may drive on their own tracks.
    #[serde(default)]
    max_self_propelled_km: Option<Spanned<f64>>,
}

fn one() -> u32 {
    1
}

/// A parsed movement order.
#[derive(Debug, Clone, PartialEq)]
pub struct MovementOrder {
    /// Name of the movement.
    pub name: String,
    /// What it is, and what is illustrative.
    pub description: String,
    /// Where its facts come from.
    pub sources: Vec<String>,
    /// The network folder (resolved against the order file's folder).
    pub network: PathBuf,
    /// The permit regime (built-in name or file).
    pub regime: String,
    /// Regimes to compare (empty = none).
    pub compare_regimes: Vec<String>,
    /// The force.
    pub elements: Vec<ForceElement>,
    /// Planning options from the order's doctrine and permit settings.
    pub options: MoveOptions,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> u64 {
    text[..at.min(text.len())].matches('\n').count() as u64 + 1
}

/// The key written on the line of byte offset `at`, before `at`: `a` for
/// `a = …`, `a.b` for `a = { b = …` (inline tables), for error messages.
fn key_at(text: &str, at: usize) -> Option<String> {
    let head = text.get(..at.min(text.len()))?;
    let start = head.rfind('\n').map_or(0, |i| i + 1);
    let before = text.get(start..at)?;
    let mut keys: Vec<&str> = Vec::new();
    for part in before.split(['{', ',']) {
        if let Some((k, _)) = part.split_once('=') {
            let k = k.trim();
            if !k.is_empty() && !k.contains(['[', ']', '"']) {
                keys.push(k);
            }
        }
    }
    match keys.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        [first, .., last] => Some(format!("{first}.{last}")),
    }
}

impl MovementOrder {
    /// Reads an order file; formations come from the built-in catalogue.
    pub fn load(
        path: impl AsRef<Path>,
        catalogue: &VehicleCatalogue,
    ) -> Result<MovementOrder, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        Self::parse(&text, path, catalogue)
    }

    /// Parses order text; `file` names it in errors and anchors the network
    /// path. Formations come from the built-in catalogue.
    pub fn parse(
        text: &str,
        file: &Path,
        catalogue: &VehicleCatalogue,
    ) -> Result<MovementOrder, Error> {
        Self::parse_with(text, file, catalogue, FormationCatalogue::builtin())
    }

    /// Parses order text with formations from `formations`.
    pub fn parse_with(
        text: &str,
        file: &Path,
        catalogue: &VehicleCatalogue,
        formations: &FormationCatalogue,
    ) -> Result<MovementOrder, Error> {
        let err = |at: Option<usize>, message: String| Error::Parse {
            file: file.to_path_buf(),
            line: at.map(|a| line_of(text, a)),
            message,
        };
        let raw: OrderFile = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| s.start);
            let key = at.and_then(|a| key_at(text, a));
            let message = e
                .message()
                .trim()
                .replace("expected u32", "expected a whole number of 0 or more");
            err(
                at,
                match key {
                    Some(k) => format!("key `{k}`: {message}"),
                    None => message,
                },
            )
        })?;
        let instant = |s: &Spanned<String>, key: &str| {
            DateTime::parse_from_rfc3339(s.get_ref().trim())
                .map(|d| d.to_utc())
                .map_err(|e| {
                    err(
                        Some(s.span().start),
                        format!(
                            "`{key}` = `{}` is not an RFC 3339 instant with a zone ({e})",
                            s.get_ref()
                        ),
                    )
                })
        };
        let base = file.parent().unwrap_or(Path::new("."));
        let network = base.join(raw.network.get_ref());
        let mut elements = Vec::new();
        let mut seen = BTreeMap::new();
        for el in &raw.elements {
            let e = el.get_ref();
            let at = Some(el.span().start);
            if let Some(prev) = seen.insert(e.id.clone(), el.span().start) {
                return Err(err(
                    at,
                    format!(
                        "element id `{}` is used twice (first at line {})",
                        e.id,
                        line_of(text, prev)
                    ),
                ));
            }
            let carriage = match &e.carriage {
                Some(c) => c.get_ref().parse::<CarriagePolicy>().map_err(|x| {
                    err(
                        Some(c.span().start),
                        format!("element `{}`, key `carriage`: {x}", e.id),
                    )
                })?,
                None => CarriagePolicy::Auto,
            };
            let mut vehicles: Vec<(String, u32)> = Vec::new();
            if let Some(f) = &e.formation {
                let count = e.count.unwrap_or(1);
                vehicles = formations.expand(f.get_ref(), count).map_err(|x| {
                    err(
                        Some(f.span().start),
                        format!("element `{}`, key `formation`: {x}", e.id),
                    )
                })?;
            } else if e.count.is_some() {
                return Err(err(
                    at,
                    format!("element `{}`, key `count`: needs `formation`", e.id),
                ));
            }
            if let Some(list) = &e.vehicles {
                for (v, c) in list.get_ref() {
                    if catalogue.get(v).is_none() {
                        return Err(err(
                            Some(list.span().start),
                            format!(
                                "element `{}`, key `vehicles`: unknown vehicle type `{v}`",
                                e.id
                            ),
                        ));
                    }
                    if *c == 0 || *c > 100_000 {
                        return Err(err(
                            Some(list.span().start),
                            format!(
                                "element `{}`, key `vehicles.{v}`: count {c} must be 1..=100000",
                                e.id
                            ),
                        ));
                    }
                    match vehicles.iter_mut().find(|x| &x.0 == v) {
                        Some(x) => x.1 += c,
                        None => vehicles.push((v.clone(), *c)),
                    }
                }
            }
            if vehicles.is_empty() {
                return Err(err(
                    at,
                    format!(
                        "element `{}`: no vehicles (give `vehicles` or `formation`)",
                        e.id
                    ),
                ));
            }
            if e.priority == 0 {
                return Err(err(
                    at,
                    format!(
                        "element `{}`, key `priority`: must be 1 or more (1 = first)",
                        e.id
                    ),
                ));
            }
            let max_self_propelled_km = match &e.max_self_propelled_km {
                Some(km) if !(km.get_ref().is_finite() && *km.get_ref() >= 0.0) => {
                    return Err(err(
                        Some(km.span().start),
                        format!(
                            "element `{}`, key `max_self_propelled_km`: {} is not a distance (expected km, 0 or more)",
                            e.id,
                            km.get_ref()
                        ),
                    ));
                }
                Some(km) => Some(*km.get_ref()),
                None => None,
            };
            elements.push(ForceElement {
                id: e.id.clone(),
                vehicles,
                origin: e.origin.get_ref().clone(),
                destination: e.destination.get_ref().clone(),
                carriage,
                earliest_departure: instant(&e.depart, "depart")?,
                priority: e.priority,
                max_self_propelled_km,
            });
        }
        if elements.is_empty() {
            return Err(err(None, "the order has no [[element]]".into()));
        }
        raw.doctrine
            .validate()
            .map_err(|e| err(None, format!("[doctrine]: {e}")))?;
        let d = &raw.rules;
        let mut options = MoveOptions {
            doctrine: raw.doctrine.clone(),
            ..MoveOptions::default()
        };
        let range = |key: &str, v: f64, lo: f64, hi: f64| {
            if v.is_finite() && v >= lo && v <= hi {
                Ok(v)
            } else {
                Err(err(
                    None,
                    format!("`rules.{key}` = {v} must be between {lo} and {hi}"),
                ))
            }
        };
        let hours = d
            .max_driving_hours
            .map(|h| range("max_driving_hours", h, 0.0, 24.0))
            .transpose()?;
        let rest = range("rest_hours", d.rest_hours.unwrap_or(14.0), 0.0, 72.0)?;
        options.driving = match hours {
            Some(0.0) => None,
            Some(h) => Some(DrivingRule::hours(h, rest)),
            None => Some(DrivingRule::hours(10.0, rest)),
        };
        options.choice = RouteChoice {
            strict_earliest: d.strict_earliest.unwrap_or(false),
            tolerance_min: range(
                "route_tolerance_min",
                d.route_tolerance_min.unwrap_or(180.0),
                0.0,
                43_200.0,
            )?,
            ..RouteChoice::default()
        };
        options.permit_request = raw
            .permit_request
            .as_ref()
            .map(|p| instant(p, "permit_request"))
            .transpose()?;
        options.framework = raw.framework.clone();
        if !raw.orderings.is_empty() {
            options.orderings = raw.orderings.clone();
        }
        if let Some(p) = raw.assets.problems().into_iter().next() {
            return Err(err(None, format!("[assets]: {p}")));
        }
        options.assets = raw.assets.clone();
        Ok(MovementOrder {
            name: raw.name,
            description: raw.description,
            sources: raw.sources,
            network,
            regime: raw.regime.get_ref().clone(),
            compare_regimes: raw
                .compare_regimes
                .iter()
                .map(|r| r.get_ref().clone())
                .collect(),
            elements,
            options,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "test"
network = "../europe"
regime = "pledge-2024"

[[element]]
id = "A"
origin = "DE-NABBURG-RH"
destination = "LT-RUKLA-SA"
carriage = "rail"
depart = "2026-03-02T06:00:00+01:00"
vehicles = { leopard_2a6 = 14 }
"#;

    #[test]
    fn parses_assets() {
        let cat = VehicleCatalogue::builtin();
        let text = format!(
            "{GOOD}\n[[assets.rail]]\nrailhead = \"DE-NABBURG-RH\"\nlocomotives = 4\nwagons = 120\ntrains_per_day = 3\n\n[[assets.het]]\nhome = \"DE-GRAFENWOHR-SA\"\ncount = 20\n"
        );
        let o = MovementOrder::parse(&text, Path::new("x.toml"), cat).unwrap();
        let a = &o.options.assets;
        assert_eq!(a.rail[0].locomotives, Some(4));
        assert_eq!(a.rail[0].turnaround_min, 120.0);
        assert_eq!(a.het[0].count, 20);
        assert_eq!(
            a.formation_headways(),
            vec![("DE-NABBURG-RH".to_string(), 28_800)]
        );
        let bad = text.replace("trains_per_day = 3", "trains_per_day = 0");
        let e = MovementOrder::parse(&bad, Path::new("x.toml"), cat)
            .unwrap_err()
            .to_string();
        assert!(e.contains("trains_per_day"), "{e}");
        let bad = text.replace("count = 20", "count = 20\nspeed = 3");
        assert!(MovementOrder::parse(&bad, Path::new("x.toml"), cat).is_err());
        // Orders without assets load as before: no limits.
        let o = MovementOrder::parse(GOOD, Path::new("x.toml"), cat).unwrap();
        assert!(o.options.assets.is_empty());
    }

    #[test]
    fn max_self_propelled_km_is_read_and_checked() {
        let cat = VehicleCatalogue::builtin();
        let with = |v: &str| {
            GOOD.replace(
                "vehicles = {",
                &format!("max_self_propelled_km = {v}\nvehicles = {{"),
            )
        };
        let o = MovementOrder::parse(&with("50"), Path::new("x.toml"), cat).unwrap();
        assert_eq!(o.elements[0].max_self_propelled_km, Some(50.0));
        for bad in ["-5.0", "nan", "inf"] {
            let e = MovementOrder::parse(&with(bad), Path::new("x.toml"), cat)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("x.toml:12") && e.contains("max_self_propelled_km"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn parses_and_locates_errors() {
        let cat = VehicleCatalogue::builtin();
        let o = MovementOrder::parse(GOOD, Path::new("data/scenarios/x.toml"), cat).unwrap();
        assert_eq!(o.elements.len(), 1);
        assert_eq!(o.network, Path::new("data/scenarios/../europe"));
        assert_eq!(o.elements[0].carriage, CarriagePolicy::Rail);
        let bad = GOOD.replace("leopard_2a6 = 14", "leopard_9 = 14");
        let e = MovementOrder::parse(&bad, Path::new("x.toml"), cat)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.toml:12") && e.contains("leopard_9"), "{e}");
        let bad = GOOD.replace("+01:00\"", "\"");
        let e = MovementOrder::parse(&bad, Path::new("x.toml"), cat)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.toml:11") && e.contains("depart"), "{e}");
        let bad = GOOD.replace("carriage = \"rail\"", "carriage = \"zeppelin\"");
        let e = MovementOrder::parse(&bad, Path::new("x.toml"), cat)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.toml:10") && e.contains("carriage"), "{e}");
        let bad = GOOD.replace("leopard_2a6 = 14", "leopard_2a6 = 0");
        assert!(MovementOrder::parse(&bad, Path::new("x.toml"), cat).is_err());
        let e = MovementOrder::parse(
            &GOOD.replace("leopard_2a6 = 14", "leopard_2a6 = -14"),
            Path::new("x.toml"),
            cat,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("x.toml:12")
                && e.contains("key `vehicles.leopard_2a6`")
                && e.contains("-14"),
            "{e}"
        );
        // The scenario report's table is accepted (and ignored) here.
        let with_report = format!("{GOOD}\n[report]\nwhat_if = [\"w.toml\"]\ntop = 3\n");
        assert!(MovementOrder::parse(&with_report, Path::new("x.toml"), cat).is_ok());
        let bad = format!("{GOOD}\nunknown = 1\n");
        let e = MovementOrder::parse(&bad, Path::new("x.toml"), cat)
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown"), "{e}");
    }
}
