#!/usr/bin/env python3
"""Joins hadolint's and airlock's findings on the same files (run by scripts/hadolint-compare.sh).

Per hadolint code that an airlock rule carries as an alias: both counts, how many agree (same file
and instruction) and where only one of them reports. A finding counts once per file and
instruction: hadolint reports an instruction's first line, airlock the line of the word it points
at, so both are moved to the first line of the instruction that holds them.

Usage: hadolint-compare.py RULES_JSON AIRLOCK_JSON PARSE_DIR HADOLINT_DIR DISAGREEMENTS_OUT
  RULES_JSON    `airlock rules --format json`
  AIRLOCK_JSON  `airlock check --format json` over all files
  PARSE_DIR     one `airlock parse --format json` per file (any names, `*.json`)
  HADOLINT_DIR  `hadolint --format json` outputs (`*.json`, each an array)
"""

import collections
import json
import pathlib
import re
import sys

HADOLINT_CODE = re.compile(r"^(DL|SC)\d+$")


def load_arrays(folder):
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        text = path.read_text()
        if text.strip():
            yield path, json.loads(text)


def instruction_starts(parse_dir):
    """file -> sorted list of (first line, last line) of its instructions."""
    spans = {}
    for _, tree in load_arrays(parse_dir):
        spans[tree["file"]] = sorted(
            (i["line"], i["end_line"]) for i in tree["instructions"]
        )
    return spans


def start_of(spans, file, line):
    """The first line of the instruction holding `line` (the line itself outside any)."""
    for first, last in spans.get(file, ()):
        if first <= line <= last:
            return first
    return line


def main(rules_json, airlock_json, parse_dir, hadolint_dir, out_path):
    rules = json.loads(pathlib.Path(rules_json).read_text())
    # One row per airlock rule with hadolint aliases: a rule that carries DL3006 and DL3007 is
    # one check in airlock, so its findings are compared with the union of both codes.
    rows = []
    row_of_code = {}
    for rule in rules:
        codes = [a for a in rule["aliases"] if HADOLINT_CODE.match(a)]
        if codes:
            row_of_code.update({c: len(rows) for c in codes})
            rows.append({"rule": rule["code"], "name": rule["name"], "codes": codes})
    rule_row = {r["rule"]: i for i, r in enumerate(rows)}

    spans = instruction_starts(parse_dir)

    # (row, file, line) -> messages, per side.
    hadolint = collections.defaultdict(list)
    airlock = collections.defaultdict(list)
    unmapped = collections.Counter()
    unparsed = set()
    for _, findings in load_arrays(hadolint_dir):
        for f in findings:
            if f["code"] == "DL1000":
                unparsed.add(f["file"])
            if f["code"] not in row_of_code:
                unmapped[f["code"]] += 1
                continue
            key = (row_of_code[f["code"]], f["file"], f["line"])
            hadolint[key].append(f"{f['code']} {f['message']}")
    for f in json.loads(pathlib.Path(airlock_json).read_text()):
        if f["code"] not in rule_row:
            continue
        line = start_of(spans, f["file"], f["line"])
        key = (rule_row[f["code"]], f["file"], line)
        airlock[key].append(f"{f['code']} {f['message']}")

    # only-a*: the part of only-a on files hadolint could not parse (DL1000).
    header = ("hadolint", "airlock rule", "hadolint", "airlock", "agree", "only-h", "only-a", "only-a*")
    table = []
    totals = [0, 0, 0, 0, 0, 0]
    disagreements = []
    for i, row in enumerate(rows):
        h = {k[1:] for k in hadolint if k[0] == i}
        a = {k[1:] for k in airlock if k[0] == i}
        unparsed_only_a = sum(1 for file, _ in a - h if file in unparsed)
        counts = [len(h), len(a), len(h & a), len(h - a), len(a - h), unparsed_only_a]
        totals = [t + c for t, c in zip(totals, counts)]
        table.append(("/".join(row["codes"]), f"{row['rule']} {row['name']}", *counts))
        if h ^ a:
            disagreements.append(f"## {'/'.join(row['codes'])} = {row['rule']} {row['name']}")
            for file, line in sorted(h ^ a):
                if (file, line) in h:
                    side, messages = "only-hadolint", hadolint[(i, file, line)]
                else:
                    side, messages = "only-airlock", airlock[(i, file, line)]
                    if file in unparsed:
                        side += " (hadolint could not parse the file)"
                name = file.split("/corpus/", 1)[-1]
                disagreements.append(f"{side}  {name}:{line}  {messages[0]}")
            disagreements.append("")
    table.append(("total", "", *totals))

    widths = [max(len(str(r[c])) for r in [header, *table]) for c in range(len(header))]
    print("Per hadolint code that airlock maps (distinct file and instruction):")
    for r in [header, *table]:
        cells = [str(v).ljust(w) if c < 2 else str(v).rjust(w) for c, (v, w) in enumerate(zip(r, widths))]
        print("  " + "  ".join(cells).rstrip())
    print()
    print(f"hadolint could not parse {len(unparsed)} files (DL1000) and reports nothing else on them;")
    print("only-a* counts airlock's findings there.")
    print()
    print("hadolint codes airlock does not map (hadolint's count):")
    for code, n in sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {code:<8}{n:>6}")
    print()
    pathlib.Path(out_path).write_text("\n".join(disagreements) + "\n")
    print(f"disagreements: {out_path}")


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
