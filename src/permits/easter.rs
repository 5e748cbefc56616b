//! Easter Sunday: Western (Gregorian computus) and Orthodox (Julian computus
//! converted to the Gregorian calendar).
//!
//! Both functions return a Gregorian [`NaiveDate`]. Western Easter is defined
//! for years from 1583 (the first full Gregorian year); Orthodox Easter for
//! years from 1583 as well (the Julian computus itself is older, but the
//! conversion to Gregorian dates only makes sense after the reform). Years
//! outside 1583..=9999 give `None`.

use chrono::NaiveDate;

/// First year for which Easter dates are computed.
pub const FIRST_EASTER_YEAR: i32 = 1583;
/// Last year for which Easter dates are computed.
pub const LAST_EASTER_YEAR: i32 = 9999;

fn in_range(year: i32) -> bool {
    (FIRST_EASTER_YEAR..=LAST_EASTER_YEAR).contains(&year)
}

/// Western Easter Sunday of `year` (Gregorian computus, the
/// "Anonymous Gregorian algorithm" of Meeus / Jones / Butcher).
///
/// ```
/// use chrono::NaiveDate;
/// use milmob::permits::western_easter;
/// assert_eq!(western_easter(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
/// assert_eq!(western_easter(2027), NaiveDate::from_ymd_opt(2027, 3, 28));
/// ```
pub fn western_easter(year: i32) -> Option<NaiveDate> {
    if !in_range(year) {
        return None;
    }
    let y = year;
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Orthodox Easter Sunday of `year`, as a Gregorian date: the Julian computus
/// (Meeus) gives a Julian-calendar date in March–May, which is shifted by the
/// Julian–Gregorian difference `year/100 − year/400 − 2` days (13 days in
/// 1900–2099, 14 in 2100–2199).
///
/// ```
/// use chrono::NaiveDate;
/// use milmob::permits::orthodox_easter;
/// assert_eq!(orthodox_easter(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
/// assert_eq!(orthodox_easter(2027), NaiveDate::from_ymd_opt(2027, 5, 2));
/// ```
pub fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    if !in_range(year) {
        return None;
    }
    let y = year;
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // The Julian date (y, month, day) is not a valid *Gregorian* date only if
    // it were 29 Feb of a non-Gregorian-leap year, which cannot happen for a
    // date in March..May; so building it as a proleptic Gregorian NaiveDate
    // and shifting by the calendar difference is exact.
    let julian = NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
    let shift = i64::from(y / 100 - y / 400 - 2);
    julian.checked_add_signed(chrono::TimeDelta::try_days(shift)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn western_known_dates() {
        let known = [
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
            (2285, 3, 22),
        ];
        for (y, m, day) in known {
            assert_eq!(western_easter(y), Some(d(y, m, day)), "{y}");
        }
    }

    #[test]
    fn orthodox_known_dates() {
        let known = [
            (2000, 4, 30),
            (2008, 4, 27),
            (2010, 4, 4),
            (2021, 5, 2),
            (2023, 4, 16),
            (2024, 5, 5),
            (2025, 4, 20),
            (2026, 4, 12),
            (2027, 5, 2),
            (2028, 4, 16),
            (2029, 4, 8),
            (2030, 4, 28),
        ];
        for (y, m, day) in known {
            assert_eq!(orthodox_easter(y), Some(d(y, m, day)), "{y}");
        }
    }

    #[test]
    fn always_a_sunday_in_range() {
        use chrono::Datelike;
        for y in 1900..=2200 {
            let w = western_easter(y).unwrap();
            let o = orthodox_easter(y).unwrap();
            assert_eq!(w.weekday(), chrono::Weekday::Sun);
            assert_eq!(o.weekday(), chrono::Weekday::Sun);
            assert!(o >= w, "{y}: orthodox {o} before western {w}");
            assert!(w >= d(y, 3, 22) && w <= d(y, 4, 25));
        }
    }

    #[test]
    fn out_of_range_is_none() {
        assert_eq!(western_easter(1000), None);
        assert_eq!(orthodox_easter(-5), None);
        assert_eq!(western_easter(10_000), None);
    }
}
