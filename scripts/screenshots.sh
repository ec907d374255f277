#!/usr/bin/env bash
# Rewrites the README's screenshots (docs/screenshots/*.png) from the built dist/: runs the two
# browser tests that take them with AIRLOCK_README_SHOTS=1. `scripts/test.sh` writes them to a
# temporary folder instead, so a test run leaves the work tree clean. Build first
# (`scripts/test.sh`, or `scripts/serve.sh` once), then run this and commit the pictures.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -f dist/index.html ]; then
  echo "error: dist/ has no build; run scripts/test.sh (or scripts/serve.sh) first" >&2
  exit 1
fi
AIRLOCK_README_SHOTS=1 node --test --test-reporter=spec tests/browser/layout.test.mjs tests/browser/embed.test.mjs \
  tests/browser/graph-nav.test.mjs
git status --short docs/screenshots
