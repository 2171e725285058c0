import * as assert from 'assert';
import { Emitter, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';
import { HIGH_WATER, LOW_WATER, PacedMessageReader } from '../../src/lsp/pacedReader';

/** A reader whose messages the test sends, and an input that records being paused. */
function harness() {
  let deliver: DataCallback = () => undefined;
  const errors = new Emitter<Error>();
  const closes = new Emitter<void>();
  const partials = new Emitter<{ messageToken: number; waitingTime: number }>();
  const inner: MessageReader = {
    onError: errors.event,
    onClose: closes.event,
    onPartialMessage: partials.event,
    listen(callback) {
      deliver = callback;
      return { dispose: () => undefined };
    },
    dispose: () => undefined,
  };
  const input = { pauses: 0, resumes: 0, paused: false, pause() { this.pauses++; this.paused = true; }, resume() { this.resumes++; this.paused = false; } };
  const turns: Array<() => void> = [];
  const reader = new PacedMessageReader(inner, input, (next) => turns.push(next));
  const handed: Array<number | string> = [];
  reader.listen((message) => {
    const { id, params } = message as Message & { id?: number; params?: { id: number } };
    handed.push(id ?? `cancel ${params!.id}`);
  });
  const send = (id: number) => deliver({ jsonrpc: '2.0', id, method: 'x' } as Message);
  const cancel = (id: number) => deliver({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } } as Message);
  /** Runs the event loop's next turn: what was scheduled in the turn before. */
  const turn = () => {
    for (const next of turns.splice(0)) next();
  };
  return { reader, input, handed, send, cancel, turn };
}

describe('paced message reader: messages handed over no faster than handled', () => {
  it('hands a cancellation over at once, or right after its request when that still waits', () => {
    const { handed, send, cancel, turn } = harness();
    send(1);
    send(2);
    send(3);
    cancel(1);
    cancel(2);
    cancel(99);
    assert.deepStrictEqual(handed, [1, 'cancel 1', 'cancel 99']);
    turn();
    assert.deepStrictEqual(handed, [1, 'cancel 1', 'cancel 99', 2, 'cancel 2']);
    turn();
    assert.deepStrictEqual(handed, [1, 'cancel 1', 'cancel 99', 2, 'cancel 2', 3]);
  });

  it('hands a message over at once when the turn before handed over one at most', () => {
    const { handed, send, turn } = harness();
    send(1);
    assert.deepStrictEqual(handed, [1]);
    turn();
    send(2);
    assert.deepStrictEqual(handed, [1, 2]);
    turn();
    turn();
    send(3);
    assert.deepStrictEqual(handed, [1, 2, 3]);
  });

  it('hands a burst over one a turn, in order, pausing the input while many wait', () => {
    const { reader, input, handed, send, turn } = harness();
    for (let id = 0; id < 200; id++) {
      send(id);
      if (input.paused) assert.ok(id > HIGH_WATER, 'paused only once more than the high water wait');
    }
    assert.deepStrictEqual(handed, [0]);
    assert.strictEqual(input.pauses, 1);
    assert.strictEqual(reader.mostWaiting, 199);
    let turns = 0;
    while (handed.length < 200) {
      turn();
      turns++;
      assert.strictEqual(handed.length, turns + 1, 'one message a turn');
      if (200 - handed.length > LOW_WATER) assert.ok(input.paused, `still paused with ${200 - handed.length} waiting`);
    }
    assert.ok(!input.paused);
    assert.strictEqual(input.resumes, 1);
    assert.deepStrictEqual(handed, [...Array(200).keys()]);
  });
});
