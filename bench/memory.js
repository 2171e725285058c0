#!/usr/bin/env node
'use strict';

// What the index holds: the live heap (after full garbage collections) and the typed arrays
// outside it, once a folder is loaded as the server loads it (parse workers on) and once every
// note is checked, with the check's time and the process's peak RSS beside them.
//
//   node bench/memory.js [--size 10k] [--no-compile]
//
// The generated workspace comes from bench/generate.js (made when missing, like run.js does).
// The script compiles the TypeScript once (`tsc -p tsconfig.test.json`, as the unit tests do) and
// re-runs itself in a child with `--expose-gc`.

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'server', 'src');

async function measure(dir) {
  const { WorkspaceIndex } = require(path.join(OUT, 'core', 'index', 'workspaceIndex.js'));
  const { checkWorkspace } = require(path.join(OUT, 'core', 'features', 'check.js'));
  const { diskTextSource, listNoteFiles } = require(path.join(OUT, 'node', 'workspaceFiles.js'));
  const { readNotes } = require(path.join(OUT, 'node', 'readNotes.js'));
  // `arrayBuffers` counts only what this thread allocated: the compact notes a worker made are
  // counted by the worker's allocator. So the index's own buffers are also summed (`bufferBytes`).
  const collect = () => {
    global.gc();
    global.gc();
    const usage = process.memoryUsage();
    return `${(usage.heapUsed / 1e6).toFixed(1)} MB of heap and ${(usage.arrayBuffers / 1e6).toFixed(1)} MB of typed arrays allocated here; the index's buffers ${(index.bufferBytes() / 1e6).toFixed(1)} MB`;
  };
  const index = new WorkspaceIndex(diskTextSource(dir));
  const files = listNoteFiles(dir).files;
  let started = process.hrtime.bigint();
  await readNotes(dir, files, (file, outcome) => {
    if (outcome.kind === 'note') index.setCompactNote(outcome.compact, outcome.keys);
    else if (outcome.kind === 'parsed') index.setNoteText(file, outcome.text);
    else if (outcome.kind === 'skipped') index.setSkipped(file, outcome.message);
  }, { workerFile: path.join(ROOT, 'dist', 'parseWorker.js') });
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const afterLoad = collect();
  started = process.hrtime.bigint();
  checkWorkspace(index);
  const checkMs = Number(process.hrtime.bigint() - started) / 1e6;
  const afterCheck = collect();
  const peak = Number(fs.readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+)/)?.[1] ?? NaN) / 1024;
  console.log(`${path.basename(dir)}: ${files.length} notes`);
  console.log(`  loaded in ${loadMs.toFixed(0)} ms: live ${afterLoad}`);
  console.log(`  checked in ${checkMs.toFixed(0)} ms: live ${afterCheck}`);
  console.log(`  peak RSS of the process ${peak.toFixed(0)} MB`);
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return measure(args[1]).then(() => process.exit(0));
  const sizeAt = args.indexOf('--size');
  const size = sizeAt >= 0 ? args[sizeAt + 1] : '10k';
  const dir = path.join(__dirname, 'workspaces', size);
  if (!fs.existsSync(dir)) {
    const notes = size.endsWith('k') ? Number(size.slice(0, -1)) * 1000 : Number(size);
    const generated = spawnSync(process.execPath, [path.join(__dirname, 'generate.js'), '--notes', String(notes), '--out', dir], { stdio: 'inherit' });
    if (generated.status !== 0) process.exit(1);
  }
  if (!args.includes('--no-compile')) {
    const compiled = spawnSync('npx', ['tsc', '-p', 'tsconfig.test.json'], { cwd: ROOT, stdio: 'inherit' });
    if (compiled.status !== 0) process.exit(1);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'parseWorker.js'))) {
    console.error('memory.js: dist/parseWorker.js is missing; run npm run build');
    process.exit(1);
  }
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--child', dir], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

main();
