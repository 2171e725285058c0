/**
 * An author's books: their 📚 entries merged across notes into books, and each 📙 citation of
 * the author attributed to the book it means (issue 11, Build 2). Pure: it reads the entries
 * and citations it is given; the workspace index keeps one catalog per author and drops it when
 * that author's entries or citations change.
 */

import type { BookEntry, CitationItem } from '../syntax/note';
import { singularWord } from './normalize';

/** A 📚 entry and the note it is in. */
export interface ListedEntry {
  path: string;
  entry: BookEntry;
}

/** A 📙 item and the note and line it is on. */
export interface CitingItem {
  path: string;
  item: CitationItem;
  line: number;
}

/** One book of an author: `Chang knife skills`, listed in two notes and cited twelve times. */
export interface Book {
  /** Unique within the author: `t:knife skills`, `u:example.org`, `n:kitchen/knives.md`. */
  key: string;
  author: string;
  /** The fullest title a 📚 entry gives it (or a citation, for a book no list names by title); '' when none does. */
  title: string;
  /** What to call it: its title, else the host of its URL (`example.org`), else the note that lists it (`in knives.md`). */
  label: string;
  /** True when some 📚 entry names it; false for a title only citations use. */
  listed: boolean;
  entries: ListedEntry[];
  citations: CitingItem[];
  /** The title the writer cites it by most often (`on food` for `on food and cooking`); what completion writes. */
  citedTitle?: string;
  /** Every status mark of its entries (`⭐`, `✅`), once each. */
  statuses: string[];
  urls: string[];
}

export interface AuthorCatalog {
  /** The author as first written in a 📚 list, else in a citation. */
  author: string;
  /** Most cited first, then by label. */
  books: Book[];
  /** Citations that name no book (`📙 Chang [12]` when Chang has two) or, for an author nobody lists, none the others name. */
  unattributed: CitingItem[];
  /** The book each attributed citation item means, by `itemPlace`. */
  bookOfItem: Map<string, Book>;
  /** The book each 📚 entry belongs to, by `entryPlace`. */
  bookOfEntry: Map<string, Book>;
}

/**
 * Where a 📙 item is: its note, line and column. Catalogs find items by place, not by object, so
 * that one built before a note was read again (a keystroke elsewhere in it) still answers for
 * the same citations.
 */
export function itemPlace(path: string, item: CitationItem): string {
  return `${path}\n${item.range.start.line}:${item.range.start.character}`;
}

/** Where a 📚 entry is: its note and line. */
export function entryPlace(path: string, entry: BookEntry): string {
  return `${path}\n${entry.line}`;
}

const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'of', 'on', 'in', 'at', 'to', 'for', 'with', 'by', 'from', 'vs', 'vs.']);

/** A title's words for comparing: casefolded, with hyphens, slashes and punctuation as spaces (`data-intensive` = `data intensive`). */
export function titleWords(title: string): string[] {
  return wordsOf(title).plain;
}

/** A title's words for matching: `noodles` answers to `noodle`. */
function matchWords(title: string): string[] {
  return wordsOf(title).match;
}

/**
 * The words of titles seen lately. A catalog is rebuilt whenever its author's citations change
 * (a keystroke in a note that cites them), and the same few titles recur thousands of times.
 */
const wordCache = new Map<string, { plain: string[]; match: string[] }>();
const WORD_CACHE_SIZE = 20_000;

function wordsOf(title: string): { plain: string[]; match: string[] } {
  let words = wordCache.get(title);
  if (!words) {
    const plain = title
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .split(/[\s\-–—/_,.:;!?()[\]"`*]+/u)
      .filter(Boolean);
    words = { plain, match: plain.map((word) => singularWord(word)) };
    if (wordCache.size >= WORD_CACHE_SIZE) wordCache.clear();
    wordCache.set(title, words);
  }
  return words;
}

/** True when one title's words begin the other's: `on food` and `on food and cooking`. */
function isWordPrefix(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length > 0 && short.every((word, index) => long[index] === word);
}

/**
 * How well a cited title names a book's title: a word prefix either way is strong (`on food`,
 * `knife` for `knife skills`), shared words other than stopwords are weaker (`cooking` for `on
 * food and cooking`); 0 when they share nothing.
 */
export function titleMatch(cited: string[], book: string[]): number {
  if (cited.length === 0 || book.length === 0) return 0;
  if (isWordPrefix(cited, book)) return 100 + Math.min(cited.length, book.length);
  const bookWords = new Set(book.filter((word) => !STOPWORDS.has(word)));
  const shared = new Set(cited.filter((word) => bookWords.has(word))).size;
  return shared === 0 ? 0 : 10 * shared - Math.abs(book.length - cited.length) / 100;
}

/**
 * The title completion writes for a book: the one its citations use most among those that begin
 * its 📚 title (`on food` for `on food and cooking`); a title that only shares a word with it
 * (`basics` for `noodle basics`) only when the writer used it more than once; else none (the 📚
 * title is written).
 */
function preferredCitedTitle(book: Book, counts: Map<string, number>): string | undefined {
  const full = matchWords(book.title);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1));
  const prefix = ranked.find(([title]) => full.length === 0 || isWordPrefix(matchWords(title), full));
  if (prefix) return prefix[0];
  return ranked[0][1] > 1 ? ranked[0][0] : undefined;
}

function hostOf(url: string): string {
  return /^https?:\/\/(?:www\.)?([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() ?? url;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function newBook(key: string, author: string, title: string, listed: boolean): Book {
  return { key, author, title, label: title, listed, entries: [], citations: [], statuses: [], urls: [] };
}

/** Which book each URL of the author's entries belongs to, while a catalog is built. */
type BooksByUrl = Map<string, Book>;

function addEntry(book: Book, listed: ListedEntry, byUrl: BooksByUrl): void {
  book.entries.push(listed);
  for (const status of listed.entry.statuses) if (!book.statuses.includes(status)) book.statuses.push(status);
  for (const url of listed.entry.urls) {
    if (byUrl.has(url)) continue;
    byUrl.set(url, book);
    book.urls.push(url);
  }
  // The fullest title names the book: `data intensive applications` over `data intensive`.
  if (titleWords(listed.entry.title).length > titleWords(book.title).length) {
    book.title = listed.entry.title;
    book.label = listed.entry.title;
  }
}

/** The author as first written in a 📚 list, else in a citation (not one carried over after a page). */
export function authorName(entries: readonly ListedEntry[], citations: readonly CitingItem[]): string {
  return entries[0]?.entry.author ?? citations.find((citing) => !citing.item.carriedOver)?.item.author ?? citations[0]?.item.author ?? '';
}

/**
 * Builds an author's catalog. `entries` and `citations` are all of this author's, in a fixed
 * order (by note, then line), so the same workspace always gives the same catalog.
 */
export function buildAuthorCatalog(entries: readonly ListedEntry[], citations: readonly CitingItem[]): AuthorCatalog {
  const author = authorName(entries, citations);
  const books: Book[] = [];
  const bookOfEntry = new Map<string, Book>();
  const byUrl: BooksByUrl = new Map();
  const bookWithUrl = (urls: readonly string[]) => urls.map((url) => byUrl.get(url)).find((book) => book !== undefined);
  // Books by the words of their titles: a title is only weighed against books that share a word
  // with it, so an author cited a thousand times under a hundred titles stays cheap.
  const byWord = new Map<string, Book[]>();
  const made = new Map<Book, number>();
  const indexTitle = (book: Book) => {
    if (!made.has(book)) made.set(book, made.size);
    for (const word of matchWords(book.title)) {
      const holders = byWord.get(word);
      if (!holders) byWord.set(word, [book]);
      else if (!holders.includes(book)) holders.push(book);
    }
  };
  const sharingAWord = (words: readonly string[]): Book[] => {
    const found = new Set<Book>();
    for (const word of words) for (const book of byWord.get(word) ?? []) found.add(book);
    // In the order the books were made, as a scan of all of them would meet them.
    return [...found].sort((a, b) => made.get(a)! - made.get(b)!);
  };

  // 1. Titled entries, merged when one title's words begin the other's or they share a URL.
  const titled = entries.filter((listed) => titleWords(listed.entry.title).length > 0);
  const byLength = [...titled].sort((a, b) => titleWords(b.entry.title).length - titleWords(a.entry.title).length);
  for (const listed of byLength) {
    const words = titleWords(listed.entry.title);
    const match = matchWords(listed.entry.title);
    let book = (byWord.get(match[0]) ?? []).find((candidate) => isWordPrefix(match, matchWords(candidate.title))) ?? bookWithUrl(listed.entry.urls);
    if (!book) books.push((book = newBook(`t:${words.join(' ')}`, author, listed.entry.title, true)));
    addEntry(book, listed, byUrl);
    indexTitle(book);
    bookOfEntry.set(entryPlace(listed.path, listed.entry), book);
  }
  // 2. Untitled entries with a URL: the book with that URL, else the author's only titled book,
  //    else a book of their own named by the URL's host.
  const untitled = entries.filter((listed) => !bookOfEntry.has(entryPlace(listed.path, listed.entry)));
  const place = (listed: ListedEntry, book: Book) => {
    addEntry(book, listed, byUrl);
    bookOfEntry.set(entryPlace(listed.path, listed.entry), book);
  };
  const titledBooks = [...books];
  for (const listed of untitled.filter((candidate) => candidate.entry.urls.length > 0)) {
    const { urls } = listed.entry;
    let book = bookWithUrl(urls) ?? (titledBooks.length === 1 ? titledBooks[0] : undefined);
    if (!book) {
      const key = `u:${hostOf(urls[0])}`;
      book = books.find((candidate) => candidate.key === key);
      if (!book) {
        books.push((book = newBook(key, author, '', true)));
        book.label = hostOf(urls[0]);
      }
    }
    place(listed, book);
  }
  // 3. Untitled entries without a URL (`* Kleppmann ch. 3`): the author's only book, else one
  //    book for all of them when there is none, else a book per note that lists them.
  for (const listed of untitled.filter((candidate) => candidate.entry.urls.length === 0)) {
    const bookCount = books.filter((candidate) => candidate.key !== 'n:').length;
    let book = bookCount === 1 ? books.find((candidate) => candidate.key !== 'n:') : undefined;
    if (!book) {
      const key = bookCount === 0 ? 'n:' : `n:${listed.path}`;
      book = books.find((candidate) => candidate.key === key);
      if (!book) {
        books.push((book = newBook(key, author, '', true)));
        book.label = `in ${baseName(listed.path)}`;
      }
    }
    place(listed, book);
  }

  // 4. Titled citations: the book whose title they name best (listed first), else a book of cited
  //    titles. Many citations write the same title: each title is weighed once. A title written
  //    after another item's locator, the author carried over (`📙 Chang skills [306] basics
  //    [105]`), is as often the writer's own words followed by a page (`📙 Kleppmann [112]
  //    typically old code ignores new fields [129]`): it names a book when one matches, but makes
  //    none, and is weighed after the titles written with the author.
  const bookOfTitle = new Map<string, Book>();
  const citedTitles = new Map<Book, Map<string, number>>();
  const withAuthorFirst = [...citations.filter((citing) => !citing.item.carriedOver), ...citations.filter((citing) => citing.item.carriedOver)];
  // An author listed only without a title (`* Narkhede ch. 11`) has one book: the first title
  // written with the author (`📙 Narkhede guide`) names it, rather than a second book.
  let untitledOnly = books.length === 1 && books[0].title === '' ? books[0] : undefined;
  for (const citing of withAuthorFirst) {
    const title = citing.item.title;
    if (!title || bookOfTitle.has(title)) continue;
    const match = matchWords(title);
    if (match.length === 0) continue;
    let best: { book: Book; score: number } | undefined;
    for (const candidate of sharingAWord(match)) {
      const score = titleMatch(match, matchWords(candidate.title));
      if (score > 0 && (!best || score > best.score)) best = { book: candidate, score };
    }
    let book = best?.book;
    if (!book && untitledOnly && !citing.item.carriedOver) {
      book = untitledOnly;
      untitledOnly = undefined;
      book.title = title;
      book.label = title;
      indexTitle(book);
    }
    if (!book) {
      if (citing.item.carriedOver) continue;
      books.push((book = newBook(`c:${titleWords(title).join(' ')}`, author, title, false)));
      indexTitle(book);
    }
    bookOfTitle.set(title, book);
  }
  // 5. Every citation, in note order: its title's book; without a title (or with a carried-over
  //    title no book answers to), the author's only book (the only listed one, when some are
  //    listed), else none.
  const listed = books.filter((book) => book.listed);
  const only = listed.length === 1 ? listed[0] : listed.length === 0 && books.length === 1 ? books[0] : undefined;
  const bookOfItem = new Map<string, Book>();
  const unattributed: CitingItem[] = [];
  for (const citing of citations) {
    const title = citing.item.title;
    const titled = title ? bookOfTitle.get(title) : undefined;
    const book = titled ?? only;
    if (!book) {
      unattributed.push(citing);
      continue;
    }
    book.citations.push(citing);
    bookOfItem.set(itemPlace(citing.path, citing.item), book);
    if (titled) {
      let counts = citedTitles.get(book);
      if (!counts) citedTitles.set(book, (counts = new Map()));
      counts.set(title!, (counts.get(title!) ?? 0) + 1);
    }
  }
  for (const [book, counts] of citedTitles) book.citedTitle = preferredCitedTitle(book, counts);
  books.sort((a, b) => b.citations.length - a.citations.length || Number(b.listed) - Number(a.listed) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { author, books, unattributed, bookOfItem, bookOfEntry };
}
