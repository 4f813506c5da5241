// The Slack emulator's side of checking a delivery: message metadata as Slack stores and returns it, threads read
// page by page, and calls held to model a process that dies in the middle of one. Driven by the real WebClient.
import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  recordingLogger,
  type SlackWebApiEmulator,
  slackDefaults,
  startSlackWebApiEmulator,
} from "./slack/index.ts";

const { botToken, channelId } = slackDefaults;
let emulator: SlackWebApiEmulator;
let threadTs: string;

beforeEach(async () => {
  emulator = await startSlackWebApiEmulator();
  threadTs = emulator.addUserMessage({ text: "root" }).ts;
});

afterEach(async () => {
  await emulator.close();
});

function webClient(timeout = 2_000) {
  return new webApi.WebClient(botToken, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0, minTimeout: 0, maxTimeout: 0 },
    timeout,
    logger: recordingLogger(),
  });
}

const metadata = { event_type: "secondround_message", event_payload: { key: "s-1:2#0" } };

describe("Slack emulator: message metadata", () => {
  it("stores it and returns it from conversations.replies only with include_all_metadata", async () => {
    await webClient().chat.postMessage({
      channel: channelId,
      thread_ts: threadTs,
      text: "Question 1",
      metadata,
    });

    const plain = await webClient().conversations.replies({ channel: channelId, ts: threadTs });
    const full = await webClient().conversations.replies({
      channel: channelId,
      ts: threadTs,
      include_all_metadata: true,
    });

    expect(plain.messages?.[1]?.metadata).toEqual({ event_type: "secondround_message" });
    expect(full.messages?.[1]?.metadata).toEqual(metadata);
  });

  it("refuses metadata that is not an object, and drops an invalid event type with a warning", async () => {
    await expect(
      webClient().apiCall("chat.postMessage", { channel: channelId, text: "x", metadata: "not json" }),
    ).rejects.toMatchObject({ data: { error: "invalid_metadata_format" } });
    const posted = await webClient().chat.postMessage({
      channel: channelId,
      thread_ts: threadTs,
      text: "Question 2",
      metadata: { event_type: "secondround.message", event_payload: { key: "k" } },
    });
    expect(posted).toMatchObject({ ok: true, warning: "invalid_metadata_schema" });
    expect(emulator.messagesIn(channelId, threadTs).at(-1)?.metadata).toBeUndefined();
  });
});

describe("Slack emulator: conversations.replies pages", () => {
  it("returns the root and replies oldest first, `limit` at a time, with a cursor to the next page", async () => {
    for (let index = 0; index < 5; index += 1) emulator.addUserMessage({ text: `reply ${index}`, threadTs });
    const client = webClient();
    const texts: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.replies({
        channel: channelId,
        ts: threadTs,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      texts.push(...(page.messages ?? []).map((message) => message.text ?? ""));
      cursor = page.has_more ? page.response_metadata?.next_cursor : undefined;
    } while (cursor);

    expect(texts).toEqual(["root", "reply 0", "reply 1", "reply 2", "reply 3", "reply 4"]);
    expect(emulator.callsTo("conversations.replies")).toHaveLength(3);
    await expect(
      client.conversations.replies({ channel: channelId, ts: threadTs, cursor: "bm9wZQ==" }),
    ).rejects.toMatchObject({ data: { error: "invalid_cursor" } });
  });
});

describe("Slack emulator: held calls", () => {
  it("'after' posts the message and holds the answer until released", async () => {
    const hold = emulator.holdCalls({ mode: "after", match: (call) => call.method === "chat.postMessage" });
    const posting = webClient().chat.postMessage({ channel: channelId, thread_ts: threadTs, text: "held" });
    const call = await hold.arrived;

    expect(call.args).toMatchObject({ text: "held" });
    expect(emulator.messagesIn(channelId, threadTs).map((message) => message.text)).toEqual(["held"]);
    hold.release();
    await expect(posting).resolves.toMatchObject({ ok: true });
  });

  it("'before' applies nothing when the client gives up first", async () => {
    const hold = emulator.holdCalls({ mode: "before", match: (call) => call.method === "chat.postMessage" });
    const posting = webClient(200).chat.postMessage({
      channel: channelId,
      thread_ts: threadTs,
      text: "stalled",
    });
    await hold.arrived;
    await expect(posting).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    hold.release();

    expect(emulator.messagesIn(channelId, threadTs)).toEqual([]);
    await webClient().chat.postMessage({ channel: channelId, thread_ts: threadTs, text: "after release" });
    expect(emulator.messagesIn(channelId, threadTs).map((message) => message.text)).toEqual([
      "after release",
    ]);
  });
});
