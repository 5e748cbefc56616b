//! Working-day calendars: weekends, national public holidays and office
//! hours of one country, in that country's local time zone, and the
//! working-day arithmetic that permit lead times use.
//!
//! # Working time
//! A **working day** is a local calendar date of the country that is Monday
//! to Friday (or a Saturday made a working day by decree, see
//! [`WorkingCalendar::transferred_working_days`]) and not one of its public
//! holidays nor an extra day off of a [`CalendarOverlay`] (see
//! [`WorkingCalendar::holidays`]). Its **working period** is
//! - with [`OfficeHours`] `open-close`: the local wall-clock times from
//!   `open` to `close`, both included;
//! - without office hours: the whole local day, 00:00 included to 24:00
//!   excluded.
//!
//! An instant is a **working instant** when its local date is a working day
//! and its local wall-clock time lies in the working period. When a daylight
//! saving change repeats an hour (autumn), only the first pass of the
//! repeated wall-clock times counts; the second pass is not working time. A
//! wall-clock time that does not exist (spring gap) stands for the first
//! instant after the gap. (In every country milmob covers, clocks change on a
//! Sunday at night, so neither case touches a working period in practice.)
//!
//! # Adding working days
//! [`WorkingCalendar::add_working_days`]`(from, n, hours)`:
//! 1. the request is taken at `s`, the first working instant at or after
//!    `from` (a request outside office hours or on a non-working day waits
//!    for the next opening);
//! 2. `n == 0`: the result is `s`;
//! 3. `n ≥ 1`: the result is the same local wall-clock time as `s` on the
//!    `n`-th working day after `s`'s local date (so Monday 10:00 + 3 working
//!    days = Thursday 10:00; Friday 17:00 with office hours 08:00–16:00
//!    + 1 = Tuesday 08:00).
//!
//! The result is always a working instant (on a working day, within office
//! hours), never earlier than `from`, and non-decreasing in `from`: a later
//! request is never granted earlier (the FIFO property the routing core
//! needs).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta,
    TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::PermitError;
use super::holidays::{self, Holiday};
use super::overlay::CalendarOverlay;
use crate::country::Country;

/// The largest lead time milmob counts, in days (working or calendar days);
/// hours are limited to 24 times this. About ten years: larger values are
/// rejected rather than looped over.
pub const MAX_LEAD_DAYS: u32 = 3660;

/// Whether Ukraine's public holidays are treated as suspended (not days off)
/// by default, because martial law is in force. See
/// [`CalendarOptions::ukraine_martial_law`].
pub const UKRAINE_MARTIAL_LAW_DEFAULT: bool = true;

/// The day from which martial law suspends Ukraine's public holidays as days
/// off (Law 2136-IX in force 15 March 2022).
pub const UKRAINE_MARTIAL_LAW_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(2022, 3, 15) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// First year whose days off are precomputed (other years are computed on
/// demand, with the same rules).
const CACHE_FIRST_YEAR: i32 = 1900;
/// Last year whose days off are precomputed.
const CACHE_LAST_YEAR: i32 = 2100;

/// Choices that change which days count as days off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarOptions {
    /// Ukraine: when `true` (the default, [`UKRAINE_MARTIAL_LAW_DEFAULT`]),
    /// public holidays from [`UKRAINE_MARTIAL_LAW_SINCE`] on are **not** days
    /// off, as under martial law (Law 2136-IX art. 6 suspends Labour Code
    /// art. 73); only weekends are. When `false`, the statutory list of art. 73
    /// with the art. 67 weekend substitutes applies, as in peacetime.
    pub ukraine_martial_law: bool,
}

impl Default for CalendarOptions {
    fn default() -> Self {
        CalendarOptions {
            ukraine_martial_law: UKRAINE_MARTIAL_LAW_DEFAULT,
        }
    }
}

/// Daily office hours in local wall-clock time: `open` to `close` on the same
/// day, both included, `open < close` (so at most 00:00–23:59:59.999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OfficeHours {
    open: NaiveTime,
    close: NaiveTime,
}

impl OfficeHours {
    /// Office hours from `open` to `close` (local wall-clock times).
    /// Fails unless `open < close`.
    pub fn new(open: NaiveTime, close: NaiveTime) -> Result<OfficeHours, PermitError> {
        if open < close {
            Ok(OfficeHours { open, close })
        } else {
            Err(PermitError::InvalidOfficeHours {
                text: format!("{}-{}", open.format("%H:%M:%S"), close.format("%H:%M:%S")),
                reason: "opening time must be before closing time on the same day".into(),
            })
        }
    }

    /// Opening time (local wall clock).
    pub fn open(&self) -> NaiveTime {
        self.open
    }

    /// Closing time (local wall clock, included in the office hours).
    pub fn close(&self) -> NaiveTime {
        self.close
    }

    /// Whether a local wall-clock time is within the hours (`open ≤ t ≤ close`).
    pub fn contains(&self, t: NaiveTime) -> bool {
        self.open <= t && t <= self.close
    }
}

impl fmt::Display for OfficeHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fmt_t = |t: NaiveTime| {
            if t.second() == 0 && t.nanosecond() == 0 {
                t.format("%H:%M").to_string()
            } else {
                t.format("%H:%M:%S").to_string()
            }
        };
        write!(f, "{}-{}", fmt_t(self.open), fmt_t(self.close))
    }
}

impl FromStr for OfficeHours {
    type Err = PermitError;

    /// Reads `"HH:MM-HH:MM"` (seconds optional: `"HH:MM:SS"`), e.g.
    /// `"08:00-16:00"`. Office hours may not wrap midnight.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |reason: &str| PermitError::InvalidOfficeHours {
            text: s.to_string(),
            reason: reason.to_string(),
        };
        let (a, b) = s
            .split_once('-')
            .ok_or_else(|| bad("expected `HH:MM-HH:MM`, e.g. `08:00-16:00`"))?;
        let parse = |t: &str| {
            let t = t.trim();
            NaiveTime::parse_from_str(t, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                .map_err(|_| bad(&format!("`{t}` is not a time `HH:MM` (00:00..23:59)")))
        };
        let (open, close) = (parse(a)?, parse(b)?);
        OfficeHours::new(open, close).map_err(|_| {
            bad("opening time must be before closing time on the same day (no wrap past midnight)")
        })
    }
}

impl Serialize for OfficeHours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OfficeHours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The working-day calendar of one country: weekends (Saturday, Sunday),
/// national public holidays and the country's IANA time zone.
///
/// All dates are local calendar dates of the country; all instants are
/// `DateTime<Utc>`. See the [module docs](self) for the exact meaning of
/// working time and of [`add_working_days`](Self::add_working_days).
#[derive(Clone)]
pub struct WorkingCalendar {
    country: Country,
    tz: Tz,
    options: CalendarOptions,
    /// Bit `i` is set when the date `CACHE_FIRST_YEAR-01-01 + i days` is a
    /// public holiday that is a day off (overlay days included).
    days_off: Vec<u64>,
    /// Weekend days that are working days by decree, sorted.
    transferred: Vec<NaiveDate>,
    /// Extra days off from a [`CalendarOverlay`], with their names.
    extra: BTreeMap<NaiveDate, String>,
    /// The years in which the holiday list is complete, when bounded.
    covered: Option<(i32, i32)>,
}

impl fmt::Debug for WorkingCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkingCalendar")
            .field("country", &self.country)
            .field("tz", &self.tz)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

fn cache_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(CACHE_FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

impl WorkingCalendar {
    /// The calendar of `country` with the default [`CalendarOptions`].
    /// Fails with [`PermitError::NoCalendar`] for a country without holiday
    /// rules (see [`supported_countries`]).
    pub fn for_country(country: Country) -> Result<WorkingCalendar, PermitError> {
        WorkingCalendar::for_country_with(country, CalendarOptions::default())
    }

    /// The calendar of `country` with the given options.
    pub fn for_country_with(
        country: Country,
        options: CalendarOptions,
    ) -> Result<WorkingCalendar, PermitError> {
        if !holidays::has_rules(country.code()) {
            return Err(PermitError::NoCalendar {
                country,
                name: country.name(),
            });
        }
        let transferred = (CACHE_FIRST_YEAR..=CACHE_LAST_YEAR)
            .flat_map(|y| holidays::transferred_working_days(country.code(), y))
            .map(|h| h.date)
            .filter(|d| matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .collect();
        let mut cal = WorkingCalendar {
            country,
            tz: country.time_zone(),
            options,
            days_off: Vec::new(),
            transferred,
            extra: BTreeMap::new(),
            covered: holidays::covered_years(country.code()),
        };
        let start = cache_start();
        let end = NaiveDate::from_ymd_opt(CACHE_LAST_YEAR, 12, 31).unwrap_or(start);
        let len = usize::try_from((end - start).num_days() + 1).unwrap_or(0);
        let mut bits = vec![0u64; len.div_ceil(64)];
        for year in CACHE_FIRST_YEAR..=CACHE_LAST_YEAR {
            for h in cal.holidays(year) {
                if let Ok(i) = usize::try_from((h.date - start).num_days()) {
                    if let Some(word) = bits.get_mut(i / 64) {
                        *word |= 1 << (i % 64);
                    }
                }
            }
        }
        cal.days_off = bits;
        Ok(cal)
    }

    /// This calendar with the extra days off that `overlay` gives its
    /// country added (days of other countries are ignored).
    pub fn with_overlay(mut self, overlay: &CalendarOverlay) -> WorkingCalendar {
        let start = cache_start();
        for day in overlay.days_for(self.country) {
            self.extra.insert(day.date, day.name.clone());
            if let Ok(i) = usize::try_from((day.date - start).num_days()) {
                if let Some(word) = self.days_off.get_mut(i / 64) {
                    *word |= 1 << (i % 64);
                }
            }
        }
        self
    }

    /// The country.
    pub fn country(&self) -> Country {
        self.country
    }

    /// The years in which this calendar knows every day off, when that is a
    /// bounded range: for countries with Islamic holidays (AL, BA, ME, MK,
    /// TR, XK) the years of the dated feast tables,
    /// [`LUNAR_TABLE_FIRST_YEAR`](super::LUNAR_TABLE_FIRST_YEAR)..=[`LUNAR_TABLE_LAST_YEAR`](super::LUNAR_TABLE_LAST_YEAR).
    /// `None`: the rules are applied to every year (see [`holidays`] for
    /// which years were checked).
    ///
    /// Outside the range the infallible methods ([`holidays`](Self::holidays),
    /// [`is_working_day`](Self::is_working_day),
    /// [`add_working_days`](Self::add_working_days), …) know only the
    /// non-lunar holidays; the `try_` methods and permit grants
    /// ([`LeadTime::grant_instant`](super::LeadTime::grant_instant)) fail with
    /// [`PermitError::YearNotCovered`] instead.
    pub fn covered_years(&self) -> Option<std::ops::RangeInclusive<i32>> {
        self.covered.map(|(a, b)| a..=b)
    }

    /// `Ok` when `year` is within [`covered_years`](Self::covered_years),
    /// else [`PermitError::YearNotCovered`] (with `what` describing the
    /// computation, may be empty).
    pub fn check_year(&self, year: i32, what: &str) -> Result<(), PermitError> {
        self.check_year_with(year, || what.to_string())
    }

    /// [`check_year`](Self::check_year) that builds the description only on
    /// failure.
    pub(crate) fn check_year_with(
        &self,
        year: i32,
        what: impl FnOnce() -> String,
    ) -> Result<(), PermitError> {
        match self.covered {
            Some((first, last)) if year < first || year > last => {
                Err(PermitError::YearNotCovered {
                    country: self.country,
                    name: self.country.name(),
                    year,
                    first,
                    last,
                    what: what(),
                })
            }
            _ => Ok(()),
        }
    }

    /// Like [`holidays`](Self::holidays), but fails with
    /// [`PermitError::YearNotCovered`] outside
    /// [`covered_years`](Self::covered_years).
    pub fn try_holidays(&self, year: i32) -> Result<Vec<Holiday>, PermitError> {
        self.check_year(year, &format!("holidays of {year}"))?;
        Ok(self.holidays(year))
    }

    /// Like [`checked_add_working_days`](Self::checked_add_working_days),
    /// with typed errors: [`PermitError::YearNotCovered`] when the request
    /// or the result falls outside [`covered_years`](Self::covered_years)
    /// (so every day counted is in a covered year),
    /// [`PermitError::OutOfRange`] when `n` exceeds [`MAX_LEAD_DAYS`] or
    /// chrono's range ends.
    pub fn try_add_working_days(
        &self,
        from: DateTime<Utc>,
        n: u32,
        office_hours: Option<OfficeHours>,
    ) -> Result<DateTime<Utc>, PermitError> {
        let what = || format!("{n} working days from {from}");
        self.check_year_with(self.local_date(from).year(), what)?;
        let g = self
            .checked_add_working_days(from, n, office_hours)
            .ok_or_else(|| PermitError::OutOfRange {
                country: self.country,
                what: what(),
            })?;
        self.check_year_with(self.local_date(g).year(), what)?;
        Ok(g)
    }

    /// The weekend days of `year` that are working days by decree
    /// (transferred working days, e.g. a Hungarian or Latvian Saturday worked
    /// to pay for a bridge day), sorted by date, each named after the day off
    /// it pays for. They count as working days unless an overlay makes them
    /// days off.
    pub fn transferred_working_days(&self, year: i32) -> Vec<Holiday> {
        holidays::transferred_working_days(self.country.code(), year)
    }

    /// The IANA time zone in which this calendar counts days.
    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// The options the calendar was built with.
    pub fn options(&self) -> CalendarOptions {
        self.options
    }

    /// The public holidays of `year` that are **days off**, sorted by date,
    /// one entry per date (coinciding feasts joined as `"A; B"`), substitute
    /// days and decreed bridge days included, and the days of the
    /// [`CalendarOverlay`] the calendar was built with (named
    /// `"<name> (extra non-working day)"`). Holidays falling on a weekend are
    /// listed too. For countries with lunar holidays the list is complete only
    /// within [`covered_years`](Self::covered_years); see
    /// [`try_holidays`](Self::try_holidays).
    ///
    /// For Ukraine under martial law (the default) this is empty from
    /// 15 March 2022 on; [`statutory_holidays`](Self::statutory_holidays)
    /// gives the list in law.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        let mut list = self.statutory_holidays(year);
        if self.country.code() == "UA" && self.options.ukraine_martial_law {
            list.retain(|h| h.date < UKRAINE_MARTIAL_LAW_SINCE);
        }
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        let last = NaiveDate::from_ymd_opt(year, 12, 31);
        if let (Some(first), Some(last)) = (first, last) {
            for (date, name) in self.extra.range(first..=last) {
                let name = format!("{name} (extra non-working day)");
                match list.iter_mut().find(|h| h.date == *date) {
                    Some(h) => {
                        h.name.push_str("; ");
                        h.name.push_str(&name);
                    }
                    None => list.push(Holiday { date: *date, name }),
                }
            }
            list.sort();
        }
        list
    }

    /// The public holidays of `year` as listed in law, whether or not they
    /// are currently days off (differs from [`holidays`](Self::holidays) only
    /// for Ukraine under martial law).
    pub fn statutory_holidays(&self, year: i32) -> Vec<Holiday> {
        holidays::statutory_holidays(self.country.code(), year).unwrap_or_default()
    }

    /// Whether `date` (local) is a public holiday that is a day off.
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        let start = cache_start();
        if date.year() >= CACHE_FIRST_YEAR && date.year() <= CACHE_LAST_YEAR {
            if let Ok(i) = usize::try_from((date - start).num_days()) {
                if let Some(word) = self.days_off.get(i / 64) {
                    return word & (1 << (i % 64)) != 0;
                }
            }
        }
        self.holidays(date.year()).iter().any(|h| h.date == date)
    }

    /// Whether `date` (local) is a working day: Monday to Friday, or a
    /// weekend day that is a transferred working day by decree
    /// ([`transferred_working_days`](Self::transferred_working_days)), and
    /// not a public holiday that is a day off nor an overlay day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        let weekday_or_transferred = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            || self.transferred.binary_search(&date).is_ok();
        weekday_or_transferred && !self.is_holiday(date)
    }

    /// The first working day on or after `date`; `None` only at the end of
    /// chrono's date range.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date;
        // Bounded: no real calendar has a year without working days.
        for _ in 0..366 {
            if self.is_working_day(d) {
                return Some(d);
            }
            d = d.succ_opt()?;
        }
        None
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.working_day_on_or_after(date.succ_opt()?)
    }

    /// The `n`-th working day strictly after `date` (`n == 0`: `date`
    /// itself). `None` when `n` exceeds [`MAX_LEAD_DAYS`] or the date range
    /// ends.
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        if n > MAX_LEAD_DAYS {
            return None;
        }
        let mut d = date;
        for _ in 0..n {
            d = self.next_working_day(d)?;
        }
        Some(d)
    }

    /// The number of working days in the local dates `from..to` (`from`
    /// included, `to` excluded); 0 when `to <= from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut n = 0u32;
        for d in from.iter_days().take_while(|d| *d < to) {
            if self.is_working_day(d) {
                n = n.saturating_add(1);
            }
        }
        n
    }

    /// The local date of an instant in this country (saturating at
    /// chrono's date range).
    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        self.local_time(t).date()
    }

    /// The local wall-clock date-time of an instant in this country
    /// (saturating at chrono's range: within a day of its ends the local
    /// time may not be representable).
    pub fn local_time(&self, t: DateTime<Utc>) -> NaiveDateTime {
        self.checked_local_time(t).unwrap_or(if t.timestamp() > 0 {
            NaiveDateTime::MAX
        } else {
            NaiveDateTime::MIN
        })
    }

    /// The local wall-clock date-time of an instant, `None` when it is
    /// outside chrono's range.
    pub fn checked_local_time(&self, t: DateTime<Utc>) -> Option<NaiveDateTime> {
        let utc = t.naive_utc();
        let offset = self.tz.offset_from_utc_datetime(&utc).fix();
        utc.checked_add_offset(offset)
    }

    /// Whether `t` is a working instant: its local date is a working day and
    /// its local time is within `office_hours` (any time when `None`), and it
    /// is not in the second pass of a repeated (DST) hour.
    pub fn is_working_instant(&self, t: DateTime<Utc>, office_hours: Option<OfficeHours>) -> bool {
        let Some((wall, second_pass)) = self.wall(t) else {
            return false;
        };
        !second_pass
            && self.is_working_day(wall.date())
            && office_hours.is_none_or(|oh| oh.contains(wall.time()))
    }

    /// The first working instant at or after `t`: `t` itself when it is one,
    /// else the opening of the next working period (00:00 local of the next
    /// working day without office hours). Saturates at chrono's maximum
    /// instant; see [`checked_next_working_instant`](Self::checked_next_working_instant).
    pub fn next_working_instant(
        &self,
        t: DateTime<Utc>,
        office_hours: Option<OfficeHours>,
    ) -> DateTime<Utc> {
        self.checked_next_working_instant(t, office_hours)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Like [`next_working_instant`](Self::next_working_instant), `None` at
    /// the end of chrono's range.
    pub fn checked_next_working_instant(
        &self,
        t: DateTime<Utc>,
        office_hours: Option<OfficeHours>,
    ) -> Option<DateTime<Utc>> {
        self.normalise(t, office_hours).map(|(s, _)| s)
    }

    /// The instant at which a lead time of `n` working days, requested at
    /// `from`, ends: see the [module docs](self). With `n == 0` this is
    /// [`next_working_instant`](Self::next_working_instant); with `n ≥ 1` it
    /// is the local wall-clock time of the (normalised) request on the
    /// `n`-th following working day.
    ///
    /// Guarantees: the result is a working instant (working day, within
    /// `office_hours`), `≥ from`, and non-decreasing in `from`.
    /// Saturates at chrono's maximum instant when `n` exceeds
    /// [`MAX_LEAD_DAYS`] or the date range ends; use
    /// [`checked_add_working_days`](Self::checked_add_working_days) to detect it.
    ///
    /// ```
    /// use chrono::TimeZone;
    /// use milmob::permits::WorkingCalendar;
    /// let de = WorkingCalendar::for_country("DE".parse().unwrap()).unwrap();
    /// let tz = de.time_zone();
    /// // Thursday before Easter 2025, 10:00 Berlin time; +3 working days skips
    /// // Good Friday, the weekend and Easter Monday.
    /// let req = tz.with_ymd_and_hms(2025, 4, 17, 10, 0, 0).unwrap().to_utc();
    /// let grant = de.add_working_days(req, 3, None);
    /// assert_eq!(grant, tz.with_ymd_and_hms(2025, 4, 24, 10, 0, 0).unwrap().to_utc());
    /// ```
    pub fn add_working_days(
        &self,
        from: DateTime<Utc>,
        n: u32,
        office_hours: Option<OfficeHours>,
    ) -> DateTime<Utc> {
        self.checked_add_working_days(from, n, office_hours)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Like [`add_working_days`](Self::add_working_days), `None` when `n`
    /// exceeds [`MAX_LEAD_DAYS`] or chrono's range ends.
    pub fn checked_add_working_days(
        &self,
        from: DateTime<Utc>,
        n: u32,
        office_hours: Option<OfficeHours>,
    ) -> Option<DateTime<Utc>> {
        let (s, wall) = self.normalise(from, office_hours)?;
        if n == 0 {
            return Some(s);
        }
        let day = self.nth_working_day_after(wall.date(), n)?;
        let g = self.first_instant_at_wall(day.and_time(wall.time()))?;
        // `g` is a working instant unless a clock change swallowed the wall
        // time; normalising again keeps the guarantees in that case.
        self.normalise(g, office_hours).map(|(g, _)| g)
    }

    /// The local wall-clock time of `t` and whether `t` is in the second pass
    /// of a repeated hour (its wall time is ambiguous and `t` is the later of
    /// the two instants).
    fn wall(&self, t: DateTime<Utc>) -> Option<(NaiveDateTime, bool)> {
        let wall = self.checked_local_time(t)?;
        let second = match self.tz.from_local_datetime(&wall) {
            LocalResult::Ambiguous(a, b) => {
                let (a, b) = (a.to_utc(), b.to_utc());
                a != b && t == a.max(b)
            }
            _ => false,
        };
        Some((wall, second))
    }

    /// The earliest instant whose local wall-clock time is `≥ wall`: the
    /// instant of `wall` (the first one when it is repeated), or, when `wall`
    /// falls in a DST gap, the instant the gap ends.
    fn first_instant_at_wall(&self, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.tz.from_local_datetime(&wall) {
            LocalResult::Single(x) => Some(x.to_utc()),
            LocalResult::Ambiguous(a, b) => Some(a.to_utc().min(b.to_utc())),
            LocalResult::None => {
                let end = self.scan_forward(wall, |r| !matches!(r, LocalResult::None))?;
                self.tz
                    .from_local_datetime(&end)
                    .earliest()
                    .map(|x| x.to_utc())
            }
        }
    }

    /// The first wall-clock time after `wall` (whole seconds) at which
    /// `accept` holds for the time-zone mapping; searched minute by minute
    /// for 48 hours, then refined to the second.
    fn scan_forward(
        &self,
        wall: NaiveDateTime,
        accept: impl Fn(LocalResult<DateTime<Tz>>) -> bool,
    ) -> Option<NaiveDateTime> {
        let base = wall.with_nanosecond(0)?;
        let minute = TimeDelta::try_minutes(1)?;
        let second = TimeDelta::try_seconds(1)?;
        let mut prev = base;
        for _ in 0..(48 * 60) {
            let next = prev.checked_add_signed(minute)?;
            if accept(self.tz.from_local_datetime(&next)) {
                let mut s = prev;
                for _ in 0..60 {
                    s = s.checked_add_signed(second)?;
                    if accept(self.tz.from_local_datetime(&s)) {
                        return Some(s);
                    }
                }
                return Some(next);
            }
            prev = next;
        }
        None
    }

    /// The first working instant at or after `t` and its local wall time.
    fn normalise(
        &self,
        t: DateTime<Utc>,
        office_hours: Option<OfficeHours>,
    ) -> Option<(DateTime<Utc>, NaiveDateTime)> {
        let start_time = office_hours.map_or(NaiveTime::MIN, |oh| oh.open);
        let mut t = t;
        // Each step moves `t` strictly forward to the next candidate opening;
        // a handful of steps suffice (more only around clock changes).
        for _ in 0..64 {
            let (wall, second_pass) = self.wall(t)?;
            if second_pass {
                // Skip the rest of the repeated hour: the first wall time that
                // is no longer ambiguous.
                let end = self.scan_forward(wall, |r| !matches!(r, LocalResult::Ambiguous(..)))?;
                let next = self.first_instant_at_wall(end)?;
                t = if next > t {
                    next
                } else {
                    t.checked_add_signed(TimeDelta::try_seconds(1)?)?
                };
                continue;
            }
            let date = wall.date();
            if self.is_working_day(date) {
                match office_hours {
                    None => return Some((t, wall)),
                    Some(oh) if wall.time() < oh.open => {
                        let open = self.first_instant_at_wall(date.and_time(oh.open))?;
                        t = if open > t {
                            open
                        } else {
                            t.checked_add_signed(TimeDelta::try_seconds(1)?)?
                        };
                        continue;
                    }
                    Some(oh) if wall.time() <= oh.close => return Some((t, wall)),
                    Some(_) => {}
                }
            }
            let next_day = self.next_working_day(date)?;
            let next = self.first_instant_at_wall(next_day.and_time(start_time))?;
            t = if next > t {
                next
            } else {
                t.checked_add_signed(TimeDelta::try_seconds(1)?)?
            };
        }
        None
    }
}

/// The countries for which milmob has working-day calendars (sorted by
/// code): the EU-27, AL, BA, CH, GB (England & Wales), MD, ME, MK, NO, RS,
/// TR, UA and XK.
pub fn supported_countries() -> impl Iterator<Item = Country> {
    Country::all().filter(|c| holidays::has_rules(c.code()))
}

/// The working-day calendars of all supported countries, built lazily on
/// first use and then shared (`Send + Sync`; the map is fixed at creation).
#[derive(Debug, Clone)]
pub struct Calendars {
    options: CalendarOptions,
    overlay: CalendarOverlay,
    map: BTreeMap<Country, OnceLock<WorkingCalendar>>,
}

impl Default for Calendars {
    fn default() -> Self {
        Calendars::new()
    }
}

impl Calendars {
    /// Calendars for every supported country, with default options.
    pub fn new() -> Calendars {
        Calendars::with_options(CalendarOptions::default())
    }

    /// Calendars for every supported country, with the given options.
    pub fn with_options(options: CalendarOptions) -> Calendars {
        Calendars::with_options_and_overlay(options, CalendarOverlay::new())
    }

    /// Calendars for every supported country, with default options and the
    /// extra days off of `overlay` (e.g. from
    /// [`CalendarOverlay::load`]`("extra.toml")`).
    pub fn with_overlay(overlay: CalendarOverlay) -> Calendars {
        Calendars::with_options_and_overlay(CalendarOptions::default(), overlay)
    }

    /// Calendars for every supported country, with the given options and
    /// the extra days off of `overlay`.
    pub fn with_options_and_overlay(
        options: CalendarOptions,
        overlay: CalendarOverlay,
    ) -> Calendars {
        Calendars {
            options,
            overlay,
            map: supported_countries()
                .map(|c| (c, OnceLock::new()))
                .collect(),
        }
    }

    /// The options all calendars use.
    pub fn options(&self) -> CalendarOptions {
        self.options
    }

    /// The extra days off applied to every calendar (empty by default).
    pub fn overlay(&self) -> &CalendarOverlay {
        &self.overlay
    }

    /// The calendar of `country`; [`PermitError::NoCalendar`] when milmob has
    /// no holiday rules for it.
    pub fn get(&self, country: Country) -> Result<&WorkingCalendar, PermitError> {
        let cell = self.map.get(&country).ok_or(PermitError::NoCalendar {
            country,
            name: country.name(),
        })?;
        if let Some(cal) = cell.get() {
            return Ok(cal);
        }
        let cal =
            WorkingCalendar::for_country_with(country, self.options)?.with_overlay(&self.overlay);
        Ok(cell.get_or_init(|| cal))
    }

    /// The countries that have a calendar, sorted by code.
    pub fn countries(&self) -> impl Iterator<Item = Country> + '_ {
        self.map.keys().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Country {
        code.parse().unwrap()
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
    fn local(cal: &WorkingCalendar, y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        cal.time_zone()
            .with_ymd_and_hms(y, m, day, h, min, 0)
            .earliest()
            .unwrap()
            .to_utc()
    }

    #[test]
    fn office_hours_parse() {
        let oh: OfficeHours = "08:00-16:00".parse().unwrap();
        assert_eq!(oh.open(), hm(8, 0));
        assert_eq!(oh.close(), hm(16, 0));
        assert_eq!(oh.to_string(), "08:00-16:00");
        assert!(" 07:30 - 15:45:30 ".parse::<OfficeHours>().is_ok());
        for bad in [
            "",
            "08:00",
            "16:00-08:00",
            "08:00-08:00",
            "8h-16h",
            "22:00-06:00",
            "24:00-25:00",
        ] {
            assert!(bad.parse::<OfficeHours>().is_err(), "{bad}");
        }
    }

    #[test]
    fn no_calendar_for_belarus() {
        let e = WorkingCalendar::for_country(c("BY")).unwrap_err();
        assert!(e.to_string().contains("BY"), "{e}");
        assert!(Calendars::new().get(c("BY")).is_err());
    }

    #[test]
    fn lunar_calendars_are_bounded() {
        let tr = WorkingCalendar::for_country(c("TR")).unwrap();
        assert_eq!(tr.covered_years(), Some(2023..=2030));
        assert!(tr.try_holidays(2026).is_ok());
        let e = tr.try_holidays(2031).unwrap_err();
        assert!(
            matches!(
                e,
                PermitError::YearNotCovered {
                    year: 2031,
                    first: 2023,
                    last: 2030,
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("2023..=2030"), "{e}");
        // A lead time that runs from December 2030 into 2031 is refused.
        let req = local(&tr, 2030, 12, 30, 10, 0);
        assert!(matches!(
            tr.try_add_working_days(req, 3, None),
            Err(PermitError::YearNotCovered { year: 2031, .. })
        ));
        assert!(tr
            .try_add_working_days(local(&tr, 2026, 3, 19, 10, 0), 1, None)
            .is_ok());
        // Countries without lunar holidays are unbounded.
        let de = WorkingCalendar::for_country(c("DE")).unwrap();
        assert_eq!(de.covered_years(), None);
        assert!(de.try_holidays(2150).is_ok());
    }

    #[test]
    fn transferred_saturdays_are_working_days() {
        let hu = WorkingCalendar::for_country(c("HU")).unwrap();
        assert!(!hu.is_working_day(d(2026, 1, 2)));
        assert!(hu.is_working_day(d(2026, 1, 10))); // Saturday worked
        assert!(!hu.is_working_day(d(2026, 1, 17))); // ordinary Saturday
        assert_eq!(hu.transferred_working_days(2026).len(), 2);
        // Friday 9 January 2026 + 1 working day = Saturday 10 January.
        assert_eq!(hu.next_working_day(d(2026, 1, 9)), Some(d(2026, 1, 10)));
        // An overlay day wins over a transferred working Saturday.
        let mut o = CalendarOverlay::new();
        o.insert(crate::permits::ExtraDay {
            country: c("HU"),
            date: d(2026, 1, 10),
            name: "Snow".into(),
            source: None,
        })
        .unwrap();
        let hu = hu.with_overlay(&o);
        assert!(!hu.is_working_day(d(2026, 1, 10)));
        assert!(hu
            .holidays(2026)
            .iter()
            .any(|h| h.date == d(2026, 1, 10) && h.name == "Snow (extra non-working day)"));
    }

    #[test]
    fn working_days() {
        let de = WorkingCalendar::for_country(c("DE")).unwrap();
        assert!(!de.is_working_day(d(2025, 4, 18))); // Good Friday
        assert!(!de.is_working_day(d(2025, 4, 19))); // Saturday
        assert!(de.is_working_day(d(2025, 4, 17)));
        assert_eq!(de.next_working_day(d(2025, 4, 17)), Some(d(2025, 4, 22)));
        assert_eq!(
            de.nth_working_day_after(d(2025, 4, 17), 3),
            Some(d(2025, 4, 24))
        );
        assert_eq!(de.working_days_between(d(2025, 4, 14), d(2025, 4, 28)), 8);
        assert_eq!(
            de.nth_working_day_after(d(2025, 1, 1), MAX_LEAD_DAYS + 1),
            None
        );
        // Outside the cached years the same rules apply.
        assert!(!de.is_working_day(d(2150, 12, 25)));
    }

    #[test]
    fn office_hours_normalisation() {
        let de = WorkingCalendar::for_country(c("DE")).unwrap();
        let oh = Some("08:00-16:00".parse().unwrap());
        // Friday 17:00 -> next opening is Monday 08:00; +1 -> Tuesday 08:00.
        let fri = local(&de, 2025, 6, 13, 17, 0);
        assert_eq!(
            de.next_working_instant(fri, oh),
            local(&de, 2025, 6, 16, 8, 0)
        );
        assert_eq!(
            de.add_working_days(fri, 1, oh),
            local(&de, 2025, 6, 17, 8, 0)
        );
        // Exactly at closing time still counts as that day.
        let close = local(&de, 2025, 6, 13, 16, 0);
        assert_eq!(de.add_working_days(close, 0, oh), close);
        assert_eq!(
            de.add_working_days(close, 1, oh),
            local(&de, 2025, 6, 16, 16, 0)
        );
        // Early morning waits for opening.
        let early = local(&de, 2025, 6, 13, 6, 30);
        assert_eq!(
            de.add_working_days(early, 2, oh),
            local(&de, 2025, 6, 17, 8, 0)
        );
    }

    #[test]
    fn no_office_hours_keeps_time_of_day() {
        let pl = WorkingCalendar::for_country(c("PL")).unwrap();
        // Saturday -> Monday 00:00, +3 -> Thursday 00:00.
        let sat = local(&pl, 2026, 3, 7, 13, 0);
        assert_eq!(
            pl.add_working_days(sat, 0, None),
            local(&pl, 2026, 3, 9, 0, 0)
        );
        assert_eq!(
            pl.add_working_days(sat, 3, None),
            local(&pl, 2026, 3, 12, 0, 0)
        );
        // Across the spring DST change (29 March 2026): wall time kept.
        let fri = local(&pl, 2026, 3, 27, 23, 30);
        assert_eq!(
            pl.add_working_days(fri, 1, None),
            local(&pl, 2026, 3, 30, 23, 30)
        );
    }

    #[test]
    fn dst_gap_and_fold_are_deterministic() {
        // Clock changes fall on Sundays (never working days) in every
        // supported country, so test the helpers directly.
        let de = WorkingCalendar::for_country(c("DE")).unwrap();
        let gap = d(2026, 3, 29).and_time(hm(2, 30));
        let g = de.first_instant_at_wall(gap).unwrap();
        assert_eq!(de.local_time(g).time(), hm(3, 0));
        let fold = d(2026, 10, 25).and_time(hm(2, 30));
        let first = de.first_instant_at_wall(fold).unwrap();
        let second = first + TimeDelta::try_hours(1).unwrap();
        assert!(!de.wall(first).unwrap().1);
        assert!(de.wall(second).unwrap().1);
        // Monday after the fold: both passes of Sunday map to Monday 00:00.
        let monday = local(&de, 2026, 10, 26, 0, 0);
        assert_eq!(de.next_working_instant(first, None), monday);
        assert_eq!(de.next_working_instant(second, None), monday);
    }

    #[test]
    fn ukraine_martial_law_choice() {
        let ua = WorkingCalendar::for_country(c("UA")).unwrap();
        assert!(ua.holidays(2026).is_empty());
        assert!(ua.is_working_day(d(2026, 8, 24)));
        assert!(!ua.statutory_holidays(2026).is_empty());
        let peace = WorkingCalendar::for_country_with(
            c("UA"),
            CalendarOptions {
                ukraine_martial_law: false,
            },
        )
        .unwrap();
        assert!(!peace.is_working_day(d(2026, 8, 24)));
        // Orthodox Easter 12 April 2026 is a Sunday: Monday 13 is the substitute.
        assert!(!peace.is_working_day(d(2026, 4, 13)));
        // Before martial law the statutory list applied.
        assert!(!ua.is_working_day(d(2021, 8, 24)));
    }

    #[test]
    fn calendars_are_shared() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Calendars>();
        let cals = Calendars::new();
        let a = cals.get(c("FR")).unwrap() as *const WorkingCalendar;
        let b = cals.get(c("FR")).unwrap() as *const WorkingCalendar;
        assert_eq!(a, b);
        assert!(cals.countries().count() >= 30);
    }
}
