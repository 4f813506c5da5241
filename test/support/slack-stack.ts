import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { SlackBot, type SlackBotOptions } from "../../adapters/slack/index.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";
import { InProcessJobQueue } from "../../src/core/engine/in-process-job-queue.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { Session } from "../../src/core/model/session.ts";
import type { Coach } from "../../src/core/ports/coach-port.ts";
import type { JobQueue } from "../../src/core/ports/engine-jobs.ts";
import type { Logger } from "../../src/core/ports/ports.ts";
import type { Transcriber } from "../../src/core/ports/transcriber.ts";
import { createDocumentReader } from "../../src/documents/index.ts";
import { createChatServices } from "../../src/serve/chat-services.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisCommunitySettingsStore } from "../../src/store/redis-community-settings-store.ts";
import { RedisProgressStore } from "../../src/store/redis-progress-store.ts";
import { RedisRoundOneLogStore } from "../../src/store/redis-round-one-log-store.ts";
import { RedisSecretStore } from "../../src/store/redis-secret-store.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { RedisStoryStore } from "../../src/store/redis-story-store.ts";
import {
  type AppResponse,
  type InboundRequest,
  type SignOptions,
  type SlackWebApiEmulator,
  sendToApp,
  signSlackRequest,
  slackDefaults,
} from "../emulators/slack/index.ts";
import { redisUrl } from "./redis-test-client.ts";

export const SIGNING_SECRET = "slack-stack-signing-secret";

/** A core Logger that keeps every line, so tests can assert on warnings (and on what was never logged). */
export function recordingCoreLogger(): Logger & {
  readonly lines: { level: string; message: string; fields?: Record<string, unknown> }[];
} {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, ...(fields ? { fields } : {}) });
  };
  return { lines, debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

export interface SlackStackOptions {
  readonly keyPrefix: string;
  /** "single": one workspace with the emulator's default bot token; "oauth": installs through /slack/install. */
  readonly mode?: "single" | "oauth";
  readonly coach?: Coach;
  /** Shared by stacks that play replicas of one deployment (same key, same tokens). */
  readonly encryptionKey?: string;
  /** Wraps the services handed to the bot (e.g. to count what handlers call). */
  readonly wrapServices?: (services: ChatBotServices) => ChatBotServices;
  /** In process by default; `serve` uses BullMQ on the same Redis. */
  readonly jobs?: JobQueue;
  /** The test setup's Redis by default; an outage test brings one it can stop. */
  readonly redisUrl?: string;
  /** Voice answers' transcription provider; none: an audio clip gets "voice needs a provider". */
  readonly transcriber?: Transcriber;
  /** User groups whose members may use `/interview admin` (SLACK_ADMIN_USERGROUP_IDS). */
  readonly adminUsergroupIds?: readonly string[];
  /** The services' clock (the user group cache's minute, say); the system clock by default. */
  readonly clock?: { now(): number };
}

export type SlackStack = Awaited<ReturnType<typeof startSlackStack>>;

/**
 * The production Slack wiring (createChatServices + SlackBot + RedisSecretStore) on a real Redis,
 * serving HTTP on 127.0.0.1 and calling the emulator. Two stacks on one prefix are two replicas.
 */
export async function startSlackStack(emulator: SlackWebApiEmulator, options: SlackStackOptions) {
  const redis = new Redis(options.redisUrl ?? redisUrl(), { maxRetriesPerRequest: 2 });
  // While a test stops Redis the client reconnects on its own; the store turns failed calls into StoreUnavailableError.
  redis.on("error", () => {});
  const logger = recordingCoreLogger();
  const store = new RedisSessionStore({ client: redis, keyPrefix: options.keyPrefix });
  const directory = new RedisCandidateDirectory({ client: redis, keyPrefix: options.keyPrefix });
  const secrets = new RedisSecretStore({
    client: redis,
    keyPrefix: options.keyPrefix,
    encryptionKey: options.encryptionKey ?? randomBytes(32).toString("base64"),
    logger,
  });
  const jobs = options.jobs ?? new InProcessJobQueue();
  const progress = new RedisProgressStore({ client: redis, keyPrefix: options.keyPrefix });
  const roundOneLogs = new RedisRoundOneLogStore({ client: redis, keyPrefix: options.keyPrefix });
  const stories = new RedisStoryStore({ client: redis, keyPrefix: options.keyPrefix });
  const communitySettings = new RedisCommunitySettingsStore({ client: redis, keyPrefix: options.keyPrefix });
  const { engine, router, services } = createChatServices({
    store,
    directory,
    progress,
    roundOneLogs,
    stories,
    communitySettings,
    coach: options.coach ?? createOfflineCoach(),
    jobs,
    documents: createDocumentReader(),
    logger,
    ...(options.transcriber ? { transcriber: options.transcriber } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const botOptions: SlackBotOptions = {
    signingSecret: SIGNING_SECRET,
    ...(options.mode === "oauth"
      ? { oauth: { ...emulator.oauthClient, stateSecret: "slack-stack-state-secret" } }
      : { botToken: slackDefaults.botToken }),
    apiUrl: emulator.apiUrl,
    port: 0,
    host: "127.0.0.1",
    // Fast, bounded retries: a 429 with Retry-After 0 is retried at once, a dead fake fails in 2 s.
    retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 },
    requestTimeoutMs: 2_000,
    ...(options.adminUsergroupIds ? { adminUsergroupIds: options.adminUsergroupIds } : {}),
  };
  const bot = new SlackBot(botOptions, options.wrapServices ? options.wrapServices(services) : services, {
    secrets,
  });
  router.register(bot);
  await bot.start();
  const url = `http://127.0.0.1:${bot.port}`;

  return {
    bot,
    engine,
    services,
    store,
    progress,
    communitySettings,
    secrets,
    redis,
    logger,
    /** `http://127.0.0.1:<port>`: /slack/events, and /slack/install + /slack/oauth_redirect with OAuth. */
    url,
    /** Signs (plus any tampering) and POSTs to /slack/events, as Slack does. */
    send(request: InboundRequest, tamper: Partial<SignOptions> = {}): Promise<AppResponse> {
      return sendToApp(
        `${url}/slack/events`,
        signSlackRequest(request, { signingSecret: SIGNING_SECRET, ...tamper }),
      );
    },
    /** Waits until every listener has finished its work after acknowledging, and every job has run. */
    async settle(): Promise<void> {
      for (let round = 0; round < 3; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await bot.idle();
        await engine.idle();
      }
    },
    /** The interview as stored in Redis (not any engine's cache). */
    async session(conversation: ConversationKey): Promise<Session | null> {
      return (await store.load(conversation))?.session ?? null;
    },
    async stop(): Promise<void> {
      await bot.stop();
      await engine.idle();
      await jobs.close();
      await redis.quit();
    },
  };
}
