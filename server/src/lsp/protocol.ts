/**
 * Torii's own requests, shared by the server and the VS Code client.
 */

/** `torii/status`: what the server holds, for the status command and for benchmarks. */
export const STATUS_REQUEST = 'torii/status';

export interface ToriiStatus {
  /** The server's process id. */
  pid: number;
  folders: Array<{ root: string; notes: number; unreadable: number; loaded: boolean }>;
  memory: { heapUsedMb: number; rssMb: number };
  /** Notes waiting for a background recheck: 0 once every diagnostic an edit can change is out. */
  pendingChecks: number;
}

/** `torii/books`: the Books view's data, for every workspace folder. */
export const BOOKS_REQUEST = 'torii/books';

export interface BookPlaceDto {
  uri: string;
  line: number;
  character: number;
  label: string;
}

export interface AuthorBooksDto {
  author: string;
  entries: BookPlaceDto[];
  citations: BookPlaceDto[];
}

export interface BooksDto {
  listed: AuthorBooksDto[];
  unlisted: AuthorBooksDto[];
}
