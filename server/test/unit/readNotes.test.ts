import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { readNotes, readNotesSync, type NoteOutcome } from '../../src/node/readNotes';
import { listNoteFiles, readNoteFile } from '../../src/node/workspaceFiles';

/** A folder of 60 notes that link to each other, a binary file, a file that is not UTF-8, and one CRLF note. */
function makeFolder(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-read-'));
  for (let n = 0; n < 60; n++) {
    const folder = path.join(root, `topic-${n % 5}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `note-${n}.md`), `# ⛩️\n\n## 参考\n\n🗄 \`note-${(n + 1) % 60}.md\` knives ${n}\n📙 McGee [${n}]\n\n# 🔪 KNIVES ${n}\n\nBURR\n* _tang_: part ${n}\n`);
  }
  fs.writeFileSync(path.join(root, 'binary.md'), Buffer.from([0x23, 0x00, 0xff]));
  fs.writeFileSync(path.join(root, 'latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
  fs.writeFileSync(path.join(root, 'crlf.md'), '\uFEFF# ⛩️\r\n\r\n# 🔪 KNIVES\r\n');
  return root;
}

/** The index the way it was built before workers: every file read and parsed here, in listing order. */
function indexedHere(root: string, files: string[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of files) {
    const outcome = readNoteFile(root, file);
    if (outcome.kind === 'text') index.setNoteText(file, outcome.text);
    else if (outcome.kind === 'skipped') index.setSkipped(file, outcome.message);
  }
  return index;
}

function consumeInto(index: WorkspaceIndex, order: string[]): (file: string, outcome: NoteOutcome) => void {
  return (file, outcome) => {
    order.push(file);
    if (outcome.kind === 'note') index.setCompactNote(outcome.compact, outcome.keys);
    else if (outcome.kind === 'parsed') index.setNoteText(file, outcome.text);
    else if (outcome.kind === 'skipped') index.setSkipped(file, outcome.message);
  };
}

const DYING_WORKER = path.join(__dirname, 'dyingParseWorker.js');

describe('reading a folder on worker threads', function () {
  this.timeout(60_000);
  let root: string;
  let files: string[];

  before(() => {
    root = makeFolder();
    files = listNoteFiles(root).files;
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  afterEach(() => delete process.env.TORII_TEST_WORKER_FAILURE);

  it('gives the index a rebuild on one thread gives, the notes put in listing order', () => {
    const index = new WorkspaceIndex();
    const order: string[] = [];
    const statistics = readNotesSync(root, files, consumeInto(index, order), { workers: 2, minFilesForWorkers: 1, shareWork: false });
    assert.deepStrictEqual(statistics, { byWorkers: files.length, here: 0, known: 0, workersLost: 0 });
    assert.deepStrictEqual(order, files);
    assert.strictEqual(index.snapshot(), indexedHere(root, files).snapshot());
    assert.match(index.skipped().map((file) => `${file.path}: ${file.message}`).join('\n'), /binary\.md: binary content[\s\S]*latin1\.md: not valid UTF-8/);
  });

  it('sends each note with its bytes, anchors and lookup rows in one buffer, by workers and here alike', () => {
    for (const workers of [2, 0]) {
      const buffers: ArrayBufferLike[] = [];
      const onOne = (_file: string, outcome: NoteOutcome) => {
        if (outcome.kind !== 'note') return;
        const { compact, keys } = outcome;
        assert.ok(compact.anchors && compact.anchors.length > 0 && keys.rows.length > 0);
        assert.strictEqual(compact.anchors.buffer, compact.data.buffer);
        assert.strictEqual(keys.rows.buffer, compact.data.buffer);
        // The strong fingerprints stay apart: the strong-key table lets them go once it has sorted them.
        assert.notStrictEqual(keys.strong.buffer, compact.data.buffer);
        buffers.push(compact.data.buffer);
      };
      const statistics = readNotesSync(root, files, onOne, { workers, minFilesForWorkers: 1, shareWork: false });
      assert.strictEqual(workers > 0 ? statistics.byWorkers : statistics.here, files.length);
      assert.strictEqual(new Set(buffers).size, 61, `${workers} workers: one buffer a note`);
    }
  });

  it('loses nothing when a worker dies in the middle of its work (the command line notices its silence)', () => {
    process.env.TORII_TEST_WORKER_FAILURE = 'exit';
    const index = new WorkspaceIndex();
    const statistics = readNotesSync(root, files, consumeInto(index, []), { workers: 2, minFilesForWorkers: 1, shareWork: false, workerFile: DYING_WORKER, silentWorkerMs: 300 });
    assert.strictEqual(statistics.workersLost, 2);
    assert.strictEqual(index.snapshot(), indexedHere(root, files).snapshot());
  });

  it('loses nothing when a worker stops answering, in the language server (it awaits)', async () => {
    process.env.TORII_TEST_WORKER_FAILURE = 'hang';
    const index = new WorkspaceIndex();
    const statistics = await readNotes(root, files, consumeInto(index, []), { workers: 2, minFilesForWorkers: 1, shareWork: false, workerFile: DYING_WORKER, silentWorkerMs: 300 });
    assert.strictEqual(statistics.workersLost, 2);
    assert.strictEqual(index.snapshot(), indexedHere(root, files).snapshot());
  });

  it('loses nothing when a worker dies in the language server (its exit is seen at once)', async () => {
    process.env.TORII_TEST_WORKER_FAILURE = 'exit';
    const index = new WorkspaceIndex();
    const started = Date.now();
    const statistics = await readNotes(root, files, consumeInto(index, []), { workers: 2, minFilesForWorkers: 1, shareWork: false, workerFile: DYING_WORKER, silentWorkerMs: 60_000 });
    assert.strictEqual(statistics.workersLost, 2);
    assert.ok(Date.now() - started < 30_000, 'it waited for the silence instead of the exit event');
    assert.strictEqual(index.snapshot(), indexedHere(root, files).snapshot());
  });

  it('takes a file that vanishes between listing and reading in its stride', () => {
    const listed = [...files, 'topic-0/gone.md'];
    const index = new WorkspaceIndex();
    const order: string[] = [];
    readNotesSync(root, listed, consumeInto(index, order), { workers: 2, minFilesForWorkers: 1, shareWork: false });
    assert.deepStrictEqual(order, listed);
    assert.ok(!index.hasNote('topic-0/gone.md') && !index.skipped().some((file) => file.path === 'topic-0/gone.md'));
    assert.strictEqual(index.snapshot(), indexedHere(root, files).snapshot());
  });
});
