/**
 * Dead-link fixes that lead where the author meant (issue 10): one `describe` per failure class,
 * with made-up notes; history is a real git repository built by the test in a temporary folder.
 */

import * as assert from 'assert';
import * as cp from 'child_process';
import { memoryWorkspace } from './support';
import { gitWorkspace, note, type GitWorkspace } from './gitSupport';
import { DEFAULT_RESOLVER_OPTIONS, resolveReference, type Resolution } from '../../src/core/features/resolve';
import { checkNote, resolveNoteReferences } from '../../src/core/features/check';
import { computeNoteFixes } from '../../src/core/features/fixAll';
import { computeQuickFixes } from '../../src/core/features/quickFixes';
import { applyNoteEdits } from '../../src/cliFix';
import type { WorkspaceIndex } from '../../src/core/index/workspaceIndex';

/** `dead_file moved; fix `care.md` patina → care.md:3 [high]`: status, kind, and the fix with its confidence. */
function render(resolution: Resolution): string {
  let text = `${resolution.status} ${resolution.kind}`;
  if (resolution.status === 'resolved' && resolution.target) text += ` → ${resolution.target.path}:${resolution.target.line + 1}`;
  if (resolution.fix) text += `; fix ${resolution.fix.label} → ${resolution.fix.target.path}:${resolution.fix.target.line + 1} [${resolution.fix.confidence}]`;
  return text;
}

/** Every 🗄 target of `file`: `text: rendering`. */
function targets(index: WorkspaceIndex, file: string): string[] {
  return index.getNote(file)!.note.references.map((reference) => `${reference.text}: ${render(resolveReference(index, file, reference))}`);
}

function messages(index: WorkspaceIndex, file: string): string[] {
  return index.getNote(file)!.note.references.map((reference) => resolveReference(index, file, reference).message);
}

describe('a `.com` for `.md` whose `.md` note is gone: the fix that name would get', function () {
  this.timeout(20000);
  let repo: GitWorkspace;
  afterEach(() => repo?.remove());

  it('leads to the note history renamed it to, with its section', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: { 'metals.md': note('# ⛩️\n\n## patina'), 'main.md': '# ⛩️\n\n🗄 `metals.com` patina\n🗄 `metals.com`' } },
      { date: '2023-03-10', moves: { 'metals.md': 'forge.md' }, files: {} },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`metals.com` patina: dead_file moved; fix `forge.md` patina → forge.md:3 [high]',
      '`metals.com`: dead_file moved; fix `forge.md` → forge.md:1 [high]',
    ]);
    assert.strictEqual(messages(repo.index, 'main.md')[1], 'dead link: `metals.com` is not a note (`.com` looks like a typo for `.md`), and there is no note `metals.md`; metals.md was renamed to forge.md');
  });

  it('leads to the note its name is a slip on, and stays a warning with no fix when no note is meant', () => {
    const { index } = memoryWorkspace({ 'bread/sourdough.md': '# ⛩️\n## levain', 'main.md': '# ⛩️\n🗄 `sourdouh.com` levain\n🗄 `html-css.com`' });
    assert.deepStrictEqual(targets(index, 'main.md'), [
      '`sourdouh.com` levain: dead_file typo; fix `sourdough.md` levain → bread/sourdough.md:2 [high]',
      '`html-css.com`: dead_file typo-extension',
    ]);
    assert.deepStrictEqual(messages(index, 'main.md'), [
      'dead link: `sourdouh.com` is not a note (`.com` looks like a typo for `.md`), and there is no note `sourdouh.md`',
      'dead link: `html-css.com` is not a note (`.com` looks like a typo for `.md`), and there is no note `html-css.md` either',
    ]);
  });
});

describe('fixes, class 1: a renamed note’s fix leads to where the section lives now', function () {
  this.timeout(20000);
  let repo: GitWorkspace;
  afterEach(() => repo?.remove());

  it('follows a section that moved out before the rename, and keeps one that stayed', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'metals.md': note('# ⛩️\n\n# 🔩 CARBON STEEL\n\n## patina\n\n* _bluing_: a thin oxide'),
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING\n\n* rinse and dry'),
        'main.md': '# ⛩️\n\n🗄 `metals.md` patina\n🗄 `metals.md` carbon steel\n🗄 `metals.md` quenching oil',
      } },
      { date: '2023-02-10', files: {
        'metals.md': note('# ⛩️\n\n# 🔩 CARBON STEEL\n\n* _bluing_: a thin oxide'),
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING\n\n* rinse and dry\n\n## patina'),
      } },
      { date: '2023-03-10', moves: { 'metals.md': 'forge.md' }, files: {} },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`metals.md` patina: dead_file moved; fix `care.md` patina → care.md:7 [high]',
      '`metals.md` carbon steel: dead_file moved; fix `forge.md` carbon steel → forge.md:3 [high]',
      '`metals.md` quenching oil: dead_file moved; fix `forge.md` → forge.md:1 [low]',
    ]);
    assert.deepStrictEqual(messages(repo.index, 'main.md'), [
      "dead link: no note `metals.md`; metals.md was renamed to forge.md; its section 'patina' is now in care.md",
      'dead link: no note `metals.md`; metals.md was renamed to forge.md',
      "dead link: no note `metals.md`; metals.md was renamed to forge.md, which has no section 'quenching oil', nor does any other note",
    ]);
  });

  it('follows a section through a split into a folder and a later move', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'kitchen.md': note('# ⛩️\n\n# 🍳 PANS\n\n## patina\n\n# 🔪 KNIVES\n\n## honing'),
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING'),
        'main.md': '# ⛩️\n\n🗄 `kitchen.md` patina\n🗄 `kitchen.md` honing',
      } },
      { date: '2023-02-10', files: {
        'kitchen.md': null,
        'kitchen/pans.md': note('# ⛩️\n\n# 🍳 PANS\n\n## patina'),
        'kitchen/knives.md': note('# ⛩️\n\n# 🔪 KNIVES\n\n## honing'),
      } },
      { date: '2023-03-10', files: {
        'kitchen/pans.md': note('# ⛩️\n\n# 🍳 PANS'),
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING\n\n## patina'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`kitchen.md` patina: dead_file split-or-deleted; fix `care.md` patina → care.md:5 [high]',
      '`kitchen.md` honing: dead_file split-or-deleted; fix `knives.md` honing → kitchen/knives.md:5 [high]',
    ]);
  });

  it('prefers where history saw the section go over a loose match (a word prefix) in the renamed note', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'kitchen.md': note('# ⛩️\n\n# 🍳 PANS\n\n## rennet (cheese)\n\n# 🍵 RENNET TEA\n\n* steep cool', 'kitchen'),
        'main.md': '# ⛩️\n\n🗄 `kitchen.md` rennet tea',
      } },
      { date: '2023-02-10', moves: { 'kitchen.md': 'kitchen/pans.md' }, files: {
        'kitchen/pans.md': note('# ⛩️\n\n# 🍳 PANS\n\n## rennet (cheese)', 'kitchen'),
        'kitchen/tea.md': note('# ⛩️\n\n# 🍵 RENNET TEA\n\n* steep cool'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`kitchen.md` rennet tea: dead_file moved; fix `tea.md` rennet tea → kitchen/tea.md:3 [high]']);
  });

  it('finds a moved section by its name alone when one note has it, and says so with a high confidence', () => {
    const { index } = memoryWorkspace({
      'main.md': '🗄 `metals.md` rust removal\n🗄 `steel.md` oiling',
      'metals.md': '# ⛩️\n# 🔩 CARBON STEEL',
      'steel.md': '# ⛩️\n# 🔩 STAINLESS',
      'kitchen/care.md': '# ⛩️\n\n## rust removal\n## oiling (wax)',
      'kitchen/knives.md': '# ⛩️\n\n## oiling',
    });
    assert.deepStrictEqual(targets(index, 'main.md'), [
      '`metals.md` rust removal: dead_section moved-section; fix `care.md` rust removal → kitchen/care.md:3 [high]',
      '`steel.md` oiling: dead_section moved-section',
    ]);
    assert.match(messages(index, 'main.md')[1], /steel\.md has no section 'oiling'; 2 notes \(kitchen\/care\.md, kitchen\/knives\.md\) have one, and nothing tells which was meant/);
  });

  it('takes the one of several notes with the name that sits beside the note it left, as a probable fix', () => {
    const { index } = memoryWorkspace({
      'main.md': '🗄 `metals.md` oiling',
      'forge/metals.md': '# ⛩️\n# 🔩 CARBON STEEL',
      'forge/care.md': '# ⛩️\n\n## oiling (wax)',
      'kitchen/knives.md': '# ⛩️\n\n## oiling',
    });
    assert.deepStrictEqual(targets(index, 'main.md'), ['`metals.md` oiling: dead_section moved-section; fix `care.md` oiling → forge/care.md:3 [medium]']);
  });
});

describe('fixes, class 2: a section written as a path (F8) needs a strong parent', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('reads a path as a section only when the parent note is where the path says', () => {
    const { index } = memoryWorkspace({
      'main.md': `
        🗄 \`bread/flour/rye.md\`
        🗄 \`bread/flour/spelt.md\`
        🗄 \`kitchen/pans.md\`
        🗄 \`tools/jig-builder/src\`
        🗄 \`shop/jig-builder/src\`
      `,
      'food/bread/flour.md': '# ⛩️\n## rye',
      'kitchen/#meta.md': '# ⛩️\n# 🍳 PANS',
      'shop/jig-builder/#meta.md': '# ⛩️\n# 🪚 SRC',
    });
    assert.deepStrictEqual(targets(index, 'main.md'), [
      '`bread/flour/rye.md`: resolved section-as-path → food/bread/flour.md:2',
      '`bread/flour/spelt.md`: dead_section no-anchor',
      '`kitchen/pans.md`: external foreign-note',
      '`tools/jig-builder/src`: external project-or-dir',
      '`shop/jig-builder/src`: external project-or-dir',
    ]);
    assert.strictEqual(messages(index, 'main.md')[1], "dead link: no note `bread/flour/spelt.md`, and food/bread/flour.md has no section 'spelt'");
  });

  it('lets history beat a folder note guessed for a renamed note', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'kitchen/pans.md': note('# ⛩️\n\n# 🍳 SKILLETS\n\n## seasoning'),
        'kitchen/#meta.md': note('# ⛩️\n\n# 🍳 PANS'),
        'main.md': '# ⛩️\n\n🗄 `kitchen/pans.md` seasoning',
      } },
      { date: '2023-02-10', moves: { 'kitchen/pans.md': 'kitchen/cookware.md' }, files: {} },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`kitchen/pans.md` seasoning: dead_file moved; fix `cookware.md` seasoning → kitchen/cookware.md:5 [high]']);
  });
});

describe('fixes, class 3: messages name what was searched', () => {
  it('names the note found and the section as written', () => {
    const { index } = memoryWorkspace({
      'main.md': '🗄 `knife.md` burr\n🗄 `kitchen/knife/edge.md` burr',
      'kitchen/knife.md': '# ⛩️\n# 🔪 EDGE',
    });
    assert.deepStrictEqual(messages(index, 'main.md'), [
      "dead section: kitchen/knife.md has no section 'burr'",
      "dead link: no note `kitchen/knife/edge.md`, and kitchen/knife.md has no section 'edge' with 'burr' in it",
    ]);
  });
});

describe('fixes, class 4: extensionless legacy and split names behave like their .md spelling', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('treats `3-harvest` and `spices saffron` as `3-harvest.md` and `spices.md saffron`', () => {
    const { index } = memoryWorkspace({
      'main.md': '🗄 `3-harvest`\n🗄 `3-harvest.md`\n🗄 `spices` saffron\n🗄 `spices.md` saffron\n🗄 `recipe-app`',
      'garden/harvest.md': '# ⛩️',
      'food/spices/saffron-and-co.md': '# ⛩️\n# 🟧 SAFFRON',
      'food/spices/pepper.md': '# ⛩️',
    });
    assert.deepStrictEqual(targets(index, 'main.md'), [
      '`3-harvest`: dead_file legacy-name; fix `harvest.md` → garden/harvest.md:1 [high]',
      '`3-harvest.md`: dead_file legacy-name; fix `harvest.md` → garden/harvest.md:1 [high]',
      '`spices` saffron: dead_file split-into-folder; fix `saffron-and-co.md` saffron → food/spices/saffron-and-co.md:2 [high]',
      '`spices.md` saffron: dead_file split-into-folder; fix `saffron-and-co.md` saffron → food/spices/saffron-and-co.md:2 [high]',
      '`recipe-app`: external project-or-dir',
    ]);
  });

  it('reviews, not applies, a legacy name\'s loose reading of the section when another note has it by that very name', () => {
    // `bracket vanilla` reads as `vanilla` under `BRACKET` in harvest.md; marinade.md has `### bracket vanilla`.
    const files = {
      'main.md': '🗄 `3-harvest.md` bracket vanilla\n🗄 `3-harvest.md` smoked rack',
      'garden/harvest.md': '# ⛩️\n\nBRACKET\n* vanilla pods on the top shelf\n\n## smoked rack',
      'food/marinade.md': '# ⛩️\n\n## pods\n\n### bracket vanilla\n\n* split and scraped',
    };
    assert.deepStrictEqual(targets(memoryWorkspace(files).index, 'main.md'), [
      '`3-harvest.md` bracket vanilla: dead_file legacy-name; fix `harvest.md` bracket vanilla → garden/harvest.md:3 [medium]',
      '`3-harvest.md` smoked rack: dead_file legacy-name; fix `harvest.md` smoked rack → garden/harvest.md:6 [high]',
    ]);
    const [message] = messages(memoryWorkspace(files).index, 'main.md');
    assert.match(message, /food\/marinade.md has a section 'bracket vanilla' too$/);
    // No other note has it: the loose reading is the one place, and sure as before.
    const alone = memoryWorkspace({ ...files, 'food/marinade.md': '# ⛩️\n\n## pods' }).index;
    assert.match(targets(alone, 'main.md')[0], /→ garden\/harvest.md:3 \[high\]$/);
  });

  it('gives `spices` the verdict of `spices.md` when history knows that note became the folder', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: { 'spices.md': note('# ⛩️\n\n# 🟧 SAFFRON\n\n# 🌶️ CHILI'), 'main.md': '# ⛩️\n\n🗄 `spices`\n🗄 `spices.md`\n🗄 `spices` chili\n🗄 `spices.md` chili' } },
      { date: '2023-02-10', files: { 'spices.md': null, 'spices/saffron.md': note('# ⛩️\n\n# 🟧 SAFFRON'), 'spices/chili.md': note('# ⛩️\n\n# 🌶️ CHILI') } },
    ]);
    const [bare, dotted, bareChili, dottedChili] = targets(repo.index, 'main.md').map((line) => line.slice(line.indexOf(':')));
    assert.strictEqual(bare, dotted);
    assert.strictEqual(bareChili, dottedChili);
    assert.strictEqual(dottedChili, ': dead_file split-or-deleted; fix `chili.md` chili → spices/chili.md:3 [high]');
  });
});

describe('fixes, class 5: split and deleted notes go to the best heir', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('prefers the heir with the heading over one with a bullet, and lists no note that was only renamed', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'bread.md': note('# ⛩️\n\n# 🥖 STARTER\n\n## feeding\n\n# 🌾 FLOUR\n\n## rye'),
        'oven.md': note('# ⛩️\n\n# 🔥 BAKING'),
        'main.md': '# ⛩️\n\n🗄 `bread.md` feeding\n🗄 `bread.md` rye',
      } },
      { date: '2023-02-10', moves: { 'oven.md': 'stove.md' }, files: {
        'bread.md': null,
        'food/bread/flour.md': note('# ⛩️\n\n# 🌾 FLOUR\n\n## rye\n\n* feeding: twice a day for rye'),
        'food/bread/starter.md': note('# ⛩️\n\n# 🥖 STARTER\n\n## feeding'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`bread.md` feeding: dead_file split-or-deleted; fix `starter.md` feeding → food/bread/starter.md:5 [high]',
      '`bread.md` rye: dead_file split-or-deleted; fix `flour.md` rye → food/bread/flour.md:5 [high]',
    ]);
    assert.match(messages(repo.index, 'main.md')[0], /bread\.md was deleted \(its material went to food\/bread\/flour\.md, food\/bread\/starter\.md\)/);
  });

  it('counts a note the deleting commit changed as an heir when it took some of the material', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'pantry.md': note('# ⛩️\n\n# 🫙 JARS\n\n## canning'),
        'preserves.md': note('# ⛩️\n\n# 🍯 JAM'),
        'tea.md': note('# ⛩️\n\n# 🍵 GREEN'),
        'main.md': '# ⛩️\n\n🗄 `pantry.md` canning',
      } },
      { date: '2023-02-10', files: {
        'pantry.md': null,
        'preserves.md': note('# ⛩️\n\n# 🍯 JAM\n\n## canning'),
        'tea.md': note('# ⛩️\n\n# 🍵 GREEN\n\n* steep cooler'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`pantry.md` canning: dead_file split-or-deleted; fix `preserves.md` canning → preserves.md:5 [high]']);
    assert.match(messages(repo.index, 'main.md')[0], /pantry\.md was deleted \(its material went to preserves\.md\)/);
  });

  it('is sure of the one note a deleted note merged into, and not of one that took a little of it', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'cherry.md': note('# ⛩️\n\n# 🍒 PITTING\n\n## by hand\n\n# 🫙 JAM'),
        'orchard.md': note('# ⛩️\n\n# 🌳 TREES'),
        'plum.md': note('# ⛩️\n\n# 🟣 DRYING\n\n# 🍮 CUSTARD\n\n# 🥧 TART'),
        'pantry.md': note('# ⛩️\n\n# 🧂 SALT'),
        'main.md': '# ⛩️\n\n🗄 `cherry.md`\n🗄 `plum.md`',
      } },
      // cherry.md merges into orchard.md; plum.md goes, one of its three sections to pantry.md.
      { date: '2023-02-10', files: {
        'cherry.md': null,
        'orchard.md': note('# ⛩️\n\n# 🌳 TREES\n\n# 🍒 PITTING\n\n## by hand\n\n# 🫙 JAM'),
        'plum.md': null,
        'pantry.md': note('# ⛩️\n\n# 🧂 SALT\n\n# 🟣 DRYING'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`cherry.md`: dead_file split-or-deleted; fix `orchard.md` → orchard.md:1 [high]',
      '`plum.md`: dead_file split-or-deleted; fix `pantry.md` → pantry.md:1 [medium]',
    ]);
  });

  it('is not sure of an heir that had a namesake before the section was dropped (Fix All leaves it)', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'pantry.md': note('# ⛩️\n\n# 🫙 JARS\n\n## canning\n\n# 🧂 SALT'),
        'preserves.md': note('# ⛩️\n\n# 🍯 JAM\n\n## canning'),
        'main.md': '# ⛩️\n\n🗄 `pantry.md` canning\n🗄 `pantry.md` salt',
      } },
      // pantry.md goes: SALT to preserves.md, its own canning nowhere (preserves.md had one already).
      { date: '2023-02-10', files: {
        'pantry.md': null,
        'preserves.md': note('# ⛩️\n\n# 🍯 JAM\n\n## canning\n\n# 🧂 SALT'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`pantry.md` canning: dead_file split-or-deleted; fix `preserves.md` canning → preserves.md:5 [low]',
      '`pantry.md` salt: dead_file split-or-deleted; fix `preserves.md` salt → preserves.md:7 [high]',
    ]);
    // And it says what history knows, not that the section is there now.
    assert.match(messages(repo.index, 'main.md')[0], /'canning' was taken out of pantry\.md and put in no note; preserves\.md has a section of that name$/);
    assert.match(messages(repo.index, 'main.md')[1], /'salt' is now in preserves\.md$/);
  });
});

describe('fixes, class 6: text-only evidence is whole words outside code and URLs', () => {
  it('names the file and line of a whole-word match, and ignores code fences, URLs and parts of words', () => {
    const { index } = memoryWorkspace({
      'main.md': '🗄 `metals.md` bluing\n🗄 `metals.md` blue',
      'metals.md': '# ⛩️\n\n```sh\n# bluing bath\n```\nhttps://example.org/bluing\n* bluingness\n* _22_: hot bluing at home',
    });
    assert.deepStrictEqual(messages(index, 'main.md'), [
      "dead section: metals.md has no section 'bluing'; the words occur only as text, on line 8 of metals.md",
      "dead section: metals.md has no section 'blue'",
    ]);
    assert.deepStrictEqual(resolveReference(index, 'main.md', index.getNote('main.md')!.note.references[0]).related, [{ path: 'metals.md', line: 7, message: "'bluing' occurs here as plain text" }]);
  });
});

describe('fixes, class 7: never the enclosing heading', () => {
  it('does not point a moved-section fix at the heading the reference itself is in', () => {
    const { index } = memoryWorkspace({
      'care.md': '# ⛩️\n\n## patina\n\n🗄 `metals.md` patina\n\n## oiling',
      'metals.md': '# ⛩️\n# 🔩 CARBON STEEL',
    });
    assert.deepStrictEqual(targets(index, 'care.md'), ['`metals.md` patina: dead_section no-anchor']);
  });

  it('points it at another note that has the section', () => {
    const { index } = memoryWorkspace({
      'care.md': '# ⛩️\n\n## patina\n\n🗄 `metals.md` patina',
      'metals.md': '# ⛩️\n# 🔩 CARBON STEEL',
      'forge.md': '# ⛩️\n## patina',
    });
    assert.deepStrictEqual(targets(index, 'care.md'), ['`metals.md` patina: dead_section moved-section; fix `forge.md` patina → forge.md:2 [high]']);
  });
});

describe('fixes, class 8: one target, one verdict', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('gives every spelling of a renamed note the same status and fix', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'kitchen/bread.md': note('# ⛩️\n\n# 🥖 CRUMB'),
        'main.md': '# ⛩️\n\n🗄 `food/bread.md` crumb\n🗄 `kitchen/bread.md` crumb\n🗄 `bread.md` crumb\n🗄 `bread` crumb\n🗄 `food/bread` crumb',
      } },
      { date: '2023-02-10', moves: { 'kitchen/bread.md': 'food/loaf.md' }, files: {} },
    ]);
    const verdicts = targets(repo.index, 'main.md').map((line) => line.slice(line.indexOf(': ') + 2));
    assert.deepStrictEqual(new Set(verdicts), new Set(['dead_file moved; fix `loaf.md` crumb → food/loaf.md:3 [high]']));
  });

  it('gives a note found with and without its folder and extension the same verdict', () => {
    const { index } = memoryWorkspace({
      'main.md': '🗄 `food/bread.md` crumb\n🗄 `bread.md` crumb\n🗄 `bread` crumb\n🗄 `food/bread` crumb',
      'food/bread.md': '# ⛩️\n# 🥖 CRUST',
      'care.md': '# ⛩️\n## crumb',
    });
    const verdicts = targets(index, 'main.md').map((line) => line.slice(line.indexOf(': ') + 2));
    assert.deepStrictEqual(new Set(verdicts), new Set(['dead_section moved-section; fix `care.md` crumb → care.md:2 [high]']));
  });
});

describe('fixes, class 9: references written after their target disappeared', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('reads a name written after its note was deleted as any name the collection lacks', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'bread.md': note('# ⛩️\n\n# 🥖 CRUMB'),
        'rolls.md': note('# ⛩️\n\n# 🥯 ROLLS'),
        'old.md': '# ⛩️\n\n🗄 `bread.md` crumb',
        'kept.md': '# ⛩️\n\n# 🫙 JARS',
      } },
      { date: '2023-02-10', files: { 'bread.md': null, 'rolls.md': note('# ⛩️\n\n# 🥯 ROLLS\n\n# 🥖 CRUMB') } },
      { date: '2023-06-10', files: {
        'new.md': '# ⛩️\n\n🗄 `bread.md` crumb',
        'kept.md': '# ⛩️\n\n# 🫙 JARS\n\n🗄 `bread.md`',
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'old.md'), ['`bread.md` crumb: dead_file split-or-deleted; fix `rolls.md` crumb → rolls.md:5 [high]']);
    assert.deepStrictEqual(targets(repo.index, 'new.md'), ['`bread.md` crumb: external foreign-note']);
    assert.deepStrictEqual(targets(repo.index, 'kept.md'), ['`bread.md`: external foreign-note']);
  });

  it('dates the name from the rename that changed it, not from a move that kept it', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: { 'strainer.md': note('# ⛩️\n\n# 🫖 MESH') } },
      { date: '2023-02-10', files: {}, moves: { 'strainer.md': 'tools/strainer.md' } },
      { date: '2023-03-10', files: { 'tea.md': '# ⛩️\n\n🗄 `strainer.md` mesh' } },
      { date: '2023-04-10', files: {}, moves: { 'tools/strainer.md': 'tools/sieve.md' } },
      { date: '2023-05-10', files: { 'later.md': '# ⛩️\n\n🗄 `strainer.md` mesh' } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'tea.md'), ['`strainer.md` mesh: dead_file moved; fix `sieve.md` mesh → tools/sieve.md:3 [high]']);
    assert.deepStrictEqual(targets(repo.index, 'later.md'), ['`strainer.md` mesh: external foreign-note']);
  });
});

describe('fixes, class 11: a reference with no file part that moved with its section', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('means the section of the note it was written in, not a note of that name', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'stain.md': note('# ⛩️\n\n# 🪵 FINISHES\n\n* _bench_: the low one by the door\n\n# 🔨 JIGS\n\n* square it first 🗄️ \'bench\'\n* then glue\n\n🗄\n* bench'),
        'bench.md': note('# ⛩️\n\n# 🪑 BENCHES'),
        'proof.md': note('# ⛩️\n\n# 📏 CHECKS'),
      } },
      // JIGS, with its reference, moves to proof.md; the term stays in stain.md.
      { date: '2023-02-10', files: {
        'stain.md': note('# ⛩️\n\n# 🪵 FINISHES\n\n* _bench_: the low one by the door'),
        'proof.md': note('# ⛩️\n\n# 📏 CHECKS\n\n# 🔨 JIGS\n\n* square it first 🗄️ \'bench\'\n* then glue\n\n🗄\n* bench'),
      } },
    ]);
    // The second is an item of a bare 🗄 list: the line that moved holds no marker.
    assert.deepStrictEqual(targets(repo.index, 'proof.md'), [
      "'bench': dead_section moved-section; fix `stain.md` 'bench' → stain.md:5 [high]",
      'bench: dead_section moved-section; fix `stain.md` bench → stain.md:5 [high]',
    ]);
    assert.match(messages(repo.index, 'proof.md')[0], /the line came from stain\.md, and the section is in stain\.md/);
  });

  it('still means that section when a namesake of the note it moved into left in a later split', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'stain.md': note('# ⛩️\n\n# 🪵 FINISHES\n\n* _bench_: the low one by the door\n\n# 🔨 JIGS\n\n* square it first 🗄️ \'bench\'\n* then glue'),
        'proof.md': note('# ⛩️\n\n# 📏 CHECKS\n\n* _bench_: the bench hook, for sawing'),
      } },
      // JIGS, with its reference, moves to proof.md, which has a term of that name.
      { date: '2023-02-10', files: {
        'stain.md': note('# ⛩️\n\n# 🪵 FINISHES\n\n* _bench_: the low one by the door'),
        'proof.md': note('# ⛩️\n\n# 📏 CHECKS\n\n* _bench_: the bench hook, for sawing\n\n# 🔨 JIGS\n\n* square it first 🗄️ \'bench\'\n* then glue'),
      } },
      // proof.md is split: the term goes to one new note, the reference to another.
      { date: '2023-03-10', files: {
        'proof.md': null,
        'proof/checks.md': '# ⛩️\n\n# 📏 CHECKS\n\n* _bench_: the bench hook, for sawing',
        'proof/jigs.md': '# ⛩️\n\n# 🔨 JIGS\n\n* square it first 🗄️ \'bench\'\n* then glue',
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'proof/jigs.md'), ["'bench': dead_section moved-section; fix `stain.md` 'bench' → stain.md:5 [high]"]);
  });
});

describe('fixes, class 11b: a split that git reads as a rename', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('follows a reference into the new note it went to, back to the section that stayed in the renamed one', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'dust.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil\n\n# 🧂 SEASONING\n\n* taste as for 🗄️ \'broth\'', 'dust'),
        'broth.md': note('# ⛩️\n\n# 🥣 BOWLS'),
      } },
      // dust.md becomes dust/stocks.md (git: a rename); SEASONING goes to a new note beside it.
      { date: '2023-02-10', moves: { 'dust.md': 'dust/stocks.md' }, files: {
        'dust/stocks.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil', 'dust'),
        'dust/seasoning.md': '# ⛩️\n\n# 🧂 SEASONING\n\n* taste as for 🗄️ \'broth\'',
      } },
    ]);
    const renamed = cp.spawnSync('git', ['log', '-M', '--name-status', '--format=', '-1'], { cwd: repo.root, encoding: 'utf8' }).stdout;
    assert.match(renamed, /^R\d+\tdust\.md\tdust\/stocks\.md$/m, 'git reads the split as a rename');
    assert.deepStrictEqual(targets(repo.index, 'dust/seasoning.md'), ["'broth': dead_section moved-section; fix `stocks.md` 'broth' → dust/stocks.md:5 [high]"]);
  });

  it('does not date a link by the new note that carried it: it still follows a rename from before', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'bread.md': note('# ⛩️\n\n# 🥖 CRUMB'),
        'dust.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil\n\n# 🧂 SEASONING\n\n* as on toast 🗄 `bread.md` crumb', 'dust'),
      } },
      { date: '2023-02-10', files: {}, moves: { 'bread.md': 'loaf.md' } },
      { date: '2023-03-10', moves: { 'dust.md': 'dust/stocks.md' }, files: {
        'dust/stocks.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil', 'dust'),
        'dust/seasoning.md': '# ⛩️\n\n# 🧂 SEASONING\n\n* as on toast 🗄 `bread.md` crumb',
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'dust/seasoning.md'), ['`bread.md` crumb: dead_file moved; fix `loaf.md` crumb → loaf.md:3 [high]']);
  });
});

describe('fixes, class 11c: a link to a whole note that git saw split as a rename', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('is not sure of the part git calls the rename when the same commit put sections into a new note', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'dust.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil\n* _dashi_: kombu, cold\n\n# 🧂 SEASONING\n\n* salt late', 'dust'),
        'pantry.md': note('# ⛩️\n\n# 🥫 SHELVES\n\n* what we keep: 🗄 `dust.md`'),
      } },
      { date: '2023-02-10', moves: { 'dust.md': 'dust/stocks.md' }, files: {
        'dust/stocks.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil\n* _dashi_: kombu, cold', 'dust'),
        'dust/seasoning.md': '# ⛩️\n\n# 🧂 SEASONING\n\n* salt late',
      } },
    ]);
    const renamed = cp.spawnSync('git', ['log', '-M', '--name-status', '--format=', '-1'], { cwd: repo.root, encoding: 'utf8' }).stdout;
    assert.match(renamed, /^R\d+\tdust\.md\tdust\/stocks\.md$/m, 'git reads the split as a rename');
    assert.deepStrictEqual(targets(repo.index, 'pantry.md'), ['`dust.md`: dead_file moved; fix `stocks.md` → dust/stocks.md:1 [low]']);
    assert.match(messages(repo.index, 'pantry.md')[0], /dust\.md was renamed to dust\/stocks\.md \(so git reads it: the same commit moved some of its sections to dust\/seasoning\.md\)/);
  });

  it('is not sure of it either when the sections went into a note that was there before', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'dust.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil\n* _dashi_: kombu, cold\n\n# 🧂 SEASONING\n\n* salt late', 'dust'),
        'salt.md': note('# ⛩️\n\n# 🧂 FLAKES'),
        'pantry.md': note('# ⛩️\n\n# 🥫 SHELVES\n\n* what we keep: 🗄 `dust.md`'),
      } },
      { date: '2023-02-10', moves: { 'dust.md': 'stocks.md' }, files: {
        'stocks.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil\n* _dashi_: kombu, cold', 'dust'),
        'salt.md': note('# ⛩️\n\n# 🧂 FLAKES\n\n# 🧂 SEASONING\n\n* salt late'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'pantry.md'), ['`dust.md`: dead_file moved; fix `stocks.md` → stocks.md:1 [low]']);
  });

  it('stays sure of a rename that only edited the note, and of a section that stayed in it', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'dust.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil\n* _dashi_: kombu, cold\n\n# 🧂 SEASONING\n\n* salt late', 'dust'),
        'pantry.md': note('# ⛩️\n\n# 🥫 SHELVES\n\n* what we keep: 🗄 `dust.md`\n* and its broth: 🗄 `dust.md` stocks'),
      } },
      { date: '2023-02-10', moves: { 'dust.md': 'stocks.md' }, files: {
        'stocks.md': note('# ⛩️\n\n# 🍲 STOCKS\n\n* _broth_: simmer, never boil\n* _dashi_: kombu, cold', 'dust'),
        'bread.md': note('# ⛩️\n\n# 🥖 CRUMB'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'pantry.md'), [
      '`dust.md`: dead_file moved; fix `stocks.md` → stocks.md:1 [high]',
      '`dust.md` stocks: dead_file moved; fix `stocks.md` stocks → stocks.md:3 [high]',
    ]);
  });
});

describe('fixes, class 11d: a section history saw taken out of a renamed note and put nowhere', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('says so, and offers the note alone as a guess', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'cold.md': note('# ⛩️\n\n# 🧊 JIG\n\n# 🍺 KEEP', 'cold'),
        'main.md': '# ⛩️\n\n🗄 `cold.md` jig',
      } },
      { date: '2023-02-10', moves: { 'cold.md': 'malt.md' }, files: { 'malt.md': note('# ⛩️\n\n# 🍺 KEEP', 'cold') } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`cold.md` jig: dead_file moved; fix `malt.md` → malt.md:1 [low]']);
    assert.match(messages(repo.index, 'main.md')[0], /malt\.md, which has no section 'jig': history shows it taken out of cold\.md and put in no note$/);
  });
});

describe('fixes, class 12: a typo of a renamed note’s old name', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('is a dead link with the renamed note as a guess when that note has the section, else another collection’s note', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'slow-spline.md': note('# ⛩️\n\n# 🪵 MORTAR\n\n## depth'),
        'main.md': '# ⛩️\n\n🗄 `slow-epline.md` mortar\n🗄 `slow-epline.md`\n🗄 `slow-epline.md` tenon',
      } },
      { date: '2023-02-10', files: {}, moves: { 'slow-spline.md': 'knife-starter.md' } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`slow-epline.md` mortar: dead_file typo; fix `knife-starter.md` mortar → knife-starter.md:3 [low]',
      '`slow-epline.md`: external foreign-note',
      '`slow-epline.md` tenon: external foreign-note',
    ]);
    assert.match(messages(repo.index, 'main.md')[0], /did you mean slow-spline\.md, renamed to knife-starter\.md\?/);
  });

  it('reads a typo of an old name written decomposed (`e` and a combining accent, pasted from macOS) as the same slip typed', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'slow-crème.md': note('# ⛩️\n\n# 🪵 MORTAR\n\n## depth'),
        'crèmerie.md': note('# ⛩️\n\n# 🪵 TENON'),
        // Two slips on `crèmerie`, eight letters: more than a name that short is allowed, however its accent is written.
        'main.md': '# ⛩️\n\n🗄 `slow-crèmme.md` mortar\n🗄 `slow-cre\u0300mme.md` mortar\n🗄 `crèmexxe.md` tenon\n🗄 `cre\u0300mexxe.md` tenon',
      } },
      { date: '2023-02-10', files: {}, moves: { 'slow-crème.md': 'knife-starter.md', 'crèmerie.md': 'shop.md' } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`slow-crèmme.md` mortar: dead_file typo; fix `knife-starter.md` mortar → knife-starter.md:3 [low]',
      '`slow-cre\u0300mme.md` mortar: dead_file typo; fix `knife-starter.md` mortar → knife-starter.md:3 [low]',
      '`crèmexxe.md` tenon: external foreign-note',
      '`cre\u0300mexxe.md` tenon: external foreign-note',
    ]);
  });

  it('follows a typo of a deleted note’s name to the heir that has the section', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'roast.md': note('# ⛩️\n\n# 🔥 PRESS\n\n# 🫘 BEANS'),
        'brew.md': note('# ⛩️\n\n# ☕ POUR'),
        'main.md': '# ⛩️\n\n🗄 `roxst.md` press',
      } },
      { date: '2023-02-10', files: { 'roast.md': null, 'brew.md': note('# ⛩️\n\n# ☕ POUR\n\n# 🔥 PRESS') } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`roxst.md` press: dead_file typo; fix `brew.md` press → brew.md:5 [low]']);
    assert.match(messages(repo.index, 'main.md')[0], /did you mean roast\.md, since deleted\? 'press' is now in brew\.md/);
  });

  it('follows a typo of a note’s name to where history saw the section go from it', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'lime-chili.md': note('# ⛩️\n\n# 🌶️ PASTES\n\n## butter (sage)\n\n# 🍋 ZEST'),
        'wrapper.md': note('# ⛩️\n\n# 🌯 FOLDS'),
        'main.md': '# ⛩️\n\n🗄 `limekchili.md` butter (sage)\n🗄 `limekchili.md` pea',
      } },
      { date: '2023-02-10', files: {
        'lime-chili.md': note('# ⛩️\n\n# 🌶️ PASTES\n\n# 🍋 ZEST'),
        'wrapper.md': note('# ⛩️\n\n# 🌯 FOLDS\n\n## butter (sage)'),
      } },
    ]);
    // A section the note never had is no sign of a slip on its name: another collection's note.
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`limekchili.md` butter (sage): dead_file typo; fix `wrapper.md` butter (sage) → wrapper.md:5 [low]',
      '`limekchili.md` pea: external foreign-note',
    ]);
    assert.match(messages(repo.index, 'main.md')[0], /did you mean lime-chili\.md\? 'butter \(sage\)' has moved from it to wrapper\.md/);
  });
});

describe('fixes, class 10: a fix depends on the notes only', () => {
  it('gives the same diagnostics whatever order the notes entered the index in', () => {
    const files: Record<string, string> = {
      'main.md': '🗄 `metals.md` rust removal\n🗄 `metals.md` oiling\n🗄 care',
      'metals.md': '# ⛩️\n# 🔩 CARBON STEEL',
      'b/care.md': '# ⛩️\n\n## rust removal\n## oiling',
      'a/knives.md': '# ⛩️\n\n## oiling\n## care',
      'c/tools.md': '# ⛩️\n\n## care',
    };
    const forward = memoryWorkspace(files).index;
    const backward = memoryWorkspace(Object.fromEntries(Object.entries(files).reverse())).index;
    const shuffled = memoryWorkspace(files).index;
    shuffled.removeNote('a/knives.md');
    shuffled.setNoteText('a/knives.md', files['a/knives.md']);
    const rendered = (index: WorkspaceIndex) => JSON.stringify(checkNote(index, 'main.md'));
    assert.strictEqual(rendered(backward), rendered(forward));
    assert.strictEqual(rendered(shuffled), rendered(forward));
  });
});

describe('section typos', () => {
  it('finds a typo of one part of a heading with an alias, and writes that part', () => {
    const { index } = memoryWorkspace({ 'main.md': '🗄 `pans.md` brackt', 'pans.md': '# ⛩️\n## bracket (wall)' });
    assert.deepStrictEqual(targets(index, 'main.md'), ['`pans.md` brackt: dead_section typo; fix `pans.md` bracket → pans.md:2 [low]']);
  });
});

describe('fix confidence', () => {
  it('prefers only the sure fixes: history and unique exact names, not typos', () => {
    const { index } = memoryWorkspace({
      'main.md': '🗄 `metals.md` rust removal\n🗄 `metals.md` carbn steel\n🗄 `flour.com`',
      'metals.md': '# ⛩️\n# 🔩 CARBON STEEL',
      'care.md': '# ⛩️\n\n## rust removal',
      'flour.md': '# ⛩️',
    });
    const fixes = computeQuickFixes(index, 'main.md', { start: { line: 0, character: 0 }, end: { line: 2, character: 20 } }, { rootAliases: [] }, () => undefined);
    assert.deepStrictEqual(fixes.map((fix) => `${fix.title} ${fix.isPreferred ? '(preferred)' : ''}`.trim()), [
      'Change to `care.md` rust removal (preferred)',
      'Change to `metals.md` CARBON STEEL',
      'Change to `flour.md` (preferred)',
    ]);
  });
});

describe('fix confidence of a slip on a note’s name', () => {
  const confidenceOf = (link: string) => {
    const { index } = memoryWorkspace({
      'main.md': `# ⛩️\n🗄 ${link}\n`,
      'bread/sourdough.md': '# ⛩️\n\n## levain\n\n## crumb > open\n',
    });
    const [{ resolution }] = resolveNoteReferences(index, 'main.md');
    return `${resolution.status} ${resolution.kind} ${resolution.fix?.label} ${resolution.fix?.confidence}`;
  };

  it('is sure when the one note a letter away has the very section named', () => {
    assert.strictEqual(confidenceOf('`sourdouh.md` levain'), 'dead_file typo `sourdough.md` levain high');
    assert.strictEqual(confidenceOf('`sourdouh.md` crumb > open'), 'dead_file typo `sourdough.md` crumb > open high');
  });

  it('is no preferred fix on a name three notes write, which is meant as written (a hint)', () => {
    const link = '# ⛩️\n🗄 `sourdouh.md` levain\n';
    const { index } = memoryWorkspace({ 'a.md': link, 'b.md': link, 'c.md': link, 'bread/sourdough.md': '# ⛩️\n\n## levain\n' });
    const [{ resolution }] = resolveNoteReferences(index, 'a.md');
    assert.strictEqual(`${resolution.status} ${resolution.kind} ${resolution.fix?.label} ${resolution.fix?.confidence}`, 'external foreign-note `sourdough.md` levain low');
  });

  it('stays a guess on the name alone, or on a section read only in part or loosely there', () => {
    assert.strictEqual(confidenceOf('`sourdouh.md`'), 'dead_file typo `sourdough.md` low');
    assert.strictEqual(confidenceOf('`sourdouh.md` levain, starter'), 'dead_file typo `sourdough.md` levain, starter low');
    assert.strictEqual(confidenceOf('`sourdouh.md` le-vain'), 'dead_file typo `sourdough.md` le-vain low');
  });
});

describe('fixes, class 11: Fix all never takes away an anchor other links lead to', () => {
  it('leaves for the user a sure fix that would turn a 📚 entry, written as a 🗄 target too, into no entry', () => {
    // `* 🗄` heads the items after it as targets, and they stay entries of the 📚 list: `Chang` is a
    // link (to a.md, where the term is) and a book entry that b.md's link finds.
    const { index } = memoryWorkspace({
      'list.md': '# ⛩️\n📚\n* 🗄\n* Chang knife skills\n* oiling\n',
      'a.md': '# ⛩️\n* _Chang knife skills_: the book\n## oiling\n',
      'b.md': '# ⛩️\n🗄 `list.md` Chang knife skills\n',
    });
    const [resolution] = resolveNoteReferences(index, 'list.md').map((report) => report.resolution);
    assert.strictEqual(resolution.fix?.confidence, 'high', 'a sure fix, one note has the term');
    const fixes = computeNoteFixes(index, 'list.md', DEFAULT_RESOLVER_OPTIONS);
    assert.deepStrictEqual([fixes.fixed, fixes.left], [1, 1], 'oiling fixed; Chang left: its entry is an anchor of b.md’s link');
    assert.deepStrictEqual(fixes.edits.map((edit) => edit.range.start.line), [4]);
  });
});

describe('fixes, class 13: Fix all never turns another link into a warning', () => {
  it('leaves for the user a sure fix that takes away what another link’s reading rests on', () => {
    // a.md writes the name g itself, so the sections linked under `g.md` do not make g a.md renamed:
    // other.md's links are another collection's note (hints). Fixing a.md's own link to a.md (its
    // section is there) would leave them saying g became a.md: three warnings (long fuzz, seed 1212200).
    const files = {
      'a.md': '# ⛩️\n## 参考\n🗄 `b/c/g.md` patina\n# 🔪 sharpening\n# 🔪 patina\n# 🔪 oil / wax\n# 🔪 grit',
      'b/c.md': '# ⛩️',
      'other.md': "# ⛩️\n🗄 `g.md` 'sharpening'\n🗄 `g.md` 'oil / wax'\n🗄 `g.md` grit",
    };
    const { index } = memoryWorkspace(files);
    const [resolution] = resolveNoteReferences(index, 'a.md').map((report) => report.resolution);
    assert.strictEqual(resolution.fix?.confidence, 'high', 'a sure fix: a.md alone has patina');
    assert.deepStrictEqual(resolveNoteReferences(index, 'other.md').map((report) => report.resolution.kind), ['foreign-note', 'foreign-note', 'foreign-note']);
    const before = index.snapshot();
    const fixes = computeNoteFixes(index, 'a.md', DEFAULT_RESOLVER_OPTIONS);
    assert.deepStrictEqual([fixes.fixed, fixes.left, fixes.edits.length], [0, 1, 0], 'left for the user');
    assert.deepStrictEqual(index.snapshot(), before, 'weighing the fixes leaves the index as it was');
    // Without other.md's links the fix stays sure.
    const alone = memoryWorkspace({ 'a.md': files['a.md'], 'b/c.md': files['b/c.md'] });
    assert.deepStrictEqual(computeNoteFixes(alone.index, 'a.md', DEFAULT_RESOLVER_OPTIONS).fixed, 1);
  });
});

describe('fixes, class 12: a loose match loses to history’s word on the whole section', function () {
  this.timeout(20000);
  let repo: GitWorkspace;
  afterEach(() => repo?.remove());

  it('reads `board cider` as the section that left for another note, not as the heading `board` and a word after it', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'lacquer.md': note('# ⛩️\n\n## board\n\n* sanding\n\n## board cider\n\n* two coats'),
        'maple.md': note('# ⛩️\n\n## syrup'),
        'other.md': '# ⛩️\n\n🗄 `lacquer.md` board cider\n🗄 `lacquer.md` board sanding\n',
      } },
      { date: '2023-02-10', files: {
        'lacquer.md': note('# ⛩️\n\n## board\n\n* sanding\n\n🗄 board cider'),
        'maple.md': note('# ⛩️\n\n## syrup\n\n## board cider\n\n* two coats'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'other.md'), [
      '`lacquer.md` board cider: dead_section moved-section; fix `maple.md` board cider → maple.md:5 [high]',
      // No section `board sanding` ever left: the heading and a word after it, as before.
      '`lacquer.md` board sanding: resolved prefix → lacquer.md:3',
    ]);
    assert.match(messages(repo.index, 'other.md')[0], /'board' there reads like it, but history saw 'board cider' leave/);
    // Written in the note the section left, without a note part, the same.
    assert.deepStrictEqual(targets(repo.index, 'lacquer.md'), ['board cider: dead_section moved-section; fix `maple.md` board cider → maple.md:5 [high]']);
  });

  it('reads a path found by its leaf as written, though a section named like the leaf alone left', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'yeast.md': note('# ⛩️\n\n# 🔪 RAW YEAST\n\n## blender / yogurt\n\n* smooth\n\n## yogurt\n\n* cultures'),
        'dairy.md': note('# ⛩️\n\n## milk'),
        'other.md': '# ⛩️\n\n🗄 `yeast.md` raw yeast > blender / yogurt\n',
      } },
      { date: '2023-02-10', files: {
        'yeast.md': note('# ⛩️\n\n# 🔪 RAW YEAST\n\n## blender / yogurt\n\n* smooth'),
        'dairy.md': note('# ⛩️\n\n## milk\n\n## yogurt\n\n* cultures'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'other.md'), ['`yeast.md` raw yeast > blender / yogurt: resolved path-leaf → yeast.md:5']);
  });
});

describe('fixes, class 14: a section renamed where it stood', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('writes the new name where history shows the heading renamed, not a namesake in another note', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'knives.md': note('# ⛩️\n\n# 🔪 KNIVES\n\n## care\n\n* oil the blade\n\n## storage\n\n* a block'),
        'pans.md': note('# ⛩️\n\n# 🍳 PANS\n\n## care\n\n* season it'),
        'main.md': "# ⛩️\n\n🗄 `knives.md` care\n🗄 `knives.md` knives > care\n🗄 `knives.md` 'care'",
      } },
      { date: '2023-02-10', files: { 'knives.md': note('# ⛩️\n\n# 🔪 KNIVES\n\n## blade upkeep\n\n* oil the blade\n\n## storage\n\n* a block') } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`knives.md` care: dead_section renamed-section; fix `knives.md` blade upkeep → knives.md:5 [high]',
      '`knives.md` knives > care: dead_section renamed-section; fix `knives.md` knives > blade upkeep → knives.md:5 [high]',
      "`knives.md` 'care': dead_section renamed-section; fix `knives.md` 'blade upkeep' → knives.md:5 [high]",
    ]);
    assert.strictEqual(messages(repo.index, 'main.md')[0], "dead section: knives.md has no section 'care'; history shows it renamed 'blade upkeep'");
    const fixes = computeNoteFixes(repo.index, 'main.md', DEFAULT_RESOLVER_OPTIONS);
    assert.deepStrictEqual(fixes.edits.map((edit) => edit.newText), ['blade upkeep', 'knives > blade upkeep', 'blade upkeep']);
  });

  it('renames ALL-CAPS lines and terms too, keeps a lower-case link lower case, and a link without a note part', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'bread.md': note('# ⛩️\n\n## 参考\n\n🗄 starters\n🗄 levain\n\n# 🍞 BREAD\n\nSTARTERS\n* rye\n* wheat\n\n* _levain_: a young starter'),
        'main.md': '# ⛩️\n\n🗄 `bread.md` starters\n🗄 `bread.md` levain',
      } },
      { date: '2023-02-10', files: { 'bread.md': note('# ⛩️\n\n## 参考\n\n🗄 starters\n🗄 levain\n\n# 🍞 BREAD\n\nSOURDOUGH CULTURES\n* rye\n* wheat\n\n* _poolish_: a young starter') } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`bread.md` starters: dead_section renamed-section; fix `bread.md` sourdough cultures → bread.md:10 [high]',
      '`bread.md` levain: dead_section renamed-section; fix `bread.md` poolish → bread.md:14 [high]',
    ]);
    assert.deepStrictEqual(targets(repo.index, 'bread.md'), [
      'starters: dead_section renamed-section; fix sourdough cultures → bread.md:10 [high]',
      'levain: dead_section renamed-section; fix poolish → bread.md:14 [high]',
    ]);
  });

  it('follows the renamed section through a later rename of the note, a second rename, and a move to another note', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'metals.md': note('# ⛩️\n\n🗄 rust\n\n# 🔩 CARBON STEEL\n\n## patina\n\n* a thin oxide\n\n## rust\n\n* vinegar', 'metals'),
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING\n\n* rinse and dry'),
        'main.md': '# ⛩️\n\n🗄 `metals.md` patina\n🗄 `metals.md` rust',
      } },
      { date: '2023-02-10', files: { 'metals.md': note('# ⛩️\n\n🗄 rust\n\n# 🔩 CARBON STEEL\n\n## oxide layer\n\n* a thin oxide\n\n## rust removal\n\n* vinegar', 'metals') } },
      { date: '2023-03-10', files: { 'metals.md': note('# ⛩️\n\n🗄 rust\n\n# 🔩 CARBON STEEL\n\n## forced patina\n\n* a thin oxide\n\n## rust removal\n\n* vinegar', 'metals') } },
      { date: '2023-04-10', moves: { 'metals.md': 'forge.md' }, files: {} },
      { date: '2023-05-10', files: {
        'forge.md': note('# ⛩️\n\n🗄 rust\n\n# 🔩 CARBON STEEL\n\n## forced patina\n\n* a thin oxide', 'metals'),
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING\n\n* rinse and dry\n\n## rust removal\n\n* vinegar'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`metals.md` patina: dead_file moved; fix `forge.md` forced patina → forge.md:7 [high]',
      '`metals.md` rust: dead_file moved; fix `care.md` rust removal → care.md:7 [high]',
    ]);
    assert.deepStrictEqual(messages(repo.index, 'main.md'), [
      "dead link: no note `metals.md`; metals.md was renamed to forge.md; its section 'patina' renamed 'forced patina'",
      "dead link: no note `metals.md`; metals.md was renamed to forge.md; its section 'rust' renamed 'rust removal', now in care.md",
    ]);
    // Written in the note itself, without a note part: the note's name goes before the new name, in one edit.
    assert.deepStrictEqual(targets(repo.index, 'forge.md'), ['rust: dead_section renamed-section; fix `care.md` rust removal → care.md:7 [high]']);
    assert.deepStrictEqual(computeNoteFixes(repo.index, 'forge.md', DEFAULT_RESOLVER_OPTIONS).edits.map((edit) => [edit.range.start.character, edit.range.end.character, edit.newText]), [[3, 7, '`care.md` rust removal']]);
  });

  it('follows a section taken out of its note first (moved, or the note deleted) and renamed where it went', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'metals.md': note('# ⛩️\n\n# 🔩 CARBON STEEL\n\n## patina\n\n* a thin oxide', 'metals'),
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING\n\n* rinse and dry', 'care'),
        'pantry.md': note('# ⛩️\n\n# 🫙 JARS\n\n## canning\n\n* lids', 'pantry'),
        'main.md': '# ⛩️\n\n🗄 `metals.md` patina\n🗄 `pantry.md` canning',
      } },
      // patina moves to care.md; pantry.md goes, jars.md takes its canning.
      { date: '2023-02-10', files: {
        'metals.md': note('# ⛩️\n\n# 🔩 CARBON STEEL', 'metals'),
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING\n\n* rinse and dry\n\n## patina\n\n* a thin oxide', 'care'),
        'pantry.md': null,
        'jars.md': note('# ⛩️\n\n# 🫙 JARS\n\n## canning\n\n* lids', 'jars'),
      } },
      // Then each is renamed where it went.
      { date: '2023-03-10', files: {
        'care.md': note('# ⛩️\n\n# 🧽 CLEANING\n\n* rinse and dry\n\n## oxide layer\n\n* a thin oxide', 'care'),
        'jars.md': note('# ⛩️\n\n# 🫙 JARS\n\n## water bath canning\n\n* lids', 'jars'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`metals.md` patina: dead_section renamed-section; fix `care.md` oxide layer → care.md:7 [high]',
      '`pantry.md` canning: dead_file split-or-deleted; fix `jars.md` water bath canning → jars.md:5 [high]',
    ]);
    assert.deepStrictEqual(messages(repo.index, 'main.md'), [
      "dead section: metals.md has no section 'patina'; history shows it renamed 'oxide layer', now in care.md",
      "dead link: no note `pantry.md`; pantry.md was deleted (its material went to jars.md); its section 'canning' renamed 'water bath canning', now in jars.md",
    ]);
  });

  it('reads a rename not yet committed too, newer than the commits, and Fix all writes the new name rather than a namesake', () => {
    const knives = (care: string) => note(`# ⛩️\n\n# 🔪 KNIVES\n\n## ${care}\n\n* oil the blade\n\n## storage\n\n* a block`, 'knives');
    repo = gitWorkspace(
      [
        { date: '2023-01-10', files: {
          'knives.md': knives('care'),
          'pans.md': note('# ⛩️\n\n# 🍳 PANS\n\n## care\n\n* season it'),
          'main.md': '# ⛩️\n\n🗄 `knives.md` care',
        } },
        { date: '2023-02-10', files: { 'knives.md': knives('upkeep') } },
      ],
      // Renamed again, saved and not committed.
      { 'knives.md': knives('blade upkeep') },
    );
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`knives.md` care: dead_section renamed-section; fix `knives.md` blade upkeep → knives.md:5 [high]']);
    assert.deepStrictEqual(computeNoteFixes(repo.index, 'main.md', DEFAULT_RESOLVER_OPTIONS).edits.map((edit) => edit.newText), ['blade upkeep']);
  });

  it('reads a rename not yet committed of a section no commit renamed', () => {
    repo = gitWorkspace(
      [{ date: '2023-01-10', files: {
        'knives.md': note('# ⛩️\n\n# 🔪 KNIVES\n\n## care\n\n* oil the blade'),
        'pans.md': note('# ⛩️\n\n# 🍳 PANS\n\n## care\n\n* season it'),
        'main.md': '# ⛩️\n\n🗄 `knives.md` care',
      } }],
      { 'knives.md': note('# ⛩️\n\n# 🔪 KNIVES\n\n## blade upkeep\n\n* oil the blade') },
    );
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`knives.md` care: dead_section renamed-section; fix `knives.md` blade upkeep → knives.md:5 [high]']);
    assert.strictEqual(messages(repo.index, 'main.md')[0], "dead section: knives.md has no section 'care'; the changes not yet committed show it renamed 'blade upkeep'");
  });

  it('reads no rename from a hunk that does more than rename (a section split in two), nor from a name moved in from elsewhere', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'jars.md': note('# ⛩️\n\n# 🫙 JARS\n\n## canning\n\n* lids\n\n## pickling\n\n* brine'),
        'salt.md': note('# ⛩️\n\n# 🧂 SALT\n\n## curing\n\n* nitrite'),
        'main.md': '# ⛩️\n\n🗄 `jars.md` canning\n🗄 `jars.md` pickling',
      } },
      { date: '2023-02-10', files: {
        // canning becomes two sections; pickling's place takes curing, moved in from salt.md.
        'jars.md': note('# ⛩️\n\n# 🫙 JARS\n\n## water bath\n## pressure canning\n\n* lids\n\n## curing\n\n* brine'),
        'salt.md': note('# ⛩️\n\n# 🧂 SALT\n\n* nitrite'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      // No rename: the word is still there, in `pressure canning`, a guess to look at (low).
      '`jars.md` canning: dead_section longer-name; fix `jars.md` pressure canning → jars.md:6 [low]',
      '`jars.md` pickling: dead_section no-anchor',
    ]);
  });
});

describe('fixes, class 15: without history, a lone namesake far away is no sure fix', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  // knives.md lost `care` and `SOURCES` and `whetstone`: moved, or renamed where they stood? Without
  // history only the namesakes tell, and a term or an ALL-CAPS line in another folder is as often
  // another section.
  const files = {
    'kitchen/knives.md': '# ⛩️\n\n# 🔪 KNIVES\n\n## blade upkeep\n\n* oil the blade',
    'kitchen/pans.md': '# ⛩️\n\n# 🍳 PANS\n\n* _seasoning_: oil baked on',
    'garden/tools.md': '# ⛩️\n\n# 🌱 TOOLS\n\n* _care_: oil the hinge\n\nSOURCES\n* a shop',
    'craft/stones.md': '# ⛩️\n\n# 🪨 STONES\n\n## whetstone\n\n* soak it',
    'kitchen/main.md': '# ⛩️\n\n🗄 `knives.md` care\n🗄 `knives.md` SOURCES\n🗄 `knives.md` whetstone\n🗄 `knives.md` seasoning',
  };

  it('offers a term or ALL-CAPS line in another top folder as a fix to look at, a heading there or a name nearby as sure', () => {
    const { index } = memoryWorkspace(files);
    assert.deepStrictEqual(targets(index, 'kitchen/main.md'), [
      '`knives.md` care: dead_section moved-section; fix `tools.md` care → garden/tools.md:5 [medium]',
      '`knives.md` SOURCES: dead_section moved-section; fix `tools.md` SOURCES → garden/tools.md:7 [medium]',
      '`knives.md` whetstone: dead_section moved-section; fix `stones.md` whetstone → craft/stones.md:5 [high]',
      '`knives.md` seasoning: dead_section moved-section; fix `pans.md` seasoning → kitchen/pans.md:5 [high]',
    ]);
    assert.strictEqual(messages(index, 'kitchen/main.md')[0], "dead section: kitchen/knives.md has no section 'care'; 'care' may be in garden/tools.md, in another part of the collection");
    const fixes = computeNoteFixes(index, 'kitchen/main.md', DEFAULT_RESOLVER_OPTIONS);
    assert.deepStrictEqual(fixes.edits.map((edit) => edit.newText), ['stones.md', 'pans.md'], 'Fix all applies the sure ones only');
  });

  it('stays sure in a folder with git history, which would have shown a section renamed where it stood', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: { ...files, 'kitchen/knives.md': '# ⛩️\n\n# 🔪 KNIVES\n\n## blade upkeep\n\n* oil the blade' } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'kitchen/main.md').slice(0, 2), [
      '`knives.md` care: dead_section moved-section; fix `tools.md` care → garden/tools.md:5 [high]',
      '`knives.md` SOURCES: dead_section moved-section; fix `tools.md` SOURCES → garden/tools.md:7 [high]',
    ]);
  });
});

describe('fixes, class 16: a section whose name another name of its note holds, and more', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('offers the longer name for two words or more, before a namesake that only its name ties to the link', () => {
    const { index } = memoryWorkspace({
      'kitchen/knives.md': '# ⛩️\n\n# 🔪 KNIVES\n\n## rough dull kiln\n\n* fire it\n\n## nozzles\n\nLIGHT GOUGE NOZZLE\n* a nozzle\n\n## blade care\n\n* oil',
      'kitchen/pans.md': '# ⛩️\n\n## dull kiln\n\n* another kiln',
      'kitchen/main.md': "# ⛩️\n\n🗄 `knives.md` dull kiln\n🗄 `knives.md` blade care > light gouge\n🗄 `knives.md` 'LIGHT GOUGE'\n🗄 `knives.md` care",
    });
    assert.deepStrictEqual(targets(index, 'kitchen/main.md'), [
      '`knives.md` dull kiln: dead_section longer-name; fix `knives.md` rough dull kiln → kitchen/knives.md:5 [medium]',
      '`knives.md` blade care > light gouge: dead_section longer-name; fix `knives.md` blade care > light gouge nozzle → kitchen/knives.md:11 [medium]',
      "`knives.md` 'LIGHT GOUGE': dead_section longer-name; fix `knives.md` 'LIGHT GOUGE NOZZLE' → kitchen/knives.md:11 [medium]",
      // One word alone, in a name: a guess (low), and only when no other note has the section.
      '`knives.md` care: dead_section longer-name; fix `knives.md` blade care → kitchen/knives.md:14 [low]',
    ]);
    assert.strictEqual(messages(index, 'kitchen/main.md')[0], "dead section: kitchen/knives.md has no section 'dull kiln'; did you mean 'rough dull kiln', whose name holds those words? kitchen/pans.md has a section 'dull kiln' too");
    // The namesake, a sure fix before, is still there to pick.
    const quick = computeQuickFixes(index, 'kitchen/main.md', { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, { rootAliases: [] }, () => undefined);
    assert.deepStrictEqual(quick.filter((fix) => fix.title.startsWith('Change')).map((fix) => [fix.title, fix.isPreferred]), [
      ['Change to `knives.md` rough dull kiln', false],
      ['Change to `pans.md` dull kiln (kitchen/pans.md)', false],
    ]);
    assert.deepStrictEqual(computeNoteFixes(index, 'kitchen/main.md', DEFAULT_RESOLVER_OPTIONS).edits.length, 0, 'no sure fix: Fix all leaves them');
  });

  it('reads a name with parts whole: a word put between its words, never its last part alone', () => {
    // The leaf `marinade` is in `steel / brine marinade`, but so is the head `steel`: the name is the whole.
    const { index } = memoryWorkspace({
      'knives.md': '# ⛩️\n\n## steel / brine marinade\n\n* oil\n\n## gouges\n\n### light gouge nozzle',
      'main.md': "# ⛩️\n\n🗄 `knives.md` steel / marinade\n🗄 `knives.md` 'steel / marinade'\n🗄 `knives.md` gouges > light nozzle",
    });
    assert.deepStrictEqual(targets(index, 'main.md'), [
      '`knives.md` steel / marinade: dead_section longer-name; fix `knives.md` steel / brine marinade → knives.md:3 [medium]',
      "`knives.md` 'steel / marinade': dead_section longer-name; fix `knives.md` 'steel / brine marinade' → knives.md:3 [medium]",
      '`knives.md` gouges > light nozzle: dead_section longer-name; fix `knives.md` gouges > light gouge nozzle → knives.md:9 [medium]',
    ]);
  });

  it('leaves one word to a namesake elsewhere, and words two names hold, or parts of words, to the rules of before', () => {
    const { index } = memoryWorkspace({
      'kitchen/knives.md': '# ⛩️\n\n## blade care\n\n## narrow lemon\n\n## long lemon\n\n## kilnwork',
      'kitchen/pans.md': '# ⛩️\n\n## care\n\n* season it',
      'kitchen/main.md': '# ⛩️\n\n🗄 `knives.md` care\n🗄 `knives.md` lemon\n🗄 `knives.md` kiln',
    });
    assert.deepStrictEqual(targets(index, 'kitchen/main.md'), [
      '`knives.md` care: dead_section moved-section; fix `pans.md` care → kitchen/pans.md:3 [high]',
      '`knives.md` lemon: dead_section text-only',
      '`knives.md` kiln: dead_section no-anchor',
    ]);
  });

  it('follows history first: a section it saw move goes where it went, not to a longer name left behind', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'knives.md': note('# ⛩️\n\n## dull kiln\n\n* fire it\n\n## rough dull kiln\n\n* hot'),
        'pans.md': note('# ⛩️\n\n## pans\n\n* iron'),
        'main.md': '# ⛩️\n\n🗄 `knives.md` dull kiln',
      } },
      { date: '2023-02-10', files: {
        'knives.md': note('# ⛩️\n\n## rough dull kiln\n\n* hot'),
        'pans.md': note('# ⛩️\n\n## pans\n\n* iron\n\n## dull kiln\n\n* fire it'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`knives.md` dull kiln: dead_section moved-section; fix `pans.md` dull kiln → pans.md:7 [high]']);
  });

  it('reads the note a renamed one became the same way: its longer name before a namesake elsewhere', () => {
    // `drill.md` became `jelly.md` (no history says so: the sections its links name tell), and
    // there `heavy casing` became `old heavy casing`; `colander.md`, far away, has a `heavy casing`.
    const { index } = memoryWorkspace({
      'compost/jelly.md': '# ⛩️\n\n## patina\n\n## smelting\n\n## rust\n\n## old heavy casing\n\n* iron\n\n## blade care',
      'almonds/colander.md': '# ⛩️\n\n## heavy casing\n\n* another casing',
      'compost/main.md': '# ⛩️\n\n🗄 `drill.md` patina\n🗄 `drill.md` smelting\n🗄 `drill.md` rust\n🗄 `drill.md` heavy casing\n🗄 `drill.md` care',
    });
    assert.deepStrictEqual(targets(index, 'compost/main.md').slice(3), [
      '`drill.md` heavy casing: dead_file renamed-by-sections; fix `jelly.md` old heavy casing → compost/jelly.md:9 [medium]',
      // One word alone: a guess to look at, when no other note has the section.
      '`drill.md` care: dead_file renamed-by-sections; fix `jelly.md` blade care → compost/jelly.md:13 [low]',
    ]);
    assert.strictEqual(
      messages(index, 'compost/main.md')[3],
      "dead link: no note `drill.md`; renamed to compost/jelly.md? It has 3 of the 5 sections that links name under that name; no history says so; compost/jelly.md has no section 'heavy casing'; did you mean 'old heavy casing', whose name holds those words? almonds/colander.md has a section 'heavy casing' too",
    );
    // The namesake, the fix before, is still there to pick.
    const quick = computeQuickFixes(index, 'compost/main.md', { start: { line: 5, character: 0 }, end: { line: 5, character: 5 } }, { rootAliases: [] }, () => undefined);
    assert.deepStrictEqual(quick.filter((fix) => fix.title.startsWith('Change')).map((fix) => fix.title), ['Change to `jelly.md` old heavy casing', 'Change to `colander.md` heavy casing (almonds/colander.md)']);
  });
});

describe('fixes, class 17: a fix, applied, leads where it says (property h, every confidence)', () => {
  /** Every fix and fix to pick of `file`'s links, applied alone: `label → where the link then leads`. */
  function applied(files: Record<string, string>, file: string): string[] {
    const { index } = memoryWorkspace(files);
    const results: string[] = [];
    for (const { reference, resolution } of resolveNoteReferences(index, file)) {
      for (const fix of [...(resolution.fix ? [resolution.fix] : []), ...(resolution.choices ?? [])]) {
        const after = memoryWorkspace({ ...files, [file]: applyNoteEdits(files[file], fix.edits.map((edit) => ({ ...edit, path: file }))) }).index;
        const leads = resolveNoteReferences(after, file).filter((report) => report.reference.line === reference.line).map((report) => report.resolution);
        const to = leads.find((lead) => lead.status === 'resolved')?.target;
        results.push(`${fix.label} → ${to ? `${to.path}:${to.line + 1}` : leads.map((lead) => lead.status).join(', ')}`);
      }
    }
    return results;
  }

  it('a `.com` for `.md` that two notes have: a fix to pick for each, written to find it alone', () => {
    assert.deepStrictEqual(applied({ 'a/c.md': '# ⛩️', 'b/c.md': '# ⛩️', 'main.md': '# ⛩️\n🗄 `c.com`' }, 'main.md'), ['`a/c.md` → a/c.md:1', '`b/c.md` → b/c.md:1']);
  });

  it('a typo in a path whose leaf is not its end, or of a section followed by a stray backtick', () => {
    assert.deepStrictEqual(applied({ 'a.md': '# ⛩️\n## knives\n### tempering', 'main.md': '# ⛩️\n🗄 `a.md` knives > tempring >\n🗄 `a.md` sharpning` x' }, 'main.md'), [
      '`a.md` knives > tempering > → a.md:3',
    ]);
  });

  it('no fix that drops a quoted section when words follow it: they would be read as the section', () => {
    assert.deepStrictEqual(applied({ 'a.md': '# ⛩️\n## knives', 'main.md': "# ⛩️\n🗄 `a.com` 'nowhere' sharpening notes\n🗄 `a.com` 'nowhere'" }, 'main.md'), ['`a.md` → a.md:1']);
    // Not words only: a comma and the names after it would be read as the section too (seed 1214800).
    assert.deepStrictEqual(applied({ 'b/c.md': '', 'main.md': "# ⛩️\n🗄`b/c.py` 'KNIVES' , KNIVES, KNIVES `a.md` KNIVES see\n🗄`b/c.py` 'KNIVES'" }, 'main.md'), ['`b/c.md` → b/c.md:1']);
  });

  it('a fix that drops a section before a stray backtick keeps them apart', () => {
    assert.deepStrictEqual(applied({ 'd/c.md': '# ⛩️', 'main.md': '# ⛩️\n🗄`c.py` KNIVES`' }, 'main.md'), ['`c.md` → d/c.md:1']);
  });

  it('no note part put before a section beside a stray backtick: the two would pair and hide the link', () => {
    const files = { 'kitchen/care.md': '# ⛩️\n## rust removal', 'kitchen/main.md': '# ⛩️\n`🗄 rust removal\n🗄 rust removal' };
    assert.deepStrictEqual(applied(files, 'kitchen/main.md'), ['`care.md` rust removal → kitchen/care.md:2']);
  });

  it('no longer name that a link cannot write as its section', () => {
    // `x.md knives` would read as a note part, `knives 🗄 …` as two links; `burr \`removal\`` is written `burr removal`.
    const files = { 'a.md': '# ⛩️\n## burr `removal`', 'main.md': '# ⛩️\n## x.md knives\n## stones 🗄 `b.md`\n🗄 knives\n🗄 stones\n🗄 `a.md` burr' };
    assert.deepStrictEqual(applied(files, 'main.md'), ['`a.md` burr removal → a.md:2']);
  });
});

describe('fixes, class 18: a section that left a note before git saw the note renamed into a folder', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('goes where history saw it go, not to a namesake among the folder’s notes', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'nails/pine.md': note('# ⛩️\n\n# 🌲 PINE\n\n## resin\n\n* sticky\n\n## quince\n\n* a fruit, not a wood\n\n## knots\n\n* hard'),
        'sauces/roast.md': note('# ⛩️\n\n# 🍖 ROAST\n\n## heat\n\n* high'),
        'main.md': '# ⛩️\n\n🗄 `pine.md` quince',
      } },
      { date: '2023-02-10', files: {
        'nails/pine.md': note('# ⛩️\n\n# 🌲 PINE\n\n## resin\n\n* sticky\n\n## knots\n\n* hard'),
        'sauces/roast.md': note('# ⛩️\n\n# 🍖 ROAST\n\n## heat\n\n* high\n\n## quince\n\n* a fruit, not a wood'),
      } },
      // Split into a folder: git reads pine.md as renamed to pine/knots.md; a later note there has a QUINCE line.
      { date: '2023-03-10', moves: { 'nails/pine.md': 'nails/pine/knots.md' }, files: {
        'nails/pine/knots.md': note('# ⛩️\n\n# 🌲 PINE\n\n## resin\n\n* sticky\n\n## knots\n\n* hard'),
        'nails/pine/#meta.md': '# ⛩️\n\n* 🗄 `knots.md`',
        'nails/pine/syrup.md': note('# ⛩️\n\n# 🍯 SYRUP\n\nQUINCE\n* in syrup'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`pine.md` quince: dead_file moved; fix `roast.md` quince → sauces/roast.md:9 [high]']);
  });
});

describe('fixes, class 19: a note split into a folder whose parts both hold the name now', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('goes to the part that has held it since the split, not to one a later commit gave a section of that name', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'hinges/router.md': note('# ⛩️\n\n# 🪚 ROUTER\n\n## tang\n\n* the part in the handle\n\n## bits\n\n* straight'),
        'other.md': note('# ⛩️\n\n# 🔪 KNIVES\n\n## tang\n\n* full or partial'),
        'main.md': '# ⛩️\n\n🗄 `router.md` tang',
      } },
      // Split: the old note deleted, its sections in new notes of the folder (their texts are not in the patches).
      { date: '2023-02-10', files: {
        'hinges/router.md': null,
        'hinges/router/#meta.md': '# ⛩️\n\n* 🗄 `handle.md`\n* 🗄 `bits.md`',
        'hinges/router/handle.md': note('# ⛩️\n\n# 🪚 HANDLE\n\n## tang\n\n* the part in the handle'),
        'hinges/router/bits.md': note('# ⛩️\n\n# 🪚 BITS\n\n## bits\n\n* straight'),
      } },
      // Later, another note's section of the same name moves into a part.
      { date: '2023-03-10', files: {
        'other.md': note('# ⛩️\n\n# 🔪 KNIVES'),
        'hinges/router/bits.md': note('# ⛩️\n\n# 🪚 BITS\n\n## bits\n\n* straight\n\n## tang\n\n* full or partial'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), ['`router.md` tang: dead_file split-or-deleted; fix `handle.md` tang → hinges/router/handle.md:5 [high]']);
  });
});

describe('fixes, class 20: a typo of a section that has since left its note', function () {
  this.timeout(20000);
  let repo: GitWorkspace | undefined;
  afterEach(() => repo?.remove());

  it('leads, as a guess, to where history saw the section it misspells go: from a note still there, or one deleted', () => {
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'yeast.md': note('# ⛩️\n\n# 🍞 YEAST\n\n## funnel wort\n\n* pour slowly\n\n## proofing\n\n* warm'),
        'thin.md': note('# ⛩️\n\n# 🍞 THIN\n\n## coarse leek\n\n* chopped\n\n## salt\n\n* flaky'),
        'brew.md': note('# ⛩️\n\n# 🍺 BREW\n\n## mash\n\n* hot'),
        'main.md': '# ⛩️\n\n🗄 `yeast.md` fuanel wort\n🗄 `thin.md` carse leek',
      } },
      { date: '2023-02-10', files: {
        'yeast.md': note('# ⛩️\n\n# 🍞 YEAST\n\n## proofing\n\n* warm'),
        'brew.md': note('# ⛩️\n\n# 🍺 BREW\n\n## mash\n\n* hot\n\n## funnel wort\n\n* pour slowly'),
      } },
      { date: '2023-03-10', files: {
        'thin.md': null,
        'brew.md': note('# ⛩️\n\n# 🍺 BREW\n\n## mash\n\n* hot\n\n## funnel wort\n\n* pour slowly\n\n## coarse leek\n\n* chopped'),
      } },
    ]);
    assert.deepStrictEqual(targets(repo.index, 'main.md'), [
      '`yeast.md` fuanel wort: dead_section typo; fix `brew.md` funnel wort → brew.md:9 [low]',
      '`thin.md` carse leek: dead_file split-or-deleted; fix `brew.md` coarse leek → brew.md:13 [low]',
    ]);
    assert.strictEqual(messages(repo.index, 'main.md')[0], "dead section: yeast.md has no section 'fuanel wort'; did you mean 'funnel wort'? It is now in brew.md");
  });
});

describe('fixes, class 21: a note split into a folder, the section in none of its parts', () => {
  // spices.md became the folder spices/ (salts.md, peppers.md), and `smoked paprika` had left it for
  // bbq.md before: as for a dead section of a note still there, the collection is searched for it.
  const files = {
    'food/spices/salts.md': '# ⛩️\n\n# 🧂 SALTS\n\n## flaky salt\n\n* on top',
    'food/spices/peppers.md': '# ⛩️\n\n# 🌶 PEPPERS\n\n## long pepper\n\n* grind fresh',
    'food/bbq.md': '# ⛩️\n\n# 🔥 BBQ\n\n## smoked paprika\n\n* in the rub',
    'garden/herbs.md': '# ⛩️\n\n# 🌱 HERBS\n\n* _dried sage_: hung in bunches',
    'craft/dyes.md': '# ⛩️\n\n# 🎨 DYES\n\n* _dried sage_: a pale green',
    'food/main.md': '# ⛩️\n\n🗄 `spices.md` smoked paprika\n🗄 `spices.md` long pepper\n🗄 `spices.md` dried sage\n🗄 `spices.md` burnt sugar',
  };

  it('leads to the one note of the collection that holds it, as a dead section would, and says the note became a folder', () => {
    const { index } = memoryWorkspace(files);
    assert.deepStrictEqual(targets(index, 'food/main.md'), [
      '`spices.md` smoked paprika: dead_file split-into-folder; fix `bbq.md` smoked paprika → food/bbq.md:5 [high]',
      '`spices.md` long pepper: dead_file split-into-folder; fix `peppers.md` long pepper → food/spices/peppers.md:5 [high]',
      '`spices.md` dried sage: dead_file split-into-folder',
      '`spices.md` burnt sugar: dead_file split-into-folder',
    ]);
    assert.strictEqual(messages(index, 'food/main.md')[0], "dead link: no note `spices.md`; it became the folder `food/spices/`, and 'smoked paprika' is in food/bbq.md");
    // Two notes far apart have `dried sage`: nothing tells which, a fix to pick for each.
    const [, , sage] = resolveNoteReferences(index, 'food/main.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(sage.resolution.message, "dead link: no note `spices.md`; it became the folder `food/spices/`; 2 notes (craft/dyes.md, garden/herbs.md) have a section 'dried sage', and nothing tells which was meant");
    assert.deepStrictEqual(sage.resolution.choices?.map((choice) => choice.label), ['`dyes.md` dried sage', '`herbs.md` dried sage']);
  });

  it('says a term found in another top folder may be the one meant, as a fix to look at', () => {
    const { index } = memoryWorkspace({ ...files, 'food/main.md': '# ⛩️\n\n🗄 `spices.md` pale green', 'craft/dyes.md': '# ⛩️\n\n# 🎨 DYES\n\n* _pale green_: from sage' });
    assert.deepStrictEqual(targets(index, 'food/main.md'), ['`spices.md` pale green: dead_file split-into-folder; fix `dyes.md` pale green → craft/dyes.md:5 [medium]']);
    assert.strictEqual(messages(index, 'food/main.md')[0], "dead link: no note `spices.md`; it became the folder `food/spices/`, and 'pale green' may be in craft/dyes.md, in another part of the collection");
  });
});

describe('fixes, class 22: one of several namesakes holds the other sections its note lost', () => {
  // vinegar.md lost `rice` and `sushi vinegar` (links still look for both there). Two notes have a
  // `rice`, but only pantry/sushi.md also has `sushi vinegar`: the material went there together.
  const files = {
    'pantry/vinegar.md': '# ⛩️\n\n# 🍶 VINEGAR\n\n## mother\n\n* keep warm',
    'pantry/sushi.md': '# ⛩️\n\n# 🍣 SUSHI\n\n## rice\n\n* short grain\n\n## sushi vinegar\n\n* with kombu',
    'pantry/grains.md': '# ⛩️\n\n# 🌾 GRAINS\n\n## rice\n\n* long grain',
    'main.md': '# ⛩️\n\n🗄 `vinegar.md` rice',
    'other.md': '# ⛩️\n\n🗄 `vinegar.md` sushi vinegar',
  };

  it('leads a link to a section several notes have to the one that took its neighbours, as a fix to look at', () => {
    const { index } = memoryWorkspace(files);
    assert.deepStrictEqual(targets(index, 'main.md'), ['`vinegar.md` rice: dead_section moved-section; fix `sushi.md` rice → pantry/sushi.md:5 [medium]']);
    assert.strictEqual(messages(index, 'main.md')[0], "dead section: pantry/vinegar.md has no section 'rice'; 'rice' is probably in pantry/sushi.md, with another section that links look for in pantry/vinegar.md");
    // The section it took along is a place the Problems panel shows.
    const [rice] = resolveNoteReferences(index, 'main.md', DEFAULT_RESOLVER_OPTIONS);
    assert.deepStrictEqual(rice.resolution.related, [{ path: 'pantry/sushi.md', line: 8, message: "has 'sushi vinegar' too, which links look for in pantry/vinegar.md" }]);
    // Without the other link, nothing tells which.
    const { index: alone } = memoryWorkspace({ ...files, 'other.md': '# ⛩️' });
    assert.deepStrictEqual(targets(alone, 'main.md'), ['`vinegar.md` rice: dead_section moved-section']);
    assert.match(messages(alone, 'main.md')[0], /2 notes \(pantry\/grains\.md, pantry\/sushi\.md\) have one, and nothing tells which was meant/);
  });

  it('reads a link without a note part, in a section that came from another note, by the links that came with it', () => {
    // `## cured rice` moved from vinegar.md to pickles.md with its two links, which now look in pickles.md.
    const { index } = memoryWorkspace({
      'pantry/vinegar.md': '# ⛩️\n\n# 🍶 VINEGAR\n\n## rice\n\n* seasoned\n\n## sweet vinegar\n\n* with sugar',
      'pantry/grains.md': '# ⛩️\n\n# 🌾 GRAINS\n\n## rice\n\n* long grain',
      'pantry/pickles.md': '# ⛩️\n\n# 🥒 PICKLES\n\n## cured rice\n\n* 🗄 rice\n* 🗄 sweet vinegar',
    });
    assert.deepStrictEqual(targets(index, 'pantry/pickles.md'), [
      'rice: dead_section moved-section; fix `vinegar.md` rice → pantry/vinegar.md:5 [medium]',
      'sweet vinegar: dead_section moved-section; fix `vinegar.md` sweet vinegar → pantry/vinegar.md:9 [high]',
    ]);
    assert.strictEqual(messages(index, 'pantry/pickles.md')[0], "dead section: this note has no section 'rice'; 'rice' is probably in pantry/vinegar.md, with another section that links look for in this note");
  });

  it('picks, of a folder a note became, the part that holds the other sections links look for under the old name', () => {
    const { index } = memoryWorkspace({
      'food/spices/salts.md': '# ⛩️\n\n# 🧂 SALTS\n\n## flaky salt\n\n## rubs',
      'food/spices/peppers.md': '# ⛩️\n\n# 🌶 PEPPERS\n\n## rubs',
      'food/main.md': '# ⛩️\n\n🗄 `spices.md` rubs\n🗄 `spices.md` flaky salt',
    });
    assert.deepStrictEqual(targets(index, 'food/main.md'), [
      '`spices.md` rubs: dead_file split-into-folder; fix `salts.md` rubs → food/spices/salts.md:7 [medium]',
      '`spices.md` flaky salt: dead_file split-into-folder; fix `salts.md` flaky salt → food/spices/salts.md:5 [high]',
    ]);
    assert.strictEqual(messages(index, 'food/main.md')[0], "dead link: no note `spices.md`; it became the folder `food/spices/`, and 'rubs' is probably in food/spices/salts.md, with another section that links look for in food/spices.md");
  });

  it('reads a link without a note part by where links look for the section it is in', () => {
    // `## cured rice` moved from vinegar.md to pickles.md; a link elsewhere still looks for it in vinegar.md.
    const { index } = memoryWorkspace({
      'pantry/vinegar.md': '# ⛩️\n\n# 🍶 VINEGAR\n\n## rice\n\n* seasoned',
      'pantry/grains.md': '# ⛩️\n\n# 🌾 GRAINS\n\n## rice\n\n* long grain',
      'pantry/pickles.md': '# ⛩️\n\n# 🥒 PICKLES\n\n## cured rice\n\n* 🗄 rice',
      'main.md': '# ⛩️\n\n🗄 `vinegar.md` cured rice',
    });
    assert.deepStrictEqual(targets(index, 'pantry/pickles.md'), ['rice: dead_section moved-section; fix `vinegar.md` rice → pantry/vinegar.md:5 [medium]']);
    assert.strictEqual(messages(index, 'pantry/pickles.md')[0], "dead section: this note has no section 'rice'; 'rice' is probably in pantry/vinegar.md, where links look for 'cured rice', the section this link is in");
  });

  it('counts the heading a path names above the section as a lost section too', () => {
    // `cheap whisk > hinge`: the whisk section and its hinge moved together to pantry/tools.md.
    const { index } = memoryWorkspace({
      'pantry/vinegar.md': '# ⛩️\n\n# 🍶 VINEGAR\n\n## mother',
      'pantry/tools.md': '# ⛩️\n\n# 🥄 TOOLS\n\n## cheap whisk\n\n### hinge',
      'pantry/doors.md': '# ⛩️\n\n# 🚪 DOORS\n\n## hinge',
      'main.md': '# ⛩️\n\n🗄 `vinegar.md` cheap whisk > hinge\n🗄 `vinegar.md` hinge',
    });
    assert.deepStrictEqual(targets(index, 'main.md')[1], '`vinegar.md` hinge: dead_section moved-section; fix `tools.md` hinge → pantry/tools.md:7 [medium]');
  });

  it('says nothing tells which when two namesakes each hold as many of the lost sections', () => {
    const { index } = memoryWorkspace({
      ...files,
      'pantry/grains.md': '# ⛩️\n\n# 🌾 GRAINS\n\n## rice\n\n* long grain\n\n## malt vinegar',
      'third.md': '# ⛩️\n\n🗄 `vinegar.md` malt vinegar',
    });
    assert.deepStrictEqual(targets(index, 'main.md'), ['`vinegar.md` rice: dead_section moved-section']);
  });

  it('does not count a lost name that many notes have: it says nothing of where the material went', () => {
    const common = Object.fromEntries(Array.from({ length: 9 }, (_, at) => [`misc/n${at}.md`, '# ⛩️\n\n## sources\n\n* a book']));
    const { index } = memoryWorkspace({
      ...files,
      ...common,
      'pantry/sushi.md': '# ⛩️\n\n# 🍣 SUSHI\n\n## rice\n\n* short grain\n\n## sources',
      'other.md': '# ⛩️\n\n🗄 `vinegar.md` sources',
    });
    assert.deepStrictEqual(targets(index, 'main.md'), ['`vinegar.md` rice: dead_section moved-section']);
  });
});

describe('fixes, class 23: a part of a note split into a folder lacks a section many notes have', () => {
  // yeast.md became the folder pantry/yeast/ (links still write its name), and `leek` went to
  // another part than the link's: fifty notes have a leek, one of them the other part.
  const many = Object.fromEntries(Array.from({ length: 50 }, (_, at) => [`misc/n${at}.md`, '# ⛩️\n\n## leek\n\n* a note']));
  const files = {
    ...many,
    'pantry/yeast/dough.md': '# ⛩️\n\n# 🍞 DOUGH\n\n## proofing\n\n* see 🗄 leek',
    'pantry/yeast/greens.md': '# ⛩️\n\n# 🥬 GREENS\n\n## leek\n\n* in the brine',
    'main.md': '# ⛩️\n\n🗄 `yeast.md` proofing',
  };

  it('leads to the one other part of the folder that has it, as a fix to look at', () => {
    const { index } = memoryWorkspace(files);
    assert.deepStrictEqual(targets(index, 'pantry/yeast/dough.md'), ['leek: dead_section moved-section; fix `greens.md` leek → pantry/yeast/greens.md:5 [medium]']);
    assert.strictEqual(messages(index, 'pantry/yeast/dough.md')[0], "dead section: this note has no section 'leek'; 'leek' may be in pantry/yeast/greens.md, another part of the folder `pantry/yeast/`");
  });

  it('says nothing tells which in a folder no note became', () => {
    const { index } = memoryWorkspace({ ...files, 'main.md': '# ⛩️' });
    assert.deepStrictEqual(targets(index, 'pantry/yeast/dough.md'), ['leek: dead_section moved-section']);
    assert.match(messages(index, 'pantry/yeast/dough.md')[0], /51 notes \(.*\) have one, and nothing tells which was meant/);
  });
});

describe('fixes: a note name written decomposed (`e` and a combining accent, as macOS or a PDF may write it)', function () {
  this.timeout(20000);
  let repo: GitWorkspace;
  afterEach(() => repo?.remove());

  it('follows the note through history as the same name written composed', () => {
    const decomposed = 'cre\u0300me.md';
    repo = gitWorkspace([
      { date: '2023-01-10', files: {
        'crème.md': note('# ⛩️\n\n# 🍮 CUSTARD\n\n* bain-marie'),
        'main.md': `# ⛩️\n\n🗄 \`${decomposed}\` custard\n🗄 \`crème.md\` custard`,
      } },
      { date: '2023-03-10', moves: { 'crème.md': 'desserts.md' }, files: {} },
    ]);
    const [written, typed] = targets(repo.index, 'main.md').map((target) => target.slice(target.indexOf(': ') + 2));
    assert.match(typed, /^dead_file moved; fix .*desserts\.md/);
    assert.strictEqual(written, typed);
  });
});
