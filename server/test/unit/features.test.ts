import * as assert from 'assert';
import { parseNote } from '../../src/core/syntax/parseNote';
import { computeFoldingRanges } from '../../src/core/features/folding';
import { computeSemanticTokens } from '../../src/core/features/semanticTokens';
import { dedent, memoryWorkspace } from './support';

/** Folding ranges rendered as `start-end text-of-start-line [kind]`. */
function checkFolding(text: string, expected: string): void {
  const clean = dedent(text);
  const lines = clean.split('\n');
  const rendered = computeFoldingRanges(parseNote('n.md', clean), (line) => lines[line] ?? '').map((range) => `${range.startLine + 1}-${range.endLine + 1} ${lines[range.startLine]}${range.kind ? ` [${range.kind}]` : ''}`);
  assert.strictEqual(rendered.join('\n'), dedent(expected));
}

describe('folding ranges', () => {
  it('folds sections at every level, ALL-CAPS blocks, 📚 lists and the raw body below ---, never the title', () => {
    checkFolding(`
      # ⛩️

      ## 参考

      📚
      * McGee on food
      * Lopez food lab

      # 🔪 KNIVES

      head

      ---

      BURR
      * _burr_: lip

      ## sharpening
      text
    `, `
      3-7 ## 参考
      5-7 📚
      9-19 # 🔪 KNIVES
      13-16 --- [region]
      15-16 BURR
      18-19 ## sharpening
    `);
  });
});

describe('semantic tokens', () => {
  it('marks dead, external and resolved 🗄 targets and unknown 📙 authors', () => {
    const { index } = memoryWorkspace({
      'main.md': "🗄 `metals.md` patina\n🗄 `metals.md` rust\n🗄 `physics.md`\n📙 McGee [4]\n📙 Nobody [5]",
      'metals.md': '# ⛩️\n## patina',
      'reading.md': '📚\n* McGee on food',
    });
    const lines = "🗄 `metals.md` patina\n🗄 `metals.md` rust\n🗄 `physics.md`\n📙 McGee [4]\n📙 Nobody [5]".split('\n');
    const rendered = computeSemanticTokens(index, 'main.md', { rootAliases: [] }).map((token) => `${lines[token.line].slice(token.start, token.start + token.length)} ${[token.type, ...token.modifiers].join('+')}`);
    assert.deepStrictEqual(rendered, [
      'metals.md namespace', 'patina property',
      'metals.md namespace', 'rust property+deprecated+dead',
      'physics.md namespace+external',
      'McGee type', 'Nobody type+unknown',
    ]);
  });
});
