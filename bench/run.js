#!/usr/bin/env node
'use strict';

// Benchmark of `torii check` on generated workspaces.
//
//   node bench/run.js [--sizes 1k,10k] [--runs 3] [--regen] [--timeout 600] [--cmd "COMMAND"]
//
// For each size it generates bench/workspaces/<size> if missing (bench/generate.js), then runs
// `node bin/torii.js check bench/workspaces/<size>` from the repository root --runs times and
// records wall time, CPU time and peak RSS. They come from GNU time (`/usr/bin/time -f '%e %M %U %S'`),
// or, without it, from polling VmHWM in /proc/<pid>/status. Exit status 1 from the check is
// expected (the workspaces contain dead links); 2, a signal or a timeout is a failed run.
//
// Before the runs of a size it measures the floor of that workspace (bench/floor.js: read,
// decode, split and regex-scan every note on one core, best of 3) and prints every time also as
// a multiple of it: the machine is shared and absolute times vary by a third between runs, the
// ratio much less. After the runs it compares `torii check --json` and `torii refs --json` with
// the baseline saved by bench/identity.js --save, when there is one (--no-identity skips it).
//
// Results go to the terminal and to bench/results.json. The targets (10,000 notes in at most
// 3 s and 300 MB) are reported as PASS or MISS; missing them does not fail the run.
// This script exits 0 unless a run failed or the output differs from the baseline (1), or its
// arguments were wrong (2).
//
// --cmd replaces `node bin/torii.js check`: the workspace folder is appended as the last
// argument and the string runs through /bin/sh (with exec, so the measured process is the
// command itself). Example: --cmd "node /tmp/torii/cli.js check".

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { measureFloor, withRatio } = require('./floor');
const { compareWithSaved } = require('./identity');
const { median } = require('./stats');

const ROOT = path.resolve(__dirname, '..');
const WORKSPACES = path.join(__dirname, 'workspaces');
const RESULTS = path.join(__dirname, 'results.json');
const GNU_TIME = '/usr/bin/time';
const MANIFEST = '.torii-bench.json';

// The targets apply to the 10,000-note workspace.
const TARGET_NOTES = 10000;
const TARGET_SECONDS = 3;
const TARGET_MEGABYTES = 300;

function usage(message) {
  if (message) console.error(`run.js: ${message}`);
  console.error('usage: node bench/run.js [--sizes 1k,10k] [--runs 3] [--regen] [--timeout SECONDS] [--cmd "COMMAND"] [--no-gnu-time] [--no-identity]');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { sizes: ['1k', '10k'], runs: 3, regen: false, timeout: 600, cmd: null, gnuTime: true, identity: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`missing value for ${a}`));
    if (a === '--sizes') args.sizes = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--runs') args.runs = Number(value());
    else if (a === '--regen') args.regen = true;
    else if (a === '--timeout') args.timeout = Number(value());
    else if (a === '--cmd') args.cmd = value();
    else if (a === '--no-gnu-time') args.gnuTime = false; // forces the /proc fallback (for testing it)
    else if (a === '--no-identity') args.identity = false;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) usage('--runs must be a positive integer');
  if (!(args.timeout > 0)) usage('--timeout must be a positive number of seconds');
  if (!args.sizes.length) usage('--sizes is empty');
  for (const s of args.sizes) notesForSize(s);
  return args;
}

// "1k" → 1000, "10k" → 10000, "2500" → 2500.
function notesForSize(label) {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(label);
  if (!m) usage(`bad size '${label}' (expected e.g. 1k, 10k or 2500)`);
  const notes = Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
  if (notes < 20) usage(`size '${label}' is too small (at least 20 notes)`);
  return notes;
}

// ------------------------------------------------------------------------------------------------
// Workspaces

function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
}

function ensureWorkspace(label, notes, regen) {
  const dir = path.join(WORKSPACES, label);
  const manifest = readManifest(dir);
  if (!regen && manifest && manifest.requestedNotes === notes) return { dir, manifest };
  console.log(`generating ${path.relative(ROOT, dir)} (${notes} notes)…`);
  const result = spawnSync(process.execPath, [path.join(__dirname, 'generate.js'), '--notes', String(notes), '--out', dir], {
    cwd: ROOT,
    stdio: 'inherit'
  });
  if (result.status !== 0) {
    console.error(`run.js: generating ${label} failed`);
    process.exit(1);
  }
  return { dir, manifest: readManifest(dir) };
}

// ------------------------------------------------------------------------------------------------
// Measuring one run

// The command as an argv, run from ROOT, with the workspace as its last argument.
function commandFor(args, workspaceArg) {
  if (args.cmd) return ['/bin/sh', '-c', `exec ${args.cmd} "$1"`, 'sh', workspaceArg];
  return [process.execPath, 'bin/torii.js', 'check', workspaceArg];
}

function describeCommand(args) {
  return args.cmd ? `${args.cmd} <workspace>` : 'node bin/torii.js check <workspace>';
}

function measure(argv, { useGnuTime, logPath, timeoutSeconds }) {
  return new Promise((resolve) => {
    const log = fs.openSync(logPath, 'w');
    const timeFile = path.join(os.tmpdir(), `torii-bench-time-${process.pid}-${Date.now()}.txt`);
    const fullArgv = useGnuTime ? [GNU_TIME, '-f', '%e %M %U %S', '-o', timeFile, ...argv] : argv;
    const started = process.hrtime.bigint();
    // Its own process group, so a timeout or Ctrl-C also ends the command under GNU time.
    const child = spawn(fullArgv[0], fullArgv.slice(1), { cwd: ROOT, stdio: ['ignore', log, log], detached: true });
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const onInterrupt = () => {
      killGroup();
      process.exit(130);
    };
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);

    // Without GNU time, poll the high-water mark of the child's resident set.
    let hwmKb = 0;
    let poller = null;
    if (!useGnuTime) {
      const statusPath = `/proc/${child.pid}/status`;
      const sample = () => {
        try {
          const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(statusPath, 'utf8'));
          if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
        } catch {
          // The process has exited (or /proc is missing): keep the last sample.
        }
      };
      sample();
      poller = setInterval(sample, 5);
    }

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutSeconds * 1000);

    const finish = (code, signal, spawnError) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      clearTimeout(timer);
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', onInterrupt);
      if (poller) clearInterval(poller);
      fs.closeSync(log);
      const run = { wallSeconds: round(wall, 3), exitCode: code, signal: signal || null, peakRssKb: null, rssSource: null, error: null };
      if (spawnError) run.error = spawnError.message;
      if (useGnuTime) {
        let text = '';
        try {
          text = fs.readFileSync(timeFile, 'utf8');
          fs.unlinkSync(timeFile);
        } catch {
          // GNU time did not get to write its report.
        }
        const lines = text.trim().split('\n');
        const last = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(lines[lines.length - 1] || '');
        if (last) {
          run.peakRssKb = Number(last[2]);
          run.rssSource = 'gnu-time';
          run.timeSeconds = Number(last[1]);
          // CPU time (user + system, all threads): less disturbed than wall time by other processes on the machine.
          run.cpuSeconds = round(Number(last[3]) + Number(last[4]), 2);
        }
        const killed = /Command terminated by signal (\d+)/.exec(text);
        if (killed) {
          run.signal = Number(killed[1]);
          run.exitCode = null;
        }
      } else if (hwmKb > 0) {
        run.peakRssKb = hwmKb;
        run.rssSource = 'proc-vmhwm';
      }
      if (timedOut) run.error = `timed out after ${timeoutSeconds} s`;
      run.ok = !run.error && run.signal === null && (run.exitCode === 0 || run.exitCode === 1);
      resolve(run);
    };
    let settled = false;
    child.on('error', (error) => {
      if (!settled) {
        settled = true;
        finish(null, null, error);
      }
    });
    child.on('close', (code, signal) => {
      if (!settled) {
        settled = true;
        finish(code, signal, null);
      }
    });
  });
}

// ------------------------------------------------------------------------------------------------
// Reporting

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function printTable(rows) {
  const header = ['size', 'notes', 'MB', 'runs', 'floor', 'wall min', 'wall median', '× floor (range)', 'CPU', 'peak RSS', 'exit', 'output', `≤ ${TARGET_SECONDS} s`, `≤ ${TARGET_MEGABYTES} MB`];
  const body = rows.map((r) => [
    r.size,
    String(r.notes),
    r.megabytes.toFixed(1),
    `${r.okRuns}/${r.runs.length}`,
    `${r.floorSeconds.toFixed(2)} s`,
    r.wallMinSeconds === null ? '-' : `${r.wallMinSeconds.toFixed(2)} s`,
    r.wallMedianSeconds === null ? '-' : `${r.wallMedianSeconds.toFixed(2)} s`,
    r.wallMedianOverFloor === null ? '-' : `${r.wallMedianOverFloor.toFixed(1)}× (${r.overFloorRange.map((x) => x.toFixed(1)).join('–')})`,
    r.cpuMedianSeconds === null ? '-' : `${r.cpuMedianSeconds.toFixed(2)} s`,
    r.peakRssMb === null ? '-' : `${r.peakRssMb.toFixed(0)} MB`,
    r.exitCodes.join(','),
    r.identical === null ? '-' : r.identical ? 'same' : 'DIFFERS',
    r.targets ? r.targets.time : '-',
    r.targets ? r.targets.memory : '-'
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  console.log('');
}

function gitCommit() {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

// ------------------------------------------------------------------------------------------------
// Main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.cmd && !fs.existsSync(path.join(ROOT, 'bin', 'torii.js'))) {
    console.error('run.js: bin/torii.js does not exist yet; build the CLI first, or measure a stand-in with --cmd "COMMAND"');
    process.exit(2);
  }
  const useGnuTime = args.gnuTime && fs.existsSync(GNU_TIME);
  if (!useGnuTime && !fs.existsSync('/proc/self/status')) {
    console.error('run.js: neither /usr/bin/time nor /proc is available: peak RSS will not be measured');
  }
  console.log(`command: ${describeCommand(args)}   (cwd ${ROOT})`);
  console.log(`peak RSS from: ${useGnuTime ? `${GNU_TIME} -f '%e %M %U %S'` : '/proc/<pid>/status VmHWM (polled)'}; ${args.runs} run(s) per size`);

  const rows = [];
  let failed = false;
  for (const size of args.sizes) {
    const notes = notesForSize(size);
    const { dir, manifest } = ensureWorkspace(size, notes, args.regen);
    const workspaceArg = path.relative(ROOT, dir);
    const logPath = path.join(WORKSPACES, `${size}-check.log`);
    const runs = [];
    for (let i = 0; i < args.runs; i++) {
      // The floor just before each run: on a shared machine the load changes from one minute to the next.
      const floor = measureFloor(dir);
      process.stdout.write(`${size}: run ${i + 1}/${args.runs}: floor ${withRatio(floor.seconds, 0)} (best of ${floor.passes.length}: ${floor.passes.map((s) => s.toFixed(2)).join(', ')} s); check `);
      const run = await measure(commandFor(args, workspaceArg), { useGnuTime, logPath, timeoutSeconds: args.timeout });
      run.floorSeconds = round(floor.seconds, 3);
      run.overFloor = round(run.wallSeconds / floor.seconds, 2);
      runs.push(run);
      const rss = run.peakRssKb === null ? '? MB' : `${(run.peakRssKb / 1024).toFixed(0)} MB`;
      const exit = run.signal !== null ? `signal ${run.signal}` : `exit ${run.exitCode}`;
      const cpu = run.cpuSeconds === undefined ? '' : ` (CPU ${run.cpuSeconds.toFixed(2)} s)`;
      console.log(`${withRatio(run.wallSeconds, run.floorSeconds)}${cpu}, ${rss}, ${exit}${run.ok ? '' : `  FAILED${run.error ? ': ' + run.error : ''}`}`);
      if (!run.ok) {
        failed = true;
        const lastLines = tail(logPath, 15);
        if (lastLines) console.log(`  last lines of ${path.relative(ROOT, logPath)}:\n${lastLines.replace(/^/gm, '    ')}`);
        break;
      }
    }
    const good = runs.filter((r) => r.ok);
    let identical = null;
    if (args.identity && !args.cmd && good.length === runs.length) {
      const outcome = compareWithSaved(size);
      if (outcome) {
        identical = outcome.identical;
        console.log(`${size}: check --json and refs --json ${identical ? 'identical to' : 'DIFFER from'} the saved baseline (bench/identity.js)`);
        for (const detail of outcome.details) console.log(detail);
        if (!identical) failed = true;
      }
    }
    const walls = good.map((r) => r.wallSeconds);
    const rssValues = good.map((r) => r.peakRssKb).filter((v) => v !== null);
    const row = {
      size,
      notes: manifest ? manifest.files : notes,
      bytes: manifest ? manifest.bytes : null,
      megabytes: manifest ? manifest.bytes / 1e6 : 0,
      references: manifest ? manifest.references.targets : null,
      workspace: workspaceArg,
      floorSeconds: good.length ? round(median(good.map((r) => r.floorSeconds)), 3) : 0,
      identical,
      runs,
      okRuns: good.length,
      exitCodes: [...new Set(runs.map((r) => (r.signal === null ? String(r.exitCode) : /^SIG/.test(String(r.signal)) ? String(r.signal) : `sig${r.signal}`)))],
      wallMinSeconds: walls.length ? Math.min(...walls) : null,
      wallMedianSeconds: walls.length ? round(median(walls), 3) : null,
      // The median of each run's own ratio to the floor measured just before it.
      wallMedianOverFloor: walls.length ? round(median(good.map((r) => r.overFloor)), 2) : null,
      overFloorRange: walls.length ? [Math.min(...good.map((r) => r.overFloor)), Math.max(...good.map((r) => r.overFloor))] : null,
      cpuMedianSeconds: good.some((r) => r.cpuSeconds !== undefined) ? round(median(good.map((r) => r.cpuSeconds ?? 0)), 2) : null,
      peakRssMb: rssValues.length ? round(Math.max(...rssValues) / 1024, 1) : null,
      log: path.relative(ROOT, logPath),
      targets: null
    };
    if (notes === TARGET_NOTES) {
      const timeOk = row.okRuns === runs.length && row.wallMedianSeconds !== null && row.wallMedianSeconds <= TARGET_SECONDS;
      const memoryOk = row.okRuns === runs.length && row.peakRssMb !== null && row.peakRssMb <= TARGET_MEGABYTES;
      row.targets = { time: timeOk ? 'PASS' : 'MISS', memory: memoryOk ? 'PASS' : 'MISS' };
    }
    rows.push(row);
  }

  printTable(rows);
  for (const r of rows) {
    if (!r.targets) continue;
    console.log(`targets for ${TARGET_NOTES} notes (${r.size}): ` +
      `time ${r.targets.time} (median ${r.wallMedianSeconds === null ? '-' : withRatio(r.wallMedianSeconds, r.floorSeconds)} vs ≤ ${TARGET_SECONDS} s), ` +
      `memory ${r.targets.memory} (peak ${r.peakRssMb === null ? '-' : r.peakRssMb.toFixed(0) + ' MB'} vs ≤ ${TARGET_MEGABYTES} MB)`);
  }
  if (!rows.some((r) => r.targets)) console.log(`(the targets apply to the 10k workspace: ${TARGET_NOTES} notes in ≤ ${TARGET_SECONDS} s and ≤ ${TARGET_MEGABYTES} MB)`);

  const results = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    command: describeCommand(args),
    cwd: ROOT,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0] ? `${os.cpus()[0].model} ×${os.cpus().length}` : null,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    rssSource: useGnuTime ? 'gnu-time %M' : 'proc VmHWM',
    targets: { notes: TARGET_NOTES, seconds: TARGET_SECONDS, megabytes: TARGET_MEGABYTES, timeMeasure: 'median wall', memoryMeasure: 'max peak RSS over runs' },
    sizes: rows
  };
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  if (failed) {
    console.log('some runs FAILED (exit status other than 0 or 1, a signal, a timeout, or output that differs from the baseline): see above');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
