/**
 * The state of one language-server session: the open documents, the workspace folders and the
 * loose files, the settings, what the client can do, and the background rechecks. Handlers
 * (`handlers/*.ts`) hold no state of their own; they ask the session.
 */

import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { CodeLensRefreshRequest, DiagnosticSeverity, MessageType, ShowMessageNotification, TextDocuments, type Connection, type Diagnostic, type InitializeParams, type TextDocumentEdit, type WorkspaceEdit, type WorkspaceFolder } from 'vscode-languageserver';
import { OpenDocuments } from './openDocuments';
import { makeRange, plainRange, type Range } from '../core/text/positions';
import { DEFAULT_SETTINGS, NotesWorkspace, type ToriiSettings } from './notesWorkspace';
import { toDiagnostic } from './convert';
import { PublishedDiagnostics } from './publishedDiagnostics';
import { HOLD_MS, shownWhileTyping, type LineSpan } from './typingHold';
import { ClientArrivals } from './clientArrivals';
import { readStallRecord, type StallWatchdog } from '../node/stallWatchdog';
import { indexCacheFile } from '../node/indexCache';
import type { PathHistory } from '../core/index/history';
import { NOTES_CHANGED_NOTIFICATION } from './protocol';

/**
 * How long the typing must pause before the notes that depend on an edited note are rechecked: the
 * pause after which the edited note's own new complaints are shown (`typingHold.ts`), so that the
 * links into a heading being retyped are not called dead at every short pause…
 */
const QUIET_MS = HOLD_MS;
/** …unless it has not paused for this long. */
const MAX_UNSETTLED_MS = 1000;

/** A note and the workspace it belongs to. */
export interface NoteHandle {
  workspace: NotesWorkspace;
  path: string;
}

/** What the client said it can do, read once from `initialize`. */
export interface ClientAbilities {
  configuration: boolean;
  watchedFiles: boolean;
  progress: boolean;
  workspaceFolders: boolean;
  refreshTokens: boolean;
  /** `documentChanges` in workspace edits: edits to open documents carry the version they were computed on. */
  versionedEdits: boolean;
  /** `create` resource operations in workspace edits: the quick fix that creates a note needs them. */
  createFiles: boolean;
  /** `rename` resource operations in workspace edits: F2 on a 🗄 file name renames the note's file. */
  fileRenames: boolean;
  /** `workspace/codeLens/refresh`: lenses can be asked for again when a setting changes them. */
  refreshLenses: boolean;
  /**
   * Whether the client makes the folder a file is created or renamed into when it does not exist.
   * The spec does not say; VS Code does. Neovim did from 0.8 for a created file and from 0.10 for a
   * renamed one (neovim/neovim#19835, #27291): before, the edit failed half applied.
   */
  makesFolders: { create: boolean; rename: boolean };
  /** The client's name and version, for messages (`Neovim 0.7.2`). */
  name: string;
  /** The client takes a completion edit with two ranges, to insert or to replace the word (`insertReplaceSupport`). */
  insertReplace: boolean;
  /** The client asked to be told when notes changed (`torii/notesChanged`; initialization option `notesChanged`). */
  notesChanged: boolean;
}

/** What `makesFolders` is for a client, from the name and version it gave (`clientInfo`). */
export function foldersMadeBy(clientInfo: { name: string; version?: string } | undefined): { create: boolean; rename: boolean } {
  if (clientInfo?.name !== 'Neovim') return { create: true, rename: true };
  const [major, minor] = (clientInfo.version ?? '').split('.').map(Number);
  if (!Number.isInteger(major) || !Number.isInteger(minor)) return { create: true, rename: true };
  const atLeast = (wantedMinor: number) => major > 0 || minor >= wantedMinor;
  return { create: atLeast(8), rename: atLeast(10) };
}

/** One change to a note, by workspace-relative path, as the core features return them. */
export interface PathEdit {
  path: string;
  range: Range;
  newText: string;
}

/** The least time between two reports of the indexing progress. */
const PROGRESS_INTERVAL_MS = 250;

/** The one line on a note Torii did not check (`check-failed`): a fault in Torii, said as `message`. */
function checkFailedDiagnostic(message: string): Diagnostic {
  return { range: plainRange(makeRange(0, 0, 0)), severity: DiagnosticSeverity.Information, source: 'torii', code: 'check-failed', message };
}

/** What the writer sees on a note whose check got the previous server stuck. */
const STALLED_MESSAGE = 'Torii did not check this note: checking it got Torii stuck, a fault in Torii and not in the note, and the server was stopped and started again. Edit the note to check it again; the Torii log says more';

/** The watchdog's record beside the index cache, and how it names a note being checked. */
const STALL_RECORD = 'stalled.json';
const CHECKING = 'checking ';

export class Session {
  /** The editor's open documents; those not in use keep their text as deflated UTF-8 (`openDocuments.ts`). */
  readonly documents = new TextDocuments(new OpenDocuments());
  folders: NotesWorkspace[] = [];
  settings: ToriiSettings = DEFAULT_SETTINGS;
  loose = new NotesWorkspace(undefined, DEFAULT_SETTINGS, (uri) => this.documents.get(uri)?.getText());
  client: ClientAbilities = { configuration: false, watchedFiles: false, progress: false, workspaceFolders: false, refreshTokens: false, versionedEdits: false, createFiles: false, fileRenames: false, refreshLenses: false, insertReplace: false, makesFolders: { create: true, rename: true }, name: 'the editor', notesChanged: false };
  /** Settles once every folder is indexed: requests that need the whole index wait on it. */
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private isReady = false;
  /** What each document's diagnostics were when last sent: a recheck that changes nothing sends nothing. */
  private readonly published = new PublishedDiagnostics();
  /** Notes to check again in the background, per workspace. */
  private readonly pending = new Map<NotesWorkspace, Set<string>>();
  private draining = false;
  /** Each folder's index change count, path generation and history when the other folders' notes that link into it were last queued (`recheckSiblingDependents`). */
  private readonly siblingStates = new Map<NotesWorkspace, { count: number; paths: number; history: PathHistory | undefined }>();
  /** The sum of the workspaces' `linkPlacesGeneration` and `authorGeneration` when code lenses were last asked for again. */
  private lensGeneration = 0;
  /** The sum of the workspaces' index change counts and `linkPlacesGeneration` when the client was last told notes changed. */
  private viewsGeneration = 0;
  /** True when background rechecks wait for the typing to pause (`settle` resumes them). */
  private drainParked = false;
  /** Notes edited since the typing last paused, whose dependents are not rechecked yet. */
  private readonly unsettled = new Map<NotesWorkspace, Set<string>>();
  private unsettledSince: number | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  /** Open notes being typed in, and the lines their last edit touched: new complaints there wait for a pause (`typingHold.ts`). */
  private readonly typing = new Map<string, { workspace: NotesWorkspace; path: string; lines: LineSpan }>();
  private revealTimer: NodeJS.Timeout | undefined;
  /** Where the index cache of each folder is kept (`indexCache.ts`): the client's choice, none by default. */
  private indexCacheFolder: string | undefined;
  /**
   * Work that waits for the next slice of background rechecks (saving the index cache): after the
   * first slice, which checks the open notes first, and before the rest.
   */
  private readonly afterSlice: Array<() => void> = [];
  /** Work that waits until the background rechecks are all done (saving every note's diagnostics). */
  private readonly whenIdle: Array<() => void> = [];

  /**
   * `watchdog`: told what the server is doing, for its message if the server gets stuck
   * (`stallWatchdog.ts`). `arrivals`: the messages the transport has read and the connection not
   * yet handled (`clientArrivals.ts`); without them, the typing hold ends on its timer alone.
   */
  constructor(
    readonly connection: Connection,
    private readonly watchdog?: StallWatchdog,
    private readonly arrivals = new ClientArrivals(),
  ) {
    this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
    // The first content event of the stalled note is the editor opening it; the next, an edit.
    let stalledOpened = false;
    this.documents.onDidChangeContent(({ document }) => {
      if (document.uri !== this.stalledUri) return;
      if (stalledOpened) this.stalledUri = undefined;
      stalledOpened = true;
    });
  }

  setReady(): void {
    this.isReady = true;
    this.markReady();
  }

  readClientAbilities(params: InitializeParams): void {
    const options = params.initializationOptions as { indexCacheFolder?: unknown; notesChanged?: unknown } | undefined;
    // Only a folder the client names, and only an absolute one: never the notes' folder by default.
    this.indexCacheFolder = typeof options?.indexCacheFolder === 'string' && path.isAbsolute(options.indexCacheFolder) ? options.indexCacheFolder : undefined;
    if (this.indexCacheFolder) this.steerClearOfStalls(this.indexCacheFolder);
    const { workspace, window } = params.capabilities;
    this.client = {
      configuration: workspace?.configuration === true,
      watchedFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      progress: window?.workDoneProgress === true,
      workspaceFolders: workspace?.workspaceFolders === true,
      refreshTokens: workspace?.semanticTokens?.refreshSupport === true,
      versionedEdits: workspace?.workspaceEdit?.documentChanges === true,
      createFiles: workspace?.workspaceEdit?.documentChanges === true && (workspace.workspaceEdit.resourceOperations ?? []).includes('create'),
      // F2 on a file name renames the file: the client must rename files from an edit (resource
      // operations come only in `documentChanges`; Neovim 0.7 lists them without saying so).
      fileRenames: (workspace?.workspaceEdit?.resourceOperations ?? []).includes('rename'),
      refreshLenses: workspace?.codeLens?.refreshSupport === true,
      insertReplace: params.capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
      makesFolders: foldersMadeBy(params.clientInfo),
      notesChanged: options?.notesChanged === true,
      name: params.clientInfo ? `${params.clientInfo.name}${params.clientInfo.version ? ` ${params.clientInfo.version}` : ''}` : 'the editor',
    };
  }

  workspaces(): NotesWorkspace[] {
    return [...this.folders, this.loose];
  }

  /** Tells the user something. A notification, not a request: a client that cannot answer requests must not break the server. */
  notify(message: string, type: MessageType = MessageType.Info): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  /**
   * Asks the client to apply an edit Torii computed on its own (a repair, a fix of every note).
   * When the client refuses it, most often because a note changed after the edit was computed
   * (the edit names the version it was computed on), the user is told that nothing changed and
   * how to try again. `what` names the edit in that sentence ("the repair"). Resolves with the
   * client's reason when it was refused.
   */
  async applyEdit(label: string, edit: WorkspaceEdit, what: string, again: string): Promise<{ applied: true } | { applied: false; refused: string }> {
    const result = await this.connection.workspace.applyEdit({ label, edit });
    if (result.applied) return { applied: true };
    const reason = result.failureReason ? ` (${result.failureReason})` : '';
    this.notify(`Torii: ${what} was not applied${reason}: a note changed while it was being prepared, or the editor refused the edit. Nothing was changed; ${again}.`, MessageType.Warning);
    return { applied: false, refused: result.failureReason ?? 'not applied' };
  }

  /** The workspace and path of a document URI; loose files get a workspace of their own. */
  locate(uri: string, create = false): NoteHandle | undefined {
    this.watchdog?.doing(`answering a request about ${uri}`);
    let fsPath: string | undefined;
    try {
      fsPath = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      fsPath = undefined;
    }
    if (fsPath) {
      // The innermost folder wins when folders nest.
      const owners = this.folders.filter((folder) => folder.relativePath(fsPath!) !== undefined).sort((a, b) => b.root!.length - a.root!.length);
      if (owners.length > 0) return { workspace: owners[0], path: owners[0].relativePath(fsPath)! };
    }
    if (!create && !this.documents.get(uri)) return undefined;
    return { workspace: this.loose, path: this.loose.looseKey(uri) };
  }

  /**
   * A workspace edit from the core's edits. For a client that takes `documentChanges`, each edit
   * to an open document carries the version it was computed on, so the client refuses it if the
   * user typed in between instead of applying it to text that moved; files not open carry none.
   */
  workspaceEdit(workspace: NotesWorkspace, edits: readonly PathEdit[]): WorkspaceEdit {
    const byUri = new Map<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>>();
    for (const edit of edits) {
      const uri = workspace.uriOf(edit.path);
      let list = byUri.get(uri);
      if (!list) byUri.set(uri, (list = []));
      list.push({ range: plainRange(edit.range), newText: edit.newText });
    }
    return this.editOfUris(byUri);
  }

  /**
   * The folders whose links may lead into `home`: itself (no `root`), and in the workspace's order
   * the others that have it as a sibling collection, each with the name they know it by
   * (references, their counts, rename and moves reach their links).
   */
  foldersReaching(home: NotesWorkspace): Array<{ folder: NotesWorkspace; root?: string }> {
    if (!this.folders.includes(home)) return [{ folder: home }];
    return this.folders.flatMap((folder) => {
      if (folder === home) return [{ folder }];
      const root = folder.siblingNameOf(home);
      return root === undefined ? [] : [{ folder, root }];
    });
  }

  /** `foldersReaching` but `home` itself: the other folders that have it as a sibling collection. */
  foldersLinkingInto(home: NotesWorkspace): Array<{ folder: NotesWorkspace; root: string }> {
    return this.foldersReaching(home).flatMap(({ folder, root }) => (root === undefined ? [] : [{ folder, root }]));
  }

  /** Like `workspaceEdit`, for edits already grouped by URI (several workspaces in one edit). */
  editOfUris(byUri: ReadonlyMap<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>>): WorkspaceEdit {
    if (!this.client.versionedEdits) return { changes: Object.fromEntries(byUri) };
    return { documentChanges: this.documentEdits(byUri) };
  }

  /** Edits grouped by URI as `documentChanges` entries, each open document's with its version. */
  documentEdits(byUri: ReadonlyMap<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>>): TextDocumentEdit[] {
    return [...byUri].map(([uri, edits]) => ({ textDocument: { uri, version: this.documents.get(uri)?.version ?? null }, edits }));
  }

  /**
   * A workspace edit that creates a note and writes its first text. Without `overwrite` or
   * `ignoreIfExists`, the client refuses the whole edit if a file is there already: nothing is lost.
   */
  createNoteEdit(workspace: NotesWorkspace, notePath: string, text: string): WorkspaceEdit {
    const uri = workspace.uriOf(notePath);
    return { documentChanges: [{ kind: 'create', uri }, { textDocument: { uri, version: null }, edits: [{ range: plainRange(makeRange(0, 0, 0)), newText: text }] }] };
  }

  publish(workspace: NotesWorkspace, notePath: string): void {
    if (!workspace.loaded) return;
    const uri = workspace.uriOf(notePath);
    const document = this.documents.get(uri);
    let diagnostics: Diagnostic[];
    this.watchdog?.doing(`${CHECKING}${uri}`);
    try {
      diagnostics = uri === this.stalledUri ? [checkFailedDiagnostic(STALLED_MESSAGE)] : workspace.hasFile(notePath) ? workspace.check(notePath).map((diagnostic) => toDiagnostic(diagnostic, (place) => workspace.uriOfPlace(place))) : [];
    } catch (error) {
      // A fault in a rule must cost one note its diagnostics, not the session: the background
      // check runs outside any request, where an exception would end the server.
      diagnostics = [this.checkFailed(notePath, error)];
    }
    this.watchdog?.doing('waiting');
    workspace.recordDiagnostics(notePath, diagnostics);
    const typed = document ? this.typing.get(uri) : undefined;
    if (typed) {
      const { now, held } = shownWhileTyping(this.published.shown(uri), diagnostics, typed.lines);
      if (held === 0) this.typing.delete(uri);
      diagnostics = now;
    }
    if (this.published.changed(uri, document?.version, diagnostics)) void this.connection.sendDiagnostics({ uri, version: document?.version, diagnostics });
  }

  /**
   * The writer typed on `lines` of the open note: until the typing pauses, complaints new on
   * those lines wait (`typingHold.ts`); then the note is published whole. Undefined `lines`: the
   * editor's text of the note was replaced, opened or closed, which is no typing, and nothing
   * waits. Only the editor's changes say whether the writer types: the file of a note being typed
   * in changes on disk when the editor saves it, and VS Code reports that a moment later, often
   * while the next keys come.
   */
  typedIn(workspace: NotesWorkspace, notePath: string, lines: LineSpan | undefined): void {
    const uri = workspace.uriOf(notePath);
    if (!lines) {
      this.typing.delete(uri);
      return;
    }
    this.typing.set(uri, { workspace, path: notePath, lines });
    clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => this.reveal(), HOLD_MS);
  }

  /**
   * The hold's time ran out: what waited is shown, unless the pause was the server's. Once what
   * the client sent meanwhile is read, a note whose next change has come stays held, and the
   * hold's time starts again (handling that change usually starts it first). If a key is handled
   * before the input is quiet, its own timer decides.
   */
  private reveal(): void {
    this.revealTimer = undefined;
    this.arrivals.whenQuiet(() => {
      if (this.revealTimer !== undefined) return;
      let typedOn = false;
      for (const [uri, { workspace, path: notePath }] of [...this.typing]) {
        const version = this.documents.get(uri)?.version;
        if (version !== undefined && this.arrivals.newerChange(uri, version)) {
          typedOn = true;
          continue;
        }
        this.typing.delete(uri);
        if (this.workspaces().includes(workspace)) this.publish(workspace, notePath);
      }
      if (typedOn) this.revealTimer = setTimeout(() => this.reveal(), HOLD_MS);
    });
  }

  /**
   * A server the watchdog stopped (`stallWatchdog.ts`) leaves a record, beside the index cache, of
   * the note it was checking; the next server does not check that note until the editor changes
   * it, so that the editor's restarts do not meet the same loop again and again.
   */
  private steerClearOfStalls(folder: string): void {
    const file = path.join(folder, STALL_RECORD);
    const record = readStallRecord(file);
    const stuckUri = record?.doing.startsWith(CHECKING) ? record.doing.slice(CHECKING.length) : undefined;
    if (record) this.connection.console.warn(`Torii: the previous server was stopped, stuck while ${record.doing}${stuckUri ? '; that note is not checked until it is edited' : ''}`);
    this.stalledUri = stuckUri;
    try {
      fs.mkdirSync(folder, { recursive: true });
      this.watchdog?.recordTo(file);
    } catch {
      // Without the folder there is no record: a stall would be met again, as without one.
    }
  }

  /** The note a stopped server got stuck checking, not checked until it changes. */
  private stalledUri: string | undefined;

  /** What the writer sees of a note Torii failed to check: one line on the note, the details in the log. */
  private checkFailed(notePath: string, error: unknown): Diagnostic {
    const message = error instanceof Error ? error.message : String(error);
    this.connection.console.error(`Torii: could not check ${notePath}: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return checkFailedDiagnostic(`Torii could not check this note, a fault in Torii and not in the note (${message.length > 200 ? `${message.slice(0, 200)}…` : message}); the Torii log has the details`);
  }

  /** Empties the client's diagnostics of a document (its note is gone, or was never ours). */
  clearDiagnostics(uri: string): void {
    this.published.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Queues notes for a background recheck, done in short slices so requests are never kept waiting. */
  recheckLater(workspace: NotesWorkspace, paths: Iterable<string>): void {
    this.recheckSiblingDependents();
    let set = this.pending.get(workspace);
    if (!set) this.pending.set(workspace, (set = new Set()));
    const queued = [...paths];
    for (const notePath of queued) set.add(notePath);
    workspace.willRecheck(queued);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drain());
    }
  }

  /** The version of the open document `uri` whose diagnostics were last published (`torii/status`). */
  publishedVersion(uri: string): number | undefined {
    return this.published.versionOf(uri);
  }

  /**
   * How many notes wait for a background recheck (one more while a pass is scheduled), counting
   * each edited note whose dependents wait for the typing to pause, and each whose new complaints
   * do (`torii/status`: a client that waits for the diagnostics to settle waits for those too).
   */
  pendingChecks(): number {
    return this.backgroundChecks() + this.typing.size;
  }

  /** `pendingChecks` but the notes whose complaints wait: those are checked, their diagnostics recorded. */
  private backgroundChecks(): number {
    // Until every folder is read and its notes queued, the checks to come are not counted yet: one.
    let count = (this.draining ? 1 : 0) + (this.isReady ? 0 : 1);
    for (const paths of this.pending.values()) count += paths.size;
    for (const paths of this.unsettled.values()) count += paths.size;
    return count;
  }

  private drain(): void {
    // While the writer types, background rechecks wait for the pause `settle` marks (a second at
    // most): a keystroke's own diagnostics then never queue behind them, nor behind their garbage.
    if (this.unsettledSince !== undefined) {
      this.drainParked = true;
      return;
    }
    // Short slices: a keystroke's own diagnostics never wait long behind background rechecks.
    const sliceEnd = Date.now() + 4;
    for (const [workspace, paths] of this.pending) {
      for (const notePath of paths) {
        paths.delete(notePath);
        this.publish(workspace, notePath);
        if (Date.now() > sliceEnd) {
          setImmediate(() => this.drain());
          for (const task of this.afterSlice.splice(0)) task();
          return;
        }
      }
      this.pending.delete(workspace);
    }
    this.draining = false;
    for (const task of this.afterSlice.splice(0)) task();
    for (const task of this.whenIdle.splice(0)) task();
    // Other notes changed status: their 🗄 colours may have too.
    if (this.client.refreshTokens && this.settings.semanticTokens) void this.connection.languages.semanticTokens.refresh();
    this.afterRechecks();
  }

  /** Once the rechecks are done: the editor asks for lenses again if counts moved, and views are told if notes changed. */
  private afterRechecks(): void {
    this.refreshLensesIfCountsMoved();
    this.tellIfNotesChanged();
  }

  /** Tells the client's views that notes changed since it was last told (`torii/notesChanged`), once the rechecks are done. */
  private tellIfNotesChanged(): void {
    if (!this.client.notesChanged) return;
    let generation = 0;
    for (const workspace of this.workspaces()) generation += workspace.index.changeCount + workspace.linkPlacesGeneration;
    if (generation === this.viewsGeneration) return;
    this.viewsGeneration = generation;
    void this.connection.sendNotification(NOTES_CHANGED_NOTIFICATION);
  }

  /**
   * Asks the editor for code lenses again when some note's links came to lead elsewhere since it
   * last did, or some 📙 citation or 📚 entry changed (the "N citations" of each book): another
   * editor's counts (a split view) would stay as they were until its own note changed. Once the
   * typing pauses and the rechecks are done, not at every keystroke.
   */
  private refreshLensesIfCountsMoved(): void {
    if (!this.client.refreshLenses || !this.settings.codeLens) return;
    let generation = 0;
    for (const workspace of this.workspaces()) generation += workspace.linkPlacesGeneration + workspace.index.authorGeneration;
    if (generation === this.lensGeneration) return;
    this.lensGeneration = generation;
    void this.connection.sendRequest(CodeLensRefreshRequest.type);
  }

  /**
   * A note changed: check it now, and its dependents once the typing pauses. While keystrokes
   * come, rechecking the notes that link into a 74 KB note (hundreds at 10,000 notes) after
   * each one would keep the next keystroke's own diagnostics waiting.
   */
  noteChanged(workspace: NotesWorkspace, notePath: string, structural: boolean): void {
    this.publish(workspace, notePath);
    if (structural) {
      this.recheckLater(workspace, workspace.allPaths().filter((other) => other !== notePath));
      return;
    }
    let changed = this.unsettled.get(workspace);
    if (!changed) this.unsettled.set(workspace, (changed = new Set()));
    changed.add(notePath);
    const now = Date.now();
    this.unsettledSince ??= now;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.settle(), Math.max(0, Math.min(QUIET_MS, this.unsettledSince + MAX_UNSETTLED_MS - now)));
  }

  /** Rechecks the dependents of the notes changed since the last pause. */
  private settle(): void {
    this.settleTimer = undefined;
    this.unsettledSince = undefined;
    const current = this.workspaces();
    for (const [workspace, changed] of this.unsettled) {
      this.unsettled.delete(workspace);
      // A folder removed meanwhile has nothing left to recheck.
      if (!current.includes(workspace)) continue;
      for (const notePath of changed) this.recheckLater(workspace, workspace.dependentsOf(notePath));
    }
    if (this.drainParked) {
      this.drainParked = false;
      setImmediate(() => this.drain());
    } else if (!this.draining) {
      this.afterRechecks();
    }
  }

  async loadFolder(workspace: NotesWorkspace): Promise<void> {
    const progress = this.client.progress ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Torii: indexing notes', 0, path.basename(workspace.root!), false);
    const started = Date.now();
    // Four reports a second at most: each one crosses to the editor's window and redraws it (every 32 notes made 30 a second).
    let reportedAt = 0;
    const problems = await workspace.load((done, total) => {
      if (!progress || (done < total && Date.now() - reportedAt < PROGRESS_INTERVAL_MS)) return;
      reportedAt = Date.now();
      progress.report(total ? Math.round((100 * done) / total) : 100, `${done}/${total} notes`);
    });
    for (const problem of problems) this.connection.console.warn(`${workspace.root}/${problem.path}: ${problem.message}`);
    const cache = workspace.cacheReport;
    const fromCache = cache ? ` (${cache.reused} from the index cache, read in ${cache.loadMs} ms; ${cache.read} read from disk)` : '';
    this.connection.console.info(`Torii: indexed ${workspace.index.noteCount} notes in ${workspace.root} in ${Date.now() - started} ms${fromCache}; ${workspace.historyStatus}`);
    if (workspace.historyWarning) this.connection.console.warn(`Torii: ${workspace.root}: ${workspace.historyWarning}`);
    if (cache?.problem) this.connection.console.info(`Torii: the index cache was not used: ${cache.problem}`);
    progress?.done();
    // Read: the other folders may look into it now.
    this.linkFolders();
    // Once the open notes' diagnostics are out, between the other notes' checks: until then the
    // entries to save are held (30 MB at 10,000 notes), and held to the end of the check they
    // raised its peak RSS by 60 MB.
    this.afterSlice.push(() => {
      void workspace.saveCache().then((done) => {
        if (done) this.connection.console.info(`Torii: ${done}`);
      });
    });
    await this.publishReusable(workspace);
    this.saveDiagnosticsWhenIdle(workspace);
  }

  /**
   * Sends the diagnostics an earlier session saved for the folder exactly as it is now (the
   * same files, settings and history), at once. Every note is checked after as always, and what
   * comes out the same is not sent again.
   */
  private async publishReusable(workspace: NotesWorkspace): Promise<void> {
    const reusable = workspace.takeReusableDiagnostics();
    if (!reusable) return;
    const sent: Array<Promise<void>> = [];
    for (const [notePath, diagnostics] of reusable) {
      if (!workspace.hasFile(notePath)) continue;
      const uri = workspace.uriOf(notePath);
      const version = this.documents.get(uri)?.version;
      if (this.published.changed(uri, version, diagnostics)) sent.push(this.connection.sendDiagnostics({ uri, version, diagnostics }));
    }
    this.connection.console.info(`Torii: sent the saved diagnostics of ${reusable.size} notes; checking them again`);
    // Written before the check begins: each message waits for the one before it, and with the
    // check's slices between them ten thousand took 2–6 s to reach the client instead of well under one.
    await Promise.all(sent);
  }

  /** Once every note's diagnostics are out, saves them for the next session (`NotesWorkspace.saveDiagnostics`). */
  private saveDiagnosticsWhenIdle(workspace: NotesWorkspace): void {
    this.whenIdle.push(() => {
      if (!this.folders.includes(workspace)) return;
      void workspace.saveDiagnostics(this.backgroundChecks()).then((done) => {
        if (done === 'later') this.saveDiagnosticsWhenIdle(workspace);
        else if (done) this.connection.console.info(`Torii: ${done}`);
      });
    });
  }

  async fetchSettings(): Promise<void> {
    if (!this.client.configuration) return;
    const value = (await this.connection.workspace.getConfiguration('torii')) as Partial<{ rootAliases: string[]; outline: { terms: boolean }; semanticTokens: { enabled: boolean }; codeLens: { enabled: boolean; showZero: boolean }; linkAcrossFolders: boolean }> | null;
    this.settings = {
      rootAliases: Array.isArray(value?.rootAliases) ? value!.rootAliases.filter((alias) => typeof alias === 'string') : DEFAULT_SETTINGS.rootAliases,
      outlineTerms: typeof value?.outline?.terms === 'boolean' ? value.outline.terms : DEFAULT_SETTINGS.outlineTerms,
      semanticTokens: typeof value?.semanticTokens?.enabled === 'boolean' ? value.semanticTokens.enabled : DEFAULT_SETTINGS.semanticTokens,
      codeLens: typeof value?.codeLens?.enabled === 'boolean' ? value.codeLens.enabled : DEFAULT_SETTINGS.codeLens,
      codeLensZero: typeof value?.codeLens?.showZero === 'boolean' ? value.codeLens.showZero : DEFAULT_SETTINGS.codeLensZero,
      linkAcrossFolders: typeof value?.linkAcrossFolders === 'boolean' ? value.linkAcrossFolders : DEFAULT_SETTINGS.linkAcrossFolders,
    };
    for (const workspace of this.workspaces()) workspace.applySettings(this.settings);
    this.linkFolders();
  }

  /**
   * Makes the folders of the workspace each other's sibling collections (DIALECT §8.6), unless the
   * settings say not to: a name one folder has no note of is looked for in the others, in the
   * order the editor lists them. Each is named by its folder's name (two folders of one name by
   * their place in the list too). A folder joins the others' siblings once it is read: until then
   * a name not found there might be a note not read yet (as a folder's own links wait for it).
   */
  private linkFolders(): void {
    const names = new Map<string, number>();
    const named = this.folders.map((workspace) => {
      const base = path.basename(workspace.root!);
      const seen = (names.get(base) ?? 0) + 1;
      names.set(base, seen);
      return { name: seen === 1 ? base : `${base} (${seen})`, workspace };
    });
    for (const { workspace } of named) {
      const siblings = this.settings.linkAcrossFolders ? named.filter((other) => other.workspace !== workspace && other.workspace.loaded) : [];
      // Other siblings, or the same under other names: any note's links may read otherwise now.
      if (workspace.setSiblings(siblings) && workspace.loaded) this.recheckLater(workspace, workspace.allPaths());
    }
  }

  /**
   * When a folder's notes or history changed since last looked at, the notes of the other folders
   * whose links looked into it are checked again: all of them when a note came or went there or its
   * history changed, else only those that read one of its notes (its index's change count, path
   * generation and history tell; a recheck changes none, so this never feeds itself).
   */
  private recheckSiblingDependents(): void {
    for (const changed of this.folders) {
      // Its notes, which notes it has, and its history (what it says of a name it no longer has).
      const state = { count: changed.index.changeCount, paths: changed.index.pathGeneration, history: changed.index.history };
      const last = this.siblingStates.get(changed);
      if (last?.count === state.count && last.history === state.history) continue;
      this.siblingStates.set(changed, state);
      // A note typed in, none come or gone and no commit: the links that found no note there stay as they were.
      const notesOnly = last !== undefined && last.paths === state.paths && last.history === state.history;
      for (const other of this.folders) {
        if (other === changed) continue;
        const dependents = other.siblingDependents(notesOnly);
        if (dependents.length > 0) this.recheckLater(other, dependents);
      }
    }
  }

  addFolders(added: WorkspaceFolder[]): NotesWorkspace[] {
    const created: NotesWorkspace[] = [];
    for (const folder of added) {
      if (!folder.uri.startsWith('file:')) continue;
      const workspace = new NotesWorkspace(fileURLToPath(folder.uri), this.settings, (uri) => this.documents.get(uri)?.getText());
      if (this.indexCacheFolder) workspace.cacheFile = indexCacheFile(this.indexCacheFolder, workspace.root!);
      this.folders.push(workspace);
      created.push(workspace);
    }
    if (created.length > 0) this.linkFolders();
    return created;
  }

  removeFolder(uri: string): void {
    let root: string;
    try {
      root = fileURLToPath(uri);
    } catch {
      // Not a file URI: no folder of ours.
      return;
    }
    const gone = this.folders.filter((workspace) => workspace.root === root);
    this.folders = this.folders.filter((workspace) => !gone.includes(workspace));
    for (const workspace of gone) {
      for (const notePath of workspace.allPaths()) this.clearDiagnostics(workspace.uriOf(notePath));
      // Nothing may keep a folder gone, and its index, alive.
      this.siblingStates.delete(workspace);
    }
    if (gone.length > 0) this.linkFolders();
  }
}
