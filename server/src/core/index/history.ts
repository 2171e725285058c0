/**
 * The collection's history (DIALECT §8.1, §8.6): every note path that ever existed, which were
 * renamed to what, which were deleted (with the notes that took their material), and, when the
 * patches were read too, which anchors left or entered which note in which commit, and when each
 * 🗄 line was written. Built from `git log` text; the core never runs git itself.
 */

import { parseNote } from '../syntax/parseNote';
import { runSteps, type Steps } from '../steps';
import { anchorKeys, editDistance } from './normalize';
import { FILE_CABINET } from '../syntax/references';
import { foldName } from '../text/names';

/** A line that may hold a 🗄 target: one with the marker, or a list item (of a bare 🗄 list). */
function mayHoldReference(line: string): boolean {
  return line.includes(FILE_CABINET) || /^\s*[*+-]\s+\S/.test(line);
}

/** One commit, oldest first in `PathHistory.commits`. Paths are as they were in that commit. */
export interface HistoryCommit {
  hash: string;
  /** Author date, seconds since the epoch (0 when the log did not say). */
  time: number;
  added: string[];
  modified: string[];
  deleted: string[];
  /** Old path → new path. `similarity` 100 means the file was renamed and nothing else. */
  renamed: Array<{ from: string; to: string; similarity: number }>;
}

/** An anchor's name left (`removed`) or entered a note in a commit. */
export interface AnchorChange {
  commit: number;
  path: string;
  removed: boolean;
}

export interface PathHistory {
  /** Old path → the path it was renamed to (the last rename wins). */
  renamedTo: Map<string, string>;
  /** New path → the paths renamed to it. */
  renamedFrom: Map<string, string[]>;
  /**
   * Deleted path → the `.md` paths the deleting commit added or changed (not those it only
   * renamed): the notes its material may have gone to.
   */
  deleted: Map<string, string[]>;
  /** Deleted path → the commit that deleted it (the last time). */
  deletedAt: Map<string, number>;
  /** Old path → the commit that renamed it away (the last time). */
  renamedAt: Map<string, number>;
  /** Path → the first commit that added it (or renamed a note to it). */
  addedAt: Map<string, number>;
  /** Every path that ever existed, by basename (folded: `foldName`), for bare names. */
  byBasename: Map<string, Set<string>>;
  commits: HistoryCommit[];
  /** True when the patches were read: `anchorChanges` and `referencesWritten` are filled. */
  hasPatches: boolean;
  /** An alias key of a strong anchor (heading, ALL-CAPS line, bold label, term) → where it left or arrived. */
  anchorChanges: Map<string, AnchorChange[]>;
  /** Path → the backticked tokens of 🗄 lines written into it (folded: `foldName`) → the first commit that wrote one. */
  referencesWritten: Map<string, Map<string, number>>;
  /**
   * Path → 🗄 lines and list items (as written, trailing blanks cut) that a commit took out of
   * another note and put into this one → that note and the commit: a section moved with the
   * references in it (a bare 🗄 list's targets are list items).
   */
  movedReferenceLines: Map<string, Map<string, { from: string; commit: number }>>;
  /**
   * Commit that created notes → the 🗄 lines and list items it took out of other notes (text →
   * paths): the notes it created, whose texts the patches do not show, may hold them now (a split
   * that git reads as a rename of the old note to one of the new ones).
   */
  linesLeftForNewNotes: Map<number, Map<string, string[]>>;
  /** Deleted path → the one note that took most of its anchors when it was deleted (a merge). */
  mergedInto: Map<string, string>;
  /**
   * Old path → a rename whose commit also took anchors out of the note that the new path did not
   * get (a split or a scatter that git reads as a rename of the note to one of its heirs): when,
   * the keys of those anchors, and the changed notes that took some of them. Whether notes the
   * commit created hold them is asked of the index: their texts are not in the patches.
   */
  renamedWhileSplit: Map<string, { commit: number; lost: string[]; takers: string[] }>;
  /**
   * An alias key of a strong anchor → the commits that renamed it where it stood: a hunk of the
   * note's patch took out as many strong anchors as it put in, of the same kinds and levels in the
   * same order, and this one's name became `text` (its alias keys `keys`). `path` is the note's
   * path in that commit.
   */
  retitled: Map<string, Retitle[]>;
  /**
   * The same for the changes not yet committed (`git diff HEAD`), by the notes' paths now: what
   * the writer renamed since the last commit, newer than anything the commits show.
   */
  worktreeRetitled?: Map<string, Retitle[]>;
}

/** A strong anchor renamed in place (`PathHistory.retitled`). */
export interface Retitle {
  commit: number;
  path: string;
  text: string;
  keys: string[];
  /** Renamed by the changes not yet committed (`PathHistory.worktreeRetitled`). */
  pending?: true;
}

export function emptyHistory(): PathHistory {
  return {
    renamedTo: new Map(),
    renamedFrom: new Map(),
    deleted: new Map(),
    deletedAt: new Map(),
    renamedAt: new Map(),
    addedAt: new Map(),
    byBasename: new Map(),
    commits: [],
    hasPatches: false,
    anchorChanges: new Map(),
    referencesWritten: new Map(),
    movedReferenceLines: new Map(),
    linesLeftForNewNotes: new Map(),
    mergedInto: new Map(),
    renamedWhileSplit: new Map(),
    retitled: new Map(),
  };
}

/**
 * Parses `git log --name-status -M --reverse --format=%x00%H%x20%at` output (oldest commit
 * first; the date is optional). Lines look like `R087\told.md\tnew.md`, `D\tgone.md`, `A\tnew.md`.
 */
export function parseGitNameStatus(log: string): PathHistory {
  const history = emptyHistory();
  const remember = (path: string) => {
    const basename = foldName(path.slice(path.lastIndexOf('/') + 1));
    let set = history.byBasename.get(basename);
    if (!set) history.byBasename.set(basename, (set = new Set()));
    set.add(path);
  };
  for (const block of log.split('\0')) {
    const lines = block.split('\n');
    const [hash, time] = (lines[0] ?? '').trim().split(/\s+/);
    if (!hash) continue;
    const commit: HistoryCommit = { hash, time: Number(time) || 0, added: [], modified: [], deleted: [], renamed: [] };
    const index = history.commits.length;
    for (const line of lines.slice(1)) {
      const fields = line.split('\t');
      const status = fields[0];
      if (/^R\d*$/.test(status) && fields.length >= 3) {
        commit.renamed.push({ from: fields[1], to: fields[2], similarity: Number(status.slice(1)) || 0 });
        history.renamedTo.set(fields[1], fields[2]);
        history.renamedAt.set(fields[1], index);
        history.renamedTo.delete(fields[2]);
        addTo(history.renamedFrom, fields[2], fields[1]);
        history.deleted.delete(fields[2]);
        if (!history.addedAt.has(fields[2])) history.addedAt.set(fields[2], index);
        remember(fields[1]);
        remember(fields[2]);
      } else if (status === 'A' && fields[1]) {
        // A path that comes back is no longer deleted, nor renamed away.
        history.deleted.delete(fields[1]);
        history.renamedTo.delete(fields[1]);
        if (!history.addedAt.has(fields[1])) history.addedAt.set(fields[1], index);
        commit.added.push(fields[1]);
        remember(fields[1]);
      } else if (status === 'D' && fields[1]) {
        commit.deleted.push(fields[1]);
        remember(fields[1]);
      } else if (/^[MT]$/.test(status) && fields[1]) {
        commit.modified.push(fields[1]);
        remember(fields[1]);
      }
    }
    // A note renamed in the same commit is no heir: renaming takes no material.
    const heirs = [...commit.added, ...commit.modified].filter((path) => /\.md$/i.test(path));
    for (const path of commit.deleted) {
      history.deleted.set(path, heirs);
      history.deletedAt.set(path, index);
    }
    history.commits.push(commit);
  }
  return history;
}

/**
 * Reads `git log -p -U0 -M --reverse --diff-filter=MRD --format=%x00%H` output into `history`:
 * the strong anchors each commit took out of a note or put into one, and the 🗄 lines it wrote.
 * Commits are matched by hash with those `parseGitNameStatus` read.
 */
export function addGitPatches(history: PathHistory, patchLog: string): void {
  runSteps(readGitPatches(history, patchLog));
}

/** `addGitPatches` in steps, one commit each: a server reads a long history between other messages. */
export function* readGitPatches(history: PathHistory, patchLog: string): Steps<void> {
  const commitByHash = new Map(history.commits.map((commit, index) => [commit.hash, index]));
  for (const block of patchLog.split('\0')) {
    yield;
    const newline = block.indexOf('\n');
    const hash = (newline < 0 ? block : block.slice(0, newline)).trim();
    const commit = commitByHash.get(hash);
    if (commit === undefined) continue;
    const files = splitPatchFiles(newline < 0 ? '' : block.slice(newline + 1));
    // A 🗄 line taken out of one note and put into another in one commit was moved, not written.
    const removedTokens = new Set<string>();
    for (const file of files) for (const line of file.removed) for (const token of referenceTokens(line)) removedTokens.add(token);
    // And it came from there: a reference with no file part meant that note's section.
    const removedLines = new Map<string, string[]>();
    for (const file of files) {
      if (!file.oldPath) continue;
      for (const line of file.removed) if (mayHoldReference(line)) addTo(removedLines, line.trimEnd(), file.oldPath);
    }
    const renamedHere = history.commits[commit].renamed;
    if (history.commits[commit].added.length > 0 && removedLines.size > 0) history.linesLeftForNewNotes.set(commit, removedLines);
    const removedKeys = new Map<string, Set<string>>();
    const addedKeys = new Map<string, Set<string>>();
    const renamedInPlace: Array<{ path: string; from: HunkAnchor; to: HunkAnchor }> = [];
    for (const file of files) {
      const removedByHunk = file.oldPath ? file.removedHunks.map((hunk) => recordAnchors(history, hunk, commit, file.oldPath!, true, removedKeys)) : [];
      if (file.newPath) {
        const addedByHunk = file.addedHunks.map((hunk) => recordAnchors(history, hunk, commit, file.newPath!, false, addedKeys));
        removedByHunk.forEach((removed, hunk) => pairRenamedInPlace(removed, addedByHunk[hunk], file.newPath!, renamedInPlace));
        for (const line of file.added) {
          const sources = mayHoldReference(line) ? removedLines.get(line.trimEnd()) : undefined;
          const from = sources?.length === 1 && sources[0] !== file.newPath && !renamedHere.some((rename) => rename.from === sources[0] && rename.to === file.newPath) ? sources[0] : undefined;
          if (from) {
            let moved = history.movedReferenceLines.get(file.newPath);
            if (!moved) history.movedReferenceLines.set(file.newPath, (moved = new Map()));
            moved.set(line.trimEnd(), { from, commit });
          }
          for (const token of referenceTokens(line)) {
            if (removedTokens.has(token)) continue;
            let written = history.referencesWritten.get(file.newPath);
            if (!written) history.referencesWritten.set(file.newPath, (written = new Map()));
            if (!written.has(token)) written.set(token, commit);
          }
        }
      }
    }
    // An anchor renamed where it stood, unless its old name went into a note (a move) or its new name came out of one.
    const inAny = (byPath: Map<string, Set<string>>, keys: readonly string[]) => [...byPath.values()].some((set) => keys.some((key) => set.has(key)));
    for (const { path, from, to } of renamedInPlace) {
      if (inAny(addedKeys, from.keys) || inAny(removedKeys, to.keys)) continue;
      for (const key of from.keys) {
        let renames = history.retitled.get(key);
        if (!renames) history.retitled.set(key, (renames = []));
        renames.push({ commit, path, text: to.text, keys: to.keys });
      }
    }
    // The heirs of a note deleted here: notes it created, and changed notes that took some of its anchors.
    const { added, modified, deleted } = history.commits[commit];
    for (const path of deleted) {
      if (history.deletedAt.get(path) !== commit) continue;
      const gone = removedKeys.get(path) ?? new Set<string>();
      const took = (heir: string) => [...(addedKeys.get(heir) ?? [])].some((key) => gone.has(key));
      const heirs = [...added, ...modified.filter(took)].filter((heir) => /\.md$/i.test(heir));
      history.deleted.set(path, heirs);
      // One heir that took at least half of what the note lost: its material went there (a merge).
      const taken = (heir: string) => [...gone].filter((key) => addedKeys.get(heir)?.has(key)).length;
      const takers = heirs.filter((heir) => taken(heir) > 0);
      if (takers.length === 1 && 2 * taken(takers[0]) >= gone.size) history.mergedInto.set(path, takers[0]);
    }
    // A rename that lost anchors the new path did not get, while the commit put them elsewhere or created notes.
    for (const { from, to } of renamedHere) {
      const arrived = addedKeys.get(to);
      const lost = [...(removedKeys.get(from) ?? [])].filter((key) => !arrived?.has(key));
      if (lost.length === 0) continue;
      const takers = [...addedKeys].filter(([path, keys]) => path !== to && path !== from && lost.some((key) => keys.has(key))).map(([path]) => path);
      if (takers.length > 0 || added.some((path) => /\.md$/i.test(path))) history.renamedWhileSplit.set(from, { commit, lost, takers });
    }
  }
  history.hasPatches = true;
}

interface PatchFile {
  oldPath?: string;
  newPath?: string;
  removed: string[];
  added: string[];
  removedHunks: string[][];
  addedHunks: string[][];
}

function splitPatchFiles(text: string): PatchFile[] {
  const files: PatchFile[] = [];
  let file: PatchFile | undefined;
  let inHunk = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = { removed: [], added: [], removedHunks: [], addedHunks: [] };
      files.push(file);
      inHunk = false;
      continue;
    }
    if (!file) continue;
    if (!inHunk) {
      if (line.startsWith('--- ')) file.oldPath = patchPath(line.slice(4), 'a/');
      else if (line.startsWith('+++ ')) file.newPath = patchPath(line.slice(4), 'b/');
      else if (line.startsWith('rename from ')) file.oldPath = unquote(line.slice(12));
      else if (line.startsWith('rename to ')) file.newPath = unquote(line.slice(10));
    }
    if (line.startsWith('@@')) {
      inHunk = true;
      file.removedHunks.push([]);
      file.addedHunks.push([]);
    } else if (inHunk && line.startsWith('-')) {
      file.removed.push(line.slice(1));
      file.removedHunks[file.removedHunks.length - 1].push(line.slice(1));
    } else if (inHunk && line.startsWith('+')) {
      file.added.push(line.slice(1));
      file.addedHunks[file.addedHunks.length - 1].push(line.slice(1));
    }
  }
  return files;
}

function patchPath(text: string, prefix: string): string | undefined {
  const path = unquote(text.trim());
  if (path === '/dev/null') return undefined;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Git quotes paths with unusual characters C-style: `"a/x\"y.md"`. */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const body = text.slice(1, -1);
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char !== '\\') {
      bytes.push(...encoder.encode(char));
      continue;
    }
    const next = body[++index];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(index, index + 3), 8));
      index += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, b: 8, f: 12, a: 7, v: 11 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** A strong anchor of a patch's hunk, with its alias keys. */
interface HunkAnchor {
  kind: string;
  level: number;
  text: string;
  keys: string[];
}

/**
 * The strong anchors of a run of patch lines, read as a note of their own, recorded in
 * `history.anchorChanges` and `byPath`; returned in order.
 */
function recordAnchors(history: PathHistory, lines: string[], commit: number, path: string, removed: boolean, byPath: Map<string, Set<string>>): HunkAnchor[] {
  if (lines.length === 0 || !/\.md$/i.test(path)) return [];
  // The blank first line keeps the parser from reading a first `# …` line as the note's title.
  const note = parseNote(path, `\n${lines.join('\n')}`);
  const keys = new Set<string>();
  const anchors: HunkAnchor[] = [];
  for (const anchor of note.anchors) {
    if (!anchor.text || anchor.kind === 'item' || anchor.kind === 'book' || anchor.role === 'references' || anchor.role === 'progress') continue;
    const aliases = anchorKeys(anchor.text).aliases;
    anchors.push({ kind: anchor.kind, level: anchor.level, text: anchor.text, keys: [...aliases] });
    for (const key of aliases) keys.add(key);
  }
  let pathKeys = byPath.get(path);
  if (!pathKeys) byPath.set(path, (pathKeys = new Set()));
  for (const key of keys) {
    pathKeys.add(key);
    let changes = history.anchorChanges.get(key);
    if (!changes) history.anchorChanges.set(key, (changes = []));
    changes.push({ commit, path, removed });
  }
  return anchors;
}

/**
 * The anchors one hunk renamed where they stood: it took out as many strong anchors as it put in,
 * of the same kinds and levels in the same order, and the pairs whose names have no key in common
 * are renames (`## care` → `## upkeep`). Anything else (a section added, two merged) pairs none.
 */
function pairRenamedInPlace(removed: readonly HunkAnchor[], added: readonly HunkAnchor[] | undefined, path: string, pairs: Array<{ path: string; from: HunkAnchor; to: HunkAnchor }>): void {
  if (!added || removed.length === 0 || removed.length !== added.length) return;
  if (removed.some((from, at) => from.kind !== added[at].kind || from.level !== added[at].level)) return;
  removed.forEach((from, at) => {
    const to = added[at];
    if (!from.keys.some((key) => to.keys.includes(key))) pairs.push({ path, from, to });
  });
}

/**
 * The backticked tokens of a line's 🗄 references, folded (`foldName`): `` 🗄 `metals.md` patina `` →
 * `metals.md`. An item of a bare 🗄 block (`` * `metals.md` patina ``) counts too: its label
 * line may lie outside the patch's hunk.
 */
function referenceTokens(line: string): string[] {
  if (!line.includes(FILE_CABINET) && !/^\s*[*-]\uFE0F?\s+`/.test(line)) return [];
  return [...line.matchAll(/`([^`\n]+)`/g)].map((match) => foldName(match[1].trim()));
}

/**
 * What became of a note: renamed (`from` → `to`) or deleted. `commit` is when the name went away:
 * for a rename, the one that changed the name as written (not a move that kept it).
 */
export type HistoryOutcome =
  | { kind: 'moved'; from: string; to: string; commit: number }
  | { kind: 'deleted'; from: string; heirs: string[]; commit: number; mergedInto?: string };

/**
 * What became of a note written as `name` (a path or a bare name, with `.md`): the first of the
 * paths that ever matched it whose rename chain ends at a note that `exists`, or else one that
 * ends in a deletion. A name with a folder matches paths ending in it; when none does, paths of
 * the same basename in other folders (the folder as written is stale, as for `basename-dirmismatch`).
 */
export function followHistory(history: PathHistory, name: string, exists: (path: string) => boolean): HistoryOutcome | undefined {
  const basename = foldName(name.slice(name.lastIndexOf('/') + 1));
  const known = [...(history.byBasename.get(basename) ?? [])].sort();
  const folded = foldName(name);
  let candidates = known.filter((path) => path === name || path.endsWith(`/${name}`));
  if (candidates.length === 0 && name.includes('/')) candidates = known.filter((path) => foldName(path).endsWith(`/${folded}`));
  if (candidates.length === 0) candidates = known.filter((path) => foldName(path.slice(path.lastIndexOf('/') + 1)) === basename);
  let deletion: HistoryOutcome | undefined;
  for (const start of candidates) {
    const path = finalPath(history, start);
    if (path !== start && exists(path)) return { kind: 'moved', from: start, to: path, commit: history.renamedAt.get(lastNamed(history, start, candidates)) ?? -1 };
    const heirs = history.deleted.get(path);
    if (heirs && !exists(path)) {
      const merged = history.mergedInto.get(path);
      const mergedNow = merged === undefined ? undefined : finalPath(history, merged);
      deletion ??= {
        kind: 'deleted', from: start, heirs: [...new Set(heirs.map((heir) => finalPath(history, heir)).filter(exists))].sort(), commit: history.deletedAt.get(path) ?? -1,
        mergedInto: mergedNow !== undefined && exists(mergedNow) ? mergedNow : undefined,
      };
    }
  }
  return deletion;
}

/**
 * The last path of `start`'s rename chain that the written name still matches (one of `named`):
 * a note moved to another folder keeps its basename, and a link by that name went on meaning it
 * until the rename that changed the name.
 */
function lastNamed(history: PathHistory, start: string, named: readonly string[]): string {
  let last = start;
  for (const [, next] of renamesFrom(history, start)) if (named.includes(next)) last = next;
  return last;
}

/** Each rename along the chain from `start`, as [old path, new path], each old path once (`finalPath` walks the same chain). */
function* renamesFrom(history: PathHistory, start: string): Generator<[string, string]> {
  const seen = new Set<string>();
  for (let current = start; history.renamedTo.has(current) && !seen.has(current); current = history.renamedTo.get(current)!) {
    seen.add(current);
    yield [current, history.renamedTo.get(current)!];
  }
}

/** Where a path's rename chain ends. */
export function finalPath(history: PathHistory, path: string): string {
  let current = path;
  const seen = new Set<string>();
  while (history.renamedTo.has(current) && !seen.has(current)) {
    seen.add(current);
    current = history.renamedTo.get(current)!;
  }
  return current;
}

/**
 * Every path a note was known by: its own, the ones it was renamed from, and the ones it was
 * renamed to; and the notes it was split from (deleted by the commit that created it), whose
 * lines it carries.
 */
export function lineageOf(history: PathHistory, path: string): Set<string> {
  const lineage = new Set<string>();
  const pending = [path];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (lineage.has(current)) continue;
    lineage.add(current);
    pending.push(...(history.renamedFrom.get(current) ?? []));
    const next = history.renamedTo.get(current);
    if (next) pending.push(next);
    const created = history.addedAt.get(current);
    if (created !== undefined) pending.push(...history.commits[created].deleted);
  }
  return lineage;
}

/**
 * Where an anchor went after it left the note once known as `path`, proven by the patches: the
 * last commit that took one of `keys` out of that note put it into another note (or, for a split,
 * added notes of which one still `holds` it), followed through later moves. Undefined when the
 * patches were not read or do not tell one place.
 */
export function traceAnchor(history: PathHistory, path: string, keys: readonly string[], exists: (path: string) => boolean, holds: (path: string) => boolean, after = -1, depth = 0): { path: string; commit: number } | undefined {
  if (!history.hasPatches || depth > 8) return undefined;
  const lineage = lineageOf(history, path);
  let removal = -1;
  for (const key of keys) {
    for (const change of history.anchorChanges.get(key) ?? []) {
      if (change.removed && change.commit > after && change.commit > removal && lineage.has(change.path)) removal = change.commit;
    }
  }
  if (removal < 0) return undefined;
  const destinations = new Set<string>();
  for (const key of keys) {
    for (const change of history.anchorChanges.get(key) ?? []) {
      if (!change.removed && change.commit === removal && !lineage.has(change.path)) destinations.add(change.path);
    }
  }
  // Notes the commit created are not in the patches read (their whole text is new): what they hold
  // now tells, when the note itself went away in that commit (a split). A heading edited in place
  // is no move to whatever note the same commit happened to add.
  const commit = history.commits[removal];
  if (destinations.size === 0 && (commit.deleted.some((path) => lineage.has(path)) || commit.renamed.some((rename) => lineage.has(rename.from)))) {
    for (const added of commit.added) if (!lineage.has(added)) destinations.add(added);
  }
  const found = new Map<string, number>();
  // Notes the split created that hold the name now only because a later commit put it there.
  const laterArrivals = new Set<string>();
  for (const destination of [...destinations].sort()) {
    const now = finalPath(history, destination);
    if (exists(now) && holds(now)) {
      found.set(now, removal);
      const arrived = lastChange(history, lineageOf(history, now), keys);
      if (arrived && !arrived.removed && arrived.commit > removal) laterArrivals.add(now);
      continue;
    }
    const further = traceAnchor(history, destination, keys, exists, holds, removal, depth + 1);
    if (further) found.set(further.path, further.commit);
  }
  // Several hold it: the one that has held it since the split, not one it came to later.
  const held = [...found.keys()].filter((candidate) => !laterArrivals.has(candidate));
  if (found.size > 1 && held.length === 1) return { path: held[0], commit: found.get(held[0])! };
  if (found.size !== 1) return undefined;
  const [[foundPath, foundCommit]] = [...found];
  return { path: foundPath, commit: foundCommit };
}

/**
 * The names (alias keys) of anchors the patches show taken out of the note once known as `path`
 * within `limit` edits of `normal`, not `normal` itself: what a typo of a section that has since
 * left the note may have meant.
 */
export function namesLeftNear(history: PathHistory, path: string, normal: string, limit: number): string[] {
  if (!history.hasPatches) return [];
  const near = new Set<string>();
  for (const member of lineageOf(history, path)) {
    for (const key of removedKeysOf(history).get(member) ?? []) {
      if (key !== normal && Math.abs(key.length - normal.length) <= limit && editDistance(normal, key, limit) <= limit) near.add(key);
    }
  }
  return [...near];
}

/** Per history, each path → the keys of the anchors the patches show taken out of it (built once, when first asked). */
const removedKeysByHistory = new WeakMap<PathHistory, Map<string, string[]>>();

function removedKeysOf(history: PathHistory): Map<string, string[]> {
  let byPath = removedKeysByHistory.get(history);
  if (byPath) return byPath;
  byPath = new Map();
  for (const [key, changes] of history.anchorChanges) {
    for (const change of changes) {
      if (!change.removed) continue;
      const keys = byPath.get(change.path);
      if (!keys) byPath.set(change.path, [key]);
      else if (keys[keys.length - 1] !== key) keys.push(key);
    }
  }
  removedKeysByHistory.set(history, byPath);
  return byPath;
}

/**
 * The last change the patches show to one of `keys` in a note of `lineage` (an arrival before a
 * removal in the same commit: the name went out and came back).
 */
function lastChange(history: PathHistory, lineage: ReadonlySet<string>, keys: readonly string[]): AnchorChange | undefined {
  let last: AnchorChange | undefined;
  for (const key of keys) {
    for (const change of history.anchorChanges.get(key) ?? []) {
      if (lineage.has(change.path) && (!last || change.commit > last.commit || (change.commit === last.commit && !change.removed))) last = change;
    }
  }
  return last;
}

/**
 * Whether the patches show the anchor named by one of `keys` dropped from the note once known as
 * `path`: the last change to it there took it out, the same commit put the name into no note it
 * changed, no note that commit created holds it now (their texts are not in the patches), and it
 * never came back. A namesake an heir or another note has is then another section, not the one
 * that left: one the heir had before that commit, say.
 */
export function droppedFrom(history: PathHistory, path: string, keys: readonly string[], exists: (path: string) => boolean, holds: (path: string) => boolean): boolean {
  if (!history.hasPatches) return false;
  const lineage = lineageOf(history, path);
  const last = lastChange(history, lineage, keys);
  if (!last?.removed) return false;
  const removal = last.commit;
  if (keys.some((key) => (history.anchorChanges.get(key) ?? []).some((change) => change.commit === removal && !change.removed && !lineage.has(change.path)))) return false;
  return !history.commits[removal].added.some((added) => {
    if (lineage.has(added)) return false;
    const now = finalPath(history, added);
    return exists(now) && holds(now);
  });
}

/**
 * The name an anchor of the note once known as `path` (named by one of `keys`) was given where it
 * stood: renamed by the changes not yet committed, or, when the last change to that name there
 * took it out in a commit that renamed it in place (`PathHistory.retitled`), by that commit,
 * followed through later renames of the new name. Undefined when the patches were not read, or do
 * not tell one new name.
 */
export function retitledAnchor(history: PathHistory, path: string, keys: readonly string[], depth = 0): Retitle | undefined {
  if (!history.hasPatches || depth > 8) return undefined;
  const lineage = lineageOf(history, path);
  const pending = new Map<string, Retitle>();
  for (const key of keys) for (const rename of history.worktreeRetitled?.get(key) ?? []) if (lineage.has(rename.path)) pending.set(rename.text, rename);
  if (pending.size > 0) return pending.size === 1 ? [...pending.values()][0] : undefined;
  const last = lastChange(history, lineage, keys);
  if (!last?.removed) return undefined;
  const removal = last.commit;
  const renames = new Map<string, Retitle>();
  for (const key of keys) for (const rename of history.retitled.get(key) ?? []) if (rename.commit === removal && lineage.has(rename.path)) renames.set(rename.text, rename);
  if (renames.size !== 1) return undefined;
  const [rename] = renames.values();
  return retitledAnchor(history, rename.path, rename.keys, depth + 1) ?? rename;
}

/**
 * The anchors renamed where they stood by the changes not yet committed: `git diff -U0 -M HEAD`
 * output, read as the patch of one commit (`PathHistory.worktreeRetitled`).
 */
export function worktreeRetitles(diff: string): Map<string, Retitle[]> {
  const scratch = emptyHistory();
  scratch.commits.push({ hash: 'worktree', time: 0, added: [], modified: [], deleted: [], renamed: [] });
  addGitPatches(scratch, `\0worktree\n${diff}`);
  for (const renames of scratch.retitled.values()) for (const rename of renames) rename.pending = true;
  return scratch.retitled;
}

/** The renames of `retitled`, one line each in a stable order: the same text, the same renames. */
export function describeRetitles(retitled: ReadonlyMap<string, Retitle[]> | undefined): string {
  const lines: string[] = [];
  for (const [key, renames] of retitled ?? []) for (const rename of renames) lines.push(retitleLine(rename, key));
  return lines.sort().join('\n');
}

/** The old names' keys whose renames differ between two reads of the changes not yet committed. */
export function changedRetitleKeys(before: ReadonlyMap<string, Retitle[]> | undefined, after: ReadonlyMap<string, Retitle[]>): string[] {
  const describe = (key: string, renames: readonly Retitle[] | undefined) => (renames ?? []).map((rename) => retitleLine(rename, key)).sort().join('\n');
  const keys = new Set([...(before?.keys() ?? []), ...after.keys()]);
  return [...keys].filter((key) => describe(key, before?.get(key)) !== describe(key, after.get(key)));
}

function retitleLine(rename: Retitle, key: string): string {
  return `${rename.path}\t${key}\t${rename.text}`;
}

/**
 * The notes that took part of the note once at `start` when a rename along its chain was a split
 * or a scatter that git read as a rename: the changed notes the patches saw take some of its
 * anchors, and the notes the commit created that hold one now (`holds`). Their paths now, those
 * that still exist; empty when every rename on the chain took the note whole.
 */
export function splitAlongRenames(history: PathHistory, start: string, exists: (path: string) => boolean, holds: (path: string, key: string) => boolean): string[] {
  const others = new Set<string>();
  for (const [current] of renamesFrom(history, start)) {
    const split = history.renamedWhileSplit.get(current);
    if (!split || split.commit !== history.renamedAt.get(current)) continue;
    const created = history.commits[split.commit].added.filter((path) => /\.md$/i.test(path)).map((path) => finalPath(history, path));
    const tookSome = created.filter((path) => exists(path) && split.lost.some((key) => holds(path, key)));
    for (const path of [...split.takers.map((taker) => finalPath(history, taker)).filter(exists), ...tookSome]) others.add(path);
  }
  others.delete(finalPath(history, start));
  return [...others].sort();
}

/**
 * The note a 🗄 line of the note now at `path` was written in, when the patches saw the line
 * moved here from another note (a section moved with its references), followed back through
 * earlier moves of the same line. Undefined when it was written here, or history cannot say.
 * `readLine` gives the line's text; it is asked only when history saw some such line arrive in
 * the note (reading a note's text may read its file).
 */
export function referenceLineOrigin(history: PathHistory, path: string, readLine: () => string | undefined): string | undefined {
  let lineage = lineageOf(history, path);
  const arrivedIn = (known: string) => history.movedReferenceLines.has(known) || history.linesLeftForNewNotes.has(history.addedAt.get(known) ?? -1);
  if (![...lineage].some(arrivedIn)) return undefined;
  const text = readLine()?.trimEnd();
  if (text === undefined) return undefined;
  let origin: string | undefined;
  let before = Infinity;
  for (let depth = 0; depth < 8; depth++) {
    let found: { from: string; commit: number } | undefined;
    for (const known of lineage) {
      const moved = history.movedReferenceLines.get(known)?.get(text);
      if (moved && moved.commit < before && (!found || moved.commit > found.commit)) found = moved;
      // A note created by a commit that took the line out of one other note: it came from there.
      const created = history.addedAt.get(known);
      const left = created === undefined ? undefined : history.linesLeftForNewNotes.get(created)?.get(text);
      if (created !== undefined && created < before && left?.length === 1 && left[0] !== known && (!found || created > found.commit)) found = { from: left[0], commit: created };
    }
    if (!found) break;
    origin = found.from;
    before = found.commit;
    lineage = lineageOf(history, found.from);
  }
  return origin;
}

/**
 * The commit in which a 🗄 line naming `token` was written into the note now at `path`, when
 * history can say: the first commit that wrote such a line into the note (moves between notes do
 * not count), else the commit that created the note, if that commit deleted no note (a note
 * created by a split carries lines written before).
 */
export function referenceWrittenAt(history: PathHistory, path: string, token: string): number | undefined {
  const lineage = lineageOf(history, path);
  const wanted = foldName(token.trim());
  let written: number | undefined;
  let created: number | undefined;
  for (const known of lineage) {
    const commit = history.referencesWritten.get(known)?.get(wanted);
    if (commit !== undefined && (written === undefined || commit < written)) written = commit;
    const added = history.addedAt.get(known);
    if (added !== undefined && (created === undefined || added < created)) created = added;
  }
  if (written !== undefined) return written;
  // A note created by a commit that took such a line out of another note (a split git reads as a
  // rename) carries a line written before: the creation does not date it.
  const carried = created !== undefined && [...(history.linesLeftForNewNotes.get(created)?.keys() ?? [])].some((line) => referenceTokens(line).includes(wanted));
  if (created !== undefined && history.commits[created].deleted.length === 0 && !carried) return created;
  return undefined;
}

function addTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}
