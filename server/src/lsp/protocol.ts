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

export interface GraphNodeDto {
  /** The note's URI, or `missing:<folder URI>/<name>` for a placeholder of a note that dead links ask for. */
  id: string;
  label: string;
  /** Workspace-relative (prefixed with the folder's name when there are several folders). */
  path: string;
  /** The top folder, for the node's colour; `''` for notes at the top. */
  folder: string;
  missing: boolean;
  /** References from other notes that lead to it. */
  incoming: number;
  outgoing: number;
  dead: number;
  external: number;
  orphan: boolean;
  /** For a placeholder: why the links to it are dead. */
  reason?: string;
}

export interface GraphDto {
  nodes: GraphNodeDto[];
  /** Four numbers per edge, flat (100,000 edges stay small): source, target, reference count, 1 when dead. */
  edges: number[];
  /** The top folders, sorted: colours are picked by position. */
  folders: string[];
  /** The index of the focused note, for a local graph. */
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
  citations: Array<NotePlaceDto & { label: string }>;
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
