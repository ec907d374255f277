#!/usr/bin/env bash
# Builds the playground in release mode and serves it on http://127.0.0.1:${PORT:-8080}/,
# rebuilding on changes. Installs missing tools first (scripts/setup.sh). Stop with Ctrl-C.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

port="${PORT:-8080}"
echo
echo "==> building and serving the playground at http://127.0.0.1:$port/ (first build about 2 minutes)"
# No live reload: its injected script is filled in per request, so the page's
# Content-Security-Policy (hash-listed inline scripts only) blocks it. Reload by hand.
airlock_wasm_env
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port "$port"
