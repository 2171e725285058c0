import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './cliSupport';

describe('torii CLI', () => {
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-cli-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, 'notes', file)), { recursive: true });
      fs.writeFileSync(path.join(root, 'notes', file), text);
    };
    write('kitchen/knives.md', '# ⛩️\n\n## 参考\n\n🗄️ `metals.md` patina\n🗄 `metals.md` rust removal\n🗄 `chemistry.md`\n\n# 🔪 KNIVES\n\nBURR\n* _burr_: thin lip\n');
    write('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## patina\n');
    write('care.md', '# ⛩️\n\n## rust removal\n');
    write('clean/only.md', '# ⛩️\n# 🔪 KNIVES\n');
    fs.writeFileSync(path.join(root, 'notes', 'binary.md'), Buffer.from([0x23, 0x00, 0xff]));
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('prints path:line:col: severity: message with the fix, a summary, and exits 1 on a warning', () => {
    const { status, stdout } = runCli(['check', 'notes'], root);
    assert.strictEqual(status, 1);
    assert.strictEqual(stdout, [
      'notes/binary.md:1:1: warning: binary content (a NUL byte) in a .md file: not read as a note [unreadable]',
      "notes/kitchen/knives.md:6:4: warning: dead section: metals.md has no section 'rust removal'; it is in care.md; fix: `care.md` rust removal [dead-section]",
      'notes/kitchen/knives.md:7:4: hint: `chemistry.md` is not in this workspace (a note of another collection?) [foreign-note]',
      '4 notes (+1 unreadable), 3 references: 1 resolved, 1 dead, 1 external, 0 ambiguous; shown: 0 error, 2 warning, 0 information, 1 hint',
    ].join('\n'));
  });

  it('counts columns in UTF-16 code units, as VS Code does', () => {
    const { stdout } = runCli(['refs', 'notes', '--json'], root);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    // `🗄️ ` is 3 UTF-16 units plus a space: the target starts at column 5.
    assert.deepStrictEqual(rows[0], {
      file: 'kitchen/knives.md', line: 5, column: 5, target: '`metals.md` patina', status: 'resolved', kind: 'exact-heading', fileRule: 'exact', inFence: false,
      resolved: { file: 'metals.md', line: 5 }, fix: null,
    });
    assert.deepStrictEqual(rows[1].fix, { file: 'care.md', line: 3, text: '`care.md` rust removal', confidence: 'high' });
  });

  it('shows only what --severity asks for, and exits 0 when that is clean', () => {
    const { status, stdout } = runCli(['check', 'notes/clean', '--severity', 'warning'], root);
    assert.strictEqual(status, 0);
    assert.match(stdout, /^1 notes, 0 references/);
    assert.strictEqual(runCli(['check', 'notes', '--severity', 'error'], root).status, 0);
    assert.strictEqual(runCli(['check', 'notes', '--exit-zero'], root).status, 0);
  });

  it('writes --json for machines', () => {
    const { stdout } = runCli(['check', 'notes', '--json', '--severity', 'warning'], root);
    const report = JSON.parse(stdout);
    assert.strictEqual(report.summary.notes, 4);
    assert.deepStrictEqual(report.problems.map((problem: { code: string; line: number }) => `${problem.code}@${problem.line}`), ['unreadable@1', 'dead-section@6']);
  });

  it('writes refs --json as one array, the same text whether it holds many references or none', () => {
    const { stdout } = runCli(['refs', 'notes', '--json'], root);
    const rows = JSON.parse(stdout) as unknown[];
    assert.ok(rows.length >= 3);
    assert.strictEqual(stdout.trimEnd(), JSON.stringify(rows, null, 2));
    fs.mkdirSync(path.join(root, 'empty'));
    assert.strictEqual(runCli(['refs', 'empty', '--json'], root).stdout.trimEnd(), '[]');
  });

  it('prints the outline tree of one note', () => {
    const { status, stdout } = runCli(['outline', 'notes/kitchen/knives.md'], root);
    assert.strictEqual(status, 0);
    assert.strictEqual(stdout, '## 参考  [3-7]\n# 🔪 KNIVES  [9-12]\n  BURR  [11-12]\n    _burr_  [12-12]');
  });

  it('exits 2 with a clear message, not a stack trace, on bad usage', () => {
    for (const argv of [['check', '--frobnicate'], ['check', 'no-such-folder'], ['lint'], ['outline'], ['check', '--severity', 'loud', 'notes']]) {
      const { status, stderr } = runCli(argv, root);
      assert.strictEqual(status, 2, argv.join(' '));
      assert.match(stderr, /^torii: .+\nRun 'torii --help' for usage\.\n$/, argv.join(' '));
    }
  });

  it('stops quietly when the reader of its output goes away (torii check | head)', function () {
    // A real pipe closed after the first line, as `head -1` does; the built command, as a user runs it.
    const bin = path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'torii.js');
    // More output than a pipe holds (64 KB), so the writer is still writing when `head` leaves.
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-pipe-'));
    fs.writeFileSync(path.join(many, 'n.md'), `# ⛩️\n\n## 参考\n\n${Array.from({ length: 4000 }, (_, index) => `🗄 \`other-${index}.md\``).join('\n')}\n`);
    const result = require('child_process').spawnSync('bash', ['-c', `node "${bin}" check "${many}" | head -1`], { encoding: 'utf8' });
    fs.rmSync(many, { recursive: true, force: true });
    assert.strictEqual(result.stdout.split('\n').filter(Boolean).length, 1);
    assert.doesNotMatch(result.stderr, /EPIPE|Unhandled/);
  });
});

describe('torii CLI with --sibling (DIALECT §8.6: sibling roots)', () => {
  const fixtures = path.resolve(__dirname, '..', '..', '..', '..', 'test-fixtures', 'siblings');

  it('leads links into the sibling collection, reports its dead sections there and leaves other names hints', () => {
    const { status, stdout } = runCli(['check', 'chem-kb', '--sibling', 'phys-kb', '--no-git'], fixtures);
    assert.strictEqual(status, 1);
    assert.strictEqual(stdout, [
      "chem-kb/reactions.md:17:42: warning: dead section: optics.md (in phys-kb) has no section 'prisms'; it is in light.md (in phys-kb); fix: `light.md` prisms [dead-section]",
      'chem-kb/reactions.md:20:31: warning: dead link: `optics.com` is not a note (`.com` looks like a typo for `.md`, meaning optics.md in phys-kb); fix: `optics.md` mirrors [dead-file]',
      'chem-kb/reactions.md:24:30: hint: `history.md` is not in this workspace, nor in phys-kb (a note of another collection?) [foreign-note]',
      '2 notes, 8 references: 5 resolved, 2 dead, 1 external, 0 ambiguous; shown: 0 error, 2 warning, 0 information, 1 hint',
    ].join('\n'));
    // Without it, the same names are another collection's notes.
    assert.match(runCli(['check', 'chem-kb', '--no-git'], fixtures).stdout, /2 resolved, 1 dead, 5 external/);
  });

  it('names the collection of a place in refs --json, and only there', () => {
    const rows = JSON.parse(runCli(['refs', 'chem-kb', '--json', '--sibling', 'phys-kb', '--no-git'], fixtures).stdout) as Array<{ file: string; line: number; resolved: unknown; fix: unknown }>;
    const at = (line: number) => rows.find((row) => row.file === 'reactions.md' && row.line === line)!;
    assert.deepStrictEqual(at(6).resolved, { file: 'optics.md', collection: 'phys-kb', line: 9 });
    assert.deepStrictEqual(at(18).resolved, { file: 'light.md', collection: 'phys-kb', line: 3 });
    assert.deepStrictEqual(at(17).fix, { file: 'light.md', collection: 'phys-kb', line: 7, text: '`light.md` prisms', confidence: 'high' });
    assert.deepStrictEqual(at(5).resolved, { file: 'lab/safety.md', line: 3 });
  });

  it('fixes links here only, never a note of the sibling', () => {
    const { stdout } = runCli(['fix', 'chem-kb', '--dry-run', '--sibling', 'phys-kb', '--no-git'], fixtures);
    assert.match(stdout, /^-\* the colours are lines of a spectrum 🗄 `optics\.md` prisms\n\+\* the colours are lines of a spectrum 🗄 `light\.md` prisms$/m);
    assert.match(stdout, /^-\* see the notes on mirrors 🗄 `optics\.com` mirrors\n\+\* see the notes on mirrors 🗄 `optics\.md` mirrors$/m);
    assert.deepStrictEqual(stdout.match(/^\+\+\+ .*$/gm), ['+++ b/chem-kb/reactions.md']);
  });

  it('exits 2 on a sibling that is no folder', () => {
    const { status, stderr } = runCli(['check', 'chem-kb', '--sibling', 'no-such-kb'], fixtures);
    assert.strictEqual(status, 2);
    assert.match(stderr, /^torii: no such folder: no-such-kb\n/);
  });
});
