//! `report.html`: one self-contained page — inline CSS and SVG, no script,
//! no font, no image or style fetched from anywhere — that opens in any
//! browser offline and prints on A4: the summary first (closure, bound and
//! gap; time by cause; the permit plan per country; the regime
//! comparison; any further sections), then the map, the closure chart and
//! the tables (elements, transport, busiest links and hubs, checks, every
//! unit). Written as well-formed XHTML-compatible markup (every element
//! closed), so an XML parser reads it.

use std::fmt::Write;

use super::closure_svg::closure_svg;
use super::input::{ReportInput, Table};
use super::map_svg::map_svg;
use super::summary::{hours, summary_sections, when};
use super::svg::escape;

const CSS: &str = "body{font-family:sans-serif;margin:1.5em auto;max-width:1150px;color:#222;line-height:1.4}\
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}\
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}\
th{background:#f0f0f0}td.n,th.n{text-align:right}.meta{color:#555}\
.figure svg{max-width:100%;height:auto;border:1px solid #ddd}nav a{margin-right:1em}\
.key td:first-child{font-weight:bold;white-space:nowrap}\
@media print{@page{size:A4;margin:12mm}body{max-width:none;margin:0}nav{display:none}.figure{page-break-inside:avoid}}";

fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn units_table(input: &ReportInput<'_>) -> Table {
    let p = input.plan;
    let mut t = Table::new(&[
        "unit",
        "kind",
        "vehicles:",
        "from",
        "to",
        "depart",
        "arrive",
        "h:",
        "km:",
        "permit wait (h):",
        "capacity wait (h):",
    ]);
    for u in &p.units {
        let wait = |k: &str| {
            u.steps
                .iter()
                .filter(|s| s.kind.as_str() == k)
                .map(|s| s.duration_min / 60.0)
                .sum::<f64>()
        };
        t.row(vec![
            u.id.clone(),
            format!("{:?}", u.kind).to_lowercase(),
            u.vehicles.values().sum::<u32>().to_string(),
            u.origin.clone(),
            u.destination.clone(),
            when(u.depart),
            when(u.arrive),
            format!("{:.1}", hours(p.epoch, u.arrive)),
            format!("{:.0}", u.distance_km),
            format!("{:.1}", wait("wait_permit")),
            format!("{:.1}", wait("wait_capacity")),
        ]);
    }
    t
}

/// The report page.
pub fn report_html(input: &ReportInput<'_>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "<!DOCTYPE html>");
    let _ = writeln!(s, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>");
    let _ = writeln!(
        s,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>",
        escape(input.title)
    );
    let _ = writeln!(s, "<h1>{}</h1>", escape(input.title));
    if !input.description.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", escape(input.description));
    }
    let _ = writeln!(
        s,
        "<p class=\"meta\">Scenario <code>{}</code> on the network <code>{}</code>; made by milmob {}. Illustrative data, not for operational use.</p>",
        escape(&input.scenario),
        escape(&input.network.meta().name),
        env!("CARGO_PKG_VERSION")
    );
    let sections = summary_sections(input);
    let link = |sec: &super::input::ReportSection| {
        format!(
            "<a href=\"#{}\">{}</a> ",
            anchor(&sec.title),
            escape(&sec.title)
        )
    };
    let _ = write!(s, "<nav>");
    for sec in sections.iter().filter(|x| x.summary) {
        s.push_str(&link(sec));
    }
    s.push_str("<a href=\"#map\">Map</a> <a href=\"#closure-profile\">Closure profile</a> ");
    for sec in sections.iter().filter(|x| !x.summary) {
        s.push_str(&link(sec));
    }
    let _ = writeln!(s, "<a href=\"#units\">Units</a></nav>");
    let write_section = |s: &mut String, sec: &super::input::ReportSection| {
        let key = if sec.title == "Closure" {
            " class=\"key\""
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "<section id=\"{}\"{key}>\n<h2>{}</h2>",
            anchor(&sec.title),
            escape(&sec.title)
        );
        if !sec.text.is_empty() {
            let _ = writeln!(s, "<p>{}</p>", escape(&sec.text));
        }
        s.push_str(&sec.table.to_html());
        s.push_str("</section>\n");
    };
    for sec in sections.iter().filter(|x| x.summary) {
        write_section(&mut s, sec);
    }
    let _ = writeln!(
        s,
        "<section id=\"map\" class=\"figure\">\n<h2>Map</h2>\n{}</section>",
        map_svg(input, false)
    );
    let _ = writeln!(
        s,
        "<section id=\"closure-profile\" class=\"figure\">\n<h2>Closure profile</h2>\n{}</section>",
        closure_svg(input, false)
    );
    for sec in sections.iter().filter(|x| !x.summary) {
        write_section(&mut s, sec);
    }
    let _ = writeln!(
        s,
        "<section id=\"units\">\n<h2>Units</h2>\n{}</section>",
        units_table(input).to_html()
    );
    if !input.sources.is_empty() {
        let _ = writeln!(s, "<section id=\"sources\">\n<h2>Sources</h2>\n<ul>");
        for src in input.sources {
            let _ = writeln!(s, "<li>{}</li>", escape(src));
        }
        let _ = writeln!(s, "</ul>\n</section>");
    }
    let _ = writeln!(
        s,
        "<p class=\"meta\">Country outlines: Natural Earth (public domain). Map projection: LAEA Europe (EPSG:3035).</p>\n</body>\n</html>"
    );
    s
}
