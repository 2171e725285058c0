import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TestClient } from './lspClient';

/** A folder of `count` small notes (the server reports progress every few dozen notes read). */
function manyNotes(count: number): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torii-progress-')), 'notes');
  for (let at = 0; at < count; at++) {
    const folder = path.join(root, `topic-${at % 8}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `note-${at}.md`), `# ⛩️\n\n## section ${at}\n\n🗄 \`note-${(at + 1) % count}.md\` section ${(at + 1) % count}\n`);
  }
  return root;
}

describe('language server: indexing progress', function () {
  this.timeout(30000);

  it('begins, reports at most four times a second, and ends', async () => {
    const client = new TestClient(manyNotes(1200));
    const kinds: string[] = [];
    client.connection.onNotification('$/progress', (params: { value: { kind: string } }) => {
      kinds.push(params.value.kind);
    });
    const started = Date.now();
    await client.initialize();
    await client.settled();
    const seconds = (Date.now() - started) / 1000;
    await client.shutdown();
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(kinds[kinds.length - 1], 'end');
    const reports = kinds.filter((kind) => kind === 'report').length;
    // 1,200 notes load in well under a second here: reported every 32 notes read, that made dozens of messages.
    assert.ok(reports >= 1 && reports <= 1 + Math.ceil(seconds * 4), `${reports} reports in ${seconds.toFixed(2)} s`);
  });
});
