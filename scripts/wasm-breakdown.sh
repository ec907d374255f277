#!/usr/bin/env bash
# Where the playground's wasm bytes are: builds airlock-web with function names kept, runs
# wasm-bindgen and wasm-opt -Oz as Trunk does (same feature flags as index.html), then prints
# code vs data (raw and brotli), the size by area (engine parts, render, web, yew, std) and the
# largest functions. Needs twiggy (`cargo install twiggy --locked`).
# Usage: scripts/wasm-breakdown.sh [top-n]   (output in target/wasm-breakdown/; the build goes to
# $BREAKDOWN_TARGET_DIR, target/wasm-breakdown/target by default)
# Sizes by function are before inlining is undone: a caller holds what was inlined into it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh
top="${1:-40}"
out=target/wasm-breakdown
mkdir -p "$out"
command -v twiggy >/dev/null || { echo "wasm-breakdown: twiggy is missing (cargo install twiggy --locked)" >&2; exit 1; }

# Same profile as the playground's build (wasm-release, Cargo.toml), but with the name section kept
# (a separate target dir, so the stripped artifacts are not rebuilt).
build_dir="${BREAKDOWN_TARGET_DIR:-target/wasm-breakdown/target}"
airlock_wasm_env
CARGO_PROFILE_WASM_RELEASE_STRIP=false CARGO_TARGET_DIR="$build_dir" \
  cargo build --profile wasm-release --target wasm32-unknown-unknown --bin airlock-web --quiet
wasm-bindgen --target web --keep-debug --out-dir "$out" \
  "$build_dir/wasm32-unknown-unknown/wasm-release/airlock-web.wasm"
features=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
# shellcheck disable=SC2086
wasm-opt $features -Oz --debuginfo "$out/airlock-web_bg.wasm" -o "$out/named.wasm"
# shellcheck disable=SC2086
wasm-opt $features -Oz --strip-debug "$out/airlock-web_bg.wasm" -o "$out/stripped.wasm"

br() { brotli -q 11 -c "$1" | wc -c; }
echo "wasm after wasm-opt -Oz: $(wc -c <"$out/stripped.wasm") B raw, $(br "$out/stripped.wasm") B brotli"
# Code and data sections of the stripped module, each compressed on its own.
node -e '
  const fs = require("fs");
  const b = fs.readFileSync(process.argv[1]);
  let i = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (i < b.length) {
    const id = b[i++]; const n = leb();
    if (id === 10) fs.writeFileSync(process.argv[2] + "/code.bin", b.subarray(i, i + n));
    if (id === 11) fs.writeFileSync(process.argv[2] + "/data.bin", b.subarray(i, i + n));
    i += n;
  }' "$out/stripped.wasm" "$out"
for part in code data; do
  echo "  $part section: $(wc -c <"$out/$part.bin") B raw, $(br "$out/$part.bin") B brotli (alone)"
done

twiggy top -n 100000 -f csv "$out/named.wasm" >"$out/top.csv"
echo
echo "raw bytes by area (functions keep what was inlined into them):"
awk -F, 'NR > 1 {
  n = $0; sub(/,[^,]*,[^,]*,[^,]*,[^,]*$/, "", n); s = $(NF - 3)
  # Names from a build-std build carry crate hashes: `airlock[8b94...]::engine`.
  gsub(/\[[0-9a-f]+\]/, "", n)
  if (n ~ /^"?data segment/) a = "data (strings, tables)"
  else if (n ~ /custom section|subsection/) next
  else if (n ~ /^<yew::html::component::lifecycle::CompStateInner/) a = "yew component views (our html!)"
  else if (n ~ /^airlock::engine::rules/) a = "engine::rules"
  else if (n ~ /^airlock::engine::syntax/) a = "engine::syntax"
  else if (n ~ /^airlock::engine::graph/) a = "engine::graph"
  else if (n ~ /^airlock::engine::size/) a = "engine::size"
  else if (n ~ /^airlock::engine/) a = "engine (analyze: all four inlined)"
  else if (n ~ /^airlock::render/) a = "render"
  else if (n ~ /airlock::web/) a = "web"
  else if (n ~ /yew/) a = "yew runtime"
  else if (n ~ /wasm_bindgen|js_sys|web_sys|gloo/) a = "wasm-bindgen, js-sys, web-sys, gloo"
  else if (n ~ /fmt/) a = "std fmt"
  else if (n ~ /dlmalloc|hashbrown|alloc|core::ptr::drop_in_place/) a = "alloc, collections, drop glue"
  else a = "other std and generic code"
  sum[a] += s
} END { for (a in sum) printf "%9d  %s\n", sum[a], a }' "$out/top.csv" | sort -rn
echo
echo "component views by component (raw bytes):"
awk -F, 'NR > 1 {
  n = $0; sub(/,[^,]*,[^,]*,[^,]*,[^,]*$/, "", n); gsub(/\[[0-9a-f]+\]/, "", n)
  if (match(n, /^<yew::html::component::lifecycle::CompStateInner<airlock::web::[a-z_:]*::[A-Za-z]+/))
    sum[substr(n, 50, RLENGTH - 49)] += $(NF - 3)
} END { for (c in sum) printf "%9d  %s\n", sum[c], c }' "$out/top.csv" | sort -rn | head -20
echo
echo "largest items (raw bytes):"
twiggy top -n "$top" "$out/named.wasm" | grep -v 'custom section\|subsection' | sed 's/\[[0-9a-f]*\]//g' | cut -c1-160
