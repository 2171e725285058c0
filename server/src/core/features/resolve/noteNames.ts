/**
 * The file rules (DIALECT §8.2, §8.3, §8.6): what a 🗄 file part is before any lookup, the notes
 * it names, the shortest way to write a note's path, and when a name no note has is a slip on one.
 */

import type { SkippedFile, WorkspaceIndex } from '../../index/workspaceIndex';
import { editDistance } from '../../index/normalize';
import { composed, foldName } from '../../text/names';

/**
 * A name this many notes link is meant as written, not a slip on a note's name (DIALECT §8.6
 * step 5): authors repeat a name, not a slip of the keys.
 */
const NOTES_WRITING_A_MEANT_NAME = 3;

/** Stems shorter than this are never read as a slip on a note's name (§8.6: `jam.md` is not `ham.md`). */
export const MIN_TYPO_STEM = 5;

/** How many edits a slip on a note's name with this stem may make (§8.6): one, two from nine letters on. */
export function typoLimit(stem: string): number {
  return stem.length >= 9 ? 2 : 1;
}

/** Whether a name that no note has is meant as written, though a note's name is a letter or two away: three notes or more link it. */
export function isNameMeantAsWritten(index: WorkspaceIndex, stem: string): boolean {
  return index.notesWritingName(stem) >= NOTES_WRITING_A_MEANT_NAME;
}

/** The basenames of the notes a name with this stem may be a slip on (§8.6); none for a stem under five letters. */
export function basenamesWithinTypo(index: WorkspaceIndex, stem: string): string[] {
  // Compared folded (`foldName`): `crème` written decomposed is as long and as near as written composed.
  const folded = foldName(stem);
  if (folded.length < MIN_TYPO_STEM) return [];
  const limit = typoLimit(folded);
  return index.basenamesNearStem(stem).filter((candidate) => editDistance(folded, foldName(candidate.replace(/\.md$/i, '').replace(/^#/, '')), limit) <= limit);
}

/**
 * A section without a file part read as a note's stem and what follows (`BBQ > smokers`: `BBQ`,
 * `smokers`, separated), as the bare-stem rule reads it (DIALECT §8.5); moving a note rewrites
 * such links with the same reading.
 */
export function readBareStem(section: string): { stem: string; rest: string | undefined; separated: boolean } | undefined {
  const separated = /^([^\s/>]+)(\s+>\s+|\s+\/\s+|\/)(.+)$/.exec(section);
  if (separated) return { stem: separated[1], rest: separated[3], separated: true };
  const spaced = /^([^\s/>]+)(?:\s+(.+))?$/.exec(section);
  return spaced ? { stem: spaced[1], rest: spaced[2], separated: false } : undefined;
}

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

/**
 * A file part whose first component names the collection (a root alias: `torii/x.md` in the
 * collection `torii`) and no folder of it, written from the root: the rest (`x.md`); undefined
 * for any other file part.
 */
export function withoutRootAlias(index: WorkspaceIndex, token: string, rootAliases: readonly string[]): string | undefined {
  const slash = token.indexOf('/');
  if (slash < 0) return undefined;
  const first = token.slice(0, slash);
  return rootAliases.includes(first) && !index.hasFolder(first) ? token.slice(slash + 1) : undefined;
}

export function describeExternal(kind: string): string {
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
    // The note at `name`, or beside the referring note, has this basename: looked for among the
    // few notes that do, without making (and hashing) the joined path for every link. Names and
    // paths compare composed: `crème.md` written decomposed (macOS, a PDF) is the name typed. An
    // ASCII name (most are) is its own composed form: compared as they are, at no cost.
    const plain = /^[\x00-\x7f]*$/.test(name);
    const form = plain ? (text: string) => text : composed;
    const written = form(name);
    const byBasename = index.notesWithBasename(basename);
    // The letters as written first: where two files' names differ only so (Linux keeps both), the one written.
    const exact = byBasename.includes(name) ? name : plain ? undefined : byBasename.find((path) => composed(path) === written);
    if (exact !== undefined) return { paths: [exact], rule: 'exact' };
    const from = form(fromFolder);
    const sameDir = fromFolder ? byBasename.find((path) => isJoinedPath(path, fromFolder, name)) ?? (plain ? undefined : byBasename.find((path) => isJoinedPath(composed(path), from, written))) : undefined;
    if (sameDir !== undefined) return { paths: [sameDir], rule: 'same-dir' };
    if (folder) {
      const suffix = found(byBasename.filter((path) => form(path).endsWith(`/${written}`)), 'suffix');
      if (suffix) return suffix;
      const metaName = form(`${folder}/#${basename}`);
      const suffixMeta = found(index.notesWithBasename(`#${basename}`).filter((path) => form(path) === metaName || form(path).endsWith(`/${metaName}`)), 'suffix-meta');
      if (suffixMeta) return suffixMeta;
    }
    const byName = found(byBasename, folder ? 'basename-dirmismatch' : 'basename');
    if (byName) return byName;
    const metaPrefix = found(index.notesWithBasename(`#${basename}`), 'meta-prefix');
    if (metaPrefix) return metaPrefix;
  }
  const foldedName = foldName(name);
  const folded = index.notesWithFoldedBasename(basename).filter((path) => {
    if (!folder) return true;
    const foldedPath = foldName(path);
    return foldedPath === foldedName || foldedPath.endsWith(`/${foldedName}`);
  });
  const caseInsensitive = found(folded, 'case-insensitive');
  if (caseInsensitive) return caseInsensitive;
  if (caseInsensitiveOnly) return undefined;
  const stem = basename.replace(/\.md$/i, '');
  const folderNotes: string[] = [];
  const folderWritten = composed(`${folder}/${stem}`);
  for (const candidateFolder of index.foldersNamed(stem)) {
    const candidate = folder ? composed(candidateFolder) : '';
    if (folder && !(candidate === folderWritten || candidate.endsWith(`/${folderWritten}`))) continue;
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
 * The file a written note name finds among those the workspace has but could not read as notes
 * (binary, too large, a link out of it), by the rules notes are found by, loosely: the path as
 * written, beside the referring note, a path ending so, or (a bare name) the first of that name.
 * For `🗄 \`scans.md\`` when `scans.md` is 20 MB: that file.
 */
export function findSkippedFile(index: WorkspaceIndex, fromFolder: string, name: string): SkippedFile | undefined {
  const slash = name.lastIndexOf('/');
  const candidates = index.skippedWithBasename(name.slice(slash + 1));
  if (candidates.length === 0) return undefined;
  const wanted = foldName(name);
  const beside = fromFolder ? foldName(`${fromFolder}/${name}`) : wanted;
  const exact = candidates.find((file) => foldName(file.path) === wanted) ?? candidates.find((file) => foldName(file.path) === beside);
  if (exact) return exact;
  return slash >= 0 ? candidates.find((file) => foldName(file.path).endsWith(`/${wanted}`)) : candidates[0];
}

/** Whether `path` is `folder/name`. */
function isJoinedPath(path: string, folder: string, name: string): boolean {
  return path.length === folder.length + 1 + name.length && path.charCodeAt(folder.length) === 47 && path.startsWith(folder) && path.endsWith(name);
}

/**
 * The shortest way to write `path` in a 🗄 file part that the file rules still resolve to it
 * alone: `oils.md` for `craft/finish/#oils.md`, `tools.md` for a unique basename, else a longer suffix.
 * With `minParts`, no shorter than that many parts (a folder the author wrote stays written).
 */
export function shortestReferencePath(index: WorkspaceIndex, path: string, fromFolder: string, minParts = 1): string {
  if (minParts !== 1) return shortestPathFrom(index, path, fromFolder, minParts);
  // 🗄 completion asks for every note's at each key typed: kept while the same notes are there.
  let memo = shortestPathMemo.get(index);
  if (!memo || memo.generation !== index.pathGeneration) {
    memo = { generation: index.pathGeneration, byFolder: new Map() };
    shortestPathMemo.set(index, memo);
  }
  let ofFolder = memo.byFolder.get(fromFolder);
  if (!ofFolder) {
    if (memo.byFolder.size >= MEMO_FOLDERS) memo.byFolder.delete(memo.byFolder.keys().next().value!);
    ofFolder = new Map();
    memo.byFolder.set(fromFolder, ofFolder);
  }
  let written = ofFolder.get(path);
  if (written === undefined) {
    written = shortestPathFrom(index, path, fromFolder, 1);
    ofFolder.set(path, written);
  }
  return written;
}

/** Per index, the shortest names found from the last few folders asked from, while `pathGeneration` holds. */
const shortestPathMemo = new WeakMap<WorkspaceIndex, { generation: number; byFolder: Map<string, Map<string, string>> }>();
const MEMO_FOLDERS = 4;

function shortestPathFrom(index: WorkspaceIndex, path: string, fromFolder: string, minParts: number): string {
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
    if (candidate.split('/').length < minParts) continue;
    const lookup = findNoteByRules(index, fromFolder, candidate);
    if (lookup && lookup.paths.length === 1 && lookup.paths[0] === path) return candidate;
  }
  return path;
}

/** Joins a relative path onto a folder; undefined when it climbs out of the workspace. */
export function joinPath(folder: string, relative: string): string | undefined {
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

/** The folders a note named `name` may have become (`food/spices.md`, `spices` → every folder `spices`): DIALECT §8.6 step 3. */
export function foldersSplitFrom(index: WorkspaceIndex, name: string): string[] {
  return index.foldersNamed(name.slice(name.lastIndexOf('/') + 1).replace(/\.md$/i, ''));
}
