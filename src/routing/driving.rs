//! The daily driving limit of a road column: a label resource of the
//! earliest-arrival search (driving since the last rest), reset by rest
//! halts at hubs that allow them.

/// The daily driving limit of a road column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DrivingRule {
    /// Most road driving between two rest halts, seconds.
    pub max_drive_secs: u32,
    /// Length of a rest halt, seconds; it resets the driving clock.
    pub rest_secs: u32,
}

impl DrivingRule {
    /// `max_hours` of driving, then a rest of `rest_hours`.
    pub fn hours(max_hours: f64, rest_hours: f64) -> DrivingRule {
        DrivingRule {
            max_drive_secs: (max_hours * 3600.0).round().max(1.0) as u32,
            rest_secs: (rest_hours * 3600.0).round().max(0.0) as u32,
        }
    }
}
