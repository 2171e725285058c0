/** Sorted lists: the binary searches shared by the index's sorted tables, and merging. */

/** The first index of `sorted` whose value is not below `value`. */
export function lowerBound<T extends number | string>(sorted: ArrayLike<T>, value: T): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The first pair of `pairs` (two ints each, sorted by their first) whose first int is not below
 * `value`, as a pair number (its ints are at twice that).
 */
export function pairLowerBound(pairs: Int32Array, value: number): number {
  let low = 0;
  let high = pairs.length / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (pairs[2 * middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The strings of two sorted lists, sorted, each once. */
export function mergeSorted(a: readonly string[], b: readonly string[]): readonly string[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (merged.length === 0 || merged[merged.length - 1] !== next) merged.push(next);
  }
  return merged;
}
