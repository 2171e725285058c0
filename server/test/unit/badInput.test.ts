import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { parseNote, MAX_DIALECT_LINE } from '../../src/core/syntax/parseNote';
import { decodeNoteBytes, MAX_NOTE_BYTES } from '../../src/core/text/encoding';
import { indexFiles, listNoteFiles, readNoteFile } from '../../src/node/workspaceFiles';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { checkWorkspace } from '../../src/core/features/check';
import { computeSemanticTokens } from '../../src/core/features/semanticTokens';

const MB = 1024 * 1024;

describe('bad input: huge lines and notes', () => {
  it('reads a 10 MB line of underscores in a list item without overflowing the regex stack', () => {
    const note = parseNote('n.md', `# ⛩️\n* _${'_'.repeat(10 * MB)}\n# 🔪 KNIVES`);
    assert.deepStrictEqual(note.problems.map((problem) => problem.code), ['long-line']);
    assert.deepStrictEqual(note.anchors.map((anchor) => anchor.text), ['', 'KNIVES']);
  });

  it('reads the structure of a 10 MB single line but not its dialect, and says so once', () => {
    const line = '🗄 `a.md` b '.repeat(Math.floor(10 * MB / 12));
    const note = parseNote('n.md', `# ⛩️\n${line}\n🗄 \`metals.md\` patina`);
    assert.strictEqual(note.references.length, 1);
    assert.match(note.problems[0].message, new RegExp(`^Line 2 has [\\d,]+ characters; Torii does not read lines longer than ${MAX_DIALECT_LINE.toLocaleString('en')}`));
  });

  it('stays linear on lines just under the limit that are full of markers and code spans', () => {
    const started = Date.now();
    const note = parseNote('n.md', `${'🗄 `a.md` b '.repeat(8000)}\n${'`x` '.repeat(20000)}\n${'📙 A [1] '.repeat(10000)}`);
    assert.strictEqual(note.references.length, 8000);
    // Not a timing assertion on this machine's speed: quadratic work here took over 2 minutes.
    assert.ok(Date.now() - started < 20000);
  });

  it('checks a dead section named by words tens of thousands of characters long, without a text search', () => {
    // Found by the long fuzz run: the text search built a regular expression from the name's
    // longest word, and V8 refuses one over about 32,000 characters ("too large"), or of
    // thousands of words ("stack overflow"); the check threw.
    const names = [`x${'_'.repeat(40_000)}`, 'ab '.repeat(20_000).trim()];
    for (const name of names) {
      const texts = new Map([
        ['a.md', `# ⛩️\n\n# 🔪 KNIVES\n\n${name.slice(0, 60)}\n`],
        ['b.md', `# ⛩️\n\n🗄 \`a.md\` ${name}\n`],
      ]);
      const index = new WorkspaceIndex({ readText: (file) => texts.get(file) });
      for (const [file, text] of texts) index.setNoteText(file, text);
      const { diagnostics } = checkWorkspace(index);
      assert.deepStrictEqual(diagnostics.map((diagnostic) => `${diagnostic.path} ${diagnostic.code}`), ['b.md dead-section'], name.slice(0, 12));
    }
  });

  it('searches the text for a section name that starts with a character beyond the BMP, after a letter', () => {
    // Found by the long fuzz run: the text search went on from one code unit after a rejected
    // match, inside its surrogate pair; a `u` pattern steps back to the pair's start and found the
    // same match again, forever. A child process, so that the loop, if it comes back, fails this
    // test at its deadline instead of hanging the run.
    const script = `
      const { WorkspaceIndex } = require(${JSON.stringify(path.join(__dirname, '../../src/core/index/workspaceIndex'))});
      const { checkWorkspace } = require(${JSON.stringify(path.join(__dirname, '../../src/core/features/check'))});
      const texts = new Map(JSON.parse(process.argv[1]));
      const index = new WorkspaceIndex({ readText: (file) => texts.get(file) });
      for (const [file, text] of texts) index.setNoteText(file, text);
      process.stdout.write(JSON.stringify(checkWorkspace(index).diagnostics.map((diagnostic) => diagnostic.message)));
    `;
    const check = (line: string): string[] => {
      const texts = [['a.md', `# ⛩️\n\n## intro\n\n${line}\n`], ['b.md', '# ⛩️\n\n🗄 `a.md` 𠀀𠀁\n']];
      const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(texts)], { encoding: 'utf8', timeout: 20_000 });
      assert.strictEqual(run.status, 0, `the check did not finish: ${run.signal ?? run.stderr}`);
      return JSON.parse(run.stdout);
    };
    assert.deepStrictEqual(check('glued to a word: x𠀀𠀁'), ["dead section: a.md has no section '𠀀𠀁'"]);
    assert.deepStrictEqual(check('x𠀀𠀁 first glued, then alone: 𠀀𠀁'), ["dead section: a.md has no section '𠀀𠀁'; the words occur only as text, on line 5 of a.md"]);
  });

  it('takes a section name of up to 1,000 characters followed by commentary, and no longer one', () => {
    const check = (heading: string) => {
      const texts = new Map([
        ['a.md', `# ⛩️\n\n# 🔪 ${heading}\n`],
        ['b.md', `# ⛩️\n\n🗄 \`a.md\` ${heading} and some words after it\n`],
      ]);
      const index = new WorkspaceIndex({ readText: (file) => texts.get(file) });
      for (const [file, text] of texts) index.setNoteText(file, text);
      return checkWorkspace(index).diagnostics.map((diagnostic) => diagnostic.code);
    };
    assert.deepStrictEqual(check('EDGE '.repeat(200).trim()), [], '999 characters: found by its prefix');
    assert.deepStrictEqual(check('EDGES '.repeat(200).trim()), ['dead-section'], '1,199 characters: not tried');
  });

  it('colours and checks the authors of a note of 24,000 citations without reading its citations again for each', () => {
    // Found by the long fuzz run, as time: each 📙 author asked whether it is cited elsewhere, and
    // the answer read every citation of the note (8,000 on one line: 2 s; this note: a minute).
    const lines = ['📙 Zedd [1] '.repeat(8_000), '📙 Olaf [2] '.repeat(8_000), `${'📙 Zedd [3] '.repeat(7_999)}📙 Unai [4]`];
    const index = new WorkspaceIndex();
    index.setNoteText('n.md', `# ⛩️\n\n${lines.join('\n')}\n`);
    const started = Date.now();
    const tokens = computeSemanticTokens(index, 'n.md', { rootAliases: [] });
    const { diagnostics } = checkWorkspace(index);
    // Not a timing assertion on this machine's speed: the quadratic reading took minutes here.
    assert.ok(Date.now() - started < 20000);
    // Zedd is cited on two lines, Olaf and Unai on one: those are unknown, as with a question per author.
    const unknown = new Set(tokens.filter((token) => token.modifiers.includes('unknown')).map((token) => token.line));
    assert.deepStrictEqual([...unknown].sort(), [3, 4]);
    assert.strictEqual(tokens.length, 24_000);
    assert.deepStrictEqual(diagnostics, []);
  });

  it('refuses a file over the size limit without reading it, with the reason', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-big-'));
    try {
      fs.writeFileSync(path.join(folder, 'log.md'), Buffer.alloc(MAX_NOTE_BYTES + 1, 0x61));
      const outcome = readNoteFile(folder, 'log.md');
      assert.strictEqual(outcome.kind, 'skipped');
      assert.match((outcome as { message: string }).message, /too large to read as a note \(16\.0 MiB; Torii reads notes up to 16 MiB\)/);
      assert.strictEqual(decodeNoteBytes(Buffer.alloc(MAX_NOTE_BYTES + 1)).kind, 'too-large');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('bad input: the file system', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-fs-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('does not follow a link loop, nor a link out of the folder', () => {
    fs.mkdirSync(path.join(root, 'notes', 'a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'notes', 'a', 'x.md'), '# ⛩️');
    fs.writeFileSync(path.join(root, 'secret.md'), 'outside');
    fs.symlinkSync(path.join(root, 'notes', 'a'), path.join(root, 'notes', 'a', 'loop'));
    fs.symlinkSync(path.join(root, 'secret.md'), path.join(root, 'notes', 'leak.md'));
    const listed = listNoteFiles(path.join(root, 'notes'));
    // The link out is listed (a note of that name is there), and reading it refuses to follow it.
    assert.deepStrictEqual(listed.files, ['a/x.md', 'leak.md']);
    assert.deepStrictEqual(listed.problems.map((problem) => `${problem.path}: ${problem.message}`), ['a/loop: link to a folder already read (a loop?): not followed again']);
    for (const listedNow of [false, true]) {
      const outcome = readNoteFile(path.join(root, 'notes'), 'leak.md', { listed: listedNow });
      assert.deepStrictEqual(outcome, { kind: 'skipped', message: 'link to a place outside the workspace: not followed', severity: 'information' }, `listed: ${listedNow}`);
    }
    assert.strictEqual(readNoteFile(path.join(root, 'notes'), '../secret.md').kind, 'skipped');
  });

  it('never reads through a link out of the folder made after it was listed, nor through a folder that leads out', () => {
    fs.mkdirSync(path.join(root, 'notes'), { recursive: true });
    fs.mkdirSync(path.join(root, 'elsewhere'), { recursive: true });
    fs.writeFileSync(path.join(root, 'elsewhere', 'secret.md'), '# ⛩️\n## passwords\n');
    fs.writeFileSync(path.join(root, 'notes', 'own.md'), '# ⛩️\n');
    const notes = path.join(root, 'notes');
    assert.strictEqual(readNoteFile(notes, 'own.md').kind, 'text');
    // As a file event would name them: a link to a file out, and a note under a folder link out.
    fs.symlinkSync(path.join(root, 'elsewhere', 'secret.md'), path.join(notes, 'leak.md'));
    fs.symlinkSync(path.join(root, 'elsewhere'), path.join(notes, 'out'));
    assert.deepStrictEqual(readNoteFile(notes, 'leak.md', { stamp: true }), { kind: 'skipped', message: 'link to a place outside the workspace: not followed', severity: 'information' });
    // Under a folder that leads out, which the listing never enters: no note is there.
    assert.deepStrictEqual(readNoteFile(notes, 'out/secret.md', { stamp: true }), { kind: 'missing' });
    // A link that stays inside is read as the note it leads to; a dangling one is a file that is gone.
    fs.symlinkSync(path.join(notes, 'own.md'), path.join(notes, 'alias.md'));
    fs.symlinkSync(path.join(notes, 'nowhere.md'), path.join(notes, 'dangling.md'));
    assert.strictEqual(readNoteFile(notes, 'alias.md').kind, 'text');
    assert.strictEqual(readNoteFile(notes, 'alias.md', { listed: true }).kind, 'text');
    assert.deepStrictEqual(readNoteFile(notes, 'dangling.md'), { kind: 'missing' });
  });

  it('lists the notes of one folder (a folder moved in), never one that is hidden, a tool\'s, a file or a link out', () => {
    fs.mkdirSync(path.join(root, 'notes', 'a', 'b'), { recursive: true });
    fs.mkdirSync(path.join(root, 'notes', '.git'), { recursive: true });
    fs.mkdirSync(path.join(root, 'elsewhere'), { recursive: true });
    fs.writeFileSync(path.join(root, 'notes', 'a', 'x.md'), '# ⛩️');
    fs.writeFileSync(path.join(root, 'notes', 'a', 'b', 'y.md'), '# ⛩️');
    fs.writeFileSync(path.join(root, 'notes', 'top.md'), '# ⛩️');
    fs.writeFileSync(path.join(root, 'notes', '.git', 'z.md'), '# ⛩️');
    fs.writeFileSync(path.join(root, 'elsewhere', 'secret.md'), 'outside');
    fs.symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'notes', 'out'));
    const notes = path.join(root, 'notes');
    assert.deepStrictEqual(listNoteFiles(notes, 'a').files, ['a/b/y.md', 'a/x.md']);
    assert.deepStrictEqual(listNoteFiles(notes, 'a/b').files, ['a/b/y.md']);
    for (const folder of ['.git', 'out', 'top.md', 'gone', '../elsewhere']) assert.deepStrictEqual(listNoteFiles(notes, folder), { files: [], problems: [] }, folder);
  });

  it('never waits on a pipe named .md, and finds no note in it nor in a folder so named, as the listing finds none', function () {
    if (process.platform === 'win32') this.skip();
    fs.mkdirSync(path.join(root, 'folder.md'));
    fs.writeFileSync(path.join(root, 'own.md'), '# ⛩️');
    assert.strictEqual(spawnSync('mkfifo', [path.join(root, 'pipe.md')]).status, 0, 'mkfifo');
    assert.deepStrictEqual(listNoteFiles(root).files, ['own.md']);
    // As a file event would name them. Opening the pipe to read would wait for a writer forever.
    for (const name of ['pipe.md', 'folder.md']) {
      assert.deepStrictEqual(readNoteFile(root, name), { kind: 'missing' }, name);
      assert.deepStrictEqual(readNoteFile(root, name, { listed: true, stamp: true }), { kind: 'missing' }, `${name}, listed`);
    }
  });

  it('takes a file that vanishes between listing and reading in its stride', () => {
    fs.writeFileSync(path.join(root, 'a.md'), '# ⛩️');
    fs.writeFileSync(path.join(root, 'b.md'), '# ⛩️');
    const index = new WorkspaceIndex();
    const listed = listNoteFiles(root);
    // b.md goes between listing and reading, as a `git checkout` running meanwhile would make it.
    fs.rmSync(path.join(root, 'b.md'));
    indexFiles(index, root, listed.files);
    assert.deepStrictEqual(index.notePaths(), ['a.md']);
    assert.deepStrictEqual(index.skipped(), []);
  });
});
