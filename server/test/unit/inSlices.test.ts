import * as assert from 'assert';
import { DEFAULT_SETTINGS, NotesWorkspace } from '../../src/lsp/notesWorkspace';

/** Steps that each keep the thread a little longer than a slice, so that every step ends one. */
function* slowSteps(count: number): Generator<void, string> {
  for (let step = 0; step < count; step++) {
    const until = Date.now() + 6;
    while (Date.now() < until) {
      // busy, as a long computation is
    }
    yield;
  }
  return 'done';
}

describe('work done in slices between other messages (NotesWorkspace.inSlices)', () => {
  it('returns what the steps make', async () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    assert.strictEqual(await workspace.inSlices(() => slowSteps(3)), 'done');
  });

  it('starts again when a note changes between slices, twice at most, so that an answer always comes', async () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    let starts = 0;
    let edits = 0;
    // A writer who never stops: a note changes at every pause.
    const typing = setInterval(() => workspace.setOpenText('a.md', `# ⛩️\n\n## typed ${edits++}\n`), 0);
    try {
      const made = await workspace.inSlices(() => {
        starts++;
        return slowSteps(4);
      });
      assert.strictEqual(made, 'done');
      assert.strictEqual(starts, 3);
      assert.ok(edits >= 2);
    } finally {
      clearInterval(typing);
    }
  });

  it('stops when cancelled', async () => {
    const workspace = new NotesWorkspace(undefined, DEFAULT_SETTINGS);
    let checks = 0;
    assert.strictEqual(await workspace.inSlices(() => slowSteps(5), () => ++checks >= 2), undefined);
  });
});
