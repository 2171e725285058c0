#!/usr/bin/env node
'use strict';

// Deterministic generator of "⛩️ notes" workspaces for benchmarks.
//
//   node bench/generate.js --notes 1000 --out bench/workspaces/1k
//   node bench/generate.js --notes 10000 --out bench/workspaces/10k [--seed 7] [--force]
//   node bench/generate.js --notes 66 --scale 4.4 --out bench/workspaces/real   (66 longer notes, ~2.3 MB)
//
// Every random choice comes from a seeded mulberry32 stream, so the same arguments always
// produce byte-identical files. The workspace is planned first (folders, note names, the
// headings, pseudo-headings and terms of every note), and only then rendered, so that 🗄
// references can point at anchors that really exist. About 85 % of the reference targets are
// meant to resolve, about 10 % to be dead and about 5 % to be external; the intended category of
// every target is counted in `<out>/.torii-bench.json` so a checker's output can be compared
// with it. All text is made up from the word lists below.

const fs = require('fs');
const path = require('path');

// ------------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const args = { notes: 1000, out: null, seed: 20241, force: false, quiet: false, expect: false, scale: 1, sortedLists: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--notes') args.notes = Number(value());
    else if (a === '--out') args.out = value();
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--force') args.force = true;
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--expect') args.expect = true;
    else if (a === '--scale') args.scale = Number(value());
    else if (a === '--sorted-lists') args.sortedLists = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/generate.js --notes N --out DIR [--seed S] [--scale F] [--force] [--quiet] [--expect] [--sorted-lists]');
      console.log('  --sorted-lists  write every bare 🗄 list in alphabetical order of the names it links, as the older real notes do');
      console.log('  --scale   multiply the length of every note but the big one by F (default 1): a few long notes, as real collections have');
      console.log('  --expect  also write <DIR>/.torii-bench-targets.jsonl: the intended category of every 🗄 target');
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.notes) || args.notes < 20) fail('--notes must be an integer >= 20');
  if (!Number.isInteger(args.seed)) fail('--seed must be an integer');
  if (!(args.scale > 0 && args.scale <= 100)) fail('--scale must be a number above 0 and at most 100');
  if (!args.out) fail('--out DIR is required');
  if (args.sortedLists && args.expect) fail('--sorted-lists reorders targets that --expect records in order: use one or the other');
  return args;
}

function fail(message) {
  console.error(`generate.js: ${message}`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------
// Seeded randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Mixes a seed and a stream number into a new seed, so each note gets its own stream and the
// text of one note does not depend on how much randomness the notes before it consumed.
function mixSeed(seed, stream) {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  // Picks a key from [[key, weight], ...].
  weighted(pairs) {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [key, w] of pairs) {
      r -= w;
      if (r < 0) return key;
    }
    return pairs[pairs.length - 1][0];
  }
  sample(items, k) {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

// ------------------------------------------------------------------------------------------------
// Word lists (all made up for this generator; a kitchen, workshop and garden theme)

const NOUNS = (
  'knife stone steel bevel handle board skillet oven dough starter flour yeast brine pickle ' +
  'smoke grill chisel plane saw clamp glue joint dovetail tenon mortise veneer lacquer wax ' +
  'shellac stain grain lumber bench vise router drill rasp hammer hinge drawer shelf cabinet ' +
  'kiln glaze clay wheel slip soil compost seed trellis tomato pepper herb spice salt sugar ' +
  'vinegar ferment koji miso tea coffee roast kettle wok ladle whisk scale thermometer timer ' +
  'apron sponge rack pantry crock cork bottle barrel hops malt wort mash sieve strainer press ' +
  'mill mortar pestle cleaver strop burr edge heel spine tang bolster rivet sheath magnet ' +
  'broth stock sauce butter cheese curd whey rennet bacon sausage casing jerky marinade rub ' +
  'sourdough crumb crust levain proof batch tray sheet parchment foil twine mallet gouge ' +
  'spokeshave scraper sander burnisher file awl marking gauge square bit jig fence fixture ' +
  'sawhorse workbench dust shavings plywood birch walnut maple cherry oak ash pine cedar ' +
  'hardware bracket screw nail dowel biscuit spline tile grout mortar hose nozzle sprinkler ' +
  'mulch pruning graft cutting bulb tuber onion garlic leek potato squash bean pea lettuce ' +
  'basil thyme sage mint chili lemon lime orange apple pear plum quince jam jelly syrup ' +
  'honey vanilla cocoa coconut almond peanut sesame rice noodle dumpling wrapper tofu tempeh ' +
  'kimchi sauerkraut yogurt kefir kombucha cider mead wine beer lager stout ale hopper ' +
  'grinder blender mixer scale colander funnel carafe teapot cup mug plate bowl platter'
).split(' ');

const ADJECTIVES = (
  'sharp dull coarse fine wet dry slow fast cold warm hot thin thick soft hard light dark ' +
  'fresh aged raw cured smoked salted sweet sour bitter mild strong cheap sturdy flat round ' +
  'long short wide narrow heavy small large old new clean rough smooth quiet loud basic'
).split(' ');

const PROSE = (
  'keep use try avoid check prefer works better than again every week after before when only ' +
  'with without for on at into from over under about around until while because so then ' +
  'the a an this that some most more less much little enough always never often usually ' +
  'maybe probably really quite rather too very just still also even first last next later ' +
  'add remove rinse wipe dry oil hone flatten soak rest fold shape score bake cool store ' +
  'label measure cut trim sand glue clamp wait test taste season stir heat simmer reduce ' +
  'water time temperature ratio amount batch side end top bottom middle corner surface ' +
  'e.g. i.e. aka w/ re: btw vs. ok rf impl BYO 类似 搜'
).split(' ');

// Words that never occur anywhere else, for dead section names.
const DEAD_WORDS = (
  'quasar zephyr obelisk nebula vortex glacier lantern harpoon tundra meridian pylon ' +
  'monsoon sextant cobalt zircon galleon parapet bastion citadel dirigible aqueduct ' +
  'quarantine labyrinth minaret fjord'
).split(' ');

const AUTHORS = (
  'Okafor Lindqvist Marchetti Haddad Takeda Novak Ferreira Brennan Sato Kowalski Adeyemi ' +
  'Duval Moreau Iversen Castillo Nakamura Petrov Quinn Rahman Stroud Ueda Varga Whitlock ' +
  'Yilmaz Zhou Abernathy Baptiste Calloway Delacroix Eriksen Fairbanks Gallo Holloway Ingram ' +
  'Jovanovic Kask Lemaire Mbeki Nilsson Oduya Pryce Ravel Santos Thorne Albescu Birkeland ' +
  'Crane Dunmore Esposito Farrow'
).split(' ').concat(['Van Hout', 'De Luca', 'La Fontaine', 'Ruiz de Vega']);

const H1_ICONS = (
  '🔪 🪨 🍞 🧂 🔥 🪵 🛠️ 🧪 🌱 🍳 🫙 🧰 🪚 🔩 🧵 🍵 ☕ 🥬 🐟 🧀 🍶 🏺 🪴 🧹 🧊 🌶️ 🍋 🥖 🪓 🔧 ' +
  '⚙️ 🧲 🔬 ⭕ 🏗 🧮 🚢 🕸️ 🗺️ 🏭 📐 🎛️ 🟥 🟦 🟩 🍯 🥣 🫖 🐻‍❄️ 🇲🇦 🇯🇲 🫸 🛜 ⠎ ⑃ ䷤'
).split(' ');
const H2_ICONS = '🍺 🥩 🧴 🪣 🌾 🍄 🫘 🥕 🧯 🪜'.split(' ');

const CAPS_EXTRA = ['ALTERNATIVES', 'ZA', 'CARE', 'SAFETY', 'TIPS', 'SOURCES', 'GOTCHAS', 'FAQ'];

const LIST_MARKS = ['✅ ', '❌ ', '🎯 ', '📍 ', '❓ ', '💀 ', '💡 ', '', '', '', '', '', '', ''];
const FENCE_LANGS = ['sh', 'sh', 'sh', 'python', 'python', 'txt', 'sql', 'yaml', 'conf', 'Makefile'];
const URL_HOSTS = ['example.org', 'example.org', 'example.com', 'example.net', 'www.example.org'];
const FOREIGN_NOTES = [
  'chemistry.md', 'physics.md', 'writing.md', 'history.md', 'travel.md', 'money.md',
  'foreign-topic.md', 'reading-log.md', 'music-theory.md', 'languages.md'
];
const DOTFILES = ['.zshrc', '.vimrc', '.bashrc', '.gitconfig', '.tmux.conf'];
const COMMANDS = ['fd knife-db', 'rg bevel ~/shop', 'brew info whetstone', 'cd shop; make labels'];
const ABS_PATHS = ['/etc/hosts', '~/bin/hone', '$SHOP/stones', '/Applications/Timer.app'];
const PROJECTS = ['spice-app', 'recipe-index', 'label-printer', 'kiln-logger', 'bin/hone'];

const VOCAB = new Set([...NOUNS, ...ADJECTIVES, ...PROSE, ...DEAD_WORDS]);

// ------------------------------------------------------------------------------------------------
// Small text helpers

const pad = (n, width) => String(n).padStart(width, '0');
const upper = (s) => s.toUpperCase();

function words(rng, list, lo, hi) {
  const n = rng.int(lo, hi);
  const out = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(list));
  return out.join(' ');
}

function sentence(rng, lo = 5, hi = 12) {
  const out = [];
  const n = rng.int(lo, hi);
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    out.push(r < 0.55 ? rng.pick(PROSE) : r < 0.85 ? rng.pick(NOUNS) : rng.pick(ADJECTIVES));
  }
  return out.join(' ');
}

function url(rng) {
  const host = rng.pick(URL_HOSTS);
  const r = rng.next();
  if (r < 0.5) return `https://${host}/${rng.pick(NOUNS)}/${rng.pick(NOUNS)}-${rng.int(1, 999)}`;
  if (r < 0.7) return `https://${host}/watch?v=${rng.pick(NOUNS)}${rng.int(100, 99999)}`;
  if (r < 0.85) return `https://${host}/q/${rng.int(1000, 999999)}`;
  return `https://${host}/${rng.pick(NOUNS)}`;
}

// Replaces, deletes or inserts one letter (never the first), so the result is one edit away and
// is not itself a vocabulary word.
function typo(word, rng) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const chars = word.split('');
    const pos = rng.int(1, Math.max(1, chars.length - 1));
    const letter = String.fromCharCode(97 + rng.int(0, 25));
    const op = rng.int(0, 2);
    if (op === 0 && chars.length > 3) chars.splice(pos, 1);
    else if (op === 1) chars.splice(pos, 0, letter);
    else chars[Math.min(pos, chars.length - 1)] = letter;
    const out = chars.join('');
    if (out !== word && !VOCAB.has(out.toLowerCase())) return out;
  }
  return word + 'x';
}

// ------------------------------------------------------------------------------------------------
// Plan: folders, note names, and the anchors of every note

function uniqueName(taken, make) {
  for (let i = 0; i < 50; i++) {
    const name = make();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  let i = 2;
  const base = make();
  while (taken.has(`${base} ${i}`)) i++;
  taken.add(`${base} ${i}`);
  return `${base} ${i}`;
}

function makeH2Name(rng) {
  const r = rng.next();
  if (r < 0.45) return rng.pick(NOUNS);
  if (r < 0.7) return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  if (r < 0.8) return `${rng.pick(NOUNS)} (${rng.pick(NOUNS)})`; // alias in parentheses
  if (r < 0.88) return `${rng.pick(NOUNS)} / ${rng.pick(NOUNS)}`; // alias with a slash
  if (r < 0.93) return `${rng.pick(NOUNS)}/${rng.pick(NOUNS)}`;
  return `${rng.pick(NOUNS)} ${rng.pick(NOUNS)}`;
}

// The sub-anchors (pseudo-headings and terms) of one heading.
function planAnchors(rng, taken, capsRange, termRange) {
  const caps = [];
  const terms = [];
  const nCaps = rng.int(capsRange[0], capsRange[1]);
  for (let i = 0; i < nCaps; i++) {
    caps.push(uniqueName(taken, () =>
      rng.chance(0.15) ? rng.pick(CAPS_EXTRA)
        : rng.chance(0.6) ? upper(rng.pick(NOUNS)) : upper(`${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`)));
  }
  const nTerms = rng.int(termRange[0], termRange[1]);
  for (let i = 0; i < nTerms; i++) {
    terms.push(uniqueName(taken, () =>
      rng.chance(0.7) ? rng.pick(NOUNS) : `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`));
  }
  return { caps, terms };
}

function planSections(rng, count, isMeta) {
  const taken = new Set();
  const takenAnchors = new Set();
  const sections = [];
  const withZa = !isMeta && rng.chance(0.3);
  const n = withZa ? count - 1 : count;
  for (let i = 0; i < n; i++) {
    const name = uniqueName(taken, () =>
      rng.chance(0.6) ? upper(rng.pick(NOUNS)) + (rng.chance(0.1) ? 'S' : '')
        : upper(`${rng.pick(rng.chance(0.5) ? ADJECTIVES : NOUNS)} ${rng.pick(NOUNS)}`));
    const section = { icon: rng.pick(H1_ICONS), name, ...planAnchors(rng, takenAnchors, [0, 2], [1, 3]), subs: [] };
    const nSubs = isMeta ? rng.int(0, 2) : rng.int(1, 3);
    for (let j = 0; j < nSubs; j++) {
      const subName = uniqueName(taken, () => makeH2Name(rng));
      section.subs.push({
        name: subName,
        level: j > 0 && rng.chance(0.12) ? 3 : 2,
        icon: rng.chance(0.08) ? rng.pick(H2_ICONS) : null,
        ...planAnchors(rng, takenAnchors, [0, 1], [0, 2])
      });
    }
    sections.push(section);
  }
  if (withZa) {
    taken.add('ZA');
    sections.push({ icon: '🟨', name: 'ZA', caps: [], terms: [], subs: [], za: true });
  }
  return sections;
}

function planWorkspace(nNotes, seed) {
  const rng = new Rng(mixSeed(seed, 0xfeed));
  const topicCount = Math.max(3, Math.round(nNotes / 100));
  const topicWidth = Math.max(2, String(topicCount).length);
  const leafFolders = [];
  const metaFolders = [];
  for (let t = 1; t <= topicCount; t++) {
    const topic = `topic-${pad(t, topicWidth)}`;
    if (rng.chance(0.6)) metaFolders.push(topic);
    const nSubs = rng.int(3, 6);
    for (let s = 1; s <= nSubs; s++) {
      const sub = `${topic}/sub-${s}`;
      leafFolders.push(sub);
      if (rng.chance(0.2)) metaFolders.push(sub);
      if (rng.chance(0.35)) {
        const nParts = rng.int(1, 2);
        for (let p = 1; p <= nParts; p++) leafFolders.push(`${sub}/part-${p}`);
      }
    }
  }
  const regularCount = nNotes - metaFolders.length;
  const width = Math.max(5, String(regularCount).length);
  const notes = [];
  for (let i = 1; i <= regularCount; i++) {
    const dir = rng.pick(leafFolders);
    const slug = rng.chance(0.8) ? rng.pick(NOUNS) : `${rng.pick(ADJECTIVES)}-${rng.pick(NOUNS)}`;
    const base = `note-${pad(i, width)}-${slug}.md`;
    notes.push({ dir, base, slug, num: pad(i, width), isMeta: false, isBig: false });
  }
  for (const dir of metaFolders) notes.push({ dir, base: '#meta.md', isMeta: true, isBig: false });
  notes.push({ dir: 'big', base: 'big-note.md', slug: 'big-note', isMeta: false, isBig: true });

  const catalog = [];
  for (let i = 0; i < 400; i++) {
    catalog.push({ author: rng.pick(AUTHORS), title: `${rng.pick(NOUNS)} ${words(rng, [...NOUNS, ...ADJECTIVES], 1, 3)}` });
  }

  notes.forEach((note, i) => {
    note.index = i;
    note.path = `${note.dir}/${note.base}`;
    note.stem = note.base.replace(/\.md$/, '');
    note.topic = note.dir.split('/')[0];
    const count = note.isBig ? 44 : note.isMeta ? rng.int(2, 4) : rng.int(4, 8);
    note.sections = planSections(rng, count, note.isMeta);
    note.books = rng.sample(catalog, note.isBig ? 12 : rng.int(3, 6));
  });

  const byTopic = new Map();
  for (const note of notes) {
    if (note.isMeta || note.isBig) continue;
    if (!byTopic.has(note.topic)) byTopic.set(note.topic, []);
    byTopic.get(note.topic).push(note);
  }
  const byNumber = new Map(notes.filter((n) => n.num).map((n) => [n.num, n]));
  return {
    notes,
    regular: notes.filter((n) => !n.isMeta && !n.isBig),
    big: notes[notes.length - 1],
    byTopic,
    byNumber,
    topicMeta: notes.filter((n) => n.isMeta && !n.dir.includes('/')),
    leafFolders,
    catalog,
    width
  };
}

// ------------------------------------------------------------------------------------------------
// References

const STATS_KEYS = ['resolve', 'dead', 'external', 'fence'];

function newStats(recordTargets) {
  return {
    markers: 0,
    targets: 0,
    byCategory: Object.fromEntries(STATS_KEYS.map((k) => [k, 0])),
    byKind: {},
    records: recordTargets ? [] : null
  };
}

function count(stats, category, kind) {
  stats.targets++;
  stats.byCategory[category]++;
  const key = `${category}:${kind}`;
  stats.byKind[key] = (stats.byKind[key] || 0) + 1;
}

// A section string of `note` that resolves there: a heading, a path, a pseudo-heading or a term.
function sectionRef(note, rng) {
  const sections = note.sections.filter((s) => !s.za);
  const sec = sections.length ? rng.pick(sections) : note.sections[0];
  const lowerH1 = rng.chance(0.6) ? sec.name.toLowerCase() : sec.name;
  const sub = sec.subs.length ? rng.pick(sec.subs) : null;
  const kind = rng.weighted([['h1', 35], ['h2', 25], ['path', 15], ['caps', 12], ['term', 8], ['qterm', 5]]);
  if (kind === 'h2' && sub) {
    const alias = sub.name.match(/^(\S+) \((\S+)\)$/);
    if (alias && rng.chance(0.4)) return { text: alias[rng.int(1, 2)], kind: 'h2-alias' };
    return { text: sub.name, kind: 'h2' };
  }
  if (kind === 'path' && sub) {
    const sep = sub.name.includes('/') || rng.chance(0.75) ? ' > ' : ' / ';
    return { text: `${lowerH1}${sep}${sub.name}`, kind: 'path' };
  }
  if (kind === 'caps') {
    const owner = sub && sub.caps.length && rng.chance(0.5) ? sub : sec;
    if (owner.caps.length) return { text: rng.pick(owner.caps).toLowerCase(), kind: 'caps' };
  }
  if (kind === 'term' || kind === 'qterm') {
    const owner = sub && sub.terms.length && rng.chance(0.5) ? sub : sec;
    if (owner.terms.length) {
      const term = rng.pick(owner.terms);
      return kind === 'qterm' ? { text: `'${term}'`, kind: 'qterm' } : { text: term, kind: 'term' };
    }
  }
  return { text: lowerH1, kind: 'h1' };
}

// A section string of `note` that does not resolve: unknown words, a typo or a missing leaf.
function deadSectionRef(note, rng) {
  const sec = rng.pick(note.sections);
  const r = rng.next();
  if (r < 0.45) return { text: `${rng.pick(DEAD_WORDS)}${rng.chance(0.5) ? ' ' + rng.pick(DEAD_WORDS) : ''}`, kind: 'no-anchor' };
  if (r < 0.85) {
    // Typo in the first word, so that no word prefix of the string is a real heading.
    // Only names without "/" or "( )": otherwise an untouched part would still match as a
    // path leaf or an alias.
    const plain = sec.subs.filter((sub) => !/[/()]/.test(sub.name));
    const name = plain.length && rng.chance(0.5) ? rng.pick(plain).name : sec.name.toLowerCase();
    const parts = name.split(' ');
    parts[0] = typo(parts[0], rng);
    return { text: parts.join(' '), kind: 'section-typo' };
  }
  return { text: `${sec.name.toLowerCase()} > ${rng.pick(DEAD_WORDS)}`, kind: 'missing-leaf' };
}

function pickTargetNote(ctx, rng) {
  const { plan, note } = ctx;
  if (rng.chance(0.005)) return plan.big;
  const local = plan.byTopic.get(note.topic);
  let target = local && local.length > 1 && rng.chance(0.4) ? rng.pick(local) : rng.pick(plan.regular);
  if (target === note) target = plan.regular[(target.index + 1) % plan.regular.length];
  return target;
}

// Text of one reference target (what follows the marker) and its intended category.
// `requireFile` excludes the same-note forms (used on markers with several targets).
function makeTarget(ctx, rng, requireFile = false) {
  const { note, stats } = ctx;
  const r = rng.next();
  let out;
  if (r < 0.85) out = resolvingTarget(ctx, rng, requireFile);
  else if (r < 0.95) out = deadTarget(ctx, rng, requireFile);
  else out = externalTarget(ctx, rng);
  if (ctx.inFence) count(stats, 'fence', `${out.category}:${out.kind}`);
  else count(stats, out.category, out.kind);
  if (stats.records) {
    stats.records.push({ file: note.path, text: out.text, category: out.category, kind: out.kind, inFence: ctx.inFence });
  }
  return out;
}

function resolvingTarget(ctx, rng, requireFile) {
  const { plan, note } = ctx;
  let kind = rng.weighted([
    ['base+section', 40], ['partial+section', 10], ['base', 8], ['same-note', 14],
    ['same-note-quoted', 3], ['extensionless', 3], ['base+qterm', 6], ['prefix', 3],
    ['folder-note', 1], ['book', 1], ['dir-mismatch', 1]
  ]);
  if (requireFile && (kind.startsWith('same-note') || kind === 'book')) kind = 'base+section';
  if (note.isMeta && kind.startsWith('same-note')) kind = 'base+section';
  const target = pickTargetNote(ctx, rng);
  const file = '`' + target.base + '`';
  switch (kind) {
    case 'partial+section': {
      const parts = target.dir.split('/');
      const keep = parts.length > 2 && rng.chance(0.5) ? 2 : 1;
      const partial = target.isBig ? 'big/big-note.md' : `${parts.slice(-keep).join('/')}/${target.base}`;
      return { text: '`' + partial + '` ' + sectionRef(target, rng).text, category: 'resolve', kind, file: true };
    }
    case 'base':
      return { text: file, category: 'resolve', kind, file: true };
    case 'same-note': {
      const s = sectionRef(note, rng);
      return { text: s.text, category: 'resolve', kind, file: false };
    }
    case 'same-note-quoted': {
      const sec = rng.pick(note.sections);
      const anchor = sec.terms.length && rng.chance(0.6) ? rng.pick(sec.terms) : sec.name.toLowerCase();
      return { text: `'${anchor}'`, category: 'resolve', kind, file: false };
    }
    case 'extensionless':
      return {
        text: '`' + target.stem + '`' + (rng.chance(0.5) ? ' ' + sectionRef(target, rng).text : ''),
        category: 'resolve', kind, file: true
      };
    case 'base+qterm': {
      const withTerms = target.sections.filter((s) => s.terms.length);
      const term = withTerms.length ? rng.pick(rng.pick(withTerms).terms) : null;
      if (term) return { text: `${file} '${term}'`, category: 'resolve', kind, file: true };
      return { text: `${file} ${sectionRef(target, rng).text}`, category: 'resolve', kind: 'base+section', file: true };
    }
    case 'prefix': {
      // Trailing commentary after a heading name; resolved by the word-prefix rule.
      const sec = rng.pick(target.sections);
      const tail = `${rng.pick(['and', 'before', 'after', 'with'])} ${rng.pick(['the', 'every', 'some'])} ${rng.pick(NOUNS)}`;
      return { text: `${file} ${sec.name.toLowerCase()} ${tail}`, category: 'resolve', kind, file: true };
    }
    case 'folder-note': {
      if (!plan.topicMeta.length) break;
      const meta = rng.pick(plan.topicMeta);
      const section = rng.chance(0.5) ? ' ' + sectionRef(meta, rng).text : '';
      return { text: '`' + meta.dir + '.md`' + section, category: 'resolve', kind, file: true };
    }
    case 'book': {
      const owner = rng.pick(plan.regular);
      const book = rng.pick(owner.books);
      return { text: `${book.author} ${book.title}`, category: 'resolve', kind, file: false };
    }
    case 'dir-mismatch': {
      if (target.isBig) break;
      const stale = `sub-${rng.int(7, 9)}/${target.base}`;
      return { text: '`' + stale + '` ' + sectionRef(target, rng).text, category: 'resolve', kind, file: true };
    }
    default:
      break;
  }
  return { text: `${file} ${sectionRef(target, rng).text}`, category: 'resolve', kind: 'base+section', file: true };
}

function deadTarget(ctx, rng, requireFile) {
  const { plan, note } = ctx;
  let kind = rng.weighted([
    ['section', 37], ['section-typo-or-leaf', 27], ['same-note', 10], ['file-typo', 17],
    ['ext-typo', 9]
  ]);
  if ((requireFile || note.isMeta) && kind === 'same-note') kind = 'section';
  const target = pickTargetNote(ctx, rng);
  const file = '`' + target.base + '`';
  switch (kind) {
    case 'section': {
      const s = deadSectionRef(target, rng);
      return { text: `${file} ${s.text}`, category: 'dead', kind: `section:${s.kind}`, file: true };
    }
    case 'section-typo-or-leaf': {
      const s = deadSectionRef(target, rng);
      return { text: `${file} ${s.text}`, category: 'dead', kind: `section:${s.kind}`, file: true };
    }
    case 'same-note':
      return { text: `${rng.pick(DEAD_WORDS)} ${rng.pick(DEAD_WORDS)}`, category: 'dead', kind: 'same-note', file: false };
    case 'file-typo': {
      if (target.isBig) break;
      const slug = fileTypo(plan, target, rng);
      if (!slug) break;
      const base = `note-${target.num}-${slug}.md`;
      const section = rng.chance(0.5) ? ' ' + sectionRef(target, rng).text : '';
      return { text: '`' + base + '`' + section, category: 'dead', kind, file: true };
    }
    case 'ext-typo':
      return { text: '`' + target.stem + '.com` ' + sectionRef(target, rng).text, category: 'dead', kind, file: true };
    default:
      break;
  }
  return { text: `${file} ${rng.pick(DEAD_WORDS)}`, category: 'dead', kind: 'section:no-anchor', file: true };
}

// A typo of the target's slug that is one edit from the target's name and more than two edits
// from every other note name, so that exactly one note is the fix. Names differ in the number
// part, so only notes whose number differs in one digit can come that close.
function fileTypo(plan, target, rng) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const slug = typo(target.slug, rng);
    let clash = false;
    for (let i = 0; i < target.num.length && !clash; i++) {
      for (let d = 0; d <= 9 && !clash; d++) {
        const num = target.num.slice(0, i) + d + target.num.slice(i + 1);
        const other = num !== target.num && plan.byNumber.get(num);
        if (other && editDistance(other.slug, slug) <= 1) clash = true;
      }
    }
    if (!clash) return slug;
  }
  return null;
}

function editDistance(a, b) {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

function externalTarget(ctx, rng) {
  const kind = rng.weighted([
    ['dotfile', 2], ['pdf', 3], ['foreign-note', 3], ['unknown-note', 1], ['abs-path', 1], ['command', 1], ['project', 1]
  ]);
  switch (kind) {
    case 'unknown-note': {
      // A note name in this workspace's style that never existed and is far from every real
      // name. Without git history the spec (8.6 step 6) calls it a foreign note: a hint.
      const n = pad(ctx.plan.regular.length + rng.int(1000, 50000), ctx.plan.width);
      return { text: '`note-' + n + '-' + rng.pick(DEAD_WORDS) + '.md`', category: 'external', kind, file: true };
    }
    case 'dotfile':
      return { text: '`' + rng.pick(DOTFILES) + '`' + (rng.chance(0.5) ? ' ' + rng.pick(NOUNS) : ''), category: 'external', kind, file: true };
    case 'pdf':
      return { text: '`' + rng.pick(NOUNS) + '-manual.pdf` [' + rng.int(1, 300) + ']', category: 'external', kind, file: true };
    case 'foreign-note':
      return { text: '`' + rng.pick(FOREIGN_NOTES) + '`' + (rng.chance(0.4) ? ' ' + rng.pick(NOUNS) : ''), category: 'external', kind, file: true };
    case 'abs-path':
      return { text: '`' + rng.pick(ABS_PATHS) + '`', category: 'external', kind, file: true };
    case 'command':
      return { text: '`' + rng.pick(COMMANDS) + '`', category: 'external', kind, file: true };
    default:
      return { text: '`' + rng.pick(PROJECTS) + '`', category: 'external', kind, file: true };
  }
}

function marker(rng) {
  const r = rng.next();
  if (r < 0.5) return '🗄';
  if (r < 0.995) return '🗄️';
  return '🗄️️'; // doubled VS16 occurs in real notes
}

// Ends a marker span the way real notes do: mostly at end of line, sometimes at a URL, `;` or
// a spaced dash.
function spanTail(rng) {
  const r = rng.next();
  if (r < 0.08) return ' ' + url(rng);
  if (r < 0.1) return `; ${sentence(rng, 2, 5)}`;
  if (r < 0.12) return ` - ${sentence(rng, 2, 4)}`;
  return '';
}

// One line-start reference: `🗄 target`, sometimes with several targets.
function refLine(ctx, rng) {
  ctx.stats.markers++;
  if (rng.chance(0.04)) {
    const n = rng.int(2, 3);
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(makeTarget(ctx, rng, true).text);
    return `${marker(rng)} ${parts.join(' ')}`;
  }
  const t = makeTarget(ctx, rng);
  const m = marker(rng);
  if (t.text.startsWith('`') && rng.chance(0.004)) return `🗄${t.text}`; // no space after the marker
  if (t.text.startsWith('`') && rng.chance(0.004)) return `🗄️ \uFE0F${t.text}`; // VS16 after the space
  return `${m} ${t.text}${spanTail(rng)}`;
}

// A bare 🗄 label followed by 2–4 list items.
function refBlock(ctx, rng) {
  ctx.stats.markers++;
  const lines = [rng.chance(0.5) ? '🗄' : '🗄️'];
  const n = rng.weighted([[2, 60], [3, 25], [4, 15]]);
  const items = [];
  for (let i = 0; i < n; i++) {
    const bullet = rng.chance(0.02) ? '*\uFE0F ' : '* ';
    items.push(bullet + makeTarget(ctx, rng, true).text + spanTail(rng));
  }
  // `--sorted-lists`: in alphabetical order of what the items link, with no draw added (all seven
  // bare 🗄 lists of three or more items in the older real notes are kept so).
  const linked = (item) => (/`([^`]*)`/.exec(item)?.[1] ?? item).toLowerCase();
  if (ctx.sortedLists) items.sort((a, b) => (linked(a) < linked(b) ? -1 : linked(a) > linked(b) ? 1 : 0));
  return [...lines, ...items];
}

// ------------------------------------------------------------------------------------------------
// Blocks of note text

function citation(ctx, rng) {
  const authors = ctx.note.books.map((b) => b.author);
  const author = authors.length && rng.chance(0.8) ? rng.pick(authors) : rng.pick(AUTHORS);
  const r = rng.next();
  if (r < 0.45) return `📙 ${author} [${rng.int(3, 900)}]`;
  if (r < 0.7) return `📙 ${author} ${words(rng, NOUNS, 1, 2)} ${rng.int(1, 14)}.${rng.int(1, 99)}`;
  if (r < 0.85) return `📙 ${author} ch. ${rng.int(1, 20)}`;
  if (r < 0.93) return `📙 ${author} [${rng.int(10, 300)}] ${rng.pick(AUTHORS)} [${rng.int(10, 300)}]`;
  return `📙 ${author} ${rng.int(10, 400)}`;
}

function termLine(ctx, rng, term) {
  const t = term || (rng.chance(0.7) ? rng.pick(NOUNS) : `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`);
  const r = rng.next();
  let def;
  if (r < 0.55) def = sentence(rng, 4, 12);
  else if (r < 0.7) def = `${sentence(rng, 3, 8)} ${citation(ctx, rng)}`;
  else if (r < 0.85) def = url(rng);
  else if (r < 0.96) def = `${rng.pick(['✅', '❌', '🎯', '💀'])} ${sentence(rng, 3, 8)}`;
  else {
    // A planned term is an anchor; a same-note reference on its own line would not resolve.
    ctx.stats.markers++;
    def = `${sentence(rng, 3, 6)} ${marker(rng)} ${makeTarget(ctx, rng, Boolean(term)).text}`;
  }
  return `* _${t}_: ${def}`;
}

function listItem(ctx, rng) {
  const r = rng.next();
  const mark = rng.pick(LIST_MARKS);
  if (r < 0.45) return `* ${mark}${sentence(rng, 3, 10)}`;
  if (r < 0.75) return `* ${mark}${sentence(rng, 2, 6)} ${url(rng)}`;
  if (r < 0.9) return `* ${sentence(rng, 2, 6)} ${citation(ctx, rng)}`;
  return `* ${url(rng)}${rng.chance(0.5) ? ` [${rng.int(1, 59)}:${pad(rng.int(0, 59), 2)}]` : ''}`;
}

function capsBlock(ctx, rng, label) {
  const l = label || (rng.chance(0.2) ? rng.pick(CAPS_EXTRA) : upper(`${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`));
  let head = l;
  const r = rng.next();
  if (r < 0.12) head = `${l} ${url(rng)}`;
  else if (r < 0.16) {
    ctx.stats.markers++;
    head = `${l} ${marker(rng)} ${makeTarget(ctx, rng, Boolean(label)).text}`;
  }
  const lines = [head];
  const n = rng.int(2, 5);
  for (let i = 0; i < n; i++) lines.push(rng.chance(0.3) ? termLine(ctx, rng) : listItem(ctx, rng));
  return lines;
}

function quoteBlock(ctx, rng) {
  const lines = [];
  const n = rng.int(1, 2);
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    const attribution = r < 0.5 ? ` ${url(rng)}` : r < 0.6 ? ` ${citation(ctx, rng)}` : r < 0.7 ? ` [${rng.pick(AUTHORS)} ${rng.int(1, 9)}.${rng.int(1, 40)}]` : '';
    lines.push(`> ${sentence(rng, 6, 16)}${attribution}`);
  }
  return lines;
}

function urlBlock(rng) {
  const lines = [];
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) lines.push(rng.chance(0.2) ? `${url(rng)} ${url(rng)}` : url(rng));
  return lines;
}

function fenceBlock(ctx, rng) {
  const lang = rng.pick(FENCE_LANGS);
  const lines = ['```' + lang];
  const n = rng.int(3, 9);
  if (lang === 'sh' && rng.chance(0.3)) lines.push('#!/usr/bin/env bash');
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.35) lines.push(`# ${sentence(rng, 2, 7)}`);
    else if (r < 0.4) lines.push(`## ${rng.pick(NOUNS)} ${rng.pick(PROSE)}`);
    else if (lang === 'python') lines.push(`${rng.pick(NOUNS)}_${rng.pick(NOUNS)} = ${rng.int(1, 500)}  # ${rng.pick(ADJECTIVES)}`);
    else if (lang === 'sql') lines.push(`SELECT ${rng.pick(NOUNS)} FROM ${rng.pick(NOUNS)} WHERE id = ${rng.int(1, 99)};`);
    else lines.push(`${rng.pick(['ls', 'cp', 'rg', 'fd', 'make', 'git log', 'echo'])} ${rng.pick(NOUNS)}-${rng.int(1, 9)} ${rng.pick(NOUNS)}`);
  }
  if (rng.chance(0.15)) {
    // A reference inside a fence: navigation only, no diagnostics.
    ctx.stats.markers++;
    ctx.inFence = true;
    lines.splice(rng.int(1, lines.length - 1), 0, `# see ${marker(rng)} ${makeTarget(ctx, rng, true).text}`);
    ctx.inFence = false;
  }
  if (rng.chance(0.03)) {
    // A folder icon in a pasted directory tree: a 🗄 inside a fence that is not meant as a link.
    const folder = upper(rng.pick(NOUNS));
    lines.push('│   └── 🗄️ ' + folder);
    ctx.stats.markers++;
    count(ctx.stats, 'fence', 'tree-icon');
    if (ctx.stats.records) ctx.stats.records.push({ file: ctx.note.path, text: folder, category: 'fence', kind: 'tree-icon', inFence: true });
  }
  lines.push('```');
  return lines;
}

function bookList(rng, books) {
  const lines = ['📚'];
  for (const book of books) {
    const status = rng.chance(0.15) ? '⭐️ ' : rng.chance(0.12) ? '✅ ' : '';
    const r = rng.next();
    let entry = `${book.author} ${book.title}`;
    if (r < 0.35) entry += ` ${url(rng)}`;
    else if (r < 0.5) entry += ` ch. ${rng.int(1, 4)}-${rng.int(5, 12)}`;
    lines.push(`* ${status}${entry}`);
  }
  if (rng.chance(0.2)) lines.push(`* https://example.org/books/${rng.pick(NOUNS)}-${rng.int(1, 99)}`);
  return lines;
}

function proseBlock(rng) {
  const lines = [];
  const n = rng.int(1, 2);
  for (let i = 0; i < n; i++) lines.push(`${sentence(rng, 10, 24)}.`);
  return lines;
}

// A filler block for a section body; the mix decides the note's texture.
function fillerBlock(ctx, rng) {
  const kind = rng.weighted([
    ['terms', 22], ['caps', 14], ['urls', 12], ['quote', 10], ['list', 18], ['prose', 6],
    ['fence', 5], ['ref', 4], ['cite', 4]
  ]);
  switch (kind) {
    case 'terms': {
      const lines = [];
      const n = rng.int(1, 4);
      for (let i = 0; i < n; i++) lines.push(termLine(ctx, rng));
      return lines;
    }
    case 'caps': return capsBlock(ctx, rng);
    case 'urls': return urlBlock(rng);
    case 'quote': return quoteBlock(ctx, rng);
    case 'list': {
      const lines = [];
      const n = rng.int(2, 6);
      for (let i = 0; i < n; i++) lines.push(listItem(ctx, rng));
      return lines;
    }
    case 'prose': return proseBlock(rng);
    case 'fence': return fenceBlock(ctx, rng);
    case 'ref': return rng.chance(0.25) ? refBlock(ctx, rng) : [refLine(ctx, rng)];
    default: return [citation(ctx, rng) + (rng.chance(0.3) ? ` ${sentence(rng, 2, 6)}` : '')];
  }
}

// ------------------------------------------------------------------------------------------------
// Rendering one note

function blockBytes(lines) {
  let n = 2; // the blank line after the block
  for (const line of lines) n += Buffer.byteLength(line, 'utf8') + 1;
  return n;
}

function renderNote(plan, note, seed, stats, scale, sortedLists = false) {
  const rng = new Rng(mixSeed(seed, note.index + 1));
  const ctx = { plan, note, stats, inFence: false, sortedLists };
  const target = note.isBig ? 74 * 1024 : Math.round(scale * (note.isMeta ? rng.int(2500, 5500) : rng.int(3700, 11600)));

  // A container is a heading with a head (blocks above `---`) and a body (blocks below it).
  const containers = [];
  const add = (heading, head, body, fillable) => {
    const c = { heading, head, body, fillable };
    containers.push(c);
    return c;
  };

  // Header: 参考 and 进步.
  const refsHead = [];
  const nRefLines = rng.int(1, 2);
  const refLines = [];
  for (let i = 0; i < nRefLines; i++) refLines.push(refLine(ctx, rng));
  refsHead.push(refLines);
  if (rng.chance(0.2)) refsHead.push(refBlock(ctx, rng));
  refsHead.push(bookList(rng, note.books));
  if (rng.chance(0.25)) refsHead.push([`> buy the ${rng.pick(['hardcover', 'paperback', 'second edition'])}`]);
  const markerLines = [];
  if (rng.chance(0.5)) markerLines.push(`🔍 ${url(rng)}`);
  if (rng.chance(0.4)) markerLines.push(`📜 ${url(rng)}`);
  if (rng.chance(0.2)) markerLines.push(`🔗 ${url(rng)}`);
  if (markerLines.length) refsHead.push(markerLines);
  add('## 参考', refsHead, null, false);

  const years = rng.sample([25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15], rng.int(2, 5)).sort((a, b) => b - a);
  const progress = years.map((y) => `* _${y}_: ${sentence(rng, 3, 10)}`);
  if (rng.chance(0.1)) {
    const from = rng.pick(plan.regular);
    progress.push(`* _${years[years.length - 1]}_: split from \`${from.base}\``);
  }
  const backlog = [];
  const nBacklog = rng.int(1, 4);
  for (let i = 0; i < nBacklog; i++) backlog.push(`* ${rng.pick(['📍', '❓', '🎗', ''])} ${sentence(rng, 3, 9)}`.replace('*  ', '* '));
  if (rng.chance(0.4)) backlog.push(url(rng));
  if (!note.isMeta) add('## 进步', [progress], [backlog], false);

  // Topic sections.
  for (const sec of note.sections) {
    const spacing = rng.chance(0.005) ? '#  ' : '# ';
    const head = [];
    if (rng.chance(0.35)) {
      const lines = [];
      const n = rng.chance(0.8) ? 1 : 2;
      for (let i = 0; i < n; i++) lines.push(refLine(ctx, rng));
      if (rng.chance(0.5)) lines.push(citation(ctx, rng));
      head.push(lines);
    } else if (rng.chance(0.3)) head.push([citation(ctx, rng)]);
    if (rng.chance(0.08)) head.push(refBlock(ctx, rng));
    if (rng.chance(0.3)) head.push(quoteBlock(ctx, rng));
    if (sec.terms.length) head.push(sec.terms.map((t) => termLine(ctx, rng, t)));
    if (rng.chance(0.1)) head.push(bookList(rng, rng.sample(plan.catalog, rng.int(2, 4))));
    const body = [];
    for (const label of sec.caps) body.push(capsBlock(ctx, rng, label));
    if (rng.chance(0.5)) body.push(urlBlock(rng));
    if (rng.chance(0.3)) body.push(fenceBlock(ctx, rng));
    if (rng.chance(0.4)) body.push(quoteBlock(ctx, rng));
    add(`${spacing}${sec.icon} ${sec.name}`, head, body, true);

    for (const sub of sec.subs) {
      const hashes = sub.level === 3 ? '###' : '##';
      const subHead = [];
      if (rng.chance(0.2)) subHead.push([refLine(ctx, rng)]);
      if (sub.terms.length) subHead.push(sub.terms.map((t) => termLine(ctx, rng, t)));
      if (rng.chance(0.2)) subHead.push([citation(ctx, rng)]);
      const subBody = [];
      for (const label of sub.caps) subBody.push(capsBlock(ctx, rng, label));
      if (rng.chance(0.3)) subBody.push(urlBlock(rng));
      const heading = `${hashes} ${sub.icon ? sub.icon + ' ' : ''}${sub.name}`;
      add(heading, subHead, subBody, true);
    }
  }
  if (rng.chance(0.004)) add('### 🗄️ filepeek', [[`* ${sentence(rng, 3, 6)} ${url(rng)}`]], null, false);

  // Make sure each note has at least one fence.
  const fillable = containers.filter((c) => c.fillable);
  if (fillable.length && !containers.some((c) => (c.body || []).some((b) => b[0].startsWith('```')))) {
    rng.pick(fillable).body.push(fenceBlock(ctx, rng));
  }

  let bytes = Buffer.byteLength('# ⛩️\n\n', 'utf8');
  for (const c of containers) {
    bytes += Buffer.byteLength(c.heading, 'utf8') + 2;
    for (const b of c.head) bytes += blockBytes(b);
    if (c.body) {
      bytes += 5;
      for (const b of c.body) bytes += blockBytes(b);
    }
  }
  while (bytes < target && fillable.length) {
    const c = rng.pick(fillable);
    const block = fillerBlock(ctx, rng);
    c.body.push(block);
    bytes += blockBytes(block);
  }

  const out = ['# ⛩️', ''];
  for (const c of containers) {
    out.push(c.heading, '');
    for (const b of c.head) out.push(...b, '');
    if (c.body && c.body.length) {
      out.push('---', '');
      for (const b of c.body) out.push(...b, '');
    }
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------------------------------------------
// Main

const MANIFEST = '.torii-bench.json';

function prepareOutDir(out, force) {
  if (fs.existsSync(out)) {
    const entries = fs.readdirSync(out);
    const generated = entries.includes(MANIFEST);
    if (entries.length && !generated && !force) {
      fail(`${out} exists and was not made by this generator (no ${MANIFEST}); use --force to overwrite`);
    }
    fs.rmSync(out, { recursive: true, force: true });
  }
  fs.mkdirSync(out, { recursive: true });
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = process.hrtime.bigint();
  const plan = planWorkspace(args.notes, args.seed);
  const out = path.resolve(args.out);
  prepareOutDir(out, args.force);

  const stats = newStats(args.expect);
  const madeDirs = new Set();
  let totalBytes = 0;
  let bigBytes = 0;
  for (const note of plan.notes) {
    const text = renderNote(plan, note, args.seed, stats, args.scale, args.sortedLists);
    const dir = path.join(out, note.dir);
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const buf = Buffer.from(text, 'utf8');
    fs.writeFileSync(path.join(dir, note.base), buf);
    totalBytes += buf.length;
    if (note.isBig) bigBytes = buf.length;
  }

  const regular = plan.regular.length;
  const meta = plan.notes.filter((n) => n.isMeta).length;
  const manifest = {
    generator: 'bench/generate.js',
    seed: args.seed,
    requestedNotes: args.notes,
    ...(args.scale === 1 ? {} : { scale: args.scale }),
    files: plan.notes.length,
    regularNotes: regular,
    folderNotes: meta,
    bigNote: plan.big.path,
    bigNoteBytes: bigBytes,
    bytes: totalBytes,
    folders: madeDirs.size,
    references: {
      markers: stats.markers,
      targets: stats.targets,
      byCategory: stats.byCategory,
      byKind: Object.fromEntries(Object.entries(stats.byKind).sort(([a], [b]) => a.localeCompare(b)))
    }
  };
  fs.writeFileSync(path.join(out, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  if (stats.records) {
    const lines = stats.records.map((r) => JSON.stringify(r));
    fs.writeFileSync(path.join(out, '.torii-bench-targets.jsonl'), lines.join('\n') + '\n');
  }

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!args.quiet) {
    const c = stats.byCategory;
    const pct = (n) => `${((100 * n) / Math.max(1, stats.targets - c.fence)).toFixed(1)}%`;
    console.log(`generated ${path.relative(process.cwd(), out) || out} in ${seconds.toFixed(2)} s`);
    console.log(`  notes:      ${plan.notes.length} files (${regular} notes, ${meta} #meta.md folder notes, 1 big note of ${(bigBytes / 1024).toFixed(1)} KB) in ${madeDirs.size} folders`);
    console.log(`  bytes:      ${totalBytes} (${(totalBytes / 1e6).toFixed(1)} MB, ${(totalBytes / plan.notes.length / 1024).toFixed(2)} KB per note on average)`);
    console.log(`  references: ${stats.markers} 🗄 markers, ${stats.targets} targets: ` +
      `${c.resolve} meant to resolve (${pct(c.resolve)}), ${c.dead} dead (${pct(c.dead)}), ` +
      `${c.external} external (${pct(c.external)}), ${c.fence} inside fences`);
  }
}

// bench/generate-history.js builds its notes from the same word lists and text blocks.
module.exports = {
  Rng, mixSeed, NOUNS, ADJECTIVES, PROSE, DEAD_WORDS, AUTHORS, H1_ICONS, H2_ICONS, CAPS_EXTRA,
  FOREIGN_NOTES, DOTFILES, upper, words, sentence, url, typo, marker, spanTail, listItem,
  quoteBlock, urlBlock, proseBlock, bookList, citation
};

if (require.main === module) main();
