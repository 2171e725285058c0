#!/usr/bin/env node
'use strict';

// How far "author first after one letter" can go on the generated workspaces: a ceiling for
// bench/citations.js's hardest figure (target 88 %).
//
//   node bench/citations-ceiling.js [--seeds 11,12,…] [--regen]
//
// generate-citations.js's writer takes each 📙 author from a known mixture (its `chooseAuthor`):
// one of the last two authors cited, one of the section's focus authors, one of the note's
// authors by how much the note leans on them, one of the topic folder's authors, a prolific
// author, anyone. With `--hidden` it also writes the state behind those choices (generated here
// when missing; the notes stay byte-identical). This script ranks with the writer's own
// probabilities, a Bayes ranking, on bench/citations.js's cuts: each citation that starts with
// an author is cut after `📙 `, the candidates are the authors the workspace still names (cited
// or 📚-listed) that the plan cites, and those starting with the author's first letter are
// compared. The author is first when every other has a lower probability. The other citations'
// authors are the truth's (a typo counts as the author meant).
//
// The rankings, from the one the writer's state tells most to the one it tells least:
//
// * full state: the last authors cited, the section's focus, the note's authors and leans; and
//   each later citation of the note as a likelihood factor, since the candidate changes what
//   the writer remembers. "Earlier citations only" leaves those factors out.
// * focus, forgetting marginalised: the section's focus and whether it forgot the last authors
//   cited are summed over, given the section's other citations and the later ones.
// * note authors from its text: the pool is the authors cited elsewhere in the note, by count,
//   then those of its 📚 lists, with the generator's leans by rank.
// * weights and topics from text: an author's weight is their share of the workspace's
//   citations, a topic's authors are those cited under its folder (the cut note left out).
//
// Even the last still reads from the hidden state what the section starts with (the last
// authors cited before it, which depends on the earlier sections' forgetting), the later
// sections' focus and forgetting, and which names are authors the plan cites (fewer
// competitors). On average knowing more only helps a Bayes ranking, so one that reads nothing
// but the text would stay below it.
// Torii's figure is measured beside them on the same cuts, as bench/citations.js does.

const fs = require('fs');
const path = require('path');
const { loadCore, readWorkspace, generatedDir, generateUnlessThere, cutAtMarker, afterTyping, authorRank, fold, percent } = require('./citations.js');
const { TRUTH_FILE, HIDDEN_FILE } = require('./generate-citations.js');

const ROOT = path.resolve(__dirname, '..');

const RANKINGS = [
  ['full', 'full state and later citations'],
  ['earlier', 'full state, earlier citations only'],
  ['marginal', 'focus, forgetting marginalised'],
  ['notePool', 'same, note authors from its text'],
  ['textPlan', 'same, weights and topics from text'],
  ['torii', 'Torii'],
];

function parseArgs(argv) {
  const args = { seeds: [11, 12, 13, 14, 15], regen: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seeds' && i + 1 < argv.length) args.seeds = argv[++i].split(',').map(Number);
    else if (a === '--regen') args.regen = true;
    else {
      if (a !== '-h' && a !== '--help') console.error(`citations-ceiling.js: unknown argument ${a}`);
      console.error('usage: node bench/citations-ceiling.js [--seeds 11,12,…] [--regen]');
      process.exit(a === '-h' || a === '--help' ? 0 : 2);
    }
  }
  return args;
}

/**
 * What the writer knows of the workspace: each cited author's weight and each topic's authors.
 * An author missing from `weights` is never taken as a prolific or a random one.
 */
function writerPlan(weights, topicAuthors, citedCount) {
  const weightSum = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  const topicSum = new Map([...topicAuthors].map(([topic, authors]) => [topic, authors.reduce((sum, author) => sum + (weights.get(author) ?? 0) + 0.01, 0)]));
  return { weights, weightSum, topicAuthors, topicSum, citedCount };
}

/** A note's authors with their leans, as `chooseAuthor` weighs them. */
function notePool(topic, pool) {
  return { topic, pool, leanSum: pool.reduce((sum, entry) => sum + entry.lean, 0) };
}

/** The chance that the writer's next citation is `author`: chooseAuthor's mixture. */
function chanceOf(chances, plan, author, lastCited, focus, note) {
  let p = 0;
  // A repeat takes the last author, or the one before it (`alternate`; 0.1 before it was a setting).
  const alternate = chances.alternate ?? 0.1;
  if (lastCited.length) p += chances.repeat * ((1 - alternate) * (author === lastCited[0]) + alternate * (author === lastCited[lastCited.length - 1]));
  p += ((lastCited.length ? chances.focus - chances.repeat : chances.focus) * focus.filter((name) => name === author).length) / focus.length;
  const entry = note.pool.find((candidate) => candidate.author === author);
  if (entry) p += ((chances.pool - chances.focus) * entry.lean) / note.leanSum;
  if (plan.topicAuthors.get(note.topic).includes(author)) p += ((chances.topic - chances.pool) * (plan.weights.get(author) + 0.01)) / plan.topicSum.get(note.topic);
  if (plan.weights.has(author)) p += ((chances.global - chances.topic) * plan.weights.get(author)) / plan.weightSum + (1 - chances.global) / plan.citedCount;
  return p;
}

const remember = (lastCited, author) => [author, ...lastCited.filter((other) => other !== author)].slice(0, 2);
const sameAuthors = (a, b) => a.length === b.length && a.every((name, index) => name === b[index]);

/**
 * Each note's events in text order: its sections (`forgets`, `lastCited` before, `focus`) and
 * the citations whose author a habit chose (`author`, `lastCited`, `focus`, `truthIndex`).
 */
function noteEvents(truth, hidden) {
  const events = new Map(hidden.notes.map((note) => [note.file, []]));
  const sectionsLeft = new Map(hidden.notes.map((note) => [note.file, [...note.sections]]));
  const focus = new Map();
  const upTo = (file, line) => {
    const sections = sectionsLeft.get(file);
    while (sections.length && sections[0].line < line) {
      const section = sections.shift();
      focus.set(file, section.focus);
      events.get(file).push({ section: true, ...section });
    }
  };
  truth.citations.forEach((citation, truthIndex) => {
    upTo(citation.file, citation.line);
    const state = hidden.citations[truthIndex];
    if (state) events.get(citation.file).push({ author: citation.items[0].author, lastCited: state.lastCited, focus: focus.get(citation.file), truthIndex });
  });
  for (const file of events.keys()) upTo(file, Infinity);
  return events;
}

/**
 * The chance of the note's citations from event `from` on, the writer remembering `lastCited`
 * before them, each with the focus `focusOf` gives and the sections' true forgetting.
 */
function laterChance(chances, plan, note, events, from, lastCited, focusOf) {
  let p = 1;
  for (let k = from; p > 0 && k < events.length; k++) {
    const event = events[k];
    if (event.section) {
      if (event.forgets) lastCited = [];
      continue;
    }
    // From here on the writer's memory is what it was: the candidate changes nothing more.
    if (sameAuthors(lastCited, event.lastCited)) break;
    p *= chanceOf(chances, plan, event.author, lastCited, focusOf(event), note);
    lastCited = remember(lastCited, event.author);
  }
  return p;
}

/** The full-state probability of `author` at event `at`, times (with `later`) that of the note's later citations. */
function fullState(chances, plan, note, events, at, author, later) {
  const here = events[at];
  const p = chanceOf(chances, plan, author, here.lastCited, here.focus, note);
  if (!later || p === 0) return p;
  return p * laterChance(chances, plan, note, events, at + 1, remember(here.lastCited, author), (event) => event.focus);
}

/**
 * The probability of `author` at event `at` with the section's focus and forgetting summed over
 * (every focus `section` could draw from the pool), given the section's other citations and the
 * later ones (with their true focus and forgetting).
 */
function marginalised(chances, plan, note, events, at, author) {
  let start = at;
  while (!events[start].section) start--;
  let end = at + 1;
  while (end < events.length && !events[end].section) end++;
  // A later section's focus outside the pool (the pool read from the text) becomes the pool's first author.
  const laterFocus = (event) => (event.focus.some((name) => note.pool.some((entry) => entry.author === name)) ? event.focus : [note.pool[0]?.author]);
  const leanSum = note.leanSum;
  // section() draws one focus author by lean and, four times in ten, a second one.
  const foci = [];
  for (const x of note.pool) {
    foci.push([[x.author], (0.6 * x.lean) / leanSum]);
    for (const y of note.pool) foci.push([[x.author, y.author], (0.4 * x.lean * y.lean) / leanSum / leanSum]);
  }
  let total = 0;
  for (const forgets of [true, false]) {
    for (const [focus, focusChance] of foci) {
      let lastCited = forgets ? [] : events[start].lastCited;
      let p = 0.5 * focusChance;
      for (let k = start + 1; k < end && p > 0; k++) {
        const who = k === at ? author : events[k].author;
        p *= chanceOf(chances, plan, who, lastCited, focus, note);
        lastCited = remember(lastCited, who);
      }
      if (p > 0) total += p * laterChance(chances, plan, note, events, end, lastCited, laterFocus);
    }
  }
  return total;
}

/** The note's authors as its text shows them: cited elsewhere in it by count, then listed in it; leans by rank. */
function poolFromText(truth, file, cutIndex, cutNote, nameOf) {
  const counts = new Map();
  truth.citations.forEach((citation, truthIndex) => {
    if (citation.file !== file || truthIndex === cutIndex) return;
    for (const item of citation.items) if (item.author && nameOf.has(fold(item.author))) counts.set(item.author, (counts.get(item.author) ?? 0) + 1);
  });
  for (const list of cutNote.bookLists) {
    for (const entry of list.entries) if (entry.author && nameOf.has(fold(entry.author)) && !counts.has(nameOf.get(fold(entry.author)))) counts.set(nameOf.get(fold(entry.author)), 0);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([author], rank) => ({ author, lean: 1 / Math.pow(rank + 1, 1.5) }));
}

/** The plan as the cut workspace shows it: weights from citation counts, topics from the notes under each top folder. */
function planFromText(index, file, topics, nameOf, citedCount) {
  const weights = new Map();
  for (const key of index.citedAuthors()) if (nameOf.has(key)) weights.set(nameOf.get(key), index.citationCount(key));
  const citations = [...weights.values()].reduce((sum, count) => sum + count, 0);
  for (const [author, count] of weights) weights.set(author, count / citations);
  const topicAuthors = new Map();
  for (const topic of topics) {
    const authors = new Set();
    for (const other of index.notesUnder(topic)) {
      if (other === file) continue;
      for (const citation of index.getNote(other).note.citations) for (const item of citation.items) if (item.author && nameOf.has(fold(item.author))) authors.add(nameOf.get(fold(item.author)));
    }
    topicAuthors.set(topic, [...authors]);
  }
  return writerPlan(weights, topicAuthors, citedCount);
}

function measure(core, dir) {
  const truth = JSON.parse(fs.readFileSync(path.join(dir, TRUTH_FILE), 'utf8'));
  const hidden = JSON.parse(fs.readFileSync(path.join(dir, HIDDEN_FILE), 'utf8'));
  const files = readWorkspace(dir);
  const index = new core.WorkspaceIndex({ readText: (file) => files.get(file) });
  for (const [file, text] of files) index.setNoteText(file, text);
  const { chances } = hidden;
  const plan = writerPlan(new Map(hidden.cited.map((entry) => [entry.author, entry.weight])), new Map(hidden.topics.map((topic) => [topic.topic, topic.authors])), hidden.cited.length);
  const nameOf = new Map(hidden.cited.map((entry) => [fold(entry.author), entry.author]));
  const notes = new Map(hidden.notes.map((note) => [note.file, notePool(note.topic, note.pool)]));
  const eventsOf = noteEvents(truth, hidden);
  const where = new Map();
  for (const events of eventsOf.values()) events.forEach((event, at) => event.section || where.set(event.truthIndex, { events, at }));
  const tally = Object.fromEntries(RANKINGS.map(([key]) => [key, 0]));
  tally.cases = 0;

  truth.citations.forEach((citation, truthIndex) => {
    const author = citation.items[0].author;
    if (!author) return;
    tally.cases++;
    const text = files.get(citation.file);
    const { text: cutText, cut } = cutAtMarker(text, citation);
    index.setNoteText(citation.file, cutText);
    const letter = author[0];
    const typed = afterTyping(core.computeCompletion(index, citation.file, cut + letter, { line: citation.line, character: cut.length + 1 }).items, letter);
    tally.torii += authorRank(typed, author) === 1 ? 1 : 0;
    const known = new Set([...index.listedAuthors(), ...index.citedAuthors()].map(fold));
    const candidates = [...known].filter((key) => nameOf.has(key) && key[0] === fold(letter)).map((key) => nameOf.get(key));
    const spot = where.get(truthIndex);
    // A title used as an author is no habit's choice, and the ranking cannot offer an author nobody else names.
    if (!spot || !candidates.includes(author)) {
      index.setNoteText(citation.file, text);
      return;
    }
    const { events, at } = spot;
    const note = notes.get(citation.file);
    const textNote = notePool(note.topic, poolFromText(truth, citation.file, truthIndex, index.getNote(citation.file).note, nameOf));
    const textPlan = planFromText(index, citation.file, hidden.topics.map((topic) => topic.topic), nameOf, hidden.cited.length);
    index.setNoteText(citation.file, text);
    const probability = {
      full: (name) => fullState(chances, plan, note, events, at, name, true),
      earlier: (name) => fullState(chances, plan, note, events, at, name, false),
      marginal: (name) => marginalised(chances, plan, note, events, at, name),
      notePool: (name) => marginalised(chances, plan, textNote, events, at, name),
      textPlan: (name) => marginalised(chances, textPlan, textNote, events, at, name),
    };
    for (const [key, of] of Object.entries(probability)) {
      const mine = of(author);
      if (candidates.every((other) => other === author || of(other) < mine)) tally[key]++;
    }
  });
  return { seed: truth.seed, tally };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const dirs = args.seeds.map((seed) => {
    const dir = generatedDir(seed);
    generateUnlessThere(dir, seed, { regen: args.regen, file: HIDDEN_FILE, extra: ['--hidden'] });
    return dir;
  });
  const core = loadCore(ROOT);
  const results = dirs.map((dir) => measure(core, dir));
  const total = { cases: 0 };
  for (const { tally } of results) for (const [key, value] of Object.entries(tally)) total[key] = (total[key] ?? 0) + value;
  const columns = [...results.map(({ seed, tally }) => [`seed ${seed}`, tally]), ...(results.length > 1 ? [['all', total]] : [])];
  console.log(`first after one letter, ${total.cases} citations that start with an author (target 88 %)`);
  console.log(`  ${''.padEnd(36)}${columns.map(([name]) => name.padStart(9)).join('')}`);
  for (const [key, label] of RANKINGS) console.log(`  ${label.padEnd(36)}${columns.map(([, tally]) => percent(tally[key], tally.cases).padStart(9)).join('')}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main();
