#!/bin/sh
# bench/eval.sh BIN SHARED: accuracy figures of annals against ../shared.
#   sample articles: per-article P/R/F1 (target F1 >= 0.85)
#   CAMEO manual examples (PLOVER GSR): per-sentence recall (target >= 0.60)
#   PETRARCH-2 validation sentences: per-sentence recall (target >= 0.70)
set -eu
BIN=$1
SHARED=$2
if [ ! -d "$SHARED/tools" ]; then
    echo "eval: $SHARED not found (the shared evaluation data)" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" code --format jsonl "$SHARED/seeds/seeds-dev.jsonl" > "$tmp/seeds.jsonl"
printf 'sample articles (F1 target 0.85):              '
python3 "$SHARED/tools/score_events.py" "$SHARED/seeds/gold-dev.json" "$tmp/seeds.jsonl" | tail -n 1
"$BIN" code --format jsonl "$SHARED/benchmarks/plover_gsr_cameo.jsonl" > "$tmp/gsr.jsonl" 2>/dev/null
printf 'CAMEO manual examples (recall target 0.60):    '
python3 "$SHARED/tools/score_sentences.py" "$SHARED/benchmarks/plover_gsr_cameo.jsonl" "$tmp/gsr.jsonl" | tail -n 1
"$BIN" code --format jsonl "$SHARED/benchmarks/petr2_gsr_validation.jsonl" > "$tmp/petr.jsonl" 2>/dev/null
printf 'PETRARCH-2 validation (recall target 0.70):    '
python3 "$SHARED/tools/score_sentences.py" "$SHARED/benchmarks/petr2_gsr_validation.jsonl" "$tmp/petr.jsonl" | tail -n 1
if [ -n "${TEST_WHEN:-}" ] && [ -x "$TEST_WHEN" ]; then "$TEST_WHEN" 2>&1 | grep -E '^when:' || true; fi
if [ -n "${TEST_WHERE:-}" ] && [ -x "$TEST_WHERE" ]; then "$TEST_WHERE" 2>&1 | grep -E '^where:' || true; fi
# Dates and places of the sample articles' meetings: every consult (04)
# event between Russia and China, the date and place it was given, and the
# years of the events marked background.
python3 - "$tmp/seeds.jsonl" <<'PY'
import json, sys
meet, bg = {}, set()
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    if e.get("background"):
        bg.add((e.get("date") or "")[:4])
    if str(e.get("code", ""))[:2] == "04" and {e.get("source_country"), e.get("target_country")} == {"RUS", "CHN"}:
        if e.get("date_precision") == "story":
            continue
        loc = e.get("location") or {}
        key = (e["doc"], e["date"], e["date_precision"], loc.get("name"), loc.get("country"))
        meet[key] = meet.get(key, 0) + 1
for (doc, date, prec, place, country), n in sorted(meet.items()):
    where = f"{place}, {country}" if place else "no place"
    print(f"sample meetings RUS-CHN (doc {doc}): {date} ({prec}), {where}, {n} event(s)")
print("sample background years: " + ", ".join(sorted(y for y in bg if y)))
PY

