/**
 * Sibling collections (DIALECT §8.6: "sibling roots should be configurable; targets found there
 * resolve normally"): a name no note of this collection has, and that its history does not
 * account for, is looked for in the other collections, in their order, by the same file rules
 * from their root (a path that starts with a sibling's name first of all), or, when none has it,
 * in the one whose history renamed or deleted it. The link is then resolved there as that
 * collection would resolve it, and its fixes are kept only where, written here, they lead to the
 * place they name.
 */

import type { Reference } from '../../syntax/note';
import type { SiblingCollection, WorkspaceIndex } from '../../index/workspaceIndex';
import { applyTextEdits, makeRange } from '../../text/positions';
import { FILE_CABINET, lineTargets } from '../../syntax/references';
import type { NoteLocation, ReferenceFix, Resolution, ResolverOptions } from '../resolve';
import { findNoteByRules, withoutRootAlias } from './noteNames';
import { matchSection } from './sectionMatch';
import { MissingNoteResolver } from './missingNotes';
import { followHistory } from '../../index/history';

/**
 * True while a sibling's fix is tried from here (`leadsFromHere`): the link it makes is resolved
 * once, and the fixes of that link are not tried in turn (they could lead back to it).
 */
let tryingSiblingFix = false;

/**
 * The sibling rules, between the rules for a note not found below and the resolver above, which
 * gives the resolver's entry point (`resolveIn`): a link is resolved again in a sibling's index,
 * and a fix again in this one.
 */
export abstract class SiblingResolver extends MissingNoteResolver {
  protected abstract resolveIn(index: WorkspaceIndex, fromPath: string, reference: Reference, options: ResolverOptions): Resolution;

  /**
   * The note `name` in the first sibling collection that has it, and the link's section looked
   * for there as in any link of that collection. When none has it but the history of one renamed
   * or deleted it, what that collection says of the name (the note it became, the fix there).
   * Undefined when no sibling knows the name.
   */
  protected inSiblings(name: string): Resolution | undefined {
    if (this.index.siblings.length > 0) this.lookedInSiblings = true;
    const note = firstSiblingNote(this.index, name, this.reference.section?.text, () => (this.readSiblingNotes = true)) ?? siblingHistoryKnowing(this.index, name);
    if (!note) return undefined;
    // Resolved there: the verdict reads that collection's notes.
    this.readSiblingNotes = true;
    const { sibling, path } = note;
    // The link as that collection would read it: the note by its path there, the rest as written.
    const reference: Reference = { ...this.reference, file: { ...this.reference.file!, text: path } };
    const found = this.resolveIn(sibling.index, '', reference, { rootAliases: [...sibling.rootAliases] });
    const there = <T extends NoteLocation>(location: T): T => ({ ...location, root: sibling.name });
    // While a fix is being tried (`leadsFromHere`) its link's own fixes are not: only where it leads matters.
    const keep = (fix: ReferenceFix) => !tryingSiblingFix && this.leadsFromHere(fix, sibling.name);
    const choices = found.choices?.filter(keep).map((fix) => ({ ...fix, target: there(fix.target) }));
    return {
      status: found.status,
      kind: found.kind,
      fileRule: 'sibling',
      target: found.target && there(found.target),
      related: found.related.map(there),
      ...(found.note ? { note: there(found.note) } : {}),
      message: inCollection(found.message, [path, ...(found.fix ? [found.fix.target.path] : []), ...found.related.map((place) => place.path), ...(found.choices ?? []).map((fix) => fix.target.path)], sibling.name),
      fix: found.fix && keep(found.fix) ? { ...found.fix, target: there(found.fix.target) } : undefined,
      choices: choices?.length ? choices : undefined,
    };
  }

  /** Whether `name` starts with a sibling collection's name (one of its root aliases) that no folder of this collection has. */
  protected namesSibling(name: string): boolean {
    return this.index.siblings.some((sibling) => withoutRootAlias(this.index, name, sibling.rootAliases) !== undefined);
  }

  /**
   * A `.com` (or `.py`) for `.md` whose `.md` spelling `stemToken` is a sibling's note: the fix
   * writes that spelling, when it leads there. Undefined when no sibling has the note.
   */
  protected typoInSiblings(stemToken: string, written: string, extension: string): Resolution | undefined {
    const sibling = this.inSiblings(stemToken);
    if (sibling?.status !== 'resolved' || !sibling.target) return undefined;
    const md = written.replace(/\.[^./]+$/, '.md');
    const fix: ReferenceFix = { label: this.describeTarget(md, this.reference.section?.text), target: sibling.target, edits: [{ range: this.reference.file!.range, newText: md }], confidence: 'high' };
    return {
      status: 'dead_file', kind: 'typo-extension', related: [],
      message: `dead link: \`${written}\` is not a note (\`.${extension}\` looks like a typo for \`.md\`, meaning ${sibling.target.path} in ${sibling.target.root})`,
      fix: this.leadsFromHere(fix, sibling.target.root!) ? fix : undefined,
    };
  }

  /** Whether `fix`, applied to this link, makes it lead here to its target in the sibling collection `root`. */
  private leadsFromHere(fix: ReferenceFix, root: string): boolean {
    const reference = this.reference;
    const line = this.fromNote?.readLines()?.[reference.line];
    const { start, end } = reference.range;
    if (line === undefined || start.line !== end.line || fix.edits.some((edit) => edit.range.start.line !== start.line || edit.range.end.line !== start.line || edit.range.start.character < start.character || edit.range.end.character > end.character)) return false;
    // The link alone, edited, after a marker: an item of a bare 🗄 list reads so too.
    const local = fix.edits.map((edit) => ({ range: makeRange(0, edit.range.start.character - start.character, edit.range.end.character - start.character), newText: edit.newText }));
    const drafts = lineTargets(`${FILE_CABINET} ${applyTextEdits(line.slice(start.character, end.character), local)}`);
    if (drafts.length !== 1) return false;
    const edited: Reference = { ...drafts[0], line: reference.line, inFence: reference.inFence, markerRange: reference.markerRange, form: reference.form };
    tryingSiblingFix = true;
    let resolution: Resolution;
    try {
      resolution = this.resolveIn(this.index, this.fromPath, edited, this.options);
    } finally {
      tryingSiblingFix = false;
    }
    return resolution.status === 'resolved' && resolution.target?.root === root && resolution.target.path === fix.target.path && resolution.target.line === fix.target.line;
  }
}

/**
 * The first sibling collection, in their order, that has a note of the name (`siblingNote`), and
 * that note. `readNote` is told when a note's sections were read to choose among several.
 */
function firstSiblingNote(index: WorkspaceIndex, name: string, section: string | undefined, readNote: () => void): { sibling: SiblingCollection; path: string } | undefined {
  for (const sibling of index.siblings) {
    const path = siblingNote(sibling, name, section, readNote);
    if (path !== undefined) return { sibling, path };
  }
  return undefined;
}

/** The first sibling collection, in their order, whose history renamed or deleted a note of the name, and the name as it reads there. */
function siblingHistoryKnowing(index: WorkspaceIndex, name: string): { sibling: SiblingCollection; path: string } | undefined {
  for (const sibling of index.siblings) {
    const history = sibling.index.history;
    if (!history) continue;
    const path = withoutRootAlias(sibling.index, name, sibling.rootAliases) ?? name;
    if (followHistory(history, path, (candidate) => sibling.index.hasNote(candidate))) return { sibling, path };
  }
  return undefined;
}

/**
 * The note of the sibling collection that a written name (`.md` added) names, by the file rules
 * from its root, its own root aliases stripped (`phys-kb/optics.md`); of several, the one alone
 * holding `section`.
 */
function siblingNote(sibling: SiblingCollection, name: string, section: string | undefined, readNote: () => void): string | undefined {
  const lookup = findNoteByRules(sibling.index, '', withoutRootAlias(sibling.index, name, sibling.rootAliases) ?? name);
  if (!lookup) return undefined;
  if (lookup.paths.length === 1) return lookup.paths[0];
  if (section) readNote();
  const holding = section ? lookup.paths.filter((path) => matchSection(sibling.index.getNote(path)!, section, undefined)) : [];
  return holding.length === 1 ? holding[0] : undefined;
}

/**
 * A sibling collection's message, each of its notes it names said to be there at its first
 * mention: `optics.md (in phys-kb) has no section 'prisms'; it is in light.md (in phys-kb)`.
 */
function inCollection(message: string, paths: readonly string[], name: string): string {
  let said = message;
  for (const path of new Set(paths)) {
    // The path as a name of its own, not the end of a longer one (`light.md` in `lab/light.md`),
    // nor the link as written (`` no note `optics.md` ``).
    const mention = new RegExp(`(?<![\\p{L}\\p{N}_./\`-])${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_/\`-])`, 'u');
    said = said.replace(mention, (found) => `${found} (in ${name})`);
  }
  return said;
}
