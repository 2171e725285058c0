import * as assert from 'assert';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { hasLoneSurrogate, isWellFormed, OpenDocuments, type OpenDocument } from '../../src/lsp/openDocuments';

/** A small deterministic generator (the steps must replay the same on every run). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const PIECES = ['# ⛩️ KNIVES\n', '🗄 `metals.md` patina', '\r\n', '\n', 'x', 'Ünïcödé ', '📙 Chang [12]', '', '  * item\n', '* _whetstone_: a stone to sharpen knives with 🔪\n'.repeat(12)];

describe('open documents: texts not in use kept as UTF-8', () => {
  it('answer every question as the library’s document does, through edits, whether in use or put away', () => {
    for (const seed of [7, 8, 9]) {
      const random = lcg(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      const store = new OpenDocuments(2);
      const ours: OpenDocument[] = [];
      const theirs: TextDocument[] = [];
      for (let n = 0; n < 5; n++) {
        const text = `# ⛩️ NOTE ${n}\n${pick(PIECES)}${pick(PIECES)}`;
        ours.push(store.create(`file:///n${n}.md`, 'markdown', 1, text));
        theirs.push(TextDocument.create(`file:///n${n}.md`, 'markdown', 1, text));
      }
      for (let step = 0; step < 400; step++) {
        const at = Math.floor(random() * ours.length);
        const [document, model] = [ours[at], theirs[at]];
        const where = `seed ${seed}, step ${step}, document ${at}`;
        const choice = random();
        if (choice < 0.4) {
          const length = model.getText().length;
          const start = Math.floor(random() * (length + 1));
          const end = Math.min(length, start + Math.floor(random() * 4));
          const change: TextDocumentContentChangeEvent = { range: { start: model.positionAt(start), end: model.positionAt(end) }, text: pick(PIECES) };
          const version = model.version + 1;
          store.update(document, [change], version);
          TextDocument.update(model, [change], version);
        } else if (choice < 0.5) {
          const change = { text: `${pick(PIECES)}${pick(PIECES)}` };
          store.update(document, [change], model.version + 1);
          TextDocument.update(model, [change], model.version + 1);
        } else if (choice < 0.7) {
          assert.strictEqual(document.getText(), model.getText(), where);
          const line = Math.floor(random() * (model.lineCount + 1));
          const range = { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
          assert.strictEqual(document.getText(range), model.getText(range), `${where}, line ${line}`);
        } else {
          const offset = Math.floor(random() * (model.getText().length + 2));
          assert.deepStrictEqual(document.positionAt(offset), model.positionAt(offset), where);
          const position = { line: Math.floor(random() * (model.lineCount + 1)), character: Math.floor(random() * 12) };
          assert.strictEqual(document.offsetAt(position), model.offsetAt(position), where);
          assert.strictEqual(document.lineCount, model.lineCount, where);
        }
        assert.strictEqual(document.version, model.version, where);
        assert.ok(ours.filter((each) => each.isInUse).length <= 2, `${where}: at most two documents in use`);
      }
      for (let n = 0; n < ours.length; n++) assert.strictEqual(ours[n].getText(), theirs[n].getText(), `seed ${seed}, document ${n} at the end`);
    }
  });

  it('puts away the least recently used documents, and reading a text does not bring one back in use', () => {
    const store = new OpenDocuments(2);
    const first = store.create('file:///a.md', 'markdown', 1, '# ⛩️ A\n');
    const second = store.create('file:///b.md', 'markdown', 1, '# ⛩️ B\n');
    const third = store.create('file:///c.md', 'markdown', 1, '# ⛩️ C\n');
    assert.deepStrictEqual([first.isInUse, second.isInUse, third.isInUse], [false, true, true]);
    assert.strictEqual(first.getText(), '# ⛩️ A\n');
    assert.strictEqual(first.isInUse, false);
    store.update(first, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'more\n' }], 2);
    assert.deepStrictEqual([first.isInUse, second.isInUse, third.isInUse], [true, false, true]);
    assert.strictEqual(first.getText(), '# ⛩️ A\nmore\n');
    assert.strictEqual(first.version, 2);
    assert.deepStrictEqual(second.positionAt(4), { line: 0, character: 4 });
    assert.deepStrictEqual([first.isInUse, second.isInUse, third.isInUse], [true, true, false]);
  });

  it('deflates a long text it puts away, keeps a short one as it is, and gives each back exactly', () => {
    const store = new OpenDocuments(1);
    const long = `# ⛩️ STONES\n${'* _whetstone_: a stone to sharpen knives with 🔪\n'.repeat(40)}`;
    const lone = `# ⛩️ ODD \ud83d\n${'x'.repeat(900)}`;
    const texts = [long, lone, '# ⛩️ SHORT\n'];
    const documents = texts.map((text, n) => store.create(`file:///s${n}.md`, 'markdown', 1, text));
    store.create('file:///last.md', 'markdown', 1, '# ⛩️ LAST\n');
    const stored = documents.map((document) => document.stored!);
    assert.deepStrictEqual(stored.map((each) => each.deflated), [true, true, false]);
    assert.ok(stored[0].bytes < Buffer.byteLength(long) / 4, `${stored[0].bytes} bytes for ${Buffer.byteLength(long)}`);
    assert.deepStrictEqual(documents.map((document) => document.getText()), texts);
    assert.deepStrictEqual(documents[0].positionAt(long.length), TextDocument.create('file:///x.md', 'markdown', 1, long).positionAt(long.length));
    assert.strictEqual(documents[0].stored, undefined, 'back in use as a string');
  });

  it('finds a lone surrogate the same way with and without Node’s own check', () => {
    const random = lcg(11);
    const units = [0x41, 0x20, 0xe9, 0xd83d, 0xdcd9, 0xdbff, 0xdc00, 0xfe0f];
    for (let sample = 0; sample < 2000; sample++) {
      const text = String.fromCharCode(...Array.from({ length: Math.floor(random() * 8) }, () => units[Math.floor(random() * units.length)]));
      const wellFormed = Buffer.from(text, 'utf8').toString('utf8') === text;
      assert.strictEqual(isWellFormed(text), wellFormed, JSON.stringify(text));
      assert.strictEqual(hasLoneSurrogate(text), !wellFormed, JSON.stringify(text));
    }
  });
});
