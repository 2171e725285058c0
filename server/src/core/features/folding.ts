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

export function computeFoldingRanges(note: Note): FoldingRegion[] {
  const ranges: FoldingRegion[] = [];
  for (const anchor of note.anchors) {
    const folds = anchor.kind === 'heading' ? anchor.role !== 'title' : anchor.kind === 'caps' || anchor.kind === 'bold';
    if (folds && anchor.endLine > anchor.line) ranges.push({ startLine: anchor.line, endLine: anchor.endLine });
  }
  for (const list of note.bookLists) if (list.endLine > list.line) ranges.push({ startLine: list.line, endLine: list.endLine });
  // The body below a `---` runs to the end of the innermost section that holds the separator.
  const headings = note.anchors.filter((anchor) => anchor.kind === 'heading' && anchor.role !== 'title');
  for (const separator of note.separators) {
    let end: number | undefined;
    for (const heading of headings) {
      if (heading.line < separator && heading.endLine >= separator && (end === undefined || heading.endLine < end)) end = heading.endLine;
    }
    const last = end ?? note.lineCount - 1;
    if (last > separator) ranges.push({ startLine: separator, endLine: last, kind: 'region' });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
