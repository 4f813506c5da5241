import { DiscordBot, type DiscordShards } from "../../adapters/discord/index.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { InProcessJobQueue } from "../../src/core/engine/in-process-job-queue.ts";
import type { CoachTaskName } from "../../src/core/model/session-events.ts";
import type { Coach } from "../../src/core/ports/coach-port.ts";
import type { JobQueue } from "../../src/core/ports/engine-jobs.ts";
import type { Clock, Logger } from "../../src/core/ports/ports.ts";
import type { Transcriber } from "../../src/core/ports/transcriber.ts";
import { createDocumentReader } from "../../src/documents/index.ts";
import { createChatServices } from "../../src/serve/chat-services.ts";
import { resumeOpenInterviews } from "../../src/serve/resume-open-interviews.ts";
import type { FieldCipher } from "../../src/store/field-cipher.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisCommunitySettingsStore } from "../../src/store/redis-community-settings-store.ts";
import { RedisProgressStore } from "../../src/store/redis-progress-store.ts";
import { RedisRoundOneLogStore } from "../../src/store/redis-round-one-log-store.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { RedisStoryStore } from "../../src/store/redis-story-store.ts";
import type { Attachment, DiscordEmulator, RecordedMessage } from "../emulators/discord/index.ts";
import { CliProcess } from "./cli-process.ts";
import { redisUrl } from "./redis-test-client.ts";

export const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The production Discord wiring (createChatServices + DiscordBot) on a real Redis, connected to the
 * emulator. `stop()` is a clean shutdown; a second stack on the same prefix is a restarted bot.
 */
export async function startDiscordStack(
  discord: DiscordEmulator,
  options: {
    keyPrefix: string;
    coach?: Coach;
    jobs?: JobQueue;
    threadType?: "private" | "public";
    /** The test setup's Redis by default; benchmarks bring their own. */
    redisUrl?: string;
    /** Silent by default; pass a recording logger to assert on what was logged. */
    logger?: Logger;
    /** "auto" by default, as `serve` runs. */
    shards?: DiscordShards;
    /** The real clock by default; a fake one moves time for grace periods. */
    clock?: Clock;
    /** Coach tasks run as jobs (as `serve` does with an AI coach); none by default. */
    backgroundTasks?: ReadonlySet<CoachTaskName>;
    /** Seals personal text at rest (SECONDROUND_ENCRYPTION_KEYS). */
    cipher?: FieldCipher;
    /** Role ids whose members may use `/interview admin` (DISCORD_ADMIN_ROLE_IDS). */
    adminRoleIds?: readonly string[];
    /** Voice answers' transcription provider; none: a voice message gets "voice needs a provider". */
    transcriber?: Transcriber;
  },
) {
  const cipher = options.cipher ? { cipher: options.cipher } : {};
  const store = new RedisSessionStore({
    url: options.redisUrl ?? redisUrl(),
    keyPrefix: options.keyPrefix,
    ...cipher,
  });
  const directory = new RedisCandidateDirectory({ client: store.client, keyPrefix: options.keyPrefix });
  const jobs = options.jobs ?? new InProcessJobQueue();
  const progress = new RedisProgressStore({ client: store.client, keyPrefix: options.keyPrefix });
  const roundOneLogs = new RedisRoundOneLogStore({
    client: store.client,
    keyPrefix: options.keyPrefix,
    ...cipher,
  });
  const stories = new RedisStoryStore({ client: store.client, keyPrefix: options.keyPrefix, ...cipher });
  const communitySettings = new RedisCommunitySettingsStore({
    client: store.client,
    keyPrefix: options.keyPrefix,
  });
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
    logger: options.logger ?? silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.backgroundTasks ? { backgroundTasks: options.backgroundTasks } : {}),
    ...(options.transcriber ? { transcriber: options.transcriber } : {}),
  });
  const bot = new DiscordBot(
    {
      token: discord.botToken,
      threadType: options.threadType ?? "private",
      apiUrl: discord.apiUrl,
      ...(options.shards ? { shards: options.shards } : {}),
      ...(options.adminRoleIds ? { adminRoleIds: options.adminRoleIds } : {}),
    },
    services,
  );
  router.register(bot);
  await bot.start();
  await resumeOpenInterviews(store, engine, [bot], options.logger ?? silentLogger);
  return {
    bot,
    engine,
    store,
    services,
    progress,
    roundOneLogs,
    directory,
    communitySettings,
    async stop() {
      await bot.stop();
      await engine.idle();
      await jobs.close();
      await store.close();
    },
  };
}

type Component = { type: number; custom_id?: string; label?: string; components?: Component[] };

/** The custom id of a button (by label) on a recorded bot message, or null. */
export function buttonOn(message: RecordedMessage, label: string): string | null {
  for (const row of message.components as Component[]) {
    for (const button of row.components ?? []) if (button.label === label) return button.custom_id ?? null;
  }
  return null;
}

/** The newest bot message in a channel that carries buttons: the prompt waiting for an answer. */
export function latestPrompt(discord: DiscordEmulator, channelId: string): RecordedMessage | undefined {
  return discord
    .messagesIn(channelId)
    .filter((message) => message.author.bot && message.components.length > 0)
    .at(-1);
}

/** Every bot-written text and embed of a channel, as one searchable string. */
export function botText(discord: DiscordEmulator, channelId: string): string {
  return discord
    .messagesIn(channelId)
    .filter((message) => message.author.bot)
    .map((message) => `${message.content}\n${JSON.stringify(message.embeds)}`)
    .join("\n");
}

/** Presses a button (by label) on the prompt waiting in a thread, as `userId`. */
export async function pressButton(discord: DiscordEmulator, userId: string, threadId: string, label: string) {
  const prompt = latestPrompt(discord, threadId);
  const customId = prompt && buttonOn(prompt, label);
  if (!prompt || !customId) throw new Error(`No "${label}" button waiting in thread ${threadId}`);
  return discord.clickButton({ userId, channelId: threadId, messageId: prompt.id, customId });
}

/** `secondround serve` in a child process, connected to the emulator and a real Redis. */
export function serveDiscord(
  discord: DiscordEmulator,
  keyPrefix: string,
  env: Record<string, string> = {},
): CliProcess {
  return new CliProcess(["serve"], {
    REDIS_URL: redisUrl(),
    SECONDROUND_KEY_PREFIX: keyPrefix,
    DISCORD_BOT_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    ...env,
  });
}

/** `/interview start` by a member, then the interview thread and its first question. */
export async function startByCommand(
  discord: DiscordEmulator,
  userId: string,
  options: Record<string, string | number>,
  attachments: Record<string, Attachment> = {},
  /**
   * How long the bot may take to open the thread, and then to ask the first question (a model plans it when the
   * AI coach is on). Only a deadline for giving up: pass CHILD_PROCESS_MS when the bot is a `serve` process.
   */
  timeoutMs = 30_000,
) {
  const record = await discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand: "start",
    options,
    attachments,
  });
  const thread = await discord.waitFor(
    () => discord.threads.find((candidate) => candidate.members.includes(userId) && !candidate.deleted),
    timeoutMs,
    "interview thread",
  );
  const prompt = await discord.waitFor(() => latestPrompt(discord, thread.id), timeoutMs, "first question");
  return { record, thread, prompt, conversation: `discord:${discord.guildId}:${thread.id}` as const };
}
