/**
 * Renaming an author (F2 on the name in a 📙 citation or a 📚 entry): every citation and every
 * 📚 entry of that author, across the workspace, is rewritten to the new name (`Kleppman` written
 * for years, now `Kleppmann`), and so is every 🗄 link that names one of their books by it
 * (`🗄️ Lopez food lab`). Other names a letter or two away are other authors, and stay.
 */

import type { Position, Range } from '../text/positions';
import { applyTextEdits, makeRange } from '../text/positions';
import { eitherFormPattern } from '../text/names';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { parseNote } from '../syntax/parseNote';
import { isNameParticle, readsAsAuthorName } from '../syntax/citations';
import { contains } from './locate';
import { RenameRefusal } from './rename';
import { resolveReference, type ResolverOptions } from './resolve';
import type { NoteEdit } from './quickFixes';

/** The author F2 renames: their name as the index keys it, and the name under the cursor. */
export interface AuthorRenameTarget {
  author: string;
  range: Range;
  placeholder: string;
}

/** The author whose name is under `position` (in a 📙 item or at the start of a 📚 entry); undefined elsewhere. */
export function prepareAuthorRename(index: WorkspaceIndex, path: string, position: Position): AuthorRenameTarget | undefined {
  const note = index.getNote(path)?.note;
  if (!note) return undefined;
  for (const citation of note.citations) {
    if (citation.line !== position.line) continue;
    for (const item of citation.items) {
      if (item.author && item.authorRange && contains(item.authorRange, position)) return { author: item.author, range: item.authorRange, placeholder: item.author };
    }
  }
  for (const list of note.bookLists) {
    for (const entry of list.entries) {
      if (entry.author && entry.authorRange && contains(entry.authorRange, position)) return { author: entry.author, range: entry.authorRange, placeholder: entry.author };
    }
  }
  return undefined;
}

/**
 * The edits that rename `target.author` to `newName` in every 📙 item and 📚 entry naming them,
 * and in every 🗄 link that leads to one of their 📚 entries by the author's name (`🗄️ Lopez food
 * lab`, DIALECT §8.5). Refused when the new name would not read as that author's name in each
 * place: a name in lower case, or with words that would read as a title or a page (`McGee food`,
 * `Lopez [2]`).
 */
export function computeAuthorRename(index: WorkspaceIndex, target: AuthorRenameTarget, newName: string, options: ResolverOptions): NoteEdit[] {
  const name = newName.trim();
  if (!name || /[\r\n]/.test(name)) throw new RenameRefusal('The new name must be one line of text.');
  if (!readsAsAuthorName(name)) {
    throw new RenameRefusal(`'${name}' would not read as an author's name: a name starts with a capital letter (\`McGee\`, \`Van Aken\`, \`Kernighan/Pike\`) and has no title words or pages.`);
  }
  const places = new Map<string, NoteEdit>();
  const add = (path: string, range: Range) => places.set(`${path}\n${range.start.line}:${range.start.character}`, { path, range, newText: name });
  // A carried-over item (`📙 Chang skills [306] basics [105]`) shares the first item's name: one edit.
  for (const { path, item } of index.citationsOfAuthor(target.author)) if (item.authorRange) add(path, item.authorRange);
  for (const { path, entry } of index.bookEntriesByAuthor(target.author)) if (entry.authorRange) add(path, entry.authorRange);
  const ordered = [...places.values()].sort(inTextOrder);
  outsideLinks(index, ordered);
  // A name read as the old one was reads the same where the old one stood, but for a first word
  // that is a particle (`Van`), which joins a capitalised word after it: only then are the notes
  // read again (at 10,000 notes, reading every note the most cited author is in took 1.6 s).
  if (isNameParticle(name.split(/\s+/)[0])) readsAsTheNewName(index, ordered, name);
  const links = bookLinksTo(index, target.author, options).map((link): NoteEdit => ({ ...link, newText: name }));
  return [...places.values(), ...links].sort(inTextOrder);
}

/**
 * Refuses to rename a name that is part of a 🗄 link's text: an item of a 📚 list that a bare
 * `* 🗄` heads is a book entry and a link at once, and renaming its author would change where the
 * link leads (found by property m).
 */
function outsideLinks(index: WorkspaceIndex, edits: readonly NoteEdit[]): void {
  for (const edit of edits) {
    const { start, end } = edit.range;
    const inside = index.getNote(edit.path)?.note.references.some((reference) => reference.range.start.line === start.line && reference.range.start.character < end.character && start.character < reference.range.end.character);
    if (inside) throw new RenameRefusal(`The name on line ${start.line + 1} of ${edit.path} is also the text of a 🗄 link there: edit that line by hand first.`);
  }
}

/** By note, then line, then column. */
function inTextOrder(a: NoteEdit, b: NoteEdit): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * The author's name in each 🗄 link that leads to one of their 📚 entries by it: by the 📚 entry
 * rule (`🗄️ Lopez food lab`, DIALECT §8.5) or as a section of a note (`` 🗄 `reading.md` Lopez food
 * lab ``, a path's last part, a list's first). The name is rewritten where it first starts a part
 * of the section (at its start, after a quote, `>`, `/` or a comma). Only links whose section names
 * the author are resolved, so a rename reads no more than those.
 */
function bookLinksTo(index: WorkspaceIndex, author: string, options: ResolverOptions): Array<{ path: string; range: Range }> {
  const words = author.split(/\s+/).map(eitherFormPattern);
  const named = new RegExp(`(^|['"]|[>/,]\\s*|\\s[>/]\\s+)(${words.join('\\s+')})(?=\\s|[,'"]|$)`, 'iu');
  const entries = new Set(index.bookEntriesByAuthor(author).map(({ path, entry }) => `${path}\n${entry.line}`));
  const links: Array<{ path: string; range: Range }> = [];
  for (const path of index.notePaths()) {
    const note = index.getNote(path)!;
    let lines: string[] | undefined;
    for (const reference of note.note.references) {
      if (!reference.section || reference.inFence || !named.test(reference.section.text)) continue;
      const resolution = resolveReference(index, path, reference, options);
      if (resolution.status !== 'resolved' || !resolution.target || !entries.has(`${resolution.target.path}\n${resolution.target.line}`)) continue;
      // The section as it is on the line: its text may be read differently (quotes, spaces).
      lines ??= note.readLines();
      const { range } = reference.section;
      const onLine = lines?.[range.start.line]?.slice(range.start.character, range.end.character);
      if (onLine === undefined) continue;
      // The first place only: the name written again later is a title word (`KNIFE STORAGE, KNIFE
      // STORAGE` names `* Knife Craft knife skills` by its title word `knife`, found by property m).
      const found = named.exec(onLine);
      if (!found) continue;
      const from = range.start.character + found.index + found[1].length;
      links.push({ path, range: makeRange(range.start.line, from, from + found[2].length) });
    }
  }
  return links;
}

/**
 * Refuses a rename after which a rewritten place would read another name, or none: each changed
 * note is read again, and every name its own reading found before must be found again as the
 * new one (`Van` before a capitalised title word would swallow it: `Van Knife`).
 */
function readsAsTheNewName(index: WorkspaceIndex, edits: readonly NoteEdit[], name: string): void {
  const byPath = new Map<string, NoteEdit[]>();
  for (const edit of edits) byPath.set(edit.path, [...(byPath.get(edit.path) ?? []), edit]);
  for (const [path, noteEdits] of byPath) {
    const text = index.getNote(path)?.readText();
    if (text === undefined) continue;
    const names = (note: ReturnType<typeof parseNote>) => {
      const found = new Map<string, string>();
      for (const citation of note.citations) for (const item of citation.items) if (item.author && item.authorRange) found.set(`${item.authorRange.start.line}:${item.authorRange.start.character}`, item.author);
      for (const list of note.bookLists) for (const entry of list.entries) if (entry.author && entry.authorRange) found.set(`${entry.authorRange.start.line}:${entry.authorRange.start.character}`, entry.author);
      return found;
    };
    const before = names(parseNote(path, text));
    const after = names(parseNote(path, applyTextEdits(text, noteEdits)));
    // Where each name starts once renamed: an earlier name on its line changed length.
    let line = -1;
    let shift = 0;
    for (const edit of noteEdits) {
      if (edit.range.start.line !== line) [line, shift] = [edit.range.start.line, 0];
      const place = `${line}:${edit.range.start.character}`;
      const renamed = `${line}:${edit.range.start.character + shift}`;
      shift += name.length - (edit.range.end.character - edit.range.start.character);
      if (before.has(place) && after.get(renamed) !== name) {
        throw new RenameRefusal(`'${name}' would not read as the author on line ${edit.range.start.line + 1} of ${path} (the words after it would change what the citation says): edit that line by hand.`);
      }
    }
  }
}
