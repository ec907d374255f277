//! libFuzzer target `lsp`: `airlock::invariants::targets::run("lsp", ...)` says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    airlock::invariants::targets::run("lsp", data);
});
