/**
 * One name written two ways (differential): a collection whose names carry accents reads the same
 * whether its 🗄 links write them composed (`é`, as typed) or decomposed (`e` and a combining
 * accent, as macOS or a PDF may write them), whether its headings, terms, citations and 📚
 * entries are, and whether its files are named composed or decomposed (as macOS's older file
 * system stores them); and the same with quotes and apostrophes typed straight or curled (`‘’`,
 * as a keyboard or a web page writes them). The truth is the composed, straight collection:
 * each reference leads to the same place with the same verdict and fix, the check says the same,
 * completion offers the same (🗄 names and sections, 📙 authors and books, in order), hovers and
 * the Books view read the same, once both are read in composed form.
 *
 * Inputs: test-fixtures/notes-kb and a 150-note workspace from bench/generate.js, with every `e`
 * written `é` (names, headings, links, prose), so that nearly every name has an accent.
 */

import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { resolveReference, DEFAULT_RESOLVER_OPTIONS } from '../../src/core/features/resolve';
import { checkWorkspace } from '../../src/core/features/check';
import { computeCompletion } from '../../src/core/features/completion';
import { computeHover } from '../../src/core/features/hover';
import { computeBooks } from '../../src/core/features/books';

const REPO = path.resolve(__dirname, '../../../..');

function readFolder(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.md')) files.set(child, fs.readFileSync(path.join(root, child), 'utf8'));
    }
  };
  walk('');
  return files;
}

/**
 * Every `e` as a composed `é`, in names and texts alike; and the cited authors whose name starts
 * with A to H written with an apostrophe after their first letter (`Chang` as `C'hang`, as
 * `O'Neil`), so that the curled variants write authors' names two ways too.
 */
function accented(files: Map<string, string>): Map<string, string> {
  const names = new Set<string>();
  for (const text of files.values()) for (const match of text.matchAll(/📙 ([A-H][a-z]{3,})\b/gu)) names.add(match[1]);
  const apostrophed = (text: string) => (names.size === 0 ? text : text.replace(new RegExp(`\\b(${[...names].join('|')})\\b`, 'g'), (name) => `${name[0]}'${name.slice(1)}`));
  return new Map([...files].map(([file, text]) => [file.replace(/e/g, 'é'), apostrophed(text).replace(/e/g, 'é')]));
}

/** A line that holds 🗄 links: a marker, or an item of a bare 🗄 block. */
const isLinkLine = (line: string) => line.includes('🗄') || /^\s*[*-]\s+`/.test(line);

/** The lines that hold 🗄 links written decomposed, or (`others`) every other line: headings, terms, 📙 and 📚. */
function linesDecomposed(files: Map<string, string>, which: 'links' | 'others'): Map<string, string> {
  return new Map([...files].map(([file, text]) => [file, text.split('\n').map((line) => (isLinkLine(line) === (which === 'links') ? line.normalize('NFD') : line)).join('\n')]));
}

/**
 * The 🗄 link lines, or (`others`) every other line, with typographic quotes and apostrophes, as a
 * keyboard that curls them writes: `'stropping'` as `‘stropping’`, `smith's` as `smith’s`. Note
 * names keep theirs (what is between backticks): `don’t.md` and `don't.md` are two files, and a
 * link to the other one is a dead link with a fix by design.
 */
function linesCurled(files: Map<string, string>, which: 'links' | 'others'): Map<string, string> {
  const curl = (line: string) => line.replace(/`[^`]*`|'/g, (match, at: number) => (match !== "'" ? match : /[\p{L}\p{N}]/u.test(line[at - 1] ?? '') ? '’' : '‘'));
  return new Map([...files].map(([file, text]) => [file, text.split('\n').map((line) => (isLinkLine(line) === (which === 'links') ? curl(line) : line)).join('\n')]));
}

/** File names written decomposed, texts as they are. */
function namesDecomposed(files: Map<string, string>): Map<string, string> {
  return new Map([...files].map(([file, text]) => [file.normalize('NFD'), text]));
}

function indexOf(files: Map<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex({ readText: (file) => files.get(file) });
  for (const [file, text] of files) index.setNoteText(file, text);
  return index;
}

/** What is shown, read composed and with straight quotes: the form a variant writes is no difference. */
const nfc = (text: string | undefined) => (text ?? '').normalize('NFC').replace(/[‘’]/g, "'");

/** Per note (by its composed path), each reference's verdict: where it leads, its fix, its message. */
function verdicts(files: Map<string, string>): Map<string, string[]> {
  const index = indexOf(files);
  const result = new Map<string, string[]>();
  for (const file of [...files.keys()]) {
    const note = index.getNote(file)!.note;
    result.set(nfc(file), note.references.map((reference) => {
      const resolution = resolveReference(index, file, reference, DEFAULT_RESOLVER_OPTIONS);
      const target = resolution.target ? ` → ${nfc(resolution.target.path)}:${resolution.target.line + 1}` : '';
      const fix = resolution.fix ? `; fix → ${nfc(resolution.fix.target.path)}:${resolution.fix.target.line + 1} [${resolution.fix.confidence}]` : '';
      return `${reference.line + 1}: ${nfc(reference.text)}: ${resolution.status} ${resolution.kind}${target}${fix}: ${nfc(resolution.message)}`;
    }));
  }
  return result;
}

function checked(files: Map<string, string>): string[] {
  const index = indexOf(files);
  return checkWorkspace(index, DEFAULT_RESOLVER_OPTIONS, { keepReports: false }).diagnostics
    .map((diagnostic) => `${nfc(diagnostic.path)}:${diagnostic.range.start.line + 1} ${diagnostic.severity} ${diagnostic.code}: ${nfc(diagnostic.message)}`)
    .sort();
}

/**
 * What completion offers at the first links and citations of each note (at most `LINKS_ASKED` in
 * all), cut after a 🗄 link's opening backtick (note names), after its note name (its sections) and
 * after `📙 ` (authors and books): the first items, in order, read composed.
 */
function offered(files: Map<string, string>): string[] {
  const index = indexOf(files);
  const asked: string[] = [];
  for (const file of [...files.keys()].sort((a, b) => (nfc(a) < nfc(b) ? -1 : 1))) {
    const lines = files.get(file)!.split('\n');
    lines.forEach((line, at) => {
      if (asked.length >= LINKS_ASKED) return;
      const link = /🗄\uFE0F? `([^`]+\.md)` /.exec(line);
      const citation = line.indexOf('📙 ');
      if (!link && citation < 0) return;
      const cuts: Record<string, number> = link ? { name: link.index + link[0].indexOf('`') + 1, section: link.index + link[0].length } : { author: citation + '📙 '.length };
      for (const [what, cut] of Object.entries(cuts)) {
        const items = computeCompletion(index, file, line.slice(0, cut), { line: at, character: cut }).items.slice(0, 6);
        asked.push(`${nfc(file)}:${at + 1} ${what}: ${items.map((item) => nfc(item.label)).join(' | ')}`);
      }
    });
  }
  return asked;
}
const LINKS_ASKED = 80;

/** The hover of each 🗄 link (at most `LINKS_ASKED`), read composed. */
function hovers(files: Map<string, string>): string[] {
  const index = indexOf(files);
  const shown: string[] = [];
  for (const file of [...files.keys()].sort((a, b) => (nfc(a) < nfc(b) ? -1 : 1))) {
    for (const reference of index.getNote(file)!.note.references) {
      if (shown.length >= LINKS_ASKED) break;
      const hover = computeHover(index, file, reference.range.start, DEFAULT_RESOLVER_OPTIONS);
      shown.push(`${nfc(file)}:${reference.line + 1} ${nfc(hover?.markdown)}`);
    }
  }
  return shown;
}

/** The Books view's authors and books with their counts, read composed. */
function books(files: Map<string, string>): string {
  const overview = computeBooks(indexOf(files));
  const render = (authors: typeof overview.listed) => authors.map((author) => `${author.author} ${author.citationCount} (${author.unattributedCount}): ${author.books.map((book) => `${book.label} ${book.listingCount}/${book.citationCount}`).join('; ')}`);
  return nfc([...render(overview.listed), '--', ...render(overview.unlisted)].join('\n'));
}

/** Everything the comparison reads of a collection. */
function readingOf(files: Map<string, string>) {
  return { verdicts: verdicts(files), checked: checked(files), offered: offered(files), hovers: hovers(files), books: books(files) };
}

/** The readings of each truth, made once for all its variants. */
const truthReadings = new WeakMap<Map<string, string>, ReturnType<typeof readingOf>>();

function assertSameReading(name: string, truth: Map<string, string>, variant: Map<string, string>): void {
  if (!truthReadings.has(truth)) truthReadings.set(truth, readingOf(truth));
  const expected = truthReadings.get(truth)!;
  const actual = readingOf(variant);
  let compared = 0;
  for (const [file, lines] of expected.verdicts) {
    assert.deepStrictEqual(actual.verdicts.get(file), lines, `${name}: the links of ${file}`);
    compared += lines.length;
  }
  assert.ok(compared > 0, `${name}: no links compared`);
  assert.deepStrictEqual(actual.checked, expected.checked, `${name}: torii check`);
  assert.deepStrictEqual(actual.offered, expected.offered, `${name}: completion`);
  assert.deepStrictEqual(actual.hovers, expected.hovers, `${name}: hovers`);
  assert.strictEqual(actual.books, expected.books, `${name}: the Books view`);
}

describe('one name written two ways (accents composed or decomposed, quotes straight or curly) reads alike (differential)', function () {
  this.timeout(60000);
  const sources: Array<{ name: string; files: () => Map<string, string> }> = [
    { name: 'test-fixtures/notes-kb', files: () => readFolder(path.join(REPO, 'test-fixtures', 'notes-kb')) },
    {
      name: 'a generated workspace of 150 notes',
      files: () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-forms-'));
        try {
          cp.execFileSync(process.execPath, [path.join(REPO, 'bench', 'generate.js'), '--notes', '150', '--out', out], { stdio: 'ignore' });
          return readFolder(out);
        } finally {
          fs.rmSync(out, { recursive: true, force: true });
        }
      },
    },
  ];
  // Each source is read (or generated) once, and made accented once, for all its readings.
  const truths = new Map<string, Map<string, string>>();
  const truthOf = (source: (typeof sources)[number]) => {
    if (!truths.has(source.name)) truths.set(source.name, accented(source.files()));
    return truths.get(source.name)!;
  };
  for (const source of sources) {
    it(`${source.name}: links written decomposed lead where the composed ones do, with the same verdicts`, () => {
      const truth = truthOf(source);
      assertSameReading(source.name, truth, linesDecomposed(truth, 'links'));
    });

    it(`${source.name}: headings, terms, citations and 📚 entries written decomposed are found by links written composed`, () => {
      const truth = truthOf(source);
      assertSameReading(source.name, truth, linesDecomposed(truth, 'others'));
    });

    it(`${source.name}: links with curly quotes and apostrophes lead where the typed ones do`, () => {
      const truth = truthOf(source);
      assertSameReading(source.name, truth, linesCurled(truth, 'links'));
    });

    it(`${source.name}: headings, terms, citations and 📚 entries with curly quotes and apostrophes are found by links typed straight`, () => {
      const truth = truthOf(source);
      assertSameReading(source.name, truth, linesCurled(truth, 'others'));
    });

    it(`${source.name}: notes named decomposed are found by links written composed`, () => {
      const truth = truthOf(source);
      assertSameReading(source.name, truth, namesDecomposed(truth));
    });
  }
});
