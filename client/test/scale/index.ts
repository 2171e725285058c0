/** The entry point VS Code loads for the scale run (`runScale.ts`): one suite, long timeouts. */

import * as path from 'path';
import Mocha = require('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20 * 60 * 1000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'diagnostics.test.js'));
  mocha.addFile(path.join(__dirname, 'graph.test.js'));
  mocha.addFile(path.join(__dirname, 'preview.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`scale run: ${runner.stats?.passes ?? 0} passing, ${failures} failing`);
      if (failures > 0) reject(new Error(`${failures} scale tests failed`));
      else resolve();
    });
  });
}
