/**
 * Differential test: the line scanner (`scanDocument`) against remark-parse@11, the CommonMark truth.
 *
 * Inputs: every .md file under test-fixtures/ (none is fine), the five older notes in
 * ../shared/corpus/older-notes (skipped, visibly, when a clone does not have them), and a few
 * hundred documents from a seeded generator of dialect-like lines (differentialSupport.ts).
 *
 * Both parsers read each document and five views are compared, line by line (1-based in messages):
 *   headings     — ATX and setext headings (line, depth), plus thematic breaks (`separator` for `-`,
 *                  `break` for `*`/`_`), which D1 needs;
 *   fences       — fenced code blocks (start line, end line, closed or not); not indented code. An
 *                  unclosed fence with only blank lines after it runs to `end`, as the scanner's does;
 *   items        — the start lines of all list items, nested ones included;
 *   quote starts — the first line of each blockquote; for the scanner, a `quote` line whose previous
 *                  line is not part of the same quote;
 *   quote lines  — the lines of a blockquote outside list items that carry its `>` marker (at most
 *                  three spaces in: `    > x` after `> a` is a lazy line), so that quote lines the
 *                  scanner misses are not hidden behind a correct start line.
 *
 * The scanner gives each line ONE kind; CommonMark nests blocks. The comparison is normalised by the
 * rules below, each named where it is applied. Nothing else is forgiven: any other difference is a
 * scanner bug, and the assertion message shows both views and an excerpt so that it can be fixed.
 *
 * Departures of the dialect, documented in scanner.ts (DIALECT §2.2 and §7):
 *   D1  `---` is always a separator, never a setext heading underline. A remark setext heading whose
 *       underline is three or more `-` is not expected from the scanner; its underline line is
 *       expected to be a `separator` instead. Setext underlines of `=`, `-` or `--` are NOT covered.
 *   D2  `*️ item` (a bullet and a stray U+FE0F) is a list item. remark reads the document with those
 *       VS16s removed (`*️ x` → `* x`), exactly where the scanner's BULLET_ITEM accepts them, at the
 *       start of a line, so CommonMark sees the item the dialect means. Line numbers do not change.
 *
 * What a one-kind-per-line scanner legitimately cannot report:
 *   N1  The outermost marker wins. A block that opens on the same line as an enclosing container's
 *       marker (`> # x`, `> * x`, `> ```` `, `* # x`, `* > x`, `* ```` `, `> > x`, `* * x`) is not
 *       expected: that line is a `quote` or a `list-item` line, which the quote and item views check.
 *       Whatever the scanner does on the following lines is still compared.
 *   N2  Lazy continuation. A lazy line of a quoted paragraph has no `>` marker (`b` in `> a` + `b`);
 *       the scanner labels it by its own syntax. A `>` line whose previous line the scanner does
 *       not call `quote`, but which remark puts in the same blockquote (a lazy line, or a `* > x`
 *       line under N1), does not start a new quote. The lazy line's own label is still compared
 *       by the other views.
 *
 * Where remark-parse's answer needs correcting or reading with care (differentialSupport.ts):
 *   R1  After indented code, even across blank lines, micromark still applies the rules for
 *       interrupting a paragraph (an ordered list must start at 1, an empty item cannot start a
 *       list); CommonMark and cmark do not (micromark/micromark pull request #228). Such a
 *       top-level paragraph is parsed again on its own, as CommonMark reads it.
 *   R2  micromark ends a block that its container closes (an unclosed fence in a list item) at
 *       column 1 of the next line; that line is not counted as part of the block.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ScannedDocument, ScannedLine, scanDocument } from '../../src/core/syntax/scanner';
import { decodeNoteBytes } from '../../src/core/text/encoding';
import { compare, Comparison, describeMismatch, fuzzDocument, MdNode, minimise, Parse } from './differentialSupport';

// ---------------------------------------------------------------------------------------------
// Inputs

/** The repository root: the folder holding package.json and server/, above out/server/test/unit. */
function repoRoot(): string {
  let folder = __dirname;
  while (!(fs.existsSync(path.join(folder, 'package.json')) && fs.existsSync(path.join(folder, 'server')))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`differential test: no repository root above ${__dirname}`);
    folder = parent;
  }
  return folder;
}

function markdownFilesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...markdownFilesUnder(full));
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full);
  }
  return found.sort();
}

const ROOT = repoRoot();
const FIXTURES = path.join(ROOT, 'test-fixtures');
const CORPUS = path.resolve(ROOT, '../shared/corpus/older-notes');
const FUZZ_DOCUMENTS = 300;
const FUZZ_SEED = 0x70f11;

// ---------------------------------------------------------------------------------------------

describe('scanner vs CommonMark (remark-parse): differential', function () {
  let parse: Parse;

  before(async function () {
    // remark-parse and unified are ESM only; under module Node16 this stays a real dynamic import.
    const { unified } = await import('unified');
    const { default: remarkParse } = await import('remark-parse');
    const processor = unified().use(remarkParse);
    parse = (text) => processor.parse(text) as unknown as MdNode;
  });

  function assertAgrees(name: string, text: string): void {
    const comparison = compare(text, parse);
    if (comparison.differences.length) assert.fail(describeMismatch(name, comparison, false));
  }

  /** Reads a note as the product does (BOM dropped); undefined for a file the scanner never sees. */
  function readNote(file: string): string | undefined {
    const decoded = decodeNoteBytes(fs.readFileSync(file));
    return decoded.kind === 'text' ? decoded.text : undefined;
  }

  describe('test-fixtures/**/*.md', function () {
    const files = markdownFilesUnder(FIXTURES);
    if (files.length === 0) {
      it('(no fixtures)', function () {
        console.log(`      differential: no .md file under ${FIXTURES} yet; nothing to compare`);
        this.skip();
      });
    }
    for (const file of files) {
      const name = path.relative(ROOT, file);
      it(name, function () {
        // The folder may be written while the tests run: a file gone since the listing is no failure.
        if (!fs.existsSync(file)) this.skip();
        const text = readNote(file);
        // A binary or non-UTF-8 fixture (for the encoding checks) is never scanned.
        if (text === undefined) this.skip();
        assertAgrees(name, text!);
      });
    }
  });

  describe('older notes corpus (../shared/corpus/older-notes)', function () {
    const notes = markdownFilesUnder(CORPUS);
    if (notes.length === 0) {
      it('(corpus missing)', function () {
        console.log(`      differential: SKIPPED the corpus notes, ${CORPUS} is missing or empty in this clone`);
        this.skip();
      });
    }
    for (const note of notes) {
      it(path.basename(note), function () {
        const text = readNote(note);
        assert.ok(text !== undefined, `${note} is not UTF-8 text`);
        assertAgrees(path.basename(note), text);
      });
    }
  });

  describe('fuzzed documents', function () {
    const kindOf = (difference: Comparison['differences'][number]): string =>
      `${difference.category}: ${difference.remarkOnly.length ? 'remark' : 'scanner'} only`;

    it(`${FUZZ_DOCUMENTS} seeded random documents (seeds ${FUZZ_SEED}…${FUZZ_SEED + FUZZ_DOCUMENTS - 1})`, function () {
      let failing = 0;
      // One minimised example per kind of difference (category and side), so a message is not
      // filled with one frequent bug.
      const examples = new Map<string, string>();
      for (let index = 0; index < FUZZ_DOCUMENTS; index++) {
        const seed = FUZZ_SEED + index;
        const text = fuzzDocument(seed);
        const { differences } = compare(text, parse);
        if (differences.length === 0) continue;
        failing++;
        const kind = kindOf(differences[0]);
        if (examples.has(kind) || examples.size >= 6) continue;
        const small = minimise(text, parse, scanDocument, (comparison) => comparison.differences.some((difference) => kindOf(difference) === kind));
        examples.set(kind, describeMismatch(`fuzz seed ${seed} (document #${index}), minimised`, compare(small, parse), true));
      }
      if (failing) {
        assert.fail(
          `${failing} of ${FUZZ_DOCUMENTS} fuzzed documents disagree. One minimised example per kind of difference ` +
            `(rerun fuzzDocument(seed) for the whole document):\n\n${[...examples.values()].join('\n\n')}`,
        );
      }
    });

    it('the generator is deterministic', function () {
      assert.strictEqual(fuzzDocument(FUZZ_SEED + 7), fuzzDocument(FUZZ_SEED + 7));
      assert.notStrictEqual(fuzzDocument(FUZZ_SEED + 7), fuzzDocument(FUZZ_SEED + 8));
    });
  });

  describe('minimal cases: CommonMark block structure the scanner must match', function () {
    // Each is the smallest form of a difference the fuzzer found (or, for `--` and `===`, the edge
    // of D1). They are not departures of the dialect, so they assert CommonMark's answer.
    const cases: [string, string][] = [
      ['a bullet indented 4+ columns under a paragraph continues the paragraph', 'a\n    * b'],
      ["a bullet 4+ columns past its parent item's content continues the paragraph", '- a\n\t\t- b'],
      ['bullet lines inside indented code are code', '    * a\n    * b'],
      ['a heading inside a list item, indented 4 columns, is a heading', '- a\n    # b'],
      ['a fence inside a list item, indented 4 columns, is a fence', '- a\n    ```\n    x\n    ```'],
      ['a quote inside an ordered item, indented 6 columns, is a quote', '1. a\n      > b'],
      ['a thematic break inside a list item, indented 4 columns, is a break', '- a\n\n    ***'],
      ['a fence inside a list item ends with the item', '- a\n  ```\n# b'],
      ['a `>` line that leaves a list item starts a new quote', '* a\n  > q\n> r'],
      ['after a blank line, an indented bullet under a heading inside an item is a nested item', '* a\n  # b\n\n    * c'],
      ['an empty bullet item cannot interrupt a paragraph', 'a\n* '],
      ['an empty ordered item cannot interrupt a paragraph', 'a\n1.'],
      ['`-` under a paragraph is a setext heading underline', 'a\n-'],
      ['`--` under a paragraph is a setext heading underline', 'a\n--'],
      ['`===` under a paragraph is a setext heading underline', 'a\n==='],
      ['`2.` after the wrapped line of item 1 is the next item', '1. a\n   b\n2. c'],
      ['`2.` after indented code starts a list', '    code\n2. a'],
      ["`2.` inside an item's paragraph continues the paragraph", '* a\n  2. b'],
      ['`2.` after a table row continues the paragraph', '| a |\n2. b'],
    ];
    for (const [title, text] of cases) {
      it(title, function () {
        assertAgrees(JSON.stringify(text), text);
      });
    }
  });

  describe('the comparison itself', function () {
    // Every rule applies to one of these, and with it the two views agree.
    const agreeing: [string, string][] = [
      ['D1: `---` under a paragraph is a separator', 'TITLE\n---\ntext'],
      ['D2: `*️ item` is a list item', '*️ item\n* next'],
      ['N1: a heading inside a quote is a quote line', '> # x\n> y'],
      ['N1: a quote opened on a list-item line', '* > a\n  > b'],
      ['N1: a nested quote opened on a continuing quote line', '> a\n> > b'],
      ['N2: lazy continuation keeps the quote open', '> a\nb\n> c'],
      ['N2 only for lazy lines: a heading closes its paragraph, so two quotes', '> # h\nb\n> c'],
      ['R1: remark is corrected after indented code', '    code\n\n2. item'],
      ['nested list items', '* a\n  * b\n    * c\n* d'],
      ['a fence inside a list item', '* a\n\n  ```sh\n  # comment\n  ```\n* b'],
      ['an unclosed fence runs to the end', '# x\n```\n# not a heading\n\n'],
      ['indented code is not a heading', '# x\n\n    # code\n'],
    ];
    for (const [title, text] of agreeing) {
      it(title, function () {
        assertAgrees(JSON.stringify(text), text);
      });
    }

    /** The scanner, with some lines relabelled: a stand-in for a scanner bug. */
    const relabelled =
      (changes: Record<number, ScannedLine>) =>
      (text: string): ScannedDocument => {
        const scanned = scanDocument(text);
        for (const [line, label] of Object.entries(changes)) scanned.scanned[Number(line)] = label;
        return scanned;
      };

    // The rules forgive only what they name: a scanner that errs where they apply is still caught.
    const caught: [string, string, Record<number, ScannedLine>, string[]][] = [
      ['D1 still wants the separator', 'TITLE\n---', { 1: { kind: 'text' } }, ['headings: remark only line 2 separator']],
      ['D2 still wants the item', '*️ item', { 0: { kind: 'text' } }, ['items: remark only line 1 item']],
      [
        'N1 still wants the quote line',
        '> # x',
        { 0: { kind: 'heading', level: 1 } },
        ['headings: scanner only line 1 h1', 'quote starts: remark only line 1 quote start', 'quote lines: remark only line 1 quote'],
      ],
      ['N2 still wants the lazy line to be no item', '> a\nb\n> c', { 1: { kind: 'list-item' } }, ['items: scanner only line 2 item']],
      ['a missed heading', 'intro\n## 📚 books\n* a\n', { 1: { kind: 'text' } }, ['headings: remark only line 2 h2']],
    ];
    for (const [title, text, changes, expected] of caught) {
      it(title, function () {
        const { differences } = compare(text, parse, relabelled(changes));
        const found = differences.flatMap((difference) => [
          ...difference.remarkOnly.map((entry) => `${difference.category}: remark only ${entry}`),
          ...difference.scannerOnly.map((entry) => `${difference.category}: scanner only ${entry}`),
        ]);
        assert.deepStrictEqual(found, expected);
      });
    }

    it('R2: a scanner that ends a fence with its list item agrees', function () {
      // What a fixed scanner would say for `- a` + `  ```` + `b`: the fence is line 2 alone.
      const fixed = (text: string): ScannedDocument => {
        const scanned = scanDocument(text);
        scanned.scanned[2] = { kind: 'text' };
        scanned.fences[0] = { ...scanned.fences[0], endLine: 1 };
        return scanned;
      };
      assert.deepStrictEqual(compare('- a\n  ```\nb', parse, fixed).differences, []);
    });

    it('reports a difference with both views and an excerpt', function () {
      const comparison = compare('intro\n## 📚 books\n* a\n', parse, relabelled({ 1: { kind: 'text' } }));
      const message = describeMismatch('sample', comparison, false);
      assert.match(message, /\[headings\]/);
      assert.match(message, /remark only : line 2 h2/);
      assert.match(message, /scanner only: —/);
      assert.match(message, /2 \| text +\| \+heading2 +\| "## 📚 books"/);
    });

    it('minimises a failing document to the lines that matter', function () {
      const noHeadings = (text: string): ScannedDocument => {
        const scanned = scanDocument(text);
        scanned.scanned.forEach((line, index) => {
          if (line.kind === 'heading') scanned.scanned[index] = { kind: 'text' };
        });
        return scanned;
      };
      assert.strictEqual(minimise('a\n\n* b\n# c\n> d\n', parse, noHeadings), '# c');
    });
  });
});
