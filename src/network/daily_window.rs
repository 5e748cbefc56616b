//! Daily time windows in local time (`HH:MM-HH:MM`), e.g. border crossing
//! opening hours or night-only movement.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A window that repeats every day, in the local time of the place it belongs
/// to, with minute resolution. `start == end` is rejected (use no window for
/// 24/7). `start > end` wraps midnight (`22:00-06:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DailyWindow {
    /// Opening, minutes after local midnight (0..1440).
    pub start_min: u16,
    /// Closing, minutes after local midnight (0..1440).
    pub end_min: u16,
}

impl DailyWindow {
    /// Whether a local minute-of-day (0..1440) lies inside the window
    /// (start inclusive, end exclusive).
    pub fn contains(&self, minute_of_day: u16) -> bool {
        if self.start_min < self.end_min {
            (self.start_min..self.end_min).contains(&minute_of_day)
        } else {
            minute_of_day >= self.start_min || minute_of_day < self.end_min
        }
    }

    /// Minutes to wait from a local minute-of-day until the window is open
    /// (0 if it is open).
    pub fn wait_min(&self, minute_of_day: u16) -> u16 {
        if self.contains(minute_of_day) {
            0
        } else if minute_of_day < self.start_min {
            self.start_min - minute_of_day
        } else {
            1440 - minute_of_day + self.start_min
        }
    }

    /// Length of the open period, minutes.
    pub fn open_minutes(&self) -> u16 {
        if self.start_min < self.end_min {
            self.end_min - self.start_min
        } else {
            1440 - self.start_min + self.end_min
        }
    }
}

fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

impl FromStr for DailyWindow {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err =
            || format!("malformed time window `{s}` (expected HH:MM-HH:MM, e.g. 22:00-06:00)");
        let (a, b) = s.split_once('-').ok_or_else(err)?;
        let start = parse_hhmm(a).ok_or_else(err)? % 1440;
        let end = parse_hhmm(b).ok_or_else(err)? % 1440;
        if start == end {
            return Err(format!(
                "time window `{s}` opens and closes at the same minute (leave it empty for 24/7)"
            ));
        }
        Ok(DailyWindow {
            start_min: start,
            end_min: end,
        })
    }
}

impl TryFrom<String> for DailyWindow {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<DailyWindow> for String {
    fn from(w: DailyWindow) -> String {
        w.to_string()
    }
}

impl fmt::Display for DailyWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start_min / 60,
            self.start_min % 60,
            self.end_min / 60,
            self.end_min % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_waits() {
        let w: DailyWindow = "22:00-06:00".parse().unwrap();
        assert!(w.contains(23 * 60));
        assert!(w.contains(0));
        assert!(!w.contains(6 * 60));
        assert_eq!(w.wait_min(21 * 60), 60);
        assert_eq!(w.wait_min(7 * 60), 15 * 60);
        assert_eq!(w.open_minutes(), 480);
        assert_eq!(w.to_string(), "22:00-06:00");
        let d: DailyWindow = "08:00-16:30".parse().unwrap();
        assert_eq!(d.wait_min(17 * 60), 15 * 60);
        assert!("8-16".parse::<DailyWindow>().is_err());
        assert!("08:00-08:00".parse::<DailyWindow>().is_err());
        assert!("25:00-08:00".parse::<DailyWindow>().is_err());
    }
}
