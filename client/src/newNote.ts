/**
 * **Torii: New note** and **Torii: New folder note**: write a note's skeleton (`# ⛩️`, `## 参考`,
 * `## 进步`) and open it with the cursor where the first heading goes. From the explorer's menu
 * on a folder the note goes in that folder; from the palette, beside the active note.
 */

import * as vscode from 'vscode';
import { noteSkeleton } from '../../server/src/core/features/createNote';

export function registerNewNoteCommands(): vscode.Disposable {
  return vscode.Disposable.from(
    // The name can come as a second argument (scripts, tests); the explorer passes only the folder.
    vscode.commands.registerCommand('torii.newNote', (folder?: vscode.Uri, name?: string) => newNote(folder, name)),
    vscode.commands.registerCommand('torii.newFolderNote', (folder?: vscode.Uri) => newFolderNote(folder)),
  );
}

/** Asks for a name (a path is fine: `bread/rye`) and creates the note under `folder`. */
async function newNote(folder: vscode.Uri | undefined, name?: string): Promise<vscode.Uri | undefined> {
  const base = folder ?? defaultFolder();
  if (!base) {
    void vscode.window.showWarningMessage('Torii: open a folder first; a new note goes in a folder of the workspace.');
    return undefined;
  }
  const where = vscode.workspace.asRelativePath(base, true);
  const answer = name ?? (await vscode.window.showInputBox({
    title: 'Torii: New note',
    prompt: `A name for the note, in ${where} (a path such as bread/rye.md works too)`,
    placeHolder: 'whetstones',
    validateInput: (value) => problemWithName(value),
  }));
  if (answer === undefined || problemWithName(answer)) return undefined;
  const parts = answer.trim().replace(/\.md$/i, '').split('/').filter(Boolean);
  parts[parts.length - 1] += '.md';
  return createNote(vscode.Uri.joinPath(base, ...parts));
}

/** The folder's own note, `#meta.md` (DIALECT §2.1): opened when it exists, written when not. */
async function newFolderNote(folder: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const base = folder ?? defaultFolder();
  if (!base) return undefined;
  return createNote(vscode.Uri.joinPath(base, '#meta.md'));
}

/** Writes the skeleton to `uri` unless something is there already, then opens it at the first heading. */
async function createNote(uri: vscode.Uri): Promise<vscode.Uri> {
  const skeleton = noteSkeleton();
  let exists = true;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    exists = false;
  }
  if (exists) {
    void vscode.window.showInformationMessage(`Torii: ${vscode.workspace.asRelativePath(uri)} exists already; it is opened as it is.`);
  } else {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(skeleton.text));
  }
  const editor = await vscode.window.showTextDocument(uri);
  const line = exists ? 0 : Math.min(skeleton.headingLine, editor.document.lineCount - 1);
  editor.selection = new vscode.Selection(line, 0, line, 0);
  editor.revealRange(new vscode.Range(line, 0, line, 0));
  return uri;
}

/** Why a name cannot be a note's, or undefined when it can. */
function problemWithName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Type a name.';
  if (/^[/\\~]/.test(name) || /(^|\/)\.\.?(\/|$)/.test(name)) return 'A name inside this folder: no leading /, ~, . or .. components.';
  if (/[\\:*?"<>|]/.test(name)) return 'A note name cannot hold \\ : * ? " < > |.';
  if (/(^|\/)\.[^/]*$/.test(name)) return 'A note name cannot start with a dot.';
  return undefined;
}

/** Beside the active note, or at the top of the first workspace folder. */
function defaultFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) return vscode.Uri.joinPath(active, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}
