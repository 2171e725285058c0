import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

describe('language server: faults and load', function () {
  this.timeout(60000);
  let client: TestClient;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    await client.initialize();
    await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
  });

  after(async () => client.shutdown());

  it('answers a request whose handler throws with an error, and goes on', async () => {
    await assert.rejects(client.request('textDocument/documentSymbol', { textDocument: null }), (error: { code?: number }) => typeof error.code === 'number');
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri('kitchen/knives.md') } });
    assert.ok(symbols.length > 3);
  });

  it('keeps up with a burst of edits, cancelled requests and disk changes; never publishes an older version after a newer one', async () => {
    const uri = client.uri('kitchen/knives.md');
    const base = client.text('kitchen/knives.md');
    await client.open('kitchen/knives.md', base, 1);
    const versions: number[] = [];
    client.publicationListeners.push((params: PublishDiagnosticsParams) => {
      if (params.uri === uri && params.version !== undefined) versions.push(params.version);
    });
    const lastVersion = 201;
    const requests: Array<Promise<'answered' | 'cancelled'>> = [];
    for (let version = 2; version <= lastVersion; version++) {
      const line = base.split('\n').length + (version % 7);
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: `${base}\n${'🗄 `metals.md` tempering\n'.repeat(version % 7)}📙 McG` }],
      });
      const source = new CancellationTokenSource();
      requests.push(
        client.connection
          .sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: 6 } }, source.token)
          .then(() => 'answered' as const, (error: { code?: number }) => {
            assert.strictEqual(error.code, -32800, `a request failed instead of being cancelled: ${JSON.stringify(error)}`);
            return 'cancelled' as const;
          }),
      );
      if (version % 2 === 0) source.cancel();
      if (version === 100) {
        fs.writeFileSync(path.join(client.root, 'kitchen', 'scratch.md'), '# ⛩️\n## scratch\n');
        void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('kitchen/scratch.md'), type: 1 }] });
      }
    }
    const outcomes = await Promise.all(requests);
    assert.strictEqual(outcomes.length, 200);
    assert.ok(outcomes.includes('answered'));
    await client.diagnosticsFor('kitchen/knives.md', () => versions[versions.length - 1] === lastVersion);
    for (let index = 1; index < versions.length; index++) assert.ok(versions[index] >= versions[index - 1], `version ${versions[index]} published after ${versions[index - 1]}`);
    const status = await client.request<{ memory: { heapUsedMb: number } }>('torii/status', {});
    assert.ok(status.memory.heapUsedMb < 400, `${status.memory.heapUsedMb} MB`);
  });
});

describe('language server: boundaries', function () {
  this.timeout(30000);

  it('never opens what a 🗄 target names outside the workspace', async () => {
    const client = new TestClient(TestClient.copySample());
    // A real file just outside the workspace folder, named by a relative path from inside it.
    fs.writeFileSync(path.join(path.dirname(client.root), 'secret.md'), '# ⛩️\n## passwords\n');
    fs.writeFileSync(path.join(client.root, 'escape.md'), '# ⛩️\n🗄 `../../secret.md` passwords\n🗄 `../../../etc/passwd`\n');
    try {
      await client.initialize();
      await client.open('escape.md');
      const definition = await client.request<unknown[]>('textDocument/definition', { textDocument: { uri: client.uri('escape.md') }, position: { line: 1, character: 8 } });
      assert.deepStrictEqual(definition, []);
      const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: client.uri('escape.md') }, position: { line: 1, character: 8 } });
      assert.match(hover.contents.value, /points outside the workspace; Torii does not follow it/);
      const symbols = await client.request<Array<{ location: { uri: string } }>>('workspace/symbol', { query: 'passwords' });
      assert.deepStrictEqual(symbols, [], 'nothing outside the folder was indexed');
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: a link out of the workspace, made while it runs', function () {
  this.timeout(30000);

  it('never reads through it: the file says it is not followed, and links to it are neither dead nor another collection\'s', async () => {
    const client = new TestClient(TestClient.copySample());
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.md'), '# ⛩️\n## passwords\n');
    fs.writeFileSync(path.join(client.root, 'asks.md'), '# ⛩️\n## asks\n🗄 `secret.md` passwords\n');
    try {
      await client.initialize();
      const before = await client.diagnosticsFor('asks.md', (all) => all.length > 0);
      assert.match(String(before[0].message), /`secret\.md` is not in this workspace/);
      // As a shell makes it: the link, then the file event an editor's watcher sends.
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(client.root, 'secret.md'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('secret.md'), type: 1 }] });
      const own = await client.diagnosticsFor('secret.md', (all) => all.length > 0);
      assert.deepStrictEqual(own.map((diagnostic) => `${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`), ['3 unreadable: link to a place outside the workspace: not followed']);
      await client.diagnosticsFor('asks.md', (all) => all.length === 0);
      const symbols = await client.request<unknown[]>('workspace/symbol', { query: 'passwords' });
      assert.deepStrictEqual(symbols, [], 'nothing behind the link was read');
      const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: client.uri('asks.md') }, position: { line: 2, character: 5 } });
      assert.match(hover.contents.value, /is in the workspace, but Torii does not read it as a note: link to a place outside the workspace: not followed/);
      // The link removed: the note is not there any more, and the link says so again.
      fs.unlinkSync(path.join(client.root, 'secret.md'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('secret.md'), type: 3 }] });
      const after = await client.diagnosticsFor('asks.md', (all) => all.length > 0);
      assert.match(String(after[0].message), /`secret\.md` is not in this workspace/);
    } finally {
      await client.shutdown();
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('language server: a pipe named .md, made while it runs', function () {
  this.timeout(30000);

  it('is no note, and the server never waits on it for a writer', async function () {
    if (process.platform === 'win32') this.skip();
    const client = new TestClient(TestClient.copySample());
    try {
      await client.initialize();
      await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
      assert.strictEqual(spawnSync('mkfifo', [path.join(client.root, 'pipe.md')]).status, 0, 'mkfifo');
      fs.writeFileSync(path.join(client.root, 'after.md'), '# ⛩️\n## after\n🗄 `pipe.md`\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: client.uri('pipe.md'), type: 1 }, { uri: client.uri('after.md'), type: 1 }],
      });
      // The note after it in the same batch is read and checked: the server did not stop at the pipe.
      const after = await client.diagnosticsFor('after.md', (all) => all.length > 0);
      assert.match(String(after[0].message), /`pipe\.md` is not in this workspace/);
      const status = await client.request<{ folders: Array<{ unreadable: number }> }>('torii/status', {});
      assert.deepStrictEqual(status.folders.map((folder) => folder.unreadable), [0]);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: notes open outside any folder', function () {
  this.timeout(30000);

  it('rechecks the other such notes when one of them closes: a link to it no longer leads there', async () => {
    const client = new TestClient(TestClient.copySample());
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-loose-'));
    try {
      await client.initialize();
      const [a, b] = ['a.md', 'b.md'].map((name) => path.relative(client.root, path.join(loose, name)));
      await client.open(a, '# ⛩️\n🗄 `b.md` burr\n');
      await client.open(b, '# ⛩️\n## burr\n');
      await client.diagnosticsFor(a, (all) => all.length === 0);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(b) } });
      const after = await client.diagnosticsFor(a, (all) => all.length > 0);
      assert.match(String(after[0].message), /`b\.md`/);
    } finally {
      await client.shutdown();
      fs.rmSync(loose, { recursive: true, force: true });
    }
  });
});
