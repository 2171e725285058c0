/**
 * A minimal LSP client for protocol tests: starts the built server with `--stdio`, speaks
 * JSON-RPC to it as an editor would, and turns `publishDiagnostics` into promises a test can
 * wait on (a real signal, never a sleep).
 */

import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ToriiStatus } from '../../src/lsp/protocol';

export const SERVER = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'server.js');
const SAMPLE = path.resolve(__dirname, '..', '..', '..', '..', 'test-fixtures', 'notes-kb');

type Waiter = { uri: string; predicate: (diagnostics: Diagnostic[]) => boolean; resolve: (diagnostics: Diagnostic[]) => void };

/**
 * A file URI as VS Code writes it (`vscode-uri`): every character but letters, digits, `-._~` and
 * `/` percent-encoded, so `knife(old).md` is `knife%28old%29.md`, where Node's `pathToFileURL`
 * leaves the parentheses as they are.
 */
export function vscodeFileUri(fsPath: string): string {
  return `file://${fsPath.split(path.sep).map((part) => encodeURIComponent(part).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')}`;
}

export class TestClient {
  /** The servers started and not yet shut down: one left running keeps mocha from ever exiting. */
  static readonly running = new Set<TestClient>();
  readonly connection: MessageConnection;
  /** Over stdio; none over node-ipc. */
  private readonly reader: StreamMessageReader | undefined;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times each document's diagnostics were published. */
  readonly publications = new Map<string, number>();
  readonly logs: string[] = [];
  /** What the server registered (`client/registerCapability`): method and options. */
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  private readonly waiters: Waiter[] = [];
  /**
   * Called with every publication, before the waiters are: a test that watches publications adds
   * one here (a second handler for the notification would replace the client's, and its waiters
   * would never hear again).
   */
  readonly publicationListeners: Array<(params: PublishDiagnosticsParams) => void> = [];
  private readonly logWaiters: Array<{ pattern: RegExp; resolve: (message: string) => void }> = [];
  private readonly process: cp.ChildProcess;
  settings: Record<string, unknown> = {};

  /**
   * `uid`: run the server as another user (the bad-files test runs it as `nobody` when tests run as
   * root). `env`: variables added to the server's environment. `transport`: `stdio`, as Neovim
   * starts the server, or `ipc` (`--node-ipc`), as VS Code does. `uriStyle`: how this client writes
   * file URIs, as Node does or as VS Code does (`vscodeFileUri`); a URI the server sends is read
   * back into this client's style, as an editor parses it.
   */
  constructor(readonly root: string, uid?: number, env: Record<string, string> = {}, transport: 'stdio' | 'ipc' = 'stdio', readonly uriStyle: 'node' | 'vscode' = 'node') {
    const ipc = transport === 'ipc';
    this.process = cp.spawn(process.execPath, [SERVER, ipc ? '--node-ipc' : '--stdio'], { stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'], uid, env: { ...process.env, ...env } });
    TestClient.running.add(this);
    this.process.on('exit', () => TestClient.running.delete(this));
    this.process.stderr!.on('data', (chunk) => this.logs.push(String(chunk)));
    this.reader = ipc ? undefined : new StreamMessageReader(this.process.stdout!);
    this.connection = ipc
      ? createMessageConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process))
      : createMessageConnection(this.reader!, new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (sent: PublishDiagnosticsParams) => {
      const params = { ...sent, uri: this.canonical(sent.uri) };
      for (const listener of this.publicationListeners) listener(params);
      this.diagnostics.set(params.uri, params.diagnostics);
      this.publications.set(params.uri, (this.publications.get(params.uri) ?? 0) + 1);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      for (const waiter of [...this.logWaiters]) {
        if (!waiter.pattern.test(params.message)) continue;
        this.logWaiters.splice(this.logWaiters.indexOf(waiter), 1);
        waiter.resolve(params.message);
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.listen();
  }

  /** Copies the sample workspace to a temporary folder, so tests may change it. */
  static copySample(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-lsp-'));
    const target = path.join(root, 'notes-kb');
    fs.cpSync(SAMPLE, target, { recursive: true });
    return target;
  }

  uri(relative: string): string {
    return this.fileUri(path.join(this.root, relative));
  }

  /** A URI the server sent, written as this client writes it: a server may spell a path otherwise (`(` or `%28`). */
  canonical(uri: string): string {
    if (!uri.startsWith('file:')) return uri;
    try {
      return this.fileUri(fileURLToPath(uri));
    } catch {
      return uri;
    }
  }

  private fileUri(fsPath: string): string {
    return this.uriStyle === 'vscode' ? vscodeFileUri(fsPath) : pathToFileURL(fsPath).href;
  }

  text(relative: string): string {
    return fs.readFileSync(path.join(this.root, relative), 'utf8');
  }

  /**
   * `workspaceCapabilities` are added to the client's `workspace` capabilities (`workspaceEdit`,
   * …); `initializationOptions` are sent as they are.
   */
  /** `clientInfo`: the client's name and version as it gives them (Neovim: `{ name: 'Neovim', version: '0.7.2' }`). */
  /** `textDocumentCapabilities` are added to the client's `textDocument` capabilities (`completion`, …). */
  async initialize(workspaceCapabilities: Record<string, unknown> = {}, initializationOptions?: Record<string, unknown>, clientInfo?: { name: string; version?: string }, textDocumentCapabilities: Record<string, unknown> = {}): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      ...(clientInfo ? { clientInfo } : {}),
      ...(initializationOptions ? { initializationOptions } : {}),
      rootUri: this.fileUri(this.root),
      workspaceFolders: [{ uri: this.fileUri(this.root), name: path.basename(this.root) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, ...workspaceCapabilities },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true }, ...textDocumentCapabilities },
      },
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the diagnostics of `relative` once a publication satisfies `predicate` (or already has). */
  diagnosticsFor(relative: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const uri = this.uri(relative);
    const current = this.diagnostics.get(uri);
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolve) => this.waiters.push({ uri, predicate, resolve }));
  }

  open(relative: string, text = this.text(relative), version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(relative), languageId: 'markdown', version, text } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Waits until the server has read every folder and checked everything an edit can change: each poll is a real round trip. */
  async settled(): Promise<void> {
    for (;;) {
      const status = await this.request<ToriiStatus>('torii/status', {});
      if (status.pendingChecks === 0 && status.folders.every((folder) => folder.loaded)) return;
    }
  }

  /** Resolves with the first message the server logs from now on that matches `pattern`. */
  logged(pattern: RegExp): Promise<string> {
    return new Promise((resolve) => this.logWaiters.push({ pattern, resolve }));
  }

  /**
   * Stops the server's process where it is (SIGSTOP), as a server busy with one long request is:
   * what the client sends meanwhile waits in the pipe. `thaw` lets it go on. Not on Windows.
   */
  freeze(): void {
    this.process.kill('SIGSTOP');
  }

  thaw(): void {
    this.process.kill('SIGCONT');
  }

  /** Stops the server without asking it (one that may not answer any more). */
  kill(): void {
    TestClient.running.delete(this);
    this.dispose();
    this.process.kill('SIGKILL');
  }

  /**
   * Disposes of the connection, and of its reader's wait for the rest of a message: a server
   * stopped in the middle of writing one left that wait re-arming itself every 10 s after the
   * connection was disposed (vscode-jsonrpc's reader does not stop it), and mocha never exited.
   */
  private dispose(): void {
    this.connection.dispose();
    if (!this.reader) return;
    this.reader.partialMessageTimeout = 0;
    (this.reader as unknown as { clearPartialMessageTimer?: () => void }).clearPartialMessageTimer?.();
  }

  /** Ends the server, and removes the temporary folder the notes are in unless `keepNotes`. */
  async shutdown({ keepNotes = false }: { keepNotes?: boolean } = {}): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      TestClient.running.delete(this);
      this.dispose();
      this.process.kill();
      // Only a test's own temporary folder (`torii-…`, as `copySample` makes): never what holds it
      // (one made right in the temporary folder once took the whole of /tmp with it).
      const parent = path.dirname(this.root);
      if (!keepNotes && path.dirname(parent) === os.tmpdir() && path.basename(parent).startsWith('torii-')) fs.rmSync(parent, { recursive: true, force: true });
    }
  }
}

// A test that fails before its `shutdown` leaves its server running, and mocha, which waits for
// every child to end, would then never exit or print its summary: stop such servers at the end, and say so.
// (Outside mocha, a script that uses this client, there is no `after`.)
if (typeof after === 'function') {
  after(function () {
    for (const client of TestClient.running) {
      console.warn(`a test left the server for ${client.root} running: stopped after the last test`);
      client.kill();
    }
  });
}

/**
 * For a `describe` whose tests share one server: a client on a copy of the sample notes,
 * initialized and settled before its tests, shut down after them; the tests take it from the
 * function returned.
 */
export function settledSampleClient(transport: 'stdio' | 'ipc' = 'stdio'): () => TestClient {
  let client: TestClient | undefined;
  before(async () => {
    client = new TestClient(TestClient.copySample(), undefined, {}, transport);
    await client.initialize();
    await client.settled();
  });
  after(async () => client?.shutdown());
  return () => client!;
}
