//! milmob: plans military movements over Europe's dual-use transport corridors.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod country;
pub mod permits;
