//! The closure chart's time axis (hours after the first departure): linear,
//! or — when one plan lasts more than [`BREAK_RATIO`] times as long as
//! another (the status quo against a pledge) — broken into two linear
//! pieces at different scales, so that the short plans keep most of the
//! width instead of being squeezed into its left sixth. The left piece
//! runs from 0 to just after the end of the short plans; the right piece
//! from just before the first arrival (or bound) of the long ones to the
//! end, after a gap drawn as a break when there is time in between with
//! nothing to show. The chart states the choice in words
//! ([`TimeAxis::note`]).

/// A plan ending more than this many times later than another breaks the
/// axis.
pub const BREAK_RATIO: f64 = 4.0;

/// Share of the width the left (short plans') piece takes on a broken axis.
const LEFT_SHARE: f64 = 0.62;
/// Share of the width of the gap between the pieces, when there is one.
const GAP_SHARE: f64 = 0.05;

/// One linear piece: hours `h0..h1` drawn over `x0..x1` (shares of the
/// plot width, 0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    h0: f64,
    h1: f64,
    x0: f64,
    x1: f64,
}

impl Piece {
    fn x(&self, h: f64) -> f64 {
        if self.h1 <= self.h0 {
            return self.x0;
        }
        self.x0 + (h - self.h0) / (self.h1 - self.h0) * (self.x1 - self.x0)
    }
}

/// A time axis: hours to shares of the plot width.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeAxis {
    /// The data-bearing pieces, left to right (one or two).
    pieces: Vec<Piece>,
    /// Whether there is a gap (a break) between the two pieces.
    gap: bool,
}

/// A tick step (hours) giving at most about `max` ticks over `span_h`.
pub fn tick_step_h(span_h: f64, max: f64) -> f64 {
    const STEPS: [f64; 11] = [
        1.0, 3.0, 6.0, 12.0, 24.0, 48.0, 72.0, 168.0, 336.0, 720.0, 1440.0,
    ];
    STEPS
        .iter()
        .copied()
        .find(|s| span_h / s <= max.max(1.0))
        .unwrap_or(2880.0)
}

impl TimeAxis {
    /// A linear axis from 0 to `end_h` hours.
    pub fn linear(end_h: f64) -> TimeAxis {
        TimeAxis {
            pieces: vec![Piece {
                h0: 0.0,
                h1: end_h.max(1.0),
                x0: 0.0,
                x1: 1.0,
            }],
            gap: false,
        }
    }

    /// The axis for plans that each show something from `start` to `end`
    /// hours (first arrival or lower bound, whichever is earlier, to
    /// closure or bound, whichever is later): linear unless the longest
    /// ends more than [`BREAK_RATIO`] times later than the shortest; then
    /// broken where consecutive ends differ most.
    pub fn fit(spans: &[(f64, f64)]) -> TimeAxis {
        let mut ends: Vec<f64> = spans.iter().map(|s| s.1.max(1.0)).collect();
        ends.sort_by(f64::total_cmp);
        let (Some(&min), Some(&max)) = (ends.first(), ends.last()) else {
            return TimeAxis::linear(1.0);
        };
        let end = max * 1.04;
        if max <= BREAK_RATIO * min {
            return TimeAxis::linear(end);
        }
        // Split after the end with the largest ratio to the next.
        let split = ends
            .windows(2)
            .enumerate()
            .max_by(|a, b| (a.1[1] / a.1[0]).total_cmp(&(b.1[1] / b.1[0])))
            .map_or(0, |(i, _)| i);
        let b = ends[split] * 1.06;
        let long_start = spans
            .iter()
            .filter(|s| s.1.max(1.0) > ends[split])
            .map(|s| s.0)
            .fold(f64::INFINITY, f64::min);
        let s = (long_start - 0.04 * (end - long_start)).max(b);
        let left = Piece {
            h0: 0.0,
            h1: b,
            x0: 0.0,
            x1: LEFT_SHARE,
        };
        if s - b > 0.1 * (end - b) {
            TimeAxis {
                pieces: vec![
                    left,
                    Piece {
                        h0: s,
                        h1: end,
                        x0: LEFT_SHARE + GAP_SHARE,
                        x1: 1.0,
                    },
                ],
                gap: true,
            }
        } else {
            TimeAxis {
                pieces: vec![
                    left,
                    Piece {
                        h0: b,
                        h1: end,
                        x0: LEFT_SHARE,
                        x1: 1.0,
                    },
                ],
                gap: false,
            }
        }
    }

    /// Whether the axis has two scales.
    pub fn is_broken(&self) -> bool {
        self.pieces.len() > 1
    }

    /// The last hour shown.
    pub fn end_h(&self) -> f64 {
        self.pieces.last().map_or(1.0, |p| p.h1)
    }

    /// The share of the plot width (0..1) of `h` hours; hours in the gap
    /// of a broken axis are drawn across the gap.
    pub fn x(&self, h: f64) -> f64 {
        for (i, p) in self.pieces.iter().enumerate() {
            if h <= p.h1 || i + 1 == self.pieces.len() {
                if h < p.h0 && i > 0 {
                    // In the gap: between the previous piece's end and this one's start.
                    let prev = self.pieces[i - 1];
                    let t = (h - prev.h1) / (p.h0 - prev.h1);
                    return prev.x1 + t.clamp(0.0, 1.0) * (p.x0 - prev.x1);
                }
                return p.x(h).min(1.0);
            }
        }
        1.0
    }

    /// Where the scale changes: the share of the width where the left
    /// piece ends and the right one starts (equal without a gap).
    pub fn break_x(&self) -> Option<(f64, f64)> {
        match self.pieces.as_slice() {
            [a, b] => Some((a.x1, b.x0)),
            _ => None,
        }
    }

    /// The tick hours with their step (hours), about ten over the whole
    /// width; on a broken axis each piece has its own step, and a tick too
    /// close to the previous one (less than 4 % of the width) is left out.
    pub fn ticks(&self) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = Vec::new();
        let mut last_x = f64::NEG_INFINITY;
        for p in &self.pieces {
            let step = tick_step_h(p.h1 - p.h0, 10.0 * (p.x1 - p.x0));
            let mut t = (p.h0 / step).ceil() * step;
            while t <= p.h1 + 1e-9 {
                let x = self.x(t);
                if x - last_x >= 0.04 {
                    out.push((t, step));
                    last_x = x;
                }
                t += step;
            }
        }
        out
    }

    /// The choice in words, for the chart (`None` on a linear axis).
    pub fn note(&self) -> Option<String> {
        let [a, b] = self.pieces.as_slice() else {
            return None;
        };
        let d = |h: f64| {
            if h >= 48.0 {
                format!("day {:.0}", h / 24.0)
            } else {
                format!("{h:.0} h")
            }
        };
        Some(format!(
            "Time axis {}: 0 to {} and {} to {} at different scales (one plan lasts over {BREAK_RATIO:.0}× another).",
            if self.gap { "broken" } else { "rescaled" },
            d(a.h1),
            d(b.h0),
            d(b.h1)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_steps_keep_ten_ticks_or_fewer() {
        assert_eq!(tick_step_h(5.0, 10.0), 1.0);
        assert_eq!(tick_step_h(150.0, 10.0), 24.0);
        assert_eq!(tick_step_h(1100.0, 10.0), 168.0);
        for span in [1.0, 40.0, 400.0, 4000.0] {
            assert!(span / tick_step_h(span, 10.0) <= 10.0);
        }
    }

    #[test]
    fn similar_plans_keep_a_linear_axis() {
        let a = TimeAxis::fit(&[(20.0, 150.0), (30.0, 300.0)]);
        assert!(!a.is_broken());
        assert!((a.x(156.0) - 0.5).abs() < 0.01);
        assert!(a.note().is_none());
    }

    #[test]
    fn a_long_plan_breaks_the_axis_and_short_ones_keep_the_width() {
        // Pledge-like plans of 120-150 h and a status quo of 1,100 h whose
        // first unit arrives after 1,000 h.
        let spans = [(40.0, 120.0), (50.0, 150.0), (1000.0, 1100.0)];
        let lin = TimeAxis::linear(1100.0 * 1.04);
        assert!(lin.x(150.0) < 1.0 / 6.0);
        let a = TimeAxis::fit(&spans);
        assert!(a.is_broken());
        // The short plans' closures sit right of half the width…
        assert!(a.x(150.0) > 0.5 && a.x(120.0) > 0.45, "{}", a.x(150.0));
        // …and the long one's arrivals span a fair part of the rest.
        assert!(a.x(1100.0) - a.x(1000.0) > 0.2);
        // Monotone, through the gap.
        let mut prev = -1.0;
        for h in (0..1200).map(|h| h as f64) {
            let x = a.x(h);
            assert!(x >= prev - 1e-12, "{h}");
            prev = x;
        }
        let (l, r) = a.break_x().unwrap();
        assert!(r > l);
        let note = a.note().unwrap();
        assert!(note.contains("broken") && note.contains("day 7"), "{note}");
        // Ticks are in order and apart.
        let ticks = a.ticks();
        assert!(ticks.len() >= 5);
        for w in ticks.windows(2) {
            assert!(a.x(w[1].0) - a.x(w[0].0) >= 0.04);
        }
    }

    #[test]
    fn overlapping_long_plans_rescale_without_a_gap() {
        let a = TimeAxis::fit(&[(10.0, 100.0), (20.0, 900.0)]);
        assert!(a.is_broken());
        let (l, r) = a.break_x().unwrap();
        assert_eq!(l, r);
        assert!(a.note().unwrap().contains("rescaled"));
    }
}
