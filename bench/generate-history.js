#!/usr/bin/env node
'use strict';

// Deterministic generator of a "⛩️ notes" collection kept in git, with the truth about every
// 🗄 target, for measuring dead-link fixes (bench/fixes.js).
//
//   node bench/generate-history.js --notes 1000 --out bench/workspaces/history-1k [--seed 7]
//
// The collection grows over a few hundred commits while notes are renamed (with a few edits),
// moved between folders, split into a folder of 3–6 notes, deleted with their sections going to
// heirs (notes added by the same commit or existing notes it changes), merged into another note,
// and while sections move between notes or are dropped. References are never updated: older
// notes keep the names they were written with. References are also added later: to current
// names, to names that never existed, and to names of notes deleted before the reference was
// written (DIALECT §8.6 class 9 of issue 10: those mean a note of another collection).
//
// Every reference knows the anchor (heading, ALL-CAPS line, term) or note it meant when it was
// written, and the generator knows where that anchor lives at the end. `<out>.truth.json`, beside
// the repository (not in it, so Torii never reads it), lists every 🗄 target of the final notes
// with that place, or null when the meant section or note no longer exists anywhere.
//
// The history is written with `git fast-import` (one stream, realistic author and committer
// dates), so a 1,000-note history builds in seconds. Text blocks and word lists come from
// bench/generate.js; randomness from its seeded streams, so the same arguments always give the
// same repository and truth.

const fs = require('fs');
const path = require('path');
const cp = require('child_process');
const G = require('./generate.js');

// How writers link (bench/links.js, "how writers link"): in the five older real notes 61.9 % of
// the links that lead somewhere name a note the same note links elsewhere, and the notes of other
// collections they link share their sections' names with this collection's (`http.md` caching,
// where a note here has a CACHING). A reference goes back to a note its note links already with
// this chance (weighted by how often it does), and a reference to another collection's note
// names a section some note here has with this one. 0 for either gives the streams of before.
const LINK_AGAIN = 0.5;
const FOREIGN_SHARED = 0.5;
// Writers retitle a section where it stands (`## care` becomes `## blade care` or `## upkeep`), and
// the links written before keep the old name. After each step of the churn, with this chance, one
// heading, ALL-CAPS line or term of a note is renamed in a commit of its own. Its draws come from a
// stream of their own: 0 gives the notes and the truth of before, byte for byte.
const RETITLE = 0.15;

function parseArgs(argv) {
  const args = { notes: 1000, out: null, seed: 20241, quiet: false, linkAgain: LINK_AGAIN, foreignShared: FOREIGN_SHARED, retitle: RETITLE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--notes') args.notes = Number(value());
    else if (a === '--out') args.out = value();
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--link-again') args.linkAgain = Number(value());
    else if (a === '--foreign-shared') args.foreignShared = Number(value());
    else if (a === '--retitle') args.retitle = Number(value());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/generate-history.js --notes N --out DIR [--seed S] [--link-again P] [--foreign-shared P] [--retitle P] [--quiet]');
      console.log('  writes a git repository in DIR and the truth about its 🗄 targets in DIR.truth.json');
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.notes) || args.notes < 30) fail('--notes must be an integer >= 30');
  if (!Number.isInteger(args.seed)) fail('--seed must be an integer');
  if (!args.out) fail('--out DIR is required');
  for (const [flag, p] of [['--link-again', args.linkAgain], ['--foreign-shared', args.foreignShared], ['--retitle', args.retitle]]) {
    if (!(p >= 0 && p <= 1)) fail(`${flag} must be a chance between 0 and 1`);
  }
  return args;
}

function fail(message) {
  console.error(`generate-history.js: ${message}`);
  process.exit(2);
}

const { Rng, mixSeed, NOUNS, ADJECTIVES, H1_ICONS, H2_ICONS, CAPS_EXTRA, FOREIGN_NOTES, DEAD_WORDS, AUTHORS } = G;
const GENERIC_SECTIONS = ['CARE', 'SAFETY', 'TIPS', 'ALTERNATIVES', 'SOURCES'];

/**
 * The names an anchor answers to, roughly as Torii reads them (the whole name, each part of
 * `a (b)` and `a / b`, and singulars): two anchors of one note never share one, so the truth
 * about what a reference means is never a coin toss between two places in a note.
 */
function nameKeys(name) {
  const lower = name.toLowerCase();
  const parts = [lower, ...lower.split(/[()/]/).map((part) => part.trim()).filter(Boolean)];
  return [...new Set(parts.flatMap((part) => [part, part.replace(/s$/, ''), part.replace(/ /g, '')]))];
}

function claimName(taken, name) {
  const keys = nameKeys(name);
  if (keys.some((key) => taken.has(key))) return false;
  for (const key of keys) taken.add(key);
  return true;
}

// ------------------------------------------------------------------------------------------------
// The collection's model. Anchors are headings (`# 🔪 NAME`, `## name`), ALL-CAPS lines and
// terms; each has a global id, and each heading section knows the note it is in now.

class Collection {
  constructor(seed, noteTarget) {
    this.linkAgain = LINK_AGAIN;
    this.foreignShared = FOREIGN_SHARED;
    this.retitle = RETITLE;
    this.rng = new Rng(mixSeed(seed, 0x5eed));
    this.retitleRng = new Rng(mixSeed(seed, 0x7e717e));
    this.seed = seed;
    this.noteTarget = noteTarget;
    this.notes = new Map(); // id → note
    this.anchors = new Map(); // id → { kind, name, container }
    this.refs = new Map(); // id → ref
    this.everBasenames = new Set();
    this.folders = [];
    this.folderNames = new Set();
    this.nextId = 1;
    this.time = Date.UTC(2022, 0, 3, 9, 0, 0) / 1000;
    this.commits = [];
    this.deletedNames = []; // { basename, stem, at } of notes deleted (for references written later)
    this.staged = { changed: new Set(), deleted: new Set(), message: '' };
  }

  id() {
    return this.nextId++;
  }

  // ── Names ──────────────────────────────────────────────────────────────────────────────────

  planFolders() {
    const rng = this.rng;
    const topCount = Math.max(4, Math.round(this.noteTarget / 90));
    const tops = rng.sample(NOUNS, topCount).map((noun) => `${noun}s`.replace(/ss$/, 's'));
    for (const top of tops) {
      this.folders.push(top);
      this.folderNames.add(top);
      const subs = rng.sample(NOUNS, rng.int(1, 4));
      for (const sub of subs) {
        if (this.folderNames.has(sub) || sub === top) continue;
        this.folders.push(`${top}/${sub}`);
        this.folderNames.add(sub);
      }
    }
  }

  freshStem(rng, preferred) {
    for (let attempt = 0; attempt < 60; attempt++) {
      let stem;
      if (preferred && attempt < 3) stem = attempt === 0 ? preferred : `${preferred}-${rng.pick(NOUNS)}`;
      else {
        const r = rng.next();
        stem = r < 0.4 ? rng.pick(NOUNS) : r < 0.7 ? `${rng.pick(ADJECTIVES)}-${rng.pick(NOUNS)}` : `${rng.pick(NOUNS)}-${rng.pick(NOUNS)}`;
      }
      stem = stem.replace(/[^a-z0-9-]/g, '');
      if (!stem || this.everBasenames.has(`${stem}.md`) || this.folderNames.has(stem)) continue;
      return stem;
    }
    let n = 2;
    while (this.everBasenames.has(`${preferred || 'note'}-${n}.md`)) n++;
    return `${preferred || 'note'}-${n}`;
  }

  claim(basename) {
    this.everBasenames.add(basename);
    if (basename.endsWith('.md')) this.everBasenames.add(basename.replace(/^\d+-/, ''));
  }

  // ── Sections ───────────────────────────────────────────────────────────────────────────────

  makeAnchor(kind, name, container) {
    const id = this.id();
    this.anchors.set(id, { id, kind, name, container });
    return id;
  }

  newSectionName(rng, taken, level) {
    for (let attempt = 0; attempt < 40; attempt++) {
      let name;
      if (level === 1) {
        const r = rng.next();
        name = r < 0.05 ? rng.pick(GENERIC_SECTIONS)
          : r < 0.3 ? G.upper(rng.pick(NOUNS))
          : r < 0.65 ? G.upper(`${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`)
          : G.upper(`${rng.pick(NOUNS)} ${rng.pick(NOUNS)}`);
      } else {
        const r = rng.next();
        name = r < 0.25 ? rng.pick(NOUNS)
          : r < 0.55 ? `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`
          : r < 0.8 ? `${rng.pick(NOUNS)} ${rng.pick(NOUNS)}`
          : r < 0.9 ? `${rng.pick(NOUNS)} (${rng.pick(NOUNS)})`
          : `${rng.pick(NOUNS)} / ${rng.pick(NOUNS)}`;
      }
      if (claimName(taken, name)) return name;
    }
    return null;
  }

  newSubAnchors(rng, container, taken, capsRange, termRange) {
    const caps = [];
    const terms = [];
    for (let i = rng.int(...capsRange); i > 0; i--) {
      const label = rng.chance(0.12) ? rng.pick(CAPS_EXTRA) : rng.chance(0.6) ? G.upper(rng.pick(NOUNS)) : G.upper(`${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`);
      if (!claimName(taken, label)) continue;
      caps.push(this.makeAnchor('caps', label, container));
    }
    for (let i = rng.int(...termRange); i > 0; i--) {
      const term = rng.chance(0.65) ? rng.pick(NOUNS) : `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
      if (!claimName(taken, term)) continue;
      terms.push(this.makeAnchor('term', term, container));
    }
    return { caps, terms };
  }

  newSection(rng, note, taken, level = 1) {
    const name = this.newSectionName(rng, taken, level);
    if (!name) return null;
    const section = { level, name, icon: level === 1 ? rng.pick(H1_ICONS) : rng.chance(0.08) ? rng.pick(H2_ICONS) : null, noteId: note.id, refs: [], extra: [], subs: [], seed: 0, dropped: false };
    section.id = this.makeAnchor('heading', name, section);
    section.seed = mixSeed(this.seed, section.id);
    Object.assign(section, this.newSubAnchors(rng, section, taken, level === 1 ? [0, 2] : [0, 1], level === 1 ? [1, 3] : [0, 2]));
    if (level === 1) {
      for (let j = rng.int(0, 3); j > 0; j--) {
        const sub = this.newSection(rng, note, taken, rng.chance(0.1) && section.subs.length ? 3 : 2);
        if (sub) {
          sub.parent = section;
          section.subs.push(sub);
        }
      }
    }
    return section;
  }

  takenNames(note) {
    const taken = new Set(['za']);
    for (const section of note.sections) {
      for (const s of [section, ...section.subs]) {
        for (const key of nameKeys(s.name)) taken.add(key);
        for (const id of [...s.caps, ...s.terms]) for (const key of nameKeys(this.anchors.get(id).name)) taken.add(key);
      }
    }
    return taken;
  }

  // ── Notes ──────────────────────────────────────────────────────────────────────────────────

  createNote(rng, options = {}) {
    const folder = options.folder ?? rng.pick(this.folders);
    let basename;
    if (options.basename) basename = options.basename;
    else {
      const stem = this.freshStem(rng, options.preferredStem);
      basename = options.legacy ? `${rng.int(1, 9)}-${stem}.md` : `${stem}.md`;
    }
    this.claim(basename);
    const note = {
      id: this.id(),
      path: `${folder}/${basename}`,
      alive: true,
      createdAt: this.time,
      sections: [],
      headerRefs: [],
      books: rng.sample(this.catalog, rng.int(2, 4)),
      seed: 0,
      history: [],
      legacy: Boolean(options.legacy),
      // The notes this one's references named when written, and how often: a writer links them again.
      linksTo: new Map(),
    };
    note.seed = mixSeed(this.seed, note.id + 7919);
    this.notes.set(note.id, note);
    this.aliveCache = undefined;
    if (!options.empty) {
      const taken = new Set(['za']);
      const count = options.sectionCount ?? rng.int(3, 6);
      for (let i = 0; i < count; i++) {
        const section = this.newSection(rng, note, taken);
        if (section) note.sections.push(section);
      }
      if (rng.chance(0.25)) {
        const za = { level: 1, name: 'ZA', icon: '🟨', noteId: note.id, refs: [], extra: [], subs: [], caps: [], terms: [], dropped: false, za: true };
        za.id = this.makeAnchor('heading', 'ZA', za);
        za.seed = mixSeed(this.seed, za.id);
        note.sections.push(za);
      }
    }
    this.stage(note.path);
    return note;
  }

  alive() {
    if (!this.aliveCache) {
      this.aliveCache = [...this.notes.values()].filter((note) => note.alive);
      this.byTopFolder = new Map();
    }
    return this.aliveCache;
  }

  /** The live notes under a top-level folder (kept with the list of live notes). */
  inTopFolder(top) {
    this.alive();
    if (!this.byTopFolder.has(top)) this.byTopFolder.set(top, this.aliveCache.filter((note) => note.path.startsWith(`${top}/`)));
    return this.byTopFolder.get(top);
  }

  noteOf(anchorId) {
    return this.notes.get(this.anchors.get(anchorId).container.noteId);
  }

  anchorAlive(anchorId) {
    const anchor = this.anchors.get(anchorId);
    const container = anchor.container;
    if (container.dropped || (container.parent && container.parent.dropped)) return false;
    return this.notes.get(container.noteId).alive;
  }

  /** Every live anchor of a note, with the heading section it belongs to. */
  anchorsOfNote(note) {
    const result = [];
    for (const section of note.sections) {
      if (section.za) continue;
      for (const s of [section, ...section.subs]) {
        result.push(s.id, ...s.caps, ...s.terms);
      }
    }
    return result;
  }

  // ── References ─────────────────────────────────────────────────────────────────────────────

  /** Writes a reference to `anchorId` (or to the note alone) from `from`, the way the author would now. */
  writeReference(rng, from, target) {
    const ref = { id: this.id(), writtenAt: this.time, from: from.id, tag: 'meant' };
    let note;
    let sectionText = '';
    if (target.anchorId) {
      ref.anchorId = target.anchorId;
      note = this.noteOf(target.anchorId);
      const anchor = this.anchors.get(target.anchorId);
      const container = anchor.container;
      if (anchor.kind === 'heading' && container.level === 1) sectionText = rng.chance(0.6) ? anchor.name.toLowerCase() : anchor.name;
      else if (anchor.kind === 'heading') {
        const alias = /^(\S+) \((\S+)\)$/.exec(anchor.name);
        if (alias && rng.chance(0.4)) sectionText = alias[rng.int(1, 2)];
        else if (container.parent && rng.chance(0.2)) sectionText = `${container.parent.name.toLowerCase()} > ${anchor.name}`;
        else sectionText = anchor.name;
      } else if (anchor.kind === 'caps') sectionText = anchor.name.toLowerCase();
      else sectionText = rng.chance(0.3) ? `'${anchor.name}'` : anchor.name;
      ref.noteAtWriting = note.id;
    } else {
      note = this.notes.get(target.noteId);
      ref.noteId = note.id;
      ref.noteAtWriting = note.id;
    }
    ref.pathAtWriting = note.path;
    let filePart = '';
    if (note.id === from.id && sectionText) {
      filePart = '';
    } else {
      const parts = note.path.split('/');
      const basename = parts[parts.length - 1];
      const stem = basename.replace(/\.md$/, '');
      if (basename === '#meta.md') filePart = `${parts[parts.length - 2]}.md`;
      else {
        const r = rng.next();
        if (r < 0.76) filePart = basename;
        else if (r < 0.88 && parts.length >= 2) filePart = `${parts[parts.length - 2]}/${basename}`;
        else filePart = stem;
      }
    }
    // A slip of the author's own: a typo in the note's name or in the section.
    if (filePart && rng.chance(0.012) && /^[a-z-]{5,}\.md$/.test(filePart)) {
      const stem = filePart.replace(/\.md$/, '');
      const slipped = G.typo(stem, rng);
      if (slipped !== stem && !this.everBasenames.has(`${slipped}.md`)) {
        filePart = `${slipped}.md`;
        ref.tag = 'author-typo-file';
      }
    } else if (sectionText && rng.chance(0.01) && /^[a-z]{6,}( [a-z]+)?$/.test(sectionText)) {
      const words = sectionText.split(' ');
      words[0] = G.typo(words[0], rng);
      sectionText = words.join(' ');
      ref.tag = 'author-typo-section';
    }
    ref.text = [filePart ? `\`${filePart}\`` : '', sectionText].filter(Boolean).join(' ');
    this.refs.set(ref.id, ref);
    return ref;
  }

  /** A reference to a name this collection does not have: another collection's note, a file, a deleted note's old name. */
  writeOtherReference(rng, from) {
    const ref = { id: this.id(), writtenAt: this.time, from: from.id };
    const r = rng.next();
    const recentlyDeleted = this.deletedNames.filter((entry) => entry.at < this.time && !this.everBasenamesAlive(entry.basename));
    if (r < 0.45 && recentlyDeleted.length) {
      const gone = rng.pick(recentlyDeleted);
      ref.text = `\`${rng.chance(0.8) ? gone.basename : gone.stem}\`${rng.chance(0.4) ? ` ${rng.pick(NOUNS)}` : ''}`;
      ref.tag = 'after-deletion';
    } else if (r < 0.75) {
      ref.text = `\`${rng.pick(FOREIGN_NOTES)}\`${rng.chance(0.4) ? ` ${this.foreignSection(rng)}` : ''}`;
      ref.tag = 'foreign';
    } else if (r < 0.85) {
      ref.text = `\`${rng.pick(DEAD_WORDS)}-${rng.pick(NOUNS)}.md\``;
      ref.tag = 'foreign';
    } else if (r < 0.92) {
      ref.text = `\`${rng.pick(NOUNS)}-manual.pdf\` [${rng.int(1, 300)}]`;
      ref.tag = 'external';
    } else {
      ref.text = `\`${rng.pick(['tools', 'src', 'bin'])}/${rng.pick(NOUNS)}-${rng.pick(['app', 'builder', 'kit'])}\``;
      ref.tag = 'external';
    }
    this.refs.set(ref.id, ref);
    return ref;
  }

  /** The section a link to another collection's note names: a plain word, or (as often in a real collection) a heading some note here has too. */
  foreignSection(rng) {
    if (this.foreignShared > 0 && rng.chance(this.foreignShared)) {
      const headings = this.anchorsOfNote(rng.pick(this.alive())).map((id) => this.anchors.get(id)).filter((anchor) => anchor.kind === 'heading');
      if (headings.length) return rng.pick(headings).name.toLowerCase();
    }
    return rng.pick(NOUNS);
  }

  everBasenamesAlive(basename) {
    return this.alive().some((note) => note.path.endsWith(`/${basename}`));
  }


  /** A reference from `from` to something that exists now: mostly another note's section. */
  pickTarget(rng, from, allowSame = true) {
    const alive = this.alive();
    if (allowSame && rng.chance(0.12)) {
      const own = this.anchorsOfNote(from);
      if (own.length) return { anchorId: rng.pick(own) };
    }
    let target;
    const again = this.linkAgain > 0 ? [...from.linksTo].filter(([id]) => id !== from.id && this.notes.get(id).alive) : [];
    if (again.length && rng.chance(this.linkAgain)) target = this.notes.get(rng.weighted(again));
    else {
      const nearby = this.inTopFolder(from.path.split('/')[0]).filter((note) => note !== from);
      target = nearby.length && rng.chance(0.4) ? rng.pick(nearby) : rng.pick(alive);
    }
    if (target === from) target = alive[(alive.indexOf(from) + 1) % alive.length];
    if (target === from) return null;
    const anchors = this.anchorsOfNote(target);
    if (!anchors.length || rng.chance(0.1)) return { noteId: target.id };
    // Headings are what references name most; then ALL-CAPS lines and terms.
    const headings = anchors.filter((id) => this.anchors.get(id).kind === 'heading');
    const others = anchors.filter((id) => this.anchors.get(id).kind !== 'heading');
    return { anchorId: headings.length && (rng.chance(0.72) || !others.length) ? rng.pick(headings) : rng.pick(others) };
  }

  addReferences(rng, note, count) {
    for (let i = 0; i < count; i++) {
      let ref;
      if (rng.chance(0.06)) ref = this.writeOtherReference(rng, note);
      else {
        const target = this.pickTarget(rng, note);
        if (!target) continue;
        ref = this.writeReference(rng, note, target);
        if (ref.noteAtWriting !== note.id) note.linksTo.set(ref.noteAtWriting, (note.linksTo.get(ref.noteAtWriting) ?? 0) + 1);
      }
      this.placeReference(rng, note, ref);
    }
    this.stage(note.path);
  }

  placeReference(rng, note, ref) {
    const places = [];
    for (const section of note.sections) {
      if (section.za) continue;
      places.push(section, ...section.subs);
    }
    const hasFile = ref.text.startsWith('`');
    if (!places.length || (hasFile && rng.chance(0.25))) {
      note.headerRefs.push(ref);
      return;
    }
    // A same-note reference sits in a section other than the one it names, as the author would write it.
    const named = ref.anchorId ? this.anchors.get(ref.anchorId).container : null;
    const candidates = places.filter((place) => place !== named && place !== named?.parent && place.parent !== named);
    (candidates.length ? rng.pick(candidates) : rng.pick(places)).refs.push(ref);
  }

  // ── Staging and commits ────────────────────────────────────────────────────────────────────

  stage(notePath) {
    this.staged.changed.add(notePath);
    this.staged.deleted.delete(notePath);
  }

  stageDeletion(notePath) {
    this.staged.deleted.add(notePath);
    this.staged.changed.delete(notePath);
  }

  commit(message, rng = this.rng) {
    if (!this.staged.changed.size && !this.staged.deleted.size) return;
    // Hours to days between commits, in working hours of a hobbyist.
    this.time += rng.int(1800, 3 * 86400);
    const files = [];
    const byPath = new Map(this.alive().map((note) => [note.path, note]));
    for (const notePath of [...this.staged.changed].sort()) {
      const note = byPath.get(notePath);
      if (note) files.push({ path: notePath, text: renderNote(this, note).text });
    }
    this.commits.push({ time: this.time, message, deleted: [...this.staged.deleted].sort(), files });
    this.staged = { changed: new Set(), deleted: new Set(), message: '' };
  }

  // ── Events ─────────────────────────────────────────────────────────────────────────────────

  /** Edits a few lines of a note: items appended to some sections. */
  editNote(rng, note, edits = rng.int(1, 3)) {
    const sections = note.sections.filter((section) => !section.za);
    for (let i = 0; i < edits && sections.length; i++) {
      const section = rng.pick(sections);
      section.extra.push(G.listItem({ note }, rng));
    }
    this.stage(note.path);
  }

  renameNote(rng, note, kind) {
    const old = note.path;
    const folder = old.slice(0, old.lastIndexOf('/'));
    let basename = old.slice(old.lastIndexOf('/') + 1);
    if (basename === '#meta.md') return false;
    let newFolder = folder;
    if (kind === 'legacy') basename = basename.replace(/^\d+-/, '');
    if (kind === 'rename' || kind === 'rename-move') {
      basename = `${this.freshStem(rng)}.md`;
      this.claim(basename);
    }
    if (kind === 'move' || kind === 'rename-move') {
      const others = this.folders.filter((candidate) => candidate !== folder && !candidate.startsWith(`${folder}/`));
      if (!others.length) return false;
      newFolder = rng.pick(others);
    }
    const next = `${newFolder}/${basename}`;
    if (next === old || this.alive().some((other) => other.path === next)) return false;
    note.path = next;
    this.aliveCache = undefined;
    note.legacy = false;
    note.history.push({ kind: kind === 'legacy' ? 'legacy-rename' : kind, at: this.time });
    this.stageDeletion(old);
    if (rng.chance(0.7)) this.editNote(rng, note, rng.int(1, 2));
    this.stage(next);
    return true;
  }

  deleteNote(note, heirsDescription) {
    note.alive = false;
    this.aliveCache = undefined;
    note.history.push({ kind: heirsDescription, at: this.time });
    const basename = note.path.slice(note.path.lastIndexOf('/') + 1);
    // A split note's name now names its folder: a later reference to it would mean the folder, not another collection.
    if (heirsDescription !== 'split') this.deletedNames.push({ basename, stem: basename.replace(/\.md$/, ''), at: this.time + 1 });
    this.stageDeletion(note.path);
  }

  moveSectionTo(section, note, parentSection) {
    const from = this.notes.get(section.noteId);
    if (section.level === 1) {
      from.sections = from.sections.filter((candidate) => candidate !== section);
      section.noteId = note.id;
      for (const sub of section.subs) sub.noteId = note.id;
      note.sections.push(section);
    } else {
      section.parent.subs = section.parent.subs.filter((candidate) => candidate !== section);
      section.noteId = note.id;
      section.parent = parentSection;
      parentSection.subs.push(section);
    }
    section.movedAt = this.time;
  }

  /** Names the target already has are renamed on arrival? No: the author avoids a clash by not moving it. */
  canReceive(note, section) {
    const taken = this.takenNames(note);
    for (const s of section.level === 1 ? [section, ...section.subs] : [section]) {
      for (const name of [s.name, ...[...s.caps, ...s.terms].map((id) => this.anchors.get(id).name)]) {
        if (nameKeys(name).some((key) => taken.has(key))) return false;
      }
    }
    return true;
  }

  splitNote(rng, note) {
    const sections = note.sections.filter((section) => !section.za);
    if (sections.length < 3) return false;
    const folderPath = note.path.replace(/\.md$/, '');
    const stem = folderPath.slice(folderPath.lastIndexOf('/') + 1);
    if (stem === '#meta' || /^\d+-/.test(stem) || this.folderNames.has(stem)) return false;
    const partCount = Math.min(sections.length, rng.int(3, 6));
    const shuffled = rng.sample(sections, sections.length);
    const groups = Array.from({ length: partCount }, () => []);
    shuffled.forEach((section, index) => groups[index < partCount ? index : rng.int(0, partCount - 1)].push(section));
    this.folders.push(folderPath);
    this.folderNames.add(stem);
    const parts = [];
    for (const group of groups) {
      const preferred = group[0].name.toLowerCase().split(/[^a-z]+/).filter(Boolean).join('-');
      const part = this.createNote(rng, { folder: folderPath, preferredStem: preferred, empty: true });
      for (const section of group) this.moveSectionTo(section, part, null);
      parts.push(part);
    }
    // The header goes to the folder's own note sometimes, else to the first part.
    if (rng.chance(0.3)) {
      const meta = this.createNote(rng, { folder: folderPath, basename: '#meta.md', empty: true });
      meta.headerRefs = note.headerRefs;
    } else parts[0].headerRefs.push(...note.headerRefs);
    note.headerRefs = [];
    const za = note.sections.find((section) => section.za);
    if (za) this.moveSectionTo(za, parts[0], null);
    this.deleteNote(note, 'split');
    for (const part of parts) this.stage(part.path);
    return true;
  }

  /** Deletes a note; its sections go to notes added by the same commit, to existing notes it changes, or both. */
  scatterNote(rng, note) {
    const sections = note.sections.filter((section) => !section.za);
    if (!sections.length) return false;
    const mode = rng.weighted([['new', 4], ['existing', 4], ['mixed', 2]]);
    const folder = note.path.slice(0, note.path.lastIndexOf('/'));
    const alive = this.alive().filter((other) => other !== note && other.path.slice(other.path.lastIndexOf('/') + 1) !== '#meta.md');
    const near = alive.filter((other) => other.path.startsWith(`${folder.split('/')[0]}/`));
    const heirs = [];
    // Marked dropped only once the deletion happens: a scatter given up (no heir) leaves the note as it was.
    const dropped = [];
    for (const section of sections) {
      if (rng.chance(0.08)) {
        dropped.push(section);
        continue;
      }
      let heir;
      const wantsNew = mode === 'new' || (mode === 'mixed' && rng.chance(0.5));
      if (wantsNew) {
        heir = heirs.find((candidate) => candidate.createdAt === this.time && rng.chance(0.5) && this.canReceive(candidate, section));
        if (!heir) {
          heir = this.createNote(rng, { folder: rng.chance(0.6) ? folder : rng.pick(this.folders), empty: true });
          heir.createdAt = this.time;
        }
      } else {
        const pool = rng.sample(near.length && rng.chance(0.7) ? near : alive, 24).filter((candidate) => this.canReceive(candidate, section));
        if (!pool.length) {
          dropped.push(section);
          continue;
        }
        heir = rng.pick(pool);
      }
      this.moveSectionTo(section, heir, null);
      if (!heirs.includes(heir)) heirs.push(heir);
      this.stage(heir.path);
    }
    if (!heirs.length) return false;
    for (const section of dropped) section.dropped = true;
    // Every section kept went to one note: the note was merged into it, as mergeNote does, new note or not.
    if (heirs.length === 1) note.mergedInto = heirs[0].id;
    // The same commit sometimes renames an unrelated note: it is no heir.
    if (rng.chance(0.25)) {
      const bystander = rng.pick(alive.filter((other) => !heirs.includes(other)));
      if (bystander) this.renameNote(rng, bystander, 'rename');
    }
    this.deleteNote(note, 'deleted');
    return true;
  }

  mergeNote(rng, note) {
    const folder = note.path.slice(0, note.path.lastIndexOf('/'));
    const candidates = this.alive().filter((other) => other !== note && other.path.startsWith(`${folder}/`) && !other.path.endsWith('#meta.md'));
    const into = candidates.length ? rng.pick(candidates) : null;
    if (!into) return false;
    for (const section of note.sections) if (!section.za && !this.canReceive(into, section)) return false;
    for (const section of [...note.sections]) {
      if (section.za) continue;
      this.moveSectionTo(section, into, null);
    }
    into.headerRefs.push(...note.headerRefs);
    note.mergedInto = into.id;
    this.deleteNote(note, 'merged');
    this.stage(into.path);
    return true;
  }

  moveSection(rng) {
    const alive = this.alive();
    const from = rng.pick(alive);
    const sections = from.sections.filter((section) => !section.za);
    if (sections.length < 2) return false;
    const moveSub = rng.chance(0.35);
    let section = rng.pick(sections);
    if (moveSub) {
      const subs = sections.flatMap((candidate) => candidate.subs);
      if (!subs.length) return false;
      section = rng.pick(subs);
    }
    const folder = from.path.slice(0, from.path.lastIndexOf('/'));
    const near = alive.filter((other) => other !== from && other.path.startsWith(`${folder.split('/')[0]}/`));
    const pool = rng.sample(near.length && rng.chance(0.6) ? near : alive, 24).filter((other) => other !== from && other.sections.some((s) => !s.za) && this.canReceive(other, section));
    if (!pool.length) return false;
    const to = rng.pick(pool);
    const parent = section.level === 1 ? null : rng.pick(to.sections.filter((s) => !s.za));
    this.moveSectionTo(section, to, parent);
    this.stage(from.path);
    this.stage(to.path);
    // Often committed with other small edits.
    if (rng.chance(0.4)) for (let i = rng.int(1, 2); i > 0; i--) this.editNote(rng, rng.pick(alive), 1);
    return true;
  }

  /**
   * Renames one heading, ALL-CAPS line or term of a note where it stands: its old words with one
   * more (`care` → `blade care`, `care notes`) or a new name altogether. Links keep the old name.
   */
  retitleAnchor(rng) {
    const notes = this.alive().filter((note) => !note.path.endsWith('#meta.md'));
    if (!notes.length) return false;
    const note = rng.pick(notes);
    const ids = this.anchorsOfNote(note);
    if (!ids.length) return false;
    const anchor = this.anchors.get(rng.pick(ids));
    const taken = this.takenNames(note);
    for (const key of nameKeys(anchor.name)) taken.delete(key);
    const level1 = anchor.kind === 'heading' && anchor.container.level === 1;
    const plain = anchor.kind === 'caps' || level1 ? anchor.name.toLowerCase() : anchor.name;
    let name = null;
    if (!/[()/]/.test(plain) && rng.chance(0.4)) {
      const word = rng.chance(0.5) ? rng.pick(ADJECTIVES) : rng.pick(NOUNS);
      const longer = rng.chance(0.5) ? `${word} ${plain}` : `${plain} ${rng.pick(NOUNS)}`;
      const cased = anchor.kind === 'caps' || level1 ? G.upper(longer) : longer;
      if (claimName(taken, cased)) name = cased;
    }
    if (!name && anchor.kind === 'heading') name = this.newSectionName(rng, taken, anchor.container.level);
    if (!name && anchor.kind !== 'heading') {
      const fresh = rng.chance(0.6) ? rng.pick(NOUNS) : `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
      const cased = anchor.kind === 'caps' ? G.upper(fresh) : fresh;
      if (claimName(taken, cased)) name = cased;
    }
    if (!name || name === anchor.name) return false;
    anchor.name = name;
    if (anchor.kind === 'heading') anchor.container.name = name;
    anchor.retitledAt = this.time;
    this.stage(note.path);
    if (rng.chance(0.3)) this.editNote(rng, note, 1);
    return true;
  }

  dropSection(rng) {
    const note = rng.pick(this.alive());
    const sections = note.sections.filter((section) => !section.za);
    if (sections.length < 3) return false;
    const section = rng.pick(sections);
    section.dropped = true;
    note.sections = note.sections.filter((candidate) => candidate !== section);
    this.stage(note.path);
    return true;
  }
}

// ------------------------------------------------------------------------------------------------
// Rendering a note, remembering the line of every anchor and of every reference

function renderNote(collection, note) {
  const lines = ['# ⛩️', ''];
  const anchorLines = new Map();
  const refLines = [];
  const rng = new Rng(note.seed);
  const pushRefs = (refs, refRng) => {
    if (!refs.length) return;
    // A bare 🗄 label with the targets as items, or one marker per line, now and then two targets on one marker.
    if (refs.length >= 2 && refRng.chance(0.2)) {
      lines.push(refRng.chance(0.5) ? '🗄' : '🗄️');
      for (const ref of refs) {
        refLines.push({ ref, line: lines.length, index: 0 });
        lines.push(`* ${ref.text}`);
      }
      lines.push('');
      return;
    }
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      const next = refs[i + 1];
      const m = refRng.chance(0.5) ? '🗄' : '🗄️';
      if (next && ref.text.startsWith('`') && next.text.startsWith('`') && refRng.chance(0.1)) {
        refLines.push({ ref, line: lines.length, index: 0 }, { ref: next, line: lines.length, index: 1 });
        lines.push(`${m} ${ref.text} ${next.text}`);
        i++;
      } else {
        refLines.push({ ref, line: lines.length, index: 0 });
        lines.push(`${m} ${ref.text}`);
      }
    }
    lines.push('');
  };

  lines.push('## 参考', '');
  pushRefs(note.headerRefs, new Rng(mixSeed(note.seed, 1)));
  lines.push(...G.bookList(rng, note.books), '');
  if (rng.chance(0.4)) lines.push(`🔍 ${G.url(rng)}`, '');
  if (!note.path.endsWith('#meta.md')) {
    lines.push('## 进步', '');
    const years = rng.sample([25, 24, 23, 22, 21, 20], rng.int(1, 3)).sort((a, b) => b - a);
    for (const year of years) lines.push(`* _${year}_: ${G.sentence(rng, 3, 9)}`);
    lines.push('');
  }

  const renderSection = (section) => {
    const srng = new Rng(section.seed);
    const hashes = '#'.repeat(section.level);
    anchorLines.set(section.id, lines.length);
    lines.push(`${hashes} ${section.icon ? `${section.icon} ` : ''}${section.name}`, '');
    pushRefs(section.refs, new Rng(mixSeed(section.seed, 3)));
    if (section.terms.length) {
      for (const id of section.terms) {
        anchorLines.set(id, lines.length);
        lines.push(`* _${collection.anchors.get(id).name}_: ${G.sentence(srng, 3, 10)}`);
      }
      lines.push('');
    }
    if (srng.chance(0.3)) lines.push(...G.quoteBlock({ note }, srng), '');
    lines.push('---', '');
    for (const id of section.caps) {
      anchorLines.set(id, lines.length);
      lines.push(collection.anchors.get(id).name);
      for (let i = srng.int(2, 4); i > 0; i--) lines.push(G.listItem({ note }, srng));
      lines.push('');
    }
    const blocks = srng.int(1, 3);
    for (let i = 0; i < blocks; i++) {
      const r = srng.next();
      if (r < 0.45) {
        const items = [];
        for (let j = srng.int(2, 5); j > 0; j--) items.push(G.listItem({ note }, srng));
        lines.push(...items, '');
      } else if (r < 0.65) lines.push(...G.urlBlock(srng), '');
      else if (r < 0.8) lines.push(...G.proseBlock(srng), '');
      else if (r < 0.9) lines.push('```sh', `# ${G.sentence(srng, 2, 6)}`, `ls ${srng.pick(NOUNS)}-${srng.int(1, 9)}`, '```', '');
      else lines.push(G.citation({ note }, srng), '');
    }
    if (section.extra.length) lines.push(...section.extra, '');
    for (const sub of section.subs) renderSection(sub);
  };
  for (const section of note.sections) renderSection(section);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return { text: `${lines.join('\n')}\n`, anchorLines, refLines };
}

// ------------------------------------------------------------------------------------------------
// The story: notes grow, then churn

function simulate(collection) {
  const rng = collection.rng;
  collection.catalog = [];
  for (let i = 0; i < 200; i++) collection.catalog.push({ author: rng.pick(AUTHORS), title: `${rng.pick(NOUNS)} ${G.words(rng, [...NOUNS, ...ADJECTIVES], 1, 2)}` });
  collection.planFolders();
  const target = collection.noteTarget;

  // Growth: notes arrive in small batches, each referring to what exists at the time.
  const grown = Math.round(target * 0.7);
  let made = 0;
  while (made < grown) {
    const batch = Math.min(grown - made, rng.int(1, 12));
    for (let i = 0; i < batch; i++) {
      const note = collection.createNote(rng, { legacy: rng.chance(0.02) });
      if (collection.alive().length > 3) collection.addReferences(rng, note, rng.int(4, 10));
      made++;
    }
    collection.commit(`add ${batch} note${batch === 1 ? '' : 's'}`);
  }

  // Churn: renames, moves, splits, deletions, section moves, and new notes and references.
  const events = Math.round(target * 0.65);
  for (let step = 0; step < events; step++) {
    const kind = rng.weighted([
      ['create', 16], ['refs', 14], ['edit', 8], ['rename', 10], ['move', 6], ['rename-move', 4], ['legacy', 2],
      ['split', 4], ['scatter', 4], ['merge', 2], ['section', 14], ['drop', 2],
    ]);
    const alive = collection.alive();
    const ordinary = alive.filter((note) => !note.path.endsWith('#meta.md'));
    let done = false;
    switch (kind) {
      case 'create': {
        const batch = rng.int(1, 4);
        for (let i = 0; i < batch; i++) {
          const note = collection.createNote(rng);
          collection.addReferences(rng, note, rng.int(4, 10));
          // Names of notes deleted before this one was written: another collection's notes, meant as such.
          if (collection.deletedNames.length && rng.chance(0.25)) {
            const ref = collection.writeOtherReference(rng, note);
            collection.placeReference(rng, note, ref);
          }
        }
        done = true;
        break;
      }
      case 'refs': {
        for (let i = rng.int(1, 3); i > 0; i--) collection.addReferences(rng, rng.pick(ordinary), rng.int(1, 3));
        done = true;
        break;
      }
      case 'edit':
        collection.editNote(rng, rng.pick(ordinary));
        done = true;
        break;
      case 'rename':
      case 'move':
      case 'rename-move':
        done = collection.renameNote(rng, rng.pick(ordinary), kind);
        break;
      case 'legacy': {
        const legacy = ordinary.filter((note) => note.legacy);
        done = legacy.length > 0 && collection.renameNote(rng, rng.pick(legacy), 'legacy');
        break;
      }
      case 'split':
        done = collection.splitNote(rng, rng.pick(ordinary));
        break;
      case 'scatter':
        done = collection.scatterNote(rng, rng.pick(ordinary));
        break;
      case 'merge':
        done = collection.mergeNote(rng, rng.pick(ordinary));
        break;
      case 'section':
        done = collection.moveSection(rng);
        break;
      default:
        done = collection.dropSection(rng);
    }
    if (done) collection.commit(kind === 'create' ? 'add notes' : kind);
    else collection.staged = { changed: new Set(), deleted: new Set(), message: '' };
    if (collection.retitle > 0 && collection.retitleRng.chance(collection.retitle)) {
      if (collection.retitleAnchor(collection.retitleRng)) collection.commit('retitle', collection.retitleRng);
      else collection.staged = { changed: new Set(), deleted: new Set(), message: '' };
    }
  }
  // Top up to the requested count with new notes.
  while (collection.alive().length < target) {
    const batch = Math.min(target - collection.alive().length, rng.int(1, 8));
    for (let i = 0; i < batch; i++) collection.addReferences(rng, collection.createNote(rng), rng.int(4, 10));
    collection.commit('add notes');
  }
}

// ------------------------------------------------------------------------------------------------
// Writing the repository and the truth

function fastImportStream(commits) {
  const chunks = [];
  const data = (text) => {
    const buffer = Buffer.from(text, 'utf8');
    chunks.push(Buffer.from(`data ${buffer.length}\n`), buffer, Buffer.from('\n'));
  };
  commits.forEach((commit, index) => {
    chunks.push(Buffer.from(`commit refs/heads/main\nmark :${index + 1}\n`));
    chunks.push(Buffer.from(`author Bench Author <author@example.org> ${commit.time} +0100\ncommitter Bench Author <author@example.org> ${commit.time} +0100\n`));
    data(commit.message);
    for (const deleted of commit.deleted) chunks.push(Buffer.from(`D ${quotePath(deleted)}\n`));
    for (const file of commit.files) {
      chunks.push(Buffer.from(`M 100644 inline ${quotePath(file.path)}\n`));
      data(file.text);
    }
    chunks.push(Buffer.from('\n'));
  });
  return Buffer.concat(chunks);
}

function quotePath(notePath) {
  return /["\\\n ]/.test(notePath) ? JSON.stringify(notePath) : notePath;
}

function git(cwd, args, input) {
  const run = cp.spawnSync('git', args, { cwd, input, encoding: input ? undefined : 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) fail(`git ${args.join(' ')} failed: ${String(run.stderr)}`);
  return run.stdout;
}

function truthOf(collection) {
  const rendered = new Map();
  for (const note of collection.alive()) rendered.set(note.id, renderNote(collection, note));
  const targets = [];
  for (const note of collection.alive()) {
    const { refLines } = rendered.get(note.id);
    for (const { ref, line, index } of refLines) {
      let truth = null;
      const story = [];
      const since = (note) => note.history.filter((event) => event.at >= ref.writtenAt).map((event) => event.kind);
      if (ref.anchorId) {
        const anchor = collection.anchors.get(ref.anchorId);
        const written = collection.notes.get(ref.noteAtWriting);
        if (collection.anchorAlive(ref.anchorId)) {
          const home = collection.noteOf(ref.anchorId);
          truth = { file: home.path, line: rendered.get(home.id).anchorLines.get(ref.anchorId) + 1 };
          const container = anchor.container;
          const movedAt = Math.max(container.movedAt ?? -1, container.parent?.movedAt ?? -1);
          if (home.id !== written.id && movedAt >= ref.writtenAt) story.push('section-moved');
          if (anchor.retitledAt >= ref.writtenAt) story.push('section-retitled');
        } else story.push('section-gone');
        story.push(...since(written));
      } else if (ref.noteId) {
        const meant = collection.notes.get(ref.noteId);
        if (meant.alive) truth = { file: meant.path, line: 1, note: true };
        else if (meant.mergedInto && collection.notes.get(meant.mergedInto).alive) truth = { file: collection.notes.get(meant.mergedInto).path, line: 1, note: true };
        story.push('note-only', ...since(meant));
      }
      if (ref.tag !== 'meant') story.push(ref.tag);
      targets.push({ file: note.path, line: line + 1, index, text: ref.text, truth, tag: ref.tag, story: [...new Set(story)] });
    }
  }
  targets.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.index - b.index));
  return { rendered, targets };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = process.hrtime.bigint();
  const out = path.resolve(args.out);
  const collection = new Collection(args.seed, args.notes);
  collection.linkAgain = args.linkAgain;
  collection.foreignShared = args.foreignShared;
  collection.retitle = args.retitle;
  simulate(collection);
  const { rendered, targets } = truthOf(collection);

  if (fs.existsSync(out)) {
    if (!fs.existsSync(path.join(out, '.git')) || !fs.existsSync(`${out}.truth.json`)) fail(`${out} exists and was not made by this generator`);
    fs.rmSync(out, { recursive: true, force: true });
  }
  fs.mkdirSync(out, { recursive: true });
  git(out, ['init', '-q', '-b', 'main']);
  git(out, ['fast-import', '--quiet'], fastImportStream(collection.commits));
  git(out, ['checkout', '-q', '-f', 'main']);

  // The working tree must be what the truth describes.
  for (const note of collection.alive()) {
    const onDisk = fs.readFileSync(path.join(out, note.path), 'utf8');
    if (onDisk !== rendered.get(note.id).text) fail(`internal: ${note.path} differs from its last commit`);
  }
  const stale = targets.filter((target) => target.truth && target.story.some((event) => event !== 'note-only')).length;
  const summary = {
    generator: 'bench/generate-history.js',
    seed: args.seed,
    retitle: args.retitle,
    notes: collection.alive().length,
    commits: collection.commits.length,
    firstCommit: new Date(collection.commits[0].time * 1000).toISOString(),
    lastCommit: new Date(collection.commits[collection.commits.length - 1].time * 1000).toISOString(),
    targets: targets.length,
    withTrueHome: targets.filter((target) => target.truth).length,
    staleWithTrueHome: stale,
  };
  fs.writeFileSync(`${out}.truth.json`, `${JSON.stringify({ ...summary, targets }, null, 1)}\n`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!args.quiet) {
    console.log(`generated ${path.relative(process.cwd(), out) || out} in ${seconds.toFixed(2)} s: ${summary.notes} notes, ${summary.commits} commits (${summary.firstCommit.slice(0, 10)} … ${summary.lastCommit.slice(0, 10)})`);
    console.log(`  ${summary.targets} 🗄 targets, ${summary.withTrueHome} with a true home (${stale} of them no longer where they were written); truth in ${path.relative(process.cwd(), `${out}.truth.json`)}`);
  }
}

if (require.main === module) main();

module.exports = { Collection, renderNote, RETITLE };
