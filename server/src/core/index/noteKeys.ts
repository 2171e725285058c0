/**
 * The lookup keys of one note's anchors: the 32-bit hashes of every normal form, alias and
 * squashed form (DIALECT §8.1), each beside the anchor it belongs to, sorted by hash; and the
 * fingerprints of its strong anchors' aliases, which the workspace's moved-section table holds.
 * Computing them is most of the cost of indexing a note, so a worker thread computes them beside
 * the parse.
 */

import type { Anchor, AnchorKind, Citation, Note } from '../syntax/note';
import { reparseCitation } from '../syntax/citations';
import { forEachAnchorKey, isSimpleName, isSquashedCode, lowerAsciiCode } from './normalize';
import { authorKey, foldName } from '../text/names';

/**
 * Anchor kinds strong enough to say "the section moved there" (DIALECT §8.4, moved-section): the
 * moved-section table holds their names, and the resolver matches a moved section against them.
 */
export const STRONG_KINDS: readonly AnchorKind[] = ['heading', 'caps', 'bold', 'term'];
export const MOVABLE_KINDS: ReadonlySet<string> = new Set(STRONG_KINDS);

export interface NoteKeys {
  /**
   * Pairs (hash, anchor index × 4 + forms), sorted by hash then anchor, one per hash and anchor:
   * `forms` has 1 when a normal form or alias of the anchor has that hash, 2 when a squashed form
   * has (3: both, as for a one-word name, whose squashed form is its normal form).
   */
  rows: Int32Array;
  /**
   * The distinct normal forms and aliases of the strong anchors as fingerprints (`fingerprintKey`:
   * two ints each), sorted by their first int (`StrongKeyTable` reads them).
   */
  strong: Int32Array;
  /** The authors the note lists and cites, when a worker read them beside the parse. */
  authors?: NoteAuthors;
  /** The note names its 🗄 links write (`writtenNoteNames`), when a worker read them beside the parse. */
  written?: string;
}

/**
 * The names of notes a note's 🗄 links write outside code fences, each once, sorted, one per line
 * (one string per note: ten thousand notes' arrays took megabytes more): the stem of the file
 * part, folded as `foldName` folds it (`` `Food/Money.md` `` → `money`). How many notes write a
 * name tells a name meant as written (another collection's note, linked from note after note)
 * from a slip.
 */
export function writtenNoteNames(note: Pick<Note, 'references'>): string {
  const names = new Set<string>();
  for (const reference of note.references) {
    if (reference.inFence || !reference.file) continue;
    names.add(writtenNameOf(reference.file.text));
  }
  return [...names].sort().join('\n');
}

/**
 * The stem a note or a written name is known by, folded (`foldName`: composed, lower case), for
 * the names a verdict depends on (`ResolutionDependencies.names`): `food/bread/Flour.md` →
 * `flour`, `#meta.md` → `meta`; `crème.md` written decomposed → `crème` composed.
 */
export function nameStem(written: string): string {
  return foldName(written.slice(written.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '').replace(/^#/, ''));
}

/** The name a file part writes, as `writtenNoteNames` lists it (folded): `` `Food/Money.md` `` → `money`. */
function writtenNameOf(written: string): string {
  return foldName(written.slice(written.lastIndexOf('/') + 1).replace(/\.md$/i, ''));
}

/**
 * The sections the note's 🗄 links name under each note name they write (as `writtenNoteNames`
 * writes it: `` `Food/Money.md` budget `` → `money` → `budget`), each once, in order: one pass
 * over the links for every name.
 */
export function linkedSectionsByName(note: Pick<Note, 'references'>): Map<string, string[]> {
  const byName = new Map<string, Set<string>>();
  for (const reference of note.references) {
    if (reference.inFence || !reference.file || !reference.section) continue;
    const name = writtenNameOf(reference.file.text);
    let sections = byName.get(name);
    if (!sections) byName.set(name, (sections = new Set()));
    sections.add(reference.section.text);
  }
  return new Map([...byName].map(([name, sections]) => [name, [...sections]]));
}

/**
 * Each note name the note's 🗄 links write with the section they name there, one per line
 * (`money\tbudget`), sorted, and under the note's own name (`path`) the sections its links
 * without a note part name: the sections links expect in each note, which verdicts on dead links
 * read (a note renamed without history, `sectionsLinkedUnder`; a note's lost sections, `lostNames`).
 */
export function expectedSections(note: Pick<Note, 'references'>, path: string): string {
  const own = writtenNameOf(path);
  const lines = new Set<string>();
  for (const reference of note.references) {
    if (reference.inFence || !reference.section) continue;
    lines.add(`${reference.file ? writtenNameOf(reference.file.text) : own}\t${reference.section.text}`);
  }
  return [...lines].sort().join('\n');
}

/** The names of `writtenNoteNames`, one by one. */
export function splitNoteNames(written: string): string[] {
  return written ? written.split('\n') : [];
}

/**
 * What a note says of authors, as the index keeps it: the authors (casefolded) of its 📚 entries
 * and 📙 items, and the names it makes known or depends on, so that the index need not decode
 * the note to add it.
 */
export interface NoteAuthors {
  /** One per 📚 entry with an author, in note order. */
  listed: string[];
  /** One per 📙 item with an author, in note order. */
  cited: string[];
  /** The names the note makes known (`knownAuthorsOf`). */
  known: string[];
  /** The names whose being known or not changes how the note's citations read (`candidatesOf`). */
  candidates: string[];
}

/**
 * The authors of a note's 📚 entries and 📙 items, in note order, and what it tells the
 * workspace about known authors. `parsed` is the note as its own text reads; the workspace may
 * decide its citations otherwise (`decided`), and then the cited authors are the decided ones'.
 */
export function computeNoteAuthors(parsed: Pick<Note, 'bookLists' | 'citations'>, decided: Pick<Note, 'bookLists' | 'citations'> = parsed): NoteAuthors {
  const listed: string[] = [];
  for (const list of decided.bookLists) for (const entry of list.entries) if (entry.author) listed.push(authorKey(entry.author));
  const cited: string[] = [];
  for (const citation of decided.citations) for (const item of citation.items) if (item.author) cited.push(authorKey(item.author));
  return { listed, cited, known: knownAuthorsOf(parsed), candidates: candidatesOf(parsed) };
}

/**
 * The names a note makes known (casefolded, once per 📚 entry or citation item): 📚 entry
 * authors, and citation authors read with no knowledge at all that have a title or a locator.
 * Reading with no knowledge keeps this free of circles: no name is known because it was known.
 */
export function knownAuthorsOf(note: Pick<Note, 'bookLists' | 'citations'>): string[] {
  const names: string[] = [];
  for (const list of note.bookLists) for (const entry of list.entries) if (entry.author) names.push(authorKey(entry.author));
  for (const citation of note.citations) {
    const plain: Citation = citation.knownCandidates?.length ? reparseCitation(citation, () => false) : citation;
    for (const item of plain.items) {
      if (item.author && !item.carriedOver && (item.basis === 'first' || item.basis === 'locator') && (item.title || item.locator)) names.push(authorKey(item.author));
    }
  }
  return names;
}

/** The names (casefolded) on which the reading of the note's citations depends. */
export function candidatesOf(note: Pick<Note, 'citations'>): string[] {
  const names = new Set<string>();
  for (const citation of note.citations) for (const name of citation.candidates ?? []) names.add(name);
  return [...names];
}

/** Rows packed in one number each, hash × 2²¹ + anchor-and-form, so that a plain numeric sort orders them. */
const PACK = 2 ** 21;

/** The collector's buffers, kept from note to note (grown as needed). */
let packedRows = new Float64Array(1024);
let strongScratch = new Int32Array(256);

/**
 * Collects the rows of one note. Its two callbacks are made once per note, not once per anchor:
 * a workspace has a million anchors.
 */
class KeyCollector {
  packed = packedRows;
  count = 0;
  strong = strongScratch;
  strongCount = 0;
  anchor = 0;
  movable = false;

  readonly onAlias = (alias: string): void => {
    const hash = hashKey(alias);
    this.push(hash * PACK + this.anchor * 2);
    if (this.movable) this.pushStrong(hash, checkHash(alias));
  };

  readonly onSquash = (squashed: string): void => {
    this.push(hashKey(squashed) * PACK + this.anchor * 2 + 1);
  };

  private pushStrong(hash: number, check: number): void {
    if (this.strongCount + 2 > this.strong.length) {
      const grown = new Int32Array(this.strong.length * 2);
      grown.set(this.strong);
      this.strong = strongScratch = grown;
    }
    this.strong[this.strongCount++] = hash;
    this.strong[this.strongCount++] = check;
  }

  private push(row: number): void {
    if (this.count === this.packed.length) {
      const grown = new Float64Array(this.packed.length * 2);
      grown.set(this.packed);
      this.packed = packedRows = grown;
    }
    this.packed[this.count++] = row;
  }

  /**
   * The keys of a simple name (`isSimpleName`: ASCII words, none ending in `s`, no ` - ` between
   * them; most anchor names, `knife rack`, `GRIT CHART`), hashed as its characters are read
   * instead of made into strings first. Its normal form is its lower case, it has no other alias,
   * and its squashed form is the lower case without spaces, hyphens and apostrophes: the keys
   * `forEachAnchorKey` gives, in the same order. False, with nothing added, for any other name.
   */
  addSimpleName(text: string): boolean {
    if (!isSimpleName(text)) return false;
    const length = text.length;
    let normal = FNV_OFFSET;
    let check = CHECK_SEED ^ length;
    let squashed = FNV_OFFSET;
    let squashedLength = 0;
    for (let index = 0; index < length; index++) {
      const code = lowerAsciiCode(text.charCodeAt(index));
      normal = Math.imul(normal ^ code, FNV_PRIME);
      check = Math.imul(check ^ code, CHECK_PRIME);
      check ^= check >>> 15;
      if (isSquashedCode(code)) {
        squashed = Math.imul(squashed ^ code, FNV_PRIME);
        squashedLength++;
      }
    }
    const hash = normal | 0;
    this.push(hash * PACK + this.anchor * 2);
    if (this.movable) this.pushStrong(hash, finishCheckHash(check));
    if (squashedLength > 0) this.push((squashed | 0) * PACK + this.anchor * 2 + 1);
    return true;
  }

  rows(): Int32Array {
    const sorted = this.packed.subarray(0, this.count).sort();
    const rows = new Int32Array(this.count * 2);
    let length = 0;
    for (let index = 0; index < this.count; index++) {
      const hash = Math.floor(sorted[index] / PACK);
      length = addRow(rows, length, hash, sorted[index] - hash * PACK);
    }
    return rows.slice(0, length);
  }

  strongFingerprints(): Int32Array {
    return distinctSortedPairs(this.strong.subarray(0, this.strongCount));
  }
}

/**
 * Adds the row (hash, anchor index × 2 + form) to the `length` ints of `rows` sorted so far, as
 * `NoteKeys.rows` holds it: merged into the last row when it is of the same hash and anchor.
 * Returns the new length.
 */
function addRow(rows: Int32Array, length: number, hash: number, anchorAndForm: number): number {
  const anchor = anchorAndForm >>> 1;
  const form = anchorAndForm & 1 ? 2 : 1;
  if (length > 0 && rows[length - 2] === hash && rows[length - 1] >>> 2 === anchor) {
    rows[length - 1] |= form;
    return length;
  }
  rows[length] = hash;
  rows[length + 1] = anchor * 4 + form;
  return length + 2;
}

/** Scratch space of `distinctSortedPairs` (grown as needed). */
let pairOrder = new Float64Array(256);

/**
 * The distinct pairs of `pairs`, sorted by their first int (pairs with the same first int, rare,
 * in the order given), in a new array. One numeric sort of (first + 2³¹) × 2²¹ + pair number.
 */
function distinctSortedPairs(pairs: Int32Array): Int32Array {
  const count = pairs.length / 2;
  if (count >= PACK) return distinctPairsByComparison(pairs);
  if (pairOrder.length < count) pairOrder = new Float64Array(Math.max(count, pairOrder.length * 2));
  const order = pairOrder.subarray(0, count);
  for (let pair = 0; pair < count; pair++) order[pair] = (pairs[2 * pair] + 2 ** 31) * PACK + pair;
  order.sort();
  const result = new Int32Array(pairs.length);
  let length = 0;
  let runStart = 0;
  for (let index = 0; index < count; index++) {
    const packed = order[index];
    const pair = packed % PACK;
    const first = pairs[2 * pair];
    const second = pairs[2 * pair + 1];
    if (length === 0 || result[length - 2] !== first) runStart = length;
    let seen = false;
    for (let at = runStart; at < length && !seen; at += 2) seen = result[at + 1] === second;
    if (seen) continue;
    result[length++] = first;
    result[length++] = second;
  }
  return result.slice(0, length);
}

function distinctPairsByComparison(pairs: Int32Array): Int32Array {
  const sorted = sortRows(Array.from(pairs));
  const result: number[] = [];
  for (let at = 0; at < sorted.length; at += 2) {
    if (at > 0 && sorted[at] === sorted[at - 2] && sorted[at + 1] === sorted[at - 1]) continue;
    result.push(sorted[at], sorted[at + 1]);
  }
  return Int32Array.from(result);
}

/** The keys of a note's anchors (those with a name). */
export function computeNoteKeys(anchors: readonly Pick<Anchor, 'text' | 'kind'>[]): NoteKeys {
  // A note of a million anchors or more does not fit the packing (never seen): its rows are sorted apart.
  if (anchors.length * 2 >= PACK) return computeLargeNoteKeys(anchors);
  const collector = new KeyCollector();
  for (let index = 0; index < anchors.length; index++) {
    const anchor = anchors[index];
    const text = anchor.text;
    if (!text) continue;
    collector.anchor = index;
    collector.movable = MOVABLE_KINDS.has(anchor.kind);
    if (!collector.addSimpleName(text)) forEachAnchorKey(text, collector.onAlias, collector.onSquash);
  }
  return { rows: collector.rows(), strong: collector.strongFingerprints() };
}

function computeLargeNoteKeys(anchors: readonly Pick<Anchor, 'text' | 'kind'>[]): NoteKeys {
  const rows: number[] = [];
  const strong: number[] = [];
  for (let index = 0; index < anchors.length; index++) {
    const anchor = anchors[index];
    const text = anchor.text;
    if (!text) continue;
    const movable = MOVABLE_KINDS.has(anchor.kind);
    forEachAnchorKey(
      text,
      (alias) => {
        const hash = hashKey(alias);
        rows.push(hash, index * 2);
        if (movable) strong.push(hash, checkHash(alias));
      },
      (squashed) => rows.push(hashKey(squashed), index * 2 + 1),
    );
  }
  const sorted = sortRows(rows);
  let length = 0;
  for (let at = 0; at < sorted.length; at += 2) length = addRow(sorted, length, sorted[at], sorted[at + 1]);
  return { rows: sorted.slice(0, length), strong: distinctSortedPairs(Int32Array.from(strong)) };
}

/** The distinct normal forms and aliases of a note's strong anchors, in anchor order. */
export function computeStrongKeys(anchors: readonly Pick<Anchor, 'text' | 'kind'>[]): string[] {
  const keys = new Set<string>();
  const add = (alias: string) => keys.add(alias);
  for (const anchor of anchors) if (anchor.text && MOVABLE_KINDS.has(anchor.kind)) forEachAnchorKey(anchor.text, add, () => undefined);
  return [...keys];
}

/** Sorts (hash, anchor-and-form) pairs by hash, then anchor, then form: the order lookups return anchors in. */
function sortRows(pairs: number[]): Int32Array {
  const count = pairs.length / 2;
  const order = Array.from({ length: count }, (_, index) => index);
  order.sort((a, b) => pairs[2 * a] - pairs[2 * b] || pairs[2 * a + 1] - pairs[2 * b + 1]);
  const rows = new Int32Array(pairs.length);
  for (let index = 0; index < count; index++) {
    rows[2 * index] = pairs[2 * order[index]];
    rows[2 * index + 1] = pairs[2 * order[index] + 1];
  }
  return rows;
}

/**
 * A name's fingerprint: `hashKey` and `checkHash`, two independent 32-bit hashes. Two different
 * names share one only when both hashes agree by chance: about once in 2⁶⁴ pairs.
 */
export function fingerprintKey(key: string): [number, number] {
  return [hashKey(key), checkHash(key)];
}

const CHECK_SEED = 0x9747b28c;
const CHECK_PRIME = 0x5bd1e995;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A second hash, independent of `hashKey` (a multiply-xorshift over UTF-16 code units), for fingerprints. */
export function checkHash(key: string): number {
  let hash = CHECK_SEED ^ key.length;
  for (let index = 0; index < key.length; index++) {
    hash = Math.imul(hash ^ key.charCodeAt(index), CHECK_PRIME);
    hash ^= hash >>> 15;
  }
  return finishCheckHash(hash);
}

function finishCheckHash(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
export function hashKey(key: string): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash | 0;
}
