#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo fuzz, libFuzzer) of airlock's entry points: fuzz/fuzz_targets/*,
# whose bodies are airlock::invariants::targets.
#
#   scripts/fuzz.sh TARGET SECONDS          fuzz one target (nice'd, in one process)
#   scripts/fuzz.sh cycle SECONDS [ROUNDS]  fuzz every target in turn, SECONDS each, ROUNDS times
#                                           (default 1); AIRLOCK_FUZZ_TARGETS="a b" picks targets
#   scripts/fuzz.sh smoke [SECONDS]         build every target (unoptimised, fast to build) and run
#                                           each for a few seconds (CI: scripts/test.sh)
#   scripts/fuzz.sh total                   executions and coverage per target, summed over the
#                                           ledger of every run on this machine
#   scripts/fuzz.sh minimize TARGET ARTIFACT  minimise a crash into tests/fixtures/fuzz/TARGET-NAME,
#                                           which tests/fuzz_regressions.rs replays
#
# AIRLOCK_FUZZ_CMP=0 builds (into fuzz/target-nocmp, beside the usual fuzz/target) without
# libFuzzer's comparison tracing (`--no-trace-compares`) and runs from there, on the same corpus.
# Comparison tracing guides the fuzzer past comparisons with constants (a keyword, a flag name),
# and costs its callbacks on every comparison: on the engine-heavy targets it is about half of a
# run's time (perf, analyze), on layout more. Edge coverage still guides such a run, the
# dictionary supplies the constants, and the corpus it grows on was found with tracing on; the
# ledger marks its runs (profile `release,no-cmp`) and `total` counts them apart.
#
# Every run appends a line to fuzz/logs/ledger.tsv (git-ignored, kept across checkouts): time,
# commit (at the run's start), target, profile, seconds, executions, coverage at start (INITED)
# and end, peak RSS, exit status. `total` sums it, so executions reached over many sessions are
# counted, not remembered.
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
# The build's variant: comparison tracing on (the default) or off (AIRLOCK_FUZZ_CMP=0).
variant=()
variant_name=""
if [ "${AIRLOCK_FUZZ_CMP:-1}" = 0 ]; then
  variant=(--no-trace-compares --target-dir "$PWD/fuzz/target-nocmp")
  variant_name=",no-cmp"
fi
# -reload=0: libFuzzer's default re-reads the corpus folder every second for units other
# processes added, which we never run: with tens of thousands of units that was 22,000 file
# stats a second, about a twentieth of a run's time.
flags=(-timeout=10 -rss_limit_mb=2048 -max_len=16384 -dict=dockerfile.dict -print_final_stats=1 -reload=0)

usage() {
  echo "usage: scripts/fuzz.sh TARGET SECONDS | smoke [SECONDS] | minimize TARGET ARTIFACT" >&2
  echo "targets: ${targets[*]}" >&2
  exit 2
}

known() { [[ " ${targets[*]} " == *" $1 "* ]] || { echo "no fuzz target '$1'" >&2; usage; }; }

# The smoke builds unoptimised (`--dev`): a cold optimised build of the fuzz crate takes about
# 20 minutes on 2 cores (one codegen unit; about 4 without comparison tracing), and a few seconds per target need no speed.
profile=()
# Where a run keeps what it finds (fuzz/corpus/TARGET) and reads its seeds (fuzz/seeds/TARGET).
# The smoke uses a scratch folder and 100 seeds a target: unoptimised, analyze runs about 15
# inputs a second, so loading all 931 of its seeds (or a long campaign's corpus) takes minutes.
corpus=corpus
seed_dir=seeds
build() {
  fuzz build "${profile[@]}" "${variant[@]}" --sanitizer none "$@"
}

# Writes the seeds anew when they are missing or older than their sources (one writer at a
# time: a second run waits, then finds them written).
seeds() {
  mkdir -p fuzz/logs
  local lock
  exec {lock}>fuzz/logs/seeds.lock
  flock "$lock"
  write_seeds
  exec {lock}>&-
}

write_seeds() {
  if [ -f fuzz/seeds/.written ] && [ fuzz/seeds/.written -nt tests/fuzz.rs ] &&
    [ -z "$(find ../shared/corpus tests/fixtures fuzz/seeds-committed -newer fuzz/seeds/.written -print -quit 2>/dev/null)" ]; then
    return
  fi
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
  touch fuzz/seeds/.written
}

# ledger TARGET SECONDS LOG STATUS: appends the run's figures to fuzz/logs/ledger.tsv. The log is
# read as text (`grep -a`): a crash report may hold the input's raw bytes.
ledger() {
  local target=$1 seconds=$2 log=$3 status=$4
  local units cov_start cov_end rss
  units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1 || true)
  cov_start=$(grep -a -m1 -E '^#[0-9]+[[:space:]]+INITED' "$log" | sed -n 's/.*cov: \([0-9]*\).*/\1/p' || true)
  cov_end=$(grep -a -E '^#[0-9]+.*cov: ' "$log" | tail -1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p' || true)
  # Stopped by Ctrl-C (SIGINT): libFuzzer prints its counts and exits 72, which cargo fuzz
  # reports as a failure; it is none.
  if grep -aq 'libFuzzer: run interrupted' "$log"; then status=interrupted; fi
  if [ -z "$units" ]; then
    # A crash ends the run before the final stats: the last progress line's count.
    units=$(grep -a -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/^#\([0-9]*\).*/\1/p' || true)
  fi
  [ -f fuzz/logs/ledger.tsv ] ||
    printf 'time\tcommit\ttarget\tprofile\tseconds\texecutions\tcov_start\tcov_end\tpeak_rss_mb\tstatus\n' >fuzz/logs/ledger.tsv
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    "$commit" "$target" "${profile[*]:-release}$variant_name" \
    "$seconds" "${units:-0}" "${cov_start:--}" "${cov_end:--}" "${rss:--}" "$status" >>fuzz/logs/ledger.tsv
}

# run TARGET SECONDS EXTRA...: libFuzzer's log in fuzz/logs/TARGET.log; its summary printed.
run() {
  local target=$1 seconds=$2
  shift 2
  mkdir -p fuzz/logs
  local log="$PWD/fuzz/logs/$target.log"
  local status=0
  # One run of a target at a time on this machine: two would write one log (and the ledger
  # would read it garbled). A run that finds the target busy is skipped, not queued.
  local lock
  exec {lock}>"fuzz/logs/$target.lock"
  if ! flock -n "$lock"; then
    echo "    $target: another run of it is going on; skipped" >&2
    exec {lock}>&-
    return 0
  fi
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo -)
  (cd fuzz && nice -n 19 cargo "+$AIRLOCK_WASM_TOOLCHAIN" fuzz run "${profile[@]}" "${variant[@]}" --sanitizer none "$target" \
    "$corpus/$target" "$seed_dir/$target" -- "${flags[@]}" -max_total_time="$seconds" "$@") \
    >"$log" 2>&1 || status=$?
  # The coverage after loading the seeds (INITED) and at the end (DONE), and the final stats.
  grep -a -E '#[0-9]+[[:space:]]+INITED|#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|ERROR' "$log" | sed "s/^/    $target: /" || true
  ledger "$target" "$seconds" "$log" "$status"
  exec {lock}>&-
  if [ "$status" -ne 0 ]; then
    echo "    $target: FAILED (exit $status); crash input in fuzz/artifacts/$target/, log $log" >&2
    tail -40 "$log" >&2
  fi
  return "$status"
}

case "${1:-}" in
  smoke)
    seconds=${2:-4}
    profile=(--dev)
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    corpus=$scratch/corpus seed_dir=$scratch/seeds
    build
    seeds
    for target in "${targets[@]}"; do
      mkdir -p "$corpus/$target" "$seed_dir/$target"
      mapfile -t all_seeds < <(find "fuzz/seeds/$target" -type f | sort)
      cp -t "$seed_dir/$target" "${all_seeds[@]:0:100}"
    done
    failed=0
    for target in "${targets[@]}"; do
      echo "==> $target (${seconds}s)"
      run "$target" "$seconds" || failed=1
    done
    exit "$failed"
    ;;
  cycle)
    [ $# -ge 2 ] && [ $# -le 3 ] || usage
    seconds=$2 rounds=${3:-1}
    read -r -a picked <<<"${AIRLOCK_FUZZ_TARGETS:-${targets[*]}}"
    for target in "${picked[@]}"; do known "$target"; done
    build
    seeds
    failed=0
    for ((round = 1; round <= rounds; round++)); do
      for target in "${picked[@]}"; do
        echo "==> round $round, $target (${seconds}s)"
        run "$target" "$seconds" || failed=1
      done
    done
    exit "$failed"
    ;;
  total)
    [ -f fuzz/logs/ledger.tsv ] || { echo "no runs yet (fuzz/logs/ledger.tsv)" >&2; exit 1; }
    # Per target: runs, seconds and executions summed; coverage at the first run's start and the
    # last run's end; failed runs (a run stopped by Ctrl-C is not one). Smoke runs (unoptimised)
    # are counted apart; runs without comparison tracing are counted in and shown apart.
    awk -F'\t' 'NR > 1 {
        key = $3 ($4 ~ /^release/ ? "" : " (" $4 ")")
        if (!(key in runs)) { first[key] = $7; order[++n] = key }
        runs[key]++; secs[key] += $5; execs[key] += $6; last[key] = $8
        if ($4 ~ /no-cmp/) nocmp[key] += $6
        if ($10 != 0 && $10 != "interrupted") failed[key]++
      }
      END {
        printf "%-22s %5s %8s %14s %12s %10s %10s %7s\n", "target", "runs", "seconds", "executions", "of_them_nocmp", "cov_first", "cov_last", "failed"
        for (i = 1; i <= n; i++) { k = order[i]
          printf "%-22s %5d %8d %14d %12d %10s %10s %7d\n", k, runs[k], secs[k], execs[k], nocmp[k], first[k], last[k], failed[k] }
      }' fuzz/logs/ledger.tsv
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
    run "$1" "$2"
    ;;
esac
