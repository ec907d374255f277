#!/usr/bin/env bash
# Runs every check: format, clippy (native and wasm), the Rust tests, a release Trunk build, the
# bundle size report and the headless-Chromium test of the built page. Installs missing tools
# first (scripts/setup.sh). Stops at the first failing step and exits non-zero.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# tests/lsp.rs drives `airlock lsp` from Neovim; CI fails rather than skip it without nvim.
export AIRLOCK_REQUIRE_NVIM=1

step() {
  printf '\n==> %s\n' "$*"
  step_started=$SECONDS
}
done_step() { printf '    (%ss)\n' "$((SECONDS - step_started))"; }

step "cargo fmt --check"
cargo fmt --all -- --check
# The rule files are reached through build.rs's generated `mod` lines (an `include!`), which
# rustfmt does not follow: check them by name. scripts/fmt.sh formats both.
rustfmt --edition 2021 --check src/engine/rules/*.rs src/engine/rules/*/mod.rs || {
  echo "test: the rule files are not formatted: run scripts/fmt.sh (cargo fmt does not reach them)" >&2
  exit 1
}
done_step

step "clippy, native, all targets"
cargo clippy --all-targets --locked -- -D warnings
done_step

step "clippy, wasm32 (library and playground binary)"
cargo clippy --target wasm32-unknown-unknown --lib --bin airlock-web --locked -- -D warnings
done_step

step "trunk build --release (wasm-opt -Oz)"
(airlock_wasm_env && trunk build --release)
done_step

step "bundle size"
scripts/bundle-size.sh dist
done_step

step "cargo test (engine, CLI, corpus)"
cargo test --locked
done_step

# Already run above; again with their output, so CI's log shows the agreement per check and rule.
step "agreement with BuildKit's check tests and hadolint's spec (counts)"
cargo test --locked --quiet --test buildkit_checks --test hadolint_spec -- --nocapture
done_step

step "fuzz smoke: every libFuzzer target built (unoptimised) and run for 3 seconds on its seeds"
scripts/fuzz.sh smoke 3
done_step

step "repository integrations: action and workflows (action-validator, actionlint), pre-commit try-repo, ./Dockerfile (airlock, hadolint)"
scripts/check-integrations.sh
done_step

# Last, and with nothing printed after it, so that node's test runner has the closing summary.
step "browser test: headless Chromium against dist/"
exec node --test --test-reporter=spec tests/browser/*.test.mjs
