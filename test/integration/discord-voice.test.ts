// Voice messages on Discord, through the real discord.js client against the emulator: the clip is
// fetched again from the CDN by the transcription job, its transcript shown in the thread, and the
// answer's delivery measured. Expired files and over-long messages get clear replies; nothing is lost.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Transcriber, Transcription } from "../../src/core/ports/transcriber.ts";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { botText, latestPrompt, pressButton, startDiscordStack } from "../support/discord-stack.ts";
import { eventually } from "../support/eventually.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { spokenClip } from "../support/scripted-voice.ts";

const IS_VOICE_MESSAGE = 1 << 13;
const STORY =
  "When our store's stock counts kept failing, I rebuilt the weekly count sheet and trained four colleagues, and the errors fell from twelve a week to two.";

/** Answers with the scripted text, and keeps the bytes it was sent, to check what was fetched. */
class RecordingTranscriber implements Transcriber {
  readonly name = "recording";
  readonly received: Uint8Array[] = [];
  reply: Transcription = { ok: true, clip: spokenClip(STORY, 42) };
  async transcribe(audio: { bytes: Uint8Array }): Promise<Transcription> {
    this.received.push(audio.bytes);
    return this.reply;
  }
}

let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;
let transcriber: RecordingTranscriber;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  transcriber = new RecordingTranscriber();
  stack = await startDiscordStack(discord, { keyPrefix: uniquePrefix("discord-voice"), transcriber });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

async function startInterview(userId: string): Promise<string> {
  await discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand: "start",
    options: { role: "Retail Supervisor", company: "Acme", questions: 2 },
  });
  const thread = await discord.waitFor(
    () => discord.threads.find((candidate) => candidate.members.includes(userId)),
    5_000,
    "thread",
  );
  await discord.waitFor(() => latestPrompt(discord, thread.id), 5_000, "question");
  return thread.id;
}

describe("Discord voice messages", () => {
  it("transcribes a voice message, shows the transcript, and submits it as the answer", async () => {
    const ada = discord.addUser({ username: "ada" });
    const threadId = await startInterview(ada.id);
    const audio = new Uint8Array(4_096).map((_, index) => (index * 7) % 251);
    const clip = discord.hostVoiceMessage(audio, 42);
    await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "",
      attachments: [clip],
      flags: IS_VOICE_MESSAGE,
    });
    await discord.waitFor(() => botText(discord, threadId).includes(STORY), 10_000, "transcript");
    expect(botText(discord, threadId)).toMatch(/Got your voice message \(0:42\)/);
    // The job fetched the very bytes Discord hosts.
    expect(transcriber.received).toHaveLength(1);
    expect([...(transcriber.received[0] ?? [])]).toEqual([...audio]);
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    await pressButton(discord, ada.id, threadId, "Submit answer");
    await eventually(async () => ((await stack.engine.current(conversation))?.answers.length ?? 0) === 1);
    const answer = (await stack.engine.current(conversation))?.answers[0];
    expect(answer?.parts[0]?.text).toBe(STORY);
  });

  it("refuses a voice message over five minutes without downloading it", async () => {
    const ada = discord.addUser({ username: "ada" });
    const threadId = await startInterview(ada.id);
    const clip = discord.hostVoiceMessage(new Uint8Array(1_000), 320);
    await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "",
      attachments: [clip],
      flags: IS_VOICE_MESSAGE,
    });
    await discord.waitFor(
      () => /5:20 long; voice answers can be up to 5 minutes/.test(botText(discord, threadId)),
      5_000,
      "refusal",
    );
    expect(transcriber.received).toHaveLength(0);
  });

  it("says so when the clip has expired from the CDN before it could be fetched, and the interview goes on", async () => {
    const ada = discord.addUser({ username: "ada" });
    const threadId = await startInterview(ada.id);
    const clip = discord.hostVoiceMessage(new Uint8Array(1_000), 12);
    discord.expireFile(clip);
    await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "",
      attachments: [clip],
      flags: IS_VOICE_MESSAGE,
    });
    await discord.waitFor(() => /no longer available/.test(botText(discord, threadId)), 10_000, "gone");
    await discord.sendMessage({
      userId: ada.id,
      channelId: threadId,
      content: "Typed instead: I rebuilt the count sheet.",
    });
    const conversation = `discord:${discord.guildId}:${threadId}` as const;
    await eventually(async () => (await stack.engine.current(conversation))?.turn?.draft.length === 1);
    expect(transcriber.received).toHaveLength(0);
  });
});
