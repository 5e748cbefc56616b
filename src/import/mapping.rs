//! `mapping.toml`: how a GIS line layer's properties map onto milmob's link
//! fields, and which value means which mode.
//!
//! ```toml
//! name = "Bundeswehr route layer"   # optional: network name
//! source = "…"                      # optional: where the layer comes from
//! mode = "road"                     # every feature on this mode, or:
//! mode_property = "TYPE"            # the property that gives the mode …
//! [mode_values]                     # … and which of its values mean which mode
//! road = ["Strasse", "road"]
//! rail = ["Bahn"]
//! [properties]                      # milmob field = layer property name
//! id = "OBJECTID"
//! length_km = "LEN_KM"              # or length_m; absent: geodesic length
//! mlc_tracked = "MLC_K"
//! gauge_mm = "SPURWEITE"
//! [snap]
//! tolerance_m = 25                  # line ends closer than this share a hub
//! ```
//!
//! Property values may be JSON numbers (in the field's unit) or strings in
//! the OSM syntaxes of [`super::units`] (`3.8 m`, `7500 kg`, `12'6"`).
//! Errors name the file, line and column (TOML) or the key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::Error;
use crate::network::Mode;

/// Fields a layer property may be mapped to.
pub const FIELDS: &[&str] = &[
    "id",
    "name",
    "length_km",
    "length_m",
    "speed_kmh",
    "oneway",
    "mlc",
    "mlc_wheeled",
    "mlc_tracked",
    "max_weight_t",
    "max_axle_t",
    "max_height_m",
    "max_width_m",
    "max_length_m",
    "gauge_mm",
    "tunnel_category",
    "line_category",
];

/// Default snapping tolerance, metres.
pub const DEFAULT_SNAP_M: f64 = 25.0;

/// Snapping of line ends into hubs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snap {
    /// Line ends closer than this share one hub, metres (0..=10,000).
    #[serde(default = "default_snap")]
    pub tolerance_m: f64,
}

fn default_snap() -> f64 {
    DEFAULT_SNAP_M
}

impl Default for Snap {
    fn default() -> Snap {
        Snap {
            tolerance_m: DEFAULT_SNAP_M,
        }
    }
}

/// A parsed mapping file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerMapping {
    /// Network name.
    #[serde(default)]
    pub name: Option<String>,
    /// Where the layer comes from (copied into the network and each link).
    #[serde(default)]
    pub source: Option<String>,
    /// Licence of the layer.
    #[serde(default)]
    pub licence: Option<String>,
    /// Mode of every feature (when `mode_property` is not given).
    #[serde(default)]
    pub mode: Option<Mode>,
    /// Property giving each feature's mode.
    #[serde(default)]
    pub mode_property: Option<String>,
    /// Mode → the property values meaning it.
    #[serde(default)]
    pub mode_values: BTreeMap<Mode, Vec<String>>,
    /// milmob field → layer property.
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
    /// Snapping of line ends.
    #[serde(default)]
    pub snap: Snap,
}

/// Line and column (1-based) of a byte offset in a text.
pub fn text_position(text: &str, offset: usize) -> (u64, u64) {
    let mut at = offset.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() as u64 + 1)
}

impl LayerMapping {
    /// Reads and checks a mapping file.
    pub fn load(path: impl AsRef<Path>) -> Result<LayerMapping, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        LayerMapping::parse(&text, path)
    }

    /// Parses and checks mapping text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<LayerMapping, Error> {
        let err = |line: Option<u64>, message: String| Error::Parse {
            file: path.to_path_buf(),
            line,
            message,
        };
        let m: LayerMapping = toml::from_str(text).map_err(|e| {
            let pos = e.span().map(|s| text_position(text, s.start));
            let message = match pos {
                Some((_, col)) => format!("column {col}: {}", e.message().trim()),
                None => e.message().trim().to_string(),
            };
            err(pos.map(|p| p.0), message)
        })?;
        let line_of_key = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map(|i| i as u64 + 1)
        };
        for field in m.properties.keys() {
            if !FIELDS.contains(&field.as_str()) {
                return Err(err(
                    line_of_key(field),
                    format!(
                        "[properties]: unknown field `{field}` (expected one of {})",
                        FIELDS.join(", ")
                    ),
                ));
            }
        }
        if m.properties.contains_key("length_km") && m.properties.contains_key("length_m") {
            return Err(err(
                line_of_key("length_m"),
                "[properties]: give length_km or length_m, not both".into(),
            ));
        }
        match (&m.mode, &m.mode_property) {
            (Some(_), Some(_)) => {
                return Err(err(
                    line_of_key("mode_property"),
                    "give `mode` or `mode_property`, not both".into(),
                ))
            }
            (None, None) => {
                return Err(err(
                    None,
                    "the mapping needs `mode` (one mode for the layer) or `mode_property` with [mode_values]".into(),
                ))
            }
            (None, Some(_)) if m.mode_values.is_empty() => {
                return Err(err(
                    line_of_key("mode_property"),
                    "`mode_property` needs a [mode_values] table (mode = [values])".into(),
                ))
            }
            _ => {}
        }
        let t = m.snap.tolerance_m;
        if !(0.0..=10_000.0).contains(&t) {
            return Err(err(
                line_of_key("tolerance_m"),
                format!("[snap] tolerance_m = {t}: expected 0..10000 metres"),
            ));
        }
        Ok(m)
    }

    /// The mode a feature's property value means, if any.
    pub fn mode_of(&self, value: Option<&str>) -> Option<Mode> {
        if let Some(m) = self.mode {
            return Some(m);
        }
        let v = value?;
        self.mode_values
            .iter()
            .find(|(_, vals)| vals.iter().any(|x| x == v))
            .map(|(m, _)| *m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> Result<LayerMapping, Error> {
        LayerMapping::parse(t, Path::new("mapping.toml"))
    }

    #[test]
    fn good_mappings() {
        let m = parse(
            "mode_property = \"TYPE\"\n[mode_values]\nroad = [\"Strasse\"]\nrail = [\"Bahn\"]\n[properties]\nlength_m = \"LEN\"\nmlc_tracked = \"MLC\"\n[snap]\ntolerance_m = 10\n",
        )
        .unwrap();
        assert_eq!(m.mode_of(Some("Bahn")), Some(Mode::Rail));
        assert_eq!(m.mode_of(Some("Weg")), None);
        assert_eq!(m.snap.tolerance_m, 10.0);
        let m = parse("mode = \"road\"\n").unwrap();
        assert_eq!(m.mode_of(None), Some(Mode::Road));
        assert_eq!(m.snap.tolerance_m, DEFAULT_SNAP_M);
    }

    #[test]
    fn bad_mappings_name_the_line() {
        let cases = [
            (
                "mode = \"road\"\n[properties]\nmlc_wheel = \"X\"\n",
                Some(3),
                "unknown field",
            ),
            ("mode = \"road\"\ncolour = 1\n", Some(2), "unknown field"),
            ("mode = \"rocket\"\n", Some(1), "rocket"),
            ("[properties]\nid = \"X\"\n", None, "needs `mode`"),
            (
                "mode = \"road\"\nmode_property = \"T\"\n",
                Some(2),
                "not both",
            ),
            ("mode_property = \"T\"\n", Some(1), "mode_values"),
            (
                "mode = \"road\"\n[snap]\ntolerance_m = -1\n",
                Some(3),
                "0..10000",
            ),
            (
                "mode = \"road\"\n[properties]\nlength_km = \"A\"\nlength_m = \"B\"\n",
                Some(4),
                "not both",
            ),
            ("mode = \n", Some(1), "column"),
        ];
        for (text, line, needle) in cases {
            match parse(text) {
                Err(Error::Parse {
                    line: l, message, ..
                }) => {
                    assert_eq!(l, line, "{text}: {message}");
                    assert!(message.contains(needle), "{text}: {message}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        assert_eq!(text_position("ab\ncd", 4), (2, 2));
    }
}
