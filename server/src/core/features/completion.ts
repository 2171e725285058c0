/**
 * Completion for the dialect's markers: 📙 authors ranked as DIALECT §6.2 measures (the note's
 * own authors first, then every 📚 list, then every author ever cited); after an author, and in
 * a 📚 list's entries, books (`bookCompletion.ts`); after `🗄` and in the items of a bare 🗄
 * list, notes and sections (`linkCompletion.ts`).
 */

import type { Position, Range } from '../text/positions';
import { makeRange } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { CitationItem } from '../syntax/note';
import { MAX_DIALECT_LINE } from '../syntax/parseNote';
import { lineInFences } from '../syntax/scanner';
import { findCitationMarkers, ORANGE_BOOK, parseCitation } from '../syntax/citations';
import { misspeltAuthor } from './authors';
import { bookDetail, readsWritten } from './books';
import { authorMayMatch, bookOfItemIn, factsBesideLine, likeliestBooksFirst, type AuthorFacts, type BookFacts } from './bookFacts';
import { runSteps, type Steps } from '../steps';
import { CAP, EMPTY, escapeSnippet, finish, matchesTyped, type CompletionEntry, type CompletionResult } from './completionList';
import { completeBookEntry, completeTitles, titleBeingWritten } from './bookCompletion';
import { BLOCK_ITEM, completeNotes, completeSections, inLinkBlock } from './linkCompletion';
import { sectionAround } from './sectionAround';
import { authorKey } from '../text/names';

export type { CompletionEntry, CompletionResult } from './completionList';

/** A character of a name being typed after 📙 (one code point). */
const NAME_CHARACTER = /^[\p{L}/.'-]$/u;

/**
 * The 📙 item being written before the cursor: after the marker (`📙 Ch▮`) or after a page in
 * brackets further on (`📙 Chang [12] Lo▮`), the name typed so far and where that citation's 📙
 * is (the first on the line that can begin it). It is what matching
 * `/📙\uFE0F*[ \t]+(?:.*\][ \t]+)?([\p{L}/.'-]*)$/u` gives, read in one pass from the end: that
 * pattern tried every 📙 against the rest of the line, and a pasted line of 20,000 of them took
 * seconds (found by property g).
 */
export function authorBeingWritten(before: string): { typed: string; marker: number } | undefined {
  let start = before.length;
  while (start > 0) {
    const pair = start >= 2 && /[\uDC00-\uDFFF]/.test(before[start - 1]) && /[\uD800-\uDBFF]/.test(before[start - 2]);
    const width = pair ? 2 : 1;
    if (!NAME_CHARACTER.test(before.slice(start - width, start))) break;
    start -= width;
  }
  let spaces = start;
  while (spaces > 0 && (before[spaces - 1] === ' ' || before[spaces - 1] === '\t')) spaces--;
  if (spaces === start) return undefined;
  const typed = before.slice(start);
  // Right after the marker (and its variation selectors).
  let marker = spaces;
  while (marker > 0 && before[marker - 1] === '\uFE0F') marker--;
  if (before.endsWith(ORANGE_BOOK, marker)) return { typed, marker: marker - ORANGE_BOOK.length };
  // After a page in brackets: the first 📙 before it, with blanks after it, begins the citation.
  if (before[spaces - 1] !== ']') return undefined;
  for (let at = before.indexOf(ORANGE_BOOK); at >= 0 && at < spaces - 1; at = before.indexOf(ORANGE_BOOK, at + 1)) {
    let after = at + ORANGE_BOOK.length;
    while (before[after] === '\uFE0F') after++;
    const blanks = after;
    while (after < spaces - 1 && (before[after] === ' ' || before[after] === '\t')) after++;
    if (after > blanks) return { typed, marker: at };
  }
  return undefined;
}

/** Completion at `position`, given the text of its line. */
export function computeCompletion(index: WorkspaceIndex, path: string, lineText: string, position: Position): CompletionResult {
  return runSteps(completionSteps(index, path, lineText, position));
}

/**
 * `computeCompletion` in steps: after 📙 it pauses after each author whose books it read, so that
 * a server can answer other messages between steps (the first time, an author's books are read
 * from their citations across the collection: 1.2 s for a list at 10,000 notes).
 */
export function* completionSteps(index: WorkspaceIndex, path: string, lineText: string, position: Position): Steps<CompletionResult> {
  const result = yield* completionsAt(index, path, lineText, position);
  // An item that would make the line too long to be read for the dialect would write nothing the dialect reads.
  const fits = (item: CompletionEntry) => lineText.length - (item.range.end.character - item.range.start.character) + item.insertText.length <= MAX_DIALECT_LINE;
  const items = result.items.every(fits) ? result.items : result.items.filter(fits);
  // The items end at the cursor: the word's end is found once for note names and once for other words, not once per item.
  const ends = new Map<string, number>();
  const endFor = (item: CompletionEntry) => {
    const key = `${item.kind === 'note'}:${item.range.end.character}`;
    let end = ends.get(key);
    if (end === undefined) ends.set(key, (end = wordEnd(lineText, item)));
    return end;
  };
  return { ...result, items: items.map((item) => ({ ...item, replaceRange: makeRange(item.range.start.line, item.range.start.character, endFor(item)) })) };
}

/** What a note name may hold (up to a backtick or a blank), and what other words hold. */
const NOTE_NAME_CHARACTER = /[^`\s]/u;
const WORD_CHARACTER = /[\p{L}\p{N}/.'’_-]/u;

/** Where the word the item is completed in ends: the cursor (`item.range`'s end) and the word's characters after it. */
function wordEnd(lineText: string, item: CompletionEntry): number {
  const inWord = item.kind === 'note' ? NOTE_NAME_CHARACTER : WORD_CHARACTER;
  let end = item.range.end.character;
  while (end < lineText.length) {
    const width = lineText.codePointAt(end)! > 0xffff ? 2 : 1;
    if (!inWord.test(lineText.slice(end, end + width))) break;
    end += width;
  }
  return end;
}

function* completionsAt(index: WorkspaceIndex, path: string, lineText: string, position: Position): Steps<CompletionResult> {
  const before = lineText.slice(0, position.character);
  const citing = holdsCitations(index, path, position.line, lineText);
  const found = citing ? authorBeingWritten(before) : undefined;
  // A 📙 inside inline code (`` `…📙` ``) is no marker; after a 🗄, a `;` or a `+` its items have ended.
  const citation = found && readsAsItem(lineText, found.marker, position.character - found.typed.length, position.character) ? found : undefined;
  if (citation) return yield* completeAuthors(index, path, citation.typed, position, lineText, before.slice(0, citation.marker));
  const title = citing ? titleBeingWritten(before) : undefined;
  if (title) return completeTitles(index, path, title, position, lineText);
  // A 🗄 in a heading, or on a line too long to be read for the dialect, links nothing.
  if (!holdsLinks(index, path, position.line, lineText)) return (yield* completeBookEntry(index, path, before, position)) ?? EMPTY;
  const sectionAfterPath = /\u{1F5C4}[\uFE0F \t]*(?:`[^`]*`[^`]*)*`([^`]+)`[ \t]+([^`]*)$/u.exec(before);
  if (sectionAfterPath) return completeSections(index, path, sectionAfterPath[1], sectionAfterPath[2], position);
  const insidePath = /\u{1F5C4}[\uFE0F \t]*(?:`[^`]*`[^`]*)*`([^`]*)$/u.exec(before);
  if (insidePath) return yield* completeNotes(index, path, insidePath[1], position, false);
  const afterMarker = /\u{1F5C4}[\uFE0F \t]+([^`\s]*)$/u.exec(before);
  if (afterMarker) return yield* completeNotes(index, path, afterMarker[1], position, true);
  // An item of a bare 🗄 list (`🗄` ⏎ `` * `metals.md` patina ``): the same, once its backtick is typed.
  const item = BLOCK_ITEM.exec(before);
  if (item && inLinkBlock(index, path, position.line)) {
    const backticks = item[1].split('`').length - 1;
    const section = backticks % 2 === 0 ? /`([^`]+)`[ \t]+([^`]*)$/.exec(item[1]) : undefined;
    if (section) return completeSections(index, path, section[1], section[2], position);
    const inside = backticks % 2 === 1 ? /`([^`]*)$/.exec(item[1]) : undefined;
    if (inside) return yield* completeNotes(index, path, inside[1], position, false, true);
  }
  // An entry of a 📚 list being written: authors, then their titles (`bookCompletion.ts`).
  return (yield* completeBookEntry(index, path, before, position)) ?? EMPTY;
}

/** The name the probe in `readsAsItem` writes: a capitalised word with a page after it, which starts an item wherever one can start. */
const PROBE_ITEM = 'Xx [1]';

/**
 * Whether an author written over `lineText[from, to)`, with a page after it, would be read as an
 * item of the citation the 📙 at `marker` opens: the line is read with such an item in place
 * (DIALECT §6.1). Not after what ends the citation or its items (`📙 🗄 x.md [3] Mc▮`,
 * `📙 Chang [12] + honing [3] Mc▮`), where what completion wrote would cite nothing.
 */
function readsAsItem(lineText: string, marker: number, from: number, to: number): boolean {
  const probe = lineText.slice(0, from) + PROBE_ITEM + lineText.slice(to);
  const found = findCitationMarkers(probe).find(([start]) => start === marker);
  if (!found) return false;
  const citation = parseCitation(probe, 0, marker, found[1], NO_AUTHORS, false);
  return citation.items.some((item) => !item.carriedOver && item.authorRange?.start.character === from);
}

const NO_AUTHORS: ReadonlySet<string> = new Set();

/**
 * Whether a 📙 on `line` would be read as a citation: where a 🗄 would be read as a link, and not
 * in a code fence either (DIALECT §1.3: the collection's code comments hold 28 📙). Elsewhere 📙
 * completion offers nothing, as what it wrote would cite nothing.
 */
function holdsCitations(index: WorkspaceIndex, path: string, line: number, lineText: string): boolean {
  return holdsLinks(index, path, line, lineText) && !lineInFences(index.getNote(path)?.note.fences ?? [], line);
}

/** Whether a 🗄 on `line` is read as a link: not in a heading (DIALECT §5.1), nor on a line too long to be read. In a code fence it is. */
function holdsLinks(index: WorkspaceIndex, path: string, line: number, lineText: string): boolean {
  if (lineText.length >= MAX_DIALECT_LINE) return false;
  return !(index.getNote(path)?.note.anchors ?? []).some((anchor) => anchor.kind === 'heading' && anchor.line === line);
}

/** What completion knows of one author for ranking (casefolded `key`). */
interface AuthorEvidence {
  key: string;
  /** Cited in the section around the cursor (on another line). */
  citedInSection: boolean;
  /** Cited in the part of that section under the same ALL-CAPS or `__bold__` label as the cursor (DIALECT §2.3). */
  citedUnderLabel: boolean;
  /** That label's name, for the item's detail (none in a section's text before its first label). */
  label?: string;
  /**
   * The topic words (`topicWords`) that the line being written, before its 📙, shares with the
   * line of one of their citations here: the most such words of any of those lines.
   */
  shared: string[];
  /** Citations of them in this note, but for the line being written. */
  citedHere: number;
  /** Listed in a 📚 list of this note. */
  listedHere: boolean;
  /** Citation lines from the cursor to their nearest citation in this note (1: the next one up or down); Infinity when none. */
  hops: number;
  /** Lines from the cursor to that citation, to break ties. */
  lines: number;
  /** Their nearest citation in this note: its form (with a title or without) is the writer's habit here. */
  nearest?: CitationItem;
  /** Some 📚 list of the workspace names them. */
  listed: boolean;
  /** Citations in the workspace, but for the line being written. */
  count: number;
  /** Citations and 📚 entries in the other notes of the same top folder (`kitchen/…`). */
  nearby: number;
}

/** The weights of the ranking below, measured with bench/citations.js (see bench/README.md). */
const NEAREST_WEIGHT = 4;
/** The nearness of a citation halves about every 1.4 citation lines (e^(-hops/2)). */
const HOP_SCALE = 2;
const NOTE_WEIGHT = 1;
const WORKSPACE_WEIGHT = 0.25;
const LISTED_HERE_WEIGHT = 0.5;
const FOLDER_WEIGHT = 0.3;
/** Book items per author: the likeliest few; the bare name covers the rest. */
const MAX_BOOKS_PER_AUTHOR = 6;
/**
 * A line that cites an author and shares this many topic words with the line being written puts
 * that author first within its tier (label, section, the rest). One word is often chance: on the
 * generated workspaces, whose text is drawn from short word lists, one shared word cost 2.8 points
 * of "author first"; two cost nothing there and helped on the older real notes (see bench/README).
 */
const MIN_SHARED_WORDS = 2;

/**
 * 📙 completion (issue 11, Build 3): one item per author and one per book they are known by,
 * ranked as a writer cites. Authors cited in the section around the cursor come first, nearest
 * first, and among them those cited under the same ALL-CAPS label as the cursor before the rest
 * (six in ten citations of the older real notes sit under such a label); within each of those
 * tiers, and among the rest, an author cited here on a line that shares two or more topic words
 * with the line being written comes first (`* a block keeps the edge 📙 Chang [2]`, then
 * `* block edge 📙 ▮` offers Chang first). Then every other author
 * by one score: how near their nearest citation in this note is
 * (counted in citations, so it means the same in a short note and a long one), how often this
 * note cites them, how often the workspace does, whether this note's 📚 lists name them, and how
 * often the other notes of the same folder cite or list them. A misspelt name is not offered;
 * where it stands counts for the right spelling. Within an author, the form their nearest
 * citation here used comes first (`Chang knife skills` or the bare `Chang`), so accepting the
 * top item keeps the book.
 */
function* completeAuthors(index: WorkspaceIndex, path: string, typed: string, position: Position, lineText: string, context: string): Steps<CompletionResult> {
  const range = makeRange(position.line, position.character - typed.length, position.character);
  const entries: CompletionEntry[] = [];
  const booksOf = factsBesideLine(index, path, position.line);
  for (const author of rankAuthors(index, path, position, context)) {
    // One more than the cap is enough to know the list is incomplete.
    if (entries.length > CAP) break;
    // An author none of whose items could match what is typed is passed over before their items
    // are made: making them reads the line as written with each (most of a request's time).
    const catalog = booksOf(author.key);
    if (typed && !authorMayMatch(typed, catalog, author.key)) {
      yield;
      continue;
    }
    const place = author.label !== undefined ? `under ${author.label}` : author.citedInSection ? 'in this section' : author.citedHere ? 'in this note' : author.listedHere ? "in this note's 📚" : author.listed ? 'in a 📚 list' : 'cited elsewhere';
    // Why an author ranks above a nearer one comes first, where the list does not cut it short.
    const where = onTopic(author) > 0 ? { lead: `beside “${author.shared.join(' ')}”`, place } : { place };
    for (const entry of authorItems(index, path, author, catalog, where, range, lineText)) {
      if (!typed || matchesTyped(typed, entry.filterText)) entries.push(entry);
    }
    yield;
  }
  return finish(entries);
}

/** Every author worth offering at `position`, ranked (see `completeAuthors`). */
function rankAuthors(index: WorkspaceIndex, path: string, position: Position, context: string): AuthorEvidence[] {
  const entry = index.getNote(path);
  const note = entry?.note;
  // The words of the line being written, to find the lines that cite a source on the same topic.
  const topic = topicWords(context);
  const noteLines = topic.size >= MIN_SHARED_WORDS ? entry?.readLines() : undefined;
  const topicOfLine = new Map<number, string[]>();
  const sharedOnLine = (line: number): string[] => {
    let shared = topicOfLine.get(line);
    if (shared === undefined) {
      const text = noteLines?.[line] ?? '';
      const marker = text.indexOf(ORANGE_BOOK);
      shared = [...topicWords(marker >= 0 ? text.slice(0, marker) : text)].filter((word) => topic.has(word));
      topicOfLine.set(line, shared);
    }
    return shared;
  };
  const section = note ? sectionAround(note.anchors, position.line, false) : undefined;
  const inSection = (line: number) => section !== undefined && line >= section.start && line <= section.end;
  const labelled = note ? sectionAround(note.anchors, position.line, true) : undefined;
  const underLabel = (line: number) => labelled !== undefined && line >= labelled.start && line <= labelled.end;
  const evidence = new Map<string, AuthorEvidence>();
  const evidenceOf = (key: string): AuthorEvidence => {
    let found = evidence.get(key);
    if (!found) {
      found = { key, shared: [], citedInSection: false, citedUnderLabel: false, citedHere: 0, listedHere: false, hops: Infinity, lines: Infinity, listed: index.isListed(key), count: 0, nearby: 0 };
      evidence.set(key, found);
    }
    return found;
  };

  // This note: how near and how often each author is cited, counting citation lines from the cursor.
  const citations = (note?.citations ?? []).filter((citation) => citation.line !== position.line);
  const citationLines = [...new Set(citations.map((citation) => citation.line))];
  const above = citationLines.filter((line) => line < position.line).length;
  for (const citation of citations) {
    const at = citationLines.indexOf(citation.line);
    const hops = at < above ? above - at : at - above + 1;
    const lines = Math.abs(citation.line - position.line);
    for (const item of citation.items) {
      if (!item.author) continue;
      const found = evidenceOf(authorKey(item.author));
      found.citedHere++;
      if (inSection(citation.line)) found.citedInSection = true;
      if (underLabel(citation.line)) {
        found.citedUnderLabel = true;
        found.label = labelled!.label;
      }
      if (noteLines) {
        const shared = sharedOnLine(citation.line);
        if (shared.length > found.shared.length) found.shared = shared;
      }
      if (hops < found.hops || (hops === found.hops && lines < found.lines)) {
        found.hops = hops;
        found.lines = lines;
        found.nearest = item;
      }
    }
  }
  for (const list of note?.bookLists ?? []) for (const entry of list.entries) if (entry.author) evidenceOf(authorKey(entry.author)).listedHere = true;
  // The notes of the same top folder: authors cluster by topic.
  const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : undefined;
  for (const other of folder ? index.notesUnder(folder) : []) {
    if (other === path) continue;
    const otherNote = index.getNote(other)!.note;
    for (const citation of otherNote.citations) for (const item of citation.items) if (item.author) evidenceOf(authorKey(item.author)).nearby++;
    for (const list of otherNote.bookLists) for (const entry of list.entries) if (entry.author) evidenceOf(authorKey(entry.author)).nearby++;
  }
  for (const key of index.listedAuthors()) evidenceOf(key);
  for (const key of index.citedAuthors()) evidenceOf(key);

  // A misspelt name (`Toucktam` beside a hundred `Touckam`) is not offered; its evidence counts for the right one.
  for (const author of [...evidence.values()]) {
    const right = misspeltAuthor(index, author.key, path, position.line);
    if (!right) continue;
    evidence.delete(author.key);
    const target = evidenceOf(authorKey(right.name));
    target.citedInSection ||= author.citedInSection;
    target.citedUnderLabel ||= author.citedUnderLabel;
    target.label ??= author.label;
    if (author.shared.length > target.shared.length) target.shared = author.shared;
    target.citedHere += author.citedHere;
    target.listedHere ||= author.listedHere;
    if (author.hops < target.hops) Object.assign(target, { hops: author.hops, lines: author.lines, nearest: author.nearest });
  }

  // Citations on the line being typed do not count: the word there is what we are completing.
  const onThisLine = new Map<string, number>();
  for (const citation of note?.citations ?? []) {
    if (citation.line !== position.line) continue;
    for (const item of citation.items) if (item.author) onThisLine.set(authorKey(item.author), (onThisLine.get(authorKey(item.author)) ?? 0) + 1);
  }
  const ranked: Array<{ author: AuthorEvidence; score: number }> = [];
  for (const author of evidence.values()) {
    author.count = index.citationCount(author.key) - (onThisLine.get(author.key) ?? 0);
    if (!author.citedHere && !author.listedHere && !author.listed && author.count === 0) continue;
    const score =
      (author.hops < Infinity ? NEAREST_WEIGHT * Math.exp(-author.hops / HOP_SCALE) : 0) +
      NOTE_WEIGHT * Math.log1p(author.citedHere) +
      WORKSPACE_WEIGHT * Math.log1p(author.count) +
      (author.listedHere ? LISTED_HERE_WEIGHT : 0) +
      FOLDER_WEIGHT * Math.log1p(author.nearby);
    ranked.push({ author, score });
  }
  ranked.sort(
    (a, b) =>
      Number(b.author.citedUnderLabel) - Number(a.author.citedUnderLabel) ||
      Number(b.author.citedInSection) - Number(a.author.citedInSection) ||
      onTopic(b.author) - onTopic(a.author) ||
      (a.author.citedInSection ? a.author.hops - b.author.hops || a.author.lines - b.author.lines : b.score - a.score) ||
      b.author.count - a.author.count ||
      (a.author.key < b.author.key ? -1 : a.author.key > b.author.key ? 1 : 0),
  );

  return ranked.map(({ author }) => author);
}

/**
 * The author's items: the bare name and one per book with a title, in the order a writer likely
 * wants them. The books: the one this note cites most, then the one their nearest citation here
 * names, then those this note lists, then the most cited (a writer keeps to one book of an author
 * in a note, and a single citation near the cursor says less than the note's habit). With several
 * books the likely one comes first, so accepting the top item keeps the book; with one, the bare
 * name comes first unless their nearest citation here wrote a title (a citation without a title
 * means the author's only book anyway).
 */
function authorItems(index: WorkspaceIndex, path: string, author: AuthorEvidence, catalog: AuthorFacts, where: { lead?: string; place: string }, range: Range, lineText: string): CompletionEntry[] {
  const name = catalog.author || author.key;
  const cited = author.count > 0 ? `cited ${author.count}×` : 'not cited yet';
  // Books with a title to write: listed ones, and titles only citations use once cited twice.
  const titled = catalog.books.filter((book) => (book.citedTitle || book.title) && (book.listed || book.citations.length > 1));
  const bare: CompletionEntry = {
    label: name, kind: 'author', author: name, detail: [where.lead, titled.length > 1 ? `${titled.length} books` : bookName(titled[0]), cited, where.place].filter(Boolean).join(' · '),
    insertText: `${escapeSnippet(name)} [\${1:page}]`, snippet: true, sortText: '', filterText: name, range,
  };
  const nearestBook = author.nearest ? bookOfItemIn(catalog, path, author.nearest) : undefined;
  // How this note cites and lists each book, as the likeliest order says; an author it never names has none here.
  const inThisNote = author.citedHere > 0 || author.listedHere;
  const books = likeliestBooksFirst(catalog, titled, inThisNote ? path : undefined, nearestBook);
  // A title that would not read as one where it goes (a title word that starts an item of its own) is not offered.
  // Read for the likeliest few only: a prolific author has dozens of titles, and each is a line read.
  const readable: BookFacts[] = [];
  for (const book of books) {
    if (readable.length >= MAX_BOOKS_PER_AUTHOR) break;
    if (readsWritten(index, lineText, range, `${name} ${book.citedTitle ?? book.title}`, name, book.citedTitle ?? book.title)) readable.push(book);
  }
  const bookItems = readable.map((book): CompletionEntry => {
    const title = book.citedTitle ?? book.title;
    return {
      label: `${name} ${title}`, kind: 'author', author: name, bookTitle: title,
      detail: bookDetail(book, title),
      insertText: `${escapeSnippet(`${name} ${title}`)} [\${1:page}]`, snippet: true, sortText: '', filterText: `${name} ${title}`, range,
    };
  });
  // A name that would not read as an author once written (`Ch`, listed as `* Ch skills`, reads as a chapter) is not offered alone.
  if (!readsWritten(index, lineText, range, name, name, undefined)) return bookItems;
  // The form of their nearest citation here; in a note that does not cite them, the form most of
  // their citations take (`📙 Jeffrey distributed` every time), or the book when there are several.
  const titleFirst = bookItems.length > 0 && (author.nearest ? Boolean(author.nearest.title) : titled.length > 1 || 2 * catalog.titled > catalog.lines.length);
  return titleFirst ? [bookItems[0], bare, ...bookItems.slice(1)] : [bare, ...bookItems];
}

function bookName(book: BookFacts | undefined): string {
  return book ? book.citedTitle ?? book.title : '';
}

/** How many topic words an author's line shares with the line being written, when they are enough to count. */
function onTopic(author: AuthorEvidence): number {
  return author.shared.length >= MIN_SHARED_WORDS ? author.shared.length : 0;
}

/** Common English words of three letters or more, which say nothing of a line's topic. */
const COMMON_WORDS = new Set(
  'the and for with that this from into over than then they them their there what when where which while your about after before being both each more most other some such only also just like very will would could should have has had was were are not but you can use used using via'.split(' '),
);

/**
 * The words of a line (or of its start before a 📙) that may say what it is about: words of three
 * letters or more, casefolded, without URLs and common words. `_cohesion_: put like with like`
 * gives `cohesion`, `put`, `like`.
 */
function topicWords(text: string): Set<string> {
  // Folded as authors' names are (`authorKey`: composed, lower case, `’` read as `'`): `téa` pasted
  // decomposed and `chef’s` pasted with a curly apostrophe are each one word, the one typed.
  const words = authorKey(text.replace(/\bhttps?:\/\/\S+/g, ' ')).match(/\p{L}[\p{L}\p{N}'-]{2,}/gu) ?? [];
  return new Set(words.filter((word) => !COMMON_WORDS.has(word)));
}
