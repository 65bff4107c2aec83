#!/bin/sh
# store.sh: end-to-end checks of the events store through the annals CLI.
#   ANNALS   the annals binary (required)
#   SHARED   the shared directory holding seeds/ (default ../shared)
#   GEN      optional bench gen_store binary: adds a kill -9 test of the
#            store API itself (many small batches)
# Prints "N passed, N failed"; exits 1 if anything failed.
set -u
: "${ANNALS:?set ANNALS to the annals binary}"
SHARED=${SHARED:-../shared}
T=$(mktemp -d "${TMPDIR:-/tmp}/annals_store.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if [ "$1" = "$2" ]; then ok; else ko "$3: got '$1', want '$2'"; fi; }

counts() { # articles events mentions of a database, from the ingest summary
    "$ANNALS" ingest --db "$1" </dev/null 2>&1 | sed -n 's/.*store: \(.*\)/\1/p'
}
integrity() {
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$1" 'PRAGMA integrity_check' 2>&1
    else
        echo ok
    fi
}

# 1. the two sample articles, twice: identical counts, exit 0
seeds=$(ls "$SHARED"/seeds/*.txt 2>/dev/null | head -n 2)
if [ -z "$seeds" ]; then
    ko "no seeds in $SHARED/seeds"
else
    DB=$T/seeds.db
    # shellcheck disable=SC2086
    "$ANNALS" ingest -q --db "$DB" $seeds; check $? 0 "first ingest exit"
    c1=$(counts "$DB")
    # shellcheck disable=SC2086
    "$ANNALS" ingest -q --db "$DB" $seeds; check $? 0 "second ingest exit"
    c2=$(counts "$DB")
    check "$c2" "$c1" "counts after re-ingest"
    n=$("$ANNALS" events --db "$DB" --format csv | tail -n +2 | wc -l | tr -d ' ')
    if [ "$n" -gt 0 ]; then ok; else ko "no events stored"; fi
    check "$(integrity "$DB")" ok "integrity after seeds"
    # every query command answers in every format
    for f in table csv jsonl; do
        "$ANNALS" events --db "$DB" --format $f --limit 5 >/dev/null; check $? 0 "events --format $f"
        "$ANNALS" actors --db "$DB" --format $f >/dev/null; check $? 0 "actors --format $f"
        "$ANNALS" dyads --db "$DB" --format $f >/dev/null; check $? 0 "dyads --format $f"
        "$ANNALS" show --db "$DB" --format $f 1 >/dev/null; check $? 0 "show --format $f"
        "$ANNALS" export --db "$DB" --format $f >/dev/null 2>&1
        check $? $([ $f = table ] && echo 2 || echo 0) "export --format $f"
    done
    "$ANNALS" export --db "$DB" --format gdelt >/dev/null; check $? 0 "export gdelt"
    a=$("$ANNALS" actors --db "$DB" --format csv | sed -n '2p' | cut -d, -f1)
    "$ANNALS" series --db "$DB" --format csv "$a" >/dev/null; check $? 0 "series $a"
    "$ANNALS" events --db "$DB" --actor "$a" --format csv >/dev/null; check $? 0 "events --actor $a"
    "$ANNALS" events --db "$DB" --actor Qwertyuiop >/dev/null 2>&1; check $? 2 "unknown actor"
    "$ANNALS" events --db "$DB" --from 2024-13 >/dev/null 2>&1; check $? 2 "bad date"
    "$ANNALS" events --db "$DB" --bogus >/dev/null 2>&1; check $? 2 "unknown option"
    "$ANNALS" events --db "$T/missing.db" >/dev/null 2>&1; check $? 3 "missing database"
    "$ANNALS" events --help | grep -q "Exit status"; check $? 0 "help documents exit status"
fi

# 1b. issue 4, figure 1: the two sample articles as JSON lines; the video
# summit (2021-12-15) and the Beijing meeting (2022-02) each once, with
# report counts; ingested again: the same rows
jl=$SHARED/seeds/seeds-dev.jsonl
if [ -f "$jl" ]; then
    DB=$T/fig1.db
    "$ANNALS" ingest -q --db "$DB" "$jl"; check $? 0 "ingest seeds-dev.jsonl"
    t1=$("$ANNALS" timeline --db "$DB" --format csv RUS CHN --root 04 | tail -n +2)
    check "$(echo "$t1" | grep -c .)" 2 "timeline RUS CHN --root 04: rows"
    check "$(echo "$t1" | cut -d, -f2 | sort -u | grep -c .)" 2 "timeline RUS CHN --root 04: distinct dates"
    check "$(echo "$t1" | cut -d, -f2 | grep -c '^2021-12-15$')" 1 "video summit once"
    check "$(echo "$t1" | cut -d, -f2 | grep -c '^2022-02-0[34]$')" 1 "Beijing meeting once"
    m=$(echo "$t1" | awk -F, '$2 == "2021-12-15" { print $20 }')
    if [ "${m:-0}" -ge 2 ]; then ok; else ko "video summit mentions: got '$m', want >= 2"; fi
    "$ANNALS" ingest -q --db "$DB" "$jl"; check $? 0 "ingest seeds-dev.jsonl again"
    t2=$("$ANNALS" timeline --db "$DB" --format csv RUS CHN --root 04 | tail -n +2)
    check "$t2" "$t1" "timeline after ingesting twice"
    # names read with the dictionaries ("Xi Jinping" is stored as "Xi")
    nx=$("$ANNALS" events --db "$DB" --actor "Xi Jinping" --format csv | tail -n +2 | wc -l)
    nc=$("$ANNALS" events --db "$DB" --actor CHNGOV --format csv | tail -n +2 | wc -l)
    check "$nx" "$nc" "--actor 'Xi Jinping' = --actor CHNGOV"
    if [ "$nx" -gt 0 ]; then ok; else ko "--actor 'Xi Jinping' found nothing"; fi
    nr=$("$ANNALS" events --db "$DB" --actor Russia --format csv | tail -n +2 | wc -l)
    check "$nr" "$("$ANNALS" events --db "$DB" --actor RUS --format csv | tail -n +2 | wc -l)" \
        "--actor Russia = --actor RUS"
    msg=$("$ANNALS" events --db "$DB" --actor Puttin 2>&1 >/dev/null); check $? 2 "misspelt actor"
    case $msg in *'did you mean "Putin"'*) ok ;; *) ko "no suggestion for Puttin: $msg" ;; esac
    msg=$("$ANNALS" series --db "$DB" RUS --from 2024-02-30 2>&1 >/dev/null); check $? 2 "malformed date"
    case $msg in *2024-02-30*) ok ;; *) ko "bad date message: $msg" ;; esac
    if command -v sqlite3 >/dev/null 2>&1; then
        cp "$DB" "$T/v99.db"
        sqlite3 "$T/v99.db" 'PRAGMA user_version = 99'
        msg=$("$ANNALS" events --db "$T/v99.db" 2>&1 >/dev/null); check $? 3 "newer schema (query)"
        case $msg in *newer*) ok ;; *) ko "newer schema message: $msg" ;; esac
        "$ANNALS" ingest -q --db "$T/v99.db" "$jl" 2>/dev/null; check $? 3 "newer schema (ingest)"
        # a writer holding the lock longer than ingest waits (5 s)
        (echo 'BEGIN IMMEDIATE;'; sleep 7; echo 'ROLLBACK;') | sqlite3 "$DB" &
        lpid=$!
        sleep 0.5
        msg=$("$ANNALS" ingest -q --db "$DB" "$SHARED"/seeds/000_*.txt 2>&1); check $? 3 "locked database"
        case $msg in *locked*) ok ;; *) ko "locked message: $msg" ;; esac
        wait $lpid
    fi
fi

# 2. kill -9 during the ingest of a larger corpus, then re-run
corpus=$T/corpus.jsonl
big=$SHARED/benchmarks/agnews_world_dev.jsonl
if [ -f "$big" ]; then
    cat "$big" "$big" | awk '{ sub(/"id": *"/, "\"id\": \"" NR "-"); print }' > "$corpus"
else
    i=0
    while [ $i -lt 3000 ]; do
        echo "{\"id\": \"k$i\", \"date\": \"2024-01-0$((i % 9 + 1))\", \"text\": \"Russian troops attacked Ukrainian positions near Kharkiv on Monday, officials in Kyiv said. Report number $i.\"}"
        i=$((i + 1))
    done > "$corpus"
fi
DB=$T/kill.db
for delay in 0.3 0.7 1.5; do
    "$ANNALS" ingest -q --batch 20 --db "$DB" "$corpus" 2>/dev/null &
    pid=$!
    sleep $delay
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    check "$(integrity "$DB")" ok "integrity after kill -9 at ${delay}s"
done
"$ANNALS" ingest -q --db "$DB" "$corpus"; check $? 0 "re-run after kills"
c1=$(counts "$DB")
REF=$T/ref.db
"$ANNALS" ingest -q --db "$REF" "$corpus"; check $? 0 "uninterrupted run"
c2=$(counts "$REF")
check "$c1" "$c2" "killed+resumed store equals an uninterrupted one"
if command -v sqlite3 >/dev/null 2>&1; then
    # no half article: every article's stored event count matches its mentions
    bad=$(sqlite3 "$DB" 'SELECT count(*) FROM articles a WHERE nevents <> (SELECT count(*) FROM mentions m WHERE m.article = a.id)')
    check "$bad" 0 "articles with half their mentions"
fi

# 3. the store API under kill -9 (optional)
if [ -n "${GEN:-}" ]; then
    DB=$T/gen.db
    for delay in 0.2 0.5 0.9; do
        "$GEN" articles "$DB" 3000 7 >/dev/null 2>&1 &
        pid=$!
        sleep $delay
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        check "$(integrity "$DB")" ok "gen_store integrity after kill -9 at ${delay}s"
    done
    "$GEN" articles "$DB" 3000 7 >/dev/null; check $? 0 "gen_store re-run"
    if command -v sqlite3 >/dev/null 2>&1; then
        check "$(sqlite3 "$DB" 'SELECT count(*) FROM articles')" 3000 "gen_store articles"
        check "$(sqlite3 "$DB" 'SELECT count(*) FROM mentions')" 9000 "gen_store mentions"
    fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
