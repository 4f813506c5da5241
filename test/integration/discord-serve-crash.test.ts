import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { CHILD_PROCESS_MS, type CliProcess, childProcessTestTimeout } from "../support/cli-process.ts";
import { botText, pressButton, serveDiscord, startByCommand } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { redisUrl, uniquePrefix } from "../support/redis-test-client.ts";

let discord: DiscordEmulator;
const processes: CliProcess[] = [];

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
});

afterEach(async () => {
  for (const cli of processes.splice(0)) cli.child.kill("SIGKILL");
  await discord.stop();
});

function serve(keyPrefix: string): CliProcess {
  const cli = serveDiscord(discord, keyPrefix);
  processes.push(cli);
  return cli;
}

describe("secondround serve on Discord, killed mid-interview", () => {
  it("a SIGKILLed bot restarted on the same Redis continues the interview in the same thread", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const keyPrefix = uniquePrefix("discord-kill");
    const store = new RedisSessionStore({ url: redisUrl(), keyPrefix });
    const first = serve(keyPrefix);
    await first.waitFor(/SecondRound is running on discord/);
    const ada = discord.addUser({ username: "ada" });
    const { thread, conversation } = await startByCommand(
      discord,
      ada.id,
      { role: "Data Analyst", company: "Acme", questions: 1 },
      {},
      CHILD_PROCESS_MS,
    );
    await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: "I led the data migration." });
    await eventually(
      async () => (await store.load(conversation))?.session.turn?.draft.length === 1,
      CHILD_PROCESS_MS,
    );

    first.child.kill("SIGKILL");
    await first.exited;
    await discord.sendMessage({
      userId: ada.id,
      channelId: thread.id,
      content: "It cut reporting time by 80%.",
    });

    const second = serve(keyPrefix);
    await second.waitFor(/SecondRound is running on discord/);
    await eventually(
      async () => (await store.load(conversation))?.session.turn?.draft.length === 2,
      CHILD_PROCESS_MS,
    );
    await pressButton(discord, ada.id, thread.id, "Submit answer");
    const answer = await eventually(
      async () => (await store.load(conversation))?.session.answers[0],
      CHILD_PROCESS_MS,
    );
    expect(answer.parts.map((part) => part.text).join("\n")).toContain(
      "I led the data migration.\nIt cut reporting time by 80%.",
    );
    await discord.waitFor(
      () => /Answer recorded: \d+ words/.test(botText(discord, thread.id)),
      CHILD_PROCESS_MS,
      "ack",
    );
    expect(discord.threads).toHaveLength(1);
    await store.close();
  });
});
