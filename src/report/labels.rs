//! Map labels that do not overlap: a greedy placement. Labels are taken
//! in priority order; each tries eight positions around its point (right,
//! left, above, below, then the diagonals), then the same eight twice as
//! far out, and takes the first whose box
//! stays inside the frame and clear of every label already placed and of
//! every obstacle (the hub symbols); a label with no free position is left
//! out. Text width is estimated from the character count (0.58 em per
//! character, a generous average for sans-serif), so boxes err large.

/// An axis-aligned box in drawing units (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelBox {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl LabelBox {
    /// Whether two boxes overlap (touching edges do not).
    pub fn overlaps(&self, o: &LabelBox) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether `self` lies inside `o`.
    pub fn inside(&self, o: &LabelBox) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }
}

/// A label to place at a point.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    /// The point labelled, drawing units.
    pub x: f64,
    /// The point labelled, drawing units.
    pub y: f64,
    /// The text.
    pub text: String,
    /// Font size, drawing units.
    pub font: f64,
    /// Clearance from the point to the text (the symbol's radius and a
    /// margin), drawing units.
    pub offset: f64,
}

/// A placed label: where its text goes and the box it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// Text anchor point x (SVG `x`).
    pub x: f64,
    /// Text baseline y (SVG `y`).
    pub y: f64,
    /// SVG `text-anchor`: `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// The box the text covers.
    pub bbox: LabelBox,
}

/// Estimated width of `text` at `font` size.
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().count() as f64 * font * 0.58
}

/// Candidate positions tried per label.
const CANDIDATES: usize = 16;

/// The box and text position of `r` at candidate position `k`
/// (0..[`CANDIDATES`]; 8 and up: twice as far out).
fn candidate(r: &LabelRequest, k: usize) -> PlacedLabel {
    let w = text_width(&r.text, r.font);
    let h = r.font * 1.2;
    let d = if k >= 8 { r.offset * 2.0 } else { r.offset };
    let k = k % 8;
    // (dx, dy) of the box's reference corner and the anchor used.
    let (x0, y0, anchor) = match k {
        0 => (r.x + d, r.y - h / 2.0, "start"),
        1 => (r.x - d - w, r.y - h / 2.0, "end"),
        2 => (r.x - w / 2.0, r.y - d - h, "middle"),
        3 => (r.x - w / 2.0, r.y + d, "middle"),
        4 => (r.x + d * 0.7, r.y - d * 0.7 - h, "start"),
        5 => (r.x + d * 0.7, r.y + d * 0.7, "start"),
        6 => (r.x - d * 0.7 - w, r.y - d * 0.7 - h, "end"),
        _ => (r.x - d * 0.7 - w, r.y + d * 0.7, "end"),
    };
    let bbox = LabelBox {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    };
    let x = match anchor {
        "start" => x0,
        "end" => x0 + w,
        _ => x0 + w / 2.0,
    };
    // Baseline about 0.85 of the box down (descenders below).
    PlacedLabel {
        x,
        y: y0 + h * 0.8,
        anchor,
        bbox,
    }
}

/// Places `requests` in order (first = most important); `None` for a label
/// left out. No two placed labels overlap, none overlaps an obstacle, all
/// lie inside `frame`.
pub fn place_labels(
    requests: &[LabelRequest],
    obstacles: &[LabelBox],
    frame: LabelBox,
) -> Vec<Option<PlacedLabel>> {
    let mut placed: Vec<LabelBox> = Vec::new();
    requests
        .iter()
        .map(|r| {
            let found = (0..CANDIDATES).map(|k| candidate(r, k)).find(|c| {
                c.bbox.inside(&frame)
                    && !placed.iter().any(|p| p.overlaps(&c.bbox))
                    && !obstacles.iter().any(|o| o.overlaps(&c.bbox))
            });
            if let Some(c) = &found {
                placed.push(c.bbox);
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FRAME: LabelBox = LabelBox {
        x0: 0.0,
        y0: 0.0,
        x1: 400.0,
        y1: 300.0,
    };

    fn req(x: f64, y: f64, text: &str) -> LabelRequest {
        LabelRequest {
            x,
            y,
            text: text.into(),
            font: 11.0,
            offset: 5.0,
        }
    }

    #[test]
    fn a_lone_label_goes_right_and_a_crowded_one_moves() {
        let out = place_labels(&[req(100.0, 100.0, "Rukla")], &[], FRAME);
        assert_eq!(out[0].as_ref().unwrap().anchor, "start");
        let out = place_labels(
            &[req(100.0, 100.0, "Rukla"), req(102.0, 100.0, "Pabradė")],
            &[],
            FRAME,
        );
        let (a, b) = (out[0].as_ref().unwrap(), out[1].as_ref().unwrap());
        assert!(!a.bbox.overlaps(&b.bbox));
        // At the right edge, the label goes left.
        let out = place_labels(&[req(395.0, 100.0, "Kaunas")], &[], FRAME);
        assert_eq!(out[0].as_ref().unwrap().anchor, "end");
    }

    proptest! {
        /// Against the obvious check: no placed pair overlaps, none leaves
        /// the frame or covers an obstacle; a label alone in an empty frame
        /// far from the edges is always placed.
        #[test]
        fn placed_labels_never_overlap(
            points in proptest::collection::vec((0.0f64..400.0, 0.0f64..300.0, 1usize..14), 1..40),
            obstacles in proptest::collection::vec((0.0f64..400.0, 0.0f64..300.0), 0..10),
        ) {
            let reqs: Vec<LabelRequest> = points
                .iter()
                .map(|&(x, y, n)| req(x, y, &"x".repeat(n)))
                .collect();
            let obs: Vec<LabelBox> = obstacles
                .iter()
                .map(|&(x, y)| LabelBox { x0: x - 3.0, y0: y - 3.0, x1: x + 3.0, y1: y + 3.0 })
                .collect();
            let out = place_labels(&reqs, &obs, FRAME);
            let boxes: Vec<LabelBox> = out.iter().flatten().map(|p| p.bbox).collect();
            for (i, a) in boxes.iter().enumerate() {
                prop_assert!(a.inside(&FRAME));
                prop_assert!(!obs.iter().any(|o| o.overlaps(a)));
                for b in &boxes[i + 1..] {
                    prop_assert!(!a.overlaps(b), "{a:?} {b:?}");
                }
            }
            let alone = place_labels(&[req(200.0, 150.0, "label")], &[], FRAME);
            prop_assert!(alone[0].is_some());
        }
    }
}
