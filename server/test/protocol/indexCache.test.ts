import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { ToriiStatus } from '../../src/lsp/protocol';
import { TestClient } from './lspClient';

/** Every file under `root`, with its bytes, to show that nothing in the notes' folder was written. */
function filesOf(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const absolute = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else files.set(path.relative(root, absolute), fs.readFileSync(absolute, 'base64'));
    }
  };
  walk(root);
  return files;
}

/**
 * One session of the server on `root` with the index cache in `cacheFolder`: its status, every
 * note's diagnostics, and its log. It ends once the diagnostics are saved, and, when `expectSave`,
 * once the index cache is too.
 */
async function session(root: string, cacheFolder: string, expectSave: boolean): Promise<{ status: ToriiStatus; diagnostics: Map<string, Diagnostic[]>; saved?: string; logs: string[] }> {
  const client = new TestClient(root);
  try {
    return await sessionOf(client, cacheFolder, expectSave);
  } finally {
    await client.shutdown({ keepNotes: true });
  }
}

async function sessionOf(client: TestClient, cacheFolder: string, expectSave: boolean): Promise<{ status: ToriiStatus; diagnostics: Map<string, Diagnostic[]>; saved?: string; logs: string[] }> {
  const saved = expectSave ? client.logged(/saved the index cache|could not save the index cache/) : undefined;
  const diagnosticsSaved = client.logged(/saved the diagnostics|could not save the diagnostics/);
  await client.initialize({}, { indexCacheFolder: cacheFolder });
  await client.settled();
  const savedMessage = await saved;
  await diagnosticsSaved;
  const status = await client.request<ToriiStatus>('torii/status', {});
  return { status, diagnostics: new Map(client.diagnostics), saved: savedMessage, logs: client.logs };
}

const SENT_SAVED = /sent the saved diagnostics of (\d+) notes/;

describe('language server: the index cache', function () {
  this.timeout(60000);

  it('reads a folder opened again from the cache, reads changed notes anew, and writes nothing in the notes folder', async () => {
    const root = TestClient.copySample();
    const cacheFolder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torii-cache-')), 'storage', 'index-cache');
    const notesBefore = filesOf(root);
    try {
      const first = await session(root, cacheFolder, true);
      const notes = first.status.folders[0].notes + first.status.folders[0].unreadable;
      assert.deepStrictEqual(first.status.folders[0].indexCache, { reused: 0, read: notes, saved: notes });
      assert.match(first.saved!, new RegExp(`saved the index cache of ${notes} notes`));
      assert.deepStrictEqual(fs.readdirSync(cacheFolder).map((name) => name.replace(/-\w+\./, '.')).sort(), ['diagnostics.json', 'index.bin'], 'the index and the diagnostics, no temporary file left');
      assert.ok(!first.logs.some((line) => SENT_SAVED.test(line)), 'nothing saved to send the first time');

      const second = await session(root, cacheFolder, false);
      assert.deepStrictEqual(second.status.folders[0].indexCache, { reused: notes, read: 0 });
      assert.deepStrictEqual(second.diagnostics, first.diagnostics, 'the same diagnostics from the cache as from the files');
      // The folder as it was: its diagnostics were sent from the cache before any note was checked, and the check sent nothing new.
      assert.strictEqual(Number(second.logs.map((line) => SENT_SAVED.exec(line)?.[1]).find(Boolean)), first.diagnostics.size);
      assert.deepStrictEqual(filesOf(root), notesBefore, 'the notes folder is as it was');

      // A note changed while no server ran (another editor, a git pull): read again, the rest from the cache.
      const changed = path.join(root, 'kitchen', 'knives.md');
      assert.ok(fs.existsSync(changed), 'the sample has kitchen/knives.md');
      const addedLine = fs.readFileSync(changed, 'utf8').split('\n').length;
      fs.appendFileSync(changed, '\n🗄 `knives.md` no such section anywhere\n');
      const third = await session(root, cacheFolder, true);
      assert.deepStrictEqual(third.status.folders[0].indexCache, { reused: notes - 1, read: 1, saved: notes });
      const uri = Object.keys(Object.fromEntries(third.diagnostics)).find((key) => key.endsWith('/kitchen/knives.md'))!;
      assert.ok(third.diagnostics.get(uri)!.some((diagnostic) => diagnostic.range.start.line === addedLine), 'the new dead link is reported');
      assert.ok(!third.logs.some((line) => SENT_SAVED.test(line)), 'a file changed: no saved diagnostics are sent');
    } finally {
      fs.rmSync(path.dirname(root), { recursive: true, force: true });
      fs.rmSync(path.dirname(path.dirname(cacheFolder)), { recursive: true, force: true });
    }
  });

  it('saves the diagnostics once an open note the editor changed is as its file again, and says why not when the folder changed first', async () => {
    const root = TestClient.copySample();
    const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-cache-'));
    const diagnosticsFiles = () => fs.readdirSync(cacheFolder).filter((name) => name.startsWith('diagnostics-'));
    const edit = (client: TestClient, relative: string, version: number, text: string) =>
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(relative), version }, contentChanges: [{ text }] });
    try {
      // The editor changes a note before the folder is read: its diagnostics describe the editor's text.
      let client = new TestClient(root);
      try {
        const saved = client.logged(/saved the diagnostics|diagnostics are not saved/);
        await client.initialize({}, { indexCacheFolder: cacheFolder });
        const text = client.text('kitchen/knives.md');
        await client.open('kitchen/knives.md', text);
        await edit(client, 'kitchen/knives.md', 2, `${text}\n🗄 \`knives.md\` an unsaved line\n`);
        await client.settled();
        assert.deepStrictEqual(diagnosticsFiles(), [], 'nothing saved while the note differs from its file');
        // Undone: the note is as its file again, and the diagnostics are saved at the next pause.
        await edit(client, 'kitchen/knives.md', 3, text);
        assert.match(await saved, /saved the diagnostics of \d+ notes/);
        assert.strictEqual(diagnosticsFiles().length, 1);
      } finally {
        await client.shutdown({ keepNotes: true });
      }
      fs.rmSync(path.join(cacheFolder, diagnosticsFiles()[0]));

      // A file changes on disk while the diagnostics wait: they describe another folder, and the log says so.
      client = new TestClient(root);
      try {
        const notSaved = client.logged(/saved the diagnostics|diagnostics are not saved/);
        await client.initialize({}, { indexCacheFolder: cacheFolder });
        const text = client.text('kitchen/knives.md');
        await client.open('kitchen/knives.md', text);
        await edit(client, 'kitchen/knives.md', 2, `${text}\nunsaved\n`);
        await client.settled();
        fs.appendFileSync(path.join(root, 'kitchen', 'stones.md'), '\nSAVED ELSEWHERE\n');
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('kitchen/stones.md'), type: 2 }] });
        assert.match(await notSaved, /the diagnostics are not saved for the next session: the folder changed since it was read/);
        await client.settled();
        assert.deepStrictEqual(diagnosticsFiles(), []);
      } finally {
        await client.shutdown({ keepNotes: true });
      }
    } finally {
      fs.rmSync(path.dirname(root), { recursive: true, force: true });
      fs.rmSync(cacheFolder, { recursive: true, force: true });
    }
  });

  it('drops a damaged cache with a message and reads every note', async () => {
    const root = TestClient.copySample();
    const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-cache-'));
    try {
      const first = await session(root, cacheFolder, true);
      const file = fs.readdirSync(cacheFolder).find((name) => name.startsWith('index-'))!;
      const bytes = fs.readFileSync(path.join(cacheFolder, file));
      fs.writeFileSync(path.join(cacheFolder, file), bytes.subarray(0, Math.floor(bytes.length / 2)));
      const client = new TestClient(root);
      try {
        await client.initialize({}, { indexCacheFolder: cacheFolder });
        await client.settled();
        const status = await client.request<ToriiStatus>('torii/status', {});
        assert.strictEqual(status.folders[0].indexCache?.reused, 0);
        assert.match(status.folders[0].indexCache?.problem ?? '', /cut short|damaged/);
        assert.ok(client.logs.some((line) => /the index cache was not used/.test(line)), 'the reason is logged');
        assert.deepStrictEqual(new Map(client.diagnostics), first.diagnostics);
      } finally {
        await client.shutdown({ keepNotes: true });
      }
    } finally {
      fs.rmSync(path.dirname(root), { recursive: true, force: true });
      fs.rmSync(cacheFolder, { recursive: true, force: true });
    }
  });
});
