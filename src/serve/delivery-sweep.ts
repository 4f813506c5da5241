import type { InterviewEngine } from "../core/engine/interview-engine.ts";
import type { Logger } from "../core/ports/ports.ts";

/**
 * Runs the engine's delivery sweep on a timer, so messages a dead (or failing) process left
 * undelivered go out within the grace period plus one interval, not only at the next restart.
 * Returns a function that stops it and waits for a pass in progress.
 */
export function startDeliverySweep(
  engine: Pick<InterviewEngine, "deliverOverdue">,
  logger: Logger,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const taken = await engine.deliverOverdue();
        if (taken > 0) logger.info("delivery sweep took over conversations", { taken });
      } catch (error) {
        logger.warn("delivery sweep failed", { error: String(error) });
      }
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
