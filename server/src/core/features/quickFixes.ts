/**
 * Quick fixes for Torii's diagnostics: point a dead link at its fix, create a missing section
 * at the end of its note, repair a double-encoded note. Each is one workspace edit, applied only
 * when the user picks it.
 */

import type { Range } from '../text/positions';
import { makeRange } from '../text/positions';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { diagnosticCode, resolveNoteReferences, unknownAuthors } from './check';
import { placeName, type ResolverOptions } from './resolve';
import { findNoteByRules } from './resolve/noteNames';
import { createNoteFixes, sectionLineIn } from './createNote';
import { overlaps } from './locate';
import { normalForm } from '../index/normalize';

/** A change to one note. */
export interface NoteEdit {
  path: string;
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  /** The diagnostic code it fixes (`dead-section`, `double-encoded`, …). */
  code: string;
  /** The range of the diagnostic it fixes. */
  diagnosticRange: Range;
  edits: NoteEdit[];
  /** A note to create, with its first text (the quick fix **Create note `x.md`**). */
  create?: { path: string; text: string };
  /** Set on the fix that writes a missing section at the end of a note (**Create section**). */
  createsSection?: true;
  isPreferred: boolean;
}


/**
 * The quick fixes for the problems of `path` within `range`, computed from the index as it is
 * now (never from a diagnostic that may be stale). `readText` gives a note's current text.
 */
export function computeQuickFixes(index: WorkspaceIndex, path: string, range: Range, options: ResolverOptions, readText: (path: string) => string | undefined): QuickFix[] {
  const fixes: QuickFix[] = [];
  const entry = index.getNote(path);
  if (!entry) return fixes;
  if (entry.note.doubleEncoding) {
    const text = readText(path);
    if (text !== undefined) {
      const lines = text.split(/\r\n|\r|\n/);
      fixes.push({
        title: 'Repair the double encoding (read the file as UTF-8 again)',
        code: 'double-encoded',
        diagnosticRange: entry.note.problems[0].range,
        edits: [{ path, range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, newText: entry.note.doubleEncoding.repairedText }],
        isPreferred: true,
      });
    }
  }
  const reports = resolveNoteReferences(index, path, options);
  for (const { reference, resolution } of reports) {
    if (reference.inFence || !overlaps(reference.range, range)) continue;
    if (resolution.fix) {
      fixes.push({
        title: `Change to ${resolution.fix.label}`,
        code: diagnosticCode(resolution),
        diagnosticRange: reference.range,
        edits: resolution.fix.edits.map((edit) => ({ path, range: edit.range, newText: edit.newText })),
        // Only a sure fix is the one the editor applies on its own (Fix all, "apply preferred"); a guess waits to be picked.
        isPreferred: resolution.fix.confidence === 'high',
      });
    }
    // A few notes it could mean, and nothing tells which: one fix to pick per note.
    for (const choice of resolution.choices ?? []) {
      fixes.push({
        title: `Change to ${choice.label} (${placeName(choice.target)})`,
        code: diagnosticCode(resolution),
        diagnosticRange: reference.range,
        edits: choice.edits.map((edit) => ({ path, range: edit.range, newText: edit.newText })),
        isPreferred: false,
      });
    }
    // A section that is nowhere: offer to create it at the end of the note the file part names.
    if (resolution.status === 'dead_section' && (resolution.kind === 'no-anchor' || resolution.kind === 'text-only') && reference.section) {
      const target = reference.file ? noteOf(index, path, reference.file.text) : path;
      const text = target ? readText(target) : undefined;
      if (target && text !== undefined) {
        const heading = sectionHeadingAtEnd(index, target, text, reference.section.text, target === path ? reference.line : undefined);
        if (heading) {
          fixes.push({
            title: `Create section '${reference.section.text}' at the end of ${target}${heading.closesFence ? ', closing its open code block' : ''}`,
            code: 'dead-section',
            diagnosticRange: reference.range,
            edits: [{ path: target, range: heading.range, newText: heading.newText }],
            createsSection: true,
            isPreferred: false,
          });
        }
      }
    }
  }
  // A dead file link that nothing else mends: create the note it names (createNote.ts).
  for (const creation of createNoteFixes(index, path, reports, (reference) => overlaps(reference, range), options.rootAliases)) {
    fixes.push({ title: creation.title, code: creation.code, diagnosticRange: creation.diagnosticRange, edits: [], create: { path: creation.path, text: creation.text }, isPreferred: false });
  }
  // A 📙 author one or two letters off a known one: `Kleppman` → `Kleppmann`.
  for (const hint of unknownAuthors(index, path)) {
    if (!hint.fix || !overlaps(hint.range, range)) continue;
    fixes.push({
      title: `Change to ${hint.fix.label}`,
      code: 'unknown-author',
      diagnosticRange: hint.range,
      edits: hint.fix.edits.map((edit) => ({ path, range: edit.range, newText: edit.newText })),
      isPreferred: true,
    });
  }
  return fixes;
}

function noteOf(index: WorkspaceIndex, fromPath: string, written: string): string | undefined {
  const folder = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/')) : '';
  const lookup = findNoteByRules(index, folder, /\.md$/i.test(written) ? written : `${written}.md`);
  return lookup && lookup.paths.length === 1 ? lookup.paths[0] : undefined;
}

/**
 * The edit that adds `## section` at the end of the note at `path` (its text `text`) so that it
 * reads as a heading of that name, which a link naming the section reaches: after the last line,
 * and where a code block left open runs to the end, after a fence that closes it (a heading there
 * would be code). Undefined when the link would not lead to it: a name the heading syntax reads
 * otherwise (`#`, `foo #`), one no link matches (`.`), one another anchor of the note takes first.
 */
function sectionHeadingAtEnd(index: WorkspaceIndex, path: string, text: string, section: string, excludeLine: number | undefined): { range: Range; newText: string; closesFence: boolean } | undefined {
  if (normalForm(section) === '') return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines.length - 1;
  const range = makeRange(last, lines[last].length, lines[last].length);
  const ending = lines[last] === '' ? '' : '\n';
  const open = index.getNote(path)?.note.fences.find((fence) => !fence.closed && fence.endLine >= last);
  const closer = open ? /^[ \t]*(`{3,}|~{3,})/.exec(lines[open.startLine] ?? '')?.[1] : undefined;
  const separator = last > 0 && lines[last] === '' && lines[last - 1] === '' ? '' : '\n';
  const variants = [{ newText: `${ending}${separator}## ${section}\n`, closesFence: false }];
  if (closer) variants.push({ newText: `${ending}${closer}\n\n## ${section}\n`, closesFence: true });
  for (const variant of variants) {
    const combined = text + variant.newText;
    const headingLine = combined.split(/\r\n|\r|\n/).lastIndexOf(`## ${section}`);
    if (sectionLineIn(path, combined, section, excludeLine) === headingLine) return { range, ...variant };
  }
  return undefined;
}
