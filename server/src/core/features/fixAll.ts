/**
 * "Fix all dead links": every dead link whose fix is sure (`high` confidence: history proved the
 * move, or one note alone has the exact section) rewritten at once, like `eslint --fix`. Guesses
 * (an edit-distance typo, one of several notes with the name) are left for the user to pick.
 * The editor applies the result as one workspace edit; `torii fix` writes it to the files.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { resolveNoteReferences } from './check';
import type { ReferenceFix, ResolverOptions } from './resolve';
import type { Note } from '../syntax/note';
import { applyTextEdits } from '../text/positions';
import { parseNote } from '../syntax/parseNote';
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
  const sure: ReferenceFix[] = [];
  for (const { resolution } of resolveNoteReferences(index, path, options)) {
    // Warnings only: a link in a code fence is never diagnosed, and `pickles.md?` is the author's own question.
    if (resolution.severity !== 'warning' || (resolution.status !== 'dead_file' && resolution.status !== 'dead_section')) continue;
    if (!resolution.fix || resolution.fix.confidence !== 'high') result.left++;
    else sure.push(resolution.fix);
  }
  const kept = withoutAnchorChanges(index, path, sure);
  result.left += sure.length - kept.length;
  result.fixed = kept.length;
  for (const fix of kept) for (const edit of fix.edits) result.edits.push({ path, range: edit.range, newText: edit.newText });
  return result;
}

/**
 * The fixes whose edits leave the note's anchors as they are. A link that is also an anchor (an
 * item of a 📚 list that a bare 🗄 heads: a book entry and a target at once) loses the anchor when
 * a note part is put before it, and the links of other notes that led there would die of the fix
 * (found by the Fix all property). Such a fix waits to be picked by hand.
 */
function withoutAnchorChanges(index: WorkspaceIndex, path: string, fixes: ReferenceFix[]): ReferenceFix[] {
  const text = fixes.length > 0 ? index.getNote(path)?.readText() : undefined;
  if (text === undefined) return fixes;
  const before = anchorsByLine(parseNote(path, text));
  const after = anchorsByLine(parseNote(path, applyTextEdits(text, fixes.flatMap((fix) => fix.edits))));
  return fixes.filter((fix) => fix.edits.every((edit) => before.get(edit.range.start.line) === after.get(edit.range.start.line)));
}

/** Each line's anchors (kind and name), for the lines that have any. */
function anchorsByLine(note: Note): Map<number, string> {
  const lines = new Map<number, string>();
  for (const anchor of note.anchors) lines.set(anchor.line, `${lines.get(anchor.line) ?? ''}${anchor.kind}:${anchor.text}\n`);
  return lines;
}

/** The sure fixes of every note that has one, in path order. */
export function computeWorkspaceFixes(index: WorkspaceIndex, options: ResolverOptions): NoteFixes[] {
  return index
    .notePaths()
    .sort()
    .map((path) => computeNoteFixes(index, path, options))
    .filter((fixes) => fixes.fixed > 0 || fixes.left > 0);
}
