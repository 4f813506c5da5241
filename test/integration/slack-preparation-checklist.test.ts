// The second-round preparation checklist through the real Bolt app and the fake Web API: the
// opening message of a second round carries it, and the report's Preparation section marks each item.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { buttonPress, CASEY, latestTurnId, startInterview, threadReply } from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix: uniquePrefix("slack-preparation") });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

const WHY_US =
  "I've used your app for three years, so I know it as a customer. Unlike Monzo, you offer business accounts " +
  "to sole traders without a monthly fee, which is exactly what my parents needed for their shop.";
const NUMBERS =
  "I've compared similar analyst roles in London, and my salary expectation is £45-50k. " +
  "I'm on one month's notice, so I could start on 3 March.";
const STRATEGIC =
  "What are the team's biggest challenges this year, and what does success look like in 90 days?";

type Block = { type: string; text?: { text?: string } };

function blocksOf(threadTs: string): Block[] {
  return emulator
    .messagesIn(CASEY.channelId, threadTs)
    .flatMap((message) => (message.blocks ?? []) as Block[]);
}

describe("the second-round preparation checklist on Slack", () => {
  it("opens a second round with the checklist and ends with the Preparation section", async () => {
    const { threadTs, conversation } = await startInterview(stack, emulator, CASEY, {
      role: "Product Analyst",
      company: "Starling",
      stage: "second",
      questions: "2",
    });
    const opening = emulator
      .messagesIn(CASEY.channelId, threadTs)
      .map((message) => message.text)
      .join("\n");
    expect(opening).toContain("Before we start, your second-round checklist:");
    expect(opening).toContain(
      "Numbers ready: your salary range, your notice period, the date you could start.",
    );

    const answers = [WHY_US, NUMBERS];
    for (let prompt = 0; prompt < 8; prompt += 1) {
      const session = await stack.session(conversation);
      if (session?.phase !== "interviewing") break;
      const turnId = latestTurnId(emulator, CASEY.channelId, threadTs) ?? "";
      const closing = session.currentIndex === session.questions.length - 1;
      await stack.send(threadReply(CASEY, threadTs, closing ? STRATEGIC : (answers.shift() ?? NUMBERS)));
      await stack.settle();
      await stack.send(buttonPress(CASEY, threadTs, "submit", turnId));
      await stack.settle();
    }
    expect((await stack.session(conversation))?.phase).toBe("finished");

    const blocks = blocksOf(threadTs);
    const headers = blocks.filter((block) => block.type === "header").map((block) => block.text?.text);
    expect(headers).toContain("Preparation");
    const sections = blocks.map((block) => block.text?.text ?? "").join("\n");
    expect(sections).toContain("*Why this company over its competitors: shown*");
    expect(sections).toContain(
      '> "Unlike Monzo, you offer business accounts to sole traders without a monthly fee, which is exactly what my parents needed for their shop."',
    );
    expect(sections).toContain("*Salary range: shown*");
    expect(sections).toContain("*Notice period: shown*");
    expect(sections).toContain("*Start date: shown*");
    expect(sections).toContain("*Company research: not shown*");
    expect(sections).toContain("*Questions for the panel: shown*");
    for (const sent of emulator.sent.filter((call) => call.method === "chat.postMessage"))
      expect(sent.blocks?.length ?? 0).toBeLessThanOrEqual(50);
    expect(emulator.calls.filter((call) => call.response?.ok === false)).toEqual([]);
  });
});
