/**
 * 🗄 completion of note names: the notes this note links already first, names of other
 * collections it links, the notes of its folder next; and inside the items of a bare 🗄 list.
 */

import * as assert from 'assert';
import { computeCompletion } from '../../src/core/features/completion';
import type { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { memoryWorkspace } from './support';

/** Completion at the end of the last line of `text` (the note `path` holds `text`). */
function labelsAtEnd(index: WorkspaceIndex, path: string, text: string): string[] {
  const lines = text.split('\n');
  const line = lines.length - 1;
  return computeCompletion(index, path, lines[line], { line, character: lines[line].length }).items.map((item) => item.label);
}

describe('🗄 completion of note names', () => {
  const others = {
    'a-long-name/zz.md': '# ⛩️',
    'aa.md': '# ⛩️',
    'kitchen/stones.md': '# ⛩️\n## flattening',
    'kitchen/care.md': '# ⛩️',
    'craft/metals.md': '# ⛩️\n## patina',
    'craft/wood.md': '# ⛩️',
    'sourdough.md': '# ⛩️',
  };

  it('puts the notes this note links first, nearest first, then its folder, then the rest by length', () => {
    const text = '# ⛩️\n🗄 `metals.md` patina\n\n* far below the metals\n🗄 `wood.md`\n🗄 `';
    const { index } = memoryWorkspace({ ...others, 'kitchen/knives.md': text });
    assert.deepStrictEqual(labelsAtEnd(index, 'kitchen/knives.md', text).slice(0, 5), ['wood.md', 'metals.md', 'care.md', 'stones.md', 'aa.md']);
  });

  it('offers a note and a section that macOS wrote decomposed to a name typed composed, for the client to filter composed', () => {
    const decomposed = (text: string) => text.normalize('NFD');
    const text = '# ⛩️\n🗄 `crè';
    const { index } = memoryWorkspace({ ...others, [decomposed('crème.md')]: `# ⛩️\n## ${decomposed('brûlée')}`, 'kitchen/knives.md': text });
    const items = computeCompletion(index, 'kitchen/knives.md', '🗄 `crè', { line: 1, character: 6 }).items;
    assert.deepStrictEqual(items.filter((item) => item.filterText.startsWith('crè')).map((item) => item.filterText), ['crème.md crème.md']);
    const sections = computeCompletion(index, 'kitchen/knives.md', '🗄 `crème.md` brû', { line: 1, character: 16 }).items;
    assert.deepStrictEqual(sections.map((item) => item.filterText), ['brûlée']);
  });

  it('offers again a name of another collection this note links, but not a slip on a note’s name', () => {
    const text = '# ⛩️\n🗄 `physics.md` osmosis\n🗄 `sourdouh.md` levain\n🗄 `';
    const { index } = memoryWorkspace({ ...others, 'food/pickles.md': text });
    const items = computeCompletion(index, 'food/pickles.md', '🗄 `', { line: 3, character: 3 }).items;
    assert.strictEqual(items[0].label, 'physics.md');
    assert.match(items[0].detail, /another collection/);
    assert.ok(!items.some((item) => item.label === 'sourdouh.md'), 'a typo is not offered');
  });

  it('offers names of other collections that other notes link, after the notes of the folder, and follows their changes', () => {
    const text = '# ⛩️\n🗄 `';
    const { index } = memoryWorkspace({ ...others, 'food/pickles.md': text, 'food/brine.md': '🗄 `chemistry.md` salt\n🗄 `sourdouh.md`', 'food/crock.md': '🗄 `chemistry.md` acid' });
    const labels = () => labelsAtEnd(index, 'food/pickles.md', text);
    assert.strictEqual(labels().at(-1), 'chemistry.md');
    assert.ok(!labels().includes('sourdouh.md'), 'a slip on a note’s name is not offered');
    // Another note links one more: offered from then on.
    index.setNoteText('food/crock.md', '🗄 `chemistry.md` acid\n🗄 `physics.md`');
    assert.ok(labels().includes('physics.md'), labels().join(', '));
  });

  it('writes each note by its shortest name as the notes come and go: `metals.md`, `craft/metals.md` beside `food/metals.md`, then `metals.md` again', () => {
    const text = '# ⛩️\n🗄 `';
    const { index } = memoryWorkspace({ ...others, 'kitchen/knives.md': text });
    const metals = () => labelsAtEnd(index, 'kitchen/knives.md', text).filter((label) => label.includes('metals'));
    assert.deepStrictEqual(metals(), ['metals.md']);
    // A second `metals.md` comes: each is written with its folder, asked again at once.
    index.setNoteText('food/metals.md', '# ⛩️');
    assert.deepStrictEqual(metals().sort(), ['craft/metals.md', 'food/metals.md']);
    // A change to a note's text leaves the names as they are.
    index.setNoteText('food/metals.md', '# ⛩️\n## tin');
    assert.deepStrictEqual(metals().sort(), ['craft/metals.md', 'food/metals.md']);
    index.removeNote('food/metals.md');
    assert.deepStrictEqual(metals(), ['metals.md']);
  });

  it('offers a long note’s own sections in the order of the whole list, each as a link to it reads, and no more than the cap', () => {
    // 300 sections, more than the 200 items offered: the ones past the cap are never read.
    const headings = Array.from({ length: 300 }, (_, n) => `## part ${n}`);
    // A term that reads bare as a note (`notes.md`) is offered quoted.
    const text = `# ⛩️\n* _notes.md_: a term\n${headings.join('\n')}\n🗄 `;
    const { index } = memoryWorkspace({ 'kitchen/knives.md': text });
    const lines = text.split('\n');
    const items = computeCompletion(index, 'kitchen/knives.md', lines.at(-1)!, { line: lines.length - 1, character: lines.at(-1)!.length }).items;
    assert.strictEqual(items.length, 200);
    // Nearest first (the cursor's own section, `part 299`, is where the link already is).
    assert.deepStrictEqual(items.slice(0, 3).map((item) => item.insertText), ['part 298', 'part 297', 'part 296']);
    const quoted = computeCompletion(index, 'kitchen/knives.md', "🗄 'notes", { line: lines.length - 1, character: 9 }).items;
    assert.deepStrictEqual(quoted.map((item) => [item.label, item.insertText, item.filterText]), [['notes.md', "'notes.md'", "'notes.md"]]);
  });

  it('offers a name of another collection once, however many notes write it decomposed (`e` and a combining accent) or composed', () => {
    const decomposed = '🗄 `cre\u0300me.md` custard';
    const { index } = memoryWorkspace({ 'd/c.md': '# ⛩️\n🗄 `', 'a.md': decomposed, 'b.md': decomposed, 'e.md': '🗄 `crème.md`' });
    const foreign = computeCompletion(index, 'd/c.md', '🗄 `', { line: 1, character: 3 }).items.filter((item) => item.detail.startsWith('not in this folder'));
    assert.deepStrictEqual(foreign.map((item) => item.filterText.normalize('NFC')), ['crème.md']);
    // This note writes it both ways itself.
    const text = `# ⛩️\n${decomposed}\n🗄 \`crème.md\` flan\n🗄 \``;
    const { index: own } = memoryWorkspace({ 'd/c.md': text });
    const offered = computeCompletion(own, 'd/c.md', '🗄 `', { line: 3, character: 3 }).items.filter((item) => /another collection/.test(item.detail));
    assert.deepStrictEqual(offered.map((item) => item.filterText.normalize('NFC')), ['crème.md']);
  });

  it('offers after an open backtick only names read whole there: an emoji would end the link (`c⛩️.md` reads as `c`)', () => {
    const { index } = memoryWorkspace({ 'd/c.md': '# ⛩️\n🗄 `', 'a.md': '# ⛩️\n🗄 `d/c⛩️.md` knives\n🗄 `physics.md`' });
    const foreign = (line: string) => computeCompletion(index, 'd/c.md', line, { line: 1, character: line.length }).items.filter((item) => item.detail.startsWith('not in this folder')).map((item) => item.label);
    assert.deepStrictEqual(foreign('🗄 `'), ['physics.md'], 'typed after a backtick nothing closes');
    assert.deepStrictEqual(foreign('🗄 ').sort(), ['c⛩️.md', 'physics.md'], 'written with both backticks, it reads whole');
  });

  it('offers a name linked as another collection’s only where, written, it reads as one: `c/g.md` alone is a section of c.md', () => {
    // With a section after it, `c/g.md` names another collection's note; alone, a path into c.md (its section g).
    const { index } = memoryWorkspace({ 'd/c.md': "# ⛩️\n🗄 `c/g.md` 'KNIVES'\n🗄 `sourdough.md`\n🗄 `" });
    const foreign = computeCompletion(index, 'd/c.md', '🗄 `', { line: 3, character: 3 }).items.filter((item) => item.detail.startsWith('not in this folder')).map((item) => item.label);
    assert.deepStrictEqual(foreign, ['sourdough.md']);
  });

  it('offers no name that, written without its closing backtick yet, would not read as that name (a 🗄 or a backtick in it)', () => {
    // `meta🗄.md`, written after `🗄 \``, is a link to `meta` (#meta.md here) and one to `.md` (long fuzz, seed 1213500).
    const { index } = memoryWorkspace({ 'b/#meta.md': '# ⛩️\n## quench', 'd/c.md': '# ⛩️\n🗄 `meta🗄.md` x\n🗄 `chemistry.md` salt', 'note🗄.md': '# ⛩️', 'a.md': '# ⛩️\n🗄 `' });
    const labels = computeCompletion(index, 'a.md', '🗄 `', { line: 1, character: 3 }).items.map((item) => item.label);
    assert.ok(labels.includes('chemistry.md') && labels.includes('meta.md'), labels.join(', '));
    assert.deepStrictEqual(labels.filter((label) => label.includes('\u{1F5C4}')), []);
  });

  it('offers a name one letter from a note’s once three notes link it: meant as written, no slip', () => {
    const text = '# ⛩️\n🗄 `';
    const { index } = memoryWorkspace({ ...others, 'food/pickles.md': text, 'food/brine.md': '🗄 `stone.md`', 'food/crock.md': '🗄 `stone.md` whetting' });
    const labels = () => labelsAtEnd(index, 'food/pickles.md', text);
    assert.ok(!labels().includes('stone.md'), 'two notes link it: a slip on stones.md');
    index.setNoteText('food/jar.md', '🗄 `Stone.md`');
    assert.ok(labels().includes('stone.md'), labels().join(', '));
  });

  it('completes the items of a bare 🗄 list: note names in the backticks, then that note’s sections', () => {
    const text = '# ⛩️\n🗄\n* `metals.md` patina\n* `';
    const { index } = memoryWorkspace({ ...others, 'kitchen/knives.md': text });
    assert.strictEqual(labelsAtEnd(index, 'kitchen/knives.md', text)[0], 'metals.md');
    const sections = `${text}stones.md\` fla`;
    const withPath = memoryWorkspace({ ...others, 'kitchen/knives.md': sections });
    assert.deepStrictEqual(labelsAtEnd(withPath.index, 'kitchen/knives.md', sections), ['flattening']);
    // Also under a label that is itself an item (`* 🗄`), in a quote.
    const quoted = '# ⛩️\n> * 🗄\n>   * `';
    const inQuote = memoryWorkspace({ ...others, 'kitchen/knives.md': quoted });
    assert.ok(labelsAtEnd(inQuote.index, 'kitchen/knives.md', quoted).length > 0);
  });

  it('offers in a bare 🗄 list the names its other items link last, and in a list kept in alphabetical order the names that go there first', () => {
    const items = ['* `aa.md` x', '* `care.md` y', '* `', '* `stones.md` z', '* `wood.md`'];
    const at = (text: string) => {
      const { index } = memoryWorkspace({ ...others, 'kitchen/knives.md': text });
      return computeCompletion(index, 'kitchen/knives.md', '* `', { line: 4, character: 3 }).items;
    };
    // Between care.md and stones.md: metals.md and sourdough.md, though this note links the others already.
    const sorted = at(['# ⛩️', '🗄', ...items].join('\n'));
    assert.deepStrictEqual(sorted.slice(0, 2).map((item) => item.label), ['metals.md', 'sourdough.md']);
    assert.strictEqual(sorted[0].detail, "craft/metals.md · between care.md and stones.md in the list's order");
    assert.deepStrictEqual(sorted.slice(-4).map((item) => item.label).sort(), ['aa.md', 'care.md', 'stones.md', 'wood.md'], 'the names the list links already come last');
    // A list in no order: no place to go, but the names it links already still come last.
    const unsorted = at(['# ⛩️', '🗄', '* `wood.md`', ...items.slice(1, 4), '* `aa.md`'].join('\n'));
    assert.ok(!['aa.md', 'care.md', 'stones.md', 'wood.md'].includes(unsorted[0].label), unsorted.map((item) => item.label).join(', '));
    assert.ok(!unsorted[0].detail.includes("list's order"));
  });

  it('offers this note’s own sections right after the marker, with no backticks, quoted when the quote is typed', () => {
    const text = '# ⛩️\n# 🔪 KNIVES\n## burr\n🗄 `metals.md`\n# 🪨 STONES\nFLATTENING\n🗄 b';
    const { index } = memoryWorkspace({ ...others, 'kitchen/knives.md': text });
    const items = computeCompletion(index, 'kitchen/knives.md', '🗄 b', { line: 6, character: 4 }).items;
    const burr = items.find((item) => item.label === 'burr');
    assert.ok(burr && burr.kind === 'section' && burr.insertText === 'burr', JSON.stringify(items.map((item) => item.label)));
    // STONES and FLATTENING hold the cursor: a link there needs no link.
    const all = computeCompletion(index, 'kitchen/knives.md', '🗄 ', { line: 6, character: 3 }).items.filter((item) => item.kind === 'section').map((item) => item.label);
    assert.deepStrictEqual(all.sort(), ['burr', 'KNIVES'].sort());
    const quoted = computeCompletion(index, 'kitchen/knives.md', "🗄 'bu", { line: 6, character: 6 }).items;
    assert.deepStrictEqual(quoted.map((item) => `${item.label} → ${item.insertText}`), ["burr → 'burr'"]);
  });

  it('offers a note’s sections after its name: headings first, then ALL-CAPS lines, bold labels and terms, 参考 and 进步 last, each name once', () => {
    const stones = '# ⛩️\n## 参考\n* _loading_: a clogged surface\nLAPPING\n## lapping\n## flattening\n__grits__\n## 进步';
    const text = '# ⛩️\n🗄 `stones.md` ';
    const { index } = memoryWorkspace({ 'kitchen/stones.md': stones, 'kitchen/knives.md': text });
    assert.deepStrictEqual(labelsAtEnd(index, 'kitchen/knives.md', text), ['lapping', 'flattening', 'grits', 'loading', '参考', '进步']);
  });

  it('offers a section only as a link to it reads and leads: once per name, quoted where bare it would not read, never one another anchor takes', () => {
    // Two `# KNIVES`: a link leads to the first. A term `tang` beside a heading `tang`: to the heading.
    // `(alias)` bare reads as no section: quoted. Right after the marker `setup.py tips` bare reads as a note: quoted there.
    const stones = '# ⛩️\n# 🔪 KNIVES\n* _tang_: the hidden part\n## tang\n# 🔪 KNIVES\n## (alias)\n## setup.py tips\n## a `code` name';
    const { index } = memoryWorkspace({ 'kitchen/stones.md': stones, 'kitchen/knives.md': '# ⛩️\n🗄 `stones.md` ' });
    const items = computeCompletion(index, 'kitchen/knives.md', '🗄 `stones.md` ', { line: 1, character: 15 }).items;
    assert.deepStrictEqual(items.map((item) => `${item.insertText} (${item.detail})`), [
      'KNIVES (# heading, line 2)', 'tang (## heading, line 4)', "'(alias)' (## heading, line 6)", 'setup.py tips (## heading, line 7)', 'a code name (## heading, line 8)',
    ]);
    // The same for the note's own sections right after the marker.
    const own = `${stones}\n\n🗄 `;
    index.setNoteText('kitchen/stones.md', own);
    const sections = computeCompletion(index, 'kitchen/stones.md', '🗄 ', { line: 10, character: 3 }).items.filter((item) => item.kind === 'section');
    assert.deepStrictEqual(sections.map((item) => `${item.insertText} (${item.detail})`).sort(), [
      "'(alias)' (a section of this note, line 6)", "'setup.py tips' (a section of this note, line 7)", 'KNIVES (a section of this note, line 2)', 'a code name (a section of this note, line 8)', 'tang (a section of this note, line 4)',
    ]);
    // A 🗄 in a heading links nothing: no completion there.
    index.setNoteText('kitchen/stones.md', `${stones}\n## see 🗄 `);
    assert.deepStrictEqual(computeCompletion(index, 'kitchen/stones.md', '## see 🗄 ', { line: 8, character: 10 }).items, []);
  });

  it('offers nothing in a list that no 🗄 label heads, nor under a 🗄 in a code block', () => {
    const text = '# ⛩️\n## tools\n* `metals.md` patina\n* `';
    const { index } = memoryWorkspace({ ...others, 'kitchen/knives.md': text });
    assert.deepStrictEqual(labelsAtEnd(index, 'kitchen/knives.md', text), []);
    const fenced = '# ⛩️\n```\n🗄\n* `';
    const inCode = memoryWorkspace({ ...others, 'kitchen/knives.md': fenced }).index;
    assert.deepStrictEqual(labelsAtEnd(inCode, 'kitchen/knives.md', fenced), []);
  });
});
