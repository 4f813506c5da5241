import { describe, expect, it } from "vitest";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { inbound, makeEngine } from "../support/engine-harness.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";
import { seededRandom } from "../support/seeded-random.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("bursts");
let counter = 0;
const freshConversation = (): ConversationKey => `terminal:burst-${++counter}`;
const redisStore = () => new RedisSessionStore({ client, keyPrefix });

/** Messages arriving together: pasted answers sent as several quick messages, Slack's bursts. */
describe("message bursts", () => {
  it("stores 50 distinct messages × 3 deliveries across 50 engines exactly once, in order per sender", async () => {
    const conversation = freshConversation();
    await makeEngine({ store: redisStore() }).engine.handle(inbound.start(conversation));
    // 50 replicas with warm caches, as after a few minutes of traffic.
    const engines = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const { engine } = makeEngine({ store: redisStore() });
        await engine.current(conversation);
        return engine;
      }),
    );
    const random = seededRandom(7);
    const pick = () => engines[Math.floor(random() * engines.length)] ?? engines[0];
    // Five senders (say, five Slack delivery workers), each posting its ten messages in order;
    // every message is also redelivered twice, at the same moment, to other replicas.
    const streams = Array.from({ length: 5 }, (_, stream) =>
      Array.from({ length: 10 }, (_, index) => `stream ${stream} message ${index}`),
    );
    await Promise.all(
      streams.map(async (texts, stream) => {
        for (const [index, text] of texts.entries()) {
          const event = inbound.message(conversation, text, `burst-${stream}-${index}`);
          await Promise.all([pick()?.handle(event), pick()?.handle(event), pick()?.handle(event)]);
        }
      }),
    );
    const session = await redisStore().load(conversation);
    const draft = session?.session.turn?.draft.map((message) => message.text) ?? [];
    expect(draft).toHaveLength(50);
    expect(new Set(draft).size).toBe(50);
    for (const texts of streams) expect(draft.filter((text) => texts.includes(text))).toEqual(texts);
    const inboxLeft = await client.llen(`${keyPrefix}:v1:{${conversation}}:inbox`);
    expect(inboxLeft).toBe(0);
  });

  it("keeps all of 20 messages sent at once to one engine", async () => {
    const conversation = freshConversation();
    const { engine } = makeEngine({ store: redisStore() });
    await engine.handle(inbound.start(conversation));
    const texts = Array.from({ length: 20 }, (_, index) => `paragraph ${index}`);
    await Promise.all(texts.map((text) => engine.handle(inbound.message(conversation, text))));
    const draft = (await engine.current(conversation))?.turn?.draft.map((message) => message.text);
    expect([...(draft ?? [])].sort()).toEqual([...texts].sort());
  });

  it("applies a queued message whose process died before applying it when the platform redelivers it", async () => {
    const conversation = freshConversation();
    const { engine } = makeEngine({ store: redisStore() });
    await engine.handle(inbound.start(conversation));
    // The first delivery was claimed and queued; its process died before the commit.
    const event = inbound.message(conversation, "My answer, sent just before the crash.");
    const store = redisStore();
    const queued = await store.enqueue(conversation, {
      eventId: event.eventId,
      author: event.author,
      event: {
        type: "message-received",
        messageId: event.eventId,
        text: "My answer, sent just before the crash.",
        at: 1,
      },
    });
    expect(queued.status).toBe("queued");
    const { engine: survivor } = makeEngine({ store: redisStore() });
    expect(await survivor.handle(event)).toBe("duplicate");
    const draft = (await survivor.current(conversation))?.turn?.draft.map((message) => message.text);
    expect(draft).toEqual(["My answer, sent just before the crash."]);
  });
});
