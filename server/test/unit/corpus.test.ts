import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { checkWorkspace } from '../../src/core/features/check';
import { computeOutline, type OutlineNode } from '../../src/core/features/outline';
import { scanDocument } from '../../src/core/syntax/scanner';
import { requireCorpus } from './support';

/** The five older real notes, opened on their own (DIALECT §8.7 "link rot check", §9.15). */
describe('the five older notes (../shared/corpus/older-notes)', () => {
  let folder: string;
  let texts: Map<string, string>;
  let index: WorkspaceIndex;

  before(function () {
    folder = requireCorpus(this, 'older-notes');
    texts = new Map(fs.readdirSync(folder).filter((file) => file.endsWith('.md')).sort().map((file) => [file, fs.readFileSync(path.join(folder, file), 'utf8')]));
    index = new WorkspaceIndex({ readText: (file) => texts.get(file) });
    for (const [file, text] of texts) index.setNoteText(file, text);
  });

  it('puts no outline entry on a line inside a code fence', () => {
    for (const [file, text] of texts) {
      const lines = text.split('\n');
      const fenced = new Set<number>();
      for (const fence of scanDocument(text).fences) for (let line = fence.startLine; line <= fence.endLine; line++) fenced.add(line);
      const visit = (nodes: OutlineNode[]) => nodes.forEach((node) => {
        assert.ok(!fenced.has(node.selectionRange.start.line), `${file}:${node.selectionRange.start.line + 1} '${node.name}' is inside a fence`);
        visit(node.children);
      });
      visit(computeOutline(index.getNote(file)!.note, (line) => lines[line]?.length ?? 0));
      assert.ok(fenced.size > 0 || file.startsWith('002'), `${file} has fences to test against`);
    }
  });

  it('nests every ALL-CAPS pseudo-heading under the heading above it', () => {
    let pseudoHeadings = 0;
    for (const { note } of index.allNotes()) {
      for (const anchor of note.anchors) {
        if (anchor.kind !== 'caps') continue;
        pseudoHeadings++;
        const parent = anchor.parent === undefined ? undefined : note.anchors[anchor.parent];
        const headingsAbove = note.anchors.filter((other) => other.kind === 'heading' && other.role !== 'title' && other.line < anchor.line);
        if (headingsAbove.length === 0) continue;
        assert.strictEqual(parent?.kind, 'heading', `${note.path}:${anchor.line + 1} ${anchor.text}`);
        assert.ok(parent!.line < anchor.line && parent!.endLine >= anchor.line, `${note.path}:${anchor.line + 1} ${anchor.text} lies within its parent's scope`);
      }
    }
    // DIALECT §2.3 counts 111 pseudo-headings in the five older notes.
    assert.ok(pseudoHeadings >= 100 && pseudoHeadings <= 125, `${pseudoHeadings} pseudo-headings`);
  });

  it('accounts for every 🗄 marker: each is a target, a block label, or in a heading', () => {
    for (const [file, text] of texts) {
      const lines = text.split('\n');
      const note = index.getNote(file)!.note;
      const markerLines = new Set(note.references.map((reference) => reference.markerRange.start.line));
      lines.forEach((line, number) => {
        if (!line.includes('\u{1F5C4}')) return;
        const isHeading = /^ {0,3}#{1,6}\s/.test(line) && !note.fences.some((fence) => fence.startLine < number && number <= fence.endLine);
        assert.ok(isHeading || markerLines.has(number), `${file}:${number + 1} has a 🗄 that no reference accounts for: ${line}`);
      });
    }
    const { summary } = checkWorkspace(index);
    // DIALECT §8.7: on their own they yield 104 targets: 95 external, 7 resolved, 2 dead.
    assert.deepStrictEqual({ references: summary.references, resolved: summary.resolved, dead: summary.dead, external: summary.external }, { references: 104, resolved: 7, dead: 2, external: 95 });
  });

  it('shows mostly hints, not warnings, since the notes they point at are absent', () => {
    const { diagnostics } = checkWorkspace(index);
    const hints = diagnostics.filter((diagnostic) => diagnostic.severity === 'hint').length;
    const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
    assert.ok(hints > 10 * warnings, `${hints} hints, ${warnings} warnings`);
  });
});
