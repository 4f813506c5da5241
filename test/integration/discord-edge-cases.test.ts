import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessionKey } from "../../src/store/store-keys.ts";
import { DiscordEmulator, type InteractionRecord } from "../emulators/discord/index.ts";
import { childProcessTestTimeout, runCli } from "../support/cli-process.ts";
import { botText, latestPrompt, pressButton, startDiscordStack } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { recordingCoreLogger } from "../support/slack-stack.ts";

let discord: DiscordEmulator;
let stop: () => Promise<void>;
let engine: Awaited<ReturnType<typeof startDiscordStack>>["engine"];
let store: Awaited<ReturnType<typeof startDiscordStack>>["store"];
let keyPrefix: string;
let logger: ReturnType<typeof recordingCoreLogger>;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  logger = recordingCoreLogger();
  keyPrefix = uniquePrefix("discord-edges");
  const stack = await startDiscordStack(discord, { keyPrefix, logger });
  stop = stack.stop;
  engine = stack.engine;
  store = stack.store;
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
      () => /Voice answers need a transcription service/.test(botText(discord, threadId)),
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

  it("says nothing about a link preview: Discord adding embeds is not an edit", async () => {
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await start(ada.id);
    const threadId = thread?.id ?? "";
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    const sent = await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "I built the dashboard at https://example.com/dashboard for the sales team.",
    });
    await eventually(async () => (await engine.current(conversation))?.turn?.draft.length === 1);

    await discord.addLinkPreview({ channelId: threadId, messageId: sent.id });
    // The hint is posted to the same thread after the preview was handled (one REST queue per channel),
    // so a note about the preview would already be there.
    await discord.sendMessage({ userId: ada.id, channelId: threadId, content: "!hint" });
    await discord.waitFor(() => /Hint:/.test(botText(discord, threadId)), 5_000, "hint");

    expect(botText(discord, threadId)).not.toMatch(/Edits and deletions aren't applied/);
    // A real edit of the same message is still noted.
    await discord.editMessage({
      channelId: threadId,
      messageId: sent.id,
      content: "Edited.",
      userId: ada.id,
    });
    await discord.waitFor(
      () => /Edits and deletions aren't applied/.test(botText(discord, threadId)),
      5_000,
      "edit note",
    );
  });

  it("lets a button press replayed after a gateway resume pass quietly, acknowledged once", async () => {
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await start(ada.id);
    const threadId = thread?.id ?? "";
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    await discord.sendMessage({ userId: ada.id, channelId: threadId, content: "We cut costs by 30%." });
    await eventually(async () => (await engine.current(conversation))?.turn?.draft.length === 1);
    const click = await pressButton(discord, ada.id, threadId, "Submit answer");
    await eventually(async () => (await engine.current(conversation))?.answers.length === 1);
    await discord.waitFor(() => /Question 2 of 2/.test(botText(discord, threadId)), 5_000, "next question");
    const version = (await engine.current(conversation))?.version;

    // Every dispatch since the press, the INTERACTION_CREATE included, is sent again after RESUME.
    const dispatches = discord.gatewayLog.filter((entry) => entry.direction === "out" && entry.op === 0);
    const pressAt = dispatches.findLastIndex((entry) => entry.t === "INTERACTION_CREATE");
    const replayed = await discord.replayDispatchesAfterResume({ count: dispatches.length - pressAt });
    expect(replayed.some((frame) => frame.t === "INTERACTION_CREATE")).toBe(true);
    // A later event is handled only after the replayed ones: the candidate's next message lands in the draft.
    await discord.sendMessage({ userId: ada.id, channelId: threadId, content: "Second answer." });
    await eventually(async () => (await engine.current(conversation))?.turn?.draft.length === 1);

    expect((await engine.current(conversation))?.version).toBe((version ?? 0) + 1);
    expect(
      discord.interactionResponses(click.id).filter((response) => response.kind === "callback"),
    ).toHaveLength(1);
    expect(discord.rejected.filter((rejection) => rejection.code === 40060)).toEqual([]);
    expect(logger.lines.filter((line) => line.level === "error" || line.level === "warn")).toEqual([]);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: "debug", message: "discord interaction already handled" }),
    );
  });

  it("says so when an interview's stored state is damaged, and lets the candidate start again", async () => {
    const ada = discord.addUser({ username: "ada" });
    const { thread } = await start(ada.id);
    const threadId = thread?.id ?? "";
    await store.client.hset(sessionKey(keyPrefix, `discord:${discord.guildId}:${threadId}`), "v", "x1");

    await discord.sendMessage({ userId: ada.id, channelId: threadId, content: "My answer." });
    await discord.waitFor(
      () => /can't read this interview's saved state/.test(botText(discord, threadId)),
      5_000,
      "damaged-interview note",
    );
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: "error", message: "discord interview unreadable" }),
    );
    // The damaged interview no longer counts as running.
    const again = await start(ada.id);
    expect(again.text).toMatch(/Your interview is ready/);
  });

  it("shows mention syntax typed as role or company as plain text, never as a pill or a ping", async () => {
    const ada = discord.addUser({ username: "ada" });
    const record = await command(ada.id, "start", {
      role: `<@${ada.id}> Engineer @everyone`,
      company: "<#123456789012345678> & <@&223456789012345678> <@!323456789012345678> @here",
      questions: 1,
    });
    await replyTo(record);
    const thread = await discord.waitFor(
      () => discord.threads.find((candidate) => candidate.members.includes(ada.id)),
      5_000,
      "thread",
    );
    await discord.waitFor(() => latestPrompt(discord, thread.id), 5_000, "question");
    const status = await replyTo(await command(ada.id, "status"));
    await replyTo(await command(ada.id, "end"));
    await discord.waitFor(
      () => discord.messagesIn(thread.id).some((message) => message.embeds.length > 0),
      5_000,
      "report",
    );
    const history = await replyTo(await command(ada.id, "history"));

    const pill = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/;
    const posted = discord.messagesIn(thread.id).filter((message) => message.author.bot);
    expect(botText(discord, thread.id)).toContain("Engineer");
    for (const message of posted) {
      expect(`${message.content}\n${JSON.stringify(message.embeds)}`).not.toMatch(pill);
      expect(message.allowed_mentions).toEqual({ parse: [] });
    }
    // The bot's own link to the thread is the one channel reference it writes.
    expect(status.replace(`<#${thread.id}>`, "")).not.toMatch(pill);
    expect(history).not.toMatch(pill);
    expect(history).toContain(`@${ada.id} Engineer ＠everyone`);
    expect(thread.name).not.toMatch(pill);
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

describe("npm run discord:register", { timeout: childProcessTestTimeout(1) }, () => {
  it("registers /interview with its subcommands in the configured server", async () => {
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
      "progress",
      "stories",
      "log",
      "privacy",
      "admin",
      "help",
    ]);
  });
});
