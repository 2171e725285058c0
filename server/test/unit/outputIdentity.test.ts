import * as assert from 'assert';
import * as fs from 'fs';
import { main } from '../../src/cli';
import { repoPath } from './support';

/** Runs the CLI in-process and returns what it printed on stdout. */
function cliOutput(argv: string[]): string {
  const lines: string[] = [];
  main(argv, (text) => lines.push(text));
  return `${lines.join('\n')}\n`;
}

/**
 * The whole output of `torii check --json` and `torii refs --json` on the sample workspace, kept
 * in files beside it: a change meant to make Torii faster must leave every problem, message, fix
 * and resolution exactly as it was. A change meant to alter behaviour regenerates them with
 * `TORII_UPDATE_EXPECTED=1 npx mocha out/server/test/unit/outputIdentity.test.js`, and the diff of
 * the two files in the commit shows what changed for a user.
 */
describe('torii check --json and torii refs --json on test-fixtures/notes-kb are what they were', () => {
  const root = repoPath('test-fixtures', 'notes-kb');
  for (const command of ['check', 'refs']) {
    it(`${command} --json gives the saved output`, () => {
      const expectedFile = repoPath('test-fixtures', `notes-kb.${command}.json`);
      const actual = cliOutput([command, root, '--json', '--no-git']);
      if (process.env.TORII_UPDATE_EXPECTED === '1') fs.writeFileSync(expectedFile, actual);
      const expected = fs.readFileSync(expectedFile, 'utf8');
      if (actual === expected) return;
      const actualLines = actual.split('\n');
      const expectedLines = expected.split('\n');
      let line = 0;
      while (actualLines[line] === expectedLines[line]) line++;
      assert.fail(
        `the output of ${command} --json changed at line ${line + 1}:\n  expected: ${expectedLines[line] ?? '(end)'}\n  actual:   ${actualLines[line] ?? '(end)'}\n` +
          `if that was meant, regenerate test-fixtures/notes-kb.${command}.json with TORII_UPDATE_EXPECTED=1 (see this test) and read the diff`,
      );
    });
  }
});
