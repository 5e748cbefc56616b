//! The import report: what was read, kept, built and refused.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::assemble::AssemblyStats;
use super::simplify::GraphStats;
use super::tags::TagLog;

/// What an import read and built. Serialises to the JSON of `milmob import
/// osm --report-json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    /// The input file.
    pub source: String,
    /// Its size, bytes.
    pub bytes: u64,
    /// Ways in the file (PBF) or line features (GeoJSON).
    pub ways_read: u64,
    /// Nodes in the file (PBF; 0 for GeoJSON).
    pub nodes_read: u64,
    /// Relations in the file (PBF).
    pub relations_read: u64,
    /// Kept ways by class.
    pub ways_kept: BTreeMap<String, u64>,
    /// Ways not kept, by reason.
    pub ways_skipped: BTreeMap<String, u64>,
    /// Distinct nodes the kept ways use.
    pub nodes_referenced: u64,
    /// Of those, nodes not in the file (extract edges).
    pub nodes_missing: u64,
    /// Segments and km by class.
    pub graph: GraphStats,
    /// Hubs built.
    pub hubs: u64,
    /// Links built.
    pub links: u64,
    /// Countries, assumptions, bridges and tunnels.
    pub assembly: AssemblyStats,
    /// Tags read and refused (with way ids).
    pub tags: TagLog,
}

impl ImportReport {
    /// The report as text; at most `max_rejections` refused values are
    /// listed (the rest are counted).
    pub fn to_text(&self, max_rejections: usize) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "import of {} ({} bytes)", self.source, self.bytes);
        let _ = writeln!(
            s,
            "read: {} ways, {} nodes, {} relations",
            self.ways_read, self.nodes_read, self.relations_read
        );
        let kept: u64 = self.ways_kept.values().sum();
        let _ = writeln!(s, "ways kept: {kept}");
        for (k, n) in &self.ways_kept {
            let _ = writeln!(s, "  {k:<24} {n:>8}");
        }
        let _ = writeln!(s, "ways skipped:");
        for (k, n) in &self.ways_skipped {
            let _ = writeln!(s, "  {k:<32} {n:>8}");
        }
        let _ = writeln!(
            s,
            "nodes used: {} ({} not in the file)",
            self.nodes_referenced, self.nodes_missing
        );
        let g = &self.graph;
        let _ = writeln!(
            s,
            "segments: {} kept, {} with a missing node, {} outside the box, {} degenerate",
            g.segments, g.segments_missing_node, g.segments_outside_bbox, g.segments_degenerate
        );
        let _ = writeln!(s, "hubs: {}   links: {}", self.hubs, self.links);
        let _ = writeln!(s, "km by class:");
        for (k, km) in &g.km_by_class {
            let _ = writeln!(s, "  {k:<24} {km:>10.1} km");
        }
        let a = &self.assembly;
        let countries: Vec<String> = a
            .hubs_by_country
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let _ = writeln!(s, "hubs by country: {}", countries.join(", "));
        let _ = writeln!(
            s,
            "assumed: {} hub countries (outside every outline), {} rail gauges; {} links lengthened to 10 m; {} dual-gauge links",
            a.hubs_country_assumed, a.rail_gauge_assumed, a.links_lengthened, a.dual_gauge_links
        );
        let _ = writeln!(
            s,
            "links with a bridge: {}   with a tunnel: {}",
            a.links_with_bridge, a.links_with_tunnel
        );
        let t = &self.tags;
        let _ = writeln!(
            s,
            "tags parsed: {}   rejected: {}",
            t.parsed_total(),
            t.rejected_total()
        );
        for (k, n) in &t.parsed {
            let r = t.rejected.get(k).copied().unwrap_or(0);
            let _ = writeln!(s, "  {k:<24} {n:>8} parsed {r:>6} rejected");
        }
        for (k, n) in t
            .rejected
            .iter()
            .filter(|(k, _)| !t.parsed.contains_key(*k))
        {
            let _ = writeln!(s, "  {k:<24} {:>8} parsed {n:>6} rejected", 0);
        }
        for (k, n) in &t.notes {
            let _ = writeln!(s, "  note: {k}: {n}");
        }
        for r in t.rejections.iter().take(max_rejections) {
            let _ = writeln!(
                s,
                "  rejected: way {} {}={:?}: {}",
                r.way, r.key, r.value, r.reason
            );
        }
        if t.rejections.len() > max_rejections {
            let _ = writeln!(
                s,
                "  … and {} more rejected values (the JSON report lists them all)",
                t.rejections.len() - max_rejections
            );
        }
        s
    }
}
