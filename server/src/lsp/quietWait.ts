/**
 * Work done once things have been quiet for a while: each `later(key)` puts off that key's run
 * until `quietMs` have passed without another; runs for different keys are independent. `run`
 * must not throw: nothing would catch it.
 */
export class QuietWait<K> {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly quietMs: number,
    private readonly run: (key: K) => Promise<void> | void,
  ) {}

  later(key: K): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      void this.run(key);
    }, this.quietMs);
    // A wait still running keeps no process alive that is otherwise done (a server shutting down).
    timer.unref?.();
    this.timers.set(key, timer);
  }
}
