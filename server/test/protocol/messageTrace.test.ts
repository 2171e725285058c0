import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ToriiStatus } from '../../src/lsp/protocol';
import { TestClient } from './lspClient';

const SUMMARY = path.resolve(__dirname, '..', '..', '..', '..', 'bench', 'trace-summary.js');

interface TraceEvent {
  e: string;
  t: number;
  method?: string;
  id?: number;
  uri?: string;
  version?: number;
}

describe('language server: timing an edit to its diagnostics', function () {
  this.timeout(30000);
  const traceFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torii-trace-')), 'trace.jsonl');
  let client: TestClient;

  before(async () => {
    client = new TestClient(TestClient.copySample(), undefined, { TORII_TRACE: traceFile });
    await client.initialize();
    await client.settled();
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(path.dirname(traceFile), { recursive: true, force: true });
  });

  it('reports the version published, and TORII_TRACE records the edit read and its diagnostics written, which the summary pairs', async () => {
    const text = client.text('kitchen/knives.md');
    await client.open('kitchen/knives.md', text, 1);
    const edited = `${text}\n🗄 \`no-such-note.md\`\n`;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri('kitchen/knives.md'), version: 2 }, contentChanges: [{ text: edited }] });
    await client.diagnosticsFor('kitchen/knives.md', (all) => all.some((diagnostic) => /no-such-note/.test(String(diagnostic.message))));
    await client.settled();
    // The status request says which version's diagnostics were published (the scale test waits on it).
    assert.strictEqual((await client.request<ToriiStatus>('torii/status', { uri: client.uri('kitchen/knives.md') })).publishedVersion, 2);

    const events = fs.readFileSync(traceFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TraceEvent);
    const uri = client.uri('kitchen/knives.md');
    const change = events.find((event) => event.e === 'r' && event.method === 'textDocument/didChange' && event.uri === uri && event.version === 2);
    const published = events.find((event) => event.e === 'w' && event.method === 'textDocument/publishDiagnostics' && event.uri === uri && event.version === 2);
    assert.ok(change && published, 'the change read and its diagnostics written are both in the trace');
    assert.ok(published.t >= change.t);
    const initialize = events.find((event) => event.e === 'r' && event.method === 'initialize');
    assert.ok(initialize && events.some((event) => event.e === 'w' && event.id === initialize.id), "the initialize request and its answer");

    const summary = cp.execFileSync(process.execPath, [SUMMARY, traceFile, '--uri', 'knives.md'], { encoding: 'utf8' });
    assert.match(summary, /1 edits with their diagnostics/);
    assert.match(summary, /v2 +[\d.]+ ms to its diagnostics/);
    assert.match(summary, /torii\/status +\d+×/);
  });
});
