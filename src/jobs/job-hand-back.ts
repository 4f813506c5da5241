import { type Job, WaitingError } from "bullmq";

/**
 * Hands jobs still running at the end of a graceful shutdown back to their queue. Closing a BullMQ
 * worker by force would leave such a job "active" under a lock nobody renews, so another process
 * would take it only once the lock lapsed and the stalled-job check ran (up to twice
 * SECONDROUND_JOB_LOCK_MS), and the second stall of the same job would fail it for good. Moved
 * back to waiting instead, it is taken by another process's worker at once, with no attempt
 * counted against it. The work this process had started is abandoned (its model call is not
 * waited for); the job's id and the engine's "is this work still pending" check make sure its
 * result is committed once, whichever process finishes it.
 */
export class JobHandBack {
  readonly #controller = new AbortController();
  readonly #handedBack: Promise<"handed-back">;

  constructor() {
    const { signal } = this.#controller;
    this.#handedBack = new Promise((resolve) =>
      signal.addEventListener("abort", () => resolve("handed-back"), { once: true }),
    );
  }

  /** Runs a job's work; if the hand-back comes first, the job goes back to waiting instead. */
  async run(job: Job, token: string | undefined, work: () => Promise<void>): Promise<void> {
    const running = work();
    // Abandoned work may still fail later, with nobody left to hear it.
    running.catch(() => {});
    const outcome = await Promise.race([running.then(() => "done" as const), this.#handedBack]);
    if (outcome === "done") return;
    await job.moveToWait(token);
    // Tells BullMQ the job has been moved already: neither completed nor failed here.
    throw new WaitingError();
  }

  /** Hands every job still running back to its queue. */
  now(): void {
    this.#controller.abort();
  }
}
