/**
 * Where a line of a note sits among its headings and labels, for the rankings of completion.
 */

import type { Anchor } from '../syntax/note';

/**
 * The section a writer is in at `line`: from the nearest heading above to the next heading of any
 * level. Under `# 🔪 KNIVES`, before its `## sharpening`, the sub-sections below are topics of
 * their own, so their authors are not this section's (they still count as the note's, by distance).
 * With `labels`, ALL-CAPS and `__bold__` labels bound it too (DIALECT §2.3: a label's scope runs to
 * the next label or heading): under `HONING` the part of the section that label heads.
 */
export function sectionAround(anchors: readonly Anchor[], line: number, labels: boolean): { start: number; end: number; label?: string } | undefined {
  const bounds = (anchor: Anchor) => anchor.kind === 'heading' || (labels && (anchor.kind === 'caps' || anchor.kind === 'bold'));
  let found: Anchor | undefined;
  for (const anchor of anchors) {
    if (!bounds(anchor) || anchor.role === 'title') continue;
    if (anchor.line <= line && anchor.endLine >= line && (!found || anchor.line > found.line)) found = anchor;
  }
  if (!found) return undefined;
  let end = found.endLine;
  for (const anchor of anchors) {
    if (bounds(anchor) && anchor.line > found.line && anchor.line <= end) end = anchor.line - 1;
  }
  return { start: found.line, end, label: found.kind === 'heading' ? undefined : found.text };
}
