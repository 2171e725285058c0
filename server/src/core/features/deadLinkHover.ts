/**
 * The hover of a dead 🗄 link. The Problems panel already has the diagnostic's sentence; the hover
 * says what the reference was meant to lead to (the note and section as written, and which of the
 * two is missing), why, and where the fix leads, with the first lines there, or the note or
 * section a quick fix would create. Markdown out.
 */

import type { Reference } from '../syntax/note';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { indexOfPlace, placeName, resolveReference, type Resolution, type ResolverOptions } from './resolve';
import { computeQuickFixes } from './quickFixes';
import { foldersSplitFrom } from './resolve/noteNames';
import type { Range } from '../text/positions';

const EXCERPT_LINES = 6;

/** Why the note of a dead link is missing, by the resolver's kind; unknown kinds say nothing more. */
const MISSING_NOTE: Record<string, string> = {
  typo: 'No note has that name.',
  'typo-extension': 'The extension looks like a typo for `.md`.',
  'legacy-name': 'That is an old numbered name; no note has it now.',
  'split-into-folder': 'The note became a folder of notes.',
  moved: 'The note was renamed or moved (git history).',
  'split-or-deleted': 'The note was deleted (git history).',
  'renamed-by-sections': 'The note was renamed, it seems (no history says so): one note holds most of the sections that links name under this name.',
  'split-by-sections': 'The note was taken apart, it seems (no history says so): the notes below each hold several of the sections that links name under this name, sections few notes have.',
};

/** Why the section of a dead link is missing from a note that exists. */
const MISSING_SECTION: Record<string, string> = {
  'moved-section': 'That note has no such section: it moved to another note.',
  'renamed-section': 'That note has no section of that name any more: git shows the section renamed, in a commit or in changes not committed yet.',
  typo: 'That note has no section of that name; one is spelled almost the same.',
  'longer-name': 'That note has no section of that name; another of its names holds those words, and more.',
  'text-only': 'That note has no heading, ALL-CAPS line or term of that name; the words occur only as text.',
  'no-anchor': 'That note has no heading, ALL-CAPS line or term of that name.',
};

const MAYBE_MOVED = 'That note has no such section; another note has one of that name, perhaps where it moved.';

/** A note that became a folder, its section in none of the folder's notes but elsewhere (sure, or perhaps). */
const SPLIT_ELSEWHERE = 'The note became a folder of notes; none of them has that section, another note has it';

/** The hover's paragraphs for a `dead_file` or `dead_section` resolution. */
export function deadLinkHover(index: WorkspaceIndex, path: string, reference: Reference, resolution: Resolution, options: ResolverOptions): string[] {
  const parts: string[] = [];
  const section = reference.section?.text;
  if (reference.empty) {
    parts.push('🗄 **Empty reference**: the marker has no note or section after it.');
  } else if (resolution.status === 'dead_section') {
    const note = reference.file ? noteOfFilePart(index, path, reference, options) : path;
    const where = note ? `**${escape(note)}**` : code(reference.file?.text ?? path);
    // A namesake that nothing but its name ties to the link may be another section altogether.
    const why = resolution.kind === 'moved-section' && resolution.fix && resolution.fix.confidence !== 'high' ? MAYBE_MOVED : MISSING_SECTION[resolution.kind];
    parts.push(`🗄 **Dead section**: meant to lead to *${escape(section ?? '')}* in ${where}  \n${why ?? 'That note has no section of that name.'}`);
  } else {
    const meant = `the note ${code(reference.file?.text ?? '')}${section ? `, section *${escape(section)}*` : ''}`;
    const fix = resolution.fix;
    const outsideFolder = resolution.kind === 'split-into-folder' && fix && !foldersSplitFrom(index, reference.file?.text ?? '').some((folder) => fix.target.path.startsWith(`${folder}/`));
    const why = outsideFolder ? `${SPLIT_ELSEWHERE}${fix.confidence === 'high' ? '.' : ', perhaps where it moved.'}` : MISSING_NOTE[resolution.kind];
    parts.push(`🗄 **Dead link**: meant to lead to ${meant}  \n${why ?? 'No note of this folder has that name.'}`);
  }
  for (const related of resolution.related.slice(0, 3)) parts.push(`- ${escape(placeName(related))}:${related.line + 1}: ${escape(related.message)}`);
  if (resolution.fix) {
    const target = resolution.fix.target;
    parts.push(`**Fix** (a quick fix): ${escape(resolution.fix.label)}, which leads to ${escape(placeName(target))}:${target.line + 1}`);
    const there = indexOfPlace(index, target);
    const excerpt = there && linesAt(there, target.path, target.line);
    if (excerpt) parts.push('```markdown\n' + excerpt + '\n```');
  } else if (resolution.choices?.length) {
    parts.push(`**Fixes to pick** (quick fixes, nothing tells which was meant): ${resolution.choices.map((choice) => `${escape(choice.label)} (${escape(placeName(choice.target))})`).join(', ')}`);
  } else {
    // What the lightbulb offers for it, then: a note or a section to create, where one would lead there.
    const creating = computeQuickFixes(index, path, reference.range, options, (note) => index.getNote(note)?.readText())
      .filter((fix) => (fix.create || fix.createsSection) && sameStart(fix.diagnosticRange, reference.range));
    parts.push(creating.length > 0 ? `_No other note or section has it._ **Quick fix**: ${creating.map((fix) => escape(fix.title)).join('; ')}` : '_No fix is known._');
  }
  return parts;
}

/** The note a reference's file part leads to, resolved on its own (for `` `metals.md` rust removal ``: `craft/forge/metals.md`). */
function noteOfFilePart(index: WorkspaceIndex, path: string, reference: Reference, options: ResolverOptions): string | undefined {
  const fileOnly = resolveReference(index, path, { ...reference, section: undefined }, options);
  return fileOnly.status === 'resolved' ? fileOnly.target?.path : undefined;
}

function linesAt(index: WorkspaceIndex, path: string, line: number): string | undefined {
  const lines = index.getNote(path)?.readLines();
  if (!lines) return undefined;
  const excerpt = lines.slice(line, line + EXCERPT_LINES).join('\n').replace(/```/g, "'''");
  return excerpt.trim() ? excerpt : undefined;
}

/** Inline code that holds any text: a fence longer than any backtick run inside, spaced when the text touches a backtick. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

function sameStart(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}
