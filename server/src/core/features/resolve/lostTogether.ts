/**
 * Where a note's lost material went, read from the collection (no history needed). A section
 * rarely leaves a note alone: a heading moves with its sub-sections, its ALL-CAPS lines and its
 * terms, and a note taken apart sends several sections to the same place. So when several notes
 * hold a section a note lacks, the one that also holds the other sections links expect there
 * (and it lacks) is where they went.
 */

import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { queryKeys } from '../../index/normalize';
import { pathHeadings } from './sectionMatch';

/**
 * A lost name more notes than this hold says nothing of where the material went: common names
 * (`sources`, `edge`) are in every part of the collection.
 */
export const RARE_HOLDERS = 8;

/** The keys of one name a note lacks: its spellings (`queryKeys(…).variants`). */
type LostName = readonly string[];

/**
 * Per index, per note, its lost names, with what they were read from: the sections its own links
 * without a note part name, those linked under its name (their version) and the anchors of the
 * notes (`anchorGeneration`). Most keystrokes change none of them, in the note typed in as in any
 * other, so they read nothing again.
 */
const lostMemo = new WeakMap<WorkspaceIndex, Map<string, { changeCount: number; own: string | undefined; version: number; anchorGeneration: number; lost: LostName[] }>>();

/**
 * The names that links expect in `origin` and that it has no heading, ALL-CAPS line, bold label
 * or term for, each once, when few notes hold them: the sections the collection's links name
 * under its note name (when no other note shares that name; `origin` may be a note gone, such as
 * one split into a folder), and those its own links without a note part name (a section moved out
 * of it takes such links along; one moved in brings them).
 */
export function lostNames(index: WorkspaceIndex, origin: string): readonly LostName[] {
  let memo = lostMemo.get(index);
  if (!memo) lostMemo.set(index, (memo = new Map()));
  const known = memo.get(origin);
  if (known && known.changeCount === index.changeCount) return known.lost;
  const basename = origin.slice(origin.lastIndexOf('/') + 1);
  const entry = index.getNote(origin);
  // The links under its name, when they can mean no other note (a note gone, split into a folder or deleted, included).
  const linked = index.notesWithFoldedBasename(basename).length === (entry ? 1 : 0) ? index.sectionsLinkedUnder(basename.replace(/\.md$/i, '')) : undefined;
  const version = linked?.version ?? -1;
  const unchanged = (own: string | undefined) => known !== undefined && known.own === own && known.version === version && known.anchorGeneration === index.anchorGeneration;
  // Only another note changed since (the one typed in): this one's own links are as they were, and need not be read.
  const typed = index.lastChangedPath;
  if (known && typed !== undefined && typed !== origin && index.changesOnlyTo(typed, known.changeCount) && unchanged(known.own)) {
    known.changeCount = index.changeCount;
    return known.lost;
  }
  const ownSections: string[] = [];
  for (const reference of entry?.note.references ?? []) {
    if (!reference.file && reference.section && !reference.inFence) ownSections.push(reference.section.text);
  }
  const own = entry ? ownSections.join('\n') : undefined;
  if (known && unchanged(own)) {
    known.changeCount = index.changeCount;
    return known.lost;
  }
  const sections = new Set<string>();
  for (const writer of linked?.writers ?? []) for (const section of writer.sections) sections.add(section);
  for (const section of ownSections) sections.add(section);
  const seen = new Set<string>();
  const lost: LostName[] = [];
  // A path (`cheap whisk > hinge`) expects each of its headings there: they move together.
  const names = [...sections].flatMap(pathHeadings);
  for (const name of names) {
    const { variants } = queryKeys(name);
    if (variants.length === 0 || seen.has(variants[0])) continue;
    seen.add(variants[0]);
    if (variants.some((variant) => index.noteHasAnchorKey(origin, variant))) continue;
    // A bare name that is a note's (`🗄 metals`) leads to that note, not to a lost section.
    if (index.hasNoteNamed(name)) continue;
    const holders = variants.reduce((count, variant) => count + index.countNotesWithAnchorKey(variant, RARE_HOLDERS + 1), 0);
    if (holders === 0 || holders > RARE_HOLDERS) continue;
    lost.push(variants);
  }
  memo.set(origin, { changeCount: index.changeCount, own, version, anchorGeneration: index.anchorGeneration, lost });
  return lost;
}

/**
 * Of `candidates` (notes holding a section `origin` lacks, `normal` its normal form), the one
 * holding more of `origin`'s other lost names than any other, and those names (a key of each);
 * undefined when none holds one or two tie. `searched` is told each name looked up (the verdict
 * depends on it).
 */
export function heldWithOtherLost(index: WorkspaceIndex, origin: string, normal: string, candidates: readonly string[], searched: (key: string) => void): { path: string; names: string[] } | undefined {
  const lost = lostNames(index, origin).filter((variants) => !variants.includes(normal));
  if (lost.length === 0) return undefined;
  let best: { path: string; names: string[] } | undefined;
  let tie = false;
  for (const variants of lost) for (const variant of variants) searched(variant);
  for (const path of candidates) {
    const names = lost.flatMap((variants) => variants.filter((variant) => index.noteHasAnchorKey(path, variant)).slice(0, 1));
    if (names.length === 0 || (best && names.length < best.names.length)) continue;
    tie = best !== undefined && names.length === best.names.length;
    if (!tie) best = { path, names };
  }
  return best && !tie ? best : undefined;
}
