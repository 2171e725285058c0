/**
 * Keeps the breadcrumbs on Torii's path at a note's title line. VS Code draws one group per
 * outline provider (Torii's, and the built-in Markdown one that lists headings as String
 * symbols), and for a position takes the first group, in the order they answered, that has a
 * symbol there. Torii's outline leaves the title line (`# ⛩️`) out, so there the built-in group
 * won and the breadcrumbs read "Markdown Language Features". A String symbol for the title line,
 * hidden by the `breadcrumbs.showStrings: false` default like every heading of the built-in
 * group, gives Torii's group that line too.
 */

import * as path from 'path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

type DocumentSymbolsMiddleware = NonNullable<Middleware['provideDocumentSymbols']>;

export const titleLineSymbol: DocumentSymbolsMiddleware = async (document, token, next) => {
  const symbols = await next(document, token);
  if (!symbols || symbols.length === 0 || !(symbols[0] instanceof vscode.DocumentSymbol)) return symbols;
  const title = document.lineAt(0);
  if (!/^#\s/.test(title.text) || (symbols as vscode.DocumentSymbol[]).some((symbol) => symbol.range.start.line === 0)) return symbols;
  // The dialect's title line has no text: the file name is the note's title.
  const name = path.posix.basename(document.uri.path).replace(/\.md$/i, '');
  const symbol = new vscode.DocumentSymbol(name, 'title', vscode.SymbolKind.String, title.range, title.range);
  return [symbol, ...(symbols as vscode.DocumentSymbol[])];
};
