/**
 * Domain values out, LSP values in: the one place that knows both shapes. Core ranges already
 * are LSP ranges (0-based lines, UTF-16 columns); `plainRange` copies them into plain objects.
 */

import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertReplaceEdit,
  InsertTextFormat,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
} from 'vscode-languageserver';
import { plainRange, makeRange } from '../core/text/positions';
import type { NoteDiagnostic } from '../core/features/check';
import type { Severity } from '../core/features/resolve';
import type { OutlineNode } from '../core/features/outline';
import type { CompletionEntry } from '../core/features/completion';
import type { AnchorKind, HeadingRole } from '../core/syntax/note';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a code action needs to apply a fix later: carried in `Diagnostic.data`. */
export interface DiagnosticData {
  kind?: string;
  fix?: { label: string; targetPath: string; targetLine: number; edits: Array<{ range: ReturnType<typeof plainRange>; newText: string }> };
}

/** A core diagnostic as LSP sends it; `uriOf` gives the URI of a place (of this folder, or of a sibling one). */
export function toDiagnostic(diagnostic: NoteDiagnostic, uriOf: (place: { path: string; root?: string }) => string): Diagnostic {
  const data: DiagnosticData = {
    kind: diagnostic.kind,
    fix: diagnostic.fix && {
      label: diagnostic.fix.label,
      targetPath: diagnostic.fix.target.path,
      targetLine: diagnostic.fix.target.line,
      edits: diagnostic.fix.edits.map((edit) => ({ range: plainRange(edit.range), newText: edit.newText })),
    },
  };
  return {
    range: plainRange(diagnostic.range),
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: 'torii',
    message: diagnostic.message,
    relatedInformation: diagnostic.related.length
      ? diagnostic.related.map((related) => ({ location: lineLocation(uriOf(related), related.line), message: related.message }))
      : undefined,
    data,
  };
}

export function lineLocation(uri: string, line: number, range?: ReturnType<typeof makeRange>): Location {
  return { uri, range: plainRange(range ?? makeRange(line, 0, 0)) };
}

/**
 * Symbol kinds other than `String`, which VS Code's built-in Markdown support uses for headings:
 * that way the two outlines can be told apart and the built-in one hidden (`outline.showStrings`).
 */
export function symbolKindOf(kind: AnchorKind, level: number, role?: HeadingRole): SymbolKind {
  switch (kind) {
    case 'heading':
      if (role === 'references' || role === 'progress') return SymbolKind.Package;
      return level === 1 ? SymbolKind.Namespace : level === 2 ? SymbolKind.Class : SymbolKind.Interface;
    case 'caps':
    case 'bold':
      return SymbolKind.Constant;
    case 'term':
      return SymbolKind.Field;
    case 'book':
      return SymbolKind.Object;
    default:
      return SymbolKind.Key;
  }
}

export function toDocumentSymbols(nodes: OutlineNode[]): DocumentSymbol[] {
  return nodes.map((node) => ({
    name: node.icon ? `${node.icon} ${node.name}` : node.name,
    detail: node.kind === 'heading' ? `H${node.level}` : node.kind === 'term' ? 'term' : '',
    kind: symbolKindOf(node.kind, node.level, node.role),
    range: plainRange(node.range),
    selectionRange: plainRange(node.selectionRange),
    children: toDocumentSymbols(node.children),
  }));
}

/**
 * A completion item. With `insertReplace` (the client's `insertReplaceSupport`) and more of the
 * word after the cursor, the edit has both ranges: the client inserts or replaces the word, as
 * the writer chose (VS Code's `editor.suggest.insertMode`).
 */
export function toCompletionItem(entry: CompletionEntry, insertReplace: boolean): CompletionItem {
  const replace = entry.replaceRange;
  const textEdit = insertReplace && replace && replace.end.character > entry.range.end.character
    ? InsertReplaceEdit.create(entry.insertText, plainRange(entry.range), plainRange(replace))
    : { range: plainRange(entry.range), newText: entry.insertText };
  return {
    label: entry.label,
    kind: entry.kind === 'author' ? CompletionItemKind.Reference : entry.kind === 'note' ? CompletionItemKind.File : CompletionItemKind.Module,
    detail: entry.detail,
    sortText: entry.sortText,
    filterText: entry.filterText,
    insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit,
  };
}
