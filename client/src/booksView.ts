/**
 * The Books view in the explorer: every 📚-listed author with their entries and citations, and
 * the authors that are cited but never listed in a group of their own. The server computes it.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BOOKS_REQUEST, type AuthorBooksDto, type BookPlaceDto, type BooksDto } from '../../server/src/lsp/protocol';

type BookNode =
  | { kind: 'unlisted-group'; authors: AuthorBooksDto[] }
  | { kind: 'author'; author: AuthorBooksDto; unlisted: boolean }
  | { kind: 'place'; place: BookPlaceDto; isEntry: boolean };

export class BooksView implements vscode.TreeDataProvider<BookNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<number>();
  /** Fires with the number of top-level nodes each time VS Code has fetched them: tests wait on it. */
  readonly onDidLoadRoots = this.loaded.event;

  constructor(private readonly client: LanguageClient) {}

  private pending: ReturnType<typeof setTimeout> | undefined;

  /** Asks the tree to refresh, at most every 300 ms: diagnostics change note by note, thousands of times while a large folder is indexed. */
  refresh(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire();
    }, 300);
  }

  async getChildren(node?: BookNode): Promise<BookNode[]> {
    if (!node) {
      const books = await this.client.sendRequest<BooksDto>(BOOKS_REQUEST);
      const authors: BookNode[] = books.listed.map((author) => ({ kind: 'author', author, unlisted: false }));
      const roots: BookNode[] = books.unlisted.length > 0 ? [...authors, { kind: 'unlisted-group', authors: books.unlisted }] : authors;
      setImmediate(() => this.loaded.fire(roots.length));
      return roots;
    }
    if (node.kind === 'unlisted-group') return node.authors.map((author) => ({ kind: 'author', author, unlisted: true }));
    if (node.kind === 'author') {
      return [...node.author.entries.map((place) => ({ kind: 'place' as const, place, isEntry: true })), ...node.author.citations.map((place) => ({ kind: 'place' as const, place, isEntry: false }))];
    }
    return [];
  }

  getTreeItem(node: BookNode): vscode.TreeItem {
    if (node.kind === 'unlisted-group') {
      const item = new vscode.TreeItem('Cited, never listed', vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.authors.length} author${node.authors.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('question');
      return item;
    }
    if (node.kind === 'author') {
      const item = new vscode.TreeItem(node.author.author, vscode.TreeItemCollapsibleState.Collapsed);
      const books = node.author.entries.length;
      const citations = node.author.citations.length;
      item.description = [books ? `${books} 📚` : '', `${citations} citation${citations === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(node.unlisted ? 'warning' : 'book');
      return item;
    }
    const item = new vscode.TreeItem(node.place.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(node.isEntry ? 'library' : 'quote');
    item.tooltip = `${vscode.Uri.parse(node.place.uri).fsPath}:${node.place.line + 1}`;
    const position = new vscode.Position(node.place.line, node.place.character);
    item.command = { command: 'vscode.open', title: 'Go to', arguments: [vscode.Uri.parse(node.place.uri), { selection: new vscode.Range(position, position) }] };
    return item;
  }
}
