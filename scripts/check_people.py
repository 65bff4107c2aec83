#!/usr/bin/env python3
"""Check data/people.txt (format: data/README.md, section "people.txt").

Verifies: role codes start with an ISO 3166-1 alpha-3 code (or a CAMEO
international / legacy prefix), dates are YYYY, YYYY-MM or YYYY-MM-DD and
valid, start <= end, no duplicate person names, no @short form shared by two
people, every person has at least one role.  Prints counts; exit 1 on errors.
"""
import datetime
import json
import re
import sys
from collections import defaultdict

PATH = sys.argv[1] if len(sys.argv) > 1 else "data/people.txt"
ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
EXTRA = {"IGO", "NGO", "NGM", "IMG", "INT", "MNC", "UIS",  # CAMEO international
         "KSV", "WSB", "GZS"}                              # CAMEO extensions
ROLES = {"GOV", "MIL", "COP", "OPP", "REB", "INS", "SEP", "SPY", "UAF", "LEG",
         "JUD", "MED", "BUS", "CVL", "ELI", "PTY", "LAB", "HRI", "DEV", "REF",
         "EDU", "HLH", "ENV", "AGR", "CRM", "MOD", "RAD"}
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(s, end=False):
    m = DATE.match(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if not 1900 <= y <= 2030:
        return None
    try:
        if d:
            return datetime.date(y, int(mo), int(d))
        if mo:
            mo = int(mo)
            if end:
                nxt = datetime.date(y + (mo == 12), mo % 12 + 1, 1)
                return nxt - datetime.timedelta(days=1)
            return datetime.date(y, mo, 1)
        return datetime.date(y, 12, 31) if end else datetime.date(y, 1, 1)
    except ValueError:
        return None


def main():
    iso = {c["alpha_3"] for c in json.load(open(ISO, encoding="utf-8"))["3166-1"]}
    # former countries (ISO 3166-3), e.g. SCG Serbia and Montenegro
    old = json.load(open(ISO.replace("3166-1", "3166-3"), encoding="utf-8"))
    iso |= {c["alpha_3"] for c in old["3166-3"] if "alpha_3" in c}
    errors = []
    people = roles = 0
    names = defaultdict(list)     # full/variant name -> line numbers
    at_short = defaultdict(list)  # @short -> line numbers
    countries = defaultdict(int)
    cur = None
    cur_roles = 0

    def close():
        if cur is not None and cur_roles == 0:
            errors.append(f"line {cur}: person without roles")

    for n, raw in enumerate(open(PATH, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("+"):
            close()
            cur, cur_roles = n, 0
            people += 1
            parts = [p.strip() for p in line[1:].split(" ; ")]
            if any(not p for p in parts):
                errors.append(f"line {n}: empty name field")
            if parts[0].startswith(("@", "~")):
                errors.append(f"line {n}: full name must come first")
            if any(";" in p for p in parts):
                errors.append(f"line {n}: ';' not separated by spaces")
            seen = set()
            for p in parts:
                if p.startswith("@"):
                    at_short[p[1:].lower()].append(n)
                elif not p.startswith("~"):
                    key = p.lower()
                    if key in seen:
                        errors.append(f"line {n}: name repeated: {p}")
                        continue
                    seen.add(key)
                    names[key].append(n)
            continue
        if not line[0].isspace():
            errors.append(f"line {n}: neither '+', role line nor comment")
            continue
        if cur is None:
            errors.append(f"line {n}: role line before any person")
            continue
        f = line.split()
        if len(f) < 3:
            errors.append(f"line {n}: role line needs CODE START END")
            continue
        code, start, end = f[0], f[1], f[2]
        roles += 1
        cur_roles += 1
        if not re.fullmatch(r"[A-Z]{3,12}", code) or len(code) % 3:
            errors.append(f"line {n}: bad code {code}")
        elif code[:3] not in iso and code[:3] not in EXTRA:
            errors.append(f"line {n}: unknown country prefix {code}")
        elif code[:3] in iso and code[3:6] not in ROLES:
            errors.append(f"line {n}: unknown role in {code}")
        countries[code[:3]] += 1
        s = parse_date(start)
        e = None if end == "-" else parse_date(end, end=True)
        if s is None:
            errors.append(f"line {n}: bad start date {start}")
        if end != "-" and e is None:
            errors.append(f"line {n}: bad end date {end}")
        if s and e and s > e:
            errors.append(f"line {n}: start {start} after end {end}")
        if len(f) < 4:
            errors.append(f"line {n}: warning-no title")
    close()
    for k, ls in names.items():
        if len(ls) > 1:
            errors.append(f"lines {ls}: duplicate name '{k}'")
    for k, ls in at_short.items():
        if len(ls) > 1:
            errors.append(f"lines {ls}: @{k} used by several people")
        if k in names:
            pass
    for e in errors:
        print(e)
    print(f"{people} people, {roles} roles, {len(countries)} country/IGO prefixes, "
          f"{sum(len(v) for v in at_short.values())} @short forms, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
