#!/usr/bin/env node
'use strict';

// The long fuzz run: the property-based tests of server/test/unit/properties.test.ts with many
// more cases and a fresh random seed.
//
//   node bench/fuzz.js [--runs 100000] [--index-runs 100000] [--seed N] [--stall 120] [--no-compile]
//
// --runs        cases per parse property (a, b, c, f; e, g, h, i, j, k run a quarter as many workspaces)
// --index-runs  operation sequences for the incremental-index property (d) and the rechecks
//               property (l), which are slower
// --seed        base seed (default: random; each property adds its own offset 1–5)
// --stall       seconds without a new case before the run is taken as stuck (default 120): a
//               watchdog thread then prints where the main thread is and the case it runs,
//               and ends the run (server/test/unit/fuzzWatchdog.ts; it opens the inspector on a
//               port of 127.0.0.1 for the run, hence the "Debugger listening" line)
//
// It compiles the tests (npx tsc -p tsconfig.test.json, unless --no-compile), prints the seed
// and the case counts, runs mocha on out/server/test/unit/properties.test.js only, and prints
// the time and the command that replays the same run. fast-check prints every failure with its
// shrunk counterexample and the seed/path to replay it. Exit status: mocha's (0 when every
// property held), 2 for bad arguments.

const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const TEST = 'out/server/test/unit/properties.test.js';

function parseArguments(argv) {
  const options = { runs: 100000, indexRuns: 100000, seed: undefined, stall: 120, compile: true };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const number = () => {
      const value = Number(argv[++index]);
      if (!Number.isInteger(value) || value < 0) usage(`${argument} needs a non-negative integer`);
      return value;
    };
    if (argument === '--runs') options.runs = number();
    else if (argument === '--index-runs') options.indexRuns = number();
    else if (argument === '--seed') options.seed = number();
    else if (argument === '--stall') options.stall = number();
    else if (argument === '--no-compile') options.compile = false;
    else if (argument === '--help' || argument === '-h') usage();
    else usage(`unknown argument ${argument}`);
  }
  if (options.seed === undefined) options.seed = crypto.randomInt(0, 2 ** 31 - 6);
  return options;
}

function usage(problem) {
  if (problem) console.error(`fuzz: ${problem}`);
  console.error('usage: node bench/fuzz.js [--runs 100000] [--index-runs 100000] [--seed N] [--stall 120] [--no-compile]');
  process.exit(problem ? 2 : 0);
}

const options = parseArguments(process.argv.slice(2));

if (options.compile) {
  const compiled = spawnSync('npx', ['tsc', '-p', 'tsconfig.test.json'], { cwd: ROOT, stdio: 'inherit' });
  if (compiled.status !== 0) {
    console.error('fuzz: the tests do not compile');
    process.exit(compiled.status ?? 1);
  }
}

console.log(`torii fuzz: seed ${options.seed}`);
console.log(`  parse properties (a, b, c, f): ${options.runs} cases each; workspace properties (e, g, h, i, j, k): ${Math.max(1, Math.round(options.runs / 4))} workspaces each; incremental index (d): ${options.indexRuns} operation sequences`);
console.log(`  started ${new Date().toISOString()}`);

const started = Date.now();
const result = spawnSync(process.execPath, [require.resolve('mocha/bin/mocha.js', { paths: [ROOT] }), '--no-config', '--enable-source-maps', '--timeout', '0', TEST], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, TORII_FUZZ_SEED: String(options.seed), TORII_FUZZ_RUNS: String(options.runs), TORII_FUZZ_INDEX_RUNS: String(options.indexRuns), TORII_FUZZ_STALL_SECONDS: String(options.stall) },
});
const seconds = (Date.now() - started) / 1000;
const status = result.status ?? 1;

console.log(`torii fuzz: ${status === 0 ? 'every property held' : 'FAILED (counterexamples above)'} in ${seconds.toFixed(1)} s (seed ${options.seed})`);
console.log(`  replay: TORII_FUZZ_SEED=${options.seed} TORII_FUZZ_RUNS=${options.runs} TORII_FUZZ_INDEX_RUNS=${options.indexRuns} npx mocha --no-config --enable-source-maps --timeout 0 ${TEST}`);
process.exit(status);
