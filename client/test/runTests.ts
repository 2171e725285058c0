/**
 * Runs the end-to-end suite inside a real VS Code, through @vscode/test-electron's runTests:
 * `scripts/e2e/vscode-web.js` stands in for the VS Code executable (the VS Code server in headless
 * Chromium; see that file). The packaged .vsix is what is tested when TORII_E2E_VSIX is set.
 */

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/** The name of the multi-root suite's tests (client/test/multiroot), which TORII_E2E_GREP is matched against. */
const MULTIROOT_SUITE = "a workspace of two folders, each the other one's sibling collection";

async function main(): Promise<number> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const workspaceParent = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-e2e-'));
  const workspace = path.join(workspaceParent, 'notes-kb');
  fs.cpSync(path.join(repo, 'test-fixtures', 'notes-kb'), workspace, { recursive: true });
  // Screenshots land in out/screenshots; `npm run screenshots` writes the README's images/ instead.
  process.env.TORII_SCREENSHOT_DIR ??= path.join(repo, 'out', 'screenshots');
  fs.mkdirSync(process.env.TORII_SCREENSHOT_DIR, { recursive: true });
  // A workspace of two folders, each a collection (test-fixtures/siblings), for the tests that need one.
  const siblings = path.join(workspaceParent, 'siblings');
  fs.cpSync(path.join(repo, 'test-fixtures', 'siblings'), siblings, { recursive: true });
  const twoFolders = path.join(siblings, 'chemistry-and-physics.code-workspace');
  fs.writeFileSync(twoFolders, JSON.stringify({ folders: [{ path: 'chem-kb' }, { path: 'phys-kb' }] }));
  const grep = process.env.TORII_E2E_GREP;
  try {
    await runTests({
      vscodeExecutablePath: path.join(repo, 'scripts', 'e2e', 'vscode-web.js'),
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace],
    });
    // A second window, on the two folders (skipped when TORII_E2E_GREP asks for other tests only).
    if (!grep || new RegExp(grep).test(MULTIROOT_SUITE)) {
      await runTests({
        vscodeExecutablePath: path.join(repo, 'scripts', 'e2e', 'vscode-web.js'),
        extensionDevelopmentPath: repo,
        extensionTestsPath: path.join(__dirname, 'multiroot', 'index.js'),
        launchArgs: [twoFolders],
      });
    }
    return 0;
  } catch (error) {
    console.error(`end-to-end tests failed: ${(error as Error).message}`);
    return 1;
  } finally {
    fs.rmSync(workspaceParent, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
