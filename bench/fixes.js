#!/usr/bin/env node
'use strict';

// How good are Torii's dead-link fixes? Measured against the truth of a generated history.
//
//   node bench/fixes.js [--notes 1000] [--seed 20241] [--retitle P] [--dir DIR] [--regen] [--no-compile] [--examples N] [--by-kind] [--json FILE]
//
// It builds (once) a collection kept in git with bench/generate-history.js, whose truth file
// says where every 🗄 target's section or note lives at the end. Then, with git history on and
// off, on an in-memory copy of the notes:
//
//   1. resolves every target (Torii's core, the same code as `torii check`);
//   2. applies every fix offered for a dead link (all at once, as "Fix all" would, and also the
//      high-confidence ones alone);
//   3. resolves again, and compares where each fixed target now leads with the truth.
//
// Printed per mode: fixes offered per dead link that has a true home, fixed targets that now
// resolve, fixes that land at the truth, wrong fixes (resolving somewhere the author did not
// mean), fixes offered where the truth has none, and, to explain the misses, the stories
// (renamed, split, section moved, …) of the dead links without a fix and of the wrong fixes.
// `--by-kind` breaks the fixes offered down by confidence, the resolver's kind and whether the
// link names a section, each with where it led: what a confidence is worth for each class.
// The targets of issue 10: ≥ 98 % of fixed targets resolve, ≥ 95 % land at the truth, a fix on
// ≥ 90 % of the dead links with a true home, wrong fixes ≤ 1 %.

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const { RETITLE } = require('./generate-history.js');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'server', 'src');

function parseArguments(argv) {
  const options = { notes: 1000, seed: 20241, retitle: RETITLE, dir: undefined, regen: false, compile: true, examples: 0, json: undefined, byKind: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = () => {
      if (index + 1 >= argv.length) usage(`missing value for ${argument}`);
      return argv[++index];
    };
    if (argument === '--notes') options.notes = Number(value());
    else if (argument === '--seed') options.seed = Number(value());
    else if (argument === '--retitle') options.retitle = Number(value());
    else if (argument === '--dir') {
      options.dir = value();
      options.dirGiven = true;
    }
    else if (argument === '--regen') options.regen = true;
    else if (argument === '--no-compile') options.compile = false;
    else if (argument === '--examples') options.examples = Number(value());
    else if (argument === '--json') options.json = value();
    else if (argument === '--by-kind') options.byKind = true;
    else if (argument === '--help' || argument === '-h') usage();
    else usage(`unknown argument ${argument}`);
  }
  options.dir ??= path.join(ROOT, 'bench', 'workspaces', `history-${options.notes % 1000 === 0 ? `${options.notes / 1000}k` : options.notes}-${options.seed}`);
  return options;
}

function usage(message) {
  if (message) console.error(`fixes.js: ${message}`);
  console.error('usage: node bench/fixes.js [--notes N] [--seed S] [--retitle P] [--dir DIR] [--regen] [--no-compile] [--examples N] [--by-kind] [--json FILE]');
  process.exit(message ? 2 : 0);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`fixes.js: ${command} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

function listNotes(root) {
  const files = [];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.md')) files.push(child);
    }
  };
  walk('');
  return files.sort();
}

/** Torii's core over in-memory texts: the copy the fixes are applied to. */
function resolveAll(core, texts, history, options) {
  const index = new core.WorkspaceIndex({ readText: (file) => texts.get(file) });
  index.history = history;
  for (const [file, text] of texts) index.setNoteText(file, text);
  const { reports } = core.checkWorkspace(index, options);
  // Targets by file, line and order on the line: how the truth file names them.
  const byPlace = new Map();
  const perLine = new Map();
  for (const report of reports) {
    const lineKey = `${report.path}:${report.reference.range.start.line + 1}`;
    if (!perLine.has(lineKey)) perLine.set(lineKey, []);
    perLine.get(lineKey).push(report);
  }
  for (const [lineKey, list] of perLine) {
    list.sort((a, b) => a.reference.range.start.character - b.reference.range.start.character);
    list.forEach((report, order) => byPlace.set(`${lineKey}:${order}`, report));
  }
  return byPlace;
}

function applyEdits(text, edits) {
  const lines = text.split('\n');
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const edit of sorted) {
    // Fixes edit one line each (the file part, or a file part put before a section).
    const line = lines[edit.range.start.line];
    lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
  }
  return lines.join('\n');
}

const isDead = (resolution) => resolution.status === 'dead_file' || resolution.status === 'dead_section';

function landsAt(resolution, truth) {
  if (!truth || resolution.status !== 'resolved' || !resolution.target) return false;
  if (resolution.target.path !== truth.file) return false;
  return truth.note ? true : resolution.target.line + 1 === truth.line;
}

function percent(part, whole) {
  return whole ? `${((100 * part) / whole).toFixed(1)} %` : '–';
}

function measure(core, truth, texts, history, options, onlyHigh) {
  const before = resolveAll(core, texts, history, options);
  const figures = {
    targets: 0, dead: 0, deadWithHome: 0, offeredWithHome: 0, fixed: 0, resolvesAfter: 0, atTruth: 0, wrong: 0,
    offeredWithoutHome: 0, withoutHomeResolve: 0, staleNotDead: 0, resolvedElsewhere: 0, unmatched: 0, deadIntact: 0,
    noFixWithChoices: 0, noFixChoiceAtTruth: 0, noFixFirstChoiceAtTruth: 0, hintFixes: 0, hintFixAtTruth: 0, hintFixNoHome: 0,
  };
  const noFix = new Map();
  const wrongStories = new Map();
  const examples = { noFix: [], wrong: [], withoutHome: [], stillDead: [], elsewhere: [], staleNotDead: [], deadIntact: [], hintFixElsewhere: [] };
  const fixedTargets = [];
  const editsByFile = new Map();
  for (const target of truth.targets) {
    const key = `${target.file}:${target.line}:${target.index}`;
    const report = before.get(key);
    if (!report || report.reference.inFence) {
      figures.unmatched++;
      continue;
    }
    figures.targets++;
    const resolution = report.resolution;
    if (resolution.status === 'resolved' && target.truth && !landsAt(resolution, target.truth)) {
      figures.resolvedElsewhere++;
      examples.elsewhere.push(`${key} ${target.text} → ${resolution.target.path}:${resolution.target.line + 1}, meant ${target.truth.file}:${target.truth.line} [${target.story.join(',')}]`);
    }
    if (!isDead(resolution)) {
      // A hint's fix to look at (a note name nowhere here whose section one note has): where does it lead?
      if (resolution.status !== 'resolved' && resolution.fix && !onlyHigh) {
        figures.hintFixes++;
        const fixTarget = resolution.fix.target;
        if (!target.truth) {
          figures.hintFixNoHome++;
          examples.hintFixElsewhere.push(`${key} ${target.text} → ${fixTarget.path}:${fixTarget.line + 1}, meant nothing [${target.tag}]`);
        } else if (fixTarget.path === target.truth.file && (target.truth.note || fixTarget.line + 1 === target.truth.line)) figures.hintFixAtTruth++;
        else examples.hintFixElsewhere.push(`${key} ${target.text} → ${fixTarget.path}:${fixTarget.line + 1}, meant ${target.truth.file}:${target.truth.line} [${target.story.join(',')}]`);
      }
      if (target.truth && resolution.status !== 'resolved') {
        figures.staleNotDead++;
        examples.staleNotDead.push(`${key} ${target.text}: ${resolution.status} ${resolution.kind} (meant ${target.truth.file}:${target.truth.line}) [${target.story.join(',')}]`);
      }
      continue;
    }
    figures.dead++;
    const story = target.story.filter((event) => event !== 'note-only').join(',') || (target.truth?.note ? 'note' : 'intact');
    if (target.truth) figures.deadWithHome++;
    // Nothing happened to what it names and it is written as meant: a warning the author would not agree with.
    // (A link with no note part that is now in another note than its section moved with its line: stale.)
    const carried = !target.text.startsWith('`') && target.truth && target.truth.file !== target.file;
    if (target.truth && story === 'intact' && target.tag === 'meant' && !carried) {
      figures.deadIntact++;
      examples.deadIntact.push(`${key} ${target.text}: ${resolution.message} (meant ${target.truth.file}:${target.truth.line})`);
    }
    const fix = resolution.fix && (!onlyHigh || resolution.fix.confidence === 'high') ? resolution.fix : undefined;
    if (!fix) {
      // Fixes to pick (a few notes, nothing tells which): does one of them lead where the author meant?
      if (target.truth && !onlyHigh && resolution.choices?.length) {
        figures.noFixWithChoices++;
        if (resolution.choices.some((choice) => choice.target.path === target.truth.file)) figures.noFixChoiceAtTruth++;
        if (resolution.choices[0].target.path === target.truth.file) figures.noFixFirstChoiceAtTruth++;
      }
      if (target.truth) {
        const reason = `${story} → ${resolution.kind}`;
        noFix.set(reason, (noFix.get(reason) ?? 0) + 1);
        examples.noFix.push(`${key} ${target.text}: ${resolution.message} (meant ${target.truth.file}:${target.truth.line}) [${story}]`);
      }
      continue;
    }
    figures.fixed++;
    if (target.truth) figures.offeredWithHome++;
    else figures.offeredWithoutHome++;
    fixedTargets.push({ key, target, resolution, story });
    if (!editsByFile.has(target.file)) editsByFile.set(target.file, []);
    editsByFile.get(target.file).push(...fix.edits);
  }
  const fixedTexts = new Map(texts);
  for (const [file, edits] of editsByFile) fixedTexts.set(file, applyEdits(texts.get(file), edits));
  const after = resolveAll(core, fixedTexts, history, options);
  // How sure each fix said it was, and where it led: a `high` fix should land, a `low` one may not.
  const byConfidence = {};
  // The same by the resolver's kind, and whether the link names a section: what a confidence is worth for each class of fix.
  const byKind = new Map();
  for (const { key, target, resolution, story } of fixedTargets) {
    const now = after.get(key);
    if (!now) continue;
    const kind = `${resolution.fix.confidence ?? 'none'} ${resolution.status} ${resolution.kind}${before.get(key).reference.section ? ' + section' : ''}`;
    if (!byKind.has(kind)) byKind.set(kind, { offered: 0, atTruth: 0, wrong: 0, noHome: 0, stillDead: 0 });
    for (const tally of [(byConfidence[resolution.fix.confidence ?? 'none'] ??= { offered: 0, atTruth: 0, wrong: 0, noHome: 0, stillDead: 0 }), byKind.get(kind)]) {
      tally.offered++;
      if (!target.truth) tally.noHome++;
      else if (landsAt(now.resolution, target.truth)) tally.atTruth++;
      else if (now.resolution.status === 'resolved') tally.wrong++;
      else tally.stillDead++;
    }
    if (now.resolution.status === 'resolved') figures.resolvesAfter++;
    else examples.stillDead.push(`${key} ${target.text} → ${now.reference.text}: ${now.resolution.message} [${story}]`);
    if (now.resolution.status === 'resolved' && !target.truth) {
      figures.withoutHomeResolve++;
      examples.withoutHome.push(`${key} ${target.text} → ${now.reference.text} → ${now.resolution.target.path}:${now.resolution.target.line + 1} [${story}; ${resolution.kind}]`);
    }
    if (landsAt(now.resolution, target.truth)) figures.atTruth++;
    else if (now.resolution.status === 'resolved' && target.truth) {
      figures.wrong++;
      const reason = `${story} → ${resolution.kind}`;
      wrongStories.set(reason, (wrongStories.get(reason) ?? 0) + 1);
      examples.wrong.push(`${key} ${target.text} → ${now.reference.text} → ${now.resolution.target.path}:${now.resolution.target.line + 1}, meant ${target.truth ? `${target.truth.file}:${target.truth.line}` : 'nothing'} [${story}; ${resolution.kind}]`);
    }
  }
  return { figures, noFix, wrongStories, examples, byConfidence, byKind };
}

function printMode(title, result, examplesWanted, byKindWanted) {
  const f = result.figures;
  console.log(`\n${title}`);
  console.log(`  targets ${f.targets}, dead ${f.dead} (${f.deadWithHome} with a true home)`);
  console.log(`  fix offered per dead link with a true home  ${f.offeredWithHome} / ${f.deadWithHome}  ${percent(f.offeredWithHome, f.deadWithHome)}   (target ≥ 90 %)`);
  console.log(`  fixed targets that now resolve              ${f.resolvesAfter} / ${f.fixed}  ${percent(f.resolvesAfter, f.fixed)}   (target ≥ 98 %)`);
  console.log(`  fixes that land at the truth                ${f.atTruth} / ${f.offeredWithHome}  ${percent(f.atTruth, f.offeredWithHome)}   (target ≥ 95 %)`);
  console.log(`  wrong fixes (resolve elsewhere than meant)  ${f.wrong} / ${f.fixed}  ${percent(f.wrong, f.fixed)}   (target ≤ 1 %)`);
  console.log(`  fixes offered where the truth has none      ${f.offeredWithoutHome} (${f.withoutHomeResolve} of them now resolve somewhere)`);
  console.log(`  stale targets not reported dead (hints)     ${f.staleNotDead}`);
  console.log(`  resolved, but not where the author meant    ${f.resolvedElsewhere}`);
  console.log(`  dead, though nothing happened to its target ${f.deadIntact}   (target 0)`);
  if (f.hintFixes > 0) console.log(`  hints with a fix to look at: at the truth ${f.hintFixAtTruth} / ${f.hintFixes}, where the truth has none ${f.hintFixNoHome}, elsewhere ${f.hintFixes - f.hintFixAtTruth - f.hintFixNoHome}`);
  if (f.noFixWithChoices > 0) console.log(`  no fix, but fixes to pick: one of them leads to the truth's note ${f.noFixChoiceAtTruth} / ${f.noFixWithChoices}, the first ${f.noFixFirstChoiceAtTruth}`);
  if (result.byConfidence && Object.keys(result.byConfidence).length > 1) {
    const rows = ['high', 'medium', 'low'].filter((level) => result.byConfidence[level]).map((level) => {
      const c = result.byConfidence[level];
      return `${level} ${c.offered}: at the truth ${c.atTruth} (${percent(c.atTruth, c.offered)}), wrong ${c.wrong}, where the truth has none ${c.noHome}, still dead ${c.stillDead}`;
    });
    console.log(`  by confidence: ${rows.join('; ')}`);
  }
  if (result.byKind && byKindWanted) {
    console.log('    by confidence, status and kind (+ section: the link names one): offered, at the truth, wrong, where the truth has none, still dead');
    for (const [kind, c] of [...result.byKind].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`      ${kind.padEnd(52)}${String(c.offered).padStart(6)}${String(c.atTruth).padStart(6)}${String(c.wrong).padStart(6)}${String(c.noHome).padStart(6)}${String(c.stillDead).padStart(6)}`);
  }
  const top = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([reason, n]) => `      ${String(n).padStart(5)}  ${reason}`).join('\n');
  if (result.noFix.size) console.log(`    dead links with a true home and no fix, by story → Torii's kind:\n${top(result.noFix)}`);
  if (result.wrongStories.size) console.log(`    wrong fixes, by story → Torii's kind:\n${top(result.wrongStories)}`);
  if (examplesWanted > 0) {
    for (const [name, list] of Object.entries(result.examples)) {
      if (!list.length) continue;
      console.log(`    examples (${name}):`);
      for (const line of list.slice(0, examplesWanted)) console.log(`      ${line}`);
    }
  }
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  // The default collection, made with another chance of sections renamed in place (before there were any: 0), is made again.
  const made = fs.existsSync(`${options.dir}.truth.json`) ? JSON.parse(fs.readFileSync(`${options.dir}.truth.json`, 'utf8')) : undefined;
  const otherRetitle = !options.dirGiven && made && (made.retitle ?? 0) !== options.retitle;
  if (options.regen || !fs.existsSync(path.join(options.dir, '.git')) || !made || otherRetitle) {
    run(process.execPath, [path.join(__dirname, 'generate-history.js'), '--notes', String(options.notes), '--seed', String(options.seed), '--retitle', String(options.retitle), '--out', options.dir]);
  }
  if (options.compile) run('npx', ['tsc', '-p', 'tsconfig.test.json']);
  const core = {
    ...require(path.join(OUT, 'core', 'index', 'workspaceIndex.js')),
    ...require(path.join(OUT, 'core', 'features', 'check.js')),
    ...require(path.join(OUT, 'core', 'features', 'options.js')),
  };
  const { loadGitHistory } = require(path.join(OUT, 'node', 'gitHistory.js'));
  const truth = JSON.parse(fs.readFileSync(`${options.dir}.truth.json`, 'utf8'));
  const texts = new Map(listNotes(options.dir).map((file) => [file, fs.readFileSync(path.join(options.dir, file), 'utf8')]));
  const history = loadGitHistory(options.dir).history;
  if (!history) {
    console.error('fixes.js: could not read the git history of the generated collection');
    process.exit(1);
  }
  const resolverOptions = core.resolverOptionsFor(path.basename(options.dir), []);
  console.log(`${path.relative(ROOT, options.dir)}: ${texts.size} notes, ${truth.commits} commits, ${truth.targets.length} targets (${truth.withTrueHome} with a true home, ${truth.staleWithTrueHome} of them no longer where they were written)`);
  const results = {};
  for (const [name, withHistory] of [['history on', true], ['history off', false]]) {
    const started = process.hrtime.bigint();
    const all = measure(core, truth, texts, withHistory ? history : undefined, resolverOptions, false);
    const confident = measure(core, truth, texts, withHistory ? history : undefined, resolverOptions, true);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    printMode(`${name}: every fix offered (${seconds.toFixed(1)} s for both passes)`, all, options.examples, options.byKind);
    printMode(`${name}: high-confidence fixes only (what Fix all and \`torii fix\` apply)`, confident, options.examples);
    results[name] = { all: all.figures, high: confident.figures };
  }
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
}

main();
