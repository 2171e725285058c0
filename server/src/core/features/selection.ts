/**
 * Expand selection (`textDocument/selectionRange`): from the cursor outwards through what the
 * dialect makes of a note. A 🗄 target's file or section part, then the whole target with its
 * marker; a 📙 author, then its citation item; a heading's or anchor's name; the line; a term's
 * or ALL-CAPS block's lines, a 📚 list; every section the line is in, innermost first, its
 * heading included; the whole note. Each step holds the one before it.
 */

import type { Position, Range } from '../text/positions';
import type { Note } from '../syntax/note';
import { elementAt } from './locate';

/** The ranges around `position`, innermost first, each holding the one before. */
export function selectionChain(note: Note, lineText: (line: number) => string, position: Position): Range[] {
  const candidates: Range[] = [];
  const element = elementAt(note, position);
  if (element?.kind === 'reference') {
    const { reference } = element;
    const part = element.part === 'file' ? reference.file?.range : reference.section?.range;
    if (part) candidates.push(part);
    candidates.push(reference.range, { start: reference.markerRange.start, end: reference.range.end });
  } else if (element?.kind === 'citation') {
    if (element.item.authorRange) candidates.push(element.item.authorRange);
    candidates.push(element.item.range);
  } else if (element?.kind === 'mention') {
    candidates.push(element.mention.range);
  }
  for (const anchor of note.anchors) {
    if (anchor.line !== position.line || !anchor.text) continue;
    candidates.push(anchor.range);
  }
  const text = lineText(position.line);
  const first = text.search(/\S/);
  if (first >= 0) candidates.push(lineRange(position.line, first, text.trimEnd().length));
  for (const anchor of note.anchors) {
    if (anchor.kind === 'item' || anchor.kind === 'book' || (anchor.kind === 'heading' && anchor.role === 'title')) continue;
    if (anchor.line <= position.line && position.line <= anchor.endLine) candidates.push(block(anchor.line, anchor.endLine, lineText));
  }
  for (const list of note.bookLists) {
    if (list.line <= position.line && position.line <= list.endLine) candidates.push(block(list.line, list.endLine, lineText));
  }
  const last = Math.max(0, note.lineCount - 1);
  candidates.push(lineRange(0, 0, lineText(last).length, last));
  return nested(candidates.filter((range) => contains(range, position)));
}

/** Lines `start` to `end`, without the blank lines that end it. */
function block(start: number, end: number, lineText: (line: number) => string): Range {
  let last = end;
  while (last > start && lineText(last).trim() === '') last--;
  return lineRange(start, 0, lineText(last).trimEnd().length, last);
}

function lineRange(line: number, from: number, to: number, endLine = line): Range {
  return { start: { line, character: from }, end: { line: endLine, character: to } };
}

/** Smallest first, keeping each range only when it holds the one kept before it (and is larger). */
function nested(ranges: Range[]): Range[] {
  const size = (range: Range) => (range.end.line - range.start.line) * 1e7 + (range.end.character - range.start.character);
  const chain: Range[] = [];
  for (const range of [...ranges].sort((a, b) => size(a) - size(b))) {
    const inner = chain[chain.length - 1];
    if (!inner || (holds(range, inner) && !same(range, inner))) chain.push(range);
  }
  return chain;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(range: Range, position: Position): boolean {
  return before(range.start, position) && before(position, range.end);
}

function holds(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function same(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
