#!/usr/bin/env bash
# Runs the parser benchmark (benches/parse.rs) and summarises criterion's results: the time ratio
# airlock / parse-dockerfile on the whole corpus, and airlock's ns per byte on the corpus
# concatenated 1x, 5x and 10x (flat ns/byte means linear growth).
# Usage: scripts/bench.sh [extra cargo bench arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench --bench parse "$@"

dir="${CARGO_TARGET_DIR:-target}/criterion"
mean() { jq -r '.mean.point_estimate' "$dir/$1/new/estimates.json"; }
bytes() { jq -r '.throughput.Bytes // .throughput.BytesDecimal' "$dir/$1/new/benchmark.json"; }

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
