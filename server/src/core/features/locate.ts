/**
 * What sits at a position of a note: a 🗄 target (its file part or section part), a 📙 item,
 * or a backticked note mention. Navigation, hover and completion start here.
 */

import type { Position, Range } from '../text/positions';
import type { CitationItem, Note, NoteMention, Reference } from '../syntax/note';

export type NoteElement =
  | { kind: 'reference'; reference: Reference; part: 'file' | 'section' | 'marker' }
  | { kind: 'citation'; item: CitationItem; line: number }
  | { kind: 'mention'; mention: NoteMention };

export function contains(range: Range, position: Position): boolean {
  return range.start.line === position.line && range.start.character <= position.character && position.character <= range.end.character;
}

/** Whether two ranges share a position (touching ends count: a cursor right after a name is on it). */
export function overlaps(a: Range, b: Range): boolean {
  if (a.end.line < b.start.line || b.end.line < a.start.line) return false;
  if (a.end.line === b.start.line && a.end.character < b.start.character) return false;
  if (b.end.line === a.start.line && b.end.character < a.start.character) return false;
  return true;
}

/** The dialect element under `position`, if any. A position at the end of a range still counts (the cursor after a word). */
export function elementAt(note: Note, position: Position): NoteElement | undefined {
  for (const reference of note.references) {
    if (reference.line !== position.line && reference.markerRange.start.line !== position.line) continue;
    if (reference.file && contains(reference.file.range, position)) return { kind: 'reference', reference, part: 'file' };
    if (reference.section && contains(reference.section.range, position)) return { kind: 'reference', reference, part: 'section' };
  }
  for (const reference of note.references) {
    if (!reference.empty && reference.line === position.line && contains(reference.range, position)) {
      return { kind: 'reference', reference, part: reference.file ? 'file' : 'section' };
    }
  }
  for (const citation of note.citations) {
    if (citation.line !== position.line) continue;
    for (const item of citation.items) {
      if (contains(item.range, position) || (item.authorRange && contains(item.authorRange, position))) return { kind: 'citation', item, line: citation.line };
    }
  }
  for (const mention of note.mentions) if (contains(mention.range, position)) return { kind: 'mention', mention };
  return undefined;
}
