//! The native CLI; all of it lives in `airlock::cli`.

/// mimalloc rather than the system allocator: see Cargo.toml.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    airlock::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
