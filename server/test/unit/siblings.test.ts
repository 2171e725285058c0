import * as assert from 'assert';
import { dedent, memoryWorkspace } from './support';
import { resolveReference, type Resolution } from '../../src/core/features/resolve';
import { checkWorkspace } from '../../src/core/features/check';
import { defaultRootAliases } from '../../src/core/features/options';
import { parseGitNameStatus } from '../../src/core/index/history';
import type { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { computeHover } from '../../src/core/features/hover';
import { findDefinition } from '../../src/core/features/navigation';
import { computeRename, prepareFileRename, prepareRename, RenameRefusal, renameAnchor, renameLinks } from '../../src/core/features/rename';
import { summarizeNoteLinks } from '../../src/core/features/graph';
import { computeMoveEditsAcross } from '../../src/core/features/moveNotes';
import { resolveNoteReferences } from '../../src/core/features/check';
import { gitWorkspace, note } from './gitSupport';
import { findBacklinks, subjectAt } from '../../src/core/features/references';

/** A made-up physics collection beside the chemistry one the links are written in. */
const PHYSICS = {
  'optics.md': `
    # ⛩️

    ## lenses

    * _focal length_: where parallel rays meet

    ## mirrors
  `,
  'light.md': `
    # ⛩️

    ## prisms

    * dispersion
  `,
};

/** The chemistry collection (`here`, its first note `main.md`), with the physics one (or `siblings`) beside it. */
function collections(here: Record<string, string>, siblings: Array<[string, Record<string, string>]> = [['phys-kb', PHYSICS]]): WorkspaceIndex {
  const { index } = memoryWorkspace(here);
  index.siblings = siblings.map(([name, files]) => ({ name, index: memoryWorkspace(files).index, rootAliases: defaultRootAliases(name) }));
  return index;
}

/** `resolved exact-heading → phys-kb: optics.md:3`, with the fix and where it leads. */
function render(resolution: Resolution): string {
  const place = (location: { path: string; line: number; root?: string }) => `${location.root ? `${location.root}: ` : ''}${location.path}:${location.line + 1}`;
  let text = `${resolution.status} ${resolution.kind}`;
  if (resolution.status === 'resolved' && resolution.target) text += ` → ${place(resolution.target)}`;
  if (resolution.fix) text += `; fix ${resolution.fix.edits.map((edit) => edit.newText).join(' + ')} → ${place(resolution.fix.target)}`;
  if (resolution.severity) text += ` (${resolution.severity})`;
  return text;
}

/** How each 🗄 target of `main.md` resolves, one a line. */
function resolveAll(index: WorkspaceIndex): string {
  const note = index.getNote('main.md')!.note;
  return note.references.map((reference) => `${reference.line + 1}: ${render(resolveReference(index, 'main.md', reference))}`).join('\n');
}

describe('sibling collections (DIALECT §8.6: a name found in a sibling root resolves there)', () => {
  it('leads a name no note here has to the sibling note, its section looked for there', () => {
    const index = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` lenses\n🗄 `optics.md`\n🗄 `phys-kb/optics.md` mirrors\n🗄 `optics` focal length' });
    assert.strictEqual(resolveAll(index), dedent(`
      2: resolved exact-heading → phys-kb: optics.md:3
      3: resolved exact → phys-kb: optics.md:1
      4: resolved exact-heading → phys-kb: optics.md:7
      5: resolved term → phys-kb: optics.md:5
    `));
  });

  it('reports a dead section of the sibling note as such, naming the collection, with a fix that rewrites only the section', () => {
    const index = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` lensses\n🗄 `optics.md` telescopes' });
    assert.strictEqual(resolveAll(index), dedent(`
      2: dead_section typo; fix lenses → phys-kb: optics.md:3 (warning)
      3: dead_section no-anchor (warning)
    `));
    const [, telescopes] = index.getNote('main.md')!.note.references;
    assert.match(resolveReference(index, 'main.md', telescopes).message, /^dead section: optics\.md \(in phys-kb\) has no section 'telescopes'/);
  });

  it('keeps a fix into another note of the sibling only when, written here, it leads there', () => {
    // `light.md` is no note here: written here it still leads into the sibling, to its prisms.
    const away = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` prisms' });
    assert.strictEqual(resolveAll(away), '2: dead_section moved-section; fix light.md → phys-kb: light.md:3 (warning)');
    // Here a `light.md` of this collection would take it: no fix rather than one that leads elsewhere.
    const shadowed = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` prisms', 'light.md': '# ⛩️\n## lamps' });
    assert.strictEqual(resolveAll(shadowed), '2: dead_section moved-section (warning)');
  });

  it('lets this collection answer first: its own note, its history, but not a guess at a slip on a name', () => {
    const own = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` lenses', 'optics.md': '# ⛩️\n## lenses' });
    assert.strictEqual(resolveAll(own), '2: resolved exact-heading → optics.md:2');
    const renamed = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` lenses', 'glass.md': '# ⛩️\n## lenses' });
    renamed.history = parseGitNameStatus(['', 'c1\n\nA\toptics.md', 'c2\n\nR100\toptics.md\tglass.md'].join('\0'));
    assert.strictEqual(resolveAll(renamed), '2: dead_file moved; fix glass.md → glass.md:2 (warning)');
    // `optiks.md` here is one letter from the name: without the sibling a slip, with it the sibling's note.
    const slip = { 'main.md': '# ⛩️\n🗄 `optics.md` lenses', 'optiks.md': '# ⛩️\n## lenses' };
    assert.match(resolveAll(collections(slip, [])), /^2: dead_file typo; fix optiks\.md → optiks\.md:2/);
    assert.strictEqual(resolveAll(collections(slip)), '2: resolved exact-heading → phys-kb: optics.md:3');
  });

  it('leaves a name no collection has a note of another collection, and asks the siblings in their order', () => {
    const index = collections({ 'main.md': '# ⛩️\n🗄 `history.md` empires\n🗄 `optics.md` lenses' }, [
      ['geo-kb', { 'maps.md': '# ⛩️\n## scale' }],
      ['phys-kb', PHYSICS],
      ['astro-kb', { 'optics.md': '# ⛩️\n## lenses\n## telescopes' }],
    ]);
    assert.strictEqual(resolveAll(index), dedent(`
      2: external foreign-note (hint)
      3: resolved exact-heading → phys-kb: optics.md:3
    `));
  });

  it('leads a path that starts with the sibling\'s name there, before a note of that basename here', () => {
    const index = collections({ 'main.md': '# ⛩️\n🗄 `phys-kb/light.md` prisms\n🗄 `light.md` prisms', 'lab/light.md': '# ⛩️\n## prisms' });
    assert.strictEqual(resolveAll(index), dedent(`
      2: resolved exact-heading → phys-kb: light.md:3
      3: resolved exact-heading → lab/light.md:2
    `));
    // A folder of this collection by that name is this collection's.
    const own = collections({ 'main.md': '# ⛩️\n🗄 `phys-kb/light.md` prisms', 'phys-kb/light.md': '# ⛩️\n## prisms' });
    assert.strictEqual(resolveAll(own), '2: resolved exact-heading → phys-kb/light.md:2');
  });

  it('says what a sibling\'s history knows of a name it no longer has: renamed there, with the fix that leads there from here', function () {
    this.timeout(20000);
    const repo = gitWorkspace([
      { date: '2023-01-10', files: { 'optics.md': note('# ⛩️\n\n## lenses') } },
      { date: '2023-03-10', moves: { 'optics.md': 'geometric.md' }, files: {} },
    ]);
    try {
      const { index } = memoryWorkspace({ 'main.md': '# ⛩️\n🗄 `optics.md` lenses\n🗄 `acoustics.md`' });
      index.siblings = [{ name: 'phys-kb', index: repo.index, rootAliases: defaultRootAliases('phys-kb') }];
      assert.strictEqual(resolveAll(index), dedent(`
        2: dead_file moved; fix geometric.md → phys-kb: geometric.md:3 (warning)
        3: external foreign-note (hint)
      `));
      assert.strictEqual(resolveReference(index, 'main.md', index.getNote('main.md')!.note.references[0]).message, 'dead link: no note `optics.md`; optics.md (in phys-kb) was renamed to geometric.md (in phys-kb)');
    } finally {
      repo.remove();
    }
  });

  it('writes the `.md` spelling of a `.com` typo when it names a sibling note', () => {
    const index = collections({ 'main.md': '# ⛩️\n🗄 `optics.com` lenses\n🗄 `acoustics.com`' });
    const [typo, none] = index.getNote('main.md')!.note.references;
    assert.strictEqual(render(resolveReference(index, 'main.md', typo)), 'dead_file typo-extension; fix optics.md → phys-kb: optics.md:3 (warning)');
    assert.match(resolveReference(index, 'main.md', typo).message, /meaning optics\.md in phys-kb/);
    assert.strictEqual(render(resolveReference(index, 'main.md', none)), 'dead_file typo-extension (warning)');
  });

  it('counts links into a sibling as resolved in a check, and says where a dead one is', () => {
    const index = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` lenses\n🗄 `optics.md` telescopes\n🗄 `history.md`' });
    const { diagnostics, summary } = checkWorkspace(index);
    assert.deepStrictEqual([summary.resolved, summary.dead, summary.external], [1, 1, 1]);
    assert.deepStrictEqual(diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.severity} ${diagnostic.code}`), ['3 warning dead-section', '4 hint foreign-note']);
  });

  describe('what the editor shows of a link into a sibling', () => {
    const options = { rootAliases: ['chem-kb'] };
    const index = () => collections({ 'main.md': '# ⛩️\n🗄 `optics.md` lenses\n🗄 `optics.md` lensses' });

    it('goes to the section in the sibling note, and says where in the hover, with its first lines', () => {
      assert.deepStrictEqual(findDefinition(index(), 'main.md', { line: 1, character: 16 }, options).map(({ path, line, root }) => ({ path, line, root })), [{ path: 'optics.md', line: 2, root: 'phys-kb' }]);
      const hover = computeHover(index(), 'main.md', { line: 1, character: 16 }, options)!.markdown;
      assert.match(hover, /^🗄 \*\*optics\.md\*\* \(in phys-kb\) › lenses  \nline 3 · found in a sibling collection, exact-heading/);
      assert.match(hover, /```markdown\n## lenses\n\n\* _focal length_: where parallel rays meet/);
      // The dead one: its fix leads into the sibling, and the hover shows the lines there.
      const dead = computeHover(index(), 'main.md', { line: 2, character: 16 }, options)!.markdown;
      assert.match(dead, /which leads to optics\.md \(in phys-kb\):3\n\n```markdown\n## lenses/);
    });

    it('opens the sibling note of a dead section with no fix there', () => {
      const dead = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` telescopes' });
      assert.deepStrictEqual(findDefinition(dead, 'main.md', { line: 1, character: 6 }, options), [{ path: 'optics.md', line: 0, root: 'phys-kb' }]);
    });

    it('renames a section of the sibling from a link here: the heading there, and the links of both collections', () => {
      const here = collections({ 'main.md': '# ⛩️\n🗄 `optics.md` lenses\n🗄 `optics.md` LENSES, mirrors\n🗄 `light.md` prisms' }, [['phys-kb', { ...PHYSICS, 'rays.md': '# ⛩️\n🗄 `optics.md` lenses' }]]);
      const target = prepareRename(here, 'main.md', { line: 1, character: 16 }, options);
      assert.deepStrictEqual([target.root, target.path, target.anchor.text, target.placeholder], ['phys-kb', 'optics.md', 'lenses', 'lenses']);
      const there = here.siblings[0].index;
      const render = (edits: Array<{ path: string; range: { start: { line: number; character: number } }; newText: string }>) => edits.map((edit) => `${edit.path}:${edit.range.start.line + 1}:${edit.range.start.character} ${edit.newText}`);
      assert.deepStrictEqual(render(renameAnchor(there, target, 'thin lenses', options)), ['optics.md:3:3 thin lenses', 'rays.md:2:15 thin lenses']);
      assert.deepStrictEqual(render(renameLinks(here, there.getNote('optics.md')!, target, 'phys-kb', 'thin lenses', options)), ['main.md:2:15 thin lenses', 'main.md:3:15 THIN LENSES']);
      // The same anchor asked from its own collection leads to the same edits there; a collection alone refuses the sibling's.
      assert.deepStrictEqual(render(renameAnchor(there, prepareRename(there, 'optics.md', { line: 2, character: 4 }, options), 'thin lenses', options)), ['optics.md:3:3 thin lenses', 'rays.md:2:15 thin lenses']);
      assert.throws(() => computeRename(here, 'main.md', { line: 1, character: 16 }, 'thin lenses', options), (error: Error) => error instanceof RenameRefusal && /sibling collection phys-kb: rename the section there/.test(error.message));
    });

    it('rewrites the links here into a note the sibling moves, to a name that leads there from here', () => {
      const physics = memoryWorkspace({ ...PHYSICS, 'rays.md': '# ⛩️\n🗄 `optics.md` mirrors' });
      const chemistry = (extra: Record<string, string> = {}) => {
        const { index: here } = memoryWorkspace({
          'main.md': '# ⛩️\n🗄 `optics.md` lenses\n🗄 `phys-kb/optics.md` mirrors\n🗄 `optics`\n🗄 `light.md` prisms\n```\n🗄 `optics.md` lenses\n```',
          'lab/notes.md': '# ⛩️\n🗄 `optics.md` lenses',
          ...extra,
        });
        here.siblings = [{ name: 'phys-kb', index: physics.index, rootAliases: defaultRootAliases('phys-kb') }];
        return here;
      };
      const render = (edits: Array<{ path: string; range: { start: { line: number; character: number } }; newText: string }>) => edits.map((edit) => `${edit.path}:${edit.range.start.line + 1}:${edit.range.start.character} ${edit.newText}`);
      const move = (here: WorkspaceIndex) => computeMoveEditsAcross(physics.index, [{ from: 'optics.md', to: 'optics/geometric.md' }], options, (path) => physics.files.get(path), undefined, [{ index: here, root: 'phys-kb', options }]);
      const { edits, across } = move(chemistry());
      assert.deepStrictEqual(render(edits), ['rays.md:2:4 geometric.md']);
      // As written: the collection's name in front, `.md` left out; not in a code fence.
      assert.deepStrictEqual(render(across[0]), ['lab/notes.md:2:4 geometric.md', 'main.md:2:4 geometric.md', 'main.md:3:4 phys-kb/geometric.md', 'main.md:4:4 geometric']);
      assert.deepStrictEqual(physics.index.notePaths().sort(), ['light.md', 'optics.md', 'rays.md'], 'the moving collection is as it was');
      // A note of this collection answers to the moved one's name: the collection's name goes in front.
      assert.deepStrictEqual(render(move(chemistry({ 'geometric.md': '# ⛩️' })).across[0]), ['lab/notes.md:2:4 phys-kb/geometric.md', 'main.md:2:4 phys-kb/geometric.md', 'main.md:3:4 phys-kb/geometric.md', 'main.md:4:4 phys-kb/geometric']);
    });

    it('renames a file of the sibling from a link here when the link writes its path\'s end', () => {
      assert.deepStrictEqual(prepareFileRename(index(), 'main.md', { line: 1, character: 6 }, options), { path: 'optics.md', range: index().getNote('main.md')!.note.references[0].file!.range, placeholder: 'optics.md', root: 'phys-kb' });
      const rooted = collections({ 'main.md': '# ⛩️\n🗄 `phys-kb/optics.md` lenses' });
      assert.throws(() => prepareFileRename(rooted, 'main.md', { line: 1, character: 6 }, options), (error: Error) => error instanceof RenameRefusal && /`phys-kb\/optics\.md` is not how optics\.md \(in phys-kb\) ends/.test(error.message));
    });

    it('asks for the references of the sibling note or section a link leads to, there, not of a note of this name here', () => {
      const here = index();
      const subject = subjectAt(here, 'main.md', { line: 1, character: 16 }, options);
      assert.deepStrictEqual(subject, { kind: 'anchor', path: 'optics.md', line: 2, name: 'lenses', root: 'phys-kb' });
      assert.deepStrictEqual(findBacklinks(here, subject!, options).map((link) => `${link.path}:${link.range.start.line}`), ['main.md:1']);
      // The same path in this collection is another note.
      assert.deepStrictEqual(findBacklinks(here, { kind: 'note', path: 'optics.md' }, options), []);
    });

    it('counts links into a sibling as leaving the collection in its graph', () => {
      const links = summarizeNoteLinks(index(), 'main.md', resolveNoteReferences(index(), 'main.md'));
      assert.deepStrictEqual([links.resolved.size, links.deadSections.size, links.external], [0, 0, 2]);
    });
  });
});
