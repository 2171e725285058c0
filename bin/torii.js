#!/usr/bin/env node
// The `torii` command: runs the bundled CLI (built by `npm run build`, and by `prepare` on `npm ci`).
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write("torii: dist/cli.js is missing; run 'npm run build' (npm ci runs it for you)\n");
  process.exit(2);
}
require(bundle).runFromCommandLine(process.argv.slice(2));
