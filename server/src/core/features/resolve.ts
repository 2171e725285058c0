/**
 * Resolving 🗄 targets (DIALECT §8.2–§8.7): classify the file part, find the note by the file
 * rules F1–F8, find the section by the section rules, and, when a link is dead, say why and
 * what the fix is. The resolver only consults the index; it never reads a file, so a target
 * such as `` `../../etc/passwd` `` is classified, never opened.
 *
 * A fix leads where the author meant, or is not offered: the place a section lives now is found
 * by history when the patches prove where it went, then among the notes history says took the
 * material, then by name across the collection when one note alone has it. Every fix says how
 * sure it is; only the sure ones are preferred and applied by "Fix all".
 *
 * This file is the resolver itself: the file part, links without one, and what a verdict says.
 * What it builds on lives beside it in `resolve/`: the sibling collections (`siblings`), a note
 * not found that history does not account for (`missingNotes`), dead sections (`deadSections`),
 * what every part shares and how a fix is written (`resolverBase`), the file rules (`noteNames`),
 * the section rules (`sectionMatch`), the searches of a note's text (`sectionText`), a note
 * renamed without history (`renamedNotes`) and history's clues (`historyClues`).
 */

import { applyTextEdits, makeRange, type Range } from '../text/positions';
import type { Reference } from '../syntax/note';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { normalForm, queryKeys } from '../index/normalize';
import { droppedFrom, finalPath, followHistory, referenceLineOrigin, referenceWrittenAt, splitAlongRenames, traceAnchor, type HistoryOutcome, type PathHistory } from '../index/history';
import { classifyFileToken, describeExternal, findNoteByRules, findSkippedFile, joinPath, readBareStem, shortestReferencePath, withoutRootAlias } from './resolve/noteNames';
import { SiblingResolver } from './resolve/siblings';
import { describeCount, homeText, withLeaf, type RenamedSection, type SectionHome } from './resolve/deadSections';
import { RARE_HOLDERS } from './resolve/lostTogether';
import { lastPathComponent, matchSection, type SectionMatch } from './resolve/sectionMatch';
import { findTypo } from './resolve/sectionText';
import { keepsLineReading, lineTargets } from '../syntax/references';
import { LONG_LINE, MAX_DIALECT_LINE } from '../syntax/parseNote';
import { authorKey } from '../text/names';

export { encloses } from './resolve/resolverBase';

export type ReferenceStatus = 'resolved' | 'dead_file' | 'dead_section' | 'external' | 'ambiguous';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface ResolverOptions {
  /** Leading path components that name the collection itself (`kb` in `` `kb/craft/glazes` ``). */
  rootAliases: readonly string[];
}

export const DEFAULT_RESOLVER_OPTIONS: ResolverOptions = { rootAliases: [] };

/** A line in a note: 0-based, as everywhere in the core. */
export interface NoteLocation {
  path: string;
  line: number;
  /** The sibling collection the place is in (`SiblingCollection.name`); absent for this one. */
  root?: string;
}

/** A replacement in the referring note. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * How sure a fix is. `high`: proven (history followed the note or the section there, the
 * extension typo `.com`, a legacy numbered name) or an exact anchor that one note alone has;
 * `medium`: one best candidate among others, or a name matched by alias; `low`: a guess (an
 * edit-distance typo, the note without the section the author named).
 */
export type FixConfidence = 'high' | 'medium' | 'low';

/** The fix of a dead link: the suggested target and the edits that write it into the reference. */
export interface ReferenceFix {
  /** How the reference reads after the fix: `` `care.md` rust removal ``. */
  label: string;
  target: NoteLocation;
  edits: TextEdit[];
  /** Set on every dead-link fix; only `high` fixes are preferred and applied by "Fix all". */
  confidence?: FixConfidence;
}

/**
 * What a resolution looked at besides the referring note: a note's anchors or text, and the
 * anchor names it searched the whole collection for. When one of these changes, the verdict may.
 */
export interface ResolutionDependencies {
  notes: string[];
  anchorKeys: string[];
  /** Note names (`nameStem`) whose links elsewhere the verdict read: which notes write them, and the sections they name. */
  names?: string[];
  /**
   * How the verdict depends on the sibling collections it looked in (a name this one has no note
   * of): `names`, only on which notes they have and what their histories say (a note there coming or
   * going, or a commit, may change it); `notes`, on their notes too (it read one of them).
   */
  siblings?: 'names' | 'notes';
}

/**
 * Where a 🗄 target leads. For `` 🗄 `metals.md` rust removal `` when that section is in
 * `care.md`: status `dead_section`, kind `moved-section`, a fix to `` `care.md` rust removal ``.
 */
export interface Resolution {
  status: ReferenceStatus;
  /** The rule that resolved it (`exact-heading`, `folder-meta`, …) or the reason it is dead or external. */
  kind: string;
  /** The file rule that found the note (`basename`, `folder-meta`, `root-alias`…), when a file part was resolved. */
  fileRule?: string;
  /** Where a resolved target leads: the anchor's line, or line 0 for a whole note. */
  target?: NoteLocation & { anchorText?: string };
  fix?: ReferenceFix;
  /** Other places worth showing: the notes an ambiguous target could mean, the line a text-only phrase is on. */
  related: Array<NoteLocation & { message: string }>;
  /**
   * When a few notes could be meant and nothing tells which: a fix toward each, for the user to
   * pick (never preferred, never applied by Fix All). Each leads to its note once applied.
   */
  choices?: ReferenceFix[];
  /**
   * A dead section's note: the one the file part found, which lacks the section. Go to definition
   * opens it, and a move of that note takes the link along.
   */
  note?: NoteLocation;
  /** The sentence a user reads in the Problems panel or the CLI. */
  message: string;
  severity?: Severity;
  dependsOn?: ResolutionDependencies;
}

/** The index a place is in: this collection's, or that of the sibling collection it names (`NoteLocation.root`). */
export function indexOfPlace(index: WorkspaceIndex, place: { root?: string }): WorkspaceIndex | undefined {
  return place.root === undefined ? index : index.siblings.find((sibling) => sibling.name === place.root)?.index;
}

/** A place's sibling collection as a field to spread into another place: `{ root }`, or nothing for this collection's. */
export function rootOf(place: { root?: string }): { root?: string } {
  return place.root === undefined ? {} : { root: place.root };
}

/** A place's note as a user reads it: `optics.md`, or `optics.md (in phys-kb)` in a sibling collection. */
export function placeName(place: { path: string; root?: string }): string {
  return place.root === undefined ? place.path : `${place.path} (in ${place.root})`;
}

/** Resolves one 🗄 target written in the note at `fromPath`. */
export function resolveReference(index: WorkspaceIndex, fromPath: string, reference: Reference, options: ResolverOptions = DEFAULT_RESOLVER_OPTIONS): Resolution {
  return resolveReferenceReading(index, fromPath, reference, options).resolution;
}

/**
 * `resolveReference`, and whether the verdict read the referring note itself (its anchors, its
 * text, a same-note section): one that did not depends on the other notes and the workspace's
 * tables alone, so a keystroke that changes neither cannot change it.
 */
export function resolveReferenceReading(index: WorkspaceIndex, fromPath: string, reference: Reference, options: ResolverOptions): { resolution: Resolution; readsOwnNote: boolean } {
  const resolver = new Resolver(index, fromPath, reference, options);
  const resolution = resolver.resolve();
  // A fix that puts a note part before a link's section adds backticks: beside a stray one on the
  // line (`` `🗄 care ``) they would pair with it and the line would read otherwise. No such fix.
  if (!reference.file && (resolution.fix || resolution.choices)) {
    const line = index.getNote(fromPath)?.readLines()?.[reference.line];
    if (line !== undefined) keepFixes(resolution, (fix) => fixKeepsLineReading(line, reference.line, fix));
  }
  // A fix that would make its line too long to be read for the dialect would lead nowhere: none.
  // The line's length is looked up only for a fix that lengthens it.
  let length: number | undefined;
  const lineLength = () => (length ??= index.getNote(fromPath)?.note.longLines?.find((long) => long.line === reference.line)?.length ?? LONG_LINE);
  keepFixes(resolution, (fix) => {
    const growth = lineGrowth(reference.line, fix);
    return growth <= 0 || lineLength() + growth <= MAX_DIALECT_LINE;
  });
  resolution.severity = reference.inFence ? undefined : severityOf(resolution, reference);
  const readsOwnNote = !reference.file || resolver.consultedItsOwnNote();
  resolution.dependsOn = resolver.dependencies();
  return { resolution, readsOwnNote };
}

/**
 * Whether `fix`, applied to `line` (number `lineNumber`), leaves the rest of the line reading as it
 * did (`keepsLineReading`, the check rename and moves make of what they write). An edit on another
 * line is not this line's to judge.
 */
function fixKeepsLineReading(line: string, lineNumber: number, fix: ReferenceFix): boolean {
  if (fix.edits.some((edit) => edit.range.start.line !== lineNumber || edit.range.end.line !== lineNumber)) return true;
  return keepsLineReading(line, fix.edits.map((edit) => ({ start: edit.range.start.character, end: edit.range.end.character, newText: edit.newText })));
}

/** Drops the fix and the fixes to pick of `resolution` that `keeps` turns down. */
function keepFixes(resolution: Resolution, keeps: (fix: ReferenceFix) => boolean): void {
  if (resolution.fix && !keeps(resolution.fix)) resolution.fix = undefined;
  if (resolution.choices && !resolution.choices.every(keeps)) {
    const choices = resolution.choices.filter(keeps);
    resolution.choices = choices.length ? choices : undefined;
  }
}

/** How many characters `fix` adds to line `lineNumber` (negative when it shortens it). */
function lineGrowth(lineNumber: number, fix: ReferenceFix): number {
  let growth = 0;
  for (const edit of fix.edits) {
    if (edit.range.start.line === lineNumber && edit.range.end.line === lineNumber) growth += edit.newText.length - (edit.range.end.character - edit.range.start.character);
  }
  return growth;
}

function severityOf(resolution: Resolution, reference: Reference): Severity | undefined {
  switch (resolution.status) {
    case 'resolved':
      return undefined;
    case 'ambiguous':
      return 'information';
    case 'external':
      return resolution.kind === 'foreign-note' ? 'hint' : undefined;
    default:
      // `` 🗄 `pickles.md`? `` is the author's own question, not a link they rely on.
      return reference.tentative ? 'hint' : 'warning';
  }
}

/** The most words a 📚 author's name takes in a 🗄 link's section (`Ruiz de la Vega`). */
const MAX_AUTHOR_WORDS = 4;
const STOPWORDS = new Set(['a', 'an', 'the', 'for', 'of', 'to', 'from', 'and', 'or', 'in', 'on', 'with', 'by', 'at', 'as', 'is', 'et', 'al', 'both', 'this', 'that', 'these', 'those', 'my', 'i', 'it', 'be', 'into', 'about', 'idea']);

/** File rules that only guess (DIALECT §8.3): history beats them when the section is missing. */
const WEAK_FILE_RULES = new Set(['folder-meta', 'meta-prefix', 'basename-dirmismatch', 'case-insensitive']);
/** Section rules that read the section loosely: history's word on where the section went beats them. */
const LOOSE_SECTION_RULES = /^(prefix|path-leaf|text-under-head|list-partial|item-head)/;
/** File rules strong enough to read the last component of a path as a section (F8): the parent is where the path says. */
const STRONG_PARENT_RULES = new Set(['exact', 'same-dir', 'suffix', 'suffix-meta', 'basename']);

class Resolver extends SiblingResolver {
  /** The note name the file part asks for, `.md` added, once known. */
  private writtenName: string | undefined;

  protected resolveIn(index: WorkspaceIndex, fromPath: string, reference: Reference, options: ResolverOptions): Resolution {
    return resolveReference(index, fromPath, reference, options);
  }

  resolve(): Resolution {
    if (this.reference.empty) {
      return { status: 'dead_file', kind: 'empty', related: [], message: 'empty reference: 🗄 with no target after it' };
    }
    if (this.reference.file) return this.resolveWithFile(this.reference.file.text);
    return this.resolveSameNote(this.reference.section!.text);
  }

  // ── File part ────────────────────────────────────────────────────────────────────────────

  private resolveWithFile(written: string): Resolution {
    const fileText = `\`${written}\``;
    const classified = classifyFileToken(written);
    if (classified.kind === 'external') {
      // A name with a space and no extension reads as a shell command (`fd knife-db`), unless a
      // note has it: `knife care` for `knife care.md`, as collections whose names hold spaces write it.
      const asNote = classified.class === 'command' && !written.includes(';') ? this.findNote(`${written.trim()}.md`) : undefined;
      if (asNote) return this.withSection(asNote.paths, asNote.rule, this.reference.section?.text);
      return { status: 'external', kind: classified.class, related: [], message: `${fileText} is not a note (${describeExternal(classified.class)})` };
    }
    const fromRoot = withoutRootAlias(this.index, classified.token, this.options.rootAliases);
    const viaRootAlias = fromRoot !== undefined;
    let token = fromRoot ?? classified.token;
    if (token.startsWith('../') || token.startsWith('./')) {
      const joined = joinPath(this.fromFolder, token);
      if (joined === undefined) {
        return { status: 'external', kind: 'outside-workspace', related: [], message: `${fileText} points outside the workspace; Torii does not follow it` };
      }
      token = joined;
    }
    if (classified.kind === 'typo-extension') {
      const stemToken = token.replace(/\.[^./]+$/, '.md');
      const lookup = this.findNote(stemToken);
      if (lookup) return this.typoExtension(written, classified.extension, lookup);
      if (classified.extension === 'py') {
        return { status: 'external', kind: 'artifact:py', related: [], message: `${fileText} is not a note (a Python file)` };
      }
      const inSibling = this.typoInSiblings(stemToken, written, classified.extension);
      if (inSibling) return inSibling;
      // `.com` after 🗄 is autocomplete damage of `.md` (DIALECT §5.5), even when the note is gone:
      // a warning, with the fix the `.md` name would get (renamed, a slip on it, split) if any.
      const typo = `${fileText} is not a note (\`.com\` looks like a typo for \`.md\`)`;
      const md = written.replace(/\.[^./]+$/, '.md');
      const gone = this.fromHistory(stemToken, md) ?? this.fileNotFound(stemToken, md);
      if (gone.status === 'dead_file') {
        const noNote = `dead link: no note \`${md}\``;
        return { ...gone, message: gone.message.startsWith(noNote) ? `dead link: ${typo}, and there is no note \`${md}\`${gone.message.slice(noNote.length)}` : `dead link: ${typo}; ${gone.message.replace(/^dead link: /, '')}` };
      }
      return { status: 'dead_file', kind: 'typo-extension', related: [], message: `dead link: ${typo}, and there is no note \`${stemToken}\` either` };
    }
    const extensionless = !/\.md$/i.test(token);
    const name = extensionless ? `${token}.md` : token;
    this.writtenName = name;
    // A path that starts with a sibling collection's name (`phys-kb/light.md`), which no folder
    // here has, names that collection's note: it leads there before this collection's looser
    // rules find a note of the same basename here.
    if (!viaRootAlias && this.namesSibling(name)) {
      const sibling = this.inSiblings(name);
      if (sibling) return sibling;
    }
    const lookup = this.findNote(name);
    if (lookup) return this.withSection(lookup.paths, viaRootAlias ? 'root-alias' : lookup.rule, this.reference.section?.text);
    const unreadable = this.unreadableNote(name, written);
    if (unreadable) return unreadable;
    // F8 section-as-path: `bread/flour/rye.md` is section `rye` of `bread/flour.md`, when the
    // path finds that note where it says (a folder note or a basename elsewhere is only a guess).
    const asPath = this.sectionAsPath(name);
    if (asPath?.resolved) return asPath.resolved;
    const fromHistory = this.fromHistory(name, written);
    if (fromHistory) return fromHistory;
    if (asPath) return asPath.dead();
    const sibling = this.inSiblings(name);
    if (sibling) return sibling;
    if (extensionless) return this.extensionlessNotFound(name, written);
    return this.fileNotFound(name, written);
  }

  /**
   * A link to a file the workspace has but could not read as a note: it is there, so the link is
   * neither dead nor another collection's, and its section cannot be looked for. No diagnostic at
   * the link (the file's own says why it was not read); the hover tells.
   */
  private unreadableNote(name: string, written: string): Resolution | undefined {
    const file = findSkippedFile(this.index, this.fromFolder, name);
    if (!file) return undefined;
    const where = file.path === name ? '' : ` (${file.path})`;
    return {
      status: 'external',
      kind: 'unreadable-note',
      related: [{ path: file.path, line: 0, message: file.message }],
      message: `\`${written}\`${where} is in the workspace, but Torii does not read it as a note: ${file.message}`,
    };
  }

  /** The note a written path names, by the first file rule (F1–F7) that finds one. */
  protected findNote(name: string): { paths: string[]; rule: string } | undefined {
    return findNoteByRules(this.index, this.fromFolder, name);
  }

  /** F8: the parent of a path that names no note, found by a strong rule, with the last component as a section. */
  private sectionAsPath(name: string): { resolved?: Resolution; dead: () => Resolution } | undefined {
    const slash = name.lastIndexOf('/');
    if (slash <= 0) return undefined;
    const parentName = `${name.slice(0, slash)}.md`;
    const parentLookup = this.findNote(parentName);
    if (!parentLookup || parentLookup.paths.length !== 1 || !STRONG_PARENT_RULES.has(parentLookup.rule)) return undefined;
    const parent = parentLookup.paths[0];
    const pathSection = name.slice(slash + 1).replace(/\.md$/i, '');
    const own = this.reference.section?.text;
    const section = own ? `${pathSection} > ${own}` : pathSection;
    const match = matchSection(this.note(parent)!, section, this.excludedLine(parent));
    const fileText = `\`${this.reference.file!.text}\``;
    if (match) {
      const resolution = this.resolvedSection(parent, match, 'section-as-path');
      resolution.fileRule = parentLookup.rule;
      return { resolved: resolution, dead: () => resolution };
    }
    return {
      dead: () => {
        const sectionText = own ? `'${pathSection}' with '${own}' in it` : `'${pathSection}'`;
        const base = this.deadSection(parent, section);
        // What the dead section found (where it moved, a typo, text) follows the first `;`.
        const found = base.message.indexOf(';') >= 0 ? base.message.slice(base.message.indexOf(';')) : '';
        base.message = `dead link: no note ${fileText}, and ${parent} has no section ${sectionText}${found}`;
        return base;
      },
    };
  }

  /**
   * `notes.py` for `notes.md`. The fix writes the `.md` spelling, and weighs the section as any
   * file fix does (`pointAt`): the note with `.md` may lack it (it was once claimed sure whatever
   * the section, and Fix all left a dead section behind: found by the fix-all property).
   */
  private typoExtension(written: string, extension: string, lookup: { paths: string[]; rule: string }): Resolution {
    const resolution: Resolution = {
      status: 'dead_file',
      kind: 'typo-extension',
      related: [],
      message: `dead link: \`${written}\` is not a note (\`.${extension}\` looks like a typo for \`.md\`)`,
    };
    const base = resolution.message;
    const md = written.replace(/\.[^./]+$/, '.md');
    let path = lookup.paths[0];
    if (lookup.paths.length > 1) {
      // The `.md` spelling names several notes: the one with the section, written so as to find it
      // alone; else one fix to pick for each (the `.md` spelling alone would lead nowhere).
      const section = this.reference.section?.text;
      const holding = section ? lookup.paths.filter((candidate) => matchSection(this.note(candidate)!, section, this.excludedLine(candidate))) : [];
      if (holding.length !== 1) {
        resolution.message = `${base.slice(0, -1)}, and \`${md}\` matches ${lookup.paths.length} notes: ${lookup.paths.join(', ')})`;
        resolution.related = lookup.paths.map((candidate) => ({ path: candidate, line: 0, message: `candidate ${candidate}` }));
        resolution.choices = this.choicesAmong(lookup.paths);
        return resolution;
      }
      path = holding[0];
    }
    this.pointAt(resolution, path, lookup.paths.length === 1 ? 'high' : 'medium', path, lookup.paths.length === 1 ? md : undefined);
    // What `pointAt` adds speaks of the note the `.md` spelling means: name it.
    if (resolution.message !== base) resolution.message = `${base.slice(0, -1)}, meaning ${path})${resolution.message.slice(base.length)}`;
    return resolution;
  }


  /**
   * DIALECT §8.6 steps 1–2: the collection's history knows the name. Renamed → `moved`, with the
   * new path as the fix; deleted → `split-or-deleted`, with the note that now holds the section.
   * A reference written after the note was deleted means another note of that name (one of
   * another collection): history has nothing to say about it.
   */
  private fromHistory(name: string, written: string): Resolution | undefined {
    const outcome = this.historyOutcome(name);
    if (!outcome) return undefined;
    const fileText = `\`${written}\``;
    const section = this.reference.section?.text;
    if (outcome.kind === 'moved') {
      const resolution: Resolution = {
        status: 'dead_file', kind: 'moved', related: [],
        message: `dead link: no note ${fileText}; ${outcome.from} was renamed to ${outcome.to}`,
      };
      // Git reads a split as a rename to the part most like the note: the note as a whole went to no one part.
      const parts = section ? [] : splitAlongRenames(this.index.history!, outcome.from, (path) => this.index.hasNote(path), (path, key) => this.index.notesWithAnchorKey(key).includes(path));
      if (parts.length > 0) {
        resolution.message += ` (so git reads it: the same commit moved some of its sections to ${parts.slice(0, 3).join(', ')}${parts.length > 3 ? ', …' : ''})`;
        resolution.related.push(...parts.slice(0, 8).map((part) => ({ path: part, line: 0, message: `took some of ${outcome.from}` })));
      }
      this.pointAt(resolution, outcome.to, parts.length > 0 ? 'low' : 'high', outcome.from);
      return resolution;
    }
    const stem = name.slice(name.lastIndexOf('/') + 1).replace(/\.md$/i, '');
    const successors = this.index.foldersNamed(stem).flatMap((folder) => this.index.notesUnder(folder));
    const heirs = [...new Set([...outcome.heirs, ...successors])].sort();
    const resolution: Resolution = {
      status: 'dead_file', kind: 'split-or-deleted',
      related: heirs.slice(0, 8).map((heir) => ({ path: heir, line: 0, message: outcome.heirs.includes(heir) ? `changed or added when ${outcome.from} was deleted` : `in the folder ${stem}/` })),
      message: `dead link: no note ${fileText}; ${outcome.from} was deleted${heirs.length ? ` (its material went to ${heirs.slice(0, 3).join(', ')}${heirs.length > 3 ? ', …' : ''})` : ''}`,
    };
    const renamed = section ? this.renamedSectionOrLeaf(outcome.from, section) : undefined;
    if (section && renamed) {
      this.pointAtRenamed(resolution, section, renamed, 'high');
    } else if (section) {
      const home = this.locateSection(section, { origin: outcome.from, heirs, searchCollection: true });
      if (home && 'path' in home) {
        resolution.fix = this.fileFix(home.path, home.line, home.confidence);
        resolution.message += `; ${homeText(section, home)}`;
      } else if (home) {
        resolution.message += `; '${section}' is a section of ${describeCount(home.ambiguous)}, none of them known to have taken it`;
        resolution.choices = this.choicesAmong(home.ambiguous, outcome.from);
      } else {
        const left = this.typoOfLeftSection(outcome.from, section);
        resolution.message += left ? `; no note has a section '${section}'; did you mean '${left.text}'? It is now in ${left.path}` : `; no note has a section '${section}'`;
        if (left) resolution.fix = this.sectionFix(left, false, { confidence: 'low' });
      }
    } else if (outcome.heirs.length === 1) {
      // Sure when the patches show the note merged into that heir; else it took some of it, probably.
      resolution.fix = this.fileFix(outcome.heirs[0], 0, outcome.mergedInto === outcome.heirs[0] ? 'high' : 'medium');
    }
    return resolution;
  }

  /** What history says became of `name`, unless this reference was written after that name went away (renamed or deleted). */
  protected historyOutcome(name: string): HistoryOutcome | undefined {
    const history = this.index.history;
    if (!history) return undefined;
    const outcome = followHistory(history, name, (path) => this.index.hasNote(path));
    if (outcome && this.reference.file && this.writtenAfter(history, outcome.commit)) return undefined;
    return outcome;
  }

  /** True when history shows this reference was written after commit `commit`. */
  private writtenAfter(history: PathHistory, commit: number): boolean {
    if (commit < 0) return false;
    const written = referenceWrittenAt(history, this.fromPath, this.reference.file!.text);
    return written !== undefined && written > commit;
  }

  /**
   * Points a dead file link at the note it now means (`path`): with the section when the note has
   * it; else at the note that holds that section now (history first, then by name); else at the
   * note alone, saying that no note has the section. `origin` is where history last saw the note.
   */
  protected pointAt(resolution: Resolution, path: string, confidence: FixConfidence, origin: string, writtenFile?: string): void {
    const section = this.reference.section?.text;
    const entry = this.note(path);
    // "…, which has no section" reads right after the note's name (or a parenthesis that names it);
    // after a question (`renamed to b.md? … no history says so`) the note is named again.
    const lacks = `${/(\.md|\))$/i.test(resolution.message) ? ', which has' : `; ${path} has`} no section '${section}'`;
    const match = section && entry ? matchSection(entry, section, this.excludedLine(path)) : undefined;
    if (!section || (match && !this.tracedElsewhere(match, section, origin, path))) {
      // Read loosely there (`bracket vanilla` as the words `vanilla` under `BRACKET`) while a few
      // other notes have a section of that very name: it may have left before the note was renamed,
      // which only history would show. A fix to review, not one Fix All applies. (A name many notes
      // have says nothing of where this one went.)
      const holders = section !== undefined && match !== undefined && LOOSE_SECTION_RULES.test(match.rule) && !this.index.history?.hasPatches ? this.fewHoldersElsewhere(lastPathComponent(section), path) : [];
      const rivals = holders.length > 0;
      resolution.fix = this.fileFix(path, match ? (match.line ?? match.match.anchor.line) : 0, rivals ? lower(confidence, 'medium') : confidence, { writtenFile });
      // One such note is named, a fix to pick.
      const namesake = holders.length === 1 ? this.strongMatch(holders[0], lastPathComponent(section!)) : undefined;
      if (namesake) this.namesakeToPick(resolution, { path: holders[0], line: namesake.anchor.line, anchorText: namesake.anchor.text, confidence: 'medium', how: 'name' }, '; ');
      return;
    }
    const renamed = this.renamedSectionOrLeaf(origin, section);
    if (renamed) {
      this.pointAtRenamed(resolution, section, renamed, confidence, path, writtenFile);
      return;
    }
    // Two words or more that one name of the note holds, and more (`heavy casing` in `## old heavy
    // casing`): renamed there by a word added, likelier than a namesake found by its name alone (as
    // for a section missing from a note that kept its name, `deadSection`).
    const longer = entry ? this.longerName(path, section) : undefined;
    const home = this.locateSection(section, { origin, notPath: path, searchCollection: true });
    const namesake = home && 'path' in home && longer?.confidence === 'medium' && home.how === 'name' ? home : undefined;
    if (home && 'path' in home && !namesake) {
      resolution.fix = this.fileFix(home.path, home.line, lower(confidence, home.confidence));
      resolution.message += `; its section ${homeText(section, home)}`;
      return;
    }
    if (longer?.confidence === 'medium') {
      this.pointAtLonger(resolution, lacks, longer, confidence, writtenFile, namesake);
      return;
    }
    // Several notes have it and nothing tells which took it (a home found is returned above).
    const candidates = home && !('path' in home) ? home.ambiguous : undefined;
    const typo = entry ? findTypo(entry, lastPathComponent(section), this.excludedLine(path), this.beingTypedIn(path)) : undefined;
    const newText = typo ? withLeaf(section, lastPathComponent(section), typo.text) : undefined;
    if (typo && newText !== undefined && !candidates && this.writesSection(newText)) {
      const fix = this.fileFix(path, typo.line, 'low', { writtenFile });
      fix.edits.push({ range: this.reference.section!.range, newText });
      fix.label = this.describeTarget(writtenFile ?? shortestReferencePath(this.index, path, this.fromFolder), newText);
      resolution.fix = fix;
      resolution.message += `${lacks}; did you mean '${typo.text}'?`;
      return;
    }
    if (candidates) {
      // No fix rather than a wrong one.
      resolution.related.push(...candidates.slice(0, 8).map((candidate) => ({ path: candidate, line: 0, message: `has a section '${section}'` })));
      resolution.message += `${lacks}; ${describeCount(candidates)} have one, and nothing tells which was meant`;
      resolution.choices = this.choicesAmong(candidates, path);
      return;
    }
    const left = this.typoOfLeftSection(origin, section);
    if (left) {
      resolution.fix = this.sectionFix(left, false, { confidence: 'low', writtenFile: left.path === path ? writtenFile : undefined });
      resolution.message += `${lacks}; did you mean '${left.text}'? It is now in ${left.path}`;
      return;
    }
    // One word that one name holds, and nothing else has the section: a guess to look at.
    if (longer) {
      this.pointAtLonger(resolution, lacks, longer, confidence, writtenFile);
      return;
    }
    const history = this.index.history;
    const dropped = history?.hasPatches && droppedFrom(history, origin, queryKeys(lastPathComponent(section)).variants, (candidate) => this.index.hasNote(candidate), (candidate) => this.strongMatch(candidate, lastPathComponent(section)) !== undefined);
    resolution.message += dropped
      ? `${lacks}: history shows it taken out of ${origin} and put in no note`
      : `${lacks}, nor does any other note`;
    // What follows a quoted section (`` `a.md` 'x' more words ``, `` 'x' , y ``) would be read as
    // the section once it is gone: the fix is kept only when the line then reads as the note alone.
    const dropping = this.fileFix(path, 0, 'low', { dropSection: true, writtenFile });
    if (this.readsAsNoteAlone(dropping)) resolution.fix = dropping;
  }

  /**
   * Points a dead file link at the note it now means and, there, at the name that holds the
   * section's words and more (`longerName`); a namesake found elsewhere by its name alone stays a
   * fix to pick.
   */
  private pointAtLonger(resolution: Resolution, lacks: string, longer: RenamedSection & { confidence: FixConfidence }, confidence: FixConfidence, writtenFile: string | undefined, namesake?: SectionHome): void {
    resolution.fix = this.sectionFix(longer, false, { confidence: lower(confidence, longer.confidence), writtenFile });
    resolution.message += `${lacks}; did you mean '${longer.text}', whose name holds those words?`;
    if (namesake) this.namesakeToPick(resolution, namesake);
  }

  /**
   * The notes other than `path` with a heading, ALL-CAPS line, bold label or term named `name`, when
   * they are `RARE_HOLDERS` or fewer; none when more (its keys recorded either way).
   */
  private fewHoldersElsewhere(name: string, path: string): string[] {
    const keys = queryKeys(name).variants;
    for (const key of keys) this.searchedKeys.add(key);
    // A name in thousands of notes (`SOURCES`) is known to be common after a few rows.
    if (keys.some((key) => this.index.countNotesWithAnchorKey(key, RARE_HOLDERS + 2) > RARE_HOLDERS + 1)) return [];
    const holders = new Set<string>();
    for (const key of keys) for (const holder of this.index.notesWithAnchorKey(key)) if (holder !== path) holders.add(holder);
    return holders.size <= RARE_HOLDERS ? [...holders] : [];
  }

  /** Whether `fix`, applied to the reference's line, leaves a link to its note part with no section, and as many links. */
  private readsAsNoteAlone(fix: ReferenceFix): boolean {
    const line = this.fromNote?.readLines()?.[this.reference.line];
    if (line === undefined) return true;
    const edited = applyTextEdits(line, fix.edits.map((edit) => ({ range: makeRange(0, edit.range.start.character, edit.range.end.character), newText: edit.newText })));
    const before = lineTargets(line);
    const after = lineTargets(edited);
    const file = fix.edits[0].newText;
    return after.length === before.length && after.some((target) => target.file?.text === file && target.section === undefined);
  }

  /**
   * True when `match` is only a loose reading of the section in `path` (a word prefix, a bullet,
   * a leaf without its path, words under a head) while history shows the section itself leaving
   * the note once known as `origin` for another note: that other note is what the author meant.
   */
  private tracedElsewhere(match: SectionMatch, section: string, origin: string, path: string): boolean {
    const history = this.index.history;
    if (!history?.hasPatches || !LOOSE_SECTION_RULES.test(match.rule)) return false;
    const keys = queryKeys(lastPathComponent(section)).variants;
    const traced = traceAnchor(history, origin, keys, (candidate) => this.index.hasNote(candidate), (candidate) => candidate !== path && this.strongMatch(candidate, lastPathComponent(section)) !== undefined);
    return traced !== undefined;
  }

  /** Applies the section part to the notes the file part found (§8.3 "several candidates"). */
  private withSection(paths: string[], fileRule: string, section: string | undefined): Resolution {
    const fileText = `\`${this.reference.file!.text}\``;
    for (const path of paths) this.consulted.add(path);
    if (!section) {
      if (paths.length === 1) {
        return { status: 'resolved', kind: fileRule, fileRule, target: { path: paths[0], line: 0 }, related: [], message: `${fileText} → ${paths[0]}` };
      }
      return this.ambiguous(paths, `${fileText} matches ${paths.length} notes`);
    }
    const found = paths
      .map((path) => ({ path, match: matchSection(this.note(path)!, section, this.excludedLine(path)) }))
      .filter((candidate) => candidate.match !== undefined);
    if (found.length === 1) {
      const { path, match } = found[0];
      const moved = this.movedFromLooseMatch(path, match!, section);
      if (moved) return moved;
      const resolution = this.resolvedSection(path, match!, match!.rule);
      resolution.fileRule = fileRule;
      return resolution;
    }
    // A weak file match loses to history when the section is missing (§8.3): `joinery.md`
    // found as a folder note without `dovetails`, while history renamed joinery.md to a note that has it.
    if (found.length === 0 && paths.length === 1 && WEAK_FILE_RULES.has(fileRule) && this.writtenName) {
      const fromHistory = this.weakMatchHistory(paths[0], fileRule, section);
      if (fromHistory) return fromHistory;
    }
    if (found.length > 1 || paths.length > 1) {
      return this.ambiguous(found.length > 1 ? found.map((candidate) => candidate.path) : paths, `${fileText} '${section}' matches ${found.length > 1 ? found.length : paths.length} notes and the section does not decide`);
    }
    // A folder note found for `x.md` without the section: the note became the folder, and its notes are where the section went.
    const folderNotes = fileRule === 'folder-meta' ? this.index.notesUnder(paths[0].slice(0, paths[0].lastIndexOf('/'))).filter((path) => path !== paths[0]) : undefined;
    return { ...this.deadSection(paths[0], section, folderNotes), note: { path: paths[0], line: 0 } };
  }

  /**
   * A section found in `path` only by a loose reading (`board cider` as the heading `board` and a
   * word after it, a leaf without its path) while history saw the section itself, by its whole
   * name, leave `path` for a note that has it: the link means that note's section. A dead section
   * with history's fix, or undefined when the loose match stands.
   */
  private movedFromLooseMatch(path: string, match: SectionMatch, section: string): Resolution | undefined {
    // A path (`raw yeast > blender / yogurt`) found by its leaf under its head is read as written:
    // a section named like the leaf alone that left says nothing of it.
    if (lastPathComponent(section) !== section || !this.tracedElsewhere(match, section, path, path)) return undefined;
    const moved: Resolution = { ...this.deadSection(path, section), note: { path, line: 0 } };
    if (!moved.fix) return undefined;
    moved.message += ` ('${match.match.anchor.text}' there reads like it, but history saw '${section}' leave)`;
    return moved;
  }

  private weakMatchHistory(weakPath: string, fileRule: string, section: string): Resolution | undefined {
    const outcome = this.historyOutcome(this.writtenName!);
    if (!outcome) return undefined;
    const fileText = `\`${this.reference.file!.text}\``;
    const related = [{ path: weakPath, line: 0, message: `${fileRule} match without '${section}'` }];
    if (outcome.kind === 'moved') {
      if (outcome.to === weakPath) return undefined;
      const target = this.note(outcome.to);
      const match = target && matchSection(target, section, this.excludedLine(outcome.to));
      if (!match) {
        // The section left the note before it was renamed (`pine.md` lost `quince` to another note,
        // then became `pine/thin-cedar.md` in a split): where history saw it go, not a namesake of
        // the folder's notes.
        const home = this.locateSection(section, { origin: outcome.from, searchCollection: false });
        if (!home || !('path' in home) || home.how !== 'history') return undefined;
        return {
          status: 'dead_file', kind: 'moved', related,
          message: `dead link: ${fileText} now names ${weakPath}, which has no section '${section}'; ${outcome.from} was renamed to ${outcome.to}, and ${homeText(section, home)}`,
          fix: this.fileFix(home.path, home.line, home.confidence),
        };
      }
      if (this.tracedElsewhere(match, section, outcome.from, outcome.to)) return undefined;
      return {
        status: 'dead_file', kind: 'moved', related,
        message: `dead link: ${fileText} now names ${weakPath}, which has no section '${section}'; ${outcome.from} was renamed to ${outcome.to}`,
        fix: this.fileFix(outcome.to, match.line ?? match.match.anchor.line, 'high'),
      };
    }
    const home = this.locateSection(section, { origin: outcome.from, heirs: outcome.heirs, searchCollection: false });
    if (!home || !('path' in home)) return undefined;
    return {
      status: 'dead_file', kind: 'split-or-deleted', related,
      message: `dead link: ${fileText} now names ${weakPath}, which has no section '${section}'; ${outcome.from} was deleted and ${homeText(section, home)}`,
      fix: this.fileFix(home.path, home.line, home.confidence),
    };
  }

  private resolvedSection(path: string, found: SectionMatch, rule: string): Resolution {
    const line = found.line ?? found.match.anchor.line;
    return {
      status: 'resolved',
      kind: rule,
      target: { path, line, anchorText: found.match.anchor.text },
      related: [],
      message: `→ ${path}:${line + 1} ${found.match.anchor.text}`,
    };
  }

  private ambiguous(paths: string[], message: string): Resolution {
    return {
      status: 'ambiguous',
      kind: 'several-candidates',
      related: paths.map((path) => ({ path, line: 0, message: `candidate ${path}` })),
      message: `${message}: ${paths.join(', ')}`,
      choices: this.choicesAmong(paths),
    };
  }

  // ── No file part (§8.5) ──────────────────────────────────────────────────────────────────

  private resolveSameNote(section: string): Resolution {
    if (/^notebook\b/i.test(section)) {
      return { status: 'external', kind: 'notebook', related: [], message: `'${section}' is a paper notebook entry` };
    }
    if (this.fromNote) {
      const match = matchSection(this.fromNote, section, this.reference.line);
      if (match) return this.movedFromLooseMatch(this.fromPath, match, section) ?? this.resolvedSection(this.fromPath, match, match.rule);
    }
    const history = this.index.history;
    if (history?.hasPatches && this.fromNote) {
      // The line was written in another note and moved here: it means that note's section, even
      // when a namesake of this note's (or of the note it was split from) left it since.
      const travelled = this.travelledReference(history, section);
      if (travelled) return travelled;
      // History saw the section leave this note: that is what the author meant, not a note of that name.
      const keys = queryKeys(section).variants;
      if (traceAnchor(history, this.fromPath, keys, (path) => this.index.hasNote(path), (path) => this.strongMatch(path, section) !== undefined)) {
        return this.deadSection(this.fromPath, section);
      }
    }
    const stem = this.bareStem(section);
    if (stem) return stem;
    const book = this.bookEntry(section);
    if (book) return book;
    if (this.isProse(section)) {
      return { status: 'external', kind: 'prose', related: [], message: `'${section}' reads as prose, not a section name` };
    }
    if (!this.fromNote) return { status: 'dead_section', kind: 'no-anchor', related: [], message: `dead section: '${section}'` };
    return this.deadSection(this.fromPath, section);
  }

  /**
   * A reference with no file part that history saw arrive in this note with the section around it,
   * from the note it was written in: it meant that note's section, wherever the section is now
   * (`🗄 'bench'` moved out of stain-scale.md, whose term `_bench_` stayed there). Undefined when
   * history cannot say where the line came from, or where the section is.
   */
  private travelledReference(history: PathHistory, section: string): Resolution | undefined {
    const origin = referenceLineOrigin(history, this.fromPath, () => this.fromNote?.readLines()?.[this.reference.line]);
    if (!origin) return undefined;
    const now = finalPath(history, origin);
    const stayed = now !== this.fromPath && this.index.hasNote(now) ? this.strongMatch(now, section) : undefined;
    const home = stayed
      ? { path: now, line: stayed.anchor.line, confidence: 'high' as FixConfidence }
      : this.locateSection(section, { origin, notPath: this.fromPath, searchCollection: false });
    if (!home || !('path' in home)) return undefined;
    return {
      status: 'dead_section', kind: 'moved-section', related: [{ path: home.path, line: home.line, message: `'${section}' is here` }],
      message: `dead section: this note has no section '${section}'; the line came from ${origin}, and the section is in ${home.path}`,
      fix: this.fileFix(home.path, home.line, home.confidence),
    };
  }

  /**
   * `🗄️ BBQ > smokers` → `bbq.md`, section `smokers`; with a plain space only when that resolves.
   * A word alone (`🗄 bbq`) names a note only when it is no section elsewhere either: §8.5 reads
   * it as a section first, and one that another note has moved there. A quoted name is a section.
   */
  private bareStem(section: string): Resolution | undefined {
    const reading = readBareStem(section);
    if (!reading) return undefined;
    const { stem, rest, separated } = reading;
    if (!rest && this.reference.section?.quoted) return undefined;
    const lookup = findNoteByRules(this.index, this.fromFolder, `${stem}.md`, true);
    if (!lookup || lookup.paths.length !== 1 || lookup.paths[0] === this.fromPath) return undefined;
    const path = lookup.paths[0];
    this.consulted.add(path);
    if (!rest) {
      if (this.locateSection(section, { origin: this.fromPath, notPath: this.fromPath, searchCollection: true })) return undefined;
      return { status: 'resolved', kind: 'bare-stem', target: { path, line: 0 }, related: [], message: `→ ${path}` };
    }
    const match = matchSection(this.note(path)!, rest, undefined);
    if (match) return this.resolvedSection(path, match, 'bare-stem');
    if (!separated) return undefined;
    return this.deadSection(path, rest);
  }

  /** `🗄️ Chang knife skills` → the 📚 entry `* Chang knife skills` (§5.6, rule book-entry). */
  private bookEntry(section: string): Resolution | undefined {
    const words = section.split(/\s+/);
    if (!/^\p{Lu}/u.test(words[0])) return undefined;
    // `Van Hout soil salt`, `Ruiz de Vega tapas`: a listed name of particles takes its words (DIALECT §6.1), the longest first.
    let authorWords = 1;
    for (let count = Math.min(MAX_AUTHOR_WORDS, words.length); count >= 2; count--) {
      const longer = words.slice(0, count).join(' ');
      // Which 📚 entry answers depends on every list naming the author: a key of its own for the dependents.
      this.searchedKeys.add(bookAuthorKey(longer));
      if (this.index.isListed(longer)) {
        authorWords = count;
        break;
      }
    }
    const author = words.slice(0, authorWords).join(' ');
    this.searchedKeys.add(bookAuthorKey(author));
    const titles = this.index.bookTitlesByAuthor(author);
    if (titles.length === 0) return undefined;
    const wanted = new Set(words.slice(authorWords).map((word) => normalForm(word)).filter((word) => word && !STOPWORDS.has(word)));
    // The referring note's own listings of the author's books, by title (its link's own line aside).
    const ownLines = new Map<string, number>();
    for (const list of this.fromNote?.note.bookLists ?? []) {
      for (const entry of list.entries) {
        if (entry.author === undefined || authorKey(entry.author) !== authorKey(author) || entry.line === this.reference.line) continue;
        const title = normalForm(entry.title);
        if (!ownLines.has(title)) ownLines.set(title, entry.line);
      }
    }
    // Among books that match as well (`🗄️ Lopez` names every Lopez book alike), one this note lists
    // first, then by title: never by which note's path sorts first, which a move could change
    // (found by the folder-move property). A book this note lists is shown where this note lists it.
    let best: { path: string; line: number; overlap: number; own: boolean; key: string; title: string; words: readonly string[] } | undefined;
    for (const { path, entry, words: titleWords } of titles) {
      const overlap = titleWords.filter((word) => wanted.has(word)).length;
      if (wanted.size > 0 && overlap === 0) continue;
      const key = titleWords.join(' ');
      const ownLine = ownLines.get(key);
      const own = ownLine !== undefined;
      const better = !best || overlap > best.overlap || (overlap === best.overlap && ((own && !best.own) || (own === best.own && key < best.key)));
      if (better) best = { path: own ? this.fromPath : path, line: ownLine ?? entry.line, overlap, own, key, title: `${entry.author} ${entry.title}`.trim(), words: titleWords };
    }
    if (best && best.path === this.fromPath && best.line === this.reference.line) {
      // The entry this link is written on is not where it points (`* Lopez food lab 🗄️ Lopez
      // food lab`): another listing of the book is. Taking the first listing by path made the
      // answer hang on whether this note's path sorts first, and moving the note changed where
      // the link led (found by the move property). With no other listing the link leads nowhere.
      const title = best.words.join(' ');
      const other = this.index.bookEntriesByAuthor(author).find(({ path, entry }) => !(path === this.fromPath && entry.line === this.reference.line) && normalForm(entry.title) === title);
      best = other && { ...best, path: other.path, line: other.entry.line };
    }
    if (!best) return undefined;
    this.consulted.add(best.path);
    return { status: 'resolved', kind: 'book-entry', target: { path: best.path, line: best.line, anchorText: best.title }, related: [], message: `→ 📚 ${best.title}` };
  }

  /** Free prose after 🗄 (§5.4): four or more words, one a stopword, and no anchor anywhere by that name. */
  private isProse(section: string): boolean {
    const words = normalForm(section).split(' ');
    if (words.length < 4 || !words.some((word) => STOPWORDS.has(word))) return false;
    const variants = queryKeys(section).variants;
    for (const variant of variants) this.searchedKeys.add(variant);
    return variants.every((variant) => this.index.notesWithAnchorKey(variant).length === 0);
  }
}

/** The dependency key of a 📚 author (`📚mcgee`), beside the anchor names in `ResolutionDependencies.anchorKeys`. */
export function bookAuthorKey(author: string): string {
  return `\u{1F4DA}${authorKey(author)}`;
}

function lower(a: FixConfidence, b: FixConfidence): FixConfidence {
  const order: FixConfidence[] = ['low', 'medium', 'high'];
  return order[Math.min(order.indexOf(a), order.indexOf(b))];
}
