/**
 * The 📙 parsing rules of DIALECT §6.1 as issue 11 sharpened them, one test per rule on
 * made-up lines, and the known authors that the workspace index decides with.
 */

import * as assert from 'assert';
import { findCitationMarkers, parseCitation } from '../../src/core/syntax/citations';
import { lineCitations, parseNote } from '../../src/core/syntax/parseNote';
import type { Citation } from '../../src/core/syntax/note';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { dedent } from './support';

/** `author|McGee|on food|3.45 ; author|Lopez||[301]`: kind, author, title, locator, `carried`. */
function render(citation: Citation): string {
  return citation.items.map((item) => [item.kind, item.author ?? '', item.title ?? '', item.locator ?? '', item.carriedOver ? 'carried' : ''].join('|').replace(/\|+$/, '')).join(' ; ');
}

/** Every citation of every line, read knowing `known` (and nothing else). */
function read(text: string, known: string[] = []): string[] {
  return dedent(text).split('\n').flatMap((line, lineNumber) => findCitationMarkers(line).map(([start, end]) => render(parseCitation(line, lineNumber, start, end, new Set(known), false))));
}

describe('📙 parsing rules (DIALECT §6.1, issue 11)', () => {
  it('reads the first capitalised word as the author, with particles and pairs', () => {
    assert.deepStrictEqual(read(`
      📙 McGee [782]
      📙 Van Aken [77]
      📙 Ruiz de Vega 2.12
      📙 Kernighan/Pike ch. 3
      📙 JC sharp edges 179
    `), ['author|McGee||[782]', 'author|Van Aken||[77]', 'author|Ruiz de Vega||2.12', 'author|Kernighan/Pike||ch. 3', 'author|JC|sharp edges|179']);
  });

  it('starts a new item after a locator at a name followed by a clear locator', () => {
    assert.deepStrictEqual(read(`
      📙 McGee [12] Lopez [301]
      📙 McGee [12] Lopez 3.45
      📙 McGee [12] Lopez ch. 4
      📙 McGee [12], see also Lopez [301]
    `), [
      'author|McGee||[12] ; author|Lopez||[301]',
      'author|McGee||[12] ; author|Lopez||3.45',
      'author|McGee||[12] ; author|Lopez||ch. 4',
      'author|McGee||[12] ; author|Lopez||[301]',
    ]);
  });

  it('reads capitalised words after a locator as commentary: product and place names, sentence starts', () => {
    assert.deepStrictEqual(read(`
      📙 McGee [12] Sakai stones are the best
      📙 McGee 3.4 e.g. Corvane wheel
      📙 McGee [4] Great for beginners
      📙 McGee [4] vs Stelmar
    `), ['author|McGee||[12]', 'author|McGee||3.4', 'author|McGee||[4]', 'author|McGee||[4]']);
  });

  it('does not take a bare number, a roman numeral or (…) after commentary as a page: `Brightwell 2000` is a model', () => {
    assert.deepStrictEqual(read(`
      📙 McGee [4] Brightwell 2000
      📙 McGee [4] Nordic iv
      📙 McGee [4] Tormek (wet wheel)
      📙 McGee [4] heat it to 200 first
    `), ['author|McGee||[4]', 'author|McGee||[4]', 'author|McGee||[4]', 'author|McGee||[4]']);
  });

  it('never reads a quoted word or one with a trailing quote as an author', () => {
    assert.deepStrictEqual(read(`
      📙 McGee [4] the "Bible" chapter
      📙 McGee [4] Bible" notes [12]
      📙 Sharp" knives [4]
    `), ['author|McGee||[4]', 'author|McGee||[4] ; author|McGee|Bible" notes|[12]|carried', 'unparsed||Sharp" knives|[4]']);
  });

  it('ends the items at +, ; and an em dash followed by prose (the issue’s example)', () => {
    assert.deepStrictEqual(read(`
      📙 Chang skills (2-3, 6) + honing, stropping, Tormek (wet wheel), Japanese stones
      📙 McGee [12] + Lopez [4]
      📙 McGee [12]; Lopez [4]
      📙 McGee [12]—Lopez [4] says otherwise
      📙 McGee skills—Lopez [4]
      📙 McGee 12—15
    `), [
      'author|Chang|skills|(2-3, 6)',
      'author|McGee||[12]',
      'author|McGee||[12]',
      'author|McGee||[12]',
      'author|McGee|skills',
      'author|McGee||12—15',
    ]);
  });

  it('reads (…) as a locator only when it holds pages or chapters; a run of words there is commentary', () => {
    assert.deepStrictEqual(read(`
      📙 Lopez (ch 6)
      📙 Lopez (6-7, 9)
      📙 Chang skills (wet wheel)
      📙 Chang skills (Japanese style) [14]
    `), ['author|Lopez||(ch 6)', 'author|Lopez||(6-7, 9)', 'author|Chang|skills', 'author|Chang|skills|[14]']);
  });

  it('keeps capitalised title words before the locator in the title: `Hale modern BBQ`', () => {
    assert.deepStrictEqual(read(`
      📙 Hale modern BBQ [45]
      📙 Chang AI Linux 3.2
    `), ['author|Hale|modern BBQ|[45]', 'author|Chang|AI Linux|3.2']);
  });

  it('starts an item at a known author, before a locator or after one', () => {
    const lines = `
      📙 Raymond unix Buelta architecture [5]
      📙 McGee [12] Lopez food lab
      📙 McGee [12] Sakai stones
    `;
    assert.deepStrictEqual(read(lines, ['Buelta', 'Lopez']), ['author|Raymond|unix ; author|Buelta|architecture|[5]', 'author|McGee||[12] ; author|Lopez|food lab', 'author|McGee||[12]']);
    assert.deepStrictEqual(read(lines), ['author|Raymond|unix Buelta architecture|[5]', 'author|McGee||[12]', 'author|McGee||[12]']);
  });

  it('carries the author over to a new title only when a clear locator follows it; more pages join the locator', () => {
    assert.deepStrictEqual(read(`
      📙 Chang skills [306] basics [105]
      📙 Lopez food lab [15] science 4.40
      📙 McGee [12] heat to 200 degrees
      📙 Kleppmann 7, section 2
    `), [
      'author|Chang|skills|[306] ; author|Chang|basics|[105]|carried',
      'author|Lopez|food lab|[15] ; author|Lopez|science|4.40|carried',
      'author|McGee||[12]',
      'author|Kleppmann||7, section 2',
    ]);
  });

  it('reads a name and title written decomposed (pasted from a PDF) as the composed ones, over the letters written', () => {
    const decomposed = 'Mu\u0308ller';
    const line = `📙 ${decomposed} Bro\u0308t [4] ${decomposed} 2.3`;
    const citation = parseCitation(line, 0, 0, 2, new Set(), false);
    const second = line.lastIndexOf(decomposed);
    assert.deepStrictEqual(citation.items.map((item) => [item.author, item.title, item.authorRange?.start.character, item.authorRange?.end.character]), [
      ['M\u00fcller', 'Br\u00f6t', 3, 3 + decomposed.length],
      ['M\u00fcller', undefined, second, second + decomposed.length],
    ]);
    const entry = parseNote('x.md', `📚\n* ⭐️ ${decomposed}, Bro\u0308tchen`).bookLists[0].entries[0];
    const start = `* ⭐️ `.length;
    assert.deepStrictEqual([entry.author, entry.title, entry.authorRange?.start.character, entry.authorRange?.end.character], ['M\u00fcller', 'Br\u00f6tchen', start, start + decomposed.length]);
  });

  it('records where knowledge decided, and the text to read again, only when it did', () => {
    const line = '📙 McGee [12] Lopez food lab';
    const citation = parseCitation(line, 0, 0, 2, new Set(), false);
    assert.deepStrictEqual([citation.candidates, citation.knownCandidates, citation.source], [['lopez'], [], line]);
    assert.strictEqual(parseCitation('📙 McGee [12] Lopez [4]', 0, 0, 2, new Set(), false).candidates, undefined);
  });
});

describe('a line\'s citations read alone (lineCitations)', () => {
  const lines = [
    '* a thin slicer 📙 Chang knife skills [1] + stropping, Tormek (wet wheel)',
    '> McGee says so 📙 McGee on food [3] Lopez [4]',
    'plain 📙 JC sharp edges 179 📙 Van Aken [7]',
    '## a heading 📙 McGee [3]',
    '```js 📙 McGee [3]',
    '    📙 McGee [3] (indented code is text to the dialect)',
    '---',
    '| a | table 📙 McGee [3] |',
    '📙',
    'no marker here',
    `${'x'.repeat(100_001)} 📙 McGee [3]`,
    '‚õ©Ô∏è 📙 McGee [3]',
    '\uF8FFüìô McGee [3] ‚õ©Ô∏è',
    'two lines 📙 McGee [3]\r\n📙 Lopez [4]',
  ];
  it('gives what parseNote gives on a note of that one line: code, headings, quotes, long and double-encoded lines included', () => {
    for (const line of lines) {
      assert.deepStrictEqual(JSON.stringify(lineCitations(line)), JSON.stringify(parseNote('x.md', line).citations), line.slice(0, 60));
    }
    assert.deepStrictEqual(lines.map((line) => lineCitations(line).length), [1, 1, 2, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 2]);
  });
});

describe('known authors: workspace knowledge, decided by the index', () => {
  function index(files: Record<string, string>): WorkspaceIndex {
    const result = new WorkspaceIndex();
    for (const [path, text] of Object.entries(files)) result.setNoteText(path, dedent(text));
    return result;
  }
  const citationsOf = (workspace: WorkspaceIndex, path: string) => workspace.getNote(path)!.note.citations.map(render);

  it('knows an author from a 📚 entry in another note, and forgets it with that note', () => {
    const workspace = index({ 'a.md': '📙 McGee [12] Lopez food lab', 'b.md': '📚\n* Lopez food lab' });
    assert.deepStrictEqual(citationsOf(workspace, 'a.md'), ['author|McGee||[12] ; author|Lopez|food lab']);
    assert.strictEqual(workspace.citationsOfAuthor('Lopez').length, 1);
    workspace.removeNote('b.md');
    assert.deepStrictEqual(citationsOf(workspace, 'a.md'), ['author|McGee||[12]']);
    assert.strictEqual(workspace.citationsOfAuthor('Lopez').length, 0);
  });

  it('knows an author from a citation with a title or a locator, not from one alone or from commentary', () => {
    assert.ok(index({ 'a.md': '📙 Lopez ch. 4' }).isKnownAuthor('lopez'));
    assert.ok(index({ 'a.md': '📙 Lopez food lab' }).isKnownAuthor('Lopez'));
    assert.ok(index({ 'a.md': '📙 McGee [12] Lopez [4]' }).isKnownAuthor('Lopez'));
    assert.ok(!index({ 'a.md': '📙 Lopez' }).isKnownAuthor('Lopez'));
    assert.ok(!index({ 'a.md': '📙 McGee [12] Lopez food lab' }).isKnownAuthor('Lopez'));
  });

  it('is not circular: commentary words in many notes never make each other known', () => {
    const workspace = index({ 'a.md': '📙 McGee [1] Sakai stones', 'b.md': '📙 Chang [2] Sakai knives', 'c.md': '📙 Lopez [3] Sakai' });
    assert.ok(!workspace.isKnownAuthor('Sakai'));
    assert.deepStrictEqual([...workspace.citedAuthors()].sort(), ['chang', 'lopez', 'mcgee']);
  });

  it('reads a note again when an author becomes known elsewhere, as a rebuild would', () => {
    const files: Record<string, string> = { 'a.md': '📙 Raymond unix Buelta architecture [5]\n📙 McGee [1] Buelta' };
    const workspace = index(files);
    assert.deepStrictEqual(citationsOf(workspace, 'a.md'), ['author|Raymond|unix Buelta architecture|[5]', 'author|McGee||[1]']);
    workspace.setNoteText('b.md', '📚\n* Buelta python architecture');
    assert.deepStrictEqual(citationsOf(workspace, 'a.md'), ['author|Raymond|unix ; author|Buelta|architecture|[5]', 'author|McGee||[1] ; author|Buelta']);
    assert.strictEqual(workspace.snapshot(), index({ ...files, 'b.md': '📚\n* Buelta python architecture' }).snapshot());
    workspace.setNoteText('b.md', '📚\n* Chang knife skills');
    assert.strictEqual(workspace.snapshot(), index({ ...files, 'b.md': '📚\n* Chang knife skills' }).snapshot());
  });
});
