/**
 * A watchdog for the long fuzz run (`bench/fuzz.js`): a case that never ends (an endless loop in
 * the code under test) cannot be interrupted by mocha or fast-check, since it never yields. A
 * worker thread watches a counter the properties bump before each case; when it stops moving for
 * `stallSeconds`, the worker connects to the main thread's inspector, pauses it, prints where it
 * is (the stack, and the local values of the test's own frames: the case being run) and ends
 * the process (SIGTERM), so that the run fails instead of hanging. The seventh session's run found such a loop (a text search stepping
 * back into a surrogate pair) only because someone noticed the run had not ended.
 */

import * as inspector from 'inspector';
import { Worker } from 'worker_threads';

export interface Watchdog {
  /** Called before each case: the run is moving. */
  beat(): void;
  /** What the properties are running, for the report. */
  label(name: string): void;
  stop(): Promise<void>;
}

/**
 * The worker: plain JavaScript, run from a string so that it needs no file of its own. It speaks
 * to the main thread's inspector over its WebSocket (opened by `startWatchdog` on a port of
 * 127.0.0.1 chosen by the system): the in-process `Session.connectToMainThread` waits for the
 * main thread to take its messages, which a stuck thread never does, while the inspector's own
 * thread interrupts it. Node 20 has no WebSocket client, so a minimal one is written here.
 */
const WATCHER = String.raw`
const { workerData } = require('worker_threads');
const fs = require('fs');
const http = require('http');
const crypto = require('crypto');
const { beats, stallSeconds, labels, url } = workerData;
const counter = new Int32Array(beats);
let last = -1;
let still = 0;
const timer = setInterval(() => {
  const now = Atomics.load(counter, 0);
  if (now !== last) { last = now; still = 0; return; }
  still += 1;
  if (still < stallSeconds) return;
  clearInterval(timer);
  report().catch((error) => finish(['  (could not read the stack: ' + error.message + ')']));
}, 1000);

const lines = [];
function finish(more) {
  // Straight to the file descriptor: a worker's process.stderr goes through the main thread, stuck.
  fs.writeSync(2, lines.concat(more).join('\n') + '\n');
  process.kill(process.pid, 'SIGTERM');
}

/** A WebSocket to the inspector: send(method, params) → result; on(event, handler). */
function connect() {
  return new Promise((resolve, reject) => {
    const request = http.request(url.replace(/^ws:/, 'http:'), { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64') } });
    request.on('error', reject);
    request.on('upgrade', (response, socket) => {
      let id = 0;
      const waiting = new Map();
      const handlers = new Map();
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          if (buffer.length < 2) return;
          let length = buffer[1] & 0x7f;
          let offset = 2;
          if (length === 126) { if (buffer.length < 4) return; length = buffer.readUInt16BE(2); offset = 4; }
          else if (length === 127) { if (buffer.length < 10) return; length = Number(buffer.readBigUInt64BE(2)); offset = 10; }
          if (buffer.length < offset + length) return;
          const message = JSON.parse(buffer.subarray(offset, offset + length).toString('utf8'));
          buffer = buffer.subarray(offset + length);
          if (message.id !== undefined && waiting.has(message.id)) {
            const { resolve: done, reject: fail } = waiting.get(message.id);
            waiting.delete(message.id);
            if (message.error) fail(new Error(message.error.message)); else done(message.result);
          } else if (handlers.has(message.method)) handlers.get(message.method)(message.params);
        }
      });
      const send = (method, params = {}) => new Promise((done, fail) => {
        const payload = Buffer.from(JSON.stringify({ id: ++id, method, params }));
        const mask = crypto.randomBytes(4);
        const head = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
        for (let index = 0; index < payload.length; index++) payload[index] ^= mask[index % 4];
        waiting.set(id, { resolve: done, reject: fail });
        socket.write(Buffer.concat([head, mask, payload]));
      });
      resolve({ send, on: (event, handler) => handlers.set(event, handler) });
    });
    request.end();
  });
}

async function report() {
  const name = new TextDecoder().decode(new Uint8Array(labels)).replace(/\0+$/, '');
  lines.push('', '[fuzz watchdog] no new case for ' + stallSeconds + ' s in "' + name + '": the main thread is stuck. Where it is:');
  const inspector = await connect();
  const scripts = new Map();
  inspector.on('Debugger.scriptParsed', (script) => scripts.set(script.scriptId, script.url));
  const paused = new Promise((resolve) => inspector.on('Debugger.paused', resolve));
  await inspector.send('Debugger.enable');
  await inspector.send('Debugger.pause');
  const { callFrames } = await paused;
  for (const frame of callFrames) frame.url = scripts.get(frame.location.scriptId) || frame.url || '?';
  for (const frame of callFrames.slice(0, 25)) lines.push('    at ' + (frame.functionName || '(anonymous)') + ' ' + frame.url + ':' + (frame.location.lineNumber + 1) + ':' + (frame.location.columnNumber + 1));
  // The innermost frame of the test file is the property's predicate: its locals are the case.
  for (const frame of callFrames.filter((candidate) => /properties\.test\.js$/.test(candidate.url)).slice(0, 1)) {
    const local = frame.scopeChain.find((scope) => scope.type === 'local');
    if (!local) continue;
    const { result } = await inspector.send('Runtime.getProperties', { objectId: local.object.objectId, ownProperties: true });
    const names = result.map((property) => property.name).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
    const expression = 'JSON.stringify({' + names.join(', ') + '}, (key, value) => value instanceof Map ? [...value] : value).slice(0, 4000)';
    const evaluated = await inspector.send('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression, returnByValue: true });
    lines.push('  the case (locals of the property at line ' + (frame.location.lineNumber + 1) + ' of ' + frame.url + '): ' + (evaluated.result.value ?? evaluated.result.description));
  }
  finish([]);
}
`;

export function startWatchdog(stallSeconds: number): Watchdog {
  const beats = new SharedArrayBuffer(4);
  const labels = new SharedArrayBuffer(256);
  const counter = new Int32Array(beats);
  if (!inspector.url()) inspector.open(0, '127.0.0.1');
  const worker = new Worker(WATCHER, { eval: true, workerData: { beats, stallSeconds, labels, url: inspector.url() } });
  worker.unref();
  return {
    beat: () => void Atomics.add(counter, 0, 1),
    label: (name) => {
      const bytes = new Uint8Array(labels);
      bytes.fill(0);
      bytes.set(new TextEncoder().encode(name).subarray(0, bytes.length));
      Atomics.add(counter, 0, 1);
    },
    stop: async () => {
      await worker.terminate();
      inspector.close();
    },
  };
}
