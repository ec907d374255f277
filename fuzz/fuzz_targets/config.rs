//! libFuzzer target `config`: `airlock::invariants::targets::run("config", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("config", data);
});
