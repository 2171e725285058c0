/**
 * Initialize, settings, workspace folders, and keeping the index in step with the editor's
 * documents and the files on disk.
 */

import { CodeLensRefreshRequest, DidChangeWatchedFilesNotification, FileChangeType, WatchKind, type FileEvent, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import type { NotesWorkspace } from '../notesWorkspace';
import { isIgnoredPath } from '../../node/workspaceFiles';
import type { Session } from '../session';
import { serverCapabilities } from '../capabilities';
import { QuietWait } from '../quietWait';

/** The folder's reflog, relative to it: only a folder that is the root of its repository has its history read. */
const REFLOG = '.git/logs/HEAD';
/** How long the reflog stays unwritten before the history is read again. */
const HISTORY_QUIET_MS = 300;
/** How long notes stay unsaved before the changes not yet committed are read again. */
const WORKTREE_QUIET_MS = 500;

export function registerLifecycle(session: Session): void {
  const { connection, documents } = session;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    session.readClientAbilities(params);
    const initial = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    session.addFolders(initial);
    return { capabilities: serverCapabilities(), serverInfo: { name: 'torii', version: '0.1.0' } };
  });

  connection.onInitialized(async () => {
    if (session.client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        // Neovim 0.7 adds a folder with `removed: [{}]`: an entry without a URI removes nothing.
        for (const removed of event.removed) if (typeof removed?.uri === 'string') session.removeFolder(removed.uri);
        for (const workspace of session.addFolders(event.added)) {
          await session.loadFolder(workspace);
          session.recheckLater(workspace, workspace.allPaths());
        }
      });
    }
    if (session.client.watchedFiles) {
      // Folders too, created or deleted: a folder moved or deleted comes as one event for the
      // folder, none for the notes in it, and a `**/*.md` watcher never hears of it.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          // Any case, as the folder is read (`NOTES.MD` is a note): a watcher's glob is matched
          // case-sensitively where the file system is (Linux), and `*.md` missed its changes.
          { globPattern: '**/*.{md,mD,Md,MD}', kind: WatchKind.Change },
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          // Git appends to the folder's reflog at every commit, checkout, reset and rebase.
          { globPattern: `**/${REFLOG}`, kind: WatchKind.Create | WatchKind.Change },
        ],
      });
    }
    await session.fetchSettings();
    for (const workspace of session.folders) await session.loadFolder(workspace);
    session.setReady();
    // The notes open in the editor first: the user is looking at them.
    for (const workspace of session.folders) session.recheckLater(workspace, workspace.pathsOpenFirst());
  });

  connection.onDidChangeConfiguration(async () => {
    await session.fetchSettings();
    if (session.client.refreshTokens) void connection.languages.semanticTokens.refresh();
    if (session.client.refreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type);
    for (const workspace of session.folders) session.recheckLater(workspace, workspace.allPaths());
  });

  documents.onDidOpen(({ document }) => {
    const handle = session.locate(document.uri, true)!;
    const known = handle.workspace.hasFile(handle.path);
    // Opening a note as it is on disk changes nothing: its diagnostics are already out.
    if (handle.workspace.setOpenText(handle.path, document.getText(), document.version, document.uri) || handle.workspace === session.loose) {
      session.typedIn(handle.workspace, handle.path, undefined);
      session.noteChanged(handle.workspace, handle.path, !known);
    }
  });

  documents.onDidChangeContent(({ document }) => {
    const handle = session.locate(document.uri, true)!;
    // The first change event of a document repeats its opening text.
    const typed = document.takeTypedLines();
    if (handle.workspace.setOpenText(handle.path, document.getText(), document.version, document.uri)) {
      session.typedIn(handle.workspace, handle.path, typed);
      session.noteChanged(handle.workspace, handle.path, false);
    }
  });

  documents.onDidClose(({ document }) => {
    const handle = session.locate(document.uri, true);
    if (!handle) return;
    const changed = handle.workspace.closeDocument(handle.path, document.getText());
    if (handle.workspace === session.loose) {
      // A note open outside any folder is gone once closed: the others' links to it lead nowhere now.
      session.clearDiagnostics(document.uri);
      session.recheckLater(handle.workspace, handle.workspace.allPaths());
    } else if (changed) {
      session.typedIn(handle.workspace, handle.path, undefined);
      session.noteChanged(handle.workspace, handle.path, false);
    }
  });

  // Moves done in the editor (the explorer, a workspace edit). The file events come too, but a
  // note open with unsaved changes would stay at its old path: VS Code keeps that document open
  // there for a while after moving it (seen in the end-to-end test), and the editor's text wins
  // while a note is open, so both paths held the note.
  connection.workspace.onDidRenameFiles(({ files }) => {
    const changes = notesChanged(session, files.flatMap(({ oldUri, newUri }) => [{ uri: oldUri, type: FileChangeType.Deleted }, { uri: newUri, type: FileChangeType.Created }]));
    for (const change of changes) {
      const handle = session.locate(change.uri);
      if (change.type === FileChangeType.Deleted && handle?.workspace.isOpen(handle.path)) handle.workspace.closeDocument(handle.path);
    }
    notesChangedOnDisk(changes);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const handle = session.locate(change.uri);
      // The reflog written, or the whole `.git` folder created (`git init`) or deleted.
      if (handle && handle.workspace !== session.loose && (handle.path === REFLOG || handle.path === '.git')) historyRead.later(handle.workspace);
    }
    notesChangedOnDisk(notesChanged(session, changes));
  });

  /**
   * Reads something the checks rest on again for a folder (`read`: true when it changed), once the
   * folders are read, and checks every note again when it changed, saying so in the log.
   */
  // `read` gives the notes to check again (every note for `true`), or nothing when what it read had not changed.
  const readAgain = (read: (workspace: NotesWorkspace) => Promise<boolean | readonly string[] | undefined>, said: (workspace: NotesWorkspace) => string) => async (workspace: NotesWorkspace): Promise<void> => {
    try {
      await session.ready;
      const changed = session.folders.includes(workspace) ? await read(workspace) : undefined;
      if (!changed || !session.folders.includes(workspace)) return;
      connection.console.info(`Torii: read ${said(workspace)}`);
      session.recheckLater(workspace, changed === true ? workspace.allPaths() : changed);
    } catch (error) {
      try {
        connection.console.error(`Torii: could not read ${said(workspace)}: ${(error as Error).message}`);
      } catch {
        // The connection is closed (the server stopping): there is no one to tell.
      }
    }
  };

  // A note saved (by the editor or anything else): what the changes not yet committed renamed in
  // place is read again once saves have been quiet for a moment.
  const worktreeRead = new QuietWait<NotesWorkspace>(WORKTREE_QUIET_MS, readAgain((workspace) => workspace.refreshWorktreeInBackground(), (workspace) => `the renames not yet committed in ${workspace.root} again`));

  // A commit made outside the editor (a rename, a section renamed in place): the history is read
  // again once the reflog has been quiet for a moment (a rebase writes it once a commit).
  const historyRead = new QuietWait<NotesWorkspace>(HISTORY_QUIET_MS, readAgain((workspace) => workspace.refreshHistoryInBackground(), (workspace) => `the history of ${workspace.root} again; ${workspace.historyStatus}`));

  function notesChangedOnDisk(changes: readonly FileEvent[]): void {
    const historyReadNow = new Set<NotesWorkspace>();
    for (const change of changes) {
      const handle = session.locate(change.uri);
      if (!handle || handle.workspace === session.loose) continue;
      const existed = handle.workspace.hasFile(handle.path);
      // A note created or deleted may be half of a move: read what history says (the changes not
      // yet committed with it), once per batch. A note saved may hold a heading renamed and not
      // committed yet: those changes are read again once saving is quiet.
      if (change.type === FileChangeType.Changed) {
        worktreeRead.later(handle.workspace);
      } else if (!historyReadNow.has(handle.workspace)) {
        historyReadNow.add(handle.workspace);
        handle.workspace.refreshHistory();
      }
      if (change.type === FileChangeType.Deleted) {
        handle.workspace.diskDeleted(handle.path);
        // Under the URI the diagnostics went out with: the event may spell it otherwise (`%28`, `(`).
        session.clearDiagnostics(handle.workspace.uriOf(handle.path));
        session.recheckLater(handle.workspace, handle.workspace.allPaths());
      } else {
        handle.workspace.diskChanged(handle.path);
        session.noteChanged(handle.workspace, handle.path, !existed || change.type === FileChangeType.Created);
      }
    }
  }
}

/**
 * The changes to notes in a batch of file events: a folder's deletion or creation stands for
 * every note in it (the client watches folders too, for this), other files are dropped.
 */
function notesChanged(session: Session, changes: readonly FileEvent[]): FileEvent[] {
  const result: FileEvent[] = [];
  // The known notes and the folders that hold them, once a batch: a `git checkout` deletes
  // thousands of other files, and each is looked up here, not by listing every note again.
  const known = new Map<NotesWorkspace, { paths: string[]; folders: Set<string> }>();
  const notesKnownUnder = (workspace: NotesWorkspace, folder: string): string[] => {
    let notes = known.get(workspace);
    if (!notes) {
      notes = { paths: workspace.allPaths(), folders: new Set() };
      for (const notePath of notes.paths) {
        for (let slash = notePath.indexOf('/'); slash >= 0; slash = notePath.indexOf('/', slash + 1)) notes.folders.add(notePath.slice(0, slash));
      }
      known.set(workspace, notes);
    }
    return notes.folders.has(folder) ? notes.paths.filter((notePath) => notePath.startsWith(`${folder}/`)) : [];
  };
  for (const change of changes) {
    const handle = session.locate(change.uri);
    if (!handle || handle.workspace === session.loose) continue;
    // A note in a folder the folder's reading skips (`.trash/`, `node_modules/`) is no note here either.
    if (isIgnoredPath(handle.path)) continue;
    if (/\.md$/i.test(handle.path)) {
      result.push(change);
      continue;
    }
    if (change.type === FileChangeType.Changed || !handle.path) continue;
    // While the folder is still being read, the notes known under a folder gone are only those read so far.
    if (change.type === FileChangeType.Deleted) handle.workspace.diskFolderDeleted(handle.path);
    const notes = change.type === FileChangeType.Created ? handle.workspace.notesOnDiskIn(handle.path) : notesKnownUnder(handle.workspace, handle.path);
    for (const notePath of notes) {
      result.push({ uri: handle.workspace.uriOf(notePath), type: change.type });
    }
  }
  return result;
}
