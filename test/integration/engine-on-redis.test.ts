import { describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { inbound, ManualClock, makeEngine } from "../support/engine-harness.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("engine");
let counter = 0;
const freshConversation = (): ConversationKey => `terminal:engine-${++counter}`;
const redisStore = () => new RedisSessionStore({ client, keyPrefix });

describe("engine on real Redis", () => {
  it("accepts exactly one of 50 concurrent answers to the same question; the version rises by one", async () => {
    const conversation = freshConversation();
    const { engine: starter } = makeEngine({ store: redisStore() });
    await starter.handle(inbound.start(conversation));
    const before = (await redisStore().load(conversation))?.session;
    // 50 separate engines with warm caches, like 50 replicas racing.
    const racers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const racer = makeEngine({ store: redisStore() });
        await racer.engine.current(conversation);
        return racer;
      }),
    );
    const outcomes = await Promise.all(
      racers.map((racer, index) =>
        racer.engine.handle(
          inbound.answer(conversation, "conflict-1", `Answer number ${index} with 3 results.`),
        ),
      ),
    );
    const after = (await redisStore().load(conversation))?.session;
    // Every answer was applied by some engine: none is left waiting in the inbox.
    expect(outcomes.filter((outcome) => outcome !== "applied" && outcome !== "unchanged")).toEqual([]);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(after?.answers).toHaveLength(1);
    // Whichever engine applied each refused answer told the candidate, once per answer.
    const refusals = racers.flatMap((racer) =>
      racer.sender.texts().filter((text) => /already been answered/.test(text)),
    );
    expect(refusals).toHaveLength(49);
  });

  it("gives every event delivered three times exactly one effect", async () => {
    const once = await runScript(freshConversation(), 1);
    const thrice = await runScript(freshConversation(), 3);
    expect(thrice.texts).toEqual(once.texts);
    expect(thrice.session?.answers.map((answer) => answer.parts.map((part) => part.text))).toEqual(
      once.session?.answers.map((answer) => answer.parts.map((part) => part.text)),
    );
    expect(thrice.duplicates).toBe(thrice.deliveries - once.deliveries);
  });

  it("keeps two engines on one Redis consistent when they receive interleaved events", async () => {
    const conversation = freshConversation();
    const clock = new ManualClock();
    const first = makeEngine({ store: redisStore(), clock });
    const second = makeEngine({ store: redisStore(), clock });
    await first.engine.handle(inbound.start(conversation, { questionCount: 2 }));
    await second.engine.handle(inbound.message(conversation, "Part one from replica two."));
    await first.engine.handle(inbound.message(conversation, "Part two from replica one, 4 people."));
    await second.engine.handle(inbound.action(conversation, "submit", "conflict-1"));
    const session = (await redisStore().load(conversation))?.session;
    expect(session?.answers[0]?.parts[0]?.text).toBe(
      "Part one from replica two.\nPart two from replica one, 4 people.",
    );
    expect(session?.currentIndex).toBe(1);
  });
});

async function runScript(conversation: ConversationKey, deliveries: number) {
  const clock = new ManualClock();
  const { engine, sender } = makeEngine({ store: redisStore(), clock });
  const events = [
    inbound.start(conversation, { questionCount: 2 }),
    inbound.message(conversation, "We disagreed about scope.", "m1"),
    inbound.message(conversation, "I proposed a pilot with 2 teams.", "m2"),
    inbound.action(conversation, "submit", "conflict-1"),
    inbound.message(conversation, "I like data.", "m3"),
    inbound.action(conversation, "submit"),
    inbound.message(conversation, "What are the team's priorities?", "m4"),
    inbound.action(conversation, "submit"),
  ];
  let duplicates = 0;
  let total = 0;
  for (const event of events) {
    clock.advance(1_000);
    // Redeliveries arrive concurrently with the original, as Slack retries and gateway replays do.
    const outcomes = await Promise.all(Array.from({ length: deliveries }, () => engine.handle(event)));
    total += outcomes.length;
    duplicates += outcomes.filter((outcome) => outcome === "duplicate").length;
  }
  const texts = sender.texts().map((text) => text.replace(/session-\d+/g, "session"));
  return { texts, session: await engine.current(conversation), duplicates, deliveries: total };
}
