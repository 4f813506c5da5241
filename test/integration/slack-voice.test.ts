// Audio clips on Slack, through the real Bolt app against the Slack fake: a clip recorded in Slack
// (`slack_audio`, its container labelled video/…) is downloaded with the bot token from Slack's file
// origin only, transcribed, shown in the thread, and submitted as the answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranscriber } from "../../src/coach/openai/create-transcriber.ts";
import { spokenClipOf } from "../../src/coach/voice/spoken-clip.ts";
import { loadConfig } from "../../src/config.ts";
import {
  type SlackWebApiEmulator,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  CASEY,
  latestTurnId,
  startInterview,
  threadReply,
  threadTexts,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";
import { wavFile } from "../support/test-audio.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const STORY =
  "As a careers adviser I ran twenty mock interviews a week and built a feedback form, and the offer rate rose from 30% to 45%.";

const openai = useOpenAIEmulator();
let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  const config = loadConfig({ TRANSCRIPTION_BASE_URL: `${openai().url}/v1`, OPENAI_MAX_RETRIES: "0" });
  const transcriber = createTranscriber(config.transcription, spokenClipOf) ?? undefined;
  stack = await startSlackStack(emulator, {
    keyPrefix: uniquePrefix("slack-voice"),
    ...(transcriber ? { transcriber } : {}),
  });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

describe("Slack audio clips", () => {
  it("downloads a clip with the bot token, shows its transcript, and reports its delivery", async () => {
    const { threadTs, conversation } = await startInterview(stack, emulator, CASEY, { questions: "1" });
    const audio = wavFile({ seconds: 20 });
    openai().scriptTranscription({ kind: "text", content: STORY });
    const clip = emulator.hostFile({
      name: "audio_message.mp4",
      mimetype: "video/mp4",
      bytes: audio,
      extra: { subtype: "slack_audio", duration_ms: 20_000 },
    });
    await stack.send(threadReply(CASEY, threadTs, "", { files: [clip] }));
    await stack.settle();
    await emulator.waitFor(
      () => threadTexts(emulator, CASEY.channelId, threadTs).some((text) => text.includes(STORY)),
      10_000,
    );
    const texts = threadTexts(emulator, CASEY.channelId, threadTs).join("\n");
    expect(texts).toMatch(/Got your voice message \(0:20\)/);
    const download = emulator.fileDownloads.find((record) => record.fileId === clip.id);
    expect(download).toMatchObject({ authorized: true, token: slackDefaults.botToken });
    const upload = openai().requests.find((request) => request.path === "/v1/audio/transcriptions");
    expect([...(upload?.multipart?.files.file?.bytes ?? [])]).toEqual([...audio]);
    const turnId = latestTurnId(emulator, CASEY.channelId, threadTs);
    if (!turnId) throw new Error("no turn");
    await stack.send(buttonPress(CASEY, threadTs, "submit", turnId));
    await stack.settle();
    const part = (await stack.session(conversation))?.answers[0]?.parts[0];
    expect(part?.text).toBe(STORY);
    expect(part?.spoken?.durationMs).toBe(20_000);
    // Skip the closing question: the report shows how the spoken answer was delivered.
    const closing = latestTurnId(emulator, CASEY.channelId, threadTs);
    if (!closing || closing === turnId) throw new Error("no closing question");
    await stack.send(buttonPress(CASEY, threadTs, "skip", closing));
    await stack.settle();
    await emulator.waitFor(
      () => threadTexts(emulator, CASEY.channelId, threadTs).some((text) => /Delivery/.test(text)),
      10_000,
    );
    const report = (await stack.session(conversation))?.report;
    expect(report?.questions[0]?.delivery?.wordsPerMinute).toBeGreaterThan(0);
    expect(report?.delivery?.spokenAnswers).toBe(1);
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
