/**
 * Work made in steps: a generator that pauses (`yield`) between units of work and returns its
 * result. A server runs the steps between other messages (`NotesWorkspace.inSlices`); everyone
 * else runs them through at once with `runSteps`.
 */

export type Steps<T> = Generator<void, T>;

/** Runs `steps` to the end and returns what they make. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
