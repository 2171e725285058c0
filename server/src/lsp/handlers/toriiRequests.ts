/** Torii's own requests (`protocol.ts`): the Books view's data and the server's status. */

import { computeBooks, type AuthorBooks } from '../../core/features/books';
import { BOOKS_REQUEST, STATUS_REQUEST, type AuthorBooksDto, type BooksDto, type ToriiStatus } from '../protocol';
import type { Session } from '../session';

export function registerToriiRequests(session: Session): void {
  const { connection } = session;

  connection.onRequest(BOOKS_REQUEST, async (): Promise<BooksDto> => {
    await session.ready;
    const result: BooksDto = { listed: [], unlisted: [] };
    for (const workspace of session.folders) {
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
      folders: session.folders.map((workspace) => ({ root: workspace.root!, notes: workspace.index.noteCount, unreadable: workspace.index.skipped().length, loaded: workspace.loaded })),
      memory: { heapUsedMb: Math.round(memory.heapUsed / 1e6), rssMb: Math.round(memory.rss / 1e6) },
      pendingChecks: session.pendingChecks(),
    };
  });
}
