#!/bin/sh
# bench/bench_store.sh BIN SHARED: the events store's figures (issue 4).
#   1. ingest speed as a percentage of `code` speed on sotu.jsonl (one
#      thread, best of 3 each; ingest starts from an empty store each time);
#   2. query times on a synthetic store of $STORE_EVENTS events (default 10
#      million), made once by gen_store in $STORE_DIR and reused: a dyad
#      timeline, a monthly series, an actor filter, the dyads and more,
#      through the library (best of 3), then a few through the CLI (whole
#      process, best of 3).
# Environment: GEN_STORE (the gen_store binary, required), STORE_DIR
# (default build/bench), STORE_EVENTS.  Called by bench/bench.sh (make bench).
set -eu
BIN=$1
SHARED=$2
GEN=${GEN_STORE:?set GEN_STORE to the gen_store binary}
DIR=${STORE_DIR:-build/bench}
N=${STORE_EVENTS:-10000000}
CORPUS="$SHARED/benchmarks/sotu.jsonl"
[ -f "$CORPUS" ] || { echo "bench_store: $CORPUS not found" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
# best_of3 CMD...: the shortest wall time of three runs, in seconds
best_of3() {
    b=""
    for i in 1 2 3; do
        s=$(now)
        "$@" >/dev/null 2>&1 || { echo "bench_store: failed: $*" >&2; return 1; }
        t=$(echo "$(now) - $s" | bc -l)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    done
    echo "$b"
}
ingest_fresh() { rm -f "$tmp/sotu.db" "$tmp/sotu.db-wal" "$tmp/sotu.db-shm"; "$BIN" ingest -q --db "$tmp/sotu.db" "$CORPUS"; }

echo "store figures (issue 4):"
tc=$(best_of3 "$BIN" code -j 1 "$CORPUS")
ti=$(best_of3 ingest_fresh)
printf 'store: ingest sotu.jsonl %.3f s, code %.3f s: ingest speed %.0f%% of code speed (goal >= 50%%)\n' \
    "$ti" "$tc" "$(echo "100 * $tc / $ti" | bc -l)"

mkdir -p "$DIR"
DB="$DIR/store-$N-schema$("$GEN" version).db"
generate() {
    echo "store: generating $N synthetic events into $DB (once) ..."
    rm -f "$DB" "$DB.tmp" "$DB.tmp-journal"
    s=$(now)
    "$GEN" events "$DB.tmp" "$N"
    mv "$DB.tmp" "$DB"
    printf 'store: generated in %.0f s\n' "$(echo "$(now) - $s" | bc -l)"
}
[ -f "$DB" ] || generate
echo "store: queries on $N events, library calls, best of 3 (goal <= 100 ms):"
if ! "$GEN" query "$DB" > "$tmp/q" 2>&1 || grep -q error "$tmp/q"; then
    cat "$tmp/q" >&2
    echo "store: the cached store does not answer; made again" >&2
    generate
    "$GEN" query "$DB" > "$tmp/q"
fi
sed 's/^/  /' "$tmp/q"
echo "store: the same through the CLI, whole process, best of 3:"
for q in "timeline ISR IRN" "series RUS --by month" "events --actor RUS --limit 1000" \
         "events --actor Putin --limit 1000" "dyads" "actors"; do
    # shellcheck disable=SC2086
    t=$(best_of3 "$BIN" $q --db "$DB" --format csv)
    printf '  %-40s %8.1f ms\n' "annals $q" "$(echo "$t * 1000" | bc -l)"
done
