import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import type { ToriiStatus } from '../../src/lsp/protocol';
import { HIGH_WATER } from '../../src/lsp/pacedReader';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER, TestClient } from './lspClient';

const NOTES = 1500;

/**
 * A client that opens every note of a folder at once (some do) sends messages far faster than the
 * server handles them. Over stdio the server reads them at the pace it handles them: the client's
 * writes wait in the pipe, not in the server's memory, and nothing is lost or reordered.
 */
describe('language server over stdio: a flood of messages', function () {
  this.timeout(120000);
  let client: TestClient;
  let root: string;

  before(async () => {
    root = TestClient.copySample();
    fs.mkdirSync(path.join(root, 'many'));
    for (let n = 0; n < NOTES; n++) {
      const body = Array.from({ length: 60 }, (_, line) => `* line ${line} of note ${n}: 🗄 \`metals.md\` tempering`).join('\n');
      fs.writeFileSync(path.join(root, 'many', `note-${n}.md`), `# ⛩️ NOTE ${n}\n## part\n${body}\n`);
    }
    client = new TestClient(root);
    await client.initialize();
    await client.settled();
  });

  after(async () => {
    await client.shutdown();
  });

  it('opens every note sent at once, holding back what it has not handled, and answers after', async () => {
    const last = `many/note-${NOTES - 1}.md`;
    const opened: Array<Promise<void>> = [];
    for (let n = 0; n < NOTES; n++) {
      const file = `many/note-${n}.md`;
      // The last note is opened with a dead link its file does not have: its diagnostics must come.
      opened.push(client.open(file, file === last ? `${client.text(file)}🗄 \`metals.md\` no such section here\n` : undefined));
    }
    await Promise.all(opened);
    const diagnostics = await client.diagnosticsFor(last, (list) => list.some((diagnostic) => /no such section here/.test(String(diagnostic.message))));
    assert.strictEqual(diagnostics.length, 1);
    const status = await client.request<ToriiStatus>('torii/status', {});
    assert.ok(status.messages, 'the status tells how many messages waited');
    assert.ok(status.messages.mostWaiting > HIGH_WATER, `the flood was held back (${status.messages.mostWaiting} waited at most)`);
    // What the pipe had already delivered still comes after a pause (a few hundred at most here);
    // without the pause, 1,231 of the 1,500 waited.
    assert.ok(status.messages.mostWaiting < NOTES / 3, `the input was paused: ${status.messages.mostWaiting} waited at most, of ${NOTES}`);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(last) } });
    assert.ok(symbols.some((symbol) => symbol.name.includes('part') || symbol.children?.some((child) => child.name.includes('part'))), JSON.stringify(symbols).slice(0, 300));
  });
});

/** With its own reader over stdio the server watches stdin itself: a client that goes away ends it. */
describe('language server over stdio: the client closing its end', function () {
  this.timeout(30000);

  async function exitCodeAfterClosing(shutdownFirst: boolean): Promise<number | null> {
    const server = cp.spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.listen();
    await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    if (shutdownFirst) await connection.sendRequest('shutdown');
    server.stdin!.end();
    const code = await exited;
    connection.dispose();
    return code;
  }

  it('ends with an error code when the client closes stdin without a shutdown', async () => {
    assert.strictEqual(await exitCodeAfterClosing(false), 1);
  });

  it('ends cleanly when the client closes stdin after a shutdown', async () => {
    assert.strictEqual(await exitCodeAfterClosing(true), 0);
  });
});
