// Posting the engine's messages: Slack's rate limits are waited out, places that are gone are dropped
// once (no retry storm), Slack's own trouble is thrown so the outbox keeps the message, and a message
// is never posted twice by one process. Also: catching up on replies sent while no process listened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { StoreUnavailableError } from "../../src/core/model/errors.ts";
import type { OutboundMessage } from "../../src/core/model/reply.ts";
import {
  type SlackWebApiEmulator,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  latestTurnId,
  slackPerson,
  startInterview,
  threadReply,
  threadTexts,
} from "../support/slack-candidate.ts";
import { STAR_ANSWER_PARTS } from "../support/slack-fixtures.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix: uniquePrefix("slack-delivery") });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

const person = (userId: string, userName: string) => slackPerson(emulator, userId, userName);

let counter = 0;
function notice(conversation: string, text: string): OutboundMessage {
  counter += 1;
  return {
    idempotencyKey: `delivery-test:${counter}`,
    conversation,
    visibility: { kind: "conversation" },
    replies: [{ kind: "text", tone: "notice", text }],
    actions: [],
  };
}

const postsWith = (text: string) =>
  emulator.sent.filter((sent) => sent.method === "chat.postMessage" && sent.text?.includes(text));

describe("posting to Slack", () => {
  it("waits out a 429 and posts the reply once", async () => {
    const rita = person("U0RITA", "rita");
    const { threadTs, conversation } = await startInterview(stack, emulator, rita, { questions: "1" });
    for (const part of STAR_ANSWER_PARTS) await stack.send(threadReply(rita, threadTs, part));
    await stack.settle();
    const before = emulator.callsTo("chat.postMessage").length;

    emulator.failNext("chat.postMessage", "ratelimited", { status: 429, retryAfter: 0 });
    await stack.send(threadReply(rita, threadTs, "!submit"));
    await stack.settle();

    const calls = emulator.callsTo("chat.postMessage").slice(before);
    expect(calls[0]?.status).toBe(429);
    expect(calls.slice(1).every((call) => call.status === 200)).toBe(true);
    expect(postsWith("Answer recorded:")).toHaveLength(1);
    // The engine counts it as delivered: a resume of the interview does not post it again.
    await stack.engine.resume(conversation, false);
    await stack.settle();
    expect(postsWith("Answer recorded:")).toHaveLength(1);
  });

  it("drops a message for a channel that is gone after one call, and reports the channel once", async () => {
    const gone = `slack:${slackDefaults.teamId}:C0GONE:1700000000.000100`;
    const before = emulator.callsTo("chat.postMessage").length;

    await expect(stack.bot.send(notice(gone, "first"))).resolves.toBeUndefined();
    await expect(stack.bot.send(notice(gone, "second"))).resolves.toBeUndefined();

    const calls = emulator.callsTo("chat.postMessage").slice(before);
    expect(calls.map((call) => call.response?.error)).toEqual(["channel_not_found", "channel_not_found"]);
    const warnings = stack.logger.lines.filter(
      (line) => line.level === "warn" && line.message.startsWith("slack message dropped"),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ conversation: gone, reason: "channel_not_found" });
  });

  it("keeps the interview going when one post hits not_in_channel, without retrying it", async () => {
    const sam = person("U0SAM", "sam");
    const { threadTs, conversation } = await startInterview(stack, emulator, sam, { questions: "2" });
    const before = emulator.callsTo("chat.postMessage").length;

    emulator.failNext("chat.postMessage", "not_in_channel");
    await stack.send(threadReply(sam, threadTs, "!hint"));
    await stack.settle();
    await stack.send(threadReply(sam, threadTs, "!repeat"));
    await stack.settle();

    const calls = emulator.callsTo("chat.postMessage").slice(before);
    expect(calls.map((call) => call.response?.error ?? "ok")).toEqual(["not_in_channel", "ok"]);
    // Dropped, not pending: resuming the interview does not try the hint again.
    await stack.engine.resume(conversation, false);
    await stack.settle();
    expect(emulator.callsTo("chat.postMessage").slice(before)).toHaveLength(2);
    expect(threadTexts(emulator, sam.channelId, threadTs).some((text) => text.startsWith("Hint:"))).toBe(
      false,
    );
    expect(latestTurnId(emulator, sam.channelId, threadTs)).toBeDefined();
  });

  it("throws for Slack's own trouble, so the outbox keeps the message, and posts it once on retry", async () => {
    const thread = `slack:${slackDefaults.teamId}:${slackDefaults.channelId}:1700000000.000200`;
    const message = notice(thread, "Retried after internal_error");

    emulator.failNext("chat.postMessage", "internal_error");
    await expect(stack.bot.send(message)).rejects.toMatchObject({ data: { error: "internal_error" } });
    await stack.bot.send(message);
    await stack.bot.send(message);

    expect(postsWith("Retried after internal_error")).toHaveLength(1);
  });

  it("posts a message once even when it is sent twice at the same time", async () => {
    const thread = `slack:${slackDefaults.teamId}:${slackDefaults.channelId}:1700000000.000300`;
    const message = notice(thread, "Sent twice at once");

    await Promise.all([stack.bot.send(message), stack.bot.send(message)]);

    expect(postsWith("Sent twice at once")).toHaveLength(1);
  });

  it("tells the author privately when an answer cannot be saved (Redis unavailable)", async () => {
    let failing = false;
    const flaky = await startSlackStack(emulator, {
      keyPrefix: uniquePrefix("slack-flaky"),
      wrapServices: (services) => ({
        ...services,
        engine: {
          current: (conversation) => services.engine.current(conversation),
          handle: (event) => {
            if (failing) return Promise.reject(new StoreUnavailableError("Redis is unavailable: test"));
            return services.engine.handle(event);
          },
        },
      }),
    });
    try {
      const uri = person("U0URI", "uri");
      const { threadTs } = await startInterview(flaky, emulator, uri, { questions: "1" });
      failing = true;

      await flaky.send(threadReply(uri, threadTs, "This answer cannot be saved right now."));
      await flaky.settle();

      const notes = emulator
        .ephemeralsIn(uri.channelId)
        .filter((message) => message.recipient === uri.userId);
      expect(notes).toEqual([expect.objectContaining({ text: NOTICES.notSaved, thread_ts: threadTs })]);
      expect(flaky.logger.lines.some((line) => line.message === "slack listener failed")).toBe(true);
    } finally {
      await flaky.stop();
    }
  });

  it("catches up on replies sent while no process was listening, once", async () => {
    const tara = person("U0TARA", "tara");
    const { threadTs, conversation } = await startInterview(stack, emulator, tara, { questions: "1" });
    const since = Date.now() - 1_000;
    emulator.addUserMessage({ text: "Sent while the bot was down.", user: tara.userId, threadTs });
    emulator.addUserMessage({ text: "And a second part.", user: tara.userId, threadTs });

    await stack.bot.catchUp(conversation, since);
    await stack.bot.catchUp(conversation, since);

    const draft = (await stack.session(conversation))?.turn?.draft.map((message) => message.text);
    expect(draft).toEqual(["Sent while the bot was down.", "And a second part."]);
    expect(emulator.callsTo("conversations.replies").at(-1)?.args).toMatchObject({
      channel: tara.channelId,
      ts: threadTs,
      oldest: (since / 1000).toFixed(6),
    });
  });
});
