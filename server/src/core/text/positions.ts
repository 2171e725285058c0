/**
 * Positions in the core are LSP positions: 0-based lines and 0-based UTF-16 columns.
 * JavaScript string indices already count UTF-16 code units, so an index into a line's text
 * is its LSP column; this module is the one place that converts to and from the 1-based
 * code-point columns that people, logs and mdast use.
 */

/** A 0-based line and a 0-based UTF-16 column, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range of LSP positions. For `🗄 \`metals.md\`` the file part is `{2,10}`–`{2,20}`. */
export interface Range {
  start: Position;
  end: Position;
}

/**
 * A range on one line, stored as three numbers. Every range the dialect layer makes lies on one
 * line, and a workspace holds about a hundred of them per note: one small object instead of
 * three nested ones keeps 10,000 notes in memory. `start` and `end` read like LSP positions,
 * and `toJSON` writes the LSP shape, so the LSP layer sends it as it is.
 */
export class LineRange implements Range {
  constructor(
    readonly line: number,
    readonly startCharacter: number,
    readonly endCharacter: number,
  ) {}

  get start(): Position {
    return { line: this.line, character: this.startCharacter };
  }

  get end(): Position {
    return { line: this.line, character: this.endCharacter };
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

export function makeRange(line: number, startCharacter: number, endCharacter: number): Range {
  return new LineRange(line, startCharacter, endCharacter);
}

/** A plain-object copy of a range, for comparing ranges in tests and sending them over the wire. */
export function plainRange(range: Range): Range {
  return { start: { ...range.start }, end: { ...range.end } };
}

/**
 * A copy of `text` that does not keep a larger string alive. V8 makes a slice of a long string
 * a view into it, so a heading name sliced from a line would pin the whole note's text.
 */
export function detachString(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

/**
 * The 1-based code-point column of a 0-based UTF-16 column in `lineText`.
 * `🗄️ x`: the `x` sits at UTF-16 column 4 and code-point column 4 (1-based: 🗄, VS16, space, x).
 */
export function codePointColumn(lineText: string, utf16Column: number): number {
  let codePoints = 0;
  for (let index = 0; index < utf16Column && index < lineText.length; index++) {
    const unit = lineText.charCodeAt(index);
    // A high surrogate followed by a low surrogate is one code point: count it once.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < lineText.length) {
      const next = lineText.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    codePoints++;
  }
  return codePoints + 1;
}

/** The 0-based UTF-16 column of a 1-based code-point column (mdast's `column`) in `lineText`. */
export function utf16Column(lineText: string, oneBasedCodePointColumn: number): number {
  let index = 0;
  for (let counted = 1; counted < oneBasedCodePointColumn && index < lineText.length; counted++) {
    const codePoint = lineText.codePointAt(index)!;
    index += codePoint > 0xffff ? 2 : 1;
  }
  return index;
}

/** True when `character` does not split a surrogate pair of `lineText`. */
export function isOnCodePointBoundary(lineText: string, character: number): boolean {
  if (character <= 0 || character >= lineText.length) return character >= 0 && character <= lineText.length;
  const unit = lineText.charCodeAt(character);
  const previous = lineText.charCodeAt(character - 1);
  return !(unit >= 0xdc00 && unit <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff);
}

/**
 * Splits a document into lines on LF, CRLF or CR, as LSP does. The line texts carry no line
 * terminator, so a CRLF note has the same columns as its LF twin.
 */
export function splitLines(text: string): string[] {
  // Most notes have no CR: splitting on one character is twice as fast as the regex.
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

/** Applies edits (LSP ranges: 0-based lines, UTF-16 columns) to a text, keeping its line endings. */
export function applyTextEdits(text: string, edits: ReadonlyArray<{ range: Range; newText: string }>): string {
  const lineStarts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(match.index! + match[0].length);
  const offset = (position: { line: number; character: number }) => (lineStarts[position.line] ?? text.length) + position.character;
  let result = text;
  for (const edit of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
}
