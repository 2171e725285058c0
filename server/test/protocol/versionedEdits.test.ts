import * as assert from 'assert';
import * as cp from 'child_process';
import type { ShowMessageParams } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

type VersionedEdit = { textDocument: { uri: string; version: number | null }; edits: Array<{ newText: string }> };
type Edit = { documentChanges?: VersionedEdit[]; changes?: unknown };

/** `relative path → version` for every document an edit touches. */
function versionsOf(client: TestClient, edit: Edit): Record<string, number | null> {
  assert.ok(edit.documentChanges && !edit.changes, `versioned documentChanges, not changes: ${JSON.stringify(edit)}`);
  const root = client.uri('');
  return Object.fromEntries(edit.documentChanges!.map((change) => [change.textDocument.uri.slice(root.length).replace(/^\//, ''), change.textDocument.version]));
}

describe('language server: edits carry the version they were computed on (documentChanges)', function () {
  this.timeout(60000);
  let client: TestClient;
  const messages: ShowMessageParams[] = [];
  const git = (...args: string[]) => {
    const run = cp.spawnSync('git', ['-c', 'user.email=test@torii.invalid', '-c', 'user.name=Torii test', ...args], { cwd: client.root, encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
  };

  before(async () => {
    client = new TestClient(TestClient.copySample());
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'notes');
    client.connection.onNotification('window/showMessage', (params: ShowMessageParams) => void messages.push(params));
    await client.initialize({ workspaceEdit: { documentChanges: true } });
    await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
  });

  after(async () => client.shutdown());

  /**
   * The version each note is open at, so that a test run alone (`--grep`) expects what it sees:
   * the tests share one server, and a note an earlier test opened is still open in the next.
   */
  const openAt = new Map<string, number>();
  const versionOf = (relative: string) => openAt.get(relative) ?? null;

  async function open(relative: string, version: number): Promise<void> {
    openAt.set(relative, version);
    await client.open(relative, undefined, version);
  }

  /** Types at the end of line 0 of an open note: the editor's next version. */
  async function type(relative: string, version: number, text: string): Promise<void> {
    openAt.set(relative, version);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: client.uri(relative), version },
      contentChanges: [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text }],
    });
  }

  it('gives a quick fix the version of the open note it was computed on, so a client refuses it once the user has typed', async () => {
    await open('craft/forge/tools.md', 1);
    const lines = client.text('craft/forge/tools.md').split('\n');
    const line = lines.findIndex((text) => text.includes('`metals.md` tempring'));
    const range = { start: { line, character: lines[line].indexOf('tempring') }, end: { line, character: lines[line].indexOf('tempring') + 1 } };
    const [fix] = await client.request<Array<{ title: string; edit: Edit }>>('textDocument/codeAction', { textDocument: { uri: client.uri('craft/forge/tools.md') }, range, context: { diagnostics: [] } });
    assert.deepStrictEqual(versionsOf(client, fix.edit), { 'craft/forge/tools.md': 1 });
    // The user types: the editor is at version 2, the edit in hand still says 1, and the client must not apply it.
    await type('craft/forge/tools.md', 2, ' ');
    assert.deepStrictEqual(versionsOf(client, fix.edit), { 'craft/forge/tools.md': 1 });
    // Asked again, the fix is computed on what the user sees now.
    const [again] = await client.request<Array<{ edit: Edit }>>('textDocument/codeAction', { textDocument: { uri: client.uri('craft/forge/tools.md') }, range, context: { diagnostics: [] } });
    assert.deepStrictEqual(versionsOf(client, again.edit), { 'craft/forge/tools.md': 2 });
  });

  it('gives a rename the version of each open note, and none to notes only on disk', async () => {
    await open('craft/forge/metals.md', 7);
    const metals = client.text('craft/forge/metals.md').split('\n');
    const edit = await client.request<Edit>('textDocument/rename', { textDocument: { uri: client.uri('craft/forge/metals.md') }, position: { line: metals.indexOf('## tempering'), character: 4 }, newName: 'annealing' });
    // tools.md is open (at 2) after the quick-fix test, and on disk only when this test runs alone.
    assert.deepStrictEqual(versionsOf(client, edit), { 'craft/forge/metals.md': 7, 'craft/forge/tools.md': versionOf('craft/forge/tools.md') });
  });

  it('gives the edits for a moved note the versions of the open notes they touch', async () => {
    const edit = await client.request<Edit>('workspace/willRenameFiles', { files: [{ oldUri: client.uri('kitchen/care.md'), newUri: client.uri('kitchen/aftercare.md') }] });
    const versions = versionsOf(client, edit);
    assert.strictEqual(versions['craft/forge/metals.md'], versionOf('craft/forge/metals.md'));
    assert.strictEqual(versions['kitchen/utensils.md'], null);
  });

  it('tells the user when the client refuses the repair, and reports nothing repaired', async () => {
    git('mv', 'kitchen/stones.md', 'kitchen/whetstones.md');
    git('commit', '-q', '-m', 'rename stones');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('kitchen/stones.md'), type: 3 }, { uri: client.uri('kitchen/whetstones.md'), type: 1 }] });
    await open('kitchen/knives.md', 3);
    await client.diagnosticsFor('kitchen/knives.md', (all) => all.some((d) => /renamed to kitchen\/whetstones\.md/.test(String(d.message))));
    const asked: Edit[] = [];
    client.connection.onRequest('workspace/applyEdit', (params: { edit: Edit }) => {
      asked.push(params.edit);
      // As VS Code's client answers when the document's version is not the edit's.
      return { applied: false, failureReason: 'kitchen/knives.md changed in the meantime' };
    });
    const result = await client.request<{ repaired: number; refused?: string }>('workspace/executeCommand', { command: 'torii.repairReferences', arguments: [] });
    assert.deepStrictEqual(result, { repaired: 0, refused: 'kitchen/knives.md changed in the meantime' });
    assert.strictEqual(versionsOf(client, asked[0])['kitchen/knives.md'], 3);
    const told = messages.find((message) => /repair was not applied/.test(message.message));
    assert.ok(told, JSON.stringify(messages));
    assert.strictEqual(told!.type, 2, 'a warning');
    assert.match(told!.message, /kitchen\/knives\.md changed in the meantime.*Nothing was changed; run "Torii: Repair references to moved notes" again\./);
    assert.ok(!messages.some((message) => /repaired \d+ reference/.test(message.message)), 'no claim that anything was repaired');
  });
});
