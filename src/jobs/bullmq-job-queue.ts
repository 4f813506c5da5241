import { createHash } from "node:crypto";
import { type Job, Queue, Worker } from "bullmq";
import type { ConversationKey } from "../core/model/conversation.ts";
import type { SessionEvent } from "../core/model/session-events.ts";
import type { EngineJob, ForgottenJobs, JobQueue } from "../core/ports/engine-jobs.ts";
import { engineJobId } from "../core/ports/engine-jobs.ts";
import type { Metrics } from "../core/ports/metrics.ts";
import type { Logger } from "../core/ports/ports.ts";
import { QUEUE_DEPTH_STATES, type QueueDepth } from "../observability/queue-depth.ts";
import type { RedisConfig } from "../redis-config.ts";
import { settlesWithin } from "../settles-within.ts";
import { type RedisClient, redisConnector } from "../store/redis-connection.ts";
import { JobHandBack } from "./job-hand-back.ts";
import { JOB_RECORD_TTL_MS } from "./job-record-ttl.ts";

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
  /** Where failed job attempts are counted, by queue. */
  readonly metrics?: Metrics;
  /**
   * Which queues this process works on (see src/serve/process-role.ts); both by default. Coach
   * tasks need the AI provider; the transports' queues (job results handed off by workers, and
   * quiet-period timers left by earlier versions) end in a commit whose messages this process posts.
   */
  readonly work?: { readonly coachTasks: boolean; readonly transports: boolean };
}

/**
 * The two kinds of work a process may take on: coach tasks (model calls), and the transports'
 * (committing handed-off results and quiet-period timers left by earlier versions).
 */
export type WorkKind = "coach-tasks" | "transports";

/** A coach job's result, computed by a process without chat transports, for one with them to commit. */
export interface HandedOffResult {
  readonly job: EngineJob;
  readonly event: SessionEvent;
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
 * A handed-off result carries coach output about the candidate's answers: gone as soon as it is
 * committed, and kept an hour at most when it could not be.
 */
const RESULT_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 3_600 },
} as const;
const RESULT_RECORD_TTL_MS = 3_600_000;

/** How long handing unfinished jobs back (one Redis round trip each) may take at shutdown. */
const HAND_BACK_MS = 1_000;

/**
 * Durable jobs on the sessions' Redis with BullMQ: a job outlives the process that enqueued it
 * (another process's worker picks it up; a job held by a crashed worker is retried once its lock
 * lapses). Three queues: coach tasks, rate-limited per provider; results of coach tasks that a
 * worker-only process hands to the chat transports to commit; quiet-period timers.
 */
export class BullmqJobQueue implements JobQueue {
  readonly #config: BullmqJobQueueConfig;
  readonly #connection: RedisClient;
  readonly #producer: RedisClient;
  readonly #coach: Queue;
  readonly #timers: Queue;
  readonly #results: Queue;
  /** The workers of each kind of work, stopped one kind at a time at shutdown. */
  readonly #work: Record<WorkKind, { readonly workers: Worker[]; readonly handBack: JobHandBack }> = {
    "coach-tasks": { workers: [], handBack: new JobHandBack() },
    transports: { workers: [], handBack: new JobHandBack() },
  };
  readonly #running = new Set<Promise<void>>();
  #closed: Promise<void> | null = null;

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
    this.#results = new Queue("results", { connection, prefix, skipWaitingForReady: true });
    // Without a listener BullMQ prints every connection error to stderr.
    for (const queue of [this.#coach, this.#timers, this.#results]) {
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

  /**
   * Hands a coach task's result to the processes that run the chat transports, one of which
   * commits it and posts what it says (processResults). Its id is the task's: a result handed
   * off twice (the task retried after a crash) is added once while the first waits, and a late
   * second one changes nothing once the first is committed.
   */
  async handOff(job: EngineJob, event: SessionEvent): Promise<void> {
    const jobId = opaqueJobId(job);
    const result: HandedOffResult = { job, event };
    await this.#results.add("result", result, { ...RESULT_OPTIONS, jobId });
    await this.#producer.pexpire(this.#results.toKey(jobId), RESULT_RECORD_TTL_MS);
  }

  /**
   * Removes the records of the scope's jobs when the community is erased: their data names its
   * interviews and threads. A job running at this moment is locked; its record expires on its own
   * (JOB_RECORD_TTL_MS) and its result finds no interview to apply to.
   */
  async forgetScope(scope: string): Promise<number> {
    let removed = 0;
    for (const queue of [this.#coach, this.#timers, this.#results]) {
      const jobs = await queue.getJobs([...RECORDED_STATES]);
      for (const job of jobs) {
        if (!job || !inScope(conversationOfRecord(job.data), scope)) continue;
        removed += await job.remove().then(
          () => 1,
          () => 0,
        );
      }
    }
    return removed;
  }

  /**
   * Removes the records of these interviews' jobs and handed-off results (a member's erasure). A
   * running job is locked by its worker: counted as running, its record is removed by the next try,
   * once it has finished (its result finds no interview to apply to).
   */
  async forgetConversations(conversations: readonly ConversationKey[]): Promise<ForgottenJobs> {
    const named = new Set<string>(conversations);
    let removed = 0;
    let running = 0;
    if (named.size === 0) return { removed, running };
    for (const queue of [this.#coach, this.#timers, this.#results]) {
      const jobs = await queue.getJobs([...RECORDED_STATES, "active"]);
      for (const job of jobs) {
        const conversation = job ? conversationOfRecord(job.data) : undefined;
        if (!job || conversation === undefined || !named.has(conversation)) continue;
        const gone = await job.remove().then(
          () => true,
          () => false,
        );
        if (gone) removed += 1;
        // Still there: running under its worker's lock (or it finished and went meanwhile).
        else if (await queue.getJob(job.id ?? "")) running += 1;
      }
    }
    return { removed, running };
  }

  process(handler: (job: EngineJob) => Promise<void>): void {
    const { concurrency, coachConcurrency, coachRateLimit } = this.#config;
    const work = this.#config.work ?? { coachTasks: true, transports: true };
    const run = (kind: WorkKind) => this.#runner(kind, (job: Job<EngineJob>) => handler(job.data));
    if (work.coachTasks)
      this.#startWorker(
        "coach-tasks",
        new Worker(this.#coach.name, run("coach-tasks"), {
          ...this.#workerOptions(),
          concurrency: coachConcurrency,
          limiter: { max: coachRateLimit.max, duration: coachRateLimit.durationMs },
        }),
      );
    if (work.transports)
      this.#startWorker(
        "transports",
        new Worker(this.#timers.name, run("transports"), { ...this.#workerOptions(), concurrency }),
      );
  }

  /** Commits the results that worker-only processes hand off (in processes that run the transports). */
  processResults(apply: (result: HandedOffResult) => Promise<void>): void {
    if (!(this.#config.work ?? { transports: true }).transports) return;
    const run = this.#runner("transports", (job: Job<HandedOffResult>) => apply(job.data));
    this.#startWorker(
      "transports",
      new Worker(this.#results.name, run, {
        ...this.#workerOptions(),
        concurrency: this.#config.coachConcurrency,
      }),
    );
  }

  /** Each job's work is counted while it runs (idle) and handed back if shutdown cuts it short. */
  #runner<T>(kind: WorkKind, work: (job: Job<T>) => Promise<void>) {
    return async (job: Job<T>, token?: string) =>
      this.#work[kind].handBack.run(job, token, async () => {
        const running = work(job);
        this.#running.add(running);
        try {
          await running;
        } finally {
          this.#running.delete(running);
        }
      });
  }

  #workerOptions() {
    const { lockDurationMs, keyPrefix } = this.#config;
    // Stalled jobs are looked for as often as a lock lapses, so a crashed worker's job waits one lock period.
    return {
      connection: this.#connection,
      prefix: `{${keyPrefix}-jobs}`,
      lockDuration: lockDurationMs,
      stalledInterval: lockDurationMs,
    };
  }

  #startWorker(kind: WorkKind, worker: Worker): void {
    const { logger } = this.#config;
    this.#work[kind].workers.push(worker);
    worker.on("failed", (job, error) => {
      this.#config.metrics?.jobFailed(worker.name);
      logger.warn("job failed", {
        queue: worker.name,
        jobId: job?.id,
        attempts: job?.attemptsMade,
        error: error.message,
      });
    });
    worker.on("error", (error) =>
      logger.error("job worker error", { queue: worker.name, error: error.message }),
    );
  }

  /** True while every job worker this process started is running (none started yet: false). */
  get workersRunning(): boolean {
    const workers = this.#allWorkers();
    return workers.length > 0 && workers.every((worker) => worker.isRunning());
  }

  /** Jobs waiting, running, delayed and failed in each queue, counted in Redis (metrics). */
  async depth(): Promise<QueueDepth[]> {
    const queues = [this.#coach, this.#timers, this.#results];
    const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...QUEUE_DEPTH_STATES)));
    return queues.flatMap((queue, index) =>
      QUEUE_DEPTH_STATES.map((state) => ({ queue: queue.name, state, jobs: counts[index]?.[state] ?? 0 })),
    );
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

  /** Waits for the jobs in flight, however long they take, then closes. */
  async close(): Promise<void> {
    await Promise.all(this.#allWorkers().map((worker) => worker.close()));
    await this.#closeQueues();
  }

  /**
   * Graceful shutdown of one kind of work: takes no new job of that kind, lets those in flight
   * finish until `deadline` (epoch ms), and hands any still running then back to their queue for
   * another process (see JobHandBack).
   */
  async stopWorking(kind: WorkKind, deadline: number): Promise<void> {
    const closing = Promise.all(this.#work[kind].workers.map((worker) => worker.close()));
    if (await settlesWithin(closing, Math.max(0, deadline - Date.now()))) return;
    this.#config.logger.warn("jobs still running at the shutdown deadline are handed back to the queue", {
      kind,
    });
    this.#work[kind].handBack.now();
    await settlesWithin(closing, HAND_BACK_MS);
  }

  /** Graceful shutdown: every kind of work stopped by `deadline` (see stopWorking), then the connections closed. */
  async shutDown(deadline: number): Promise<void> {
    await this.stopWorking("transports", deadline);
    await this.stopWorking("coach-tasks", deadline);
    await this.#closeQueues();
  }

  #allWorkers(): Worker[] {
    return [...this.#work["coach-tasks"].workers, ...this.#work.transports.workers];
  }

  /** Closes the queues and the connections, once however often it is called. */
  #closeQueues(): Promise<void> {
    this.#closed ??= (async () => {
      await Promise.all([this.#coach.close(), this.#timers.close(), this.#results.close()]);
      await Promise.all([this.#connection.quit(), this.#producer.quit()]);
    })();
    return this.#closed;
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

/** The states in which BullMQ keeps a job's record (an active one is locked by its worker). */
const RECORDED_STATES = ["waiting", "delayed", "prioritized", "completed", "failed"] as const;

/** The interview a job record is about: a job's own data, or a handed-off result's job. */
function conversationOfRecord(data: unknown): string | undefined {
  const record = data as { conversation?: unknown; job?: { conversation?: unknown } } | null;
  const conversation = record?.conversation ?? record?.job?.conversation;
  return typeof conversation === "string" ? conversation : undefined;
}

/** A conversation key belongs to a scope when it is the scope or starts with it and ":". */
function inScope(conversation: string | undefined, scope: string): boolean {
  return conversation !== undefined && (conversation === scope || conversation.startsWith(`${scope}:`));
}
