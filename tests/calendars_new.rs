//! Issue 8 calendars: Türkiye and the Western Balkans (AL, BA, ME, MK, TR,
//! XK) checked for 2026 against the dates their laws give; the Islamic feast
//! tables and their bounded years; decreed bridge days (HU, LV, BG) and the
//! Saturdays worked for them; user overlay files of extra days off (parse,
//! apply, every error kind naming file, line and key) and the invariants an
//! overlay must keep.

use std::io::Write;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, TimeZone, Utc, Weekday};
use milmob::country::Country;
use milmob::permits::{
    CalendarOverlay, Calendars, CargoClass, ExtraDay, OverlayErrorKind, PermitError, PermitRegime,
    WorkingCalendar, LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR,
};
use proptest::prelude::*;

fn c(code: &str) -> Country {
    code.parse().unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn calendars() -> &'static Calendars {
    static CALS: OnceLock<Calendars> = OnceLock::new();
    CALS.get_or_init(Calendars::new)
}

fn cal(code: &str) -> &'static WorkingCalendar {
    calendars().get(c(code)).unwrap()
}

fn at(code: &str, y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    c(code)
        .time_zone()
        .with_ymd_and_hms(y, m, day, h, min, 0)
        .earliest()
        .unwrap()
        .to_utc()
}

fn dates(code: &str, year: i32) -> Vec<NaiveDate> {
    cal(code)
        .holidays(year)
        .into_iter()
        .map(|h| h.date)
        .collect()
}

/// `(month, day)` pairs of `year` as dates.
fn md(year: i32, list: &[(u32, u32)]) -> Vec<NaiveDate> {
    list.iter().map(|&(m, day)| d(year, m, day)).collect()
}

// ------------------------------------------------------- countries, 2026

#[test]
fn turkey_2026_law_2429_and_diyanet() {
    // Law 2429: 1 Jan, 23 Apr, 1 May, 19 May, 15 Jul, 30 Aug, 29 Oct;
    // Ramazan Bayramı 20–22 March, Kurban Bayramı 27–30 May (Diyanet).
    assert_eq!(
        dates("TR", 2026),
        md(
            2026,
            &[
                (1, 1),
                (3, 20),
                (3, 21),
                (3, 22),
                (4, 23),
                (5, 1),
                (5, 19),
                (5, 27),
                (5, 28),
                (5, 29),
                (5, 30),
                (7, 15),
                (8, 30),
                (10, 29),
            ]
        )
    );
    let tr = cal("TR");
    // Half days (eves from 13:00) count as working days.
    for eve in [d(2026, 3, 19), d(2026, 5, 26), d(2026, 10, 28)] {
        assert!(tr.is_working_day(eve), "{eve}");
    }
    // No substitute days: Victory Day on Sunday 30 August gives no Monday.
    assert!(tr.is_working_day(d(2026, 8, 31)));
    // Wednesday 26 May 10:00 + 1 working day: Kurban Bayramı (Wed–Sat) and
    // Sunday pass, Monday 1 June.
    assert_eq!(
        tr.add_working_days(at("TR", 2026, 5, 26, 10, 0), 1, None),
        at("TR", 2026, 6, 1, 10, 0)
    );
}

#[test]
fn north_macedonia_2026_law_on_holidays() {
    // Law on Holidays (OG 21/98, 18/07): Sunday holidays move to Monday.
    assert_eq!(
        dates("MK", 2026),
        md(
            2026,
            &[
                (1, 1),
                (1, 7),
                (3, 20), // Ramazan Bajram
                (4, 13), // Orthodox Easter Monday (Easter 12 April)
                (5, 1),
                (5, 24), // Sts Cyril and Methodius, Sunday
                (5, 25), // substitute
                (8, 2),  // Ilinden, Sunday
                (8, 3),  // substitute
                (9, 8),
                (10, 11), // Sunday
                (10, 12), // substitute
                (10, 23),
                (12, 8),
            ]
        )
    );
    // Kurban Bajram is a day off only for Muslim citizens: a working day.
    assert!(cal("MK").is_working_day(d(2026, 5, 27)));
    // 2025: Ramazan Bajram on Sunday 30 March -> Monday 31 March off.
    assert!(!cal("MK").is_working_day(d(2025, 3, 31)));
}

#[test]
fn albania_2026_law_7651() {
    // Law 7651: holidays on Saturday or Sunday move to the next working day.
    assert_eq!(
        dates("AL", 2026),
        md(
            2026,
            &[
                (1, 1),
                (1, 2),
                (3, 14), // Summer Day, Saturday
                (3, 16), // substitute
                (3, 20), // Bajrami i Madh
                (3, 22), // Nowruz, Sunday
                (3, 23), // substitute
                (4, 5),  // Catholic Easter
                (4, 6),
                (4, 12), // Orthodox Easter
                (4, 13),
                (5, 1),
                (5, 27), // Kurban Bajrami
                (9, 5),  // Mother Teresa, Saturday
                (9, 7),
                (11, 22), // Alphabet Day, Sunday
                (11, 23),
                (11, 28), // Saturday
                (11, 29), // Sunday
                (11, 30),
                (12, 1),
                (12, 8),
                (12, 25),
            ]
        )
    );
    // 2025: both Easters on 20 April give one Monday, not two.
    let al = cal("AL");
    assert!(!al.is_working_day(d(2025, 4, 21)));
    assert!(al.is_working_day(d(2025, 4, 22)));
}

#[test]
fn bosnia_and_herzegovina_2026_common_days_off() {
    // Days off in the Federation, Republika Srpska and Brčko alike.
    assert_eq!(
        dates("BA", 2026),
        md(
            2026,
            &[
                (1, 1),
                (1, 2),
                (1, 7),
                (3, 20),
                (4, 6),  // Catholic Easter Monday
                (4, 10), // Orthodox Good Friday
                (5, 1),
                (5, 2),
                (5, 27),
                (12, 25),
            ]
        )
    );
    // Entity-only days are working days in the model.
    let ba = cal("BA");
    assert!(ba.is_working_day(d(2026, 3, 2))); // Federation's 1 March is a Sunday; 2 March works
    assert!(ba.is_working_day(d(2026, 11, 25))); // Federation's Statehood Day
    assert!(ba.is_working_day(d(2026, 1, 9))); // RS Day of the Republic (not a national holiday)
}

#[test]
fn montenegro_2026_state_holidays_only() {
    assert_eq!(
        dates("ME", 2026),
        md(
            2026,
            &[
                (1, 1),
                (1, 2),
                (5, 1),
                (5, 2),
                (5, 21),
                (5, 22),
                (7, 13),
                (7, 14),
                (11, 13),
            ]
        )
    );
    // Religious holidays are days off only for believers: state offices work.
    let me = cal("ME");
    assert!(me.is_working_day(d(2026, 1, 7)));
    assert!(me.is_working_day(d(2026, 3, 20)));
    assert_eq!(me.covered_years(), None);
    // 2028: Independence Day on Sunday 21 May, second day Monday 22 ->
    // substitute Tuesday 23 May.
    assert!(!me.is_working_day(d(2028, 5, 23)));
}

#[test]
fn kosovo_2026_law_03_l_064() {
    assert_eq!(
        dates("XK", 2026),
        md(
            2026,
            &[
                (1, 1),
                (1, 2),
                (1, 7),
                (2, 17),
                (3, 20),
                (4, 5), // Catholic Easter (Sunday)
                (4, 6),
                (4, 9),
                (4, 12), // Orthodox Easter (Sunday)
                (4, 13),
                (5, 1),
                (5, 9), // Europe Day, Saturday
                (5, 11),
                (5, 27),
                (12, 25),
            ]
        )
    );
}

#[test]
fn routes_into_north_macedonia_get_permits() {
    // Before issue 8, MK had no calendar and every permit was refused.
    let regime = PermitRegime::builtin("pledge-2024").unwrap();
    // Thursday 19 March 2026 09:00 Skopje + 3 working days: Ramazan Bajram
    // (Friday 20) and the weekend pass -> Wednesday 25 March 09:00.
    let g = regime
        .grant_instant(
            calendars(),
            c("MK"),
            CargoClass::Standard,
            None,
            at("MK", 2026, 3, 19, 9, 0),
        )
        .unwrap();
    assert_eq!(g, at("MK", 2026, 3, 25, 9, 0));
}

// ------------------------------------------------------------ lunar tables

#[test]
fn lunar_tables_cover_their_years_and_refuse_others() {
    assert_eq!(
        (LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR),
        (2023, 2030)
    );
    // One Eid al-Fitr and one Eid al-Adha per covered year in every lunar country.
    for code in ["AL", "BA", "MK", "TR", "XK"] {
        let k = cal(code);
        assert_eq!(k.covered_years(), Some(2023..=2030), "{code}");
        for y in 2023..=2030 {
            let h = k.holidays(y);
            let fitr = h.iter().filter(|h| h.name.contains("Eid al-Fitr")).count();
            assert!(fitr >= 1, "{code} {y}: {h:?}");
            if code != "MK" {
                assert!(
                    h.iter().any(|h| h.name.contains("Eid al-Adha")),
                    "{code} {y}"
                );
            }
        }
        assert!(k.try_holidays(2022).is_err());
        assert!(k.try_holidays(2031).is_err());
    }
    // Known first days (Diyanet): Ramazan Bayramı and Kurban Bayramı.
    let tr = dates("TR", 2025);
    assert!(tr.contains(&d(2025, 3, 30)) && tr.contains(&d(2025, 6, 6)));
    let tr = dates("TR", 2028);
    assert!(tr.contains(&d(2028, 2, 26)) && tr.contains(&d(2028, 5, 5)));

    // A permit whose days fall after the table is a typed error, not a
    // silent "no lunar holiday".
    let regime = PermitRegime::builtin("pledge-2024").unwrap();
    let e = regime
        .grant_instant(
            calendars(),
            c("TR"),
            CargoClass::Standard,
            None,
            at("TR", 2031, 3, 3, 9, 0),
        )
        .unwrap_err();
    match &e {
        PermitError::YearNotCovered {
            country,
            year,
            first,
            last,
            ..
        } => {
            assert_eq!(
                (country.code(), *year, *first, *last),
                ("TR", 2031, 2023, 2030)
            );
        }
        other => panic!("expected YearNotCovered, got {other}"),
    }
    assert!(e.to_string().contains("Türkiye"), "{e}");
    // The inverse search fails the same way.
    assert!(regime
        .latest_request_for(
            calendars(),
            c("AL"),
            CargoClass::Standard,
            None,
            at("AL", 2031, 1, 20, 9, 0)
        )
        .is_err());
    // Notification-only regimes need no calendar year.
    let standing = PermitRegime::builtin("standing").unwrap();
    assert!(standing
        .grant_instant(
            calendars(),
            c("TR"),
            CargoClass::Standard,
            Some("NATO"),
            at("TR", 2031, 3, 3, 9, 0)
        )
        .is_ok());
}

// ------------------------------------------------------------- bridge days

#[test]
fn bridge_days_2026() {
    let hu = cal("HU");
    // NGM decree 10/2025: Friday 2 January and Friday 21 August off, worked
    // on Saturdays 10 January and 8 August.
    assert!(!hu.is_working_day(d(2026, 1, 2)));
    assert!(!hu.is_working_day(d(2026, 8, 21)));
    assert!(hu.is_working_day(d(2026, 1, 10)));
    assert!(hu.is_working_day(d(2026, 8, 8)));
    let worked: Vec<_> = hu
        .transferred_working_days(2026)
        .into_iter()
        .map(|h| h.date)
        .collect();
    assert_eq!(worked, vec![d(2026, 1, 10), d(2026, 8, 8)]);
    // Wednesday 19 August + 1 working day: Thursday 20 is State Foundation
    // Day, Friday 21 a bridge day, the weekend follows -> Monday 24 August.
    assert_eq!(
        hu.add_working_days(at("HU", 2026, 8, 19, 10, 0), 1, None),
        at("HU", 2026, 8, 24, 10, 0)
    );
    // Friday 7 August + 1: the working Saturday 8 August.
    assert_eq!(
        hu.add_working_days(at("HU", 2026, 8, 7, 10, 0), 1, None),
        at("HU", 2026, 8, 8, 10, 0)
    );

    let lv = cal("LV");
    assert!(!lv.is_working_day(d(2026, 1, 2)));
    assert!(!lv.is_working_day(d(2026, 6, 22)));
    assert!(lv.is_working_day(d(2026, 1, 17)));
    assert!(lv.is_working_day(d(2026, 6, 27)));
    // Friday 19 June + 1: Monday 22 moved, 23–24 Midsummer -> Thursday 25.
    assert_eq!(
        lv.add_working_days(at("LV", 2026, 6, 19, 10, 0), 1, None),
        at("LV", 2026, 6, 25, 10, 0)
    );

    let bg = cal("BG");
    assert!(!bg.is_working_day(d(2026, 1, 2)));
    assert!(bg.transferred_working_days(2026).is_empty());
    // Other years are not affected.
    assert!(hu.is_working_day(d(2027, 1, 4)));
    assert!(!hu.is_working_day(d(2027, 1, 9))); // an ordinary Saturday
}

// ----------------------------------------------------------------- overlay

const EXAMPLE: &str = include_str!("../data/holidays/example-extra.toml");

fn write_temp(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

#[test]
fn example_overlay_parses_and_applies() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/holidays/example-extra.toml"
    );
    let overlay = CalendarOverlay::load(path).unwrap();
    assert_eq!(
        overlay,
        CalendarOverlay::from_toml_str(EXAMPLE, "x").unwrap()
    );
    assert_eq!(overlay.len(), 3);
    assert!(EXAMPLE.contains("ILLUSTRATIVE"));

    let cals = Calendars::with_overlay(overlay);
    let de = cals.get(c("DE")).unwrap();
    assert!(!de.is_working_day(d(2026, 3, 10)));
    assert!(cal("DE").is_working_day(d(2026, 3, 10)));
    let h = de.holidays(2026);
    let mourning = h.iter().find(|h| h.date == d(2026, 3, 10)).unwrap();
    assert_eq!(
        mourning.name,
        "Day of mourning (illustrative) (extra non-working day)"
    );
    // Monday 9 March 10:00 + 1 working day skips Tuesday 10 -> Wednesday 11.
    assert_eq!(
        de.add_working_days(at("DE", 2026, 3, 9, 10, 0), 1, None),
        at("DE", 2026, 3, 11, 10, 0)
    );
    // Through a regime.
    let regime = PermitRegime::builtin("pledge-2024").unwrap();
    let g = |cals: &Calendars| {
        regime
            .grant_instant(
                cals,
                c("DE"),
                CargoClass::Standard,
                None,
                at("DE", 2026, 3, 9, 10, 0),
            )
            .unwrap()
    };
    assert_eq!(g(&cals), g(calendars()) + TimeDelta::try_days(1).unwrap());
    // MK: the announced Bajram day.
    assert!(!cals.get(c("MK")).unwrap().is_working_day(d(2027, 3, 10)));
    // Countries without overlay days are unchanged.
    assert_eq!(
        cals.get(c("FR")).unwrap().holidays(2026),
        cal("FR").holidays(2026)
    );
}

/// The error of an overlay text written to a temporary file: (line, entry,
/// key, kind), after checking that the message names the file.
fn overlay_error(text: &str) -> (usize, usize, String, OverlayErrorKind) {
    let f = write_temp(text);
    let e = CalendarOverlay::load(f.path()).unwrap_err();
    let msg = e.to_string();
    let file = f.path().display().to_string();
    assert!(msg.starts_with(&file), "{msg}");
    match e {
        PermitError::Overlay {
            origin,
            line,
            entry,
            key,
            kind,
        } => {
            assert_eq!(origin, file);
            assert!(msg.contains(&format!(":{line}:")), "{msg}");
            if !key.is_empty() {
                assert!(msg.contains(&format!("key `{key}`")), "{msg}");
            }
            (line, entry, key, kind)
        }
        other => panic!("expected an overlay error, got {other}"),
    }
}

#[test]
fn overlay_errors_name_file_line_and_key() {
    let ok = "[[day]]\ncountry = \"DE\"\ndate = \"2026-03-10\"\nname = \"x\"\n";

    let (line, entry, key, kind) = overlay_error(&format!(
        "{ok}[[day]]\ncountry = \"XX\"\ndate = \"2026-03-11\"\nname = \"y\"\n"
    ));
    assert_eq!((line, entry, key.as_str()), (6, 2, "country"));
    assert_eq!(kind, OverlayErrorKind::UnknownCountry("XX".into()));

    let (line, _, key, kind) =
        overlay_error("[[day]]\ncountry = \"BY\"\ndate = \"2026-03-11\"\nname = \"y\"\n");
    assert_eq!((line, key.as_str()), (2, "country"));
    assert_eq!(kind, OverlayErrorKind::NoCalendar(c("BY")));

    let (line, _, key, kind) =
        overlay_error("[[day]]\ncountry = \"DE\"\ndate = \"10/03/2026\"\nname = \"y\"\n");
    assert_eq!((line, key.as_str()), (3, "date"));
    assert_eq!(kind, OverlayErrorKind::BadDate("10/03/2026".into()));

    // A missing key is reported at the `[[day]]` header of its entry.
    let (line, entry, key, kind) = overlay_error(&format!(
        "{ok}[[day]]\ndate = \"2026-03-11\"\nname = \"y\"\n"
    ));
    assert_eq!((line, entry, key.as_str()), (5, 2, "country"));
    assert_eq!(kind, OverlayErrorKind::MissingKey);

    let (_, entry, key, kind) = overlay_error("[[day]]\ncountry = \"DE\"\ndate = \"2026-03-11\"\n");
    assert_eq!((entry, key.as_str()), (1, "name"));
    assert_eq!(kind, OverlayErrorKind::MissingKey);

    let (line, entry, key, kind) = overlay_error(&format!(
        "{ok}\n[[day]]\ncountry = \"DE\"\ndate = 2026-03-10\nname = \"twice\"\n"
    ));
    assert_eq!((line, entry, key.as_str()), (8, 2, "date"));
    assert_eq!(kind, OverlayErrorKind::Duplicate { first_line: 3 });

    let (line, entry, key, kind) = overlay_error(&format!("{ok}comment = \"why\"\n"));
    assert_eq!((line, entry, key.as_str()), (5, 1, "comment"));
    assert_eq!(kind, OverlayErrorKind::UnknownKey);

    let (line, _, key, kind) =
        overlay_error("[[day]]\ncountry = \"DE\"\ndate = \"2026-03-10\"\nname = 7\n");
    assert_eq!((line, key.as_str()), (4, "name"));
    assert!(matches!(kind, OverlayErrorKind::WrongType { .. }));

    let (line, _, _, kind) = overlay_error("[[day]\ncountry = \"DE\"\n");
    assert_eq!(line, 1);
    assert!(matches!(kind, OverlayErrorKind::Syntax(_)));

    // A missing file is an I/O error naming the file.
    let e = CalendarOverlay::load("/nonexistent/extra.toml").unwrap_err();
    assert!(matches!(e, PermitError::OverlayIo { .. }));
    assert!(e.to_string().contains("/nonexistent/extra.toml"), "{e}");
}

// -------------------------------------------------------------- properties

fn overlay_countries() -> Vec<Country> {
    ["DE", "PL", "HU", "LV", "TR", "MK", "AL", "GB", "UA", "XK"]
        .into_iter()
        .map(c)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Adding overlay days never makes a grant earlier, grants never fall
    /// on an overlay day, and the overlay's days are exactly the new days off.
    #[test]
    fn overlay_days_only_delay_and_are_never_worked(
        idx in 0usize..10,
        start in 0i64..(4 * 365 * 86_400),
        n in 0u32..10,
        offsets in proptest::collection::btree_set(0i64..40, 0..8),
        hours in prop_oneof![Just(None), Just(Some("08:00-16:00"))],
    ) {
        let country = overlay_countries()[idx];
        let base = calendars().get(country).unwrap();
        let from = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()
            + TimeDelta::try_seconds(start).unwrap();
        let first = base.local_date(from);
        let mut overlay = CalendarOverlay::new();
        for off in &offsets {
            let date = first + TimeDelta::try_days(*off).unwrap();
            overlay
                .insert(ExtraDay { country, date, name: format!("day {off}"), source: None })
                .unwrap();
        }
        let cals = Calendars::with_overlay(overlay.clone());
        let with = cals.get(country).unwrap();
        let oh = hours.map(|h| h.parse().unwrap());
        let g0 = base.add_working_days(from, n, oh);
        let g1 = with.add_working_days(from, n, oh);
        prop_assert!(g1 >= g0, "overlay made {country} earlier: {g0} -> {g1}");
        prop_assert!(g1 >= from);
        let day = with.local_date(g1);
        prop_assert!(!overlay.contains(country, day), "grant on overlay day {day}");
        prop_assert!(with.is_working_day(day));
        for off in 0..45 {
            let date = first + TimeDelta::try_days(off).unwrap();
            let expected = base.is_working_day(date) && !overlay.contains(country, date);
            prop_assert_eq!(with.is_working_day(date), expected, "{} {}", country, date);
        }
    }
}

#[test]
fn weekends_stay_off_except_transferred_saturdays() {
    for code in ["AL", "BA", "ME", "MK", "TR", "XK", "HU", "LV", "BG"] {
        let k = cal(code);
        for day in d(2025, 1, 1).iter_days().take(2 * 366) {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && k.is_working_day(day) {
                assert!(
                    k.transferred_working_days(day.year())
                        .iter()
                        .any(|h| h.date == day),
                    "{code} {day}"
                );
            }
        }
    }
}
