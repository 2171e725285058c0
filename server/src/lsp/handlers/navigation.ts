/** Reading a note and moving around the collection: outline, symbols, definition, links, hover, references, occurrences, folding, expanding a selection. */

import { DocumentHighlightKind, type DocumentLink, type Location, type SelectionRange } from 'vscode-languageserver';
import { computeOutline } from '../../core/features/outline';
import { computeDocumentLinks, findDefinition, followDocumentLink } from '../../core/features/navigation';
import { searchWorkspaceSymbols } from '../../core/features/workspaceSymbols';
import { computeHover } from '../../core/features/hover';
import { computeFoldingRanges } from '../../core/features/folding';
import { findBacklinks, subjectAt } from '../../core/features/references';
import { documentHighlights } from '../../core/features/highlights';
import { selectionChain } from '../../core/features/selection';
import { plainRange } from '../../core/text/positions';
import { placeName } from '../../core/features/resolve';
import { lineLocation, symbolKindOf, toDocumentSymbols } from '../convert';
import type { Session } from '../session';

/** What a document link carries until it is followed: where it starts, in which document. */
interface LinkData {
  uri: string;
  line: number;
  character: number;
}

export function registerNavigation(session: Session): void {
  const { connection } = session;

  connection.onDocumentSymbol(({ textDocument }) => {
    const handle = session.locate(textDocument.uri);
    const entry = handle?.workspace.index.getNote(handle.path);
    const text = handle?.workspace.readText(handle.path);
    if (!handle || !entry || text === undefined) return [];
    const lines = text.split(/\r\n|\r|\n/);
    return toDocumentSymbols(computeOutline(entry.note, (line) => lines[line]?.length ?? 0, { includeTerms: session.settings.outlineTerms }));
  });

  connection.onWorkspaceSymbol(async ({ query }, token) => {
    await session.ready;
    const results = [];
    for (const workspace of session.folders) {
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
    await session.ready;
    const handle = session.locate(textDocument.uri);
    if (!handle) return [];
    return findDefinition(handle.workspace.index, handle.path, position, handle.workspace.options).map((target) => lineLocation(handle.workspace.uriOfPlace(target), target.line, target.range));
  });

  connection.onDocumentLinks(async ({ textDocument }) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    if (!handle) return [];
    // No target yet: a note renamed or deleted elsewhere leaves this note's text, and so its links,
    // as they were, and the editor asks for them again only when the text changes. The target is
    // found when a link is followed (`documentLink/resolve`).
    return computeDocumentLinks(handle.workspace.index, handle.path, handle.workspace.options).map((link): DocumentLink => ({
      range: plainRange(link.range),
      data: { uri: textDocument.uri, line: link.range.start.line, character: link.range.start.character } satisfies LinkData,
    }));
  });

  connection.onDocumentLinkResolve(async (link) => {
    await session.ready;
    const data = link.data as LinkData | undefined;
    const handle = data && session.locate(data.uri);
    if (!handle) return link;
    const target = followDocumentLink(handle.workspace.index, handle.path, { line: data.line, character: data.character }, handle.workspace.options);
    // Without a target the editor says the link's target is missing: it leads nowhere now.
    return target ? { ...link, target: `${handle.workspace.uriOfPlace(target)}#L${target.line + 1}`, tooltip: `${placeName(target)}:${target.line + 1}` } : link;
  });

  connection.onHover(async ({ textDocument, position }) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    const hover = handle && computeHover(handle.workspace.index, handle.path, position, handle.workspace.options);
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: plainRange(hover.range) } : null;
  });

  connection.onReferences(async ({ textDocument, position }) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    if (!handle) return [];
    const { workspace } = handle;
    const subject = subjectAt(workspace.index, handle.path, position, workspace.options);
    if (!subject) return [];
    if (subject.kind === 'author' || subject.kind === 'book') {
      // Before the background check has reached every note, every note is a candidate (undefined).
      const candidates = workspace.sourcesInto(...workspace.index.bookEntriesByAuthor(subject.author).map((book) => book.path));
      return findBacklinks(workspace.index, subject, workspace.options, candidates).map((link) => ({ uri: workspace.uriOf(link.path), range: plainRange(link.range) }));
    }
    // A note or a section: the links of its own folder, and of every folder it is a sibling of.
    const home = subject.root === undefined ? workspace : workspace.siblingNamed(subject.root);
    if (!home) return [];
    const locations: Location[] = [];
    for (const { folder, root } of session.foldersReaching(home)) {
      const seen = { ...subject, root };
      const candidates = root === undefined ? folder.sourcesInto(subject.path) : folder.sourcesIntoSibling(root, subject.path);
      for (const link of findBacklinks(folder.index, seen, folder.options, candidates)) locations.push({ uri: folder.uriOf(link.path), range: plainRange(link.range) });
    }
    return locations;
  });

  // Asked at every move of the cursor: the note's own resolutions, kept while it is typed in.
  connection.onDocumentHighlight(async ({ textDocument, position }) => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    if (!handle) return [];
    return documentHighlights(handle.workspace.index, handle.path, position, handle.workspace.options).map((highlight) => ({
      range: plainRange(highlight.range),
      kind: highlight.kind === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  });

  connection.onSelectionRanges(({ textDocument, positions }) => {
    const handle = session.locate(textDocument.uri);
    const entry = handle?.workspace.index.getNote(handle.path);
    const text = handle?.workspace.readText(handle.path);
    if (!entry || text === undefined) return [];
    const lines = text.split(/\r\n|\r|\n/);
    return positions.map((position) => {
      // Outermost first, each step the parent of the next.
      let selection: SelectionRange | undefined;
      for (const range of selectionChain(entry.note, (line) => lines[line] ?? '', position).reverse()) selection = { range: plainRange(range), parent: selection };
      return selection ?? { range: { start: position, end: position } };
    });
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const handle = session.locate(textDocument.uri);
    const entry = handle?.workspace.index.getNote(handle.path);
    const text = handle?.workspace.readText(handle.path);
    if (!entry || text === undefined) return [];
    const lines = text.split(/\r\n|\r|\n/);
    return computeFoldingRanges(entry.note, (line) => lines[line] ?? '').map((range) => ({ startLine: range.startLine, endLine: range.endLine, kind: range.kind }));
  });
}
