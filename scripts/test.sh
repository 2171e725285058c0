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

# The Neovim protocol test needs Neovim's built-in LSP client (0.7 or newer).
if ! command -v nvim >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "apt-get install neovim"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
  else
    echo "torii tests: Neovim (nvim 0.7+) is needed for the Neovim LSP test; install it (e.g. 'sudo apt-get install neovim') and run again" >&2
    exit 2
  fi
fi

step "build (esbuild)"
node esbuild.js --production

step "type-check (tsc --noEmit)"
npx tsc -p . --noEmit

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

step "unit, protocol and Neovim tests (mocha)"
npx tsc -p tsconfig.test.json
npx mocha 2>&1 | tee "$logs/mocha.log"

step "install the real-VS-Code harness (code-server's VS Code server, headless Chromium)"
bash scripts/e2e/install.sh

step "grammar tests (vscode-tmgrammar-test, against VS Code's own Markdown grammar)"
node syntaxes/test/run.js

step "the packaged .vsix in a real VS Code"
npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links --out torii.vsix >/dev/null
TORII_E2E_VSIX=torii.vsix node out/client/test/runTests.js 2>&1 | tee "$logs/e2e.log"

# One closing line for every suite together, in the plain form CI reads.
count() { grep -Eo "[0-9]+ $2" "$logs/$1" | tail -1 | grep -Eo '^[0-9]+' || echo 0; }
passed=$(( $(count mocha.log passing) + $(count e2e.log passing) ))
failed=$(( $(count mocha.log failing) + $(count e2e.log failing) ))
echo
echo "all tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
