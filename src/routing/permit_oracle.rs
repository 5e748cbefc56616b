//! How the router learns when permission to enter a country is in hand.
//! Implemented for permit regimes on working-day calendars
//! ([`crate::permits`]); [`NoPermits`] grants at once.

use chrono::{DateTime, Utc};

use crate::country::Country;
use crate::error::Error;

/// Answers permit questions for one movement (one cargo class, one regime).
pub trait PermitOracle: Sync {
    /// The instant permission to enter `country` is granted when requested at `request`.
    fn grant(&self, country: Country, request: DateTime<Utc>) -> Result<DateTime<Utc>, Error>;
    /// The latest request instant whose grant comes no later than `needed_by`.
    fn latest_request(
        &self,
        country: Country,
        needed_by: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, Error>;
    /// The lead time that applies to `country`, in words (e.g. `3 working days`).
    fn lead_time(&self, country: Country) -> String;
    /// Name of the permit regime.
    fn regime(&self) -> String;
}

/// No permits needed: every grant is immediate.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoPermits;

impl PermitOracle for NoPermits {
    fn grant(&self, _country: Country, request: DateTime<Utc>) -> Result<DateTime<Utc>, Error> {
        Ok(request)
    }
    fn latest_request(
        &self,
        _country: Country,
        needed_by: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, Error> {
        Ok(needed_by)
    }
    fn lead_time(&self, _country: Country) -> String {
        "none".into()
    }
    fn regime(&self) -> String {
        "none".into()
    }
}
