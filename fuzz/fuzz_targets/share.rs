//! libFuzzer target `share`: `airlock::invariants::targets::run("share", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("share", data);
});
