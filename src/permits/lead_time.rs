//! Lead times (how long before a movement a permit must be requested) and
//! cargo classes, with the rule that turns a request instant into a grant
//! instant.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::calendar::{Calendars, OfficeHours, MAX_LEAD_DAYS};
use super::error::PermitError;
use crate::country::Country;

/// The cargo classes a permit regime distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CargoClass {
    /// Ordinary military cargo within civil weight and size limits.
    Standard,
    /// Abnormal / oversize loads (beyond civil weight or dimension limits,
    /// e.g. main battle tanks on heavy equipment transporters).
    Oversize,
    /// Dangerous goods (ADR/RID), e.g. ammunition (class 1) or fuel (class 3).
    DangerousGoods,
}

impl CargoClass {
    /// All classes, in declaration order.
    pub const ALL: [CargoClass; 3] = [
        CargoClass::Standard,
        CargoClass::Oversize,
        CargoClass::DangerousGoods,
    ];

    /// The snake_case name used in files: `standard`, `oversize`,
    /// `dangerous_goods`.
    pub fn as_str(&self) -> &'static str {
        match self {
            CargoClass::Standard => "standard",
            CargoClass::Oversize => "oversize",
            CargoClass::DangerousGoods => "dangerous_goods",
        }
    }
}

impl fmt::Display for CargoClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CargoClass {
    type Err = PermitError;

    /// Reads `standard`, `oversize` or `dangerous_goods` (case-insensitive;
    /// `-` or a space may stand for `_`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '-' | ' ' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        match norm.as_str() {
            "standard" => Ok(CargoClass::Standard),
            "oversize" => Ok(CargoClass::Oversize),
            "dangerous_goods" => Ok(CargoClass::DangerousGoods),
            _ => Err(PermitError::UnknownCargoClass(s.to_string())),
        }
    }
}

/// How long before a movement a permit must be requested.
///
/// Written in files as text: `"3 working days"`, `"45 days"` (calendar
/// days), `"6 hours"`, `"notification"`. How each kind turns a request into
/// a grant instant is defined by [`LeadTime::grant_instant`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeadTime {
    /// `n` working days of the permitting country (its weekends and public
    /// holidays excluded, counted in its local time zone).
    WorkingDays(u32),
    /// `d` calendar days of notice (elapsed, `d × 24 h`), the grant falling
    /// on the next working instant of the permitting country.
    CalendarDays(u32),
    /// `h` clock hours, elapsed, regardless of calendars and office hours.
    Hours(u32),
    /// Notification only: no waiting; the grant is the request itself.
    Notification,
}

impl LeadTime {
    /// The instant a permit requested at `request` is granted, for a
    /// movement through `country`, with optional daily `office_hours`
    /// (local time of `country`):
    ///
    /// - `Notification`: `request`.
    /// - `Hours(h)`: `request + h` hours (no calendar, no office hours).
    /// - `CalendarDays(d)`: the first working instant of `country` (working
    ///   day, within office hours) at or after `request + d × 24 h`.
    /// - `WorkingDays(n)`: [`WorkingCalendar::add_working_days`]
    ///   (`request`, `n`, `office_hours`): the request's local wall-clock
    ///   time on the `n`-th working day after it (after moving a request
    ///   outside working time to the next opening).
    ///
    /// The result is `≥ request` and non-decreasing in `request`. Calendar
    /// kinds need a calendar for `country` ([`PermitError::NoCalendar`]
    /// otherwise) whose holidays are known for the days counted
    /// ([`PermitError::YearNotCovered`] when the request or the grant falls
    /// outside [`WorkingCalendar::covered_years`], e.g. Türkiye after the
    /// last year of the Islamic feast tables); results beyond chrono's range
    /// give [`PermitError::OutOfRange`].
    ///
    /// [`WorkingCalendar::covered_years`]: super::WorkingCalendar::covered_years
    ///
    /// [`WorkingCalendar::add_working_days`]: super::WorkingCalendar::add_working_days
    pub fn grant_instant(
        &self,
        calendars: &Calendars,
        country: Country,
        office_hours: Option<OfficeHours>,
        request: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        let what = || format!("grant of a {self} permit requested at {request}");
        let out_of_range = || PermitError::OutOfRange {
            country,
            what: what(),
        };
        match *self {
            LeadTime::Notification => Ok(request),
            LeadTime::Hours(h) => {
                if h > MAX_LEAD_DAYS.saturating_mul(24) {
                    return Err(out_of_range());
                }
                let d = TimeDelta::try_hours(i64::from(h)).ok_or_else(out_of_range)?;
                request.checked_add_signed(d).ok_or_else(out_of_range)
            }
            LeadTime::CalendarDays(days) => {
                if days > MAX_LEAD_DAYS {
                    return Err(out_of_range());
                }
                let cal = calendars.get(country)?;
                let d = TimeDelta::try_days(i64::from(days)).ok_or_else(out_of_range)?;
                let due = request.checked_add_signed(d).ok_or_else(out_of_range)?;
                cal.check_year_with(cal.local_date(due).year(), what)?;
                let g = cal
                    .checked_next_working_instant(due, office_hours)
                    .ok_or_else(out_of_range)?;
                cal.check_year_with(cal.local_date(g).year(), what)?;
                Ok(g)
            }
            LeadTime::WorkingDays(n) => {
                let cal = calendars.get(country)?;
                cal.check_year_with(cal.local_date(request).year(), what)?;
                let g = cal
                    .checked_add_working_days(request, n, office_hours)
                    .ok_or_else(out_of_range)?;
                cal.check_year_with(cal.local_date(g).year(), what)?;
                Ok(g)
            }
        }
    }

    /// The latest request instant whose grant (by
    /// [`grant_instant`](Self::grant_instant), same arguments) is at or
    /// before `needed_by`. Exact to the nanosecond: a request even 1 ns
    /// later is granted after `needed_by`.
    ///
    /// `Notification` gives `needed_by`, `Hours(h)` gives `needed_by − h`;
    /// calendar kinds search backwards (bisection over the monotone grant
    /// function).
    pub fn latest_request_for(
        &self,
        calendars: &Calendars,
        country: Country,
        office_hours: Option<OfficeHours>,
        needed_by: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, PermitError> {
        let out_of_range = || PermitError::OutOfRange {
            country,
            what: format!("latest request for a {self} permit needed by {needed_by}"),
        };
        let nominal_days = match *self {
            LeadTime::Notification => return Ok(needed_by),
            LeadTime::Hours(h) => {
                if h > MAX_LEAD_DAYS.saturating_mul(24) {
                    return Err(out_of_range());
                }
                let d = TimeDelta::try_hours(i64::from(h)).ok_or_else(out_of_range)?;
                return needed_by.checked_sub_signed(d).ok_or_else(out_of_range);
            }
            LeadTime::CalendarDays(d) | LeadTime::WorkingDays(d) => d,
        };
        if nominal_days > MAX_LEAD_DAYS {
            return Err(out_of_range());
        }
        let grant = |t: DateTime<Utc>| self.grant_instant(calendars, country, office_hours, t);
        if grant(needed_by)? <= needed_by {
            return Ok(needed_by);
        }
        // Find a request early enough: start with twice the nominal span plus
        // two weeks of holidays, double until found (at most ~100 years).
        let mut span_days = i64::from(nominal_days) * 2 + 14;
        let mut ok = loop {
            let span = TimeDelta::try_days(span_days).ok_or_else(out_of_range)?;
            let lo = needed_by
                .checked_sub_signed(span)
                .ok_or_else(out_of_range)?;
            if grant(lo)? <= needed_by {
                break lo;
            }
            span_days *= 2;
            if span_days > 36_600 {
                return Err(out_of_range());
            }
        };
        // Bisection: grant(ok) <= needed_by < grant(bad).
        let mut bad = needed_by;
        while let Some(gap) = (bad - ok).num_nanoseconds() {
            if gap <= 1 {
                break;
            }
            let mid = ok + TimeDelta::nanoseconds(gap / 2);
            if grant(mid)? <= needed_by {
                ok = mid;
            } else {
                bad = mid;
            }
        }
        Ok(ok)
    }
}

impl fmt::Display for LeadTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |n: u32| if n == 1 { "" } else { "s" };
        match *self {
            LeadTime::WorkingDays(n) => write!(f, "{n} working day{}", s(n)),
            LeadTime::CalendarDays(n) => write!(f, "{n} day{}", s(n)),
            LeadTime::Hours(n) => write!(f, "{n} hour{}", s(n)),
            LeadTime::Notification => f.write_str("notification"),
        }
    }
}

impl FromStr for LeadTime {
    type Err = PermitError;

    /// Reads `"N working day(s)"`, `"N day(s)"` / `"N calendar day(s)"`,
    /// `"N hour(s)"` or `"notification"` (case-insensitive). Days are limited
    /// to [`MAX_LEAD_DAYS`], hours to 24 times that.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |reason: &str| PermitError::InvalidLeadTime {
            text: s.to_string(),
            reason: reason.to_string(),
        };
        let lower = s.trim().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        match words.as_slice() {
            ["notification"] | ["notification", "only"] => return Ok(LeadTime::Notification),
            [] => {
                return Err(bad(
                    "empty; expected e.g. `3 working days`, `45 days`, `6 hours` or `notification`",
                ))
            }
            _ => {}
        }
        let n: u32 = words[0].parse().map_err(|_| {
            bad("expected a whole number first, e.g. `3 working days`, `45 days`, `6 hours`, or `notification`")
        })?;
        let kind = match &words[1..] {
            ["working", "day" | "days"] => LeadTime::WorkingDays(n),
            ["day" | "days"] | ["calendar", "day" | "days"] => LeadTime::CalendarDays(n),
            ["hour" | "hours"] => LeadTime::Hours(n),
            _ => {
                return Err(bad(
                    "unit must be `working days`, `days`, `calendar days` or `hours`",
                ))
            }
        };
        let limit = match kind {
            LeadTime::Hours(_) => MAX_LEAD_DAYS.saturating_mul(24),
            _ => MAX_LEAD_DAYS,
        };
        if n > limit {
            return Err(bad(&format!("{n} is more than the maximum {limit}")));
        }
        Ok(kind)
    }
}

impl Serialize for LeadTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LeadTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn parse_and_display_round_trip() {
        let cases = [
            ("3 working days", LeadTime::WorkingDays(3)),
            ("1 working day", LeadTime::WorkingDays(1)),
            ("45 days", LeadTime::CalendarDays(45)),
            ("1 day", LeadTime::CalendarDays(1)),
            ("6 hours", LeadTime::Hours(6)),
            ("1 hour", LeadTime::Hours(1)),
            ("notification", LeadTime::Notification),
        ];
        for (text, lt) in cases {
            assert_eq!(text.parse::<LeadTime>().unwrap(), lt);
            assert_eq!(lt.to_string(), text);
        }
        assert_eq!(
            " 14  Calendar Days ".parse::<LeadTime>().unwrap(),
            LeadTime::CalendarDays(14)
        );
        assert_eq!(
            "Notification only".parse::<LeadTime>().unwrap(),
            LeadTime::Notification
        );
    }

    #[test]
    fn parse_errors() {
        for bad in [
            "",
            "three days",
            "3 weeks",
            "-3 days",
            "3",
            "3 working",
            "99999 days",
            "4000000000 hours",
            "1.5 days",
        ] {
            let e = bad.parse::<LeadTime>().unwrap_err();
            assert!(e.to_string().contains("invalid lead time"), "{bad}: {e}");
        }
    }

    #[test]
    fn cargo_class_parse() {
        assert_eq!(
            "dangerous-goods".parse::<CargoClass>().unwrap(),
            CargoClass::DangerousGoods
        );
        assert_eq!(
            " Oversize".parse::<CargoClass>().unwrap(),
            CargoClass::Oversize
        );
        assert!("tanks".parse::<CargoClass>().is_err());
        for c in CargoClass::ALL {
            assert_eq!(c.as_str().parse::<CargoClass>().unwrap(), c);
        }
    }

    #[test]
    fn simple_kinds() {
        let cals = Calendars::new();
        let tr: Country = "BY".parse().unwrap(); // no calendar needed
        let t = Utc.with_ymd_and_hms(2026, 1, 3, 12, 0, 0).unwrap();
        assert_eq!(
            LeadTime::Notification
                .grant_instant(&cals, tr, None, t)
                .unwrap(),
            t
        );
        assert_eq!(
            LeadTime::Hours(6)
                .grant_instant(&cals, tr, None, t)
                .unwrap(),
            t + TimeDelta::try_hours(6).unwrap()
        );
        assert_eq!(
            LeadTime::Hours(6)
                .latest_request_for(&cals, tr, None, t)
                .unwrap(),
            t - TimeDelta::try_hours(6).unwrap()
        );
        assert!(LeadTime::WorkingDays(3)
            .grant_instant(&cals, tr, None, t)
            .is_err());
    }

    #[test]
    fn lunar_calendar_years_are_checked() {
        let cals = Calendars::new();
        let tr: Country = "TR".parse().unwrap();
        let inside = Utc.with_ymd_and_hms(2026, 3, 19, 9, 0, 0).unwrap();
        // Thursday 19 March 2026 + 3 working days: Ramazan Bayramı is
        // Friday 20 – Sunday 22 March, so Monday, Tuesday, Wednesday.
        let g = LeadTime::WorkingDays(3)
            .grant_instant(&cals, tr, None, inside)
            .unwrap();
        assert_eq!(g, Utc.with_ymd_and_hms(2026, 3, 25, 9, 0, 0).unwrap());
        let late = Utc.with_ymd_and_hms(2030, 12, 1, 9, 0, 0).unwrap();
        for lt in [LeadTime::WorkingDays(30), LeadTime::CalendarDays(45)] {
            let e = lt.grant_instant(&cals, tr, None, late).unwrap_err();
            assert!(
                matches!(e, PermitError::YearNotCovered { year: 2031, .. }),
                "{e}"
            );
            assert!(e.to_string().contains("grant of a"), "{e}");
        }
        let early = Utc.with_ymd_and_hms(2022, 12, 1, 9, 0, 0).unwrap();
        assert!(LeadTime::WorkingDays(1)
            .grant_instant(&cals, tr, None, early)
            .is_err());
        // Hours and notifications need no calendar year.
        assert!(LeadTime::Hours(6)
            .grant_instant(&cals, tr, None, late)
            .is_ok());
    }

    #[test]
    fn latest_request_is_exact() {
        let cals = Calendars::new();
        let de: Country = "DE".parse().unwrap();
        let oh = Some("08:00-16:00".parse().unwrap());
        let tz = de.time_zone();
        // Needed Thursday 24 April 2025 12:00 Berlin; 3 working days.
        let x = tz.with_ymd_and_hms(2025, 4, 24, 12, 0, 0).unwrap().to_utc();
        let r = LeadTime::WorkingDays(3)
            .latest_request_for(&cals, de, oh, x)
            .unwrap();
        // Thursday 17 April 12:00 (Good Friday and Easter Monday skipped).
        assert_eq!(
            r,
            tz.with_ymd_and_hms(2025, 4, 17, 12, 0, 0).unwrap().to_utc()
        );
        // Needed on Saturday: the last grant before is Friday 16:00, so the
        // request must be in by the Tuesday's closing time.
        let sat = tz.with_ymd_and_hms(2025, 6, 14, 10, 0, 0).unwrap().to_utc();
        let r = LeadTime::WorkingDays(3)
            .latest_request_for(&cals, de, oh, sat)
            .unwrap();
        assert_eq!(
            r,
            tz.with_ymd_and_hms(2025, 6, 10, 16, 0, 0).unwrap().to_utc()
        );
    }
}
