//! The force being moved: vehicle types, how each is carried on each mode,
//! and the load envelope a group of vehicles presents to the network.
//!
//! # Units
//! Every quantity carries its unit in its name and is metric:
//! - masses and loads in **tonnes** (`_t`, 1 t = 1000 kg); axle loads in t per
//!   axle; rail metre loads in **t/m** (`_t_per_m`);
//! - net explosive mass in **kilograms** (`_kg`);
//! - lengths, widths and heights in **metres** (`_m`); rail heights are above
//!   the top of rail, road heights above the road;
//! - speeds in **km/h** (`_kmh`);
//! - MLC (STANAG 2021 military load class) as a dimensionless class 4..=150,
//!   kept separately for tracked and wheeled running gear.
//!
//! # Pieces
//! - [`dangerous_goods`]: ADR tunnel restriction codes of loads
//!   ([`TunnelRestrictionCode`]).
//! - [`vehicle`]: [`VehicleType`] and the TOML [`VehicleCatalogue`] (with
//!   carrier types: HETs, rail wagons, aircraft, vessels); the built-in one is
//!   `data/vehicles.toml`.
//! - [`carriage`]: [`Carriage`] — how one vehicle rides on a mode (on its own
//!   wheels or tracks, on a heavy equipment transporter, a rail wagon, a ship,
//!   a barge, an aircraft) and what it then presents to the infrastructure
//!   ([`UnitLoad`]); [`CarriagePolicy`] — which carriages a movement may use.
//! - [`formation`]: [`Formation`] — a unit made of vehicle types and counts
//!   and of other formations — and the TOML [`FormationCatalogue`] with
//!   [`FormationCatalogue::expand`] (the flat vehicle list); the built-in one
//!   is `data/formations.toml`.
//! - [`load_profile`]: [`LoadProfile`] — the binding envelope of a group per
//!   mode ([`ModeProfile`]) and the check against a link's
//!   [`Limits`](crate::network::Limits) ([`ModeProfile::violations`]).

pub mod cargo_class;
pub mod carriage;
pub mod dangerous_goods;
pub mod formation;
pub mod load_profile;
pub mod vehicle;

use std::path::PathBuf;

pub use cargo_class::cargo_class;
pub use carriage::{
    AircraftType, AllowedCarriages, Carriage, CarriagePolicy, CarrierChoice, HetType, UnitLoad,
    VesselType, WagonType,
};
pub use dangerous_goods::{DgCarriage, TunnelRestrictionCode};
pub use formation::{
    Echelon, Formation, FormationCatalogue, FormationProblem, FormationProblemKind, PartEntry,
    VehicleEntry,
};
pub use load_profile::{GroupMember, LimitViolation, LoadProfile, ModeOption, ModeProfile};
pub use vehicle::{CatalogueData, RunningGear, VehicleCatalogue, VehicleRole, VehicleType};

use crate::diagnostic::Diagnostic;

/// Everything that can go wrong in the force module. Messages name the file,
/// line, vehicle (or carrier) id and field concerned.
#[derive(Debug, thiserror::Error)]
pub enum ForceError {
    /// A catalogue file could not be read.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A catalogue is not valid TOML for the format (syntax error, unknown
    /// field, wrong type, missing field).
    #[error("{origin}{}: {}{message}", location(.line, .column), .table.as_ref().map(|t| format!("{t}: ")).unwrap_or_default())]
    Parse {
        /// The file (or `<builtin>`, or the caller's label).
        origin: String,
        /// 1-based line, if known.
        line: Option<u64>,
        /// 1-based column, if known.
        column: Option<u64>,
        /// The table concerned, e.g. ``[[vehicle]] `leopard_2a6` ``, if known.
        table: Option<String>,
        /// What is wrong (the TOML parser's message).
        message: String,
    },
    /// A catalogue parsed but has invalid values; every problem is listed.
    #[error("{} error(s) in {origin}:\n{}", .diagnostics.iter().filter(|d| d.is_error()).count(), list(.diagnostics))]
    Invalid {
        /// The file.
        origin: String,
        /// Every problem found, each naming line, id and field.
        diagnostics: Vec<Diagnostic>,
    },
    /// A formation catalogue parsed but has invalid content (unknown vehicle
    /// or formation, cycle, bad count, duplicate id, …); every problem is
    /// listed, each naming file, line, formation id and key.
    #[error("{} problem(s) in {origin}:\n{}", .problems.len(), problem_list(.problems))]
    InvalidFormations {
        /// The file.
        origin: String,
        /// Every problem found, in file order.
        problems: Vec<FormationProblem>,
    },
    /// A formation id the catalogue does not have.
    #[error("unknown formation `{0}`")]
    UnknownFormation(String),
    /// A vehicle type id the catalogue does not have.
    #[error("unknown vehicle type `{0}`")]
    UnknownVehicle(String),
    /// A carrier type id (HET, wagon, ship, barge, aircraft) the catalogue does
    /// not have.
    #[error("unknown {kind} type `{id}`")]
    UnknownCarrier {
        /// `het`, `wagon`, `ship`, `barge` or `aircraft`.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// A group of vehicles that makes no sense (empty, zero count).
    #[error("invalid group: {0}")]
    InvalidGroup(String),
    /// A carriage policy name that is not one of the known ones.
    #[error(
        "unknown carriage `{0}` (expected auto, road, het, rail, inland_waterway, sea or air)"
    )]
    UnknownCarriagePolicy(String),
    /// A string that is not an ADR tunnel restriction code.
    #[error("unknown ADR tunnel restriction code `{0}` (expected B, B1000C, B/D, B/E, C, C5000D, C/D, C/E, D, D/E, E or -)")]
    UnknownTunnelCode(String),
}

fn location(line: &Option<u64>, column: &Option<u64>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

fn list(ds: &[Diagnostic]) -> String {
    ds.iter()
        .filter(|d| d.is_error())
        .map(|d| format!("  {}", d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn problem_list(ps: &[FormationProblem]) -> String {
    ps.iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl From<ForceError> for crate::error::Error {
    fn from(e: ForceError) -> Self {
        use crate::error::Error;
        match e {
            ForceError::Io { path, source } => Error::Io { path, source },
            ForceError::Parse {
                origin,
                line,
                column,
                table,
                message,
            } => Error::Parse {
                file: PathBuf::from(origin),
                line,
                message: format!(
                    "{}{}{message}",
                    column.map(|c| format!("column {c}: ")).unwrap_or_default(),
                    table.map(|t| format!("{t}: ")).unwrap_or_default()
                ),
            },
            ForceError::Invalid {
                origin,
                diagnostics,
            } => Error::Invalid {
                origin,
                diagnostics,
            },
            ForceError::InvalidFormations { origin, problems } => Error::Invalid {
                origin,
                diagnostics: problems.iter().map(|p| p.to_diagnostic()).collect(),
            },
            other => Error::InvalidRequest(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_names_location_and_table() {
        let e = ForceError::Parse {
            origin: "v.toml".into(),
            line: Some(4),
            column: Some(1),
            table: Some("[[vehicle]] `x`".into()),
            message: "unknown field `colour`".into(),
        };
        assert_eq!(
            e.to_string(),
            "v.toml:4:1: [[vehicle]] `x`: unknown field `colour`"
        );
        let crate_err: crate::Error = e.into();
        assert!(crate_err.to_string().contains("unknown field `colour`"));
    }
}
