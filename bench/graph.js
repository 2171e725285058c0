#!/usr/bin/env node
// Benchmarks `torii/graph` as the graph view asks for it: the whole collection and local graphs
// (1 and 2 hops), once every note's diagnostics are out (the state a user opens the graph in):
// the first request, the request after an edit that changes a note's links, and an unchanged one.
// Beside it, in the same run, two floors: reading every note from disk (the least any graph of
// the collection could cost if built from the files) and a `torii/status` round trip (the
// protocol's own cost). Usage: node bench/graph.js [--size 10k] [--runs 15]
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const { percentile } = require('./stats');

const repo = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const size = option('--size', '10k');
const runs = Number(option('--runs', '15'));

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

const milliseconds = (since) => Number(process.hrtime.bigint() - since) / 1e6;
/** CPU time a process has used (user + system), in ms, from /proc: a shared, busy machine slows the wall clock far more than this. */
const ticksPerSecond = Number(cp.execSync('getconf CLK_TCK').toString().trim()) || 100;
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const summary = (times) => `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms`;

async function main() {
  const root = path.join(repo, 'bench', 'workspaces', size);
  if (!fs.existsSync(root)) {
    const count = size.endsWith('k') ? Number(size.slice(0, -1)) * 1000 : Number(size);
    cp.execFileSync(process.execPath, [path.join(repo, 'bench', 'generate.js'), '--notes', String(count), '--out', root], { stdio: 'inherit' });
  }
  const notes = listNotes(root);
  const server = cp.spawn(process.execPath, [path.join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
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
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: size }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification('initialized', {});
  await allDone;

  let shape = '';
  let payloadBytes = 0;
  const describe = (graph) => {
    const placeholders = graph.folder.filter((folder) => folder < 0).length;
    const orphans = graph.incoming.filter((count, at) => count === 0 && graph.folder[at] >= 0).length;
    const dead = graph.edgeCount.filter((count) => count < 0).length;
    payloadBytes = JSON.stringify(graph).length;
    shape = `${graph.paths.length} nodes (${placeholders} placeholders, ${orphans} orphans), ${graph.edgeTarget.length} edges (${dead} dead), ${graph.folders.length} top folders`;
  };
  // The first graph after indexing: every note's links are summed, nothing is made yet.
  const firstCpuBefore = cpuMs(server.pid);
  let started = process.hrtime.bigint();
  describe(await connection.sendRequest('torii/graph', {}));
  const firstMs = milliseconds(started);
  const firstCpu = cpuMs(server.pid) - firstCpuBefore;

  // Each run: the floors, then an edit that adds or removes a reference (the graph must be made
  // again), then the same request unchanged. Interleaved, so a busy neighbour slows all alike.
  const readTimes = [];
  const readCpu = [];
  const statusTimes = [];
  const editedTimes = [];
  const editedCpu = [];
  const unchangedCpu = [];
  const unchangedTimes = [];
  const parseTimes = [];
  let readBytes = 0;
  const edited = notes[Math.floor(notes.length / 2)];
  const editedUri = pathToFileURL(edited).href;
  const original = fs.readFileSync(edited, 'utf8');
  const otherName = path.basename(notes[Math.floor(notes.length / 3)]);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: editedUri, languageId: 'markdown', version: 1, text: original } });
  for (let run = 0; run < runs; run++) {
    started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    readBytes = 0;
    for (const file of notes) readBytes += fs.readFileSync(file).length;
    readTimes.push(milliseconds(started));
    const cpuSpent = process.cpuUsage(cpuBefore);
    readCpu.push((cpuSpent.user + cpuSpent.system) / 1000);
    started = process.hrtime.bigint();
    await connection.sendRequest('torii/status');
    statusTimes.push(milliseconds(started));
    const version = run + 2;
    const text = run % 2 === 0 ? `${original}\n🗄 \`${otherName}\`\n` : original;
    const published = new Promise((resolve) => waiters.push({ uri: editedUri, version, resolve }));
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: editedUri, version }, contentChanges: [{ text }] });
    await published;
    let serverCpu = cpuMs(server.pid);
    started = process.hrtime.bigint();
    const graph = await connection.sendRequest('torii/graph', {});
    editedTimes.push(milliseconds(started));
    editedCpu.push(cpuMs(server.pid) - serverCpu);
    serverCpu = cpuMs(server.pid);
    started = process.hrtime.bigint();
    await connection.sendRequest('torii/graph', {});
    unchangedTimes.push(milliseconds(started));
    unchangedCpu.push(cpuMs(server.pid) - serverCpu);
    const json = JSON.stringify(graph);
    started = process.hrtime.bigint();
    JSON.parse(json);
    parseTimes.push(milliseconds(started));
  }
  const localTimes = { 1: [], 2: [] };
  const localSizes = { 1: [], 2: [] };
  for (let run = 0; run < runs; run++) {
    const uri = pathToFileURL(notes[(run * 7919) % notes.length]).href;
    for (const hops of [1, 2]) {
      started = process.hrtime.bigint();
      const graph = await connection.sendRequest('torii/graph', { uri, hops });
      localTimes[hops].push(milliseconds(started));
      localSizes[hops].push(graph.paths.length);
    }
  }
  console.log(`torii/graph on ${size} (${notes.length} notes, ${(readBytes / 1e6).toFixed(1)} MB), ${runs} runs each, after every note's diagnostics:`);
  console.log(`  graph: ${shape}; ${(payloadBytes / 1e6).toFixed(2)} MB of JSON`);
  console.log(`  whole collection, first request     ${firstMs.toFixed(1)} ms (server CPU ${firstCpu.toFixed(0)} ms)`);
  console.log(`  whole collection, after an edit     ${summary(editedTimes)} (server CPU, mean ${mean(editedCpu).toFixed(0)} ms)`);
  console.log(`  whole collection, unchanged         ${summary(unchangedTimes)} (server CPU, mean ${mean(unchangedCpu).toFixed(0)} ms)`);
  console.log(`  local, 1 hop (a new note each time) ${summary(localTimes[1])}  (median ${percentile(localSizes[1], 50)} nodes)`);
  console.log(`  local, 2 hops                       ${summary(localTimes[2])}  (median ${percentile(localSizes[2], 50)} nodes)`);
  console.log(`  floor: read every note              ${summary(readTimes)} (CPU, mean ${mean(readCpu).toFixed(0)} ms)`);
  console.log(`  floor: torii/status round trip      ${summary(statusTimes)}`);
  console.log(`  client: JSON.parse of the graph     ${summary(parseTimes)}`);
  const worst = Math.max(firstMs, percentile(editedTimes, 50));
  console.log(`  target ≤ 300 ms (first request and p50 after an edit), wall clock: ${worst <= 300 ? 'met' : 'MISS'}; server CPU: ${Math.max(firstCpu, mean(editedCpu)) <= 300 ? 'met' : 'MISS'}`);
  console.log(`  machine load (1-minute average) at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]} on ${require('os').cpus().length} cores`);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  server.kill();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
