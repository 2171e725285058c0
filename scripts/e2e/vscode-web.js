#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() starts. It runs
// the real VS Code (the server bundled in code-server) in headless Chromium instead, offline:
//   - starts out/server-main.js on a free port with private data, user and extension dirs;
//   - installs TORII_E2E_VSIX into them when set (then the packaged extension is what is tested);
//   - opens the workbench with the test payload, prints the extension host's console (mocha's
//     reporter), takes a screenshot whenever a test asks for one, and exits with mocha's result;
//   - kills the server's process group and deletes its temporary folders, whatever happens.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

const repo = path.resolve(__dirname, '..', '..');
const web = path.join(repo, '.vscode-test', 'web');
const serverMain = path.join(web, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const TIMEOUT_MS = Number(process.env.TORII_E2E_TIMEOUT_MS || 240000);

/**
 * Messages an offline code-server always prints, which read like failures but are not: it lacks
 * Microsoft's closed-source `vsda` module, does not serve the workbench's service worker, and
 * cannot reach the extension gallery (Torii comes from the .vsix); and its pty host asks for the
 * title of a task's terminal after the task's process has gone. They are counted, not shown.
 */
const NOISE = [/vsda(_bg\.wasm|\.js)\b/, /Failed to register a ServiceWorker/, /gallery\/extensionquery|getaddrinfo ENOTFOUND open-vsx\.org/, /Could not find pty \d+ on pty host/];
let hiddenNoise = 0;
function isNoise(text) {
  if (process.env.TORII_E2E_VERBOSE || !NOISE.some((pattern) => pattern.test(text))) return false;
  hiddenNoise++;
  return true;
}

/**
 * The text of a console message from the page. The extension host's console arrives as a
 * format string and its arguments, behind a styled `%c INFO` prefix and its CSS
 * (`["%c INFO", "color: #33f", "    ✔ %s (%dms)", "name", 42]`): drop the prefix and its styles,
 * then format the rest as Node's console would.
 */
async function consoleText(message) {
  let values;
  try {
    values = await Promise.all(message.args().map((arg) => arg.jsonValue()));
  } catch {
    return message.text();
  }
  if (values.length === 0) return message.text();
  let label = '';
  while (values.length > 0 && typeof values[0] === 'string' && values[0].includes('%c')) {
    const styles = (values[0].match(/%c/g) || []).length;
    label += values[0].replace(/%c/g, '').trim();
    values = values.slice(1 + styles);
  }
  // Mocha's lines come at INFO level: only other levels (`ERR`, `WARN`) keep their label.
  const text = values.length > 0 ? util.format(...values) : '';
  return label && label !== 'INFO' ? `${label} ${text}` : text;
}

function parseArguments(argv) {
  const result = { developmentPaths: [], testsPath: undefined, folder: undefined };
  for (const argument of argv) {
    const [name, value] = argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    if (name === '--extensionDevelopmentPath') result.developmentPaths.push(value);
    else if (name === '--extensionTestsPath') result.testsPath = value;
    else if (!argument.startsWith('-')) result.folder = path.resolve(argument);
  }
  return result;
}

/** The first frame of the page (the workbench or a webview inside it) that shows `selector`, waiting up to 15 s for one. */
async function frameWith(page, selector) {
  const deadline = Date.now() + 15000;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame shows ${selector}`);
    await page.waitForEvent('framenavigated', { timeout: 250 }).catch(() => undefined);
  }
}

async function main() {
  const args = parseArguments(process.argv.slice(2));
  if (!fs.existsSync(serverMain)) throw new Error(`no VS Code server at ${serverMain}: run scripts/e2e/install.sh`);
  // TORII_E2E_STATE_DIR keeps VS Code's data (workspace storage among it) from one run to the
  // next, to measure a folder opened again; by default every run starts from nothing.
  const kept = process.env.TORII_E2E_STATE_DIR;
  const temp = kept ? path.resolve(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'torii-vscode-'));
  const dirs = ['server', 'user', 'extensions', 'tmp'].map((name) => path.join(temp, name));
  dirs.forEach((dir) => fs.mkdirSync(dir, { recursive: true }));
  const [serverData, userData, extensions, tmp] = dirs;
  // The web VS Code saves an edited file after a second by default (`files.autoSave`:
  // `afterDelay`), where the desktop one does not: a test's edit would reach the disk and a revert
  // would bring it back. The suite runs with the desktop's default.
  const settings = path.join(userData, 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, `${JSON.stringify({ 'files.autoSave': 'off' }, null, 2)}\n`);
  }
  const env = { ...process.env, TMPDIR: tmp };
  let server;
  let browser;
  const cleanup = () => {
    if (server && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {}
    }
    if (!kept) fs.rmSync(temp, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  try {
    const common = ['--accept-server-license-terms', '--server-data-dir', serverData, '--user-data-dir', userData, '--extensions-dir', extensions];
    if (process.env.TORII_E2E_VSIX) {
      const install = cp.spawnSync(process.execPath, [serverMain, ...common, '--install-extension', path.resolve(process.env.TORII_E2E_VSIX)], { env, encoding: 'utf8' });
      if (install.status !== 0) throw new Error(`installing ${process.env.TORII_E2E_VSIX} failed: ${install.stdout}${install.stderr}`);
      process.stdout.write(`[vscode-web] installed ${path.basename(process.env.TORII_E2E_VSIX)}\n`);
      // VS Code runs tests only with a development path: give it an empty one, so the installed
      // package is the Torii that runs.
      const empty = path.join(temp, 'no-development-extension');
      fs.mkdirSync(empty, { recursive: true });
      args.developmentPaths = [empty];
    }
    // The workspace's storage is named after its URI, which holds the port: a run that keeps its
    // state keeps its port too (TORII_E2E_PORT, else a fixed one), so the folder is the same workspace.
    const listenPort = process.env.TORII_E2E_PORT ?? (kept ? '38417' : '0');
    server = cp.spawn(process.execPath, [serverMain, '--host', '127.0.0.1', '--port', listenPort, '--without-connection-token', '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust', ...common], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const port = await new Promise((resolve, reject) => {
      let seen = '';
      const onData = (chunk) => {
        seen += chunk;
        const match = /Extension host agent listening on (\d+)/.exec(seen);
        if (match) resolve(Number(match[1]));
      };
      server.stdout.on('data', onData);
      // A chunk is one message with its stack trace: noise is dropped whole.
      server.stderr.on('data', (chunk) => {
        if (isNoise(String(chunk))) return;
        for (const line of String(chunk).split('\n').filter((line) => line.trim())) process.stderr.write(`[vscode-server] ${line}\n`);
      });
      server.on('exit', (code) => reject(new Error(`the VS Code server exited (${code}) before listening: ${seen}`)));
    });
    const { chromium } = require(path.join(web, 'node_modules', 'playwright-core'));
    browser = await chromium.launch({
      executablePath: process.env.TORII_CHROMIUM || '/usr/bin/chromium',
      // WebGL (the graph view) on the CPU: ANGLE over SwiftShader, which recent Chromium only
      // falls back to when told it may.
      args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const exitCode = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    page.on('console', async (message) => {
      const text = await consoleText(message);
      // `TORII_SCREENSHOT file.png` or `TORII_SCREENSHOT file.png|css selector` (drawn first).
      const shot = /TORII_SCREENSHOT (\S+\.png)(?:\|(.+))?$/.exec(text.trim());
      if (shot) {
        // The selector may be inside a webview (the Markdown preview, the graph): any frame will do.
        if (shot[2]) await frameWith(page, shot[2]).catch(() => process.stderr.write(`[vscode-web] never drawn: ${shot[2]}\n`));
        // Let widgets finish fading in: wait for every finite CSS animation to end (a real signal, not a timer).
        await page.evaluate(() => Promise.all(document.getAnimations()
          .filter((animation) => animation.effect && animation.effect.getComputedTiming().iterations !== Infinity)
          .map((animation) => animation.finished.catch(() => undefined))));
        await page.screenshot({ path: `${shot[1]}.tmp.png` });
        fs.renameSync(`${shot[1]}.tmp.png`, shot[1]);
        return;
      }
      // `TORII_LAST file.json|text|css selector`: waits until the last match of the selector reads
      // `text` (15 s at most), and writes the texts of all matches as they were at that moment.
      const last = /TORII_LAST (\S+\.json)\|(.+?)\|(.+)$/.exec(text.trim());
      if (last) {
        const read = (selector) => [...document.querySelectorAll(selector)].map((element) => (element.textContent || '').trim());
        const texts = await page
          .waitForFunction(([selector, wanted]) => {
            const found = [...document.querySelectorAll(selector)].map((element) => (element.textContent || '').trim());
            return found.length > 0 && found[found.length - 1] === wanted ? found : false;
          }, [last[3], last[2]], { timeout: 15000 })
          .then((handle) => handle.jsonValue())
          .catch(async () => {
            process.stderr.write(`[vscode-web] the last of ${last[3]} never read ${last[2]}\n`);
            return page.evaluate(read, last[3]);
          });
        fs.writeFileSync(`${last[1]}.tmp`, JSON.stringify(texts));
        fs.renameSync(`${last[1]}.tmp`, last[1]);
        return;
      }
      // `TORII_QUERY file.json|until|selector`: waits until `until` matches (Playwright selectors, so
      // `:has-text("…")` works; 15 s at most), then writes the text of every match of `selector`.
      const query = /TORII_QUERY (\S+\.json)\|(.+?)\|(.+)$/.exec(text.trim());
      if (query) {
        await page.waitForSelector(query[2], { timeout: 15000 }).catch(() => process.stderr.write(`[vscode-web] never matched: ${query[2]}\n`));
        const texts = await page.$$eval(query[3], (elements) => elements.map((element) => element.textContent || '')).catch(() => []);
        fs.writeFileSync(`${query[1]}.tmp`, JSON.stringify(texts));
        fs.renameSync(`${query[1]}.tmp`, query[1]);
        return;
      }
      // `TORII_COLOURS file.json|{"text": "rgb(…)", …}`: waits until each text, as a whole token in an
      // editor, is drawn in the colour given (30 s at most: semantic tokens come late on a loaded machine), then writes the colours it has.
      const colours = /TORII_COLOURS (\S+\.json)\|(.+)$/.exec(text.trim());
      if (colours) {
        const expected = JSON.parse(colours[2]);
        const drawn = () => page.evaluate((texts) => {
          const spans = [...document.querySelectorAll('.monaco-editor .view-lines span')].filter((span) => span.children.length === 0);
          return Object.fromEntries(texts.map((token) => {
            const span = spans.find((candidate) => candidate.textContent === token);
            return [token, span ? getComputedStyle(span).color : null];
          }));
        }, Object.keys(expected));
        await page.waitForFunction((wanted) => {
          const spans = [...document.querySelectorAll('.monaco-editor .view-lines span')].filter((span) => span.children.length === 0);
          return Object.entries(wanted).every(([token, colour]) => spans.some((span) => span.textContent === token && getComputedStyle(span).color === colour));
        }, expected, { timeout: 30000 }).catch(() => process.stderr.write(`[vscode-web] never drawn in the expected colours: ${colours[2]}\n`));
        fs.writeFileSync(`${colours[1]}.tmp`, JSON.stringify(await drawn()));
        fs.renameSync(`${colours[1]}.tmp`, colours[1]);
        return;
      }
      // `TORII_TYPE file.json|text|Key`: the real keyboard types `text` into whatever has the focus
      // (an input VS Code draws, such as the rename box), then presses `Key` (Playwright's names,
      // `Enter`, `Shift+Enter`) if given, and writes `true` to the file once done.
      const typed = /TORII_TYPE (\S+\.json)\|(.*?)(?:\|([\w+]+))?$/.exec(text.trim());
      if (typed) {
        await page.keyboard.type(typed[2]);
        if (typed[3]) await page.keyboard.press(typed[3]);
        fs.writeFileSync(`${typed[1]}.tmp`, 'true');
        fs.renameSync(`${typed[1]}.tmp`, typed[1]);
        return;
      }
      // `TORII_CLICK css selector` or `TORII_CLICK css selector@x,y` (a point inside it), and
      // `TORII_HOVER …` alike: the real mouse, in whichever frame holds the element (webviews are
      // frames of their own).
      const pointer = /TORII_(CLICK|HOVER) (.+?)(?:@(-?[\d.]+),(-?[\d.]+))?$/.exec(text.trim());
      if (pointer) {
        const [, action, selector, x, y] = pointer;
        const options = x ? { position: { x: Number(x), y: Number(y) } } : {};
        // A webview can replace its frame while the element is being clicked (the preview redrawn
        // after an edit): Playwright then fails with "Frame was detached". Look for the element again.
        const deadline = Date.now() + 20000;
        for (;;) {
          try {
            const target = (await frameWith(page, selector)).locator(selector).first();
            await (action === 'CLICK' ? target.click(options) : target.hover(options));
          } catch (error) {
            if (/detached/i.test(error.message) && Date.now() < deadline) continue;
            process.stderr.write(`[vscode-web] could not ${action.toLowerCase()} ${selector}: ${error.message}\n`);
          }
          return;
        }
      }
      // Mocha's reporter and errors; the workbench's own chatter only with TORII_E2E_VERBOSE.
      if (isNoise(text)) return;
      if (process.env.TORII_E2E_VERBOSE || /✔|passing|failing|pending|^\s*\d+\) |Error|Torii|^\s{4,}/.test(text)) process.stdout.write(`${text}\n`);
    });
    const remote = (file) => `vscode-remote://127.0.0.1:${port}${file}`;
    const payload = [['extensionTestsPath', remote(path.resolve(args.testsPath))], ...args.developmentPaths.map((dev) => ['extensionDevelopmentPath', remote(path.resolve(dev))])];
    // A `.code-workspace` file opens the folders it lists (a multi-root workspace); anything else is the folder.
    const opened = args.folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
    const url = `http://127.0.0.1:${port}/?${opened}=${encodeURIComponent(args.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => {
      process.stderr.write(`[vscode-web] no result after ${TIMEOUT_MS / 1000} s\n`);
      resolve(2);
    }, TIMEOUT_MS).unref());
    const code = await Promise.race([exitCode, timeout]);
    await browser.close();
    if (hiddenNoise > 0) process.stdout.write(`[vscode-web] ${hiddenNoise} expected messages of an offline VS Code were hidden (code-server ships no vsda module, serves no webview service worker, cannot reach its extension gallery, and looks for a finished task's terminal); TORII_E2E_VERBOSE=1 shows them\n`);
    return typeof code === 'number' ? code : 1;
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`[vscode-web] ${error.stack || error}\n`);
    process.exit(1);
  },
);
