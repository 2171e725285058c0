/**
 * A message reader that hands the connection messages no faster than it handles them.
 *
 * `vscode-jsonrpc` reads every message the moment it arrives and queues it, but handles one per
 * turn of the event loop. A client that sends ten thousand `didOpen`s at once (some open every
 * file of a folder) had them all read, parsed and queued before the first few were handled, each
 * with its note's whole text: at 10,000 notes the queue alone was as large as every note's text.
 *
 * This reader gives the connection at most one message a turn and keeps the rest itself. While
 * more than `HIGH_WATER` wait, it pauses the input stream, so the client's writes wait in the
 * pipe (and in the client) instead of in the server's memory; it resumes below `LOW_WATER`. What
 * stdin had already read when it was paused still arrives, so a few dozen more may come.
 * Messages keep their order, and nothing is dropped. When messages come one at a time, as they
 * do while a writer types, each is handed over at once, as before.
 *
 * A cancellation (`$/cancelRequest`) is handed over at once: the library answers a request that
 * is cancelled while still in its queue without running it. One whose request still waits here
 * goes with that request, right after it, for the same reason.
 */

import type { DataCallback, Disposable, Event, Message, MessageReader, PartialMessageInfo } from 'vscode-languageserver/node';

/** A stream the reader can hold back (process.stdin). */
export interface PausableInput {
  pause(): unknown;
  resume(): unknown;
}

/** What the reader tells of itself. */
export interface MessagePacing {
  /** The most messages that waited at once. */
  readonly mostWaiting: number;
}

export const HIGH_WATER = 64;
export const LOW_WATER = 16;

export class PacedMessageReader implements MessageReader, MessagePacing {
  private readonly waiting: Message[] = [];
  /** Cancellations of waiting requests, handed over right after them. */
  private readonly cancels = new Map<Message, Message>();
  private turnTaken = false;
  private paused = false;
  mostWaiting = 0;

  constructor(
    private readonly inner: MessageReader,
    private readonly input: PausableInput,
    /** Runs `next` in a later turn of the event loop (tests pass their own). */
    private readonly later: (next: () => void) => void = (next) => setImmediate(next),
  ) {}

  get onError(): Event<Error> {
    return this.inner.onError;
  }

  get onClose(): Event<void> {
    return this.inner.onClose;
  }

  get onPartialMessage(): Event<PartialMessageInfo> {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    const handOver = (): void => {
      this.turnTaken = false;
      const message = this.waiting.shift();
      if (message !== undefined) {
        this.takeTurn(handOver);
        callback(message);
        const cancel = this.cancels.get(message);
        if (cancel) {
          this.cancels.delete(message);
          callback(cancel);
        }
      }
      if (this.paused && this.waiting.length <= LOW_WATER) {
        this.paused = false;
        this.input.resume();
      }
    };
    return this.inner.listen((message) => {
      const cancelled = cancelledId(message);
      if (cancelled !== undefined) {
        const request = this.waiting.find((waiting) => 'id' in waiting && (waiting as { id: unknown }).id === cancelled && 'method' in waiting);
        if (request) this.cancels.set(request, message);
        else callback(message);
        return;
      }
      if (!this.turnTaken && this.waiting.length === 0) {
        this.takeTurn(handOver);
        callback(message);
        return;
      }
      this.waiting.push(message);
      this.mostWaiting = Math.max(this.mostWaiting, this.waiting.length);
      if (!this.paused && this.waiting.length > HIGH_WATER) {
        this.paused = true;
        this.input.pause();
      }
    });
  }

  /** Marks this turn's message as handed over; the next one waits for the next turn. */
  private takeTurn(handOver: () => void): void {
    this.turnTaken = true;
    this.later(handOver);
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** The id a `$/cancelRequest` notification cancels, or undefined for any other message. */
function cancelledId(message: Message): unknown {
  const notification = message as { method?: unknown; id?: unknown; params?: { id?: unknown } };
  return notification.method === '$/cancelRequest' && notification.id === undefined ? notification.params?.id : undefined;
}
