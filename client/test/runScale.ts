/**
 * Torii at scale in the real editor: makes (once) a workspace of N generated notes with
 * `bench/generate.js`, opens it in VS Code through the same harness as the end-to-end tests, and
 * reports how long the first note's diagnostics, every note's and a keystroke's take, how long
 * **Torii: Show graph** takes to its first frame, and how long the Markdown preview of the long
 * note takes to Torii's data, with screenshots. Not part of
 * `npm test` (indexing 10,000 notes takes a while); run it as
 * `npm run package && npx tsc -p tsconfig.test.json && node out/client/test/runScale.js 10000`.
 */

import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const notes = Number(process.argv[2] ?? '1000');
  const label = notes % 1000 === 0 ? `${notes / 1000}k` : String(notes);
  const workspace = path.join(repo, 'bench', 'workspaces', label);
  const manifest = path.join(workspace, '.torii-bench.json');
  if (!fs.existsSync(manifest)) cp.execFileSync(process.execPath, [path.join(repo, 'bench', 'generate.js'), '--notes', String(notes), '--out', workspace], { stdio: 'inherit' });
  process.env.TORII_SCALE_NOTES = String(notes);
  process.env.TORII_SCALE_LABEL = label;
  process.env.TORII_E2E_VSIX ??= path.join(repo, 'torii.vsix');
  process.env.TORII_E2E_TIMEOUT_MS ??= String(20 * 60 * 1000);
  process.env.TORII_SCREENSHOT_DIR ??= path.join(repo, 'out', 'screenshots');
  fs.mkdirSync(process.env.TORII_SCREENSHOT_DIR, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: path.join(repo, 'scripts', 'e2e', 'vscode-web.js'),
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'scale', 'index.js'),
      launchArgs: [workspace],
    });
    return 0;
  } catch (error) {
    console.error(`the scale run failed: ${(error as Error).message}`);
    return 1;
  }
}

void main().then((code) => process.exit(code));
