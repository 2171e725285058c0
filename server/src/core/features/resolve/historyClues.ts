/** What git history says around a dead link: the old names near a name, the notes changed together with one. */

import { editDistance } from '../../index/normalize';
import { finalPath, lineageOf, type PathHistory } from '../../index/history';

/** Per history, the old basenames near a stem (a scan of every name the history knows), kept. */
const oldNamesNearMemo = new WeakMap<PathHistory, Map<string, string[]>>();

/** The basenames history ever knew (folded: `foldName`, with `.md`) within `limit` edits of `folded` (a stem folded the same way), itself excepted. */
export function oldNamesNear(history: PathHistory, folded: string, limit: number): string[] {
  let memo = oldNamesNearMemo.get(history);
  if (!memo) oldNamesNearMemo.set(history, (memo = new Map()));
  const key = `${limit}\0${folded}`;
  let near = memo.get(key);
  if (!near) {
    near = [...history.byBasename.keys()].filter((basename) => {
      const old = basename.replace(/\.md$/i, '');
      return old !== folded && Math.abs(old.length - folded.length) <= limit && editDistance(folded, old, limit) <= limit;
    });
    memo.set(key, near);
  }
  return near;
}

/**
 * The notes (by their present paths) that commits changing or deleting the note once known as
 * `origin` also changed or added: where its sections can have gone.
 */
export function changedTogether(history: PathHistory, origin: string): Set<string> {
  let cache = changedTogetherCache.get(history);
  if (!cache) changedTogetherCache.set(history, (cache = new Map()));
  const cached = cache.get(origin);
  if (cached) return cached;
  const lineage = lineageOf(history, origin);
  const together = new Set<string>();
  for (const commit of history.commits) {
    const touched = commit.modified.some((path) => lineage.has(path)) || commit.deleted.some((path) => lineage.has(path)) || commit.renamed.some((rename) => rename.similarity < 100 && lineage.has(rename.from));
    if (!touched) continue;
    for (const path of [...commit.added, ...commit.modified]) if (!lineage.has(path)) together.add(finalPath(history, path));
  }
  cache.set(origin, together);
  return together;
}

/** Per history (a new one replaces it after a refresh), the notes changed together with each origin. */
const changedTogetherCache = new WeakMap<PathHistory, Map<string, Set<string>>>();
