import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './cliSupport';
import { applyNoteEdits, unifiedDiff } from '../../src/cliFix';
import { readNoteForRewrite, writeNoteAtomically } from '../../src/node/noteWriter';
import { repoPath } from './support';

/** Every file under `root` and its bytes, to tell whether anything was written. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(root, child)).toString('base64'));
    }
  };
  walk('');
  return files;
}

describe('torii fix (on a copy of the sample notes)', () => {
  let parent: string;
  let notes: string;

  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-fix-'));
    notes = path.join(parent, 'notes-kb');
    fs.cpSync(repoPath('test-fixtures', 'notes-kb'), notes, { recursive: true });
  });

  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('--dry-run prints the sure fixes as a unified diff and writes nothing', () => {
    const before = snapshot(notes);
    const { status, stdout } = runCli(['fix', 'notes-kb', '--dry-run'], parent);
    assert.deepStrictEqual(snapshot(notes), before);
    assert.strictEqual(status, 1, 'warnings would remain, as torii check would say');
    assert.match(stdout, /^--- a\/notes-kb\/kitchen\/cookware\.md\n\+\+\+ b\/notes-kb\/kitchen\/cookware\.md\n@@ -41,7 \+41,7 @@\n \n ## seasoning\n \n-🗄 `metals\.md` rust removal\n\+🗄 `care\.md` rust removal\n/m);
    assert.match(stdout, /^-\* last stone, then leather 🗄 'stropping'\n\+\* last stone, then leather 🗄 `care\.md` 'stropping'$/m);
    assert.doesNotMatch(stdout, /Santoky|sourdouh/, 'typos are guesses: not applied');
    assert.match(stdout.split('\n').at(-1)!, /^torii fix --dry-run: would fix 6 dead links in 6 notes; 8 dead links have no sure fix; 9 warnings would remain \(torii check lists them\); nothing was written$/);
  });

  it('writes what --dry-run showed, and torii check then finds those links alive', () => {
    const dry = runCli(['fix', 'notes-kb', '--dry-run'], parent).stdout;
    const { status, stdout } = runCli(['fix', 'notes-kb'], parent);
    assert.strictEqual(status, 1);
    assert.match(stdout, /^notes-kb\/kitchen\/cookware\.md: fixed 1 dead link$/m);
    assert.match(stdout.split('\n').at(-1)!, /^torii fix: fixed 6 dead links in 6 notes; 8 dead links have no sure fix; 9 warnings remain/);
    // The written notes are the dry run's "after" side.
    for (const block of dry.split(/^--- a\//m).slice(1)) {
      const file = block.slice(0, block.indexOf('\n'));
      for (const added of block.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++'))) {
        assert.ok(fs.readFileSync(path.join(parent, file), 'utf8').split('\n').includes(added.slice(1)), `${file}: ${added}`);
      }
    }
    const check = runCli(['check', 'notes-kb'], parent).stdout;
    assert.doesNotMatch(check, /rust removal|stropping|3-harvest|flour\.com|starter\.py/);
    assert.match(check, /Santoky/);
    assert.strictEqual(runCli(['fix', 'notes-kb'], parent).stdout, 'torii fix: fixed 0 dead links in 0 notes; 8 dead links have no sure fix; 9 warnings remain (torii check lists them)');
    assert.deepStrictEqual([...snapshot(notes).keys()].filter((file) => file.endsWith('.tmp')), [], 'no temporary file left behind');
  });

  it('keeps a note’s byte order mark and CRLF line endings', () => {
    const file = path.join(notes, 'kitchen', 'crlf.md');
    fs.writeFileSync(file, '\uFEFF# ⛩️\r\n\r\n## 参考\r\n\r\n🗄 `metals.md` rust removal\r\n🗄 `flour.com`\r\n');
    runCli(['fix', 'notes-kb'], parent);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '\uFEFF# ⛩️\r\n\r\n## 参考\r\n\r\n🗄 `care.md` rust removal\r\n🗄 `flour.md`\r\n');
  });

  it('writes a UTF-16 note back in UTF-16, in its byte order', () => {
    const text = '# ⛩️\r\n\r\n🗄 `metals.md` rust removal\r\n';
    const fixed = text.replace('metals.md', 'care.md');
    const little = path.join(notes, 'kitchen', 'utf16le.md');
    const big = path.join(notes, 'kitchen', 'utf16be.md');
    fs.writeFileSync(little, Buffer.from(`\uFEFF${text}`, 'utf16le'));
    fs.writeFileSync(big, Buffer.from(`\uFEFF${text}`, 'utf16le').swap16());
    runCli(['fix', 'notes-kb'], parent);
    assert.deepStrictEqual(fs.readFileSync(little), Buffer.from(`\uFEFF${fixed}`, 'utf16le'));
    assert.deepStrictEqual(fs.readFileSync(big), Buffer.from(`\uFEFF${fixed}`, 'utf16le').swap16());
  });

  it('writes a note that is a link (to a note of the folder) where the link leads, and leaves the link a link', function () {
    if (process.platform === 'win32') this.skip();
    const target = path.join(notes, 'kitchen', 'real.md');
    const link = path.join(notes, 'linked.md');
    fs.writeFileSync(target, '# ⛩️\n\n🗄 `metals.md` rust removal\n');
    fs.symlinkSync(target, link);
    const read = readNoteForRewrite(notes, 'linked.md')!;
    assert.deepStrictEqual(writeNoteAtomically(notes, 'linked.md', read, '# ⛩️\n\n🗄 `care.md` rust removal\n'), { kind: 'written' });
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'still a link');
    assert.strictEqual(fs.readFileSync(target, 'utf8'), '# ⛩️\n\n🗄 `care.md` rust removal\n');
    assert.deepStrictEqual(fs.readdirSync(path.join(notes, 'kitchen')).filter((file) => file.endsWith('.tmp')), [], 'no temporary file left behind');
  });

  it('leaves alone a note that changed since it was read, and says so', () => {
    const read = readNoteForRewrite(notes, 'kitchen/cookware.md')!;
    fs.appendFileSync(path.join(notes, 'kitchen', 'cookware.md'), '\n* typed meanwhile\n');
    const changed = fs.readFileSync(path.join(notes, 'kitchen', 'cookware.md'), 'utf8');
    assert.deepStrictEqual(writeNoteAtomically(notes, 'kitchen/cookware.md', read, 'replaced'), { kind: 'changed' });
    assert.strictEqual(fs.readFileSync(path.join(notes, 'kitchen', 'cookware.md'), 'utf8'), changed);
  });

  it('refuses a missing folder and an unknown option with status 2', () => {
    assert.strictEqual(runCli(['fix', 'no-such-folder'], parent).status, 2);
    assert.strictEqual(runCli(['fix', 'notes-kb', '--json'], parent).status, 2);
  });
});

describe('applying edits and printing them as a diff', () => {
  it('applies edits by line and UTF-16 column, keeping each line’s ending', () => {
    const text = '🗄️ `a.md` x\r\nsecond\n🗄 `b.com`\r';
    const edits = [
      { path: 'n.md', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } }, newText: 'care.md' },
      { path: 'n.md', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } }, newText: 'b.md' },
    ];
    assert.strictEqual(applyNoteEdits(text, edits), '🗄️ `care.md` x\r\nsecond\n🗄 `b.md`\r');
  });

  it('merges changes less than seven lines apart into one hunk', () => {
    const before = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`).join('\n');
    const after = before.replace('line 5', 'line five').replace('line 11', 'line eleven');
    assert.strictEqual(unifiedDiff('n.md', before, after), [
      '--- a/n.md', '+++ b/n.md', '@@ -2,13 +2,13 @@',
      ' line 2', ' line 3', ' line 4', '-line 5', '+line five', ' line 6', ' line 7', ' line 8', ' line 9', ' line 10', '-line 11', '+line eleven', ' line 12', ' line 13', ' line 14',
    ].join('\n'));
  });
});
