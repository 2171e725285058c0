import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_SETTINGS, NotesWorkspace } from '../../src/lsp/notesWorkspace';
import type { NoteDiagnostic } from '../../src/core/features/check';
import { lcg } from './support';

/** Section names both folders draw from: links name them, notes have some of them. */
const SECTIONS = ['lenses', 'mirrors', 'prisms', 'spectra', 'colour', 'focus', 'lens', 'glass'];
/** The physics folder's note names, some of them only now and then (two `lens.md`: a link to that name picks one by its section). */
const PHYSICS_NOTES = ['optics.md', 'light.md', 'waves.md', 'lab/optics.md', 'sound.md', 'lab/lens.md', 'old/lens.md'];
/** Names the chemistry notes link, of the physics folder's notes or of none. */
const LINKED = ['optics.md', 'light.md', 'waves.md', 'sound.md', 'history.md', 'phys-kb/light.md', 'optics.com', 'lens.md'];

function physicsNote(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const headings = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SECTIONS)))];
  return `# ⛩️\n\n${headings.map((name) => `## ${name}\n\n* text on ${name}\n`).join('\n')}`;
}

/** A chemistry note's links; `lenses.md` links only names that find no note, or two (`lens.md`), so that its check may read a note there for one link alone. */
function chemistryNote(random: () => number, file = ''): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const linked = file === 'lenses.md' ? ['lens.md', 'history.md'] : LINKED;
  const links = Array.from({ length: 2 + Math.floor(random() * 4) }, () => `* see 🗄 \`${pick(linked)}\`${random() < 0.8 ? ` ${pick(SECTIONS)}` : ''}`);
  return `# ⛩️\n\n## notes\n\n${links.join('\n')}\n`;
}

function rendered(diagnostics: readonly NoteDiagnostic[]): string {
  return diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${diagnostic.range.start.character} ${diagnostic.severity} ${diagnostic.message}`).join('\n');
}

/** Two folders, each the other's sibling, read from `top`, with the editor's texts of `open` (`chem-kb/…`, `phys-kb/…`). */
async function pairOf(top: string, open: ReadonlyMap<string, string>): Promise<{ chemistry: NotesWorkspace; physics: NotesWorkspace }> {
  const chemistry = new NotesWorkspace(path.join(top, 'chem-kb'), DEFAULT_SETTINGS);
  const physics = new NotesWorkspace(path.join(top, 'phys-kb'), DEFAULT_SETTINGS);
  chemistry.setSiblings([{ name: 'phys-kb', workspace: physics }]);
  physics.setSiblings([{ name: 'chem-kb', workspace: chemistry }]);
  await chemistry.load(() => undefined);
  await physics.load(() => undefined);
  for (const [key, text] of open) (key.startsWith('chem-kb/') ? chemistry : physics).setOpenText(key.slice(key.indexOf('/') + 1), text, 1);
  return { chemistry, physics };
}

describe('sibling folders: what a change in one folder makes the other check again (property)', function () {
  this.timeout(120000);

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`gives after each edit, checking again only the notes that looked into the other folder, what both folders read afresh give (seed ${seed})`, async () => {
      const random = lcg(seed * 7919);
      const top = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-sibling-rechecks-'));
      try {
        for (const file of ['optics.md', 'light.md', 'waves.md']) {
          fs.mkdirSync(path.dirname(path.join(top, 'phys-kb', file)), { recursive: true });
          fs.writeFileSync(path.join(top, 'phys-kb', file), physicsNote(random));
        }
        const chemistryNotes = ['reactions.md', 'flames.md', 'lab/safety.md', 'salts.md', 'lenses.md'];
        for (const file of chemistryNotes) {
          fs.mkdirSync(path.dirname(path.join(top, 'chem-kb', file)), { recursive: true });
          fs.writeFileSync(path.join(top, 'chem-kb', file), chemistryNote(random, file));
        }
        const open = new Map<string, string>();
        const { chemistry, physics } = await pairOf(top, open);
        // What the editor shows of each chemistry note: its last check.
        const shown = new Map(chemistryNotes.map((file) => [file, rendered(chemistry.check(file))]));
        for (const file of physics.index.notePaths()) physics.check(file);
        let physicsCount = physics.index.changeCount;
        let physicsPaths = physics.index.pathGeneration;
        let version = 2;
        for (let step = 0; step < 40; step++) {
          const what = random();
          if (what < 0.55) {
            // A physics note typed in, or one opened that is on no disk (a new note).
            const file = PHYSICS_NOTES[Math.floor(random() * PHYSICS_NOTES.length)];
            const text = physicsNote(random);
            open.set(`phys-kb/${file}`, text);
            physics.setOpenText(file, text, version++);
          } else if (what < 0.7) {
            // A new physics note closed unsaved: gone again.
            const file = PHYSICS_NOTES.slice(3).find((candidate) => open.has(`phys-kb/${candidate}`));
            if (!file) continue;
            open.delete(`phys-kb/${file}`);
            physics.closeDocument(file);
          } else {
            // A chemistry note typed in: checked at once, as the session does.
            const file = chemistryNotes[Math.floor(random() * chemistryNotes.length)];
            const text = chemistryNote(random, file);
            open.set(`chem-kb/${file}`, text);
            chemistry.setOpenText(file, text, version++);
            shown.set(file, rendered(chemistry.check(file)));
            for (const other of chemistry.dependentsOf(file)) shown.set(other, rendered(chemistry.check(other)));
          }
          // The session's rule: the physics folder changed, so the chemistry notes that looked into it
          // are checked again; when no physics note came or went, only those that read a note there.
          if (physics.index.changeCount !== physicsCount) {
            const notesOnly = physics.index.pathGeneration === physicsPaths;
            physicsCount = physics.index.changeCount;
            physicsPaths = physics.index.pathGeneration;
            for (const file of chemistry.siblingDependents(notesOnly)) shown.set(file, rendered(chemistry.check(file)));
          }
          const fresh = await pairOf(top, open);
          for (const file of chemistryNotes) {
            assert.strictEqual(shown.get(file), rendered(fresh.chemistry.check(file)), `step ${step}, ${file}:\n${[...open].map(([key, text]) => `--- ${key}\n${text}`).join('\n')}`);
          }
        }
      } finally {
        fs.rmSync(top, { recursive: true, force: true });
      }
    });
  }
});
