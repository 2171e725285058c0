/**
 * Maps from a string key to a few strings, as the index keeps its notes by basename, folder and
 * written name.
 */

const NO_STRINGS: readonly string[] = [];

/**
 * Strings by key, each value once, in the order added: a set of strings per key, stored as the
 * string itself while there is one (nearly always: a basename names one note, a deletion key
 * comes from one stem). Ten thousand notes make hundreds of thousands of keys; a `Set` for each
 * took a hundred bytes more.
 */
export class StringMultimap {
  protected readonly values = new Map<string, string | string[]>();

  add(key: string, value: string): void {
    const known = this.values.get(key);
    if (known === undefined) this.values.set(key, value);
    else if (typeof known === 'string') {
      if (known !== value) this.values.set(key, [known, value]);
    } else if (!known.includes(value)) known.push(value);
  }

  remove(key: string, value: string): void {
    const known = this.values.get(key);
    if (known === undefined) return;
    if (typeof known === 'string') {
      if (known === value) this.values.delete(key);
      return;
    }
    const rest = known.filter((other) => other !== value);
    this.values.set(key, rest.length === 1 ? rest[0] : rest);
  }

  get(key: string): readonly string[] {
    const known = this.values.get(key);
    return known === undefined ? NO_STRINGS : typeof known === 'string' ? [known] : known;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  /** Sorted keys with sorted values, for the index's snapshot. */
  render(): Array<[string, string[]]> {
    return [...this.values.keys()].sort().map((key) => [key, [...this.get(key)].sort()]);
  }
}

/**
 * Key → values, in no order, each value put in once by its caller and taken out once: no search
 * on adding. A name written by thousands of notes (at 10,000 notes, a popular note's) made the
 * duplicate check of `StringMultimap` the larger part of counting the names as notes are read.
 */
export class UnorderedMultimap extends StringMultimap {
  override add(key: string, value: string): void {
    const known = this.values.get(key);
    if (known === undefined) this.values.set(key, value);
    else if (typeof known === 'string') this.values.set(key, [known, value]);
    else known.push(value);
  }

  override remove(key: string, value: string): void {
    const known = this.values.get(key);
    if (known === undefined) return;
    if (typeof known === 'string') {
      if (known === value) this.values.delete(key);
      return;
    }
    const at = known.indexOf(value);
    if (at < 0) return;
    known[at] = known[known.length - 1];
    known.pop();
    if (known.length === 1) this.values.set(key, known[0]);
  }
}
