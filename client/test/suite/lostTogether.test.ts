/**
 * A dead section that two notes have, in a real VS Code: one of them also holds another section
 * that links look for in the same note, so that one is where the section probably went. The
 * warning says so and shows the other section as a related place, the hover explains it, and the
 * quick fix (one to review, not preferred) leads there. The lines are typed into the open note
 * and reverted after.
 */

import * as assert from 'assert';
import * as vscode from 'vscode';
import { appendToNote, definitionPath, diagnosticsWhere, lineOf, noteUri, revertAll, screenshot } from './support';

describe('a dead section two notes have, one of them holding the other sections its note lost', function () {
  this.timeout(120000);
  const pickles = () => noteUri('food/ferments/pickles.md');

  after(async () => {
    await revertAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('names the note that took the other section and fixes the link to it, as a fix to review', async () => {
    // koji.md has neither section: `smokers` is in bbq.md alone, `rubs` in bbq.md and spices/blends.md.
    const { document, editor } = await appendToNote(pickles(), '\n\n🗄 `koji.md` smokers\n🗄 `koji.md` rubs\n');
    const probably = (d: vscode.Diagnostic) => /'rubs' is probably in food\/bbq\.md, with another section that links look for in food\/ferments\/koji\.md/.test(d.message);
    const diagnostic = (await diagnosticsWhere(pickles(), (all) => all.some(probably))).find(probably)!;
    const line = lineOf(document, '`koji.md` rubs');
    assert.strictEqual(diagnostic.range.start.line, line);
    const related = diagnostic.relatedInformation ?? [];
    assert.deepStrictEqual(related.map((info) => [vscode.workspace.asRelativePath(info.location.uri), info.message]), [['food/bbq.md', "has 'smokers' too, which links look for in food/ferments/koji.md"]]);
    editor.selection = new vscode.Selection(line, diagnostic.range.start.character + 3, line, diagnostic.range.start.character + 3);
    editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('namesake-took-lost-sections', '.monaco-hover .rendered-markdown');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', pickles(), diagnostic.range);
    const fix = actions.find((action) => action.title === 'Change to `bbq.md` rubs');
    assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
    assert.ok(!fix.isPreferred, 'one of two namesakes: a fix to review, which Fix all leaves');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(line).text, /`bbq\.md` rubs/);
    await diagnosticsWhere(pickles(), (all) => !all.some((d) => d.range.start.line === line));
    assert.strictEqual(await definitionPath(pickles(), new vscode.Position(line, document.lineAt(line).text.indexOf('rubs') + 2)), 'food/bbq.md');
  });
});
