/**
 * New notes in the dialect: the skeleton every note starts from (`# ⛩️`, `## 参考`, `## 进步`),
 * and the quick fix **Create note `x.md`** for a dead file link nothing else can mend. The VS Code
 * command **Torii: New note** writes the same skeleton.
 */

import type { Range } from '../text/positions';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { matchSection } from './resolve/sectionMatch';
import type { ReferenceReport } from './check';
import { classifyFileToken, joinPath, withoutRootAlias } from './resolve/noteNames';
import { normalForm } from '../index/normalize';

/** A note's first lines, and where the cursor goes: the line of the first section heading. */
export interface NoteSkeleton {
  text: string;
  /** 0-based line where the first heading is (or goes, when none was given). */
  headingLine: number;
}

/** The skeleton's lines before a first section of the writer's; and how deep the sections a new note is given go. */
const SKELETON_LINES = 6;
const MAX_HEADINGS = 3;

/**
 * The skeleton of a new note. With `headings` (`['rust removal']`, or `['care', 'oiling']` for a
 * path), the first section is written with them, nested, so a link naming it resolves at once;
 * one the skeleton has already (`参考`) is not written again.
 */
export function noteSkeleton(headings: readonly string[] = []): NoteSkeleton {
  const lines = ['# ⛩️', '', '## 参考', '', '## 进步', ''];
  // A section the skeleton has already (`参考`, `进步`, `参考,`): a link naming it leads there; a heading of that name below would never be reached.
  const leaf = headings.length > 0 ? normalForm(headings[headings.length - 1]) : undefined;
  const own = leaf === undefined ? -1 : lines.findIndex((line) => line.startsWith('## ') && normalForm(line.slice(3)) === leaf);
  if (own >= 0) return { text: [...lines, ''].join('\n'), headingLine: own };
  const headingLine = lines.length;
  if (headings.length === 0) lines.push('');
  headings.slice(0, MAX_HEADINGS).forEach((heading, depth) => {
    if (depth > 0) lines.push('');
    lines.push(`${'#'.repeat(depth + 1)} ${heading}`);
  });
  if (headings.length > 0) lines.push('');
  return { text: lines.join('\n'), headingLine };
}

/** A note to create: the path, workspace-relative, and its first text. */
export interface NoteCreation {
  title: string;
  /** The range of the dead link it mends. */
  diagnosticRange: Range;
  /** `dead-file` or `foreign-note`: the diagnostic it answers. */
  code: string;
  path: string;
  text: string;
}

/**
 * **Create note `x.md`** for every dead file link within `range` that has no fix, and for a note
 * name that is nowhere in the collection (a foreign-note hint: often a note not written yet). The
 * new note goes where the link looks first: beside the referring note, or at the path written
 * from the collection's root when its first folder exists there or names the collection (a root
 * alias: `torii/x.md` is `x.md` at the root, as the resolver reads it). A section in the link becomes
 * the note's first heading.
 */
export function createNoteFixes(index: WorkspaceIndex, fromPath: string, reports: readonly ReferenceReport[], overlapsRange: (range: Range) => boolean, rootAliases: readonly string[] = []): NoteCreation[] {
  const creations: NoteCreation[] = [];
  for (const { reference, resolution } of reports) {
    if (reference.inFence || !reference.file || reference.file.bare || !overlapsRange(reference.range)) continue;
    const deadWithoutFix = resolution.status === 'dead_file' && !resolution.fix && resolution.kind !== 'empty' && resolution.kind !== 'typo-extension';
    const notWrittenYet = resolution.status === 'external' && resolution.kind === 'foreign-note';
    if (!deadWithoutFix && !notWrittenYet) continue;
    const path = newNotePath(index, fromPath, reference.file.text, rootAliases);
    if (!path || index.hasNote(path)) continue;
    const headings = reference.section ? reference.section.text.split(/\s+>\s+/).map((part) => part.trim()).filter(Boolean) : [];
    const skeleton = noteSkeleton(headings);
    if (reference.section && !writesSection(path, skeleton, headings, reference.section.text)) continue;
    creations.push({
      title: `Create note \`${path.slice(path.lastIndexOf('/') + 1)}\`${headings.length ? ` with section '${headings[headings.length - 1]}'` : ''}`,
      diagnosticRange: reference.range,
      code: resolution.status === 'dead_file' ? 'dead-file' : 'foreign-note',
      path,
      text: skeleton.text,
    });
  }
  return creations;
}

/**
 * Where a note written as `written` from `fromPath` should be created, or undefined when the
 * name cannot be a note of this collection (outside it, a folder, an odd name).
 */
export function newNotePath(index: WorkspaceIndex, fromPath: string, written: string, rootAliases: readonly string[] = []): string | undefined {
  // The name as the resolver reads it (DIALECT §8.2: trimmed, `.md` added), or the note made
  // would not be the one the link looks for (`` `x.md ` `` made `x.md .md`).
  const classified = classifyFileToken(written);
  if (classified.kind !== 'note') return undefined;
  const name = /\.md$/i.test(classified.token) ? classified.token : `${classified.token}.md`;
  // A backtick in it is a link written oddly (`` `` x.md ``), not a note's name.
  if (/^[/~$\\]/.test(name) || /[\\:*?"<>|`]/.test(name) || /\s\//.test(name)) return undefined;
  const fromFolder = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/')) : '';
  const firstFolder = name.includes('/') ? name.slice(0, name.indexOf('/')) : undefined;
  // `torii/x.md` where `torii` names the collection: `x.md` at its root, as the resolver reads it.
  const fromRoot = withoutRootAlias(index, name, rootAliases);
  const base = fromRoot !== undefined || (firstFolder !== undefined && index.hasFolder(firstFolder)) ? '' : fromFolder;
  const path = joinPath(base, fromRoot ?? name);
  const basename = path?.slice(path.lastIndexOf('/') + 1);
  if (!basename || basename === '.md' || basename.startsWith('.')) return undefined;
  return path;
}

/**
 * Whether the new note's text gives the link's section the heading it names: the link, read as
 * the resolver reads it, reaches the last heading written (`a > b`: `## b` under `# a`), or the
 * skeleton's own section of that name (`参考`). Not for a name the heading syntax reads otherwise
 * (`#`), one no link matches (`.`), a path deeper than the skeleton writes, or a list the resolver
 * reads first (`a, b > c` leads to a heading `a, b`).
 */
function writesSection(path: string, skeleton: NoteSkeleton, headings: readonly string[], section: string): boolean {
  if (headings.length === 0) return true;
  if (headings.length > MAX_HEADINGS && skeleton.headingLine >= SKELETON_LINES) return false;
  const line = skeleton.headingLine < SKELETON_LINES ? skeleton.headingLine : skeleton.headingLine + 2 * (headings.length - 1);
  return sectionLineIn(path, skeleton.text, section, undefined) === line;
}

/**
 * The line a link's section leads to in a note of text `text` at `path`, as the resolver reads it
 * (DIALECT §8.4), or undefined when it matches nothing there; `excludeLine` is the link's own line
 * when the link is in that note. For fixes that write a note or a section: read before offered.
 */
export function sectionLineIn(path: string, text: string, section: string, excludeLine: number | undefined): number | undefined {
  const scratch = new WorkspaceIndex({ readText: () => text });
  scratch.setNoteText(path, text);
  const entry = scratch.getNote(path);
  const found = entry && matchSection(entry, section, excludeLine);
  return found ? found.line ?? found.match.anchor.line : undefined;
}
