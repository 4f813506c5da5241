import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import {
  botText,
  latestPrompt,
  pressButton,
  startByCommand,
  startDiscordStack,
} from "../support/discord-stack.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { BETTER_ATTEMPT, FIRST_ATTEMPT, offlineCoachAsking } from "../support/story-question-coach.ts";

let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  stack = await startDiscordStack(discord, {
    keyPrefix: uniquePrefix("discord-practice"),
    coach: offlineCoachAsking(),
  });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

/** Waits until the newest message with buttons offers `label`, and returns its text. */
async function waitForButton(threadId: string, label: string): Promise<string> {
  const prompt = await discord.waitFor(
    () => {
      const latest = latestPrompt(discord, threadId);
      const labels = JSON.stringify(latest?.components ?? []);
      return latest && labels.includes(`"${label}"`) ? latest : undefined;
    },
    10_000,
    `a message with "${label}"`,
  );
  return prompt.content;
}

describe("practice mode on Discord (real discord.js against the emulator, real Redis)", () => {
  it("posts feedback after the answer, a stronger version, a retry, and both scores in the report", async () => {
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await startByCommand(discord, ada.id, {
      role: "Data Analyst",
      company: "Acme",
      questions: 1,
      mode: "practice",
    });
    expect(botText(discord, thread.id)).toMatch(/This is a practice interview/);

    await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: FIRST_ATTEMPT });
    const question = latestPrompt(discord, thread.id)?.id;
    await pressButton(discord, ada.id, thread.id, "Submit answer");
    // The standard panel asks for the missing number first; the reply is assessed with the answer.
    const probe = await discord.waitFor(
      () => {
        const latest = latestPrompt(discord, thread.id);
        return latest && latest.id !== question ? latest : undefined;
      },
      10_000,
      "the follow-up",
    );
    expect(probe.content).toMatch(/number/);
    await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: "It took two days less." });
    await pressButton(discord, ada.id, thread.id, "Submit answer");
    // Feedback on the answer before the next question; a retry is not probed again.
    const feedback = await waitForButton(thread.id, "Try again");
    expect(feedback).toMatch(/Practice feedback: \d+\/100, (Not yet|Almost|Ready)\./);
    expect(feedback).toMatch(/Strongest point: .*"/);

    await pressButton(discord, ada.id, thread.id, "Show a stronger version");
    const stronger = await discord.waitFor(
      () => discord.messagesIn(thread.id).find((message) => message.content.includes("A stronger version")),
      10_000,
      "stronger version",
    );
    expect(stronger.content).toMatch(/Task: \[what you were responsible for or trying to achieve\]/);
    expect(stronger.content).toMatch(/Action: "I rebuilt the migration plan/);

    await pressButton(discord, ada.id, thread.id, "Try again");
    expect(await waitForButton(thread.id, "Submit answer")).toMatch(/Question 1 of 1/);
    await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: BETTER_ATTEMPT });
    await pressButton(discord, ada.id, thread.id, "Submit answer");
    await discord.waitFor(
      () => latestPrompt(discord, thread.id)?.content.includes("Since your last attempt"),
      10_000,
      "feedback on the retry",
    );

    // The chat form of the command moves on, as the button would.
    await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: "!next" });
    await waitForButton(thread.id, "Skip");
    await pressButton(discord, ada.id, thread.id, "Skip");
    await discord.waitFor(() => botText(discord, thread.id).includes("Answered 2 times"), 10_000, "report");
    const report = botText(discord, thread.id);
    expect(report).toMatch(/Answered 2 times \(attempt 1: \d+, attempt 2: \d+\)/);
    expect(report).toMatch(/Change: .*Task: missing → present.*overall \d+ → \d+/);
  });
});
