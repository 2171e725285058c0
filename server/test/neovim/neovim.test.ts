import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { SERVER, TestClient } from '../protocol/lspClient';

interface NeovimResult {
  errors: string[];
  initialized: boolean;
  got_diagnostics: boolean;
  diagnostics: Array<{ line: number; col: number; severity: number; message: string; code: string }>;
  symbols: Array<{ name: string; kind: number; children: string[] }>;
  definition?: { uri: string; line: number };
  highlights?: Array<{ line: number; kind: number }>;
  renamed?: { exists: boolean; gone: boolean; line: string };
  version: [number, number, number];
  new_folder?: { refused: string | null; moved: boolean; line: string };
  link_completion: string[];
  author?: { refused: string | null; line: string; other: string[] };
}

/** Another LSP client than our own: Neovim's built-in one, headless (`nvim --headless --clean`). */
describe('language server in Neovim (headless, built-in LSP client)', function () {
  this.timeout(60000);

  it('gets symbols, a definition, occurrences and diagnostics over stdio, renames an author, and renames a note from a link', function () {
    // npm test sets this, and says so, when Neovim is missing and cannot be installed here.
    if (process.env.TORII_SKIP_NEOVIM) this.skip();
    const nvim = cp.spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.ok(nvim.status === 0, 'Neovim is needed for this test: `apt-get install neovim` (npm test installs it when run as root)');
    const root = TestClient.copySample();
    const out = path.join(os.tmpdir(), `torii-nvim-${process.pid}.json`);
    try {
      const run = cp.spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(__dirname, '..', '..', '..', '..', 'server', 'test', 'neovim', 'torii-lsp.lua')}`], {
        env: { ...process.env, TORII_SERVER: SERVER, TORII_ROOT: root, TORII_OUT: out },
        encoding: 'utf8',
        timeout: 50000,
      });
      assert.ok(fs.existsSync(out), `Neovim wrote no result (status ${run.status}): ${run.stderr}`);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
      assert.deepStrictEqual(result.errors, []);
      assert.ok(result.initialized, 'the client initialized');
      assert.ok(result.got_diagnostics, 'diagnostics arrived');
      const typo = result.diagnostics.find((diagnostic) => /no section 'tempring'/.test(diagnostic.message));
      assert.ok(typo, JSON.stringify(result.diagnostics));
      assert.strictEqual(typo!.severity, 2);
      assert.strictEqual(typo!.code, 'dead-section');
      assert.ok(result.symbols.length >= 2 && result.symbols.some((symbol) => symbol.children.length > 0), JSON.stringify(result.symbols));
      assert.deepStrictEqual(result.definition, { uri: pathToFileURL(path.join(root, 'craft', 'forge', 'metals.md')).href, line: 41 });
      // The one link to `metals.md` tempering in tools.md, read (2).
      const tools = fs.readFileSync(path.join(root, 'craft', 'forge', 'tools.md'), 'utf8').split('\n');
      assert.deepStrictEqual(result.highlights, [{ line: tools.findIndex((line) => line.includes('`metals.md` tempering')), kind: 2 }]);
      // Completion in a bare 🗄 list's new item: a note tools.md links comes first.
      const linked = new Set([...tools.join('\n').matchAll(/`([^`]+\.md)`/g)].map((match) => match[1].replace(/^.*\//, '')));
      assert.ok(result.link_completion.length > 0 && linked.has(result.link_completion[0].replace(/^.*\//, '')), `${result.link_completion.slice(0, 5).join(', ')} (tools.md links ${[...linked].join(', ')})`);
      // F2 on the author of a 📚 entry: this line, and the citations of a note that was not open.
      const cookware = fs.readFileSync(path.join(root, 'kitchen', 'cookware.md'), 'utf8').split('\n').filter((line) => line.includes('Halvorsen'));
      assert.deepStrictEqual(result.author, {
        refused: null,
        line: tools.find((line) => line.includes('Halvorsen iron'))!.replace('Halvorsen', 'Halvorsen-Berg'),
        other: cookware.map((line) => line.replace('Halvorsen', 'Halvorsen-Berg')),
      });
      // F2 on `knives.md`, blades/knives.md typed: a folder to make, which Neovim makes from 0.10 on.
      const makers = tools.find((line) => line.includes('`knives.md` makers'))!;
      if (result.version[0] === 0 && result.version[1] < 10) {
        assert.deepStrictEqual(result.new_folder, { refused: `Neovim ${result.version.join('.')} cannot rename a file into a folder that does not exist yet: create kitchen/blades first, then rename.`, moved: false, line: makers });
      } else {
        assert.deepStrictEqual(result.new_folder, { refused: null, moved: true, line: makers.replace('`knives.md`', '`blades/knives.md`') });
      }
      // F2 on `metals.md`, steels.md typed: Neovim renames the file and rewrites the link from the one edit.
      assert.deepStrictEqual(result.renamed, { exists: true, gone: true, line: tools[tools.findIndex((line) => line.includes('`metals.md` tempering'))].replace('`metals.md`', '`steels.md`') });
    } finally {
      fs.rmSync(out, { force: true });
      fs.rmSync(path.dirname(root), { recursive: true, force: true });
    }
  });
});
