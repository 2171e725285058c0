#!/usr/bin/env node
'use strict';
// A workspace of two folders, each the other's sibling collection (DIALECT §8.6), as an editor
// holds it: how long the server stays busy after each keystroke in the small folder, while a
// large folder sits beside it.
//
//   node bench/siblings.js [--small real] [--large 10k] [--edits 8] [--alone] [--repo DIR]
//
// The small folder is opened first (one of its notes open in the editor), then the large one is
// added as the workspace's second folder; once both are read and checked, a character is typed on
// the open note's second line, `--edits` times, each time waiting until `torii/status` says no
// check is pending (every diagnostic the edit can change is out, and every recheck it queued is
// done). The median of those waits is the figure. It includes the pause the server waits for
// after typing before it rechecks other notes: `--alone` leaves the large folder out, to measure
// that floor in the same minutes.
//
// The workspaces are bench/generate.js's (`real`: 66 notes of real size; `1k`, `10k`), made when
// missing; the small one is copied to a temporary folder, so the edits never touch it. The server
// and the client are those of `--repo` (default: this checkout), built (`npm run build`) and with
// its tests compiled (`npx tsc -p tsconfig.test.json`): `--repo ../base` measures another build.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { pathToFileURL } = require('url');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const repo = path.resolve(option('--repo', ROOT));
const small = option('--small', 'real');
const large = option('--large', '10k');
const edits = Math.max(1, Number(option('--edits', '8')));
const alone = args.includes('--alone');

/** bench/generate.js's workspace of that size, generated when missing. */
function workspace(size) {
  const dir = path.join(ROOT, 'bench', 'workspaces', size);
  if (fs.existsSync(dir)) return dir;
  const generate = size === 'real' ? ['--notes', '65', '--scale', '4.8'] : ['--notes', String(Number(size.replace(/k$/, '')) * (size.endsWith('k') ? 1000 : 1))];
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'generate.js'), ...generate, '--out', dir], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  return dir;
}

/** The first note of a folder, by path. */
function firstNote(root, folder = '') {
  for (const name of fs.readdirSync(path.join(root, folder)).sort()) {
    const relative = folder ? `${folder}/${name}` : name;
    const stat = fs.statSync(path.join(root, relative));
    if (stat.isDirectory()) {
      const found = firstNote(root, relative);
      if (found) return found;
    } else if (name.endsWith('.md')) return relative;
  }
  return undefined;
}

async function main() {
  const lspClient = path.join(repo, 'out', 'server', 'test', 'protocol', 'lspClient.js');
  if (!fs.existsSync(lspClient)) throw new Error(`${lspClient} is missing: run npx tsc -p tsconfig.test.json in ${repo}`);
  const { TestClient } = require(lspClient);
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-siblings-bench-'));
  const smallCopy = path.join(top, small);
  fs.cpSync(workspace(small), smallCopy, { recursive: true });
  const largeDir = alone ? undefined : workspace(large);
  const client = new TestClient(smallCopy);
  try {
    await client.initialize();
    const note = firstNote(smallCopy);
    await client.open(note);
    if (largeDir) await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(largeDir).href, name: large }], removed: [] } });
    const idle = async () => {
      for (;;) {
        const status = await client.request('torii/status', {});
        if (status.folders.length === (largeDir ? 2 : 1) && status.folders.every((folder) => folder.loaded) && status.pendingChecks === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const started = Date.now();
    await idle();
    console.log(`${path.basename(repo)}: ${small}${largeDir ? ` beside ${large}` : ' alone'}: every note checked ${Date.now() - started} ms after the folder was added`);
    const waits = [];
    for (let version = 2; version < 2 + edits; version++) {
      const start = Date.now();
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(note), version }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x' }] });
      await idle();
      waits.push(Date.now() - start);
    }
    waits.sort((a, b) => a - b);
    console.log(`${path.basename(repo)}: a key typed in ${note} → the server idle, ${edits} keys: median ${waits[Math.floor(waits.length / 2)]} ms (${waits.join(', ')})`);
  } finally {
    await client.shutdown();
    fs.rmSync(top, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
