//! A force and its movement units: each element of a force (vehicles of
//! some types, from an origin to a destination, under a carriage policy) is
//! split into the units that actually move — march units on roads, trains
//! on rail, sailings by sea or inland waterway, sorties by air — each with
//! its own load profile.
//!
//! Splitting rules:
//! - **Road** (policies `road`, `het`, `auto`): march units of at most
//!   `march_unit_size` vehicles (doctrine: about 20).
//! - **Rail**: trains of at most `wagons per train × vehicles per wagon`
//!   vehicles; wagons per train from the train length (740 m, or the
//!   weakest line's) and weight limits of the load profile; an out-of-gauge
//!   tank takes a wagon of its own.
//! - **Sea, inland waterway, air**: sailings or sorties of at most the
//!   carrier's capacity (vehicles per ship, barge or aircraft).
//!
//! Vehicles are dealt out in element order into the fewest units, as evenly
//! as possible (deterministic).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::force::load_profile::{DEFAULT_TRAIN_LENGTH_M, LOCOMOTIVE_LENGTH_M, MAX_TRAIN_GROSS_T};
use crate::force::{CarriagePolicy, LoadProfile, VehicleCatalogue};
use crate::network::Mode;

/// One element of a force: vehicles that move together from an origin to a
/// destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceElement {
    /// Element id (unique in the force), e.g. `PzBtl-104`.
    pub id: String,
    /// Vehicle type ids and counts.
    pub vehicles: Vec<(String, u32)>,
    /// Hub id of the origin (garrison, port of embarkation, railhead).
    pub origin: String,
    /// Hub id of the destination (assembly area).
    pub destination: String,
    /// How the element is carried.
    pub carriage: CarriagePolicy,
    /// Earliest departure.
    pub earliest_departure: DateTime<Utc>,
    /// Priority: 1 moves first when units compete for capacity.
    pub priority: u32,
    /// Most km a tracked vehicle of the element may drive on its own tracks
    /// (road legs not on a HET), e.g. 50 to spare engines and roads; a unit
    /// whose route needs more is reported without a route, with the
    /// distance. `None`: no limit. Wheeled vehicles are not limited.
    #[serde(default)]
    pub max_self_propelled_km: Option<f64>,
}

/// What a movement unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A road march unit (vehicles driving, or carried on HETs).
    MarchUnit,
    /// A train.
    Train,
    /// A sailing (ship or barge).
    Sailing,
    /// An air sortie.
    Sortie,
}

impl UnitKind {
    /// The unit kind for a main mode.
    pub fn for_mode(mode: Mode) -> UnitKind {
        match mode {
            Mode::Road => UnitKind::MarchUnit,
            Mode::Rail => UnitKind::Train,
            Mode::Sea | Mode::InlandWaterway => UnitKind::Sailing,
            Mode::Air => UnitKind::Sortie,
        }
    }
}

/// A unit that moves as one: a march unit, a train, a sailing, a sortie.
#[derive(Debug, Clone)]
pub struct MovementUnit {
    /// Unit id: `<element>/<kind>-<n>`, e.g. `PzBtl-104/train-2`.
    pub id: String,
    /// The element it belongs to.
    pub element: String,
    /// Its index among the force's elements.
    pub element_index: usize,
    /// What it is.
    pub kind: UnitKind,
    /// Vehicle type ids and counts.
    pub vehicles: Vec<(String, u32)>,
    /// Its load profile (carriage per mode, limits).
    pub load: LoadProfile,
    /// Origin hub id.
    pub origin: String,
    /// Destination hub id.
    pub destination: String,
    /// Earliest departure.
    pub release: DateTime<Utc>,
    /// Priority (1 = first).
    pub priority: u32,
    /// Vehicles in the unit.
    pub vehicle_count: u32,
}

/// Limits on unit size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SplitRules {
    /// Most vehicles in a road march unit (doctrine: about 20).
    pub march_unit_size: u32,
    /// Most vehicles in one sailing when the declared ships limit it
    /// (`None`: the vessel type's capacity alone).
    pub sailing_vehicles: Option<u32>,
}

impl Default for SplitRules {
    fn default() -> Self {
        SplitRules {
            march_unit_size: 20,
            sailing_vehicles: None,
        }
    }
}

/// Most vehicles one unit of `mode` can take for this load.
fn unit_capacity(load: &LoadProfile, mode: Mode, rules: &SplitRules) -> Option<u32> {
    let p = load.profile(mode)?;
    let per_carrier = p.vehicles_per_carrier.max(1);
    Some(match mode {
        Mode::Road => rules.march_unit_size.max(1),
        Mode::Rail => p.wagons_per_train(None).unwrap_or(1).max(1) * per_carrier,
        Mode::Sea => rules
            .sailing_vehicles
            .map_or(per_carrier, |v| per_carrier.min(v.max(1))),
        Mode::InlandWaterway | Mode::Air => per_carrier,
    })
}

/// Splits a force element into movement units.
pub fn split_element(
    catalogue: &VehicleCatalogue,
    element: &ForceElement,
    element_index: usize,
    rules: &SplitRules,
) -> Result<Vec<MovementUnit>, Error> {
    if element.vehicles.is_empty() || element.vehicles.iter().all(|v| v.1 == 0) {
        return Err(Error::InvalidRequest(format!(
            "element `{}` has no vehicles",
            element.id
        )));
    }
    let whole = LoadProfile::for_group(catalogue, &element.vehicles, &element.carriage)?;
    let mode = element.carriage.main_mode().unwrap_or(Mode::Road);
    let cap = unit_capacity(&whole, mode, rules).ok_or_else(|| {
        Error::InvalidRequest(format!(
            "element `{}` cannot move by {mode} under carriage policy `{}`: {}",
            element.id,
            element.carriage.as_str(),
            whole
                .unavailable_reason(mode)
                .unwrap_or("no carrier takes its vehicles")
        ))
    })?;
    let total: u32 = element.vehicles.iter().map(|v| v.1).sum();
    if mode == Mode::Rail {
        let trains = pack_trains(catalogue, element)?;
        return finish(catalogue, element, element_index, UnitKind::Train, trains);
    }
    let n = total.div_ceil(cap);
    // Deal vehicles out in element order: unit i gets ⌊total/n⌋ or one more.
    let mut flat = element
        .vehicles
        .iter()
        .filter(|v| v.1 > 0)
        .flat_map(|(id, c)| std::iter::repeat_n(id.as_str(), *c as usize));
    let mut groups = Vec::with_capacity(n as usize);
    for i in 0..n {
        let size = total / n + u32::from(i < total % n);
        let mut vehicles: Vec<(String, u32)> = Vec::new();
        for v in flat.by_ref().take(size as usize) {
            match vehicles.last_mut() {
                Some(last) if last.0 == v => last.1 += 1,
                _ => vehicles.push((v.to_string(), 1)),
            }
        }
        groups.push(vehicles);
    }
    finish(
        catalogue,
        element,
        element_index,
        UnitKind::for_mode(mode),
        groups,
    )
}

/// Movement units from groups of vehicles.
fn finish(
    catalogue: &VehicleCatalogue,
    element: &ForceElement,
    element_index: usize,
    kind: UnitKind,
    groups: Vec<Vec<(String, u32)>>,
) -> Result<Vec<MovementUnit>, Error> {
    let kind_name = match kind {
        UnitKind::MarchUnit => "march-unit",
        UnitKind::Train => "train",
        UnitKind::Sailing => "sailing",
        UnitKind::Sortie => "sortie",
    };
    let mut units = Vec::with_capacity(groups.len());
    for (i, vehicles) in groups.into_iter().enumerate() {
        let load = LoadProfile::for_group(catalogue, &vehicles, &element.carriage)?;
        units.push(MovementUnit {
            id: format!("{}/{kind_name}-{}", element.id, i + 1),
            element: element.id.clone(),
            element_index,
            kind,
            vehicle_count: vehicles.iter().map(|v| v.1).sum(),
            vehicles,
            load,
            origin: element.origin.clone(),
            destination: element.destination.clone(),
            release: element.earliest_departure,
            priority: element.priority,
        });
    }
    Ok(units)
}

/// Trains for an element, packed in element order: each vehicle type rides
/// its own wagons (as many vehicles a wagon as its carriage allows); a
/// train takes wagons while its length stays within the standard train
/// (740 m less the locomotive) and its gross weight within one
/// locomotive's load ([`MAX_TRAIN_GROSS_T`]).
fn pack_trains(
    catalogue: &VehicleCatalogue,
    element: &ForceElement,
) -> Result<Vec<Vec<(String, u32)>>, Error> {
    let room_m = DEFAULT_TRAIN_LENGTH_M - LOCOMOTIVE_LENGTH_M;
    let mut trains: Vec<Vec<(String, u32)>> = Vec::new();
    let (mut train, mut len, mut weight): (Vec<(String, u32)>, f64, f64) = (Vec::new(), 0.0, 0.0);
    for (v, count) in element.vehicles.iter().filter(|v| v.1 > 0) {
        let one = LoadProfile::for_group(catalogue, &[(v.as_str(), 1)], &element.carriage)?;
        let p = one.profile(Mode::Rail).ok_or_else(|| {
            Error::InvalidRequest(format!(
                "element `{}`: vehicle `{v}` cannot go by rail: {}",
                element.id,
                one.unavailable_reason(Mode::Rail)
                    .unwrap_or("no wagon takes it")
            ))
        })?;
        let per_wagon = p.vehicles_per_carrier.max(1);
        let (wl, wg) = (p.length_m.max(1.0), p.gross_weight_t.max(0.1));
        let mut left = *count;
        while left > 0 {
            if !train.is_empty() && (len + wl > room_m || weight + wg > MAX_TRAIN_GROSS_T) {
                trains.push(std::mem::take(&mut train));
                len = 0.0;
                weight = 0.0;
            }
            let k = left.min(per_wagon);
            match train.last_mut() {
                Some(last) if &last.0 == v => last.1 += k,
                _ => train.push((v.clone(), k)),
            }
            len += wl;
            weight += wg;
            left -= k;
        }
    }
    if !train.is_empty() {
        trains.push(train);
    }
    Ok(trains)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn element(vehicles: &[(&str, u32)], carriage: CarriagePolicy) -> ForceElement {
        ForceElement {
            id: "E".into(),
            vehicles: vehicles.iter().map(|(v, c)| (v.to_string(), *c)).collect(),
            origin: "A".into(),
            destination: "B".into(),
            carriage,
            earliest_departure: Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap(),
            priority: 1,
            max_self_propelled_km: None,
        }
    }

    #[test]
    fn road_march_units_of_twenty() {
        let cat = VehicleCatalogue::builtin();
        let u = split_element(
            cat,
            &element(&[("boxer", 45)], CarriagePolicy::Road),
            0,
            &SplitRules::default(),
        )
        .unwrap();
        let sizes: Vec<u32> = u.iter().map(|u| u.vehicle_count).collect();
        assert_eq!(sizes, [15, 15, 15]);
        assert_eq!(u[0].id, "E/march-unit-1");
        assert!(u.iter().all(|u| u.kind == UnitKind::MarchUnit));
    }

    #[test]
    fn tanks_by_rail_fill_trains_one_per_wagon() {
        let cat = VehicleCatalogue::builtin();
        let u = split_element(
            cat,
            &element(
                &[("leopard_2a6", 44), ("bergepanzer_3", 4)],
                CarriagePolicy::Rail,
            ),
            0,
            &SplitRules::default(),
        )
        .unwrap();
        let per_train = u[0]
            .load
            .profile(Mode::Rail)
            .unwrap()
            .wagons_per_train(None)
            .unwrap();
        assert!(
            u.iter().all(|x| x.vehicle_count <= per_train),
            "{per_train}"
        );
        assert_eq!(u.iter().map(|x| x.vehicle_count).sum::<u32>(), 48);
        assert_eq!(u.len() as u32, 48u32.div_ceil(per_train));
        assert!(u.iter().all(|x| x.kind == UnitKind::Train));
    }

    #[test]
    fn empty_element_is_an_error() {
        let cat = VehicleCatalogue::builtin();
        assert!(split_element(
            cat,
            &element(&[("boxer", 0)], CarriagePolicy::Road),
            0,
            &SplitRules::default()
        )
        .is_err());
    }
}
