/**
 * Reading a notes folder's git history for the resolver (DIALECT §8.6). Only a folder that is
 * itself the root of a repository is asked: a parent's `.git` lies outside the workspace, and
 * Torii reads nothing there.
 */

import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { addGitPatches, parseGitNameStatus, type PathHistory } from '../core/index/history';

export interface GitHistoryResult {
  history?: PathHistory;
  /** Why there is none, for the log: no repository here, git missing, git failed. */
  reason?: string;
  /** Set when the renames were read but not the patches (too large, or git failed on them): sections are then not followed. */
  patchesSkipped?: string;
}

/** Patches beyond this size are not read: renames and deletions still are, sections are then found by name only. */
const MAX_PATCH_BYTES = 256 * 1024 * 1024;

export function loadGitHistory(root: string): GitHistoryResult {
  if (!fs.existsSync(path.join(root, '.git'))) return { reason: 'not the root of a git repository' };
  const git = (args: string[], maxBuffer: number) =>
    cp.spawnSync('git', ['-c', 'core.quotepath=off', '-c', 'diff.renameLimit=4000', ...args, '--', '*.md'], { cwd: root, encoding: 'utf8', maxBuffer, timeout: 60000 });
  const names = git(['log', '--name-status', '-M', '--reverse', '--format=%x00%H %at'], 512 * 1024 * 1024);
  if (names.error) return { reason: `git could not run: ${names.error.message}` };
  if (names.status !== 0) return { reason: `git log failed: ${names.stderr.trim().split('\n')[0]}` };
  const history = parseGitNameStatus(names.stdout);
  // Only changed and deleted notes' patches: where sections went, and when 🗄 lines were written. New notes' whole texts are not needed.
  const patches = git(['log', '-p', '-U0', '-M', '--reverse', '--no-color', '--no-ext-diff', '--diff-filter=MRD', '--format=%x00%H'], MAX_PATCH_BYTES);
  if (patches.error || patches.status !== 0) return { history, patchesSkipped: patches.error ? patches.error.message : patches.stderr.trim().split('\n')[0] };
  addGitPatches(history, patches.stdout);
  return { history };
}
