//! A network folder: the input is `network.toml`, `hubs.csv` and
//! `links.csv` separated by NUL NUL (see the seed corpus).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0).filter(|p| !p.is_empty());
    let (toml, hubs, links) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("network.toml"), toml).unwrap();
    std::fs::write(dir.path().join("hubs.csv"), hubs).unwrap();
    std::fs::write(dir.path().join("links.csv"), links).unwrap();
    let loaded = milmob::io::read_network_dir(dir.path());
    if !loaded.has_errors() {
        let topo = milmob::routing::Topology::build(&loaded.network);
        let _ = milmob::routing::Metric::for_load(&topo, &milmob::routing::Unconstrained);
    }
});
