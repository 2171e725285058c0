/**
 * A line scanner for the block structure the dialect uses: ATX headings, fences, flat lists,
 * quotes, table rows and `---` separators. It follows CommonMark where the dialect does
 * (fence opening and closing, ATX heading syntax, thematic breaks) and departs from it where
 * DIALECT §2.2 and §7 say the dialect does:
 * - `---` is always a structural separator, never a setext heading underline;
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
  /** For fence lines: the index of the fence in `ScannedDocument.fences`. */
  fenceIndex?: number;
}

/** A fenced code block: ```` ```sh ```` to ```` ``` ````. `endLine` is the closing line, or the last line if it never closes. */
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

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET_ITEM = /^([ \t]*)([*+-])(\uFE0F*)(?=[ \t]|$)/;
const ORDERED_ITEM = /^([ \t]*)(\d{1,9}[.)])(?=[ \t]|$)/;

/** Scans a whole document. Never throws, whatever the input. */
export function scanDocument(text: string): ScannedDocument {
  return scanLines(splitLines(text));
}

export function scanLines(lines: string[]): ScannedDocument {
  const scanned: ScannedLine[] = [];
  const fences: Fence[] = [];
  let openFence: { marker: string; length: number; index: number } | undefined;
  let previousNonBlank: LineKind | undefined;
  let previousBlank = true;

  for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber];
    if (openFence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === openFence.marker && close[1].length >= openFence.length) {
        fences[openFence.index].endLine = lineNumber;
        fences[openFence.index].closed = true;
        scanned.push({ kind: 'fence-close', fenceIndex: openFence.index });
        openFence = undefined;
      } else {
        fences[openFence.index].endLine = lineNumber;
        scanned.push({ kind: 'fenced', fenceIndex: openFence.index });
      }
      continue;
    }
    const kind = scanOutsideFence(line, previousBlank, previousNonBlank);
    if (kind.kind === 'fence-open') {
      const match = FENCE_OPEN.exec(line)!;
      const index = fences.length;
      fences.push({ startLine: lineNumber, endLine: lineNumber, info: match[3].trim(), closed: false });
      openFence = { marker: match[2][0], length: match[2].length, index };
      kind.fenceIndex = index;
    }
    scanned.push(kind);
    previousBlank = kind.kind === 'blank';
    if (!previousBlank) previousNonBlank = kind.kind;
  }
  return { lines, scanned, fences };
}

function scanOutsideFence(line: string, previousBlank: boolean, previousNonBlank: LineKind | undefined): ScannedLine {
  if (/^[ \t]*$/.test(line)) return { kind: 'blank' };
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
  // Four spaces after a blank line, outside a list, is an indented code block in CommonMark.
  const indentedCode = indent >= 4 && previousBlank && previousNonBlank !== 'list-item' && previousNonBlank !== 'text';
  if (indentedCode) return { kind: 'text' };

  const fence = FENCE_OPEN.exec(line);
  if (fence && !(fence[2][0] === '`' && fence[3].includes('`'))) return { kind: 'fence-open' };

  const heading = ATX_HEADING.exec(line);
  if (heading) {
    const level = heading[1].length;
    let contentStart = heading[0].length;
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

  const thematic = THEMATIC_BREAK.exec(line);
  if (thematic) return { kind: thematic[1] === '-' ? 'separator' : 'break' };

  const bullet = BULLET_ITEM.exec(line);
  if (bullet) return { kind: 'list-item', bullet: bullet[2], bulletHasVs16: bullet[3].length > 0 };
  const ordered = ORDERED_ITEM.exec(line);
  // An ordered item can interrupt a paragraph only when it starts at 1 (CommonMark 5.3).
  if (ordered && (previousBlank || previousNonBlank !== 'text' || /^1[.)]$/.test(ordered[2]))) {
    return { kind: 'list-item', bullet: ordered[2], bulletHasVs16: false };
  }
  if (/^ {0,3}>/.test(line)) return { kind: 'quote' };
  if (/^ {0,3}\|/.test(line)) return { kind: 'table' };
  return { kind: 'text' };
}
