/**
 * The entry point of the end-to-end tests that need a workspace of two folders (a `.code-workspace`
 * listing `chem-kb` and `phys-kb`, made by runTests.ts): a test cannot add a folder to a window of
 * one, since VS Code would have to enter a new workspace for it.
 */

import { runTestsIn } from '../suite/index';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
