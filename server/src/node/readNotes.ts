/**
 * Reading and parsing many notes at once, on worker threads. Parsing is per note and
 * independent, so the notes of a folder are parsed by a small pool of workers
 * (`parseWorker.ts`), each returning a note in compact form (`compactNote.ts`) with its anchors'
 * lookup keys, in two buffers (`packBuffers`), transferred, not copied. The calling thread puts
 * them in the index in listing order, so that the index comes out exactly as if it had parsed
 * them itself, and parses notes itself whenever it would otherwise wait.
 *
 * Nothing is lost when a worker fails: a worker that dies, or stops answering, has its notes
 * given to the others or parsed by the calling thread, and a note a worker cannot encode is
 * parsed by the calling thread. A file that vanishes between listing and reading is `missing`,
 * as it is without workers.
 *
 * Two drivers share the work loop: `readNotesSync` for the command-line checker (it blocks on
 * `Atomics.wait` between results) and `readNotes` for the language server (it awaits, and lets
 * requests in between).
 */

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import { parseNote } from '../core/syntax/parseNote';
import { encodeNote, type CompactNote } from '../core/index/compactNote';
import { computeNoteAuthors, computeNoteKeys, writtenNoteNames, type NoteKeys } from '../core/index/noteKeys';
import { readNoteFile } from './workspaceFiles';

/** What reading one listed file gave. */
export type NoteOutcome =
  | { kind: 'note'; compact: CompactNote; keys: NoteKeys; stamp?: string }
  /** A note that the compact form cannot hold: the index keeps it as parsed. */
  | { kind: 'parsed'; text: string; stamp?: string }
  | { kind: 'skipped'; message: string; severity?: 'information'; stamp?: string }
  | { kind: 'missing' };

/** A job for a worker: files to read under `root`, by their index in the listing. */
export interface ParseJob {
  root: string;
  files: Array<{ index: number; path: string }>;
}

/**
 * What a worker sends back: one outcome per file of a job (`retry` asks the calling thread to
 * read the file itself), or, once, word that it has started.
 */
export interface ParseResult {
  ready?: true;
  outcomes: Array<{ index: number; outcome: NoteOutcome | { kind: 'retry' } }>;
}

/** Who read the files: how many notes came from workers, how many were read on the calling thread, how many workers were lost. */
export interface ReadStatistics {
  byWorkers: number;
  here: number;
  /** Outcomes given as known (`ReadOptions.known`), not read. */
  known: number;
  workersLost: number;
}

/**
 * What a worker does with one job: each note read, parsed and encoded, and the buffers to
 * transfer with the result. A note the compact form cannot hold is left to the calling thread
 * (`retry`), which keeps it as parsed.
 */
export function runParseJob(job: ParseJob): { result: ParseResult; transfer: ArrayBuffer[] } {
  const result: ParseResult = { outcomes: [] };
  const transfer: ArrayBuffer[] = [];
  for (const { index, path: file } of job.files) {
    let outcome: NoteOutcome;
    try {
      outcome = readNoteOutcome(job.root, file);
    } catch {
      result.outcomes.push({ index, outcome: { kind: 'retry' } });
      continue;
    }
    if (outcome.kind === 'parsed') {
      result.outcomes.push({ index, outcome: { kind: 'retry' } });
      continue;
    }
    if (outcome.kind === 'note') {
      transfer.push(outcome.compact.data.buffer as ArrayBuffer, outcome.keys.strong.buffer as ArrayBuffer);
    }
    result.outcomes.push({ index, outcome });
  }
  return { result, transfer };
}

/**
 * Puts a note's bytes, anchors and lookup rows in one buffer, as views of it: the index keeps
 * them as long as it keeps the note, and each buffer of its own costs some 300 bytes besides its
 * contents (its objects and the allocator's share). The strong fingerprints stay apart: the
 * strong-key table copies them into its own and lets them go.
 */
export function packBuffers(compact: CompactNote, keys: NoteKeys): void {
  const dataBytes = (compact.data.length + 3) & ~3;
  const anchorInts = compact.anchors?.length ?? 0;
  const buffer = new ArrayBuffer(dataBytes + 4 * (anchorInts + keys.rows.length));
  const data = new Uint8Array(buffer, 0, compact.data.length);
  data.set(compact.data);
  compact.data = data;
  if (compact.anchors) {
    const anchors = new Int32Array(buffer, dataBytes, anchorInts);
    anchors.set(compact.anchors);
    compact.anchors = anchors;
  }
  const rows = new Int32Array(buffer, dataBytes + 4 * anchorInts, keys.rows.length);
  rows.set(keys.rows);
  keys.rows = rows;
}

/** Reads, decodes and parses one note, as a worker does. */
export function readNoteOutcome(root: string, relativePath: string): NoteOutcome {
  // The stamp comes with the stat taken anyway, for the index cache.
  const outcome = readNoteFile(root, relativePath, { stamp: true, listed: true });
  if (outcome.kind !== 'text') return outcome;
  const note = parseNote(relativePath, outcome.text);
  try {
    const compact = encodeNote(note);
    const keys: NoteKeys = { ...computeNoteKeys(note.anchors), authors: computeNoteAuthors(note), written: writtenNoteNames(note) };
    packBuffers(compact, keys);
    return { kind: 'note', compact, keys, stamp: outcome.stamp };
  } catch {
    return { kind: 'parsed', text: outcome.text, stamp: outcome.stamp };
  }
}

export interface ReadOptions {
  /** How many workers (default: one per core but one, at most 4); 0 reads everything on the calling thread. */
  workers?: number;
  /** Below this many files no worker is started: starting one costs more than it saves. */
  minFilesForWorkers?: number;
  /** The worker script (tests give one that fails on purpose). */
  workerFile?: string;
  /** How long a worker with work may say nothing before it is taken for dead (default 5 s). */
  silentWorkerMs?: number;
  /**
   * Whether the calling thread reads files itself while it waits (default true). Tests turn it
   * off so that the workers get the work; with every worker gone it reads them anyway.
   */
  shareWork?: boolean;
  /**
   * Outcomes already known, by index in `files` (from the index cache), made when their turn
   * comes: those files are not read, unless making the outcome throws.
   */
  known?: ReadonlyArray<(() => NoteOutcome) | undefined>;
  onProgress?: (done: number, total: number) => void;
}

const WORKER_FILE = path.join(__dirname, 'parseWorker.js');
/**
 * Below this many files the calling thread reads them alone: a real collection of a few hundred
 * notes parses in less time than two workers take to start (they also start late on a loaded machine).
 */
const MIN_FILES_FOR_WORKERS = 256;
/** Files per job: small enough that the notes come back in order and evenly, large enough to cost few messages. */
const JOB_SIZE = 8;
/** Jobs a worker holds at once: the next is there when it finishes one. */
const JOBS_PER_WORKER = 2;
/** Outcomes put in the index per round of the work loop, at most. */
const CONSUME_PER_STEP = 64;
/** A worker that has work and says nothing for this long is taken for dead, and its work is done elsewhere. */
const SILENT_WORKER_MS = 5_000;

/**
 * One worker per core but one, at least one and at most 4: the calling thread parses too. On two
 * cores a second worker only added its own warm-up (each thread compiles the parser anew) and a
 * third thread to share the two cores. `TORII_WORKERS=N` sets the number (0: none), for measuring.
 */
function defaultWorkerCount(): number {
  const set = Number(process.env.TORII_WORKERS);
  if (process.env.TORII_WORKERS !== undefined && Number.isInteger(set) && set >= 0) return set;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores - 1, 4));
}

interface PoolWorker {
  id: number;
  worker: Worker;
  port: MessagePort;
  jobs: ParseJob[];
  /** Started and waiting for work: no job is given before, so the calling thread is never kept waiting on a worker still loading. */
  ready: boolean;
  alive: boolean;
  lastHeard: number;
}

/**
 * The work loop: hands jobs to workers, collects their results, reads files itself when it
 * would otherwise wait, and gives `consume` every outcome in listing order.
 */
class NoteReader {
  /** Outcomes ready to consume: known ones (`ReadOptions.known`) are made when consumed. */
  private readonly outcomes: Array<NoteOutcome | (() => NoteOutcome) | undefined>;
  /** Files nobody has taken yet, in listing order. */
  private readonly queue: number[];
  private readonly workers: PoolWorker[] = [];
  /** Bumped by a worker after each message it posts, so the reader can sleep until one comes. */
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private nextToConsume = 0;
  private readonly silentWorkerMs: number;
  private readonly shareWork: boolean;
  readonly statistics: ReadStatistics = { byWorkers: 0, here: 0, known: 0, workersLost: 0 };

  constructor(
    private readonly root: string,
    private readonly files: readonly string[],
    private readonly consume: (file: string, outcome: NoteOutcome) => void,
    options: ReadOptions,
  ) {
    this.outcomes = new Array(files.length);
    this.queue = [];
    for (let index = 0; index < files.length; index++) {
      const known = options.known?.[index];
      if (known) this.outcomes[index] = known;
      else this.queue.push(index);
    }
    this.statistics.known = files.length - this.queue.length;
    this.silentWorkerMs = options.silentWorkerMs ?? SILENT_WORKER_MS;
    this.shareWork = options.shareWork ?? true;
    const count = this.queue.length >= (options.minFilesForWorkers ?? MIN_FILES_FOR_WORKERS) ? (options.workers ?? defaultWorkerCount()) : 0;
    const workerFile = options.workerFile ?? WORKER_FILE;
    if (count > 0 && fs.existsSync(workerFile)) for (let id = 0; id < count; id++) this.startWorker(id, workerFile);
  }

  get done(): boolean {
    return this.nextToConsume >= this.files.length;
  }

  /** How many outcomes `consume` has had. */
  get consumed(): number {
    return this.nextToConsume;
  }

  /**
   * One round: collect results, consume what is ready, hand out jobs, and read one file here if
   * the next outcome is not ready. Returns false when there is nothing to do but wait.
   */
  step(): boolean {
    let progressed = this.collect();
    const before = this.nextToConsume;
    // A bounded number per round: with the index cache, thousands are ready at once.
    const last = Math.min(this.files.length, this.nextToConsume + CONSUME_PER_STEP);
    while (this.nextToConsume < last && this.outcomes[this.nextToConsume] !== undefined) {
      const ready = this.outcomes[this.nextToConsume]!;
      this.outcomes[this.nextToConsume] = undefined;
      this.consume(this.files[this.nextToConsume], typeof ready === 'function' ? this.make(ready, this.nextToConsume) : ready);
      this.nextToConsume++;
    }
    if (this.nextToConsume !== before) progressed = true;
    this.assignJobs();
    if (this.done) return true;
    this.reviveSilentWorkers();
    const workersLeft = this.workers.some((entry) => entry.alive);
    if (this.outcomes[this.nextToConsume] === undefined && this.queue.length > 0 && (this.shareWork || !workersLeft)) {
      // Rather than wait: the next file in line, or any file nobody has taken.
      const index = this.queue.shift()!;
      this.outcomes[index] = this.readHere(index);
      return true;
    }
    return progressed;
  }

  /** Sleeps until a worker posts something (or a short while passes). */
  waitSync(): void {
    Atomics.wait(this.signal, 0, Atomics.load(this.signal, 0), 50);
  }

  /**
   * Lets the event loop run for a millisecond. A timer, not `Atomics.waitAsync`: its promise
   * keeps nothing alive, and with the workers unreferenced Node would end the process under it.
   */
  async waitAsync(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }

  stop(): void {
    for (const entry of this.workers) this.retire(entry, true);
  }

  private startWorker(id: number, file: string): void {
    const { port1, port2 } = new MessageChannel();
    let worker: Worker;
    try {
      worker = new Worker(file, {
        workerData: { port: port2, signal: this.signal },
        transferList: [port2],
        // A worker parses one note at a time: a small heap is plenty, and a huge note that needs
        // more ends the worker, not the process (the note is then parsed here).
        resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 },
      });
    } catch {
      return;
    }
    worker.unref();
    const entry: PoolWorker = { id, worker, port: port1, jobs: [], ready: false, alive: true, lastHeard: Date.now() };
    // Seen only while the event loop runs (the language server); the command line notices a
    // dead worker by its silence instead.
    worker.on('error', () => this.retire(entry));
    worker.on('exit', () => this.retire(entry));
    this.workers.push(entry);
  }

  /** Takes a worker out of service; its unfinished files go back to the front of the queue. */
  private retire(entry: PoolWorker, finished = false): void {
    if (!entry.alive) return;
    entry.alive = false;
    if (!finished) this.statistics.workersLost++;
    this.requeue(entry.jobs.flatMap((job) => job.files.map((file) => file.index)));
    entry.jobs = [];
    entry.port.close();
    void entry.worker.terminate().catch(() => undefined);
  }

  private requeue(indices: number[]): void {
    const unfinished = indices.filter((index) => this.outcomes[index] === undefined && index >= this.nextToConsume);
    this.queue.unshift(...unfinished);
    this.queue.sort((a, b) => a - b);
  }

  private collect(): boolean {
    let received = false;
    for (const entry of this.workers) {
      if (!entry.alive) continue;
      for (let message = receiveMessageOnPort(entry.port); message; message = receiveMessageOnPort(entry.port)) {
        received = true;
        entry.lastHeard = Date.now();
        const result = message.message as ParseResult;
        if (result.ready) {
          entry.ready = true;
          continue;
        }
        const retried: number[] = [];
        for (const { index, outcome } of result.outcomes) {
          if (outcome.kind === 'retry') retried.push(index);
          else if (this.outcomes[index] === undefined && index >= this.nextToConsume) {
            this.outcomes[index] = outcome;
            this.statistics.byWorkers++;
          }
        }
        entry.jobs.shift();
        // A note the worker could not encode is read here, where the index keeps it as parsed.
        for (const index of retried) if (this.outcomes[index] === undefined && index >= this.nextToConsume) this.outcomes[index] = this.readHere(index);
      }
    }
    return received;
  }

  /** A known outcome; a damaged one is read from the file instead. */
  private make(known: () => NoteOutcome, index: number): NoteOutcome {
    try {
      return known();
    } catch {
      this.statistics.known--;
      return this.readHere(index);
    }
  }

  private readHere(index: number): NoteOutcome {
    this.statistics.here++;
    return readNoteOutcome(this.root, this.files[index]);
  }

  private assignJobs(): void {
    for (const entry of this.workers) {
      while (entry.alive && entry.ready && entry.jobs.length < JOBS_PER_WORKER && this.queue.length > 0) {
        const job: ParseJob = { root: this.root, files: this.queue.splice(0, JOB_SIZE).map((index) => ({ index, path: this.files[index] })) };
        entry.jobs.push(job);
        if (entry.jobs.length === 1) entry.lastHeard = Date.now();
        try {
          entry.port.postMessage(job);
        } catch {
          this.retire(entry);
        }
      }
    }
  }

  private reviveSilentWorkers(): void {
    const now = Date.now();
    for (const entry of this.workers) if (entry.alive && entry.jobs.length > 0 && now - entry.lastHeard > this.silentWorkerMs) this.retire(entry);
  }
}

/** Reads and parses `files` under `root`, giving each outcome to `consume` in listing order. Blocks until done. */
export function readNotesSync(root: string, files: readonly string[], consume: (file: string, outcome: NoteOutcome) => void, options: ReadOptions = {}): ReadStatistics {
  const reader = new NoteReader(root, files, consume, options);
  let reported = 0;
  try {
    while (!reader.done) {
      if (!reader.step()) reader.waitSync();
      if (options.onProgress && reader.consumed - reported >= 250) options.onProgress((reported = reader.consumed), files.length);
    }
  } finally {
    reader.stop();
  }
  options.onProgress?.(files.length, files.length);
  return reader.statistics;
}

/**
 * Reads and parses `files` under `root`, giving each outcome to `consume` in listing order,
 * and returning to the event loop every few milliseconds so that requests are still answered.
 */
export async function readNotes(root: string, files: readonly string[], consume: (file: string, outcome: NoteOutcome) => void, options: ReadOptions = {}): Promise<ReadStatistics> {
  const reader = new NoteReader(root, files, consume, options);
  try {
    let lastYield = Date.now();
    while (!reader.done) {
      if (!reader.step()) await reader.waitAsync();
      if (Date.now() - lastYield > 20) {
        options.onProgress?.(reader.consumed, files.length);
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
    }
  } finally {
    reader.stop();
  }
  options.onProgress?.(files.length, files.length);
  return reader.statistics;
}
