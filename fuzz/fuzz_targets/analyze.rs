//! libFuzzer target `analyze`: `airlock::invariants::targets::run("analyze", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("analyze", data);
});
