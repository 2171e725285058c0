#!/usr/bin/env node
'use strict';

// The floor: the least work any checker of a notes folder must do, measured on the machine it
// runs on. It lists the `.md` files of a workspace, reads each one, decodes it as UTF-8, splits
// it into lines and runs one regular expression over every line, on one core. The best of
// three passes is the floor (the first pass also warms the page cache, as an editor's first
// read of a folder usually finds it warm).
//
//   node bench/floor.js WORKSPACE [WORKSPACE…] [--passes 3] [--json]
//
// `run.js` and `lsp.js` measure the floor of each workspace in the same run as their timings
// and print every timing also as a multiple of it: on a shared machine absolute times vary by
// a third between runs, while the ratio stays put. `measureFloor(dir)` runs this script in a
// child process of its own, so the measuring process's heap and threads do not weigh on it.

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

// The folders Torii itself never reads (server/src/node/workspaceFiles.ts).
const IGNORED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.obsidian', '.trash', '.vscode']);
// One pass over each line, as a dialect scanner would make: a heading, a 🗄 or 📙 marker.
const LINE_PATTERN = /^#{1,6}\s|\u{1F5C4}|\u{1F4D9}/u;

function listMarkdown(root) {
  const files = [];
  const walk = (folder) => {
    const entries = fs.readdirSync(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!IGNORED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile() && /\.md$/i.test(entry.name)) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files;
}

/** One pass: list, read, decode, split, one regex per line. Returns seconds and what it saw. */
function onePass(root) {
  const started = process.hrtime.bigint();
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let bytes = 0;
  let lines = 0;
  let matches = 0;
  const files = listMarkdown(root);
  for (const file of files) {
    const buffer = fs.readFileSync(file);
    bytes += buffer.length;
    let text;
    try {
      text = decoder.decode(buffer);
    } catch {
      continue;
    }
    const split = text.split(/\r\n|\r|\n/);
    lines += split.length;
    for (const line of split) if (LINE_PATTERN.test(line)) matches++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, files: files.length, bytes, lines, matches };
}

/** The best of `passes` passes over `root`, in this process. */
function floorHere(root, passes = 3) {
  const results = [];
  for (let pass = 0; pass < passes; pass++) results.push(onePass(root));
  const best = results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { workspace: root, ...best, passes: results.map((r) => r.seconds) };
}

/**
 * The floor of `root`, measured in a child process of its own (one core, a fresh heap). Returns
 * `{ seconds, files, bytes, lines, passes }`.
 */
function measureFloor(root, passes = 3) {
  const result = spawnSync(process.execPath, [__filename, root, '--json', '--passes', String(passes)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`floor.js failed on ${root}: ${result.stderr}`);
  return JSON.parse(result.stdout)[0];
}

/** `12.3 s (25.1× floor)`-style text for a time in seconds. */
function withRatio(seconds, floorSeconds, unit = 's') {
  const shown = unit === 'ms' ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(2)} s`;
  if (!(floorSeconds > 0)) return shown;
  return `${shown} (${(seconds / floorSeconds).toFixed(1)}× floor)`;
}

module.exports = { measureFloor, floorHere, withRatio };

if (require.main === module) {
  const argv = process.argv.slice(2);
  let passes = 3;
  let json = false;
  const roots = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--passes') passes = Number(argv[++i]);
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '-h' || argv[i] === '--help') {
      console.log('usage: node bench/floor.js WORKSPACE [WORKSPACE…] [--passes 3] [--json]');
      process.exit(0);
    } else roots.push(argv[i]);
  }
  if (roots.length === 0 || !(passes >= 1)) {
    console.error('usage: node bench/floor.js WORKSPACE [WORKSPACE…] [--passes 3] [--json]');
    process.exit(2);
  }
  const results = roots.map((root) => floorHere(path.resolve(root), passes));
  if (json) {
    process.stdout.write(JSON.stringify(results) + '\n');
  } else {
    for (const r of results) {
      console.log(
        `${path.relative(process.cwd(), r.workspace) || r.workspace}: floor ${(r.seconds * 1000).toFixed(0)} ms ` +
          `(best of ${r.passes.length}: ${r.passes.map((s) => (s * 1000).toFixed(0)).join(', ')} ms) for ` +
          `${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.lines} lines`,
      );
    }
  }
}
