/**
 * `torii`: the command-line front end over the same core as the language server.
 *
 *   torii check [FOLDER] [--json | --format text|json|sarif|github] [--severity LEVEL] [--root-alias NAME] [--sibling DIR] [--exit-zero] [--stats]
 *   torii refs [FOLDER] [--json] [--sibling DIR]
 *   torii fix [FOLDER] [--dry-run] [--root-alias NAME] [--sibling DIR] [--no-git] [--exit-zero]
 *   torii outline FILE [--json] [--no-terms]
 */

import * as fs from 'fs';
import * as path from 'path';
import { WorkspaceIndex, type SiblingCollection } from './core/index/workspaceIndex';
import { checkWorkspace, workspaceReports, type CheckSummary, type NoteDiagnostic } from './core/features/check';
import { computeOutline, renderOutline } from './core/features/outline';
import type { Severity } from './core/features/resolve';
import { defaultRootAliases, resolverOptionsFor } from './core/features/options';
import { parseNote } from './core/syntax/parseNote';
import { diskTextSource, indexFolder, readNoteFile } from './node/workspaceFiles';
import { loadGitHistory, shallowHistoryWarning } from './node/gitHistory';
import { runFix } from './cliFix';
import { limitHeapGrowth } from './node/heap';
import { CHECK_FORMATS, formatGithub, formatGithubNotice, formatSarif, SHALLOW_ADVICE, type CheckFormat } from './cliFormats';

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'information', 'hint'];
const VERSION = '0.1.0';

class UsageError extends Error {}

interface ParsedArguments {
  command: string;
  positional: string[];
  flags: Map<string, string[]>;
}

const KNOWN_FLAGS: Record<string, { takesValue: boolean; commands: string[] }> = {
  '--json': { takesValue: false, commands: ['check', 'refs', 'outline'] },
  '--format': { takesValue: true, commands: ['check'] },
  '--severity': { takesValue: true, commands: ['check'] },
  '--root-alias': { takesValue: true, commands: ['check', 'refs', 'fix'] },
  '--exit-zero': { takesValue: false, commands: ['check', 'fix'] },
  '--stats': { takesValue: false, commands: ['check', 'refs', 'fix'] },
  '--no-git': { takesValue: false, commands: ['check', 'refs', 'fix'] },
  '--sibling': { takesValue: true, commands: ['check', 'refs', 'fix'] },
  '--dry-run': { takesValue: false, commands: ['fix'] },
  '--no-terms': { takesValue: false, commands: ['outline'] },
};

/** Where the user's guide to the dialect is, beside the installed CLI (`dist/cli.js` → `docs/dialect.md`). */
const DIALECT_DOC = [path.join(__dirname, '..', 'docs', 'dialect.md'), path.join(__dirname, '..', '..', '..', 'docs', 'dialect.md')].find((file) => fs.existsSync(file));

const HELP = `torii ${VERSION}: checks a folder of ⛩️ notes

Usage:
  torii check [FOLDER]   report dead links and file problems (default FOLDER: .)
  torii refs [FOLDER]    list every 🗄 target and where it leads
  torii fix [FOLDER]     apply every sure dead-link fix to the notes (--dry-run: print the diff, write nothing)
  torii outline FILE     print the outline of one note

Options:
  --json                 machine-readable output
  --format FORMAT        check: text (default), json, sarif (SARIF 2.1.0, for code scanning)
                         or github (GitHub Actions annotations)
  --severity LEVEL       show problems of LEVEL and above: error, warning, information, hint (default: hint)
  --root-alias NAME      a leading path component that names the collection (repeatable; default: the folder's name and the part after its last dash)
  --exit-zero            exit 0 even when warnings are shown
  --stats                print time and peak memory on stderr
  --no-git               ignore the folder's git history (where renamed and deleted notes went)
  --sibling DIR          another collection that links may lead into: a note name FOLDER has no
                         note of is looked for there (repeatable; the first that has it answers)
  --no-terms             outline: leave out term lines
  --dry-run              fix: print the changes as a unified diff and write nothing

Exit status: 0 clean, 1 when a warning or error is shown, 2 on bad usage.

The dialect Torii reads (🗄 references, 📙 citations, 📚 lists, ALL-CAPS sub-headings) is
described in docs/dialect.md${DIALECT_DOC ? `:\n  ${DIALECT_DOC}` : ' in Torii\'s folder.'}
`;

function parseArguments(argv: string[]): ParsedArguments {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { command: 'help', positional: [], flags: new Map() };
  if (argv[0] === '--version' || argv[0] === '-v') return { command: 'version', positional: [], flags: new Map() };
  const [command, ...rest] = argv;
  if (!['check', 'refs', 'outline', 'fix'].includes(command)) throw new UsageError(`unknown command '${command}' (expected check, refs, fix or outline)`);
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index];
    if (argument === '--help' || argument === '-h') return { command: 'help', positional: [], flags: new Map() };
    if (!argument.startsWith('-')) {
      positional.push(argument);
      continue;
    }
    const [name, inlineValue] = argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    const spec = KNOWN_FLAGS[name];
    if (!spec || !spec.commands.includes(command)) throw new UsageError(`unknown option '${name}' for '${command}'`);
    let value = '';
    if (spec.takesValue) {
      value = inlineValue ?? rest[++index];
      if (value === undefined) throw new UsageError(`option '${name}' needs a value`);
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  if (positional.length > 1) throw new UsageError(`'${command}' takes one ${command === 'outline' ? 'FILE' : 'FOLDER'}, got ${positional.length}`);
  return { command, positional, flags };
}

function requireFolder(folder: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new UsageError(`no such folder: ${folder}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`not a folder: ${folder}`);
  return path.resolve(folder);
}

function loadIndex(root: string, showProgress: boolean, useGit = true, warnShallow: (message: string) => void = (message) => void process.stderr.write(`torii: ${message}\n`)): WorkspaceIndex {
  const index = new WorkspaceIndex(diskTextSource(root));
  if (useGit) {
    const history = loadGitHistory(root);
    index.history = history.history;
    const shallow = shallowHistoryWarning(history, SHALLOW_ADVICE);
    if (shallow) warnShallow(shallow);
  }
  const progress = showProgress
    ? (done: number, total: number) => process.stderr.write(`\rindexing ${done}/${total} notes`)
    : undefined;
  const listed = indexFolder(index, root, progress);
  if (showProgress) process.stderr.write('\n');
  for (const problem of listed.problems) process.stderr.write(`torii: ${problem.path}: ${problem.message}\n`);
  return index;
}

/**
 * The sibling collections of `--sibling` (DIALECT §8.6), read as FOLDER is, each named by its
 * folder's name and answering to its default root aliases (`phys-kb/optics.md`).
 */
function loadSiblings(parsed: ParsedArguments, root: string): SiblingCollection[] {
  const siblings: SiblingCollection[] = [];
  const read = new Set([root]);
  for (const folder of parsed.flags.get('--sibling') ?? []) {
    const sibling = requireFolder(folder);
    // The folder itself, or one named twice, is read once.
    if (read.has(sibling)) continue;
    read.add(sibling);
    const name = path.basename(sibling);
    siblings.push({ name, index: loadIndex(sibling, false, !parsed.flags.has('--no-git')), rootAliases: defaultRootAliases(name) });
  }
  return siblings;
}

/** Where a place of a sibling collection is, for the JSON outputs: its name, only when it is one. */
function collectionOf(location: { root?: string }): { collection?: string } {
  return location.root === undefined ? {} : { collection: location.root };
}

function formatDiagnostic(root: string, diagnostic: NoteDiagnostic, lineText: (file: string, line: number) => string): string {
  const file = path.relative(process.cwd(), path.join(root, diagnostic.path)) || diagnostic.path;
  const { line, character } = diagnostic.range.start;
  const column = character + 1;
  void lineText;
  return `${file}:${line + 1}:${column}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`;
}

function runCheck(parsed: ParsedArguments, out: (text: string) => void): number {
  const root = requireFolder(parsed.positional[0] ?? '.');
  const severity = (parsed.flags.get('--severity')?.at(-1) ?? 'hint') as Severity;
  if (!SEVERITY_ORDER.includes(severity)) throw new UsageError(`--severity must be one of ${SEVERITY_ORDER.join(', ')}`);
  const options = resolverOptionsFor(path.basename(root), parsed.flags.get('--root-alias') ?? []);
  const format = checkFormat(parsed);
  // In GitHub Actions a shallow history is an annotation of its own, where the run's summary shows it.
  const warnShallow = format === 'github' ? (message: string) => out(formatGithubNotice('warning', 'torii: shallow history', message)) : undefined;
  const index = loadIndex(root, process.stderr.isTTY === true, !parsed.flags.has('--no-git'), warnShallow);
  index.siblings = loadSiblings(parsed, root);
  const { diagnostics, summary } = checkWorkspace(index, options, { keepReports: false });
  const shown = diagnostics.filter((diagnostic) => SEVERITY_ORDER.indexOf(diagnostic.severity) <= SEVERITY_ORDER.indexOf(severity));
  const context = { root, base: process.cwd(), version: VERSION };
  if (format === 'sarif') {
    out(formatSarif(context, shown, summary));
  } else if (format === 'github') {
    for (const line of formatGithub(context, shown)) out(line);
    out(summaryLine(summary, shown));
  } else if (format === 'json') {
    out(JSON.stringify({
      summary,
      problems: shown.map((diagnostic) => ({
        file: diagnostic.path,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        severity: diagnostic.severity,
        code: diagnostic.code,
        kind: diagnostic.kind ?? null,
        message: diagnostic.message,
        fix: diagnostic.fix ? { label: diagnostic.fix.label, file: diagnostic.fix.target.path, ...collectionOf(diagnostic.fix.target), line: diagnostic.fix.target.line + 1, confidence: diagnostic.fix.confidence ?? null } : null,
      })),
    }, null, 2));
  } else {
    for (const diagnostic of shown) out(formatDiagnostic(root, diagnostic, () => ''));
    out(summaryLine(summary, shown));
  }
  if (parsed.flags.has('--exit-zero')) return 0;
  return shown.some((diagnostic) => diagnostic.severity === 'error' || diagnostic.severity === 'warning') ? 1 : 0;
}

function summaryLine(summary: CheckSummary, shown: readonly NoteDiagnostic[]): string {
  const counts = SEVERITY_ORDER.map((level) => `${shown.filter((diagnostic) => diagnostic.severity === level).length} ${level}`).join(', ');
  return (
    `${summary.notes} notes${summary.skipped ? ` (+${summary.skipped} unreadable)` : ''}, ${summary.references} references: ` +
    `${summary.resolved} resolved, ${summary.dead} dead, ${summary.external} external, ${summary.ambiguous} ambiguous` +
    `${summary.inFences ? ` (+${summary.inFences} in code fences)` : ''}; shown: ${counts}`
  );
}

/** `--format`, or `--json` for the JSON format; both at once must agree. */
function checkFormat(parsed: ParsedArguments): CheckFormat {
  const asked = parsed.flags.get('--format')?.at(-1);
  if (asked !== undefined && !(CHECK_FORMATS as readonly string[]).includes(asked)) throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(', ')}`);
  if (parsed.flags.has('--json') && asked !== undefined && asked !== 'json') throw new UsageError(`--json and --format ${asked} ask for different outputs`);
  return parsed.flags.has('--json') ? 'json' : ((asked ?? 'text') as CheckFormat);
}

function runRefs(parsed: ParsedArguments, out: (text: string) => void): number {
  const root = requireFolder(parsed.positional[0] ?? '.');
  const options = resolverOptionsFor(path.basename(root), parsed.flags.get('--root-alias') ?? []);
  const index = loadIndex(root, process.stderr.isTTY === true, !parsed.flags.has('--no-git'));
  index.siblings = loadSiblings(parsed, root);
  // Each reference is written as it is resolved: neither the resolutions nor the rows are kept
  // (the JSON is the same text `JSON.stringify(rows, null, 2)` makes of them all).
  const json = parsed.flags.has('--json');
  // The JSON element before this one: written with its comma once another follows.
  let previous: string | undefined;
  for (const { path: file, reference, resolution } of workspaceReports(index, options)) {
    const row = {
      file,
      line: reference.range.start.line + 1,
      column: reference.range.start.character + 1,
      target: reference.text,
      status: resolution.status,
      kind: resolution.kind,
      fileRule: resolution.fileRule ?? null,
      inFence: reference.inFence,
      resolved: resolution.status === 'resolved' && resolution.target ? { file: resolution.target.path, ...collectionOf(resolution.target), line: resolution.target.line + 1 } : null,
      fix: resolution.fix ? { file: resolution.fix.target.path, ...collectionOf(resolution.fix.target), line: resolution.fix.target.line + 1, text: resolution.fix.label, confidence: resolution.fix.confidence ?? null } : null,
    };
    if (json) {
      out(previous === undefined ? '[' : `${previous},`);
      previous = JSON.stringify(row, null, 2).replace(/^/gm, '  ');
    } else {
      const place = (at: { file: string; line: number; collection?: string }) => `${at.collection ? `${at.collection}: ` : ''}${at.file}:${at.line}`;
      const where = row.resolved ? ` → ${place(row.resolved)}` : row.fix ? ` (fix: ${row.fix.text} → ${place(row.fix)})` : '';
      out(`${row.file}:${row.line}:${row.column}: ${row.status}/${row.kind}${row.inFence ? ' (in a fence)' : ''}: ${row.target}${where}`);
    }
  }
  if (json) out(previous === undefined ? '[]' : `${previous}\n]`);
  return 0;
}

function runOutline(parsed: ParsedArguments, out: (text: string) => void): number {
  const file = parsed.positional[0];
  if (!file) throw new UsageError("'outline' needs a FILE");
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${file}`);
  // The file named is the one to read, wherever a link named so leads: read it where it really is.
  const real = fs.realpathSync(file);
  const outcome = readNoteFile(path.dirname(real), path.basename(real));
  if (outcome.kind !== 'text') {
    process.stderr.write(`torii: ${file}: ${outcome.kind === 'skipped' ? outcome.message : 'vanished while reading'}\n`);
    return 1;
  }
  const note = parseNote(path.basename(file), outcome.text);
  const lines = outcome.text.split(/\r\n|\r|\n/);
  const outline = computeOutline(note, (line) => lines[line]?.length ?? 0, { includeTerms: !parsed.flags.has('--no-terms') });
  for (const problem of note.problems) process.stderr.write(`torii: ${file}:${problem.range.start.line + 1}: ${problem.message}\n`);
  out(parsed.flags.has('--json') ? JSON.stringify(outline, null, 2) : renderOutline(outline).join('\n'));
  return 0;
}

export function main(argv: string[], out: (text: string) => void = (text) => process.stdout.write(`${text}\n`)): number {
  const started = process.hrtime.bigint();
  let parsed: ParsedArguments;
  try {
    parsed = parseArguments(argv);
    let status: number;
    switch (parsed.command) {
      case 'help':
        out(HELP);
        return 0;
      case 'version':
        out(VERSION);
        return 0;
      case 'check':
        status = runCheck(parsed, out);
        break;
      case 'refs':
        status = runRefs(parsed, out);
        break;
      case 'fix': {
        const root = requireFolder(parsed.positional[0] ?? '.');
        const resolver = resolverOptionsFor(path.basename(root), parsed.flags.get('--root-alias') ?? []);
        status = runFix(root, { dryRun: parsed.flags.has('--dry-run'), useGit: !parsed.flags.has('--no-git'), exitZero: parsed.flags.has('--exit-zero'), resolver, siblings: loadSiblings(parsed, root) }, out);
        break;
      }
      default:
        status = runOutline(parsed, out);
    }
    if (parsed.flags.has('--stats')) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peakMegabytes = process.resourceUsage().maxRSS / 1024;
      process.stderr.write(`torii: ${seconds.toFixed(2)} s, peak RSS ${peakMegabytes.toFixed(0)} MB\n`);
    }
    return status;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`torii: ${error.message}\nRun 'torii --help' for usage.\n`);
      return 2;
    }
    throw error;
  }
}

/** The `torii` command as a process runs it: `main`, and a quiet stop when the reader of its output goes away (`torii check | head`). */
export function runFromCommandLine(argv: string[]): void {
  limitHeapGrowth();
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = main(argv);
}

if (require.main === module) runFromCommandLine(process.argv.slice(2));
