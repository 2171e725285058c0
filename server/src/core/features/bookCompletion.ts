/**
 * Completion of books where the writer names one: the title after a 📙 author (`📙 Chang ▮`),
 * and the entries of a 📚 list (`* ▮`: the books this note cites and that list does not name yet
 * first, then those of its topic folder; `* Chang ▮`: Chang's titles the list does not name).
 */

import type { Position } from '../text/positions';
import { makeRange } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { BookList } from '../syntax/note';
import { authorKey } from '../text/names';
import { sortedListSlot } from '../lists';
import { sectionAround } from './sectionAround';
import { lineCitations } from '../syntax/parseNote';
import { ORANGE_BOOK } from '../syntax/citations';
import { bookDetail, entryReadsAsTitle, readsWritten } from './books';
import { authorMayMatch, citationsByBook, factsBesideLine, likeliestBooksFirst, type BookFacts, type EntryFacts } from './bookFacts';
import { CAP, escapeSnippet, finish, matchesTyped, type CompletionEntry, type CompletionResult } from './completionList';
import type { Steps } from '../steps';

/** A 📙 item whose author is written and whose title is being typed (`📙 Chang kni▮`): the author, and the title typed so far. */
export interface TitleBeingWritten {
  author: string;
  typed: string;
}

/**
 * The title being written after a 📙 author (`📙 Chang ▮`, `📙 Van Aken joi▮`): read from the line
 * up to the cursor as a citation, its last item an author with no page yet (and not one carried
 * over after a page, which author completion serves): words after the name, none a page.
 */
export function titleBeingWritten(before: string): TitleBeingWritten | undefined {
  if (!before.includes(ORANGE_BOOK)) return undefined;
  const citations = lineCitations(before);
  const last = citations[citations.length - 1]?.items.at(-1);
  if (!last?.author || !last.authorRange || last.locator !== undefined || last.carriedOver || last.kind !== 'author') return undefined;
  const typed = /^[ \t]+((?:[\p{L}'’-][\p{L}\p{N}'’-]*[ \t]+)*(?:[\p{L}'’-][\p{L}\p{N}'’-]*)?)$/u.exec(before.slice(last.authorRange.end.character));
  return typed ? { author: last.author, typed: typed[1] } : undefined;
}

/**
 * Title completion: the author's books with a title, the likeliest for this note first, each
 * written as the collection's citations write it. After 📙 it selects the page after the title;
 * in a 📚 list (`listing`) it offers only the books that list does not name yet.
 */
export function completeTitles(index: WorkspaceIndex, path: string, title: TitleBeingWritten, position: Position, lineText: string, listing?: BookList): CompletionResult {
  const catalog = factsBesideLine(index, path, position.line)(title.author);
  const range = makeRange(position.line, position.character - title.typed.length, position.character);
  const writtenOf = (book: BookFacts): string => (listing ? book.title || book.citedTitle! : book.citedTitle ?? book.title);
  // After 📙, a title that would not read as one where it goes (a title word that starts an item of its own) is not offered.
  const titled = catalog.books.filter((book) => (book.citedTitle || book.title) && (listing ? !book.entries.some((entry) => inList(entry, path, listing)) && entryReadsAsTitle(title.author, writtenOf(book)) : readsWritten(index, lineText, range, writtenOf(book), title.author, writtenOf(book))));
  return finish(likeliestBooksFirst(catalog, titled, path).map((book): CompletionEntry => {
    const written = writtenOf(book);
    return {
      label: written, kind: 'author', author: catalog.author || title.author, bookTitle: written, detail: bookDetail(book, written),
      insertText: listing ? written : `${escapeSnippet(written)} [\${1:page}]`, snippet: !listing, sortText: '', filterText: written, range,
    };
  }));
}

/** A 📚 entry's bullet and status marks, then what is typed of the entry (`* ⭐️ Chang kn`). */
const ENTRY_BEING_WRITTEN = /^([ \t]*[*+-][ \t]+(?:(?:\u2B50|\u2705)\uFE0F?[ \t]*)*)(.*)$/u;

/**
 * Completion in an entry of a 📚 list (DIALECT §6.2), or undefined when the cursor is not in one:
 * the author being typed (`* Ch▮`), then a title after it (`* Chang ▮`).
 */
export function* completeBookEntry(index: WorkspaceIndex, path: string, before: string, position: Position): Steps<CompletionResult | undefined> {
  const entry = ENTRY_BEING_WRITTEN.exec(before);
  const list = entry ? listAround(index, path, position.line) : undefined;
  if (!entry || !list) return undefined;
  const written = entry[2];
  if (/^[\p{L}/.'’-]*$/u.test(written)) return yield* completeEntryAuthors(index, path, list, written, position);
  const title = titleBeingWritten(`${ORANGE_BOOK} ${written}`);
  return title ? completeTitles(index, path, title, position, '', list) : undefined;
}

/** The 📚 list whose entry `line` of the note is, or whose last entry it follows (a new entry being typed). */
function listAround(index: WorkspaceIndex, path: string, line: number): BookList | undefined {
  return index.getNote(path)?.note.bookLists.find((list) => line > list.line && line <= list.endLine + 1);
}

/**
 * The books a 📚 list may name next, and then the authors with no book to name. What weighs most
 * is how often this note cites the book (a writer lists what they read) and how often the list's
 * own section does (a section's list names what the section cites); then whether another 📚 list
 * of this note names it (a writer repeats the note's first list in a section's, three of the 26
 * entries of the older real notes), how often the notes of the same top folder list or cite it
 * (lists of a topic share books), how many notes list it, how often it is cited. Books this list
 * names already are left out; the entry being typed (`* Chang▮`) is not one of them (`factsBesideLine`).
 */
function* completeEntryAuthors(index: WorkspaceIndex, path: string, list: BookList, typed: string, position: Position): Steps<CompletionResult> {
  const folder = path.includes('/') ? `${path.slice(0, path.indexOf('/'))}/` : undefined;
  const nearby = (other: string) => other !== path && folder !== undefined && other.startsWith(folder);
  const note = index.getNote(path)?.note;
  const listed = (entry: EntryFacts) => inList(entry, path, list);
  // The authors the cursor's line names, read without it; the others as the index keeps them for every author.
  const booksOf = factsBesideLine(index, path, position.line);
  const section = note ? sectionAround(note.anchors, position.line, false) : undefined;
  const inSection = (line: number) => section !== undefined && line >= section.start && line <= section.end;
  const range = makeRange(position.line, position.character - typed.length, position.character);
  const slot = alphabeticalSlot(list, position.line);
  const scored: Array<{ entry: CompletionEntry; score: number; fits: boolean }> = [];
  const bare: Array<{ entry: CompletionEntry; count: number; fits: boolean }> = [];
  for (const key of new Set([...index.citedAuthors(), ...index.listedAuthors()])) {
    const catalog = booksOf(key);
    // An author none of whose items could match what is typed is passed over before their books are weighed.
    if (typed && !authorMayMatch(typed, catalog, key)) {
      yield;
      continue;
    }
    const name = catalog.author || key;
    const count = index.citationCount(key);
    let titled = 0;
    const cited = citationsByBook(catalog, path, inSection, nearby);
    for (const book of catalog.books) {
      if (!(book.title || book.citedTitle) || book.entries.some(listed)) continue;
      titled++;
      const title = book.title || book.citedTitle!;
      const here = cited.here[book.index];
      const inItsSection = cited.section[book.index];
      const citedNearby = cited.nearby[book.index];
      const listedHere = book.entries.some((entry) => entry.path === path);
      const listedNearby = book.entries.filter((entry) => nearby(entry.path)).length;
      const score =
        LISTING_WEIGHTS.here * Math.log1p(here) +
        LISTING_WEIGHTS.section * Math.log1p(inItsSection) +
        (listedHere ? LISTING_WEIGHTS.listedHere : 0) +
        LISTING_WEIGHTS.nearbyListed * Math.log1p(listedNearby) +
        LISTING_WEIGHTS.nearbyCited * Math.log1p(citedNearby) +
        LISTING_WEIGHTS.listed * Math.log1p(book.entries.length) +
        LISTING_WEIGHTS.cited * Math.log1p(book.citations.length);
      const filterText = `${name} ${title}`;
      if (!typed || matchesTyped(typed, filterText)) {
        // Why it ranks where it does, else what the collection does with it: the list cuts a long detail short, and the label with it.
        const why = [
          slot.place !== undefined && slot.fits(key) ? `${slot.place} in the list's order` : '',
          inItsSection > 0 ? `${inItsSection}× in this section` : here > 0 ? `${here}× in this note` : '',
          listedHere ? "in this note's 📚" : listedNearby > 0 ? `listed ${listedNearby}× in ${folder}` : citedNearby > 0 ? `cited ${citedNearby}× in ${folder}` : '',
        ].filter(Boolean);
        const detail = why.length > 0 ? [book.statuses.join(''), ...why].filter(Boolean).join(' · ') : bookDetail(book, title);
        scored.push({ score, fits: slot.fits(key), entry: { label: filterText, kind: 'author', author: name, bookTitle: title, detail, insertText: filterText, snippet: false, sortText: '', filterText, range } });
      }
    }
    // An author with no book to name here (none titled, or all in this list already): the name alone, after the books.
    if (titled === 0 && !catalog.books.some((book) => book.entries.some(listed)) && (!typed || matchesTyped(typed, name))) {
      bare.push({ count, fits: slot.fits(key), entry: { label: name, kind: 'author', author: name, detail: count > 0 ? `cited ${count}×` : 'not cited yet', insertText: name, snippet: false, sortText: '', filterText: name, range } });
    }
    // The first time, each author's books are read from their citations across the collection
    // (2.4 s for every author at 10,000 notes): a server answers other messages between authors.
    yield;
  }
  // In a list kept in alphabetical order, the books whose author goes where the cursor is come first.
  scored.sort((a, b) => Number(b.fits) - Number(a.fits) || b.score - a.score || (a.entry.label < b.entry.label ? -1 : a.entry.label > b.entry.label ? 1 : 0));
  bare.sort((a, b) => Number(b.fits) - Number(a.fits) || b.count - a.count || (a.entry.label < b.entry.label ? -1 : 1));
  // A book whose title would not read back as written (a page's words at its end) is left out; read for the first few only.
  const books: CompletionEntry[] = [];
  for (const { entry } of scored) {
    if (books.length > CAP) break;
    if (entryReadsAsTitle(entry.author!, entry.bookTitle!)) books.push(entry);
  }
  return finish([...books, ...bare.map(({ entry }) => entry)]);
}

/** A list needs this many entries with an author, in alphabetical order, to be read as kept in that order. */
const MIN_SORTED_ENTRIES = 3;

/**
 * Whether an author (casefolded) goes at `line` of `list` when the list is kept in alphabetical
 * order of its authors (`sortedListSlot`): four of the five 📚 lists of three or more authors in
 * the older real notes are (23 of their 24 neighbouring entries in order). In a list that is not,
 * or has fewer than `MIN_SORTED_ENTRIES` authors besides the line being written, every author fits.
 */
function alphabeticalSlot(list: BookList, line: number): { fits: (author: string) => boolean; place?: string } {
  const authors = list.entries.filter((entry) => entry.line !== line && entry.author).map((entry) => ({ line: entry.line, name: entry.author!, key: authorKey(entry.author!) }));
  return sortedListSlot(authors, line, MIN_SORTED_ENTRIES) ?? { fits: () => true };
}

/**
 * The weights of the listing ranking above, measured with bench/citations.js (📚 entry completion,
 * see bench/README.md); this note's citations of the author whichever book, weighted too, did worse.
 */
const LISTING_WEIGHTS = { here: 4, section: 4, listedHere: 2, nearbyListed: 2, nearbyCited: 1, listed: 0.5, cited: 0.25 };

/** Whether the 📚 entry at `entry` is one of `list`'s, in the note at `path`. */
function inList(entry: { path: string; line: number }, path: string, list: BookList): boolean {
  return entry.path === path && entry.line > list.line && entry.line <= list.endLine;
}
