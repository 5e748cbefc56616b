//! Running a scenario: a movement order (TOML, `data/FORMAT.md`) is read
//! and checked against its network, the force is planned under the
//! order's permit regime and under every regime it asks to compare, the
//! permit plan per country is worked out, and the force is planned under
//! every what-if its `[report]` table (or the caller) names — everything a
//! report needs ([`ScenarioRun::report_input`]).
//!
//! Checks against the network name the file, line and key: an unknown hub
//! in `origin` or `destination`, an unknown permit regime in `regime` or
//! `compare_regimes`. (Parse errors — unknown vehicles or formations,
//! negative or zero counts, bad instants — come from
//! [`MovementOrder::parse`] with the same location.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::input::{ComparedPlan, ReportInput};
use super::permit_schedule::{permit_schedule, CountryPermit, PermitContext};
use super::report_settings::ReportSettings;
use super::whatif_run::{WhatIf, WhatIfContext};
use super::whatif_section::{whatif_markers, whatif_section};
use crate::analysis::Disruptions;
use crate::error::Error;
use crate::force::VehicleCatalogue;
use crate::movement::{MovementOrder, MovementPlan, MovementPlanner};
use crate::network::Network;
use crate::permits::{Calendars, PermitRegime};

/// The spans of the keys the network checks locate (everything else in
/// the file is ignored here; [`MovementOrder::parse`] reads it).
#[derive(Debug, Deserialize)]
struct Spans {
    #[serde(default)]
    regime: Option<Spanned<String>>,
    #[serde(default)]
    compare_regimes: Vec<Spanned<String>>,
    #[serde(default, rename = "element")]
    elements: Vec<ElementSpans>,
}

#[derive(Debug, Deserialize)]
struct ElementSpans {
    id: String,
    origin: Spanned<String>,
    destination: Spanned<String>,
}

/// A scenario planned: the order, its network, the plan under the order's
/// regime, the plans of the regimes compared and the permit plan.
#[derive(Debug, Clone)]
pub struct ScenarioRun {
    /// The scenario (movement order) file.
    pub file: PathBuf,
    /// The order as read.
    pub order: MovementOrder,
    /// The network it plans on.
    pub network: Network,
    /// The plan under the order's `regime`.
    pub plan: MovementPlan,
    /// The permit plan per country of [`plan`](Self::plan).
    pub permits: Vec<CountryPermit>,
    /// The plans under each of `compare_regimes`, in the order's order
    /// (empty when the order compares none).
    pub compared: Vec<MovementPlan>,
    /// The order's permit regime.
    pub regime: PermitRegime,
    /// The scenario file's `[report]` table, with the what-ifs the caller
    /// added.
    pub settings: ReportSettings,
    /// The force under each what-if of `settings`, in that order.
    pub what_ifs: Vec<WhatIf>,
}

/// Progress of a run, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunProgress {
    /// Steps done.
    pub done: u32,
    /// Steps in all (loading, then one plan per regime and per what-if).
    pub total: u32,
    /// What was just done, in words.
    pub what: String,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> u64 {
    text[..at.min(text.len())].matches('\n').count() as u64 + 1
}

/// A permit regime by built-in name, or a TOML file (relative to the
/// scenario's folder, then as given).
pub fn resolve_regime(name: &str, base: &Path) -> Option<Result<PermitRegime, Error>> {
    if PermitRegime::builtin_names().contains(&name) {
        return Some(PermitRegime::builtin(name).map_err(Error::from));
    }
    [base.join(name), PathBuf::from(name)]
        .into_iter()
        .find(|p| p.is_file())
        .map(|p| PermitRegime::load(p).map_err(Error::from))
}

impl ScenarioRun {
    /// Reads the scenario at `file`, checks it against its network and
    /// plans it under every regime it names; `calendars` builds the
    /// working-day calendars (one set per plan), `progress` hears of every
    /// step.
    pub fn run(
        file: impl AsRef<Path>,
        catalogue: &VehicleCatalogue,
        calendars: &dyn Fn() -> Result<Calendars, Error>,
        progress: &mut dyn FnMut(RunProgress),
    ) -> Result<ScenarioRun, Error> {
        Self::run_with(file, &[], catalogue, calendars, progress)
    }

    /// As [`ScenarioRun::run`], with what-if files `what_ifs` planned
    /// after those of the scenario's `[report]` table (a file named by
    /// both is planned once).
    pub fn run_with(
        file: impl AsRef<Path>,
        what_ifs: &[PathBuf],
        catalogue: &VehicleCatalogue,
        calendars: &dyn Fn() -> Result<Calendars, Error>,
        progress: &mut dyn FnMut(RunProgress),
    ) -> Result<ScenarioRun, Error> {
        let file = file.as_ref().to_path_buf();
        let text = std::fs::read_to_string(&file).map_err(|e| Error::Io {
            path: file.clone(),
            source: e,
        })?;
        let order = MovementOrder::parse(&text, &file, catalogue)?;
        let mut settings = ReportSettings::parse(&text, &file)?;
        settings.add_what_ifs(what_ifs);
        let network = Network::load(&order.network)?;
        let base = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        let regimes = check(&text, &file, &base, &order, &network)?;
        // Read every what-if before planning: an error in one is reported
        // at once.
        let disruptions = settings
            .what_if
            .iter()
            .map(|f| Disruptions::load(f, &network).map_err(Error::from))
            .collect::<Result<Vec<_>, Error>>()?;
        let total = 1 + regimes.len() as u32 + settings.what_if.len() as u32;
        progress(RunProgress {
            done: 1,
            total,
            what: format!("loaded {}", order.network.display()),
        });
        let mut plans: BTreeMap<String, MovementPlan> = BTreeMap::new();
        for (done, (name, regime)) in (2..).zip(&regimes) {
            let planner = MovementPlanner::new(
                &network,
                catalogue,
                regime.clone(),
                calendars()?,
                order.options.clone(),
            );
            plans.insert(name.clone(), planner.plan(&order.elements)?);
            progress(RunProgress {
                done,
                total,
                what: format!("planned under {name}"),
            });
        }
        // Invariant: `check` returns the order's regime first.
        let plan = plans[&order.regime].clone();
        let compared = order
            .compare_regimes
            .iter()
            .filter_map(|r| plans.get(r).cloned())
            .collect();
        let cal = calendars()?;
        let permits = permit_schedule(
            &plan,
            &PermitContext {
                network: &network,
                catalogue,
                regime: &regimes[0].1,
                calendars: &cal,
                framework: order.options.framework.as_deref(),
                request: order.options.permit_request.unwrap_or(plan.epoch),
            },
        )?;
        let regime = regimes[0].1.clone();
        let mut planned = Vec::new();
        let cx = WhatIfContext {
            network: &network,
            catalogue,
            regime: &regime,
            options: &order.options,
            elements: &order.elements,
            baseline: &plan,
        };
        for ((done, w), d) in (2 + regimes.len() as u32..)
            .zip(&settings.what_if)
            .zip(disruptions)
        {
            planned.push(WhatIf::plan_loaded(w, d, &cx, calendars()?)?);
            progress(RunProgress {
                done,
                total,
                what: format!("planned what-if {}", w.display()),
            });
        }
        Ok(ScenarioRun {
            file,
            order,
            network,
            plan,
            permits,
            compared,
            regime,
            settings,
            what_ifs: planned,
        })
    }

    /// Whether every unit found a route and every check passed, under every
    /// regime planned.
    pub fn all_passed(&self) -> bool {
        std::iter::once(&self.plan)
            .chain(&self.compared)
            .all(|p| p.unrouted.is_empty() && p.checks.iter().all(|c| c.passed))
    }

    /// What a report shows of this run: with what-ifs, their section and
    /// map markers (other optional sections are the caller's).
    pub fn report_input(&self) -> ReportInput<'_> {
        let (sections, markers) = if self.what_ifs.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            (
                vec![whatif_section(&self.what_ifs, &self.plan)],
                whatif_markers(&self.what_ifs, &self.plan, &self.network),
            )
        };
        ReportInput {
            title: &self.order.name,
            description: &self.order.description,
            sources: &self.order.sources,
            scenario: self
                .file
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            network: &self.network,
            elements: &self.order.elements,
            plan: &self.plan,
            permits: &self.permits,
            compared: self
                .compared
                .iter()
                .map(|p| ComparedPlan {
                    label: p.regime.clone(),
                    plan: p,
                })
                .collect(),
            sections,
            markers,
            what_ifs: &self.what_ifs,
        }
    }
}

/// The located error of a permit regime that is neither built in nor a
/// file.
fn unknown_regime_error(
    text: &str,
    file: &Path,
    name: &str,
    at: Option<usize>,
    key: &str,
) -> Error {
    Error::Parse {
        file: file.to_path_buf(),
        line: at.map(|a| line_of(text, a)),
        message: format!(
            "key `{key}`: unknown permit regime `{name}` (expected one of {} or a regime TOML file)",
            PermitRegime::builtin_names().join(", ")
        ),
    }
}

/// The first permit regime the scenario file names (`regime`, then
/// `compare_regimes`) that is neither built in nor a file (relative to the
/// scenario's folder or as given), as the located error
/// [`ScenarioRun::run`] would return; `None` when every regime resolves or
/// the file cannot be read or parsed (then `run` reports that). For
/// callers that treat an unknown regime as a usage error, as `milmob
/// scenario run` does (exit code 2, like `milmob move`).
pub fn unknown_regime(file: impl AsRef<Path>) -> Option<Error> {
    let file = file.as_ref();
    let text = std::fs::read_to_string(file).ok()?;
    let spans: Spans = toml::from_str(&text).ok()?;
    let base = file.parent().unwrap_or(Path::new("."));
    let mut names: Vec<(String, Option<usize>, &str)> = vec![match &spans.regime {
        Some(r) => (r.get_ref().clone(), Some(r.span().start), "regime"),
        None => ("pledge-2024".to_string(), None, "regime"),
    }];
    names.extend(
        spans
            .compare_regimes
            .iter()
            .map(|r| (r.get_ref().clone(), Some(r.span().start), "compare_regimes")),
    );
    names
        .into_iter()
        .find(|(name, _, _)| resolve_regime(name, base).is_none())
        .map(|(name, at, key)| unknown_regime_error(&text, file, &name, at, key))
}

/// Checks hubs and regimes against the network and the built-in regimes;
/// returns the regimes to plan (the order's first, then those compared,
/// each once).
fn check(
    text: &str,
    file: &Path,
    base: &Path,
    order: &MovementOrder,
    network: &Network,
) -> Result<Vec<(String, PermitRegime)>, Error> {
    let spans: Spans = toml::from_str(text).map_err(|e| Error::Parse {
        file: file.to_path_buf(),
        line: None,
        message: e.message().trim().to_string(),
    })?;
    let located = |at: usize, message: String| Error::Parse {
        file: file.to_path_buf(),
        line: Some(line_of(text, at)),
        message,
    };
    for el in &spans.elements {
        for (key, hub) in [("origin", &el.origin), ("destination", &el.destination)] {
            if network.hub(hub.get_ref()).is_none() {
                return Err(located(
                    hub.span().start,
                    format!(
                        "element `{}`, key `{key}`: unknown hub `{}` (expected a hub id of the network {})",
                        el.id,
                        hub.get_ref(),
                        order.network.display()
                    ),
                ));
            }
        }
    }
    let mut names: Vec<(String, Option<usize>, &str)> = vec![(
        order.regime.clone(),
        spans.regime.as_ref().map(|r| r.span().start),
        "regime",
    )];
    for r in &spans.compare_regimes {
        if !names.iter().any(|n| &n.0 == r.get_ref()) {
            names.push((r.get_ref().clone(), Some(r.span().start), "compare_regimes"));
        }
    }
    let mut out = Vec::new();
    for (name, at, key) in names {
        let regime = resolve_regime(&name, base)
            .unwrap_or_else(|| Err(unknown_regime_error(text, file, &name, at, key)))?;
        out.push((name, regime));
    }
    Ok(out)
}
