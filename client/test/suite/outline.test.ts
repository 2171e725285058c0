/** The outline and the breadcrumbs of a note, as VS Code draws them. */

import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWhere, lineOf, noteUri, pageTextsEndingWith, screenshot } from './support';

const CRUMBS = '.breadcrumbs-control .monaco-breadcrumb-item';
/** A crumb's name: a folder, the file, a symbol (`.label-name`), or an outline provider's group (`.outline-element-label`). */
const NAME = ':is(.label-name, .outline-element-label)';

/** The breadcrumbs' labels once the last one reads `last`: VS Code updates them a moment after the cursor moves. */
async function breadcrumbsEndingWith(last: string): Promise<string[]> {
  return pageTextsEndingWith(`${CRUMBS} ${NAME}`, last);
}

describe('Torii in VS Code: outline and breadcrumbs', () => {
  let keys: vscode.TextEditor;

  before(async () => {
    await vscode.extensions.getExtension('torii-notes.torii')!.activate();
    const uri = noteUri('kitchen/keys.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('# ⛩️\n\n## 参考\n\n🗄 `knives.md` KNIVES\n\n# ⌨️ EDITOR\n\nKEYS (`CMD R`)\n* run the file\n* _rerun_: run it again\n'));
    keys = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    // Unsaved edits first, so that nothing tries to save the note once it is deleted.
    await vscode.window.showTextDocument(keys.document);
    if (keys.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(noteUri('kitchen/keys.md'));
  });

  it('names an ALL-CAPS sub-heading with inline code in its aside by the whole label', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', keys.document.uri);
    const editor = symbols.find((symbol) => symbol.name === '⌨️ EDITOR');
    assert.ok(editor, JSON.stringify(symbols.map((symbol) => symbol.name)));
    const sub = editor!.children.find((child) => child.name.startsWith('KEYS'));
    assert.strictEqual(sub?.name, 'KEYS (CMD R)');
    const line = lineOf(keys.document, 'KEYS');
    assert.strictEqual(keys.document.getText(sub!.selectionRange), 'KEYS (`CMD R`)');
    assert.strictEqual(sub!.selectionRange.start.line, line);
  });

  it('keeps one path in the breadcrumbs, the title line included: no "Markdown Language Features"', async () => {
    const at = async (text: string, last: string) => {
      const line = lineOf(keys.document, text);
      keys.selection = new vscode.Selection(line, 1, line, 1);
      return breadcrumbsEndingWith(last);
    };
    assert.deepStrictEqual(await at('run the file', 'KEYS (CMD R)'), ['kitchen', 'keys.md', '⛩️', '⌨️ EDITOR', 'KEYS (CMD R)']);
    await screenshot('breadcrumbs');
    assert.deepStrictEqual(await at('# ⛩️', '⛩️'), ['kitchen', 'keys.md', '⛩️']);
    assert.deepStrictEqual(await at('`knives.md` KNIVES', '参考'), ['kitchen', 'keys.md', '⛩️', '参考']);
    // After edits too: each new version's outline is Torii's first.
    for (const text of ['\n* run it twice', '\n* run it thrice']) await keys.edit((builder) => builder.insert(keys.document.lineAt(keys.document.lineCount - 1).range.end, text));
    assert.deepStrictEqual(await at('run it thrice', 'KEYS (CMD R)'), ['kitchen', 'keys.md', '⛩️', '⌨️ EDITOR', 'KEYS (CMD R)']);
  });
});

describe('Torii in VS Code: the outline of a note whose name VS Code percent-encodes', () => {
  const name = "kitchen/knife(old)'s.md";

  after(async () => {
    if (vscode.window.activeTextEditor?.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(noteUri(name));
  });

  it('outlines what is typed, not what the file holds (VS Code writes `%28` where Node writes `(`)', async () => {
    await vscode.extensions.getExtension('torii-notes.torii')!.activate();
    const uri = noteUri(name);
    assert.match(uri.toString(), /knife%28old%29%27s\.md$/);
    await vscode.workspace.fs.writeFile(uri, Buffer.from('# ⛩️\n\n## edge\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // Typed, not saved: lines the file does not have, the last an ALL-CAPS sub-heading only Torii
    // outlines, and a link to no note, whose hint says the server has read the typed text.
    const typed = '\nkeen 🗄 `nowhere-at-all.md`\n\n## bevel angles\n\nSTROPPING ON LEATHER';
    await editor.edit((builder) => builder.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, typed));
    await diagnosticsWhere(uri, (all) => all.some((diagnostic) => /nowhere-at-all/.test(diagnostic.message)));
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    const flat = (list: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => list.flatMap((symbol) => [symbol, ...flat(symbol.children)]);
    const names = flat(symbols).map((symbol) => symbol.name);
    assert.ok(names.includes('STROPPING ON LEATHER') && names.includes('bevel angles'), names.join(', '));
  });
});
