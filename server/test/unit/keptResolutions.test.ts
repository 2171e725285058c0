import * as assert from 'assert';
import { dedent, lcg, memoryWorkspace } from './support';
import { resolveNoteReferences } from '../../src/core/features/check';
import { referenceKey } from '../../src/core/features/keptResolutions';
import { resolveReference, type Resolution } from '../../src/core/features/resolve';
import { parseNote } from '../../src/core/syntax/parseNote';
import type { WorkspaceIndex } from '../../src/core/index/workspaceIndex';

const TYPED = 'food/kitchen.md';

function workspace() {
  return memoryWorkspace({
    [TYPED]: dedent(`
      # ⛩️ KITCHEN
      ## intro
      Knives want care.
      * patina: 🗄 \`metals.md\` patina
      * rust: 🗄 \`metals.md\` rust removal
      * oil: 🗄 \`care.md\` oiling
      * up: 🗄 intro
      * gone: 🗄 \`pans.md\` seasoning
      * scrub: 🗄 \`pans.md\` scrubbing
      * dry: 🗄 \`pans.md\` lids
      * book: 🗄️ Chang knife skills
      * prose: 🗄 the rest of the story goes here
      * text: 🗄 \`care.md\` camellia
      * common: 🗄 \`metals.md\` za
      📚
      * Chang knife skills
      📙 Chang [12]
    `),
    'food/metals.md': dedent(`
      # ⛩️ METALS
      ## patina
      Blue and grey.
    `),
    'food/care.md': dedent(`
      # ⛩️ CARE
      ## rust removal
      Vinegar.
      ## oiling
      Camellia oil.
    `),
    'shop/tools.md': dedent(`
      # ⛩️ TOOLS
      ## seasoning
      Flax oil, thin coats.
      ## scrubbing
      Hot water.
      ## drying
      On the stove.
    `),
  });
}

/** Every reference of the typed note resolved afresh, without anything kept. */
function fresh(index: WorkspaceIndex, path: string): Resolution[] {
  return index.getNote(path)!.note.references.map((reference) => resolveReference(index, path, reference));
}

function kept(index: WorkspaceIndex, path: string): Resolution[] {
  return resolveNoteReferences(index, path).map((report) => report.resolution);
}

describe('resolutions kept while a note is typed in', () => {
  it('gives the resolutions of the last keystroke again after a keystroke in prose, and new ones once another note changes', () => {
    const { index, files } = workspace();
    const write = (path: string, text: string) => {
      files.set(path, text);
      index.setNoteText(path, text, { keepParsed: path === TYPED });
    };
    write(TYPED, files.get(TYPED)!);
    const before = kept(index, TYPED);
    write(TYPED, files.get(TYPED)!.replace('Knives want care.', 'Knives want care, always.'));
    const after = kept(index, TYPED);
    const references = index.getNote(TYPED)!.note.references;
    const reused = references.filter((_, at) => after[at] === before[at]).map((reference) => reference.text);
    // Targets in other notes are kept; those without a file part are looked for in this note first, so resolved again.
    assert.deepStrictEqual(reused, ['`metals.md` patina', '`metals.md` rust removal', '`care.md` oiling', '`pans.md` seasoning', '`pans.md` scrubbing', '`pans.md` lids', '`care.md` camellia', '`metals.md` za']);
    assert.deepStrictEqual(after, fresh(index, TYPED));

    write('food/metals.md', files.get('food/metals.md')!.replace('Blue and grey.', 'Blue, grey.'));
    const afterOther = kept(index, TYPED);
    assert.ok(afterOther.every((resolution, at) => resolution !== after[at]), 'a change to another note keeps nothing');
    assert.deepStrictEqual(afterOther, fresh(index, TYPED));
  });

  it('equal a fresh resolution after every step of typing, headings, 📚 entries, lines and other notes changing', () => {
    const edits: Array<[string, (text: string, random: () => number) => string]> = [
      ['prose keystroke', (text, random) => text.replace(/Knives want care[^\n]*/, (line) => (random() < 0.5 ? `${line}x` : line.slice(0, Math.max(16, line.length - 1))))],
      ['heading named like a moved section', (text) => text.replace('## intro', '## rust removal')],
      ['heading back', (text) => text.replace('## rust removal', '## intro')],
      ['heading named like a missing one', (text) => text.replace('Knives want care', 'SEASONING\nKnives want care')],
      ['line inserted above', (text) => text.replace('## intro\n', '## intro\nA new line.\n')],
      ['📚 entry retitled', (text) => text.replace('* Chang knife skills', '* Chang kitchen basics')],
      ['📚 entry back', (text) => text.replace('* Chang kitchen basics', '* Chang knife skills')],
      ['reference typed in', (text, random) => text.replace('🗄 `care.md` oiling', random() < 0.5 ? '🗄 `care.md` oilin' : '🗄 `care.md` oiling')],
      // Three sections under `pans.md` that tools.md holds make it the renamed note; two do not.
      ['section linked under a missing name retyped', (text) => (text.includes('`pans.md` lids') ? text.replace('`pans.md` lids', '`pans.md` drying') : text.replace('`pans.md` drying', '`pans.md` lids'))],
      ['citation page', (text, random) => text.replace(/📙 Chang \[\d+\]/, `📙 Chang [${Math.floor(random() * 90) + 10}]`)],
    ];
    const others: Array<[string, string, (text: string) => string]> = [
      ['patina removed', 'food/metals.md', (text) => text.replace('## patina', '## blueing')],
      ['patina back', 'food/metals.md', (text) => text.replace('## blueing', '## patina')],
      ['seasoning moved to pans', 'food/pans.md', () => '# ⛩️ PANS\n## seasoning\nThin coats.\n'],
      ['rust removal dropped', 'food/care.md', (text) => text.replace('## rust removal\nVinegar.\n', '')],
      ['line above patina', 'food/metals.md', (text) => text.replace('# ⛩️ METALS\n', '# ⛩️ METALS\nIron and steel.\n')],
      ['camellia prose changed', 'food/care.md', (text) => (text.includes('Camellia') ? text.replace('Camellia oil.', 'Olive oil.') : text.replace('Olive oil.', 'Camellia oil.'))],
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = lcg(seed);
      const { index, files } = workspace();
      const write = (path: string, text: string) => {
        files.set(path, text);
        index.setNoteText(path, text, { keepParsed: path === TYPED });
      };
      const done: string[] = [];
      for (let step = 0; step < 60; step++) {
        if (random() < 0.15) {
          const [name, path, change] = others[Math.floor(random() * others.length)];
          write(path, change(files.get(path) ?? ''));
          done.push(name);
        } else {
          const [name, change] = edits[Math.floor(random() * edits.length)];
          write(TYPED, change(files.get(TYPED)!, random));
          done.push(name);
        }
        // Code actions and the check ask for the same note more than once between keystrokes.
        const first = kept(index, TYPED);
        assert.deepStrictEqual(first, fresh(index, TYPED), `seed ${seed}, after ${done.join(', ')}`);
        assert.deepStrictEqual(kept(index, TYPED), first, `seed ${seed}, asked again after ${done.join(', ')}`);
      }
    }
  });

  it('counts the typed note among the notes holding a name once it has a heading of that name', () => {
    // 48 notes hold `za`: one more is too many to weigh, and the answer names them without reading any.
    const notes: Record<string, string> = { [TYPED]: '# ⛩️\n## intro\n* 🗄 `metals.md` za\n', 'metals.md': '# ⛩️\n## patina\n' };
    for (let n = 0; n < 48; n++) notes[`topic/note-${n}.md`] = `# ⛩️\n## za\nLine ${n}.\n`;
    const { index, files } = memoryWorkspace(notes);
    const write = (text: string) => {
      files.set(TYPED, text);
      index.setNoteText(TYPED, text, { keepParsed: true });
    };
    write(files.get(TYPED)!);
    const before = kept(index, TYPED);
    write(files.get(TYPED)!.replace('## intro', '## za'));
    const after = kept(index, TYPED);
    assert.deepStrictEqual(after, fresh(index, TYPED));
    assert.notDeepStrictEqual(after[0].message, before[0].message);
  });

  it('keys a reference by every field, so two references with one key are written alike at one place', () => {
    const note = parseNote('a.md', '# ⛩️\n* see 🗄 `metals.md` \'rust removal\'\n');
    const reference = note.references[0];
    const key = referenceKey(reference);
    const leaves: string[] = [];
    const visit = (value: unknown, path: string[]) => {
      if (value !== null && typeof value === 'object') {
        for (const [field, inner] of Object.entries(value)) visit(inner, [...path, field]);
      } else {
        leaves.push(path.join('.'));
      }
    };
    visit(reference, []);
    assert.ok(leaves.includes('file.bare') && leaves.includes('section.quoted') && leaves.includes('markerRange.line'), 'the sample reference has a file, a quoted section and a marker');
    for (const leaf of leaves) {
      const path = leaf.split('.');
      let holder = reference as unknown as Record<string, unknown>;
      for (const field of path.slice(0, -1)) holder = holder[field] as Record<string, unknown>;
      const field = path[path.length - 1];
      const value = holder[field];
      holder[field] = typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : `${String(value)}!`;
      const changedKey = referenceKey(reference);
      holder[field] = value;
      assert.notStrictEqual(changedKey, key, `changing ${leaf} changes the key`);
    }
    assert.strictEqual(referenceKey(reference), key);
  });
});
