/**
 * 🗄 completion: note names after the marker, inside its backticks and in the items of a bare 🗄
 * list, ranked by the note's own links (bench/links.js measures it); a note's sections after its
 * name; and, right after the marker, the note's own sections.
 */

import type { Position } from '../text/positions';
import { makeRange } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Anchor, Reference } from '../syntax/note';
import { composed, foldName } from '../text/names';
import { bestFirst, sortedListSlot, type SortedListSlot } from '../lists';
import { followHistory } from '../index/history';
import { isLinkBlockLabel } from '../syntax/parseNote';
import { FILE_CABINET, findXrefMarkers, markerSpanEnd, parseTargets, writableInLink } from '../syntax/references';
import { lineInFences } from '../syntax/scanner';
import type { Steps } from '../steps';
import { encloses, resolveReference } from './resolve';
import { basenamesWithinTypo, classifyFileToken, findNoteByRules, isNameMeantAsWritten, shortestReferencePath } from './resolve/noteNames';
import { subsequenceScorer } from './workspaceSymbols';
import { CAP, EMPTY, finish, type CompletionEntry, type CompletionResult } from './completionList';

/** A list item being written, from its first backtick on (`` * `met ``, `` > - `metals.md` pat ``). */
export const BLOCK_ITEM = /^[\s>]*[*+-]\uFE0F*[ \t]+(`.*)$/u;
/** A list item with something in it (in a quote too). */
const LIST_ITEM = /^[\s>]*[*+-]\uFE0F*[ \t]+\S/u;
/** How far up completion looks for the 🗄 label above a list's items. */
const MAX_BLOCK_ITEMS = 200;

/** Whether `line` is an item of a list under a lone 🗄 label: the list items above it lead up to one. */
export function inLinkBlock(index: WorkspaceIndex, path: string, line: number): boolean {
  const entry = index.getNote(path);
  const lines = entry?.readLines();
  if (!lines) return false;
  // In a code block a lone 🗄 heads no list (DIALECT §1.3).
  if (lineInFences(entry!.note.fences, line)) return false;
  for (let above = Math.min(line, lines.length) - 1; above >= 0 && above >= line - MAX_BLOCK_ITEMS; above--) {
    const text = lines[above];
    if (LIST_ITEM.test(text) && !isLinkBlockLabel(text)) continue;
    return isLinkBlockLabel(text);
  }
  return false;
}

/** A bare 🗄 list needs this many other items, in alphabetical order, to be read as kept in that order. */
const MIN_SORTED_ITEMS = 3;
/** The names of a bare 🗄 list's other items come last once it has this many. */
const MIN_LINKED_ITEMS = 2;

/** What the other items of a bare 🗄 list say of the item being written at a line. */
interface ListAround {
  /** The names they link, folded (`foldName`): a list names a note once (16 of the older real notes' 17 lists of two or more). */
  linked: Set<string>;
  /**
   * In a list kept in alphabetical order of the names its items link (three or more other items,
   * every one in order, as all seven such lists of the older real notes are): where a name goes
   * (`sortedListSlot`, on names folded by `foldName`), and whether the list writes paths.
   */
  slot?: SortedListSlot & { writesPaths: boolean };
}

/** The other items of the bare 🗄 list `line` is an item of; undefined when it is none. */
function listAround(index: WorkspaceIndex, path: string, line: number): ListAround | undefined {
  const lines = index.getNote(path)?.readLines();
  // A line the index does not hold yet (typed at the end, not yet sent) is in no list of it.
  if (!lines || line >= lines.length || !BLOCK_ITEM.test(lines[line])) return undefined;
  const isItem = (text: string | undefined) => text !== undefined && LIST_ITEM.test(text) && !isLinkBlockLabel(text);
  let first = line;
  while (first > 0 && isItem(lines[first - 1])) first--;
  let last = line;
  while (last + 1 < lines.length && isItem(lines[last + 1])) last++;
  const items: Array<{ line: number; name: string; key: string }> = [];
  for (let at = first; at <= last; at++) {
    const name = at === line ? undefined : /^`([^`]+)`/.exec(BLOCK_ITEM.exec(lines[at])?.[1] ?? '')?.[1];
    if (name !== undefined) items.push({ line: at, name, key: foldName(name) });
  }
  // One other item says little: a list of two may name one note twice, with two sections.
  const linked = new Set(items.length >= MIN_LINKED_ITEMS ? items.map((item) => item.key) : []);
  const slot = sortedListSlot(items, line, MIN_SORTED_ITEMS);
  return { linked, slot: slot && { ...slot, writesPaths: items.some((item) => item.name.includes('/')) } };
}

/** What this note's own 🗄 links say of the note about to be linked: the notes it links, and names of other collections it links. */
interface LinkEvidence {
  /** Note path → how near and how often this note links it (the score below). */
  notes: Map<string, number>;
  /** A name no note of the folder has, that this note links as another collection's note → its score and the spelling nearest the cursor. */
  foreign: Map<string, { score: number; written: string; elsewhere?: boolean }>;
}

/** Weights of the 🗄 note ranking, measured with bench/links.js (see bench/README.md). */
const LINK_NEAREST_WEIGHT = 4;
const LINK_HOP_SCALE = 2;
const SAME_FOLDER_WEIGHT = 0.5;
const SAME_TOP_FOLDER_WEIGHT = 0.25;
const SAME_NOTE_SECTION_WEIGHT = 0.6;
/** Names of other collections linked by other notes: ln(1 + notes linking them) × this, minus 1 (below every note). */
const OTHER_NAMES_WEIGHT = 0.1;

/**
 * The notes this note links (on other lines, outside code), each scored as 📙 authors are: by how
 * near its nearest link is, counted in lines holding links (4·e^(−hops/2)), plus ln(1 + its links
 * here). A name that no note has and history knows nothing of, and that is no slip on a note's
 * name, is another collection's note (DIALECT §8.6): it is offered again as written.
 */
function linkEvidence(index: WorkspaceIndex, path: string, line: number): LinkEvidence {
  const evidence: LinkEvidence = { notes: new Map(), foreign: new Map() };
  const references = (index.getNote(path)?.note.references ?? []).filter((reference) => reference.file && !reference.file.bare && !reference.inFence && reference.line !== line);
  if (references.length === 0) return evidence;
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const lines = [...new Set(references.map((reference) => reference.line))].sort((a, b) => a - b);
  const above = lines.filter((at) => at < line).length;
  const lineAt = new Map(lines.map((at, order) => [at, order]));
  const seen = new Map<string, { nearest: number; count: number; written: string; foreign: boolean }>();
  for (const reference of references) {
    const token = reference.file!.text.trim();
    if (classifyFileToken(token).kind !== 'note') continue;
    const at = lineAt.get(reference.line)!;
    const nearness = Math.exp(-(at < above ? above - at : at - above + 1) / LINK_HOP_SCALE);
    const lookup = findNoteByRules(index, folder, /\.md$/i.test(token) ? token : `${token}.md`);
    let key: string;
    let foreign = false;
    if (lookup?.paths.length === 1) key = lookup.paths[0];
    else if (!lookup && /\.md$/i.test(token) && isOtherCollectionsName(index, token)) {
      key = foldName(token.slice(token.lastIndexOf('/') + 1));
      foreign = true;
    } else continue;
    const known = seen.get(key);
    if (!known) seen.set(key, { nearest: nearness, count: 1, written: token, foreign });
    else {
      known.count++;
      if (nearness > known.nearest) Object.assign(known, { nearest: nearness, written: token });
    }
  }
  for (const [key, { nearest, count, written, foreign }] of seen) {
    const score = LINK_NEAREST_WEIGHT * nearest + Math.log1p(count);
    if (foreign) evidence.foreign.set(key, { score, written });
    else evidence.notes.set(key, score);
  }
  return evidence;
}

/**
 * Whether `name`, typed after a backtick that nothing closes (`` 🗄 `▮ ``), is read whole: an emoji,
 * a `;` or a URL in it would end the link there (`` `c⛩️.md `` reads as `c`).
 */
function readsInOpenBacktick(name: string): boolean {
  return markerSpanEnd(name, 0) === name.length;
}

/** A `.md` name that history never knew and that is no slip on a note's name (the typo rule of §8.6), or is linked from enough notes to be meant. */
function isOtherCollectionsName(index: WorkspaceIndex, token: string): boolean {
  const basename = token.slice(token.lastIndexOf('/') + 1);
  if (index.history && followHistory(index.history, basename, (candidate) => index.hasNote(candidate))) return false;
  const stem = basename.replace(/\.md$/i, '');
  return basenamesWithinTypo(index, stem).length === 0 || isNameMeantAsWritten(index, stem);
}

/** Names of other collections the workspace links, by folded name (`foldName`): how many notes link each, and a spelling. */
type OtherNames = Map<string, { notes: number; written: string }>;

const otherNamesMemo = new WeakMap<WorkspaceIndex, { changeCount: number; names: OtherNames }>();
/** Notes read between pauses while the workspace's names of other collections are gathered. */
const NOTES_PER_STEP = 500;

/**
 * The names of other collections' notes that the notes of the workspace link (DIALECT §8.6: a
 * `.md` name no note has, that history never knew and that is no slip on a note's name). Read
 * once (120 ms at 10,000 notes, in steps) and kept until a note other than `path` changes.
 */
function* workspaceOtherNames(index: WorkspaceIndex, path: string): Steps<OtherNames> {
  const memo = otherNamesMemo.get(index);
  if (memo && index.changesOnlyTo(path, memo.changeCount)) return memo.names;
  const changeCount = index.changeCount;
  const names: OtherNames = new Map();
  let read = 0;
  for (const other of index.notePaths()) {
    const seen = new Set<string>();
    for (const reference of index.getNote(other)?.note.references ?? []) {
      if (!reference.file || reference.file.bare || reference.inFence) continue;
      const token = reference.file.text.trim();
      if (!/\.md$/i.test(token)) continue;
      const written = token.slice(token.lastIndexOf('/') + 1);
      const key = foldName(written);
      if (seen.has(key)) continue;
      seen.add(key);
      const known = names.get(key);
      if (known) known.notes++;
      else names.set(key, { notes: 1, written });
    }
    if (++read % NOTES_PER_STEP === 0) yield;
  }
  for (const [key, { written }] of names) {
    if (index.notesWithFoldedBasename(key).length > 0 || classifyFileToken(written).kind !== 'note' || !isOtherCollectionsName(index, written)) names.delete(key);
  }
  otherNamesMemo.set(index, { changeCount, names });
  return names;
}

/**
 * 🗄 note completion: the notes this note links already first (nearest first: a note links the
 * same few notes again and again, half of the older real notes' links and of the sample notes'),
 * names of other collections it links among them, then the notes of its folder and of its top
 * folder, then the rest, shortest name first, then names of other collections that other notes
 * link. Once something is typed, only the names that hold it in order, ranked the same way, a
 * closer match first among equals. In an item of a bare 🗄 list (`inList`), the names its other
 * items link last, and in a list kept in alphabetical order the names that go there first.
 */
export function* completeNotes(index: WorkspaceIndex, path: string, typed: string, position: Position, addBackticks: boolean, inList = false): Steps<CompletionResult> {
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const topFolder = path.includes('/') ? path.slice(0, path.indexOf('/')) : undefined;
  const range = makeRange(position.line, position.character - typed.length, position.character);
  const evidence = linkEvidence(index, path, position.line);
  // A name is offered only as it will be read where it goes; typed after a backtick nothing closes, whole.
  const writable = (written: string) => writableInLink(written) && (addBackticks || readsInOpenBacktick(written));
  // `shown`: the label as it reads, composed (`é` written decomposed, as macOS names files, is one
  // letter), which lengths and ties go by; made once per item, not at each comparison of the sort.
  const scored: Array<{ entry: CompletionEntry; shown: string; evidence: number; match: number; foreign?: boolean; section?: { anchor: Anchor; quoted: boolean }; order?: number; fits?: boolean; linked?: boolean }> = [];
  const matchTyped = subsequenceScorer(typed);
  for (const candidate of index.notePaths()) {
    if (candidate === path) continue;
    const match = typed ? matchTyped(candidate) : 0;
    if (match === undefined) continue;
    const written = shortestReferencePath(index, candidate, folder);
    if (!writable(written)) continue;
    const candidateFolder = candidate.includes('/') ? candidate.slice(0, candidate.lastIndexOf('/')) : '';
    const near = candidateFolder === folder ? SAME_FOLDER_WEIGHT : topFolder !== undefined && candidate.startsWith(`${topFolder}/`) ? SAME_TOP_FOLDER_WEIGHT : 0;
    const shown = composed(written);
    scored.push({
      shown,
      evidence: (evidence.notes.get(candidate) ?? 0) + near,
      match: match + shown.length / 100,
      entry: {
        label: written, kind: 'note', detail: candidate, insertText: addBackticks ? `\`${written}\` ` : written, snippet: false,
        sortText: '', filterText: addBackticks ? written : `${written} ${candidate}`, range,
      },
    });
  }
  // Names of other collections that other notes link, after every note of the folder (a name of
  // this workspace is likelier), by how many notes link them.
  const otherNames = yield* workspaceOtherNames(index, path);
  for (const [key, { notes, written }] of otherNames) {
    if (!evidence.foreign.has(key)) evidence.foreign.set(key, { score: OTHER_NAMES_WEIGHT * Math.log1p(notes) - 1, written, elsewhere: true });
  }
  for (const { score, written, elsewhere } of evidence.foreign.values()) {
    if (!writable(written)) continue;
    const match = typed ? matchTyped(written) : 0;
    if (match === undefined) continue;
    const shown = composed(written);
    scored.push({
      shown,
      evidence: score,
      match: match + shown.length / 100,
      foreign: true,
      entry: {
        label: written, kind: 'note', detail: `not in this folder: a note of another collection, linked ${elsewhere ? 'in other notes' : 'in this note'}`, insertText: addBackticks ? `\`${written}\` ` : written, snippet: false,
        sortText: '', filterText: written, range,
      },
    });
  }
  // Right after the marker, a section of this note may follow with no note part (`🗄 burr`, `🗄 'honing'`):
  // each name once, as the one a link that names it leads to, and written so that it reads as that name.
  if (addBackticks) {
    const quoted = typed.startsWith("'");
    const words = quoted ? typed.slice(1) : typed;
    const matchWords = subsequenceScorer(words);
    for (const anchor of index.getNote(path)?.note.anchors ?? []) {
      // The section the cursor is in is where the link already is.
      if (!isLinkableSection(anchor) || anchor.line === position.line || encloses(anchor, position.line)) continue;
      const match = words ? matchWords(anchor.text) : 0;
      if (match === undefined) continue;
      // How the link is written (and whether any form leads there) is read once the item is among
      // the first offered: a long note has hundreds of sections, and each is a link resolved.
      scored.push({
        shown: composed(anchor.text),
        evidence: SAME_NOTE_SECTION_WEIGHT,
        match: match + Math.abs(anchor.line - position.line) / 1e6,
        section: { anchor, quoted },
        entry: {
          label: anchor.text, kind: 'section', detail: `a section of this note, line ${anchor.line + 1}`, insertText: '', snippet: false,
          sortText: '', filterText: anchor.text, range,
        },
      });
    }
  }
  // In an item of a bare 🗄 list, the names its other items link come last (a list names a note
  // once), and in a list kept in alphabetical order, the names that go where the cursor is first.
  const list = inList ? listAround(index, path, position.line) : undefined;
  const slot = list?.slot;
  // Equals keep the order they were found in, as a stable sort would leave them.
  scored.forEach((item, order) => {
    item.order = order;
    // As it will be written, or, in a list that writes paths, by its path (completion writes the shortest name).
    item.fits = slot !== undefined && !item.section && (slot.fits(foldName(item.entry.label)) || (slot.writesPaths && item.entry.kind === 'note' && !item.foreign && slot.fits(foldName(item.entry.detail))));
    item.linked = list !== undefined && !item.section && list.linked.has(foldName(item.entry.label));
  });
  const ranked = bestFirst(scored, (a, b) => Number(a.linked) - Number(b.linked) || Number(b.fits) - Number(a.fits) || b.evidence - a.evidence || a.match - b.match || (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : a.order! - b.order!), CAP + 16);
  // A name another note links as another collection's may read otherwise from here (`meta.md` is
  // this folder's `#meta.md`, `c/g.md` a section of `c.md`): only one that reads as such is offered;
  // a section of this note, only in a form that leads to it. Read for the first few only.
  const entries: CompletionEntry[] = [];
  for (const { entry: found, foreign, section, fits } of ranked) {
    if (entries.length > CAP) break;
    // Why it comes first, after what the item already says (a note's path, or whose name it is).
    const entry = fits ? { ...found, detail: `${found.detail} · ${slot!.place} in the list's order` } : found;
    if (section) {
      const written = sectionLinkTo(index, path, position.line, MARKER, section.anchor, path, section.quoted);
      if (written !== undefined) entries.push({ ...entry, insertText: written, filterText: written.startsWith("'") ? `'${section.anchor.text}` : section.anchor.text });
    } else if (!foreign || readsAsOtherCollection(index, path, position.line, entry.label)) entries.push(entry);
  }
  return finish(entries);
}

export function completeSections(index: WorkspaceIndex, path: string, written: string, typed: string, position: Position): CompletionResult {
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const lookup = findNoteByRules(index, folder, /\.md$/i.test(written) ? written : `${written}.md`);
  if (!lookup || lookup.paths.length !== 1) return EMPTY;
  const note = index.getNote(lookup.paths[0])!.note;
  const range = makeRange(position.line, position.character - typed.length, position.character);
  // Headings first (what links name most: 56 of the sample notes' 66 sections), then ALL-CAPS
  // lines, bold labels and terms, each in the note's order; 参考 and 进步 last. Each once, as a
  // link leads: of two `# KNIVES`, the first; a term `tang` beside a heading `tang`, never.
  const anchors = note.anchors.filter(isLinkableSection).sort((a, b) => sectionRank(a) - sectionRank(b) || a.line - b.line);
  const items: CompletionEntry[] = [];
  for (const anchor of anchors) {
    const asWritten = sectionLinkTo(index, path, position.line, `${MARKER}\`${written}\` `, anchor, lookup.paths[0], typed.startsWith("'"));
    if (asWritten === undefined) continue;
    const kindName = anchor.kind === 'heading' ? `${'#'.repeat(anchor.level)} heading` : anchor.kind === 'caps' ? 'ALL-CAPS sub-heading' : anchor.kind === 'bold' ? 'bold label' : 'term';
    items.push({
      label: anchor.text, kind: 'section', detail: `${kindName}, line ${anchor.line + 1}`, insertText: asWritten, snippet: false,
      sortText: '', filterText: asWritten.startsWith("'") ? `'${anchor.text}` : anchor.text, range,
    });
  }
  return finish(items);
}

const MARKER = `${FILE_CABINET} `;

/** Headings first, then ALL-CAPS lines, bold labels and terms; 参考 and 进步 last. */
function sectionRank(anchor: Anchor): number {
  return anchor.role === 'references' || anchor.role === 'progress' ? 4 : SECTION_KIND_ORDER[anchor.kind] ?? 4;
}

/**
 * How to write a link to `anchor` of the note at `target` after `before` (a 🗄 and the note part,
 * if any), on line `line` of the note at `path`, so that it leads there: the name as it is
 * (`burr`), else quoted (`'(alias)'`, `'notes.md'`: read bare, they are no section or a note),
 * quoted first when the writer began with a quote. Undefined when no form leads there: a backtick
 * in the name, or another anchor a link of that name reaches first (the second `# KNIVES`, a term
 * `tang` beside a heading `tang`).
 */
function sectionLinkTo(index: WorkspaceIndex, path: string, line: number, before: string, anchor: Anchor, target: string, quoteFirst: boolean): string | undefined {
  const forms = quoteFirst ? [`'${anchor.text}'`, anchor.text] : [anchor.text, `'${anchor.text}'`];
  return forms.find((form) => {
    const reference = writtenReference(before + form, line);
    if (reference?.section?.text !== anchor.text || reference.range.end.character !== (before + form).length) return false;
    const resolution = resolveReference(index, path, reference);
    return resolution.status === 'resolved' && resolution.target?.path === target && resolution.target.line === anchor.line;
  });
}

/** The last 🗄 target of `text`, a line as completion would leave it, read as a reference on line `line`. */
function writtenReference(text: string, line: number): Reference | undefined {
  const marker = findXrefMarkers(text).at(-1);
  const draft = marker && parseTargets(text, line, marker.bodyStart, markerSpanEnd(text, marker.bodyStart)).at(-1);
  return marker && draft ? { ...draft, inFence: false, markerRange: makeRange(line, marker.start, marker.end), form: 'line' } : undefined;
}

/** Whether `` 🗄 `name` `` on line `line` of the note at `path` reads as a note of another collection (DIALECT §8.5), as a name linked elsewhere was. */
function readsAsOtherCollection(index: WorkspaceIndex, path: string, line: number, name: string): boolean {
  const reference = writtenReference(`${MARKER}\`${name}\``, line);
  if (reference?.file?.text !== name) return false;
  const resolution = resolveReference(index, path, reference);
  return resolution.status === 'external' && resolution.kind === 'foreign-note';
}

/** An anchor a 🗄 link names as a section: a heading (not the title), an ALL-CAPS line, a bold label or a term. */
function isLinkableSection(anchor: Anchor): boolean {
  return Boolean(anchor.text) && anchor.kind !== 'item' && anchor.kind !== 'book' && anchor.role !== 'title';
}

const SECTION_KIND_ORDER: Partial<Record<Anchor['kind'], number>> = { heading: 0, caps: 1, bold: 2, term: 3 };
