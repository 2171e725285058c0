/**
 * `torii fix [FOLDER]`: applies every sure dead-link fix (the ones "Fix all" applies in the
 * editor) to the notes on disk, like `eslint --fix`. `--dry-run` prints the changes as a unified
 * diff and writes nothing. A note that changed since it was read is left alone and reported.
 */

import * as path from 'path';
import { WorkspaceIndex, type SiblingCollection } from './core/index/workspaceIndex';
import { checkWorkspace } from './core/features/check';
import { computeWorkspaceFixes } from './core/features/fixAll';
import type { ResolverOptions } from './core/features/resolve';
import { SHALLOW_ADVICE } from './cliFormats';
import { listNoteFiles } from './node/workspaceFiles';
import { loadGitHistory, shallowHistoryWarning } from './node/gitHistory';
import { readNoteForRewrite, writeNoteAtomically, type ReadNote } from './node/noteWriter';
import { applyTextEdits } from './core/text/positions';

/** The edits of a fix applied to a note's text (`applyTextEdits`), as `torii fix` writes them. */
export { applyTextEdits as applyNoteEdits };

export interface FixOptions {
  dryRun: boolean;
  useGit: boolean;
  exitZero: boolean;
  resolver: ResolverOptions;
  /** Other collections links may lead into (`--sibling`); their notes are read, never written. */
  siblings?: SiblingCollection[];
}

/** Runs `torii fix` on `root`; returns the exit status (as `torii check`'s, on the notes as they are after the fixes). */
export function runFix(root: string, options: FixOptions, out: (text: string) => void): number {
  const read = new Map<string, ReadNote>();
  const index = new WorkspaceIndex({ readText: (notePath) => read.get(notePath)?.text });
  index.siblings = options.siblings ?? [];
  if (options.useGit) {
    const history = loadGitHistory(root);
    index.history = history.history;
    const shallow = shallowHistoryWarning(history, SHALLOW_ADVICE);
    if (shallow) process.stderr.write(`torii: ${shallow}\n`);
  }
  for (const file of listNoteFiles(root).files) {
    const note = readNoteForRewrite(root, file);
    if (!note) continue;
    read.set(file, note);
    index.setNoteText(file, note.text);
  }
  const shown = (notePath: string) => path.relative(process.cwd(), path.join(root, notePath)) || notePath;
  let fixed = 0;
  let notes = 0;
  let left = 0;
  const leftAlone: string[] = [];
  for (const fixes of computeWorkspaceFixes(index, options.resolver)) {
    left += fixes.left;
    if (fixes.fixed === 0) continue;
    const before = read.get(fixes.path)!;
    const after = applyTextEdits(before.text, fixes.edits);
    if (options.dryRun) {
      // Paths from the current folder, as `git apply` reads them; for a folder outside it, paths
      // inside the folder (`cd FOLDER && patch -p1`), never `a/../../…`.
      const diffPath = shown(fixes.path);
      out(unifiedDiff(diffPath.startsWith('..') || path.isAbsolute(diffPath) ? fixes.path : diffPath, before.text, after));
    } else {
      const outcome = writeNoteAtomically(root, fixes.path, before, after);
      if (outcome.kind !== 'written') {
        leftAlone.push(`${shown(fixes.path)} (${outcome.kind === 'changed' ? 'changed since it was read' : outcome.message})`);
        continue;
      }
      out(`${shown(fixes.path)}: fixed ${fixes.fixed} dead link${fixes.fixed === 1 ? '' : 's'}`);
    }
    // The rest of the run (and the exit status) sees the note as it now is.
    read.set(fixes.path, { ...before, text: after });
    index.setNoteText(fixes.path, after);
    fixed += fixes.fixed;
    notes++;
  }
  const { diagnostics } = checkWorkspace(index, options.resolver, { keepReports: false });
  const remaining = diagnostics.filter((diagnostic) => diagnostic.severity === 'error' || diagnostic.severity === 'warning').length;
  const parts = [`${options.dryRun ? 'would fix' : 'fixed'} ${fixed} dead link${fixed === 1 ? '' : 's'} in ${notes} note${notes === 1 ? '' : 's'}`];
  if (leftAlone.length) parts.push(`left ${leftAlone.length} note${leftAlone.length === 1 ? '' : 's'} alone: ${leftAlone.join(', ')}`);
  if (left) parts.push(`${left} dead link${left === 1 ? ' has' : 's have'} no sure fix`);
  parts.push(`${remaining} warning${remaining === 1 ? '' : 's'} ${options.dryRun ? 'would remain' : 'remain'} (torii check lists them)`);
  out(`torii fix${options.dryRun ? ' --dry-run' : ''}: ${parts.join('; ')}${options.dryRun ? '; nothing was written' : ''}`);
  if (leftAlone.length) return 1;
  return options.exitZero || remaining === 0 ? 0 : 1;
}

/**
 * A unified diff of two versions of a note (`--- a/x`, `+++ b/x`, hunks with three lines of
 * context), as `git apply` and `patch -p1` read it. Fixes change lines, never their number.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  const oldLines = before.split(/\r\n|\r|\n/);
  const newLines = after.split(/\r\n|\r|\n/);
  const changed: number[] = [];
  if (oldLines.length === newLines.length) {
    oldLines.forEach((line, index) => {
      if (line !== newLines[index]) changed.push(index);
    });
  }
  const output = [`--- a/${file}`, `+++ b/${file}`];
  if (oldLines.length !== newLines.length) {
    output.push(`@@ -1,${oldLines.length} +1,${newLines.length} @@`, ...oldLines.map((line) => `-${line}`), ...newLines.map((line) => `+${line}`));
    return output.join('\n');
  }
  const context = 3;
  let index = 0;
  while (index < changed.length) {
    const start = Math.max(0, changed[index] - context);
    let end = Math.min(oldLines.length - 1, changed[index] + context);
    const hunk: string[] = [];
    let line = start;
    while (index < changed.length && changed[index] <= end + context + 1) {
      end = Math.min(oldLines.length - 1, changed[index] + context);
      for (; line < changed[index]; line++) hunk.push(` ${oldLines[line]}`);
      hunk.push(`-${oldLines[line]}`, `+${newLines[line]}`);
      line++;
      index++;
    }
    for (; line <= end; line++) hunk.push(` ${oldLines[line]}`);
    const count = end - start + 1;
    output.push(`@@ -${start + 1},${count} +${start + 1},${count} @@`, ...hunk);
  }
  return output.join('\n');
}
