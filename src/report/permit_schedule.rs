//! The force's permit plan, one row per country entered: the lead time,
//! when the first unit reaches that country's border, the submission
//! deadline (the latest request that delays no unit) and whether the
//! planned request meets it — the table a movement-control cell works from.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::force::{cargo_class, CarriagePolicy, LoadProfile, VehicleCatalogue};
use crate::movement::{MovementPlan, PlannedUnit};
use crate::network::Network;
use crate::permits::{Calendars, CargoClass, PermitRegime};
use crate::routing::StepKind;
use crate::Country;

/// The permits one country needs for the whole force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryPermit {
    /// Country entered (ISO code).
    pub country: String,
    /// Country name.
    pub name: String,
    /// Lead time of the most demanding cargo class entering, in words
    /// (e.g. `3 working days`).
    pub lead_time: String,
    /// Units entering the country.
    pub units: u32,
    /// When the first unit reaches the border and would like to cross, UTC.
    pub first_needed: DateTime<Utc>,
    /// Submission deadline: the latest request instant that delays no unit
    /// (the earliest of the units' latest requests), UTC.
    pub submit_by: DateTime<Utc>,
    /// When the plan submits the request, UTC.
    pub request: DateTime<Utc>,
    /// Whether the planned request is at or before the deadline.
    pub on_time: bool,
    /// Unit-hours spent waiting for this country's permit.
    pub wait_unit_h: f64,
}

/// What the permit plan needs besides the movement plan.
#[derive(Debug, Clone, Copy)]
pub struct PermitContext<'a> {
    /// The network the plan was made on (hub countries).
    pub network: &'a Network,
    /// Vehicle catalogue (cargo classes of the units).
    pub catalogue: &'a VehicleCatalogue,
    /// The regime the plan was made under.
    pub regime: &'a PermitRegime,
    /// Working-day calendars.
    pub calendars: &'a Calendars,
    /// Framework with standing clearances (e.g. `NATO`), if any.
    pub framework: Option<&'a str>,
    /// When permits are requested (the order's `permit_request`, else the
    /// first departure), UTC.
    pub request: DateTime<Utc>,
}

/// Where a unit wants to enter each country after its origin's: the
/// instant it reaches the border (the start of its permit wait there, else
/// of the crossing), in the order entered.
fn entries(unit: &PlannedUnit, network: &Network) -> Vec<(Country, DateTime<Utc>, f64)> {
    let country = |hub: &str| network.hub(hub).map(|h| h.country);
    let origin = country(&unit.origin);
    let mut out: Vec<(Country, DateTime<Utc>, f64)> = Vec::new();
    let mut waiting: Option<(DateTime<Utc>, f64)> = None;
    for st in &unit.steps {
        if st.kind == StepKind::WaitPermit {
            let (start, h) = waiting.unwrap_or((st.start, 0.0));
            waiting = Some((start, h + st.duration_min / 60.0));
            continue;
        }
        let (Some(to), Some(from)) = (st.to_hub.as_deref(), country(&st.hub)) else {
            continue;
        };
        if let Some(c) = country(to) {
            if c != from && Some(c) != origin && !out.iter().any(|e| e.0 == c) {
                let (at, h) = waiting.unwrap_or((st.start, 0.0));
                out.push((c, at, h));
            }
        }
        waiting = None;
    }
    out
}

/// The cargo class of a planned unit (as the scheduler asked permits for).
fn unit_class(unit: &PlannedUnit, catalogue: &VehicleCatalogue) -> Result<CargoClass, Error> {
    let group: Vec<(&str, u32)> = unit
        .vehicles
        .iter()
        .map(|(v, n)| (v.as_str(), *n))
        .collect();
    let policy = unit
        .carriage
        .parse::<CarriagePolicy>()
        .unwrap_or(CarriagePolicy::Auto);
    Ok(cargo_class(&LoadProfile::for_group(
        catalogue, &group, &policy,
    )?))
}

fn class_rank(c: CargoClass) -> u8 {
    match c {
        CargoClass::Standard => 0,
        CargoClass::Oversize => 1,
        CargoClass::DangerousGoods => 2,
    }
}

/// The permit plan per country, sorted by the first border arrival (then
/// country code).
pub fn permit_schedule(
    plan: &MovementPlan,
    cx: &PermitContext<'_>,
) -> Result<Vec<CountryPermit>, Error> {
    let mut rows: BTreeMap<Country, CountryPermit> = BTreeMap::new();
    let mut classes: BTreeMap<Country, CargoClass> = BTreeMap::new();
    for unit in &plan.units {
        let class = unit_class(unit, cx.catalogue)?;
        for (country, needed, wait_h) in entries(unit, cx.network) {
            let latest =
                cx.regime
                    .latest_request_for(cx.calendars, country, class, cx.framework, needed)?;
            let row = rows.entry(country).or_insert_with(|| CountryPermit {
                country: country.code().to_string(),
                name: country.name().to_string(),
                lead_time: String::new(),
                units: 0,
                first_needed: needed,
                submit_by: latest,
                request: cx.request,
                on_time: true,
                wait_unit_h: 0.0,
            });
            row.units += 1;
            row.first_needed = row.first_needed.min(needed);
            row.submit_by = row.submit_by.min(latest);
            row.wait_unit_h += wait_h;
            let worst = classes.entry(country).or_insert(class);
            if class_rank(class) > class_rank(*worst) {
                *worst = class;
            }
        }
    }
    let mut out: Vec<CountryPermit> = rows
        .into_iter()
        .map(|(c, mut row)| {
            let class = classes[&c];
            row.lead_time = format!("{} ({class})", cx.regime.lead_time(c, class, cx.framework));
            row.on_time = row.request <= row.submit_by;
            row
        })
        .collect();
    out.sort_by(|a, b| {
        a.first_needed
            .cmp(&b.first_needed)
            .then(a.country.cmp(&b.country))
    });
    Ok(out)
}
