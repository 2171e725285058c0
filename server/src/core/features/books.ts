/**
 * The Books view's data: every author of a 📚 list with their entries and every 📙 citation of
 * them, and the authors cited but never listed.
 */

import type { Range } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';

export interface BookPlace {
  path: string;
  line: number;
  range: Range;
  /** What is shown: a 📚 entry's title, or a citation's locator. */
  label: string;
}

export interface AuthorBooks {
  author: string;
  /** The author's 📚 entries (empty for an author who is cited but never listed). */
  entries: BookPlace[];
  citations: BookPlace[];
}

export interface BooksOverview {
  listed: AuthorBooks[];
  /** Cited in 📙, never in a 📚 list. */
  unlisted: AuthorBooks[];
}

export function computeBooks(index: WorkspaceIndex): BooksOverview {
  const authors = new Set<string>([...index.listedAuthors(), ...index.citedAuthors()]);
  const listed: AuthorBooks[] = [];
  const unlisted: AuthorBooks[] = [];
  for (const key of [...authors].sort()) {
    const entries = index.bookEntriesByAuthor(key).map(({ path, entry }) => ({
      path, line: entry.line, range: entry.range, label: [entry.statuses.join(''), entry.title || '(no title)'].filter(Boolean).join(' '),
    }));
    const citations = index.citationsOfAuthor(key).map(({ path, item, line }) => ({
      path, line, range: item.range, label: [item.title, item.locator].filter(Boolean).join(' ') || '(no page)',
    }));
    const name = index.bookEntriesByAuthor(key)[0]?.entry.author ?? index.citationsOfAuthor(key)[0]?.item.author ?? key;
    (entries.length > 0 ? listed : unlisted).push({ author: name, entries, citations });
  }
  const byName = (a: AuthorBooks, b: AuthorBooks) => a.author.localeCompare(b.author);
  return { listed: listed.sort(byName), unlisted: unlisted.sort(byName) };
}
