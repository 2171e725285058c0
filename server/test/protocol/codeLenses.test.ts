import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TestClient } from './lspClient';

type Lens = { range: { start: { line: number } }; command: { title: string } };

describe('language server: code lenses only where there is a count', function () {
  this.timeout(30000);
  let client: TestClient;
  let refreshes = 0;
  let refreshed: () => void = () => undefined;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    // The client can be asked to fetch lenses again: the signal that a settings change took effect.
    client.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshes++;
      refreshed();
      return null;
    });
    await client.initialize({ codeLens: { refreshSupport: true } });
    await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
    await client.open('kitchen/knives.md');
    // The first check of every note ends with a refresh of its own (the counts are all there now).
    await client.settled();
  });

  after(async () => client.shutdown());

  /** `line text → lens title` for every lens of knives.md. */
  async function lensesOfKnives(): Promise<Map<string, string>> {
    const lines = client.text('kitchen/knives.md').split('\n');
    const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: client.uri('kitchen/knives.md') } });
    return new Map(lenses.map((lens) => [lines[lens.range.start.line], lens.command.title]));
  }

  it('shows no "0 references" and none on the 参考 and 进步 blocks, by default', async () => {
    const lenses = await lensesOfKnives();
    const references = [...lenses].filter(([, title]) => /reference/.test(title));
    assert.ok(references.length > 0, 'some headings have references');
    assert.ok(references.every(([, title]) => /^[1-9]\d* references?$/.test(title)), JSON.stringify(references));
    assert.ok(!lenses.has('## 参考') && !lenses.has('## 进步'), JSON.stringify([...lenses]));
  });

  it('shows zeros above headings when torii.codeLens.showZero is on, still none on the header blocks', async () => {
    const asked = new Promise<void>((resolve) => (refreshed = resolve));
    const refreshesBefore = refreshes;
    client.settings = { codeLens: { enabled: true, showZero: true } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await asked;
    const lenses = await lensesOfKnives();
    assert.strictEqual(lenses.get('## santoku'), '0 references');
    assert.ok(!lenses.has('## 参考') && !lenses.has('## 进步') && !lenses.has('# ⛩️'), JSON.stringify([...lenses]));
    // Sub-headings and terms keep a lens only where links lead.
    const zeroSubHeadings = [...lenses].filter(([line, title]) => title === '0 references' && !line.startsWith('#'));
    assert.deepStrictEqual(zeroSubHeadings, []);
    assert.strictEqual(refreshes, refreshesBefore + 1);
  });

  it('counts again when a note that links here changes, and moves the counts with the lines of this note', async () => {
    const lensesOf = async (text: string) => {
      const lines = text.split('\n');
      const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: client.uri('kitchen/knives.md') } });
      return new Map(lenses.map((lens) => [lines[lens.range.start.line], lens.command.title]));
    };
    const change = (relative: string, version: number, text: string) =>
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(relative), version }, contentChanges: [{ text }] });
    const knives = client.text('kitchen/knives.md');
    const stones = client.text('kitchen/stones.md');
    // care.md links to the section already.
    assert.strictEqual((await lensesOf(knives)).get('## bevel'), '1 reference');
    // Another note gains a link to the section: the count follows.
    await client.open('kitchen/stones.md', stones, 1);
    // A link to this note typed in another: once the typing pauses, the editor is asked for lenses
    // again (another editor showing this note would keep the old count otherwise), and the counts
    // follow that note's check.
    const askedAgain = new Promise<void>((resolve) => (refreshed = resolve));
    await change('kitchen/stones.md', 2, `${stones}\n🗄 \`knives.md\` bevel\n`);
    await askedAgain;
    const linked = await lensesOf(knives);
    assert.strictEqual(linked.get('## bevel'), '2 references');
    // Words typed in this note (no heading or line moves), then a line added above every heading: the same counts, on the moved lines.
    await client.open('kitchen/knives.md', knives, 1);
    const typed = knives.replace('* two light strokes per side, no more\n', '* two light strokes per side, no more, then strop\n');
    await change('kitchen/knives.md', 2, typed);
    assert.deepStrictEqual([...(await lensesOf(typed))].filter(([line]) => line.startsWith('#')), [...linked].filter(([line]) => line.startsWith('#')));
    const moved = typed.replace(/^# ⛩️\n/, '# ⛩️\n\nfresh words\n');
    assert.notStrictEqual(moved, typed);
    await change('kitchen/knives.md', 3, moved);
    assert.deepStrictEqual([...(await lensesOf(moved))].filter(([line]) => line.startsWith('#')), [...linked].filter(([line]) => line.startsWith('#')));
    // The link goes again while this note's counts are kept: the count follows.
    await change('kitchen/stones.md', 3, stones);
    await client.settled();
    assert.strictEqual((await lensesOf(moved)).get('## bevel'), '1 reference');
  });
});

describe('language server: the citation counts of 📚 entries follow citations typed elsewhere', function () {
  this.timeout(30000);

  it('asks the editor for the counts again when a 📙 citation is typed in a note without a single 🗄 link', async () => {
    // Notes of its own: what changes in cites.md moves no 🗄 link anywhere.
    const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torii-lenses-')), 'notes');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'books.md'), '# ⛩️\n\n## 参考\n\n📚\n* Chang knife skills\n* Okafor knife care\n');
    fs.writeFileSync(path.join(root, 'cites.md'), '# ⛩️\n\n# 🔪 EDGES\n\n* a burr forms 📙 Chang knife skills [12]\n');
    const client = new TestClient(root);
    let refreshes = 0;
    client.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshes++;
      return null;
    });
    try {
      await client.initialize({ codeLens: { refreshSupport: true } });
      await client.open('books.md');
      const cites = client.text('cites.md');
      await client.open('cites.md', cites, 1);
      await client.settled();
      const counts = async () => (await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: client.uri('books.md') } })).map((lens) => `${lens.range.start.line}: ${lens.command.title}`);
      assert.deepStrictEqual(await counts(), ['5: 1 citation', '6: 0 citations']);
      const before = refreshes;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri('cites.md'), version: 2 }, contentChanges: [{ text: `${cites}* strop it off 📙 Chang knife skills [13]\n* oil the blade 📙 Okafor knife care [4]\n` }] });
      await client.settled();
      // Before, no refresh came (no 🗄 link had moved), and an editor showing books.md kept "1 citation".
      assert.strictEqual(refreshes, before + 1, 'the editor is asked for the lenses again');
      assert.deepStrictEqual(await counts(), ['5: 2 citations', '6: 1 citation']);
    } finally {
      // Takes the temporary folder with it.
      await client.shutdown();
    }
  });
});
