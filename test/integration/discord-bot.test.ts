import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import {
  botText,
  buttonOn,
  latestPrompt,
  pressButton,
  startByCommand,
  startDiscordStack,
} from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";

const STRONG_ANSWER =
  "In my last role at Northwind I owned the monthly revenue report, which took the finance team three days to build. " +
  "I was asked to cut that time before the audit. I mapped every manual step, wrote SQL views for the four slowest joins " +
  "and automated the export with a scheduled dbt job. I also trained two analysts to maintain it. " +
  "As a result the report now takes four hours instead of three days, errors fell from about six a month to zero, " +
  "and the finance director used the time saved to add a weekly cash forecast.";

const CV = new TextEncoder().encode(
  "Ada Lovelace\nExperience\nData Analyst, Northwind Traders, 2021 - present\nProjects\nRevenue reporting automation\nSkills\nSQL, Python, dbt\n",
);

let discord: DiscordEmulator;
let stacks: { stop(): Promise<void> }[] = [];

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
});

afterEach(async () => {
  await Promise.all(stacks.splice(0).map((stack) => stack.stop().catch(() => {})));
  await discord.stop();
});

async function stack(keyPrefix: string, options: Parameters<typeof startDiscordStack>[1] | object = {}) {
  const started = await startDiscordStack(discord, { keyPrefix, ...options });
  stacks.push(started);
  return started;
}

function startInterview(userId: string, options: Record<string, string | number> = {}) {
  return startByCommand(
    discord,
    userId,
    { role: "Data Analyst", company: "Acme", questions: 2, ...options },
    { cv: discord.hostFile(CV, "cv.txt", "text/plain") },
  );
}

/** Answers the prompt shown now and presses its Submit button; returns the prompt answered. */
async function answerCurrentPrompt(userId: string, threadId: string, text = STRONG_ANSWER) {
  const prompt = latestPrompt(discord, threadId);
  if (!prompt) throw new Error("no prompt");
  await discord.sendMessage({ userId, channelId: threadId, content: text });
  const submit = buttonOn(prompt, "Submit answer");
  if (!submit) throw new Error("no Submit button");
  await discord.clickButton({ userId, channelId: threadId, messageId: prompt.id, customId: submit });
  await discord.waitFor(
    () => latestPrompt(discord, threadId)?.id !== prompt.id || reportPosted(threadId),
    5_000,
  );
  return prompt;
}

function reportPosted(threadId: string): boolean {
  return discord.messagesIn(threadId).some((message) => message.author.bot && message.embeds.length > 0);
}

async function finishInterview(userId: string, threadId: string, answer = STRONG_ANSWER) {
  for (let turn = 0; turn < 40 && !reportPosted(threadId); turn += 1)
    await answerCurrentPrompt(userId, threadId, answer);
  await discord.waitFor(() => reportPosted(threadId), 5_000, "report");
}

describe("SecondRound on Discord (real discord.js against the emulator, real Redis)", () => {
  it("runs a whole interview: deferred start with a CV, private thread, answers, report embeds", async () => {
    await stack(uniquePrefix("discord-full"));
    const ada = discord.addUser({ username: "ada" });
    const { record, thread } = await startInterview(ada.id);

    const [first] = record.responses;
    expect(first?.kind).toBe("callback");
    expect(first?.callbackType).toBe(5);
    expect((record.acknowledgedAt ?? Number.POSITIVE_INFINITY) - record.dispatchedAt).toBeLessThan(3_000);
    expect(thread.type).toBe(12);
    expect(thread.members).toEqual(expect.arrayContaining([ada.id]));
    const reply = await discord.waitFor(() =>
      discord.interactionResponses(record.id).find((response) => response.kind === "original-edit"),
    );
    expect(JSON.stringify(reply.body)).toMatch(/Your interview is ready in <#\d+>/);
    expect(JSON.stringify(reply.body)).toMatch(/From your CV I understood/);
    expect(botText(discord, thread.id)).toMatch(/Question 1 of 2/);
    // A leading "/" would open Discord's slash-command picker: chat commands are shown as "!submit".
    expect(botText(discord, thread.id)).toMatch(/!submit/);
    expect(botText(discord, thread.id)).not.toMatch(/(^|\s)\/submit/);

    await finishInterview(ada.id, thread.id);
    const report = botText(discord, thread.id);
    expect(report).toMatch(/Overall: \d+\/100/);
    expect(report).toMatch(/Situation: (present|missing)/);
    expect(report).toContain("four hours instead of three days");
    expect(discord.rejected).toEqual([]);
    for (const message of discord.messagesIn(thread.id).filter((candidate) => candidate.author.bot)) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.enforceNonce).toBe(true);
      expect(message.nonce).toEqual(expect.any(String));
    }
  });

  it("another member typing in the thread changes nothing; a replayed MESSAGE_CREATE counts once", async () => {
    const { engine } = await stack(uniquePrefix("discord-dupes"));
    const ada = discord.addUser({ username: "ada" });
    const bob = discord.addUser({ username: "bob" });
    const { thread } = await startInterview(ada.id);
    discord.addThreadMember(thread.id, bob.id);
    const conversation = `discord:${discord.guildId}:${thread.id}` as const;
    const before = await engine.current(conversation);

    await discord.sendMessage({ userId: bob.id, channelId: thread.id, content: "I'd answer it like this!" });
    const answer = await discord.sendMessage({
      userId: ada.id,
      channelId: thread.id,
      content: "First part of my answer.",
    });
    await eventually(async () => (await engine.current(conversation))?.turn?.draft.length === 1);
    await discord.sendMessage({
      userId: ada.id,
      channelId: thread.id,
      content: "First part of my answer.",
      id: answer.id,
    });
    await discord.replayDispatchesAfterResume({ count: 3 });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const after = await engine.current(conversation);
    expect(after?.turn?.draft.map((message) => message.text)).toEqual(["First part of my answer."]);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(botText(discord, thread.id)).not.toMatch(/I'd answer it like this/);
  });

  it("continues the interview in the same thread after the bot is restarted", async () => {
    const keyPrefix = uniquePrefix("discord-restart");
    const first = await stack(keyPrefix);
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await startInterview(ada.id);
    await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: STRONG_ANSWER.slice(0, 200) });
    const conversation = `discord:${discord.guildId}:${thread.id}` as const;
    await eventually(async () => (await first.engine.current(conversation))?.turn?.draft.length === 1);
    await first.stop();
    stacks = stacks.filter((candidate) => candidate !== first);
    // Sent while no bot is connected: Discord will not replay it; the restarted bot reads it back.
    await discord.sendMessage({ userId: ada.id, channelId: thread.id, content: STRONG_ANSWER.slice(200) });

    const second = await stack(keyPrefix);
    await eventually(async () => (await second.engine.current(conversation))?.turn?.draft.length === 2);
    await pressButton(discord, ada.id, thread.id, "Submit answer");
    const answered = await eventually(async () => (await second.engine.current(conversation))?.answers[0]);
    expect(answered.parts[0]?.text).toBe(`${STRONG_ANSWER.slice(0, 200)}\n${STRONG_ANSWER.slice(200)}`);
    await finishInterview(ada.id, thread.id);
    expect((await second.engine.current(conversation))?.phase).toBe("finished");
    expect(discord.threads.filter((candidate) => !candidate.deleted)).toHaveLength(1);
  });

  it("fits a 12-question report with long answers into Discord's limits, with mentions off everywhere", async () => {
    await stack(uniquePrefix("discord-limits"));
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await startInterview(ada.id, { questions: 12 });
    // Discord caps a member's message at 2,000 characters.
    const long = `@everyone ${`${STRONG_ANSWER} `.repeat(4)}`.slice(0, 1_990);
    await finishInterview(ada.id, thread.id, long);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const botMessages = discord.messagesIn(thread.id).filter((message) => message.author.bot);
    expect(botMessages.filter((message) => message.embeds.length > 0).length).toBeGreaterThan(1);
    expect(discord.rejected).toEqual([]);
    for (const message of botMessages) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.content.length).toBeLessThanOrEqual(2_000);
    }
  });

  it("acknowledges /interview start inside 3 seconds even when the coach is slow", async () => {
    const { createOfflineCoach } = await import("../../src/coach/offline-coach.ts");
    const offline = createOfflineCoach();
    const slowCoach = Object.assign(Object.create(offline), {
      async planQuestions(request: Parameters<typeof offline.planQuestions>[0]) {
        await new Promise((resolve) => setTimeout(resolve, 3_500));
        return offline.planQuestions(request);
      },
    });
    await stack(uniquePrefix("discord-slow"), { coach: slowCoach });
    const ada = discord.addUser({ username: "ada" });
    const { record, thread } = await startInterview(ada.id);
    expect((record.acknowledgedAt ?? Number.POSITIVE_INFINITY) - record.dispatchedAt).toBeLessThan(3_000);
    expect(discord.rejected.filter((rejection) => rejection.code === 10062)).toEqual([]);
    expect(botText(discord, thread.id)).toMatch(/Question 1 of 2/);
  });
});
