/**
 * What the features that go over many authors read of their books: titles, marks, where each
 * book is listed and where it is cited, without the citations themselves. An author's catalog
 * (`WorkspaceIndex.booksOfAuthor`) holds every citation of them, decoded: kept for every author
 * 📙 completion offered or a preview showed, catalogs held most of the collection's citations (at
 * 10,000 notes, one completion kept 28 of them, 73 MB). These facts are kept per author instead
 * (`WorkspaceIndex.authorDigest`), dropped when the author's 📚 entries or citations change.
 */

import type { CitationItem } from '../syntax/note';
import type { AuthorPlaces, WorkspaceIndex } from '../index/workspaceIndex';
import { authorName, buildAuthorCatalog, type AuthorCatalog, type CitingItem } from '../index/bookCatalog';
import { matchesTyped } from './completionList';
import { authorKey } from '../text/names';

/** A 📚 entry of a book: its note and line, and the author and title it writes. */
export interface EntryFacts {
  path: string;
  line: number;
  author?: string;
  title: string;
}

export interface BookFacts {
  /** Its place in `AuthorFacts.books`. */
  index: number;
  /** As the catalog's `Book.key`: unique within the author. */
  key: string;
  /** The fullest title a 📚 entry gives it (or a citation), '' when none does. */
  title: string;
  /** The title the writer cites it by most often; what completion writes. */
  citedTitle?: string;
  /** What to call it: its title, else its URL's host, else the note that lists it. */
  label: string;
  /** True when some 📚 entry names it. */
  listed: boolean;
  statuses: string[];
  urls: string[];
  entries: EntryFacts[];
  /** How many citations mean it (`bookDetail` reads `citations.length`). */
  citations: { length: number };
}

/**
 * An author's books, and every citation of the author in flat arrays (an object or two per note
 * and book, at 10,000 notes, was 30 MB for the authors one completion offers): citation `i` is on
 * line `lines[i]`, column `columns[i]` of one of `notes` (sorted), those of `notes[n]` from
 * `noteStarts[n]` to `noteStarts[n + 1]`, and means book `bookOf[i]` (-1: none it can tell).
 */
export interface AuthorFacts {
  /** The author as first written in a 📚 list, else in a citation. */
  author: string;
  /** Most cited first, as the catalog orders them. */
  books: BookFacts[];
  notes: string[];
  noteStarts: Uint32Array;
  lines: Uint32Array;
  columns: Uint32Array;
  bookOf: Int32Array;
  /** How many of those citations write a title (`📙 Chang knife skills`, not `📙 Chang`): the writer's habit for this author. */
  titled: number;
}

/** The facts of an author's catalog. */
function factsOfCatalog(catalog: AuthorCatalog): AuthorFacts {
  const books = catalog.books.map((book, index): BookFacts => ({
    index,
    key: book.key,
    title: book.title,
    citedTitle: book.citedTitle,
    label: book.label,
    listed: book.listed,
    statuses: book.statuses,
    urls: book.urls,
    entries: book.entries.map(({ path, entry }) => ({ path, line: entry.line, author: entry.author, title: entry.title })),
    citations: { length: book.citations.length },
  }));
  const cited: Array<{ path: string; line: number; column: number; book: number }> = [];
  let titled = 0;
  const add = (citations: readonly CitingItem[], book: number) => {
    for (const { path, line, item } of citations) {
      cited.push({ path, line, column: item.range.start.character, book });
      if (item.title) titled++;
    }
  };
  catalog.books.forEach((book, index) => add(book.citations, index));
  add(catalog.unattributed, -1);
  cited.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  const notes: string[] = [];
  const starts: number[] = [];
  const lines = new Uint32Array(cited.length);
  const columns = new Uint32Array(cited.length);
  const bookOf = new Int32Array(cited.length);
  cited.forEach((citation, at) => {
    if (notes[notes.length - 1] !== citation.path) {
      notes.push(citation.path);
      starts.push(at);
    }
    lines[at] = citation.line;
    columns[at] = citation.column;
    bookOf[at] = citation.book;
  });
  starts.push(cited.length);
  return { author: catalog.author, books, notes, noteStarts: Uint32Array.from(starts), lines, columns, bookOf, titled };
}

/** The facts of `author`'s books, kept by the index until the author changes. */
export function authorFacts(index: WorkspaceIndex, author: string): AuthorFacts {
  return index.authorDigest('book-facts', author, factsOfCatalog, moveFacts);
}

/**
 * Moves the facts' places in the note at `path` to `places` (the same items and entries, on other
 * lines, in the same order); false when they do not line up, and the facts are made again.
 */
function moveFacts(facts: AuthorFacts, path: string, places: AuthorPlaces): boolean {
  const [start, end] = citationsIn(facts, path);
  if (end - start !== places.citations.length) return false;
  for (let at = 0; at < places.citations.length; at++) if (facts.columns[start + at] !== places.citations[at].column) return false;
  const entries = facts.books.flatMap((book) => book.entries).filter((entry) => entry.path === path).sort((a, b) => a.line - b.line);
  if (entries.length !== places.entries.length) return false;
  for (let at = 0; at < places.citations.length; at++) facts.lines[start + at] = places.citations[at].line;
  entries.forEach((entry, at) => {
    entry.line = places.entries[at];
  });
  return true;
}

/**
 * Authors' facts as the rest of the collection has them, without what the line being written
 * (`line` of the note at `path`) says of them: completion offers what the writer has written
 * elsewhere, not the half-typed title on the cursor's line (`📙 Chang kn▮` made a book `kn`), and
 * does not read the entry being typed (`* Chang▮`) as a listing of the author's only book. For an
 * author that line does not name, the facts the index keeps; otherwise facts made without the
 * line, kept for the last line asked about until the author changes: a client asks again at every
 * key typed after `📙 Chang [12] ` while Chang's item there stays as it was.
 */
export function factsBesideLine(index: WorkspaceIndex, path: string, line: number): (author: string) => AuthorFacts {
  const named = authorsOnLine(index, path, line);
  const onLine = (at: string, atLine: number) => at === path && atLine === line;
  const make = (author: string): AuthorFacts => {
    const entries = index.bookEntriesByAuthor(author);
    const citations = index.citationsOfAuthor(author);
    const beside = buildAuthorCatalog(entries.filter((listed) => !onLine(listed.path, listed.entry.line)), citations.filter((citation) => !onLine(citation.path, citation.line)));
    // The name as the collection writes it, the line included: it may be the only place that writes it.
    return { ...factsOfCatalog(beside), author: authorName(entries, citations) };
  };
  return (author) => {
    if (!named.has(authorKey(author))) return authorFacts(index, author);
    const kept = index.authorMemo<{ last?: { path: string; line: number; facts: AuthorFacts } }>('book-facts-beside-line', author, () => ({}));
    if (kept.last?.path !== path || kept.last.line !== line) kept.last = { path, line, facts: make(author) };
    return kept.last.facts;
  };
}

/**
 * Whether some completion item of the author may match `typed` (`matchesTyped`): items are
 * filtered on the name alone or the name and a title (the 📚 title or the one citations use), so
 * an author for whom none matches is passed over before their items are made.
 */
export function authorMayMatch(typed: string, facts: AuthorFacts, key: string): boolean {
  const name = facts.author || key;
  if (matchesTyped(typed, name)) return true;
  return facts.books.some((book) => [book.title, book.citedTitle].some((title) => Boolean(title) && matchesTyped(typed, `${name} ${title}`)));
}

/** Where the citations of the note at `path` are in `facts`' arrays: [start, end), empty when it cites none. */
function citationsIn(facts: AuthorFacts, path: string): [number, number] {
  let low = 0;
  let high = facts.notes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (facts.notes[middle] < path) low = middle + 1;
    else high = middle;
  }
  return facts.notes[low] === path ? [facts.noteStarts[low], facts.noteStarts[low + 1]] : [0, 0];
}

/** How many of `book`'s citations are in the note at `path`. */
function citedInNote(facts: AuthorFacts, book: BookFacts, path: string): number {
  const [start, end] = citationsIn(facts, path);
  let count = 0;
  for (let at = start; at < end; at++) if (facts.bookOf[at] === book.index) count++;
  return count;
}

/** The book a 📙 item of the note at `path` means, as the author's catalog attributes it (`bookOfItem`). */
export function bookOfItemIn(facts: AuthorFacts, path: string, item: CitationItem): BookFacts | undefined {
  const { line, character } = item.range.start;
  const [start, end] = citationsIn(facts, path);
  for (let at = start; at < end; at++) {
    if (facts.lines[at] === line && facts.columns[at] === character) return facts.bookOf[at] >= 0 ? facts.books[facts.bookOf[at]] : undefined;
  }
  return undefined;
}

/** The book whose 📚 entries include the one on `line` of the note at `path`. */
export function bookOfEntryIn(facts: AuthorFacts, path: string, line: number): BookFacts | undefined {
  return facts.books.find((book) => book.entries.some((entry) => entry.path === path && entry.line === line));
}

/** The places that cite `book` (undefined: that name none of the author's books), one per note and line, in note order. */
export function placesOf(facts: AuthorFacts, book: BookFacts | undefined): Array<{ path: string; line: number }> {
  const wanted = book ? book.index : -1;
  const places: Array<{ path: string; line: number }> = [];
  for (let note = 0; note < facts.notes.length; note++) {
    let last = -1;
    for (let at = facts.noteStarts[note]; at < facts.noteStarts[note + 1]; at++) {
      if (facts.bookOf[at] !== wanted || facts.lines[at] === last) continue;
      last = facts.lines[at];
      places.push({ path: facts.notes[note], line: last });
    }
  }
  return places;
}

/** The notes that cite `book`, in note order. */
export function notesCiting(facts: AuthorFacts, book: BookFacts): string[] {
  const notes: string[] = [];
  for (let note = 0; note < facts.notes.length; note++) {
    for (let at = facts.noteStarts[note]; at < facts.noteStarts[note + 1]; at++) {
      if (facts.bookOf[at] !== book.index) continue;
      notes.push(facts.notes[note]);
      break;
    }
  }
  return notes;
}

/**
 * Each book's citations in the note at `path`, those of them on a line `inSection` takes, and
 * those in the notes `nearby` takes: arrays by book index.
 */
export function citationsByBook(facts: AuthorFacts, path: string, inSection: (line: number) => boolean, nearby: (note: string) => boolean): { here: Uint32Array; section: Uint32Array; nearby: Uint32Array } {
  const count = facts.books.length;
  const tally = { here: new Uint32Array(count), section: new Uint32Array(count), nearby: new Uint32Array(count) };
  for (let note = 0; note < facts.notes.length; note++) {
    const isHere = facts.notes[note] === path;
    const isNearby = nearby(facts.notes[note]);
    if (!isHere && !isNearby) continue;
    for (let at = facts.noteStarts[note]; at < facts.noteStarts[note + 1]; at++) {
      const book = facts.bookOf[at];
      if (book < 0) continue;
      if (isNearby) tally.nearby[book]++;
      if (!isHere) continue;
      tally.here[book]++;
      if (inSection(facts.lines[at])) tally.section[book]++;
    }
  }
  return tally;
}

/**
 * An author's books, the likeliest for a citation in the note at `path` first: the one this note
 * cites most, then `nearest` (the book of the author's nearest citation, when the caller knows
 * it), then one the note lists, then the most cited (a writer keeps to one book of an author in a
 * note). Without `path`, the note says nothing (an author it never names). What 📙 completion,
 * title and 📚 entry completion and naming a citation's book offer first.
 */
export function likeliestBooksFirst(facts: AuthorFacts, books: readonly BookFacts[], path: string | undefined, nearest?: BookFacts): BookFacts[] {
  const here = new Map(books.map((book) => [book, path === undefined ? { cited: 0, listed: false } : { cited: citedInNote(facts, book, path), listed: book.entries.some((entry) => entry.path === path) }]));
  return [...books].sort(
    (a, b) =>
      here.get(b)!.cited - here.get(a)!.cited ||
      Number(b === nearest) - Number(a === nearest) ||
      Number(here.get(b)!.listed) - Number(here.get(a)!.listed) ||
      b.citations.length - a.citations.length,
  );
}

/** The authors (casefolded) a 📙 item or a 📚 entry on `line` of the note at `path` names. */
function authorsOnLine(index: WorkspaceIndex, path: string, line: number): Set<string> {
  const note = index.getNote(path)?.note;
  const named = new Set<string>();
  for (const citation of note?.citations ?? []) if (citation.line === line) for (const item of citation.items) if (item.author) named.add(authorKey(item.author));
  for (const list of note?.bookLists ?? []) for (const entry of list.entries) if (entry.line === line && entry.author) named.add(authorKey(entry.author));
  return named;
}
