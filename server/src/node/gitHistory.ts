/**
 * Reading a notes folder's git history for the resolver (DIALECT §8.6). Only a folder that is
 * itself the root of a repository is asked: a parent's `.git` lies outside the workspace, and
 * Torii reads nothing there.
 */

import * as cp from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { describeRetitles, parseGitNameStatus, readGitPatches, worktreeRetitles, type PathHistory, type Retitle } from '../core/index/history';

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
/** A run of git that takes longer is given up. */
const GIT_TIMEOUT_MS = 60000;
/** How long reading the patches in the background goes on before other messages get their turn. */
const SLICE_MS = 8;
/** What a pause or the first step is given: no run of git to answer. */
const NO_ANSWER: GitAnswer = { status: null, stdout: '', stderr: '' };

/** One run of git in the folder: its arguments (after the common ones) and the most output it may give. */
interface GitRequest {
  args: string[];
  maxBuffer: number;
  /** Ask about these files only (`-- *.md`): the logs; not the question whether the clone is shallow. */
  notesOnly: boolean;
}

/** What a run of git gave. */
interface GitAnswer {
  error?: Error;
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Reading the history, as the runs of git it needs (yielded, each answered by the caller) and what
 * is made of their output, with pauses (an empty yield) while it reads the patches, one commit
 * each: the same steps whether git is run synchronously (`loadGitHistory`) or not, the patches
 * read between other work (`loadGitHistoryInBackground`).
 */
function* historySteps(root: string): Generator<GitRequest | void, GitHistoryResult, GitAnswer> {
  if (!fs.existsSync(path.join(root, '.git'))) return { reason: 'not the root of a git repository', key: 'none' };
  const names = yield { args: ['log', '--name-status', '-M', '--reverse', '--format=%x00%H %at'], maxBuffer: 512 * 1024 * 1024, notesOnly: true };
  if (names.error) return { reason: `git could not run: ${names.error.message}`, key: 'failed' };
  if (names.status !== 0) return { reason: `git log failed: ${names.stderr.trim().split('\n')[0]}`, key: 'failed' };
  const history = parseGitNameStatus(names.stdout);
  const shallowAnswer = yield { args: ['rev-parse', '--is-shallow-repository'], maxBuffer: 1024 * 1024, notesOnly: false };
  const shallow = shallowAnswer.status === 0 && shallowAnswer.stdout.trim() === 'true' ? { since: oldestCommitTime(names.stdout) } : undefined;
  // Only changed and deleted notes' patches: where sections went, and when 🗄 lines were written. New notes' whole texts are not needed.
  const patches = yield { args: ['log', '-p', '-U0', '-M', '--reverse', '--no-color', '--no-ext-diff', '--diff-filter=MRD', '--format=%x00%H'], maxBuffer: MAX_PATCH_BYTES, notesOnly: true };
  const digest = crypto.createHash('sha256').update(names.stdout);
  if (patches.error || patches.status !== 0) return { history, patchesSkipped: patches.error ? patches.error.message : patches.stderr.trim().split('\n')[0], shallow, key: digest.digest('hex') };
  yield* readGitPatches(history, patches.stdout);
  const worktree = yield WORKTREE_DIFF;
  history.worktreeRetitled = worktreeFrom(worktree);
  return { history, shallow, key: `${digest.update('\0').update(patches.stdout).digest('hex')}${worktreeKey(history.worktreeRetitled)}` };
}

/** The changes not yet committed, as a patch (nothing before the first commit: there is no HEAD). */
const WORKTREE_DIFF: GitRequest = { args: ['diff', '-U0', '-M', '--no-color', '--no-ext-diff', 'HEAD'], maxBuffer: MAX_PATCH_BYTES, notesOnly: true };

function worktreeFrom(answer: GitAnswer): Map<string, Retitle[]> {
  return answer.error || answer.status !== 0 ? new Map() : worktreeRetitles(answer.stdout);
}

/** The part of a history's key that the changes not yet committed make: `+` and a digest of their renames. */
function worktreeKey(retitled: ReadonlyMap<string, Retitle[]>): string {
  return `+${crypto.createHash('sha256').update(describeRetitles(retitled)).digest('hex').slice(0, 16)}`;
}

/**
 * What the changes not yet committed renamed in place, read with git running beside the thread
 * (after a note was saved), and the key `history` would have with them: the key of the commits
 * read with it (`GitHistoryResult.key`, up to its `+`) and theirs.
 */
export async function loadWorktreeRenamesInBackground(root: string, historyKey: string): Promise<{ retitled: Map<string, Retitle[]>; key: string }> {
  const retitled = worktreeFrom(await runGitInBackground(root, WORKTREE_DIFF));
  const plus = historyKey.indexOf('+');
  return { retitled, key: `${plus >= 0 ? historyKey.slice(0, plus) : historyKey}${worktreeKey(retitled)}` };
}

function gitArguments(request: GitRequest): string[] {
  return request.notesOnly ? ['-c', 'core.quotepath=off', '-c', 'diff.renameLimit=4000', ...request.args, '--', '*.md'] : request.args;
}

/** Reads the history now, git blocking the thread while it runs (the command line, a server starting). */
export function loadGitHistory(root: string): GitHistoryResult {
  const steps = historySteps(root);
  let step = steps.next(NO_ANSWER);
  while (!step.done) {
    const request = step.value;
    if (!request) {
      step = steps.next(NO_ANSWER);
      continue;
    }
    const run = cp.spawnSync('git', gitArguments(request), { cwd: root, encoding: 'utf8', maxBuffer: request.maxBuffer, timeout: GIT_TIMEOUT_MS });
    step = steps.next({ error: run.error, status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' });
  }
  return step.value;
}

/**
 * Reads the history with git running beside the thread, which goes on answering meanwhile: at a
 * few thousand commits `git log -p` takes seconds, and a server reads it again after each commit.
 */
export async function loadGitHistoryInBackground(root: string): Promise<GitHistoryResult> {
  const steps = historySteps(root);
  let step = steps.next(NO_ANSWER);
  let sliceEnd = Date.now() + SLICE_MS;
  while (!step.done) {
    const request = step.value;
    if (!request) {
      // Reading the patches: other messages get their turn every few milliseconds.
      if (Date.now() >= sliceEnd) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceEnd = Date.now() + SLICE_MS;
      }
      step = steps.next(NO_ANSWER);
      continue;
    }
    step = steps.next(await runGitInBackground(root, request));
    sliceEnd = Date.now() + SLICE_MS;
  }
  return step.value;
}

/** One run of git beside the thread. */
function runGitInBackground(root: string, request: GitRequest): Promise<GitAnswer> {
  return new Promise<GitAnswer>((resolve) => {
    cp.execFile('git', gitArguments(request), { cwd: root, encoding: 'utf8', maxBuffer: request.maxBuffer, timeout: GIT_TIMEOUT_MS }, (error, stdout, stderr) => {
      // A non-zero exit is an answer (its status), not a failure to run.
      const code = (error as (Error & { code?: unknown }) | null)?.code;
      const exited = typeof code === 'number';
      resolve({ error: error && !exited ? error : undefined, status: exited ? code : error ? null : 0, stdout, stderr });
    });
  });
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
