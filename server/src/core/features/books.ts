/**
 * Books as the writer thinks of them: which book a 📙 citation or a 📚 entry means, and the
 * Books view's data (author → book → the notes that list it and the citations of it), for
 * hundreds of books.
 */

import type { Position, Range } from '../text/positions';
import type { BookEntry, Citation, CitationItem } from '../syntax/note';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { entryPlace, itemPlace, type Book, type CitingItem } from '../index/bookCatalog';
import { elementAt } from './locate';
import { lineCitations } from '../syntax/parseNote';
import { parseBookEntry, reparseCitation } from '../syntax/citations';
import { runSteps, type Steps } from '../steps';
import { authorFacts, bookOfEntryIn } from './bookFacts';
import { authorKey } from '../text/names';

export type { Book } from '../index/bookCatalog';

/** The book a 📙 item of the note at `path` means (`📙 Chang knife skills [12]` → Chang's `knife skills`), if one can be told. */
export function bookOfCitation(index: WorkspaceIndex, path: string, item: CitationItem): Book | undefined {
  return item.author ? index.booksOfAuthor(item.author).bookOfItem.get(itemPlace(path, item)) : undefined;
}

/**
 * How often the book of a 📚 entry of the note at `path` is cited (its code lens), from what the
 * index keeps per author (`authorFacts`), not the author's catalog: lenses are asked for every
 * note shown, and the catalogs of the authors a long note lists held most of the collection's
 * citations, decoded.
 */
export function entryCitationCount(index: WorkspaceIndex, path: string, entry: BookEntry): number {
  return entry.author ? bookOfEntryIn(authorFacts(index, entry.author), path, entry.line)?.citations.length ?? 0 : 0;
}

/** The book a 📚 entry of the note at `path` belongs to, merged with the entries of other notes that list it. */
export function bookOfEntry(index: WorkspaceIndex, path: string, entry: BookEntry): Book | undefined {
  return entry.author ? index.booksOfAuthor(entry.author).bookOfEntry.get(entryPlace(path, entry)) : undefined;
}

/**
 * Whether a 📙 line, as it would read once written (`line`), gives `title` to `author`'s item
 * that starts at or before column `at` (the last such item, not one carried over after a page).
 * A title word known as an author (`AI` in `📙 McGee AI [12]`, where other notes cite `📙 AI [3]`)
 * starts an item of its own, and the book is lost. The line is read alone, and as the workspace
 * reads it with the authors it knows; with `titleWordsKnown`, also as if the title's own
 * capitalised words were known authors (one citation elsewhere that names them so would make
 * them known). Naming a citation's book asks that much (it rewrites a citation already there);
 * 📙 completion's book items ask it only after an earlier item of the same citation, the one
 * place it showed to matter (asked everywhere, it turned away a tenth of the books meant on the
 * generated workspaces: their writers cite `📙 Osei Knife Craft [12]`, and the collection reads it so).
 */
export function readsAsTitle(index: WorkspaceIndex, line: string, at: number, author: string, title: string | undefined, titleWordsKnown = true): boolean {
  const citations = lineCitations(line);
  /** The item written at `at`: the last one to start there or before, not one carried over; and whether an item of its citation comes before it. */
  const itemAt = (reading: Citation[]): { item?: CitationItem; second: boolean } => {
    let found: { item?: CitationItem; second: boolean } = { second: false };
    for (const citation of reading) {
      citation.items.forEach((candidate, place) => {
        if (!candidate.carriedOver && candidate.authorRange && candidate.authorRange.start.character <= at) found = { item: candidate, second: place > 0 };
      });
    }
    return found;
  };
  // After an earlier item of the same citation (a page read already), a capitalised title word
  // before the page starts an item of its own once the collection knows it, and writing the
  // citation makes it known (`📙 La Salle AI Linux 343 La Salle AI Linux [1]`: property g).
  const assumeKnown = titleWordsKnown || itemAt(citations).second;
  const titleWords = new Set((title ?? '').split(/\s+/).filter((word) => /^\p{Lu}/u.test(word)).map((word) => authorKey(word)));
  const known = (name: string) => index.isKnownAuthor(name) || (assumeKnown && titleWords.has(authorKey(name)));
  return [citations, citations.map((citation) => reparseCitation(citation, known))].every((reading) => {
    const { item } = itemAt(reading);
    return item !== undefined && item.title === title && item.author !== undefined && authorKey(item.author) === authorKey(author);
  });
}

/**
 * Whether `inserted` (`Chang knife skills`, or the bare `Chang`), written over `range` of `lineText`
 * with a page after it as the snippet asks, gives `title` (none for the bare name) to `author`'s
 * item (`readsAsTitle`).
 */
export function readsWritten(index: WorkspaceIndex, lineText: string, range: Range, inserted: string, author: string, title: string | undefined): boolean {
  const line = `${lineText.slice(0, range.start.character)}${inserted} [1]${lineText.slice(range.end.character)}`;
  return readsAsTitle(index, line, range.start.character, author, title, false);
}

/** Whether a 📚 entry `* Author title`, as 📚 entry completion writes a book, reads that author and title (property n: a title that ends in `ch. 3` loses it as a page). */
export function entryReadsAsTitle(author: string, title: string): boolean {
  const entry = parseBookEntry(`* ${author} ${title}`, 0, 2, undefined);
  return entry.title === title && entry.author !== undefined && authorKey(entry.author) === authorKey(author);
}

/** `✅ · iron and fire · cited 5×`: a book's marks, its full title when another is written, how often it is cited, whether a 📚 list names it. */
export function bookDetail(book: Pick<Book, 'statuses' | 'title' | 'listed'> & { citations: { length: number } }, written: string): string {
  return [book.statuses.join(''), book.title && book.title !== written ? book.title : '', book.citations.length > 0 ? `cited ${book.citations.length}×` : 'not cited yet', book.listed ? '' : 'in no 📚 list'].filter(Boolean).join(' · ');
}

export interface BookPlace {
  path: string;
  line: number;
  range: Range;
  /** A citation's title and locator (`skills [306]`), or a 📚 entry's status marks and text. */
  label: string;
}

export interface BookSummary {
  key: string;
  /** The title, or the URL host or note that names an untitled book. */
  label: string;
  /** True when a 📚 list names it; false for a title only citations use. */
  listed: boolean;
  statuses: string[];
  urls: string[];
  /** How many 📚 entries list it (one per note and line) and how many citations mean it. */
  listingCount: number;
  citationCount: number;
}

export interface AuthorBooks {
  /** As first written in a 📚 list (else in a citation); `bookPlaces` takes it back. */
  author: string;
  citationCount: number;
  books: BookSummary[];
  /** Citations that do not say which of the author's books they mean. */
  unattributedCount: number;
}

export interface BooksOverview {
  /** Authors some 📚 list names, most cited first. */
  listed: AuthorBooks[];
  /** Authors cited (by the parsing rules of DIALECT §6.1) but never listed. */
  unlisted: AuthorBooks[];
}

/**
 * The Books view's top levels: every author and their books, with counts. The places (the
 * entries that list a book, the citations of it) come per book from `bookPlaces`, when the
 * view opens that book: a workspace with a hundred thousand citations sends only what is looked at.
 */
export function computeBooks(index: WorkspaceIndex): BooksOverview {
  return runSteps(booksSteps(index));
}

/**
 * `computeBooks` in steps, a pause after each author, so that a server can answer other messages
 * between them: the first time, each author's books are read from their citations across the
 * collection (2.4 s for the whole tree at 10,000 notes).
 */
export function* booksSteps(index: WorkspaceIndex): Steps<BooksOverview> {
  const listed: AuthorBooks[] = [];
  const unlisted: AuthorBooks[] = [];
  for (const key of new Set([...index.listedAuthors(), ...index.citedAuthors()])) {
    // What the index keeps per author, not the catalog: the view goes over every author.
    const facts = authorFacts(index, key);
    const author: AuthorBooks = {
      author: facts.author,
      citationCount: index.citationCount(key),
      books: facts.books.map((book) => ({
        key: book.key,
        label: book.title || book.label,
        listed: book.listed,
        statuses: book.statuses,
        urls: book.urls,
        listingCount: book.entries.length,
        citationCount: book.citations.length,
      })),
      unattributedCount: facts.bookOf.reduce((count, book) => (book < 0 ? count + 1 : count), 0),
    };
    (index.isListed(key) ? listed : unlisted).push(author);
    yield;
  }
  const byCitations = (a: AuthorBooks, b: AuthorBooks) => b.citationCount - a.citationCount || a.author.localeCompare(b.author);
  return { listed: listed.sort(byCitations), unlisted: unlisted.sort(byCitations) };
}

function citationPlace({ path, item, line }: CitingItem): BookPlace {
  return { path, line, range: item.range, label: [item.title, item.locator].filter(Boolean).join(' ') || '(no page)' };
}

/**
 * The places of one book of `author` (`bookKey` from `computeBooks`): the 📚 entries that list
 * it and the citations of it, in note order; without a key, the author's citations that name no
 * book. Undefined when there is no such book (any more).
 */
export function bookPlaces(index: WorkspaceIndex, author: string, bookKey: string | undefined): { listings: BookPlace[]; citations: BookPlace[] } | undefined {
  const catalog = index.booksOfAuthor(author);
  if (bookKey === undefined) return { listings: [], citations: catalog.unattributed.map(citationPlace) };
  const book = catalog.books.find((candidate) => candidate.key === bookKey);
  if (!book) return undefined;
  return {
    listings: book.entries.map(({ path, entry }) => ({ path, line: entry.line, range: entry.range, label: [entry.statuses.join(''), entry.author, entry.title].filter(Boolean).join(' ') })),
    citations: book.citations.map(citationPlace),
  };
}

/** The author and book of the 📙 item or 📚 entry at `position`: what "reveal in the Books view" shows. */
export function bookAt(index: WorkspaceIndex, path: string, position: Position): { author: string; book?: Book } | undefined {
  const entry = index.getNote(path);
  if (!entry) return undefined;
  const element = elementAt(entry.note, position);
  if (element?.kind === 'citation' && element.item.author) {
    return { author: index.booksOfAuthor(element.item.author).author, book: bookOfCitation(index, path, element.item) };
  }
  const listed = entry.note.bookLists.flatMap((list) => list.entries).find((candidate) => candidate.line === position.line);
  if (listed?.author) return { author: index.booksOfAuthor(listed.author).author, book: bookOfEntry(index, path, listed) };
  // The cursor right after a citation on its line (`📙 McGee [12]▮`): the last item before it.
  const citation = entry.note.citations.filter((candidate) => candidate.line === position.line && candidate.markerRange.start.character <= position.character).pop();
  const item = citation?.items.filter((candidate) => candidate.author && candidate.range.start.character <= position.character).pop();
  return item?.author ? { author: index.booksOfAuthor(item.author).author, book: bookOfCitation(index, path, item) } : undefined;
}
