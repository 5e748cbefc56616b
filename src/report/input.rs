//! What a scenario report shows: the plan, the plans compared, the permit
//! plan, and optional sections and map markers that later analyses
//! (bottlenecks, disruptions, upgrades) add without changing the writers.

use crate::movement::{ForceElement, MovementPlan};
use crate::network::Network;

use super::permit_schedule::CountryPermit;
use super::whatif_run::WhatIf;

/// Everything the report writers ([`report_markdown`](mod@super::report_markdown),
/// [`report_html`](mod@super::report_html), the map and the chart) draw from.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    /// The scenario's name.
    pub title: &'a str,
    /// What it is, and what is illustrative.
    pub description: &'a str,
    /// Where its facts come from.
    pub sources: &'a [String],
    /// The scenario file's name (for the report's header).
    pub scenario: String,
    /// The network planned on.
    pub network: &'a Network,
    /// The force's elements (origins, destinations, carriage).
    pub elements: &'a [ForceElement],
    /// The plan reported on (the scenario's regime).
    pub plan: &'a MovementPlan,
    /// The permit plan per country of `plan`.
    pub permits: &'a [CountryPermit],
    /// Plans compared with it (regimes, later disruptions): one table row
    /// and one line of the closure chart each. Empty: only `plan` is drawn.
    pub compared: Vec<ComparedPlan<'a>>,
    /// Further sections, shown after the summary in the order given.
    pub sections: Vec<ReportSection>,
    /// Further points on the map (e.g. bottlenecks sized by impact); each
    /// layer is also written as `<layer>.geojson`.
    pub markers: Vec<MapMarker>,
    /// What-ifs (the force under disruption files): one dashed line each in
    /// the closure chart, and `what_ifs.json` in the report folder (their
    /// section and markers are in `sections` and `markers`). Empty: none.
    pub what_ifs: &'a [WhatIf],
}

/// One plan compared with the others.
#[derive(Debug, Clone)]
pub struct ComparedPlan<'a> {
    /// Its label (a regime name, a disruption).
    pub label: String,
    /// The plan.
    pub plan: &'a MovementPlan,
}

/// A titled section of the report: text and a table, written to both the
/// Markdown and the HTML report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSection {
    /// Section heading.
    pub title: String,
    /// A paragraph before the table (plain text).
    pub text: String,
    /// The table.
    pub table: Table,
    /// Whether it belongs to the summary (shown before the map and chart,
    /// and in `report.md`) rather than with the detailed tables (HTML only
    /// after the figures; still in `report.md`).
    pub summary: bool,
}

/// A table of text cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column headings.
    pub header: Vec<String>,
    /// Whether each column is numeric (right-aligned).
    pub numeric: Vec<bool>,
    /// Rows of cells (as many as headings).
    pub rows: Vec<Vec<String>>,
}

/// A point drawn on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapMarker {
    /// Layer name (also the GeoJSON file name), e.g. `bottlenecks`.
    pub layer: String,
    /// Label beside the marker.
    pub label: String,
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Relative size, 0..1 (e.g. the impact of a bottleneck over the
    /// largest).
    pub size: f64,
    /// What it is, in words (a GeoJSON property).
    pub detail: String,
}

impl Table {
    /// A table with these headings; a heading ending in `:` is numeric
    /// (the colon is dropped).
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header
                .iter()
                .map(|h| h.trim_end_matches(':').to_string())
                .collect(),
            numeric: header.iter().map(|h| h.ends_with(':')).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table in Markdown (cells' `|` escaped).
    pub fn to_markdown(&self) -> String {
        let esc = |c: &str| c.replace('|', "\\|");
        let mut s = format!(
            "| {} |\n|{}|\n",
            self.header
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | "),
            self.numeric
                .iter()
                .map(|n| if *n { "---:" } else { "---" })
                .collect::<Vec<_>>()
                .join("|")
        );
        for r in &self.rows {
            s.push_str(&format!(
                "| {} |\n",
                r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
            ));
        }
        s
    }

    /// The table in HTML (text escaped).
    pub fn to_html(&self) -> String {
        let cell = |tag: &str, num: bool, text: &str| {
            format!(
                "<{tag}{}>{}</{tag}>",
                if num { " class=\"n\"" } else { "" },
                super::svg::escape(text)
            )
        };
        let mut s = String::from("<table>\n<thead><tr>");
        for (h, n) in self.header.iter().zip(&self.numeric) {
            s.push_str(&cell("th", *n, h));
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        for r in &self.rows {
            s.push_str("<tr>");
            for (i, c) in r.iter().enumerate() {
                s.push_str(&cell(
                    "td",
                    self.numeric.get(i).copied().unwrap_or(false),
                    c,
                ));
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody>\n</table>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_render_and_escape() {
        let mut t = Table::new(&["name", "km:"]);
        t.row(vec!["a|b".into(), "3".into()]);
        t.row(vec!["<x>".into(), "4".into()]);
        assert_eq!(
            t.to_markdown(),
            "| name | km |\n|---|---:|\n| a\\|b | 3 |\n| <x> | 4 |\n"
        );
        let h = t.to_html();
        assert!(
            h.contains("<td>&lt;x&gt;</td><td class=\"n\">4</td>"),
            "{h}"
        );
    }
}
