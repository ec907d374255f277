//! libFuzzer target `parse`: `airlock::invariants::targets::run("parse", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("parse", data);
});
