/**
 * Test support for history: a real git repository in a temporary folder, built commit by commit
 * with explicit author, committer and dates, then read the way Torii reads it.
 */

import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { loadGitHistory } from '../../src/node/gitHistory';
import { diskTextSource, indexFolder } from '../../src/node/workspaceFiles';
import { dedent } from './support';

/** One commit: files written (text) or deleted (null), on a date like `2023-04-01`. */
export interface TestCommit {
  date: string;
  files: Record<string, string | null>;
  /** Files renamed first, as `git mv` would (old → new); their text may then change in `files`. */
  moves?: Record<string, string>;
}

export interface GitWorkspace {
  root: string;
  index: WorkspaceIndex;
  remove(): void;
}

function git(root: string, args: string[], date?: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 'author@example.org', GIT_COMMITTER_NAME: 'Test Author', GIT_COMMITTER_EMAIL: 'author@example.org' };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: `${date}T12:00:00+0000`, GIT_COMMITTER_DATE: `${date}T12:00:00+0000` });
  const run = cp.spawnSync('git', ['-c', 'user.name=Test Author', '-c', 'user.email=author@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: root, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
}

/** Writes each file (its text dedented, with a final newline), or deletes it (null). */
function writeFiles(root: string, files: Record<string, string | null>): void {
  for (const [file, text] of Object.entries(files)) {
    const absolute = path.join(root, file);
    if (text === null) fs.rmSync(absolute);
    else {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, `${dedent(text)}\n`);
    }
  }
}

/**
 * Builds the history in a new temporary repository and indexes its last state with that history;
 * `uncommitted` files are written after the last commit and not committed (null: deleted).
 */
export function gitWorkspace(commits: TestCommit[], uncommitted: Record<string, string | null> = {}): GitWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-git-'));
  git(root, ['init', '-q', '-b', 'main']);
  for (const commit of commits) {
    for (const [from, to] of Object.entries(commit.moves ?? {})) {
      fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
      git(root, ['mv', from, to]);
    }
    writeFiles(root, commit.files);
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', `commit of ${commit.date}`], commit.date);
  }
  writeFiles(root, uncommitted);
  const index = new WorkspaceIndex(diskTextSource(root));
  const loaded = loadGitHistory(root);
  if (!loaded.history) throw new Error(`no history: ${loaded.reason}`);
  index.history = loaded.history;
  indexFolder(index, root);
  return { root, index, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** A note's text padded with lines of its own, so that git sees a renamed note with a few edits as a rename. */
export function note(body: string, filler = `pad${[...dedent(body)].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7).toString(36)}`): string {
  const lines = Array.from({ length: 12 }, (_, index) => `* ${filler} ${index + 1} of this note's own material`);
  return `${dedent(body)}\n\n# 🟨 ZA\n\n${lines.join('\n')}`;
}
