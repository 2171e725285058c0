/**
 * Which notes' diagnostics depend on what: a two-way map from a note (the source) to the keys its
 * last check looked at (other notes, anchor names), so that a change to one key finds the notes
 * to check again.
 */
export class Dependencies {
  private readonly keysBySource = new Map<string, Set<string>>();
  private readonly sourcesByKey = new Map<string, Set<string>>();

  /** Replaces what `source` depends on. */
  set(source: string, keys: Iterable<string>): void {
    this.forget(source);
    const set = new Set(keys);
    if (set.size === 0) return;
    this.keysBySource.set(source, set);
    for (const key of set) {
      let sources = this.sourcesByKey.get(key);
      if (!sources) this.sourcesByKey.set(key, (sources = new Set()));
      sources.add(source);
    }
  }

  forget(source: string): void {
    for (const key of this.keysBySource.get(source) ?? []) {
      const sources = this.sourcesByKey.get(key);
      sources?.delete(source);
      if (sources?.size === 0) this.sourcesByKey.delete(key);
    }
    this.keysBySource.delete(source);
  }

  /** The notes whose last check looked at `key`. */
  sourcesOf(key: string): ReadonlySet<string> {
    return this.sourcesByKey.get(key) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
