/**
 * The machine formats of `torii check --format`: SARIF 2.1.0 for code-scanning tools (GitHub code
 * scanning among them) and GitHub Actions workflow commands, which turn each problem into an
 * annotation on the pull request. The plain text and `--json` formats stay in `cli.ts`.
 */

import * as path from 'path';
import type { CheckSummary, DiagnosticCode, NoteDiagnostic } from './core/features/check';
import type { Severity } from './core/features/resolve';

/** What a user passes to `--format`. `text` is the default, `json` the same as `--json`. */
export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** One line of help per kind of problem: the rules of the SARIF log, and what the README lists. */
export const PROBLEM_DESCRIPTIONS: Record<DiagnosticCode, { summary: string; severity: Severity }> = {
  'dead-file': { summary: 'A 🗄 reference names a note that does not exist in the collection (a typo, a renamed or moved note, a mistyped extension).', severity: 'warning' },
  'dead-section': { summary: 'A 🗄 reference names a note that exists but a section that note does not have (moved to another note, renamed, or a typo).', severity: 'warning' },
  'foreign-note': { summary: 'A 🗄 reference names a note that is not in this folder: most likely a note of another collection.', severity: 'hint' },
  ambiguous: { summary: 'A 🗄 reference matches several notes and its section does not decide between them.', severity: 'information' },
  'empty-reference': { summary: 'A 🗄 marker with nothing after it.', severity: 'warning' },
  'double-encoded': { summary: 'The note was saved twice over in the wrong encoding (🗄 reads as üóÑ); a quick fix repairs it.', severity: 'warning' },
  unreadable: { summary: 'A .md file that could not be read as a note: binary content, bytes that are not UTF-8, too large, or no permission.', severity: 'warning' },
  'unknown-author': { summary: 'A 📙 author that no 📚 list names and no other citation uses, one or two letters away from one that is known.', severity: 'hint' },
  'replacement-character': { summary: 'A U+FFFD replacement character: something (often an emoji) was lost when the note was saved.', severity: 'information' },
  'unclosed-fence': { summary: 'A code fence that is never closed: everything after it reads as code.', severity: 'information' },
  'long-line': { summary: 'A line too long to read for 🗄, 📙 or headings (a pasted log); its block structure still counts.', severity: 'information' },
  unparsable: { summary: 'The note could not be parsed; please report it with the note.', severity: 'warning' },
};

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Where the CLI was run: paths in every format are relative to it, as in the text output. */
export interface ReportContext {
  /** The checked folder, absolute. */
  root: string;
  /** The directory paths are written relative to (the working directory). */
  base: string;
  version: string;
}

/** The path of a note as the text output prints it: relative to the working directory, with `/`. */
export function displayPath(context: ReportContext, notePath: string): string {
  const relative = path.relative(context.base, path.join(context.root, notePath)) || notePath;
  return relative.split(path.sep).join('/');
}

/**
 * A SARIF 2.1.0 log with one run. Columns are UTF-16 code units, as in the text output and in
 * VS Code, and the log says so (`columnKind`). Each problem with a known fix carries it as a SARIF
 * `fix`: the replacement that rewrites the reference.
 */
export function formatSarif(context: ReportContext, diagnostics: readonly NoteDiagnostic[], summary: CheckSummary): string {
  const codes = Object.keys(PROBLEM_DESCRIPTIONS) as DiagnosticCode[];
  const artifact = (notePath: string) => ({ uri: displayPath(context, notePath).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' });
  const region = (range: NoteDiagnostic['range']) => ({
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  });
  const results = diagnostics.map((diagnostic) => ({
    ruleId: diagnostic.code,
    ruleIndex: codes.indexOf(diagnostic.code),
    level: SARIF_LEVEL[diagnostic.severity],
    message: { text: diagnostic.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(diagnostic.path), region: region(diagnostic.range) } }],
    ...(diagnostic.related.length > 0
      ? {
          relatedLocations: diagnostic.related.map((related, index) => ({
            id: index + 1,
            physicalLocation: { artifactLocation: artifact(related.path), region: { startLine: related.line + 1 } },
            message: { text: related.message },
          })),
        }
      : {}),
    ...(diagnostic.fix && diagnostic.fix.edits.length > 0
      ? {
          fixes: [
            {
              description: { text: `Change to ${diagnostic.fix.label}` },
              artifactChanges: [
                {
                  artifactLocation: artifact(diagnostic.path),
                  replacements: diagnostic.fix.edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } })),
                },
              ],
            },
          ],
        }
      : {}),
    properties: { severity: diagnostic.severity, ...(diagnostic.kind ? { kind: diagnostic.kind } : {}) },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'torii',
            version: context.version,
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: PROBLEM_DESCRIPTIONS[code].summary },
              defaultConfiguration: { level: SARIF_LEVEL[PROBLEM_DESCRIPTIONS[code].severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(context.base) } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { summary },
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/**
 * GitHub Actions workflow commands, one a line (`::warning file=…,line=…,col=…::message`): the
 * runner turns them into annotations on the changed files. Hints and information become notices.
 */
export function formatGithub(context: ReportContext, diagnostics: readonly NoteDiagnostic[]): string[] {
  const command: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
  return diagnostics.map((diagnostic) => {
    const { start, end } = diagnostic.range;
    const properties = [
      `file=${escapeProperty(displayPath(context, diagnostic.path))}`,
      `line=${start.line + 1}`,
      `col=${start.character + 1}`,
      `endLine=${end.line + 1}`,
      `endColumn=${end.character + 1}`,
      `title=${escapeProperty(`torii: ${diagnostic.code}`)}`,
    ];
    return `::${command[diagnostic.severity]} ${properties.join(',')}::${escapeData(diagnostic.message)}`;
  });
}

/** What `torii check` and `torii fix` advise when the repository is a shallow clone. */
export const SHALLOW_ADVICE = 'Fetch the whole history (actions/checkout: fetch-depth: 0), or pass --no-git to read none.';

/** A workflow command about the run itself, not a place in a note (`::warning title=…::message`). */
export function formatGithubNotice(level: 'warning' | 'notice', title: string, message: string): string {
  return `::${level} title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** The runner reads `%`, CR and LF in a message as escapes: encode them so a message stays one line. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** In a property, `:` and `,` end the value: encode them as well (a note may be called `a, b.md`). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function directoryUri(directory: string): string {
  const slashed = path.resolve(directory).split(path.sep).map(encodeURIComponent).join('/');
  return `file://${slashed.startsWith('/') ? '' : '/'}${slashed}/`;
}
