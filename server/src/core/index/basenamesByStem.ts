/**
 * Note names one edit apart (the file typo rule, DIALECT §8.6): every basename by the length of
 * its stem, so that a stem is compared only with stems of a length one apart or less, and then
 * by a bit mask of its characters before the full comparison.
 */

import { foldName } from '../text/names';

function stemOf(basename: string): string {
  return foldName(basename.replace(/\.md$/i, '').replace(/^#/, ''));
}

/**
 * True when `a` and `b` share a single-deletion key (the string itself, or it with one UTF-16
 * unit deleted). Outside their common prefix and suffix, two strings of one length must differ
 * in one place or by a shift (`ab` / `ba`, `xyz` / `yzw` over the differing stretch); a string one
 * longer must be the other with one unit inserted.
 */
export function shareDeletionKey(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let start = 0;
  while (start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  if (a.length > b.length) {
    // `b` is `a` without one unit: the one after the common prefix will do.
    for (let index = start; index < b.length; index++) if (a.charCodeAt(index + 1) !== b.charCodeAt(index)) return false;
    return true;
  }
  if (start === a.length) return true;
  let end = a.length - 1;
  while (end > start && a.charCodeAt(end) === b.charCodeAt(end)) end--;
  // The differing stretch [start, end]: one unit deleted from each side of it.
  let aShifted = true;
  let bShifted = true;
  for (let index = start; index < end && (aShifted || bShifted); index++) {
    if (a.charCodeAt(index + 1) !== b.charCodeAt(index)) aShifted = false;
    if (b.charCodeAt(index + 1) !== a.charCodeAt(index)) bShifted = false;
  }
  return aShifted || bShifted;
}

/** The basenames whose stems have one length, beside their stems and the stems' `letterMask`s. */
interface StemList {
  stems: string[];
  masks: number[];
  basenames: string[];
}

/** One bit per character code modulo 32 that occurs in `text`. */
function letterMask(text: string): number {
  let mask = 0;
  for (let index = 0; index < text.length; index++) mask |= 1 << (text.charCodeAt(index) & 31);
  return mask;
}

function bitCount(value: number): number {
  let rest = value - ((value >>> 1) & 0x55555555);
  rest = (rest & 0x33333333) + ((rest >>> 2) & 0x33333333);
  return (((rest + (rest >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function addStem(lists: Map<number, StemList>, basename: string): void {
  const stem = stemOf(basename);
  let list = lists.get(stem.length);
  if (!list) lists.set(stem.length, (list = { stems: [], masks: [], basenames: [] }));
  list.stems.push(stem);
  list.masks.push(letterMask(stem));
  list.basenames.push(basename);
}

function removeStem(lists: Map<number, StemList>, basename: string): void {
  const stem = stemOf(basename);
  const list = lists.get(stem.length);
  const at = list ? list.basenames.indexOf(basename) : -1;
  if (at < 0) return;
  list!.stems.splice(at, 1);
  list!.masks.splice(at, 1);
  list!.basenames.splice(at, 1);
  if (list!.basenames.length === 0) lists.delete(stem.length);
}

/** The basenames of the workspace by the length of their stems, kept up to date by the index. */
export class BasenamesByStem {
  private readonly lists = new Map<number, StemList>();

  add(basename: string): void {
    addStem(this.lists, basename);
  }

  remove(basename: string): void {
    removeStem(this.lists, basename);
  }

  /**
   * Basenames whose stem (without `.md` and a leading `#`) shares a single-deletion
   * key with `stem` (`shareDeletionKey`), both folded (`foldName`), sorted.
   */
  near(stem: string): string[] {
    const query = foldName(stem);
    const mask = letterMask(query);
    const found: string[] = [];
    for (let length = query.length - 1; length <= query.length + 1; length++) {
      const list = this.lists.get(length);
      if (!list) continue;
      for (let at = 0; at < list.stems.length; at++) {
        // Strings that share a deletion key differ in at most one character each: two bits of their masks.
        if (bitCount(mask ^ list.masks[at]) > 2) continue;
        if (shareDeletionKey(query, list.stems[at])) found.push(list.basenames[at]);
      }
    }
    return found.sort();
  }

  /** Each stem length with its `stem:basename` pairs, sorted, for the index's snapshot. */
  render(): Array<[number, string[]]> {
    return [...this.lists].sort(([a], [b]) => a - b).map(([length, list]) => [length, list.basenames.map((basename, at) => `${list.stems[at]}:${basename}`).sort()]);
  }
}
