/**
 * A generated workspace (1,000 or 10,000 notes) as a writer meets it in the real editor: the time
 * from opening one note (which starts Torii) to that note's diagnostics, the time to every note's
 * diagnostics, and keystrokes in the 74 KB note, each timed to its own diagnostics. The first
 * test of the scale run, so that the server starts with the note opened.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { screenshot } from '../suite/support';

interface ScaleApi {
  status(uri?: string): Promise<{ folders: Array<{ notes: number; loaded: boolean; indexCache?: { reused: number; read: number; problem?: string } }>; pendingChecks: number; publishedVersion?: number }>;
}

const notes = Number(process.env.TORII_SCALE_NOTES ?? '1000');
const label = process.env.TORII_SCALE_LABEL ?? '1k';

/** Resolves once `uri` has diagnostics from Torii (a real signal: the diagnostics event). */
function toriiDiagnostics(uri: vscode.Uri, after: (diagnostics: readonly vscode.Diagnostic[]) => boolean = () => true): Promise<readonly vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'torii');
  return new Promise((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const found = ours();
      if (found.length === 0 || !after(found)) return;
      subscription.dispose();
      resolve(found);
    });
  });
}

/** The next change of `uri`'s diagnostics, whoever made it. */
function toriiDiagnosticsChange(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      subscription.dispose();
      resolve();
    });
  });
}

function listNotes(root: string, relative = ''): string[] {
  return fs.readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listNotes(root, child);
    return entry.name.endsWith('.md') ? [child] : [];
  }).sort();
}

describe(`diagnostics in ${notes} generated notes`, () => {
  it('come for the note that was opened, then for every note, then after each keystroke', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const all = listNotes(root);
    const regular = all.filter((file) => !file.startsWith('big/') && !file.endsWith('#meta.md'));
    // A note that has dead links (so it has diagnostics to show), from the middle of the folder.
    const opened = regular.slice(Math.floor(regular.length / 2)).find((file) => /🗄/.test(fs.readFileSync(path.join(root, file), 'utf8'))) ?? regular[0];
    const uri = vscode.Uri.file(path.join(root, opened));
    const started = Date.now();
    const first = toriiDiagnostics(uri);
    // Opening a Markdown note is what starts Torii (onLanguage:markdown).
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await first;
    const firstMs = Date.now() - started;
    console.log(`      ${notes} notes: opening ${opened} → its ${diagnostics.length} Torii diagnostics in ${(firstMs / 1000).toFixed(2)} s (Torii started by the opening)`);

    const api = await vscode.extensions.getExtension<ScaleApi>('torii-notes.torii')!.activate();
    // Each poll is a round trip to the server. Not "the next diagnostics change": when the saved
    // diagnostics went out first, the check after them may change none, and no event would come.
    for (;;) {
      const status = await api.status();
      if (status.folders[0]?.loaded && status.pendingChecks === 0) break;
    }
    const withDiagnostics = all.filter((file) => vscode.languages.getDiagnostics(vscode.Uri.file(path.join(root, file))).some((diagnostic) => diagnostic.source === 'torii')).length;
    console.log(`      every note checked ${((Date.now() - started) / 1000).toFixed(1)} s after the opening; ${withDiagnostics} of ${all.length} notes have Torii diagnostics`);
    // With TORII_E2E_STATE_DIR kept from an earlier run, the folder is opened again: say what came from the index cache.
    const cache = (await api.status()).folders[0]?.indexCache;
    if (cache) console.log(`      index cache: ${cache.reused} notes reused, ${cache.read} read from disk${cache.problem ? ` (${cache.problem})` : ''}`);
    assert.ok(withDiagnostics > all.length / 4, `${withDiagnostics} notes with diagnostics`);

    // Keystrokes at the end of lines of the 74 KB note, each timed to the diagnostics of its version.
    // Never saved: the generated workspace is the benchmarks' too.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const big = vscode.Uri.file(path.join(root, 'big', 'big-note.md'));
    const onDisk = fs.readFileSync(big.fsPath, 'utf8');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(big));
    await toriiDiagnostics(big).catch(() => undefined);
    /**
     * Resolves once the editor has the diagnostics of `version` of the note. Any publication is not
     * enough: the server may still be sending those of earlier versions. The server publishes a
     * document's diagnostics before it answers the status request that reports their version, so
     * by then the editor has them.
     */
    const diagnosticsOfVersion = async (uri: vscode.Uri, version: number): Promise<void> => {
      for (;;) {
        const next = toriiDiagnosticsChange(uri);
        if (((await api.status(uri.toString())).publishedVersion ?? -1) >= version) return;
        await next;
      }
    };
    /** Types an `x` at the end of each line, one at a time, each timed to the diagnostics of the version it makes. */
    const type = async (lines: number[]): Promise<string> => {
      const times: number[] = [];
      // Split at the moment the extension host hears of the change (when the language client sends it to Torii).
      const untilChange: number[] = [];
      const afterChange: number[] = [];
      for (const line of lines) {
        const end = editor.document.lineAt(line).range.end;
        let changedAt = 0;
        const changed = vscode.workspace.onDidChangeTextDocument((event) => {
          if (event.document.uri.toString() === big.toString() && changedAt === 0) changedAt = Date.now();
        });
        const typed = Date.now();
        await editor.edit((builder) => builder.insert(end, 'x'));
        await diagnosticsOfVersion(big, editor.document.version);
        const done = Date.now();
        changed.dispose();
        times.push(done - typed);
        untilChange.push(changedAt - typed);
        afterChange.push(done - changedAt);
      }
      const p = (values: number[], at: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * at)];
      return `p50 ${p(times, 0.5)} ms, p95 ${p(times, 0.95)} ms (of which VS Code applying the edit p50 ${p(untilChange, 0.5)} ms; the change sent to Torii → its diagnostics back p50 ${p(afterChange, 0.5)} ms, p95 ${p(afterChange, 0.95)} ms)`;
    };
    const text = editor.document.getText().split('\n');
    const spread = (candidates: number[]) => Array.from({ length: 20 }, (_, at) => candidates[Math.floor((at * candidates.length) / 20)]);
    // Prose: lines with no marker, heading or list item, where most typing happens.
    const prose = spread(text.map((line, at) => (/^[A-Za-z]/.test(line) && !/[\u{1F5C4}\u{1F4D9}\u{1F4DA}]/u.test(line) && !/^[A-Z ]+$/.test(line) ? at : -1)).filter((at) => at >= 0));
    console.log(`      keystroke → diagnostics in the 74 KB note, 20 keystrokes in prose: ${await type(prose)} (VS Code, the language client and the server together)`);
    // Any line: headings, 📚 lists (typing after 📚 changes which authors are listed, and thousands of notes cite them), references.
    const any = spread(text.map((_, at) => at));
    console.log(`      …20 keystrokes at the end of lines spread over the note, 📚 and heading lines among them: ${await type(any)}`);
    // The generated note goes back to what is on disk (nothing is saved).
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.strictEqual(fs.readFileSync(big.fsPath, 'utf8'), onDisk, 'the 74 KB note was not saved');

    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot(`problems-${label}`, '.markers-panel .monaco-list-row');
  });
});
