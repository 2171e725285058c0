import * as assert from 'assert';
import { resolveNoteReferences } from '../../src/core/features/check';
import { computeGraph, NoteGraphCache, summarizeNoteLinks, type NoteGraph } from '../../src/core/features/graph';
import { computePreviewData } from '../../src/core/features/preview';
import { createNoteFixes, newNotePath, noteSkeleton } from '../../src/core/features/createNote';
import { computeQuickFixes } from '../../src/core/features/quickFixes';
import type { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { makeRange } from '../../src/core/text/positions';
import { dedent, memoryWorkspace } from './support';

const options = { rootAliases: [] };

function graphOf(index: WorkspaceIndex, scope?: { focus: string; hops: number }): NoteGraph {
  return computeGraph(index, (path) => summarizeNoteLinks(index, path, resolveNoteReferences(index, path, options)), scope);
}

/** Nodes as `path in/out/dead [orphan]` (`?name` for a placeholder), edges as `a -> b ×n` (`-x->` when dead). */
function renderGraph(graph: NoteGraph): string {
  const nodes = graph.ids.map((id, at) => `${graph.folder[at] < 0 ? '?' : ''}${id} ${graph.incoming[at]}/${graph.outgoing[at]}/${graph.dead[at]}${graph.folder[at] >= 0 && graph.incoming[at] === 0 ? ' orphan' : ''}${graph.reason[at] ? ` (${graph.reason[at]})` : ''}`);
  const edges: string[] = [];
  for (let source = 0; source < graph.ids.length; source++) {
    for (let at = graph.edgeStart[source]; at < graph.edgeStart[source + 1]; at++) {
      edges.push(`${graph.ids[source]} ${graph.edgeCount[at] < 0 ? '-x->' : '->'} ${graph.ids[graph.edgeTarget[at]]} ×${Math.abs(graph.edgeCount[at])}`);
    }
  }
  return [...nodes, '--', ...edges].join('\n');
}

/** The notes of a graph (not placeholders), by path. */
const notesOf = (graph: NoteGraph) => graph.ids.filter((_, at) => graph.folder[at] >= 0);

/** A small collection: kitchen notes that cite each other, one dead section, one missing note, one lonely note. */
const collection = {
  'kitchen/knives.md': `
    # ⛩️

    ## 参考

    🗄 \`stones.md\` flattening
    🗄 \`care.md\` oiling
    🗄 \`care.md\` rust removal
    🗄 \`stone.md\` flattening
    🗄 \`chemistry.md\`
    🗄 'burr'

    # 🔪 KNIVES

    🗄 \`stones.md\`

    BURR
    * _burr_: lip
  `,
  'kitchen/stones.md': `
    # ⛩️

    ## 参考

    🗄 \`knives.md\` knives

    # 🪨 FLATTENING
  `,
  'kitchen/care.md': `
    # ⛩️

    # 🛢 OILING
  `,
  'craft/tools.md': `
    # ⛩️

    🗄 \`care.md\` oiling
    🗄 \`stone.md\`
  `,
  'odds/lonely.md': `
    # ⛩️

    nothing leads here
  `,
};

describe('the graph of the notes', () => {
  it('has a node per note sized by incoming references, summed edges, and dead links to placeholders', () => {
    const { index } = memoryWorkspace(collection);
    assert.strictEqual(renderGraph(graphOf(index)), dedent(`
      craft/tools.md 0/1/1 orphan
      kitchen/care.md 2/0/0
      kitchen/knives.md 1/3/2
      kitchen/stones.md 2/1/0
      odds/lonely.md 0/0/0 orphan
      ?stone.md 0/0/2 (typo)
      --
      craft/tools.md -> kitchen/care.md ×1
      craft/tools.md -x-> stone.md ×1
      kitchen/knives.md -> kitchen/stones.md ×2
      kitchen/knives.md -> kitchen/care.md ×1
      kitchen/knives.md -x-> kitchen/care.md ×1
      kitchen/knives.md -x-> stone.md ×1
      kitchen/stones.md -> kitchen/knives.md ×1
    `));
  });

  it('counts external targets and same-note references on the node, not as edges', () => {
    const { index } = memoryWorkspace(collection);
    const graph = graphOf(index);
    assert.strictEqual(graph.external[graph.ids.indexOf('kitchen/knives.md')], 1, 'chemistry.md is another collection’s note');
    assert.ok(!renderGraph(graph).includes('kitchen/knives.md -> kitchen/knives.md'), 'the same-note reference to BURR is no edge');
  });

  it('gives the local graph of a note within one or two hops, with whole-collection sizes', () => {
    const { index } = memoryWorkspace(collection);
    const one = graphOf(index, { focus: 'kitchen/stones.md', hops: 1 });
    assert.deepStrictEqual(notesOf(one), ['kitchen/knives.md', 'kitchen/stones.md']);
    assert.strictEqual(one.ids[one.focus!], 'kitchen/stones.md');
    assert.strictEqual(one.incoming[one.focus!], 2);
    const two = graphOf(index, { focus: 'kitchen/stones.md', hops: 2 });
    assert.deepStrictEqual(notesOf(two), ['kitchen/care.md', 'kitchen/knives.md', 'kitchen/stones.md']);
    assert.deepStrictEqual(two.folders, ['kitchen']);
  });

  it('keeps a graph until a note’s links change, and not when a recheck finds the same links', () => {
    const { index } = memoryWorkspace(collection);
    const cache = new NoteGraphCache();
    const summarize = (path: string) => summarizeNoteLinks(index, path, resolveNoteReferences(index, path, options));
    for (const path of index.notePaths()) cache.set(path, summarize(path));
    const linksOf = (path: string) => cache.get(path)!;
    const first = cache.graph(index, linksOf);
    cache.set('kitchen/care.md', summarize('kitchen/care.md'));
    assert.strictEqual(cache.graph(index, linksOf), first, 'the same links: the same graph');
    index.setNoteText('kitchen/care.md', '# ⛩️\n\n# 🛢 OILING\n\n🗄 `knives.md`\n');
    cache.set('kitchen/care.md', summarize('kitchen/care.md'));
    const second = cache.graph(index, linksOf);
    assert.notStrictEqual(second, first);
    assert.ok(renderGraph(second).includes('kitchen/care.md -> kitchen/knives.md ×1'));
    index.removeNote('odds/lonely.md');
    cache.delete('odds/lonely.md');
    assert.notStrictEqual(cache.graph(index, linksOf), second, 'a note gone: a new graph');
  });

  it('leaves out references in code fences, as diagnostics do', () => {
    const { index } = memoryWorkspace({ 'a.md': '# ⛩️\n```\n🗄 `b.md`\n```\n', 'b.md': '# ⛩️\n' });
    assert.deepStrictEqual(graphOf(index).edgeTarget, []);
  });
});

describe('preview data', () => {
  it('says where each 🗄 target leads, why a dead one is dead and what its fix is', () => {
    const { index } = memoryWorkspace(collection);
    const data = computePreviewData(index, 'kitchen/knives.md', options)!;
    const rendered = data.references.map((reference) => `${reference.line + 1}:${reference.range.start.character}-${reference.range.end.character} ${reference.status} ${reference.kind}${reference.target ? ` → ${reference.target.path}:${reference.target.line + 1}` : ''}${reference.fix ? `; fix ${reference.fix.label}` : ''}`);
    assert.deepStrictEqual(rendered, [
      '5:3-25 resolved exact-heading → kitchen/stones.md:7',
      '6:3-19 resolved exact-heading → kitchen/care.md:3',
      '7:3-25 dead_section no-anchor',
      '8:3-24 dead_file typo; fix `stones.md` flattening',
      '9:3-17 external foreign-note',
      '10:3-9 resolved caps → kitchen/knives.md:16',
      '14:3-14 resolved same-dir → kitchen/stones.md:1',
    ]);
  });

  it('names the book a 📙 citation means, and lists the citations of each 📚 entry', () => {
    const { index } = memoryWorkspace({
      'reading.md': `
        # ⛩️

        📚
        * McGee on food and cooking
        * McGee keys to good cooking
        * Lopez food lab
      `,
      'pans.md': `
        # ⛩️

        📙 McGee food and cooking [12] Lopez [301]
        📙 McGee [4]
      `,
    });
    const pans = computePreviewData(index, 'pans.md', options)!;
    assert.deepStrictEqual(pans.citations.map((citation) => `${citation.author}@${citation.line + 1}:${citation.range.start.character}: ${citation.book?.title ?? `(one of ${citation.titles})`}`), [
      'McGee@3:3: on food and cooking',
      'Lopez@3:31: food lab',
      'McGee@4:3: (one of 2)',
    ]);
    const reading = computePreviewData(index, 'reading.md', options)!;
    const places = (list: Array<{ path: string; line: number }>) => list.map((place) => `${place.path}:${place.line + 1}`).join(', ');
    assert.deepStrictEqual(reading.bookEntries.map((entry) => `${entry.author} ${entry.title}: ${places(entry.citations)}; unsure: ${places(entry.unattributed)}`), [
      'McGee on food and cooking: pans.md:3; unsure: pans.md:4',
      'McGee keys to good cooking: ; unsure: pans.md:4',
      'Lopez food lab: pans.md:3; unsure: ',
    ]);
  });

  it('follows a 📚 entry with its nearest citations only: this note, its folder, then the rest', () => {
    const files: Record<string, string> = {
      'kitchen/reading.md': '# ⛩️\n\n📚\n* McGee on food and cooking\n\n📙 McGee food and cooking [1]\n',
      'kitchen/pans.md': '# ⛩️\n\n📙 McGee food and cooking [2]\n',
    };
    // Twenty more notes elsewhere cite it too.
    for (let at = 0; at < 20; at++) files[`craft/note-${String(at).padStart(2, '0')}.md`] = `# ⛩️\n\n📙 McGee food and cooking [${at + 10}]\n`;
    const { index } = memoryWorkspace(files);
    const [entry] = computePreviewData(index, 'kitchen/reading.md', options)!.bookEntries;
    assert.deepStrictEqual(entry.citations.map((place) => `${place.path}:${place.line + 1}`), [
      'kitchen/reading.md:6',
      'kitchen/pans.md:3',
      ...Array.from({ length: 10 }, (_, at) => `craft/note-${String(at).padStart(2, '0')}.md:3`),
    ]);
    assert.strictEqual(entry.moreCitations, 10);
    assert.strictEqual(entry.moreUnattributed, 0);
  });

  it('gives the repaired text of a double-encoded note and nothing else', () => {
    const { index } = memoryWorkspace({ 'old.md': '# ‚õ©Ô∏è\n\n## ÂèÇËÄÉ\n\n\uf8ffüóÑ `metals.md`\n' });
    const data = computePreviewData(index, 'old.md', options)!;
    assert.strictEqual(data.repairedText, '# ⛩️\n\n## 参考\n\n🗄 `metals.md`');
    assert.deepStrictEqual(data.references, []);
  });
});

describe('new notes', () => {
  it('start from the skeleton, with the first heading after 进步', () => {
    assert.deepStrictEqual(noteSkeleton(), { text: '# ⛩️\n\n## 参考\n\n## 进步\n\n', headingLine: 6 });
    assert.deepStrictEqual(noteSkeleton(['rust removal']), { text: '# ⛩️\n\n## 参考\n\n## 进步\n\n# rust removal\n', headingLine: 6 });
    assert.strictEqual(noteSkeleton(['care', 'oiling']).text, '# ⛩️\n\n## 参考\n\n## 进步\n\n# care\n\n## oiling\n');
  });

  it('go where the link looks first: beside the referring note, or from the root when the folder exists there', () => {
    const { index } = memoryWorkspace(collection);
    const check = (written: string) => newNotePath(index, 'kitchen/knives.md', written) ?? '(none)';
    assert.deepStrictEqual(['fire.md', 'fire', 'craft/fire.md', 'sub/fire.md', '../fire.md', '../../fire.md', '/etc/fire.md', '.zshrc', 'a b/x.md'].map(check), [
      'kitchen/fire.md', 'kitchen/fire.md', 'craft/fire.md', 'kitchen/sub/fire.md', 'fire.md', '(none)', '(none)', '(none)', 'kitchen/a b/x.md',
    ]);
    // The name the resolver reads: spaces inside the backticks are not part of it, and a file that is not a note makes none.
    assert.deepStrictEqual(['fire.md ', ' fire', 'x.pdf', 'fire.com', 'git status'].map(check), ['kitchen/fire.md', 'kitchen/fire.md', '(none)', '(none)', '(none)']);
    // A root alias names the collection: the note goes to its root, where the link looks for it; a folder of that name wins.
    assert.strictEqual(newNotePath(index, 'kitchen/knives.md', 'notes/fire.md', ['notes']), 'fire.md');
    assert.strictEqual(newNotePath(index, 'kitchen/knives.md', 'craft/fire.md', ['craft']), 'craft/fire.md');
  });

  it('are offered for a dead file link with no fix and for a note name found nowhere, never for one with a fix', () => {
    const { index } = memoryWorkspace({
      'kitchen/knives.md': '# ⛩️\n🗄 `fire.md` coal\n🗄 `stone.md`\n🗄 `chemistry.md` heat > maillard\n🗄 `flour.com`\n🗄 `x.pdf`\n',
      'kitchen/stones.md': '# ⛩️\n',
    });
    const everywhere = () => true;
    const creations = createNoteFixes(index, 'kitchen/knives.md', resolveNoteReferences(index, 'kitchen/knives.md', options), everywhere);
    assert.deepStrictEqual(creations.map((creation) => `${creation.code} ${creation.title} → ${creation.path}`), [
      "foreign-note Create note `fire.md` with section 'coal' → kitchen/fire.md",
      "foreign-note Create note `chemistry.md` with section 'maillard' → kitchen/chemistry.md",
    ]);
    assert.strictEqual(creations[1].text, '# ⛩️\n\n## 参考\n\n## 进步\n\n# heat\n\n## maillard\n');
  });

  it('leave a link through a root alias resolved at the note made at the root', () => {
    const files = { 'kitchen/knives.md': '# ⛩️\n\n🗄 `notes/fire.md` coal\n' };
    const withAlias = { rootAliases: ['notes'] };
    const { index } = memoryWorkspace(files);
    const create = computeQuickFixes(index, 'kitchen/knives.md', makeRange(2, 0, 40), withAlias, () => undefined).find((fix) => fix.create)!;
    assert.strictEqual(create.create!.path, 'fire.md');
    const after = memoryWorkspace({ ...files, [create.create!.path]: create.create!.text }).index;
    const [report] = resolveNoteReferences(after, 'kitchen/knives.md', withAlias);
    assert.deepStrictEqual([report.resolution.status, report.resolution.target?.path, report.resolution.target?.line], ['resolved', 'fire.md', 6]);
  });

  it('leave the link resolved once the note is there', () => {
    const { index } = memoryWorkspace({ 'kitchen/knives.md': '# ⛩️\n\n🗄 `fire.md` coal > embers\n' });
    const fixes = computeQuickFixes(index, 'kitchen/knives.md', makeRange(2, 0, 40), options, () => undefined);
    const create = fixes.find((fix) => fix.create)!;
    assert.strictEqual(create.title, "Create note `fire.md` with section 'embers'");
    index.setNoteText(create.create!.path, create.create!.text);
    const [report] = resolveNoteReferences(index, 'kitchen/knives.md', options);
    assert.strictEqual(`${report.resolution.status} → ${report.resolution.target?.path}:${(report.resolution.target?.line ?? 0) + 1}`, 'resolved → kitchen/fire.md:9');
    assert.ok(!computeQuickFixes(index, 'kitchen/knives.md', makeRange(2, 0, 40), options, () => undefined).some((fix) => fix.create));
  });
});
