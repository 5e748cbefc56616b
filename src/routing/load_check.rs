//! What the router needs to know about a load: which modes it may use, which
//! link limits it breaks, and how fast it can go. Implemented by
//! [`crate::force::LoadProfile`]; [`Unconstrained`] ignores every limit.

use crate::network::{Limits, Mode};

/// One link limit that a load breaks.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Blocked {
    /// The limit, named as the `Limits` field / CSV column (`mlc_tracked`,
    /// `max_height_m`, `tunnel_category`, `out_of_gauge`, …).
    pub limit: String,
    /// Human explanation, with the link's and the load's values.
    pub message: String,
}

/// A load as the router sees it.
pub trait LoadCheck: Sync {
    /// `Ok` if the load can use this mode at all, else why not.
    fn mode_allowed(&self, mode: Mode) -> Result<(), String>;
    /// The limits of a link on `mode` that the load breaks (empty = passes).
    fn violations(&self, mode: Mode, limits: &Limits) -> Vec<Blocked>;
    /// The load's top speed on this mode, km/h (`None` = no cap).
    fn speed_cap_kmh(&self, mode: Mode) -> Option<f64>;
    /// A short description for reports.
    fn describe(&self) -> String;
}

/// A load that every link accepts at the link's own speed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unconstrained;

impl LoadCheck for Unconstrained {
    fn mode_allowed(&self, _mode: Mode) -> Result<(), String> {
        Ok(())
    }
    fn violations(&self, _mode: Mode, _limits: &Limits) -> Vec<Blocked> {
        Vec::new()
    }
    fn speed_cap_kmh(&self, _mode: Mode) -> Option<f64> {
        None
    }
    fn describe(&self) -> String {
        "unconstrained load".into()
    }
}

impl LoadCheck for crate::force::LoadProfile {
    fn mode_allowed(&self, mode: Mode) -> Result<(), String> {
        match self.profile(mode) {
            Some(_) => Ok(()),
            None => Err(self
                .unavailable_reason(mode)
                .unwrap_or("the group cannot use this mode")
                .to_string()),
        }
    }
    fn violations(&self, mode: Mode, limits: &Limits) -> Vec<Blocked> {
        crate::force::LoadProfile::violations(self, mode, limits)
            .into_iter()
            .map(|v| Blocked {
                limit: v.limit.to_string(),
                message: v.message,
            })
            .collect()
    }
    fn speed_cap_kmh(&self, mode: Mode) -> Option<f64> {
        self.profile(mode).map(|p| p.speed_cap_kmh)
    }
    fn describe(&self) -> String {
        let members: Vec<String> = self
            .members
            .iter()
            .map(|m| format!("{}× {}", m.count, m.name))
            .collect();
        members.join(" + ")
    }
}
