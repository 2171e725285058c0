/**
 * Misspelt 📙 authors (DIALECT §6.2, issue 11 Build 5): `Kleppman` beside `Kleppmann`, even
 * when the typo is written twice.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { editDistance } from '../index/normalize';
import type { Range } from '../text/positions';
import { lineCitations } from '../syntax/parseNote';
import { reparseCitation } from '../syntax/citations';
import { authorKey } from '../text/names';

/** A name written more often than this is taken as meant, however close to another it is. */
const MAX_TYPO_OCCURRENCES = 3;
/** How many times more often the right spelling occurs than a typo one edit away, or two edits away. */
const RATIO_ONE_EDIT = 5;
const RATIO_TWO_EDITS = 10;

/** The author a name probably misspells, with a place that writes it right. */
export interface AuthorSuggestion {
  name: string;
  location: { path: string; line: number };
  /** Found among the authors the same note writes (the location is there), not by how much more the collection uses it. */
  inNote?: boolean;
}

/** Citations and 📚 entries of an author (casefolded key). */
function occurrences(index: WorkspaceIndex, key: string): number {
  return index.citationCount(key) + index.listingCount(key);
}

/**
 * Names this long or longer may be two edits off the right one; shorter ones only one. Two
 * letters changed in a six-letter name make another name (`Karwin`, `Martin`), and every typo
 * the collection holds is one edit off (`Kleppman`, `Beaulie`, `Bradshow`, `Conerry`, `Tras`).
 */
const TWO_EDITS_FROM = 8;

/**
 * The known author that `author` (cited on `line` of `path`) probably misspells, if any. A name
 * used nowhere else (no 📚 list, no other citation), one edit (two from eight letters) from a name
 * used five times as often (ten for two edits); or from a name this very note also cites or lists,
 * used more often: a writer does not cite two authors a letter apart in one note, and two real
 * authors with close names elsewhere in the collection are not typos of each other (`Mailova`
 * once in one note, `Meilova` four times in others). A name written a few times (up to three): the
 * same with a name used five or ten times as often anywhere, so that `Kleppman` ×2 beside
 * `Kleppmann` ×100 is caught, or more often and in this note (`Drommann` ×3 and `Dqommann` ×2, both
 * in it). The first letter must agree (a writer knows how a name starts: `Hale` is not `Dale`), and
 * names of three letters or fewer are never typos.
 */
export function misspeltAuthor(index: WorkspaceIndex, author: string, path: string, line: number): AuthorSuggestion | undefined {
  const folded = authorKey(author);
  if (folded.length < 4) return undefined;
  const count = occurrences(index, folded);
  const alone = !index.isListed(author) && !index.isCitedElsewhere(author, path, line);
  // A name written more than a few times is meant as written: the note's other authors are not read for it (a check asks for every item of the note).
  if (!alone && count > MAX_TYPO_OCCURRENCES) return undefined;
  const beside = authorsBeside(index, path, line);
  if (!alone) return repeatedTypo(index, folded, count) ?? typoBeside(folded, count, beside, index, path);
  // Two one-off names close to each other do not correct each other: the other must be listed or more used.
  const near = closest(index, folded, editLimit(folded), (key, distance, other) =>
    beside.has(key) ? index.isListed(key) || other > count : other >= (distance === 1 ? RATIO_ONE_EDIT : RATIO_TWO_EDITS) * count,
  );
  if (!near) return undefined;
  // A name that is a typo in turn (`LaaSlle` → `La Slle`, itself `La Salle` misspelt): the name it
  // misspells is offered, or the fix would send the writer round again.
  const key = authorKey(near.name);
  return repeatedTypo(index, key, occurrences(index, key)) ?? near;
}

/**
 * Whether `name`, written over `range` of `line` (a 📙 item's author), is read there as that
 * author: by the line alone and as the workspace reads it with the authors it knows. A particle
 * or a known author next to it would make another name (`Van` before `Aken`).
 */
export function writtenReadsAsAuthor(index: WorkspaceIndex, line: string, range: Range, name: string): boolean {
  const written = `${line.slice(0, range.start.character)}${name}${line.slice(range.end.character)}`;
  const citations = lineCitations(written);
  const known = (folded: string) => index.isKnownAuthor(folded);
  return [citations, citations.map((citation) => reparseCitation(citation, known))].every((reading) =>
    reading.some((citation) => citation.items.some((item) => !item.carriedOver && item.authorRange?.start.character === range.start.character && item.author !== undefined && authorKey(item.author) === authorKey(name))),
  );
}

/** How many edits off a name of this length may be. */
function editLimit(folded: string): number {
  return folded.length >= TWO_EDITS_FROM ? 2 : 1;
}

/**
 * The author that `folded`, written `count` times (listed or cited more than once), misspells:
 * one far more used (so never one that is a typo in turn: at most three uses). The answer is the
 * same wherever it is written, until an author changes.
 */
function repeatedTypo(index: WorkspaceIndex, folded: string, count: number): AuthorSuggestion | undefined {
  if (folded.length < 4 || count > MAX_TYPO_OCCURRENCES) return undefined;
  let memo = memos.get(index);
  if (!memo || memo.generation !== index.authorGeneration) {
    const keys = new Set([...index.listedAuthors(), ...index.citedAuthors()]);
    memo = { generation: index.authorGeneration, frequent: [...keys].filter((key) => occurrences(index, key) >= RATIO_ONE_EDIT), answers: new Map() };
    memos.set(index, memo);
  }
  const { answers, frequent } = memo;
  if (!answers.has(folded)) {
    answers.set(folded, closest(index, folded, editLimit(folded), (_key, distance, other) => other >= (distance === 1 ? RATIO_ONE_EDIT : RATIO_TWO_EDITS) * count, frequent));
  }
  return answers.get(folded);
}

/** The authors (casefolded) the note at `path` cites or lists but on `line`. */
function authorsBeside(index: WorkspaceIndex, path: string, line: number): Set<string> {
  const note = index.getNote(path)?.note;
  const keys = new Set<string>();
  for (const citation of note?.citations ?? []) {
    if (citation.line === line) continue;
    for (const item of citation.items) if (item.author) keys.add(authorKey(item.author));
  }
  for (const list of note?.bookLists ?? []) for (const entry of list.entries) if (entry.author) keys.add(authorKey(entry.author));
  return keys;
}

/** The author that `folded`, written `count` times (up to three), misspells among those the same note writes (`beside`): one used more often. */
function typoBeside(folded: string, count: number, beside: ReadonlySet<string>, index: WorkspaceIndex, path: string): AuthorSuggestion | undefined {
  if (count > MAX_TYPO_OCCURRENCES) return undefined;
  const key = closestKey(index, folded, editLimit(folded), (_key, _distance, other) => other > count, [...beside]);
  if (key === undefined) return undefined;
  // The place to show is the note's own: that is why the name was taken for a typo.
  const here = placeWriting(index, key, [path], false) ?? placeWriting(index, key, [path], true) ?? placeInCollection(index, key);
  return here && { ...here, inNote: true };
}

/**
 * The cited authors (casefolded) whose typo hint may change when `author`'s listings or citations
 * do: those it may be a typo of or have as a typo, two edits or fewer away with the same first
 * letter (more than `misspeltAuthor` accepts: the server rechecks their notes, a few too many at worst).
 */
export function citedAuthorsNear(index: WorkspaceIndex, author: string): string[] {
  const folded = authorKey(author);
  const near: string[] = [];
  for (const key of index.citedAuthors()) {
    if (key === folded || key[0] !== folded[0] || Math.abs(key.length - folded.length) > 2) continue;
    if (typoDistance(folded, key, 2) <= 2) near.push(key);
  }
  return near;
}

interface Memo {
  generation: number;
  /** Authors that occur at least RATIO_ONE_EDIT times: the only ones a repeated name can be a typo of. */
  frequent: string[];
  answers: Map<string, AuthorSuggestion | undefined>;
}

const memos = new WeakMap<WorkspaceIndex, Memo>();

/** Edits from `a` to `b`, two neighbouring letters swapped (`Chnag` for `Chang`) counting as one. */
function typoDistance(a: string, b: string, limit: number): number {
  if (a.length === b.length) {
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    if (at + 1 < a.length && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2)) return 1;
  }
  return editDistance(a, b, limit);
}

/** The nearest author within `limit` edits that `accept`s (given its key, its distance and how often it occurs), the most used among equals, as written and where. */
function closest(index: WorkspaceIndex, folded: string, limit: number, accept: (key: string, distance: number, count: number) => boolean, keys?: readonly string[]): AuthorSuggestion | undefined {
  const key = closestKey(index, folded, limit, accept, keys);
  return key === undefined ? undefined : placeInCollection(index, key);
}

/** `closest`'s author, casefolded. */
function closestKey(index: WorkspaceIndex, folded: string, limit: number, accept: (key: string, distance: number, count: number) => boolean, keys?: readonly string[]): string | undefined {
  let best: { key: string; distance: number; count: number } | undefined;
  for (const key of keys ?? new Set([...index.listedAuthors(), ...index.citedAuthors()])) {
    if (key === folded || key[0] !== folded[0] || Math.abs(key.length - folded.length) > limit) continue;
    const distance = typoDistance(folded, key, limit);
    if (distance > limit) continue;
    const count = occurrences(index, key);
    if (!accept(key, distance, count)) continue;
    if (!best || distance < best.distance || (distance === best.distance && (count > best.count || (count === best.count && key < best.key)))) best = { key, distance, count };
  }
  return best?.key;
}

/** The author as written, and where: in the first note that lists them, else the first that cites them. */
function placeInCollection(index: WorkspaceIndex, key: string): AuthorSuggestion | undefined {
  return placeWriting(index, key, index.isListed(key) ? index.notesListingAuthor(key) : index.notesCitingAuthor(key));
}

/**
 * The author as written, and where: their first 📚 entry, else their first citation not carried
 * over (else the first), in the first of `notes` (those that list or cite them, in order). Read
 * from those notes, not from the author's list of citations, which a check would read whole for
 * every hint.
 */
function placeWriting(index: WorkspaceIndex, key: string, notes: readonly string[], listed = index.isListed(key)): AuthorSuggestion | undefined {
  let carried: AuthorSuggestion | undefined;
  for (const path of notes) {
    const note = index.getNote(path)?.note;
    if (listed) {
      for (const list of note?.bookLists ?? []) for (const entry of list.entries) if (entry.author !== undefined && authorKey(entry.author) === key) return { name: entry.author, location: { path, line: entry.line } };
      continue;
    }
    for (const citation of note?.citations ?? []) {
      for (const item of citation.items) {
        if (item.author === undefined || authorKey(item.author) !== key) continue;
        if (!item.carriedOver) return { name: item.author, location: { path, line: citation.line } };
        carried ??= { name: item.author, location: { path, line: citation.line } };
      }
    }
  }
  return carried;
}
