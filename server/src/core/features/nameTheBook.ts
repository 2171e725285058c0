/**
 * Naming the book of a citation that names none (`📙 Halvorsen [35]` when Halvorsen has two
 * books): one action per book, which writes its title after the author (`📙 Halvorsen iron and
 * fire [35]`). Such citations are not wrong, so no diagnostic asks for it: the actions are there
 * for the writer who wants the Books view's "which book?" group emptied.
 */

import type { Range } from '../text/positions';
import { makeRange } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { readsAsTitle } from './books';
import { authorFacts, bookOfItemIn, likeliestBooksFirst } from './bookFacts';
import { overlaps } from './locate';
import type { NoteEdit } from './quickFixes';

/** At most this many books are offered, the likeliest first. */
const MAX_BOOKS = 4;

export interface BookNaming {
  title: string;
  /** The book named (its `Book.key`). */
  bookKey: string;
  edits: NoteEdit[];
}

/** For each untitled 📙 item of `path` whose author is under `range` and has several books: an action per book. */
export function bookNamings(index: WorkspaceIndex, path: string, range: Range): BookNaming[] {
  const note = index.getNote(path)?.note;
  if (!note) return [];
  const namings: BookNaming[] = [];
  /** The note's lines, read once when a citation first needs them. */
  let lines: string[] | undefined;
  for (const citation of note.citations) {
    if (citation.line < range.start.line || citation.line > range.end.line) continue;
    for (const item of citation.items) {
      const at = item.authorRange;
      if (!item.author || !at || item.carriedOver || item.title || !overlaps(at, range)) continue;
      // The cursor passes over many citations: what is read of their authors is kept small (`bookFacts.ts`).
      const facts = authorFacts(index, item.author);
      if (bookOfItemIn(facts, path, item)) continue;
      const books = facts.books.filter((book) => book.citedTitle || book.title);
      if (books.length < 2) continue;
      lines ??= index.getNote(path)?.readLines();
      const line = lines?.[at.start.line];
      if (line === undefined) continue;
      for (const book of likeliestBooksFirst(facts, books, path).slice(0, MAX_BOOKS)) {
        // What the writer cites it by (`iron`), as 📙 completion writes it; its full title beside when longer.
        const title = book.citedTitle ?? book.title;
        const edit: NoteEdit = { path, range: makeRange(at.end.line, at.end.character, at.end.character), newText: ` ${title}` };
        if (!readsAsTitle(index, `${line.slice(0, at.end.character)} ${title}${line.slice(at.end.character)}`, at.start.character, item.author, title)) continue;
        const full = book.title && book.title !== title ? ` (${book.title})` : '';
        namings.push({ title: `Name the book: ${item.author} ${title}${full}`, bookKey: book.key, edits: [edit] });
      }
    }
  }
  return namings;
}
