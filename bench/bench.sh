#!/bin/sh
# bench/bench.sh BIN SHARED: throughput, start-up time and peak memory.
#   sotu.jsonl (233 State of the Union addresses), one thread, all
#   dictionaries: sentences/s and MB/s, with and without dates and places;
#   with -j 2; start-up time (empty input); peak RSS.
set -eu
BIN=$1
SHARED=$2
CORPUS="$SHARED/benchmarks/sotu.jsonl"
[ -f "$CORPUS" ] || { echo "bench: $CORPUS not found" >&2; exit 2; }
bytes=$(wc -c < "$CORPUS")
run() { # label, args...
    label=$1; shift
    best=""
    for i in 1 2 3; do
        s=$(date +%s.%N)
        "$BIN" code "$@" --stats "$CORPUS" 2>"$tmp/stats" >/dev/null
        e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    sents=$(grep -o '[0-9]* sentences' "$tmp/stats" | head -n 1 | awk '{print $1}')
    [ -n "$sents" ] || sents=0
    printf '%-34s %9.0f sentences/s %7.1f MB/s  (%s sentences, %.3f s)\n' "$label" \
        "$(echo "$sents / $best" | bc -l)" "$(echo "$bytes / 1000000 / $best" | bc -l)" "$sents" "$best"
    last=$best
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run "code, 1 thread, dates+places:" -j 1
with=$last
run "code, 1 thread, no dates/places:" -j 1 --no-when --no-where
printf 'dates and places cost:             %.1f%% of code throughput (goal <= 20%%)\n' \
    "$(echo "(1 - $last / $with) * 100" | bc -l)"
run "code, 2 threads:" -j 2
s=$(date +%s.%N)
for i in 1 2 3 4 5 6 7 8 9 10; do "$BIN" code /dev/null >/dev/null 2>&1 </dev/null || true; done
e=$(date +%s.%N)
printf 'start-up with all dictionaries:    %.1f ms\n' "$(echo "($e - $s) * 100" | bc -l)"
if command -v /usr/bin/time >/dev/null 2>&1; then
    /usr/bin/time -v "$BIN" code "$CORPUS" >/dev/null 2>"$tmp/time" || true
    printf 'peak RSS (code, 1 thread):         %s MB\n' "$(awk -F: '/Maximum resident/ {printf "%.1f", $2/1024}' "$tmp/time")"
fi
if [ -x "${BENCH_STORE:-}" ]; then "$BENCH_STORE" "$BIN" "$SHARED" || true; fi
