/**
 * Workspace symbols: headings, ALL-CAPS sub-headings, terms and 📚 books across all notes,
 * found by subsequence (`kniv` finds `KNIVES`, `ssmg` finds `slurry management`).
 */

import type { Range } from '../text/positions';
import type { AnchorKind } from '../syntax/note';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { composed, foldName } from '../text/names';

export interface WorkspaceSymbol {
  name: string;
  kind: AnchorKind;
  level: number;
  path: string;
  range: Range;
  /** The heading the symbol sits under, for the list's detail column. */
  container?: string;
}

const SYMBOL_KINDS = new Set<AnchorKind>(['heading', 'caps', 'bold', 'term', 'book']);

/**
 * How well `query` matches each name as a subsequence, as a function of the name; undefined when
 * it does not match. Lower is better. The query is folded once, for the many names one search
 * weighs, and each name alike: `crème` typed finds a heading macOS or a PDF wrote decomposed.
 */
export function subsequenceScorer(query: string): (name: string) => number | undefined {
  const wanted = foldName(query).replace(/\s+/g, '');
  return (name) => (wanted ? scoreFolded(wanted, name) : 0);
}

/** The score of `name` for a query already folded. */
function scoreFolded(wanted: string, name: string): number | undefined {
  const haystack = foldName(name);
  let score = 0;
  let at = -1;
  for (const char of wanted) {
    const next = haystack.indexOf(char, at + 1);
    if (next < 0) return undefined;
    // Gaps cost; a match at a word start costs nothing.
    const wordStart = next === 0 || /[\s_/(-]/.test(haystack[next - 1]);
    score += wordStart ? 0 : next - at - 1;
    at = next;
  }
  return score + (haystack.startsWith(wanted) ? 0 : 1) + haystack.length / 1000;
}

export function searchWorkspaceSymbols(index: WorkspaceIndex, query: string, limit = 500): WorkspaceSymbol[] {
  const scored: Array<{ symbol: WorkspaceSymbol; score: number }> = [];
  const scoreOf = subsequenceScorer(query);
  for (const { note } of index.allNotes()) {
    for (const anchor of note.anchors) {
      if (!anchor.text || !SYMBOL_KINDS.has(anchor.kind)) continue;
      const score = scoreOf(anchor.text);
      if (score === undefined) continue;
      const parent = anchor.parent === undefined ? undefined : note.anchors[anchor.parent];
      scored.push({ score, symbol: { name: composed(anchor.text), kind: anchor.kind, level: anchor.level, path: note.path, range: anchor.range, container: parent?.text } });
    }
  }
  scored.sort((a, b) => a.score - b.score || (a.symbol.path < b.symbol.path ? -1 : a.symbol.path > b.symbol.path ? 1 : a.symbol.range.start.line - b.symbol.range.start.line));
  return scored.slice(0, limit).map(({ symbol }) => symbol);
}
