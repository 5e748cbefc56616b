//! A DIMACS arc file, read with each id convention; memory stays
//! proportional to the arcs.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milmob::io::dimacs::{parse_arcs_with, IdBase};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for base in [None, Some(IdBase::Zero), Some(IdBase::One)] {
        if let Ok(f) = parse_arcs_with(&text, std::path::Path::new("f.gr"), base) {
            assert!(f.node_ids.len() <= 2 * f.arcs.len());
            let _ = milmob::routing::Topology::from_arc_file(&f);
        }
    }
});
