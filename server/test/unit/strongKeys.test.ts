import * as assert from 'assert';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { checkHash, computeNoteKeys, computeStrongKeys, hashKey } from '../../src/core/index/noteKeys';
import { anchorKeys, forEachAnchorKey, hasAlias, hasSquash } from '../../src/core/index/normalize';

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

  it('answers as a search of every note would, through hundreds of random changes', () => {
    // A seeded stream: the same notes and changes on every run.
    let seed = 20261204;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const words = ['patina', 'rust', 'bluing', 'honing', 'burr', 'bevel', 'tang', 'spine', 'heel', 'choil'];
    const noteText = () => `# ⛩️\n\n## ${pick(words)}\n\n${pick(words).toUpperCase()} ${pick(words).toUpperCase()}\n* _${pick(words)}_: a term\n* ${pick(words)}\n`;
    const index = new WorkspaceIndex();
    const paths = Array.from({ length: 400 }, (_, n) => `n${n}.md`);
    for (const path of paths) index.setNoteText(path, noteText());
    const present = new Set(paths);
    const keys = [...words, ...words.map((word) => `${word} ${word}`), 'honings', 'nothing'];
    const searched = (key: string) => [...present].filter((path) => computeStrongKeys(index.getNote(path)!.parsed.anchors).includes(key)).sort();
    for (const key of keys) assert.deepStrictEqual(holders(index, key), searched(key), key);
    for (let step = 0; step < 600; step++) {
      const path = pick(paths);
      const change = random();
      if (change < 0.15) {
        index.removeNote(path);
        present.delete(path);
      } else {
        index.setNoteText(path, noteText());
        present.add(path);
      }
      const key = pick(keys);
      // Counted and asked note by note (before any list is made, which is kept), then listed.
      const expected = searched(key);
      const cap = Math.floor(random() * 8);
      assert.strictEqual(index.countNotesWithAnchorKey(key, cap), Math.min(expected.length, cap), `step ${step}: ${key} counted up to ${cap}`);
      assert.strictEqual(index.countNotesWithAnchorKey(key), expected.length, `step ${step}: ${key} counted`);
      const asked = pick(paths);
      assert.strictEqual(index.noteHasAnchorKey(asked, key), expected.includes(asked), `step ${step}: ${asked} has ${key}`);
      assert.deepStrictEqual(holders(index, key), expected, `step ${step}: ${key}`);
    }
  });

  it('sorts names whose hashes share their top bits (one bucket of the sort)', () => {
    // Five names whose first hashes agree in their top 16 bits (found by search), in no order.
    const names = ['kbrhno', 'kuwjkh', 'tdjqpn', 'wrpgbf', 'mzzgmf'];
    assert.strictEqual(new Set(names.map((name) => hashKey(name) >> 16)).size, 1);
    const index = new WorkspaceIndex();
    names.forEach((name, n) => index.setNoteText(`n${n}.md`, `# ⛩️\n\n## ${name}\n`));
    // Enough other notes that the table is sorted.
    for (let n = 0; n < 300; n++) index.setNoteText(`m${n}.md`, `# ⛩️\n\n## filler ${n}\n`);
    names.forEach((name, n) => assert.deepStrictEqual(holders(index, name), [`n${n}.md`], name));
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

/** Indexing hashes most names as it reads them; every name must get the keys the general path gives. */
describe('anchor keys of plain ASCII names', () => {
  /** The rows and fingerprints made from `forEachAnchorKey`'s strings. */
  function keysByStrings(texts: string[], movable: boolean): { rows: number[][]; strong: number[][] } {
    const rows: number[][] = [];
    const strong: number[][] = [];
    texts.forEach((text, index) =>
      forEachAnchorKey(
        text,
        (alias) => {
          rows.push([hashKey(alias), index * 2]);
          if (movable) strong.push([hashKey(alias), checkHash(alias)]);
        },
        (squashed) => rows.push([hashKey(squashed), index * 2 + 1]),
      ),
    );
    const byPair = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1];
    const distinct = (pairs: number[][]) => pairs.sort(byPair).filter((pair, at) => at === 0 || byPair(pair, pairs[at - 1]) !== 0);
    // One row per hash and anchor, its forms or-ed: 1 an alias, 2 a squashed form.
    const merged = new Map<string, number[]>();
    for (const [hash, anchorAndForm] of distinct(rows)) {
      const anchor = anchorAndForm >> 1;
      const row = merged.get(`${hash}:${anchor}`);
      if (row) row[1] |= anchorAndForm & 1 ? 2 : 1;
      else merged.set(`${hash}:${anchor}`, [hash, anchor * 4 + (anchorAndForm & 1 ? 2 : 1)]);
    }
    return { rows: [...merged.values()].sort(byPair), strong: distinct(strong) };
  }

  function pairs(ints: Int32Array): number[][] {
    const result: number[][] = [];
    for (let at = 0; at < ints.length; at += 2) result.push([ints[at], ints[at + 1]]);
    return result;
  }

  it('gives every name the keys of its normal form, aliases and squashed forms', () => {
    const words = ['knife', 'RACK', 'grit', 'Chart', 'bus', 'ABS', 'kiss', 'glass', 'stones', 'x-ray', "it's", "o'clock", 'cafe', '24', 's', 'S', 'us', 'dies', 'knives', 'boxes', 'v2', 's2', 'as-is', '-', "'", 'café', 'naïve', 'hone', 'tips)', '(tips', 'a/b', 'x,y', 'STONES', 'Stones'];
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const texts: string[] = ['GRIT CHART', 'knife rack', 'a - b', 'a -b', 'hone  steel', ' lead', 'trail ', 'S S', 'kiss me', 'ends with s', 'Tips S1'];
    for (let n = 0; n < 2000; n++) {
      const count = 1 + random(3);
      const parts: string[] = [];
      for (let w = 0; w < count; w++) parts.push(words[random(words.length)]);
      texts.push(parts.join(random(8) === 0 ? ' - ' : ' '));
    }
    for (const movable of [true, false]) {
      const keys = computeNoteKeys(texts.map((text) => ({ text, kind: movable ? ('heading' as const) : ('item' as const) })));
      const expected = keysByStrings(texts, movable);
      assert.deepStrictEqual(pairs(keys.rows), expected.rows);
      assert.deepStrictEqual(pairs(keys.strong).sort((a, b) => a[0] - b[0] || a[1] - b[1]), expected.strong);
    }
  });
});

describe('hasAlias and hasSquash', () => {
  const names = ['GRIT CHART', 'knife rack', 'x-ray', "it's", 'stones', 'Stones', 'bus', 'ABS', 'a - b', 'hone (steel)', 'S1', 'kiss', 'café', 'Knife Rack', "'-'", 'v2 x', 'ab-cd'];

  it('answers as the anchor keys do, for plain names and others', () => {
    const aliases = ['grit chart', 'knife rack', 'Knife rack', 'x-ray', "it's", 'stones', 'stone', 'bus', 'abs', 'ab', 'a', 'b', 'a - b', 'hone', 'steel', 's1', 'kiss', 'café', 'knife racks', 'knife rac', '', "'-'"];
    for (const name of names) for (const alias of aliases) assert.strictEqual(hasAlias(name, alias), anchorKeys(name).aliases.has(alias), `${name} / ${alias}`);
  });

  it('answers as the squashed forms do', () => {
    const squashes = ['gritchart', 'kniferack', 'xray', 'its', 'stones', 'stone', 'bus', 'abs', 'ab', 'a', 'b', 'honesteel', 'hone', 'steel', 's1', 'kiss', 'café', 'kniferac', 'kniferacks', '', 'v2x', 'abcd'];
    for (const name of names) for (const squashed of squashes) assert.strictEqual(hasSquash(name, squashed), anchorKeys(name).squashes.has(squashed), `${name} / ${squashed}`);
  });
});
