// Slack while Redis is away (a real redis-server, stopped and restarted): a thread reply, a button press and an
// /interview command each get a private notice that SecondRound is temporarily unavailable, the answers so far are
// safe and what to do again; once Redis is back the interview carries on as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { type SlackWebApiEmulator, startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { type CrashableRedis, startCrashableRedis } from "../support/crashable-redis.ts";
import { eventually } from "../support/eventually.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  commandReply,
  ephemeralTexts,
  interviewCommand,
  latestTurnId,
  slackPerson,
  startInterview,
  threadReply,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let redis: CrashableRedis;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  redis = await startCrashableRedis("always");
  stack = await startSlackStack(emulator, { keyPrefix: uniquePrefix("slack-outage"), redisUrl: redis.url });
});

afterAll(async () => {
  await stack?.stop();
  await redis?.stop();
  await emulator?.close();
});

describe("Slack while Redis is away", () => {
  it("tells the candidate their answers are safe and what to send again, then carries on", async () => {
    const uri = slackPerson(emulator, "U0URI", "uri");
    const { threadTs, conversation } = await startInterview(stack, emulator, uri, { questions: "1" });
    const turnId = latestTurnId(emulator, uri.channelId, threadTs);
    if (!turnId) throw new Error("no prompt");
    const notices = () => ephemeralTexts(emulator, uri.channelId, uri.userId);

    await redis.kill();
    await stack.send(
      threadReply(uri, threadTs, "An answer while Redis is away.", { ts: "1790000000.000100" }),
    );
    await eventually(() => notices().includes(NOTICES.notSaved), 30_000, "the notice for the message");
    await stack.send(buttonPress(uri, threadTs, "hint", turnId));
    await eventually(() => notices().includes(NOTICES.pressNotSaved), 30_000, "the notice for the button");
    const status = interviewCommand(emulator, uri, "status");
    await stack.send(status.request);
    expect(await commandReply(emulator, status.responseUrl)).toBe(NOTICES.commandNotDone);
    expect(NOTICES.notSaved).toMatch(/temporarily unavailable: your answers so far are safe/);

    await redis.restart();
    await eventually(
      async () => {
        await stack.send(
          threadReply(uri, threadTs, "Sent again once Redis is back.", { ts: "1790000000.000200" }),
        );
        await stack.settle();
        const draft = (await stack.session(conversation))?.turn?.draft ?? [];
        return draft.some((message) => message.text === "Sent again once Redis is back.");
      },
      30_000,
      "the message sent again to be recorded",
    );
    const draft = (await stack.session(conversation))?.turn?.draft.map((message) => message.text);
    expect(draft).toEqual(["Sent again once Redis is back."]);
  });
});
