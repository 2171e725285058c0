/**
 * What every part of the resolver shares: the reference being resolved and the note it is written
 * in, what the verdict read (the notes and anchor names it depends on, for the dependency maps),
 * the searches of another note a verdict makes, and how a fix is written. `Resolver` (resolve.ts)
 * builds on `SiblingResolver` (siblings.ts), on `MissingNoteResolver` (missingNotes.ts), on
 * `DeadSectionResolver` (deadSections.ts), which builds on this.
 */

import type { Anchor, Reference } from '../../syntax/note';
import type { IndexedNote, WorkspaceIndex } from '../../index/workspaceIndex';
import { makeRange } from '../../text/positions';
import { STRONG_KINDS } from '../../index/noteKeys';
import type { FixConfidence, ReferenceFix, ResolutionDependencies, ResolverOptions, TextEdit } from '../resolve';
import { shortestReferencePath } from './noteNames';
import { matchAnchors, matchSection, type AnchorMatch } from './sectionMatch';
import { findPhrase, linkLineSkipper } from './sectionText';

/** Offered one by one as fixes to pick when nothing tells which was meant; more are too many to weigh. */
const MAX_CHOICES = 4;

/** One reference being resolved: its place, what the verdict read so far, and the fixes' writing. */
export abstract class ResolverBase {
  protected readonly fromNote: IndexedNote | undefined;
  protected readonly fromFolder: string;
  protected readonly consulted = new Set<string>();
  protected readonly searchedKeys = new Set<string>();
  /** Note names whose links elsewhere the verdict read (`ResolutionDependencies.names`). */
  protected readonly namesRead = new Set<string>();
  /** Whether the verdict looked in the sibling collections, and read a note there (`ResolutionDependencies.siblings`). */
  protected lookedInSiblings = false;
  protected readSiblingNotes = false;

  constructor(
    protected readonly index: WorkspaceIndex,
    protected readonly fromPath: string,
    protected readonly reference: Reference,
    protected readonly options: ResolverOptions,
  ) {
    this.fromNote = index.getNote(fromPath);
    const slash = fromPath.lastIndexOf('/');
    this.fromFolder = slash < 0 ? '' : fromPath.slice(0, slash);
  }

  /** Whether the referring note was read (every read of a note goes through `note`, or names it as consulted). */
  consultedItsOwnNote(): boolean {
    return this.consulted.has(this.fromPath);
  }

  dependencies(): ResolutionDependencies {
    this.consulted.delete(this.fromPath);
    const dependencies: ResolutionDependencies = { notes: [...this.consulted].sort(), anchorKeys: [...this.searchedKeys].sort() };
    if (this.namesRead.size > 0) dependencies.names = [...this.namesRead].sort();
    if (this.lookedInSiblings) dependencies.siblings = this.readSiblingNotes ? 'notes' : 'names';
    return dependencies;
  }

  /** The note at `path`, remembered as something this verdict depends on. */
  protected note(path: string): IndexedNote | undefined {
    this.consulted.add(path);
    return this.index.getNote(path);
  }

  /** Whether `path` is the note changed last, the one being typed in: its typo search's names are kept for the next keystroke. */
  protected beingTypedIn(path: string): boolean {
    return path === this.index.lastChangedPath;
  }

  /** The best heading, ALL-CAPS line, bold label or term of `path` that `section` names, never the one enclosing this reference. */
  protected strongMatch(path: string, section: string): AnchorMatch | undefined {
    const entry = this.note(path);
    if (!entry) return undefined;
    const matches = matchAnchors(entry, section, STRONG_KINDS, this.excludedLine(path));
    return matches.find((match) => !(path === this.fromPath && encloses(match.anchor, this.reference.line)));
  }

  /** The first line of `path` where the phrase occurs as whole words, outside code fences, URLs and lines holding a 🗄 link. */
  protected findText(path: string, phrase: string): number | undefined {
    const entry = this.note(path);
    return entry && findPhrase(entry, phrase, 0, Infinity, linkLineSkipper(entry, this.excludedLine(path)));
  }

  /**
   * A fix toward each of `paths` (a few, else none): the note part rewritten to one that finds
   * it alone, and the section kept, when the section is found there. A candidate that the
   * reference, so rewritten, would not reach is left out.
   */
  protected choicesAmong(paths: readonly string[], left?: string): ReferenceFix[] | undefined {
    if (paths.length < 2 || paths.length > MAX_CHOICES) return undefined;
    // A note part written oddly (`` 🗄`` b/c.md ``: a stray backtick, spaces inside) would not read
    // as the note once rewritten: no choices rather than ones that lead nowhere.
    const written = this.reference.file?.text;
    if (written !== undefined && (written !== written.trim() || written.includes('`'))) return undefined;
    const section = this.reference.section?.text;
    const choices: ReferenceFix[] = [];
    // The nearest to the note the section left first (a section moves to a note nearby), then to
    // the referring note: the most folders in common, then by path.
    const shared = (path: string, other: string) => {
      const [a, b] = [path.split('/'), other.split('/')];
      let common = 0;
      while (common < Math.min(a.length, b.length) - 1 && a[common] === b[common]) common++;
      return common;
    };
    const nearLeft = (path: string) => (left ? shared(path, left) : 0);
    const ordered = [...paths].sort((a, b) => nearLeft(b) - nearLeft(a) || shared(b, this.fromPath) - shared(a, this.fromPath) || (a < b ? -1 : a > b ? 1 : 0));
    for (const path of ordered) {
      const entry = this.note(path);
      const match = section && entry ? matchSection(entry, section, this.excludedLine(path)) : undefined;
      if (section && !match) continue;
      choices.push(this.fileFix(path, match ? (match.line ?? match.match.anchor.line) : 0, 'low'));
    }
    return choices.length > 0 ? choices : undefined;
  }

  // ── Fixes ────────────────────────────────────────────────────────────────────────────────

  /**
   * A fix that points the reference at `path` (and keeps its section), written in the shortest
   * form that stays unique. `dropSection`: the note alone, for a section that no note has.
   */
  protected fileFix(path: string, line: number, confidence: FixConfidence, options: { writtenFile?: string; dropSection?: boolean } = {}): ReferenceFix {
    this.consulted.add(path);
    const file = options.writtenFile ?? shortestReferencePath(this.index, path, this.fromFolder);
    const reference = this.reference;
    const edits: TextEdit[] = [];
    if (reference.file) {
      edits.push({ range: reference.file.range, newText: file });
      if (options.dropSection && reference.section) {
        // From the closing backtick (or the end of a bare path) to the end of the section, its quotes included.
        const start = reference.file.bare ? reference.file.range.end.character : reference.file.range.end.character + 1;
        const end = reference.section.range.end.character + (reference.section.quoted ? 1 : 0);
        // A backtick right after (`` `a.py` KNIVES` ``) would touch the closing one and read as part of the name: a space stays.
        const after = this.fromNote?.readLines()?.[reference.section.range.start.line]?.[end];
        edits.push({ range: makeRange(reference.section.range.start.line, start, end), newText: after === '`' ? ' ' : '' });
      }
    } else if (reference.section) {
      const start = reference.section.range.start;
      const at = reference.section.quoted ? start.character - 1 : start.character;
      edits.push({ range: makeRange(start.line, at, at), newText: `\`${file}\` ` });
    }
    const section = options.dropSection ? undefined : reference.section?.text;
    return { label: this.describeTarget(file, section), target: { path, line }, edits, confidence };
  }

  protected describeTarget(file: string | undefined, section: string | undefined): string {
    const quoted = this.reference.section?.quoted;
    const sectionText = section ? (quoted ? `'${section}'` : section) : '';
    return [file ? `\`${file}\`` : '', sectionText].filter(Boolean).join(' ');
  }

  /** An anchor never matches its own line: the line of this reference, when it is in `path`. */
  protected excludedLine(path: string): number | undefined {
    return path === this.fromPath ? this.reference.line : undefined;
  }
}

/** True when the reference on `line` is inside the scope of this heading or ALL-CAPS line. */
export function encloses(anchor: Anchor, line: number): boolean {
  return (anchor.kind === 'heading' || anchor.kind === 'caps' || anchor.kind === 'bold') && anchor.line <= line && line <= anchor.endLine;
}
