import * as assert from 'assert';
import { TestClient } from './lspClient';

function total(counts: Map<string, number>): number {
  return [...counts.values()].reduce((sum, count) => sum + count, 0);
}

describe('language server: a recheck that changes nothing sends nothing', function () {
  this.timeout(30000);
  let client: TestClient;
  let lensesRefreshed: () => void = () => undefined;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    client.connection.onRequest('workspace/codeLens/refresh', () => {
      lensesRefreshed();
      return null;
    });
    await client.initialize({ codeLens: { refreshSupport: true } });
    await client.settled();
  });

  after(async () => client.shutdown());

  it('rechecks every note after a settings change without publishing any again', async () => {
    const before = total(client.publications);
    assert.ok(before >= 20, `every note published once after loading (${before})`);
    // The server reads the settings again, asks the client to refresh its lenses, and in the same turn queues every note for a recheck.
    const refreshed = new Promise<void>((resolve) => (lensesRefreshed = resolve));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    await client.settled();
    assert.strictEqual(total(client.publications), before);
  });

  it('still publishes the notes whose diagnostics an edit changes, and the edited note itself', async () => {
    const knives = client.uri('kitchen/knives.md');
    const stones = client.uri('kitchen/stones.md');
    const utensils = client.uri('kitchen/utensils.md');
    const flour = client.uri('food/bread/flour.md');
    const count = (uri: string) => client.publications.get(uri) ?? 0;
    const [stonesBefore, utensilsBefore, flourBefore] = [count(stones), count(utensils), count(flour)];
    const text = client.text('kitchen/knives.md');
    await client.open('kitchen/knives.md', text, 1);
    // Words typed at the end of a line (no line moves): the kitchen notes that link here are rechecked, and nothing changed for them.
    const prose = text.replace('* two light strokes per side, no more\n', '* two light strokes per side, no more, then strop\n');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: knives, version: 2 }, contentChanges: [{ text: prose }] });
    await client.diagnosticsFor('kitchen/knives.md', () => true);
    await client.settled();
    assert.deepStrictEqual([count(stones), count(utensils), count(flour)], [stonesBefore, utensilsBefore, flourBefore]);
    // Renaming the heading stones.md links to makes that link dead: stones.md is published again, once.
    const renamed = prose.replace(/^## sharpening$/m, '## whetting');
    assert.notStrictEqual(renamed, prose, 'knives.md has a "## sharpening" heading');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: knives, version: 3 }, contentChanges: [{ text: renamed }] });
    await client.diagnosticsFor('kitchen/stones.md', (all) => all.some((diagnostic) => /'sharpening'/.test(String(diagnostic.message))));
    await client.settled();
    assert.strictEqual(count(stones), stonesBefore + 1);
    assert.strictEqual(count(flour), flourBefore, 'flour.md links nowhere near knives.md');
  });
});
