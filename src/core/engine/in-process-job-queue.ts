import type { EngineJob, JobQueue } from "../ports/engine-jobs.ts";
import { engineJobId } from "../ports/engine-jobs.ts";

export type Schedule = (delayMs: number, callback: () => void) => void;

/**
 * Runs jobs in this process: enough for the terminal, where the candidate and the engine share
 * one process anyway. Nothing survives a restart; `engine.resume` asks again for lost work.
 */
export class InProcessJobQueue implements JobQueue {
  readonly #schedule: Schedule;
  readonly #running = new Map<string, Promise<void>>();
  #handler: ((job: EngineJob) => Promise<void>) | null = null;

  constructor(schedule?: Schedule) {
    this.#schedule = schedule ?? ((delayMs, callback) => setTimeout(callback, delayMs).unref());
  }

  async enqueue(job: EngineJob, delayMs = 0): Promise<void> {
    const id = engineJobId(job);
    if (this.#running.has(id)) return;
    if (delayMs > 0) {
      this.#schedule(delayMs, () => this.#run(id, job));
      return;
    }
    this.#run(id, job);
  }

  process(handler: (job: EngineJob) => Promise<void>): void {
    this.#handler = handler;
  }

  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running.values()]);
  }

  async close(): Promise<void> {
    await this.idle();
  }

  #run(id: string, job: EngineJob): void {
    const handler = this.#handler;
    if (!handler) return;
    // Errors are the handler's to report; a failed in-process job is retried only by `resume`.
    const running = handler(job).catch(() => {});
    this.#running.set(id, running);
    void running.finally(() => this.#running.delete(id));
  }
}
