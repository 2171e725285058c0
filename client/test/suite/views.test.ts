/**
 * Seeing the collection in the real editor: the Markdown preview of a note, the graph of the
 * notes, new notes. Clicks are real mouse clicks, made by the harness in the webview's frame
 * (`TORII_CLICK`); every wait is on an editor event or the extension's own signals.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { GraphPaint } from '../../src/graph/graphPanel';
import { diagnosticsWhere, lineOf, nextEvent, noteUri, pictureQuickFixes, screenshot } from './support';

interface ViewsApi {
  preview: { onDidUpdate: vscode.Event<vscode.Uri>; requests: number };
  showGraph(): { onDidFilter: vscode.Event<{ shown: number; orphansListed: number }>; onDidPaint: vscode.Event<GraphPaint>; onDidSettle: vscode.Event<void>; locate(notePath: string): Promise<{ x: number; y: number } | undefined>; setScope(scope: 'all' | 'local1' | 'local2'): Promise<void> };
}

const api = () => vscode.extensions.getExtension<ViewsApi>('torii-notes.torii')!.exports;

/** A real click (or hover), by the harness, on `selector` in whichever frame shows it; at a point inside it when given. */
function mouse(action: 'CLICK' | 'HOVER', selector: string, at?: { x: number; y: number }): void {
  console.log(`TORII_${action} ${selector}${at ? `@${at.x.toFixed(1)},${at.y.toFixed(1)}` : ''}`);
}

/** Resolves with the editor once the active editor shows `uri` and `accept` holds for it. */
function activeEditorWhere(uri: vscode.Uri, accept: (editor: vscode.TextEditor) => boolean = () => true, timeoutMs = 30000): Promise<vscode.TextEditor> {
  const matches = (editor: vscode.TextEditor | undefined) => editor !== undefined && editor.document.uri.toString() === uri.toString() && accept(editor);
  if (matches(vscode.window.activeTextEditor)) return Promise.resolve(vscode.window.activeTextEditor!);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscriptions.forEach((subscription) => subscription.dispose());
      reject(new Error(`the editor never showed ${uri.path}; it shows ${vscode.window.activeTextEditor?.document.uri.path}`));
    }, timeoutMs);
    const check = () => {
      const editor = vscode.window.activeTextEditor;
      if (!matches(editor)) return;
      clearTimeout(timer);
      subscriptions.forEach((subscription) => subscription.dispose());
      resolve(editor!);
    };
    const subscriptions = [vscode.window.onDidChangeActiveTextEditor(check), vscode.window.onDidChangeTextEditorSelection(check)];
  });
}

/** Switches the colour theme and resolves once the workbench has applied it. */
async function setTheme(theme: string, kind: vscode.ColorThemeKind): Promise<void> {
  if (vscode.window.activeColorTheme.kind === kind && vscode.workspace.getConfiguration('workbench').get('colorTheme') === theme) return;
  const applied = new Promise<void>((resolve) => {
    const subscription = vscode.window.onDidChangeActiveColorTheme((changed) => {
      if (changed.kind !== kind) return;
      subscription.dispose();
      resolve();
    });
  });
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  await applied;
}

describe('Seeing the collection in VS Code', () => {
  before(async () => {
    await vscode.workspace.getConfiguration('workbench').update('reduceMotion', 'on', vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension('torii-notes.torii')!.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('draws a note’s 🗄 targets in the Markdown preview, live, dead and outside, in the dark and light themes', async () => {
    const stones = noteUri('kitchen/stones.md');
    const updated = new Promise<void>((resolve) => {
      const subscription = api().preview.onDidUpdate((uri) => {
        if (uri.toString() !== stones.toString()) return;
        subscription.dispose();
        resolve();
      });
    });
    const asked = api().preview.requests;
    await vscode.window.showTextDocument(stones);
    // A round trip to the server: a request asked on opening (a 0 ms timer) would have gone first.
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', stones);
    assert.strictEqual(api().preview.requests, asked, 'no preview data is asked while no preview is open');
    await vscode.commands.executeCommand('markdown.showPreviewToSide', stones);
    await updated;
    assert.ok(api().preview.requests > asked);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    for (const [theme, kind, name] of [['Default Dark Modern', vscode.ColorThemeKind.Dark, 'preview-dark'], ['Default Light Modern', vscode.ColorThemeKind.Light, 'preview-light']] as const) {
      await setTheme(theme, kind);
      await screenshot(name, 'a.torii-live');
    }
  });

  it('keeps an open preview up to date while its note is edited, and after it is reverted', async () => {
    const stones = noteUri('kitchen/stones.md');
    const nextUpdate = () => new Promise<void>((resolve) => {
      const subscription = api().preview.onDidUpdate((uri) => {
        if (uri.toString() !== stones.toString()) return;
        subscription.dispose();
        resolve();
      });
    });
    // The preview is open beside the note (the test above): each edit asks for the data again.
    // Two edits with no change of tabs between them: the second is redrawn only if the extension
    // knows a preview is open (data dropped on a change of tabs would be fetched anyway).
    const editor = await vscode.window.showTextDocument(stones, { viewColumn: vscode.ViewColumn.One });
    for (const line of ['🗄 `kitchen/knives.md` sharpening', '🗄 `kitchen/knives.md` honing']) {
      const edited = nextUpdate();
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      await editor.edit((builder) => builder.insert(end, `\n${line}\n`));
      await edited;
    }
    const reverted = nextUpdate();
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await reverted;
  });

  it('opens the target of a 🗄 link clicked in the preview at its section', async () => {
    const knives = noteUri('kitchen/knives.md');
    const line = lineOf(await vscode.workspace.openTextDocument(knives), '## sharpening');
    const opened = activeEditorWhere(knives, (editor) => editor.selection.active.line === line);
    mouse('CLICK', 'a.torii-live[title*="knives.md"][title$="sharpening"]');
    const editor = await opened;
    assert.strictEqual(editor.document.lineAt(editor.selection.active.line).text, '## sharpening');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('redraws a preview when a shell moves where its links lead in another note, and again when it puts the note back', async () => {
    // A note whose diagnostics cannot tell: its one link resolves, before and after.
    const log = noteUri('kitchen/honing-log.md');
    fs.writeFileSync(log.fsPath, '# ⛩️ honing log\n\n* sharpened twice 🗄 `knives.md` sharpening\n');
    const nextUpdate = () => new Promise<void>((resolve) => {
      const subscription = api().preview.onDidUpdate((uri) => {
        if (uri.toString() !== log.toString()) return;
        subscription.dispose();
        resolve();
      });
    });
    try {
      const drawn = nextUpdate();
      await vscode.window.showTextDocument(log);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', log);
      await drawn;
      // A line written at the top of knives.md on disk moves its sections down; the log is unchanged.
      const knives = noteUri('kitchen/knives.md').fsPath;
      const text = fs.readFileSync(knives, 'utf8');
      const moved = nextUpdate();
      fs.writeFileSync(knives, text.replace('\n', '\na line above every section\n'));
      await moved;
      const back = nextUpdate();
      fs.writeFileSync(knives, text);
      await back;
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(log.fsPath, { force: true });
    }
  });

  it('shows the graph of the notes, opens the note a click names, and hovers with its counts', async () => {
    const knives = noteUri('kitchen/knives.md');
    await vscode.window.showTextDocument(knives);
    const panel = api().showGraph();
    const settled = nextEvent(panel.onDidSettle);
    const paint = await nextEvent(panel.onDidPaint);
    assert.ok(paint.nodes >= 22, `${paint.nodes} nodes`);
    console.log(`      graph of the fixtures: ${paint.nodes} nodes, ${paint.edges} edges, first frame ${paint.sinceOpenedMs} ms after the command, ${paint.totalMs} ms after the webview asked (torii/graph ${paint.requestMs} ms, to the webview ${paint.transferMs} ms, drawing ${paint.drawMs} ms)`);
    await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await settled;
    await screenshot('graph', '#graph canvas');
    const at = await panel.locate('kitchen/knives.md');
    assert.ok(at, 'the note is drawn');
    mouse('HOVER', '#graph', at);
    await screenshot('graph-hover', '#tooltip:not([hidden])');
    const opened = activeEditorWhere(knives);
    mouse('CLICK', '#graph', at);
    await opened;
  });

  it('shows the local graph of the active note, and follows the editor to the next note', async () => {
    const panel = api().showGraph();
    const paintOf = (focus: string) => new Promise<GraphPaint>((resolve) => {
      const subscription = panel.onDidPaint((paint) => {
        if (paint.focus !== focus) return;
        subscription.dispose();
        resolve(paint);
      });
    });
    const knivesGraph = paintOf('kitchen/knives.md');
    await panel.setScope('local1');
    const knives = await knivesGraph;
    assert.ok(knives.nodes > 1 && knives.nodes < 27, `${knives.nodes} nodes around knives.md`);
    const toolsGraph = paintOf('craft/forge/tools.md');
    await vscode.window.showTextDocument(noteUri('craft/forge/tools.md'), { viewColumn: vscode.ViewColumn.Beside });
    const tools = await toolsGraph;
    assert.ok(tools.nodes > 1 && tools.nodes < 27, `${tools.nodes} nodes around tools.md`);
    const whole = new Promise<GraphPaint>((resolve) => {
      const subscription = panel.onDidPaint((paint) => {
        subscription.dispose();
        resolve(paint);
      });
    });
    await panel.setScope('all');
    assert.strictEqual((await whole).focus, undefined);
  });

  it('sets the orphans apart and filters by folder, from the webview’s own controls', async () => {
    const panel = api().showGraph();
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    const filtered = () => new Promise<{ shown: number; orphansListed: number }>((resolve) => {
      const subscription = panel.onDidFilter((state) => {
        subscription.dispose();
        resolve(state);
      });
    });
    let next = filtered();
    mouse('CLICK', '#orphans-apart');
    const apart = await next;
    assert.ok(apart.orphansListed >= 1, 'odds/old-pantry.md and the new notes have no reference leading to them');
    next = filtered();
    mouse('CLICK', '#folders label:nth-child(2) input');
    const withoutFood = await next;
    assert.ok(withoutFood.shown < apart.shown, `${withoutFood.shown} nodes drawn without food/, ${apart.shown} with it`);
    await screenshot('graph-filters', '#orphans li a');
    next = filtered();
    mouse('CLICK', '#orphans-apart');
    await next;
    next = filtered();
    mouse('CLICK', '#folders label:nth-child(2) input');
    await next;
  });

  it('writes a new note with the skeleton, and a folder note, with the cursor where the first heading goes', async () => {
    const kitchen = noteUri('kitchen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.explorer');
    void vscode.commands.executeCommand('torii.newNote', kitchen);
    await screenshot('new-note', '.quick-input-widget input');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('torii.newNote', kitchen, 'whetstones');
    const whetstones = noteUri('kitchen/whetstones.md');
    const editor = await activeEditorWhere(whetstones);
    assert.strictEqual(editor.document.getText(), '# ⛩️\n\n## 参考\n\n## 进步\n\n');
    assert.strictEqual(editor.selection.active.line, 6);
    await screenshot('new-note-created');
    await vscode.commands.executeCommand('torii.newFolderNote', kitchen);
    const meta = await activeEditorWhere(noteUri('kitchen/#meta.md'));
    assert.ok(meta.document.getText().startsWith('# ⛩️\n\n## 参考'));
  });

  it('creates the note a dead file link names with a quick fix, and the link then resolves', async () => {
    const tools = noteUri('craft/forge/tools.md');
    const editor = await vscode.window.showTextDocument(tools);
    // Earlier tests typed into this note; show it as it is on disk.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    // The server's own diagnostics: a `torii check` task run earlier leaves its problems (source `torii check`) in the panel.
    const isFire = (diagnostic: vscode.Diagnostic) => diagnostic.source === 'torii' && /`fire\.md`/.test(diagnostic.message);
    const [fire] = (await diagnosticsWhere(tools, (all) => all.some(isFire))).filter(isFire);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', tools, fire.range, vscode.CodeActionKind.QuickFix.value);
    const create = actions.find((action) => action.title === 'Create note `fire.md`');
    assert.ok(create?.edit, JSON.stringify(actions.map((action) => action.title)));
    await pictureQuickFixes(editor, fire.range, 'create-note', '.action-widget');
    assert.ok(await vscode.workspace.applyEdit(create!.edit!));
    await diagnosticsWhere(tools, (all) => !all.some(isFire));
    const created = await vscode.workspace.openTextDocument(noteUri('craft/forge/fire.md'));
    assert.strictEqual(created.getText(), '# ⛩️\n\n## 参考\n\n## 进步\n\n');
  });
});
