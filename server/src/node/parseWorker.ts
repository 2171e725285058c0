/**
 * A worker thread of `readNotes.ts`: it reads, decodes and parses the notes of each job it is
 * given and sends them back in compact form with their anchors' keys, the buffers transferred,
 * then wakes the reader (which may be asleep in `Atomics.wait`). It holds nothing between jobs.
 */

import { workerData, type MessagePort } from 'worker_threads';
import { runParseJob, type ParseJob, type ParseResult } from './readNotes';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

function post(message: ParseResult, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (job: ParseJob) => {
  const { result, transfer } = runParseJob(job);
  post(result, transfer);
});
post({ ready: true, outcomes: [] });
