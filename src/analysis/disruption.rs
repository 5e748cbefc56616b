//! Disruption files: what-if events for a movement — a link or hub closed, a
//! port closed, a link's or hub's capacity scaled, one country's network of
//! one mode degraded (a national rail cyber incident), each optionally
//! time-bounded; and upgrades (a link's limits raised, a capacity raised),
//! which are permanent. Format: `data/FORMAT.md`, "Disruption files".
//! Every problem names the file, the line and the key
//! ([`DisruptionError`]).
//!
//! Semantics when re-planning ([`super::replan`]):
//! - a closure (`link_closed`, `hub_closed`, `port_closed`, or a `factor` of
//!   0) is a [`Closure`] of the routing core: while closed a link may not be
//!   travelled (a unit waits at the hub before it until it reopens; the whole
//!   link must be clear of the interval), a hub may not be left or reached;
//!   closed for all time, units route around it or are cut off;
//! - a capacity factor in `0 < f < 1` scales the link's entry capacity (its
//!   headway grows by `1 / f`) or the hub services' `capacity_per_day`
//!   (their at-once limit follows the planner's rule) for units entering in
//!   the interval; permanent factors, and every factor above 1 (upgrades),
//!   edit the network;
//! - `country` applies to every link of the mode with an end in the country
//!   (border links included);
//! - `port_closed` closes the sea and inland-waterway links at the hub
//!   (roads and rail through it stay open);
//! - `link_upgrade` raises the link's limits (a load class for both wheeled
//!   and tracked traffic, axle load, clearance, …) to the stated values,
//!   never lowering one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::country::Country;
use crate::movement::Conditions;
use crate::network::{LineCategory, Mode, Network, TunnelCategory};
use crate::routing::{Closure, ClosureTarget, Topology};

/// A problem in a disruption file, with where it is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DisruptionError {
    /// The file cannot be read.
    #[error("{file}: {message}")]
    Io {
        /// The file.
        file: PathBuf,
        /// The OS error, in words.
        message: String,
    },
    /// Not valid TOML, or a key of the wrong type or unknown.
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Syntax {
        /// The file.
        file: PathBuf,
        /// 1-based line, if known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// A key whose value is wrong (out of range, contradicting another key,
    /// missing where the event kind needs it).
    #[error("{file}:{line}: event `{event}`, key `{key}`: {message}")]
    Invalid {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: u64,
        /// The event's id.
        event: String,
        /// The key.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// A link, hub or country id the network does not have.
    #[error("{file}:{line}: event `{event}`, key `{key}`: unknown {what} `{id}`")]
    Unknown {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: u64,
        /// The event's id.
        event: String,
        /// The key.
        key: String,
        /// `link`, `hub` or `country`.
        what: &'static str,
        /// The id.
        id: String,
    },
}

impl From<DisruptionError> for crate::Error {
    fn from(e: DisruptionError) -> crate::Error {
        match e {
            DisruptionError::Io { file, message } => crate::Error::Parse {
                file,
                line: None,
                message,
            },
            DisruptionError::Syntax {
                file,
                line,
                message,
            } => crate::Error::Parse {
                file,
                line,
                message,
            },
            other => {
                let (file, line) = match &other {
                    DisruptionError::Invalid { file, line, .. }
                    | DisruptionError::Unknown { file, line, .. } => (file.clone(), *line),
                    _ => unreachable!(),
                };
                let text = other.to_string();
                // Drop the "file:line: " prefix: `Error::Parse` prints it.
                let message = text
                    .split_once(": ")
                    .map_or(text.clone(), |(_, m)| m.to_string());
                crate::Error::Parse {
                    file,
                    line: Some(line),
                    message,
                }
            }
        }
    }
}

/// When an event starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// An instant.
    At(DateTime<Utc>),
    /// Hours after the plan's epoch (the force's earliest departure).
    AfterEpochH(f64),
}

impl When {
    /// The instant for a plan epoch.
    pub fn resolve(&self, epoch: DateTime<Utc>) -> DateTime<Utc> {
        match *self {
            When::At(t) => t,
            When::AfterEpochH(h) => epoch + Duration::seconds((h * 3600.0).round() as i64),
        }
    }
}

/// What an event does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum EventKind {
    /// A link closed (both directions).
    LinkClosed {
        /// Link id.
        link: String,
    },
    /// A hub closed (nothing leaves or reaches it).
    HubClosed {
        /// Hub id.
        hub: String,
    },
    /// A port closed: its sea and inland-waterway links.
    PortClosed {
        /// Hub id.
        hub: String,
    },
    /// A link's entry capacity scaled.
    LinkCapacity {
        /// Link id.
        link: String,
        /// Share of capacity left (0 = closed; > 1 = raised, permanent only).
        factor: f64,
    },
    /// A hub's handling capacity (every service) scaled.
    HubCapacity {
        /// Hub id.
        hub: String,
        /// Share of capacity left.
        factor: f64,
    },
    /// Every link of a mode with an end in a country degraded.
    Country {
        /// ISO code.
        country: String,
        /// The mode (default rail).
        mode: Mode,
        /// Share of capacity left (0 = closed).
        factor: f64,
    },
    /// A link's limits raised.
    LinkUpgrade {
        /// Link id.
        link: String,
        /// The raised limits (only the fields given).
        limits: Upgrade,
    },
}

/// Limits an upgrade raises to (each `None` = unchanged).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upgrade {
    /// Military load class for wheeled and tracked traffic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mlc: Option<u16>,
    /// Gross weight, t.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weight_t: Option<f64>,
    /// Axle load, t.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_axle_t: Option<f64>,
    /// Height, m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_height_m: Option<f64>,
    /// Width, m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_width_m: Option<f64>,
    /// Length, m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length_m: Option<f64>,
    /// ADR tunnel category (raising = a less restrictive letter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tunnel_category: Option<TunnelCategory>,
    /// EN 15528 line category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_category: Option<LineCategory>,
    /// Train length, m.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_train_m: Option<f64>,
    /// Out-of-gauge consignments admitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_gauge: Option<bool>,
}

impl Upgrade {
    /// Whether it raises nothing.
    pub fn is_empty(&self) -> bool {
        *self == Upgrade::default()
    }

    /// Applies it to limits, never lowering a limit.
    pub fn apply(&self, l: &mut crate::network::Limits) {
        fn raise<T: PartialOrd + Copy>(cur: &mut Option<T>, to: Option<T>) {
            if let (Some(c), Some(t)) = (cur.as_mut(), to) {
                if t > *c {
                    *c = t;
                }
            }
        }
        raise(&mut l.mlc_wheeled, self.mlc);
        raise(&mut l.mlc_tracked, self.mlc);
        raise(&mut l.max_weight_t, self.max_weight_t);
        raise(&mut l.max_axle_t, self.max_axle_t);
        raise(&mut l.max_height_m, self.max_height_m);
        raise(&mut l.max_width_m, self.max_width_m);
        raise(&mut l.max_length_m, self.max_length_m);
        raise(&mut l.max_train_m, self.max_train_m);
        if let (Some(c), Some(t)) = (l.tunnel_category.as_mut(), self.tunnel_category) {
            if t < *c {
                *c = t;
            }
        }
        if let (Some(c), Some(t)) = (l.line_category.as_mut(), self.line_category) {
            if t > *c {
                *c = t;
            }
        }
        if self.out_of_gauge == Some(true) && l.out_of_gauge == Some(false) {
            l.out_of_gauge = Some(true);
        }
    }

    /// In words, e.g. `MLC 80, axle 25 t`.
    pub fn describe(&self) -> String {
        let mut v = Vec::new();
        if let Some(m) = self.mlc {
            v.push(format!("MLC {m}"));
        }
        let mut num = |name: &str, x: Option<f64>, unit: &str| {
            if let Some(x) = x {
                v.push(format!("{name} {x} {unit}"));
            }
        };
        num("weight", self.max_weight_t, "t");
        num("axle", self.max_axle_t, "t");
        num("height", self.max_height_m, "m");
        num("width", self.max_width_m, "m");
        num("length", self.max_length_m, "m");
        num("train length", self.max_train_m, "m");
        if let Some(t) = self.tunnel_category {
            v.push(format!("tunnel category {t}"));
        }
        if let Some(c) = self.line_category {
            v.push(format!("line category {c}"));
        }
        if self.out_of_gauge == Some(true) {
            v.push("out-of-gauge admitted".into());
        }
        v.join(", ")
    }
}

/// One what-if event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Id (given, or `event-<n>`).
    pub id: String,
    /// What happens.
    #[serde(flatten)]
    pub kind: EventKind,
    /// Start (`None` = from the start).
    pub from: Option<When>,
    /// End, exclusive (`None` = for all time).
    pub until: Option<When>,
    /// Notes, sources.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Event {
    /// Whether it lasts for all time (no `from`, no `until`).
    pub fn permanent(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// The capacity factor it sets (0 for closures; `None` for upgrades).
    pub fn factor(&self) -> Option<f64> {
        match &self.kind {
            EventKind::LinkClosed { .. }
            | EventKind::HubClosed { .. }
            | EventKind::PortClosed { .. } => Some(0.0),
            EventKind::LinkCapacity { factor, .. }
            | EventKind::HubCapacity { factor, .. }
            | EventKind::Country { factor, .. } => Some(*factor),
            EventKind::LinkUpgrade { .. } => None,
        }
    }

    /// In words.
    pub fn describe(&self) -> String {
        let what = match &self.kind {
            EventKind::LinkClosed { link } => format!("link {link} closed"),
            EventKind::HubClosed { hub } => format!("hub {hub} closed"),
            EventKind::PortClosed { hub } => format!("port {hub} closed"),
            EventKind::LinkCapacity { link, factor } => {
                format!("link {link} capacity × {factor}")
            }
            EventKind::HubCapacity { hub, factor } => format!("hub {hub} capacity × {factor}"),
            EventKind::Country {
                country,
                mode,
                factor,
            } => {
                if *factor == 0.0 {
                    format!("{mode} in {country} closed")
                } else {
                    format!("{mode} capacity in {country} × {factor}")
                }
            }
            EventKind::LinkUpgrade { link, limits } => {
                format!("link {link} upgraded to {}", limits.describe())
            }
        };
        let t = |w: &When| match w {
            When::At(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
            When::AfterEpochH(h) => format!("epoch + {h} h"),
        };
        match (&self.from, &self.until) {
            (None, None) => what,
            (Some(f), None) => format!("{what} from {}", t(f)),
            (None, Some(u)) => format!("{what} until {}", t(u)),
            (Some(f), Some(u)) => format!("{what} from {} until {}", t(f), t(u)),
        }
    }
}

/// A parsed disruption file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disruptions {
    /// Name of the what-if.
    pub name: String,
    /// What it is, and what is illustrative.
    pub description: String,
    /// Where its facts come from.
    pub sources: Vec<String>,
    /// The events.
    pub events: Vec<Event>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default, rename = "event")]
    events: Vec<Spanned<RawEvent>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    #[serde(default)]
    id: Option<String>,
    kind: Spanned<String>,
    #[serde(default)]
    link: Option<Spanned<String>>,
    #[serde(default)]
    hub: Option<Spanned<String>>,
    #[serde(default)]
    country: Option<Spanned<String>>,
    #[serde(default)]
    mode: Option<Spanned<String>>,
    #[serde(default)]
    factor: Option<Spanned<f64>>,
    #[serde(default)]
    from: Option<Spanned<String>>,
    #[serde(default)]
    from_h: Option<Spanned<f64>>,
    #[serde(default)]
    until: Option<Spanned<String>>,
    #[serde(default)]
    hours: Option<Spanned<f64>>,
    #[serde(default)]
    upgrade: Option<Spanned<Upgrade>>,
    #[serde(default)]
    note: String,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> u64 {
    text[..at.min(text.len())].matches('\n').count() as u64 + 1
}

const KINDS: &str =
    "link_closed, hub_closed, port_closed, link_capacity, hub_capacity, country, link_upgrade";

impl Disruptions {
    /// No events.
    pub fn none() -> Disruptions {
        Disruptions {
            name: "baseline".into(),
            description: String::new(),
            sources: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Reads a disruption file and checks its ids against `network`.
    pub fn load(path: impl AsRef<Path>, network: &Network) -> Result<Disruptions, DisruptionError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| DisruptionError::Io {
            file: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Self::parse(&text, path, network)
    }

    /// Parses disruption text; `file` names it in errors.
    pub fn parse(
        text: &str,
        file: &Path,
        network: &Network,
    ) -> Result<Disruptions, DisruptionError> {
        let raw: File = toml::from_str(text).map_err(|e| DisruptionError::Syntax {
            file: file.to_path_buf(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let mut events = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for (n, sp) in raw.events.iter().enumerate() {
            let e = sp.get_ref();
            let id = e.id.clone().unwrap_or_else(|| format!("event-{}", n + 1));
            let line_at = |s: &std::ops::Range<usize>| line_of(text, s.start);
            let ev_line = line_at(&sp.span());
            let invalid = |key: &str, at: Option<std::ops::Range<usize>>, message: String| {
                DisruptionError::Invalid {
                    file: file.to_path_buf(),
                    line: at.map_or(ev_line, |s| line_at(&s)),
                    event: id.clone(),
                    key: key.into(),
                    message,
                }
            };
            let unknown = |key: &str, at: std::ops::Range<usize>, what: &'static str, v: &str| {
                DisruptionError::Unknown {
                    file: file.to_path_buf(),
                    line: line_at(&at),
                    event: id.clone(),
                    key: key.into(),
                    what,
                    id: v.to_string(),
                }
            };
            if !ids.insert(id.clone()) {
                return Err(invalid("id", None, "is used twice".into()));
            }
            let kind = e.kind.get_ref().trim();
            let need_link = |key: &str| -> Result<String, DisruptionError> {
                let l = e.link.as_ref().ok_or_else(|| {
                    invalid(key, None, format!("`kind = \"{kind}\"` needs `link`"))
                })?;
                if network.link(l.get_ref()).is_none() {
                    return Err(unknown("link", l.span(), "link", l.get_ref()));
                }
                Ok(l.get_ref().clone())
            };
            let need_hub = || -> Result<String, DisruptionError> {
                let h = e.hub.as_ref().ok_or_else(|| {
                    invalid("hub", None, format!("`kind = \"{kind}\"` needs `hub`"))
                })?;
                if network.hub(h.get_ref()).is_none() {
                    return Err(unknown("hub", h.span(), "hub", h.get_ref()));
                }
                Ok(h.get_ref().clone())
            };
            let factor = |upgrade_ok: bool| -> Result<f64, DisruptionError> {
                let f = e.factor.as_ref().ok_or_else(|| {
                    invalid(
                        "factor",
                        None,
                        format!("`kind = \"{kind}\"` needs `factor` (share of capacity left)"),
                    )
                })?;
                let v = *f.get_ref();
                let hi = if upgrade_ok { 100.0 } else { 1.0 };
                if !(v.is_finite() && (0.0..=hi).contains(&v)) {
                    return Err(invalid(
                        "factor",
                        Some(f.span()),
                        format!("{v} must be between 0 and {hi}"),
                    ));
                }
                Ok(v)
            };
            // Keys that the kind does not use are errors, not silently ignored.
            let allowed: &[&str] = match kind {
                "link_closed" => &["link"],
                "hub_closed" | "port_closed" => &["hub"],
                "link_capacity" => &["link", "factor"],
                "hub_capacity" => &["hub", "factor"],
                "country" => &["country", "mode", "factor"],
                "link_upgrade" => &["link", "upgrade"],
                _ => {
                    return Err(invalid(
                        "kind",
                        Some(e.kind.span()),
                        format!("unknown event kind `{kind}` (expected one of {KINDS})"),
                    ))
                }
            };
            let given: [(&str, Option<std::ops::Range<usize>>); 6] = [
                ("link", e.link.as_ref().map(|x| x.span())),
                ("hub", e.hub.as_ref().map(|x| x.span())),
                ("country", e.country.as_ref().map(|x| x.span())),
                ("mode", e.mode.as_ref().map(|x| x.span())),
                ("factor", e.factor.as_ref().map(|x| x.span())),
                ("upgrade", e.upgrade.as_ref().map(|x| x.span())),
            ];
            for (key, span) in given {
                if let Some(s) = span {
                    if !allowed.contains(&key) {
                        return Err(invalid(
                            key,
                            Some(s),
                            format!("means nothing for `kind = \"{kind}\"`"),
                        ));
                    }
                }
            }
            let kind_v = match kind {
                "link_closed" => EventKind::LinkClosed {
                    link: need_link("link")?,
                },
                "hub_closed" => EventKind::HubClosed { hub: need_hub()? },
                "port_closed" => {
                    let hub = need_hub()?;
                    let ports = network
                        .links_at(&hub)
                        .any(|l| matches!(l.mode, Mode::Sea | Mode::InlandWaterway));
                    if !ports {
                        let s = e.hub.as_ref().map(|h| h.span());
                        return Err(invalid(
                            "hub",
                            s,
                            format!("hub `{hub}` has no sea or inland-waterway link to close"),
                        ));
                    }
                    EventKind::PortClosed { hub }
                }
                "link_capacity" => EventKind::LinkCapacity {
                    link: need_link("link")?,
                    factor: factor(true)?,
                },
                "hub_capacity" => EventKind::HubCapacity {
                    hub: need_hub()?,
                    factor: factor(true)?,
                },
                "country" => {
                    let c = e.country.as_ref().ok_or_else(|| {
                        invalid(
                            "country",
                            None,
                            "`kind = \"country\"` needs `country`".into(),
                        )
                    })?;
                    let code = Country::parse(c.get_ref())
                        .ok()
                        .filter(|x| network.hubs().any(|h| h.country == *x))
                        .ok_or_else(|| unknown("country", c.span(), "country", c.get_ref()))?;
                    let mode = match &e.mode {
                        Some(m) => m
                            .get_ref()
                            .parse::<Mode>()
                            .map_err(|x| invalid("mode", Some(m.span()), x.to_string()))?,
                        None => Mode::Rail,
                    };
                    EventKind::Country {
                        country: code.code().to_string(),
                        mode,
                        factor: factor(false)?,
                    }
                }
                _ => {
                    let link = need_link("link")?;
                    let u = e.upgrade.as_ref().ok_or_else(|| {
                        invalid(
                            "upgrade",
                            None,
                            "`kind = \"link_upgrade\"` needs `upgrade = { mlc = 80, … }`".into(),
                        )
                    })?;
                    if u.get_ref().is_empty() {
                        return Err(invalid("upgrade", Some(u.span()), "raises nothing".into()));
                    }
                    if let Some(m) = u.get_ref().mlc {
                        if !(4..=150).contains(&m) {
                            return Err(invalid(
                                "upgrade.mlc",
                                Some(u.span()),
                                format!("{m} must be 4..=150"),
                            ));
                        }
                    }
                    EventKind::LinkUpgrade {
                        link,
                        limits: u.get_ref().clone(),
                    }
                }
            };
            let instant = |key: &str, s: &Spanned<String>| {
                DateTime::parse_from_rfc3339(s.get_ref().trim())
                    .map(|d| When::At(d.to_utc()))
                    .map_err(|x| {
                        invalid(
                            key,
                            Some(s.span()),
                            format!(
                                "`{}` is not an RFC 3339 instant with a zone ({x})",
                                s.get_ref()
                            ),
                        )
                    })
            };
            let hours = |key: &str, s: &Spanned<f64>, lo: f64| {
                let v = *s.get_ref();
                if v.is_finite() && v >= lo && v <= 24.0 * 3650.0 {
                    Ok(v)
                } else {
                    Err(invalid(
                        key,
                        Some(s.span()),
                        format!("{v} h must be between {lo} and 87600"),
                    ))
                }
            };
            let from = match (&e.from, &e.from_h) {
                (Some(_), Some(h)) => {
                    return Err(invalid(
                        "from_h",
                        Some(h.span()),
                        "give `from` or `from_h`, not both".into(),
                    ))
                }
                (Some(f), None) => Some(instant("from", f)?),
                (None, Some(h)) => Some(When::AfterEpochH(hours("from_h", h, -87600.0)?)),
                (None, None) => None,
            };
            let until = match (&e.until, &e.hours) {
                (Some(_), Some(h)) => {
                    return Err(invalid(
                        "hours",
                        Some(h.span()),
                        "give `until` or `hours`, not both".into(),
                    ))
                }
                (Some(u), None) => Some(instant("until", u)?),
                (None, Some(h)) => {
                    let d = hours("hours", h, 0.0)?;
                    Some(match from {
                        Some(When::At(t)) => {
                            When::At(t + Duration::seconds((d * 3600.0).round() as i64))
                        }
                        Some(When::AfterEpochH(f)) => When::AfterEpochH(f + d),
                        None => When::AfterEpochH(d),
                    })
                }
                (None, None) => None,
            };
            if let (Some(When::At(f)), Some(When::At(u))) = (from, until) {
                if u < f {
                    let s = e.until.as_ref().map(|x| x.span());
                    return Err(invalid("until", s, "ends before `from`".into()));
                }
            }
            let permanent_only = matches!(kind_v, EventKind::LinkUpgrade { .. })
                || matches!(&kind_v, EventKind::LinkCapacity { factor, .. } | EventKind::HubCapacity { factor, .. } if *factor > 1.0);
            if permanent_only && (from.is_some() || until.is_some()) {
                let key = if e.from.is_some() || e.from_h.is_some() {
                    "from"
                } else {
                    "until"
                };
                return Err(invalid(
                    key,
                    None,
                    "upgrades (raised limits, capacity factors above 1) are permanent: no `from`, `from_h`, `until` or `hours`".into(),
                ));
            }
            events.push(Event {
                id,
                kind: kind_v,
                from,
                until,
                note: e.note.clone(),
            });
        }
        if events.is_empty() {
            return Err(DisruptionError::Syntax {
                file: file.to_path_buf(),
                line: None,
                message: "the file has no [[event]]".into(),
            });
        }
        Ok(Disruptions {
            name: raw.name,
            description: raw.description,
            sources: raw.sources,
            events,
        })
    }

    /// Whether every event is permanent (then the whole what-if is a network
    /// edit plus closures for all time).
    pub fn all_permanent(&self) -> bool {
        self.events.iter().all(Event::permanent)
    }

    /// The network with the permanent edits applied: upgrades, and
    /// permanent capacity factors above 0 (closures and time-bounded events
    /// stay for the planner: see [`Disruptions::resolve`]).
    pub fn edited_network(&self, network: &Network) -> Network {
        let mut net = network.clone();
        for e in &self.events {
            if !e.permanent() {
                continue;
            }
            match &e.kind {
                EventKind::LinkUpgrade { link, limits } => {
                    let _ = net.update_link(link, |l| limits.apply(&mut l.limits));
                }
                EventKind::LinkCapacity { link, factor } if *factor > 0.0 => {
                    let _ = net
                        .update_link(link, |l| l.capacity = l.capacity.map(|c| c.scaled(*factor)));
                }
                EventKind::HubCapacity { hub, factor } if *factor > 0.0 => {
                    let _ = net.update_hub(hub, |h| {
                        for s in h.services.values_mut() {
                            s.capacity_per_day = s.capacity_per_day.map(|c| c * factor);
                        }
                    });
                }
                EventKind::Country {
                    country,
                    mode,
                    factor,
                } if *factor > 0.0 => {
                    let ids: Vec<String> = country_links(network, country, *mode);
                    for id in ids {
                        let _ = net.update_link(&id, |l| {
                            l.capacity = l.capacity.map(|c| c.scaled(*factor))
                        });
                    }
                }
                _ => {}
            }
        }
        net
    }

    /// What the planner applies on top of [`Disruptions::edited_network`],
    /// for a plan with epoch `epoch`: closures (factor 0, permanent or not)
    /// and time-bounded capacity reductions.
    pub fn resolve(&self, topo: &Topology, network: &Network, epoch: DateTime<Utc>) -> Conditions {
        let mut r = Conditions::default();
        for e in &self.events {
            let Some(f) = e.factor() else { continue };
            if e.permanent() && f > 0.0 {
                continue; // in the edited network
            }
            let from = e.from.map(|w| w.resolve(epoch));
            let until = e.until.map(|w| w.resolve(epoch));
            let targets: Vec<ClosureTarget> = match &e.kind {
                EventKind::LinkClosed { link } | EventKind::LinkCapacity { link, .. } => topo
                    .link_by_id(link)
                    .map(ClosureTarget::Link)
                    .into_iter()
                    .collect(),
                EventKind::HubClosed { hub } | EventKind::HubCapacity { hub, .. } => topo
                    .hub_by_id(hub)
                    .map(ClosureTarget::Hub)
                    .into_iter()
                    .collect(),
                EventKind::PortClosed { hub } => network
                    .links_at(hub)
                    .filter(|l| matches!(l.mode, Mode::Sea | Mode::InlandWaterway))
                    .filter_map(|l| topo.link_by_id(&l.id).map(ClosureTarget::Link))
                    .collect(),
                EventKind::Country { country, mode, .. } => country_links(network, country, *mode)
                    .iter()
                    .filter_map(|id| topo.link_by_id(id).map(ClosureTarget::Link))
                    .collect(),
                EventKind::LinkUpgrade { .. } => Vec::new(),
            };
            for t in targets {
                let c = Closure {
                    target: t,
                    from,
                    until,
                    capacity_factor: f,
                };
                if f == 0.0 {
                    r.closures.push(c);
                } else {
                    r.reductions.push(c);
                }
            }
        }
        r
    }
}

/// Link ids of `mode` with an end in `country`.
fn country_links(network: &Network, country: &str, mode: Mode) -> Vec<String> {
    let in_country = |hub: &str| {
        network
            .hub(hub)
            .is_some_and(|h| h.country.code() == country)
    };
    network
        .links()
        .filter(|l| l.mode == mode && (in_country(&l.from) || in_country(&l.to)))
        .map(|l| l.id.clone())
        .collect()
}
