import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FallbackCoach } from "../../src/coach/fallback-coach.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { standInText } from "../../src/core/interview/copy.ts";
import { CHAT_AI_BACKGROUND_TASKS } from "../../src/runtime.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import type { ChatReply, ChatRequestBody } from "../emulators/openai/types.ts";
import { latestPrompt, pressButton, startByCommand, startDiscordStack } from "../support/discord-stack.ts";
import { emulatorOpenAICoach } from "../support/emulator-openai-coach.ts";
import { playModel } from "../support/play-model.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { FIRST_ATTEMPT, PRESSURE_STORY } from "../support/story-question-coach.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const currentEmulator = useOpenAIEmulator();
let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;

/** The story question, the play model's judgements, and the rewrite the test gives. */
function modelRewriting(rewrite: ChatReply) {
  return (body: ChatRequestBody): ChatReply => {
    switch (body.response_format?.json_schema?.name) {
      case "plan_questions":
        return { kind: "json", content: { questions: [{ ...PRESSURE_STORY, id: undefined }] } };
      case "rewrite_story":
        return rewrite;
      default:
        return playModel(body);
    }
  };
}

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  const ai = emulatorOpenAICoach(currentEmulator().url, { timeout: 5_000 });
  stack = await startDiscordStack(discord, {
    keyPrefix: uniquePrefix("discord-stronger"),
    coach: new FallbackCoach(ai, createOfflineCoach(), { debug() {}, info() {}, warn() {}, error() {} }),
    backgroundTasks: CHAT_AI_BACKGROUND_TASKS,
  });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

async function answerAndAskForStronger(userId: string, threadId: string) {
  await discord.sendMessage({ userId, channelId: threadId, content: FIRST_ATTEMPT });
  await pressButton(discord, userId, threadId, "Submit answer");
  // The AI coach asks for the missing number first; the reply is assessed with the answer.
  await discord.waitFor(
    () => latestPrompt(discord, threadId)?.content.includes("How many people"),
    15_000,
    "the follow-up",
  );
  await discord.sendMessage({ userId, channelId: threadId, content: "It took two days less." });
  await pressButton(discord, userId, threadId, "Submit answer");
  await discord.waitFor(
    () => latestPrompt(discord, threadId)?.content.includes("Practice feedback"),
    15_000,
    "the feedback",
  );
  await pressButton(discord, userId, threadId, "Show a stronger version");
}

describe("practice mode's stronger version on Discord with the AI coach (discord.js and openai against emulators)", () => {
  it("says it is working on it, then posts the rewrite with the practice buttons and [name] for an invented employer", async () => {
    currentEmulator().script(
      ...Array.from({ length: 20 }, () =>
        modelRewriting({
          kind: "json",
          content: {
            situation:
              "Last spring I was an analyst at Tesco on a data migration, two weeks behind the deadline.",
            task: "I had to get the migration back on schedule.",
            action: "I rebuilt the migration plan and moved the largest tables myself over the weekend.",
            result: "We finished on time, [number] days ahead of the revised plan.",
          },
        }),
      ),
    );
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await startByCommand(discord, ada.id, {
      role: "Data Analyst",
      company: "Acme",
      questions: 1,
      mode: "practice",
    });
    await answerAndAskForStronger(ada.id, thread.id);
    const stronger = await discord.waitFor(
      () =>
        discord
          .messagesIn(thread.id)
          .find((message) => message.content.includes("rewritten by the AI coach")),
      15_000,
      "the AI stronger version",
    );
    const texts = discord.messagesIn(thread.id).map((message) => message.content);
    const waiting = texts.findIndex((text) => text.includes("One moment while the AI coach rewrites"));
    expect(waiting).toBeGreaterThan(-1);
    expect(waiting).toBeLessThan(texts.indexOf(stronger.content));
    expect(stronger.content).toMatch(
      /Situation: Last spring I was an analyst at \[name\] on a data migration/,
    );
    expect(stronger.content).toMatch(
      /Result: We finished on time, \[number\] days ahead of the revised plan\./,
    );
    expect(stronger.content).not.toMatch(/Tesco/);
    expect(JSON.stringify(stronger.components)).toMatch(/"Try again"[\s\S]*"Next question"/);
  });

  it("shows the offline scaffold, labelled, when the provider fails", async () => {
    currentEmulator().script(...Array.from({ length: 20 }, () => modelRewriting({ kind: "server-error" })));
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await startByCommand(discord, ada.id, {
      role: "Data Analyst",
      company: "Acme",
      questions: 1,
      mode: "practice",
    });
    await answerAndAskForStronger(ada.id, thread.id);
    const stronger = await discord.waitFor(
      () =>
        discord
          .messagesIn(thread.id)
          .find((message) => message.content.includes("STAR scaffold of your own")),
      15_000,
      "the labelled scaffold",
    );
    expect(stronger.content).toContain(standInText("unavailable", "stronger-version"));
    expect(stronger.content).toMatch(/A stronger version, built from your own sentences/);
  });
});
