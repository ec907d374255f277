//! The native CLI; all of it lives in `airlock::cli`.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    airlock::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
