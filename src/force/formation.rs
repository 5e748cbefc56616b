//! Formations: the units a planner moves (a tank company, a mechanised
//! battalion, an armoured brigade with its combat support and logistics, a
//! division slice), as vehicle types and counts, possibly nested.
//!
//! A catalogue file holds `[[formation]]` tables. Each has its own vehicles
//! (`vehicle = [{ vehicle = "<vehicle id>", count = N, role = "…" }, …]`,
//! ids from a [`VehicleCatalogue`]) and sub-formations (`part = [{ formation
//! = "<formation id>", count = N, role = "…" }, …]`, ids from the same
//! catalogue). [`FormationCatalogue::expand`] flattens a formation into vehicle
//! types and counts. Unknown keys are errors; every other problem (unknown
//! vehicle or formation, cycle, count out of range, duplicate id, empty
//! formation, bad value) is reported at once, each as a [`FormationProblem`]
//! naming file, line, formation id and key. The built-in catalogue is
//! `data/formations.toml` (format: `data/FORMAT.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

use super::{ForceError, VehicleCatalogue};

/// The built-in catalogue's text (`data/formations.toml`).
pub const BUILTIN_TOML: &str = include_str!("../../data/formations.toml");

/// The label of the built-in catalogue in messages.
pub const BUILTIN_ORIGIN: &str = "<builtin>/data/formations.toml";

/// Largest count of one entry (vehicles or parts): anything above is a typo.
pub const MAX_ENTRY_COUNT: i64 = 100_000;

/// Largest `personnel` of one formation.
pub const MAX_PERSONNEL: i64 = 10_000_000;

/// The size of a formation. Spelled in files as `platoon`, `company`,
/// `battalion`, `regiment`, `brigade`, `division-slice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Echelon {
    /// Platoon (or troop section).
    Platoon,
    /// Company, battery or troop.
    Company,
    /// Battalion or squadron.
    Battalion,
    /// Regiment.
    Regiment,
    /// Brigade (or brigade combat team).
    Brigade,
    /// A division with a share of its supporting units.
    DivisionSlice,
}

impl Echelon {
    /// All echelons, smallest first.
    pub const ALL: [Echelon; 6] = [
        Echelon::Platoon,
        Echelon::Company,
        Echelon::Battalion,
        Echelon::Regiment,
        Echelon::Brigade,
        Echelon::DivisionSlice,
    ];

    /// The spelling used in files, e.g. `"division-slice"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Echelon::Platoon => "platoon",
            Echelon::Company => "company",
            Echelon::Battalion => "battalion",
            Echelon::Regiment => "regiment",
            Echelon::Brigade => "brigade",
            Echelon::DivisionSlice => "division-slice",
        }
    }
}

impl fmt::Display for Echelon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A formation's own vehicles of one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VehicleEntry {
    /// Vehicle type id (from the [`VehicleCatalogue`]).
    pub vehicle: String,
    /// How many, ≥ 1.
    pub count: u32,
    /// What they do in the formation (free text).
    pub role: String,
}

/// A formation's sub-formations of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartEntry {
    /// Formation id (from the same catalogue).
    pub formation: String,
    /// How many, ≥ 1.
    pub count: u32,
    /// What they do in the formation (free text, may be empty).
    pub role: String,
}

/// A validated formation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Formation {
    /// Stable id, unique in the catalogue (`[A-Za-z0-9_.:-]+`).
    pub id: String,
    /// Human name.
    pub name: String,
    /// Size class.
    pub echelon: Echelon,
    /// Which national pattern it follows, e.g. `German Panzerbataillon (generic)`.
    pub nation_model: String,
    /// Approximate personnel of the whole formation (parts included).
    pub personnel: u32,
    /// What the composition is based on and what is estimated.
    pub source: String,
    /// Its own vehicles, in file order.
    pub vehicles: Vec<VehicleEntry>,
    /// Its sub-formations, in file order.
    pub parts: Vec<PartEntry>,
}

/// What kind of problem a [`FormationProblem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormationProblemKind {
    /// A `vehicle` id the vehicle catalogue does not have.
    UnknownVehicle,
    /// A `part` refers to a formation id the catalogue does not have.
    UnknownFormation,
    /// Formations that contain themselves through their parts.
    Cycle,
    /// A `count` that is zero, negative or absurdly large.
    BadCount,
    /// Two formations with the same id.
    DuplicateId,
    /// A formation with neither vehicles nor parts.
    Empty,
    /// Any other bad value (empty text, malformed id, personnel out of range).
    BadValue,
}

impl FormationProblemKind {
    /// The spelling in JSON and messages, e.g. `"unknown_vehicle"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            FormationProblemKind::UnknownVehicle => "unknown_vehicle",
            FormationProblemKind::UnknownFormation => "unknown_formation",
            FormationProblemKind::Cycle => "cycle",
            FormationProblemKind::BadCount => "bad_count",
            FormationProblemKind::DuplicateId => "duplicate_id",
            FormationProblemKind::Empty => "empty",
            FormationProblemKind::BadValue => "bad_value",
        }
    }
}

impl fmt::Display for FormationProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a formation catalogue, located by file, line, formation id
/// and key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormationProblem {
    /// What kind of problem.
    pub kind: FormationProblemKind,
    /// The file (or label) the catalogue came from.
    pub file: String,
    /// 1-based line of the entry concerned (the `[[formation]]` header for
    /// formation-level keys), if known.
    pub line: Option<u64>,
    /// The formation id concerned.
    pub formation: String,
    /// The key concerned: `id`, `name`, `personnel`, `vehicle`, `part`,
    /// `count`, `formation`, …
    pub key: String,
    /// What is wrong (without the location).
    pub message: String,
}

impl fmt::Display for FormationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(
            f,
            ": formation `{}`, key `{}`: {} [{}]",
            self.formation, self.key, self.message, self.kind
        )
    }
}

impl FormationProblem {
    /// The same problem as a crate [`Diagnostic`] (for the CLI's reports).
    pub fn to_diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::error(format!("{} [{}]", self.message, self.kind))
            .in_file(&self.file)
            .field(&self.key)
            .id(&self.formation)
            .entity("formation");
        if let Some(l) = self.line {
            d = d.at_line(l);
        }
        d
    }
}

// ------------------------------------------------------------ raw file

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    formation: Vec<toml::Spanned<RawFormation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFormation {
    id: String,
    name: String,
    echelon: Echelon,
    nation_model: String,
    personnel: i64,
    source: String,
    #[serde(default)]
    vehicle: Vec<toml::Spanned<RawVehicle>>,
    #[serde(default)]
    part: Vec<toml::Spanned<RawPart>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVehicle {
    vehicle: String,
    count: i64,
    role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    formation: String,
    count: i64,
    #[serde(default)]
    role: String,
}

/// Source lines of one formation read from a file.
#[derive(Debug, Clone, Default)]
struct Lines {
    header: Option<u64>,
    vehicles: Vec<Option<u64>>,
    parts: Vec<Option<u64>>,
}

// ------------------------------------------------------------ catalogue

/// A validated set of formations: every reference resolves, no cycles.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FormationCatalogue {
    origin: String,
    formations: Vec<Formation>,
    #[serde(skip)]
    index: BTreeMap<String, usize>,
    /// For each formation, its parts as (formation index, count).
    #[serde(skip)]
    edges: Vec<Vec<(usize, u32)>>,
}

impl FormationCatalogue {
    /// The built-in catalogue (`data/formations.toml`, embedded at compile
    /// time, checked against [`VehicleCatalogue::builtin`]; parsed once). Its
    /// validity is checked by the crate's tests.
    pub fn builtin() -> &'static FormationCatalogue {
        static BUILTIN: OnceLock<FormationCatalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // An empty catalogue (never a panic) if the shipped data were
            // broken; `builtin_catalogue_is_valid` guards it.
            FormationCatalogue::parse(BUILTIN_TOML, BUILTIN_ORIGIN, VehicleCatalogue::builtin())
                .unwrap_or_default()
        })
    }

    /// Reads a self-contained catalogue file; vehicle ids are checked
    /// against `vehicles`.
    pub fn load(
        path: impl AsRef<Path>,
        vehicles: &VehicleCatalogue,
    ) -> Result<FormationCatalogue, ForceError> {
        Self::load_extending(path, vehicles, &FormationCatalogue::default())
    }

    /// Reads a catalogue file on top of `base` (e.g. the built-in one):
    /// formations with an id of `base` replace it, others are added, and
    /// parts may refer to formations of `base`.
    pub fn load_extending(
        path: impl AsRef<Path>,
        vehicles: &VehicleCatalogue,
        base: &FormationCatalogue,
    ) -> Result<FormationCatalogue, ForceError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ForceError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse_extending(&text, &path.display().to_string(), vehicles, base)
    }

    /// Parses a self-contained catalogue from TOML text; `origin` names it
    /// in messages (a file name or label).
    pub fn parse(
        text: &str,
        origin: &str,
        vehicles: &VehicleCatalogue,
    ) -> Result<FormationCatalogue, ForceError> {
        Self::parse_extending(text, origin, vehicles, &FormationCatalogue::default())
    }

    /// Parses a catalogue from TOML text on top of `base` (see
    /// [`FormationCatalogue::load_extending`]).
    pub fn parse_extending(
        text: &str,
        origin: &str,
        vehicles: &VehicleCatalogue,
        base: &FormationCatalogue,
    ) -> Result<FormationCatalogue, ForceError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| parse_error(text, origin, &e))?;
        let line = |start: usize| Some(line_of(text, start));
        let mut new = Vec::with_capacity(raw.formation.len());
        for sf in raw.formation {
            let header = line(sf.span().start);
            let f = sf.into_inner();
            let lines = Lines {
                header,
                vehicles: f.vehicle.iter().map(|s| line(s.span().start)).collect(),
                parts: f.part.iter().map(|s| line(s.span().start)).collect(),
            };
            new.push((f, lines));
        }
        build(new, origin, vehicles, base)
    }

    /// Where the catalogue came from (file names or labels, `+`-joined).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The formation with this id.
    pub fn get(&self, id: &str) -> Option<&Formation> {
        self.index.get(id).map(|&i| &self.formations[i])
    }

    /// The formation with this id, or [`ForceError::UnknownFormation`].
    pub fn try_get(&self, id: &str) -> Result<&Formation, ForceError> {
        self.get(id)
            .ok_or_else(|| ForceError::UnknownFormation(id.to_string()))
    }

    /// All formations, in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, Formation> {
        self.formations.iter()
    }

    /// All formations, in file order.
    pub fn formations(&self) -> &[Formation] {
        &self.formations
    }

    /// Number of formations.
    pub fn len(&self) -> usize {
        self.formations.len()
    }

    /// Whether there is no formation.
    pub fn is_empty(&self) -> bool {
        self.formations.is_empty()
    }

    /// The flat vehicle list of `count` formations `id`: every vehicle type
    /// with its total count over the formation and all its parts (nested),
    /// merged. Order: deterministic, each vehicle type at its first
    /// appearance in a depth-first walk (a formation's own vehicles in file
    /// order, then its parts in file order).
    ///
    /// Errors: [`ForceError::UnknownFormation`]; [`ForceError::InvalidGroup`]
    /// if `count` is 0 or a total exceeds `u32::MAX`.
    pub fn expand(&self, id: &str, count: u32) -> Result<Vec<(String, u32)>, ForceError> {
        let root = *self
            .index
            .get(id)
            .ok_or_else(|| ForceError::UnknownFormation(id.to_string()))?;
        if count == 0 {
            return Err(ForceError::InvalidGroup(format!(
                "count of formation `{id}` is 0"
            )));
        }
        let overflow = || {
            ForceError::InvalidGroup(format!(
                "{count} × formation `{id}` has more than {} vehicles of one type",
                u32::MAX
            ))
        };
        // Topological order of the formations reachable from the root
        // (reverse post-order of an iterative depth-first walk), and the
        // vehicle order (first appearance, pre-order, each formation once).
        let n = self.formations.len();
        let mut visited = vec![false; n];
        let mut post = Vec::new();
        let mut order: Vec<&str> = Vec::new();
        let mut seen_vehicle: BTreeSet<&str> = BTreeSet::new();
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        visited[root] = true;
        self.own_vehicles_in_order(root, &mut order, &mut seen_vehicle);
        while let Some(top) = stack.last_mut() {
            let (f, next) = *top;
            if let Some(&(child, _)) = self.edges[f].get(next) {
                top.1 += 1;
                if !visited[child] {
                    visited[child] = true;
                    self.own_vehicles_in_order(child, &mut order, &mut seen_vehicle);
                    stack.push((child, 0));
                }
            } else {
                post.push(f);
                stack.pop();
            }
        }
        // How many instances of each formation the request contains.
        let mut instances = vec![0u128; n];
        instances[root] = u128::from(count);
        for &f in post.iter().rev() {
            let k = instances[f];
            for &(child, c) in &self.edges[f] {
                let add = k.checked_mul(u128::from(c)).ok_or_else(overflow)?;
                instances[child] = instances[child].checked_add(add).ok_or_else(overflow)?;
            }
        }
        let mut totals: BTreeMap<&str, u128> = BTreeMap::new();
        for &f in &post {
            let k = instances[f];
            for v in &self.formations[f].vehicles {
                let add = k.checked_mul(u128::from(v.count)).ok_or_else(overflow)?;
                let t = totals.entry(v.vehicle.as_str()).or_insert(0);
                *t = t.checked_add(add).ok_or_else(overflow)?;
            }
        }
        order
            .into_iter()
            .map(|v| {
                let t = totals.get(v).copied().unwrap_or(0);
                u32::try_from(t)
                    .map(|t| (v.to_string(), t))
                    .map_err(|_| overflow())
            })
            .collect()
    }

    /// Total number of vehicles (all types) in `count` formations `id`.
    pub fn vehicle_total(&self, id: &str, count: u32) -> Result<u64, ForceError> {
        Ok(self
            .expand(id, count)?
            .iter()
            .map(|(_, c)| u64::from(*c))
            .sum())
    }

    fn own_vehicles_in_order<'a>(
        &'a self,
        f: usize,
        order: &mut Vec<&'a str>,
        seen: &mut BTreeSet<&'a str>,
    ) {
        for v in &self.formations[f].vehicles {
            if seen.insert(v.vehicle.as_str()) {
                order.push(v.vehicle.as_str());
            }
        }
    }
}

impl<'a> IntoIterator for &'a FormationCatalogue {
    type Item = &'a Formation;
    type IntoIter = std::slice::Iter<'a, Formation>;
    fn into_iter(self) -> Self::IntoIter {
        self.formations.iter()
    }
}

// ------------------------------------------------------------ validation

/// Collects problems for one formation.
struct Checker<'a> {
    origin: &'a str,
    formation: &'a str,
    out: &'a mut Vec<FormationProblem>,
}

impl Checker<'_> {
    fn push(
        &mut self,
        kind: FormationProblemKind,
        line: Option<u64>,
        key: &str,
        message: impl Into<String>,
    ) {
        self.out.push(FormationProblem {
            kind,
            file: self.origin.to_string(),
            line,
            formation: self.formation.to_string(),
            key: key.to_string(),
            message: message.into(),
        });
    }

    fn text(&mut self, line: Option<u64>, key: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(
                FormationProblemKind::BadValue,
                line,
                key,
                "must not be empty",
            );
        }
    }

    /// A count in 1..=MAX_ENTRY_COUNT, as u32 (0 when invalid).
    fn count(&mut self, line: Option<u64>, what: &str, value: i64) -> u32 {
        if value < 1 {
            self.push(
                FormationProblemKind::BadCount,
                line,
                "count",
                format!("count of {what} must be at least 1, got {value}"),
            );
            0
        } else if value > MAX_ENTRY_COUNT {
            self.push(
                FormationProblemKind::BadCount,
                line,
                "count",
                format!("count of {what} is absurd: {value} (more than {MAX_ENTRY_COUNT})"),
            );
            0
        } else {
            // In range, so it fits.
            u32::try_from(value).unwrap_or(0)
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.:-".contains(c))
}

/// Validates the formations read from `origin` on top of `base`, and builds
/// the merged catalogue.
fn build(
    new: Vec<(RawFormation, Lines)>,
    origin: &str,
    vehicles: &VehicleCatalogue,
    base: &FormationCatalogue,
) -> Result<FormationCatalogue, ForceError> {
    let mut problems = Vec::new();

    // Duplicate ids (within this file; replacing a base formation is fine).
    let mut first: BTreeMap<&str, Option<u64>> = BTreeMap::new();
    for (f, l) in &new {
        if let Some(prev) = first.get(f.id.as_str()) {
            let at = prev.map(|p| format!(", line {p}")).unwrap_or_default();
            problems.push(FormationProblem {
                kind: FormationProblemKind::DuplicateId,
                file: origin.to_string(),
                line: l.header,
                formation: f.id.clone(),
                key: "id".into(),
                message: format!("duplicate formation id (first defined in {origin}{at})"),
            });
        } else {
            first.insert(f.id.as_str(), l.header);
        }
    }

    // The merged set of ids: base ids plus this file's.
    let known: BTreeSet<&str> = base
        .formations
        .iter()
        .map(|f| f.id.as_str())
        .chain(new.iter().map(|(f, _)| f.id.as_str()))
        .collect();

    // Values and references, formation by formation.
    let mut checked: Vec<(Formation, Lines)> = Vec::with_capacity(new.len());
    for (raw, lines) in &new {
        let mut c = Checker {
            origin,
            formation: &raw.id,
            out: &mut problems,
        };
        let h = lines.header;
        if !valid_id(&raw.id) {
            c.push(
                FormationProblemKind::BadValue,
                h,
                "id",
                format!(
                    "id `{}` must be non-empty and use only A-Z a-z 0-9 _ . : -",
                    raw.id
                ),
            );
        }
        c.text(h, "name", &raw.name);
        c.text(h, "nation_model", &raw.nation_model);
        c.text(h, "source", &raw.source);
        let personnel = if (1..=MAX_PERSONNEL).contains(&raw.personnel) {
            u32::try_from(raw.personnel).unwrap_or(0)
        } else {
            c.push(
                FormationProblemKind::BadValue,
                h,
                "personnel",
                format!(
                    "personnel must be in 1..={MAX_PERSONNEL}, got {}",
                    raw.personnel
                ),
            );
            0
        };
        if raw.vehicle.is_empty() && raw.part.is_empty() {
            c.push(
                FormationProblemKind::Empty,
                h,
                "vehicle",
                "has neither `vehicle` nor `part` entries",
            );
        }
        let mut vs = Vec::with_capacity(raw.vehicle.len());
        for (i, sv) in raw.vehicle.iter().enumerate() {
            let v = sv.get_ref();
            let l = lines.vehicles.get(i).copied().flatten().or(h);
            if vehicles.get(&v.vehicle).is_none() {
                c.push(
                    FormationProblemKind::UnknownVehicle,
                    l,
                    "vehicle",
                    format!(
                        "unknown vehicle type `{}` (not in {})",
                        v.vehicle,
                        if vehicles.origin().is_empty() {
                            "the vehicle catalogue"
                        } else {
                            vehicles.origin()
                        }
                    ),
                );
            }
            c.text(l, "role", &v.role);
            let count = c.count(l, &format!("vehicle `{}`", v.vehicle), v.count);
            vs.push(VehicleEntry {
                vehicle: v.vehicle.clone(),
                count,
                role: v.role.clone(),
            });
        }
        let mut ps = Vec::with_capacity(raw.part.len());
        for (i, sp) in raw.part.iter().enumerate() {
            let p = sp.get_ref();
            let l = lines.parts.get(i).copied().flatten().or(h);
            if !known.contains(p.formation.as_str()) {
                c.push(
                    FormationProblemKind::UnknownFormation,
                    l,
                    "formation",
                    format!("part refers to unknown formation `{}`", p.formation),
                );
            }
            let count = c.count(l, &format!("part `{}`", p.formation), p.count);
            ps.push(PartEntry {
                formation: p.formation.clone(),
                count,
                role: p.role.clone(),
            });
        }
        checked.push((
            Formation {
                id: raw.id.clone(),
                name: raw.name.clone(),
                echelon: raw.echelon,
                nation_model: raw.nation_model.clone(),
                personnel,
                source: raw.source.clone(),
                vehicles: vs,
                parts: ps,
            },
            lines.clone(),
        ));
    }

    // Merge: base first (replaced in place), then new ones in file order;
    // with duplicates in the file, the first occurrence is kept.
    let mut formations: Vec<Formation> = base.formations.clone();
    let mut lines: Vec<Option<Lines>> = vec![None; formations.len()];
    let mut index: BTreeMap<String, usize> = base.index.clone();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (f, l) in checked {
        if !taken.insert(f.id.clone()) {
            continue;
        }
        match index.get(&f.id) {
            Some(&i) => {
                formations[i] = f;
                lines[i] = Some(l);
            }
            None => {
                index.insert(f.id.clone(), formations.len());
                formations.push(f);
                lines.push(Some(l));
            }
        }
    }
    let edges: Vec<Vec<(usize, u32)>> = formations
        .iter()
        .map(|f| {
            f.parts
                .iter()
                .filter_map(|p| index.get(&p.formation).map(|&j| (j, p.count)))
                .collect()
        })
        .collect();

    find_cycles(&formations, &lines, &edges, origin, &mut problems);

    if !problems.is_empty() {
        // File order; problems without a line last; stable otherwise.
        problems.sort_by_key(|p| p.line.unwrap_or(u64::MAX));
        return Err(ForceError::InvalidFormations {
            origin: origin.to_string(),
            problems,
        });
    }
    let origin = if base.origin.is_empty() {
        origin.to_string()
    } else {
        format!("{} + {origin}", base.origin)
    };
    Ok(FormationCatalogue {
        origin,
        formations,
        index,
        edges,
    })
}

/// Reports every cycle of the part graph once per back edge found by a
/// depth-first walk (iterative, in catalogue order, so deterministic). The
/// problem is placed at the part entry of the first formation on the cycle
/// that comes from this file.
fn find_cycles(
    formations: &[Formation],
    lines: &[Option<Lines>],
    edges: &[Vec<(usize, u32)>],
    origin: &str,
    problems: &mut Vec<FormationProblem>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        White,
        Grey,
        Black,
    }
    let n = formations.len();
    let mut colour = vec![Colour::White; n];
    for start in 0..n {
        if colour[start] != Colour::White {
            continue;
        }
        // (formation, index of the next edge to follow)
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        colour[start] = Colour::Grey;
        while let Some(top) = stack.last_mut() {
            let (f, next) = *top;
            let Some(&(child, _)) = edges[f].get(next) else {
                colour[f] = Colour::Black;
                stack.pop();
                continue;
            };
            top.1 += 1;
            match colour[child] {
                Colour::White => {
                    colour[child] = Colour::Grey;
                    stack.push((child, 0));
                }
                Colour::Grey => {
                    // The cycle: child … f → child, as (formation, edge taken).
                    let pos = stack.iter().position(|&(g, _)| g == child).unwrap_or(0);
                    let cycle: Vec<(usize, usize)> =
                        stack[pos..].iter().map(|&(g, e)| (g, e - 1)).collect();
                    let path: Vec<&str> = cycle
                        .iter()
                        .map(|&(g, _)| formations[g].id.as_str())
                        .chain(std::iter::once(formations[child].id.as_str()))
                        .collect();
                    let (at, edge) = cycle
                        .iter()
                        .copied()
                        .find(|&(g, _)| lines[g].is_some())
                        .unwrap_or((f, next));
                    let line = lines[at].as_ref().and_then(|l| {
                        // Edge indices follow `parts` order only for resolved
                        // parts; map back to the entry.
                        let target = &formations[edges[at][edge].0].id;
                        let k = formations[at]
                            .parts
                            .iter()
                            .position(|p| &p.formation == target)?;
                        l.parts.get(k).copied().flatten().or(l.header)
                    });
                    problems.push(FormationProblem {
                        kind: FormationProblemKind::Cycle,
                        file: origin.to_string(),
                        line,
                        formation: formations[at].id.clone(),
                        key: "part".into(),
                        message: format!("formations contain themselves: {}", path.join(" → ")),
                    });
                }
                Colour::Black => {}
            }
        }
    }
}

// ------------------------------------------------------------ TOML errors

fn line_of(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

/// Turns a TOML error into a [`ForceError::Parse`] naming line, column and
/// the enclosing formation (``[[formation]] `id` ``) when there is one.
fn parse_error(text: &str, origin: &str, e: &toml::de::Error) -> ForceError {
    let (line, column, table) = match e.span() {
        Some(span) => {
            let start = floor_char_boundary(text, span.start.min(text.len()));
            let line = line_of(text, start);
            let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let column = text[line_start..start].chars().count() as u64 + 1;
            (Some(line), Some(column), enclosing_formation(text, start))
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

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The last `[[formation]]` header at or above `offset` and the `id = "…"`
/// of that table, as ``[[formation]] `de_panzerkompanie` `` (best effort,
/// line-based).
fn enclosing_formation(text: &str, offset: usize) -> Option<String> {
    let mut header: Option<usize> = None;
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        if pos > offset {
            break;
        }
        let t: String = l
            .split('#')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if t == "[[formation]]" {
            header = Some(pos + l.len());
        }
        pos += l.len();
    }
    let body = text.get(header?..)?;
    let mut id = None;
    for l in body.lines() {
        let t = l.trim();
        if t.starts_with("[[") || (t.starts_with('[') && !t.starts_with("[[formation.")) {
            break;
        }
        if let Some(rest) = t.strip_prefix("id") {
            if let Some(v) = rest.trim_start().strip_prefix('=') {
                let v = v.split('#').next().unwrap_or(v).trim();
                id = Some(v.trim_matches(|c| c == '"' || c == '\'').to_string());
                break;
            }
        }
    }
    Some(match id {
        Some(id) => format!("[[formation]] `{id}`"),
        None => "[[formation]]".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vehicles() -> &'static VehicleCatalogue {
        VehicleCatalogue::builtin()
    }

    const SMALL: &str = r#"
[[formation]]
id = "coy"
name = "Tank company"
echelon = "company"
nation_model = "test"
personnel = 60
source = "test"
vehicle = [
  { vehicle = "leopard_2a6", count = 14, role = "tanks" },
  { vehicle = "hx2_8x8", count = 2, role = "supply" },
]

[[formation]]
id = "bn"
name = "Tank battalion"
echelon = "battalion"
nation_model = "test"
personnel = 500
source = "test"
part = [{ formation = "coy", count = 3 }]
vehicle = [
  { vehicle = "hx2_8x8", count = 4, role = "supply" },
  { vehicle = "leopard_2a6", count = 2, role = "staff" },
  { vehicle = "bergepanzer_3", count = 1, role = "recovery" },
]
"#;

    fn small() -> FormationCatalogue {
        FormationCatalogue::parse(SMALL, "small.toml", vehicles()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn problems(text: &str) -> Vec<FormationProblem> {
        match FormationCatalogue::parse(text, "bad.toml", vehicles()) {
            Err(ForceError::InvalidFormations { problems, .. }) => problems,
            other => panic!("expected InvalidFormations, got {other:?}"),
        }
    }

    #[test]
    fn expands_nested_and_merges_in_first_appearance_order() {
        let c = small();
        assert_eq!(c.len(), 2);
        assert_eq!(
            c.expand("bn", 1).unwrap(),
            vec![
                ("hx2_8x8".to_string(), 10),
                ("leopard_2a6".to_string(), 44),
                ("bergepanzer_3".to_string(), 1),
            ]
        );
        assert_eq!(
            c.expand("coy", 3).unwrap(),
            vec![("leopard_2a6".to_string(), 42), ("hx2_8x8".to_string(), 6)]
        );
        assert_eq!(c.vehicle_total("bn", 2).unwrap(), 110);
        assert_eq!(c.get("bn").unwrap().echelon, Echelon::Battalion);
        assert_eq!(c.get("bn").unwrap().parts[0].role, "");
    }

    #[test]
    fn expand_errors() {
        let c = small();
        assert!(matches!(
            c.expand("nope", 1),
            Err(ForceError::UnknownFormation(ref id)) if id == "nope"
        ));
        assert!(matches!(
            c.expand("bn", 0),
            Err(ForceError::InvalidGroup(_))
        ));
        assert!(matches!(
            c.expand("bn", u32::MAX),
            Err(ForceError::InvalidGroup(_))
        ));
        assert!(c.try_get("coy").is_ok());
    }

    #[test]
    fn lines_point_at_entries() {
        let text = SMALL.replace(
            "count = 2, role = \"supply\"",
            "count = 0, role = \"supply\"",
        );
        let p = problems(&text);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].kind, FormationProblemKind::BadCount);
        assert_eq!(p[0].line, Some(11));
        assert_eq!(p[0].formation, "coy");
        assert_eq!(p[0].key, "count");
        assert!(p[0]
            .to_string()
            .starts_with("bad.toml:11: formation `coy`, key `count`:"));
    }

    #[test]
    fn self_reference_is_a_cycle() {
        let text = SMALL.replace("formation = \"coy\"", "formation = \"bn\"");
        let p = problems(&text);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].kind, FormationProblemKind::Cycle);
        assert_eq!(p[0].formation, "bn");
        assert_eq!(p[0].line, Some(21));
        assert!(p[0].message.contains("bn → bn"), "{}", p[0].message);
    }

    #[test]
    fn array_of_tables_syntax_is_the_same() {
        let text = r#"
[[formation]]
id = "p"
name = "Platoon"
echelon = "platoon"
nation_model = "test"
personnel = 16
source = "test"

[[formation.vehicle]]
vehicle = "leopard_2a6"
count = 4
role = "tanks"

[[formation.vehicle]]
vehicle = "nope"
count = 1
role = "x"
"#;
        let p = problems(text);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, FormationProblemKind::UnknownVehicle);
        assert_eq!(p[0].line, Some(15));
        let good = text.replace("\"nope\"", "\"boxer\"");
        let c = FormationCatalogue::parse(&good, "good.toml", vehicles()).unwrap();
        assert_eq!(c.vehicle_total("p", 1).unwrap(), 5);
    }

    #[test]
    fn unknown_key_inside_a_sub_table_names_the_formation() {
        let text = SMALL.replace(
            "role = \"recovery\"",
            "role = \"recovery\", colour = \"green\"",
        );
        let e = FormationCatalogue::parse(&text, "bad.toml", vehicles()).unwrap_err();
        let m = e.to_string();
        assert!(m.starts_with("bad.toml:25:"), "{m}");
        assert!(m.contains("[[formation]] `bn`"), "{m}");
        assert!(m.contains("colour"), "{m}");
    }

    #[test]
    fn extending_replaces_and_refers_to_base() {
        let base = small();
        let more = r#"
[[formation]]
id = "coy"
name = "Smaller company"
echelon = "company"
nation_model = "test"
personnel = 40
source = "test"
vehicle = [{ vehicle = "leopard_2a6", count = 10, role = "tanks" }]

[[formation]]
id = "bde"
name = "Brigade"
echelon = "brigade"
nation_model = "test"
personnel = 3000
source = "test"
part = [{ formation = "bn", count = 2 }]
"#;
        let c = FormationCatalogue::parse_extending(more, "more.toml", vehicles(), &base).unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c.origin(), "small.toml + more.toml");
        // bn now holds 3 of the smaller companies + 2 staff tanks.
        let bde = c.expand("bde", 1).unwrap();
        assert_eq!(bde[0], ("hx2_8x8".to_string(), 8));
        assert_eq!(bde[1], ("leopard_2a6".to_string(), 64));
        // A cycle through a base formation is reported in the new file.
        let cyc = more.replace(
            "vehicle = [{ vehicle = \"leopard_2a6\", count = 10, role = \"tanks\" }]",
            "part = [{ formation = \"bn\", count = 1 }]",
        );
        let e =
            FormationCatalogue::parse_extending(&cyc, "more.toml", vehicles(), &base).unwrap_err();
        let ForceError::InvalidFormations { problems, .. } = e else {
            panic!("{e}")
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, FormationProblemKind::Cycle);
        assert_eq!(problems[0].formation, "coy");
        assert_eq!(problems[0].line, Some(9));
    }

    #[test]
    fn enclosing_formation_finds_id() {
        let t = "[[formation]]\nid = \"x\" # c\nvehicle = [\n {a=1}\n]\n";
        assert_eq!(
            enclosing_formation(t, 30).as_deref(),
            Some("[[formation]] `x`")
        );
        assert_eq!(enclosing_formation("a = 1", 0), None);
    }

    #[test]
    fn problem_converts_to_a_diagnostic() {
        let p = FormationProblem {
            kind: FormationProblemKind::UnknownVehicle,
            file: "f.toml".into(),
            line: Some(3),
            formation: "x".into(),
            key: "vehicle".into(),
            message: "unknown vehicle type `y`".into(),
        };
        let d = p.to_diagnostic();
        assert_eq!(d.line, Some(3));
        assert_eq!(d.id.as_deref(), Some("x"));
        assert_eq!(d.field.as_deref(), Some("vehicle"));
        assert!(d.message.starts_with("f.toml:3: `x`: field `vehicle`:"));
        let e: crate::Error = ForceError::InvalidFormations {
            origin: "f.toml".into(),
            problems: vec![p],
        }
        .into();
        assert!(e.to_string().contains("unknown vehicle type `y`"), "{e}");
    }
}
