import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

const MB = 1024 * 1024;

/**
 * A workspace of bad files beside good ones: each bad file gets one clear diagnostic (or a log
 * line), nothing crashes, and the server keeps answering.
 */
describe('language server: bad files', function () {
  this.timeout(120000);
  let client: TestClient;
  let root: string;

  before(async () => {
    root = TestClient.copySample();
    const write = (file: string, content: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), content);
    };
    write('bad/binary.md', Buffer.from([0x23, 0x20, 0x00, 0xff, 0x10]));
    write('bad/latin1.md', Buffer.from('# caf\xe9\n', 'latin1'));
    write('bad/crlf.md', '\ufeff# ⛩️\r\n\r\n🗄 `metals.md` tempering\r\n🗄 `metals.md` nothing like this\r\n');
    write('bad/long.md', `# ⛩️\n${'🗄 `a.md` b '.repeat(Math.floor(10 * MB / 12))}\n🗄 \`metals.md\` no such section\n`);
    write('bad/huge.md', `# ⛩️\n${'* _term_: definition\n'.repeat(Math.ceil((50 * MB) / 21))}`);
    write('bad/locked.md', '# ⛩️\n');
    fs.chmodSync(path.join(root, 'bad', 'locked.md'), 0o000);
    fs.mkdirSync(path.join(root, 'loop'));
    fs.symlinkSync(path.join(root, 'loop'), path.join(root, 'loop', 'again'));
    const data = path.join(root, 'data');
    fs.mkdirSync(data);
    for (let file = 0; file < 50000; file++) fs.writeFileSync(path.join(data, `row-${file}.csv`), '');
    // Root reads any file: run the server as `nobody` then, so that the locked file really is unreadable.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      for (let folder = root; folder !== path.dirname(folder); folder = path.dirname(folder)) {
        try {
          fs.chmodSync(folder, fs.statSync(folder).mode | 0o755);
        } catch {
          break;
        }
      }
      const chmodAll = (folder: string) => {
        for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
          if (entry.name === 'locked.md' || entry.isSymbolicLink() || folder === data) continue;
          const full = path.join(folder, entry.name);
          fs.chmodSync(full, entry.isDirectory() ? 0o755 : 0o644);
          if (entry.isDirectory()) chmodAll(full);
        }
      };
      chmodAll(root);
    }
    client = new TestClient(root, asRoot ? 65534 : undefined);
    await client.initialize();
  });

  after(async () => {
    fs.chmodSync(path.join(root, 'bad', 'locked.md'), 0o644);
    await client.shutdown();
  });

  const messageOf = async (file: string, code: string) => {
    const diagnostics = await client.diagnosticsFor(file, (all) => all.some((d: Diagnostic) => d.code === code));
    return String(diagnostics.find((d) => d.code === code)!.message);
  };

  it('gives binary content, invalid UTF-8, a locked file and a 50 MB note one clear diagnostic each', async () => {
    assert.match(await messageOf('bad/binary.md', 'unreadable'), /binary content/);
    assert.match(await messageOf('bad/latin1.md', 'unreadable'), /not valid UTF-8 \(first bad byte at offset 5\)/);
    assert.match(await messageOf('bad/locked.md', 'unreadable'), /cannot read: EACCES/);
    assert.match(await messageOf('bad/huge.md', 'unreadable'), /too large to read as a note \(50\.\d MiB/);
  });

  it('reads CRLF with a BOM like any note, and a note with a 10 MB line apart from that line', async () => {
    const crlf = await client.diagnosticsFor('bad/crlf.md', (all) => all.some((d) => d.code === 'dead-section'));
    assert.deepStrictEqual(crlf.map((d) => [d.code, d.range.start.line]), [['dead-section', 3]]);
    const long = await client.diagnosticsFor('bad/long.md', (all) => all.some((d) => d.code === 'dead-section'));
    assert.deepStrictEqual(long.map((d) => d.code).sort(), ['dead-section', 'long-line']);
  });

  it('says in its log that it did not follow a link loop, and keeps answering with 50,000 other files around', async () => {
    await client.diagnosticsFor('kitchen/knives.md');
    assert.ok(client.logs.some((line) => /loop\/again: link to a folder already read/.test(line)), client.logs.join('\n'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri('kitchen/knives.md') } });
    assert.ok(symbols.length > 3);
  });
});
