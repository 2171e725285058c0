#!/usr/bin/env node
// A scripted session against the language server on a generated workspace: edits every 20 ms
// across open notes (the 74 KB one among them), a request after each edit with every other one
// cancelled, a note rewritten on disk every 2 s, and the server's memory sampled every 10 s.
// Usage: node bench/load.js [--size 10k] [--seconds 60]
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter, CancellationTokenSource } = require('vscode-jsonrpc/node');

const repo = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const size = option('--size', '10k');
const seconds = Number(option('--seconds', '60'));
const generated = path.join(repo, 'bench', 'workspaces', size);

function listNotes(folder, found = []) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) listNotes(full, found);
    else if (entry.name.endsWith('.md')) found.push(full);
  }
  return found;
}

(async () => {
  if (!fs.existsSync(generated)) cp.execFileSync(process.execPath, [path.join(repo, 'bench', 'generate.js'), '--notes', String(Number(size.replace('k', '')) * 1000), '--out', generated], { stdio: 'inherit' });
  // The session writes notes on disk: work on a copy, so the generated workspace stays as generated.
  const root = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'torii-load-')), size);
  fs.cpSync(generated, root, { recursive: true });
  process.on('exit', () => fs.rmSync(path.dirname(root), { recursive: true, force: true }));
  const notes = listNotes(root).sort();
  // --expose-gc: torii/status then collects garbage before it measures, so the samples show live memory.
  const server = cp.spawn(process.execPath, ['--expose-gc', path.join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const published = new Set();
  const versionsByUri = new Map();
  let stale = 0;
  let allPublished;
  const ready = new Promise((resolve) => (allPublished = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.add(params.uri);
    if (published.size >= notes.length) allPublished();
    if (params.version !== undefined) {
      const last = versionsByUri.get(params.uri) ?? 0;
      if (params.version < last) stale++;
      versionsByUri.set(params.uri, Math.max(last, params.version));
    }
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: size }], capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
  await connection.sendNotification('initialized', {});
  await ready;
  const memory = [];
  const sample = async (label) => {
    const status = await connection.sendRequest('torii/status');
    memory.push({ label, heapMb: status.memory.heapUsedMb, rssMb: status.memory.rssMb });
  };
  await sample('after indexing');

  const open = [path.join(root, 'big', 'big-note.md'), ...notes.filter((_, index) => index % 500 === 7).slice(0, 19)];
  const texts = new Map(open.map((file) => [file, fs.readFileSync(file, 'utf8')]));
  const versions = new Map(open.map((file) => [file, 1]));
  for (const file of open) await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(file).href, languageId: 'markdown', version: 1, text: texts.get(file) } });

  const counts = { edits: 0, requests: 0, answered: 0, cancelled: 0, failed: 0, diskWrites: 0 };
  const pending = [];
  const started = Date.now();
  let nextSample = started + 10000;
  let nextDisk = started + 2000;
  while (Date.now() - started < seconds * 1000) {
    const file = open[counts.edits % open.length];
    const uri = pathToFileURL(file).href;
    const version = versions.get(file) + 1;
    versions.set(file, version);
    const lines = texts.get(file).split('\n');
    const line = (counts.edits * 37) % lines.length;
    const change = { range: { start: { line, character: lines[line].length }, end: { line, character: lines[line].length } }, text: ' x' };
    lines[line] += ' x';
    texts.set(file, lines.join('\n'));
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    counts.edits++;
    const source = new CancellationTokenSource();
    const method = counts.edits % 3 === 0 ? 'textDocument/hover' : counts.edits % 3 === 1 ? 'textDocument/completion' : 'textDocument/documentSymbol';
    counts.requests++;
    pending.push(connection.sendRequest(method, { textDocument: { uri }, position: { line, character: 2 } }, source.token).then(
      () => counts.answered++,
      (error) => (error.code === -32800 ? counts.cancelled++ : counts.failed++),
    ));
    if (counts.edits % 2 === 0) source.cancel();
    if (Date.now() > nextDisk) {
      nextDisk += 2000;
      const target = notes[(counts.diskWrites * 131 + 1) % notes.length];
      if (!open.includes(target)) {
        fs.appendFileSync(target, '\n* _load_: written on disk by bench/load.js');
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(target).href, type: 2 }] });
        counts.diskWrites++;
      }
    }
    if (Date.now() > nextSample) {
      nextSample += 10000;
      await sample(`${Math.round((Date.now() - started) / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await Promise.all(pending);
  // Every open note ends with diagnostics for its last version.
  for (const file of open) {
    const uri = pathToFileURL(file).href;
    while ((versionsByUri.get(uri) ?? 0) < versions.get(file)) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await sample('end');
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  server.kill();
  console.log(`${size}, ${seconds} s: ${counts.edits} edits (${(counts.edits / seconds).toFixed(0)}/s) on ${open.length} open notes, ${counts.requests} requests: ${counts.answered} answered, ${counts.cancelled} cancelled, ${counts.failed} failed; ${counts.diskWrites} notes changed on disk; stale publications: ${stale}`);
  console.log(`memory: ${memory.map((m) => `${m.label} ${m.heapMb}/${m.rssMb} MB`).join(' · ')} (heap/RSS)`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
