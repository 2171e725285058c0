/**
 * Keeps, for each open note, what the Markdown preview needs to draw it (`torii/preview`): asked
 * for when a note opens, shows or changes, and, for the notes a preview draws, again when another
 * note changes (in an editor, on disk, or in its diagnostics): a line added above a heading moves
 * where a link to it leads, and a 📙 typed elsewhere changes a 📚 entry's citations, with this
 * note's text and diagnostics as they were. All this only while a Markdown preview is open. The
 * preview's plugin reads it synchronously; when it arrives or changes, the preview is refreshed.
 * With no preview open nothing is asked: at 10,000 notes each answer for a long note cost the
 * server about a second, after every edit.
 */

import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type NotePlaceDto, type PreviewDto } from '../../../server/src/lsp/protocol';
import type { PreviewModel } from './markdownItPlugin';

const EDIT_DELAY_MS = 250;
const OTHER_NOTES_DELAY_MS = 500;

export class PreviewData implements vscode.Disposable {
  private readonly byUri = new Map<string, PreviewDto>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with a note's URI once new data for it is in and the preview was asked to refresh: tests wait on it. */
  readonly onDidUpdate = this.updated.event;
  private readonly subscriptions: vscode.Disposable[];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly refreshed = new Set<string>();
  /** The notes a preview has drawn since previews were last all closed: those another note's change can redraw. */
  private readonly previewed = new Set<string>();
  /** How many times the server was asked (tests check that nothing is asked with no preview open). */
  requests = 0;

  constructor(private readonly client: LanguageClient, onNotesChanged: vscode.Event<void>) {
    this.subscriptions = [
      this.updated,
      vscode.workspace.onDidOpenTextDocument((document) => this.want(document, 0)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        this.want(document, EDIT_DELAY_MS);
        if (document.languageId === 'markdown') this.otherNoteChanged(document.uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.byUri.delete(document.uri.toString())),
      // The last preview closed: nothing to keep up to date until one opens and asks again.
      vscode.window.tabGroups.onDidChangeTabs(() => {
        if (previewsOpen()) return;
        for (const timer of this.timers.values()) clearTimeout(timer);
        this.timers.clear();
        this.byUri.clear();
        this.previewed.clear();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.want(editor.document, 0)),
      // Another note changed (a heading renamed, a note created): this note's targets may have too.
      vscode.languages.onDidChangeDiagnostics(() => this.otherNoteChanged(undefined)),
      // Notes changed on disk (a shell, git) and read again by the server, diagnostics or not.
      onNotesChanged(() => this.otherNoteChanged(undefined)),
    ];
    for (const document of vscode.workspace.textDocuments) this.want(document, 0);
  }

  /** Asks again, after a pause, for the data of every note a preview draws but `changed` (undefined: any). */
  private otherNoteChanged(changed: string | undefined): void {
    if (!previewsOpen()) return;
    for (const uri of this.previewed) if (uri !== changed && this.byUri.has(uri)) this.schedule(uri, OTHER_NOTES_DELAY_MS);
  }

  /** What the plugin draws a document with; undefined (plain Markdown) until its data is in. */
  modelFor(env: unknown): PreviewModel | undefined {
    const current = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
    if (!current || current.scheme !== 'file') return undefined;
    const key = current.toString();
    this.previewed.add(key);
    const data = this.byUri.get(key);
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
    if (!data || !document) {
      // Asked for a note nobody announced (a preview opened on its own): fetch it, draw plain now.
      if (!this.timers.has(key)) this.schedule(key, 0);
      return undefined;
    }
    const from = path.posix.dirname(current.path);
    return {
      data,
      lines: document.getText().split(/\r\n|\r|\n/),
      hrefTo: (place: NotePlaceDto) => {
        const target = vscode.Uri.parse(place.uri);
        // Each component encoded (`#meta.md` → `%23meta.md`); VS Code's link opener reads `#L12` as the line.
        const relative = path.posix.relative(from, target.path).split('/').map(encodeURIComponent).join('/');
        return `${relative}#L${place.line + 1}`;
      },
      describe: (place: NotePlaceDto) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(place.uri), false)}:${place.line + 1}`,
    };
  }

  /** A note was opened, shown or edited: ask ahead, so that an open preview draws it at once. */
  private want(document: vscode.TextDocument, delayMs: number): void {
    if (document.languageId !== 'markdown' || document.uri.scheme !== 'file' || !previewsOpen()) return;
    this.schedule(document.uri.toString(), delayMs);
  }

  private schedule(uri: string, delayMs: number): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.fetch(uri);
    }, delayMs));
  }

  private async fetch(uri: string): Promise<void> {
    let data: PreviewDto | null;
    this.requests++;
    try {
      data = await this.client.sendRequest<PreviewDto | null>(PREVIEW_REQUEST, { uri });
    } catch {
      return;
    }
    const before = this.byUri.get(uri);
    if (!data) {
      this.byUri.delete(uri);
      return;
    }
    this.byUri.set(uri, data);
    const same = before !== undefined && JSON.stringify({ ...before, version: 0 }) === JSON.stringify({ ...data, version: 0 });
    if (!same) this.refreshPreviews(vscode.Uri.parse(uri));
  }

  /** One refresh for data that arrives together (VS Code refreshes every preview at once). */
  private refreshPreviews(uri: vscode.Uri): void {
    this.refreshed.add(uri.toString());
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      const uris = [...this.refreshed];
      this.refreshed.clear();
      const announce = () => uris.forEach((refreshed) => this.updated.fire(vscode.Uri.parse(refreshed)));
      void Promise.resolve(vscode.commands.executeCommand('markdown.preview.refresh')).then(announce, announce);
    }, 50);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Whether a Markdown preview is open in any editor group (a webview tab of VS Code's preview). */
function previewsOpen(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview')));
}
