import * as assert from 'assert';
import MarkdownIt = require('markdown-it');
import { toriiMarkdownIt, type PreviewModel } from '../../src/preview/markdownItPlugin';
import type { PreviewDto } from '../../../server/src/lsp/protocol';

const NOTE = [
  '# ⛩️',
  '',
  '## 参考',
  '',
  "🗄 `metals.md` 'patina' `care.md` rust removal",
  '🗄 `chemistry.md` Maillard',
  '📚',
  '* McGee on food and cooking',
  '',
  '# 🍳 PANS',
  '',
  '* seasoning, see 🗄 `metals.md` patina, and *then* 📙 McGee [12]',
].join('\n');

/** A preview of NOTE: where its targets lead, as the server would say. */
function model(overrides: Partial<PreviewDto> = {}): PreviewModel {
  const data: PreviewDto = {
    uri: 'file:///kb/kitchen/pans.md',
    references: [
      { line: 4, start: 3, end: 23, status: 'resolved', kind: 'exact-heading', message: '', target: { uri: 'file:///kb/craft/metals.md', line: 6, anchorText: 'patina' } },
      { line: 4, start: 24, end: 46, status: 'dead_section', kind: 'moved-section', message: "dead section: `care.md` has no section 'rust removal'", fix: { uri: 'file:///kb/kitchen/storage.md', line: 9, label: '`storage.md` rust removal' } },
      { line: 5, start: 3, end: 26, status: 'external', kind: 'foreign-note', message: '`chemistry.md` is not in this workspace' },
      { line: 11, start: 20, end: 38, status: 'resolved', kind: 'exact-heading', message: '', target: { uri: 'file:///kb/craft/metals.md', line: 6, anchorText: 'patina' } },
    ],
    citations: [{ line: 11, start: 54, end: 59, author: 'McGee', titles: 1, book: { uri: 'file:///kb/kitchen/pans.md', line: 7, author: 'McGee', title: 'on food and cooking' } }],
    bookEntries: [{ line: 7, author: 'McGee', title: 'on food and cooking', citations: [{ uri: 'file:///kb/kitchen/pans.md', line: 11, label: 'pans.md:12' }], unattributed: [] }],
    ...overrides,
  };
  return {
    data,
    lines: NOTE.split('\n'),
    hrefTo: (place) => `${place.uri.replace('file:///kb/', '../')}#L${place.line + 1}`,
    describe: (place) => `${place.uri.replace('file:///kb/', '')}:${place.line + 1}`,
  };
}

function render(text: string, preview: PreviewModel | undefined): string {
  const md = toriiMarkdownIt(new MarkdownIt({ html: true }), () => preview);
  return md.render(text);
}

describe('the Markdown preview plugin', () => {
  it('makes a resolved 🗄 target a link to the section’s line, file part and section together', () => {
    const html = render(NOTE, model());
    assert.ok(html.includes('🗄 <a href="../craft/metals.md#L7" class="torii-ref torii-live" title="→ craft/metals.md:7 › patina"><code>metals.md</code> \'patina\'</a> '), html);
  });

  it('styles a dead target as dead, with why and the fix in its title, and an outside one as outside', () => {
    const html = render(NOTE, model());
    assert.ok(html.includes('<span class="torii-ref torii-dead" title="dead section: `care.md` has no section \'rust removal\'\nFix: change it to `storage.md` rust removal (kitchen/storage.md:10), with the quick fix (Ctrl+.) in the editor"><code>care.md</code> rust removal</span>'), html);
    assert.ok(html.includes('<span class="torii-ref torii-external" title="`chemistry.md` is not in this workspace"><code>chemistry.md</code> Maillard</span>'), html);
  });

  it('finds targets in list items after emphasis, and 📙 authors, by their columns in the source line', () => {
    const html = render(NOTE, model());
    assert.ok(html.includes('see 🗄 <a href="../craft/metals.md#L7" class="torii-ref torii-live" title="→ craft/metals.md:7 › patina"><code>metals.md</code> patina</a>, and <em>then</em> 📙 <a href="../kitchen/pans.md#L8" class="torii-cite" title="📚 McGee on food and cooking (kitchen/pans.md:8)">McGee</a> [12]'), html);
  });

  it('follows a 📚 entry with links to its citations, and to those that do not say which book with a question mark', () => {
    const html = render(NOTE, model());
    assert.ok(html.includes('<li>McGee on food and cooking<span class="torii-cited" title="Where McGee on food and cooking is cited with 📙">📙 <a href="../kitchen/pans.md#L12" title="kitchen/pans.md:12">pans.md:12</a></span></li>'), html);
    const unsure = model();
    unsure.data.bookEntries[0].unattributed = [{ uri: 'file:///kb/kitchen/knives.md', line: 3, label: 'knives.md:4' }];
    assert.ok(render(NOTE, unsure).includes('pans.md:12</a> · <a href="../kitchen/knives.md#L4" title="kitchen/knives.md:4: cites McGee without saying which book">knives.md:4?</a></span>'));
    const many = model();
    many.data.bookEntries[0].moreCitations = 40;
    many.data.bookEntries[0].moreUnattributed = 2;
    assert.ok(render(NOTE, many).includes('pans.md:12</a><span class="torii-more" title="The Books view lists every citation"> · 42 more</span></span>'));
  });

  it('renders plain Markdown when it has no data yet, and when the text no longer matches the data', () => {
    const plain = new MarkdownIt({ html: true }).render(NOTE);
    assert.strictEqual(render(NOTE, undefined), plain);
    const edited = NOTE.replace("🗄 `metals.md` 'patina'", "🗄 `metal.md` 'patina'");
    const stale = model();
    stale.lines = edited.split('\n');
    assert.ok(!render(edited, stale).includes('<code>metal.md</code> \'patina\'</a>'), 'a target whose text moved is not linked');
  });

  it('shows a double-encoded note repaired, under a banner', () => {
    const garbled = '# ‚õ©Ô∏è\n\n\uf8ffüóÑ `metals.md`';
    const preview = model({ references: [], citations: [], bookEntries: [], repairedText: '# ⛩️\n\n🗄 `metals.md`' });
    preview.lines = garbled.split('\n');
    const html = render(garbled, preview);
    assert.ok(html.startsWith('<div class="torii-banner"'), html);
    assert.ok(html.includes('<h1>⛩️</h1>') && html.includes('🗄 <code>metals.md</code>') && !html.includes('‚õ©'), html);
  });

  it('leaves the parsed tokens as they were, so the next render starts clean', () => {
    const md = toriiMarkdownIt(new MarkdownIt({ html: true }), () => model());
    const tokens = md.parse(NOTE, {});
    const before = JSON.stringify(tokens);
    md.renderer.render(tokens, md.options as Required<typeof md.options>, {});
    assert.strictEqual(JSON.stringify(tokens), before);
  });
});
