#!/usr/bin/env bash
# Shrinks the README's screenshots (they ship inside the .vsix) with pngquant, when it is there.
# `npm run screenshots` runs it after taking them.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pngquant >/dev/null 2>&1; then
  echo "screenshots: pngquant not found, pictures left at full size (apt-get install pngquant to shrink them)" >&2
  exit 0
fi
before=$(cat images/*.png | wc -c)
pngquant --force --skip-if-larger --strip --quality 70-95 --ext .png images/*.png || true
after=$(cat images/*.png | wc -c)
echo "screenshots: images/ $((before / 1024)) KB -> $((after / 1024)) KB (pngquant)"
