//! Presenting results: plain-text timelines and GeoJSON of routes; movement
//! plans as Markdown and CSV; and the scenario report — a folder with a
//! self-contained HTML page, a Markdown summary, the plan as JSON, the
//! timeline as CSV, the routes as GeoJSON, a map and a closure chart.
//!
//! The scenario report is built from a [`ReportInput`] (what a report
//! shows; [`ScenarioRun::report_input`] makes one from a planned
//! scenario). Its optional `sections` and `markers` let later analyses
//! (bottlenecks, disruptions) add a table and points on the map without
//! touching the writers. What-ifs ([`WhatIf`], asked for by `--what-if`
//! or the scenario's `[report]` table, [`ReportSettings`]) add a section,
//! map markers, a dashed line each in the closure chart and
//! `what_ifs.json`.
//!
//! ```no_run
//! use milmob::force::VehicleCatalogue;
//! use milmob::permits::Calendars;
//! use milmob::report::{write_report, ScenarioRun};
//!
//! let run = ScenarioRun::run(
//!     "data/scenarios/brigade-lithuania.toml",
//!     VehicleCatalogue::builtin(),
//!     &|| Ok(Calendars::new()),
//!     &mut |_| {},
//! )?;
//! write_report(&run.report_input(), std::path::Path::new("report"))?;
//! # Ok::<(), milmob::Error>(())
//! ```

pub mod bottleneck_section;
pub mod closure_svg;
pub mod input;
pub mod labels;
pub mod map_svg;
pub mod permit_schedule;
pub mod plan_geojson;
pub mod plan_markdown;
pub mod projection;
pub mod report_folder;
pub mod report_html;
pub mod report_markdown;
pub mod report_settings;
pub mod route_flows;
pub mod route_geojson;
pub mod route_text;
pub mod scenario_run;
pub mod summary;
pub mod svg;
pub mod time_axis;
pub mod whatif_run;
pub mod whatif_section;

pub use bottleneck_section::{bottleneck_sections, BOTTLENECK_LAYER};
pub use closure_svg::closure_svg;
pub use input::{ComparedPlan, MapMarker, ReportInput, ReportSection, Table};
pub use map_svg::map_svg;
pub use permit_schedule::{permit_schedule, CountryPermit, PermitContext};
pub use plan_geojson::{markers_geojson, routes_geojson};
pub use plan_markdown::{plan_timeline_csv, plan_to_markdown};
pub use projection::LaeaEurope;
pub use report_folder::{plan_json, what_ifs_json, write_report, REPORT_FILES};
pub use report_html::report_html;
pub use report_markdown::report_markdown;
pub use report_settings::{ReportSettings, DEFAULT_TOP};
pub use route_flows::{link_flows, main_kind, used_hubs, HubRole, LinkFlow, UsedHub};
pub use route_geojson::{route_line, route_to_geojson};
pub use route_text::route_to_text;
pub use scenario_run::{resolve_regime, unknown_regime, RunProgress, ScenarioRun};
pub use summary::summary_sections;
pub use time_axis::TimeAxis;
pub use whatif_run::{plan_summary, what_if_label, WhatIf, WhatIfContext};
pub use whatif_section::{whatif_markers, whatif_section, WHAT_IF_LAYER};
