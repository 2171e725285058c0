/**
 * Small lexical helpers shared by the 🗄 and 📙 parsers: URLs, inline code spans and the span
 * terminators of DIALECT §4.2.
 */

import { emojiLengthAt } from './emoji';

export const URL_AT = /^https?:\/\//i;

/**
 * True for the UTF-16 units JavaScript's `\s` matches (WhiteSpace and LineTerminator): the
 * dialect's scans test one character at a time, and a comparison costs less than a regex call.
 */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** An ASCII capital, `A`–`Z`. */
export function isAsciiUpperCode(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

/** An ASCII small letter, `a`–`z`. */
export function isAsciiLowerCode(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** `\s` or VS16: the characters skipped between a marker and its targets. */
export function isSpaceOrVs16Code(code: number): boolean {
  return code === 0xfe0f || isWhitespaceCode(code);
}

/** The cheap half of `emojiLengthAt`: below U+203C only © and ® can start an emoji. */
export function mayStartEmoji(code: number): boolean {
  return code >= 0x203c || code === 0xa9 || code === 0xae;
}

/** The [start, end) UTF-16 spans of inline code (`` `x` ``) on a line, backticks included. */
export function inlineCodeSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let index = 0;
  while (index < line.length) {
    const open = line.indexOf('`', index);
    if (open < 0) break;
    let runEnd = open;
    while (line[runEnd] === '`') runEnd++;
    const run = line.slice(open, runEnd);
    let search = runEnd;
    let close = -1;
    while (search < line.length) {
      const candidate = line.indexOf(run, search);
      if (candidate < 0) break;
      let candidateEnd = candidate + run.length;
      if (line[candidateEnd] !== '`' && line[candidate - 1] !== '`') {
        close = candidate;
        break;
      }
      while (line[candidateEnd] === '`') candidateEnd++;
      search = candidateEnd;
    }
    if (close < 0) {
      index = runEnd;
      continue;
    }
    spans.push([open, close + run.length]);
    index = close + run.length;
  }
  return spans;
}

/** True when `index` lies inside one of `spans` (sorted, as `inlineCodeSpans` gives them): a binary search, so a line with thousands of spans stays linear. */
let cachedLine: string | undefined;
let cachedSpans: Array<[number, number]> = [];

/** The inline code span that opens at `index`, if one does (the spans of the last line asked about are kept). */
export function codeSpanAt(line: string, index: number): [number, number] | undefined {
  if (line !== cachedLine) {
    cachedLine = line;
    cachedSpans = inlineCodeSpans(line);
  }
  let low = 0;
  let high = cachedSpans.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const start = cachedSpans[middle][0];
    if (start === index) return cachedSpans[middle];
    if (start < index) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

export function isInside(spans: Array<[number, number]>, index: number): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const [start, end] = spans[middle];
    if (index <= start) high = middle - 1;
    else if (index >= end) low = middle + 1;
    else return true;
  }
  return false;
}

/** `[\w/]`: an ASCII letter, digit, underscore or slash. */
function isWordOrSlashCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2f;
}

/** True when a URL starts at `index` (and at a word boundary). */
export function urlStartsAt(line: string, index: number): boolean {
  if (line.charCodeAt(index) !== 0x68 && line.charCodeAt(index) !== 0x48) return false;
  if (index > 0 && isWordOrSlashCode(line.charCodeAt(index - 1))) return false;
  return URL_AT.test(line.slice(index, index + 8));
}

/** The index where a URL that starts at `index` ends: the next whitespace, or a marker emoji glued to it (`📙https://x🗄`). */
export function urlEnd(line: string, index: number): number {
  let end = index;
  for (; end < line.length; end++) {
    const code = line.charCodeAt(end);
    if (isWhitespaceCode(code) || (mayStartEmoji(code) && emojiLengthAt(line, end) > 0)) break;
  }
  return end;
}

/**
 * Where the text governed by a marker ends (DIALECT §4.2): at a URL, another emoji, `;`, a
 * spaced dash comment (` - `, ` -> `, ` — `), or the end of the line. Inline code is skipped, so
 * `` `cd shop; rg bevel` `` stays whole. With `allowLeadingUrl`, a URL right at `start` belongs
 * to the span (`📙 https://…` cites an online book).
 */
export function markerSpanEnd(line: string, start: number, options: { allowLeadingUrl?: boolean } = {}): number {
  let index = start;
  let sawContent = false;
  while (index < line.length) {
    const code = line.charCodeAt(index);
    if (code === 0x60) {
      // Inline code is skipped whole, by CommonMark's rule (a closing run of the same length);
      // an unclosed backtick is an ordinary character, so the next marker or URL still ends the span.
      const span = codeSpanAt(line, index);
      index = span ? span[1] : index + 1;
      sawContent = true;
      continue;
    }
    if ((code === 0x68 || code === 0x48) && urlStartsAt(line, index)) {
      if (!sawContent && options.allowLeadingUrl) {
        index = urlEnd(line, index);
        sawContent = true;
        continue;
      }
      return index;
    }
    if (code === 0x3b) return index;
    if (code === 0x20 && (line.startsWith(' - ', index) || line.startsWith(' -> ', index) || line.startsWith(' — ', index))) return index;
    if (mayStartEmoji(code) && emojiLengthAt(line, index) > 0) return index;
    if (!isSpaceOrVs16Code(code)) sawContent = true;
    index++;
  }
  return line.length;
}
