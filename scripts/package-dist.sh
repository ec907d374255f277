#!/usr/bin/env bash
# Packs the release playground for a documentation site: builds dist/ (index.html, the wasm, the
# JS glue and CSS, airlock-offline.html, embed-demo.html) with the release profile, then writes
# one archive whose files sit at its root, to unpack into any folder of a static site:
#
#   scripts/package-dist.sh                       # build, then pack into target/package/
#   scripts/package-dist.sh --no-build            # pack the dist/ already built
#   scripts/package-dist.sh --out DIR
#   tar -xzf target/package/airlock-playground-*.tar.gz -C site/tools/airlock/
#
# The archive is reproducible (sorted names, fixed times and owners, gzip without a name or time)
# and has a .sha256 beside it. Prints the archive's path last. The release workflow
# (.github/workflows/playground.yml) runs the same script.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=1
out=target/package
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --out)
      [ $# -ge 2 ] || { echo "package-dist: --out needs a folder" >&2; exit 2; }
      out="$2"
      shift
      ;;
    *) echo "usage: scripts/package-dist.sh [--no-build] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done

if [ "$build" = 1 ]; then
  scripts/setup.sh --build-only
  # shellcheck source=scripts/env.sh
  source scripts/env.sh
  (airlock_wasm_env && trunk build --release)
fi

for file in index.html airlock-offline.html embed-demo.html embed-demo.js; do
  [ -f "dist/$file" ] || {
    echo "package-dist: dist/$file is missing: build first (without --no-build, or trunk build --release)" >&2
    exit 1
  }
done
ls dist/*.wasm >/dev/null 2>&1 || { echo "package-dist: no .wasm in dist/" >&2; exit 1; }

# The version: the tag when HEAD has one (v0.2.0 -> 0.2.0), else Cargo.toml's version plus the commit.
version="$(git describe --tags --exact-match 2>/dev/null | sed 's/^v//' || true)"
if [ -z "$version" ]; then
  version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
  commit="$(git rev-parse --short HEAD 2>/dev/null || true)"
  [ -z "$commit" ] || version="$version-$commit"
fi

mkdir -p "$out"
archive="$out/airlock-playground-$version.tar.gz"
# Everything in dist/ except what Trunk's dev server leaves there.
(cd dist && find . -type f ! -name '.stage*' -printf '%P\n' | LC_ALL=C sort) >"$out/.files"
tar -C dist --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner --mode='u+rw,go+r,go-w' \
  -cf - -T "$out/.files" | gzip -9 -n >"$archive"
rm -f "$out/.files"
(cd "$out" && sha256sum "$(basename "$archive")" >"$(basename "$archive").sha256")
echo "package-dist: $(tar -tzf "$archive" | wc -l) files, $(du -k "$archive" | cut -f1) KB" >&2
echo "$archive"
