//! A what-if of a scenario: the force planned under a disruption file
//! (`data/FORMAT.md`, "Disruption files") with the scenario's regime,
//! doctrine and options — a full [`MovementPlan`] (both lower bounds,
//! closure profile, checks) on the network with the file's permanent edits,
//! under its closures and time-bounded capacity reductions — and its
//! comparison with the scenario's plan ([`crate::analysis::compare`], the
//! numbers `milmob disrupt` prints).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::{compare, Comparison, Disruptions, PlanSummary};
use crate::error::Error;
use crate::force::VehicleCatalogue;
use crate::movement::{ForceElement, MoveOptions, MovementPlan, MovementPlanner};
use crate::network::Network;
use crate::permits::{Calendars, PermitRegime};
use crate::routing::Topology;

/// A scenario planned under one disruption file.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIf {
    /// The disruption file.
    pub file: PathBuf,
    /// A short label for charts ([`what_if_label`]: `oder-bridge` for
    /// `brigade-lithuania.oder-bridge.toml`).
    pub label: String,
    /// The disruption file as read.
    pub disruptions: Disruptions,
    /// The comparison with the scenario's plan (closure delta in hours,
    /// units cut off and delayed, unit-hours by cause; the plans' unit
    /// lists are left out of the JSON).
    #[serde(serialize_with = "comparison_without_summaries")]
    pub comparison: Comparison,
    /// The disrupted plan.
    pub plan: MovementPlan,
}

/// [`Comparison`] without its two [`PlanSummary`]s (the baseline is
/// `plan.json`, the disrupted plan is [`WhatIf::plan`]).
fn comparison_without_summaries<S: serde::Serializer>(
    c: &Comparison,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Lean<'a> {
        name: &'a str,
        events: &'a [String],
        baseline_closure: chrono::DateTime<chrono::Utc>,
        disrupted_closure: chrono::DateTime<chrono::Utc>,
        baseline_closure_h: f64,
        disrupted_closure_h: f64,
        closure_delta_h: f64,
        units_cut_off: &'a [String],
        vehicles_cut_off: u32,
        units_delayed: usize,
        max_delay_h: f64,
        baseline_time_by_cause: &'a BTreeMap<String, f64>,
        disrupted_time_by_cause: &'a BTreeMap<String, f64>,
        units: &'a [crate::analysis::UnitDelta],
    }
    Lean {
        name: &c.name,
        events: &c.events,
        baseline_closure: c.baseline_closure,
        disrupted_closure: c.disrupted_closure,
        baseline_closure_h: c.baseline_closure_h,
        disrupted_closure_h: c.disrupted_closure_h,
        closure_delta_h: c.closure_delta_h,
        units_cut_off: &c.units_cut_off,
        vehicles_cut_off: c.vehicles_cut_off,
        units_delayed: c.units_delayed,
        max_delay_h: c.max_delay_h,
        baseline_time_by_cause: &c.baseline_time_by_cause,
        disrupted_time_by_cause: &c.disrupted_time_by_cause,
        units: &c.units,
    }
    .serialize(s)
}

/// A movement plan in the terms [`compare`] reads
/// ([`PlanSummary::from_plan`]).
pub fn plan_summary(plan: &MovementPlan) -> PlanSummary {
    PlanSummary::from_plan(plan)
}

/// The short label of a what-if file: its stem after the first `.`
/// (`oder-bridge` for `brigade-lithuania.oder-bridge.toml`, the
/// `<scenario>.<what-if>` naming of `data/scenarios/what-if/`), or the
/// whole stem.
pub fn what_if_label(what_if: &Path) -> String {
    let stem = what_if
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.split_once('.') {
        Some((_, rest)) if !rest.is_empty() => rest.to_string(),
        _ => stem,
    }
}

/// The scenario's force, regime and options, and its plan (the baseline).
pub struct WhatIfContext<'a> {
    /// The network as it is.
    pub network: &'a Network,
    /// Vehicle types.
    pub catalogue: &'a VehicleCatalogue,
    /// The scenario's permit regime.
    pub regime: &'a PermitRegime,
    /// The scenario's planning options (its own conditions are replaced).
    pub options: &'a MoveOptions,
    /// The force.
    pub elements: &'a [ForceElement],
    /// The scenario's plan under its regime, without disruption.
    pub baseline: &'a MovementPlan,
}

impl WhatIf {
    /// Plans the scenario under the disruption file `file` (ids checked
    /// against the network; errors name the file, line and key);
    /// `calendars` are the working-day calendars of the plan.
    pub fn plan(
        file: &Path,
        cx: &WhatIfContext<'_>,
        calendars: Calendars,
    ) -> Result<WhatIf, Error> {
        let disruptions = Disruptions::load(file, cx.network).map_err(Error::from)?;
        Self::plan_loaded(file, disruptions, cx, calendars)
    }

    /// As [`WhatIf::plan`], with the disruption file `file` already read
    /// (checked against `cx.network`).
    pub fn plan_loaded(
        file: &Path,
        disruptions: Disruptions,
        cx: &WhatIfContext<'_>,
        calendars: Calendars,
    ) -> Result<WhatIf, Error> {
        let edited = disruptions.edited_network(cx.network);
        let topology = Topology::build(&edited);
        let epoch = cx
            .elements
            .iter()
            .map(|e| e.earliest_departure)
            .min()
            .unwrap_or(cx.baseline.epoch);
        let options = MoveOptions {
            conditions: disruptions.resolve(&topology, &edited, epoch),
            ..cx.options.clone()
        };
        let planner =
            MovementPlanner::new(&edited, cx.catalogue, cx.regime.clone(), calendars, options);
        let plan = planner.plan(cx.elements)?;
        let comparison = compare(
            &disruptions.name,
            &disruptions.events,
            plan_summary(cx.baseline),
            plan_summary(&plan),
        );
        Ok(WhatIf {
            file: file.to_path_buf(),
            label: what_if_label(file),
            disruptions,
            comparison,
            plan,
        })
    }

    /// The lower bound of the disrupted plan, hours after the baseline's
    /// epoch.
    pub fn lower_bound_h(&self) -> f64 {
        (self.plan.lower_bound - self.comparison.baseline.epoch).num_seconds() as f64 / 3600.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_drop_the_scenario_stem() {
        assert_eq!(
            what_if_label(Path::new(
                "data/scenarios/what-if/brigade-lithuania.oder-bridge.toml"
            )),
            "oder-bridge"
        );
        assert_eq!(what_if_label(Path::new("x/storm.toml")), "storm");
    }
}
