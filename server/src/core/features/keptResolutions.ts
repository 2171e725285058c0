/**
 * The resolutions of the references of the note a writer is typing in, kept from one keystroke
 * to the next. The note is checked again at each keystroke, and most of its references lead into
 * other notes that the keystroke did not touch: in the 74 KB note of the 10,000-note benchmark,
 * resolving its hundred targets again was a third of a keystroke's work in the core.
 *
 * A kept resolution is given again only when nothing it can have read has changed since:
 * - no other note changed (`changesOnlyTo`);
 * - no note came, went or changed the names or kinds of its anchors (`anchorGeneration`), which
 *   is what the lookups by name across the workspace answer from;
 * - the history, its patches and the resolver's options are the same, and so are the sibling
 *   collections, unchanged (a name this note's links look for there may have come or gone);
 * - the resolution did not read the referring note itself (`readsOwnNote`: a target in this note,
 *   or any target without a file part, looked for in this note first), since that note is the one
 *   that changes. Book references (`🗄️ Chang knife skills`) have no file part, so what the 📚
 *   lists say is never kept here;
 * - the note links the same sections under each name (`expectedSections`): the sections linked
 *   under a name, this note's among them, tell a note renamed without history and where a note's
 *   lost sections went;
 * - the reference is written the same way at the same place (its key holds every field, ranges
 *   included, so a fix's edits still fall on the right characters).
 */

import type { Range } from '../text/positions';
import type { Reference } from '../syntax/note';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { expectedSections } from '../index/noteKeys';
import { resolveReferenceReading, type Resolution, type ResolverOptions } from './resolve';

interface Stamp {
  path: string;
  changeCount: number;
  anchorGeneration: number;
  history: WorkspaceIndex['history'];
  hasPatches: boolean;
  options: ResolverOptions;
  expectedSections: string;
  /** The sibling collections and how far each has changed (`siblingsState`). */
  siblings: string;
}

class KeptResolutions {
  private stamp: Stamp | undefined;
  private kept = new Map<string, Resolution>();

  constructor(private readonly index: WorkspaceIndex) {}

  /** The resolutions of `references`, written in the note at `path`, in their order. */
  resolveAll(path: string, references: readonly Reference[], options: ResolverOptions): Resolution[] {
    const previous = this.stillHolds(path, options) ? this.kept : undefined;
    const kept = new Map<string, Resolution>();
    const resolutions = references.map((reference) => {
      const key = referenceKey(reference);
      const known = previous?.get(key) ?? kept.get(key);
      if (known) {
        kept.set(key, known);
        return known;
      }
      const { resolution, readsOwnNote } = resolveReferenceReading(this.index, path, reference, options);
      if (!readsOwnNote) kept.set(key, resolution);
      return resolution;
    });
    this.kept = kept;
    this.stamp = this.stampNow(path, options);
    return resolutions;
  }

  private stillHolds(path: string, options: ResolverOptions): boolean {
    const stamp = this.stamp;
    const index = this.index;
    return (
      stamp !== undefined &&
      stamp.path === path &&
      stamp.options === options &&
      stamp.history === index.history &&
      stamp.hasPatches === Boolean(index.history?.hasPatches) &&
      stamp.anchorGeneration === index.anchorGeneration &&
      index.changesOnlyTo(path, stamp.changeCount) &&
      stamp.expectedSections === this.expectedSectionsOf(path) &&
      stamp.siblings === siblingsState(index)
    );
  }

  private expectedSectionsOf(path: string): string {
    const note = this.index.getNote(path)?.note;
    return note ? expectedSections(note, path) : '';
  }

  private stampNow(path: string, options: ResolverOptions): Stamp {
    const index = this.index;
    return {
      path,
      changeCount: index.changeCount,
      anchorGeneration: index.anchorGeneration,
      history: index.history,
      hasPatches: Boolean(index.history?.hasPatches),
      options,
      expectedSections: this.expectedSectionsOf(path),
      siblings: siblingsState(index),
    };
  }
}

/**
 * Which sibling collections the index has, how many changes each has seen and which history each
 * has read (what it says of a name it no longer has): a link that looked in them is kept while
 * this holds.
 */
function siblingsState(index: WorkspaceIndex): string {
  return index.siblings.map((sibling) => `${sibling.name}\u0000${sibling.index.changeCount}\u0000${historyNumber(sibling.index.history)}`).join('\u0001');
}

/** A number for each history object read (0 for none), to tell one from the next in a stamp. */
function historyNumber(history: object | undefined): number {
  if (!history) return 0;
  let number = historyNumbers.get(history);
  if (number === undefined) historyNumbers.set(history, (number = ++historiesNumbered));
  return number;
}

const historyNumbers = new WeakMap<object, number>();
let historiesNumbered = 0;

const keptByIndex = new WeakMap<WorkspaceIndex, KeptResolutions>();

/**
 * Resolves the references of the note at `path`. For the note changed last (the one being typed
 * in) the resolutions are kept and given again while they hold; any other note (a check going
 * through the whole workspace) is resolved afresh, at no cost beyond that.
 */
export function resolveReferencesOf(index: WorkspaceIndex, path: string, references: readonly Reference[], options: ResolverOptions): Resolution[] {
  if (path !== index.lastChangedPath) {
    return references.map((reference) => resolveReferenceReading(index, path, reference, options).resolution);
  }
  let kept = keptByIndex.get(index);
  if (!kept) keptByIndex.set(index, (kept = new KeptResolutions(index)));
  return kept.resolveAll(path, references, options);
}

/** Every field of a reference, in one string: two references with one key resolve alike in the same workspace. */
export function referenceKey(reference: Reference): string {
  const { file, section } = reference;
  return [
    reference.form,
    reference.line,
    rangeKey(reference.range),
    rangeKey(reference.markerRange),
    `${Number(reference.tentative)}${Number(reference.empty)}${Number(reference.inFence)}`,
    file ? `${Number(file.bare)}${rangeKey(file.range)}\u0001${file.text}` : '',
    section ? `${Number(section.quoted)}${rangeKey(section.range)}\u0001${section.text}` : '',
    reference.text,
  ].join('\u0000');
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
