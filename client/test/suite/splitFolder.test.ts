/**
 * A link to a note that became a folder, in a real VS Code, whose section none of the folder's
 * notes holds: the section is looked for across the collection as a dead section would be, the
 * warning says where it is, and the sure quick fix (the preferred one) leads there. The line is
 * typed into the open note and reverted after.
 */

import * as assert from 'assert';
import * as vscode from 'vscode';
import { appendToNote, definitionPath, diagnosticsWhere, lineOf, noteUri, revertAll, screenshot } from './support';

describe('a note split into a folder, its section gone elsewhere', function () {
  this.timeout(120000);
  const pickles = () => noteUri('food/ferments/pickles.md');

  after(async () => {
    await revertAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('names the note that holds the section and fixes the link to it', async () => {
    const { document, editor } = await appendToNote(pickles(), '\n\n🗄 `spices.md` smokers\n');
    const elsewhere = (d: vscode.Diagnostic) => /it became the folder `food\/spices\/`, and 'smokers' is in food\/bbq\.md/.test(d.message);
    const diagnostic = (await diagnosticsWhere(pickles(), (all) => all.some(elsewhere))).find(elsewhere)!;
    const line = lineOf(document, '`spices.md` smokers');
    assert.strictEqual(diagnostic.range.start.line, line);
    editor.selection = new vscode.Selection(line, diagnostic.range.start.character + 3, line, diagnostic.range.start.character + 3);
    editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('split-folder-moved-section', '.monaco-hover .rendered-markdown');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', pickles(), diagnostic.range);
    const fix = actions.find((action) => action.title === 'Change to `bbq.md` smokers');
    assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
    assert.ok(fix.isPreferred, 'one note of the same part of the collection holds it: a sure fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(line).text, /`bbq\.md` smokers/);
    await diagnosticsWhere(pickles(), (all) => !all.some((d) => d.range.start.line === line));
    assert.strictEqual(await definitionPath(pickles(), new vscode.Position(line, document.lineAt(line).text.indexOf('smokers') + 2)), 'food/bbq.md');
  });
});
