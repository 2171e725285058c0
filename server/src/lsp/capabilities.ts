/** What the server offers, answered to `initialize`. */

import { CodeActionKind, FileOperationPatternKind, TextDocumentSyncKind, type FileOperationRegistrationOptions, type ServerCapabilities } from 'vscode-languageserver';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/features/semanticTokens';

export const COMPLETION_TRIGGERS = [' ', '`'];
/** Rewrites every 🗄 reference to a note that history says was moved or renamed. */
export const REPAIR_COMMAND = 'torii.repairReferences';
/** Applies every sure dead-link fix of the workspace in one edit. */
export const FIX_ALL_COMMAND = 'torii.fixAll';

/** The files whose moves Torii hears of from the editor: notes, and folders (which may hold notes). */
const RENAMED_FILES: FileOperationRegistrationOptions['filters'] = [
  // Any case, as the folder is read: `NOTES.MD` is a note.
  { scheme: 'file', pattern: { glob: '**/*.md', matches: FileOperationPatternKind.file, options: { ignoreCase: true } } },
  { scheme: 'file', pattern: { glob: '**/*', matches: FileOperationPatternKind.folder } },
];

/** The code action kind of "Fix all dead links" in one note (`editor.codeActionsOnSave` can name it). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.torii`;

export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    // VS Code names the outline group of each provider in the Outline view and the breadcrumbs; with
    // the note's own title glyph the breadcrumbs read as the note: `knives.md › ⛩️ › 🔪 KNIVES`.
    documentSymbolProvider: { label: '⛩️' },
    workspaceSymbolProvider: true,
    definitionProvider: true,
    documentLinkProvider: { resolveProvider: true },
    hoverProvider: true,
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    executeCommandProvider: { commands: [REPAIR_COMMAND, FIX_ALL_COMMAND] },
    renameProvider: { prepareProvider: true },
    codeLensProvider: { resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.RefactorRewrite] },
    semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
    workspace: {
      workspaceFolders: { supported: true, changeNotifications: true },
      fileOperations: { willRename: { filters: RENAMED_FILES }, didRename: { filters: RENAMED_FILES } },
    },
  };
}
