#!/usr/bin/env node
// Grammar tests for Torii's TextMate injection grammars.
//
//   node syntaxes/test/run.js [vscode-tmgrammar-test options] [test files/globs]
//
// With no file arguments it runs syntaxes/test/*.test.md. It exits non-zero when an assertion
// fails, when the generated grammars are stale (syntaxes/src/torii.injection.grammar.js --check)
// or when VS Code's grammars are missing.
//
// An injection grammar can only be tested together with the grammar it injects into, so the
// tests run against VS Code's own grammars: every grammar the built-in extensions of the VS Code
// that code-server ships contribute (Markdown itself, the languages of fenced code blocks and
// markdown-math's injections into Markdown). `bash scripts/e2e/install.sh` installs code-server
// into .vscode-test/web; TORII_VSCODE_EXTENSIONS may point at another VS Code `extensions` folder.
//
// Torii's own grammars are taken from package.json `contributes.grammars` (so the test also checks
// that wiring: path, scopeName, injectTo). Until package.json contributes them, the files in
// syntaxes/ are used with injectTo text.html.markdown, and a note says so.
//
// vscode-tmgrammar-test's -g option cannot load an injection grammar (it drops injectTo), hence
// the generated --config file.
//
// Writing a test (*.test.md, see node_modules/vscode-tmgrammar-test/README.md):
// * the first line is `<!-- SYNTAX TEST "text.html.markdown" "description"`, with no closing
//   `-->` (the tool's header pattern rejects it); assertion lines start with `<!--`, cannot contain
//   `-->` either, and are removed before the rest is tokenized;
// * `<!--   ^^^ scope` asserts the columns under the carets, `<!-- <~~~--- scope` asserts 3 columns
//   from column 3 (the only way to reach columns 0-3, which `<!--` covers);
// * columns are UTF-16 code units, as in vscode-textmate and LSP: 🗄 📙 📚 take 2, a VS16 (U+FE0F)
//   and ✅ ❌ ❓ ⭐ take 1, so `🗄️ x` has x at column 4;
// * `scope - other` also asserts that no token in the range has `other`; both are exact scope
//   names (`meta.reference.torii`, not a prefix);
// * blank lines between cases keep Markdown's list and paragraph state from leaking.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const fail = (msg) => {
  console.error(`torii grammar tests: ${msg}`);
  process.exit(2);
};

// 1. The generated grammars must match their source.
const check = spawnSync(process.execPath, [path.join(root, 'syntaxes', 'src', 'torii.injection.grammar.js'), '--check'], {
  stdio: 'inherit',
});
if (check.status !== 0) process.exit(1);

// 2. VS Code's built-in grammars.
const extDir =
  process.env.TORII_VSCODE_EXTENSIONS ||
  path.join(root, '.vscode-test', 'web', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
if (!fs.existsSync(path.join(extDir, 'markdown-basics', 'package.json'))) {
  fail(`VS Code's Markdown grammar was not found in ${path.relative(root, extDir)}: run 'bash scripts/e2e/install.sh' first (it installs code-server), or set TORII_VSCODE_EXTENSIONS to a VS Code 'extensions' folder`);
}
const grammars = [];
for (const ext of fs.readdirSync(extDir).sort()) {
  const pkgPath = path.join(extDir, ext, 'package.json');
  if (!fs.existsSync(pkgPath)) continue;
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  for (const g of (pkg.contributes && pkg.contributes.grammars) || []) {
    const file = path.join(extDir, ext, g.path);
    if (fs.existsSync(file)) grammars.push({ ...g, path: file });
  }
}

// 3. Torii's grammars, as package.json contributes them.
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
let torii = ((rootPkg.contributes && rootPkg.contributes.grammars) || [])
  .filter((g) => /^torii\./.test(g.scopeName || ''))
  .map((g) => ({ ...g, path: path.join(root, g.path) }));
if (torii.length === 0) {
  console.error('torii grammar tests: note: package.json contributes no torii.* grammar yet; testing the files in syntaxes/ directly');
  torii = [
    ['torii.markdown.injection', 'torii.injection.tmLanguage.json'],
    ['torii.markdown.inline.injection', 'torii.inline.injection.tmLanguage.json'],
  ].map(([scopeName, file]) => ({ scopeName, path: path.join(root, 'syntaxes', file), injectTo: ['text.html.markdown'] }));
}
for (const g of torii) if (!fs.existsSync(g.path)) fail(`${path.relative(root, g.path)} (contributed for ${g.scopeName}) does not exist`);
grammars.push(...torii);

// 4. Run vscode-tmgrammar-test with a generated configuration (paths relative to it, as the
// tool joins them onto the configuration's folder).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-grammar-test-'));
let status = 1;
try {
  const config = path.join(tmp, 'package.json');
  const rel = (p) => path.relative(tmp, p);
  // Grammars include languages that VS Code has no grammar for either (source.scala, …): give
  // those an empty grammar, as vscode-tmgrammar-test would otherwise warn about each one.
  const known = new Set(grammars.map((g) => g.scopeName));
  const missing = new Set();
  for (const g of grammars) {
    const text = fs.readFileSync(g.path, 'utf8');
    for (const m of text.matchAll(/"include"\s*:\s*"([^"#$][^"#]*)/g)) if (!known.has(m[1])) missing.add(m[1]);
  }
  const stub = path.join(tmp, 'empty.tmLanguage.json');
  fs.writeFileSync(stub, JSON.stringify({ scopeName: 'torii.test.empty', patterns: [] }));
  for (const scopeName of missing) grammars.push({ scopeName, path: stub });
  fs.writeFileSync(config, JSON.stringify({ contributes: { grammars: grammars.map((g) => ({ ...g, path: rel(g.path) })) } }));
  const args = process.argv.slice(2);
  const hasFiles = args.some((a, i) => !a.startsWith('-') && !['--config', '--xunit-report', '--xunit-format', '-g', '--grammar'].includes(args[i - 1]));
  const testPkg = require.resolve('vscode-tmgrammar-test/package.json', { paths: [root] });
  const cli = path.join(path.dirname(testPkg), require(testPkg).bin['vscode-tmgrammar-test']);
  const run = spawnSync(process.execPath, [cli, '--config', config, ...args, ...(hasFiles ? [] : ['syntaxes/test/*.test.md'])], {
    cwd: root,
    stdio: 'inherit',
  });
  status = run.status === 0 ? 0 : 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
