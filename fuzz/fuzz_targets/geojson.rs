//! A GeoJSON network file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("net.geojson");
    std::fs::write(&p, data).unwrap();
    let _ = milmob::io::read_geojson(&p);
});
