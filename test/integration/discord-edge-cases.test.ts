import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator, type InteractionRecord } from "../emulators/discord/index.ts";
import { botText, latestPrompt, pressButton, startDiscordStack } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";

let discord: DiscordEmulator;
let stop: () => Promise<void>;
let engine: Awaited<ReturnType<typeof startDiscordStack>>["engine"];

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  const stack = await startDiscordStack(discord, { keyPrefix: uniquePrefix("discord-edges") });
  stop = stack.stop;
  engine = stack.engine;
});

afterEach(async () => {
  await stop();
  await discord.stop();
});

async function command(
  userId: string,
  subcommand: string,
  options: Record<string, string | number> = {},
  attachments = {},
) {
  return discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand,
    options,
    attachments,
  });
}

/** The text of the private reply to a command, once the bot has edited its deferred reply. */
async function replyTo(record: InteractionRecord): Promise<string> {
  const edit = await discord.waitFor(
    () => discord.interactionResponses(record.id).find((response) => response.kind === "original-edit"),
    5_000,
    "command reply",
  );
  return (edit.body as { content: string }).content;
}

async function start(userId: string) {
  const record = await command(userId, "start", { role: "Data Analyst", company: "Acme", questions: 2 });
  const text = await replyTo(record);
  const thread = discord.threads.find(
    (candidate) => candidate.members.includes(userId) && !candidate.deleted,
  );
  if (thread) await discord.waitFor(() => latestPrompt(discord, thread.id), 5_000, "question");
  return { text, thread };
}

describe("Discord commands and awkward situations", () => {
  it("refuses a second interview while one runs, pointing at the first", async () => {
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await start(ada.id);
    const second = await start(ada.id);
    expect(second.text).toBe(
      `You already have an interview running in <#${thread?.id}>. Carry on there, or use /interview end to finish it and get feedback.`,
    );
    expect(discord.threads).toHaveLength(1);
    const deferral = discord.interactionResponses(discord.interactions.at(-1)?.id ?? "")[0];
    expect((deferral?.body as { data?: { flags?: number } } | undefined)?.data?.flags).toBe(64);
  });

  it("answers status, history, end and help privately", async () => {
    const ada = discord.addUser({ username: "ada" });
    expect(await replyTo(await command(ada.id, "status"))).toMatch(/no interview running/);
    const { thread } = await start(ada.id);
    expect(await replyTo(await command(ada.id, "status"))).toMatch(
      new RegExp(`You're on question 1 of 2.*\\n.*<#${thread?.id}>`, "s"),
    );
    expect(await replyTo(await command(ada.id, "end"))).toMatch(/Ending your interview/);
    await discord.waitFor(
      () => thread && discord.messagesIn(thread.id).some((message) => message.embeds.length > 0),
      5_000,
      "report",
    );
    expect(await replyTo(await command(ada.id, "history"))).toMatch(
      /Data Analyst at Acme \(first round\): finished/,
    );
    expect(await replyTo(await command(ada.id, "help"))).toMatch(/\/interview start/);
  });

  it("falls back to a public thread where the bot may not create private ones", async () => {
    discord.denyPermission(discord.defaultChannelId, "CREATE_PRIVATE_THREADS");
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await start(ada.id);
    expect(thread?.type).toBe(11);
    expect(botText(discord, thread?.id ?? "")).toMatch(/Question 1 of 2/);
  });

  it("reopens a thread Discord archived when the candidate carries on", async () => {
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await start(ada.id);
    const threadId = thread?.id ?? "";
    await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "We rebuilt the pipeline and saved 3 hours a day.",
    });
    discord.archiveThread(threadId);
    await pressButton(discord, ada.id, threadId, "Submit answer");
    await discord.waitFor(
      () => /Answer recorded/.test(botText(discord, threadId)),
      5_000,
      "ack after reopening",
    );
    expect(discord.threads[0]?.archived).toBe(false);
  });

  it("ends the interview when its thread is deleted, so the candidate can start again", async () => {
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await start(ada.id);
    discord.deleteChannel(thread?.id ?? "");
    const conversation = `discord:${discord.guildId}:${thread?.id}` as const;
    await eventually(async () => (await engine.current(conversation))?.phase === "finished", 5_000, "ended");
    const again = await start(ada.id);
    expect(again.text).toMatch(/Your interview is ready/);
  });

  it("answers another member's button press privately and changes nothing", async () => {
    const ada = discord.addUser({ username: "ada" });
    const bob = discord.addUser({ username: "bob" });
    const { thread } = await start(ada.id);
    const threadId = thread?.id ?? "";
    discord.addThreadMember(threadId, bob.id);
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    const before = await engine.current(conversation);
    const click = await pressButton(discord, bob.id, threadId, "Skip");
    const followUp = await discord.waitFor(
      () => discord.interactionResponses(click.id).find((response) => response.kind === "followup"),
      5_000,
      "ephemeral follow-up",
    );
    const body = followUp.body as { content: string; flags: number };
    expect(body.content).toMatch(/belongs to someone else/);
    expect(body.flags & 64).toBe(64);
    expect((await engine.current(conversation))?.version).toBe(before?.version);
  });

  it("replies to a voice message and to an edit, and keeps the draft as first sent", async () => {
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await start(ada.id);
    const threadId = thread?.id ?? "";
    const voice = discord.hostFile(
      new Uint8Array([0x4f, 0x67, 0x67, 0x53]),
      "voice-message.ogg",
      "audio/ogg",
    );
    await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "",
      attachments: [voice],
      flags: 1 << 13,
    });
    await discord.waitFor(
      () => /Voice answers aren't supported yet/.test(botText(discord, threadId)),
      5_000,
      "voice note",
    );
    const sent = await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "My first version.",
    });
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    await eventually(async () => (await engine.current(conversation))?.turn?.draft.length === 1);
    await discord.editMessage({
      channelId: threadId,
      messageId: sent.id,
      content: "A better version.",
      userId: ada.id,
    });
    await discord.editMessage({
      channelId: threadId,
      messageId: sent.id,
      content: "A third version.",
      userId: ada.id,
    });
    await discord.waitFor(
      () => /Edits and deletions aren't applied/.test(botText(discord, threadId)),
      5_000,
      "edit note",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(botText(discord, threadId).match(/Edits and deletions aren't applied/g)).toHaveLength(1);
    expect((await engine.current(conversation))?.turn?.draft.map((message) => message.text)).toEqual([
      "My first version.",
    ]);
  });

  it("refuses a disguised executable as a CV with a clear reply, and starts nothing", async () => {
    const ada = discord.addUser({ username: "ada" });
    const executable = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Array(200).fill(0x41)]);
    const cv = discord.hostFile(executable, "cv.pdf", "application/pdf");
    const record = await command(ada.id, "start", { role: "Analyst", company: "Acme" }, { cv });
    expect(await replyTo(record)).toMatch(/I can't use your CV \(cv\.pdf\): it is not a PDF, Word/);
    expect(discord.threads).toHaveLength(0);
  });
});

describe("Discord interaction tokens that expire", () => {
  it("posts the start result in the channel, without a ping, when the reply window has closed", async () => {
    const expiring = new DiscordEmulator({ webhookTokenTtlMs: 300 });
    await expiring.start();
    const { createOfflineCoach } = await import("../../src/coach/offline-coach.ts");
    const offline = createOfflineCoach();
    const slowCoach = Object.assign(Object.create(offline), {
      async planQuestions(request: Parameters<typeof offline.planQuestions>[0]) {
        await new Promise((resolve) => setTimeout(resolve, 600));
        return offline.planQuestions(request);
      },
    });
    const stack = await startDiscordStack(expiring, {
      keyPrefix: uniquePrefix("discord-expiry"),
      coach: slowCoach,
    });
    try {
      const ada = expiring.addUser({ username: "ada" });
      await expiring.runSlashCommand({
        userId: ada.id,
        channelId: expiring.defaultChannelId,
        name: "interview",
        subcommand: "start",
        options: { role: "Analyst", company: "Acme" },
      });
      const fallback = await expiring.waitFor(
        () =>
          expiring
            .messagesIn(expiring.defaultChannelId)
            .find((message) => message.source === "bot" && message.content.length > 0),
        5_000,
        "channel fallback",
      );
      expect(fallback.content).toMatch(new RegExp(`^<@${ada.id}> Your interview is ready in <#\\d+>`));
      expect(fallback.allowed_mentions).toEqual({ parse: [] });
    } finally {
      await stack.stop();
      await expiring.stop();
    }
  });
});

describe("npm run discord:register", () => {
  it("registers /interview with its subcommands in the configured server", async () => {
    const { runCli } = await import("../support/cli-process.ts");
    const result = await runCli(["discord:register"], "", {
      DISCORD_BOT_TOKEN: discord.botToken,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_GUILD_ID: discord.guildId,
      DISCORD_API_URL: discord.apiUrl,
    });
    expect(result.stdout).toMatch(/Registered \/interview in server/);
    expect(result.code).toBe(0);
    const put = discord.requests.find(
      (request) =>
        request.method === "PUT" &&
        request.route === `/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`,
    );
    const [definition] = (put?.body ?? []) as { name: string; options: { name: string }[] }[];
    expect(definition?.name).toBe("interview");
    expect(definition?.options.map((option) => option.name)).toEqual([
      "start",
      "end",
      "status",
      "history",
      "help",
    ]);
  });
});
