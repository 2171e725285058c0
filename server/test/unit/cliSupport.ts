/** Test support for the command line: the CLI run in-process, its output captured. */

import { main } from '../../src/cli';

/** Runs the CLI in-process from `cwd`, capturing stdout and stderr. */
export function runCli(argv: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const lines: string[] = [];
  const previousCwd = process.cwd();
  const originalWrite = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    process.chdir(cwd);
    const status = main(argv, (text) => lines.push(text));
    return { status, stdout: lines.join('\n'), stderr };
  } finally {
    process.stderr.write = originalWrite;
    process.chdir(previousCwd);
  }
}
