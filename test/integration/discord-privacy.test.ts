import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXPORT_FILE_NAME } from "../../adapters/discord/privacy-reply.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { PRIVACY_BUTTONS } from "../../src/core/engine/privacy-copy.ts";
import { MemberExportSchema } from "../../src/core/model/member-export.ts";
import type { AnswerRequest, Coach } from "../../src/core/ports/coach-port.ts";
import type { Logger } from "../../src/core/ports/ports.ts";
import { BullmqJobQueue } from "../../src/jobs/bullmq-job-queue.ts";
import { CHAT_AI_BACKGROUND_TASKS } from "../../src/runtime.ts";
import { FieldCipher } from "../../src/store/field-cipher.ts";
import { sampleRoundOneLog } from "../contracts/round-one-log-store.contract.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import {
  buttonOn,
  latestPrompt,
  silentLogger,
  startByCommand,
  startDiscordStack,
} from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { redisUrl, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";
import { keysMentioning } from "../support/redis-traces.ts";

const ADA_FIRST =
  "At Northwind I owned the monthly revenue report, which took three days to build. I automated the export with SQL views and it now takes four hours.";
/** Ada's second answer: its evaluation is held (a model call still running) while she erases her data. */
const ADA_SECOND =
  "I mentored two junior analysts through their first quarter-end close in 2025, and both of them ran the next close alone, 3 days faster.";
const BEN_ANSWER =
  "At Globex I rebuilt the churn dashboard after sales stopped trusting it, and weekly usage tripled within a month.";
/** Ada's round-1 note (sampleRoundOneLog's). */
const ADA_NOTE = "Cut the month-end close from 5 days to 2.";

const client = testRedisClient();
let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;
let jobs: BullmqJobQueue;
let keyPrefix: string;
const audit: { message: string; fields: Record<string, unknown> }[] = [];
const recordingLogger: Logger = {
  ...silentLogger,
  // Audit lines are at warn, so the default log level keeps them.
  warn: (message, fields = {}) => {
    audit.push({ message, fields });
  },
};

/** Lets a held evaluation finish (so the stack can stop after a failure too). */
let releaseHeld = () => {};

/** Holds the evaluation of any answer containing `marker` until released (a slow model call). */
function heldCoach(marker: string) {
  const inner = createOfflineCoach();
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = 0;
  const coach: Coach = {
    ...inner,
    name: inner.name,
    planQuestions: (request) => inner.planQuestions(request),
    decideFollowUp: (request) => inner.decideFollowUp(request),
    assessCandidateQuestions: (request) => inner.assessCandidateQuestions(request),
    summarise: (request) => inner.summarise(request),
    rewriteStory: () => inner.rewriteStory(),
    evaluateAnswer: async (request: AnswerRequest) => {
      if (request.answerText.includes(marker)) {
        held += 1;
        await released;
      }
      return inner.evaluateAnswer(request);
    },
  };
  releaseHeld = () => release();
  return { coach, release: () => release(), held: () => held };
}

async function start(options: { coach?: Coach; cipher?: FieldCipher } = {}) {
  keyPrefix = uniquePrefix("discord-privacy");
  jobs = new BullmqJobQueue({
    redis: { topology: "standalone", url: redisUrl() },
    keyPrefix,
    provider: "offline",
    coachRateLimit: { max: 1_000, durationMs: 1_000 },
    coachConcurrency: 4,
    concurrency: 2,
    lockDurationMs: 5_000,
    logger: silentLogger,
  });
  stack = await startDiscordStack(discord, {
    keyPrefix,
    jobs,
    logger: recordingLogger,
    backgroundTasks: CHAT_AI_BACKGROUND_TASKS,
    ...options,
  });
}

beforeEach(async () => {
  audit.length = 0;
  discord = new DiscordEmulator();
  await discord.start();
});

afterEach(async () => {
  releaseHeld();
  await stack.stop();
  await discord.stop();
});

function reportPosted(threadId: string): boolean {
  return discord.messagesIn(threadId).some((message) => message.author.bot && message.embeds.length > 0);
}

/** Answers the waiting question and presses Submit answer; the prompt answered. */
async function submit(userId: string, threadId: string, text: string) {
  const prompt = latestPrompt(discord, threadId);
  const button = prompt && buttonOn(prompt, "Submit answer");
  if (!prompt || !button) throw new Error("no prompt waiting");
  await discord.sendMessage({ userId, channelId: threadId, content: text });
  await discord.clickButton({ userId, channelId: threadId, messageId: prompt.id, customId: button });
  return prompt;
}

/** Answers the waiting question and waits for what comes next. */
async function answer(userId: string, threadId: string, text: string) {
  const prompt = await submit(userId, threadId, text);
  await discord.waitFor(
    () => latestPrompt(discord, threadId)?.id !== prompt.id || reportPosted(threadId),
    10_000,
    "the next question",
  );
}

/** `/interview start` by a member who may have had interviews before: their new thread. */
async function startAnother(userId: string, company: string, questions: number) {
  const before = new Set(discord.threads.map((thread) => thread.id));
  await discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand: "start",
    options: { role: "Data Analyst", company, questions },
  });
  const thread = await discord.waitFor(
    () =>
      discord.threads.find((candidate) => candidate.members.includes(userId) && !before.has(candidate.id)),
    15_000,
    "the new thread",
  );
  await discord.waitFor(() => latestPrompt(discord, thread.id), 15_000, "first question");
  return { thread, conversation: `discord:${discord.guildId}:${thread.id}` as const };
}

/** Answers every question until the report is posted. */
async function finish(userId: string, threadId: string, text: string) {
  for (let turn = 0; turn < 20 && !reportPosted(threadId); turn += 1) await answer(userId, threadId, text);
  await discord.waitFor(() => reportPosted(threadId), 15_000, "the report");
}

/** `/interview privacy` as `userId`: the private reply with its buttons. */
async function privacyCommand(userId: string) {
  const record = await discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand: "privacy",
  });
  const reply = await discord.waitFor(
    () => discord.interactionResponses(record.id).find((response) => response.kind === "original-edit"),
    10_000,
    "privacy reply",
  );
  const deferral = discord.interactionResponses(record.id)[0];
  expect((deferral?.body as { data?: { flags?: number } } | undefined)?.data?.flags).toBe(64);
  const message = discord.messagesIn(discord.defaultChannelId).find((m) => m.id === reply.messageId);
  if (!message) throw new Error("the privacy reply is not in the channel");
  return message;
}

async function press(userId: string, messageId: string, label: string) {
  const message = discord.messagesIn(discord.defaultChannelId).find((m) => m.id === messageId);
  const customId = message && buttonOn(message, label);
  if (!customId) throw new Error(`no "${label}" button`);
  return discord.clickButton({ userId, channelId: discord.defaultChannelId, messageId, customId });
}

/** The text of the latest response to an interaction (its reply, update or edit). */
async function responseText(recordId: string, pattern: RegExp) {
  return discord.waitFor(
    () =>
      discord
        .interactionResponses(recordId)
        .map((response) => {
          const body = response.body as { content?: string; data?: { content?: string } };
          return { response, content: body.content ?? body.data?.content ?? "" };
        })
        .find(({ content }) => pattern.test(content)),
    15_000,
    `a response matching ${pattern}`,
  );
}

async function exportOf(userId: string, messageId: string) {
  const pressed = await press(userId, messageId, PRIVACY_BUTTONS.export);
  const { response } = await responseText(pressed.id, /everything SecondRound keeps/);
  const file = response.files.find((candidate) => candidate.filename === EXPORT_FILE_NAME);
  if (!file) throw new Error("no export file");
  // Sent as a private reply.
  const deferral = discord.interactionResponses(pressed.id)[0];
  expect((deferral?.body as { data?: { flags?: number } } | undefined)?.data?.flags).toBe(64);
  const text = Buffer.from(file.bytes).toString("utf8");
  return { text, data: MemberExportSchema.parse(JSON.parse(text)) };
}

describe("/interview privacy on Discord (real discord.js against the emulator, real Redis, BullMQ)", () => {
  it("a member exports and erases their data while a job of theirs runs; another member's interview in the channel carries on", async () => {
    const held = heldCoach("mentored two junior analysts");
    await start({ coach: held.coach });
    const scope = `discord:${discord.guildId}`;
    const ada = discord.addUser({ username: "ada" });
    const ben = discord.addUser({ username: "ben" });

    // Ada: a finished interview (progress), a round-1 log, and one still running.
    const first = await startByCommand(discord, ada.id, {
      role: "Data Analyst",
      company: "Acme",
      questions: 1,
    });
    await finish(ada.id, first.thread.id, ADA_FIRST);
    await eventually(async () => (await stack.progress.list(scope, ada.id)).length === 1, 10_000, "progress");
    await stack.roundOneLogs.put(scope, ada.id, sampleRoundOneLog("Acme"));
    const second = await startAnother(ada.id, "Initech", 1);
    // Ben's interview, in the same channel, is under way too.
    const bens = await startByCommand(discord, ben.id, { role: "Analyst", company: "Globex", questions: 2 });
    await answer(ben.id, bens.thread.id, BEN_ANSWER);
    // Submitted: its evaluation starts, and is held.
    await submit(ada.id, second.thread.id, ADA_SECOND);
    await eventually(() => held.held() === 1, 10_000, "Ada's evaluation to be running");

    const menu = await privacyCommand(ada.id);
    expect(menu.content).toMatch(/Kept 30 days after an interview's last change/);
    expect(menu.content).toMatch(/Kept 1 year after/);

    // Ben cannot press Ada's buttons.
    const intruder = await press(ben.id, menu.id, PRIVACY_BUTTONS.export);
    await responseText(intruder.id, /belong to the member who asked/);

    const { text, data } = await exportOf(ada.id, menu.id);
    expect(data.member).toBe(ada.id);
    expect(data.interviews.map((interview) => interview.options.company).sort()).toEqual(["Acme", "Initech"]);
    expect(text).toContain("three days to build");
    expect(text).toContain(ADA_SECOND);
    expect(text).toContain(ADA_NOTE);
    expect(data.progress).toHaveLength(1);
    expect(data.stories).toEqual([]);
    expect(text).not.toContain(ben.id);
    expect(text).not.toContain("churn dashboard");
    expect(text).not.toContain(bens.thread.id);

    // Delete: a warning first, then the erasure.
    const deleting = await press(ada.id, menu.id, PRIVACY_BUTTONS.delete);
    await responseText(deleting.id, /cannot be undone/);
    const confirmed = await press(ada.id, menu.id, PRIVACY_BUTTONS.confirmDelete);
    const done = await responseText(confirmed.id, /^Deleted: 2 interviews, 1 round-1 log, 1 progress entry/);
    expect(done.content).toMatch(/still running/);

    // The held evaluation finishes after the erasure: it finds nothing to apply to, and the
    // erasure sweep removes its record.
    held.release();
    await eventually(
      async () => (await stack.services.desk.eraseDueMembers(Date.now() + 120_000)) === 1,
      15_000,
      "the unfinished erasure to be finished",
    );

    const adaTraces = [
      ada.id,
      first.thread.id,
      second.thread.id,
      "three days to build",
      "junior analysts",
      ADA_NOTE,
    ];
    expect(await keysMentioning(client, keyPrefix, adaTraces)).toEqual([]);
    expect(discord.messagesIn(second.thread.id).some((m) => m.embeds.length > 0)).toBe(false);

    // Ben's interview is untouched and finishes normally.
    expect(await keysMentioning(client, keyPrefix, [bens.thread.id])).not.toEqual([]);
    await finish(ben.id, bens.thread.id, BEN_ANSWER);

    // Audited: who asked, what, when, counts; never the member's id or words.
    const lines = audit.filter(({ fields }) => fields.audit === "erasure");
    expect(lines.map(({ fields }) => fields.requestedBy)).toEqual(["member", "erasure-sweep"]);
    expect(lines[0]?.fields).toMatchObject({ subject: "member", scope, interviews: 2, complete: false });
    expect(lines[1]?.fields).toMatchObject({ complete: true });
    for (const line of lines) {
      const logged = JSON.stringify(line);
      for (const trace of adaTraces) expect(logged).not.toContain(trace);
    }
    expect(discord.rejected).toEqual([]);
  });

  it("an erasure cut short is finished by the restarted bot's erasure sweep", async () => {
    await start();
    const scope = `discord:${discord.guildId}`;
    const ada = discord.addUser({ username: "ada" });
    const first = await startByCommand(discord, ada.id, {
      role: "Data Analyst",
      company: "Acme",
      questions: 1,
    });
    await finish(ada.id, first.thread.id, ADA_FIRST);
    await stack.roundOneLogs.put(scope, ada.id, sampleRoundOneLog("Acme"));
    // The process dies after the erasure was recorded and the interview deleted, before the rest.
    await stack.directory.scheduleMemberErasure({ scope, memberId: ada.id }, Date.now() + 60_000);
    await stack.store.delete(first.conversation);
    await stack.stop();

    jobs = restartedJobs();
    stack = await startDiscordStack(discord, { keyPrefix, jobs });
    expect(await stack.services.desk.eraseDueMembers(Date.now())).toBe(0);
    expect(await stack.services.desk.eraseDueMembers(Date.now() + 60_000)).toBe(1);
    expect(await keysMentioning(client, keyPrefix, [ada.id, first.thread.id, ADA_NOTE])).toEqual([]);
  });

  it("with encryption at rest, the export still shows the member their own words", async () => {
    const cipher = new FieldCipher([{ id: "k1", key: randomBytes(32) }]);
    await start({ cipher });
    const scope = `discord:${discord.guildId}`;
    const ada = discord.addUser({ username: "ada" });
    const first = await startByCommand(discord, ada.id, {
      role: "Data Analyst",
      company: "Acme",
      questions: 1,
    });
    await answer(ada.id, first.thread.id, ADA_FIRST);
    await stack.roundOneLogs.put(scope, ada.id, sampleRoundOneLog("Acme"));
    // Sealed at rest…
    expect(await keysMentioning(client, keyPrefix, ["three days to build", ADA_NOTE])).toEqual([]);
    // …and plain in the member's export.
    const { text } = await exportOf(ada.id, (await privacyCommand(ada.id)).id);
    expect(text).toContain("three days to build");
    expect(text).toContain(ADA_NOTE);
  });
});

function restartedJobs(): BullmqJobQueue {
  return new BullmqJobQueue({
    redis: { topology: "standalone", url: redisUrl() },
    keyPrefix,
    provider: "offline",
    coachRateLimit: { max: 1_000, durationMs: 1_000 },
    coachConcurrency: 4,
    concurrency: 2,
    lockDurationMs: 5_000,
    logger: silentLogger,
  });
}
