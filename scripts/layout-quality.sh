#!/usr/bin/env bash
# The graph layout against Graphviz dot (tests/layout_quality.rs): edge crossings, edges drawn
# through a box that is not their end, and overlapping labels, per multi-stage corpus file and
# generated graph up to 200 stages, then the totals. Needs `dot` (scripts/setup.sh installs it).
# Usage: scripts/layout-quality.sh [extra cargo test arguments, e.g. --release]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test "$@" --test layout_quality -- --nocapture --test-threads=1
