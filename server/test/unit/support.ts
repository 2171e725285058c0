/**
 * Test support: in-memory workspaces and compact text renderings, so that tests read as
 * `check(input, expected)`.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { WorkspaceIndex } from '../../src/core/index/workspaceIndex';
import { resolveReference, type Resolution, type ResolverOptions } from '../../src/core/features/resolve';
import { parseNote } from '../../src/core/syntax/parseNote';
import type { Reference } from '../../src/core/syntax/note';

/** Removes the common indentation of a template literal and its first and last blank lines. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^[ \t]*/.exec(line)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** A workspace index over in-memory notes: `{ 'metals.md': '# ⛩️\n…' }`. */
export function memoryWorkspace(files: Record<string, string>): { index: WorkspaceIndex; files: Map<string, string> } {
  const texts = new Map(Object.entries(files).map(([file, text]) => [file, dedent(text)]));
  const index = new WorkspaceIndex({ readText: (file) => texts.get(file) });
  for (const [file, text] of texts) index.setNoteText(file, text);
  return { index, files: texts };
}

/** `resolved exact-heading → metals.md:3 'patina'`, `dead_section moved-section; fix `care.md` rust → care.md:5`. */
export function renderResolution(resolution: Resolution): string {
  let text = `${resolution.status} ${resolution.kind}`;
  if (resolution.status === 'resolved' && resolution.target) {
    text += ` → ${resolution.target.path}:${resolution.target.line + 1}`;
  }
  if (resolution.fix) text += `; fix ${resolution.fix.label} → ${resolution.fix.target.path}:${resolution.fix.target.line + 1}`;
  if (resolution.severity) text += ` (${resolution.severity})`;
  return text;
}

/** Every 🗄 target of `file`, one a line: `3: \`metals.md\` patina: resolved exact-heading → metals.md:7`. */
export function renderReferences(index: WorkspaceIndex, file: string, options?: ResolverOptions): string {
  const entry = index.getNote(file);
  if (!entry) return `(no note ${file})`;
  return entry.note.references
    .map((reference) => `${reference.line + 1}: ${reference.text || '(empty)'}${reference.inFence ? ' [fence]' : ''}: ${renderResolution(resolveReference(index, file, reference, options))}`)
    .join('\n');
}

/**
 * Checks how every 🗄 target of the note `main.md` resolves against the other notes.
 * `main.md` is the first key of `files`.
 */
export function checkResolution(files: Record<string, string>, expected: string, options?: ResolverOptions): void {
  const { index } = memoryWorkspace(files);
  const main = Object.keys(files)[0];
  assert.strictEqual(renderReferences(index, main, options), dedent(expected));
}

/** The reference under the `$0` cursor of `text`, parsed with the marker removed. */
export function referenceAtCursor(text: string): { text: string; reference: Reference | undefined } {
  const clean = dedent(text);
  const offset = clean.indexOf('$0');
  const withoutCursor = clean.replace('$0', '');
  const before = clean.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = before[before.length - 1].length;
  const note = parseNote('cursor.md', withoutCursor);
  const reference = note.references.find(
    (candidate) => candidate.range.start.line === line && candidate.range.start.character <= character && character <= candidate.range.end.character,
  );
  return { text: withoutCursor, reference };
}

/** `/work/shared/corpus/…` beside the checkout, or undefined in a user's clone. */
export function corpusFolder(name: string): string | undefined {
  const folder = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', name);
  return fs.existsSync(folder) ? folder : undefined;
}

/** Skips the current test with a visible message when the shared corpus is not beside the checkout. */
export function requireCorpus(context: Mocha.Context, name: string): string {
  const folder = corpusFolder(name);
  if (!folder) {
    console.log(`      (skipped: ../shared/corpus/${name} is not beside this checkout; CI has it)`);
    context.skip();
  }
  return folder!;
}

export function repoPath(...parts: string[]): string {
  return path.resolve(__dirname, '..', '..', '..', '..', ...parts);
}

/** A small deterministic generator of numbers in [0, 1) (a linear congruential one): steps that replay the same on every run. */
export function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
