//! libFuzzer target `fix`: `airlock::invariants::targets::run("fix", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("fix", data);
});
