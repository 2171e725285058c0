/**
 * The outline of a note (DIALECT §2): H1 sections, H2/H3, ALL-CAPS sub-headings and `__bold__`
 * labels beneath them, and terms. The title line and item heads are not part of it.
 */

import type { Range } from '../text/positions';
import type { AnchorKind, HeadingRole, Note } from '../syntax/note';
import { composed } from '../text/names';

/** A node of the outline: `# 🔪 KNIVES` is a section named `KNIVES` with icon `🔪`. */
export interface OutlineNode {
  name: string;
  kind: AnchorKind;
  role?: HeadingRole;
  level: number;
  icon?: string;
  /** The whole section, from its heading to the last line of its body. */
  range: Range;
  /** The name on the heading line. */
  selectionRange: Range;
  children: OutlineNode[];
}

export interface OutlineOptions {
  includeTerms: boolean;
}

/** Builds the outline tree. `lineLength` gives each line's UTF-16 length, so ranges end where lines do. */
export function computeOutline(note: Note, lineLength: (line: number) => number, options: OutlineOptions = { includeTerms: true }): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const nodes = new Map<number, OutlineNode>();
  note.anchors.forEach((anchor, index) => {
    if (anchor.role === 'title' || anchor.kind === 'item' || anchor.kind === 'book') return;
    if (anchor.kind === 'term' && !options.includeTerms) return;
    const node: OutlineNode = {
      // Composed (NFC): the outline's filter finds a heading macOS or a PDF wrote decomposed as typed.
      name: composed(anchor.text) || anchor.icon || '(untitled)',
      kind: anchor.kind,
      role: anchor.role,
      level: anchor.level,
      icon: anchor.icon,
      range: makeRangeOver(anchor.line, anchor.endLine, lineLength),
      selectionRange: anchor.range,
      children: [],
    };
    nodes.set(index, node);
    let parent = anchor.parent;
    while (parent !== undefined && !nodes.has(parent)) parent = note.anchors[parent].parent;
    (parent === undefined ? roots : nodes.get(parent)!.children).push(node);
  });
  return roots;
}

function makeRangeOver(startLine: number, endLine: number, lineLength: (line: number) => number): Range {
  return { start: { line: startLine, character: 0 }, end: { line: endLine, character: lineLength(endLine) } };
}

/** A plain-text rendering of the outline, one node a line, indented by depth: what `torii outline` prints. */
export function renderOutline(nodes: OutlineNode[], depth = 0): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    const label = node.kind === 'heading' ? `${'#'.repeat(node.level)} ${node.icon ? `${node.icon} ` : ''}${node.name}` : node.kind === 'term' ? `_${node.name}_` : node.name;
    lines.push(`${'  '.repeat(depth)}${label}  [${node.range.start.line + 1}-${node.range.end.line + 1}]`);
    lines.push(...renderOutline(node.children, depth + 1));
  }
  return lines;
}

