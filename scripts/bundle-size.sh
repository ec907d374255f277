#!/usr/bin/env bash
# Prints the size of the release bundle in dist/ (wasm, js, css): raw, gzip -9 and brotli -q 11,
# which is what a browser downloads from a server that compresses. Run after `trunk build --release`.
# Fails when the brotli total is over the budget: a ratchet that stops the bundle from growing
# unnoticed. Lower it whenever the bundle shrinks. (The playground issue's goal is 200 KB; the
# features it asks for cost more than that, see README.md, "Bundle size".)
# AIRLOCK_BUNDLE_BUDGET_KB overrides the budget for one run.
set -euo pipefail

budget_kb="${AIRLOCK_BUNDLE_BUDGET_KB:-364}"
[[ "$budget_kb" =~ ^[1-9][0-9]*$ ]] || {
  echo "bundle-size: AIRLOCK_BUNDLE_BUDGET_KB must be a whole number of KB, not '$budget_kb'" >&2
  exit 2
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dist="${1:-dist}"

shopt -s nullglob
# The playground's own files: the embed demo page's script is an example for other sites, not
# part of what the playground loads.
files=()
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ "$(basename "$f")" = embed-demo.js ] || files+=("$f")
done
if [ "${#files[@]}" -eq 0 ]; then
  echo "bundle-size: no wasm/js/css in $dist/ (run trunk build --release first)" >&2
  exit 1
fi
command -v brotli >/dev/null || { echo "bundle-size: brotli is missing (scripts/setup.sh installs it)" >&2; exit 1; }

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

printf '%-44s %12s %12s %12s\n' "file" "raw" "gzip" "brotli"
total_raw=0 total_gz=0 total_br=0
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  printf '%-44s %12s %12s %12s\n' "$(basename "$f")" "$(kb "$raw")" "$(kb "$gz")" "$(kb "$br")"
done
printf '%-44s %12s %12s %12s\n' "total" "$(kb "$total_raw")" "$(kb "$total_gz")" "$(kb "$total_br")"

budget=$((budget_kb * 1024))
if [ "$total_br" -gt "$budget" ]; then
  echo "bundle-size: $(kb "$total_br") brotli is over the budget of $budget_kb KB by $(kb $((total_br - budget)))" >&2
  echo "bundle-size: make it smaller (scripts/wasm-breakdown.sh shows where the bytes are), or raise the budget in $0 and say why in the commit" >&2
  exit 1
fi
echo "brotli budget: $budget_kb KB, $(kb $((budget - total_br))) left"
