//! `closure.svg`: the closure profile — the share of the force arrived over
//! time — with one line per plan compared (regimes, later disruptions),
//! each plan's lower bound marked as a dashed line, the time axis in days
//! after the first departure with calendar dates (UTC), the share axis in
//! per cent.

use std::fmt::Write;

use chrono::Duration;

use super::input::ReportInput;
use super::summary::hours;
use super::svg::{escape, num};
use crate::movement::MovementPlan;

/// Line colours of the plans compared, in order (Okabe–Ito, then black).
pub const SERIES_COLOURS: [&str; 7] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
];

const W: f64 = 900.0;
const H: f64 = 440.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 210.0;
const TOP: f64 = 44.0;
const BOTTOM: f64 = 70.0;

/// The plans drawn: the compared ones, or the report's plan alone.
pub fn chart_series<'a>(input: &'a ReportInput<'a>) -> Vec<(String, &'a MovementPlan)> {
    if input.compared.is_empty() {
        vec![(input.plan.regime.clone(), input.plan)]
    } else {
        input
            .compared
            .iter()
            .map(|c| (c.label.clone(), c.plan))
            .collect()
    }
}

/// A tick step (hours) giving at most about ten ticks over `span_h`.
fn tick_step_h(span_h: f64) -> f64 {
    const STEPS: [f64; 10] = [1.0, 3.0, 6.0, 12.0, 24.0, 48.0, 72.0, 168.0, 336.0, 720.0];
    STEPS
        .iter()
        .copied()
        .find(|s| span_h / s <= 10.0)
        .unwrap_or(1440.0)
}

/// The closure chart as a standalone SVG document (`standalone` adds the
/// XML namespace and declaration; inline in HTML it is left out).
pub fn closure_svg(input: &ReportInput<'_>, standalone: bool) -> String {
    let series = chart_series(input);
    let epoch = series
        .iter()
        .map(|s| s.1.epoch)
        .min()
        .unwrap_or(input.plan.epoch);
    let end_h = series
        .iter()
        .map(|s| hours(epoch, s.1.closure_time.max(s.1.lower_bound)))
        .fold(1.0_f64, f64::max)
        * 1.04;
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    let x = |h: f64| LEFT + h / end_h * pw;
    let y = |share: f64| TOP + (1.0 - share) * ph;
    let mut s = String::new();
    if standalone {
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = writeln!(
        s,
        "<svg {}width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"closure profile\">",
        if standalone { "xmlns=\"http://www.w3.org/2000/svg\" " } else { "" }
    );
    let _ = writeln!(s, "<rect width=\"{W}\" height=\"{H}\" fill=\"#ffffff\"/>");
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}: share of the force arrived</text>",
        escape(input.title)
    );
    // Grid and axes.
    for k in 0..=5 {
        let share = k as f64 / 5.0;
        let yy = num(y(share));
        let _ = writeln!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{yy}\" x2=\"{}\" y2=\"{yy}\" stroke=\"#dddddd\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{:.0} %</text>",
            num(LEFT + pw),
            num(LEFT - 6.0),
            num(y(share) + 4.0),
            share * 100.0
        );
    }
    let step = tick_step_h(end_h);
    let mut t = 0.0;
    while t <= end_h + 1e-9 {
        let xx = num(x(t));
        let date = (epoch + Duration::seconds((t * 3600.0) as i64)).format("%d %b");
        let day = if step >= 24.0 {
            format!("day {:.0}", t / 24.0)
        } else {
            format!("{t:.0} h")
        };
        let _ = writeln!(
            s,
            "<line x1=\"{xx}\" y1=\"{TOP}\" x2=\"{xx}\" y2=\"{}\" stroke=\"#eeeeee\"/><text x=\"{xx}\" y=\"{}\" text-anchor=\"middle\">{day}</text><text x=\"{xx}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555555\">{date}</text>",
            num(TOP + ph),
            num(TOP + ph + 16.0),
            num(TOP + ph + 30.0)
        );
        t += step;
    }
    let _ = writeln!(
        s,
        "<path d=\"M{LEFT},{TOP} V{} H{}\" fill=\"none\" stroke=\"#333333\"/>",
        num(TOP + ph),
        num(LEFT + pw)
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">time after the first departure ({}, UTC dates)</text>",
        num(LEFT + pw / 2.0),
        num(H - 12.0),
        epoch.format("%a %Y-%m-%d %H:%M UTC")
    );
    let _ = writeln!(
        s,
        "<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\">vehicles arrived (% of the force)</text>",
        num(TOP + ph / 2.0)
    );
    // Lines and bounds.
    for (i, (label, plan)) in series.iter().enumerate() {
        let colour = SERIES_COLOURS[i % SERIES_COLOURS.len()];
        let bx = num(x(hours(epoch, plan.lower_bound)));
        let _ = writeln!(
            s,
            "<line x1=\"{bx}\" y1=\"{TOP}\" x2=\"{bx}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"><title>lower bound, {}</title></line>",
            num(TOP + ph),
            escape(label)
        );
        let mut d = format!("M{},{}", num(x(hours(epoch, plan.epoch))), num(y(0.0)));
        let mut last = 0.0;
        for p in &plan.closure_profile {
            let xx = num(x(hours(epoch, p.time)));
            let _ = write!(d, " H{xx} V{}", num(y(p.share)));
            last = p.share;
        }
        let _ = write!(d, " H{}", num(x(end_h)));
        let _ = writeln!(
            s,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\"><title>{} — {:.0} % arrive</title></path>",
            num((3.5 - 0.6 * i as f64).max(1.5)),
            escape(label),
            last * 100.0
        );
        // Legend.
        let ly = TOP + 10.0 + i as f64 * 40.0;
        let lx = LEFT + pw + 20.0;
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"3\"/><text x=\"{}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" fill=\"#555555\" font-size=\"11\">closure {:.0} h, bound {:.0} h</text>",
            num(lx),
            num(ly),
            num(lx + 24.0),
            num(ly),
            num(lx + 30.0),
            num(ly + 4.0),
            escape(label),
            num(lx + 30.0),
            num(ly + 18.0),
            hours(epoch, plan.closure_time),
            hours(epoch, plan.lower_bound)
        );
    }
    let ly = TOP + 10.0 + series.len() as f64 * 40.0;
    let lx = LEFT + pw + 20.0;
    let _ = writeln!(
        s,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/><text x=\"{}\" y=\"{}\">lower bound</text>",
        num(lx),
        num(ly),
        num(lx + 24.0),
        num(ly),
        num(lx + 30.0),
        num(ly + 4.0)
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_steps_keep_ten_ticks_or_fewer() {
        assert_eq!(tick_step_h(5.0), 1.0);
        assert_eq!(tick_step_h(150.0), 24.0);
        assert_eq!(tick_step_h(1100.0), 168.0);
        for span in [1.0, 40.0, 400.0, 4000.0] {
            assert!(span / tick_step_h(span) <= 10.0);
        }
    }
}
