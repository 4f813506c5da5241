// Slack redelivers an event it thinks failed (X-Slack-Retry-Num 1-3, same event_id), and a deployment
// may run several replicas behind one Request URL. Each event must change the interview once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { InboundRequest, RetryMarker, SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  latestTurnId,
  openStartForm,
  parentMessage,
  promptCount,
  type SlackPerson,
  slackPerson,
  startInterview,
  startSubmission,
  threadReply,
  threadTexts,
} from "../support/slack-candidate.ts";
import { CLOSING_QUESTIONS, STAR_ANSWER_PARTS } from "../support/slack-fixtures.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let first: SlackStack;
let second: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  // Two replicas of one deployment: two Bolt apps on two ports, one Redis prefix, one Slack.
  const keyPrefix = uniquePrefix("slack-once");
  first = await startSlackStack(emulator, { keyPrefix });
  second = await startSlackStack(emulator, { keyPrefix });
});

afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await emulator?.close();
});

const person = (userId: string, userName: string) => slackPerson(emulator, userId, userName);

const RETRIES: (RetryMarker | undefined)[] = [
  undefined,
  { num: 1, reason: "http_timeout" },
  { num: 2, reason: "http_error" },
  { num: 3, reason: "http_timeout" },
];

/** The first delivery and its three retries: same body and event_id, Slack's retry headers added. */
function fourDeliveries(build: (retry: RetryMarker | undefined) => InboundRequest): InboundRequest[] {
  return RETRIES.map(build);
}

async function deliverAll(stack: SlackStack, requests: InboundRequest[]): Promise<void> {
  const responses = await Promise.all(requests.map((request) => stack.send(request)));
  expect(responses.map((response) => response.status)).toEqual(requests.map(() => 200));
  await stack.settle();
}

const count = (texts: string[], pattern: RegExp) => texts.filter((text) => pattern.test(text)).length;

describe("every event delivered four times has exactly one effect", () => {
  let uma: SlackPerson;
  let threadTs: string;
  let conversation: ConversationKey;

  beforeAll(async () => {
    uma = person("U0UMA", "uma");
    ({ threadTs, conversation } = await startInterview(first, emulator, uma, { questions: "2" }));
  });

  it("a message retried with http_timeout / http_error is appended once", async () => {
    const ts = "1790000000.000100";
    await deliverAll(
      first,
      fourDeliveries((retry) =>
        threadReply(uma, threadTs, STAR_ANSWER_PARTS[0] ?? "", {
          ts,
          eventId: "Ev0ONCE0001",
          ...(retry ? { retry } : {}),
        }),
      ),
    );

    const draft = (await first.session(conversation))?.turn?.draft;
    expect(draft?.map((message) => message.id)).toEqual([`${uma.channelId}:${ts}`]);
  });

  it("a typed !submit retried three times records the answer and asks the next prompt once", async () => {
    const prompts = promptCount(emulator, uma.channelId, threadTs);
    await deliverAll(
      first,
      fourDeliveries((retry) =>
        threadReply(uma, threadTs, "!submit", {
          ts: "1790000000.000200",
          eventId: "Ev0ONCE0002",
          ...(retry ? { retry } : {}),
        }),
      ),
    );

    // The answer is recorded once; the next prompt (a follow-up or question 2) is asked once.
    expect(count(threadTexts(emulator, uma.channelId, threadTs), /^Answer recorded:/)).toBe(1);
    expect(promptCount(emulator, uma.channelId, threadTs)).toBe(prompts + 1);
  });

  it("a button press delivered four times gives one hint", async () => {
    const press = buttonPress(uma, threadTs, "hint", latestTurnId(emulator, uma.channelId, threadTs) ?? "");
    await deliverAll(first, [press, press, press, press]);

    expect(count(threadTexts(emulator, uma.channelId, threadTs), /^Hint:/)).toBe(1);
  });

  it("a form submission delivered four times (to both replicas) opens one interview", async () => {
    const vic = person("U0VIC", "vic");
    const view = await openStartForm(first, emulator, vic);
    const submission = startSubmission(view, vic, { questions: "1" });

    await Promise.all([
      first.send(submission),
      second.send(submission),
      first.send(submission),
      second.send(submission),
    ]);
    await first.settle();
    await second.settle();

    const parents = emulator
      .messagesIn(vic.channelId)
      .filter((message) => message.text.includes(`<@${vic.userId}>`));
    expect(parents).toHaveLength(1);
    expect(await first.services.desk.history(`slack:${vic.teamId}`, vic.userId)).toHaveLength(1);
  });
});

describe("two replicas sharing one Redis", () => {
  it("stay consistent when the events of one interview are spread and repeated across them", async () => {
    const wes = person("U0WES", "wes");
    const replicas = [first, second];
    const versions: number[] = [];
    let conversation: ConversationKey | undefined;
    let step = 0;
    // Every event goes to one replica and, as a redelivery, to the other at the same time.
    const deliver = async (request: InboundRequest) => {
      const [one, other] = step % 2 === 0 ? replicas : [...replicas].reverse();
      step += 1;
      await Promise.all([one?.send(request), other?.send(request)]);
      await first.settle();
      await second.settle();
      const session = conversation ? await first.session(conversation) : null;
      if (session) versions.push(session.version);
    };

    const view = await openStartForm(first, emulator, wes);
    await second.send(startSubmission(view, wes, { questions: "2" }));
    const parent = await emulator.waitFor(() => parentMessage(emulator, wes), 10_000);
    await emulator.waitFor(() => latestTurnId(emulator, wes.channelId, parent.ts));
    const threadTs = parent.ts;
    conversation = `slack:${wes.teamId}:${wes.channelId}:${threadTs}`;

    // Answer every prompt (follow-ups included), typing "!submit" and pressing Submit in turn.
    let messageNumber = 0;
    let submits = 0;
    const nextIds = () => {
      messageNumber += 1;
      return {
        ts: `1791000000.${String(messageNumber * 100).padStart(6, "0")}`,
        eventId: `Ev0TWO${messageNumber}`,
      };
    };
    let prompts = 0;
    for (; prompts < 10; prompts += 1) {
      const current = await first.session(conversation);
      if (current?.phase !== "interviewing") break;
      const closing = current.currentIndex === current.questions.length - 1;
      for (const text of closing ? [CLOSING_QUESTIONS] : STAR_ANSWER_PARTS)
        await deliver(threadReply(wes, threadTs, text, nextIds()));
      if (prompts % 2 === 0) {
        submits += 1;
        await deliver(threadReply(wes, threadTs, "!submit", nextIds()));
      } else {
        const turnId = latestTurnId(emulator, wes.channelId, threadTs) ?? "";
        await deliver(buttonPress(wes, threadTs, "submit", turnId));
      }
    }

    const session = await first.session(conversation);
    expect(session?.phase).toBe("finished");
    const answered = session?.answers.filter((answer) => answer.status === "answered") ?? [];
    expect(answered).toHaveLength(3);
    expect(answered[0]?.parts[0]?.text).toBe(STAR_ANSWER_PARTS.join("\n"));
    // Every message is in the transcript once, though each reached both replicas.
    const messageIds = answered.flatMap((answer) => answer.parts.flatMap((part) => part.messageIds));
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(messageIds).toHaveLength(messageNumber - submits);
    for (let i = 1; i < versions.length; i += 1)
      expect(versions[i]).toBeGreaterThanOrEqual(versions[i - 1] ?? 0);
    const texts = threadTexts(emulator, wes.channelId, threadTs);
    expect(count(texts, /^\*Question 1 of 2\*/)).toBe(1);
    expect(count(texts, /^\*Question 2 of 2\*/)).toBe(1);
    expect(count(texts, /^\*That's all from me\./)).toBe(1);
    expect(count(texts, /^Answer recorded:/)).toBe(prompts);
    expect(promptCount(emulator, wes.channelId, threadTs)).toBe(prompts);
    expect(count(texts, /^Your interview feedback/)).toBe(1);
  });
});
