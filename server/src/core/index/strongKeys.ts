/**
 * The moved-section table (DIALECT §8.4): which notes have a strong anchor (heading, ALL-CAPS
 * line, bold label, term) with a given normal form or alias. A dead section is looked for there
 * when its note no longer has it.
 *
 * Ten thousand notes hold about 770,000 such names. A map from each name to its notes, filled
 * while the folder was read, cost the reading thread half a second and 13 MB of heap, and few
 * names are ever asked for. Instead each note carries its strong names as fingerprints, two
 * independent 32-bit hashes each (`NoteKeys.strong`, computed beside the parse on a worker), and
 * this table sorts the first hashes of every note together the first time a name is asked for.
 * A note found by the first hash counts only if it also has the second: a wrong answer needs
 * both hashes of two different names to agree, about one chance in 10¹⁴ per name asked at
 * 50,000 distinct names. Notes that change afterwards are looked at one by one until there are
 * many of them; then the table is sorted again when next asked.
 */

import { fingerprintKey } from './noteKeys';

/** What the table reads of the index. */
export interface StrongKeySource {
  /** Every note's path. */
  notePaths(): Iterable<string>;
  /** A note's strong fingerprints (pairs, sorted by their first int), or undefined when there is no note at `path`. */
  strongFingerprints(path: string): Int32Array | undefined;
}

/** Notes changed since the table was sorted that are looked at one by one, at least (a sixteenth of the notes, when more). */
const MIN_CHANGED_BEFORE_RESORT = 256;
/** Answers kept at most: a check of 10,000 notes asks about 5,000 names, most more than once. */
const MAX_ANSWERS = 8_192;
interface Sorted {
  /** Every note's first hashes, sorted (for equal hashes, in note order)… */
  hashes: Int32Array;
  /** …and the number of the note each belongs to. */
  owners: Int32Array;
  /** The notes, by number, and their fingerprints when the table was sorted. */
  paths: string[];
  fingerprints: Int32Array[];
}

export class StrongKeyTable {
  private sorted: Sorted | undefined;
  /** Notes put in, changed or taken out since `sorted` was made: their rows there no longer count. */
  private readonly changed = new Set<string>();
  /** The names asked for since the last change, and the notes found. */
  private readonly answers = new Map<string, readonly string[]>();

  constructor(private readonly source: StrongKeySource) {}

  /** The strong names of the note at `path` changed: it was put in, read with other anchors, or taken out. */
  noteChanged(path: string): void {
    this.answers.clear();
    if (!this.sorted) return;
    this.changed.add(path);
    if (this.changed.size > Math.max(MIN_CHANGED_BEFORE_RESORT, this.sorted.paths.length >> 4)) {
      this.sorted = undefined;
      this.changed.clear();
    }
  }

  /** The notes with a strong anchor whose normal form or an alias is `key`, each once. */
  notesWith(key: string): readonly string[] {
    const known = this.answers.get(key);
    if (known) return known;
    const [hash, check] = fingerprintKey(key);
    const { hashes, owners, paths, fingerprints } = (this.sorted ??= this.sort());
    const found: string[] = [];
    for (let at = lowerBound(hashes, hash); at < hashes.length && hashes[at] === hash; at++) {
      const note = owners[at];
      if (holds(fingerprints[note], hash, check) && !this.changed.has(paths[note])) found.push(paths[note]);
    }
    for (const path of this.changed) if (holds(this.source.strongFingerprints(path), hash, check)) found.push(path);
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    this.answers.set(key, found);
    return found;
  }

  /**
   * Sorts every note's first hashes: counted into 65,536 buckets by their top 16 bits, in note
   * order, then each bucket (a dozen hashes at 10,000 notes) sorted by insertion, which keeps
   * that order: half the time of one numeric sort of hash and note packed in a number.
   */
  private sort(): Sorted {
    const paths: string[] = [];
    const fingerprints: Int32Array[] = [];
    const starts = new Int32Array(BUCKETS + 1);
    for (const path of this.source.notePaths()) {
      const pairs = this.source.strongFingerprints(path);
      if (!pairs || pairs.length === 0) continue;
      paths.push(path);
      fingerprints.push(pairs);
      for (let pair = 0; pair < pairs.length; pair += 2) starts[bucketOf(pairs[pair]) + 1]++;
    }
    for (let bucket = 0; bucket < BUCKETS; bucket++) starts[bucket + 1] += starts[bucket];
    const total = starts[BUCKETS];
    const hashes = new Int32Array(total);
    const owners = new Int32Array(total);
    const next = starts.slice(0, BUCKETS);
    for (let note = 0; note < paths.length; note++) {
      const pairs = fingerprints[note];
      for (let pair = 0; pair < pairs.length; pair += 2) {
        const at = next[bucketOf(pairs[pair])]++;
        hashes[at] = pairs[pair];
        owners[at] = note;
      }
    }
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      for (let at = starts[bucket] + 1; at < starts[bucket + 1]; at++) {
        const hash = hashes[at];
        const owner = owners[at];
        let to = at;
        for (; to > starts[bucket] && hashes[to - 1] > hash; to--) {
          hashes[to] = hashes[to - 1];
          owners[to] = owners[to - 1];
        }
        hashes[to] = hash;
        owners[to] = owner;
      }
    }
    this.changed.clear();
    return { hashes, owners, paths, fingerprints };
  }
}

const BUCKETS = 65_536;

/** A hash's bucket: its top 16 bits, in the order of signed hashes. */
function bucketOf(hash: number): number {
  return (hash >> 16) + 32_768;
}

/** Whether `pairs` (sorted by their first int) hold the pair (hash, check). */
function holds(pairs: Int32Array | undefined, hash: number, check: number): boolean {
  if (!pairs) return false;
  let low = 0;
  let high = pairs.length / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (pairs[2 * middle] < hash) low = middle + 1;
    else high = middle;
  }
  for (let at = 2 * low; at < pairs.length && pairs[at] === hash; at += 2) if (pairs[at + 1] === check) return true;
  return false;
}

/** The first index of `sorted` whose value is not below `value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
