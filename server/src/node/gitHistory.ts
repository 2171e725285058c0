/**
 * Reading a notes folder's git history for the resolver (DIALECT §8.6). Only a folder that is
 * itself the root of a repository is asked: a parent's `.git` lies outside the workspace, and
 * Torii reads nothing there.
 */

import * as cp from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { addGitPatches, parseGitNameStatus, type PathHistory } from '../core/index/history';

export interface GitHistoryResult {
  history?: PathHistory;
  /** Why there is none, for the log: no repository here, git missing, git failed. */
  reason?: string;
  /** Set when the renames were read but not the patches (too large, or git failed on them): sections are then not followed. */
  patchesSkipped?: string;
  /**
   * Set when the repository is a shallow clone (CI checkouts often are), with the Unix time of the
   * oldest commit it holds that touches a note: renames and moved sections before it are unknown.
   */
  shallow?: { since?: number };
  /** A digest of what git said (or why it said nothing): the same key, the same history. */
  key: string;
}

/** Patches beyond this size are not read: renames and deletions still are, sections are then found by name only. */
const MAX_PATCH_BYTES = 256 * 1024 * 1024;

export function loadGitHistory(root: string): GitHistoryResult {
  if (!fs.existsSync(path.join(root, '.git'))) return { reason: 'not the root of a git repository', key: 'none' };
  const git = (args: string[], maxBuffer: number) =>
    cp.spawnSync('git', ['-c', 'core.quotepath=off', '-c', 'diff.renameLimit=4000', ...args, '--', '*.md'], { cwd: root, encoding: 'utf8', maxBuffer, timeout: 60000 });
  const names = git(['log', '--name-status', '-M', '--reverse', '--format=%x00%H %at'], 512 * 1024 * 1024);
  if (names.error) return { reason: `git could not run: ${names.error.message}`, key: 'failed' };
  if (names.status !== 0) return { reason: `git log failed: ${names.stderr.trim().split('\n')[0]}`, key: 'failed' };
  const history = parseGitNameStatus(names.stdout);
  const shallow = isShallow(root) ? { since: oldestCommitTime(names.stdout) } : undefined;
  // Only changed and deleted notes' patches: where sections went, and when 🗄 lines were written. New notes' whole texts are not needed.
  const patches = git(['log', '-p', '-U0', '-M', '--reverse', '--no-color', '--no-ext-diff', '--diff-filter=MRD', '--format=%x00%H'], MAX_PATCH_BYTES);
  const digest = crypto.createHash('sha256').update(names.stdout);
  if (patches.error || patches.status !== 0) return { history, patchesSkipped: patches.error ? patches.error.message : patches.stderr.trim().split('\n')[0], shallow, key: digest.digest('hex') };
  addGitPatches(history, patches.stdout);
  return { history, shallow, key: digest.update('\0').update(patches.stdout).digest('hex') };
}

/** Whether git holds only the latest part of the history (`git clone --depth`, `fetch-depth: 1`). */
function isShallow(root: string): boolean {
  const answer = cp.spawnSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, encoding: 'utf8', timeout: 60000 });
  return answer.status === 0 && answer.stdout.trim() === 'true';
}

/** The first record of `git log --reverse --format=%x00%H %at`: the oldest commit that touched a note. */
function oldestCommitTime(log: string): number | undefined {
  const first = /^\0[0-9a-f]+ (\d+)/.exec(log);
  return first ? Number(first[1]) : undefined;
}

/**
 * What a shallow clone means for the check, for a log or a CI annotation, ending with `advice`;
 * undefined for a whole history (or none).
 */
export function shallowHistoryWarning(result: GitHistoryResult, advice: string): string | undefined {
  if (!result.history || !result.shallow) return undefined;
  const since = result.shallow.since !== undefined ? ` (the oldest commit it holds that touches a note is of ${new Date(result.shallow.since * 1000).toISOString().slice(0, 10)})` : '';
  return `the repository is a shallow clone${since}: notes renamed and sections moved before it are not followed, so links to their old names read as other collections' notes (or as renamed, a guess, where the sections they name show which note). ${advice}`;
}
