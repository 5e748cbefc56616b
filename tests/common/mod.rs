//! Helpers shared by integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The path of a file in `../shared/data/`, or `None` when the folder is
/// absent: then a `SKIPPED: <test>: …` line is written to the terminal. It
/// is written to the stderr handle directly, not with `eprintln!`, because
/// the test harness captures `print!`/`eprint!` output of passing tests
/// (a skip would show as a plain `ok`); a direct write is not captured, so
/// the line appears in `cargo test` output next to the test's `ok`. With
/// `MILMOB_REQUIRE_SHARED=1` an absent file fails the test instead (CI sets
/// it).
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var("MILMOB_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("MILMOB_REQUIRE_SHARED=1 but {} is missing", p.display());
    }
    skipped(&format!(
        "{} not found (set MILMOB_REQUIRE_SHARED=1 to require it)",
        p.display()
    ));
    None
}

/// Writes `SKIPPED: <test name>: <why>` to the terminal, past the test
/// harness's output capture.
pub fn skipped(why: &str) {
    use std::io::Write;
    let name = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {name}: {why}");
}

/// A small deterministic pseudo-random generator (SplitMix64).
pub struct SplitMix(pub u64);

impl SplitMix {
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u32) -> u32 {
        (self.next_u64() % n as u64) as u32
    }
}
