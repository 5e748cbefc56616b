//! A few helpers for writing SVG and HTML by hand: text escaping, short
//! fixed-precision numbers and the colour of each mode (shared by the map,
//! its legend and the GeoJSON styling properties).

use crate::network::Mode;

/// Text escaped for XML/HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

/// A coordinate with one decimal (drawing units), `-0.0` printed as `0.0`
/// so output is byte-for-byte stable.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0.0".into()
    } else {
        format!("{r:.1}")
    }
}

/// The colour routes of a mode are drawn in (hex RGB), chosen to be told
/// apart in colour-blind vision (Okabe–Ito palette).
pub fn mode_colour(mode: Mode) -> &'static str {
    match mode {
        Mode::Road => "#d55e00",
        Mode::Rail => "#0072b2",
        Mode::Sea => "#009e73",
        Mode::InlandWaterway => "#56b4e9",
        Mode::Air => "#cc79a7",
    }
}

/// The same colour as RGB bytes (for tests that look for it in pixels).
pub fn mode_rgb(mode: Mode) -> [u8; 3] {
    let h = &mode_colour(mode)[1..];
    let b = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
    [b(0), b(2), b(4)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_formats() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(num(-0.04), "0.0");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(mode_rgb(Mode::Rail), [0x00, 0x72, 0xb2]);
    }
}
