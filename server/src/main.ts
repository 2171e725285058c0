/**
 * The Torii language server. Started by the VS Code extension over IPC, or by any LSP client
 * with `node dist/server.js --stdio`.
 */

import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { ClientArrivals } from './lsp/clientArrivals';
import { MessageTrace } from './lsp/messageTrace';
import { PacedMessageReader } from './lsp/pacedReader';
import { startServer } from './lsp/server';
import { limitHeapGrowth } from './node/heap';
import { startStallWatchdog, stallSecondsFromEnvironment } from './node/stallWatchdog';

limitHeapGrowth();

/**
 * Over stdio the messages are read at the pace they are handled (pacedReader.ts). Given its own
 * reader, the library no longer watches stdin, so the server ends itself when the client closes
 * it, as the library would: cleanly after a shutdown request, with an error code otherwise.
 */
function pacedStdioConnection(reader: PacedMessageReader): Connection {
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  const end = () => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  return connection;
}

// Every message is noted as it arrives, before the connection handles it: the typing hold asks
// whether the next key came while the server was busy (clientArrivals.ts). The two transports
// editors start Torii with are made here for that; any other the library makes from the arguments.
const arrivals = new ClientArrivals();
const stdio = process.argv.includes('--stdio');
// TORII_TRACE=FILE: a timing trace of every message (see messageTrace.ts), for measuring in an editor.
const traced = process.env.TORII_TRACE ? new MessageTrace(process.env.TORII_TRACE).transport(process.argv) : undefined;
const paced = !traced && stdio ? new PacedMessageReader(arrivals.watch(new StreamMessageReader(process.stdin)), process.stdin) : undefined;
const connection = traced
  ? createConnection(ProposedFeatures.all, arrivals.watch(traced.reader), traced.writer)
  : paced
    ? pacedStdioConnection(paced)
    : process.argv.includes('--node-ipc')
      ? createConnection(ProposedFeatures.all, arrivals.watch(new IPCMessageReader(process)), new IPCMessageWriter(process))
      : createConnection(ProposedFeatures.all);

// Over stdio, anything written to stdout corrupts the protocol: route the console to the client's log.
console.log = (...values: unknown[]) => connection.console.log(values.map(String).join(' '));
console.info = (...values: unknown[]) => connection.console.info(values.map(String).join(' '));
console.warn = (...values: unknown[]) => connection.console.warn(values.map(String).join(' '));
console.error = (...values: unknown[]) => connection.console.error(values.map(String).join(' '));

// A promise that fails with nobody waiting (a request the client did not answer, say) is logged;
// it must not take the server, and the user's session, down with it.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Torii: unhandled failure: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
});

// A main thread stuck for a minute (a loop that never ends) is stopped, with what it was doing in
// the log, so that the editor starts the server again instead of waiting on it forever.
startServer(connection, { pacing: paced, watchdog: startStallWatchdog(stallSecondsFromEnvironment()), arrivals });
// Over stdio the library parses what stdin read a turn later: bytes that came count as input already.
// (Listened to once the connection reads stdin, so that no byte is read before it listens.)
if (stdio) process.stdin.on('data', () => arrivals.noteInput());
