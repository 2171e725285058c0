import * as assert from 'assert';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { hashKey } from '../../src/core/index/noteKeys';

/** The moved-section table: the notes with a strong anchor of a name, sorted on first use, kept right as notes change. */
describe('moved-section table (notes by strong anchor name)', () => {
  const holders = (index: WorkspaceIndex, key: string) => [...index.notesWithAnchorKey(key)].sort();

  it('finds headings, ALL-CAPS lines and terms by normal form and alias, never list items or books', () => {
    const index = new WorkspaceIndex();
    index.setNoteText('a.md', '# ⛩️\n\n## Whetstones\n\nGRIT CHART\n* _burr_: a thin lip\n* honing rod\n');
    index.setNoteText('b.md', '# ⛩️\n\n## whetstone\n');
    index.setNoteText('c.md', '# ⛩️\n\n* honing rod\n');
    assert.deepStrictEqual(holders(index, 'whetstones'), ['a.md']);
    assert.deepStrictEqual(holders(index, 'whetstone'), ['a.md', 'b.md'], 'the singular is an alias');
    assert.deepStrictEqual(holders(index, 'grit chart'), ['a.md']);
    assert.deepStrictEqual(holders(index, 'burr'), ['a.md']);
    assert.deepStrictEqual(holders(index, 'honing rod'), [], 'a list item is not a strong anchor');
  });

  it('answers right after notes are added, changed and removed once the table is sorted', () => {
    const index = new WorkspaceIndex();
    index.setNoteText('a.md', '# ⛩️\n\n## patina\n');
    index.setNoteText('b.md', '# ⛩️\n\n## rust\n');
    assert.deepStrictEqual(holders(index, 'patina'), ['a.md']);
    index.setNoteText('c.md', '# ⛩️\n\n## patina\n');
    index.setNoteText('a.md', '# ⛩️\n\n## verdigris\n');
    assert.deepStrictEqual(holders(index, 'patina'), ['c.md']);
    assert.deepStrictEqual(holders(index, 'verdigris'), ['a.md']);
    index.removeNote('c.md');
    assert.deepStrictEqual(holders(index, 'patina'), []);
    // Enough new notes that the table is sorted.
    for (let n = 0; n < 300; n++) index.setNoteText(`n${n}.md`, `# ⛩️\n\n## patina ${n % 3}\n`);
    assert.strictEqual(holders(index, 'patina 1').length, 100);
    assert.deepStrictEqual(holders(index, 'rust'), ['b.md']);
    // Changes after the sort: the sorted rows of a changed or removed note no longer count.
    index.setNoteText('n1.md', '# ⛩️\n\n## bluing\n');
    index.removeNote('n4.md');
    assert.strictEqual(holders(index, 'patina 1').length, 98);
    assert.deepStrictEqual(holders(index, 'bluing'), ['n1.md']);
    // Enough changes that the table is sorted again, from its own rows and the changed notes.
    for (let n = 0; n < 300; n++) index.setNoteText(`m${n}.md`, `# ⛩️\n\n## patina ${n % 3}\n`);
    assert.strictEqual(holders(index, 'patina 1').length, 198);
    assert.deepStrictEqual(holders(index, 'bluing'), ['n1.md']);
    assert.deepStrictEqual(holders(index, 'rust'), ['b.md']);
    index.setNoteText('b.md', '# ⛩️\n\n## verdigris\n');
    assert.deepStrictEqual(holders(index, 'rust'), []);
    assert.deepStrictEqual(holders(index, 'verdigris'), ['a.md', 'b.md']);
  });

  it('never answers with a note whose name only shares the hash', () => {
    // Two names with the same first hash (found by search): the table sorts by it alone.
    assert.strictEqual(hashKey('krzsgti'), hashKey('qsyyeap'));
    const index = new WorkspaceIndex();
    index.setNoteText('a.md', '# ⛩️\n\n## krzsgti\n');
    index.setNoteText('b.md', '# ⛩️\n\n## qsyyeap\n');
    assert.deepStrictEqual(holders(index, 'krzsgti'), ['a.md']);
    assert.deepStrictEqual(holders(index, 'qsyyeap'), ['b.md']);
    index.setNoteText('c.md', '# ⛩️\n\n## qsyyeap\n');
    assert.deepStrictEqual(holders(index, 'krzsgti'), ['a.md'], 'nor one that changed since the table was sorted');
  });
});
