/**
 * Books (issue 11): 📚 entries merged into books, citations attributed to them, the Books view's
 * data, 📙 completion, repeated typos and the hover on a citation, on made-up notes.
 */

import * as assert from 'assert';
import { bookAt, bookOfCitation, bookOfEntry, bookPlaces, computeBooks, entryCitationCount } from '../../src/core/features/books';
import * as fc from 'fast-check';
import { authorBeingWritten, completionSteps, computeCompletion } from '../../src/core/features/completion';
import { computeHover } from '../../src/core/features/hover';
import { findDefinition } from '../../src/core/features/navigation';
import { computeAuthorRename, prepareAuthorRename } from '../../src/core/features/renameAuthor';
import { bookNamings } from '../../src/core/features/nameTheBook';
import { applyNoteEdits } from '../../src/cliFix';
import { checkNote } from '../../src/core/features/check';
import { misspeltAuthor } from '../../src/core/features/authors';
import { authorFacts } from '../../src/core/features/bookFacts';
import type { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { memoryWorkspace } from './support';
import { computePreviewData } from '../../src/core/features/preview';
import { DEFAULT_RESOLVER_OPTIONS } from '../../src/core/features/resolve';
import { makeRange } from '../../src/core/text/positions';

/** `knife skills: listed a.md:2, b.md:3 · cited a.md:5 b.md:7` for each of an author's books. */
function renderBooks(index: WorkspaceIndex, author: string): string[] {
  const catalog = index.booksOfAuthor(author);
  const rows = catalog.books.map((book) => {
    const listed = book.entries.map(({ path, entry }) => `${path}:${entry.line + 1}`).join(', ');
    const cited = book.citations.map(({ path, line }) => `${path}:${line + 1}`).join(' ');
    return `${book.title || book.label}: ${listed ? `listed ${listed}` : 'in no list'}${cited ? ` · cited ${cited}` : ''}`;
  });
  if (catalog.unattributed.length > 0) rows.push(`which book? ${catalog.unattributed.map(({ path, line }) => `${path}:${line + 1}`).join(' ')}`);
  return rows;
}

describe('books: 📚 entries merged across notes, citations attributed (issue 11)', () => {
  it('merges entries whose titles agree however they are spelt, and keeps other titles apart', () => {
    const { index } = memoryWorkspace({
      'a.md': '📚\n* Kleppmann data intensive applications\n* Kleppmann streams',
      'b.md': '📚\n* ⭐️ Kleppmann data-intensive https://example.org/ddia',
      'c.md': '📚\n* ✅ Kleppmann data intensive',
    });
    assert.deepStrictEqual(renderBooks(index, 'Kleppmann'), ['data intensive applications: listed a.md:2, b.md:2, c.md:2', 'streams: listed a.md:3']);
    const book = index.booksOfAuthor('kleppmann').books[0];
    assert.deepStrictEqual([book.statuses.sort(), book.urls], [['⭐', '✅'].sort(), ['https://example.org/ddia']]);
  });

  it('puts an untitled entry with the only titled book, else names it by its URL host or its note', () => {
    const { index } = memoryWorkspace({
      'a.md': '📚\n* Conery imposter handbook\n* Conery ch. 1-4',
      'b.md': '📚\n* Takada https://book.example.net/distsys\n* Takada ch. 3',
      'c.md': '📚\n* Galvin dinosaur\n* Galvin systems\n* Galvin ch. 17',
    });
    assert.deepStrictEqual(renderBooks(index, 'Conery'), ['imposter handbook: listed a.md:2, a.md:3']);
    assert.deepStrictEqual(renderBooks(index, 'Takada'), ['book.example.net: listed b.md:2, b.md:3']);
    assert.deepStrictEqual(renderBooks(index, 'Galvin'), ['dinosaur: listed c.md:2', 'in c.md: listed c.md:4', 'systems: listed c.md:3']);
  });

  it('names a book listed only without a title by the first title cited with its author, not a second book', () => {
    const { index } = memoryWorkspace({
      'list.md': '📚\n* Narkhede ch. 11',
      'other.md': '📚\n* Narkhede ch. 2',
      'a.md': '📙 Narkhede ch. 1\n📙 Narkhede guide\n📙 Narkhede definitive guide [3]\n📙 Narkhede streams [4]\n📙 Narkhede [5] guide [6]',
    });
    // The untitled citations mean the only listed book, as before.
    assert.deepStrictEqual(renderBooks(index, 'Narkhede'), ['guide: listed list.md:2, other.md:2 · cited a.md:1 a.md:2 a.md:3 a.md:5 a.md:5', 'streams: in no list · cited a.md:4']);
  });

  it('attributes a citation by its title (a prefix or a shared word), to the only book without one, and leaves the rest unattributed', () => {
    const { index } = memoryWorkspace({
      'list.md': '📚\n* Chang knife skills\n* Chang noodle basics\n* McGee on food and cooking',
      'a.md': '📙 Chang knife [3]\n📙 Chang basics [4]\n📙 Chang [5]\n📙 McGee [6]\n📙 McGee on food 3.4\n📙 McGee cooking [8]',
      'b.md': '📙 Chang skills [306] basics [105]\n📙 Chang dumplings [9]',
    });
    assert.deepStrictEqual(renderBooks(index, 'Chang'), [
      'knife skills: listed list.md:2 · cited a.md:1 b.md:1',
      'noodle basics: listed list.md:3 · cited a.md:2 b.md:1',
      'dumplings: in no list · cited b.md:2',
      'which book? a.md:3',
    ]);
    assert.deepStrictEqual(renderBooks(index, 'McGee'), ['on food and cooking: listed list.md:4 · cited a.md:4 a.md:5 a.md:6']);
  });

  it('gives a book of an author no list names from the titles cited, and their untitled citations to it when it is the only one', () => {
    const { index } = memoryWorkspace({ 'a.md': '📙 Osborn hearth [12]\n📙 Osborn [14]\n📙 Osborn hearth fires 3.2' });
    assert.deepStrictEqual(renderBooks(index, 'Osborn'), ['hearth: in no list · cited a.md:1 a.md:2 a.md:3']);
  });

  it('makes no book of words written after a locator: a carried-over title only names a book that matches it', () => {
    const { index } = memoryWorkspace({
      'list.md': '📚\n* Kleppmann data intensive applications',
      'a.md': "* encoding 📙 Kleppmann [112] typically old code ignores new fields [129]\n* logs 📙 Kleppmann data intensive [3] applications [40]",
      'b.md': "📙 Osborn hearth [12] notes on the chimney isn't it [14]\n📙 Osborn [15] fires [16]\n📙 Osborn fires 3.2",
    });
    assert.deepStrictEqual(renderBooks(index, 'Kleppmann'), ['data intensive applications: listed list.md:2 · cited a.md:1 a.md:1 a.md:2 a.md:2']);
    // A title the writer also wrote right after the author names a book, wherever it was met first.
    assert.deepStrictEqual(renderBooks(index, 'Osborn'), ['fires: in no list · cited b.md:2 b.md:3', 'hearth: in no list · cited b.md:1', 'which book? b.md:1 b.md:2']);
    const labels = computeCompletion(index, 'a.md', '📙 ', { line: 2, character: 3 }).items.map((item) => item.label);
    assert.ok(labels.includes('Kleppmann data intensive') && !labels.some((label) => /typically/.test(label)), labels.join(', '));
  });

  it('tells which book a citation or an entry means, for lenses, hovers and previews', () => {
    const { index } = memoryWorkspace({ 'list.md': '📚\n* Chang knife skills\n* Chang noodle basics', 'a.md': '📙 Chang knife skills [3]\n📙 Chang noodles [4]' });
    const [first, second] = index.getNote('a.md')!.note.citations;
    const [skills, noodles] = index.getNote('list.md')!.note.bookLists[0].entries;
    assert.strictEqual(bookOfCitation(index, 'a.md', first.items[0]), bookOfEntry(index, 'list.md', skills));
    assert.strictEqual(bookOfCitation(index, 'a.md', second.items[0])?.title, 'noodle basics');
    assert.strictEqual(bookOfEntry(index, 'list.md', noodles)?.citations.length, 1);
    assert.deepStrictEqual(bookAt(index, 'a.md', { line: 1, character: 4 }), { author: 'Chang', book: bookOfEntry(index, 'list.md', noodles) });
    assert.strictEqual(bookAt(index, 'list.md', { line: 2, character: 5 })?.book?.title, 'noodle basics');
  });

  it('gives the Books view authors most cited first, their books most cited first, and junk words nowhere', () => {
    const { index } = memoryWorkspace({
      'list.md': '📚\n* Chang knife skills\n* Chang noodle basics\n* Lopez food lab',
      'a.md': '📙 Chang knife [1] + honing, Aquahone (wet wheel), Sakai stones\n📙 Chang basics [2]\n📙 Chang basics [3] Japanese style\n📙 Osborn [4]',
    });
    const overview = computeBooks(index);
    assert.deepStrictEqual(overview.listed.map((author) => `${author.author} ${author.citationCount}: ${author.books.map((book) => `${book.label} ${book.citationCount}`).join(', ')}`), [
      'Chang 3: noodle basics 2, knife skills 1',
      'Lopez 0: food lab 0',
    ]);
    assert.deepStrictEqual(overview.unlisted.map((author) => author.author), ['Osborn']);
    // The places of one book come when the view opens it.
    const basics = overview.listed[0].books[0];
    const places = bookPlaces(index, 'Chang', basics.key)!;
    assert.deepStrictEqual([places.listings.map((place) => `${place.path}:${place.line + 1}`), places.citations.map((place) => `${place.path}:${place.line + 1} ${place.label}`)], [['list.md:3'], ['a.md:2 basics [2]', 'a.md:3 basics [3]']]);
    assert.strictEqual(bookPlaces(index, 'Chang', 'no such book'), undefined);
  });
});

describe('📚 titles by author (the 📚 entry rule of DIALECT §8.5)', () => {
  it('reads every author\'s titles alike, asked one by one or, past the first few, all together', () => {
    // Thirty authors, each listed in three notes with two titles: enough that most are read together.
    const files: Record<string, string> = {};
    const authors = Array.from({ length: 30 }, (_, n) => `Writer${String.fromCharCode(97 + Math.floor(n / 26))}${String.fromCharCode(97 + (n % 26))}`);
    for (let note = 0; note < 3; note++) {
      files[`n${note}.md`] = `# ⛩️\n\n📚\n${authors.map((author) => `* ${author} ${note === 2 ? 'second' : 'first'} volume`).join('\n')}\n`;
    }
    const render = (index: WorkspaceIndex, author: string) => index.bookTitlesByAuthor(author).map(({ path, entry, words }) => `${path}:${entry.line} ${words.join(' ')}`);
    const together = memoryWorkspace(files).index;
    const seen = authors.map((author) => render(together, author));
    authors.forEach((author, n) => {
      assert.deepStrictEqual(seen[n], render(memoryWorkspace(files).index, author), author);
      assert.strictEqual(seen[n].length, 2, author);
    });
    // A change to one author's entries is read again for that author alone.
    const changed = memoryWorkspace(files);
    authors.forEach((author) => render(changed.index, author));
    changed.index.setNoteText('n0.md', files['n0.md'].replace(`${authors[20]} first volume`, `${authors[20]} third volume`));
    assert.deepStrictEqual(render(changed.index, authors[20]), ['n0.md:23 third volume', 'n1.md:23 first volume', 'n2.md:23 second volume']);
    assert.deepStrictEqual(render(changed.index, authors[21]), ['n0.md:24 first volume', 'n2.md:24 second volume']);
  });
});

describe('what is kept per author', () => {
  it('keeps no catalog nor citation list for what goes over many authors (the Books view, completion, the preview, hovers and code actions on 📙), and forgets what they keep when an author changes', () => {
    const files = { 'a.md': '📚\n* Chang knife skills\n* McGee on food\n\n📙 Chang knife skills [3]\n📙 McGee [4]\n📙 Lopez food lab [5]\n* ', 'b.md': '📙 Chang [9]\n📙 McGee on food [10]' };
    const { index } = memoryWorkspace(files);
    const overview = computeBooks(index);
    assert.strictEqual(overview.listed.length + overview.unlisted.length, 3);
    computeCompletion(index, 'a.md', '* ', { line: 7, character: 2 });
    assert.ok(computeCompletion(index, 'a.md', '📙 ', { line: 7, character: 3 }).items.some((item) => item.label === 'Chang knife skills'));
    assert.strictEqual(computePreviewData(index, 'a.md', DEFAULT_RESOLVER_OPTIONS)?.citations[0].book?.title, 'knife skills');
    assert.match(computeHover(index, 'a.md', { line: 4, character: 4 }, DEFAULT_RESOLVER_OPTIONS)?.markdown ?? '', /knife skills/);
    const twoBooks = memoryWorkspace({ 'a.md': '📚\n* Chang knife skills\n* Chang noodles\n\n📙 Chang [3]' }).index;
    assert.strictEqual(bookNamings(twoBooks, 'a.md', makeRange(4, 0, 12)).length, 2);
    assert.deepStrictEqual(twoBooks.keptAuthorData, { catalogs: 0, citationLists: 0 });
    // The lenses over a note's 📚 entries: each book's citations, as its catalog counts them.
    const entries = index.getNote('a.md')!.note.bookLists[0].entries;
    assert.deepStrictEqual(entries.map((entry) => entryCitationCount(index, 'a.md', entry)), [2, 2]);
    assert.deepStrictEqual(index.keptAuthorData, { catalogs: 0, citationLists: 0 });
    assert.deepStrictEqual(entries.map((entry) => bookOfEntry(index, 'a.md', entry)!.citations.length), [2, 2]);
    assert.deepStrictEqual(index.keptAuthorData.catalogs, 2);
    // A hover asks for one author's: that one is kept.
    index.booksOfAuthor('Chang');
    assert.ok(index.keptAuthorData.catalogs >= 1);
    // Chang cited once more: the view counts it (what it kept of Chang went).
    const count = () => [...computeBooks(index).listed, ...computeBooks(index).unlisted].find((author) => author.author === 'Chang')!.citationCount;
    assert.strictEqual(count(), 2);
    index.setNoteText('b.md', `${files['b.md']}\n📙 Chang [11]`);
    assert.strictEqual(count(), 3);
  });

  it('keeps the catalogs and lists of the sixteen authors last asked for, and answers for the others as a rebuilt index does', () => {
    const authors = Array.from({ length: 24 }, (_, n) => `Author${String.fromCharCode(65 + n)}x`);
    const files: Record<string, string> = {};
    for (let note = 0; note < 3; note++) files[`n${note}.md`] = authors.map((author, n) => `📙 ${author} volume${note} [${n + 1}]`).join('\n') + `\n\n📚\n${authors.map((author) => `* ${author} volume${note}`).join('\n')}`;
    const { index } = memoryWorkspace(files);
    const render = (at: WorkspaceIndex, author: string) => at.booksOfAuthor(author).books.map((book) => `${book.title}: ${book.citations.map((citation) => `${citation.path}:${citation.line}`).join(' ')}`);
    for (const author of authors) render(index, author);
    assert.deepStrictEqual(index.keptAuthorData, { catalogs: 16, citationLists: 16 });
    // A change to an author kept and to one dropped, then each asked again.
    const changed = files['n1.md'].replace(`${authors[0]} volume1 [1]`, `${authors[0]} volume2 [1]`).replace(`${authors[23]} volume1 [24]`, `${authors[23]} volume0 [24]`);
    index.setNoteText('n1.md', changed);
    const rebuilt = memoryWorkspace({ ...files, 'n1.md': changed }).index;
    for (const author of [authors[0], authors[23], authors[10]]) assert.deepStrictEqual(render(index, author), render(rebuilt, author), author);
  });
});

describe('📙 author typos (issue 11, Build 5)', () => {
  const workspace = (typo: string, times: number, right: number) => {
    const files: Record<string, string> = { 'list.md': '📚\n* Kleppmann data intensive' };
    for (let index = 0; index < right; index++) files[`right-${index}.md`] = `📙 Kleppmann [${index + 1}]`;
    for (let index = 0; index < times; index++) files[`typo-${index}.md`] = `📙 ${typo} [${index + 1}]`;
    return memoryWorkspace(files).index;
  };

  it('hints at a typo written twice beside a name written far more often, with the fix', () => {
    const index = workspace('Kleppman', 2, 12);
    assert.deepStrictEqual(checkNote(index, 'typo-0.md').map((diagnostic) => `${diagnostic.code}: ${diagnostic.fix?.label}`), ['unknown-author: Kleppmann']);
    assert.match(checkNote(index, 'typo-1.md')[0].message, /'Kleppmann' is written far more often/);
  });

  it('leaves a close name alone when it is written often, or the other is not written far more', () => {
    assert.strictEqual(misspeltAuthor(workspace('Kleppman', 4, 40), 'Kleppman', 'typo-0.md', 0), undefined);
    assert.strictEqual(misspeltAuthor(workspace('Kleppman', 2, 6), 'Kleppman', 'typo-0.md', 0), undefined);
    // Two edits away needs ten times as many: two real authors with close names stay apart.
    assert.strictEqual(misspeltAuthor(workspace('Klepmand', 2, 12), 'Klepmand', 'typo-0.md', 0), undefined);
  });

  it('takes no other name for a typo: a different first letter, or two letters changed in a short name (a swap is one slip)', () => {
    const { index } = memoryWorkspace({ 'a.md': '📙 Karwin [7]\n📙 Mertil [8]\n📙 Kleppmnan [9]\n📙 Conerry [10]\n📙 Cnoery [11]\n\n📚\n* Martin clean code\n* Kleppmann data\n* Conery imposter' });
    // Two neighbouring letters swapped are one slip, not two.
    assert.deepStrictEqual(checkNote(index, 'a.md').map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.fix?.label}`), ['3 Kleppmann', '4 Conery', '5 Conery']);
  });

  it('hints at a name used nowhere else near one its note lists, but not at two one-off names near each other', () => {
    const { index } = memoryWorkspace({ 'a.md': '📙 Vamick [1]\n📙 Wamick [2]\n📙 Kleppman [3]\n\n📚\n* Kleppmann data' });
    assert.deepStrictEqual(checkNote(index, 'a.md').map((diagnostic) => diagnostic.fix?.label), ['Kleppmann']);
  });

  it('takes a name used nowhere else for a typo of one used elsewhere only when that one is used five times as often', () => {
    // Two real authors a letter apart are as likely as a slip on a name typed once or twice; a slip
    // on a name typed often is likelier (every typo of the real collection is of an author cited 17
    // to 112 times).
    const elsewhere = (times: number) => Array.from({ length: times }, (_, at) => `📙 Meilova [${at + 1}]`).join('\n');
    const hints = (times: number) => checkNote(memoryWorkspace({ 'a.md': '📙 Mailova [1]', 'b.md': elsewhere(times), 'list.md': '📚\n* Meilova stones' }).index, 'a.md').map((diagnostic) => diagnostic.fix?.label);
    assert.deepStrictEqual(hints(0), [], 'listed once elsewhere');
    assert.deepStrictEqual(hints(3), [], 'four times elsewhere');
    assert.deepStrictEqual(hints(4), ['Meilova'], 'five times elsewhere');
  });

  it('takes a name written two or three times for a typo of one its note also writes and used more often', () => {
    const { index } = memoryWorkspace({
      'n.md': '📙 Drommann [1]\n📙 Dqommann [2]\n📙 Dqommann [3]',
      'b.md': '📙 Drommann [4]\n📙 Drommann [5]',
      'c.md': '📙 Dqommann [6]\n📙 Drommann [7]',
    });
    const hints = checkNote(index, 'n.md');
    assert.deepStrictEqual(hints.map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.fix?.label}`), ['2 Drommann', '3 Drommann']);
    // It says why, and shows the note's own Drommann.
    assert.match(hints[0].message, /this note also writes 'Drommann'/);
    assert.deepStrictEqual(hints[0].fix?.target, { path: 'n.md', line: 0 });
    // Elsewhere the ratio decides, as before: 4 against 3 is no typo there.
    assert.deepStrictEqual(checkNote(memoryWorkspace({ 'a.md': '📙 Dqommann [2]\n📙 Dqommann [3]', 'b.md': '📙 Drommann [4]\n📙 Drommann [5]\n📙 Drommann [6]' }).index, 'a.md'), []);
  });

  it('offers for a one-off name the author its nearest name misspells, not that typo (the writer would be sent round again)', () => {
    const index = workspace('Kleppman', 2, 12);
    const once = memoryWorkspace({ ...Object.fromEntries(index.notePaths().map((path) => [path, index.getNote(path)!.readText()!])), 'once.md': '📙 Kleppmna [1]' }).index;
    assert.deepStrictEqual(checkNote(once, 'typo-0.md').map((diagnostic) => diagnostic.fix?.label), ['Kleppmann']);
    assert.deepStrictEqual(checkNote(once, 'once.md').map((diagnostic) => diagnostic.fix?.label), ['Kleppmann']);
  });

  it('asks nothing when the name it would offer, written there, reads as another (a particle joins the next word)', () => {
    const files: Record<string, string> = { 'b.md': '📙 Van ken [1]\n📙 Van ken [2]', 'c.md': '📙 VVan Aken [3]' };
    for (let index = 0; index < 12; index++) files[`right-${index}.md`] = `📙 Van Aken [${index + 1}]`;
    const { index } = memoryWorkspace(files);
    assert.deepStrictEqual(checkNote(index, 'c.md').map((diagnostic) => diagnostic.fix?.label), []);
  });
});

describe('📙 completion (issue 11, Build 3)', () => {
  const complete = (index: WorkspaceIndex, path: string, text: string, typed = '') => {
    const line = text.split('\n').length - 1;
    const lineText = `${text.split('\n')[line]}${typed}`;
    return computeCompletion(index, path, lineText, { line, character: lineText.length }).items;
  };

  it('offers one item per author and one per book, writing the title the citations use and selecting the page', () => {
    const note = '📚\n* Chang knife skills\n* Chang noodle basics\n* McGee on food and cooking\n\n# 🔪 KNIVES\n\n📙 McGee on food [3]\n📙 ';
    const { index } = memoryWorkspace({ 'a.md': note });
    const items = complete(index, 'a.md', note);
    assert.deepStrictEqual(items.map((item) => item.label).sort(), ['Chang', 'Chang knife skills', 'Chang noodle basics', 'McGee', 'McGee on food'].sort());
    assert.strictEqual(items.find((item) => item.label === 'McGee on food')!.insertText, 'McGee on food [${1:page}]');
    assert.ok(items.every((item) => item.snippet && item.insertText.endsWith(' [${1:page}]')));
  });

  it('ranks the authors of the section first, nearest first, then the rest of the note, then the workspace', () => {
    const note = '# ⛩️\n\n# 🔪 KNIVES\n\n📙 Lopez [1]\n📙 Chang [2]\n\n# 🍞 BREAD\n\n📙 McGee [3]\n📙 Hale [4]\n📙 ';
    const { index } = memoryWorkspace({ 'kitchen/a.md': note, 'kitchen/b.md': '📙 Osborn [1]\n📙 Osborn [2]', 'garden/c.md': '📙 Brandt [1]\n📙 Brandt [2]\n📙 Brandt [3]' });
    const authors = complete(index, 'kitchen/a.md', note).filter((item) => !item.bookTitle).map((item) => item.label);
    assert.deepStrictEqual(authors.slice(0, 2), ['Hale', 'McGee']);
    assert.deepStrictEqual(authors.slice(2, 4).sort(), ['Chang', 'Lopez']);
    assert.deepStrictEqual(authors.slice(4), ['Osborn', 'Brandt'], 'the same folder before a more cited author elsewhere');
  });

  it('can be made in steps, one author at a time, to the same list', () => {
    const note = '# ⛩️\n\n📙 Lopez [1]\n📙 Chang [2]\n📙 McGee [3]\n📙 ';
    /** Runs completion step by step: how many times it paused, and whether it ends with the list made in one go. */
    const inSteps = (index: WorkspaceIndex, line: string, position: { line: number; character: number }) => {
      const steps = completionSteps(index, 'a.md', line, position);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      assert.deepStrictEqual(step.value, computeCompletion(index, 'a.md', line, position));
      return pauses;
    };
    assert.strictEqual(inSteps(memoryWorkspace({ 'a.md': note }).index, '📙 ', { line: 5, character: 3 }), 3, 'a pause after each author');
    // A 📚 list's new entry too: each author's books are read once, between other messages.
    assert.strictEqual(inSteps(memoryWorkspace({ 'a.md': `${note}\n\n📚\n* ` }).index, '* ', { line: 8, character: 2 }), 3, 'a pause after each author');
  });

  it('takes the section as the text under the nearest heading: a sub-section below is a topic of its own', () => {
    const note = ['# ⛩️', '', '# 🔪 KNIVES', '', '📙 Lopez [1]', '', 'Some words about knives.', '', 'More words.', '', '📙 ', '## sharpening', '📙 Okafor [3]'].join('\n');
    const { index } = memoryWorkspace({ 'a.md': note });
    const authorsAt = (line: number) => computeCompletion(index, 'a.md', '📙 ', { line, character: 3 }).items.filter((item) => !item.bookTitle).map((item) => `${item.label}: ${item.detail}`);
    assert.deepStrictEqual(authorsAt(10), ['Lopez: cited 1× · in this section', 'Okafor: cited 1× · in this note'], 'Okafor is two lines away, but under another heading');
  });

  it('puts the authors cited under the same ALL-CAPS label first within the section, then the section by distance', () => {
    const note = [
      '# ⛩️', '', '# 🔪 KNIVES', '',
      'HONING', '* on a rod 📙 Conery [270]', '* angle 📙 Adams [3]',
      'STORAGE', '* ', '* wood', '* a magnetic strip 📙 Lopez [96]', '* in a block 📙 Chang [2]',
      '', '## sharpening', '* 📙 Sato [1]',
    ].join('\n');
    const { index } = memoryWorkspace({ 'a.md': note });
    const authorsAt = (path: string, line: number) => computeCompletion(index, path, '* 📙 ', { line, character: 5 }).items.filter((item) => !item.bookTitle).map((item) => item.label);
    // Adams is as near as Lopez (one citation line, two lines), but under HONING, not STORAGE.
    assert.deepStrictEqual(authorsAt('a.md', 8), ['Lopez', 'Chang', 'Adams', 'Conery', 'Sato']);
    const details = computeCompletion(index, 'a.md', '* 📙 ', { line: 8, character: 5 }).items.filter((item) => !item.bookTitle).map((item) => `${item.label}: ${item.detail}`);
    assert.deepStrictEqual(details.slice(0, 3), ['Lopez: cited 1× · under STORAGE', 'Chang: cited 1× · under STORAGE', 'Adams: cited 1× · in this section']);
    const honing = ['# ⛩️', '', '# 🔪 KNIVES', 'HONING', '* on a rod 📙 Conery [270]', '* wood', '* ', 'STORAGE', '* a strip 📙 Adams [96]'].join('\n');
    const { index: second } = memoryWorkspace({ 'b.md': honing });
    assert.deepStrictEqual(computeCompletion(second, 'b.md', '* 📙 ', { line: 6, character: 5 }).items.filter((item) => !item.bookTitle).map((item) => item.label), ['Conery', 'Adams'], 'Adams is as near, but under the next label');
  });

  it('puts first, within its tier, the author cited on a line that shares two topic words with the one being written', () => {
    // A writer alternating between two sources under one label: the nearest citation is Lopez's,
    // but the words before the 📙 are those of the line that cited Chang.
    const note = [
      '# ⛩️', '', 'STORAGE',
      '* a block keeps the edge 📙 Chang [2]',
      '* a magnetic strip 📙 Lopez [96]',
      '* block edge',
    ].join('\n');
    const { index } = memoryWorkspace({ 'a.md': note });
    const at = (line: string) => computeCompletion(index, 'a.md', `${line} 📙 `, { line: 5, character: line.length + 4 }).items.filter((item) => !item.bookTitle).map((item) => `${item.label}: ${item.detail}`);
    assert.deepStrictEqual(at('* block edge'), ['Chang: beside “block edge” · cited 1× · under STORAGE', 'Lopez: cited 1× · under STORAGE']);
    assert.deepStrictEqual(at('* the edge'), ['Lopez: cited 1× · under STORAGE', 'Chang: cited 1× · under STORAGE'], 'one word in common (and "the") is chance');
    assert.deepStrictEqual(at('* a magnetic block edge'), ['Chang: beside “block edge” · cited 1× · under STORAGE', 'Lopez: cited 1× · under STORAGE'], 'two words against one');
    // The same words pasted with a curly apostrophe and decomposed accents.
    const pasted = ['# ⛩️', '', 'STORAGE', '* the chef’s cre\u0300me knife 📙 Chang [2]', '* a magnetic strip 📙 Lopez [96]', "* chef's crème"].join('\n');
    const { index: third } = memoryWorkspace({ 'c.md': pasted });
    const typed = "* chef's crème 📙 ";
    assert.deepStrictEqual(computeCompletion(third, 'c.md', typed, { line: 5, character: typed.length }).items.filter((item) => !item.bookTitle).map((item) => item.label), ['Chang', 'Lopez']);
    // The label comes first: an author cited under another label, on a line of the same words, does not jump it.
    const two = ['# ⛩️', '', 'HONING', '* block edge 📙 Chang [2]', 'STORAGE', '* a strip 📙 Lopez [96]', '* block edge'].join('\n');
    const { index: second } = memoryWorkspace({ 'b.md': two });
    assert.deepStrictEqual(computeCompletion(second, 'b.md', '* block edge 📙 ', { line: 6, character: 16 }).items.filter((item) => !item.bookTitle).map((item) => item.label), ['Lopez', 'Chang']);
  });

  it('keeps the book: the one this note cites comes first for an author with several', () => {
    const note = '📚\n* Chang knife skills\n* Chang noodle basics\n\n📙 Chang noodle basics [3]\n\n📙 ';
    const { index } = memoryWorkspace({ 'a.md': note, 'b.md': '📙 Chang knife skills [1]\n📙 Chang knife [2]\n📙 Chang skills [5]' });
    assert.deepStrictEqual(complete(index, 'a.md', note).map((item) => item.label).slice(0, 2), ['Chang noodle basics', 'Chang']);
  });

  it('puts the book this note cites most before the one its nearest citation names, title first when the nearest wrote one', () => {
    const note = '📚\n* Chang knife skills\n* Chang noodle basics\n\n📙 Chang knife skills [3]\n📙 Chang knife skills [9]\n📙 Chang knife [12]\n\n📙 Chang noodle basics [40]\n📙 ';
    const { index } = memoryWorkspace({ 'a.md': note });
    assert.deepStrictEqual(complete(index, 'a.md', note).map((item) => item.label).slice(0, 3), ['Chang knife skills', 'Chang', 'Chang noodle basics']);
  });

  it('writes an author this note does not cite yet the way most of their citations elsewhere do, with the title or without', () => {
    // Jeffrey is cited by the title every time; Kleppmann by the name alone (each has one book).
    const { index } = memoryWorkspace({
      'a.md': '📚\n* Jeffrey distributed services\n* Kleppmann data-intensive\n\n📙 Jeffrey distributed [3]\n📙 Jeffrey distributed [9]\n📙 Kleppmann [4]\n📙 Kleppmann [5]\n📙 Kleppmann data-intensive [6]',
      'b.md': '📚\n* Jeffrey distributed services\n* Kleppmann data-intensive\n\n📙 ',
    });
    const labels = complete(index, 'b.md', index.getNote('b.md')!.readText()!).map((item) => item.label);
    const order = (author: string) => labels.filter((label) => label.startsWith(author));
    assert.deepStrictEqual(order('Jeffrey'), ['Jeffrey distributed', 'Jeffrey']);
    assert.deepStrictEqual(order('Kleppmann'), ['Kleppmann', 'Kleppmann data-intensive']);
    // A citation of theirs in this note says more: its form comes first.
    const here = '📚\n* Jeffrey distributed services\n\n📙 Jeffrey [1]\n📙 ';
    const withHere = memoryWorkspace({ 'a.md': '📙 Jeffrey distributed [3]\n📙 Jeffrey distributed [9]', 'c.md': here }).index;
    assert.deepStrictEqual(complete(withHere, 'c.md', here).map((item) => item.label).filter((label) => label.startsWith('Jeffrey')), ['Jeffrey', 'Jeffrey distributed']);
  });

  it('ranks a 📚 entry\'s books by this note\'s citations, then by the lists and citations of its top folder', () => {
    const { index } = memoryWorkspace({
      'wood/joinery.md': '📚\n* \n\n📙 Chang knife skills [1]',
      'wood/finish.md': '📚\n* Sato wood at work\n* Okafor glue',
      'wood/species.md': '📚\n* Sato wood at work\n\n📙 Okafor glue [3]',
      'food/koji.md': '📚\n* McGee on food\n\n📙 McGee on food [1]\n📙 McGee on food [2]\n📙 McGee on food [3]',
    });
    const labels = computeCompletion(index, 'wood/joinery.md', '* ', { line: 1, character: 2 }).items.map((item) => item.label);
    assert.deepStrictEqual(labels, ['Chang knife skills', 'Sato wood at work', 'Okafor glue', 'McGee on food']);
  });

  it('offers the titles of the author just written, the book this note cites first, and writes the title and the page', () => {
    const { index } = memoryWorkspace({
      'kitchen/knives.md': '📚\n* Chang knife skills\n* Chang noodle basics\n\n📙 Chang noodles [4]\n📙 Chang noodles [5]\n📙 Van Aken joinery [2]\n',
      'kitchen/care.md': '📙 Chang knife skills [3]\n📙 Chang skills [4]\n📙 Chang skills [9]',
    });
    const titles = (line: string) => computeCompletion(index, 'kitchen/knives.md', line, { line: 7, character: line.length }).items.map((item) => `${item.label} → ${item.insertText} @${item.range.start.character}`);
    // Each title as this collection's citations write it (`noodles` for noodle basics).
    assert.deepStrictEqual(titles('📙 Chang '), ['noodles → noodles [${1:page}] @9', 'knife skills → knife skills [${1:page}] @9']);
    assert.deepStrictEqual(titles('see 📙 Chang noo'), ['noodles → noodles [${1:page}] @13', 'knife skills → knife skills [${1:page}] @13']);
    assert.deepStrictEqual(titles('📙 Van Aken jo'), ['joinery → joinery [${1:page}] @12']);
    // A page written, another item begun after it, or no author yet: not a title.
    for (const line of ['📙 Chang [12] ', '📙 Chang 12 ', '📙 chang ', '📙 ']) assert.ok(titles(line).every((item) => !item.startsWith('noodles')), line);
  });

  it('finds the 📙 item being written as the pattern it replaces does, in time linear in the line', () => {
    const pattern = /\u{1F4D9}\uFE0F*[ \t]+(?:.*\][ \t]+)?([\p{L}/.'-]*)$/u;
    const piece = fc.constantFrom('📙', '\uFE0F', ' ', '\t', ']', '[', 'A', 'é', 'b', '.', '-', '1', 'x', '𝒜', '🗄');
    fc.assert(fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
      const before = pieces.join('');
      const match = pattern.exec(before);
      assert.deepStrictEqual(authorBeingWritten(before), match ? { typed: match[1], marker: match.index } : undefined, JSON.stringify(before));
    }), { numRuns: 20000, seed: 17 });
    // A pasted line of 20,000 📙: the pattern took seconds here.
    const pasted = '📙 A '.repeat(20000);
    assert.deepStrictEqual(authorBeingWritten(pasted), undefined);
    assert.deepStrictEqual(authorBeingWritten(`${pasted}📙 [3] Ch`), { typed: 'Ch', marker: 0 });
  });

  it('offers no book whose title would not read as one where it goes, and nothing after a 📙 in a code fence or a heading', () => {
    // `AI` before a page is an author of its own once known (Osborn cites it so), and the book is lost.
    const { index } = memoryWorkspace({
      'a.md': '📚\n* McGee AI\n* McGee on food\n\n📙 McGee AI [4]\n📙 McGee AI [5]\n\n📙 \n```sh\n# 📙 \n```\n## knives 📙 ',
      'b.md': '📙 AI [3]\n📙 AI [9]\n📙 Osborn AI ch. 2',
    });
    const labels = (line: number, text: string) => computeCompletion(index, 'a.md', text, { line, character: text.length }).items.map((item) => item.label);
    assert.deepStrictEqual(labels(7, '📙 ').filter((label) => label.startsWith('McGee')), ['McGee', 'McGee on food']);
    assert.deepStrictEqual(labels(7, '📙 McGee '), ['on food']);
    assert.deepStrictEqual(labels(9, '# 📙 '), [], 'a comment in a shell fence');
    assert.deepStrictEqual(labels(11, '## knives 📙 '), [], 'a heading holds no citation');
    assert.ok(labels(7, '📙 ').includes('McGee'), 'the same 📙 in prose');
  });

  it('offers an author after a page only where a new item can start: not once a 🗄, a `;` or a `+` has ended the items', () => {
    const { index } = memoryWorkspace({ 'a.md': '📚\n* McGee on food\n\n📙 McGee [3]\n📙 ' });
    const labels = (text: string) => computeCompletion(index, 'a.md', text, { line: 4, character: text.length }).items.map((item) => item.label);
    assert.ok(labels('📙 Chang [12] Mc').includes('McGee'), 'a second item');
    assert.deepStrictEqual(labels('📙 🗄 ibid 9.59] Mc'), [], 'after a 🗄 the line is a link');
    assert.deepStrictEqual(labels('📙 Chang [12]; see [3] Mc'), [], 'after a `;`');
    assert.deepStrictEqual(labels('📙 Chang [12] + honing [3] Mc'), [], 'after a `+`');
    assert.deepStrictEqual(labels('📙 Chang [12] — a fine read [3] Mc'), [], 'after an em dash and prose');
  });

  it('completes a 📚 entry: the books this note cites and does not list first, then authors with no book to name; then titles', () => {
    const { index } = memoryWorkspace({
      'kitchen/knives.md': '📚\n* Chang knife skills\n* \n\n📙 Chang noodle basics [4]\n📙 Osborn [2]\n📙 Osborn [3]\n📙 Chang knife skills [5]',
      'food/koji.md': '📚\n* Chang noodle basics\n* ✅ Lopez food lab\n\n📙 Lopez food lab [1]\n📙 Lopez [2]\n📙 Lopez [3]',
    });
    const at = (line: number, text: string) => computeCompletion(index, 'kitchen/knives.md', text, { line, character: text.length }).items;
    const labels = (line: number, text: string) => at(line, text).map((item) => `${item.label}${item.snippet ? ' (snippet)' : ''}`);
    // Chang's book this note cites and does not list; Lopez's, cited and listed elsewhere; then Osborn, who has no book.
    assert.deepStrictEqual(labels(2, '* '), ['Chang noodle basics', 'Lopez food lab', 'Osborn']);
    assert.deepStrictEqual(labels(2, '* ✅ Lo'), ['Lopez food lab']);
    // A title word typed finds the book by it; an author none of whose items match is passed over.
    assert.deepStrictEqual(labels(2, '* noo'), ['Chang noodle basics']);
    assert.deepStrictEqual(labels(2, '* lab'), ['Lopez food lab']);
    assert.deepStrictEqual(at(2, '* Chang ').map((item) => `${item.label} → ${item.insertText} @${item.range.start.character}`), ['noodle basics → noodle basics @8']);
    // Outside a 📚 list, a bullet is only a bullet.
    assert.deepStrictEqual(computeCompletion(index, 'kitchen/knives.md', '* ', { line: 5, character: 2 }).items, []);
  });

  it('offers in a section\'s 📚 list the books the note\'s other lists name, the section\'s own citations first, never one this list names', () => {
    // A writer repeats the note's first list in a section's list, and lists what the section cites.
    const note = '📚\n* Chang knife skills\n* Okafor stone atlas\n\n# 🔪 HONING\n📚\n* Sato wood at work\n* \n\n📙 Okafor stone atlas [3]\n📙 Sato wood at work [4]\n\n# 🍳 PANS\n📙 Chang knife skills [5]\n📙 Chang knife skills [6]';
    const { index } = memoryWorkspace({ 'kitchen/a.md': note, 'food/b.md': '📚\n* Lopez food lab\n\n📙 Lopez food lab [1]' });
    const items = computeCompletion(index, 'kitchen/a.md', '* ', { line: 7, character: 2 }).items;
    assert.deepStrictEqual(items.map((item) => item.label), ['Okafor stone atlas', 'Chang knife skills', 'Lopez food lab']);
    assert.strictEqual(items[0].detail, "1× in this section · in this note's 📚");
    // The first list offers what it does not name yet: the section's list's book first, then a book the note only cites.
    index.setNoteText('kitchen/a.md', note.replace('* Okafor stone atlas', '* '));
    assert.deepStrictEqual(computeCompletion(index, 'kitchen/a.md', '* ', { line: 2, character: 2 }).items.map((item) => item.label), ['Sato wood at work', 'Okafor stone atlas', 'Lopez food lab']);
  });

  it('offers first, in a 📚 list kept in alphabetical order of its authors, the books whose author goes where the cursor is', () => {
    // Zed's book is cited most; Fowler's goes between Chang and Lopez, where the new entry is.
    const cited = '📙 Zed pasta [1]\n📙 Zed pasta [2]\n📙 Zed pasta [3]\n📙 Fowler refactoring [4]';
    const sorted = '📚\n* Adams hearth\n* Chang knife skills\n* \n* Lopez food lab\n* Okafor stone atlas';
    const { index } = memoryWorkspace({ 'a.md': `${sorted}\n\n${cited}` });
    const offered = (file: string) => computeCompletion(index, file, '* ', { line: 3, character: 2 }).items.map((item) => item.label);
    assert.deepStrictEqual(offered('a.md').slice(0, 2), ['Fowler refactoring', 'Zed pasta']);
    assert.strictEqual(computeCompletion(index, 'a.md', '* ', { line: 3, character: 2 }).items[0].detail, "between Chang and Lopez in the list's order · 1× in this note");
    // At the end of the list, after Okafor: Zed's.
    index.setNoteText('a.md', `${sorted.replace('* \n', '')}\n* \n\n${cited}`);
    assert.deepStrictEqual(computeCompletion(index, 'a.md', '* ', { line: 5, character: 2 }).items.map((item) => item.label).slice(0, 2), ['Zed pasta', 'Fowler refactoring']);
    // A list in no such order says nothing: the most cited first.
    index.setNoteText('b.md', `${sorted.replace('* Adams hearth', '* Paz hearth')}\n\n${cited}`);
    assert.deepStrictEqual(offered('b.md').slice(0, 2), ['Zed pasta', 'Fowler refactoring']);
    // Nor does a list of two authors.
    index.setNoteText('c.md', `📚\n* Chang knife skills\n* \n* Lopez food lab\n\n${cited}`);
    assert.deepStrictEqual(computeCompletion(index, 'c.md', '* ', { line: 2, character: 2 }).items.map((item) => item.label).slice(0, 2), ['Zed pasta', 'Fowler refactoring']);
  });

  it('reads no title from the line being written: the half-typed title is not a book, and is not how the book is cited', () => {
    const note = '📚\n* Chang knife skills\n\n📙 Chang knife [3]\n📙 Chang kn';
    const { index } = memoryWorkspace({ 'a.md': note });
    const titles = computeCompletion(index, 'a.md', '📙 Chang kn', { line: 4, character: 11 }).items.map((item) => `${item.label} → ${item.insertText}`);
    assert.deepStrictEqual(titles, ['knife → knife [${1:page}]']);
  });

  it('keeps the facts made without the line being written until the author changes, and for that line only', () => {
    const { index } = memoryWorkspace({ 'a.md': '📚\n* Chang knife skills\n\n📙 Chang ramen [4]\n📙 Chang ' });
    const titles = (line: number) => computeCompletion(index, 'a.md', '📙 Chang ', { line, character: 9 }).items.map((item) => item.label);
    assert.deepStrictEqual(titles(4), ['ramen', 'knife skills']);
    assert.deepStrictEqual(titles(4), ['ramen', 'knife skills']);
    // On the line above, what that line writes does not count: no `ramen`.
    assert.deepStrictEqual(titles(3), ['knife skills']);
    assert.deepStrictEqual(titles(4), ['ramen', 'knife skills']);
    // Another note cites another title of Chang's: asked again on the same line, it is offered.
    index.setNoteText('b.md', '📙 Chang noodle basics [1]');
    assert.deepStrictEqual(titles(4), ['ramen', 'knife skills', 'noodle basics']);
  });

  it('moves an author\'s facts when lines come or go above their citations and entries, as they would be made afresh', () => {
    const texts = { 'a.md': '📚\n* Chang knife skills\n\n📙 Chang knife [3]\n📙 Chang noodle basics [4] Lopez [2]', 'b.md': '📙 Chang noodle basics [1]' };
    const { index } = memoryWorkspace(texts);
    const fresh = (a: string) => JSON.stringify(authorFacts(memoryWorkspace({ ...texts, 'a.md': a }).index, 'Chang'));
    const before = authorFacts(index, 'Chang');
    const moved = `# ⛩️\n\n${texts['a.md'].replace('\n\n📙', '\n\nsome words\n\n📙')}`;
    index.setNoteText('a.md', moved);
    const after = authorFacts(index, 'Chang');
    assert.strictEqual(after, before, 'moved, not made again');
    assert.strictEqual(JSON.stringify(after), fresh(moved));
    // Lines taken away again, then a title changed: the second is made again.
    index.setNoteText('a.md', texts['a.md']);
    assert.strictEqual(JSON.stringify(authorFacts(index, 'Chang')), fresh(texts['a.md']));
    const retitled = texts['a.md'].replace('knife [3]', 'skills [3]');
    index.setNoteText('a.md', retitled);
    assert.notStrictEqual(authorFacts(index, 'Chang'), before);
    assert.strictEqual(JSON.stringify(authorFacts(index, 'Chang')), fresh(retitled));
  });

  it('completes the title of an entry whose author is written, when the author has one book: the entry being typed is not a listing of it', () => {
    const { index } = memoryWorkspace({ 'a.md': '📚\n* Osei\n', 'b.md': '📚\n* Osei stones of the north\n\n📙 Osei stones [2]' });
    assert.deepStrictEqual(computeCompletion(index, 'a.md', '* Osei', { line: 1, character: 6 }).items.map((item) => item.label), ['Osei stones of the north']);
    index.setNoteText('a.md', '📚\n* Osei \n');
    assert.deepStrictEqual(computeCompletion(index, 'a.md', '* Osei ', { line: 1, character: 7 }).items.map((item) => item.label), ['stones of the north']);
    // Listed in this very list on another line: nothing to add.
    index.setNoteText('a.md', '📚\n* Osei stones of the north\n* Osei \n');
    assert.deepStrictEqual(computeCompletion(index, 'a.md', '* Osei ', { line: 2, character: 7 }).items.map((item) => item.label), []);
  });

  it('filters on the surname, a particle or a title word, and never offers a typo or a commentary word', () => {
    const note = '📚\n* Van Aken hand tools\n* Chang knife skills\n\n📙 Chang [1] Sakai stones are best\n📙 Chang [2]\n📙 Chnag [3]\n📙 ';
    const { index } = memoryWorkspace({ 'a.md': note, 'b.md': '📙 Chang [4]\n📙 Chang [5]\n📙 Chang [6]\n📙 Chang [7]\n📙 Chang [8]\n📙 Chang [9]\n📙 Chang [10]\n📙 Chang [11]' });
    const labels = (typed: string) => complete(index, 'a.md', note, typed).map((item) => item.label);
    assert.deepStrictEqual(labels('Ak'), ['Van Aken', 'Van Aken hand tools']);
    assert.deepStrictEqual(labels('sk'), ['Chang knife skills']);
    assert.ok(!labels('').some((label) => /^(Chnag|Sakai)/.test(label)), labels('').join(', '));
  });
});

describe('hover on a 📙 citation (issue 11, Build 6)', () => {
  const hover = (index: WorkspaceIndex, path: string, line: number, character: number) => computeHover(index, path, { line, character }, { rootAliases: [] })!.markdown;

  it('shows the book, the notes that list it, its marks and how often it is cited', () => {
    const { index } = memoryWorkspace({
      'kitchen/knives.md': '📚\n* ✅ Chang knife skills https://example.org/chang\n* Chang noodle basics\n\n📙 Chang knife [3]',
      'food/koji.md': '📚\n* Chang knife skills\n\n📙 Chang skills [4]',
    });
    const text = hover(index, 'kitchen/knives.md', 4, 4);
    assert.match(text, /📙 \*\*Chang\*\* · \*knife skills\* ✅/);
    assert.match(text, /listed in food\/koji\.md:2, kitchen\/knives\.md:2/);
    assert.match(text, /https:\/\/example\.org\/chang/);
    assert.match(text, /This book: cited 2× in 2 notes \(food\/koji\.md, kitchen\/knives\.md\) · Chang: 2 citations, 2 books/);
  });

  it('says which books a citation could mean when it names none, and when no list names the author', () => {
    const { index } = memoryWorkspace({ 'a.md': '📚\n* Chang knife skills\n* Chang noodle basics\n\n📙 Chang [3]\n📙 Osborn [4]' });
    assert.match(hover(index, 'a.md', 4, 4), /which book\?[\s\S]*- \*knife skills\*: cited 0×\n- \*noodle basics\*: cited 0×/);
    assert.match(hover(index, 'a.md', 5, 4), /\*\*Osborn\*\*: in no 📚 list of this workspace\n\nCited 1× in 1 note \(a\.md\)/);
  });
});

describe('an author written decomposed (`u` and a combining diaeresis, as PDFs and macOS give it)', () => {
  const decomposed = 'Mu\u0308ller';
  const notes = {
    'bread.md': `📚\n* ⭐️ M\u00fcller bread science\n\n📙 M\u00fcller bread [12]\n📙 M\u00fcller [13]\n📙 M\u00fcller [14]`,
    'crumb.md': `pasted 📙 ${decomposed} bread [44]\n📙 \n🗄️ ${decomposed} bread science`,
  };

  it('is the author typed composed: one author in the Books view, one completion item, their books', () => {
    const { index } = memoryWorkspace(notes);
    const overview = computeBooks(index);
    assert.deepStrictEqual(overview.listed.map((author) => [author.author, author.citationCount]), [['M\u00fcller', 4]]);
    assert.deepStrictEqual(overview.unlisted, [], 'no second Müller, cited and never listed');
    assert.deepStrictEqual(renderBooks(index, decomposed), ['bread science: listed bread.md:2 · cited bread.md:4 bread.md:5 bread.md:6 crumb.md:1']);
    const labels = computeCompletion(index, 'crumb.md', '📙 ', { line: 1, character: 3 }).items.map((item) => item.label);
    assert.deepStrictEqual(labels.filter((label) => /ller/.test(label)), ['M\u00fcller bread', 'M\u00fcller']);
    assert.strictEqual(misspeltAuthor(index, decomposed, 'crumb.md', 0), undefined);
  });

  it('leads a 🗄 link written decomposed to the 📚 entry, and renames with the author', () => {
    const { index } = memoryWorkspace(notes);
    assert.deepStrictEqual(findDefinition(index, 'crumb.md', { line: 2, character: 5 }, { rootAliases: [] }).map((target) => `${target.path}:${target.line + 1}`), ['bread.md:2']);
    const target = prepareAuthorRename(index, 'crumb.md', { line: 0, character: 11 })!;
    const edits = computeAuthorRename(index, target, 'Mueller', { rootAliases: [] });
    assert.deepStrictEqual(edits.map((edit) => `${edit.path}:${edit.range.start.line + 1}:${edit.range.start.character}-${edit.range.end.character}`), [
      'bread.md:2:5-11', 'bread.md:4:3-9', 'bread.md:5:3-9', 'bread.md:6:3-9', 'crumb.md:1:10-17', 'crumb.md:3:4-11',
    ]);
  });
});

describe('an author written with a typographic apostrophe (`O’Neil` pasted from a web page)', () => {
  it('is the author typed `O\'Neil`: one author, no typo hint, links and a rename take both', () => {
    const { index } = memoryWorkspace({
      'a.md': "📚\n* ⭐️ O'Neil weapons of math\n\n📙 O'Neil weapons [10]\n📙 O'Neil [11]\n📙 O'Neil [12]",
      'b.md': 'pasted 📙 O’Neil weapons [44]\n🗄️ O’Neil weapons of math',
    });
    const overview = computeBooks(index);
    assert.deepStrictEqual([overview.listed.map((author) => [author.author, author.citationCount]), overview.unlisted], [[["O'Neil", 4]], []]);
    // Their book, read from the notes' compact form: the pasted citation is one of its four.
    assert.deepStrictEqual(overview.listed[0].books.map((book) => [book.label, book.citationCount]), [['weapons of math', 4]]);
    assert.deepStrictEqual(bookPlaces(index, 'O’Neil', overview.listed[0].books[0].key)?.citations.map((place) => `${place.path}:${place.line + 1}`), ['a.md:4', 'a.md:5', 'a.md:6', 'b.md:1']);
    assert.strictEqual(misspeltAuthor(index, 'O’Neil', 'b.md', 0), undefined);
    assert.deepStrictEqual(findDefinition(index, 'b.md', { line: 1, character: 5 }, { rootAliases: [] }).map((target) => `${target.path}:${target.line + 1}`), ['a.md:2']);
    const edits = computeAuthorRename(index, prepareAuthorRename(index, 'b.md', { line: 0, character: 12 })!, "O'Neill", { rootAliases: [] });
    assert.deepStrictEqual(edits.map((edit) => `${edit.path}:${edit.range.start.line + 1}:${edit.range.start.character}-${edit.range.end.character}`), [
      'a.md:2:5-11', 'a.md:4:3-9', 'a.md:5:3-9', 'a.md:6:3-9', 'b.md:1:10-16', 'b.md:2:4-10',
    ]);
  });
});

describe('go to definition on a 📙 citation', () => {
  const targets = (index: WorkspaceIndex, path: string, line: number, character: number) =>
    findDefinition(index, path, { line, character }, { rootAliases: [] }).map((target) => `${target.path}:${target.line + 1}`);

  it('leads to the entries of the book the citation means, in every note that lists it', () => {
    const { index } = memoryWorkspace({
      'kitchen/knives.md': '📚\n* Chang knife skills\n* Chang noodle basics\n\n📙 Chang knife [3]\n📙 Chang noodles [9]',
      'food/koji.md': '📚\n* Chang knife skills https://example.org/chang',
    });
    assert.deepStrictEqual(targets(index, 'kitchen/knives.md', 4, 4), ['food/koji.md:2', 'kitchen/knives.md:2']);
    assert.deepStrictEqual(targets(index, 'kitchen/knives.md', 5, 4), ['kitchen/knives.md:3']);
  });

  it('leads to every entry of the author when the citation names no book of theirs', () => {
    const { index } = memoryWorkspace({ 'a.md': '📚\n* Chang knife skills\n* Chang noodle basics\n\n📙 Chang [3]\n📙 Osborn [4]' });
    assert.deepStrictEqual(targets(index, 'a.md', 4, 4), ['a.md:2', 'a.md:3']);
    assert.deepStrictEqual(targets(index, 'a.md', 5, 4), []);
  });
});

describe('naming the book of a citation that names none', () => {
  const notes = {
    'kitchen/cookware.md': '📚\n* Halvorsen iron and fire\n\n📙 Halvorsen iron [33]\n📙 Halvorsen [35] Japanese tetsubin too\n📙 Lopez [2]',
    'food/flour.md': '📚\n* Halvorsen rustic bread\n\n📙 Halvorsen bread [4]\n📙 Halvorsen bread [5]',
  };
  const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

  it("offers each of the author's books, the one this note cites first, and the citation named so then means it", () => {
    const { index, files } = memoryWorkspace(notes);
    const namings = bookNamings(index, 'kitchen/cookware.md', at(4, 5));
    assert.deepStrictEqual(namings.map((naming) => naming.title), ['Name the book: Halvorsen iron (iron and fire)', 'Name the book: Halvorsen bread (rustic bread)']);
    const [line] = namings[1].edits.map((edit) => applyNoteEdits(files.get(edit.path)!, [edit]).split('\n')[4]);
    assert.strictEqual(line, '📙 Halvorsen bread [35] Japanese tetsubin too');
    const after = memoryWorkspace({ ...notes, 'kitchen/cookware.md': applyNoteEdits(files.get('kitchen/cookware.md')!, namings[1].edits) }).index;
    assert.strictEqual(bookOfCitation(after, 'kitchen/cookware.md', after.getNote('kitchen/cookware.md')!.note.citations[1].items[0])?.title, 'rustic bread');
  });

  it('offers nothing for a citation that names its book, an author of one book, or a cursor off the name', () => {
    const { index } = memoryWorkspace(notes);
    assert.deepStrictEqual(bookNamings(index, 'kitchen/cookware.md', at(3, 5)), []);
    assert.deepStrictEqual(bookNamings(index, 'kitchen/cookware.md', at(5, 4)), []);
    assert.deepStrictEqual(bookNamings(index, 'kitchen/cookware.md', at(4, 25)), []);
  });

  it('leaves out a title that would not read as one there: capitals before a page start an item of their own', () => {
    // `📙 McGee AI ch. 4` reads as McGee, then an author AI at chapter 4 (found by property g).
    const { index } = memoryWorkspace({ 'a.md': '📙 McGee AI [3]\n📙 McGee AI [4]\n📙 McGee food lab [5]\n📙 McGee food lab [6]\n📙 McGee vii McGee ch. 4' });
    assert.deepStrictEqual(bookNamings(index, 'a.md', at(4, 14)).map((naming) => naming.title), ['Name the book: McGee food lab']);
  });
});

describe('book catalogs kept across edits', () => {
  it('keeps an author’s catalog while a note is read again with the same citations of them, and answers as a rebuilt index does', () => {
    const files: Record<string, string> = { 'list.md': '📚\n* Chang knife skills\n* Chang noodle basics', 'a.md': '📙 Chang knife [3]\n📙 McGee [4]' };
    const { index } = memoryWorkspace(files);
    const before = index.booksOfAuthor('Chang');
    index.setNoteText('a.md', '📙 Chang knife [3]\n📙 McGee [5] and more');
    assert.strictEqual(index.booksOfAuthor('Chang'), before, 'McGee changed, Chang did not');
    const item = index.getNote('a.md')!.note.citations[0].items[0];
    assert.strictEqual(bookOfCitation(index, 'a.md', item)?.title, 'knife skills', 'found by place, not by object');
    index.setNoteText('a.md', '📙 Chang noodles [3]\n📙 McGee [5] and more');
    assert.notStrictEqual(index.booksOfAuthor('Chang'), before);
    const fresh = memoryWorkspace({ ...files, 'a.md': '📙 Chang noodles [3]\n📙 McGee [5] and more' }).index;
    assert.deepStrictEqual(renderBooks(index, 'Chang'), renderBooks(fresh, 'Chang'));
    index.removeNote('list.md');
    assert.deepStrictEqual(renderBooks(index, 'Chang'), ['noodles: in no list · cited a.md:1']);
  });
});
