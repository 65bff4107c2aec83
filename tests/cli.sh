#!/bin/sh
# cli.sh: end-to-end tests of the annals command.
#
# Run by `make test-cli` with ANNALS (the binary), ANNALS_DATA (the built
# data directory) and SHARED (../shared, optional: tests that need its
# articles are skipped without it).  Every check runs the real binary on
# small inputs made here in a temporary directory (malformed JSON lines,
# empty, binary, NUL bytes, invalid UTF-8, stdin) and looks at the exit
# status, stdout and stderr; JSON output is validated with python3 (or jq).
# The contract checked: exit 0 when all was coded, 1 when something was
# skipped (and the rest still coded), 2 for usage errors; diagnostics name
# file and line; -j N writes exactly what -j 1 writes.  The last line is
# "N passed, N failed"; the exit status is non-zero if anything failed.

ANNALS=${ANNALS:?set ANNALS to the annals binary}
SHARED=${SHARED:-../shared}
export ANNALS_DATA

T=$(mktemp -d "${TMPDIR:-/tmp}/annals-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0
skip=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; if [ -s "$T/err" ]; then sed 's/^/    stderr: /' "$T/err" | head -5; fi; }
skipped() { skip=$((skip + 1)); echo "skip: $*"; }

# run ARGS...: runs annals, stdout in $T/out, stderr in $T/err, status in rc
run() {
    "$ANNALS" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}
# run_in FILE ARGS...: the same with stdin from FILE
run_in() {
    f=$1
    shift
    "$ANNALS" "$@" <"$f" >"$T/out" 2>"$T/err"
    rc=$?
}
expect_rc() { # name want
    if [ "$rc" -eq "$2" ]; then ok; else bad "$1: exit $rc, want $2"; fi
}
expect_out() { # name grep-pattern (in stdout)
    if grep -q -e "$2" "$T/out"; then ok; else bad "$1: stdout lacks '$2'"; fi
}
expect_err() { # name grep-pattern (in stderr)
    if grep -q -e "$2" "$T/err"; then ok; else bad "$1: stderr lacks '$2'"; fi
}
expect_empty_out() {
    if [ ! -s "$T/out" ]; then ok; else bad "$1: stdout not empty"; fi
}
expect_nonempty_out() {
    if [ -s "$T/out" ]; then ok; else bad "$1: no output"; fi
}

# Validate JSON lines in a file: every line an object with the contract's
# fields; prints the number of lines.
if command -v python3 >/dev/null 2>&1; then
    HAVE_JSON=python
elif command -v jq >/dev/null 2>&1; then
    HAVE_JSON=jq
else
    HAVE_JSON=
fi
json_ok() { # name file
    case $HAVE_JSON in
    python)
        if python3 - "$2" <<'EOF' 2>"$T/json_err"; then ok; else bad "$1: invalid JSON lines: $(tail -1 "$T/json_err")"; fi
import json, sys
req = ["doc", "sentence", "story_date", "date", "date_precision", "date_text",
       "background", "source", "source_country", "source_name", "target",
       "target_country", "target_name", "code", "root", "quad_class",
       "goldstein", "plover", "text", "span", "trigger", "location"]
loc = ["name", "country", "admin1", "lat", "lon", "geonames_id", "precision"]
with open(sys.argv[1], "rb") as f:
    for n, raw in enumerate(f, 1):
        assert raw.endswith(b"\n"), "line %d: no newline" % n
        o = json.loads(raw.decode("utf-8"))  # strict UTF-8
        assert isinstance(o, dict), "line %d: not an object" % n
        for k in req:
            assert k in o, "line %d: no %s" % (n, k)
        assert isinstance(o["background"], bool), "line %d: background" % n
        assert isinstance(o["code"], str), "line %d: code" % n
        assert isinstance(o["sentence"], int), "line %d: sentence" % n
        assert isinstance(o["span"], list) and len(o["span"]) == 2, "line %d: span" % n
        if o["location"] is not None:
            for k in loc:
                assert k in o["location"], "line %d: location.%s" % (n, k)
EOF
        ;;
    jq)
        if jq -e 'has("doc") and has("code") and has("location") and (.background|type=="boolean")' \
            "$2" >/dev/null 2>"$T/json_err"; then ok; else bad "$1: invalid JSON lines"; fi
        ;;
    *) skipped "$1: neither python3 nor jq" ;;
    esac
}

# ------------------------------------------------------------ inputs
cat >"$T/good.jsonl" <<'EOF'
{"id": "g1", "date": "2022-02-24", "text": "Russian troops attacked Ukrainian forces near Kharkiv on Thursday. President Biden condemned Russia."}
{"id": "g2", "date": "2021-12-15", "text": "Chinese President Xi Jinping met Russian President Vladimir Putin in Beijing on Wednesday."}
EOF
{
    sed -n 1p "$T/good.jsonl"
    printf '%s\n' '{"id": "broken", "date": "2022-01-01", "text": "The talks '
    sed -n 2p "$T/good.jsonl"
} >"$T/bad.jsonl"
: >"$T/empty.jsonl"
: >"$T/empty.txt"
head -c 4096 "$ANNALS" >"$T/binary.txt"
printf 'date 2022-02-24\nRussian troops\000 attacked Ukrainian forces on Thursday.\n' >"$T/nul.txt"
printf '{"id": "n1", "date": "2022-02-24", "text": "Russian troops attacked\\u0000 Ukrainian forces."}\n' >"$T/nul_escape.jsonl"
printf 'date 2022-02-24\nRussian troops attacked Ukrainian \377\376 forces in Kyiv \300\257 on Thursday.\n' >"$T/badutf8.txt"
printf '{"id": "u1", "date": "2022-02-24", "text": "Russia \377 attacked Ukraine \355\240\200 on Thursday."}\n' >"$T/badutf8.jsonl"
printf 'Russian troops attacked Ukrainian forces on Thursday.\n' >"$T/undated.txt"
mkdir -p "$T/dir/sub"
cp "$T/good.jsonl" "$T/dir/a.jsonl"
printf 'date 2022-02-24\nRussian troops attacked Ukrainian forces on Thursday.\n' >"$T/dir/sub/b.txt"

# ------------------------------------------------------------ help, usage
run --help
expect_rc "--help" 0
for w in code dict ingest events "Exit status"; do expect_out "--help mentions $w" "$w"; done
run help code
expect_rc "help code" 0
expect_out "help code" "--format"
run --version
expect_rc "--version" 0
expect_out "--version" "^annals [0-9]"
run
expect_rc "no command" 2
run code --help
expect_rc "code --help" 0
for o in -f --format jsonl table tsv csv gdelt --input auto text html --date --data \
    -j --threads --no-background --no-when --no-where -q --quiet --stats -h --help \
    "Exit status" "  0 " "  1 " "  2 " FILE:LINE; do
    expect_out "code --help mentions $o" "$o"
done
run dict --help
expect_rc "dict --help" 0
expect_out "dict --help" "check"

run code --bogus
expect_rc "bad option" 2
expect_err "bad option named" "bogus"
run --bogus
expect_rc "bad global option" 2
run frobnicate
expect_rc "unknown command" 2
run code -x
expect_rc "bad short option" 2
run code --format
expect_rc "--format without value" 2
for d in 2022-13-01 2021-02-29 2022-00-10 2022-1-1 yesterday 20220101 "2022-01-01x"; do
    run_in "$T/empty.jsonl" code --date "$d"
    expect_rc "bad --date $d" 2
done
run_in "$T/empty.jsonl" code --date 2020-02-29
expect_rc "good --date 2020-02-29" 0
for f in xml json5 ""; do
    run_in "$T/empty.jsonl" code --format "$f"
    expect_rc "bad --format '$f'" 2
done
for j in 0 -1 abc 257 2x; do
    run_in "$T/empty.jsonl" code -j "$j"
    expect_rc "bad -j $j" 2
done
run_in "$T/empty.jsonl" code --input pdf
expect_rc "bad --input" 2
run_in "$T/empty.jsonl" code --data "$T/no/such/dir"
expect_rc "bad --data" 2
run dict frob
expect_rc "bad dict command" 2

# ------------------------------------------------------------ dictionaries
run dict check
expect_rc "dict check on shipped data" 0
run dict stats
expect_rc "dict stats" 0
expect_out "dict stats countries" "^countries"

# ------------------------------------------------------------ coding
run code "$T/good.jsonl"
expect_rc "good jsonl" 0
expect_nonempty_out "good jsonl codes events"
json_ok "good jsonl output" "$T/out"
cp "$T/out" "$T/good.out"

run code "$T/bad.jsonl"
expect_rc "malformed line: exit 1" 1
expect_err "malformed line: file and line named" "bad.jsonl:2"
if cmp -s "$T/out" "$T/good.out"; then ok; else bad "malformed line: the good lines are coded as alone"; fi
json_ok "malformed line output" "$T/out"

run code -q "$T/bad.jsonl"
expect_rc "malformed line --quiet: exit 1" 1
expect_err "malformed line --quiet: errors still printed" "bad.jsonl:2"

# An empty file has nothing to code: the reader may report it (exit 1,
# file named) or pass over it (exit 0); either way no output, no crash.
run code "$T/empty.jsonl" "$T/empty.txt"
if [ "$rc" -eq 0 ] || { [ "$rc" -eq 1 ] && grep -q "empty.jsonl" "$T/err"; }; then ok; else bad "empty files: exit $rc"; fi
expect_empty_out "empty files"
run_in "$T/empty.jsonl" code
expect_rc "empty stdin" 0
expect_empty_out "empty stdin"

run code "$T/binary.txt" "$T/good.jsonl"
expect_rc "binary file: exit 1" 1
expect_err "binary file named" "binary.txt"
if cmp -s "$T/out" "$T/good.out"; then ok; else bad "binary file: the other input is coded"; fi

run code "$T/nul.txt" "$T/nul_escape.jsonl"
expect_rc "NUL bytes: repaired, exit 0" 0
json_ok "NUL bytes output" "$T/out"
if tr -d '\n' <"$T/out" | od -An -c | grep -q '\\0'; then bad "NUL byte in output"; else ok; fi

run code "$T/badutf8.txt" "$T/badutf8.jsonl"
expect_rc "invalid UTF-8: repaired, exit 0" 0
json_ok "invalid UTF-8 output" "$T/out"

run code -q "$T/badutf8.txt"
expect_rc "invalid UTF-8 --quiet" 0
if [ ! -s "$T/err" ]; then ok; else bad "--quiet still prints warnings"; fi

run code "$T/no-such-file.jsonl" "$T/good.jsonl"
expect_rc "missing file: exit 1" 1
expect_err "missing file named" "no-such-file.jsonl"
if cmp -s "$T/out" "$T/good.out"; then ok; else bad "missing file: the other input is coded"; fi

run_in "$T/good.jsonl" code
expect_rc "stdin" 0
if cmp -s "$T/out" "$T/good.out"; then ok; else bad "stdin: same output as the file"; fi
run_in "$T/good.jsonl" code -
expect_rc "stdin as -" 0
if cmp -s "$T/out" "$T/good.out"; then ok; else bad "stdin as -: same output as the file"; fi

run_in "$T/undated.txt" code --input text --date 2022-02-24
expect_rc "stdin text with --date" 0
expect_out "--date gives the story date" '"story_date":"2022-02-24"'

run code "$T/dir"
expect_rc "directory input" 0
expect_out "directory input codes the text file" '"story_date":"2022-02-24"'

run code --stats "$T/good.jsonl"
expect_rc "--stats" 0
expect_err "--stats figures" "sentences/s"

run code --no-background --no-when --no-where "$T/good.jsonl"
expect_rc "--no-background --no-when --no-where" 0
json_ok "--no-* output" "$T/out"
if grep -q '"location":{' "$T/out"; then bad "--no-where still gives locations"; else ok; fi

if [ -w /dev/full ]; then
    "$ANNALS" code "$T/good.jsonl" >/dev/full 2>"$T/err"
    rc=$?
    expect_rc "write error: exit 1" 1
    expect_err "write error reported" "write"
fi

# ------------------------------------------------------------ formats
for f in table tsv csv gdelt jsonl; do
    run code --format "$f" "$T/good.jsonl"
    expect_rc "--format $f" 0
    expect_nonempty_out "--format $f"
    cp "$T/out" "$T/fmt.$f"
done
if awk -F'\t' 'NF != 61 { bad = 1 } END { exit bad }' "$T/fmt.gdelt"; then ok; else bad "gdelt: 61 columns on every line"; fi
if awk -F'\t' 'NR == 1 { n = NF } NF != n { bad = 1 } END { exit bad }' "$T/fmt.tsv"; then ok; else bad "tsv: same column count on every line"; fi
if head -1 "$T/fmt.tsv" | grep -q '^doc	sentence	'; then ok; else bad "tsv header"; fi
if head -1 "$T/fmt.csv" | grep -q '^doc,sentence,'; then ok; else bad "csv header"; fi
if head -1 "$T/fmt.table" | grep -q '^DATE  *SOURCE  *EVENT'; then ok; else bad "table header"; fi
n_json=$(wc -l <"$T/fmt.jsonl")
for f in table tsv csv; do
    n=$(($(wc -l <"$T/fmt.$f") - 1))
    if [ "$n" -eq "$n_json" ]; then ok; else bad "--format $f: $n events, jsonl has $n_json"; fi
done
if [ "$(wc -l <"$T/fmt.gdelt")" -eq "$n_json" ]; then ok; else bad "--format gdelt: event count"; fi
if [ "$HAVE_JSON" = python ]; then
    if python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); assert all(len(x)==len(r[0]) for x in r)' "$T/fmt.csv" 2>/dev/null; then ok; else bad "csv parses with a constant column count"; fi
fi

# ------------------------------------------------------------ shared articles
if [ -f "$SHARED/benchmarks/agnews_world_dev.jsonl" ]; then
    A=$SHARED/benchmarks/agnews_world_dev.jsonl
    run code -j 1 "$A"
    rc1=$rc
    cp "$T/out" "$T/j1"
    expect_rc "agnews -j 1" 0
    json_ok "agnews output" "$T/j1"
    if [ -s "$T/j1" ]; then ok; else bad "agnews: no events"; fi
    for j in 2 4; do
        run code -j $j "$A"
        if [ "$rc" -eq "$rc1" ]; then ok; else bad "agnews -j $j: exit $rc, -j 1 gave $rc1"; fi
        if cmp -s "$T/out" "$T/j1"; then ok; else bad "agnews -j $j output differs from -j 1"; fi
    done
    run code -j 3 --format gdelt "$A" "$T/bad.jsonl" "$A"
    expect_rc "-j 3 with a malformed line: exit 1" 1
    expect_err "-j 3: malformed line named" "bad.jsonl:2"
    "$ANNALS" code -j 1 --format gdelt "$A" "$T/bad.jsonl" "$A" >"$T/j1g" 2>/dev/null
    if cmp -s "$T/out" "$T/j1g"; then ok; else bad "-j 3 gdelt output differs from -j 1"; fi
else
    skipped "agnews tests: $SHARED/benchmarks/agnews_world_dev.jsonl missing"
fi
if [ -f "$SHARED/seeds/seeds-dev.jsonl" ]; then
    run code "$SHARED/seeds/seeds-dev.jsonl"
    expect_rc "seeds" 0
    expect_nonempty_out "seeds code events"
    json_ok "seeds output" "$T/out"
    for f in table tsv csv gdelt; do
        run code --format $f "$SHARED/seeds/seeds-dev.jsonl"
        expect_rc "seeds --format $f" 0
    done
else
    skipped "seeds tests: $SHARED/seeds missing"
fi

[ "$skip" -gt 0 ] && echo "($skip skipped)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
