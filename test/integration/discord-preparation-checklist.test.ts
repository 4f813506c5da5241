// The second-round preparation checklist through real discord.js against the Discord emulator:
// the opening message of a second round carries it, and the report ends with the Preparation embed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import {
  botText,
  buttonOn,
  latestPrompt,
  startByCommand,
  startDiscordStack,
} from "../support/discord-stack.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";

const WHY_US =
  "I've used your app for three years, so I know it as a customer. Unlike Monzo, you offer business accounts " +
  "to sole traders without a monthly fee, which is exactly what my parents needed for their shop.";
const NUMBERS =
  "I've compared similar analyst roles in London, and my salary expectation is £45-50k. " +
  "I don't know my notice period yet, I'd have to check my contract.";
const STRATEGIC =
  "What are the team's biggest challenges this year, and what does success look like in 90 days?";

let discord: DiscordEmulator;
const stacks: { stop(): Promise<void> }[] = [];

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
});

afterEach(async () => {
  await Promise.all(stacks.splice(0).map((stack) => stack.stop().catch(() => {})));
  await discord.stop();
});

function reportPosted(threadId: string): boolean {
  return discord.messagesIn(threadId).some((message) => message.author.bot && message.embeds.length > 0);
}

describe("the second-round preparation checklist on Discord", () => {
  it("opens a second round with the checklist and ends with the Preparation embed", async () => {
    stacks.push(await startDiscordStack(discord, { keyPrefix: uniquePrefix("discord-preparation") }));
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await startByCommand(discord, ada.id, {
      role: "Product Analyst",
      company: "Starling",
      stage: "second",
      questions: 2,
    });
    await discord.waitFor(() => latestPrompt(discord, thread.id), 5_000, "first question");
    expect(botText(discord, thread.id)).toContain("Before we start, your second-round checklist:");

    const answers = [WHY_US, NUMBERS];
    for (let turn = 0; turn < 10 && !reportPosted(thread.id); turn += 1) {
      const prompt = latestPrompt(discord, thread.id);
      if (!prompt) throw new Error("no prompt");
      const closing = /any questions for us/.test(prompt.content);
      const text = closing ? STRATEGIC : (answers.shift() ?? NUMBERS);
      await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: text });
      const submit = buttonOn(prompt, "Submit answer");
      if (!submit) throw new Error("no Submit button");
      await discord.clickButton({
        userId: ada.id,
        channelId: thread.id,
        messageId: prompt.id,
        customId: submit,
      });
      await discord.waitFor(
        () => latestPrompt(discord, thread.id)?.id !== prompt.id || reportPosted(thread.id),
        5_000,
      );
    }
    await discord.waitFor(() => reportPosted(thread.id), 5_000, "report");

    const embeds = discord
      .messagesIn(thread.id)
      .filter((message) => message.author.bot)
      .flatMap(
        (message) => message.embeds as { title?: string; fields?: { name: string; value: string }[] }[],
      );
    const preparation = embeds.find((embed) => embed.title === "Preparation");
    const fields = Object.fromEntries((preparation?.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields["Why this company over its competitors: shown"]).toContain(
      '> "Unlike Monzo, you offer business accounts to sole traders without a monthly fee, which is exactly what my parents needed for their shop."',
    );
    expect(fields["Salary range: shown"]).toContain(
      "I've compared similar analyst roles in London, and my salary expectation is £45-50k.",
    );
    // "I don't know my notice period yet" is an admission, not a notice period.
    expect(fields["Notice period: not shown"]).toContain("Check your contract and say it plainly");
    expect(fields["Questions for the panel: shown"]).toContain(STRATEGIC);
    expect(discord.rejected).toEqual([]);
  });
});
