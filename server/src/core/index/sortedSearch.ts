/** Binary searches shared by the index's sorted tables. */

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
