//! `report.md`: the scenario report's summary in Markdown, for a terminal,
//! a briefing note or a git diff (golden-tested on the bundled scenarios).

use std::fmt::Write;

use super::input::ReportInput;
use super::summary::summary_sections;

/// The report's summary in Markdown.
pub fn report_markdown(input: &ReportInput<'_>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", input.title);
    if !input.description.is_empty() {
        let _ = writeln!(s, "{}\n", input.description);
    }
    let _ = writeln!(
        s,
        "Scenario `{}` on the network `{}`.\n",
        input.scenario,
        input.network.meta().name
    );
    for sec in summary_sections(input) {
        let _ = writeln!(s, "## {}\n", sec.title);
        if !sec.text.is_empty() {
            let _ = writeln!(s, "{}\n", sec.text);
        }
        let _ = writeln!(s, "{}", sec.table.to_markdown());
    }
    if !input.sources.is_empty() {
        let _ = writeln!(s, "## Sources\n");
        for src in input.sources {
            let _ = writeln!(s, "- {src}");
        }
        s.push('\n');
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}
