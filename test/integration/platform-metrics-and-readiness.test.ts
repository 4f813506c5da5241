// The chat adapters report the platforms' rate limits and API errors to the metrics port, and say whether they are
// connected (readiness): real discord.js and Bolt against the emulators, each told to fail some calls.
import { afterEach, describe, expect, it } from "vitest";
import { DiscordBot } from "../../adapters/discord/index.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { InProcessJobQueue } from "../../src/core/engine/in-process-job-queue.ts";
import type { OutboundMessage } from "../../src/core/model/reply.ts";
import { createDocumentReader } from "../../src/documents/index.ts";
import { createChatServices } from "../../src/serve/chat-services.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import {
  type SlackWebApiEmulator,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { silentLogger, startByCommand } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { recordingPlatformMetrics } from "../support/recording-metrics.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";
import { startSlackStack } from "../support/slack-stack.ts";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

function notice(conversation: string, key: string): OutboundMessage {
  return {
    idempotencyKey: `platform-metrics:${key}`,
    conversation,
    visibility: { kind: "conversation" },
    replies: [{ kind: "text", tone: "notice", text: `A notice (${key}).` }],
    actions: [],
  };
}

describe("the Discord bot", () => {
  it("counts REST rate limits and error answers, and is connected from its start to its stop", async () => {
    const discord = new DiscordEmulator();
    await discord.start();
    cleanups.push(() => discord.stop());
    const keyPrefix = uniquePrefix("discord-metrics");
    const store = new RedisSessionStore({ url: redisUrl(), keyPrefix });
    cleanups.push(() => store.close());
    const jobs = new InProcessJobQueue();
    const { metrics, counts } = recordingPlatformMetrics();
    const { router, services } = createChatServices({
      store,
      directory: new RedisCandidateDirectory({ client: store.client, keyPrefix }),
      coach: createOfflineCoach(),
      jobs,
      documents: createDocumentReader(),
      logger: silentLogger,
      metrics,
    });
    const bot = new DiscordBot(
      { token: discord.botToken, threadType: "private", apiUrl: discord.apiUrl },
      services,
    );
    router.register(bot);
    expect(bot.connected).toBe(false);
    await bot.start();
    cleanups.push(() => bot.stop());
    expect(bot.connected).toBe(true);

    const ada = discord.addUser({ username: "ada" });
    const { thread, conversation } = await startByCommand(discord, ada.id, {
      role: "Analyst",
      company: "Acme",
    });
    const posted = () => discord.messagesIn(thread.id).filter((message) => message.author.bot).length;
    const before = posted();
    discord.failNext({
      method: "POST",
      pathPattern: /\/channels\/\d+\/messages$/,
      status: 429,
      retryAfter: 0,
    });
    await bot.send(notice(conversation, "after-429"));
    discord.failNext({ method: "POST", pathPattern: /\/channels\/\d+\/messages$/, status: 500 });
    await bot.send(notice(conversation, "after-500"));
    expect(posted()).toBe(before + 2);
    await eventually(() => (counts.rateLimited.get("discord") ?? 0) >= 1, 30_000, "the 429 counted");
    await eventually(() => (counts.apiErrors.get("discord") ?? 0) >= 1, 30_000, "the 500 counted");

    await bot.stop();
    expect(bot.connected).toBe(false);
  });
});

describe("the Slack bot", () => {
  let emulator: SlackWebApiEmulator;

  it("counts Web API rate limits and refusals, and is connected while its HTTP server listens", async () => {
    emulator = await startSlackWebApiEmulator();
    cleanups.push(() => emulator.close());
    const { metrics, counts } = recordingPlatformMetrics();
    const stack = await startSlackStack(emulator, {
      keyPrefix: uniquePrefix("slack-metrics"),
      wrapServices: (services) => ({ ...services, metrics }),
    });
    cleanups.push(() => stack.stop());
    expect(stack.bot.connected).toBe(true);

    const conversation =
      `slack:${slackDefaults.teamId}:${slackDefaults.channelId}:1700000000.000900` as const;
    emulator.failNext("chat.postMessage", "ratelimited", { status: 429, retryAfter: 0 });
    await stack.bot.send(notice(conversation, "slack-after-429"));
    expect(counts.rateLimited.get("slack")).toBe(1);
    emulator.failNext("chat.postMessage", "not_in_channel");
    await stack.bot.send(notice(conversation, "slack-refused")).catch(() => {});
    await eventually(() => (counts.apiErrors.get("slack") ?? 0) >= 1, 30_000, "the refusal counted");

    await stack.bot.stop();
    expect(stack.bot.connected).toBe(false);
  });
});
