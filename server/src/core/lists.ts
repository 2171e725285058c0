/** Small questions about lists, asked in several layers. */

/** True when two lists hold the same strings in the same order. */
export function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * The items of `items` in the order of `compare`, sorted only as far as they are read: the best
 * `first` are picked with a bounded heap (one comparison for most items) and sorted, and the rest
 * are sorted only if the caller reads past them. `compare` must be a total order (no two items
 * equal): then the items come exactly as `items.sort(compare)` would put them. For a long list
 * of which a few are wanted (🗄 completion ranks every note of the folder to offer 200).
 */
export function* bestFirst<T>(items: readonly T[], compare: (a: T, b: T) => number, first: number): Generator<T> {
  if (items.length <= first * 2) {
    yield* [...items].sort(compare);
    return;
  }
  // A heap whose root is the worst of the best so far.
  const heap: T[] = [];
  const worse = (i: number, j: number) => compare(heap[i], heap[j]) > 0;
  const siftDown = (from: number) => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let top = at;
      if (left < heap.length && worse(left, top)) top = left;
      if (right < heap.length && worse(right, top)) top = right;
      if (top === at) return;
      [heap[at], heap[top]] = [heap[top], heap[at]];
      at = top;
    }
  };
  const rest: T[] = [];
  for (const item of items) {
    if (heap.length < first) {
      heap.push(item);
      for (let at = heap.length - 1; at > 0 && worse(at, (at - 1) >> 1); at = (at - 1) >> 1) {
        const parent = (at - 1) >> 1;
        [heap[at], heap[parent]] = [heap[parent], heap[at]];
      }
    } else if (compare(item, heap[0]) < 0) {
      rest.push(heap[0]);
      heap[0] = item;
      siftDown(0);
    } else {
      rest.push(item);
    }
  }
  yield* heap.sort(compare);
  yield* rest.sort(compare);
}

/** Where a new item goes in a list kept in alphabetical order (`sortedListSlot`). */
export interface SortedListSlot {
  /** Whether an item of this key (folded as the list's keys are) goes there: at or after the one above, at or before the one below. */
  fits: (key: string) => boolean;
  /** Where that is, for an item's detail: `between Chang and Lopez`, `after Okafor`, `before Adams`. */
  place: string;
}

/**
 * Where the item being written at `line` goes in a list whose other items (`items`, in line order,
 * each with its folded `key` and its `name` as written) are in alphabetical order of their keys;
 * undefined when fewer than `minItems` of them are, or they are not all in order (a list in no
 * order says nothing of where an item goes). 📚 lists and bare 🗄 lists of the older real notes
 * are kept so.
 */
export function sortedListSlot(items: ReadonlyArray<{ line: number; name: string; key: string }>, line: number, minItems: number): SortedListSlot | undefined {
  if (items.length < minItems || !items.every((item, at) => at === 0 || items[at - 1].key <= item.key)) return undefined;
  const before = items.filter((item) => item.line < line).at(-1);
  const after = items.find((item) => item.line > line);
  return {
    fits: (key) => (before === undefined || key >= before.key) && (after === undefined || key <= after.key),
    place: before && after ? `between ${before.name} and ${after.name}` : before ? `after ${before.name}` : `before ${after!.name}`,
  };
}
