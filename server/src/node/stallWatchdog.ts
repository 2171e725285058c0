/**
 * A language server whose main thread never comes back (a loop that never ends, as the one the
 * long fuzz run found in the dead-section text search) answers nothing, uses a core fully, and
 * is never restarted: the editor restarts a server that exits, not one that hangs. This watchdog
 * turns a hang into an exit the editor sees and recovers from, with a line in the log that says
 * what the server was doing (the note it was checking, or the note a request was about).
 *
 * The main thread bumps a shared counter from a timer once a second; a worker thread reads it.
 * When it has not moved for `stallSeconds`, the worker writes the message straight to the
 * standard error's file descriptor (a worker's `process.stderr` goes through the main thread,
 * which is stuck) and kills the process. Nothing is lost: the notes are the editor's and the
 * disk's, and Torii writes none of them but through an edit the editor applies.
 */

import * as fs from 'fs';
import * as inspector from 'inspector';
import { Worker } from 'worker_threads';

export interface StallWatchdog {
  /** What the main thread is doing now, for the message if it gets stuck there. */
  doing(activity: string): void;
  /**
   * Where to leave a record of the activity the server got stuck in (JSON: `{ doing, at }`), so
   * that the server the editor starts next can steer clear of it (`readStallRecord`).
   */
  recordTo(file: string): void;
  stop(): Promise<void>;
}

/** What a stopped server was doing when it got stuck, as it left it in its record. */
export interface StallRecord {
  doing: string;
  at: number;
}

const ACTIVITY_BYTES = 1024;

const WATCHER = String.raw`
const { workerData, parentPort } = require('worker_threads');
const fs = require('fs');
const { beats, activity, stallSeconds, prefix } = workerData;
let recordFile;
parentPort.on('message', (message) => { recordFile = message.recordTo; });
const counter = new Int32Array(beats);
let last = -1;
let still = 0;
setInterval(() => {
  const now = Atomics.load(counter, 0);
  if (now !== last) { last = now; still = 0; return; }
  if (++still < stallSeconds) return;
  const bytes = new Uint8Array(activity);
  const end = bytes.indexOf(0);
  const doing = new TextDecoder().decode(bytes.slice(0, end < 0 ? bytes.length : end)) || 'starting';
  if (recordFile) {
    try { fs.writeFileSync(recordFile, JSON.stringify({ doing, at: Date.now() })); } catch {}
  }
  fs.writeSync(2, prefix + ' has not come back for ' + stallSeconds + ' s (a fault in Torii, not in your notes); the last thing it was doing: ' + doing + '. Stopping it so that the editor can start it again. Please report this, with that note if you can share it.\n');
  process.kill(process.pid, 'SIGKILL');
}, 1000);
`;

/**
 * Starts the watchdog, unless a debugger is attached (a breakpoint holds the thread on purpose)
 * or `stallSeconds` is 0.
 */
export function startStallWatchdog(stallSeconds: number, prefix = 'Torii: the language server'): StallWatchdog | undefined {
  if (!(stallSeconds > 0) || inspector.url() !== undefined) return undefined;
  const beats = new SharedArrayBuffer(4);
  const activity = new SharedArrayBuffer(ACTIVITY_BYTES);
  const counter = new Int32Array(beats);
  const worker = new Worker(WATCHER, { eval: true, workerData: { beats, activity, stallSeconds, prefix } });
  worker.unref();
  const beat = setInterval(() => Atomics.add(counter, 0, 1), 1000);
  beat.unref();
  const encoder = new TextEncoder();
  const bytes = new Uint8Array(activity);
  let current = '';
  return {
    doing(what: string): void {
      if (what === current) return;
      current = what;
      const { written } = encoder.encodeInto(what, bytes.subarray(0, ACTIVITY_BYTES - 1));
      bytes.fill(0, written);
    },
    recordTo(file: string): void {
      worker.postMessage({ recordTo: file });
    },
    async stop(): Promise<void> {
      clearInterval(beat);
      await worker.terminate();
    },
  };
}

/** The stall after which the server stops itself: `TORII_STALL_SECONDS` (0: never), 60 by default. */
export function stallSecondsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): number {
  const value = Number(environment.TORII_STALL_SECONDS ?? 60);
  return Number.isFinite(value) && value >= 0 ? value : 60;
}

/**
 * The record a stopped server left in `file`, if any, and the file removed: one server steers
 * clear of what got its predecessor stuck; if the same thing gets it stuck again (after an edit,
 * say), it leaves a record of its own.
 */
export function readStallRecord(file: string): StallRecord | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // A record that cannot be removed is read again next time: no worse than now.
  }
  try {
    const record = JSON.parse(text) as Partial<StallRecord>;
    return typeof record.doing === 'string' && typeof record.at === 'number' ? { doing: record.doing, at: record.at } : undefined;
  } catch {
    return undefined;
  }
}
