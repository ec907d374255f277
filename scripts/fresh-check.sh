#!/usr/bin/env bash
# Proves set-up as a newcomer's machine would see it: clones the committed HEAD into a temporary
# folder (with ../shared beside it, as CI has it) and runs the README's two commands there with an
# empty HOME, CARGO_HOME, RUSTUP_HOME and npm cache. Only what a fresh machine of this kind comes
# with is kept: the system's packages (apt), node, python, and rustup with the machine's stable
# Rust (installed into the empty RUSTUP_HOME first, as the machine image has it: nothing else, not
# even the wasm target). Prints the wall time of each command.
#
#   1. scripts/serve.sh: waits until the page answers on 127.0.0.1 and headless Chromium sees the
#      built-in example analysed and its graph drawn (tests/browser/probe-page.mjs), then stops it;
#   2. scripts/test.sh: every test, as CI runs it.
#
# Slow (the first `cargo install`s alone take about 20 minutes on 2 cores), so not part of every
# CI run: run it whenever setup.sh, env.sh, the toolchains, Cargo.lock, Trunk.toml or the npm pins
# change. Uncommitted changes are not seen (commit first). Logs go to target/fresh-check/; the
# temporary folder (several GB) is removed unless FRESH_KEEP=1.
# Usage: scripts/fresh-check.sh   (FRESH_PORT picks the serve port, 18080 by default)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(cd "$repo/../shared" 2>/dev/null && pwd)" ||
  { echo "fresh-check: ../shared is missing beside the repository" >&2; exit 2; }
port="${FRESH_PORT:-18080}"
logs="$repo/target/fresh-check"
mkdir -p "$logs"

if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-check: note: uncommitted changes are not part of the check (it clones HEAD)"
fi
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "fresh-check: port $port is taken; set FRESH_PORT" >&2
  exit 2
fi

base="$(mktemp -d "${TMPDIR:-/tmp}/airlock-fresh.XXXXXX")"
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ]; then kill -- "-$serve_pid" 2>/dev/null || true; fi
  if [ "${FRESH_KEEP:-0}" = 1 ]; then echo "fresh-check: kept $base"; else rm -rf "$base"; fi
}
trap cleanup EXIT

# The machine's own stable Rust, before HOME and friends are replaced.
rust_version="$(rustc --version | awk '{print $2}')"
rustup_bin="$(command -v rustup)"

home="$base/home"
mkdir -p "$home/.cargo/bin" "$home/.rustup" "$base/work"
export HOME="$home" CARGO_HOME="$home/.cargo" RUSTUP_HOME="$home/.rustup"
export npm_config_cache="$home/.npm" XDG_CACHE_HOME="$home/.cache" XDG_CONFIG_HOME="$home/.config"
unset RUSTUP_TOOLCHAIN CARGO_TARGET_DIR RUSTFLAGS CARGO_BUILD_TARGET CI
# rustup and its proxies, as rustup's installer leaves them in ~/.cargo/bin.
cp "$rustup_bin" "$CARGO_HOME/bin/rustup"
for proxy in cargo rustc rustdoc rustfmt cargo-fmt cargo-clippy clippy-driver rust-gdb rust-lldb; do
  ln -s rustup "$CARGO_HOME/bin/$proxy"
done
# The system's PATH without any cargo bin folder of the real home.
system_path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/\.cargo/bin$' | paste -sd: -)"
export PATH="$CARGO_HOME/bin:$system_path"

echo "==> machine image: Rust $rust_version (default profile) into an empty RUSTUP_HOME"
rustup toolchain install "$rust_version" --profile default --no-self-update >"$logs/rustup.log" 2>&1 ||
  { tail -20 "$logs/rustup.log"; echo "fresh-check: could not install Rust $rust_version" >&2; exit 1; }
rustup default "$rust_version" >>"$logs/rustup.log" 2>&1

git clone --quiet "$repo" "$base/work/airlock"
ln -s "$shared" "$base/work/shared"
cd "$base/work/airlock"
echo "==> clone of $(git log -1 --format='%h %s' | cut -c1-72)"

echo "==> 1/2 PORT=$port scripts/serve.sh   (log: $logs/serve.log)"
start=$SECONDS
setsid env PORT="$port" scripts/serve.sh </dev/null >"$logs/serve.log" 2>&1 &
serve_pid=$!
serve_status="failed"
while :; do
  if ! kill -0 "$serve_pid" 2>/dev/null; then
    wait "$serve_pid" && rc=0 || rc=$?
    tail -25 "$logs/serve.log"
    serve_status="failed: serve.sh exited ($rc) without serving"
    break
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; then
    if node tests/browser/probe-page.mjs "http://127.0.0.1:$port/" >"$logs/probe.log" 2>&1; then
      serve_status="ok"
    else
      serve_status="failed: $(tail -1 "$logs/probe.log")"
    fi
    break
  fi
  if [ $((SECONDS - start)) -gt 3600 ]; then serve_status="failed: not serving after an hour"; break; fi
  sleep 5
done
serve_time=$((SECONDS - start))
if [ "$serve_status" = ok ]; then serve_status="ok, $(cat "$logs/probe.log")"; fi
kill -- "-$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true
serve_pid=""
echo "    $serve_status"

echo "==> 2/2 scripts/test.sh   (log: $logs/test.log)"
start=$SECONDS
scripts/test.sh </dev/null >"$logs/test.log" 2>&1 && test_rc=0 || test_rc=$?
test_time=$((SECONDS - start))
grep -E '^test result:' "$logs/test.log" | awk '{p += $4; f += $6} END {print "    Rust tests: " p " passed, " f " failed"}'
grep -E '^ℹ (tests|pass|fail) ' "$logs/test.log" | sed 's/^ℹ/    browser:/' || true

printf '\nfresh-check (%s, %s cores):\n' "$(git log -1 --format=%h)" "$(nproc)"
printf '  scripts/serve.sh  %5d s  %s\n' "$serve_time" "$serve_status"
printf '  scripts/test.sh   %5d s  exit %d\n' "$test_time" "$test_rc"
[[ "$serve_status" == ok* ]] && [ "$test_rc" -eq 0 ]
