#!/usr/bin/env node
'use strict';

// Reads a trace the server wrote with TORII_TRACE=FILE and says where each edit's time went: for
// every didChange, the time from reading it to writing the diagnostics of that version, and what
// the server did in between (requests answered, stretches the event loop was held). Then, over
// the whole trace, each request method's time (read → answer written) and the held stretches.
//
//   node bench/trace-summary.js FILE [--uri PART] [--edits N]
//
// --uri keeps the edits of documents whose URI contains PART; --edits N prints at most N edits.

const fs = require('fs');

const args = process.argv.slice(2);
const file = args.find((arg, at) => !arg.startsWith('--') && !(at > 0 && args[at - 1].startsWith('--')));
if (!file) {
  console.error('usage: node bench/trace-summary.js FILE [--uri PART] [--edits N]');
  process.exit(2);
}
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const uriPart = option('--uri', '');
const maxEdits = Number(option('--edits', '40'));

const events = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const t0 = events[0]?.t ?? 0;
const at = (t) => ((t - t0) / 1000).toFixed(3).padStart(8);

// Requests: read (with method) → written (the answer, same id).
const pending = new Map();
const requests = [];
for (const event of events) {
  if (event.e === 'r' && event.id !== undefined && event.method) pending.set(event.id, event);
  else if (event.e === 'w' && event.id !== undefined && !event.method && pending.has(event.id)) {
    const read = pending.get(event.id);
    pending.delete(event.id);
    requests.push({ method: read.method, read: read.t, written: event.t });
  }
}

const percentile = (values, p) => (values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] : NaN);
const ms = (value) => `${value.toFixed(1)} ms`;

// Edits and their diagnostics.
const edits = [];
for (let i = 0; i < events.length; i++) {
  const change = events[i];
  if (change.e !== 'r' || change.method !== 'textDocument/didChange' || !change.uri?.includes(uriPart)) continue;
  const published = events.slice(i + 1).find((event) => event.e === 'w' && event.method === 'textDocument/publishDiagnostics' && event.uri === change.uri && event.version === change.version);
  if (!published) continue;
  const between = events.filter((event) => event.t > change.t && event.t < published.t);
  edits.push({
    change,
    ms: published.t - change.t,
    // The loop held before the change was read shows as a late read: the stretch that ended it.
    heldBefore: events.slice(Math.max(0, i - 3), i).filter((event) => event.e === 'held').reduce((sum, event) => sum + event.ms, 0),
    held: between.filter((event) => event.e === 'held').reduce((sum, event) => sum + event.ms, 0),
    requests: requests.filter((request) => request.written > change.t && request.written < published.t),
  });
}

console.log(`${file}: ${events.length} events over ${((events[events.length - 1].t - t0) / 1000).toFixed(1)} s; ${edits.length} edits with their diagnostics`);
for (const edit of edits.slice(0, maxEdits)) {
  const answered = edit.requests.map((request) => `${request.method.replace(/^textDocument\//, '')} ${(request.written - request.read).toFixed(0)}`).join(', ');
  console.log(`${at(edit.change.t)}  v${edit.change.version}  ${ms(edit.ms).padStart(10)} to its diagnostics; held ${edit.held} ms between${edit.heldBefore ? `, ${edit.heldBefore} ms just before` : ''}${answered ? `; answered meanwhile: ${answered}` : ''}`);
}
if (edits.length) {
  const times = edits.map((edit) => edit.ms);
  console.log(`edits: read → diagnostics written p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}, max ${ms(Math.max(...times))}`);
}

const byMethod = new Map();
for (const request of requests) {
  if (!byMethod.has(request.method)) byMethod.set(request.method, []);
  byMethod.get(request.method).push(request.written - request.read);
}
console.log('requests, read → answer written:');
for (const [method, times] of [...byMethod].sort((a, b) => b[1].reduce((s, v) => s + v, 0) - a[1].reduce((s, v) => s + v, 0))) {
  console.log(`  ${method.padEnd(40)} ${String(times.length).padStart(6)}×  p50 ${ms(percentile(times, 0.5)).padStart(10)}  p95 ${ms(percentile(times, 0.95)).padStart(10)}  total ${ms(times.reduce((s, v) => s + v, 0)).padStart(11)}`);
}
const held = events.filter((event) => event.e === 'held');
console.log(`event loop held ≥ 20 ms: ${held.length} times, ${held.reduce((s, e) => s + e.ms, 0)} ms in all, longest ${held.length ? Math.max(...held.map((e) => e.ms)) : 0} ms`);
