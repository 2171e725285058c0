/**
 * The language server: LSP glue over the core. Handlers find the note, return the empty result
 * when there is none, and delegate to a core feature; diagnostics for every note of every
 * workspace folder are pushed, and kept current as notes change in the editor or on disk.
 */

import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  CodeActionKind,
  MessageType,
  ShowMessageNotification,
  ErrorCodes,
  ResponseError,
  DidChangeWatchedFilesNotification,
  SemanticTokensBuilder,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeOutline } from '../core/features/outline';
import { computeBooks, type AuthorBooks } from '../core/features/books';
import { resolveNoteReferences } from '../core/features/check';
import { computeDocumentLinks, findDefinition } from '../core/features/navigation';
import { searchWorkspaceSymbols } from '../core/features/workspaceSymbols';
import { computeCompletion } from '../core/features/completion';
import { computeHover } from '../core/features/hover';
import { computeFoldingRanges } from '../core/features/folding';
import { computeQuickFixes } from '../core/features/quickFixes';
import { countBacklinksByLine, findBacklinks, subjectAt } from '../core/features/references';
import { computeRename, prepareRename, RenameRefusal } from '../core/features/rename';
import { computeMoveEdits, type NoteMove } from '../core/features/moveNotes';
import { computeSemanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/features/semanticTokens';
import { plainRange } from '../core/text/positions';
import { DEFAULT_SETTINGS, NotesWorkspace, type ToriiSettings } from './notesWorkspace';
import { BOOKS_REQUEST, STATUS_REQUEST, type AuthorBooksDto, type BooksDto, type ToriiStatus } from './protocol';
import { lineLocation, symbolKindOf, toCompletionItem, toDiagnostic, toDocumentSymbols } from './convert';

export const COMPLETION_TRIGGERS = [' ', '`'];
/** Rewrites every 🗄 reference to a note that history says was moved or renamed. */
export const REPAIR_COMMAND = 'torii.repairReferences';

/** A note and the workspace it belongs to. */
interface NoteHandle {
  workspace: NotesWorkspace;
  path: string;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let folders: NotesWorkspace[] = [];
  let settings: ToriiSettings = DEFAULT_SETTINGS;
  let loose = new NotesWorkspace(undefined, settings);
  let clientCanConfigure = false;
  let clientCanWatch = false;
  let clientShowsProgress = false;
  let clientHasFolders = false;
  let clientRefreshesTokens = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  /** Notes to check again in the background, per workspace. */
  const pending = new Map<NotesWorkspace, Set<string>>();
  let draining = false;

  const workspaces = () => [...folders, loose];

  /** Tells the user something. A notification, not a request: a client that cannot answer requests must not break the server. */
  function notify(message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  }

  /** The workspace and path of a document URI; loose files get a workspace of their own. */
  function locate(uri: string, create = false): NoteHandle | undefined {
    let fsPath: string | undefined;
    try {
      fsPath = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      fsPath = undefined;
    }
    if (fsPath) {
      // The innermost folder wins when folders nest.
      const owners = folders.filter((folder) => folder.relativePath(fsPath!) !== undefined).sort((a, b) => b.root!.length - a.root!.length);
      if (owners.length > 0) return { workspace: owners[0], path: owners[0].relativePath(fsPath)! };
    }
    if (!create && !documents.get(uri)) return undefined;
    return { workspace: loose, path: loose.looseKey(uri) };
  }

  function publish(workspace: NotesWorkspace, notePath: string): void {
    if (!workspace.loaded) return;
    const uri = workspace.uriOf(notePath);
    const document = documents.get(uri);
    const diagnostics = workspace.hasFile(notePath) ? workspace.check(notePath).map((diagnostic) => toDiagnostic(diagnostic, (target) => workspace.uriOf(target))) : [];
    void connection.sendDiagnostics({ uri, version: document?.version, diagnostics });
  }

  /** Queues notes for a background recheck, done in short slices so requests are never kept waiting. */
  function recheckLater(workspace: NotesWorkspace, paths: Iterable<string>): void {
    let set = pending.get(workspace);
    if (!set) pending.set(workspace, (set = new Set()));
    for (const notePath of paths) set.add(notePath);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  }

  function drain(): void {
    // Short slices: a keystroke's own diagnostics never wait long behind background rechecks.
    const sliceEnd = Date.now() + 4;
    for (const [workspace, paths] of pending) {
      for (const notePath of paths) {
        paths.delete(notePath);
        publish(workspace, notePath);
        if (Date.now() > sliceEnd) {
          setImmediate(drain);
          return;
        }
      }
      pending.delete(workspace);
    }
    draining = false;
    // Other notes changed status: their 🗄 colours may have too.
    if (clientRefreshesTokens && settings.semanticTokens) void connection.languages.semanticTokens.refresh();
  }

  /** A note changed: check it now, and its dependents soon. */
  function noteChanged(workspace: NotesWorkspace, notePath: string, structural: boolean): void {
    publish(workspace, notePath);
    recheckLater(workspace, structural ? workspace.allPaths().filter((other) => other !== notePath) : workspace.dependentsOf(notePath));
  }

  async function loadFolder(workspace: NotesWorkspace): Promise<void> {
    const progress = clientShowsProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Torii: indexing notes', 0, path.basename(workspace.root!), false);
    const started = Date.now();
    const problems = await workspace.load((done, total) => progress?.report(total ? Math.round((100 * done) / total) : 100, `${done}/${total} notes`));
    for (const problem of problems) connection.console.warn(`${workspace.root}/${problem.path}: ${problem.message}`);
    connection.console.info(`Torii: indexed ${workspace.index.noteCount} notes in ${workspace.root} in ${Date.now() - started} ms`);
    progress?.done();
  }

  async function fetchSettings(): Promise<void> {
    if (!clientCanConfigure) return;
    const value = (await connection.workspace.getConfiguration('torii')) as Partial<{ rootAliases: string[]; outline: { terms: boolean }; semanticTokens: { enabled: boolean }; codeLens: { enabled: boolean } }> | null;
    settings = {
      rootAliases: Array.isArray(value?.rootAliases) ? value!.rootAliases.filter((alias) => typeof alias === 'string') : DEFAULT_SETTINGS.rootAliases,
      outlineTerms: typeof value?.outline?.terms === 'boolean' ? value.outline.terms : DEFAULT_SETTINGS.outlineTerms,
      semanticTokens: typeof value?.semanticTokens?.enabled === 'boolean' ? value.semanticTokens.enabled : DEFAULT_SETTINGS.semanticTokens,
      codeLens: typeof value?.codeLens?.enabled === 'boolean' ? value.codeLens.enabled : DEFAULT_SETTINGS.codeLens,
    };
    for (const workspace of workspaces()) workspace.applySettings(settings);
  }

  function addFolders(added: WorkspaceFolder[]): NotesWorkspace[] {
    const created: NotesWorkspace[] = [];
    for (const folder of added) {
      if (!folder.uri.startsWith('file:')) continue;
      const workspace = new NotesWorkspace(fileURLToPath(folder.uri), settings);
      folders.push(workspace);
      created.push(workspace);
    }
    return created;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    clientCanConfigure = params.capabilities.workspace?.configuration === true;
    clientCanWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    clientShowsProgress = params.capabilities.window?.workDoneProgress === true;
    clientHasFolders = params.capabilities.workspace?.workspaceFolders === true;
    clientRefreshesTokens = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
    const initial = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    addFolders(initial);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Torii' },
        workspaceSymbolProvider: true,
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        foldingRangeProvider: true,
        referencesProvider: true,
        executeCommandProvider: { commands: [REPAIR_COMMAND] },
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: true },
          fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*.md', matches: 'file' } }, { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } }] } },
        },
      },
      serverInfo: { name: 'torii', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (clientHasFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
      for (const removed of event.removed) {
        const gone = folders.filter((workspace) => workspace.root === fileURLToPath(removed.uri));
        folders = folders.filter((workspace) => !gone.includes(workspace));
        for (const workspace of gone) for (const notePath of workspace.allPaths()) void connection.sendDiagnostics({ uri: workspace.uriOf(notePath), diagnostics: [] });
      }
      for (const workspace of addFolders(event.added)) {
        await loadFolder(workspace);
        recheckLater(workspace, workspace.allPaths());
      }
    });
    }
    if (clientCanWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }] });
    }
    await fetchSettings();
    for (const workspace of folders) await loadFolder(workspace);
    markReady();
    for (const workspace of folders) recheckLater(workspace, workspace.allPaths());
  });

  connection.onDidChangeConfiguration(async () => {
    await fetchSettings();
    if (clientRefreshesTokens) void connection.languages.semanticTokens.refresh();
    for (const workspace of folders) recheckLater(workspace, workspace.allPaths());
  });

  documents.onDidOpen(({ document }) => {
    const handle = locate(document.uri, true)!;
    const known = handle.workspace.hasFile(handle.path);
    // Opening a note as it is on disk changes nothing: its diagnostics are already out.
    if (handle.workspace.setOpenText(handle.path, document.getText()) || handle.workspace === loose) noteChanged(handle.workspace, handle.path, !known);
  });

  documents.onDidChangeContent(({ document }) => {
    const handle = locate(document.uri, true)!;
    // The first change event of a document repeats its opening text.
    if (handle.workspace.setOpenText(handle.path, document.getText())) noteChanged(handle.workspace, handle.path, false);
  });

  documents.onDidClose(({ document }) => {
    const handle = locate(document.uri, true);
    if (!handle) return;
    const changed = handle.workspace.closeDocument(handle.path);
    if (handle.workspace === loose) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    else if (changed) noteChanged(handle.workspace, handle.path, false);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const historyRead = new Set<NotesWorkspace>();
    for (const change of changes) {
      const handle = locate(change.uri);
      if (!handle || handle.workspace === loose || !/\.md$/i.test(handle.path)) continue;
      const existed = handle.workspace.hasFile(handle.path);
      // A note created or deleted may be half of a move: read what history says, once per batch.
      if (change.type !== FileChangeType.Changed && !historyRead.has(handle.workspace)) {
        historyRead.add(handle.workspace);
        handle.workspace.refreshHistory();
      }
      if (change.type === FileChangeType.Deleted) {
        handle.workspace.diskDeleted(handle.path);
        void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
        recheckLater(handle.workspace, handle.workspace.allPaths());
      } else {
        handle.workspace.diskChanged(handle.path);
        noteChanged(handle.workspace, handle.path, !existed || change.type === FileChangeType.Created);
      }
    }
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const handle = locate(textDocument.uri);
    const entry = handle?.workspace.index.getNote(handle.path);
    const text = handle?.workspace.readText(handle.path);
    if (!handle || !entry || text === undefined) return [];
    const lines = text.split(/\r\n|\r|\n/);
    return toDocumentSymbols(computeOutline(entry.note, (line) => lines[line]?.length ?? 0, { includeTerms: settings.outlineTerms }));
  });

  connection.onWorkspaceSymbol(async ({ query }, token) => {
    await ready;
    const results = [];
    for (const workspace of folders) {
      if (token.isCancellationRequested) return [];
      for (const symbol of searchWorkspaceSymbols(workspace.index, query)) {
        results.push({
          name: symbol.name,
          kind: symbolKindOf(symbol.kind, symbol.level),
          location: { uri: workspace.uriOf(symbol.path), range: plainRange(symbol.range) },
          containerName: symbol.container ? `${symbol.path} › ${symbol.container}` : symbol.path,
        });
      }
    }
    return results;
  });

  connection.onDefinition(async ({ textDocument, position }) => {
    await ready;
    const handle = locate(textDocument.uri);
    if (!handle) return [];
    return findDefinition(handle.workspace.index, handle.path, position, handle.workspace.options).map((target) => lineLocation(handle.workspace.uriOf(target.path), target.line, target.range));
  });

  connection.onDocumentLinks(async ({ textDocument }) => {
    await ready;
    const handle = locate(textDocument.uri);
    if (!handle) return [];
    return computeDocumentLinks(handle.workspace.index, handle.path, handle.workspace.options).map((link) => ({
      range: plainRange(link.range),
      target: `${handle.workspace.uriOf(link.target.path)}#L${link.target.line + 1}`,
      tooltip: `${link.target.path}:${link.target.line + 1}`,
    }));
  });

  connection.onHover(async ({ textDocument, position }) => {
    await ready;
    const handle = locate(textDocument.uri);
    const hover = handle && computeHover(handle.workspace.index, handle.path, position, handle.workspace.options);
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: plainRange(hover.range) } : null;
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    await ready;
    const handle = locate(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!handle || !document) return { isIncomplete: false, items: [] };
    const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const result = computeCompletion(handle.workspace.index, handle.path, lineText, position);
    return { isIncomplete: result.isIncomplete, items: result.items.map(toCompletionItem) };
  });

  connection.onReferences(async ({ textDocument, position }) => {
    await ready;
    const handle = locate(textDocument.uri);
    if (!handle) return [];
    const { workspace } = handle;
    const subject = subjectAt(workspace.index, handle.path, position, workspace.options);
    if (!subject) return [];
    const candidates = subject.kind === 'author'
      ? workspace.index.bookEntriesByAuthor(subject.author).flatMap((book) => workspace.sourcesInto(book.path))
      : workspace.sourcesInto(subject.path);
    return findBacklinks(workspace.index, subject, workspace.options, candidates).map((link) => ({ uri: workspace.uriOf(link.path), range: plainRange(link.range) }));
  });

  connection.onPrepareRename(async ({ textDocument, position }) => {
    await ready;
    const handle = locate(textDocument.uri);
    if (!handle) return null;
    try {
      const target = prepareRename(handle.workspace.index, handle.path, position, handle.workspace.options);
      return { range: plainRange(target.range), placeholder: target.placeholder };
    } catch (error) {
      throw error instanceof RenameRefusal ? new ResponseError(ErrorCodes.InvalidRequest, error.message) : error;
    }
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    await ready;
    const handle = locate(textDocument.uri);
    if (!handle) return null;
    const { workspace } = handle;
    try {
      const target = prepareRename(workspace.index, handle.path, position, workspace.options);
      const edits = computeRename(workspace.index, handle.path, position, newName, workspace.options, workspace.sourcesInto(target.path));
      const changes: Record<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>> = {};
      for (const edit of edits) (changes[workspace.uriOf(edit.path)] ??= []).push({ range: plainRange(edit.range), newText: edit.newText });
      return { changes };
    } catch (error) {
      throw error instanceof RenameRefusal ? new ResponseError(ErrorCodes.InvalidRequest, error.message) : error;
    }
  });

  connection.workspace.onWillRenameFiles(async ({ files }) => {
    await ready;
    const byWorkspace = new Map<NotesWorkspace, NoteMove[]>();
    for (const { oldUri, newUri } of files) {
      const from = locate(oldUri);
      const to = locate(newUri, true);
      if (!from || from.workspace === loose || !to || to.workspace !== from.workspace) continue;
      // A folder moves every note under it.
      const moved = from.workspace.index.notePaths().filter((path) => path === from.path || path.startsWith(`${from.path}/`));
      const moves = moved.map((path) => ({ from: path, to: to.path + path.slice(from.path.length) })).filter((move) => /\.md$/i.test(move.to));
      byWorkspace.set(from.workspace, [...(byWorkspace.get(from.workspace) ?? []), ...moves]);
    }
    const changes: Record<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>> = {};
    for (const [workspace, moves] of byWorkspace) {
      const candidates = moves.flatMap((move) => workspace.sourcesInto(move.from));
      for (const edit of computeMoveEdits(workspace.index, moves, workspace.options, (path) => workspace.readText(path), candidates)) {
        (changes[workspace.uriOf(edit.path)] ??= []).push({ range: plainRange(edit.range), newText: edit.newText });
      }
    }
    return Object.keys(changes).length > 0 ? { changes } : null;
  });

  connection.onExecuteCommand(async ({ command }) => {
    if (command !== REPAIR_COMMAND) return null;
    await ready;
    // Moves done outside the editor: history says where each note went; every such link gets its fix, in one edit.
    const changes: Record<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>> = {};
    let repaired = 0;
    for (const workspace of folders) {
      workspace.refreshHistory();
      for (const notePath of workspace.index.notePaths()) {
        for (const { reference, resolution } of resolveNoteReferences(workspace.index, notePath, workspace.options)) {
          if (reference.inFence || resolution.kind !== 'moved' || !resolution.fix) continue;
          repaired++;
          for (const edit of resolution.fix.edits) (changes[workspace.uriOf(notePath)] ??= []).push({ range: plainRange(edit.range), newText: edit.newText });
        }
      }
    }
    if (repaired === 0) {
      notify('Torii: no reference to a moved or renamed note needs repairing.');
      return { repaired: 0 };
    }
    const result = await connection.workspace.applyEdit({ label: `Torii: repair ${repaired} references`, edit: { changes } });
    if (result.applied) notify(`Torii: repaired ${repaired} reference${repaired === 1 ? '' : 's'} to moved notes in ${Object.keys(changes).length} note${Object.keys(changes).length === 1 ? '' : 's'}.`);
    return { repaired: result.applied ? repaired : 0 };
  });

  connection.onCodeLens(async ({ textDocument }) => {
    await ready;
    const handle = locate(textDocument.uri);
    const entry = handle?.workspace.index.getNote(handle.path);
    if (!handle || !entry || !settings.codeLens) return [];
    const { workspace } = handle;
    const counts = countBacklinksByLine(workspace.index, handle.path, workspace.options, workspace.sourcesInto(handle.path));
    const lens = (range: ReturnType<typeof plainRange>, count: number, noun: string) => ({
      range,
      command: { title: `${count} ${noun}${count === 1 ? '' : 's'}`, command: 'torii.showReferences', arguments: [textDocument.uri, range.start] },
    });
    const lenses = [];
    for (const anchor of entry.note.anchors) {
      if (!anchor.text || anchor.role === 'title' || anchor.kind === 'item' || anchor.kind === 'book') continue;
      const count = counts.get(anchor.line) ?? 0;
      // Headings always say how many links lead to them; sub-headings and terms only when some do.
      if (anchor.kind === 'heading' || count > 0) lenses.push(lens(plainRange(anchor.range), count, 'reference'));
    }
    for (const list of entry.note.bookLists) {
      for (const book of list.entries) {
        if (book.author) lenses.push(lens(plainRange(book.range), workspace.index.citationsOfAuthor(book.author).length, 'citation'));
      }
    }
    return lenses;
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    await ready;
    const handle = locate(textDocument.uri);
    if (!handle || (context.only && !context.only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`)))) return [];
    const { workspace } = handle;
    return computeQuickFixes(workspace.index, handle.path, range, workspace.options, (path) => workspace.readText(path)).map((fix) => {
      const changes: Record<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>> = {};
      for (const edit of fix.edits) (changes[workspace.uriOf(edit.path)] ??= []).push({ range: plainRange(edit.range), newText: edit.newText });
      const diagnostics = context.diagnostics.filter((diagnostic) => diagnostic.code === fix.code && diagnostic.range.start.line === fix.diagnosticRange.start.line && diagnostic.range.start.character === fix.diagnosticRange.start.character);
      return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.isPreferred, edit: { changes } };
    });
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const handle = locate(textDocument.uri);
    const entry = handle?.workspace.index.getNote(handle.path);
    const text = handle?.workspace.readText(handle.path);
    if (!entry || text === undefined) return [];
    const lines = text.split(/\r\n|\r|\n/);
    return computeFoldingRanges(entry.note, (line) => lines[line] ?? '').map((range) => ({ startLine: range.startLine, endLine: range.endLine, kind: range.kind }));
  });

  connection.languages.semanticTokens.on(async ({ textDocument }) => {
    await ready;
    const handle = locate(textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (!handle || !settings.semanticTokens) return builder.build();
    for (const token of computeSemanticTokens(handle.workspace.index, handle.path, handle.workspace.options)) {
      const modifiers = token.modifiers.reduce((bits, modifier) => bits | (1 << TOKEN_MODIFIERS.indexOf(modifier)), 0);
      builder.push(token.line, token.start, token.length, TOKEN_TYPES.indexOf(token.type), modifiers);
    }
    return builder.build();
  });

  connection.onRequest(BOOKS_REQUEST, async (): Promise<BooksDto> => {
    await ready;
    const result: BooksDto = { listed: [], unlisted: [] };
    for (const workspace of folders) {
      const overview = computeBooks(workspace.index);
      const toDto = (author: AuthorBooks): AuthorBooksDto => ({
        author: author.author,
        entries: author.entries.map((place) => ({ uri: workspace.uriOf(place.path), line: place.line, character: place.range.start.character, label: place.label })),
        citations: author.citations.map((place) => ({ uri: workspace.uriOf(place.path), line: place.line, character: place.range.start.character, label: `${place.path}: ${place.label}` })),
      });
      result.listed.push(...overview.listed.map(toDto));
      result.unlisted.push(...overview.unlisted.map(toDto));
    }
    return result;
  });

  connection.onRequest(STATUS_REQUEST, (): ToriiStatus => {
    // Under `node --expose-gc` (benchmarks), count live memory only, not garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    return {
      pid: process.pid,
      folders: folders.map((workspace) => ({ root: workspace.root!, notes: workspace.index.noteCount, unreadable: workspace.index.skipped().length, loaded: workspace.loaded })),
      memory: { heapUsedMb: Math.round(memory.heapUsed / 1e6), rssMb: Math.round(memory.rss / 1e6) },
    };
  });

  documents.listen(connection);
  connection.listen();
}
