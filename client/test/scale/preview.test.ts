/**
 * The Markdown preview of the 74 KB generated note, whose 📚 entries name books cited across the
 * whole collection: the time from opening the preview to Torii's data in it, and a screenshot of
 * the entries followed by their nearest citations and "N more".
 */

import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { screenshot } from '../suite/support';

interface ScaleApi {
  preview: { onDidUpdate: vscode.Event<vscode.Uri>; requests: number };
}

const notes = Number(process.env.TORII_SCALE_NOTES ?? '1000');
const label = process.env.TORII_SCALE_LABEL ?? '1k';

describe(`the Markdown preview in ${notes} generated notes`, () => {
  it('draws the long note with its 📚 entries followed by their nearest citations', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const big = vscode.Uri.file(path.join(root, 'big', 'big-note.md'));
    const api = await vscode.extensions.getExtension<ScaleApi>('torii-notes.torii')!.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(big);
    const updated = new Promise<void>((resolve) => {
      const subscription = api.preview.onDidUpdate((uri) => {
        if (uri.toString() !== big.toString()) return;
        subscription.dispose();
        resolve();
      });
    });
    const started = Date.now();
    await vscode.commands.executeCommand('markdown.showPreview', big);
    await updated;
    console.log(`      the preview of the 74 KB note: Torii's data drawn ${Date.now() - started} ms after the command`);
    assert.ok(api.preview.requests > 0);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await screenshot(`preview-books-${label}`, '.torii-more');
  });
});
