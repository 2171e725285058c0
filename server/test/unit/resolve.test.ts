import * as assert from 'assert';
import { checkResolution, dedent, memoryWorkspace, referenceAtCursor, renderReferences, renderResolution } from './support';
import { DEFAULT_RESOLVER_OPTIONS, resolveReference } from '../../src/core/features/resolve';
import { classifyFileToken } from '../../src/core/features/resolve/noteNames';
import { resolveNoteReferences } from '../../src/core/features/check';
import { checkNote } from '../../src/core/features/check';
import { plainRange } from '../../src/core/text/positions';
import { parseGitNameStatus } from '../../src/core/index/history';
import { MAX_DIALECT_LINE } from '../../src/core/syntax/parseNote';

describe('file part classification (DIALECT §8.2)', () => {
  const cases: Array<[string, string]> = [
    ['/etc/hosts', 'external abs-path'],
    ['~/notes', 'external abs-path'],
    ['$SHOP/stones', 'external abs-path'],
    ['fd knife-db', 'external command'],
    ['cd shop; rg bevel', 'external command'],
    ['.zshrc', 'external dotfile'],
    ['.zshrc/hone', 'external dotfile'],
    ['brew/smoker*', 'external glob'],
    ['mcgee.pdf', 'external pdf'],
    ['keys.json', 'external artifact:json'],
    ['brew/x.log', 'external artifact:log'],
    ['flour.com', 'typo-extension flour.com'],
    ['bread/starter.py', 'typo-extension bread/starter.py'],
    ['metals.md', 'note metals.md'],
    ['whetstones', 'note whetstones'],
    ['3-harvest', 'note 3-harvest'],
    ['../x.md', 'note ../x.md'],
  ];
  for (const [token, expected] of cases) {
    it(`classifies \`${token}\` as ${expected}`, () => {
      const classified = classifyFileToken(token);
      const rendered = classified.kind === 'external' ? `external ${classified.class}` : `${classified.kind} ${classified.token}`;
      assert.strictEqual(rendered, expected);
    });
  }
});

describe('file rules F1–F8 (DIALECT §8.3)', () => {
  it('resolves by exact path, same folder, suffix, basename and a stale folder', () => {
    checkResolution({
      'food/main.md': `
        🗄 \`food/bread/flour.md\`
        🗄 \`bread/flour.md\`
        🗄 \`flour.md\`
        🗄 \`rye.md\`
        🗄 \`shop/tools.md\`
      `,
      'food/bread/flour.md': '# ⛩️',
      'food/rye.md': '# ⛩️',
      'craft/forge/tools.md': '# ⛩️',
    }, `
      1: \`food/bread/flour.md\`: resolved exact → food/bread/flour.md:1
      2: \`bread/flour.md\`: resolved same-dir → food/bread/flour.md:1
      3: \`flour.md\`: resolved basename → food/bread/flour.md:1
      4: \`rye.md\`: resolved same-dir → food/rye.md:1
      5: \`shop/tools.md\`: resolved basename-dirmismatch → craft/forge/tools.md:1
    `);
  });

  it('finds folder notes by suffix-meta, meta-prefix and folder-meta, and extensionless names', () => {
    checkResolution({
      'main.md': `
        🗄 \`finish/oils.md\`
        🗄 \`oils.md\`
        🗄 \`wood.md\` species
        🗄 \`whetstones\`
        🗄 \`BBQ.md\`
      `,
      'craft/finish/#oils.md': '# ⛩️',
      'craft/wood/#meta.md': '# ⛩️\n# 🌳 SPECIES',
      'kitchen/whetstones.md': '# ⛩️',
      'food/bbq.md': '# ⛩️',
    }, `
      1: \`finish/oils.md\`: resolved suffix-meta → craft/finish/#oils.md:1
      2: \`oils.md\`: resolved meta-prefix → craft/finish/#oils.md:1
      3: \`wood.md\` species: resolved exact-heading → craft/wood/#meta.md:2
      4: \`whetstones\`: resolved basename → kitchen/whetstones.md:1
      5: \`BBQ.md\`: resolved case-insensitive → food/bbq.md:1
    `);
  });

  it('reads the last path component as a section when the path is not a note (F8), and strips the root alias', () => {
    checkResolution({
      'main.md': `
        🗄 \`bread/flour/rye.md\`
        🗄 \`kb/craft/glazes/color\`
      `,
      'food/bread/flour.md': '# ⛩️\n## rye',
      'craft/glazes.md': '# ⛩️\n# 🎨 COLOR',
    }, `
      1: \`bread/flour/rye.md\`: resolved section-as-path → food/bread/flour.md:2
      2: \`kb/craft/glazes/color\`: resolved section-as-path → craft/glazes.md:2
    `, { rootAliases: ['kb'] });
  });

  it('lets the section decide between several notes of one name, and says ambiguous when it cannot', () => {
    checkResolution({
      'main.md': `
        🗄 \`tools.md\` anvils
        🗄 \`tools.md\` nothing here
        🗄 \`tools.md\`
      `,
      'craft/forge/tools.md': '# ⛩️\n# 🔨 ANVILS',
      'kitchen/tools.md': '# ⛩️\n# 🔪 KNIVES',
    }, `
      1: \`tools.md\` anvils: resolved exact-heading → craft/forge/tools.md:2
      2: \`tools.md\` nothing here: ambiguous several-candidates (information)
      3: \`tools.md\`: ambiguous several-candidates (information)
    `);
  });

  it('finds a note whose name is written in the other Unicode form (macOS wrote `é` as `e` and an accent) by the rule that finds it written alike, as macOS does', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    checkResolution({
      'main.md': `
        🗄 \`${composed}.md\` cr\u00e8me
        🗄 \`b\u00fccher/${composed}.md\`
        🗄 \`${decomposed}-noir.md\`
        🗄 \`cafe.md\`
        🗄 \`B\u00dcCHER/CAF\u00c9.md\`
      `,
      [`bu\u0308cher/${decomposed}.md`]: '# ⛩️\n## cre\u0300me',
      [`${composed}-noir.md`]: '# ⛩️',
    }, `
      1: \`${composed}.md\` cr\u00e8me: resolved exact-heading → bu\u0308cher/${decomposed}.md:2
      2: \`b\u00fccher/${composed}.md\`: resolved exact → bu\u0308cher/${decomposed}.md:1
      3: \`${decomposed}-noir.md\`: resolved exact → ${composed}-noir.md:1
      4: \`cafe.md\`: external foreign-note (hint)
      5: \`B\u00dcCHER/CAF\u00c9.md\`: resolved case-insensitive → bu\u0308cher/${decomposed}.md:1
    `);
  });

  it('finds the note named as written first where two names differ only in their Unicode form (Linux keeps both)', () => {
    checkResolution({
      'main.md': '🗄 `caf\u00e9.md`\n🗄 `cafe\u0301.md`',
      'caf\u00e9.md': '# ⛩️',
      'cafe\u0301.md': '# ⛩️',
    }, `
      1: \`caf\u00e9.md\`: resolved exact → caf\u00e9.md:1
      2: \`cafe\u0301.md\`: resolved exact → cafe\u0301.md:1
    `);
  });

  it('classifies an extensionless token that names no note as a project', () => {
    checkResolution({ 'main.md': '🗄 `recipe-app`' }, '1: `recipe-app`: external project-or-dir');
  });

  it('never leaves the workspace for a ../ path', () => {
    checkResolution({
      'kitchen/main.md': `
        🗄 \`../metals.md\`
        🗄 \`../../../etc/passwd\`
      `,
      'metals.md': '# ⛩️',
    }, `
      1: \`../metals.md\`: resolved exact → metals.md:1
      2: \`../../../etc/passwd\`: external outside-workspace
    `);
  });

  it('reads a link to a file that is there but not read as a note as neither dead nor another collection\'s, and says why', () => {
    const { index } = memoryWorkspace({
      'kitchen/main.md': `
        # ⛩️
        🗄 \`scans.md\` page 3
        🗄 \`archive/scans.md\`
        🗄 \`Shared\`
        🗄 \`pantry/scans.md\`
        🗄 \`scan.md\`
      `,
    });
    index.setSkipped('kitchen/archive/scans.md', 'too large to read as a note (19.1 MiB; Torii reads notes up to 16 MiB)');
    index.setSkipped('shared.md', 'link to a place outside the workspace: not followed', 'information');
    assert.strictEqual(renderReferences(index, 'kitchen/main.md'), dedent(`
      2: \`scans.md\` page 3: external unreadable-note
      3: \`archive/scans.md\`: external unreadable-note
      4: \`Shared\`: external unreadable-note
      5: \`pantry/scans.md\`: external foreign-note (hint)
      6: \`scan.md\`: external foreign-note (hint)
    `));
    const first = resolveReference(index, 'kitchen/main.md', index.getNote('kitchen/main.md')!.note.references[0]);
    assert.strictEqual(first.message, '`scans.md` (kitchen/archive/scans.md) is in the workspace, but Torii does not read it as a note: too large to read as a note (19.1 MiB; Torii reads notes up to 16 MiB)');
    // The file itself carries the diagnostic; the links to it carry none.
    assert.deepStrictEqual(checkNote(index, 'kitchen/main.md').map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code}`), ['5 foreign-note', '6 foreign-note']);
    assert.deepStrictEqual(checkNote(index, 'shared.md').map((diagnostic) => `${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`), ['information unreadable: link to a place outside the workspace: not followed']);
  });
});

describe('section rules (DIALECT §8.4)', () => {
  const stones = `
    # ⛩️

    # 🪨 FLATTENING

    ## whet stones

    LAPPING
    * _slurry management_: keep it wet

    ## hone (steel)

    ## oil / wax

    # 🗂 KNIFERACK

    ## cutting boards

    # 🌊 MARINADE

    ## cast iron

    # 🧪 SYNTHETIC

    ## grit / finish (stones)
    * coarse grit: 220 to 400
    the sintered kind is harder

    # 🟥 ABS
  `;

  it('matches headings exactly, by alias, singular and squash', () => {
    checkResolution({
      'main.md': `
        🗄 \`stones.md\` flattening
        🗄 \`stones.md\` Hone
        🗄 \`stones.md\` steel
        🗄 \`stones.md\` oil
        🗄 \`stones.md\` oil / wax
        🗄 \`stones.md\` whetstones
        🗄 \`stones.md\` knife rack
        🗄 \`stones.md\` cutting board
        🗄 \`stones.md\` marinades
        🗄 \`stones.md\` cast-iron
      `,
      'stones.md': stones,
    }, `
      1: \`stones.md\` flattening: resolved exact-heading → stones.md:3
      2: \`stones.md\` Hone: resolved heading-alias → stones.md:10
      3: \`stones.md\` steel: resolved heading-alias → stones.md:10
      4: \`stones.md\` oil: resolved heading-alias → stones.md:12
      5: \`stones.md\` oil / wax: resolved exact-heading → stones.md:12
      6: \`stones.md\` whetstones: resolved heading-squash → stones.md:5
      7: \`stones.md\` knife rack: resolved heading-squash → stones.md:14
      8: \`stones.md\` cutting board: resolved heading-alias → stones.md:16
      9: \`stones.md\` marinades: resolved heading-alias → stones.md:18
      10: \`stones.md\` cast-iron: resolved heading-squash → stones.md:20
    `);
  });

  it('matches ALL-CAPS lines, terms and item heads, and never singularises capitals', () => {
    checkResolution({
      'main.md': `
        🗄 \`stones.md\` lapping
        🗄 \`stones.md\` 'slurry management'
        🗄 \`stones.md\` coarse grit
        🗄 \`stones.md\` AB
      `,
      'stones.md': stones,
    }, `
      1: \`stones.md\` lapping: resolved caps → stones.md:7
      2: \`stones.md\` 'slurry management': resolved term → stones.md:8
      3: \`stones.md\` coarse grit: resolved item-head → stones.md:25
      4: \`stones.md\` AB: dead_section no-anchor (warning)
    `);
  });

  it('finds an ALL-CAPS line with inline code in its aside by its label or by the aside', () => {
    checkResolution({
      'main.md': `
        🗄 \`editor.md\` KEYS
        🗄 \`editor.md\` CMD R
        🗄 \`editor.md\` KEYS (CMD R)
      `,
      'editor.md': '# ⛩️\n\n# ⌨️ EDITOR\n\nKEYS (`CMD R`)\n* run the file\n',
    }, `
      1: \`editor.md\` KEYS: resolved caps-alias → editor.md:5
      2: \`editor.md\` CMD R: resolved caps-alias → editor.md:5
      3: \`editor.md\` KEYS (CMD R): resolved caps → editor.md:5
    `);
  });

  it('resolves a > b and a / b paths, a leaf whose ancestors do not match, comma lists and text under a head', () => {
    checkResolution({
      'main.md': `
        🗄 \`stones.md\` flattening > whet stones
        🗄 \`stones.md\` synthetic / grit
        🗄 \`stones.md\` marinade > whet stones
        🗄 \`stones.md\` lapping, cast iron
        🗄 \`stones.md\` lapping, no such thing
        🗄 \`stones.md\` synthetic > sintered kind
      `,
      'stones.md': stones,
    }, `
      1: \`stones.md\` flattening > whet stones: resolved path → stones.md:5
      2: \`stones.md\` synthetic / grit: resolved path → stones.md:24
      3: \`stones.md\` marinade > whet stones: resolved path-leaf → stones.md:5
      4: \`stones.md\` lapping, cast iron: resolved list → stones.md:7
      5: \`stones.md\` lapping, no such thing: resolved list-partial → stones.md:7
      6: \`stones.md\` synthetic > sintered kind: resolved text-under-head → stones.md:26
    `);
  });

  it('lets the longest heading prefix absorb trailing commentary', () => {
    checkResolution({ 'main.md': '🗄 `stones.md` flattening before every session', 'stones.md': stones }, `
      1: \`stones.md\` flattening before every session: resolved prefix → stones.md:3
    `);
  });

  it('reports a typo with the closest anchor as the fix, never accepting it silently', () => {
    checkResolution({ 'main.md': '🗄 `stones.md` synthetik\n🗄 `stones.md` flatening', 'stones.md': stones }, `
      1: \`stones.md\` synthetik: dead_section typo; fix \`stones.md\` SYNTHETIC → stones.md:22 (warning)
      2: \`stones.md\` flatening: dead_section typo; fix \`stones.md\` FLATTENING → stones.md:3 (warning)
    `);
  });

  it('finds a typo of a part of a name, and follows the anchor when lines move and names stay', () => {
    const { index } = memoryWorkspace({
      'main.md': '🗄 `jars.md` bracdet\n🗄 `jars.md` lids rign',
      'jars.md': '# ⛩️\n\n## bracket (coconut)\n\n## lids ring',
    });
    assert.strictEqual(renderReferences(index, 'main.md'), [
      '1: `jars.md` bracdet: dead_section typo; fix `jars.md` bracket → jars.md:3 (warning)',
      '2: `jars.md` lids rign: dead_section typo; fix `jars.md` lids ring → jars.md:5 (warning)',
    ].join('\n'));
    // The same anchors two lines lower (the note keeps its lookup rows, and the typo search what it knew of them).
    index.setNoteText('jars.md', '# ⛩️\n\nsome\nprose\n\n## bracket (coconut)\n\n## lids ring', { keepParsed: true });
    assert.strictEqual(renderReferences(index, 'main.md'), [
      '1: `jars.md` bracdet: dead_section typo; fix `jars.md` bracket → jars.md:6 (warning)',
      '2: `jars.md` lids rign: dead_section typo; fix `jars.md` lids ring → jars.md:8 (warning)',
    ].join('\n'));
    // Renamed: the search reads the new names.
    index.setNoteText('jars.md', '# ⛩️\n\n## bracket (coconut)\n\n## lids rigs');
    assert.strictEqual(renderReferences(index, 'main.md').split('\n')[1], '2: `jars.md` lids rign: dead_section typo; fix `jars.md` lids rigs → jars.md:5 (warning)');
  });

  it('reports a section that moved to another note with that note as the fix', () => {
    checkResolution({
      'main.md': '🗄 `metals.md` rust removal',
      'metals.md': '# ⛩️\n# 🔩 CARBON STEEL',
      'care.md': '# ⛩️\n\n## rust removal',
    }, '1: `metals.md` rust removal: dead_section moved-section; fix `care.md` rust removal → care.md:3 (warning)');
  });

  it('reports a phrase that occurs only as text, and one that occurs nowhere', () => {
    checkResolution({
      'main.md': '🗄 `metals.md` bluing\n🗄 `metals.md` quenching oil',
      'metals.md': '# ⛩️\n\n## 进步\n\n* _22_: bluing',
    }, `
      1: \`metals.md\` bluing: dead_section text-only (warning)
      2: \`metals.md\` quenching oil: dead_section no-anchor (warning)
    `);
  });

  it('finds a phrase as text however its apostrophes and accents are written there, as the section names it, and not inside a word an accent continues', () => {
    checkResolution({
      'main.md': "🗄 `metals.md` smith's bluing\n🗄 `metals.md` crème wax\n🗄 `metals.md` cafe\n🗄 `metals.md` mist",
      'metals.md': '# ⛩️\n\n## 进步\n\n* _22_: smith’s bluing\n* _23_: cre\u0300me wax\n* _24_: cafe\u0301 oil, e\u0301mist',
    }, `
      1: \`metals.md\` smith's bluing: dead_section text-only (warning)
      2: \`metals.md\` crème wax: dead_section text-only (warning)
      3: \`metals.md\` cafe: dead_section no-anchor (warning)
      4: \`metals.md\` mist: dead_section no-anchor (warning)
    `);
  });
});

describe('same-note references (DIALECT §8.5)', () => {
  it('resolves in the note itself, skipping the reference’s own line', () => {
    checkResolution({
      'main.md': `
        # ⛩️
        🗄 burr
        🗄 'honing'
        # 🔪 KNIVES
        BURR
        ## honing
        * strop block: see 🗄 strop block
      `,
    }, `
      2: burr: resolved caps → main.md:5
      3: 'honing': resolved exact-heading → main.md:6
      7: strop block: dead_section no-anchor (warning)
    `);
  });

  it('reads notebook entries, bare note stems, book entries and prose', () => {
    checkResolution({
      'main.md': `
        🗄 notebook 21.03.07
        🗄️ BBQ > smokers
        🗄 bbq / wms 2019
        🗄️ Chang knife skills
        🗄️ project idea for a spice rack for the shop
      `,
      'food/bbq.md': '# ⛩️\n## 🔥 smokers',
      'reading.md': '# ⛩️\n📚\n* Chang noodle basics\n* Chang knife skills https://example.org/chang',
    }, `
      1: notebook 21.03.07: external notebook
      2: BBQ > smokers: resolved bare-stem → food/bbq.md:2
      3: bbq / wms 2019: dead_section no-anchor (warning)
      4: Chang knife skills: resolved book-entry → reading.md:4
      5: project idea for a spice rack for the shop: external prose
    `);
  });

  it('gives a section that moved out of this note the new note as the fix (not a silent resolve)', () => {
    checkResolution({
      'stones.md': '# ⛩️\n🗄 \'stropping\'',
      'care.md': '# ⛩️\n## stropping',
    }, "2: 'stropping': dead_section moved-section; fix `care.md` 'stropping' → care.md:2 (warning)");
  });

  it('reads a word alone as a section that moved before a note of that name, and a quoted name never as a note', () => {
    checkResolution({
      'stones.md': "# ⛩️\n🗄 stropping\n🗄 'stropping'\n🗄 'oils'\n🗄 oils\n🗄 burr",
      'care.md': '# ⛩️\n## stropping',
      'tools/stropping.md': '# ⛩️\n## leather',
      'oils.md': '# ⛩️\n## linseed',
      'rust.md': '# ⛩️\n## burr',
      'honing/burr.md': '# ⛩️',
      'grit.md': '# ⛩️\n## burr',
    }, `
      2: stropping: dead_section moved-section; fix \`care.md\` stropping → care.md:2 (warning)
      3: 'stropping': dead_section moved-section; fix \`care.md\` 'stropping' → care.md:2 (warning)
      4: 'oils': dead_section no-anchor (warning)
      5: oils: resolved bare-stem → oils.md:1
      6: burr: dead_section moved-section (warning)
    `);
  });
});

describe('file not found (DIALECT §8.6, without history)', () => {
  it('finds typo extensions, legacy names, typos and folders a note was split into', () => {
    checkResolution({
      'main.md': `
        🗄 \`flour.com\`
        🗄 \`bread/starter.py\` feeding
        🗄 \`tools.py\`
        🗄 \`glazes.com\`
        🗄 \`3-harvest.md\`
        🗄 \`sourdouh.md\`
        🗄 \`jam.md\`
        🗄 \`spices.md\` saffron
        🗄 \`chemistry.md\` bonds
      `,
      'food/bread/flour.md': '# ⛩️',
      'food/bread/starter.md': '# ⛩️\n## feeding',
      'garden/harvest.md': '# ⛩️',
      'food/bread/sourdough.md': '# ⛩️',
      'food/ham.md': '# ⛩️',
      'food/spices/saffron-and-co.md': '# ⛩️\n# 🟧 SAFFRON',
      'food/spices/pepper.md': '# ⛩️',
    }, `
      1: \`flour.com\`: dead_file typo-extension; fix \`flour.md\` → food/bread/flour.md:1 (warning)
      2: \`bread/starter.py\` feeding: dead_file typo-extension; fix \`bread/starter.md\` feeding → food/bread/starter.md:2 (warning)
      3: \`tools.py\`: external artifact:py
      4: \`glazes.com\`: dead_file typo-extension (warning)
      5: \`3-harvest.md\`: dead_file legacy-name; fix \`harvest.md\` → garden/harvest.md:1 (warning)
      6: \`sourdouh.md\`: dead_file typo; fix \`sourdough.md\` → food/bread/sourdough.md:1 (warning)
      7: \`jam.md\`: external foreign-note (hint)
      8: \`spices.md\` saffron: dead_file split-into-folder; fix \`saffron-and-co.md\` saffron → food/spices/saffron-and-co.md:2 (warning)
      9: \`chemistry.md\` bonds: external foreign-note (hint)
    `);
  });
});

describe('a name one letter from a note, linked from note after note (DIALECT §8.6 step 5)', () => {
  const notes = {
    'craft/honey.md': '# ⛩️\n## pea',
    'a.md': '🗄 `money.md`\n🗄 `money.md` pea\n🗄 `sourdouh.md`',
    'b.md': '🗄 `Money.md`',
    'food/sourdough.md': '# ⛩️',
  };

  it('is a slip while one or two notes write it: a dead link with a fix to review', () => {
    const { index } = memoryWorkspace(notes);
    assert.strictEqual(renderReferences(index, 'a.md'), dedent(`
      1: \`money.md\`: dead_file typo; fix \`honey.md\` → craft/honey.md:1 (warning)
      2: \`money.md\` pea: dead_file typo; fix \`honey.md\` pea → craft/honey.md:2 (warning)
      3: \`sourdouh.md\`: dead_file typo; fix \`sourdough.md\` → food/sourdough.md:1 (warning)
    `));
  });

  it('is meant as written once three notes write it (another collection’s note): a hint, the near note a fix to look at', () => {
    const { index } = memoryWorkspace({ ...notes, 'c/d.md': '🗄 `money` care' });
    assert.strictEqual(renderReferences(index, 'a.md'), dedent(`
      1: \`money.md\`: external foreign-note; fix \`honey.md\` → craft/honey.md:1 (hint)
      2: \`money.md\` pea: external foreign-note; fix \`honey.md\` pea → craft/honey.md:2 (hint)
      3: \`sourdouh.md\`: dead_file typo; fix \`sourdough.md\` → food/sourdough.md:1 (warning)
    `));
    const [first] = resolveNoteReferences(index, 'a.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(first.resolution.message, '`money.md` is not in this workspace (a note of another collection? 3 notes link it so; craft/honey.md has a name this close)');
    assert.strictEqual(first.resolution.fix?.confidence, 'low');
    // The count is of notes, kept as notes come and go.
    assert.strictEqual(index.notesWritingName('MONEY'), 3);
    index.removeNote('b.md');
    assert.strictEqual(index.notesWritingName('money'), 2);
    assert.match(renderReferences(index, 'a.md'), /1: `money.md`: dead_file typo/);
  });
});

describe('a slip on a note name written decomposed (`e` and a combining accent, as macOS or a PDF may write it)', () => {
  it('is one letter from the note as the name written composed is', () => {
    const { index } = memoryWorkspace({ 'desserts/crème.md': '# ⛩️\n## custard', 'a.md': '🗄 `cre\u0300mme.md` custard\n🗄 `crèmme.md` custard' });
    const [written, typed] = renderReferences(index, 'a.md').split('\n').map((line) => line.replace(/^\d+: `[^`]*` custard: /, ''));
    assert.strictEqual(typed, 'dead_file typo; fix `crème.md` custard → desserts/crème.md:2 (warning)');
    assert.strictEqual(written, typed);
  });
});

describe('a note name written with other apostrophes (`chef’s knives.md` for `chef\'s knives.md`)', () => {
  it('is a slip however short and however many notes write it so, with a sure fix and a message that names the difference', () => {
    const { index } = memoryWorkspace({
      "kitchen/chef's knives.md": '# ⛩️\n## honing',
      'don’t.md': '# ⛩️',
      'a.md': "🗄 `chef’s knives.md` honing\n🗄 `Chef’s Knives.md`\n🗄 `don't.md`\n🗄 `chef’s knives.md` stropping",
      'b.md': '🗄 `chef’s knives.md`', 'c.md': '🗄 `chef’s knives.md`', 'd.md': '🗄 `chef’s knives.md`',
    });
    assert.strictEqual(renderReferences(index, 'a.md'), dedent(`
      1: \`chef’s knives.md\` honing: dead_file typo; fix \`chef's knives.md\` honing → kitchen/chef's knives.md:2 (warning)
      2: \`Chef’s Knives.md\`: dead_file typo; fix \`chef's knives.md\` → kitchen/chef's knives.md:1 (warning)
      3: \`don't.md\`: dead_file typo; fix \`don’t.md\` → don’t.md:1 (warning)
      4: \`chef’s knives.md\` stropping: dead_file typo; fix \`chef's knives.md\` stropping → kitchen/chef's knives.md:1 (warning)
    `));
    const resolutions = resolveNoteReferences(index, 'a.md', DEFAULT_RESOLVER_OPTIONS).map(({ resolution }) => resolution);
    assert.strictEqual(resolutions[0].message, "dead link: no note `chef’s knives.md`; kitchen/chef's knives.md has a straight apostrophe (') where the link has a curly one (’)");
    assert.strictEqual(resolutions[2].message, "dead link: no note `don't.md`; don’t.md has a curly apostrophe (’) where the link has a straight one (')");
    assert.deepStrictEqual(resolutions.map((resolution) => resolution.fix?.confidence), ['high', 'high', 'high', 'low']);
  });
});

describe('a note name written as a web address writes it, or with a space and no `.md`', () => {
  const notes = {
    'kitchen/knife care.md': '# ⛩️\n## honing',
    'a.md': '🗄 `knife%20care.md` honing\n🗄 `kitchen%2Fknife%20care.md`\n🗄 `knife care` honing\n🗄 `fd knife-db`\n🗄 `caf%C3%A9.md`\n🗄 `100%.md`',
  };

  it('reads `knife%20care.md` as the name it spells: a dead link with a sure fix, the message says why', () => {
    const { index } = memoryWorkspace(notes);
    const lines = renderReferences(index, 'a.md').split('\n');
    assert.deepStrictEqual(lines.slice(0, 2), [
      '1: `knife%20care.md` honing: dead_file typo; fix `knife care.md` honing → kitchen/knife care.md:2 (warning)',
      '2: `kitchen%2Fknife%20care.md`: dead_file typo; fix `knife care.md` → kitchen/knife care.md:1 (warning)',
    ]);
    const [first] = resolveNoteReferences(index, 'a.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(first.resolution.message, 'dead link: no note `knife%20care.md`; it is written as a web address writes names (%20 for a space): it spells kitchen/knife care.md');
    assert.strictEqual(first.resolution.fix?.confidence, 'high');
    // Escapes that spell no note, or nothing: the name as it is written.
    assert.match(lines[4], /^5: `caf%C3%A9.md`: external foreign-note/);
    assert.match(lines[5], /^6: `100%.md`: external foreign-note/);
  });

  it('reads a name with a space and no `.md` as the note that has it, and as a shell command when none does', () => {
    const { index } = memoryWorkspace(notes);
    const lines = renderReferences(index, 'a.md').split('\n');
    assert.match(lines[2], /^3: `knife care` honing: resolved/);
    assert.match(lines[3], /^4: `fd knife-db`: external command/);
  });
});

describe('text under a head', () => {
  it('is never the reference itself: a same-note path whose leaf is written only on its own line is dead', () => {
    // Found by the rename property: `🗄 参考 > KNIVES` resolved to its own line.
    checkResolution({
      'main.md': '# ⛩️\n## 参考\n🗄 参考 > KNIVES\nsharpen the KNIVES weekly\n🗄 参考 > STONES',
    }, `
      3: 参考 > KNIVES: resolved text-under-head → main.md:4
      5: 参考 > STONES: dead_section no-anchor (warning)
    `);
  });

  it('is prose, not another link: words written only as a 🗄 target, with its marker or in a list under a lone 🗄, do not count', () => {
    checkResolution({
      'main.md': '🗄 `tools.md` care > oiling\n🗄 `tools.md` care > honing\n🗄 `tools.md` care > stropping',
      'tools.md': '# ⛩️\n## care\n🗄 `metals.md` oiling\n🗄\n* `stones.md` honing\nstropping weekly',
    }, `
      1: \`tools.md\` care > oiling: dead_section no-anchor (warning)
      2: \`tools.md\` care > honing: dead_section no-anchor (warning)
      3: \`tools.md\` care > stropping: resolved text-under-head → tools.md:6
    `);
  });

  it('reads a listed author of several words in a 📚 link, lowercase particles too, and the name alone', () => {
    // Seen in the 10,000-note workspace: `🗄 Ruiz de Vega stout mash` was a dead section, read as the author `Ruiz`.
    checkResolution({
      'main.md': '🗄️ Ruiz de Vega tapas\n🗄️ Van Aken\n🗄️ Ruiz tapas',
      'reading.md': '📚\n* Van Aken joinery\n* Ruiz de Vega tapas at home',
    }, `
      1: Ruiz de Vega tapas: resolved book-entry → reading.md:3
      2: Van Aken: resolved book-entry → reading.md:2
      3: Ruiz tapas: dead_section no-anchor (warning)
    `);
  });

  it('points a 📚 entry’s 🗄 at another listing of the book, never at the entry it is written on', () => {
    // Found by the move property: the first listing by path was taken, the link's own when its note sorted first.
    checkResolution({
      'a.md': '📚\n* Lopez food lab 🗄️ Lopez food lab\n* Chang knife skills 🗄️ Chang knife skills',
      'z.md': '📚\n* Lopez food lab',
    }, `
      2: Lopez food lab: resolved book-entry → z.md:2
      3: Chang knife skills: dead_section no-anchor (warning)
    `);
  });

  it('takes, of the books an author alone names, one the note lists, else the first by title: never the first note by path', () => {
    // Found by the folder-move property: `🗄️ Lopez` led to the book of whichever note sorted first,
    // and moving a folder took it to another book.
    const notes = { 'b/e.md': '📚\n* Lopez food lab', 'c.md': '📚\n* Lopez', 'n.md': '🗄️ Lopez\n🗄️ Lopez food' };
    checkResolution({ 'm.md': '📚\n* Lopez knife skills\n🗄️ Lopez', ...notes }, `
      3: Lopez: resolved book-entry → m.md:2
    `);
    checkResolution({ 'n.md': notes['n.md'], 'b/e.md': notes['b/e.md'], 'c.md': notes['c.md'], 'm.md': '📚\n* Lopez knife skills' }, `
      1: Lopez: resolved book-entry → c.md:2
      2: Lopez food: resolved book-entry → b/e.md:2
    `);
  });
});

describe('a typo extension whose note lacks the section', () => {
  it('is fixed where the section is, a guess when only a near name exists, and the note alone (a guess) when none has it', () => {
    // `.py` for `.md` once claimed a sure fix whatever the section, and Fix all left dead sections.
    const { index } = memoryWorkspace({
      'main.md': `
        🗄 \`bread/starter.py\` feeding
        🗄 \`bread/starter.py\` proofing
        🗄 \`bread/starter.py\` feding
        🗄 \`bread/starter.py\` crumb
      `,
      'food/bread/starter.md': '# ⛩️\n## feeding',
      'food/bread/levain.md': '# ⛩️\n## proofing',
    });
    const fixes = index.getNote('main.md')!.note.references.map((reference) => {
      const { fix, message } = resolveReference(index, 'main.md', reference);
      return `${fix?.label} → ${fix?.target.path}:${fix ? fix.target.line + 1 : '-'} ${fix?.confidence}: ${message}`;
    });
    assert.deepStrictEqual(fixes, [
      '`bread/starter.md` feeding → food/bread/starter.md:2 high: dead link: `bread/starter.py` is not a note (`.py` looks like a typo for `.md`)',
      "`levain.md` proofing → food/bread/levain.md:2 high: dead link: `bread/starter.py` is not a note (`.py` looks like a typo for `.md`, meaning food/bread/starter.md); its section 'proofing' is now in food/bread/levain.md",
      "`bread/starter.md` feeding → food/bread/starter.md:2 low: dead link: `bread/starter.py` is not a note (`.py` looks like a typo for `.md`, meaning food/bread/starter.md), which has no section 'feding'; did you mean 'feeding'?",
      "`bread/starter.md` → food/bread/starter.md:1 low: dead link: `bread/starter.py` is not a note (`.py` looks like a typo for `.md`, meaning food/bread/starter.md), which has no section 'crumb', nor does any other note",
    ]);
  });
});

describe('severities (DIALECT §8.7)', () => {
  it('gives no diagnostic inside fences, a hint for tentative and foreign targets, a warning for the empty marker', () => {
    checkResolution({
      'main.md': `
        \`\`\`
        # 🗄 \`gone.md\`
        \`\`\`
        🗄 \`pickles.md\`? move these there?
        🗄 \`physics.md\`
        … grind_angle 🗄 
      `,
      'food/pickle.md': '# ⛩️',
    }, `
      2: \`gone.md\` [fence]: external foreign-note
      4: \`pickles.md\`?: dead_file typo; fix \`pickle.md\` → food/pickle.md:1 (hint)
      5: \`physics.md\`: external foreign-note (hint)
      6: (empty): dead_file empty (warning)
    `);
  });

  it('turns every dead link with a known fix into a diagnostic that names the fix and carries its edit', () => {
    const { index } = memoryWorkspace({ 'main.md': '🗄 `metals.md` rust removal', 'metals.md': '# ⛩️', 'care.md': '# ⛩️\n## rust removal' });
    const [diagnostic] = checkNote(index, 'main.md');
    assert.strictEqual(diagnostic.code, 'dead-section');
    assert.strictEqual(diagnostic.message, "dead section: metals.md has no section 'rust removal'; it is in care.md; fix: `care.md` rust removal");
    assert.deepStrictEqual(diagnostic.fix!.edits.map((edit) => ({ ...edit, range: plainRange(edit.range) })), [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 13 } }, newText: 'care.md' }]);
  });

  it('names the fix in a sentence of its own after a question, not after "?;"', () => {
    const { index } = memoryWorkspace({ 'main.md': '🗄 `metals.md` tempring', 'metals.md': '# ⛩️\n## tempering' });
    const [diagnostic] = checkNote(index, 'main.md');
    assert.strictEqual(diagnostic.message, "dead section: metals.md has no section 'tempring'; did you mean 'tempering'? Fix: `metals.md` tempering");
  });

  it('hints at a 📙 author within edit distance 2 of a known one, and only then', () => {
    const { index } = memoryWorkspace({
      'main.md': '📙 Kleppman [4]\n📙 Osborn [2]',
      'reading.md': '📚\n* Kleppmann data systems\n\n📙 Kleppmann [1]\n📙 Kleppmann [2]\n📙 Kleppmann [3]\n📙 Kleppmann [5]',
    });
    assert.deepStrictEqual(checkNote(index, 'main.md').map((diagnostic) => `${diagnostic.severity} ${diagnostic.code}: ${diagnostic.fix?.label}`), ['hint unknown-author: Kleppmann']);
  });
});

describe('cursor helper', () => {
  it('finds the target under $0 when one marker carries several', () => {
    const { reference } = referenceAtCursor("🗄 `metals.md` 'rust' `ca$0re.md` 'oiling'");
    assert.strictEqual(reference?.file?.text, 'care.md');
    const { index } = memoryWorkspace({ 'cursor.md': "🗄 `metals.md` 'rust' `care.md` 'oiling'", 'care.md': '# ⛩️\n## oiling' });
    assert.strictEqual(renderResolution(resolveReference(index, 'cursor.md', index.getNote('cursor.md')!.note.references[1])), 'resolved exact-heading → care.md:2');
  });
});

describe('a note renamed where no history says so (DIALECT §8.6, without history)', () => {
  // `ore.md` became `metals.md`; the links kept the old name, and name four of its sections.
  const notes = {
    'metals.md': '# ⛩️\n## patina\n## smelting\nALLOYS\n## rust',
    'care.md': '# ⛩️\n## rust',
    'a.md': '# ⛩️\n🗄 `ore.md` patina\n🗄 `ore.md` smelting\n🗄 `ore.md`',
    'b.md': '# ⛩️\n🗄 `old/ore.md` alloys\n🗄 `ore` rust',
  };

  it('is found by the sections its links name: the one note holding most of them, a fix to review', () => {
    const { index } = memoryWorkspace(notes);
    assert.strictEqual(renderReferences(index, 'a.md'), dedent(`
      2: \`ore.md\` patina: dead_file renamed-by-sections; fix \`metals.md\` patina → metals.md:2 (warning)
      3: \`ore.md\` smelting: dead_file renamed-by-sections; fix \`metals.md\` smelting → metals.md:3 (warning)
      4: \`ore.md\`: dead_file renamed-by-sections; fix \`metals.md\` → metals.md:1 (warning)
    `));
    const [first] = resolveNoteReferences(index, 'a.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(first.resolution.message, 'dead link: no note `ore.md`; renamed to metals.md? It has 4 of the 4 sections that links name under that name; no history says so');
    assert.strictEqual(first.resolution.fix?.confidence, 'medium', 'a guess from names: never applied by Fix All');
    // Written with a folder or without `.md`, the name is the same.
    assert.match(renderReferences(index, 'b.md'), /2: `old\/ore.md` alloys: dead_file renamed-by-sections; fix `metals.md` alloys → metals.md:4/);
    assert.match(renderReferences(index, 'b.md'), /3: `ore` rust: dead_file renamed-by-sections; fix `metals.md` rust → metals.md:5/);
  });

  it('names the note again when it lacks the section: the guess ends in a question, not in the note', () => {
    const { index } = memoryWorkspace({ ...notes, 'c.md': '# ⛩️\n🗄 `ore.md` smeltnig\n🗄 `ore.md` bronze casting' });
    const [typo, missing] = resolveNoteReferences(index, 'c.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(typo.resolution.message, "dead link: no note `ore.md`; renamed to metals.md? It has 4 of the 6 sections that links name under that name; no history says so; metals.md has no section 'smeltnig'; did you mean 'smelting'?");
    assert.strictEqual(missing.resolution.message, "dead link: no note `ore.md`; renamed to metals.md? It has 4 of the 6 sections that links name under that name; no history says so; metals.md has no section 'bronze casting', nor does any other note");
  });

  it('is another collection’s note when too few sections say so, when another note comes close, or when the note holding them links the name itself', () => {
    const few = memoryWorkspace({ ...notes, 'a.md': '# ⛩️\n🗄 `ore.md` patina\n🗄 `ore.md`', 'b.md': '# ⛩️\n' });
    assert.match(renderReferences(few.index, 'a.md'), /2: `ore.md` patina: external foreign-note/, 'one section is too few');
    const close = memoryWorkspace({ ...notes, 'alloys.md': '# ⛩️\n## patina\n## smelting\nALLOYS' });
    assert.match(renderReferences(close.index, 'a.md'), /2: `ore.md` patina: external foreign-note/, 'metals.md holds 4, alloys.md 3: not twice as many');
    const linking = memoryWorkspace({ ...notes, 'metals.md': `${notes['metals.md']}\n🗄 \`ore.md\`` });
    assert.match(renderReferences(linking.index, 'a.md'), /2: `ore.md` patina: external foreign-note/, 'metals.md links ore.md: another note');
  });

  it('is left to history when history knew the name, even where it has nothing to say of it', () => {
    const { index } = memoryWorkspace(notes);
    // Renamed to a note that is not here, and not deleted either: history knows no outcome.
    index.history = parseGitNameStatus(['', 'c1\n\nA\tore.md', 'c2\n\nR100\tore.md\tslag.md'].join('\0'));
    assert.doesNotMatch(renderReferences(index, 'a.md'), /renamed-by-sections/);
  });
});

describe('a note taken apart where no history says so (DIALECT §8.6, without history)', () => {
  // `pantry.md` was taken apart: its sections went to grains.md and jars.md, and links kept the old
  // name. Each of the two holds two of its sections that no other note has; `storage` is everywhere.
  const everywhere = Object.fromEntries(Array.from({ length: 12 }, (_, at) => [`misc/n${at}.md`, '# ⛩️\n## storage\n## rice']));
  const notes = {
    ...everywhere,
    'grains.md': '# ⛩️\n## sushi rice\n## oat groats\n## storage',
    'jars.md': '# ⛩️\n## mason lids\nWEIGHTS\n## storage',
    'a.md': '# ⛩️\n🗄 `pantry.md` sushi rice\n🗄 `pantry.md` oat groats\n🗄 `pantry.md` mason lids',
    'b.md': '# ⛩️\n🗄 `pantry.md` weights\n🗄 `pantry` rice\n🗄 `pantry.md` storage\n🗄 `pantry.md` vinegar\n🗄 `pantry.md`',
  };

  it('leads a link to the one part that has its section: a fix to review, a guess to look at for a section many notes have', () => {
    const { index } = memoryWorkspace(notes);
    assert.strictEqual(renderReferences(index, 'a.md'), dedent(`
      2: \`pantry.md\` sushi rice: dead_file split-by-sections; fix \`grains.md\` sushi rice → grains.md:2 (warning)
      3: \`pantry.md\` oat groats: dead_file split-by-sections; fix \`grains.md\` oat groats → grains.md:3 (warning)
      4: \`pantry.md\` mason lids: dead_file split-by-sections; fix \`jars.md\` mason lids → jars.md:2 (warning)
    `));
    const [first, , third] = resolveNoteReferences(index, 'a.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(first.resolution.message, "dead link: no note `pantry.md`; taken apart? grains.md has 'sushi rice', and 'oat groats' too, sections that links name under that name and few notes have; no history says so");
    assert.strictEqual(third.resolution.message, "dead link: no note `pantry.md`; taken apart? jars.md has 'mason lids', and 'weights' too, sections that links name under that name and few notes have; no history says so");
    assert.strictEqual(first.resolution.fix?.confidence, 'medium', 'a guess from names: never applied by Fix All');
    assert.deepStrictEqual(first.resolution.related.map((place) => `${place.path}: ${place.message}`), [
      "grains.md: has 'sushi rice' and 'oat groats', linked under `pantry.md`, which few notes have",
      "jars.md: has 'mason lids' and 'weights', linked under `pantry.md`, which few notes have",
    ]);
    const [weights, rice, storage, vinegar, whole] = resolveNoteReferences(index, 'b.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(renderResolution(weights.resolution), 'dead_file split-by-sections; fix `jars.md` weights → jars.md:3 (warning)');
    // `rice` is in twelve notes and neither part: nothing says where; `storage` is in both parts.
    assert.strictEqual(rice.resolution.kind, 'project-or-dir');
    assert.strictEqual(storage.resolution.kind, 'foreign-note');
    assert.strictEqual(vinegar.resolution.kind, 'foreign-note');
    assert.strictEqual(whole.resolution.kind, 'foreign-note');
  });

  it('is a guess to look at when the section is one many notes have, and the part holds it', () => {
    const { index } = memoryWorkspace({ ...notes, 'jars.md': '# ⛩️\n## mason lids\nWEIGHTS', 'c.md': '# ⛩️\n🗄 `pantry.md` storage' });
    const [storage] = resolveNoteReferences(index, 'c.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(renderResolution(storage.resolution), 'dead_file split-by-sections; fix `grains.md` storage → grains.md:4 (warning)');
    assert.strictEqual(storage.resolution.fix?.confidence, 'low');
  });

  it('names the other sections a part holds without the link’s own, however the link writes it (decomposed, as macOS may)', () => {
    const { index } = memoryWorkspace({
      ...everywhere,
      'grains.md': '# ⛩️\n## crème brûlée\n## oat groats',
      'a.md': '# ⛩️\n🗄 `pantry.md` crème brûlée\n🗄 `pantry.md` oat groats',
      'b.md': '# ⛩️\n🗄 `pantry.md` cre\u0300me bru\u0302le\u0301e',
    });
    const [pasted] = resolveNoteReferences(index, 'b.md', DEFAULT_RESOLVER_OPTIONS);
    assert.strictEqual(renderResolution(pasted.resolution), 'dead_file split-by-sections; fix `grains.md` cre\u0300me bru\u0302le\u0301e → grains.md:2 (warning)');
    assert.match(pasted.resolution.message, /grains\.md has 'cre\u0300me bru\u0302le\u0301e', and 'oat groats' too, sections/);
  });

  it('counts each heading of a path linked under the name', () => {
    const { index } = memoryWorkspace({ 'cereals.md': '# ⛩️\n## grains\n### oat groats', 'a.md': '# ⛩️\n🗄 `pantry.md` grains > oat groats' });
    assert.strictEqual(renderReferences(index, 'a.md'), '2: `pantry.md` grains > oat groats: dead_file split-by-sections; fix `cereals.md` grains > oat groats → cereals.md:3 (warning)');
  });

  it('is another collection’s note when each of its sections is in a different note, or the part links the name itself', () => {
    const scattered = memoryWorkspace({ ...notes, 'grains.md': '# ⛩️\n## sushi rice', 'rolled.md': '# ⛩️\n## oat groats' });
    assert.match(renderReferences(scattered.index, 'a.md'), /2: `pantry.md` sushi rice: external foreign-note/);
    assert.match(renderReferences(scattered.index, 'a.md'), /4: `pantry.md` mason lids: dead_file split-by-sections/, 'jars.md still holds two');
    const linking = memoryWorkspace({ ...notes, 'grains.md': `${notes['grains.md']}\n🗄 \`pantry.md\`` });
    assert.match(renderReferences(linking.index, 'a.md'), /2: `pantry.md` sushi rice: external foreign-note/, 'grains.md links pantry.md: another note');
  });
});

describe('a fix on a line near the length Torii reads (MAX_DIALECT_LINE)', () => {
  it('is not offered when it would make the line too long to be read, so that it would lead nowhere', () => {
    // A slip on `patina` at the end of a line of prose: the fix writes one letter more.
    const link = '🗄 `metals.md` patna';
    const at = (length: number) => {
      const line = `${'w'.repeat(length - link.length - 1)} ${link}`;
      const { index } = memoryWorkspace({ 'metals.md': '# ⛩️\n## patina\n', 'a.md': `# ⛩️\n${line}\n` });
      return resolveNoteReferences(index, 'a.md', DEFAULT_RESOLVER_OPTIONS).map((report) => renderResolution(report.resolution));
    };
    assert.deepStrictEqual(at(MAX_DIALECT_LINE - 1), ['dead_section typo; fix `metals.md` patina → metals.md:2 (warning)'], 'one character to spare');
    assert.deepStrictEqual(at(MAX_DIALECT_LINE), ['dead_section typo (warning)'], 'none to spare: no fix');
  });
});

describe('history (DIALECT §8.6 steps 1–2)', () => {
  const log = [
    '', 'c1\n\nA\tblades.md\nA\tbread.md\nA\tcarpentry/joinery.md\nA\tcraft/joinery/#meta.md',
    'c2\n\nR095\tblades.md\tkitchen/knives.md',
    'c3\n\nD\tbread.md\nA\tfood/bread/flour.md\nA\tfood/bread/starter.md',
    'c4\n\nR090\tcarpentry/joinery.md\tcraft/furniture/#meta.md',
  ].join('\0');

  it('reads renames, deletions and their heirs from git log --name-status', () => {
    const history = parseGitNameStatus(log);
    assert.deepStrictEqual([...history.renamedTo.entries()], [['blades.md', 'kitchen/knives.md'], ['carpentry/joinery.md', 'craft/furniture/#meta.md']]);
    assert.deepStrictEqual([...history.deleted.entries()], [['bread.md', ['food/bread/flour.md', 'food/bread/starter.md']]]);
  });

  it('turns a renamed note into dead_file/moved, a deleted one into split-or-deleted, and lets history beat a weak match', () => {
    const { index } = memoryWorkspace({
      'main.md': "🗄 `blades.md` burr\n🗄 `bread.md` feeding\n🗄 `joinery.md` dovetails\n🗄 `joinery.md` mortise",
      'kitchen/knives.md': '# ⛩️\nBURR',
      'food/bread/flour.md': '# ⛩️\n## rye',
      'food/bread/starter.md': '# ⛩️\n## feeding',
      'craft/joinery/#meta.md': '# ⛩️\n## mortise',
      'craft/furniture/#meta.md': '# ⛩️\n## dovetails',
    });
    index.history = parseGitNameStatus(log);
    assert.deepStrictEqual(
      index.getNote('main.md')!.note.references.map((reference) => renderResolution(resolveReference(index, 'main.md', reference))),
      [
        'dead_file moved; fix `knives.md` burr → kitchen/knives.md:2 (warning)',
        'dead_file split-or-deleted; fix `starter.md` feeding → food/bread/starter.md:2 (warning)',
        'dead_file moved; fix `furniture.md` dovetails → craft/furniture/#meta.md:2 (warning)',
        'resolved exact-heading → craft/joinery/#meta.md:2',
      ],
    );
  });
});
