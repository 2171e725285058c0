#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, offline but for the npm registry and Debian:
# Debian's Chromium, and code-server's bundled VS Code server with playwright-core in
# .vscode-test/web (code-server is only used for the VS Code server it ships). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
web=.vscode-test/web

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
command -v make >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || need_apt+=(libkrb5-dev)
# Fonts for the screenshots: emoji, CJK (参考, 进步) and symbols such as ⑃ or ⠎.
fc-list 2>/dev/null | grep -i 'Noto Color Emoji' >/dev/null || need_apt+=(fonts-noto-color-emoji)
fc-list 2>/dev/null | grep -i 'WenQuanYi Zen Hei' >/dev/null || need_apt+=(fonts-wqy-zenhei)
fc-list 2>/dev/null | grep -i 'DejaVu Sans' >/dev/null || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    # Exit 3: "prerequisites missing, cannot install them here"; scripts/test.sh then skips, visibly.
    echo "torii e2e: these Debian packages are needed: ${need_apt[*]} (install them as root: apt-get install -y ${need_apt[*]})" >&2
    exit 3
  fi
  echo "torii e2e: apt-get install ${need_apt[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$web/node_modules/code-server/lib/vscode/out/server-main.js" ] && [ -d "$web/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release" ] && [ -d "$web/node_modules/playwright-core" ]; then
  exit 0
fi

mkdir -p "$web/tmp"
cat > "$web/package.json" <<'JSON'
{
  "private": true,
  "description": "The VS Code server (from code-server) and playwright-core for Torii's end-to-end tests",
  "dependencies": { "code-server": "4.100.3", "playwright-core": "1.65.1" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds one:
# give it Debian's.
export TMPDIR="$PWD/$web/tmp"
cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache"
if [ ! -f "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
  staging=$(mktemp -d)
  cp "$(command -v rg)" "$staging/rg"
  tar -C "$staging" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  rm -rf "$staging"
fi
echo "torii e2e: npm install code-server@4.100.3 playwright-core (a few minutes, once)"
# As root, code-server's postinstall wants unsafe-perm; node-pty's runs `npx node-gyp`, which must not ask.
(cd "$web" && npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error)
if [ ! -d "$web/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release" ]; then
  echo "torii e2e: code-server's postinstall did not build node-pty; see the npm output above" >&2
  exit 2
fi
