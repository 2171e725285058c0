#!/usr/bin/env bash
# The one test command (README "Quick start"; .ci/run calls it): installs what is missing,
# builds, type-checks and runs every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if ! command -v node >/dev/null 2>&1; then
  echo "torii tests: Node.js 20 or newer is needed (node was not found)" >&2
  exit 2
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "build (esbuild)"
node esbuild.js

step "type-check (tsc --noEmit)"
npx tsc -p . --noEmit

step "unit tests (mocha)"
npx tsc -p tsconfig.test.json
npx mocha
