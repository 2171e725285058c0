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
const ATX_HEADING = /^(#{1,6})(?=[ \t]|$)/;
/**
 * A thematic break (`---`, `* * *`, `___`): three or more of one of `-*_`, with only spaces or
 * tabs between. A loop, not a regex: a back-reference in a repeated group overflows the regex
 * engine's stack on a 10 MB line of underscores.
 */
function thematicBreak(rest: string): '-' | '*' | '_' | undefined {
  const mark = rest[0];
  if (mark !== '-' && mark !== '*' && mark !== '_') return undefined;
  let count = 0;
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index];
    if (char === mark) count++;
    else if (char !== ' ' && char !== '\t') return undefined;
  }
  return count >= 3 ? mark : undefined;
}
const BULLET_ITEM = /^([*+-])(\uFE0F*)(?=[ \t]|$)/;
const ORDERED_ITEM = /^(\d{1,9})([.)])(?=[ \t]|$)/;
const SETEXT_UNDERLINE = /^(=+|-+)[ \t]*$/;

/** Scans a whole document. Never throws, whatever the input. */
export function scanDocument(text: string): ScannedDocument {
  return scanLines(splitLines(text));
}

export function scanLines(lines: string[]): ScannedDocument {
  return new BlockScanner(lines).scan();
}

class BlockScanner {
  private readonly scanned: ScannedLine[] = [];
  private readonly fences: Fence[] = [];
  private stack: Container[] = [];
  private fence: { marker: string; length: number; indent: number; depth: number; index: number } | undefined;
  /** The open paragraph: its depth in the container stack and its first line (for setext headings). */
  private paragraph: { depth: number; line: number; contentIndex: number } | undefined;

  constructor(private readonly lines: string[]) {}

  scan(): ScannedDocument {
    for (let lineNumber = 0; lineNumber < this.lines.length; lineNumber++) this.scanned.push(this.scanLine(lineNumber));
    return { lines: this.lines, scanned: this.scanned, fences: this.fences };
  }

  private scanLine(lineNumber: number): ScannedLine {
    const line = this.lines[lineNumber];
    const cursor: Cursor = { index: 0, column: 0, pending: 0 };
    let matched = 0;
    let quoteMarker = false;
    /** The line's first container marker names it: `> * x` is a quote line, `* > x` a list-item line. */
    let firstMarker: ScannedLine | undefined;
    const blank = /^[ \t]*$/.test(line);

    // 1. Which open containers does this line continue?
    for (; matched < this.stack.length; matched++) {
      const container = this.stack[matched];
      if (container.type === 'quote') {
        const indent = peekIndent(line, cursor);
        if (indent.columns > 3 || line[indent.index] !== '>') break;
        skipTo(line, cursor, indent.index + 1);
        consumeColumns(line, cursor, 1);
        quoteMarker = true;
        firstMarker ??= { kind: 'quote' };
        continue;
      }
      if (blank) {
        // An item that began with a blank line cannot hold a second one (CommonMark 5.2).
        if (container.startedEmpty && container.lines === 1) break;
        continue;
      }
      if (peekIndent(line, cursor).columns < container.contentIndent) break;
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
        const indent = peekIndent(line, cursor);
        const close = indent.columns <= 3 ? /^(`{3,}|~{3,})[ \t]*$/.exec(line.slice(indent.index)) : null;
        this.fences[fence.index].endLine = lineNumber;
        if (close && close[1][0] === fence.marker && close[1].length >= fence.length) {
          this.fences[fence.index].closed = true;
          this.fence = undefined;
          return { kind: quoteMarker ? 'quote' : 'fence-close', fenceIndex: fence.index };
        }
        return { kind: quoteMarker ? 'quote' : 'fenced', fenceIndex: fence.index };
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
      return { kind: quoteMarker ? 'quote' : 'blank' };
    }

    // 3. New containers: blockquotes and list items, outermost first.
    let opened: ScannedLine | undefined;
    for (;;) {
      const indent = peekIndent(line, cursor);
      if (indent.columns >= 4) break;
      const rest = line.slice(indent.index);
      if (rest[0] === '>') {
        this.closeTo(matched);
        this.stack.push({ type: 'quote' });
        matched = this.stack.length;
        skipTo(line, cursor, indent.index + 1);
        consumeColumns(line, cursor, 1);
        opened ??= { kind: 'quote' };
        firstMarker ??= { kind: 'quote', quoteStart: true };
        quoteMarker = true;
        this.paragraph = undefined;
        continue;
      }
      if (thematicBreak(rest)) break;
      if (this.paragraph && matched >= this.paragraph.depth && matched === this.stack.length && SETEXT_UNDERLINE.test(rest)) break;
      const bullet = BULLET_ITEM.exec(rest);
      const ordered = bullet ? null : ORDERED_ITEM.exec(rest);
      if (!bullet && !ordered) break;
      const marker = bullet ? bullet[0] : ordered![0];
      const listType = bullet ? bullet[1] : ordered![2];
      const afterMarker = rest.slice(marker.length);
      const empty = /^[ \t]*$/.test(afterMarker);
      // A list can interrupt a paragraph only with a non-empty item, and an ordered one only at 1;
      // that is asked only when the paragraph's own container continues (as commonmark.js does).
      if (this.paragraph && this.paragraph.depth <= matched && (empty || (ordered !== null && ordered[1] !== '1'))) break;
      this.closeTo(matched);
      skipTo(line, cursor, indent.index + marker.length);
      const spaces = peekIndent(line, cursor);
      // The content indent counts the marker without its stray VS16s, as CommonMark sees `* x`.
      const relativeMarkerEnd = indent.columns + [...marker].length - (bullet && bullet[2] ? bullet[2].length : 0);
      const spaceColumns = empty ? 1 : spaces.columns >= 5 ? 1 : spaces.columns;
      const contentIndent = relativeMarkerEnd + spaceColumns;
      consumeColumns(line, cursor, spaceColumns);
      this.stack.push({ type: 'item', contentIndent, listType, startedEmpty: empty, lines: 1 });
      matched = this.stack.length;
      opened ??= { kind: 'list-item', bullet: bullet ? bullet[1] : ordered![0], bulletHasVs16: bullet ? bullet[2].length > 0 : false };
      firstMarker ??= opened;
      this.paragraph = undefined;
      if (empty) break;
    }

    // 4. The leaf block on what is left of the line.
    const indent = peekIndent(line, cursor);
    const rest = line.slice(indent.index);
    const lazy = this.paragraph !== undefined && !opened && matched < this.stack.length;
    const kindOr = (kind: ScannedLine): ScannedLine => firstMarker ?? kind;

    if (rest.length === 0) {
      this.paragraph = undefined;
      return kindOr({ kind: 'blank' });
    }
    if (indent.columns >= 4) {
      if (this.paragraph && !opened) return kindOr({ kind: 'text' }); // paragraph continuation
      this.closeTo(matched);
      this.paragraph = undefined;
      return kindOr({ kind: 'text' }); // indented code
    }
    const fenceOpen = FENCE_OPEN.exec(rest);
    if (fenceOpen && !(fenceOpen[1][0] === '`' && fenceOpen[2].includes('`'))) {
      this.closeTo(matched);
      this.paragraph = undefined;
      const index = this.fences.length;
      this.fences.push({ startLine: lineNumber, endLine: lineNumber, info: fenceOpen[2].trim(), closed: false });
      this.fence = { marker: fenceOpen[1][0], length: fenceOpen[1].length, indent: indent.columns, depth: this.stack.length, index };
      return { ...kindOr({ kind: 'fence-open' }), fenceIndex: index };
    }
    const heading = ATX_HEADING.exec(rest);
    if (heading) {
      this.closeTo(matched);
      this.paragraph = undefined;
      return kindOr(atxHeading(line, indent.index, heading[1].length));
    }
    if (this.paragraph && !lazy && !opened && SETEXT_UNDERLINE.test(rest)) {
      const underline = rest.trim();
      if (underline[0] === '-' && underline.length >= 3) {
        // DIALECT §2.2: `---` divides a section's head from its body; it never makes a heading.
        this.paragraph = undefined;
        return kindOr({ kind: 'separator' });
      }
      const start = this.paragraph.line;
      const content = this.lines[start];
      let contentEnd = content.length;
      while (contentEnd > this.paragraph.contentIndex && /[ \t]/.test(content[contentEnd - 1])) contentEnd--;
      this.scanned[start] = { ...this.scanned[start], kind: 'heading', level: underline[0] === '=' ? 1 : 2, contentStart: this.paragraph.contentIndex, contentEnd };
      this.paragraph = undefined;
      return kindOr({ kind: 'text' });
    }
    const thematic = thematicBreak(rest);
    if (thematic) {
      this.closeTo(matched);
      this.paragraph = undefined;
      return kindOr({ kind: thematic === '-' ? 'separator' : 'break' });
    }
    // Paragraph text: a lazy continuation keeps the containers it did not match open.
    if (!lazy) {
      this.closeTo(matched);
      if (!this.paragraph || opened) this.paragraph = { depth: this.stack.length, line: lineNumber, contentIndex: indent.index };
    }
    return kindOr({ kind: rest[0] === '|' && !opened ? 'table' : 'text' });
  }

  private closeTo(depth: number): void {
    if (this.stack.length > depth) this.stack.length = depth;
  }
}

function atxHeading(line: string, start: number, level: number): ScannedLine {
  let contentStart = start + level;
  while (contentStart < line.length && (line[contentStart] === ' ' || line[contentStart] === '\t')) contentStart++;
  let contentEnd = line.length;
  while (contentEnd > contentStart && /[ \t]/.test(line[contentEnd - 1])) contentEnd--;
  // A closing sequence of `#`s preceded by a space is not part of the heading text.
  const closing = /(^|[ \t])#+$/.exec(line.slice(contentStart, contentEnd));
  if (closing) {
    contentEnd = contentStart + closing.index;
    while (contentEnd > contentStart && /[ \t]/.test(line[contentEnd - 1])) contentEnd--;
  }
  return { kind: 'heading', level, contentStart, contentEnd };
}

/** The indentation ahead of the cursor, in columns, and the index of the first other character. */
function peekIndent(line: string, cursor: Cursor): { columns: number; index: number } {
  let columns = cursor.pending;
  let column = cursor.column;
  let index = cursor.index;
  while (index < line.length) {
    if (line[index] === ' ') {
      columns++;
      column++;
    } else if (line[index] === '\t') {
      const width = 4 - (column % 4);
      columns += width;
      column += width;
    } else {
      break;
    }
    index++;
  }
  return { columns, index };
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
