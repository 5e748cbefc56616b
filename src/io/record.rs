//! The flat record form of hubs and links: one column per attribute, values
//! as text. CSV files are this form directly; GeoJSON properties carry the
//! same columns as typed JSON values. One codec serves both, so the two
//! formats cannot drift apart.

use std::collections::BTreeMap;

use geo::{Coord, LineString, Point};

use crate::country::Country;
use crate::diagnostic::shorten;
use crate::network::{
    Capacity, DailyWindow, Hub, HubKind, Limits, Link, Mode, ModeService, Period,
};

/// The JSON type a column takes in GeoJSON properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    Text,
    /// A number (f64 or integer).
    Number,
    /// `true` / `false`.
    Bool,
    /// A `;`-separated list in CSV, an array of strings in JSON.
    List,
}

/// Hub columns, with their JSON types; `id`, `name`, `country`, `lat`,
/// `lon`, `kinds` are required.
pub const HUB_COLUMNS: &[(&str, ColumnType)] = &[
    ("id", ColumnType::Text),
    ("name", ColumnType::Text),
    ("country", ColumnType::Text),
    ("lat", ColumnType::Number),
    ("lon", ColumnType::Number),
    ("kinds", ColumnType::List),
    ("road_handling_min", ColumnType::Number),
    ("road_capacity_per_day", ColumnType::Number),
    ("road_unloading_min", ColumnType::Number),
    ("rail_handling_min", ColumnType::Number),
    ("rail_capacity_per_day", ColumnType::Number),
    ("rail_unloading_min", ColumnType::Number),
    ("inland_waterway_handling_min", ColumnType::Number),
    ("inland_waterway_capacity_per_day", ColumnType::Number),
    ("inland_waterway_unloading_min", ColumnType::Number),
    ("sea_handling_min", ColumnType::Number),
    ("sea_capacity_per_day", ColumnType::Number),
    ("sea_unloading_min", ColumnType::Number),
    ("air_handling_min", ColumnType::Number),
    ("air_capacity_per_day", ColumnType::Number),
    ("air_unloading_min", ColumnType::Number),
    ("opening_hours", ColumnType::Text),
    ("gauge_change_min", ColumnType::Number),
    ("hold_vehicles", ColumnType::Number),
    ("source", ColumnType::Text),
];

/// Required hub columns.
pub const HUB_REQUIRED: &[&str] = &["id", "name", "country", "lat", "lon", "kinds"];

/// Link columns, with their JSON types.
pub const LINK_COLUMNS: &[(&str, ColumnType)] = &[
    ("id", ColumnType::Text),
    ("from", ColumnType::Text),
    ("to", ColumnType::Text),
    ("mode", ColumnType::Text),
    ("length_km", ColumnType::Number),
    ("oneway", ColumnType::Bool),
    ("speed_kmh", ColumnType::Number),
    ("travel_time_min", ColumnType::Number),
    ("mlc_wheeled", ColumnType::Number),
    ("mlc_tracked", ColumnType::Number),
    ("max_weight_t", ColumnType::Number),
    ("max_axle_t", ColumnType::Number),
    ("max_height_m", ColumnType::Number),
    ("max_width_m", ColumnType::Number),
    ("max_length_m", ColumnType::Number),
    ("tunnel_category", ColumnType::Text),
    ("gauge_mm", ColumnType::Number),
    ("line_category", ColumnType::Text),
    ("max_train_m", ColumnType::Number),
    ("out_of_gauge", ColumnType::Bool),
    ("capacity", ColumnType::Number),
    ("capacity_per", ColumnType::Text),
    ("dual_use", ColumnType::Bool),
    ("corridors", ColumnType::List),
    ("open_hours", ColumnType::Text),
    ("geometry", ColumnType::Text),
    ("name", ColumnType::Text),
    ("source", ColumnType::Text),
];

/// Required link columns.
pub const LINK_REQUIRED: &[&str] = &["id", "from", "to", "mode", "length_km"];

/// A problem with one field of a record: (column, message).
pub type FieldError = (String, String);

/// Reads one record through a column lookup (`None` or empty = absent),
/// collecting every field error.
struct Reader<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
    errors: Vec<FieldError>,
}

impl Reader<'_> {
    fn text(&self, col: &str) -> Option<String> {
        (self.get)(col)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    fn required(&mut self, col: &str) -> String {
        match self.text(col) {
            Some(s) => s,
            None => {
                self.errors
                    .push((col.into(), "is required but empty".into()));
                String::new()
            }
        }
    }

    fn parse<T, E: std::fmt::Display>(
        &mut self,
        col: &str,
        f: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        let s = self.text(col)?;
        match f(&s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push((col.into(), e.to_string()));
                None
            }
        }
    }

    fn number(&mut self, col: &str) -> Option<f64> {
        self.parse(col, |s| {
            s.parse::<f64>()
                .map_err(|_| format!("`{}` is not a number", shorten(s)))
                .and_then(|v| {
                    if v.is_finite() {
                        Ok(v)
                    } else {
                        Err(format!("`{}` is not a finite number", shorten(s)))
                    }
                })
        })
    }

    fn whole<T: TryFrom<u64>>(&mut self, col: &str, what: &str) -> Option<T> {
        self.parse(col, |s| {
            s.parse::<u64>()
                .ok()
                .and_then(|v| T::try_from(v).ok())
                .ok_or_else(|| format!("`{}` is not a whole number of {what} in range", shorten(s)))
        })
    }

    fn boolean(&mut self, col: &str) -> Option<bool> {
        self.parse(col, |s| match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(format!("`{}` is not true/false", shorten(s))),
        })
    }

    fn list(&self, col: &str) -> Vec<String> {
        self.text(col)
            .map(|s| {
                s.split(';')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Parses a hub from its columns.
pub fn hub_from_record(get: &dyn Fn(&str) -> Option<String>) -> Result<Hub, Vec<FieldError>> {
    let mut r = Reader {
        get,
        errors: Vec::new(),
    };
    let id = r.required("id");
    let name = r.required("name");
    let country = r.parse("country", Country::parse);
    if r.text("country").is_none() {
        r.errors
            .push(("country".into(), "is required but empty".into()));
    }
    let lat = r.number("lat");
    let lon = r.number("lon");
    for (c, v) in [("lat", lat), ("lon", lon)] {
        if v.is_none() && r.text(c).is_none() {
            r.errors.push((c.into(), "is required but empty".into()));
        }
    }
    let mut kinds = Vec::new();
    for k in r.list("kinds") {
        match k.parse::<HubKind>() {
            Ok(k) => kinds.push(k),
            Err(e) => r.errors.push(("kinds".into(), e)),
        }
    }
    if r.text("kinds").is_none() {
        r.errors
            .push(("kinds".into(), "is required but empty".into()));
    }
    let mut services = BTreeMap::new();
    for m in Mode::ALL {
        let handling_min = r.number(&format!("{m}_handling_min"));
        let capacity_per_day = r.number(&format!("{m}_capacity_per_day"));
        let unloading_min = r.number(&format!("{m}_unloading_min"));
        if handling_min.is_some() || capacity_per_day.is_some() || unloading_min.is_some() {
            services.insert(
                m,
                ModeService {
                    handling_min,
                    capacity_per_day,
                    unloading_min,
                },
            );
        }
    }
    let opening_hours = r.parse("opening_hours", |s| s.parse::<DailyWindow>());
    let gauge_change_min = r.number("gauge_change_min");
    let hold_vehicles = r.whole("hold_vehicles", "vehicles");
    let source = r.text("source");
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    let (Some(country), Some(lat), Some(lon)) = (country, lat, lon) else {
        return Err(vec![("country".into(), "missing".into())]);
    };
    let mut hub = Hub::new(id, name, country, lon, lat, &kinds);
    hub.services = services;
    hub.opening_hours = opening_hours;
    hub.gauge_change_min = gauge_change_min;
    hub.hold_vehicles = hold_vehicles;
    hub.source = source;
    Ok(hub)
}

fn parse_geometry(s: &str) -> Result<LineString<f64>, String> {
    let mut pts = Vec::new();
    for p in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let mut it = p.split_whitespace();
        let (Some(x), Some(y), None) = (it.next(), it.next(), it.next()) else {
            return Err(format!("point `{p}` is not `lon lat`"));
        };
        let x: f64 = x.parse().map_err(|_| format!("`{x}` is not a number"))?;
        let y: f64 = y.parse().map_err(|_| format!("`{y}` is not a number"))?;
        pts.push(Coord { x, y });
    }
    if pts.len() < 2 {
        return Err("a line needs at least two `lon lat` points separated by `;`".into());
    }
    Ok(LineString::new(pts))
}

/// Formats a geometry as `lon lat;lon lat;…` (shortest round-trip floats).
pub fn format_geometry(g: &LineString<f64>) -> String {
    g.0.iter()
        .map(|c| format!("{} {}", c.x, c.y))
        .collect::<Vec<_>>()
        .join(";")
}

/// Parses a link from its columns.
pub fn link_from_record(get: &dyn Fn(&str) -> Option<String>) -> Result<Link, Vec<FieldError>> {
    let mut r = Reader {
        get,
        errors: Vec::new(),
    };
    let id = r.required("id");
    let from = r.required("from");
    let to = r.required("to");
    let mode = r.parse("mode", |s| s.parse::<Mode>());
    if r.text("mode").is_none() {
        r.errors
            .push(("mode".into(), "is required but empty".into()));
    }
    let length_km = r.number("length_km");
    if r.text("length_km").is_none() {
        r.errors
            .push(("length_km".into(), "is required but empty".into()));
    }
    let limits = Limits {
        mlc_wheeled: r.whole("mlc_wheeled", "MLC"),
        mlc_tracked: r.whole("mlc_tracked", "MLC"),
        max_weight_t: r.number("max_weight_t"),
        max_axle_t: r.number("max_axle_t"),
        max_height_m: r.number("max_height_m"),
        max_width_m: r.number("max_width_m"),
        max_length_m: r.number("max_length_m"),
        tunnel_category: r.parse("tunnel_category", |s| s.parse()),
        gauge_mm: r.whole("gauge_mm", "mm"),
        line_category: r.parse("line_category", |s| s.parse()),
        max_train_m: r.number("max_train_m"),
        out_of_gauge: r.boolean("out_of_gauge"),
    };
    let link = Link {
        oneway: r.boolean("oneway").unwrap_or(false),
        speed_kmh: r.number("speed_kmh"),
        travel_time_min: r.number("travel_time_min"),
        limits,
        capacity: {
            let units = r.number("capacity");
            let per = r.parse("capacity_per", |s| s.parse::<Period>());
            if units.is_none() && r.text("capacity_per").is_some() {
                r.errors.push((
                    "capacity_per".into(),
                    "is given but `capacity` is empty".into(),
                ));
            }
            units.map(|u| Capacity {
                units: u,
                per: per.unwrap_or_else(|| Period::default_for(mode.unwrap_or(Mode::Road))),
            })
        },
        dual_use: r.boolean("dual_use").unwrap_or(false),
        corridors: {
            let mut c = r.list("corridors");
            c.sort();
            c.dedup();
            c
        },
        open_hours: r.parse("open_hours", |s| s.parse::<DailyWindow>()),
        geometry: r.parse("geometry", parse_geometry),
        name: r.text("name"),
        source: r.text("source"),
        ..Link::new(
            id,
            from,
            to,
            mode.unwrap_or(Mode::Road),
            length_km.unwrap_or(0.0),
        )
    };
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    Ok(link)
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The columns of a hub (same order as [`HUB_COLUMNS`]; empty = absent).
pub fn hub_to_record(h: &Hub) -> Vec<String> {
    let mut v = vec![
        h.id.clone(),
        h.name.clone(),
        h.country.code().to_string(),
        h.lat().to_string(),
        h.lon().to_string(),
        h.kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(";"),
    ];
    for m in Mode::ALL {
        let s = h.services.get(&m).copied().unwrap_or_default();
        v.push(num(s.handling_min));
        v.push(num(s.capacity_per_day));
        v.push(num(s.unloading_min));
    }
    v.push(opt(h.opening_hours));
    v.push(num(h.gauge_change_min));
    v.push(opt(h.hold_vehicles));
    v.push(h.source.clone().unwrap_or_default());
    v
}

/// The columns of a link (same order as [`LINK_COLUMNS`]; empty = absent).
pub fn link_to_record(l: &Link) -> Vec<String> {
    let lim = &l.limits;
    vec![
        l.id.clone(),
        l.from.clone(),
        l.to.clone(),
        l.mode.to_string(),
        l.length_km.to_string(),
        if l.oneway {
            "true".into()
        } else {
            String::new()
        },
        num(l.speed_kmh),
        num(l.travel_time_min),
        opt(lim.mlc_wheeled),
        opt(lim.mlc_tracked),
        num(lim.max_weight_t),
        num(lim.max_axle_t),
        num(lim.max_height_m),
        num(lim.max_width_m),
        num(lim.max_length_m),
        opt(lim.tunnel_category),
        opt(lim.gauge_mm),
        opt(lim.line_category),
        num(lim.max_train_m),
        opt(lim.out_of_gauge),
        num(l.capacity.map(|c| c.units)),
        l.capacity
            .filter(|c| c.per != Period::default_for(l.mode))
            .map(|c| c.per.to_string())
            .unwrap_or_default(),
        if l.dual_use {
            "true".into()
        } else {
            String::new()
        },
        l.corridors.join(";"),
        opt(l.open_hours),
        l.geometry.as_ref().map(format_geometry).unwrap_or_default(),
        l.name.clone().unwrap_or_default(),
        l.source.clone().unwrap_or_default(),
    ]
}

/// A hub's location as a point (lon, lat).
pub fn hub_point(h: &Hub) -> Point<f64> {
    h.location
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(
        cols: &'static [(&'static str, ColumnType)],
        rec: Vec<String>,
    ) -> impl Fn(&str) -> Option<String> {
        move |c: &str| cols.iter().position(|x| x.0 == c).map(|i| rec[i].clone())
    }

    #[test]
    fn hub_and_link_round_trip() {
        let mut h = Hub::new(
            "h",
            "Hub",
            Country::parse("PL").unwrap(),
            21.1,
            52.2,
            &[HubKind::Railhead, HubKind::FuelPoint],
        );
        h.services.insert(
            Mode::Rail,
            ModeService {
                handling_min: Some(180.0),
                capacity_per_day: Some(8.0),
                unloading_min: Some(25.0),
            },
        );
        h.opening_hours = Some("06:00-22:00".parse().unwrap());
        h.gauge_change_min = Some(0.1 + 0.2);
        let back = hub_from_record(&lookup(HUB_COLUMNS, hub_to_record(&h))).unwrap();
        assert_eq!(h, back);

        let mut l = Link::new("l", "a", "b", Mode::Rail, 123.456);
        l.limits.gauge_mm = Some(1435);
        l.limits.line_category = Some("D4".parse().unwrap());
        l.limits.out_of_gauge = Some(false);
        l.corridors = vec!["X".into(), "Y".into()];
        l.geometry = Some(LineString::from(vec![(1.0, 2.0), (3.5, 4.25)]));
        l.oneway = true;
        let back = link_from_record(&lookup(LINK_COLUMNS, link_to_record(&l))).unwrap();
        assert_eq!(l, back);
    }

    #[test]
    fn reports_every_bad_field() {
        let get = |c: &str| -> Option<String> {
            match c {
                "id" => Some("x".into()),
                "from" => Some("a".into()),
                "to" => Some("b".into()),
                "mode" => Some("hovercraft".into()),
                "length_km" => Some("12,5".into()),
                "mlc_tracked" => Some("-3".into()),
                "tunnel_category" => Some("F".into()),
                _ => None,
            }
        };
        let errs = link_from_record(&get).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            fields,
            ["mode", "length_km", "mlc_tracked", "tunnel_category"]
        );
    }
}
