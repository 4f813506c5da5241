// `secondround serve` restarted five times (SIGTERM and SIGKILL) with two interviews open on Discord and two on
// Slack, each in the middle of an answer at every stop. Three of the stops kill the process while a post has
// reached the platform but its delivery is not recorded (the emulator applies the request and holds the answer),
// one while posts are stalled before reaching it. Every prompt and acknowledgement must appear exactly once.
// Discord's nonce window is shortened to 1 s: a restart takes longer, so the nonce alone cannot stop a repeat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { DiscordEmulator, type RecordedRequest } from "../emulators/discord/index.ts";
import {
  type RecordedCall,
  type SlackWebApiEmulator,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { eventually } from "../support/eventually.ts";
import {
  countDelivery,
  discordInterview,
  expectedTurnId,
  firstOnly,
  ServedBots,
  type ServedInterview,
  slackInterview,
} from "../support/served-interviews.ts";
import { startThrowawayRedis, type ThrowawayRedis } from "../support/throwaway-redis.ts";

const KEY_PREFIX = "sr-restarts";
/** Generous: each step waits on a child process of a busy machine, never on a measured duration. */
const SETTLE_MS = 30_000;

let redis: ThrowawayRedis;
let discord: DiscordEmulator;
let slack: SlackWebApiEmulator;
let store: RedisSessionStore;
let serving: ServedBots;
const started: ServedBots[] = [];

async function serve(): Promise<ServedBots> {
  serving = await ServedBots.start({ redisUrl: redis.url, keyPrefix: KEY_PREFIX, discord, slack });
  started.push(serving);
  return serving;
}

beforeAll(async () => {
  redis = await startThrowawayRedis();
  discord = new DiscordEmulator({ nonceWindowMs: 1_000 });
  await discord.start();
  slack = await startSlackWebApiEmulator();
  store = new RedisSessionStore({ url: redis.url, keyPrefix: KEY_PREFIX });
});

afterAll(async () => {
  for (const bots of started) bots.cli.child.kill("SIGKILL");
  await Promise.all(started.map((bots) => bots.cli.exited));
  await store?.close();
  await discord?.stop();
  await slack?.close();
  await redis?.stop();
});

const session = async (conversation: ConversationKey) => (await store.load(conversation))?.session ?? null;

/** A different number of words for every answer, so no two acknowledgements read alike. */
function answerText(interview: number, round: number, part: string): string {
  const filler = Array.from({ length: 4 + interview + (round % 100) * 5 }, (_, index) => `word${index}`);
  return `Round ${round} ${part}: I led the migration and cut reporting time by ${10 + round}%. ${filler.join(" ")}`;
}

/** Sends part of an answer and waits until it is saved: the interview is mid-answer. */
async function startAnswer(interview: ServedInterview, index: number, round: number): Promise<void> {
  const text = answerText(index, round, "draft");
  await interview.say(text);
  await eventually(
    async () => (await session(interview.conversation))?.turn?.draft.some((message) => message.text === text),
    SETTLE_MS,
    `${interview.label} draft of round ${round}`,
  );
}

/** Waits until the thread shows everything owed so far, then checks that the newest prompt is the current turn. */
async function caughtUp(interview: ServedInterview): Promise<void> {
  await eventually(() => countDelivery(interview).lost === 0, SETTLE_MS, `${interview.label} caught up`);
  const turnIds = interview.posts().flatMap((post) => (post.turnId ? [post.turnId] : []));
  expect(turnIds.at(-1)).toBe(expectedTurnId(await session(interview.conversation)));
}

const slackPostIn = (conversation: ConversationKey) => {
  const threadTs = conversation.split(":").at(-1);
  return (call: RecordedCall) => call.method === "chat.postMessage" && call.args.thread_ts === threadTs;
};
const discordPostIn = (conversation: ConversationKey) => {
  const threadId = conversation.split(":").at(-1);
  return (request: RecordedRequest) =>
    request.method === "POST" && request.route === `/channels/${threadId}/messages`;
};

describe("secondround serve restarted five times with interviews open on Discord and Slack", () => {
  it("posts every prompt and acknowledgement exactly once", async () => {
    await serve();
    const interviews = [
      await discordInterview(discord, "ada", 8),
      await discordInterview(discord, "bo", 8),
      await slackInterview(slack, () => serving, "U0UMA", "uma", 8),
      await slackInterview(slack, () => serving, "U0VIC", "vic", 8),
    ];
    const [ada, bo, uma, vic] = interviews as [
      ServedInterview,
      ServedInterview,
      ServedInterview,
      ServedInterview,
    ];
    const number = (interview: ServedInterview) => interviews.indexOf(interview);
    /** Answers and submits, then waits for the acknowledgement and the next prompt. */
    const answerAndSubmit = async (interview: ServedInterview, round: number) => {
      await startAnswer(interview, number(interview), round);
      await interview.say(answerText(number(interview), round, "rest"));
      await interview.submit();
      await caughtUp(interview);
    };
    /** Leaves these interviews mid-answer: part of the next answer sent and saved. */
    const midAnswer = async (round: number, ...which: ServedInterview[]) => {
      for (const interview of which) await startAnswer(interview, number(interview), 100 + round);
    };
    const restart = async (signal: "SIGTERM" | "SIGKILL") => {
      const code = await serving.stop(signal);
      if (signal === "SIGTERM") expect(code).toBe(0);
      await serve();
      for (const interview of interviews) await caughtUp(interview);
    };

    // 1: everyone answers; a clean stop (SIGTERM) while each is mid-answer.
    for (const interview of interviews) await answerAndSubmit(interview, 1);
    await midAnswer(1, ...interviews);
    await restart("SIGTERM");

    // 2: SIGKILL once uma's acknowledgement is posted on Slack but not yet recorded.
    for (const interview of [ada, bo, vic]) await answerAndSubmit(interview, 2);
    await midAnswer(2, ada, bo, vic);
    await startAnswer(uma, number(uma), 2);
    const umaAck = slack.holdCalls({ mode: "after", match: firstOnly(slackPostIn(uma.conversation)) });
    await uma.submit();
    await umaAck.arrived;
    await restart("SIGKILL");

    // 3: another clean stop, everyone mid-answer.
    for (const interview of interviews) await answerAndSubmit(interview, 3);
    await midAnswer(3, ...interviews);
    await restart("SIGTERM");

    // 4: SIGKILL with ada's acknowledgement posted on Discord but not recorded, and bo's and vic's posts stalled
    // before they reached either platform.
    await answerAndSubmit(uma, 4);
    await midAnswer(4, uma);
    for (const interview of [ada, bo, vic]) await startAnswer(interview, number(interview), 4);
    const adaAck = discord.holdRequests({ mode: "after", match: firstOnly(discordPostIn(ada.conversation)) });
    const boStalled = discord.holdRequests({
      mode: "before",
      match: firstOnly(discordPostIn(bo.conversation)),
    });
    const vicStalled = slack.holdCalls({ mode: "before", match: firstOnly(slackPostIn(vic.conversation)) });
    for (const interview of [ada, bo, vic]) await interview.submit();
    await Promise.all([adaAck.arrived, boStalled.arrived, vicStalled.arrived]);
    await restart("SIGKILL");

    // 5: SIGKILL with posts on both platforms not recorded (bo on Discord, vic on Slack).
    await answerAndSubmit(ada, 5);
    await answerAndSubmit(uma, 5);
    await midAnswer(5, ada, uma);
    await startAnswer(bo, number(bo), 5);
    await startAnswer(vic, number(vic), 5);
    const boAck = discord.holdRequests({ mode: "after", match: firstOnly(discordPostIn(bo.conversation)) });
    const vicAck = slack.holdCalls({ mode: "after", match: firstOnly(slackPostIn(vic.conversation)) });
    await bo.submit();
    await vic.submit();
    await Promise.all([boAck.arrived, vicAck.arrived]);
    await restart("SIGKILL");

    // After the fifth restart: everything owed is there, once.
    const counts = interviews.map(countDelivery);
    const total = counts.reduce((sum, count) => ({
      duplicates: sum.duplicates + count.duplicates,
      lost: sum.lost + count.lost,
    }));
    expect(total).toEqual({ duplicates: 0, lost: 0 });
    // The drafts left at the last stop survived it.
    for (const interview of [ada, uma]) {
      const drafts = (await session(interview.conversation))?.turn?.draft.map((message) => message.text);
      expect(drafts).toContain(answerText(number(interview), 105, "draft"));
    }
    expect(await serving.stop("SIGTERM")).toBe(0);
  }, 300_000);
});
