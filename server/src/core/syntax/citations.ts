/**
 * Parsing 📙 citations (DIALECT §6.1) and 📚 list entries (§6.2).
 */

import { sameStrings } from '../lists';
import { authorKey, composed } from '../text/names';
import { detachString, makeRange } from '../text/positions';
import type { BookEntry, Citation, CitationItem } from './note';
import { emojiLengthAt } from './emoji';
import { inlineCodeSpans, isAsciiLowerCode, isAsciiUpperCode, isInside, isSpaceOrVs16Code, markerSpanEnd, urlEnd, urlStartsAt } from './inline';

/** The 📙 marker of a citation (DIALECT §6.1). */
export const ORANGE_BOOK = '\u{1F4D9}';
/** Lowercase name particles that join an author name: `Van Aken`, `Ruiz de Vega`. */
const PARTICLES = new Set(['van', 'von', 'de', 'del', 'della', 'der', 'den', 'da', 'di', 'du', 'des', 'la', 'le', 'ten', 'ter', 'st.', 'bin', 'al']);
const CHAPTER_WORDS = new Set(['ch.', 'ch', 'chapter', 'section', 'chap.', 'pp.', 'p.']);
/** The longest of `CHAPTER_WORDS` and `ibid.`: a longer word is neither, without lower-casing it to ask. */
const LONGEST_KEYWORD = Math.max(5, ...[...CHAPTER_WORDS].map((word) => word.length));
const ROMAN = /^(?=[ivxlc]+$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const NUMBER_LOCATOR = /^\d+(?:[.,:–—-]\d+)*$/;
/** `3.45`, `4.122-128`: chapter and page, a locator clear enough to start a new item after commentary. */
const CHAPTER_PAGE = /^\d+\.\d+(?:[–-]\d+)?$/;
/**
 * What an author's name looks like: capitalised letters, with apostrophes, dots and hyphens
 * (`O'Neil`, `J.`, `Smith-Jones`), or two such names joined by `/` (`Kernighan/Pike`). A word
 * with a quote or a digit in it (`Sharp"`, `T8`) is not a name.
 */
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*(?:\/\p{Lu}[\p{L}\p{M}'’.-]*)*$/u;

/**
 * `NAME_WORD.test(word)`, without the regex for the usual case: an ASCII capital, then ASCII
 * letters, apostrophes, dots and hyphens (every such word matches it). Asked of most words after
 * a 📙 marker; a Unicode property regex costs several times the loop.
 */
function isNameWord(word: string): boolean {
  if (isAsciiUpperCode(word.charCodeAt(0))) {
    let index = 1;
    for (; index < word.length; index++) {
      const code = word.charCodeAt(index);
      if (!(isAsciiLowerCode(code) || isAsciiUpperCode(code) || code === 0x27 || code === 0x2e || code === 0x2d)) break;
    }
    if (index === word.length) return true;
  }
  return NAME_WORD.test(word);
}

/** The longest of `PARTICLES`: a longer word is none, without lower-casing it to ask. */
const LONGEST_PARTICLE = Math.max(...[...PARTICLES].map((particle) => particle.length));

interface Token {
  text: string;
  start: number;
  end: number;
  /** `stop`: a `+` or an em dash that is not a page range; the items end there (§6.1). */
  kind: 'word' | 'bracket' | 'paren' | 'code' | 'url' | 'stop';
}

/** The tokens of `line[start, end)`. */
function tokenize(line: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let index = start;
  while (index < end) {
    const code = line.charCodeAt(index);
    if (isSpaceOrVs16Code(code)) {
      index++;
      continue;
    }
    const char = line[index];
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
    if (char === '+') {
      tokens.push({ text: '+', start: index, end: index + 1, kind: 'stop' });
      break;
    }
    let stop = index;
    while (stop < end && !isSpaceOrVs16Code(line.charCodeAt(stop))) stop++;
    const word = line.slice(index, stop);
    const dash = word.indexOf('—');
    if (dash >= 0 && !/^\d+—\d+[,;:]*$/.test(word)) {
      // `[12]—great chapter`, `skills—see below`: an em dash with prose after it ends the items.
      if (dash > 0) tokens.push({ text: detachString(word.slice(0, dash)), start: index, end: index + dash, kind: 'word' });
      tokens.push({ text: '—', start: index + dash, end: index + dash + 1, kind: 'stop' });
      break;
    }
    tokens.push({ text: detachString(word), start: index, end: stop, kind: 'word' });
    index = stop;
  }
  return tokens;
}

/** `word` without `,`, `;` and `:` at its end. Asked of every token several times: most end in none. */
function stripTrailingPunctuation(word: string): string {
  let end = word.length;
  for (let code = word.charCodeAt(end - 1); code === 0x2c || code === 0x3b || code === 0x3a; code = word.charCodeAt(end - 1)) end--;
  return end === word.length ? word : word.slice(0, end);
}

function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 0x80) return isAsciiUpperCode(code);
  return /^\p{Lu}/u.test(word);
}

/** True when a `(…)` holds pages or chapters (`(ch 6)`, `(6-7, 9)`), not words (`(wet wheel)`, which is commentary). */
function isPageExpression(inner: string): boolean {
  const parts = inner.split(/[\s,;–-]+/).filter(Boolean);
  if (parts.length === 0) return false;
  let pages = 0;
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (/^\d+(?:\.\d+)*$/.test(part) || ROMAN.test(lower) || lower === 'x') pages++;
    else if (!CHAPTER_WORDS.has(lower) && lower !== 'p' && lower !== 'pp') return false;
  }
  return pages > 0;
}

function isLocatorWord(token: Token): boolean {
  if (token.kind === 'bracket') return true;
  if (token.kind === 'paren') return isPageExpression(token.text.slice(1, -1));
  if (token.kind !== 'word') return false;
  const word = stripTrailingPunctuation(token.text);
  return NUMBER_LOCATOR.test(word) || ROMAN.test(word);
}

/**
 * True when the tokens at `at` are a page locator clear enough to start a new item after
 * commentary: `[12]`, `[4.136]`, `3.45`, `ch. 4`. A bare number (`Brightwell 2000`), a roman
 * numeral or `(…)` is not: in commentary those are model numbers, years and asides.
 */
function isClearLocator(tokens: Token[], at: number): boolean {
  const token = tokens[at];
  if (!token) return false;
  if (token.kind === 'bracket') return /\d/.test(token.text);
  if (token.kind !== 'word') return false;
  const word = stripTrailingPunctuation(token.text);
  if (CHAPTER_PAGE.test(word)) return true;
  const next = tokens[at + 1];
  return CHAPTER_WORDS.has(word.toLowerCase()) && next !== undefined && next.kind === 'word' && NUMBER_LOCATOR.test(stripTrailingPunctuation(next.text));
}

/**
 * Reads an author name starting at `tokens[at]`: one capitalised word, a `Kernighan/Pike` pair,
 * or a name with particles (`Van Aken`, `Ruiz de Vega`). Returns how many tokens it used, or 0
 * when the word does not look like a name.
 */
function readAuthor(tokens: Token[], at: number): number {
  const first = tokens[at];
  if (first.kind !== 'word' || !isNameWord(stripTrailingPunctuation(first.text))) return 0;
  let used = 1;
  // `Van Aken`: a capitalised particle joins the capitalised name after it.
  const next = tokens[at + 1];
  if (first.text.length <= LONGEST_PARTICLE && PARTICLES.has(first.text.toLowerCase()) && next && next.kind === 'word' && isNameWord(stripTrailingPunctuation(next.text))) used = 2;
  while (
    tokens[at + used] && tokens[at + used + 1] && tokens[at + used].kind === 'word' && tokens[at + used + 1].kind === 'word' &&
    PARTICLES.has(tokens[at + used].text) && isNameWord(stripTrailingPunctuation(tokens[at + used + 1].text))
  ) {
    used += 2;
  }
  return used;
}

/**
 * The name that `tokens[at, at + count)` write, in composed form: `Müller` pasted from a PDF
 * (`u` and a combining diaeresis) is the `Müller` typed elsewhere. Its range stays the tokens'.
 */
function authorText(tokens: Token[], at: number, count: number): string {
  // Most names are one word: no list to make and join.
  if (count === 1) return composed(stripTrailingPunctuation(tokens[at].text));
  return composed(stripTrailingPunctuation(tokens.slice(at, at + count).map((token) => token.text).join(' ')));
}

/** The end of the name that `tokens[at, at + count)` write, without the punctuation after it. */
function authorEnd(tokens: Token[], at: number, count: number): number {
  const last = tokens[at + count - 1];
  return last.end - (last.text.length - stripTrailingPunctuation(last.text).length);
}

/** Whether `word` is a name particle (`van`, `de`, `la`…), which joins the capitalised name after it. */
export function isNameParticle(word: string): boolean {
  return PARTICLES.has(word.toLowerCase());
}

/**
 * Whether `name` reads as one whole author name where a 📙 item or a 📚 entry starts: `McGee`,
 * `Van Aken`, `Kernighan/Pike`, but not `mcgee`, `McGee food` or `O'Neil [3]`.
 */
export function readsAsAuthorName(name: string): boolean {
  const tokens = tokenize(name, 0, name.length);
  if (tokens.length === 0 || !isCapitalised(tokens[0].text)) return false;
  const used = readAuthor(tokens, 0);
  return used === tokens.length && authorText(tokens, 0, used) === composed(name);
}

/** What follows a 📙 marker, read once: where its citation ends, and its tokens. */
export interface CitationSpan {
  end: number;
  tokens: Token[];
}

export function readCitationSpan(line: string, markerEnd: number): CitationSpan {
  const end = markerSpanEnd(line, markerEnd, { allowLeadingUrl: true });
  return { end, tokens: tokenize(line, markerEnd, end) };
}

/** The first author a 📙 marker names, for collecting a note's known authors before parsing. */
export function firstCitedAuthor(span: CitationSpan): string | undefined {
  const { tokens } = span;
  if (tokens.length === 0 || tokens[0].kind !== 'word' || !isCapitalised(tokens[0].text)) return undefined;
  const used = readAuthor(tokens, 0);
  return used > 0 ? authorText(tokens, 0, used) : undefined;
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

/** Whether a name is a known author: one that begins some 📚 entry or some citation (§6.1). Given casefolded and as written. */
export type KnownAuthors = (folded: string, asWritten: string) => boolean;

/**
 * Parses the citation that a 📙 at `line[markerStart, markerEnd)` opens (DIALECT §6.1, with the
 * rules of Torii's issue 11):
 *
 * - the first capitalised word starts the first item, as its author (with particles);
 * - a new item after a locator starts only at a known author, or at a name followed by a clear
 *   page locator (`Lopez [301]`, `Lopez 3.45`, `Lopez ch. 4`); other capitalised words there
 *   are commentary (`📙 McGee [12] Sakai stones`);
 * - before a locator, a capitalised word is a title word (`Hale modern BBQ`) unless it is a
 *   known author (`📙 Raymond unix Buelta architecture [5]`);
 * - lowercase words after a locator followed by a clear locator are a new title by the same
 *   author (`📙 Chang skills [306] basics [105]`); otherwise they are commentary;
 * - `(…)` is a locator only when it holds pages or chapters; `(wet wheel)` is commentary;
 * - `+`, `;` and an em dash with prose after it end the items.
 *
 * `knownAuthors` holds what the note itself knows. Whether a name is known is workspace
 * knowledge, so the citation records the names where that decision was taken (`candidates`)
 * and its own text (`source`): the workspace index parses it again when the workspace knows
 * better (`reparseCitation`).
 */
export function parseCitation(
  line: string,
  lineNumber: number,
  markerStart: number,
  markerEnd: number,
  knownAuthors: ReadonlySet<string>,
  inQuote: boolean,
  span: CitationSpan = readCitationSpan(line, markerEnd),
): Citation {
  return parseSpan(line, markerStart, lineNumber, markerStart, markerEnd, span.end, (folded, asWritten) => knownAuthors.has(asWritten) || knownAuthors.has(folded), inQuote, span.tokens);
}

/**
 * The same citation read again with other knowledge of authors: a new Citation when the known
 * candidates differ from those it was read with, the same one otherwise.
 */
export function reparseCitation(citation: Citation, knownAuthors: KnownAuthors): Citation {
  if (!citation.candidates || citation.source === undefined) return citation;
  const known = citation.candidates.filter((name) => knownAuthors(name, name));
  const before = citation.knownCandidates ?? [];
  if (sameStrings(known, before)) return citation;
  const offset = citation.markerRange.start.character;
  const markerLength = citation.markerRange.end.character - offset;
  return parseSpan(citation.source, offset, citation.line, 0, markerLength, citation.source.length, knownAuthors, citation.inQuote);
}

/**
 * Parses `text[markerStart, end)` where `text[0]` sits at column `offset` of its line: `text` is
 * the whole line on the first reading and the citation's own source when it is read again.
 */
function parseSpan(
  text: string, offset: number, lineNumber: number, markerStart: number, markerEnd: number, end: number, isKnown: KnownAuthors, inQuote: boolean,
  tokens: Token[] = tokenize(text, markerEnd, end),
): Citation {
  const items: CitationItem[] = [];
  const candidates: string[] = [];
  const knownCandidates: string[] = [];
  const column = (index: number) => offset - markerStart + index;
  let current: CitationItem | undefined;
  let locatorStart = 0;
  let lastAuthor: { author: string; range: CitationItem['authorRange'] } | undefined;
  let pendingWords: Token[] = [];
  const finishRange = (item: CitationItem, stop: number) => {
    item.range = makeRange(lineNumber, item.range.start.character, column(stop));
  };
  const start = (kind: CitationItem['kind'], token: Token): CitationItem => {
    // All fields up front, in one order: one compact object shape for every item.
    const item: CitationItem = {
      kind, author: undefined, authorRange: undefined, title: undefined, locator: undefined, url: undefined, file: undefined,
      carriedOver: false, basis: undefined, range: makeRange(lineNumber, column(token.start), column(token.end)),
    };
    items.push(item);
    current = item;
    pendingWords = [];
    return item;
  };
  /** Whether the name at `tokens[at]` is known; the decision is recorded, as it may change with the workspace. */
  const decide = (name: string): boolean => {
    const key = authorKey(name);
    if (!candidates.includes(key)) candidates.push(key);
    const known = isKnown(key, name);
    if (known && !knownCandidates.includes(key)) knownCandidates.push(key);
    return known;
  };
  const startAuthor = (at: number, used: number, basis: NonNullable<CitationItem['basis']>): void => {
    const last = tokens[at + used - 1];
    const item = start('author', tokens[at]);
    item.author = authorText(tokens, at, used);
    item.basis = basis;
    item.authorRange = makeRange(lineNumber, column(tokens[at].start), column(authorEnd(tokens, at, used)));
    lastAuthor = { author: item.author, range: item.authorRange };
    finishRange(item, last.end);
  };

  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at];
    if (token.kind === 'stop') break;
    if (token.kind === 'url') {
      if (items.length === 0) start('url', token).url = token.text;
      break;
    }
    if (token.kind === 'code') {
      start('file', token).file = token.text.slice(1, -1);
      continue;
    }
    const word = stripTrailingPunctuation(token.text);
    const lower = word.length <= LONGEST_KEYWORD ? word.toLowerCase() : '';
    if (token.kind === 'word' && (lower === 'ibid' || lower === 'ibid.')) {
      start('ibid', token);
      continue;
    }
    if (token.kind === 'word' && CHAPTER_WORDS.has(lower) && tokens[at + 1] && isLocatorWord(tokens[at + 1])) {
      takeLocator(token, tokens[at + 1].end, isClearLocator(tokens, at));
      at++;
      continue;
    }
    if (isLocatorWord(token)) {
      takeLocator(token, token.end, isClearLocator(tokens, at));
      continue;
    }
    if (token.kind === 'paren') {
      // `(wet wheel)`: an aside, neither title nor locator.
      if (current?.locator !== undefined) pendingWords.push(token);
      continue;
    }
    const used = isCapitalised(word) ? readAuthor(tokens, at) : 0;
    if (used > 0) {
      if (current === undefined) {
        startAuthor(at, used, 'first');
        at += used - 1;
        continue;
      }
      const name = authorText(tokens, at, used);
      if (current.locator !== undefined && isClearLocator(tokens, at + used)) {
        startAuthor(at, used, 'locator');
        at += used - 1;
        continue;
      }
      if (decide(name)) {
        startAuthor(at, used, 'known');
        at += used - 1;
        continue;
      }
    }
    if (current === undefined) {
      // `📙 notebook [82]`, `📙 primer ch 8`: no author to hang the words on.
      start('unparsed', token).title = word;
      continue;
    }
    if (current.locator !== undefined) {
      // After a locator, words are commentary unless a clear locator follows: then they are a
      // new title by the same author (`📙 Chang skills [306] basics [105]`).
      pendingWords.push(token);
      continue;
    }
    current.title = current.title ? `${current.title} ${composed(word)}` : composed(word);
    finishRange(current, token.end);
  }
  const spanEnd = trimmedEnd(text, markerStart, end);
  const citation: Citation = {
    line: lineNumber,
    markerRange: makeRange(lineNumber, column(markerStart), column(markerEnd)),
    range: makeRange(lineNumber, column(markerStart), column(spanEnd)),
    items,
    inQuote,
  };
  if (candidates.length > 0) {
    citation.candidates = candidates.sort();
    citation.knownCandidates = knownCandidates.sort();
    citation.source = detachString(text.slice(markerStart, spanEnd));
  }
  return citation;

  /** Attaches a locator to the current item, or starts a carried-over item. */
  function takeLocator(token: Token, locatorEnd: number, clear: boolean): void {
    const locator = detachString(stripTrailingPunctuation(text.slice(token.start, locatorEnd)));
    if (current && current.locator === undefined) {
      current.locator = locator;
      locatorStart = token.start;
      finishRange(current, locatorEnd);
      return;
    }
    if (current && clear && pendingWords.length > 0 && lastAuthor) {
      const first = pendingWords[0];
      const item = start('author', first);
      item.author = lastAuthor.author;
      item.authorRange = lastAuthor.range;
      item.carriedOver = true;
      item.title = composed(detachString(text.slice(first.start, token.start).trim()));
      item.locator = locator;
      locatorStart = token.start;
      finishRange(item, locatorEnd);
      return;
    }
    if (current && clear && pendingWords.length === 0) {
      // `📙 Kleppmann 7, section 2`: a second locator of the same item.
      current.locator = detachString(stripTrailingPunctuation(text.slice(locatorStart, locatorEnd)));
      finishRange(current, locatorEnd);
      return;
    }
    if (current) {
      // `Brightwell 2000`, `vii`, `(6-7)` in commentary: not a page of anything.
      pendingWords.push(token);
      return;
    }
    const item = start('unparsed', token);
    item.locator = locator;
    locatorStart = token.start;
    finishRange(item, locatorEnd);
  }
}

function trimmedEnd(line: string, start: number, end: number): number {
  let cursor = end;
  while (cursor > start && isSpaceOrVs16Code(line.charCodeAt(cursor - 1))) cursor--;
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
    while (index < line.length && isSpaceOrVs16Code(line.charCodeAt(index))) index++;
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
  const used = tokens.length > 0 && isCapitalised(tokens[0].text) ? readAuthor(tokens, 0) : 0;
  if (used > 0) {
    entry.author = authorText(tokens, 0, used);
    entry.authorRange = makeRange(lineNumber, tokens[0].start, authorEnd(tokens, 0, used));
    const titleWords: string[] = [];
    for (const token of tokens.slice(used)) {
      if (token.kind !== 'word') break;
      const word = stripTrailingPunctuation(token.text);
      if (CHAPTER_WORDS.has(word.toLowerCase()) || NUMBER_LOCATOR.test(word)) break;
      titleWords.push(word);
    }
    entry.title = composed(titleWords.join(' '));
  }
  return entry;
}
