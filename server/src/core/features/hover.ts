/**
 * Hover: on a 🗄 target, where it leads and the first lines there; on a dead one, why and the
 * fix; on a 📙 author, the 📚 entry and where else the book is cited. Markdown out.
 */

import type { Position, Range } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { deadLinkHover } from './deadLinkHover';
import { elementAt } from './locate';
import { resolveReference, type ResolverOptions } from './resolve';

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
      parts.push(`🗄 **${escape(target.path)}**${heading}  \nline ${target.line + 1} · ${describeRule(resolution.kind, resolution.fileRule)}`);
      const excerpt = sectionExcerpt(index, target.path, target.line);
      if (excerpt) parts.push('```markdown\n' + excerpt + '\n```');
    } else if (resolution.status === 'dead_file' || resolution.status === 'dead_section') {
      parts.push(...deadLinkHover(index, path, reference, resolution, options));
    } else {
      const title = { dead_file: 'Dead link', dead_section: 'Dead section', external: 'Not a note here', ambiguous: 'Ambiguous', resolved: '' }[resolution.status];
      parts.push(`🗄 **${title}** (${resolution.kind})  \n${escape(resolution.message)}`);
      if (resolution.fix) parts.push(`Fix: ${escape(resolution.fix.label)} → ${escape(resolution.fix.target.path)}:${resolution.fix.target.line + 1}`);
      for (const related of resolution.related.slice(0, 5)) parts.push(`- ${escape(related.message)}`);
    }
    if (reference.inFence) parts.push('_In a code fence: navigable, never diagnosed._');
    return { markdown: parts.join('\n\n'), range: reference.range };
  }
  if (element.kind === 'citation') {
    const { item } = element;
    if (!item.author) return undefined;
    const books = index.bookEntriesByAuthor(item.author);
    const citations = index.citationsOfAuthor(item.author);
    const parts: string[] = [];
    if (books.length === 0) {
      parts.push(`📙 **${escape(item.author)}**: in no 📚 list of this workspace`);
    } else {
      for (const { path: bookPath, entry: book } of books.slice(0, 3)) {
        const status = book.statuses.length ? `${book.statuses.join('')} ` : '';
        parts.push(`📚 ${status}**${escape(book.author ?? '')}** ${escape(book.title)}  \n${escape(bookPath)}:${book.line + 1}${book.urls.map((url) => `  \n${url}`).join('')}`);
      }
      if (books.length > 3) parts.push(`… and ${books.length - 3} more 📚 entries`);
    }
    const notes = [...new Set(citations.map((citation) => citation.path))];
    parts.push(`Cited ${citations.length}× in ${notes.length} note${notes.length === 1 ? '' : 's'}: ${notes.slice(0, 6).map(escape).join(', ')}${notes.length > 6 ? ', …' : ''}`);
    return { markdown: parts.join('\n\n'), range: item.authorRange ?? item.range };
  }
  return undefined;
}

function describeRule(kind: string, fileRule: string | undefined): string {
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
