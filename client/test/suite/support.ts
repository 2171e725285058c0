/**
 * Helpers for the end-to-end tests: the notes of the test workspace, waiting on diagnostics, and
 * asking the harness (`scripts/e2e/vscode-web.js`) for a screenshot or for what the page shows.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
export const noteUri = (relative: string): vscode.Uri => vscode.Uri.joinPath(folder(), ...relative.split('/'));

/** Resolves once the diagnostics of `uri` satisfy `predicate`: waits on onDidChangeDiagnostics, never on a timer. */
export function diagnosticsWhere(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 45000): Promise<vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (predicate(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics of ${uri.path} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.source}: ${d.message}`))}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    });
  });
}

/** Reverts every note with unsaved changes: what a test typed or an edit it applied goes. */
/** The next value `event` fires. */
export function nextEvent<T>(event: vscode.Event<T>): Promise<T> {
  return new Promise<T>((resolve) => {
    const subscription = event((value) => {
      subscription.dispose();
      resolve(value);
    });
  });
}

export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}

/**
 * Opens the note at `uri`, waits for Torii's first diagnostics of it (the server has read it),
 * and types `lines` after its end, as a user adding a line would (the note is left unsaved).
 */
export async function appendToNote(uri: vscode.Uri, lines: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  await diagnosticsWhere(uri, (all) => all.some((d) => d.source === 'torii'));
  const end = document.lineAt(document.lineCount - 1).range.end;
  if (!(await editor.edit((edit) => edit.insert(end, lines)))) throw new Error(`could not type into ${uri.toString()}`);
  return { document, editor };
}

/** Where go-to-definition at `position` of the note at `uri` leads first, as a path relative to the workspace. */
export async function definitionPath(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const [first] = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri, position);
  assert.ok(first, `no definition at ${position.line}:${position.character} of ${uri.toString()}`);
  return vscode.workspace.asRelativePath('targetUri' in first ? first.targetUri : first.uri);
}

export function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.includes(text)) return line;
  throw new Error(`no line with ${text}`);
}

/** Waits until the harness has written `file` (it renames a finished file into place). */
function harnessWrote(file: string, what: string): Promise<void> {
  const directory = path.dirname(file);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the harness wrote no ${what} ${file}`)), 30000);
    const watcher = fs.watch(directory, () => {
      if (fs.existsSync(file)) done();
    });
    function done(error?: Error) {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve();
    }
    if (fs.existsSync(file)) done();
  });
}

/** Asks the harness for a screenshot of the window and waits until the file is written. */
export async function screenshot(name: string, drawn?: string): Promise<void> {
  const directory = process.env.TORII_SCREENSHOT_DIR;
  if (!directory) return;
  const file = path.join(directory, `${name}.png`);
  fs.rmSync(file, { force: true });
  // `drawn`: a CSS selector the harness waits for in the page before it takes the picture.
  console.log(`TORII_SCREENSHOT ${file}${drawn ? `|${drawn}` : ''}`);
  await harnessWrote(file, 'screenshot');
}

/**
 * The colour each of `expected`'s texts is drawn in, as a whole token of an editor (`{ 'metals.md':
 * 'rgb(38, 127, 153)' }`), once all match or after the harness's wait runs out (then the test sees
 * which one differs).
 */
export async function tokenColours(expected: Record<string, string>): Promise<Record<string, string | null>> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-colours-'));
  const file = path.join(directory, 'colours.json');
  try {
    console.log(`TORII_COLOURS ${file}|${JSON.stringify(expected)}`);
    await harnessWrote(file, 'colours answer');
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string | null>;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The texts of every element matching `selector` (CSS), read at the moment the last of them reads
 * `last`: for what VS Code redraws as it goes, such as the breadcrumbs.
 */
export async function pageTextsEndingWith(selector: string, last: string): Promise<string[]> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-query-'));
  const file = path.join(directory, 'texts.json');
  try {
    console.log(`TORII_LAST ${file}|${last}|${selector}`);
    await harnessWrote(file, 'query answer');
    return JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The quick fixes of `range` as the lightbulb's menu shows them, pictured as `picture` (once
 * `drawn` is on the page, when given), then the menu closed again.
 */
export async function pictureQuickFixes(editor: vscode.TextEditor, range: vscode.Range, picture: string, drawn?: string): Promise<void> {
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('editor.action.quickFix');
  await screenshot(picture, drawn);
  await vscode.commands.executeCommand('hideCodeActionWidget');
}

/**
 * What the workbench shows: the text of every element matching `selector` (a Playwright selector,
 * so `:has-text("…")` works), once `until` matches (by default `selector` itself), or after the
 * harness's wait runs out.
 */
export async function pageTexts(selector: string, until = selector): Promise<string[]> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-query-'));
  const file = path.join(directory, 'texts.json');
  try {
    console.log(`TORII_QUERY ${file}|${until}|${selector}`);
    await harnessWrote(file, 'query answer');
    return JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Types `text` with the real keyboard into whatever has the focus (an input VS Code draws, such as
 * the rename box), then presses `key` (Playwright's names: `Enter`), and waits until the harness is done.
 */
export async function typeKeys(text: string, key?: string): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-keys-'));
  const file = path.join(directory, 'typed.json');
  try {
    console.log(`TORII_TYPE ${file}|${text}${key ? `|${key}` : ''}`);
    await harnessWrote(file, 'keyboard answer');
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
