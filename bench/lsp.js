#!/usr/bin/env node
// Benchmarks the language server as a client sees it: initialize → diagnostics for every note,
// documentSymbol and definition latency (p50/p95), edit → diagnostics latency on the 74 KB note,
// and the server's peak RSS. Usage: node bench/lsp.js [--sizes 1k,10k] [--requests 200] [--edits 50] [--profile-dir DIR]
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const repo = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('--sizes', '1k,10k').split(',');
const requestCount = Number(option('--requests', '200'));
const editCount = Number(option('--edits', '50'));

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function listNotes(root) {
  const found = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

/** A deterministic sequence, so every run asks the same questions. */
function* numbers(seed) {
  let state = seed >>> 0;
  for (;;) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    yield ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

function peakRssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return NaN;
  }
}

async function benchSize(size) {
  const root = path.join(repo, 'bench', 'workspaces', size);
  if (!fs.existsSync(root)) {
    const notes = size.endsWith('k') ? Number(size.slice(0, -1)) * 1000 : Number(size);
    cp.execFileSync(process.execPath, [path.join(repo, 'bench', 'generate.js'), '--notes', String(notes), '--out', root], { stdio: 'inherit' });
  }
  const notes = listNotes(root);
  const profile = option('--profile-dir', undefined);
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const server = cp.spawn(process.execPath, [...nodeArgs, path.join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const published = new Set();
  const waiters = [];
  let allPublished;
  const allDone = new Promise((resolve) => (allPublished = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.add(params.uri);
    if (published.size >= notes.length) allPublished();
    for (const waiter of [...waiters]) if (waiter.uri === params.uri && params.version === waiter.version) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();

  const started = process.hrtime.bigint();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: size }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification('initialized', {});
  await allDone;
  const allDiagnosticsSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const afterLoad = await connection.sendRequest('torii/status');
  console.log(`${size}: after all diagnostics: heap used ${afterLoad.memory.heapUsedMb} MB, RSS ${afterLoad.memory.rssMb} MB`);

  // documentSymbol and definition on open notes, at 🗄 targets.
  const random = numbers(20241);
  const symbolTimes = [];
  const definitionTimes = [];
  for (let request = 0; request < requestCount; request++) {
    const file = notes[Math.floor(random.next().value * notes.length)];
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    let t = process.hrtime.bigint();
    await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    symbolTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => /🗄\uFE0F* `[^`]+` \S/.test(candidate));
    if (line >= 0) {
      const character = lines[line].indexOf('`') + 2;
      t = process.hrtime.bigint();
      await connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character } });
      definitionTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  // Edit → diagnostics on the big note: type a character at the end of a line, wait for its version.
  const big = path.join(root, 'big', 'big-note.md');
  const bigUri = pathToFileURL(big).href;
  const bigText = fs.readFileSync(big, 'utf8');
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: bigText } });
  const editTimes = [];
  const bigLines = bigText.split('\n');
  let line = 0;
  for (let edit = 0; edit < editCount; edit++) {
    const version = edit + 2;
    // Even edits type an `x` at the end of a random line; odd edits delete it again.
    if (edit % 2 === 0) line = Math.floor(random.next().value * bigLines.length);
    const end = bigLines[line].length;
    const change = edit % 2 === 0
      ? { range: { start: { line, character: end }, end: { line, character: end } }, text: 'x' }
      : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' };
    const arrived = new Promise((resolve) => waiters.push({ uri: bigUri, version, resolve }));
    const t = process.hrtime.bigint();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version }, contentChanges: [change] });
    await arrived;
    editTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const peak = peakRssMb(server.pid);
  await connection.sendRequest('shutdown');
  const exited = new Promise((resolve) => server.once('exit', resolve));
  await connection.sendNotification('exit');
  // Let the server exit by itself (a CPU profile is written on exit); kill it only if it does not.
  const timer = setTimeout(() => server.kill(), 10000);
  await exited;
  clearTimeout(timer);
  connection.dispose();
  return {
    size,
    notes: notes.length,
    allDiagnosticsSeconds,
    documentSymbolMs: { p50: percentile(symbolTimes, 50), p95: percentile(symbolTimes, 95) },
    definitionMs: { p50: percentile(definitionTimes, 50), p95: percentile(definitionTimes, 95) },
    editToDiagnosticsMs: { p50: percentile(editTimes, 50), p95: percentile(editTimes, 95) },
    peakRssMb: peak,
  };
}

(async () => {
  const results = [];
  for (const size of sizes) {
    const result = await benchSize(size);
    results.push(result);
    console.log(
      `${size}: ${result.notes} notes; all diagnostics ${result.allDiagnosticsSeconds.toFixed(2)} s; ` +
        `documentSymbol p50 ${result.documentSymbolMs.p50.toFixed(1)} ms p95 ${result.documentSymbolMs.p95.toFixed(1)} ms; ` +
        `definition p50 ${result.definitionMs.p50.toFixed(1)} ms p95 ${result.definitionMs.p95.toFixed(1)} ms; ` +
        `edit→diagnostics (74 KB note) p50 ${result.editToDiagnosticsMs.p50.toFixed(1)} ms p95 ${result.editToDiagnosticsMs.p95.toFixed(1)} ms; ` +
        `peak RSS ${result.peakRssMb.toFixed(0)} MB`,
    );
  }
  const tenK = results.find((result) => result.size === '10k');
  if (tenK) {
    const verdict = (ok) => (ok ? 'PASS' : 'MISS');
    console.log(`targets (10k): all diagnostics < 8 s ${verdict(tenK.allDiagnosticsSeconds < 8)}; edit→diagnostics p50 < 15 ms ${verdict(tenK.editToDiagnosticsMs.p50 < 15)}; peak RSS < 400 MB ${verdict(tenK.peakRssMb < 400)}`);
  }
  fs.writeFileSync(path.join(repo, 'bench', 'lsp-results.json'), JSON.stringify({ node: process.version, results }, null, 2) + '\n');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
