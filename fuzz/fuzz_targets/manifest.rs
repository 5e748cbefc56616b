//! A network manifest (`network.toml`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = milmob::io::Manifest::parse(&String::from_utf8_lossy(data), std::path::Path::new("network.toml"));
});
