/**
 * Runs the end-to-end suite inside a real VS Code, through @vscode/test-electron's runTests:
 * `scripts/e2e/vscode-web.js` stands in for the VS Code executable (the VS Code server in headless
 * Chromium; see that file). The packaged .vsix is what is tested when TORII_E2E_VSIX is set.
 */

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const workspaceParent = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-e2e-'));
  const workspace = path.join(workspaceParent, 'notes-kb');
  fs.cpSync(path.join(repo, 'test-fixtures', 'notes-kb'), workspace, { recursive: true });
  // Screenshots land in out/screenshots; `npm run screenshots` writes the README's images/ instead.
  process.env.TORII_SCREENSHOT_DIR ??= path.join(repo, 'out', 'screenshots');
  fs.mkdirSync(process.env.TORII_SCREENSHOT_DIR, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: path.join(repo, 'scripts', 'e2e', 'vscode-web.js'),
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace],
    });
    return 0;
  } catch (error) {
    console.error(`end-to-end tests failed: ${(error as Error).message}`);
    return 1;
  } finally {
    fs.rmSync(workspaceParent, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
