/**
 * Writing fixed notes back to disk (`torii fix`): atomically (a temporary file beside the note,
 * then a rename), with the note's byte order mark and line endings as they were, and never over
 * a file that changed since Torii read it.
 */

import * as fs from 'fs';
import * as path from 'path';
import { decodeNoteBytes, type Utf16 } from '../core/text/encoding';
import { readNoteBytes, realPathInside } from './workspaceFiles';

/**
 * A note as read for rewriting: its text (without the BOM), whether the file began with one, and
 * its encoding when it is UTF-16, not UTF-8: a fix is written back in the file's own encoding.
 */
export interface ReadNote {
  text: string;
  hadBom: boolean;
  encoding?: Utf16;
}

export function readNoteForRewrite(root: string, notePath: string): ReadNote | undefined {
  const read = readNoteBytes(root, notePath);
  if (read.kind !== 'bytes') return undefined;
  const decoded = decodeNoteBytes(read.bytes);
  if (decoded.kind !== 'text') return undefined;
  return { text: decoded.text, hadBom: decoded.hadBom, ...(decoded.encoding ? { encoding: decoded.encoding } : {}) };
}

export type WriteOutcome = { kind: 'written' } | { kind: 'changed' } | { kind: 'failed'; message: string };

/**
 * Replaces the note's text with `newText` (which keeps the line endings of `read.text`), unless
 * the file no longer holds `read` (edited, saved or deleted since): then nothing is written.
 */
export function writeNoteAtomically(root: string, notePath: string, read: ReadNote, newText: string): WriteOutcome {
  // A note that is a link (to a file inside the workspace: no other is read) is written where it
  // leads; renaming the new text over the link itself would replace the link with a copy.
  const where = realPathInside(root, notePath);
  if (where.kind !== 'real') return where.kind === 'missing' ? { kind: 'changed' } : { kind: 'failed', message: where.message };
  const absolute = where.path;
  const now = readNoteForRewrite(root, notePath);
  if (!now || now.text !== read.text || now.hadBom !== read.hadBom || now.encoding !== read.encoding) return { kind: 'changed' };
  const temporary = path.join(path.dirname(absolute), `.${path.basename(absolute)}.torii-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    const mode = fs.statSync(absolute).mode;
    fs.writeFileSync(temporary, encodeNoteText((read.hadBom ? '\uFEFF' : '') + newText, read.encoding), { mode });
    fs.renameSync(temporary, absolute);
    return { kind: 'written' };
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    return { kind: 'failed', message: (error as Error).message };
  }
}

/** The bytes of a note's text in its file's encoding: UTF-8, or UTF-16 in the byte order it had. */
function encodeNoteText(text: string, encoding: Utf16 | undefined): Buffer {
  if (!encoding) return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16be' ? bytes.swap16() : bytes;
}
