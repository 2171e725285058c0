/**
 * The Books view in the explorer, for hundreds of books: author → book (📚 entries merged
 * across notes) → the notes that list it and the citations of it; the authors cited but never
 * listed in a group of their own. The server computes it; this file only draws it, and reveals
 * the author and book of the 📙 under the cursor.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  BOOK_AT_REQUEST, BOOK_PLACES_REQUEST, BOOKS_REQUEST,
  type AuthorBooksDto, type BookAtDto, type BookAtParams, type BookDto, type BookPlaceDto, type BookPlacesDto, type BookPlacesParams, type BooksDto, type BooksParams,
} from '../../server/src/lsp/protocol';

/** A book's places are asked for when the view opens it, and kept until the next refresh. */
type PlacesNode = { id: string; parent: BookNode; places?: Promise<BookNode[]> };

type BookNode =
  | { kind: 'unlisted-group'; id: string; parent?: undefined; authors: BookNode[] }
  | { kind: 'author'; id: string; parent?: BookNode; author: AuthorBooksDto; unlisted: boolean; children: BookNode[] }
  | (PlacesNode & { kind: 'book'; book: BookDto })
  | (PlacesNode & { kind: 'unattributed'; count: number })
  | { kind: 'place'; id: string; parent: BookNode; place: BookPlaceDto; isListing: boolean };

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export class BooksView implements vscode.TreeDataProvider<BookNode> {
  private readonly changed = new vscode.EventEmitter<BookNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<number>();
  /** Fires with the number of top-level nodes each time VS Code has fetched them: tests wait on it. */
  readonly onDidLoadRoots = this.loaded.event;
  /** The tree as last fetched: `reveal` needs the very node objects the view was given. */
  private roots: Promise<BookNode[]> | undefined;

  constructor(private readonly client: LanguageClient) {}

  private pending: ReturnType<typeof setTimeout> | undefined;

  /** The version of the books in `roots` (the server's), once they were fetched. */
  private version: string | undefined;
  /** Book nodes whose listings and citations were fetched: their lines move when their notes change. */
  private readonly loadedPlaces = new Set<BookNode & PlacesNode>();

  /**
   * Asks the tree to refresh, at most every 300 ms: diagnostics change note by note, thousands of
   * times while a large folder is indexed. The server first says whether the books changed at
   * all; when they did not, only the listings and citations shown are fetched again.
   */
  refresh(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.refreshNow();
    }, 300);
  }

  private async refreshNow(): Promise<void> {
    if (this.version !== undefined) {
      const params: BooksParams = { knownVersion: this.version };
      const answer = await this.client.sendRequest<BooksDto>(BOOKS_REQUEST, params).catch(() => undefined);
      if (answer?.unchanged) {
        for (const node of this.loadedPlaces) {
          node.places = undefined;
          this.changed.fire(node);
        }
        this.loadedPlaces.clear();
        return;
      }
      if (answer) {
        this.version = answer.version;
        this.roots = Promise.resolve(buildTree(answer));
        this.loadedPlaces.clear();
        this.changed.fire();
        return;
      }
    }
    this.roots = undefined;
    this.loadedPlaces.clear();
    this.changed.fire();
  }

  async getChildren(node?: BookNode): Promise<BookNode[]> {
    if (!node) {
      const roots = await this.tree();
      setImmediate(() => this.loaded.fire(roots.length));
      return roots;
    }
    if (node.kind === 'unlisted-group') return node.authors;
    if (node.kind === 'author') return node.children;
    if (node.kind === 'place') return [];
    if (!node.places) {
      node.places = this.placesOf(node);
      this.loadedPlaces.add(node);
    }
    return node.places;
  }

  private async placesOf(node: PlacesNode & ({ kind: 'book'; book: BookDto } | { kind: 'unattributed'; count: number })): Promise<BookNode[]> {
    const author = node.parent.kind === 'author' ? node.parent.author : undefined;
    if (!author) return [];
    const params: BookPlacesParams = { folder: author.folder, author: author.author, bookKey: node.kind === 'book' ? node.book.key : undefined };
    const { listings, citations } = await this.client.sendRequest<BookPlacesDto>(BOOK_PLACES_REQUEST, params);
    const place = (where: BookPlaceDto, isListing: boolean): BookNode => ({ kind: 'place', id: `${node.id}/${isListing ? 'l' : 'c'}:${where.uri}:${where.line}:${where.character}`, parent: node as BookNode, place: where, isListing });
    return [...listings.map((where) => place(where, true)), ...citations.map((where) => place(where, false))];
  }

  getParent(node: BookNode): BookNode | undefined {
    return node.parent;
  }

  getTreeItem(node: BookNode): vscode.TreeItem {
    switch (node.kind) {
      case 'unlisted-group': {
        const item = new vscode.TreeItem('Cited, never listed', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = plural(node.authors.length, 'author');
        item.iconPath = new vscode.ThemeIcon('question');
        return item;
      }
      case 'author': {
        const item = new vscode.TreeItem(node.author.author, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = [node.author.books.length > 0 ? plural(node.author.books.length, 'book') : '', plural(node.author.citationCount, 'citation')].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(node.unlisted ? 'warning' : 'person');
        return item;
      }
      case 'book': {
        const { book } = node;
        const item = new vscode.TreeItem(book.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = [book.statuses.join(''), plural(book.citationCount, 'citation'), book.listed ? plural(book.listingCount, 'list') : 'in no 📚 list'].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString([`**${node.parent.kind === 'author' ? node.parent.author.author : ''}** ${book.label}`, ...book.urls].join('  \n'));
        item.iconPath = new vscode.ThemeIcon(book.listed ? 'book' : 'bookmark');
        return item;
      }
      case 'unattributed': {
        // Of an author with books, the citations that do not say which; of one with none (never
        // listed, cited without a title), all their citations: there is no book to ask about.
        const noBooks = node.parent.kind === 'author' && node.parent.author.books.length === 0;
        const item = new vscode.TreeItem(noBooks ? 'citations' : 'which book?', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = noBooks ? `${plural(node.count, 'citation')}, no book named` : `${plural(node.count, 'citation')} that name no book`;
        item.iconPath = new vscode.ThemeIcon(noBooks ? 'quote' : 'question');
        return item;
      }
      case 'place': {
        const { place } = node;
        const where = `${place.path}:${place.line + 1}`;
        const item = new vscode.TreeItem(node.isListing ? place.path : where, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.isListing ? `📚 line ${place.line + 1} · ${place.label}` : place.label;
        item.tooltip = `${vscode.Uri.parse(place.uri).fsPath}:${place.line + 1}`;
        item.iconPath = new vscode.ThemeIcon(node.isListing ? 'library' : 'quote');
        const position = new vscode.Position(place.line, place.character);
        item.command = { command: 'vscode.open', title: 'Go to', arguments: [vscode.Uri.parse(place.uri), { selection: new vscode.Range(position, position) }] };
        return item;
      }
    }
  }

  /**
   * Shows the author (and the book, when the citation names one) of the 📙 item or 📚 entry at
   * `position` in the view. Returns false when there is none there.
   */
  async reveal(view: vscode.TreeView<BookNode>, document: vscode.TextDocument, position: vscode.Position, focus: boolean): Promise<boolean> {
    const params: BookAtParams = { textDocument: { uri: document.uri.toString() }, position: { line: position.line, character: position.character } };
    const found = await this.client.sendRequest<BookAtDto | null>(BOOK_AT_REQUEST, params);
    if (!found) return false;
    const roots = await this.tree();
    const authors = roots.flatMap((node) => (node.kind === 'unlisted-group' ? node.authors : [node]));
    const author = authors.find((node) => node.kind === 'author' && node.author.author === found.author);
    if (!author || author.kind !== 'author') return false;
    const book = author.children.find((node) => node.kind === 'book' && node.book.key === found.bookKey);
    await view.reveal(book ?? author, { select: true, focus, expand: 1 });
    return true;
  }

  private tree(): Promise<BookNode[]> {
    if (!this.roots) {
      this.roots = this.client.sendRequest<BooksDto>(BOOKS_REQUEST, {}).then((books) => {
        this.version = books.version;
        return buildTree(books);
      });
    }
    return this.roots;
  }
}

/** The view's nodes, each with its parent, and ids that stay the same across refreshes (VS Code keeps what was expanded). */
function buildTree(books: BooksDto): BookNode[] {
  const used = new Set<string>();
  const unique = (id: string) => {
    let candidate = id;
    for (let counter = 2; used.has(candidate); counter++) candidate = `${id}#${counter}`;
    used.add(candidate);
    return candidate;
  };
  const authorNode = (author: AuthorBooksDto, unlisted: boolean, parent?: BookNode): BookNode => {
    const node: BookNode = { kind: 'author', id: unique(`a:${author.folder}:${author.author}`), parent, author, unlisted, children: [] };
    for (const book of author.books) node.children.push({ kind: 'book', id: unique(`${node.id}/b:${book.key}`), parent: node, book });
    if (author.unattributedCount > 0) node.children.push({ kind: 'unattributed', id: unique(`${node.id}/?`), parent: node, count: author.unattributedCount });
    return node;
  };
  const roots: BookNode[] = books.listed.map((author) => authorNode(author, false));
  if (books.unlisted.length > 0) {
    const group: BookNode = { kind: 'unlisted-group', id: 'unlisted', authors: [] };
    group.authors = books.unlisted.map((author) => authorNode(author, true, group));
    roots.push(group);
  }
  return roots;
}

/**
 * Registers the view, its "reveal" command, and the view following the cursor onto 📙
 * citations while it is visible.
 */
export function registerBooksView(client: LanguageClient, onNotesChanged: vscode.Event<void>): { books: BooksView; disposable: vscode.Disposable } {
  const books = new BooksView(client);
  const view = vscode.window.createTreeView('torii.books', { treeDataProvider: books, showCollapseAll: true });
  let following: ReturnType<typeof setTimeout> | undefined;
  const disposable = vscode.Disposable.from(
    view,
    vscode.commands.registerCommand('torii.refreshBooks', () => books.refresh()),
    vscode.commands.registerCommand('torii.revealInBooks', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !(await books.reveal(view, editor.document, editor.selection.active, true))) {
        void vscode.window.showInformationMessage('Torii: put the cursor on a 📙 citation or a 📚 entry to find its book.');
      }
    }),
    vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
      if (!view.visible || textEditor.document.languageId !== 'markdown') return;
      const position = selections[0].active;
      const line = textEditor.document.lineAt(position.line).text;
      if (!line.includes('\u{1F4D9}') && !/^\s*[*+-]/.test(line)) return;
      if (following) clearTimeout(following);
      following = setTimeout(() => void books.reveal(view, textEditor.document, position, false).catch(() => undefined), 300);
    }),
    // Diagnostics change when notes do: the books may have too. A note changed on disk may change
    // its citations and nothing else: the server says so once it is read again.
    vscode.languages.onDidChangeDiagnostics(() => books.refresh()),
    onNotesChanged(() => books.refresh()),
  );
  return { books, disposable };
}
