#!/usr/bin/env bash
# The one test command (README "Quick start"; .ci/run calls it): installs what is missing,
# builds, type-checks and runs every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if ! command -v node >/dev/null 2>&1 || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "torii tests: Node.js 20 or newer is needed ($(command -v node >/dev/null 2>&1 && node --version || echo 'node was not found'))" >&2
  exit 2
fi
if ! command -v git >/dev/null 2>&1; then
  echo "torii tests: git is needed (the tests of renamed notes make repositories); install it (e.g. 'sudo apt-get install git') and run again" >&2
  exit 2
fi

# What cannot be installed here (no root, no apt-get) is skipped with a line that says so and what
# to install; in CI (CI=true) nothing may be skipped.
can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
skipped=()

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

# The Neovim protocol test needs Neovim's built-in LSP client (0.7 or newer).
if ! command -v nvim >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "apt-get install neovim"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
  elif [ "${CI:-}" = true ]; then
    echo "torii tests: Neovim (nvim 0.7+) is needed for the Neovim LSP test; install it (e.g. 'sudo apt-get install neovim') and run again" >&2
    exit 2
  else
    echo "torii tests: SKIPPING the Neovim LSP test: nvim 0.7+ is not installed, and installing it needs root (sudo apt-get install neovim)" >&2
    export TORII_SKIP_NEOVIM=1
    skipped+=("the Neovim LSP test (needs nvim 0.7+)")
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
harness=0
bash scripts/e2e/install.sh || harness=$?
if [ "$harness" = 3 ] && [ "${CI:-}" != true ]; then
  echo "torii tests: SKIPPING the grammar tests and the tests in a real VS Code: the Debian packages named above are missing, and installing them needs root" >&2
  skipped+=("the grammar tests and the tests in a real VS Code (need the Debian packages named above)")
elif [ "$harness" != 0 ]; then
  exit "$harness"
else
  step "grammar tests (vscode-tmgrammar-test, against VS Code's own Markdown grammar)"
  node syntaxes/test/run.js

  step "the packaged .vsix in a real VS Code"
  npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links --out torii.vsix >/dev/null
  TORII_E2E_VSIX=torii.vsix node out/client/test/runTests.js 2>&1 | tee "$logs/e2e.log"
fi

# One closing line for every suite together, in the plain form CI reads.
count() { [ -f "$logs/$1" ] || { echo 0; return; }; grep -Eo "[0-9]+ $2" "$logs/$1" | tail -1 | grep -Eo '^[0-9]+' || echo 0; }
# The tests in a real VS Code run in two windows (one folder, then two): each ends with its own
# `end-to-end: N passing, M failing` line, summed here.
# (A grep that finds nothing fails, and would end the script under pipefail: `|| true`.)
e2e() { [ -f "$logs/e2e.log" ] || { echo 0; return; }; { grep -Eo "^end-to-end: [0-9]+ passing, [0-9]+ failing" "$logs/e2e.log" || true; } | { grep -Eo "[0-9]+ $1" || true; } | awk '{ sum += $1 } END { print sum + 0 }'; }
e2e_pending() { [ -f "$logs/e2e.log" ] || { echo 0; return; }; { grep -Eo "[0-9]+ pending" "$logs/e2e.log" || true; } | awk '{ sum += $1 } END { print sum + 0 }'; }
passed=$(( $(count mocha.log passing) + $(e2e passing) ))
failed=$(( $(count mocha.log failing) + $(e2e failing) ))
pending=$(( $(count mocha.log pending) + $(e2e_pending) ))
echo
for what in "${skipped[@]}"; do echo "skipped: $what"; done
echo "all tests: $passed passed, $failed failed, $pending skipped"
[ "$failed" = 0 ]
