/**
 * Torii's VS Code extension: starts the language server over IPC for Markdown files on disk,
 * restarts it if it dies (and says so), and offers a restart command. Everything else is the
 * server's.
 */

import * as path from 'path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { NOTES_CHANGED_NOTIFICATION, STATUS_REQUEST, type ToriiStatus } from '../../server/src/lsp/protocol';
import { registerBooksView, type BooksView } from './booksView';
import { PreviewData } from './preview/previewData';
import { toriiMarkdownIt } from './preview/markdownItPlugin';
import { GraphPanel } from './graph/graphPanel';
import { registerNewNoteCommands } from './newNote';
import { outlineMiddleware } from './outlineTitle';

/** What the extension returns from `activate`: used by the end-to-end tests. */
export interface ToriiApi {
  client: LanguageClient;
  books: BooksView;
  /** The server's status; with a document's URI, also the version of it whose diagnostics were last published. */
  status(uri?: string): Promise<ToriiStatus>;
  preview: PreviewData;
  showGraph(): GraphPanel;
  /** Called by VS Code's Markdown preview (`contributes.markdown.markdownItPlugins`). */
  extendMarkdownIt<T extends Parameters<typeof toriiMarkdownIt>[0]>(md: T): T;
}

/** Where the server keeps its index between sessions: this workspace's storage, unless the user turned the cache off. */
function indexCacheFolder(context: vscode.ExtensionContext): string | undefined {
  if (!vscode.workspace.getConfiguration('torii').get<boolean>('indexCache.enabled', true)) return undefined;
  return context.storageUri?.scheme === 'file' ? path.join(context.storageUri.fsPath, 'index-cache') : undefined;
}

const RESTART_WINDOW_MS = 3 * 60 * 1000;
const MAX_RESTARTS = 5;
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ToriiApi> {
  const output = vscode.window.createOutputChannel('Torii', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The Node arguments the server is measured with (package.json `torii.serverNodeArgs`: a young
  // generation of 8 MB, not 16, which keeps its memory lower at no measured cost in time); for
  // measuring Torii in a real editor, TORII_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" adds others.
  const nodeArgs = [
    ...((context.extension.packageJSON as { torii?: { serverNodeArgs?: string[] } }).torii?.serverNodeArgs ?? []),
    ...(process.env.TORII_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  ];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, ...(nodeArgs.length > 0 ? { options: { execArgv: nodeArgs } } : {}) },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const crashes: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    // File events: the server registers the watchers it needs (notes, and folders created or deleted).
    synchronize: { configurationSection: 'torii' },
    outputChannel: output,
    // The index kept between sessions, in VS Code's storage for this workspace (never in the notes' folder).
    // Read at each start of the server, so that the setting counts from the next restart.
    // `notesChanged`: the server says when notes changed and their rechecks are done (the views below listen).
    initializationOptions: () => ({ indexCacheFolder: indexCacheFolder(context), notesChanged: true }),
    middleware: outlineMiddleware(() => client),
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        // The server died: restart it, unless it keeps dying. Open documents are the editor's, so nothing typed is lost.
        const now = Date.now();
        crashes.push(now);
        while (crashes.length > 0 && crashes[0] < now - RESTART_WINDOW_MS) crashes.shift();
        if (crashes.length > MAX_RESTARTS) {
          void vscode.window.showErrorMessage(`Torii's language server stopped ${crashes.length} times in 3 minutes and was not restarted. See the "Torii" output, then run "Torii: Restart language server".`);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        void vscode.window.showWarningMessage("Torii's language server stopped unexpectedly and was restarted.");
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  const languageClient = new LanguageClient('torii', 'Torii', serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('torii.restartServer', async () => {
      crashes.length = 0;
      await languageClient.restart();
      void vscode.window.showInformationMessage("Torii's language server was restarted.");
    }),
    // A code lens "N references" opens VS Code's references peek at the anchor.
    vscode.commands.registerCommand('torii.showReferences', async (uri: string, position: { line: number; character: number }) => {
      const target = vscode.Uri.parse(uri);
      const at = new vscode.Position(position.line, position.character);
      const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, at);
      await vscode.commands.executeCommand('editor.action.showReferences', target, at, locations);
    }),
    vscode.commands.registerCommand('torii.showStatus', async () => {
      const status = await languageClient.sendRequest<ToriiStatus>(STATUS_REQUEST);
      const fromCache = (folder: ToriiStatus['folders'][number]) => (folder.indexCache && folder.loaded ? `, ${folder.indexCache.reused} from the index cache` : '');
      const folders = status.folders.map((folder) => `${path.basename(folder.root)}: ${folder.notes} notes${folder.unreadable ? `, ${folder.unreadable} unreadable` : ''}${folder.loaded ? '' : ' (indexing)'}${fromCache(folder)}`);
      void vscode.window.showInformationMessage(`Torii: ${folders.join('; ') || 'no folder'} · ${status.memory.heapUsedMb} MB`);
    }),
  );
  // Registered before the start: kept across restarts of the server.
  const notesChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(notesChanged, languageClient.onNotification(NOTES_CHANGED_NOTIFICATION, () => notesChanged.fire()));
  await languageClient.start();
  const { books, disposable: booksView } = registerBooksView(languageClient, notesChanged.event);
  context.subscriptions.push(booksView);
  const preview = new PreviewData(languageClient, notesChanged.event);
  const showGraph = () => GraphPanel.show(context, languageClient, notesChanged.event);
  context.subscriptions.push(preview, registerNewNoteCommands(), vscode.commands.registerCommand('torii.showGraph', showGraph));
  return {
    client: languageClient,
    books,
    status: (uri?: string) => languageClient.sendRequest<ToriiStatus>(STATUS_REQUEST, uri ? { uri } : {}),
    preview,
    showGraph,
    extendMarkdownIt: (md) => {
      toriiMarkdownIt(md, (env) => preview.modelFor(env));
      return md;
    },
  };
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
