//! milmob: plans military movements over Europe's dual-use transport corridors.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod country;
pub mod diagnostic;
pub mod error;
pub mod force;
pub mod io;
pub mod network;
pub mod permits;
pub mod report;
pub mod routing;

pub use country::Country;
pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, Result};
pub use network::{Corridor, Hub, HubKind, Limits, Link, Mode, Network};
