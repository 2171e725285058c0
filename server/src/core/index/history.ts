/**
 * The collection's history (DIALECT §8.1, §8.6): every note path that ever existed, which were
 * renamed to what, and which were deleted, with the notes added by the same commit (the heirs of
 * a split). Built from `git log --name-status -M` text; the core never runs git itself.
 */

export interface PathHistory {
  /** Old path → the path it was renamed to (the last rename wins). */
  renamedTo: Map<string, string>;
  /** Deleted path → the `.md` paths the deleting commit added or renamed into. */
  deleted: Map<string, string[]>;
  /** Every path that ever existed, by basename (casefolded), for bare names. */
  byBasename: Map<string, Set<string>>;
}

/**
 * Parses `git log --name-status -M --reverse --format=%x00%H` output (oldest commit first).
 * Lines look like `R087\told.md\tnew.md`, `D\tgone.md`, `A\tnew.md`.
 */
export function parseGitNameStatus(log: string): PathHistory {
  const history: PathHistory = { renamedTo: new Map(), deleted: new Map(), byBasename: new Map() };
  const remember = (path: string) => {
    const basename = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    let set = history.byBasename.get(basename);
    if (!set) history.byBasename.set(basename, (set = new Set()));
    set.add(path);
  };
  for (const commit of log.split('\0')) {
    const added: string[] = [];
    const deletedHere: string[] = [];
    for (const line of commit.split('\n')) {
      const fields = line.split('\t');
      const status = fields[0];
      if (/^R\d*$/.test(status) && fields.length >= 3) {
        history.renamedTo.set(fields[1], fields[2]);
        history.deleted.delete(fields[2]);
        remember(fields[1]);
        remember(fields[2]);
        added.push(fields[2]);
      } else if (status === 'A' && fields[1]) {
        // A path that comes back is no longer deleted, nor renamed away.
        history.deleted.delete(fields[1]);
        history.renamedTo.delete(fields[1]);
        remember(fields[1]);
        added.push(fields[1]);
      } else if (status === 'D' && fields[1]) {
        deletedHere.push(fields[1]);
        remember(fields[1]);
      } else if (status === 'M' && fields[1]) {
        remember(fields[1]);
      }
    }
    for (const path of deletedHere) history.deleted.set(path, added.filter((heir) => /\.md$/i.test(heir)));
  }
  return history;
}

export type HistoryOutcome =
  | { kind: 'moved'; from: string; to: string }
  | { kind: 'deleted'; from: string; heirs: string[] };

/**
 * What became of a note written as `name` (a path or a bare name, with `.md`): the first of the
 * paths that ever matched it whose rename chain ends at a note that `exists`, or else one that
 * ends in a deletion.
 */
export function followHistory(history: PathHistory, name: string, exists: (path: string) => boolean): HistoryOutcome | undefined {
  const basename = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const candidates = [...(history.byBasename.get(basename) ?? [])]
    .filter((path) => path === name || path.endsWith(`/${name}`) || (!name.includes('/') && path.toLowerCase().endsWith(basename)))
    .sort();
  let deletion: HistoryOutcome | undefined;
  for (const start of candidates) {
    let path = start;
    const seen = new Set<string>();
    while (history.renamedTo.has(path) && !seen.has(path)) {
      seen.add(path);
      path = history.renamedTo.get(path)!;
    }
    if (path !== start && exists(path)) return { kind: 'moved', from: start, to: path };
    const heirs = history.deleted.get(path);
    if (heirs && !exists(path)) deletion ??= { kind: 'deleted', from: start, heirs: heirs.map((heir) => finalPath(history, heir)).filter(exists) };
  }
  return deletion;
}

function finalPath(history: PathHistory, path: string): string {
  let current = path;
  const seen = new Set<string>();
  while (history.renamedTo.has(current) && !seen.has(current)) {
    seen.add(current);
    current = history.renamedTo.get(current)!;
  }
  return current;
}
