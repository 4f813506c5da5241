import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROGRESS_FILE_NAME } from "../../adapters/discord/progress-reply.ts";
import { progressSummary } from "../../src/progress/progress-summary.ts";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/progress/render-progress-chart.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { buttonOn, latestPrompt, startByCommand, startDiscordStack } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { nonWhitePixels, pngSize } from "../support/png-image.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";

const ANSWER =
  "At Northwind I owned the monthly revenue report, which took three days to build. I mapped every manual step, " +
  "wrote SQL views for the slowest joins and automated the export. As a result the report takes four hours and " +
  "errors fell from six a month to zero.";

let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  stack = await startDiscordStack(discord, { keyPrefix: uniquePrefix("discord-progress") });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

async function progressCommand(userId: string) {
  const record = await discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand: "progress",
  });
  const reply = await discord.waitFor(
    () => discord.interactionResponses(record.id).find((response) => response.kind === "original-edit"),
    10_000,
    "progress reply",
  );
  // Deferred as an ephemeral reply, so what replaces it (the chart too) is the member's alone.
  const deferral = discord.interactionResponses(record.id)[0];
  expect((deferral?.body as { data?: { flags?: number } } | undefined)?.data?.flags).toBe(64);
  return reply;
}

function reportPosted(threadId: string): boolean {
  return discord.messagesIn(threadId).some((message) => message.author.bot && message.embeds.length > 0);
}

async function finishInterview(userId: string) {
  const { thread } = await startByCommand(discord, userId, {
    role: "Data Analyst",
    company: "Acme",
    questions: 1,
  });
  for (let turn = 0; turn < 20 && !reportPosted(thread.id); turn += 1) {
    const prompt = latestPrompt(discord, thread.id);
    const submit = prompt && buttonOn(prompt, "Submit answer");
    if (!prompt || !submit) throw new Error("no prompt waiting");
    await discord.sendMessage({ userId, channelId: thread.id, content: ANSWER });
    await discord.clickButton({ userId, channelId: thread.id, messageId: prompt.id, customId: submit });
    await discord.waitFor(
      () => latestPrompt(discord, thread.id)?.id !== prompt.id || reportPosted(thread.id),
      5_000,
    );
  }
  await discord.waitFor(() => reportPosted(thread.id), 5_000, "report");
}

describe("/interview progress on Discord (real discord.js against the emulator, real Redis)", () => {
  it("with no finished interview, says so privately and posts no picture", async () => {
    const ada = discord.addUser({ username: "ada" });
    const reply = await progressCommand(ada.id);
    expect((reply.body as { content: string }).content).toMatch(/No finished interviews yet/);
    expect(reply.files).toEqual([]);
  });

  it("after an interview, posts the chart as a private PNG file with the summary as text and alt text", async () => {
    const ada = discord.addUser({ username: "ada" });
    await finishInterview(ada.id);
    // Recorded right after the report is posted, by the process that committed it.
    const history = await eventually(
      async () => {
        const entries = await stack.progress.list(`discord:${discord.guildId}`, ada.id);
        return entries.length === 1 && entries;
      },
      10_000,
      "the progress entry",
    );
    expect(history[0]).toMatchObject({ role: "Data Analyst", company: "Acme" });

    const reply = await progressCommand(ada.id);
    const body = reply.body as { content: string; attachments: { description?: string }[] };
    const summary = progressSummary(history);
    expect(summary).toMatch(/^1 interview since /);
    expect(body.content).toBe(summary);
    expect(body.attachments[0]?.description).toBe(summary);
    expect(JSON.stringify(body)).not.toContain("four hours");
    const [file] = reply.files;
    expect(file?.filename).toBe(PROGRESS_FILE_NAME);
    const png = file?.bytes ?? new Uint8Array();
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(await nonWhitePixels(png)).toBeGreaterThan(5_000);
    expect(discord.rejected).toEqual([]);
  });
});
