import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { DEFAULT_SETTINGS, NotesWorkspace } from '../../src/lsp/notesWorkspace';
import { indexCacheFile } from '../../src/node/indexCache';
import { gitWorkspace, note, type GitWorkspace } from './gitSupport';

const SAMPLE = path.resolve(__dirname, '../../../../test-fixtures/notes-kb');

describe('the notes linking into a note (NotesWorkspace.sourcesInto)', () => {
  it('are not known until every note read with the folder has been checked: every note is a candidate till then', async () => {
    const workspace = new NotesWorkspace(SAMPLE, DEFAULT_SETTINGS);
    await workspace.load(() => undefined);
    assert.strictEqual(workspace.sourcesInto('kitchen/care.md'), undefined, 'no note checked yet');
    const paths = workspace.index.notePaths();
    for (const notePath of paths.slice(0, -1)) workspace.check(notePath);
    assert.strictEqual(workspace.sourcesInto('kitchen/care.md'), undefined, 'one note still unchecked');
    workspace.check(paths[paths.length - 1]);
    const sources = workspace.sourcesInto('kitchen/care.md');
    assert.ok(sources, 'every note checked');
    assert.ok(sources!.includes('kitchen/utensils.md'), `utensils.md links to care.md: ${sources!.join(', ')}`);
  });
});

describe('a folder read while its files change (NotesWorkspace.load)', function () {
  this.timeout(60000);

  it('keeps what a file event read meanwhile, not the older note the index cache held, nor a note deleted meanwhile', async () => {
    // Enough notes that putting the cache's in the index takes a while: the events come between its steps.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-load-'));
    const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-cache-'));
    try {
      for (let at = 0; at < 8000; at++) {
        fs.mkdirSync(path.join(root, `topic-${at % 30}`), { recursive: true });
        fs.writeFileSync(path.join(root, `topic-${at % 30}`, `note-${at}.md`), `# ⛩️\n\n## part ${at}\n\nTERM\n* _word_: text\n`);
      }
      // Last in the listing: the cache's note of each goes in the index after the events.
      fs.mkdirSync(path.join(root, 'zz'));
      fs.writeFileSync(path.join(root, 'zz', 'edited.md'), '# ⛩️\n\n## tempering\n');
      fs.writeFileSync(path.join(root, 'zz', 'gone.md'), '# ⛩️\n\n## quenching\n');
      fs.mkdirSync(path.join(root, 'zz', 'old'));
      fs.writeFileSync(path.join(root, 'zz', 'old', 'annealing.md'), '# ⛩️\n\n## annealing\n');
      fs.writeFileSync(path.join(root, 'asks.md'), '# ⛩️\n\n🗄 `edited.md` tempering\n🗄 `gone.md` quenching\n🗄 `annealing.md` annealing\n');
      const first = new NotesWorkspace(root, DEFAULT_SETTINGS);
      first.cacheFile = indexCacheFile(cacheFolder, root);
      await first.load(() => undefined);
      assert.match(String(await first.saveCache()), /saved the index cache of 8004 notes/);

      const workspace = new NotesWorkspace(root, DEFAULT_SETTINGS);
      workspace.cacheFile = first.cacheFile;
      let midway: number | undefined;
      await workspace.load((done, total) => {
        if (midway !== undefined || done >= total) return;
        // Between two steps of the reading, as the server handles a file event there.
        midway = done;
        fs.writeFileSync(path.join(root, 'zz', 'edited.md'), '# ⛩️\n\n## heat treatment\n');
        workspace.diskChanged('zz/edited.md');
        fs.rmSync(path.join(root, 'zz', 'gone.md'));
        workspace.diskDeleted('zz/gone.md');
        // A folder deleted: one event for the folder, none for its notes, which were not read yet.
        fs.rmSync(path.join(root, 'zz', 'old'), { recursive: true });
        workspace.diskFolderDeleted('zz/old');
      });
      assert.ok(midway !== undefined && midway < 8000, `the events came halfway (after ${midway} notes of 8004)`);
      assert.deepStrictEqual(workspace.cacheReport && { reused: workspace.cacheReport.reused, read: workspace.cacheReport.read }, { reused: 8004, read: 0 }, 'every note was in the cache');
      assert.deepStrictEqual(workspace.index.getNote('zz/edited.md')!.note.anchors.map((anchor) => anchor.text).slice(-1), ['heat treatment'], 'the file as the event read it');
      assert.ok(!workspace.index.hasNote('zz/gone.md'), 'no ghost of the note deleted');
      assert.ok(!workspace.index.hasNote('zz/old/annealing.md'), 'no ghost of the note in the folder deleted');
      assert.deepStrictEqual(workspace.check('asks.md').map((diagnostic) => diagnostic.code), ['dead-section', 'foreign-note', 'foreign-note']);
      // The cache written next holds no note older than its file.
      await workspace.saveCache();
      const third = new NotesWorkspace(root, DEFAULT_SETTINGS);
      third.cacheFile = first.cacheFile;
      await third.load(() => undefined);
      assert.deepStrictEqual(third.index.getNote('zz/edited.md')!.note.anchors.map((anchor) => anchor.text).slice(-1), ['heat treatment']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(cacheFolder, { recursive: true, force: true });
    }
  });
});

/**
 * A workspace of no folder with `notes` open in it and each checked once, as after loading.
 * `open` gives a note a new text, as its next version in the editor; `verdict` and `fixes` check a
 * note and render its diagnostics (code and severity) or where their fixes lead.
 */
function openNotes(notes: Record<string, string>): {
  workspace: NotesWorkspace;
  open(notePath: string, text: string): void;
  verdict(notePath: string): string[];
  fixes(notePath: string): string[];
} {
  const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
  const versions = new Map<string, number>();
  const open = (notePath: string, text: string) => {
    const version = (versions.get(notePath) ?? 0) + 1;
    versions.set(notePath, version);
    workspace.setOpenText(notePath, text, version);
  };
  for (const [notePath, text] of Object.entries(notes)) open(notePath, text);
  for (const notePath of workspace.allPaths()) workspace.check(notePath);
  return {
    workspace,
    open,
    verdict: (notePath) => workspace.check(notePath).map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`),
    fixes: (notePath) => workspace.check(notePath).map((diagnostic) => diagnostic.fix?.target.path ?? 'no fix'),
  };
}

describe('the notes whose verdict a note changes (NotesWorkspace.dependentsOf)', () => {
  it('include those linking a name nowhere here when a note starts or stops writing it: how many notes write a name tells a slip from a name meant', () => {
    const { workspace, open, verdict } = openNotes({ 'honey.md': '# ⛩️\n', 'a.md': '# ⛩️\n🗄 `money.md`\n', 'b.md': '# ⛩️\n🗄 `money.md`\n' });
    for (const notePath of workspace.allPaths()) workspace.dependentsOf(notePath);
    assert.deepStrictEqual(verdict('a.md'), ['dead-file warning'], 'two notes write it: a slip for honey.md');
    open('c.md', '# ⛩️\n🗄 `money.md` pea\n');
    assert.ok(workspace.dependentsOf('c.md').has('a.md'), 'a third note writes it');
    assert.deepStrictEqual(verdict('a.md'), ['foreign-note hint'], 'three notes write it: meant as written');
    workspace.closeDocument('c.md');
    assert.ok(workspace.dependentsOf('c.md').has('a.md'), 'the third note gone');
    assert.deepStrictEqual(verdict('a.md'), ['dead-file warning']);
    // b.md gains a link (its next version: before, the same version again changed nothing).
    open('b.md', '# ⛩️\n🗄 `money.md`\n🗄 `honey.md`\n');
    assert.ok(!workspace.dependentsOf('b.md').has('a.md'), 'b.md wrote money.md before too: nothing to recheck for it');
    assert.strictEqual(workspace.index.getNote('b.md')!.note.references.length, 2, 'b.md holds its new link');
  });

  it('include those linking a name written with other apostrophes when a note by that name comes', () => {
    const { workspace, open, fixes } = openNotes({ 'a.md': '# ⛩️\n🗄 `chef’s knives.md`\n' });
    for (const notePath of workspace.allPaths()) workspace.dependentsOf(notePath);
    assert.deepStrictEqual(fixes('a.md'), ['no fix'], 'a note of another collection, as far as this folder knows');
    open("chef's knives.md", '# ⛩️\n');
    assert.ok(workspace.dependentsOf("chef's knives.md").has('a.md'));
    assert.deepStrictEqual(fixes('a.md'), ["chef's knives.md"]);
  });

  it('include those linking a name written decomposed when a note by that name comes, and count both spellings as one name', () => {
    // `crème` as macOS or a PDF may write it: `e` and a combining grave accent.
    const decomposed = 'cre\u0300me.md';
    const { workspace, open, verdict } = openNotes({
      'crime.md': '# ⛩️\n',
      'a.md': `# ⛩️\n🗄 \`${decomposed}\` custard\n`,
      'b.md': '# ⛩️\n🗄 `crème.md`\n',
      'c.md': `# ⛩️\n🗄 \`${decomposed}\`\n`,
    });
    for (const notePath of workspace.allPaths()) workspace.dependentsOf(notePath);
    assert.deepStrictEqual(verdict('b.md'), ['foreign-note hint'], 'three notes write the name, two of them decomposed: meant as written, not a slip for crime.md');
    open('crème.md', '# ⛩️\n## custard\n');
    assert.ok(workspace.dependentsOf('crème.md').has('a.md'), 'the note the decomposed links name has come');
    assert.deepStrictEqual(verdict('a.md'), []);
  });

  it('include those linking a name when a note comes into a folder of that name written decomposed (a note split into a folder, on macOS)', () => {
    const { workspace, open, fixes } = openNotes({ 'a.md': '# ⛩️\n🗄 `crème.md` custard\n' });
    for (const notePath of workspace.allPaths()) workspace.dependentsOf(notePath);
    assert.deepStrictEqual(fixes('a.md'), ['no fix'], 'a note of another collection, as far as this folder knows');
    // The folder as macOS names it: `e` and a combining grave accent.
    open('food/cre\u0300me/custard.md', '# ⛩️\n## custard\n');
    assert.ok(workspace.dependentsOf('food/cre\u0300me/custard.md').has('a.md'), 'a note came into a folder of the name the link writes');
    assert.deepStrictEqual(fixes('a.md'), ['food/cre\u0300me/custard.md']);
  });

  it('include those whose name with a space read as a shell command when a note by that name comes', () => {
    const { workspace, open, verdict } = openNotes({ 'a.md': '# ⛩️\n🗄 `knife care` honing\n' });
    for (const notePath of workspace.allPaths()) workspace.dependentsOf(notePath);
    assert.deepStrictEqual(verdict('a.md'), [], 'a shell command, as far as this folder knows');
    open('knife care.md', '# ⛩️\n## stropping\n');
    assert.ok(workspace.dependentsOf('knife care.md').has('a.md'));
    assert.deepStrictEqual(verdict('a.md'), ['dead-section warning']);
  });

  it('include those linking a name no note has when another note changes the sections it links under that name: they tell a renamed note', () => {
    const { workspace, open, verdict } = openNotes({
      'metals.md': '# ⛩️\n## patina\n## smelting\n## rust',
      'a.md': '# ⛩️\n🗄 `ore.md` patina\n',
      'b.md': '# ⛩️\n🗄 `ore.md` smelting\n🗄 `ore.md` rust\n',
    });
    assert.deepStrictEqual(verdict('a.md'), ['dead-file warning'], 'metals.md holds the three sections linked under ore.md');
    // At b.md's first change, compared with what it linked when read.
    open('b.md', '# ⛩️\n🗄 `ore.md` bronze\n🗄 `ore.md` brass\n');
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md names other sections under ore.md');
    assert.deepStrictEqual(verdict('a.md'), ['foreign-note hint'], 'one of three is too few');
    open('b.md', '# ⛩️\n🗄 `ore.md` bronze\n🗄 `ore.md` brass\nmore\n');
    assert.ok(!workspace.dependentsOf('b.md').has('a.md'), 'the same sections: nothing to recheck');
    open('b.md', '# ⛩️\n🗄 `ore.md` smelting\n🗄 `ore.md` rust\nmore\n');
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'rust again');
    assert.deepStrictEqual(verdict('a.md'), ['dead-file warning']);
  });

  it('include those linking a name no note has when another note names under it a second section of one note: they tell a note taken apart', () => {
    const { workspace, open, verdict } = openNotes({
      'grains.md': '# ⛩️\n## sushi rice\n## oat groats',
      'a.md': '# ⛩️\n🗄 `pantry.md` sushi rice\n',
      'b.md': '# ⛩️\n🗄 `pantry.md` vinegar\n',
    });
    assert.deepStrictEqual(verdict('a.md'), ['foreign-note hint'], 'one section of grains.md says nothing');
    open('b.md', '# ⛩️\n🗄 `pantry.md` oat groats\n');
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md names another section of grains.md under pantry.md');
    assert.deepStrictEqual(verdict('a.md'), ['dead-file warning']);
    // grains.md comes to link the name itself: it knows pantry.md as another note.
    open('grains.md', '# ⛩️\n## sushi rice\n## oat groats\n🗄 `pantry.md`');
    assert.ok(workspace.dependentsOf('grains.md').has('a.md'));
    assert.deepStrictEqual(verdict('a.md'), ['foreign-note hint']);
  });

  it('include those whose dead section is looked for where the other sections links expect in its note went, when another note changes those links', () => {
    const { workspace, open, fixes } = openNotes({
      'vinegar.md': '# ⛩️\n## mother\nkeep warm',
      'sushi.md': '# ⛩️\n## rice\n## sushi vinegar',
      'grains.md': '# ⛩️\n## rice',
      'a.md': '# ⛩️\n🗄 `vinegar.md` rice\n',
      'b.md': '# ⛩️\n🗄 `vinegar.md` sushi vinegar\n',
    });
    assert.deepStrictEqual(fixes('a.md'), ['sushi.md'], 'sushi.md holds the other section linked under vinegar.md');
    open('b.md', '# ⛩️\n🗄 `vinegar.md` mother\n');
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md links another section under vinegar.md');
    assert.deepStrictEqual(fixes('a.md'), ['no fix']);
    open('b.md', '# ⛩️\n🗄 `vinegar.md` sushi vinegar\n');
    assert.deepStrictEqual(fixes('a.md'), ['sushi.md']);
    // b.md typed in again, writing vinegar.md no more: what was read while it did is read again.
    open('b.md', '# ⛩️\nsushi vinegar\n');
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md stops writing vinegar.md');
    assert.deepStrictEqual(fixes('a.md'), ['no fix']);
    // A link without a note part in vinegar.md itself looks there too (its anchors and lines as they were).
    open('vinegar.md', '# ⛩️\n## mother\n🗄 sushi vinegar');
    assert.ok(workspace.dependentsOf('vinegar.md').has('a.md'), 'vinegar.md links a section it lacks');
    assert.deepStrictEqual(fixes('a.md'), ['sushi.md']);
  });

  it('include a note whose link without a note part is looked for where the sections links expect in it went, when another note changes those links', () => {
    const { workspace, open, fixes } = openNotes({
      'vinegar.md': '# ⛩️\n## rice\n## sweet vinegar',
      'grains.md': '# ⛩️\n## rice',
      'pickles.md': '# ⛩️\n## cured rice\n🗄 rice',
      'w.md': '# ⛩️\n🗄 `pickles.md` sweet vinegar\n',
    });
    assert.deepStrictEqual(fixes('pickles.md'), ['vinegar.md'], 'vinegar.md holds the other section linked under pickles.md');
    open('w.md', '# ⛩️\n🗄 `pickles.md` cured rice\n');
    assert.ok(workspace.dependentsOf('w.md').has('pickles.md'), 'w.md links another section under pickles.md');
    assert.deepStrictEqual(fixes('pickles.md'), ['no fix']);
  });

  it('include a note whose link without a note part is read by where links look for the section it is in, when another note changes those links', () => {
    const { workspace, open, fixes } = openNotes({
      'vinegar.md': '# ⛩️\n## rice',
      'grains.md': '# ⛩️\n## rice',
      'pickles.md': '# ⛩️\n## cured rice\n🗄 rice',
      'w.md': '# ⛩️\n🗄 `vinegar.md` cured rice\n🗄 `vinegar.md` rice\n',
    });
    assert.deepStrictEqual(fixes('pickles.md'), ['vinegar.md'], 'links look for cured rice in vinegar.md');
    open('w.md', '# ⛩️\n🗄 `vinegar.md` brown rice\n🗄 `vinegar.md` rice\n');
    assert.ok(workspace.dependentsOf('w.md').has('pickles.md'), 'w.md looks for another section in vinegar.md');
    assert.deepStrictEqual(fixes('pickles.md'), ['no fix']);
  });

  it('include those whose dead section is looked for in the other parts of a folder a note became, when a note starts or stops writing its name', () => {
    const notes: Record<string, string> = {};
    for (let at = 0; at < 50; at++) notes[`misc/n${at}.md`] = '# ⛩️\n## leek';
    const { workspace, open, fixes } = openNotes({
      ...notes,
      'yeast/dough.md': '# ⛩️\n## proofing\n🗄 leek',
      'yeast/greens.md': '# ⛩️\n## leek',
      'main.md': '# ⛩️\n🗄 `yeast.md` proofing',
    });
    assert.deepStrictEqual(fixes('yeast/dough.md'), ['yeast/greens.md'], 'links write yeast.md: the folder is a note split into parts');
    open('main.md', '# ⛩️\nproofing');
    assert.ok(workspace.dependentsOf('main.md').has('yeast/dough.md'), 'main.md stops writing yeast.md');
    assert.deepStrictEqual(fixes('yeast/dough.md'), ['no fix']);
  });

  it('compare, at a note’s first change, the names it writes with those it wrote when read: the same names recheck nobody', () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    workspace.setOpenText('a.md', '# ⛩️\n🗄 `chemistry.md` acids\n', 1);
    workspace.setOpenText('b.md', '# ⛩️\n🗄 `chemistry.md` bonds\n', 1);
    for (const notePath of workspace.allPaths()) workspace.check(notePath);
    workspace.setOpenText('a.md', '# ⛩️\n🗄 `chemistry.md` acids\nmore\n', 2);
    assert.ok(!workspace.dependentsOf('a.md').has('b.md'), 'a.md still writes chemistry.md alone');
    workspace.setOpenText('a.md', '# ⛩️\n🗄 `chemistry.md` acids\n🗄 `physics.md`\n', 3);
    workspace.check('a.md');
    workspace.setOpenText('b.md', '# ⛩️\n🗄 `chemistry.md` bonds\n🗄 `physics.md`\n', 2);
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md starts writing physics.md, which a.md links');
  });
});

describe('the notes checked again when the changes not yet committed rename other sections (NotesWorkspace.refreshWorktreeInBackground)', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('are those whose links name a section renamed before or now, not every note: autosave saves a heading at each pause', async () => {
    repo = gitWorkspace([{ date: '2023-01-10', files: {
      'knives.md': note('# ⛩️\n\n# 🔪 KNIVES\n\n## care\n\n* oil\n\n## storage\n\n* a block'),
      'main.md': '# ⛩️\n\n🗄 `knives.md` care',
      'other.md': '# ⛩️\n\n🗄 `knives.md` storage\n🗄 `pans.md` seasoning',
    } }]);
    const workspace = new NotesWorkspace(repo.root, DEFAULT_SETTINGS);
    await workspace.load(() => undefined);
    for (const notePath of workspace.allPaths()) workspace.check(notePath);
    const knives = path.join(repo.root, 'knives.md');
    const save = async (from: string, to: string) => {
      fs.writeFileSync(knives, fs.readFileSync(knives, 'utf8').replace(from, to));
      workspace.diskChanged('knives.md');
      for (const notePath of workspace.dependentsOf('knives.md')) workspace.check(notePath);
      workspace.check('knives.md');
      return workspace.refreshWorktreeInBackground();
    };
    assert.deepStrictEqual(await save('## care', '## blade'), ['main.md'], 'care renamed blade');
    assert.match(workspace.check('main.md')[0].message, /not yet committed show it renamed 'blade'/);
    assert.deepStrictEqual(await save('## blade', '## blade upkeep'), ['main.md'], 'the name typed on');
    assert.strictEqual(await save('* oil', '* oil it'), undefined, 'no rename changed');
    assert.match(workspace.check('main.md')[0].message, /renamed 'blade upkeep'/);
  });
});
