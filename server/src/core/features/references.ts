/**
 * Backlinks: every 🗄 reference and 📙 citation that points at a note, a heading, an ALL-CAPS
 * sub-heading, a term or a 📚 book.
 */

import type { Position, Range } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { elementAt } from './locate';
import { resolveReference, rootOf, type Resolution, type ResolverOptions } from './resolve';
import { bookOfEntry } from './books';
import type { Book } from '../index/bookCatalog';
import { authorKey } from '../text/names';

/**
 * What references are asked for. A note or an anchor of a sibling collection carries its name
 * there (`root`, as `NoteLocation.root`): the links of this collection that lead into it.
 */
export type ReferenceSubject =
  | { kind: 'note'; path: string; root?: string }
  | { kind: 'anchor'; path: string; line: number; name: string; root?: string }
  | { kind: 'author'; author: string }
  /** A 📚 entry's book (issue 11): its own citations, not all of its author's. */
  | { kind: 'book'; author: string; key: string };

export interface Backlink {
  path: string;
  range: Range;
}

/** What is under the cursor, as something that can be referenced. */
export function subjectAt(index: WorkspaceIndex, path: string, position: Position, options: ResolverOptions): ReferenceSubject | undefined {
  const entry = index.getNote(path);
  if (!entry) return undefined;
  const element = elementAt(entry.note, position);
  if (element?.kind === 'reference') {
    const resolution = resolveReference(index, path, element.reference, options);
    if (resolution.status !== 'resolved' || !resolution.target) return undefined;
    const target = resolution.target;
    if (element.part === 'file' || target.line === 0) return { kind: 'note', path: target.path, ...rootOf(target) };
    if (resolution.kind === 'book-entry') {
      const book = index.getNote(target.path)?.note.bookLists.flatMap((list) => list.entries).find((candidate) => candidate.line === target.line);
      return book?.author ? { kind: 'author', author: book.author } : undefined;
    }
    return { kind: 'anchor', path: target.path, line: target.line, name: target.anchorText ?? '', ...rootOf(target) };
  }
  if (element?.kind === 'citation' && element.item.author) return { kind: 'author', author: element.item.author };
  const book = entry.note.bookLists.flatMap((list) => list.entries).find((candidate) => candidate.line === position.line);
  const merged = book && bookOfEntry(index, path, book);
  if (book?.author && merged) return { kind: 'book', author: book.author, key: merged.key };
  if (book?.author) return { kind: 'author', author: book.author };
  const anchor = entry.note.anchors.find((candidate) => candidate.line === position.line && candidate.text && candidate.kind !== 'item' && candidate.kind !== 'book');
  if (anchor) return { kind: 'anchor', path, line: anchor.line, name: anchor.text };
  return { kind: 'note', path };
}

/**
 * The references to `subject`. `candidates` limits the notes searched for 🗄 references (the
 * server knows which notes lead into which); all notes when it is undefined.
 */
export function findBacklinks(index: WorkspaceIndex, subject: ReferenceSubject, options: ResolverOptions, candidates?: Iterable<string>): Backlink[] {
  const links: Backlink[] = [];
  if (subject.kind === 'author') {
    for (const citation of index.citationsOfAuthor(subject.author)) links.push({ path: citation.path, range: citation.item.authorRange ?? citation.item.range });
  }
  const book = bookOfSubject(index, subject);
  for (const citation of book?.citations ?? []) links.push({ path: citation.path, range: citation.item.authorRange ?? citation.item.range });
  const leadsThere = subjectMatcher(subject, book);
  const sources = candidates ? [...new Set(candidates)] : index.notePaths();
  for (const source of sources.sort()) {
    const entry = index.getNote(source);
    if (!entry) continue;
    for (const reference of entry.note.references) {
      if (reference.empty) continue;
      if (leadsThere(resolveReference(index, source, reference, options))) links.push({ path: source, range: reference.range });
    }
  }
  return links.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}

/** The book a `book` subject names (its entries and citations); undefined for any other subject. */
export function bookOfSubject(index: WorkspaceIndex, subject: ReferenceSubject): Book | undefined {
  return subject.kind === 'book' ? index.booksOfAuthor(subject.author).books.find((candidate) => candidate.key === subject.key) : undefined;
}

/** Whether a 🗄 reference resolved as `resolution` leads to `subject` (`book`: `bookOfSubject`'s answer). */
export function subjectMatcher(subject: ReferenceSubject, book: Book | undefined): (resolution: Resolution) => boolean {
  const bookLines = new Set((book?.entries ?? []).map(({ path, entry }) => `${path}:${entry.line}`));
  return (resolution) => {
    const target = resolution.target;
    if (resolution.status !== 'resolved' || !target) return false;
    return subject.kind === 'note' ? target.path === subject.path && target.root === subject.root
      : subject.kind === 'anchor' ? target.path === subject.path && target.line === subject.line && target.root === subject.root
        : subject.kind === 'book' ? resolution.kind === 'book-entry' && bookLines.has(`${target.path}:${target.line}`)
          : resolution.kind === 'book-entry' && authorKey(target.anchorText ?? '').startsWith(authorKey(subject.author));
  };
}

/**
 * For code lenses: how many references lead to each anchor line of `path` (and to the note itself,
 * on line 0); with `root`, of the note of that name's sibling collection (`NoteLocation.root`).
 */
export function countBacklinksByLine(index: WorkspaceIndex, path: string, options: ResolverOptions, candidates?: Iterable<string>, root?: string): Map<number, number> {
  const counts = new Map<number, number>();
  const sources = candidates ? [...new Set(candidates)] : index.notePaths();
  for (const source of sources) {
    const entry = index.getNote(source);
    if (!entry) continue;
    for (const reference of entry.note.references) {
      if (reference.empty) continue;
      const resolution = resolveReference(index, source, reference, options);
      if (resolution.status === 'resolved' && resolution.target?.path === path && resolution.target.root === root) counts.set(resolution.target.line, (counts.get(resolution.target.line) ?? 0) + 1);
    }
  }
  return counts;
}
