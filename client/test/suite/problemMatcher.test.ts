/** `torii check` as a VS Code task: the contributed `$torii` problem matcher fills the Problems panel. */

import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnosticsWhere, folder, noteUri, pageTexts, screenshot } from './support';

/** The checkout this suite runs from (out/client/test/suite → the repository), where bin/torii.js is. */
const repo = path.resolve(__dirname, '..', '..', '..', '..');

describe('Torii in VS Code: torii check as a task', () => {
  before(async () => {
    await vscode.extensions.getExtension('torii-notes.torii')!.activate();
  });

  it('fills the Problems panel through the $torii problem matcher, with severities and codes', async () => {
    // The task a user would write in .vscode/tasks.json: `torii check` in the folder, matched by `$torii`.
    const command = new vscode.ShellExecution(process.execPath, [path.join(repo, 'bin', 'torii.js'), 'check', '.', '--exit-zero'], { cwd: folder().fsPath });
    const task = new vscode.Task({ type: 'shell' }, vscode.workspace.workspaceFolders![0], 'torii check', 'torii', command, '$torii');
    const ended = new Promise<number | undefined>((resolve) => {
      const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name !== 'torii check') return;
        subscription.dispose();
        resolve(event.exitCode);
      });
    });
    await vscode.tasks.executeTask(task);
    const fromTask = (all: vscode.Diagnostic[]) => all.filter((diagnostic) => diagnostic.source === 'torii check');
    const cookware = fromTask(await diagnosticsWhere(noteUri('kitchen/cookware.md'), (all) => fromTask(all).length >= 2));
    assert.strictEqual(await ended, 0);
    const moved = cookware.find((diagnostic) => /no section 'rust removal'/.test(diagnostic.message));
    assert.ok(moved, JSON.stringify(cookware.map((diagnostic) => diagnostic.message)));
    assert.strictEqual(moved!.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(moved!.code, 'dead-section');
    assert.match(moved!.message, /fix: `care\.md` rust removal$/, 'the message without the [code] the CLI prints after it');
    // The CLI counts columns as VS Code does: the task's problem starts where the server's does.
    const server = vscode.languages.getDiagnostics(noteUri('kitchen/cookware.md')).find((diagnostic) => diagnostic.source === 'torii' && /rust removal/.test(diagnostic.message));
    assert.deepStrictEqual([moved!.range.start.line, moved!.range.start.character], [server!.range.start.line, server!.range.start.character]);
    // A hint (a note of another collection) arrives as information.
    const foreign = cookware.find((diagnostic) => diagnostic.code === 'foreign-note');
    assert.strictEqual(foreign?.severity, vscode.DiagnosticSeverity.Information);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const rows = await pageTexts('.markers-panel .monaco-list-row', '.markers-panel .monaco-list-row:has-text("torii check")');
    assert.ok(rows.some((row) => row.includes('torii check')), JSON.stringify(rows.slice(0, 5)));
    // The picture: a note with both kinds of problem, and no toasts of earlier tests (the server restarted on purpose).
    await vscode.window.showTextDocument(noteUri('craft/forge/tools.md'), { preview: false });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('problem-matcher');
    // The task's terminal goes with the test, before the window closes on it.
    for (const terminal of vscode.window.terminals) terminal.dispose();
  });
});
