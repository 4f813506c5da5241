// Practice mode through the real Bolt app against the fake Web API, on a real Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { eventually } from "../support/eventually.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  latestTurnId,
  slackPerson,
  startInterview,
  threadReply,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";
import { BETTER_ATTEMPT, FIRST_ATTEMPT, offlineCoachAsking } from "../support/story-question-coach.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, {
    keyPrefix: uniquePrefix("slack-practice"),
    coach: offlineCoachAsking(),
  });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

type Block = { elements?: { action_id?: string; value?: string }[] };

/** The newest bot message in the thread with a button `sr_<action>`: its text and the button's turn id. */
function latestWithButton(channelId: string, threadTs: string, action: string) {
  for (const message of emulator.messagesIn(channelId, threadTs).toReversed()) {
    for (const block of (message.blocks ?? []) as Block[]) {
      const button = block.elements?.find((element) => element.action_id === `sr_${action}`);
      if (button?.value) return { text: message.text, turnId: button.value };
    }
  }
  return undefined;
}

describe("practice mode on Slack", () => {
  it("posts feedback after the answer, a stronger version, a retry, and both scores in the report", async () => {
    const gil = slackPerson(emulator, "U0GIL", "gil");
    const { threadTs, conversation } = await startInterview(stack, emulator, gil, {
      questions: "1",
      mode: "practice",
      difficulty: "supportive",
    });
    const session = await stack.session(conversation);
    expect(session?.options).toMatchObject({ mode: "practice", difficulty: "supportive" });

    const question = latestTurnId(emulator, gil.channelId, threadTs) ?? "";
    await stack.send(threadReply(gil, threadTs, FIRST_ATTEMPT));
    await stack.settle();
    await stack.send(buttonPress(gil, threadTs, "submit", question));
    await stack.settle();
    // Answer the follow-up if the panel asks one, then the feedback comes before the next question.
    const probe = latestTurnId(emulator, gil.channelId, threadTs);
    if (probe?.endsWith(":probe")) {
      await stack.send(threadReply(gil, threadTs, "It took two days less."));
      await stack.send(threadReply(gil, threadTs, "!submit"));
      await stack.settle();
    }
    const feedback = await emulator.waitFor(() => latestWithButton(gil.channelId, threadTs, "retry"));
    expect(feedback.text).toMatch(/Practice feedback: \d+\/100/);
    expect(feedback.turnId).toBe(`${question}:review`);

    await stack.send(buttonPress(gil, threadTs, "stronger", feedback.turnId));
    const stronger = await emulator.waitFor(() =>
      emulator
        .messagesIn(gil.channelId, threadTs)
        .find((message) => message.text.includes("A stronger version")),
    );
    expect(stronger.text).toMatch(/Task: \[what you were responsible for or trying to achieve\]/);

    await stack.send(buttonPress(gil, threadTs, "retry", feedback.turnId));
    await stack.settle();
    expect(latestTurnId(emulator, gil.channelId, threadTs)).toBe(question);
    await stack.send(threadReply(gil, threadTs, BETTER_ATTEMPT));
    await stack.send(threadReply(gil, threadTs, "!submit"));
    await stack.settle();
    const second = await emulator.waitFor(() => {
      const latest = latestWithButton(gil.channelId, threadTs, "retry");
      return latest?.text.includes("Since your last attempt") ? latest : undefined;
    });

    await stack.send(buttonPress(gil, threadTs, "next", second.turnId));
    await stack.settle();
    await stack.send(threadReply(gil, threadTs, "!skip"));
    await stack.settle();
    await eventually(
      async () => (await stack.session(conversation))?.phase === "finished",
      10_000,
      "the report",
    );
    const posted = JSON.stringify(emulator.messagesIn(gil.channelId, threadTs));
    expect(posted).toMatch(/Answered 2 times \(attempt 1: \d+, attempt 2: \d+\)/);
    expect(posted).toMatch(/Change: .*Task: missing → present.*overall \d+ → \d+/);
  });
});
