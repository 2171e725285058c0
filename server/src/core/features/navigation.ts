/**
 * Go-to-definition and document links: where a 🗄 target, a 📙 citation or a backticked note
 * name leads.
 */

import type { Position, Range } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Reference } from '../syntax/note';
import { bookOfCitation } from './books';
import { elementAt } from './locate';
import { indexOfPlace, resolveReference, rootOf, type NoteLocation, type ResolverOptions } from './resolve';
import { findNoteByRules } from './resolve/noteNames';

/** A place in a note to go to, with the range of its name when known. */
export interface NoteTarget extends NoteLocation {
  range?: Range;
}

/**
 * Where the element under `position` leads: the note for a 🗄 file part, the anchor for its
 * section part (or the note when the section is dead), the 📚 entries of the book a 📙 citation
 * means (of every book of its author when it names none).
 */
export function findDefinition(index: WorkspaceIndex, path: string, position: Position, options: ResolverOptions): NoteTarget[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const element = elementAt(entry.note, position);
  if (!element) return [];
  if (element.kind === 'reference') {
    const resolution = resolveReference(index, path, element.reference, options);
    if (resolution.status === 'resolved' && resolution.target) {
      const target = resolution.target;
      if (element.part === 'file' && element.reference.section) return [{ path: target.path, line: 0, ...rootOf(target) }];
      return [withAnchorRange(index, target)];
    }
    if (resolution.status === 'ambiguous') return resolution.related.map(({ path: candidate, line }) => ({ path: candidate, line }));
    // A dead section still has a note to open: the one the file part found (in a sibling collection, there).
    if (resolution.status === 'dead_section' && element.reference.file && resolution.fix === undefined) {
      if (resolution.note) return [resolution.note];
      const found = resolveFileOnly(index, path, element.reference.file.text);
      return found ? [{ path: found, line: 0 }] : [];
    }
    return resolution.fix ? [withAnchorRange(index, resolution.fix.target)] : [];
  }
  if (element.kind === 'citation') {
    const author = element.item.author;
    if (!author) return [];
    // The book the citation means (`📙 Chang knife skills`), listed in one note or several; a
    // citation that names none of an author's books (`📙 Chang [12]`) leads to all of their entries.
    const listed = bookOfCitation(index, path, element.item)?.entries ?? [];
    const entries = listed.length > 0 ? listed : index.bookEntriesByAuthor(author);
    return entries.map(({ path: bookPath, entry: bookEntry }) => ({ path: bookPath, line: bookEntry.line, range: bookEntry.range }));
  }
  const found = resolveFileOnly(index, path, element.mention.text);
  return found ? [{ path: found, line: 0 }] : [];
}

function resolveFileOnly(index: WorkspaceIndex, fromPath: string, written: string): string | undefined {
  const slash = fromPath.lastIndexOf('/');
  const lookup = findNoteByRules(index, slash < 0 ? '' : fromPath.slice(0, slash), /\.md$/i.test(written) ? written : `${written}.md`);
  return lookup && lookup.paths.length === 1 ? lookup.paths[0] : undefined;
}

function withAnchorRange(index: WorkspaceIndex, target: NoteLocation): NoteTarget {
  const anchor = indexOfPlace(index, target)?.getNote(target.path)?.note.anchors.find((candidate) => candidate.line === target.line);
  return anchor ? { ...target, range: anchor.range } : target;
}

/** A clickable range and where it leads. */
export interface NoteLink {
  range: Range;
  target: NoteTarget;
}

/**
 * Links for every 🗄 file part that leads to a note, and for backticked `*.md` mentions (DIALECT
 * §5.7). Where each leads may change while the note does not (its target renamed or deleted), so
 * the server sends the ranges and finds the target again when one is followed (`followDocumentLink`).
 */
export function computeDocumentLinks(index: WorkspaceIndex, path: string, options: ResolverOptions): NoteLink[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const links: NoteLink[] = [];
  for (const reference of entry.note.references) {
    const target = referenceLinkTarget(index, path, reference, options);
    if (target) links.push({ range: reference.file!.range, target });
  }
  // A backticked name that is also a 🗄 file part (an item of a bare 🗄 list) is one link, the reference's.
  const starts = new Set(links.map((link) => `${link.range.start.line}:${link.range.start.character}`));
  for (const mention of entry.note.mentions) {
    if (starts.has(`${mention.range.start.line}:${mention.range.start.character}`)) continue;
    const found = resolveFileOnly(index, path, mention.text);
    if (found) links.push({ range: mention.range, target: { path: found, line: 0 } });
  }
  return links;
}

/**
 * Where the link that starts at `start` leads now: the 🗄 file part or the backticked note name
 * beginning there, resolved as the index stands. Undefined when nothing starts there any more or
 * it leads nowhere.
 */
export function followDocumentLink(index: WorkspaceIndex, path: string, start: Position, options: ResolverOptions): NoteTarget | undefined {
  const entry = index.getNote(path);
  if (!entry) return undefined;
  const startsHere = (range: Range) => range.start.line === start.line && range.start.character === start.character;
  // The first link that starts there, in the order `computeDocumentLinks` lists them.
  for (const reference of entry.note.references) {
    const target = reference.file && startsHere(reference.file.range) ? referenceLinkTarget(index, path, reference, options) : undefined;
    if (target) return target;
  }
  for (const mention of entry.note.mentions) {
    const found = startsHere(mention.range) ? resolveFileOnly(index, path, mention.text) : undefined;
    if (found) return { path: found, line: 0 };
  }
  return undefined;
}

/** Where a 🗄 target's file part leads: where it resolves, else where its fix would lead. */
function referenceLinkTarget(index: WorkspaceIndex, path: string, reference: Reference, options: ResolverOptions): NoteTarget | undefined {
  if (!reference.file) return undefined;
  const resolution = resolveReference(index, path, reference, options);
  const target = resolution.status === 'resolved' ? resolution.target : resolution.fix?.target;
  return target && { path: target.path, line: target.line, ...rootOf(target) };
}
