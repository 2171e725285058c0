/**
 * "Fix all dead links": every dead link whose fix is sure (`high` confidence: history proved the
 * move, or one note alone has the exact section) rewritten at once, like `eslint --fix`. Guesses
 * (an edit-distance typo, one of several notes with the name) are left for the user to pick.
 * The editor applies the result as one workspace edit; `torii fix` writes it to the files.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { resolveNoteReferences } from './check';
import type { ReferenceFix, Resolution, ResolverOptions } from './resolve';
import { splitNoteNames, writtenNoteNames } from '../index/noteKeys';
import type { Note, Reference } from '../syntax/note';
import { applyTextEdits } from '../text/positions';
import { parseNote } from '../syntax/parseNote';
import type { NoteEdit } from './quickFixes';

/** The sure fixes of one note. */
export interface NoteFixes {
  path: string;
  edits: NoteEdit[];
  /** How many links the edits fix. */
  fixed: number;
  /** Dead links left as they are: no fix, or one that is only a guess. */
  left: number;
}

/** The sure fixes of the dead links in `path`, as edits of that note. */
export function computeNoteFixes(index: WorkspaceIndex, path: string, options: ResolverOptions): NoteFixes {
  return asNoteFixes(withoutRaisedWarnings(index, options, [sureFixesOf(index, path, options)])[0]);
}

/** The sure fixes of every note that has one, in path order. */
export function computeWorkspaceFixes(index: WorkspaceIndex, options: ResolverOptions): NoteFixes[] {
  const all = index
    .notePaths()
    .sort()
    .map((path) => sureFixesOf(index, path, options))
    .filter((fixes) => fixes.fixes.length > 0 || fixes.left > 0);
  return withoutRaisedWarnings(index, options, all).map(asNoteFixes);
}

/** A note's sure fixes, each with its link's place in the note's references and the note name it writes (lower case, as `writtenNoteNames` has it), and the dead links left. */
interface SureFixes {
  path: string;
  fixes: SureFix[];
  left: number;
  /** Where its dead-link warnings are in the note's references. */
  dead: Set<number>;
}

interface SureFix {
  fix: ReferenceFix;
  at: number;
  name: string | undefined;
}

function sureFixesOf(index: WorkspaceIndex, path: string, options: ResolverOptions): SureFixes {
  const result: SureFixes = { path, fixes: [], left: 0, dead: new Set() };
  const sure: SureFix[] = [];
  resolveNoteReferences(index, path, options).forEach(({ reference, resolution }, at) => {
    // Warnings only: a link in a code fence is never diagnosed, and `pickles.md?` is the author's own question.
    if (!isDeadWarning(resolution)) return;
    result.dead.add(at);
    if (!resolution.fix || resolution.fix.confidence !== 'high') result.left++;
    else sure.push({ fix: resolution.fix, at, name: writtenName(reference) });
  });
  const kept = withoutAnchorChanges(index, path, sure.map(({ fix }) => fix));
  result.left += sure.length - kept.length;
  result.fixes = sure.filter(({ fix }) => kept.includes(fix));
  return result;
}

/** The note name a link's file part writes, lower case; undefined without one. */
function writtenName(reference: Reference): string | undefined {
  return splitNoteNames(writtenNoteNames({ references: [reference] }))[0];
}

function asNoteFixes({ path, fixes, left }: SureFixes): NoteFixes {
  const edits = fixes.flatMap(({ fix }) => fix.edits.map((edit): NoteEdit => ({ path, range: edit.range, newText: edit.newText })));
  return { path, edits, fixed: fixes.length, left };
}

function isDeadWarning(resolution: Resolution): boolean {
  return resolution.severity === 'warning' && (resolution.status === 'dead_file' || resolution.status === 'dead_section');
}

/**
 * The fixes without those that would turn another link into a warning. What a link writing a
 * note name no note has reads as can rest on the other links writing that name: many notes
 * writing it make it another collection's note (a hint), the sections they name tell which note
 * it was renamed to. A fix rewrites its link's name, and Fix all once left a warning that was not
 * there: fixing `` 🗄`b/c/g.md` patina `` to a.md took away what kept `` 🗄`g.md` `` a hint (found
 * by the Fix all property, seed 1212200). So the fixes that take away a link writing a name no
 * note has are made, and their notes and the notes writing that name checked (the index put back
 * after, as a move is weighed); the fixes of a name that a link turned dead writes are left to be
 * picked by hand, and the rest are weighed again.
 */
function withoutRaisedWarnings(index: WorkspaceIndex, options: ResolverOptions, all: SureFixes[]): SureFixes[] {
  // Only a fix that takes away a link writing a name no note has can change what others read,
  // and only if some link it leaves writes that name too.
  const beside = namesWrittenBeside(index, all);
  let weighed = all.flatMap((owner) => owner.fixes.filter(({ name }) => name !== undefined && beside.has(name)).map((sure) => ({ owner, sure })));
  while (weighed.length > 0) {
    const broken = whatFixingBreaks(index, options, weighed);
    if (!broken) break;
    let drop = weighed.filter(({ sure }) => broken.fixes.has(sure.fix) || broken.names.has(sure.name!));
    // Nothing tells which fix did it (the link turned dead writes another name, or none): none is sure any more.
    if (drop.length === 0) drop = weighed;
    for (const { owner, sure } of drop) {
      owner.fixes = owner.fixes.filter((kept) => kept !== sure);
      owner.left++;
    }
    weighed = weighed.filter((fixing) => !drop.includes(fixing));
  }
  return all;
}

/** The names no note has that the fixed links write and some other link writes as well (in any note). */
function namesWrittenBeside(index: WorkspaceIndex, all: readonly SureFixes[]): Set<string> {
  const fixedAt = new Map(all.map(({ path, fixes }) => [path, new Set(fixes.map(({ at }) => at))]));
  const names = new Set<string>();
  for (const { fixes } of all) for (const { name } of fixes) if (name !== undefined && !index.hasNoteNamed(name)) names.add(name);
  const beside = new Set<string>();
  for (const name of names) {
    for (const path of index.pathsWritingName(name)) {
      const fixed = fixedAt.get(path);
      // A note none of whose links is fixed writes it beside them; a fixed note, with a link not fixed.
      if (!fixed || (index.getNote(path)?.note.references ?? []).some((reference, at) => !fixed.has(at) && writtenName(reference) === name)) {
        beside.add(name);
        break;
      }
    }
  }
  return beside;
}

/** A fix being weighed, and the note's fixes it is one of. */
interface Weighed {
  owner: SureFixes;
  sure: SureFix;
}

/**
 * What making the `weighed` fixes would break, undefined when nothing: the names written by links
 * that would turn into dead-link warnings (in the fixed notes and in those writing a name no note
 * has that a fix takes away or writes), and the fixes whose own link would still be dead.
 */
function whatFixingBreaks(index: WorkspaceIndex, options: ResolverOptions, weighed: readonly Weighed[]): { names: Set<string>; fixes: Set<ReferenceFix> } | undefined {
  const byNote = new Map<string, { owner: SureFixes; fixes: SureFix[] }>();
  for (const { owner, sure } of weighed) {
    const note = byNote.get(owner.path);
    if (note) note.fixes.push(sure);
    else byNote.set(owner.path, { owner, fixes: [sure] });
  }
  const texts = new Map<string, { before: string; after: string }>();
  const readers = new Set<string>();
  for (const [path, { fixes }] of byNote) {
    const before = index.getNote(path)?.readText();
    if (before === undefined) continue;
    const after = applyTextEdits(before, fixes.flatMap(({ fix }) => fix.edits));
    texts.set(path, { before, after });
    readers.add(path);
    // What other links read rests only on the links writing a name no note has: the name each
    // fixed link wrote, and the one it writes now.
    const references = parseNote(path, after).references;
    for (const { at, name } of fixes) {
      const written = references[at] ? writtenName(references[at]) : undefined;
      for (const changed of [name, written]) if (changed && !index.hasNoteNamed(changed)) for (const reader of index.pathsWritingName(changed)) readers.add(reader);
    }
  }
  const deadLinks = (path: string) => {
    const dead = new Set<number>();
    resolveNoteReferences(index, path, options).forEach(({ resolution }, at) => {
      if (isDeadWarning(resolution)) dead.add(at);
    });
    return dead;
  };
  // A fixed note's were found with its fixes.
  const before = new Map([...readers].map((path) => [path, byNote.get(path)?.owner.dead ?? deadLinks(path)]));
  const broken = { names: new Set<string>(), fixes: new Set<ReferenceFix>() };
  index.withTextsAt(new Map([...texts].map(([path, { after }]) => [path, after])), () => {
    try {
      for (const [path, { after }] of texts) index.setNoteText(path, after);
      for (const [path, deadBefore] of before) {
        const references = index.getNote(path)?.note.references ?? [];
        const fixedHere = new Map((byNote.get(path)?.fixes ?? []).map((sure) => [sure.at, sure.fix]));
        for (const at of deadLinks(path)) {
          const fix = fixedHere.get(at);
          if (fix) broken.fixes.add(fix);
          else if (!deadBefore.has(at)) broken.names.add(writtenName(references[at]) ?? '');
        }
      }
    } finally {
      for (const [path, { before: text }] of texts) index.setNoteText(path, text);
    }
  });
  return broken.names.size > 0 || broken.fixes.size > 0 ? broken : undefined;
}

/**
 * The fixes whose edits leave the note's anchors as they are. A link that is also an anchor (an
 * item of a 📚 list that a bare 🗄 heads: a book entry and a target at once) loses the anchor when
 * a note part is put before it, and the links of other notes that led there would die of the fix
 * (found by the Fix all property). Such a fix waits to be picked by hand.
 */
function withoutAnchorChanges(index: WorkspaceIndex, path: string, fixes: ReferenceFix[]): ReferenceFix[] {
  const text = fixes.length > 0 ? index.getNote(path)?.readText() : undefined;
  if (text === undefined) return fixes;
  const before = anchorsByLine(parseNote(path, text));
  const after = anchorsByLine(parseNote(path, applyTextEdits(text, fixes.flatMap((fix) => fix.edits))));
  return fixes.filter((fix) => fix.edits.every((edit) => before.get(edit.range.start.line) === after.get(edit.range.start.line)));
}

/** Each line's anchors (kind and name), for the lines that have any. */
function anchorsByLine(note: Note): Map<number, string> {
  const lines = new Map<number, string>();
  for (const anchor of note.anchors) lines.set(anchor.line, `${lines.get(anchor.line) ?? ''}${anchor.kind}:${anchor.text}\n`);
  return lines;
}

