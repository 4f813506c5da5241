import { randomBytes } from "node:crypto";
import { DiscordBot } from "../../adapters/discord/index.ts";
import { createSlackBot } from "../../adapters/slack/index.ts";
import { ConfigError } from "../core/model/errors.ts";
import type { ChatBot } from "../core/ports/chat-bot.ts";
import { DEFAULT_RATE_LIMIT_POLICY } from "../core/ports/rate-limiter.ts";
import { createDocumentReader } from "../documents/index.ts";
import { CHAT_AI_BACKGROUND_TASKS, createDurableJobQueue, REDIS_REQUIRED, type Runtime } from "../runtime.ts";
import { RedisCandidateDirectory } from "../store/redis-candidate-directory.ts";
import { RedisSecretStore } from "../store/redis-secret-store.ts";
import { checkRedisAtStartup } from "../store/redis-startup-checks.ts";
import { createChatServices } from "./chat-services.ts";
import { startPeriodicSweep } from "./periodic-sweep.ts";
import { resumeOpenInterviews } from "./resume-open-interviews.ts";

/** How often due quiet-period timers are looked for. */
const TIMER_SWEEP_MS = 1_000;

/** `secondround serve`: the Discord and/or Slack bots until SIGINT or SIGTERM. */
export async function serveCommand(runtime: Runtime, stopSignal: Promise<unknown>): Promise<number> {
  const { config, logger, storage } = runtime;
  if (!config.redis || storage.kind !== "redis") throw new ConfigError(REDIS_REQUIRED);
  const { store } = storage;
  if (!config.discord && !config.slack)
    throw new ConfigError(
      "Nothing to serve: set DISCORD_BOT_TOKEN and/or the Slack settings (see .env.example).",
    );
  for (const warning of await checkRedisAtStartup(store.client)) logger.warn(warning);
  const jobs = createDurableJobQueue(runtime);
  const directory = new RedisCandidateDirectory({
    client: store.client,
    keyPrefix: config.keyPrefix,
    sessionTtlMs: config.sessionTtlMs,
  });
  const { engine, router, services } = createChatServices({
    store,
    directory,
    coach: runtime.coach,
    standInCoach: runtime.offlineCoach,
    jobs,
    documents: createDocumentReader(),
    logger,
    backgroundTasks: config.openai ? CHAT_AI_BACKGROUND_TASKS : new Set(),
    deliveryGraceMs: config.jobs.deliveryGraceMs,
    rateLimit: DEFAULT_RATE_LIMIT_POLICY,
  });
  const bots: ChatBot[] = [];
  let stopSweeps = async () => {};
  if (config.discord) {
    const { token, threadType, apiUrl, shards } = config.discord;
    bots.push(new DiscordBot({ token, threadType, shards, ...(apiUrl ? { apiUrl } : {}) }, services));
  }
  if (config.slack) {
    const { signingSecret, botToken, appToken, oauth, apiUrl, port } = config.slack;
    const secrets = new RedisSecretStore({
      client: store.client,
      keyPrefix: config.keyPrefix,
      // OAuth installs are encrypted with the configured key; a single-workspace install stores no token.
      encryptionKey: oauth?.encryptionKey ?? randomBytes(32).toString("base64"),
      logger,
    });
    bots.push(
      createSlackBot(
        {
          port,
          ...(signingSecret ? { signingSecret } : {}),
          ...(botToken ? { botToken } : {}),
          ...(appToken ? { appToken } : {}),
          ...(oauth ? { oauth } : {}),
          ...(apiUrl ? { apiUrl } : {}),
        },
        services,
        { secrets },
      ),
    );
  }
  try {
    for (const bot of bots) {
      router.register(bot);
      await bot.start();
    }
    const platforms = bots.map((bot) => bot.platform);
    process.stdout.write(`SecondRound is running on ${platforms.join(" and ")}.\n`);
    const resumed = await resumeOpenInterviews(store, engine, bots, logger);
    logger.info("open interviews resumed", { resumed });
    // Checked a few times per grace period, so overdue messages wait at most about 1.3 × grace.
    const stopDeliveries = startPeriodicSweep(
      "delivery sweep",
      async () => {
        const taken = await engine.deliverOverdue();
        if (taken > 0) logger.info("delivery sweep took over conversations", { taken });
      },
      logger,
      Math.max(250, config.jobs.deliveryGraceMs / 3),
    );
    // A quiet period is at least 10 s: a second's lateness is not noticed.
    const stopTimers = startPeriodicSweep(
      "quiet-period timers",
      () => engine.fireDueTimers(),
      logger,
      TIMER_SWEEP_MS,
    );
    stopSweeps = async () => {
      await Promise.all([stopDeliveries(), stopTimers()]);
    };
    await stopSignal;
    return 0;
  } finally {
    await stopSweeps();
    await Promise.allSettled(bots.map((bot) => bot.stop()));
    await engine.flushDeliveryMarks();
    await jobs.close();
  }
}
