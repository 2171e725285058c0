import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, Hover, Location } from 'vscode-languageserver';
import { TestClient } from './lspClient';
import { gitWorkspace, note, type GitWorkspace } from '../unit/gitSupport';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test-fixtures', 'siblings');

/** `line severity message`, one a diagnostic of reactions.md. */
function rendered(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.severity} ${diagnostic.message}`);
}

describe('language server: folders of a workspace as sibling collections (DIALECT §8.6)', function () {
  this.timeout(30000);
  let client: TestClient;
  let top: string;
  const physics = () => ({ uri: pathToFileURL(path.join(top, 'phys-kb')).href, name: 'phys-kb' });
  const intoPhysics = (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => String(diagnostic.message).includes('(in phys-kb)'));

  before(async () => {
    top = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-siblings-'));
    fs.cpSync(FIXTURES, top, { recursive: true });
    client = new TestClient(path.join(top, 'chem-kb'));
    // As VS Code: edits with versions, and files renamed by an edit.
    await client.initialize({ workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename'] } });
    await client.open('reactions.md');
    await client.settled();
  });

  after(async () => {
    await client.shutdown();
    fs.rmSync(top, { recursive: true, force: true });
  });

  it('reads a name of another folder as another collection\'s note while that folder is not in the workspace', async () => {
    const diagnostics = await client.diagnosticsFor('reactions.md');
    assert.strictEqual(diagnostics.filter((diagnostic) => String(diagnostic.message).includes('`optics.md` is not in this workspace')).length, 3);
  });

  it('leads the links into the folder once it is added: their dead sections warned there, go to definition and hover across', async () => {
    // Every publication of reactions.md from now on: none may call optics.md another collection's
    // note while the folder is being read (it joins as a sibling once read).
    const published: string[] = [];
    client.publicationListeners.push(({ uri, diagnostics }) => {
      if (uri === client.uri('reactions.md')) published.push(...diagnostics.map((diagnostic) => String(diagnostic.message)));
    });
    // As Neovim 0.7's `vim.lsp.buf.add_workspace_folder` sends it: a removed entry with no URI.
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [physics()], removed: [{}] } });
    const diagnostics = await client.diagnosticsFor('reactions.md', intoPhysics);
    assert.deepStrictEqual(published.filter((message) => message.includes('`optics.md` is not in this workspace, nor in phys-kb')), []);
    assert.deepStrictEqual(rendered(diagnostics), [
      "17 2 dead section: optics.md (in phys-kb) has no section 'prisms'; it is in light.md (in phys-kb); fix: `light.md` prisms",
      '20 2 dead link: `optics.com` is not a note (`.com` looks like a typo for `.md`, meaning optics.md in phys-kb); fix: `optics.md` mirrors',
      '24 4 `history.md` is not in this workspace, nor in phys-kb (a note of another collection?)',
    ]);
    // The quick fix edits this folder's note only.
    const actions = await client.request<Array<{ title: string; edit?: { changes?: Record<string, Array<{ newText: string }>>; documentChanges?: Array<{ textDocument: { uri: string }; edits: Array<{ newText: string }> }> } }>>('textDocument/codeAction', {
      textDocument: { uri: client.uri('reactions.md') }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]], only: ['quickfix'] },
    });
    const edited = actions.flatMap((action) => [...Object.entries(action.edit?.changes ?? {}).map(([uri, edits]) => [client.canonical(uri), edits.map((edit) => edit.newText).join('|')]), ...(action.edit?.documentChanges ?? []).map((change) => [client.canonical(change.textDocument.uri), change.edits.map((edit) => edit.newText).join('|')])]);
    assert.deepStrictEqual(edited[0], [client.uri('reactions.md'), 'light.md']);

    const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: client.uri('reactions.md') }, position: { line: 5, character: 16 } });
    assert.deepStrictEqual(definition.map((location) => [client.canonical(location.uri), location.range.start.line]), [[client.canonical(pathToFileURL(path.join(top, 'phys-kb', 'optics.md')).href), 8]]);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('reactions.md') }, position: { line: 5, character: 16 } });
    const markdown = (hover.contents as { value: string }).value;
    assert.match(markdown, /🗄 \*\*optics\.md\*\* \(in phys-kb\) › lenses/);
    assert.match(markdown, /found in a sibling collection/);
    assert.match(markdown, /## lenses\n\n\* _focal length_/);
  });

  it('finds among the references of a heading the links of the other folder, from either side', async () => {
    const optics = path.join('..', 'phys-kb', 'optics.md');
    const heading = client.text(optics).split('\n').indexOf('## lenses');
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: client.uri(optics) }, position: { line: heading, character: 5 }, context: { includeDeclaration: false } });
    assert.deepStrictEqual(references.map((location) => [client.canonical(location.uri), location.range.start.line]), [[client.uri('reactions.md'), 5]]);
    // The count above the heading says as much.
    const lenses = await client.request<Array<{ range: { start: { line: number } }; command: { title: string } }>>('textDocument/codeLens', { textDocument: { uri: client.uri(optics) } });
    assert.deepStrictEqual(lenses.filter((lens) => lens.range.start.line === heading).map((lens) => lens.command.title), ['1 reference']);
    // From the link itself, in the chemistry note: the same.
    const fromLink = await client.request<Location[]>('textDocument/references', { textDocument: { uri: client.uri('reactions.md') }, position: { line: 5, character: 16 }, context: { includeDeclaration: false } });
    assert.deepStrictEqual(fromLink.map((location) => [client.canonical(location.uri), location.range.start.line]), [[client.uri('reactions.md'), 5]]);
  });

  it('joins the folders in the graph: a link into the other folder\'s note is an edge there', async () => {
    const graph = await client.request<{ roots: string[]; paths: string[]; root: number[]; external: number[]; incoming: number[]; dead: number[]; edgeStart: number[]; edgeTarget: number[]; edgeCount: number[] }>('torii/graph', {});
    const node = (folder: string, notePath: string) => graph.paths.findIndex((candidate, at) => candidate === notePath && path.basename(client.canonical(graph.roots[graph.root[at]])) === folder);
    const reactions = node('chem-kb', 'reactions.md');
    const edges = (from: number) => Array.from({ length: graph.edgeStart[from + 1] - graph.edgeStart[from] }, (_, at) => graph.edgeStart[from] + at).map((edge) => `${path.basename(client.canonical(graph.roots[graph.root[graph.edgeTarget[edge]]]))}/${graph.paths[graph.edgeTarget[edge]]} ${graph.edgeCount[edge]}`).sort();
    // lenses and spectra lead into optics.md, prisms is not there (a dead edge), colour leads into light.md; `optics.com` asks for a note no folder has.
    assert.deepStrictEqual(edges(reactions), ['chem-kb/lab/safety.md 1', 'chem-kb/optics.com -1', 'phys-kb/light.md 1', 'phys-kb/optics.md -1', 'phys-kb/optics.md 2']);
    // Only `history.md` leaves the workspace.
    assert.strictEqual(graph.external[reactions], 1);
    assert.strictEqual(graph.incoming[node('phys-kb', 'optics.md')], 2);
  });

  it('renames a heading with the links of the other folder, from either side', async () => {
    type Edit = { changes?: Record<string, Array<{ range: { start: { line: number } }; newText: string }>>; documentChanges?: Array<{ textDocument: { uri: string }; edits: Array<{ range: { start: { line: number } }; newText: string }> }> };
    const rendered = (edit: Edit) => [
      ...Object.entries(edit.changes ?? {}).flatMap(([uri, edits]) => edits.map((one) => `${path.basename(client.canonical(uri))}:${one.range.start.line} ${one.newText}`)),
      ...(edit.documentChanges ?? []).flatMap((change) => change.edits.map((one) => `${path.basename(client.canonical(change.textDocument.uri))}:${one.range.start.line} ${one.newText}`)),
    ].sort();
    const optics = path.join('..', 'phys-kb', 'optics.md');
    const heading = client.text(optics).split('\n').indexOf('## lenses');
    const fromHeading = await client.request<Edit>('textDocument/rename', { textDocument: { uri: client.uri(optics) }, position: { line: heading, character: 5 }, newName: 'thin lenses' });
    assert.deepStrictEqual(rendered(fromHeading), [`optics.md:${heading} thin lenses`, 'reactions.md:5 thin lenses']);
    // From the link in the chemistry note: the heading there is what is renamed.
    const at = { textDocument: { uri: client.uri('reactions.md') }, position: { line: 5, character: 16 } };
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', at);
    assert.strictEqual(prepared.placeholder, 'lenses');
    const fromLink = await client.request<Edit>('textDocument/rename', { ...at, newName: 'thin lenses' });
    assert.deepStrictEqual(rendered(fromLink), rendered(fromHeading));
  });

  it('rewrites the other folder\'s links into a note moved in this one, as the editor asks before the move', async () => {
    const optics = pathToFileURL(path.join(top, 'phys-kb', 'optics.md')).href;
    const moved = pathToFileURL(path.join(top, 'phys-kb', 'optics', 'geometric.md')).href;
    type Edit = { changes?: Record<string, Array<{ range: { start: { line: number } }; newText: string }>>; documentChanges?: Array<{ textDocument: { uri: string }; edits: Array<{ range: { start: { line: number } }; newText: string }> }> };
    const edit = await client.request<Edit>('workspace/willRenameFiles', { files: [{ oldUri: optics, newUri: moved }] });
    const places = [
      ...Object.entries(edit.changes ?? {}).flatMap(([uri, edits]) => edits.map((one) => `${path.basename(client.canonical(uri))}:${one.range.start.line} ${one.newText}`)),
      ...(edit.documentChanges ?? []).flatMap((change) => change.edits.map((one) => `${path.basename(client.canonical(change.textDocument.uri))}:${one.range.start.line} ${one.newText}`)),
    ].sort();
    // The links into the note (lenses, spectra), and the one whose section it lacks (prisms): the
    // `.com` names no note, and stays as written.
    assert.deepStrictEqual(places, ['reactions.md:16 geometric.md', 'reactions.md:18 geometric.md', 'reactions.md:5 geometric.md']);
    // F2 on the link's file name in the chemistry note: the same, and the physics note renamed.
    const renamed = await client.request<{ documentChanges: Array<{ kind?: string; oldUri?: string; newUri?: string; textDocument?: { uri: string }; edits?: Array<{ range: { start: { line: number } }; newText: string }> }> }>('textDocument/rename', {
      textDocument: { uri: client.uri('reactions.md') }, position: { line: 5, character: 6 }, newName: 'geometric.md',
    });
    const changes = renamed.documentChanges.flatMap((change) => change.kind === 'rename'
      ? [`rename ${path.relative(top, new URL(change.oldUri!).pathname)} → ${path.relative(top, new URL(change.newUri!).pathname)}`]
      : change.edits!.map((one) => `${path.basename(client.canonical(change.textDocument!.uri))}:${one.range.start.line} ${one.newText}`));
    assert.deepStrictEqual(changes, ['reactions.md:5 geometric.md', 'reactions.md:16 geometric.md', 'reactions.md:18 geometric.md', 'rename phys-kb/optics.md → phys-kb/geometric.md']);
  });

  it('checks the links again when the other folder\'s note changes', async () => {
    // `## lenses` typed as `## lens` in the physics note, open in the editor.
    const optics = path.join('..', 'phys-kb', 'optics.md');
    await client.open(optics);
    const text = client.text(optics);
    const line = text.split('\n').indexOf('## lenses');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: client.uri(optics), version: 2 },
      contentChanges: [{ range: { start: { line, character: 3 }, end: { line, character: 9 } }, text: 'lens' }],
    });
    const diagnostics = await client.diagnosticsFor('reactions.md', (all) => all.some((diagnostic) => diagnostic.range.start.line === 5));
    assert.match(String(diagnostics.find((diagnostic) => diagnostic.range.start.line === 5)!.message), /^dead section: optics\.md \(in phys-kb\) has no section 'lenses'/);
  });

  it('reads the names as another collection\'s again once the folder leaves the workspace', async () => {
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [physics()] } });
    const diagnostics = await client.diagnosticsFor('reactions.md', (all) => !intoPhysics(all) && all.some((diagnostic) => diagnostic.range.start.line === 5));
    assert.match(String(diagnostics.find((diagnostic) => diagnostic.range.start.line === 5)!.message), /`optics\.md` is not in this workspace \(a note of another collection\?\)/);
  });
});

describe('language server: a note another folder\'s git history renamed', function () {
  this.timeout(30000);
  let client: TestClient;
  let chemistry: string;
  let physics: GitWorkspace;

  after(async () => {
    await client?.shutdown();
    physics?.remove();
    if (chemistry) fs.rmSync(chemistry, { recursive: true, force: true });
  });

  it('says where the link\'s note went once that folder commits the rename, with the fix there', async () => {
    physics = gitWorkspace([{ date: '2023-01-10', files: { 'optics.md': note('# ⛩️\n\n## lenses') } }]);
    chemistry = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-chem-'));
    fs.writeFileSync(path.join(chemistry, 'reactions.md'), '# ⛩️\n\n🗄 `optics.md` lenses\n');
    client = new TestClient(chemistry);
    await client.initialize();
    await client.open('reactions.md');
    const name = path.basename(physics.root);
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(physics.root).href, name }], removed: [] } });
    await client.diagnosticsFor('reactions.md', (all) => all.length === 0);
    // The note renamed on disk (as the explorer renames it), then the rename committed in a shell:
    // the history is read again from the reflog, and the other folder's link told where the note went.
    fs.renameSync(path.join(physics.root, 'optics.md'), path.join(physics.root, 'geometric.md'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(physics.root, 'optics.md')).href, type: 3 }, { uri: pathToFileURL(path.join(physics.root, 'geometric.md')).href, type: 1 }] });
    await client.diagnosticsFor('reactions.md', (all) => all.length === 1);
    cp.spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', 'add', '-A'], { cwd: physics.root });
    cp.spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'optics is geometric now'], { cwd: physics.root });
    const read = client.logged(/read the history of .* again/);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(physics.root, '.git', 'logs', 'HEAD')).href, type: 2 }] });
    await read;
    const diagnostics = await client.diagnosticsFor('reactions.md', (all) => all.some((diagnostic) => String(diagnostic.message).includes('was renamed')));
    assert.deepStrictEqual(rendered(diagnostics), [`3 2 dead link: no note \`optics.md\`; optics.md (in ${name}) was renamed to geometric.md (in ${name}); fix: \`geometric.md\` lenses`]);
  });
});
