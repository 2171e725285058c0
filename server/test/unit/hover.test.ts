import * as assert from 'assert';
import { computeHover } from '../../src/core/features/hover';
import { checkNote } from '../../src/core/features/check';
import { memoryWorkspace } from './support';

/** The hover at the `$0` cursor in `main.md` (the first note, written without indentation), as Markdown. */
function hoverAt(files: Record<string, string>): string {
  const main = Object.keys(files)[0];
  const before = files[main].slice(0, files[main].indexOf('$0')).split('\n');
  const { index } = memoryWorkspace({ ...files, [main]: files[main].replace('$0', '') });
  const hover = computeHover(index, main, { line: before.length - 1, character: before[before.length - 1].length }, { rootAliases: [] });
  assert.ok(hover, 'a hover');
  return hover!.markdown;
}

const notes = {
  'metals.md': `
    # ⛩️

    # 🔩 CARBON STEEL

    ## tempering
    heat to straw colour
  `,
  'kitchen/care.md': `
    # ⛩️

    ## rust removal
    * oxalic acid paste, then oil
  `,
  'bread/sourdough.md': `
    # ⛩️

    # 🍞 STARTER
  `,
};

describe('hover on a dead 🗄 link', () => {
  it('says what a dead section was meant to lead to and where the fix leads, not the diagnostic again', () => {
    const main = '# ⛩️\n\n🗄 `metals.md` rust re$0moval\n';
    const markdown = hoverAt({ 'main.md': main, ...notes });
    assert.strictEqual(markdown, [
      '🗄 **Dead section**: meant to lead to *rust removal* in **metals.md**  \nThat note has no such section: it moved to another note.',
      '**Fix** (a quick fix): \\`care.md\\` rust removal, which leads to kitchen/care.md:3',
      '```markdown\n## rust removal\n* oxalic acid paste, then oil\n```',
    ].join('\n\n'));
    const { index } = memoryWorkspace({ 'main.md': main.replace('$0', ''), ...notes });
    const [diagnostic] = checkNote(index, 'main.md');
    assert.ok(!markdown.includes(diagnostic.message), 'the diagnostic sentence is not repeated');
  });

  it('says only "perhaps" of a namesake nothing but its name ties to the link', () => {
    // Without history, a term in another part of the collection may be another section: the fix is not sure.
    const far = { 'garden/tools.md': '# ⛩️\n\n* _annealing_: soften the blade\n' };
    const markdown = hoverAt({ 'main.md': '# ⛩️\n\n🗄 `metals.md` anne$0aling\n', ...notes, ...far });
    assert.strictEqual(markdown.split('\n\n')[0], '🗄 **Dead section**: meant to lead to *annealing* in **metals.md**  \nThat note has no such section; another note has one of that name, perhaps where it moved.');
    assert.ok(markdown.includes('**Fix** (a quick fix): \\`tools.md\\` annealing, which leads to garden/tools.md:3'), markdown);
  });

  it('says of a note that became a folder when the section is in none of its notes but in another', () => {
    const split = { 'spices/salts.md': '# ⛩️\n\n## flaky salt\n', 'bbq.md': '# ⛩️\n\n## smoked paprika\n* in the rub\n', 'garden/herbs.md': '# ⛩️\n\n* _pale sage_: dried\n' };
    const sure = hoverAt({ 'main.md': '# ⛩️\n\n🗄 `spices.md` smoked pap$0rika\n', ...split });
    assert.strictEqual(sure.split('\n\n')[0], '🗄 **Dead link**: meant to lead to the note `spices.md`, section *smoked paprika*  \nThe note became a folder of notes; none of them has that section, another note has it.');
    assert.ok(sure.includes('- spices/salts.md:1: a note of the folder spices/'), `the folder's notes, which a link can open, not the folder: ${sure}`);
    const perhaps = hoverAt({ 'main.md': '# ⛩️\n\n🗄 `spices.md` pale s$0age\n', ...split });
    assert.ok(perhaps.startsWith('🗄 **Dead link**: meant to lead to the note `spices.md`, section *pale sage*  \nThe note became a folder of notes; none of them has that section, another note has it, perhaps where it moved.'), perhaps);
    const inFolder = hoverAt({ 'main.md': '# ⛩️\n\n🗄 `spices.md` flaky s$0alt\n', ...split });
    assert.ok(inFolder.startsWith('🗄 **Dead link**: meant to lead to the note `spices.md`, section *flaky salt*  \nThe note became a folder of notes.'), inFolder);
  });

  it('says which note a dead file part was meant to be, why it is missing, and shows the fix', () => {
    assert.strictEqual(hoverAt({ 'main.md': '# ⛩️\n\n🗄 `sourdo$0uh.md` starter\n', ...notes }), [
      '🗄 **Dead link**: meant to lead to the note `sourdouh.md`, section *starter*  \nNo note has that name.',
      '**Fix** (a quick fix): \\`sourdough.md\\` starter, which leads to bread/sourdough.md:3',
      '```markdown\n# 🍞 STARTER\n```',
    ].join('\n\n'));
  });

  it('names the fixes to pick when a few notes could be meant', () => {
    const markdown = hoverAt({ 'main.md': "# ⛩️\n\n🗄 'strop$0ping'\n", 'kitchen/care.md': '# ⛩️\n## stropping', 'tools/leather.md': '# ⛩️\n## stropping' });
    assert.match(markdown, /\*\*Fixes to pick\*\* \(quick fixes, nothing tells which was meant\): \\`care\.md\\` 'stropping' \(kitchen\/care\.md\), \\`leather\.md\\` 'stropping' \(tools\/leather\.md\)$/);
  });

  it('says a note renamed without history seems renamed, and why', () => {
    const markdown = hoverAt({
      'main.md': '# ⛩️\n\n🗄 `o$0re.md` tempering\n🗄 `ore.md` carbon steel\n',
      'b.md': '🗄 `ore.md` quenching',
      'metals.md': '# ⛩️\n\n# 🔩 CARBON STEEL\n\n## quenching\n\n## tempering\nheat to straw colour\n',
    });
    assert.match(markdown, /^🗄 \*\*Dead link\*\*: meant to lead to the note `ore\.md`, section \*tempering\*  \nThe note was renamed, it seems \(no history says so\): one note holds most of the sections that links name under this name\./);
    assert.match(markdown, /\*\*Fix\*\* \(a quick fix\): \\`metals\.md\\` tempering, which leads to metals\.md:7/);
  });

  it('says a note taken apart without history seems taken apart, and lists its parts', () => {
    const markdown = hoverAt({
      'main.md': '# ⛩️\n\n🗄 `pan$0try.md` sushi rice\n🗄 `pantry.md` oat groats\n',
      'b.md': '🗄 `pantry.md` mason lids\n🗄 `pantry.md` weights',
      'grains.md': '# ⛩️\n\n## sushi rice\nshort grain\n\n## oat groats\n',
      'jars.md': '# ⛩️\n\n## mason lids\n\nWEIGHTS\n',
    });
    assert.match(markdown, /^🗄 \*\*Dead link\*\*: meant to lead to the note `pantry\.md`, section \*sushi rice\*  \nThe note was taken apart, it seems \(no history says so\): the notes below each hold several of the sections that links name under this name, sections few notes have\./);
    assert.match(markdown, /- grains\.md:1: has 'sushi rice' and 'oat groats', linked under \\`pantry\.md\\`, which few notes have\n\n- jars\.md:1: has 'mason lids' and 'weights'/);
    assert.match(markdown, /\*\*Fix\*\* \(a quick fix\): \\`grains\.md\\` sushi rice, which leads to grains\.md:3/);
  });

  it('names the section a quick fix would create when no other place has it, and says so when no fix is known', () => {
    const markdown = hoverAt({ 'main.md': '# ⛩️\n\n🗄 `metals.md` quen$0ching oil\n', ...notes });
    assert.match(markdown, /^🗄 \*\*Dead section\*\*: meant to lead to \*quenching oil\* in \*\*metals\.md\*\*  \nThat note has no heading, ALL-CAPS line or term of that name\./);
    assert.match(markdown, /_No other note or section has it\._ \*\*Quick fix\*\*: Create section 'quenching oil' at the end of metals\.md$/);
    // `#` as a heading reads as no heading: nothing to create, and no fix.
    assert.match(hoverAt({ 'main.md': '# ⛩️\n\n🗄 `metals.md` $0#\n', ...notes }), /_No fix is known\._$/);
  });
});

describe('hover on a name linked from note after note', () => {
  it('says it is not a note here, why, and the near note to look at, with its place', () => {
    const markdown = hoverAt({
      'a.md': '# ⛩️\n\n🗄 `mo$0ney.md`\n',
      'b.md': '🗄 `money.md`',
      'c.md': '🗄 `money.md` taxes',
      'craft/honey.md': '# ⛩️\n',
    });
    assert.strictEqual(markdown, [
      '🗄 **Not a note here** (foreign-note)  \n\\`money.md\\` is not in this workspace (a note of another collection? 3 notes link it so; craft/honey.md has a name this close)',
      'Fix: \\`honey.md\\` → craft/honey.md:1',
      '- craft/honey.md:1: a note with a name this close',
    ].join('\n\n'));
  });
});
