/**
 * The workspace index: every note by path, basename and folder; anchors with their normal
 * forms and aliases; 📚 entries and cited authors. Updating one note changes only that note's
 * entries. The index keeps no note texts: the few rules that need text (text-only,
 * text-under-head) ask the injected `NoteTextSource`.
 */

import type { Anchor, BookEntry, Citation, CitationItem, Note } from '../syntax/note';
import { parseNote } from '../syntax/parseNote';
import { reparseCitation } from '../syntax/citations';
import { buildAuthorCatalog, type AuthorCatalog } from './bookCatalog';
import { anchorKeys, normalForm, type NameKeys } from './normalize';
import type { PathHistory } from './history';

/** Where the index gets a note's current text when a rule needs it. The core never reads files itself. */
export interface NoteTextSource {
  readText(path: string): string | undefined;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/** Anchor kinds strong enough to say "the section moved there" (DIALECT §8.4, moved-section). */
const MOVABLE_KINDS = new Set(['heading', 'caps', 'bold', 'term']);

/**
 * A note in the index. Its anchors' names are looked up through a compact table: the 32-bit
 * hashes of every normal form, alias and squashed form, sorted, beside the anchor each belongs
 * to. A hit is confirmed against the anchor's real keys, so a hash collision never matches.
 * Ten thousand notes hold about a million anchors; strings and sets for each would not fit.
 */
export class IndexedNote {
  readonly basename: string;
  readonly folder: string;
  readonly stem: string;
  private readonly keyHashes: Int32Array;
  private readonly keyAnchors: Uint32Array;
  /** 1 where the key is a squashed form, 0 for a normal form or alias. */
  private readonly keySquashed: Uint8Array;
  /** The aliases of this note's strong anchors, as the workspace's moved-section map holds them (the same strings). */
  strongKeys: readonly string[] = [];

  /**
   * The note as the workspace reads it: its 📙 citations decided with the workspace's known
   * authors (DIALECT §6.1). The same object as `parsed` when nothing there depends on them.
   */
  note: Note;

  constructor(
    /** The note as its own text reads. */
    readonly parsed: Note,
    private readonly textSource: NoteTextSource,
    /** Called with each strong anchor's aliases while the table is built (the workspace's moved-section map). */
    onStrongAlias?: (alias: string) => void,
  ) {
    const note = parsed;
    this.note = parsed;
    const slash = note.path.lastIndexOf('/');
    this.basename = note.path.slice(slash + 1);
    this.folder = slash < 0 ? '' : note.path.slice(0, slash);
    this.stem = this.basename.replace(/\.md$/i, '');
    const rows: Array<[number, number, number]> = [];
    note.anchors.forEach((anchor, index) => {
      if (!anchor.text) return;
      const keys = anchorKeys(anchor.text);
      for (const alias of keys.aliases) {
        rows.push([hashKey(alias), index, 0]);
        if (onStrongAlias && MOVABLE_KINDS.has(anchor.kind)) onStrongAlias(alias);
      }
      for (const squashed of keys.squashes) rows.push([hashKey(squashed), index, 1]);
    });
    rows.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    this.keyHashes = Int32Array.from(rows, (row) => row[0]);
    this.keyAnchors = Uint32Array.from(rows, (row) => row[1]);
    this.keySquashed = Uint8Array.from(rows, (row) => row[2]);
  }

  get path(): string {
    return this.note.path;
  }

  /** The keys of one anchor, computed afresh (the index keeps only their hashes). */
  anchorKeys(index: number): NameKeys {
    return anchorKeys(this.note.anchors[index].text);
  }

  /** The note's current lines, from the text source; undefined when it cannot say. */
  readLines(): string[] | undefined {
    const text = this.textSource.readText(this.note.path);
    return text === undefined ? undefined : text.split(/\r\n|\r|\n/);
  }

  /** Anchor indices whose normal form or an alias equals `key`. */
  anchorsByAlias(key: string): number[] {
    return this.lookup(key, 0).filter((index) => this.anchorKeys(index).aliases.has(key));
  }

  /** Anchor indices whose squashed form equals `key`. */
  anchorsBySquash(key: string): number[] {
    return this.lookup(key, 1).filter((index) => this.anchorKeys(index).squashes.has(key));
  }

  /** The anchors that are names of something (not the untitled title line). */
  namedAnchors(): Array<{ anchor: Anchor; index: number }> {
    return this.note.anchors.map((anchor, index) => ({ anchor, index })).filter(({ anchor }) => anchor.text.length > 0);
  }

  private lookup(key: string, squashed: number): number[] {
    const hash = hashKey(key);
    let low = 0;
    let high = this.keyHashes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keyHashes[middle] < hash) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let row = low; row < this.keyHashes.length && this.keyHashes[row] === hash; row++) {
      if (this.keySquashed[row] === squashed && !found.includes(this.keyAnchors[row])) found.push(this.keyAnchors[row]);
    }
    return found;
  }
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** A `.md` file the index could not read as a note, with the reason shown to the user. */
export interface SkippedFile {
  path: string;
  message: string;
}

/** A 📚 entry and the note it is in. */
export interface IndexedBookEntry {
  path: string;
  entry: BookEntry;
}

/** A 📙 item and the note it is in. */
export interface IndexedCitation {
  path: string;
  item: CitationItem;
  line: number;
}

export class WorkspaceIndex {
  /** The collection's git history, when there is one (DIALECT §8.6 steps 1–2). */
  history: PathHistory | undefined;
  private readonly notes = new Map<string, IndexedNote>();
  private readonly skippedFiles = new Map<string, SkippedFile>();
  private readonly notesByBasename = new Map<string, Set<string>>();
  private readonly notesByFoldedBasename = new Map<string, Set<string>>();
  /** Every folder that holds a note at any depth, with how many notes it holds. */
  private readonly folderNoteCounts = new Map<string, number>();
  /** The last component of every folder (`spices`) → the folders of that name (`food/spices`). */
  private readonly foldersByName = new Map<string, Set<string>>();
  /** Folder → the `#…` folder notes directly in it (`craft/finish` → `craft/finish/#oils.md`). */
  private readonly folderNotesByFolder = new Map<string, Set<string>>();
  /** Folder → the notes directly in it ('' for the root). */
  private readonly notesByFolder = new Map<string, Set<string>>();
  /** Single-deletion keys of every note stem, for the file typo rule; built on first use, then kept up to date. */
  private stemDeletions: Map<string, Set<string>> | undefined;
  /** Normal forms and aliases of strong anchors → the notes that have them. */
  private readonly anchorNotes = new Map<string, Set<string>>();
  /** Author (casefolded) → their books and which citation means which (issue 11), built on first use, dropped when the author's entries or citations change. */
  private readonly catalogs = new Map<string, AuthorCatalog>();
  private authorChanges = 0;
  /**
   * Note → author (casefolded) → a rendering of that note's 📚 entries and 📙 items of the
   * author. Reading a note again (a keystroke) makes new objects for the same citations: an
   * author's catalog is rebuilt only when what it is built from really changed.
   */
  private readonly authorSignatures = new Map<string, Map<string, string>>();
  /** Author (casefolded) → note → the 📚 entries naming them there. */
  private readonly books = new ByAuthor<IndexedBookEntry>();
  /** Author (casefolded) → one entry per distinct title, with its title words; built on first use. */
  private readonly bookTitles = new Map<string, Array<{ path: string; entry: BookEntry; words: string[] }>>();
  /** Author (casefolded) → note → the 📙 items citing them there. */
  private readonly citations = new ByAuthor<IndexedCitation>();
  /**
   * Known authors (casefolded, DIALECT §6.1) → how many 📚 entries and citations make them
   * known. A citation makes its author known when it starts where no knowledge is needed (first
   * after the marker, or followed by a clear locator) and has a title or a locator: not a
   * capitalised word in commentary, and never because the author was already known.
   */
  private readonly knownAuthors = new Map<string, number>();
  /** Name (casefolded) → the notes whose citations would read differently if it were (not) known. */
  private readonly notesByCandidate = new Map<string, Set<string>>();

  constructor(readonly textSource: NoteTextSource = { readText: () => undefined }) {}

  /** Parses `text` and puts the note at `path`, replacing what was there. */
  setNoteText(path: string, text: string): Note {
    const note = parseNote(path, text);
    this.setNote(note);
    return note;
  }

  setNote(note: Note): void {
    const before = this.detachNote(note.path);
    const strongKeys = new Set<string>();
    const entry = new IndexedNote(note, this.textSource, (alias) => strongKeys.add(alias));
    entry.strongKeys = [...strongKeys];
    this.notes.set(note.path, entry);
    const newlyKnown = this.addKnownAuthors(entry);
    entry.note = this.decideCitations(entry.parsed);
    if (!this.notesByBasename.has(entry.basename) && this.stemDeletions) {
      for (const key of deletionKeys(stemOf(entry.basename))) addTo(this.stemDeletions, key, entry.basename);
    }
    addTo(this.notesByBasename, entry.basename, note.path);
    addTo(this.notesByFoldedBasename, entry.basename.toLowerCase(), note.path);
    for (const folder of ancestorFolders(note.path)) {
      const count = (this.folderNoteCounts.get(folder) ?? 0) + 1;
      this.folderNoteCounts.set(folder, count);
      if (count === 1) addTo(this.foldersByName, folder.slice(folder.lastIndexOf('/') + 1), folder);
    }
    if (entry.basename.startsWith('#')) addTo(this.folderNotesByFolder, entry.folder, note.path);
    addTo(this.notesByFolder, entry.folder, note.path);
    for (const key of strongKeys) addTo(this.anchorNotes, key, note.path);
    for (const { author, value } of this.bookEntriesOf(entry)) {
      this.books.add(author, note.path, value);
      this.bookTitles.delete(author);
    }
    for (const { author, value } of this.citationsOf(entry)) this.citations.add(author, note.path, value);
    this.updateSignatures(note.path, before);
    this.redecideNotesCiting(newlyKnown, note.path);
  }

  /** Records that `path` exists but could not be read as a note. */
  setSkipped(path: string, message: string): void {
    this.removeNote(path);
    this.skippedFiles.set(path, { path, message });
  }

  removeNote(path: string): void {
    const before = this.detachNote(path);
    for (const author of before?.keys() ?? []) this.authorChanged(author);
  }

  /** Takes the note out of every table; returns what it held of each author, for `updateSignatures`. */
  private detachNote(path: string): Map<string, string> | undefined {
    this.skippedFiles.delete(path);
    const entry = this.notes.get(path);
    if (!entry) return undefined;
    const before = this.authorSignatures.get(path);
    this.authorSignatures.delete(path);
    this.notes.delete(path);
    removeFrom(this.notesByBasename, entry.basename, path);
    if (!this.notesByBasename.has(entry.basename) && this.stemDeletions) {
      for (const key of deletionKeys(stemOf(entry.basename))) removeFrom(this.stemDeletions, key, entry.basename);
    }
    removeFrom(this.notesByFoldedBasename, entry.basename.toLowerCase(), path);
    for (const folder of ancestorFolders(path)) {
      const count = (this.folderNoteCounts.get(folder) ?? 1) - 1;
      if (count > 0) {
        this.folderNoteCounts.set(folder, count);
      } else {
        this.folderNoteCounts.delete(folder);
        removeFrom(this.foldersByName, folder.slice(folder.lastIndexOf('/') + 1), folder);
      }
    }
    if (entry.basename.startsWith('#')) removeFrom(this.folderNotesByFolder, entry.folder, path);
    removeFrom(this.notesByFolder, entry.folder, path);
    for (const key of entry.strongKeys) removeFrom(this.anchorNotes, key, path);
    for (const { author } of this.bookEntriesOf(entry)) {
      this.books.remove(author, path);
      this.bookTitles.delete(author);
    }
    for (const { author } of this.citationsOf(entry)) this.citations.remove(author, path);
    this.redecideNotesCiting(this.removeKnownAuthors(entry), path);
    return before;
  }

  /** Records what the note at `path` holds of each author now, and drops the catalogs of the authors where that changed. */
  private updateSignatures(path: string, before: Map<string, string> | undefined): void {
    const entry = this.notes.get(path);
    const after = new Map<string, string[]>();
    const add = (author: string, part: string) => {
      const parts = after.get(author);
      if (parts) parts.push(part);
      else after.set(author, [part]);
    };
    for (const { author, value } of entry ? this.bookEntriesOf(entry) : []) {
      const { entry: book } = value;
      add(author, `L${book.line}|${book.author}|${book.title}|${book.urls.join(' ')}|${book.statuses.join('')}`);
    }
    for (const { author, value } of entry ? this.citationsOf(entry) : []) {
      const { item, line } = value;
      add(author, `C${line}:${item.range.start.character}-${item.range.end.character}|${item.author}|${item.title ?? ''}|${item.locator ?? ''}|${item.carriedOver}`);
    }
    const signatures = new Map([...after].map(([author, parts]) => [author, parts.join('\n')]));
    if (signatures.size > 0) this.authorSignatures.set(path, signatures);
    for (const author of new Set([...(before?.keys() ?? []), ...signatures.keys()])) {
      if (before?.get(author) !== signatures.get(author)) this.authorChanged(author);
    }
  }

  getNote(path: string): IndexedNote | undefined {
    return this.notes.get(path);
  }

  hasNote(path: string): boolean {
    return this.notes.has(path);
  }

  allNotes(): IterableIterator<IndexedNote> {
    return this.notes.values();
  }

  notePaths(): string[] {
    return [...this.notes.keys()];
  }

  get noteCount(): number {
    return this.notes.size;
  }

  skipped(): SkippedFile[] {
    return [...this.skippedFiles.values()];
  }

  notesWithBasename(basename: string): readonly string[] {
    return [...(this.notesByBasename.get(basename) ?? [])];
  }

  notesWithFoldedBasename(basename: string): readonly string[] {
    return [...(this.notesByFoldedBasename.get(basename.toLowerCase()) ?? [])];
  }

  allBasenames(): IterableIterator<string> {
    return this.notesByBasename.keys();
  }

  /** The `#…` folder notes directly in `folder` (`craft/finish` → `craft/finish/#oils.md`). */
  folderNotesIn(folder: string): string[] {
    return [...(this.folderNotesByFolder.get(folder) ?? [])].sort();
  }

  /** The notes directly in `folder` (not in its subfolders), sorted; `''` is the root. */
  notesIn(folder: string): string[] {
    return [...(this.notesByFolder.get(folder) ?? [])].sort();
  }

  /** Every note at any depth under `folder`. */
  notesUnder(folder: string): string[] {
    const prefix = `${folder}/`;
    return [...this.notes.keys()].filter((path) => path.startsWith(prefix)).sort();
  }

  /**
   * Basenames whose stem (without `.md` and a leading `#`) is within one edit of `stem`,
   * found through shared single-deletion keys rather than by comparing with every note. Two
   * edits are found when they share a deletion (a transposition, a deletion plus an
   * insertion); two substitutions at different places are not.
   */
  basenamesNearStem(stem: string): string[] {
    if (!this.stemDeletions) {
      this.stemDeletions = new Map();
      for (const basename of this.notesByBasename.keys()) {
        for (const key of deletionKeys(stemOf(basename))) addTo(this.stemDeletions, key, basename);
      }
    }
    const found = new Set<string>();
    for (const key of deletionKeys(stem.toLowerCase())) for (const basename of this.stemDeletions.get(key) ?? []) found.add(basename);
    return [...found].sort();
  }

  hasFolder(folder: string): boolean {
    return this.folderNoteCounts.has(folder);
  }

  /** Folders whose last component is `name`, at any depth. */
  foldersNamed(name: string): string[] {
    return [...(this.foldersByName.get(name) ?? [])].sort();
  }

  /** The notes that have a strong anchor (heading, ALL-CAPS, bold, term) with this normal form or alias. */
  notesWithAnchorKey(key: string): ReadonlySet<string> {
    return this.anchorNotes.get(key) ?? EMPTY_SET;
  }

  bookEntriesByAuthor(author: string): readonly IndexedBookEntry[] {
    return this.books.get(author.toLowerCase());
  }

  /**
   * The 📚 entries of an author with one entry per distinct title (the first by path), each with
   * its title's normal-form words: what the book-entry rule weighs, however often a title is listed.
   */
  bookTitlesByAuthor(author: string): ReadonlyArray<{ path: string; entry: BookEntry; words: string[] }> {
    const key = author.toLowerCase();
    let titles = this.bookTitles.get(key);
    if (!titles) {
      const byTitle = new Map<string, { path: string; entry: BookEntry; words: string[] }>();
      const entries = [...this.books.get(key)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.entry.line - b.entry.line));
      for (const { path, entry } of entries) {
        const title = normalForm(entry.title);
        if (!byTitle.has(title)) byTitle.set(title, { path, entry, words: title.split(' ').filter(Boolean) });
      }
      titles = [...byTitle.values()];
      this.bookTitles.set(key, titles);
    }
    return titles;
  }

  /**
   * The author's books (their 📚 entries merged across notes) and the book each of their
   * citations means: what lens counts, hover, completion and the Books view show per book.
   */
  booksOfAuthor(author: string): AuthorCatalog {
    const key = author.toLowerCase();
    let catalog = this.catalogs.get(key);
    if (!catalog) {
      catalog = buildAuthorCatalog(this.books.get(key), this.citations.get(key));
      this.catalogs.set(key, catalog);
    }
    return catalog;
  }

  /** A number that changes whenever some author's 📚 entries or citations do: what is computed over all authors may be kept until then. */
  get authorGeneration(): number {
    return this.authorChanges;
  }

  private authorChanged(author: string): void {
    this.catalogs.delete(author);
    this.authorChanges++;
  }

  /** True when some 📚 list names the author. */
  isListed(author: string): boolean {
    return this.books.has(author.toLowerCase());
  }

  /** True when the author is cited in another note, or on another line of `path`. */
  isCitedElsewhere(author: string, path: string, line: number): boolean {
    return this.citations.someOutside(author.toLowerCase(), path, (citation) => citation.line !== line);
  }

  /** How many 📙 items cite the author, and how many 📚 entries list them (casefolded or not). */
  citationCount(author: string): number {
    return this.citations.count(author.toLowerCase());
  }

  listingCount(author: string): number {
    return this.books.count(author.toLowerCase());
  }

  citationsOfAuthor(author: string): readonly IndexedCitation[] {
    return this.citations.get(author.toLowerCase());
  }

  listedAuthors(): IterableIterator<string> {
    return this.books.keys();
  }

  citedAuthors(): IterableIterator<string> {
    return this.citations.keys();
  }

  /** True when a 📚 entry or a citation that needs no knowledge names the author (casefolded or not). */
  isKnownAuthor(author: string): boolean {
    return this.knownAuthors.has(author.toLowerCase());
  }

  /** The notes whose citations read differently depending on whether `author` is known (for re-checking them when it changes). */
  notesWithCandidate(author: string): readonly string[] {
    return [...(this.notesByCandidate.get(author.toLowerCase()) ?? [])].sort();
  }

  /** The note's citations read with what the workspace knows; the parsed note itself when that changes nothing. */
  private decideCitations(parsed: Note): Note {
    let changed = false;
    const citations = parsed.citations.map((citation) => {
      if (!citation.candidates) return citation;
      const decided = reparseCitation(citation, (name) => this.knownAuthors.has(name));
      if (decided !== citation) changed = true;
      return decided;
    });
    return changed ? { ...parsed, citations } : parsed;
  }

  /** Counts what `entry` makes known and records its candidates; returns the names that were not known before. */
  private addKnownAuthors(entry: IndexedNote): string[] {
    const newlyKnown: string[] = [];
    for (const name of knownAuthorsOf(entry.parsed)) {
      const count = this.knownAuthors.get(name) ?? 0;
      this.knownAuthors.set(name, count + 1);
      if (count === 0) newlyKnown.push(name);
    }
    for (const name of candidatesOf(entry.parsed)) addTo(this.notesByCandidate, name, entry.path);
    return newlyKnown;
  }

  /** Undoes `addKnownAuthors`; returns the names no longer known. */
  private removeKnownAuthors(entry: IndexedNote): string[] {
    const forgotten: string[] = [];
    for (const name of knownAuthorsOf(entry.parsed)) {
      const count = (this.knownAuthors.get(name) ?? 1) - 1;
      if (count > 0) {
        this.knownAuthors.set(name, count);
      } else {
        this.knownAuthors.delete(name);
        forgotten.push(name);
      }
    }
    for (const name of candidatesOf(entry.parsed)) removeFrom(this.notesByCandidate, name, entry.path);
    return forgotten;
  }

  /** Reads again the citations of the notes (but `except`) whose reading depends on `names`, and re-indexes their authors. */
  private redecideNotesCiting(names: readonly string[], except: string): void {
    const paths = new Set<string>();
    for (const name of names) for (const path of this.notesByCandidate.get(name) ?? []) if (path !== except) paths.add(path);
    for (const path of paths) {
      const entry = this.notes.get(path)!;
      const decided = this.decideCitations(entry.parsed);
      if (decided.citations === entry.note.citations) continue;
      for (const { author } of this.citationsOf(entry)) this.citations.remove(author, path);
      entry.note = decided;
      for (const { author, value } of this.citationsOf(entry)) this.citations.add(author, path, value);
      this.updateSignatures(path, this.authorSignatures.get(path));
    }
  }

  /**
   * A canonical rendering of everything the index holds, for the paranoid check: an index
   * updated note by note must render exactly like one rebuilt from scratch.
   */
  snapshot(): string {
    const sortedMap = <V>(map: Map<string, V>, render: (value: V) => unknown) =>
      [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => [key, render(value)]);
    const sortedSet = (set: Set<string>) => [...set].sort();
    return JSON.stringify({
      notes: sortedMap(this.notes, (entry) => entry.note),
      skipped: sortedMap(this.skippedFiles, (value) => value.message),
      basenames: sortedMap(this.notesByBasename, sortedSet),
      foldedBasenames: sortedMap(this.notesByFoldedBasename, sortedSet),
      folders: sortedMap(this.folderNoteCounts, (count) => count),
      foldersByName: sortedMap(this.foldersByName, sortedSet),
      folderNotes: sortedMap(this.folderNotesByFolder, sortedSet),
      notesByFolder: sortedMap(this.notesByFolder, sortedSet),
      anchors: sortedMap(this.anchorNotes, sortedSet),
      stemDeletions: (this.basenamesNearStem(''), sortedMap(this.stemDeletions!, sortedSet)),
      books: this.books.render((value) => `${value.path}:${value.entry.line}`),
      citations: this.citations.render((value) => `${value.path}:${value.line}:${value.item.range.start.character}`),
      knownAuthors: sortedMap(this.knownAuthors, (count) => count),
      candidates: sortedMap(this.notesByCandidate, sortedSet),
    });
  }

  private bookEntriesOf(entry: IndexedNote): Array<{ author: string; value: IndexedBookEntry }> {
    const result: Array<{ author: string; value: IndexedBookEntry }> = [];
    for (const list of entry.note.bookLists) {
      for (const bookEntry of list.entries) {
        if (bookEntry.author) result.push({ author: bookEntry.author.toLowerCase(), value: { path: entry.path, entry: bookEntry } });
      }
    }
    return result;
  }

  private citationsOf(entry: IndexedNote): Array<{ author: string; value: IndexedCitation }> {
    const result: Array<{ author: string; value: IndexedCitation }> = [];
    for (const citation of entry.note.citations) {
      for (const item of citation.items) {
        if (item.author) result.push({ author: item.author.toLowerCase(), value: { path: entry.path, item, line: citation.line } });
      }
    }
    return result;
  }
}

/**
 * The names a note makes known (casefolded, once per 📚 entry or citation item): 📚 entry
 * authors, and citation authors read with no knowledge at all that have a title or a locator.
 * Reading with no knowledge keeps this free of circles: no name is known because it was known.
 */
function knownAuthorsOf(note: Note): string[] {
  const names: string[] = [];
  for (const list of note.bookLists) for (const entry of list.entries) if (entry.author) names.push(entry.author.toLowerCase());
  for (const citation of note.citations) {
    const plain: Citation = citation.knownCandidates?.length ? reparseCitation(citation, () => false) : citation;
    for (const item of plain.items) {
      if (item.author && !item.carriedOver && (item.basis === 'first' || item.basis === 'locator') && (item.title || item.locator)) names.push(item.author.toLowerCase());
    }
  }
  return names;
}

function candidatesOf(note: Note): Set<string> {
  const names = new Set<string>();
  for (const citation of note.citations) for (const name of citation.candidates ?? []) names.add(name);
  return names;
}

/** Where `path` is or would be in the sorted `paths` (binary search). */
function sortedIndex(paths: readonly string[], path: string): number {
  let low = 0;
  let high = paths.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (paths[middle] < path) low = middle + 1;
    else high = middle;
  }
  return low;
}

function stemOf(basename: string): string {
  return basename.replace(/\.md$/i, '').replace(/^#/, '').toLowerCase();
}

/** A word and every string made by deleting one character from it. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let index = 0; index < word.length; index++) keys.push(word.slice(0, index) + word.slice(index + 1));
  return keys;
}

/** Every folder above `path`: `a/b/c.md` → `a`, `a/b`. */
function ancestorFolders(path: string): string[] {
  const parts = path.split('/');
  const folders: string[] = [];
  for (let length = 1; length < parts.length; length++) folders.push(parts.slice(0, length).join('/'));
  return folders;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * Values kept by author and, within an author, by note: replacing one note's values touches
 * that note alone, however many notes cite the same author. The flat list of an author is
 * built on demand and kept until the author's values change.
 */
class ByAuthor<V> {
  private readonly byAuthor = new Map<string, Map<string, V[]>>();
  /** Each author's notes in path order, kept sorted as notes come and go (no sort per lookup). */
  private readonly paths = new Map<string, string[]>();
  private readonly flat = new Map<string, V[]>();
  private readonly counts = new Map<string, number>();

  add(author: string, path: string, value: V): void {
    let byNote = this.byAuthor.get(author);
    if (!byNote) this.byAuthor.set(author, (byNote = new Map()));
    const values = byNote.get(path);
    this.counts.set(author, (this.counts.get(author) ?? 0) + 1);
    if (values) {
      values.push(value);
    } else {
      byNote.set(path, [value]);
      let paths = this.paths.get(author);
      if (!paths) this.paths.set(author, (paths = []));
      paths.splice(sortedIndex(paths, path), 0, path);
    }
    this.flat.delete(author);
  }

  remove(author: string, path: string): void {
    const byNote = this.byAuthor.get(author);
    const removed = byNote?.get(path);
    if (!byNote || !removed) return;
    byNote.delete(path);
    const count = this.counts.get(author)! - removed.length;
    if (count > 0) this.counts.set(author, count);
    else this.counts.delete(author);
    const paths = this.paths.get(author)!;
    paths.splice(sortedIndex(paths, path), 1);
    if (byNote.size === 0) {
      this.byAuthor.delete(author);
      this.paths.delete(author);
    }
    this.flat.delete(author);
  }

  get(author: string): readonly V[] {
    let values = this.flat.get(author);
    if (!values) {
      const byNote = this.byAuthor.get(author);
      // In note order, so that an index updated note by note answers as a rebuilt one does.
      values = byNote ? this.paths.get(author)!.flatMap((path) => byNote.get(path)!) : [];
      if (byNote) this.flat.set(author, values);
    }
    return values;
  }

  keys(): IterableIterator<string> {
    return this.byAuthor.keys();
  }

  /** How many values the author has, without building their list. */
  count(author: string): number {
    return this.counts.get(author) ?? 0;
  }

  has(author: string): boolean {
    return this.byAuthor.has(author);
  }

  /** True when another note has a value for the author, or `path` has one that `accept` takes. */
  someOutside(author: string, path: string, accept: (value: V) => boolean): boolean {
    const byNote = this.byAuthor.get(author);
    if (!byNote) return false;
    if (byNote.size > 1 || !byNote.has(path)) return true;
    return byNote.get(path)!.some(accept);
  }

  render(describe: (value: V) => string): Array<[string, string[]]> {
    return [...this.byAuthor.keys()].sort().map((author) => [author, this.get(author).map(describe).sort()]);
  }
}

