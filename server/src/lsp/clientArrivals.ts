/**
 * What the client has sent that the server has not handled yet: the pause `typingHold.ts` waits
 * for is the writer's, not the server's.
 *
 * The hold shows a note's new complaints once no key has come for half a second. A server busy
 * for that long (a first 📙 completion at ten thousand notes takes over a second) finds the hold's
 * timer run out when it is free again, though the next key was sent meanwhile: Node runs timers
 * that are due before it reads the input, and the protocol library hands a message on a turn or
 * more after reading it. Shown then, the complaint is about a link already typed further.
 *
 * So every message is noted here as it arrives, before the connection handles it, and a timer
 * that ran out asks two things first: whether the input has been quiet for a turn of the event
 * loop (`whenQuiet`: what was sent meanwhile is read by then), and whether a change of that
 * document newer than the one handled has arrived (`newerChange`). If one has, its own handling
 * holds the complaints again.
 *
 * Fed from the reader of the transport: the `--stdio` and `--node-ipc` transports editors start
 * Torii with (`main.ts`). With another transport nothing is noted, and the hold ends on its timer
 * alone, as before.
 */

import type { Message, MessageReader } from 'vscode-languageserver/node';
import { tapReader } from './readerTap';

/** The most turns of the event loop a timer's decision is put off while input keeps coming. */
export const MOST_TURNS = 64;

export class ClientArrivals {
  /** The newest version of each open document the client has sent, by URI. */
  private readonly versions = new Map<string, number>();
  /** How many times something came in: `whenQuiet` compares it between two looks. */
  private comings = 0;

  constructor(
    /** Runs `next` in a later turn of the event loop, after the input is read (tests pass their own). */
    private readonly later: (next: () => void) => void = (next) => setImmediate(next),
  ) {}

  /** A message read from the client, before the connection handles it. */
  noteMessage(message: Message): void {
    this.comings++;
    const { method, params } = message as { method?: unknown; params?: { textDocument?: { uri?: unknown; version?: unknown } } };
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') return;
    const version = params?.textDocument?.version;
    if (method === 'textDocument/didClose') this.versions.delete(uri);
    // A document opened again starts its versions anew.
    else if ((method === 'textDocument/didOpen' || method === 'textDocument/didChange') && typeof version === 'number') this.versions.set(uri, version);
  }

  /** Bytes came in that are not yet a whole message (stdin, read a turn before the library parses it). */
  noteInput(): void {
    this.comings++;
  }

  /** True when the client has sent a change of `uri` newer than `version`, not yet handled. */
  newerChange(uri: string, version: number): boolean {
    const sent = this.versions.get(uri);
    return sent !== undefined && sent > version;
  }

  /**
   * Calls `then` once a whole turn of the event loop has passed with nothing coming in, or after
   * `MOST_TURNS` turns if input keeps coming (the writer types on: the decision is then made on
   * what has arrived so far).
   */
  whenQuiet(then: () => void): void {
    let turns = 0;
    let seen = this.comings;
    const look = (): void => {
      if (this.comings !== seen && ++turns < MOST_TURNS) {
        seen = this.comings;
        this.later(look);
        return;
      }
      then();
    };
    this.later(look);
  }

  /** `reader`, with every message it delivers noted here first. */
  watch(reader: MessageReader): MessageReader {
    return tapReader(reader, (message) => this.noteMessage(message));
  }
}
