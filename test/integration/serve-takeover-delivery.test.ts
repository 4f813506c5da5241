// Two `secondround serve` processes on one Redis, both connected to Discord and Slack. The first is SIGKILLed in the
// middle of delivering four interviews' messages: on each platform one post has reached the platform without the
// delivery being recorded, and one is stalled before reaching it. The survivor's delivery sweep must deliver what
// is missing, within 30 s, and nothing twice. Discord's nonce window is shortened to 1 s, shorter than the grace
// period, so the nonce alone cannot stop a repeat.
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

const KEY_PREFIX = "sr-takeover";
/** How long a process has to deliver before another's sweep takes over: short, so the test runs fast. */
const GRACE_MS = 2_000;
const SETTLE_MS = 30_000;

let redis: ThrowawayRedis;
let discord: DiscordEmulator;
let slack: SlackWebApiEmulator;
let store: RedisSessionStore;
const started: ServedBots[] = [];

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

async function serve(discordApiUrl: string): Promise<ServedBots> {
  const bots = await ServedBots.start({
    redisUrl: redis.url,
    keyPrefix: KEY_PREFIX,
    discord,
    slack,
    deliveryGraceMs: GRACE_MS,
    discordApiUrl,
  });
  started.push(bots);
  return bots;
}

const session = async (conversation: ConversationKey) => (await store.load(conversation))?.session ?? null;
const lastSegment = (conversation: ConversationKey) => conversation.split(":").at(-1);

async function startAnswer(interview: ServedInterview, text: string): Promise<void> {
  await interview.say(text);
  await eventually(
    async () => (await session(interview.conversation))?.turn?.draft.some((message) => message.text === text),
    SETTLE_MS,
    `${interview.label} draft`,
  );
}

describe("two serve processes on one Redis, one SIGKILLed mid-delivery", () => {
  it("the other delivers what was left, once, within 30 s", async () => {
    // The first process calls Discord at 127.0.0.1, the second at the same address spelt as IPv6: the emulator
    // tells their requests apart by the Host header.
    const first = await serve(discord.apiUrl);
    const second = await serve(discord.apiUrl.replace("127.0.0.1", "[::ffff:127.0.0.1]"));
    // Slack sends everything to the first process's Request URL until it dies.
    let slackVia = first;
    const fromFirst = (request: RecordedRequest) => request.headers.host?.startsWith("127.0.0.1:") === true;
    // Both receive every Discord interaction; the second's answers wait, so the first takes every press.
    const secondsAcks = discord.holdRequests({
      mode: "before",
      match: (request) => !fromFirst(request) && request.route.startsWith("/interactions/"),
    });

    const interviews = [
      await discordInterview(discord, "ada", 6),
      await discordInterview(discord, "bo", 6),
      await slackInterview(slack, () => slackVia, "U0UMA", "uma", 6),
      await slackInterview(slack, () => slackVia, "U0VIC", "vic", 6),
    ];
    const [ada, bo, uma, vic] = interviews as [
      ServedInterview,
      ServedInterview,
      ServedInterview,
      ServedInterview,
    ];
    for (const [index, interview] of interviews.entries())
      await startAnswer(
        interview,
        `I led the migration and cut reporting time by ${20 + index}% in six weeks.`,
      );

    const discordPost = (interview: ServedInterview) =>
      firstOnly(
        (request: RecordedRequest) =>
          fromFirst(request) &&
          request.method === "POST" &&
          request.route === `/channels/${lastSegment(interview.conversation)}/messages`,
      );
    const slackPost = (interview: ServedInterview) =>
      firstOnly(
        (call: RecordedCall) =>
          call.method === "chat.postMessage" && call.args.thread_ts === lastSegment(interview.conversation),
      );
    const held = [
      // Posted, but the first process never hears so: its delivery is not recorded.
      discord.holdRequests({ mode: "after", match: discordPost(ada) }),
      slack.holdCalls({ mode: "after", match: slackPost(uma) }),
      // Stalled before reaching the platform: nothing posted.
      discord.holdRequests({ mode: "before", match: discordPost(bo) }),
      slack.holdCalls({ mode: "before", match: slackPost(vic) }),
    ];
    for (const interview of interviews) await interview.submit();
    await Promise.all(held.map((hold) => hold.arrived));

    expect(await first.stop("SIGKILL")).toBeNull();
    secondsAcks.release();
    slackVia = second;

    // The survivor's sweep takes the four conversations over.
    await eventually(
      () => interviews.every((interview) => countDelivery(interview).lost === 0),
      SETTLE_MS,
      "the second process to deliver what the first left",
    );
    for (const interview of interviews) {
      const turnIds = interview.posts().flatMap((post) => (post.turnId ? [post.turnId] : []));
      expect(turnIds.at(-1)).toBe(expectedTurnId(await session(interview.conversation)));
    }
    const counts = interviews.map(countDelivery);
    expect(counts).toEqual(interviews.map(() => ({ duplicates: 0, lost: 0 })));
    // What the first process had not posted was posted by the second.
    const secondsPosts = discord.requests.filter(
      (request) =>
        !fromFirst(request) &&
        request.method === "POST" &&
        request.route === `/channels/${lastSegment(bo.conversation)}/messages`,
    );
    expect(secondsPosts.length).toBeGreaterThan(0);

    // The survivor carries on: a next answer on each platform.
    for (const interview of [ada, uma]) {
      await startAnswer(
        interview,
        "Next, I set up a weekly review with the finance team to catch errors early.",
      );
      await interview.submit();
      await eventually(
        () => countDelivery(interview).lost === 0,
        SETTLE_MS,
        `${interview.label} next question`,
      );
      expect(countDelivery(interview)).toEqual({ duplicates: 0, lost: 0 });
    }
    expect(await second.stop("SIGTERM")).toBe(0);
  }, 180_000);
});
