//! libFuzzer target `goal`: `airlock::invariants::targets::run("goal", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("goal", data);
});
