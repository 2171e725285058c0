/**
 * Edits that cannot land on changed text, in the real editor. Each edit Torii sends carries the
 * version of every open note it was computed on; when the user has typed since, VS Code refuses it.
 *
 * To make "the user typed while the server was computing" happen on cue, a test holds back the
 * client's change notifications (the language client's own `didChange` middleware), as a slow
 * server would be behind: the server computes on the older text while the editor has the newer.
 */

import * as assert from 'assert';
import * as cp from 'child_process';
import * as vscode from 'vscode';
import type { ToriiApi } from '../../src/extension';
import { diagnosticsWhere, folder, noteUri, pageTexts, revertAll, screenshot } from './support';

type Middleware = ToriiApi['client']['middleware'];

/** Holds back what the client tells the server about edits, until `release`. */
function holdChanges(api: ToriiApi): { release(): Promise<void> } {
  const middleware: Middleware = api.client.middleware;
  const previous = middleware.didChange;
  const held: Array<() => Promise<void>> = [];
  middleware.didChange = (event, next) => {
    held.push(() => next(event));
    return Promise.resolve();
  };
  return {
    async release() {
      middleware.didChange = previous;
      for (const send of held) await send();
    },
  };
}

function git(...args: string[]): string {
  const run = cp.spawnSync('git', ['-c', 'user.email=test@torii.invalid', '-c', 'user.name=Torii test', ...args], { cwd: folder().fsPath, encoding: 'utf8' });
  assert.strictEqual(run.status, 0, run.stderr);
  return run.stdout.trim();
}

/** Types a space at the end of the title line: what the user does between computing and applying. */
async function typeInto(document: vscode.TextDocument): Promise<void> {
  const editor = await vscode.window.showTextDocument(document);
  assert.ok(await editor.edit((builder) => builder.insert(document.lineAt(0).range.end, ' ')));
}

/** Reverts every note with unsaved changes, so later tests see the files as they are on disk. */
describe('Torii in VS Code: an edit computed before the user typed is refused', () => {
  let api: ToriiApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<ToriiApi>('torii-notes.torii')!;
    await extension.activate();
    api = extension.exports;
  });

  afterEach(revertAll);

  it('refuses a repair computed before the user typed, tells the user, and repairs when run again', async () => {
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'notes');
    const notes = git('rev-parse', 'HEAD');
    try {
      git('mv', 'kitchen/stones.md', 'kitchen/whetstones.md');
      git('commit', '-q', '-m', 'rename stones');
      const knivesUri = noteUri('kitchen/knives.md');
      await diagnosticsWhere(knivesUri, (all) => all.some((d) => /renamed to kitchen\/whetstones\.md/.test(d.message)));
      const knives = await vscode.workspace.openTextDocument(knivesUri);
      const before = knives.getText();
      const held = holdChanges(api);
      let result: { repaired: number; refused?: string };
      try {
        await typeInto(knives);
        result = (await vscode.commands.executeCommand<{ repaired: number; refused?: string }>('torii.repairReferences'))!;
      } finally {
        await held.release();
      }
      assert.deepStrictEqual(result, { repaired: 0, refused: 'not applied' });
      assert.strictEqual(knives.getText(), before.replace('# ⛩️', '# ⛩️ '), 'only what the user typed: no repair landed on the changed text');
      const toast = '.notifications-toasts .notification-list-item-message';
      const shown = await pageTexts(toast, `${toast}:has-text("repair was not applied")`);
      assert.ok(shown.some((text) => /the repair was not applied.*run "Torii: Repair references to moved notes" again/.test(text)), JSON.stringify(shown));
      await screenshot('edit-refused');
      // Run again, on the text as it is now: the repair lands.
      const again = (await vscode.commands.executeCommand<{ repaired: number }>('torii.repairReferences'))!;
      assert.ok(again.repaired >= 1, JSON.stringify(again));
      assert.ok(knives.getText().includes('`whetstones.md` flattening'), knives.getText());
      await vscode.commands.executeCommand('notifications.clearAll');
    } finally {
      await revertAll();
      // The notes as they were: the repair saved the notes it changed that were not open. The
      // repository stays (its one commit only adds the notes, so history names no move): deleting
      // a watched .git folder shut VS Code's file watcher down, and later suites never heard of
      // the notes they created.
      git('reset', '-q', '--hard', notes);
    }
  });
});
