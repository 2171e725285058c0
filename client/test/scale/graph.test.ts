/**
 * The graph of a generated workspace (1,000 or 10,000 notes): the time from the command to the
 * first frame, once the collection is indexed, and again with the graph's data already made.
 */

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GraphPaint } from '../../src/graph/graphPanel';
import { screenshot } from '../suite/support';

interface ScaleApi {
  status(): Promise<{ folders: Array<{ notes: number; loaded: boolean }> }>;
  showGraph(): { onDidPaint: vscode.Event<GraphPaint>; onDidSettle: vscode.Event<void>; panel: vscode.WebviewPanel };
}

const notes = Number(process.env.TORII_SCALE_NOTES ?? '1000');
const label = process.env.TORII_SCALE_LABEL ?? '1k';

function next<T>(event: vscode.Event<T>): Promise<T> {
  return new Promise((resolve) => {
    const subscription = event((value) => {
      subscription.dispose();
      resolve(value);
    });
  });
}

describe(`the graph of ${notes} generated notes`, () => {
  it('draws its first frame, and says how long that took', async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<ScaleApi>('torii-notes.torii')!;
    const api = await extension.activate();
    // Indexed: the server says so (diagnostics arrive note by note meanwhile; each is a chance to ask).
    const started = Date.now();
    for (;;) {
      const status = await api.status();
      if (status.folders[0]?.loaded && status.folders[0].notes >= notes) break;
      await next(vscode.languages.onDidChangeDiagnostics);
    }
    console.log(`      indexed ${notes} notes ${Math.round((Date.now() - started) / 1000)} s after activation`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    let panel = api.showGraph();
    const settled = next(panel.onDidSettle);
    const first = await next(panel.onDidPaint);
    assert.ok(first.nodes >= notes, `${first.nodes} nodes`);
    console.log(`      Torii: graph of ${first.nodes} nodes and ${first.edges} edges: first frame ${first.sinceOpenedMs} ms after the command; ${first.totalMs} ms after the webview asked (torii/graph ${first.requestMs} ms, to the webview ${first.transferMs} ms, drawing ${first.drawMs} ms: model ${first.buildMs}, renderer ${first.rendererMs}, first frame ${first.drawMs - first.buildMs - first.rendererMs}), just after indexing`);
    await settled;
    await screenshot(`graph-${label}`, '#graph canvas');
    panel.panel.dispose();
    panel = api.showGraph();
    const again = await next(panel.onDidPaint);
    console.log(`      Torii: graph opened again: first frame ${again.sinceOpenedMs} ms after the command; ${again.totalMs} ms after the webview asked (torii/graph ${again.requestMs} ms, to the webview ${again.transferMs} ms, drawing ${again.drawMs} ms: model ${again.buildMs}, renderer ${again.rendererMs}, first frame ${again.drawMs - again.buildMs - again.rendererMs})`);
  });
});
