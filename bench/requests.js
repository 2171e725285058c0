#!/usr/bin/env node
'use strict';

// What an editor asks for after each keystroke in the 74 KB note, timed request by request: the
// note's diagnostics, then its outline, folding ranges, semantic tokens, code lenses, document
// links and the occurrences at the cursor, each asked (and awaited) once per keystroke, on a generated workspace the server has
// fully checked. Each keystroke types or deletes an `x` at the end of a line spread over the
// note, headings and 📚 lines among them (a heading that changes makes the lenses count again).
//
//   node bench/requests.js [--size 10k] [--keystrokes 30]
//
// The server is dist/server.js (`npm run build`); the workspace comes from bench/generate.js.

const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const size = option('--size', '10k');
const keystrokes = Number(option('--keystrokes', '30'));

(async () => {
  const root = path.join(__dirname, 'workspaces', size);
  if (!fs.existsSync(root)) {
    const notes = size.endsWith('k') ? Number(size.slice(0, -1)) * 1000 : Number(size);
    cp.execFileSync(process.execPath, [path.join(__dirname, 'generate.js'), '--notes', String(notes), '--out', root], { stdio: 'inherit' });
  }
  // Started as VS Code starts it (package.json `torii.serverNodeArgs`).
  const nodeArgs = require(path.join(__dirname, '..', 'package.json')).torii.serverNodeArgs;
  const server = cp.spawn(process.execPath, [...nodeArgs, path.join(__dirname, '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('window/logMessage', () => undefined);
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    for (const waiter of [...waiters]) {
      if (waiter.uri !== params.uri || waiter.version !== params.version) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: size }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
  });
  await connection.sendNotification('initialized', {});
  // Every note checked: each poll is a real round trip.
  for (;;) {
    const status = await connection.sendRequest('torii/status', {});
    if (status.folders[0]?.loaded && status.pendingChecks === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const big = path.join(root, 'big', 'big-note.md');
  const uri = pathToFileURL(big).href;
  const text = fs.readFileSync(big, 'utf8');
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const document = { textDocument: { uri } };
  const requests = {
    documentSymbol: 'textDocument/documentSymbol',
    foldingRange: 'textDocument/foldingRange',
    semanticTokens: 'textDocument/semanticTokens/full',
    codeLens: 'textDocument/codeLens',
    documentLink: 'textDocument/documentLink',
  };
  const times = { diagnostics: [] };
  for (const name of Object.keys(requests)) times[name] = [];
  times.documentHighlight = [];
  const lines = text.split('\n');
  for (let keystroke = 0; keystroke < keystrokes; keystroke++) {
    const version = keystroke + 2;
    // Even keystrokes type an `x`, odd ones delete it again.
    const line = Math.floor((Math.floor(keystroke / 2) * lines.length) / Math.ceil(keystrokes / 2));
    const end = lines[line].length;
    const change = keystroke % 2 === 0
      ? { range: { start: { line, character: end }, end: { line, character: end } }, text: 'x' }
      : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' };
    const arrived = new Promise((resolve) => waiters.push({ uri, version, resolve }));
    let started = process.hrtime.bigint();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await arrived;
    times.diagnostics.push(Number(process.hrtime.bigint() - started) / 1e6);
    for (const [name, method] of Object.entries(requests)) {
      started = process.hrtime.bigint();
      await connection.sendRequest(method, document);
      times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    // The occurrences at the cursor, which moved with the keystroke.
    started = process.hrtime.bigint();
    await connection.sendRequest('textDocument/documentHighlight', { ...document, position: { line, character: keystroke % 2 === 0 ? end + 1 : end } });
    times.documentHighlight.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  console.log(`${size}: ${keystrokes} keystrokes in big/big-note.md (${(text.length / 1024).toFixed(0)} KB), each followed by the requests an editor makes`);
  for (const [name, values] of Object.entries(times)) {
    values.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(16)} p50 ${values[Math.floor(values.length / 2)].toFixed(1).padStart(7)} ms   p95 ${values[Math.floor(values.length * 0.95)].toFixed(1).padStart(7)} ms   max ${values[values.length - 1].toFixed(1).padStart(7)} ms`);
  }
  server.kill();
  process.exit(0);
})();
