/**
 * Writing fixed notes back to disk (`torii fix`): atomically (a temporary file beside the note,
 * then a rename), with the note's byte order mark and line endings as they were, and never over
 * a file that changed since Torii read it.
 */

import * as fs from 'fs';
import * as path from 'path';
import { decodeNoteBytes } from '../core/text/encoding';
import { resolveInside } from './workspaceFiles';

/** A note as read for rewriting: its text (without the BOM) and whether the file began with one. */
export interface ReadNote {
  text: string;
  hadBom: boolean;
}

export function readNoteForRewrite(root: string, notePath: string): ReadNote | undefined {
  const absolute = resolveInside(root, notePath);
  if (!absolute) return undefined;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolute);
  } catch {
    return undefined;
  }
  const decoded = decodeNoteBytes(bytes);
  return decoded.kind === 'text' ? { text: decoded.text, hadBom: decoded.hadBom } : undefined;
}

export type WriteOutcome = { kind: 'written' } | { kind: 'changed' } | { kind: 'failed'; message: string };

/**
 * Replaces the note's text with `newText` (which keeps the line endings of `read.text`), unless
 * the file no longer holds `read` (edited, saved or deleted since): then nothing is written.
 */
export function writeNoteAtomically(root: string, notePath: string, read: ReadNote, newText: string): WriteOutcome {
  const absolute = resolveInside(root, notePath);
  if (!absolute) return { kind: 'failed', message: 'outside the workspace' };
  const now = readNoteForRewrite(root, notePath);
  if (!now || now.text !== read.text || now.hadBom !== read.hadBom) return { kind: 'changed' };
  const temporary = path.join(path.dirname(absolute), `.${path.basename(absolute)}.torii-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    const mode = fs.statSync(absolute).mode;
    fs.writeFileSync(temporary, (read.hadBom ? '\uFEFF' : '') + newText, { mode });
    fs.renameSync(temporary, absolute);
    return { kind: 'written' };
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    return { kind: 'failed', message: (error as Error).message };
  }
}
