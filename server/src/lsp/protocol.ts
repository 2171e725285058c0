/**
 * Torii's own requests, shared by the server and the VS Code client.
 */

/**
 * `torii/notesChanged` (a notification to the client, no parameters): notes changed and every
 * recheck they asked for is done. The views that show more than one note (the Books view, the
 * graph, the preview of a note whose links lead into others) ask again: a note changed on disk
 * whose diagnostics stay as they were sends no diagnostics to tell them.
 */
export const NOTES_CHANGED_NOTIFICATION = 'torii/notesChanged';

/** `torii/status`: what the server holds, for the status command and for benchmarks. */
export const STATUS_REQUEST = 'torii/status';

export interface ToriiStatus {
  /** The server's process id. */
  pid: number;
  folders: Array<{
    root: string;
    notes: number;
    unreadable: number;
    loaded: boolean;
    /** With an index cache folder (initialization option `indexCacheFolder`): notes taken from the cache and read from disk, why the cache was not used if it was not, and once written again, how many notes it holds. */
    indexCache?: { reused: number; read: number; problem?: string; saved?: number };
  }>;
  memory: { heapUsedMb: number; rssMb: number };
  /**
   * Notes waiting for a background recheck, or whose new complaints wait for the typing to pause,
   * and one more until the folders are read and their notes queued for checking: 0 once every
   * diagnostic an edit can change is out. Poll it: a recheck that changes nothing publishes
   * nothing, so no diagnostics come to wait on.
   */
  pendingChecks: number;
  /** Over stdio: the most messages that waited at once to be handed to the connection (`pacedReader.ts`). */
  messages?: { mostWaiting: number };
  /** With `uri` asked: the version of that open document whose diagnostics were last published. */
  publishedVersion?: number;
}

/** `torii/status` takes an optional document. */
export interface ToriiStatusParams {
  uri?: string;
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
  /** Changes whenever some author's 📚 entries or citations do (or a folder comes or goes). */
  version?: string;
  /** True when the request's `knownVersion` is still the version: `listed` and `unlisted` are then empty, and the client keeps what it has. */
  unchanged?: boolean;
}

/** `torii/books` parameters (all optional). */
export interface BooksParams {
  /** The version of the books the client holds: the server answers `unchanged` instead of sending them again. */
  knownVersion?: string;
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

/** `torii/graph`: the notes and the 🗄 references between them, for **Torii: Show graph**. */
export const GRAPH_REQUEST = 'torii/graph';

export interface GraphParams {
  /** A note: its local graph, the notes within `hops` references of it. Absent: every note. */
  uri?: string;
  /** 1 or 2 (default 1). */
  hops?: number;
}

/**
 * The graph, column by column (node `i` is `paths[i]`, `folder[i]`, …): ten thousand notes and a
 * hundred thousand edges travel as flat arrays of numbers rather than an object each.
 */
export interface GraphDto {
  /** The workspace folders' URIs. */
  roots: string[];
  /** Per node: the note's path in its folder, or for a placeholder the note name dead links ask for. */
  paths: string[];
  /** Per node: the index of its workspace folder in `roots`. */
  root: number[];
  /** Per node: the index of its top folder in `folders`; -1 for a placeholder. */
  folder: number[];
  /** Per node: references from other notes that lead to it (0: an orphan). */
  incoming: number[];
  outgoing: number[];
  /** Per node: its dead references; for a placeholder, those that ask for it. */
  dead: number[];
  external: number[];
  /** Per node: for a placeholder, why the links to it are dead; `''` for a note. */
  reason: string[];
  /** Node `i`'s edges are entries `edgeStart[i]` to `edgeStart[i + 1]` of `edgeTarget` and `edgeCount`. */
  edgeStart: number[];
  edgeTarget: number[];
  /** How many references the edge stands for; negative when they are dead. */
  edgeCount: number[];
  /** The top folders (prefixed with the workspace folder's name when there are several), sorted. */
  folders: string[];
  /** The focused note of a local graph. */
  focus?: number;
}

/** `torii/preview`: what the Markdown preview needs to draw one note's 🗄, 📙 and 📚 (asked ahead of time). */
export const PREVIEW_REQUEST = 'torii/preview';

export interface PreviewParams {
  uri: string;
}

/** A place in a note, by URI and 0-based line. */
export interface NotePlaceDto {
  uri: string;
  line: number;
}

/** Columns are UTF-16 code units on `line`, as markdown-it counts them. */
export interface PreviewReferenceDto {
  line: number;
  start: number;
  end: number;
  /** Where a resolved target leads. */
  target?: NotePlaceDto & { anchorText?: string };
  status: 'resolved' | 'dead_file' | 'dead_section' | 'external' | 'ambiguous';
  kind: string;
  message: string;
  fix?: NotePlaceDto & { label: string };
}

export interface PreviewCitationDto {
  line: number;
  start: number;
  end: number;
  author: string;
  /** The 📚 entry the citation means, when one does. */
  book?: NotePlaceDto & { author: string; title: string };
  /** How many distinct 📚 titles the author has. */
  titles: number;
}

export interface PreviewBookEntryDto {
  line: number;
  author: string;
  title: string;
  /** The lines that cite this book (`label`: `cookware.md:18`), the nearest first, at most 12. */
  citations: Array<NotePlaceDto & { label: string }>;
  /** How many more lines cite it (absent: none). */
  moreCitations?: number;
  /** The lines that cite the author without saying which of their books. */
  unattributed: Array<NotePlaceDto & { label: string }>;
  moreUnattributed?: number;
}

export interface PreviewDto {
  uri: string;
  /** The document version the data was computed on (open documents only). */
  version?: number;
  references: PreviewReferenceDto[];
  citations: PreviewCitationDto[];
  bookEntries: PreviewBookEntryDto[];
  /** A double-encoded note: its text as it should read. */
  repairedText?: string;
}
