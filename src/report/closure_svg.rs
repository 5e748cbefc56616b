//! `closure.svg`: the closure profile — the share of the force arrived over
//! time — with one solid line per regime compared and one dashed line per
//! what-if (disruption file), each plan's lower bound marked as a vertical
//! dashed (regimes) or dotted (what-ifs) line, the time axis in days after
//! the first departure with calendar dates (UTC) — broken into two scales
//! when one plan lasts over four times another ([`TimeAxis`], stated in the
//! chart) — the share axis in per cent.

use std::fmt::Write;

use chrono::Duration;

use super::input::ReportInput;
use super::summary::hours;
use super::svg::{escape, num};
use super::time_axis::TimeAxis;
use crate::movement::MovementPlan;

/// Line colours of the plans compared, in order (Okabe–Ito, then black).
pub const SERIES_COLOURS: [&str; 7] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
];

const W: f64 = 940.0;
const H: f64 = 440.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 250.0;
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

/// Line colours of the what-ifs, in order (none of the regimes'; the
/// first is the map's what-if marker colour).
pub const WHAT_IF_COLOURS: [&str; 4] = ["#542788", "#b2182b", "#7f3b08", "#01665e"];

/// Dash pattern of what-if lines (regime lines are solid).
pub const WHAT_IF_DASH: &str = "10 4";

/// One line of the chart.
struct Line<'a> {
    label: String,
    plan: &'a MovementPlan,
    colour: &'a str,
    /// `None`: solid (a regime); `Some`: a what-if, its change of closure
    /// against the report's plan in the legend.
    what_if: Option<f64>,
}

/// Hours from `epoch` to the first arrival of `plan` (its closure if
/// nothing arrives).
fn first_arrival_h(epoch: chrono::DateTime<chrono::Utc>, plan: &MovementPlan) -> f64 {
    hours(
        epoch,
        plan.closure_profile
            .first()
            .map_or(plan.closure_time, |p| p.time),
    )
}

/// The closure chart as a standalone SVG document (`standalone` adds the
/// XML namespace and declaration; inline in HTML it is left out).
pub fn closure_svg(input: &ReportInput<'_>, standalone: bool) -> String {
    let mut lines: Vec<Line<'_>> = chart_series(input)
        .into_iter()
        .enumerate()
        .map(|(i, (label, plan))| Line {
            label,
            plan,
            colour: SERIES_COLOURS[i % SERIES_COLOURS.len()],
            what_if: None,
        })
        .collect();
    for (i, w) in input.what_ifs.iter().enumerate() {
        lines.push(Line {
            label: format!("what-if: {}", w.label),
            plan: &w.plan,
            colour: WHAT_IF_COLOURS[i % WHAT_IF_COLOURS.len()],
            what_if: Some(w.comparison.closure_delta_h),
        });
    }
    let epoch = lines
        .iter()
        .map(|l| l.plan.epoch)
        .min()
        .unwrap_or(input.plan.epoch);
    let spans: Vec<(f64, f64)> = lines
        .iter()
        .map(|l| {
            let p = l.plan;
            (
                first_arrival_h(epoch, p).min(hours(epoch, p.lower_bound)),
                hours(epoch, p.closure_time.max(p.lower_bound)),
            )
        })
        .collect();
    let axis = TimeAxis::fit(&spans);
    let end_h = axis.end_h();
    // Legend: one entry per line, then the lower bound's.
    let h = H.max(TOP + 10.0 + (lines.len() as f64 + 1.0) * 40.0 + 10.0);
    let pw = W - LEFT - RIGHT;
    let ph = h - TOP - BOTTOM;
    let x = |hh: f64| LEFT + axis.x(hh) * pw;
    let y = |share: f64| TOP + (1.0 - share) * ph;
    let mut s = String::new();
    if standalone {
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = writeln!(
        s,
        "<svg {}width=\"{W}\" height=\"{h}\" viewBox=\"0 0 {W} {h}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"closure profile\">",
        if standalone { "xmlns=\"http://www.w3.org/2000/svg\" " } else { "" }
    );
    let _ = writeln!(s, "<rect width=\"{W}\" height=\"{h}\" fill=\"#ffffff\"/>");
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}: share of the force arrived</text>",
        escape(input.title)
    );
    if let Some(note) = axis.note() {
        let _ = writeln!(
            s,
            "<text x=\"{LEFT}\" y=\"38\" font-size=\"11\" fill=\"#555555\" class=\"axis-note\">{}</text>",
            escape(&note)
        );
    }
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
    for (t, step) in axis.ticks() {
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
    }
    let _ = writeln!(
        s,
        "<path d=\"M{LEFT},{TOP} V{} H{}\" fill=\"none\" stroke=\"#333333\"/>",
        num(TOP + ph),
        num(LEFT + pw)
    );
    if let Some((l, r)) = axis.break_x() {
        // The scale change: a grey band over the plot, and a double slash on
        // the time axis.
        let (xl, xr) = (LEFT + l * pw, LEFT + r * pw);
        let mid = (xl + xr) / 2.0;
        if xr > xl {
            let _ = writeln!(
                s,
                "<rect class=\"axis-break\" x=\"{}\" y=\"{TOP}\" width=\"{}\" height=\"{}\" fill=\"#f2f2f2\"/>",
                num(xl),
                num(xr - xl),
                num(ph)
            );
        } else {
            let _ = writeln!(
                s,
                "<line class=\"axis-break\" x1=\"{}\" y1=\"{TOP}\" x2=\"{}\" y2=\"{}\" stroke=\"#999999\" stroke-dasharray=\"2 2\"/>",
                num(mid),
                num(mid),
                num(TOP + ph)
            );
        }
        let yb = TOP + ph;
        for dx in [-3.0, 3.0] {
            let _ = writeln!(
                s,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\" stroke-width=\"1.5\"/>",
                num(mid + dx - 3.0),
                num(yb + 6.0),
                num(mid + dx + 3.0),
                num(yb - 6.0)
            );
        }
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">time after the first departure ({}, UTC dates)</text>",
        num(LEFT + pw / 2.0),
        num(h - 12.0),
        epoch.format("%a %Y-%m-%d %H:%M UTC")
    );
    let _ = writeln!(
        s,
        "<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\">vehicles arrived (% of the force)</text>",
        num(TOP + ph / 2.0)
    );
    // Lines and bounds.
    for (i, line) in lines.iter().enumerate() {
        let (label, plan, colour) = (&line.label, line.plan, line.colour);
        let (bound_dash, line_dash, width) = match line.what_if {
            None => ("5 4", String::new(), (3.5 - 0.6 * i as f64).max(1.5)),
            Some(_) => ("2 3", format!(" stroke-dasharray=\"{WHAT_IF_DASH}\""), 2.0),
        };
        let bx = num(x(hours(epoch, plan.lower_bound)));
        let _ = writeln!(
            s,
            "<line x1=\"{bx}\" y1=\"{TOP}\" x2=\"{bx}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"{bound_dash}\"><title>lower bound, {}</title></line>",
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
            "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\"{line_dash}><title>{} — {:.0} % arrive</title></path>",
            num(width),
            escape(label),
            last * 100.0
        );
        // Legend.
        let ly = TOP + 10.0 + i as f64 * 40.0;
        let lx = LEFT + pw + 20.0;
        let detail = match line.what_if {
            None => format!(
                "closure {:.0} h, bound {:.0} h",
                hours(epoch, plan.closure_time),
                hours(epoch, plan.lower_bound)
            ),
            Some(delta) => format!(
                "closure {:.0} h ({delta:+.0} h), bound {:.0} h",
                hours(epoch, plan.closure_time),
                hours(epoch, plan.lower_bound)
            ),
        };
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"3\"{line_dash}/><text x=\"{}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" fill=\"#555555\" font-size=\"11\">{detail}</text>",
            num(lx),
            num(ly),
            num(lx + 24.0),
            num(ly),
            num(lx + 30.0),
            num(ly + 4.0),
            escape(label),
            num(lx + 30.0),
            num(ly + 18.0),
        );
    }
    let ly = TOP + 10.0 + lines.len() as f64 * 40.0;
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
    fn what_if_colours_differ_from_the_regimes() {
        for c in WHAT_IF_COLOURS {
            assert!(!SERIES_COLOURS.contains(&c));
        }
    }
}
