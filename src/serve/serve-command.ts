import type { ProcessRole } from "../config.ts";
import { CommunityCoaching } from "../core/engine/community-coaching.ts";
import { retentionPeriodMs } from "../core/model/community-settings.ts";
import { ConfigError } from "../core/model/errors.ts";
import type { ChatBot } from "../core/ports/chat-bot.ts";
import type { Logger } from "../core/ports/ports.ts";
import { DEFAULT_RATE_LIMIT_POLICY } from "../core/ports/rate-limiter.ts";
import { createDocumentReader } from "../documents/index.ts";
import { createInterviewEngine } from "../engine-factory.ts";
import type { BullmqJobQueue } from "../jobs/bullmq-job-queue.ts";
import { configuredPlatforms, startHealthEndpoints } from "../observability/health-endpoints.ts";
import type { HealthServer } from "../observability/health-server.ts";
import { CHAT_AI_BACKGROUND_TASKS, createDurableJobQueue, REDIS_REQUIRED, type Runtime } from "../runtime.ts";
import { settlesWithin } from "../settles-within.ts";
import { RedisCandidateDirectory } from "../store/redis-candidate-directory.ts";
import { RedisCommunitySettingsStore } from "../store/redis-community-settings-store.ts";
import { RedisErasureNotices } from "../store/redis-erasure-notices.ts";
import { RedisProgressStore } from "../store/redis-progress-store.ts";
import { RedisRoundOneLogStore } from "../store/redis-round-one-log-store.ts";
import type { RedisSessionStore } from "../store/redis-session-store.ts";
import { checkRedisAtStartup } from "../store/redis-startup-checks.ts";
import { RedisStoryStore } from "../store/redis-story-store.ts";
import { createChatServices } from "./chat-services.ts";
import { roleRuns } from "./process-role.ts";
import { resumeOpenInterviews } from "./resume-open-interviews.ts";
import { type ShutdownRequest, ShutdownRequested, unlessShutdown } from "./shutdown-signals.ts";
import { createBots, startSweeps } from "./start-transports.ts";
import { workerVoiceSources } from "./worker-voice-sources.ts";

/** How long each remaining shutdown step (stopping a bot, writing delivery records) may take. */
const STEP_MS = 1_500;
/**
 * Past the grace period and the steps after it, the process exits whatever is still open: an
 * orchestrator would kill it a moment later anyway, without the log line saying why.
 */
const BACKSTOP_MS = 3 * STEP_MS;

export interface ServeOptions {
  /** Transports, coach jobs, or both (see process-role.ts). */
  readonly role: ProcessRole;
  /** Installed before start-up began (see shutdown-signals.ts). */
  readonly shutdown: ShutdownRequest;
}

/**
 * `secondround serve` and `secondround worker`: the chat transports (the Discord and/or Slack
 * bots, the delivery sweep, quiet-period timers, committing coach results handed off by
 * workers) and/or the coach jobs, until SIGTERM or SIGINT, then a graceful shutdown. A signal
 * during start-up skips the rest of it and shuts down what was started. Resolves with 0 once
 * shut down; the caller closes the store last.
 */
export async function serveCommand(runtime: Runtime, { role, shutdown }: ServeOptions): Promise<number> {
  const { config, logger, storage } = runtime;
  if (!config.redis || storage.kind !== "redis") throw new ConfigError(REDIS_REQUIRED);
  const runs = roleRuns(role);
  if (runs.transports && !config.discord && !config.slack)
    throw new ConfigError(
      "Nothing to serve: set DISCORD_BOT_TOKEN and/or the Slack settings (see .env.example), or run `secondround worker` for the coach jobs only.",
    );
  const { store } = storage;
  const started = new ServeProcess(logger, config.shutdownGraceMs);
  try {
    // First, so probes are answered (alive, not ready) while Redis or a platform is still awaited.
    started.health = await startHealthEndpoints(runtime, {
      redis: store.client,
      platforms: runs.transports ? configuredPlatforms(config) : [],
      bots: () => started.bots,
      jobs: () => started.jobs,
    });
    for (const warning of await unlessShutdown(shutdown, checkRedisAtStartup(store.client)))
      logger.warn(warning);
    await unlessShutdown(shutdown, store.checkEncryptionKeys());
    if (!config.encryptionKeys)
      logger.warn(
        "candidates' answers and CVs are stored unencrypted: set SECONDROUND_ENCRYPTION_KEYS (docs/privacy.md)",
      );
    const jobs = createDurableJobQueue(runtime, runs);
    started.jobs = jobs;
    // Erasures anywhere in the deployment reach this process's cached interviews.
    const notices = new RedisErasureNotices({
      client: store.client,
      keyPrefix: config.keyPrefix,
      onError: (error) => logger.warn("erasure notices connection error", { error: String(error) }),
    });
    started.notices = notices;
    if (runs.transports) await startTransports(runtime, store, jobs, started, shutdown, notices);
    else await unlessShutdown(shutdown, startWorker(runtime, store, jobs, notices));
    await shutdown.requested;
  } catch (error) {
    if (!(error instanceof ShutdownRequested)) {
      await started.shutDown();
      throw error;
    }
  }
  logger.info("shutting down", { role });
  await started.shutDown();
  return 0;
}

/**
 * What a serve or worker process has started, and the order it is stopped in: the sweeps; the
 * transports' own jobs (a handed-off result being committed is posted while the bots still run,
 * a second at most); the bots, so no new events; coach jobs in flight get the rest of the grace
 * period, their results handed to another process now that this one's bots are gone; last the
 * delivery records still waiting are written. Redis is closed after all of it, by the caller.
 */
class ServeProcess {
  readonly #logger: Logger;
  readonly #graceMs: number;
  jobs: BullmqJobQueue | null = null;
  bots: readonly ChatBot[] = [];
  /** False once the bots are stopped (or before they start): job results are then handed off. */
  postsHere = false;
  stopSweeps: () => Promise<void> = async () => {};
  flushDeliveryMarks: () => Promise<void> = async () => {};
  /** Closed last, so probes and scrapes are answered (not ready) while the process drains. */
  health: HealthServer | null = null;
  /** The erasure notices' subscription, closed once nothing is cached any more. */
  notices: RedisErasureNotices | null = null;

  constructor(logger: Logger, graceMs: number) {
    this.#logger = logger;
    this.#graceMs = graceMs;
  }

  async shutDown(): Promise<void> {
    const deadline = Date.now() + this.#graceMs;
    const backstop = setTimeout(() => {
      this.#logger.error("shutdown did not finish in time; exiting with work still open");
      process.exit(1);
    }, this.#graceMs + BACKSTOP_MS);
    backstop.unref();
    await this.#step("sweeps", this.stopSweeps());
    await this.jobs?.stopWorking("transports", Math.min(deadline, Date.now() + STEP_MS));
    this.postsHere = false;
    await this.#step("bots", Promise.allSettled(this.bots.map((bot) => bot.stop())));
    await this.jobs?.shutDown(deadline);
    await this.#step("delivery records", this.flushDeliveryMarks());
    await this.#step("erasure notices", this.notices?.close() ?? Promise.resolve());
    await this.#step("health endpoints", this.health?.close() ?? Promise.resolve());
    clearTimeout(backstop);
  }

  async #step(name: string, work: Promise<unknown>): Promise<void> {
    if (!(await settlesWithin(work, STEP_MS)))
      this.#logger.warn("a shutdown step did not finish in time", { step: name });
  }
}

/**
 * The bots, the sweeps and the transports' jobs (results handed off by workers, quiet-period
 * timers of earlier versions); with the "all" role also the coach jobs, whose results are
 * committed here while the bots run.
 */
async function startTransports(
  runtime: Runtime,
  store: RedisSessionStore,
  jobs: BullmqJobQueue,
  started: ServeProcess,
  shutdown: ShutdownRequest,
  notices: RedisErasureNotices,
): Promise<void> {
  const { config, logger } = runtime;
  const communitySettings = new RedisCommunitySettingsStore({
    client: store.client,
    keyPrefix: config.keyPrefix,
  });
  // Members' long-lived data expires with the community's retention period where it is shorter.
  const periodOf = async (scope: string) => retentionPeriodMs(await communitySettings.get(scope));
  const directory = new RedisCandidateDirectory({
    client: store.client,
    keyPrefix: config.keyPrefix,
    sessionTtlMs: config.sessionTtlMs,
  });
  const { engine, router, services } = createChatServices({
    store,
    directory,
    sessionTtlMs: config.sessionTtlMs,
    progress: new RedisProgressStore({ client: store.client, keyPrefix: config.keyPrefix, periodOf }),
    roundOneLogs: new RedisRoundOneLogStore({
      client: store.client,
      keyPrefix: config.keyPrefix,
      periodOf,
      ...(store.cipher ? { cipher: store.cipher } : {}),
    }),
    stories: new RedisStoryStore({
      client: store.client,
      keyPrefix: config.keyPrefix,
      periodOf,
      ...(store.cipher ? { cipher: store.cipher } : {}),
    }),
    communitySettings,
    erasureNotices: notices,
    metrics: runtime.metrics,
    coach: runtime.coach,
    standInCoach: runtime.offlineCoach,
    jobs,
    documents: createDocumentReader(),
    logger,
    backgroundTasks: config.openai ? CHAT_AI_BACKGROUND_TASKS : new Set(),
    ...(runtime.transcriber ? { transcriber: runtime.transcriber } : {}),
    deliveryGraceMs: config.jobs.deliveryGraceMs,
    rateLimit: DEFAULT_RATE_LIMIT_POLICY,
    // Before the bots are up and after they stop, a finished job's messages could not be posted
    // from here: its result goes to a process that can post them (or to this one's successor).
    handOffJobResult: async (job, event) => {
      if (started.postsHere) return false;
      await jobs.handOff(job, event);
      return true;
    },
  });
  started.flushDeliveryMarks = () => engine.flushDeliveryMarks();
  await unlessShutdown(shutdown, engine.followErasures(notices));
  const bots = createBots(config, store, services);
  started.bots = bots;
  for (const bot of bots) {
    router.register(bot);
    await unlessShutdown(shutdown, bot.start());
  }
  started.postsHere = true;
  jobs.processResults(({ job, event }) => engine.applyJobResult(job, event));
  const platforms = bots.map((bot) => bot.platform);
  process.stdout.write(`SecondRound is running on ${platforms.join(" and ")}.\n`);
  const resumed = await unlessShutdown(shutdown, resumeOpenInterviews(store, engine, bots, logger));
  logger.info("open interviews resumed", { resumed });
  started.stopSweeps = startSweeps(engine, services, config.jobs.deliveryGraceMs);
}

/**
 * The coach jobs only. The engine here never commits: each result is handed to a transport
 * process (see BullmqJobQueue.handOff), which commits it and posts what it says, so a worker
 * needs the AI provider's settings and no platform credentials.
 */
async function startWorker(
  runtime: Runtime,
  store: RedisSessionStore,
  jobs: BullmqJobQueue,
  notices: RedisErasureNotices,
): Promise<void> {
  const { config, logger } = runtime;
  if (!config.openai)
    logger.warn(
      "no AI coach is configured (OPENAI_API_KEY or OPENAI_BASE_URL): the offline coach runs inline in the serve processes, so this worker has no jobs to run",
    );
  const engine = createInterviewEngine({
    store,
    coach: runtime.coach,
    standInCoach: runtime.offlineCoach,
    sender: {
      async send() {
        throw new Error("A worker process posts nothing: its job results are committed by a serve process.");
      },
    },
    logger,
    jobs,
    // The worker runs the AI coach's jobs: each community's budget and AI setting apply here too.
    community: new CommunityCoaching(
      new RedisCommunitySettingsStore({ client: store.client, keyPrefix: runtime.config.keyPrefix }),
      { now: () => Date.now() },
    ),
    backgroundTasks: CHAT_AI_BACKGROUND_TASKS,
    // Voice clips are transcribed here too, fetched again from their platform.
    ...(runtime.transcriber
      ? { voice: { transcriber: runtime.transcriber, source: workerVoiceSources(config, store, logger) } }
      : {}),
    handOffJobResult: async (job, event) => {
      await jobs.handOff(job, event);
      return true;
    },
  });
  // The worker reads interviews for its jobs: an erasure elsewhere drops its copies too.
  await engine.followErasures(notices);
  process.stdout.write("SecondRound worker is running the coach jobs.\n");
}
