/**
 * **Torii: Show graph**: a webview of the notes and the 🗄 references between them, drawn by
 * sigma.js (WebGL) with the ForceAtlas2 layout in a worker. The data comes from `torii/graph`;
 * this file hosts the webview, follows the editor for local graphs, refreshes when notes change,
 * and opens the note a click asks for.
 */

import * as crypto from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GRAPH_REQUEST, type GraphDto } from '../../../server/src/lsp/protocol';
import { toWebviewGraph, type FromWebview, type GraphScopeName, type ToWebview } from './messages';

/** How long diagnostics must be quiet before the graph is asked for again: a collection being indexed changes them note by note. */
const REFRESH_DELAY_MS = 1500;

/** What tests and the status of a paint report. */
export interface GraphPaint {
  nodes: number;
  edges: number;
  /** The focused note of a local graph (its path in its folder). */
  focus?: string;
  /** From the command that opened the graph to this frame on screen (the webview's clock at the frame: the message back is not counted). */
  sinceOpenedMs: number;
  /** From the request for this graph to its first frame on screen. */
  totalMs: number;
  /** From the request to `torii/graph` to its answer. */
  requestMs: number;
  /** From posting the graph to the webview to its arrival there. */
  transferMs: number;
  /** From the graph's arrival in the webview to its first frame. */
  drawMs: number;
  /** Of `drawMs`: building the graph's model, and setting up the renderer (the rest is the first frame itself). */
  buildMs: number;
  rendererMs: number;
}

export class GraphPanel implements vscode.Disposable {
  private static current: GraphPanel | undefined;
  private readonly painted = new vscode.EventEmitter<GraphPaint>();
  /** Fires each time the webview has drawn a graph it was sent. */
  readonly onDidPaint = this.painted.event;
  private readonly filtered = new vscode.EventEmitter<{ shown: number; orphansListed: number }>();
  /** Fires when a filter of the webview changed: how many nodes are drawn, how many orphans listed apart. */
  readonly onDidFilter = this.filtered.event;
  private readonly settled = new vscode.EventEmitter<void>();
  /** Fires when the layout stops by itself and the picture holds still. */
  readonly onDidSettle = this.settled.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private scope: GraphScopeName = 'all';
  private graph: GraphDto | undefined;
  private readonly openedAt = Date.now();
  private requestedAt = Date.now();
  private requestMs = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private lastNote: vscode.Uri | undefined;
  private readonly located = new Map<number, (position: { x: number; y: number } | undefined) => void>();
  private nextLocateId = 1;

  /** Opens the graph, or shows the one already open. */
  static show(context: vscode.ExtensionContext, client: LanguageClient, onNotesChanged: vscode.Event<void>): GraphPanel {
    if (GraphPanel.current) {
      GraphPanel.current.panel.reveal();
      return GraphPanel.current;
    }
    const panel = vscode.window.createWebviewPanel('torii.graph', 'Torii: graph', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
    });
    GraphPanel.current = new GraphPanel(panel, context.extensionUri, client, onNotesChanged);
    return GraphPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    onNotesChanged: vscode.Event<void>,
  ) {
    this.lastNote = activeNote();
    panel.webview.html = graphHtml(panel.webview, extensionUri);
    this.subscriptions.push(
      this.painted,
      this.settled,
      this.filtered,
      panel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      vscode.window.onDidChangeActiveTextEditor(() => {
        const note = activeNote();
        if (!note || note.toString() === this.lastNote?.toString()) return;
        this.lastNote = note;
        // A local graph follows the editor.
        if (this.scope !== 'all') void this.load(false);
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      // A link added on disk that resolves changes no diagnostics: the server says notes changed.
      onNotesChanged(() => this.refreshSoon()),
    );
  }

  /** Where a note's node is drawn, for tests that click it; undefined when it is not shown. */
  locate(notePath: string): Promise<{ x: number; y: number } | undefined> {
    const id = this.nextLocateId++;
    return new Promise((resolve) => {
      this.located.set(id, resolve);
      void this.post({ type: 'locate', id, path: notePath });
    });
  }

  /** Shows the whole collection or the local graph of the active note, as the webview's own control does. */
  setScope(scope: GraphScopeName): Promise<void> {
    this.scope = scope;
    return this.load(false);
  }

  private receive(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        void this.load(false);
        break;
      case 'scope':
        this.scope = message.scope;
        void this.load(false);
        break;
      case 'open':
        void this.open(message.node);
        break;
      case 'painted':
        this.painted.fire({
          ...(this.graph?.focus !== undefined ? { focus: this.graph.paths[this.graph.focus] } : {}), nodes: message.nodes, edges: message.edges, requestMs: this.requestMs, transferMs: message.transferMs, drawMs: message.drawMs, buildMs: message.buildMs, rendererMs: message.rendererMs, totalMs: message.paintedAt - this.requestedAt, sinceOpenedMs: message.paintedAt - this.openedAt });
        break;
      case 'filtered':
        this.filtered.fire({ shown: message.shown, orphansListed: message.orphansListed });
        break;
      case 'settled':
        this.settled.fire();
        break;
      case 'located':
        this.located.get(message.id)?.(message.x === undefined || message.y === undefined ? undefined : { x: message.x, y: message.y });
        this.located.delete(message.id);
        break;
    }
  }

  private refreshSoon(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.load(true), REFRESH_DELAY_MS);
  }

  /** Asks the server for the graph of the current scope and sends it to the webview. */
  private async load(update: boolean): Promise<void> {
    const scope = this.scope;
    const note = scope === 'all' ? undefined : this.lastNote;
    if (scope !== 'all' && !note) {
      await this.post({ type: 'empty', scope, message: 'Open a note to see its local graph.' });
      return;
    }
    const started = Date.now();
    if (!update) this.requestedAt = started;
    let graph: GraphDto;
    try {
      graph = await this.client.sendRequest<GraphDto>(GRAPH_REQUEST, note ? { uri: note.toString(), hops: scope === 'local2' ? 2 : 1 } : {});
      if (!update) this.requestMs = Date.now() - started;
    } catch (error) {
      await this.post({ type: 'empty', scope, message: `The graph could not be made: ${(error as Error).message}` });
      return;
    }
    if (scope !== this.scope) return;
    if (note && graph.focus === undefined) {
      await this.post({ type: 'empty', scope, message: `${vscode.workspace.asRelativePath(note)} is not a note of a workspace folder.` });
      return;
    }
    if (update && this.graph && sameGraph(this.graph, graph)) return;
    this.graph = graph;
    await this.post({ type: 'graph', graph: toWebviewGraph(graph), scope, update, sentAt: Date.now(), ...(note ? { focusLabel: vscode.workspace.asRelativePath(note) } : {}) });
  }

  private async open(node: number): Promise<void> {
    const graph = this.graph;
    if (!graph || graph.folder[node] === undefined || graph.folder[node] < 0) return;
    const uri = vscode.Uri.joinPath(vscode.Uri.parse(graph.roots[graph.root[node]]), ...graph.paths[node].split('/'));
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  private post(message: ToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const resolve of this.located.values()) resolve(undefined);
    this.panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The active editor's note, when it is a Markdown file. */
function activeNote(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && document.languageId === 'markdown' && document.uri.scheme === 'file' ? document.uri : undefined;
}

function sameGraph(a: GraphDto, b: GraphDto): boolean {
  const columns = ['paths', 'incoming', 'outgoing', 'dead', 'external', 'edgeStart', 'edgeTarget', 'edgeCount'] as const;
  return a.focus === b.focus && columns.every((column) => a[column].length === b[column].length && a[column].every((value, at) => value === b[column][at]));
}

/**
 * The webview's page: one bundled script and one stylesheet from the extension, nothing remote.
 * The policy allows only those, and blob: workers (the layout runs in one).
 */
function graphHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = crypto.randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'graph.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'graph.css'));
  const policy = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    'worker-src blob:',
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Torii: graph</title>
</head>
<body>
<header id="toolbar">
  <select id="scope" aria-label="What the graph shows">
    <option value="all">Whole collection</option>
    <option value="local1">Active note, 1 hop</option>
    <option value="local2">Active note, 2 hops</option>
  </select>
  <label><input type="checkbox" id="show-live" checked> live links</label>
  <label><input type="checkbox" id="show-dead" checked> dead links</label>
  <label><input type="checkbox" id="orphans-apart"> orphans apart</label>
  <button id="layout" type="button">Pause layout</button>
  <span id="status" role="status"></span>
</header>
<main>
  <div id="graph"></div>
  <aside id="side">
    <section><h2>Folders</h2><div id="folders"></div></section>
    <section id="orphans-section" hidden><h2>Orphans <span id="orphan-count"></span></h2><ul id="orphans"></ul></section>
  </aside>
</main>
<div id="tooltip" hidden></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
