/** The colours a note is drawn in, read from the real editor in VS Code's two default themes. */

import * as assert from 'assert';
import * as vscode from 'vscode';
import { noteUri, tokenColours } from './support';

/**
 * What each kind of 🗄 target must look like: the theme's colours for the scopes package.json maps
 * the semantic tokens to (`entity.name.namespace`, `variable`, `invalid`, `comment`).
 */
const THEMES: Array<[string, Record<string, string>]> = [
  ['Default Dark Modern', { live: 'rgb(78, 201, 176)', section: 'rgb(156, 220, 254)', dead: 'rgb(244, 71, 71)', outside: 'rgb(106, 153, 85)' }],
  ['Default Light Modern', { live: 'rgb(38, 127, 153)', section: 'rgb(0, 16, 128)', dead: 'rgb(205, 49, 49)', outside: 'rgb(0, 128, 0)' }],
];

describe('Torii in VS Code: colours of 🗄 targets in both default themes', () => {
  let note: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension('torii-notes.torii')!.activate();
    note = noteUri('kitchen/colours.md');
    await vscode.workspace.fs.writeFile(note, Buffer.from('# ⛩️\n\n## 参考\n\n🗄 `knives.md` KNIVES\n🗄 `kniwes.md` sharpening\n🗄 `chemistry.md` acids\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(note);
  });

  for (const [theme, colour] of THEMES) {
    it(`draws a live file part in another colour than a dead one in ${theme}`, async () => {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      const expected = { 'knives.md': colour.live, KNIVES: colour.section, 'kniwes.md': colour.dead, sharpening: colour.dead, 'chemistry.md': colour.outside };
      assert.deepStrictEqual(await tokenColours(expected), expected);
    });
  }
});
