/**
 * The index kept between sessions. Reading a folder parses every note; opened again the next
 * day, most notes are as they were. The cache keeps what reading each file gave (the compact
 * form a parse worker makes, or why the file was skipped) with the file's stamp, and a file whose
 * stamp is unchanged is not read again.
 *
 * Where: a folder the client names (VS Code: the extension's storage for this workspace), never
 * the notes' folder; nothing is written without one. One file per notes folder.
 *
 * Trust: an entry counts only when the file's size, modification time, change time and inode
 * (nanoseconds, from the same `stat`) are what they were when it was read, and only for the very
 * build that wrote it (a hash of the server's own code). Anything unreadable, truncated or of
 * another build is dropped whole, with a reason the server logs, and the folder is read as if
 * there were no cache. The file is written to a temporary name and renamed, so a crash midway
 * leaves the old cache or none, never half of one.
 *
 * The format: one JSON line (the header: format, build, notes folder), then chunks of entries,
 * each a 4-byte length and a `v8.serialize`d array of entries (`PackedNote`). Chunks let the
 * server answer messages between them, loading and saving.
 */

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { packBuffers, type NoteOutcome } from './readNotes';
import { stampOf } from './workspaceFiles';
import { NoteView, type CompactNote } from '../core/index/compactNote';
import { computeNoteAuthors, writtenNoteNames, type NoteAuthors, type NoteKeys } from '../core/index/noteKeys';

const FORMAT = 5;
const ENTRIES_PER_CHUNK = 256;
/** A header longer than this is not ours. */
const MAX_HEADER_BYTES = 4096;

/** What the cache holds of one file: its stamp when read and what reading gave. */
export interface CachedNote {
  path: string;
  stamp: string;
  /**
   * What reading the file gave. Made when asked, so that the authors of ten thousand notes are
   * not all held as arrays at once; throws if the entry turns out damaged (then read the file).
   */
  outcome: () => NoteOutcome;
}

/**
 * One entry as written: `[path, stamp, message]` for a skipped file, and for a note `[path,
 * stamp, compact form, key rows, strong fingerprints, authors as JSON, note names its links write]`.
 * Held in this form from the moment a note is read until the cache is written: the compact form,
 * the rows and the names are the index's own (the moved-section table keeps the fingerprints until
 * it sorts them). The authors are left out (undefined) until the entry is written, and made then
 * from the compact form. Held as JSON from the reading on, they took 13 MB at 10,000 notes
 * (two-byte strings: the names were cut from the notes' texts); made from the compact form's
 * tables they are one-byte, and the cache is 6 % smaller (a folder opened again peaks 15 MB lower).
 */
export type PackedNote = [path: string, stamp: string, message: string] | [path: string, stamp: string, compact: CompactNote, rows: Int32Array, strong: Int32Array, authors: string | undefined, written: string];

/** A file's outcome as the cache writes it; undefined for outcomes it does not keep (a file gone, a note kept as text). */
export function packNote(notePath: string, stamp: string, outcome: NoteOutcome): PackedNote | undefined {
  if (outcome.kind === 'skipped') return [notePath, stamp, outcome.message];
  if (outcome.kind !== 'note') return undefined;
  return [notePath, stamp, outcome.compact, outcome.keys.rows, outcome.keys.strong, undefined, outcome.keys.written ?? writtenNoteNames(new NoteView(outcome.compact))];
}

/** An entry with its authors made (from its compact form, as a parse makes them), as the file holds it. */
function asWritten(entry: PackedNote): PackedNote {
  if (entry.length !== 7 || entry[5] !== undefined) return entry;
  const [notePath, stamp, compact, rows, strong, , written] = entry;
  return [notePath, stamp, compact, rows, strong, JSON.stringify(computeNoteAuthors(new NoteView(compact))), written];
}

interface Header {
  format: number;
  build: string;
  root: string;
}

/** The cache file of the notes folder `root` in the cache folder `folder`. */
export function indexCacheFile(folder: string, root: string): string {
  const name = crypto.createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(folder, `index-${name}.bin`);
}

/** A file's stamp (`stampOf`); undefined when it cannot be read. */
export function fileStamp(absolute: string): string | undefined {
  try {
    return stampOf(fs.statSync(absolute, { bigint: true }));
  } catch {
    return undefined;
  }
}

let buildKeyMemo: string | undefined;

/**
 * This build: a hash of the code that parses (this file's bundle, and the parse worker's when
 * it is there), and of the V8 whose serializer wrote the entries. Any change to the parser makes
 * a new build, and the old cache is dropped.
 */
export function buildKey(): string {
  if (buildKeyMemo !== undefined) return buildKeyMemo;
  const hash = crypto.createHash('sha256').update(`${FORMAT}\n${process.versions.v8}\n`);
  for (const file of [__filename, path.join(__dirname, 'parseWorker.js')]) {
    try {
      hash.update(fs.readFileSync(file));
    } catch {
      hash.update(`no ${path.basename(file)}`);
    }
  }
  return (buildKeyMemo = hash.digest('hex').slice(0, 32));
}

export type LoadedCache = { notes: Map<string, CachedNote> } | { notes?: undefined; problem: string };

const breathe = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads the cache of `root` from `file`, letting the event loop run between chunks. A missing
 * file is no problem (an empty cache); anything else that is wrong drops the whole cache.
 */
export async function loadIndexCache(file: string, root: string, build = buildKey()): Promise<LoadedCache> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { notes: new Map() };
    return { problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  try {
    return await readCache(handle, file, root, build);
  } catch (error) {
    return { problem: `cannot read ${file}: ${(error as Error).message}` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads the chunks one at a time: the file (100 MB at 10,000 notes) is never in memory whole. */
async function readCache(handle: fs.promises.FileHandle, file: string, root: string, build: string): Promise<LoadedCache> {
  const size = (await handle.stat()).size;
  const head = Buffer.alloc(Math.min(MAX_HEADER_BYTES, size));
  await handle.read(head, 0, head.length, 0);
  const newline = head.indexOf(10);
  if (newline < 0) return { problem: `${file} is not a Torii index cache` };
  let header: Header;
  try {
    header = JSON.parse(head.toString('utf8', 0, newline)) as Header;
  } catch {
    return { problem: `${file} is not a Torii index cache` };
  }
  if (header.format !== FORMAT || header.build !== build) return { problem: 'the index cache was written by another version of Torii' };
  if (header.root !== path.resolve(root)) return { problem: `the index cache is of another folder (${header.root})` };
  const notes = new Map<string, CachedNote>();
  const lengthBytes = Buffer.alloc(4);
  // One buffer for every chunk (grown when one is longer): at 10,000 notes a new one per chunk
  // left 100 MB of read chunks waiting for the collector.
  let chunkBuffer = Buffer.alloc(0);
  let at = newline + 1;
  while (at < size) {
    if (at + 4 > size) return { problem: `${file} is cut short` };
    await handle.read(lengthBytes, 0, 4, at);
    const length = lengthBytes.readUInt32LE(0);
    if (at + 4 + length > size) return { problem: `${file} is cut short` };
    if (chunkBuffer.length < length) chunkBuffer = Buffer.allocUnsafe(Math.max(length, chunkBuffer.length * 2));
    const chunk = chunkBuffer.subarray(0, length);
    if ((await handle.read(chunk, 0, length, at + 4)).bytesRead !== length) return { problem: `${file} is cut short` };
    let entries: unknown;
    try {
      entries = v8.deserialize(chunk);
    } catch (error) {
      return { problem: `${file} is damaged: ${(error as Error).message}` };
    }
    if (!Array.isArray(entries)) return { problem: `${file} is damaged` };
    for (const entry of entries) {
      const note = asCachedNote(entry);
      if (!note) return { problem: `${file} is damaged` };
      notes.set(note.path, note);
    }
    at += 4 + length;
    await breathe();
  }
  return { notes };
}

/** An entry as written by `saveIndexCache`, checked for the shape the index relies on, as an outcome. */
function asCachedNote(entry: unknown): CachedNote | undefined {
  if (!Array.isArray(entry) || (entry.length !== 3 && entry.length !== 7)) return undefined;
  const [notePath, stamp] = entry as [unknown, unknown];
  if (typeof notePath !== 'string' || typeof stamp !== 'string') return undefined;
  if (entry.length === 3) {
    const message = entry[2];
    return typeof message === 'string' ? { path: notePath, stamp, outcome: () => ({ kind: 'skipped', message }) } : undefined;
  }
  const [, , compact, rows, strong, authors, written] = entry as [string, string, CompactNote, unknown, unknown, unknown, unknown];
  const fine =
    typeof compact === 'object' && compact !== null && compact.path === notePath && compact.data instanceof Uint8Array &&
    (compact.anchors === undefined || compact.anchors instanceof Int32Array) && typeof compact.latin === 'string' &&
    typeof compact.wide === 'string' && typeof compact.lineCount === 'number' && rows instanceof Int32Array && strong instanceof Int32Array && strong.length % 2 === 0 && typeof authors === 'string' && typeof written === 'string';
  if (!fine) return undefined;
  // The deserializer's arrays are views of the chunk read, whose memory is used again for the next
  // one: copies, the note's bytes, anchors and rows in one buffer as a note read from its file has them.
  const keys: NoteKeys = { rows, strong: strong.slice(), written: written as string };
  packBuffers(compact, keys);
  return {
    path: notePath,
    stamp,
    outcome: () => ({ kind: 'note', compact, keys: authors ? { ...keys, authors: JSON.parse(authors) as NoteAuthors } : keys }),
  };
}

/**
 * Writes the cache of `root` to `file` (its folder made if need be), between other messages, and
 * returns its size in bytes. Written beside and renamed over the old one.
 */
export async function saveIndexCache(file: string, root: string, notes: readonly PackedNote[], build = buildKey()): Promise<number> {
  return writeReplacing(file, async (handle) => {
    const header: Header = { format: FORMAT, build, root: path.resolve(root) };
    const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
    await handle.write(head);
    let bytes = head.length;
    for (let start = 0; start < notes.length; start += ENTRIES_PER_CHUNK) {
      const chunk = v8.serialize(notes.slice(start, start + ENTRIES_PER_CHUNK).map(asWritten));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(chunk.length);
      await handle.write(length);
      await handle.write(chunk);
      bytes += 4 + chunk.length;
      await breathe();
    }
    return bytes;
  });
}

/**
 * Writes `file` through `write` (which returns the bytes it wrote) to a temporary name beside it,
 * its folder made if need be, then renames it over the old one: a crash midway leaves the old
 * file or none, never half of one; a failure removes the temporary file.
 */
async function writeReplacing(file: string, write: (handle: fs.promises.FileHandle) => Promise<number>): Promise<number> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await fs.promises.open(temporary, 'w');
  let bytes: number;
  try {
    bytes = await write(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await fs.promises.rename(temporary, file);
  return bytes;
}

/**
 * The diagnostics of every note, kept beside the index for a folder opened again exactly as it
 * was: the same build, the same settings, the same git history, and every file with the stamp
 * it had (`fingerprint`). Checking is a function of those, so the diagnostics it gave last time
 * are the ones it would give now, and the client gets them at once; the server checks every note
 * anyway, and sends again only what came out otherwise.
 */
export function diagnosticsCacheFile(indexFile: string): string {
  return indexFile.replace(/index-(\w+)\.bin$/, 'diagnostics-$1.json');
}

/** A digest of what checking a folder depends on; undefined when a file had no stamp. */
export function folderFingerprint(parts: { settings: string; history: string; files: ReadonlyArray<{ path: string; stamp: string | undefined }> }, build = buildKey()): string | undefined {
  const hash = crypto.createHash('sha256').update(`${FORMAT}\n${build}\n${parts.settings}\n${parts.history}\n`);
  for (const file of parts.files) {
    if (file.stamp === undefined) return undefined;
    hash.update(`${file.path}\0${file.stamp}\n`);
  }
  return hash.digest('hex');
}

interface DiagnosticsFile<D> {
  format: number;
  fingerprint: string;
  notes: Array<[path: string, diagnostics: D[]]>;
}

/** The diagnostics saved for `fingerprint`, or undefined when there are none for it (or the file is unreadable). */
export async function loadDiagnosticsCache<D>(file: string, fingerprint: string): Promise<Map<string, D[]> | undefined> {
  try {
    const saved = JSON.parse(await fs.promises.readFile(file, 'utf8')) as DiagnosticsFile<D>;
    if (saved.format !== FORMAT || saved.fingerprint !== fingerprint || !Array.isArray(saved.notes)) return undefined;
    const notes = new Map<string, D[]>();
    for (const entry of saved.notes) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return undefined;
      notes.set(entry[0], entry[1]);
    }
    return notes;
  } catch {
    return undefined;
  }
}

/** Writes the diagnostics of every note for `fingerprint` (beside, then renamed); returns the bytes written. */
export async function saveDiagnosticsCache<D>(file: string, fingerprint: string, notes: ReadonlyMap<string, D[]>): Promise<number> {
  const body: DiagnosticsFile<D> = { format: FORMAT, fingerprint, notes: [...notes] };
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  return writeReplacing(file, async (handle) => {
    await handle.write(bytes);
    return bytes.length;
  });
}
