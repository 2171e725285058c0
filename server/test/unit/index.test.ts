import * as assert from 'assert';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { shareDeletionKey } from '../../src/core/index/basenamesByStem';
import { anchorKeys, normalForm, queryKeys, singularWord } from '../../src/core/index/normalize';
import { checkWorkspace } from '../../src/core/features/check';

describe('normal forms and aliases (DIALECT §8.1)', () => {
  it('strips emoji, VS16, backticks, emphasis and end punctuation, and casefolds', () => {
    assert.strictEqual(normalForm('🪨 Whet  `stones`:'), 'whet stones');
    assert.strictEqual(normalForm('_slurry_ management?'), 'slurry management');
    assert.strictEqual(normalForm('cook’s knife'), "cook's knife");
  });

  it('gives aliases for parentheticals, slash parts and singulars, and a squashed form', () => {
    const keys = anchorKeys('grit / finish (stones)');
    assert.deepStrictEqual([...keys.aliases].sort(), ['finish', 'finish (stone)', 'finish (stones)', 'grit', 'grit / finish', 'grit / finish (stone)', 'grit / finish (stones)', 'stone', 'stones'].sort());
    assert.ok(anchorKeys('cast iron').squashes.has('castiron'));
  });

  it('never singularises a word written in capitals, nor a short one', () => {
    assert.strictEqual(singularWord('abs', 'ABS'), 'abs');
    assert.strictEqual(singularWord('gas'), 'gas');
    assert.strictEqual(singularWord('marinades'), 'marinade');
    assert.strictEqual(singularWord('berries'), 'berry');
    assert.strictEqual(singularWord('knives'), 'knife');
    assert.deepStrictEqual(queryKeys('AB').variants, ['ab']);
  });
});

/**
 * The paranoid check (after Marksman): an index updated note by note must equal one rebuilt
 * from scratch, after every step of a sequence of edits, renames and deletions.
 */
describe('workspace index: incremental updates equal a rebuild (paranoid mode)', () => {
  function rebuilt(files: Map<string, string>): WorkspaceIndex {
    const index = new WorkspaceIndex({ readText: (file) => files.get(file) });
    for (const [file, text] of [...files.entries()].sort()) index.setNoteText(file, text);
    return index;
  }

  class ParanoidWorkspace {
    readonly files = new Map<string, string>();
    readonly index = new WorkspaceIndex({ readText: (file) => this.files.get(file) });
    steps = 0;

    write(file: string, text: string): this {
      this.files.set(file, text);
      this.index.setNoteText(file, text);
      return this.verify(`write ${file}`);
    }

    /** Typed in an editor: the index keeps the note as parsed until it is packed. */
    type(file: string, text: string): this {
      this.files.set(file, text);
      this.index.setNoteText(file, text, { keepParsed: true });
      assert.ok(!this.index.isCompact(file));
      return this.verify(`type in ${file}`);
    }

    pack(file: string): this {
      this.index.compactKeptNote(file);
      assert.ok(this.index.isCompact(file));
      return this.verify(`pack ${file}`);
    }

    remove(file: string): this {
      this.files.delete(file);
      this.index.removeNote(file);
      return this.verify(`remove ${file}`);
    }

    rename(from: string, to: string): this {
      const text = this.files.get(from)!;
      this.files.delete(from);
      this.index.removeNote(from);
      this.files.set(to, text);
      this.index.setNoteText(to, text);
      return this.verify(`rename ${from} → ${to}`);
    }

    private verify(step: string): this {
      this.steps++;
      const fresh = rebuilt(this.files);
      assert.strictEqual(this.index.snapshot(), fresh.snapshot(), `index differs from a rebuild after step ${this.steps}: ${step}`);
      assert.deepStrictEqual(checkWorkspace(this.index).diagnostics, checkWorkspace(fresh).diagnostics, `diagnostics differ after ${step}`);
      return this;
    }
  }

  it('stays equal through edits, renames, deletions and a folder note', () => {
    const workspace = new ParanoidWorkspace()
      .write('kitchen/knives.md', '# ⛩️\n\n## 参考\n\n🗄 `metals.md` patina\n📚\n* McGee on food\n\n# 🔪 KNIVES\n\nBURR\n* _burr_: lip\n📙 McGee [4]')
      .write('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## patina\n📙 Lopez ch. 4')
      .write('craft/wood/#meta.md', '# ⛩️\n# 🌳 SPECIES\n📚\n* Lopez food lab')
      .write('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## rust\n📙 Lopez ch. 5')
      .rename('metals.md', 'craft/forge/metals.md')
      .write('kitchen/tools.md', '# ⛩️\n🗄 `wood.md` species\n🗄 `metals.md` rust')
      .remove('craft/wood/#meta.md')
      .write('craft/wood/#meta.md', '# ⛩️\n# 🌳 SPECIES')
      .rename('kitchen/knives.md', 'kitchen/blades.md')
      .remove('kitchen/tools.md')
      .remove('kitchen/blades.md');
    assert.strictEqual(workspace.steps, 11);
  });

  it('stays equal while notes are typed in, kept as parsed, and packed again', () => {
    const workspace = new ParanoidWorkspace()
      .write('kitchen/knives.md', '# ⛩️\n\n## 参考\n\n🗄 `metals.md` patina\n📚\n* McGee on food\n\n# 🔪 KNIVES\n\nBURR\n* _burr_: lip\n📙 McGee [4]')
      .write('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## patina\n📙 Lopez ch. 4 Tormek [2]')
      .type('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## patina\n📙 Lopez ch. 4 Tormek [2]\n📚\n* Tormek handbook')
      .type('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## rust\n📙 Lopez ch. 4 Tormek [2]\n📚\n* Tormek handbook')
      .type('kitchen/knives.md', '# ⛩️\n\n## 参考\n\n🗄 `metals.md` rust\n📙 Tormek [3]')
      // The same anchors and authors, on other lines: the index keeps its lists by author.
      .type('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\nsome prose\n\n## rust\n📙 Lopez ch. 5 Tormek [2]\n📚\n* Tormek handbook')
      .type('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\nsome prose\n\n## rust\n📙 Lopez ch. 5 Tormek [2]\n📚\n* Tormek whetstone handbook')
      .type('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\nsome prose\n\n## rust\n📙 Lopez ch. 5 Tormek [2] McGee [1]\n📚\n* Tormek whetstone handbook')
      .pack('metals.md')
      .write('kitchen/knives.md', '# ⛩️\n\n## 参考\n\n🗄 `metals.md` patina')
      .type('metals.md', '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## patina')
      .rename('metals.md', 'craft/metals.md')
      .remove('kitchen/knives.md');
    assert.strictEqual(workspace.steps, 13);
    assert.ok(workspace.index.isCompact('craft/metals.md'), 'a renamed note is read again, in compact form');
  });

  it('forgets a folder once its last note is gone', () => {
    const index = new WorkspaceIndex();
    index.setNoteText('food/spices/pepper.md', '# ⛩️');
    assert.ok(index.hasFolder('food/spices'));
    index.removeNote('food/spices/pepper.md');
    assert.ok(!index.hasFolder('food/spices'));
    assert.ok(!index.hasFolder('food'));
  });

  it('turns references dead when their target is deleted, and back when it returns', () => {
    const files = new Map([['a.md', '🗄 `b.md` rust'], ['b.md', '# ⛩️\n## rust']]);
    const index = rebuilt(files);
    const statuses = () => checkWorkspace(index).reports.map((report) => report.resolution.status);
    assert.deepStrictEqual(statuses(), ['resolved']);
    index.setNoteText('b.md', '# ⛩️\n## rusty bits');
    assert.deepStrictEqual(statuses(), ['dead_section']);
    index.removeNote('b.md');
    assert.deepStrictEqual(statuses(), ['external']);
    index.setNoteText('b.md', '# ⛩️\n## rust');
    assert.deepStrictEqual(statuses(), ['resolved']);
  });
});

describe('the file typo rule’s near stems', () => {
  /** The definition: some single-deletion key (the word itself, or it with one unit deleted) of one is one of the other. */
  function deletionKeys(word: string): Set<string> {
    const keys = new Set([word]);
    for (let index = 0; index < word.length; index++) keys.add(word.slice(0, index) + word.slice(index + 1));
    return keys;
  }
  const byDefinition = (a: string, b: string) => [...deletionKeys(a)].some((key) => deletionKeys(b).has(key));

  it('are the stems that share a single-deletion key, compared without making the keys', () => {
    const cases: Array<[string, string]> = [
      ['', ''], ['a', ''], ['ab', 'ba'], ['abc', 'acb'], ['abcd', 'dabc'], ['abcd', 'bcda'], ['aab', 'ab'], ['honey', 'money'],
      ['sourdough', 'sourdouhg'], ['knife', 'knives'], ['abcde', 'abxye'], ['🗄x', 'x'], ['aaaa', 'aaab'], ['abab', 'baba'],
    ];
    // Every pair of short strings over a small alphabet, where every kind of near miss occurs.
    const words = [''];
    for (let length = 1; length <= 4; length++) for (const word of words.filter((known) => known.length === length - 1)) for (const letter of 'abc') words.push(word + letter);
    for (const a of words) for (const b of words) cases.push([a, b]);
    for (const [a, b] of cases) assert.strictEqual(shareDeletionKey(a, b), byDefinition(a, b), `${JSON.stringify(a)} / ${JSON.stringify(b)}`);
  });

  it('are found among the notes whatever the order they came in, and follow removals', () => {
    const index = new WorkspaceIndex();
    for (const path of ['a/honey.md', 'b/#money.md', 'c/Honeys.md', 'd/hone.md', 'e/sourdough.md']) index.setNoteText(path, '# ⛩️\n');
    assert.deepStrictEqual(index.basenamesNearStem('Honey'), ['#money.md', 'Honeys.md', 'hone.md', 'honey.md']);
    index.removeNote('c/Honeys.md');
    index.setNoteText('f/honye.md', '# ⛩️\n');
    assert.deepStrictEqual(index.basenamesNearStem('honey'), ['#money.md', 'hone.md', 'honey.md', 'honye.md']);
  });
});
