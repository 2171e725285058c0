/**
 * Folding ranges: sections at every level, ALL-CAPS and `__bold__` blocks, the 参考 and 进步
 * blocks (they are sections too), 📚 lists, and a section's raw body below its `---`.
 */

import type { Note } from '../syntax/note';

export interface FoldingRegion {
  startLine: number;
  endLine: number;
  /** `region` for the body below a `---`, so that "fold all regions" folds the raw bodies away. */
  kind?: 'region';
}

/** `lineText` gives each line's text, so that a fold does not end on blank lines. */
export function computeFoldingRanges(note: Note, lineText: (line: number) => string): FoldingRegion[] {
  const ranges: FoldingRegion[] = [];
  for (const anchor of note.anchors) {
    const folds = anchor.kind === 'heading' ? anchor.role !== 'title' : anchor.kind === 'caps' || anchor.kind === 'bold';
    if (folds && anchor.endLine > anchor.line) ranges.push({ startLine: anchor.line, endLine: anchor.endLine });
  }
  for (const list of note.bookLists) if (list.endLine > list.line) ranges.push({ startLine: list.line, endLine: list.endLine });
  // The body below a `---` is its section's own: it ends where the section does or where the
  // next heading (a sub-section, with a head and body of its own) begins.
  const headings = note.anchors.filter((anchor) => anchor.kind === 'heading' && anchor.role !== 'title');
  for (const separator of note.separators) {
    let end = note.lineCount - 1;
    for (const heading of headings) {
      if (heading.line > separator) end = Math.min(end, heading.line - 1);
      else if (heading.endLine >= separator) end = Math.min(end, heading.endLine);
    }
    while (end > separator && lineText(end).trim() === '') end--;
    if (end > separator) ranges.push({ startLine: separator, endLine: end, kind: 'region' });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

