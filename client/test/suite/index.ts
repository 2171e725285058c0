/** The entry point VS Code loads in the extension host: runs the suite with mocha. */

import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs the `*.test.js` files of `directory` with mocha, in name order; rejects when one fails. */
export function runTestsIn(directory: string): Promise<void> {
  // TORII_E2E_GREP runs only the tests whose names match, for quick loops (`TORII_E2E_GREP=outline npm run test:e2e`).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec', grep: process.env.TORII_E2E_GREP || undefined });
  for (const file of fs.readdirSync(directory).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(path.join(directory, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // One plain line (no format string: the web workbench forwards those unformatted) for the test script's summary.
      console.log(`end-to-end: ${runner.stats?.passes ?? 0} passing, ${failures} failing`);
      if (failures > 0) reject(new Error(`${failures} end-to-end tests failed`));
      else resolve();
    });
  });
}
