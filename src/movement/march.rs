//! The road movement calculator: road space, pass time, time distance and
//! the arrival of head and tail of a column, by the doctrine formulas.
//!
//! # Formulas (FM 55-30; domain.md §3)
//! A column of `N` vehicles at an interval of `D` metres, split into march
//! units of at most `K` vehicles with a time gap of `G` minutes between
//! consecutive march units (and, when serials are planned, a serial gap `SG`
//! between consecutive serials instead), moving at `V` km/h:
//!
//! - density `ρ = 1000 / D` vehicles per km;
//! - march units `M = ⌈N / K⌉`, gaps `M − 1` (of which `S − 1` serial gaps
//!   when `S` serials are planned);
//! - time gaps `T_g = (M − S)·G + (S − 1)·SG` minutes;
//! - road space (km) `= N / ρ + V · T_g / 60` — the vehicles' road space plus
//!   the road the time gaps occupy at speed `V` ("road space = vehicles ÷
//!   density + gaps");
//! - pass time (h) `= (N / ρ) / V + T_g / 60` — the time the column takes to
//!   pass a point ("pass time = road space ÷ speed + time gaps", with the
//!   vehicles' road space; equal to the whole road space ÷ `V`).
//!
//! For a distance of `L` km:
//! - driving `L / V` h, cut into march days of at most the doctrine's
//!   `max_driving_h_per_day`;
//! - short halts per march day (TR 100-98): the first after
//!   `first_halt_after_h` of driving (15 min after the first hour), then one
//!   every `halt_every_h` (10 min every 2 hours); none at the moment of
//!   arrival;
//! - time distance (h) `= L / V + short halts` — the head's time at the rate
//!   of march, which includes short halts but not meal or overnight halts
//!   (TR 100-98; ATP 4-90 C-34);
//! - one meal halt on each march day with more than
//!   `meal_halt_after_driving_h` of driving;
//! - each march day starts 24 h after the previous one (an overnight halt
//!   fills the rest of the day; if a day's march is longer, the next starts
//!   right after it);
//! - head arrival = the head's elapsed time from its start, halts included;
//!   tail arrival (completion time) = head arrival + pass time: every vehicle
//!   keeps the head's schedule, offset by its place in the column.
//!
//! ```
//! use milmob::movement::{MarchDoctrine, MarchRequest};
//! # fn main() -> Result<(), milmob::movement::MarchError> {
//! let doctrine = MarchDoctrine::default(); // 20 vehicles a march unit, 5 min gaps
//! let plan = MarchRequest::new(200, 100.0, 40.0, &doctrine)
//!     .with_distance_km(100.0)
//!     .plan(&doctrine)?;
//! assert_eq!(plan.march_units, 10);
//! assert!((plan.road_space_km - 50.0).abs() < 1e-9); // 20 km of vehicles + 30 km of gaps
//! assert!((plan.pass_time_h - 1.25).abs() < 1e-9);
//! assert_eq!(plan.tail_arrival_h, plan.head_arrival_h.map(|h| h + plan.pass_time_h));
//! # Ok(())
//! # }
//! ```

use serde::{Deserialize, Serialize};

use super::doctrine::{DoctrineError, MarchDoctrine};

/// Hours in a march day (the cycle of march days).
pub const MARCH_DAY_H: f64 = 24.0;

/// Longest distance a march is planned for, km.
pub const MAX_DISTANCE_KM: f64 = 20_000.0;

/// Shortest vehicle interval accepted, metres (a positive floor, so that the
/// density 1000 / interval stays finite).
pub const MIN_INTERVAL_M: f64 = 1.0;

/// Slowest march speed accepted, km/h (a positive floor, so that every
/// duration stays finite).
pub const MIN_SPEED_KMH: f64 = 0.1;

/// Relative tolerance for counting halts and days, so that 3.0000000001 h of
/// driving does not earn a halt at the 3 h mark due to rounding.
const EPS: f64 = 1e-9;

/// What can be wrong with a march request.
#[derive(Debug, thiserror::Error)]
pub enum MarchError {
    /// An input out of its range; the error names the field.
    #[error("march field `{field}` = {value} is out of range: expected {expected}")]
    Invalid {
        /// The field of [`MarchRequest`] (e.g. `interval_m`).
        field: &'static str,
        /// The value given.
        value: f64,
        /// The accepted range, with its unit.
        expected: &'static str,
    },
    /// The doctrine is invalid.
    #[error(transparent)]
    Doctrine(#[from] DoctrineError),
}

/// One road march to compute: the column, its spacing and speed, and
/// optionally the distance to cover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarchRequest {
    /// Vehicles in the column, ≥ 1.
    pub vehicles: u32,
    /// Interval between vehicles, metres (1..=1000).
    pub interval_m: f64,
    /// March speed, km/h (0.1..=120).
    pub speed_kmh: f64,
    /// Most vehicles in one march unit, ≥ 1.
    pub march_unit_size: u32,
    /// Time gap between consecutive march units, minutes (0..=240).
    pub gap_min: f64,
    /// March units per serial (≥ 1), or `None` for no serials.
    pub march_units_per_serial: Option<u32>,
    /// Time gap between consecutive serials, minutes (0..=240); used only
    /// with serials.
    pub serial_gap_min: f64,
    /// Distance to cover, km (0..=20,000), or `None` for the column only.
    pub distance_km: Option<f64>,
}

impl MarchRequest {
    /// A column of `vehicles` at `interval_m` metres and `speed_kmh`, with the
    /// doctrine's march unit size, gaps and serials, no distance.
    pub fn new(vehicles: u32, interval_m: f64, speed_kmh: f64, doctrine: &MarchDoctrine) -> Self {
        MarchRequest {
            vehicles,
            interval_m,
            speed_kmh,
            march_unit_size: doctrine.march_unit_size,
            gap_min: doctrine.march_unit_gap_min,
            march_units_per_serial: doctrine.march_units_per_serial,
            serial_gap_min: doctrine.serial_gap_min,
            distance_km: None,
        }
    }

    /// The same request with a distance to cover, km.
    pub fn with_distance_km(mut self, km: f64) -> Self {
        self.distance_km = Some(km);
        self
    }

    /// The same request with march units of at most `size` vehicles and
    /// `gap_min` minutes between them.
    pub fn with_march_units(mut self, size: u32, gap_min: f64) -> Self {
        self.march_unit_size = size;
        self.gap_min = gap_min;
        self
    }

    /// Rejects inputs out of range; the error names the field.
    pub fn validate(&self) -> Result<(), MarchError> {
        let bad = |field, value, expected| MarchError::Invalid {
            field,
            value,
            expected,
        };
        if self.vehicles < 1 {
            return Err(bad("vehicles", 0.0, "≥ 1 vehicle"));
        }
        let i = self.interval_m;
        if !(i.is_finite() && (MIN_INTERVAL_M..=1000.0).contains(&i)) {
            return Err(bad("interval_m", i, "1..=1000 m"));
        }
        let v = self.speed_kmh;
        if !(v.is_finite() && (MIN_SPEED_KMH..=120.0).contains(&v)) {
            return Err(bad("speed_kmh", v, "0.1..=120 km/h"));
        }
        if self.march_unit_size < 1 {
            return Err(bad("march_unit_size", 0.0, "≥ 1 vehicle"));
        }
        let g = self.gap_min;
        if !(g.is_finite() && (0.0..=240.0).contains(&g)) {
            return Err(bad("gap_min", g, "0..=240 min"));
        }
        if self.march_units_per_serial == Some(0) {
            return Err(bad("march_units_per_serial", 0.0, "≥ 1 march unit"));
        }
        let sg = self.serial_gap_min;
        if !(sg.is_finite() && (0.0..=240.0).contains(&sg)) {
            return Err(bad("serial_gap_min", sg, "0..=240 min"));
        }
        if let Some(l) = self.distance_km {
            if !(l.is_finite() && (0.0..=MAX_DISTANCE_KM).contains(&l)) {
                return Err(bad("distance_km", l, "0..=20000 km"));
            }
        }
        Ok(())
    }

    /// Computes the march (see the module docs for the formulas).
    pub fn plan(&self, doctrine: &MarchDoctrine) -> Result<MarchPlan, MarchError> {
        march_plan(self, doctrine)
    }
}

/// Halts of a march, all march days together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Halts {
    /// Short and meal halts en route (overnight halts not included).
    pub count: u32,
    /// Their total length, minutes.
    pub minutes: f64,
    /// Short halts (TR 100-98), included in the rate of march.
    pub short: u32,
    /// Total length of the short halts, minutes.
    pub short_min: f64,
    /// Meal halts (one per long march day).
    pub meal: u32,
    /// Total length of the meal halts, minutes.
    pub meal_min: f64,
    /// Overnight halts (between march days).
    pub overnight: u32,
    /// Total length of the overnight halts, hours.
    pub overnight_h: f64,
}

/// The computed march: the column and, with a distance, its movement. All
/// durations are hours from the head's start unless the name says minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarchPlan {
    /// Vehicles in the column.
    pub vehicles: u32,
    /// Interval between vehicles, metres.
    pub interval_m: f64,
    /// Column density, vehicles per km (1000 / interval).
    pub density_veh_per_km: f64,
    /// March speed, km/h.
    pub speed_kmh: f64,
    /// Most vehicles in one march unit.
    pub march_unit_size: u32,
    /// March units in the column (⌈vehicles / march unit size⌉).
    pub march_units: u32,
    /// Serials in the column (1 without serials).
    pub serials: u32,
    /// Time gaps in the column (march units − 1), serial gaps included.
    pub gaps: u32,
    /// Time gap between march units, minutes.
    pub gap_min: f64,
    /// Time gap between serials, minutes (0 without serials).
    pub serial_gap_min: f64,
    /// All time gaps together, minutes.
    pub time_gaps_min: f64,
    /// Road space of the vehicles alone, km (vehicles ÷ density).
    pub vehicle_road_space_km: f64,
    /// Road space of the gaps at march speed, km.
    pub gap_road_space_km: f64,
    /// Road space of the column, km (vehicles + gaps).
    pub road_space_km: f64,
    /// Pass time: how long the column takes to pass a point, hours.
    pub pass_time_h: f64,
    /// Distance covered, km (`None` when no distance was given; then every
    /// field below is `None` too).
    pub distance_km: Option<f64>,
    /// Driving time of each vehicle, hours (distance ÷ speed).
    pub driving_h: Option<f64>,
    /// Time distance: the head's time at the rate of march, short halts
    /// included, meal and overnight halts not, hours.
    pub time_distance_h: Option<f64>,
    /// Rate of march: distance ÷ time distance, km/h (`None` for 0 km).
    pub rate_of_march_kmh: Option<f64>,
    /// March days (0 for 0 km).
    pub march_days: Option<u32>,
    /// Arrival of the head, hours after the head's start (all halts
    /// included).
    pub head_arrival_h: Option<f64>,
    /// Arrival of the tail (completion time), hours after the head's start:
    /// head arrival + pass time.
    pub tail_arrival_h: Option<f64>,
    /// Halts on the way.
    pub halts: Option<Halts>,
}

/// Short halts on a march day with `d` hours of driving (TR 100-98): the
/// first after `a` hours, then one every `b` hours, none at arrival; so
/// `⌈(d − a) / b⌉` for `d > a`, else 0. Returns (count, minutes).
fn short_halts(d: f64, doctrine: &MarchDoctrine) -> (f64, f64) {
    let h = &doctrine.halts;
    if d <= h.first_halt_after_h * (1.0 + EPS) {
        return (0.0, 0.0);
    }
    let n = ((d - h.first_halt_after_h) / h.halt_every_h - EPS)
        .ceil()
        .max(1.0);
    (n, h.first_halt_min + (n - 1.0) * h.halt_min)
}

/// One march day: driving `d` hours. Returns (short halts, short min, meal
/// halts, meal min, the head's day length in hours).
fn march_day(d: f64, doctrine: &MarchDoctrine) -> (f64, f64, f64, f64, f64) {
    let (n, short_min) = short_halts(d, doctrine);
    let meal = if d > doctrine.halts.meal_halt_after_driving_h * (1.0 + EPS) {
        1.0
    } else {
        0.0
    };
    let meal_min = meal * doctrine.halts.meal_halt_min;
    (
        n,
        short_min,
        meal,
        meal_min,
        d + (short_min + meal_min) / 60.0,
    )
}

/// Converts a non-negative whole number held in an f64 to u32 (saturating).
fn count(x: f64) -> u32 {
    // `as` saturates and maps NaN to 0; the inputs are whole and ≥ 0.
    x.round() as u32
}

/// Computes a march by the doctrine formulas (module docs). Validates the
/// request and the doctrine first.
pub fn march_plan(req: &MarchRequest, doctrine: &MarchDoctrine) -> Result<MarchPlan, MarchError> {
    doctrine.validate()?;
    req.validate()?;
    let n = f64::from(req.vehicles);
    let v = req.speed_kmh;

    // Column: density ρ = 1000 / D vehicles per km (FM 55-30; domain.md §3:
    // at 100 m, 10 vehicles per km of road).
    let density = 1000.0 / req.interval_m;
    // March units M = ⌈N / K⌉; serials S = ⌈M / per_serial⌉ (or 1).
    let march_units = req.vehicles.div_ceil(req.march_unit_size);
    let serials = match req.march_units_per_serial {
        Some(p) => march_units.div_ceil(p),
        None => 1,
    };
    let gaps = march_units - 1;
    let serial_gaps = serials - 1;
    let serial_gap_min = if req.march_units_per_serial.is_some() {
        req.serial_gap_min
    } else {
        0.0
    };
    // Time gaps: the gap between two serials replaces the march-unit gap there.
    let time_gaps_min =
        f64::from(gaps - serial_gaps) * req.gap_min + f64::from(serial_gaps) * serial_gap_min;
    let time_gaps_h = time_gaps_min / 60.0;
    // Road space (km) = vehicles ÷ density + gaps (FM 55-30), the gaps
    // being the road the time gaps occupy at march speed.
    let vehicle_road_space_km = n / density;
    let gap_road_space_km = time_gaps_h * v;
    let road_space_km = vehicle_road_space_km + gap_road_space_km;
    // Pass time (h) = vehicles' road space ÷ speed + time gaps (FM 55-30).
    let pass_time_h = vehicle_road_space_km / v + time_gaps_h;

    let mut plan = MarchPlan {
        vehicles: req.vehicles,
        interval_m: req.interval_m,
        density_veh_per_km: density,
        speed_kmh: v,
        march_unit_size: req.march_unit_size,
        march_units,
        serials,
        gaps,
        gap_min: req.gap_min,
        serial_gap_min,
        time_gaps_min,
        vehicle_road_space_km,
        gap_road_space_km,
        road_space_km,
        pass_time_h,
        distance_km: None,
        driving_h: None,
        time_distance_h: None,
        rate_of_march_kmh: None,
        march_days: None,
        head_arrival_h: None,
        tail_arrival_h: None,
        halts: None,
    };
    let Some(l) = req.distance_km else {
        return Ok(plan);
    };

    // Movement: driving L / V h in march days of at most max_h; all full days
    // are alike, so the totals are closed-form (no loop over days).
    let driving_h = l / v;
    let max_h = doctrine.max_driving_h_per_day;
    let days = if driving_h > 0.0 {
        (driving_h / max_h - EPS).ceil().max(1.0)
    } else {
        0.0
    };
    let full_days = (days - 1.0).max(0.0);
    let last_d = (driving_h - full_days * max_h).max(0.0);
    let (fn_, fs, fm, fmm, full_len) = march_day(max_h, doctrine);
    let (ln, ls, lm, lmm, last_len) = if days > 0.0 {
        march_day(last_d, doctrine)
    } else {
        (0.0, 0.0, 0.0, 0.0, 0.0)
    };
    // Each march day starts MARCH_DAY_H after the previous one; an overnight
    // halt fills the rest (none if a day's march is longer than that).
    let overnight_each = (MARCH_DAY_H - full_len).max(0.0);
    let short = full_days * fn_ + ln;
    let short_min = full_days * fs + ls;
    let meal = full_days * fm + lm;
    let meal_min = full_days * fmm + lmm;
    // Time distance at the rate of march: driving + short halts (TR 100-98).
    let time_distance_h = driving_h + short_min / 60.0;
    let head_arrival_h = full_days * (full_len + overnight_each) + last_len;
    plan.distance_km = Some(l);
    plan.driving_h = Some(driving_h);
    plan.time_distance_h = Some(time_distance_h);
    plan.rate_of_march_kmh = (time_distance_h > 0.0).then(|| l / time_distance_h);
    plan.march_days = Some(count(days));
    plan.head_arrival_h = Some(head_arrival_h);
    // Completion time: the tail keeps the head's schedule, pass time behind.
    plan.tail_arrival_h = Some(head_arrival_h + pass_time_h);
    plan.halts = Some(Halts {
        count: count(short + meal),
        minutes: short_min + meal_min,
        short: count(short),
        short_min,
        meal: count(meal),
        meal_min,
        overnight: count(full_days),
        overnight_h: full_days * overnight_each,
    });
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::movement::doctrine::{RoadClass, VehicleKind};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    macro_rules! assert_close {
        ($a:expr, $b:expr) => {{
            let (a, b) = ($a, $b);
            assert!(close(a, b), "{} = {a}, expected {b}", stringify!($a));
        }};
    }

    fn plan(req: MarchRequest) -> MarchPlan {
        req.plan(&MarchDoctrine::default()).unwrap()
    }

    #[test]
    fn two_hundred_vehicles_in_ten_march_units_at_40_kmh() {
        // 200 vehicles at 100 m: density 1000 / 100 = 10 per km, so
        // 200 / 10 = 20 km of vehicles. March units of 20: ⌈200 / 20⌉ = 10,
        // 9 gaps × 5 min = 45 min = 0.75 h, at 40 km/h 0.75 × 40 = 30 km of
        // gaps. Road space 20 + 30 = 50 km; pass time 20 / 40 + 0.75 = 1.25 h.
        let d = MarchDoctrine::default();
        let p = plan(MarchRequest::new(200, 100.0, 40.0, &d));
        assert_close!(p.density_veh_per_km, 10.0);
        assert_close!(p.vehicle_road_space_km, 20.0);
        assert_eq!(p.march_units, 10);
        assert_eq!(p.gaps, 9);
        assert_eq!(p.serials, 1);
        assert_close!(p.time_gaps_min, 45.0);
        assert_close!(p.gap_road_space_km, 30.0);
        assert_close!(p.road_space_km, 50.0);
        assert_close!(p.pass_time_h, 1.25);
        assert_close!(p.pass_time_h, p.road_space_km / p.speed_kmh);
        assert_eq!(p.head_arrival_h, None);
        assert_eq!(p.halts, None);
    }

    #[test]
    fn one_march_unit_has_no_gaps() {
        // 15 vehicles ≤ 20: one march unit, no gap. 15 × 50 m = 0.75 km;
        // at 24 km/h it passes in 0.75 / 24 h = 1.875 min.
        let d = MarchDoctrine::default();
        let p = plan(MarchRequest::new(15, 50.0, 24.0, &d));
        assert_eq!((p.march_units, p.gaps), (1, 0));
        assert_close!(p.road_space_km, 0.75);
        assert_close!(p.pass_time_h * 60.0, 1.875);
    }

    #[test]
    fn serial_gaps_replace_march_unit_gaps() {
        // 200 vehicles, K = 20: 10 march units; 5 a serial: 2 serials. Gaps:
        // 8 march-unit gaps × 5 min + 1 serial gap × 10 min = 50 min.
        let d = MarchDoctrine {
            march_units_per_serial: Some(5),
            ..MarchDoctrine::default()
        };
        let p = plan(MarchRequest::new(200, 100.0, 40.0, &d));
        assert_eq!((p.march_units, p.serials, p.gaps), (10, 2, 9));
        assert_close!(p.time_gaps_min, 50.0);
        // Pass time 20 / 40 + 50 / 60 h.
        assert_close!(p.pass_time_h, 0.5 + 50.0 / 60.0);
    }

    #[test]
    fn a_hundred_km_in_one_march_day() {
        // 100 km at 40 km/h: 2.5 h of driving. Short halts: one after the
        // first hour (15 min); the next would be at 3 h, after arrival.
        // Time distance 2.5 + 0.25 = 2.75 h (rate of march 100 / 2.75 =
        // 36.36 km/h); no meal halt (2.5 h ≤ 5 h); head +2.75 h; tail
        // 2.75 + 1.25 = 4.0 h.
        let d = MarchDoctrine::default();
        let p = plan(MarchRequest::new(200, 100.0, 40.0, &d).with_distance_km(100.0));
        assert_close!(p.driving_h.unwrap(), 2.5);
        assert_close!(p.time_distance_h.unwrap(), 2.75);
        assert_close!(p.rate_of_march_kmh.unwrap(), 100.0 / 2.75);
        assert_eq!(p.march_days, Some(1));
        assert_close!(p.head_arrival_h.unwrap(), 2.75);
        assert_close!(p.tail_arrival_h.unwrap(), 4.0);
        let h = p.halts.unwrap();
        assert_eq!((h.count, h.short, h.meal, h.overnight), (1, 1, 0, 0));
        assert_close!(h.minutes, 15.0);
    }

    #[test]
    fn six_hundred_km_over_two_march_days() {
        // 600 km at 40 km/h: 15 h of driving, 10 h a day: day 1 10 h, day 2 5 h.
        // Day 1: halts at 1, 3, 5, 7, 9 h: 15 + 4 × 10 = 55 min; a meal halt
        // (10 h > 5 h) of 30 min; the head's day 10 + 85 / 60 = 11.4167 h;
        // overnight 24 − 11.4167 = 12.5833 h.
        // Day 2: halts at 1, 3 h (the 5 h mark is the arrival): 25 min; no meal
        // halt (5 h is not more than 5 h); 5 + 25 / 60 = 5.4167 h.
        // Head arrival 24 + 5.4167 = 29.4167 h; time distance 15 + 80 / 60 =
        // 16.3333 h; tail 29.4167 + 1.25 = 30.6667 h.
        let d = MarchDoctrine::default();
        let p = plan(MarchRequest::new(200, 100.0, 40.0, &d).with_distance_km(600.0));
        assert_eq!(p.march_days, Some(2));
        assert_close!(p.time_distance_h.unwrap(), 15.0 + 80.0 / 60.0);
        assert_close!(p.head_arrival_h.unwrap(), 24.0 + 5.0 + 25.0 / 60.0);
        assert_close!(p.tail_arrival_h.unwrap(), 24.0 + 5.0 + 25.0 / 60.0 + 1.25);
        let h = p.halts.unwrap();
        assert_eq!((h.short, h.meal, h.overnight, h.count), (7, 1, 1, 8));
        assert_close!(h.short_min, 80.0);
        assert_close!(h.meal_min, 30.0);
        assert_close!(h.minutes, 110.0);
        assert_close!(h.overnight_h, 24.0 - (10.0 + 85.0 / 60.0));
    }

    #[test]
    fn halt_counts_at_the_boundaries() {
        let d = MarchDoctrine::default();
        // (hours of driving, short halts): none up to 1 h; one in (1, 3];
        // two in (3, 5]; ...
        for (h, want) in [
            (0.5, 0.0),
            (1.0, 0.0),
            (1.01, 1.0),
            (3.0, 1.0),
            (3.01, 2.0),
            (5.0, 2.0),
            (10.0, 5.0),
        ] {
            assert_eq!(short_halts(h, &d).0, want, "{h} h");
        }
        // Exactly 3 h of driving, computed with rounding noise: still 1 halt.
        assert_eq!(short_halts(0.1 * 30.0, &d).0, 1.0);
        // Exactly 20 h of driving is two full days, not three.
        let p = plan(MarchRequest::new(1, 100.0, 30.0, &d).with_distance_km(600.0));
        assert_eq!(p.march_days, Some(2));
    }

    #[test]
    fn zero_distance_is_the_pass_time() {
        let d = MarchDoctrine::default();
        let p = plan(MarchRequest::new(200, 100.0, 40.0, &d).with_distance_km(0.0));
        assert_eq!(p.march_days, Some(0));
        assert_eq!(p.head_arrival_h, Some(0.0));
        assert_eq!(p.tail_arrival_h, Some(p.pass_time_h));
        assert_eq!(p.rate_of_march_kmh, None);
        assert_eq!(p.halts.unwrap().count, 0);
    }

    #[test]
    fn corps_road_space_of_st_100_3() {
        // US ST 100-3 (Battle Book), ch. 8-1: a corps of 25,000 vehicles "would
        // occupy road space of 2,500 kilometers if it marched at the normal
        // interval of 100 meters ... even without gaps between march units and
        // serials. Pass time at 25 kilometers per hour would be more than 4
        // days." 25,000 / 10 = 2,500 km; 2,500 / 25 = 100 h > 96 h.
        let d = MarchDoctrine::default();
        let p = plan(MarchRequest::new(25_000, 100.0, 25.0, &d).with_march_units(25_000, 0.0));
        assert_close!(p.road_space_km, 2500.0);
        assert_close!(p.pass_time_h, 100.0);
        assert!(p.pass_time_h > 4.0 * 24.0);
    }

    #[test]
    fn doctrine_speeds_feed_the_request() {
        let d = MarchDoctrine::default();
        let v = d.speed_kmh(RoadClass::Expressway, VehicleKind::Tracked);
        let p =
            plan(MarchRequest::new(14, d.open_column_interval_m, v, &d).with_distance_km(300.0));
        // 300 km at 30 km/h = 10 h: exactly one march day.
        assert_eq!(p.march_days, Some(1));
        assert_close!(p.driving_h.unwrap(), 10.0);
    }

    #[test]
    fn bad_inputs_name_the_field() {
        let d = MarchDoctrine::default();
        let ok = MarchRequest::new(10, 100.0, 40.0, &d);
        let cases: Vec<(MarchRequest, &str)> = vec![
            (
                MarchRequest {
                    vehicles: 0,
                    ..ok.clone()
                },
                "vehicles",
            ),
            (
                MarchRequest {
                    interval_m: 0.0,
                    ..ok.clone()
                },
                "interval_m",
            ),
            (
                MarchRequest {
                    interval_m: -3.0,
                    ..ok.clone()
                },
                "interval_m",
            ),
            (
                MarchRequest {
                    interval_m: f64::NAN,
                    ..ok.clone()
                },
                "interval_m",
            ),
            (
                MarchRequest {
                    speed_kmh: 0.0,
                    ..ok.clone()
                },
                "speed_kmh",
            ),
            (
                MarchRequest {
                    speed_kmh: 121.0,
                    ..ok.clone()
                },
                "speed_kmh",
            ),
            (
                MarchRequest {
                    speed_kmh: f64::INFINITY,
                    ..ok.clone()
                },
                "speed_kmh",
            ),
            (
                MarchRequest {
                    march_unit_size: 0,
                    ..ok.clone()
                },
                "march_unit_size",
            ),
            (
                MarchRequest {
                    gap_min: -1.0,
                    ..ok.clone()
                },
                "gap_min",
            ),
            (
                MarchRequest {
                    march_units_per_serial: Some(0),
                    ..ok.clone()
                },
                "march_units_per_serial",
            ),
            (
                MarchRequest {
                    serial_gap_min: 1e9,
                    ..ok.clone()
                },
                "serial_gap_min",
            ),
            (ok.clone().with_distance_km(-1.0), "distance_km"),
            (ok.clone().with_distance_km(f64::NAN), "distance_km"),
            (ok.clone().with_distance_km(1e6), "distance_km"),
        ];
        for (req, field) in cases {
            match req.plan(&d) {
                Err(MarchError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: expected Invalid, got {other:?}"),
            }
        }
        let bad_doctrine = MarchDoctrine {
            max_driving_h_per_day: 0.0,
            ..MarchDoctrine::default()
        };
        assert!(matches!(
            ok.plan(&bad_doctrine),
            Err(MarchError::Doctrine(DoctrineError::Invalid {
                field: "max_driving_h_per_day",
                ..
            }))
        ));
        let e = MarchRequest {
            speed_kmh: 200.0,
            ..ok
        }
        .plan(&d)
        .unwrap_err();
        assert!(e.to_string().contains("`speed_kmh` = 200"), "{e}");
    }

    #[test]
    fn extremes_do_not_panic() {
        let d = MarchDoctrine::default();
        let p = plan(
            MarchRequest::new(u32::MAX, 1000.0, MIN_SPEED_KMH, &d)
                .with_distance_km(MAX_DISTANCE_KM),
        );
        assert!(p.tail_arrival_h.unwrap().is_finite());
        let p =
            plan(MarchRequest::new(u32::MAX, MIN_INTERVAL_M, 120.0, &d).with_march_units(1, 240.0));
        assert!(p.pass_time_h.is_finite());
    }
}
