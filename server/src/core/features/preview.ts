/**
 * What the Markdown preview needs to draw one note in the dialect: where each 🗄 target leads
 * (or why it is dead), which book each 📙 citation means, where each 📚 entry is cited, and the
 * repaired text of a double-encoded note. The preview renders synchronously, so the client asks
 * for this ahead of time and keeps it.
 */

import type { Range } from '../text/positions';
import type { CitationItem } from '../syntax/note';
import type { IndexedBookEntry, WorkspaceIndex } from '../index/workspaceIndex';
import { normalForm } from '../index/normalize';
import { resolveNoteReferences } from './check';
import type { NoteLocation, ReferenceStatus, ResolverOptions } from './resolve';

/** One 🗄 target, for `` 🗄 `metals.md` patina ``: the range from the backtick to the end of `patina`. */
export interface PreviewReference {
  line: number;
  range: Range;
  /** The file part's range (inside the backticks), when there is one. */
  fileRange?: Range;
  status: ReferenceStatus;
  /** The rule that resolved it, or why it is dead or outside (`moved-section`, `foreign-note`, …). */
  kind: string;
  message: string;
  /** Where a resolved target leads: the note and the anchor's line. */
  target?: NoteLocation & { anchorText?: string };
  /** For a dead link with a known fix: how the reference reads fixed, and where that leads. */
  fix?: { label: string; target: NoteLocation };
}

/** A 📙 item with an author: `McGee` in `📙 McGee [12]`, and the 📚 entry it means, when one does. */
export interface PreviewCitation {
  line: number;
  /** The author's range. */
  range: Range;
  author: string;
  book?: { path: string; line: number; author: string; title: string };
  /** How many distinct 📚 titles the author has (0: listed nowhere; above 1 with no `book`: the citation does not say which). */
  titles: number;
}

/** A 📚 entry and the 📙 citations that mean it. */
export interface PreviewBookEntry {
  line: number;
  range: Range;
  author: string;
  title: string;
  /** The lines that cite this book, once each. */
  citations: NoteLocation[];
  /** The lines that cite the author without saying which of their books (when they have several). */
  unattributed: NoteLocation[];
}

export interface PreviewData {
  references: PreviewReference[];
  citations: PreviewCitation[];
  bookEntries: PreviewBookEntry[];
  /** Set for a double-encoded note: its text as it should read. */
  repairedText?: string;
}

export function computePreviewData(index: WorkspaceIndex, path: string, options: ResolverOptions): PreviewData | undefined {
  const entry = index.getNote(path);
  if (!entry) return undefined;
  const { note } = entry;
  if (note.doubleEncoding) return { references: [], citations: [], bookEntries: [], repairedText: note.doubleEncoding.repairedText };
  const references: PreviewReference[] = [];
  // A code fence is drawn as code: its references are not links there.
  for (const { reference, resolution } of resolveNoteReferences(index, path, options)) {
    if (reference.inFence || reference.empty) continue;
    references.push({
      line: reference.line,
      range: reference.range,
      ...(reference.file ? { fileRange: reference.file.range } : {}),
      status: resolution.status,
      kind: resolution.kind,
      message: resolution.message,
      ...(resolution.target ? { target: resolution.target } : {}),
      ...(resolution.fix ? { fix: { label: resolution.fix.label, target: resolution.fix.target } } : {}),
    });
  }
  const citations: PreviewCitation[] = [];
  for (const citation of note.citations) {
    for (const item of citation.items) {
      if (!item.author || !item.authorRange) continue;
      const book = bookOfCitation(index, item);
      citations.push({
        line: citation.line,
        range: item.authorRange,
        author: item.author,
        titles: index.bookTitlesByAuthor(item.author).length,
        ...(book ? { book: { path: book.path, line: book.entry.line, author: book.entry.author ?? item.author, title: book.entry.title } } : {}),
      });
    }
  }
  const bookEntries: PreviewBookEntry[] = [];
  for (const list of note.bookLists) {
    for (const bookEntry of list.entries) {
      if (!bookEntry.author) continue;
      const title = normalForm(bookEntry.title);
      const citations = new Map<string, NoteLocation>();
      const unattributed = new Map<string, NoteLocation>();
      for (const cited of index.citationsOfAuthor(bookEntry.author)) {
        const book = bookOfCitation(index, cited.item);
        const place = { path: cited.path, line: cited.line };
        if (!book) unattributed.set(`${cited.path}:${cited.line}`, place);
        else if (normalForm(book.entry.title) === title) citations.set(`${cited.path}:${cited.line}`, place);
      }
      bookEntries.push({ line: bookEntry.line, range: bookEntry.range, author: bookEntry.author, title: bookEntry.title, citations: [...citations.values()], unattributed: [...unattributed.values()] });
    }
  }
  return { references, citations, bookEntries };
}

/**
 * Which 📚 entry a 📙 item means: the author's only title, or the one title that shares the most
 * words with the item's title words; undefined when the author is listed nowhere or the item does
 * not tell their books apart. Deliberately one small function over today's citation parse
 * (author + title words), so a finer attribution can take its place without touching the preview.
 */
export function bookOfCitation(index: WorkspaceIndex, item: CitationItem): IndexedBookEntry | undefined {
  if (!item.author) return undefined;
  const titles = index.bookTitlesByAuthor(item.author);
  if (titles.length <= 1) return titles[0];
  const words = new Set(normalForm(item.title ?? '').split(' ').filter(Boolean));
  if (words.size === 0) return undefined;
  let best: (typeof titles)[number] | undefined;
  let bestScore = 0;
  let tie = false;
  for (const title of titles) {
    const score = title.words.filter((word) => words.has(word)).length;
    if (score > bestScore) {
      best = title;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) {
      tie = true;
    }
  }
  return best && !tie ? best : undefined;
}
