#!/usr/bin/env node
'use strict';

// Output identity: an optimisation must not change a single diagnostic or resolution. This
// saves `torii check --json` and `torii refs --json` of the generated workspaces once, from the
// code before a change, and compares the current code's output with them byte for byte.
//
//   node bench/identity.js --save [--sizes 1k,10k] [--cmd "node OTHER/cli.js"]   save the baseline
//   node bench/identity.js [--sizes 1k,10k]                                        compare with it
//
// The saved outputs live in bench/workspaces/expected/ (gitignored, like the workspaces: they
// are regenerated, never committed). `--cmd` runs another build instead of bin/torii.js (its
// subcommand and arguments are appended). `run.js` calls `compareWithSaved` after its timed runs.
// For the fixtures, the same comparison is a unit test (server/test/unit/outputIdentity.test.ts).

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const WORKSPACES = path.join(__dirname, 'workspaces');
const EXPECTED = path.join(WORKSPACES, 'expected');
const OUTPUTS = ['check', 'refs'];

function commandFor(cmd) {
  return cmd ? ['/bin/sh', '-c', `exec ${cmd} "$@"`, 'sh'] : [process.execPath, path.join(ROOT, 'bin', 'torii.js')];
}

/** The `--json` output of `torii <subcommand>` on a workspace, as text. */
function runJson(cmd, subcommand, workspace) {
  const argv = [...commandFor(cmd), subcommand, workspace, '--json', '--no-git'];
  const result = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function expectedPath(size, output) {
  return path.join(EXPECTED, `${size}-${output}.json`);
}

function save(size, cmd) {
  fs.mkdirSync(EXPECTED, { recursive: true });
  const workspace = path.join(WORKSPACES, size);
  for (const output of OUTPUTS) {
    const text = runJson(cmd, output, workspace);
    fs.writeFileSync(expectedPath(size, output), text);
    console.log(`saved ${path.relative(ROOT, expectedPath(size, output))} (${(text.length / 1e6).toFixed(1)} MB)`);
  }
}

/**
 * Compares the current build's output on `size` with the saved baseline. Returns undefined when
 * nothing was saved for that size, else `{ identical, details }`.
 */
function compareWithSaved(size, cmd) {
  if (!OUTPUTS.every((output) => fs.existsSync(expectedPath(size, output)))) return undefined;
  const workspace = path.join(WORKSPACES, size);
  const details = [];
  for (const output of OUTPUTS) {
    const expected = fs.readFileSync(expectedPath(size, output), 'utf8');
    const actual = runJson(cmd, output, workspace);
    if (actual === expected) continue;
    const expectedLines = expected.split('\n');
    const actualLines = actual.split('\n');
    let at = 0;
    while (at < expectedLines.length && expectedLines[at] === actualLines[at]) at++;
    details.push(`${output} --json differs from ${path.relative(ROOT, expectedPath(size, output))} at line ${at + 1}:\n` +
      `  expected: ${expectedLines[at] ?? '(end)'}\n  actual:   ${actualLines[at] ?? '(end)'}`);
  }
  return { identical: details.length === 0, details };
}

module.exports = { compareWithSaved };

if (require.main === module) {
  const argv = process.argv.slice(2);
  let sizes = ['1k', '10k'];
  let cmd = null;
  let saving = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') sizes = argv[++i].split(',').filter(Boolean);
    else if (argv[i] === '--cmd') cmd = argv[++i];
    else if (argv[i] === '--save') saving = true;
    else {
      console.error('usage: node bench/identity.js [--save] [--sizes 1k,10k] [--cmd "COMMAND"]');
      process.exit(2);
    }
  }
  let failed = false;
  for (const size of sizes) {
    if (!fs.existsSync(path.join(WORKSPACES, size))) {
      console.error(`identity.js: no workspace bench/workspaces/${size} (run bench/run.js or bench/generate.js first)`);
      process.exit(2);
    }
    if (saving) {
      save(size, cmd);
      continue;
    }
    const outcome = compareWithSaved(size, cmd);
    if (!outcome) {
      console.log(`${size}: no saved baseline (node bench/identity.js --save --sizes ${size})`);
      continue;
    }
    console.log(`${size}: check --json and refs --json ${outcome.identical ? 'identical to the saved baseline' : 'DIFFER from the saved baseline'}`);
    for (const detail of outcome.details) console.log(detail);
    if (!outcome.identical) failed = true;
  }
  process.exitCode = failed ? 1 : 0;
}
