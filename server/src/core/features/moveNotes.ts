/**
 * Moving or renaming notes: the edits that keep every 🗄 file part pointing at the note it
 * meant, written in the shortest form that stays unique. Computed before the move (VS Code's
 * `willRenameFiles`), so edits address the files where they are now.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { resolveReference, shortestReferencePath, type ResolverOptions } from './resolve';
import type { NoteEdit } from './quickFixes';

export interface NoteMove {
  from: string;
  to: string;
}

/**
 * The edits for `moves`. `readText` gives each note's current text; `candidates` are the notes
 * that may refer to the moved ones (all notes when undefined). The index is left as it was.
 */
export function computeMoveEdits(index: WorkspaceIndex, moves: NoteMove[], options: ResolverOptions, readText: (path: string) => string | undefined, candidates?: Iterable<string>): NoteEdit[] {
  const movedTo = new Map(moves.filter((move) => index.hasNote(move.from)).map((move) => [move.from, move.to]));
  if (movedTo.size === 0) return [];
  const newPath = (path: string) => movedTo.get(path) ?? path;
  const sources = new Set(candidates ?? index.notePaths());
  for (const from of movedTo.keys()) sources.add(from);
  // A note that takes a name others have (`b/c.md` beside `d/c.md`) can take their links too.
  const namesakes = new Set(notesSharingNames(index, moves));

  // Where each reference leads now.
  const before: Array<{ source: string; referenceIndex: number; target: string }> = [];
  for (const source of [...sources].sort()) {
    index.getNote(source)?.note.references.forEach((reference, referenceIndex) => {
      if (!reference.file || reference.inFence) return;
      const resolution = resolveReference(index, source, reference, options);
      if (resolution.status === 'resolved' && resolution.target && (movedTo.has(resolution.target.path) || movedTo.has(source) || namesakes.has(resolution.target.path))) {
        before.push({ source, referenceIndex, target: resolution.target.path });
      }
    });
  }

  const texts = new Map([...movedTo.keys()].map((from) => [from, readText(from)]));
  try {
    for (const [from, to] of movedTo) {
      index.removeNote(from);
      const text = texts.get(from);
      if (text !== undefined) index.setNoteText(to, text);
    }
    const edits: NoteEdit[] = [];
    for (const { source, referenceIndex, target } of before) {
      const entry = index.getNote(newPath(source));
      const reference = entry?.note.references[referenceIndex];
      if (!reference?.file) continue;
      const wanted = newPath(target);
      const resolution = resolveReference(index, newPath(source), reference, options);
      if (resolution.status === 'resolved' && resolution.target?.path === wanted) continue;
      const sourceFolder = newPath(source).includes('/') ? newPath(source).slice(0, newPath(source).lastIndexOf('/')) : '';
      let written = shortestReferencePath(index, wanted, sourceFolder);
      // Keep the author's habit of leaving out `.md` when they did.
      if (!/\.md$/i.test(reference.file.text)) written = written.replace(/\.md$/i, '');
      edits.push({ path: source, range: reference.file.range, newText: written });
    }
    return edits;
  } finally {
    for (const [from, to] of movedTo) {
      index.removeNote(to);
      const text = texts.get(from);
      if (text !== undefined) index.setNoteText(from, text);
    }
  }
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
  for (const { to } of moves) {
    const basename = to.slice(to.lastIndexOf('/') + 1);
    const names = [basename];
    if (basename.startsWith('#')) {
      const folder = to.slice(0, Math.max(0, to.lastIndexOf('/')));
      if (folder) names.push(`${folder.slice(folder.lastIndexOf('/') + 1)}.md`);
    }
    for (const name of names) for (const path of index.notesWithFoldedBasename(name.toLowerCase())) if (!moved.has(path)) found.add(path);
  }
  return [...found].sort();
}
