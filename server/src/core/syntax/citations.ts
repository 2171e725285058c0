/**
 * Parsing 📙 citations (DIALECT §6.1) and 📚 list entries (§6.2).
 */

import { detachString, makeRange } from '../text/positions';
import type { BookEntry, Citation, CitationItem } from './note';
import { emojiLengthAt } from './emoji';
import { inlineCodeSpans, isInside, markerSpanEnd, urlEnd, urlStartsAt } from './inline';

const ORANGE_BOOK = '\u{1F4D9}';
/** Lowercase name particles that join an author name: `Van Aken`, `Ruiz de Vega`. */
const PARTICLES = new Set(['van', 'von', 'de', 'del', 'della', 'der', 'den', 'da', 'di', 'du', 'des', 'la', 'le', 'ten', 'ter', 'st.', 'bin', 'al']);
const CHAPTER_WORDS = new Set(['ch.', 'ch', 'chapter', 'section', 'chap.', 'pp.', 'p.']);
const ROMAN = /^(?=[ivxlc]+$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const NUMBER_LOCATOR = /^\d+(?:[.,:-]\d+)*$/;

interface Token {
  text: string;
  start: number;
  end: number;
  kind: 'word' | 'bracket' | 'paren' | 'code' | 'url';
}

function tokenize(line: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let index = start;
  while (index < end) {
    const char = line[index];
    if (/[\s\uFE0F]/.test(char)) {
      index++;
      continue;
    }
    const closing = char === '[' ? ']' : char === '(' ? ')' : char === '`' ? '`' : undefined;
    if (closing) {
      const close = line.indexOf(closing, index + 1);
      if (close >= 0 && close < end) {
        tokens.push({ text: detachString(line.slice(index, close + 1)), start: index, end: close + 1, kind: char === '[' ? 'bracket' : char === '(' ? 'paren' : 'code' });
        index = close + 1;
        continue;
      }
    }
    if (urlStartsAt(line, index)) {
      const stop = Math.min(urlEnd(line, index), end);
      tokens.push({ text: detachString(line.slice(index, stop)), start: index, end: stop, kind: 'url' });
      index = stop;
      continue;
    }
    let stop = index;
    while (stop < end && !/[\s\uFE0F]/.test(line[stop])) stop++;
    tokens.push({ text: detachString(line.slice(index, stop)), start: index, end: stop, kind: 'word' });
    index = stop;
  }
  return tokens;
}

function stripTrailingPunctuation(word: string): string {
  return word.replace(/[,;:]+$/, '');
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function isLocatorWord(token: Token): boolean {
  if (token.kind === 'bracket' || token.kind === 'paren') return true;
  if (token.kind !== 'word') return false;
  const word = stripTrailingPunctuation(token.text);
  return NUMBER_LOCATOR.test(word) || ROMAN.test(word);
}

/**
 * Reads an author name starting at `tokens[at]`: one capitalised word, a `Kernighan/Pike` pair,
 * or a name with particles (`Van Aken`, `Ruiz de Vega`). Returns how many tokens it used.
 */
function readAuthor(tokens: Token[], at: number): number {
  let used = 1;
  const first = tokens[at].text.toLowerCase();
  // `Van Aken`: a capitalised particle joins the capitalised name after it.
  if (PARTICLES.has(first) && tokens[at + 1] && isCapitalised(tokens[at + 1].text)) used = 2;
  while (
    tokens[at + used] && tokens[at + used + 1] && tokens[at + used].kind === 'word' &&
    PARTICLES.has(tokens[at + used].text) && isCapitalised(tokens[at + used + 1].text)
  ) {
    used += 2;
  }
  return used;
}

function authorText(tokens: Token[], at: number, count: number): string {
  return stripTrailingPunctuation(tokens.slice(at, at + count).map((token) => token.text).join(' '));
}

/** The first author a 📙 marker names, for collecting a note's known authors before parsing. */
export function firstCitedAuthor(line: string, markerEnd: number): string | undefined {
  const end = markerSpanEnd(line, markerEnd, { allowLeadingUrl: true });
  const tokens = tokenize(line, markerEnd, end);
  if (tokens.length === 0 || tokens[0].kind !== 'word' || !isCapitalised(tokens[0].text)) return undefined;
  return authorText(tokens, 0, readAuthor(tokens, 0));
}

/** Every 📙 marker on a line outside inline code: [start, end) with VS16s. */
export function findCitationMarkers(line: string): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  if (!line.includes(ORANGE_BOOK)) return result;
  const spans = inlineCodeSpans(line);
  let from = 0;
  for (;;) {
    const start = line.indexOf(ORANGE_BOOK, from);
    if (start < 0) break;
    from = start + 2;
    if (isInside(spans, start)) continue;
    let end = start + 2;
    while (line.charCodeAt(end) === 0xfe0f) end++;
    result.push([start, end]);
  }
  return result;
}

/**
 * Parses the citation that a 📙 at `line[markerStart, markerEnd)` opens. `knownAuthors` (authors
 * that begin some citation or 📚 entry) decides when a capitalised word starts a new item.
 */
export function parseCitation(
  line: string,
  lineNumber: number,
  markerStart: number,
  markerEnd: number,
  knownAuthors: ReadonlySet<string>,
  inQuote: boolean,
): Citation {
  const end = markerSpanEnd(line, markerEnd, { allowLeadingUrl: true });
  const tokens = tokenize(line, markerEnd, end);
  const items: CitationItem[] = [];
  let current: CitationItem | undefined;
  let lastAuthor: { author: string; range: CitationItem['authorRange'] } | undefined;
  let pendingWords: Token[] = [];
  const finishRange = (item: CitationItem, stop: number) => {
    item.range = makeRange(lineNumber, item.range.start.character, stop);
  };
  const start = (kind: CitationItem['kind'], token: Token): CitationItem => {
    // All fields up front, in one order: one compact object shape for every item.
    const item: CitationItem = {
      kind, author: undefined, authorRange: undefined, title: undefined, locator: undefined, url: undefined, file: undefined,
      carriedOver: false, range: makeRange(lineNumber, token.start, token.end),
    };
    items.push(item);
    current = item;
    pendingWords = [];
    return item;
  };

  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at];
    if (token.kind === 'url') {
      if (items.length === 0) start('url', token).url = token.text;
      break;
    }
    if (token.kind === 'code') {
      start('file', token).file = token.text.slice(1, -1);
      continue;
    }
    const word = stripTrailingPunctuation(token.text);
    const lower = word.toLowerCase();
    if (lower === 'ibid' || lower === 'ibid.') {
      start('ibid', token);
      continue;
    }
    if (CHAPTER_WORDS.has(lower) && tokens[at + 1] && isLocatorWord(tokens[at + 1])) {
      const locatorEnd = tokens[at + 1].end;
      at = takeLocator(`${word} ${stripTrailingPunctuation(tokens[at + 1].text)}`, token, locatorEnd) ? at + 1 : at;
      continue;
    }
    if (isLocatorWord(token)) {
      takeLocator(word, token, token.end);
      continue;
    }
    const startsItem = isCapitalised(word) && (current === undefined || current.locator !== undefined || knownAuthors.has(word));
    if (startsItem) {
      const used = readAuthor(tokens, at);
      const item = start('author', token);
      item.author = authorText(tokens, at, used);
      item.authorRange = makeRange(lineNumber, token.start, tokens[at + used - 1].end - (tokens[at + used - 1].text.length - stripTrailingPunctuation(tokens[at + used - 1].text).length));
      lastAuthor = { author: item.author, range: item.authorRange };
      finishRange(item, tokens[at + used - 1].end);
      at += used - 1;
      continue;
    }
    if (current === undefined) {
      // `📙 notebook [82]`, `📙 primer ch 8`: no author to hang the words on.
      start('unparsed', token).title = word;
      continue;
    }
    if (current.locator !== undefined) {
      // After a locator, words are commentary unless a locator follows: then they are a new
      // title by the same author (`📙 Chang skills [306] basics [105]`).
      pendingWords.push(token);
      continue;
    }
    current.title = current.title ? `${current.title} ${word}` : word;
    finishRange(current, token.end);
  }
  return {
    line: lineNumber,
    markerRange: makeRange(lineNumber, markerStart, markerEnd),
    range: makeRange(lineNumber, markerStart, trimmedEnd(line, markerStart, end)),
    items,
    inQuote,
  };

  /** Attaches a locator to the current item, or starts a carried-over item. Returns true when the token was used. */
  function takeLocator(locator: string, token: Token, locatorEnd: number): boolean {
    if (current && current.locator === undefined) {
      current.locator = locator;
      finishRange(current, locatorEnd);
      return true;
    }
    if (current && pendingWords.length > 0 && lastAuthor) {
      const first = pendingWords[0];
      const item = start('author', first);
      item.author = lastAuthor.author;
      item.authorRange = lastAuthor.range;
      item.carriedOver = true;
      item.title = detachString(pendingWordsText(first, token));
      item.locator = locator;
      finishRange(item, locatorEnd);
      return true;
    }
    const item = start('unparsed', token);
    item.locator = locator;
    finishRange(item, locatorEnd);
    return true;
  }

  function pendingWordsText(first: Token, locatorToken: Token): string {
    return line.slice(first.start, locatorToken.start).trim();
  }
}

function trimmedEnd(line: string, start: number, end: number): number {
  let cursor = end;
  while (cursor > start && /[\s\uFE0F]/.test(line[cursor - 1])) cursor--;
  return cursor;
}

const STATUS_MARKS = new Set(['⭐', '✅', '❌', '🎯', '📍', '💀', '❓']);

/**
 * Parses the content of a 📚 list item, `line[contentStart…]`:
 * `⭐️ McGee on food and cooking https://…` → statuses `⭐`, author `McGee`, title `on food and cooking`.
 */
export function parseBookEntry(line: string, lineNumber: number, contentStart: number, group: string | undefined): BookEntry {
  let index = contentStart;
  const statuses: string[] = [];
  for (;;) {
    while (index < line.length && /[\s\uFE0F]/.test(line[index])) index++;
    const length = emojiLengthAt(line, index);
    if (length === 0) break;
    const base = String.fromCodePoint(line.codePointAt(index)!);
    if (!STATUS_MARKS.has(base)) break;
    statuses.push(base);
    index += length;
  }
  const urls: string[] = [];
  for (let cursor = index; cursor < line.length; cursor++) {
    if (urlStartsAt(line, cursor)) {
      const stop = urlEnd(line, cursor);
      urls.push(detachString(line.slice(cursor, stop)));
      cursor = stop;
    }
  }
  const end = markerSpanEnd(line, index);
  const tokens = tokenize(line, index, end).filter((token) => token.kind !== 'url');
  const entry: BookEntry = {
    line: lineNumber,
    range: makeRange(lineNumber, contentStart, trimmedEnd(line, contentStart, line.length)),
    title: '',
    urls,
    statuses,
    group,
  };
  if (tokens.length > 0 && tokens[0].kind === 'word' && isCapitalised(tokens[0].text)) {
    const used = readAuthor(tokens, 0);
    entry.author = authorText(tokens, 0, used);
    entry.authorRange = makeRange(lineNumber, tokens[0].start, tokens[0].start + entry.author.length);
    const titleWords: string[] = [];
    for (const token of tokens.slice(used)) {
      if (token.kind !== 'word') break;
      const word = stripTrailingPunctuation(token.text);
      if (CHAPTER_WORDS.has(word.toLowerCase()) || NUMBER_LOCATOR.test(word)) break;
      titleWords.push(word);
    }
    entry.title = titleWords.join(' ');
  }
  return entry;
}
