import { afterAll, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/core/errors.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { conversationKeyPattern, sessionKey } from "../../src/store/store-keys.ts";
import { sessionStoreContract } from "../contracts/session-store.contract.ts";
import { countKeys, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";
import { sampleSession, withDraft } from "../support/sample-session.ts";

const client = testRedisClient();
const keyPrefix = uniquePrefix("store");

sessionStoreContract("redis", (ttls) => {
  const store = new RedisSessionStore({ client, keyPrefix, ...ttls });
  return {
    store,
    corrupt: async (conversation, field, value) => {
      await client.hset(sessionKey(keyPrefix, conversation), field, value);
    },
    remainingKeys: (conversation) => countKeys(client, conversationKeyPattern(keyPrefix, conversation)),
  };
});

describe("RedisSessionStore specifics", () => {
  const store = new RedisSessionStore({ client, keyPrefix });

  it("puts a TTL on every key it writes", async () => {
    const conversation = "terminal:ttl-check" as const;
    await store.commit({ conversation, previous: null, next: sampleSession(conversation), eventId: "e1" });
    const stream = client.scanStream({ match: conversationKeyPattern(keyPrefix, conversation) });
    const keys: string[] = [];
    for await (const batch of stream as AsyncIterable<string[]>) keys.push(...batch);
    expect(keys.length).toBe(2);
    for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
  });

  it("keeps all keys of one interview in one cluster hash slot", async () => {
    const conversation = "discord:guild:thread{odd}" as const;
    await store.commit({ conversation, previous: null, next: sampleSession(conversation), eventId: "e1" });
    const keys: string[] = [];
    for await (const batch of client.scanStream({ match: `${keyPrefix}:*` }) as AsyncIterable<string[]>)
      keys.push(...batch);
    const slots = new Set(
      await Promise.all(
        keys
          .filter((key) => key.includes("thread"))
          .map((key) => client.call("CLUSTER", "KEYSLOT", key).catch(() => keySlotTag(key))),
      ),
    );
    expect(slots.size).toBe(1);
  });

  it("writes only the fields a change touched", async () => {
    const conversation = "terminal:diff-check" as const;
    const created = await store.commit({ conversation, previous: null, next: sampleSession(conversation) });
    if (created.status !== "committed" || !created.stored) throw new Error("setup failed");
    // Re-format the stored questions (same data, different bytes). A store that rewrote every
    // field would overwrite this; one that writes only changes leaves it alone.
    const key = sessionKey(keyPrefix, conversation);
    const reformatted = JSON.stringify(JSON.parse((await client.hget(key, "questions")) ?? "[]"), null, 1);
    await client.hset(key, "questions", reformatted);
    await store.commit({
      conversation,
      previous: created.stored,
      next: withDraft(created.stored.session, "m1", "hello there"),
    });
    expect(await client.hget(key, "questions")).toBe(reformatted);
    expect((await store.load(conversation))?.session.turn?.draft[0]?.text).toBe("hello there");
  });

  it("reports an unreachable Redis as StoreUnavailableError", async () => {
    const offline = new RedisSessionStore({
      url: "redis://127.0.0.1:1",
      redisOptions: { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true },
    });
    await expect(offline.load("terminal:x")).rejects.toBeInstanceOf(StoreUnavailableError);
    await offline.close().catch(() => {});
  });
});

afterAll(async () => {
  const stream = client.scanStream({ match: `${keyPrefix}:*`, count: 500 });
  for await (const keys of stream as AsyncIterable<string[]>)
    if (keys.length > 0) await client.unlink(...keys);
});

/** Outside cluster mode CLUSTER KEYSLOT is unavailable; the hash tag itself identifies the slot. */
function keySlotTag(key: string): string {
  const open = key.indexOf("{");
  const close = key.indexOf("}", open + 1);
  return key.slice(open + 1, close);
}
