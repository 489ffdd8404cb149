/**
 * Long work that a shutting-down process hands back: it checks an AbortSignal at safe
 * points (between committed batches, between polls) and throws WorkInterruptedError, so
 * the job goes back to the queue and resumes from what was committed.
 */
export class WorkInterruptedError extends Error {
  override name = "WorkInterruptedError";
  constructor() {
    super("The process is shutting down; the work was handed back");
  }
}

export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkInterruptedError();
}

/** Waits `ms`, or throws WorkInterruptedError as soon as `signal` aborts. */
export function interruptibleSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfInterrupted(signal);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WorkInterruptedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
