/**
 * A dead section whose words another name of its note holds, in a real VS Code: the warning asks
 * "did you mean …?", the hover says so, and the quick fix (a guess, never the preferred one)
 * writes the longer name. The line is typed into the open note and reverted after.
 */

import * as assert from 'assert';
import * as vscode from 'vscode';
import { appendToNote, diagnosticsWhere, lineOf, noteUri, revertAll, screenshot } from './support';

describe('a section written short of its name', function () {
  this.timeout(120000);
  const tools = () => noteUri('craft/forge/tools.md');

  after(async () => {
    await revertAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers the name that holds its words as a fix to look at, with a hover that says why', async () => {
    const { document, editor } = await appendToNote(tools(), '\n\n🗄 `metals.md` hardening\n');
    const longer = (d: vscode.Diagnostic) => /did you mean 'case hardening', whose name holds those words\?/.test(d.message);
    const diagnostic = (await diagnosticsWhere(tools(), (all) => all.some(longer))).find(longer)!;
    const line = lineOf(document, '`metals.md` hardening');
    assert.strictEqual(diagnostic.range.start.line, line);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);

    editor.selection = new vscode.Selection(line, diagnostic.range.end.character - 3, line, diagnostic.range.end.character - 3);
    editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('dead-section-longer-name', '.monaco-hover .rendered-markdown');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', tools(), diagnostic.range);
    const fix = actions.find((action) => action.title === 'Change to `metals.md` case hardening');
    assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
    assert.ok(!fix.isPreferred, 'a guess: not what Fix all applies');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(line).text, /`metals\.md` case hardening/);
    await diagnosticsWhere(tools(), (all) => !all.some((d) => d.range.start.line === line));
  });
});
