/**
 * The workspace index: every note by path, basename and folder; anchors with their normal
 * forms and aliases; 📚 entries and cited authors. Updating one note changes only that note's
 * entries. The index keeps no note texts: the few rules that need text (text-only,
 * text-under-head) ask the injected `NoteTextSource`. It keeps each note in compact form
 * (`compactNote.ts`), presented to features as a `Note`.
 */

import type { Anchor, BookEntry, CitationItem, Note } from '../syntax/note';
import { parseNote } from '../syntax/parseNote';
import { reparseCitation } from '../syntax/citations';
import { buildAuthorCatalog, type AuthorCatalog } from './bookCatalog';
import { anchorKeys, hasAlias, hasSquash, normalForm, type NameKeys } from './normalize';
import { authorKey, composed, foldName } from '../text/names';
import type { PathHistory } from './history';
import { sameStrings } from '../lists';
import { encodeNote, entriesListingIn, itemsCitingIn, NoteView, UnencodableValue, withCitations, type CompactNote } from './compactNote';
import { computeNoteAuthors, computeNoteKeys, computeStrongKeys, hashKey, linkedSectionsByName, splitNoteNames, writtenNoteNames, type NoteAuthors, type NoteKeys } from './noteKeys';
import { StrongKeyTable } from './strongKeys';
import { pairLowerBound } from './sortedSearch';
import { BasenamesByStem } from './basenamesByStem';
import { ByAuthor, keepRecent } from './byAuthor';
import { StringMultimap, UnorderedMultimap } from './stringMultimap';
import { splitLines } from '../text/positions';

/** Where the index gets a note's current text when a rule needs it. The core never reads files itself. */
export interface NoteTextSource {
  readText(path: string): string | undefined;
}

/**
 * How many notes' linked sections (`sectionsLinkedBy`) are kept: a collection of this many notes
 * reads each note's links once in a check; a larger one reads them again now and then.
 */
const MAX_LINKED_SECTIONS_KEPT = 1024;
const NO_SECTIONS: readonly string[] = [];

/** The last text `linesOf` split, and its lines (shared by the callers that ask for the same text: read them, never change them). */
const lastSplit: { text: string | undefined; lines: string[] } = { text: undefined, lines: [] };

/** A note's text split into lines; the dead links of one note ask for the same text once each, and it is split once. */
export function linesOf(text: string): string[] {
  if (text !== lastSplit.text) {
    lastSplit.text = text;
    lastSplit.lines = splitLines(text);
  }
  return lastSplit.lines;
}

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
  /**
   * The note as the workspace reads it: its 📙 citations decided with the workspace's known
   * authors (DIALECT §6.1). The same object as `parsed` when nothing there depends on them.
   */
  note: Note;
  /** The note names its 🗄 links write (`writtenNoteNames`). */
  written = '';
  /**
   * For a note put in the index again: the version it replaced, kept until the server has
   * compared the two (`NotesWorkspace.dependentsOf` takes it away); the oldest one not yet compared
   * when it changes again before that.
   */
  firstVersion: IndexedNote | undefined;
  private rows: Int32Array | undefined;

  constructor(
    /** The note as its own text reads (in compact form, decoded on demand). */
    readonly parsed: Note,
    private readonly textSource: NoteTextSource,
    rows?: Int32Array,
  ) {
    this.note = parsed;
    this.rows = rows;
    const slash = parsed.path.lastIndexOf('/');
    this.basename = parsed.path.slice(slash + 1);
    this.folder = slash < 0 ? '' : parsed.path.slice(0, slash);
    this.stem = this.basename.replace(/\.md$/i, '');
  }

  /** The lookup table, when it was computed (a note whose anchors did not change keeps it). */
  get computedRows(): Int32Array | undefined {
    return this.rows;
  }

  get path(): string {
    return this.parsed.path;
  }

  /** The distinct normal forms and aliases of this note's strong anchors, in anchor order. */
  get strongKeys(): readonly string[] {
    return computeStrongKeys(this.parsed.anchors);
  }

  /** The keys of one anchor (remembered by name, not stored per anchor). */
  anchorKeys(index: number): NameKeys {
    return anchorKeys(this.anchorText(index));
  }

  /** The anchor at `index` (of `note.anchors`), read without making the views of the others. */
  anchor(index: number): Anchor {
    return this.parsed instanceof NoteView ? this.parsed.anchorAt(index) : this.parsed.anchors[index];
  }

  private anchorText(index: number): string {
    return this.parsed instanceof NoteView ? this.parsed.anchorText(index) : this.parsed.anchors[index].text;
  }

  /** The note's current text, from the text source; undefined when it cannot say. */
  readText(): string | undefined {
    return this.textSource.readText(this.parsed.path);
  }

  /** The note's current lines, from the text source; undefined when it cannot say. */
  readLines(): string[] | undefined {
    const text = this.readText();
    return text === undefined ? undefined : linesOf(text);
  }

  /** Anchor indices whose normal form or an alias equals `key`. */
  anchorsByAlias(key: string): number[] {
    return this.lookup(key, 0).filter((index) => hasAlias(this.anchorText(index), key));
  }

  /** Anchor indices whose squashed form equals `key`. */
  anchorsBySquash(key: string): number[] {
    return this.lookup(key, 1).filter((index) => hasSquash(this.anchorText(index), key));
  }

  private lookup(key: string, squashed: number): number[] {
    const rows = (this.rows ??= computeNoteKeys(this.parsed.anchors).rows);
    const hash = hashKey(key);
    const form = squashed ? 2 : 1;
    const found: number[] = [];
    for (let row = pairLowerBound(rows, hash); 2 * row < rows.length && rows[2 * row] === hash; row++) {
      const packed = rows[2 * row + 1];
      if (packed & form) found.push(packed >>> 2);
    }
    return found;
  }
}

/** A `.md` file the index could not read as a note, with the reason shown to the user. */
export interface SkippedFile {
  path: string;
  message: string;
  /**
   * How the file's own diagnostic reads: a warning for a file that should be a note and is not
   * (binary, too large, not UTF-8), information for one Torii chose not to read (a link out of
   * the workspace, which the user may have made on purpose).
   */
  severity: 'warning' | 'information';
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
 * Another collection a link may lead into (DIALECT §8.6: "sibling roots … targets found there
 * resolve normally"): `` 🗄 `optics.md` lenses `` in a chemistry collection, for the note of a
 * physics collection beside it. `name` names it in messages; `rootAliases` are the leading path
 * components that name it in a link (`phys-kb/optics.md`).
 */
export interface SiblingCollection {
  name: string;
  index: WorkspaceIndex;
  rootAliases: readonly string[];
}

export class WorkspaceIndex {
  /** The collection's git history, when there is one (DIALECT §8.6 steps 1–2). */
  history: PathHistory | undefined;
  /** The sibling collections a name no note of this one has is looked for in, in this order (none unless the host gives some). */
  siblings: readonly SiblingCollection[] = [];
  /**
   * A count of the changes to the index, and where the current run of changes to one note began
   * (`runPath`, changed again and again while its writer types): what was computed from every
   * other note still holds when `changesOnlyTo(path, since)` says so.
   */
  private changes = 0;
  private runPath: string | undefined;
  private runStart = 0;
  /** A count of the times a note came, went, or changed the names or kinds of its anchors. */
  private anchorChanges = 0;
  /** Bumped when a note comes or goes (not when one changes): what the file rules find depends only on which notes there are. */
  private pathChanges = 0;
  private readonly notes = new Map<string, IndexedNote>();
  private readonly skippedFiles = new Map<string, SkippedFile>();
  /** Basename, composed (`composed`: `crème.md` as macOS may name it is the typed `crème.md`) → the notes. */
  private readonly notesByBasename = new StringMultimap();
  private readonly notesByFoldedBasename = new StringMultimap();
  /** Every folder that holds a note at any depth, with how many notes it holds. */
  private readonly folderNoteCounts = new Map<string, number>();
  /** The last component of every folder (`spices`) → the folders of that name (`food/spices`). */
  private readonly foldersByName = new StringMultimap();
  /** Folder → the `#…` folder notes directly in it (`craft/finish` → `craft/finish/#oils.md`). */
  private readonly folderNotesByFolder = new StringMultimap();
  /** Folder → the notes directly in it ('' for the root). */
  private readonly notesByFolder = new StringMultimap();
  /**
   * Every basename by the length of its stem, for the file typo rule (a stem one deletion away
   * has a length one apart): built on first use, then kept up to date.
   */
  private basenamesByStemLength: BasenamesByStem | undefined;
  /** Normal forms and aliases of strong anchors → the notes that have them, sorted when first asked for. */
  private readonly strongKeys = new StrongKeyTable();
  /** Author (casefolded) → their books and which citation means which (issue 11), built on first use, dropped when the author's entries or citations change. */
  private readonly catalogs = new Map<string, AuthorCatalog>();
  /** `authorDigest`'s values, by author (casefolded) and kind. */
  private readonly authorDigests = new Map<string, Map<string, unknown>>();
  /** Per digest kind, how to move its places when the author's items in a note only moved to other lines (`authorMoved`). */
  private readonly digestMovers = new Map<string, (value: unknown, path: string, places: AuthorPlaces) => boolean>();
  private authorChanges = 0;
  /** The signatures `signaturesOf` made last, and of which version of which note. */
  private lastSignatures: { entry: IndexedNote; note: Note; signatures: Map<string, string> } | undefined;
  /** Author (casefolded) → the notes whose 📚 entries name them, and the entries (read from the notes when asked). */
  private readonly books = new ByAuthor<IndexedBookEntry>((path, author) => bookEntriesOf(this.notes.get(path), author));
  /** Author (casefolded) → one entry per distinct title, with its title words; built on first use. */
  private readonly bookTitles = new Map<string, BookTitle[]>();
  /** Authors whose titles were read one by one since all were last read together. */
  private bookTitlesRead = 0;
  /** Author (casefolded) → the notes whose 📙 items cite them, and the items (read from the notes when asked). */
  private readonly citations = new ByAuthor<IndexedCitation>((path, author) => citationsOf(this.notes.get(path), author));
  /**
   * Known authors (casefolded, DIALECT §6.1) → how many 📚 entries and citations make them
   * known. A citation makes its author known when it starts where no knowledge is needed (first
   * after the marker, or followed by a clear locator) and has a title or a locator: not a
   * capitalised word in commentary, and never because the author was already known.
   */
  private readonly knownAuthors = new Map<string, number>();
  /** The authors of the citations read again since `takeRedecidedAuthors` was last called. */
  private readonly redecidedAuthors = new Set<string>();
  /** Name (casefolded) → the notes whose citations would read differently if it were (not) known. */
  private readonly notesByCandidate = new StringMultimap();
  /** Note name (`writtenNoteNames`) → the notes whose 🗄 links write it. */
  private readonly notesByWrittenName = new UnorderedMultimap();
  /** The sections each note's links name per note name, for the notes read last (`sectionsLinkedBy`). */
  private readonly linkedSectionsByNote = new Map<string, { note: Note; byName: Map<string, readonly string[]> }>();
  /** Per note name no note has, the sections each note's links name under it, and a number that changes when they do (`sectionsLinkedUnder`). */
  private readonly linkedSectionsMemo = new Map<string, { version: number; changeCount: number; byWriter: Map<string, { entry: IndexedNote; sections: readonly string[] }>; writers: Array<{ path: string; sections: readonly string[] }> }>();
  private linkedSectionsVersions = 0;

  /** Where the notes' texts are read: the given source, but for texts `withTextsAt` puts at paths for a while. */
  readonly textSource: NoteTextSource;
  private readonly textsAt = new Map<string, string>();

  constructor(source: NoteTextSource = { readText: () => undefined }) {
    this.textSource = { readText: (path) => (this.textsAt.size > 0 && this.textsAt.has(path) ? this.textsAt.get(path) : source.readText(path)) };
  }

  /**
   * Runs `run` with the texts read at the given paths taken from `texts`: a move is weighed with
   * its notes put at paths the text source knows nothing of yet (`computeMoveEdits`), and a text
   * search there must read them (found by the move property: a link that found its words in the
   * moved note after the move did not before, and was left unrewritten).
   */
  withTextsAt<T>(texts: ReadonlyMap<string, string>, run: () => T): T {
    for (const [path, text] of texts) this.textsAt.set(path, text);
    try {
      return run();
    } finally {
      for (const path of texts.keys()) this.textsAt.delete(path);
    }
  }

  /**
   * Parses `text` and puts the note at `path`, replacing what was there. `keepParsed`: keep the
   * parsed objects instead of the compact form, for a note being typed in (the next keystroke
   * replaces it again: encoding it each time cost about a sixth of a keystroke's work on the
   * 74 KB note). `compactKeptNote` puts it in compact form once the typing is over.
   */
  setNoteText(path: string, text: string, { keepParsed = false }: { keepParsed?: boolean } = {}): Note {
    const note = parseNote(path, text);
    if (keepParsed) this.insert(note, undefined, computeNoteAuthors(note), note.anchors);
    else this.setNote(note);
    return note;
  }

  /** Puts a note kept as parsed (`setNoteText` with `keepParsed`) in compact form. Nothing else changes. */
  compactKeptNote(path: string): void {
    const entry = this.notes.get(path);
    if (entry && !(entry.parsed instanceof NoteView)) this.setNote(entry.parsed);
  }

  /** Whether the note at `path` is held in compact form (false: as parsed, or not there). */
  isCompact(path: string): boolean {
    return this.notes.get(path)?.parsed instanceof NoteView;
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
    // What the index reads of the note is read from the parsed objects at hand, not decoded again.
    this.insert(compact ? new NoteView(compact) : note, undefined, computeNoteAuthors(note), note.anchors, writtenNoteNames(note));
  }

  /** Puts a note in compact form in the index, with its keys when a worker computed them. */
  setCompactNote(compact: CompactNote, keys?: NoteKeys): void {
    this.insert(new NoteView(compact), keys, keys?.authors, undefined, keys?.written);
  }

  /**
   * Puts a note in the index. A new version of a note already there whose anchors have the same
   * names (most keystrokes) keeps its anchor keys and its moved-section entries: only what can
   * have changed is redone.
   */
  private insert(note: Note, keys: NoteKeys | undefined, noteAuthors: NoteAuthors | undefined, parsedAnchors?: readonly Anchor[], written?: string): void {
    const path = note.path;
    this.changing(path);
    const previous = this.notes.get(path);
    if (!previous) this.pathChanges++;
    const before = previous && this.signaturesOf(previous);
    // The anchors' views are made only when needed: a note read by a worker comes with its keys.
    const anchors = () => parsedAnchors ?? note.anchors;
    if (previous && sameAnchorNames(previous.parsed.anchors, anchors())) {
      // The same names give the same lookup table and the same moved-section entries.
      this.notes.delete(path);
      const entry = new IndexedNote(note, this.textSource, keys?.rows ?? previous.computedRows);
      this.countWritten(path, previous.written, -1);
      this.countWritten(path, (entry.written = written ?? writtenNoteNames(entry.parsed)), 1);
      keepFirstVersion(entry, previous);
      const previousAuthors = computeNoteAuthors(previous.parsed, previous.note);
      noteAuthors ??= computeNoteAuthors(entry.parsed);
      const sameAuthors = this.keepAuthors(previousAuthors, entry, noteAuthors);
      if (sameAuthors) {
        this.notes.set(path, entry);
        this.authorsChanged(before, entry, sameAuthors);
        return;
      }
      this.redecideNotesCiting(this.removeAuthors(previous, previousAuthors), path);
      this.notes.set(path, entry);
      const { newlyKnown, authors } = this.addAuthors(entry, noteAuthors);
      this.authorsChanged(before, entry, authors);
      this.redecideNotesCiting(newlyKnown, path);
      return;
    }
    keys ??= computeNoteKeys(anchors());
    this.anchorChanges++;
    this.detachNote(path);
    const entry = new IndexedNote(note, this.textSource, keys.rows);
    this.notes.set(path, entry);
    this.countWritten(path, (entry.written = written ?? writtenNoteNames(entry.parsed)), 1);
    if (previous) keepFirstVersion(entry, previous);
    const { newlyKnown, authors } = this.addAuthors(entry, noteAuthors);
    const basename = composed(entry.basename);
    if (!this.notesByBasename.has(basename)) this.basenamesByStemLength?.add(basename);
    this.notesByBasename.add(basename, path);
    this.notesByFoldedBasename.add(foldName(entry.basename), path);
    for (const folder of ancestorFolders(path)) {
      const count = (this.folderNoteCounts.get(folder) ?? 0) + 1;
      this.folderNoteCounts.set(folder, count);
      if (count === 1) this.foldersByName.add(composed(folder.slice(folder.lastIndexOf('/') + 1)), folder);
    }
    if (entry.basename.startsWith('#')) this.folderNotesByFolder.add(entry.folder, path);
    this.notesByFolder.add(entry.folder, path);
    if (keys.strong.length > 0) this.strongKeys.setNote(path, keys.strong);
    this.authorsChanged(before, entry, authors);
    this.redecideNotesCiting(newlyKnown, path);
  }

  private countWritten(path: string, written: string, change: 1 | -1): void {
    for (const name of splitNoteNames(written)) {
      if (change > 0) this.notesByWrittenName.add(name, path);
      else this.notesByWrittenName.remove(name, path);
    }
  }

  /** Whether some note has the name `stem` (`ore` for `ore.md`, `Ore.md` or `kb/ore.md`), in any case. */
  hasNoteNamed(stem: string): boolean {
    return this.notesByFoldedBasename.has(foldName(`${stem}.md`));
  }

  /** How many notes have a 🗄 link that writes the note name `stem` (`money` for `` `money.md` ``, any case or form: `foldName`). */
  notesWritingName(stem: string): number {
    return this.notesByWrittenName.get(foldName(stem)).length;
  }

  /** The notes that have a 🗄 link writing the note name `stem` (any case or form), in no order. */
  pathsWritingName(stem: string): readonly string[] {
    return this.notesByWrittenName.get(foldName(stem));
  }

  /**
   * The notes whose 🗄 links write the note name `stem` (any case or form), and for each the
   * sections those links name (`` `money.md` budget `` → `budget`), in path order; and a version that
   * changes only when they do. A note's sections are read again only once the note changed:
   * asked at each keystroke, only the note typed in is.
   */
  sectionsLinkedUnder(stem: string): { version: number; writers: Array<{ path: string; sections: readonly string[] }> } {
    const name = foldName(stem);
    const before = this.linkedSectionsMemo.get(name);
    // Only the note typed in changed since: unless it writes the name (or did), nothing did. At
    // each keystroke, a name that hundreds of notes write is not listed and sorted again.
    const typed = this.runPath;
    if (before && typed !== undefined && this.changesOnlyTo(typed, before.changeCount)) {
      const was = before.byWriter.get(typed);
      const entry = this.notes.get(typed);
      // Not a writer, before or now; or one still naming the same sections there.
      const same = entry !== undefined && this.notesByWrittenName.get(name).includes(typed) ? was !== undefined && sameStrings(was.sections, this.sectionsLinkedBy(entry, name)) : was === undefined;
      if (same) {
        if (was && entry) before.byWriter.set(typed, { entry, sections: was.sections });
        before.changeCount = this.changes;
        return { version: before.version, writers: before.writers };
      }
    }
    const paths = [...this.notesByWrittenName.get(name)].sort();
    const byWriter = new Map<string, { entry: IndexedNote; sections: readonly string[] }>();
    let changed = before === undefined || before.byWriter.size !== paths.length;
    const writers = paths.map((path) => {
      const entry = this.notes.get(path)!;
      let known = before?.byWriter.get(path);
      if (!known || known.entry !== entry) {
        const sections = this.sectionsLinkedBy(entry, name);
        changed ||= !known || !sameStrings(known.sections, sections);
        known = { entry, sections };
      }
      byWriter.set(path, known);
      return { path, sections: known.sections };
    });
    const version = changed ? ++this.linkedSectionsVersions : before!.version;
    this.linkedSectionsMemo.set(name, { version, changeCount: this.changes, byWriter, writers });
    return { version, writers };
  }

  /**
   * The sections `entry`'s links name under the note name `name` (`linkedSectionsByName`), read
   * once for all its names: the notes a note's name is written in are asked in turn for each
   * name, and a note writes dozens. Kept for the notes read last only (a check reads each once).
   */
  private sectionsLinkedBy(entry: IndexedNote, name: string): readonly string[] {
    let known = this.linkedSectionsByNote.get(entry.path);
    if (!known || known.note !== entry.note) {
      if (this.linkedSectionsByNote.size >= MAX_LINKED_SECTIONS_KEPT) this.linkedSectionsByNote.clear();
      known = { note: entry.note, byName: linkedSectionsByName(entry.note) };
      this.linkedSectionsByNote.set(entry.path, known);
    }
    return known.byName.get(name) ?? NO_SECTIONS;
  }

  /** Records that `path` exists but could not be read as a note. */
  setSkipped(path: string, message: string, severity: SkippedFile['severity'] = 'warning'): void {
    this.changing(path);
    this.removeNote(path);
    this.skippedFiles.set(path, { path, message, severity });
  }

  removeNote(path: string): void {
    this.changing(path);
    const entry = this.notes.get(path);
    if (entry) this.pathChanges++;
    const before = entry && this.signaturesOf(entry);
    this.detachNote(path);
    if (before) this.authorsChanged(before, undefined);
  }

  /** Takes the note out of every table. */
  private detachNote(path: string): void {
    this.skippedFiles.delete(path);
    const entry = this.notes.get(path);
    if (!entry) return;
    this.anchorChanges++;
    this.notes.delete(path);
    this.countWritten(path, entry.written, -1);
    const basename = composed(entry.basename);
    this.notesByBasename.remove(basename, path);
    if (!this.notesByBasename.has(basename)) this.basenamesByStemLength?.remove(basename);
    this.notesByFoldedBasename.remove(foldName(entry.basename), path);
    for (const folder of ancestorFolders(path)) {
      const count = (this.folderNoteCounts.get(folder) ?? 1) - 1;
      if (count > 0) {
        this.folderNoteCounts.set(folder, count);
      } else {
        this.folderNoteCounts.delete(folder);
        this.foldersByName.remove(composed(folder.slice(folder.lastIndexOf('/') + 1)), folder);
      }
    }
    if (entry.basename.startsWith('#')) this.folderNotesByFolder.remove(entry.folder, path);
    this.notesByFolder.remove(entry.folder, path);
    this.strongKeys.setNote(path, undefined);
    this.redecideNotesCiting(this.removeAuthors(entry), path);
  }

  /**
   * Drops the catalogs of the authors whose 📚 entries or 📙 items in a note changed between
   * `before` (what the note held of each author, or undefined for a new note) and `after`.
   * Reading a note again (a keystroke) makes new objects for the same citations: an author's
   * catalog is rebuilt only when what it is built from really changed.
   */
  private authorsChanged(before: Map<string, string> | undefined, after: IndexedNote | undefined, afterAuthors?: NoteAuthors): void {
    if (!before) {
      // A new note: every author it names changed, and nothing need be rendered to know it.
      for (const author of new Set([...afterAuthors!.listed, ...afterAuthors!.cited])) this.authorChanged(author);
      return;
    }
    const signatures = after ? this.signaturesOf(after) : new Map<string, string>();
    for (const author of new Set([...before.keys(), ...signatures.keys()])) {
      const was = before.get(author);
      const now = signatures.get(author);
      if (was === now) continue;
      // Lines inserted or removed above an author's items move them and change nothing else.
      if (after && was !== undefined && now !== undefined && withoutLines(was) === withoutLines(now)) this.authorMoved(author, after);
      else this.authorChanged(author);
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

  /** The file at `path` that could not be read as a note, if it is one. */
  skippedFile(path: string): SkippedFile | undefined {
    return this.skippedFiles.get(path);
  }

  /**
   * The files that could not be read whose name is `basename` (folded as note names are), sorted: where a 🗄 link
   * names a note that is there but unreadable. Such files are few; they are looked through.
   */
  skippedWithBasename(basename: string): SkippedFile[] {
    if (this.skippedFiles.size === 0) return [];
    const wanted = foldName(basename);
    const found: SkippedFile[] = [];
    for (const file of this.skippedFiles.values()) if (foldName(file.path.slice(file.path.lastIndexOf('/') + 1)) === wanted) found.push(file);
    return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The notes whose basename is `basename`, either written composed or decomposed (`composed`). */
  notesWithBasename(basename: string): readonly string[] {
    return [...this.notesByBasename.get(composed(basename))];
  }

  notesWithFoldedBasename(basename: string): readonly string[] {
    return [...this.notesByFoldedBasename.get(foldName(basename))];
  }

  /** The `#…` folder notes directly in `folder` (`craft/finish` → `craft/finish/#oils.md`). */
  folderNotesIn(folder: string): string[] {
    return [...this.folderNotesByFolder.get(folder)].sort();
  }

  /** The notes directly in `folder` (not in its subfolders), sorted; `''` is the root. */
  notesIn(folder: string): string[] {
    return [...this.notesByFolder.get(folder)].sort();
  }

  /** Every note at any depth under `folder`. */
  notesUnder(folder: string): string[] {
    const prefix = `${folder}/`;
    return [...this.notes.keys()].filter((path) => path.startsWith(prefix)).sort();
  }

  /**
   * Basenames whose stem (without `.md` and a leading `#`, casefolded) shares a single-deletion
   * key with `stem`: one is the other, or the other with one character deleted, or deleting one
   * character from each gives the same string. Two edits are found when they share a deletion
   * (a transposition, a deletion plus an insertion); two substitutions at different places are
   * not. Only stems of a length one apart or less are compared.
   */
  basenamesNearStem(stem: string): string[] {
    if (!this.basenamesByStemLength) {
      this.basenamesByStemLength = new BasenamesByStem();
      for (const basename of this.notesByBasename.keys()) this.basenamesByStemLength.add(basename);
    }
    return this.basenamesByStemLength.near(stem);
  }

  hasFolder(folder: string): boolean {
    return this.folderNoteCounts.has(folder);
  }

  /** Folders whose last component is `name` (either form: `composed`), at any depth. */
  foldersNamed(name: string): string[] {
    return [...this.foldersByName.get(composed(name))].sort();
  }

  /** The notes that have a strong anchor (heading, ALL-CAPS, bold, term) with this normal form or alias, sorted. */
  notesWithAnchorKey(key: string): readonly string[] {
    return this.strongKeys.notesWith(key);
  }

  /** How many notes `notesWithAnchorKey(key)` gives (at least), counted up to `upTo` without listing them. */
  countNotesWithAnchorKey(key: string, upTo?: number): number {
    return this.strongKeys.countWith(key, upTo);
  }

  /** Whether the note at `path` is one of `notesWithAnchorKey(key)`. */
  noteHasAnchorKey(path: string, key: string): boolean {
    return this.strongKeys.noteHas(path, key);
  }

  bookEntriesByAuthor(author: string): readonly IndexedBookEntry[] {
    return this.books.get(authorKey(author));
  }

  /**
   * The 📚 entries of an author with one entry per distinct title (the first by path), each with
   * its title's normal-form words: what the book-entry rule weighs, however often a title is listed.
   */
  bookTitlesByAuthor(author: string): ReadonlyArray<BookTitle> {
    const key = authorKey(author);
    let titles = this.bookTitles.get(key);
    if (!titles) {
      // A check asks for every listed author: after a few, the others are read together.
      if (++this.bookTitlesRead > READ_TITLES_ONE_BY_ONE) this.readAllBookTitles();
      // Read from the notes, not kept: only the distinct titles are.
      titles = this.bookTitles.get(key) ?? distinctTitles(this.books.read(key));
      this.bookTitles.set(key, titles);
    }
    return titles;
  }

  /**
   * The distinct titles of every listed author not yet known, in one pass over the notes with
   * 📚 entries: each note's lists decoded once, instead of once for each author it lists (at
   * 10,000 notes, 0.41 s of a check).
   */
  private readAllBookTitles(): void {
    this.bookTitlesRead = 0;
    const paths = new Set<string>();
    for (const author of this.books.keys()) if (!this.bookTitles.has(author)) for (const path of this.books.pathsOf(author)) paths.add(path);
    const byAuthor = new Map<string, IndexedBookEntry[]>();
    for (const path of paths) {
      for (const list of this.notes.get(path)?.note.bookLists ?? []) {
        for (const entry of list.entries) {
          const author = entry.author && authorKey(entry.author);
          if (!author || this.bookTitles.has(author)) continue;
          let entries = byAuthor.get(author);
          if (!entries) byAuthor.set(author, (entries = []));
          entries.push({ path, entry });
        }
      }
    }
    for (const [author, entries] of byAuthor) this.bookTitles.set(author, distinctTitles(entries));
  }

  /**
   * The author's books (their 📚 entries merged across notes) and the book each of their
   * citations means: what lens counts, hover, completion and the Books view show per book.
   */
  booksOfAuthor(author: string): AuthorCatalog {
    const key = authorKey(author);
    const catalog = this.catalogs.get(key) ?? buildAuthorCatalog(this.books.get(key), this.citations.get(key));
    keepRecent(this.catalogs, key, catalog);
    return catalog;
  }

  /**
   * A small value made from the author's catalog (`booksOfAuthor`), kept until that author's 📚
   * entries or citations change, under `kind`: for what goes over many authors (`bookFacts.ts`:
   * completion, the preview, the hover, the Books view, lenses). The catalog it is made from is
   * not kept, nor the citations read for it, unless they were already: kept for every author,
   * catalogs held every citation of the collection, decoded (130 MB at 10,000 notes, for 54 authors).
   */
  authorDigest<T>(kind: string, author: string, make: (catalog: AuthorCatalog) => T, moved?: (value: T, path: string, places: AuthorPlaces) => boolean): T {
    return this.authorMemo(kind, author, () => {
      if (moved) this.digestMovers.set(kind, moved as (value: unknown, path: string, places: AuthorPlaces) => boolean);
      const key = authorKey(author);
      return make(this.catalogs.get(key) ?? buildAuthorCatalog(this.books.read(key), this.citations.read(key)));
    });
  }

  /**
   * A value made for the author by `make` from what the index holds of them, kept under `kind`
   * beside their digests and dropped with them when their 📚 entries or citations change.
   */
  authorMemo<T>(kind: string, author: string, make: () => T): T {
    const key = authorKey(author);
    let kinds = this.authorDigests.get(key);
    if (kinds?.has(kind)) return kinds.get(kind) as T;
    const value = make();
    if (!kinds) this.authorDigests.set(key, (kinds = new Map()));
    kinds.set(kind, value);
    return value;
  }

  /** How many authors' catalogs and lists of citations are kept (for the tests: what goes over every author keeps neither). */
  get keptAuthorData(): { catalogs: number; citationLists: number } {
    return { catalogs: this.catalogs.size, citationLists: this.citations.keptLists };
  }

  /** A number that changes whenever some author's 📚 entries or citations do: what is computed over all authors may be kept until then. */
  get authorGeneration(): number {
    return this.authorChanges;
  }

  /**
   * What a note holds of each author (`authorSignatures`). The last one made is kept: a keystroke
   * compares the new version's with the previous one's, which the keystroke before made.
   */
  private signaturesOf(entry: IndexedNote): Map<string, string> {
    const kept = this.lastSignatures;
    if (kept && kept.entry === entry && kept.note === entry.note) return kept.signatures;
    const signatures = authorSignatures(entry);
    this.lastSignatures = { entry, note: entry.note, signatures };
    return signatures;
  }

  private authorChanged(author: string): void {
    this.catalogs.delete(author);
    this.authorDigests.delete(author);
    this.authorChanges++;
  }

  /**
   * The author's items and 📚 entries in `entry` are the same, on other lines: a digest that can
   * move its places (`authorDigest`'s `moved`) is kept, moved; the rest go as for any change. At
   * 10,000 notes a line typed above the long note's citations otherwise made the next 📙
   * completion read every offered author's citations again (a second).
   */
  private authorMoved(author: string, entry: IndexedNote): void {
    this.catalogs.delete(author);
    this.authorChanges++;
    const kinds = this.authorDigests.get(author);
    if (!kinds) return;
    const places = authorPlaces(entry, author);
    for (const [kind, value] of kinds) {
      const move = this.digestMovers.get(kind);
      if (!move || !move(value, entry.path, places)) kinds.delete(kind);
    }
  }

  /** True when some 📚 list names the author. */
  isListed(author: string): boolean {
    return this.books.has(authorKey(author));
  }

  /** True when the author is cited in another note, or on another line of `path`. */
  isCitedElsewhere(author: string, path: string, line: number): boolean {
    const key = authorKey(author);
    const paths = this.citations.pathsOf(key);
    if (paths.length === 0) return false;
    if (paths.length > 1 || paths[0] !== path) return true;
    const entry = this.notes.get(path);
    for (const other of (entry ? this.citationLinesOf(entry) : undefined)?.get(key) ?? []) if (other !== line) return true;
    return false;
  }

  /**
   * The lines of each author's 📙 items in a note (casefolded; two at most, as one other than the
   * line asked about is all `isCitedElsewhere` needs), for the note asked about last: semantic
   * tokens and the unknown-author hint ask item by item, and reading the note's citations for each
   * question made a note of 8,000 citations take seconds. A new version of the note is a new entry.
   */
  private citationLinesOf(entry: IndexedNote): Map<string, Set<number>> {
    if (this.lastCitationLines?.entry === entry) return this.lastCitationLines.lines;
    const lines = new Map<string, Set<number>>();
    for (const citation of entry.note.citations) {
      for (const item of citation.items) {
        if (!item.author) continue;
        const key = authorKey(item.author);
        let authorLines = lines.get(key);
        if (!authorLines) lines.set(key, (authorLines = new Set()));
        if (authorLines.size < 2) authorLines.add(citation.line);
      }
    }
    this.lastCitationLines = { entry, lines };
    return lines;
  }

  private lastCitationLines: { entry: IndexedNote; lines: Map<string, Set<number>> } | undefined;

  /** How many 📙 items cite the author, and how many 📚 entries list them (casefolded or not). */
  citationCount(author: string): number {
    return this.citations.count(authorKey(author));
  }

  listingCount(author: string): number {
    return this.books.count(authorKey(author));
  }

  citationsOfAuthor(author: string): readonly IndexedCitation[] {
    return this.citations.get(authorKey(author));
  }

  /** The notes whose 📚 lists name `author`, in path order (nothing is read from them). */
  notesListingAuthor(author: string): readonly string[] {
    return this.books.pathsOf(authorKey(author));
  }

  /** The notes whose 📙 items cite the author (the paths of `citationsOfAuthor`, without reading the citations). */
  notesCitingAuthor(author: string): readonly string[] {
    return this.citations.pathsOf(authorKey(author));
  }

  listedAuthors(): IterableIterator<string> {
    return this.books.keys();
  }

  citedAuthors(): IterableIterator<string> {
    return this.citations.keys();
  }

  /** True when a 📚 entry or a citation that needs no knowledge names the author (casefolded or not). */
  isKnownAuthor(author: string): boolean {
    return this.knownAuthors.has(authorKey(author));
  }

  /** The notes whose citations read differently depending on whether `author` is known (for re-checking them when it changes). */
  notesWithCandidate(author: string): readonly string[] {
    return [...this.notesByCandidate.get(authorKey(author))].sort();
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
    return changed ? withCitations(parsed, citations) : parsed;
  }

  /**
   * Adds what a note says of authors: the names it makes known and its candidates (DIALECT
   * §6.1), then its 📚 entries and its 📙 items as the workspace decides them. `authors` is what
   * a worker read beside the parse. Returns the names that were not known before, and the
   * authors of the note as decided.
   */
  private addAuthors(entry: IndexedNote, authors: NoteAuthors = computeNoteAuthors(entry.parsed)): { newlyKnown: string[]; authors: NoteAuthors } {
    const path = entry.path;
    const newlyKnown: string[] = [];
    for (const name of authors.known) {
      const count = this.knownAuthors.get(name) ?? 0;
      this.knownAuthors.set(name, count + 1);
      if (count === 0) newlyKnown.push(name);
    }
    for (const name of authors.candidates) this.notesByCandidate.add(name, path);
    authors = this.decideAuthors(entry, authors);
    for (const author of authors.listed) {
      this.books.add(author, path);
      this.bookTitles.delete(author);
    }
    for (const author of authors.cited) this.citations.add(author, path);
    return { newlyKnown, authors };
  }

  /**
   * Sets `entry.note` to the note as the workspace reads it (its citations decided with the known
   * authors) and returns its authors as decided. Only a note with candidates can read otherwise
   * in the workspace than on its own.
   */
  private decideAuthors(entry: IndexedNote, authors: NoteAuthors): NoteAuthors {
    if (authors.candidates.length === 0) return authors;
    entry.note = this.decideCitations(entry.parsed);
    return entry.note === entry.parsed ? authors : computeNoteAuthors(entry.parsed, entry.note);
  }

  /**
   * When `entry`, the new version of a note whose authors were `before`, names the same authors
   * in the same order (most keystrokes), its values replace the old ones where they are: the
   * lists of notes by author and the known names stay as they are (taking a note out of the list
   * of an author cited in thousands of notes and putting it back cost a keystroke more than its
   * own check did). Returns the authors as decided, or undefined, with nothing changed, when they differ.
   */
  private keepAuthors(before: NoteAuthors, entry: IndexedNote, noteAuthors: NoteAuthors): NoteAuthors | undefined {
    if (!sameStrings(before.known, noteAuthors.known) || !sameStrings(before.candidates, noteAuthors.candidates)) return undefined;
    // The same names are known as before, so the citations are decided as `addAuthors` would.
    const authors = this.decideAuthors(entry, noteAuthors);
    if (!sameStrings(before.listed, authors.listed) || !sameStrings(before.cited, authors.cited)) {
      entry.note = entry.parsed;
      return undefined;
    }
    for (const author of authors.listed) {
      this.books.valuesChanged(author, entry.path);
      this.bookTitles.delete(author);
    }
    for (const author of authors.cited) this.citations.valuesChanged(author, entry.path);
    return authors;
  }

  /** Undoes `addAuthors`; returns the names no longer known. */
  private removeAuthors(entry: IndexedNote, authors: NoteAuthors = computeNoteAuthors(entry.parsed, entry.note)): string[] {
    const path = entry.path;
    for (const author of authors.listed) {
      this.books.remove(author, path);
      this.bookTitles.delete(author);
    }
    for (const author of authors.cited) this.citations.remove(author, path);
    const forgotten: string[] = [];
    for (const name of authors.known) {
      const count = (this.knownAuthors.get(name) ?? 1) - 1;
      if (count > 0) {
        this.knownAuthors.set(name, count);
      } else {
        this.knownAuthors.delete(name);
        forgotten.push(name);
      }
    }
    for (const name of authors.candidates) this.notesByCandidate.remove(name, path);
    return forgotten;
  }

  /** Reads again the citations of the notes (but `except`) whose reading depends on `names`, and re-indexes their authors. */
  /** The index's change count (see `changesOnlyTo`). */
  get changeCount(): number {
    return this.changes;
  }

  /**
   * The bytes of the typed arrays the index holds (compact notes, lookup rows, the strong-name
   * table), each buffer once. `process.memoryUsage().arrayBuffers` counts only what this thread
   * allocated, not the compact notes a parse worker made and handed over (`bench/memory.js`).
   */
  bufferBytes(): number {
    const seen = new Set<ArrayBufferLike>();
    let bytes = 0;
    const add = (view: ArrayBufferView | undefined) => {
      if (!view || seen.has(view.buffer)) return;
      seen.add(view.buffer);
      bytes += view.buffer.byteLength;
    };
    for (const entry of this.notes.values()) {
      if (entry.parsed instanceof NoteView) {
        add(entry.parsed.compact.data);
        add(entry.parsed.compact.anchors);
      }
      add(entry.computedRows);
    }
    for (const view of this.strongKeys.buffers()) add(view);
    return bytes;
  }

  /** The note changed last, which a writer is likely typing in (see `changesOnlyTo`). */
  get lastChangedPath(): string | undefined {
    return this.runPath;
  }

  /**
   * A number that changes whenever a note comes or goes, or a new version of a note has anchors of
   * other names or kinds: what the workspace-wide lookups by name answer may be kept until then.
   */
  get anchorGeneration(): number {
    return this.anchorChanges;
  }

  /**
   * A count bumped whenever a note comes or goes (not when one changes): what depends only on
   * which notes there are (the file rules, the shortest name of a note) holds while it holds.
   */
  get pathGeneration(): number {
    return this.pathChanges;
  }

  /** True when every change since the count `since` was to the note at `path` (or none was made). */
  changesOnlyTo(path: string, since: number): boolean {
    return since === this.changes || (this.runPath === path && this.runStart <= since);
  }

  private changing(path: string): void {
    if (this.runPath !== path) {
      this.runPath = path;
      this.runStart = this.changes;
    }
    this.changes++;
  }

  /**
   * The authors cited, before or after, by notes whose citations were read again since the last
   * call because an author became known or unknown elsewhere (`Kleppmann [x] McGee food lab` is
   * one item or two as McGee is listed or not): their counts changed with no change to those
   * notes' text, and the typo hints of third notes weigh them (`NotesWorkspace.dependentsOf`).
   */
  takeRedecidedAuthors(): string[] {
    const authors = [...this.redecidedAuthors];
    this.redecidedAuthors.clear();
    return authors;
  }

  private redecideNotesCiting(names: readonly string[], except: string): void {
    const paths = new Set<string>();
    for (const name of names) for (const path of this.notesByCandidate.get(name)) if (path !== except) paths.add(path);
    for (const path of paths) {
      const entry = this.notes.get(path)!;
      const decided = this.decideCitations(entry.parsed);
      if (decided === entry.note) continue;
      this.changing(path);
      const before = this.signaturesOf(entry);
      for (const author of computeNoteAuthors(entry.parsed, entry.note).cited) {
        this.citations.remove(author, path);
        this.redecidedAuthors.add(author);
      }
      entry.note = decided;
      for (const author of computeNoteAuthors(entry.parsed, decided).cited) {
        this.citations.add(author, path);
        this.redecidedAuthors.add(author);
      }
      this.authorsChanged(before, entry);
    }
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
      skipped: sortedMap(this.skippedFiles, (value) => `${value.severity}: ${value.message}`),
      basenames: this.notesByBasename.render(),
      foldedBasenames: this.notesByFoldedBasename.render(),
      folders: sortedMap(this.folderNoteCounts, (count) => count),
      foldersByName: this.foldersByName.render(),
      folderNotes: this.folderNotesByFolder.render(),
      notesByFolder: this.notesByFolder.render(),
      anchors: this.renderStrongKeys(),
      stemLengths: (this.basenamesNearStem(''), this.basenamesByStemLength!.render()),
      books: this.books.render((value) => `${value.path}:${value.entry.line}`),
      citations: this.citations.render((value) => `${value.path}:${value.line}:${value.item.range.start.character}`),
      knownAuthors: sortedMap(this.knownAuthors, (count) => count),
      candidates: this.notesByCandidate.render(),
      written: this.notesByWrittenName.render(),
    });
  }

  /** Every strong name of every note with the notes the moved-section table finds for it. */
  private renderStrongKeys(): Array<[string, string[]]> {
    const keys = new Set<string>();
    for (const entry of this.notes.values()) for (const key of entry.strongKeys) keys.add(key);
    return [...keys].sort().map((key) => [key, [...this.notesWithAnchorKey(key)]]);
  }
}

/** Authors whose 📚 titles are read one by one before the others are read together (`readAllBookTitles`). */
const READ_TITLES_ONE_BY_ONE = 16;

/** One distinct title of an author: its first 📚 entry (by path, then line), and the title's normal-form words. */
export interface BookTitle {
  path: string;
  entry: BookEntry;
  words: string[];
}

/** One entry per distinct title (normal form), the first by path then line. */
/** `entry` replaces `previous`: it keeps the version the server has not compared yet (`IndexedNote.firstVersion`), and only it. */
function keepFirstVersion(entry: IndexedNote, previous: IndexedNote): void {
  entry.firstVersion = previous.firstVersion ?? previous;
  previous.firstVersion = undefined;
}

function distinctTitles(entries: IndexedBookEntry[]): BookTitle[] {
  const byTitle = new Map<string, BookTitle>();
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.entry.line - b.entry.line));
  for (const { path, entry } of entries) {
    const title = normalForm(entry.title);
    if (!byTitle.has(title)) byTitle.set(title, { path, entry, words: title.split(' ').filter(Boolean) });
  }
  return [...byTitle.values()];
}

/** True when two versions of a note have anchors of the same kinds and names, in the same order. */
function sameAnchorNames(before: readonly Anchor[], after: readonly Anchor[]): boolean {
  if (before.length !== after.length) return false;
  for (let index = 0; index < after.length; index++) {
    if (before[index].kind !== after[index].kind || before[index].text !== after[index].text) return false;
  }
  return true;
}

/** The 📚 entries of a note that name `author` (casefolded), in note order. */
function bookEntriesOf(entry: IndexedNote | undefined, author: string): IndexedBookEntry[] {
  if (!entry) return [];
  const note = entry.note;
  const make = (bookEntry: BookEntry): IndexedBookEntry => ({ path: entry.path, entry: bookEntry });
  return note instanceof NoteView ? note.entriesListing(author, make) : entriesListingIn(note.bookLists, author, make);
}

/** The 📙 items of a note (as the workspace decided them) that cite `author` (casefolded), in note order. */
function citationsOf(entry: IndexedNote | undefined, author: string): IndexedCitation[] {
  if (!entry) return [];
  const note = entry.note;
  const make = (item: CitationItem, line: number): IndexedCitation => ({ path: entry.path, item, line });
  return note instanceof NoteView ? note.itemsCiting(author, make) : itemsCitingIn(note.citations, author, make);
}

/** Where an author's items and 📚 entries are in a note, in the note's order: what a digest keeps of their places. */
export interface AuthorPlaces {
  /** Each 📙 item of the author: its line and the column where it starts. */
  citations: Array<{ line: number; column: number }>;
  /** The line of each 📚 entry of the author. */
  entries: number[];
}

/** Each 📚 entry and each 📙 item of a note that names an author, with the author casefolded, in the note's order (entries first). */
function forEachAuthorPart(entry: IndexedNote, onEntry: (author: string, book: BookEntry) => void, onItem: (author: string, item: CitationItem, line: number) => void): void {
  for (const list of entry.note.bookLists) for (const book of list.entries) if (book.author) onEntry(authorKey(book.author), book);
  for (const citation of entry.note.citations) for (const item of citation.items) if (item.author) onItem(authorKey(item.author), item, citation.line);
}

function authorPlaces(entry: IndexedNote, author: string): AuthorPlaces {
  const places: AuthorPlaces = { citations: [], entries: [] };
  forEachAuthorPart(
    entry,
    (named, book) => {
      if (named === author) places.entries.push(book.line);
    },
    (named, item, line) => {
      if (named === author) places.citations.push({ line, column: item.range.start.character });
    },
  );
  return places;
}

/** An author's signature in a note (`authorSignatures`) without the lines its parts are on. */
function withoutLines(signature: string): string {
  return signature.replace(/^([LC])\d+/gm, '$1');
}

/**
 * What a note holds of each author (casefolded), rendered: its 📚 entries and 📙 items of that
 * author, with what a catalog is built from.
 */
function authorSignatures(entry: IndexedNote): Map<string, string> {
  const parts = new Map<string, string[]>();
  const add = (author: string, part: string) => {
    const list = parts.get(author);
    if (list) list.push(part);
    else parts.set(author, [part]);
  };
  forEachAuthorPart(
    entry,
    (author, book) => add(author, `L${book.line}|${book.author}|${book.title}|${book.urls.join(' ')}|${book.statuses.join('')}`),
    (author, item, line) => add(author, `C${line}:${item.range.start.character}-${item.range.end.character}|${item.author}|${item.title ?? ''}|${item.locator ?? ''}|${item.carriedOver}`),
  );
  return new Map([...parts].map(([author, list]) => [author, list.join('\n')]));
}

/** Every folder above `path`: `a/b/c.md` → `a`, `a/b`. */
function ancestorFolders(path: string): string[] {
  const parts = path.split('/');
  const folders: string[] = [];
  for (let length = 1; length < parts.length; length++) folders.push(parts.slice(0, length).join('/'));
  return folders;
}
