//! The load envelope of a group of vehicles moving together, per mode, and its
//! check against a link's [`Limits`].
//!
//! The envelope of a group on a mode is the per-dimension maximum over its
//! members as carried (weight, axle load, metre load, height, width, length,
//! MLC per running gear), the most restrictive tunnel restriction, "out of
//! gauge" if any member is, and the slowest member's speed. Each check is a
//! "load value > link limit" test, so the group passes a link exactly when
//! every member passes it, and an absent link limit never forbids.

use serde::Serialize;

use crate::network::{LimitKind, LimitSet, Limits, Mode, TunnelCategory};

use super::carriage::{num, Carriage, CarriagePolicy, CarrierChoice, UnitLoad};
use super::dangerous_goods::TunnelRestrictionCode;
use super::vehicle::{VehicleCatalogue, VehicleType};
use super::ForceError;

/// Default maximum train length, m: the TEN-T core network freight standard
/// (Regulation (EU) 1315/2013, 740 m).
pub const DEFAULT_TRAIN_LENGTH_M: f64 = 740.0;

/// Length allowed for the locomotive, m (estimate: a Vectron or TRAXX is
/// 19–19.6 m long).
pub const LOCOMOTIVE_LENGTH_M: f64 = 20.0;

/// Heaviest trailing load of one military train, t (estimate: a single
/// electric locomotive commonly hauls 1,600–2,000 t on European main lines;
/// with one tank (~90 t loaded wagon) per wagon this gives ~17 wagons, in line
/// with the 14–20 armoured vehicles per train observed).
pub const MAX_TRAIN_GROSS_T: f64 = 1600.0;

/// Float tolerance for limit comparisons.
const EPS: f64 = 1e-9;

/// One numeric limit check: (kind, link limit, load value, unit, what is
/// compared, in words).
type NumericCheck<'a> = (
    LimitKind,
    Option<f64>,
    Option<f64>,
    &'static str,
    &'a dyn Fn() -> String,
);

/// Receives each broken limit: its kind and a builder of its description;
/// returns whether to go on checking.
type Sink<'a> = dyn FnMut(LimitKind, &dyn Fn() -> LimitViolation) -> bool + 'a;

/// One vehicle type in a group, with its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupMember {
    /// Vehicle type id.
    pub vehicle_id: String,
    /// Vehicle type name.
    pub name: String,
    /// How many.
    pub count: u32,
}

/// One way a load breaks a link limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitViolation {
    /// The limit broken (serialised as the [`Limits`] field: `mlc_tracked`,
    /// `max_weight_t`, `line_category` for rail axle or metre load from the
    /// EN 15528 category, …; or `mode` when the group cannot use the mode at
    /// all).
    pub limit: LimitKind,
    /// The link's value, with unit (e.g. `50`, `4 m`, `E`).
    pub link_value: String,
    /// The load's value, with unit.
    pub load_value: String,
    /// A human sentence.
    pub message: String,
}

/// The envelope of a group on one mode. Masses in t, lengths in m, speed in
/// km/h.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModeProfile {
    /// The mode.
    pub mode: Mode,
    /// How the members ride, e.g. `14× Leopard 2A6 + 2× Bergepanzer 3 Büffel
    /// on HET M1070A1 + M1000; 4× Boxer self-propelled`.
    pub carriage: String,
    /// Highest MLC to check against tracked bridge classes (self-propelled
    /// tracked members; also on ships and barges); `None` = none.
    pub mlc_tracked: Option<u16>,
    /// Highest MLC to check against wheeled bridge classes (wheeled members,
    /// HET combinations); `None` = none.
    pub mlc_wheeled: Option<u16>,
    /// Heaviest unit on the way, t (vehicle, HET combination, loaded wagon).
    pub gross_weight_t: f64,
    /// Heaviest axle, t.
    pub axle_t: f64,
    /// Rail: highest metre load of a loaded wagon, t/m.
    pub metre_load_t_per_m: Option<f64>,
    /// Highest unit, m (rail: above rail).
    pub height_m: f64,
    /// Widest unit, m.
    pub width_m: f64,
    /// Longest unit, m (rail: wagon over buffers).
    pub length_m: f64,
    /// Road: the binding member's ADR tunnel restriction code, if any member
    /// carries dangerous goods.
    pub tunnel_code: Option<TunnelRestrictionCode>,
    /// Road: the least restrictive tunnel category the group may not enter
    /// (it may not enter any later one either); `None` = every tunnel.
    pub tunnel_forbidden_from: Option<TunnelCategory>,
    /// Rail: some member is an out-of-gauge (exceptional) consignment.
    pub out_of_gauge: bool,
    /// The slowest member's (or carrier's) top speed, km/h.
    pub speed_cap_kmh: f64,
    /// Vehicles in the group.
    pub vehicles: u32,
    /// Carriers needed: HETs (road; 0 if all drive), wagons (rail), sailings
    /// (ship, barge) or sorties (air). Wagons: Σ ⌈countᵢ / per-wagonᵢ⌉ (one
    /// vehicle type per wagon); ships, barges, aircraft: per carrier type,
    /// ⌈Σ countᵢ / per-carrierᵢ⌉ (mixed loads share capacity, an estimate).
    pub carriers: u32,
    /// What `carriers` counts: `HET`, `wagon`, `sailing`, `sortie`, `vehicle`.
    pub carrier_unit: &'static str,
    /// Fewest vehicles per carrier over the members (worst case).
    pub vehicles_per_carrier: u32,
    /// Rail: wagons per train at the default train length
    /// ([`DEFAULT_TRAIN_LENGTH_M`]) and weight ([`MAX_TRAIN_GROSS_T`]).
    pub wagons_per_train: Option<u32>,
    /// Rail: trains needed at those defaults.
    pub trains: Option<u32>,
    /// Remarks (e.g. a heavy vehicle no HET can carry, moving on its own).
    pub notes: Vec<String>,
}

impl ModeProfile {
    /// Walks every limit check of this load against `limits` on a link of
    /// `mode`. For each broken limit it calls `sink(kind, describe)`; the
    /// sink decides whether to build the description (`describe()`) and
    /// whether to go on (`true`). Comparisons are numeric, so a sink that
    /// only counts or stops at the first breach allocates nothing.
    fn scan(&self, mode: Mode, limits: &Limits, sink: &mut Sink<'_>) {
        let mlc = |kind: LimitKind, link: Option<u16>, load: Option<u16>, gear: &'static str| {
            (link, load, kind, gear)
        };
        for (link, load, kind, gear) in [
            mlc(
                LimitKind::MlcTracked,
                limits.mlc_tracked,
                self.mlc_tracked,
                "tracked",
            ),
            mlc(
                LimitKind::MlcWheeled,
                limits.mlc_wheeled,
                self.mlc_wheeled,
                "wheeled",
            ),
        ] {
            if let (Some(link), Some(load)) = (link, load) {
                if load > link
                    && !sink(kind, &|| LimitViolation {
                        limit: kind,
                        link_value: link.to_string(),
                        load_value: load.to_string(),
                        message: format!(
                            "{gear} MLC {load} exceeds the link's {gear} class {link}"
                        ),
                    })
                {
                    return;
                }
            }
        }
        let line_axle = limits.line_category.map(|c| c.axle_load_t());
        let line_metre = limits.line_category.map(|c| c.metre_load_t_per_m());
        let cat = || {
            limits
                .line_category
                .map(|c| c.to_string())
                .unwrap_or_default()
        };
        let rail = mode == Mode::Rail;
        // (kind, link limit, load value, unit, what); rail checks both an
        // explicit wagon axle limit and the line category's letter and digit.
        let numeric: [NumericCheck<'_>; 7] = [
            (
                LimitKind::GrossWeight,
                limits.max_weight_t,
                Some(self.gross_weight_t),
                "t",
                &|| "gross weight".into(),
            ),
            (
                LimitKind::Axle,
                limits.max_axle_t,
                Some(self.axle_t),
                "t",
                &|| "axle load".into(),
            ),
            (
                LimitKind::LineCategory,
                line_axle.filter(|_| rail),
                Some(self.axle_t),
                "t",
                &|| "axle load (line category)".into(),
            ),
            (
                LimitKind::LineCategory,
                line_metre.filter(|_| rail),
                self.metre_load_t_per_m,
                "t/m",
                &|| format!("metre load (line category {})", cat()),
            ),
            (
                LimitKind::Height,
                limits.max_height_m,
                Some(self.height_m),
                "m",
                &|| "height".into(),
            ),
            (
                LimitKind::Width,
                limits.max_width_m,
                Some(self.width_m),
                "m",
                &|| "width".into(),
            ),
            (
                LimitKind::Length,
                limits.max_length_m,
                Some(self.length_m),
                "m",
                &|| "length".into(),
            ),
        ];
        for (kind, link, load, unit, what) in numeric {
            if let (Some(link), Some(load)) = (link, load) {
                if load > link + EPS
                    && !sink(kind, &|| LimitViolation {
                        limit: kind,
                        link_value: format!("{} {unit}", num(link)),
                        load_value: format!("{} {unit}", num(load)),
                        message: format!(
                            "{} {} {unit} exceeds the link's {} {unit}",
                            what(),
                            num(load),
                            num(link)
                        ),
                    })
                {
                    return;
                }
            }
        }
        if mode == Mode::Road {
            if let (Some(cat), Some(first)) = (limits.tunnel_category, self.tunnel_forbidden_from) {
                if cat >= first
                    && !sink(LimitKind::TunnelCategory, &|| {
                        let code = self
                            .tunnel_code
                            .map(|c| c.to_string())
                            .unwrap_or_else(|| "?".to_string());
                        LimitViolation {
                            limit: LimitKind::TunnelCategory,
                            link_value: cat.to_string(),
                            load_value: format!("{code} (forbids {first}..E)"),
                            message: format!(
                                "dangerous goods with tunnel code {code} may not pass a category {cat} tunnel (forbidden from {first})"
                            ),
                        }
                    })
                {
                    return;
                }
            }
        }
        if rail && self.out_of_gauge && limits.out_of_gauge == Some(false) {
            sink(LimitKind::OutOfGauge, &|| LimitViolation {
                limit: LimitKind::OutOfGauge,
                link_value: "false".to_string(),
                load_value: "true".to_string(),
                message: "out-of-gauge consignment on a line closed to exceptional consignments"
                    .to_string(),
            });
        }
    }

    /// The ways this load breaks `limits` on a link of `mode`; empty = it may
    /// use the link. Rules: tracked MLC vs `mlc_tracked`, wheeled vs
    /// `mlc_wheeled`; gross weight vs `max_weight_t`; axle load vs
    /// `max_axle_t`, and on rail also vs the line category's letter (the
    /// tighter binds, see [`Limits::effective_axle_t`]); rail metre load vs the line
    /// category's digit; height, width, length; road tunnel category vs the
    /// restriction code; rail out-of-gauge consignments vs
    /// `out_of_gauge = Some(false)`. Track gauge is not a load limit. An absent
    /// limit never forbids.
    pub fn violations(&self, mode: Mode, limits: &Limits) -> Vec<LimitViolation> {
        let mut out = Vec::new();
        self.scan(mode, limits, &mut |_, describe| {
            out.push(describe());
            true
        });
        out
    }

    /// Whether the load may use a link of `mode` with these limits: the same
    /// checks as [`ModeProfile::violations`], stopping at the first breach,
    /// without allocating.
    pub fn allows(&self, mode: Mode, limits: &Limits) -> bool {
        let mut ok = true;
        self.scan(mode, limits, &mut |_, _| {
            ok = false;
            false
        });
        ok
    }

    /// The kinds of limit this load breaks on the link (allocation-free).
    pub fn broken_kinds(&self, mode: Mode, limits: &Limits) -> LimitSet {
        let mut set = LimitSet::EMPTY;
        self.scan(mode, limits, &mut |k, _| {
            set.insert(k);
            true
        });
        set
    }

    /// Rail: wagons per train for a maximum train length (m; `None` = the
    /// default 740 m), bounded by [`MAX_TRAIN_GROSS_T`]; at least 1. `None`
    /// on other modes.
    pub fn wagons_per_train(&self, max_train_m: Option<f64>) -> Option<u32> {
        if self.mode != Mode::Rail {
            return None;
        }
        let train = max_train_m
            .filter(|t| t.is_finite() && *t > 0.0)
            .unwrap_or(DEFAULT_TRAIN_LENGTH_M);
        let by_length = ((train - LOCOMOTIVE_LENGTH_M) / self.length_m + EPS).floor();
        let by_weight = (MAX_TRAIN_GROSS_T / self.gross_weight_t + EPS).floor();
        let n = by_length.min(by_weight);
        Some(if n.is_finite() && n >= 1.0 {
            n.min(f64::from(u32::MAX)) as u32
        } else {
            1
        })
    }

    /// Rail: trains needed for the group at a maximum train length (m; `None`
    /// = 740 m). `None` on other modes.
    pub fn trains_needed(&self, max_train_m: Option<f64>) -> Option<u32> {
        self.wagons_per_train(max_train_m)
            .map(|w| self.carriers.div_ceil(w.max(1)))
    }

    /// One line for reports.
    pub fn summary(&self) -> String {
        let mut s = format!("{}: {}", self.mode, self.carriage);
        let mlc = match (self.mlc_tracked, self.mlc_wheeled) {
            (None, None) => String::new(),
            (t, w) => format!(
                "; MLC tracked {} / wheeled {}",
                t.map(|x| x.to_string()).unwrap_or_else(|| "–".into()),
                w.map(|x| x.to_string()).unwrap_or_else(|| "–".into())
            ),
        };
        s.push_str(&mlc);
        s.push_str(&format!(
            "; {} t, axle {} t",
            num(self.gross_weight_t),
            num(self.axle_t)
        ));
        if let Some(ml) = self.metre_load_t_per_m {
            s.push_str(&format!(", {} t/m", num(ml)));
        }
        s.push_str(&format!(
            "; {} m high, {} m wide, {} m long",
            num(self.height_m),
            num(self.width_m),
            num(self.length_m)
        ));
        if let Some(code) = self.tunnel_code {
            s.push_str(&format!("; ADR tunnel code {code}"));
        }
        if self.out_of_gauge {
            s.push_str("; OUT OF GAUGE");
        }
        s.push_str(&format!("; ≤ {} km/h", num(self.speed_cap_kmh)));
        if self.carrier_unit != "vehicle" && self.carriers > 0 {
            s.push_str(&format!("; {} {}(s)", self.carriers, self.carrier_unit));
        }
        if let (Some(w), Some(t)) = (self.wagons_per_train, self.trains) {
            s.push_str(&format!(" in {t} train(s) of ≤ {w} wagons"));
        }
        for n in &self.notes {
            s.push_str(&format!(" [{n}]"));
        }
        s
    }
}

/// One mode's verdict for a group: a profile, or why the group cannot use
/// the mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModeOption {
    /// The mode.
    pub mode: Mode,
    /// The envelope, if the group can use the mode.
    pub profile: Option<ModeProfile>,
    /// Why not, if it cannot.
    pub unavailable: Option<String>,
}

/// The binding envelope of a group of vehicles moving together, per mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadProfile {
    /// The vehicle types and counts (duplicates merged, first-seen order).
    pub members: Vec<GroupMember>,
    /// The carriage policy used.
    pub policy: CarriagePolicy,
    /// Vehicles in the group.
    pub vehicles: u32,
    /// Sum of the vehicles' gross weights, t.
    pub total_weight_t: f64,
    /// One entry per mode, in [`Mode::ALL`] order.
    pub modes: Vec<ModeOption>,
}

impl LoadProfile {
    /// The profile of a group (`(vehicle id, count)` pairs) under a carriage
    /// policy, with carriers chosen from the catalogue.
    pub fn for_group<S: AsRef<str>>(
        catalogue: &VehicleCatalogue,
        group: &[(S, u32)],
        policy: &CarriagePolicy,
    ) -> Result<LoadProfile, ForceError> {
        Self::for_group_with(catalogue, group, policy, &CarrierChoice::default())
    }

    /// The same, with carrier types forced by `choice`.
    pub fn for_group_with<S: AsRef<str>>(
        catalogue: &VehicleCatalogue,
        group: &[(S, u32)],
        policy: &CarriagePolicy,
        choice: &CarrierChoice,
    ) -> Result<LoadProfile, ForceError> {
        if group.is_empty() {
            return Err(ForceError::InvalidGroup("the group has no vehicles".into()));
        }
        let mut members: Vec<(&VehicleType, u32)> = Vec::new();
        for (id, count) in group {
            let id = id.as_ref();
            let v = catalogue.try_get(id)?;
            if *count == 0 {
                return Err(ForceError::InvalidGroup(format!(
                    "count of `{id}` must be at least 1"
                )));
            }
            match members.iter_mut().find(|(m, _)| m.id == v.id) {
                Some((_, c)) => {
                    *c = c.checked_add(*count).ok_or_else(|| {
                        ForceError::InvalidGroup(format!("count of `{id}` overflows"))
                    })?
                }
                None => members.push((v, *count)),
            }
        }
        let vehicles = members
            .iter()
            .try_fold(0u32, |acc, (_, c)| acc.checked_add(*c))
            .ok_or_else(|| ForceError::InvalidGroup("too many vehicles".into()))?;
        let carriers = Carriers::resolve(catalogue, choice)?;
        let modes = Mode::ALL
            .iter()
            .map(|&mode| {
                if !policy.allows_mode(mode) {
                    return ModeOption {
                        mode,
                        profile: None,
                        unavailable: Some(format!("carriage policy `{policy}` excludes {mode}")),
                    };
                }
                let mut loads = Vec::new();
                let mut why = Vec::new();
                for (v, count) in &members {
                    match carriers.carry(v, mode, policy) {
                        Ok((carriage, load, note)) => {
                            loads.push((*v, *count, carriage, load, note))
                        }
                        Err(e) => why.push(e),
                    }
                }
                if why.is_empty() {
                    ModeOption {
                        mode,
                        profile: Some(envelope(mode, &loads, vehicles)),
                        unavailable: None,
                    }
                } else {
                    ModeOption {
                        mode,
                        profile: None,
                        unavailable: Some(why.join("; ")),
                    }
                }
            })
            .collect();
        Ok(LoadProfile {
            members: members
                .iter()
                .map(|(v, c)| GroupMember {
                    vehicle_id: v.id.clone(),
                    name: v.name.clone(),
                    count: *c,
                })
                .collect(),
            policy: *policy,
            vehicles,
            total_weight_t: members
                .iter()
                .map(|(v, c)| v.gross_weight_t * f64::from(*c))
                .sum(),
            modes,
        })
    }

    /// The profile on `mode`, if the group can use it.
    pub fn profile(&self, mode: Mode) -> Option<&ModeProfile> {
        self.modes
            .iter()
            .find(|m| m.mode == mode)
            .and_then(|m| m.profile.as_ref())
    }

    /// Why the group cannot use `mode` (`None` if it can).
    pub fn unavailable_reason(&self, mode: Mode) -> Option<&str> {
        self.modes
            .iter()
            .find(|m| m.mode == mode)
            .and_then(|m| m.unavailable.as_deref())
    }

    /// Modes the group can use.
    pub fn usable_modes(&self) -> Vec<Mode> {
        self.modes
            .iter()
            .filter(|m| m.profile.is_some())
            .map(|m| m.mode)
            .collect()
    }

    /// The ways the group breaks `limits` on a link of `mode`; a mode the
    /// group cannot use gives one violation with `limit = "mode"`.
    pub fn violations(&self, mode: Mode, limits: &Limits) -> Vec<LimitViolation> {
        match self.profile(mode) {
            Some(p) => p.violations(mode, limits),
            None => vec![LimitViolation {
                limit: LimitKind::Mode,
                link_value: mode.to_string(),
                load_value: "unavailable".to_string(),
                message: format!(
                    "the group cannot use {mode}: {}",
                    self.unavailable_reason(mode).unwrap_or("unknown reason")
                ),
            }],
        }
    }

    /// Whether the group may use a link of `mode` with these limits
    /// (allocation-free).
    pub fn allows(&self, mode: Mode, limits: &Limits) -> bool {
        self.profile(mode).is_some_and(|p| p.allows(mode, limits))
    }

    /// Report lines: the group, then one line per mode.
    pub fn summary(&self) -> Vec<String> {
        let names: Vec<String> = self
            .members
            .iter()
            .map(|m| format!("{}× {}", m.count, m.name))
            .collect();
        let mut out = vec![format!(
            "group: {} — {} vehicle(s), {} t; carriage policy {}",
            names.join(", "),
            self.vehicles,
            num(self.total_weight_t),
            self.policy
        )];
        for m in &self.modes {
            match (&m.profile, &m.unavailable) {
                (Some(p), _) => out.push(p.summary()),
                (None, Some(why)) => out.push(format!("{}: unavailable — {why}", m.mode)),
                (None, None) => out.push(format!("{}: unavailable", m.mode)),
            }
        }
        out
    }
}

/// Carrier candidates resolved from the catalogue and the user's choice.
struct Carriers<'a> {
    catalogue: &'a VehicleCatalogue,
    choice: &'a CarrierChoice,
}

impl<'a> Carriers<'a> {
    fn resolve(
        catalogue: &'a VehicleCatalogue,
        choice: &'a CarrierChoice,
    ) -> Result<Self, ForceError> {
        let unknown = |kind: &'static str, id: &str| ForceError::UnknownCarrier {
            kind,
            id: id.to_string(),
        };
        if let Some(id) = &choice.het {
            catalogue.het(id).ok_or_else(|| unknown("het", id))?;
        }
        if let Some(id) = &choice.wagon {
            catalogue.wagon(id).ok_or_else(|| unknown("wagon", id))?;
        }
        if let Some(id) = &choice.ship {
            catalogue
                .vessels_on(Mode::Sea)
                .find(|v| &v.id == id)
                .ok_or_else(|| unknown("ship", id))?;
        }
        if let Some(id) = &choice.barge {
            catalogue
                .vessels_on(Mode::InlandWaterway)
                .find(|v| &v.id == id)
                .ok_or_else(|| unknown("barge", id))?;
        }
        if let Some(id) = &choice.aircraft {
            catalogue
                .aircraft_type(id)
                .ok_or_else(|| unknown("aircraft", id))?;
        }
        Ok(Carriers { catalogue, choice })
    }

    /// Candidate carriages for `v` on `mode`, in order of preference.
    fn candidates(&self, v: &VehicleType, mode: Mode) -> Vec<Carriage> {
        let c = self.catalogue;
        fn pick(id: &Option<String>) -> Option<&str> {
            id.as_deref()
        }
        match mode {
            Mode::Road => match pick(&self.choice.het) {
                Some(id) => c.het(id).into_iter().cloned().collect(),
                None => c.hets().to_vec(),
            }
            .into_iter()
            .map(|het| Carriage::OnHet { het })
            .collect(),
            Mode::Rail => {
                let wagons: Vec<_> = match pick(&self.choice.wagon).or(v.rail_wagon.as_deref()) {
                    Some(id) => c.wagon(id).into_iter().cloned().collect(),
                    None => c.wagons().to_vec(),
                };
                wagons
                    .into_iter()
                    .map(|wagon| Carriage::OnRailWagon { wagon })
                    .collect()
            }
            Mode::Sea | Mode::InlandWaterway => {
                let chosen = if mode == Mode::Sea {
                    pick(&self.choice.ship)
                } else {
                    pick(&self.choice.barge)
                };
                c.vessels_on(mode)
                    .filter(|s| chosen.is_none_or(|id| s.id == id))
                    .cloned()
                    .map(|vessel| {
                        if mode == Mode::Sea {
                            Carriage::OnShip { vessel }
                        } else {
                            Carriage::OnBarge { vessel }
                        }
                    })
                    .collect()
            }
            Mode::Air => match pick(&self.choice.aircraft) {
                Some(id) => c.aircraft_type(id).into_iter().cloned().collect(),
                None => c.aircraft().to_vec(),
            }
            .into_iter()
            .map(|aircraft| Carriage::ByAir { aircraft })
            .collect(),
        }
    }

    /// How `v` rides on `mode`: the first candidate that takes it.
    fn carry(
        &self,
        v: &VehicleType,
        mode: Mode,
        policy: &CarriagePolicy,
    ) -> Result<(Carriage, UnitLoad, Option<String>), String> {
        if mode == Mode::Road && (policy.all_self_propelled() || v.self_propelled_road) {
            let c = Carriage::SelfPropelled;
            return c.load(v).map(|l| (c, l, None));
        }
        let candidates = self.candidates(v, mode);
        let mut why = Vec::new();
        for c in candidates {
            match c.load(v) {
                Ok(l) => return Ok((c, l, None)),
                Err(e) => why.push(e),
            }
        }
        if why.is_empty() {
            let what = match mode {
                Mode::Road => "HET",
                Mode::Rail => "rail wagon",
                Mode::Sea => "ship",
                Mode::InlandWaterway => "barge",
                Mode::Air => "aircraft",
            };
            why.push(format!("{}: no {what} type in the catalogue", v.name));
        }
        let why = why.join("; ");
        if mode == Mode::Road && !policy.strict_het() {
            let c = Carriage::SelfPropelled;
            return c.load(v).map(|l| {
                let note = format!(
                    "{} moves self-propelled: no HET can carry it ({why})",
                    v.name
                );
                (c, l, Some(note))
            });
        }
        Err(why)
    }
}

fn envelope(
    mode: Mode,
    loads: &[(&VehicleType, u32, Carriage, UnitLoad, Option<String>)],
    vehicles: u32,
) -> ModeProfile {
    let max = |f: &dyn Fn(&UnitLoad) -> f64| loads.iter().map(|x| f(&x.3)).fold(0.0, f64::max);
    let max_opt_u16 =
        |f: &dyn Fn(&UnitLoad) -> Option<u16>| loads.iter().filter_map(|x| f(&x.3)).max();
    let metre = loads
        .iter()
        .filter_map(|x| x.3.metre_load_t_per_m)
        .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b))));
    // Tunnel: the member with the least restrictive forbidden category binds.
    let (tunnel_code, tunnel_forbidden_from) = if mode == Mode::Road {
        loads
            .iter()
            .filter_map(|x| {
                x.0.tunnel_forbidden_from()
                    .map(|f| (x.0.dangerous_goods, f))
            })
            .min_by_key(|(_, f)| *f)
            .map(|(c, f)| (c, Some(f)))
            .unwrap_or((None, None))
    } else {
        (None, None)
    };
    // Members grouped by carriage (first-seen order), e.g.
    // "14× Leopard 2A6 + 2× Bergepanzer 3 on HET …; 4× Boxer self-propelled".
    let mut by_carriage: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, (_, _, c, _, _)) in loads.iter().enumerate() {
        let key = c.describe();
        match by_carriage.iter_mut().find(|(k, _)| *k == key) {
            Some((_, idx)) => idx.push(i),
            None => by_carriage.push((key, vec![i])),
        }
    }
    let carriage = by_carriage
        .iter()
        .map(|(key, idx)| {
            let who: Vec<String> = idx
                .iter()
                .map(|&i| format!("{}× {}", loads[i].1, loads[i].0.name))
                .collect();
            format!("{} {key}", who.join(" + "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let carried: Vec<_> = loads.iter().filter(|x| x.3.uses_carrier).collect();
    let carrier_unit = carried
        .first()
        .map(|x| x.2.carrier_unit())
        .unwrap_or("vehicle");
    let carriers = match mode {
        Mode::Road => carried.iter().map(|x| x.1).sum(),
        Mode::Rail => carried
            .iter()
            .map(|x| x.1.div_ceil(x.3.vehicles_per_carrier.max(1)))
            .sum(),
        // Vehicles of different types share a ship or an aircraft of the same
        // type: ⌈Σ countᵢ / per-carrierᵢ⌉ per carrier type.
        _ => by_carriage
            .iter()
            .map(|(_, idx)| {
                let share: f64 = idx
                    .iter()
                    .map(|&i| {
                        f64::from(loads[i].1) / f64::from(loads[i].3.vehicles_per_carrier.max(1))
                    })
                    .sum();
                (share - 1e-9).ceil().max(0.0) as u32
            })
            .sum(),
    };
    let vehicles_per_carrier = carried
        .iter()
        .map(|x| x.3.vehicles_per_carrier)
        .min()
        .unwrap_or(1);
    let mut notes: Vec<String> = loads.iter().filter_map(|x| x.4.clone()).collect();
    let out_of_gauge = loads.iter().any(|x| x.3.out_of_gauge);
    if out_of_gauge {
        let who: Vec<&str> = loads
            .iter()
            .filter(|x| x.3.out_of_gauge)
            .map(|x| x.0.name.as_str())
            .collect();
        notes.push(format!(
            "exceptional consignment outside the UIC G1 loading gauge: {}",
            who.join(", ")
        ));
    }
    let mut p = ModeProfile {
        mode,
        carriage,
        mlc_tracked: max_opt_u16(&|u| u.mlc_tracked),
        mlc_wheeled: max_opt_u16(&|u| u.mlc_wheeled),
        gross_weight_t: max(&|u| u.gross_weight_t),
        axle_t: max(&|u| u.axle_t),
        metre_load_t_per_m: metre,
        height_m: max(&|u| u.height_m),
        width_m: max(&|u| u.width_m),
        length_m: max(&|u| u.length_m),
        tunnel_code,
        tunnel_forbidden_from,
        out_of_gauge,
        speed_cap_kmh: loads
            .iter()
            .map(|x| x.3.speed_cap_kmh)
            .fold(f64::INFINITY, f64::min),
        vehicles,
        carriers,
        carrier_unit,
        vehicles_per_carrier,
        wagons_per_train: None,
        trains: None,
        notes,
    };
    if mode == Mode::Rail {
        p.wagons_per_train = p.wagons_per_train(None);
        p.trains = p.trains_needed(None);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> &'static VehicleCatalogue {
        VehicleCatalogue::builtin()
    }

    #[test]
    fn unknown_and_empty_groups_are_errors() {
        let c = builtin();
        let none: [(&str, u32); 0] = [];
        assert!(matches!(
            LoadProfile::for_group(c, &none, &CarriagePolicy::Auto),
            Err(ForceError::InvalidGroup(_))
        ));
        assert!(matches!(
            LoadProfile::for_group(c, &[("nope", 1)], &CarriagePolicy::Auto),
            Err(ForceError::UnknownVehicle(_))
        ));
        assert!(matches!(
            LoadProfile::for_group(c, &[("leopard_2a6", 0)], &CarriagePolicy::Auto),
            Err(ForceError::InvalidGroup(_))
        ));
        let choice = CarrierChoice {
            aircraft: Some("concorde".into()),
            ..CarrierChoice::default()
        };
        assert!(matches!(
            LoadProfile::for_group_with(c, &[("leopard_2a6", 1)], &CarriagePolicy::Auto, &choice),
            Err(ForceError::UnknownCarrier {
                kind: "aircraft",
                ..
            })
        ));
    }

    #[test]
    fn duplicates_merge() {
        let p = LoadProfile::for_group(
            builtin(),
            &[("boxer", 2), ("boxer", 3)],
            &CarriagePolicy::Auto,
        )
        .unwrap();
        assert_eq!(p.members.len(), 1);
        assert_eq!(p.vehicles, 5);
    }

    #[test]
    fn policy_excludes_modes() {
        let p = LoadProfile::for_group(builtin(), &[("boxer", 1)], &CarriagePolicy::Rail).unwrap();
        assert!(p.profile(Mode::Rail).is_some());
        assert!(p.profile(Mode::Road).is_some());
        assert!(p.profile(Mode::Air).is_none());
        assert!(p.unavailable_reason(Mode::Air).unwrap().contains("rail"));
        let v = p.violations(Mode::Air, &Limits::default());
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].limit, LimitKind::Mode);
    }

    #[test]
    fn forced_a400m_rejects_tank_with_reason() {
        let choice = CarrierChoice {
            aircraft: Some("a400m".into()),
            ..CarrierChoice::default()
        };
        let p = LoadProfile::for_group_with(
            builtin(),
            &[("leopard_2a6", 1)],
            &CarriagePolicy::Air,
            &choice,
        )
        .unwrap();
        let why = p.unavailable_reason(Mode::Air).unwrap();
        assert!(why.contains("Leopard 2A6 (62.3 t) exceeds"), "{why}");
        assert!(why.contains("payload 37 t"), "{why}");
    }

    #[test]
    fn strict_het_vs_fallback() {
        let c = builtin();
        let choice = CarrierChoice {
            het: Some("m1070a1_m1000".into()),
            ..CarrierChoice::default()
        };
        // The M1A2 SEPv3 (66.8 t) exceeds the M1000's 70 short tons (63.5 t).
        let strict =
            LoadProfile::for_group_with(c, &[("m1a2_sepv3", 1)], &CarriagePolicy::Het, &choice)
                .unwrap();
        assert!(strict.profile(Mode::Road).is_none());
        let auto =
            LoadProfile::for_group_with(c, &[("m1a2_sepv3", 1)], &CarriagePolicy::Auto, &choice)
                .unwrap();
        let road = auto.profile(Mode::Road).unwrap();
        assert_eq!(road.mlc_tracked, Some(c.get("m1a2_sepv3").unwrap().mlc));
        assert_eq!(road.notes.len(), 1);
    }

    #[test]
    fn rail_trains() {
        let p = LoadProfile::for_group(builtin(), &[("leopard_2a6", 44)], &CarriagePolicy::Auto)
            .unwrap();
        let r = p.profile(Mode::Rail).unwrap();
        assert_eq!(r.carriers, 44);
        let w = r.wagons_per_train.unwrap();
        assert!((14..=20).contains(&w), "{w} wagons per train");
        assert_eq!(r.trains, Some(44u32.div_ceil(w)));
        assert_eq!(
            r.wagons_per_train(Some(200.0)),
            Some(((200.0 - 20.0) / r.length_m) as u32)
        );
        assert!(p
            .profile(Mode::Road)
            .unwrap()
            .wagons_per_train(None)
            .is_none());
        assert!(!p.summary().is_empty());
    }
}
