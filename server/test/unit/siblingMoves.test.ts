/**
 * A note moved in one collection takes the links of its sibling collections along (property):
 * random physics and chemistry collections, a random move of a physics note, the edits applied to
 * the chemistry notes, and each chemistry link read again against the moved collection.
 */

import * as assert from 'assert';
import { lcg, memoryWorkspace } from './support';
import { resolveReference, type Resolution } from '../../src/core/features/resolve';
import { computeMoveEditsAcross } from '../../src/core/features/moveNotes';
import { defaultRootAliases } from '../../src/core/features/options';
import { applyTextEdits } from '../../src/core/text/positions';
import type { WorkspaceIndex } from '../../src/core/index/workspaceIndex';

const SECTIONS = ['lenses', 'mirrors', 'prisms', 'spectra', 'colour', 'focus'];
const PHYSICS_NOTES = ['optics.md', 'light.md', 'waves.md', 'lab/optics.md', 'lab/rays.md'];
/** Where a physics note may move: another name, another folder, a name a chemistry note may have. */
const DESTINATIONS = ['lenses.md', 'optics/geometric.md', 'lab/light.md', 'notes.md', 'waves/#waves.md', 'old/optics.md'];
/** The chemistry notes; `notes.md` only now and then, to take a name a physics note may move to. */
const CHEMISTRY_NOTES = ['reactions.md', 'flames.md', 'lab/safety.md', 'notes.md'];
const options = { rootAliases: ['chem-kb'] };

function note(random: () => number, links: readonly string[]): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const headings = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SECTIONS)))];
  const linking = Array.from({ length: links.length > 0 ? 2 + Math.floor(random() * 4) : 0 }, () => `* see 🗄 \`${pick(links)}\`${random() < 0.8 ? ` ${pick(SECTIONS)}` : ''}`);
  return `# ⛩️\n\n${headings.map((name) => `## ${name}\n\n* text on ${name}\n`).join('\n')}\n${linking.join('\n')}\n`;
}

/** Where a resolution leads: `phys-kb: optics.md:3`, `phys-kb: optics.md:dead` (a dead section there), or its status when it leads nowhere. */
function place(resolution: Resolution): string {
  // A dead section: the note its file part finds.
  if (resolution.status === 'dead_section' && resolution.note) return `${resolution.note.root ?? 'here'}: ${resolution.note.path}:dead`;
  if (resolution.status !== 'resolved' || !resolution.target) return resolution.status;
  return `${resolution.target.root ?? 'here'}: ${resolution.target.path}:${resolution.target.line}`;
}

/** Where each link of each chemistry note leads, by note and link. */
function places(chemistry: WorkspaceIndex): Map<string, string[]> {
  return new Map(chemistry.notePaths().map((path) => [path, chemistry.getNote(path)!.note.references.map((reference) => place(resolveReference(chemistry, path, reference, options)))]));
}

describe('sibling folders: a note moved in one takes the other\'s links along (property)', () => {
  it('leads every link into the moved note there again, and changes no other (300 random collections and moves)', () => {
    for (let seed = 1; seed <= 300; seed++) movesAcross(seed);
  });
});

/** One random pair of collections and one move of a physics note, checked (`seed` says which). */
function movesAcross(seed: number): void {
  {
    {
      const random = lcg(seed * 104729);
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
      const physicsFiles: Record<string, string> = {};
      for (const file of PHYSICS_NOTES) if (random() < 0.8 || file === 'optics.md') physicsFiles[file] = note(random, []);
      const linked = [...Object.keys(physicsFiles), 'optics', 'phys-kb/optics.md', 'phys-kb/lab/rays.md', 'rays.md', 'history.md'];
      const chemistryFiles: Record<string, string> = {};
      for (const file of CHEMISTRY_NOTES) if (file !== 'notes.md' || random() < 0.3) chemistryFiles[file] = note(random, linked);
      const physics = memoryWorkspace(physicsFiles);
      const chemistry = memoryWorkspace(chemistryFiles).index;
      chemistry.siblings = [{ name: 'phys-kb', index: physics.index, rootAliases: defaultRootAliases('phys-kb') }];
      const from = pick(Object.keys(physicsFiles));
      const to = pick(DESTINATIONS.filter((destination) => !(destination in physicsFiles)));
      const before = places(chemistry);

      const { across } = computeMoveEditsAcross(physics.index, [{ from, to }], options, (path) => physics.files.get(path), undefined, [{ index: chemistry, root: 'phys-kb', options }]);
      assert.deepStrictEqual(physics.index.notePaths().sort(), Object.keys(physicsFiles).sort(), 'the moving collection is left as it was');

      // The move made, and the edits applied.
      const movedFiles = Object.fromEntries(Object.entries(physicsFiles).map(([path, text]) => [path === from ? to : path, text]));
      const edited = { ...chemistryFiles };
      for (const path of new Set(across[0].map((edit) => edit.path))) edited[path] = applyTextEdits(chemistryFiles[path], across[0].filter((edit) => edit.path === path));
      const after = memoryWorkspace(edited).index;
      after.siblings = [{ name: 'phys-kb', index: memoryWorkspace(movedFiles).index, rootAliases: defaultRootAliases('phys-kb') }];
      const now = places(after);

      const story = `seed ${seed}: ${from} → ${to}\n${JSON.stringify(chemistryFiles, null, 1)}\nedits ${JSON.stringify(across[0].map((edit) => `${edit.path}:${edit.range.start.line} ${edit.newText}`))}`;
      const editedLines = new Set(across[0].map((edit) => `${edit.path}:${edit.range.start.line}`));
      // Only the lines of links into the moved note are edited.
      const movedLines = new Set([...before].flatMap(([path, leads]) => leads.flatMap((lead, at) => (lead.startsWith(`phys-kb: ${from}:`) ? [`${path}:${chemistry.getNote(path)!.note.references[at].line}`] : []))));
      for (const line of editedLines) assert.ok(movedLines.has(line), `${line} edited, though no link of it led into ${from}\n${story}`);
      for (const [path, leads] of before) {
        const references = chemistry.getNote(path)!.note.references;
        leads.forEach((lead, at) => {
          const { line } = references[at];
          const got = now.get(path)![at];
          if (lead.startsWith(`phys-kb: ${from}:`)) {
            // Into the moved note: there again; or, left as written (no name leads there from here),
            // a dead link, which a warning shows.
            const wanted = lead.replace(`phys-kb: ${from}:`, `phys-kb: ${to}:`);
            if (editedLines.has(`${path}:${line}`)) assert.strictEqual(got, wanted, `${path}:${line + 1} edited\n${story}`);
            else assert.ok(got === wanted || !/:\d+$/.test(got), `${path}:${line + 1} left as written leads to ${got}\n${story}`);
            return;
          }
          // Any other link leads where it led, unless the moved note took the name it writes.
          const name = references[at].file?.text.replace(/^phys-kb\//, '').replace(/\.md$/, '');
          const takesName = name !== undefined && (to.replace(/\.md$/, '') === name || to.replace(/\.md$/, '').endsWith(`/${name}`) || /#/.test(to));
          if (!takesName) assert.strictEqual(got, lead, `${path}:${line + 1}\n${story}`);
        });
      }
    }
  }
}
