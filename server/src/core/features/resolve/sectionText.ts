/**
 * Sections looked for in a note's text rather than among its anchors: a phrase written in prose
 * (the text-only and text-under-head rules, DIALECT §8.4), and a heading a letter or two from the
 * section written (a typo's fix).
 */

import { linesOf, type IndexedNote } from '../../index/workspaceIndex';
import { editDistance, normalForm } from '../../index/normalize';
import { STRONG_KINDS } from '../../index/noteKeys';
import { FILE_CABINET, writableAsSection } from '../../syntax/references';
import { eitherFormPattern } from '../../text/names';

interface TextPatterns {
  whole: { test(line: string): boolean };
  needle: RegExp;
}

/**
 * How to find `phrase` in a note's text: `whole` tests a line for it as whole words,
 * case-insensitively (no letter, digit or `_` just before or after); `needle` is its longest word
 * (the rarest) with the same flags, a quick test that holds wherever `whole` does and lowercases
 * no line. Undefined for a phrase too short to mean anything, and for one longer than
 * `MAX_TEXT_PHRASE`: no section is named so, and V8 refuses a pattern of a word over about 32,000
 * characters or of thousands of words (the check threw on such a line, found by the fuzz run).
 */
function textPatterns(phrase: string): TextPatterns | undefined {
  if (textPatternCache.has(phrase)) return textPatternCache.get(phrase);
  if (textPatternCache.size >= MAX_TEXT_PATTERNS) textPatternCache.clear();
  const words = normalForm(phrase).split(' ');
  const longest = words.reduce((word, next) => (next.length > word.length ? next : word), '');
  const length = words.join(' ').length;
  let patterns: TextPatterns | undefined;
  if (length >= 3 && length <= MAX_TEXT_PHRASE) {
    // The words alone, and the boundaries tested at each match: a lookbehind for Unicode letters
    // under `iu` took about 200 µs to compile per phrase (a check of 10,000 notes made 1,117).
    const phraseWords = new RegExp(words.map(eitherFormPattern).join('\\s+'), 'giu');
    patterns = {
      needle: new RegExp(eitherFormPattern(longest), 'iu'),
      whole: {
        test(line: string): boolean {
          phraseWords.lastIndex = 0;
          for (let match = phraseWords.exec(line); match; match = phraseWords.exec(line)) {
            const end = match.index + match[0].length;
            if (!wordCharacterBefore(line, match.index) && !wordCharacterAt(line, end)) return true;
            // Matches may overlap: go on from the next code point, as the engine would. One code
            // unit on would land inside a surrogate pair, and a `u` pattern steps back to the
            // pair's start: the same match again, forever (a phrase starting with 𠀀 after a letter).
            phraseWords.lastIndex = match.index + (line.codePointAt(match.index)! > 0xffff ? 2 : 1);
          }
          return false;
        },
      },
    };
  }
  textPatternCache.set(phrase, patterns);
  return patterns;
}

/** `textPatterns` by phrase: one serves every caller (`whole` sets its own `lastIndex` before each search). */
const textPatternCache = new Map<string, TextPatterns | undefined>();
const MAX_TEXT_PATTERNS = 4096;
/** The longest section name (in characters, once normalised) looked for as text. */
const MAX_TEXT_PHRASE = 1000;

// A combining mark belongs to the letter before it: `cafe` is not a word of `café` written
// decomposed, nor `xyz` of `éxyz`.
const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}_]/u;
const WORD_CHARACTER_BEFORE = /[\p{L}\p{M}\p{N}_]$/u;

/** Whether the code point ending at `index` is a letter, a combining mark, a digit or `_`. */
function wordCharacterBefore(line: string, index: number): boolean {
  return index > 0 && WORD_CHARACTER_BEFORE.test(line.slice(Math.max(0, index - 2), index));
}

/** Whether the code point starting at `index` is a letter, a combining mark, a digit or `_`. */
function wordCharacterAt(line: string, index: number): boolean {
  return index < line.length && WORD_CHARACTER.test(line.slice(index, index + 2));
}

function withoutUrls(line: string): string {
  return line.replace(/https?:\/\/\S+/g, ' ');
}

function fencedLines(entry: IndexedNote): Set<number> {
  const lines = new Set<number>();
  for (const fence of entry.note.fences) for (let line = fence.startLine; line <= fence.endLine; line++) lines.add(line);
  return lines;
}

/**
 * The lines a text search passes over: `excludeLine` (the reference's own), and every line that
 * holds a 🗄 link, whose words are a link's and not prose: with the marker, or a list item under
 * a lone 🗄, which has none on its line.
 */
export function linkLineSkipper(entry: IndexedNote, excludeLine: number | undefined): (line: number, text: string) => boolean {
  let linkLines: Set<number> | undefined;
  return (line, text) => {
    if (line === excludeLine || text.includes(FILE_CABINET)) return true;
    linkLines ??= new Set(entry.note.references.map((reference) => reference.line));
    return linkLines.has(line);
  };
}

/**
 * The first line from `first` to `last` of the note's current text where `phrase` occurs as
 * whole words, outside code fences and URLs, and not on a line `skip` rules out. The longest word
 * is looked for first, on the whole text and then per line: the exact test runs on the few lines
 * that contain it at all.
 */
export function findPhrase(entry: IndexedNote, phrase: string, first: number, last: number, skip?: (line: number, text: string) => boolean): number | undefined {
  const patterns = textPatterns(phrase);
  if (!patterns) return undefined;
  const text = entry.readText();
  if (text === undefined || !patterns.needle.test(text)) return undefined;
  const lines = linesOf(text);
  let fenced: Set<number> | undefined;
  for (let line = first; line <= last && line < lines.length; line++) {
    if (!patterns.needle.test(lines[line]) || skip?.(line, lines[line])) continue;
    fenced ??= fencedLines(entry);
    if (!fenced.has(line) && patterns.whole.test(withoutUrls(lines[line]))) return line;
  }
  return undefined;
}

/** A note's strong anchors with a name, and their normal forms: what the typo search compares. */
interface StrongNames {
  indices: number[];
  normals: string[];
  /** Whether the name has parts (`a / b`, `x (y)`), whose aliases are compared too. */
  withParts: boolean[];
}

/**
 * The strong names of the notes searched for typos last, by their lookup rows: a note keeps its
 * rows while its anchors keep their kinds and names, so a note being typed in keeps these too
 * (its dead same-note sections are searched again at every keystroke). A few notes only, and only
 * those `keep` names (the note being typed in): a check searches thousands of notes once each, and
 * names kept for them lived just long enough to be copied to the old generation (24 MB at 10k).
 */
const strongNamesByRows = new Map<Int32Array, StrongNames>();
const MAX_STRONG_NAMES_KEPT = 16;

/**
 * The names of the note searched last, kept or not: a dead section asks for a typo and then for a
 * longer name in the same note, and each made them anew (at 10k, profiled: 0.4 s of a check of 3.9 s, now 0.2 s).
 */
let lastStrongNames: { rows: Int32Array; names: StrongNames } | undefined;

function strongNamesOf(entry: IndexedNote, keep: boolean): StrongNames {
  const rows = entry.computedRows;
  if (rows && lastStrongNames?.rows === rows) return lastStrongNames.names;
  const kept = rows && strongNamesByRows.get(rows);
  if (kept) return kept;
  const names: StrongNames = { indices: [], normals: [], withParts: [] };
  const anchors = entry.note.anchors;
  for (let index = 0; index < anchors.length; index++) {
    const anchor = anchors[index];
    if (!STRONG_KINDS.includes(anchor.kind) || !anchor.text) continue;
    names.indices.push(index);
    names.normals.push(normalForm(anchor.text));
    names.withParts.push(/[()/+&|,]|\s-\s/.test(anchor.text));
  }
  if (rows && keep) {
    if (strongNamesByRows.size >= MAX_STRONG_NAMES_KEPT) strongNamesByRows.delete(strongNamesByRows.keys().next().value!);
    strongNamesByRows.set(rows, names);
  }
  if (rows) lastStrongNames = { rows, names };
  return names;
}

/**
 * A strong anchor within edit distance 1 (2 for 8 or more characters) of `text`, if one is
 * unique. `keep`: the note's names are kept for the next search (the note being typed in).
 */
export function findTypo(entry: IndexedNote, text: string, excludeLine: number | undefined, keep: boolean): { text: string; line: number } | undefined {
  const normal = normalForm(text);
  if (normal.length < 5) return undefined;
  const limit = normal.length >= 8 ? 2 : 1;
  let best: { text: string; line: number; distance: number } | undefined;
  const { indices, normals, withParts } = strongNamesOf(entry, keep);
  for (let at = 0; at < indices.length; at++) {
    const whole = normals[at];
    // A name without parts that is too long or too short cannot be near: the distance is at least the difference.
    if (!withParts[at] && Math.abs(whole.length - normal.length) > limit) continue;
    const index = indices[at];
    const anchor = entry.anchor(index);
    if (anchor.line === excludeLine) continue;
    const distance = editDistance(normal, whole, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { text: anchor.text, line: anchor.line, distance };
    if (best?.distance === 0 || !withParts[at]) continue;
    // `bracdet` is one letter off `## bracket (coconut)` by its part `bracket`: the fix writes that part.
    for (const alias of entry.anchorKeys(index).aliases) {
      if (alias === whole || alias.length < 5) continue;
      const aliasDistance = editDistance(normal, alias, limit);
      if (aliasDistance <= limit && (!best || aliasDistance < best.distance)) best = { text: alias, line: anchor.line, distance: aliasDistance };
    }
  }
  return best;
}

/**
 * The one strong anchor whose name holds every word of `text` and more, in order: together, or
 * with `apart` other words between them too (`dull kiln` in `## rough dull kiln`, `steel / marinade`
 * in `## steel / brine marinade`): a section renamed by a word added, or a link that writes part of
 * a name. Undefined when none or several do.
 */
export function findLongerName(entry: IndexedNote, text: string, excludeLine: number | undefined, apart = false): { text: string; line: number } | undefined {
  const normal = normalForm(text);
  if (!normal) return undefined;
  const words = normal.split(' ');
  const { indices, normals } = strongNamesOf(entry, false);
  let found: { text: string; line: number } | undefined;
  for (let at = 0; at < indices.length; at++) {
    const name = normals[at];
    if (name.length <= normal.length || !(nameHoldsWords(name, normal) || (apart && holdsInOrder(name.split(' '), words)))) continue;
    const anchor = entry.anchor(indices[at]);
    // A name a link cannot write as its section (`## KNIVES 🗄 \`a.md\``, `a.md KNIVES`) is no fix.
    if (anchor.line === excludeLine || found?.line === anchor.line || !writableAsSection(anchor.text)) continue;
    // Two names hold them (`lemon` in `narrow lemon` and `long lemon`): nothing tells which.
    if (found && normalForm(found.text) !== name) return undefined;
    found ??= { text: anchor.text, line: anchor.line };
  }
  return found;
}

/** Whether the normal form `name` holds the normal form `words` as whole words (`kiln` in `dull kiln`, not in `kilns`). */
export function nameHoldsWords(name: string, words: string): boolean {
  for (let at = name.indexOf(words); at >= 0; at = name.indexOf(words, at + 1)) {
    const end = at + words.length;
    if ((at === 0 || name[at - 1] === ' ') && (end === name.length || name[end] === ' ')) return true;
  }
  return false;
}

/** Whether `words` occur in `name`'s words in the same order, others between them allowed. */
function holdsInOrder(name: readonly string[], words: readonly string[]): boolean {
  let next = 0;
  for (const word of name) if (next < words.length && word === words[next]) next++;
  return next === words.length;
}
