#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo fuzz, libFuzzer) of airlock's entry points: fuzz/fuzz_targets/*,
# whose bodies are airlock::invariants::targets.
#
#   scripts/fuzz.sh TARGET SECONDS          fuzz one target (nice'd, one job, one worker)
#   scripts/fuzz.sh smoke [SECONDS]         build every target and run each for a few seconds (CI)
#   scripts/fuzz.sh minimize TARGET ARTIFACT  minimise a crash into tests/fixtures/fuzz/TARGET-NAME,
#                                           which tests/fuzz_regressions.rs replays
#
# Seeds are built at run time into fuzz/seeds/TARGET (git-ignored) from ../shared/corpus (both
# folders), tests/fixtures and tests/fuzz.rs's tricky and hostile inputs (its ignored test
# `write_fuzz_seeds`), next to the small committed seeds of fuzz/seeds-committed/TARGET; what the
# fuzzer finds goes to fuzz/corpus/TARGET and crashes to fuzz/artifacts/TARGET (both git-ignored).
# Every input is bounded: 10 s (-timeout) and 2 GB (-rss_limit_mb), at most 16 KB long (longer
# inputs cut the executions per second several times over; the hostile seeds are scaled down to fit).
# The sanitizer is none: the engine is safe Rust (bounds and overflow checks stay on, as
# cargo fuzz builds with debug assertions), and AddressSanitizer would halve the executions.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

targets=(parse analyze fix layout share goal config dockerignore lsp)
fuzz() { cargo "+$AIRLOCK_WASM_TOOLCHAIN" fuzz "$@"; }
flags=(-timeout=10 -rss_limit_mb=2048 -max_len=16384 -dict=dockerfile.dict -print_final_stats=1)

usage() {
  echo "usage: scripts/fuzz.sh TARGET SECONDS | smoke [SECONDS] | minimize TARGET ARTIFACT" >&2
  echo "targets: ${targets[*]}" >&2
  exit 2
}

known() { [[ " ${targets[*]} " == *" $1 "* ]] || { echo "no fuzz target '$1'" >&2; usage; }; }

build() {
  fuzz build --sanitizer none "$@"
}

seeds() {
  rm -rf fuzz/seeds
  mkdir -p fuzz/seeds
  AIRLOCK_FUZZ_SEEDS="$PWD/fuzz/seeds" cargo test --locked --quiet --test fuzz write_fuzz_seeds \
    -- --ignored --exact --nocapture | grep 'seeds written' || {
    echo "writing the seeds failed" >&2
    exit 1
  }
  for target in "${targets[@]}"; do
    mkdir -p "fuzz/seeds/$target" "fuzz/corpus/$target" "fuzz/artifacts/$target"
    if [ -d "fuzz/seeds-committed/$target" ]; then cp fuzz/seeds-committed/"$target"/* "fuzz/seeds/$target/"; fi
  done
}

# run TARGET SECONDS EXTRA...: libFuzzer's log in fuzz/logs/TARGET.log; its summary printed.
run() {
  local target=$1 seconds=$2
  shift 2
  mkdir -p fuzz/logs
  local log="$PWD/fuzz/logs/$target.log"
  local status=0
  (cd fuzz && nice -n 19 cargo "+$AIRLOCK_WASM_TOOLCHAIN" fuzz run --sanitizer none "$target" \
    "corpus/$target" "seeds/$target" -- "${flags[@]}" -max_total_time="$seconds" "$@") \
    >"$log" 2>&1 || status=$?
  # With -jobs libFuzzer's worker writes its own log in fuzz/.
  if [ -f fuzz/fuzz-0.log ]; then
    cat fuzz/fuzz-0.log >>"$log"
    rm -f fuzz/fuzz-*.log
  fi
  # The coverage after loading the seeds (INITED) and at the end (DONE), and the final stats.
  grep -E '#[0-9]+ *INITED|#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|ERROR' "$log" | sed "s/^/    $target: /" || true
  if [ "$status" -ne 0 ]; then
    echo "    $target: FAILED (exit $status); crash input in fuzz/artifacts/$target/, log $log" >&2
    tail -40 "$log" >&2
  fi
  return "$status"
}

case "${1:-}" in
  smoke)
    seconds=${2:-4}
    build
    seeds
    failed=0
    for target in "${targets[@]}"; do
      echo "==> $target (${seconds}s)"
      run "$target" "$seconds" || failed=1
    done
    exit "$failed"
    ;;
  minimize)
    [ $# -eq 3 ] || usage
    target=$2 artifact=$(realpath "$3")
    known "$target"
    build "$target"
    (cd fuzz && fuzz tmin --sanitizer none "$target" "$artifact" -- -timeout=10 -rss_limit_mb=2048) || true
    minimized="fuzz/artifacts/$target/minimized-from-$(basename "$artifact")"
    [ -f "$minimized" ] || minimized=$artifact
    name="tests/fixtures/fuzz/$target-$(sha256sum "$minimized" | cut -c1-12)"
    cp "$minimized" "$name"
    echo "$name: $(wc -c <"$name") bytes; replay it with: cargo test --test fuzz_regressions"
    ;;
  "" | -h | --help) usage ;;
  *)
    [ $# -eq 2 ] || usage
    known "$1"
    build "$1"
    seeds
    # One job, one worker: the machine is shared.
    run "$1" "$2" -jobs=1 -workers=1
    ;;
esac
