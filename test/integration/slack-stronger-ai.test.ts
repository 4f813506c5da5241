// Practice mode's stronger version with an AI coach, through the real Bolt app against the fake Web API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Coach } from "../../src/core/ports/coach-port.ts";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  latestTurnId,
  slackPerson,
  startInterview,
  threadReply,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";
import { FIRST_ATTEMPT, offlineCoachAsking } from "../support/story-question-coach.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;
let rewrites = 0;

/**
 * The story-question coach as an AI coach would present itself, whose rewrite invents a client, a
 * number and a Slack broadcast: the engine's checks, not the coach, decide what is shown.
 */
function rewritingCoach(): Coach {
  const inner = offlineCoachAsking();
  return {
    ...inner,
    name: "llm",
    rewriteStory: async () => {
      rewrites += 1;
      return {
        story: {
          situation: "Last spring I was an analyst on a data migration for Unilever at a retailer.",
          task: "I had to get us back on schedule. <!channel>",
          action: "I rebuilt the migration plan and moved the largest tables myself over the weekend.",
          result: "We finished on time and cut reporting errors by 40%.",
        },
      };
    },
  };
}

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, {
    keyPrefix: uniquePrefix("slack-stronger"),
    coach: rewritingCoach(),
  });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

type Block = { elements?: { action_id?: string; value?: string }[] };

function buttonTurnId(channelId: string, threadTs: string, action: string): string | undefined {
  for (const message of emulator.messagesIn(channelId, threadTs).toReversed()) {
    for (const block of (message.blocks ?? []) as Block[]) {
      const button = block.elements?.find((element) => element.action_id === `sr_${action}`);
      if (button?.value) return button.value;
    }
  }
  return undefined;
}

describe("practice mode's stronger version on Slack with the AI coach", () => {
  it("posts the checked rewrite once for the button, with placeholders for what the candidate never said", async () => {
    const gil = slackPerson(emulator, "U0GIL", "gil");
    const { threadTs } = await startInterview(stack, emulator, gil, { questions: "1", mode: "practice" });
    const question = latestTurnId(emulator, gil.channelId, threadTs) ?? "";
    await stack.send(threadReply(gil, threadTs, FIRST_ATTEMPT));
    await stack.send(buttonPress(gil, threadTs, "submit", question));
    await stack.settle();
    if (latestTurnId(emulator, gil.channelId, threadTs)?.endsWith(":probe")) {
      await stack.send(threadReply(gil, threadTs, "It took two days less."));
      await stack.send(threadReply(gil, threadTs, "!submit"));
      await stack.settle();
    }
    const review = await emulator.waitFor(() => buttonTurnId(gil.channelId, threadTs, "stronger"));
    await stack.send(buttonPress(gil, threadTs, "stronger", review));
    await stack.settle();
    const stronger = await emulator.waitFor(() =>
      emulator
        .messagesIn(gil.channelId, threadTs)
        .find((message) => message.text.includes("rewritten by the AI coach")),
    );
    expect(stronger.text).toMatch(
      /Situation: Last spring I was an analyst on a data migration for \[name\] at a retailer\./,
    );
    expect(stronger.text).toMatch(/Result: We finished on time and cut reporting errors by \[number\]%\./);
    expect(stronger.text).toMatch(/Task: I had to get us back on schedule\./);
    expect(JSON.stringify(stronger)).not.toMatch(/Unilever|40%|!channel/);
    expect(emulator.messagesIn(gil.channelId, threadTs).map((message) => message.text)).toContainEqual(
      expect.stringMatching(/One moment while the AI coach rewrites your answer/),
    );

    // The button again: the kept version, no second request to the coach.
    await stack.send(buttonPress(gil, threadTs, "stronger", review));
    await stack.settle();
    const shown = emulator
      .messagesIn(gil.channelId, threadTs)
      .filter((message) => message.text.includes("rewritten by the AI coach"));
    expect(shown).toHaveLength(2);
    expect(shown[1]?.text).toBe(shown[0]?.text);
    expect(rewrites).toBe(1);
  });
});
