/** Torii's own requests (`protocol.ts`): the Books view's data, the book at a position, and the server's status. */

import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { bookAt, bookPlaces, booksSteps, type AuthorBooks, type BookPlace } from '../../core/features/books';
import {
  BOOK_AT_REQUEST, BOOK_PLACES_REQUEST, BOOKS_REQUEST, STATUS_REQUEST,
  type AuthorBooksDto, type BookAtDto, type BookAtParams, type BookPlaceDto, type BookPlacesDto, type BookPlacesParams, type BooksDto, type BooksParams, type ToriiStatus, type ToriiStatusParams,
} from '../protocol';
import type { Session } from '../session';
import type { MessagePacing } from '../pacedReader';

export function registerToriiRequests(session: Session, pacing?: MessagePacing): void {
  const { connection } = session;

  connection.onRequest(BOOKS_REQUEST, async (params: BooksParams | undefined, token): Promise<BooksDto> => {
    await session.ready;
    // The whole tree is megabytes at 10,000 notes, and the view asks whenever diagnostics change: most of the time nothing did.
    const versionNow = () => session.folders.map((workspace) => `${workspace.root}:${workspace.index.authorGeneration}`).join('\n');
    for (;;) {
      const version = versionNow();
      if (params?.knownVersion === version) return { listed: [], unlisted: [], version, unchanged: true };
      const result: BooksDto = { listed: [], unlisted: [], version };
      for (const workspace of session.folders) {
        // Made between other messages: the first tree at 10,000 notes took 2.4 s in one stretch.
        const overview = await workspace.inSlices(() => booksSteps(workspace.index), () => token.isCancellationRequested);
        if (!overview) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the Books view asked again');
        const toDto = (author: AuthorBooks): AuthorBooksDto => ({ ...author, folder: workspace.root ?? '' });
        result.listed.push(...overview.listed.map(toDto));
        result.unlisted.push(...overview.unlisted.map(toDto));
      }
      // An author's books changed while the tree was made: make it again, so that the version says what it holds.
      if (versionNow() === version) return result;
    }
  });

  connection.onRequest(BOOK_PLACES_REQUEST, async ({ folder, author, bookKey }: BookPlacesParams): Promise<BookPlacesDto> => {
    await session.ready;
    const workspace = session.folders.find((candidate) => (candidate.root ?? '') === folder);
    const places = workspace && bookPlaces(workspace.index, author, bookKey);
    if (!workspace || !places) return { listings: [], citations: [] };
    const toDto = (where: BookPlace): BookPlaceDto => ({ uri: workspace.uriOf(where.path), path: where.path, line: where.line, character: where.range.start.character, label: where.label });
    return { listings: places.listings.map(toDto), citations: places.citations.map(toDto) };
  });

  connection.onRequest(BOOK_AT_REQUEST, async ({ textDocument, position }: BookAtParams): Promise<BookAtDto | null> => {
    await session.ready;
    const handle = session.locate(textDocument.uri);
    const found = handle && bookAt(handle.workspace.index, handle.path, position);
    return found ? { author: found.author, bookKey: found.book?.key } : null;
  });

  connection.onRequest(STATUS_REQUEST, (params: ToriiStatusParams | undefined): ToriiStatus => {
    // Under `node --expose-gc` (benchmarks), count live memory only, not garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    return {
      pid: process.pid,
      folders: session.folders.map((workspace) => {
        const cache = workspace.cacheReport;
        return {
          root: workspace.root!, notes: workspace.index.noteCount, unreadable: workspace.index.skipped().length, loaded: workspace.loaded,
          ...(cache ? { indexCache: { reused: cache.reused, read: cache.read, ...(cache.problem ? { problem: cache.problem } : {}), ...(cache.saved !== undefined ? { saved: cache.saved } : {}) } } : {}),
        };
      }),
      memory: { heapUsedMb: Math.round(memory.heapUsed / 1e6), rssMb: Math.round(memory.rss / 1e6) },
      pendingChecks: session.pendingChecks(),
      ...(pacing ? { messages: { mostWaiting: pacing.mostWaiting } } : {}),
      ...(params?.uri ? { publishedVersion: session.publishedVersion(params.uri) } : {}),
    };
  });
}
