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
}

/** `torii/books`: the Books view's data, for every workspace folder. */
export const BOOKS_REQUEST = 'torii/books';

/** A place to open: a 📚 entry that lists a book, or a 📙 citation of it. */
export interface BookPlaceDto {
  uri: string;
  /** Workspace-relative path of the note (`kitchen/knives.md`). */
  path: string;
  line: number;
  character: number;
  /** A citation's title and locator (`skills [306]`), or the 📚 entry as written. */
  label: string;
}

/** One book: 📚 entries merged across notes by title; its places come from `torii/bookPlaces`. */
export interface BookDto {
  /** Unique within its author. */
  key: string;
  /** The title, or the URL host or note that names an untitled entry. */
  label: string;
  listed: boolean;
  statuses: string[];
  urls: string[];
  listingCount: number;
  citationCount: number;
}

export interface AuthorBooksDto {
  author: string;
  /** Which workspace folder the author's notes are in (its path): `torii/bookPlaces` takes it back. */
  folder: string;
  citationCount: number;
  /** Most cited first. */
  books: BookDto[];
  /** How many citations do not say which of the author's books they mean. */
  unattributedCount: number;
}

export interface BooksDto {
  /** Authors some 📚 list names, most cited first. */
  listed: AuthorBooksDto[];
  /** Authors cited but never listed. */
  unlisted: AuthorBooksDto[];
}

/** `torii/bookPlaces`: the 📚 entries and citations of one book (no `bookKey`: the author's citations that name no book). */
export const BOOK_PLACES_REQUEST = 'torii/bookPlaces';

export interface BookPlacesParams {
  folder: string;
  author: string;
  bookKey?: string;
}

export interface BookPlacesDto {
  listings: BookPlaceDto[];
  citations: BookPlaceDto[];
}

/** `torii/bookAt`: the author and book of the 📙 item (or 📚 entry) at a position, for "reveal in the Books view". */
export const BOOK_AT_REQUEST = 'torii/bookAt';

export interface BookAtParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}

export interface BookAtDto {
  author: string;
  /** The book's key, when the citation says which book it means. */
  bookKey?: string;
}
