#!/usr/bin/env node
'use strict';

// The long run of the session property (server/test/protocol/session.test.ts): many random
// sessions of edits and requests through the protocol, each compared with a fresh server on the
// final texts. `npm test` runs one short session.
//
//   node bench/session.js [--runs 20] [--edits 3000] [--seed N] [--no-build]
//
// It builds the server and the tests (unless --no-build), runs mocha on that test file alone with
// TORII_SESSION_RUNS / _EDITS / _SEED set, and prints the command that replays the run. Exit
// status: mocha's (0 when every session ended as a fresh server), 2 for bad arguments.

const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');

function parseArguments(argv) {
  const options = { runs: 20, edits: 3000, seed: undefined, build: true };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const number = () => {
      const value = Number(argv[++index]);
      if (!Number.isInteger(value) || value < 0) usage(`${argument} needs a non-negative integer`);
      return value;
    };
    if (argument === '--runs') options.runs = number();
    else if (argument === '--edits') options.edits = number();
    else if (argument === '--seed') options.seed = number();
    else if (argument === '--no-build') options.build = false;
    else if (argument === '--help' || argument === '-h') usage();
    else usage(`unknown argument ${argument}`);
  }
  options.seed ??= crypto.randomInt(1, 2 ** 31 - 1);
  return options;
}

function usage(message) {
  if (message) console.error(`session.js: ${message}`);
  console.error('usage: node bench/session.js [--runs N] [--edits N] [--seed N] [--no-build]');
  process.exit(message ? 2 : 0);
}

const options = parseArguments(process.argv.slice(2));
if (options.build) {
  for (const [command, args] of [[process.execPath, ['esbuild.js']], ['npx', ['tsc', '-p', 'tsconfig.test.json']]]) {
    const built = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
}
console.log(`session property: ${options.runs} sessions of ${options.edits} edits, seeds ${options.seed}…${options.seed + options.runs - 1}`);
const started = Date.now();
const env = { ...process.env, TORII_SESSION_RUNS: String(options.runs), TORII_SESSION_EDITS: String(options.edits), TORII_SESSION_SEED: String(options.seed) };
const mocha = spawnSync('npx', ['mocha', '--no-config', '--enable-source-maps', '--timeout', '0', 'out/server/test/protocol/session.test.js'], { cwd: ROOT, env, stdio: 'inherit' });
console.log(`${((Date.now() - started) / 1000).toFixed(1)} s; replay: node bench/session.js --runs ${options.runs} --edits ${options.edits} --seed ${options.seed}`);
process.exit(mocha.status ?? 1);
