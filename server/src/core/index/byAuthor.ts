/**
 * The index's values of each author (📚 entries, 📙 items), read from the notes when asked for
 * and the most recently asked kept.
 */

import { lowerBound } from './sortedSearch';

/**
 * How many authors' catalogs (and, apart, lists of 📚 entries and of citations) are kept, the most
 * recently asked: each holds every citation of its author, decoded, and what goes over many
 * authors reads small digests instead (`authorDigest`); the Books view, hovers and lookups ask for
 * one author at a time, and over a session would otherwise keep them all.
 */
const MAX_KEPT_AUTHORS = 16;

/**
 * Keeps `value` under `key` as the most recently asked (last in the map's order); beyond
 * `MAX_KEPT_AUTHORS`, drops the longest unasked and returns its key.
 */
export function keepRecent<V>(kept: Map<string, V>, key: string, value: V): string | undefined {
  kept.delete(key);
  kept.set(key, value);
  if (kept.size <= MAX_KEPT_AUTHORS) return undefined;
  const oldest = kept.keys().next().value as string;
  kept.delete(oldest);
  return oldest;
}

/**
 * Which notes hold values of each author (📚 entries or 📙 items), kept in path order, and how
 * many: replacing one note touches that note alone, however many notes cite the same author.
 * The values themselves are read from the notes (`valuesIn`) when an author's list is asked
 * for, and kept: the index holds two hundred thousand of them at ten thousand notes, and few
 * authors are ever asked for. When a note's values of an author change, only that note's are
 * read again at the next ask (a keystroke in a citation of an author cited in 2,700 notes read
 * them all again: 70 ms at 10,000 notes).
 */
export class ByAuthor<V extends { path: string }> {
  private readonly paths = new Map<string, string[]>();
  private readonly counts = new Map<string, number>();
  private readonly flat = new Map<string, V[]>();
  /** The notes whose values of an author changed since `flat` was made: read again at the next ask. */
  private readonly stale = new Map<string, Set<string>>();

  constructor(private readonly valuesIn: (path: string, author: string) => V[]) {}

  /** Counts one value of `author` in the note at `path`. */
  add(author: string, path: string): void {
    this.counts.set(author, (this.counts.get(author) ?? 0) + 1);
    let paths = this.paths.get(author);
    if (!paths) this.paths.set(author, (paths = []));
    // A folder is read in about path order, and a note's values come one after another: most adds are at the end.
    const last = paths.length === 0 ? undefined : paths[paths.length - 1];
    if (last === undefined || last < path) {
      paths.push(path);
    } else if (last !== path) {
      const at = lowerBound(paths, path);
      if (paths[at] !== path) paths.splice(at, 0, path);
    }
    this.changed(author, path);
  }

  /** The values of `author` in the note at `path` changed, not how many there are: they are read again when next asked for. */
  valuesChanged(author: string, path: string): void {
    this.changed(author, path);
  }

  /** Uncounts one value of `author` in the note at `path`: its last one takes the note off the author's list. */
  remove(author: string, path: string): void {
    const paths = this.paths.get(author);
    if (!paths) return;
    const count = this.counts.get(author)! - 1;
    this.changed(author, path);
    if (count > 0) {
      this.counts.set(author, count);
    } else {
      this.counts.delete(author);
      this.paths.delete(author);
      this.flat.delete(author);
      this.stale.delete(author);
      return;
    }
    // The caller removes every value of the note, one at a time: the note leaves the list at the first.
    const at = lowerBound(paths, path);
    if (paths[at] === path) paths.splice(at, 1);
  }

  /** Marks the note's values of the author to be read again, when the author's list is kept. */
  private changed(author: string, path: string): void {
    if (!this.flat.has(author)) return;
    let notes = this.stale.get(author);
    if (!notes) this.stale.set(author, (notes = new Set()));
    notes.add(path);
  }

  get(author: string): readonly V[] {
    let values = this.flat.get(author);
    if (!values || this.stale.has(author)) {
      values = this.merged(author);
      this.stale.delete(author);
    }
    if (this.paths.has(author)) {
      const dropped = keepRecent(this.flat, author, values);
      if (dropped !== undefined) this.stale.delete(dropped);
    } else {
      this.flat.delete(author);
    }
    return values;
  }

  /**
   * The author's values in note order, so that an index updated note by note answers as a
   * rebuilt one does: those kept for notes that did not change, read again for those that did.
   */
  private merged(author: string): V[] {
    const paths = this.paths.get(author);
    if (!paths) return [];
    const kept = this.flat.get(author);
    if (!kept) return paths.flatMap((path) => this.valuesIn(path, author));
    const stale = this.stale.get(author);
    const values: V[] = [];
    let at = 0;
    for (const path of paths) {
      // Kept values are grouped by note in the same order; a changed note's, and those of notes no longer listed, are skipped.
      while (at < kept.length && kept[at].path < path) at++;
      if (stale?.has(path)) {
        values.push(...this.valuesIn(path, author));
        while (at < kept.length && kept[at].path === path) at++;
      } else {
        while (at < kept.length && kept[at].path === path) values.push(kept[at++]);
      }
    }
    return values;
  }

  /** The author's values, read afresh and not kept (`get` keeps them). */
  read(author: string): V[] {
    return this.flat.has(author) ? this.merged(author) : (this.paths.get(author) ?? []).flatMap((path) => this.valuesIn(path, author));
  }

  keys(): IterableIterator<string> {
    return this.paths.keys();
  }

  /** How many authors' lists are kept. */
  get keptLists(): number {
    return this.flat.size;
  }

  /** The notes that have values of the author, in path order (nothing is read from them). */
  pathsOf(author: string): readonly string[] {
    return this.paths.get(author) ?? [];
  }

  /** How many values the author has, without building their list. */
  count(author: string): number {
    return this.counts.get(author) ?? 0;
  }

  has(author: string): boolean {
    return this.paths.has(author);
  }

  render(describe: (value: V) => string): Array<[string, string[]]> {
    return [...this.paths.keys()].sort().map((author) => [author, this.get(author).map(describe).sort()]);
  }
}
