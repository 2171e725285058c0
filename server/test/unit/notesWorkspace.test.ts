import * as assert from 'assert';
import * as path from 'path';
import { DEFAULT_SETTINGS, NotesWorkspace } from '../../src/lsp/notesWorkspace';

const SAMPLE = path.resolve(__dirname, '../../../../test-fixtures/notes-kb');

describe('the notes linking into a note (NotesWorkspace.sourcesInto)', () => {
  it('are not known until every note read with the folder has been checked: every note is a candidate till then', async () => {
    const workspace = new NotesWorkspace(SAMPLE, DEFAULT_SETTINGS);
    await workspace.load(() => undefined);
    assert.strictEqual(workspace.sourcesInto('kitchen/care.md'), undefined, 'no note checked yet');
    const paths = workspace.index.notePaths();
    for (const notePath of paths.slice(0, -1)) workspace.check(notePath);
    assert.strictEqual(workspace.sourcesInto('kitchen/care.md'), undefined, 'one note still unchecked');
    workspace.check(paths[paths.length - 1]);
    const sources = workspace.sourcesInto('kitchen/care.md');
    assert.ok(sources, 'every note checked');
    assert.ok(sources!.includes('kitchen/utensils.md'), `utensils.md links to care.md: ${sources!.join(', ')}`);
  });
});
