/**
 * Dead sections (DIALECT §8.4, §8.6): the section a link names is not in its note. Where it went
 * (history's patches, the notes that took a deleted note's material, a namesake the collection
 * has), whether history saw it renamed where it stood, a typo of a name the note has or had, a
 * longer name that holds its words, or only text. Each verdict says how sure its fix is.
 */

import type { TextEdit, FixConfidence, ReferenceFix, Resolution } from '../resolve';
import { makeRange } from '../../text/positions';
import { normalForm, queryKeys } from '../../index/normalize';
import { mergeSorted } from '../../index/sortedSearch';
import { droppedFrom, finalPath, namesLeftNear, retitledAnchor, traceAnchor } from '../../index/history';
import { FILE_CABINET, lineTargets } from '../../syntax/references';
import { nameStem, STRONG_KINDS } from '../../index/noteKeys';
import { changedTogether } from './historyClues';
import { heldWithOtherLost, lostNames, RARE_HOLDERS } from './lostTogether';
import { lastPathComponent, type AnchorMatch } from './sectionMatch';
import { findLongerName, findTypo, nameHoldsWords } from './sectionText';
import { encloses, ResolverBase } from './resolverBase';

/** `section` with its last component `query` (its leaf, or the whole) written `name` instead: `a > b` → `a > c`, `b >` → `c >`. */
export function withLeaf(section: string, query: string, name: string): string {
  const at = section.lastIndexOf(query);
  return at < 0 ? name : section.slice(0, at) + name + section.slice(at + query.length);
}

/**
 * Whether `section`, written as the section of a link with a note part (`hasFile`) or without,
 * quoted or not, reads back as that section and nothing else: a name that starts with a word
 * read as a path (`a.md x`), holds a backtick, a 🗄 or a quote, is no section a fix can write.
 */
function readsAsSection(section: string, hasFile: boolean, quoted: boolean): boolean {
  const drafts = lineTargets(`${FILE_CABINET} ${hasFile ? '`n.md` ' : ''}${quoted ? `'${section}'` : section}`);
  return drafts.length === 1 && drafts[0].section?.text === section && (drafts[0].file?.text === (hasFile ? 'n.md' : undefined));
}

/** `make(value)`, or undefined when there is no value. */
function mapDefined<T, R>(value: T | undefined, make: (value: T) => R | undefined): R | undefined {
  return value === undefined ? undefined : make(value);
}

/** A section history shows renamed in place (`renamedSection` below). */
export interface RenamedSection {
  path: string;
  line: number;
  newSection: string;
  text: string;
  /** Renamed by the changes not yet committed, not by a commit. */
  pending: boolean;
}

/** "renamed 'upkeep'", and where it is when that is not `notePath`. */
function renamedText(renamed: RenamedSection, notePath: string | undefined): string {
  return `renamed '${renamed.text}'${renamed.path === notePath ? '' : `, now in ${renamed.path}`}`;
}

/**
 * `'patina' is now in care.md` (or `plain`, when given, for a home found without a doubt to say);
 * for a namesake of a section history saw dropped, or one found by a clue, what is known instead.
 * `where` names the note the section left, as the message already calls it (`this note`).
 */
export function homeText(section: string, home: SectionHome, { where, plain }: { where?: string; plain?: string } = {}): string {
  if (home.droppedFrom) return `'${section}' was taken out of ${home.droppedFrom} and put in no note; ${home.path} has a section of that name`;
  if (home.cameWith) return `'${section}' is probably in ${home.path}, where links look for '${home.cameWith}', the section this link is in`;
  if (home.partOf) return `'${section}' may be in ${home.path}, another part of the folder \`${home.partOf}/\``;
  if (home.alongWith) {
    const count = home.alongWith.names.length;
    const others = count === 1 ? 'another section' : `${count} other sections`;
    return `'${section}' is probably in ${home.path}, with ${others} that links look for in ${where ?? home.alongWith.from}`;
  }
  return home.far ? `'${section}' may be in ${home.path}, in another part of the collection` : plain ?? `'${section}' is now in ${home.path}`;
}

/** Notes a section could have gone to, when none stands out. */
interface SectionCandidates {
  ambiguous: string[];
}

/** Where a section lives now, and how that was found. */
export interface SectionHome {
  path: string;
  line: number;
  anchorText: string;
  confidence: FixConfidence;
  /** `history`: the patches show it moving there; `heir`: a note that took the material of a deleted one; `name`: found by its name. */
  how: 'history' | 'heir' | 'name';
  /** The note history saw the section taken out of and put in no note: this one is a namesake, perhaps another section. */
  droppedFrom?: string;
  /** Found by its name alone, in another part of the collection, with no history to say it moved: perhaps another section. */
  far?: boolean;
  /** One of several namesakes, the one that also holds other sections `from` lacks and links look for there (`heldWithOtherLost`): a key of each. */
  alongWith?: { names: string[]; from: string };
  /** One of many namesakes, the one other note of the folder a note was split into (`otherPartHolding`): the folder. */
  partOf?: string;
  /** One of several namesakes, for a link without a note part: the note where links look for the heading the link is in (`sectionCameFrom`), that heading. */
  cameWith?: string;
}

/**
 * A name more notes than this hold is too common to say where a section went (`ZA`, `CARE`):
 * without history's word, no fix. The count depends on the notes alone, never on their order.
 */
const MAX_SECTION_CANDIDATES = 48;

/** `72 notes (a.md, b.md, c.md, …)`: how many, and the first three. */
export function describeCount(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).join(', ');
  return `${paths.length} notes (${shown}${paths.length > 3 ? ', …' : ''})`;
}

/** The resolver's verdicts on a section missing from its note; `Resolver` asks them of every dead section. */
export abstract class DeadSectionResolver extends ResolverBase {
  /** The section is not in `path`: moved elsewhere, a typo, only text, or nowhere (§8.4). */
  protected deadSection(path: string, section: string, heirs?: string[]): Resolution {
    const entry = this.note(path)!;
    const where = path === this.fromPath && !this.reference.file ? 'this note' : path;
    const leaf = lastPathComponent(section);
    const queries = leaf === section ? [section] : [section, leaf];

    const renamed = this.renamedSectionOrLeaf(path, section);
    if (renamed) {
      return {
        status: 'dead_section', kind: 'renamed-section', related: [],
        message: `dead section: ${where} has no section '${section}'; ${renamed.pending ? 'the changes not yet committed show' : 'history shows'} it ${renamedText(renamed, path)}`,
        fix: this.sectionFix(renamed, renamed.path === path),
      };
    }
    // Two words or more that one name of the note holds, and more (`dull kiln` in `## rough dull
    // kiln`): renamed by a word added, likelier than a namesake that only its name ties to the link.
    const longer = this.longerName(path, section);
    let ambiguous: string[] | undefined;
    let namesake: SectionHome | undefined;
    for (const query of queries) {
      const home = this.locateSection(query, { origin: path, notPath: path, heirs, searchCollection: true });
      if (home && 'path' in home && longer?.confidence === 'medium' && home.how === 'name') namesake ??= home;
      else if (home && 'path' in home) {
        return {
          status: 'dead_section', kind: 'moved-section', related: this.lostAlongWith(home, where),
          message: `dead section: ${where} has no section '${section}'; ${homeText(section, home, { where, plain: `it is in ${home.path}` })}`,
          fix: this.fileFix(home.path, home.line, home.confidence),
        };
      }
      if (home && !('path' in home)) ambiguous ??= home.ambiguous;
    }
    if (longer?.confidence === 'medium') return this.longerNameResolution(where, section, longer, namesake);
    for (const query of queries) {
      const typo = findTypo(entry, query, this.excludedLine(path), this.beingTypedIn(path));
      const newText = typo ? withLeaf(section, query, typo.text) : undefined;
      if (typo && newText !== undefined && this.writesSection(newText)) {
        const sectionRange = this.reference.section!.range;
        return {
          status: 'dead_section', kind: 'typo', related: [],
          message: `dead section: ${where} has no section '${section}'; did you mean '${typo.text}'?`,
          fix: { label: this.describeTarget(this.reference.file?.text, newText), target: { path, line: typo.line }, edits: [{ range: sectionRange, newText }], confidence: 'low' },
        };
      }
    }
    const left = this.typoOfLeftSection(path, section);
    if (left) {
      return {
        status: 'dead_section', kind: 'typo', related: [],
        message: `dead section: ${where} has no section '${section}'; did you mean '${left.text}'? It is now in ${left.path}`,
        fix: this.sectionFix(left, false, { confidence: 'low' }),
      };
    }
    if (ambiguous) {
      return {
        status: 'dead_section', kind: 'moved-section',
        related: ambiguous.slice(0, 8).map((candidate) => ({ path: candidate, line: 0, message: `has a section '${leaf}'` })),
        message: `dead section: ${where} has no section '${section}'; ${describeCount(ambiguous)} have one, and nothing tells which was meant`,
        choices: this.choicesAmong(ambiguous, path),
      };
    }
    // One word that one name holds, and nothing else has the section: a guess to look at.
    if (longer) return this.longerNameResolution(where, section, longer);
    const text = this.findText(path, leaf);
    if (text !== undefined) {
      return {
        status: 'dead_section', kind: 'text-only',
        related: [{ path, line: text, message: `'${leaf}' occurs here as plain text` }],
        message: `dead section: ${where} has no section '${section}'; the words occur only as text, on line ${text + 1} of ${path}`,
      };
    }
    return { status: 'dead_section', kind: 'no-anchor', related: [], message: `dead section: ${where} has no section '${section}'` };
  }

  /** The other sections `where` lost that the note a namesake is in holds (`SectionHome.alongWith`), as places to show. */
  private lostAlongWith(home: SectionHome, where: string): Resolution['related'] {
    const entry = home.alongWith && this.note(home.path);
    if (!entry) return [];
    return home.alongWith!.names.slice(0, 3).flatMap((key) => {
      const anchor = entry.anchorsByAlias(key).map((at) => entry.anchor(at)).find((candidate) => STRONG_KINDS.includes(candidate.kind));
      return anchor ? [{ path: home.path, line: anchor.line, message: `has '${anchor.text}' too, which links look for in ${where}` }] : [];
    });
  }

  /**
   * A typo of a name that history saw leave `origin` (`fuanel wort`, for `funnel wort` moved to
   * another note): where that section is now, written as the reference would write it there. Only
   * when one section is within reach (1 edit, 2 for names of 8 characters or more), as for a typo
   * of a section still in the note.
   */
  protected typoOfLeftSection(origin: string, section: string): RenamedSection | undefined {
    const history = this.index.history;
    const leaf = lastPathComponent(section);
    const normal = normalForm(leaf);
    if (!history?.hasPatches || normal.length < 5 || section !== this.reference.section?.text) return undefined;
    const homes = new Map<string, SectionHome>();
    for (const key of namesLeftNear(history, origin, normal, normal.length >= 8 ? 2 : 1)) {
      const home = this.locateSection(key, { origin, searchCollection: false });
      if (home && 'path' in home && home.how === 'history') homes.set(`${home.path}:${home.line}`, home);
    }
    if (homes.size !== 1) return undefined;
    const [home] = homes.values();
    const newSection = this.writtenWith(section, leaf, home.anchorText);
    return newSection === undefined ? undefined : { path: home.path, line: home.line, newSection, text: home.anchorText, pending: false };
  }

  /** Whether a fix may write `section` as this reference's section: it reads back as that (`readsAsSection`). */
  protected writesSection(section: string): boolean {
    return readsAsSection(section, this.reference.file !== undefined, this.reference.section?.quoted === true);
  }

  /**
   * The reference's `section` with `query` (its leaf, or the whole) written as the anchor name
   * `name`, as the reference writes names (a lower-case link to an ALL-CAPS name stays lower
   * case); undefined when the link cannot write it (`writesSection`).
   */
  private writtenWith(section: string, query: string, name: string): string | undefined {
    const written = query === query.toLowerCase() && name === name.toUpperCase() ? name.toLowerCase() : name;
    const newSection = withLeaf(section, query, written);
    return this.writesSection(newSection) ? newSection : undefined;
  }

  /**
   * The one name of `path` that holds the words of the section (or of its last component) and
   * more, with the section that writes it: a guess to look at, `medium` for two words or more,
   * `low` for one. Undefined when no name or several do, or the link cannot write it.
   */
  protected longerName(path: string, section: string): (RenamedSection & { confidence: FixConfidence }) | undefined {
    if (section !== this.reference.section?.text) return undefined;
    const entry = this.note(path)!;
    const excluded = this.excludedLine(path);
    // The whole section first (`steel / marinade` in `steel / brine marinade`); then the leaf of a
    // path (`knives > gouge` in `## light gouge`), unless the name holds the path's head too: then
    // it is no leaf under that head (`marinade` of `steel / marinade` is no `steel / brine marinade`).
    const leaf = lastPathComponent(section);
    let query = section;
    let found = findLongerName(entry, section, excluded, normalForm(section).includes(' '));
    if (!found && leaf !== section) {
      const head = section.slice(0, section.lastIndexOf(leaf)).split(/[>/]/).map((part) => normalForm(part)).filter(Boolean);
      found = findLongerName(entry, leaf, excluded, normalForm(leaf).includes(' '));
      if (found && head.some((part) => nameHoldsWords(normalForm(found!.text), part))) found = undefined;
      query = leaf;
    }
    if (!found) return undefined;
    const newSection = this.writtenWith(section, query, found.text);
    if (newSection === undefined) return undefined;
    // Two words or more held together in one name are likelier a rename than one word is.
    const confidence: FixConfidence = normalForm(query).split(' ').length >= 2 ? 'medium' : 'low';
    return { path, line: found.line, newSection, text: found.text, pending: false, confidence };
  }

  /** The longer name's resolution; a namesake found elsewhere by its name alone stays a fix to pick. */
  private longerNameResolution(where: string, section: string, longer: RenamedSection & { confidence: FixConfidence }, namesake?: SectionHome): Resolution {
    const resolution: Resolution = {
      status: 'dead_section', kind: 'longer-name', related: [],
      message: `dead section: ${where} has no section '${section}'; did you mean '${longer.text}', whose name holds those words?`,
      fix: this.sectionFix(longer, true, { confidence: longer.confidence }),
    };
    if (namesake) this.namesakeToPick(resolution, namesake);
    return resolution;
  }

  /** Names `namesake` (found elsewhere by its name alone) in a resolution whose fix leads elsewhere, as a fix to pick; `lead` goes before it in the message. */
  protected namesakeToPick(resolution: Resolution, namesake: SectionHome, lead = ' '): void {
    resolution.message += `${lead}${namesake.path} has a section '${namesake.anchorText}' too`;
    resolution.related.push({ path: namesake.path, line: namesake.line, message: `has a section '${namesake.anchorText}'` });
    resolution.choices = [this.fileFix(namesake.path, namesake.line, 'medium')];
  }

  /**
   * Where the section `query` of the reference (the whole of `section`, or its last component) is
   * now, when history shows it renamed in place in the note once known as `origin`: the note, the
   * line, the section as the reference would write it now, and the new name.
   */
  private renamedSection(origin: string, section: string, query: string): RenamedSection | undefined {
    const history = this.index.history;
    const keys = queryKeys(query);
    // Only the reference's own section is rewritten (not one read from its note part, `a/b.md` as a section `b`).
    if (!history?.hasPatches || !keys.normal || section !== this.reference.section?.text) return undefined;
    // The old name's keys: a rename saved and not committed yet, read later, finds this link by them.
    for (const key of keys.variants) this.searchedKeys.add(key);
    const exists = (candidate: string) => this.index.hasNote(candidate);
    // Renamed in that note; or taken out of it first (moved, the note split) and renamed where it went.
    const renamedIn = (candidate: string) => retitledAnchor(history, candidate, keys.variants);
    const renamed = renamedIn(origin) ?? mapDefined(traceAnchor(history, origin, keys.variants, exists, (candidate) => renamedIn(candidate) !== undefined), (went) => renamedIn(went.path));
    if (!renamed) return undefined;
    for (const key of renamed.keys) this.searchedKeys.add(key);
    const holds = (candidate: string) => this.strongMatch(candidate, renamed.text) !== undefined;
    const there = finalPath(history, renamed.path);
    const home = exists(there) && holds(there) ? there : traceAnchor(history, there, renamed.keys, exists, holds)?.path;
    const match = home === undefined ? undefined : this.strongMatch(home, renamed.text);
    if (home === undefined || !match) return undefined;
    const newSection = this.writtenWith(section, query, renamed.text);
    if (newSection === undefined) return undefined;
    return { path: home, line: match.anchor.line, newSection, text: renamed.text, pending: renamed.pending === true };
  }

  /** `renamedSection` of the reference's whole section, else of its last component. */
  protected renamedSectionOrLeaf(origin: string, section: string): RenamedSection | undefined {
    const leaf = lastPathComponent(section);
    return this.renamedSection(origin, section, section) ?? (leaf === section ? undefined : this.renamedSection(origin, section, leaf));
  }

  /**
   * Points a dead file link at a section renamed in place (`renamed`): its note for the note part
   * (written `writtenFile` when that is `notePath`, the note the link was pointed at) and its new
   * name for the section.
   */
  protected pointAtRenamed(resolution: Resolution, section: string, renamed: RenamedSection, confidence: FixConfidence, notePath?: string, writtenFile?: string): void {
    resolution.fix = this.sectionFix(renamed, false, { confidence, writtenFile: renamed.path === notePath ? writtenFile : undefined });
    resolution.message += `; its section '${section}' ${renamedText(renamed, notePath)}`;
  }

  /**
   * The fix that writes a renamed section's new name for the reference's section, and its note for
   * the note part unless the link leads there already (`sameNote`); sure unless told otherwise.
   */
  protected sectionFix(renamed: RenamedSection, sameNote: boolean, options: { confidence?: FixConfidence; writtenFile?: string } = {}): ReferenceFix {
    const { path, line, newSection } = renamed;
    const confidence = options.confidence ?? 'high';
    const reference = this.reference;
    const sectionRange = reference.section!.range;
    if (sameNote) {
      this.consulted.add(path);
      return { label: this.describeTarget(reference.file?.text, newSection), target: { path, line }, edits: [{ range: sectionRange, newText: newSection }], confidence };
    }
    const moved = this.fileFix(path, line, confidence, { writtenFile: options.writtenFile });
    const file = moved.edits[0].newText.replace(/^`|` $/g, '');
    const edits: TextEdit[] = reference.file
      ? [moved.edits[0], { range: sectionRange, newText: newSection }]
      : // No note part: one edit puts it before the section and renames the section (an insertion at the section's start would touch the other edit).
        [{ range: makeRange(sectionRange.start.line, moved.edits[0].range.start.character, sectionRange.end.character), newText: `\`${file}\` ${reference.section!.quoted ? "'" : ''}${newSection}` }];
    return { label: this.describeTarget(file, newSection), target: { path, line }, edits, confidence };
  }

  /**
   * Where a section lives now (DIALECT §8.4 moved-section, §8.6 heirs). In order: history's
   * patches show it leaving `origin` for a note that still has it (high); exactly one of
   * `heirs` has it as a heading, ALL-CAPS line or term (not a bullet that mentions it); exactly
   * one note of the collection has it, or one has it better than all others. `notPath` (the
   * note it is missing from) and the heading enclosing the reference itself never count.
   * Returns the candidates when several notes have it and nothing decides.
   */
  protected locateSection(section: string, where: { origin?: string; notPath?: string; heirs?: string[]; searchCollection: boolean }): SectionHome | SectionCandidates | undefined {
    // A path `a > b` is looked for by its leaf as well: the leaf is what moved.
    const leaf = lastPathComponent(section);
    let ambiguous: SectionCandidates | undefined;
    for (const query of leaf === section ? [section] : [section, leaf]) {
      const home = this.locateName(query, where);
      if (home && 'path' in home) return home;
      ambiguous ??= home;
    }
    return ambiguous;
  }

  private locateName(section: string, where: { origin?: string; notPath?: string; heirs?: string[]; searchCollection: boolean }): SectionHome | SectionCandidates | undefined {
    const keys = queryKeys(section);
    if (!keys.normal) return undefined;
    const history = this.index.history;
    const strongMatch = (path: string) => (path === where.notPath ? undefined : this.strongMatch(path, section));
    // History saw the section dropped from its note: a namesake found below is a guess, never sure.
    let dropped: string | undefined;
    if (history && where.origin) {
      const traced = traceAnchor(history, where.origin, keys.variants, (path) => this.index.hasNote(path), (path) => strongMatch(path) !== undefined);
      if (traced) {
        const match = strongMatch(traced.path)!;
        return { path: traced.path, line: match.anchor.line, anchorText: match.anchor.text, confidence: 'high', how: 'history' };
      }
      if (droppedFrom(history, where.origin, keys.variants, (path) => this.index.hasNote(path), (path) => strongMatch(path) !== undefined)) dropped = where.origin;
    }
    if (where.heirs && where.heirs.length > 0) {
      // One heir with the name is where it went; several, and nothing tells (a heading is no likelier than a term).
      const holding = where.heirs.map((path) => ({ path, match: strongMatch(path) })).filter((candidate) => candidate.match !== undefined);
      if (holding.length === 1) {
        const { path, match } = holding[0];
        return { path, line: match!.anchor.line, anchorText: match!.anchor.text, confidence: dropped ? 'low' : match!.quality === 0 ? 'high' : 'medium', how: 'heir', droppedFrom: dropped };
      }
      if (holding.length > 1) {
        // Several: the one that also took the origin's other lost sections, probably; else nothing tells.
        const along = this.heldWithOthers(where.origin, keys.normal, holding.map((candidate) => candidate.path));
        const chosen = along && holding.find((candidate) => candidate.path === along.path);
        if (chosen) return { path: chosen.path, line: chosen.match!.anchor.line, anchorText: chosen.match!.anchor.text, confidence: dropped ? 'low' : 'medium', how: 'heir', droppedFrom: dropped, alongWith: { names: along.names, from: where.origin! } };
        return { ambiguous: holding.map((candidate) => candidate.path).sort() };
      }
    }
    if (!where.searchCollection) return undefined;
    let holders: readonly string[] = [];
    for (const variant of keys.variants) {
      this.searchedKeys.add(variant);
      holders = mergeSorted(holders, this.index.notesWithAnchorKey(variant));
    }
    const others = holders.filter((path) => path !== where.notPath);
    if (others.length === 0) return undefined;
    let candidates = others;
    const together = history && where.origin ? changedTogether(history, where.origin) : undefined;
    const tooMany = candidates.length > MAX_SECTION_CANDIDATES;
    const homeIn = (path: string, match: AnchorMatch, confidence: FixConfidence, found: Pick<SectionHome, 'far' | 'alongWith' | 'partOf' | 'cameWith'> = {}): SectionHome => ({
      path, line: match.anchor.line, anchorText: match.anchor.text, confidence: dropped ? 'low' : confidence, how: 'name', droppedFrom: dropped, ...found,
    });
    if (tooMany) {
      // Too common a name to weigh every note: only those history saw change together with the origin count…
      candidates = together ? candidates.filter((path) => together.has(path)) : [];
      if (candidates.length === 0) {
        // …or the one that took the origin's other lost sections…
        const along = this.heldWithOthers(where.origin, keys.normal, others);
        const alongMatch = along && strongMatch(along.path);
        if (alongMatch) return homeIn(along.path, alongMatch, 'medium', { alongWith: { names: along.names, from: where.origin! } });
        // …or, for a part of a note split into a folder, the one other part that has it.
        const part = this.otherPartHolding(where.origin ?? where.notPath, others);
        const partMatch = part && strongMatch(part.path);
        if (partMatch) return homeIn(part.path, partMatch, 'medium', { partOf: part.folder });
        // (Where the link's own section came from is not asked of so many: reading where links look
        // for it in each took 2.8 s of a check at 10,000 notes, for 10 more fixes on seven seeds.)
        return { ambiguous: others };
      }
    }
    const matched = candidates.map((path) => ({ path, match: strongMatch(path)! })).filter((candidate) => candidate.match !== undefined);
    if (matched.length === 0) return undefined;
    const home = (candidate: { path: string; match: AnchorMatch }, confidence: FixConfidence, far?: boolean): SectionHome => homeIn(candidate.path, candidate.match, confidence, { far });
    // An exact name that one note alone has is where the section went; by alias, probably. Without
    // history, sure only in the same part of the collection: a namesake far away is as often another
    // section, and the one meant was renamed where it stood (which history would have shown).
    if (matched.length === 1) {
      const only = matched[0];
      const far = !history?.hasPatches && only.match.anchor.kind !== 'heading' && !this.inSamePart(where.origin ?? where.notPath, only.path);
      return home(only, !tooMany && !dropped && only.match.quality === 0 && !far ? 'high' : 'medium', far || undefined);
    }
    // Several notes have it: one that history saw change with the origin, or the one beside it, probably.
    const near = this.nearOrigin(where.origin ?? where.notPath);
    if (together) {
      const witnessed = matched.filter((candidate) => together.has(candidate.path));
      if (witnessed.length === 1) return home(witnessed[0], 'medium');
    }
    // The note among them that also holds other sections the origin lacks and links look for there: the material went there together.
    const along = this.heldWithOthers(where.origin, keys.normal, matched.map((candidate) => candidate.path));
    const matchIn = (path: string) => matched.find((candidate) => candidate.path === path)!.match;
    if (along) return homeIn(along.path, matchIn(along.path), 'medium', { alongWith: { names: along.names, from: where.origin! } });
    const came = this.sectionCameFrom(where.origin, matched.map((candidate) => candidate.path));
    if (came) return homeIn(came.path, matchIn(came.path), 'medium', { cameWith: came.heading });
    if (near) {
      const witnessed = matched.filter((candidate) => near.has(candidate.path));
      if (witnessed.length === 1) return home(witnessed[0], 'medium');
    }
    return { ambiguous: matched.map((candidate) => candidate.path) };
  }

  /**
   * Whether `other` is in the same top folder as `path` (both at the root counts), or in the folder
   * named like `path`, which a note is split into.
   */
  private inSamePart(path: string | undefined, other: string): boolean {
    if (path === undefined) return true;
    const top = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');
    return top(path) === top(other) || other.startsWith(`${path.replace(/\.md$/i, '')}/`);
  }

  /**
   * For a link without a note part: of `candidates`, the one note where links look for a heading
   * enclosing the link that it lacks (`lostNames`), and that heading. The section the link is in
   * came from there, and the link was written there, for that note's section.
   */
  private sectionCameFrom(origin: string | undefined, candidates: readonly string[]): { path: string; heading: string } | undefined {
    if (this.reference.file || origin !== this.fromPath || !this.fromNote) return undefined;
    const line = this.reference.line;
    const headings = this.fromNote.note.anchors.filter((anchor) => encloses(anchor, line)).map((anchor) => ({ text: anchor.text, keys: queryKeys(anchor.text).variants }));
    for (const heading of headings) for (const key of heading.keys) this.searchedKeys.add(key);
    // Only a name few notes have counts among a note's lost names (`lostNames`): a common heading says nothing.
    if (!headings.some(({ keys }) => keys.some((key) => this.index.countNotesWithAnchorKey(key, RARE_HOLDERS + 1) <= RARE_HOLDERS))) return undefined;
    let found: { path: string; heading: string } | undefined;
    for (const path of candidates) {
      this.namesRead.add(nameStem(path));
      const lost = lostNames(this.index, path);
      const heading = headings.find(({ keys }) => lost.some((variants) => keys.some((key) => variants.includes(key))));
      if (!heading) continue;
      if (found) return undefined;
      found = { path, heading: heading.text };
    }
    return found;
  }

  /** `heldWithOtherLost`, its dependencies recorded: the names looked up, and the origin's name (a note that changes the sections links expect there changes this). */
  private heldWithOthers(origin: string | undefined, normal: string, among: readonly string[]): ReturnType<typeof heldWithOtherLost> {
    if (!origin) return undefined;
    this.namesRead.add(nameStem(origin));
    return heldWithOtherLost(this.index, origin, normal, among, (key) => this.searchedKeys.add(key));
  }

  /**
   * When `path` is in a folder that a note became (links still write the folder's name as a note's,
   * and no note has it), the one other note of that folder among `holders`, and the folder: a part
   * of a split note lacking a section that a common name holds lost it, most likely, to another part.
   */
  private otherPartHolding(path: string | undefined, holders: readonly string[]): { path: string; folder: string } | undefined {
    const slash = path?.lastIndexOf('/') ?? -1;
    if (!path || slash < 0) return undefined;
    const folder = path.slice(0, slash);
    const stem = folder.slice(folder.lastIndexOf('/') + 1);
    // Whether links write the folder's name, and whether a note has it: a note that changes either changes this.
    this.namesRead.add(nameStem(stem));
    if (this.index.hasNoteNamed(stem) || this.index.notesWritingName(stem) === 0) return undefined;
    const parts = holders.filter((other) => other !== path && other.lastIndexOf('/') === slash && other.startsWith(`${folder}/`));
    return parts.length === 1 ? { path: parts[0], folder } : undefined;
  }

  /** The notes beside `path`: in its folder, and in a folder named like it (the folder a note was split into). */
  private nearOrigin(path: string | undefined): Set<string> | undefined {
    if (!path) return undefined;
    const slash = path.lastIndexOf('/');
    const folder = slash < 0 ? '' : path.slice(0, slash);
    const stem = path.slice(slash + 1).replace(/\.md$/i, '');
    const near = new Set<string>();
    for (const other of this.index.notesIn(folder)) near.add(other);
    const own = folder ? `${folder}/${stem}` : stem;
    if (this.index.hasFolder(own)) for (const other of this.index.notesUnder(own)) near.add(other);
    near.delete(path);
    return near;
  }
}
