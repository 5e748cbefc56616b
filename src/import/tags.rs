//! From an OpenStreetMap way's tags to what milmob models: mode and class,
//! direction, march speed, load limits, bridge and tunnel flags, access.
//!
//! Works on plain `(key, value)` pairs, so it is the same for PBF ways,
//! tests and any other source of OSM tags. Every value that cannot be read
//! is logged in a [`TagLog`] with the way id and treated as absent (no
//! known limit), never as zero.

use std::collections::BTreeMap;

use serde::Serialize;

use super::highway::HighwayClass;
use super::units::{self, TagValue, ValueError};
use crate::network::{Limits, Mode, TunnelCategory};

/// Highest rail speed milmob assumes for a military train, km/h, even
/// where `maxspeed` is higher: the TEN-T core freight standard line speed
/// (Regulation (EU) 2024/1679: 100 km/h). **Assumption** for the cap.
pub const RAIL_FREIGHT_MAX_KMH: f64 = 100.0;

/// Gross weight above which a vehicle is a heavy goods vehicle (EU vehicle
/// categories N2/N3, Directive 2007/46/EC: more than 3.5 t). `hgv=no`
/// becomes this weight limit.
pub const HGV_THRESHOLD_T: f64 = 3.5;

/// What kind of way it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WayKind {
    /// A road of this class.
    Road(HighwayClass),
    /// A railway (`railway=rail`).
    Rail,
}

impl WayKind {
    /// The transport mode.
    pub fn mode(&self) -> Mode {
        match self {
            WayKind::Road(_) => Mode::Road,
            WayKind::Rail => Mode::Rail,
        }
    }

    /// The class name for reports: the highway class, or `rail`.
    pub fn label(&self) -> &'static str {
        match self {
            WayKind::Road(c) => c.as_str(),
            WayKind::Rail => "rail",
        }
    }
}

/// Which way along the way's node order it may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Both ways.
    Both,
    /// Only in the order of the way's nodes.
    Forward,
    /// Only against the order of the way's nodes (`oneway=-1`).
    Backward,
}

impl Direction {
    /// The direction seen when walking the way backwards.
    pub fn reversed(self) -> Direction {
        match self {
            Direction::Both => Direction::Both,
            Direction::Forward => Direction::Backward,
            Direction::Backward => Direction::Forward,
        }
    }
}

/// Who may use the way, as far as a military column is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Open to motor vehicles (no restriction, `yes`, `designated`,
    /// `permissive`, `destination`, `delivery`, `military`).
    Open,
    /// Closed to motor vehicles (`no`, `private`, `agricultural`,
    /// `forestry`, `emergency`, …): the way is not imported.
    Closed,
}

/// Everything milmob reads from one way's tags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WayAttributes {
    /// Road class or rail.
    pub kind: WayKind,
    /// Permitted direction along the node order.
    pub direction: Direction,
    /// March speed, km/h: for roads the class default capped by
    /// `maxspeed:hgv` or `maxspeed`; for rail `maxspeed` capped at
    /// [`RAIL_FREIGHT_MAX_KMH`], `None` (the mode's default) when untagged.
    pub speed_kmh: Option<f64>,
    /// Load limits (`None` = no known limit).
    pub limits: Limits,
    /// Rail track gauges, mm (several on dual-gauge track; empty = untagged).
    pub gauges: Vec<u16>,
    /// `bridge=*` other than `no`.
    pub bridge: bool,
    /// `tunnel=*` other than `no`.
    pub tunnel: bool,
    /// Whether motor vehicles may use it.
    pub access: Access,
    /// `ref` and `name`, if any.
    pub name: Option<String>,
}

/// A tag value that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Rejection {
    /// OSM way id.
    pub way: i64,
    /// Tag key.
    pub key: String,
    /// Tag value as found.
    pub value: String,
    /// Why it was refused.
    pub reason: String,
}

/// Counts of tags read and refused, by key, and the refused values with
/// their way ids (in way id order after [`TagLog::finish`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TagLog {
    /// Tags read, by key.
    pub parsed: BTreeMap<String, u64>,
    /// Tags refused (unparsable or implausible), by key.
    pub rejected: BTreeMap<String, u64>,
    /// Noteworthy readings that are not errors, by kind (e.g.
    /// `maxheight=below_default`, `hgv=destination`, `untagged tunnel`).
    pub notes: BTreeMap<String, u64>,
    /// Every refused value.
    pub rejections: Vec<Rejection>,
}

impl TagLog {
    fn parsed(&mut self, key: &str) {
        *self.parsed.entry(key.to_string()).or_default() += 1;
    }

    fn reject(&mut self, way: i64, key: &str, value: &str, e: ValueError) {
        *self.rejected.entry(key.to_string()).or_default() += 1;
        self.rejections.push(Rejection {
            way,
            key: key.to_string(),
            value: value.to_string(),
            reason: e.0,
        });
    }

    /// Counts one noteworthy reading.
    pub fn note(&mut self, what: impl Into<String>) {
        *self.notes.entry(what.into()).or_default() += 1;
    }

    /// Adds another log's counts and rejections.
    pub fn merge(&mut self, other: TagLog) {
        for (map, o) in [
            (&mut self.parsed, other.parsed),
            (&mut self.rejected, other.rejected),
            (&mut self.notes, other.notes),
        ] {
            for (k, n) in o {
                *map.entry(k).or_default() += n;
            }
        }
        self.rejections.extend(other.rejections);
    }

    /// Sorts the rejections by way id and key (deterministic output
    /// whatever order the ways were read in).
    pub fn finish(&mut self) {
        self.rejections.sort();
    }

    /// Tags read, all keys.
    pub fn parsed_total(&self) -> u64 {
        self.parsed.values().sum()
    }

    /// Tags refused, all keys.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }
}

/// Plausible ranges of limits (as `data/FORMAT.md` validates them); a value
/// outside is refused like an unparsable one.
const RANGES: &[(&str, f64, f64)] = &[
    ("weight", 1.0, 2000.0),
    ("axle", 1.0, 100.0),
    ("height", 1.0, 10.0),
    ("width", 1.0, 10.0),
    ("length", 1.0, 1000.0),
    ("speed", 1.0, 1000.0),
];

fn in_range(what: &str, v: f64, raw: &str) -> Result<f64, ValueError> {
    let (_, lo, hi) = RANGES
        .iter()
        .find(|(w, _, _)| *w == what)
        .copied()
        .unwrap_or(("", f64::MIN, f64::MAX));
    if (lo..=hi).contains(&v) {
        Ok(v)
    } else {
        Err(ValueError(format!(
            "`{raw}`: {what} {v} is outside the plausible range {lo}..{hi}"
        )))
    }
}

/// A tag lookup over `(key, value)` pairs (the last value of a repeated key
/// wins, as in OSM editors).
struct Tags<'a> {
    map: BTreeMap<&'a str, &'a str>,
}

impl<'a> Tags<'a> {
    fn get(&self, k: &str) -> Option<&'a str> {
        self.map.get(k).copied()
    }
}

/// The kind of way the tags describe, if milmob imports that kind at all
/// (any `highway` class of [`HighwayClass`], `railway=rail`); areas
/// (`area=yes`) are not ways to drive along.
pub fn way_kind<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<WayKind> {
    let mut highway = None;
    let mut railway = None;
    let mut area = false;
    for (k, v) in tags {
        match k {
            "highway" => highway = Some(v),
            "railway" => railway = Some(v),
            "area" => area = v == "yes",
            _ => {}
        }
    }
    if area {
        return None;
    }
    if let Some(c) = highway.and_then(|h| h.parse::<HighwayClass>().ok()) {
        return Some(WayKind::Road(c));
    }
    (railway == Some("rail")).then_some(WayKind::Rail)
}

/// Reads a way's tags. `kind` is what [`way_kind`] found. Refused values
/// go to `log` with `way_id`.
pub fn read_way<'a>(
    way_id: i64,
    kind: WayKind,
    tags: impl IntoIterator<Item = (&'a str, &'a str)>,
    log: &mut TagLog,
) -> WayAttributes {
    let t = Tags {
        map: tags.into_iter().collect(),
    };
    let mut limits = Limits::default();
    let read = |key: &str,
                parse: fn(&str) -> Result<TagValue, ValueError>,
                what: &str,
                log: &mut TagLog|
     -> Option<f64> {
        let raw = t.get(key)?;
        match parse(raw).and_then(|v| match v {
            TagValue::Value(x) => in_range(what, x, raw).map(TagValue::Value),
            other => Ok(other),
        }) {
            Ok(v) => {
                log.parsed(key);
                match v {
                    TagValue::Value(x) => Some(x),
                    TagValue::BelowDefault => {
                        log.note(format!(
                            "{key}=below_default (value unknown, treated as absent)"
                        ));
                        None
                    }
                    TagValue::Default | TagValue::Unlimited => None,
                }
            }
            Err(e) => {
                log.reject(way_id, key, raw, e);
                None
            }
        }
    };
    let min = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    limits.max_weight_t = min(
        read("maxweight", units::weight_t, "weight", log),
        read("maxweight:hgv", units::weight_t, "weight", log),
    );
    limits.max_axle_t = read("maxaxleload", units::weight_t, "axle", log);
    limits.max_height_m = min(
        read("maxheight", units::length_m, "height", log),
        read("maxheight:physical", units::length_m, "height", log),
    );
    limits.max_width_m = min(
        read("maxwidth", units::length_m, "width", log),
        read("maxwidth:physical", units::length_m, "width", log),
    );
    limits.max_length_m = read("maxlength", units::length_m, "length", log);
    let maxspeed = read("maxspeed", units::speed_kmh, "speed", log);
    let maxspeed_hgv = read("maxspeed:hgv", units::speed_kmh, "speed", log);

    let mlc = |key: &str, log: &mut TagLog| -> Option<u16> {
        let raw = t.get(key)?;
        match units::mlc(raw) {
            Ok(v) => {
                log.parsed(key);
                v
            }
            Err(e) => {
                log.reject(way_id, key, raw, e);
                None
            }
        }
    };
    let both = mlc("mlc", log);
    let wheeled = mlc("mlc:wheeled", log);
    let tracked = mlc("mlc:tracked", log);
    let min16 = |a: Option<u16>, b: Option<u16>| match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    limits.mlc_wheeled = min16(both, wheeled);
    limits.mlc_tracked = min16(both, tracked);

    let bridge = t.get("bridge").is_some_and(|v| v != "no");
    let tunnel = t.get("tunnel").is_some_and(|v| v != "no");
    limits.tunnel_category = tunnel_category(way_id, &t, tunnel, log);

    let direction = direction(way_id, kind, &t, log);
    let access = access(&t, &mut limits, log);

    let mut gauges = Vec::new();
    if kind == WayKind::Rail {
        if let Some(raw) = t.get("gauge") {
            match units::gauges_mm(raw) {
                Ok(g) => {
                    log.parsed("gauge");
                    gauges = g;
                }
                Err(e) => log.reject(way_id, "gauge", raw, e),
            }
        }
    }
    let speed_kmh = match kind {
        WayKind::Road(c) => {
            let posted = maxspeed_hgv.or(maxspeed);
            Some(posted.map_or(c.default_speed_kmh(), |p| p.min(c.default_speed_kmh())))
        }
        WayKind::Rail => maxspeed.map(|v| v.min(RAIL_FREIGHT_MAX_KMH)),
    };
    let name = match (t.get("ref"), t.get("name")) {
        (Some(r), Some(n)) => Some(format!("{r} {n}")),
        (r, n) => r.or(n).map(str::to_string),
    };
    WayAttributes {
        kind,
        direction,
        speed_kmh,
        limits,
        gauges,
        bridge,
        tunnel,
        access,
        name,
    }
}

/// ADR tunnel category: `hazmat:adr_tunnel_cat=A..E`; `hazmat=no` (no
/// dangerous goods at all) is read as category `E`, the most restrictive
/// the model has (`E` still admits a few UN numbers: an approximation on
/// the safe side); `hazmat=yes|designated` is no restriction.
fn tunnel_category(
    way_id: i64,
    t: &Tags<'_>,
    tunnel: bool,
    log: &mut TagLog,
) -> Option<TunnelCategory> {
    let mut cat = None;
    if let Some(raw) = t.get("hazmat:adr_tunnel_cat") {
        match raw.parse::<TunnelCategory>() {
            Ok(c) => {
                log.parsed("hazmat:adr_tunnel_cat");
                cat = Some(c);
            }
            Err(e) => log.reject(way_id, "hazmat:adr_tunnel_cat", raw, ValueError(e)),
        }
    }
    if let Some(raw) = t.get("hazmat") {
        match raw {
            "no" => {
                log.parsed("hazmat");
                cat = Some(TunnelCategory::E);
            }
            "yes" | "designated" | "permissive" => log.parsed("hazmat"),
            "destination" | "delivery" | "permit" => {
                log.parsed("hazmat");
                log.note(format!("hazmat={raw} (treated as no restriction)"));
            }
            _ => log.reject(
                way_id,
                "hazmat",
                raw,
                ValueError(format!(
                    "`{raw}` is not a hazmat access value (expected no, yes, designated, destination)"
                )),
            ),
        }
    }
    if tunnel && cat.is_none() {
        log.note("tunnel without ADR category (no known restriction)");
    }
    cat
}

fn direction(way_id: i64, kind: WayKind, t: &Tags<'_>, log: &mut TagLog) -> Direction {
    let implied = match kind {
        WayKind::Road(c) if c.implies_oneway() => Direction::Forward,
        _ if matches!(t.get("junction"), Some("roundabout" | "circular")) => Direction::Forward,
        _ => Direction::Both,
    };
    let Some(raw) = t.get("oneway") else {
        return implied;
    };
    match raw {
        "yes" | "true" | "1" => {
            log.parsed("oneway");
            Direction::Forward
        }
        "-1" | "reverse" => {
            log.parsed("oneway");
            Direction::Backward
        }
        "no" | "false" | "0" => {
            log.parsed("oneway");
            Direction::Both
        }
        "reversible" | "alternating" => {
            log.parsed("oneway");
            log.note(format!("oneway={raw} (both ways, at different times)"));
            Direction::Both
        }
        _ => {
            log.reject(
                way_id,
                "oneway",
                raw,
                ValueError(format!(
                    "`{raw}` is not a oneway value (expected yes, no, -1, reversible); the class's implied direction is used"
                )),
            );
            implied
        }
    }
}

/// Motor-vehicle access (the most specific of `hgv`, `motor_vehicle`,
/// `vehicle`, `access` decides, OSM wiki Key:access) and the HGV rule:
/// `hgv=no` where motor vehicles may pass becomes a
/// [`HGV_THRESHOLD_T`] weight limit. `destination` / `delivery` are open
/// (**assumption**: a military movement to a site counts as destination
/// traffic) and noted; `access=military` is open.
fn access(t: &Tags<'_>, limits: &mut Limits, log: &mut TagLog) -> Access {
    let closed = |v: &str| {
        matches!(
            v,
            "no" | "private" | "agricultural" | "forestry" | "emergency" | "discouraged_no"
        )
    };
    let general = ["motor_vehicle", "vehicle", "access"]
        .iter()
        .find_map(|k| t.get(k).map(|v| (*k, v)));
    let hgv = t.get("hgv");
    for (k, v) in general.into_iter().chain(hgv.map(|v| ("hgv", v))) {
        if matches!(v, "destination" | "delivery" | "military") {
            log.note(format!("{k}={v} (treated as open)"));
        }
    }
    match (general, hgv) {
        (_, Some(h)) if !closed(h) => Access::Open,
        (Some((_, g)), _) if closed(g) => Access::Closed,
        (_, Some(_)) => {
            log.note("hgv barred (weight limit 3.5 t)");
            limits.max_weight_t = Some(
                limits
                    .max_weight_t
                    .map_or(HGV_THRESHOLD_T, |w| w.min(HGV_THRESHOLD_T)),
            );
            Access::Open
        }
        _ => Access::Open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn way(tags: &[(&str, &str)]) -> (Option<WayAttributes>, TagLog) {
        let mut log = TagLog::default();
        let kind = way_kind(tags.iter().copied());
        let a = kind.map(|k| read_way(7, k, tags.iter().copied(), &mut log));
        (a, log)
    }

    #[test]
    fn kinds() {
        assert_eq!(
            way_kind([("highway", "primary")]),
            Some(WayKind::Road(HighwayClass::Primary))
        );
        assert_eq!(way_kind([("railway", "rail")]), Some(WayKind::Rail));
        assert_eq!(way_kind([("railway", "tram")]), None);
        assert_eq!(way_kind([("highway", "footway")]), None);
        assert_eq!(way_kind([("highway", "service"), ("area", "yes")]), None);
    }

    #[test]
    fn limits_and_units() {
        let (a, log) = way(&[
            ("highway", "secondary"),
            ("maxweight", "7500 kg"),
            ("maxaxleload", "11.5"),
            ("maxheight", "12'6\""),
            ("maxwidth", "2.5 m"),
            ("maxlength", "18"),
            ("mlc", "50"),
            ("mlc:tracked", "40"),
        ]);
        let l = a.unwrap().limits;
        assert_eq!(l.max_weight_t, Some(7.5));
        assert_eq!(l.max_axle_t, Some(11.5));
        assert!((l.max_height_m.unwrap() - 3.81).abs() < 1e-9);
        assert_eq!(l.max_width_m, Some(2.5));
        assert_eq!(l.max_length_m, Some(18.0));
        assert_eq!(l.mlc_wheeled, Some(50));
        assert_eq!(l.mlc_tracked, Some(40));
        assert_eq!(log.parsed_total(), 7);
        assert_eq!(log.rejected_total(), 0);
    }

    #[test]
    fn unparsable_values_are_absent_and_logged() {
        let (a, log) = way(&[
            ("highway", "primary"),
            ("maxweight", "heavy"),
            ("maxheight", "0"),
            ("maxwidth", "55"),
            ("mlc", "200"),
            ("oneway", "sometimes"),
            ("hazmat:adr_tunnel_cat", "F"),
        ]);
        let a = a.unwrap();
        assert!(a.limits.is_unlimited(), "{:?}", a.limits);
        assert_eq!(a.direction, Direction::Both);
        assert_eq!(log.rejected_total(), 6);
        assert!(log.rejections.iter().all(|r| r.way == 7));
        let keys: Vec<_> = log.rejections.iter().map(|r| r.key.as_str()).collect();
        assert!(keys.contains(&"maxweight") && keys.contains(&"mlc"));
    }

    #[test]
    fn keywords_are_never_zero() {
        let (a, log) = way(&[
            ("highway", "primary"),
            ("maxheight", "below_default"),
            ("maxweight", "none"),
            ("maxwidth", "default"),
        ]);
        assert!(a.unwrap().limits.is_unlimited());
        assert_eq!(log.parsed_total(), 3);
        assert_eq!(log.notes.len(), 1);
    }

    #[test]
    fn oneway_rules() {
        let dir = |tags: &[(&str, &str)]| way(tags).0.unwrap().direction;
        assert_eq!(dir(&[("highway", "primary")]), Direction::Both);
        assert_eq!(
            dir(&[("highway", "primary"), ("oneway", "yes")]),
            Direction::Forward
        );
        assert_eq!(
            dir(&[("highway", "primary"), ("oneway", "-1")]),
            Direction::Backward
        );
        assert_eq!(dir(&[("highway", "motorway")]), Direction::Forward);
        assert_eq!(dir(&[("highway", "motorway_link")]), Direction::Forward);
        assert_eq!(
            dir(&[("highway", "motorway"), ("oneway", "no")]),
            Direction::Both
        );
        assert_eq!(
            dir(&[("highway", "tertiary"), ("junction", "roundabout")]),
            Direction::Forward
        );
        assert_eq!(
            dir(&[("highway", "tertiary"), ("oneway", "reversible")]),
            Direction::Both
        );
        assert_eq!(Direction::Forward.reversed(), Direction::Backward);
    }

    #[test]
    fn hazmat_and_tunnels() {
        let cat = |tags: &[(&str, &str)]| way(tags).0.unwrap().limits.tunnel_category;
        assert_eq!(
            cat(&[
                ("highway", "primary"),
                ("tunnel", "yes"),
                ("hazmat:adr_tunnel_cat", "D")
            ]),
            Some(TunnelCategory::D)
        );
        assert_eq!(
            cat(&[("highway", "primary"), ("tunnel", "yes"), ("hazmat", "no")]),
            Some(TunnelCategory::E)
        );
        assert_eq!(
            cat(&[("highway", "primary"), ("hazmat", "designated")]),
            None
        );
        let (a, log) = way(&[("highway", "primary"), ("tunnel", "yes")]);
        let a = a.unwrap();
        assert!(a.tunnel && !a.bridge && a.limits.tunnel_category.is_none());
        assert_eq!(log.notes.values().sum::<u64>(), 1);
        let (a, _) = way(&[("highway", "primary"), ("bridge", "viaduct")]);
        assert!(a.unwrap().bridge);
        let (a, _) = way(&[("highway", "primary"), ("bridge", "no")]);
        assert!(!a.unwrap().bridge);
    }

    #[test]
    fn access_rules() {
        let acc = |tags: &[(&str, &str)]| way(tags).0.unwrap();
        assert_eq!(
            acc(&[("highway", "service"), ("access", "private")]).access,
            Access::Closed
        );
        assert_eq!(
            acc(&[("highway", "service"), ("access", "no"), ("hgv", "yes")]).access,
            Access::Open
        );
        assert_eq!(
            acc(&[("highway", "track"), ("access", "military")]).access,
            Access::Open
        );
        let a = acc(&[("highway", "primary"), ("hgv", "no"), ("maxweight", "12")]);
        assert_eq!(a.access, Access::Open);
        assert_eq!(a.limits.max_weight_t, Some(HGV_THRESHOLD_T));
        let a = acc(&[("highway", "primary"), ("hgv", "destination")]);
        assert_eq!(a.limits.max_weight_t, None);
    }

    #[test]
    fn speeds_and_gauge() {
        let a = way(&[("highway", "motorway")]).0.unwrap();
        assert_eq!(a.speed_kmh, Some(66.0));
        let a = way(&[("highway", "primary"), ("maxspeed", "30")])
            .0
            .unwrap();
        assert_eq!(a.speed_kmh, Some(30.0));
        let a = way(&[("highway", "primary"), ("maxspeed", "100")])
            .0
            .unwrap();
        assert_eq!(a.speed_kmh, Some(40.0));
        let a = way(&[
            ("highway", "motorway"),
            ("maxspeed", "120"),
            ("maxspeed:hgv", "60"),
        ])
        .0
        .unwrap();
        assert_eq!(a.speed_kmh, Some(60.0));
        let (a, _) = way(&[
            ("railway", "rail"),
            ("gauge", "1435;1668"),
            ("maxspeed", "160"),
        ]);
        let a = a.unwrap();
        assert_eq!(a.gauges, vec![1435, 1668]);
        assert_eq!(a.speed_kmh, Some(RAIL_FREIGHT_MAX_KMH));
        assert_eq!(way(&[("railway", "rail")]).0.unwrap().speed_kmh, None);
        let (a, log) = way(&[
            ("highway", "primary"),
            ("ref", "CG-1"),
            ("name", "Avinguda"),
            ("maxspeed", "XX:urban"),
        ]);
        assert_eq!(a.unwrap().name.as_deref(), Some("CG-1 Avinguda"));
        assert_eq!(log.rejected.get("maxspeed"), Some(&1));
    }
}
