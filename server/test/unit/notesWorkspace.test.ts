import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, NotesWorkspace } from '../../src/lsp/notesWorkspace';
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

describe('the notes whose verdict a note changes (NotesWorkspace.dependentsOf)', () => {
  it('include those linking a name nowhere here when a note starts or stops writing it: how many notes write a name tells a slip from a name meant', () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    const open = (notePath: string, text: string) => workspace.setOpenText(notePath, text, 1);
    open('honey.md', '# ⛩️\n');
    open('a.md', '# ⛩️\n🗄 `money.md`\n');
    open('b.md', '# ⛩️\n🗄 `money.md`\n');
    const severity = () => workspace.check('a.md').map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`);
    for (const notePath of workspace.allPaths()) {
      workspace.check(notePath);
      workspace.dependentsOf(notePath);
    }
    assert.deepStrictEqual(severity(), ['dead-file warning'], 'two notes write it: a slip for honey.md');
    open('c.md', '# ⛩️\n🗄 `money.md` pea\n');
    assert.ok(workspace.dependentsOf('c.md').has('a.md'), 'a third note writes it');
    assert.deepStrictEqual(severity(), ['foreign-note hint'], 'three notes write it: meant as written');
    workspace.closeDocument('c.md');
    assert.ok(workspace.dependentsOf('c.md').has('a.md'), 'the third note gone');
    assert.deepStrictEqual(severity(), ['dead-file warning']);
    open('b.md', '# ⛩️\n🗄 `money.md`\n🗄 `honey.md`\n');
    assert.ok(!workspace.dependentsOf('b.md').has('a.md'), 'b.md wrote money.md before too: nothing to recheck for it');
  });

  it('include those linking a name no note has when another note changes the sections it links under that name: they tell a renamed note', () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    const open = (notePath: string, text: string, version: number) => workspace.setOpenText(notePath, text, version);
    open('metals.md', '# ⛩️\n## patina\n## smelting\n## rust', 1);
    open('a.md', '# ⛩️\n🗄 `ore.md` patina\n', 1);
    open('b.md', '# ⛩️\n🗄 `ore.md` smelting\n🗄 `ore.md` rust\n', 1);
    const verdict = () => workspace.check('a.md').map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`);
    for (const notePath of workspace.allPaths()) workspace.check(notePath);
    assert.deepStrictEqual(verdict(), ['dead-file warning'], 'metals.md holds the three sections linked under ore.md');
    // At b.md's first change, compared with what it linked when read.
    open('b.md', '# ⛩️\n🗄 `ore.md` bronze\n🗄 `ore.md` brass\n', 2);
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md names other sections under ore.md');
    assert.deepStrictEqual(verdict(), ['foreign-note hint'], 'one of three is too few');
    open('b.md', '# ⛩️\n🗄 `ore.md` bronze\n🗄 `ore.md` brass\nmore\n', 3);
    assert.ok(!workspace.dependentsOf('b.md').has('a.md'), 'the same sections: nothing to recheck');
    open('b.md', '# ⛩️\n🗄 `ore.md` smelting\n🗄 `ore.md` rust\nmore\n', 4);
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'rust again');
    assert.deepStrictEqual(verdict(), ['dead-file warning']);
  });

  it('include those linking a name no note has when another note names under it a second section of one note: they tell a note taken apart', () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    const open = (notePath: string, text: string, version: number) => workspace.setOpenText(notePath, text, version);
    open('grains.md', '# ⛩️\n## sushi rice\n## oat groats', 1);
    open('a.md', '# ⛩️\n🗄 `pantry.md` sushi rice\n', 1);
    open('b.md', '# ⛩️\n🗄 `pantry.md` vinegar\n', 1);
    const verdict = () => workspace.check('a.md').map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`);
    for (const notePath of workspace.allPaths()) workspace.check(notePath);
    assert.deepStrictEqual(verdict(), ['foreign-note hint'], 'one section of grains.md says nothing');
    open('b.md', '# ⛩️\n🗄 `pantry.md` oat groats\n', 2);
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md names another section of grains.md under pantry.md');
    assert.deepStrictEqual(verdict(), ['dead-file warning']);
    // grains.md comes to link the name itself: it knows pantry.md as another note.
    open('grains.md', '# ⛩️\n## sushi rice\n## oat groats\n🗄 `pantry.md`', 2);
    assert.ok(workspace.dependentsOf('grains.md').has('a.md'));
    assert.deepStrictEqual(verdict(), ['foreign-note hint']);
  });

  it('include those whose dead section is looked for where the other sections links expect in its note went, when another note changes those links', () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    const open = (notePath: string, text: string, version: number) => workspace.setOpenText(notePath, text, version);
    open('vinegar.md', '# ⛩️\n## mother\nkeep warm', 1);
    open('sushi.md', '# ⛩️\n## rice\n## sushi vinegar', 1);
    open('grains.md', '# ⛩️\n## rice', 1);
    open('a.md', '# ⛩️\n🗄 `vinegar.md` rice\n', 1);
    open('b.md', '# ⛩️\n🗄 `vinegar.md` sushi vinegar\n', 1);
    const fix = () => workspace.check('a.md').map((diagnostic) => diagnostic.fix?.target.path ?? 'no fix');
    for (const notePath of workspace.allPaths()) workspace.check(notePath);
    assert.deepStrictEqual(fix(), ['sushi.md'], 'sushi.md holds the other section linked under vinegar.md');
    open('b.md', '# ⛩️\n🗄 `vinegar.md` mother\n', 2);
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md links another section under vinegar.md');
    assert.deepStrictEqual(fix(), ['no fix']);
    open('b.md', '# ⛩️\n🗄 `vinegar.md` sushi vinegar\n', 3);
    assert.deepStrictEqual(fix(), ['sushi.md']);
    // b.md typed in again, writing vinegar.md no more: what was read while it did is read again.
    open('b.md', '# ⛩️\nsushi vinegar\n', 4);
    assert.ok(workspace.dependentsOf('b.md').has('a.md'), 'b.md stops writing vinegar.md');
    assert.deepStrictEqual(fix(), ['no fix']);
    // A link without a note part in vinegar.md itself looks there too (its anchors and lines as they were).
    open('vinegar.md', '# ⛩️\n## mother\n🗄 sushi vinegar', 2);
    assert.ok(workspace.dependentsOf('vinegar.md').has('a.md'), 'vinegar.md links a section it lacks');
    assert.deepStrictEqual(fix(), ['sushi.md']);
  });

  it('include a note whose link without a note part is looked for where the sections links expect in it went, when another note changes those links', () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    const open = (notePath: string, text: string, version: number) => workspace.setOpenText(notePath, text, version);
    open('vinegar.md', '# ⛩️\n## rice\n## sweet vinegar', 1);
    open('grains.md', '# ⛩️\n## rice', 1);
    open('pickles.md', '# ⛩️\n## cured rice\n🗄 rice', 1);
    open('w.md', '# ⛩️\n🗄 `pickles.md` sweet vinegar\n', 1);
    const fix = () => workspace.check('pickles.md').map((diagnostic) => diagnostic.fix?.target.path ?? 'no fix');
    for (const notePath of workspace.allPaths()) workspace.check(notePath);
    assert.deepStrictEqual(fix(), ['vinegar.md'], 'vinegar.md holds the other section linked under pickles.md');
    open('w.md', '# ⛩️\n🗄 `pickles.md` cured rice\n', 2);
    assert.ok(workspace.dependentsOf('w.md').has('pickles.md'), 'w.md links another section under pickles.md');
    assert.deepStrictEqual(fix(), ['no fix']);
  });

  it('include a note whose link without a note part is read by where links look for the section it is in, when another note changes those links', () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    const open = (notePath: string, text: string, version: number) => workspace.setOpenText(notePath, text, version);
    open('vinegar.md', '# ⛩️\n## rice', 1);
    open('grains.md', '# ⛩️\n## rice', 1);
    open('pickles.md', '# ⛩️\n## cured rice\n🗄 rice', 1);
    open('w.md', '# ⛩️\n🗄 `vinegar.md` cured rice\n🗄 `vinegar.md` rice\n', 1);
    const fix = () => workspace.check('pickles.md').map((diagnostic) => diagnostic.fix?.target.path ?? 'no fix');
    for (const notePath of workspace.allPaths()) workspace.check(notePath);
    assert.deepStrictEqual(fix(), ['vinegar.md'], 'links look for cured rice in vinegar.md');
    open('w.md', '# ⛩️\n🗄 `vinegar.md` brown rice\n🗄 `vinegar.md` rice\n', 2);
    assert.ok(workspace.dependentsOf('w.md').has('pickles.md'), 'w.md looks for another section in vinegar.md');
    assert.deepStrictEqual(fix(), ['no fix']);
  });

  it('include those whose dead section is looked for in the other parts of a folder a note became, when a note starts or stops writing its name', () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    const open = (notePath: string, text: string, version: number) => workspace.setOpenText(notePath, text, version);
    for (let at = 0; at < 50; at++) open(`misc/n${at}.md`, '# ⛩️\n## leek', 1);
    open('yeast/dough.md', '# ⛩️\n## proofing\n🗄 leek', 1);
    open('yeast/greens.md', '# ⛩️\n## leek', 1);
    open('main.md', '# ⛩️\n🗄 `yeast.md` proofing', 1);
    const fix = () => workspace.check('yeast/dough.md').map((diagnostic) => diagnostic.fix?.target.path ?? 'no fix');
    for (const notePath of workspace.allPaths()) workspace.check(notePath);
    assert.deepStrictEqual(fix(), ['yeast/greens.md'], 'links write yeast.md: the folder is a note split into parts');
    open('main.md', '# ⛩️\nproofing', 2);
    assert.ok(workspace.dependentsOf('main.md').has('yeast/dough.md'), 'main.md stops writing yeast.md');
    assert.deepStrictEqual(fix(), ['no fix']);
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
