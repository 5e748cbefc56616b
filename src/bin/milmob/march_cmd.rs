//! `milmob march`: the road movement calculator.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use milmob::movement::{MarchDoctrine, MarchError, MarchPlan, MarchRequest};
use milmob::Error;

use crate::{output, print_json, CliError};

/// Arguments of `milmob march`.
#[derive(Args)]
pub struct MarchArgs {
    /// Vehicles in the column.
    #[arg(long)]
    vehicles: u32,
    /// Interval between vehicles, metres (open column 50–100, close column
    /// 20–25).
    #[arg(long, allow_negative_numbers = true)]
    interval_m: f64,
    /// March speed, km/h (FM 11-43: urban 24, rural two-lane 40, expressway
    /// 66; tracked columns ~30).
    #[arg(long, allow_negative_numbers = true)]
    speed_kmh: f64,
    /// Most vehicles in one march unit [default: the doctrine's, 20].
    #[arg(long)]
    march_unit_size: Option<u32>,
    /// Time gap between march units, minutes [default: the doctrine's, 5].
    #[arg(long, allow_negative_numbers = true)]
    gap_min: Option<f64>,
    /// Distance to cover, km: adds time distance, halts and arrivals.
    #[arg(long, allow_negative_numbers = true)]
    distance_km: Option<f64>,
    /// Doctrine overrides (TOML, any field of `MarchDoctrine`).
    #[arg(long, value_name = "DOCTRINE.toml")]
    doctrine: Option<PathBuf>,
    /// Print JSON (the library's `MarchPlan`).
    #[arg(long)]
    json: bool,
}

pub fn march(a: MarchArgs) -> Result<ExitCode, CliError> {
    let invalid = |e: &dyn std::fmt::Display| Error::InvalidRequest(e.to_string());
    let doctrine = match &a.doctrine {
        Some(path) => MarchDoctrine::load(path).map_err(|e| invalid(&e))?,
        None => MarchDoctrine::default(),
    };
    let mut req = MarchRequest::new(a.vehicles, a.interval_m, a.speed_kmh, &doctrine);
    if let Some(k) = a.march_unit_size {
        req.march_unit_size = k;
    }
    if let Some(g) = a.gap_min {
        req.gap_min = g;
    }
    req.distance_km = a.distance_km;
    let plan = req.plan(&doctrine).map_err(|e| match e {
        // Name the flag for the request fields that are flags.
        MarchError::Invalid {
            field:
                field @ ("vehicles" | "interval_m" | "speed_kmh" | "march_unit_size" | "gap_min"
                | "distance_km"),
            value,
            expected,
        } => CliError::usage(format!(
            "--{} {value} is out of range: expected {expected}",
            field.replace('_', "-")
        )),
        e => CliError::Data(invalid(&e)),
    })?;
    if a.json {
        print_json(&plan)?;
    } else {
        output::write_str(&text(&plan, &doctrine))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Hours as `H h MM min`.
fn hm(h: f64) -> String {
    let total = (h * 60.0).round() as u64;
    format!("{} h {:02} min", total / 60, total % 60)
}

fn text(p: &MarchPlan, d: &MarchDoctrine) -> String {
    let mut s = format!(
        "march: {} vehicles at {} m ({:.1} vehicles/km), {} km/h\n",
        p.vehicles, p.interval_m, p.density_veh_per_km, p.speed_kmh
    );
    let row = |s: &mut String, k: &str, v: String| s.push_str(&format!("  {k:<16} {v}\n"));
    let serials = if p.serials > 1 {
        format!(
            ", {} serials ({} min between serials)",
            p.serials, p.serial_gap_min
        )
    } else {
        String::new()
    };
    row(
        &mut s,
        "march units",
        format!(
            "{} of ≤ {} vehicles, {} gaps of {} min{serials} = {} min",
            p.march_units, p.march_unit_size, p.gaps, p.gap_min, p.time_gaps_min
        ),
    );
    row(
        &mut s,
        "road space",
        format!(
            "{:.2} km (vehicles {:.2} km + gaps {:.2} km)",
            p.road_space_km, p.vehicle_road_space_km, p.gap_road_space_km
        ),
    );
    row(
        &mut s,
        "pass time",
        format!("{:.2} h ({})", p.pass_time_h, hm(p.pass_time_h)),
    );
    let (Some(l), Some(drive), Some(td), Some(days), Some(head), Some(tail), Some(halts)) = (
        p.distance_km,
        p.driving_h,
        p.time_distance_h,
        p.march_days,
        p.head_arrival_h,
        p.tail_arrival_h,
        &p.halts,
    ) else {
        return s;
    };
    s.push_str(&format!("distance {l} km:\n"));
    row(
        &mut s,
        "driving",
        format!(
            "{drive:.2} h in {days} march day(s) of ≤ {} h",
            d.max_driving_h_per_day
        ),
    );
    row(
        &mut s,
        "short halts",
        format!(
            "{}, {} min (TR 100-98: {} min after {} h, then {} min every {} h)",
            halts.short,
            halts.short_min,
            d.halts.first_halt_min,
            d.halts.first_halt_after_h,
            d.halts.halt_min,
            d.halts.halt_every_h
        ),
    );
    row(
        &mut s,
        "meal halts",
        format!("{}, {} min", halts.meal, halts.meal_min),
    );
    row(
        &mut s,
        "overnight halts",
        format!("{}, {:.2} h", halts.overnight, halts.overnight_h),
    );
    let rate = p
        .rate_of_march_kmh
        .map(|r| format!(" (rate of march {r:.1} km/h)"))
        .unwrap_or_default();
    row(&mut s, "time distance", format!("{td:.2} h{rate}"));
    row(
        &mut s,
        "head arrives",
        format!("+{head:.2} h ({})", hm(head)),
    );
    row(
        &mut s,
        "tail arrives",
        format!("+{tail:.2} h ({}, completion)", hm(tail)),
    );
    s
}
