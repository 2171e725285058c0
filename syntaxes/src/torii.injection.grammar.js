#!/usr/bin/env node
// Source of syntaxes/torii.injection.tmLanguage.json and syntaxes/torii.inline.injection.tmLanguage.json,
// the TextMate injection grammars that highlight the ⛩️ notes dialect (DIALECT.md) inside VS Code's
// Markdown grammar (scope text.html.markdown).
//
//   node syntaxes/src/torii.injection.grammar.js          rewrite both .tmLanguage.json files
//   node syntaxes/src/torii.injection.grammar.js --check  exit 1 if either file is stale
//
// The regexes are Oniguruma (vscode-oniguruma), written here with String.raw so that they read
// as they run. Shared fragments (emoji, word, locator, author) are defined once below.
'use strict';
const fs = require('fs');
const path = require('path');

const r = String.raw;
const BT = r`\x60`; // a backtick: a bare backslash-backtick would be Oniguruma's begin-of-buffer anchor

// ---- fragments ------------------------------------------------------------------------------
const VS16 = r`\x{FE0F}`;
const EMOJI = r`\p{Extended_Pictographic}`; // a range table, as DIALECT §1.2 asks (Unicode 15)
const BULLET = r`[*+\-]${VS16}?[ \t]+`; // "*️ " (bullet + stray VS16) is a list item too (§7)
// Line start of a flat list item, as a lookbehind (Markdown's list rule has already eaten it).
const AFTER_BULLET = r`(?:(?<=^[*\-][ ])|(?<=^\*${VS16}[ ])|^)`;
// §4.2: a marker span ends at a URL, another marker emoji, ";" or a spaced dash comment.
const SPAN_END = r`(?=https?://|;|[ \t]+(?:->|-|—)(?:[ \t]|$)|${EMOJI})|$`;
// §5.3: a "?" glued to the file token ends the whole reference.
const FILE_QUESTION = r`(?<=${BT})(?=\?)`;
// A word of free text inside a span: no backtick, no ";", no emoji, not a URL, not a dash comment.
const WORD = r`(?!https?://|(?:->|-|—)(?:[ \t]|$))[^\s${BT};${EMOJI}]+`;

// §6.1 locators.
const NUM = r`\d+(?:[.:]\d+)*(?:[-–]\d+(?:\.\d+)*)?(?:,[ \t]?\d+(?:[-–]\d+)?)*`;
const CHAPTER = r`(?:ch\.?|chapter|section|§)[ \t]*\d+(?:[ \t]*[-–,.][ \t]*\d+)*`;
const NOT_WORDCHAR = r`(?![\p{L}\p{N}_])`;
const LOCATOR_AHEAD = r`(?:\[|\((?=[^()]*\d)|(?<![\p{L}\p{N}_])(?:${CHAPTER}|${NUM})${NOT_WORDCHAR})`;
// A title word: a WORD that is not a locator, has no brackets and has a letter or digit (so that
// the "," in "7, section 2" is not a title).
const TITLE_WORD = r`(?!${LOCATOR_AHEAD}|https?://|(?:->|-|—)(?:[ \t]|$))(?=[^\s${BT};\[\]()]*[\p{L}\p{N}])[^\s${BT};\[\]()${EMOJI}]+`;
const TITLE = r`${TITLE_WORD}(?:[ \t]+${TITLE_WORD})*`;
// A page that clearly is one: `[12]`, `3.45`, `ch. 4` (a bare number or a `( … )` may be commentary).
const CLEAR_LOCATOR = r`(?:\[|(?<![\p{L}\p{N}_])(?:${CHAPTER}|\d+[.:]\d+)${NOT_WORDCHAR})`;

// §6.1 author: Capitalised, Kernighan/Pike, Van Aken, La Salle, Ruiz de Vega.
const CAP = r`\p{Lu}[\p{L}\p{M}'’\-]*`;
const PARTICLE_CAP = r`(?:Van|Von|Vander|De|Del|Della|Da|Di|Du|La|Le|Los|Las|Ten|Ter|St\.?|Mac|Mc|Al|El)`;
const PARTICLE_LOW = r`(?:de|del|della|der|den|van|von|da|di|du|la|le|y|ten|ter|bin|ibn)`;
const AUTHOR = r`(?:${PARTICLE_CAP}[ \t]+)?${CAP}(?:/${CAP})*(?:[ \t]+(?:${PARTICLE_LOW}[ \t]+)+${CAP})?${NOT_WORDCHAR}`;

// §2.3 ALL-CAPS pseudo-heading label: chunks of characters that are not lowercase ASCII, with
// "( … )" groups and a possessive 's allowed; "=" and ":" only inside a chunk.
const CAPS_CHUNK = r`(?:[^a-z\s${BT}\[(=:${EMOJI}]|[=:](?=\S)|\([^()]*\)|['’]s(?![\p{L}]))+`;
const CAPS_LABEL = r`${CAPS_CHUNK}(?:[ \t]+${CAPS_CHUNK})*?`;
const CAPS_TWO = r`(?=(?:[^a-z\n${BT}\[${EMOJI}]*?[A-Z]){2})`;
const CAPS_TRAILER = r`(?=[ \t]*(?:$|https?://|${BT}|\[|${EMOJI}))`;

const STATUS = [
  ['📍', 'pin'], // to-do / come back here
  ['❓', 'question'], // open question
  ['✅', 'yes'], // pro, worked, read
  ['❌', 'no'], // con, didn't work
  ['🎯', 'target'], // use this
  ['💀', 'dead'], // dead / unmaintained
  ['⭐', 'star'], // recommended
];
// Other marker emoji of §4.1 (🗄 📙 📚 and the status marks have their own rules).
const OTHER_MARKERS = '📜 🔍 🔗 💻 🧠 🛠 💡 📹 🎗 📻 📝 ➡ 📰 🏔 🛣 📺 🧪 🗣 📑 🏡 🚧 ⚠ ❗ 📅'.split(' ');

const cap = (name) => ({ name });

// ---- grammars --------------------------------------------------------------------------------
// Two injection grammars share one repository:
// * torii.markdown.injection (L: priority) holds the line-level rules (📚 and bare-🗄 blocks,
//   pseudo-headings, __label__, term and year lines). They must win over Markdown's paragraph,
//   list-paragraph and italic rules that start at the same position, and they hand the rest of
//   the line back to Markdown's inline rules.
// * torii.markdown.inline.injection (no priority) holds the inline rules (🗄 and 📙 spans, status
//   and other markers). Without L: Markdown's paragraph starts first at a line start or after a
//   list bullet, so that the rest of the line keeps Markdown's inline highlighting (inline code,
//   emphasis); the marker then matches inside the paragraph.
// Both exclude code (fenced, indented, inline, embedded), headings (markers there are icons),
// HTML comments, and Torii's own 🗄/📙 spans (so that another marker ends a span, §4.2).
const EXCLUDE =
  '-markup.fenced_code -markup.raw -markup.inline.raw -meta.embedded -markup.heading -comment -meta.reference.torii -meta.citation.torii';
const HEADER = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  information_for_contributors: [
    'Generated by syntaxes/src/torii.injection.grammar.js: edit that file and run it, do not edit this one.',
  ],
};
const GRAMMARS = [
  {
    file: 'torii.injection.tmLanguage.json',
    name: 'Torii notes dialect: line rules (injection into Markdown)',
    scopeName: 'torii.markdown.injection',
    injectionSelector: `L:text.html.markdown ${EXCLUDE}`,
    patterns: ['booklist-block', 'reference-block', 'pseudo-heading', 'bold-label', 'year', 'term'],
  },
  {
    file: 'torii.inline.injection.tmLanguage.json',
    name: 'Torii notes dialect: inline rules (injection into Markdown)',
    scopeName: 'torii.markdown.inline.injection',
    injectionSelector: `text.html.markdown ${EXCLUDE}`,
    patterns: ['reference', 'citation', 'booklist-inline', 'status', 'marker'],
  },
];

const shared = {
  // ---- 🗄 cross references (§5) ----
  'reference': {
    comment: '🗄 inline: marker, then file parts and section words up to a URL, marker, ";", " - " or end of line.',
    name: 'meta.reference.torii',
    begin: r`(🗄${VS16}*)([ \t${VS16}]*)`,
    beginCaptures: {
      1: cap('keyword.other.reference.torii'),
      2: { patterns: [{ match: r`${VS16}+`, name: 'keyword.other.reference.torii' }] },
    },
    end: r`${FILE_QUESTION}|${SPAN_END}`,
    patterns: [{ include: '#reference-bare-path' }, { include: '#reference-body' }],
  },
  'reference-block': {
    comment: '🗄 alone on its line, then "* target" items (§5.1 xref-block).',
    name: 'meta.reference.block.torii',
    begin: r`^[ ]{0,3}(🗄${VS16}*)[ \t${VS16}]*$`,
    beginCaptures: { 1: cap('keyword.other.reference.torii') },
    while: r`^(?=[ ]{0,3}${BULLET})`,
    patterns: [
      {
        comment: 'A "* `x`: …" item under a bare 🗄 is a definition, not a reference (§5.1).',
        name: 'markup.list.unnumbered.markdown meta.reference.torii',
        begin: r`^([ ]{0,3})([*+\-])(${VS16}?)([ \t]+)(?!${BT}[^${BT}]*${BT}:)`,
        beginCaptures: { 2: cap('punctuation.definition.list.begin.markdown') },
        end: r`${FILE_QUESTION}|${SPAN_END}`,
        patterns: [{ include: '#reference-bare-path' }, { include: '#reference-body' }],
      },
      { include: 'text.html.markdown#lists' },
      { include: 'text.html.markdown#inline' },
    ],
  },
  'reference-bare-path': {
    comment: 'A bare path as the first word of a target: 🗄 shop/drafts/x.md',
    match: r`\G(?:[\w.~$#\-]+/)*[\w.~$#\-]*\w\.(?:md|markdown|pdf|py|com|txt|log|csv|png|zip|json)(?=[\s?;]|$)`,
    name: 'entity.name.namespace.file.torii',
  },
  'reference-body': {
    patterns: [
      {
        match: r`(${BT})([^${BT}]*)(${BT})`,
        name: 'entity.name.namespace.file.torii',
        captures: {
          1: cap('punctuation.definition.string.begin.torii'),
          3: cap('punctuation.definition.string.end.torii'),
        },
      },
      {
        match: r`(?<![\p{L}\p{N}_'’])(')([^']+)(')(?![\p{L}\p{N}_])`,
        name: 'variable.other.property.section.torii',
        captures: {
          1: cap('punctuation.definition.string.begin.torii'),
          3: cap('punctuation.definition.string.end.torii'),
        },
      },
      {
        comment: 'Section words; a trailing "?" is not part of the section (§5.3).',
        match: r`${WORD}(?:[ \t]+${WORD})*(?<!\?)`,
        name: 'variable.other.property.section.torii',
      },
    ],
  },

  // ---- 📙 citations (§6.1) ----
  'citation': {
    name: 'meta.citation.torii',
    begin: r`(📙${VS16}*)[ \t]*`,
    beginCaptures: { 1: cap('keyword.other.citation.torii') },
    end: SPAN_END,
    patterns: [{ include: '#citation-body' }],
  },
  'booklist-inline': {
    comment: '📚 used like 📙 inside a line (§6.2).',
    name: 'meta.citation.torii',
    begin: r`(📚${VS16}*)[ \t]*`,
    beginCaptures: { 1: cap('keyword.other.booklist.torii') },
    end: SPAN_END,
    patterns: [{ include: '#citation-body' }],
  },
  'citation-body': {
    patterns: [
      {
        comment: 'A `file.pdf` item, first in the span or after a locator; other backticks are inline code.',
        match: r`(?:\G|(?<=[\])0-9][ \t]))(${BT})([^${BT}]*)(${BT})`,
        name: 'entity.name.namespace.file.torii',
        captures: {
          1: cap('punctuation.definition.string.begin.torii'),
          3: cap('punctuation.definition.string.end.torii'),
        },
      },
      { include: '#locator' },
      { match: r`(?<![\p{L}\p{N}_])ibid${NOT_WORDCHAR}`, name: 'variable.language.ibid.torii' },
      {
        comment: 'An item starts with an author first in the span; title words may follow (§6.1).',
        match: r`\G(${AUTHOR})(?:[ \t]+(${TITLE}))?`,
        captures: { 1: cap('entity.name.type.author.torii'), 2: cap('string.unquoted.title.torii') },
      },
      {
        comment:
          'After a locator, a capitalised word starts a new item only when a clear page follows it (`[12]`, `3.45`, `ch. 4`); otherwise it is commentary (`[3] + honing, Tormek (wet wheel)`). Known authors the grammar cannot know: the semantic tokens add them.',
        match: r`(?<=[\])0-9][ \t])(${AUTHOR})(?:[ \t]+(${TITLE}))?(?=[ \t]+${CLEAR_LOCATOR})`,
        captures: { 1: cap('entity.name.type.author.torii'), 2: cap('string.unquoted.title.torii') },
      },
      {
        comment: 'Title words before a locator (also a new title by the same author after a locator).',
        match: r`${TITLE}(?=[ \t]+${LOCATOR_AHEAD})`,
        name: 'string.unquoted.title.torii',
      },
      { comment: 'Commentary keeps Markdown inline highlighting.', include: 'text.html.markdown#inline' },
    ],
  },
  'locator': {
    patterns: [
      {
        match: r`(\[)[^\[\]]*(\])`,
        name: 'constant.numeric.locator.torii',
        captures: {
          1: cap('punctuation.definition.locator.begin.torii'),
          2: cap('punctuation.definition.locator.end.torii'),
        },
      },
      { match: r`\((?=[^()]*\d)[^()]*\)`, name: 'constant.numeric.locator.torii' },
      { match: r`(?<![\p{L}\p{N}_])${CHAPTER}${NOT_WORDCHAR}`, name: 'constant.numeric.locator.torii' },
      { match: r`(?<![\p{L}\p{N}_.])${NUM}${NOT_WORDCHAR}`, name: 'constant.numeric.locator.torii' },
    ],
  },

  // ---- 📚 reading lists (§6.2) ----
  'booklist-block': {
    comment: '📚 alone on its line, then "* Author title …" entries. Ends at the first line that is not an entry, quote or indented continuation (e.g. a blank line).',
    name: 'meta.booklist.torii',
    begin: r`^[ ]{0,3}(📚${VS16}*)[ \t]*$`,
    beginCaptures: { 1: cap('keyword.other.booklist.torii') },
    while: r`^(?=[ ]{0,3}(?:${BULLET}|>))`,
    patterns: [
      {
        name: 'markup.list.unnumbered.markdown meta.booklist.entry.torii',
        begin: r`^([ ]{0,3})([*+\-])(${VS16}?)([ \t]+)((?:(?:⭐|✅|❌)${VS16}*[ \t]*)*)(${AUTHOR})?`,
        beginCaptures: {
          2: cap('punctuation.definition.list.begin.markdown'),
          5: { patterns: [{ include: '#status' }] },
          6: cap('entity.name.type.author.torii'),
        },
        end: '$',
        patterns: [
          { match: r`\G[ \t]*(${TITLE})`, captures: { 1: cap('string.unquoted.title.torii') } },
          { include: '#locator' },
          { include: 'text.html.markdown#inline' },
        ],
      },
      { include: 'text.html.markdown#block' },
    ],
  },

  // ---- ALL-CAPS pseudo-headings (§2.3) ----
  'pseudo-heading': {
    comment: 'A line that is an ordered list item ("1. FOO") is left to Markdown.',
    name: 'meta.pseudo-heading.torii',
    begin: r`^(?=[A-Z0-9])(?!\d+[.)](?:[ \t]|$))${CAPS_TWO}(${CAPS_LABEL})(?:[ \t]*([=:]))?${CAPS_TRAILER}`,
    beginCaptures: { 1: cap('markup.heading.pseudo.torii'), 2: cap('punctuation.separator.pseudo-heading.torii') },
    end: '$',
    patterns: [{ include: 'text.html.markdown#inline' }],
  },
  'bold-label': {
    comment: 'Old style: __label__ alone on a line works as a pseudo-heading (§2.3).',
    match: r`^(__)([^_\s](?:[^_]*[^_\s])?)(__)[ \t]*$`,
    name: 'meta.pseudo-heading.torii',
    captures: {
      1: cap('punctuation.definition.bold.markdown'),
      2: cap('markup.heading.pseudo.torii markup.bold.markdown'),
      3: cap('punctuation.definition.bold.markdown'),
    },
  },

  // ---- term lines and year entries (§3.1, §3.2) ----
  'year': {
    name: 'meta.year.torii',
    begin: r`${AFTER_BULLET}(_)(\d{2}|\d{4})(_)(:)`,
    end: '$',
    patterns: [{ include: 'text.html.markdown#inline' }],
    beginCaptures: {
      1: cap('punctuation.definition.year.begin.torii'),
      2: cap('constant.numeric.year.torii'),
      3: cap('punctuation.definition.year.end.torii'),
      4: cap('punctuation.separator.key-value.torii'),
    },
  },
  'term': {
    name: 'meta.term.torii',
    begin: r`${AFTER_BULLET}((_)([^_]+)(_))(:)`,
    end: '$',
    patterns: [{ include: 'text.html.markdown#inline' }],
    beginCaptures: {
      1: cap('markup.italic.markdown'),
      2: cap('punctuation.definition.italic.markdown'),
      3: cap('variable.other.term.torii'),
      4: cap('punctuation.definition.italic.markdown'),
      5: cap('punctuation.separator.key-value.torii'),
    },
  },

  // ---- status and other markers (§4.1) ----
  'status': {
    patterns: STATUS.map(([e, n]) => ({ match: r`${e}${VS16}*`, name: `keyword.other.status.${n}.torii` })),
  },
  'marker': {
    match: r`(?:${OTHER_MARKERS.join('|')})${VS16}*`,
    name: 'keyword.other.marker.torii',
  },
};

let stale = 0;
for (const g of GRAMMARS) {
  // Each file carries the rules it uses (and the rules those include), nothing more.
  const used = new Set();
  const visit = (name) => {
    if (used.has(name)) return;
    used.add(name);
    JSON.stringify(shared[name]).replace(/"include":"#([\w-]+)"/g, (_, n) => visit(n));
  };
  g.patterns.forEach(visit);
  const repository = Object.fromEntries(Object.keys(shared).filter((k) => used.has(k)).map((k) => [k, shared[k]]));
  const grammar = {
    ...HEADER,
    name: g.name,
    scopeName: g.scopeName,
    injectionSelector: g.injectionSelector,
    patterns: g.patterns.map((p) => ({ include: `#${p}` })),
    repository,
  };
  const out = path.join(__dirname, '..', g.file);
  const text = JSON.stringify(grammar, null, 2) + '\n';
  if (process.argv.includes('--check')) {
    if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) {
      console.error(`${path.relative(process.cwd(), out)} is stale: run node ${path.relative(process.cwd(), __filename)}`);
      stale++;
    }
  } else {
    fs.writeFileSync(out, text);
  }
}
process.exit(stale ? 1 : 0);
