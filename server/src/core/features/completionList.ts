/** What a completion answers, shared by 📙 and 🗄 completion: the entries, and the cap on them. */

import type { Range } from '../text/positions';
import { authorKey, composed } from '../text/names';

export interface CompletionEntry {
  label: string;
  kind: 'author' | 'note' | 'section';
  /** For 📙 items: the author, and the title of the book the item writes (none for the bare name). */
  author?: string;
  bookTitle?: string;
  detail: string;
  /** Text to insert; a snippet (`McGee [${1:page}]`) when `snippet` is set. */
  insertText: string;
  snippet: boolean;
  /** Keeps the ranking: the client sorts by this, not by label. */
  sortText: string;
  filterText: string;
  /** The range the completion replaces: what was typed of the word so far. */
  range: Range;
  /**
   * The range it replaces when the writer asks to replace the word rather than insert into it
   * (VS Code's `editor.suggest.insertMode`, or Shift+Enter): `range` and the rest of the word after
   * the cursor (`📙 Kle▮pman` → `Kleppman`, `` 🗄 `met▮als.md` `` → `metals.md`). Set for every
   * item by `completionSteps`.
   */
  replaceRange?: Range;
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** True when the list was cut at the cap and typing more may bring others. */
  isIncomplete: boolean;
}

/** At most this many items: typing more narrows the list (it is then marked incomplete). */
export const CAP = 200;
export const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/** Caps `entries` and numbers them in order: the client sorts by `sortText`, not by label. */
export function finish(entries: CompletionEntry[]): CompletionResult {
  // The client filters on `filterText` as typed, composed: a name macOS or a PDF wrote decomposed
  // (`Crème` as `e` and an accent) is found by `crè` only in that form.
  const items = entries.slice(0, CAP).map((entry, rank) => ({ ...entry, sortText: String(rank).padStart(5, '0'), filterText: composed(entry.filterText) }));
  return { items, isIncomplete: entries.length > CAP };
}

/**
 * Whether what was typed after `📙 ` can mean this item: as in VS Code's filter, its first
 * letter starts a word (the surname, a particle, a title word) and the rest follows in order.
 */
export function matchesTyped(typed: string, filterText: string): boolean {
  const wanted = authorKey(typed);
  const text = authorKey(filterText);
  for (let start = 0; start < text.length; start++) {
    if (text[start] !== wanted[0] || (start > 0 && !/[\s/(-]/.test(text[start - 1]))) continue;
    let at = start;
    let matched = 1;
    while (matched < wanted.length) {
      const next = text.indexOf(wanted[matched], at + 1);
      if (next < 0) break;
      at = next;
      matched++;
    }
    if (matched === wanted.length) return true;
  }
  return false;
}

/** Escapes what a snippet would read as syntax (`$`, `}`, `\`). */
export function escapeSnippet(text: string): string {
  return /[$}\\]/.test(text) ? text.replace(/[$}\\]/g, '\\$&') : text;
}
