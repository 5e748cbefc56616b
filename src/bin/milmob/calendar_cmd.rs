//! `milmob calendar`.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Args;
use milmob::permits::{CalendarOverlay, Calendars, OfficeHours};
use milmob::{Country, Error};

/// Arguments of `milmob calendar`.
#[derive(Args)]
pub struct CalendarArgs {
    /// Country (ISO 3166-1 alpha-2).
    #[arg(long)]
    country: String,
    /// List the public holidays of this year.
    #[arg(long, required_unless_present = "add_working_days")]
    year: Option<i32>,
    /// Compute when a lead time of N working days that starts at --from ends.
    #[arg(long, requires = "from")]
    add_working_days: Option<u32>,
    /// Start instant, RFC 3339.
    #[arg(long)]
    from: Option<String>,
    /// Office hours, local time (e.g. 08:00-16:00); grants land inside them.
    #[arg(long)]
    office_hours: Option<String>,
    /// Extra non-working days (TOML overlay file, see data/FORMAT.md), e.g.
    /// a national day of mourning; they count as days off.
    #[arg(long, value_name = "EXTRA.toml")]
    holidays: Option<std::path::PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub fn calendar(a: CalendarArgs) -> Result<ExitCode, Error> {
    let country = Country::parse(&a.country).map_err(|e| Error::InvalidRequest(e.to_string()))?;
    let cals = match &a.holidays {
        Some(path) => Calendars::with_overlay(
            CalendarOverlay::load(path).map_err(|e| Error::InvalidRequest(e.to_string()))?,
        ),
        None => Calendars::new(),
    };
    let cal = cals
        .get(country)
        .map_err(|e| Error::InvalidRequest(e.to_string()))?;
    if let Some(n) = a.add_working_days {
        // clap guarantees --from with --add-working-days.
        let from_s = a.from.unwrap_or_default();
        let from = DateTime::parse_from_rfc3339(from_s.trim())
            .map_err(|e| {
                Error::InvalidRequest(format!(
                    "--from `{from_s}` is not an RFC 3339 instant ({e})"
                ))
            })?
            .with_timezone(&Utc);
        let oh = a
            .office_hours
            .as_deref()
            .map(|s| s.parse::<OfficeHours>())
            .transpose()
            .map_err(|e| Error::InvalidRequest(e.to_string()))?;
        let end = cal
            .try_add_working_days(from, n, oh)
            .map_err(|e| Error::InvalidRequest(e.to_string()))?;
        let local = end.with_timezone(&cal.time_zone());
        if a.json {
            println!(
                "{}",
                serde_json::json!({"country": country.code(), "from": from.to_rfc3339(), "working_days": n, "end": end.to_rfc3339(), "end_local": local.to_rfc3339()})
            );
        } else {
            println!(
                "{} + {n} working days in {} = {} ({} local)",
                from.to_rfc3339(),
                country,
                end.to_rfc3339(),
                local.format("%a %Y-%m-%d %H:%M %Z")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let year = a.year.unwrap_or(2026);
    if !(1900..=2100).contains(&year) {
        return Err(Error::InvalidRequest(format!(
            "--year {year} is outside 1900..2100"
        )));
    }
    let hs = cal
        .try_holidays(year)
        .map_err(|e| Error::InvalidRequest(e.to_string()))?;
    let transferred = cal.transferred_working_days(year);
    if a.json {
        // The JSON array lists days off only (transferred working Saturdays
        // are in the text output).
        let v: Vec<_> = hs.iter().map(|h| serde_json::json!({"date": h.date.format("%Y-%m-%d").to_string(), "name": h.name})).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&v).map_err(|e| Error::InvalidRequest(e.to_string()))?
        );
    } else {
        println!(
            "public holidays (days off) in {} ({}) {year}, time zone {}:",
            country.name(),
            country,
            cal.time_zone()
        );
        for h in &hs {
            println!("  {}  {}", h.date.format("%a %Y-%m-%d"), h.name);
        }
        if !transferred.is_empty() {
            println!("working weekend days (transferred by decree):");
            for h in &transferred {
                println!("  {}  {}", h.date.format("%a %Y-%m-%d"), h.name);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
