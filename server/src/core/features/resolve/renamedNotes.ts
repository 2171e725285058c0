/**
 * A note renamed or taken apart where history cannot say so (no git, or a name git never knew),
 * read from the sections that the links still writing its old name name (DIALECT §8.6).
 */

import type { WorkspaceIndex } from '../../index/workspaceIndex';
import { queryKeys } from '../../index/normalize';
import { foldName } from '../../text/names';
import { mergeSorted } from '../../index/sortedSearch';
import { matchAnchors, pathHeadings } from './sectionMatch';
import type { AnchorKind } from '../../syntax/note';

/**
 * A note renamed without history's word is found by the sections links still name under its old
 * name: the note that holds at least this many of them (and half, and twice as many as any other).
 */
const RENAMED_MIN_SECTIONS = 3;
/** …one of them a section this many notes have at most (a note of everything has every common name, and no rare one). */
const RENAMED_RARE_HOLDERS = 4;

/**
 * A note taken apart where history cannot say so is found the same way: each note that holds at
 * least this many of the sections that links name under its old name and that few notes have…
 */
const TAKEN_MIN_RARE = 2;
/** …each of them a section this many notes have at most, took part of it. */
const TAKEN_RARE_HOLDERS = 2;

/** A section links name under a name no note has: its keys, and the name as the first of them writes it. */
interface NamedSection {
  variants: string[];
  text: string;
}

/** The kinds of anchor that count as a part's evidence: headings, ALL-CAPS lines and bold labels, not terms. */
const MOVED_KINDS: readonly AnchorKind[] = ['heading', 'caps', 'bold'];

/** A note that took part of a note taken apart: the rare sections linked under the old name that it holds, as links write them. */
export interface NoteHeir {
  path: string;
  rare: string[];
}

/**
 * What the links under a name no note has say of a note renamed: the note (if one), the sections
 * it holds and how many are named, the notes that each took part of it (`heirs`, whether or not
 * one took it whole), and the anchor keys looked up.
 */
export interface RenamedNoteGuess {
  path: string | undefined;
  held: number;
  named: number;
  heirs: readonly NoteHeir[];
  keys: readonly string[];
}

/**
 * Per index and name, the last guess, with what it was made from: the sections linked under the
 * name (their version) and the anchors of the notes (`anchorGeneration`). A keystroke that changes
 * neither (most do not) gives it again; a check asks once per name, not once per link.
 */
const renamedGuessMemo = new WeakMap<WorkspaceIndex, Map<string, { changeCount: number; anchorGeneration: number; version: number; named: Map<string, NamedSection>; guess: RenamedNoteGuess }>>();

/**
 * The note that `stem` (a name no note has) was renamed to, read from the sections the links
 * writing that name name (`Resolver.renamedBySections`): of the notes having a section few notes
 * have, the one holding most of them, at least three and half of them, and twice as many as any
 * other such note, unless it writes the name itself. And the notes that each took part of it
 * (`Resolver.takenApartBySections`): those holding two or more of those sections that at most two
 * notes have, as a heading, ALL-CAPS line or bold label, and no note writing the name has, unless
 * they write the name.
 */
export function renamedNoteGuess(index: WorkspaceIndex, stem: string): RenamedNoteGuess {
  let memo = renamedGuessMemo.get(index);
  if (!memo) renamedGuessMemo.set(index, (memo = new Map()));
  const name = foldName(stem);
  const known = memo.get(name);
  // Nothing changed since (a check asks once per link): not even the writers need be looked at.
  if (known && known.changeCount === index.changeCount) return known.guess;
  const { version, writers } = index.sectionsLinkedUnder(name);
  if (known && known.version === version && known.anchorGeneration === index.anchorGeneration) {
    known.changeCount = index.changeCount;
    return known.guess;
  }
  // Every link under the name counts, the referring note's own among them (kept resolutions
  // compare what that note links under such names, `expectedSections`, before giving one again).
  // The same sections have the same keys: a heading typed anywhere asks only where they are now.
  const named = known && known.version === version ? known.named : new Map<string, NamedSection>();
  if (named !== known?.named) {
    for (const { sections } of writers) {
      for (const section of sections) {
        // A path (`cocoa > stone`) names each of its headings in the note: they move together.
        for (const text of pathHeadings(section)) {
          const variants = queryKeys(text).variants;
          if (variants.length > 0 && !named.has(variants[0])) named.set(variants[0], { variants, text });
        }
      }
    }
  }
  const keys: string[] = [];
  // The notes having a rare section (few notes have it) are the candidates. Names are counted, not
  // listed: at 10,000 notes a common name (`safety`) has thousands, and a heading typed anywhere
  // asks again.
  const candidates = new Set<string>();
  const rareHeld = new Map<string, string[]>();
  const writerPaths = new Set(writers.map((writer) => writer.path));
  if (named.size >= TAKEN_MIN_RARE) {
    for (const { variants, text } of named.values()) {
      keys.push(...variants);
      // One spelling in more notes than that, and so is the name; else the spellings' notes are few to list.
      if (variants.some((variant) => index.countNotesWithAnchorKey(variant, RENAMED_RARE_HOLDERS + 1) > RENAMED_RARE_HOLDERS)) continue;
      const holders = variants.map((variant) => index.notesWithAnchorKey(variant)).reduce(mergeSorted, []);
      if (holders.length > RENAMED_RARE_HOLDERS) continue;
      if (named.size >= RENAMED_MIN_SECTIONS) for (const path of holders) candidates.add(path);
      // A section that a note linking the name has too is a name their topic shares, not material
      // that left (the real collection's notes on servers each have a QUEUES, and link each other).
      if (holders.length <= TAKEN_RARE_HOLDERS && !holders.some((path) => writerPaths.has(path))) {
        for (const path of holders) {
          // A term defined in two notes is a word of their topic, not material that moved: related
          // notes define the same terms (`config mgmt`, `streaming` in the real collection's notes).
          if (matchAnchors(index.getNote(path)!, text, MOVED_KINDS, undefined).length === 0) continue;
          const rare = rareHeld.get(path);
          if (rare) rare.push(text);
          else rareHeld.set(path, [text]);
        }
      }
    }
  }
  // A note that links the name itself knows it as another note, as for a rename.
  const heirs = [...rareHeld].filter(([path, rare]) => rare.length >= TAKEN_MIN_RARE && !writerPaths.has(path)).map(([path, rare]) => ({ path, rare }));
  heirs.sort((a, b) => b.rare.length - a.rare.length || (a.path < b.path ? -1 : 1));
  // A note with a section of every name (a glossary, a note of everything) holds most of any
  // name's sections, common names all: the renamed note has a rare one.
  const holds = (path: string) => [...named.values()].filter(({ variants }) => variants.some((variant) => index.noteHasAnchorKey(path, variant))).length;
  const [[best, most] = ['', 0], [, nextCandidate] = ['', 0]] = [...candidates].map((path) => [path, holds(path)] as const).sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1));
  let sure = most >= RENAMED_MIN_SECTIONS && 2 * most >= named.size && most >= 2 * nextCandidate && !writerPaths.has(best);
  if (sure) {
    // Twice as many as any other note, those with common names only among them: a common name
    // counts for every note that has it, the runner-up as much as the best. Listed only now, for
    // a name about to be read as renamed.
    const held = new Map<string, number>();
    for (const { variants } of named.values()) {
      for (const path of variants.map((variant) => index.notesWithAnchorKey(variant)).reduce(mergeSorted, [])) if (path !== best) held.set(path, (held.get(path) ?? 0) + 1);
    }
    for (const count of held.values()) if (2 * count > most) sure = false;
  }
  const guess = { path: sure ? best : undefined, held: most, named: named.size, heirs, keys };
  memo.set(name, { changeCount: index.changeCount, anchorGeneration: index.anchorGeneration, version, named, guess });
  return guess;
}
