import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { diagnosticsCacheFile, fileStamp, folderFingerprint, indexCacheFile, loadDiagnosticsCache, saveDiagnosticsCache, loadIndexCache, packNote, saveIndexCache, type CachedNote, type PackedNote } from '../../src/node/indexCache';
import { readNotes, type NoteOutcome } from '../../src/node/readNotes';
import { listNoteFiles } from '../../src/node/workspaceFiles';
import { computeNoteAuthors } from '../../src/core/index/noteKeys';
import { parseNote } from '../../src/core/syntax/parseNote';

/** A folder of made-up notes, one of them not UTF-8 (skipped, and cached as skipped). */
function makeFolder(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-cache-notes-'));
  for (let n = 0; n < 30; n++) {
    const folder = path.join(root, `topic-${n % 3}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `note-${n}.md`), `# ⛩️\n\n## 参考\n\n🗄 \`note-${(n + 1) % 30}.md\` blades ${n}\n📙 Okonkwo [${n}]\n\n# 🪚 BLADES ${n}\n\nSET\n* _kerf_: width ${n}\n`);
  }
  fs.writeFileSync(path.join(root, 'latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
  return root;
}

/** Reads `root` into a new index, with `known` outcomes where given; what was read, with stamps, for the cache. */
async function readFolder(root: string, known?: Map<string, CachedNote>): Promise<{ index: WorkspaceIndex; read: PackedNote[]; reused: number }> {
  const { files } = listNoteFiles(root);
  const stamps = files.map((file) => fileStamp(path.join(root, file)));
  const index = new WorkspaceIndex();
  const read: PackedNote[] = [];
  let at = 0;
  const statistics = await readNotes(
    root,
    files,
    (file, outcome) => {
      const stamp = stamps[at++];
      const packed = stamp ? packNote(file, stamp, outcome) : undefined;
      if (packed) read.push(packed);
      if (outcome.kind === 'note') index.setCompactNote(outcome.compact, outcome.keys);
      else if (outcome.kind === 'skipped') index.setSkipped(file, outcome.message);
      else if (outcome.kind === 'parsed') index.setNoteText(file, outcome.text);
    },
    { workers: 0, known: files.map((file, i): (() => NoteOutcome) | undefined => (known && known.get(file)?.stamp === stamps[i] ? known.get(file)!.outcome : undefined)) },
  );
  return { index, read, reused: statistics.known };
}

describe('the index cache', () => {
  let root: string;
  let cacheFolder: string;
  beforeEach(() => {
    root = makeFolder();
    cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-cache-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(cacheFolder, { recursive: true, force: true });
  });

  it('gives back what was read, and an index from it equals one read from the files', async () => {
    const first = await readFolder(root);
    const file = indexCacheFile(cacheFolder, root);
    await saveIndexCache(file, root, first.read);
    const loaded = await loadIndexCache(file, root);
    assert.ok(loaded.notes, 'problem' in loaded ? loaded.problem : '');
    assert.strictEqual(loaded.notes.size, 31);
    assert.strictEqual(loaded.notes.get('latin1.md')?.outcome().kind, 'skipped');
    // Each note's bytes, anchors and rows come in one buffer of their own, not the chunk's.
    const buffers = new Set<ArrayBufferLike>();
    for (const cached of loaded.notes.values()) {
      const outcome = cached.outcome();
      if (outcome.kind !== 'note') continue;
      assert.strictEqual(outcome.compact.anchors?.buffer, outcome.compact.data.buffer);
      assert.strictEqual(outcome.keys.rows.buffer, outcome.compact.data.buffer);
      buffers.add(outcome.compact.data.buffer);
    }
    assert.strictEqual(buffers.size, 30);
    const again = await readFolder(root, loaded.notes);
    assert.strictEqual(again.reused, 31);
    assert.strictEqual(again.index.snapshot(), first.index.snapshot());
  });

  it('holds no authors from the reading to the save, and writes those a parse gives', async () => {
    const first = await readFolder(root);
    // Held until the save (every note of a folder, from its reading on): the authors are made when written.
    assert.ok(first.read.every((entry) => entry.length === 3 || entry[5] === undefined));
    const file = indexCacheFile(cacheFolder, root);
    await saveIndexCache(file, root, first.read);
    const loaded = await loadIndexCache(file, root);
    const cached = loaded.notes!.get('topic-1/note-4.md')!.outcome();
    const text = fs.readFileSync(path.join(root, 'topic-1', 'note-4.md'), 'utf8');
    assert.ok(cached.kind === 'note');
    assert.deepStrictEqual(cached.keys.authors, computeNoteAuthors(parseNote('topic-1/note-4.md', text)));
    assert.ok(JSON.stringify(cached.keys.authors).includes('okonkwo'));
  });

  it('reads again a note whose file changed since, and only that one', async () => {
    const first = await readFolder(root);
    const file = indexCacheFile(cacheFolder, root);
    await saveIndexCache(file, root, first.read);
    const changed = path.join(root, 'topic-1', 'note-4.md');
    fs.writeFileSync(changed, fs.readFileSync(changed, 'utf8').replace('BLADES 4', 'SAWS 4'));
    const loaded = await loadIndexCache(file, root);
    const again = await readFolder(root, loaded.notes!);
    assert.strictEqual(again.reused, 30);
    assert.strictEqual(again.index.snapshot(), (await readFolder(root)).index.snapshot());
    assert.ok(again.index.snapshot().includes('SAWS 4'));
  });

  it('reads the file of an entry found damaged only when its turn comes', async () => {
    const first = await readFolder(root);
    const file = indexCacheFile(cacheFolder, root);
    const damaged = first.read.map((entry): PackedNote => (entry[0] === 'topic-2/note-5.md' && entry.length === 7 ? [entry[0], entry[1], entry[2], entry[3], entry[4], '{"listed": [', entry[6]] : entry));
    await saveIndexCache(file, root, damaged);
    const again = await readFolder(root, (await loadIndexCache(file, root)).notes!);
    assert.strictEqual(again.reused, 30);
    assert.strictEqual(again.index.snapshot(), first.index.snapshot());
  });

  it('is no cache when missing, and is dropped with a reason when damaged, of another build or of another folder', async () => {
    const file = indexCacheFile(cacheFolder, root);
    const missing = await loadIndexCache(file, root);
    assert.strictEqual(missing.notes?.size, 0);

    await saveIndexCache(file, root, (await readFolder(root)).read);
    const whole = fs.readFileSync(file);
    fs.writeFileSync(file, whole.subarray(0, whole.length - 100));
    assert.match((await loadIndexCache(file, root) as { problem: string }).problem, /cut short/);

    const damaged = Buffer.from(whole);
    damaged.fill(0x7f, damaged.indexOf(10) + 20, damaged.indexOf(10) + 60);
    fs.writeFileSync(file, damaged);
    assert.match((await loadIndexCache(file, root) as { problem: string }).problem, /damaged|cut short/);

    fs.writeFileSync(file, 'a text file someone put here\n');
    assert.match((await loadIndexCache(file, root) as { problem: string }).problem, /not a Torii index cache/);

    fs.writeFileSync(file, whole);
    assert.match((await loadIndexCache(file, root, 'another-build') as { problem: string }).problem, /another version of Torii/);
    assert.match((await loadIndexCache(file, path.join(root, 'elsewhere')) as { problem: string }).problem, /another folder/);
    assert.strictEqual((await loadIndexCache(file, root)).notes?.size, 31);
  });

  it('keeps one cache file per notes folder and leaves no temporary file', async () => {
    const other = makeFolder();
    try {
      assert.notStrictEqual(indexCacheFile(cacheFolder, root), indexCacheFile(cacheFolder, other));
      await saveIndexCache(indexCacheFile(cacheFolder, root), root, (await readFolder(root)).read);
      await saveIndexCache(indexCacheFile(cacheFolder, root), root, (await readFolder(root)).read);
      assert.deepStrictEqual(fs.readdirSync(cacheFolder), [path.basename(indexCacheFile(cacheFolder, root))]);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('keeps diagnostics for the one fingerprint of settings, history and file stamps they were made from', async () => {
    const files = [{ path: 'a.md', stamp: '1:2:3:4' }, { path: 'b.md', stamp: '5:6:7:8' }];
    const base = folderFingerprint({ settings: '{"rootAliases":[]}', history: 'none', files })!;
    assert.ok(base);
    assert.notStrictEqual(folderFingerprint({ settings: '{"rootAliases":["kb"]}', history: 'none', files }), base);
    assert.notStrictEqual(folderFingerprint({ settings: '{"rootAliases":[]}', history: 'abc', files }), base);
    assert.notStrictEqual(folderFingerprint({ settings: '{"rootAliases":[]}', history: 'none', files: [files[0], { path: 'b.md', stamp: '5:6:7:9' }] }), base);
    assert.notStrictEqual(folderFingerprint({ settings: '{"rootAliases":[]}', history: 'none', files: [files[0]] }), base);
    assert.strictEqual(folderFingerprint({ settings: '{"rootAliases":[]}', history: 'none', files: [files[0], { path: 'b.md', stamp: undefined }] }), undefined);
    assert.notStrictEqual(folderFingerprint({ settings: '{"rootAliases":[]}', history: 'none', files }, 'another-build'), base);

    const file = diagnosticsCacheFile(indexCacheFile(cacheFolder, root));
    assert.strictEqual(await loadDiagnosticsCache(file, base), undefined);
    await saveDiagnosticsCache(file, base, new Map([['a.md', [{ message: 'dead' }]], ['b.md', []]]));
    assert.deepStrictEqual(await loadDiagnosticsCache(file, base), new Map([['a.md', [{ message: 'dead' }]], ['b.md', []]]));
    assert.strictEqual(await loadDiagnosticsCache(file, folderFingerprint({ settings: '{"rootAliases":["kb"]}', history: 'none', files })!), undefined);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 30));
    assert.strictEqual(await loadDiagnosticsCache(file, base), undefined, 'a damaged file is no diagnostics');
  });
});
