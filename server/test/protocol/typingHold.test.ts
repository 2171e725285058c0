import * as assert from 'assert';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { settledSampleClient, type TestClient } from './lspClient';
import { HOLD_MS } from '../../src/lsp/typingHold';

/**
 * A link typed key by key (`typingHold.ts`): no complaint about the line being typed comes while
 * the keys come, the one left when they stop does; a complaint already shown stays, and one that
 * goes away goes at once.
 */
describe('language server: complaints about the line being typed wait for a pause', function () {
  this.timeout(30000);
  const sample = settledSampleClient();

  it('sends none about the line while a link is typed on it, then the one that is still wrong', async () => {
    const client = sample();
    const note = 'kitchen/knives.md';
    const uri = client.uri(note);
    const text = client.text(note);
    const lines = text.split('\n');
    await client.open(note, text, 1);
    await client.settled();
    const before = client.diagnostics.get(uri) ?? [];
    // A new line after the last one: `🗄 \`metals.md\` patinx`, one key at a time.
    const line = lines.length;
    const typed = '\n🗄 `metals.md` patinx';
    const onLine = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.range.start.line === line);
    const seen: Array<{ version: number; onLine: number; all: number }> = [];
    client.publicationListeners.push((params: PublishDiagnosticsParams) => {
      if (params.uri === uri) seen.push({ version: params.version!, onLine: onLine(params.diagnostics).length, all: params.diagnostics.length });
    });
    let column = lines[lines.length - 1].length;
    let row = lines.length - 1;
    for (let at = 0; at < typed.length; at += typed.codePointAt(at)! > 0xffff ? 2 : 1) {
      const key = String.fromCodePoint(typed.codePointAt(at)!);
      const version = at + 2;
      const published = client.diagnosticsFor(note, () => seen.some((one) => one.version === version));
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: row, character: column }, end: { line: row, character: column } }, text: key }] });
      await published;
      if (key === '\n') {
        row++;
        column = 0;
      } else {
        column += key.length;
      }
    }
    const keystrokes = seen.length;
    assert.ok(keystrokes >= typed.length - 2, `a publication per keystroke (${keystrokes})`);
    assert.deepStrictEqual(seen.filter((one) => one.onLine > 0), [], 'nothing about the line while it was typed');
    assert.ok(seen.every((one) => one.all >= before.length), 'the note\'s other complaints stayed');
    // The pause: the section `patinx` is still wrong, and now said so.
    const after = await client.diagnosticsFor(note, (diagnostics) => onLine(diagnostics).length > 0);
    assert.deepStrictEqual(onLine(after).map((diagnostic) => diagnostic.code), ['dead-section']);
    await client.settled();

    // Typing after the link leaves its complaint shown: it is the same complaint.
    const version = 100;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: row, character: column }, end: { line: row, character: column } }, text: ' ' }] });
    const kept = await client.diagnosticsFor(note, () => seen.some((one) => one.version === version));
    assert.deepStrictEqual(onLine(kept).map((diagnostic) => diagnostic.code), ['dead-section']);
    // Mending it (`patinx` → `patina`) takes the complaint away at once.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version + 1 }, contentChanges: [{ range: { start: { line: row, character: column - 1 }, end: { line: row, character: column } }, text: 'a' }] });
    const mended = await client.diagnosticsFor(note, () => seen.some((one) => one.version === version + 1));
    assert.deepStrictEqual(onLine(mended), []);
  });

  it('keeps holding them when the file of the note being typed in changes on disk (a save the editor made a moment before)', async () => {
    const client = sample();
    const { uri, seen, onLine, type, erase } = await typingOnLastLine(client, 'kitchen/care.md');
    await type(' 🗄 `metals.md` pati', 2);
    // VS Code reports the file of a note saved a moment ago while the writer goes on typing: the
    // editor's text is the note, and the typing has not paused.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await type('n', 3);
    assert.deepStrictEqual(seen.filter((one) => one.onLine > 0), [], 'nothing about the line while it was typed');
    const after = await client.diagnosticsFor('kitchen/care.md', (diagnostics) => onLine(diagnostics).length > 0);
    assert.deepStrictEqual(onLine(after).map((diagnostic) => diagnostic.code), ['dead-section']);
    await client.settled();
    await erase(4);
  });

  it('keeps holding them when the hold runs out while the server is busy and the next key waits unread', async function () {
    await typeWhileBusy(this, sample());
  });
});

describe('language server over node-ipc (as VS Code starts it): complaints wait for the writer\'s pause, not the server\'s', function () {
  this.timeout(30000);
  const sample = settledSampleClient('ipc');

  it('keeps holding them when the hold runs out while the server is busy and the next key waits unread', async function () {
    await typeWhileBusy(this, sample());
  });
});

/**
 * A note of the sample opened and settled, and how to type at the end of its last line: `seen` is
 * every publication of it from then on, with how many complaints were on that line; `type` sends a
 * key and waits for its publication; `erase` takes back all that was typed.
 */
async function typingOnLastLine(client: TestClient, note: string) {
  const uri = client.uri(note);
  const text = client.text(note);
  const lines = text.split('\n');
  await client.open(note, text, 1);
  await client.settled();
  const line = lines.length - 1;
  const onLine = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.range.start.line === line);
  const seen: Array<{ version: number | undefined; onLine: number }> = [];
  client.publicationListeners.push((params: PublishDiagnosticsParams) => {
    if (params.uri === uri) seen.push({ version: params.version, onLine: onLine(params.diagnostics).length });
  });
  const start = lines[line].length;
  let column = start;
  const at = (character: number) => ({ line, character });
  /** Sends `key` at the end of what was typed, without waiting for anything. */
  const typeAt = async (key: string, version: number) => {
    const from = column;
    column += key.length;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at(from), end: at(from) }, text: key }] });
  };
  const type = async (key: string, version: number) => {
    const published = client.diagnosticsFor(note, () => seen.some((one) => one.version === version));
    await typeAt(key, version);
    await published;
  };
  const erase = async (version: number) => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at(start), end: at(column) }, text: '' }] });
    column = start;
    await client.diagnosticsFor(note, (diagnostics) => onLine(diagnostics).length === 0);
  };
  return { uri, seen, onLine, typeAt, type, erase };
}

/**
 * A key sent while the server cannot run, for longer than the hold: when it runs again, the
 * hold's time has run out, but the key is there to be read. The complaint about the line waits
 * for that key and then for a pause.
 */
async function typeWhileBusy(test: Mocha.Context, client: TestClient): Promise<void> {
  if (process.platform === 'win32') test.skip();
  const note = 'kitchen/stones.md';
  const { seen, onLine, typeAt, type, erase } = await typingOnLastLine(client, note);
  await type(' 🗄 `metals.md` pati', 2);
  // The server is kept from running for longer than the hold (as by a long request), and the
  // next key is sent meanwhile: when the server runs again, the hold's time has run out.
  client.freeze();
  await new Promise((resolve) => setTimeout(resolve, HOLD_MS + 300));
  await typeAt('n', 3);
  client.thaw();
  const after = await client.diagnosticsFor(note, (diagnostics) => onLine(diagnostics).length > 0);
  assert.deepStrictEqual(seen.filter((one) => one.onLine > 0).map((one) => one.version), [3], 'the complaint waited for the key sent while the server was busy, and then for a pause');
  assert.deepStrictEqual(onLine(after).map((diagnostic) => diagnostic.code), ['dead-section']);
  await client.settled();
  await erase(4);
}
