//! Property tests of the OSM value parsers against a plain reference:
//! numbers written in any accepted unit read back in the model's unit;
//! no input panics; a value read is never zero or negative.

use milmob::import::units::{gauges_mm, length_m, mlc, speed_kmh, weight_t, TagValue};
use proptest::prelude::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

proptest! {
    #[test]
    fn weights_in_every_unit(t in 0.01f64..5000.0, space in any::<bool>()) {
        let sp = if space { " " } else { "" };
        let t = (t * 1000.0).round() / 1000.0;
        for (text, want) in [
            (format!("{t}"), t),
            (format!("{t}{sp}t"), t),
            (format!("{}{sp}kg", t * 1000.0), t),
            (format!("{t}{sp}st"), t * 0.907_184_74),
        ] {
            match weight_t(&text) {
                Ok(TagValue::Value(v)) => prop_assert!(close(v, want), "{}: {} vs {}", text, v, want),
                other => prop_assert!(false, "{}: {:?}", text, other),
            }
        }
    }

    #[test]
    fn lengths_in_metres_and_feet(m in 0.5f64..50.0, ft in 1u32..40, inch in 0u32..12) {
        let m = (m * 100.0).round() / 100.0;
        prop_assert_eq!(length_m(&format!("{m} m")).unwrap().value(), Some(m));
        let want = f64::from(ft) * 0.3048 + f64::from(inch) * 0.0254;
        let got = length_m(&format!("{ft}'{inch}\"")).unwrap().value().unwrap();
        prop_assert!(close(got, want), "{} vs {}", got, want);
    }

    #[test]
    fn no_input_panics_and_no_value_is_zero(s in "\\PC{0,12}") {
        for r in [weight_t(&s), length_m(&s), speed_kmh(&s)] {
            if let Ok(TagValue::Value(v)) = r {
                prop_assert!(v > 0.0 && v.is_finite(), "{:?} → {}", s, v);
            }
        }
        if let Ok(Some(c)) = mlc(&s) {
            prop_assert!((4..=150).contains(&c));
        }
        if let Ok(g) = gauges_mm(&s) {
            prop_assert!(!g.is_empty() && g.iter().all(|x| (600..=2000).contains(x)));
        }
    }
}
