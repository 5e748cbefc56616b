//! Value checks on a [`Network`]: ranges, plausibility and connectivity.
//!
//! Structural consistency (unique ids, known end hubs, no self-loops, known
//! corridors) is enforced by [`Network`]'s editing methods; this module checks
//! values. It returns every problem found, errors and warnings, each naming
//! the hub/link id and field; loaders add file and line.

use petgraph::unionfind::UnionFind;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::geodesy::geodesic_km;
use super::{HubKind, Mode, Network};
use crate::diagnostic::Diagnostic;

/// A link may be at most this much shorter than the geodesic between its hubs.
pub const MIN_LENGTH_TO_GEODESIC: f64 = 0.95;

/// Plausible ranges: (field, lowest, highest, unit). A value must be in
/// `lowest..=highest`, except that a lowest of 0 means "greater than 0"
/// (a zero limit, speed or length is meaningless; leave the cell empty
/// for "no known limit"). The lower bounds reject absurd values such as a
/// speed of `1e-300` km/h, which would otherwise make a travel time that
/// the search can only cap.
pub const RANGES: &[(&str, f64, f64, &str)] = &[
    ("max_weight_t", 1.0, 2000.0, " t"),
    ("max_axle_t", 1.0, 100.0, " t"),
    ("max_height_m", 1.0, 10.0, " m"),
    ("max_width_m", 1.0, 10.0, " m"),
    ("max_length_m", 1.0, 1000.0, " m"),
    ("max_train_m", 10.0, 3000.0, " m"),
    ("speed_kmh", 1.0, 1000.0, " km/h"),
    ("travel_time_min", 0.1, 60.0 * 24.0 * 60.0, " min"),
    ("capacity", 0.0, 1.0e6, ""),
    ("length_km", 0.01, 40_000.0, " km"),
    ("handling_min", -1.0e-12, 60.0 * 24.0 * 60.0, " min"),
    ("capacity_per_day", 0.0, 1.0e6, ""),
    ("gauge_change_min", -1.0e-12, 60.0 * 24.0 * 60.0, " min"),
];

/// How far (km) a link's drawn geometry may end from its hubs before it is
/// an error: more than this cannot be a drawing imprecision, it is the
/// wrong line (or swapped coordinates).
pub const MAX_GEOMETRY_OFFSET_KM: f64 = 50.0;

/// Checks a value against its plausible range; the message says what is
/// accepted.
fn check_range(field: &str, v: f64) -> Option<String> {
    let &(_, lo, hi, unit) = RANGES.iter().find(|r| r.0 == field)?;
    let shown = crate::diagnostic::number(v);
    if !v.is_finite() {
        return Some(format!("{shown} is not a finite number"));
    }
    if lo < 0.0 {
        // Zero allowed.
        if v < 0.0 || v > hi {
            return Some(format!("{shown} must be between 0 and {hi}{unit}"));
        }
        return None;
    }
    if lo == 0.0 {
        if v <= 0.0 || v > hi {
            return Some(format!(
                "{shown} must be greater than 0 and at most {hi}{unit}"
            ));
        }
        return None;
    }
    if v < lo || v > hi {
        return Some(format!("{shown} must be between {lo} and {hi}{unit}"));
    }
    None
}

/// Every value problem in the network.
pub fn validate(network: &Network) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_hubs(network, &mut out);
    check_links(network, &mut out);
    check_connectivity(network, &mut out);
    check_corridors(network, &mut out);
    for (key, msg) in network.meta().operations.problems() {
        out.push(Diagnostic::error(msg).field(key).entity("network"));
    }
    out
}

fn check_id(kind: &'static str, id: &str, out: &mut Vec<Diagnostic>) {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'));
    if !ok {
        out.push(
            Diagnostic::error(format!(
                "{kind} id `{id}` must be non-empty and use only A-Z a-z 0-9 _ . : -"
            ))
            .field("id")
            .id(id)
            .entity(kind),
        );
    }
}

fn check_hubs(network: &Network, out: &mut Vec<Diagnostic>) {
    for h in network.hubs() {
        check_id("hub", &h.id, out);
        let err =
            |field: &str, msg: String| Diagnostic::error(msg).field(field).id(&h.id).entity("hub");
        let (lat, lon) = (h.lat(), h.lon());
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            out.push(err(
                "lat",
                format!(
                    "latitude {} is outside -90..90",
                    crate::diagnostic::number(lat)
                ),
            ));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            out.push(err(
                "lon",
                format!(
                    "longitude {} is outside -180..180",
                    crate::diagnostic::number(lon)
                ),
            ));
        }
        if h.name.trim().is_empty() {
            out.push(err("name", "is empty".into()));
        }
        if h.kinds.is_empty() {
            out.push(err("kinds", "a hub needs at least one kind".into()));
        }
        for (mode, s) in &h.services {
            if let Some(v) = s.handling_min {
                if let Some(m) = check_range("handling_min", v) {
                    out.push(err(&format!("{mode}_handling_min"), m));
                }
            }
            if let Some(v) = s.capacity_per_day {
                if let Some(m) = check_range("capacity_per_day", v) {
                    out.push(err(&format!("{mode}_capacity_per_day"), m));
                }
            }
            if let Some(v) = s.unloading_min {
                if let Some(m) = check_range("handling_min", v) {
                    out.push(err(&format!("{mode}_unloading_min"), m));
                }
                if s.handling_min.is_none() {
                    out.push(err(
                        &format!("{mode}_unloading_min"),
                        format!("is given but `{mode}_handling_min` is empty (the hub cannot handle {mode})"),
                    ));
                }
            }
        }
        if let Some(v) = h.gauge_change_min {
            if let Some(m) = check_range("gauge_change_min", v) {
                out.push(err("gauge_change_min", m));
            }
        }
    }
}

fn check_links(network: &Network, out: &mut Vec<Diagnostic>) {
    for l in network.links() {
        check_id("link", &l.id, out);
        let err =
            |field: &str, msg: String| Diagnostic::error(msg).field(field).id(&l.id).entity("link");
        let warn = |field: &str, msg: String| {
            Diagnostic::warning(msg)
                .field(field)
                .id(&l.id)
                .entity("link")
        };
        if let Some(m) = check_range("length_km", l.length_km) {
            out.push(err("length_km", m));
        } else if let (Some(a), Some(b)) = (network.hub(&l.from), network.hub(&l.to)) {
            let g = geodesic_km(a.location, b.location);
            if g.is_finite() && l.length_km < MIN_LENGTH_TO_GEODESIC * g {
                out.push(err(
                    "length_km",
                    format!(
                        "{} km is shorter than {MIN_LENGTH_TO_GEODESIC} × the geodesic distance {:.1} km between `{}` and `{}`",
                        crate::diagnostic::number(l.length_km), g, l.from, l.to
                    ),
                ));
            }
        }
        let lim = &l.limits;
        for (field, v) in [
            ("speed_kmh", l.speed_kmh),
            ("travel_time_min", l.travel_time_min),
            ("capacity", l.capacity.map(|c| c.units)),
            ("max_weight_t", lim.max_weight_t),
            ("max_axle_t", lim.max_axle_t),
            ("max_height_m", lim.max_height_m),
            ("max_width_m", lim.max_width_m),
            ("max_length_m", lim.max_length_m),
            ("max_train_m", lim.max_train_m),
        ] {
            if let Some(m) = v.and_then(|v| check_range(field, v)) {
                out.push(err(field, m));
            }
        }
        for (field, v) in [
            ("mlc_wheeled", lim.mlc_wheeled),
            ("mlc_tracked", lim.mlc_tracked),
        ] {
            if let Some(v) = v {
                if !(4..=150).contains(&v) {
                    out.push(err(field, format!("MLC {v} is outside 4..150")));
                }
            }
        }
        if let Some(g) = lim.gauge_mm {
            if !(600..=2000).contains(&g) {
                out.push(err(
                    "gauge_mm",
                    format!("{g} mm is not a plausible track gauge (600..2000)"),
                ));
            }
        }
        if l.mode == Mode::Rail && lim.gauge_mm.is_none() {
            out.push(err("gauge_mm", "a rail link needs its track gauge".into()));
        }
        if l.mode != Mode::Rail {
            for (field, set) in [
                ("gauge_mm", lim.gauge_mm.is_some()),
                ("line_category", lim.line_category.is_some()),
                ("max_train_m", lim.max_train_m.is_some()),
                ("out_of_gauge", lim.out_of_gauge.is_some()),
            ] {
                if set {
                    out.push(warn(
                        field,
                        format!("applies to rail only; ignored on a {} link", l.mode),
                    ));
                }
            }
        }
        if l.mode != Mode::Road {
            for (field, set) in [
                ("mlc_wheeled", lim.mlc_wheeled.is_some()),
                ("mlc_tracked", lim.mlc_tracked.is_some()),
            ] {
                if set {
                    out.push(warn(
                        field,
                        format!(
                            "military load classes apply to road bridges only; ignored on a {} link",
                            l.mode
                        ),
                    ));
                }
            }
        }
        if l.mode != Mode::Road && lim.tunnel_category.is_some() {
            out.push(warn(
                "tunnel_category",
                format!(
                    "ADR tunnel categories apply to road only; ignored on a {} link",
                    l.mode
                ),
            ));
        }
        if let Some(g) = &l.geometry {
            if g.0.len() < 2 {
                out.push(err("geometry", "a line needs at least two points".into()));
            }
            if g.0.iter().any(|c| {
                !c.x.is_finite() || !c.y.is_finite() || c.x.abs() > 180.0 || c.y.abs() > 90.0
            }) {
                out.push(err(
                    "geometry",
                    "has a point outside lon -180..180 / lat -90..90".into(),
                ));
            } else if let (Some(a), Some(b), Some(first), Some(last)) = (
                network.hub(&l.from),
                network.hub(&l.to),
                g.0.first(),
                g.0.last(),
            ) {
                let km = |c: &geo::Coord<f64>, p: geo::Point<f64>| geodesic_km(geo::Point(*c), p);
                // Either direction of drawing is fine.
                let forward = km(first, a.location).max(km(last, b.location));
                let backward = km(first, b.location).max(km(last, a.location));
                let off = forward.min(backward);
                if off.is_finite() && off > MAX_GEOMETRY_OFFSET_KM {
                    out.push(err(
                        "geometry",
                        format!(
                            "ends {off:.0} km from its hubs `{}` and `{}` (at most {MAX_GEOMETRY_OFFSET_KM} km): the wrong line, or lon/lat swapped?",
                            l.from, l.to
                        ),
                    ));
                }
            }
        }
    }
}

fn check_connectivity(network: &Network, out: &mut Vec<Diagnostic>) {
    let g = network.graph();
    let bound = g.node_bound();
    let mut uf = UnionFind::<usize>::new(bound);
    for e in g.edge_references() {
        uf.union(e.source().index(), e.target().index());
    }
    let mut sizes = std::collections::BTreeMap::<usize, Vec<&str>>::new();
    for n in g.node_indices() {
        let hub = &g[n];
        if g.neighbors_undirected(n).next().is_none() {
            out.push(
                Diagnostic::warning("hub has no links")
                    .id(&hub.id)
                    .entity("hub")
                    .field("id"),
            );
        }
        sizes.entry(uf.find(n.index())).or_default().push(&hub.id);
    }
    if sizes.len() > 1 {
        let mut parts: Vec<_> = sizes.into_values().collect();
        parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let small: Vec<String> = parts[1..]
            .iter()
            .take(5)
            .map(|p| {
                let names: Vec<_> = p.iter().take(4).copied().collect();
                format!(
                    "{} hub(s): {}{}",
                    p.len(),
                    names.join(", "),
                    if p.len() > 4 { ", …" } else { "" }
                )
            })
            .collect();
        out.push(Diagnostic::warning(format!(
            "the network has {} disconnected parts; the largest has {} hubs, the others: {}",
            parts.len(),
            parts[0].len(),
            small.join("; ")
        )));
    }
}

fn check_corridors(network: &Network, out: &mut Vec<Diagnostic>) {
    for c in network.corridors() {
        let links: Vec<_> = network
            .links()
            .filter(|l| l.corridors.iter().any(|x| x == &c.id))
            .collect();
        if links.is_empty() {
            out.push(
                Diagnostic::warning("corridor has no links")
                    .id(&c.id)
                    .entity("corridor")
                    .field("corridors"),
            );
            continue;
        }
        let parts = corridor_parts(network, &c.id);
        if parts > 1 {
            out.push(
                Diagnostic::warning(format!(
                    "corridor's {} links form {parts} disconnected pieces, not one chain",
                    links.len()
                ))
                .id(&c.id)
                .entity("corridor")
                .field("corridors"),
            );
        }
    }
}

/// Number of connected pieces formed by the links of a corridor.
pub fn corridor_parts(network: &Network, corridor: &str) -> usize {
    let g = network.graph();
    let mut uf = UnionFind::<usize>::new(g.node_bound());
    let mut touched = std::collections::BTreeSet::new();
    for e in g.edge_references() {
        if e.weight().corridors.iter().any(|x| x == corridor) {
            uf.union(e.source().index(), e.target().index());
            touched.insert(e.source().index());
            touched.insert(e.target().index());
        }
    }
    let roots: std::collections::BTreeSet<_> = touched.iter().map(|&n| uf.find(n)).collect();
    roots.len()
}

/// Counts hubs of each kind (a hub of several kinds counts for each).
pub fn hubs_by_kind(network: &Network) -> std::collections::BTreeMap<HubKind, usize> {
    let mut m = std::collections::BTreeMap::new();
    for h in network.hubs() {
        for k in &h.kinds {
            *m.entry(*k).or_insert(0) += 1;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::country::Country;
    use crate::network::{Hub, Link, NetworkMeta};

    fn net() -> Network {
        let de = Country::parse("DE").unwrap();
        let mut n = Network::new(NetworkMeta::default());
        n.add_hub(Hub::new("a", "A", de, 10.0, 52.0, &[HubKind::Junction]))
            .unwrap();
        n.add_hub(Hub::new("b", "B", de, 11.0, 52.0, &[HubKind::Junction]))
            .unwrap();
        n.add_hub(Hub::new("c", "C", de, 12.0, 52.0, &[HubKind::Junction]))
            .unwrap();
        n.add_link(Link::new("ab", "a", "b", Mode::Road, 80.0))
            .unwrap();
        n
    }

    #[test]
    fn flags_short_links_and_isolated_hubs() {
        let mut n = net();
        let d = validate(&n);
        assert!(d
            .iter()
            .any(|d| !d.is_error() && d.id.as_deref() == Some("c")));
        assert!(!d.iter().any(|d| d.is_error()), "{d:?}");
        n.update_link("ab", |l| l.length_km = 40.0).unwrap();
        let d = validate(&n);
        assert!(d
            .iter()
            .any(|d| d.is_error() && d.field.as_deref() == Some("length_km")));
    }

    #[test]
    fn flags_absurd_limits() {
        let mut n = net();
        n.update_link("ab", |l| {
            l.limits.max_height_m = Some(25.0);
            l.limits.mlc_tracked = Some(200);
            l.limits.max_axle_t = Some(f64::NAN);
        })
        .unwrap();
        let d = validate(&n);
        for f in ["max_height_m", "mlc_tracked", "max_axle_t"] {
            assert!(
                d.iter()
                    .any(|d| d.is_error() && d.field.as_deref() == Some(f)),
                "{f}"
            );
        }
        // Absurdly small values are refused too, with short numbers.
        n.update_link("ab", |l| {
            l.speed_kmh = Some(1e-300);
            l.limits.max_weight_t = Some(1e-9);
        })
        .unwrap();
        let d = validate(&n);
        let speed = d
            .iter()
            .find(|d| d.field.as_deref() == Some("speed_kmh"))
            .expect("speed refused");
        assert!(speed.problem.contains("1e-300"), "{}", speed.problem);
        assert!(
            speed.problem.contains("between 1 and 1000 km/h"),
            "{}",
            speed.problem
        );
        for f in ["max_weight_t", "speed_kmh"] {
            assert!(
                d.iter()
                    .any(|d| d.is_error() && d.field.as_deref() == Some(f)),
                "{f}"
            );
        }
    }
}
