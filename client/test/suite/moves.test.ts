/**
 * Moving notes and renaming sections, seen in a real VS Code: a note or a folder moved through a
 * workspace edit (the same `willRenameFiles` participants the explorer's drag and rename run)
 * takes every link with it; a folder moved by a shell, with a note open in an editor, is followed
 * through the file watcher alone; and a rename Torii cannot do says why.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ToriiApi } from '../../src/extension';
import { folder, lineOf, noteUri, pageTexts, revertAll, screenshot, typeKeys } from './support';

/**
 * Every note's text as the editor has it: an open note's from its document (the moves' edits
 * leave them unsaved), any other from disk. No note is opened here: the server must follow the
 * notes it hears of only through file events.
 */
function noteTexts(): Map<string, string> {
  const root = folder().fsPath;
  const texts = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(child);
      else if (entry.isFile() && entry.name.endsWith('.md')) {
        const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === noteUri(child).toString());
        texts.set(child, open ? open.getText() : fs.readFileSync(path.join(root, child), 'utf8'));
      }
    }
  };
  walk('');
  return texts;
}

/** Torii's warnings over the whole workspace, as `path: message` lines, sorted. */
function warnings(): string[] {
  return vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) => diagnostics.filter((d) => d.source === 'torii').map((d) => `${uri.path.slice(folder().path.length + 1)}: ${d.message}`))
    .sort();
}

/**
 * Resolves once Torii's warnings read `expected`, waiting on onDidChangeDiagnostics; on timeout
 * the difference shows in the failure.
 */
function warningsBecome(expected: string[], timeoutMs = 45000): Promise<void> {
  const same = () => JSON.stringify(warnings()) === JSON.stringify(expected);
  if (same()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      const now = warnings();
      const open = vscode.workspace.textDocuments.filter((document) => document.uri.scheme !== 'output').map((document) => `${document.uri.path.slice(folder().path.length + 1)}${document.isDirty ? ' (unsaved)' : ''}`);
      reject(new Error(`warnings never matched: gone ${JSON.stringify(expected.filter((w) => !now.includes(w)))}, new ${JSON.stringify(now.filter((w) => !expected.includes(w)))}; open: ${open.join(', ')}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      if (!same()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/**
 * Torii's warnings once the server has read every note and has no check left to run: asks
 * `torii/status` again each time diagnostics change, until it says so.
 */
async function settledWarnings(api: ToriiApi): Promise<string[]> {
  for (;;) {
    const changed = new Promise<void>((resolve) => {
      const subscription = vscode.languages.onDidChangeDiagnostics(() => {
        subscription.dispose();
        resolve();
      });
    });
    const status = await api.status();
    if (status.folders.length > 0 && status.folders.every((each) => each.loaded) && status.pendingChecks === 0 && warnings().length > 0) return warnings();
    await changed;
  }
}

async function move(from: string, to: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(noteUri(from), noteUri(to));
  assert.ok(await vscode.workspace.applyEdit(edit), `moving ${from} to ${to} was applied`);
}

describe('Torii in VS Code: moving notes and renaming sections', () => {
  let api: ToriiApi;

  before(async () => {
    // No animations: screenshots then show widgets fully drawn (also when this suite runs alone).
    await vscode.workspace.getConfiguration('workbench').update('reduceMotion', 'on', vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<ToriiApi>('torii-notes.torii')!;
    await extension.activate();
    api = extension.exports;
  });

  afterEach(async () => {
    // A failed test may leave changes (keys typed into the note): reverted, so that closing asks nothing.
    await revertAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('moves a note and a folder: every link follows, no warning comes or goes, and moving back restores every note', async () => {
    const before = noteTexts();
    // The fixtures have dead links: the comparisons below see warnings.
    const warned = await settledWarnings(api);
    // What the warnings say once stones.md is whetstones.md (and the links to it say so), then once kitchen/ is cooking/.
    const renamed = warned.map((line) => line.replace(/(?<![\w/])stones\.md/g, 'whetstones.md').replace(/kitchen\/stones\.md/g, 'kitchen/whetstones.md'));
    const moved = renamed.map((line) => line.replace(/(?<![\w/])kitchen\//g, 'cooking/'));
    try {
      await move('kitchen/stones.md', 'kitchen/whetstones.md');
      const knives = await vscode.workspace.openTextDocument(noteUri('kitchen/knives.md'));
      const care = await vscode.workspace.openTextDocument(noteUri('kitchen/care.md'));
      assert.ok(knives.getText().includes('🗄 `whetstones.md` flattening before every session'), knives.getText());
      assert.ok(care.getText().includes("* `whetstones.md` 'slurry management'"), 'a link in a 🗄 block list');
      // Every link but the one in a code fence: fences are code, and stay as they are.
      assert.deepStrictEqual(knives.getText().match(/.*`stones\.md`.*/g), ['# 🗄 `stones.md` flattening']);
      assert.ok(!care.getText().includes('`stones.md`'), care.getText());
      await warningsBecome(renamed.sort());

      // A folder: every note under it moves at once (open or not), and links that spell the folder follow it.
      await move('kitchen', 'cooking');
      const cookware = await vscode.workspace.openTextDocument(noteUri('cooking/cookware.md'));
      assert.ok(cookware.getText().includes('🗄 `cooking/knives.md`'), cookware.getText());
      await warningsBecome(moved.sort());
      const editor = await vscode.window.showTextDocument(cookware);
      const line = lineOf(cookware, '`cooking/knives.md`');
      editor.selection = new vscode.Selection(line, 0, line, 0);
      await vscode.commands.executeCommand('workbench.view.explorer');
      await screenshot('move-folder');
    } finally {
      if (fs.existsSync(path.join(folder().fsPath, 'cooking'))) await move('cooking', 'kitchen');
      if (fs.existsSync(path.join(folder().fsPath, 'kitchen', 'whetstones.md'))) await move('kitchen/whetstones.md', 'kitchen/stones.md');
    }
    const after = noteTexts();
    assert.deepStrictEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [note, text] of before) assert.strictEqual(after.get(note), text, `${note} reads as before the moves`);
    await warningsBecome(warned);
    // The notes the moves edited are open and unsaved: saved, they hold what they held.
    assert.ok(await vscode.workspace.saveAll(false));
  });

  it('follows a folder moved by a shell, the notes open in editors included, and moved back', async () => {
    const warned = await settledWarnings(api);
    const moved = warned.map((line) => line.replace(/(?<![\w/])kitchen\//g, 'cooking/')).sort();
    // Open, not typed in: VS Code keeps such an editor open when its file goes, and its note must go with the file.
    const knives = await vscode.workspace.openTextDocument(noteUri('kitchen/knives.md'));
    await vscode.window.showTextDocument(knives);
    const root = folder().fsPath;
    fs.renameSync(path.join(root, 'kitchen'), path.join(root, 'cooking'));
    try {
      // No workspace edit, no didRenameFiles: the file watcher alone tells the server.
      await warningsBecome(moved);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (fs.existsSync(path.join(root, 'cooking'))) fs.renameSync(path.join(root, 'cooking'), path.join(root, 'kitchen'));
    }
    await warningsBecome(warned);
  });

  it('refuses a rename it cannot do, and the editor shows the reason', async () => {
    const knives = await vscode.workspace.openTextDocument(noteUri('kitchen/knives.md'));
    const editor = await vscode.window.showTextDocument(knives);
    // F2 on a link's file name: the note is renamed by moving its file, which the user is told.
    const line = lineOf(knives, '🗄 `utensils.md`');
    const position = new vscode.Position(line, knives.lineAt(line).text.indexOf('utensils') + 2);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.prepareRename', knives.uri, position)),
      (error: Error) => /file name: rename or move the file itself/.test(error.message),
    );
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.rename');
    const message = '.monaco-editor-overlaymessage';
    const shown = await pageTexts(message, `${message}:has-text("rename or move the file itself")`);
    assert.ok(shown.some((text) => /file name: rename or move the file itself/.test(text)), JSON.stringify(shown));
    await screenshot('rename-refused');

    // A refusal that depends on the new name comes with the rename itself: a term cannot hold `_`.
    const term = lineOf(knives, '* _heel_:');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', knives.uri, new vscode.Position(term, 4), 'heel_end')),
      (error: Error) => /A term cannot contain `_`/.test(error.message),
    );
    // In the editor: typed into the rename box, the reason comes back as a notification.
    await vscode.commands.executeCommand('notifications.clearAll');
    editor.selection = new vscode.Selection(term, 4, term, 4);
    // The command ends when the rename does: it waits for what is typed into the box.
    const renaming = Promise.resolve(vscode.commands.executeCommand('editor.action.rename'));
    // Typed only once the box has the focus: keys typed before go into the note (seen once in CI).
    const box = '.rename-box .rename-input:focus';
    assert.deepStrictEqual(await pageTexts(box, box), [''], 'the rename box is open, with the focus');
    await typeKeys('heel_end', 'Enter');
    await renaming;
    const toast = '.notifications-toasts .notification-list-item-message';
    const told = await pageTexts(toast, `${toast}:has-text("cannot contain")`);
    assert.ok(told.some((text) => /A term cannot contain `_`/.test(text)), JSON.stringify(told));
    await screenshot('rename-refused-name');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.strictEqual(knives.isDirty, false, 'nothing was changed');
  });
});
