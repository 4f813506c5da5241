import { DiscordBot } from "../../adapters/discord/index.ts";
import { createSlackBot } from "../../adapters/slack/index.ts";
import type { Config } from "../config.ts";
import type { ChatBotServices } from "../core/engine/chat-bot-services.ts";
import type { InterviewEngine } from "../core/engine/interview-engine.ts";
import type { ChatBot } from "../core/ports/chat-bot.ts";
import type { RedisSessionStore } from "../store/redis-session-store.ts";
import { startPeriodicSweep } from "./periodic-sweep.ts";
import { slackSecretStore } from "./slack-secret-store.ts";

/** How often due quiet-period timers are looked for. */
const TIMER_SWEEP_MS = 1_000;
/** How often communities whose grace period after removing the bot is over are looked for. */
const ERASURE_SWEEP_MS = 60_000;
/** How often communities whose retention period is due to be applied are looked for. */
const RETENTION_SWEEP_MS = 60_000;

/** The configured platforms' bots, not yet started. */
export function createBots(config: Config, store: RedisSessionStore, services: ChatBotServices): ChatBot[] {
  const bots: ChatBot[] = [];
  if (config.discord) {
    const { token, threadType, apiUrl, shards, removalGraceMs, adminRoleIds } = config.discord;
    bots.push(
      new DiscordBot(
        { token, threadType, shards, removalGraceMs, adminRoleIds, ...(apiUrl ? { apiUrl } : {}) },
        services,
      ),
    );
  }
  if (config.slack) {
    const { signingSecret, botToken, appToken, oauth, apiUrl, port, adminUsergroupIds } = config.slack;
    const secrets = slackSecretStore(config, config.slack, store, services.logger);
    bots.push(
      createSlackBot(
        {
          port,
          ...(signingSecret ? { signingSecret } : {}),
          ...(botToken ? { botToken } : {}),
          ...(appToken ? { appToken } : {}),
          ...(oauth ? { oauth } : {}),
          ...(apiUrl ? { apiUrl } : {}),
          adminUsergroupIds,
        },
        services,
        { secrets },
      ),
    );
  }
  return bots;
}

/**
 * The sweeps every transport process runs: the delivery sweep, which takes over messages a dead
 * or failing process left undelivered, the quiet-period timers, the erasure of communities
 * that removed the bot, and communities' retention periods. Returns a function that stops them and waits for a pass in progress.
 */
export function startSweeps(engine: InterviewEngine, services: ChatBotServices, deliveryGraceMs: number) {
  const { logger, desk, clock } = services;
  // Checked a few times per grace period, so overdue messages wait at most about 1.3 × grace.
  const stopDeliveries = startPeriodicSweep(
    "delivery sweep",
    async () => {
      const taken = await engine.deliverOverdue();
      if (taken > 0) logger.info("delivery sweep took over conversations", { taken });
    },
    logger,
    Math.max(250, deliveryGraceMs / 3),
  );
  // A quiet period is at least 10 s: a second's lateness is not noticed.
  const stopTimers = startPeriodicSweep(
    "quiet-period timers",
    () => engine.fireDueTimers(),
    logger,
    TIMER_SWEEP_MS,
  );
  // Each community's retention period, leased to one process and applied hourly per community;
  // a change of period is picked up within the minute.
  const stopRetention = startPeriodicSweep(
    "retention sweep",
    async () => {
      const applied = await desk.applyDueRetention(clock.now());
      if (applied.length > 0)
        logger.info("community retention periods applied", { communities: applied.length });
    },
    logger,
    RETENTION_SWEEP_MS,
  );
  const stopErasures = startPeriodicSweep(
    "community erasures",
    async () => {
      const erased = await desk.eraseDueCommunities(clock.now());
      if (erased.length > 0) logger.info("communities erased after their grace period", { erased });
      // Member erasures a process left unfinished (it died, or a job was still running).
      await desk.eraseDueMembers(clock.now());
    },
    logger,
    ERASURE_SWEEP_MS,
  );
  return async () => {
    await Promise.all([stopDeliveries(), stopTimers(), stopErasures(), stopRetention()]);
  };
}
