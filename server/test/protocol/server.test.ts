import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { CompletionList, Diagnostic, DocumentLink, DocumentSymbol, Hover, Location, SymbolInformation } from 'vscode-languageserver-protocol';
import { settledSampleClient, TestClient, vscodeFileUri } from './lspClient';

/** Names of a symbol tree, indented by depth. */
function renderSymbols(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [`${'  '.repeat(depth)}${symbol.name} (${symbol.kind})`, ...renderSymbols(symbol.children ?? [], depth + 1)]);
}

const hasCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.code === code);
const lacksCode = (code: string) => (diagnostics: Diagnostic[]) => !diagnostics.some((diagnostic) => diagnostic.code === code);

describe('language server over stdio (test-fixtures/notes-kb)', function () {
  this.timeout(30000);
  let client: TestClient;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    const result = await client.initialize();
    assert.ok(result.capabilities.documentSymbolProvider);
    // Open here, not in a test, so that each test also passes alone (`--grep`): the later ones edit it.
    await client.open('kitchen/knives.md');
  });

  after(async () => client.shutdown());

  it('publishes diagnostics for every note, open or not, with the fix in the message and related places', async () => {
    const diagnostics = await client.diagnosticsFor('kitchen/cookware.md', hasCode('dead-section'));
    const dead = diagnostics.find((diagnostic) => diagnostic.code === 'dead-section')!;
    assert.strictEqual(dead.message, "dead section: craft/forge/metals.md has no section 'rust removal'; it is in kitchen/care.md; fix: `care.md` rust removal");
    assert.strictEqual(dead.severity, 2);
    assert.deepStrictEqual(dead.range, { start: { line: 43, character: 3 }, end: { line: 43, character: 27 } });
    assert.strictEqual(dead.source, 'torii');
    const foreign = (await client.diagnosticsFor('kitchen/cookware.md')).find((diagnostic) => diagnostic.code === 'foreign-note');
    assert.strictEqual(foreign?.severity, 4);
    const textOnly = (await client.diagnosticsFor('craft/joinery/#meta.md', hasCode('dead-section'))).find((diagnostic) => diagnostic.code === 'dead-section')!;
    assert.strictEqual(textOnly.relatedInformation?.[0].location.uri, client.uri('craft/wood/species.md'));
    assert.ok((await client.diagnosticsFor('odds/old-pantry.md', hasCode('double-encoded'))).length === 1);
  });

  it('gives no diagnostic for a reference inside a code fence', async () => {
    const text = client.text('kitchen/knives.md');
    const fencedLines = new Set<number>();
    let inFence = false;
    text.split('\n').forEach((line, number) => {
      if (/^```/.test(line)) inFence = !inFence;
      else if (inFence) fencedLines.add(number);
    });
    const diagnostics = await client.diagnosticsFor('kitchen/knives.md');
    assert.ok(fencedLines.size > 0);
    assert.deepStrictEqual(diagnostics.filter((diagnostic) => fencedLines.has(diagnostic.range.start.line)), []);
  });

  it('outlines a note as one hierarchical tree with kinds other than String', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri('kitchen/knives.md') } });
    const rendered = renderSymbols(symbols);
    assert.deepStrictEqual(rendered.slice(0, 4), ['参考 (4)', '进步 (4)', '🔪 KNIVES (3)', '  tang (8)']);
    assert.ok(rendered.includes('    BURR (14)'), rendered.join('\n'));
    assert.ok(!rendered.some((line) => / \(15\)$/.test(line)), 'no String symbols');
    const knives = symbols[2];
    assert.ok(knives.range.end.line > knives.selectionRange.end.line, 'a section range covers its body');
  });

  it('goes to the section a 🗄 target names, and to the note from its file part', async () => {
    const lines = client.text('craft/forge/tools.md').split('\n');
    const lineNumber = lines.findIndex((line) => line.includes('`metals.md` tempering'));
    assert.ok(lineNumber >= 0);
    const uri = client.uri('craft/forge/tools.md');
    const [section] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: lineNumber, character: lines[lineNumber].indexOf('tempering') + 2 } });
    assert.strictEqual(section.uri, client.uri('craft/forge/metals.md'));
    assert.strictEqual(client.text('craft/forge/metals.md').split('\n')[section.range.start.line], '## tempering');
    const [file] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: lineNumber, character: lines[lineNumber].indexOf('metals.md') + 2 } });
    assert.deepStrictEqual([file.uri, file.range.start.line], [client.uri('craft/forge/metals.md'), 0]);
  });

  it('links 🗄 file parts and backticked note names to their notes, each found when followed', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: client.uri('kitchen/cookware.md') } });
    assert.ok(links.length >= 3);
    assert.ok(links.every((link) => link.target === undefined && link.data !== undefined), 'targets come with documentLink/resolve');
    const resolved = await Promise.all(links.map((link) => client.request<DocumentLink>('documentLink/resolve', link)));
    assert.ok(resolved.some((link) => link.target?.startsWith(`${client.uri('craft/forge/metals.md')}#L`)));
    assert.ok(resolved.every((link) => link.target !== undefined));
  });

  it('completes 📙 authors and their books, the note’s own first, with the page selected', async () => {
    const uri = client.uri('kitchen/knives.md');
    const text = `${client.text('kitchen/knives.md')}\n📙 `;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const line = text.split('\n').length - 1;
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: 3 } });
    const labels = list.items.map((item) => item.label);
    assert.ok(list.items.every((item) => item.insertTextFormat === 2 && /^\S.* \[\$\{1:page\}\]$/.test(item.textEdit!.newText)), JSON.stringify(list.items.map((item) => item.textEdit!.newText)));
    // The last section of knives.md cites Chang and McGee: they come first, with their books.
    assert.ok(/^(Chang|McGee)\b/.test(labels[0]) && /^(Chang|McGee)\b/.test(labels[1]), labels.join(', '));
    assert.match(list.items[0].detail ?? '', /in this section|cited/);
    // One item per author and one per book: Chang's two books are apart, each writing its title.
    assert.strictEqual(labels.filter((label) => label === 'Chang').length, 1);
    const knifeSkills = list.items.find((item) => item.label === 'Chang knife skills');
    assert.strictEqual(knifeSkills?.textEdit?.newText, 'Chang knife skills [${1:page}]');
    assert.ok(labels.includes('Chang noodle basics'), labels.join(', '));
    // Commentary words are nobody's name.
    for (const word of ['Aquahone', 'Sakai', 'Nordic', 'Japanese', 'Brightwell']) assert.ok(!labels.some((label) => label.startsWith(word)), `${word} offered as an author`);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: client.text('kitchen/knives.md') }] });
  });

  it('completes note paths inside a 🗄 backtick, and sections after a path', async () => {
    const uri = client.uri('kitchen/knives.md');
    const base = client.text('kitchen/knives.md');
    const line = base.split('\n').length;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: `${base}\n🗄 \`meta` }] });
    const notes = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: 7 } });
    assert.strictEqual(notes.items[0].label, 'metals.md');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: `${base}\n🗄 \`metals.md\` te` }] });
    const sections = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: 17 } });
    assert.ok(sections.items.some((item) => item.label === 'tempering' && item.detail === '## heading, line 42'), JSON.stringify(sections.items.map((item) => item.label)));
    // The items of a bare 🗄 list: the notes this note links come first, nearest first.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ text: `${base}\n🗄\n* \`metals.md\` tempering\n* \`` }] });
    const items = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: line + 2, character: 3 } });
    assert.strictEqual(items.items[0].label, 'metals.md', JSON.stringify(items.items.slice(0, 5).map((item) => item.label)));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 7 }, contentChanges: [{ text: base }] });
  });

  it('shows the target section on hover, and why and the fix on a dead link', async () => {
    const lines = client.text('craft/forge/tools.md').split('\n');
    const good = lines.findIndex((line) => line.includes('`metals.md` tempering'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('craft/forge/tools.md') }, position: { line: good, character: lines[good].indexOf('tempering') } });
    const value = (hover.contents as unknown as { value: string }).value;
    assert.match(value, /craft\/forge\/metals\.md\*\* › tempering/);
    assert.match(value, /```markdown\n## tempering/);
    const cookware = client.text('kitchen/cookware.md').split('\n');
    const dead = cookware.findIndex((line) => line.includes('`metals.md` rust removal'));
    const deadHover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('kitchen/cookware.md') }, position: { line: dead, character: cookware[dead].indexOf('rust') } });
    assert.match((deadHover.contents as unknown as { value: string }).value, /Dead section\*\*: meant to lead to \*rust removal\* in \*\*craft\/forge\/metals\.md\*\*[\s\S]*\*\*Fix\*\* \(a quick fix\): \\`care\.md\\` rust removal, which leads to kitchen\/care\.md/);
  });

  it('finds headings, terms and books across the workspace by subsequence', async () => {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'slrymgmt' });
    assert.strictEqual(symbols[0]?.name, 'slurry management');
    assert.strictEqual(symbols[0].location.uri, client.uri('kitchen/stones.md'));
  });

  it('turns references in other notes dead when a heading is renamed in the editor, and back when it is restored', async () => {
    const uri = client.uri('craft/forge/metals.md');
    const original = client.text('craft/forge/metals.md');
    const mentionsTempering = (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => /no section 'tempering'/.test(String(diagnostic.message)));
    await client.open('craft/forge/metals.md', original, 1);
    await client.diagnosticsFor('craft/forge/tools.md', (diagnostics) => !mentionsTempering(diagnostics));
    const renamed = original.replace(/^## tempering$/m, '## annealing');
    assert.notStrictEqual(renamed, original);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: renamed }] });
    await client.diagnosticsFor('craft/forge/tools.md', mentionsTempering);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: original }] });
    await client.diagnosticsFor('craft/forge/tools.md', (diagnostics) => !mentionsTempering(diagnostics));
  });

  it('picks up notes created and deleted on disk through watched-file events', async () => {
    await client.diagnosticsFor('kitchen/cookware.md', hasCode('foreign-note'));
    const created = path.join(client.root, 'science', 'chemistry.md');
    fs.mkdirSync(path.dirname(created), { recursive: true });
    fs.writeFileSync(created, '# ⛩️\n\n# ⚗️ ACIDS\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('science/chemistry.md'), type: 1 }] });
    await client.diagnosticsFor('kitchen/cookware.md', lacksCode('foreign-note'));
    fs.rmSync(created);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('science/chemistry.md'), type: 3 }] });
    await client.diagnosticsFor('kitchen/cookware.md', hasCode('foreign-note'));
  });

  it('takes no note from a folder the folder\'s reading skips (a note moved to .trash, a package\'s README in node_modules)', async () => {
    await client.diagnosticsFor('kitchen/cookware.md', hasCode('foreign-note'));
    const files = ['.trash/chemistry.md', 'node_modules/acids/chemistry.md'];
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(client.root, file)), { recursive: true });
      fs.writeFileSync(path.join(client.root, file), '# ⛩️\n\n# ⚗️ ACIDS\n');
    }
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((file) => ({ uri: client.uri(file), type: 1 })) });
    // A note made after them, in the notes' own folders: once its link resolves, the events before were handled.
    fs.writeFileSync(path.join(client.root, 'later.md'), '# ⛩️\n\n## later\n');
    fs.writeFileSync(path.join(client.root, 'asks-later.md'), '# ⛩️\n\n🗄 `later.md` later\n🗄 `chemistry.md`\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: ['later.md', 'asks-later.md'].map((file) => ({ uri: client.uri(file), type: 1 })) });
    const asks = await client.diagnosticsFor('asks-later.md', (all) => all.length > 0);
    assert.deepStrictEqual(asks.map((diagnostic) => `${diagnostic.range.start.line} ${diagnostic.code}`), ['3 foreign-note'], 'chemistry.md is no note here');
    assert.deepStrictEqual(await client.request<unknown[]>('workspace/symbol', { query: 'ACIDS' }), []);
    for (const file of [...files, 'later.md', 'asks-later.md']) fs.rmSync(path.join(client.root, file));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: ['later.md', 'asks-later.md'].map((file) => ({ uri: client.uri(file), type: 3 })) });
  });

  it('follows a folder moved on disk, told by one event for the folder and none for its notes (as VS Code does)', async () => {
    const where = async () => {
      // care.md is not open (an open note is the editor's, whatever the disk says).
      const symbols = await client.request<Array<{ location: { uri: string } }>>('workspace/symbol', { query: 'rust removal' });
      return [...new Set(symbols.map((symbol) => symbol.location.uri.slice(client.uri('').length + 1)).filter((note) => /care\.md$/.test(note)))].sort();
    };
    assert.deepStrictEqual(await where(), ['kitchen/care.md']);
    fs.renameSync(path.join(client.root, 'kitchen'), path.join(client.root, 'cooking'));
    try {
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('kitchen'), type: 3 }, { uri: client.uri('cooking'), type: 1 }] });
      // Before: the notes of kitchen/ stayed, and those of cooking/ were never read.
      assert.deepStrictEqual(await where(), ['cooking/care.md']);
      await client.diagnosticsFor('cooking/cookware.md', (all) => all.some((d) => /it is in cooking\/care\.md/.test(String(d.message))));
    } finally {
      fs.renameSync(path.join(client.root, 'cooking'), path.join(client.root, 'kitchen'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('cooking'), type: 3 }, { uri: client.uri('kitchen'), type: 1 }] });
    }
    assert.deepStrictEqual(await where(), ['kitchen/care.md']);
  });

  it('lets a note open as its file is go with its file when a shell moves its folder, and keeps one with unsaved text', async () => {
    const where = async (query: string) => {
      const symbols = await client.request<Array<{ location: { uri: string } }>>('workspace/symbol', { query });
      return [...new Set(symbols.map((symbol) => symbol.location.uri.slice(client.uri('').length + 1)))].sort();
    };
    // care.md typed in and then undone: its text is its file's again (seen in the real editor, where a test had done so).
    const care = client.text('kitchen/care.md');
    await client.open('kitchen/care.md', care, 1);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri('kitchen/care.md'), version: 2 }, contentChanges: [{ text: `${care}\n* typed` }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri('kitchen/care.md'), version: 3 }, contentChanges: [{ text: care }] });
    const storage = client.text('kitchen/storage.md');
    await client.open('kitchen/storage.md', `${storage}\n## typed here`, 1);
    assert.deepStrictEqual(await where('oiling schedule'), ['kitchen/care.md']);
    fs.renameSync(path.join(client.root, 'kitchen'), path.join(client.root, 'cooking'));
    try {
      // A shell's `mv` or a `git checkout`: the file events alone, both documents left open. VS Code
      // first reports a change of the open file (seen in the real editor), which can no longer be read.
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('kitchen/care.md'), type: 2 }] });
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('kitchen'), type: 3 }, { uri: client.uri('cooking'), type: 1 }] });
      // Before: kitchen/care.md stayed, a second copy of cooking/care.md, and links to care.md were ambiguous.
      assert.deepStrictEqual(await where('oiling schedule'), ['cooking/care.md']);
      // What the user typed is still a note, at the path its editor shows.
      assert.deepStrictEqual(await where('typed here'), ['kitchen/storage.md']);
    } finally {
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('kitchen/care.md') } });
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('kitchen/storage.md') } });
      fs.renameSync(path.join(client.root, 'cooking'), path.join(client.root, 'kitchen'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('cooking'), type: 3 }, { uri: client.uri('kitchen'), type: 1 }] });
    }
    assert.deepStrictEqual(await where('oiling schedule'), ['kitchen/care.md']);
    assert.deepStrictEqual(await where('typed here'), []);
  });

  it('keeps a note typed in whose file a shell moved away, when its old folder goes too, though it was typed back to the file\'s text', async () => {
    const where = async () => {
      const symbols = await client.request<Array<{ location: { uri: string } }>>('workspace/symbol', { query: 'vacuum bags' });
      return [...new Set(symbols.map((symbol) => symbol.location.uri.slice(client.uri('').length + 1)))].sort();
    };
    const uri = client.uri('kitchen/storage.md');
    const storage = client.text('kitchen/storage.md');
    await client.open('kitchen/storage.md', `${storage}\n## typed here`, 1);
    // Handled before the file moves: the server reads the file of a note opened.
    await client.request('torii/status', {});
    fs.renameSync(path.join(client.root, 'kitchen', 'storage.md'), path.join(client.root, 'odds', 'storage.md'));
    try {
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }, { uri: client.uri('odds/storage.md'), type: 1 }] });
      // Typed in, it stays a note where its editor shows it, beside its file's new place.
      assert.deepStrictEqual(await where(), ['kitchen/storage.md', 'odds/storage.md']);
      // The line typed taken out again: the editor's text is what the file held, but the file is elsewhere.
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: storage }] });
      await client.request('torii/status', {});
      fs.renameSync(path.join(client.root, 'kitchen'), path.join(client.root, 'cooking'));
      try {
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('kitchen'), type: 3 }, { uri: client.uri('cooking'), type: 1 }] });
        // Before: the folder's deletion weighed the note again against its file's old text, and it went.
        assert.deepStrictEqual(await where(), ['kitchen/storage.md', 'odds/storage.md']);
      } finally {
        fs.renameSync(path.join(client.root, 'cooking'), path.join(client.root, 'kitchen'));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('cooking'), type: 3 }, { uri: client.uri('kitchen'), type: 1 }] });
      }
    } finally {
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      fs.renameSync(path.join(client.root, 'odds', 'storage.md'), path.join(client.root, 'kitchen', 'storage.md'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('odds/storage.md'), type: 3 }, { uri, type: 1 }] });
    }
    assert.deepStrictEqual(await where(), ['kitchen/storage.md']);
  });

  it('takes a note open with unsaved changes to where the editor moved its folder, though the old document is not closed yet', async () => {
    const where = async () => {
      const symbols = await client.request<Array<{ location: { uri: string } }>>('workspace/symbol', { query: 'oiling schedule' });
      return [...new Set(symbols.map((symbol) => symbol.location.uri.slice(client.uri('').length + 1)))].sort();
    };
    const text = client.text('kitchen/care.md');
    await client.open('kitchen/care.md', `${text}\n* unsaved`, 1);
    fs.renameSync(path.join(client.root, 'kitchen'), path.join(client.root, 'cooking'));
    try {
      // As VS Code does: the new document opened with the unsaved text, the old one left open.
      await client.open('cooking/care.md', `${text}\n* unsaved`, 1);
      await client.connection.sendNotification('workspace/didRenameFiles', { files: [{ oldUri: client.uri('kitchen'), newUri: client.uri('cooking') }] });
      // Before: kitchen/care.md stayed, the editor's text winning while it was open.
      assert.deepStrictEqual(await where(), ['cooking/care.md']);
    } finally {
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('kitchen/care.md') } });
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('cooking/care.md') } });
      fs.renameSync(path.join(client.root, 'cooking'), path.join(client.root, 'kitchen'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('cooking'), type: 3 }, { uri: client.uri('kitchen'), type: 1 }] });
    }
    assert.deepStrictEqual(await where(), ['kitchen/care.md']);
  });
});

describe('language server: a note whose name the client\'s URIs encode otherwise than Node does', function () {
  this.timeout(30000);

  it('reads the editor\'s text of it, not its file\'s, for its outline, folds and selections', async () => {
    const client = new TestClient(TestClient.copySample());
    fs.writeFileSync(path.join(client.root, "knife(old)'s.md"), '# ⛩️\n## edge\n');
    try {
      await client.initialize();
      const uri = vscodeFileUri(path.join(client.root, "knife(old)'s.md"));
      assert.notStrictEqual(uri, client.uri("knife(old)'s.md"), 'the two encodings differ for this name');
      // Typed and not saved: two headings more than the file has.
      const text = '# ⛩️\n## edge\nkeen\n## bevel angles\nfifteen degrees\n## burr\n';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepStrictEqual(symbols.map((symbol) => `${symbol.name} ${symbol.selectionRange.start.line}:${symbol.selectionRange.end.character}`), ['edge 1:7', 'bevel angles 3:15', 'burr 5:7']);
      for (const symbol of symbols) assert.ok(symbol.range.end.line > symbol.selectionRange.end.line || symbol.range.end.character >= symbol.selectionRange.end.character, `${symbol.name}: the range holds its name`);
      const folds = await client.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
      assert.ok(folds.some((fold) => fold.startLine === 3 && fold.endLine === 4), JSON.stringify(folds));
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: a note macOS named decomposed (`e` and a combining accent), linked as typed', function () {
  this.timeout(30000);

  it('finds it from a link written composed, with no diagnostic, and leads there by the URI the editor writes', async () => {
    const client = new TestClient(TestClient.copySample(), undefined, {}, 'stdio', 'vscode');
    const decomposed = 'cre\u0300me.md';
    fs.writeFileSync(path.join(client.root, 'kitchen', decomposed), '# ⛩️\n## custard\nbain-marie\n');
    fs.writeFileSync(path.join(client.root, 'kitchen', 'desserts.md'), '# ⛩️\n🗄 `crème.md` custard\n🗄 `kitchen/crème.md`\n');
    try {
      await client.initialize();
      assert.deepStrictEqual(await client.diagnosticsFor('kitchen/desserts.md', () => true), []);
      const uri = client.uri('kitchen/desserts.md');
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: client.text('kitchen/desserts.md') } });
      const [target] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 1, character: 15 } });
      assert.strictEqual(target.uri, client.uri(`kitchen/${decomposed}`), 'the file as it is named on disk, in the editor\'s spelling');
      assert.strictEqual(target.range.start.line, 1);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: a note whose name VS Code\'s URIs spell otherwise, deleted and brought back on disk', function () {
  this.timeout(30000);

  it('has its diagnostics again, though the deletion\'s event wrote its URI otherwise than the server publishes it', async () => {
    const client = new TestClient(TestClient.copySample(), undefined, {}, 'stdio', 'vscode');
    const file = path.join(client.root, 'knife(old).md');
    const text = '# ⛩️\n## edge\n🗄 `metals.md` no such section\n';
    fs.writeFileSync(file, text);
    try {
      await client.initialize();
      await client.diagnosticsFor('knife(old).md', (all) => all.length === 1);
      fs.rmSync(file);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('knife(old).md'), type: 3 }] });
      await client.diagnosticsFor('knife(old).md', (all) => all.length === 0);
      // Undone (the explorer's undo, a git checkout): the same file, the same diagnostics, sent again.
      fs.writeFileSync(file, text);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('knife(old).md'), type: 1 }] });
      await client.diagnosticsFor('knife(old).md', (all) => all.length === 1);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: a note opened while the workspace is still being indexed', function () {
  this.timeout(30000);

  it('is not diagnosed against a half-read index (no false foreign-note hints)', async () => {
    const client = new TestClient(TestClient.copySample());
    try {
      await client.initialize();
      await client.open('craft/forge/tools.md');
      const first = await client.diagnosticsFor('craft/forge/tools.md');
      assert.deepStrictEqual(first.filter((diagnostic) => /`metals\.md` is not in this workspace/.test(String(diagnostic.message))), []);
      assert.ok(first.some((diagnostic) => /no section 'tempring'/.test(String(diagnostic.message))));
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: semantic tokens and folding', function () {
  this.timeout(30000);
  let client: TestClient;
  let legend: { tokenTypes: string[]; tokenModifiers: string[] };

  before(async () => {
    client = new TestClient(TestClient.copySample());
    const result = await client.initialize();
    legend = (result.capabilities.semanticTokensProvider as { legend: typeof legend }).legend;
    await client.diagnosticsFor('craft/forge/tools.md', (diagnostics) => diagnostics.length > 0);
  });

  after(async () => client.shutdown());

  /** The tokens of a note as `text type+modifiers`, decoded from LSP's relative encoding. */
  async function decodedTokens(relative: string): Promise<string[]> {
    const lines = client.text(relative).split('\n');
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: client.uri(relative) } });
    const decoded: string[] = [];
    let line = 0;
    let start = 0;
    for (let at = 0; at < data.length; at += 5) {
      line += data[at];
      start = data[at] === 0 ? start + data[at + 1] : data[at + 1];
      const modifiers = legend.tokenModifiers.filter((_, bit) => data[at + 4] & (1 << bit));
      decoded.push(`${lines[line].slice(start, start + data[at + 2])} ${[legend.tokenTypes[data[at + 3]], ...modifiers].join('+')}`);
    }
    return decoded;
  }

  it('colours 🗄 targets by status and 📙 authors by whether they are known', async () => {
    const tools = await decodedTokens('craft/forge/tools.md');
    assert.ok(tools.includes('tempering property'), tools.join('\n'));
    assert.ok(tools.includes('tempring property+deprecated+dead'), tools.join('\n'));
    assert.ok(tools.includes('fire.md namespace+external'), tools.join('\n'));
    assert.ok(tools.includes('metals.md namespace'), tools.join('\n'));
    const pickles = await decodedTokens('food/ferments/pickles.md');
    assert.ok(pickles.includes('McGhee type+unknown'), pickles.join('\n'));
    const knives = await decodedTokens('kitchen/knives.md');
    assert.ok(knives.includes('Chang type'), knives.join('\n'));
  });

  it('folds sections, ALL-CAPS blocks, 📚 lists and the body below ---', async () => {
    const lines = client.text('kitchen/knives.md').split('\n');
    const ranges = await client.request<Array<{ startLine: number; endLine: number; kind?: string }>>('textDocument/foldingRange', { textDocument: { uri: client.uri('kitchen/knives.md') } });
    const starts = new Map(ranges.map((range) => [lines[range.startLine], range]));
    for (const expected of ['## 参考', '## 进步', '# 🔪 KNIVES', '## sharpening', 'BURR', '📚']) {
      assert.ok([...starts.keys()].some((line) => line.startsWith(expected)), `no fold at ${expected}: ${[...starts.keys()].join(' | ')}`);
    }
    const body = ranges.find((range) => lines[range.startLine] === '---');
    assert.strictEqual(body?.kind, 'region');
    assert.ok(body!.endLine > body!.startLine);
  });
});

describe('language server: quick fixes', function () {
  this.timeout(30000);
  let client: TestClient;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    await client.initialize();
  });

  after(async () => client.shutdown());

  it('offers the fix of a dead link as one workspace edit, preferred only when sure (a typo is a guess), and repairs a double-encoded note', async () => {
    const diagnostics = await client.diagnosticsFor('craft/forge/tools.md', (all) => all.some((d) => /tempring/.test(String(d.message))));
    const typo = diagnostics.find((d) => /tempring/.test(String(d.message)))!;
    const actions = await client.request<Array<{ title: string; isPreferred?: boolean; diagnostics?: unknown[]; edit: { changes: Record<string, Array<{ newText: string }>> } }>>('textDocument/codeAction', {
      textDocument: { uri: client.uri('craft/forge/tools.md') }, range: typo.range, context: { diagnostics: [typo] },
    });
    const change = actions.find((action) => action.title === 'Change to `metals.md` tempering')!;
    assert.ok(change, JSON.stringify(actions.map((action) => action.title)));
    assert.strictEqual(change.isPreferred, false);
    assert.strictEqual(change.diagnostics?.length, 1);
    assert.deepStrictEqual(change.edit.changes[client.uri('craft/forge/tools.md')].map((edit) => edit.newText), ['tempering']);
    const damaged = await client.diagnosticsFor('odds/old-pantry.md', (all) => all.length > 0);
    const [repair] = await client.request<Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>>('textDocument/codeAction', {
      textDocument: { uri: client.uri('odds/old-pantry.md') }, range: damaged[0].range, context: { diagnostics: damaged },
    });
    assert.match(repair.title, /Repair the double encoding/);
    assert.match(repair.edit.changes[client.uri('odds/old-pantry.md')][0].newText, /^# ⛩️\n/);
  });

  it('offers to name the book of a 📙 citation that names none as a rewrite, not as a fix of a problem', async () => {
    const lines = client.text('kitchen/cookware.md').split('\n');
    const line = lines.findIndex((text) => text.includes('📙 Halvorsen [35]'));
    const position = { line, character: lines[line].indexOf('Halvorsen [35]') + 3 };
    const ask = (only?: string[]) => client.request<Array<{ title: string; kind: string; diagnostics?: unknown[]; edit: { changes: Record<string, Array<{ newText: string }>> } }>>('textDocument/codeAction', {
      textDocument: { uri: client.uri('kitchen/cookware.md') }, range: { start: position, end: position }, context: { diagnostics: [], ...(only ? { only } : {}) },
    });
    const rewrites = await ask(['refactor.rewrite']);
    assert.deepStrictEqual(rewrites.map((action) => action.kind), ['refactor.rewrite', 'refactor.rewrite']);
    assert.match(rewrites[1].title, /^Name the book: Halvorsen .*rustic bread/);
    assert.match(rewrites[1].edit.changes[client.uri('kitchen/cookware.md')][0].newText, /^ \S/);
    assert.deepStrictEqual(await ask(['quickfix']), []);
    assert.strictEqual((await ask()).length, 2);
  });
});

describe('language server: references and code lenses', function () {
  this.timeout(30000);
  let client: TestClient;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    await client.initialize();
    await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
  });

  after(async () => client.shutdown());

  it('lists every 🗄 reference to a heading, from the heading or from one of the references', async () => {
    const metals = client.text('craft/forge/metals.md').split('\n');
    const heading = metals.indexOf('## tempering');
    const fromHeading = await client.request<Array<{ uri: string; range: { start: { line: number } } }>>('textDocument/references', {
      textDocument: { uri: client.uri('craft/forge/metals.md') }, position: { line: heading, character: 4 }, context: { includeDeclaration: false },
    });
    const tools = client.text('craft/forge/tools.md').split('\n');
    const expectedLine = tools.findIndex((line) => line.includes('`metals.md` tempering'));
    assert.deepStrictEqual(fromHeading.map((location) => [location.uri, location.range.start.line]), [[client.uri('craft/forge/tools.md'), expectedLine]]);
    const fromReference = await client.request<unknown[]>('textDocument/references', {
      textDocument: { uri: client.uri('craft/forge/tools.md') }, position: { line: expectedLine, character: tools[expectedLine].indexOf('tempering') + 1 }, context: { includeDeclaration: false },
    });
    assert.deepStrictEqual(fromReference, fromHeading);
  });

  it('marks the places in a note that name what the cursor is on (document highlights)', async () => {
    const knives = client.text('kitchen/knives.md').split('\n');
    const lines = knives.flatMap((line, at) => (line.includes('`metals.md`') ? [at] : []));
    assert.ok(lines.length >= 2, 'knives.md links into metals.md more than once');
    const highlights = await client.request<Array<{ range: { start: { line: number; character: number } }; kind: number }>>('textDocument/documentHighlight', {
      textDocument: { uri: client.uri('kitchen/knives.md') }, position: { line: lines[0], character: knives[lines[0]].indexOf('metals.md') + 2 },
    });
    // On the file part: every link into metals.md, read (2), none of them a definition.
    assert.deepStrictEqual(highlights.map((highlight) => [highlight.range.start.line, highlight.kind]), lines.map((line) => [line, 2]));
    const prose = knives.findIndex((line) => /^[a-z]/i.test(line) && !line.includes('🗄'));
    assert.deepStrictEqual(await client.request('textDocument/documentHighlight', { textDocument: { uri: client.uri('kitchen/knives.md') }, position: { line: prose, character: 1 } }), []);
  });

  it('expands a selection from a 🗄 section part to the whole note, each step holding the last', async () => {
    const tools = client.text('craft/forge/tools.md').split('\n');
    const line = tools.findIndex((text) => text.includes('`metals.md` tempering'));
    type Step = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; parent?: Step };
    const [selection] = await client.request<Step[]>('textDocument/selectionRange', {
      textDocument: { uri: client.uri('craft/forge/tools.md') }, positions: [{ line, character: tools[line].indexOf('tempering') + 2 }],
    });
    const chain: Step['range'][] = [];
    for (let step: Step | undefined = selection; step; step = step.parent) chain.push(step.range);
    const at = (position: { line: number; character: number }) => position.line * 1e6 + position.character;
    for (let index = 1; index < chain.length; index++) {
      assert.ok(at(chain[index].start) <= at(chain[index - 1].start) && at(chain[index - 1].end) <= at(chain[index].end), JSON.stringify(chain));
    }
    const first = chain[0];
    assert.strictEqual(tools[line].slice(first.start.character, first.end.character), 'tempering');
    assert.deepStrictEqual(chain[chain.length - 1].start, { line: 0, character: 0 });
    assert.ok(chain.length >= 5, JSON.stringify(chain));
  });

  it('puts "N references" above headings and "N citations" above 📚 entries', async () => {
    await client.open('craft/forge/metals.md');
    const lenses = await client.request<Array<{ range: { start: { line: number } }; command: { title: string; command: string } }>>('textDocument/codeLens', { textDocument: { uri: client.uri('craft/forge/metals.md') } });
    const metals = client.text('craft/forge/metals.md').split('\n');
    const byLine = new Map(lenses.map((lens) => [metals[lens.range.start.line], lens.command.title]));
    assert.strictEqual(byLine.get('## tempering'), '1 reference');
    assert.ok(lenses.every((lens) => lens.command.command === 'torii.showReferences'));
    const knives = client.text('kitchen/knives.md').split('\n');
    await client.open('kitchen/knives.md');
    const bookLenses = await client.request<Array<{ range: { start: { line: number } }; command: { title: string } }>>('textDocument/codeLens', { textDocument: { uri: client.uri('kitchen/knives.md') } });
    // Per book, not per author: of Chang's seven citations, five are of knife skills (two name the noodle book).
    const lensOf = (title: RegExp) => bookLenses.find((lens) => title.test(knives[lens.range.start.line]))?.command.title;
    assert.strictEqual(lensOf(/^\* .*Chang knife skills/), '5 citations', JSON.stringify(bookLenses.map((lens) => [knives[lens.range.start.line], lens.command.title])));
  });
});

describe('language server: rename', function () {
  this.timeout(30000);
  let client: TestClient;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    await client.initialize();
    await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
  });

  after(async () => client.shutdown());

  function deadLinks(): Array<{ file: string; line: number; message: string }> {
    const run = cp.spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'torii.js'), 'check', client.root, '--json', '--severity', 'warning'], { encoding: 'utf8' });
    return (JSON.parse(run.stdout) as { problems: Array<{ file: string; line: number; message: string; code: string }> }).problems.filter((problem) => problem.code.startsWith('dead'));
  }

  it('renames a heading and its references in one edit, and torii check then finds no new dead link', async () => {
    const before = deadLinks();
    const metals = client.text('craft/forge/metals.md').split('\n');
    const line = metals.indexOf('## tempering');
    const prepared = await client.request<{ range: { start: { character: number } }; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: client.uri('craft/forge/metals.md') }, position: { line, character: 5 } });
    assert.strictEqual(prepared.placeholder, 'tempering');
    const edit = await client.request<{ changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> }>('textDocument/rename', {
      textDocument: { uri: client.uri('craft/forge/metals.md') }, position: { line, character: 5 }, newName: 'annealing',
    });
    const touched = Object.keys(edit.changes).map((uri) => path.relative(client.root, fileURLToPath(uri))).sort();
    assert.deepStrictEqual(touched, ['craft/forge/metals.md', 'craft/forge/tools.md']);
    for (const [uri, edits] of Object.entries(edit.changes)) {
      const file = fileURLToPath(uri);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      for (const change of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
        const text = lines[change.range.start.line];
        lines[change.range.start.line] = text.slice(0, change.range.start.character) + change.newText + text.slice(change.range.end.character);
      }
      fs.writeFileSync(file, lines.join('\n'));
    }
    assert.ok(client.text('craft/forge/tools.md').includes('`metals.md` annealing'));
    // No new dead link: the same places as before (a typo's suggestion may change, not its place).
    assert.deepStrictEqual(deadLinks().map((problem) => `${problem.file}:${problem.line}`), before.map((problem) => `${problem.file}:${problem.line}`));
  });

  it('renames an author from a 📙 citation: every citation and 📚 entry of theirs, in one edit', async () => {
    const cookware = client.text('kitchen/cookware.md').split('\n');
    const line = cookware.findIndex((text) => text.includes('📙 Halvorsen [35]'));
    const at = { textDocument: { uri: client.uri('kitchen/cookware.md') }, position: { line, character: cookware[line].indexOf('Halvorsen [35]') + 3 } };
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', at);
    assert.strictEqual(prepared.placeholder, 'Halvorsen');
    const edit = await client.request<{ changes: Record<string, Array<{ range: { start: { line: number } }; newText: string }>> }>('textDocument/rename', { ...at, newName: 'Halvorsen-Berg' });
    const places = Object.entries(edit.changes).flatMap(([uri, edits]) => edits.map((change) => `${path.relative(client.root, fileURLToPath(uri))}:${change.range.start.line + 1} ${change.newText}`)).sort();
    assert.deepStrictEqual(places, [
      'craft/forge/metals.md:56 Halvorsen-Berg', 'craft/forge/metals.md:9 Halvorsen-Berg', 'craft/forge/tools.md:8 Halvorsen-Berg',
      'food/bread/flour.md:9 Halvorsen-Berg', 'kitchen/cookware.md:55 Halvorsen-Berg', 'kitchen/cookware.md:56 Halvorsen-Berg', 'kitchen/cookware.md:9 Halvorsen-Berg',
      'kitchen/utensils.md:8 Halvorsen-Berg',
    ]);
    await assert.rejects(client.request('textDocument/rename', { ...at, newName: 'halvorsen' }), /would not read as an author's name/);
  });

  it('refuses to rename what is not a section, and says why', async () => {
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: client.uri('craft/forge/metals.md') }, position: { line: 0, character: 2 } }),
      /title line/,
    );
  });
});

describe('language server: F2 on a 🗄 file name renames the note\'s file', function () {
  this.timeout(30000);

  const position = (client: TestClient, note: string, written: string) => {
    const lines = client.text(note).split('\n');
    const line = lines.findIndex((text) => text.includes(`\`${written}\``));
    return { textDocument: { uri: client.uri(note) }, position: { line, character: lines[line].indexOf(written) + 2 } };
  };

  it('answers with the links rewritten and the file renamed, and nothing more when the client then asks willRenameFiles', async () => {
    const client = new TestClient(TestClient.copySample());
    try {
      await client.initialize({ workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] }, fileOperations: { willRename: true, didRename: true } });
      await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
      const at = position(client, 'kitchen/knives.md', 'utensils.md');
      const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', at);
      assert.strictEqual(prepared.placeholder, 'utensils.md');
      type Change = { kind?: string; oldUri?: string; newUri?: string; textDocument?: { uri: string }; edits?: Array<{ newText: string }> };
      const edit = await client.request<{ documentChanges: Change[] }>('textDocument/rename', { ...at, newName: 'kitchen-tools.md' });
      // The links first (this one among them, each in its own form), then the file.
      const last = edit.documentChanges[edit.documentChanges.length - 1];
      assert.deepStrictEqual(last, { kind: 'rename', oldUri: client.uri('kitchen/utensils.md'), newUri: client.uri('kitchen/kitchen-tools.md'), options: { overwrite: false, ignoreIfExists: false } });
      const knives = edit.documentChanges.find((change) => change.textDocument?.uri === client.uri('kitchen/knives.md'));
      assert.deepStrictEqual(knives?.edits?.map((change) => change.newText).sort(), ['kitchen-tools.md', 'kitchen-tools.md', 'kitchen/kitchen-tools.md']);
      // The client then asks before it moves the file (VS Code does): the links are already in the edit.
      const rename = { oldUri: client.uri('kitchen/utensils.md'), newUri: client.uri('kitchen/kitchen-tools.md') };
      assert.strictEqual(await client.request('workspace/willRenameFiles', { files: [rename] }), null);
      // A move of its own (the explorer) is answered with its links, as ever.
      const links = await client.request<{ documentChanges?: Change[] }>('workspace/willRenameFiles', { files: [rename] });
      assert.ok((links.documentChanges ?? []).some((change) => change.textDocument?.uri === client.uri('kitchen/knives.md')), JSON.stringify(links));
      await assert.rejects(client.request('textDocument/rename', { ...at, newName: 'stones.md' }), /already a file kitchen\/stones.md/);
      await assert.rejects(client.request('textDocument/rename', { ...at, newName: '../outside.md' }), /without `\.\.`/);
      await assert.rejects(client.request('textDocument/prepareRename', position(client, 'kitchen/utensils.md', 'oils.md')), /`oils.md` is not how craft\/finish\/#oils.md ends/);
    } finally {
      await client.shutdown();
    }
  });

  it('refuses a new folder to a client that cannot make one (Neovim before 0.10), and offers no note to create there', async () => {
    const client = new TestClient(TestClient.copySample());
    try {
      await client.initialize({ workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } }, undefined, { name: 'Neovim', version: '0.7.2' });
      await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
      const at = position(client, 'kitchen/knives.md', 'utensils.md');
      await assert.rejects(client.request('textDocument/rename', { ...at, newName: 'tools/kitchen-tools.md' }), /Neovim 0\.7\.2 cannot rename a file into a folder that does not exist yet: create kitchen\/tools first, then rename\./);
      // Into a folder that exists, and with the folder made first, the rename is done as ever.
      const into = await client.request<{ documentChanges: Array<{ kind?: string; newUri?: string }> }>('textDocument/rename', { ...at, newName: 'kitchen-tools.md' });
      assert.strictEqual(into.documentChanges.at(-1)?.newUri, client.uri('kitchen/kitchen-tools.md'));
      fs.mkdirSync(path.join(client.root, 'kitchen', 'tools'));
      const made = await client.request<{ documentChanges: Array<{ kind?: string; newUri?: string }> }>('textDocument/rename', { ...at, newName: 'tools/kitchen-tools.md' });
      assert.strictEqual(made.documentChanges.at(-1)?.newUri, client.uri('kitchen/tools/kitchen-tools.md'));

      // Create note: offered for a name in the note's folder, not for one in a folder to be made.
      const text = `${client.text('kitchen/knives.md')}\n🗄 \`fire.md\`\n🗄 \`camp/fire.md\`\n`;
      await client.open('kitchen/knives.md', text);
      await client.diagnosticsFor('kitchen/knives.md', (all) => all.some((d) => /camp\/fire\.md/.test(String(d.message))));
      const lines = text.split('\n');
      const titles = async (written: string) => {
        const line = lines.findIndex((candidate) => candidate === `🗄 \`${written}\``);
        const range = { start: { line, character: 3 }, end: { line, character: 3 } };
        const actions = await client.request<Array<{ title: string }>>('textDocument/codeAction', { textDocument: { uri: client.uri('kitchen/knives.md') }, range, context: { diagnostics: client.diagnostics.get(client.uri('kitchen/knives.md'))!.filter((d) => d.range.start.line === line) } });
        return actions.map((action) => action.title);
      };
      assert.ok((await titles('fire.md')).includes('Create note `fire.md`'));
      assert.ok(!(await titles('camp/fire.md')).some((title) => title.startsWith('Create note')));
    } finally {
      await client.shutdown();
    }
  });

  it('refuses, pointing at the explorer, for a client that cannot', async () => {
    const client = new TestClient(TestClient.copySample());
    try {
      await client.initialize();
      await assert.rejects(client.request('textDocument/prepareRename', position(client, 'kitchen/knives.md', 'utensils.md')), /file name: rename or move the file itself/);
    } finally {
      await client.shutdown();
    }
  });
});

/** Runs git in `root` as a test user; the test fails if git does. */
function git(root: string, ...args: string[]): void {
  const run = cp.spawnSync('git', ['-c', 'user.email=test@torii.invalid', '-c', 'user.name=Torii test', ...args], { cwd: root, encoding: 'utf8' });
  assert.strictEqual(run.status, 0, run.stderr);
}

/** A copy of the sample notes made a git repository, its notes in one commit. */
function committedSample(): string {
  const root = TestClient.copySample();
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'notes');
  return root;
}

describe('language server: commits made outside the editor (a note renamed with git mv, a section renamed) and "Repair references"', function () {
  this.timeout(60000);
  let client: TestClient;

  before(async () => {
    client = new TestClient(committedSample());
    await client.initialize();
    await client.diagnosticsFor('craft/forge/tools.md', (all) => all.length > 0);
  });

  after(async () => {
    if (process.env.TORII_DEBUG) console.log(client.logs.join('\n'));
    await client.shutdown();
  });

  it('reports links to the old name as moved, and repairs them all in one edit when asked', async () => {
    git(client.root, 'mv', 'kitchen/stones.md', 'kitchen/whetstones.md');
    git(client.root, 'commit', '-q', '-m', 'rename stones');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('kitchen/stones.md'), type: 3 }, { uri: client.uri('kitchen/whetstones.md'), type: 1 }] });
    const moved = await client.diagnosticsFor('craft/forge/metals.md', (all) => all.some((d) => /stones\.md was renamed to kitchen\/whetstones\.md/.test(String(d.message))));
    assert.ok(moved.some((d) => d.code === 'dead-file'));
    const applied = new Promise<Array<{ uri: string; edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }> }>>((resolve) => {
      client.connection.onRequest('workspace/applyEdit', (params: { edit: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> } }) => {
        resolve(Object.entries(params.edit.changes).map(([uri, edits]) => ({ uri, edits })));
        return { applied: true };
      });
    });
    const result = await client.request<{ repaired: number }>('workspace/executeCommand', { command: 'torii.repairReferences', arguments: [] });
    assert.ok(result.repaired >= 2, JSON.stringify(result));
    for (const { uri, edits } of await applied) {
      const file = fileURLToPath(uri);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      for (const change of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
        const text = lines[change.range.start.line];
        lines[change.range.start.line] = text.slice(0, change.range.start.character) + change.newText + text.slice(change.range.end.character);
      }
      fs.writeFileSync(file, lines.join('\n'));
    }
    const check = cp.spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'torii.js'), 'check', client.root, '--json'], { encoding: 'utf8' });
    const problems = (JSON.parse(check.stdout) as { problems: Array<{ kind: string | null }> }).problems;
    assert.deepStrictEqual(problems.filter((problem) => problem.kind === 'moved'), []);
    assert.ok(client.text('craft/forge/metals.md').includes('`whetstones.md`'));
  });

  it('reads a commit from the reflog: a section renamed in place and committed gets its fix without a restart', async () => {
    const watchers = client.registrations.filter((registration) => registration.method === 'workspace/didChangeWatchedFiles').flatMap((registration) => (registration.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers);
    assert.ok(watchers.some((watcher) => watcher.globPattern === '**/.git/logs/HEAD'), JSON.stringify(watchers));
    // `## tempering` renamed where it stands, in a shell: tools.md's link to it goes dead, and no
    // history says why (half a second later the changes not yet committed may, on a busy machine
    // before this first diagnostic is out: either reading is right here, history's is not).
    const metals = path.join(client.root, 'craft/forge/metals.md');
    fs.writeFileSync(metals, fs.readFileSync(metals, 'utf8').replace('## tempering', '## heat treatment'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('craft/forge/metals.md'), type: 2 }] });
    const line = client.text('craft/forge/tools.md').split('\n').findIndex((text) => text.includes('`metals.md` tempering'));
    const dead = await client.diagnosticsFor('craft/forge/tools.md', (all) => all.some((d) => d.range.start.line === line));
    assert.doesNotMatch(String(dead.find((d) => d.range.start.line === line)!.message), /history shows/);
    // Committed: git appends to the reflog, the server reads the history again and says where the section went.
    git(client.root, 'commit', '-q', '-am', 'tempering is heat treatment now');
    const read = client.logged(/read the history of .* again/);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('.git/logs/HEAD'), type: 2 }] });
    await read;
    const fixed = await client.diagnosticsFor('craft/forge/tools.md', (all) => all.some((d) => d.range.start.line === line && /history shows it renamed 'heat treatment'/.test(String(d.message))));
    assert.strictEqual(fixed.find((d) => d.range.start.line === line)!.code, 'dead-section');
    const actions = await client.request<Array<{ title: string; edit?: unknown }>>('textDocument/codeAction', {
      textDocument: { uri: client.uri('craft/forge/tools.md') },
      range: fixed.find((d) => d.range.start.line === line)!.range,
      context: { diagnostics: fixed.filter((d) => d.range.start.line === line) },
    });
    assert.ok(actions.some((action) => /heat treatment/.test(action.title)), JSON.stringify(actions.map((action) => action.title)));
  });

  it('reads a heading renamed and saved but not committed, once saving is quiet', async () => {
    const metals = path.join(client.root, 'craft/forge/metals.md');
    fs.writeFileSync(metals, fs.readFileSync(metals, 'utf8').replace('## stainless', '## chromium steel'));
    const read = client.logged(/read the renames not yet committed/);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('craft/forge/metals.md'), type: 2 }] });
    await read;
    const line = client.text('kitchen/care.md').split('\n').findIndex((text) => text.includes('`metals.md` stainless'));
    await client.diagnosticsFor('kitchen/care.md', (all) => all.some((d) => d.range.start.line === line && /the changes not yet committed show it renamed 'chromium steel'/.test(String(d.message))));
  });
});

describe('language server: a link followed after its note moved outside the editor', function () {
  this.timeout(30000);
  const sample = settledSampleClient();

  it('leads where the note is now, not where it was when the links were sent', async () => {
    const client = sample();
    const uri = client.uri('kitchen/cookware.md');
    const line = client.text('kitchen/cookware.md').split('\n').findIndex((text) => text.startsWith("🗄 `metals.md` 'patina'"));
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    const link = links.find((candidate) => candidate.range.start.line === line)!;
    assert.match((await client.request<DocumentLink>('documentLink/resolve', link)).target!, /craft\/forge\/metals\.md#L\d+$/);

    // A shell moves the note up a folder: cookware.md is unchanged, so the editor keeps its links.
    fs.renameSync(path.join(client.root, 'craft/forge/metals.md'), path.join(client.root, 'craft/metals.md'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('craft/forge/metals.md'), type: 3 }, { uri: client.uri('craft/metals.md'), type: 1 }] });
    await client.settled();
    const followed = await client.request<DocumentLink>('documentLink/resolve', link);
    assert.ok(followed.target!.startsWith(`${client.uri('craft/metals.md')}#L`), followed.target);

    // Lines written above the section in the target note: the link leads to its new line.
    const patinaLine = (text: string) => text.split('\n').indexOf('PATINA') + 1;
    const before = client.text('craft/metals.md');
    assert.ok(followed.target!.endsWith(`#L${patinaLine(before)}`), followed.target);
    const shifted = before.replace('\n', '\n* one line\n* and another\n');
    fs.writeFileSync(path.join(client.root, 'craft/metals.md'), shifted);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('craft/metals.md'), type: 2 }] });
    await client.settled();
    assert.ok((await client.request<DocumentLink>('documentLink/resolve', link)).target!.endsWith(`#L${patinaLine(shifted)}`));

    // Gone altogether: the link leads nowhere, and the editor says its target is missing.
    fs.rmSync(path.join(client.root, 'craft/metals.md'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('craft/metals.md'), type: 3 }] });
    await client.settled();
    assert.strictEqual((await client.request<DocumentLink>('documentLink/resolve', link)).target, undefined);
  });
});

describe('language server: telling the client notes changed (torii/notesChanged)', function () {
  this.timeout(30000);

  it('tells a client that asked, once a note changed on disk is read and rechecked, though no diagnostics change', async () => {
    const client = new TestClient(TestClient.copySample());
    const silent = new TestClient(TestClient.copySample());
    try {
      let told = 0;
      let toldSilent = 0;
      client.connection.onNotification('torii/notesChanged', () => void told++);
      silent.connection.onNotification('torii/notesChanged', () => void toldSilent++);
      await client.initialize({}, { notesChanged: true });
      await silent.initialize();
      await client.settled();
      await silent.settled();
      assert.ok(told >= 1, 'told once the folder was read and checked');
      const before = told;
      // A shell adds a citation to a note that is not open: no note's diagnostics change.
      for (const each of [client, silent]) {
        const file = path.join(each.root, 'kitchen/care.md');
        fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\n* 📙 Chang knife skills ch. 9\n`);
        await each.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: each.uri('kitchen/care.md'), type: 2 }] });
        await each.settled();
      }
      // The notification is written before the status answer that says the rechecks are done.
      assert.strictEqual(told, before + 1);
      assert.strictEqual(toldSilent, 0, 'a client that did not ask is not told');
    } finally {
      await client.shutdown();
      await silent.shutdown();
    }
  });
});

describe('language server: a shallow clone of the notes', function () {
  this.timeout(60000);

  it('logs how much history it read, and warns that a shallow clone follows no earlier rename', async () => {
    const whole = committedSample();
    git(whole, 'mv', 'kitchen/stones.md', 'kitchen/whetstones.md');
    git(whole, 'commit', '-q', '-m', 'rename stones');
    const clone = path.join(fs.mkdtempSync(path.join(path.dirname(path.dirname(whole)), 'torii-lsp-')), 'notes-kb');
    git(path.dirname(clone), 'clone', '-q', '--depth', '1', `file://${whole}`, clone);
    fs.rmSync(path.dirname(whole), { recursive: true, force: true });

    const client = new TestClient(clone);
    try {
      const indexed = client.logged(/indexed \d+ notes/);
      const warned = client.logged(/shallow clone/);
      await client.initialize();
      assert.match(await indexed, /; git history of 1 commit$/);
      assert.match(await warned, /: the repository is a shallow clone \(the oldest commit it holds that touches a note is of \d{4}-\d\d-\d\d\): .*git fetch --unshallow/);
      // Without the rename in its history, the old name is found by the sections its links name, a guess to review.
      const metals = await client.diagnosticsFor('craft/forge/metals.md', (all) => all.some((d) => /`stones\.md`/.test(String(d.message))));
      const stones = metals.filter((d) => /`stones\.md`/.test(String(d.message)));
      assert.ok(stones.length > 0 && stones.every((d) => d.code === 'dead-file' && /renamed to kitchen\/whetstones\.md\? .*no history says so/.test(String(d.message))), JSON.stringify(stones));
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: the Books view data', function () {
  this.timeout(30000);
  let client: TestClient;

  before(async () => {
    client = new TestClient(TestClient.copySample());
    await client.initialize();
  });

  after(async () => client.shutdown());

  it('lists 📚 authors with their books merged across notes and each book’s citations, and the authors cited but never listed apart', async () => {
    type Place = { uri: string; path: string; line: number; label: string };
    type Author = { author: string; folder: string; citationCount: number; books: Array<{ key: string; label: string; listed: boolean; listingCount: number; citationCount: number }>; unattributedCount: number };
    const books = await client.request<{ listed: Author[]; unlisted: Author[] }>('torii/books', {});
    const places = (author: Author, label: string) =>
      client.request<{ listings: Place[]; citations: Place[] }>('torii/bookPlaces', { folder: author.folder, author: author.author, bookKey: author.books.find((book) => book.label === label)!.key });
    const chang = books.listed.find((author) => author.author === 'Chang')!;
    assert.deepStrictEqual(chang.books.map((book) => `${book.label} ${book.citationCount}`).sort(), ['knife skills 5', 'noodle basics 2']);
    const knifeSkills = await places(chang, 'knife skills');
    const knives = client.text('kitchen/knives.md').split('\n');
    assert.ok(knifeSkills.citations.some((citation) => citation.uri === client.uri('kitchen/knives.md') && knives[citation.line].includes('📙 Chang knife skills')));
    assert.ok(knifeSkills.citations.some((citation) => citation.path === 'kitchen/care.md'), 'a book’s citations come from every note');
    // One book listed in five notes is one book, with each listing a place to open.
    const lopez = books.listed.find((author) => author.author === 'Lopez')!;
    const foodLab = await places(lopez, 'food lab');
    assert.strictEqual(lopez.books.find((book) => book.label === 'food lab')!.listingCount, foodLab.listings.length);
    assert.ok(new Set(foodLab.listings.map((listing) => listing.path)).size >= 4, JSON.stringify(foodLab.listings));
    assert.ok(books.listed.every((author, index) => index === 0 || books.listed[index - 1].citationCount >= author.citationCount), 'most cited first');
    const unlisted = books.unlisted.map((author) => author.author);
    assert.ok(unlisted.includes('McGhee') && unlisted.includes('Lopes'), unlisted.join(', '));
    for (const word of ['Aquahone', 'Sakai', 'Nordic', 'Japanese', 'Brightwell', 'Kilnmaster', 'Tuscan']) assert.ok(!unlisted.includes(word), `${word} is commentary, not an author`);
    assert.ok(!books.listed.some((author) => author.author === 'McGhee'));
  });

  it('answers "unchanged" to a client that holds the current books, and sends them again once a note changes them', async () => {
    type Books = { listed: Array<{ author: string; citationCount: number }>; unlisted: unknown[]; version?: string; unchanged?: boolean };
    const first = await client.request<Books>('torii/books', {});
    assert.ok(first.version && first.listed.length > 0);
    assert.deepStrictEqual(await client.request<Books>('torii/books', { knownVersion: first.version }), { listed: [], unlisted: [], version: first.version, unchanged: true });
    // Words typed in a note change no book: still unchanged.
    const care = client.text('kitchen/care.md');
    await client.open('kitchen/care.md', care, 1);
    const change = (version: number, text: string) =>
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri('kitchen/care.md'), version }, contentChanges: [{ text }] });
    await change(2, `${care}\nplain words\n`);
    assert.strictEqual((await client.request<Books>('torii/books', { knownVersion: first.version })).unchanged, true);
    // A new citation of Chang changes the books: they come again, with a new version.
    await change(3, `${care}\nplain words 📙 Chang knife skills [12]\n`);
    const again = await client.request<Books>('torii/books', { knownVersion: first.version });
    assert.ok(!again.unchanged && again.version !== first.version);
    const chang = (books: Books) => books.listed.find((author) => author.author === 'Chang')!.citationCount;
    assert.strictEqual(chang(again), chang(first) + 1);
    await change(4, care);
  });

  it('says which author and book the 📙 under the cursor means', async () => {
    const knives = client.text('kitchen/knives.md').split('\n');
    const line = knives.findIndex((text) => text.includes('📙 Chang noodle basics'));
    const at = await client.request<{ author: string; bookKey?: string } | null>('torii/bookAt', { textDocument: { uri: client.uri('kitchen/knives.md') }, position: { line, character: knives[line].indexOf('Chang') + 1 } });
    assert.deepStrictEqual(at, { author: 'Chang', bookKey: 't:noodle basics' });
  });
});

describe('language server: a move asked for while the notes are rechecked after another', function () {
  this.timeout(30000);

  it('rewrites the links of a note not rechecked yet: where they led at its last check is out of date', async () => {
    const client = new TestClient(TestClient.copySample());
    const moveFolder = async (from: string, to: string) => {
      fs.renameSync(path.join(client.root, from), path.join(client.root, to));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(from), type: 3 }, { uri: client.uri(to), type: 1 }] });
    };
    try {
      await client.initialize();
      await client.settled();
      // metals.md links `stones.md` by its name alone: checked while kitchen/ is cooking/, its links lead to cooking/stones.md.
      await moveFolder('kitchen', 'cooking');
      await client.settled();
      // A keystroke in an open note (rechecks then wait for the typing to pause, as when a move's own
      // edits come in), the folder moved back, and at once a rename of kitchen/stones.md, before
      // metals.md is checked again.
      await client.open('food/bread/flour.md');
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri('food/bread/flour.md'), version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
      await moveFolder('cooking', 'kitchen');
      const rename = { oldUri: client.uri('kitchen/stones.md'), newUri: client.uri('kitchen/whetstones.md') };
      const edit = await client.request<{ changes?: Record<string, Array<{ newText: string }>>; documentChanges?: Array<{ textDocument: { uri: string }; edits: Array<{ newText: string }> }> }>('workspace/willRenameFiles', { files: [rename] });
      const edited = edit?.documentChanges ? edit.documentChanges.map((change) => change.textDocument.uri) : Object.keys(edit?.changes ?? {});
      assert.ok(edited.includes(client.uri('craft/forge/metals.md')), `metals.md's links to stones.md are rewritten too: ${JSON.stringify(edited)}`);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server: completion inside a word, for a client that can insert or replace', function () {
  this.timeout(30000);

  it('gives both ranges where the word goes on after the cursor, one range where it does not or the client takes one', async () => {
    const complete = async (insertReplaceSupport: boolean) => {
      const client = new TestClient(TestClient.copySample());
      try {
        await client.initialize({}, undefined, undefined, { completion: { completionItem: { snippetSupport: true, insertReplaceSupport } } });
        const uri = client.uri('kitchen/knives.md');
        const base = client.text('kitchen/knives.md');
        const line = base.split('\n').length;
        await client.open('kitchen/knives.md', `${base}\n🗄 \`meals.md\` tempering\n📙 Chng [12]`);
        const at = async (character: number, lineAt = line) => (await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: lineAt, character } })).items;
        return { notes: await at(6), authors: await at(5, line + 1), atEnd: await at(12) };
      } finally {
        await client.shutdown();
      }
    };
    // `` 🗄 `me▮als.md` ``: the note name to its closing backtick; `📙 Ch▮ng`: the name.
    const both = await complete(true);
    const metals = both.notes.find((item) => item.label === 'metals.md')!;
    assert.ok(metals.textEdit && 'replace' in metals.textEdit, JSON.stringify(metals.textEdit));
    assert.deepStrictEqual([metals.textEdit.newText, metals.textEdit.insert.start.character, metals.textEdit.insert.end.character, metals.textEdit.replace.end.character], ['metals.md', 4, 6, 12]);
    const chang = both.authors.find((item) => item.label === 'Chang')!;
    assert.ok(chang.textEdit && 'replace' in chang.textEdit, JSON.stringify(chang.textEdit));
    assert.deepStrictEqual([chang.textEdit.insert.start.character, chang.textEdit.insert.end.character, chang.textEdit.replace.end.character], [3, 5, 7]);
    // At the end of the name there is nothing to replace: one range.
    assert.ok(both.atEnd.every((item) => item.textEdit && 'range' in item.textEdit), JSON.stringify(both.atEnd.slice(0, 2)));
    // A client without insertReplaceSupport gets one range, what was typed.
    const one = await complete(false);
    const plain = one.notes.find((item) => item.label === 'metals.md')!;
    assert.ok(plain.textEdit && 'range' in plain.textEdit && plain.textEdit.range.start.character === 4 && plain.textEdit.range.end.character === 6, JSON.stringify(plain.textEdit));
  });
});
