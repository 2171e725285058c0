/**
 * The packaged extension in a real VS Code: every assertion goes through the `vscode` API, as a
 * user's editor would. Screenshots for the README are taken along the way.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { tokenColours } from './support';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const noteUri = (relative: string) => vscode.Uri.joinPath(folder(), ...relative.split('/'));

/** Resolves once the diagnostics of `uri` satisfy `predicate`: waits on onDidChangeDiagnostics, never on a timer. */
function diagnosticsWhere(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 45000): Promise<vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (predicate(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics of ${uri.path} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    });
  });
}

/** Asks the harness for a screenshot of the window and waits until the file is written. */
async function screenshot(name: string, drawn?: string): Promise<void> {
  const directory = process.env.TORII_SCREENSHOT_DIR;
  if (!directory) return;
  const file = path.join(directory, `${name}.png`);
  fs.rmSync(file, { force: true });
  // `drawn`: a CSS selector the harness waits for in the page before it takes the picture.
  console.log(`TORII_SCREENSHOT ${file}${drawn ? `|${drawn}` : ''}`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no screenshot ${file}`)), 20000);
    const watcher = fs.watch(directory, () => {
      if (fs.existsSync(file)) done();
    });
    function done(error?: Error) {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve();
    }
    if (fs.existsSync(file)) done();
  });
}

function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.includes(text)) return line;
  throw new Error(`no line with ${text}`);
}

function flatten(symbols: vscode.DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [`${'  '.repeat(depth)}${symbol.name} [${vscode.SymbolKind[symbol.kind]}]`, ...flatten(symbol.children, depth + 1)]);
}

describe('Torii in VS Code', () => {
  let tools: vscode.TextDocument;
  let editor: vscode.TextEditor;

  before(async () => {
    // No animations: screenshots then show widgets fully drawn.
    await vscode.workspace.getConfiguration('workbench').update('reduceMotion', 'on', vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension('torii-notes.torii');
    assert.ok(extension, 'the Torii extension is installed');
    tools = await vscode.workspace.openTextDocument(noteUri('craft/forge/tools.md'));
    editor = await vscode.window.showTextDocument(tools);
    await extension!.activate();
    assert.ok(extension!.isActive);
  });

  it('reports dead links in the Problems panel, for notes that are not open too', async () => {
    const diagnostics = await diagnosticsWhere(tools.uri, (all) => all.some((d) => /no section 'tempring'/.test(d.message)));
    const typo = diagnostics.find((d) => /no section 'tempring'/.test(d.message))!;
    assert.strictEqual(typo.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(typo.source, 'torii');
    assert.strictEqual(typo.code, 'dead-section');
    assert.match(typo.message, /fix: `metals\.md` tempering/);
    const cookware = await diagnosticsWhere(noteUri('kitchen/cookware.md'), (all) => all.some((d) => d.code === 'dead-section'));
    assert.ok(cookware.some((d) => /rust removal/.test(d.message)));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems');
  });

  it('gives a note one outline tree: its own kinds, and the built-in String tree hidden', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', tools.uri);
    const torii = symbols.filter((symbol) => symbol.kind !== vscode.SymbolKind.String);
    const rendered = flatten(torii);
    assert.ok(rendered.some((line) => /^⚒️? ?.*\[Namespace\]$/.test(line) || /\[Namespace\]$/.test(line)), rendered.join('\n'));
    assert.ok(rendered.some((line) => /^ {2}\S.*\[(Class|Constant|Field)\]$/.test(line)), rendered.join('\n'));
    const markdown = vscode.workspace.getConfiguration('outline', { languageId: 'markdown' });
    assert.strictEqual(markdown.get('showStrings'), false, 'outline.showStrings is off for Markdown');
    assert.strictEqual(vscode.workspace.getConfiguration('breadcrumbs', { languageId: 'markdown' }).get('showStrings'), false);
    // For the picture: the richest sample note, and the Outline in the wide bottom panel.
    const knives = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(noteUri('kitchen/knives.md')));
    const burr = lineOf(knives.document, 'BURR');
    knives.selection = new vscode.Selection(burr, 0, burr, 0);
    knives.revealRange(new vscode.Range(burr, 0, burr, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders');
    await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['outline'], destinationId: 'workbench.panel.markers' });
    await vscode.commands.executeCommand('outline.focus');
    await vscode.commands.executeCommand('outline.expand');
    await screenshot('outline');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('workbench.action.gotoSymbol');
    await screenshot('quick-outline');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    editor = await vscode.window.showTextDocument(tools);
  });

  it('goes from a 🗄 section to the heading it names', async () => {
    const line = lineOf(tools, '`metals.md` tempering');
    const character = tools.lineAt(line).text.indexOf('tempering') + 2;
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', tools.uri, new vscode.Position(line, character));
    const first = locations[0];
    const uri = 'targetUri' in first ? first.targetUri : first.uri;
    const range = 'targetUri' in first ? first.targetSelectionRange ?? first.targetRange : first.range;
    assert.strictEqual(uri.path, noteUri('craft/forge/metals.md').path);
    const metals = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(metals.lineAt(range.start.line).text, '## tempering');
  });

  it('shows the section behind a 🗄 target on hover', async () => {
    const line = lineOf(tools, '`metals.md` tempering');
    const position = new vscode.Position(line, tools.lineAt(line).text.indexOf('tempering') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', tools.uri, position);
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /craft\/forge\/metals\.md/);
    assert.match(text, /## tempering/);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover');
  });

  it('completes 📙 authors, ranked, with a page placeholder', async () => {
    const end = tools.lineAt(tools.lineCount - 1).range.end;
    await editor.edit((builder) => builder.insert(end, '\n📙 '));
    const position = tools.lineAt(tools.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', tools.uri, position, ' ');
    const authors = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Reference);
    assert.ok(authors.length >= 3, JSON.stringify(list.items.map((item) => item.label)));
    const first = authors[0];
    assert.ok(first.insertText instanceof vscode.SnippetString, 'a snippet with a page placeholder');
    assert.match((first.insertText as vscode.SnippetString).value, /\[\$\{1:page\}\]$/);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await screenshot('completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('turns links dead when a heading is renamed in another note, and back when it is restored', async () => {
    const metals = await vscode.workspace.openTextDocument(noteUri('craft/forge/metals.md'));
    const metalsEditor = await vscode.window.showTextDocument(metals);
    const heading = lineOf(metals, '## tempering');
    const mentionsTempering = (all: vscode.Diagnostic[]) => all.some((d) => /no section 'tempering'/.test(d.message));
    await metalsEditor.edit((builder) => builder.replace(metals.lineAt(heading).range, '## annealing'));
    await diagnosticsWhere(tools.uri, mentionsTempering);
    await vscode.commands.executeCommand('undo');
    await diagnosticsWhere(tools.uri, (all) => !mentionsTempering(all));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('colours a note: grammar scopes and semantic tokens, in the dark and the light default themes', async () => {
    const note = await vscode.workspace.openTextDocument(noteUri('craft/forge/tools.md'));
    editor = await vscode.window.showTextDocument(note);
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', note.uri);
    assert.ok(legend.tokenModifiers.includes('dead'), JSON.stringify(legend));
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', note.uri);
    assert.ok(tokens.data.length >= 5 * 5, `semantic tokens: ${tokens.data.length / 5}`);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    for (const [theme, name, dead] of [['Default Dark Modern', 'theme-dark', 'rgb(244, 71, 71)'], ['Default Light Modern', 'theme-light', 'rgb(205, 49, 49)']]) {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', note.uri);
      // Semantic tokens are drawn last: the picture waits until the dead section is in the theme's error colour.
      await tokenColours({ tempring: dead });
      await screenshot(name);
    }
  });
  it('renames a heading and every reference to it in one edit, through the rename provider', async () => {
    const metals = await vscode.workspace.openTextDocument(noteUri('craft/forge/metals.md'));
    const line = lineOf(metals, '## tempering');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', metals.uri, new vscode.Position(line, 5), 'annealing');
    const touched = edit.entries().map(([uri]) => uri.path.split('/notes-kb/')[1]).sort();
    assert.deepStrictEqual(touched, ['craft/forge/metals.md', 'craft/forge/tools.md']);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.strictEqual(metals.lineAt(line).text, '## annealing');
    assert.ok(tools.getText().includes('`metals.md` annealing'));
    // One undo in each editor takes it back: the edit was one workspace edit.
    await vscode.window.showTextDocument(metals);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(metals.lineAt(line).text, '## tempering');
    await vscode.window.showTextDocument(tools);
    await vscode.commands.executeCommand('undo');
    assert.ok(tools.getText().includes('`metals.md` tempering'));
  });

  it('offers the fix of a dead link as a quick fix, and applying it clears the warning', async () => {
    editor = await vscode.window.showTextDocument(tools);
    const diagnostics = await diagnosticsWhere(tools.uri, (all) => all.some((d) => /tempring/.test(d.message)));
    const typo = diagnostics.find((d) => /tempring/.test(d.message))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', tools.uri, typo.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Change to `metals.md` tempering');
    assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
    editor.selection = new vscode.Selection(typo.range.start, typo.range.start);
    editor.revealRange(typo.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('quick-fix');
    await vscode.commands.executeCommand('hideCodeActionWidget');
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    await diagnosticsWhere(tools.uri, (all) => !all.some((d) => /tempring/.test(d.message)));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('fixes all sure dead links of a note with Fix All, leaves the guesses, and one undo takes it back', async () => {
    const storage = await vscode.workspace.openTextDocument(noteUri('kitchen/storage.md'));
    editor = await vscode.window.showTextDocument(storage);
    const original = storage.getText();
    await diagnosticsWhere(storage.uri, (all) => all.some((d) => /3-harvest/.test(d.message)) && all.some((d) => /sourdouh/.test(d.message)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', storage.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.torii');
    assert.deepStrictEqual(actions.map((action) => action.title), ['Fix all dead links in this note (1)']);
    // VS Code's own Fix All runs every source.fixAll provider on the focused editor.
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    const changed = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== storage) return;
        subscription.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('editor.action.fixAll');
    await changed;
    assert.ok(storage.getText().includes('🗄 `harvest.md` drying'), storage.getText());
    assert.ok(storage.getText().includes('🗄 `sourdouh.md`'), 'a typo is a guess: left for the user to pick');
    await diagnosticsWhere(storage.uri, (all) => !all.some((d) => /3-harvest/.test(d.message)) && all.some((d) => /sourdouh/.test(d.message)));
    // For the picture: the guess still flagged (line 6) above, the fixed link below.
    editor.selection = new vscode.Selection(lineOf(storage, '`harvest.md` drying'), 0, lineOf(storage, '`harvest.md` drying'), 0);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await screenshot('fix-all');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(storage.getText(), original, 'one undo takes the whole fix back');
    await diagnosticsWhere(storage.uri, (all) => all.some((d) => /3-harvest/.test(d.message)));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows the books of every 📚 list with their citations, and the unlisted authors apart', async () => {
    const api = vscode.extensions.getExtension<{ books: vscode.TreeDataProvider<unknown> & { onDidLoadRoots: vscode.Event<number> } }>('torii-notes.torii')!.exports;
    const roots = (await api.books.getChildren()) as unknown[];
    const items = await Promise.all(roots.map((node) => api.books.getTreeItem(node)));
    const labels = items.map((item) => String(item.label));
    assert.ok(labels.includes('Chang'), labels.join(', '));
    assert.strictEqual(labels[labels.length - 1], 'Cited, never listed');
    const chang = roots[labels.indexOf('Chang')];
    const places = await Promise.all(((await api.books.getChildren(chang)) as unknown[]).map((node) => api.books.getTreeItem(node)));
    assert.ok(places.some((item) => item.command?.command === 'vscode.open'));
    const unlisted = await Promise.all(((await api.books.getChildren(roots[roots.length - 1])) as unknown[]).map((node) => api.books.getTreeItem(node)));
    assert.ok(unlisted.some((item) => item.label === 'McGhee'));
    // For the picture: the Books view in the wide bottom panel, once VS Code has loaded it.
    await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['outline'], destinationId: 'workbench.view.explorer' });
    await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['torii.books'], destinationId: 'workbench.panel.markers' });
    await vscode.commands.executeCommand('torii.books.focus');
    await screenshot('books', '.monaco-list-row[aria-label^="Chang"]');
  });

  it('restarts the server when it dies, and what the user typed is still there and checked', async () => {
    const extension = vscode.extensions.getExtension<{ client: { onDidChangeState: vscode.Event<{ newState: number }> }; status(): Promise<{ pid: number }> }>('torii-notes.torii')!;
    const api = extension.exports;
    const before = await api.status();
    const typed = '\n🗄 `metals.md` no such section here\n';
    editor = await vscode.window.showTextDocument(tools);
    await editor.edit((builder) => builder.insert(tools.lineAt(tools.lineCount - 1).range.end, typed));
    // State 2 is Running: wait for the client to see the server stop and come back.
    const restarted = new Promise<void>((resolve) => {
      let stopped = false;
      const subscription = api.client.onDidChangeState(({ newState }) => {
        if (newState !== 2) stopped = true;
        else if (stopped) {
          subscription.dispose();
          resolve();
        }
      });
    });
    process.kill(before.pid, 'SIGKILL');
    await restarted;
    const after = await api.status();
    assert.notStrictEqual(after.pid, before.pid);
    assert.ok(tools.getText().includes(typed), 'the unsaved edit is still in the editor');
    await diagnosticsWhere(tools.uri, (all) => all.some((d) => /no section 'no such section here'/.test(d.message)));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

});
