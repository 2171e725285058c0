/**
 * Moving or renaming notes: the edits that keep every 🗄 file part pointing at the note it
 * meant, written in the shortest form that stays unique. Computed before the move (VS Code's
 * `willRenameFiles`), so edits address the files where they are now.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { resolveReference, type Resolution, type ResolverOptions } from './resolve';
import { readBareStem, shortestReferencePath } from './resolve/noteNames';
import { foldName } from '../text/names';
import type { NoteEdit } from './quickFixes';
import type { Reference } from '../syntax/note';
import { keepsLineReading } from '../syntax/references';
import { splitLines } from '../text/positions';

export interface NoteMove {
  from: string;
  to: string;
}

/**
 * A collection that has the moving one as a sibling (DIALECT §8.6), by the name `root`: its links
 * into the moved notes are rewritten too. `candidates` are its notes that may link them (all when
 * undefined).
 */
export interface MoveAcross {
  index: WorkspaceIndex;
  root: string;
  options: ResolverOptions;
  candidates?: Iterable<string>;
}

/**
 * The edits for `moves`. `readText` gives each note's current text; `candidates` are the notes
 * that may refer to the moved ones (all notes when undefined). The index is left as it was.
 */
export function computeMoveEdits(index: WorkspaceIndex, moves: NoteMove[], options: ResolverOptions, readText: (path: string) => string | undefined, candidates?: Iterable<string>): NoteEdit[] {
  return computeMoveEditsAcross(index, moves, options, readText, candidates, []).edits;
}

/**
 * `computeMoveEdits`, and the edits to the links of each collection of `across` (in its order)
 * that lead into the moved notes: each rewritten to a name that leads there from it after the
 * move, or left to go dead when none does (its warning shows it).
 */
export function computeMoveEditsAcross(index: WorkspaceIndex, moves: NoteMove[], options: ResolverOptions, readText: (path: string) => string | undefined, candidates: Iterable<string> | undefined, across: readonly MoveAcross[]): { edits: NoteEdit[]; across: NoteEdit[][] } {
  const movedTo = new Map(moves.filter((move) => index.hasNote(move.from)).map((move) => [move.from, move.to]));
  if (movedTo.size === 0) return { edits: [], across: across.map(() => []) };
  const newPath = (path: string) => movedTo.get(path) ?? path;
  const sources = new Set(candidates ?? index.notePaths());
  for (const from of movedTo.keys()) sources.add(from);
  // A note that takes a name others have (`b/c.md` beside `d/c.md`), or a path a link wrote and
  // found elsewhere by a looser rule, can take those links too.
  const namesakes = new Set(notesSharingNames(index, moves));
  const destinationNames = new Set(moves.flatMap((move) => namesOf(move.to)));

  // Where each reference leads now; for a dead section, the note its file part finds (`line` -1).
  const before: Array<{ source: string; referenceIndex: number; target: string; line: number; kind: string; fileRule: string | undefined }> = [];
  for (const source of [...sources].sort()) {
    index.getNote(source)?.note.references.forEach((reference, referenceIndex) => {
      if (reference.inFence) return;
      // Without a file part only a bare stem names a note (`🗄️ BBQ > smokers` → bbq.md).
      const stem = reference.file ? undefined : bareStemOf(reference);
      if (!reference.file && !stem) return;
      const resolution = resolveReference(index, source, reference, options);
      if (!reference.file && resolution.kind !== 'bare-stem') return;
      // A bare stem is a name like a file part's: moving the note it is written in can take that
      // name (`🗄 A` → a.md, written in the note moved to A.md, found by the move property).
      const written = reference.file ? writtenName(reference.file.text) : writtenName(stem!.stem);
      const touched = (target: string) => movedTo.has(target) || movedTo.has(source) || namesakes.has(target) || destinationNames.has(written);
      if (resolution.status === 'resolved' && resolution.target && touched(resolution.target.path)) {
        before.push({ source, referenceIndex, target: resolution.target.path, line: resolution.target.line, kind: resolution.kind, fileRule: resolution.fileRule });
      } else if (reference.file && resolution.status === 'dead_section' && resolution.note && resolution.note.root === undefined && touched(resolution.note.path)) {
        // Its section is gone, but the note its file part finds is kept: the link follows it, its section as written.
        before.push({ source, referenceIndex, target: resolution.note.path, line: -1, kind: resolution.kind, fileRule: undefined });
      }
    });
  }

  // The other collections' links into the moved notes, where they lead now.
  const linksAcross = across.map((other) => linksInto(other, movedTo));

  const texts = new Map([...movedTo.keys()].map((from) => [from, readText(from)]));
  const textsAtNewPaths = new Map<string, string>();
  for (const [from, to] of movedTo) {
    const text = texts.get(from);
    if (text !== undefined) textsAtNewPaths.set(to, text);
  }
  // Text searches in the moved notes must read them at their new paths, which the text source
  // does not know yet.
  return index.withTextsAt(textsAtNewPaths, () => {
    try {
      for (const [from, to] of movedTo) {
        index.removeNote(from);
        const text = texts.get(from);
        if (text !== undefined) index.setNoteText(to, text);
      }
      const edits: NoteEdit[] = [];
      for (const { source, referenceIndex, target, line, kind, fileRule } of before) {
        const entry = index.getNote(newPath(source));
        const reference = entry?.note.references[referenceIndex];
        if (!reference) continue;
        const wanted = newPath(target);
        const resolution = resolveReference(index, newPath(source), reference, options);
        // Left as written only when it still leads to the same place by the same rules: a link
        // that now finds the moved note only by a looser reading (`b/c/g.md` as b/c.md and a
        // section, once g.md became b/c.md), or by its basename under a folder that is gone
        // (`kitchen/knives.md` once kitchen/ became cooking/), names a file that is gone, and is
        // rewritten. A rewrite that reads as written is no edit.
        if (resolution.status === 'resolved' && resolution.target?.path === wanted && resolution.target.line === line && resolution.kind === kind && resolution.fileRule === fileRule) continue;
        if (line < 0 && resolution.status === 'dead_section' && resolution.note?.root === undefined && resolution.note?.path === wanted) continue;
        const sourceFolder = newPath(source).includes('/') ? newPath(source).slice(0, newPath(source).lastIndexOf('/')) : '';
        // As many parts as the author wrote, when they wrote folders (`kitchen/knives.md` becomes
        // `cooking/knives.md`, not `knives.md`): their habit, and a move back restores the text.
        // A path that climbs (`../x.md`) or a bare stem takes the shortest form.
        // (A path read as a note and a section has one part more than the note's path.)
        const writtenParts = reference.file && !/(^|\/)\.\.?\//.test(reference.file.text) ? reference.file.text.split('/').filter(Boolean).length - (kind === 'section-as-path' ? 1 : 0) : 1;
        let written = shortestReferencePath(index, wanted, sourceFolder, writtenParts);
        if (!reference.file) {
          // A bare stem becomes a file part, its section kept: `BBQ > smokers` → `` `grill.md` smokers ``.
          const stem = bareStemOf(reference);
          if (!stem) continue;
          const range = reference.section!.range;
          const newText = stem.rest ? `\`${written}\` ${stem.rest}` : `\`${written}\``;
          // Beside a stray backtick that the new ones would pair with (`` `🗄 A ``, `` 🗄A`? ``) the
          // marker or the name would be hidden in code, or the file part run on: such a link is
          // left to go dead, where its warning shows it (found by the move property).
          const text = readText(source);
          const lineText = text === undefined ? undefined : splitLines(text)[range.start.line];
          if (lineText === undefined || !keepsLineReading(lineText, [{ start: range.start.character, end: range.end.character, newText }])) continue;
          edits.push({ path: source, range, newText });
          continue;
        }
        // A path read as a note and a section (`b/c/g.md`: section g of b/c.md) keeps its last
        // part, which the section needs (found by the folder-move property): the first way of
        // writing it that leads to the same line, else the shortest path to the note.
        const file = reference.file;
        /** The path's last part, when it goes to the section's first words instead. */
        let sectionHead: string | undefined;
        if (kind === 'section-as-path') {
          const last = file.text.slice(file.text.lastIndexOf('/') + 1);
          const asPath = `${written.replace(/\.md$/i, '')}/${last}`;
          const leadsThere = (again: Resolution) => again.status === 'resolved' && again.target?.path === wanted && again.target.line === line;
          if (leadsThere(resolveReference(index, newPath(source), { ...reference, file: { ...file, text: asPath } }, options))) {
            written = asPath;
          } else if (!reference.section?.quoted) {
            // The path now names a note of its own (the moved one took `b/c/g.md`): the last part
            // goes to the section's first words instead (`` `b/c.md` g rust, pH ``), when that
            // leads to the same line (found by the move property).
            const head = last.replace(/\.md$/i, '');
            const section = { range: reference.section?.range ?? file.range, quoted: false, text: reference.section ? `${head} ${reference.section.text}` : head };
            if (leadsThere(resolveReference(index, newPath(source), { ...reference, file: { ...file, text: written }, section }, options))) sectionHead = head;
          }
        }
        // Keep the author's habit of leaving out `.md` when they did.
        if (!/\.md$/i.test(file.text)) written = written.replace(/\.md$/i, '');
        if (written !== file.text) edits.push({ path: source, range: file.range, newText: written });
        if (sectionHead !== undefined) {
          // Right after the file part's closing backtick, before the section as written.
          const after = { line: file.range.end.line, character: file.range.end.character + (file.bare ? 0 : 1) };
          edits.push({ path: source, range: { start: after, end: after }, newText: ` ${sectionHead}` });
        }
      }
      return { edits, across: across.map((other, at) => rewrittenAcross(index, other, linksAcross[at], newPath)) };
    } finally {
      for (const [from, to] of movedTo) {
        index.removeNote(to);
        const text = texts.get(from);
        if (text !== undefined) index.setNoteText(from, text);
      }
    }
  });
}

/** A link of another collection that leads into a moved note of this one: where it is, and where it leads (`line` -1: a dead section of that note). */
interface LinkAcross {
  source: string;
  reference: Reference;
  target: string;
  line: number;
}

/** The links of `other` whose file part leads into a note of `movedTo` of the collection it calls `other.root`. */
function linksInto(other: MoveAcross, movedTo: ReadonlyMap<string, string>): LinkAcross[] {
  const found: LinkAcross[] = [];
  for (const source of [...new Set(other.candidates ?? other.index.notePaths())].sort()) {
    for (const reference of other.index.getNote(source)?.note.references ?? []) {
      if (reference.inFence || !reference.file) continue;
      const resolution = resolveReference(other.index, source, reference, other.options);
      if (resolution.status === 'resolved' && resolution.target?.root === other.root && movedTo.has(resolution.target.path)) {
        found.push({ source, reference, target: resolution.target.path, line: resolution.target.line });
      } else if (resolution.status === 'dead_section' && resolution.note?.root === other.root && resolution.note && movedTo.has(resolution.note.path)) {
        found.push({ source, reference, target: resolution.note.path, line: -1 });
      }
    }
  }
  return found;
}

/**
 * The edits to `links` of `other` once the notes have moved (`index` is the moving collection,
 * moved): each file part rewritten to the first name that leads from there to the same place:
 * the moved note's shortest name with as many folders as written (its collection's name in front
 * when the link wrote it), then that name after the collection's name (a note of `other` may
 * answer to it alone), then its whole path, then that after the collection's name.
 */
function rewrittenAcross(index: WorkspaceIndex, other: MoveAcross, links: readonly LinkAcross[], newPath: (path: string) => string): NoteEdit[] {
  const edits: NoteEdit[] = [];
  for (const { source, reference, target, line } of links) {
    const file = reference.file!;
    const wanted = newPath(target);
    const prefix = `${other.root}/`;
    const rooted = file.text.startsWith(prefix);
    const parts = (rooted ? file.text.slice(prefix.length) : file.text).split('/').filter(Boolean).length;
    const shortest = shortestReferencePath(index, wanted, '', parts);
    const names = [...new Set([...(rooted ? [`${prefix}${shortest}`] : []), shortest, `${prefix}${shortest}`, wanted, `${prefix}${wanted}`])].map((name) => (/\.md$/i.test(file.text) ? name : name.replace(/\.md$/i, '')));
    const leadsThere = (text: string) => {
      const again = resolveReference(other.index, source, { ...reference, file: { ...file, text } }, other.options);
      if (line < 0) return again.status === 'dead_section' && again.note?.root === other.root && again.note.path === wanted;
      return again.status === 'resolved' && again.target?.root === other.root && again.target.path === wanted && again.target.line === line;
    };
    const written = names.find(leadsThere);
    if (written !== undefined && written !== file.text) edits.push({ path: source, range: file.range, newText: written });
  }
  return edits;
}

/**
 * The notes, other than the moved ones, whose name a move gives to another note: the same
 * basename (case aside), or for a folder note (`d/#d.md`) the note its folder's name spells
 * (`d.md`). Links that found them by name alone may find the moved note instead after the move
 * (found by the move property), so their sources are candidates for edits too.
 */
export function notesSharingNames(index: WorkspaceIndex, moves: readonly NoteMove[]): string[] {
  const moved = new Set(moves.map((move) => move.from));
  const found = new Set<string>();
  for (const { to } of moves) for (const name of namesOf(to)) for (const path of index.notesWithFoldedBasename(name)) if (!moved.has(path)) found.add(path);
  return [...found].sort();
}

/**
 * The notes with a 🗄 link whose file part names a move's destination (`b/c/g.md`, `g.md`, `G`),
 * wherever it leads now: the server's candidates for a move, beside the notes linking into the
 * moved ones and into their namesakes. Reads every note's links, once per move the editor makes.
 */
export function notesNamingDestinations(index: WorkspaceIndex, moves: readonly NoteMove[]): string[] {
  const names = new Set(moves.flatMap((move) => namesOf(move.to)));
  return index.notePaths().filter((path) => index.getNote(path)!.note.references.some((reference) => reference.file && !reference.inFence && names.has(writtenName(reference.file.text)))).sort();
}

/** The names (basename, folded: `foldName`) a note at `path` answers to; a folder note also to its folder's. */
function namesOf(path: string): string[] {
  const basename = foldName(path.slice(path.lastIndexOf('/') + 1));
  const names = [basename];
  if (basename.startsWith('#')) {
    const folder = path.slice(0, Math.max(0, path.lastIndexOf('/')));
    if (folder) names.push(`${foldName(folder.slice(folder.lastIndexOf('/') + 1))}.md`);
  }
  return names;
}

/** The basename a link's file part writes, folded (`foldName`), with `.md` when it left it out. */
function writtenName(file: string): string {
  const basename = foldName(file.slice(file.lastIndexOf('/') + 1));
  return /\.md$/.test(basename) ? basename : `${basename}.md`;
}

/** A link without a file part read as a note's stem and a section (`BBQ > smokers`), as the resolver's bare-stem rule reads it. */
function bareStemOf(reference: Reference): { stem: string; rest: string | undefined } | undefined {
  return reference.section && !reference.section.quoted ? readBareStem(reference.section.text) : undefined;
}
