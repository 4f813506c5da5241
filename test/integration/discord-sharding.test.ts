import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/core/model/errors.ts";
import { guildOnShard } from "../emulators/discord/gateway-payloads.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import {
  botText,
  latestPrompt,
  pressButton,
  startByCommand,
  startDiscordStack,
} from "../support/discord-stack.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";

// Past 2,500 servers Discord requires gateway sharding: a guild's events arrive only on shard
// (guild_id >> 22) % shards. The emulator routes them that way, so a bot that connected with the
// wrong shard layout would never see the guild's commands.

const ANSWER =
  "At Northwind I owned the monthly revenue report, which took finance three days. I mapped every manual step, " +
  "wrote SQL views for the slowest joins and scheduled the export. As a result it takes four hours instead of three days.";

let discord: DiscordEmulator | undefined;
const stacks: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(stacks.splice(0).map((stack) => stack.stop().catch(() => {})));
  await discord?.stop();
});

async function emulatorRecommending(shards: number): Promise<DiscordEmulator> {
  discord = new DiscordEmulator({ recommendedShards: shards });
  await discord.start();
  return discord;
}

async function interviewOnce(emulator: DiscordEmulator): Promise<string> {
  const ada = emulator.addUser({ username: "ada" });
  const { thread } = await startByCommand(emulator, ada.id, {
    role: "Analyst",
    company: "Acme",
    questions: 1,
  });
  const reported = () => /Overall: \d+\/100/.test(botText(emulator, thread.id));
  // The answer, then the candidate's own questions for the panel (one round each; a follow-up may come between).
  for (let turn = 0; turn < 4 && !reported(); turn += 1) {
    const before = latestPrompt(emulator, thread.id)?.id;
    await emulator.sendMessage({ userId: ada.id, channelId: thread.id, content: ANSWER });
    await pressButton(emulator, ada.id, thread.id, "Submit answer");
    await emulator.waitFor(
      () => reported() || latestPrompt(emulator, thread.id)?.id !== before,
      30_000,
      "reply",
    );
  }
  await emulator.waitFor(reported, 30_000, "report");
  return thread.id;
}

describe("Discord gateway sharding", () => {
  it('runs as many shards as Discord recommends ("auto") and serves the guild on its shard', async () => {
    const emulator = await emulatorRecommending(3);
    stacks.push(await startDiscordStack(emulator, { keyPrefix: uniquePrefix("shards-auto") }));
    expect(emulator.connectedSessions).toBe(3);
    const threadId = await interviewOnce(emulator);
    expect(botText(emulator, threadId)).toMatch(/Answer recorded: \d+ words/);
  });

  it("splits the shards between processes: only the process holding the guild's shard serves it", async () => {
    const emulator = await emulatorRecommending(2);
    const guildShard = [0, 1].find((id) => guildOnShard(emulator.guildId, [id, 2])) as number;
    const keyPrefix = uniquePrefix("shards-split");
    const holder = await startDiscordStack(emulator, { keyPrefix, shards: { ids: [guildShard], count: 2 } });
    const other = await startDiscordStack(emulator, {
      keyPrefix,
      shards: { ids: [1 - guildShard], count: 2 },
    });
    stacks.push(holder, other);
    expect(emulator.connectedSessions).toBe(2);
    const handled = { holder: 0, other: 0 };
    const count = (name: keyof typeof handled, engine: typeof holder.engine) => {
      const handle = engine.handle.bind(engine);
      engine.handle = (event) => {
        handled[name] += 1;
        return handle(event);
      };
    };
    count("holder", holder.engine);
    count("other", other.engine);
    await interviewOnce(emulator);
    expect(handled.holder).toBeGreaterThan(0);
    expect(handled.other).toBe(0);
  });

  it("configures shards as auto by default, or explicit ids with their total", () => {
    const base = { DISCORD_BOT_TOKEN: "token" };
    expect(loadConfig(base).discord?.shards).toBe("auto");
    expect(loadConfig({ ...base, DISCORD_SHARDS: "0,2", DISCORD_SHARD_COUNT: "4" }).discord?.shards).toEqual({
      ids: [0, 2],
      count: 4,
    });
    expect(() => loadConfig({ ...base, DISCORD_SHARDS: "0,4", DISCORD_SHARD_COUNT: "4" })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...base, DISCORD_SHARDS: "1" })).toThrow(/DISCORD_SHARD_COUNT/);
    expect(() => loadConfig({ ...base, DISCORD_SHARDS: "some" })).toThrow(/DISCORD_SHARDS/);
  });
});
