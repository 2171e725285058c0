/**
 * The `Note` model: what the dialect layer knows about one note. Every range is an LSP range
 * (0-based line, UTF-16 column) into the note's text.
 */

import type { Range } from '../text/positions';
import type { DoubleEncoding } from '../text/encoding';
import type { Fence } from './scanner';

/** The kinds of anchor a 🗄 section part can name, strongest first (DIALECT §8.4). */
export type AnchorKind = 'heading' | 'caps' | 'bold' | 'term' | 'item' | 'book';

/** What a heading does in the note's skeleton (DIALECT §2.2). */
export type HeadingRole = 'title' | 'references' | 'progress' | 'section';

/**
 * A place a 🗄 section part can point at. For `## hone (steel)` the text is `hone (steel)`;
 * for `* _tang_: part of the blade` it is `tang`; for the line `BURR` it is `BURR`.
 */
export interface Anchor {
  kind: AnchorKind;
  /** The name as written, without markup, icon or heading hashes. */
  text: string;
  line: number;
  /** The range of the name on its line. */
  range: Range;
  /** 1–6 for headings, 7 for ALL-CAPS lines and `__bold__` labels, 8 terms, 9 item heads, 10 📚 entries. */
  level: number;
  /** The index in `Note.anchors` of the heading or pseudo-heading this anchor sits under. */
  parent: number | undefined;
  /** The last line of this anchor's scope: the section body for headings, the block for ALL-CAPS lines. */
  endLine: number;
  /** A heading's icon (`🔪` in `# 🔪 KNIVES`), when it has one. */
  icon?: string;
  role?: HeadingRole;
}

/** The file part of a 🗄 target. For `` 🗄 `metals.md` patina `` it is `metals.md` and its range. */
export interface FilePart {
  text: string;
  range: Range;
  /** True for a path written without backticks (`🗄 shop/drafts/x.md`). */
  bare: boolean;
}

/** The section part of a 🗄 target. For `` `stones.md` 'slurry management' `` it is `slurry management`. */
export interface SectionPart {
  text: string;
  range: Range;
  quoted: boolean;
}

/**
 * One target of a 🗄 marker. `` 🗄 `metals.md` 'rust' `care.md` 'oiling' `` has two; a bare `🗄`
 * label has one per list item below it.
 */
export interface Reference {
  /** The target as written, e.g. `` `metals.md` carbon steel > patina ``. */
  text: string;
  range: Range;
  line: number;
  file?: FilePart;
  section?: SectionPart;
  /** `` 🗄 `pickles.md`? `` : a `?` glued to the file makes the reference a question, with no section. */
  tentative: boolean;
  /** A marker with nothing after it and no list below (`… grind_angle 🗄 `). */
  empty: boolean;
  /** Inside a code fence: navigable, never diagnosed (DIALECT §1.3). */
  inFence: boolean;
  /** The range of the 🗄 marker, VS16s included. */
  markerRange: Range;
  form: 'inline' | 'line' | 'block';
}

/** One item of a 📙 citation. For `📙 McGee on food 3.45`: author `McGee`, title `on food`, locator `3.45`. */
export interface CitationItem {
  kind: 'author' | 'url' | 'file' | 'ibid' | 'unparsed';
  author?: string;
  authorRange?: Range;
  title?: string;
  locator?: string;
  url?: string;
  file?: string;
  /** `📙 Chang skills [306] basics [105]`: the second item's author is carried over from the first. */
  carriedOver: boolean;
  /**
   * Why an author item starts where it does (DIALECT §6.1): it comes `first` after the marker,
   * a clear page `locator` follows its name (`📙 McGee [12] Lopez [301]`), or the name is a
   * `known` author. Only the first two make a name known: a known author's own items do not.
   */
  basis?: 'first' | 'locator' | 'known';
  range: Range;
}

/** A 📙 marker and the items it cites. */
export interface Citation {
  line: number;
  markerRange: Range;
  range: Range;
  items: CitationItem[];
  inQuote: boolean;
  /**
   * The names (casefolded) where the items depended on whether a name is a known author, which
   * is workspace knowledge: `Lopez` in `📙 McGee [12] Lopez food lab`. Absent when none did.
   */
  candidates?: string[];
  /** Those of `candidates` read as known authors. */
  knownCandidates?: string[];
  /** The citation's text from its marker, kept only with `candidates`, so it can be read again with what the workspace knows. */
  source?: string;
}

/** One entry of a 📚 list: `* ⭐️ McGee on food and cooking https://…`. */
export interface BookEntry {
  line: number;
  range: Range;
  author?: string;
  authorRange?: Range;
  title: string;
  urls: string[];
  /** Status marks before the entry: `⭐️` recommended, `✅` read. */
  statuses: string[];
  /** The ALL-CAPS group label above the entry in a grouped list (`TECHNIQUE`). */
  group?: string;
}

/** A `📚` label and the entries below it. */
export interface BookList {
  line: number;
  labelRange: Range;
  endLine: number;
  entries: BookEntry[];
}

/** A year entry `* _24_: …` (progress) or `* _1972_: …` (a timeline). */
export interface YearEntry {
  line: number;
  year: string;
  range: Range;
  kind: 'progress' | 'timeline';
}

/** A backticked `*.md` token outside 🗄 references (`🔗 \`brine.md\``): a link, never diagnosed. */
export interface NoteMention {
  text: string;
  range: Range;
}

export interface NoteProblem {
  code: 'double-encoded' | 'replacement-character' | 'unclosed-fence' | 'long-line' | 'unparsable';
  message: string;
  range: Range;
}

/** A line range of the note, such as the `## 参考` block. */
export interface LineSpan {
  startLine: number;
  endLine: number;
}

export interface Note {
  /** Workspace-relative, `/`-separated: `craft/wood/#meta.md`. */
  path: string;
  lineCount: number;
  titleIcon?: string;
  anchors: Anchor[];
  references: Reference[];
  citations: Citation[];
  bookLists: BookList[];
  years: YearEntry[];
  mentions: NoteMention[];
  /** Lines of `---` separators: each divides a section's curated head from its raw body. */
  separators: number[];
  fences: Fence[];
  referencesBlock?: LineSpan;
  progressBlock?: LineSpan;
  problems: NoteProblem[];
  /**
   * The lines read for the dialect that are longer than `LONG_LINE` characters, with their length
   * (none in most notes): what an edit to a line needs to know so as not to make it too long to
   * be read (`MAX_DIALECT_LINE`).
   */
  longLines?: Array<{ line: number; length: number }>;
  /** Set when the note is double-encoded; such a note is not parsed as a dialect note. */
  doubleEncoding?: DoubleEncoding;
}
