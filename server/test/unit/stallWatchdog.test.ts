import * as assert from 'assert';
import * as path from 'path';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { readStallRecord, stallSecondsFromEnvironment } from '../../src/node/stallWatchdog';
import { Session } from '../../src/lsp/session';

/** Runs `body` in a child process with the watchdog started (a stall of `seconds`), and how it ended. */
function runWithWatchdog(body: string, seconds = 1): { status: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const script = `
    const { startStallWatchdog } = require(${JSON.stringify(path.join(__dirname, '../../src/node/stallWatchdog'))});
    const watchdog = startStallWatchdog(${seconds}, 'Torii test');
    ${body}
  `;
  // The deadline only matters if the watchdog fails to act: the test then fails instead of hanging.
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, signal: run.signal, stderr: run.stderr };
}

describe('the stall watchdog (a server stuck in a loop is stopped, and says where)', () => {
  it('stops a process whose main thread never comes back, naming what it was doing, and leaves a record of it', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-stall-'));
    const record = path.join(folder, 'stalled.json');
    try {
      const run = runWithWatchdog(`
        watchdog.recordTo(${JSON.stringify(record)});
        watchdog.doing('checking file:///notes/%F0%A0%AE%B7.md');
        setTimeout(() => { for (;;) {} }, 100);
      `);
      assert.strictEqual(run.signal, 'SIGKILL', `ended by ${run.signal ?? `status ${run.status}`}: ${run.stderr}`);
      assert.match(run.stderr, /^Torii test has not come back for 1 s \(a fault in Torii, not in your notes\); the last thing it was doing: checking file:\/\/\/notes\/%F0%A0%AE%B7\.md\. Stopping it/m);
      assert.strictEqual(readStallRecord(record)?.doing, 'checking file:///notes/%F0%A0%AE%B7.md');
      assert.ok(!fs.existsSync(record), 'the record is read once');
      assert.strictEqual(readStallRecord(record), undefined);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('leaves alone a process that works for longer than the stall but comes back in between', () => {
    const run = runWithWatchdog(`
      watchdog.doing('checking every note');
      const until = Date.now() + 6000;
      const slice = () => {
        const end = Date.now() + 200;
        while (Date.now() < end) {}
        if (Date.now() < until) setImmediate(slice); else watchdog.stop().then(() => process.exit(0));
      };
      slice();
    `, 3);
    assert.strictEqual(run.status, 0, run.stderr);
    assert.strictEqual(run.stderr, '');
  });

  it('lets the process end on its own: its timer and thread do not keep it alive', () => {
    const run = runWithWatchdog(`watchdog.doing('waiting');`);
    assert.strictEqual(run.status, 0, run.stderr);
  });

  it('takes its stall from TORII_STALL_SECONDS, 60 by default, 0 to turn it off', () => {
    assert.strictEqual(stallSecondsFromEnvironment({}), 60);
    assert.strictEqual(stallSecondsFromEnvironment({ TORII_STALL_SECONDS: '5' }), 5);
    assert.strictEqual(stallSecondsFromEnvironment({ TORII_STALL_SECONDS: '0' }), 0);
    assert.strictEqual(stallSecondsFromEnvironment({ TORII_STALL_SECONDS: 'soon' }), 60);
  });
});

describe('session: the note a stopped server got stuck checking', () => {
  it('is not checked by the next server, with one line that says why; the other notes are', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'torii-stall-'));
    try {
      fs.writeFileSync(path.join(folder, 'stalled.json'), JSON.stringify({ doing: 'checking untitled:stuck.md', at: 1 }));
      const warnings: string[] = [];
      const sent: PublishDiagnosticsParams[] = [];
      const connection = {
        console: { error: () => undefined, log: () => undefined, info: () => undefined, warn: (message: string) => warnings.push(message) },
        sendDiagnostics: async (params: PublishDiagnosticsParams) => void sent.push(params),
      } as unknown as Connection;
      const session = new Session(connection);
      session.readClientAbilities({ processId: null, rootUri: null, capabilities: {}, initializationOptions: { indexCacheFolder: folder } });
      assert.deepStrictEqual(warnings, ['Torii: the previous server was stopped, stuck while checking untitled:stuck.md; that note is not checked until it is edited']);
      assert.ok(!fs.existsSync(path.join(folder, 'stalled.json')), 'the record is read once');
      const workspace = session.loose;
      for (const note of ['stuck.md', 'other.md']) workspace.index.setNoteText(note, '# ⛩️\n\n🗄 `gone.md` x\n');
      const uriOf = workspace.uriOf.bind(workspace);
      workspace.uriOf = (notePath) => (notePath === 'stuck.md' ? 'untitled:stuck.md' : uriOf(notePath));
      session.publish(workspace, 'stuck.md');
      session.publish(workspace, 'other.md');
      assert.deepStrictEqual(sent.map((params) => params.diagnostics.map((diagnostic) => diagnostic.code)), [['check-failed'], ['foreign-note']]);
      assert.match(String(sent[0].diagnostics[0].message), /^Torii did not check this note: checking it got Torii stuck/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
