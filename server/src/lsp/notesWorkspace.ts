/**
 * One notes collection on disk (a workspace folder), or the loose files open outside any folder.
 * It owns the index, lays open documents over the files on disk, and remembers which notes
 * depend on which, so that an edit rechecks what it can change and no more.
 */

import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { WorkspaceIndex, type IndexedNote } from '../core/index/workspaceIndex';
import { expectedSections, nameStem, splitNoteNames } from '../core/index/noteKeys';
import { checkNote, resolveNoteReferences, type NoteDiagnostic } from '../core/features/check';
import { countBacklinksByLine } from '../core/features/references';
import { citedAuthorsNear } from '../core/features/authors';
import { changedRetitleKeys, type PathHistory } from '../core/index/history';
import { resolverOptionsFor } from '../core/features/options';
import { bookAuthorKey, type ResolverOptions } from '../core/features/resolve';
import { listNoteFiles, readNoteFile, resolveInside } from '../node/workspaceFiles';
import { readNotes, type NoteOutcome } from '../node/readNotes';
import { diagnosticsCacheFile, fileStamp, folderFingerprint, loadDiagnosticsCache, loadIndexCache, packNote, saveDiagnosticsCache, saveIndexCache, type PackedNote } from '../node/indexCache';
import type { Diagnostic } from 'vscode-languageserver';
import { MAX_NOTE_BYTES, tooLargeMessage } from '../core/text/encoding';
import { loadGitHistory, loadGitHistoryInBackground, loadWorktreeRenamesInBackground, shallowHistoryWarning, type GitHistoryResult } from '../node/gitHistory';
import { Dependencies } from './dependencies';
import { digestOf } from './publishedDiagnostics';
import { NoteGraphCache, summarizeNoteLinks, type GraphScope, type NoteGraph, type NoteLinks } from '../core/features/graph';
import { authorFacts } from '../core/features/bookFacts';
import type { Steps } from '../core/steps';
import { authorKey, foldName } from '../core/text/names';

export interface ToriiSettings {
  /** Leading path components that name the collection itself (`kb` in `` `kb/craft/glazes` ``). */
  rootAliases: string[];
  /** Show term lines (`* _term_:`) in the outline. */
  outlineTerms: boolean;
  /** Colour 🗄 targets by status and 📙 authors by whether they are known. */
  semanticTokens: boolean;
  /** "N references" above headings and 📚 entries. */
  codeLens: boolean;
  /** In a workspace of several folders, a note name one folder has no note of is looked for in the others (DIALECT §8.6). */
  linkAcrossFolders: boolean;
  /** Also "0 references" above headings no link leads to. */
  codeLensZero: boolean;
}

/** What the index cache gave when the folder was read. */
export interface IndexCacheReport {
  /** Why the cache was not used, when it was there but unusable. */
  problem: string | undefined;
  loadMs: number;
  /** Notes taken from the cache, and notes read from disk. */
  reused: number;
  read: number;
  /** Once the cache was written after reading: how many notes it holds. */
  saved?: number;
}

/** How long a long computation runs before it lets the event loop answer what came meanwhile. */
const SLICE_MS = 4;
/** How many times `inSlices` starts again because a note changed under it. */
const MAX_RESTARTS = 2;

export const DEFAULT_SETTINGS: ToriiSettings = { rootAliases: [], outlineTerms: true, semanticTokens: true, codeLens: true, codeLensZero: false, linkAcrossFolders: true };

export class NotesWorkspace {
  readonly index: WorkspaceIndex;
  options: ResolverOptions;
  /**
   * False until every note of the folder is read. Until then a link may point at a note not yet
   * read, so nothing is diagnosed: a false dead link is worse than a late one.
   */
  loaded: boolean;
  /**
   * The notes open in the editor, with the document version last put in the index. Their texts
   * stay in the editor's documents (`documentText`): the workspace keeps no copy of them.
   */
  private readonly openVersions = new Map<string, number | undefined>();
  /**
   * Per open note, a digest of its file's text as last read (at opening, or when the file changed
   * since). When the file goes (a `git checkout`, a shell's `mv`) and the editor's text is still
   * that, the editor holds nothing of the user's own, and the note goes with the file.
   */
  private readonly openFileDigests = new Map<string, number>();
  /** For loose files: their paths are keys of their own, and this gives each one's URI. */
  private readonly looseUris = new Map<string, string>();
  /** Notes whose resolved links lead into another note. */
  private readonly intoNote = new Dependencies();
  /**
   * Notes read with the folder and not checked since: until there are none, the maps of which
   * note links where (filled as notes are checked) may leave some out.
   */
  private uncheckedSinceRead = new Set<string>();
  /**
   * Notes with a reference that did not resolve, each with the names it looked for (stems of
   * file parts, first words of same-note sections): a note of that name appearing or changing
   * may mend it.
   */
  private readonly unresolvedNames = new Map<string, string[]>();
  /**
   * Where this folder's index cache lives (`indexCache.ts`), when the client gave a cache folder;
   * what loading it did, for `torii/status` and the log; and what to save once diagnostics are out.
   */
  cacheFile: string | undefined;
  cacheReport: IndexCacheReport | undefined;
  private unsavedCache: PackedNote[] | undefined;
  /** What git said of the folder's history, as a digest (`loadGitHistory`). */
  private historyKey = 'none';
  /** How many reads of the history have begun: a read in the background that another began after is dropped. */
  private historyReads = 0;
  /** What the history read last is, for the log: how many commits, or why there is none; and a shallow clone's warning. */
  historyStatus = 'git history not read yet';
  historyWarning: string | undefined;
  /**
   * What checking this folder depended on when it was read (`folderFingerprint`): settings,
   * history, every file's stamp. Undefined without a cache folder, and once any of it changed.
   */
  private fingerprint: string | undefined;
  /** Diagnostics an earlier session saved for that very fingerprint, by path: sent at once after reading. */
  private reusableDiagnostics: Map<string, Diagnostic[]> | undefined;
  /** Each note's diagnostics as published, kept until they are saved for the fingerprint. */
  private diagnosticsToSave: Map<string, Diagnostic[]> | undefined;
  /** Why diagnostics that were being kept will not be saved after all, to say once in the log. */
  private notSavedBecause: string | undefined;
  /** The open note last found unlike its file (`openNotesAsOnDisk`). */
  private unlikeItsFile: string | undefined;
  /** The `file:` URI of each note path asked for. */
  private readonly uris = new Map<string, string>();
  /**
   * While the folder is being read (`load`): the files a file event read again, or found gone,
   * meanwhile. The reading's outcomes for them (read, or taken from the index cache, before the
   * event) are older, and put nothing in the index.
   */
  private readWhileLoading: Set<string> | undefined;
  /** While the folder is being read: the folders deleted meanwhile, whose notes the reading may still bring. */
  private foldersGoneWhileLoading: string[] | undefined;
  /** Per note, the resolved references the other notes lead into it with, by line, and what that count depended on (`backlinkCounts`). */
  private readonly backlinksFromOthers = new Map<string, { shape: string; sources: string; options: ResolverOptions; history: PathHistory | undefined; changeCount: number; counts: Map<number, number> }>();
  /** Each note's anchor names and kinds, its line count, and the anchor names other notes look for: most keystrokes change none. */
  private readonly shapeByNote = new Map<string, NoteShape>();
  /** The shapes of notes forgotten since `dependentsOf` last looked at them. */
  private readonly forgottenShapes = new Map<string, NoteShape>();
  /**
   * Notes whose resolved links depend on another note's anchors (an ambiguous name decided by the
   * section), beyond the notes they lead into: `dependentsOf` asks `intoNote` for those alike.
   */
  private readonly onAnchorsOf = new Dependencies();
  /** Notes whose dead links weighed another note's anchors (where a section went): their names and lines. */
  private readonly onAnchorsAndLinesOf = new Dependencies();
  /** Notes whose check read another note's text (text-only words) or shows one of its lines (a related place, a fix's target). */
  private readonly onTextOf = new Dependencies();
  /** While a note is checked: the notes whose text its check reads. */
  private textsRead: Set<string> | undefined;
  /** Notes whose dead links searched the collection for an anchor name: a note gaining or losing it may change the fix. */
  private readonly onAnchorKey = new Dependencies();
  /** Per note, a hash of the places (note and line) its resolved links led to at its last check. */
  private readonly linkPlaces = new Map<string, number>();
  /**
   * Bumped whenever a check finds a note's links leading to other places, or a note goes: the
   * code lenses of other notes count those links, and the session asks the editor for them again.
   */
  linkPlacesGeneration = 0;
  /** Each note's 🗄 links summed by target, from its last check, and the graphs put together from them. */
  private readonly links = new NoteGraphCache();
  /** The other folders links may lead into (`setSiblings`), by the names messages give them. */
  private siblingFolders: ReadonlyArray<{ name: string; workspace: NotesWorkspace }> = [];
  /** Notes whose last check looked in those folders for a name this one has no note of. */
  private readonly onSiblings = new Set<string>();
  /** Of those, the notes whose check read a note there (not only which notes there are): `ResolutionDependencies.siblings`. */
  private readonly onSiblingNotes = new Set<string>();
  /** Notes whose resolved links lead into a sibling folder's note, by `siblingKey` of that note. */
  private readonly intoSiblingNote = new Dependencies();

  /**
   * `root` is the folder's absolute path, or undefined for the loose files. `documentText` gives
   * the editor's text of an open document, by URI.
   */
  constructor(
    readonly root: string | undefined,
    settings: ToriiSettings,
    private readonly documentText: (uri: string) => string | undefined = () => undefined,
  ) {
    this.index = new WorkspaceIndex({ readText: (notePath) => this.readText(notePath) });
    this.loaded = root === undefined;
    this.options = resolverOptionsFor(root ? path.basename(root) : '', settings.rootAliases);
  }

  applySettings(settings: ToriiSettings): void {
    const options = resolverOptionsFor(this.root ? path.basename(this.root) : '', settings.rootAliases);
    if (this.loaded && JSON.stringify(options) !== JSON.stringify(this.options)) this.changedSinceRead();
    this.options = options;
  }

  /** The workspace-relative path of a file, or undefined when it is not under this folder. */
  relativePath(fsPath: string): string | undefined {
    if (!this.root) return undefined;
    const relative = path.relative(this.root, fsPath);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  /**
   * The other folders of the workspace that links may lead into (DIALECT §8.6: sibling roots),
   * in order, each with its name. What a note's check says then depends on their notes too, so
   * no diagnostics are saved for the folder, nor reused. True when they are not those it had.
   */
  setSiblings(siblings: ReadonlyArray<{ name: string; workspace: NotesWorkspace }>): boolean {
    // Their root aliases are read again every time (a setting may have changed them).
    this.index.siblings = siblings.map(({ name, workspace }) => ({ name, index: workspace.index, rootAliases: workspace.options.rootAliases }));
    const same = siblings.length === this.siblingFolders.length && siblings.every((sibling, at) => sibling.name === this.siblingFolders[at].name && sibling.workspace === this.siblingFolders[at].workspace);
    if (same) return false;
    this.siblingFolders = siblings;
    if (siblings.length > 0) {
      this.changedSinceRead();
      this.reusableDiagnostics = undefined;
    }
    return true;
  }

  /**
   * The notes whose last check looked in the sibling folders: a change there may change them. With
   * `notesOnly`, for a change that kept which notes they have and their histories (a note typed
   * in), only those whose check read a note there.
   */
  siblingDependents(notesOnly = false): string[] {
    return [...(notesOnly ? this.onSiblingNotes : this.onSiblings)];
  }

  /**
   * The notes whose links lead into the note `notePath` of the sibling folder `root`, for its
   * references and their count: those whose last check found it and those waiting for a recheck;
   * every note (undefined) while one read with the folder is not checked yet, as for `sourcesInto`.
   */
  sourcesIntoSibling(root: string, notePath: string): string[] | undefined {
    if (this.uncheckedSinceRead.size > 0) return undefined;
    const waiting = [...this.awaitingRecheck].filter((waitingPath) => this.index.hasNote(waitingPath));
    return [...new Set([...this.intoSiblingNote.sourcesOf(siblingKey(root, notePath)), ...waiting])];
  }

  /** The sibling folder of that name. */
  siblingNamed(name: string): NotesWorkspace | undefined {
    return this.siblingFolders.find((candidate) => candidate.name === name)?.workspace;
  }

  /** The name this folder knows `other` by, when `other` is one of its siblings. */
  siblingNameOf(other: NotesWorkspace): string | undefined {
    return this.siblingFolders.find((candidate) => candidate.workspace === other)?.name;
  }

  /** The URI of a place of this folder, or of the sibling folder it names (`NoteLocation.root`). */
  uriOfPlace(place: { path: string; root?: string }): string {
    return ((place.root === undefined ? undefined : this.siblingNamed(place.root)) ?? this).uriOf(place.path);
  }

  uriOf(notePath: string): string {
    if (!this.root) return this.looseUris.get(notePath) ?? notePath;
    // Every publication asks (and its related places): at 10,000 notes `pathToFileURL` alone took a second of a busy minute.
    let uri = this.uris.get(notePath);
    if (uri === undefined) {
      uri = pathToFileURL(path.join(this.root, notePath)).href;
      this.uris.set(notePath, uri);
    }
    return uri;
  }

  /** Registers a loose file (outside every folder) under a key of its own. */
  looseKey(uri: string): string {
    const key = uri.replace(/^.*\//, '') || uri;
    const unique = [...this.looseUris.entries()].find(([, known]) => known === uri)?.[0] ?? (this.looseUris.has(key) ? `${this.looseUris.size}/${key}` : key);
    this.looseUris.set(unique, uri);
    return unique;
  }

  /**
   * Reads every note of the folder into the index, parsed on worker threads, yielding to the
   * event loop every few milliseconds so that requests are still answered. A note open in the
   * editor keeps the editor's text. `onProgress` gets (done, total).
   */
  async load(onProgress: (done: number, total: number) => void): Promise<Array<{ path: string; message: string }>> {
    const root = this.root;
    if (!root) return [];
    this.readWhileLoading = new Set();
    this.foldersGoneWhileLoading = [];
    try {
      return await this.loadFolder(root, onProgress);
    } finally {
      this.readWhileLoading = undefined;
      this.foldersGoneWhileLoading = undefined;
    }
  }

  private async loadFolder(root: string, onProgress: (done: number, total: number) => void): Promise<Array<{ path: string; message: string }>> {
    this.refreshHistory();
    const listed = listNoteFiles(root);
    const cache = this.cacheFile ? await this.openCache(root, listed.files) : undefined;
    const stamps: Array<string | undefined> = [];
    let at = 0;
    const statistics = await readNotes(
      root,
      listed.files,
      (file, outcome) => {
        // A note read now has the stamp of that reading; one from the cache, the stamp it matched.
        const stamp = outcome.kind !== 'missing' && outcome.stamp !== undefined ? outcome.stamp : cache?.stamps[at];
        at++;
        if (cache) {
          stamps.push(stamp);
          // Not a note a file event read since: this outcome is older than the file.
          const packed = stamp !== undefined && !this.changedWhileLoading(file) ? packNote(file, stamp, outcome) : undefined;
          if (packed) cache.toSave.push(packed);
        }
        // A file event read it since (or found it gone): that is newer than this reading, or this
        // note of the cache, which were made before.
        if (this.openVersions.has(file) || this.changedWhileLoading(file)) return;
        if (outcome.kind === 'note') this.index.setCompactNote(outcome.compact, outcome.keys);
        else if (outcome.kind === 'parsed') this.index.setNoteText(file, outcome.text);
        else if (outcome.kind === 'skipped') this.index.setSkipped(file, outcome.message, outcome.severity);
        else this.forget(file);
      },
      { onProgress, known: cache?.known },
    );
    if (cache) {
      this.cacheReport = { ...this.cacheReport!, reused: statistics.known, read: listed.files.length - statistics.known };
      // Saved once the first diagnostics are out (`saveCache`), and only when it would change.
      if (statistics.known !== listed.files.length || cache.toSave.length !== cache.entries) this.unsavedCache = cache.toSave;
      // Files changed while they were read (file events came): the folder is not as the stamps say.
      this.fingerprint = this.readWhileLoading?.size || this.foldersGoneWhileLoading?.length || this.index.siblings.length > 0 ? undefined : folderFingerprint({ settings: JSON.stringify(this.options), history: this.historyKey, files: listed.files.map((file, index) => ({ path: file, stamp: stamps[index] })) });
      if (this.fingerprint) {
        const saved = await loadDiagnosticsCache<Diagnostic>(diagnosticsCacheFile(this.cacheFile!), this.fingerprint);
        // A note open with text of its own is not what the saved diagnostics were made from.
        if (saved && this.openNotesAsOnDisk()) this.reusableDiagnostics = saved;
        // Saved again from this session's own check, even when reused: a saved set that came out
        // otherwise is then mended for the next session.
        this.diagnosticsToSave = new Map();
      }
    }
    this.loaded = true;
    this.uncheckedSinceRead = new Set(this.index.notePaths());
    // Every note is checked after reading: what reading the folder read again needs no recheck.
    this.index.takeRedecidedAuthors();
    return listed.problems;
  }

  /**
   * Whether every open note's text is its file's. The note last found otherwise is looked at
   * first: the diagnostics wait on it at every pause while the writer types, and a client may have
   * ten thousand notes open.
   */
  private openNotesAsOnDisk(): boolean {
    const unlike = (notePath: string) => this.documentText(this.uriOf(notePath)) !== this.readDiskText(notePath);
    if (this.unlikeItsFile !== undefined && this.openVersions.has(this.unlikeItsFile) && unlike(this.unlikeItsFile)) return false;
    for (const notePath of this.openVersions.keys()) {
      if (!unlike(notePath)) continue;
      this.unlikeItsFile = notePath;
      return false;
    }
    this.unlikeItsFile = undefined;
    return true;
  }

  /** The diagnostics saved for this folder as it is, once (`load`); undefined when there are none. */
  takeReusableDiagnostics(): Map<string, Diagnostic[]> | undefined {
    const reusable = this.reusableDiagnostics;
    this.reusableDiagnostics = undefined;
    return reusable;
  }

  /** A note's diagnostics were published: kept while they are to be saved. */
  recordDiagnostics(notePath: string, diagnostics: Diagnostic[]): void {
    this.diagnosticsToSave?.set(notePath, diagnostics);
  }

  /** Something checking depends on changed since the folder was read: nothing is saved for the fingerprint. */
  private changedSinceRead(): void {
    if (this.diagnosticsToSave) this.notSavedBecause = 'the folder changed since it was read';
    this.fingerprint = undefined;
    this.diagnosticsToSave = undefined;
  }

  /**
   * Saves every note's diagnostics for the fingerprint, when they are all out and still describe
   * the files (`pendingChecks`: rechecks still to come). Returns `later` when they are not all
   * out yet or an open note differs from its file, the log line when it wrote or gave up,
   * undefined when there is nothing to write.
   */
  async saveDiagnostics(pendingChecks: number): Promise<string | undefined | 'later'> {
    const notes = this.diagnosticsToSave;
    if (!notes || !this.fingerprint || !this.cacheFile) {
      const reason = this.notSavedBecause;
      this.notSavedBecause = undefined;
      return reason ? `the diagnostics are not saved for the next session: ${reason}` : undefined;
    }
    // An open note the editor has changed was checked as the editor has it, not as its file is:
    // wait until they agree again (an undo), or until a save makes the folder another one. Asked
    // before listing every path: while the writer types this is asked at every pause.
    if (pendingChecks > 0 || !this.openNotesAsOnDisk() || this.allPaths().some((notePath) => !notes.has(notePath))) return 'later';
    this.diagnosticsToSave = undefined;
    const started = Date.now();
    try {
      const bytes = await saveDiagnosticsCache(diagnosticsCacheFile(this.cacheFile), this.fingerprint, notes);
      return `saved the diagnostics of ${notes.size} notes (${(bytes / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`;
    } catch (error) {
      return `could not save the diagnostics cache: ${(error as Error).message}`;
    }
  }

  /**
   * The index cache's outcomes for the listed files whose stamps are unchanged, and the stamps,
   * taken before the files are read (a file changed after its stamp is read again next time);
   * none when the cache is empty.
   */
  private async openCache(root: string, files: readonly string[]): Promise<{ stamps: Array<string | undefined>; known: Array<(() => NoteOutcome) | undefined>; toSave: PackedNote[]; entries: number }> {
    const started = Date.now();
    const loaded = await loadIndexCache(this.cacheFile!, root);
    const stamps: Array<string | undefined> = [];
    const known: Array<(() => NoteOutcome) | undefined> = [];
    let sliceEnd = Date.now() + SLICE_MS * 5;
    // With nothing cached, every file is read, and its stamp comes with the reading.
    for (const file of loaded.notes?.size ? files : []) {
      const stamp = fileStamp(path.join(root, file));
      stamps.push(stamp);
      const cached = loaded.notes?.get(file);
      known.push(cached && stamp !== undefined && cached.stamp === stamp ? cached.outcome : undefined);
      if (Date.now() > sliceEnd) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceEnd = Date.now() + SLICE_MS * 5;
      }
    }
    this.cacheReport = { problem: loaded.notes ? undefined : loaded.problem, loadMs: Date.now() - started, reused: 0, read: 0 };
    return { stamps, known, toSave: [], entries: loaded.notes?.size ?? 0 };
  }

  /**
   * Writes the index cache if reading the folder changed it (a note read anew, one gone), between
   * other messages. Returns what it did, for the log; undefined when there was nothing to write.
   */
  async saveCache(): Promise<string | undefined> {
    const notes = this.unsavedCache;
    if (!notes || !this.root || !this.cacheFile) return undefined;
    this.unsavedCache = undefined;
    const started = Date.now();
    try {
      const bytes = await saveIndexCache(this.cacheFile, this.root, notes);
      if (this.cacheReport) this.cacheReport.saved = notes.length;
      return `saved the index cache of ${notes.length} notes (${(bytes / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`;
    } catch (error) {
      return `could not save the index cache ${this.cacheFile}: ${(error as Error).message}`;
    }
  }

  /**
   * Reads the folder's git history again (after notes were created, deleted or moved): true when it
   * differs from what was read before.
   */
  refreshHistory(): boolean {
    if (!this.root) return false;
    this.historyReads++;
    return this.takeHistory(loadGitHistory(this.root));
  }

  /**
   * Reads the history again with git running beside the server (after a commit: `git log -p` takes
   * seconds at a few thousand commits): true when it differs from what was read before. A read
   * begun after this one has the last word: this one's result is then dropped (false).
   */
  async refreshHistoryInBackground(): Promise<boolean> {
    if (!this.root) return false;
    const read = ++this.historyReads;
    const result = await loadGitHistoryInBackground(this.root);
    return read === this.historyReads && this.takeHistory(result);
  }

  /**
   * Reads again what the changes not yet committed renamed in place (after a note was saved: a
   * heading renamed and not committed), with git beside the server: the notes to check again when
   * that changed (those whose dead links looked for a name renamed before or now), else undefined.
   * Left when a read of the whole history began meanwhile (it reads them too).
   */
  async refreshWorktreeInBackground(): Promise<string[] | undefined> {
    const history = this.index.history;
    if (!this.root || !history?.hasPatches) return undefined;
    const reads = this.historyReads;
    const { retitled, key } = await loadWorktreeRenamesInBackground(this.root, this.historyKey);
    if (reads !== this.historyReads || this.index.history !== history || key === this.historyKey) return undefined;
    // A new history object: what was kept of the resolutions made with the old one is made again.
    this.index.history = { ...history, worktreeRetitled: retitled };
    if (this.loaded) this.changedSinceRead();
    this.historyKey = key;
    // With autosave, a heading typed slowly is saved at each pause: only the links to the names
    // whose renames changed are checked again, not every note.
    const notes = new Set<string>();
    for (const changed of changedRetitleKeys(history.worktreeRetitled, retitled)) for (const source of this.onAnchorKey.sourcesOf(changed)) notes.add(source);
    return [...notes];
  }

  private takeHistory(result: GitHistoryResult): boolean {
    this.index.history = result.history;
    this.historyStatus = result.history
      ? `git history of ${result.history.commits.length} commit${result.history.commits.length === 1 ? '' : 's'}${result.patchesSkipped ? ` (patches not read, sections are followed by name only: ${result.patchesSkipped})` : ''}`
      : `no git history (${result.reason})`;
    this.historyWarning = shallowHistoryWarning(result, 'Fetch the whole history (git fetch --unshallow) to follow them.');
    const changed = result.key !== this.historyKey;
    if (this.loaded && changed) this.changedSinceRead();
    this.historyKey = result.key;
    return changed;
  }

  /** The editor's text of an open note, else the file on disk (never outside the folder). */
  readText(notePath: string): string | undefined {
    this.textsRead?.add(notePath);
    if (this.openVersions.has(notePath)) {
      const open = this.documentText(this.uriOf(notePath));
      if (open !== undefined || !this.root) return open;
    }
    if (!this.root) return undefined;
    return this.readDiskText(notePath);
  }

  private readDiskText(notePath: string): string | undefined {
    const outcome = readNoteFile(this.root!, notePath);
    return outcome.kind === 'text' ? outcome.text : undefined;
  }

  isOpen(notePath: string): boolean {
    return this.openVersions.has(notePath);
  }

  /**
   * Puts the editor's text of a note in the index. Returns false when it equals what the index
   * already has: the same document version again (the first change event of a document repeats
   * its opening text), or, when a note is opened, the text on disk.
   */
  setOpenText(notePath: string, text: string, version?: number, uri?: string): boolean {
    // The URI as the client writes it, which its open documents are known by: `knife(old).md` is
    // `knife%28old%29.md` in VS Code's URIs, and `knife(old).md` in Node's.
    if (uri !== undefined && this.root) this.uris.set(notePath, uri);
    const wasOpen = this.openVersions.has(notePath);
    const previousVersion = this.openVersions.get(notePath);
    this.openVersions.set(notePath, version);
    const sameVersion = wasOpen && version !== undefined && version === previousVersion;
    const diskText = !wasOpen && this.root !== undefined ? this.readDiskText(notePath) : undefined;
    if (!wasOpen) this.rememberFileText(notePath, diskText);
    const asOnDisk = diskText !== undefined && diskText === text;
    if (text.length > MAX_NOTE_BYTES) {
      this.index.setSkipped(notePath, tooLargeMessage(text.length));
      return true;
    }
    if (this.index.hasNote(notePath) && (sameVersion || asOnDisk)) return false;
    this.index.setNoteText(notePath, text, { keepParsed: true });
    return true;
  }

  /**
   * The editor closed a note (`lastText` is what it held): the file on disk counts again.
   * Returns false when the file equals the editor's last text.
   */
  closeDocument(notePath: string, lastText?: string): boolean {
    const wasOpen = this.openVersions.delete(notePath);
    this.openFileDigests.delete(notePath);
    if (!this.root) {
      this.forget(notePath);
      return true;
    }
    // Read from disk now: newer than what a reading of the folder still going on holds of it.
    this.readWhileLoading?.add(notePath);
    if (wasOpen && lastText !== undefined && this.readDiskText(notePath) === lastText) {
      // Typed in and saved: the same note, now kept in compact form.
      this.index.compactKeptNote(notePath);
      return false;
    }
    this.reloadFromDisk(notePath);
    return true;
  }

  /** Whether a file event read `file` again, or took its folder away, since the folder began to be read. */
  private changedWhileLoading(file: string): boolean {
    if (this.readWhileLoading?.has(file)) return true;
    return this.foldersGoneWhileLoading?.some((folder) => file.startsWith(`${folder}/`)) ?? false;
  }

  /**
   * A folder was deleted (or moved away) on disk. Its notes come as their own deletions; this
   * tells a reading of the folder still going on not to bring back the ones it has not reached.
   */
  diskFolderDeleted(folder: string): void {
    this.foldersGoneWhileLoading?.push(folder);
  }

  /** A file changed or appeared on disk. The editor's text wins while the note is open. */
  diskChanged(notePath: string): void {
    this.changedSinceRead();
    this.readWhileLoading?.add(notePath);
    if (!this.openVersions.has(notePath)) {
      this.reloadFromDisk(notePath);
      return;
    }
    const text = this.documentText(this.uriOf(notePath));
    // An open note that went with its file (`diskDeleted`) comes back, as the editor has it.
    if (text !== undefined && !this.hasFile(notePath)) this.index.setNoteText(notePath, text, { keepParsed: true });
    // A file that cannot be read now keeps the digest it had: VS Code reports a change of an open
    // file whose folder a shell moved away just before the folder's deletion (seen in the real editor).
    const fileText = this.root ? this.readDiskText(notePath) : undefined;
    if (fileText !== undefined) this.rememberFileText(notePath, fileText);
  }

  private rememberFileText(notePath: string, text: string | undefined): void {
    if (text === undefined) this.openFileDigests.delete(notePath);
    else this.openFileDigests.set(notePath, digestOf(text));
  }

  /**
   * A file was deleted on disk. An open note keeps the editor's text, unless that text is just the
   * file's as last read (opened and not typed in, or typed in and saved or undone): then the note
   * goes with its file, and a folder moved by a shell or a branch checked out leaves no second
   * copy of the notes that were open in it. A note kept has no file any more: what the editor
   * holds is all of it, and a later deletion (its folder's, once its file had gone elsewhere)
   * leaves it as it is, even if the writer has since typed it back to the file's old text.
   */
  diskDeleted(notePath: string): void {
    this.changedSinceRead();
    this.readWhileLoading?.add(notePath);
    const fileDigest = this.openFileDigests.get(notePath);
    const text = fileDigest === undefined ? undefined : this.documentText(this.uriOf(notePath));
    this.openFileDigests.delete(notePath);
    if (!this.openVersions.has(notePath) || (text !== undefined && digestOf(text) === fileDigest)) this.forget(notePath);
  }

  /**
   * The notes on disk in a folder created or moved in, which comes as one event for the folder,
   * none for the notes in it (VS Code folds them).
   */
  notesOnDiskIn(folder: string): string[] {
    return this.root ? listNoteFiles(this.root, folder).files : [];
  }

  /** Every note and unreadable file, the ones open in the editor first: what to check first after loading. */
  pathsOpenFirst(): string[] {
    const all = this.allPaths();
    return [...all.filter((notePath) => this.openVersions.has(notePath)), ...all.filter((notePath) => !this.openVersions.has(notePath))];
  }

  hasFile(notePath: string): boolean {
    return this.index.hasNote(notePath) || this.index.skippedFile(notePath) !== undefined;
  }

  /** Whether anything (a note, a folder, another file) is at `notePath` on disk, inside this folder. */
  takenOnDisk(notePath: string): boolean {
    const absolute = this.root ? resolveInside(this.root, notePath) : undefined;
    return absolute === undefined || fs.existsSync(absolute);
  }

  allPaths(): string[] {
    return [...this.index.notePaths(), ...this.index.skipped().map((file) => file.path)].sort();
  }

  /** Checks one note, and remembers what it depends on. */
  check(notePath: string): NoteDiagnostic[] {
    this.uncheckedSinceRead.delete(notePath);
    this.awaitingRecheck.delete(notePath);
    // The notes whose text the check reads; a check that throws (the session then says so on the
    // note) leaves no recording on for the reads after it.
    const textOf = (this.textsRead = new Set<string>());
    let reports: ReturnType<typeof resolveNoteReferences>;
    let diagnostics: NoteDiagnostic[];
    try {
      reports = resolveNoteReferences(this.index, notePath, this.options);
      diagnostics = checkNote(this.index, notePath, this.options, reports);
    } finally {
      this.textsRead = undefined;
    }
    const targets = new Set<string>();
    const names = new Set<string>();
    const anchorsOf = new Set<string>();
    const anchorsAndLinesOf = new Set<string>();
    const anchorKeys = new Set<string>();
    const siblingTargets = new Set<string>();
    let lookedInSiblings = false;
    let readSiblingNotes = false;
    for (const { reference, resolution } of reports) {
      for (const key of resolution.dependsOn?.anchorKeys ?? []) anchorKeys.add(key);
      if (resolution.dependsOn?.siblings) lookedInSiblings = true;
      if (resolution.dependsOn?.siblings === 'notes') readSiblingNotes = true;
      // Into a sibling folder: a note of this one named so would take the link (`onSiblings` hears of the other's changes).
      if (resolution.status === 'resolved' && resolution.target?.root !== undefined && reference.file) {
        names.add(nameStem(reference.file.text));
        siblingTargets.add(siblingKey(resolution.target.root, resolution.target.path));
        continue;
      }
      if (resolution.status === 'resolved' && resolution.target) {
        targets.add(resolution.target.path);
        for (const other of resolution.dependsOn?.notes ?? []) anchorsOf.add(other);
        continue;
      }
      // A dead section's note: a move of it takes the link along (`sourcesInto` names the link's note).
      if (resolution.status === 'dead_section' && resolution.note) {
        if (resolution.note.root === undefined) targets.add(resolution.note.path);
        else siblingTargets.add(siblingKey(resolution.note.root, resolution.note.path));
      }
      for (const other of resolution.dependsOn?.notes ?? []) anchorsAndLinesOf.add(other);
      if (reference.file) names.add(nameStem(reference.file.text));
      else if (reference.section) names.add(nameStem(reference.section.text.split(/[\s/>]+/)[0]));
      // And the names whose writers the verdict weighed (where a note's lost sections went, a folder a note became).
      for (const name of resolution.dependsOn?.names ?? []) names.add(name);
    }
    // A diagnostic that shows a line of another note (a related place, a fix's target) changes when that note's lines do.
    for (const diagnostic of diagnostics) {
      for (const related of diagnostic.related) if (related.root === undefined) textOf.add(related.path);
      if (diagnostic.fix && diagnostic.fix.target.root === undefined) textOf.add(diagnostic.fix.target.path);
    }
    textOf.delete(notePath);
    // A resolved link consulted the note it leads into: kept once, in `intoNote` (at 10,000 notes
    // both maps held the same pairs, 4 MB each).
    for (const target of targets) anchorsOf.delete(target);
    this.recordLinkPlaces(notePath, reports);
    this.intoNote.set(notePath, targets);
    this.intoSiblingNote.set(notePath, siblingTargets);
    this.onAnchorsOf.set(notePath, anchorsOf);
    this.onAnchorsAndLinesOf.set(notePath, anchorsAndLinesOf);
    this.onTextOf.set(notePath, textOf);
    this.onAnchorKey.set(notePath, anchorKeys);
    this.links.set(notePath, summarizeNoteLinks(this.index, notePath, reports));
    if (lookedInSiblings) this.onSiblings.add(notePath);
    else this.onSiblings.delete(notePath);
    if (readSiblingNotes) this.onSiblingNotes.add(notePath);
    else this.onSiblingNotes.delete(notePath);
    if (names.size > 0) this.unresolvedNames.set(notePath, [...names]);
    else this.unresolvedNames.delete(notePath);
    return diagnostics;
  }

  /** The graph of the notes (or of one note's neighbourhood), from each note's links as last checked. */
  graph(scope?: GraphScope): NoteGraph {
    return this.links.graph(this.index, (notePath) => this.linksOf(notePath), scope);
  }

  /** A note's links from its last check; resolved now when it was never checked. */
  private linksOf(notePath: string): NoteLinks {
    let links = this.links.get(notePath);
    if (!links) this.links.set(notePath, (links = summarizeNoteLinks(this.index, notePath, resolveNoteReferences(this.index, notePath, this.options))));
    return links;
  }

  /**
   * The notes whose 🗄 references lead into any of `notePaths` (those included, for same-note
   * references), or undefined while some note read with the folder has not been checked yet: a
   * rename, a move or a search for references made then must look at every note, not miss those
   * the background check has not reached (at 10,000 notes it takes seconds).
   */
  sourcesInto(...notePaths: string[]): string[] | undefined {
    if (this.uncheckedSinceRead.size > 0) return undefined;
    // A note waiting for a recheck may lead elsewhere since it was checked (a note moved: its
    // links may name the new place now): it is looked at too.
    const waiting = [...this.awaitingRecheck].filter((notePath) => this.index.hasNote(notePath));
    return [...new Set([...notePaths.flatMap((notePath) => this.checkedSourcesInto(notePath)), ...waiting])];
  }

  /**
   * Notes queued for a recheck (`Session.recheckLater`), until checked: their last check's records
   * may be out of date. Apart from `uncheckedSinceRead`: while a note read with the folder is
   * unchecked, every note is a candidate; a queued one adds itself only.
   */
  private readonly awaitingRecheck = new Set<string>();

  /** The session queued these notes for a recheck. */
  willRecheck(notePaths: Iterable<string>): void {
    for (const notePath of notePaths) this.awaitingRecheck.add(notePath);
  }

  private recordLinkPlaces(notePath: string, reports: ReturnType<typeof resolveNoteReferences>): void {
    // FNV-1a over each resolved target's note and line.
    let hash = 0x811c9dc5;
    for (const { resolution } of reports) {
      if (resolution.status !== 'resolved' || !resolution.target) continue;
      const place = `${resolution.target.root ?? ''}\n${resolution.target.path}\n${resolution.target.line}\n`;
      for (let at = 0; at < place.length; at++) hash = Math.imul(hash ^ place.charCodeAt(at), 0x01000193);
    }
    if (this.linkPlaces.get(notePath) === hash) return;
    this.linkPlaces.set(notePath, hash);
    this.linkPlacesGeneration++;
  }

  /** The notes whose 🗄 references resolved into `notePath` when last checked (itself included): those checked so far. */
  private checkedSourcesInto(notePath: string): string[] {
    return [...new Set([notePath, ...this.intoNote.sourcesOf(notePath)])];
  }

  /**
   * How many resolved references lead to each line of the note (code lenses). The other notes'
   * share is kept while only this note changes and its anchors keep their names and lines: a
   * keystroke in a note that hundreds of notes link to would otherwise resolve all their links
   * again (0.4 s for the 74 KB note of the 10,000-note benchmark). When it must be counted again
   * it is counted in short slices, and given up (undefined) as soon as `cancelled()` says the
   * editor no longer wants it: a keystroke's diagnostics never wait behind it. The note's own
   * links are counted afresh every time.
   */
  async backlinkCounts(notePath: string, cancelled: () => boolean = () => false): Promise<Map<number, number> | undefined> {
    for (;;) {
      const entry = this.index.getNote(notePath);
      if (!entry) return new Map();
      const shape = entry.note.anchors.map((anchor) => `${anchor.line}:${anchor.kind}:${anchor.text}`).join('\n');
      // The notes that lead here, as their last checks found them (the background check adds to them).
      const others = this.checkedSourcesInto(notePath).filter((source) => source !== notePath);
      const sources = others.join('\n');
      const cached = this.backlinksFromOthers.get(notePath);
      let fromOthers = cached?.counts;
      if (!cached || cached.shape !== shape || cached.sources !== sources || cached.options !== this.options || cached.history !== this.index.history || !this.index.changesOnlyTo(notePath, cached.changeCount)) {
        const changeCount = this.index.changeCount;
        const counts = new Map<number, number>();
        let sliceEnd = Date.now() + SLICE_MS;
        let interrupted = false;
        for (const source of others) {
          for (const [line, count] of countBacklinksByLine(this.index, notePath, this.options, [source])) counts.set(line, (counts.get(line) ?? 0) + count);
          if (Date.now() < sliceEnd) continue;
          await new Promise((resolve) => setImmediate(resolve));
          if (cancelled()) return undefined;
          // A note changed meanwhile: what was counted may mix two states of the workspace.
          if (this.index.changeCount !== changeCount) {
            interrupted = true;
            break;
          }
          sliceEnd = Date.now() + SLICE_MS;
        }
        if (interrupted) continue;
        fromOthers = counts;
        this.backlinksFromOthers.set(notePath, { shape, sources, options: this.options, history: this.index.history, changeCount, counts });
      }
      const counts = new Map(fromOthers);
      for (const [line, count] of countBacklinksByLine(this.index, notePath, this.options, [notePath])) counts.set(line, (counts.get(line) ?? 0) + count);
      return counts;
    }
  }

  /**
   * Reads the books of every author the note's 📚 entries name (and, with `cited`, every author
   * its 📙 items cite) as lenses and the preview read them (`authorFacts`), a few at a time between
   * other messages: the first time, a prolific author's citations are read from thousands of
   * notes (at 10,000 notes, the first lenses of a long note took 1.3 s in one stretch and its
   * preview 2.4 s, and a keystroke typed meanwhile waited). False when `cancelled` says stop.
   */
  async readBooksNamedIn(notePath: string, { cited = false, cancelled = () => false }: { cited?: boolean; cancelled?: () => boolean } = {}): Promise<boolean> {
    const authors = new Set<string>();
    const note = this.index.getNote(notePath)?.note;
    for (const list of note?.bookLists ?? []) for (const entry of list.entries) if (entry.author) authors.add(entry.author);
    if (cited) for (const citation of note?.citations ?? []) for (const item of citation.items) if (item.author) authors.add(item.author);
    const index = this.index;
    function* readEach(): Steps<true> {
      for (const author of authors) {
        authorFacts(index, author);
        yield;
      }
      return true;
    }
    return (await this.inSlices(readEach, cancelled)) === true;
  }

  /**
   * Runs `steps` a few milliseconds at a time between other messages, and from the start again
   * when a note changes meanwhile (what it made may mix two states of the collection), twice at
   * most: a client that never cancels must still get an answer while the writer types on.
   * Undefined when `cancelled` says stop.
   */
  async inSlices<T>(makeSteps: () => Steps<T>, cancelled: () => boolean = () => false): Promise<T | undefined> {
    for (let restarts = 0; ; restarts++) {
      const changeCount = this.index.changeCount;
      const steps = makeSteps();
      let sliceEnd = Date.now() + SLICE_MS;
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return step.value;
        if (Date.now() < sliceEnd) continue;
        await new Promise((resolve) => setImmediate(resolve));
        if (cancelled()) return undefined;
        if (this.index.changeCount !== changeCount && restarts < MAX_RESTARTS) break;
        sliceEnd = Date.now() + SLICE_MS;
      }
    }
  }

  /**
   * The notes whose diagnostics may change when `notePath` changed: those that lead into it,
   * those whose dead links look for its name, and, when its authors changed, those citing them.
   */
  dependentsOf(notePath: string): Set<string> {
    const dependents = new Set<string>();
    const { anchorsChanged, anchorLinesChanged, linesChanged, keysChanged, writtenChanged, authorsChanged } = this.shapeChanged(notePath);
    // Links that resolve into this note depend only on its anchors' names, not on their lines.
    if (anchorsChanged) for (const source of [...this.intoNote.sourcesOf(notePath), ...this.onAnchorsOf.sourcesOf(notePath)]) dependents.add(source);
    // Dead links that weighed its anchors show their lines in a fix.
    if (anchorsChanged || anchorLinesChanged) for (const source of this.onAnchorsAndLinesOf.sourcesOf(notePath)) dependents.add(source);
    // Checks that read its text (the words of a text-only match) or show one of its lines.
    for (const source of this.onTextOf.sourcesOf(notePath)) dependents.add(source);
    // Dead links that searched the collection for an anchor name this note gained or lost: their fix may change.
    for (const key of keysChanged) for (const source of this.onAnchorKey.sourcesOf(key)) dependents.add(source);
    // Names that dead links may look for, whose verdicts may change: its own and its folders' (new
    // anchors may mend them, and their fixes name its lines); and names it started or stopped
    // writing (a name nowhere here reads as meant or as a slip by how many notes write it).
    const names = new Set(writtenChanged.map(nameStem));
    if (anchorsChanged || linesChanged) {
      names.add(nameStem(notePath));
      // Folded as link names are (`crème` as macOS names a folder, `e` and a combining accent, is `crème`).
      for (const folder of notePath.split('/').slice(0, -1)) names.add(foldName(folder));
    }
    if (names.size > 0) {
      for (const [source, unresolved] of this.unresolvedNames) if (unresolved.some((name) => names.has(name))) dependents.add(source);
    }
    // Authors whose counts changed in notes read again because an author became (un)known, as well.
    for (const author of [...authorsChanged, ...this.index.takeRedecidedAuthors()]) {
      // Citing it, or a name a letter or two away: whether one is a typo of the other goes by how often each is written.
      for (const near of [author, ...citedAuthorsNear(this.index, author)]) for (const path of this.index.notesCitingAuthor(near)) dependents.add(path);
      // Notes where the name may or may not start a 📙 item, depending on whether it is known.
      for (const path of this.index.notesWithCandidate(author)) dependents.add(path);
    }
    dependents.delete(notePath);
    return dependents;
  }

  /**
   * What changed in the note since `dependentsOf` last looked at it: whether its anchor names, their
   * lines or its line count did, and which anchor names, written note names (with the sections
   * they name) and 📙/📚 authors it gained or lost. Never looked at since read with the folder, it
   * is compared with the version the index kept from its first change; a new note, with nothing.
   */
  private shapeChanged(notePath: string): { anchorsChanged: boolean; anchorLinesChanged: boolean; linesChanged: boolean; keysChanged: string[]; writtenChanged: string[]; authorsChanged: string[] } {
    const entry = this.index.getNote(notePath);
    // A note forgotten and not back is compared with what it was when forgotten; one back since
    // came as a new note (every note was rechecked then), so that shape says nothing of it now.
    const forgotten = entry ? undefined : this.forgottenShapes.get(notePath);
    this.forgottenShapes.delete(notePath);
    const first = entry?.firstVersion;
    if (entry) entry.firstVersion = undefined;
    const before = this.shapeByNote.get(notePath) ?? forgotten ?? (first ? this.shapeOf(first) : undefined);
    const shape = this.shapeOf(entry, before);
    this.shapeByNote.set(notePath, shape);
    const was = before ?? EMPTY_SHAPE;
    const keysChanged = [...shape.strongKeys].filter((key) => !was.strongKeys.has(key));
    for (const key of was.strongKeys) if (!shape.strongKeys.has(key)) keysChanged.push(key);
    // A 📚 entry retitled keeps its author's key, but a 🗄 link to the book reads its title words.
    for (const line of changedLines(was.books, shape.books)) keysChanged.push(firstField(line));
    const writtenChanged = changedLines(was.written, shape.written);
    // The sections its links expect in each note: a note renamed without history is found by them, and a note's lost sections.
    for (const line of changedLines(was.expectedSections, shape.expectedSections)) writtenChanged.push(firstField(line));
    return {
      anchorsChanged: before === undefined || before.anchors !== shape.anchors,
      anchorLinesChanged: before === undefined || before.anchorLines !== shape.anchorLines,
      linesChanged: before === undefined || before.lines !== shape.lines,
      keysChanged,
      writtenChanged,
      authorsChanged: [...new Set(changedLines(was.authors, shape.authors).map((line) => firstField(line).slice(1)))],
    };
  }

  /** The shape of a version of a note (none: a note gone); `known`, one whose anchor names, if the same, give the same keys. */
  private shapeOf(entry: IndexedNote | undefined, known?: NoteShape): NoteShape {
    if (!entry) return EMPTY_SHAPE;
    const note = entry.note;
    const anchors = note.anchors.map((anchor) => `${anchor.kind}:${anchor.text}`).join('\n');
    // The same anchor names give the same keys: most keystrokes need not compute them again.
    const strongKeys = new Set(known !== undefined && known.anchors === anchors ? known.anchorKeys : entry.strongKeys);
    const anchorKeys = strongKeys.size > 0 ? [...strongKeys] : [];
    const authors = new Set<string>();
    const books = new Set<string>();
    for (const list of note.bookLists) {
      for (const book of list.entries) {
        if (!book.author) continue;
        strongKeys.add(bookAuthorKey(book.author));
        authors.add(`L${authorKey(book.author)}`);
        books.add(`${bookAuthorKey(book.author)}\t${book.title}`);
      }
    }
    // Citations counted: a typo hint elsewhere weighs how often each name is written.
    const cited = new Map<string, number>();
    for (const citation of note.citations) {
      for (const item of citation.items) {
        const author = item.author && authorKey(item.author);
        if (author) cited.set(author, (cited.get(author) ?? 0) + 1);
      }
    }
    for (const [author, count] of cited) authors.add(`C${author}\t${count}`);
    return {
      anchors,
      anchorLines: note.anchors.map((anchor) => anchor.line).join(','),
      lines: note.lineCount,
      anchorKeys,
      strongKeys,
      written: entry.written,
      expectedSections: expectedSections(note, entry.path),
      authors: [...authors].sort().join('\n'),
      books: [...books].sort().join('\n'),
    };
  }

  private reloadFromDisk(notePath: string): void {
    if (!this.root || !resolveInside(this.root, notePath)) return;
    const outcome = readNoteFile(this.root, notePath);
    if (outcome.kind === 'text') this.index.setNoteText(notePath, outcome.text);
    else if (outcome.kind === 'skipped') this.index.setSkipped(notePath, outcome.message, outcome.severity);
    else this.forget(notePath);
  }

  private forget(notePath: string): void {
    this.uncheckedSinceRead.delete(notePath);
    this.awaitingRecheck.delete(notePath);
    // What it had and wrote counts no more: `dependentsOf` compares it with nothing.
    const entry = this.index.getNote(notePath);
    const shape = this.shapeByNote.get(notePath) ?? (entry ? this.shapeOf(entry.firstVersion ?? entry) : undefined);
    if (shape) this.forgottenShapes.set(notePath, shape);
    this.shapeByNote.delete(notePath);
    this.links.delete(notePath);
    this.index.removeNote(notePath);
    this.intoNote.forget(notePath);
    if (this.linkPlaces.delete(notePath)) this.linkPlacesGeneration++;
    this.onAnchorsOf.forget(notePath);
    this.onAnchorsAndLinesOf.forget(notePath);
    this.onTextOf.forget(notePath);
    this.onAnchorKey.forget(notePath);
    this.unresolvedNames.delete(notePath);
    this.onSiblings.delete(notePath);
    this.onSiblingNotes.delete(notePath);
    this.intoSiblingNote.forget(notePath);
  }
}

/** The key of a sibling folder's note in `intoSiblingNote`. */
function siblingKey(root: string, notePath: string): string {
  return `${root}\n${notePath}`;
}

/** What `dependentsOf` compares of two versions of a note (`NotesWorkspace.shapeOf`). */
interface NoteShape {
  /** Each anchor's kind and name, one a line. */
  anchors: string;
  anchorLines: string;
  lines: number;
  /** The strong anchors' keys… */
  anchorKeys: readonly string[];
  /** …and those with the 📚 authors' keys: the names a search of the collection finds the note by. */
  strongKeys: ReadonlySet<string>;
  /** The note names its links write (`writtenNoteNames`)… */
  written: string;
  /** …and the sections they name under each (`expectedSections`). */
  expectedSections: string;
  /** Its 📚 (`L`) and 📙 (`C`, with how many citations) authors, casefolded, one a line. */
  authors: string;
  /** Its 📚 entries' author keys and titles, one a line. */
  books: string;
}

const EMPTY_SHAPE: NoteShape = { anchors: '', anchorLines: '', lines: 0, anchorKeys: [], strongKeys: new Set(), written: '', expectedSections: '', authors: '', books: '' };

/** The lines of `after` not in `before` and those of `before` not in `after` (both newline-separated). */
function changedLines(before: string, after: string): string[] {
  if (before === after) return [];
  const [was, now] = [new Set(splitNoteNames(before)), new Set(splitNoteNames(after))];
  return [...[...now].filter((line) => !was.has(line)), ...[...was].filter((line) => !now.has(line))];
}

/** What a shape's line says before its first tab (a name, an author key), or the whole line. */
function firstField(line: string): string {
  const tab = line.indexOf('\t');
  return tab < 0 ? line : line.slice(0, tab);
}

