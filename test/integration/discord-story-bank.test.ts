import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator, type RecordedMessage } from "../emulators/discord/index.ts";
import {
  botText,
  buttonOn,
  latestPrompt,
  startByCommand,
  startDiscordStack,
} from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  LIBRARY_RETURNS,
  STORY_QUESTIONS,
  WAREHOUSE_AS_CONFLICT,
  WAREHOUSE_AS_LEADERSHIP,
} from "../support/story-answers.ts";
import { offlineCoachAsking } from "../support/story-question-coach.ts";

let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  stack = await startDiscordStack(discord, {
    keyPrefix: uniquePrefix("discord-stories"),
    coach: offlineCoachAsking(STORY_QUESTIONS),
  });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

function reportPosted(threadId: string): boolean {
  return discord.messagesIn(threadId).some((message) => message.author.bot && message.embeds.length > 0);
}

/**
 * Answers each story question with its answer (by the question's text), a probe with one more
 * sentence, and the closing question with none for the panel.
 */
async function interview(userId: string, answers: readonly string[]) {
  const { thread } = await startByCommand(discord, userId, {
    role: "Shift Manager",
    company: "Acme",
    questions: answers.length,
  });
  for (let turn = 0; turn < 20 && !reportPosted(thread.id); turn += 1) {
    const prompt = await discord.waitFor(() => latestPrompt(discord, thread.id), 5_000, "a prompt");
    const submit = buttonOn(prompt, "Submit answer");
    if (!submit) throw new Error("no Submit button");
    const main = STORY_QUESTIONS.findIndex((question) => prompt.content.includes(question.text));
    const text =
      main >= 0
        ? (answers[main] ?? "")
        : /questions for (us|me)/i.test(prompt.content)
          ? "No questions from me, thank you."
          : "I kept a written log of every step so the next shift could follow it.";
    await discord.sendMessage({ userId, channelId: thread.id, content: text });
    await discord.clickButton({ userId, channelId: thread.id, messageId: prompt.id, customId: submit });
    await discord.waitFor(
      () => latestPrompt(discord, thread.id)?.id !== prompt.id || reportPosted(thread.id),
      5_000,
      "the next prompt",
    );
  }
  await discord.waitFor(() => reportPosted(thread.id), 10_000, "report");
  return thread;
}

/** `/interview stories`: the private reply with the story card. */
async function storiesCommand(userId: string): Promise<RecordedMessage> {
  const record = await discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand: "stories",
  });
  await discord.waitFor(
    () => discord.interactionResponses(record.id).find((response) => response.kind === "original-edit"),
    10_000,
    "stories reply",
  );
  const deferral = discord.interactionResponses(record.id)[0];
  expect((deferral?.body as { data?: { flags?: number } } | undefined)?.data?.flags).toBe(64);
  return storyCard();
}

/** The newest message carrying story buttons (the private card, edited in place by each press). */
function storyCard(): RecordedMessage {
  const card = discord
    .messagesIn(discord.defaultChannelId)
    .filter(
      (message) =>
        JSON.stringify(message.components).includes("sr-story:") || /story bank/i.test(message.content),
    )
    .at(-1);
  if (!card) throw new Error("no story card");
  return card;
}

async function press(userId: string, card: RecordedMessage, label: string): Promise<RecordedMessage> {
  const customId = buttonOn(card, label);
  if (!customId) throw new Error(`no ${label} button on the card`);
  const before = discord.message(card.id)?.content;
  const record = await discord.clickButton({
    userId,
    channelId: discord.defaultChannelId,
    messageId: card.id,
    customId,
  });
  if (label !== "Rename")
    await discord.waitFor(() => discord.message(card.id)?.content !== before, 5_000, `${label} applied`);
  return Object.assign(discord.message(card.id) ?? card, { interactionId: record.id });
}

describe("/interview stories on Discord (real discord.js against the emulator, real Redis)", () => {
  it("flags one story told for two competencies in the report, and banks it for the member to keep, rename and delete", async () => {
    const ada = discord.addUser({ username: "ada" });
    const bo = discord.addUser({ username: "bo" });
    const thread = await interview(ada.id, [WAREHOUSE_AS_LEADERSHIP, WAREHOUSE_AS_CONFLICT, LIBRARY_RETURNS]);
    const report = botText(discord, thread.id);
    expect(report).toMatch(/One story, several competencies/);
    expect(report).toMatch(/The same story for Leadership and Conflict/);
    expect(report).toContain("When our warehouse moved sites in March 2024");

    await eventually(
      async () =>
        (await stack.services.desk.stories?.list(`discord:${discord.guildId}`, ada.id))?.length === 2,
      10_000,
      "the stories banked",
    );
    let card = await storiesCommand(ada.id);
    expect(card.content).toMatch(/Your story bank\*\*: 2 stories/);
    expect(card.content).toMatch(/No story yet for: Failure, Success under pressure, Collaboration/);
    expect(card.content).toMatch(/Story 1 of 2/);
    expect(card.content).toMatch(/is carrying Leadership and Conflict/);

    card = await press(ada.id, card, "Keep");
    expect(card.content).toMatch(/Kept "/);
    expect(buttonOn(card, "Kept")).not.toBeNull();

    await press(ada.id, card, "Rename");
    await discord.submitModal({
      userId: ada.id,
      channelId: discord.defaultChannelId,
      customId: `sr-story-rename:${buttonOn(card, "Rename")?.split(":")[2]}`,
      fields: { title: "The warehouse move @everyone" },
    });
    // The form's answer edits the card, or (when Discord sends the form's submission without its
    // message) comes as a new private card.
    card = await discord.waitFor(
      () => (/Renamed and kept/.test(storyCard().content) ? storyCard() : undefined),
      5_000,
      "renamed",
    );
    expect(card.content).toMatch(/The warehouse move/);
    expect(card.content).not.toContain("@everyone");

    // Someone else's press (were they shown the card) acts on their own empty bank, never on Ada's.
    await press(bo.id, card, "Delete");
    expect(storyCard().content).toMatch(/Your story bank is empty|no longer in your bank/);
    expect(await stack.services.desk.stories?.list(`discord:${discord.guildId}`, ada.id)).toHaveLength(2);

    card = await storiesCommand(ada.id);
    card = await press(ada.id, card, "Delete");
    expect(card.content).toMatch(/Delete ".*" from your story bank\? .*for good/);
    card = await press(ada.id, card, "Cancel");
    expect(card.content).toMatch(/Story \d of 2/);
    card = await press(ada.id, card, "Delete");
    card = await press(ada.id, card, "Delete for good");
    expect(card.content).toMatch(/Deleted ".*" from your story bank/);
    expect(card.content).toMatch(/1 story/);
    expect(discord.rejected).toEqual([]);
  });
});
