//! What the router needs to know about a load: which modes it may use, which
//! link limits it breaks, and how fast it can go. Implemented by
//! [`crate::force::LoadProfile`]; [`Unconstrained`] ignores every limit.

use crate::network::{LimitKind, Limits, Mode};

/// One link limit that a load breaks.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Blocked {
    /// The limit broken (serialised as the `Limits` field / CSV column:
    /// `mlc_tracked`, `max_height_m`, `tunnel_category`, …, or `mode`).
    pub limit: LimitKind,
    /// The link's value, with unit (e.g. `50`, `4 m`, `E`).
    pub link_value: String,
    /// The load's value, with unit.
    pub load_value: String,
    /// Human explanation, with the link's and the load's values.
    pub message: String,
}

/// A load as the router sees it.
pub trait LoadCheck: Sync {
    /// `Ok` if the load can use this mode at all, else why not.
    fn mode_allowed(&self, mode: Mode) -> Result<(), String>;
    /// Whether the load may use a link of `mode` with these limits (mode
    /// included). Must agree with [`LoadCheck::violations`] being empty, and
    /// should not allocate: it runs once per link when a metric is built.
    fn allows(&self, mode: Mode, limits: &Limits) -> bool {
        self.violations(mode, limits).is_empty()
    }
    /// Every limit of a link on `mode` that the load breaks (empty = passes);
    /// a mode the load cannot use gives one [`LimitKind::Mode`] entry.
    fn violations(&self, mode: Mode, limits: &Limits) -> Vec<Blocked>;
    /// The load's top speed on this mode, km/h (`None` = no cap).
    fn speed_cap_kmh(&self, mode: Mode) -> Option<f64>;
    /// A short description for reports.
    fn describe(&self) -> String;
    /// The share of one full movement unit (a train, a ship, an aircraft)
    /// the load fills on `mode`: handling times scale with it (a company is
    /// not a full ship). 1 = one full unit; above 1 = several, handled one
    /// after another.
    fn handling_share(&self, _mode: Mode) -> f64 {
        1.0
    }
    /// Whether the load is an exceptional consignment on `mode` (rail:
    /// out-of-gauge), which runs at the network's exceptional-train speed.
    fn exceptional(&self, _mode: Mode) -> bool {
        false
    }
    /// The mode the movement's main leg must use (rail, sea, inland
    /// waterway, air), with road only to and from it; `None` = any.
    fn main_mode(&self) -> Option<Mode> {
        None
    }
    /// The load's own value for a limit kind on `mode`, in the limit's unit
    /// (MLC class, t, m), for margins; `None` = not known or not numeric.
    fn limit_value(&self, _mode: Mode, _kind: LimitKind) -> Option<f64> {
        None
    }
}

/// A load that every link accepts at the link's own speed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unconstrained;

impl LoadCheck for Unconstrained {
    fn mode_allowed(&self, _mode: Mode) -> Result<(), String> {
        Ok(())
    }
    fn allows(&self, _mode: Mode, _limits: &Limits) -> bool {
        true
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
    fn allows(&self, mode: Mode, limits: &Limits) -> bool {
        crate::force::LoadProfile::allows(self, mode, limits)
    }
    fn violations(&self, mode: Mode, limits: &Limits) -> Vec<Blocked> {
        crate::force::LoadProfile::violations(self, mode, limits)
            .into_iter()
            .map(|v| Blocked {
                limit: v.limit,
                link_value: v.link_value,
                load_value: v.load_value,
                message: v.message,
            })
            .collect()
    }
    fn speed_cap_kmh(&self, mode: Mode) -> Option<f64> {
        self.profile(mode).map(|p| p.speed_cap_kmh)
    }
    fn handling_share(&self, mode: Mode) -> f64 {
        let Some(p) = self.profile(mode) else {
            return 1.0;
        };
        let share = match mode {
            Mode::Rail => p
                .wagons_per_train(None)
                .map(|w| f64::from(p.carriers) / f64::from(w.max(1))),
            Mode::Sea | Mode::InlandWaterway | Mode::Air => (p.vehicles_per_carrier > 0)
                .then(|| f64::from(p.vehicles) / f64::from(p.vehicles_per_carrier)),
            Mode::Road => None,
        };
        share.filter(|s| s.is_finite() && *s > 0.0).unwrap_or(1.0)
    }
    fn exceptional(&self, mode: Mode) -> bool {
        mode == Mode::Rail && self.profile(mode).is_some_and(|p| p.out_of_gauge)
    }
    fn main_mode(&self) -> Option<Mode> {
        self.policy.main_mode().filter(|m| *m != Mode::Road)
    }
    fn limit_value(&self, mode: Mode, kind: LimitKind) -> Option<f64> {
        let p = self.profile(mode)?;
        match kind {
            LimitKind::MlcTracked => p.mlc_tracked.map(f64::from),
            LimitKind::MlcWheeled => p.mlc_wheeled.map(f64::from),
            LimitKind::GrossWeight => Some(p.gross_weight_t),
            LimitKind::Axle => Some(p.axle_t),
            LimitKind::Height => Some(p.height_m),
            LimitKind::Width => Some(p.width_m),
            LimitKind::Length => Some(p.length_m),
            _ => None,
        }
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
