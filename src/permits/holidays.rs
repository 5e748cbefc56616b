//! National public holidays: one rule table per country.
//!
//! # What is modelled
//! Each table lists the **national** public holidays that are days off
//! nationwide under current law, as fixed dates or movable feasts (Western or
//! Orthodox Easter offsets, n-th weekday of a month, first weekday on or after
//! a date). Where a country's law moves a holiday that falls on a weekend to
//! the next working day (GB, BG, LV, RS, GR's Labour Day, AL, ME, MK, XK;
//! UA outside martial law) that substitute day is generated as well.
//!
//! **Islamic holidays** (Eid al-Fitr / Ramazan Bajram, Eid al-Adha / Kurban
//! Bajram) in AL, BA, MK, TR and XK come from dated tables for
//! [`LUNAR_TABLE_FIRST_YEAR`]..=[`LUNAR_TABLE_LAST_YEAR`] (Diyanet dates; see
//! the tables for sources and which dates are uncertain by a day). Those
//! countries' calendars are complete only for those years: outside them
//! permit grants fail with
//! [`PermitError::YearNotCovered`](super::PermitError::YearNotCovered)
//! rather than silently assuming no lunar holiday.
//!
//! **Decreed bridge days** (HU, LV: a Friday or Monday off, worked on a
//! Saturday; BG: extra non-working days) are listed as dated entries for the
//! years decreed (2025 and 2026), and the Saturdays worked are **working
//! days** ([`WorkingCalendar::transferred_working_days`](super::WorkingCalendar::transferred_working_days)).
//!
//! # What is not modelled
//! - Regional holidays (German Länder, Spanish autonomous communities, Swiss
//!   cantons, Austrian Länder patron saints, Alsace-Moselle, Scotland and
//!   Northern Ireland, …): only the set that holds in the whole country (for
//!   `GB`: England & Wales bank holidays).
//! - Bridge days decreed before 2025 or after 2026, and those of other
//!   countries (CZ, SK, LT, RO, … decree few or none; RO's are for the
//!   public sector only): they are announced a year ahead at most. Users can
//!   add them with an overlay file ([`CalendarOverlay`](super::CalendarOverlay)).
//! - One-off holidays (royal events, jubilees, sports victories, a 2017
//!   German Reformation Day), except a few in the Western Balkans in 2024
//!   (within the years of the lunar tables).
//! - Half days (e.g. EE pre-holiday days, the TR eves of the Bayrams and of
//!   Republic Day from 13:00): a half day counts as a working day, because
//!   office hours are the same on every working day.
//! - Religious holidays that are days off only for the believers concerned
//!   (ME: all religious holidays; MK: Kurban Bajram, Orthodox Christmas Eve,
//!   Good Friday, …; BA: entity-only days, see the BA table).
//! - Days off granted only by collective agreements, except where noted
//!   (FI Midsummer Eve and Christmas Eve; SE Midsummer Eve, Christmas Eve and
//!   New Year's Eve, which the Swedish Annual Leave Act treats as Sundays).
//!
//! # Years
//! The rules are those in force for **2025–2028**. For those years every
//! country's list was compared date by date with the `python-holidays`
//! project (v0.109, which cites the national legal sources); the only
//! differences are deliberate (Swedish eves added; Sunday-only extras such
//! as Greek Easter Sunday; Ukraine's statutory substitute days). AL, BA, ME,
//! MK, TR and XK were compared for 2023–2030 (the years of the lunar
//! tables) and match it date by date. Known dates are also pinned by tests. Rules
//! with a known start or end year carry it (e.g. DK Great Prayer Day until
//! 2023, PL Christmas Eve from 2025, UA's 2023 reform); otherwise a rule is
//! applied to every year unchanged, so results before 2025 or after 2028 are
//! a projection of current law, not verified history. Movable feasts need a
//! year in 1583..=9999; outside it only fixed-date holidays are produced.
//!
//! # Ukraine
//! Under martial law (Law 2136-IX, in force since 15 March 2022) the public
//! holidays of Labour Code art. 73 are **not days off**. The table below is
//! the statutory list (as amended in 2023: Christmas on 25 December, Statehood
//! Day 15 July, Defenders Day 1 October, Remembrance and Victory Day 8 May);
//! whether it counts is chosen by
//! [`CalendarOptions::ukraine_martial_law`](super::CalendarOptions).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use serde::Serialize;

use super::easter::{orthodox_easter, western_easter};

/// One public holiday: its date and English name.
///
/// When two feasts fall on the same date they form one `Holiday` whose name
/// joins both with `"; "` (e.g. `"Constitution Day; Whit Monday"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Holiday {
    /// The local calendar date (Gregorian) of the holiday.
    pub date: NaiveDate,
    /// English name, e.g. `"Easter Monday"`; substitute days end in
    /// `" (substitute day)"`.
    pub name: String,
}

/// How a holiday's date is found in a given year.
#[derive(Clone, Copy)]
enum When {
    /// A fixed month and day.
    Fixed(u32, u32),
    /// Days after Western Easter Sunday (negative: before).
    Easter(i64),
    /// Days after Orthodox Easter Sunday (negative: before).
    Orthodox(i64),
    /// The n-th (1-based) given weekday of a month.
    Nth(u32, Weekday, u8),
    /// The last given weekday of a month.
    Last(u32, Weekday),
    /// The first given weekday on or after month/day.
    OnOrAfter(u32, u32, Weekday),
    /// A computed date.
    Custom(fn(i32) -> Option<NaiveDate>),
    /// Days after the first day of an Islamic feast, from the dated table
    /// [`EID_AL_FITR`] / [`EID_AL_ADHA`] (no date outside the table's years).
    Islamic(Feast, i64),
}

/// The two Islamic feasts that are public holidays in Türkiye and the
/// Western Balkans.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Feast {
    /// Eid al-Fitr: Ramazan Bayramı (TR), Ramazanski Bajram (BA, ME),
    /// Рамазан Бајрам (MK), Bajrami i Madh (AL, XK).
    EidAlFitr,
    /// Eid al-Adha: Kurban Bayramı (TR), Kurban Bajram (BA, ME, MK),
    /// Kurban Bajrami (AL, XK).
    EidAlAdha,
}

/// Whether a holiday that falls on a non-working day gives a substitute day.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shift {
    /// No substitute.
    No,
    /// On Saturday or Sunday: the next weekday that is not a holiday.
    Weekend,
    /// On Sunday: the next weekday that is not a holiday (Serbia).
    Sunday,
    /// On Saturday or Sunday: the next weekday that is not a holiday, but
    /// holidays on the same date share one substitute (Albania, Kosovo: the
    /// Catholic and Orthodox Easter Sundays of 2025 and 2028 give one Monday).
    WeekendPerDate,
    /// On Saturday, Sunday, or on a Monday that is also another holiday: the
    /// next weekday that is not a holiday (Greek Labour Day meeting Easter
    /// Monday).
    WeekendOrMondayHoliday,
}

/// One holiday rule.
#[derive(Clone, Copy)]
struct Rule {
    name: &'static str,
    when: When,
    /// First year the rule applies (inclusive).
    from: i32,
    /// Last year the rule applies (inclusive).
    until: i32,
    shift: Shift,
    /// First year in which `shift` applies.
    shift_from: i32,
}

impl Rule {
    const fn new(name: &'static str, when: When) -> Rule {
        Rule {
            name,
            when,
            from: i32::MIN,
            until: i32::MAX,
            shift: Shift::No,
            shift_from: i32::MIN,
        }
    }
    const fn from(self, year: i32) -> Rule {
        Rule { from: year, ..self }
    }
    const fn until(self, year: i32) -> Rule {
        Rule {
            until: year,
            ..self
        }
    }
    const fn shift(self, shift: Shift) -> Rule {
        Rule { shift, ..self }
    }
    const fn shift_from(self, year: i32) -> Rule {
        Rule {
            shift_from: year,
            ..self
        }
    }
    fn date(&self, year: i32) -> Option<NaiveDate> {
        if year < self.from || year > self.until {
            return None;
        }
        match self.when {
            When::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d),
            When::Easter(off) => {
                western_easter(year)?.checked_add_signed(TimeDelta::try_days(off)?)
            }
            When::Orthodox(off) => {
                orthodox_easter(year)?.checked_add_signed(TimeDelta::try_days(off)?)
            }
            When::Nth(m, wd, n) => NaiveDate::from_weekday_of_month_opt(year, m, wd, n),
            When::Last(m, wd) => {
                let first_next = if m == 12 {
                    NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, m + 1, 1)?
                };
                let mut d = first_next.pred_opt()?;
                while d.weekday() != wd {
                    d = d.pred_opt()?;
                }
                Some(d)
            }
            When::OnOrAfter(m, day, wd) => {
                let mut d = NaiveDate::from_ymd_opt(year, m, day)?;
                while d.weekday() != wd {
                    d = d.succ_opt()?;
                }
                Some(d)
            }
            When::Custom(f) => f(year),
            When::Islamic(feast, off) => {
                let table = match feast {
                    Feast::EidAlFitr => EID_AL_FITR,
                    Feast::EidAlAdha => EID_AL_ADHA,
                };
                table
                    .iter()
                    .filter_map(|&(y, m, d)| {
                        NaiveDate::from_ymd_opt(y, m, d)?
                            .checked_add_signed(TimeDelta::try_days(off)?)
                    })
                    .find(|d| d.year() == year)
            }
        }
    }
}

const fn fixed(name: &'static str, month: u32, day: u32) -> Rule {
    Rule::new(name, When::Fixed(month, day))
}
const fn easter(name: &'static str, offset: i64) -> Rule {
    Rule::new(name, When::Easter(offset))
}
const fn orthodox(name: &'static str, offset: i64) -> Rule {
    Rule::new(name, When::Orthodox(offset))
}
const fn nth(name: &'static str, month: u32, wd: Weekday, n: u8) -> Rule {
    Rule::new(name, When::Nth(month, wd, n))
}
const fn last(name: &'static str, month: u32, wd: Weekday) -> Rule {
    Rule::new(name, When::Last(month, wd))
}
const fn on_or_after(name: &'static str, month: u32, day: u32, wd: Weekday) -> Rule {
    Rule::new(name, When::OnOrAfter(month, day, wd))
}
const fn custom(name: &'static str, f: fn(i32) -> Option<NaiveDate>) -> Rule {
    Rule::new(name, When::Custom(f))
}
const fn fitr(name: &'static str, day: i64) -> Rule {
    Rule::new(name, When::Islamic(Feast::EidAlFitr, day))
}
const fn adha(name: &'static str, day: i64) -> Rule {
    Rule::new(name, When::Islamic(Feast::EidAlAdha, day))
}
/// A one-off day off in one year only (a decreed bridge day).
const fn once(name: &'static str, year: i32, month: u32, day: u32) -> Rule {
    Rule::new(name, When::Fixed(month, day))
        .from(year)
        .until(year)
}

// ---------------------------------------------------------------------------
// Islamic (lunar) feasts: dated tables.
//
// The Hijri calendar's months begin with the new crescent, so the Gregorian
// dates of Eid al-Fitr (1 Shawwal) and Eid al-Adha (10 Dhu al-Hijjah) move
// about 11 days earlier each year and cannot be derived from a fixed rule
// that every religious authority follows. milmob therefore ships them as a
// dated table for the years below and **refuses** to count working days of a
// country with lunar holidays outside those years
// ([`PermitError::YearNotCovered`](super::PermitError::YearNotCovered)).
//
// Sources: Türkiye's Presidency of Religious Affairs (Diyanet İşleri
// Başkanlığı) publishes a computed Hijri calendar years ahead (its online
// Hijri–Gregorian converter and yearly "dinî günler" lists; since 2016 it
// follows the unified calendar of the Istanbul International Hijri Calendar
// Union Congress, as far as milmob knows); the dates below are Diyanet's
// (as `python-holidays` v0.109 records them, confirmed for Türkiye through
// 2032), and the Turkish public holidays of Law 2429 follow them without a
// moon-sighting announcement.
//
// The Islamic communities of Bosnia and Herzegovina (Rijaset), Albania
// (KMSH), Kosovo (BIK), North Macedonia (ИВЗ) and Montenegro (IZCG) announce
// their dates each year. The same dates are used for them: `python-holidays`
// v0.109 records the announced dates as equal to these for AL 2023–2026
// (Bank of Albania holiday calendars), MK 2023–2025 (ministry programmes of
// non-working days), ME 2023–2024 and BA 2023 (Eid al-Fitr to 2024); the
// other Balkan years, and all of XK, are its estimates (uncertain by a day
// until announced; 2026 has passed and milmob knows of no deviation). Users
// can add an announced day with an overlay file
// ([`CalendarOverlay`](super::CalendarOverlay)).

/// First year of the Islamic feast tables.
pub const LUNAR_TABLE_FIRST_YEAR: i32 = 2023;
/// Last year of the Islamic feast tables.
pub const LUNAR_TABLE_LAST_YEAR: i32 = 2030;

/// First day of Eid al-Fitr (1 Shawwal), Gregorian, one per year
/// [`LUNAR_TABLE_FIRST_YEAR`]..=[`LUNAR_TABLE_LAST_YEAR`] (Diyanet).
const EID_AL_FITR: &[(i32, u32, u32)] = &[
    (2023, 4, 21),
    (2024, 4, 10),
    (2025, 3, 30),
    (2026, 3, 20),
    (2027, 3, 9),  // (uncertain in the Balkans: 9 or 10 March)
    (2028, 2, 26), // (uncertain in the Balkans: 26 or 27 February)
    (2029, 2, 14), // (uncertain in the Balkans by a day)
    (2030, 2, 4),  // (uncertain in the Balkans by a day)
];

/// First day of Eid al-Adha (10 Dhu al-Hijjah), Gregorian, one per year
/// [`LUNAR_TABLE_FIRST_YEAR`]..=[`LUNAR_TABLE_LAST_YEAR`] (Diyanet).
const EID_AL_ADHA: &[(i32, u32, u32)] = &[
    (2023, 6, 28),
    (2024, 6, 16),
    (2025, 6, 6),
    (2026, 5, 27),
    (2027, 5, 16), // (uncertain in the Balkans: 16 or 17 May)
    (2028, 5, 5),  // (uncertain in the Balkans by a day)
    (2029, 4, 24), // (uncertain in the Balkans by a day)
    (2030, 4, 13), // (uncertain in the Balkans by a day)
];

/// Whether a rule table uses the dated Islamic tables.
fn uses_lunar_table(rules: &[Rule]) -> bool {
    rules.iter().any(|r| matches!(r.when, When::Islamic(..)))
}

/// The years in which a country's holiday list is complete, when that is a
/// bounded range (countries with Islamic holidays: the years of the dated
/// tables); `None` when the rules hold for every year (or no rules).
pub(crate) fn covered_years(code: &str) -> Option<(i32, i32)> {
    let rules = table(code)?;
    uses_lunar_table(rules).then_some((LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR))
}

// Common feasts (Western Easter offsets).
const MAUNDY_THURSDAY: i64 = -3;
const GOOD_FRIDAY: i64 = -2;
const HOLY_SATURDAY: i64 = -1;
const EASTER_SUNDAY: i64 = 0;
const EASTER_MONDAY: i64 = 1;
const ASCENSION: i64 = 39;
const WHIT_SUNDAY: i64 = 49;
const WHIT_MONDAY: i64 = 50;
const CORPUS_CHRISTI: i64 = 60;

use Weekday::{Fri, Mon, Sat, Sun};

/// Ireland: St Brigid's Day (from 2023) is the first Monday of February, or
/// 1 February when that is a Friday.
fn ie_st_brigid(year: i32) -> Option<NaiveDate> {
    let feb1 = NaiveDate::from_ymd_opt(year, 2, 1)?;
    if feb1.weekday() == Fri {
        Some(feb1)
    } else {
        NaiveDate::from_weekday_of_month_opt(year, 2, Mon, 1)
    }
}

/// Netherlands: King's Day is 27 April, or 26 April when the 27th is a Sunday.
fn nl_kings_day(year: i32) -> Option<NaiveDate> {
    let d = NaiveDate::from_ymd_opt(year, 4, 27)?;
    if d.weekday() == Sun {
        d.pred_opt()
    } else {
        Some(d)
    }
}

/// Netherlands: Queen's Day (until 2013) is 30 April, or 29 April when the
/// 30th is a Sunday.
fn nl_queens_day(year: i32) -> Option<NaiveDate> {
    let d = NaiveDate::from_ymd_opt(year, 4, 30)?;
    if d.weekday() == Sun {
        d.pred_opt()
    } else {
        Some(d)
    }
}

/// Netherlands: Liberation Day (5 May) counted as a day off only in lustrum
/// years (divisible by 5), as most collective agreements and the
/// `python-holidays` reference do (uncertain: some employers give it yearly).
fn nl_liberation_day(year: i32) -> Option<NaiveDate> {
    if year % 5 == 0 {
        NaiveDate::from_ymd_opt(year, 5, 5)
    } else {
        None
    }
}

/// Slovakia: Law 261/2025 made 8 May and 15 September working days in 2026
/// (consolidation package); `python-holidays` models it for 2026 only.
fn sk_unless_2026(month: u32, day: u32, year: i32) -> Option<NaiveDate> {
    if year == 2026 {
        None
    } else {
        NaiveDate::from_ymd_opt(year, month, day)
    }
}
fn sk_victory_day(year: i32) -> Option<NaiveDate> {
    sk_unless_2026(5, 8, year)
}
fn sk_seven_sorrows(year: i32) -> Option<NaiveDate> {
    sk_unless_2026(9, 15, year)
}

// ---------------------------------------------------------------------------
// Country tables. Names in English. "Whit Sunday/Monday" = Pentecost.

/// Austria (Feiertagsruhegesetz 1957). Good Friday is no longer a day off
/// for anyone since 2019.
const AT: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    easter("Ascension Day", ASCENSION),
    easter("Whit Monday", WHIT_MONDAY),
    easter("Corpus Christi", CORPUS_CHRISTI),
    fixed("Assumption Day", 8, 15),
    fixed("National Day", 10, 26),
    fixed("All Saints' Day", 11, 1),
    fixed("Immaculate Conception", 12, 8),
    fixed("Christmas Day", 12, 25),
    fixed("St Stephen's Day", 12, 26),
];

/// Belgium (law of 4 January 1974). A holiday on a Sunday gives employees a
/// replacement day chosen per company, not modelled.
const BE: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    easter("Ascension Day", ASCENSION),
    easter("Whit Sunday", WHIT_SUNDAY),
    easter("Whit Monday", WHIT_MONDAY),
    fixed("National Day", 7, 21),
    fixed("Assumption Day", 8, 15),
    fixed("All Saints' Day", 11, 1),
    fixed("Armistice Day", 11, 11),
    fixed("Christmas Day", 12, 25),
];

/// Bulgaria (Labour Code art. 154): since 2017 a holiday on Saturday or
/// Sunday moves the day off to the next working day, except the Easter days.
/// Extra non-working days declared by Council of Ministers decision are
/// listed for the years declared.
const BG: &[Rule] = &[
    // Council of Ministers decisions around the euro changeover of
    // 1 January 2026 (uncertain: decision numbers not known to milmob, and
    // whether a Saturday was set to work them off; none is modelled).
    once(
        "Non-working day (Council of Ministers decision)",
        2025,
        12,
        31,
    ),
    once(
        "Non-working day (Council of Ministers decision)",
        2026,
        1,
        2,
    ),
    fixed("New Year's Day", 1, 1)
        .shift(Shift::Weekend)
        .shift_from(2017),
    fixed("Liberation Day", 3, 3)
        .shift(Shift::Weekend)
        .shift_from(2017),
    orthodox("Good Friday", GOOD_FRIDAY).from(2010),
    orthodox("Holy Saturday", HOLY_SATURDAY),
    orthodox("Easter Sunday", EASTER_SUNDAY),
    orthodox("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1)
        .shift(Shift::Weekend)
        .shift_from(2017),
    fixed("St George's Day (Army Day)", 5, 6)
        .shift(Shift::Weekend)
        .shift_from(2017),
    fixed(
        "Day of the Bulgarian Alphabet, Enlightenment and Culture",
        5,
        24,
    )
    .shift(Shift::Weekend)
    .shift_from(2017),
    fixed("Unification Day", 9, 6)
        .shift(Shift::Weekend)
        .shift_from(2017),
    fixed("Independence Day", 9, 22)
        .shift(Shift::Weekend)
        .shift_from(2017),
    fixed("Christmas Eve", 12, 24)
        .shift(Shift::Weekend)
        .shift_from(2017),
    fixed("Christmas Day", 12, 25)
        .shift(Shift::Weekend)
        .shift_from(2017),
    fixed("Second Day of Christmas", 12, 26)
        .shift(Shift::Weekend)
        .shift_from(2017),
];

/// Switzerland: only 1 August is a federal holiday; New Year's Day, Ascension
/// and Christmas Day are holidays in every canton. Other days are cantonal.
const CH: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Ascension Day", ASCENSION),
    fixed("National Day", 8, 1),
    fixed("Christmas Day", 12, 25),
];

/// Cyprus (Republic of Cyprus; Orthodox movable feasts).
const CY: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    orthodox("Green Monday", -48),
    fixed("Greek Independence Day", 3, 25),
    fixed("Cyprus National Day", 4, 1),
    orthodox("Good Friday", GOOD_FRIDAY),
    orthodox("Easter Sunday", EASTER_SUNDAY),
    orthodox("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    orthodox("Whit Monday (Kataklysmos)", WHIT_MONDAY),
    fixed("Dormition of the Mother of God", 8, 15),
    fixed("Cyprus Independence Day", 10, 1),
    fixed("Ohi Day", 10, 28),
    fixed("Christmas Day", 12, 25),
    fixed("Day after Christmas", 12, 26),
];

/// Czechia (Act 245/2000).
const CZ: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Restoration Day of the Independent Czech State", 1, 1),
    easter("Good Friday", GOOD_FRIDAY).from(2016),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    fixed("Liberation Day", 5, 8),
    fixed("Saints Cyril and Methodius Day", 7, 5),
    fixed("Jan Hus Day", 7, 6),
    fixed("Statehood Day", 9, 28),
    fixed("Independent Czechoslovak State Day", 10, 28),
    fixed("Struggle for Freedom and Democracy Day", 11, 17),
    fixed("Christmas Eve", 12, 24),
    fixed("Christmas Day", 12, 25),
    fixed("St Stephen's Day", 12, 26),
];

/// Germany: the nine holidays of every Land. Land holidays (Epiphany,
/// Corpus Christi, Reformation Day, …) are excluded.
const DE: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    easter("Ascension Day", ASCENSION),
    easter("Whit Monday", WHIT_MONDAY),
    fixed("Day of German Unity", 10, 3),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Denmark. Great Prayer Day was abolished from 2024. Constitution Day
/// (5 June), Christmas Eve and New Year's Eve are customary days off only.
const DK: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Maundy Thursday", MAUNDY_THURSDAY),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    easter("Great Prayer Day", 26).until(2023),
    easter("Ascension Day", ASCENSION),
    easter("Whit Sunday", WHIT_SUNDAY),
    easter("Whit Monday", WHIT_MONDAY),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Estonia (Public Holidays and Days of National Importance Act).
const EE: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Independence Day", 2, 24),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Sunday", EASTER_SUNDAY),
    fixed("Spring Day", 5, 1),
    easter("Whit Sunday", WHIT_SUNDAY),
    fixed("Victory Day", 6, 23),
    fixed("Midsummer Day", 6, 24),
    fixed("Day of Restoration of Independence", 8, 20),
    fixed("Christmas Eve", 12, 24).from(2005),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Spain: the national holidays of the Workers' Statute (art. 37.2) as
/// listed every year in the BOE. Regional holidays (Maundy Thursday in most
/// communities, Easter Monday in some) and regional transfers of a Sunday
/// holiday to Monday are excluded.
const ES: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    easter("Good Friday", GOOD_FRIDAY),
    fixed("Labour Day", 5, 1),
    fixed("Assumption Day", 8, 15),
    fixed("National Day", 10, 12),
    fixed("All Saints' Day", 11, 1),
    fixed("Constitution Day", 12, 6),
    fixed("Immaculate Conception", 12, 8),
    fixed("Christmas Day", 12, 25),
];

/// Finland. Midsummer Eve and Christmas Eve are not statutory public
/// holidays but are days off by custom and collective agreements, and
/// government offices close; they are included.
const FI: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("May Day", 5, 1),
    easter("Ascension Day", ASCENSION),
    easter("Whit Sunday", WHIT_SUNDAY),
    on_or_after("Midsummer Eve", 6, 19, Fri),
    on_or_after("Midsummer Day", 6, 20, Sat),
    on_or_after("All Saints' Day", 10, 31, Sat),
    fixed("Independence Day", 12, 6),
    fixed("Christmas Eve", 12, 24),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// France (Labour Code L3133-1). Alsace-Moselle's Good Friday and 26
/// December are regional and excluded.
const FR: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    fixed("Victory in Europe Day", 5, 8),
    easter("Ascension Day", ASCENSION),
    easter("Whit Monday", WHIT_MONDAY),
    fixed("Bastille Day", 7, 14),
    fixed("Assumption Day", 8, 15),
    fixed("All Saints' Day", 11, 1),
    fixed("Armistice Day", 11, 11),
    fixed("Christmas Day", 12, 25),
];

/// United Kingdom: England & Wales bank holidays (Banking and Financial
/// Dealings Act 1971). A bank holiday on a Saturday or Sunday gives a
/// substitute day on the next weekday that is not already a bank holiday.
/// Scotland and Northern Ireland differ and are excluded, as are one-off
/// proclamations (2020, 2022, 2023).
const GB: &[Rule] = &[
    fixed("New Year's Day", 1, 1).shift(Shift::Weekend),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Monday", EASTER_MONDAY),
    nth("Early May Bank Holiday", 5, Mon, 1),
    last("Spring Bank Holiday", 5, Mon),
    last("Summer Bank Holiday", 8, Mon),
    fixed("Christmas Day", 12, 25).shift(Shift::Weekend),
    fixed("Boxing Day", 12, 26).shift(Shift::Weekend),
];

/// Greece (Orthodox movable feasts). Since 2017 Labour Day is moved by
/// ministerial decision when it falls on a weekend or on Easter Monday (as in
/// 2027); modelled as a shift to the next free weekday. One-off moves (2024:
/// 7 May) are not modelled.
const GR: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    orthodox("Clean Monday", -48),
    fixed("Independence Day", 3, 25),
    orthodox("Good Friday", GOOD_FRIDAY),
    orthodox("Easter Sunday", EASTER_SUNDAY),
    orthodox("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1)
        .shift(Shift::WeekendOrMondayHoliday)
        .shift_from(2017),
    orthodox("Whit Monday", WHIT_MONDAY),
    fixed("Dormition of the Mother of God", 8, 15),
    fixed("Ohi Day", 10, 28),
    fixed("Christmas Day", 12, 25),
    fixed("Synaxis of the Mother of God", 12, 26),
];

/// Croatia (Act on Holidays, 2019 amendment in force from 2020).
const HR: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    fixed("Statehood Day", 6, 25).until(2019),
    fixed("Statehood Day", 5, 30).from(2020),
    easter("Corpus Christi", CORPUS_CHRISTI),
    fixed("Anti-Fascist Struggle Day", 6, 22),
    fixed("Victory and Homeland Thanksgiving Day", 8, 5),
    fixed("Assumption Day", 8, 15),
    fixed("Independence Day", 10, 8).until(2019),
    fixed("All Saints' Day", 11, 1),
    fixed("Remembrance Day", 11, 18).from(2020),
    fixed("Christmas Day", 12, 25),
    fixed("St Stephen's Day", 12, 26),
];

/// Hungary (Labour Code s. 102). Christmas Eve is a holiday from 2026
/// (Act LXXII of 2026, uncertain: number as cited by `python-holidays`).
/// Bridge days decreed each year by the minister for the economy (NGM
/// decree on the working-day schedule) are listed for the years decreed;
/// each is worked off on a Saturday ([`TRANSFERRED_WORKING_DAYS`]).
const HU: &[Rule] = &[
    // NGM decree 11/2024 (VI. 25.) on the 2025 working-day schedule
    // (uncertain: decree number as cited by `python-holidays`).
    once("Bridge day (worked on Saturday 17 May)", 2025, 5, 2),
    once("Bridge day (worked on Saturday 18 October)", 2025, 10, 24),
    once("Bridge day (worked on Saturday 13 December)", 2025, 12, 24),
    // NGM decree 10/2025 on the 2026 working-day schedule.
    once("Bridge day (worked on Saturday 10 January)", 2026, 1, 2),
    once("Bridge day (worked on Saturday 8 August)", 2026, 8, 21),
    fixed("New Year's Day", 1, 1),
    fixed("National Day (1848 Revolution)", 3, 15),
    easter("Good Friday", GOOD_FRIDAY).from(2017),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    easter("Whit Sunday", WHIT_SUNDAY),
    easter("Whit Monday", WHIT_MONDAY),
    fixed("State Foundation Day", 8, 20),
    fixed("National Day (1956 Revolution)", 10, 23),
    fixed("All Saints' Day", 11, 1),
    fixed("Christmas Eve", 12, 24).from(2026),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Ireland (Organisation of Working Time Act 1997, Sch. 2). Irish law gives
/// no fixed substitute day for a holiday on a weekend; Good Friday is not a
/// public holiday.
const IE: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    custom("St Brigid's Day", ie_st_brigid).from(2023),
    fixed("St Patrick's Day", 3, 17),
    easter("Easter Monday", EASTER_MONDAY),
    nth("May Bank Holiday", 5, Mon, 1),
    nth("June Bank Holiday", 6, Mon, 1),
    nth("August Bank Holiday", 8, Mon, 1),
    last("October Bank Holiday", 10, Mon),
    fixed("Christmas Day", 12, 25),
    fixed("St Stephen's Day", 12, 26),
];

/// Italy (Law 260/1949 as amended; St Francis's Day restored by Law
/// 151/2025 from 2026).
const IT: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Liberation Day", 4, 25),
    fixed("Labour Day", 5, 1),
    fixed("Republic Day", 6, 2),
    fixed("Assumption Day", 8, 15),
    fixed("St Francis of Assisi, Patron Saint of Italy", 10, 4).from(2026),
    fixed("All Saints' Day", 11, 1),
    nth("National Unity and Armed Forces Day", 11, Sun, 1),
    fixed("Immaculate Conception", 12, 8),
    fixed("Christmas Day", 12, 25),
    fixed("St Stephen's Day", 12, 26),
];

/// Lithuania (Labour Code art. 123).
const LT: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Day of Restoration of the State of Lithuania", 2, 16),
    fixed("Day of Restoration of Independence of Lithuania", 3, 11),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("International Workers' Day", 5, 1),
    nth("Mother's Day", 5, Sun, 1),
    nth("Father's Day", 6, Sun, 1),
    fixed("St John's Day (Day of Dew)", 6, 24).from(2003),
    fixed("Statehood Day", 7, 6),
    fixed("Assumption Day", 8, 15),
    fixed("All Saints' Day", 11, 1),
    fixed("All Souls' Day", 11, 2).from(2020),
    fixed("Christmas Eve", 12, 24),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Luxembourg (Europe Day from 2019).
const LU: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    fixed("Europe Day", 5, 9).from(2019),
    easter("Ascension Day", ASCENSION),
    easter("Whit Monday", WHIT_MONDAY),
    fixed("National Day", 6, 23),
    fixed("Assumption Day", 8, 15),
    fixed("All Saints' Day", 11, 1),
    fixed("Christmas Day", 12, 25),
    fixed("St Stephen's Day", 12, 26),
];

/// Latvia (Law on Public Holidays, Remembrance Days and Celebration Days).
/// When 4 May or 18 November falls on a Saturday or Sunday, the next working
/// day is a holiday. Working days moved by Cabinet order ("Par darba dienu
/// pārcelšanu <year>. gadā") are listed for the years ordered; each is
/// worked off on a Saturday ([`TRANSFERRED_WORKING_DAYS`]).
const LV: &[Rule] = &[
    // Cabinet order on moving working days in 2025.
    once("Moved day off (worked on Saturday 10 May)", 2025, 5, 2),
    once(
        "Moved day off (worked on Saturday 8 November)",
        2025,
        11,
        17,
    ),
    // Cabinet order on moving working days in 2026.
    once("Moved day off (worked on Saturday 17 January)", 2026, 1, 2),
    once("Moved day off (worked on Saturday 27 June)", 2026, 6, 22),
    fixed("New Year's Day", 1, 1),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    fixed("Constitutional Assembly Convocation Day", 5, 1),
    fixed("Restoration of Independence Day", 5, 4)
        .from(2002)
        .shift(Shift::Weekend)
        .shift_from(2007),
    nth("Mother's Day", 5, Sun, 2),
    easter("Whit Sunday", WHIT_SUNDAY),
    fixed("Midsummer Eve (Līgo Day)", 6, 23),
    fixed("Midsummer Day (Jāņi)", 6, 24),
    fixed("Proclamation Day of the Republic of Latvia", 11, 18)
        .shift(Shift::Weekend)
        .shift_from(2007),
    fixed("Christmas Eve", 12, 24).from(2007),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
    fixed("New Year's Eve", 12, 31),
];

/// Moldova (Labour Code art. 111): Orthodox movable feasts; Christmas both
/// on 25 December and on 7–8 January.
const MD: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Orthodox Christmas Day", 1, 7),
    fixed("Orthodox Christmas (second day)", 1, 8),
    fixed("International Women's Day", 3, 8),
    orthodox("Easter Sunday", EASTER_SUNDAY),
    orthodox("Easter Monday", EASTER_MONDAY),
    orthodox("Day of Rejoicing (Memorial Easter)", 8),
    fixed("International Workers' Solidarity Day", 5, 1),
    fixed("Victory Day and Europe Day", 5, 9),
    fixed("International Children's Day", 6, 1),
    fixed("Independence Day", 8, 27),
    fixed("National Language Day", 8, 31),
    fixed("Christmas Day", 12, 25),
];

/// Malta (National Holidays and Other Public Holidays Act). Since 2021 a
/// holiday on a weekend adds a leave day, not a fixed substitute date.
const MT: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Feast of St Paul's Shipwreck", 2, 10),
    fixed("Feast of St Joseph", 3, 19),
    fixed("Freedom Day", 3, 31),
    easter("Good Friday", GOOD_FRIDAY),
    fixed("Workers' Day", 5, 1),
    fixed("Sette Giugno", 6, 7),
    fixed("Feast of St Peter and St Paul", 6, 29),
    fixed("Feast of the Assumption", 8, 15),
    fixed("Victory Day", 9, 8),
    fixed("Independence Day", 9, 21),
    fixed("Feast of the Immaculate Conception", 12, 8),
    fixed("Republic Day", 12, 13),
    fixed("Christmas Day", 12, 25),
];

/// Netherlands (General Extension of Time Limits Act, Algemene termijnenwet).
const NL: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    custom("Queen's Day", nl_queens_day).until(2013),
    custom("King's Day", nl_kings_day).from(2014),
    custom("Liberation Day", nl_liberation_day),
    easter("Ascension Day", ASCENSION),
    easter("Whit Sunday", WHIT_SUNDAY),
    easter("Whit Monday", WHIT_MONDAY),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Norway (Public Holidays Act 1995).
const NO: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Maundy Thursday", MAUNDY_THURSDAY),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    fixed("Constitution Day", 5, 17),
    easter("Ascension Day", ASCENSION),
    easter("Whit Sunday", WHIT_SUNDAY),
    easter("Whit Monday", WHIT_MONDAY),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Poland (Act of 18 January 1951 as amended; Epiphany from 2011,
/// Christmas Eve from 2025). An employer's duty to give another day off for
/// a holiday on a Saturday has no fixed date and is not modelled.
const PL: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6).from(2011),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    fixed("Constitution Day", 5, 3),
    easter("Whit Sunday", WHIT_SUNDAY),
    easter("Corpus Christi", CORPUS_CHRISTI),
    fixed("Assumption Day", 8, 15),
    fixed("All Saints' Day", 11, 1),
    fixed("Independence Day", 11, 11),
    fixed("Christmas Eve", 12, 24).from(2025),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Portugal (Labour Code art. 234; holidays restored in 2016). Carnival and
/// municipal holidays are optional/local and excluded.
const PT: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Sunday", EASTER_SUNDAY),
    fixed("Freedom Day", 4, 25),
    fixed("Labour Day", 5, 1),
    easter("Corpus Christi", CORPUS_CHRISTI),
    fixed("Portugal Day", 6, 10),
    fixed("Assumption Day", 8, 15),
    fixed("Republic Day", 10, 5),
    fixed("All Saints' Day", 11, 1),
    fixed("Restoration of Independence Day", 12, 1),
    fixed("Immaculate Conception", 12, 8),
    fixed("Christmas Day", 12, 25),
];

/// Romania (Labour Code art. 139; Orthodox movable feasts; Epiphany and St
/// John from 2024).
const RO: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Day after New Year's Day", 1, 2),
    fixed("Epiphany", 1, 6).from(2024),
    fixed("St John the Baptist", 1, 7).from(2024),
    fixed("Union Day", 1, 24),
    orthodox("Good Friday", GOOD_FRIDAY).from(2018),
    orthodox("Easter Sunday", EASTER_SUNDAY),
    orthodox("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    fixed("Children's Day", 6, 1).from(2017),
    orthodox("Whit Sunday", WHIT_SUNDAY),
    orthodox("Whit Monday", WHIT_MONDAY),
    fixed("Dormition of the Mother of God", 8, 15),
    fixed("St Andrew's Day", 11, 30),
    fixed("National Day", 12, 1),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Serbia (Law on State and Other Holidays): Orthodox movable feasts; a
/// holiday on a Sunday moves the day off to the next working day (not for
/// the Easter days).
const RS: &[Rule] = &[
    fixed("New Year's Day", 1, 1).shift(Shift::Sunday),
    fixed("New Year's Day (second day)", 1, 2).shift(Shift::Sunday),
    fixed("Orthodox Christmas Day", 1, 7),
    fixed("Statehood Day", 2, 15).shift(Shift::Sunday),
    fixed("Statehood Day (second day)", 2, 16).shift(Shift::Sunday),
    orthodox("Good Friday", GOOD_FRIDAY),
    orthodox("Holy Saturday", HOLY_SATURDAY),
    orthodox("Easter Sunday", EASTER_SUNDAY),
    orthodox("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1).shift(Shift::Sunday),
    fixed("Labour Day (second day)", 5, 2).shift(Shift::Sunday),
    fixed("Armistice Day", 11, 11).shift(Shift::Sunday),
];

/// Sweden (Public Holidays Act 1989:253). Midsummer Eve, Christmas Eve and
/// New Year's Eve are not public holidays in law, but the Annual Leave Act
/// (Semesterlagen, 3a §) treats them like Sundays and government offices
/// close: included.
const SE: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("Epiphany", 1, 6),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("May Day", 5, 1),
    easter("Ascension Day", ASCENSION),
    easter("Whit Sunday", WHIT_SUNDAY),
    easter("Whit Monday", WHIT_MONDAY).until(2004),
    fixed("National Day", 6, 6).from(2005),
    on_or_after("Midsummer Eve", 6, 19, Fri),
    on_or_after("Midsummer Day", 6, 20, Sat),
    on_or_after("All Saints' Day", 10, 31, Sat),
    fixed("Christmas Eve", 12, 24),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
    fixed("New Year's Eve", 12, 31),
];

/// Slovenia (Holidays and Work-Free Days Act; 2 January restored 2017).
const SI: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("New Year's Day (second day)", 1, 2),
    fixed("Prešeren Day", 2, 8),
    easter("Easter Sunday", EASTER_SUNDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Day of Uprising Against Occupation", 4, 27),
    fixed("Labour Day", 5, 1),
    fixed("Labour Day (second day)", 5, 2),
    easter("Whit Sunday", WHIT_SUNDAY),
    fixed("Statehood Day", 6, 25),
    fixed("Assumption Day", 8, 15),
    fixed("Reformation Day", 10, 31),
    fixed("Remembrance Day", 11, 1),
    fixed("Christmas Day", 12, 25),
    fixed("Independence and Unity Day", 12, 26),
];

/// Slovakia (Act 241/1993 as amended: Constitution Day is a working day from
/// 2024, Struggle for Freedom and Democracy Day from 2025; 8 May and
/// 15 September are working days in 2026 under Law 261/2025 — uncertain
/// beyond 2026).
const SK: &[Rule] = &[
    fixed("Day of the Establishment of the Slovak Republic", 1, 1),
    fixed("Epiphany", 1, 6),
    easter("Good Friday", GOOD_FRIDAY),
    easter("Easter Monday", EASTER_MONDAY),
    fixed("Labour Day", 5, 1),
    custom("Day of Victory over Fascism", sk_victory_day),
    fixed("Saints Cyril and Methodius Day", 7, 5),
    fixed("Slovak National Uprising Anniversary", 8, 29),
    fixed("Constitution Day", 9, 1).until(2023),
    custom("Our Lady of Seven Sorrows", sk_seven_sorrows),
    fixed("All Saints' Day", 11, 1),
    fixed("Struggle for Freedom and Democracy Day", 11, 17).until(2024),
    fixed("Christmas Eve", 12, 24),
    fixed("Christmas Day", 12, 25),
    fixed("Second Day of Christmas", 12, 26),
];

/// Ukraine: the statutory list of Labour Code art. 73, with the 2023
/// amendments (Christmas only on 25 December, Remembrance and Victory Day on
/// 8 May and Statehood Day on 15 July from 2024, Defenders Day on 1 October)
/// and the earlier dates before them. Suspended as days off under martial law
/// (see the module docs). Art. 67 moves a holiday on a weekend to the next
/// working day.
const UA: &[Rule] = &[
    fixed("New Year's Day", 1, 1).shift(Shift::Weekend),
    fixed("Orthodox Christmas Day", 1, 7)
        .until(2023)
        .shift(Shift::Weekend),
    fixed("International Women's Day", 3, 8).shift(Shift::Weekend),
    orthodox("Easter Sunday", EASTER_SUNDAY).shift(Shift::Weekend),
    fixed("Labour Day", 5, 1).shift(Shift::Weekend),
    fixed("Labour Day (second day)", 5, 2)
        .until(2017)
        .shift(Shift::Weekend),
    fixed("Day of Remembrance and Victory over Nazism", 5, 8)
        .from(2024)
        .shift(Shift::Weekend),
    fixed("Victory Day", 5, 9).until(2023).shift(Shift::Weekend),
    orthodox("Trinity Sunday", WHIT_SUNDAY).shift(Shift::Weekend),
    fixed("Constitution Day", 6, 28)
        .from(1997)
        .shift(Shift::Weekend),
    fixed("Statehood Day", 7, 28)
        .from(2022)
        .until(2023)
        .shift(Shift::Weekend),
    fixed("Statehood Day", 7, 15)
        .from(2024)
        .shift(Shift::Weekend),
    fixed("Independence Day", 8, 24).shift(Shift::Weekend),
    fixed("Defenders Day", 10, 14)
        .from(2015)
        .until(2022)
        .shift(Shift::Weekend),
    fixed("Defenders Day", 10, 1)
        .from(2023)
        .shift(Shift::Weekend),
    fixed("Christmas Day", 12, 25)
        .from(2017)
        .shift(Shift::Weekend),
];

// ---------------------------------------------------------------------------
// Türkiye and the Western Balkans (issue 8). Islamic feasts come from the
// dated tables above; these countries' calendars are complete only for
// LUNAR_TABLE_FIRST_YEAR..=LUNAR_TABLE_LAST_YEAR.

/// Albania (Law No. 7651 of 21 December 1992 "On official holidays and
/// commemoration days", as amended: Summer Day from 2004, Nowruz from 1996,
/// Mother Teresa Day on 5 September from 2018, National Youth Day from 2009,
/// Alphabet Day from 2024). A holiday on a Saturday or Sunday moves the day
/// off to the next working day (holidays on one date give one substitute);
/// the Council of Ministers announces the substitutes in its yearly holiday
/// calendar (Bank of Albania, "Kalendari i festave zyrtare 2026"). Both
/// Easter Sundays are holidays in law, so each gives a Monday off. One-off
/// days decreed by the Council of Ministers are modelled only within the
/// lunar table's years (15 March 2024).
const AL: &[Rule] = &[
    fixed("New Year's Day", 1, 1).shift(Shift::WeekendPerDate),
    fixed("New Year's Day (second day)", 1, 2).shift(Shift::WeekendPerDate),
    fixed("Summer Day", 3, 14)
        .from(2004)
        .shift(Shift::WeekendPerDate),
    fixed("Nowruz Day", 3, 22)
        .from(1996)
        .shift(Shift::WeekendPerDate),
    easter("Catholic Easter Sunday", EASTER_SUNDAY).shift(Shift::WeekendPerDate),
    orthodox("Orthodox Easter Sunday", EASTER_SUNDAY).shift(Shift::WeekendPerDate),
    fitr("Eid al-Fitr (Bajrami i Madh)", 0).shift(Shift::WeekendPerDate),
    fixed("International Workers' Day", 5, 1).shift(Shift::WeekendPerDate),
    adha("Eid al-Adha (Kurban Bajrami)", 0).shift(Shift::WeekendPerDate),
    fixed("Mother Teresa Canonization Day", 9, 5)
        .from(2018)
        .shift(Shift::WeekendPerDate),
    fixed("Alphabet Day", 11, 22)
        .from(2024)
        .shift(Shift::WeekendPerDate),
    fixed("Flag and Independence Day", 11, 28).shift(Shift::WeekendPerDate),
    fixed("Liberation Day", 11, 29).shift(Shift::WeekendPerDate),
    fixed("National Youth Day", 12, 8)
        .from(2009)
        .shift(Shift::WeekendPerDate),
    fixed("Christmas Day", 12, 25).shift(Shift::WeekendPerDate),
    // Council of Ministers decision (uncertain: number not known to milmob;
    // date as listed by `python-holidays`).
    once("Day off (Council of Ministers decision)", 2024, 3, 15),
];

/// Bosnia and Herzegovina: there is no state-level holiday law in force;
/// the Federation of BiH, Republika Srpska (Law on Holidays of Republika
/// Srpska) and Brčko District each set their own days off. Modelled: the
/// days off common to **all three** (as the entity lists on paragraf.ba
/// show, cross-checked with `python-holidays` v0.109 for the country as a
/// whole), like the regional holidays of DE or ES elsewhere. Left out:
/// Federation-only days (Independence Day 1 March, Statehood Day
/// 25 November, the second days of the Bajrams, Catholic Good Friday and
/// Easter Sunday, both Christmas Eves, Orthodox Easter Monday, Victory Day
/// 9 May), Republika Srpska-only days (Orthodox New Year 14 January,
/// Dayton Agreement Day 21 November, …) and Brčko's 8 March. The entities'
/// substitute rules for a holiday on a Sunday differ (Federation: New Year
/// and Labour Day on Sunday → Tuesday; RS: on Saturday → Monday) and are
/// not modelled (uncertain; none applies in 2026).
const BA: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fixed("New Year's Day (second day)", 1, 2),
    fixed("Orthodox Christmas Day", 1, 7),
    fitr("Eid al-Fitr (Ramazanski Bajram)", 0),
    easter("Catholic Easter Monday", EASTER_MONDAY),
    orthodox("Orthodox Good Friday", GOOD_FRIDAY),
    fixed("International Labour Day", 5, 1),
    fixed("International Labour Day (second day)", 5, 2),
    adha("Eid al-Adha (Kurban Bajram)", 0),
    fixed("Catholic Christmas Day", 12, 25),
];

/// Montenegro (Law on State and Other Holidays, Official Gazette of the
/// Republic of Montenegro 27/07, amended 2022: Njegoš Day 13 November). A
/// state holiday on a Sunday moves the day off to the next working day
/// (for a two-day holiday starting on Sunday: the Tuesday). Religious
/// holidays (Orthodox and Catholic Christmas and Easter, Ramazanski and
/// Kurbanski Bajram, Pesach, Yom Kippur) are days off only for the
/// believers concerned under the Law on the Celebration of Religious
/// Holidays, so state offices stay open: not modelled as days off.
const ME: &[Rule] = &[
    fixed("New Year's Day", 1, 1).shift(Shift::Sunday),
    fixed("New Year's Day (second day)", 1, 2).shift(Shift::Sunday),
    fixed("Labour Day", 5, 1).shift(Shift::Sunday),
    fixed("Labour Day (second day)", 5, 2).shift(Shift::Sunday),
    fixed("Independence Day", 5, 21).shift(Shift::Sunday),
    fixed("Independence Day (second day)", 5, 22).shift(Shift::Sunday),
    fixed("Statehood Day", 7, 13).shift(Shift::Sunday),
    fixed("Statehood Day (second day)", 7, 14).shift(Shift::Sunday),
    fixed("Njegoš Day", 11, 13).from(2022).shift(Shift::Sunday),
    // Government decision (uncertain: as listed by `python-holidays`).
    once(
        "Njegoš Day (extra day off, government decision)",
        2024,
        11,
        14,
    ),
];

/// North Macedonia (Law on Holidays of the Republic of Macedonia, Official
/// Gazette 21/98, amended 18/07): the holidays that are non-working days
/// for all citizens; a holiday on a Sunday moves the day off to the next
/// working day (the government's yearly "Programme of non-working days"
/// lists the substitutes). Orthodox Christmas and Easter follow the Julian
/// computus. Days off only for the believers or communities concerned
/// (Orthodox Christmas Eve, Epiphany, Good Friday, Pentecost, Dormition;
/// Kurban Bajram for Muslims; Catholic Easter and Christmas; Yom Kippur;
/// the Albanian, Turkish, Roma, Vlach, Serbian and Bosniak community days)
/// are not modelled. Ramazan Bajram (first day) is a day off for all.
const MK: &[Rule] = &[
    fixed("New Year's Day", 1, 1).shift(Shift::Sunday),
    fixed("Orthodox Christmas Day", 1, 7)
        .from(2008)
        .shift(Shift::Sunday),
    fitr("Eid al-Fitr (Ramazan Bajram)", 0)
        .from(2007)
        .shift(Shift::Sunday),
    orthodox("Orthodox Easter Monday", EASTER_MONDAY).from(2007),
    fixed("Labour Day", 5, 1).shift(Shift::Sunday),
    fixed("Saints Cyril and Methodius Day", 5, 24)
        .from(2007)
        .shift(Shift::Sunday),
    fixed("Republic Day (Ilinden)", 8, 2).shift(Shift::Sunday),
    fixed("Independence Day", 9, 8).shift(Shift::Sunday),
    fixed("Day of the People's Uprising", 10, 11).shift(Shift::Sunday),
    fixed("Day of the Macedonian Revolutionary Struggle", 10, 23)
        .from(2007)
        .shift(Shift::Sunday),
    fixed("Saint Clement of Ohrid Day", 12, 8)
        .from(2007)
        .shift(Shift::Sunday),
    // Presidential and parliamentary election days declared non-working
    // (US Embassy Skopje alert of 2024, as cited by `python-holidays`).
    once("Election Day", 2024, 4, 24),
    once("Election Day", 2024, 5, 8),
];

/// Türkiye (Law 2429 of 17 March 1981 on National Holidays and General
/// Holidays, as amended: Labour and Solidarity Day from 2009, Democracy and
/// National Unity Day from 2017). No substitute days. Ramazan Bayramı is
/// 3 days and Kurban Bayramı 4 days from the Diyanet dates; their eves
/// (arife) and 28 October (Republic Day eve) are **half** days off from
/// 13:00, which milmob's calendars cannot represent (office hours are the
/// same on every working day): the eves count as working days. Days of
/// administrative leave that the Presidency grants public servants to bridge
/// a Bayram (idari izin) are decided case by case and not modelled (use an
/// overlay file).
const TR: &[Rule] = &[
    fixed("New Year's Day", 1, 1),
    fitr("Ramazan Bayramı (Eid al-Fitr), day 1", 0),
    fitr("Ramazan Bayramı (Eid al-Fitr), day 2", 1),
    fitr("Ramazan Bayramı (Eid al-Fitr), day 3", 2),
    fixed("National Sovereignty and Children's Day", 4, 23),
    fixed("Labour and Solidarity Day", 5, 1).from(2009),
    fixed("Commemoration of Atatürk, Youth and Sports Day", 5, 19),
    adha("Kurban Bayramı (Eid al-Adha), day 1", 0),
    adha("Kurban Bayramı (Eid al-Adha), day 2", 1),
    adha("Kurban Bayramı (Eid al-Adha), day 3", 2),
    adha("Kurban Bayramı (Eid al-Adha), day 4", 3),
    fixed("Democracy and National Unity Day", 7, 15).from(2017),
    fixed("Victory Day", 8, 30),
    fixed("Republic Day", 10, 29),
];

/// Kosovo (Law No. 03/L-064 on Official Holidays in the Republic of
/// Kosovo, 2008). A holiday on a Saturday or Sunday moves the day off to
/// the next working day (holidays on one date give one substitute), as the
/// Central Bank of Kosovo's holiday calendar shows; both Easter Sundays
/// are holidays, so each gives a Monday off. Only the first days of the
/// Bajrams are holidays.
const XK: &[Rule] = &[
    fixed("New Year's Day", 1, 1).shift(Shift::WeekendPerDate),
    fixed("New Year's Day (second day)", 1, 2).shift(Shift::WeekendPerDate),
    fixed("Orthodox Christmas Day", 1, 7).shift(Shift::WeekendPerDate),
    fixed("Independence Day", 2, 17).shift(Shift::WeekendPerDate),
    fitr("Eid al-Fitr (Bajrami i Madh)", 0).shift(Shift::WeekendPerDate),
    easter("Catholic Easter", EASTER_SUNDAY).shift(Shift::WeekendPerDate),
    fixed("Constitution Day", 4, 9).shift(Shift::WeekendPerDate),
    orthodox("Orthodox Easter", EASTER_SUNDAY).shift(Shift::WeekendPerDate),
    fixed("International Labour Day", 5, 1).shift(Shift::WeekendPerDate),
    fixed("Europe Day", 5, 9).shift(Shift::WeekendPerDate),
    adha("Eid al-Adha (Kurban Bajrami)", 0).shift(Shift::WeekendPerDate),
    fixed("Catholic Christmas Day", 12, 25).shift(Shift::WeekendPerDate),
];

// ---------------------------------------------------------------------------
// Transferred working days: Saturdays that are working days by decree, to
// work off a bridge day (see HU and LV above).

/// `(country, year, month, day, name)`: a Saturday that is a working day.
const TRANSFERRED_WORKING_DAYS: &[(&str, i32, u32, u32, &str)] = &[
    // HU: NGM decree 11/2024 (2025 schedule, uncertain number), NGM decree
    // 10/2025 (2026 schedule).
    ("HU", 2025, 5, 17, "Working Saturday (for Friday 2 May)"),
    (
        "HU",
        2025,
        10,
        18,
        "Working Saturday (for Friday 24 October)",
    ),
    (
        "HU",
        2025,
        12,
        13,
        "Working Saturday (for Wednesday 24 December)",
    ),
    ("HU", 2026, 1, 10, "Working Saturday (for Friday 2 January)"),
    ("HU", 2026, 8, 8, "Working Saturday (for Friday 21 August)"),
    // LV: Cabinet orders on moving working days in 2025 and 2026.
    ("LV", 2025, 5, 10, "Working Saturday (for Friday 2 May)"),
    (
        "LV",
        2025,
        11,
        8,
        "Working Saturday (for Monday 17 November)",
    ),
    ("LV", 2026, 1, 17, "Working Saturday (for Friday 2 January)"),
    ("LV", 2026, 6, 27, "Working Saturday (for Monday 22 June)"),
];

/// The weekend days of `year` that are working days in the country by
/// decree (transferred working days), sorted by date, each named after the
/// day off it works off.
pub(crate) fn transferred_working_days(code: &str, year: i32) -> Vec<Holiday> {
    TRANSFERRED_WORKING_DAYS
        .iter()
        .filter(|&&(c, y, ..)| c == code && y == year)
        .filter_map(|&(_, y, m, d, name)| {
            Some(Holiday {
                date: NaiveDate::from_ymd_opt(y, m, d)?,
                name: name.to_string(),
            })
        })
        .collect()
}

/// The rule table of a country, by ISO code.
fn table(code: &str) -> Option<&'static [Rule]> {
    Some(match code {
        "AL" => AL,
        "AT" => AT,
        "BA" => BA,
        "BE" => BE,
        "BG" => BG,
        "CH" => CH,
        "CY" => CY,
        "CZ" => CZ,
        "DE" => DE,
        "DK" => DK,
        "EE" => EE,
        "ES" => ES,
        "FI" => FI,
        "FR" => FR,
        "GB" => GB,
        "GR" => GR,
        "HR" => HR,
        "HU" => HU,
        "IE" => IE,
        "IT" => IT,
        "LT" => LT,
        "LU" => LU,
        "LV" => LV,
        "MD" => MD,
        "ME" => ME,
        "MK" => MK,
        "MT" => MT,
        "NL" => NL,
        "NO" => NO,
        "PL" => PL,
        "PT" => PT,
        "RO" => RO,
        "RS" => RS,
        "SE" => SE,
        "SI" => SI,
        "SK" => SK,
        "TR" => TR,
        "UA" => UA,
        "XK" => XK,
        _ => return None,
    })
}

/// Whether milmob has holiday rules for the country with this ISO code.
pub(crate) fn has_rules(code: &str) -> bool {
    table(code).is_some()
}

/// The statutory holidays of a country in `year`, sorted by date, one entry
/// per date (coinciding feasts joined with `"; "`), substitute days
/// included. `None` if there are no rules for the country.
pub(crate) fn statutory_holidays(code: &str, year: i32) -> Option<Vec<Holiday>> {
    let rules = table(code)?;
    // Raw dates of the year before, the year and the year after: substitute
    // days may cross a year boundary, and a substitute must avoid the next
    // year's holidays too.
    let mut raw: Vec<(NaiveDate, &'static str, Shift)> = Vec::new();
    for y in [year.checked_sub(1), Some(year), year.checked_add(1)]
        .into_iter()
        .flatten()
    {
        for r in rules {
            if let Some(d) = r.date(y) {
                let shift = if y >= r.shift_from {
                    r.shift
                } else {
                    Shift::No
                };
                raw.push((d, r.name, shift));
            }
        }
    }
    raw.sort_by_key(|&(d, name, _)| (d, rule_index(rules, name)));

    let mut by_date: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    for &(d, name, _) in &raw {
        by_date.entry(d).or_default().push(name.to_string());
    }
    let holiday_dates: Vec<NaiveDate> = by_date.keys().copied().collect();

    // Substitute days, in date order of the holidays that cause them.
    let mut taken: Vec<NaiveDate> = Vec::new();
    let mut substitutes: Vec<(NaiveDate, String)> = Vec::new();
    let mut shifted_dates: Vec<NaiveDate> = Vec::new();
    for (i, &(d, name, shift)) in raw.iter().enumerate() {
        let weekend = matches!(d.weekday(), Sat | Sun);
        let needs = match shift {
            Shift::No => false,
            Shift::Weekend => weekend,
            Shift::WeekendPerDate => weekend && !shifted_dates.contains(&d),
            Shift::Sunday => d.weekday() == Sun,
            Shift::WeekendOrMondayHoliday => {
                weekend
                    || (d.weekday() == Mon
                        && raw
                            .iter()
                            .enumerate()
                            .any(|(j, &(d2, _, _))| j != i && d2 == d))
            }
        };
        if !needs {
            continue;
        }
        let mut s = d;
        // Bounded: at most a few weeks ahead in any real table.
        for _ in 0..60 {
            let Some(next) = s.succ_opt() else { break };
            s = next;
            let free = !matches!(s.weekday(), Sat | Sun)
                && holiday_dates.binary_search(&s).is_err()
                && !taken.contains(&s);
            if free {
                taken.push(s);
                shifted_dates.push(d);
                // One substitute for a whole date names every feast on it.
                let label = match (shift, by_date.get(&d)) {
                    (Shift::WeekendPerDate, Some(names)) => names.join("; "),
                    _ => name.to_string(),
                };
                substitutes.push((s, format!("{label} (substitute day)")));
                break;
            }
        }
    }
    for (d, name) in substitutes {
        by_date.entry(d).or_default().push(name);
    }

    Some(
        by_date
            .into_iter()
            .filter(|(d, _)| d.year() == year)
            .map(|(date, names)| Holiday {
                date,
                name: names.join("; "),
            })
            .collect(),
    )
}

/// Position of a rule in its table (for a stable order of joined names).
fn rule_index(rules: &[Rule], name: &str) -> usize {
    rules
        .iter()
        .position(|r| r.name == name)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(code: &str, year: i32) -> Vec<NaiveDate> {
        statutory_holidays(code, year)
            .unwrap()
            .into_iter()
            .map(|h| h.date)
            .collect()
    }

    #[test]
    fn last_and_nth_weekday() {
        assert_eq!(last("x", 5, Mon).date(2027), Some(d(2027, 5, 31)));
        assert_eq!(last("x", 12, Sun).date(2027), Some(d(2027, 12, 26)));
        assert_eq!(nth("x", 5, Mon, 1).date(2026), Some(d(2026, 5, 4)));
        assert_eq!(
            on_or_after("x", 6, 19, Fri).date(2026),
            Some(d(2026, 6, 19))
        );
        assert_eq!(
            on_or_after("x", 10, 31, Sat).date(2027),
            Some(d(2027, 11, 6))
        );
    }

    #[test]
    fn gb_substitutes() {
        let h = statutory_holidays("GB", 2027).unwrap();
        let last3: Vec<_> = h.iter().rev().take(4).rev().collect();
        assert_eq!(last3[0].date, d(2027, 12, 25));
        assert_eq!(last3[1].date, d(2027, 12, 26));
        assert_eq!(last3[2].date, d(2027, 12, 27));
        assert_eq!(last3[2].name, "Christmas Day (substitute day)");
        assert_eq!(last3[3].date, d(2027, 12, 28));
        assert_eq!(last3[3].name, "Boxing Day (substitute day)");
        // 2022: Christmas on Sunday, Boxing Day Monday, substitute Tuesday.
        assert!(dates("GB", 2022).contains(&d(2022, 12, 27)));
        // 2028: New Year's Day on Saturday -> Monday 3 January.
        assert!(dates("GB", 2028).contains(&d(2028, 1, 3)));
    }

    #[test]
    fn coinciding_feasts_are_joined() {
        let h = statutory_holidays("NO", 2027).unwrap();
        let may17 = h.iter().find(|h| h.date == d(2027, 5, 17)).unwrap();
        assert_eq!(may17.name, "Constitution Day; Whit Monday");
        let mut sorted = h.clone();
        sorted.sort();
        sorted.dedup_by_key(|h| h.date);
        assert_eq!(sorted, h);
    }

    #[test]
    fn greek_labour_day_moves_off_easter() {
        // 2027: 1 May is Holy Saturday -> Tuesday 4 May (Monday is Easter Monday).
        assert!(dates("GR", 2027).contains(&d(2027, 5, 4)));
    }

    #[test]
    fn bulgarian_substitutes() {
        let h = dates("BG", 2027);
        assert!(h.contains(&d(2027, 5, 4)));
        assert!(h.contains(&d(2027, 12, 27)));
        assert!(h.contains(&d(2027, 12, 28)));
    }

    #[test]
    fn unknown_country_has_no_rules() {
        assert!(statutory_holidays("BY", 2026).is_none());
        assert!(!has_rules("ZZ"));
    }
}
