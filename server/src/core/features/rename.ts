/**
 * Renaming a heading, an ALL-CAPS sub-heading, a `__bold__` label or a term, from the anchor or
 * from any 🗄 section that leads to it: the anchor and every reference to it are rewritten, each
 * reference in its own style (quoted, a path, lowercase…).
 */

import type { Position, Range } from '../text/positions';
import { makeRange } from '../text/positions';
import type { Anchor, Reference } from '../syntax/note';
import type { IndexedNote, WorkspaceIndex } from '../index/workspaceIndex';
import { anchorKeys, normalForm, queryKeys } from '../index/normalize';
import { capsLabel, parseNote } from '../syntax/parseNote';
import { keepsLineReading } from '../syntax/references';
import { contains } from './locate';
import { indexOfPlace, resolveReference, rootOf, type Resolution, type ResolverOptions } from './resolve';
import { matchSection } from './resolve/sectionMatch';
import type { NoteEdit } from './quickFixes';

/** A rename that cannot be done, with the sentence the user reads. */
export class RenameRefusal extends Error {}

const RENAMABLE = new Set(['heading', 'caps', 'bold', 'term']);
const SEPARATOR = /\s*>\s*|\s+\/\s+|\//g;

export interface RenameTarget {
  path: string;
  anchorIndex: number;
  anchor: Anchor;
  /** What the cursor is on: the anchor's name, or a reference's section text. */
  range: Range;
  placeholder: string;
  /** The sibling collection the anchor is in, when a link leads there (`NoteLocation.root`); absent for this one. */
  root?: string;
}

/** What would be renamed at `position`, or a refusal that says why nothing can be. */
export function prepareRename(index: WorkspaceIndex, path: string, position: Position, options: ResolverOptions): RenameTarget {
  const note = index.getNote(path)?.note;
  if (!note) throw new RenameRefusal('This file is not a note of the workspace.');
  const onAnchor = note.anchors.findIndex((anchor) => contains(anchor.range, position) && anchor.line === position.line);
  if (onAnchor >= 0) {
    const anchor = note.anchors[onAnchor];
    if (anchor.role === 'title') throw new RenameRefusal("A note's title line has no name to rename: rename the file instead.");
    if (!RENAMABLE.has(anchor.kind)) throw new RenameRefusal("Torii renames headings, ALL-CAPS sub-headings, bold labels and terms; a list item or a 📚 entry is not one (F2 on a 📚 entry's author renames the author).");
    return { path, anchorIndex: onAnchor, anchor, range: anchor.range, placeholder: anchor.text };
  }
  const reference = note.references.find((candidate) => candidate.section && contains(candidate.section.range, position));
  if (!reference) {
    // F2 on a link's file name: the file is what the user means to rename, and moving it is how.
    if (note.references.some((candidate) => candidate.file && contains(candidate.file.range, position))) {
      throw new RenameRefusal("This is a note's file name: rename or move the file itself (in the explorer), and Torii rewrites every link to it.");
    }
    throw new RenameRefusal("Put the cursor on a heading, an ALL-CAPS sub-heading, a bold label or a term, on a 🗄 section that leads to one, or on an author's name after 📙 or in a 📚 list.");
  }
  const resolution = resolveReference(index, path, reference, options);
  if (resolution.status !== 'resolved' || !resolution.target) throw new RenameRefusal(`This 🗄 target does not lead to a section (${resolution.message}).`);
  if (!leadsToAnchor(resolution)) throw new RenameRefusal('This 🗄 target leads to a whole note, not to a section Torii can rename: rename the file instead.');
  // A link into a sibling collection renames the section there (`renameAnchor` in that collection).
  const targetNote = indexOfPlace(index, resolution.target)?.getNote(resolution.target.path)?.note;
  const anchorIndex = targetNote ? targetNote.anchors.findIndex((anchor) => anchor.line === resolution.target!.line && RENAMABLE.has(anchor.kind) && anchor.text) : -1;
  if (anchorIndex < 0) throw new RenameRefusal('This 🗄 target leads to a note, a list item or a 📚 entry, not to a section Torii can rename.');
  const anchor = targetNote!.anchors[anchorIndex];
  return { path: resolution.target.path, anchorIndex, anchor, range: reference.section!.range, placeholder: anchor.text, ...rootOf(resolution.target) };
}

/** F2 on a 🗄 file part: the note it leads to, renamed by renaming its file (the links rewritten as for a move). */
export interface FileRenameTarget {
  /** The note's path. */
  path: string;
  /** The file part under the cursor. */
  range: Range;
  /** The file part as written: the end of the note's path. */
  placeholder: string;
  /** The sibling collection the note is in (`NoteLocation.root`); absent for this one. */
  root?: string;
}

/**
 * The note whose file F2 at `position` renames, when the cursor is on a 🗄 file part; undefined
 * elsewhere. A file part that leads nowhere, or that is not the end of its note's path as written
 * (`oils.md` for `#oils.md`, another case, no `.md`), is refused: the new name replaces what is
 * written, so it must be the path's own end.
 */
export function prepareFileRename(index: WorkspaceIndex, path: string, position: Position, options: ResolverOptions): FileRenameTarget | undefined {
  const note = index.getNote(path)?.note;
  const reference = note?.references.find((candidate) => candidate.file && contains(candidate.file.range, position));
  if (!reference?.file) return undefined;
  const resolution = resolveReference(index, path, reference, options);
  if (resolution.status !== 'resolved' || !resolution.target) throw new RenameRefusal(`This 🗄 file name leads to no note to rename (${resolution.message}).`);
  const { path: target, root } = resolution.target;
  const written = reference.file.text;
  if (target !== written && !target.endsWith(`/${written}`)) {
    throw new RenameRefusal(`\`${written}\` is not how ${target}${root === undefined ? '' : ` (in ${root})`} ends: rename or move that file itself (in the explorer), and Torii rewrites every link to it.`);
  }
  return { path: target, range: reference.file.range, placeholder: written, ...rootOf(resolution.target) };
}

/** The path `target`'s note moves to when its written name becomes `newName`; a refusal says why it cannot. */
export function renamedNotePath(target: FileRenameTarget, newName: string): string {
  const name = newName.trim();
  if (!name || /[\r\n]/.test(name)) throw new RenameRefusal('The new name must be one line of text.');
  if (!/\.md$/i.test(name) || name.split('/').pop() === '.md') throw new RenameRefusal("A note's file name ends in `.md`.");
  if (name.startsWith('/') || name.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new RenameRefusal('Write the new name as the link writes it: folders and a file name, without `..`, `.` or a leading `/`.');
  }
  return target.path.slice(0, target.path.length - target.placeholder.length) + name;
}

/**
 * The edits that rename the anchor at `position` to `newName`, in a collection alone: the anchor and
 * every link to it. `candidates` are the notes that may refer to it (all notes when undefined). A
 * link into a sibling collection is renamed there, with the links of every collection that leads to
 * it (`renameAnchor`, `renameLinks`): the server has the folders for that.
 */
export function computeRename(index: WorkspaceIndex, path: string, position: Position, newName: string, options: ResolverOptions, candidates?: Iterable<string>): NoteEdit[] {
  const target = prepareRename(index, path, position, options);
  if (target.root !== undefined) throw new RenameRefusal(`This 🗄 target leads into the sibling collection ${target.root}: rename the section there, in its own folder.`);
  return renameAnchor(index, target, newName, options, candidates);
}

/**
 * The edits that rename `target`, an anchor of the collection `index` (its `root` is not read), to
 * `newName`: the anchor, and every link of that collection that leads to it or below it. A name it
 * cannot take is refused. `candidates` are the notes that may refer to it (all notes when undefined).
 */
export function renameAnchor(index: WorkspaceIndex, target: RenameTarget, newName: string, options: ResolverOptions, candidates?: Iterable<string>): NoteEdit[] {
  const name = newName.trim();
  if (!name || /[\r\n]/.test(name)) throw new RenameRefusal('The new name must be one line of text.');
  if (target.anchor.kind === 'caps' && capsLabel(name) !== name) throw new RenameRefusal('An ALL-CAPS sub-heading must stay in capitals (two or more, no lowercase letters), or it stops being a sub-heading.');
  if (target.anchor.kind === 'term' && name.includes('_')) throw new RenameRefusal('A term cannot contain `_`: it would end the `_term_` early.');
  const targetEntry = index.getNote(target.path)!;
  readsAsTheSameAnchor(targetEntry.readLines(), target, name);
  const edits: NoteEdit[] = [{ path: target.path, range: target.anchor.range, newText: name }, ...linkEdits(index, targetEntry, { ...target, root: undefined }, name, options, candidates ? [...candidates, target.path] : undefined)];
  keepsLinks(index, edits);
  return edits;
}

/**
 * The edits to the links of the collection `index` that lead to `target`, an anchor of its
 * sibling collection `root` (`targetEntry`, that collection's note), renamed `newName` there
 * (`renameAnchor` renames the anchor and that collection's own links).
 */
export function renameLinks(index: WorkspaceIndex, targetEntry: IndexedNote, target: RenameTarget, root: string, newName: string, options: ResolverOptions, candidates?: Iterable<string>): NoteEdit[] {
  const edits = linkEdits(index, targetEntry, { ...target, root }, newName.trim(), options, candidates);
  keepsLinks(index, edits);
  return edits;
}

/** The links of `index` that lead to `target` (in the collection `target.root`, this one when absent) or below it, rewritten to `name`. */
function linkEdits(index: WorkspaceIndex, targetEntry: IndexedNote, target: RenameTarget, name: string, options: ResolverOptions, candidates?: Iterable<string>): NoteEdit[] {
  const edits: NoteEdit[] = [];
  const targetNote = targetEntry.note;
  const sources = candidates ? [...new Set(candidates)] : index.notePaths();
  for (const source of sources.sort()) {
    const entry = index.getNote(source);
    if (!entry) continue;
    for (const reference of entry.note.references) {
      // Links in code fences are code: never rewritten, as a move leaves them too.
      if (!reference.section || reference.empty || reference.inFence) continue;
      const resolution = resolveReference(index, source, reference, options);
      if (resolution.status !== 'resolved' || resolution.target?.path !== target.path || resolution.target.root !== target.root || !leadsToAnchor(resolution)) continue;
      // A comma list resolves to its first part; any part may name the anchor. A path read as a
      // note and a section (`b/c/x.md` → b/c.md) may carry a list too (found by the rename property).
      const isList = resolution.kind === 'list' || resolution.kind === 'list-partial' || (resolution.kind === 'section-as-path' && /,\s/.test(reference.section.text));
      // The parts of a list that resolve to this very anchor: with two headings of one name, a part
      // naming them leads to the first, and renaming the second must leave it; and every part that
      // leads here is rewritten (`ZA, ZA`), as one left would lead elsewhere (found by the rename
      // property).
      const excluded = source === target.path && target.root === undefined ? reference.line : undefined;
      const leadingParts = isList
        ? splitList(reference.section.text).filter((part) => {
            const match = matchSection(targetEntry, part.text, excluded);
            return match !== undefined && (match.line ?? match.match.anchor.line) === target.anchor.line;
          })
        : [];
      const leadsHere = resolution.target.line === target.anchor.line || leadingParts.length > 0;
      // Text under a head (`进步 > carbon steel`) leads to a line of prose, found under the head
      // the link names: renaming that head, or one above it, rewrites the head's part (found by
      // the rename property).
      const head = resolution.kind === 'text-under-head' ? matchSection(targetEntry, reference.section.text, excluded)?.match.anchor.line : undefined;
      const leadsBelow = !leadsHere && (isBelow(targetNote.anchors, resolution.target.line, target.anchorIndex) || (head !== undefined && (head === target.anchor.line || isBelow(targetNote.anchors, head, target.anchorIndex))));
      if (!leadsHere && !leadsBelow) continue;
      for (const part of leadingParts.length > 0 ? leadingParts : [undefined]) {
        const edit = rewriteReference(reference, resolution.kind, target.anchor.text, name, leadsHere, part);
        if (edit) edits.push({ path: source, ...edit });
      }
    }
  }
  return edits;
}

/**
 * Refuses a new name that would not read back as the same kind of anchor on its line: the first
 * line's setext heading `# 参考` is a section, and renamed to `aaa` it would become the note's
 * title (found by the rename property).
 */
function readsAsTheSameAnchor(lines: string[] | undefined, target: RenameTarget, name: string): void {
  if (!lines) return;
  const { anchor } = target;
  const line = lines[anchor.line];
  if (line === undefined) return;
  const renamed = [...lines];
  renamed[anchor.line] = line.slice(0, anchor.range.start.character) + name + line.slice(anchor.range.end.character);
  // Its role may change (`进步` renamed is a plain section), but never into the title.
  const again = parseNote(target.path, renamed.join('\n')).anchors.find((candidate) => candidate.line === anchor.line && candidate.kind === anchor.kind && candidate.role !== 'title');
  if (!again || normalForm(again.text) !== normalForm(name)) {
    throw new RenameRefusal(`'${name}' would not read as the same ${KIND_NAMES[anchor.kind] ?? 'anchor'} on that line: edit it by hand.`);
  }
}

const KIND_NAMES: Partial<Record<Anchor['kind'], string>> = { heading: 'heading', caps: 'ALL-CAPS sub-heading', bold: 'bold label', term: 'term' };

/**
 * Refuses edits that would change which 🗄 links a line holds: a name written against a stray
 * backtick (`` _`tang_ ``) loses it when renamed, and the line's code spans, and so its links,
 * change (found by the rename property).
 */
function keepsLinks(index: WorkspaceIndex, edits: readonly NoteEdit[]): void {
  const byLine = new Map<string, { path: string; line: number; edits: Array<{ start: number; end: number; newText: string }> }>();
  for (const edit of edits) {
    const key = `${edit.path}\n${edit.range.start.line}`;
    let group = byLine.get(key);
    if (!group) byLine.set(key, (group = { path: edit.path, line: edit.range.start.line, edits: [] }));
    group.edits.push({ start: edit.range.start.character, end: edit.range.end.character, newText: edit.newText });
  }
  for (const { path, line, edits: lineEdits } of byLine.values()) {
    const text = index.getNote(path)?.readLines()?.[line];
    if (text !== undefined && !keepsLineReading(text, lineEdits)) {
      throw new RenameRefusal(`Renaming would change the 🗄 links on line ${line + 1} of ${path} (a backtick or a marker next to the name): edit that line by hand first.`);
    }
  }
}

/**
 * Whether a resolved link leads to an anchor, not to a whole note: a bare stem (`🗄 g` → g.md)
 * leads to line 0, where the note's first heading may stand, and renaming that heading must leave
 * the link alone (found by the rename property).
 */
function leadsToAnchor(resolution: Resolution): boolean {
  return resolution.target?.anchorText !== undefined;
}

/** True when the anchor on `line` sits under the anchor at `ancestorIndex`. */
function isBelow(anchors: Anchor[], line: number, ancestorIndex: number): boolean {
  let current = anchors.findIndex((anchor) => anchor.line === line);
  while (current >= 0 && anchors[current].parent !== undefined) {
    current = anchors[current].parent!;
    if (current === ancestorIndex) return true;
  }
  return false;
}

/**
 * The replacement inside one reference's section text, or undefined when it does not name the
 * anchor. `part`: in a list, the one part to rewrite (its text and offset in the section).
 */
function rewriteReference(reference: Reference, rule: string, oldName: string, newName: string, leadsHere: boolean, part?: { text: string; offset: number }): { range: Range; newText: string } | undefined {
  const section = reference.section!;
  const components = splitComponents(section.text);
  const start = section.range.start.character;
  const at = (offset: number, length: number, written: string) => ({ range: makeRange(section.range.start.line, start + offset, start + offset + length), newText: inStyleOf(written, newName) });
  if (leadsHere && (rule === 'prefix')) {
    // Words end where the resolver's do, at any white space (a byte order mark included).
    const ends = [...section.text.matchAll(/\s+/g)].map((gap) => gap.index!);
    for (let count = ends.length; count >= 1; count--) {
      const prefix = section.text.slice(0, ends[count - 1]);
      if (!names(prefix, oldName)) continue;
      // Commentary follows the name (`patina see`): a new name holding a separator or
      // parentheses would join it into a path (`oil / wax see`), so it goes in quotes, which
      // end the section (found by the rename property).
      const edit = at(0, prefix.length, prefix);
      return breaksUnquoted(newName) ? { ...edit, newText: `'${edit.newText}'` } : edit;
    }
    return undefined;
  }
  if (leadsHere && components.length === 1 && !/,\s/.test(section.text)) return names(section.text, oldName) || rule !== 'text-under-head' ? at(0, section.text.length, section.text) : undefined;
  // A list or a path: rewrite the part that names the anchor (the leaf, or an ancestor of the
  // target). A list is what the resolver read as one, and each of its parts may be a path; a name
  // may hold a separator itself (`edge/bevel`), so a part is any run of components as written,
  // the longest that names the anchor first (both found by the rename property).
  const isList = rule === 'list' || rule === 'list-partial' || (/,\s/.test(section.text) && components.length === 1);
  const groups = part ? [part] : isList ? splitList(section.text) : [{ text: section.text, offset: 0 }];
  const spans: Array<{ text: string; offset: number; leaf: boolean; size: number }> = [];
  for (const group of groups) {
    const parts = splitComponents(group.text).map((component) => ({ text: component.text, offset: group.offset + component.offset }));
    for (let first = 0; first < parts.length; first++) {
      for (let last = first; last < parts.length; last++) {
        const from = parts[first].offset;
        spans.push({ text: section.text.slice(from, parts[last].offset + parts[last].text.length), offset: from, leaf: last === parts.length - 1, size: last - first });
      }
    }
  }
  // The target itself is named by a leaf (in a list, the leaf of any part); an ancestor, before it.
  const wanted = spans.filter((span) => (leadsHere ? span.leaf : !span.leaf) && names(span.text, oldName));
  wanted.sort((a, b) => b.size - a.size || b.offset - a.offset);
  const chosen = wanted[0];
  return chosen ? at(chosen.offset, chosen.text.length, chosen.text) : undefined;
}

/** Whether a name read unquoted before other words would not be read as one name: a separator, a comma or parentheses, and no quote of its own. */
function breaksUnquoted(name: string): boolean {
  return /[/>,()]/.test(name) && !/['‘’]/.test(name);
}

/**
 * Whether `written` names the anchor as the resolver reads it: its name, or one of its aliases
 * (`hone` or `steel` for `hone (steel)`, `oil` for `oil / wax`), each also squashed.
 */
function names(written: string, anchorName: string): boolean {
  const wanted = anchorKeys(anchorName);
  const got = queryKeys(written);
  return got.variants.some((variant) => wanted.aliases.has(variant)) || got.squashes.some((squashed) => wanted.squashes.has(squashed));
}

function splitComponents(text: string): Array<{ text: string; offset: number }> {
  const parts: Array<{ text: string; offset: number }> = [];
  let last = 0;
  for (const match of text.matchAll(SEPARATOR)) {
    parts.push(trimmed(text, last, match.index!));
    last = match.index! + match[0].length;
  }
  parts.push(trimmed(text, last, text.length));
  return parts.filter((part) => part.text.length > 0);
}

function splitList(text: string): Array<{ text: string; offset: number }> {
  const parts: Array<{ text: string; offset: number }> = [];
  let last = 0;
  for (const match of text.matchAll(/,\s+/g)) {
    parts.push(trimmed(text, last, match.index!));
    last = match.index! + match[0].length;
  }
  parts.push(trimmed(text, last, text.length));
  return parts;
}

function trimmed(text: string, from: number, to: number): { text: string; offset: number } {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { text: text.slice(start, end), offset: start };
}

/** `newName` written the way `written` was: all lowercase, all capitals, or as given. */
function inStyleOf(written: string, newName: string): string {
  // Cased letters only: a name in a script without case (`参考`) says nothing of a style.
  if (/\p{Ll}/u.test(written) && written === written.toLowerCase()) return newName.toLowerCase();
  if (/\p{L}/u.test(written) && written === written.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(written)) return newName.toUpperCase();
  return newName;
}
