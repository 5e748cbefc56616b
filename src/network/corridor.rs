//! Priority corridors.

use serde::{Deserialize, Serialize};

/// A named priority corridor; links name the corridors they belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corridor {
    /// Stable id, referenced by links' `corridors`.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Priority, 1 = highest.
    #[serde(default = "default_priority")]
    pub priority: u32,
    /// Free description (alignment, purpose, whether illustrative).
    #[serde(default)]
    pub description: String,
}

fn default_priority() -> u32 {
    1
}
