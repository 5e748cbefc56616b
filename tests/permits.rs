//! Integration tests of `milmob::permits`: holiday calendars against known
//! dates, working-day arithmetic, permit regimes and the properties the
//! routing core relies on (grants on working days, FIFO, exact inverse).

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use milmob::country::Country;
use milmob::permits::{
    orthodox_easter, supported_countries, western_easter, CalendarOptions, Calendars, CargoClass,
    LeadTime, OfficeHours, PermitError, PermitRegime, WorkingCalendar,
};
use proptest::prelude::*;

fn c(code: &str) -> Country {
    code.parse().unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cal(code: &str) -> &'static WorkingCalendar {
    calendars().get(c(code)).unwrap()
}

fn calendars() -> &'static Calendars {
    static CALS: OnceLock<Calendars> = OnceLock::new();
    CALS.get_or_init(Calendars::new)
}

/// Local wall-clock time in a country, as UTC.
fn at(code: &str, y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    c(code)
        .time_zone()
        .with_ymd_and_hms(y, m, day, h, min, 0)
        .earliest()
        .unwrap()
        .to_utc()
}

fn holiday_dates(code: &str, year: i32) -> Vec<NaiveDate> {
    cal(code)
        .holidays(year)
        .into_iter()
        .map(|h| h.date)
        .collect()
}

fn office(text: &str) -> Option<OfficeHours> {
    Some(text.parse().unwrap())
}

// ---------------------------------------------------------------- Easter

#[test]
fn easter_dates() {
    assert_eq!(western_easter(2025), Some(d(2025, 4, 20)));
    assert_eq!(western_easter(2026), Some(d(2026, 4, 5)));
    assert_eq!(western_easter(2027), Some(d(2027, 3, 28)));
    assert_eq!(western_easter(2028), Some(d(2028, 4, 16)));
    assert_eq!(orthodox_easter(2025), Some(d(2025, 4, 20)));
    assert_eq!(orthodox_easter(2026), Some(d(2026, 4, 12)));
    assert_eq!(orthodox_easter(2027), Some(d(2027, 5, 2)));
    assert_eq!(orthodox_easter(2028), Some(d(2028, 4, 16)));
}

// ---------------------------------------------------------------- holidays

#[test]
fn germany_2025_national_holidays() {
    assert_eq!(
        holiday_dates("DE", 2025),
        vec![
            d(2025, 1, 1),
            d(2025, 4, 18),
            d(2025, 4, 21),
            d(2025, 5, 1),
            d(2025, 5, 29),
            d(2025, 6, 9),
            d(2025, 10, 3),
            d(2025, 12, 25),
            d(2025, 12, 26),
        ]
    );
    let names: Vec<String> = cal("DE")
        .holidays(2025)
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert_eq!(names[1], "Good Friday");
    assert_eq!(names[4], "Ascension Day");
    // Land holidays are not national.
    assert!(cal("DE").is_working_day(d(2025, 1, 6)));
    assert!(cal("DE").is_working_day(d(2025, 6, 19))); // Corpus Christi
}

#[test]
fn poland_2026() {
    assert_eq!(
        holiday_dates("PL", 2026),
        vec![
            d(2026, 1, 1),
            d(2026, 1, 6),
            d(2026, 4, 5),
            d(2026, 4, 6),
            d(2026, 5, 1),
            d(2026, 5, 3),
            d(2026, 5, 24),
            d(2026, 6, 4),
            d(2026, 8, 15),
            d(2026, 11, 1),
            d(2026, 11, 11),
            d(2026, 12, 24),
            d(2026, 12, 25),
            d(2026, 12, 26),
        ]
    );
    assert!(!cal("PL").is_working_day(d(2026, 6, 4))); // Corpus Christi
}

#[test]
fn orthodox_countries() {
    // Easter Monday (RO, GR, CY, BG) follows Orthodox Easter.
    for code in ["RO", "GR", "CY", "BG"] {
        let h = holiday_dates(code, 2025);
        assert!(h.contains(&d(2025, 4, 21)), "{code} 2025");
        assert!(
            holiday_dates(code, 2026).contains(&d(2026, 4, 13)),
            "{code} 2026"
        );
        assert!(
            holiday_dates(code, 2027).contains(&d(2027, 5, 3)),
            "{code} 2027"
        );
        assert!(
            holiday_dates(code, 2028).contains(&d(2028, 4, 17)),
            "{code} 2028"
        );
    }
    // Good Friday and Clean Monday in Greece.
    let gr = holiday_dates("GR", 2026);
    assert!(gr.contains(&d(2026, 4, 10)));
    assert!(gr.contains(&d(2026, 2, 23)));
    assert!(gr.contains(&d(2026, 6, 1))); // Whit Monday (Orthodox)
    assert!(!gr.contains(&d(2026, 5, 25))); // not the Western one
                                            // Romania: Orthodox Pentecost Monday 2027 = 21 June.
    assert!(holiday_dates("RO", 2027).contains(&d(2027, 6, 21)));
    // Greek Labour Day 2027 (Holy Saturday) moved to Tuesday 4 May.
    assert!(holiday_dates("GR", 2027).contains(&d(2027, 5, 4)));
}

#[test]
fn united_kingdom_substitute_days() {
    let gb = cal("GB").holidays(2027);
    let dec: Vec<_> = gb
        .iter()
        .filter(|h| h.date.format("%m").to_string() == "12")
        .collect();
    assert_eq!(
        dec.iter().map(|h| h.date).collect::<Vec<_>>(),
        vec![
            d(2027, 12, 25),
            d(2027, 12, 26),
            d(2027, 12, 27),
            d(2027, 12, 28)
        ]
    );
    assert!(dec[2].name.contains("substitute"));
    assert!(!cal("GB").is_working_day(d(2027, 12, 27)));
    assert!(!cal("GB").is_working_day(d(2027, 12, 28)));
    // 2026: Boxing Day on Saturday -> Monday 28 December.
    assert!(holiday_dates("GB", 2026).contains(&d(2026, 12, 28)));
    // England & Wales bank holidays 2025.
    assert_eq!(
        holiday_dates("GB", 2025),
        vec![
            d(2025, 1, 1),
            d(2025, 4, 18),
            d(2025, 4, 21),
            d(2025, 5, 5),
            d(2025, 5, 26),
            d(2025, 8, 25),
            d(2025, 12, 25),
            d(2025, 12, 26),
        ]
    );
}

#[test]
fn assorted_national_days() {
    assert!(holiday_dates("FR", 2026).contains(&d(2026, 7, 14)));
    assert!(!cal("FR").is_working_day(d(2026, 7, 14)));
    assert!(!cal("LT").is_working_day(d(2026, 6, 24)));
    // Finland: Midsummer Eve (Friday 19..25 June), a day off.
    for (y, day) in [(2025, 20), (2026, 19), (2027, 25), (2028, 23)] {
        assert!(!cal("FI").is_working_day(d(y, 6, day)), "FI {y}");
        assert!(!cal("SE").is_working_day(d(y, 6, day)), "SE {y}");
    }
    // Sweden: All Saints' Day is a Saturday (non-working anyway).
    assert!(holiday_dates("SE", 2027).contains(&d(2027, 11, 6)));
    // Bulgaria: Unification Day 2026 on Sunday -> Monday 7 September off.
    assert!(!cal("BG").is_working_day(d(2026, 9, 7)));
    // Latvia: 4 May 2025 on Sunday -> Monday 5 May off.
    assert!(!cal("LV").is_working_day(d(2025, 5, 5)));
    // Ireland: St Brigid's Day.
    assert!(holiday_dates("IE", 2026).contains(&d(2026, 2, 2)));
    assert!(holiday_dates("IE", 2027).contains(&d(2027, 2, 1)));
    // Netherlands: King's Day 2025 (27 April is a Sunday) on Saturday 26.
    assert!(holiday_dates("NL", 2025).contains(&d(2025, 4, 26)));
    // Hungary: Christmas Eve a holiday from 2026.
    assert!(!cal("HU").is_working_day(d(2026, 12, 24)));
    // Italy: St Francis from 2026.
    assert!(holiday_dates("IT", 2026).contains(&d(2026, 10, 4)));
    assert!(!holiday_dates("IT", 2025).contains(&d(2025, 10, 4)));
    // Czechia: 28 September, Spain: 12 October 2026, Austria: 26 October.
    assert!(!cal("CZ").is_working_day(d(2026, 9, 28)));
    assert!(!cal("ES").is_working_day(d(2026, 10, 12)));
    assert!(!cal("AT").is_working_day(d(2026, 10, 26)));
    // Norway: Constitution Day and Whit Monday coincide in 2027.
    let no = cal("NO").holidays(2027);
    let may17 = no.iter().find(|h| h.date == d(2027, 5, 17)).unwrap();
    assert_eq!(may17.name, "Constitution Day; Whit Monday");
}

#[test]
fn ukraine_martial_law_is_an_explicit_choice() {
    // Default: martial law, holidays are not days off.
    assert!(cal("UA").holidays(2026).is_empty());
    assert!(cal("UA").is_working_day(d(2026, 8, 24)));
    let statutory = cal("UA").statutory_holidays(2026);
    assert!(statutory.iter().any(|h| h.date == d(2026, 8, 24)));
    assert!(statutory.iter().any(|h| h.date == d(2026, 12, 25)));
    let peace = Calendars::with_options(CalendarOptions {
        ukraine_martial_law: false,
    });
    let ua = peace.get(c("UA")).unwrap();
    assert!(!ua.is_working_day(d(2026, 8, 24)));
    assert!(!ua.is_working_day(d(2026, 4, 13))); // Easter substitute Monday
}

#[test]
fn coverage_and_consistency() {
    let supported: Vec<Country> = supported_countries().collect();
    for code in [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "NO", "GB", "UA",
        "AL", "BA", "ME", "MK", "TR", "XK",
    ] {
        assert!(supported.contains(&c(code)), "{code} missing");
    }
    let eu = supported.iter().filter(|c| c.is_eu()).count();
    assert_eq!(eu, 27);
    let cals = Calendars::with_options(CalendarOptions {
        ukraine_martial_law: false,
    });
    for country in supported {
        let cal = cals.get(country).unwrap();
        for year in 2025..=2028 {
            let h = cal.holidays(year);
            assert!(h.len() >= 4, "{country} {year}");
            for w in h.windows(2) {
                assert!(w[0].date < w[1].date, "{country} {year} not sorted/unique");
            }
            for hol in &h {
                assert_eq!(hol.date.format("%Y").to_string(), year.to_string());
                assert!(!hol.name.is_empty());
                assert!(!cal.is_working_day(hol.date), "{country} {}", hol.date);
            }
        }
    }
    let e = WorkingCalendar::for_country(c("BY")).unwrap_err();
    assert!(matches!(e, PermitError::NoCalendar { .. }));
}

// ------------------------------------------------------ working-day arithmetic

#[test]
fn easter_week_in_germany() {
    let de = cal("DE");
    let req = at("DE", 2025, 4, 17, 10, 0);
    assert_eq!(
        de.add_working_days(req, 3, None),
        at("DE", 2025, 4, 24, 10, 0)
    );
    assert_eq!(
        de.add_working_days(req, 3, office("08:00-16:00")),
        at("DE", 2025, 4, 24, 10, 0)
    );
    assert_eq!(
        de.add_working_days(req, 1, None),
        at("DE", 2025, 4, 22, 10, 0)
    );
    // After closing time it counts from the next opening: Tuesday 08:00.
    let late = at("DE", 2025, 4, 17, 18, 0);
    assert_eq!(
        de.add_working_days(late, 0, office("08:00-16:00")),
        at("DE", 2025, 4, 22, 8, 0)
    );
    assert_eq!(
        de.add_working_days(late, 3, office("08:00-16:00")),
        at("DE", 2025, 4, 25, 8, 0)
    );
}

#[test]
fn across_daylight_saving_changes() {
    let de = cal("DE");
    // Friday before the spring change (30 March 2025): same wall time Monday,
    // one hour less elapsed.
    let fri = at("DE", 2025, 3, 28, 10, 0);
    let mon = de.add_working_days(fri, 1, None);
    assert_eq!(mon, at("DE", 2025, 3, 31, 10, 0));
    assert_eq!(mon - fri, TimeDelta::try_hours(71).unwrap());
    // Autumn change (26 October 2025): one hour more.
    let fri = at("DE", 2025, 10, 24, 10, 0);
    let mon = de.add_working_days(fri, 1, office("08:00-16:00"));
    assert_eq!(mon - fri, TimeDelta::try_hours(73).unwrap());
    // A request during the repeated hour on Sunday waits for Monday.
    let fold = Utc.with_ymd_and_hms(2025, 10, 26, 1, 30, 0).unwrap(); // 02:30 CET (2nd pass)
    assert_eq!(
        de.add_working_days(fold, 0, None),
        at("DE", 2025, 10, 27, 0, 0)
    );
    // Kyiv and Lisbon count in their own zones.
    let pt = cal("PT");
    let req = at("PT", 2026, 3, 27, 15, 0);
    assert_eq!(
        pt.add_working_days(req, 1, None),
        at("PT", 2026, 3, 30, 15, 0)
    );
}

#[test]
fn christmas_in_england_2027() {
    let gb = cal("GB");
    let req = at("GB", 2027, 12, 24, 12, 0);
    assert_eq!(
        gb.add_working_days(req, 1, None),
        at("GB", 2027, 12, 29, 12, 0)
    );
}

// ---------------------------------------------------------------- regimes

#[test]
fn shipped_regimes() {
    let names = PermitRegime::builtin_names();
    for name in [
        "status-quo",
        "pledge-2018",
        "pledge-2024",
        "emergency-2025",
        "standing",
    ] {
        assert!(names.contains(&name), "{name}");
    }
    let sq = PermitRegime::builtin("status-quo").unwrap();
    assert_eq!(
        sq.lead_time(c("FR"), CargoClass::Standard, None),
        LeadTime::CalendarDays(45)
    );
    let (de, ov) = sq.overrides().next().unwrap();
    assert_eq!(de, c("DE"));
    assert!(ov.illustrative);
    assert!(PermitRegime::builtin("pledge-2018").unwrap().is_uncertain());
    let p24 = PermitRegime::builtin("pledge-2024").unwrap();
    assert_eq!(
        p24.lead_time(c("PL"), CargoClass::DangerousGoods, None),
        LeadTime::WorkingDays(3)
    );
    assert_eq!(
        p24.lead_time(c("PL"), CargoClass::DangerousGoods, Some("eu-csdp")),
        LeadTime::Notification
    );
    let em = PermitRegime::builtin("emergency-2025").unwrap();
    assert_eq!(
        em.lead_time(c("TR"), CargoClass::Oversize, None),
        LeadTime::Hours(6)
    );
    assert_eq!(
        PermitRegime::builtin("standing")
            .unwrap()
            .lead_time(c("LT"), CargoClass::Oversize, None),
        LeadTime::Notification
    );
}

#[test]
fn data_files_parse_match_builtins_and_document_sources() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/permits");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        seen += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with('#') && text.contains("Assumptions"),
            "{} must begin with a comment block on sources and assumptions",
            path.display()
        );
        let r = PermitRegime::load(&path).unwrap();
        let stem = path.file_stem().unwrap().to_str().unwrap();
        assert_eq!(r.name(), stem);
        let b = PermitRegime::builtin(stem).unwrap();
        assert_eq!(b.defaults(), r.defaults());
    }
    assert_eq!(seen, PermitRegime::builtin_names().len());
    let e = PermitRegime::load("/nonexistent/regime.toml").unwrap_err();
    assert!(e.to_string().contains("/nonexistent/regime.toml"));
}

#[test]
fn status_quo_calendar_days() {
    let sq = PermitRegime::builtin("status-quo").unwrap();
    // Request Friday 7 Nov 2025 10:00 Berlin; +45 days = Monday 22 Dec 10:00.
    let req = at("DE", 2025, 11, 7, 10, 0);
    let g = sq
        .grant_instant(calendars(), c("DE"), CargoClass::Standard, None, req)
        .unwrap();
    assert_eq!(g, at("DE", 2025, 12, 22, 10, 0));
    // Request 17:00 on 10 Nov -> +45 d = Thu 25 Dec 17:00 -> Christmas, Boxing
    // Day, weekend -> Monday 29 Dec 08:00.
    let req = at("DE", 2025, 11, 10, 17, 0);
    let g = sq
        .grant_instant(calendars(), c("DE"), CargoClass::Standard, None, req)
        .unwrap();
    assert_eq!(g, at("DE", 2025, 12, 29, 8, 0));
    // Germany's illustrative oversize override: 59 days.
    let g = sq
        .grant_instant(calendars(), c("DE"), CargoClass::Oversize, None, req)
        .unwrap();
    assert!(g >= req + TimeDelta::try_days(59).unwrap());
}

#[test]
fn latest_request_plans() {
    let p24 = PermitRegime::builtin("pledge-2024").unwrap();
    let needed = at("PL", 2026, 6, 8, 9, 0); // Monday after Corpus Christi
    let r = p24
        .latest_request_for(calendars(), c("PL"), CargoClass::Standard, None, needed)
        .unwrap();
    assert_eq!(r, at("PL", 2026, 6, 2, 9, 0));
    let em = PermitRegime::builtin("emergency-2025").unwrap();
    let r = em
        .latest_request_for(calendars(), c("TR"), CargoClass::Standard, None, needed)
        .unwrap();
    assert_eq!(r, needed - TimeDelta::try_hours(6).unwrap());
    // Countries without calendars cannot use working-day regimes.
    assert!(p24
        .latest_request_for(calendars(), c("BY"), CargoClass::Standard, None, needed)
        .is_err());
}

// ------------------------------------------------------------- properties

fn supported() -> Vec<Country> {
    supported_countries().collect()
}

/// Requests between mid-2024 and mid-2029, with extra weight around the
/// daylight-saving weekends and Christmas.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let start = Utc
        .with_ymd_and_hms(2024, 6, 1, 0, 0, 0)
        .unwrap()
        .timestamp();
    let end = Utc
        .with_ymd_and_hms(2029, 6, 1, 0, 0, 0)
        .unwrap()
        .timestamp();
    let anywhere = (start..end).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap());
    let near_change =
        (2025i32..=2028, 0usize..3, -4 * 86_400i64..4 * 86_400).prop_map(|(y, which, offset)| {
            let (m, day) = [(3, 29), (10, 27), (12, 25)][which];
            let base = Utc.with_ymd_and_hms(y, m, day, 1, 0, 0).unwrap();
            base + TimeDelta::try_seconds(offset).unwrap()
        });
    prop_oneof![anywhere, near_change]
}

fn office_hours() -> impl Strategy<Value = Option<OfficeHours>> {
    prop_oneof![
        Just(None),
        Just(Some("08:00-16:00".parse().unwrap())),
        (0u32..23 * 60, 1u32..12 * 60).prop_map(|(open, len)| {
            let close = (open + len).min(24 * 60 - 1);
            let t = |m: u32| NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap();
            Some(OfficeHours::new(t(open), t(close)).unwrap())
        }),
    ]
}

fn assert_working(cal: &WorkingCalendar, t: DateTime<Utc>, oh: Option<OfficeHours>) {
    let local = cal.local_time(t);
    assert!(
        cal.is_working_day(local.date()),
        "{} {} is not a working day",
        cal.country(),
        local
    );
    if let Some(oh) = oh {
        assert!(oh.contains(local.time()), "{local} outside {oh}");
    }
    assert!(cal.is_working_instant(t, oh));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn grant_is_working_time_and_fifo(
        idx in 0usize..64,
        r1 in instant(),
        step in 0i64..(10 * 86_400),
        n in 0u32..12,
        oh in office_hours(),
    ) {
        let countries = supported();
        let country = countries[idx % countries.len()];
        let cal = calendars().get(country).unwrap();
        let r2 = r1 + TimeDelta::try_seconds(step).unwrap();
        let g1 = cal.add_working_days(r1, n, oh);
        let g2 = cal.add_working_days(r2, n, oh);
        assert_working(cal, g1, oh);
        assert_working(cal, g2, oh);
        prop_assert!(g1 >= r1);
        prop_assert!(g2 >= r2);
        prop_assert!(g1 <= g2, "FIFO violated: {r1}->{g1}, {r2}->{g2}");
        // n working days really lie between request and grant.
        if n > 0 {
            let s = cal.next_working_instant(r1, oh);
            let between = cal.working_days_between(cal.local_date(s), cal.local_date(g1));
            prop_assert_eq!(between, n);
        }
    }

    #[test]
    fn regimes_are_fifo_and_latest_request_is_exact(
        regime_idx in 0usize..16,
        idx in 0usize..64,
        class_idx in 0usize..3,
        framework in prop_oneof![Just(None), Just(Some("NATO")), Just(Some("UN"))],
        r1 in instant(),
        step in 0i64..(3 * 86_400),
        x in instant(),
    ) {
        let names = PermitRegime::builtin_names();
        let regime = PermitRegime::builtin(names[regime_idx % names.len()]).unwrap();
        let countries = supported();
        let country = countries[idx % countries.len()];
        let class = CargoClass::ALL[class_idx];
        let cals = calendars();
        let grant = |t| regime.grant_instant(cals, country, class, framework, t).unwrap();

        let r2 = r1 + TimeDelta::try_seconds(step).unwrap();
        let (g1, g2) = (grant(r1), grant(r2));
        prop_assert!(g1 >= r1 && g2 >= r2);
        prop_assert!(g1 <= g2, "FIFO violated: {r1}->{g1}, {r2}->{g2}");
        match regime.lead_time(country, class, framework) {
            LeadTime::WorkingDays(_) | LeadTime::CalendarDays(_) => {
                assert_working(cals.get(country).unwrap(), g1, regime.office_hours_for(country));
            }
            _ => {}
        }

        let r = regime.latest_request_for(cals, country, class, framework, x).unwrap();
        prop_assert!(r <= x);
        prop_assert!(grant(r) <= x, "latest request {r} granted {} after {x}", grant(r));
        let later = r + TimeDelta::try_minutes(1).unwrap();
        prop_assert!(grant(later) > x, "request {later} still granted by {x}");
        let just_later = r + TimeDelta::nanoseconds(1);
        prop_assert!(grant(just_later) > x);
    }
}
