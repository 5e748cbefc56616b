//! `map.svg`: the scenario on a map of Europe in the LAEA Europe projection
//! (EPSG:3035) — country outlines (Natural Earth, bundled), the network's
//! corridors drawn faint, the routes coloured by mode and as wide as the
//! vehicles carried, the hubs used by kind, extra markers (e.g.
//! bottlenecks) sized by impact, labels placed without overlap, a legend,
//! a scale bar (km, true at the map's centre) and the attribution. The
//! page is 1100 × 780 drawing units, the proportions of A4 landscape.

use std::collections::BTreeSet;
use std::fmt::Write;

use geo::Point;

use super::input::ReportInput;
use super::labels::{place_labels, LabelBox, LabelRequest};
use super::projection::LaeaEurope;
use super::route_flows::{link_flows, used_hubs, HubRole, UsedHub};
use super::svg::{escape, mode_colour, num};
use crate::country_outlines::CountryOutlines;
use crate::network::geodesy::geodesic_km;
use crate::network::{HubKind, Mode};

/// Page width, drawing units.
pub const MAP_W: f64 = 1100.0;
/// Page height, drawing units.
pub const MAP_H: f64 = 780.0;
/// Right edge of the map frame (the legend is to its right).
const FRAME_X1: f64 = 850.0;
const FRAME_X0: f64 = 10.0;
const FRAME_Y0: f64 = 40.0;
const FRAME_Y1: f64 = 770.0;
/// Colour of extra markers (bottlenecks).
const MARKER_COLOUR: &str = "#b2182b";
/// Colour of what-if markers (closed, degraded, upgraded links and hubs).
const WHAT_IF_MARKER_COLOUR: &str = "#542788";

/// Colour and legend text of a marker layer.
fn layer_style(layer: &str) -> (&'static str, String) {
    if layer == super::whatif_section::WHAT_IF_LAYER {
        (WHAT_IF_MARKER_COLOUR, format!("{layer} (closed, degraded)"))
    } else {
        (MARKER_COLOUR, format!("{layer} (size: impact)"))
    }
}

/// The projected extent shown and the affine map to drawing units.
struct View {
    proj: LaeaEurope,
    /// Easting of the frame's left edge, m.
    e0: f64,
    /// Northing of the frame's top edge, m.
    n1: f64,
    /// Drawing units per metre.
    scale: f64,
}

impl View {
    /// The smallest view that holds `points` (lon, lat) with a margin,
    /// at least `min_km` across, centred in the frame.
    fn fit(points: &[(f64, f64)], min_km: f64) -> View {
        let proj = LaeaEurope::new();
        let xy: Vec<(f64, f64)> = points
            .iter()
            .map(|&(lo, la)| proj.project(lo, la))
            .collect();
        let (mut e0, mut e1, mut n0, mut n1) = xy.iter().fold(
            (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
            |(a, b, c, d), &(e, n)| (a.min(e), b.max(e), c.min(n), d.max(n)),
        );
        if xy.is_empty() {
            (e0, e1, n0, n1) = proj_box(&proj);
        }
        let pad = 0.12 * (e1 - e0).max(n1 - n0).max(min_km * 1000.0);
        let (ce, cn) = ((e0 + e1) / 2.0, (n0 + n1) / 2.0);
        let mut w = (e1 - e0 + 2.0 * pad).max(min_km * 1000.0);
        let mut h = n1 - n0 + 2.0 * pad;
        let (fw, fh) = (FRAME_X1 - FRAME_X0, FRAME_Y1 - FRAME_Y0);
        if w / h > fw / fh {
            h = w * fh / fw;
        } else {
            w = h * fw / fh;
        }
        View {
            proj,
            e0: ce - w / 2.0,
            n1: cn + h / 2.0,
            scale: fw / w,
        }
    }

    /// Drawing coordinates of lon, lat.
    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (e, n) = self.proj.project(lon, lat);
        (
            FRAME_X0 + (e - self.e0) * self.scale,
            FRAME_Y0 + (self.n1 - n) * self.scale,
        )
    }
}

/// Central Europe, for a plan with nothing to show.
fn proj_box(p: &LaeaEurope) -> (f64, f64, f64, f64) {
    let (e0, n0) = p.project(0.0, 45.0);
    let (e1, n1) = p.project(25.0, 58.0);
    (e0, e1, n0, n1)
}

/// The symbol of a hub kind: (shape, fill).
fn kind_symbol(kind: HubKind) -> (&'static str, &'static str) {
    match kind {
        HubKind::StagingArea => ("circle", "#000000"),
        HubKind::LogisticsHub => ("circle", "#7f7f7f"),
        HubKind::Railhead | HubKind::RailTerminal => ("square", "#0072b2"),
        HubKind::SeaPort | HubKind::InlandPort => ("diamond", "#009e73"),
        HubKind::Airport => ("triangle", "#cc79a7"),
        HubKind::BorderCrossing => ("square", "#e69f00"),
        _ => ("circle", "#ffffff"),
    }
}

fn kind_label(kind: HubKind) -> &'static str {
    match kind {
        HubKind::StagingArea => "staging area",
        HubKind::LogisticsHub => "logistics hub",
        HubKind::Railhead | HubKind::RailTerminal => "railhead / rail terminal",
        HubKind::SeaPort | HubKind::InlandPort => "port",
        HubKind::Airport => "airfield",
        HubKind::BorderCrossing => "border crossing",
        _ => "other hub",
    }
}

/// One hub symbol of radius `r` at (x, y).
fn symbol(s: &mut String, kind: HubKind, x: f64, y: f64, r: f64, title: &str) {
    let (shape, fill) = kind_symbol(kind);
    let t = format!("<title>{}</title>", escape(title));
    let stroke = "stroke=\"#222222\" stroke-width=\"1.2\"";
    let _ = match shape {
        "square" => writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" {stroke}>{t}</rect>",
            num(x - r),
            num(y - r),
            num(2.0 * r),
            num(2.0 * r)
        ),
        "diamond" => writeln!(
            s,
            "<path d=\"M{},{} L{},{} L{},{} L{},{} Z\" fill=\"{fill}\" {stroke}>{t}</path>",
            num(x),
            num(y - r * 1.3),
            num(x + r * 1.3),
            num(y),
            num(x),
            num(y + r * 1.3),
            num(x - r * 1.3),
            num(y)
        ),
        "triangle" => writeln!(
            s,
            "<path d=\"M{},{} L{},{} L{},{} Z\" fill=\"{fill}\" {stroke}>{t}</path>",
            num(x),
            num(y - r * 1.3),
            num(x + r * 1.2),
            num(y + r),
            num(x - r * 1.2),
            num(y + r)
        ),
        _ => writeln!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" {stroke}>{t}</circle>",
            num(x),
            num(y),
            num(r)
        ),
    };
}

fn hub_radius(h: &UsedHub) -> f64 {
    match h.role {
        HubRole::Destination => 6.5,
        HubRole::Origin => 5.5,
        HubRole::Transshipment => 4.0,
    }
}

/// A hub name short enough to label a map: without its parenthesis, cut
/// at a word boundary to at most 26 characters (the full name is in the
/// symbol's tooltip).
fn short_name(name: &str) -> String {
    let base = name.split(" (").next().unwrap_or(name).trim();
    if base.chars().count() <= 26 {
        return base.to_string();
    }
    let mut out = String::new();
    for w in base.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > 26 && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A round scale-bar length (km) no longer than `max_km`.
fn scale_km(max_km: f64) -> f64 {
    [
        2000.0, 1000.0, 500.0, 250.0, 200.0, 100.0, 50.0, 25.0, 10.0, 5.0,
    ]
    .into_iter()
    .find(|k| *k <= max_km)
    .unwrap_or(1.0)
}

/// The map as an SVG document (`standalone` adds the XML declaration and
/// namespace; inline in HTML they are left out).
pub fn map_svg(input: &ReportInput<'_>, standalone: bool) -> String {
    let plan = input.plan;
    let network = input.network;
    let flows = link_flows(plan, network);
    let hubs = used_hubs(plan, network);
    let mut pts: Vec<(f64, f64)> = hubs.iter().map(|h| (h.lon, h.lat)).collect();
    for el in input.elements {
        for id in [&el.origin, &el.destination] {
            if let Some(h) = network.hub(id) {
                pts.push((h.lon(), h.lat()));
            }
        }
    }
    pts.extend(
        flows
            .iter()
            .flat_map(|f| f.line.0.iter().map(|c| (c.x, c.y))),
    );
    pts.extend(input.markers.iter().map(|m| (m.lon, m.lat)));
    let view = View::fit(&pts, 400.0);
    let frame = LabelBox {
        x0: FRAME_X0,
        y0: FRAME_Y0,
        x1: FRAME_X1,
        y1: FRAME_Y1,
    };
    let inside = |x: f64, y: f64| {
        (FRAME_X0 - 200.0..=FRAME_X1 + 200.0).contains(&x)
            && (FRAME_Y0 - 200.0..=FRAME_Y1 + 200.0).contains(&y)
    };

    let mut s = String::new();
    if standalone {
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = writeln!(
        s,
        "<svg {}width=\"{MAP_W}\" height=\"{MAP_H}\" viewBox=\"0 0 {MAP_W} {MAP_H}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"map of the movement\">",
        if standalone { "xmlns=\"http://www.w3.org/2000/svg\" " } else { "" }
    );
    let _ = writeln!(
        s,
        "<defs><clipPath id=\"map-frame\"><rect x=\"{FRAME_X0}\" y=\"{FRAME_Y0}\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
        FRAME_X1 - FRAME_X0,
        FRAME_Y1 - FRAME_Y0
    );
    let _ = writeln!(
        s,
        "<rect width=\"{MAP_W}\" height=\"{MAP_H}\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        s,
        "<text x=\"{FRAME_X0}\" y=\"26\" font-size=\"16\" font-weight=\"bold\">{}</text>",
        escape(input.title)
    );
    let _ = writeln!(
        s,
        "<g clip-path=\"url(#map-frame)\"><rect x=\"{FRAME_X0}\" y=\"{FRAME_Y0}\" width=\"{}\" height=\"{}\" fill=\"#dce9f2\"/>",
        FRAME_X1 - FRAME_X0,
        FRAME_Y1 - FRAME_Y0
    );

    // Country outlines.
    let _ = writeln!(
        s,
        "<g fill=\"#f4f1ea\" stroke=\"#a39d92\" stroke-width=\"0.7\" stroke-linejoin=\"round\">"
    );
    for outline in CountryOutlines::bundled().outlines() {
        let mut d = String::new();
        for poly in &outline.shape.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                let xy: Vec<(f64, f64)> = ring.0.iter().map(|c| view.xy(c.x, c.y)).collect();
                let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
                for &(x, y) in &xy {
                    (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
                }
                if x1 < FRAME_X0 || x0 > FRAME_X1 || y1 < FRAME_Y0 || y0 > FRAME_Y1 {
                    continue;
                }
                let mut last = String::new();
                for (i, &(x, y)) in xy.iter().enumerate() {
                    let p = format!("{},{}", num(x), num(y));
                    if p != last {
                        d.push_str(if i == 0 { "M" } else { " L" });
                        d.push_str(&p);
                        last = p;
                    }
                }
                d.push_str(" Z");
            }
        }
        if !d.is_empty() {
            let _ = writeln!(
                s,
                "<path d=\"{d}\" fill-rule=\"evenodd\"><title>{}</title></path>",
                escape(&outline.name)
            );
        }
    }
    s.push_str("</g>\n");

    // Corridors, faint.
    let _ = writeln!(
        s,
        "<g stroke=\"#8c8c8c\" stroke-opacity=\"0.45\" stroke-width=\"1\" fill=\"none\" stroke-dasharray=\"3 2\">"
    );
    for link in network.links().filter(|l| !l.corridors.is_empty()) {
        let (Some(a), Some(b)) = (network.hub(&link.from), network.hub(&link.to)) else {
            continue;
        };
        let (ax, ay) = view.xy(a.lon(), a.lat());
        let (bx, by) = view.xy(b.lon(), b.lat());
        if inside(ax, ay) || inside(bx, by) {
            let _ = writeln!(
                s,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                num(ax),
                num(ay),
                num(bx),
                num(by)
            );
        }
    }
    s.push_str("</g>\n");

    // Routes: widest first, so thin ones stay visible on top.
    let max_vehicles = flows.iter().map(|f| f.vehicles).max().unwrap_or(1).max(1) as f64;
    let width = |v: f64| 1.5 + 7.5 * (v / max_vehicles).sqrt();
    let mut order: Vec<usize> = (0..flows.len()).collect();
    order.sort_by(|&a, &b| flows[b].vehicles.cmp(&flows[a].vehicles).then(a.cmp(&b)));
    let _ = writeln!(
        s,
        "<g fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\" stroke-opacity=\"0.85\">"
    );
    for &i in &order {
        let f = &flows[i];
        let mut d = String::new();
        for (k, c) in f.line.0.iter().enumerate() {
            let (x, y) = view.xy(c.x, c.y);
            let _ = write!(
                d,
                "{}{},{}",
                if k == 0 { "M" } else { " L" },
                num(x),
                num(y)
            );
        }
        let _ = writeln!(
            s,
            "<path d=\"{d}\" stroke=\"{}\" stroke-width=\"{}\"><title>{} ({}): {} units, {} vehicles — {}</title></path>",
            mode_colour(f.mode),
            num(width(f.vehicles as f64)),
            escape(&f.link),
            f.mode.as_str(),
            f.units,
            f.vehicles,
            escape(&f.elements.iter().cloned().collect::<Vec<_>>().join(", "))
        );
    }
    s.push_str("</g>\n");

    // Extra markers (bottlenecks, what-ifs), sized by impact.
    let mut obstacles: Vec<LabelBox> = Vec::new();
    let mut requests: Vec<LabelRequest> = Vec::new();
    for m in &input.markers {
        let (x, y) = view.xy(m.lon, m.lat);
        let r = 4.0 + 10.0 * m.size.clamp(0.0, 1.0).sqrt();
        let colour = layer_style(&m.layer).0;
        let _ = writeln!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\" fill-opacity=\"0.35\" stroke=\"{colour}\" stroke-width=\"1.5\"><title>{}: {}</title></circle>",
            num(x),
            num(y),
            num(r),
            escape(&m.label),
            escape(&m.detail)
        );
        obstacles.push(LabelBox {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        });
    }

    // Hubs used, by kind.
    for h in &hubs {
        let (x, y) = view.xy(h.lon, h.lat);
        let r = hub_radius(h);
        symbol(
            &mut s,
            h.kind,
            x,
            y,
            r,
            &format!(
                "{} ({}, {}): {} vehicles",
                h.name,
                h.id,
                h.role.as_str(),
                h.vehicles
            ),
        );
        obstacles.push(LabelBox {
            x0: x - r * 1.3,
            y0: y - r * 1.3,
            x1: x + r * 1.3,
            y1: y + r * 1.3,
        });
    }
    // Labels: destinations, origins, transshipment hubs (by vehicles), markers.
    let mut labelled: Vec<&UsedHub> = hubs.iter().collect();
    labelled.sort_by(|a, b| {
        a.role
            .cmp(&b.role)
            .then(b.vehicles.cmp(&a.vehicles))
            .then(a.id.cmp(&b.id))
    });
    for h in &labelled {
        let (x, y) = view.xy(h.lon, h.lat);
        requests.push(LabelRequest {
            x,
            y,
            text: short_name(&h.name),
            font: if h.role == HubRole::Transshipment {
                10.5
            } else {
                12.0
            },
            offset: hub_radius(h) * 1.3 + 3.0,
        });
    }
    for m in &input.markers {
        let (x, y) = view.xy(m.lon, m.lat);
        requests.push(LabelRequest {
            x,
            y,
            text: m.label.clone(),
            font: 10.5,
            offset: 4.0 + 10.0 * m.size.clamp(0.0, 1.0).sqrt() + 2.0,
        });
    }
    let placed = place_labels(&requests, &obstacles, frame);
    for (r, p) in requests.iter().zip(&placed) {
        let Some(p) = p else { continue };
        let weight = if r.font >= 12.0 {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"{}\"{weight} stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            num(p.x),
            num(p.y),
            p.anchor,
            r.font,
            escape(&r.text)
        );
    }
    s.push_str("</g>\n");
    let _ = writeln!(
        s,
        "<rect x=\"{FRAME_X0}\" y=\"{FRAME_Y0}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#555555\"/>",
        FRAME_X1 - FRAME_X0,
        FRAME_Y1 - FRAME_Y0
    );

    legend(&mut s, input, &view, &flows, &hubs, max_vehicles, &width);
    s.push_str("</svg>\n");
    s
}

/// The legend panel right of the frame: modes, widths, hub kinds, markers,
/// corridors, the scale bar and the attribution.
fn legend(
    s: &mut String,
    input: &ReportInput<'_>,
    view: &View,
    flows: &[super::route_flows::LinkFlow],
    hubs: &[UsedHub],
    max_vehicles: f64,
    width: &dyn Fn(f64) -> f64,
) {
    let x = FRAME_X1 + 18.0;
    let mut y = FRAME_Y0 + 14.0;
    let _ = writeln!(s, "<g font-size=\"12\">");
    let _ = writeln!(
        s,
        "<text x=\"{x}\" y=\"{}\" font-weight=\"bold\">Routes by mode</text>",
        num(y)
    );
    y += 18.0;
    let modes: BTreeSet<Mode> = flows.iter().map(|f| f.mode).collect();
    for m in &modes {
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            num(y),
            num(x + 30.0),
            num(y),
            mode_colour(*m),
            num(x + 38.0),
            num(y + 4.0),
            m.as_str().replace('_', " ")
        );
        y += 18.0;
    }
    y += 6.0;
    let _ = writeln!(
        s,
        "<text x=\"{x}\" y=\"{}\" font-weight=\"bold\">Vehicles carried</text>",
        num(y)
    );
    y += 18.0;
    for v in [
        max_vehicles,
        (max_vehicles / 4.0).round().max(1.0),
        1.0_f64.max((max_vehicles / 20.0).round()),
    ] {
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555555\" stroke-width=\"{}\" stroke-linecap=\"round\"/><text x=\"{}\" y=\"{}\">{v:.0}</text>",
            num(y),
            num(x + 30.0),
            num(y),
            num(width(v)),
            num(x + 38.0),
            num(y + 4.0)
        );
        y += 18.0;
    }
    y += 6.0;
    let _ = writeln!(
        s,
        "<text x=\"{x}\" y=\"{}\" font-weight=\"bold\">Hubs</text>",
        num(y)
    );
    y += 18.0;
    let mut kinds: Vec<&'static str> = Vec::new();
    for h in hubs {
        let label = kind_label(h.kind);
        if kinds.contains(&label) {
            continue;
        }
        kinds.push(label);
        symbol(s, h.kind, x + 15.0, y, 5.0, label);
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\">{label}</text>",
            num(x + 38.0),
            num(y + 4.0)
        );
        y += 18.0;
    }
    let _ = writeln!(
        s,
        "<text x=\"{x}\" y=\"{}\" font-size=\"10.5\" fill=\"#555555\">larger: destination, origin</text>",
        num(y)
    );
    y += 20.0;
    let layers: BTreeSet<&str> = input.markers.iter().map(|m| m.layer.as_str()).collect();
    for layer in layers {
        let (colour, text) = layer_style(layer);
        let _ = writeln!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"{colour}\" fill-opacity=\"0.35\" stroke=\"{colour}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            num(x + 15.0),
            num(y),
            num(x + 38.0),
            num(y + 4.0),
            escape(&text)
        );
        y += 20.0;
    }
    let _ = writeln!(
        s,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#8c8c8c\" stroke-opacity=\"0.6\" stroke-dasharray=\"3 2\"/><text x=\"{}\" y=\"{}\">corridor</text>",
        num(y),
        num(x + 30.0),
        num(y),
        num(x + 38.0),
        num(y + 4.0)
    );
    y += 34.0;

    // Scale bar: true east–west at the frame's centre (LAEA is equal-area,
    // so the scale varies slightly across the map).
    let cx = (FRAME_X0 + FRAME_X1) / 2.0;
    let cy = (FRAME_Y0 + FRAME_Y1) / 2.0;
    let (lon, lat) = centre_lon_lat(view, cx, cy);
    let (ax, _) = view.xy(lon - 0.5, lat);
    let (bx, _) = view.xy(lon + 0.5, lat);
    let km_per_unit =
        geodesic_km(Point::new(lon - 0.5, lat), Point::new(lon + 0.5, lat)) / (bx - ax);
    let km = scale_km(200.0 * km_per_unit);
    let len = km / km_per_unit;
    let _ = writeln!(
        s,
        "<text x=\"{x}\" y=\"{}\" font-weight=\"bold\">Scale</text>",
        num(y)
    );
    y += 14.0;
    let _ = writeln!(
        s,
        "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"6\" fill=\"#222222\"/><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" fill=\"#ffffff\" stroke=\"#222222\"/>",
        num(y),
        num(len / 2.0),
        num(x + len / 2.0),
        num(y),
        num(len / 2.0)
    );
    y += 20.0;
    let _ = writeln!(
        s,
        "<text x=\"{x}\" y=\"{}\">0</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{km:.0} km</text>",
        num(y),
        num(x + len),
        num(y)
    );
    y += 16.0;
    let _ = writeln!(
        s,
        "<text x=\"{x}\" y=\"{}\" font-size=\"10\" fill=\"#555555\">true at {lat:.1}° N {lon:.1}° E</text>",
        num(y)
    );
    let foot = [
        "Projection: LAEA Europe (EPSG:3035)",
        "Country outlines: Natural Earth",
        "(public domain)",
        "Network data illustrative;",
        "not for operational use.",
    ];
    for (i, line) in foot.iter().enumerate() {
        let _ = writeln!(
            s,
            "<text x=\"{x}\" y=\"{}\" font-size=\"10\" fill=\"#555555\">{line}</text>",
            num(FRAME_Y1 - 14.0 * (foot.len() - 1 - i) as f64)
        );
    }
    s.push_str("</g>\n");
}

/// The lon/lat at drawing point (x, y), found by Newton steps on the
/// forward projection (the map needs the inverse only here).
fn centre_lon_lat(view: &View, x: f64, y: f64) -> (f64, f64) {
    let (mut lon, mut lat) = (10.0, 52.0);
    for _ in 0..30 {
        let (px, py) = view.xy(lon, lat);
        let (ex, ey) = (x - px, y - py);
        if ex.abs() < 1e-6 && ey.abs() < 1e-6 {
            break;
        }
        let h = 1e-4;
        let (ax, ay) = view.xy(lon + h, lat);
        let (bx, by) = view.xy(lon, lat + h);
        let (j11, j21, j12, j22) = ((ax - px) / h, (ay - py) / h, (bx - px) / h, (by - py) / h);
        let det = j11 * j22 - j12 * j21;
        if det.abs() < 1e-12 {
            break;
        }
        lon += (j22 * ex - j12 * ey) / det;
        lat += (-j21 * ex + j11 * ey) / det;
        lat = lat.clamp(-89.0, 89.0);
    }
    (lon, lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_bar_measures_true_distance_at_the_centre() {
        // A view over the Baltic; 1° of longitude at the centre latitude
        // is what the geodesic says.
        let view = View::fit(&[(13.0, 52.0), (25.0, 56.0)], 400.0);
        let (lon, lat) = centre_lon_lat(&view, 430.0, 405.0);
        let (px, py) = view.xy(lon, lat);
        assert!((px - 430.0).abs() < 1e-3 && (py - 405.0).abs() < 1e-3);
        // Berlin–Warsaw is about 518 km; on the map the straight line
        // between them, measured with the centre scale, is within 2 %.
        let (bx, by) = view.xy(13.405, 52.52);
        let (wx, wy) = view.xy(21.012, 52.23);
        let (ax, _) = view.xy(lon - 0.5, lat);
        let (cx, _) = view.xy(lon + 0.5, lat);
        let km_per_unit =
            geodesic_km(Point::new(lon - 0.5, lat), Point::new(lon + 0.5, lat)) / (cx - ax);
        let km = ((wx - bx).hypot(wy - by)) * km_per_unit;
        assert!((km - 518.0).abs() / 518.0 < 0.02, "{km}");
        assert_eq!(scale_km(180.0), 100.0);
        assert_eq!(
            short_name("Bergen-Hohne training area staging area and railhead"),
            "Bergen-Hohne training area"
        );
        assert_eq!(
            short_name("Port of Hamburg (Waltershof)"),
            "Port of Hamburg"
        );
        assert_eq!(scale_km(260.0), 250.0);
    }
}
