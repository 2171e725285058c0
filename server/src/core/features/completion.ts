/**
 * Completion for the dialect's markers: 📙 authors ranked as DIALECT §6.2 measures (the note's
 * own authors first, then every 📚 list, then every author ever cited); note paths after `🗄`
 * in the shortest form that stays unique; and, after a path, that note's sections.
 */

import type { Position, Range } from '../text/positions';
import { makeRange } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { findNoteByRules, shortestReferencePath } from './resolve';
import { subsequenceScore } from './workspaceSymbols';

export interface CompletionEntry {
  label: string;
  kind: 'author' | 'note' | 'section';
  detail: string;
  /** Text to insert; a snippet (`McGee [${1:page}]`) when `snippet` is set. */
  insertText: string;
  snippet: boolean;
  /** Keeps the ranking: the client sorts by this, not by label. */
  sortText: string;
  filterText: string;
  /** The range the completion replaces: what was typed of the word so far. */
  range: Range;
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** True when the list was cut at the cap and typing more may bring others. */
  isIncomplete: boolean;
}

const CAP = 200;
const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/** Completion at `position`, given the text of its line. */
export function computeCompletion(index: WorkspaceIndex, path: string, lineText: string, position: Position): CompletionResult {
  const before = lineText.slice(0, position.character);
  const citation = /\u{1F4D9}\uFE0F*[ \t]+(?:.*\][ \t]+)?([\p{L}/.'-]*)$/u.exec(before);
  if (citation && !/\d/.test(citation[1])) return completeAuthors(index, path, citation[1], position);
  const sectionAfterPath = /\u{1F5C4}[\uFE0F \t]*(?:`[^`]*`[^`]*)*`([^`]+)`[ \t]+([^`]*)$/u.exec(before);
  if (sectionAfterPath) return completeSections(index, path, sectionAfterPath[1], sectionAfterPath[2], position);
  const insidePath = /\u{1F5C4}[\uFE0F \t]*(?:`[^`]*`[^`]*)*`([^`]*)$/u.exec(before);
  if (insidePath) return completeNotes(index, path, insidePath[1], position, false);
  const afterMarker = /\u{1F5C4}[\uFE0F \t]+([^`\s]*)$/u.exec(before);
  if (afterMarker) return completeNotes(index, path, afterMarker[1], position, true);
  return EMPTY;
}

function completeAuthors(index: WorkspaceIndex, path: string, typed: string, position: Position): CompletionResult {
  const note = index.getNote(path)?.note;
  const own = new Set<string>();
  for (const citation of note?.citations ?? []) for (const item of citation.items) if (item.author && citation.line !== position.line) own.add(item.author.toLowerCase());
  for (const list of note?.bookLists ?? []) for (const entry of list.entries) if (entry.author) own.add(entry.author.toLowerCase());
  const tiers = new Map<string, number>();
  for (const author of own) tiers.set(author, 0);
  for (const author of index.listedAuthors()) if (!tiers.has(author)) tiers.set(author, 1);
  for (const author of index.citedAuthors()) if (!tiers.has(author)) tiers.set(author, 2);
  const range = makeRange(position.line, position.character - typed.length, position.character);
  const candidates: Array<{ entry: CompletionEntry; tier: number; count: number }> = [];
  for (const [author, tier] of tiers) {
    if (typed && subsequenceScore(typed, author) === undefined) continue;
    const listed = index.bookEntriesByAuthor(author);
    const cited = index.citationsOfAuthor(author);
    // Citations on the line being typed do not count: the word there is what we are completing.
    const count = cited.filter((citation) => !(citation.path === path && citation.line === position.line)).length;
    if (tier === 2 && count === 0) continue;
    const name = listed[0]?.entry.author ?? cited[0]?.item.author ?? author;
    const title = listed.find((book) => book.entry.title)?.entry.title;
    const detail = [title, count > 0 ? `cited ${count}×` : 'not cited yet', ['in this note', 'in a 📚 list', 'cited elsewhere'][tier]].filter(Boolean).join(' · ');
    candidates.push({
      tier,
      count,
      entry: { label: name, kind: 'author', detail, insertText: `${name} [\${1:page}]`, snippet: true, sortText: '', filterText: name, range },
    });
  }
  candidates.sort((a, b) => a.tier - b.tier || b.count - a.count || (a.entry.label < b.entry.label ? -1 : 1));
  return finish(candidates.map(({ entry }) => entry));
}

function completeNotes(index: WorkspaceIndex, path: string, typed: string, position: Position, addBackticks: boolean): CompletionResult {
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const range = makeRange(position.line, position.character - typed.length, position.character);
  const scored: Array<{ entry: CompletionEntry; score: number }> = [];
  for (const candidate of index.notePaths()) {
    if (candidate === path) continue;
    const score = typed ? subsequenceScore(typed, candidate) : 0;
    if (score === undefined) continue;
    const written = shortestReferencePath(index, candidate, folder);
    scored.push({
      score: score + written.length / 100,
      entry: {
        label: written, kind: 'note', detail: candidate, insertText: addBackticks ? `\`${written}\` ` : written, snippet: false,
        sortText: '', filterText: addBackticks ? written : `${written} ${candidate}`, range,
      },
    });
  }
  scored.sort((a, b) => a.score - b.score || (a.entry.label < b.entry.label ? -1 : 1));
  return finish(scored.map(({ entry }) => entry));
}

function completeSections(index: WorkspaceIndex, path: string, written: string, typed: string, position: Position): CompletionResult {
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const lookup = findNoteByRules(index, folder, /\.md$/i.test(written) ? written : `${written}.md`);
  if (!lookup || lookup.paths.length !== 1) return EMPTY;
  const note = index.getNote(lookup.paths[0])!.note;
  const range = makeRange(position.line, position.character - typed.length, position.character);
  const items: CompletionEntry[] = [];
  for (const anchor of note.anchors) {
    if (!anchor.text || anchor.kind === 'item' || anchor.kind === 'book' || anchor.role === 'title') continue;
    const kindName = anchor.kind === 'heading' ? `${'#'.repeat(anchor.level)} heading` : anchor.kind === 'caps' ? 'ALL-CAPS sub-heading' : anchor.kind === 'bold' ? 'bold label' : 'term';
    items.push({
      label: anchor.text, kind: 'section', detail: `${kindName}, line ${anchor.line + 1}`, insertText: anchor.text, snippet: false,
      sortText: '', filterText: anchor.text, range,
    });
  }
  return finish(items);
}

function finish(entries: CompletionEntry[]): CompletionResult {
  const items = entries.slice(0, CAP).map((entry, rank) => ({ ...entry, sortText: String(rank).padStart(5, '0') }));
  return { items, isIncomplete: entries.length > CAP };
}
