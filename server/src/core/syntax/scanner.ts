/**
 * A line scanner for the block structure the dialect uses: ATX headings, fences, lists, quotes,
 * table rows and `---` separators. It is a small CommonMark block parser: it keeps the stack of
 * open containers (list items with their content indent, blockquotes) so that indentation,
 * lazy continuation lines, paragraph interruption and fences inside list items come out as
 * CommonMark says, and then gives each line one kind. Where one line opens several blocks the
 * outermost marker names it: `> # x` is a quote line, `* > x` a list-item line.
 *
 * It departs from CommonMark where DIALECT §2.2 and §7 say the dialect does:
 * - `---` (three or more dashes) is always a structural separator, never a setext underline;
 * - `*️ item` (a bullet followed by a stray VS16) is a list item, not a paragraph.
 * The differential test against remark-parse holds it to those two departures.
 */

import { splitLines } from '../text/positions';

export type LineKind =
  | 'blank'
  | 'heading'
  | 'fence-open'
  | 'fence-close'
  | 'fenced'
  | 'list-item'
  | 'quote'
  | 'table'
  | 'separator'
  | 'break'
  | 'text';

/** What the scanner knows about one line. Columns are UTF-16 indices into the line. */
export interface ScannedLine {
  kind: LineKind;
  /** Heading level 1–6, for `heading`. */
  level?: number;
  /** Where the heading text starts and ends (closing `#`s and spaces excluded), for `heading`. */
  contentStart?: number;
  contentEnd?: number;
  /** For `list-item`: the bullet (`*`, `-`, `+`, `1.`), and whether it carries a stray VS16. */
  bullet?: string;
  bulletHasVs16?: boolean;
  /** Set on every line of a fenced code block, its opening and closing lines included. */
  fenceIndex?: number;
  /** True when the line's first marker opens a new blockquote (not one continuing from above). */
  quoteStart?: boolean;
}

/** A fenced code block: ```` ```sh ```` to ```` ``` ````. `endLine` is the closing line, or the last line of the block if it never closes. */
export interface Fence {
  startLine: number;
  endLine: number;
  info: string;
  closed: boolean;
}

export interface ScannedDocument {
  lines: string[];
  scanned: ScannedLine[];
  fences: Fence[];
}

/** True when a line is part of a fenced code block (its fences included). */
export function isInFence(line: ScannedLine): boolean {
  return line.fenceIndex !== undefined;
}

/** True when line `line` lies in one of `fences` (their fence lines included). */
export function lineInFences(fences: readonly Fence[], line: number): boolean {
  return fences.some((fence) => line >= fence.startLine && line <= fence.endLine);
}

type Container =
  | { type: 'quote' }
  | { type: 'item'; contentIndent: number; listType: string; startedEmpty: boolean; lines: number };

interface Cursor {
  index: number;
  /** The column of `index`, tabs expanded to stops of 4. */
  column: number;
  /** Columns of a tab at `index - 1` not yet consumed (a tab can be partly indentation). */
  pending: number;
}

const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^(`{3,}|~{3,})[ \t]*$/;
const ATX_HEADING = /^(#{1,6})(?=[ \t]|$)/;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * A thematic break (`---`, `* * *`, `___`) at `line[start…]`: three or more of one of `-*_`,
 * with only spaces or tabs between. A loop, not a regex: a back-reference in a repeated group
 * overflows the regex engine's stack on a 10 MB line of underscores.
 */
function thematicBreak(line: string, start: number): '-' | '*' | '_' | undefined {
  const mark = line[start];
  if (mark !== '-' && mark !== '*' && mark !== '_') return undefined;
  let count = 0;
  for (let index = start; index < line.length; index++) {
    const char = line[index];
    if (char === mark) count++;
    else if (char !== ' ' && char !== '\t') return undefined;
  }
  return count >= 3 ? mark : undefined;
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** True when `line[from…]` holds only spaces and tabs. */
function isBlankFrom(line: string, from: number): boolean {
  for (let index = from; index < line.length; index++) if (!isSpaceOrTab(line.charCodeAt(index))) return false;
  return true;
}

/** A setext underline (`===`, `---`, spaces or tabs after it) at `line[start…]`. */
function isSetextUnderline(line: string, start: number): boolean {
  const mark = line[start];
  if (mark !== '=' && mark !== '-') return false;
  let index = start;
  while (index < line.length && line[index] === mark) index++;
  return isBlankFrom(line, index);
}

/**
 * A scanned line. Every line gets an object of one shape (absent fields undefined), so the
 * dialect layer reads them all through one fast path; `from` carries a container line's fields over.
 */
function scannedLine(kind: LineKind, from?: ScannedLine): ScannedLine {
  // Most lines are plain text or blank: they share one frozen result each (nothing sets fields on those).
  if (!from && (kind === 'text' || kind === 'blank')) return kind === 'text' ? PLAIN_TEXT : PLAIN_BLANK;
  return freshLine(kind, from);
}

function freshLine(kind: LineKind, from?: ScannedLine): ScannedLine {
  return {
    kind,
    level: from?.level,
    contentStart: from?.contentStart,
    contentEnd: from?.contentEnd,
    bullet: from?.bullet,
    bulletHasVs16: from?.bulletHasVs16,
    fenceIndex: from?.fenceIndex,
    quoteStart: from?.quoteStart,
  };
}

const PLAIN_TEXT: ScannedLine = Object.freeze(freshLine('text'));
const PLAIN_BLANK: ScannedLine = Object.freeze(freshLine('blank'));

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Scans a whole document. Never throws, whatever the input. */
export function scanDocument(text: string): ScannedDocument {
  return scanLines(splitLines(text));
}

export function scanLines(lines: string[]): ScannedDocument {
  return new BlockScanner(lines).scan();
}

/**
 * The scanner proper. It runs once per line of every note of a workspace, so its hot path
 * allocates nothing but the line's result: one cursor for all lines, indentation read into
 * fields, markers recognised by their first character before any regex runs.
 */
class BlockScanner {
  private readonly scanned: ScannedLine[] = [];
  private readonly fences: Fence[] = [];
  private stack: Container[] = [];
  private fence: { marker: string; length: number; indent: number; depth: number; index: number } | undefined;
  /** The open paragraph: its depth in the container stack and its first line (for setext headings). */
  private paragraph: { depth: number; line: number; contentIndex: number } | undefined;
  private readonly cursor: Cursor = { index: 0, column: 0, pending: 0 };
  /** What `peekIndent` found: the indentation ahead of the cursor in columns, and the index of the first other character. */
  private peekColumns = 0;
  private peekIndex = 0;

  constructor(private readonly lines: string[]) {}

  scan(): ScannedDocument {
    for (let lineNumber = 0; lineNumber < this.lines.length; lineNumber++) this.scanned.push(this.scanLine(lineNumber));
    return { lines: this.lines, scanned: this.scanned, fences: this.fences };
  }

  /** Reads the indentation ahead of the cursor into `peekColumns` and `peekIndex`. */
  private peekIndent(line: string): void {
    const cursor = this.cursor;
    let columns = cursor.pending;
    let column = cursor.column;
    let index = cursor.index;
    while (index < line.length) {
      const code = line.charCodeAt(index);
      if (code === SPACE) {
        columns++;
        column++;
      } else if (code === TAB) {
        const width = 4 - (column % 4);
        columns += width;
        column += width;
      } else {
        break;
      }
      index++;
    }
    this.peekColumns = columns;
    this.peekIndex = index;
  }

  private scanLine(lineNumber: number): ScannedLine {
    const line = this.lines[lineNumber];
    const cursor = this.cursor;
    cursor.index = 0;
    cursor.column = 0;
    cursor.pending = 0;
    let matched = 0;
    let quoteMarker = false;
    /** The line's first container marker names it: `> * x` is a quote line, `* > x` a list-item line. */
    let firstMarker: ScannedLine | undefined;
    const blank = isBlankFrom(line, 0);

    // 1. Which open containers does this line continue?
    for (; matched < this.stack.length; matched++) {
      const container = this.stack[matched];
      if (container.type === 'quote') {
        this.peekIndent(line);
        if (this.peekColumns > 3 || line[this.peekIndex] !== '>') break;
        skipTo(line, cursor, this.peekIndex + 1);
        consumeColumns(line, cursor, 1);
        quoteMarker = true;
        firstMarker ??= scannedLine('quote');
        continue;
      }
      if (blank) {
        // An item that began with a blank line cannot hold a second one (CommonMark 5.2).
        if (container.startedEmpty && container.lines === 1) break;
        continue;
      }
      this.peekIndent(line);
      if (this.peekColumns < container.contentIndent) break;
      consumeColumns(line, cursor, container.contentIndent);
    }
    for (let depth = 0; depth < matched; depth++) {
      const container = this.stack[depth];
      if (container.type === 'item') container.lines++;
    }

    // 2. Inside a fence whose containers all continue: code or the closing fence.
    if (this.fence) {
      if (matched >= this.fence.depth) {
        const fence = this.fence;
        this.peekIndent(line);
        const first = line[this.peekIndex];
        const close = this.peekColumns <= 3 && (first === '`' || first === '~') ? FENCE_CLOSE.exec(line.slice(this.peekIndex)) : null;
        this.fences[fence.index].endLine = lineNumber;
        let kind: LineKind = quoteMarker ? 'quote' : 'fenced';
        if (close && close[1][0] === fence.marker && close[1].length >= fence.length) {
          this.fences[fence.index].closed = true;
          this.fence = undefined;
          kind = quoteMarker ? 'quote' : 'fence-close';
        }
        const result = scannedLine(kind);
        result.fenceIndex = fence.index;
        return result;
      }
      // The fence's container ended: so does the fence (fences have no lazy lines), without the
      // blank lines before this one.
      const ended = this.fences[this.fence.index];
      while (ended.endLine > ended.startLine && /^[ \t>]*$/.test(this.lines[ended.endLine])) ended.endLine--;
      this.fence = undefined;
      this.closeTo(matched);
    }

    if (blank) {
      this.closeTo(matched);
      this.paragraph = undefined;
      return scannedLine(quoteMarker ? 'quote' : 'blank');
    }

    // 3. New containers: blockquotes and list items, outermost first.
    let opened: ScannedLine | undefined;
    for (;;) {
      this.peekIndent(line);
      if (this.peekColumns >= 4) break;
      const indentColumns = this.peekColumns;
      const indentIndex = this.peekIndex;
      const first = line[indentIndex];
      const firstCode = line.charCodeAt(indentIndex);
      if (firstCode === 0x3e) {
        this.closeTo(matched);
        this.stack.push({ type: 'quote' });
        matched = this.stack.length;
        skipTo(line, cursor, indentIndex + 1);
        consumeColumns(line, cursor, 1);
        opened ??= scannedLine('quote');
        if (!firstMarker) {
          firstMarker = scannedLine('quote');
          firstMarker.quoteStart = true;
        }
        quoteMarker = true;
        this.paragraph = undefined;
        continue;
      }
      // Only `*`, `+`, `-` or a digit can open a list item; any other line is a leaf.
      const isBullet = firstCode === 0x2a || firstCode === 0x2b || firstCode === 0x2d;
      const isDigit = isDigitCode(firstCode);
      if (!isBullet && !isDigit) break;
      if (thematicBreak(line, indentIndex)) break;
      if (this.paragraph && matched >= this.paragraph.depth && matched === this.stack.length && isSetextUnderline(line, indentIndex)) break;
      // The marker: a bullet and its stray VS16s, or one to nine digits and `.` or `)`; then a
      // space, a tab or the end of the line.
      let markerEnd = indentIndex + 1;
      let digits = 0;
      if (isBullet) {
        while (line.charCodeAt(markerEnd) === 0xfe0f) markerEnd++;
      } else {
        while (digits < 10 && isDigitCode(line.charCodeAt(indentIndex + digits))) digits++;
        const delimiter = line[indentIndex + digits];
        if (digits > 9 || (delimiter !== '.' && delimiter !== ')')) break;
        markerEnd = indentIndex + digits + 1;
      }
      if (markerEnd < line.length && !isSpaceOrTab(line.charCodeAt(markerEnd))) break;
      const listType = isBullet ? first : line[markerEnd - 1];
      const empty = isBlankFrom(line, markerEnd);
      // A list can interrupt a paragraph only with a non-empty item, and an ordered one only at 1;
      // that is asked only when the paragraph's own container continues (as commonmark.js does).
      const orderedFromOne = digits === 1 && firstCode === 0x31;
      if (this.paragraph && this.paragraph.depth <= matched && (empty || (!isBullet && !orderedFromOne))) break;
      this.closeTo(matched);
      skipTo(line, cursor, markerEnd);
      this.peekIndent(line);
      // The content indent counts the marker without its stray VS16s, as CommonMark sees `* x`.
      const relativeMarkerEnd = indentColumns + (isBullet ? 1 : digits + 1);
      const spaceColumns = empty ? 1 : this.peekColumns >= 5 ? 1 : this.peekColumns;
      const contentIndent = relativeMarkerEnd + spaceColumns;
      consumeColumns(line, cursor, spaceColumns);
      this.stack.push({ type: 'item', contentIndent, listType, startedEmpty: empty, lines: 1 });
      matched = this.stack.length;
      if (!opened) {
        opened = scannedLine('list-item');
        opened.bullet = isBullet ? first : line.slice(indentIndex, markerEnd);
        opened.bulletHasVs16 = isBullet && markerEnd > indentIndex + 1;
      }
      firstMarker ??= opened;
      this.paragraph = undefined;
      if (empty) break;
    }

    // 4. The leaf block on what is left of the line.
    this.peekIndent(line);
    const indentColumns = this.peekColumns;
    const indentIndex = this.peekIndex;
    const lazy = this.paragraph !== undefined && !opened && matched < this.stack.length;

    if (indentIndex >= line.length) {
      this.paragraph = undefined;
      return firstMarker ?? scannedLine('blank');
    }
    if (indentColumns >= 4) {
      if (this.paragraph && !opened) return firstMarker ?? scannedLine('text'); // paragraph continuation
      this.closeTo(matched);
      this.paragraph = undefined;
      return firstMarker ?? scannedLine('text'); // indented code
    }
    const first = line[indentIndex];
    if (first === '`' || first === '~') {
      const fenceOpen = FENCE_OPEN.exec(line.slice(indentIndex));
      if (fenceOpen && !(fenceOpen[1][0] === '`' && fenceOpen[2].includes('`'))) {
        this.closeTo(matched);
        this.paragraph = undefined;
        const index = this.fences.length;
        this.fences.push({ startLine: lineNumber, endLine: lineNumber, info: fenceOpen[2].trim(), closed: false });
        this.fence = { marker: fenceOpen[1][0], length: fenceOpen[1].length, indent: indentColumns, depth: this.stack.length, index };
        const opening = scannedLine(firstMarker ? firstMarker.kind : 'fence-open', firstMarker);
        opening.fenceIndex = index;
        return opening;
      }
    }
    if (first === '#') {
      const heading = ATX_HEADING.exec(line.slice(indentIndex, indentIndex + 7));
      if (heading) {
        this.closeTo(matched);
        this.paragraph = undefined;
        return firstMarker ?? atxHeading(line, indentIndex, heading[1].length);
      }
    }
    if (this.paragraph && !lazy && !opened && isSetextUnderline(line, indentIndex)) {
      const underline = line.slice(indentIndex).trim();
      if (underline[0] === '-' && underline.length >= 3) {
        // DIALECT §2.2: `---` divides a section's head from its body; it never makes a heading.
        this.paragraph = undefined;
        return firstMarker ?? scannedLine('separator');
      }
      const start = this.paragraph.line;
      const content = this.lines[start];
      let contentEnd = content.length;
      while (contentEnd > this.paragraph.contentIndex && isSpaceOrTab(content.charCodeAt(contentEnd - 1))) contentEnd--;
      const heading = scannedLine('heading', this.scanned[start]);
      heading.level = underline[0] === '=' ? 1 : 2;
      heading.contentStart = this.paragraph.contentIndex;
      heading.contentEnd = contentEnd;
      this.scanned[start] = heading;
      this.paragraph = undefined;
      return firstMarker ?? scannedLine('text');
    }
    const thematic = thematicBreak(line, indentIndex);
    if (thematic) {
      this.closeTo(matched);
      this.paragraph = undefined;
      return firstMarker ?? scannedLine(thematic === '-' ? 'separator' : 'break');
    }
    // Paragraph text: a lazy continuation keeps the containers it did not match open.
    if (!lazy) {
      this.closeTo(matched);
      if (!this.paragraph || opened) this.paragraph = { depth: this.stack.length, line: lineNumber, contentIndex: indentIndex };
    }
    return firstMarker ?? scannedLine(first === '|' && !opened ? 'table' : 'text');
  }

  private closeTo(depth: number): void {
    if (this.stack.length > depth) this.stack.length = depth;
  }
}

function atxHeading(line: string, start: number, level: number): ScannedLine {
  let contentStart = start + level;
  while (contentStart < line.length && isSpaceOrTab(line.charCodeAt(contentStart))) contentStart++;
  let contentEnd = line.length;
  while (contentEnd > contentStart && isSpaceOrTab(line.charCodeAt(contentEnd - 1))) contentEnd--;
  // A closing sequence of `#`s preceded by a space (or making up the whole text) is not part of the heading text.
  if (contentEnd > contentStart && line[contentEnd - 1] === '#') {
    let hashes = contentEnd;
    while (hashes > contentStart && line[hashes - 1] === '#') hashes--;
    if (hashes === contentStart || isSpaceOrTab(line.charCodeAt(hashes - 1))) {
      contentEnd = hashes;
      while (contentEnd > contentStart && isSpaceOrTab(line.charCodeAt(contentEnd - 1))) contentEnd--;
    }
  }
  const heading = scannedLine('heading');
  heading.level = level;
  heading.contentStart = contentStart;
  heading.contentEnd = contentEnd;
  return heading;
}

/** Moves the cursor to `index` (past non-indentation characters such as `>` or a list marker). */
function skipTo(line: string, cursor: Cursor, index: number): void {
  while (cursor.index < index && cursor.index < line.length) {
    cursor.column += line[cursor.index] === '\t' ? 4 - (cursor.column % 4) : 1;
    cursor.index++;
  }
  cursor.pending = 0;
}

/** Consumes up to `columns` columns of indentation (fewer when the line has fewer). */
function consumeColumns(line: string, cursor: Cursor, columns: number): void {
  let remaining = columns;
  if (cursor.pending > 0) {
    const used = Math.min(cursor.pending, remaining);
    cursor.pending -= used;
    remaining -= used;
  }
  while (remaining > 0 && cursor.index < line.length) {
    const char = line[cursor.index];
    if (char === ' ') {
      cursor.index++;
      cursor.column++;
      remaining--;
    } else if (char === '\t') {
      const width = 4 - (cursor.column % 4);
      cursor.index++;
      cursor.column += width;
      if (width > remaining) cursor.pending = width - remaining;
      remaining = Math.max(0, remaining - width);
    } else {
      break;
    }
  }
}
