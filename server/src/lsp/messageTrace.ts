/**
 * A timing trace of the server's messages, for finding where a delay the editor shows comes from:
 * `TORII_TRACE=FILE` writes one JSON line per message read, per message written, and per stretch
 * in which the event loop was held for 20 ms or more. Times are milliseconds since the epoch, so
 * they line up with timestamps taken in the editor. A message written is logged when the server
 * hands it to the transport. `bench/trace-summary.js` reads the file.
 *
 * Only the two transports editors start Torii with are traced (`--node-ipc`, `--stdio`). The trace
 * is for measuring: the file is written synchronously, a few microseconds per message.
 */

import * as fs from 'fs';
import { performance } from 'perf_hooks';
import type { Message, MessageReader, MessageWriter } from 'vscode-languageserver/node';
import { IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { tapReader } from './readerTap';

/** How late a 5 ms timer must fire for the loop to count as held. */
const HELD_MS = 20;
const TICK_MS = 5;

interface TraceEvent {
  /** `r` read, `w` written, `held` the event loop held. */
  e: 'r' | 'w' | 'held';
  t: number;
  method?: string;
  id?: number | string | null;
  /** For `publishDiagnostics`: the note and the document version. */
  uri?: string;
  version?: number;
  diagnostics?: number;
  /** For `held`: how long. */
  ms?: number;
}

const now = (): number => performance.timeOrigin + performance.now();

export class MessageTrace {
  private readonly fd: number;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
    // A timer that fires late says the loop was busy for that long.
    let expected = now() + TICK_MS;
    setInterval(() => {
      const late = now() - expected;
      if (late >= HELD_MS) this.write({ e: 'held', t: now(), ms: Math.round(late) });
      expected = now() + TICK_MS;
    }, TICK_MS).unref();
  }

  /** The reader and writer for this process's transport, traced; undefined for another transport. */
  transport(argv: readonly string[]): { reader: MessageReader; writer: MessageWriter } | undefined {
    if (argv.includes('--node-ipc')) return { reader: this.reader(new IPCMessageReader(process)), writer: this.writer(new IPCMessageWriter(process)) };
    if (argv.includes('--stdio')) return { reader: this.reader(new StreamMessageReader(process.stdin)), writer: this.writer(new StreamMessageWriter(process.stdout)) };
    return undefined;
  }

  private reader(inner: MessageReader): MessageReader {
    return tapReader(inner, (message) => this.write({ e: 'r', t: now(), ...describe(message) }));
  }

  private writer(inner: MessageWriter): MessageWriter {
    const trace = this;
    return Object.assign(Object.create(inner) as MessageWriter, {
      write(message: Message): Promise<void> {
        // When the handler hands the message over, not when the transport has sent it.
        trace.write({ e: 'w', t: now(), ...describe(message) });
        return inner.write(message);
      },
    });
  }

  private write(event: TraceEvent): void {
    fs.writeSync(this.fd, `${JSON.stringify(event)}\n`);
  }
}

function describe(message: Message): Partial<TraceEvent> {
  const fields = message as { method?: string; id?: number | string | null; params?: { uri?: string; version?: number; diagnostics?: unknown[] } };
  const described: Partial<TraceEvent> = {};
  if (fields.method !== undefined) described.method = fields.method;
  if (fields.id !== undefined) described.id = fields.id;
  if (fields.method === 'textDocument/publishDiagnostics' && fields.params) {
    described.uri = fields.params.uri;
    described.version = fields.params.version;
    described.diagnostics = fields.params.diagnostics?.length;
  }
  if (fields.method === 'textDocument/didChange') {
    const document = (fields.params as unknown as { textDocument?: { uri: string; version: number } }).textDocument;
    described.uri = document?.uri;
    described.version = document?.version;
  }
  return described;
}
