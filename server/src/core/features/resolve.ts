/**
 * Resolving 🗄 targets (DIALECT §8.2–§8.7): classify the file part, find the note by the file
 * rules F1–F8, find the section by the section rules, and, when a link is dead, say why and
 * what the fix is. The resolver only consults the index; it never reads a file, so a target
 * such as `` `../../etc/passwd` `` is classified, never opened.
 */

import type { Range } from '../text/positions';
import { makeRange } from '../text/positions';
import type { Anchor, AnchorKind, Reference } from '../syntax/note';
import type { IndexedNote, WorkspaceIndex } from '../index/workspaceIndex';
import { editDistance, normalForm, queryKeys } from '../index/normalize';
import { followHistory } from '../index/history';

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
}

/** A replacement in the referring note. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** The fix of a dead link: the suggested target and the edits that write it into the reference. */
export interface ReferenceFix {
  /** How the reference reads after the fix: `` `care.md` rust removal ``. */
  label: string;
  target: NoteLocation;
  edits: TextEdit[];
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
  /** The sentence a user reads in the Problems panel or the CLI. */
  message: string;
  severity?: Severity;
}

const KIND_RANK: Record<AnchorKind, number> = { heading: 0, caps: 1, bold: 2, term: 3, item: 4, book: 5 };
const ALL_KINDS: readonly AnchorKind[] = ['heading', 'caps', 'bold', 'term', 'item', 'book'];
const HEADING_KINDS: readonly AnchorKind[] = ['heading', 'caps', 'bold'];
const STRONG_KINDS: readonly AnchorKind[] = ['heading', 'caps', 'bold', 'term'];
/** How many notes holding a section's name are weighed as the place it moved to. */
const MOVED_SECTION_CANDIDATES = 16;
const STOPWORDS = new Set(['a', 'an', 'the', 'for', 'of', 'to', 'from', 'and', 'or', 'in', 'on', 'with', 'by', 'at', 'as', 'is', 'et', 'al', 'both', 'this', 'that', 'these', 'those', 'my', 'i', 'it', 'be', 'into', 'about', 'idea']);

type Quality = 0 | 1 | 2; // exact, alias, squash

interface AnchorMatch {
  index: number;
  anchor: Anchor;
  quality: Quality;
}

interface SectionMatch {
  match: AnchorMatch;
  rule: string;
  /** For text-under-head: the line the leaf phrase is on. */
  line?: number;
}

/** Resolves one 🗄 target written in the note at `fromPath`. */
export function resolveReference(index: WorkspaceIndex, fromPath: string, reference: Reference, options: ResolverOptions = DEFAULT_RESOLVER_OPTIONS): Resolution {
  const resolver = new Resolver(index, fromPath, reference, options);
  const resolution = resolver.resolve();
  resolution.severity = reference.inFence ? undefined : severityOf(resolution, reference);
  return resolution;
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

/** File rules that only guess (DIALECT §8.3): history beats them when the section is missing. */
const WEAK_FILE_RULES = new Set(['folder-meta', 'meta-prefix', 'basename-dirmismatch', 'case-insensitive']);

class Resolver {
  private readonly fromNote: IndexedNote | undefined;
  /** The note name the file part asks for, `.md` added, once known. */
  private writtenName: string | undefined;
  private readonly fromFolder: string;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly fromPath: string,
    private readonly reference: Reference,
    private readonly options: ResolverOptions,
  ) {
    this.fromNote = index.getNote(fromPath);
    const slash = fromPath.lastIndexOf('/');
    this.fromFolder = slash < 0 ? '' : fromPath.slice(0, slash);
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
      return { status: 'external', kind: classified.class, related: [], message: `${fileText} is not a note (${describeExternal(classified.class)})` };
    }
    let token = classified.token;
    const firstComponent = token.split('/')[0];
    let viaRootAlias = false;
    if (token.includes('/') && this.options.rootAliases.includes(firstComponent) && !this.index.hasFolder(firstComponent)) {
      token = token.slice(firstComponent.length + 1);
      viaRootAlias = true;
    }
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
      // `.com` after 🗄 is autocomplete damage of `.md` (DIALECT §5.5), even when the note is gone.
      return {
        status: 'dead_file',
        kind: 'typo-extension',
        related: [],
        message: `dead link: ${fileText} is not a note (\`.com\` looks like a typo for \`.md\`), and there is no note \`${stemToken}\` either`,
      };
    }
    const extensionless = !/\.md$/i.test(token);
    const name = extensionless ? `${token}.md` : token;
    this.writtenName = name;
    const lookup = this.findNote(name);
    if (lookup) return this.withSection(lookup.paths, viaRootAlias ? 'root-alias' : lookup.rule, this.reference.section?.text);
    // F8 section-as-path: `bread/flour/rye.md` is section `rye` of `bread/flour.md`.
    const slash = name.lastIndexOf('/');
    if (slash > 0) {
      const parentLookup = this.findNote(`${name.slice(0, slash)}.md`);
      if (parentLookup) {
        const pathSection = name.slice(slash + 1).replace(/\.md$/i, '');
        const own = this.reference.section?.text;
        return this.withSection(parentLookup.paths, 'section-as-path', own ? `${pathSection} > ${own}` : pathSection);
      }
    }
    if (extensionless) {
      // `recipe-app` is a project, unless the collection once had a note of that name.
      const fromHistory = this.fromHistory(name, written);
      if (fromHistory) return fromHistory;
      return { status: 'external', kind: 'project-or-dir', related: [], message: `${fileText} names no note (a project, folder or repository?)` };
    }
    return this.fileNotFound(name, written);
  }

  /** The note a written path names, by the first file rule (F1–F7) that finds one. */
  private findNote(name: string): { paths: string[]; rule: string } | undefined {
    return findNoteByRules(this.index, this.fromFolder, name);
  }

  private typoExtension(written: string, extension: string, lookup: { paths: string[]; rule: string }): Resolution {
    const path = lookup.paths[0];
    const newText = written.replace(/\.[^./]+$/, '.md');
    const sectionLine = this.sectionLineIn(path);
    return {
      status: 'dead_file',
      kind: 'typo-extension',
      related: [],
      message: `dead link: \`${written}\` is not a note (\`.${extension}\` looks like a typo for \`.md\`)`,
      fix: this.fileFix(path, sectionLine, newText),
    };
  }

  /** §8.6 without history: split into a folder, legacy numbered name, typo, or a foreign note. */
  private fileNotFound(name: string, written: string): Resolution {
    const fromHistory = this.fromHistory(name, written);
    if (fromHistory) return fromHistory;
    const fileText = `\`${written}\``;
    const slash = name.lastIndexOf('/');
    const folder = slash < 0 ? '' : name.slice(0, slash + 1);
    const basename = name.slice(slash + 1);
    const stem = basename.replace(/\.md$/i, '');
    const section = this.reference.section?.text;

    const successors = this.index.foldersNamed(stem);
    if (successors.length > 0) {
      const folderNotes = section ? successors.flatMap((successor) => this.index.notesUnder(successor)) : [];
      const holder = section ? this.notesHoldingSection(folderNotes, section) : [];
      const fix = holder.length === 1 ? this.fileFix(holder[0].path, holder[0].line) : undefined;
      return {
        status: 'dead_file',
        kind: 'split-into-folder',
        related: successors.map((successor) => ({ path: successor, line: 0, message: `folder ${successor}/` })),
        message: `dead link: no note ${fileText}; it became the folder \`${successors[0]}/\``,
        fix,
      };
    }
    const legacy = /^\d+-(.+\.md)$/i.exec(basename);
    if (legacy) {
      const lookup = this.findNote(`${folder}${legacy[1]}`);
      if (lookup && lookup.paths.length === 1) {
        return {
          status: 'dead_file', kind: 'legacy-name', related: [],
          message: `dead link: no note ${fileText} (an old numbered name)`,
          fix: this.fileFix(lookup.paths[0], this.sectionLineIn(lookup.paths[0])),
        };
      }
    }
    if (stem.length >= 5) {
      const limit = stem.length >= 9 ? 2 : 1;
      const close = this.index
        .basenamesNearStem(stem)
        .filter((candidate) => editDistance(stem.toLowerCase(), candidate.replace(/\.md$/i, '').replace(/^#/, '').toLowerCase(), limit) <= limit);
      const paths = close.flatMap((basenameFound) => this.index.notesWithBasename(basenameFound));
      if (paths.length === 1) {
        return {
          status: 'dead_file', kind: 'typo', related: [],
          message: `dead link: no note ${fileText}`,
          fix: this.fileFix(paths[0], this.sectionLineIn(paths[0])),
        };
      }
    }
    return {
      status: 'external',
      kind: 'foreign-note',
      related: [],
      message: `${fileText} is not in this workspace (a note of another collection?)`,
    };
  }

  /**
   * DIALECT §8.6 steps 1–2: the collection's history knows the name. Renamed → `moved`, with the
   * new path as the fix; deleted → `split-or-deleted`, with the heir that now holds the section.
   */
  private fromHistory(name: string, written: string): Resolution | undefined {
    const history = this.index.history;
    if (!history) return undefined;
    const outcome = followHistory(history, name, (path) => this.index.hasNote(path));
    if (!outcome) return undefined;
    const fileText = `\`${written}\``;
    if (outcome.kind === 'moved') {
      return {
        status: 'dead_file', kind: 'moved', related: [],
        message: `dead link: no note ${fileText}; ${outcome.from} was renamed to ${outcome.to}`,
        fix: this.fileFix(outcome.to, this.sectionLineIn(outcome.to)),
      };
    }
    const stem = name.slice(name.lastIndexOf('/') + 1).replace(/\.md$/i, '');
    const successors = this.index.foldersNamed(stem).flatMap((folder) => this.index.notesUnder(folder));
    const heirs = [...new Set([...outcome.heirs, ...successors])];
    const section = this.reference.section?.text;
    const holders = section ? this.notesHoldingSection(heirs, section) : [];
    const fix = holders.length > 0 ? this.fileFix(holders[0].path, holders[0].line) : !section && heirs.length === 1 ? this.fileFix(heirs[0], 0) : undefined;
    return {
      status: 'dead_file', kind: 'split-or-deleted',
      related: heirs.slice(0, 8).map((heir) => ({ path: heir, line: 0, message: `added when ${outcome.from} was deleted` })),
      message: `dead link: no note ${fileText}; ${outcome.from} was deleted${heirs.length ? ` (its material went to ${heirs.slice(0, 3).join(', ')}${heirs.length > 3 ? ', …' : ''})` : ''}`,
      fix,
    };
  }

  /** Applies the section part to the notes the file part found (§8.3 "several candidates"). */
  private withSection(paths: string[], fileRule: string, section: string | undefined): Resolution {
    const fileText = `\`${this.reference.file!.text}\``;
    if (!section) {
      if (paths.length === 1) {
        return { status: 'resolved', kind: fileRule, fileRule, target: { path: paths[0], line: 0 }, related: [], message: `${fileText} → ${paths[0]}` };
      }
      return this.ambiguous(paths, `${fileText} matches ${paths.length} notes`);
    }
    const found = paths
      .map((path) => ({ path, match: matchSection(this.index.getNote(path)!, section, this.excludedLine(path)) }))
      .filter((candidate) => candidate.match !== undefined);
    if (found.length === 1) {
      const { path, match } = found[0];
      const resolution = this.resolvedSection(path, match!, fileRule === 'section-as-path' ? 'section-as-path' : match!.rule);
      resolution.fileRule = fileRule;
      return resolution;
    }
    // A weak file match loses to history when the section is missing (§8.3): `joinery.md`
    // found as a folder note without `dovetails`, while history renamed joinery.md to a note that has it.
    if (found.length === 0 && paths.length === 1 && WEAK_FILE_RULES.has(fileRule) && this.writtenName) {
      const moved = this.index.history && followHistory(this.index.history, this.writtenName, (path) => this.index.hasNote(path));
      if (moved && moved.kind === 'moved' && moved.to !== paths[0] && matchSection(this.index.getNote(moved.to)!, section, this.excludedLine(moved.to))) {
        return {
          status: 'dead_file', kind: 'moved', related: [{ path: paths[0], line: 0, message: `${fileRule} match without '${section}'` }],
          message: `dead link: ${fileText} now names ${paths[0]}, which has no section '${section}'; ${moved.from} was renamed to ${moved.to}`,
          fix: this.fileFix(moved.to, this.sectionLineIn(moved.to)),
        };
      }
    }
    if (found.length > 1 || paths.length > 1) {
      return this.ambiguous(found.length > 1 ? found.map((candidate) => candidate.path) : paths, `${fileText} '${section}' matches ${found.length > 1 ? found.length : paths.length} notes and the section does not decide`);
    }
    return this.deadSection(paths[0], section);
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
    };
  }

  // ── Dead sections ────────────────────────────────────────────────────────────────────────

  /** The section is not in `path`: moved elsewhere, a typo, only text, or nowhere (§8.4). */
  private deadSection(path: string, section: string): Resolution {
    const entry = this.index.getNote(path)!;
    const where = this.reference.file ? `\`${this.reference.file.text}\`` : 'this note';
    const leaf = lastPathComponent(section);
    const queries = leaf === section ? [section] : [section, leaf];

    for (const query of queries) {
      const moved = this.movedSection(query, path);
      if (moved) {
        return {
          status: 'dead_section', kind: 'moved-section', related: [],
          message: `dead section: ${where} has no section '${section}'; it is in ${moved.path}`,
          fix: this.fileFix(moved.path, moved.line),
        };
      }
    }
    for (const query of queries) {
      const typo = findTypo(entry, query, this.excludedLine(path));
      if (typo) {
        const sectionRange = this.reference.section!.range;
        const newText = section === query ? typo.text : section.slice(0, section.length - query.length) + typo.text;
        return {
          status: 'dead_section', kind: 'typo', related: [],
          message: `dead section: ${where} has no section '${section}'; did you mean '${typo.text}'?`,
          fix: { label: this.describeTarget(this.reference.file?.text, newText), target: { path, line: typo.line }, edits: [{ range: sectionRange, newText }] },
        };
      }
    }
    const textLine = this.findText(path, leaf);
    if (textLine !== undefined) {
      return {
        status: 'dead_section', kind: 'text-only',
        related: [{ path, line: textLine, message: `'${leaf}' occurs here as plain text` }],
        message: `dead section: ${where} has no section '${section}'; the words only occur as text on line ${textLine + 1}`,
      };
    }
    return { status: 'dead_section', kind: 'no-anchor', related: [], message: `dead section: ${where} has no section '${section}'` };
  }

  /**
   * Another note with an anchor of that name: where the section moved to. When many notes have
   * one (a common word), the first few in path order are weighed, so one dead link never costs
   * a pass over the whole collection.
   */
  private movedSection(section: string, notPath: string): { path: string; line: number } | undefined {
    const keys = queryKeys(section);
    const candidates = smallestPaths(keys.variants.map((variant) => this.index.notesWithAnchorKey(variant)), notPath, MOVED_SECTION_CANDIDATES);
    let best: { path: string; line: number; rank: number } | undefined;
    for (const path of candidates) {
      const match = bestMatch(this.index.getNote(path)!, section, STRONG_KINDS, this.excludedLine(path));
      if (!match) continue;
      const rank = KIND_RANK[match.anchor.kind] * 3 + match.quality;
      if (!best || rank < best.rank) best = { path, line: match.anchor.line, rank };
      if (rank === 0) break;
    }
    return best;
  }

  private findText(path: string, phrase: string): number | undefined {
    const lines = this.index.getNote(path)?.readLines();
    const needle = normalForm(phrase);
    if (lines === undefined || needle.length < 3) return undefined;
    for (let line = 0; line < lines.length; line++) {
      if (line === this.excludedLine(path)) continue;
      if (lines[line].toLowerCase().includes(needle)) return line;
    }
    return undefined;
  }

  // ── No file part (§8.5) ──────────────────────────────────────────────────────────────────

  private resolveSameNote(section: string): Resolution {
    if (/^notebook\b/i.test(section)) {
      return { status: 'external', kind: 'notebook', related: [], message: `'${section}' is a paper notebook entry` };
    }
    if (this.fromNote) {
      const match = matchSection(this.fromNote, section, this.reference.line);
      if (match) return this.resolvedSection(this.fromPath, match, match.rule);
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

  /** `🗄️ BBQ > smokers` → `bbq.md`, section `smokers`; with a plain space only when that resolves. */
  private bareStem(section: string): Resolution | undefined {
    const separated = /^([^\s/>]+)(\s+>\s+|\s+\/\s+|\/)(.+)$/.exec(section);
    const spaced = /^([^\s/>]+)(?:\s+(.+))?$/.exec(section);
    const attempt = separated ?? spaced;
    if (!attempt) return undefined;
    const stem = attempt[1];
    const rest = separated ? separated[3] : spaced?.[2];
    const lookup = findNoteByRules(this.index, this.fromFolder, `${stem}.md`, true);
    if (!lookup || lookup.paths.length !== 1 || lookup.paths[0] === this.fromPath) return undefined;
    const path = lookup.paths[0];
    if (!rest) {
      return { status: 'resolved', kind: 'bare-stem', target: { path, line: 0 }, related: [], message: `→ ${path}` };
    }
    const match = matchSection(this.index.getNote(path)!, rest, undefined);
    if (match) return this.resolvedSection(path, match, 'bare-stem');
    if (!separated) return undefined;
    const dead = this.deadSection(path, rest);
    dead.message = dead.message.replace('this note', `\`${stem}\``);
    return dead;
  }

  /** `🗄️ Chang knife skills` → the 📚 entry `* Chang knife skills` (§5.6, rule book-entry). */
  private bookEntry(section: string): Resolution | undefined {
    const words = section.split(/\s+/);
    if (!/^\p{Lu}/u.test(words[0])) return undefined;
    // `Van Hout soil salt`: a particle name takes two words (DIALECT §6.1).
    const authorWords = words.length > 2 && /^\p{Lu}/u.test(words[1]) && this.index.bookEntriesByAuthor(`${words[0]} ${words[1]}`).length > 0 ? 2 : 1;
    const titles = this.index.bookTitlesByAuthor(words.slice(0, authorWords).join(' '));
    if (titles.length === 0) return undefined;
    const wanted = new Set(words.slice(authorWords).map((word) => normalForm(word)).filter((word) => word && !STOPWORDS.has(word)));
    let best: { path: string; line: number; overlap: number; title: string } | undefined;
    for (const { path, entry, words: titleWords } of titles) {
      const overlap = titleWords.filter((word) => wanted.has(word)).length;
      if (wanted.size > 0 && overlap === 0) continue;
      if (!best || overlap > best.overlap) best = { path, line: entry.line, overlap, title: `${entry.author} ${entry.title}`.trim() };
    }
    if (!best) return undefined;
    return { status: 'resolved', kind: 'book-entry', target: { path: best.path, line: best.line, anchorText: best.title }, related: [], message: `→ 📚 ${best.title}` };
  }

  /** Free prose after 🗄 (§5.4): four or more words, one a stopword, and no anchor anywhere by that name. */
  private isProse(section: string): boolean {
    const words = normalForm(section).split(' ');
    if (words.length < 4 || !words.some((word) => STOPWORDS.has(word))) return false;
    return queryKeys(section).variants.every((variant) => this.index.notesWithAnchorKey(variant).size === 0);
  }

  // ── Fixes ────────────────────────────────────────────────────────────────────────────────

  /** A fix that points the reference at `path` (and keeps its section), written in the shortest form that stays unique. */
  private fileFix(path: string, line: number, writtenFile?: string): ReferenceFix {
    const file = writtenFile ?? shortestReferencePath(this.index, path, this.fromFolder);
    const reference = this.reference;
    const edits: TextEdit[] = [];
    if (reference.file) {
      edits.push({ range: reference.file.range, newText: file });
    } else if (reference.section) {
      const start = reference.section.range.start;
      const at = reference.section.quoted ? start.character - 1 : start.character;
      edits.push({ range: makeRange(start.line, at, at), newText: `\`${file}\` ` });
    }
    return { label: this.describeTarget(file, reference.section?.text), target: { path, line }, edits };
  }

  private describeTarget(file: string | undefined, section: string | undefined): string {
    const quoted = this.reference.section?.quoted;
    const sectionText = section ? (quoted ? `'${section}'` : section) : '';
    return [file ? `\`${file}\`` : '', sectionText].filter(Boolean).join(' ');
  }

  /** The line of this reference's section in `path`, or 0 (the note itself). */
  private sectionLineIn(path: string): number {
    const section = this.reference.section?.text;
    if (!section) return 0;
    const match = matchSection(this.index.getNote(path)!, section, this.excludedLine(path));
    return match ? (match.line ?? match.match.anchor.line) : 0;
  }

  private notesHoldingSection(paths: string[], section: string): NoteLocation[] {
    const result: NoteLocation[] = [];
    for (const path of paths) {
      const match = matchSection(this.index.getNote(path)!, section, undefined);
      if (match) result.push({ path, line: match.match.anchor.line });
    }
    return result;
  }

  /** An anchor never matches its own line: the line of this reference, when it is in `path`. */
  private excludedLine(path: string): number | undefined {
    return path === this.fromPath ? this.reference.line : undefined;
  }
}

/** The `limit` smallest paths (in sort order) of several sets, without `except`, in one pass. */
function smallestPaths(sets: ReadonlyArray<ReadonlySet<string>>, except: string, limit: number): string[] {
  const kept: string[] = [];
  for (const set of sets) {
    for (const path of set) {
      if (path === except || kept.includes(path)) continue;
      if (kept.length === limit && path >= kept[limit - 1]) continue;
      let at = kept.length;
      while (at > 0 && kept[at - 1] > path) at--;
      kept.splice(at, 0, path);
      if (kept.length > limit) kept.pop();
    }
  }
  return kept;
}

// ── File rules ───────────────────────────────────────────────────────────────────────────────

type ClassifiedToken =
  | { kind: 'note'; token: string }
  | { kind: 'typo-extension'; token: string; extension: string }
  | { kind: 'external'; class: string };

/** DIALECT §8.2: what a file part is before any lookup. */
export function classifyFileToken(written: string): ClassifiedToken {
  const token = written.trim();
  const lastComponent = token.slice(token.lastIndexOf('/') + 1);
  const extensionMatch = /\.([A-Za-z][A-Za-z0-9]{0,7})$/.exec(lastComponent);
  const extension = extensionMatch && extensionMatch.index > 0 ? extensionMatch[1].toLowerCase() : undefined;
  if (token.length === 0) return { kind: 'external', class: 'empty' };
  if (/^[/~$]/.test(token)) return { kind: 'external', class: 'abs-path' };
  if (/[\s;]/.test(token) && (!extension || /;/.test(token))) return { kind: 'external', class: 'command' };
  if (token.startsWith('.') && !token.startsWith('./') && !token.startsWith('../')) return { kind: 'external', class: 'dotfile' };
  if (token.includes('*')) return { kind: 'external', class: 'glob' };
  if (extension === 'com' || extension === 'py') return { kind: 'typo-extension', token, extension };
  if (extension && extension !== 'md') return { kind: 'external', class: extension === 'pdf' ? 'pdf' : `artifact:${extension}` };
  return { kind: 'note', token };
}

function describeExternal(kind: string): string {
  switch (kind) {
    case 'abs-path': return 'an absolute path';
    case 'command': return 'a shell command';
    case 'dotfile': return 'a dotfile';
    case 'glob': return 'a glob';
    case 'pdf': return 'a PDF';
    case 'empty': return 'empty';
    default: return kind.startsWith('artifact:') ? `a .${kind.slice(9)} file` : kind;
  }
}

/**
 * File rules F1–F7 (DIALECT §8.3), first match wins: exact, same-dir, suffix, suffix-meta,
 * basename, meta-prefix, case-insensitive, folder-meta. `name` ends in `.md`.
 */
export function findNoteByRules(index: WorkspaceIndex, fromFolder: string, name: string, caseInsensitiveOnly = false): { paths: string[]; rule: string } | undefined {
  const slash = name.lastIndexOf('/');
  const basename = name.slice(slash + 1);
  const folder = slash < 0 ? '' : name.slice(0, slash);
  const found = (paths: readonly string[], rule: string) => (paths.length > 0 ? { paths: [...paths].sort(), rule } : undefined);
  if (!caseInsensitiveOnly) {
    if (index.hasNote(name)) return { paths: [name], rule: 'exact' };
    const sameDir = fromFolder ? `${fromFolder}/${name}` : name;
    if (index.hasNote(sameDir)) return { paths: [sameDir], rule: 'same-dir' };
    const byBasename = index.notesWithBasename(basename);
    if (folder) {
      const suffix = found(byBasename.filter((path) => path.endsWith(`/${name}`)), 'suffix');
      if (suffix) return suffix;
      const metaName = `${folder}/#${basename}`;
      const suffixMeta = found(index.notesWithBasename(`#${basename}`).filter((path) => path === metaName || path.endsWith(`/${metaName}`)), 'suffix-meta');
      if (suffixMeta) return suffixMeta;
    }
    const byName = found(byBasename, folder ? 'basename-dirmismatch' : 'basename');
    if (byName) return byName;
    const metaPrefix = found(index.notesWithBasename(`#${basename}`), 'meta-prefix');
    if (metaPrefix) return metaPrefix;
  }
  const folded = index.notesWithFoldedBasename(basename).filter((path) => !folder || path.toLowerCase().endsWith(`/${name.toLowerCase()}`));
  const caseInsensitive = found(folded, 'case-insensitive');
  if (caseInsensitive) return caseInsensitive;
  if (caseInsensitiveOnly) return undefined;
  const stem = basename.replace(/\.md$/i, '');
  const folderNotes: string[] = [];
  for (const candidateFolder of index.foldersNamed(stem)) {
    if (folder && !(candidateFolder === `${folder}/${stem}` || candidateFolder.endsWith(`/${folder}/${stem}`))) continue;
    const meta = `${candidateFolder}/#meta.md`;
    if (index.hasNote(meta)) {
      folderNotes.push(meta);
      continue;
    }
    const hashNotes = index.folderNotesIn(candidateFolder);
    if (hashNotes.length === 1) folderNotes.push(hashNotes[0]);
  }
  return found(folderNotes, 'folder-meta');
}

/**
 * The shortest way to write `path` in a 🗄 file part that the file rules still resolve to it
 * alone: `oils.md` for `craft/finish/#oils.md`, `tools.md` for a unique basename, else a longer suffix.
 */
export function shortestReferencePath(index: WorkspaceIndex, path: string, fromFolder: string): string {
  const parts = path.split('/');
  const basename = parts[parts.length - 1];
  const candidates: string[] = [];
  if (basename.startsWith('#')) {
    candidates.push(basename.slice(1));
    if (basename === '#meta.md' && parts.length >= 2) candidates.push(`${parts[parts.length - 2]}.md`);
  }
  candidates.push(basename);
  for (let length = 2; length <= parts.length; length++) candidates.push(parts.slice(parts.length - length).join('/'));
  for (const candidate of candidates) {
    const lookup = findNoteByRules(index, fromFolder, candidate);
    if (lookup && lookup.paths.length === 1 && lookup.paths[0] === path) return candidate;
  }
  return path;
}

/** Joins a relative path onto a folder; undefined when it climbs out of the workspace. */
function joinPath(folder: string, relative: string): string | undefined {
  const parts = folder ? folder.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

// ── Section rules ────────────────────────────────────────────────────────────────────────────

/** Every anchor of `kinds` that `text` names, best first: kind, then exact / alias / squash. */
function matchAnchors(entry: IndexedNote, text: string, kinds: readonly AnchorKind[], excludeLine: number | undefined): AnchorMatch[] {
  const keys = queryKeys(text);
  if (!keys.normal) return [];
  const best = new Map<number, Quality>();
  const consider = (indices: readonly number[], quality: Quality) => {
    for (const index of indices) {
      const anchor = entry.note.anchors[index];
      if (anchor.line === excludeLine || !kinds.includes(anchor.kind)) continue;
      const actual: Quality = quality === 1 && normalForm(anchor.text) === keys.normal ? 0 : quality;
      const previous = best.get(index);
      if (previous === undefined || actual < previous) best.set(index, actual);
    }
  };
  for (const variant of keys.variants) consider(entry.anchorsByAlias(variant), 1);
  for (const squashed of keys.squashes) consider(entry.anchorsBySquash(squashed), 2);
  return [...best.entries()]
    .map(([index, quality]) => ({ index, anchor: entry.note.anchors[index], quality }))
    .sort((a, b) => KIND_RANK[a.anchor.kind] - KIND_RANK[b.anchor.kind] || a.quality - b.quality || a.anchor.line - b.anchor.line);
}

function bestMatch(entry: IndexedNote, text: string, kinds: readonly AnchorKind[], excludeLine: number | undefined): AnchorMatch | undefined {
  return matchAnchors(entry, text, kinds, excludeLine)[0];
}

function ruleName(match: AnchorMatch): string {
  const kind = match.anchor.kind === 'item' ? 'item-head' : match.anchor.kind === 'book' ? 'book-entry' : match.anchor.kind;
  return `${kind}${match.quality === 0 ? '' : match.quality === 1 ? '-alias' : '-squash'}`;
}

const PATH_SEPARATOR = /\s+>\s+|\s*>\s*|\s+\/\s+|\//;

function lastPathComponent(section: string): string {
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
  const words = section.split(/\s+/);
  for (let length = words.length - 1; length >= 1; length--) {
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
    const line = findTextInScope(entry, head.anchor, leaf);
    if (line !== undefined) return { match: head, line, rule: 'text-under-head' };
  }
  return undefined;
}

function ancestorsMatch(entry: IndexedNote, anchorIndex: number, heads: string[]): boolean {
  let remaining = heads.length - 1;
  let parent = entry.note.anchors[anchorIndex].parent;
  while (parent !== undefined && remaining >= 0) {
    if (matchAnchorsOne(entry, parent, heads[remaining])) remaining--;
    parent = entry.note.anchors[parent].parent;
  }
  return remaining < 0;
}

function matchAnchorsOne(entry: IndexedNote, anchorIndex: number, text: string): boolean {
  const keys = queryKeys(text);
  const anchorKeySet = entry.anchorKeys(anchorIndex);
  return keys.variants.some((variant) => anchorKeySet.aliases.has(variant)) || keys.squashes.some((squashed) => anchorKeySet.squashes.has(squashed));
}

/** The first line below `head`, within its scope, whose text contains `phrase`. */
function findTextInScope(entry: IndexedNote, head: Anchor, phrase: string): number | undefined {
  const needle = normalForm(phrase);
  const lines = entry.readLines();
  if (needle.length < 3 || !lines) return undefined;
  for (let line = head.line + 1; line <= head.endLine && line < lines.length; line++) {
    if (lines[line].toLowerCase().includes(needle)) return line;
  }
  return undefined;
}

/** A strong anchor within edit distance 1 (2 for 8 or more characters) of `text`, if one is unique. */
function findTypo(entry: IndexedNote, text: string, excludeLine: number | undefined): { text: string; line: number } | undefined {
  const normal = normalForm(text);
  if (normal.length < 5) return undefined;
  const limit = normal.length >= 8 ? 2 : 1;
  let best: { text: string; line: number; distance: number } | undefined;
  for (const { anchor } of entry.namedAnchors()) {
    if (anchor.line === excludeLine || !STRONG_KINDS.includes(anchor.kind)) continue;
    const distance = editDistance(normal, normalForm(anchor.text), limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { text: anchor.text, line: anchor.line, distance };
  }
  return best;
}
