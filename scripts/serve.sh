#!/usr/bin/env bash
# Builds the playground in release mode and serves it on http://127.0.0.1:${PORT:-8080}/,
# rebuilding on changes. Installs missing tools first (scripts/setup.sh). Stop with Ctrl-C.
# If the first build fails, it stops with the build's error instead of serving an empty folder.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

port="${PORT:-8080}"
airlock_wasm_env
echo
echo "==> building the playground (release; the first build takes about 3 minutes)"
if ! trunk build --release; then
  echo >&2
  echo "serve.sh: the playground did not build (the error is above); nothing is served." >&2
  exit 1
fi
echo
echo "==> serving http://127.0.0.1:$port/ (rebuilds when a file changes; reload the page by hand)"
# No live reload: its injected script is filled in per request, so the page's
# Content-Security-Policy (hash-listed inline scripts only) blocks it.
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port "$port"
