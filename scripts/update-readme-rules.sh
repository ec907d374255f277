#!/usr/bin/env bash
# Regenerates the rule table in README.md from the rules' own docs (`airlock rules --format
# markdown`), between the `<!-- rules:begin -->` and `<!-- rules:end -->` markers.
# tests/cli.rs checks that the README's table is this output.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
table="$(cargo run --quiet -- rules --format markdown)"
python3 - "$table" <<'PY'
import sys, re
table = sys.argv[1].rstrip("\n")
text = open("README.md").read()
begin, end = "<!-- rules:begin -->", "<!-- rules:end -->"
if begin not in text or end not in text:
    sys.exit("README.md has no rules markers")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open("README.md", "w").write(f"{head}{begin}\n{table}\n{end}{tail}")
PY
echo "README.md: rule table updated"
