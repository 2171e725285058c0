#!/usr/bin/env node
// Benchmarks the language server as a client sees it, on generated workspaces:
//
// - an editor opens one note as soon as the server is initialized → that note's diagnostics
//   (the whole folder read from disk and indexed first), and → every note's diagnostics;
// - peak RSS with that one note open;
// - documentSymbol and definition latency (p50/p95) on notes opened one at a time;
// - edit → diagnostics latency on the 74 KB note (p50/p95), and documentHighlight there as the
//   cursor moves (p50/p95); 📙 completion there, the first (which reads the books of every author
//   it offers) and the next ones (p50/p95), and at each key of an author typed after a citation;
//   🗄 completion there, right after the backtick (every note a candidate) and at each key of a
//   note's name;
// - peak RSS after the client opened every note of the folder (as some clients do).
//
// Every time is printed also as a multiple of the floor of the same workspace, measured in the
// same run (bench/floor.js: read, decode, split and regex-scan every note on one core, best of
// 3): the machine is shared, so absolute times vary by a third between runs; the ratio is the
// verdict. The size `real` is a collection of real size (66 notes, 2.3 MB: 65 generated notes
// of 4.8 times the usual length, plus the big note).
//
// The diagnostics every note has once all are published are compared with a saved baseline
// (`--save-expected` writes it, from the server given by `--server`), so an optimisation of the
// server's own path is held to identical output as `torii check` is by bench/identity.js.
//
//   node bench/lsp.js [--sizes real,1k,10k] [--requests 200] [--edits 50] [--server dist/server.js]
//                     [--save-expected] [--no-open-all] [--profile-dir DIR] [--cache] [--node-args "ARGS"]
//                     [--runs N]
//
// The server is started with the Node arguments VS Code starts it with (`torii.serverNodeArgs`
// in package.json); `--node-args "ARGS"` gives others (`--node-args ""`: none).
//
// `--cache` runs each size twice with the same index cache folder (a new temporary one): first
// as a folder never opened before (the server writes its index cache once the diagnostics are
// out), then as the same folder opened again (the server reads the cache, and only the notes
// changed since from disk). The second run is reported as `<size>+cache`.
//
// `--runs N` runs every size N times in turn (each with its own floor) and ends with the median
// and the range of each target's figure: on a shared machine one run's ratio can land on either
// side of a target, and the median of several is the fairer verdict.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const { measureFloor, withRatio } = require('./floor');
const { median, percentile } = require('./stats');

const repo = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('--sizes', 'real,1k,10k').split(',');
const requestCount = Number(option('--requests', '200'));
const editCount = Number(option('--edits', '50'));
const serverPath = path.resolve(repo, option('--server', 'dist/server.js'));
const saveExpected = args.includes('--save-expected');
const openAll = !args.includes('--no-open-all');
const withCache = args.includes('--cache');
const runCount = Math.max(1, Number(option('--runs', '1')));
const serverNodeArgs = (option('--node-args', undefined) ?? require(path.join(repo, 'package.json')).torii.serverNodeArgs.join(' ')).split(/\s+/).filter(Boolean);
const EXPECTED = path.join(repo, 'bench', 'workspaces', 'expected');

/** The targets of issue 12, for the 10k workspace and the real-sized one. */
const TARGETS = {
  openOneOverFloor: 8,
  peakOneOpenMb: 200,
  peakAllOpenMb: 350,
  editP50Ms: 10,
  realAllSeconds: 0.15,
};

/**
 * The start floor: Node starting the server (its bundle loaded, the protocol set up) and the
 * server stopping at once on an empty input, best of three. No server answers sooner than this;
 * the real-sized target is read beside it.
 */
function measureStartFloor() {
  const times = [];
  for (let pass = 0; pass < 3; pass++) {
    const started = process.hrtime.bigint();
    // Without a trace (TORII_TRACE would start the file again, losing the real run's).
    const { TORII_TRACE: _trace, ...env } = process.env;
    cp.spawnSync(process.execPath, [...serverNodeArgs, serverPath, '--stdio'], { input: '', stdio: ['pipe', 'ignore', 'ignore'], env });
    times.push(seconds(started));
  }
  return Math.min(...times);
}

function listNotes(root) {
  const found = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

/** A deterministic sequence, so every run asks the same questions. */
function* numbers(seed) {
  let state = seed >>> 0;
  for (;;) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    yield ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

function peakRssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return NaN;
  }
}

function ensureWorkspace(size) {
  const root = path.join(repo, 'bench', 'workspaces', size);
  if (fs.existsSync(path.join(root, '.torii-bench.json'))) return root;
  const generateArgs = size === 'real' ? ['--notes', '65', '--scale', '4.8'] : ['--notes', String(size.endsWith('k') ? Number(size.slice(0, -1)) * 1000 : Number(size))];
  cp.execFileSync(process.execPath, [path.join(repo, 'bench', 'generate.js'), ...generateArgs, '--out', root], { stdio: 'inherit' });
  return root;
}

const seconds = (since) => Number(process.hrtime.bigint() - since) / 1e9;

async function benchSize(size, cacheFolder, label = size) {
  const root = ensureWorkspace(size);
  const notes = listNotes(root);
  const floor = measureFloor(root);
  console.log(`${size}: ${notes.length} notes; floor ${withRatio(floor.seconds, 0)} (best of ${floor.passes.length}: ${floor.passes.map((s) => s.toFixed(3)).join(', ')} s)`);
  const profile = option('--profile-dir', undefined);
  const nodeArgs = [...serverNodeArgs, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const server = cp.spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const published = new Map();
  const waiters = [];
  let allPublished;
  const allDone = new Promise((resolve) => (allPublished = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params.diagnostics);
    if (published.size >= notes.length) allPublished();
    for (const waiter of [...waiters]) if (waiter.uri === params.uri && (waiter.version === undefined || params.version === waiter.version)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const publishedFor = (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve }));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('$/progress', () => undefined);
  let indexedLog;
  let cacheSaved;
  const cacheSavedNow = new Promise((resolve) => (cacheSaved = resolve));
  let diagnosticsSaved;
  const diagnosticsSavedNow = new Promise((resolve) => (diagnosticsSaved = resolve));
  let sentSaved;
  connection.onNotification('window/logMessage', (params) => {
    if (/indexed \d+ notes/.test(params.message)) indexedLog = params.message.replace(/^Torii: /, '');
    if (/saved the index cache|could not save the index cache/.test(params.message)) cacheSaved(params.message.replace(/^Torii: /, ''));
    if (/saved the diagnostics|could not save the diagnostics|diagnostics are not saved/.test(params.message)) diagnosticsSaved(params.message.replace(/^Torii: /, ''));
    if (/sent the saved diagnostics/.test(params.message)) sentSaved = params.message.replace(/^Torii: /, '');
  });
  connection.listen();

  // An editor starts the server for the note the user opened: a regular note from the middle of
  // the folder (not the first one the server would read anyway).
  const regular = notes.filter((file) => !file.includes(`${path.sep}big${path.sep}`) && !file.endsWith('#meta.md'));
  const opened = regular[Math.floor(regular.length / 2)];
  const openedUri = pathToFileURL(opened).href;
  const openedDiagnostics = publishedFor(openedUri, 1);
  const started = process.hrtime.bigint();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: size }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    ...(cacheFolder ? { initializationOptions: { indexCacheFolder: cacheFolder } } : {}),
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: openedUri, languageId: 'markdown', version: 1, text: fs.readFileSync(opened, 'utf8') } });
  await openedDiagnostics;
  const openOneSeconds = seconds(started);
  await allDone;
  const allDiagnosticsSeconds = seconds(started);
  const peakOneOpenMb = peakRssMb(server.pid);
  const identity = compareDiagnostics(size, root, published);
  const afterLoad = await connection.sendRequest('torii/status');
  console.log(`${label}: after all diagnostics: heap used ${afterLoad.memory.heapUsedMb} MB, RSS ${afterLoad.memory.rssMb} MB`);
  const cacheStatus = afterLoad.folders[0]?.indexCache;
  if (cacheStatus) console.log(`${label}: index cache: ${cacheStatus.reused} notes reused, ${cacheStatus.read} read from disk${cacheStatus.problem ? ` (${cacheStatus.problem})` : ''}; ${sentSaved ?? 'no saved diagnostics sent'}`);

  // documentSymbol and definition on open notes, at 🗄 targets.
  const random = numbers(20241);
  const symbolTimes = [];
  const definitionTimes = [];
  for (let request = 0; request < requestCount; request++) {
    const file = notes[Math.floor(random.next().value * notes.length)];
    if (file === opened) continue;
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    let t = process.hrtime.bigint();
    await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    symbolTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => /🗄\uFE0F* `[^`]+` \S/.test(candidate));
    if (line >= 0) {
      const character = lines[line].indexOf('`') + 2;
      t = process.hrtime.bigint();
      await connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character } });
      definitionTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  // Edit → diagnostics on the big note: type a character at the end of a line, wait for its version.
  const big = path.join(root, 'big', 'big-note.md');
  const bigUri = pathToFileURL(big).href;
  const bigText = fs.readFileSync(big, 'utf8');
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: bigText } });
  const editTimes = [];
  const bigLines = bigText.split('\n');
  let line = 0;
  // An odd count leaves an `x` typed: one more edit, not timed, takes it back, so that the note is
  // as on disk again (the server saves every note's diagnostics for the next session only then).
  for (let edit = 0; edit < editCount + (editCount % 2); edit++) {
    const version = edit + 2;
    // Even edits type an `x` at the end of a random line; odd edits delete it again.
    if (edit % 2 === 0) line = Math.floor(random.next().value * bigLines.length);
    const end = bigLines[line].length;
    const change = edit % 2 === 0
      ? { range: { start: { line, character: end }, end: { line, character: end } }, text: 'x' }
      : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' };
    const arrived = publishedFor(bigUri, version);
    const t = process.hrtime.bigint();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version }, contentChanges: [change] });
    await arrived;
    if (edit < editCount) editTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }

  // Occurrences on the big note just typed in, as the cursor moves: at 🗄 targets and 📙 authors.
  const highlightTimes = [];
  const marked = bigLines.flatMap((text, at) => {
    const marker = text.search(/🗄|📙/u);
    return marker < 0 ? [] : [{ line: at, character: marker + 3 }];
  });
  for (let request = 0; request < Math.min(requestCount, marked.length); request++) {
    const position = marked[Math.floor(random.next().value * marked.length)];
    const t = process.hrtime.bigint();
    await connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri: bigUri }, position });
    highlightTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }

  // A client that opens every note of the folder (some do, to get diagnostics for all of them).
  let peakAllOpenMb = NaN;
  let allOpenHeapMb = NaN;
  let openAllSeconds = NaN;
  if (openAll) {
    const openingStarted = process.hrtime.bigint();
    for (const file of notes) {
      if (file === opened || file === big) continue;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(file).href, languageId: 'markdown', version: 1, text: fs.readFileSync(file, 'utf8') } });
    }
    const status = await connection.sendRequest('torii/status');
    // The status request is answered after every didOpen before it has been handled.
    openAllSeconds = seconds(openingStarted);
    allOpenHeapMb = status.memory.heapUsedMb;
    peakAllOpenMb = peakRssMb(server.pid);
  }
  // 📙 completion on the big note, after a marker: the first one reads the books of every author it
  // offers (the Books view and the 📚 lenses read the same), the next ones find them read. Last, so
  // that the books it keeps read are not in the peaks above.
  const citeTimes = [];
  const cited = bigLines.flatMap((text, at) => {
    const marker = text.indexOf('📙 ');
    return marker < 0 ? [] : [{ line: at, character: marker + 3 }];
  });
  for (let request = 0; request < Math.min(21, cited.length); request++) {
    const position = cited[Math.floor(random.next().value * cited.length)];
    const t = process.hrtime.bigint();
    await connection.sendRequest('textDocument/completion', { textDocument: { uri: bigUri }, position, context: { triggerKind: 1 } });
    citeTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }

  // 📙 completion as a writer adds an item to a citation, key by key: after a citation of the big
  // note, a space and the note's most cited author are typed one key at a time, and the client
  // asks at every key (the list is capped, so it asks again), then the item is taken back.
  const typingTimes = [];
  let bigVersion = editCount + (editCount % 2) + 1;
  const counts = new Map();
  for (const match of bigText.matchAll(/📙 (\p{Lu}[\p{L}'-]+)/gu)) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  const typedName = ` ${[...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'McGee'}`;
  for (let round = 0; round < 5 && cited.length > 0; round++) {
    const { line } = cited[Math.floor(random.next().value * cited.length)];
    const end = bigLines[line].length;
    for (let key = 0; key < typedName.length; key++) {
      const at = { line, character: end + key };
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version: ++bigVersion }, contentChanges: [{ range: { start: at, end: at }, text: typedName[key] }] });
      const t = process.hrtime.bigint();
      await connection.sendRequest('textDocument/completion', { textDocument: { uri: bigUri }, position: { line, character: end + key + 1 }, context: key === 0 ? { triggerKind: 2, triggerCharacter: ' ' } : { triggerKind: 3 } });
      typingTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version: ++bigVersion }, contentChanges: [{ range: { start: { line, character: end }, end: { line, character: end + typedName.length } }, text: '' }] });
  }

  // 🗄 completion as a writer starts a link, key by key: at the end of a line of the big note,
  // ` 🗄 ` and a backtick are typed (the client asks there, with nothing of the name typed: every
  // note of the folder is a candidate), then the first letters of another note's name, one key
  // at a time, the client asking at each; then the link is taken back.
  const linkTimes = [];
  const linkFirstTimes = [];
  const others = notes.filter((file) => file !== big);
  for (let round = 0; round < 10 && others.length > 0 && bigLines.length > 0; round++) {
    const line = Math.floor(random.next().value * bigLines.length);
    const end = bigLines[line].length;
    const name = path.basename(others[Math.floor(random.next().value * others.length)], '.md').slice(0, 4);
    const typed = ` 🗄 \`${name}`;
    const nameStart = ' 🗄 `'.length;
    let character = end;
    for (let key = 0; key < typed.length; ) {
      // A key is one code point: the 🗄 is two UTF-16 units, typed at once.
      const step = typed.codePointAt(key) > 0xffff ? 2 : 1;
      const at = { line, character };
      // Before the backtick the client asks nothing: the key's diagnostics are awaited instead, as
      // a writer's keys come apart (sent at once, the edits would be timed with the request).
      const arrived = key + step < nameStart ? publishedFor(bigUri, bigVersion + 1) : undefined;
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version: ++bigVersion }, contentChanges: [{ range: { start: at, end: at }, text: typed.slice(key, key + step) }] });
      key += step;
      character += step;
      if (arrived) await arrived;
      if (key < nameStart) continue;
      const t = process.hrtime.bigint();
      await connection.sendRequest('textDocument/completion', { textDocument: { uri: bigUri }, position: { line, character }, context: key === nameStart ? { triggerKind: 2, triggerCharacter: '`' } : { triggerKind: 3 } });
      (key === nameStart ? linkFirstTimes : linkTimes).push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version: ++bigVersion }, contentChanges: [{ range: { start: { line, character: end }, end: { line, character } }, text: '' }] });
  }

  // A folder opened the first time: its cache is written once the diagnostics are out.
  if (cacheFolder && cacheStatus && cacheStatus.read > 0) console.log(`${label}: ${await cacheSavedNow}`);
  // Every note's diagnostics, saved once all are out (again when they came from the cache).
  if (cacheFolder && cacheStatus) console.log(`${label}: ${await Promise.race([diagnosticsSavedNow, new Promise((resolve) => setTimeout(() => resolve('the server said nothing of saving the diagnostics within 120 s'), 120_000))])}`);
  await connection.sendRequest('shutdown');
  const exited = new Promise((resolve) => server.once('exit', resolve));
  await connection.sendNotification('exit');
  // Let the server exit by itself (a CPU profile is written on exit); kill it only if it does not.
  const timer = setTimeout(() => server.kill(), 10000);
  await exited;
  clearTimeout(timer);
  connection.dispose();
  return {
    size: label,
    notes: notes.length,
    bytes: floor.bytes,
    floorSeconds: floor.seconds,
    openOneSeconds,
    allDiagnosticsSeconds,
    // The server's own account of the loading part ("indexed N notes in … in M ms").
    indexedLog,
    peakOneOpenMb,
    heapAfterLoadMb: afterLoad.memory.heapUsedMb,
    documentSymbolMs: { p50: percentile(symbolTimes, 50), p95: percentile(symbolTimes, 95) },
    definitionMs: { p50: percentile(definitionTimes, 50), p95: percentile(definitionTimes, 95) },
    editToDiagnosticsMs: { p50: percentile(editTimes, 50), p95: percentile(editTimes, 95) },
    documentHighlightMs: { p50: percentile(highlightTimes, 50), p95: percentile(highlightTimes, 95) },
    firstCitationCompletionMs: citeTimes[0] ?? NaN,
    citationCompletionMs: { p50: percentile(citeTimes.slice(1), 50), p95: percentile(citeTimes.slice(1), 95) },
    citationTypingMs: { p50: percentile(typingTimes, 50), p95: percentile(typingTimes, 95) },
    linkOpenedMs: { p50: percentile(linkFirstTimes, 50), p95: percentile(linkFirstTimes, 95) },
    linkTypingMs: { p50: percentile(linkTimes, 50), p95: percentile(linkTimes, 95) },
    peakAllOpenMb,
    allOpenHeapMb,
    openAllSeconds,
    // The peak of the whole session, as the earlier versions of this script reported it.
    peakRssMb: Math.max(peakOneOpenMb, Number.isNaN(peakAllOpenMb) ? 0 : peakAllOpenMb),
    diagnosticsIdentical: identity,
  };
}

/** Per size run more than once: the median and the range of each target's figure, and the verdict of the median. */
function printSpread(results) {
  const spread = (values, digits, unit) => `median ${median(values).toFixed(digits)}${unit} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}${unit})`;
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  for (const label of [...new Set(results.map((result) => result.size))]) {
    const runs = results.filter((result) => result.size === label);
    const openRatios = runs.map((result) => result.openOneSeconds / result.floorSeconds);
    const allRatios = runs.map((result) => result.allDiagnosticsSeconds / result.floorSeconds);
    const floors = runs.map((result) => result.floorSeconds * 1000);
    const peaks = runs.map((result) => result.peakOneOpenMb);
    const edits = runs.map((result) => result.editToDiagnosticsMs.p50);
    const lines = [
      `${label}, ${runs.length} runs: floor ${spread(floors, 0, ' ms')}; initialize → all diagnostics ${spread(runs.map((result) => result.allDiagnosticsSeconds * 1000), 0, ' ms')}`,
      `  open one note → its diagnostics ${spread(openRatios, 1, '×')} the floor; → all diagnostics ${spread(allRatios, 1, '×')}`,
      `  peak RSS with one note open ${spread(peaks, 0, ' MB')}; edit → diagnostics p50 ${spread(edits, 1, ' ms')}`,
    ];
    if (openAll) lines.push(`  peak RSS with every note open ${spread(runs.map((result) => result.peakAllOpenMb), 0, ' MB')}`);
    if (label.startsWith('10k')) {
      lines.push(
        `  targets by the median: open one note ≤ ${TARGETS.openOneOverFloor}× ${verdict(median(openRatios) <= TARGETS.openOneOverFloor)}; ` +
          `peak one open ≤ ${TARGETS.peakOneOpenMb} MB ${verdict(median(peaks) <= TARGETS.peakOneOpenMb)}; ` +
          `edit p50 ≤ ${TARGETS.editP50Ms} ms ${edits.some(Number.isNaN) ? '- (no edits)' : verdict(median(edits) <= TARGETS.editP50Ms)}` +
          (openAll ? `; all open ≤ ${TARGETS.peakAllOpenMb} MB ${verdict(median(runs.map((result) => result.peakAllOpenMb)) <= TARGETS.peakAllOpenMb)}` : ''),
      );
    }
    console.log(lines.join('\n'));
  }
}

/**
 * Every note's diagnostics once all are published, by workspace-relative path, saved with
 * `--save-expected` or compared with what was saved. Returns true/false, or null when nothing was saved.
 */
function compareDiagnostics(size, root, published) {
  const rootUri = pathToFileURL(root).href;
  const rendered = JSON.stringify(
    [...published.entries()].map(([uri, diagnostics]) => [uri.slice(rootUri.length + 1), JSON.parse(JSON.stringify(diagnostics).split(rootUri).join('<root>'))]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const file = path.join(EXPECTED, `${size}-lsp-diagnostics.json`);
  if (saveExpected) {
    fs.mkdirSync(EXPECTED, { recursive: true });
    fs.writeFileSync(file, rendered);
    console.log(`${size}: saved every note's diagnostics to ${path.relative(repo, file)}`);
    return null;
  }
  if (!fs.existsSync(file)) return null;
  const same = fs.readFileSync(file, "utf8") === rendered;
  if (!same && process.env.TORII_LSP_DUMP) fs.writeFileSync(process.env.TORII_LSP_DUMP, rendered);
  console.log(`${size}: every note's diagnostics ${same ? 'identical to' : 'DIFFER from'} the saved baseline`);
  return same;
}

(async () => {
  const results = [];
  console.log(`server: ${path.relative(repo, serverPath)}${serverNodeArgs.length > 0 ? ` (node ${serverNodeArgs.join(" ")})` : ""}`);
  const runs = Array.from({ length: runCount }, () => sizes).flat().flatMap((size) => {
    if (!withCache) return [{ size }];
    const cacheFolder = fs.mkdtempSync(path.join(require('os').tmpdir(), 'torii-index-cache-'));
    return [{ size, cacheFolder }, { size, cacheFolder, label: `${size}+cache` }];
  });
  for (const run of runs) {
    const result = await benchSize(run.size, run.cacheFolder, run.label);
    const size = result.size;
    results.push(result);
    const f = result.floorSeconds;
    console.log(
      `${size}: ${result.notes} notes (${(result.bytes / 1e6).toFixed(1)} MB), floor ${withRatio(f, 0)}\n` +
        `  open one note → its diagnostics ${withRatio(result.openOneSeconds, f)}; → all diagnostics ${withRatio(result.allDiagnosticsSeconds, f)}${result.indexedLog ? ` (server: ${result.indexedLog.replace(/ in \/.*? in (\d+ ms)/, " in $1")})` : ''}\n` +
        `  peak RSS with one note open ${result.peakOneOpenMb.toFixed(0)} MB (heap after load ${result.heapAfterLoadMb} MB); with every note open ${Number.isNaN(result.peakAllOpenMb) ? '-' : `${result.peakAllOpenMb.toFixed(0)} MB (heap after opening them ${result.allOpenHeapMb} MB; the client's didOpen of every note handled in ${result.openAllSeconds.toFixed(1)} s)`}\n` +
        `  documentSymbol p50 ${result.documentSymbolMs.p50.toFixed(1)} ms p95 ${result.documentSymbolMs.p95.toFixed(1)} ms; ` +
        `definition p50 ${result.definitionMs.p50.toFixed(1)} ms p95 ${result.definitionMs.p95.toFixed(1)} ms\n` +
        `  edit → diagnostics (74 KB note) p50 ${result.editToDiagnosticsMs.p50.toFixed(1)} ms p95 ${result.editToDiagnosticsMs.p95.toFixed(1)} ms; ` +
        `documentHighlight there p50 ${result.documentHighlightMs.p50.toFixed(1)} ms p95 ${result.documentHighlightMs.p95.toFixed(1)} ms\n` +
        `  📙 completion there: the first ${result.firstCitationCompletionMs.toFixed(0)} ms, the next ones p50 ${result.citationCompletionMs.p50.toFixed(1)} ms p95 ${result.citationCompletionMs.p95.toFixed(1)} ms; ` +
        `typing an author key by key after a citation, at each key p50 ${result.citationTypingMs.p50.toFixed(1)} ms p95 ${result.citationTypingMs.p95.toFixed(1)} ms\n` +
        `  🗄 completion there: after the backtick (every note a candidate) p50 ${result.linkOpenedMs.p50.toFixed(1)} ms p95 ${result.linkOpenedMs.p95.toFixed(1)} ms; ` +
        `typing a note's name key by key, at each key p50 ${result.linkTypingMs.p50.toFixed(1)} ms p95 ${result.linkTypingMs.p95.toFixed(1)} ms`,
    );
  }
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  for (const tenK of results.filter((result) => result.size.startsWith('10k'))) {
    console.log(
      `targets (${tenK.size}): open one note → diagnostics ≤ ${TARGETS.openOneOverFloor}× floor ${verdict(tenK.openOneSeconds <= TARGETS.openOneOverFloor * tenK.floorSeconds)} (${(tenK.openOneSeconds / tenK.floorSeconds).toFixed(1)}×); ` +
        `peak RSS one open ≤ ${TARGETS.peakOneOpenMb} MB ${verdict(tenK.peakOneOpenMb <= TARGETS.peakOneOpenMb)}; ` +
        `all open ≤ ${TARGETS.peakAllOpenMb} MB ${openAll ? verdict(tenK.peakAllOpenMb <= TARGETS.peakAllOpenMb) : '-'}; ` +
        `edit → diagnostics p50 ≤ ${TARGETS.editP50Ms} ms ${Number.isNaN(tenK.editToDiagnosticsMs.p50) ? '- (no edits)' : verdict(tenK.editToDiagnosticsMs.p50 <= TARGETS.editP50Ms)}`,
    );
  }
  const reals = results.filter((result) => result.size.startsWith('real'));
  const startFloor = reals.length > 0 ? measureStartFloor() : undefined;
  for (const real of reals) {
    real.startFloorSeconds = startFloor;
    console.log(
      `target (${real.size === 'real' ? 'real-sized collection' : `real-sized collection, ${real.size}`}): initialize → all diagnostics ≤ ${TARGETS.realAllSeconds * 1000} ms ${verdict(real.allDiagnosticsSeconds <= TARGETS.realAllSeconds)} (${withRatio(real.allDiagnosticsSeconds, real.floorSeconds, 'ms')}; ` +
        `the server starting and stopping on an empty input takes ${(startFloor * 1000).toFixed(0)} ms, best of 3)`,
    );
  }
  if (runCount > 1) printSpread(results);
  if (results.some((result) => result.diagnosticsIdentical === false)) process.exitCode = 1;
  fs.writeFileSync(path.join(repo, 'bench', 'lsp-results.json'), JSON.stringify({ node: process.version, server: path.relative(repo, serverPath), results }, null, 2) + '\n');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
