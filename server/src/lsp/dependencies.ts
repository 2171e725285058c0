import { sameStrings } from '../core/lists';

/**
 * Which notes' diagnostics depend on what: a two-way map from a note (the source) to the keys its
 * last check looked at (other notes, anchor names), so that a change to one key finds the notes
 * to check again.
 *
 * Ten thousand notes hold a few hundred thousand pairs, so both sides are lists, not sets (a set
 * each took several times the memory), and a key looked at by one note alone, as most are, keeps
 * that note as a plain string.
 */
export class Dependencies {
  private readonly keysBySource = new Map<string, readonly string[]>();
  private readonly sourcesByKey = new Map<string, string | string[]>();

  /**
   * Replaces what `source` depends on. The same keys as before, in the same order, change
   * nothing (a keystroke in a note with hundreds of links leaves most of them as they were).
   */
  set(source: string, keys: Iterable<string>): void {
    const list = [...new Set(keys)];
    const before = this.keysBySource.get(source);
    if (before && sameStrings(before, list)) return;
    this.forget(source);
    if (list.length === 0) return;
    this.keysBySource.set(source, list);
    // `forget` took `source` off every key: it is in none of the lists below.
    for (const key of list) {
      const sources = this.sourcesByKey.get(key);
      if (sources === undefined) this.sourcesByKey.set(key, source);
      else if (typeof sources === 'string') this.sourcesByKey.set(key, [sources, source]);
      else sources.push(source);
    }
  }

  forget(source: string): void {
    for (const key of this.keysBySource.get(source) ?? []) {
      const sources = this.sourcesByKey.get(key);
      if (sources === source) {
        this.sourcesByKey.delete(key);
      } else if (Array.isArray(sources)) {
        const at = sources.indexOf(source);
        if (at >= 0) sources.splice(at, 1);
        if (sources.length === 1) this.sourcesByKey.set(key, sources[0]);
      }
    }
    this.keysBySource.delete(source);
  }

  /** The notes whose last check looked at `key`, in the order they were set (one set again with other keys comes last). */
  sourcesOf(key: string): readonly string[] {
    const sources = this.sourcesByKey.get(key);
    return sources === undefined ? EMPTY : typeof sources === 'string' ? [sources] : sources;
  }
}

const EMPTY: readonly string[] = [];
