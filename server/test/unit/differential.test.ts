/**
 * Differential test: the line scanner (`scanDocument`) against remark-parse, the CommonMark truth.
 *
 * Both parsers read the same documents and the test compares, per document, five views:
 *   headings  — ATX/setext headings (line, depth), plus thematic breaks (`separator` for `-`,
 *               `break` for `*`/`_`), which are needed to account for departure D1;
 *   fences    — fenced code blocks (start line, end line, closed or not); indented code is ignored;
 *   items     — the start lines of all list items, nested ones included;
 *   quote starts — the first line of each blockquote;
 *   quote lines  — the lines whose first marker is a blockquote `>` (so that quote lines the scanner
 *               misses are not hidden behind a correct start line).
 *
 * The scanner labels each line with ONE kind; CommonMark nests blocks. The comparison is therefore
 * normalised by the rules below, each one named. Nothing else is forgiven: any other difference is
 * a scanner bug and the test reports it with an excerpt and both views.
 *
 * Documented departures of the dialect (scanner.ts header, DIALECT §2.2 and §7):
 *   D1  `---` is always a separator, never a setext heading underline. A remark setext heading whose
 *       underline is three or more `-` is not expected from the scanner; instead its underline line
 *       is expected to be a `separator`. (Setext underlines of `=`, `-` or `--` are NOT covered.)
 *   D2  `*️ item` (a bullet followed by a stray U+FE0F) is a list item. remark is shown the document
 *       with those VS16s removed (`*️ x` → `* x`, exactly where the scanner's BULLET_ITEM accepts
 *       them: at the start of a line), so CommonMark sees the list item the dialect means. Removing
 *       characters never changes line numbers.
 *
 * Normalisations for what a one-kind-per-line scanner legitimately cannot report:
 *   N1  One kind per line, the outermost marker wins. A block that starts on the same line as an
 *       enclosing container's marker (`> # x`, `> * x`, `> ```` `, `* # x`, `* > x`, `* ````)
 *       is not expected from the scanner: that line is a `quote` or `list-item`, which the quote and
 *       item views check. Nested containers of the same kind on one line (`* * x`, `> > x`) collapse
 *       to one start line. Whatever the scanner does on the FOLLOWING lines is still compared.
 *   N2  Lazy continuation. A lazy paragraph continuation line inside a blockquote carries no `>`;
 *       the scanner labels it by its own syntax. When deriving the scanner's quote starts, a `>` line
 *       whose previous line has no leading `>` but which remark puts in the same blockquote (a lazy
 *       line, or a `* > x` line under N1) does not start a new quote. The lazy line's own label is
 *       still compared by the heading/fence/item views.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scanDocument, ScannedDocument } from '../../src/core/syntax/scanner';
import { splitLines } from '../../src/core/text/positions';

// ---------------------------------------------------------------------------------------------
// The mdast shape we read (kept local: only what the comparison needs).

interface Point {
  line: number;
  column: number;
  offset?: number;
}
interface MdNode {
  type: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: Point; end: Point };
}

type Parse = (text: string) => MdNode;

const BLOCK_TYPES = new Set([
  'blockquote',
  'list',
  'listItem',
  'paragraph',
  'heading',
  'code',
  'thematicBreak',
  'html',
  'definition',
]);

// ---------------------------------------------------------------------------------------------
// Views

type Category = 'headings' | 'fences' | 'items' | 'quote starts' | 'quote lines';
const CATEGORIES: Category[] = ['headings', 'fences', 'items', 'quote starts', 'quote lines'];

type View = Record<Category, string[]>;

interface Comparison {
  remark: View;
  scanner: View;
  /** The categories that differ, with what only one side has. */
  differences: { category: Category; remarkOnly: string[]; scannerOnly: string[]; firstLine: number }[];
  /** What the parsers saw, for the message. */
  lines: string[];
  scanned: ScannedDocument;
  tree: MdNode;
}

/** D2: drop the VS16s after a line-start bullet, exactly where the scanner's BULLET_ITEM accepts them. */
function withoutBulletVs16(text: string): string {
  return text.replace(/^([ \t]*[*+-])\uFE0F+(?=[ \t]|$)/gm, '$1');
}

/** Line numbers in views and messages are 1-based, as editors show them. */
const lineLabel = (zeroBased: number): string => `line ${zeroBased + 1}`;

function sortKey(entry: string): number {
  return Number(/^line (\d+)/.exec(entry)![1]);
}

function addUnique(list: string[], entry: string): void {
  if (!list.includes(entry)) list.push(entry);
}

const FENCE_MARK = /^(`{3,}|~{3,})/;
const CLOSING_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

function remarkView(text: string, tree: MdNode): { view: View; lineCount: number } {
  const lines = splitLines(text);
  const lineStarts: number[] = [];
  for (let offset = 0, line = 0; line < lines.length; line++) {
    lineStarts.push(offset);
    offset += lines[line].length;
    // Step over the terminator that splitLines removed.
    if (text.startsWith('\r\n', offset)) offset += 2;
    else if (offset < text.length) offset += 1;
  }
  const view: View = { headings: [], fences: [], items: [], 'quote starts': [], 'quote lines': [] };
  const inQuote: number[] = new Array(lines.length).fill(-1); // index of the outermost blockquote covering the line
  const quoteRanges: { start: number; end: number }[] = [];

  const firstNonBlank = (line: number): string => /^[ \t]*(.?)/.exec(lines[line] ?? '')![1];

  const visit = (node: MdNode, quoteIndex: number): void => {
    let childQuote = quoteIndex;
    const position = node.position;
    if (position && BLOCK_TYPES.has(node.type)) {
      const startLine = position.start.line - 1;
      const endLine = position.end.line - 1;
      const offset = position.start.offset ?? lineStarts[startLine] + position.start.column - 1;
      const prefix = text.slice(lineStarts[startLine], offset);
      const rest = text.slice(offset);
      // N1: the node opens on the same line as an enclosing container's marker.
      const firstOnLine = /^[ \t]*$/.test(prefix);
      switch (node.type) {
        case 'heading': {
          const underline = lines[endLine];
          if (endLine > startLine && /(^|[ \t>])-{3,}[ \t]*$/.test(underline)) {
            // D1: a setext heading underlined with `---` is, in the dialect, a paragraph and a separator.
            if (firstNonBlank(endLine) === '-') addUnique(view.headings, `${lineLabel(endLine)} separator`);
          } else if (firstOnLine) {
            addUnique(view.headings, `${lineLabel(startLine)} h${node.depth}`);
          }
          break;
        }
        case 'thematicBreak':
          if (firstOnLine) addUnique(view.headings, `${lineLabel(startLine)} ${rest[0] === '-' ? 'separator' : 'break'}`);
          break;
        case 'code': {
          const open = FENCE_MARK.exec(rest);
          if (open && firstOnLine) {
            const close = CLOSING_FENCE.exec(lines[endLine]);
            const closed =
              endLine > startLine && !!close && close[1][0] === open[1][0] && close[1].length >= open[1].length;
            view.fences.push(`${lineLabel(startLine)}–${endLine + 1}${closed ? '' : ' (unclosed)'}`);
          }
          break;
        }
        case 'listItem':
          // N1: an item opening after a `>` on its line is a quote line for the scanner.
          if (!prefix.includes('>')) addUnique(view.items, `${lineLabel(startLine)} item`);
          break;
        case 'blockquote':
          // N1: a quote opening after a list marker on its line is a list-item line for the scanner;
          // `> > x` collapses to one start.
          if (/^[ \t>]*$/.test(prefix)) addUnique(view['quote starts'], `${lineLabel(startLine)} quote start`);
          if (quoteIndex < 0) {
            childQuote = quoteRanges.length;
            quoteRanges.push({ start: startLine, end: endLine });
            for (let line = startLine; line <= endLine; line++) inQuote[line] = childQuote;
          }
          break;
      }
    }
    for (const child of node.children ?? []) visit(child, childQuote);
  };
  visit(tree, -1);

  // A quote line: inside a blockquote, and its first marker is `>` (not lazy text, not `* > x`).
  for (let line = 0; line < lines.length; line++) {
    if (inQuote[line] >= 0 && firstNonBlank(line) === '>') view['quote lines'].push(`${lineLabel(line)} quote`);
  }
  for (const category of CATEGORIES) view[category].sort((a, b) => sortKey(a) - sortKey(b));
  // Remember the ranges for the scanner side's N2 rule.
  remarkQuoteLines.set(view, { inQuote, lines });
  return { view, lineCount: lines.length };
}

/** Per remark view: which outermost blockquote covers each line, and the remark-side line texts. */
const remarkQuoteLines = new WeakMap<View, { inQuote: number[]; lines: string[] }>();

function scannerView(scanned: ScannedDocument, remark: View): View {
  const view: View = { headings: [], fences: [], items: [], 'quote starts': [], 'quote lines': [] };
  const quoteInfo = remarkQuoteLines.get(remark)!;
  scanned.scanned.forEach((line, index) => {
    switch (line.kind) {
      case 'heading':
        view.headings.push(`${lineLabel(index)} h${line.level}`);
        break;
      case 'separator':
      case 'break':
        view.headings.push(`${lineLabel(index)} ${line.kind}`);
        break;
      case 'list-item':
        view.items.push(`${lineLabel(index)} item`);
        break;
      case 'quote': {
        view['quote lines'].push(`${lineLabel(index)} quote`);
        const previous = index > 0 ? scanned.scanned[index - 1].kind : undefined;
        // N2: the previous line has no leading `>` but remark puts it in the same blockquote
        // (lazy continuation, or a `* > x` line under N1): this `>` line continues that quote.
        const sameQuoteWithoutMarker =
          index > 0 &&
          quoteInfo.inQuote[index] >= 0 &&
          quoteInfo.inQuote[index - 1] === quoteInfo.inQuote[index] &&
          !/^[ \t]*>/.test(quoteInfo.lines[index - 1]);
        if (previous !== 'quote' && !sameQuoteWithoutMarker) view['quote starts'].push(`${lineLabel(index)} quote start`);
        break;
      }
    }
  });
  for (const fence of scanned.fences) {
    view.fences.push(`${lineLabel(fence.startLine)}–${fence.endLine + 1}${fence.closed ? '' : ' (unclosed)'}`);
  }
  return view;
}

function compare(text: string, parse: Parse): Comparison {
  const remarkText = withoutBulletVs16(text);
  const tree = parse(remarkText);
  const { view: remark } = remarkView(remarkText, tree);
  const scanned = scanDocument(text);
  const scanner = scannerView(scanned, remark);
  const differences: Comparison['differences'] = [];
  for (const category of CATEGORIES) {
    const remarkOnly = remark[category].filter((entry) => !scanner[category].includes(entry));
    const scannerOnly = scanner[category].filter((entry) => !remark[category].includes(entry));
    if (remarkOnly.length || scannerOnly.length) {
      const firstLine = Math.min(...[...remarkOnly, ...scannerOnly].map(sortKey)) - 1;
      differences.push({ category, remarkOnly, scannerOnly, firstLine });
    }
  }
  return { remark, scanner, differences, lines: splitLines(text), scanned, tree };
}

// ---------------------------------------------------------------------------------------------
// Messages

/** For each line, the chain of remark blocks covering it; `+` marks the blocks that start there. */
function remarkLineChains(tree: MdNode, lineCount: number): string[] {
  const chains: string[][] = Array.from({ length: lineCount }, () => []);
  const visit = (node: MdNode): void => {
    if (node.position && BLOCK_TYPES.has(node.type)) {
      const start = node.position.start.line - 1;
      const end = node.position.end.line - 1;
      const name = node.type === 'heading' ? `heading${node.depth}` : node.type;
      for (let line = start; line <= end && line < lineCount; line++) chains[line].push(line === start ? `+${name}` : name);
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return chains.map((chain) => (chain.length ? chain.join(' > ') : '—'));
}

function describeLines(comparison: Comparison, from: number, to: number): string {
  const chains = remarkLineChains(comparison.tree, comparison.lines.length);
  const rows: string[] = [];
  for (let line = Math.max(0, from); line <= Math.min(comparison.lines.length - 1, to); line++) {
    const scanned = comparison.scanned.scanned[line];
    const kind = scanned.kind + (scanned.level ? scanned.level : '');
    rows.push(
      `  ${String(line + 1).padStart(5)} | ${kind.padEnd(11)} | ${chains[line].padEnd(40)} | ${JSON.stringify(comparison.lines[line])}`,
    );
  }
  return [`  ${'line'.padStart(5)} | ${'scanner'.padEnd(11)} | ${'remark (CommonMark) blocks'.padEnd(40)} | text`, ...rows].join('\n');
}

function describeMismatch(name: string, comparison: Comparison, wholeDocument: boolean): string {
  const parts = [`${name}: scanner and CommonMark disagree`];
  for (const difference of comparison.differences) {
    parts.push(
      `  [${difference.category}]`,
      `    remark only : ${difference.remarkOnly.join(', ') || '—'}`,
      `    scanner only: ${difference.scannerOnly.join(', ') || '—'}`,
    );
  }
  const first = Math.min(...comparison.differences.map((difference) => difference.firstLine));
  const from = wholeDocument ? 0 : first - 4;
  const to = wholeDocument ? comparison.lines.length - 1 : first + 4;
  parts.push(`  excerpt (lines ${Math.max(0, from) + 1}–${Math.min(comparison.lines.length - 1, to) + 1}):`);
  parts.push(describeLines(comparison, from, to));
  if (wholeDocument) parts.push(`  as a string: ${JSON.stringify(comparison.lines.join('\n'))}`);
  return parts.join('\n');
}

/** Greedily drops lines while some mismatch remains, so a fuzz failure is shown small. */
function minimise(text: string, parse: Parse): string {
  let lines = splitLines(text);
  for (let changed = true; changed; ) {
    changed = false;
    for (let index = 0; index < lines.length && lines.length > 1; index++) {
      const candidate = [...lines.slice(0, index), ...lines.slice(index + 1)];
      if (compare(candidate.join('\n'), parse).differences.length) {
        lines = candidate;
        changed = true;
        index--;
      }
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Fuzzed documents: a seeded generator (mulberry32), no Math.random.

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Fuzzer {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = mulberry32(seed);
  }
  int(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  chance(probability: number): boolean {
    return this.random() < probability;
  }
}

const WORDS = ['notes', 'infra', 'done', 'next', 'Kleppmann data-intensive', 'https://example.com/x', '`code`', 'a', '开'];
const EMOJI = ['⛩️', '🗄', '📙', '📚', '🔍', '📹', '🗄️', '✅'];
const CAPS = ["WORLD'S DUMBEST COMPLETE SAAS", 'STREAMING / BLOCKING', 'TODO'];
const INDENTS = ['', '', '', ' ', '  ', '   ', '    ', '\t', '      ', '        '];

function fuzzWords(fuzzer: Fuzzer): string {
  const words: string[] = [];
  for (let count = fuzzer.int(1, 3); count > 0; count--) words.push(fuzzer.chance(0.3) ? fuzzer.pick(EMOJI) : fuzzer.pick(WORDS));
  return words.join(' ');
}

function fuzzLine(fuzzer: Fuzzer): string {
  switch (fuzzer.int(0, 21)) {
    case 0:
    case 1:
      return '';
    case 2:
      return `${'#'.repeat(fuzzer.int(1, 6))} ${fuzzer.pick(EMOJI)} ${fuzzWords(fuzzer)}`;
    case 3:
      return `${'#'.repeat(fuzzer.int(1, 7))}${fuzzer.pick([' ', '', ' ', '\t'])}${fuzzWords(fuzzer)}${fuzzer.pick(['', '', ' ##', ' #'])}`;
    case 4:
      return fuzzer.pick(['#', '##', '###', '# ', '#!/usr/bin/env bash', '# comment', '#hashtag']);
    case 5:
      return fuzzer.pick(['---', '---', '----', ' ---', '- - -', '***', '___', '--- ', '-']);
    case 6:
    case 7:
      return `${fuzzer.pick(['* ', '- ', '*️ ', '1. ', '2. ', '1) ', '10. ', '+ ', '-️ '])}${fuzzer.chance(0.1) ? '' : fuzzWords(fuzzer)}`;
    case 8:
      return `${fuzzer.pick(INDENTS)}${fuzzer.pick(['* ', '- ', '*️ ', '1. '])}${fuzzWords(fuzzer)}`;
    case 9:
      return `${fuzzer.pick(['> ', '>', '> ', ' > ', '> > '])}${fuzzer.pick(['', fuzzWords(fuzzer), `# ${fuzzWords(fuzzer)}`, `* ${fuzzWords(fuzzer)}`, '```'])}`;
    case 10:
      return fuzzer.pick(CAPS);
    case 11:
      return `🗄 \`${fuzzer.pick(['x', 'infra', 'django'])}.md\` ${fuzzer.pick(['y', 'telemetry', ''])}`.trimEnd();
    case 12:
      return `\t${fuzzWords(fuzzer)}`;
    case 13:
      return `    ${fuzzer.pick([fuzzWords(fuzzer), '# not a heading', '* item?', '```'])}`;
    case 14:
      return `  ${fuzzWords(fuzzer)}`;
    case 15:
      return `| ${fuzzWords(fuzzer)} | x |`;
    default:
      return fuzzWords(fuzzer);
  }
}

function fuzzFence(fuzzer: Fuzzer, out: string[]): void {
  const marker = fuzzer.pick(['`', '`', '~']);
  const length = fuzzer.int(3, 5);
  const indent = fuzzer.pick(['', '', '', ' ', '  ', '   ', '    ']);
  out.push(`${indent}${marker.repeat(length)}${fuzzer.pick(['', 'sh', 'bash', 'python', ' ruby', 'a`b', 'x ~~~'])}`);
  for (let count = fuzzer.int(0, 5); count > 0; count--) {
    out.push(
      fuzzer.chance(0.5)
        ? fuzzer.pick(['# comment', '#!/usr/bin/env bash', 'echo hi', '', '---', '* not a list', '> not a quote', '```', '~~~', '    indented'])
        : fuzzLine(fuzzer),
    );
  }
  switch (fuzzer.int(0, 5)) {
    case 0: // unclosed
      break;
    case 1: // shorter: does not close
      out.push(marker.repeat(Math.max(1, length - 1)));
      break;
    case 2: // longer, indented, trailing spaces
      out.push(`${fuzzer.pick(['', ' ', '   '])}${marker.repeat(length + fuzzer.int(0, 2))}  `);
      break;
    case 3: // the other marker
      out.push((marker === '`' ? '~' : '`').repeat(length));
      break;
    default:
      out.push(marker.repeat(length));
  }
}

function fuzzList(fuzzer: Fuzzer, out: string[]): void {
  const bullet = fuzzer.pick(['* ', '- ', '*️ ', '1. ']);
  for (let count = fuzzer.int(1, 4); count > 0; count--) {
    const depth = fuzzer.int(0, 2);
    const indent = fuzzer.pick(['  ', '    ', '\t'] as const).repeat(depth);
    out.push(`${indent}${bullet === '1. ' ? `${fuzzer.int(1, 3)}. ` : bullet}${fuzzWords(fuzzer)}`);
    if (fuzzer.chance(0.2)) out.push(`${indent}  ${fuzzer.chance(0.5) ? fuzzWords(fuzzer) : fuzzLine(fuzzer)}`);
    if (fuzzer.chance(0.15)) out.push('');
  }
}

function fuzzDocument(seed: number): string {
  const fuzzer = new Fuzzer(seed);
  const out: string[] = [];
  for (let blocks = fuzzer.int(2, 10); blocks > 0; blocks--) {
    const choice = fuzzer.int(0, 9);
    if (choice === 0) fuzzFence(fuzzer, out);
    else if (choice === 1) fuzzList(fuzzer, out);
    else for (let count = fuzzer.int(1, 3); count > 0; count--) out.push(fuzzLine(fuzzer));
  }
  return out.join('\n') + (fuzzer.chance(0.5) ? '\n' : '');
}

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
const FUZZ_DOCUMENTS = 400;
const FUZZ_SEED = 0x70f11;

// ---------------------------------------------------------------------------------------------

describe('scanner vs CommonMark (remark-parse): differential', function () {
  let parse: Parse;

  before(async function () {
    // remark-parse and unified are ESM only; Node16 keeps this a real dynamic import.
    const { unified } = await import('unified');
    const { default: remarkParse } = await import('remark-parse');
    const processor = unified().use(remarkParse);
    parse = (text) => processor.parse(text) as unknown as MdNode;
  });

  function assertAgrees(name: string, text: string): void {
    const comparison = compare(text, parse);
    if (comparison.differences.length) assert.fail(describeMismatch(name, comparison, false));
  }

  describe('test-fixtures/**/*.md', function () {
    const files = markdownFilesUnder(FIXTURES);
    if (files.length === 0) {
      it('has no fixtures yet', function () {
        console.log(`    (differential: no .md files under ${FIXTURES}; nothing to compare)`);
        this.skip();
      });
    }
    for (const file of files) {
      const name = path.relative(ROOT, file);
      it(name, function () {
        // The folder may be written while the tests run: a file gone since listing is no failure.
        if (!fs.existsSync(file)) this.skip();
        assertAgrees(name, fs.readFileSync(file, 'utf8'));
      });
    }
  });

  describe('older notes corpus (../shared/corpus/older-notes)', function () {
    const notes = markdownFilesUnder(CORPUS);
    if (notes.length === 0) {
      it('corpus notes', function () {
        console.log(`    (differential: skipped, the corpus folder ${CORPUS} is missing or empty in this clone)`);
        this.skip();
      });
    }
    for (const note of notes) {
      it(path.basename(note), function () {
        assertAgrees(path.basename(note), fs.readFileSync(note, 'utf8'));
      });
    }
  });

  describe('fuzzed documents', function () {
    it(`${FUZZ_DOCUMENTS} seeded random documents`, function () {
      const failures: string[] = [];
      for (let index = 0; index < FUZZ_DOCUMENTS; index++) {
        const text = fuzzDocument(FUZZ_SEED + index);
        if (compare(text, parse).differences.length === 0) continue;
        if (failures.length < 3) {
          const small = minimise(text, parse);
          failures.push(describeMismatch(`fuzz document #${index} (seed ${FUZZ_SEED + index}), minimised`, compare(small, parse), true));
        } else {
          failures.push('');
        }
      }
      if (failures.length) {
        assert.fail(`${failures.length} of ${FUZZ_DOCUMENTS} fuzzed documents disagree; the first ones:\n\n${failures.filter(Boolean).join('\n\n')}`);
      }
    });

    it('the generator is deterministic', function () {
      assert.strictEqual(fuzzDocument(FUZZ_SEED + 7), fuzzDocument(FUZZ_SEED + 7));
    });
  });

  describe('the comparison itself', function () {
    // Each normalisation rule is exercised on a document where it applies, so a broken rule cannot
    // silently make every document agree.
    const agreeing: [string, string][] = [
      ['D1: `---` under a paragraph is a separator', 'TITLE\n---\ntext'],
      ['D2: `*️ item` is a list item', '*️ item\n* next'],
      ['N1: a heading inside a quote is a quote line', '> # x\n> y'],
      ['N1: a quote opened on a list-item line', '* > a\n  > b'],
      ['N2: lazy continuation keeps the quote open', '> a\nb\n> c'],
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

    it('reports a difference with both views and an excerpt', function () {
      // A setext `===` heading is not a dialect departure: the comparison must see it.
      const comparison = compare('Title\n===\n', parse);
      assert.deepStrictEqual(comparison.differences.map((difference) => difference.category), ['headings']);
      const message = describeMismatch('sample', comparison, false);
      assert.match(message, /remark only : line 1 h1/);
      assert.match(message, /scanner only: —/);
      assert.match(message, /"Title"/);
    });
  });
});
