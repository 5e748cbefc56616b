//! `milmob calendar`.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Args;
use milmob::permits::{CalendarOverlay, Calendars, OfficeHours};
use milmob::{Country, Error};

use crate::{checks, print_json, CliError};

/// Arguments of `milmob calendar`.
#[derive(Args)]
pub struct CalendarArgs {
    /// Country (ISO 3166-1 alpha-2).
    #[arg(long, value_parser = checks::country)]
    country: Country,
    /// List the public holidays of this year (1900..2100).
    #[arg(long, required_unless_present = "add_working_days", value_parser = checks::year)]
    year: Option<i32>,
    /// Compute when a lead time of N working days that starts at --from ends.
    #[arg(long, requires = "from", value_parser = checks::working_days, conflicts_with = "year")]
    add_working_days: Option<u32>,
    /// Start instant, RFC 3339 with a UTC offset.
    #[arg(long, value_parser = checks::instant)]
    from: Option<DateTime<Utc>>,
    /// Office hours, local time (e.g. 08:00-16:00); grants land inside them.
    #[arg(long, value_parser = checks::office_hours)]
    office_hours: Option<OfficeHours>,
    /// Extra non-working days (TOML overlay file, see data/FORMAT.md), e.g.
    /// a national day of mourning; they count as days off.
    #[arg(long, value_name = "EXTRA.toml", value_parser = checks::existing_path)]
    holidays: Option<std::path::PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn permit(e: impl std::fmt::Display) -> CliError {
    CliError::Data(Error::InvalidRequest(e.to_string()))
}

pub fn calendar(a: CalendarArgs) -> Result<ExitCode, CliError> {
    let country = a.country;
    let cals = match &a.holidays {
        Some(path) => Calendars::with_overlay(CalendarOverlay::load(path).map_err(permit)?),
        None => Calendars::new(),
    };
    let cal = cals
        .get(country)
        .map_err(|e| CliError::usage(e.to_string()))?;
    if let Some(n) = a.add_working_days {
        // clap guarantees --from with --add-working-days.
        let Some(from) = a.from else {
            return Err(CliError::usage("--add-working-days needs --from"));
        };
        let end = cal
            .try_add_working_days(from, n, a.office_hours)
            .map_err(permit)?;
        let local = end.with_timezone(&cal.time_zone());
        if a.json {
            outln!(
                "{}",
                serde_json::json!({"country": country.code(), "from": from.to_rfc3339(), "working_days": n, "end": end.to_rfc3339(), "end_local": local.to_rfc3339()})
            )?;
        } else {
            outln!(
                "{} + {n} working days in {} = {} ({} local, {})",
                from.to_rfc3339(),
                country,
                end.to_rfc3339(),
                local.format("%a %Y-%m-%d %H:%M %Z"),
                cal.time_zone()
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let year = a.year.unwrap_or(2026);
    let hs = cal.try_holidays(year).map_err(permit)?;
    let transferred = cal.transferred_working_days(year);
    if a.json {
        // The JSON array lists days off only (transferred working Saturdays
        // are in the text output).
        let v: Vec<_> = hs.iter().map(|h| serde_json::json!({"date": h.date.format("%Y-%m-%d").to_string(), "name": h.name})).collect();
        print_json(&v)?;
    } else {
        outln!(
            "public holidays (days off) in {} ({}) {year}, time zone {}:",
            country.name(),
            country,
            cal.time_zone()
        )?;
        for h in &hs {
            outln!("  {}  {}", h.date.format("%a %Y-%m-%d"), h.name)?;
        }
        if !transferred.is_empty() {
            outln!("working weekend days (transferred by decree):")?;
            for h in &transferred {
                outln!("  {}  {}", h.date.format("%a %Y-%m-%d"), h.name)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
