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
  /** The lines that cite this book (`label`: `cookware.md:18`). */
  citations: Array<NotePlaceDto & { label: string }>;
  /** The lines that cite the author without saying which of their books. */
  unattributed: Array<NotePlaceDto & { label: string }>;
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
