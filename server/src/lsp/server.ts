/**
 * The language server: LSP glue over the core. The session (`session.ts`) holds the state;
 * each area's handlers live in `handlers/` and find the note, return the empty result when there
 * is none, and delegate to a core feature. Diagnostics for every note of every workspace folder
 * are pushed, and kept current as notes change in the editor or on disk.
 */

import type { Connection } from 'vscode-languageserver';
import { Session } from './session';
import { registerLifecycle } from './handlers/lifecycle';
import { registerNavigation } from './handlers/navigation';
import { registerEditing } from './handlers/editing';
import { registerDecorations } from './handlers/decorations';
import { registerToriiRequests } from './handlers/toriiRequests';
import type { MessagePacing } from './pacedReader';
import type { StallWatchdog } from '../node/stallWatchdog';
import type { ClientArrivals } from './clientArrivals';
import { registerViews } from './handlers/views';

/** What the process gives the server beside its connection. */
export interface ServerSurroundings {
  /** The paced reader of a stdio connection, whose figures `torii/status` reports. */
  pacing?: MessagePacing;
  /** What stops a server that gets stuck (`stallWatchdog.ts`). */
  watchdog?: StallWatchdog;
  /** The messages the transport has read, noted before they are handled (`clientArrivals.ts`). */
  arrivals?: ClientArrivals;
}

export function startServer(connection: Connection, { pacing, watchdog, arrivals }: ServerSurroundings = {}): void {
  const session = new Session(connection, watchdog, arrivals);
  registerLifecycle(session);
  registerNavigation(session);
  registerEditing(session);
  registerDecorations(session);
  registerToriiRequests(session, pacing);
  registerViews(session);
  session.documents.listen(connection);
  connection.listen();
}
