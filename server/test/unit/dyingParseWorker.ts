/**
 * A parse worker for the tests of `readNotes.ts` that fails on purpose: it answers its first
 * job, then dies in the middle of its second (`exit`) or stops answering (`hang`).
 */

import { workerData, type MessagePort } from 'worker_threads';
import { runParseJob, type ParseJob } from '../../src/node/readNotes';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
const failure = process.env.TORII_TEST_WORKER_FAILURE ?? 'exit';
let jobs = 0;

port.postMessage({ ready: true, outcomes: [] });
Atomics.add(signal, 0, 1);
Atomics.notify(signal, 0);

port.on('message', (job: ParseJob) => {
  jobs++;
  if (jobs >= 2) {
    if (failure === 'exit') process.exit(1);
    return;
  }
  const { result, transfer } = runParseJob(job);
  port.postMessage(result, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
