/** What the editor draws over a note: code lenses with reference counts, and semantic tokens. */

import { SemanticTokensBuilder } from 'vscode-languageserver';
import { entryCitationCount } from '../../core/features/books';
import { computeSemanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../core/features/semanticTokens';
import { plainRange } from '../../core/text/positions';
import { countBacklinksByLine } from '../../core/features/references';
import type { Session } from '../session';

export function registerDecorations(session: Session): void {
  const { connection } = session;

  connection.onCodeLens(async ({ textDocument }, token) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    if (!handle || !handle.workspace.index.getNote(handle.path) || !session.settings.codeLens) return [];
    const { workspace } = handle;
    // Counting may take a while after a heading changed: the editor cancels it when the note changes again.
    const counts = await workspace.backlinkCounts(handle.path, () => token.isCancellationRequested);
    if (!counts || !(await workspace.readBooksNamedIn(handle.path, { cancelled: () => token.isCancellationRequested }))) return null;
    // And the links of the folders this one is a sibling of that lead into this note (none until every note there is checked).
    for (const { folder, root } of session.foldersLinkingInto(workspace)) {
      for (const [line, count] of countBacklinksByLine(folder.index, handle.path, folder.options, folder.sourcesIntoSibling(root, handle.path) ?? [], root)) counts.set(line, (counts.get(line) ?? 0) + count);
    }
    // Read after the waits: the note as it is now (a book whose author changed meanwhile is read again here, alone).
    const entry = workspace.index.getNote(handle.path);
    if (!entry) return null;
    const lens = (range: ReturnType<typeof plainRange>, count: number, noun: string) => ({
      range,
      command: { title: `${count} ${noun}${count === 1 ? '' : 's'}`, command: 'torii.showReferences', arguments: [textDocument.uri, range.start] },
    });
    const lenses = [];
    for (const anchor of entry.note.anchors) {
      // The 参考 and 进步 header blocks are the note's own lists: nothing links to them.
      if (!anchor.text || anchor.role === 'title' || anchor.role === 'references' || anchor.role === 'progress' || anchor.kind === 'item' || anchor.kind === 'book') continue;
      const count = counts.get(anchor.line) ?? 0;
      // A lens where links lead; "0 references" above a heading only when the user asks for zeros.
      if (count > 0 || (anchor.kind === 'heading' && session.settings.codeLensZero)) lenses.push(lens(plainRange(anchor.range), count, 'reference'));
    }
    for (const list of entry.note.bookLists) {
      for (const book of list.entries) {
        // The citations of this book, not all of its author's (issue 11): a citation counts for the book it names.
        if (book.author) lenses.push(lens(plainRange(book.range), entryCitationCount(workspace.index, handle.path, book), 'citation'));
      }
    }
    return lenses;
  });

  connection.languages.semanticTokens.on(async ({ textDocument }) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (!handle || !session.settings.semanticTokens) return builder.build();
    for (const token of computeSemanticTokens(handle.workspace.index, handle.path, handle.workspace.options)) {
      const modifiers = token.modifiers.reduce((bits, modifier) => bits | (1 << TOKEN_MODIFIERS.indexOf(modifier)), 0);
      builder.push(token.line, token.start, token.length, TOKEN_TYPES.indexOf(token.type), modifiers);
    }
    return builder.build();
  });
}
