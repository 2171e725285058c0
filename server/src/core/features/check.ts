/**
 * Workspace diagnostics as domain values: dead links with their fixes, file-level problems and
 * unknown 📙 authors. The LSP layer and the CLI turn these into their own shapes.
 */

import type { Range } from '../text/positions';
import { makeRange } from '../text/positions';
import type { Reference } from '../syntax/note';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { misspeltAuthor, writtenReadsAsAuthor } from './authors';
import { resolveReferencesOf } from './keptResolutions';
import { type NoteLocation, type ReferenceFix, type Resolution, type ResolverOptions, type Severity, DEFAULT_RESOLVER_OPTIONS } from './resolve';

export type DiagnosticCode =
  | 'dead-file'
  | 'dead-section'
  | 'foreign-note'
  | 'ambiguous'
  | 'empty-reference'
  | 'double-encoded'
  | 'unreadable'
  | 'unknown-author'
  | 'replacement-character'
  | 'unclosed-fence'
  | 'long-line'
  | 'unparsable';

/** A problem in a note, as the user should see it. */
export interface NoteDiagnostic {
  path: string;
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  /** The rule or reason behind it (`moved-section`, `typo-extension`, …). */
  kind?: string;
  message: string;
  fix?: ReferenceFix;
  related: Array<NoteLocation & { message: string }>;
}

/** One 🗄 target and where it leads. */
export interface ReferenceReport {
  path: string;
  reference: Reference;
  resolution: Resolution;
}

export interface CheckSummary {
  notes: number;
  skipped: number;
  references: number;
  resolved: number;
  dead: number;
  external: number;
  ambiguous: number;
  inFences: number;
}

export function resolveNoteReferences(index: WorkspaceIndex, path: string, options: ResolverOptions = DEFAULT_RESOLVER_OPTIONS): ReferenceReport[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const references = entry.note.references;
  const resolutions = resolveReferencesOf(index, path, references, options);
  return references.map((reference, at) => ({ path, reference, resolution: resolutions[at] }));
}

/** Every diagnostic of one note, in line order. */
export function checkNote(index: WorkspaceIndex, path: string, options: ResolverOptions = DEFAULT_RESOLVER_OPTIONS, reports = resolveNoteReferences(index, path, options)): NoteDiagnostic[] {
  const entry = index.getNote(path);
  const diagnostics: NoteDiagnostic[] = [];
  const skipped = index.skippedFile(path);
  if (skipped) diagnostics.push({ path, range: makeRange(0, 0, 0), severity: skipped.severity, code: 'unreadable', message: skipped.message, related: [] });
  if (!entry) return diagnostics;
  for (const problem of entry.note.problems) {
    diagnostics.push({
      path,
      range: problem.range,
      severity: problem.code === 'double-encoded' || problem.code === 'unparsable' ? 'warning' : 'information',
      code: problem.code,
      message: problem.message,
      related: [],
    });
  }
  for (const { reference, resolution } of reports) {
    if (!resolution.severity) continue;
    diagnostics.push({
      path,
      range: reference.empty ? reference.markerRange : reference.range,
      severity: resolution.severity,
      code: diagnosticCode(resolution),
      kind: resolution.kind,
      message: resolution.fix ? withFixLabel(resolution.message, resolution.fix.label) : resolution.message,
      fix: resolution.fix,
      related: resolution.related,
    });
  }
  diagnostics.push(...unknownAuthors(index, path));
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The code of a resolution's diagnostic; a quick fix names the same code, so that the editor pairs them. */
export function diagnosticCode(resolution: Resolution): DiagnosticCode {
  if (resolution.kind === 'empty') return 'empty-reference';
  switch (resolution.status) {
    case 'dead_file':
      return 'dead-file';
    case 'dead_section':
      return 'dead-section';
    case 'ambiguous':
      return 'ambiguous';
    default:
      return 'foreign-note';
  }
}

/**
 * The message with how the link reads once fixed: `…; fix: \`care.md\` rust removal`. After a
 * question (`did you mean 'tempering'?`) a new sentence, since `?;` reads as a slip.
 */
function withFixLabel(message: string, label: string): string {
  return message.endsWith('?') ? `${message} Fix: ${label}` : `${message}; fix: ${label}`;
}

/**
 * A 📙 author that looks like a typo of a known one (`Kleppman` → `Kleppmann`): used nowhere
 * else, or ten times rarer than the right spelling, so a typo written twice is still caught
 * (DIALECT §6.2, issue 11). A hint with the fix.
 */
export function unknownAuthors(index: WorkspaceIndex, path: string): NoteDiagnostic[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const result: NoteDiagnostic[] = [];
  /** The note's lines, read once when a suggestion first needs them. */
  let lines: string[] | undefined;
  for (const citation of entry.note.citations) {
    for (const item of citation.items) {
      if (!item.author || !item.authorRange || item.carriedOver) continue;
      const author = item.author;
      const suggestion = misspeltAuthor(index, author, path, citation.line);
      if (!suggestion) continue;
      lines ??= entry.readLines() ?? [];
      // A name that, written there, reads otherwise (`VVan Aken` → `Van`, which makes `Van Aken`) is no fix, nor worth asking about.
      const line = lines[citation.line];
      if (line !== undefined && !writtenReadsAsAuthor(index, line, item.authorRange, suggestion.name)) continue;
      const alone = !index.isListed(author) && !index.isCitedElsewhere(author, path, citation.line);
      result.push({
        path,
        range: item.authorRange,
        severity: 'hint',
        code: 'unknown-author',
        message: alone
          ? `unknown author '${author}': no 📚 list names it and nothing else cites it; did you mean '${suggestion.name}'?`
          : suggestion.inNote
            ? `unknown author '${author}': this note also writes '${suggestion.name}', more used and a letter or two apart; did you mean '${suggestion.name}'?`
            : `unknown author '${author}': '${suggestion.name}' is written far more often; did you mean '${suggestion.name}'?`,
        fix: { label: suggestion.name, target: suggestion.location, edits: [{ range: item.authorRange, newText: suggestion.name }] },
        related: [{ ...suggestion.location, message: `'${suggestion.name}' is listed or cited here` }],
      });
    }
  }
  return result;
}

/** Every note's path and every unreadable file's, in the order `checkWorkspace` and `workspaceReports` go. */
function checkedPaths(index: WorkspaceIndex): string[] {
  return [...index.notePaths(), ...index.skipped().map((file) => file.path)].sort();
}

/** Every reference of every note with its resolution, note by note, in `checkWorkspace`'s order, none of them kept. */
export function* workspaceReports(index: WorkspaceIndex, options: ResolverOptions = DEFAULT_RESOLVER_OPTIONS): Generator<ReferenceReport> {
  for (const path of checkedPaths(index)) yield* resolveNoteReferences(index, path, options);
}

/**
 * Diagnostics for every note, and the figures of the closing summary. `reports` (every reference
 * with its resolution) is kept only when `keepReports` says so: `torii check` needs the
 * diagnostics and the counts, and at 10,000 notes the reports held 130 MB until the end.
 */
export function checkWorkspace(index: WorkspaceIndex, options: ResolverOptions = DEFAULT_RESOLVER_OPTIONS, { keepReports = true }: { keepReports?: boolean } = {}): { diagnostics: NoteDiagnostic[]; reports: ReferenceReport[]; summary: CheckSummary } {
  const diagnostics: NoteDiagnostic[] = [];
  const reports: ReferenceReport[] = [];
  const summary: CheckSummary = { notes: index.noteCount, skipped: index.skipped().length, references: 0, resolved: 0, dead: 0, external: 0, ambiguous: 0, inFences: 0 };
  for (const path of checkedPaths(index)) {
    const noteReports = resolveNoteReferences(index, path, options);
    for (const report of noteReports) {
      if (keepReports) reports.push(report);
      if (report.reference.inFence) {
        summary.inFences++;
        continue;
      }
      summary.references++;
      const { status } = report.resolution;
      if (status === 'resolved') summary.resolved++;
      else if (status === 'dead_file' || status === 'dead_section') summary.dead++;
      else if (status === 'external') summary.external++;
      else if (status === 'ambiguous') summary.ambiguous++;
    }
    diagnostics.push(...checkNote(index, path, options, noteReports));
  }
  return { diagnostics, reports, summary };
}
