/**
 * The machinery of differential.test.ts: the views compared, the normalisation rules, the mismatch
 * messages, a line minimiser and the seeded document generator. The rules are documented in
 * differential.test.ts; each is also named where it is applied below.
 */

import { scanDocument, ScannedDocument } from '../../src/core/syntax/scanner';
import { splitLines } from '../../src/core/text/positions';

// ---------------------------------------------------------------------------------------------
// The mdast shape we read (kept local: only what the comparison needs).

interface Point {
  line: number;
  column: number;
  offset?: number;
}
export interface MdNode {
  type: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: Point; end: Point };
}

export type Parse = (text: string) => MdNode;

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

export type Category = 'headings' | 'fences' | 'items' | 'quote starts' | 'quote lines';
export const CATEGORIES: Category[] = ['headings', 'fences', 'items', 'quote starts', 'quote lines'];

export type View = Record<Category, string[]>;

export interface Comparison {
  remark: View;
  scanner: View;
  /** The categories that differ, with what only one side has. */
  differences: { category: Category; remarkOnly: string[]; scannerOnly: string[] }[];
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

/** Adds `entry` once: `* * x` opens two items on one item line, `> > x` two quotes on one quote line. */
function addUnique(list: string[], entry: string): void {
  if (!list.includes(entry)) list.push(entry);
}

const FENCE_MARK = /^(`{3,}|~{3,})/;
const CLOSING_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

interface RemarkView {
  view: View;
  /** For each line of the text remark read: the index of the outermost blockquote covering it, or -1. */
  inQuote: number[];
  /** For each line: whether the outermost blockquote covering it is held by a list item. */
  inListQuote: boolean[];
}

/** The offset where each line of `text` starts (lines as splitLines cuts them). */
function lineStartOffsets(text: string): number[] {
  const lines = splitLines(text);
  const lineStarts: number[] = [];
  for (let offset = 0, line = 0; line < lines.length; line++) {
    lineStarts.push(offset);
    offset += lines[line].length;
    // Step over the terminator that splitLines removed.
    if (text.startsWith('\r\n', offset)) offset += 2;
    else if (offset < text.length) offset += 1;
  }
  return lineStarts;
}

const LIST_MARKER_LINE = /^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * R1 — a deviation of remark (micromark) from CommonMark, not of the dialect. After an indented code
 * block, even across blank lines, micromark still applies the rules for interrupting a paragraph,
 * so `    code` + `2. x` (or + blank + `* ` with nothing after the bullet) gives a paragraph where
 * CommonMark (spec §5.2, cmark) gives a list: micromark/micromark pull request #228. Such a
 * top-level paragraph, right after indented code and opening with a list marker, is parsed again
 * on its own — where nothing precedes it, as CommonMark reads it — and the result takes its place.
 */
function withoutIndentedCodeInterrupt(tree: MdNode, text: string, lineStarts: number[], parse: Parse): MdNode {
  const children = tree.children ?? [];
  const fixed: MdNode[] = [];
  children.forEach((child, index) => {
    const previous = children[index - 1];
    const start = child.position?.start;
    const end = child.position?.end;
    const afterIndentedCode =
      previous?.type === 'code' &&
      previous.position?.start.offset !== undefined &&
      !/^(`{3}|~{3})/.test(text.slice(previous.position.start.offset, previous.position.start.offset + 3));
    if (child.type !== 'paragraph' || !afterIndentedCode || !start || !end || end.offset === undefined) {
      fixed.push(child);
      return;
    }
    const line = start.line - 1;
    const source = text.slice(lineStarts[line], end.offset);
    if (!LIST_MARKER_LINE.test(source)) {
      fixed.push(child);
      return;
    }
    const shift = (node: MdNode): MdNode => ({
      ...node,
      position: node.position && {
        start: shiftPoint(node.position.start, line, lineStarts[line]),
        end: shiftPoint(node.position.end, line, lineStarts[line]),
      },
      children: node.children?.map(shift),
    });
    fixed.push(...(parse(source).children ?? []).map(shift));
  });
  return { ...tree, children: fixed };
}

function shiftPoint(point: Point, lines: number, offset: number): Point {
  return { line: point.line + lines, column: point.column, offset: point.offset === undefined ? undefined : point.offset + offset };
}

function remarkView(text: string, tree: MdNode): RemarkView {
  const lines = splitLines(text);
  const lineStarts = lineStartOffsets(text);
  const view: View = { headings: [], fences: [], items: [], 'quote starts': [], 'quote lines': [] };
  const inQuote: number[] = new Array(lines.length).fill(-1); // the outermost blockquote covering the line
  const inListQuote: boolean[] = new Array(lines.length).fill(false); // ... when a list item holds it
  let quoteCount = 0;

  const firstNonBlank = (line: number): string => /^[ \t]*(.?)/.exec(lines[line] ?? '')![1];

  const visit = (node: MdNode, quoteIndex: number, inListItem: boolean): void => {
    let childQuote = quoteIndex;
    const position = node.position;
    if (position && BLOCK_TYPES.has(node.type)) {
      const startLine = position.start.line - 1;
      const endLine = lastLineOf(node);
      const offset = position.start.offset ?? lineStarts[startLine] + position.start.column - 1;
      const prefix = text.slice(lineStarts[startLine], offset);
      const rest = text.slice(offset, lineStarts[startLine] + lines[startLine].length);
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
          // Fences are compared wherever they open, N1 lines included: the scanner records them all.
          if (open) {
            const close = CLOSING_FENCE.exec(lines[endLine]);
            const closed =
              endLine > startLine && !!close && close[1][0] === open[1][0] && close[1].length >= open[1].length;
            view.fences.push(fenceEntry(startLine, runsToEnd(lines, endLine, closed) ? 'end' : endLine, closed));
          }
          break;
        }
        case 'listItem':
          // N1: `* * x` is one item line for the scanner (the outer item is counted); `> * x` is a quote line.
          if (firstOnLine) addUnique(view.items, `${lineLabel(startLine)} item`);
          break;
        case 'blockquote':
          // N1: `> > x` and `> a` + `> > b` are quote lines continuing the outer quote; `* > x` is a list-item line.
          if (firstOnLine) addUnique(view['quote starts'], `${lineLabel(startLine)} quote start`);
          if (quoteIndex < 0) {
            childQuote = quoteCount++;
            for (let line = startLine; line <= endLine; line++) {
              inQuote[line] = childQuote;
              inListQuote[line] = inListItem;
            }
          }
          break;
      }
    }
    for (const child of node.children ?? []) visit(child, childQuote, inListItem || node.type === 'listItem');
  };
  visit(tree, -1, false);

  // A quote line: inside a blockquote that no list item holds, with a `>` marker first, at most three
  // spaces in (so not a lazy line such as `    > x`, and not `* > x`, a list-item line under N1).
  // Inside list items the marker's column depends on the item's content column, which mdast does
  // not record, so quote lines there are not compared; their quote starts are.
  for (let line = 0; line < lines.length; line++) {
    if (inQuote[line] >= 0 && !inListQuote[line] && /^ {0,3}>/.test(lines[line])) view['quote lines'].push(`${lineLabel(line)} quote`);
  }
  for (const category of CATEGORIES) view[category].sort((a, b) => sortKey(a) - sortKey(b));
  return { view, inQuote, inListQuote };
}

/**
 * An unclosed fence with only blank lines after it runs to the end of the document. remark and the
 * scanner disagree on whether trailing blank lines belong to it, which says nothing about structure.
 */
function runsToEnd(lines: string[], endLine: number, closed: boolean): boolean {
  return !closed && lines.slice(endLine + 1).every((line) => /^[ \t]*$/.test(line));
}

function fenceEntry(startLine: number, endLine: number | 'end', closed: boolean): string {
  return `${lineLabel(startLine)}–${endLine === 'end' ? 'end' : endLine + 1}${closed ? '' : ' (unclosed)'}`;
}

/**
 * R2: the last line a block covers. micromark ends a block that its container closes (an unclosed
 * fence in a list item) at column 1 of the next line; that line is not part of the block.
 */
function lastLineOf(node: MdNode): number {
  const { start, end } = node.position!;
  return end.column === 1 && end.line > start.line ? end.line - 2 : end.line - 1;
}

function scannerView(scanned: ScannedDocument, quoteInfo: RemarkView): View {
  const view: View = { headings: [], fences: [], items: [], 'quote starts': [], 'quote lines': [] };
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
      case 'quote':
        // Quote lines inside list items are not compared (see remarkView).
        if (!quoteInfo.inListQuote[index]) view['quote lines'].push(`${lineLabel(index)} quote`);
        break;
    }
    // The scanner marks the lines whose first marker opens a new blockquote (N1: as remark's firstOnLine).
    if (line.quoteStart) view['quote starts'].push(`${lineLabel(index)} quote start`);
  });
  for (const fence of scanned.fences) {
    // The same rule as remark's side: an unclosed fence with only blank lines after it runs to the end.
    view.fences.push(fenceEntry(fence.startLine, runsToEnd(scanned.lines, fence.endLine, fence.closed) ? 'end' : fence.endLine, fence.closed));
  }
  return view;
}

/** Parses `text` both ways and compares the views. `scan` is injectable so the comparison itself can be tested. */
export function compare(text: string, parse: Parse, scan: (text: string) => ScannedDocument = scanDocument): Comparison {
  const remarkText = withoutBulletVs16(text);
  const tree = withoutIndentedCodeInterrupt(parse(remarkText), remarkText, lineStartOffsets(remarkText), parse);
  const remarkSide = remarkView(remarkText, tree);
  const remark = remarkSide.view;
  const scanned = scan(text);
  const scanner = scannerView(scanned, remarkSide);
  const differences: Comparison['differences'] = [];
  for (const category of CATEGORIES) {
    const remarkSet = new Set(remark[category]);
    const scannerSet = new Set(scanner[category]);
    const remarkOnly = remark[category].filter((entry) => !scannerSet.has(entry));
    const scannerOnly = scanner[category].filter((entry) => !remarkSet.has(entry));
    if (remarkOnly.length || scannerOnly.length) {
      differences.push({ category, remarkOnly, scannerOnly });
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
      const end = lastLineOf(node);
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

export function describeMismatch(name: string, comparison: Comparison, wholeDocument: boolean): string {
  const parts = [`${name}: scanner and CommonMark disagree`];
  for (const difference of comparison.differences) {
    parts.push(
      `  [${difference.category}]`,
      `    remark only : ${difference.remarkOnly.join(', ') || '—'}`,
      `    scanner only: ${difference.scannerOnly.join(', ') || '—'}`,
    );
  }
  if (wholeDocument) {
    parts.push(`  the document (${comparison.lines.length} lines):`, describeLines(comparison, 0, comparison.lines.length - 1));
  } else {
    // Three lines around each differing line (the first eight of them), windows merged.
    const differing = [
      ...new Set(
        comparison.differences.flatMap((difference) => [...difference.remarkOnly, ...difference.scannerOnly].map((entry) => sortKey(entry) - 1)),
      ),
    ]
      .sort((a, b) => a - b)
      .slice(0, 8);
    const windows: [number, number][] = [];
    for (const line of differing) {
      const from = Math.max(0, line - 3);
      const to = Math.min(comparison.lines.length - 1, line + 3);
      const last = windows[windows.length - 1];
      if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
      else windows.push([from, to]);
    }
    for (const [from, to] of windows) {
      parts.push(`  excerpt, lines ${from + 1}–${to + 1}:`, describeLines(comparison, from, to));
    }
  }
  if (wholeDocument) parts.push(`  as a string: ${JSON.stringify(comparison.lines.join('\n'))}`);
  return parts.join('\n');
}

/**
 * Greedily drops lines while `keep` (by default: some difference remains) holds, so a fuzz failure
 * is shown small.
 */
export function minimise(
  text: string,
  parse: Parse,
  scan: (text: string) => ScannedDocument = scanDocument,
  keep: (comparison: Comparison) => boolean = (comparison) => comparison.differences.length > 0,
): string {
  let lines = splitLines(text);
  for (let changed = true; changed; ) {
    changed = false;
    for (let index = 0; index < lines.length && lines.length > 1; index++) {
      const candidate = [...lines.slice(0, index), ...lines.slice(index + 1)];
      if (keep(compare(candidate.join('\n'), parse, scan))) {
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

export function fuzzDocument(seed: number): string {
  const fuzzer = new Fuzzer(seed);
  const out: string[] = [];
  for (let blocks = fuzzer.int(2, 10); blocks > 0; blocks--) {
    const choice = fuzzer.int(0, 9);
    if (choice === 0) fuzzFence(fuzzer, out);
    else if (choice === 1) fuzzList(fuzzer, out);
    else for (let count = fuzzer.int(1, 3); count > 0; count--) out.push(fuzzLine(fuzzer));
  }
  // Some documents end with a newline, some use CRLF, as notes do.
  return out.join(fuzzer.chance(0.15) ? '\r\n' : '\n') + (fuzzer.chance(0.5) ? '\n' : '');
}

