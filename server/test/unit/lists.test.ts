/** Small list helpers of the core: `bestFirst` gives exactly what a full sort gives, read as far as wanted. */

import * as assert from 'assert';
import { bestFirst } from '../../src/core/lists';
import { lcg } from './support';

describe('bestFirst', () => {
  // A total order with many ties on the first key, as 🗄 completion has (most notes score alike).
  const compare = (a: { score: number; name: string }, b: { score: number; name: string }) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

  it('gives the items in the order a full sort gives, whether read to the end or only the first few', () => {
    const next = lcg(7);
    for (const [length, first] of [[0, 5], [3, 5], [10, 5], [11, 5], [50, 5], [400, 16], [1000, 200], [1000, 1]] as const) {
      const items = Array.from({ length }, (_, n) => ({ score: Math.floor(next() * 4), name: `n${n}` }));
      const sorted = [...items].sort(compare);
      assert.deepStrictEqual([...bestFirst(items, compare, first)], sorted, `${length} items, ${first} first`);
      // Read only as far as the first few, or a little past them.
      const taken: typeof items = [];
      for (const item of bestFirst(items, compare, first)) {
        if (taken.length === first + 3) break;
        taken.push(item);
      }
      assert.deepStrictEqual(taken, sorted.slice(0, first + 3));
    }
  });

  it('leaves the list it was given as it was', () => {
    const items = [3, 1, 2, 5, 4, 9, 0, 7, 8, 6].map((score) => ({ score, name: String(score) }));
    const before = [...items];
    [...bestFirst(items, compare, 2)];
    assert.deepStrictEqual(items, before);
  });
});
