/**
 * The section rules (DIALECT §8.4): which anchors of a note a section names, exactly, by an alias
 * or squashed, and the forms a section takes (a comma list, an `a > b` path, a heading followed by
 * commentary, a phrase written under a heading).
 */

import type { Anchor, AnchorKind } from '../../syntax/note';
import type { IndexedNote } from '../../index/workspaceIndex';
import { normalForm, queryKeys } from '../../index/normalize';
import { findPhrase, linkLineSkipper } from './sectionText';

const KIND_RANK: Record<AnchorKind, number> = { heading: 0, caps: 1, bold: 2, term: 3, item: 4, book: 5 };
const ALL_KINDS: readonly AnchorKind[] = ['heading', 'caps', 'bold', 'term', 'item', 'book'];
const HEADING_KINDS: readonly AnchorKind[] = ['heading', 'caps', 'bold'];

type Quality = 0 | 1 | 2; // exact, alias, squash

export interface AnchorMatch {
  index: number;
  anchor: Anchor;
  quality: Quality;
}

export interface SectionMatch {
  match: AnchorMatch;
  rule: string;
  /** For text-under-head: the line the leaf phrase is on. */
  line?: number;
}

/** The longest prefix of a section text tried as a section name followed by commentary (DIALECT §8.4). */
const MAX_SECTION_NAME = 1000;

/** Every anchor of `kinds` that `text` names, best first: kind, then exact / alias / squash. */
export function matchAnchors(entry: IndexedNote, text: string, kinds: readonly AnchorKind[], excludeLine: number | undefined): AnchorMatch[] {
  const found = anchorsNamed(entry, text, kinds, excludeLine);
  if (!found) return [];
  return [...found.entries()].map(([index, quality]) => ({ index, anchor: entry.anchor(index), quality })).sort(compareMatches);
}

/** The first of `matchAnchors`, found without sorting them all. */
function bestMatch(entry: IndexedNote, text: string, kinds: readonly AnchorKind[], excludeLine: number | undefined): AnchorMatch | undefined {
  const found = anchorsNamed(entry, text, kinds, excludeLine);
  if (!found) return undefined;
  let best: AnchorMatch | undefined;
  for (const [index, quality] of found) {
    const match = { index, anchor: entry.anchor(index), quality };
    if (!best || compareMatches(match, best) < 0) best = match;
  }
  return best;
}

/** The anchors of `kinds` that `text` names, each with its best quality (exact, alias, squash); undefined for none. */
function anchorsNamed(entry: IndexedNote, text: string, kinds: readonly AnchorKind[], excludeLine: number | undefined): Map<number, Quality> | undefined {
  const keys = queryKeys(text);
  if (!keys.normal) return undefined;
  let best: Map<number, Quality> | undefined;
  const consider = (indices: readonly number[], quality: Quality) => {
    for (const index of indices) {
      const anchor = entry.anchor(index);
      if (anchor.line === excludeLine || !kinds.includes(anchor.kind)) continue;
      const actual: Quality = quality === 1 && normalForm(anchor.text) === keys.normal ? 0 : quality;
      best ??= new Map();
      const previous = best.get(index);
      if (previous === undefined || actual < previous) best.set(index, actual);
    }
  };
  for (const variant of keys.variants) consider(entry.anchorsByAlias(variant), 1);
  for (const squashed of keys.squashes) consider(entry.anchorsBySquash(squashed), 2);
  return best;
}

/** Kind first (heading, ALL-CAPS line, …), then exact before alias before squash, then the earlier line. */
function compareMatches(a: AnchorMatch, b: AnchorMatch): number {
  return KIND_RANK[a.anchor.kind] - KIND_RANK[b.anchor.kind] || a.quality - b.quality || a.anchor.line - b.anchor.line;
}

function ruleName(match: AnchorMatch): string {
  const kind = match.anchor.kind === 'item' ? 'item-head' : match.anchor.kind === 'book' ? 'book-entry' : match.anchor.kind;
  return `${kind}${match.quality === 0 ? '' : match.quality === 1 ? '-alias' : '-squash'}`;
}

const PATH_SEPARATOR = /\s+>\s+|\s*>\s*|\s+\/\s+|\//;

/** Between the headings of a path (`cheap whisk > hinge`); `/` is left out, as it more often joins two words of one name (`oil / wax`). */
const NESTED = /\s*>\s*/;

/**
 * Every heading a section names in its note, the leaf first: `cheap whisk > hinge` names `hinge`
 * and `cheap whisk`, which move together; a plain name names itself.
 */
export function pathHeadings(section: string): string[] {
  return [lastPathComponent(section), ...section.split(NESTED).slice(0, -1)].map((name) => name.trim()).filter(Boolean);
}

export function lastPathComponent(section: string): string {
  const parts = section.split(PATH_SEPARATOR).map((part) => part.trim()).filter(Boolean);
  return parts.length > 0 ? parts[parts.length - 1] : section;
}

/**
 * DIALECT §8.4: the whole string first, then a comma list, then an `a > b` / `a / b` / `a/b`
 * path, then the longest word prefix that is a heading.
 */
export function matchSection(entry: IndexedNote, section: string, excludeLine: number | undefined): SectionMatch | undefined {
  const whole = bestMatch(entry, section, ALL_KINDS, excludeLine);
  if (whole) return { match: whole, rule: whole.anchor.kind === 'heading' && whole.quality === 0 ? 'exact-heading' : ruleName(whole) };

  if (/,\s/.test(section)) {
    const parts = section.split(/,\s+/).map((part) => part.trim()).filter(Boolean);
    const matches = parts.map((part) => matchPathOrWhole(entry, part, excludeLine));
    const first = matches.find((match) => match !== undefined);
    if (first) return { match: first.match, line: first.line, rule: matches.every(Boolean) ? 'list' : 'list-partial' };
  }
  const path = matchPath(entry, section, excludeLine);
  if (path) return path;

  // A path says where the section is; a missing leaf is dead, not commentary to absorb.
  if (/\s>\s|\s\/\s/.test(section)) return undefined;
  // Longest first, and none longer than a section name can be: each prefix is normalised anew,
  // and a line of thousands of words took minutes (found by the fuzz run).
  const words = section.split(/\s+/);
  let length = words.length - 1;
  let characters = words.slice(0, length).join(' ').length;
  while (length >= 1 && characters > MAX_SECTION_NAME) characters -= words[--length].length + 1;
  for (; length >= 1; length--) {
    const prefix = bestMatch(entry, words.slice(0, length).join(' '), HEADING_KINDS, excludeLine);
    if (prefix) return { match: prefix, rule: 'prefix' };
  }
  return undefined;
}

function matchPathOrWhole(entry: IndexedNote, text: string, excludeLine: number | undefined): SectionMatch | undefined {
  const whole = bestMatch(entry, text, ALL_KINDS, excludeLine);
  return whole ? { match: whole, rule: ruleName(whole) } : matchPath(entry, text, excludeLine);
}

/** `a > b`: the leaf must match; each earlier component should match an ancestor of it. */
function matchPath(entry: IndexedNote, section: string, excludeLine: number | undefined): SectionMatch | undefined {
  if (!PATH_SEPARATOR.test(section)) return undefined;
  const components = section.split(PATH_SEPARATOR).map((part) => part.trim()).filter(Boolean);
  if (components.length < 2) return undefined;
  const leaf = components[components.length - 1];
  const heads = components.slice(0, -1);
  const leafMatches = matchAnchors(entry, leaf, ALL_KINDS, excludeLine);
  for (const leafMatch of leafMatches) {
    if (ancestorsMatch(entry, leafMatch.index, heads)) return { match: leafMatch, rule: 'path' };
  }
  const leafOnly = leafMatches.find((match) => match.anchor.kind !== 'item');
  if (leafOnly) return { match: leafOnly, rule: 'path-leaf' };
  // The leaf is not an anchor, but the head is and the leaf is written below it: text-under-head.
  const head = bestMatch(entry, heads[heads.length - 1], ALL_KINDS, excludeLine);
  if (head) {
    const line = findTextInScope(entry, head.anchor, leaf, excludeLine);
    if (line !== undefined) return { match: head, line, rule: 'text-under-head' };
  }
  return undefined;
}

function ancestorsMatch(entry: IndexedNote, anchorIndex: number, heads: string[]): boolean {
  let remaining = heads.length - 1;
  let parent = entry.anchor(anchorIndex).parent;
  while (parent !== undefined && remaining >= 0) {
    if (matchAnchorsOne(entry, parent, heads[remaining])) remaining--;
    parent = entry.anchor(parent).parent;
  }
  return remaining < 0;
}

function matchAnchorsOne(entry: IndexedNote, anchorIndex: number, text: string): boolean {
  const keys = queryKeys(text);
  const anchorKeySet = entry.anchorKeys(anchorIndex);
  return keys.variants.some((variant) => anchorKeySet.aliases.has(variant)) || keys.squashes.some((squashed) => anchorKeySet.squashes.has(squashed));
}

/**
 * The first line below `head`, in its scope, where `phrase` occurs as whole words in prose (not in
 * a code fence or a URL): never `excludeLine`, the reference's own (it names the phrase), nor
 * another line holding a link, whose words are a link's, as the text-only rule has it (a rename
 * rewrote such a line and the link that found its words died).
 */
function findTextInScope(entry: IndexedNote, head: Anchor, phrase: string, excludeLine: number | undefined): number | undefined {
  return findPhrase(entry, phrase, head.line + 1, head.endLine, linkLineSkipper(entry, excludeLine));
}
