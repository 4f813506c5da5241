// Audio clips on Slack, through the real Bolt app against the Slack fake: a clip recorded in Slack
// (`slack_audio`, its container labelled video/…) is downloaded with the bot token from Slack's file
// origin only, transcribed, shown in the thread, and submitted as the answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transcriber, Transcription } from "../../src/core/ports/transcriber.ts";
import {
  type SlackWebApiEmulator,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { spokenClip } from "../support/scripted-voice.ts";
import {
  buttonPress,
  CASEY,
  latestTurnId,
  startInterview,
  threadReply,
  threadTexts,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

const STORY =
  "As a careers adviser I ran twenty mock interviews a week and built a feedback form, and the offer rate rose from 30% to 45%.";

class RecordingTranscriber implements Transcriber {
  readonly name = "recording";
  readonly received: { bytes: Uint8Array; contentType: string | null }[] = [];
  async transcribe(audio: { bytes: Uint8Array; contentType: string | null }): Promise<Transcription> {
    this.received.push(audio);
    return { ok: true, clip: spokenClip(STORY, 50) };
  }
}

let emulator: SlackWebApiEmulator;
let stack: SlackStack;
const transcriber = new RecordingTranscriber();

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix: uniquePrefix("slack-voice"), transcriber });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

describe("Slack audio clips", () => {
  it("downloads a clip with the bot token, shows its transcript, and submits it", async () => {
    const { threadTs, conversation } = await startInterview(stack, emulator, CASEY, { questions: "2" });
    const audio = new Uint8Array(2_048).map((_, index) => (index * 13) % 251);
    const clip = emulator.hostFile({
      name: "audio_message.mp4",
      mimetype: "video/mp4",
      bytes: audio,
      extra: { subtype: "slack_audio", duration_ms: 50_000 },
    });
    await stack.send(threadReply(CASEY, threadTs, "", { files: [clip] }));
    await stack.settle();
    await emulator.waitFor(
      () => threadTexts(emulator, CASEY.channelId, threadTs).some((text) => text.includes(STORY)),
      10_000,
    );
    const texts = threadTexts(emulator, CASEY.channelId, threadTs).join("\n");
    expect(texts).toMatch(/Got your voice message \(0:50\)/);
    const download = emulator.fileDownloads.find((record) => record.fileId === clip.id);
    expect(download).toMatchObject({ authorized: true, token: slackDefaults.botToken });
    expect(transcriber.received[0]?.contentType).toBe("audio/mp4");
    expect([...(transcriber.received[0]?.bytes ?? [])]).toEqual([...audio]);
    const turnId = latestTurnId(emulator, CASEY.channelId, threadTs);
    if (!turnId) throw new Error("no turn");
    await stack.send(buttonPress(CASEY, threadTs, "submit", turnId));
    await stack.settle();
    expect((await stack.session(conversation))?.answers[0]?.parts[0]?.text).toBe(STORY);
  });

  it("refuses a clip over 25 MB without downloading it", async () => {
    const { threadTs } = await startInterview(
      stack,
      emulator,
      { ...CASEY, userId: "U0VOICE2" },
      { questions: "1" },
    );
    const clip = emulator.hostFile({
      name: "long-take.m4a",
      mimetype: "audio/mp4",
      bytes: "tiny",
      extra: { size: 26 * 1024 * 1024 },
    });
    await stack.send(threadReply({ ...CASEY, userId: "U0VOICE2" }, threadTs, "", { files: [clip] }));
    await stack.settle();
    expect(threadTexts(emulator, CASEY.channelId, threadTs).join("\n")).toMatch(/over 25 MB/);
    expect(emulator.fileDownloads.filter((record) => record.fileId === clip.id)).toEqual([]);
  });
});
