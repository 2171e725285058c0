/** Writing notes: completion, rename, moving notes, quick fixes and the repair command. */

import { CodeActionKind, ErrorCodes, RenameFile, ResponseError, type WorkspaceEdit } from 'vscode-languageserver';
import { resolveNoteReferences } from '../../core/features/check';
import { completionSteps } from '../../core/features/completion';
import { computeQuickFixes } from '../../core/features/quickFixes';
import { prepareFileRename, prepareRename, renameAnchor, renamedNotePath, RenameRefusal, renameLinks, type FileRenameTarget } from '../../core/features/rename';
import { computeAuthorRename, prepareAuthorRename } from '../../core/features/renameAuthor';
import { bookNamings } from '../../core/features/nameTheBook';
import { computeMoveEditsAcross, notesNamingDestinations, notesSharingNames, type NoteMove } from '../../core/features/moveNotes';
import { plainRange, type Position } from '../../core/text/positions';
import type { NotesWorkspace } from '../notesWorkspace';
import { toCompletionItem } from '../convert';
import { FIX_ALL_COMMAND, REPAIR_COMMAND } from '../capabilities';
import { fixAllActions, fixAllInWorkspace, wantsFixAll } from './fixAll';
import type { PathEdit, Session } from '../session';

/** A refusal the user should read (a rename that cannot be done) becomes a `ResponseError`; anything else is rethrown. */
function asResponseError(error: unknown): unknown {
  return error instanceof RenameRefusal ? new ResponseError(ErrorCodes.InvalidRequest, error.message) : error;
}

/** Edits of notes grouped by the URI of each, as a workspace edit takes them. */
type EditsByUri = Map<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>>;

/** Adds the core's edits of `folder`'s notes to `byUri`. */
function addEdits(byUri: EditsByUri, folder: NotesWorkspace, edits: readonly PathEdit[]): void {
  for (const edit of edits) {
    const uri = folder.uriOf(edit.path);
    byUri.set(uri, [...(byUri.get(uri) ?? []), { range: plainRange(edit.range), newText: edit.newText }]);
  }
}

/** How long a rename answered here waits for the client's `willRenameFiles` about it. */
const OWN_RENAME_MS = 10_000;

/**
 * The link edits a move of notes or folders needs (`files`, as `willRenameFiles` gives them),
 * grouped by URI: every link that would break, rewritten.
 */
function moveEdits(session: Session, files: ReadonlyArray<{ oldUri: string; newUri: string }>): EditsByUri {
  const byWorkspace = new Map<NotesWorkspace, NoteMove[]>();
  for (const { oldUri, newUri } of files) {
    const from = session.locate(oldUri);
    const to = session.locate(newUri, true);
    if (!from || from.workspace === session.loose || !to || to.workspace !== from.workspace) continue;
    // A folder moves every note under it.
    const moved = from.workspace.index.notePaths().filter((path) => path === from.path || path.startsWith(`${from.path}/`));
    const moves = moved.map((path) => ({ from: path, to: to.path + path.slice(from.path.length) })).filter((move) => /\.md$/i.test(move.to));
    byWorkspace.set(from.workspace, [...(byWorkspace.get(from.workspace) ?? []), ...moves]);
  }
  const byUri: EditsByUri = new Map();
  for (const [workspace, moves] of byWorkspace) {
    // Before the background check has reached every note, every note is a candidate (undefined).
    const into = workspace.sourcesInto(...moves.map((move) => move.from), ...notesSharingNames(workspace.index, moves));
    const candidates = into && [...into, ...notesNamingDestinations(workspace.index, moves)];
    // The folders it is a sibling of: their links into the moved notes move with them.
    const others = session.foldersLinkingInto(workspace).map(({ folder, root }) => {
      const linking = moves.map((move) => folder.sourcesIntoSibling(root, move.from));
      const linkingAll = linking.every((paths): paths is string[] => paths !== undefined) ? linking.flat() : undefined;
      return { folder, across: { index: folder.index, root, options: folder.options, candidates: linkingAll } };
    });
    const { edits, across } = computeMoveEditsAcross(workspace.index, moves, workspace.options, (path) => workspace.readText(path), candidates, others.map((other) => other.across));
    addEdits(byUri, workspace, edits);
    others.forEach((other, at) => addEdits(byUri, other.folder, across[at]));
  }
  return byUri;
}

export function registerEditing(session: Session): void {
  const { connection, documents } = session;
  /** The file rename this server answered last (`old\0new`, when), until the client's `willRenameFiles` about it. */
  let ownRename: { key: string; at: number } | undefined;

  /** Whether the client can create a note at `notePath` from an edit, its folder included. */
  function clientCanCreate(workspace: NotesWorkspace, notePath: string): boolean {
    const folder = folderOf(notePath);
    return session.client.createFiles && (session.client.makesFolders.create || !folder || workspace.takenOnDisk(folder));
  }

  /**
   * F2 on a 🗄 file name: one edit that rewrites every link to the note, this one included, and
   * then renames the file. A client that asks `willRenameFiles` about that rename (VS Code does,
   * for any rename it applies) gets nothing more then; one that does not (Neovim's) still has
   * every link rewritten.
   */
  function fileRenameEdit(from: NotesWorkspace, file: FileRenameTarget, newName: string): WorkspaceEdit {
    // A link into a sibling folder renames the note there (its links here move with it, `moveEdits`).
    const workspace = file.root === undefined ? from : from.siblingNamed(file.root);
    if (!workspace) throw new RenameRefusal(`The sibling collection ${file.root} is no longer open: rename that file there.`);
    const to = renamedNotePath(file, newName);
    if (to === file.path) return { documentChanges: [] };
    // Another case of the same name is the same file on a case-insensitive disk: still a rename.
    if (workspace.hasFile(to) || (to.toLowerCase() !== file.path.toLowerCase() && workspace.takenOnDisk(to))) throw new RenameRefusal(`There is already a file ${to}.`);
    const folder = folderOf(to);
    if (!session.client.makesFolders.rename && folder && !workspace.takenOnDisk(folder)) throw new RenameRefusal(`${session.client.name} cannot rename a file into a folder that does not exist yet: create ${folder} first, then rename.`);
    const rename = { oldUri: workspace.uriOf(file.path), newUri: workspace.uriOf(to) };
    const links = session.documentEdits(moveEdits(session, [rename]));
    ownRename = { key: `${rename.oldUri}\0${rename.newUri}`, at: Date.now() };
    return { documentChanges: [...links, RenameFile.create(rename.oldUri, rename.newUri, { overwrite: false, ignoreIfExists: false })] };
  }

  /**
   * F2 on a section, or on a link to one: the anchor renamed in its own folder with that folder's
   * links to it, and the links of every folder it is a sibling of (those Find All References
   * lists), in one edit.
   */
  function sectionRenameEdit(workspace: NotesWorkspace, notePath: string, position: Position, newName: string): WorkspaceEdit {
    const target = prepareRename(workspace.index, notePath, position, workspace.options);
    const home = target.root === undefined ? workspace : workspace.siblingNamed(target.root);
    if (!home) throw new RenameRefusal(`The sibling collection ${target.root} is no longer open: rename the section there.`);
    const byUri: EditsByUri = new Map();
    addEdits(byUri, home, renameAnchor(home.index, target, newName, home.options, home.sourcesInto(target.path)));
    const targetEntry = home.index.getNote(target.path)!;
    for (const { folder, root } of session.foldersLinkingInto(home)) {
      addEdits(byUri, folder, renameLinks(folder.index, targetEntry, target, root, newName, folder.options, folder.sourcesIntoSibling(root, target.path)));
    }
    return session.editOfUris(byUri);
  }

  connection.onCompletion(async ({ textDocument, position }, token) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!handle || !document) return { isIncomplete: false, items: [] };
    // The line as it is when the list is (re)started: a note that changes meanwhile starts it again.
    const lineText = () => (documents.get(textDocument.uri) ?? document).getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    // In slices between other messages: after 📙 the first list reads its authors' books across
    // the collection (1.2 s in one stretch at 10,000 notes, and a keystroke typed meanwhile waited).
    const result = await handle.workspace.inSlices(() => completionSteps(handle.workspace.index, handle.path, lineText(), position), () => token.isCancellationRequested);
    if (!result) return { isIncomplete: true, items: [] };
    return { isIncomplete: result.isIncomplete, items: result.items.map((item) => toCompletionItem(item, session.client.insertReplace)) };
  });

  connection.onPrepareRename(async ({ textDocument, position }) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    if (!handle) return null;
    try {
      const file = session.client.fileRenames ? prepareFileRename(handle.workspace.index, handle.path, position, handle.workspace.options) : undefined;
      if (file) return { range: plainRange(file.range), placeholder: file.placeholder };
      const author = prepareAuthorRename(handle.workspace.index, handle.path, position);
      if (author) return { range: plainRange(author.range), placeholder: author.placeholder };
      const target = prepareRename(handle.workspace.index, handle.path, position, handle.workspace.options);
      return { range: plainRange(target.range), placeholder: target.placeholder };
    } catch (error) {
      throw asResponseError(error);
    }
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    if (!handle) return null;
    const { workspace } = handle;
    try {
      const file = session.client.fileRenames ? prepareFileRename(workspace.index, handle.path, position, workspace.options) : undefined;
      if (file) return fileRenameEdit(workspace, file, newName);
      const author = prepareAuthorRename(workspace.index, handle.path, position);
      if (author) return session.workspaceEdit(workspace, computeAuthorRename(workspace.index, author, newName, workspace.options));
      return sectionRenameEdit(workspace, handle.path, position, newName);
    } catch (error) {
      throw asResponseError(error);
    }
  });

  connection.workspace.onWillRenameFiles(async ({ files }) => {
    await session.ready;
    // A rename this server answered already carries its links: rewriting them again would write twice.
    if (ownRename && files.length === 1 && `${files[0].oldUri}\0${files[0].newUri}` === ownRename.key) {
      const own = Date.now() - ownRename.at < OWN_RENAME_MS;
      ownRename = undefined;
      if (own) return null;
    }
    const byUri = moveEdits(session, files);
    return byUri.size > 0 ? session.editOfUris(byUri) : null;
  });

  connection.onExecuteCommand(async ({ command }) => {
    if (command === FIX_ALL_COMMAND) {
      await session.ready;
      return fixAllInWorkspace(session);
    }
    if (command !== REPAIR_COMMAND) return null;
    await session.ready;
    // Moves done outside the editor: history says where each note went; every such link gets its fix, in one edit.
    const byUri = new Map<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>>();
    let repaired = 0;
    for (const workspace of session.folders) {
      workspace.refreshHistory();
      for (const notePath of workspace.index.notePaths()) {
        for (const { reference, resolution } of resolveNoteReferences(workspace.index, notePath, workspace.options)) {
          if (reference.inFence || resolution.kind !== 'moved' || resolution.fix?.confidence !== 'high') continue;
          repaired++;
          const uri = workspace.uriOf(notePath);
          for (const edit of resolution.fix!.edits) byUri.set(uri, [...(byUri.get(uri) ?? []), { range: plainRange(edit.range), newText: edit.newText }]);
        }
      }
    }
    if (repaired === 0) {
      session.notify('Torii: no reference to a moved or renamed note needs repairing.');
      return { repaired: 0 };
    }
    const notes = byUri.size;
    const outcome = await session.applyEdit(`Torii: repair ${repaired} references`, session.editOfUris(byUri), 'the repair', 'run "Torii: Repair references to moved notes" again');
    if (!outcome.applied) return { repaired: 0, refused: outcome.refused };
    session.notify(`Torii: repaired ${repaired} reference${repaired === 1 ? '' : 's'} to moved notes in ${notes} note${notes === 1 ? '' : 's'}.`);
    return { repaired };
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    if (!handle) return [];
    const fixAll = wantsFixAll(context.only) ? fixAllActions(session, handle) : [];
    const { workspace } = handle;
    // No problem asks for it: naming the book of a citation that names none is a rewrite the writer may want.
    const rewrites = wants(context.only, CodeActionKind.RefactorRewrite)
      ? bookNamings(workspace.index, handle.path, range).map((naming) => ({ title: naming.title, kind: CodeActionKind.RefactorRewrite, edit: session.workspaceEdit(workspace, naming.edits) }))
      : [];
    if (!wants(context.only, CodeActionKind.QuickFix)) return [...fixAll, ...rewrites];
    const fixes = computeQuickFixes(workspace.index, handle.path, range, workspace.options, (path) => workspace.readText(path)).filter((fix) => !fix.create || clientCanCreate(workspace, fix.create.path));
    return [...fixes.map((fix) => {
      const diagnostics = context.diagnostics.filter((diagnostic) => diagnostic.code === fix.code && diagnostic.range.start.line === fix.diagnosticRange.start.line && diagnostic.range.start.character === fix.diagnosticRange.start.character);
      const edits: PathEdit[] = fix.edits;
      const edit = fix.create ? session.createNoteEdit(workspace, fix.create.path, fix.create.text) : session.workspaceEdit(workspace, edits);
      return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.isPreferred, edit };
    }), ...fixAll, ...rewrites];
  });
}

/** Whether a code action request that asks `only` these kinds (all when undefined) wants actions of `kind`. */
function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

/** The folder of a workspace-relative path, '' at the root. */
function folderOf(notePath: string): string {
  return notePath.includes('/') ? notePath.slice(0, notePath.lastIndexOf('/')) : '';
}
