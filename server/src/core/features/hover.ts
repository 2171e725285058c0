/**
 * Hover: on a 🗄 target, where it leads and the first lines there; on a dead one, why and the
 * fix; on a 📙 citation, the book it means and how often it is cited. Markdown out.
 */

import type { Position, Range } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { deadLinkHover } from './deadLinkHover';
import { elementAt } from './locate';
import { indexOfPlace, placeName, resolveReference, type ResolverOptions } from './resolve';
import { authorFacts, bookOfItemIn, notesCiting } from './bookFacts';
import type { CitationItem } from '../syntax/note';

export interface HoverContent {
  markdown: string;
  range: Range;
}

const EXCERPT_LINES = 8;

export function computeHover(index: WorkspaceIndex, path: string, position: Position, options: ResolverOptions): HoverContent | undefined {
  const entry = index.getNote(path);
  if (!entry) return undefined;
  const element = elementAt(entry.note, position);
  if (!element) return undefined;
  if (element.kind === 'reference') {
    const { reference } = element;
    const resolution = resolveReference(index, path, reference, options);
    const parts: string[] = [];
    if (resolution.status === 'resolved' && resolution.target) {
      const target = resolution.target;
      const heading = target.anchorText ? ` › ${escape(target.anchorText)}` : '';
      parts.push(`🗄 **${escape(target.path)}**${target.root ? ` (in ${escape(target.root)})` : ''}${heading}  \nline ${target.line + 1} · ${describeRule(resolution.kind, resolution.fileRule)}`);
      const there = indexOfPlace(index, target);
      const excerpt = there && sectionExcerpt(there, target.path, target.line);
      if (excerpt) parts.push('```markdown\n' + excerpt + '\n```');
    } else if (resolution.status === 'dead_file' || resolution.status === 'dead_section') {
      parts.push(...deadLinkHover(index, path, reference, resolution, options));
    } else {
      const title = { dead_file: 'Dead link', dead_section: 'Dead section', external: 'Not a note here', ambiguous: 'Ambiguous', resolved: '' }[resolution.status];
      parts.push(`🗄 **${title}** (${resolution.kind})  \n${escape(resolution.message)}`);
      if (resolution.fix) parts.push(`Fix: ${escape(resolution.fix.label)} → ${escape(placeName(resolution.fix.target))}:${resolution.fix.target.line + 1}`);
      for (const related of resolution.related.slice(0, 5)) parts.push(`- ${escape(placeName(related))}:${related.line + 1}: ${escape(related.message)}`);
    }
    if (reference.inFence) parts.push('_In a code fence: navigable, never diagnosed._');
    return { markdown: parts.join('\n\n'), range: reference.range };
  }
  if (element.kind === 'citation') {
    const { item } = element;
    if (!item.author) return undefined;
    return { markdown: citationHover(index, path, item), range: item.authorRange ?? item.range };
  }
  return undefined;
}

/**
 * On a 📙 item: the book it means (title, ⭐️/✅, the notes that list it, its URL) and how often
 * that book is cited; when it names none of its author's books, which they are; when no 📚 list
 * names the author, that.
 */
function citationHover(index: WorkspaceIndex, path: string, item: CitationItem): string {
  // What is read of the author is kept small (`bookFacts.ts`): the pointer passes over many citations.
  const facts = authorFacts(index, item.author!);
  const author = escape(facts.author || item.author!);
  const book = bookOfItemIn(facts, path, item);
  const total = index.citationCount(item.author!);
  const list = (paths: readonly string[]) => `${paths.slice(0, 4).map(escape).join(', ')}${paths.length > 4 ? `, and ${paths.length - 4} more` : ''}`;
  const parts: string[] = [];
  if (book) {
    const marks = book.statuses.length ? ` ${book.statuses.join('')}` : '';
    parts.push(`📙 **${author}** · *${escape(book.title || book.label)}*${marks}`);
    if (book.listed) {
      const listings = book.entries.map((entry) => `${escape(entry.path)}:${entry.line + 1}`);
      parts.push(`📚 listed in ${listings.slice(0, 4).join(', ')}${listings.length > 4 ? `, and ${listings.length - 4} more` : ''}${book.urls.map((url) => `  \n${url}`).join('')}`);
    } else {
      parts.push('In no 📚 list: only citations name this title.');
    }
    const citingNotes = notesCiting(facts, book);
    parts.push(`This book: cited ${book.citations.length}× in ${citingNotes.length} note${citingNotes.length === 1 ? '' : 's'} (${list(citingNotes)})${facts.books.length > 1 ? ` · ${author}: ${total} citations, ${facts.books.length} books` : ''}`);
  } else if (facts.books.length > 0) {
    parts.push(`📙 **${author}**: which book? This citation names none of ${facts.books.length === 1 ? 'their book' : `their ${facts.books.length} books`}`);
    parts.push(facts.books.slice(0, 6).map((candidate) => `- *${escape(candidate.title || candidate.label)}*${candidate.statuses.length ? ` ${candidate.statuses.join('')}` : ''}: cited ${candidate.citations.length}×`).join('\n'));
  } else {
    parts.push(`📙 **${author}**: in no 📚 list of this workspace`);
    const citingNotes = index.notesCitingAuthor(item.author!);
    parts.push(`Cited ${total}× in ${citingNotes.length} note${citingNotes.length === 1 ? '' : 's'} (${list(citingNotes)})`);
  }
  return parts.join('\n\n');
}

function describeRule(kind: string, fileRule: string | undefined): string {
  if (fileRule === 'sibling') return `found in a sibling collection, ${kind}`;
  return fileRule && fileRule !== kind ? `found by ${fileRule}, ${kind}` : `found by ${kind}`;
}

/** The anchor's line and the lines after it, up to the end of its scope or a few lines. */
function sectionExcerpt(index: WorkspaceIndex, path: string, line: number): string | undefined {
  const target = index.getNote(path);
  const lines = target?.readLines();
  if (!target || !lines) return undefined;
  const anchor = target.note.anchors.find((candidate) => candidate.line === line);
  const last = Math.min(anchor ? Math.max(anchor.endLine, line) : line + EXCERPT_LINES, line + EXCERPT_LINES - 1, lines.length - 1);
  const excerpt = lines.slice(line, last + 1).join('\n').replace(/```/g, "'''");
  return excerpt.trim() ? excerpt : undefined;
}

function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}
