import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { GRAPH_REQUEST, PREVIEW_REQUEST, type GraphDto, type PreviewDto } from '../../src/lsp/protocol';
import { TestClient } from './lspClient';

/** Edges of a graph as `from.md -> to.md` (`-x->` when dead), by labels. */
function edgeLabels(graph: GraphDto): string[] {
  const labels: string[] = [];
  for (let source = 0; source < graph.paths.length; source++) {
    for (let at = graph.edgeStart[source]; at < graph.edgeStart[source + 1]; at++) {
      labels.push(`${graph.paths[source]} ${graph.edgeCount[at] < 0 ? '-x->' : '->'} ${graph.paths[graph.edgeTarget[at]]}`);
    }
  }
  return labels;
}

describe('torii/graph and torii/preview over stdio (test-fixtures/notes-kb)', function () {
  this.timeout(30000);
  let client: TestClient;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    await client.initialize({ workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } });
  });

  after(async () => client.shutdown());

  it('gives the graph of every note: nodes by top folder, edges by status, placeholders for missing notes, orphans', async () => {
    const graph = await client.request<GraphDto>(GRAPH_REQUEST, {});
    const notes = graph.paths.filter((_, at) => graph.folder[at] >= 0);
    assert.strictEqual(notes.length, 22);
    assert.deepStrictEqual(graph.folders, ['craft', 'food', 'kitchen', 'odds']);
    assert.deepStrictEqual(graph.roots, [client.uri('')]);
    const knives = graph.paths.indexOf('kitchen/knives.md');
    assert.strictEqual(graph.folders[graph.folder[knives]], 'kitchen');
    assert.ok(graph.incoming[knives] > 0);
    const edges = edgeLabels(graph);
    assert.ok(edges.includes('craft/forge/tools.md -> craft/forge/metals.md'), edges.join('\n'));
    assert.ok(edges.includes('kitchen/cookware.md -x-> craft/forge/metals.md'), 'the dead section `metals.md` rust removal is a dead edge to metals.md');
    assert.ok(edges.includes('kitchen/storage.md -x-> sourdouh.md'), 'the dead file `sourdouh.md` leads to a placeholder');
    const placeholder = graph.paths.indexOf('sourdouh.md');
    assert.deepStrictEqual([graph.folder[placeholder], graph.reason[placeholder], graph.dead[placeholder]], [-1, 'typo', 1]);
    assert.ok(graph.paths.some((_, at) => graph.folder[at] >= 0 && graph.incoming[at] === 0), 'some note has no reference leading to it (an orphan)');
    for (const column of [graph.root, graph.folder, graph.incoming, graph.outgoing, graph.dead, graph.external, graph.reason]) assert.strictEqual(column.length, graph.paths.length);
    assert.deepStrictEqual([graph.edgeStart.length, graph.edgeStart[graph.paths.length], graph.edgeCount.length], [graph.paths.length + 1, graph.edgeTarget.length, graph.edgeTarget.length]);
  });

  it('gives the local graph of a note, one or two hops out', async () => {
    const one = await client.request<GraphDto>(GRAPH_REQUEST, { uri: client.uri('craft/forge/tools.md'), hops: 1 });
    const two = await client.request<GraphDto>(GRAPH_REQUEST, { uri: client.uri('craft/forge/tools.md'), hops: 2 });
    assert.strictEqual(one.paths[one.focus!], 'craft/forge/tools.md');
    const notesOf = (graph: GraphDto) => graph.paths.filter((_, at) => graph.folder[at] >= 0).sort();
    assert.ok(notesOf(one).includes('craft/forge/metals.md'));
    assert.ok(notesOf(two).length > notesOf(one).length, `${notesOf(one)} then ${notesOf(two)}`);
    for (const note of notesOf(one)) assert.ok(notesOf(two).includes(note));
  });

  it('follows an edit: a reference typed in an open note is an edge in the next graph', async () => {
    assert.ok(!edgeLabels(await client.request<GraphDto>(GRAPH_REQUEST, {})).includes('food/bbq.md -> kitchen/knives.md'));
    const bbq = client.text('food/bbq.md');
    await client.open('food/bbq.md', bbq);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: client.uri('food/bbq.md'), version: 2 },
      contentChanges: [{ text: `${bbq}\n🗄 \`knives.md\`\n` }],
    });
    // The server handles messages in order: the request sees the change.
    const edges = edgeLabels(await client.request<GraphDto>(GRAPH_REQUEST, {}));
    assert.ok(edges.includes('food/bbq.md -> kitchen/knives.md'), edges.filter((edge) => edge.startsWith('food/bbq.md')).join('\n'));
  });

  it('gives the preview what each 🗄 target, 📙 citation and 📚 entry of a note means', async () => {
    const uri = client.uri('kitchen/cookware.md');
    const lines = client.text('kitchen/cookware.md').split('\n');
    const data = await client.request<PreviewDto>(PREVIEW_REQUEST, { uri });
    const at = (text: string) => data.references.find((reference) => lines[reference.line].slice(reference.start, reference.end) === text);
    const live = at("`metals.md` 'patina'")!;
    assert.strictEqual(live.status, 'resolved');
    assert.strictEqual(live.target?.uri, client.uri('craft/forge/metals.md'));
    assert.match(client.text('craft/forge/metals.md').split('\n')[live.target!.line], /patina/i);
    const dead = at('`metals.md` rust removal')!;
    assert.deepStrictEqual([dead.status, dead.kind, dead.fix?.label, dead.fix?.uri], ['dead_section', 'moved-section', '`care.md` rust removal', client.uri('kitchen/care.md')]);
    assert.strictEqual(at('`chemistry.md` Maillard')?.status, 'external');
    const mcgee = data.citations.find((citation) => citation.author === 'McGee')!;
    assert.strictEqual(lines[mcgee.line].slice(mcgee.start, mcgee.end), 'McGee');
    assert.strictEqual(mcgee.book?.title, 'on food and cooking');
    const entry = data.bookEntries.find((book) => book.author === 'McGee')!;
    assert.ok(entry.citations.some((place) => place.uri === uri && lines[place.line].includes('📙 McGee')), JSON.stringify(entry.citations));
  });

  it('gives the repaired text of a double-encoded note, and nothing for a file it does not know', async () => {
    const data = await client.request<PreviewDto>(PREVIEW_REQUEST, { uri: client.uri('odds/old-pantry.md') });
    assert.ok(data.repairedText?.startsWith('# ⛩️'), data.repairedText?.slice(0, 40));
    assert.strictEqual(await client.request<PreviewDto | null>(PREVIEW_REQUEST, { uri: client.uri('no/such/note.md') }), null);
  });

  it('offers Create note for a note name found nowhere, and the link resolves once it exists', async () => {
    const uri = client.uri('craft/forge/tools.md');
    const hasFire = (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => /`fire\.md`/.test(String(diagnostic.message)));
    const [fire] = (await client.diagnosticsFor('craft/forge/tools.md', hasFire)).filter((diagnostic) => /`fire\.md`/.test(String(diagnostic.message)));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: fire.range, context: { diagnostics: [fire], only: ['quickfix'] } });
    const create = actions.find((action) => action.title === 'Create note `fire.md`');
    assert.ok(create, JSON.stringify(actions.map((action) => action.title)));
    assert.deepStrictEqual(create.diagnostics?.map((diagnostic) => diagnostic.code), ['foreign-note']);
    const [operation, write] = create.edit!.documentChanges! as [{ kind: string; uri: string }, { textDocument: { uri: string }; edits: Array<{ newText: string }> }];
    assert.deepStrictEqual([operation.kind, operation.uri, write.textDocument.uri], ['create', client.uri('craft/forge/fire.md'), client.uri('craft/forge/fire.md')]);
    // Apply it as an editor would: the file appears on disk, and the watcher says so.
    fs.writeFileSync(path.join(client.root, 'craft/forge/fire.md'), write.edits[0].newText);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: operation.uri, type: 1 }] });
    await client.diagnosticsFor('craft/forge/tools.md', (diagnostics) => !hasFire(diagnostics));
    const graph = await client.request<GraphDto>(GRAPH_REQUEST, {});
    assert.ok(edgeLabels(graph).includes('craft/forge/tools.md -> craft/forge/fire.md'));
  });
});
