import * as assert from 'assert';
import type { DataCallback, Message, MessageReader } from 'vscode-languageserver/node';
import { ClientArrivals, MOST_TURNS } from '../../src/lsp/clientArrivals';

/** Arrivals whose later turns the test runs one at a time. */
function harness() {
  const turns: Array<() => void> = [];
  const arrivals = new ClientArrivals((next) => turns.push(next));
  const turn = () => {
    const due = turns.splice(0);
    for (const next of due) next();
  };
  return { arrivals, turns, turn };
}

const change = (uri: string, version: number) => ({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [] } }) as Message;
const open = (uri: string, version: number) => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, version, languageId: 'markdown', text: '' } } }) as Message;
const close = (uri: string) => ({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } }) as Message;

describe('client arrivals: what the client sent and the server has not handled yet', () => {
  it('knows a change newer than the version handled, per document', () => {
    const { arrivals } = harness();
    arrivals.noteMessage(open('file:///a.md', 1));
    assert.strictEqual(arrivals.newerChange('file:///a.md', 1), false);
    arrivals.noteMessage(change('file:///a.md', 2));
    arrivals.noteMessage(change('file:///a.md', 3));
    assert.strictEqual(arrivals.newerChange('file:///a.md', 2), true);
    assert.strictEqual(arrivals.newerChange('file:///a.md', 3), false);
    assert.strictEqual(arrivals.newerChange('file:///b.md', 1), false);
  });

  it('starts a document reopened anew: its versions begin again', () => {
    const { arrivals } = harness();
    arrivals.noteMessage(open('file:///a.md', 1));
    arrivals.noteMessage(change('file:///a.md', 9));
    arrivals.noteMessage(close('file:///a.md'));
    assert.strictEqual(arrivals.newerChange('file:///a.md', 1), false);
    arrivals.noteMessage(open('file:///a.md', 1));
    assert.strictEqual(arrivals.newerChange('file:///a.md', 1), false);
    arrivals.noteMessage(change('file:///a.md', 2));
    assert.strictEqual(arrivals.newerChange('file:///a.md', 1), true);
  });

  it('takes no notice of messages about no document, or of a malformed one', () => {
    const { arrivals } = harness();
    arrivals.noteMessage({ jsonrpc: '2.0', id: 1, method: 'textDocument/completion', params: { textDocument: { uri: 'file:///a.md' }, position: { line: 0, character: 0 } } } as Message);
    arrivals.noteMessage({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 7, version: 'x' } } } as unknown as Message);
    arrivals.noteMessage({ jsonrpc: '2.0', id: 2, result: null } as Message);
    assert.strictEqual(arrivals.newerChange('file:///a.md', 0), false);
  });

  it('waits for a turn with nothing coming in before it decides', () => {
    const { arrivals, turn } = harness();
    let decided = 0;
    arrivals.whenQuiet(() => decided++);
    // Bytes read in the turn the timer ran out, then the message they make a turn later.
    arrivals.noteInput();
    turn();
    assert.strictEqual(decided, 0, 'input came: it looks again');
    arrivals.noteMessage(change('file:///a.md', 2));
    turn();
    assert.strictEqual(decided, 0, 'a message came: it looks again');
    turn();
    assert.strictEqual(decided, 1, 'a quiet turn: decided');
    turn();
    assert.strictEqual(decided, 1, 'once');
  });

  it('decides at once on a quiet input, and at last on one that never quiets', () => {
    const { arrivals, turn, turns } = harness();
    let decided = 0;
    arrivals.whenQuiet(() => decided++);
    turn();
    assert.strictEqual(decided, 1);
    arrivals.whenQuiet(() => decided++);
    for (let at = 0; at < MOST_TURNS && decided === 1; at++) {
      arrivals.noteInput();
      turn();
    }
    assert.strictEqual(decided, 2, `decided within ${MOST_TURNS} turns`);
    assert.strictEqual(turns.length, 0);
  });

  it('notes what a watched reader delivers before its listener has it', () => {
    const { arrivals } = harness();
    let deliver: DataCallback = () => undefined;
    const inner = { listen: (callback: DataCallback) => ((deliver = callback), { dispose: () => undefined }) } as unknown as MessageReader;
    const seen: boolean[] = [];
    arrivals.watch(inner).listen(() => seen.push(arrivals.newerChange('file:///a.md', 1)));
    deliver(change('file:///a.md', 2));
    assert.deepStrictEqual(seen, [true]);
  });
});
