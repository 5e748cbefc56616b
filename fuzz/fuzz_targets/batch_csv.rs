//! A batch query file (CSV `from,to[,depart]`), through milmob's CSV reader.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milmob::io::csv_table::{read_csv, Columns};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut out = Vec::new();
    let cols = Columns { known: &["from", "to", "depart"], required: &["from", "to"] };
    let _ = read_csv(&text, std::path::Path::new("q.csv"), cols, &mut out);
});
