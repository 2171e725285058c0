#!/usr/bin/env node
'use strict';

// How well 📙 completion guesses the author a writer really wrote: a leave-one-out measurement.
//
//   node bench/citations.js [--seeds 11,12,…] [--labels] [--line-words] [--sorted-lists] [--author-titles] [--workspace DIR] [--fixtures DIR] [--real DIR] [--repo DIR] [--regen] [--json FILE] [--misses HABIT]
//
// For every 📙 citation whose first item is an author, the citation is cut right after `📙 `,
// the note is re-indexed with the rest of the workspace as it is, and completion is asked at
// that point. Where does the author really written rank? First, in the top 5, and first once
// its first letter is typed. And does the completion keep the book: is the highest book item of
// that author the book really meant, and does the author's top item insert what was written
// (the bare name when no title was written, the right book when one was)? For citations written
// with a title, the citation is also cut after the author and a space (`📙 Chang ▮`): is the
// first title offered the book meant?
//
// Two kinds of workspace: the sample notes (`test-fixtures/notes-kb`; there the truth is what
// Torii parses) and ones from `bench/generate-citations.js` (default seed 11 in
// `bench/workspaces/citations`, `--seeds 11,12,13` for several, each generated when missing;
// with `--labels`, with the writer's label habits, `generate-citations.js --labels`, in
// `bench/workspaces/citations-labels-SEED`; with `--line-words`, with the writer's habit of
// starting lines that cite a source with the same two words, `generate-citations.js --line-words`,
// in `bench/workspaces/citations-line-words-SEED`; with `--sorted-lists`, with the writer's habit of
// keeping 📚 lists in alphabetical order, in `bench/workspaces/citations-sorted-lists-SEED`; with
// `--author-titles`, with the writer's habit of citing each author with a title or without from
// note to note, in `bench/workspaces/citations-author-titles-SEED`). Their
// `.torii-citations.json` says which words are
// authors, which book each citation means, which words are commentary and which names are typos.
// On those it also counts commentary words among the parsed authors (the target is 0), junk in
// "cited, never listed", and the typo citations that get the unknown-author hint.
//
// The core is bundled from `--repo` (default: this checkout) with esbuild, so the same script
// measures another checkout (`--repo ../main` gives the "before" figures). Two reference
// rankings are measured beside it on the same data and the same parse: "plain", the nearest
// occurrence of an author in the same note first, then the 📚-listed authors, then the others,
// each by how often they are cited; and "tiers", issue 11's description taken literally
// (authors cited or listed in the same section, then the same note by distance, then every 📚
// list, then any author cited; frequency breaks ties). Typing a letter is modelled as VS Code
// filters: items whose filter text starts with the letter come first, in the server's order,
// then the other matches.
//
// The generator records where its writer took each citation's author from (the last author
// cited, the section's authors, the note's, the topic folder's, the prolific ones, or anyone at
// random), and the figures are also given per habit. `--misses HABIT` prints every citation of
// that habit whose author is not first once its letter is typed, with both items' details.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const TRUTH_FILE = '.torii-citations.json';
const TARGETS = { first: 55, top5: 85, afterLetter: 88 };
/** Five real notes of the collection (CI has `../shared` beside the checkout; a clone may not). */
const REAL_NOTES = path.join(ROOT, '..', 'shared', 'corpus', 'older-notes');

function parseArgs(argv) {
  const args = { workspace: undefined, seeds: [11], labels: false, lineWords: false, sortedLists: false, authorTitles: false, fixtures: path.join(ROOT, 'test-fixtures/notes-kb'), real: REAL_NOTES, repo: ROOT, regen: false, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--workspace') args.workspace = path.resolve(value());
    else if (a === '--seeds') args.seeds = value().split(',').map(Number);
    else if (a === '--labels') args.labels = true;
    else if (a === '--line-words') args.lineWords = true;
    else if (a === '--sorted-lists') args.sortedLists = true;
    else if (a === '--author-titles') args.authorTitles = true;
    else if (a === '--fixtures') args.fixtures = path.resolve(value());
    else if (a === '--real') args.real = path.resolve(value());
    else if (a === '--repo') args.repo = path.resolve(value());
    else if (a === '--regen') args.regen = true;
    else if (a === '--json') args.json = path.resolve(value());
    else if (a === '--misses') args.misses = value();
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  return args;
}

function usage(message) {
  if (message) console.error(`citations.js: ${message}`);
  console.error('usage: node bench/citations.js [--seeds 11,12,…] [--labels] [--line-words] [--sorted-lists] [--author-titles] [--workspace DIR] [--fixtures DIR] [--real DIR] [--repo DIR] [--regen] [--json FILE] [--misses HABIT]');
  process.exit(message ? 2 : 0);
}

/** Bundles the core of `repo` into one CommonJS file and loads it; `more` adds export lines (bench/links.js). */
function loadCore(repo, more = []) {
  const esbuild = require(path.join(ROOT, 'node_modules/esbuild'));
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torii-citations-')), 'core.js');
  esbuild.buildSync({
    stdin: {
      contents: [
        "export { WorkspaceIndex } from './server/src/core/index/workspaceIndex';",
        "export { computeCompletion } from './server/src/core/features/completion';",
        "export { checkWorkspace } from './server/src/core/features/check';",
        ...more,
      ].join('\n'),
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
  });
  return require(outfile);
}

function readWorkspace(root) {
  const files = new Map();
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) files.set(path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

const fold = (text) => text.toLowerCase();
const titleWords = (title) => fold(title).replace(/[-–—/]/g, ' ').split(/\s+/).filter(Boolean);

/** True when one title's words begin the other's (`on food` and `on food and cooking`). */
function titlesAgree(a, b) {
  const x = titleWords(a);
  const y = titleWords(b);
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((word, index) => long[index] === word) || (short.length === 1 && long.includes(short[0]));
}

/** What a citation writes between its first word and its locator (`Craft` of `📙 Seed Craft [12]`), undefined when nothing. */
function titleAfterName(text, citation) {
  const line = text.split('\n')[citation.line];
  const match = /^📙\uFE0F?\s+\S+\s+(.+?)\s+\[/u.exec(line.slice(citation.column));
  return match ? match[1] : undefined;
}

/** The citations to measure: from the truth file, or (without one) from Torii's own parse. */
function casesOf(core, files, truth) {
  if (truth) {
    const books = new Map(truth.books.map((book) => [book.id, book]));
    return truth.citations
      .filter((citation) => citation.items[0].author)
      .map((citation) => {
        const item = citation.items[0];
        const book = item.book ? books.get(item.book) : undefined;
        // A title used as an author (`📙 Seed Craft [12]`, the author `Seed`) writes the rest of it after the name.
        const title = item.titleAsAuthor ? titleAfterName(files.get(citation.file), citation) : item.title;
        return { file: citation.file, line: citation.line, column: citation.column, author: item.author, written: item.written ?? item.author, title, bookTitles: book ? [book.title, book.short] : [], choice: item.choice ?? (item.titleAsAuthor ? 'title-as-author' : undefined) };
      });
  }
  const index = new core.WorkspaceIndex({ readText: (file) => files.get(file) });
  for (const [file, text] of files) index.setNoteText(file, text);
  const cases = [];
  for (const file of files.keys()) {
    for (const citation of index.getNote(file).note.citations) {
      const item = citation.items[0];
      if (!item || item.kind !== 'author' || !item.author) continue;
      cases.push({ file, line: citation.line, column: citation.markerRange.start.character, author: item.author, written: item.author, title: item.title, bookTitles: item.title ? [item.title] : [] });
    }
  }
  return cases;
}

/** Which author (and which book, if any) a completion item proposes. */
function proposalOf(item) {
  return { author: fold(item.author ?? item.label), book: item.bookTitle };
}

/** VS Code's order once a letter is typed: matches at the start of the filter text first. */
function afterTyping(items, letter) {
  const starts = (item) => fold(item.filterText ?? item.label).startsWith(fold(letter));
  return [...items.filter(starts), ...items.filter((item) => !starts(item))];
}

function authorRank(items, author) {
  const order = [];
  for (const item of items) {
    const proposed = proposalOf(item).author;
    if (!order.includes(proposed)) order.push(proposed);
    if (proposed === fold(author)) return order.length;
  }
  return Infinity;
}

/**
 * What the two reference rankings read of a cut citation's surroundings: each author's distance
 * in lines from the cut (citations and 📚 entries of the same note), which of them occur in
 * `section` (a heading's scope, when given), how often each is cited elsewhere, and every author.
 */
function surroundings(index, file, line, section) {
  const note = index.getNote(file).note;
  const distance = new Map();
  const inSection = new Set();
  const near = (author, at) => {
    const key = fold(author);
    if (section && at >= section.line && at <= section.endLine) inSection.add(key);
    const d = Math.abs(at - line);
    if (!distance.has(key) || d < distance.get(key)) distance.set(key, d);
  };
  for (const citation of note.citations) if (citation.line !== line) for (const item of citation.items) if (item.author) near(item.author, citation.line);
  for (const list of note.bookLists) for (const entry of list.entries) if (entry.author) near(entry.author, entry.line);
  const count = (author) => index.citationsOfAuthor(author).filter((citation) => !(citation.path === file && citation.line === line)).length;
  const listed = new Set(index.listedAuthors());
  const all = [...new Set([...index.listedAuthors(), ...index.citedAuthors()])];
  return { distance, inSection, count, listed, all };
}

/** The floor: nearest occurrence in the same note, then listed authors, then the rest, by citation count. */
function plainRanking(index, file, line) {
  const { distance, count, listed, all } = surroundings(index, file, line);
  const tier = (author) => (distance.has(author) ? 0 : listed.has(author) ? 1 : 2);
  all.sort((a, b) => tier(a) - tier(b) || (tier(a) === 0 ? distance.get(a) - distance.get(b) : 0) || count(b) - count(a) || (a < b ? -1 : 1));
  return all.map((author) => ({ label: author, filterText: author }));
}

/** Issue 11's tiers taken literally: cited or listed in the section, then in the note by distance, then listed, then cited; by count within. */
function tierRanking(index, file, line) {
  let section;
  for (const anchor of index.getNote(file).note.anchors) {
    if (anchor.kind === 'heading' && anchor.role !== 'title' && anchor.line <= line && anchor.endLine >= line && (!section || anchor.line > section.line)) section = anchor;
  }
  const { distance, inSection, count, listed, all } = surroundings(index, file, line, section);
  const tier = (author) => (inSection.has(author) ? 0 : distance.has(author) ? 1 : listed.has(author) ? 2 : 3);
  all.sort((a, b) => tier(a) - tier(b) || (tier(a) <= 1 ? distance.get(a) - distance.get(b) : 0) || count(b) - count(a) || (a < b ? -1 : 1));
  return all.map((author) => ({ label: author, filterText: author }));
}

/**
 * The note's text with `citation` cut right after its `📙 ` (any variation selector kept), and
 * the cut line: the writer is about to type the author.
 */
function cutAtMarker(text, citation) {
  const lines = text.split('\n');
  const original = lines[citation.line];
  let markerEnd = citation.column + 2;
  while (original.charCodeAt(markerEnd) === 0xfe0f) markerEnd++;
  const cut = `${original.slice(0, markerEnd)} `;
  lines[citation.line] = cut;
  return { text: lines.join('\n'), cut };
}

/** The note with the citation cut right after its author's name and a space (`📙 Chang ▮`); no cut when the name is not written there. */
function cutAfterAuthor(text, citation) {
  const lines = text.split('\n');
  const original = lines[citation.line];
  let at = citation.column + 2;
  while (original.charCodeAt(at) === 0xfe0f) at++;
  const rest = original.slice(at);
  const written = /^\s*/.exec(rest)[0] + citation.written;
  if (!rest.startsWith(written) || !/^\s/.test(rest.slice(written.length))) return { text, cut: undefined };
  const cut = `${original.slice(0, at)}${written} `;
  lines[citation.line] = cut;
  return { text: lines.join('\n'), cut };
}

/** Where the author ranks in `items`: first, in the top 5, first once its first letter is typed. */
function scoreRanking(tally, prefix, items, typedItems, author, choice) {
  const rank = authorRank(items, author);
  const scores = { first: rank === 1, top5: rank <= 5, afterLetter: authorRank(typedItems, author) === 1 };
  for (const [key, hit] of Object.entries(scores)) tally[`${prefix}${key}`] += hit ? 1 : 0;
  // Per habit of the generated writer (where the citation's author came from), for Torii's ranking.
  if (prefix === '' && choice) {
    const habit = (tally.byChoice[choice] ??= { cases: 0, first: 0, top5: 0, afterLetter: 0 });
    habit.cases++;
    for (const [key, hit] of Object.entries(scores)) habit[key] += hit ? 1 : 0;
  }
}

function measure(core, files, truth, misses) {
  const index = new core.WorkspaceIndex({ readText: (file) => files.get(file) });
  for (const [file, text] of files) index.setNoteText(file, text);
  const cases = casesOf(core, files, truth);
  const tally = { cases: cases.length, bookCases: 0, bookRight: 0, bookOffered: 0, titleCases: 0, titleFirst: 0, asWritten: 0, inNote: 0, inNoteOrListed: 0, ...writingHabits(cases, index), byChoice: {} };
  for (const prefix of ['', 'plain.', 'tiers.']) for (const key of ['first', 'top5', 'afterLetter']) tally[prefix + key] = 0;
  for (const citation of cases) {
    const text = files.get(citation.file);
    const { text: cutText, cut } = cutAtMarker(text, citation);
    index.setNoteText(citation.file, cutText);
    const position = { line: citation.line, character: cut.length };
    const items = core.computeCompletion(index, citation.file, cut, position).items;
    const letter = citation.author[0];
    const typed = afterTyping(core.computeCompletion(index, citation.file, cut + letter, { line: citation.line, character: cut.length + 1 }).items, letter);
    const starting = (list) => afterTyping(list.filter((item) => fold(item.label).startsWith(fold(letter))), letter);
    const plain = plainRanking(index, citation.file, citation.line);
    const tiers = tierRanking(index, citation.file, citation.line);
    const cutNote = index.getNote(citation.file).note;
    const inNote = cutNote.citations.some((other) => other.items.some((item) => item.author && fold(item.author) === fold(citation.author))) ||
      cutNote.bookLists.some((list) => list.entries.some((entry) => entry.author && fold(entry.author) === fold(citation.author)));
    tally.inNote += inNote ? 1 : 0;
    tally.inNoteOrListed += inNote || index.isListed(citation.author) ? 1 : 0;
    index.setNoteText(citation.file, text);

    scoreRanking(tally, '', items, typed, citation.author, citation.choice);
    if (misses && citation.choice === misses && authorRank(typed, citation.author) !== 1) {
      const own = typed.find((item) => proposalOf(item).author === fold(citation.author));
      console.log(`MISS ${citation.file}:${citation.line + 1} '${letter}' want ${citation.author} [${own ? own.detail : 'not offered'}] got ${typed[0]?.label} [${typed[0]?.detail}] rank ${authorRank(typed, citation.author)}`);
    }
    scoreRanking(tally, 'plain.', plain, starting(plain), citation.author);
    scoreRanking(tally, 'tiers.', tiers, starting(tiers), citation.author);

    const own = items.filter((item) => proposalOf(item).author === fold(citation.author));
    if (citation.bookTitles.length > 0) {
      tally.bookCases++;
      const firstBook = own.find((item) => proposalOf(item).book);
      if (firstBook && citation.bookTitles.some((title) => titlesAgree(title, proposalOf(firstBook).book))) tally.bookRight++;
      // Whether some book item of the author names it at all: what ordering the items could reach.
      if (own.some((item) => proposalOf(item).book && citation.bookTitles.some((title) => titlesAgree(title, proposalOf(item).book)))) tally.bookOffered++;
    }
    // Written with a title: cut after the author and a space, is the first title offered the book meant?
    if (citation.title && citation.bookTitles.length > 0) {
      const { text: titleCut, cut } = cutAfterAuthor(text, citation);
      if (cut !== undefined) {
        tally.titleCases++;
        index.setNoteText(citation.file, titleCut);
        const [first] = core.computeCompletion(index, citation.file, cut, { line: citation.line, character: cut.length }).items;
        if (first?.bookTitle && citation.bookTitles.some((title) => titlesAgree(title, first.bookTitle))) tally.titleFirst++;
        index.setNoteText(citation.file, text);
      }
    }
    const top = own[0];
    if (top) {
      const book = proposalOf(top).book;
      if (citation.title ? book && titlesAgree(citation.title, book) : !book) tally.asWritten++;
    }
  }
  Object.assign(tally, listingTally(core, index, files));
  return { index, tally };
}

/**
 * 📚 entry completion, left out one at a time: each entry with an author and a title is cut to
 * its bullet (`* ▮`); is its book the first item offered, in the top 5? (A book its list names
 * twice is not offered for the second entry: it is listed there already. One another list of the
 * same note names is.) Then cut after its author (`* Chang ▮`): is its title offered first?
 */
function listingTally(core, index, files) {
  const tally = { listings: 0, listingFirst: 0, listingTop5: 0, listingOffered: 0, listingTitleFirst: 0, listingTitleOffered: 0 };
  for (const [file, text] of files) {
    const lines = text.split('\n');
    for (const list of index.getNote(file).note.bookLists) {
      for (const entry of list.entries) {
        if (!entry.author || !entry.title) continue;
        const bullet = /^[ \t]*[*+-][ \t]+/.exec(lines[entry.line]);
        if (!bullet) continue;
        const cut = [...lines];
        cut[entry.line] = bullet[0];
        index.setNoteText(file, cut.join('\n'));
        const items = core.computeCompletion(index, file, bullet[0], { line: entry.line, character: bullet[0].length }).items;
        index.setNoteText(file, text);
        tally.listings++;
        const rank = items.findIndex((item) => item.bookTitle && fold(item.author ?? '') === fold(entry.author) && titlesAgree(item.bookTitle, entry.title));
        if (rank === 0) tally.listingFirst++;
        if (rank >= 0 && rank < 5) tally.listingTop5++;
        if (rank >= 0) tally.listingOffered++;
        // Then with its author written (`* Chang ▮`): is its title offered first, at all?
        const withAuthor = `${bullet[0]}${entry.author} `;
        cut[entry.line] = withAuthor;
        index.setNoteText(file, cut.join('\n'));
        const titles = core.computeCompletion(index, file, withAuthor, { line: entry.line, character: withAuthor.length }).items;
        index.setNoteText(file, text);
        const titleRank = titles.findIndex((item) => item.bookTitle && titlesAgree(item.bookTitle, entry.title));
        if (titleRank === 0) tally.listingTitleFirst++;
        if (titleRank >= 0) tally.listingTitleOffered++;
      }
    }
  }
  return tally;
}

/**
 * The books no 📚 entry names, made from the titles citations write (`Osborn hearth`), as
 * `Author title`: on real notes, where no truth says which words are books, a reader can tell.
 */
function citedTitleBooks(index) {
  const found = [];
  for (const author of index.citedAuthors()) {
    for (const book of index.booksOfAuthor(author).books) if (!book.listed && book.title) found.push(`${book.author} ${book.title}`);
  }
  return found.sort();
}

/**
 * How the writer moves from one citation to the next, in note order: how often a citation cites
 * the author of the one before it again, and how often it goes back to the author of the one
 * before that (alternating between two sources). The generator's habits are meant to match the
 * real notes' here; nearest-first rankings do well on the first and badly on the second.
 */
function writingHabits(cases, index) {
  const byFile = new Map();
  for (const citation of cases) {
    if (!byFile.has(citation.file)) byFile.set(citation.file, []);
    byFile.get(citation.file).push(citation);
  }
  const habits = { followed: 0, repeatsPrevious: 0, followedTwice: 0, alternates: 0, underLabel: 0, againUnderLabel: 0, newInSection: 0, elsewhereUnderTop: 0, elsewhereInNote: 0 };
  for (const [file, citations] of byFile) {
    citations.sort((a, b) => a.line - b.line || a.column - b.column);
    const authors = citations.map((citation) => fold(citation.author));
    const anchors = index.getNote(file).note.anchors;
    // ALL-CAPS and __bold__ labels (DIALECT §2.3): is the author cited again under the same one?
    const labels = anchors.filter((anchor) => anchor.kind === 'caps' || anchor.kind === 'bold');
    for (const [at, citation] of citations.entries()) {
      const label = labels.find((anchor) => anchor.line < citation.line && anchor.endLine >= citation.line);
      if (!label) continue;
      habits.underLabel++;
      if (citations.some((other, k) => k !== at && authors[k] === authors[at] && other.line > label.line && other.line <= label.endLine)) habits.againUnderLabel++;
    }
    // A citation whose author its section (heading to next heading) cites nowhere else: is the
    // author cited elsewhere under the same top-level heading, or only elsewhere in the note?
    const headings = anchors.filter((anchor) => anchor.kind === 'heading' && anchor.role !== 'title');
    for (const [at, citation] of citations.entries()) {
      const around = (anchor) => anchor.line <= citation.line && anchor.endLine >= citation.line;
      const section = headings.filter(around).pop();
      if (!section) continue;
      const sectionEnd = Math.min(section.endLine, ...headings.filter((anchor) => anchor.line > section.line).map((anchor) => anchor.line - 1));
      const top = headings.find((anchor) => anchor.level === 1 && around(anchor));
      const others = citations.filter((other, k) => k !== at && authors[k] === authors[at]);
      if (others.some((other) => other.line >= section.line && other.line <= sectionEnd)) continue;
      habits.newInSection++;
      if (top && others.some((other) => other.line >= top.line && other.line <= top.endLine)) habits.elsewhereUnderTop++;
      else if (others.length > 0) habits.elsewhereInNote++;
    }
    for (let at = 1; at < authors.length; at++) {
      habits.followed++;
      if (authors[at] === authors[at - 1]) habits.repeatsPrevious++;
      if (at < 2) continue;
      habits.followedTwice++;
      if (authors[at] !== authors[at - 1] && authors[at] === authors[at - 2]) habits.alternates++;
    }
  }
  return habits;
}

/** Commentary words, junk and typos, measured against the generator's truth. */
function parsingChecks(core, index, truth) {
  const authors = new Set([...truth.authors, ...truth.titleAsAuthors, ...truth.typos.map((typo) => typo.written)].map(fold));
  const commentary = new Set(truth.commentaryWords.map(fold));
  const parsed = new Set([...index.citedAuthors(), ...index.listedAuthors()].map(fold));
  const commentaryAuthors = [...parsed].filter((author) => commentary.has(author) && !authors.has(author)).sort();
  const listed = new Set([...index.listedAuthors()].map(fold));
  const unlistedJunk = [...index.citedAuthors()].map(fold).filter((author) => !listed.has(author) && !authors.has(author)).sort();
  const hints = core.checkWorkspace(index).diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-author');
  const typoNames = new Set(truth.typos.map((typo) => fold(typo.written)));
  const typoCitations = truth.citations.filter((citation) => citation.items.some((item) => item.written && typoNames.has(fold(item.written)))).length;
  const hintedTypos = hints.filter((hint) => typoNames.has(fold(hint.message.match(/'([^']+)'/)?.[1] ?? ''))).length;
  return { commentaryAuthors, unlistedJunk, typoCitations, hintedTypos, otherHints: hints.length - hintedTypos };
}

const percent = (part, whole) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '–');

function report(name, tally) {
  const cell = (value) => percent(value, tally.cases).padStart(9);
  const row = (label, key, target) =>
    `  ${label.padEnd(38)}${cell(tally[key])}${cell(tally[`plain.${key}`])}${cell(tally[`tiers.${key}`])}   ≥ ${target} %${(100 * tally[key]) / tally.cases >= target ? '' : '  MISS'}`;
  console.log(`${name}: ${tally.cases} citations that start with an author; the author is elsewhere in the same note for ${percent(tally.inNote, tally.cases)}, there or in some 📚 list for ${percent(tally.inNoteOrListed, tally.cases)} (DIALECT §6.2: 76 %, 93 %)`);
  console.log(`  it cites the previous citation's author again for ${percent(tally.repeatsPrevious, tally.followed)}, goes back to the one before it (alternating) for ${percent(tally.alternates, tally.followedTwice)}`);
  console.log(`  ${percent(tally.newInSection, tally.cases)} cite an author their section cites nowhere else: of those, ${percent(tally.elsewhereUnderTop, tally.newInSection)} one cited elsewhere under the same top-level heading, ${percent(tally.elsewhereInNote, tally.newInSection)} one cited only elsewhere in the note`);
  console.log(`  ${percent(tally.underLabel, tally.cases)} sit under an ALL-CAPS or __bold__ label, and ${percent(tally.againUnderLabel, tally.underLabel)} of those cite an author cited again under the same label`);
  console.log(`  ${''.padEnd(38)}${'Torii'.padStart(9)}${'plain'.padStart(9)}${'tiers'.padStart(9)}   target`);
  console.log(row('author first', 'first', TARGETS.first));
  console.log(row('author in the top 5', 'top5', TARGETS.top5));
  console.log(row('author first after one letter', 'afterLetter', TARGETS.afterLetter));
  console.log(`  ${'highest book item is the book meant'.padEnd(38)}${percent(tally.bookRight, tally.bookCases).padStart(9)}   (of ${tally.bookCases} citations with a known book; some book item names it for ${percent(tally.bookOffered, tally.bookCases)})`);
  console.log(`  ${"author's top item inserts as written".padEnd(38)}${percent(tally.asWritten, tally.cases).padStart(9)}`);
  if (tally.listings > 0) console.log(`  ${'📚 entry: its book first / in top 5'.padEnd(38)}${percent(tally.listingFirst, tally.listings).padStart(9)} / ${percent(tally.listingTop5, tally.listings)}   (of ${tally.listings} entries with an author and a title, each cut to its bullet; offered at all ${percent(tally.listingOffered, tally.listings)})`);
  if (tally.listings > 0) console.log(`  ${'📚 entry, its author written: title'.padEnd(38)}${percent(tally.listingTitleFirst, tally.listings).padStart(9)} first   (\`* Author ▮\`; offered at all ${percent(tally.listingTitleOffered, tally.listings)})`);
  if (tally.titleCases > 0) console.log(`  ${'after the author, first title is meant'.padEnd(38)}${percent(tally.titleFirst, tally.titleCases).padStart(9)}   (of ${tally.titleCases} citations written with a title)`);
  const habits = Object.entries(tally.byChoice ?? {}).sort((a, b) => b[1].cases - a[1].cases);
  if (habits.length > 0) {
    console.log('  by where the writer took the author from (first / top 5 / after a letter):');
    for (const [choice, habit] of habits) {
      console.log(`    ${choice.padEnd(16)}${String(habit.cases).padStart(5)} (${percent(habit.cases, tally.cases)})  ${percent(habit.first, habit.cases)} / ${percent(habit.top5, habit.cases)} / ${percent(habit.afterLetter, habit.cases)}`);
    }
  }
}

/**
 * Where the generated workspace of `seed` lives: `bench/workspaces/citations` for 11,
 * `citations-SEED` for the others; with the label habits, `citations-labels-SEED`; with the
 * line-words habit, `citations-line-words-SEED`; with sorted 📚 lists, `citations-sorted-lists-SEED`;
 * with each author cited one way from note to note, `citations-author-titles-SEED`.
 */
const generatedDir = (seed, labels = false, lineWords = false, sortedLists = false, authorTitles = false) =>
  path.join(ROOT, 'bench/workspaces', `citations${labels ? '-labels' : ''}${lineWords ? '-line-words' : ''}${sortedLists ? '-sorted-lists' : ''}${authorTitles ? '-author-titles' : ''}${labels || lineWords || sortedLists || authorTitles || seed !== 11 ? `-${seed}` : ''}`);

/** Runs generate-citations.js into `dir` unless `file` (its truth, by default) is there already. */
function generateUnlessThere(dir, seed, { regen = false, file = TRUTH_FILE, extra = [] } = {}) {
  if (!regen && fs.existsSync(path.join(dir, file))) return;
  const generated = spawnSync(process.execPath, [path.join(__dirname, 'generate-citations.js'), '--out', dir, '--quiet', ...(seed === undefined ? [] : ['--seed', String(seed)]), ...extra], { stdio: 'inherit' });
  if (generated.status !== 0) process.exit(1);
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const workspaces = args.workspace ? [{ dir: args.workspace, seed: undefined }] : args.seeds.map((seed) => ({ dir: generatedDir(seed, args.labels, args.lineWords, args.sortedLists, args.authorTitles), seed }));
  const extra = [...(args.labels ? ['--labels'] : []), ...(args.lineWords ? ['--line-words'] : []), ...(args.sortedLists ? ['--sorted-lists'] : []), ...(args.authorTitles ? ['--author-titles'] : [])];
  for (const { dir, seed } of workspaces) generateUnlessThere(dir, seed, { regen: args.regen, extra });
  const core = loadCore(args.repo);
  let commit = '';
  try {
    commit = spawnSync('git', ['-C', args.repo, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  } catch {
    // Not a git checkout: the figures stand without a commit.
  }
  console.log(`core from ${args.repo}${commit ? ` (${commit})` : ''}`);
  const results = { fixtures: measure(core, readWorkspace(args.fixtures), undefined).tally, real: undefined, generated: [] };
  report(`fixtures (${path.relative(ROOT, args.fixtures) || args.fixtures})`, results.fixtures);
  if (fs.existsSync(args.real)) {
    const real = measure(core, readWorkspace(args.real), undefined);
    results.real = { ...real.tally, citedTitleBooks: citedTitleBooks(real.index) };
    report(`real notes (${path.relative(ROOT, args.real) || args.real})`, real.tally);
    const books = results.real.citedTitleBooks;
    console.log(`  ${'books only citations name'.padEnd(38)}${String(books.length).padStart(9)}${books.length ? `   ${books.join(' · ')}` : ''}`);
  } else {
    console.log(`real notes: skipped, ${path.relative(ROOT, args.real)} is not beside this checkout`);
  }
  const total = {};
  for (const { dir } of workspaces) {
    const truth = JSON.parse(fs.readFileSync(path.join(dir, TRUTH_FILE), 'utf8'));
    const generated = measure(core, readWorkspace(dir), truth, args.misses);
    report(`generated (${path.relative(ROOT, dir) || dir}, seed ${truth.seed})`, generated.tally);
    const checks = parsingChecks(core, generated.index, truth);
    console.log(`  ${'commentary words among the authors'.padEnd(38)}${String(checks.commentaryAuthors.length).padStart(9)}   target 0${checks.commentaryAuthors.length ? `  MISS: ${checks.commentaryAuthors.join(', ')}` : ''}`);
    console.log(`  ${'"cited, never listed" junk'.padEnd(38)}${String(checks.unlistedJunk.length).padStart(9)}${checks.unlistedJunk.length ? `   ${checks.unlistedJunk.slice(0, 12).join(', ')}${checks.unlistedJunk.length > 12 ? ', …' : ''}` : ''}`);
    console.log(`  ${'typo citations with a hint'.padEnd(38)}${`${checks.hintedTypos}/${checks.typoCitations}`.padStart(9)}   other unknown-author hints: ${checks.otherHints}`);
    results.generated.push({ seed: truth.seed, ...generated.tally, ...checks });
    for (const [key, value] of Object.entries(generated.tally)) {
      if (key !== 'byChoice') total[key] = (total[key] ?? 0) + value;
    }
    total.byChoice ??= {};
    for (const [choice, habit] of Object.entries(generated.tally.byChoice)) {
      const sum = (total.byChoice[choice] ??= { cases: 0, first: 0, top5: 0, afterLetter: 0 });
      for (const key of Object.keys(sum)) sum[key] += habit[key];
    }
  }
  if (workspaces.length > 1) report(`all ${workspaces.length} generated workspaces together`, total);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ repo: args.repo, commit, results }, null, 2) + '\n');
}

if (require.main === module) main();

// bench/citations-ceiling.js measures its rankings on the same cut citations.
module.exports = { loadCore, readWorkspace, generatedDir, generateUnlessThere, cutAtMarker, afterTyping, authorRank, fold, percent, titlesAgree };
