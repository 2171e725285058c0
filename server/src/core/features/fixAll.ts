/**
 * "Fix all dead links": every dead link whose fix is sure (`high` confidence: history proved the
 * move, or one note alone has the exact section) rewritten at once, like `eslint --fix`. Guesses
 * (an edit-distance typo, one of several notes with the name) are left for the user to pick.
 * The editor applies the result as one workspace edit; `torii fix` writes it to the files.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { resolveNoteReferences } from './check';
import type { ResolverOptions } from './resolve';
import type { NoteEdit } from './quickFixes';

/** The sure fixes of one note. */
export interface NoteFixes {
  path: string;
  edits: NoteEdit[];
  /** How many links the edits fix. */
  fixed: number;
  /** Dead links left as they are: no fix, or one that is only a guess. */
  left: number;
}

/** The sure fixes of the dead links in `path`, as edits of that note. */
export function computeNoteFixes(index: WorkspaceIndex, path: string, options: ResolverOptions): NoteFixes {
  const result: NoteFixes = { path, edits: [], fixed: 0, left: 0 };
  for (const { resolution } of resolveNoteReferences(index, path, options)) {
    // Warnings only: a link in a code fence is never diagnosed, and `pickles.md?` is the author's own question.
    if (resolution.severity !== 'warning' || (resolution.status !== 'dead_file' && resolution.status !== 'dead_section')) continue;
    if (!resolution.fix || resolution.fix.confidence !== 'high') {
      result.left++;
      continue;
    }
    result.fixed++;
    for (const edit of resolution.fix.edits) result.edits.push({ path, range: edit.range, newText: edit.newText });
  }
  return result;
}

/** The sure fixes of every note that has one, in path order. */
export function computeWorkspaceFixes(index: WorkspaceIndex, options: ResolverOptions): NoteFixes[] {
  return index
    .notePaths()
    .sort()
    .map((path) => computeNoteFixes(index, path, options))
    .filter((fixes) => fixes.fixed > 0 || fixes.left > 0);
}
