/**
 * The normal form, aliases and squashed form of anchor names and section parts (DIALECT §8.1).
 * Matching compares these strings, so `## hone (steel)` answers to `hone`, `steel`, `Hone`
 * and `hones`, and `# 🗂 KNIFERACK` answers to `knife rack`.
 */

import { stripEmoji } from '../syntax/emoji';

/**
 * Results of the pure functions below, by argument. Resolving a workspace asks for the same
 * names again and again (a section name in every reference to it, an anchor's keys on every
 * lookup into its note); each cache is emptied when it grows past its limit, so it never holds
 * more than a few thousand strings.
 */
class Memo<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: (key: string) => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }
}

const anchorKeyMemo = new Memo<NameKeys>(5_000);
const queryKeyMemo = new Memo<QueryKeys>(5_000);

const PLAIN_ASCII_WORDS = /^[a-zA-Z0-9'-]+(?: [a-zA-Z0-9'-]+)*$/;

/**
 * True for a name of ASCII letters, digits, hyphens and apostrophes in words one space apart
 * (`knife rack`, `GRIT CHART`, `x-ray`): its normal form is its lower case, of the same length.
 */
function isPlainAsciiWords(text: string): boolean {
  return PLAIN_ASCII_WORDS.test(text);
}

/**
 * True for a name of plain ASCII words with no word ending in `s` and no ` - ` parts: its only
 * alias is its lower case, and its only squashed form that without spaces, hyphens and apostrophes.
 */
export function isSimpleName(text: string): boolean {
  return isPlainAsciiWords(text) && !text.includes(' - ') && !/s(?:$|[^a-zA-Z])/i.test(text);
}

/** An ASCII character code in lower case (a simple name's normal form, code by code). */
export function lowerAsciiCode(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/** True for a lower-case ASCII letter or a digit: what a simple name's squashed form keeps. */
export function isSquashedCode(lowerCode: number): boolean {
  return (lowerCode >= 0x61 && lowerCode <= 0x7a) || (lowerCode >= 0x30 && lowerCode <= 0x39);
}

/**
 * True when `alias` is the normal form or an alias of the anchor name `text` (the test
 * `anchorKeys(text).aliases.has(alias)`); for a simple name, its lower case compared in place.
 */
export function hasAlias(text: string, alias: string): boolean {
  if (!isSimpleName(text)) return anchorKeys(text).aliases.has(alias);
  if (alias.length !== text.length) return false;
  for (let index = 0; index < text.length; index++) if (lowerAsciiCode(text.charCodeAt(index)) !== alias.charCodeAt(index)) return false;
  return true;
}

/**
 * True when `squashed` is a squashed form of the anchor name `text` (the test
 * `anchorKeys(text).squashes.has(squashed)`); for a simple name, compared in place.
 */
export function hasSquash(text: string, squashed: string): boolean {
  if (!isSimpleName(text)) return anchorKeys(text).squashes.has(squashed);
  let at = 0;
  for (let index = 0; index < text.length; index++) {
    const code = lowerAsciiCode(text.charCodeAt(index));
    if (!isSquashedCode(code)) continue;
    if (code !== squashed.charCodeAt(at++)) return false;
  }
  return at === squashed.length && at > 0;
}

/**
 * The normal form: NFC, no emoji / VS16 / ZWJ, no backticks or `_x_` emphasis, `’` → `'`,
 * casefolded, whitespace collapsed, `: ? ! . , ;` stripped at the ends.
 */
export function normalForm(text: string): string {
  // Most names are plain words: they need none of the replacements below but the case fold.
  if (PLAIN_ASCII_WORDS.test(text)) return text.toLowerCase();
  const prepared = /^[\x20-\x7e]*$/.test(text) ? text : stripEmoji(text.normalize('NFC'));
  return prepared
    .replace(/`/g, '')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s):,.;!?])/g, '$1$2')
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s:?!.,;]+|[\s:?!.,;]+$/g, '');
}

/** All word characters of the normal form: `cast-iron` and `cast iron` both squash to `castiron`. */
export function squash(normal: string): string {
  if (/^[\x00-\x7f]*$/.test(normal)) return normal.replace(/[^a-z0-9]/g, '');
  return normal.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The singular of one word, or the word itself. Words written in capitals are never
 * singularised (`ABS` must not become `AB`), nor words of three letters or fewer.
 */
export function singularWord(word: string, asWritten: string = word): string {
  // `(stones)` is the word `stones` between punctuation: singularise the letters only.
  const core = /^([^\p{L}]*)(.*?)([^\p{L}]*)$/u.exec(word)!;
  if (core[1] || core[3]) return core[1] + singularWord(core[2], asWritten.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')) + core[3];
  if (word.length <= 3 || (/[A-Z]{2}/.test(asWritten) && asWritten === asWritten.toUpperCase())) return word;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/ives$/.test(word)) return `${word.slice(0, -3)}fe`;
  if (/(ches|shes|xes|zes|sses)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The singular of a phrase, word by word, respecting the capitals of `asWritten`. */
export function singularPhrase(normal: string, asWritten: string): string {
  // Only words of four letters or more ending in s change; most names have none.
  if (!/s(?:$|[^a-z])/.test(normal)) return normal;
  const writtenWords = stripEmoji(asWritten).trim().split(/\s+/);
  const words = normal.split(' ');
  return words.map((word, index) => singularWord(word, writtenWords.length === words.length ? writtenWords[index] : word)).join(' ');
}

/** The strings a name answers to beyond its normal form, with their squashed forms. */
export interface NameKeys {
  normal: string;
  /** The normal form, each alias, and the singular of each. */
  aliases: Set<string>;
  /** The squashed form of every alias. */
  squashes: Set<string>;
}

/**
 * The keys of an anchor name: its normal form; the text without `( … )`; each parenthetical;
 * each part split on `/ + & | ,` and ` - `; each with a singular variant; and all squashed.
 * The result is shared between callers (it is remembered): read it, never change it.
 */
export function anchorKeys(text: string): NameKeys {
  return anchorKeyMemo.get(text, freshAnchorKeys);
}

/** `anchorKeys`, computed afresh and not remembered: for indexing, where each name comes once. */
export function freshAnchorKeys(text: string): NameKeys {
  const normal = normalForm(text);
  if (isPlainName(text)) {
    // A plain name (most of them): its normal form and its singular are all it answers to.
    const aliases = new Set([normal, singularPhrase(normal, text)]);
    const squashes = new Set([...aliases].map(squash).filter(Boolean));
    return { normal, aliases, squashes };
  }
  const written = new Set<string>([text]);
  const withoutAsides = text.replace(/\([^)]*\)/g, ' ');
  written.add(withoutAsides);
  for (const aside of text.matchAll(/\(([^)]*)\)/g)) written.add(aside[1]);
  for (const piece of [...written]) {
    for (const part of piece.split(/\s+-\s+|[/+&|,]/)) written.add(part);
  }
  const aliases = new Set<string>();
  for (const piece of written) {
    const pieceNormal = normalForm(piece);
    if (!pieceNormal) continue;
    aliases.add(pieceNormal);
    aliases.add(singularPhrase(pieceNormal, piece));
  }
  const squashes = new Set<string>();
  for (const alias of aliases) {
    const squashed = squash(alias);
    if (squashed) squashes.add(squashed);
  }
  return { normal, aliases, squashes };
}

/** True for a name with no parenthetical and no `/ + & | , -` parts: it answers to its normal form and singular only. */
function isPlainName(text: string): boolean {
  return !/[()/+&|,]|\s-\s/.test(text);
}

/**
 * Calls `onAlias` with each alias of `anchorKeys(text)` and then `onSquash` with each squashed
 * form, in the order of those sets, without making them: indexing asks this of every anchor.
 */
export function forEachAnchorKey(text: string, onAlias: (alias: string) => void, onSquash: (squashed: string) => void): void {
  if (!isPlainName(text)) {
    const keys = freshAnchorKeys(text);
    keys.aliases.forEach(onAlias);
    keys.squashes.forEach(onSquash);
    return;
  }
  const normal = normalForm(text);
  const singular = singularPhrase(normal, text);
  onAlias(normal);
  if (singular !== normal) onAlias(singular);
  const squashedNormal = squash(normal);
  if (squashedNormal) onSquash(squashedNormal);
  if (singular !== normal) {
    const squashedSingular = squash(singular);
    if (squashedSingular && squashedSingular !== squashedNormal) onSquash(squashedSingular);
  }
}

/** The keys a section part is looked up by (its normal form and singular, and their squashed forms). */
export interface QueryKeys {
  normal: string;
  variants: string[];
  squashes: string[];
}

/** The keys a section part is looked up by. The result is shared between callers: read it, never change it. */
export function queryKeys(text: string): QueryKeys {
  return queryKeyMemo.get(text, computeQueryKeys);
}

function computeQueryKeys(text: string): QueryKeys {
  const normal = normalForm(text);
  const variants = [...new Set([normal, singularPhrase(normal, text)])].filter(Boolean);
  const squashes = [...new Set(variants.map(squash))].filter(Boolean);
  return { normal, variants, squashes };
}

/** Two rows of the distance table, reused: a typo search computes thousands of distances. */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Levenshtein distance, giving up (returning `limit + 1`) once it is certain to exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(2 * (b.length + 1));
    currentRow = new Int32Array(2 * (b.length + 1));
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    const char = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = char === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length];
}
