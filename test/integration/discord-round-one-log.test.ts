import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROUND_ONE_MODAL_ID } from "../../adapters/discord/round-one-log-modal.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import {
  botText,
  buttonOn,
  latestPrompt,
  startByCommand,
  startDiscordStack,
} from "../support/discord-stack.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  CONSISTENT_ANSWER,
  CONTRADICTING_ANSWER,
  CONTRADICTING_SENTENCE,
  ROUND_ONE_QUOTE,
  ROUND_ONE_TEXT,
} from "../support/round-one-answers.ts";

let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  stack = await startDiscordStack(discord, { keyPrefix: uniquePrefix("discord-round-one") });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

function reportPosted(threadId: string): boolean {
  return discord.messagesIn(threadId).some((message) => message.author.bot && message.embeds.length > 0);
}

async function privateReply(recordId: string): Promise<string> {
  const reply = await discord.waitFor(
    () => discord.interactionResponses(recordId).find((response) => response.kind === "original-edit"),
    10_000,
    "private reply",
  );
  return (reply.body as { content: string }).content;
}

describe("/interview log on Discord (real discord.js against the emulator, real Redis)", () => {
  it("logs round 1 in a modal; round 2 revisits it quoting the notes and reports the contradiction", async () => {
    const ada = discord.addUser({ username: "ada" });
    const command = await discord.runSlashCommand({
      userId: ada.id,
      channelId: discord.defaultChannelId,
      name: "interview",
      subcommand: "log",
    });
    await discord.waitFor(
      () =>
        discord
          .interactionResponses(command.id)
          .some((response) => response.kind === "callback" && response.callbackType === 9),
      10_000,
      "the log modal",
    );
    const submitted = await discord.submitModal({
      userId: ada.id,
      channelId: discord.defaultChannelId,
      customId: ROUND_ONE_MODAL_ID,
      fields: { company: "Monzo", role: "Data Analyst", date: "2026-11-20", questions: ROUND_ONE_TEXT },
    });
    expect(await privateReply(submitted.id)).toMatch(/Saved your round-1 log for Monzo: 2 questions/);

    const { thread, prompt } = await startByCommand(discord, ada.id, {
      role: "Data Analyst",
      company: "monzo",
      stage: "second",
      questions: 2,
    });
    expect(prompt.content + JSON.stringify(prompt.embeds)).toContain(ROUND_ONE_QUOTE);
    for (const answer of [
      CONTRADICTING_ANSWER,
      CONSISTENT_ANSWER,
      "What does success look like in 90 days?",
    ]) {
      const waiting = latestPrompt(discord, thread.id);
      const submit = waiting && buttonOn(waiting, "Submit answer");
      if (!waiting || !submit) throw new Error("no prompt waiting");
      await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: answer });
      await discord.clickButton({
        userId: ada.id,
        channelId: thread.id,
        messageId: waiting.id,
        customId: submit,
      });
      await discord.waitFor(
        () => latestPrompt(discord, thread.id)?.id !== waiting.id || reportPosted(thread.id),
        10_000,
      );
    }
    await discord.waitFor(() => reportPosted(thread.id), 10_000, "report");
    const text = botText(discord, thread.id);
    expect(text).toContain("Round 1 consistency");
    expect(text).toContain(ROUND_ONE_QUOTE);
    expect(text).toContain(CONTRADICTING_SENTENCE);

    const deleted = await discord.runSlashCommand({
      userId: ada.id,
      channelId: discord.defaultChannelId,
      name: "interview",
      subcommand: "log",
      options: { delete: "MONZO" },
    });
    expect(await privateReply(deleted.id)).toBe("Deleted your round-1 log for MONZO.");
    expect(discord.rejected).toEqual([]);
  });
});
