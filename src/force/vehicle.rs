//! Vehicle types and the vehicle catalogue (TOML).
//!
//! A catalogue file holds `[[vehicle]]` tables and, optionally, the carrier
//! types vehicles ride on: `[[het]]` (heavy equipment transporters),
//! `[[wagon]]` (rail wagons), `[[aircraft]]` and `[[vessel]]` (ships and
//! barges). Unknown keys are errors. Every numeric field is checked for sign
//! and plausibility; problems are all reported at once, each naming the file,
//! line, id and field. The built-in catalogue is `data/vehicles.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::network::Mode;

use super::carriage::{AircraftType, HetType, VesselType, WagonType};
use super::dangerous_goods::{DgCarriage, TunnelRestrictionCode};
use super::ForceError;

/// What a vehicle is for. Spelled in files as `main_battle_tank`, `ifv`,
/// `apc`, `wheeled_combat`, `artillery`, `truck`, `fuel_tanker`,
/// `ammunition_truck`, `het`, `recovery`, `bridge_layer`, `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VehicleRole {
    /// Main battle tank.
    MainBattleTank,
    /// Infantry fighting vehicle.
    Ifv,
    /// Armoured personnel carrier.
    Apc,
    /// Wheeled combat or reconnaissance vehicle.
    WheeledCombat,
    /// Artillery (self-propelled howitzer, rocket launcher).
    Artillery,
    /// Logistics truck.
    Truck,
    /// Fuel tanker (ADR class 3 in tank).
    FuelTanker,
    /// Ammunition truck (ADR class 1).
    AmmunitionTruck,
    /// Heavy equipment transporter tractor (moving on its own).
    Het,
    /// Armoured recovery vehicle.
    Recovery,
    /// Armoured vehicle-launched bridge.
    BridgeLayer,
    /// Anything else.
    Other,
}

impl VehicleRole {
    /// All roles, in canonical order.
    pub const ALL: [VehicleRole; 12] = [
        VehicleRole::MainBattleTank,
        VehicleRole::Ifv,
        VehicleRole::Apc,
        VehicleRole::WheeledCombat,
        VehicleRole::Artillery,
        VehicleRole::Truck,
        VehicleRole::FuelTanker,
        VehicleRole::AmmunitionTruck,
        VehicleRole::Het,
        VehicleRole::Recovery,
        VehicleRole::BridgeLayer,
        VehicleRole::Other,
    ];

    /// The spelling used in files, e.g. `"main_battle_tank"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            VehicleRole::MainBattleTank => "main_battle_tank",
            VehicleRole::Ifv => "ifv",
            VehicleRole::Apc => "apc",
            VehicleRole::WheeledCombat => "wheeled_combat",
            VehicleRole::Artillery => "artillery",
            VehicleRole::Truck => "truck",
            VehicleRole::FuelTanker => "fuel_tanker",
            VehicleRole::AmmunitionTruck => "ammunition_truck",
            VehicleRole::Het => "het",
            VehicleRole::Recovery => "recovery",
            VehicleRole::BridgeLayer => "bridge_layer",
            VehicleRole::Other => "other",
        }
    }
}

impl fmt::Display for VehicleRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for VehicleRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        VehicleRole::ALL
            .into_iter()
            .find(|r| r.as_str() == t)
            .ok_or_else(|| format!("unknown vehicle role `{s}`"))
    }
}

/// Tracks or wheels: MLC classes are checked per running gear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunningGear {
    /// Tracked.
    Tracked,
    /// Wheeled.
    Wheeled,
}

impl fmt::Display for RunningGear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RunningGear::Tracked => "tracked",
            RunningGear::Wheeled => "wheeled",
        })
    }
}

/// One short ton in tonnes.
pub const SHORT_TON_T: f64 = 0.907_184_74;

/// The MLC class estimated from gross weight (t) by the domain brief's rule:
/// tracked class ≈ weight in short tons, wheeled class ≈ 85 % of it; rounded
/// up (conservative) and clamped to 4..=150. Used for HET combinations and
/// for catalogue entries marked "derived".
pub fn derived_mlc(gross_weight_t: f64, gear: RunningGear) -> u16 {
    let short_tons = gross_weight_t / SHORT_TON_T;
    let class = match gear {
        RunningGear::Tracked => short_tons,
        RunningGear::Wheeled => 0.85 * short_tons,
    };
    // Tolerance so that exact values (e.g. 40.000000001) do not round up a class.
    let c = (class - 1e-6).ceil();
    if c.is_nan() {
        4
    } else {
        c.clamp(4.0, 150.0) as u16
    }
}

/// A vehicle type. All masses in t, lengths in m, speeds in km/h.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleType {
    /// Stable id, unique in the catalogue (`[A-Za-z0-9_.:-]+`), e.g. `leopard_2a6`.
    pub id: String,
    /// Human name, e.g. `Leopard 2A6`.
    pub name: String,
    /// What the vehicle is for.
    pub role: VehicleRole,
    /// Tracked or wheeled.
    pub running_gear: RunningGear,
    /// Gross (combat) weight, t.
    pub gross_weight_t: f64,
    /// Military load class (STANAG 2021) for its running gear, 4..=150.
    pub mlc: u16,
    /// Axle count (wheeled); for tracked vehicles the number of road-wheel
    /// stations per side, so that `max_axle_t` is an axle-equivalent load.
    pub axles: u16,
    /// Heaviest axle (or road-wheel station pair) load, t.
    pub max_axle_t: f64,
    /// Overall length, m (guns pointing forward unless the source says otherwise).
    pub length_m: f64,
    /// Overall width, m (with skirts and add-on armour as fielded).
    pub width_m: f64,
    /// Overall height, m (above ground).
    pub height_m: f64,
    /// Maximum road speed, km/h.
    pub max_road_speed_kmh: f64,
    /// ADR tunnel restriction code of the dangerous goods it carries, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dangerous_goods: Option<TunnelRestrictionCode>,
    /// How the dangerous goods are carried (tank/bulk or other); default `other`.
    #[serde(default)]
    pub dangerous_goods_carriage: DgCarriage,
    /// Net explosive mass of class 1 goods aboard, kg (matters for `B1000C`
    /// and `C5000D`; unknown = treated as above the threshold).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_explosive_mass_kg: Option<f64>,
    /// Whether it may drive on public roads on its own for long road moves.
    /// `false` (main battle tanks, heavy tracked vehicles): it goes on a HET
    /// unless the carriage policy is `road`.
    pub self_propelled_road: bool,
    /// Id of the `[[wagon]]` type it is normally loaded on by rail; `None` =
    /// the first wagon type in the catalogue that can take it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rail_wagon: Option<String>,
    /// Where the figures come from, with their uncertainty.
    pub source: String,
}

impl VehicleType {
    /// The least restrictive road tunnel category this vehicle's load may not
    /// enter (`None` = any tunnel).
    pub fn tunnel_forbidden_from(&self) -> Option<crate::network::TunnelCategory> {
        self.dangerous_goods.and_then(|c| {
            c.forbidden_from(self.dangerous_goods_carriage, self.net_explosive_mass_kg)
        })
    }
}

/// The content of a catalogue file: what `[[vehicle]]`, `[[het]]`,
/// `[[wagon]]`, `[[aircraft]]` and `[[vessel]]` tables deserialize into.
/// Build one in code and pass it to [`VehicleCatalogue::from_data`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueData {
    /// Vehicle types.
    #[serde(default)]
    pub vehicle: Vec<VehicleType>,
    /// Heavy equipment transporter types, in order of preference.
    #[serde(default)]
    pub het: Vec<HetType>,
    /// Rail wagon types, in order of preference.
    #[serde(default)]
    pub wagon: Vec<WagonType>,
    /// Aircraft types, in order of preference.
    #[serde(default)]
    pub aircraft: Vec<AircraftType>,
    /// Ship and barge types, in order of preference.
    #[serde(default)]
    pub vessel: Vec<VesselType>,
}

/// The same, with the source span of each table (for line numbers).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    #[serde(default)]
    vehicle: Vec<toml::Spanned<VehicleType>>,
    #[serde(default)]
    het: Vec<toml::Spanned<HetType>>,
    #[serde(default)]
    wagon: Vec<toml::Spanned<WagonType>>,
    #[serde(default)]
    aircraft: Vec<toml::Spanned<AircraftType>>,
    #[serde(default)]
    vessel: Vec<toml::Spanned<VesselType>>,
}

/// Source lines of each table, by kind, in file order (1-based).
#[derive(Default)]
struct Lines {
    vehicle: Vec<u64>,
    het: Vec<u64>,
    wagon: Vec<u64>,
    aircraft: Vec<u64>,
    vessel: Vec<u64>,
}

/// A validated set of vehicle types and carrier types.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VehicleCatalogue {
    origin: String,
    vehicles: Vec<VehicleType>,
    hets: Vec<HetType>,
    wagons: Vec<WagonType>,
    aircraft: Vec<AircraftType>,
    vessels: Vec<VesselType>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<Diagnostic>,
}

/// The built-in catalogue's text (`data/vehicles.toml`).
pub const BUILTIN_TOML: &str = include_str!("../../data/vehicles.toml");

impl VehicleCatalogue {
    /// The built-in catalogue (`data/vehicles.toml`, embedded at compile time;
    /// parsed once). Its validity is checked by the crate's tests.
    pub fn builtin() -> &'static VehicleCatalogue {
        static BUILTIN: OnceLock<VehicleCatalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // An empty catalogue (never a panic) if the shipped data were
            // broken; `builtin_catalogue_loads_with_required_roles` guards it.
            VehicleCatalogue::from_toml_str(BUILTIN_TOML, "<builtin>/data/vehicles.toml")
                .unwrap_or_default()
        })
    }

    /// Reads a self-contained catalogue file.
    pub fn load(path: impl AsRef<Path>) -> Result<VehicleCatalogue, ForceError> {
        Self::load_extending(path, &VehicleCatalogue::default())
    }

    /// Reads a catalogue file on top of `base` (e.g. the built-in catalogue):
    /// entries of the file replace those of `base` with the same id, others
    /// are added; references (`rail_wagon`) may point into `base`.
    pub fn load_extending(
        path: impl AsRef<Path>,
        base: &VehicleCatalogue,
    ) -> Result<VehicleCatalogue, ForceError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ForceError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml_str_extending(&text, &path.display().to_string(), base)
    }

    /// Parses a self-contained catalogue from TOML text; `origin` names it in
    /// messages (a file name or label).
    pub fn from_toml_str(text: &str, origin: &str) -> Result<VehicleCatalogue, ForceError> {
        Self::from_toml_str_extending(text, origin, &VehicleCatalogue::default())
    }

    /// Parses a catalogue from TOML text on top of `base` (see
    /// [`VehicleCatalogue::load_extending`]).
    pub fn from_toml_str_extending(
        text: &str,
        origin: &str,
        base: &VehicleCatalogue,
    ) -> Result<VehicleCatalogue, ForceError> {
        let raw: RawCatalogue = toml::from_str(text).map_err(|e| parse_error(text, origin, &e))?;
        let line = |s: Range<usize>| line_of(text, s.start);
        let lines = Lines {
            vehicle: raw.vehicle.iter().map(|s| line(s.span())).collect(),
            het: raw.het.iter().map(|s| line(s.span())).collect(),
            wagon: raw.wagon.iter().map(|s| line(s.span())).collect(),
            aircraft: raw.aircraft.iter().map(|s| line(s.span())).collect(),
            vessel: raw.vessel.iter().map(|s| line(s.span())).collect(),
        };
        let data = CatalogueData {
            vehicle: raw.vehicle.into_iter().map(|s| s.into_inner()).collect(),
            het: raw.het.into_iter().map(|s| s.into_inner()).collect(),
            wagon: raw.wagon.into_iter().map(|s| s.into_inner()).collect(),
            aircraft: raw.aircraft.into_iter().map(|s| s.into_inner()).collect(),
            vessel: raw.vessel.into_iter().map(|s| s.into_inner()).collect(),
        };
        Self::build(data, origin, &lines, base)
    }

    /// Validates catalogue content built in code (no line numbers).
    pub fn from_data(data: CatalogueData, origin: &str) -> Result<VehicleCatalogue, ForceError> {
        Self::build(
            data,
            origin,
            &Lines::default(),
            &VehicleCatalogue::default(),
        )
    }

    fn build(
        data: CatalogueData,
        origin: &str,
        lines: &Lines,
        base: &VehicleCatalogue,
    ) -> Result<VehicleCatalogue, ForceError> {
        let mut ds = Vec::new();
        let at = |v: &Vec<u64>, i: usize| v.get(i).copied();
        check_unique(
            data.vehicle.iter().map(|v| v.id.as_str()),
            "vehicle",
            origin,
            &lines.vehicle,
            &mut ds,
        );
        check_unique(
            data.het.iter().map(|v| v.id.as_str()),
            "het",
            origin,
            &lines.het,
            &mut ds,
        );
        check_unique(
            data.wagon.iter().map(|v| v.id.as_str()),
            "wagon",
            origin,
            &lines.wagon,
            &mut ds,
        );
        check_unique(
            data.aircraft.iter().map(|v| v.id.as_str()),
            "aircraft",
            origin,
            &lines.aircraft,
            &mut ds,
        );
        check_unique(
            data.vessel.iter().map(|v| v.id.as_str()),
            "vessel",
            origin,
            &lines.vessel,
            &mut ds,
        );
        let wagon_ids: BTreeSet<&str> = data
            .wagon
            .iter()
            .map(|w| w.id.as_str())
            .chain(base.wagons.iter().map(|w| w.id.as_str()))
            .collect();
        for (i, v) in data.vehicle.iter().enumerate() {
            check_vehicle(
                v,
                &mut Checker::new(origin, at(&lines.vehicle, i), "vehicle", &v.id, &mut ds),
                &wagon_ids,
            );
        }
        for (i, h) in data.het.iter().enumerate() {
            h.check(&mut Checker::new(
                origin,
                at(&lines.het, i),
                "het",
                &h.id,
                &mut ds,
            ));
        }
        for (i, w) in data.wagon.iter().enumerate() {
            w.check(&mut Checker::new(
                origin,
                at(&lines.wagon, i),
                "wagon",
                &w.id,
                &mut ds,
            ));
        }
        for (i, a) in data.aircraft.iter().enumerate() {
            a.check(&mut Checker::new(
                origin,
                at(&lines.aircraft, i),
                "aircraft",
                &a.id,
                &mut ds,
            ));
        }
        for (i, s) in data.vessel.iter().enumerate() {
            s.check(&mut Checker::new(
                origin,
                at(&lines.vessel, i),
                "vessel",
                &s.id,
                &mut ds,
            ));
        }
        // Report in file order (problems without a line last, stable).
        ds.sort_by_key(|d| d.line.unwrap_or(u64::MAX));
        if ds.iter().any(|d| d.is_error()) {
            return Err(ForceError::Invalid {
                origin: origin.to_string(),
                diagnostics: ds,
            });
        }
        let mut cat = base.clone();
        cat.origin = if base.origin.is_empty() {
            origin.to_string()
        } else {
            format!("{} + {origin}", base.origin)
        };
        merge(&mut cat.vehicles, data.vehicle, |v| &v.id);
        merge(&mut cat.hets, data.het, |v| &v.id);
        merge(&mut cat.wagons, data.wagon, |v| &v.id);
        merge(&mut cat.aircraft, data.aircraft, |v| &v.id);
        merge(&mut cat.vessels, data.vessel, |v| &v.id);
        cat.warnings.extend(ds);
        Ok(cat)
    }

    /// Where the catalogue came from (file names or labels, `+`-joined).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The vehicle type with this id.
    pub fn get(&self, id: &str) -> Option<&VehicleType> {
        self.vehicles.iter().find(|v| v.id == id)
    }

    /// The vehicle type with this id, or [`ForceError::UnknownVehicle`].
    pub fn try_get(&self, id: &str) -> Result<&VehicleType, ForceError> {
        self.get(id)
            .ok_or_else(|| ForceError::UnknownVehicle(id.to_string()))
    }

    /// All vehicle types, in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, VehicleType> {
        self.vehicles.iter()
    }

    /// All vehicle types, in file order.
    pub fn vehicles(&self) -> &[VehicleType] {
        &self.vehicles
    }

    /// Number of vehicle types.
    pub fn len(&self) -> usize {
        self.vehicles.len()
    }

    /// Whether there is no vehicle type.
    pub fn is_empty(&self) -> bool {
        self.vehicles.is_empty()
    }

    /// HET types, in order of preference (first that fits is used).
    pub fn hets(&self) -> &[HetType] {
        &self.hets
    }

    /// The HET type with this id.
    pub fn het(&self, id: &str) -> Option<&HetType> {
        self.hets.iter().find(|v| v.id == id)
    }

    /// Rail wagon types, in order of preference.
    pub fn wagons(&self) -> &[WagonType] {
        &self.wagons
    }

    /// The wagon type with this id.
    pub fn wagon(&self, id: &str) -> Option<&WagonType> {
        self.wagons.iter().find(|v| v.id == id)
    }

    /// Aircraft types, in order of preference.
    pub fn aircraft(&self) -> &[AircraftType] {
        &self.aircraft
    }

    /// The aircraft type with this id.
    pub fn aircraft_type(&self, id: &str) -> Option<&AircraftType> {
        self.aircraft.iter().find(|v| v.id == id)
    }

    /// Ship and barge types, in order of preference.
    pub fn vessels(&self) -> &[VesselType] {
        &self.vessels
    }

    /// The vessel type with this id.
    pub fn vessel(&self, id: &str) -> Option<&VesselType> {
        self.vessels.iter().find(|v| v.id == id)
    }

    /// Vessel types of one mode (`sea` or `inland_waterway`), in order.
    pub fn vessels_on(&self, mode: Mode) -> impl Iterator<Item = &VesselType> + '_ {
        self.vessels.iter().filter(move |v| v.mode == mode)
    }

    /// Non-fatal remarks found while loading (e.g. an MLC far from the one
    /// derived from weight).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
}

impl<'a> IntoIterator for &'a VehicleCatalogue {
    type Item = &'a VehicleType;
    type IntoIter = std::slice::Iter<'a, VehicleType>;
    fn into_iter(self) -> Self::IntoIter {
        self.vehicles.iter()
    }
}

fn merge<T>(into: &mut Vec<T>, new: Vec<T>, id: impl Fn(&T) -> &String) {
    for item in new {
        match into.iter().position(|x| id(x) == id(&item)) {
            Some(i) => into[i] = item,
            None => into.push(item),
        }
    }
}

fn line_of(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

/// Turns a TOML error into a [`ForceError::Parse`] naming line, column and
/// (when the error lies inside an array-of-tables entry) the table and its id.
fn parse_error(text: &str, origin: &str, e: &toml::de::Error) -> ForceError {
    let (line, column, table) = match e.span() {
        Some(span) => {
            let start = span.start.min(text.len());
            let line = line_of(text, start);
            let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let column = text[line_start..start].chars().count() as u64 + 1;
            (Some(line), Some(column), enclosing_table(text, start))
        }
        None => (None, None, None),
    };
    ForceError::Parse {
        origin: origin.to_string(),
        line,
        column,
        table,
        message: e.message().trim().to_string(),
    }
}

/// The `[[kind]]` header above `offset` and the `id = "…"` of that table, as
/// ``[[vehicle]] `leopard_2a6` `` (best effort, line-based).
fn enclosing_table(text: &str, offset: usize) -> Option<String> {
    let mut header: Option<(usize, &str)> = None;
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let t = l.trim();
        if pos > offset {
            break;
        }
        if t.starts_with('[') {
            header = Some((pos, t));
        }
        pos += l.len();
    }
    let (hpos, h) = header?;
    let h = h.split('#').next().unwrap_or(h).trim();
    if !h.starts_with("[[") {
        return Some(h.to_string());
    }
    let mut id = None;
    for l in text[hpos..].split_inclusive('\n').skip(1) {
        let t = l.trim();
        if t.starts_with('[') {
            break;
        }
        if let Some(rest) = t.strip_prefix("id") {
            let rest = rest.trim_start();
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim();
                let v = v.split('#').next().unwrap_or(v).trim();
                id = Some(v.trim_matches(|c| c == '"' || c == '\'').to_string());
                break;
            }
        }
    }
    Some(match id {
        Some(id) => format!("{h} `{id}`"),
        None => h.to_string(),
    })
}

fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    kind: &str,
    origin: &str,
    lines: &[u64],
    ds: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.get(id) {
            let mut d = Diagnostic::error(format!(
                "duplicate {kind} id (first defined in {kind} #{}{})",
                first + 1,
                lines
                    .get(*first)
                    .map(|l| format!(", line {l}"))
                    .unwrap_or_default()
            ))
            .in_file(origin)
            .field("id")
            .id(id);
            if let Some(l) = lines.get(i) {
                d = d.at_line(*l);
            }
            ds.push(d);
        } else {
            seen.insert(id, i);
        }
    }
}

/// Collects diagnostics for one table of a catalogue.
pub(crate) struct Checker<'a> {
    origin: &'a str,
    line: Option<u64>,
    kind: &'static str,
    id: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(
        origin: &'a str,
        line: Option<u64>,
        kind: &'static str,
        id: &'a str,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Checker {
            origin,
            line,
            kind,
            id,
            out,
        }
    }

    fn push(&mut self, d: Diagnostic, field: &str) {
        let mut d = d.in_file(self.origin).field(field).id(self.id);
        if let Some(l) = self.line {
            d = d.at_line(l);
        }
        self.out.push(d);
    }

    /// Records an error on `field`.
    pub(crate) fn error(&mut self, field: &str, problem: impl Into<String>) {
        let p = self.qualify(problem.into());
        self.push(Diagnostic::error(p), field);
    }

    fn qualify(&self, problem: String) -> String {
        if self.kind == "vehicle" {
            problem
        } else {
            format!("{problem} (in [[{}]])", self.kind)
        }
    }

    /// Records a warning on `field`.
    pub(crate) fn warning(&mut self, field: &str, problem: impl Into<String>) {
        let p = self.qualify(problem.into());
        self.push(Diagnostic::warning(p), field);
    }

    /// Checks a non-empty text field.
    pub(crate) fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.error(field, "must not be empty");
        }
    }

    /// Checks an id: non-empty, `[A-Za-z0-9_.:-]+`.
    pub(crate) fn id_field(&mut self, value: &str) {
        if value.is_empty()
            || !value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.:-".contains(c))
        {
            self.error(
                "id",
                format!("id `{value}` must be non-empty and use only A-Z a-z 0-9 _ . : -"),
            );
        }
    }

    /// Checks a finite number with `0 < value <= max` (`unit` for messages).
    pub(crate) fn positive(&mut self, field: &str, value: f64, max: f64, unit: &str) {
        if !value.is_finite() || value <= 0.0 {
            self.error(
                field,
                format!("must be a positive number, got {value} {unit}"),
            );
        } else if value > max {
            self.error(
                field,
                format!("{value} {unit} is absurd (more than {max} {unit})"),
            );
        }
    }

    /// Checks a finite number with `0 <= value <= max`.
    pub(crate) fn non_negative(&mut self, field: &str, value: f64, max: f64, unit: &str) {
        if !value.is_finite() || value < 0.0 {
            self.error(
                field,
                format!("must be zero or positive, got {value} {unit}"),
            );
        } else if value > max {
            self.error(
                field,
                format!("{value} {unit} is absurd (more than {max} {unit})"),
            );
        }
    }

    /// Checks a count with `1 <= value <= max`.
    pub(crate) fn count(&mut self, field: &str, value: u16, max: u16) {
        if value == 0 {
            self.error(field, "must be at least 1, got 0");
        } else if value > max {
            self.error(field, format!("{value} is absurd (more than {max})"));
        }
    }
}

/// Plausibility bounds for vehicle fields.
const MAX_WEIGHT_T: f64 = 200.0;
const MAX_HEIGHT_M: f64 = 6.0;
const MAX_WIDTH_M: f64 = 6.0;
const MAX_LENGTH_M: f64 = 40.0;
const MAX_AXLE_T: f64 = 40.0;
const MAX_SPEED_KMH: f64 = 150.0;

fn check_vehicle(v: &VehicleType, c: &mut Checker<'_>, wagons: &BTreeSet<&str>) {
    c.id_field(&v.id);
    c.text("name", &v.name);
    c.text("source", &v.source);
    c.positive("gross_weight_t", v.gross_weight_t, MAX_WEIGHT_T, "t");
    if !(4..=150).contains(&v.mlc) {
        c.error("mlc", format!("MLC {} is outside 4..=150", v.mlc));
    }
    c.count("axles", v.axles, 40);
    c.positive("max_axle_t", v.max_axle_t, MAX_AXLE_T, "t");
    c.positive("length_m", v.length_m, MAX_LENGTH_M, "m");
    c.positive("width_m", v.width_m, MAX_WIDTH_M, "m");
    c.positive("height_m", v.height_m, MAX_HEIGHT_M, "m");
    c.positive(
        "max_road_speed_kmh",
        v.max_road_speed_kmh,
        MAX_SPEED_KMH,
        "km/h",
    );
    let w = v.gross_weight_t;
    if w.is_finite() && v.max_axle_t.is_finite() && v.axles > 0 && w > 0.0 {
        if v.max_axle_t > w + 1e-9 {
            c.error(
                "max_axle_t",
                format!("axle load {} t exceeds gross weight {w} t", v.max_axle_t),
            );
        } else if v.max_axle_t * f64::from(v.axles) < w * 0.999 {
            c.error(
                "max_axle_t",
                format!(
                    "{} axles × {} t cannot carry the gross weight {w} t",
                    v.axles, v.max_axle_t
                ),
            );
        }
    }
    if let Some(nem) = v.net_explosive_mass_kg {
        c.non_negative("net_explosive_mass_kg", nem, 100_000.0, "kg");
        if v.dangerous_goods.is_none() {
            c.error(
                "net_explosive_mass_kg",
                "gives a net explosive mass but no `dangerous_goods` tunnel code",
            );
        }
    }
    if let Some(wid) = &v.rail_wagon {
        if !wagons.contains(wid.as_str()) {
            c.error("rail_wagon", format!("refers to unknown [[wagon]] `{wid}`"));
        }
    }
    if w.is_finite() && w > 0.0 && (4..=150).contains(&v.mlc) {
        let derived = derived_mlc(w, v.running_gear);
        let ratio = f64::from(v.mlc) / f64::from(derived);
        if !(0.75..=1.33).contains(&ratio) {
            c.warning(
                "mlc",
                format!(
                    "MLC {} is far from {derived}, the class derived from {w} t {}",
                    v.mlc, v.running_gear
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"
[[vehicle]]
id = "t1"
name = "Test tank"
role = "main_battle_tank"
running_gear = "tracked"
gross_weight_t = 60.0
mlc = 67
axles = 7
max_axle_t = 8.6
length_m = 10.0
width_m = 3.7
height_m = 3.0
max_road_speed_kmh = 65
self_propelled_road = false
source = "test"
"#;

    #[test]
    fn derived_mlc_follows_the_brief_table() {
        // OSM mlc wiki: class 50 tracked 45.4 t, wheeled 52.6 t; class 100 tracked 90.7 t.
        assert_eq!(derived_mlc(45.4, RunningGear::Tracked), 51);
        assert_eq!(derived_mlc(45.35, RunningGear::Tracked), 50);
        assert_eq!(derived_mlc(52.6, RunningGear::Wheeled), 50);
        assert_eq!(derived_mlc(90.7, RunningGear::Tracked), 100);
        assert_eq!(derived_mlc(0.5, RunningGear::Wheeled), 4);
        assert_eq!(derived_mlc(f64::NAN, RunningGear::Wheeled), 4);
        assert_eq!(derived_mlc(1e9, RunningGear::Tracked), 150);
    }

    #[test]
    fn parses_minimal_catalogue() {
        let c = VehicleCatalogue::from_toml_str(ONE, "one.toml").unwrap();
        assert_eq!(c.len(), 1);
        let t = c.get("t1").unwrap();
        assert_eq!(t.running_gear, RunningGear::Tracked);
        assert_eq!(t.dangerous_goods_carriage, DgCarriage::Other);
        assert!(c.get("nope").is_none());
        assert!(matches!(
            c.try_get("nope"),
            Err(ForceError::UnknownVehicle(_))
        ));
        assert_eq!(c.iter().count(), 1);
    }

    #[test]
    fn unknown_field_names_line_table_and_field() {
        let text = ONE.replace("source = \"test\"", "source = \"test\"\ncolour = \"green\"");
        let e = VehicleCatalogue::from_toml_str(&text, "bad.toml").unwrap_err();
        let m = e.to_string();
        assert!(m.starts_with("bad.toml:17:"), "{m}");
        assert!(m.contains("[[vehicle]] `t1`"), "{m}");
        assert!(m.contains("colour"), "{m}");
    }

    #[test]
    fn range_errors_name_line_id_and_field() {
        let text = ONE
            .replace("height_m = 3.0", "height_m = 7.5")
            .replace("mlc = 67", "mlc = 200");
        let e = VehicleCatalogue::from_toml_str(&text, "bad.toml").unwrap_err();
        let m = e.to_string();
        assert!(m.contains("bad.toml:2: `t1`: field `height_m`"), "{m}");
        assert!(m.contains("field `mlc`"), "{m}");
    }

    #[test]
    fn extending_replaces_and_resolves_references() {
        let base = VehicleCatalogue::from_toml_str(ONE, "base.toml").unwrap();
        let more = ONE.replace("Test tank", "Renamed");
        let c = VehicleCatalogue::from_toml_str_extending(&more, "more.toml", &base).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c.get("t1").unwrap().name, "Renamed");
        assert_eq!(c.origin(), "base.toml + more.toml");
    }

    #[test]
    fn enclosing_table_finds_id() {
        let t = "[[vehicle]]\nid = \"x\" # c\nfoo = 1\n";
        assert_eq!(enclosing_table(t, 22).as_deref(), Some("[[vehicle]] `x`"));
        assert_eq!(enclosing_table("a = 1", 0), None);
    }
}
