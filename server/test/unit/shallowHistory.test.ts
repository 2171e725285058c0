/**
 * A shallow clone (`git clone --depth 1`, the default of CI checkouts) holds only the latest
 * commits: the renames before them are unknown, and a check there says less than on the whole
 * history. Torii says so, on the command line, in GitHub's annotations and in the server's log.
 */

import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gitWorkspace, note, type GitWorkspace } from './gitSupport';
import { runCli } from './cliSupport';
import { loadGitHistory, loadGitHistoryInBackground, shallowHistoryWarning } from '../../src/node/gitHistory';

describe('a shallow clone of the notes', function () {
  this.timeout(20000);
  let repo: GitWorkspace;
  let clone: string;

  before(() => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: { 'metals.md': note('# ⛩️ metals\n\n# 🟧 PATINA\n\n* a film on copper') } },
      { date: '2023-02-10', files: { 'main.md': '# ⛩️ main\n\n🗄 `metals.md` patina' } },
      { date: '2023-03-10', files: {}, moves: { 'metals.md': 'forge.md' } },
    ]);
    clone = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-shallow-'));
    const made = cp.spawnSync('git', ['clone', '-q', '--depth', '1', `file://${repo.root}`, clone], { encoding: 'utf8' });
    assert.strictEqual(made.status, 0, made.stderr);
  });

  after(() => {
    repo.remove();
    fs.rmSync(clone, { recursive: true, force: true });
  });

  it('is told apart from a whole history, with the date its history starts at', () => {
    const whole = loadGitHistory(repo.root);
    assert.strictEqual(whole.shallow, undefined);
    assert.strictEqual(shallowHistoryWarning(whole, 'advice'), undefined);
    const shallow = loadGitHistory(clone);
    assert.ok(shallow.history, shallow.reason);
    assert.strictEqual(shallow.history.renamedTo.size, 0, 'the rename is not in the one commit cloned');
    assert.strictEqual(new Date(shallow.shallow!.since! * 1000).toISOString().slice(0, 10), '2023-03-10');
    assert.match(shallowHistoryWarning(shallow, 'Fetch it.')!, /^the repository is a shallow clone \(the oldest commit it holds that touches a note is of 2023-03-10\): .* Fetch it\.$/);
  });

  it('reads the same in the background as at once, the whole history and the shallow clone, and says why there is none', async () => {
    for (const root of [repo.root, clone]) {
      const now = loadGitHistory(root);
      const later = await loadGitHistoryInBackground(root);
      assert.strictEqual(later.key, now.key);
      assert.deepStrictEqual(later.shallow, now.shallow);
      assert.deepStrictEqual([...later.history!.renamedTo], [...now.history!.renamedTo]);
      assert.strictEqual(later.history!.hasPatches, true);
    }
    const none = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-no-git-'));
    try {
      assert.deepStrictEqual(await loadGitHistoryInBackground(none), { reason: 'not the root of a git repository', key: 'none' });
      fs.mkdirSync(path.join(none, '.git'));
      const broken = await loadGitHistoryInBackground(none);
      assert.deepStrictEqual([broken.key, broken.history], ['failed', undefined]);
      assert.match(broken.reason!, /^git log failed: /);
      assert.deepStrictEqual(loadGitHistory(none).key, 'failed');
    } finally {
      fs.rmSync(none, { recursive: true, force: true });
    }
  });

  it('makes `torii check` and `torii fix` say why the renamed note’s link gets no fix, on stderr or as a GitHub annotation', () => {
    const whole = runCli(['check', repo.root], repo.root);
    assert.match(whole.stdout, /main\.md:3:4: warning: dead link: no note `metals\.md`; metals\.md was renamed to forge\.md/);
    assert.doesNotMatch(whole.stderr, /shallow/);

    const text = runCli(['check', clone], clone);
    assert.match(text.stdout, /main\.md:3:4: hint: `metals\.md` is not in this workspace/);
    assert.match(text.stderr, /^torii: the repository is a shallow clone .*fetch-depth: 0\), or pass --no-git to read none\.$/m);

    const github = runCli(['check', clone, '--format', 'github'], clone);
    assert.match(github.stdout.split('\n')[0], /^::warning title=torii%3A shallow history::the repository is a shallow clone /);
    assert.doesNotMatch(github.stderr, /shallow/);

    const json = runCli(['check', clone, '--json'], clone);
    assert.doesNotThrow(() => JSON.parse(json.stdout), 'the JSON on stdout stays JSON');
    assert.match(json.stderr, /shallow clone/);

    const fix = runCli(['fix', clone, '--dry-run'], clone);
    assert.match(fix.stderr, /^torii: the repository is a shallow clone /m);

    const noGit = runCli(['check', clone, '--no-git'], clone);
    assert.doesNotMatch(noGit.stderr, /shallow/);
  });
});
