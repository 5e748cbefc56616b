//! Working-day arithmetic across Easter in Germany and Romania, and the
//! grant instants of every built-in permit regime for one request.
//!
//! What it shows:
//! - Western and Orthodox Easter ([`western_easter`], [`orthodox_easter`]):
//!   in 2026 they are a week apart (5 and 12 April), so Germany (Good
//!   Friday, Easter Monday) and Romania (Orthodox Good Friday, Easter
//!   Sunday and Monday) lose different days;
//! - a country's [`WorkingCalendar`]: its holidays, `is_working_day`,
//!   `nth_working_day_after`, `working_days_between`, and
//!   `add_working_days` with office hours, in the country's own time zone;
//! - [`PermitRegime::grant_instant`] for each of
//!   [`PermitRegime::builtin_names`] (standard and oversize cargo, and under
//!   a NATO standing clearance), and [`PermitRegime::latest_request_for`]:
//!   when to ask so that the permit is in hand by a given instant.
//!
//! Run it with:
//!
//! ```sh
//! cargo run --release --example permit_calendar
//! ```

use std::error::Error;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use milmob::permits::{
    orthodox_easter, western_easter, Calendars, CargoClass, OfficeHours, PermitRegime,
    WorkingCalendar,
};
use milmob::Country;

/// An instant shown in UTC and in the local time of the calendar's country.
fn both(t: DateTime<Utc>, cal: &WorkingCalendar) -> String {
    let local = t.with_timezone(&cal.time_zone());
    format!(
        "{} ({} local {})",
        t.format("%Y-%m-%d %H:%M UTC"),
        cal.country().code(),
        local.format("%a %d %b %H:%M")
    )
}

fn main() -> Result<(), Box<dyn Error>> {
    let year = 2026;
    let west = western_easter(year).ok_or("no Western Easter")?;
    let east = orthodox_easter(year).ok_or("no Orthodox Easter")?;
    println!("Easter {year}: Western {west}, Orthodox {east}\n");

    let de: Country = "DE".parse()?;
    let ro: Country = "RO".parse()?;
    let calendars = Calendars::new();
    let office: OfficeHours = "08:00-16:00".parse()?;

    // Holidays around Easter, and which days of the Easter fortnight work.
    let from = NaiveDate::from_ymd_opt(year, 3, 30).unwrap();
    let to = NaiveDate::from_ymd_opt(year, 4, 20).unwrap();
    for c in [de, ro] {
        let cal = calendars.get(c)?;
        println!("{} ({}), time zone {}", c.name(), c.code(), cal.time_zone());
        for h in cal
            .holidays(year)
            .iter()
            .filter(|h| h.date >= from && h.date < to)
        {
            println!("  holiday {} {}: {}", h.date, h.date.weekday(), h.name);
        }
        let days: String = from
            .iter_days()
            .take_while(|d| *d < to)
            .map(|d| if cal.is_working_day(d) { 'W' } else { '.' })
            .collect();
        println!("  {from} .. {to}: {days}  (W = working day)");
        println!(
            "  working days in that span: {}",
            cal.working_days_between(from, to)
        );
        for start in [
            NaiveDate::from_ymd_opt(year, 4, 2).unwrap(),
            NaiveDate::from_ymd_opt(year, 4, 9).unwrap(),
        ] {
            let third = cal.nth_working_day_after(start, 3).ok_or("out of range")?;
            println!(
                "  3 working days after {start} ({}): {third} ({})",
                start.weekday(),
                third.weekday()
            );
        }
        println!();
    }

    // The same request instant, counted in each country's calendar and zone,
    // with office hours 08:00-16:00 local.
    let request = Utc.with_ymd_and_hms(year, 4, 2, 8, 0, 0).unwrap();
    println!("request at {}", request.format("%Y-%m-%d %H:%M UTC"));
    for c in [de, ro] {
        let cal = calendars.get(c)?;
        for n in [1, 3, 5] {
            let grant = cal.add_working_days(request, n, Some(office));
            println!("  {} + {n} working day(s): {}", c.code(), both(grant, cal));
        }
    }
    println!();

    // Every built-in regime, for one request (Thursday before Western Easter).
    println!(
        "grant instants per regime, request {}:",
        request.format("%Y-%m-%d %H:%M UTC")
    );
    let head = [
        "regime",
        "",
        "lead (standard)",
        "standard",
        "oversize",
        "NATO framework",
    ];
    println!(
        "  {:<15} {:<3} {:<16} {:<48} {:<48} {}",
        head[0], head[1], head[2], head[3], head[4], head[5]
    );
    for name in PermitRegime::builtin_names() {
        let regime = PermitRegime::builtin(name)?;
        for c in [de, ro] {
            let cal = calendars.get(c)?;
            let grant = |class, framework| {
                regime
                    .grant_instant(&calendars, c, class, framework, request)
                    .map(|g| both(g, cal))
                    .unwrap_or_else(|e| e.to_string())
            };
            println!(
                "  {:<15} {:<3} {:<16} {:<48} {:<48} {}",
                name,
                c.code(),
                regime.lead_time(c, CargoClass::Standard, None).to_string(),
                grant(CargoClass::Standard, None),
                grant(CargoClass::Oversize, None),
                grant(CargoClass::Standard, Some("NATO")),
            );
        }
    }
    println!();

    // The inverse: to cross into Romania on Tuesday 14 April 09:00 local,
    // when must a standard permit be requested at the latest?
    let ro_cal = calendars.get(ro)?;
    let needed = ro_cal
        .time_zone()
        .with_ymd_and_hms(year, 4, 14, 9, 0, 0)
        .single()
        .ok_or("ambiguous local time")?
        .to_utc();
    println!("to enter RO by {}:", both(needed, ro_cal));
    for name in PermitRegime::builtin_names() {
        let regime = PermitRegime::builtin(name)?;
        let latest =
            regime.latest_request_for(&calendars, ro, CargoClass::Standard, None, needed)?;
        // Exact to the nanosecond: one second later is too late.
        let later = regime.grant_instant(
            &calendars,
            ro,
            CargoClass::Standard,
            None,
            latest + Duration::seconds(1),
        )?;
        assert!(later > needed);
        println!(
            "  {:<15} request by {}  (1 s later → granted {}, too late)",
            name,
            both(latest, ro_cal),
            later.format("%Y-%m-%d %H:%M:%S UTC")
        );
    }
    Ok(())
}
