import * as assert from 'assert';
import { parseNote } from '../../src/core/syntax/parseNote';
import { computeFoldingRanges } from '../../src/core/features/folding';
import { computeSemanticTokens } from '../../src/core/features/semanticTokens';
import { computeQuickFixes } from '../../src/core/features/quickFixes';
import { countBacklinksByLine, findBacklinks, subjectAt } from '../../src/core/features/references';
import { documentHighlights } from '../../src/core/features/highlights';
import { selectionChain } from '../../src/core/features/selection';
import { computeRename, prepareFileRename, prepareRename, renamedNotePath, RenameRefusal } from '../../src/core/features/rename';
import { computeAuthorRename, prepareAuthorRename } from '../../src/core/features/renameAuthor';
import { checkWorkspace } from '../../src/core/features/check';
import { resolveReference } from '../../src/core/features/resolve';
import { computeMoveEdits, notesNamingDestinations, notesSharingNames } from '../../src/core/features/moveNotes';
import { searchWorkspaceSymbols } from '../../src/core/features/workspaceSymbols';
import { dedent, memoryWorkspace } from './support';

/** Folding ranges rendered as `start-end text-of-start-line [kind]`. */
function checkFolding(text: string, expected: string): void {
  const clean = dedent(text);
  const lines = clean.split('\n');
  const rendered = computeFoldingRanges(parseNote('n.md', clean), (line) => lines[line] ?? '').map((range) => `${range.startLine + 1}-${range.endLine + 1} ${lines[range.startLine]}${range.kind ? ` [${range.kind}]` : ''}`);
  assert.strictEqual(rendered.join('\n'), dedent(expected));
}

describe('workspace symbols', () => {
  it('finds a heading written decomposed (macOS, a PDF) by its name typed composed, and the other way round', () => {
    const { index } = memoryWorkspace({
      'a.md': `# ⛩️\n\n## ${'Crème brûlée'.normalize('NFD')}\n\n## CAFÉ\n`,
      'b.md': '# ⛩️\n\n## brûlée burns\n',
    });
    const found = (query: string) => searchWorkspaceSymbols(index, query).map((symbol) => `${symbol.path}:${symbol.range.start.line}`);
    assert.deepStrictEqual(found('crème br'), ['a.md:2']);
    assert.deepStrictEqual(found('brûlée'), ['b.md:2', 'a.md:2']);
    assert.deepStrictEqual(found('cafÉ'.normalize('NFD')), ['a.md:4']);
  });
});

describe('folding ranges', () => {
  it('folds sections at every level, ALL-CAPS blocks, 📚 lists and the raw body below ---, never the title', () => {
    checkFolding(`
      # ⛩️

      ## 参考

      📚
      * McGee on food
      * Lopez food lab

      # 🔪 KNIVES

      head

      ---

      BURR
      * _burr_: lip

      ## sharpening
      text
    `, `
      3-7 ## 参考
      5-7 📚
      9-19 # 🔪 KNIVES
      13-16 --- [region]
      15-16 BURR
      18-19 ## sharpening
    `);
  });
});

describe('semantic tokens', () => {
  it('marks dead, external and resolved 🗄 targets and unknown 📙 authors', () => {
    const { index } = memoryWorkspace({
      'main.md': "🗄 `metals.md` patina\n🗄 `metals.md` rust\n🗄 `physics.md`\n📙 McGee [4]\n📙 Nobody [5]",
      'metals.md': '# ⛩️\n## patina',
      'reading.md': '📚\n* McGee on food',
    });
    const lines = "🗄 `metals.md` patina\n🗄 `metals.md` rust\n🗄 `physics.md`\n📙 McGee [4]\n📙 Nobody [5]".split('\n');
    const rendered = computeSemanticTokens(index, 'main.md', { rootAliases: [] }).map((token) => `${lines[token.line].slice(token.start, token.start + token.length)} ${[token.type, ...token.modifiers].join('+')}`);
    assert.deepStrictEqual(rendered, [
      'metals.md namespace', 'patina property',
      'metals.md namespace', 'rust property+deprecated+dead',
      'physics.md namespace+external',
      'McGee type', 'Nobody type+unknown',
    ]);
  });
});

describe('quick fixes', () => {
  it('points a dead link at its fix, offers to create a missing section, and repairs a double-encoded note', () => {
    const { index, files } = memoryWorkspace({
      'main.md': '# ⛩️\n🗄 `metals.md` rust removal\n🗄 `metals.md` quenching\n',
      'metals.md': '# ⛩️\n# 🔩 STEEL\n',
      'care.md': '# ⛩️\n## rust removal\n',
    });
    const all = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    const fixes = computeQuickFixes(index, 'main.md', all, { rootAliases: [] }, (path) => files.get(path));
    assert.deepStrictEqual(fixes.map((fix) => `${fix.title} | ${fix.edits.map((edit) => `${edit.path}@${edit.range.start.line}:${edit.range.start.character} ${JSON.stringify(edit.newText)}`).join(', ')}`), [
      'Change to `care.md` rust removal | main.md@1:4 "care.md"',
      "Create section 'quenching' at the end of metals.md | metals.md@1:10 \"\\n\\n## quenching\\n\"",
    ]);
  });

  it('creates a section or a note only where the link then leads: a code block left open is closed first, a skeleton section is not written twice, a name no link reaches gets no fix', () => {
    const { index, files } = memoryWorkspace({
      'main.md': '# ⛩️\n🗄 `metals.md` quenching\n🗄 `metals.md` .\n🗄 `ore.md` 参考\n🗄 `slag.md` KNIVES, edges > burr\n🗄 `slag.md` edges > burr',
      'metals.md': '# ⛩️\n# 🔩 STEEL\n```sh\nheat 800\n',
    });
    const all = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    const fixes = computeQuickFixes(index, 'main.md', all, { rootAliases: [] }, (path) => files.get(path));
    assert.deepStrictEqual(fixes.map((fix) => `${fix.title} | ${fix.create ? JSON.stringify(fix.create.text) : fix.edits.map((edit) => JSON.stringify(edit.newText)).join(', ')}`), [
      // Outside the open block a heading is a heading.
      "Create section 'quenching' at the end of metals.md, closing its open code block | \"\\n```\\n\\n## quenching\\n\"",
      // `参考` is the skeleton's own; `a, b > c` reads as a list before a path: no note is written for it.
      'Create note `ore.md` with section \'参考\' | "# ⛩️\\n\\n## 参考\\n\\n## 进步\\n\\n"',
      "Create note `slag.md` with section 'burr' | \"# ⛩️\\n\\n## 参考\\n\\n## 进步\\n\\n# edges\\n\\n## burr\\n\"",
    ]);
  });

  it('offers one fix to pick per note when a few notes could be meant and nothing tells which', () => {
    const { index, files } = memoryWorkspace({
      'main.md': "# ⛩️\n🗄 'stropping'\n🗄 `knives.md` edge\n🗄 burr",
      'kitchen/care.md': '# ⛩️\n## stropping',
      'tools/leather.md': '# ⛩️\n## stropping',
      'kitchen/knives.md': '# ⛩️\n## edge',
      'shop/knives.md': '# ⛩️\n## edge',
      ...Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((name) => [`${name}.md`, '# ⛩️\n## burr'])),
    });
    const all = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    const fixes = computeQuickFixes(index, 'main.md', all, { rootAliases: [] }, (path) => files.get(path));
    assert.deepStrictEqual(fixes.map((fix) => `${fix.code}: ${fix.title} | ${fix.edits.map((edit) => `${edit.range.start.line}:${edit.range.start.character}-${edit.range.end.character} ${JSON.stringify(edit.newText)}`).join(', ')} ${fix.isPreferred ? 'preferred' : ''}`.trim()), [
      "dead-section: Change to `care.md` 'stropping' (kitchen/care.md) | 1:3-3 \"`care.md` \"",
      "dead-section: Change to `leather.md` 'stropping' (tools/leather.md) | 1:3-3 \"`leather.md` \"",
      'ambiguous: Change to `kitchen/knives.md` edge (kitchen/knives.md) | 2:4-13 "kitchen/knives.md"',
      'ambiguous: Change to `shop/knives.md` edge (shop/knives.md) | 2:4-13 "shop/knives.md"',
      // Five notes have a burr: too many to weigh, none offered.
    ]);
  });

  it('puts first, of the fixes to pick, the note nearest the one the section left: a section moves to a note nearby', () => {
    const { index, files } = memoryWorkspace({
      'shop/main.md': '# ⛩️\n🗄 `kitchen/knives.md` stropping',
      'kitchen/knives.md': '# ⛩️\n## edge',
      'kitchen/tools/care.md': '# ⛩️\n## stropping',
      'shop/leather.md': '# ⛩️\n## stropping',
    });
    const all = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const fixes = computeQuickFixes(index, 'shop/main.md', all, { rootAliases: [] }, (path) => files.get(path));
    assert.deepStrictEqual(fixes.filter((fix) => fix.title.startsWith('Change')).map((fix) => fix.title), [
      'Change to `care.md` stropping (kitchen/tools/care.md)',
      'Change to `leather.md` stropping (shop/leather.md)',
    ]);
  });

  it('corrects a 📙 author one letter off one the note lists', () => {
    const { index, files } = memoryWorkspace({ 'main.md': '📙 Kleppman [4]\n\n📚\n* Kleppmann data systems' });
    const fixes = computeQuickFixes(index, 'main.md', { start: { line: 0, character: 0 }, end: { line: 0, character: 20 } }, { rootAliases: [] }, (path) => files.get(path));
    assert.deepStrictEqual(fixes.map((fix) => `${fix.code}: ${fix.title} → ${fix.edits[0].newText}`), ['unknown-author: Change to Kleppmann → Kleppmann']);
  });

  it('repairs a double-encoded note in one edit over the whole text', () => {
    const clean = '# ⛩️\n🗄 `metals.md`';
    const damaged = [...Buffer.from(clean, 'utf8')].map((byte) => (byte < 0x80 ? String.fromCharCode(byte) : 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ'[byte - 0x80])).join('');
    const { index, files } = memoryWorkspace({ 'old.md': damaged });
    const [fix] = computeQuickFixes(index, 'old.md', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { rootAliases: [] }, (path) => files.get(path));
    assert.strictEqual(fix.code, 'double-encoded');
    assert.strictEqual(fix.edits.length, 1);
    assert.strictEqual(fix.edits[0].newText, clean);
    assert.deepStrictEqual(fix.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 1, character: damaged.split('\n')[1].length } });
  });
});

describe('backlinks', () => {
  const files = {
    'main.md': "# ⛩️\n# 🔩 STEEL\n## patina\n📚\n* McGee on food",
    'a.md': "🗄 `main.md` patina\n🗄 `main.md`\n📙 McGee [3]",
    'b.md': "🗄 `main.md` steel > patina\n🗄 `main.md` rust\n🗄️ McGee food",
  };

  it('finds every 🗄 reference to a heading, every link into a note (its sections too), and every citation of a 📚 book', () => {
    const { index } = memoryWorkspace(files);
    const render = (links: Array<{ path: string; range: { start: { line: number; character: number } } }>) => links.map((link) => `${link.path}:${link.range.start.line + 1}:${link.range.start.character}`);
    const options = { rootAliases: [] };
    assert.deepStrictEqual(render(findBacklinks(index, subjectAt(index, 'main.md', { line: 2, character: 3 }, options)!, options)), ['a.md:1:3', 'b.md:1:3']);
    assert.deepStrictEqual(render(findBacklinks(index, subjectAt(index, 'main.md', { line: 0, character: 1 }, options)!, options)), ['a.md:1:3', 'a.md:2:3', 'b.md:1:3', 'b.md:3:4']);
    assert.deepStrictEqual(render(findBacklinks(index, subjectAt(index, 'main.md', { line: 4, character: 3 }, options)!, options)), ['a.md:3:3', 'b.md:3:4']);
    assert.deepStrictEqual([...countBacklinksByLine(index, 'main.md', options).entries()].sort(), [[0, 1], [2, 2], [4, 1]]);
  });
});

describe('occurrences in a note (document highlights)', () => {
  const options = { rootAliases: [] };
  const files = {
    'knives.md': [
      '# ⛩️',
      '# 🔪 KNIVES',
      '## honing',
      '🗄 honing',
      '🗄 `stones.md` whetstones',
      'Honing is prose here.',
      '📙 Chang [12] + 📙 Okafor [3]',
      '🗄 `stones.md` whetstones',
      '📙 Chang knife skills [40]',
      '📚',
      '* Chang knife skills',
      '* Chang pickling basics',
      '🗄 `stones.md`',
    ].join('\n'),
    'stones.md': '# ⛩️\n## whetstones\n🗄 `knives.md` honing',
  };
  /** `line:character kind` (1-based lines), one per highlight. */
  const at = (line: number, character: number) => {
    const { index } = memoryWorkspace(files);
    return documentHighlights(index, 'knives.md', { line: line - 1, character }, options).map((highlight) => `${highlight.range.start.line + 1}:${highlight.range.start.character} ${highlight.kind}`);
  };

  it('marks a heading and the references in the note that lead to it', () => {
    assert.deepStrictEqual(at(3, 4), ['3:3 definition', '4:3 use']);
    assert.deepStrictEqual(at(4, 4), ['3:3 definition', '4:3 use']);
  });

  it('marks the references that lead to the same place in another note, and those to the note itself when on its name', () => {
    assert.deepStrictEqual(at(5, 16), ['5:3 use', '8:3 use']);
    assert.deepStrictEqual(at(5, 5), ['5:3 use', '8:3 use', '13:3 use']);
  });

  it("marks an author's citations and 📚 entries, and one book's alone from its entry", () => {
    assert.deepStrictEqual(at(7, 4), ['7:3 use', '9:3 use', '11:2 definition', '12:2 definition']);
    assert.deepStrictEqual(at(11, 4), ['9:3 use', '11:2 definition']);
  });

  it("marks an author's citations written with another apostrophe or decomposed as the same author's", () => {
    const { index } = memoryWorkspace({ 'a.md': ['# ⛩️', "📙 O'Neil [2]", '📙 O’Neil [5]', '📙 Mu\u0308ller [3]', '📚', '* Müller bread'].join('\n') });
    const marks = (line: number, character: number) => documentHighlights(index, 'a.md', { line: line - 1, character }, options).map((highlight) => `${highlight.range.start.line + 1}:${highlight.range.start.character} ${highlight.kind}`);
    assert.deepStrictEqual(marks(2, 4), ['2:3 use', '3:3 use']);
    assert.deepStrictEqual(marks(6, 3), ['4:3 use', '6:2 definition']);
  });

  it('marks nothing on prose or on the title line', () => {
    assert.deepStrictEqual(at(6, 3), []);
    assert.deepStrictEqual(at(1, 1), []);
  });
});

describe('expanding a selection', () => {
  const text = [
    '# ⛩️',
    '# 🔪 KNIVES',
    'a short intro',
    '## sharpening',
    '🗄 `stones.md` whetstones',
    'BURR',
    '* _burr_: a thin lip of metal',
    '* raise it first 📙 Chang [12]',
    '',
    '## storage',
    'dry it',
  ].join('\n');
  const lines = text.split('\n');
  /** Each step as the text it selects (lines joined by `|`). */
  const steps = (line: number, character: number) => selectionChain(parseNote('knives.md', text), (at) => lines[at] ?? '', { line: line - 1, character }).map((range) => {
    const picked = lines.slice(range.start.line, range.end.line + 1);
    picked[picked.length - 1] = picked[picked.length - 1].slice(0, range.end.character);
    picked[0] = picked[0].slice(range.start.character);
    return picked.join('|');
  });

  it('goes from a 🗄 section part to the target, the line, the section and its parent, then the note', () => {
    assert.deepStrictEqual(steps(5, 17), [
      'whetstones',
      '`stones.md` whetstones',
      '🗄 `stones.md` whetstones',
      '## sharpening|🗄 `stones.md` whetstones|BURR|* _burr_: a thin lip of metal|* raise it first 📙 Chang [12]',
      '# 🔪 KNIVES|a short intro|## sharpening|🗄 `stones.md` whetstones|BURR|* _burr_: a thin lip of metal|* raise it first 📙 Chang [12]||## storage|dry it',
      lines.join('|'),
    ]);
  });

  it('goes from a 📙 author to its item, the line, the ALL-CAPS block and the sections', () => {
    const chain = steps(8, 22);
    assert.deepStrictEqual(chain.slice(0, 4), ['Chang', 'Chang [12]', '* raise it first 📙 Chang [12]', 'BURR|* _burr_: a thin lip of metal|* raise it first 📙 Chang [12]']);
    assert.strictEqual(chain[chain.length - 1], lines.join('|'));
  });

  it('on a heading, takes its name first, and on a blank line the section it ends', () => {
    assert.deepStrictEqual(steps(4, 5).slice(0, 3), ['sharpening', '## sharpening', '## sharpening|🗄 `stones.md` whetstones|BURR|* _burr_: a thin lip of metal|* raise it first 📙 Chang [12]']);
    assert.strictEqual(steps(9, 0)[0], '# 🔪 KNIVES|a short intro|## sharpening|🗄 `stones.md` whetstones|BURR|* _burr_: a thin lip of metal|* raise it first 📙 Chang [12]||## storage|dry it');
  });
});

/** Applies edits (sorted from the end, so earlier ranges stay valid) to in-memory texts. */
function applyEdits(files: Map<string, string>, edits: Array<{ path: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): void {
  const byPath = new Map<string, typeof edits>();
  for (const edit of edits) byPath.set(edit.path, [...(byPath.get(edit.path) ?? []), edit]);
  for (const [path, pathEdits] of byPath) {
    const lines = files.get(path)!.split('\n');
    for (const edit of [...pathEdits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
      const line = lines[edit.range.start.line];
      lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
    }
    files.set(path, lines.join('\n'));
  }
}

/** Edits one a line: `path:line:column newText` (line 1-based, column 0-based). */
function render(edits: ReadonlyArray<{ path: string; range: { start: { line: number; character: number } }; newText: string }>): string[] {
  return edits.map((edit) => `${edit.path}:${edit.range.start.line + 1}:${edit.range.start.character} ${edit.newText}`);
}

describe('renaming a note from a 🗄 file name (F2)', () => {
  const options = { rootAliases: [] };
  const files = {
    'main.md': '🗄 `stones.md` whetstones\n🗄 `kitchen/knives.md`\n🗄 `oils.md`\n🗄 `gone.md`\n🗄 stones',
    'kitchen/stones.md': '# ⛩️\n## whetstones',
    'kitchen/knives.md': '# ⛩️',
    'craft/#oils.md': '# ⛩️',
  };
  const at = (line: number, character: number) => {
    const { index } = memoryWorkspace(files);
    return prepareFileRename(index, 'main.md', { line, character }, options);
  };

  it('takes the note a file part leads to, the file part as written, and the path the new name gives', () => {
    const stones = at(0, 5)!;
    assert.deepStrictEqual({ path: stones.path, placeholder: stones.placeholder }, { path: 'kitchen/stones.md', placeholder: 'stones.md' });
    assert.strictEqual(renamedNotePath(stones, 'whetstones.md'), 'kitchen/whetstones.md');
    assert.strictEqual(renamedNotePath(stones, 'sharpening/whetstones.md'), 'kitchen/sharpening/whetstones.md');
    const knives = at(1, 5)!;
    assert.strictEqual(renamedNotePath(knives, 'cooking/knives.md'), 'cooking/knives.md');
  });

  it('is nothing off a file part, and refuses a file part that leads nowhere or is not the end of its path', () => {
    assert.strictEqual(at(0, 16), undefined);
    assert.strictEqual(at(4, 4), undefined);
    assert.throws(() => at(3, 5), (error: Error) => error instanceof RenameRefusal && /leads to no note/.test(error.message));
    assert.throws(() => at(2, 5), (error: Error) => error instanceof RenameRefusal && /`oils.md` is not how craft\/#oils.md ends/.test(error.message));
  });

  it('refuses a new name that is no note name or climbs out of the folders written', () => {
    const stones = at(0, 5)!;
    for (const [name, reason] of [['whetstones', /ends in `.md`/], ['../x.md', /without `..`/], ['/x.md', /leading `\/`/], ['a//b.md', /without/], ['', /one line/]] as const) {
      assert.throws(() => renamedNotePath(stones, name), (error: Error) => error instanceof RenameRefusal && reason.test(error.message), name);
    }
  });
});

describe('rename', () => {
  const notes = {
    'metals.md': "# ⛩️\n# 🔩 STEEL\n## patina\nBLUING\n* _scale_: oxide",
    'a.md': "🗄 `metals.md` patina\n🗄 `metals.md` 'Patina'\n🗄 `metals.md` steel > patina\n🗄 `metals.md` PATINA before oiling\n🗄 `metals.md` bluing, scale",
    'b.md': '# ⛩️\n🗄 `metals.md` steel',
  };

  function renameAndCheck(at: { path: string; line: number; character: number }, newName: string): { edits: string[]; deadBefore: number; deadAfter: number } {
    const { index, files } = memoryWorkspace(notes);
    const options = { rootAliases: [] };
    const deadBefore = checkWorkspace(index, options).summary.dead;
    const edits = computeRename(index, at.path, { line: at.line, character: at.character }, newName, options);
    applyEdits(files, edits);
    const after = memoryWorkspace(Object.fromEntries(files));
    return {
      edits: edits.map((edit) => `${edit.path}:${edit.range.start.line + 1}:${edit.range.start.character} ${edit.newText}`),
      deadBefore,
      deadAfter: checkWorkspace(after.index, options).summary.dead,
    };
  }

  it('renames a heading and every reference to it, each in its own style, and leaves no new dead link', () => {
    const result = renameAndCheck({ path: 'metals.md', line: 2, character: 4 }, 'Verdigris');
    assert.deepStrictEqual(result.edits, ['metals.md:3:3 Verdigris', 'a.md:1:15 verdigris', "a.md:2:16 Verdigris", 'a.md:3:23 verdigris', 'a.md:4:15 VERDIGRIS']);
    assert.strictEqual(result.deadAfter, result.deadBefore);
  });

  it('renames from a 🗄 reference, and rewrites paths that name the heading as an ancestor', () => {
    const result = renameAndCheck({ path: 'b.md', line: 1, character: 15 }, 'IRON');
    assert.deepStrictEqual(result.edits, ['metals.md:2:5 IRON', 'a.md:3:15 iron', 'b.md:2:15 iron']);
    assert.strictEqual(result.deadAfter, result.deadBefore);
  });

  it('renames ALL-CAPS sub-headings and terms inside comma lists', () => {
    assert.deepStrictEqual(renameAndCheck({ path: 'metals.md', line: 3, character: 1 }, 'BROWNING').edits, ['metals.md:4:0 BROWNING', 'a.md:5:15 browning']);
    assert.deepStrictEqual(renameAndCheck({ path: 'metals.md', line: 4, character: 4 }, 'mill scale').edits, ['metals.md:5:3 mill scale', 'a.md:5:23 mill scale']);
  });

  it('renames a name holding a slash, and a part of a comma list whose other parts hold one (found by the rename property)', () => {
    const { index, files } = memoryWorkspace({
      'tools.md': '# ⛩️\n# 🔪 KNIVES\n## edge/bevel\n## pH',
      'a.md': '🗄 `tools.md` edge/bevel\n🗄 `tools.md` KNIVES > edge/bevel\n🗄 `tools.md` pH, edge/bevel',
    });
    const options = { rootAliases: [] };
    // Before, the first two were left as they were (the name split at its slash) and went dead.
    assert.deepStrictEqual(render(computeRename(index, 'tools.md', { line: 2, character: 4 }, 'Bevel angle', options)), ['tools.md:3:3 Bevel angle', 'a.md:1:14 bevel angle', 'a.md:2:23 bevel angle', 'a.md:3:18 bevel angle']);
    // Before, `pH` in a list beside `edge/bevel` was not found, and the link went dead.
    const edits = computeRename(index, 'tools.md', { line: 3, character: 4 }, 'acidity', options);
    assert.deepStrictEqual(render(edits), ['tools.md:4:3 acidity', 'a.md:3:14 acidity']);
    applyEdits(files, edits);
    assert.strictEqual(checkWorkspace(memoryWorkspace(Object.fromEntries(files)).index, options).summary.dead, 0);
  });

  it('rewrites every part of a list that leads to the anchor, and none that leads to its namesake (found by the rename property)', () => {
    const { index } = memoryWorkspace({
      'tools.md': '# ⛩️\n# ZA\n# KNIVES\n# ZA',
      'a.md': '🗄 `tools.md` ZA, ZA, KNIVES',
    });
    const options = { rootAliases: [] };
    assert.deepStrictEqual(render(computeRename(index, 'tools.md', { line: 1, character: 2 }, 'zeta', options)), ['tools.md:2:2 zeta', 'a.md:1:14 ZETA', 'a.md:1:18 ZETA']);
    // The second ZA: the list's parts lead to the first, and stay.
    assert.deepStrictEqual(render(computeRename(index, 'tools.md', { line: 3, character: 2 }, 'zeta', options)), ['tools.md:4:2 zeta']);
  });

  it('rewrites the head of a link found as text under it, and leaves a bare stem to a note whose first line is the heading (found by the rename property)', () => {
    const { index } = memoryWorkspace({
      'tools.md': '# ⛩️\n## 进步\ncarbon steel rusts\n🗄 进步 > carbon steel',
      'g.md': '# 🔪 KNIVES\n## edge',
      'a.md': '🗄 g\n🗄 `tools.md` 进步 > carbon steel',
    });
    const options = { rootAliases: [] };
    // Before, the links found as text under 进步 were left, and went dead.
    assert.deepStrictEqual(render(computeRename(index, 'tools.md', { line: 1, character: 3 }, 'progress', options)), ['tools.md:2:3 progress', 'a.md:2:14 progress', 'tools.md:4:3 progress']);
    // Before, `🗄 g` (the whole note g.md, line 0) was taken for a link to KNIVES and rewritten.
    assert.deepStrictEqual(render(computeRename(index, 'g.md', { line: 0, character: 6 }, 'BLADES', options)), ['g.md:1:5 BLADES']);
    assert.throws(() => prepareRename(index, 'a.md', { line: 0, character: 3 }, options), /whole note/);
  });

  it('rewrites the part of a list carried by a path read as a note and a section (found by the rename property)', () => {
    const { index } = memoryWorkspace({
      'b/c.md': '# ⛩️\n## 参考\n# 🔪 KNIVES',
      'a.md': '🗄 `b/c/x.md` KNIVES, grit / finish (stones)',
    });
    // `b/c/x.md` is no note: read as b/c.md and a section, whose list leads to KNIVES. Before, the
    // separator in its second part hid the list, and the link went dead.
    assert.deepStrictEqual(render(computeRename(index, 'b/c.md', { line: 2, character: 6 }, 'BLADES', { rootAliases: [] })), ['b/c.md:3:5 BLADES', 'a.md:1:14 BLADES']);
  });

  it('rewrites links written by an alias, quotes a new name with a separator before commentary, and leaves a list leading below the anchor (found by the rename property)', () => {
    const { index, files } = memoryWorkspace({
      'tools.md': '# ⛩️\n## hone (steel)\n## 参考\n# rust\n## rust',
      'a.md': '🗄 `tools.md` hone\n🗄 `tools.md` steel\n🗄 `tools.md` 参考 see\n🗄 `tools.md` 参考\ufeffsee\n🗄 `tools.md` rust > rust, 参考',
    });
    const options = { rootAliases: [] };
    // Before, links by one alias (`hone`, `steel`) were left and went dead.
    assert.deepStrictEqual(render(computeRename(index, 'tools.md', { line: 1, character: 4 }, 'strop', options)), ['tools.md:2:3 strop', 'a.md:1:14 strop', 'a.md:2:14 strop']);
    // Before: `oil / wax see` read as a path and went dead; a byte order mark between words hid the
    // prefix; and a name in a script without case was taken for lowercase.
    const edits = computeRename(index, 'tools.md', { line: 2, character: 4 }, 'Oil / Wax', options);
    assert.deepStrictEqual(render(edits), ['tools.md:3:3 Oil / Wax', "a.md:3:14 'Oil / Wax'", "a.md:4:14 'Oil / Wax'", 'a.md:5:27 Oil / Wax']);
    applyEdits(files, edits);
    assert.strictEqual(checkWorkspace(memoryWorkspace(Object.fromEntries(files)).index, options).summary.dead, 0);
    // The path leads to the second rust, under the first: renaming the first rewrites its head only.
    assert.deepStrictEqual(render(computeRename(index, 'tools.md', { line: 3, character: 3 }, 'iron', options)), ['tools.md:4:2 iron', 'a.md:5:14 iron']);
  });

  it('refuses a name that would change how its line reads (found by the rename property)', () => {
    const { index } = memoryWorkspace({
      // A setext heading on the first line, `# 参考` underlined: renamed to plain words it would be the title.
      'b.md': '\ufeff# 参考\n=',
      // A term against a stray backtick: the backtick pairs with a later one, and the 🗄 between is code.
      'c.md': '# ⛩️\n* _`tang_: 🗄 `b.md` x `y`',
    });
    const options = { rootAliases: [] };
    assert.throws(() => computeRename(index, 'b.md', { line: 0, character: 3 }, 'aaa', options), /would not read as the same heading/);
    assert.throws(() => computeRename(index, 'c.md', { line: 1, character: 5 }, 'tine', options), /would change the 🗄 links on line 2/);
  });

  it('leaves links in code fences as they are, as a move does', () => {
    const { index } = memoryWorkspace({
      'tools.md': '# ⛩️\n## patina',
      'a.md': '🗄 `tools.md` patina\n```\n🗄 `tools.md` patina\n```',
      'b.md': '```\n🗄 `tools.md` patina\n```',
    });
    // Before, both fenced links were rewritten too.
    assert.deepStrictEqual(render(computeRename(index, 'tools.md', { line: 1, character: 4 }, 'rust', { rootAliases: [] })), ['tools.md:2:3 rust', 'a.md:1:14 rust']);
  });

  it('refuses what it cannot rename, and says why', () => {
    const { index } = memoryWorkspace(notes);
    const options = { rootAliases: [] };
    assert.throws(() => prepareRename(index, 'metals.md', { line: 0, character: 2 }, options), /title line/);
    assert.throws(() => computeRename(index, 'metals.md', { line: 3, character: 1 }, 'Browning', options), /must stay in capitals/);
    assert.throws(() => computeRename(index, 'metals.md', { line: 4, character: 4 }, 'mill_scale', options), /cannot contain `_`/);
    assert.throws(() => prepareRename(index, 'a.md', { line: 0, character: 6 }, options), (error: Error) => error instanceof RenameRefusal && /file name: rename or move the file/.test(error.message));
    assert.throws(() => prepareRename(index, 'a.md', { line: 0, character: 0 }, options), /Put the cursor on a heading/);
  });
});

describe('renaming an author (F2 on a 📙 or 📚 name)', () => {
  const options = { rootAliases: [] };
  const notes = {
    'kitchen/knives.md': '📚\n* Chang knife skills\n* Changg noodle basics\n\n📙 Chang skills [306] basics [105]\n📙 McGee [3] Chang [12] + honing',
    'food/koji.md': '📚\n* ✅ Chang knife skills https://example.org/chang\n\n* small pieces 📙 Chang knife [4]',
  };

  it('rewrites every citation and 📚 entry of the author, once per written name, and no other author', () => {
    const { index, files } = memoryWorkspace(notes);
    const target = prepareAuthorRename(index, 'food/koji.md', { line: 3, character: 19 })!;
    assert.deepStrictEqual({ author: target.author, placeholder: target.placeholder }, { author: 'Chang', placeholder: 'Chang' });
    const edits = computeAuthorRename(index, target, 'Chang-Reyes', options);
    assert.deepStrictEqual(edits.map((edit) => `${edit.path}:${edit.range.start.line + 1}:${edit.range.start.character}`), [
      'food/koji.md:2:4', 'food/koji.md:4:18', 'kitchen/knives.md:2:2', 'kitchen/knives.md:5:3', 'kitchen/knives.md:6:13',
    ]);
    applyEdits(files, edits);
    const after = memoryWorkspace(Object.fromEntries(files)).index;
    assert.strictEqual(after.citationsOfAuthor('Chang').length, 0);
    assert.strictEqual(after.citationsOfAuthor('Chang-Reyes').length, 4, 'the carried-over item keeps following its author');
    assert.strictEqual(after.bookEntriesByAuthor('Chang-Reyes').length, 2);
    assert.strictEqual(after.bookEntriesByAuthor('Changg').length, 1, 'a name a letter away is another author');
  });

  it('rewrites the 🗄 links that name one of the author\'s books by the 📚 entry rule, and they still lead there', () => {
    const { index, files } = memoryWorkspace({
      'a.md': "📚\n* Lopez food lab\n* Van Aken joinery\n\n🗄️ Lopez food lab\n* oil 🗄 'Lopez lab'\n🗄 `b.md` Lopez",
      'b.md': '# ⛩️\n## Lopez\n📙 Lopez [3]',
    });
    const edits = computeAuthorRename(index, prepareAuthorRename(index, 'b.md', { line: 2, character: 4 })!, 'Van der Berg', options);
    assert.deepStrictEqual(edits.map((edit) => `${edit.path}:${edit.range.start.line + 1}:${edit.range.start.character}`), ['a.md:2:2', 'a.md:5:4', 'a.md:6:10', 'b.md:3:3']);
    applyEdits(files, edits);
    const after = memoryWorkspace(Object.fromEntries(files)).index;
    const leads = (line: number) => resolveReference(after, 'a.md', after.getNote('a.md')!.note.references.find((reference) => reference.line === line)!, options);
    assert.deepStrictEqual([leads(4).target?.line, leads(5).target?.line], [1, 1]);
    assert.strictEqual(files.get('a.md')!.split('\n')[6], '🗄 `b.md` Lopez', 'a heading named like the author is no book');
  });

  it('starts from a 📚 entry\'s author too, and leaves the rest of a line (its titles, its words) to the other rules', () => {
    const { index } = memoryWorkspace(notes);
    assert.strictEqual(prepareAuthorRename(index, 'kitchen/knives.md', { line: 1, character: 4 })?.author, 'Chang');
    assert.strictEqual(prepareAuthorRename(index, 'kitchen/knives.md', { line: 1, character: 10 }), undefined);
    assert.strictEqual(prepareAuthorRename(index, 'kitchen/knives.md', { line: 4, character: 12 }), undefined);
  });

  it('refuses a name that would not read as that author: lower case, a title word or a page, or one that swallows the next word', () => {
    const { index } = memoryWorkspace({ 'a.md': '📙 Chang Knife [3]\n📙 Chang [4]' });
    const target = prepareAuthorRename(index, 'a.md', { line: 1, character: 4 })!;
    for (const [name, reason] of [['chang', /would not read as an author's name/], ['Chang knife', /would not read as an author's name/], ['Lopez [2]', /would not read/], ['', /one line/], ['Van', /line 1 of a\.md/]] as const) {
      assert.throws(() => computeAuthorRename(index, target, name, options), (error: Error) => error instanceof RenameRefusal && reason.test(error.message), name);
    }
    assert.strictEqual(computeAuthorRename(index, target, 'Van Aken', options).length, 2);
    // Two names on one line: the second is found where the first one's new length puts it.
    const twice = memoryWorkspace({ 'b.md': '📙 Chang [3] Chang [5] Lopez [2] Chang [9]' }).index;
    assert.strictEqual(computeAuthorRename(twice, prepareAuthorRename(twice, 'b.md', { line: 0, character: 4 })!, 'Chang-Reyes', options).length, 3);
  });
});

describe('moving notes', () => {
  it('rewrites the file parts that would break, in the shortest unique form with the folders the author wrote, and leaves the index as it was', () => {
    const { index, files } = memoryWorkspace({
      'craft/metals.md': '# ⛩️\n## patina\n🗄 `tools.md` anvil',
      'craft/tools.md': '# ⛩️\n## anvil',
      'kitchen/knives.md': "🗄 `metals.md` patina\n🗄 `craft/metals.md`\n🗄 `metals` patina",
      'kitchen/care.md': '🗄 `tools.md`',
    });
    const snapshot = index.snapshot();
    const options = { rootAliases: [] };
    // A rename: every way of writing it breaks, and each is rewritten (keeping a missing `.md` missing).
    assert.deepStrictEqual(render(computeMoveEdits(index, [{ from: 'craft/metals.md', to: 'craft/forge/iron.md' }], options, (path) => files.get(path))), [
      'kitchen/knives.md:1:4 iron.md', 'kitchen/knives.md:2:4 forge/iron.md', 'kitchen/knives.md:3:4 iron',
    ]);
    // A move that keeps the name: found by its basename still, nothing to rewrite.
    assert.deepStrictEqual(render(computeMoveEdits(index, [{ from: 'craft/tools.md', to: 'shop/tools.md' }], options, (path) => files.get(path))), []);
    assert.strictEqual(index.snapshot(), snapshot, 'the index is as it was');
  });

  it("rewrites the links of a note whose name the moved note takes, which would find the moved note instead (found by the move property)", () => {
    const { index, files } = memoryWorkspace({
      'kitchen/knives.md': '# ⛩️\n## care',
      'drafts/blades.md': '# ⛩️\n## care',
      'index.md': '🗄 `knives.md` care\n🗄 `shop/knives.md` care',
    });
    const options = { rootAliases: [] };
    const edits = computeMoveEdits(index, [{ from: 'drafts/blades.md', to: 'shop/knives.md' }], options, (path) => files.get(path));
    // `knives.md` would be ambiguous, and `shop/knives.md` (found by its basename) would be the moved note.
    assert.deepStrictEqual(render(edits), ['index.md:1:4 kitchen/knives.md', 'index.md:2:4 kitchen/knives.md']);
    assert.deepStrictEqual(notesSharingNames(index, [{ from: 'drafts/blades.md', to: 'shop/knives.md' }]), ['kitchen/knives.md']);
    assert.deepStrictEqual(notesSharingNames(index, [{ from: 'drafts/blades.md', to: 'kitchen/#kitchen.md' }]), []);
    assert.deepStrictEqual(notesSharingNames(index, [{ from: 'index.md', to: 'knives/#k.md' }]), ['kitchen/knives.md']);
  });

  it('rewrites a link whose written path the moved note takes, and a bare stem that named the moved note (found by the move property)', () => {
    const { index, files } = memoryWorkspace({
      'kitchen.md': '# ⛩️\n## knives',
      'drafts/blades.md': '# ⛩️\n## care',
      'index.md': '🗄 `kitchen/knives.md`\n🗄 blades > care',
    });
    const options = { rootAliases: [] };
    // `kitchen/knives.md` found kitchen.md's section knives (a path read as a note and a section); after the move it would be the moved note.
    // It becomes `kitchen.md` knives, which leads to that section still (it became `kitchen.md`, the whole note, until this session).
    assert.deepStrictEqual(render(computeMoveEdits(index, [{ from: 'drafts/blades.md', to: 'kitchen/knives.md' }], options, (path) => files.get(path))), ['index.md:1:4 kitchen.md', 'index.md:1:22  knives', 'index.md:2:3 `knives.md` care']);
    assert.deepStrictEqual(notesNamingDestinations(index, [{ from: 'drafts/blades.md', to: 'kitchen/knives.md' }]), ['index.md']);
  });

  it('counts a link that writes the destination decomposed (`e` and a combining accent) among those naming it', () => {
    const { index } = memoryWorkspace({ 'drafts/blades.md': '# ⛩️\n## care', 'index.md': '🗄 `cre\u0300me.md` care\n🗄 `pantry.md`' });
    assert.deepStrictEqual(notesNamingDestinations(index, [{ from: 'drafts/blades.md', to: 'crème.md' }]), ['index.md']);
    assert.deepStrictEqual(notesNamingDestinations(index, [{ from: 'drafts/blades.md', to: 'cre\u0300me.md' }]), ['index.md']);
  });

  it("rewrites a link that finds the moved note only by a looser reading, and a bare stem the moved note's new name takes (found by the move property)", () => {
    const { index, files } = memoryWorkspace({
      'b/c/g.md': '# ⛩️\n## KNIVES\n🗄 `b/c/g.md` KNIVES',
      'notes/c.md': '🗄 A',
      'a.md': '# ⛩️',
    });
    const options = { rootAliases: [] };
    // Before: after the move `b/c/g.md` still found b/c.md, read as that note and a section, and was left naming a file that is gone.
    assert.deepStrictEqual(render(computeMoveEdits(index, [{ from: 'b/c/g.md', to: 'b/c.md' }], options, (path) => files.get(path))), ['b/c/g.md:3:4 b/c.md']);
    // Before: `🗄 A` (a.md) in the note moved to A.md would find its own note, which a bare stem never does, and went dead.
    assert.deepStrictEqual(render(computeMoveEdits(index, [{ from: 'notes/c.md', to: 'A.md' }], options, (path) => files.get(path))), ['notes/c.md:1:3 `a.md`']);
    // After a stray backtick the new backticks would swallow the marker: left as it is.
    const moved = (text: string) => {
      files.set('notes/c.md', text);
      const again = memoryWorkspace(Object.fromEntries(files));
      return render(computeMoveEdits(again.index, [{ from: 'notes/c.md', to: 'A.md' }], options, (path) => again.files.get(path)));
    };
    assert.deepStrictEqual(moved('`🗄 A'), []);
    // Right after it, they would pair with it instead (a run of two), and the file part would run on: left too.
    assert.deepStrictEqual(moved('🗄A`? x'), []);
    // A stray backtick further on pairs with none of them: the link is kept (it was left to go dead).
    assert.deepStrictEqual(moved('🗄 A\t `x'), ['notes/c.md:1:3 `a.md`']);
  });

  it('keeps the folders an author wrote when a folder moves, so that moving it back restores every note (seen in the real editor)', () => {
    const notes = {
      'kitchen/knives.md': '# ⛩️\n## sharpening\n🗄 `kitchen/utensils.md` block',
      'kitchen/utensils.md': '# ⛩️\n## block',
      'index.md': '🗄 `kitchen/knives.md` sharpening\n🗄 `knives.md` sharpening',
      'odds/list.md': '🗄 `../kitchen/knives.md`',
    };
    const options = { rootAliases: [] };
    const moveAll = (files: Map<string, string>, from: string, to: string): Map<string, string> => {
      const { index } = memoryWorkspace(Object.fromEntries(files));
      const moves = [...files.keys()].filter((path) => path.startsWith(`${from}/`)).map((path) => ({ from: path, to: to + path.slice(from.length) }));
      const edits = computeMoveEdits(index, moves, options, (path) => files.get(path));
      const edited = new Map(files);
      applyEdits(edited, edits);
      return new Map([...edited].map(([path, text]) => [moves.find((move) => move.from === path)?.to ?? path, text]));
    };
    const moved = moveAll(new Map(Object.entries(notes)), 'kitchen', 'cooking');
    // Before: `knives.md` and `utensils.md`, the shortest forms. A path that climbs takes the shortest form still.
    assert.strictEqual(moved.get('index.md'), '🗄 `cooking/knives.md` sharpening\n🗄 `knives.md` sharpening');
    assert.strictEqual(moved.get('odds/list.md'), '🗄 `knives.md`');
    assert.strictEqual(moved.get('cooking/knives.md'), '# ⛩️\n## sharpening\n🗄 `cooking/utensils.md` block');
    const back = moveAll(moved, 'cooking', 'kitchen');
    assert.strictEqual(back.get('kitchen/knives.md'), notes['kitchen/knives.md']);
    assert.strictEqual(back.get('index.md'), notes['index.md']);
  });

  it('keeps the last part of a path read as a note and a section when the note moves with its folder (found by the folder-move property)', () => {
    const { index, files } = memoryWorkspace({
      'a.md': '🗄 `b/c/g.md` pH, KNIVES',
      'b/c.md': '\n* pH: x\n# 🔪 KNIVES',
      'b/#meta.md': '# ⛩️',
    });
    // `b/c/g.md` is section g of b/c.md, and with g the list leads to KNIVES; before, the move wrote
    // `c.md`, whose list leads to pH. The folder the author wrote stays written (`x/`).
    const moves = [{ from: 'b/c.md', to: 'x/c.md' }, { from: 'b/#meta.md', to: 'x/#meta.md' }];
    assert.deepStrictEqual(render(computeMoveEdits(index, moves, { rootAliases: [] }, (path) => files.get(path))), ['a.md:1:4 x/c/g.md']);
  });

  it('moves the last part of a path read as a note and a section into the section when the moved note takes that path (found by the move property)', () => {
    const { index, files } = memoryWorkspace({
      'a.md': '🗄 `b/c/g.md` rust, pH',
      'b/c.md': '# ⛩️\n* rust: x\n# 🔪 pH',
    });
    // `b/c/g.md` rust, pH is b/c.md, section g and a list, and leads to pH; once a.md is b/c/g.md the
    // path names that note. Before, the move wrote `b/c.md` rust, pH, which leads to the rust item.
    assert.deepStrictEqual(render(computeMoveEdits(index, [{ from: 'a.md', to: 'b/c/g.md' }], { rootAliases: [] }, (path) => files.get(path))), ['a.md:1:4 b/c.md', 'a.md:1:13  g']);
  });

  it('weighs the moved note with its text at the new path, where a text search may find a link’s words (found by the move property)', () => {
    const { index, files } = memoryWorkspace({
      'a.md': 'GRIT\nfinish by hand\n🗄 `b/c.md` grit > finish',
      'd/c.md': '# ⛩️\n## grit\n### finish',
    });
    // After the move `b/c.md` finds d/c.md and x/c.md, and x/c.md has "finish" as text under GRIT: the link must name d/c.md.
    assert.deepStrictEqual(render(computeMoveEdits(index, [{ from: 'a.md', to: 'x/c.md' }], { rootAliases: [] }, (path) => files.get(path))), ['a.md:3:4 d/c.md']);
  });
});

describe('checking a workspace', () => {
  it('counts the same summary and gives the same diagnostics whether it keeps the reports or not', () => {
    const { index } = memoryWorkspace({
      'knives.md': '# ⛩️\n\n🗄 `metals.md` patina\n🗄 `metals.md` rust\n🗄 `nowhere.md`\n🗄 https://example.org\n\n```\n🗄 `metals.md` patina\n```\n',
      'metals.md': '# ⛩️\n\n## patina\n',
    });
    const kept = checkWorkspace(index);
    const streamed = checkWorkspace(index, undefined, { keepReports: false });
    assert.deepStrictEqual(streamed.summary, kept.summary);
    assert.deepStrictEqual(streamed.diagnostics, kept.diagnostics);
    assert.deepStrictEqual(streamed.reports, []);
    assert.strictEqual(kept.reports.length, kept.summary.references + kept.summary.inFences);
    assert.deepStrictEqual([kept.summary.resolved, kept.summary.dead, kept.summary.external, kept.summary.inFences], [1, 1, 1, 1]);
  });
});
