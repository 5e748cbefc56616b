//! How the router learns when permission to enter a country is in hand.
//! Implemented for permit regimes on working-day calendars
//! ([`crate::permits`]); [`NoPermits`] grants at once.

use chrono::{DateTime, Utc};

use crate::country::Country;
use crate::permits::{Calendars, CargoClass, PermitError, PermitRegime};

/// Answers permit questions for one movement (one cargo class, one regime).
pub trait PermitOracle: Sync {
    /// The instant permission to enter `country` is granted when requested at `request`.
    fn grant(&self, country: Country, request: DateTime<Utc>)
        -> Result<DateTime<Utc>, PermitError>;
    /// The latest request instant whose grant comes no later than `needed_by`.
    fn latest_request(
        &self,
        country: Country,
        needed_by: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError>;
    /// The lead time that applies to `country`, in words (e.g. `3 working days`).
    fn lead_time(&self, country: Country) -> String;
    /// Name of the permit regime.
    fn regime(&self) -> String;
    /// The cargo class the permits are asked for (`None` = not applicable).
    fn cargo_class(&self) -> Option<CargoClass> {
        None
    }
}

/// No permits needed: every grant is immediate.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoPermits;

impl PermitOracle for NoPermits {
    fn grant(
        &self,
        _country: Country,
        request: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        Ok(request)
    }
    fn latest_request(
        &self,
        _country: Country,
        needed_by: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        Ok(needed_by)
    }
    fn lead_time(&self, _country: Country) -> String {
        "none".into()
    }
    fn regime(&self) -> String {
        "none".into()
    }
}

/// Permits under a [`PermitRegime`] on working-day [`Calendars`], for one
/// cargo class and, optionally, one framework with standing clearances.
pub struct RegimePermits<'a> {
    /// The regime.
    pub regime: &'a PermitRegime,
    /// The calendars (built lazily, shared).
    pub calendars: &'a Calendars,
    /// The movement's cargo class.
    pub class: CargoClass,
    /// The framework the movement runs under (e.g. `NATO`), if any.
    pub framework: Option<String>,
}

impl PermitOracle for RegimePermits<'_> {
    fn grant(
        &self,
        country: Country,
        request: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        self.regime.grant_instant(
            self.calendars,
            country,
            self.class,
            self.framework.as_deref(),
            request,
        )
    }
    fn latest_request(
        &self,
        country: Country,
        needed_by: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        self.regime.latest_request_for(
            self.calendars,
            country,
            self.class,
            self.framework.as_deref(),
            needed_by,
        )
    }
    fn lead_time(&self, country: Country) -> String {
        self.regime
            .lead_time(country, self.class, self.framework.as_deref())
            .to_string()
    }
    fn regime(&self) -> String {
        self.regime.name().to_string()
    }
    fn cargo_class(&self) -> Option<CargoClass> {
        Some(self.class)
    }
}
