import * as assert from 'assert';
import { linesHoldingSyntax, parseNote } from '../../src/core/syntax/parseNote';
import { splitLines } from '../../src/core/text/positions';
import { computeOutline, renderOutline } from '../../src/core/features/outline';
import { codePointColumn, utf16Column, isOnCodePointBoundary } from '../../src/core/text/positions';
import { scanDocument } from '../../src/core/syntax/scanner';
import { keepsLineReading, lineTargets } from '../../src/core/syntax/references';
import { emojiLengthAt } from '../../src/core/syntax/emoji';
import { dedent } from './support';

/** The outline of a note rendered one node a line, as `torii outline` prints it. */
function checkOutline(text: string, expected: string): void {
  const clean = dedent(text);
  const lines = clean.split('\n');
  const note = parseNote('note.md', clean);
  assert.strictEqual(renderOutline(computeOutline(note, (line) => lines[line]?.length ?? 0)).join('\n'), dedent(expected));
}

/** Every 🗄 target of a note: `line: file | section | flags`. */
function checkReferences(text: string, expected: string): void {
  const note = parseNote('note.md', dedent(text));
  const rendered = note.references.map((reference) => {
    const flags = [reference.form, reference.inFence ? 'fence' : '', reference.tentative ? 'tentative' : '', reference.empty ? 'empty' : '', reference.section?.quoted ? 'quoted' : '', reference.file?.bare ? 'bare' : '']
      .filter(Boolean)
      .join(',');
    return `${reference.line + 1}: ${reference.file?.text ?? '-'} | ${reference.section?.text ?? '-'} | ${flags}`;
  });
  assert.strictEqual(rendered.join('\n'), dedent(expected));
}

describe('positions (DIALECT §1.4)', () => {
  it('counts 🗄️ as 3 UTF-16 units and 2 code points', () => {
    const line = '🗄️ `metals.md`';
    assert.strictEqual(line.indexOf('`'), 4);
    assert.strictEqual(codePointColumn(line, 4), 4);
    assert.strictEqual(utf16Column(line, 4), 4);
  });

  it('converts columns after ZWJ sequences, flags and Unicode 15 emoji', () => {
    const line = '# 🐻‍❄️ 🇲🇦 🫸 x';
    const x = line.indexOf('x');
    assert.strictEqual(codePointColumn(line, x), [...line.slice(0, x)].length + 1);
    assert.strictEqual(utf16Column(line, codePointColumn(line, x)), x);
  });

  it('knows when a column splits a surrogate pair', () => {
    assert.strictEqual(isOnCodePointBoundary('🗄x', 1), false);
    assert.strictEqual(isOnCodePointBoundary('🗄x', 2), true);
  });
});

describe('emoji (DIALECT §1.2)', () => {
  it('reads VS16, double VS16, ZWJ sequences, flags and Unicode 15 emoji as one emoji', () => {
    assert.strictEqual(emojiLengthAt('🗄 x', 0), 2);
    assert.strictEqual(emojiLengthAt('🗄️ x', 0), 3);
    assert.strictEqual(emojiLengthAt('🗄️️ x', 0), 4);
    assert.strictEqual(emojiLengthAt('🐻‍❄️ x', 0), '🐻‍❄️'.length);
    assert.strictEqual(emojiLengthAt('🇲🇦 x', 0), 4);
    assert.strictEqual(emojiLengthAt('🫸 x', 0), 2);
    assert.strictEqual(emojiLengthAt('🛜 x', 0), 2);
  });

  it('does not take text symbols such as © for emoji', () => {
    assert.strictEqual(emojiLengthAt('© 2024', 0), 0);
    assert.strictEqual(emojiLengthAt('A', 0), 0);
  });
});

describe('lines that may hold inline syntax', () => {
  it('marks the lines holding U+D83D, a backtick or U+FFFD, as a regex on each line would, with LF, CRLF and CR breaks', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['a', ' ', 'B', '`', '🗄', '📙', '\uFFFD', '\n', '\n', 'é', '参'];
    for (let run = 0; run < 400; run++) {
      // Half the texts have LF breaks only (the scan of the whole text), half CRs too (line by line).
      const kinds = run % 2 === 0 ? pieces : [...pieces, '\r\n', '\r'];
      let text = '';
      const length = Math.floor(next() * 60);
      for (let i = 0; i < length; i++) text += kinds[Math.floor(next() * kinds.length)];
      const lines = splitLines(text);
      const expected = lines.map((line) => (/[\uD83D`\uFFFD]/.test(line) ? 1 : 0));
      assert.deepStrictEqual([...linesHoldingSyntax(text, lines)], expected, JSON.stringify(text));
    }
  });
});

describe('scanner', () => {
  it('treats heading-looking lines inside fences as code, and closes fences per CommonMark', () => {
    const scanned = scanDocument(dedent(`
      # 🔪 KNIVES
      \`\`\`\`sh
      # copy to backup
      \`\`\`
      #!/usr/bin/env bash
      \`\`\`\`
      ## after
    `));
    assert.deepStrictEqual(scanned.scanned.map((line) => line.kind), ['heading', 'fence-open', 'fenced', 'fenced', 'fenced', 'fence-close', 'heading']);
    assert.deepStrictEqual(scanned.fences, [{ startLine: 1, endLine: 5, info: 'sh', closed: true }]);
  });

  it('runs an unclosed fence to the end of the note', () => {
    const scanned = scanDocument('~~~\n# x\n');
    assert.deepStrictEqual(scanned.fences, [{ startLine: 0, endLine: 2, info: '', closed: false }]);
  });

  it('reads --- as a separator even under a paragraph, and *️ as a list item (the two departures from CommonMark)', () => {
    const scanned = scanDocument('prose\n---\n*️ item');
    assert.deepStrictEqual(scanned.scanned.map((line) => line.kind), ['text', 'separator', 'list-item']);
  });
});

describe('note skeleton (DIALECT §2)', () => {
  it('reads the title icon, the 参考 and 进步 blocks and the separators', () => {
    const note = parseNote('n.md', dedent(`
      # ⛩️

      ## 参考

      🗄 \`metals.md\` carbon steel

      ## 进步

      * _24_: sharpen by hand
      * _21_: first whetstone

      # 🔪 KNIVES

      ---

      * _1972_: a timeline entry
    `));
    assert.strictEqual(note.titleIcon, '⛩️');
    assert.deepStrictEqual(note.referencesBlock, { startLine: 2, endLine: 4 });
    assert.deepStrictEqual(note.progressBlock, { startLine: 6, endLine: 9 });
    assert.deepStrictEqual(note.separators, [13]);
    assert.deepStrictEqual(note.years.map((year) => `${year.year}:${year.kind}`), ['24:progress', '21:progress', '1972:timeline']);
  });

  it('reads 4-digit years under the old `## done` layout as progress', () => {
    const note = parseNote('n.md', '# ⛩️\n\n## done\n\n* _2020_: finished the bench\n');
    assert.deepStrictEqual(note.years.map((year) => year.kind), ['progress']);
  });

  it('nests sections, sub-sections, ALL-CAPS lines, bold labels and terms; never from inside a fence', () => {
    checkOutline(`
      # ⛩️

      ## 参考

      # 🔪 KNIVES

      BURR
      * _burr_: thin lip of metal

      \`\`\`sh
      # copy to backup
      SHOUTED LINE IN CODE
      \`\`\`

      ## sharpening

      __methods__
      * _strop_: leather

      ### 🪨 stones

      #  🏭 MAKERS
    `, `
      ## 参考  [3-3]
      # 🔪 KNIVES  [5-20]
        BURR  [7-13]
          _burr_  [8-8]
        ## sharpening  [15-20]
          methods  [17-18]
            _strop_  [18-18]
          ### 🪨 stones  [20-20]
      # 🏭 MAKERS  [22-22]
    `);
  });

  it('reads icons that are ZWJ sequences, flags, Unicode 15 emoji or not emoji at all', () => {
    const note = parseNote('n.md', dedent(`
      # ⛩️
      # 🐻‍❄️ FREEZER
      ## 🇲🇦 tagine
      # 🫸 PUSH CUTS
      # ⑃ FORKS
      # ZA
      # 参考
    `));
    assert.deepStrictEqual(
      note.anchors.map((anchor) => `${anchor.icon ?? '-'} ${anchor.text} ${anchor.role}`),
      ['⛩️  title', '🐻‍❄️ FREEZER section', '🇲🇦 tagine section', '🫸 PUSH CUTS section', '⑃ FORKS section', '- ZA section', '- 参考 references'],
    );
  });
});

describe('ALL-CAPS pseudo-headings (DIALECT §2.3)', () => {
  function labels(text: string): string[] {
    return parseNote('n.md', dedent(text)).anchors.filter((anchor) => anchor.kind === 'caps' || anchor.kind === 'bold').map((anchor) => anchor.text);
  }

  it('takes the label before a URL, emoji, backtick or bracket, without a trailing = or :', () => {
    assert.deepStrictEqual(labels(`
      BURR
      HONING VS SHARPENING https://example.org/x
      KNIFE STORAGE 🗄️ \`kitchen/tools.md\` magnetic strip
      HRC (Rockwell hardness)
      GYUTO's BEVEL 🗄 notebook 21.03.07
      SPARE STONES = \`$SHOP/stones\`
      CARE:
      __HRC__
    `), ['BURR', 'HONING VS SHARPENING', 'KNIFE STORAGE', 'HRC (Rockwell hardness)', "GYUTO's BEVEL", 'SPARE STONES', 'CARE', 'HRC']);
  });

  it('keeps inline code inside a ( … ) aside, and never ends a label inside an aside', () => {
    assert.deepStrictEqual(labels(`
      KEYS (\`CMD R\`)
      SHORTCUTS (\`C-x C-s\` or \`C-x C-w\`) https://example.org/keys
      GRIT (\`1000\` / \`6000\`) 🗄 \`stones.md\` grit
      HONING (https://example.org/rod)
      TOOLS (🔪 and more)
      UNCLOSED (\`CMD R
    `), ['KEYS (CMD R)', 'SHORTCUTS (C-x C-s or C-x C-w)', 'GRIT (1000 / 6000)', 'HONING', 'TOOLS', 'UNCLOSED']);
    // The outline names the sub-heading as a heading with inline code is named, and selects its whole label.
    checkOutline(`
      # ⛩️
      # ⌨️ EDITOR
      KEYS (\`CMD R\`)
      * run the file
    `, `
      # ⌨️ EDITOR  [2-4]
        KEYS (CMD R)  [3-4]
    `);
    const keys = parseNote('n.md', 'KEYS (`CMD R`) 🗄 `a.md`\n').anchors[0];
    assert.deepStrictEqual([keys.range.start.character, keys.range.end.character], [0, 'KEYS (`CMD R`)'.length]);
  });

  it('rejects lowercase tails, single capitals, lines starting with ! and lines in fences', () => {
    assert.deepStrictEqual(labels(`
      HRC tradeoffs
      VG10 Steel
      ! NOT
      A
      * LIST ITEM
      > QUOTED
      \`\`\`sql
      SELECT NAME FROM KNIVES
      \`\`\`
    `), []);
  });
});

describe('terms and item heads (DIALECT §3.1, §8.1)', () => {
  it('reads `* _term_:` lines as terms and short item heads as items', () => {
    const note = parseNote('n.md', dedent(`
      # ⛩️
      * _tang_: part of blade inside the handle 📙 McGee 3.45
      * _slurry management_: keep it wet
      - _oil / wax_: finish
      * honing rod: keeps the edge
      * a very long item head that has too many words: nope
      * _x_ without a colon
    `));
    assert.deepStrictEqual(note.anchors.filter((anchor) => anchor.kind !== 'heading').map((anchor) => `${anchor.kind}:${anchor.text}`), [
      'term:tang', 'term:slurry management', 'term:oil / wax', 'item:honing rod', 'item:_x_ without a colon',
    ]);
  });
});

describe('🗄 references (DIALECT §5)', () => {
  it('reads an unclosed file part from its whole run of backticks to the span end, without the spaces before a URL', () => {
    for (const line of ['🗄`b/c.md https://example.org/x', '🗄`` b/c.md https://example.org/x']) {
      const [target] = lineTargets(line);
      assert.strictEqual(target.file?.text.trim(), 'b/c.md', line);
      assert.ok(!target.file!.text.includes('`'), line);
      assert.strictEqual(line.slice(target.file!.range.end.character), ' https://example.org/x', `${line}: a name written in its place keeps the space`);
    }
  });

  it('reads every inline form', () => {
    checkReferences(`
      🗄 \`metals.md\` carbon steel
      🗄️ \`kitchen/knives.md\` sharpening > burr
      🗄 \`metals.md\`
      🗄 burr
      🗄️ stones > synthetic
      🗄 'honing'
      🗄 \`metals.md\` 'rust' \`care.md\` 'oiling'
      🗄 \`.zshrc\` sharpen
      🗄 notebook 21.03.07
      🗄 shop/drafts/x.md
      see 🗄\`x.md\`
      🗄️ ️\`stones.md\` lapping
      🗄️️ \`stones.md\`
    `, `
      1: metals.md | carbon steel | line
      2: kitchen/knives.md | sharpening > burr | line
      3: metals.md | - | line
      4: - | burr | line
      5: - | stones > synthetic | line
      6: - | honing | line,quoted
      7: metals.md | rust | line,quoted
      7: care.md | oiling | line,quoted
      8: .zshrc | sharpen | line
      9: - | notebook 21.03.07 | line
      10: shop/drafts/x.md | - | line,bare
      11: x.md | - | inline
      12: stones.md | lapping | line
      13: stones.md | - | line
    `);
  });

  it('ends the span at a URL, another marker, `;`, a spaced dash, or a `?` glued to the file', () => {
    checkReferences(`
      🗄 \`stones.md\` diamond plates; I had to use the coarse one
      🗄 \`knives.md\` bevel - single, double
      🗄 \`metals.md\` patina https://example.org/patina
      🗄 \`metals.md\` bluing 📙 McGee [12]
      🗄 \`pickles.md\`? move these there?
      🗄 \`metals.md\` carbon-based?
      🗄 \`cd shop; rg bevel\`
      🗄 \`odds/recipe-index\` (port data to recipe app)
    `, `
      1: stones.md | diamond plates | line
      2: knives.md | bevel | line
      3: metals.md | patina | line
      4: metals.md | bluing | line
      5: pickles.md | - | line,tentative
      6: metals.md | carbon-based | line
      7: cd shop; rg bevel | - | line
      8: odds/recipe-index | - | line
    `);
  });

  it('reads the items under a bare 🗄 label, skipping `x`: definitions, with *️ bullets', () => {
    checkReferences(`
      🗄
      * \`metals.md\` patina
      *️ \`stones.md\`
      * \`hone\`: strop helper
      - notebook [83,86]
      after the block
    `, `
      2: metals.md | patina | block
      3: stones.md | - | block
      5: - | notebook [83,86] | block
    `);
  });

  it('marks markers in fences, ignores markers in headings and inline code, and reports a dangling marker', () => {
    checkReferences(`
      ### 🗄️ filepeek
      \`\`\`txt
      │   └── 🗄️ RECIPES
      # see 🗄 \`metals.md\`
      \`\`\`
      the \`🗄\` marker
      … grind_angle 🗄 
    `, `
      3: - | RECIPES | inline,fence
      4: metals.md | - | inline,fence
      7: - | - | inline,empty
    `);
  });

  it('keeps ranges in UTF-16 columns after emoji', () => {
    const note = parseNote('n.md', '* 🐻‍❄️ x 🗄️ `metals.md` patina');
    const reference = note.references[0];
    const line = '* 🐻‍❄️ x 🗄️ `metals.md` patina';
    assert.strictEqual(line.slice(reference.file!.range.start.character, reference.file!.range.end.character), 'metals.md');
    assert.strictEqual(line.slice(reference.section!.range.start.character, reference.section!.range.end.character), 'patina');
  });

  it('says whether edits leave a line reading the same outside them (keepsLineReading: rename and moves)', () => {
    const keeps = (line: string, from: string, newText: string) => {
      const start = line.indexOf(from);
      return keepsLineReading(line, [{ start, end: start + from.length, newText }]);
    };
    // Inside a file part, or a bare stem given backticks of its own: the same links.
    assert.strictEqual(keeps('🗄 `a.md` KNIVES', 'a.md', 'b/a.md'), true);
    assert.strictEqual(keeps('🗄 a KNIVES', 'a', '`a.md`'), true);
    // A stray backtick far enough not to pair with the new ones changes nothing.
    assert.strictEqual(keeps('🗄 a KNIVES, see `x', 'a', '`a.md`'), true);
    // The new backticks against a stray one after the name: a run of two closes nothing, and the
    // file part would run on to the end of the line (long fuzz, seed 1211800; the markers were as many).
    assert.strictEqual(keeps('🗄a`? KNIVES', 'a', '`a.md`'), false);
    // Before it: the marker would be code.
    assert.strictEqual(keeps('`🗄 A', 'A', '`a.md`'), false);
    // A name written against a stray backtick loses it: the code spans, and the links, change.
    assert.strictEqual(keeps('_`tang_ 🗄 `b.md` x `', '`tang', 'tang'), false);
    // Two edits on one line, each with its own span.
    const line = '🗄 a KNIVES 🗄 b';
    assert.strictEqual(keepsLineReading(line, [{ start: 3, end: 4, newText: '`a.md`' }, { start: line.length - 1, end: line.length, newText: '`b.md`' }]), true);
  });

  it('collects backticked *.md tokens outside 🗄 references as mentions (§5.7)', () => {
    const note = parseNote('n.md', '🔗 `brine.md`\n* _24_: split from `kitchen.md`\n🗄 `metals.md`');
    assert.deepStrictEqual(note.mentions.map((mention) => mention.text), ['brine.md', 'kitchen.md']);
  });
});

describe('📙 citations (DIALECT §6.1)', () => {
  function items(text: string): string[] {
    const note = parseNote('n.md', dedent(text));
    return note.citations.map((citation) =>
      citation.items.map((item) => [item.kind, item.author ?? '', item.title ?? '', item.locator ?? '', item.carriedOver ? 'carried' : ''].join('|').replace(/\|+$/, '')).join(' ; '),
    );
  }

  it('reads author, title and locator in every form', () => {
    assert.deepStrictEqual(items(`
      📙 McGee [782]
      📙 McGee on food 3.45
      📙 Lopez ch. 4
      📙 McGee [12] Lopez [301]
      📙 Lopez food lab [15] science [40]
      📙 \`mcgee.pdf\` 2
      📙 https://example.org/book
      📙 ibid [4]
      📙 Van Aken [77]
      📙 Kernighan/Pike 2.12
      📙 [67]
      📙 McGee 3.4 e.g. carbon steel
    `), [
      'author|McGee||[782]',
      'author|McGee|on food|3.45',
      'author|Lopez||ch. 4',
      'author|McGee||[12] ; author|Lopez||[301]',
      'author|Lopez|food lab|[15] ; author|Lopez|science|[40]|carried',
      'file|||2',
      'url',
      'ibid|||[4]',
      'author|Van Aken||[77]',
      'author|Kernighan/Pike||2.12',
      'unparsed|||[67]',
      'author|McGee||3.4',
    ]);
  });

  it('does not read citations inside fences or headings', () => {
    assert.deepStrictEqual(items('```\n# 📙 McGee [1]\n```\n## 📙 reading\n> quote 📙 McGee [2]'), ['author|McGee||[2]']);
  });
});

describe('📚 reading lists (DIALECT §6.2)', () => {
  it('reads entries with statuses, titles and URLs, up to the first blank line', () => {
    const note = parseNote('n.md', dedent(`
      📚
      * ⭐️ McGee on food and cooking
      * Lopez food lab https://example.org/food-lab
      * ✅ Chang knife skills ch. 1-3
      * https://example.org/free-book
      > buy the hardcover

      * not an entry
    `));
    assert.deepStrictEqual(note.bookLists[0].entries.map((entry) => `${entry.statuses.join('')}|${entry.author ?? ''}|${entry.title}|${entry.urls.length}`), [
      '⭐|McGee|on food and cooking|0', '|Lopez|food lab|1', '✅|Chang|knife skills|0', '|||1',
    ]);
  });

  it('reads the grouped form with ALL-CAPS groups separated by blank lines', () => {
    const note = parseNote('n.md', dedent(`
      📚

      TECHNIQUE
      * Chang knife skills
      * Hale modern BBQ

      SCIENCE
      * McGee on food

      PROSE AFTER
    `));
    assert.deepStrictEqual(note.bookLists[0].entries.map((entry) => `${entry.group}:${entry.author}`), ['TECHNIQUE:Chang', 'TECHNIQUE:Hale', 'SCIENCE:McGee']);
  });

  it('ends at a quoted lone 🗄, whose items are links and not books (found by the Fix all property)', () => {
    const note = parseNote('n.md', dedent(`
      📚
      * McGee on food
      > 🗄
      * BURR \`a.md\` KNIVES
    `));
    // Before, the last item was read as a book entry and as two links at once: Fix all's edit to
    // the links changed the entry that another link led to.
    assert.deepStrictEqual(note.bookLists[0].entries.map((entry) => entry.author), ['McGee']);
    assert.deepStrictEqual(note.references.map((reference) => reference.text), ['BURR', '`a.md` KNIVES']);
    assert.deepStrictEqual(note.anchors.filter((anchor) => anchor.kind === 'book').map((anchor) => anchor.text), ['McGee on food']);
  });
});
