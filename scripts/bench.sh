#!/usr/bin/env bash
# Runs the benchmarks and summarises criterion's results.
# - parse (benches/parse.rs): the time ratio airlock / parse-dockerfile on the whole corpus, and
#   airlock's ns per byte on the corpus concatenated 1x, 5x and 10x (flat ns/byte: linear growth).
# - check (benches/check.rs): the whole engine (parse + graph + rules + size) on the corpus, as
#   files/s, MB/s and time per file, against hadolint's ~57 ms per file on the same corpus.
# Usage: [BENCH=parse|check] scripts/bench.sh [extra cargo bench arguments]  (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."

which="${BENCH:-all}"
dir="${CARGO_TARGET_DIR:-target}/criterion"
mean() { jq -r '.mean.point_estimate' "$dir/$1/new/estimates.json"; }
bytes() { jq -r '.throughput.Bytes // .throughput.BytesDecimal' "$dir/$1/new/benchmark.json"; }

if [ "$which" = all ] || [ "$which" = check ]; then
    cargo bench --bench check "$@"
    files=$(find ../shared/corpus/dockerfiles -maxdepth 1 -type f | wc -l)
    hadolint_ms=57
    echo
    echo "== engine benchmark summary (analyze: parse + graph + all rules + size) =="
    for config in default all-rules; do
        ns=$(mean "check/$config")
        n=$(bytes "check/$config")
        awk -v ns="$ns" -v n="$n" -v f="$files" -v h="$hadolint_ms" -v c="$config" 'BEGIN {
            per = ns / f / 1e6
            printf "%-9s %d files, %d bytes in %.2f ms: %.0f files/s, %.1f MB/s, %.3f ms/file (%.0fx faster than hadolint at %d ms/file)\n",
                c, f, n, ns / 1e6, f / ns * 1e9, n / ns * 1e3, per, h / per, h
        }'
    done
fi
[ "$which" = all ] || [ "$which" = parse ] || exit 0

cargo bench --bench parse "$@"

airlock=$(mean corpus/airlock)
theirs=$(mean corpus/parse-dockerfile)
corpus_bytes=$(bytes corpus/airlock)

echo
echo "== parser benchmark summary =="
awk -v a="$airlock" -v t="$theirs" -v n="$corpus_bytes" 'BEGIN {
    printf "corpus (%d bytes): airlock %.3f ms, parse-dockerfile %.3f ms, ratio airlock/parse-dockerfile = %.2f\n",
        n, a / 1e6, t / 1e6, a / t
}'
for times in 1x 5x 10x; do
    ns=$(mean "scaling/airlock/$times")
    n=$(bytes "scaling/airlock/$times")
    awk -v ns="$ns" -v n="$n" -v x="$times" 'BEGIN {
        printf "airlock %3s: %8.2f ms for %9d bytes = %.2f ns/byte (%.0f MB/s)\n",
            x, ns / 1e6, n, ns / n, n / ns * 1e3
    }'
done
