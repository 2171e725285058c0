/**
 * Two collections in one window (DIALECT §8.6, sibling roots): a workspace of the folders
 * `chem-kb` and `phys-kb` (test-fixtures/siblings). A link of a chemistry note to a physics note
 * leads there (go to definition, hover); a dead section of that note is warned about, naming the
 * folder, with a quick fix; F2 renames a physics heading with the chemistry link to it; a heading
 * edited by hand in the physics note turns the chemistry link into a dead section; a physics note
 * renamed in the explorer takes the chemistry links with it. What the test types is reverted after
 * (the workspace is a copy of the fixtures).
 */

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GraphPaint } from '../../src/graph/graphPanel';
import { diagnosticsWhere, lineOf, nextEvent, noteUri, revertAll, screenshot } from '../suite/support';

describe('a workspace of two folders, each the other one\'s sibling collection', function () {
  this.timeout(120000);
  const reactions = () => noteUri('reactions.md');
  const optics = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![1].uri, 'optics.md');
  const intoPhysics = (d: vscode.Diagnostic) => d.message.includes('(in phys-kb)');

  after(async () => {
    await revertAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('leads a chemistry note\'s links into the physics folder, warns of a dead section there, and fixes it', async () => {
    assert.deepStrictEqual(vscode.workspace.workspaceFolders!.map((folder) => folder.name), ['chem-kb', 'phys-kb']);
    const document = await vscode.workspace.openTextDocument(reactions());
    const editor = await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsWhere(reactions(), (all) => all.some(intoPhysics));
    assert.deepStrictEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${d.message}`), [
      "17 dead section: optics.md (in phys-kb) has no section 'prisms'; it is in light.md (in phys-kb); fix: `light.md` prisms",
      '20 dead link: `optics.com` is not a note (`.com` looks like a typo for `.md`, meaning optics.md in phys-kb); fix: `optics.md` mirrors',
      '24 `history.md` is not in this workspace, nor in phys-kb (a note of another collection?)',
    ]);

    // `optics.md` lenses, in the 参考 block: the physics note's heading.
    const line = lineOf(document, '`optics.md` lenses');
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('lenses') + 2);
    const [first] = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', reactions(), position);
    assert.strictEqual(('targetUri' in first ? first.targetUri : first.uri).toString(), optics().toString());
    assert.strictEqual(('targetRange' in first ? first.targetRange : first.range).start.line, 8);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', reactions(), position);
    const markdown = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(markdown, /optics\.md\*\* \(in phys-kb\) › lenses/);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('sibling-folder-hover', '.monaco-hover .rendered-markdown');
    await vscode.commands.executeCommand('editor.action.hideHover');

    const dead = diagnostics.find(intoPhysics)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', reactions(), dead.range);
    const fix = actions.find((action) => action.title === 'Change to `light.md` prisms');
    assert.ok(fix?.edit, JSON.stringify(actions.map((action) => action.title)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(dead.range.start.line).text, /🗄 `light\.md` prisms$/);
    await diagnosticsWhere(reactions(), (all) => !all.some((d) => d.range.start.line === dead.range.start.line));
  });

  it('lists the chemistry note\'s link among the references of the physics heading', async () => {
    const document = await vscode.workspace.openTextDocument(optics());
    const heading = lineOf(document, '## lenses');
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', optics(), new vscode.Position(heading, 5));
    const line = lineOf(await vscode.workspace.openTextDocument(reactions()), '`optics.md` lenses');
    // The heading itself comes too, from VS Code's own Markdown support (Torii lists links only).
    assert.deepStrictEqual(references.map((location) => `${vscode.workspace.asRelativePath(location.uri)}:${location.range.start.line}`).sort(), [`chem-kb/reactions.md:${line}`, `phys-kb/optics.md:${heading}`]);
  });

  it('draws the two folders as one graph, the chemistry note\'s links into the physics notes as its edges', async () => {
    await vscode.window.showTextDocument(reactions());
    const panel = vscode.extensions.getExtension<{ showGraph(): { onDidPaint: vscode.Event<GraphPaint>; onDidSettle: vscode.Event<void> } }>('torii-notes.torii')!.exports.showGraph();
    const settled = nextEvent(panel.onDidSettle);
    const paint = await nextEvent(panel.onDidPaint);
    // Four notes and a name a dead link asks for (`optics.com`). The edges: lab/safety.md's to
    // reactions.md; reactions.md's to safety.md, to optics.md (lenses, spectra), to light.md (colour,
    // and prisms since the quick fix above) and to `optics.com`; optics.md's to light.md. Each folder
    // alone has 4 of these 6: the two into the physics folder are its links across.
    assert.deepStrictEqual([paint.nodes, paint.edges], [5, 6]);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await settled;
    await screenshot('sibling-folder-graph', '#graph canvas');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('renames the physics heading and the chemistry note\'s link to it in one edit, from the link', async () => {
    const chemistry = await vscode.workspace.openTextDocument(reactions());
    const physics = await vscode.workspace.openTextDocument(optics());
    const line = lineOf(chemistry, '`optics.md` lenses');
    const heading = lineOf(physics, '## lenses');
    const position = new vscode.Position(line, chemistry.lineAt(line).text.indexOf('lenses') + 2);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', reactions(), position, 'thin lenses');
    const places = edit.entries().flatMap(([uri, edits]) => edits.map((change) => `${vscode.workspace.asRelativePath(uri)}:${change.range.start.line} ${change.newText}`)).sort();
    assert.deepStrictEqual(places, [`chem-kb/reactions.md:${line} thin lenses`, `phys-kb/optics.md:${heading} thin lenses`]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.strictEqual(physics.lineAt(heading).text, '## thin lenses');
    assert.match(chemistry.lineAt(line).text, /`optics\.md` thin lenses/);
    // Still a link that leads there, as the server reads both notes edited.
    const [leads] = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', reactions(), position);
    assert.deepStrictEqual([('targetUri' in leads ? leads.targetUri : leads.uri).toString(), ('targetRange' in leads ? leads.targetRange : leads.range).start.line], [optics().toString(), heading]);
    // For the picture: both notes side by side, the renamed lines in view.
    const left = await vscode.window.showTextDocument(chemistry, vscode.ViewColumn.One);
    left.selection = new vscode.Selection(line, 0, line, 0);
    left.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
    const right = await vscode.window.showTextDocument(physics, vscode.ViewColumn.Two);
    right.selection = new vscode.Selection(heading, 0, heading, 0);
    right.revealRange(new vscode.Range(heading, 0, heading, 0), vscode.TextEditorRevealType.InCenter);
    await screenshot('sibling-folder-rename');
    await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
    // Taken back in both editors, for the test after.
    for (const document of [physics, chemistry]) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
    }
    assert.strictEqual(physics.lineAt(heading).text, '## lenses');
    assert.match(chemistry.lineAt(line).text, /`optics\.md` lenses/);
  });

  it('warns of the link once the heading it leads to is renamed in the other folder', async () => {
    const document = await vscode.workspace.openTextDocument(optics());
    const editor = await vscode.window.showTextDocument(document);
    const heading = lineOf(document, '## lenses');
    assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(heading, 3, heading, 9), 'glass')));
    const line = lineOf(await vscode.workspace.openTextDocument(reactions()), '`optics.md` lenses');
    const diagnostics = await diagnosticsWhere(reactions(), (all) => all.some((d) => d.range.start.line === line));
    assert.match(diagnostics.find((d) => d.range.start.line === line)!.message, /^dead section: optics\.md \(in phys-kb\) has no section 'lenses'/);
  });

  it('rewrites the chemistry note\'s links into a physics note renamed in the explorer', async () => {
    // The notes as they are on disk: the tests before leave edits unsaved.
    await revertAll();
    const chemistry = await vscode.workspace.openTextDocument(reactions());
    const lenses = lineOf(chemistry, '`optics.md` lenses');
    const spectra = lineOf(chemistry, '`optics.md` spectra');
    // The server has the heading back: the link to it leads there again.
    await diagnosticsWhere(reactions(), (all) => all.some(intoPhysics) && !all.some((d) => d.range.start.line === lenses));
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(optics(), vscode.Uri.joinPath(optics(), '..', 'geometric.md'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(chemistry.lineAt(lenses).text, /🗄 `geometric\.md` lenses$/);
    assert.match(chemistry.lineAt(spectra).text, /🗄 `geometric\.md` spectra$/);
    // A link whose section the note lacks (prisms) follows the note too, its section as written.
    assert.match(chemistry.getText(), /🗄 `geometric\.md` prisms/);
  });
});
