/**
 * The moved-section table (DIALECT §8.4): which notes have a strong anchor (heading, ALL-CAPS
 * line, bold label, term) with a given normal form or alias. A dead section is looked for there
 * when its note no longer has it.
 *
 * Ten thousand notes hold about 770,000 such names. A map from each name to its notes, filled
 * while the folder was read, cost the reading thread half a second and 13 MB of heap, and few
 * names are ever asked for. Instead each note's strong names come as fingerprints, two
 * independent 32-bit hashes each (`NoteKeys.strong`, computed beside the parse on a worker), and
 * the table sorts them all together the first time a name is asked for: three flat arrays (first
 * hash, second hash, note), 9 MB at 10,000 notes. A note found by the first hash counts only if
 * its second hash agrees too: a wrong answer needs both hashes of two different names to agree,
 * about one chance in 10¹⁴ per name asked at 50,000 distinct names. Notes that change afterwards
 * are looked at one by one until there are many of them; then the table is sorted again, from
 * its own rows and the changed notes' fingerprints, when next asked.
 */

import { fingerprintKey } from './noteKeys';
import { lowerBound, pairLowerBound } from './sortedSearch';

/** Notes changed since the table was sorted that are looked at one by one, at least (a sixteenth of the notes, when more). */
const MIN_CHANGED_BEFORE_RESORT = 256;
/** Answers kept at most: a check of 10,000 notes asks about 5,000 names, most more than once. */
const MAX_ANSWERS = 8_192;
const BUCKETS = 65_536;

interface Sorted {
  /** Every strong name's first hash, sorted… */
  hashes: Int32Array;
  /** …its second hash… */
  checks: Int32Array;
  /** …and the note it belongs to (an index in `paths`). */
  owners: Int32Array;
  paths: string[];
}

export class StrongKeyTable {
  private sorted: Sorted = { hashes: new Int32Array(0), checks: new Int32Array(0), owners: new Int32Array(0), paths: [] };
  /**
   * The notes put in, changed or taken out since the table was sorted, with their fingerprints
   * (undefined: taken out). Their rows in `sorted`, if any, no longer count.
   */
  private readonly pending = new Map<string, Int32Array | undefined>();

  /** Each note of `sorted.paths` by its number there, made when first needed (`noteHas`). */
  private numbers: Map<string, number> | undefined;

  /** The names asked for since the last change, and the notes found. */
  private readonly answers = new Map<string, readonly string[]>();

  /**
   * The note at `path` now has these strong fingerprints (`NoteKeys.strong`: pairs sorted by their
   * first int), or none when it was taken out.
   */
  setNote(path: string, fingerprints: Int32Array | undefined): void {
    this.answers.clear();
    this.pending.set(path, fingerprints && fingerprints.length > 0 ? fingerprints : undefined);
  }

  /**
   * The notes with a strong anchor whose normal form or an alias is `key`, each once, sorted (a
   * name such as `ZA` is in thousands of notes; the answer is kept, so it is sorted once).
   */
  notesWith(key: string): readonly string[] {
    const known = this.answers.get(key);
    if (known) return known;
    if (this.pending.size > Math.max(MIN_CHANGED_BEFORE_RESORT, this.sorted.paths.length >> 4)) this.sort();
    const [hash, check] = fingerprintKey(key);
    const found: string[] = [];
    this.scan(hash, check, (path) => {
      found.push(path);
    });
    found.sort();
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    this.answers.set(key, found);
    return found;
  }

  /**
   * How many notes `notesWith(key)` gives (at least), counted without listing them, and only up
   * to `upTo`: whether a name is rare is known after a few rows, where listing the notes of a
   * name in thousands of notes, and sorting them, is most of the work.
   */
  countWith(key: string, upTo = Infinity): number {
    const known = this.answers.get(key);
    if (known) return Math.min(known.length, upTo);
    const [hash, check] = fingerprintKey(key);
    let count = 0;
    this.scan(hash, check, () => ++count >= upTo);
    return Math.min(count, upTo);
  }

  /** Whether the note at `path` is one of `notesWith(key)`, without listing them. */
  noteHas(path: string, key: string): boolean {
    const [hash, check] = fingerprintKey(key);
    if (this.pending.has(path)) {
      const pairs = this.pending.get(path);
      return pairs !== undefined && holds(pairs, hash, check);
    }
    // The rows of one first hash are in the order of their notes' numbers (`sort`): the note's are
    // found by halving, where a name in thousands of notes (`SOURCES`) took a walk through them all.
    const { hashes, checks, owners } = this.sorted;
    const number = (this.numbers ??= new Map(this.sorted.paths.map((known, at) => [known, at]))).get(path);
    if (number === undefined) return false;
    let low = lowerBound(hashes, hash);
    // (A hash of 2³¹ − 1 gives 2³¹, above every row: the end.)
    let high = lowerBound(hashes, hash + 1);
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (owners[middle] < number) low = middle + 1;
      else high = middle;
    }
    for (let at = low; at < hashes.length && hashes[at] === hash && owners[at] === number; at++) if (checks[at] === check) return true;
    return false;
  }

  /**
   * Gives `visit` each note with the fingerprint: the notes of the sorted rows (those changed since
   * excepted), then the changed notes. Stops when `visit` returns true.
   */
  private scan(hash: number, check: number, visit: (path: string) => boolean | void): void {
    const { hashes, checks, owners, paths } = this.sorted;
    for (let at = lowerBound(hashes, hash); at < hashes.length && hashes[at] === hash; at++) {
      if (checks[at] === check && !this.pending.has(paths[owners[at]]) && visit(paths[owners[at]])) return;
    }
    for (const [path, pairs] of this.pending) if (pairs && holds(pairs, hash, check) && visit(path)) return;
  }

  /**
   * Sorts the rows still true and the pending notes' fingerprints into one table: counted into
   * 65,536 buckets by the top 16 bits of the first hash, then each bucket (a dozen rows at 10,000
   * notes) sorted by insertion. 58 ms at 10,000 notes, half the time of one numeric sort. The rows
   * of one first hash stay in the order of their notes' numbers: the old rows come in that order
   * (renumbered in order), the new notes' after them with higher numbers, and the insertion sort
   * moves no row past one of the same hash.
   */
  private sort(): void {
    const old = this.sorted;
    const paths: string[] = [];
    // The old notes that keep their rows, renumbered; then the pending ones.
    const renumbered = new Int32Array(old.paths.length).fill(-1);
    old.paths.forEach((path, number) => {
      if (!this.pending.has(path)) renumbered[number] = paths.push(path) - 1;
    });
    const added: Int32Array[] = [];
    for (const [path, pairs] of this.pending) {
      if (!pairs) continue;
      paths.push(path);
      added.push(pairs);
    }
    const firstAdded = paths.length - added.length;
    const starts = new Int32Array(BUCKETS + 1);
    for (let at = 0; at < old.hashes.length; at++) if (renumbered[old.owners[at]] >= 0) starts[bucketOf(old.hashes[at]) + 1]++;
    for (const pairs of added) for (let pair = 0; pair < pairs.length; pair += 2) starts[bucketOf(pairs[pair]) + 1]++;
    for (let bucket = 0; bucket < BUCKETS; bucket++) starts[bucket + 1] += starts[bucket];
    const total = starts[BUCKETS];
    const hashes = new Int32Array(total);
    const checks = new Int32Array(total);
    const owners = new Int32Array(total);
    const next = starts.slice(0, BUCKETS);
    const place = (hash: number, check: number, owner: number) => {
      const at = next[bucketOf(hash)]++;
      hashes[at] = hash;
      checks[at] = check;
      owners[at] = owner;
    };
    for (let at = 0; at < old.hashes.length; at++) {
      const owner = renumbered[old.owners[at]];
      if (owner >= 0) place(old.hashes[at], old.checks[at], owner);
    }
    added.forEach((pairs, index) => {
      for (let pair = 0; pair < pairs.length; pair += 2) place(pairs[pair], pairs[pair + 1], firstAdded + index);
    });
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      for (let at = starts[bucket] + 1; at < starts[bucket + 1]; at++) {
        const hash = hashes[at];
        const check = checks[at];
        const owner = owners[at];
        let to = at;
        for (; to > starts[bucket] && hashes[to - 1] > hash; to--) {
          hashes[to] = hashes[to - 1];
          checks[to] = checks[to - 1];
          owners[to] = owners[to - 1];
        }
        hashes[to] = hash;
        checks[to] = check;
        owners[to] = owner;
      }
    }
    this.sorted = { hashes, checks, owners, paths };
    this.numbers = undefined;
    this.pending.clear();
  }

  /** The typed arrays the table holds, for counting memory (`WorkspaceIndex.bufferBytes`). */
  buffers(): ArrayBufferView[] {
    const pending = [...this.pending.values()].filter((view): view is Int32Array => view !== undefined);
    return [this.sorted.hashes, this.sorted.checks, this.sorted.owners, ...pending];
  }
}

/** A hash's bucket: its top 16 bits, in the order of signed hashes. */
function bucketOf(hash: number): number {
  return (hash >> 16) + 32_768;
}

/** Whether `pairs` (sorted by their first int) hold the pair (hash, check). */
function holds(pairs: Int32Array, hash: number, check: number): boolean {
  for (let at = 2 * pairLowerBound(pairs, hash); at < pairs.length && pairs[at] === hash; at += 2) if (pairs[at + 1] === check) return true;
  return false;
}
