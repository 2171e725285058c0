/**
 * What the Markdown preview needs to draw one note in the dialect: where each 🗄 target leads
 * (or why it is dead), which book each 📙 citation means, where each 📚 entry is cited, and the
 * repaired text of a double-encoded note. The preview renders synchronously, so the client asks
 * for this ahead of time and keeps it.
 */

import type { Range } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { authorFacts, bookOfEntryIn, bookOfItemIn, placesOf } from './bookFacts';
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
  /** The lines that cite this book, once each, the nearest first (this note, its folder, …); at most `PREVIEW_PLACES`. */
  citations: NoteLocation[];
  /** How many more lines cite it. */
  moreCitations: number;
  /** The lines that cite the author without saying which of their books (when they have several), the same way. */
  unattributed: NoteLocation[];
  moreUnattributed: number;
}

/**
 * How many citations a 📚 entry is followed by in the preview. A prolific author's book may be
 * cited thousands of times across a large collection: the nearest are the ones worth a link, and
 * every place costs the answer a line (a long note at 10,000 notes made a megabyte).
 */
export const PREVIEW_PLACES = 12;

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
      // What is read of each author is kept small (`bookFacts.ts`): a preview names most of a long note's authors.
      const facts = authorFacts(index, item.author);
      const book = bookOfItemIn(facts, path, item);
      const entry = book?.entries.find((candidate) => candidate.path === path) ?? book?.entries[0];
      citations.push({
        line: citation.line,
        range: item.authorRange,
        author: item.author,
        titles: facts.books.filter((candidate) => candidate.listed).length,
        ...(entry ? { book: { path: entry.path, line: entry.line, author: entry.author ?? item.author, title: entry.title } } : {}),
      });
    }
  }
  const bookEntries: PreviewBookEntry[] = [];
  for (const list of note.bookLists) {
    for (const bookEntry of list.entries) {
      if (!bookEntry.author) continue;
      // The book this entry belongs to (merged with the other notes' entries of it) and its citations, one per line.
      const facts = authorFacts(index, bookEntry.author);
      const book = bookOfEntryIn(facts, path, bookEntry.line);
      const citations = book ? nearestFirst(path, placesOf(facts, book)) : [];
      const unattributed = nearestFirst(path, placesOf(facts, undefined));
      bookEntries.push({
        line: bookEntry.line,
        range: bookEntry.range,
        author: bookEntry.author,
        title: bookEntry.title,
        citations: citations.slice(0, PREVIEW_PLACES),
        moreCitations: Math.max(0, citations.length - PREVIEW_PLACES),
        unattributed: unattributed.slice(0, PREVIEW_PLACES),
        moreUnattributed: Math.max(0, unattributed.length - PREVIEW_PLACES),
      });
    }
  }
  return { references, citations, bookEntries };
}

/** Places sorted by how near they are to the note at `from`: the note itself, then by the folders they share with it, then by path and line. */
function nearestFirst(from: string, places: NoteLocation[]): NoteLocation[] {
  const folders = from.split('/').slice(0, -1);
  const shared = (path: string) => {
    if (path === from) return Infinity;
    const parts = path.split('/');
    let depth = 0;
    while (depth < folders.length && depth < parts.length - 1 && parts[depth] === folders[depth]) depth++;
    return depth;
  };
  return places
    .map((place) => ({ place, nearness: shared(place.path) }))
    .sort((a, b) => b.nearness - a.nearness || (a.place.path < b.place.path ? -1 : a.place.path > b.place.path ? 1 : a.place.line - b.place.line))
    .map(({ place }) => place);
}
