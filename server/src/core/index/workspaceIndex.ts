/**
 * The workspace index: every note by path, basename and folder; anchors with their normal
 * forms and aliases; 📚 entries and cited authors. Updating one note changes only that note's
 * entries. The index keeps no note texts: the few rules that need text (text-only,
 * text-under-head) ask the injected `NoteTextSource`. It keeps each note in compact form
 * (`compactNote.ts`), presented to features as a `Note`.
 */

import type { Anchor, BookEntry, CitationItem, Note } from '../syntax/note';
import { parseNote } from '../syntax/parseNote';
import { anchorKeys, normalForm, type NameKeys } from './normalize';
import type { PathHistory } from './history';
import { encodeNote, NoteView, UnencodableValue, type CompactNote } from './compactNote';
import { computeNoteAuthors, computeNoteKeys, hashKey, type NoteAuthors, type NoteKeys } from './noteKeys';
import { detachString, splitLines } from '../text/positions';

/** Where the index gets a note's current text when a rule needs it. The core never reads files itself. */
export interface NoteTextSource {
  readText(path: string): string | undefined;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/** The last text `readLines` split, and its lines (shared by the callers that ask for the same text: read them, never change them). */
const lastSplit: { text: string | undefined; lines: string[] } = { text: undefined, lines: [] };

/**
 * A note in the index. Its anchors' names are looked up through a compact table: the 32-bit
 * hashes of every normal form, alias and squashed form, sorted, beside the anchor each belongs
 * to (`noteKeys.ts`). A hit is confirmed against the anchor's real keys, so a hash collision
 * never matches. Ten thousand notes hold about a million anchors; strings and sets for each
 * would not fit. The table comes with the note from a worker thread, or is built on first use.
 */
export class IndexedNote {
  readonly basename: string;
  readonly folder: string;
  readonly stem: string;
  /** The note as features read it: decoded from the compact form on demand. */
  readonly note: Note;
  private readonly view: NoteView | undefined;
  private rows: Int32Array | undefined;

  /** The lookup table, when it was computed (a note whose anchors did not change keeps it). */
  get computedRows(): Int32Array | undefined {
    return this.rows;
  }

  constructor(
    note: NoteView | Note,
    private readonly textSource: NoteTextSource,
    rows?: Int32Array,
  ) {
    this.note = note;
    this.view = note instanceof NoteView ? note : undefined;
    this.rows = rows;
    const slash = note.path.lastIndexOf('/');
    this.basename = note.path.slice(slash + 1);
    this.folder = slash < 0 ? '' : note.path.slice(0, slash);
    this.stem = this.basename.replace(/\.md$/i, '');
  }

  get path(): string {
    return this.note.path;
  }

  /** The normal forms and aliases of this note's strong anchors, as the workspace's moved-section map holds them. */
  get strongKeys(): readonly string[] {
    const strong = computeNoteKeys(this.note.anchors).strong;
    return strong ? strong.split('\n') : [];
  }

  /** The keys of one anchor (remembered by name, not stored per anchor). */
  anchorKeys(index: number): NameKeys {
    return anchorKeys(this.view ? this.view.anchorText(index) : this.note.anchors[index].text);
  }

  /** The note's current lines, from the text source; undefined when it cannot say. */
  readLines(): string[] | undefined {
    const text = this.textSource.readText(this.note.path);
    if (text === undefined) return undefined;
    // The dead links of one note ask for the same text once each: it is split once.
    if (text !== lastSplit.text) {
      lastSplit.text = text;
      lastSplit.lines = splitLines(text);
    }
    return lastSplit.lines;
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
    const rows = (this.rows ??= computeNoteKeys(this.note.anchors).rows);
    const hash = hashKey(key);
    let low = 0;
    let high = rows.length / 2;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (rows[2 * middle] < hash) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let row = low; 2 * row < rows.length && rows[2 * row] === hash; row++) {
      const packed = rows[2 * row + 1];
      const anchor = packed >>> 1;
      if ((packed & 1) === squashed && !found.includes(anchor)) found.push(anchor);
    }
    return found;
  }
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

/**
 * An index entry for a 📚 entry that reads the entry from its note when asked: the index holds
 * every 📚 entry and 📙 item of the workspace, and holding each as objects would keep the whole
 * of every note's citations alive.
 */
class StoredBookEntry implements IndexedBookEntry {
  constructor(
    private readonly note: Note,
    private readonly list: number,
    private readonly index: number,
  ) {}

  get path(): string {
    return this.note.path;
  }

  get entry(): BookEntry {
    return this.note.bookLists[this.list].entries[this.index];
  }
}

/** An index entry for a 📙 item that reads the item from its note when asked (see `StoredBookEntry`). */
class StoredCitation implements IndexedCitation {
  constructor(
    readonly line: number,
    private readonly note: Note,
    private readonly citation: number,
    private readonly index: number,
  ) {}

  get path(): string {
    return this.note.path;
  }

  get item(): CitationItem {
    return this.note.citations[this.citation].items[this.index];
  }
}

export class WorkspaceIndex {
  /** The collection's git history, when there is one (DIALECT §8.6 steps 1–2). */
  history: PathHistory | undefined;
  private readonly notes = new Map<string, IndexedNote>();
  private readonly skippedFiles = new Map<string, SkippedFile>();
  private readonly notesByBasename = new StringMultimap();
  private readonly notesByFoldedBasename = new StringMultimap();
  /** Every folder that holds a note at any depth, with how many notes it holds. */
  private readonly folderNoteCounts = new Map<string, number>();
  /** The last component of every folder (`spices`) → the folders of that name (`food/spices`). */
  private readonly foldersByName = new StringMultimap();
  /** Folder → the `#…` folder notes directly in it (`craft/finish` → `craft/finish/#oils.md`). */
  private readonly folderNotesByFolder = new StringMultimap();
  /** Single-deletion keys of every note stem, for the file typo rule; built on first use, then kept up to date. */
  private stemDeletions: StringMultimap | undefined;
  /**
   * Normal forms and aliases of strong anchors → the notes that have them: the path itself while
   * only one note has the name, a list from the second, made a set when first asked for. Ten
   * thousand notes give about 800,000 pairs, added while the folder is read; few are asked for.
   */
  private readonly anchorNotes = new Map<string, string | string[] | Set<string>>();
  /** Author (casefolded) → note → the 📚 entries naming them there. */
  private readonly books = new ByAuthor<IndexedBookEntry>();
  /** Author (casefolded) → one entry per distinct title, with its title words; built on first use. */
  private readonly bookTitles = new Map<string, Array<{ path: string; entry: BookEntry; words: string[] }>>();
  /** Author (casefolded) → note → the 📙 items citing them there. */
  private readonly citations = new ByAuthor<IndexedCitation>();

  constructor(readonly textSource: NoteTextSource = { readText: () => undefined }) {}

  /** Parses `text` and puts the note at `path`, replacing what was there. */
  setNoteText(path: string, text: string): Note {
    const note = parseNote(path, text);
    this.setNote(note);
    return note;
  }

  /** Puts a parsed note in the index (in compact form), replacing what was at its path. */
  setNote(note: Note): void {
    let compact: CompactNote | undefined;
    try {
      compact = encodeNote(note);
    } catch (error) {
      if (!(error instanceof UnencodableValue)) throw error;
    }
    // A note the compact form cannot hold (never one `parseNote` makes) is kept as it is.
    this.insert(compact ? new NoteView(compact) : note, undefined, note.anchors);
  }

  /** Puts a note in compact form in the index, with its keys when a worker computed them. */
  setCompactNote(compact: CompactNote, keys?: NoteKeys): void {
    const view = new NoteView(compact);
    this.insert(view, keys, view.anchors);
  }

  /**
   * Puts a note in the index. A new version of a note already there whose anchors have the same
   * names (most keystrokes) keeps its anchor keys and its moved-section entries: only what can
   * have changed is redone.
   */
  private insert(note: NoteView | Note, keys: NoteKeys | undefined, anchors: readonly Anchor[]): void {
    const previous = this.notes.get(note.path);
    if (previous && this.replace(previous, note, keys, anchors)) return;
    keys ??= computeNoteKeys(anchors);
    this.removeNote(note.path);
    const strongKeys = keys.strong ? keys.strong.split('\n') : [];
    const entry = new IndexedNote(note, this.textSource, keys.rows);
    this.notes.set(note.path, entry);
    if (!this.notesByBasename.has(entry.basename) && this.stemDeletions) {
      for (const key of deletionKeys(stemOf(entry.basename))) this.stemDeletions.add(key, entry.basename);
    }
    this.notesByBasename.add(entry.basename, note.path);
    this.notesByFoldedBasename.add(entry.basename.toLowerCase(), note.path);
    for (const folder of ancestorFolders(note.path)) {
      const count = (this.folderNoteCounts.get(folder) ?? 0) + 1;
      this.folderNoteCounts.set(folder, count);
      if (count === 1) this.foldersByName.add(folder.slice(folder.lastIndexOf('/') + 1), folder);
    }
    if (entry.basename.startsWith('#')) this.folderNotesByFolder.add(entry.folder, note.path);
    for (const key of strongKeys) this.addAnchorNote(key, note.path);
    this.addAuthors(entry, keys.authors);
  }

  /**
   * Replaces a note by a new version whose anchors have the same kinds and names. Returns false
   * (and does nothing) when they differ: the caller then removes and adds the note whole.
   */
  private replace(previous: IndexedNote, note: NoteView | Note, keys: NoteKeys | undefined, anchors: readonly Anchor[]): boolean {
    const before = previous.note.anchors;
    if (before.length !== anchors.length) return false;
    for (let index = 0; index < anchors.length; index++) {
      if (before[index].kind !== anchors[index].kind || before[index].text !== anchors[index].text) return false;
    }
    const path = note.path;
    this.removeAuthors(previous);
    // The same names give the same lookup table and the same moved-section entries.
    const entry = new IndexedNote(note, this.textSource, keys?.rows ?? previous.computedRows);
    this.notes.delete(path);
    this.notes.set(path, entry);
    this.addAuthors(entry, keys?.authors);
    return true;
  }

  /** Records that `path` exists but could not be read as a note. */
  setSkipped(path: string, message: string): void {
    this.removeNote(path);
    this.skippedFiles.set(path, { path, message });
  }

  removeNote(path: string): void {
    this.skippedFiles.delete(path);
    const entry = this.notes.get(path);
    if (!entry) return;
    this.notes.delete(path);
    this.notesByBasename.remove(entry.basename, path);
    if (!this.notesByBasename.has(entry.basename) && this.stemDeletions) {
      for (const key of deletionKeys(stemOf(entry.basename))) this.stemDeletions.remove(key, entry.basename);
    }
    this.notesByFoldedBasename.remove(entry.basename.toLowerCase(), path);
    for (const folder of ancestorFolders(path)) {
      const count = (this.folderNoteCounts.get(folder) ?? 1) - 1;
      if (count > 0) {
        this.folderNoteCounts.set(folder, count);
      } else {
        this.folderNoteCounts.delete(folder);
        this.foldersByName.remove(folder.slice(folder.lastIndexOf('/') + 1), folder);
      }
    }
    if (entry.basename.startsWith('#')) this.folderNotesByFolder.remove(entry.folder, path);
    for (const key of entry.strongKeys) this.removeAnchorNote(key, path);
    this.removeAuthors(entry);
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
    return [...this.notesByBasename.get(basename)];
  }

  notesWithFoldedBasename(basename: string): readonly string[] {
    return [...this.notesByFoldedBasename.get(basename.toLowerCase())];
  }

  allBasenames(): IterableIterator<string> {
    return this.notesByBasename.keys();
  }

  /** The `#…` folder notes directly in `folder` (`craft/finish` → `craft/finish/#oils.md`). */
  folderNotesIn(folder: string): string[] {
    return [...this.folderNotesByFolder.get(folder)].sort();
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
      this.stemDeletions = new StringMultimap();
      for (const basename of this.notesByBasename.keys()) {
        for (const key of deletionKeys(stemOf(basename))) this.stemDeletions.add(key, basename);
      }
    }
    const found = new Set<string>();
    for (const key of deletionKeys(stem.toLowerCase())) for (const basename of this.stemDeletions.get(key)) found.add(basename);
    return [...found].sort();
  }

  hasFolder(folder: string): boolean {
    return this.folderNoteCounts.has(folder);
  }

  /** Folders whose last component is `name`, at any depth. */
  foldersNamed(name: string): string[] {
    return [...this.foldersByName.get(name)].sort();
  }

  /** The notes that have a strong anchor (heading, ALL-CAPS, bold, term) with this normal form or alias. */
  notesWithAnchorKey(key: string): ReadonlySet<string> {
    const notes = this.anchorNotes.get(key);
    if (notes === undefined) return EMPTY_SET;
    if (typeof notes === 'string') return new Set([notes]);
    if (Array.isArray(notes)) {
      const set = new Set(notes);
      this.anchorNotes.set(key, set);
      return set;
    }
    return notes;
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

  /** True when some 📚 list names the author. */
  isListed(author: string): boolean {
    return this.books.has(author.toLowerCase());
  }

  /** True when the author is cited in another note, or on another line of `path`. */
  isCitedElsewhere(author: string, path: string, line: number): boolean {
    return this.citations.someOutside(author.toLowerCase(), path, (citation) => citation.line !== line);
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

  /**
   * A canonical rendering of everything the index holds, for the paranoid check: an index
   * updated note by note must render exactly like one rebuilt from scratch.
   */
  snapshot(): string {
    const sortedMap = <V>(map: Map<string, V>, render: (value: V) => unknown) =>
      [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => [key, render(value)]);
    return JSON.stringify({
      notes: sortedMap(this.notes, (entry) => entry.note),
      skipped: sortedMap(this.skippedFiles, (value) => value.message),
      basenames: this.notesByBasename.render(),
      foldedBasenames: this.notesByFoldedBasename.render(),
      folders: sortedMap(this.folderNoteCounts, (count) => count),
      foldersByName: this.foldersByName.render(),
      folderNotes: this.folderNotesByFolder.render(),
      anchors: sortedMap(this.anchorNotes, (notes) => (typeof notes === 'string' ? [notes] : [...notes].sort())),
      stemDeletions: (this.basenamesNearStem(''), this.stemDeletions!.render()),
      books: this.books.render((value) => `${value.path}:${value.entry.line}`),
      citations: this.citations.render((value) => `${value.path}:${value.line}:${value.item.range.start.character}`),
    });
  }

  private addAnchorNote(key: string, path: string): void {
    const notes = this.anchorNotes.get(key);
    // A new name is copied: a slice of the note's joined keys would keep all of them alive.
    if (notes === undefined) this.anchorNotes.set(detachString(key), path);
    else if (typeof notes === 'string') this.anchorNotes.set(key, [notes, path]);
    else if (Array.isArray(notes)) notes.push(path);
    else notes.add(path);
  }

  private removeAnchorNote(key: string, path: string): void {
    const notes = this.anchorNotes.get(key);
    if (notes === undefined) return;
    if (notes === path) {
      this.anchorNotes.delete(key);
      return;
    }
    if (typeof notes === 'string') return;
    if (!Array.isArray(notes)) {
      notes.delete(path);
      if (notes.size === 1) this.anchorNotes.set(key, notes.values().next().value!);
      else if (notes.size === 0) this.anchorNotes.delete(key);
      return;
    }
    const rest = notes.filter((other) => other !== path);
    this.anchorNotes.set(key, rest.length === 1 ? rest[0] : rest);
  }

  /** Adds a note's 📚 entries and 📙 items to the author maps (from `authors` when a worker read them). */
  private addAuthors(entry: IndexedNote, authors: NoteAuthors = computeNoteAuthors(entry.note)): void {
    const path = entry.path;
    authors.listed.forEach((author, at) => {
      this.books.add(author, path, new StoredBookEntry(entry.note, authors.listedAt[2 * at], authors.listedAt[2 * at + 1]));
      this.bookTitles.delete(author);
    });
    authors.cited.forEach((author, at) => {
      this.citations.add(author, path, new StoredCitation(authors.citedAt[3 * at + 2], entry.note, authors.citedAt[3 * at], authors.citedAt[3 * at + 1]));
    });
  }

  private removeAuthors(entry: IndexedNote): void {
    const authors = computeNoteAuthors(entry.note);
    for (const author of authors.listed) {
      this.books.remove(author, entry.path);
      this.bookTitles.delete(author);
    }
    for (const author of authors.cited) this.citations.remove(author, entry.path);
  }
}

function stemOf(basename: string): string {
  return basename.replace(/\.md$/i, '').replace(/^#/, '').toLowerCase();
}

/** A word and every string made by deleting one character from it (flat strings: they become keys of a large map). */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let index = 0; index < word.length; index++) keys.push([word.slice(0, index), word.slice(index + 1)].join(''));
  return keys;
}

/** Every folder above `path`: `a/b/c.md` → `a`, `a/b`. */
function ancestorFolders(path: string): string[] {
  const parts = path.split('/');
  const folders: string[] = [];
  for (let length = 1; length < parts.length; length++) folders.push(parts.slice(0, length).join('/'));
  return folders;
}

const NO_STRINGS: readonly string[] = [];

/**
 * Strings by key, each value once, in the order added: a set of strings per key, stored as the
 * string itself while there is one (nearly always: a basename names one note, a deletion key
 * comes from one stem). Ten thousand notes make hundreds of thousands of keys; a `Set` for each
 * took a hundred bytes more.
 */
class StringMultimap {
  private readonly values = new Map<string, string | string[]>();

  add(key: string, value: string): void {
    const known = this.values.get(key);
    if (known === undefined) this.values.set(key, value);
    else if (typeof known === 'string') {
      if (known !== value) this.values.set(key, [known, value]);
    } else if (!known.includes(value)) known.push(value);
  }

  remove(key: string, value: string): void {
    const known = this.values.get(key);
    if (known === undefined) return;
    if (typeof known === 'string') {
      if (known === value) this.values.delete(key);
      return;
    }
    const rest = known.filter((other) => other !== value);
    this.values.set(key, rest.length === 1 ? rest[0] : rest);
  }

  get(key: string): readonly string[] {
    const known = this.values.get(key);
    return known === undefined ? NO_STRINGS : typeof known === 'string' ? [known] : known;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  /** Sorted keys with sorted values, for the index's snapshot. */
  render(): Array<[string, string[]]> {
    return [...this.values.keys()].sort().map((key) => [key, [...this.get(key)].sort()]);
  }
}

/**
 * Values kept by author and, within an author, by note: replacing one note's values touches
 * that note alone, however many notes cite the same author. The flat list of an author is
 * built on demand and kept until the author's values change.
 */
class ByAuthor<V extends object> {
  /** Author → note → its value, or its values when it has several (a note's single value is kept without a list). */
  private readonly byAuthor = new Map<string, Map<string, V | V[]>>();
  private readonly flat = new Map<string, V[]>();

  add(author: string, path: string, value: V): void {
    let byNote = this.byAuthor.get(author);
    if (!byNote) this.byAuthor.set(author, (byNote = new Map()));
    const values = byNote.get(path);
    if (values === undefined) byNote.set(path, value);
    else if (Array.isArray(values)) values.push(value);
    else byNote.set(path, [values, value]);
    this.flat.delete(author);
  }

  remove(author: string, path: string): void {
    const byNote = this.byAuthor.get(author);
    if (!byNote) return;
    byNote.delete(path);
    if (byNote.size === 0) this.byAuthor.delete(author);
    this.flat.delete(author);
  }

  get(author: string): readonly V[] {
    let values = this.flat.get(author);
    if (!values) {
      const byNote = this.byAuthor.get(author);
      // In note order, so that an index updated note by note answers as a rebuilt one does.
      values = byNote ? [...byNote.keys()].sort().flatMap((path) => byNote.get(path)!) as V[] : [];
      if (byNote) this.flat.set(author, values);
    }
    return values;
  }

  keys(): IterableIterator<string> {
    return this.byAuthor.keys();
  }

  has(author: string): boolean {
    return this.byAuthor.has(author);
  }

  /** True when another note has a value for the author, or `path` has one that `accept` takes. */
  someOutside(author: string, path: string, accept: (value: V) => boolean): boolean {
    const byNote = this.byAuthor.get(author);
    if (!byNote) return false;
    if (byNote.size > 1 || !byNote.has(path)) return true;
    const values = byNote.get(path)!;
    return Array.isArray(values) ? values.some(accept) : accept(values);
  }

  render(describe: (value: V) => string): Array<[string, string[]]> {
    return [...this.byAuthor.keys()].sort().map((author) => [author, this.get(author).map(describe).sort()]);
  }
}

