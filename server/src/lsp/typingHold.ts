/**
 * Complaints held back while the writer types. Typing `🗄 \`metals.md\` patina` one key at a time
 * makes a dead link at every key (`m`, `me`, `met`…, then the section `p`, `pa`…): published at
 * once, the squiggle would follow the cursor and the Problems panel would flicker with warnings
 * nobody agrees with. So a diagnostic that is new on the lines being typed waits until the typing
 * pauses; everything else goes out at once: a complaint that was already shown (its code and
 * message unchanged, as for a dead link one keeps typing after), those elsewhere in the note, and
 * every complaint that goes away.
 */

import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';

/** How long the typing must pause before new complaints on its lines are shown. */
export const HOLD_MS = 500;

/** Lines `from` to `to` of a document, both included. */
export interface LineSpan {
  from: number;
  to: number;
}

/**
 * The lines the `changes` of one edit touched, in the document they made (changes apply one
 * after the other, each in the coordinates the one before left); undefined when one of them
 * replaced the whole text, which is no typing.
 */
export function linesTyped(changes: readonly TextDocumentContentChangeEvent[]): LineSpan | undefined {
  let span: LineSpan | undefined;
  for (const change of changes) {
    if (!('range' in change)) return undefined;
    const { start, end } = change.range;
    const added = lineBreaks(change.text);
    const made: LineSpan = { from: start.line, to: start.line + added };
    if (span) {
      // The lines after this change moved by what it added or took away.
      const shift = added - (end.line - start.line);
      const moved = (line: number) => (line > end.line ? line + shift : Math.min(line, made.to));
      span = { from: Math.min(moved(span.from), made.from), to: Math.max(moved(span.to), made.to) };
    } else {
      span = made;
    }
  }
  return span;
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // `\r\n` is one break, a lone `\r` one too (LSP's line ends).
    if (code === 10 || (code === 13 && text.charCodeAt(at + 1) !== 10)) count++;
  }
  return count;
}

/**
 * What to show now of a note's `fresh` diagnostics while `typed` lines are being typed, given
 * what the client `shown` has: all but those on those lines that it has not shown. A complaint
 * is known by its code and message, not its place (a line typed above moves it); one shown once
 * vouches for one fresh one only, those off the typed lines first (a second `🗄` left empty is a
 * new complaint though the note has one already). `held` says how many wait.
 */
export function shownWhileTyping(shown: readonly Diagnostic[], fresh: readonly Diagnostic[], typed: LineSpan): { now: Diagnostic[]; held: number } {
  const known = new Map<string, number>();
  for (const diagnostic of shown) known.set(identity(diagnostic), (known.get(identity(diagnostic)) ?? 0) + 1);
  const onTyped = (diagnostic: Diagnostic) => diagnostic.range.end.line >= typed.from && diagnostic.range.start.line <= typed.to;
  const vouched = (diagnostic: Diagnostic) => {
    const left = known.get(identity(diagnostic)) ?? 0;
    if (left > 0) known.set(identity(diagnostic), left - 1);
    return left > 0;
  };
  for (const diagnostic of fresh) if (!onTyped(diagnostic)) vouched(diagnostic);
  const now = fresh.filter((diagnostic) => !onTyped(diagnostic) || vouched(diagnostic));
  return { now, held: fresh.length - now.length };
}

function identity(diagnostic: Diagnostic): string {
  return `${diagnostic.code ?? ''}\n${diagnostic.message}`;
}
