//! libFuzzer target `layout`: `airlock::invariants::targets::run("layout", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("layout", data);
});
