import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { startByCommand, startDiscordStack } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

// A Discord server that removes the bot has its data erased after a grace period (7 days by
// default), as a Slack workspace is on uninstall; adding the bot back within it keeps everything.
// Time is a fake clock: the bot schedules with it and the erasure sweep is run at chosen moments.

const DAY_MS = 24 * 60 * 60_000;
const redis = testRedisClient();

let discord: DiscordEmulator;
const stacks: { stop(): Promise<void> }[] = [];
let now = 0;
const clock = { now: () => now };

beforeEach(async () => {
  now = Date.UTC(2026, 11, 1);
  discord = new DiscordEmulator();
  await discord.start();
});

afterEach(async () => {
  await Promise.all(stacks.splice(0).map((stack) => stack.stop().catch(() => {})));
  await discord.stop();
});

/** A member's interview in the server, and another server's interview stored beside it. */
async function serverWithAnInterview(keyPrefix: string) {
  const stack = await startDiscordStack(discord, { keyPrefix, clock });
  stacks.push(stack);
  const ada = discord.addUser({ username: "ada" });
  const { conversation } = await startByCommand(discord, ada.id, {
    role: "Analyst",
    company: "Acme",
    questions: 2,
  });
  await stack.services.desk.start({
    scope: "discord:111",
    candidate: { id: "u9", name: "Bo" },
    eventId: "elsewhere-start",
    receivedAt: now,
    options: { role: "Analyst", company: "Elsewhere", questionCount: 1 },
    openConversation: async () => "discord:111:222",
  });
  return { stack, conversation };
}

async function keysOfGuild(keyPrefix: string, guildId: string): Promise<string[]> {
  return (await redis.keys(`${keyPrefix}:*`)).filter((key) => key.includes(guildId));
}

describe("a Discord server removes the bot", () => {
  it("keeps its data through the grace period, then erases all of it and nothing of another server", async () => {
    const keyPrefix = uniquePrefix("server-removal");
    const { stack, conversation } = await serverWithAnInterview(keyPrefix);
    const { desk } = stack.services;
    expect(await keysOfGuild(keyPrefix, discord.guildId)).not.toEqual([]);

    discord.removeBotFromGuild();
    // The removal is scheduled from the gateway event: nothing is due a moment before the grace ends.
    const erasures = `${keyPrefix}:v1:{${keyPrefix}-sweeps}:erasures-due`;
    await eventually(async () => (await redis.zcard(erasures)) === 1);
    expect(await desk.eraseDueCommunities(now + 7 * DAY_MS - 60_000)).toEqual([]);
    expect(await stack.store.load(conversation)).not.toBeNull();

    now += 7 * DAY_MS;
    expect(await desk.eraseDueCommunities(now)).toEqual([`discord:${discord.guildId}`]);
    expect(await keysOfGuild(keyPrefix, discord.guildId)).toEqual([]);
    expect(await stack.store.load(conversation)).toBeNull();
    expect(await stack.store.load("discord:111:222")).not.toBeNull();
    expect(await desk.eraseDueCommunities(now + DAY_MS)).toEqual([]);
  });

  it("adding the bot back within the grace period keeps everything", async () => {
    const keyPrefix = uniquePrefix("server-readded");
    const { stack, conversation } = await serverWithAnInterview(keyPrefix);
    const erasures = `${keyPrefix}:v1:{${keyPrefix}-sweeps}:erasures-due`;
    discord.removeBotFromGuild();
    await eventually(async () => (await redis.zcard(erasures)) === 1);
    now += 3 * DAY_MS;
    discord.addBotToGuild();
    await eventually(async () => (await redis.zcard(erasures)) === 0);

    now += 30 * DAY_MS;
    expect(await stack.services.desk.eraseDueCommunities(now)).toEqual([]);
    expect(await stack.store.load(conversation)).not.toBeNull();
  });

  it("a bot that connects while a removal is pending (re-added while no process ran) keeps the server", async () => {
    const keyPrefix = uniquePrefix("server-readded-offline");
    const { stack } = await serverWithAnInterview(keyPrefix);
    const erasures = `${keyPrefix}:v1:{${keyPrefix}-sweeps}:erasures-due`;
    discord.removeBotFromGuild();
    await eventually(async () => (await redis.zcard(erasures)) === 1);
    await stack.stop();
    stacks.splice(stacks.indexOf(stack), 1);

    // The server is in READY when the next process connects.
    stacks.push(await startDiscordStack(discord, { keyPrefix, clock }));
    await eventually(async () => (await redis.zcard(erasures)) === 0);
  });
});
