/**
 * Keeps the breadcrumbs on Torii's path. VS Code draws one outline group per provider (Torii's,
 * and the built-in Markdown one that lists headings as String symbols, hidden by the
 * `breadcrumbs.showStrings: false` default), and for a position takes the first group, in the
 * order the providers answered, that has a symbol there. Two things make that group Torii's:
 *
 * - the title line (`# ⛩️`), which Torii's outline leaves out, gets a String symbol of its own,
 *   hidden like the built-in ones, so that line is Torii's too;
 * - Torii's outline of each version of a note is asked for as soon as the server has the
 *   change, so when VS Code asks (after a short delay) the answer is already there and comes
 *   before the built-in provider's, which still has a round trip to make.
 */

import * as path from 'path';
import * as vscode from 'vscode';
import { DocumentSymbolRequest, type DocumentSymbol as WireSymbol, type LanguageClient, type Middleware, type SymbolInformation as WireSymbolInformation } from 'vscode-languageclient/node';

type Symbols = vscode.DocumentSymbol[] | vscode.SymbolInformation[] | null | undefined;

export function outlineMiddleware(client: () => LanguageClient | undefined): Pick<Middleware, 'didOpen' | 'didChange' | 'didClose' | 'provideDocumentSymbols'> {
  const early = new Map<string, { version: number; symbols: Promise<Symbols> }>();
  const askEarly = (document: vscode.TextDocument) => {
    const languageClient = client();
    if (!languageClient) return;
    const symbols = languageClient
      .sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: languageClient.code2ProtocolConverter.asUri(document.uri) } })
      .then((result) => (isHierarchical(result) ? languageClient.protocol2CodeConverter.asDocumentSymbols(result) : undefined))
      // Asking early is only a head start: on any failure VS Code's own request asks again.
      .catch(() => undefined);
    early.set(document.uri.toString(), { version: document.version, symbols });
  };
  return {
    didOpen: async (document, next) => {
      await next(document);
      askEarly(document);
    },
    didChange: async (event, next) => {
      await next(event);
      askEarly(event.document);
    },
    didClose: async (document, next) => {
      early.delete(document.uri.toString());
      await next(document);
    },
    provideDocumentSymbols: async (document, token, next) => {
      const ready = early.get(document.uri.toString());
      const answered = ready && ready.version === document.version ? await ready.symbols : undefined;
      return withTitleLine(document, answered ?? (await next(document, token)));
    },
  };
}

/** Torii answers with a tree (`DocumentSymbol`s, which have a `range`), never a flat list. */
function isHierarchical(result: WireSymbol[] | WireSymbolInformation[] | null): result is WireSymbol[] {
  return result !== null && result.length > 0 && 'range' in result[0];
}

/** Adds a hidden String symbol for the title line, named after the note (its file name is its title). */
function withTitleLine(document: vscode.TextDocument, symbols: Symbols): Symbols {
  if (!symbols || symbols.length === 0 || !(symbols[0] instanceof vscode.DocumentSymbol)) return symbols;
  const title = document.lineAt(0);
  if (!/^#\s/.test(title.text) || (symbols as vscode.DocumentSymbol[]).some((symbol) => symbol.range.start.line === 0)) return symbols;
  const name = path.posix.basename(document.uri.path).replace(/\.md$/i, '');
  return [new vscode.DocumentSymbol(name, 'title', vscode.SymbolKind.String, title.range, title.range), ...(symbols as vscode.DocumentSymbol[])];
}
