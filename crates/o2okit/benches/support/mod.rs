//! What the benches share: how big a run is. `cargo bench` passes `--bench` and gets the full
//! size each bench documents. `cargo test --all-targets` (the README's test command) runs every
//! bench once, unoptimised, without `--bench`: a smoke test that it builds and its assertions
//! hold, on a hundredth of the data (at least one), so the test run does not spend minutes
//! building data sets for timings nobody reads.

/// `full` under `cargo bench`; `full / 100` (at least 1) in the test run.
pub fn size(full: usize) -> usize {
    if std::env::args().any(|a| a == "--bench") {
        full
    } else {
        (full / 100).max(1)
    }
}
