/**
 * Reading a notes folder from disk for the CLI and the server. This is the only place that
 * touches the file system: it lists `*.md` files under a root, never follows a link out of it,
 * survives files that vanish or cannot be read, and decodes bytes with the core's checks.
 */

import * as fs from 'fs';
import * as path from 'path';
import { decodeNoteBytes, MAX_NOTE_BYTES, tooLargeMessage } from '../core/text/encoding';
import type { NoteTextSource, WorkspaceIndex } from '../core/index/workspaceIndex';
import { readNotesSync } from './readNotes';

/** Folders that hold no notes of the user's own. */
const IGNORED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.obsidian', '.trash', '.vscode']);

export interface ListedFiles {
  /** Workspace-relative, `/`-separated paths of `*.md` files. */
  files: string[];
  /** Folders or links that could not be listed, with the reason. */
  problems: Array<{ path: string; message: string }>;
}

/**
 * Lists the `*.md` files under `root`, skipping hidden and tool folders and any link that leads
 * outside `root` or in a loop. With `under` (a workspace-relative folder), only those in it.
 */
export function listNoteFiles(root: string, under = ''): ListedFiles {
  const files: string[] = [];
  const problems: ListedFiles['problems'] = [];
  const realRoot = safeRealpath(root) ?? path.resolve(root);
  let start = path.resolve(root);
  if (under) {
    // A folder skipped when the whole root is read is skipped here too (asked first: the server
    // hears of every file created, `.git/index.lock` among them), as is one that leads out.
    if (isIgnoredPath(under)) return { files, problems };
    const inside = resolveInside(root, under);
    const real = inside && safeRealpath(inside);
    if (!inside || !real || !isWithin(real, realRoot)) return { files, problems };
    if (!safeStat(real)?.isDirectory()) return { files, problems };
    start = inside;
  }
  const visited = new Set<string>([realRoot]);
  const walk = (absolute: string, relative: string) => {
    // Every folder walked counts as visited, so a link back to any of them is not read twice.
    const real = safeRealpath(absolute);
    if (real) visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: relative || '.', message: `cannot list folder: ${describeError(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childAbsolute = path.join(absolute, entry.name);
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = safeRealpath(childAbsolute);
        if (!target) {
          problems.push({ path: childRelative, message: 'broken link: skipped' });
          continue;
        }
        if (!isWithin(target, realRoot)) {
          // A note's name: listed, so that it is known to be there (links to it are not "not in this
          // workspace"); reading it refuses to follow the link and says so on the file.
          if (/\.md$/i.test(entry.name)) files.push(childRelative);
          else problems.push({ path: childRelative, message: OUTSIDE_LINK_MESSAGE });
          continue;
        }
        const stat = safeStat(target);
        isDirectory = stat?.isDirectory() ?? false;
        isFile = stat?.isFile() ?? false;
        if (isDirectory && visited.has(target)) {
          problems.push({ path: childRelative, message: 'link to a folder already read (a loop?): not followed again' });
          continue;
        }
      }
      if (isDirectory) {
        if (IGNORED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue;
        walk(childAbsolute, childRelative);
      } else if (isFile && /\.md$/i.test(entry.name)) {
        files.push(childRelative);
      }
    }
  };
  walk(start, under);
  return { files, problems };
}

/** Whether a workspace-relative path is in a folder the listing never reads (hidden, a tool's). */
export function isIgnoredPath(relative: string): boolean {
  return relative.split('/').some((part) => IGNORED_FOLDERS.has(part) || part.startsWith('.'));
}

/** What a file that is a link out of the workspace says of itself: Torii never reads it. */
const OUTSIDE_LINK_MESSAGE = 'link to a place outside the workspace: not followed';

/**
 * What reading a file gave; with `stamp` asked, the file's stamp (`stampOf`) when it was read. A
 * file skipped by choice, not for what it holds (a link out of the workspace), has severity
 * `information`.
 */
export type ReadOutcome = { kind: 'text'; text: string; stamp?: string } | { kind: 'skipped'; message: string; severity?: 'information'; stamp?: string } | { kind: 'missing' };

/**
 * A file's stamp: size, modification and change times and inode, in nanoseconds. Two reads of a
 * file with the same stamp read the same bytes (the index cache relies on it).
 */
export function stampOf(stat: fs.BigIntStats): string {
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}

/**
 * Opening a file this way fails (`ELOOP`; `EMLINK` on some BSDs) when its last component is a
 * link; 0 where there is no such flag (Windows), and every path is then resolved first.
 */
const OPEN_NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;
/**
 * Opening a named pipe to read waits for a writer, forever if none comes; with this flag it
 * returns at once, and the file is then seen not to be a regular one. No effect on a regular file.
 */
const OPEN_NON_BLOCKING = fs.constants.O_NONBLOCK ?? 0;

/** Why a read gave no text: the file is gone, or why it is not read. */
type NoText = Exclude<ReadOutcome, { kind: 'text' }>;

/** What reading a note's bytes gave: the bytes, or why there are none (as `ReadOutcome` says it). */
export type BytesOutcome = { kind: 'bytes'; bytes: Buffer; stamp?: string } | NoText;

/**
 * Reads and decodes one note, never through a link that leads out of the workspace (such a file
 * is skipped, severity `information`). A file that vanished since it was listed is `missing`, not
 * an error. `stamp`: also give the file's stamp, from the `fstat` of the file opened for reading.
 * `listed`: the path was just listed by `listNoteFiles`, whose walk follows no folder link out, so
 * only the file itself can be a link out: opened without following one, it costs no lookup more.
 */
export function readNoteFile(root: string, relativePath: string, options: { stamp?: boolean; listed?: boolean } = {}): ReadOutcome {
  const read = readNoteBytes(root, relativePath, options);
  if (read.kind !== 'bytes') return read;
  const decoded = decodeNoteBytes(read.bytes);
  if (decoded.kind === 'text') return { kind: 'text', text: decoded.text, stamp: read.stamp };
  return { kind: 'skipped', message: decoded.message, stamp: read.stamp };
}

/**
 * Where a workspace path really leads, links followed: its real absolute path, or why it is not
 * to be read or written (gone, or a link out of the workspace).
 */
export function realPathInside(root: string, relativePath: string): { kind: 'real'; path: string } | NoText {
  const lexical = resolveInside(root, relativePath);
  if (!lexical) return { kind: 'skipped', message: 'outside the workspace: not read' };
  let real: string;
  try {
    real = fs.realpathSync.native(lexical);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'skipped', message: `cannot read: ${describeError(error)}` };
  }
  const realRoot = realRootOf(root);
  if (isWithin(real, realRoot)) return { kind: 'real', path: real };
  // Under a folder that leads out, which the listing never enters: no note of this folder is there.
  const parent = safeRealpath(path.dirname(lexical));
  if (!parent || !isWithin(parent, realRoot)) return { kind: 'missing' };
  // The file itself is a link out, listed as such: it says why it is not read.
  return { kind: 'skipped', message: OUTSIDE_LINK_MESSAGE, severity: 'information' };
}

/** The bytes of a note, read as `readNoteFile` reads them, not decoded. */
export function readNoteBytes(root: string, relativePath: string, { stamp: withStamp = false, listed = false }: { stamp?: boolean; listed?: boolean } = {}): BytesOutcome {
  const trusted = listed && OPEN_NO_FOLLOW !== 0;
  let absolute: string;
  if (trusted) {
    const lexical = resolveInside(root, relativePath);
    if (!lexical) return { kind: 'skipped', message: 'outside the workspace: not read' };
    absolute = lexical;
  } else {
    // A link made since the folder was listed (a file event names it) or a folder swapped for one
    // must not lead the read out of the workspace.
    const real = realPathInside(root, relativePath);
    if (real.kind !== 'real') return real;
    absolute = real.path;
  }
  let stamp: string | undefined;
  let fd: number | undefined;
  try {
    // The size is known before reading (a 50 MB log named .md is refused without being loaded),
    // from the open file: one path lookup, not two, and the stamp is that of the bytes read.
    fd = fs.openSync(absolute, fs.constants.O_RDONLY | OPEN_NON_BLOCKING | (trusted ? OPEN_NO_FOLLOW : 0));
    let size: number;
    let regular: boolean;
    if (withStamp) {
      const stat = fs.fstatSync(fd, { bigint: true });
      size = Number(stat.size);
      regular = stat.isFile();
      stamp = stampOf(stat);
    } else {
      const stat = fs.fstatSync(fd);
      size = stat.size;
      regular = stat.isFile();
    }
    // A pipe, socket, device or folder named `.md` (a file event can name one; reading a pipe may
    // never end): no note is there, as the listing, which takes regular files only, would find.
    if (!regular) return { kind: 'missing' };
    if (size > MAX_NOTE_BYTES) return { kind: 'skipped', message: tooLargeMessage(size), stamp };
    return { kind: 'bytes', bytes: readRegularFile(fd, absolute), stamp };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    // A listed file that is a link: read as any other path, where it leads looked at first.
    if (trusted && fd === undefined && (code === 'ELOOP' || code === 'EMLINK')) return readNoteBytes(root, relativePath, { stamp: withStamp });
    return { kind: 'skipped', message: `cannot read: ${describeError(error)}` };
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

/** A text source that reads notes from disk under `root`, for the rules that need a note's text. */
export function diskTextSource(root: string): NoteTextSource {
  return {
    readText(relativePath: string) {
      const outcome = readNoteFile(root, relativePath);
      return outcome.kind === 'text' ? outcome.text : undefined;
    },
  };
}

/** Lists and indexes every note under `root`. `onProgress` is called now and then with (done, total). */
export function indexFolder(index: WorkspaceIndex, root: string, onProgress?: (done: number, total: number) => void): ListedFiles {
  const listed = listNoteFiles(root);
  indexFiles(index, root, listed.files, onProgress);
  return listed;
}

/**
 * Reads listed files into the index, parsed on worker threads (`readNotes.ts`) and put in the
 * index in listing order. A file gone since it was listed (a `git checkout` running meanwhile)
 * is simply not there; one that cannot be read is recorded with the reason.
 */
export function indexFiles(index: WorkspaceIndex, root: string, files: string[], onProgress?: (done: number, total: number) => void): void {
  readNotesSync(
    root,
    files,
    (file, outcome) => {
      if (outcome.kind === 'note') index.setCompactNote(outcome.compact, outcome.keys);
      else if (outcome.kind === 'parsed') index.setNoteText(file, outcome.text);
      else if (outcome.kind === 'skipped') index.setSkipped(file, outcome.message, outcome.severity);
    },
    { onProgress },
  );
}

/** The absolute path of `relativePath` under `root`, or undefined when it would leave `root`. */
export function resolveInside(root: string, relativePath: string): string | undefined {
  const absoluteRoot = path.resolve(root);
  const absolute = path.resolve(absoluteRoot, relativePath);
  if (absolute !== absoluteRoot && !absolute.startsWith(absoluteRoot + path.sep)) return undefined;
  return absolute;
}

/**
 * The bytes of a regular file opened without blocking. A file system that takes the flag for its
 * regular files too (some FUSE mounts may) says `EAGAIN`: the file is then read as usual.
 */
function readRegularFile(fd: number, absolute: string): Buffer {
  try {
    return fs.readFileSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    return fs.readFileSync(absolute);
  }
}

/** Whether the real path `real` is `realRoot` or inside it. */
function isWithin(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

/**
 * The real path of a workspace root, links followed (`realpath`, as the files read under it are
 * resolved), remembered: every note read compares its own real path with it.
 */
const realRoots = new Map<string, string>();

function realRootOf(root: string): string {
  const absolute = path.resolve(root);
  let real = realRoots.get(absolute);
  if (real === undefined) {
    real = safeRealpath(absolute);
    if (real === undefined) return absolute;
    realRoots.set(absolute, real);
  }
  return real;
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing was written through it: a failed close loses nothing.
  }
}

/** Where `target` really leads, links followed, as the system says (`realpath(3)`: the same for the listing and the reads). */
function safeRealpath(target: string): string | undefined {
  try {
    return fs.realpathSync.native(target);
  } catch {
    return undefined;
  }
}

function safeStat(target: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code ? `${code} (${(error as Error).message})` : String(error);
}
