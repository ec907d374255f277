//! libFuzzer target `dockerignore`: `airlock::invariants::targets::run("dockerignore", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("dockerignore", data);
});
