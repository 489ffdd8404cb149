/** Engine timers at least this long are timeouts that never need to hold the CLI open. */
export const LONG_TIMER_MS = 5_000;

let installed = false;

/**
 * The WebAssembly schema engine leaves 10 s and 60 s timers pending after its work is done, so
 * `migrate deploy` would take ~12 s and `migrate dev` ~63 s to exit. Unref-ing only long timers
 * scheduled from WebAssembly frames lets the CLI exit while leaving every other timer alone.
 * Only the CLI loads this module (through prisma.config.ts), never the app.
 */
export function unrefLongEngineTimers(): void {
  if (installed) return;
  installed = true;
  const originalSetTimeout = globalThis.setTimeout;
  const patchedSetTimeout = function (this: unknown, ...args: Parameters<typeof setTimeout>) {
    const timer = originalSetTimeout.apply(this, args);
    const delay = Number(args[1] ?? 0);
    if (delay >= LONG_TIMER_MS && isCalledFromWebAssembly(new Error().stack)) timer.unref();
    return timer;
  };
  globalThis.setTimeout = Object.assign(patchedSetTimeout, originalSetTimeout) as typeof setTimeout;
}

export function isCalledFromWebAssembly(stack: string | undefined): boolean {
  return stack?.includes("wasm://") ?? false;
}
