//! A vehicle catalogue (TOML).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = milmob::force::VehicleCatalogue::from_toml_str(&String::from_utf8_lossy(data), "v.toml");
});
