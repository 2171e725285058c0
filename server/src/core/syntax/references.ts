/**
 * Parsing 🗄 cross references (DIALECT §5.1–§5.3) on one line. The dialect layer decides which
 * lines are eligible (not headings) and hands block items under a bare `🗄` label to
 * `parseTargets`.
 */

import { detachString, makeRange, type Range } from '../text/positions';
import type { Reference } from './note';
import { codeSpanAt, inlineCodeSpans, isInside, isSpaceOrVs16Code, isWhitespaceCode, markerSpanEnd } from './inline';

export const FILE_CABINET = '\u{1F5C4}';

/**
 * Whether a name, written in a 🗄 link (a note's after a backtick, a section's after the note),
 * reads as that name: not when it holds a backtick (it would end the note part) or a 🗄 (the
 * name would start a link of its own: `` `meta🗄.md `` is a link to `meta` and one to `.md`).
 */
export function writableInLink(name: string): boolean {
  return !name.includes('`') && !name.includes(FILE_CABINET);
}
/** A path written without backticks: the first word ends in a file extension (`🗄 shop/drafts/x.md`). */
const BARE_PATH = /^[^\s`'"()]+\.(md|markdown|pdf|py|com|txt|csv|json|log)$/i;

/** Whether a name written as a link's section reads as that section: writable, and not starting with a word that reads as a path (`a.md x`). */
export function writableAsSection(name: string): boolean {
  return writableInLink(name) && !BARE_PATH.test(name.trimStart().split(/\s/, 1)[0]);
}

export interface MarkerOccurrence {
  /** Where the marker starts, and where its VS16s end. */
  start: number;
  end: number;
  /** Where the text it governs starts: after spaces and stray VS16s (`🗄️ ️\`x\``). */
  bodyStart: number;
  /** True when nothing follows the marker on its line. */
  bodyEmpty: boolean;
}

/** Every 🗄 marker on a line outside inline code. */
export function findXrefMarkers(line: string): MarkerOccurrence[] {
  const result: MarkerOccurrence[] = [];
  if (!line.includes(FILE_CABINET)) return result;
  const codeSpans = inlineCodeSpans(line);
  let from = 0;
  for (;;) {
    const start = line.indexOf(FILE_CABINET, from);
    if (start < 0) break;
    from = start + 2;
    if (isInside(codeSpans, start)) continue;
    let end = start + 2;
    while (line.charCodeAt(end) === 0xfe0f) end++;
    let bodyStart = end;
    while (bodyStart < line.length && isSpaceOrVs16Code(line.charCodeAt(bodyStart))) bodyStart++;
    result.push({ start, end, bodyStart, bodyEmpty: bodyStart >= line.length });
  }
  return result;
}

/**
 * Whether `line` reads the same outside `edits` (columns on this line, apart) once they are made:
 * as many 🗄 markers outside inline code, and the same code spans, each edit's own spans
 * included. An edit's backticks can pair with a stray one elsewhere on the line (`` 🗄a`? `` once
 * `a` is written `` `a.md` ``: the run of two closes nothing, and the file part runs on), or take
 * a backtick away and free a marker. Rename and moves write nothing that fails this.
 */
export function keepsLineReading(line: string, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let after = '';
  let from = 0;
  const expected = new Set<string>();
  for (const edit of sorted) {
    after += line.slice(from, edit.start);
    for (const [start, end] of inlineCodeSpans(edit.newText)) expected.add(`${after.length + start},${after.length + end}`);
    after += edit.newText;
    from = edit.end;
  }
  after += line.slice(from);
  if (findXrefMarkers(after).length !== findXrefMarkers(line).length) return false;
  // Where a character of `line` that no edit replaces stands once they are made.
  const moved = (at: number): number | undefined => {
    let shift = 0;
    for (const edit of sorted) {
      if (edit.end <= at) shift += edit.newText.length - (edit.end - edit.start);
      else if (edit.start <= at) return undefined;
      else break;
    }
    return at + shift;
  };
  for (const [start, end] of inlineCodeSpans(line)) {
    const opens = moved(start);
    const closes = moved(end - 1);
    // A span whose backticks an edit rewrote is the edit's: its own spans are expected above.
    if (opens !== undefined && closes !== undefined) expected.add(`${opens},${closes + 1}`);
  }
  const spans = inlineCodeSpans(after);
  return spans.length === expected.size && spans.every(([start, end]) => expected.has(`${start},${end}`));
}

export type TargetDraft = Omit<Reference, 'inFence' | 'markerRange' | 'form'>;

/** The 🗄 targets of `line`, read as the parser reads a line with markers (as line 0): what a line an edit would leave holds. */
export function lineTargets(line: string): TargetDraft[] {
  return findXrefMarkers(line).flatMap((marker) => parseTargets(line, 0, marker.bodyStart, markerSpanEnd(line, marker.bodyStart)));
}

/**
 * Splits the text a marker governs, `line[start, end)`, into targets:
 * `` `metals.md` 'rust' `care.md` 'oiling' `` → two targets; `stones > synthetic` → one
 * same-note target; `` `pickles.md`? move these there? `` → one tentative target.
 */
export function parseTargets(line: string, lineNumber: number, start: number, end: number): TargetDraft[] {
  const targets: TargetDraft[] = [];
  let index = start;
  const skipSpace = () => {
    while (index < end && isSpaceOrVs16Code(line.charCodeAt(index))) index++;
  };
  skipSpace();
  while (index < end) {
    const targetStart = index;
    let file: TargetDraft['file'];
    let tentative = false;
    if (line[index] === '`') {
      // The file part is the inline code that opens here; an unclosed one runs to the end of the
      // span, its whole run of backticks the opening (`` `` x `` is `x`, not `` `x ``), and the
      // spaces before what ends the span (a URL) are not its own: an edit of the name keeps them.
      const span = codeSpanAt(line, index);
      const runLength = /^`+/.exec(line.slice(index))![0].length;
      const close = span && span[1] <= end ? span[1] - runLength : -1;
      let fileEnd = close < 0 ? end : close;
      if (close < 0) while (fileEnd > index + runLength && isWhitespaceCode(line.charCodeAt(fileEnd - 1))) fileEnd--;
      file = { text: detachString(line.slice(index + runLength, fileEnd)), range: makeRange(lineNumber, Math.min(index + runLength, fileEnd), fileEnd), bare: false };
      index = close < 0 ? end : span![1];
      if (line[index] === '?') {
        tentative = true;
        index++;
      }
    } else {
      const wordEnd = nextWhitespace(line, index, end);
      const word = line.slice(index, wordEnd);
      if (BARE_PATH.test(word)) {
        file = { text: detachString(word), range: makeRange(lineNumber, index, wordEnd), bare: true };
        index = wordEnd;
      }
    }
    let section: TargetDraft['section'];
    if (!tentative) {
      // The section words run to the next backtick, which opens the next target.
      const nextTick = line.indexOf('`', index);
      const sectionLimit = nextTick < 0 || nextTick > end ? end : nextTick;
      section = readSection(line, lineNumber, index, sectionLimit);
      index = sectionLimit;
    }
    const targetEnd = tentative ? index : trimEnd(line, targetStart, index);
    if (file || section) {
      targets.push({
        text: detachString(line.slice(targetStart, targetEnd)),
        range: makeRange(lineNumber, targetStart, targetEnd),
        line: lineNumber,
        file,
        section,
        tentative,
        empty: false,
      });
    }
    if (tentative) break;
    skipSpace();
  }
  return targets;
}

function nextWhitespace(line: string, index: number, end: number): number {
  let cursor = index;
  while (cursor < end && !isWhitespaceCode(line.charCodeAt(cursor))) cursor++;
  return cursor;
}

function trimEnd(line: string, start: number, end: number): number {
  let cursor = end;
  while (cursor > start && isSpaceOrVs16Code(line.charCodeAt(cursor - 1))) cursor--;
  return cursor;
}

/**
 * Reads the section words in `line[start, limit)`. A quoted section (`'honing'`) is the text
 * inside the quotes; a trailing `?` is dropped (`carbon-based?`); text wholly in parentheses is
 * commentary, not a section (`` `recipe-index` (port data to recipe app) ``).
 */
function readSection(line: string, lineNumber: number, start: number, limit: number): TargetDraft['section'] {
  let from = start;
  while (from < limit && isSpaceOrVs16Code(line.charCodeAt(from))) from++;
  let to = trimEnd(line, from, limit);
  if (from >= to) return undefined;
  if (line[from] === "'" || line[from] === '‘') {
    const closeAt = findClosingQuote(line, from + 1, to);
    if (closeAt > from + 1) {
      return { text: detachString(line.slice(from + 1, closeAt)), range: makeRange(lineNumber, from + 1, closeAt), quoted: true };
    }
  }
  while (to > from && line[to - 1] === '?') to--;
  to = trimEnd(line, from, to);
  if (from >= to) return undefined;
  const text = line.slice(from, to);
  if (text.startsWith('(') && text.endsWith(')')) return undefined;
  return { text: detachString(text), range: makeRange(lineNumber, from, to), quoted: false };
}

function findClosingQuote(line: string, from: number, to: number): number {
  for (let index = from; index < to; index++) {
    const char = line[index];
    if (char !== "'" && char !== '’') continue;
    // An apostrophe inside a word (`cook's knife`) does not close the quote.
    const next = line[index + 1];
    if (next === undefined || index + 1 >= to || !/[\p{L}\p{N}]/u.test(next)) return index;
  }
  return -1;
}

/** Builds the range of a marker occurrence. */
export function markerRange(lineNumber: number, occurrence: MarkerOccurrence): Range {
  return makeRange(lineNumber, occurrence.start, occurrence.end);
}

export { markerSpanEnd };
