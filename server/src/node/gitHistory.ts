/**
 * Reading a notes folder's git history for the resolver (DIALECT §8.6). Only a folder that is
 * itself the root of a repository is asked: a parent's `.git` lies outside the workspace, and
 * Torii reads nothing there.
 */

import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseGitNameStatus, type PathHistory } from '../core/index/history';

export interface GitHistoryResult {
  history?: PathHistory;
  /** Why there is none, for the log: no repository here, git missing, git failed. */
  reason?: string;
}

export function loadGitHistory(root: string): GitHistoryResult {
  if (!fs.existsSync(path.join(root, '.git'))) return { reason: 'not the root of a git repository' };
  const run = cp.spawnSync('git', ['-c', 'core.quotepath=off', 'log', '--name-status', '-M', '--reverse', '--format=%x00%H', '--', '*.md'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 60000,
  });
  if (run.error) return { reason: `git could not run: ${run.error.message}` };
  if (run.status !== 0) return { reason: `git log failed: ${run.stderr.trim().split('\n')[0]}` };
  return { history: parseGitNameStatus(run.stdout) };
}
