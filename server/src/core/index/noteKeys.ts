/**
 * The lookup keys of one note's anchors: the 32-bit hashes of every normal form, alias and
 * squashed form (DIALECT §8.1), each beside the anchor it belongs to, sorted by hash; and the
 * aliases of its strong anchors, which the workspace's moved-section map holds. Computing them
 * is most of the cost of indexing a note, so a worker thread computes them beside the parse.
 */

import type { Anchor } from '../syntax/note';
import { freshAnchorKeys } from './normalize';

/** Anchor kinds strong enough to say "the section moved there" (DIALECT §8.4, moved-section). */
export const MOVABLE_KINDS: ReadonlySet<string> = new Set(['heading', 'caps', 'bold', 'term']);

export interface NoteKeys {
  /** Pairs (hash, anchor index × 2 + 1 for a squashed form or 0 for an alias), sorted by hash, anchor, form. */
  rows: Int32Array;
  /** The distinct normal forms and aliases of the strong anchors, in anchor order, joined by newlines. */
  strong: string;
}

/** The keys of a note's anchors (those with a name). */
export function computeNoteKeys(anchors: readonly Pick<Anchor, 'text' | 'kind'>[]): NoteKeys {
  const rows: number[] = [];
  const strong = new Set<string>();
  for (let index = 0; index < anchors.length; index++) {
    const anchor = anchors[index];
    const text = anchor.text;
    if (!text) continue;
    const keys = freshAnchorKeys(text);
    const movable = MOVABLE_KINDS.has(anchor.kind);
    for (const alias of keys.aliases) {
      rows.push(hashKey(alias), index * 2);
      if (movable) strong.add(alias);
    }
    for (const squashed of keys.squashes) rows.push(hashKey(squashed), index * 2 + 1);
  }
  return { rows: sortRows(rows), strong: [...strong].join('\n') };
}

/** Sorts (hash, anchor-and-form) pairs by hash, then anchor, then form: the order lookups return anchors in. */
function sortRows(pairs: number[]): Int32Array {
  const count = pairs.length / 2;
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  order.sort((a, b) => pairs[2 * a] - pairs[2 * b] || pairs[2 * a + 1] - pairs[2 * b + 1]);
  const rows = new Int32Array(pairs.length);
  for (let index = 0; index < count; index++) {
    rows[2 * index] = pairs[2 * order[index]];
    rows[2 * index + 1] = pairs[2 * order[index] + 1];
  }
  return rows;
}

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
