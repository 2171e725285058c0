import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseNote } from '../../src/core/syntax/parseNote';
import { AnchorView, encodeNote, NoteView, UnencodableValue } from '../../src/core/index/compactNote';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import type { Note } from '../../src/core/syntax/note';
import { dedent, repoPath } from './support';

/** Every `.md` file under a folder, as [workspace-relative path, text]. */
function notesUnder(root: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) found.push([path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8')]);
    }
  };
  walk(root);
  return found.sort(([a], [b]) => (a < b ? -1 : 1));
}

const FIELDS: Array<keyof Note> = ['path', 'lineCount', 'titleIcon', 'anchors', 'references', 'citations', 'bookLists', 'years', 'mentions', 'separators', 'fences', 'referencesBlock', 'progressBlock', 'problems', 'doubleEncoding'];

/** The view of a parsed note reads, field by field and as JSON, exactly as the parsed note. */
function checkRoundTrip(note: Note): NoteView {
  const view = new NoteView(encodeNote(note));
  assert.strictEqual(JSON.stringify(view), JSON.stringify(note), `${note.path}: the view renders differently`);
  for (const field of FIELDS) {
    assert.strictEqual(JSON.stringify(view[field]), JSON.stringify(note[field]), `${note.path}: field ${field}`);
  }
  note.anchors.forEach((anchor, index) => {
    const read = view.anchors[index];
    for (const key of ['kind', 'text', 'line', 'level', 'parent', 'endLine', 'icon', 'role'] as const) assert.strictEqual(read[key], anchor[key], `${note.path}: anchor ${index}.${key}`);
    assert.deepStrictEqual(read.range, anchor.range);
    assert.strictEqual(view.anchorText(index), anchor.text);
  });
  return view;
}

describe('the compact note form reads exactly as the parsed note', () => {
  it('for every note of the sample workspace, field by field and as JSON', () => {
    const notes = notesUnder(repoPath('test-fixtures', 'notes-kb'));
    assert.ok(notes.length >= 20);
    for (const [file, text] of notes) checkRoundTrip(parseNote(file, text));
  });

  it('presents anchors as views of the compact form, and keeps Latin-1 names apart from wide ones (but those after an icon)', () => {
    const note = parseNote('n.md', dedent(`
      # ⛩️

      ## 参考

      # 🔪 KNIVES

      ## hone (steel)
      * _tang_: part of the blade 📙 McGee [3]
    `));
    const view = checkRoundTrip(note);
    assert.ok(view.anchors.every((anchor) => anchor instanceof AnchorView));
    assert.strictEqual(view.compact.wide, '⛩️参考🔪KNIVES', 'only names outside Latin-1 are in the wide table, and a heading with its icon before it');
    assert.deepStrictEqual(view.anchors.map((anchor) => [anchor.icon, anchor.text]), note.anchors.map((anchor) => [anchor.icon, anchor.text]));
    assert.ok(!/[^\x00-\xff]/.test(view.compact.latin));
  });

  it('keeps anchors that do not fit the fixed layout (a name of 5,000 characters) in the generic form', () => {
    const note = parseNote('long.md', `# ⛩️\n\n## ${'x'.repeat(5000)}\n\nBURR\n`);
    const view = checkRoundTrip(note);
    assert.strictEqual(view.compact.anchors, undefined);
    assert.ok(!(view.anchors[1] instanceof AnchorView));
  });

  it('keeps a section 65,536 lines long or more in the generic form too, and one just shorter in the layout', () => {
    const long = parseNote('tall.md', `# ⛩️\n\n## tall\n${'x\n'.repeat(70000)}`);
    assert.ok(long.anchors.some((anchor) => anchor.endLine - anchor.line >= 0x10000));
    assert.strictEqual(checkRoundTrip(long).compact.anchors, undefined);
    const short = parseNote('tall.md', `# ⛩️\n\n## tall\n${'x\n'.repeat(65000)}`);
    assert.ok(short.anchors.some((anchor) => anchor.endLine - anchor.line > 0x8000), 'a span that needs the sixteenth bit');
    assert.ok(checkRoundTrip(short).compact.anchors instanceof Int32Array);
    const headings = Array.from({ length: 0x10000 }, (_, n) => `## h${n}`).join('\n');
    const deep = parseNote('deep.md', `# ⛩️\n${headings}\n### under the last\n`);
    assert.ok(deep.anchors[deep.anchors.length - 1].parent! >= 0xffff, 'a parent past the sixteen bits');
    assert.strictEqual(checkRoundTrip(deep).compact.anchors, undefined);
  });

  it('keeps fields it does not know (a field another part of Torii adds to a citation)', () => {
    const note = parseNote('n.md', '# ⛩️\n\n📙 McGee on food [3]\n');
    (note.citations[0].items[0] as unknown as Record<string, unknown>).pageCount = 12;
    (note.citations[0] as unknown as Record<string, unknown>).weight = 0.5;
    const view = checkRoundTrip(note);
    assert.strictEqual((view.citations[0].items[0] as unknown as Record<string, unknown>).pageCount, 12);
    assert.strictEqual((view.citations[0] as unknown as Record<string, unknown>).weight, 0.5);
  });

  it("reads an author's 📙 items and 📚 entries alone exactly as the whole fields filtered by that author", () => {
    const made = parseNote('odd-authors.md', dedent(`
      # ⛩️

      ## 参考
      📚
      * ⭐️ Ødegaard fjord tables
      * İnal knots https://example.org/knots
      * McGee on food and cooking
      * ✅ Kernighan/Pike practice

      ## rope
      * _bight_: a loop 📙 İnal knots [4] 📙 ödegaard [9], McGee [12]
      BENDS 📙 Kernighan/Pike 3.45 📙 McGee on food [2] + Tormek (wet wheel)
      > a line of a quote 📙 McGEE [7]
    `));
    (made.citations[0].items[0] as unknown as Record<string, unknown>).pageCount = 12;
    (made.citations[1] as unknown as Record<string, unknown>).weight = 0.5;
    const notes = [made, ...notesUnder(repoPath('test-fixtures', 'notes-kb')).map(([file, text]) => parseNote(file, text))];
    let compared = 0;
    for (const note of notes) {
      const authors = new Set(['nobody', 'mcgee', 'inal', 'i̇nal', 'ödegaard', 'kernighan/pike']);
      for (const citation of note.citations) for (const item of citation.items) if (item.author) authors.add(item.author.toLowerCase());
      for (const list of note.bookLists) for (const entry of list.entries) if (entry.author) authors.add(entry.author.toLowerCase());
      for (const author of authors) {
        const items = note.citations.flatMap((citation) => citation.items.filter((item) => item.author?.toLowerCase() === author).map((item) => ({ item, line: citation.line })));
        const entries = note.bookLists.flatMap((list) => list.entries.filter((entry) => entry.author?.toLowerCase() === author));
        // Read alone from the compact form, and from a view whose fields are decoded already.
        const alone = new NoteView(encodeNote(note));
        const decoded = new NoteView(encodeNote(note));
        void decoded.citations;
        void decoded.bookLists;
        for (const view of [alone, decoded]) {
          assert.strictEqual(JSON.stringify(view.itemsCiting(author, (item, line) => ({ item, line }))), JSON.stringify(items), `${note.path}: 📙 items of ${author}`);
          assert.strictEqual(JSON.stringify(view.entriesListing(author, (entry) => entry)), JSON.stringify(entries), `${note.path}: 📚 entries of ${author}`);
        }
        compared += items.length + entries.length;
      }
    }
    assert.ok(compared > 60, `${compared} items and entries compared`);
    const view = new NoteView(encodeNote(made));
    assert.deepStrictEqual(view.itemsCiting('mcgee', (item, line) => `${line}:${item.author}`), ['10:McGee', '11:McGee', '12:McGEE']);
    assert.deepStrictEqual(view.itemsCiting('i̇nal', (item) => item.author), ['İnal'], 'a name whose lower case is longer than it');
    assert.strictEqual((view.itemsCiting('i̇nal', (item) => item)[0] as unknown as Record<string, unknown>).pageCount, 12, 'a field the compact form does not know');
    assert.deepStrictEqual(view.entriesListing('ødegaard', (entry) => entry.title), ['fjord tables']);
  });

  it('refuses a value that is not plain data, and the index then keeps that note as parsed', () => {
    const note = parseNote('odd.md', '# ⛩️\n\n# 🔪 KNIVES\n');
    (note as unknown as Record<string, unknown>).extra = new Map([[1, 2]]);
    assert.throws(() => encodeNote(note), UnencodableValue);
    const index = new WorkspaceIndex();
    index.setNote(note);
    assert.strictEqual(index.getNote('odd.md')!.note, note);
    assert.deepStrictEqual(index.getNote('odd.md')!.anchorsByAlias('knives'), [1]);
  });

  it('reads the same after its parts were let go of and decoded again (many notes read in between)', () => {
    const index = new WorkspaceIndex();
    for (let n = 0; n < 600; n++) index.setNoteText(`n${n}.md`, `# ⛩️\n\n# 🔪 KNIVES ${n}\n🗄 \`n${n + 1}.md\` knives ${n + 1}\n`);
    const first = index.getNote('n0.md')!.note;
    const before = JSON.stringify(first.references);
    for (const entry of index.allNotes()) void entry.note.references;
    assert.strictEqual(JSON.stringify(first.references), before);
  });
});
