/**
 * Fix all dead links: the `source.fixAll.torii` code action for one note (VS Code's "Fix All",
 * or `editor.codeActionsOnSave`), and the `torii.fixAll` command for every note of the workspace.
 * Each applies only the sure fixes, as one workspace edit (one undo).
 */

import type { CodeAction } from 'vscode-languageserver';
import { computeNoteFixes, computeWorkspaceFixes } from '../../core/features/fixAll';
import { plainRange } from '../../core/text/positions';
import { FIX_ALL_KIND } from '../capabilities';
import type { NoteHandle, Session } from '../session';

/** True when a code action request asks for Torii's fix-all kind or a kind above it (`source`, `source.fixAll`). */
export function wantsFixAll(only: readonly string[] | undefined): boolean {
  return only !== undefined && only.some((kind) => kind === FIX_ALL_KIND || FIX_ALL_KIND.startsWith(`${kind}.`));
}

/** The note's "Fix all dead links" action, when it has a sure fix to apply. */
export function fixAllActions(session: Session, { workspace, path }: NoteHandle): CodeAction[] {
  const fixes = computeNoteFixes(workspace.index, path, workspace.options);
  if (fixes.fixed === 0) return [];
  return [{ title: `Fix all dead links in this note (${fixes.fixed})`, kind: FIX_ALL_KIND, edit: session.workspaceEdit(workspace, fixes.edits) }];
}

/** Applies every sure fix of every workspace folder as one edit, and says what it did. */
export async function fixAllInWorkspace(session: Session): Promise<{ fixed: number; notes: number; left: number }> {
  const byUri = new Map<string, Array<{ range: ReturnType<typeof plainRange>; newText: string }>>();
  let fixed = 0;
  let left = 0;
  for (const workspace of session.folders) {
    for (const fixes of computeWorkspaceFixes(workspace.index, workspace.options)) {
      left += fixes.left;
      if (fixes.fixed === 0) continue;
      fixed += fixes.fixed;
      byUri.set(workspace.uriOf(fixes.path), fixes.edits.map((edit) => ({ range: plainRange(edit.range), newText: edit.newText })));
    }
  }
  const unsure = left > 0 ? ` ${left} other dead link${left === 1 ? ' has' : 's have'} no sure fix: see the Problems panel.` : '';
  if (fixed === 0) {
    session.notify(`Torii: no dead link has a sure fix.${unsure}`);
    return { fixed: 0, notes: 0, left };
  }
  const notes = byUri.size;
  const result = await session.connection.workspace.applyEdit({ label: `Torii: fix ${fixed} dead links`, edit: session.editOfUris(byUri) });
  if (!result.applied) return { fixed: 0, notes: 0, left };
  session.notify(`Torii: fixed ${fixed} dead link${fixed === 1 ? '' : 's'} in ${notes} note${notes === 1 ? '' : 's'}.${unsure}`);
  return { fixed, notes, left };
}
