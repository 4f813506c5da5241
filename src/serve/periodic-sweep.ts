import type { Logger } from "../core/ports/ports.ts";

/**
 * Runs one of the engine's sweeps on a timer (the delivery sweep, which takes over messages a
 * dead or failing process left undelivered; the quiet-period timers), one pass at a time.
 * Returns a function that stops it and waits for a pass
 * in progress.
 */
export function startPeriodicSweep(
  name: string,
  pass: () => Promise<unknown>,
  logger: Logger,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        await pass();
      } catch (error) {
        logger.warn(`${name} failed`, { error: String(error) });
      }
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
