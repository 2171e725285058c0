/**
 * Git history in a real VS Code: a section renamed where it stood and committed in a shell while
 * the editor is open is read from the folder's reflog, and the link to its old name gets a fix
 * that writes the new one. The test makes the folder a repository and takes it away after.
 */

import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnosticsWhere, folder, lineOf, noteUri, revertAll, screenshot } from './support';

/** Resolves once the document VS Code holds for `uri`, if it holds one, reads `text` (waits on onDidChangeTextDocument). */
function documentReads(uri: vscode.Uri, text: string, timeoutMs = 30000): Promise<void> {
  const held = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (!held || held.getText() === text) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`${uri.path} never read as its file again`));
    }, timeoutMs);
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== held || held.getText() !== text) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

describe('git history, read while the editor is open', function () {
  this.timeout(120000);
  const metals = () => path.join(folder().fsPath, 'craft', 'forge', 'metals.md');
  const tools = () => noteUri('craft/forge/tools.md');
  const git = (...args: string[]) => {
    const run = cp.spawnSync('git', ['-c', 'user.email=e2e@torii.invalid', '-c', 'user.name=Torii e2e', '-c', 'commit.gpgsign=false', ...args], { cwd: folder().fsPath, encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
  };
  let original: string | undefined;

  after(async () => {
    await revertAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (original !== undefined) {
      fs.writeFileSync(metals(), original);
      // A document VS Code still holds for the note (an earlier test opened it) follows the file a
      // moment later: the tests after this one read it as it was.
      await documentReads(noteUri('craft/forge/metals.md'), original);
    }
    // VS Code's own git extension let go of the repository first (it would report every folder it can no longer read).
    await Promise.resolve(vscode.commands.executeCommand('git.close', folder())).catch(() => undefined);
    fs.rmSync(path.join(folder().fsPath, '.git'), { recursive: true, force: true });
    // The link leads to `## tempering` again, for the tests after this one. (Its own complaint is
    // "no section 'tempering'"; the slip `tempring` on another line asks "did you mean 'tempering'?".)
    await diagnosticsWhere(tools(), (all) => !all.some((d) => /no section 'tempering'/.test(d.message)));
  });

  it('fixes a link to a section renamed in a commit made in a shell', async () => {
    // Torii starts with the first note opened, and has read the folder once its diagnostics are out.
    const document = await vscode.workspace.openTextDocument(tools());
    const editor = await vscode.window.showTextDocument(document);
    await diagnosticsWhere(tools(), (all) => all.some((d) => d.source === 'torii'));
    original = fs.readFileSync(metals(), 'utf8');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'notes');
    fs.writeFileSync(metals(), original.replace('## tempering', '## heat treatment'));
    git('commit', '-q', '-am', 'tempering is heat treatment now');
    const renamed = (d: vscode.Diagnostic) => /history shows it renamed 'heat treatment'/.test(d.message);
    const diagnostic = (await diagnosticsWhere(tools(), (all) => all.some(renamed))).find(renamed)!;

    const line = lineOf(document, '`metals.md` tempering');
    assert.strictEqual(diagnostic.range.start.line, line);
    editor.selection = new vscode.Selection(line, diagnostic.range.start.character + 3, line, diagnostic.range.start.character + 3);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('history-renamed-section', '.monaco-hover .rendered-markdown');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', tools(), diagnostic.range);
    const fix = actions.find((action) => /heat treatment/.test(action.title));
    assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(line).text, /`metals\.md` heat treatment/);
    await diagnosticsWhere(tools(), (all) => !all.some((d) => d.range.start.line === line));
  });
});
