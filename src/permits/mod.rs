//! Cross-border movement permits: working-day calendars and permit regimes.
//!
//! A military movement crossing a border needs the transit country's
//! permission, requested some **lead time** ahead. Lead times are counted in
//! the permitting country's own calendar: its weekends and national public
//! holidays, in its local time zone, optionally only during office hours.
//! This module answers two questions for the routing core:
//!
//! - *grant*: a request submitted at instant `t` is granted when?
//!   ([`PermitRegime::grant_instant`], [`LeadTime::grant_instant`]);
//! - *latest request*: to have the permit by instant `x`, submit by when?
//!   ([`PermitRegime::latest_request_for`]).
//!
//! # Units and time zones
//! Instants are `chrono::DateTime<Utc>`. Dates ([`Holiday::date`], working
//! days) and wall-clock times ([`OfficeHours`]) are **local** to the
//! permitting country, in its IANA zone ([`Country::time_zone`]).
//!
//! # Grant rules (lead time → grant instant)
//! | lead time | grant for a request at `t` |
//! |---|---|
//! | `notification` | `t` |
//! | `h hours` | `t + h` hours elapsed (no calendar, no office hours) |
//! | `d days` (calendar) | first working instant at or after `t + d × 24 h` |
//! | `n working days` | `t` moved to the first working instant `s ≥ t`; then `s`'s local wall-clock time on the `n`-th working day after `s`'s local date (`n = 0`: `s`) |
//!
//! A *working instant* lies on a working day (Mon–Fri, not a holiday) and
//! within the office hours (both ends included) when the regime has any, or
//! anywhere in the working day otherwise (see [`calendar`] for daylight
//! saving details). Example: office hours 08:00–16:00, request Monday 10:00,
//! 3 working days, no holidays → Thursday 10:00; request Friday 17:00 → it
//! counts from Monday 08:00 → Thursday 08:00.
//!
//! Every grant is `≥` its request and **non-decreasing** in the request
//! instant (a later request is never granted earlier), which keeps
//! time-dependent shortest paths FIFO. Calendar-based grants always fall on a
//! working day of the permitting country and within office hours.
//! [`PermitRegime::latest_request_for`] is the exact inverse: the latest
//! request whose grant is `≤` the needed instant (to the nanosecond).
//!
//! # Calendars
//! [`WorkingCalendar`] covers the EU-27, Norway, the United Kingdom (England
//! & Wales bank holidays), Ukraine, Switzerland, Moldova, Serbia, Türkiye,
//! Albania, Bosnia and Herzegovina, Kosovo, Montenegro and North Macedonia
//! ([`supported_countries`]); national holidays only, verified for
//! 2025–2028 (see [`holidays`] for what is and is not modelled). Ukraine's
//! holidays are suspended under martial law by default
//! ([`CalendarOptions::ukraine_martial_law`]). Countries with Islamic
//! holidays that are days off for all (AL, BA, MK, TR, XK; in ME they are
//! days off only for believers) take them from dated tables, so their calendars are complete only for
//! [`LUNAR_TABLE_FIRST_YEAR`]..=[`LUNAR_TABLE_LAST_YEAR`]
//! ([`WorkingCalendar::covered_years`]); grants outside fail with
//! [`PermitError::YearNotCovered`]. Decreed bridge days of HU, LV and BG
//! (2025–2026) are days off, and the Saturdays worked for them are working
//! days.
//!
//! Users add days off of their own (a national day of mourning, a strike)
//! with a [`CalendarOverlay`] file ([`Calendars::with_overlay`]; format in
//! `data/FORMAT.md`).
//!
//! # Regimes
//! Shipped regimes ([`PermitRegime::builtin_names`]) come from
//! `data/permits/*.toml`, embedded in the library: `status-quo` (~45 days,
//! ECA 2025), `pledge-2018` (5 working days, uncertain), `pledge-2024`
//! (3 working days, Council conclusions of 27 May 2024), `proposal-2025`
//! (3 days, COM(2025) 847 peacetime), `emergency-2025` (6 hours,
//! COM(2025) 847) and `standing` (notification only, EDA cross-border
//! movement permission arrangements).
//!
//! ```
//! use chrono::TimeZone;
//! use milmob::country::Country;
//! use milmob::permits::{Calendars, CargoClass, PermitRegime};
//!
//! let calendars = Calendars::new();
//! let regime = PermitRegime::builtin("pledge-2024").unwrap();
//! let pl: Country = "PL".parse().unwrap();
//! let tz = pl.time_zone();
//! // Tuesday 2 June 2026, 09:00 Warsaw; Corpus Christi (Thursday 4 June) is
//! // a holiday in Poland, so 3 working days end on Monday 8 June at 09:00.
//! let request = tz.with_ymd_and_hms(2026, 6, 2, 9, 0, 0).unwrap().to_utc();
//! let grant = regime
//!     .grant_instant(&calendars, pl, CargoClass::Standard, None, request)
//!     .unwrap();
//! assert_eq!(grant, tz.with_ymd_and_hms(2026, 6, 8, 9, 0, 0).unwrap().to_utc());
//! // Under a NATO standing clearance only a notification is needed.
//! let g = regime
//!     .grant_instant(&calendars, pl, CargoClass::Standard, Some("NATO"), request)
//!     .unwrap();
//! assert_eq!(g, request);
//! ```
//!
//! [`Country::time_zone`]: crate::country::Country::time_zone

pub mod calendar;
mod easter;
mod error;
pub mod holidays;
mod lead_time;
mod overlay;
mod regime;

pub use calendar::{
    supported_countries, CalendarOptions, Calendars, OfficeHours, WorkingCalendar, MAX_LEAD_DAYS,
    UKRAINE_MARTIAL_LAW_DEFAULT, UKRAINE_MARTIAL_LAW_SINCE,
};
pub use easter::{orthodox_easter, western_easter, FIRST_EASTER_YEAR, LAST_EASTER_YEAR};
pub use error::PermitError;
pub use holidays::{Holiday, LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR};
pub use lead_time::{CargoClass, LeadTime};
pub use overlay::{
    CalendarOverlay, ExtraDay, OverlayErrorKind, OVERLAY_FIRST_YEAR, OVERLAY_LAST_YEAR,
};
pub use regime::{CountryOverride, LeadTimes, PermitRegime};
