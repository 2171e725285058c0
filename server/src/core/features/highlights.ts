/**
 * Occurrences in one note (`textDocument/documentHighlight`): with the cursor on a 🗄 reference, a
 * heading or other anchor, a 📙 citation or a 📚 entry, every place in the same note that names
 * the same thing. The anchor or 📚 entry itself is the definition; the references and citations
 * that lead to it are its uses. Elsewhere (prose, a blank line) there is nothing to show.
 */

import type { Position, Range } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { BookEntry, Note } from '../syntax/note';
import { elementAt } from './locate';
import { bookOfSubject, subjectAt, subjectMatcher } from './references';
import { resolveReferencesOf } from './keptResolutions';
import { bookOfEntry } from './books';
import type { ResolverOptions } from './resolve';
import { authorKey } from '../text/names';

export interface NoteHighlight {
  range: Range;
  /** `definition`: the anchor or 📚 entry named; `use`: a reference or citation naming it. */
  kind: 'definition' | 'use';
}

export function documentHighlights(index: WorkspaceIndex, path: string, position: Position, options: ResolverOptions): NoteHighlight[] {
  const note = index.getNote(path)?.note;
  if (!note || !namesSomething(note, position)) return [];
  const subject = subjectAt(index, path, position, options);
  if (!subject) return [];
  const found: NoteHighlight[] = [];
  // The note being typed in is the one asked about, and its resolutions are kept between keystrokes.
  const book = bookOfSubject(index, subject);
  const leadsThere = subjectMatcher(subject, book);
  const resolutions = resolveReferencesOf(index, path, note.references, options);
  note.references.forEach((reference, at) => {
    if (!reference.empty && leadsThere(resolutions[at])) found.push({ range: reference.range, kind: 'use' });
  });
  if (subject.kind === 'author' || subject.kind === 'book') {
    // A book's own citations in this note, by line and column: the others of its author are not it.
    const ofBook = new Set((book?.citations ?? []).filter((citation) => citation.path === path).map((citation) => `${citation.line}:${citation.item.range.start.character}`));
    for (const citation of note.citations) {
      for (const item of citation.items) {
        if (item.author && sameAuthor(item.author, subject.author) && (subject.kind === 'author' || ofBook.has(`${citation.line}:${item.range.start.character}`))) {
          found.push({ range: item.authorRange ?? item.range, kind: 'use' });
        }
      }
    }
    for (const entry of note.bookLists.flatMap((list) => list.entries)) {
      if (entry.author && sameAuthor(entry.author, subject.author) && (subject.kind === 'author' || bookOfEntry(index, path, entry)?.key === subject.key)) {
        found.push({ range: entryRange(entry), kind: 'definition' });
      }
    }
  }
  if (subject.kind === 'anchor' && subject.path === path) {
    const anchor = note.anchors.find((candidate) => candidate.line === subject.line && candidate.text);
    if (anchor) found.push({ range: anchor.range, kind: 'definition' });
  }
  return distinct(found);
}

/** On a reference, a citation, a 📚 entry or an anchor's line: something other places can name. */
function namesSomething(note: Note, position: Position): boolean {
  const element = elementAt(note, position);
  if (element) return element.kind !== 'mention';
  if (note.bookLists.some((list) => list.entries.some((entry) => entry.line === position.line))) return true;
  return note.anchors.some((anchor) => anchor.line === position.line && anchor.text && anchor.kind !== 'item' && anchor.kind !== 'book');
}

/** One author however written (`O’Neil` pasted, `O'Neil` typed): compared as every author lookup compares them. */
function sameAuthor(a: string, b: string): boolean {
  return authorKey(a) === authorKey(b);
}

function entryRange(entry: BookEntry): Range {
  return entry.authorRange ?? entry.range;
}

function distinct(highlights: NoteHighlight[]): NoteHighlight[] {
  const seen = new Map<string, NoteHighlight>();
  for (const highlight of highlights) {
    const { start, end } = highlight.range;
    const key = `${start.line}:${start.character}-${end.line}:${end.character}`;
    // A place both named and naming (a 📚 entry's author) counts as the definition.
    if (!seen.has(key) || highlight.kind === 'definition') seen.set(key, highlight);
  }
  return [...seen.values()].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
