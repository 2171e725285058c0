#!/usr/bin/env node
'use strict';

// 🗄 completion, left out one at a time: does the note the writer is about to link come first?
//
//   node bench/links.js [--dir DIR ...] [--repo DIR] [--max N] [--misses N]
//
// For every 🗄 target with a note part in backticks that leads somewhere (a note of the folder,
// or a note of another collection: a name Torii reads as such), the line is cut right after the
// opening backtick, the note is indexed again as it is then, and completion is asked there. Where
// does the note really written rank? First, in the top 5, and first once its first letter is
// typed (modelled as VS Code filters: items whose filter text starts with the letter first, in
// the server's order). Dead targets (typos, moved notes) are left out: their truth is not what
// was written.
//
// Default folders: the sample notes (`test-fixtures/notes-kb`), the five older real notes
// (`../shared/corpus/older-notes`, when there: most of their links name notes of the rest of
// their collection, which the five do not hold), and the generated 1,000-note workspace
// (`bench/workspaces/1k`, from bench/run.js; its links pick a note of the same topic or any at
// random, a habit no ranking can read much from, so it shows the cost more than the gain).
// It also prints how often a link names a note this note links already (above it or below).
//
// The core is bundled from `--repo` (default: this checkout) with esbuild, so the same script
// measures another checkout for the "before" figures.

const fs = require('fs');
const path = require('path');
const { loadCore, readWorkspace, afterTyping, fold, percent } = require('./citations.js');

const ROOT = path.resolve(__dirname, '..');

function parseArgs(argv) {
  const args = { dirs: [], repo: ROOT, max: 3000, misses: 0 };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i];
    if (argv[i] === '--dir') args.dirs.push(path.resolve(value()));
    else if (argv[i] === '--repo') args.repo = path.resolve(value());
    else if (argv[i] === '--max') args.max = Number(value());
    else if (argv[i] === '--misses') args.misses = Number(value());
    else {
      console.error('usage: node bench/links.js [--dir DIR ...] [--repo DIR] [--max N] [--misses N]');
      process.exit(2);
    }
  }
  if (args.dirs.length === 0) {
    args.dirs = [path.join(ROOT, 'test-fixtures/notes-kb'), path.resolve(ROOT, '../shared/corpus/older-notes'), path.join(ROOT, 'bench/workspaces/1k')];
  }
  return args;
}

const baseName = (token) => fold(token).replace(/^.*\//, '').replace(/\.md$/, '');

function measure(core, dir, args) {
  const texts = readWorkspace(dir);
  const index = new core.WorkspaceIndex({ readText: (file) => texts.get(file) });
  for (const [file, text] of texts) index.setNoteText(file, text);
  const options = core.resolverOptionsFor(path.basename(dir), []);
  // Every case first (the index as it is), then each is cut and asked in turn.
  const cases = [];
  for (const file of [...texts.keys()]) {
    const references = index.getNote(file)?.note.references ?? [];
    const written = references.filter((reference) => reference.file && !reference.file.bare && !reference.inFence);
    for (const reference of written) {
      const resolution = core.resolveReference(index, file, reference, options);
      let truth;
      if (resolution.status === 'resolved' && resolution.target) truth = { path: resolution.target.path };
      else if (resolution.status === 'external' && resolution.kind === 'foreign-note') truth = { name: baseName(reference.file.text) };
      else continue;
      const others = written.filter((other) => other !== reference).map((other) => baseName(other.file.text));
      cases.push({ file, reference, truth, linkedHere: others.includes(baseName(reference.file.text)), start: reference.file.range.start.character });
    }
    // The section after a note part (`🗄 \`metals.md\` patina`), cut after the note part and its space.
    for (const reference of written) {
      if (!reference.section || reference.section.quoted) continue;
      const resolution = core.resolveReference(index, file, reference, options);
      if (resolution.status !== 'resolved' || !resolution.target?.anchorText || resolution.target.line === 0) continue;
      cases.push({ file, reference, truth: { section: fold(resolution.target.anchorText) }, afterPath: true, start: reference.section.range.start.character });
    }
    // A section of the same note, written after the marker with no note part (`🗄 burr`).
    for (const reference of references) {
      if (reference.file || !reference.section || reference.section.quoted || reference.inFence || reference.form === 'block') continue;
      const resolution = core.resolveReference(index, file, reference, options);
      if (resolution.status !== 'resolved' || resolution.target?.path !== file || !resolution.target.anchorText || /bare-stem|book-entry/.test(resolution.kind)) continue;
      cases.push({ file, reference, truth: { section: fold(resolution.target.anchorText) }, sameNote: true, start: reference.section.range.start.character });
    }
  }
  // A fixed sample of a large folder: every k-th case.
  const step = Math.max(1, Math.ceil(cases.length / args.max));
  const sampled = cases.filter((_, at) => at % step === 0);
  const fresh = () => ({ cases: 0, linkedHere: 0, offered: 0, first: 0, top5: 0, afterLetter: 0 });
  const tallies = { links: fresh(), sections: fresh(), afterPath: fresh() };
  const misses = [];
  for (const { file, reference, truth, linkedHere, sameNote, afterPath, start } of sampled) {
    const tally = sameNote ? tallies.sections : afterPath ? tallies.afterPath : tallies.links;
    tally.cases++;
    const text = texts.get(file);
    const lines = text.split('\n');
    const cut = lines[reference.line].slice(0, start);
    const cutText = [...lines.slice(0, reference.line), cut, ...lines.slice(reference.line + 1)].join('\n');
    index.setNoteText(file, cutText);
    // A note item's detail is its path, then maybe why it ranks where it does (`… · after db.md in the list's order`).
    const isTruth = (item) => (truth.section ? item.kind === 'section' && fold(item.label) === truth.section : truth.path ? item.detail.split(' · ')[0] === truth.path : baseName(item.label) === truth.name);
    const items = core.computeCompletion(index, file, cut, { line: reference.line, character: cut.length }).items;
    const rank = items.findIndex(isTruth);
    const wanted = items[rank];
    const letter = (wanted ? wanted.label : truth.section ?? baseName(reference.file.text))[0] ?? '';
    const typedLine = cut + letter;
    const typed = afterTyping(core.computeCompletion(index, file, typedLine, { line: reference.line, character: typedLine.length }).items, letter);
    const typedRank = typed.findIndex(isTruth);
    index.setNoteText(file, text);
    tally.linkedHere += linkedHere ? 1 : 0;
    tally.offered += rank >= 0 ? 1 : 0;
    tally.first += rank === 0 ? 1 : 0;
    tally.top5 += rank >= 0 && rank < 5 ? 1 : 0;
    tally.afterLetter += typedRank === 0 ? 1 : 0;
    if (typedRank !== 0 && misses.length < args.misses) misses.push(`${file}:${reference.line + 1} ${reference.text} rank ${rank + 1}, after '${letter}' ${typedRank + 1}: got ${typed.slice(0, 3).map((item) => item.label).join(', ')}`);
  }
  return { tallies, misses, totalCases: cases.length };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const core = loadCore(args.repo, [
    "export { resolveReference } from './server/src/core/features/resolve';",
    "export { resolverOptionsFor } from './server/src/core/features/options';",
  ]);
  console.log(`🗄 completion, left out one at a time (core from ${path.relative(process.cwd(), args.repo) || '.'})`);
  for (const dir of args.dirs) {
    if (!fs.existsSync(dir)) {
      console.log(`\n${path.relative(process.cwd(), dir)}: not there, skipped`);
      continue;
    }
    const started = Date.now();
    const { tallies, misses, totalCases } = measure(core, dir, args);
    const t = tallies.links;
    const all = t.cases + tallies.sections.cases + tallies.afterPath.cases;
    console.log(`\n${path.relative(process.cwd(), dir)}: ${t.cases} links with a note part that lead somewhere${all < totalCases ? ` (every ${Math.ceil(totalCases / all)}th of ${totalCases} cases)` : ''}, ${percent(t.linkedHere, t.cases)} name a note this note links elsewhere too (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const print = (tally, what) => {
      console.log(`  ${what.padEnd(41)}${percent(tally.first, tally.cases).padStart(8)}`);
      console.log(`  in the top 5                             ${percent(tally.top5, tally.cases).padStart(8)}`);
      console.log(`  first after its first letter is typed    ${percent(tally.afterLetter, tally.cases).padStart(8)}`);
      console.log(`  offered at all (before a letter)         ${percent(tally.offered, tally.cases).padStart(8)}`);
    };
    print(t, 'the note linked is first');
    if (tallies.afterPath.cases > 0) {
      console.log(`  and ${tallies.afterPath.cases} sections written after a note part (\`🗄 \\\`metals.md\\\` patina\`):`);
      print(tallies.afterPath, 'the section is first');
    }
    if (tallies.sections.cases > 0) {
      console.log(`  and ${tallies.sections.cases} sections of the same note written with no note part (\`🗄 burr\`):`);
      print(tallies.sections, 'the section is first');
    }
    for (const miss of misses) console.log(`    miss: ${miss}`);
  }
}

main();
