// Voice messages on Discord, end to end: the real discord.js client against the Discord emulator, the
// real openai client's transcription against the OpenAI emulator, a real Ogg Opus clip. The clip is
// fetched again from the CDN by the transcription job, its transcript shown in the thread, and the
// answer's delivery measured in the report. Expired, over-long, damaged and renamed files get clear
// replies, and the interview goes on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTranscriber } from "../../src/coach/openai/create-transcriber.ts";
import { spokenClipOf } from "../../src/coach/voice/spoken-clip.ts";
import { loadConfig } from "../../src/config.ts";
import type { Transcriber } from "../../src/core/ports/transcriber.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { botText, latestPrompt, pressButton, startDiscordStack } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { corruptAudio, oggOpusFile } from "../support/test-audio.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const IS_VOICE_MESSAGE = 1 << 13;
const STORY =
  "Um, so when our store's stock counts kept failing, I rebuilt the weekly count sheet. I trained four colleagues on it, and, um, the errors fell from twelve a week to two.";

const openai = useOpenAIEmulator();
let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;

function emulatorTranscriber(): Transcriber {
  const config = loadConfig({ TRANSCRIPTION_BASE_URL: `${openai().url}/v1`, OPENAI_MAX_RETRIES: "0" });
  const transcriber = createTranscriber(config.transcription, spokenClipOf);
  if (!transcriber) throw new Error("no transcriber configured");
  return transcriber;
}

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  stack = await startDiscordStack(discord, {
    keyPrefix: uniquePrefix("discord-voice"),
    transcriber: emulatorTranscriber(),
  });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

async function startInterview(userId: string, questions = 2): Promise<string> {
  await discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand: "start",
    options: { role: "Retail Supervisor", company: "Acme", questions, stage: "first" },
  });
  const thread = await discord.waitFor(
    () => discord.threads.find((candidate) => candidate.members.includes(userId)),
    5_000,
    "thread",
  );
  await discord.waitFor(() => latestPrompt(discord, thread.id), 5_000, "question");
  return thread.id;
}

async function sendVoice(userId: string, threadId: string, bytes: Uint8Array, seconds: number) {
  const clip = discord.hostVoiceMessage(bytes, seconds);
  await discord.sendMessage({
    userId,
    channelId: threadId,
    content: "",
    attachments: [clip],
    flags: IS_VOICE_MESSAGE,
  });
  return clip;
}

describe("Discord voice messages", () => {
  it("transcribes a voice message, shows the transcript, and reports its delivery", async () => {
    const ada = discord.addUser({ username: "ada" });
    const threadId = await startInterview(ada.id, 1);
    const audio = oggOpusFile({ seconds: 12 });
    // Two long pauses in the middle of the answer.
    openai().scriptTranscription({
      kind: "text",
      content: STORY,
      pauses: [
        { afterWord: 12, seconds: 2.5 },
        { afterWord: 20, seconds: 3 },
      ],
    });
    await sendVoice(ada.id, threadId, audio, 12);
    await discord.waitFor(() => botText(discord, threadId).includes("the errors fell"), 15_000, "transcript");
    expect(botText(discord, threadId)).toMatch(/Got your voice message \(0:12\)/);
    // The provider received the very bytes Discord hosts, sent as Ogg with a filler-keeping prompt.
    const upload = openai().requests.find((request) => request.path === "/v1/audio/transcriptions");
    expect([...(upload?.multipart?.files.file?.bytes ?? [])]).toEqual([...audio]);
    expect(upload?.multipart?.fields.response_format).toBe("verbose_json");
    expect(upload?.multipart?.fields.prompt).toMatch(/Um, uh/);
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    await pressButton(discord, ada.id, threadId, "Submit answer");
    // On to the closing question; skip it for the report.
    await eventually(async () => ((await stack.engine.current(conversation))?.answers.length ?? 0) === 1);
    await pressButton(discord, ada.id, threadId, "Skip");
    await eventually(async () => (await stack.engine.current(conversation))?.report != null, 15_000);
    const report = (await stack.engine.current(conversation))?.report;
    const delivery = report?.questions[0]?.delivery;
    expect(delivery?.longPauses).toBe(2);
    expect(delivery?.topFillers[0]?.[0]).toBe("um");
    expect(report?.delivery?.spokenAnswers).toBe(1);
    await discord.waitFor(() => /Delivery/.test(botText(discord, threadId)), 10_000, "report delivery");
  });

  it("refuses a voice message over five minutes without downloading it", async () => {
    const ada = discord.addUser({ username: "ada" });
    const threadId = await startInterview(ada.id);
    await sendVoice(ada.id, threadId, oggOpusFile({ seconds: 1 }), 320);
    await discord.waitFor(
      () => /5:20 long; voice answers can be up to 5 minutes/.test(botText(discord, threadId)),
      5_000,
      "refusal",
    );
    expect(openai().requests).toHaveLength(0);
  });

  it("explains a damaged clip, a renamed PDF and an expired clip, and the interview goes on", async () => {
    const ada = discord.addUser({ username: "ada" });
    const threadId = await startInterview(ada.id);
    await sendVoice(ada.id, threadId, corruptAudio.truncatedOgg(3), 3);
    await sendVoice(ada.id, threadId, corruptAudio.pdfNamedOgg(), 2);
    const expired = discord.hostVoiceMessage(oggOpusFile({ seconds: 2 }), 2);
    discord.expireFile(expired);
    await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "",
      attachments: [expired],
      flags: IS_VOICE_MESSAGE,
    });
    await discord.waitFor(() => /no longer available/.test(botText(discord, threadId)), 10_000, "gone");
    await discord.waitFor(
      () => (botText(discord, threadId).match(/isn't audio I can read/g) ?? []).length === 2,
      10_000,
      "not audio twice",
    );
    // The PDF never leaves; the cut-off clip has readable headers, so the provider is asked once and refuses it.
    const uploads = openai().requests.map((request) =>
      Buffer.from(request.multipart?.files.file?.bytes ?? []),
    );
    expect(uploads.some((bytes) => bytes.subarray(0, 4).toString() === "%PDF")).toBe(false);
    expect(uploads.length).toBeLessThanOrEqual(1);
    await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "Typed instead: I rebuilt the count sheet.",
    });
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    await eventually(async () => (await stack.engine.current(conversation))?.turn?.draft.length === 1);
    expect((await stack.engine.current(conversation))?.turn?.transcribing).toBeUndefined();
  });

  it("tells the candidate when the provider keeps failing, and keeps what they typed", async () => {
    const ada = discord.addUser({ username: "ada" });
    const threadId = await startInterview(ada.id);
    await discord.sendMessage({ userId: ada.id, channelId: threadId, content: "My typed start." });
    openai().scriptTranscription(
      { kind: "server-error" },
      { kind: "server-error" },
      { kind: "server-error" },
    );
    await sendVoice(ada.id, threadId, oggOpusFile({ seconds: 2 }), 2);
    await discord.waitFor(
      () => /transcription service isn't answering/.test(botText(discord, threadId)),
      15_000,
      "outage",
    );
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    expect((await stack.engine.current(conversation))?.turn?.draft.map((message) => message.text)).toEqual([
      "My typed start.",
    ]);
  });
});
