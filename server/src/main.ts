/**
 * The Torii language server. Started by the VS Code extension over IPC, or by any LSP client
 * with `node dist/server.js --stdio`.
 */

import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
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

// TORII_TRACE=FILE: a timing trace of every message (see messageTrace.ts), for measuring in an editor.
const traced = process.env.TORII_TRACE ? new MessageTrace(process.env.TORII_TRACE).transport(process.argv) : undefined;
const paced = !traced && process.argv.includes('--stdio') ? new PacedMessageReader(new StreamMessageReader(process.stdin), process.stdin) : undefined;
const connection = traced
  ? createConnection(ProposedFeatures.all, traced.reader, traced.writer)
  : paced
    ? pacedStdioConnection(paced)
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
startServer(connection, paced, startStallWatchdog(stallSecondsFromEnvironment()));
