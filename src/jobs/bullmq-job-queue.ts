import { createHash } from "node:crypto";
import { type Job, Queue, Worker } from "bullmq";
import type { EngineJob, JobQueue } from "../core/ports/engine-jobs.ts";
import { engineJobId } from "../core/ports/engine-jobs.ts";
import type { Logger } from "../core/ports/ports.ts";
import type { RedisConfig } from "../redis-config.ts";
import { type RedisClient, redisConnector } from "../store/redis-connection.ts";

export interface BullmqJobQueueConfig {
  /** The sessions' Redis, any topology: the queue opens its own connections to it. */
  readonly redis: RedisConfig;
  /** The deployment's key namespace; BullMQ's keys go under `{<prefix>-jobs}` (one Cluster slot). */
  readonly keyPrefix: string;
  /**
   * The LLM provider's name (e.g. its host). Coach tasks for one provider share one queue, so its
   * rate limit holds across every process of the deployment.
   */
  readonly provider: string;
  /** Coach tasks started per window for this provider, across all processes. */
  readonly coachRateLimit: { readonly max: number; readonly durationMs: number };
  /**
   * Coach tasks one process runs at once. Each spends nearly all its time waiting on one model
   * call, and a report needs two at the same moment, so a limit sized for CPU work (like
   * `concurrency`) would make interviews that finish together wait for each other's calls.
   */
  readonly coachConcurrency: number;
  /** Quiet-period timers one process runs at once. */
  readonly concurrency: number;
  /** A crashed worker's job is given to another after this long. */
  readonly lockDurationMs: number;
  readonly logger: Logger;
}

/** Retries with backoff for work that failed for a passing reason (Redis blip, commit conflicts). */
const JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000 },
  // Kept for an hour so a redelivered request within that time is recognised by its id.
  removeOnComplete: { age: 3_600 },
  removeOnFail: { age: 24 * 3_600 },
} as const;

/**
 * How long a job's record (its data names the interview and the thread) outlives the job's delay.
 * BullMQ removes finished jobs only when a later job finishes, so a quiet deployment (or an
 * uninstalled workspace) would keep the last records for good; an expiry on the record bounds them
 * whatever happens. Longer than a failed job is kept for inspection (`removeOnFail`).
 */
const JOB_RECORD_TTL_MS = 25 * 3_600_000;

/**
 * Durable jobs on the sessions' Redis with BullMQ: a job outlives the process that enqueued it
 * (another process's worker picks it up; a job held by a crashed worker is retried once its lock
 * lapses). Two queues: coach tasks, rate-limited per provider, and quiet-period timers.
 */
export class BullmqJobQueue implements JobQueue {
  readonly #config: BullmqJobQueueConfig;
  readonly #connection: RedisClient;
  readonly #producer: RedisClient;
  readonly #coach: Queue;
  readonly #timers: Queue;
  readonly #workers: Worker[] = [];
  readonly #running = new Set<Promise<void>>();

  constructor(config: BullmqJobQueueConfig) {
    this.#config = config;
    const connector = redisConnector(config.redis);
    // Workers block on this connection (BullMQ gives each worker a duplicate of it, Cluster or
    // not); BullMQ requires unlimited retries per request for them.
    this.#connection = connector.open({ maxRetriesPerRequest: null });
    // Adding a job must fail fast during an outage instead of holding up the chat event that
    // caused it: the work stays pending in the session and is asked for again on resume.
    this.#producer = connector.open({ maxRetriesPerRequest: 2 });
    for (const client of [this.#connection, this.#producer]) {
      client.on("error", (error) => config.logger.warn("job queue redis error", { error: error.message }));
    }
    const prefix = `{${config.keyPrefix}-jobs}`;
    const connection = this.#producer;
    this.#coach = new Queue(coachQueueName(config.provider), {
      connection,
      prefix,
      skipWaitingForReady: true,
    });
    this.#timers = new Queue("timers", { connection, prefix, skipWaitingForReady: true });
    // Without a listener BullMQ prints every connection error to stderr.
    for (const queue of [this.#coach, this.#timers]) {
      queue.on("error", (error) =>
        config.logger.warn("job queue error", { queue: queue.name, error: error.message }),
      );
    }
  }

  async enqueue(job: EngineJob, delayMs = 0): Promise<void> {
    const queue = job.kind === "coach-task" ? this.#coach : this.#timers;
    const jobId = opaqueJobId(job);
    await queue.add(job.kind, job, { ...JOB_OPTIONS, jobId, delay: delayMs });
    await this.#producer.pexpire(queue.toKey(jobId), delayMs + JOB_RECORD_TTL_MS);
  }

  process(handler: (job: EngineJob) => Promise<void>): void {
    const { concurrency, coachConcurrency, lockDurationMs, coachRateLimit, logger } = this.#config;
    const prefix = `{${this.#config.keyPrefix}-jobs}`;
    const run = async (job: Job<EngineJob>) => {
      const running = handler(job.data);
      this.#running.add(running);
      try {
        await running;
      } finally {
        this.#running.delete(running);
      }
    };
    // Stalled jobs are looked for as often as a lock lapses, so a crashed worker's job waits one lock period.
    const common = {
      connection: this.#connection,
      prefix,
      lockDuration: lockDurationMs,
      stalledInterval: lockDurationMs,
    };
    this.#workers.push(
      new Worker(this.#coach.name, run, {
        ...common,
        concurrency: coachConcurrency,
        limiter: { max: coachRateLimit.max, duration: coachRateLimit.durationMs },
      }),
      new Worker(this.#timers.name, run, { ...common, concurrency }),
    );
    for (const worker of this.#workers) {
      worker.on("failed", (job, error) =>
        logger.warn("job failed", {
          queue: worker.name,
          jobId: job?.id,
          attempts: job?.attemptsMade,
          error: error.message,
        }),
      );
      worker.on("error", (error) =>
        logger.error("job worker error", { queue: worker.name, error: error.message }),
      );
    }
  }

  /** Waits until this process runs no job and no coach task is waiting to start. */
  async idle(): Promise<void> {
    for (;;) {
      await Promise.allSettled([...this.#running]);
      const waiting = await this.#coach.getJobCountByTypes("waiting", "active", "prioritized");
      if (this.#running.size === 0 && waiting === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close()));
    await Promise.all([this.#coach.close(), this.#timers.close()]);
    await Promise.all([this.#connection.quit(), this.#producer.quit()]);
  }
}

/**
 * The job's id in BullMQ: the same work always gets the same id (so a redelivered request is not
 * added twice), but as a digest. BullMQ repeats ids in keys that never expire (its event stream, the
 * completed and failed lists), which must not name an interview once its data is erased.
 */
function opaqueJobId(job: EngineJob): string {
  return `j-${createHash("sha256").update(engineJobId(job)).digest("base64url").slice(0, 32)}`;
}

/** BullMQ queue names may not contain ":"; a provider is named by its host, e.g. "api.openai.com". */
function coachQueueName(provider: string): string {
  return `coach-${provider.toLowerCase().replace(/[^a-z0-9.-]/g, "-")}`;
}
